//! Identity: persons, relations, consent and traced verification.

use civitas_primitives::Moment;
use frame_support::traits::ConstU32;

use crate::{Consortium, Runtime, RuntimeEvent, Timestamp};

/// A consent lasts at most a year.
pub const MAX_CONSENT_DURATION: Moment = 366 * 24 * 60 * 60 * 1000;

/// A day, in milliseconds.
const DAY: Moment = 24 * 60 * 60 * 1000;

frame_support::parameter_types! {
	pub const MaxConsentDuration: Moment = MAX_CONSENT_DURATION;
	pub const RecoveryDelay: Moment = 3 * DAY;
	pub const KeyRotationInterval: Moment = DAY;
	pub const RecoveryPeriod: Moment = 30 * DAY;
}

impl pallet_civitas_identity::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Agencies = Consortium;
	type Enrolment = Consortium;
	type Time = Timestamp;
	type MaxControllers = ConstU32<4>;
	type MaxErasedRelations = ConstU32<64>;
	type MaxAccessLog = ConstU32<128>;
	type MaxConsentDuration = MaxConsentDuration;
	/// A subject consents to a few agencies at a time; 64 bounds the cost of erasure.
	type MaxConsentsPerSubject = ConstU32<64>;
	/// The consortium erases any person by vote; agencies erase only their own registrations.
	type ConsortiumOrigin = frame_system::EnsureRoot<crate::AccountId>;
	/// Three days during which the subject may veto a recovery of its key.
	type RecoveryDelay = RecoveryDelay;
	/// A person rotates its key at most once a day: each rotation leaves the old account in
	/// the state for good.
	type KeyRotationInterval = KeyRotationInterval;
	/// A recovery not approved within thirty days lapses.
	type RecoveryPeriod = RecoveryPeriod;
	/// No domain pallet has anything to erase: every one knows persons only by domain alias,
	/// which ends with the person's ring membership (what stays under it ties to nobody).
	type OnErase = ();
	/// Member keys join the aliases pallet's rings.
	type Rings = crate::Aliases;
	/// Domain aliases give consent under the alias.
	type Aliases = crate::Aliases;
	type WeightInfo = pallet_civitas_identity::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::IdentityBenchmarks;
}

/// Benchmark set-up shared by the domain pallets' helpers: consents made through the identity
/// pallet itself.
#[cfg(feature = "runtime-benchmarks")]
pub(crate) mod benchmarks {
	use civitas_primitives::{
		AgencyId, BenchmarkAgencies, Capability, PersonId, Purpose, Scope, SubjectKind,
	};
	use codec::Encode;
	use frame_support::traits::Time;
	use sp_core::H256;

	use crate::{AccountId, Consortium, Identity, Runtime, RuntimeOrigin, Timestamp};

	/// Staff from the consortium, alias accounts from the aliases pallet.
	pub struct IdentityBenchmarks;

	impl BenchmarkAgencies<AccountId> for IdentityBenchmarks {
		fn staff_with(seed: u32, capabilities: &[Capability]) -> AccountId {
			Consortium::staff_with(seed, capabilities)
		}
	}

	impl civitas_primitives::BenchmarkAliases<AccountId> for IdentityBenchmarks {
		fn alias_account(
			seed: u32,
			domain: civitas_primitives::Domain,
			kind: SubjectKind,
		) -> (civitas_primitives::Alias, AccountId) {
			crate::Aliases::alias_account(seed, domain, kind)
		}
	}

	/// A consent of the live alias `subject` in `domain` (by its account) to `agency` over
	/// `scope`, for `purpose`, as long as consents may last.
	pub(crate) fn grant_alias_consent(
		subject: &civitas_primitives::Alias,
		domain: civitas_primitives::Domain,
		agency: AgencyId,
		scope: Scope,
		purpose: &Purpose,
	) {
		use civitas_primitives::Aliases as _;
		if let Some(account) = crate::Aliases::account_of(subject, domain) {
			let until = Timestamp::now().saturating_add(
				<Runtime as pallet_civitas_identity::Config>::MaxConsentDuration::get(),
			);
			let _ = Identity::grant_alias_consent(
				RuntimeOrigin::signed(account),
				domain,
				agency,
				scope,
				purpose.clone(),
				until,
			);
		}
	}

	/// A person of `kind` from (`name`, `seed`), and the account controlling it, registered by
	/// the staff (from `registrar`) of an agency holding `RegisterPersons`: one registrar per
	/// pallet's benchmarks, since the consortium has room for few agencies.
	pub(crate) fn register_person(
		registrar: u32,
		name: &'static str,
		seed: u32,
		kind: SubjectKind,
	) -> (PersonId, AccountId) {
		let registrar = Consortium::staff_with(registrar, &[Capability::RegisterPersons]);
		let id = (name, seed).using_encoded(|bytes| {
			<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(bytes)
		});
		let controller: AccountId = frame_benchmarking::account(name, seed, 0);
		let _ = Identity::register_person(
			RuntimeOrigin::signed(registrar),
			id,
			kind,
			controller.clone(),
			H256::zero(),
			false,
		);
		(id, controller)
	}
}
