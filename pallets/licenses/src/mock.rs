//! A test runtime with the licences pallet alone; agencies, aliases, relations and consent are
//! mocks.

use crate as pallet_licenses;
use civitas_primitives::{
	AgencyAuthority, AgencyId, Alias, Aliases, Capability, ConsentCheck, Domain, Moment, Purpose,
	RelationEnds, RelationId, RelationKind, Scope, SubjectKind,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, Time},
};
use frame_system::{pallet_prelude::OriginFor, EnsureRoot};
use sp_core::sr25519;
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

/// Licences aliases of the tests: SHOP a company's, ALICE an adult's; DEAD's ended (its
/// person died or was erased); CHILD, a minor's would-be alias, and GHOST were never bound.
pub const SHOP: Alias = Alias::repeat_byte(0x51);
pub const ALICE: Alias = Alias::repeat_byte(0xA1);
pub const CHILD: Alias = Alias::repeat_byte(0xC1);
pub const GHOST: Alias = Alias::repeat_byte(0xEE);
pub const DEAD: Alias = Alias::repeat_byte(0xDD);

parameter_types! {
	pub storage Now: Moment = 1_700_000_000_000;
	/// Live licences aliases: (alias, account, kind).
	pub storage People: Vec<(Alias, AccountId, SubjectKind)> = vec![
		(SHOP, 51, SubjectKind::Company),
		(ALICE, 52, SubjectKind::Citizen),
	];
	/// Consents given: (subject, agency, purpose, until).
	pub storage Consents: Vec<(Alias, AgencyId, Scope, Purpose, Moment)> = vec![];
	/// Accesses recorded: (subject, agency, answer).
	pub storage Accesses: Vec<(Alias, AgencyId, bool)> = vec![];
	/// Relations that hold, with the key of the end that proves `kind` (a spouse relation
	/// has one entry per end).
	pub storage EndKeys: Vec<(RelationId, RelationKind, sr25519::Public)> = vec![];
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

/// Licences aliases as the aliases pallet answers for them: the entries of [`People`].
pub struct MockAliases;
impl Aliases<AccountId> for MockAliases {
	fn alias_of(who: &AccountId, domain: Domain) -> Option<Alias> {
		let found = People::get().into_iter().find(|(_, k, _)| k == who).map(|(a, _, _)| a);
		found.filter(|_| domain == Domain::Licences)
	}
	fn account_of(alias: &Alias, domain: Domain) -> Option<AccountId> {
		let found = People::get().into_iter().find(|(a, _, _)| a == alias).map(|(_, k, _)| k);
		found.filter(|_| domain == Domain::Licences)
	}
	fn kind_of(alias: &Alias, domain: Domain) -> Option<SubjectKind> {
		let found = People::get().into_iter().find(|(a, _, _)| a == alias).map(|(_, _, k)| k);
		found.filter(|_| domain == Domain::Licences)
	}
}

/// Ends an alias (its person died, emigrated or was erased).
pub fn end(alias: Alias) {
	People::set(&People::get().into_iter().filter(|(a, _, _)| *a != alias).collect());
}

/// Relations as the identity pallet answers for them: the entries of [`EndKeys`].
pub struct MockRelations;
impl RelationEnds for MockRelations {
	fn end_keys(relation: RelationId, kind: RelationKind, _now: Moment) -> Vec<sr25519::Public> {
		EndKeys::get()
			.into_iter()
			.filter(|(r, k, _)| *r == relation && *k == kind)
			.map(|(_, _, key)| key)
			.collect()
	}
}

pub struct MockConsent;
impl ConsentCheck for MockConsent {
	fn has_consent(
		subject: &Alias,
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
		subject: &Alias,
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
	type Aliases = MockAliases;
	type Relations = MockRelations;
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
	fn holder(seed: u32, kind: SubjectKind) -> Alias {
		let mut b = [0u8; 32];
		b[..4].copy_from_slice(&seed.to_le_bytes());
		b[4] = 0xB0;
		let alias = Alias::from(b);
		let mut all = People::get();
		all.push((alias, 1_000_000 + u64::from(seed), kind));
		People::set(&all);
		alias
	}
	fn relation(key: sr25519::Public) -> RelationId {
		let mut all = EndKeys::get();
		let id = all.len() as RelationId;
		all.push((id, RelationKind::ParentOf, key));
		EndKeys::set(&all);
		id
	}
	fn consent(
		subject: &Alias,
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
	// The benchmarks make relation end keys in a keystore, as the benchmarking CLI's has.
	ext.register_extension(sp_keystore::KeystoreExt::new(
		sp_keystore::testing::MemoryKeystore::new(),
	));
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
