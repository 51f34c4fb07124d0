//! Construction wage escrow: projects, escrow, payrolls, wages paid by the chain on pay day.

use frame_support::{parameter_types, traits::ConstU32, weights::Weight, PalletId};
use frame_system::EnsureRoot;

use crate::{
	AccountId, Aliases, Balances, Consortium, Runtime, RuntimeEvent, RuntimeHoldReason, Timestamp,
};

parameter_types! {
	/// Project accounts are derived from this id and the project id.
	pub const WagePalletId: PalletId = PalletId(*b"cvt/wage");
	/// Workers have three days to dispute a payroll, until a vote says otherwise.
	pub const DefaultReviewPeriod: civitas_primitives::Moment = 3 * 24 * 60 * 60 * 1000;
	/// A tenth of each block goes to the agenda (approving and paying payrolls) when it has
	/// work: the rest stays for transactions.
	pub PayDayWeight: Weight =
		super::system::RuntimeBlockWeights::get().max_block.saturating_div(10);
}

impl pallet_civitas_wage_escrow::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Agencies = Consortium;
	/// Persons act in the wage escrow under their wages aliases.
	type Aliases = Aliases;
	type Time = Timestamp;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// The review period is decided by consortium vote.
	type ConsortiumOrigin = EnsureRoot<AccountId>;
	type PalletId = WagePalletId;
	/// A large site's monthly payroll.
	type MaxPayrollLines = ConstU32<1000>;
	type MaxRoster = ConstU32<1000>;
	type MaxProjectsPerWorker = ConstU32<8>;
	/// A year of payrolls not yet paid.
	type MaxUnpaid = ConstU32<12>;
	type DefaultReviewPeriod = DefaultReviewPeriod;
	type PayDayWeight = PayDayWeight;
	type WeightInfo = pallet_civitas_wage_escrow::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::WageBenchmarks;
}

#[cfg(feature = "runtime-benchmarks")]
mod benchmarks {
	use civitas_primitives::{
		Alias, BenchmarkAgencies, BenchmarkAliases, Capability, Domain, Moment, SubjectKind,
	};
	use frame_support::traits::fungible::Mutate;

	use crate::{AccountId, Balances, Consortium};

	/// A bureau, aliases, money and time for the wage-escrow benchmarks, made through the
	/// consortium, aliases, balances and timestamp pallets.
	pub struct WageBenchmarks;

	impl pallet_civitas_wage_escrow::benchmarking::BenchmarkHelper<AccountId> for WageBenchmarks {
		fn bureau() -> AccountId {
			Consortium::staff_with(7300, &[Capability::SuperviseConstruction])
		}
		fn alias(seed: u32, kind: SubjectKind) -> (Alias, AccountId) {
			crate::Aliases::alias_account(seed, Domain::Wages, kind)
		}
		fn fund(who: &AccountId, amount: u128) {
			let _ = Balances::mint_into(who, amount);
		}
		fn set_time(now: Moment) {
			// The stored time only: `set_timestamp` would also run Aura's slot check.
			pallet_timestamp::Now::<crate::Runtime>::put(now);
		}
	}
}
