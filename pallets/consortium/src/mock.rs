//! A test runtime with the consortium pallet alone.

use crate as pallet_consortium;
use civitas_primitives::{AgencyKind, Capability, SubjectKind};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

pub type AccountId = u64;
type Block = frame_system::mocking::MockBlock<Test>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Consortium = pallet_consortium;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

parameter_types! {
	/// Settable by tests.
	pub storage MaxProposalWeight: Weight = Weight::from_parts(1_000_000_000, 64 * 1024);
}

impl pallet_consortium::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type ConsortiumOrigin = EnsureRoot<AccountId>;
	type MaxAgencies = ConstU32<6>;
	type MaxNameLen = ConstU32<32>;
	type MaxCapabilities = ConstU32<4>;
	type MaxStaff = ConstU32<3>;
	type MaxValidators = ConstU32<5>;
	type MinValidators = ConstU32<1>;
	type MaxProposals = ConstU32<3>;
	type MaxCallLen = ConstU32<128>;
	type MaxProposalWeight = MaxProposalWeight;
	type VotingPeriod = ConstU64<10>;
	type QuotaWindow = ConstU64<10>;
	type StaffQuota = StaffQuota;
	type EnrolledQuota = EnrolledQuota;
	type MaxEnrolledTxLen = ConstU32<256>;
	type CompanyQuota = CompanyQuota;
	type MaxCompanyTxLen = ConstU32<1024>;
	type MaxEnrolmentsPerWindow = ConstU32<3>;
	type MaxProposalsPerAgency = ConstU32<2>;
	type AdminChangePeriod = ConstU64<5>;
	type MaxForceUnenrol = ConstU32<4>;
	type OperationalPriority = ConstU64<{ u64::MAX / 2 }>;
	type CallPolicy = NoRemarksForCitizens;
	type Sessions = MockSessions;
	type ProposalFilter = NoRemarkWithEvent;
	type WeightInfo = ();
}

parameter_types! {
	pub const StaffQuota: crate::QuotaLimit =
		crate::QuotaLimit { transactions: 5, bytes: 10_000, weight: 1_000_000_000 };
	pub const CompanyQuota: crate::QuotaLimit =
		crate::QuotaLimit { transactions: 4, bytes: 5_000, weight: 500_000_000 };
	pub const EnrolledQuota: crate::QuotaLimit =
		crate::QuotaLimit { transactions: 3, bytes: 500, weight: 300_000_000 };
	/// Accounts the mock session pallet has as validators of the current or next session.
	pub storage SessionValidators: Vec<AccountId> = vec![];
	/// Accounts that have set session keys.
	pub storage KeyedAccounts: Vec<AccountId> = vec![];
	/// Accounts whose session keys were purged.
	pub storage PurgedKeys: Vec<AccountId> = vec![];
}

/// Enrolled accounts may not write remarks; everything else is allowed.
pub struct NoRemarksForCitizens;
impl crate::AdmissionPolicy<AccountId, RuntimeCall> for NoRemarksForCitizens {
	fn allows(_: &AccountId, admission: &crate::Admission, call: &RuntimeCall) -> bool {
		!(matches!(admission, crate::Admission::Enrolled { .. })
			&& matches!(call, RuntimeCall::System(frame_system::Call::remark { .. })))
	}
}

/// The consortium may not vote `system.remark_with_event` (the tests' forbidden call).
pub struct NoRemarkWithEvent;
impl frame_support::traits::Contains<RuntimeCall> for NoRemarkWithEvent {
	fn contains(call: &RuntimeCall) -> bool {
		!matches!(call, RuntimeCall::System(frame_system::Call::remark_with_event { .. }))
	}
}

/// Sessions whose validators tests set in `SessionValidators`.
pub struct MockSessions;
impl crate::SessionAccounts<AccountId> for MockSessions {
	fn in_session(who: &AccountId) -> bool {
		SessionValidators::get().contains(who)
	}
	fn has_keys(who: &AccountId) -> bool {
		KeyedAccounts::get().contains(who)
	}
	fn purge_keys(who: &AccountId) {
		let mut purged = PurgedKeys::get();
		purged.push(*who);
		PurgedKeys::set(&purged);
	}
}

/// Admins of the four founding agencies 0..=3.
pub const ADMINS: [AccountId; 4] = [1, 2, 3, 4];
/// An officer of agency 0 (the civil-affairs bureau, which holds `RegisterPersons`).
pub const OFFICER: AccountId = 10;
/// A citizen enrolled by agency 0.
pub const CITIZEN: AccountId = 20;
/// An account nobody admitted.
pub const STRANGER: AccountId = 99;

pub struct ExtBuilder {
	agencies: Vec<pallet_consortium::GenesisAgency<AccountId>>,
	validators: Vec<AccountId>,
	enrolled: Vec<(AccountId, u32, SubjectKind)>,
	officers: Vec<(AccountId, u32)>,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		let agency = |name: &str, kind, admin, capabilities| pallet_consortium::GenesisAgency {
			name: name.into(),
			kind,
			city: 320100,
			admins: vec![admin],
			capabilities,
		};
		Self {
			agencies: vec![
				agency(
					"Civil Affairs",
					AgencyKind::CivilAffairs,
					ADMINS[0],
					vec![Capability::RegisterPersons, Capability::AttestRelations],
				),
				agency("Public Security", AgencyKind::PublicSecurity, ADMINS[1], vec![]),
				agency("Tax", AgencyKind::Tax, ADMINS[2], vec![Capability::IssueInvoices]),
				agency("Court", AgencyKind::Court, ADMINS[3], vec![Capability::FreezeAssets]),
			],
			validators: vec![ADMINS[0]],
			enrolled: vec![(CITIZEN, 0, SubjectKind::Citizen)],
			officers: vec![(OFFICER, 0)],
		}
	}
}

impl ExtBuilder {
	/// Only the first `n` founding agencies.
	pub fn with_agencies(mut self, n: usize) -> Self {
		self.agencies.truncate(n);
		self
	}

	/// These validators instead of the default one.
	pub fn with_validators(mut self, v: Vec<AccountId>) -> Self {
		self.validators = v;
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		let storage = RuntimeGenesisConfig {
			system: Default::default(),
			consortium: pallet_consortium::GenesisConfig {
				agencies: self.agencies,
				validators: self.validators,
				enrolled: self.enrolled,
			},
		}
		.build_storage()
		.expect("genesis builds");
		let mut ext = sp_io::TestExternalities::new(storage);
		let officers = self.officers;
		ext.execute_with(|| {
			System::set_block_number(1);
			for (who, agency) in officers {
				Consortium::do_add_staff(agency, &who, crate::Role::Officer)
					.expect("officer added");
			}
			System::reset_events();
		});
		ext
	}

	/// Runs `test`, then checks the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Consortium::do_try_state().expect("invariants hold");
		})
	}
}

/// The events of the consortium pallet so far.
pub fn consortium_events() -> Vec<pallet_consortium::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Consortium(e) => Some(e),
			_ => None,
		})
		.collect()
}
