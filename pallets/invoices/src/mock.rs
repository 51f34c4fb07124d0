//! A test runtime with balances and the invoices pallet; agencies, persons, consent and agency
//! accounts are mocks.

use crate as pallet_invoices;
use civitas_primitives::{
	AgencyAccounts, AgencyAuthority, AgencyId, Capability, ConsentCheck, Moment, PersonId, Purpose,
	RelationKind, Scope, SubjectKind, SubjectRegistry,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, Time},
};
use frame_system::pallet_prelude::OriginFor;
use sp_runtime::{BuildStorage, DispatchError};

pub type AccountId = u64;
pub type Balance = u128;
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
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(2)]
	pub type Invoicing = pallet_invoices;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type ExistentialDeposit = frame_support::traits::ConstU128<1>;
}

/// Staff of the tax bureau (agency 0: `IssueInvoices`).
pub const TAX: AccountId = 1;
/// Staff of the traffic police (agency 1: `IssueFines`).
pub const POLICE: AccountId = 2;
/// Staff of a court (agency 2: `DecideAppeals`).
pub const COURT: AccountId = 3;
/// Staff of the social-insurance fund (agency 3: no capability; claims under consent).
pub const FUND: AccountId = 4;
pub const FUND_AGENCY: AgencyId = 3;
/// Staff of the treasury (agency 4: `MintSettlement`), the fine treasury from genesis.
pub const TREASURY: AccountId = 5;
pub const TREASURY_AGENCY: AgencyId = 4;
/// Staff of another treasury (agency 5: `MintSettlement`).
pub const OTHER_TREASURY: AccountId = 6;
pub const OTHER_TREASURY_AGENCY: AgencyId = 5;

/// Persons and the accounts that control them.
pub const SHOP: PersonId = PersonId::repeat_byte(0x51);
pub const SHOP_KEY: AccountId = 10;
pub const ALICE: PersonId = PersonId::repeat_byte(0xA1);
pub const ALICE_KEY: AccountId = 11;
pub const EMPLOYER: PersonId = PersonId::repeat_byte(0xE1);
pub const EMPLOYER_KEY: AccountId = 12;
pub const INSURER: PersonId = PersonId::repeat_byte(0xE2);
pub const INSURER_KEY: AccountId = 13;
pub const BOB: PersonId = PersonId::repeat_byte(0xB0);
pub const BOB_KEY: AccountId = 14;
/// Not registered.
pub const GHOST: PersonId = PersonId::repeat_byte(0xEE);
pub const NOBODY: AccountId = 99;

pub const DAY: Moment = 24 * 60 * 60 * 1000;
/// 2026-11-15 00:00 UTC.
pub const NOV_15_2026: Moment = 1_763_164_800_000 + 365 * DAY;

parameter_types! {
	pub storage Now: Moment = NOV_15_2026;
	/// Consents given: (subject, agency, scope, purpose, until).
	pub storage Consents: Vec<(PersonId, AgencyId, Scope, Purpose, Moment)> = vec![];
	/// Accesses recorded: (subject, agency, scope, answer).
	pub storage Accesses: Vec<(PersonId, AgencyId, Scope, bool)> = vec![];
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
			TAX => Some((0, vec![Capability::IssueInvoices])),
			POLICE => Some((1, vec![Capability::IssueFines])),
			COURT => Some((2, vec![Capability::DecideAppeals])),
			FUND => Some((FUND_AGENCY, vec![])),
			TREASURY => Some((TREASURY_AGENCY, vec![Capability::MintSettlement])),
			OTHER_TREASURY => Some((OTHER_TREASURY_AGENCY, vec![Capability::MintSettlement])),
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
		caps.contains(&capability)
			.then_some((who, agency))
			.ok_or(DispatchError::Other("MissingCapability"))
	}
	fn has_capability(agency: AgencyId, capability: Capability) -> bool {
		[TAX, POLICE, COURT, FUND, TREASURY, OTHER_TREASURY]
			.iter()
			.filter_map(Self::of)
			.any(|(a, caps)| a == agency && caps.contains(&capability))
	}
	fn is_member(agency: AgencyId) -> bool {
		agency <= OTHER_TREASURY_AGENCY
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

/// SHOP, EMPLOYER and INSURER are companies; ALICE and BOB citizens.
pub struct MockSubjects;
impl MockSubjects {
	fn all() -> [(PersonId, AccountId, SubjectKind); 5] {
		[
			(SHOP, SHOP_KEY, SubjectKind::Company),
			(ALICE, ALICE_KEY, SubjectKind::Citizen),
			(EMPLOYER, EMPLOYER_KEY, SubjectKind::Company),
			(INSURER, INSURER_KEY, SubjectKind::Company),
			(BOB, BOB_KEY, SubjectKind::Citizen),
		]
	}
}
impl SubjectRegistry<AccountId> for MockSubjects {
	fn exists(person: &PersonId) -> bool {
		Self::all().iter().any(|(p, _, _)| p == person)
	}
	fn is_active(person: &PersonId) -> bool {
		Self::exists(person)
	}
	fn is_minor(_: &PersonId) -> bool {
		false
	}
	fn kind(person: &PersonId) -> Option<SubjectKind> {
		Self::all().iter().find(|(p, _, _)| p == person).map(|(_, _, k)| *k)
	}
	fn registrar(person: &PersonId) -> Option<AgencyId> {
		Self::exists(person).then_some(0)
	}
	fn person_of(who: &AccountId) -> Option<PersonId> {
		Self::all().iter().find(|(_, a, _)| a == who).map(|(p, _, _)| *p)
	}
	fn proven_relation(
		_: &PersonId,
		_: RelationKind,
		_: &sp_core::H256,
		_: Moment,
	) -> Option<civitas_primitives::RelationId> {
		None
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
		scope: Scope,
		_purpose: Purpose,
		answer: bool,
	) {
		let mut all = Accesses::get();
		all.push((*subject, agency, scope, answer));
		Accesses::set(&all);
	}
}

/// Agency `n`'s account is 1000 + n.
pub struct MockAgencyAccounts;
impl AgencyAccounts<AccountId> for MockAgencyAccounts {
	fn account_of(agency: AgencyId) -> AccountId {
		1000 + u64::from(agency)
	}
}

impl pallet_invoices::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Agencies = MockAgencies;
	type Subjects = MockSubjects;
	type Consent = MockConsent;
	type Time = MockTime;
	type Currency = Balances;
	type AgencyAccounts = MockAgencyAccounts;
	type ConsortiumOrigin = frame_system::EnsureRoot<AccountId>;
	/// A day's notice.
	type FineNotice = frame_support::traits::ConstU64<DAY>;
	type MaxBatch = ConstU32<100>;
	type MaxRates = ConstU32<8>;
	type MaxClaims = ConstU32<3>;
	type MaxPayers = ConstU32<2>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockSubjects;
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::benchmarking::BenchmarkHelper<AccountId> for MockSubjects {
	fn tax_bureau() -> AccountId {
		TAX
	}
	fn police() -> AccountId {
		POLICE
	}
	fn court() -> AccountId {
		COURT
	}
	fn claimant_agency() -> AccountId {
		FUND
	}
	fn person(seed: u32, kind: SubjectKind) -> (PersonId, AccountId) {
		let (p, a, _) = Self::all()
			.into_iter()
			.filter(|(_, _, k)| *k == kind)
			.nth(seed as usize % 2)
			.expect("two of each kind but citizens");
		(p, a)
	}
	fn consent(subject: &PersonId, agency: AgencyId, purpose: &Purpose) {
		let mut all = Consents::get();
		all.push((*subject, agency, Scope::Invoices, purpose.clone(), u64::MAX));
		Consents::set(&all);
	}
	fn fund(who: &AccountId, amount: Balance) {
		use frame_support::traits::fungible::Mutate;
		let _ = Balances::mint_into(who, amount);
	}
}

/// Endowed accounts.
pub const ENDOWED: Balance = 1_000_000;

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE_KEY, ENDOWED), (BOB_KEY, ENDOWED), (SHOP_KEY, ENDOWED)],
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	pallet_invoices::GenesisConfig::<Test> {
		fine_treasury: Some(TREASURY_AGENCY),
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` with the bureau's rates (13 %, 9 %, 6 %) and SHOP a taxpayer (100 documents a
/// month, 1 000 000 per invoice), then checks the invariants.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		frame_support::assert_ok!(Invoicing::set_rates(
			RuntimeOrigin::signed(TAX),
			vec![1300, 900, 600].try_into().unwrap()
		));
		frame_support::assert_ok!(Invoicing::register_taxpayer(
			RuntimeOrigin::signed(TAX),
			SHOP,
			100,
			1_000_000
		));
		test();
		Invoicing::do_try_state().expect("invariants hold");
	});
}
