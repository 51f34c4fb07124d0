//! The consortium: agencies, votes, validators (via sessions) and network peers.

use frame_support::{
	parameter_types,
	traits::{ConstU128, ConstU32, ConstU64, Contains},
	weights::{constants::WEIGHT_REF_TIME_PER_MILLIS, Weight},
};
use frame_system::EnsureRoot;
use pallet_consortium::{AdmissionPolicy, QuotaLimit, SessionAccounts};
use sp_runtime::traits::OpaqueKeys;

use super::{consensus::MaxAuthorities, system::RuntimeBlockWeights};
use crate::{
	time::{DAYS, MINUTES},
	AccountId, Balances, BlockNumber, Consortium, Runtime, RuntimeCall, RuntimeEvent, Session,
	SessionKeys,
};

parameter_types! {
	/// A proposed call may use up to a tenth of a block: consortium calls are small.
	pub MaxProposalWeight: Weight =
		RuntimeBlockWeights::get().max_block.checked_div(10).unwrap_or_default();
	/// Per ten-minute window, an enrolled account may have included 20 transactions, 16 KiB
	/// and 50 ms of computation: far above what a citizen does (a transfer is ~150 bytes and
	/// ~40 µs), and 0.003 % of the window's block space (100 blocks of 5 MiB).
	pub const EnrolledQuota: QuotaLimit = QuotaLimit {
		transactions: 20,
		bytes: 16 * 1024,
		weight: 50 * WEIGHT_REF_TIME_PER_MILLIS,
	};
	/// Per window, an enrolled company may have included 1000 transactions, 2 MiB and 10 s of
	/// computation, as staff: companies issue invoices and pay payrolls in batches.
	pub const CompanyQuota: QuotaLimit = QuotaLimit {
		transactions: 1000,
		bytes: 2 * 1024 * 1024,
		weight: 10_000 * WEIGHT_REF_TIME_PER_MILLIS,
	};
	/// Per window, a staff account may have included 1000 transactions, 2 MiB and 10 s of
	/// computation: 0.4 % of the window's bytes and 2.4 % of its computation (4.25 s per block),
	/// so no single key fills the blocks.
	pub const StaffQuota: QuotaLimit = STAFF_QUOTA;
}

#[cfg(not(feature = "runtime-benchmarks"))]
const STAFF_QUOTA: QuotaLimit = QuotaLimit {
	transactions: 1000,
	bytes: 2 * 1024 * 1024,
	weight: 10_000 * WEIGHT_REF_TIME_PER_MILLIS,
};

/// Only in benchmark builds, which never run a chain: no staff quota, because the overhead
/// benchmark (`frame-omni-bencher v1 benchmark overhead`) fills blocks with one staff
/// account's remarks. The admission check still runs whole.
#[cfg(feature = "runtime-benchmarks")]
const STAFF_QUOTA: QuotaLimit =
	QuotaLimit { transactions: u32::MAX, bytes: u32::MAX, weight: u64::MAX };

/// What admitted accounts may submit.
///
/// - Enrolled accounts (citizens, companies) and alias accounts (the accounts their domain
///   aliases act through): calls of the pallets that serve them, nothing
///   else: transfers, redemption requests, identity, licences, invoices (taxpayers issue,
///   buyers receive, companies claim, fined persons pay) and the provident fund (employers
///   declare and contribute, persons ask for transfers) and the wage escrow (developers
///   deposit, contractors keep rosters and submit payrolls, workers dispute) and land titles
///   (owners offer, sign, accept and consent to mortgages) and aliases (`unbind`; `bind` is
///   unsigned). In particular no
///   `system.remark` (free, permanent storage of arbitrary bytes), no session keys, no node
///   claims.
/// - Nobody: the balances calls that create or destroy money outside the settlement pallet
///   ([`MoneyOnlyThroughSettlement`]).
/// - Staff: everything the calls' own origins allow, except `session.set_keys`, which only
///   validators decided by the consortium may call (keys taken by any account would pin it
///   with a consumer reference and cost every node a key lookup), and the signed calls of
///   node authorization (`claim_node`, `add_connections`, …): which nodes may connect is the
///   consortium's decision, by vote (`add_well_known_node` and the other root calls), so that
///   no staffer claims the peer id of a node still being voted in.
pub struct CallPolicy;

impl AdmissionPolicy<AccountId, RuntimeCall> for CallPolicy {
	fn allows(
		who: &AccountId,
		admission: &pallet_consortium::Admission,
		call: &RuntimeCall,
	) -> bool {
		if !MoneyOnlyThroughSettlement::contains(call) {
			return false;
		}
		match admission {
			pallet_consortium::Admission::Enrolled { .. }
			| pallet_consortium::Admission::Alias { .. } => matches!(
				call,
				RuntimeCall::Balances(
					pallet_balances::Call::transfer_allow_death { .. }
						| pallet_balances::Call::transfer_keep_alive { .. }
						| pallet_balances::Call::transfer_all { .. }
				) | RuntimeCall::Settlement(
					pallet_civitas_settlement::Call::request_redemption { .. }
						| pallet_civitas_settlement::Call::cancel_redemption { .. }
				) | RuntimeCall::Identity(_)
					| RuntimeCall::Licences(_)
					| RuntimeCall::Invoices(_)
					| RuntimeCall::ProvidentFund(_)
					| RuntimeCall::WageEscrow(_)
					| RuntimeCall::LandTitles(_)
					| RuntimeCall::Aliases(_)
			),
			pallet_consortium::Admission::Staff { .. } => match call {
				RuntimeCall::Session(pallet_session::Call::set_keys { .. }) => {
					Consortium::is_validator(who)
				},
				RuntimeCall::NodeAuthorization(_) => false,
				_ => true,
			},
		}
	}
}

/// The settlement unit is created and destroyed only by the treasury's mints and burns
/// (`pallet_civitas_settlement`), so that total issuance always equals genesis issuance +
/// minted − burned. The balances calls that create or destroy money otherwise are refused to
/// every account (in the pool and in the block) and cannot be put to the consortium's vote.
pub struct MoneyOnlyThroughSettlement;

impl Contains<RuntimeCall> for MoneyOnlyThroughSettlement {
	fn contains(call: &RuntimeCall) -> bool {
		!matches!(
			call,
			RuntimeCall::Balances(
				pallet_balances::Call::burn { .. }
					| pallet_balances::Call::force_set_balance { .. }
					| pallet_balances::Call::force_adjust_total_issuance { .. }
			)
		)
	}
}

/// The session pallet's view of validators, for the consortium.
pub struct SessionValidators;

impl SessionAccounts<AccountId> for SessionValidators {
	fn in_session(who: &AccountId) -> bool {
		pallet_session::Validators::<Runtime>::get().contains(who)
			|| pallet_session::QueuedKeys::<Runtime>::get().iter().any(|(v, _)| v == who)
	}

	fn has_keys(who: &AccountId) -> bool {
		pallet_session::NextKeys::<Runtime>::contains_key(who)
	}

	fn purge_keys(who: &AccountId) {
		if Self::has_keys(who) {
			// As if the account purged its own keys: releases the key deposit (none here) and
			// the consumer reference that `set_keys` took.
			let _ = Session::purge_keys(crate::RuntimeOrigin::signed(who.clone()));
		}
	}
}

/// Blocks per session: a validator-set change decided now takes effect within two sessions.
pub const SESSION_PERIOD: BlockNumber = MINUTES;

/// The session period's boundaries (every `SESSION_PERIOD` blocks from block 0): when
/// `SessionEnds` may end a session, and what `NextSessionRotation` predicts.
pub type SessionPeriods = pallet_session::PeriodicSessions<ConstU32<SESSION_PERIOD>, ConstU32<0>>;

/// A session ends every `SESSION_PERIOD` blocks when it has something to change, and only
/// then: the consortium decided another validator set (or a decided validator set its keys),
/// a validator set its keys anew, or the set queued at the last rotation differs from the
/// current one. `pallet_session` charges a whole block's weight for every rotation, so that a
/// rotation with nothing to change would leave one block in ten empty under load.
///
/// The check reads a few values once per `SESSION_PERIOD` blocks, and the next keys of the
/// queued validators (at most `MaxAuthorities`); like the periodic check it replaces, it is
/// part of the empty block's weight.
pub struct SessionEnds;

impl pallet_session::ShouldEndSession<BlockNumber> for SessionEnds {
	fn should_end_session(now: BlockNumber) -> bool {
		<SessionPeriods as pallet_session::ShouldEndSession<BlockNumber>>::should_end_session(now)
			&& session_change_pending()
	}
}

/// Whether a rotation now would change the validators or their keys, now or at the next one.
fn session_change_pending() -> bool {
	Consortium::validator_set_pending()
		|| pallet_session::QueuedChanged::<Runtime>::get()
		|| pallet_session::QueuedKeys::<Runtime>::get()
			.iter()
			.any(|(v, keys)| pallet_session::NextKeys::<Runtime>::get(v).as_ref() != Some(keys))
}

impl pallet_consortium::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	/// Root is held only by a proposal that won a strict majority of member agencies: there is
	/// no sudo key.
	type ConsortiumOrigin = EnsureRoot<AccountId>;
	type MaxAgencies = ConstU32<64>;
	type MaxNameLen = ConstU32<64>;
	type MaxCapabilities = ConstU32<32>;
	type MaxStaff = ConstU32<64>;
	type MaxValidators = MaxAuthorities;
	type MinValidators = ConstU32<1>;
	/// Four per agency for up to 64 agencies: the global bound never binds first.
	type MaxProposals = ConstU32<256>;
	/// A few decisions at once (admit an agency, grant it capabilities…), never all slots.
	type MaxProposalsPerAgency = ConstU32<4>;
	type MaxCallLen = ConstU32<1024>;
	type MaxProposalWeight = MaxProposalWeight;
	type VotingPeriod = ConstU32<{ 7 * DAYS }>;
	/// Ten minutes.
	type QuotaWindow = ConstU32<{ 10 * MINUTES }>;
	type StaffQuota = StaffQuota;
	type EnrolledQuota = EnrolledQuota;
	/// Citizens' calls are a few hundred bytes.
	type MaxEnrolledTxLen = ConstU32<2048>;
	type CompanyQuota = CompanyQuota;
	/// A batch of 100 invoices is about 11 KiB.
	type MaxCompanyTxLen = ConstU32<{ 32 * 1024 }>;
	/// 500 per ten minutes (72 000 a day) per agency: what a registry office does, and a
	/// bound on what a compromised officer can enrol before the consortium acts.
	type MaxEnrolmentsPerWindow = ConstU32<500>;
	type AdminChangePeriod = ConstU32<DAYS>;
	type MaxForceUnenrol = ConstU32<256>;
	/// Votes and proposals come before any ordinary transaction (priority 0).
	type OperationalPriority = ConstU64<{ u64::MAX / 2 }>;
	type CallPolicy = CallPolicy;
	type Sessions = SessionValidators;
	type ProposalFilter = MoneyOnlyThroughSettlement;
	type WeightInfo = pallet_consortium::weights::SubstrateWeight<Runtime>;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = sp_runtime::traits::ConvertInto;
	type ShouldEndSession = SessionEnds;
	type NextSessionRotation = SessionPeriods;
	/// The consortium decides the validator set.
	type SessionManager = Consortium;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	/// No deposit: validators are agencies admitted by vote, not anonymous stakers.
	type KeyDeposit = ConstU128<0>;
}

impl pallet_node_authorization::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type MaxWellKnownNodes = ConstU32<64>;
	type MaxPeerIdLength = ConstU32<128>;
	/// Only the consortium (an approved proposal) changes the well-known peers.
	type AddOrigin = EnsureRoot<AccountId>;
	type RemoveOrigin = EnsureRoot<AccountId>;
	type SwapOrigin = EnsureRoot<AccountId>;
	type ResetOrigin = EnsureRoot<AccountId>;
	type WeightInfo = ();
}
