//! A test runtime with the land-titles pallet; agencies, titles aliases and consent are mocks.

use crate as pallet_titles;
use civitas_primitives::{
	AgencyAuthority, AgencyId, Alias, Aliases, Capability, ConsentCheck, Domain, Moment, Purpose,
	Scope, SubjectKind,
};
use frame_support::{derive_impl, parameter_types, traits::ConstU32, traits::Time};
use frame_system::pallet_prelude::OriginFor;
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
	pub type LandTitles = pallet_titles;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// Staff of the land registry (agency 0: `RegisterTitles`).
pub const REGISTRY: AccountId = 1;
pub const REGISTRY_AGENCY: AgencyId = 0;
/// Staff of two banks (agencies 1 and 2: `RegisterMortgages`).
pub const BANK_A: AccountId = 2;
pub const BANK_A_AGENCY: AgencyId = 1;
pub const BANK_B: AccountId = 3;
pub const BANK_B_AGENCY: AgencyId = 2;
/// Staff of two courts (agencies 3 and 4: `FreezeAssets`).
pub const COURT_A: AccountId = 4;
pub const COURT_A_AGENCY: AgencyId = 3;
pub const COURT_B: AccountId = 5;
pub const COURT_B_AGENCY: AgencyId = 4;
/// Staff of an agency without capabilities (agency 5), which reads under consent.
pub const CLERK: AccountId = 6;
pub const CLERK_AGENCY: AgencyId = 5;

/// Persons' titles aliases and their alias accounts.
pub const ANN: Alias = Alias::repeat_byte(0xA1);
pub const ANN_KEY: AccountId = 11;
pub const BEN: Alias = Alias::repeat_byte(0xA2);
pub const BEN_KEY: AccountId = 12;
pub const CAT: Alias = Alias::repeat_byte(0xA3);
pub const CAT_KEY: AccountId = 13;
pub const DAN: Alias = Alias::repeat_byte(0xA4);
pub const DAN_KEY: AccountId = 14;
/// No live alias.
pub const GHOST: Alias = Alias::repeat_byte(0xEE);
pub const NOBODY: AccountId = 99;

/// 2026-11-15 00:00 UTC.
pub const NOW: Moment = 1_794_700_800_000;
pub const DAY: Moment = 86_400_000;

parameter_types! {
	pub storage Now: Moment = NOW;
	/// Titles aliases: (alias, alias account, kind).
	pub storage People: Vec<(Alias, AccountId, SubjectKind)> = vec![
		(ANN, ANN_KEY, SubjectKind::Citizen),
		(BEN, BEN_KEY, SubjectKind::Citizen),
		(CAT, CAT_KEY, SubjectKind::Citizen),
		(DAN, DAN_KEY, SubjectKind::Company),
	];
	/// Aliases that ended (their person's ring revised past the grace, or the person erased).
	pub storage Inactive: Vec<Alias> = vec![];
	/// Consents given: (subject, agency, scope, purpose, until).
	pub storage Consents: Vec<(Alias, AgencyId, Scope, Purpose, Moment)> = vec![];
	/// Accesses recorded: (subject, agency, scope).
	pub storage Accesses: Vec<(Alias, AgencyId, Scope)> = vec![];
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
			REGISTRY => Some((REGISTRY_AGENCY, vec![Capability::RegisterTitles])),
			BANK_A => Some((BANK_A_AGENCY, vec![Capability::RegisterMortgages])),
			BANK_B => Some((BANK_B_AGENCY, vec![Capability::RegisterMortgages])),
			COURT_A => Some((COURT_A_AGENCY, vec![Capability::FreezeAssets])),
			COURT_B => Some((COURT_B_AGENCY, vec![Capability::FreezeAssets])),
			CLERK => Some((CLERK_AGENCY, vec![])),
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
		(1..=6)
			.filter_map(|who| Self::of(&who))
			.any(|(a, caps)| a == agency && caps.contains(&capability))
	}
	fn is_member(agency: AgencyId) -> bool {
		agency <= CLERK_AGENCY
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

/// Titles aliases as the aliases pallet answers for them: the live entries of [`People`].
pub struct MockAliases;
impl MockAliases {
	fn live(domain: Domain) -> impl Iterator<Item = (Alias, AccountId, SubjectKind)> {
		let ended = Inactive::get();
		People::get()
			.into_iter()
			.filter(move |(a, _, _)| domain == Domain::Titles && !ended.contains(a))
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

impl pallet_titles::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Agencies = MockAgencies;
	type Aliases = MockAliases;
	type Consent = MockConsent;
	type Time = MockTime;
	type MaxVertices = ConstU32<8>;
	type MaxOwners = ConstU32<4>;
	type MaxLiens = ConstU32<3>;
	type MaxFreezes = ConstU32<3>;
	type MaxHistory = ConstU32<5>;
	type MaxLineage = ConstU32<4>;
	/// 0.001° cells: a parcel of 0.001° × 0.001° placed on the grid covers one.
	type CellSize = ConstU32<1_000>;
	type MaxCellsPerParcel = ConstU32<4>;
	type MaxPerCell = ConstU32<3>;
	type MaxOpenOffers = ConstU32<2>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockAliases;
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::benchmarking::BenchmarkHelper<AccountId> for MockAliases {
	fn staff(capability: Capability) -> AccountId {
		match capability {
			Capability::RegisterTitles => REGISTRY,
			Capability::RegisterMortgages => BANK_A,
			Capability::FreezeAssets => COURT_A,
			_ => CLERK,
		}
	}
	fn alias(seed: u32) -> (Alias, AccountId) {
		let mut b = [0u8; 32];
		b[..4].copy_from_slice(&seed.to_le_bytes());
		b[4] = 0xB0;
		let person = Alias::from(b);
		let key = 1_000_000 + u64::from(seed);
		let mut all = People::get();
		all.push((person, key, SubjectKind::Citizen));
		People::set(&all);
		(person, key)
	}
	fn consent(subject: &Alias, agency: AgencyId, purpose: &Purpose) {
		let mut all = Consents::get();
		all.push((*subject, agency, Scope::Titles, purpose.clone(), u64::MAX));
		Consents::set(&all);
	}
	fn set_time(now: Moment) {
		Now::set(&now);
	}
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs a test and checks the pallet's invariants after it.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		LandTitles::do_try_state().expect("invariants hold");
	});
}

/// This pallet's events, oldest first.
pub fn title_events() -> Vec<pallet_titles::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::LandTitles(e) => Some(e),
			_ => None,
		})
		.collect()
}
