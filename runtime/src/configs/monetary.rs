//! The settlement unit: balances (`pallet_balances`), minted and burned by the treasury
//! (`pallet_civitas_settlement`).

use frame_support::{
	parameter_types,
	traits::{ConstU128, ConstU32, VariantCountOf},
	PalletId,
};
use frame_system::EnsureRoot;

use crate::{
	currency::EXISTENTIAL_DEPOSIT, AccountId, Balance, Balances, Consortium, Runtime, RuntimeEvent,
	RuntimeFreezeReason, RuntimeHoldReason, System, Timestamp,
};

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type WeightInfo = crate::weights::pallet_balances::WeightInfo<Runtime>;
	type Balance = Balance;
	type DustRemoval = ();
	/// One cent, the smallest amount: no balance is ever dust, so nothing is destroyed when an
	/// account empties (the settlement unit's supply only changes by mint and burn). On a
	/// feeless chain the deposit guards nothing else: enrolled accounts exist by their
	/// enrolment, with any balance, zero included.
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type ReserveIdentifier = [u8; 8];
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<50>;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

parameter_types! {
	/// Agency accounts are derived from this id and the agency id.
	pub const SettlementPalletId: PalletId = PalletId(*b"cvt/agcy");
}

impl pallet_civitas_settlement::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// Ceilings are set by consortium vote.
	type ConsortiumOrigin = EnsureRoot<AccountId>;
	type Agencies = Consortium;
	type Enrolment = Consortium;
	type Time = Timestamp;
	type PalletId = SettlementPalletId;
	/// A holder rarely has more than one payout in flight; sixteen leaves room.
	type MaxPendingPerAccount = ConstU32<16>;
	type WeightInfo = pallet_civitas_settlement::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::SettlementBenchmarks;
}

#[cfg(feature = "runtime-benchmarks")]
mod benchmarks {
	use civitas_primitives::{
		AgencyAuthority, BenchmarkAgencies, Capability, Enrolment, SubjectKind,
	};

	use crate::{AccountId, Consortium, RuntimeOrigin};

	/// A treasury and enrolled accounts for the settlement benchmarks, made through the
	/// consortium pallet.
	pub struct SettlementBenchmarks;

	impl pallet_civitas_settlement::benchmarking::BenchmarkHelper<AccountId> for SettlementBenchmarks {
		fn treasury() -> AccountId {
			Consortium::staff_with(5000, &[Capability::MintSettlement])
		}

		fn enrolled(seed: u32) -> AccountId {
			let registrar = Consortium::staff_with(5001, &[Capability::RegisterPersons]);
			let who: AccountId = frame_benchmarking::account("enrolled", seed, 0);
			if let Ok((_, agency)) = Consortium::ensure_staff(RuntimeOrigin::signed(registrar)) {
				// Already enrolled (a second call with the same seed) is fine.
				let _ =
					<Consortium as Enrolment<AccountId>>::enrol(&who, agency, SubjectKind::Citizen);
			}
			who
		}
	}
}
