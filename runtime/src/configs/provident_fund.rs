//! The housing provident fund: city centres, accounts, contributions and transfers.

use frame_support::{parameter_types, traits::ConstU32, PalletId};
use frame_system::EnsureRoot;

use crate::{
	AccountId, Aliases, Balances, Consortium, Identity, Runtime, RuntimeEvent, RuntimeHoldReason,
	Timestamp,
};

parameter_types! {
	/// Fund purses are derived from this id and the fund alias.
	pub const FundPalletId: PalletId = PalletId(*b"cvt/fund");
	/// An old centre has fifteen days to answer a transfer request, until a vote says
	/// otherwise.
	pub const DefaultTransferDeadline: civitas_primitives::Moment = 15 * 24 * 60 * 60 * 1000;
}

impl pallet_civitas_provident_fund::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Agencies = Consortium;
	/// Persons act in the fund under their fund aliases.
	type Aliases = Aliases;
	type Consent = Identity;
	type Time = Timestamp;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// Centres, their rules, the deadline and forced transfers are decided by consortium vote.
	type ConsortiumOrigin = EnsureRoot<AccountId>;
	type PalletId = FundPalletId;
	/// China has fund centres in some 490 cities.
	type MaxCentres = ConstU32<512>;
	type MaxLines = ConstU32<100>;
	type DefaultTransferDeadline = DefaultTransferDeadline;
	/// An old centre refuses a person's transfers at most twice in a row: the third request
	/// goes to the consortium at once.
	type RefusalsToEscalate = ConstU32<2>;
	type WeightInfo = pallet_civitas_provident_fund::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::FundBenchmarks;
}

#[cfg(feature = "runtime-benchmarks")]
mod benchmarks {
	use civitas_primitives::{
		AgencyAuthority, AgencyId, Alias, BenchmarkAgencies, BenchmarkAliases, Capability, Domain,
		Purpose, Scope, SubjectKind,
	};
	use frame_support::traits::fungible::Mutate;

	use crate::{AccountId, Balances, Consortium, RuntimeOrigin};

	/// A fresh staff account of a new agency holding `capabilities`, and the agency.
	fn staff_and_agency(seed: u32, capabilities: &[Capability]) -> (AccountId, AgencyId) {
		let staff = Consortium::staff_with(seed, capabilities);
		let agency = Consortium::ensure_staff(RuntimeOrigin::signed(staff.clone()))
			.map(|(_, a)| a)
			.unwrap_or_default();
		(staff, agency)
	}

	/// Centres, aliases and consents for the provident-fund benchmarks, made through the
	/// consortium, aliases and identity pallets.
	pub struct FundBenchmarks;

	impl pallet_civitas_provident_fund::benchmarking::BenchmarkHelper<AccountId> for FundBenchmarks {
		fn centre(seed: u32) -> (AccountId, AgencyId) {
			staff_and_agency(7000u32.saturating_add(seed), &[Capability::ManageProvidentFund])
		}
		fn reader() -> (AccountId, AgencyId) {
			staff_and_agency(7100, &[])
		}
		fn alias(seed: u32, kind: SubjectKind) -> (Alias, AccountId) {
			crate::Aliases::alias_account(7200u32.saturating_add(seed), Domain::Fund, kind)
		}
		fn consent(subject: &Alias, agency: AgencyId, purpose: &Purpose) {
			crate::configs::identity::benchmarks::grant_alias_consent(
				subject,
				Domain::Fund,
				agency,
				Scope::FundAccount,
				purpose,
			);
		}
		fn fund(who: &AccountId, amount: u128) {
			let _ = Balances::mint_into(who, amount);
		}
	}
}
