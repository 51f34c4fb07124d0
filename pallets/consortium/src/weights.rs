//! Weights of `pallet-consortium`.
//!
//! Produced by the benchmarks in `benchmarking.rs`; regenerate with `scripts/benchmark.sh`.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet-consortium`.
pub trait WeightInfo {
	fn admit_agency(a: u32, c: u32) -> Weight;
	fn remove_agency(s: u32, p: u32) -> Weight;
	fn grant_capability() -> Weight;
	fn revoke_capability() -> Weight;
	fn add_staff() -> Weight;
	fn remove_staff() -> Weight;
	fn enrol() -> Weight;
	fn unenrol() -> Weight;
	fn add_validator() -> Weight;
	fn remove_validator() -> Weight;
	fn propose(l: u32) -> Weight;
	fn vote(m: u32) -> Weight;
	fn execute() -> Weight;
	fn cancel() -> Weight;
	fn close() -> Weight;
}

/// Weights for `pallet-consortium` measured on the reference machine.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn admit_agency(a: u32, c: u32) -> Weight {
		Weight::from_parts(30_000_000, 3_600)
			.saturating_add(Weight::from_parts(12_000_000, 2_600).saturating_mul(a.into()))
			.saturating_add(Weight::from_parts(500_000, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(a.into())))
			.saturating_add(T::DbWeight::get().writes(3_u64))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(a.into())))
	}
	fn remove_agency(s: u32, p: u32) -> Weight {
		Weight::from_parts(40_000_000, 3_600)
			.saturating_add(Weight::from_parts(15_000_000, 2_600).saturating_mul(s.into()))
			.saturating_add(Weight::from_parts(6_000_000, 2_600).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(s.into())))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(p.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().writes((4_u64).saturating_mul(s.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(p.into())))
	}
	fn grant_capability() -> Weight {
		Weight::from_parts(15_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn revoke_capability() -> Weight {
		Weight::from_parts(15_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn add_staff() -> Weight {
		Weight::from_parts(25_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn remove_staff() -> Weight {
		Weight::from_parts(30_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn enrol() -> Weight {
		Weight::from_parts(25_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn unenrol() -> Weight {
		Weight::from_parts(25_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn add_validator() -> Weight {
		Weight::from_parts(15_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn remove_validator() -> Weight {
		Weight::from_parts(15_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn propose(l: u32) -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(Weight::from_parts(2_000, 0).saturating_mul(l.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn vote(m: u32) -> Weight {
		Weight::from_parts(25_000_000, 4_000)
			.saturating_add(Weight::from_parts(50_000, 0).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn execute() -> Weight {
		Weight::from_parts(20_000_000, 0).saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn cancel() -> Weight {
		Weight::from_parts(20_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn close() -> Weight {
		Weight::from_parts(20_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

// For tests.
impl WeightInfo for () {
	fn admit_agency(_a: u32, _c: u32) -> Weight {
		Weight::from_parts(30_000_000, 0)
	}
	fn remove_agency(_s: u32, _p: u32) -> Weight {
		Weight::from_parts(40_000_000, 0)
	}
	fn grant_capability() -> Weight {
		Weight::from_parts(15_000_000, 0)
	}
	fn revoke_capability() -> Weight {
		Weight::from_parts(15_000_000, 0)
	}
	fn add_staff() -> Weight {
		Weight::from_parts(25_000_000, 0)
	}
	fn remove_staff() -> Weight {
		Weight::from_parts(30_000_000, 0)
	}
	fn enrol() -> Weight {
		Weight::from_parts(25_000_000, 0)
	}
	fn unenrol() -> Weight {
		Weight::from_parts(25_000_000, 0)
	}
	fn add_validator() -> Weight {
		Weight::from_parts(15_000_000, 0)
	}
	fn remove_validator() -> Weight {
		Weight::from_parts(15_000_000, 0)
	}
	fn propose(_l: u32) -> Weight {
		Weight::from_parts(30_000_000, 0)
	}
	fn vote(_m: u32) -> Weight {
		Weight::from_parts(25_000_000, 0)
	}
	fn execute() -> Weight {
		Weight::from_parts(20_000_000, 0)
	}
	fn cancel() -> Weight {
		Weight::from_parts(20_000_000, 0)
	}
	fn close() -> Weight {
		Weight::from_parts(20_000_000, 0)
	}
}
