//! Weights of `pallet_civitas_aliases`.
//!
//! The pallet is not in the runtime yet (docs/privacy.md, "Plan", step 2): its benchmarks
//! (`benchmarking.rs`) run as tests in the pallet's mock, and `scripts/benchmark.sh` writes the
//! measured `SubstrateWeight` here when the runtime includes the pallet. Until then only the
//! unit weights of the test runtime exist.

use frame_support::weights::Weight;

/// Weight functions needed for `pallet_civitas_aliases`.
pub trait WeightInfo {
	/// `bind`: one proof verified against a root.
	fn bind() -> Weight;
	/// Building the verifier's context (once per block, at the first proof).
	fn verifier_context() -> Weight;
	/// `unbind`.
	fn unbind() -> Weight;
	/// One step of ring building: `n` member keys pushed, and the root finished.
	fn build_step(n: u32) -> Weight;
	/// `PersonRings::join`.
	fn join() -> Weight;
	/// `PersonRings::leave` from a full ring.
	fn leave() -> Weight;
}

/// For the test runtime: every call and step weighs nothing.
impl WeightInfo for () {
	fn bind() -> Weight {
		Weight::zero()
	}
	fn verifier_context() -> Weight {
		Weight::zero()
	}
	fn unbind() -> Weight {
		Weight::zero()
	}
	fn build_step(_n: u32) -> Weight {
		Weight::zero()
	}
	fn join() -> Weight {
		Weight::zero()
	}
	fn leave() -> Weight {
		Weight::zero()
	}
}
