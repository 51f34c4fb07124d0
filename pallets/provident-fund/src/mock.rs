//! A test runtime with balances and the provident-fund pallet; agencies, aliases and consent
//! are mocks.

use crate as pallet_fund;
use civitas_primitives::{
	AgencyAuthority, AgencyId, Alias, Aliases, Capability, ConsentCheck, Domain, Moment, Purpose,
	Scope, SubjectKind,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, Time},
	PalletId,
};
use frame_system::pallet_prelude::OriginFor;
use sp_runtime::{BuildStorage, DispatchError};

/// Wide enough that fund purses (`modl` ‖ pallet id ‖ alias) differ by alias.
pub type AccountId = u128;
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
	pub type Fund = pallet_fund;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type ExistentialDeposit = frame_support::traits::ConstU128<1>;
	type RuntimeHoldReason = RuntimeHoldReason;
}

/// Staff of city A's fund centre (agency 0: `ManageProvidentFund`).
pub const CENTRE_A: AccountId = 1;
pub const AGENCY_A: AgencyId = 0;
/// Staff of city B's fund centre (agency 1: `ManageProvidentFund`).
pub const CENTRE_B: AccountId = 2;
pub const AGENCY_B: AgencyId = 1;
/// Staff of a bank (agency 2: no capability; reads under consent).
pub const BANK: AccountId = 3;
pub const BANK_AGENCY: AgencyId = 2;
/// Staff of an agency holding `ManageProvidentFund` that is no centre (agency 3).
pub const SPARE: AccountId = 4;
pub const SPARE_AGENCY: AgencyId = 3;
/// Staff of another such agency (agency 4).
pub const EXTRA: AccountId = 5;
pub const EXTRA_AGENCY: AgencyId = 4;

pub const CITY_A: u32 = 320100;
pub const CITY_B: u32 = 110100;

/// Fund aliases and the accounts they act through.
pub const WORKER: Alias = Alias::repeat_byte(0xA1);
pub const WORKER_KEY: AccountId = 11;
pub const MATE: Alias = Alias::repeat_byte(0xA2);
pub const MATE_KEY: AccountId = 12;
pub const FIRM: Alias = Alias::repeat_byte(0xE1);
pub const FIRM_KEY: AccountId = 21;
pub const OTHER_FIRM: Alias = Alias::repeat_byte(0xE2);
pub const OTHER_FIRM_KEY: AccountId = 22;
/// Not a live alias.
pub const GHOST: Alias = Alias::repeat_byte(0xEE);
pub const NOBODY: AccountId = 99;

pub const DAY: Moment = 24 * 60 * 60 * 1000;
/// 2026-11-15 00:00 UTC.
pub const NOV_15_2026: Moment = 1_763_164_800_000 + 365 * DAY;

parameter_types! {
	pub storage Now: Moment = NOV_15_2026;
	/// Bound fund aliases: (alias, account, kind).
	pub storage People: Vec<(Alias, AccountId, SubjectKind)> = vec![
		(WORKER, WORKER_KEY, SubjectKind::Citizen),
		(MATE, MATE_KEY, SubjectKind::Citizen),
		(FIRM, FIRM_KEY, SubjectKind::Company),
		(OTHER_FIRM, OTHER_FIRM_KEY, SubjectKind::Company),
	];
	/// Aliases that ended (their person's ring was revised past the grace).
	pub storage Inactive: Vec<Alias> = vec![];
	/// Consents given: (subject, agency, scope, purpose, until).
	pub storage Consents: Vec<(Alias, AgencyId, Scope, Purpose, Moment)> = vec![];
	/// Accesses recorded: (subject, agency, scope).
	pub storage Accesses: Vec<(Alias, AgencyId, Scope)> = vec![];
	pub const FundPalletId: PalletId = PalletId(*b"cvt/fund");
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
			CENTRE_A => Some((AGENCY_A, vec![Capability::ManageProvidentFund])),
			CENTRE_B => Some((AGENCY_B, vec![Capability::ManageProvidentFund])),
			BANK => Some((BANK_AGENCY, vec![])),
			SPARE => Some((SPARE_AGENCY, vec![Capability::ManageProvidentFund])),
			EXTRA => Some((EXTRA_AGENCY, vec![Capability::ManageProvidentFund])),
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
		[CENTRE_A, CENTRE_B, BANK, SPARE, EXTRA]
			.iter()
			.filter_map(Self::of)
			.any(|(a, caps)| a == agency && caps.contains(&capability))
	}
	fn is_member(agency: AgencyId) -> bool {
		agency <= EXTRA_AGENCY
	}
	fn ensure_staff(origin: OriginFor<Test>) -> Result<(AccountId, AgencyId), DispatchError> {
		let who = frame_system::ensure_signed(origin)?;
		let (agency, _) = Self::of(&who).ok_or(DispatchError::Other("NotStaff"))?;
		Ok((who, agency))
	}
	fn ensure_admin(origin: OriginFor<Test>) -> Result<(AccountId, AgencyId), DispatchError> {
		Self::ensure_staff(origin)
	}
}

/// Fund aliases as the aliases pallet answers for them: the live entries of [`People`].
pub struct MockAliases;
impl MockAliases {
	fn live(domain: Domain) -> impl Iterator<Item = (Alias, AccountId, SubjectKind)> {
		let ended = Inactive::get();
		People::get()
			.into_iter()
			.filter(move |(a, _, _)| domain == Domain::Fund && !ended.contains(a))
	}
}
impl Aliases<AccountId> for MockAliases {
	fn alias_of(who: &AccountId, domain: Domain) -> Option<Alias> {
		Self::live(domain).find(|(_, k, _)| k == who).map(|(a, _, _)| a)
	}
	fn account_of(alias: &Alias, domain: Domain) -> Option<AccountId> {
		Self::live(domain).find(|(a, _, _)| a == alias).map(|(_, k, _)| k)
	}
	fn kind_of(alias: &Alias, domain: Domain) -> Option<SubjectKind> {
		Self::live(domain).find(|(a, _, _)| a == alias).map(|(_, _, kind)| kind)
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
	fn record_access(subject: &Alias, agency: AgencyId, scope: Scope, _: Purpose, _: bool) {
		let mut all = Accesses::get();
		all.push((*subject, agency, scope));
		Accesses::set(&all);
	}
}

parameter_types! {
	pub const DefaultTransferDeadline: Moment = 15 * DAY;
}

impl pallet_fund::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Agencies = MockAgencies;
	type Aliases = MockAliases;
	type Consent = MockConsent;
	type Time = MockTime;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ConsortiumOrigin = frame_system::EnsureRoot<AccountId>;
	type PalletId = FundPalletId;
	type MaxCentres = ConstU32<3>;
	type MaxLines = ConstU32<100>;
	type DefaultTransferDeadline = DefaultTransferDeadline;
	type RefusalsToEscalate = ConstU32<2>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockAliases;
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::benchmarking::BenchmarkHelper<AccountId> for MockAliases {
	fn centre(seed: u32) -> (AccountId, AgencyId) {
		if seed.is_multiple_of(2) {
			(CENTRE_A, AGENCY_A)
		} else {
			(CENTRE_B, AGENCY_B)
		}
	}
	fn reader() -> (AccountId, AgencyId) {
		(BANK, BANK_AGENCY)
	}
	fn alias(seed: u32, kind: SubjectKind) -> (Alias, AccountId) {
		// The seed leads: purses take the alias's first bytes.
		let mut b = [0u8; 32];
		b[..4].copy_from_slice(&seed.to_le_bytes());
		b[4] = if kind == SubjectKind::Company { 0xE0 } else { 0xC0 };
		let person = Alias::from(b);
		let key = 1_000_000 + u128::from(seed) * 2 + u128::from(kind == SubjectKind::Company);
		let mut all = People::get();
		all.push((person, key, kind));
		People::set(&all);
		(person, key)
	}
	fn consent(subject: &Alias, agency: AgencyId, purpose: &Purpose) {
		let mut all = Consents::get();
		all.push((*subject, agency, Scope::FundAccount, purpose.clone(), u64::MAX));
		Consents::set(&all);
	}
	fn fund(who: &AccountId, amount: Balance) {
		use frame_support::traits::fungible::Mutate;
		let _ = Balances::mint_into(who, amount);
	}
}

/// Endowed accounts.
pub const ENDOWED: Balance = 10_000_000;

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(FIRM_KEY, ENDOWED), (OTHER_FIRM_KEY, ENDOWED), (WORKER_KEY, 1)],
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs a test and checks the pallet's invariants after it.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Fund::do_try_state().expect("invariants hold");
	});
}

/// This pallet's events, oldest first.
pub fn fund_events() -> Vec<pallet_fund::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Fund(e) => Some(e),
			_ => None,
		})
		.collect()
}
