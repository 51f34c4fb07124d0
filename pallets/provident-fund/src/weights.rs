//! Weights for `pallet_civitas_provident_fund`: placeholders until `scripts/benchmark.sh`
//! writes measured ones.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_civitas_provident_fund`.
pub trait WeightInfo {
	fn set_centre() -> Weight;
	fn set_transfer_deadline() -> Weight;
	fn open_account() -> Weight;
	fn seal_account() -> Weight;
	fn register_employer() -> Weight;
	fn declare_employee() -> Weight;
	fn end_employment() -> Weight;
	fn contribute(n: u32, ) -> Weight;
	fn request_transfer() -> Weight;
	fn approve_transfer() -> Weight;
	fn refuse_transfer() -> Weight;
	fn escalate_transfer() -> Weight;
	fn withdraw() -> Weight;
	fn verify_account() -> Weight;
	fn erase_person() -> Weight;
}

/// Weights for `pallet_civitas_provident_fund`; `T::DbWeight` prices storage.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn set_centre() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn set_transfer_deadline() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn open_account() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn seal_account() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn register_employer() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn declare_employee() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn end_employment() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn contribute(n: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(Weight::from_parts(60_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes((6_u64).saturating_mul(n.into()), (4_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn request_transfer() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn approve_transfer() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn refuse_transfer() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn escalate_transfer() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn verify_account() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn erase_person() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(T::DbWeight::get().reads_writes(8_u64, 6_u64))
	}
}

// For tests.
impl WeightInfo for () {
	fn set_centre() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(ParityDbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn set_transfer_deadline() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(ParityDbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn open_account() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(ParityDbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn seal_account() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(ParityDbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn register_employer() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(ParityDbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn declare_employee() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(ParityDbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn end_employment() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(ParityDbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn contribute(n: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(Weight::from_parts(60_000_000, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn request_transfer() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(ParityDbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn approve_transfer() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(ParityDbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn refuse_transfer() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(ParityDbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn escalate_transfer() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(ParityDbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(ParityDbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn verify_account() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(ParityDbWeight::get().reads_writes(8_u64, 6_u64))
	}
	fn erase_person() -> Weight {
		Weight::from_parts(60_000_000, 8000)
			.saturating_add(ParityDbWeight::get().reads_writes(8_u64, 6_u64))
	}
}
