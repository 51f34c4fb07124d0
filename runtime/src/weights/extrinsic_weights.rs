//! THIS FILE WAS AUTO-GENERATED USING THE SUBSTRATE BENCHMARK CLI VERSION 64.0.0
//! DATE: 2026-11-26 (Y/M/D)
//! HOSTNAME: `vm`, CPU: `AMD EPYC`
//!
//! SHORT-NAME: `extrinsic`, LONG-NAME: `ExtrinsicBase`, RUNTIME: `civitas`
//! WARMUPS: `10`, REPEAT: `100`
//! WEIGHT-PATH: `runtime/src/weights`
//! WEIGHT-METRIC: `Average`, WEIGHT-MUL: `1.0`, WEIGHT-ADD: `0`

// Executed Command:
//   /root/.cargo/bin/frame-omni-bencher
//   v1
//   benchmark
//   overhead
//   --runtime
//   /root/.cache/civitas/bench-target/release/wbuild/civitas-runtime/civitas_runtime.compact.compressed.wasm
//   --genesis-builder-preset
//   development
//   --weight-path
//   runtime/src/weights

use frame_support::weights::{constants::WEIGHT_REF_TIME_PER_NANOS, Weight};
use sp_core::parameter_types;

parameter_types! {
	/// Weight of executing a NO-OP extrinsic, for example `System::remark`.
	/// Calculated by multiplying the *Average* with `1.0` and adding `0`.
	///
	/// Stats nanoseconds:
	///   Min, Max: 85_516, 118_995
	///   Average:  91_185
	///   Median:   89_453
	///   Std-Dev:  6160.52
	///
	/// Percentiles nanoseconds:
	///   99th: 114_140
	///   95th: 103_790
	///   75th: 92_403
	pub const ExtrinsicBaseWeight: Weight =
		Weight::from_parts(WEIGHT_REF_TIME_PER_NANOS.saturating_mul(91_185), 0);
}

#[cfg(test)]
mod test_weights {
	use frame_support::weights::constants;

	/// Checks that the weight exists and is sane.
	// NOTE: If this test fails but you are sure that the generated values are fine,
	// you can delete it.
	#[test]
	fn sane() {
		let w = super::ExtrinsicBaseWeight::get();

		// At least 10 µs.
		assert!(
			w.ref_time() >= 10u64 * constants::WEIGHT_REF_TIME_PER_MICROS,
			"Weight should be at least 10 µs."
		);
		// At most 1 ms.
		assert!(
			w.ref_time() <= constants::WEIGHT_REF_TIME_PER_MILLIS,
			"Weight should be at most 1 ms."
		);
	}
}
