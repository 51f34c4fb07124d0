//! Block authoring (Aura), finality (GRANDPA) and time.

use frame_support::traits::{ConstBool, ConstU32, ConstU64};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::Void;

use crate::{time::SLOT_DURATION, Aura, Runtime, RuntimeEvent, Session};

/// Upper bound of the validator set: far above what a city consortium runs.
pub type MaxAuthorities = ConstU32<32>;

impl pallet_timestamp::Config for Runtime {
	/// Milliseconds since the Unix epoch.
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = crate::weights::pallet_timestamp::WeightInfo<Runtime>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = Session;
	type MaxAuthorities = MaxAuthorities;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	/// No equivocation reporting yet: validators are known agencies, accountable off chain.
	type KeyOwnerProof = Void;
	type EquivocationReportSystem = ();
}
