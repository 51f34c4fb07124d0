//! E-invoices and traffic-fine bills.

use frame_support::traits::ConstU32;

use crate::{
	AccountId, Aliases, Balances, Consortium, Identity, Runtime, RuntimeEvent, Settlement,
	Timestamp,
};

frame_support::parameter_types! {
	/// A fine gives at least a week's notice before it is due (and so a week to appeal).
	pub const FineNotice: civitas_primitives::Moment = 7 * civitas_primitives::MS_PER_DAY;
}

impl pallet_civitas_invoices::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Agencies = Consortium;
	/// Persons act under their invoices and fines aliases.
	type Aliases = Aliases;
	/// Consents under aliases, and their access logs.
	type Consent = Identity;
	type Time = Timestamp;
	type Currency = Balances;
	type AgencyAccounts = Settlement;
	/// The fine treasury (an agency holding `MintSettlement`) is named at genesis and by
	/// consortium vote.
	type ConsortiumOrigin = frame_system::EnsureRoot<AccountId>;
	type FineNotice = FineNotice;
	type MaxBatch = ConstU32<100>;
	type MaxRates = ConstU32<16>;
	/// An employer and an insurer or two, sharing one invoice.
	type MaxClaims = ConstU32<8>;
	type MaxPayers = ConstU32<8>;
	type WeightInfo = pallet_civitas_invoices::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::InvoiceBenchmarks;
}

#[cfg(feature = "runtime-benchmarks")]
mod benchmarks {
	use civitas_primitives::{
		AgencyId, Alias, BenchmarkAgencies, BenchmarkAliases, Capability, Domain, Purpose, Scope,
		SubjectKind,
	};
	use frame_support::traits::fungible::Mutate;

	use crate::{AccountId, Balances, Consortium};

	/// Agencies, aliases and consents for the invoices benchmarks, made through the
	/// consortium, aliases and identity pallets.
	pub struct InvoiceBenchmarks;

	impl pallet_civitas_invoices::benchmarking::BenchmarkHelper<AccountId> for InvoiceBenchmarks {
		fn tax_bureau() -> AccountId {
			Consortium::staff_with(6000, &[Capability::IssueInvoices])
		}
		fn police() -> AccountId {
			Consortium::staff_with(6001, &[Capability::IssueFines])
		}
		fn court() -> AccountId {
			Consortium::staff_with(6002, &[Capability::DecideAppeals])
		}
		fn claimant_agency() -> AccountId {
			Consortium::staff_with(6003, &[])
		}
		fn alias(seed: u32, domain: Domain, kind: SubjectKind) -> (Alias, AccountId) {
			crate::Aliases::alias_account(6100u32.saturating_add(seed), domain, kind)
		}
		fn consent(subject: &Alias, agency: AgencyId, scope: Scope, purpose: &Purpose) {
			let Some(domain) = scope.domain() else { return };
			crate::configs::identity::benchmarks::grant_alias_consent(
				subject, domain, agency, scope, purpose,
			);
		}
		fn fund(who: &AccountId, amount: u128) {
			let _ = Balances::mint_into(who, amount);
		}
	}
}
