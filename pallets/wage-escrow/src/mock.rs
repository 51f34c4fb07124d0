//! A test runtime with balances and the wage-escrow pallet; agencies and aliases are mocks.

use crate as pallet_wages;
use civitas_primitives::{
	AgencyAuthority, AgencyId, Alias, Aliases, Capability, Domain, Moment, SubjectKind, MS_PER_DAY,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, Time},
	weights::{Weight, WeightMeter},
	PalletId,
};
use frame_system::pallet_prelude::OriginFor;
use sp_runtime::{BuildStorage, DispatchError};

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
	pub type Wages = pallet_wages;
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
	type ExistentialDeposit = ExistentialDeposit;
	type RuntimeHoldReason = RuntimeHoldReason;
}

/// Staff of the construction bureau (agency 0: `SuperviseConstruction`).
pub const BUREAU: AccountId = 1;
pub const BUREAU_AGENCY: AgencyId = 0;
/// Staff of another construction bureau (agency 1).
pub const OTHER_BUREAU: AccountId = 2;
pub const OTHER_BUREAU_AGENCY: AgencyId = 1;
/// Staff of an agency without the capability (agency 2).
pub const CLERK: AccountId = 3;

/// Wages aliases and the accounts they act through.
pub const DEVELOPER: Alias = Alias::repeat_byte(0xD1);
pub const DEVELOPER_KEY: AccountId = 21;
pub const CONTRACTOR: Alias = Alias::repeat_byte(0xC1);
pub const CONTRACTOR_KEY: AccountId = 22;
pub const WORKER: Alias = Alias::repeat_byte(0xA1);
pub const WORKER_KEY: AccountId = 11;
pub const MATE: Alias = Alias::repeat_byte(0xA2);
pub const MATE_KEY: AccountId = 12;
pub const THIRD: Alias = Alias::repeat_byte(0xA3);
pub const THIRD_KEY: AccountId = 13;
pub const FOURTH: Alias = Alias::repeat_byte(0xA4);
pub const FOURTH_KEY: AccountId = 14;
/// A fund alias of WORKER's person: live, but not in the wages domain.
pub const WORKER_FUND_KEY: AccountId = 15;
/// Not a live alias.
pub const GHOST: Alias = Alias::repeat_byte(0xEE);
pub const NOBODY: AccountId = 99;

pub const DAY: Moment = MS_PER_DAY;
/// 2026-11-15 00:00 UTC.
pub const NOV_15_2026: Moment = 1_794_700_800_000;

parameter_types! {
	pub storage Now: Moment = NOV_15_2026;
	/// Bound wages aliases: (alias, account, kind).
	pub storage People: Vec<(Alias, AccountId, SubjectKind)> = vec![
		(DEVELOPER, DEVELOPER_KEY, SubjectKind::Company),
		(CONTRACTOR, CONTRACTOR_KEY, SubjectKind::Company),
		(WORKER, WORKER_KEY, SubjectKind::Citizen),
		(MATE, MATE_KEY, SubjectKind::Citizen),
		(THIRD, THIRD_KEY, SubjectKind::Citizen),
		(FOURTH, FOURTH_KEY, SubjectKind::Citizen),
	];
	/// Aliases that ended (their person's ring was revised past the grace).
	pub storage Inactive: Vec<Alias> = vec![];
	pub const WagesPalletId: PalletId = PalletId(*b"cvt/wage");
	/// One unit, until a test raises it.
	pub storage ExistentialDeposit: Balance = 1;
	/// The agenda's base, one visit and two payments a block (each 1 000 in `TestWeights`):
	/// pay days take several blocks in the tests.
	pub storage PayDayWeight: Weight = Weight::from_parts(4_000, 0);
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
			BUREAU => Some((BUREAU_AGENCY, vec![Capability::SuperviseConstruction])),
			OTHER_BUREAU => Some((OTHER_BUREAU_AGENCY, vec![Capability::SuperviseConstruction])),
			CLERK => Some((2, vec![])),
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
		[BUREAU, OTHER_BUREAU, CLERK]
			.iter()
			.filter_map(Self::of)
			.any(|(a, caps)| a == agency && caps.contains(&capability))
	}
	fn is_member(agency: AgencyId) -> bool {
		agency <= 2
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

/// Wages aliases as the aliases pallet answers for them: the live entries of [`People`]
/// (and, for a worker's fund alias, an account that acts in another domain only).
pub struct MockAliases;
impl MockAliases {
	fn live(domain: Domain) -> impl Iterator<Item = (Alias, AccountId, SubjectKind)> {
		let ended = Inactive::get();
		People::get()
			.into_iter()
			.filter(move |(a, _, _)| domain == Domain::Wages && !ended.contains(a))
	}
}
impl Aliases<AccountId> for MockAliases {
	fn alias_of(who: &AccountId, domain: Domain) -> Option<Alias> {
		if *who == WORKER_FUND_KEY {
			return (domain == Domain::Fund).then_some(Alias::repeat_byte(0xF1));
		}
		Self::live(domain).find(|(_, k, _)| k == who).map(|(a, _, _)| a)
	}
	fn account_of(alias: &Alias, domain: Domain) -> Option<AccountId> {
		Self::live(domain).find(|(a, _, _)| a == alias).map(|(_, k, _)| k)
	}
	fn kind_of(alias: &Alias, domain: Domain) -> Option<SubjectKind> {
		Self::live(domain).find(|(a, _, _)| a == alias).map(|(_, _, kind)| kind)
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
	let mut all = Inactive::get();
	all.push(alias);
	Inactive::set(&all);
}

/// Each agenda step (base, visit, line) costs 1 000 in the tests; calls cost nothing.
pub struct TestWeights;
impl crate::WeightInfo for TestWeights {
	fn set_review_period() -> Weight {
		Weight::zero()
	}
	fn register_project() -> Weight {
		Weight::zero()
	}
	fn deposit(_: u32) -> Weight {
		Weight::zero()
	}
	fn release_milestone() -> Weight {
		Weight::zero()
	}
	fn add_worker() -> Weight {
		Weight::zero()
	}
	fn remove_worker() -> Weight {
		Weight::zero()
	}
	fn submit_payroll(_: u32) -> Weight {
		Weight::zero()
	}
	fn dispute_line() -> Weight {
		Weight::zero()
	}
	fn approve_payroll() -> Weight {
		Weight::zero()
	}
	fn reject_payroll(_: u32) -> Weight {
		Weight::zero()
	}
	fn close_project(_: u32) -> Weight {
		Weight::zero()
	}
	fn agenda_base() -> Weight {
		Weight::from_parts(1_000, 0)
	}
	fn agenda_visit() -> Weight {
		Weight::from_parts(1_000, 0)
	}
	fn agenda_pay(n: u32) -> Weight {
		Weight::from_parts(1_000 + 1_000 * u64::from(n), 0)
	}
	fn accept_place() -> Weight {
		Weight::zero()
	}
	fn claim_wage() -> Weight {
		Weight::zero()
	}
}

parameter_types! {
	pub const DefaultReviewPeriod: Moment = 3 * DAY;
}

impl pallet_wages::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Agencies = MockAgencies;
	type Aliases = MockAliases;
	type Time = MockTime;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ConsortiumOrigin = frame_system::EnsureRoot<AccountId>;
	type PalletId = WagesPalletId;
	type MaxPayrollLines = ConstU32<3>;
	type MaxRoster = ConstU32<3>;
	type MaxProjectsPerWorker = ConstU32<2>;
	type MaxUnpaid = ConstU32<3>;
	type DefaultReviewPeriod = DefaultReviewPeriod;
	type PayDayWeight = PayDayWeight;
	type WeightInfo = TestWeights;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockAliases;
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::benchmarking::BenchmarkHelper<AccountId> for MockAliases {
	fn bureau() -> AccountId {
		BUREAU
	}
	fn alias(seed: u32, kind: SubjectKind) -> (Alias, AccountId) {
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
	fn fund(who: &AccountId, amount: Balance) {
		use frame_support::traits::fungible::Mutate;
		let _ = Balances::mint_into(who, amount);
	}
	fn set_time(now: Moment) {
		Now::set(&now);
	}
}

/// Endowed accounts.
pub const ENDOWED: Balance = 10_000_000;

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(DEVELOPER_KEY, ENDOWED), (CONTRACTOR_KEY, 1)],
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
		Wages::do_try_state().expect("invariants hold");
	});
}

/// The next block, `ms` later: its `on_poll` runs (the agenda), and the invariants hold.
pub fn next_block_after(ms: Moment) {
	use frame_support::traits::OnPoll;
	System::set_block_number(System::block_number() + 1);
	Now::set(&(Now::get() + ms));
	let mut meter = WeightMeter::with_limit(Weight::MAX);
	<Wages as OnPoll<u64>>::on_poll(System::block_number(), &mut meter);
	Wages::do_try_state().expect("invariants hold after the block");
}

/// This pallet's events, oldest first.
pub fn wage_events() -> Vec<pallet_wages::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Wages(e) => Some(e),
			_ => None,
		})
		.collect()
}
