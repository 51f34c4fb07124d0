//! A test runtime with balances and the settlement pallet; agencies, enrolment and time are
//! mocks.

use crate as pallet_settlement;
use crate::MintCeiling;
use civitas_primitives::{AgencyAuthority, AgencyId, Capability, Enrolment, Moment, SubjectKind};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, Time},
	PalletId,
};
use frame_system::{pallet_prelude::OriginFor, EnsureRoot};
use sp_runtime::{BuildStorage, DispatchError, DispatchResult};

/// 16 bytes: enough for agency accounts (`modl`, the pallet id, the agency id) to differ.
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
	pub type Settlement = pallet_settlement;
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
	type RuntimeHoldReason = RuntimeHoldReason;
	/// As in the runtime: one cent, the smallest amount, so no dust is ever destroyed.
	type ExistentialDeposit = frame_support::traits::ConstU128<1>;
}

/// Staff of the treasury (agency 0: `MintSettlement`, with a ceiling).
pub const TREASURY: AccountId = 1;
pub const TREASURY_AGENCY: AgencyId = 0;
/// Staff of a second treasury (agency 1: `MintSettlement`, no ceiling set).
pub const TREASURY2: AccountId = 2;
pub const TREASURY2_AGENCY: AgencyId = 1;
/// Staff of the traffic police (agency 2: no capability; receives fines).
pub const POLICE: AccountId = 3;
pub const POLICE_AGENCY: AgencyId = 2;
/// An officer (not an admin) of the traffic police.
pub const POLICE_OFFICER: AccountId = 4;
/// Enrolled citizens.
pub const ALICE: AccountId = 10;
pub const BOB: AccountId = 11;
/// Endowed at genesis, enrolled.
pub const RICH: AccountId = 20;
/// The account of a domain alias (admitted, not enrolled).
pub const ALIAS_ACCOUNT: AccountId = 30;
/// Neither staff nor enrolled.
pub const NOBODY: AccountId = 99;

/// Genesis endowment of `RICH`.
pub const ENDOWMENT: Balance = 1_000_000;
/// Ceilings of the treasury at genesis.
pub const PER_MINT: Balance = 10_000;
pub const PER_DAY: Balance = 25_000;

pub const DAY: Moment = 24 * 60 * 60 * 1000;

parameter_types! {
	pub storage Now: Moment = 1_700_000_000_000;
	/// Agencies removed from the consortium.
	pub storage Removed: Vec<AgencyId> = vec![];
	pub const SettlementPalletId: PalletId = PalletId(*b"cvt/agcy");
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
	/// Agency, capabilities and whether admin, of a staff account of a member agency.
	fn of(who: &AccountId) -> Option<(AgencyId, Vec<Capability>, bool)> {
		let of = match *who {
			TREASURY => (TREASURY_AGENCY, vec![Capability::MintSettlement], true),
			TREASURY2 => (TREASURY2_AGENCY, vec![Capability::MintSettlement], true),
			POLICE => (POLICE_AGENCY, vec![], true),
			POLICE_OFFICER => (POLICE_AGENCY, vec![], false),
			_ => return None,
		};
		Self::is_member(of.0).then_some(of)
	}
}
impl AgencyAuthority<OriginFor<Test>, AccountId> for MockAgencies {
	fn ensure_capability(
		origin: OriginFor<Test>,
		capability: Capability,
	) -> Result<(AccountId, AgencyId), DispatchError> {
		let (who, agency) = Self::ensure_staff(origin)?;
		Self::has_capability(agency, capability)
			.then_some((who, agency))
			.ok_or(DispatchError::Other("MissingCapability"))
	}
	fn has_capability(agency: AgencyId, capability: Capability) -> bool {
		[TREASURY, TREASURY2, POLICE]
			.iter()
			.filter_map(Self::of)
			.any(|(a, caps, _)| a == agency && caps.contains(&capability))
	}
	fn is_member(agency: AgencyId) -> bool {
		agency <= POLICE_AGENCY && !Removed::get().contains(&agency)
	}
	fn ensure_staff(origin: OriginFor<Test>) -> Result<(AccountId, AgencyId), DispatchError> {
		let who = frame_system::ensure_signed(origin)?;
		let (agency, _, _) = Self::of(&who).ok_or(DispatchError::Other("NotStaff"))?;
		Ok((who, agency))
	}
	fn ensure_admin(origin: OriginFor<Test>) -> Result<(AccountId, AgencyId), DispatchError> {
		let who = frame_system::ensure_signed(origin)?;
		match Self::of(&who) {
			Some((agency, _, true)) => Ok((who, agency)),
			Some(_) => Err(DispatchError::Other("NotAdmin")),
			None => Err(DispatchError::Other("NotStaff")),
		}
	}
}

/// ALICE, BOB and RICH are enrolled; ALIAS_ACCOUNT is an alias account.
pub struct MockEnrolment;
impl Enrolment<AccountId> for MockEnrolment {
	fn enrol(_: &AccountId, _: AgencyId, _: SubjectKind) -> DispatchResult {
		Err(DispatchError::Other("not in this mock"))
	}
	fn unenrol(_: &AccountId) -> DispatchResult {
		Err(DispatchError::Other("not in this mock"))
	}
	fn is_enrolled(who: &AccountId) -> bool {
		[ALICE, BOB, RICH].contains(who)
	}
	fn is_alias_account(who: &AccountId) -> bool {
		*who == ALIAS_ACCOUNT
	}
	fn reenrol(_: &AccountId, _: AgencyId) -> DispatchResult {
		Err(DispatchError::Other("not in this mock"))
	}
	fn rekey(_: &AccountId, _: &AccountId) -> DispatchResult {
		Err(DispatchError::Other("not in this mock"))
	}
}

impl pallet_settlement::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ConsortiumOrigin = EnsureRoot<AccountId>;
	type Agencies = MockAgencies;
	type Enrolment = MockEnrolment;
	type Time = MockTime;
	type PalletId = SettlementPalletId;
	type MaxPendingPerAccount = ConstU32<3>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockAgencies;
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::benchmarking::BenchmarkHelper<AccountId> for MockAgencies {
	fn treasury() -> AccountId {
		TREASURY
	}
	fn enrolled(seed: u32) -> AccountId {
		// The mock knows three enrolled accounts.
		[ALICE, BOB, RICH][(seed % 3) as usize]
	}
}

pub struct ExtBuilder {
	endowed: Vec<(AccountId, Balance)>,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self { endowed: vec![(RICH, ENDOWMENT)] }
	}
}

impl ExtBuilder {
	pub fn build(self) -> sp_io::TestExternalities {
		let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> { balances: self.endowed, ..Default::default() }
			.assimilate_storage(&mut t)
			.unwrap();
		pallet_settlement::GenesisConfig::<Test> {
			ceilings: vec![(TREASURY_AGENCY, MintCeiling { per_mint: PER_MINT, per_day: PER_DAY })],
		}
		.assimilate_storage(&mut t)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(t);
		ext.execute_with(|| {
			System::set_block_number(1);
			// As the consortium does for enrolled accounts: a provider reference, so that they
			// exist (and transact) with a zero balance.
			for who in [ALICE, BOB, RICH] {
				System::inc_providers(&who);
			}
		});
		ext
	}

	/// Runs `test`, then checks the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Settlement::do_try_state().expect("invariants hold");
		});
	}
}

/// Runs `test` on the default state, then checks the pallet's invariants.
pub fn run(test: impl FnOnce()) {
	ExtBuilder::default().build_and_execute(test)
}
