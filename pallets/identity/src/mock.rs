//! A test runtime with the identity pallet alone; agencies, enrolment and time are mocks.

use crate as pallet_identity;
use civitas_primitives::{
	AgencyAuthority, AgencyId, Alias, Capability, Domain, Enrolment, Moment, SubjectKind,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, Time},
};
use frame_system::pallet_prelude::OriginFor;
use sp_runtime::{BuildStorage, DispatchError, DispatchResult};

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
	pub type Identity = pallet_identity;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// Staff of the civil-affairs bureau (agency 0: `RegisterPersons`, `AttestRelations`).
pub const BUREAU: AccountId = 1;
/// Staff of the public-security bureau (agency 1: `RegisterPersons`).
pub const POLICE: AccountId = 2;
/// Staff of the passport office (agency 2: no capability; it verifies).
pub const PASSPORT_OFFICE: AccountId = 3;
/// An account that is nobody's staff.
pub const NOBODY: AccountId = 99;

pub const CIVIL_AFFAIRS: AgencyId = 0;
pub const PUBLIC_SECURITY: AgencyId = 1;
pub const PASSPORTS: AgencyId = 2;

/// A day in milliseconds.
pub const DAY: Moment = 24 * 60 * 60 * 1000;

parameter_types! {
	/// The mock clock.
	pub storage Now: Moment = 1_700_000_000_000;
	/// Accounts the mock enrolment has admitted.
	pub storage Enrolled: Vec<(AccountId, AgencyId, SubjectKind)> = vec![];
	/// Persons the erasure hook was called for.
	pub storage Erasures: Vec<civitas_primitives::PersonId> = vec![];
	/// The member keys in the mock's rings, with their kind.
	pub storage RingMembers: Vec<(civitas_primitives::MemberKey, SubjectKind)> = vec![];
	/// Staff accounts given `AttestRelations` besides the bureau.
	pub storage Attesters: Vec<AccountId> = vec![];
	/// Agencies that left the consortium (in the mock's fixed table).
	pub storage Departed: Vec<AgencyId> = vec![];
	/// Live domain aliases: (account, domain, alias, kind).
	pub storage AliasBindings: Vec<(AccountId, Domain, Alias, SubjectKind)> = vec![];
}

/// Binds `who` to a live `alias` of a natural person in `domain`.
pub fn bind_alias(who: AccountId, domain: Domain, alias: Alias) {
	let mut all = AliasBindings::get();
	all.push((who, domain, alias, SubjectKind::Citizen));
	AliasBindings::set(&all);
}

/// Ends `alias` in every domain (its person's ring was revised past the grace).
pub fn end_alias(alias: Alias) {
	let all: Vec<_> = AliasBindings::get().into_iter().filter(|b| b.2 != alias).collect();
	AliasBindings::set(&all);
}

/// Aliases as the aliases pallet answers for them: the bindings of [`AliasBindings`].
pub struct MockAliases;
impl civitas_primitives::Aliases<AccountId> for MockAliases {
	fn alias_of(who: &AccountId, domain: Domain) -> Option<Alias> {
		AliasBindings::get().into_iter().find(|b| b.0 == *who && b.1 == domain).map(|b| b.2)
	}
	fn account_of(alias: &Alias, domain: Domain) -> Option<AccountId> {
		AliasBindings::get().into_iter().find(|b| b.2 == *alias && b.1 == domain).map(|b| b.0)
	}
	fn kind_of(alias: &Alias, domain: Domain) -> Option<SubjectKind> {
		AliasBindings::get().into_iter().find(|b| b.2 == *alias && b.1 == domain).map(|b| b.3)
	}
}

/// The mock clock, set by tests with `Now::set`.
pub struct MockTime;
impl Time for MockTime {
	type Moment = Moment;
	fn now() -> Moment {
		Now::get()
	}
}

/// Three fixed agencies, as the consortium would answer.
pub struct MockAgencies;
impl MockAgencies {
	fn of(who: &AccountId) -> Option<(AgencyId, Vec<Capability>)> {
		match *who {
			BUREAU => Some((
				CIVIL_AFFAIRS,
				vec![Capability::RegisterPersons, Capability::AttestRelations],
			)),
			POLICE if Attesters::get().contains(&POLICE) => Some((
				PUBLIC_SECURITY,
				vec![Capability::RegisterPersons, Capability::AttestRelations],
			)),
			POLICE => Some((PUBLIC_SECURITY, vec![Capability::RegisterPersons])),
			PASSPORT_OFFICE => Some((PASSPORTS, vec![])),
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
		let (_, caps) = Self::of(&who).ok_or(DispatchError::Other("NotStaff"))?;
		if caps.contains(&capability) {
			Ok((who, agency))
		} else {
			Err(DispatchError::Other("MissingCapability"))
		}
	}

	fn has_capability(agency: AgencyId, capability: Capability) -> bool {
		[BUREAU, POLICE, PASSPORT_OFFICE]
			.iter()
			.filter_map(Self::of)
			.any(|(a, caps)| a == agency && caps.contains(&capability))
	}

	fn is_member(agency: AgencyId) -> bool {
		agency <= PASSPORTS && !Departed::get().contains(&agency)
	}

	fn ensure_staff(origin: OriginFor<Test>) -> Result<(AccountId, AgencyId), DispatchError> {
		let who = frame_system::ensure_signed(origin)?;
		let (agency, _) = Self::of(&who)
			.filter(|(a, _)| Self::is_member(*a))
			.ok_or(DispatchError::Other("NotStaff"))?;
		Ok((who, agency))
	}
	/// Each staff account of the mock is its agency's only admin.
	fn ensure_admin(origin: OriginFor<Test>) -> Result<(AccountId, AgencyId), DispatchError> {
		Self::ensure_staff(origin)
	}
}

/// Enrolment as the consortium does it: staff and enrolled accounts cannot be enrolled again.
/// Records the persons the erasure hook was called for.
pub struct RecordErasures;
impl civitas_primitives::OnErase for RecordErasures {
	fn on_erase(person: &civitas_primitives::PersonId) -> frame_support::weights::Weight {
		let mut all = Erasures::get();
		all.push(*person);
		Erasures::set(&all);
		frame_support::weights::Weight::from_parts(1_000, 0)
	}
	fn max_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::from_parts(1_000, 0)
	}
}

/// Rings as the aliases pallet keeps them: a key is in at most one; the key `[0xFF; 32]` is
/// not a key of the scheme.
pub struct MockRings;
impl civitas_primitives::PersonRings for MockRings {
	fn join(member: &civitas_primitives::MemberKey, kind: SubjectKind) -> DispatchResult {
		let mut all = RingMembers::get();
		if *member == [0xFF; 32] {
			return Err(DispatchError::Other("InvalidMember"));
		}
		if all.iter().any(|(m, _)| m == member) {
			return Err(DispatchError::Other("MemberKnown"));
		}
		all.push((*member, kind));
		RingMembers::set(&all);
		Ok(())
	}
	fn leave(member: &civitas_primitives::MemberKey) -> DispatchResult {
		let mut all = RingMembers::get();
		let before = all.len();
		all.retain(|(m, _)| m != member);
		if all.len() == before {
			return Err(DispatchError::Other("UnknownMember"));
		}
		RingMembers::set(&all);
		Ok(())
	}
	fn join_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::from_parts(2_000, 0)
	}
	fn leave_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::from_parts(3_000, 0)
	}
	fn benchmark_member(seed: u32) -> civitas_primitives::MemberKey {
		<() as civitas_primitives::PersonRings>::benchmark_member(seed)
	}
}

pub struct MockEnrolment;
impl Enrolment<AccountId> for MockEnrolment {
	fn enrol(who: &AccountId, by: AgencyId, kind: SubjectKind) -> DispatchResult {
		if MockAgencies::of(who).is_some() || Self::is_enrolled(who) {
			return Err(DispatchError::Other("AlreadyAdmitted"));
		}
		let mut all = Enrolled::get();
		all.push((*who, by, kind));
		Enrolled::set(&all);
		Ok(())
	}

	fn unenrol(who: &AccountId) -> DispatchResult {
		if !Self::is_enrolled(who) {
			return Err(DispatchError::Other("NotEnrolled"));
		}
		let all: Vec<_> = Enrolled::get().into_iter().filter(|(a, _, _)| a != who).collect();
		Enrolled::set(&all);
		Ok(())
	}

	fn is_enrolled(who: &AccountId) -> bool {
		Enrolled::get().iter().any(|(a, _, _)| a == who)
	}

	fn rekey(old: &AccountId, new: &AccountId) -> DispatchResult {
		let Some((_, by, kind)) = Enrolled::get().into_iter().find(|(a, _, _)| a == old) else {
			return Err(DispatchError::Other("NotEnrolled"));
		};
		if MockAgencies::of(new).is_some() || Self::is_enrolled(new) {
			return Err(DispatchError::Other("AlreadyAdmitted"));
		}
		let mut all: Vec<_> = Enrolled::get().into_iter().filter(|(a, _, _)| a != old).collect();
		all.push((*new, by, kind));
		Enrolled::set(&all);
		Ok(())
	}

	fn is_alias_account(who: &AccountId) -> bool {
		AliasBindings::get().iter().any(|b| b.0 == *who)
	}

	fn reenrol(who: &AccountId, to: AgencyId) -> DispatchResult {
		let mut all = Enrolled::get();
		let entry =
			all.iter_mut().find(|(a, _, _)| a == who).ok_or(DispatchError::Other("NotEnrolled"))?;
		if MockAgencies::is_member(entry.1) {
			return Err(DispatchError::Other("EnrollerStillMember"));
		}
		entry.1 = to;
		Enrolled::set(&all);
		Ok(())
	}
}

impl pallet_identity::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Agencies = MockAgencies;
	type Enrolment = MockEnrolment;
	type Time = MockTime;
	type MaxControllers = ConstU32<2>;
	type MaxErasedRelations = ConstU32<3>;
	type MaxAccessLog = ConstU32<3>;
	type MaxConsentDuration = ConstU64<{ 365 * DAY }>;
	type MaxConsentsPerSubject = ConstU32<3>;
	type ConsortiumOrigin = frame_system::EnsureRoot<AccountId>;
	type RecoveryDelay = ConstU64<{ 3 * DAY }>;
	type KeyRotationInterval = ConstU64<DAY>;
	type RecoveryPeriod = ConstU64<{ 30 * DAY }>;
	type OnErase = RecordErasures;
	type Rings = MockRings;
	type Aliases = MockAliases;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockAgencies;
}

/// Alias accounts for the benchmarks: bound in the mock's table.
#[cfg(feature = "runtime-benchmarks")]
impl civitas_primitives::BenchmarkAliases<AccountId> for MockAgencies {
	fn alias_account(seed: u32, domain: Domain, kind: SubjectKind) -> (Alias, AccountId) {
		let who = 10_000 + AccountId::from(seed);
		let alias = Alias::repeat_byte(0xA0 ^ (seed as u8));
		let mut all = AliasBindings::get();
		all.push((who, domain, alias, kind));
		AliasBindings::set(&all);
		(alias, who)
	}
}

/// The fixed agencies stand in for fresh ones in benchmarks.
#[cfg(feature = "runtime-benchmarks")]
impl civitas_primitives::BenchmarkAgencies<AccountId> for MockAgencies {
	fn staff_with(seed: u32, capabilities: &[Capability]) -> AccountId {
		match (seed, capabilities.is_empty()) {
			(_, true) => PASSPORT_OFFICE,
			(1001, _) => POLICE,
			_ => BUREAU,
		}
	}
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().expect("builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	// Relation end keys are made and used for signing in a keystore, as a wallet's.
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
		Identity::do_try_state().expect("invariants hold");
	})
}

/// The events of the identity pallet so far.
pub fn identity_events() -> Vec<pallet_identity::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Identity(e) => Some(e),
			_ => None,
		})
		.collect()
}
