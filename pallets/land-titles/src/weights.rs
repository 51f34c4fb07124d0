//! Weights of `pallet_civitas_land_titles`: first estimates, until `scripts/benchmark.sh`
//! generates them.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_civitas_land_titles`.
pub trait WeightInfo {
	fn register_parcel(v: u32, ) -> Weight;
	fn offer_sale() -> Weight;
	fn sign_offer() -> Weight;
	fn accept_offer() -> Weight;
	fn presign_release() -> Weight;
	fn presign_mortgage() -> Weight;
	fn approve_sale() -> Weight;
	fn cancel_offer() -> Weight;
	fn propose_mortgage() -> Weight;
	fn consent_mortgage() -> Weight;
	fn register_mortgage() -> Weight;
	fn release_mortgage() -> Weight;
	fn freeze() -> Weight;
	fn lift_freeze() -> Weight;
	fn split(c: u32, ) -> Weight;
	fn merge(p: u32, ) -> Weight;
	fn verify_holdings() -> Weight;
	fn erase_person() -> Weight;
}

/// Weights for `pallet_civitas_land_titles`; `T::DbWeight` prices storage.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_parcel(v: u32, ) -> Weight {
		Weight::from_parts(200_000_000, 20000)
			.saturating_add(Weight::from_parts(100_000_000, 3000).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
			.saturating_add(T::DbWeight::get().reads_writes(30_u64, 30_u64).saturating_mul(v.into()))
	}
	fn offer_sale() -> Weight {
		Weight::from_parts(200_000_000, 20000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
	fn sign_offer() -> Weight {
		Weight::from_parts(200_000_000, 20000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
	fn accept_offer() -> Weight {
		Weight::from_parts(200_000_000, 20000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
	fn presign_release() -> Weight {
		Weight::from_parts(200_000_000, 20000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
	fn presign_mortgage() -> Weight {
		Weight::from_parts(200_000_000, 20000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
	fn approve_sale() -> Weight {
		Weight::from_parts(200_000_000, 20000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
	fn cancel_offer() -> Weight {
		Weight::from_parts(200_000_000, 20000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
	fn propose_mortgage() -> Weight {
		Weight::from_parts(200_000_000, 20000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
	fn consent_mortgage() -> Weight {
		Weight::from_parts(200_000_000, 20000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
	fn register_mortgage() -> Weight {
		Weight::from_parts(200_000_000, 20000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
	fn release_mortgage() -> Weight {
		Weight::from_parts(200_000_000, 20000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
	fn freeze() -> Weight {
		Weight::from_parts(200_000_000, 20000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
	fn lift_freeze() -> Weight {
		Weight::from_parts(200_000_000, 20000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
	fn split(c: u32, ) -> Weight {
		Weight::from_parts(200_000_000, 20000)
			.saturating_add(Weight::from_parts(100_000_000, 3000).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
			.saturating_add(T::DbWeight::get().reads_writes(30_u64, 30_u64).saturating_mul(c.into()))
	}
	fn merge(p: u32, ) -> Weight {
		Weight::from_parts(200_000_000, 20000)
			.saturating_add(Weight::from_parts(100_000_000, 3000).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
			.saturating_add(T::DbWeight::get().reads_writes(30_u64, 30_u64).saturating_mul(p.into()))
	}
	fn verify_holdings() -> Weight {
		Weight::from_parts(200_000_000, 20000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
	fn erase_person() -> Weight {
		Weight::from_parts(200_000_000, 20000)
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(10_u64))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn register_parcel(_v: u32, ) -> Weight {
		Weight::zero()
	}
	fn offer_sale() -> Weight {
		Weight::zero()
	}
	fn sign_offer() -> Weight {
		Weight::zero()
	}
	fn accept_offer() -> Weight {
		Weight::zero()
	}
	fn presign_release() -> Weight {
		Weight::zero()
	}
	fn presign_mortgage() -> Weight {
		Weight::zero()
	}
	fn approve_sale() -> Weight {
		Weight::zero()
	}
	fn cancel_offer() -> Weight {
		Weight::zero()
	}
	fn propose_mortgage() -> Weight {
		Weight::zero()
	}
	fn consent_mortgage() -> Weight {
		Weight::zero()
	}
	fn register_mortgage() -> Weight {
		Weight::zero()
	}
	fn release_mortgage() -> Weight {
		Weight::zero()
	}
	fn freeze() -> Weight {
		Weight::zero()
	}
	fn lift_freeze() -> Weight {
		Weight::zero()
	}
	fn split(_c: u32, ) -> Weight {
		Weight::zero()
	}
	fn merge(_p: u32, ) -> Weight {
		Weight::zero()
	}
	fn verify_holdings() -> Weight {
		Weight::zero()
	}
	fn erase_person() -> Weight {
		Weight::zero()
	}
}
