//! A test runtime with balances and the invoices pallet; agencies, aliases, consent and agency
//! accounts are mocks.

use crate as pallet_invoices;
use civitas_primitives::{
	AgencyAccounts, AgencyAuthority, AgencyId, Alias, Aliases, Capability, ConsentCheck, Domain,
	Moment, Purpose, Scope, SubjectKind,
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
/// Staff of another city's tax bureau (agency 6: `IssueInvoices`).
pub const OTHER_TAX: AccountId = 7;
pub const OTHER_TAX_AGENCY: AgencyId = 6;

/// Persons' aliases (the same value in the invoices and the fines domain, for brevity) and
/// their alias accounts.
pub const SHOP: Alias = Alias::repeat_byte(0x51);
pub const SHOP_KEY: AccountId = 10;
pub const ALICE: Alias = Alias::repeat_byte(0xA1);
pub const ALICE_KEY: AccountId = 11;
pub const EMPLOYER: Alias = Alias::repeat_byte(0xE1);
pub const EMPLOYER_KEY: AccountId = 12;
pub const INSURER: Alias = Alias::repeat_byte(0xE2);
pub const INSURER_KEY: AccountId = 13;
pub const BOB: Alias = Alias::repeat_byte(0xB0);
pub const BOB_KEY: AccountId = 14;
/// No live alias.
pub const GHOST: Alias = Alias::repeat_byte(0xEE);
/// An account that acts for no alias.
pub const NOBODY: AccountId = 99;

pub const DAY: Moment = 24 * 60 * 60 * 1000;
/// 2026-11-15 00:00 UTC.
pub const NOV_15_2026: Moment = 1_763_164_800_000 + 365 * DAY;

parameter_types! {
	pub storage Now: Moment = NOV_15_2026;
	/// Consents given: (subject, agency, scope, purpose, until).
	pub storage Consents: Vec<(Alias, AgencyId, Scope, Purpose, Moment)> = vec![];
	/// Accesses recorded: (subject, agency, scope, answer).
	pub storage Accesses: Vec<(Alias, AgencyId, Scope, bool)> = vec![];
	/// Live aliases (in both domains), their accounts and kinds: SHOP, EMPLOYER and INSURER
	/// are companies; ALICE and BOB citizens.
	pub storage People: Vec<(Alias, AccountId, SubjectKind)> = vec![
		(SHOP, SHOP_KEY, SubjectKind::Company),
		(ALICE, ALICE_KEY, SubjectKind::Citizen),
		(EMPLOYER, EMPLOYER_KEY, SubjectKind::Company),
		(INSURER, INSURER_KEY, SubjectKind::Company),
		(BOB, BOB_KEY, SubjectKind::Citizen),
	];
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
			OTHER_TAX => Some((OTHER_TAX_AGENCY, vec![Capability::IssueInvoices])),
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
		[TAX, POLICE, COURT, FUND, TREASURY, OTHER_TREASURY, OTHER_TAX]
			.iter()
			.filter_map(Self::of)
			.any(|(a, caps)| a == agency && caps.contains(&capability))
	}
	fn is_member(agency: AgencyId) -> bool {
		agency <= OTHER_TAX_AGENCY
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

/// Invoices and fines aliases as the aliases pallet answers for them: the entries of
/// [`People`].
pub struct MockAliases;
impl MockAliases {
	fn find(
		domain: Domain,
		f: impl Fn(&(Alias, AccountId, SubjectKind)) -> bool,
	) -> Option<(Alias, AccountId, SubjectKind)> {
		matches!(domain, Domain::Invoices | Domain::Fines)
			.then(|| People::get().into_iter().find(f))
			.flatten()
	}
}
impl Aliases<AccountId> for MockAliases {
	fn alias_of(who: &AccountId, domain: Domain) -> Option<Alias> {
		Self::find(domain, |(_, k, _)| k == who).map(|(a, _, _)| a)
	}
	fn account_of(alias: &Alias, domain: Domain) -> Option<AccountId> {
		Self::find(domain, |(a, _, _)| a == alias).map(|(_, k, _)| k)
	}
	fn kind_of(alias: &Alias, domain: Domain) -> Option<SubjectKind> {
		Self::find(domain, |(a, _, _)| a == alias).map(|(_, _, kind)| kind)
	}
}

/// Binds `alias` to `account` instead (a rotation of its binding to a new key).
pub fn rebind(alias: Alias, account: AccountId) {
	let mut all = People::get();
	for entry in all.iter_mut().filter(|(a, _, _)| *a == alias) {
		entry.1 = account;
	}
	People::set(&all);
}

/// Ends `alias` (its person's ring was revised past the grace, or the person erased).
pub fn end(alias: Alias) {
	let mut all = People::get();
	all.retain(|(a, _, _)| *a != alias);
	People::set(&all);
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
	type Aliases = MockAliases;
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
	type BenchmarkHelper = MockAliases;
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::benchmarking::BenchmarkHelper<AccountId> for MockAliases {
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
	fn alias(seed: u32, _: Domain, kind: SubjectKind) -> (Alias, AccountId) {
		let mut b = [0u8; 32];
		b[..4].copy_from_slice(&seed.to_le_bytes());
		b[4] = if kind == SubjectKind::Company { 0xE0 } else { 0xC0 };
		let alias = Alias::from(b);
		let key = 1_000_000 + u64::from(seed) * 2 + u64::from(kind == SubjectKind::Company);
		let mut all = People::get();
		all.push((alias, key, kind));
		People::set(&all);
		(alias, key)
	}
	fn consent(subject: &Alias, agency: AgencyId, scope: Scope, purpose: &Purpose) {
		let mut all = Consents::get();
		all.push((*subject, agency, scope, purpose.clone(), u64::MAX));
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
	// The benchmarks make claim keys in a keystore, as the benchmarking CLI's has.
	ext.register_extension(sp_keystore::KeystoreExt::new(
		sp_keystore::testing::MemoryKeystore::new(),
	));
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
