//! A test runtime with the licences pallet alone; agencies, persons and consent are mocks.

use crate as pallet_licenses;
use civitas_primitives::{
	AgencyAuthority, AgencyId, Capability, ConsentCheck, Moment, PersonId, Purpose, RelationKind,
	Scope, SubjectKind, SubjectRegistry,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, Time},
};
use frame_system::{pallet_prelude::OriginFor, EnsureRoot};
use sp_core::H256;
use sp_runtime::{BuildStorage, DispatchError};

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
	pub type Licensing = pallet_licenses;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// Licence types of the tests.
pub const FIRE_SAFETY: u16 = 1;
pub const BUSINESS: u16 = 2;
pub const DRIVING: u16 = 3;

/// Staff of the fire brigade (agency 0: issues fire-safety certificates).
pub const FIRE_BRIGADE: AccountId = 1;
/// Staff of market regulation (agency 1: issues business licences).
pub const MARKET: AccountId = 2;
/// Staff of the traffic police (agency 2: issues driving licences).
pub const TRAFFIC: AccountId = 3;
/// Staff of a bank (agency 3: no capability; it verifies).
pub const BANK: AccountId = 4;
pub const BANK_AGENCY: AgencyId = 3;
/// Benchmarks' issuer: every licence capability.
pub const BENCH_ISSUER: AccountId = 500;
/// Nobody's staff.
pub const NOBODY: AccountId = 99;

pub const DAY: Moment = 24 * 60 * 60 * 1000;

/// Persons of the tests.
pub const SHOP: PersonId = PersonId::repeat_byte(0x51);
pub const ALICE: PersonId = PersonId::repeat_byte(0xA1);
pub const CHILD: PersonId = PersonId::repeat_byte(0xC1);
pub const GHOST: PersonId = PersonId::repeat_byte(0xEE);
pub const DEAD: PersonId = PersonId::repeat_byte(0xDD);

parameter_types! {
	pub storage Now: Moment = 1_700_000_000_000;
	/// Consents given: (subject, agency, purpose, until).
	pub storage Consents: Vec<(PersonId, AgencyId, Scope, Purpose, Moment)> = vec![];
	/// Accesses recorded: (subject, agency, answer).
	pub storage Accesses: Vec<(PersonId, AgencyId, bool)> = vec![];
	/// Persons in a relation of the given kind.
	pub storage InRelation: Vec<(PersonId, RelationKind, H256)> = vec![];
	/// Persons erased since (no longer registered).
	pub storage Erased: Vec<PersonId> = vec![];
}

pub struct MockTime;
impl Time for MockTime {
	type Moment = Moment;
	fn now() -> Moment {
		Now::get()
	}
}

pub struct MockAgencies;
impl MockAgencies {
	fn of(who: &AccountId) -> Option<(AgencyId, Vec<Capability>)> {
		match *who {
			FIRE_BRIGADE => Some((0, vec![Capability::IssueLicence(FIRE_SAFETY)])),
			MARKET => Some((1, vec![Capability::IssueLicence(BUSINESS)])),
			TRAFFIC => Some((2, vec![Capability::IssueLicence(DRIVING)])),
			BANK => Some((BANK_AGENCY, vec![])),
			BENCH_ISSUER => Some((4, vec![])),
			_ => None,
		}
	}
}
impl AgencyAuthority<OriginFor<Test>, AccountId> for MockAgencies {
	fn ensure_capability(
		origin: OriginFor<Test>,
		capability: Capability,
	) -> Result<(AccountId, AgencyId), DispatchError> {
		let (who, agency) = Self::ensure_staff(origin)?;
		if who == BENCH_ISSUER {
			return Ok((who, agency));
		}
		let (_, caps) = Self::of(&who).ok_or(DispatchError::Other("NotStaff"))?;
		caps.contains(&capability)
			.then_some((who, agency))
			.ok_or(DispatchError::Other("MissingCapability"))
	}
	fn has_capability(agency: AgencyId, capability: Capability) -> bool {
		[FIRE_BRIGADE, MARKET, TRAFFIC, BANK]
			.iter()
			.filter_map(Self::of)
			.any(|(a, caps)| a == agency && caps.contains(&capability))
	}
	fn is_member(agency: AgencyId) -> bool {
		agency <= BANK_AGENCY
	}
	fn ensure_staff(origin: OriginFor<Test>) -> Result<(AccountId, AgencyId), DispatchError> {
		let who = frame_system::ensure_signed(origin)?;
		let (agency, _) = Self::of(&who).ok_or(DispatchError::Other("NotStaff"))?;
		Ok((who, agency))
	}
	/// Each staff account of the mock is its agency's only admin.
	fn ensure_admin(origin: OriginFor<Test>) -> Result<(AccountId, AgencyId), DispatchError> {
		Self::ensure_staff(origin)
	}
}

/// SHOP is a company, ALICE an adult, CHILD a minor, DEAD deceased; GHOST is unknown.
pub struct MockSubjects;
impl SubjectRegistry<AccountId> for MockSubjects {
	fn exists(person: &PersonId) -> bool {
		[SHOP, ALICE, CHILD, DEAD].contains(person) && !Erased::get().contains(person)
	}
	fn is_active(person: &PersonId) -> bool {
		[SHOP, ALICE, CHILD].contains(person)
	}
	fn is_minor(person: &PersonId) -> bool {
		*person == CHILD
	}
	fn kind(person: &PersonId) -> Option<SubjectKind> {
		if *person == SHOP {
			Some(SubjectKind::Company)
		} else if [ALICE, CHILD, DEAD].contains(person) {
			Some(SubjectKind::Citizen)
		} else {
			None
		}
	}
	fn registrar(person: &PersonId) -> Option<AgencyId> {
		Self::exists(person).then_some(0)
	}
	fn person_of(_who: &AccountId) -> Option<PersonId> {
		None
	}
	fn proven_relation(
		person: &PersonId,
		kind: RelationKind,
		salt: &H256,
		_now: Moment,
	) -> Option<civitas_primitives::RelationId> {
		InRelation::get().iter().position(|r| *r == (*person, kind, *salt)).map(|i| i as u64)
	}
}

pub struct MockConsent;
impl ConsentCheck for MockConsent {
	fn has_consent(
		subject: &PersonId,
		agency: AgencyId,
		scope: Scope,
		purpose: &Purpose,
		now: Moment,
	) -> bool {
		Consents::get().iter().any(|(s, a, c, p, until)| {
			s == subject && *a == agency && *c == scope && p == purpose && now < *until
		})
	}
	fn record_access(
		subject: &PersonId,
		agency: AgencyId,
		_scope: Scope,
		_purpose: Purpose,
		answer: bool,
	) {
		let mut all = Accesses::get();
		all.push((*subject, agency, answer));
		Accesses::set(&all);
	}
}

impl pallet_licenses::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type ConsortiumOrigin = EnsureRoot<AccountId>;
	type Agencies = MockAgencies;
	type Subjects = MockSubjects;
	type Consent = MockConsent;
	type Time = MockTime;
	type MaxNameLen = ConstU32<32>;
	type MaxDependants = ConstU32<2>;
	type MaxPrerequisites = ConstU32<4>;
	type MaxLicenceTypes = ConstU32<8>;
	type MaxHistory = ConstU32<3>;
	type MaxBatch = ConstU32<100>;
	type ExpiryPageSize = ConstU32<2>;
	type MaxLicencesPerHolder = ConstU32<100>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockAgencies;
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::benchmarking::BenchmarkHelper<AccountId> for MockAgencies {
	fn issuer(_licence_type: u16) -> AccountId {
		BENCH_ISSUER
	}
	fn verifier() -> AccountId {
		BANK
	}
	fn person(_seed: u32, kind: SubjectKind) -> PersonId {
		if kind == SubjectKind::Company {
			SHOP
		} else {
			ALICE
		}
	}
	fn consent(
		subject: &PersonId,
		agency: AgencyId,
		licence_type: civitas_primitives::LicenceTypeId,
		purpose: &Purpose,
	) {
		let mut all = Consents::get();
		all.push((*subject, agency, Scope::Licence(licence_type), purpose.clone(), u64::MAX));
		Consents::set(&all);
	}
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().expect("builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test`, then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Licensing::do_try_state().expect("invariants hold");
	})
}

pub fn licence_events() -> Vec<pallet_licenses::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Licensing(e) => Some(e),
			_ => None,
		})
		.collect()
}
