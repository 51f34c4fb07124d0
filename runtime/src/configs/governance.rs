//! The consortium: agencies, votes, validators (via sessions) and network peers.

use frame_support::{
	parameter_types,
	traits::{ConstU128, ConstU32},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_runtime::traits::OpaqueKeys;

use super::{consensus::MaxAuthorities, system::RuntimeBlockWeights};
use crate::{
	time::{DAYS, MINUTES},
	AccountId, Balances, BlockNumber, Consortium, Runtime, RuntimeCall, RuntimeEvent, SessionKeys,
};

parameter_types! {
	/// A proposed call may use up to a tenth of a block: consortium calls are small.
	pub MaxProposalWeight: Weight =
		RuntimeBlockWeights::get().max_block.checked_div(10).unwrap_or_default();
}

/// Blocks per session: a validator-set change decided now takes effect within two sessions.
pub const SESSION_PERIOD: BlockNumber = MINUTES;

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
	type MaxProposals = ConstU32<16>;
	type MaxCallLen = ConstU32<1024>;
	type MaxProposalWeight = MaxProposalWeight;
	type VotingPeriod = ConstU32<{ 7 * DAYS }>;
	/// Ten minutes.
	type QuotaWindow = ConstU32<{ 10 * MINUTES }>;
	type StaffQuota = ConstU32<1000>;
	type EnrolledQuota = ConstU32<20>;
	type WeightInfo = pallet_consortium::weights::SubstrateWeight<Runtime>;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = sp_runtime::traits::ConvertInto;
	type ShouldEndSession = pallet_session::PeriodicSessions<ConstU32<SESSION_PERIOD>, ConstU32<0>>;
	type NextSessionRotation =
		pallet_session::PeriodicSessions<ConstU32<SESSION_PERIOD>, ConstU32<0>>;
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
