//! THIS FILE WAS AUTO-GENERATED USING THE SUBSTRATE BENCHMARK CLI VERSION 64.0.0
//! DATE: 2026-11-26 (Y/M/D)
//! HOSTNAME: `vm`, CPU: `AMD EPYC`
//!
//! SHORT-NAME: `block`, LONG-NAME: `BlockExecution`, RUNTIME: `civitas`
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
	/// Weight of executing an empty block.
	/// Calculated by multiplying the *Average* with `1.0` and adding `0`.
	///
	/// Stats nanoseconds:
	///   Min, Max: 187_549, 403_259
	///   Average:  230_002
	///   Median:   229_010
	///   Std-Dev:  35374.27
	///
	/// Percentiles nanoseconds:
	///   99th: 313_866
	///   95th: 296_540
	///   75th: 246_206
	pub const BlockExecutionWeight: Weight =
		Weight::from_parts(WEIGHT_REF_TIME_PER_NANOS.saturating_mul(230_002), 0);
}

#[cfg(test)]
mod test_weights {
	use frame_support::weights::constants;

	/// Checks that the weight exists and is sane.
	// NOTE: If this test fails but you are sure that the generated values are fine,
	// you can delete it.
	#[test]
	fn sane() {
		let w = super::BlockExecutionWeight::get();

		// At least 100 µs.
		assert!(
			w.ref_time() >= 100u64 * constants::WEIGHT_REF_TIME_PER_MICROS,
			"Weight should be at least 100 µs."
		);
		// At most 50 ms.
		assert!(
			w.ref_time() <= 50u64 * constants::WEIGHT_REF_TIME_PER_MILLIS,
			"Weight should be at most 50 ms."
		);
	}
}
