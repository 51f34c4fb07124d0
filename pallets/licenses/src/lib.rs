//! # Licences pallet
//!
//! Electronic licences shared across agencies, with prerequisites checked on chain. When an
//! agency issues a licence, the chain itself checks that the holder meets the licence type's
//! prerequisites (identity facts and other licences): nobody carries paper from one office to
//! another, and no circular proof can arise, since prerequisites may not form a cycle.
//!
//! ## Terminology
//! - **Licence type**: registered by consortium vote; names its prerequisites, its default
//!   validity, and whether its licences are public (a business licence) or personal (a driving
//!   licence, a marriage certificate). Issuing it needs the capability `IssueLicence(type)`.
//! - **Prerequisite**: a fact about the holder ([`Prerequisite`]) that must hold at issuance.
//! - **Licence**: issued to a person (natural or legal) with salted hashes of its number and
//!   of its document (neither is on chain in the clear) and a validity period; suspended,
//!   reinstated, revoked, renewed by agencies holding the type's capability, and expired by
//!   time. Its recent history stays with it.
//!
//! ## Holders are licences aliases
//! A licence names its holder's **licences alias** (`docs/privacy.md`), which the holder's
//! wallet shows at the counter: nothing here names a person id or an account the identity
//! registry ties to a person. An alias is live while its person is registered, alive (a
//! company: not dissolved) and of age (minors have no aliases), and its kind (natural or legal
//! person) is public; so the identity prerequisites are answered from the alias. A relation
//! prerequisite (`HasRelation(kind)`) is proven by the key of the holder's end of the relation,
//! which the attester handed over with the certificate: its signature over the relation and
//! the alias ([`civitas_primitives::relation_end_message`]), never the person's id. Who knows
//! a person's licences alias: the person, the agencies that issued it licences, and the
//! attesters of the relations it proved.
//!
//! A licence is **valid** while it is in force (active, within its validity, no prerequisite
//! lapsed), the relations it was issued on hold, and its holder's alias is live: a revoked
//! relation, or the holder's death or erasure (its alias ends with the rings' grace), end it
//! without any call. A holder has at most `MaxLicencesPerHolder` **live** licences (active or
//! suspended): revoked and expired ones leave its count, so no issuer can fill it for good.
//!
//! ## Prerequisites that lapse
//! A licence remembers the holder's licences it was issued on (`on`), and each licence the
//! licences issued on it (`Dependants`, at most `MaxDependants`). When a prerequisite licence
//! is suspended, revoked or expires, the licences issued on it are marked
//! (`PrerequisiteLapsed { prerequisite }`) and are not valid while the mark stays:
//! verification says so (`LicenceVerified { valid: false, prerequisite_lapsed: true }`).
//! Reinstating or renewing the prerequisite clears the mark; the issuing agency may instead
//! confirm the licence on the holder's current licences (`confirm_prerequisites`), or
//! suspend or revoke it. Renewal checks the prerequisites again.
//!
//! ## Verification
//! Public licences are open: anyone may read them (view functions) and agencies may verify
//! them without consent. Personal licences are read by other agencies with
//! [`Pallet::verify_licence`] or asked about ("holds a valid licence of type T",
//! [`Pallet::verify_holding`]) under the consent the holder's licences alias gave to that
//! licence type (scope `Licence(type)`), and the read is written to the alias's access log.
//!
//! ## Expiry
//! Validity is always judged against the current time, so a licence is never valid past its
//! end. Besides, each licence is queued under the minute of its end; in idle block time the
//! pallet marks the licences whose time has come as `Expired`, with an event and a history
//! entry.
//!
//! ## Calls
//! - Consortium authority: [`Pallet::register_licence_type`], [`Pallet::set_prerequisites`].
//! - `IssueLicence(type)`: [`Pallet::issue`], [`Pallet::issue_batch`], [`Pallet::suspend`],
//!   [`Pallet::reinstate`], [`Pallet::revoke`], [`Pallet::renew`],
//!   [`Pallet::confirm_prerequisites`].
//! - Agency staff: [`Pallet::verify_licence`], [`Pallet::verify_holding`].

#![cfg_attr(not(feature = "std"), no_std)]
// Runtime code must never panic nor overflow silently. (`expect_used` is not denied: FRAME's
// own macros expand to `expect` on invariants they guarantee.)
#![cfg_attr(
	not(test),
	deny(
		clippy::unwrap_used,
		clippy::indexing_slicing,
		clippy::arithmetic_side_effects,
		clippy::panic
	)
)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use alloc::{collections::BTreeSet, vec::Vec};
use civitas_primitives::{
	relation_end_message, AgencyAuthority, AgencyId, Alias, Aliases, Capability, ConsentCheck,
	Domain, LicenceTypeId, Moment, Purpose, RelationEnds, RelationId, RelationKind, Scope,
	SubjectKind,
};
use frame_support::{
	pallet_prelude::*,
	traits::{Get, Time},
};
use frame_system::pallet_prelude::*;
use sp_core::H256;
use sp_runtime::DispatchError;

/// The licence type record of a runtime.
pub type LicenceTypeOf<T> = LicenceType<<T as Config>::MaxNameLen, <T as Config>::MaxPrerequisites>;
/// The licence record of a runtime.
pub type LicenceOf<T> = Licence<<T as Config>::MaxPrerequisites, <T as Config>::MaxHistory>;
/// A batch of licences to issue.
pub type BatchOf<T> = BoundedVec<IssueRequest, <T as Config>::MaxBatch>;

/// What a licence type's prerequisites hold on for a holder: the licences that meet its
/// licence prerequisites, the relations that meet its relation prerequisites, and how many of
/// the holder's licences were read.
type Prerequisites<T> = (
	BoundedVec<LicenceId, <T as Config>::MaxPrerequisites>,
	BoundedVec<(RelationId, RelationKind), ConstU32<MAX_RELATION_PROOFS>>,
	u32,
);

/// Expiry is queued by minute.
const MINUTE: Moment = 60_000;

#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// The storage version: 1, expiries queued in pages ([`migrations::v1`] brings version 0's
	/// one vector per minute there). Only the runtime-upgrade drill's runtime (feature
	/// `upgrade-test`, see `runtime/next/`) declares 2, with the migration that gets it there.
	pub const STORAGE_VERSION: StorageVersion =
		StorageVersion::new(if cfg!(feature = "upgrade-test") { 2 } else { 1 });

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// The consortium's authority, which registers licence types.
		type ConsortiumOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Which agency an origin acts for, and with which capabilities.
		type Agencies: AgencyAuthority<OriginFor<Self>, Self::AccountId>;

		/// The domain aliases: holders are licences aliases, live while their person is
		/// registered, alive and of age.
		type Aliases: Aliases<Self::AccountId>;

		/// The keys of attested relations' ends, for `HasRelation` prerequisites.
		type Relations: RelationEnds;

		/// Holders' consent and the access log, under their licences aliases.
		type Consent: ConsentCheck;

		/// The current time (ms since the Unix epoch).
		type Time: Time<Moment = Moment>;

		/// Longest licence-type name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// Most licences issued on one licence (as its prerequisite); bounds `Dependants`.
		#[pallet::constant]
		type MaxDependants: Get<u32>;

		/// Most prerequisites of one licence type.
		#[pallet::constant]
		type MaxPrerequisites: Get<u32>;

		/// Most licence types; bounds the search for prerequisite cycles.
		#[pallet::constant]
		type MaxLicenceTypes: Get<u32>;

		/// Most history entries kept with a licence (older ones are in events).
		#[pallet::constant]
		type MaxHistory: Get<u32>;

		/// Most licences in one batch.
		#[pallet::constant]
		type MaxBatch: Get<u32>;

		/// Licences in one page of a minute's expiries: what queueing an expiry reads and
		/// writes, and what `on_idle` expires in one step. A minute has as many pages as it
		/// needs.
		#[pallet::constant]
		type ExpiryPageSize: Get<u32>;

		/// Most live licences (of all types, active or suspended) one holder has; bounds the
		/// walks over a holder's licences (prerequisites, verification).
		#[pallet::constant]
		type MaxLicencesPerHolder: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Makes agency staff and persons for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: benchmarking::BenchmarkHelper<Self::AccountId>;
	}

	/// Registered licence types.
	#[pallet::storage]
	pub type LicenceTypes<T: Config> = StorageMap<_, Twox64Concat, LicenceTypeId, LicenceTypeOf<T>>;

	/// Number of registered licence types.
	#[pallet::storage]
	pub type LicenceTypeCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Issued licences.
	#[pallet::storage]
	pub type Licences<T: Config> = StorageMap<_, Twox64Concat, LicenceId, LicenceOf<T>>;

	/// The id the next licence gets.
	#[pallet::storage]
	pub type NextLicenceId<T: Config> = StorageValue<_, LicenceId, ValueQuery>;

	/// Each holder's live licences (active or suspended), by type: a licence leaves when it
	/// is revoked or expires, and an expired one comes back when renewed.
	#[pallet::storage]
	pub type HolderLicences<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, Alias>,
			NMapKey<Twox64Concat, LicenceTypeId>,
			NMapKey<Twox64Concat, LicenceId>,
		),
		(),
	>;

	/// The licences issued on each licence (as their prerequisite), to be marked when it
	/// lapses.
	#[pallet::storage]
	pub type Dependants<T: Config> =
		StorageMap<_, Twox64Concat, LicenceId, BoundedVec<LicenceId, T::MaxDependants>, ValueQuery>;

	/// Number of live licences each holder has (all types, active or suspended).
	#[pallet::storage]
	pub type LicencesHeld<T: Config> = StorageMap<_, Blake2_128Concat, Alias, u32, ValueQuery>;

	/// Licences to expire, by the minute (ms / 60 000) their validity ends and page: a
	/// minute's licences fill page 0, then 1, and so on.
	#[pallet::storage]
	pub type Expiries<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		u64,
		Twox64Concat,
		u32,
		BoundedVec<LicenceId, T::ExpiryPageSize>,
		ValueQuery,
	>;

	/// How many pages of `Expiries` each minute has (those already processed included, until
	/// the whole minute is).
	#[pallet::storage]
	pub type ExpiryPages<T: Config> = StorageMap<_, Twox64Concat, u64, u32, ValueQuery>;

	/// The first page of `Expiries` not processed yet, as (minute, page).
	#[pallet::storage]
	pub type ExpiryCursor<T: Config> = StorageValue<_, (u64, u32), OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A licence type was registered.
		LicenceTypeRegistered { licence_type: LicenceTypeId, public: bool },
		/// A licence type's prerequisites changed.
		PrerequisitesSet { licence_type: LicenceTypeId },
		/// A licence was issued, its prerequisites met.
		LicenceIssued {
			id: LicenceId,
			licence_type: LicenceTypeId,
			holder: Alias,
			issuer: AgencyId,
			valid_until: Moment,
		},
		/// A licence was suspended.
		LicenceSuspended { id: LicenceId, by: AgencyId, reason: u32 },
		/// A suspended licence is in force again.
		LicenceReinstated { id: LicenceId, by: AgencyId },
		/// A licence was revoked.
		LicenceRevoked { id: LicenceId, by: AgencyId, reason: u32 },
		/// A licence was renewed.
		LicenceRenewed { id: LicenceId, by: AgencyId, valid_until: Moment },
		/// A licence's validity ended.
		LicenceExpired { id: LicenceId },
		/// A licence that `id` was issued on lapsed (revoked, suspended or expired): `id` is
		/// not valid until it is back in force or the issuing agency confirms `id`.
		PrerequisiteLapsed { id: LicenceId, prerequisite: LicenceId },
		/// A lapsed prerequisite of `id` is back in force.
		PrerequisiteRestored { id: LicenceId, prerequisite: LicenceId },
		/// The issuing agency confirmed licence `id` on the holder's current licences.
		PrerequisitesConfirmed { id: LicenceId, by: AgencyId },
		/// An agency verified a licence; `valid` is what it learnt. Personal licences are
		/// verified under consent, and the read is in the holder's access log.
		LicenceVerified { id: LicenceId, agency: AgencyId, valid: bool, prerequisite_lapsed: bool },
		/// An agency asked which valid licences of a type a holder holds; `valid` lists them.
		HoldingVerified {
			holder: Alias,
			licence_type: LicenceTypeId,
			agency: AgencyId,
			valid: BoundedVec<LicenceId, T::MaxLicencesPerHolder>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No licence type has this id.
		UnknownLicenceType,
		/// A licence type with this id exists already.
		LicenceTypeExists,
		/// `MaxLicenceTypes` types exist already.
		TooManyLicenceTypes,
		/// The name is empty.
		BadName,
		/// The validity is zero, or the end is not after the start.
		BadValidity,
		/// The prerequisites would make a licence type require itself, directly or not.
		CyclicPrerequisites,
		/// No licence has this id.
		UnknownLicence,
		/// The holder is not a live licences alias (its person is not registered, erased, dead,
		/// emigrated, dissolved, or a minor).
		UnknownAlias,
		/// The holder is not a natural person of age.
		NotOfAge,
		/// The holder is not a natural person.
		NotNaturalPerson,
		/// The holder is not a legal person.
		NotLegalPerson,
		/// No relation proof shows the holder to be the `kind` of someone in a relation that
		/// holds now.
		MissingRelation { kind: RelationKind },
		/// The holder holds no valid licence of this type.
		MissingLicence { licence_type: LicenceTypeId },
		/// The licence is not in force (suspended, revoked or expired).
		NotActive,
		/// The licence is not suspended.
		NotSuspended,
		/// The licence is revoked: it cannot change any more.
		Revoked,
		/// No live consent of the holder covers this agency and purpose.
		NoConsent,
		/// The batch is empty.
		EmptyBatch,
		/// The holder has `MaxLicencesPerHolder` live licences already.
		TooManyLicences,
		/// A prerequisite licence has `MaxDependants` licences issued on it already.
		TooManyDependants,
	}

	/// Licence types in place from genesis (the throughput benchmark chain's). They have no
	/// prerequisites: those are set by the consortium's vote.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// (id, name, default validity in ms, public).
		pub licence_types: Vec<(LicenceTypeId, Vec<u8>, Moment, bool)>,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// Genesis must be valid: a bad configuration stops the chain from being created.
			#[allow(clippy::expect_used)]
			for (id, name, validity, public) in &self.licence_types {
				let name = name.clone().try_into().expect("genesis licence type name too long");
				Pallet::<T>::do_register_licence_type(
					*id,
					name,
					*validity,
					*public,
					Default::default(),
				)
				.expect("invalid genesis licence type");
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::expire_due(remaining)
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a licence type. Its prerequisites may name only registered types, and
		/// never itself.
		///
		/// ## Errors
		/// `LicenceTypeExists`, `TooManyLicenceTypes`, `BadName`, `BadValidity`,
		/// `UnknownLicenceType`, `CyclicPrerequisites`.
		///
		/// ## Events
		/// `LicenceTypeRegistered`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_licence_type(prerequisites.len() as u32))]
		pub fn register_licence_type(
			origin: OriginFor<T>,
			id: LicenceTypeId,
			name: BoundedVec<u8, T::MaxNameLen>,
			default_validity: Moment,
			public: bool,
			prerequisites: BoundedVec<Prerequisite, T::MaxPrerequisites>,
		) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			Self::do_register_licence_type(id, name, default_validity, public, prerequisites)?;
			Self::deposit_event(Event::LicenceTypeRegistered { licence_type: id, public });
			Ok(())
		}

		/// Replaces a licence type's prerequisites, refusing any that would form a cycle.
		///
		/// ## Errors
		/// `UnknownLicenceType`, `CyclicPrerequisites`.
		///
		/// ## Events
		/// `PrerequisitesSet`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_prerequisites(prerequisites.len() as u32))]
		pub fn set_prerequisites(
			origin: OriginFor<T>,
			id: LicenceTypeId,
			prerequisites: BoundedVec<Prerequisite, T::MaxPrerequisites>,
		) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			let mut t = LicenceTypes::<T>::get(id).ok_or(Error::<T>::UnknownLicenceType)?;
			Self::ensure_acyclic(id, &prerequisites)?;
			t.prerequisites = prerequisites;
			LicenceTypes::<T>::insert(id, t);
			Self::deposit_event(Event::PrerequisitesSet { licence_type: id });
			Ok(())
		}

		/// Issues a licence of `licence_type` to `holder`, the licences alias the holder's
		/// wallet shows at the counter, in force from now until `valid_until` (or for the type's
		/// default validity). The holder must meet every prerequisite of the type now; the error
		/// names the first that fails. `relations` proves its `HasRelation` prerequisites: for
		/// each, a relation and the signature of its end's key over
		/// `civitas_primitives::relation_end_message(relation, holder)` (the holder's wallet
		/// makes it).
		///
		/// ## Errors
		/// `UnknownLicenceType`, `BadValidity`, `UnknownAlias`, `TooManyLicences`,
		/// `TooManyDependants`, and for a prerequisite not met: `NotOfAge`, `NotNaturalPerson`,
		/// `NotLegalPerson`, `MissingRelation { kind }`, `MissingLicence { licence_type }`; the
		/// consortium's `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `LicenceIssued`.
		#[pallet::call_index(2)]
		#[pallet::weight(
			T::WeightInfo::issue(T::MaxPrerequisites::get())
				.saturating_add(Pallet::<T>::walk_weight(T::MaxLicencesPerHolder::get()))
				.saturating_add(Pallet::<T>::proof_weight(relations.len()))
		)]
		pub fn issue(
			origin: OriginFor<T>,
			licence_type: LicenceTypeId,
			holder: Alias,
			number: H256,
			document: H256,
			valid_until: Option<Moment>,
			relations: RelationProofs,
		) -> DispatchResultWithPostInfo {
			let (_, issuer) =
				T::Agencies::ensure_capability(origin, Capability::IssueLicence(licence_type))?;
			let t = LicenceTypes::<T>::get(licence_type).ok_or(Error::<T>::UnknownLicenceType)?;
			let request = IssueRequest { holder, number, document, relations };
			let (_, read) = Self::do_issue(issuer, licence_type, &t, &request, valid_until)?;
			let base = T::WeightInfo::issue(t.prerequisites.len() as u32)
				.saturating_add(Self::proof_weight(request.relations.len()));
			Ok(Some(base.saturating_add(Self::walk_weight(read))).into())
		}

		/// Issues a batch of licences of one type, all or nothing: if any holder misses a
		/// prerequisite, none is issued.
		///
		/// ## Errors
		/// As `issue`, and `EmptyBatch`.
		///
		/// ## Events
		/// `LicenceIssued` for each.
		#[pallet::call_index(3)]
		#[pallet::weight(
			T::WeightInfo::issue_batch(batch.len() as u32)
				.saturating_add(Pallet::<T>::walk_weight(
					T::MaxLicencesPerHolder::get().saturating_mul(batch.len() as u32)
				))
				.saturating_add(Pallet::<T>::proof_weight(
					batch.iter().map(|r| r.relations.len()).sum()
				))
		)]
		pub fn issue_batch(
			origin: OriginFor<T>,
			licence_type: LicenceTypeId,
			batch: BatchOf<T>,
		) -> DispatchResultWithPostInfo {
			let (_, issuer) =
				T::Agencies::ensure_capability(origin, Capability::IssueLicence(licence_type))?;
			ensure!(!batch.is_empty(), Error::<T>::EmptyBatch);
			let t = LicenceTypes::<T>::get(licence_type).ok_or(Error::<T>::UnknownLicenceType)?;
			let n = batch.len() as u32;
			let mut read = 0u32;
			let mut proofs = 0usize;
			for r in batch.iter() {
				let (_, n) = Self::do_issue(issuer, licence_type, &t, r, None)?;
				read = read.saturating_add(n);
				proofs = proofs.saturating_add(r.relations.len());
			}
			let weight = T::WeightInfo::issue_batch(n)
				.saturating_add(Self::walk_weight(read))
				.saturating_add(Self::proof_weight(proofs));
			Ok(Some(weight).into())
		}

		/// Suspends a licence in force, with a reason code. The licences issued on it are marked
		/// as having a lapsed prerequisite.
		///
		/// ## Errors
		/// `UnknownLicence`, `NotActive`; the consortium's `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `LicenceSuspended`; `PrerequisiteLapsed` for each licence issued on it.
		#[pallet::call_index(4)]
		#[pallet::weight(
			T::WeightInfo::suspend()
				.saturating_add(Pallet::<T>::mark_weight(T::MaxDependants::get()))
		)]
		pub fn suspend(
			origin: OriginFor<T>,
			id: LicenceId,
			reason: u32,
		) -> DispatchResultWithPostInfo {
			let by = Self::change(origin, id, |l, _| {
				ensure!(l.status == LicenceStatus::Active, Error::<T>::NotActive);
				l.status = LicenceStatus::Suspended;
				Ok(LicenceChange::Suspended { reason })
			})?;
			Self::deposit_event(Event::LicenceSuspended { id, by, reason });
			let marked = Self::mark_dependants(id, true, T::Time::now());
			Ok(Some(T::WeightInfo::suspend().saturating_add(Self::mark_weight(marked))).into())
		}

		/// Puts a suspended licence back in force; the licences issued on it no longer have it
		/// as a lapsed prerequisite.
		///
		/// ## Errors
		/// `UnknownLicence`, `NotSuspended`; the consortium's `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `LicenceReinstated`; `PrerequisiteRestored` for each licence issued on it.
		#[pallet::call_index(5)]
		#[pallet::weight(
			T::WeightInfo::reinstate()
				.saturating_add(Pallet::<T>::mark_weight(T::MaxDependants::get()))
		)]
		pub fn reinstate(origin: OriginFor<T>, id: LicenceId) -> DispatchResultWithPostInfo {
			let mut in_force = false;
			let by = Self::change(origin, id, |l, now| {
				ensure!(l.status == LicenceStatus::Suspended, Error::<T>::NotSuspended);
				l.status = LicenceStatus::Active;
				in_force = l.is_valid_at(now);
				Ok(LicenceChange::Reinstated)
			})?;
			Self::deposit_event(Event::LicenceReinstated { id, by });
			let marked =
				if in_force { Self::mark_dependants(id, false, T::Time::now()) } else { 0 };
			Ok(Some(T::WeightInfo::reinstate().saturating_add(Self::mark_weight(marked))).into())
		}

		/// Revokes a licence for good, with a reason code. The licences issued on it are marked
		/// as having a lapsed prerequisite.
		///
		/// ## Errors
		/// `UnknownLicence`, `Revoked`; the consortium's `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `LicenceRevoked`; `PrerequisiteLapsed` for each licence issued on it.
		#[pallet::call_index(6)]
		#[pallet::weight(
			T::WeightInfo::revoke()
				.saturating_add(Pallet::<T>::mark_weight(T::MaxDependants::get()))
		)]
		pub fn revoke(
			origin: OriginFor<T>,
			id: LicenceId,
			reason: u32,
		) -> DispatchResultWithPostInfo {
			let by = Self::change(origin, id, |l, _| {
				ensure!(l.status != LicenceStatus::Revoked, Error::<T>::Revoked);
				if l.status != LicenceStatus::Expired {
					Self::remove_from_holder(id, l);
				}
				l.status = LicenceStatus::Revoked;
				// A revoked licence holds no place among its prerequisites' dependants.
				Self::unlink(id, &l.on);
				Ok(LicenceChange::Revoked { reason })
			})?;
			Self::deposit_event(Event::LicenceRevoked { id, by, reason });
			let marked = Self::mark_dependants(id, true, T::Time::now());
			Ok(Some(T::WeightInfo::revoke().saturating_add(Self::mark_weight(marked))).into())
		}

		/// Renews a licence (in force or expired) until `valid_until`. The holder's alias must
		/// still be live and meet the type's prerequisites now (`relations` proves its
		/// `HasRelation` ones, as for `issue`); the licence is then issued on the holder's
		/// current licences, and the licences issued on it are in force again. An expired
		/// licence counts among the holder's live licences again.
		///
		/// ## Errors
		/// `UnknownLicence`, `Revoked`, `NotActive` (suspended: reinstate it first),
		/// `BadValidity`, `UnknownAlias`, a prerequisite not met (as `issue`),
		/// `TooManyLicences` (an expired licence), `TooManyDependants`; the consortium's
		/// `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `LicenceRenewed`; `PrerequisiteRestored` for each licence issued on it.
		#[pallet::call_index(7)]
		#[pallet::weight(
			T::WeightInfo::renew()
				.saturating_add(Pallet::<T>::walk_weight(T::MaxLicencesPerHolder::get()))
				.saturating_add(Pallet::<T>::mark_weight(T::MaxDependants::get()))
				.saturating_add(Pallet::<T>::proof_weight(relations.len()))
		)]
		pub fn renew(
			origin: OriginFor<T>,
			id: LicenceId,
			valid_until: Moment,
			relations: RelationProofs,
		) -> DispatchResultWithPostInfo {
			let mut read = 0u32;
			let by = Self::change(origin, id, |l, now| {
				ensure!(l.status != LicenceStatus::Revoked, Error::<T>::Revoked);
				ensure!(l.status != LicenceStatus::Suspended, Error::<T>::NotActive);
				ensure!(valid_until > now && valid_until > l.valid_from, Error::<T>::BadValidity);
				read = Self::reissue_on_current(id, l, now, &relations)?;
				if l.status == LicenceStatus::Expired {
					Self::add_to_holder(id, l)?;
				}
				l.status = LicenceStatus::Active;
				l.valid_until = valid_until;
				Ok(LicenceChange::Renewed { until: valid_until })
			})?;
			Self::queue_expiry(id, valid_until);
			Self::deposit_event(Event::LicenceRenewed { id, by, valid_until });
			let marked = Self::mark_dependants(id, false, T::Time::now());
			Ok(Some(
				T::WeightInfo::renew()
					.saturating_add(Self::walk_weight(read))
					.saturating_add(Self::mark_weight(marked))
					.saturating_add(Self::proof_weight(relations.len())),
			)
			.into())
		}

		/// Confirms a licence whose prerequisite lapsed, as an agency holding the type's
		/// capability: the chain checks the type's prerequisites again (`relations` proving its
		/// `HasRelation` ones) on the holder's current licences (a new certificate, say),
		/// issues it on them, and clears the marks. To stop it instead, the agency suspends or
		/// revokes it.
		///
		/// ## Errors
		/// `UnknownLicence`, `NotActive` (revoked or expired), a prerequisite not met (as
		/// `issue`), `TooManyDependants`; the consortium's `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `PrerequisitesConfirmed`.
		#[pallet::call_index(10)]
		#[pallet::weight(
			T::WeightInfo::renew()
				.saturating_add(Pallet::<T>::walk_weight(T::MaxLicencesPerHolder::get()))
				.saturating_add(Pallet::<T>::proof_weight(relations.len()))
		)]
		pub fn confirm_prerequisites(
			origin: OriginFor<T>,
			id: LicenceId,
			relations: RelationProofs,
		) -> DispatchResultWithPostInfo {
			let mut read = 0u32;
			let by = Self::change(origin, id, |l, now| {
				ensure!(
					matches!(l.status, LicenceStatus::Active | LicenceStatus::Suspended),
					Error::<T>::NotActive
				);
				read = Self::reissue_on_current(id, l, now, &relations)?;
				Ok(LicenceChange::PrerequisitesConfirmed)
			})?;
			Self::deposit_event(Event::PrerequisitesConfirmed { id, by });
			let weight = T::WeightInfo::renew()
				.saturating_add(Self::walk_weight(read))
				.saturating_add(Self::proof_weight(relations.len()));
			Ok(Some(weight).into())
		}

		/// Verifies a licence as the caller's agency. A personal licence needs the live consent
		/// its holder's licences alias gave to its type (scope `Licence(type)`, this purpose)
		/// and the read goes to the alias's access log; a public licence is open. A licence is
		/// valid while it is in force, its prerequisite licences too, the relations it was
		/// issued on hold, and its holder's alias is live.
		///
		/// ## Errors
		/// `UnknownLicence`, `NoConsent`; the consortium's `NotStaff`.
		///
		/// ## Events
		/// `LicenceVerified` (and the identity pallet's `Verified` for a personal licence).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::verify_licence().saturating_add(Pallet::<T>::walk_weight(1)))]
		pub fn verify_licence(
			origin: OriginFor<T>,
			id: LicenceId,
			purpose: Purpose,
		) -> DispatchResult {
			let (_, agency) = T::Agencies::ensure_staff(origin)?;
			let l = Licences::<T>::get(id).ok_or(Error::<T>::UnknownLicence)?;
			let now = T::Time::now();
			let valid = Self::is_valid(&l, now);
			let public = LicenceTypes::<T>::get(l.licence_type).is_some_and(|t| t.public);
			let scope = Scope::Licence(l.licence_type);
			if !public {
				ensure!(
					T::Consent::has_consent(&l.holder, agency, scope, &purpose, now),
					Error::<T>::NoConsent
				);
				T::Consent::record_access(&l.holder, agency, scope, purpose, valid);
			}
			let prerequisite_lapsed = !l.lapsed.is_empty();
			Self::deposit_event(Event::LicenceVerified { id, agency, valid, prerequisite_lapsed });
			Ok(())
		}

		/// Asks which valid licences of `licence_type` the licences alias `holder` holds, as the
		/// caller's agency: the predicate "holds a valid licence of this type", with the ids.
		/// For a personal type it needs the alias's live consent to that type (scope
		/// `Licence(type)`, this purpose) and the read goes to the alias's access log; public
		/// types are open.
		///
		/// ## Errors
		/// `UnknownLicenceType`, `NoConsent`; the consortium's `NotStaff`.
		///
		/// ## Events
		/// `HoldingVerified` (and the identity pallet's `Verified` for a personal type).
		#[pallet::call_index(9)]
		#[pallet::weight(
			T::WeightInfo::verify_holding()
				.saturating_add(Pallet::<T>::walk_weight(T::MaxLicencesPerHolder::get()))
		)]
		pub fn verify_holding(
			origin: OriginFor<T>,
			holder: Alias,
			licence_type: LicenceTypeId,
			purpose: Purpose,
		) -> DispatchResultWithPostInfo {
			let (_, agency) = T::Agencies::ensure_staff(origin)?;
			let t = LicenceTypes::<T>::get(licence_type).ok_or(Error::<T>::UnknownLicenceType)?;
			let now = T::Time::now();
			let (valid, read) = if Self::is_live(&holder) {
				Self::valid_ids(&holder, licence_type, now)
			} else {
				(Vec::new(), 0)
			};
			if !t.public {
				ensure!(
					T::Consent::has_consent(
						&holder,
						agency,
						Scope::Licence(licence_type),
						&purpose,
						now
					),
					Error::<T>::NoConsent
				);
				T::Consent::record_access(
					&holder,
					agency,
					Scope::Licence(licence_type),
					purpose,
					!valid.is_empty(),
				);
			}
			// At most `MaxLicencesPerHolder`: the walk never finds more.
			let valid = BoundedVec::truncate_from(valid);
			Self::deposit_event(Event::HoldingVerified { holder, licence_type, agency, valid });
			Ok(Some(T::WeightInfo::verify_holding().saturating_add(Self::walk_weight(read))).into())
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// A licence type.
		pub fn licence_type(id: LicenceTypeId) -> Option<LicenceTypeOf<T>> {
			LicenceTypes::<T>::get(id)
		}

		/// Whether licence `id` is valid now, and which agency issued it. For public licences;
		/// personal ones answer `None` (agencies use `verify_licence`, under consent).
		pub fn licence_status(id: LicenceId) -> Option<(bool, AgencyId)> {
			let l = Licences::<T>::get(id)?;
			let public = LicenceTypes::<T>::get(l.licence_type)?.public;
			public.then(|| (Self::is_valid(&l, T::Time::now()), l.issuer))
		}

		/// The valid licences of a public type that a licences alias holds now; empty for
		/// personal types (agencies use `verify_holding`, under consent).
		pub fn valid_licences_of(holder: Alias, licence_type: LicenceTypeId) -> Vec<LicenceId> {
			if !LicenceTypes::<T>::get(licence_type).is_some_and(|t| t.public) {
				return Vec::new();
			}
			if !Self::is_live(&holder) {
				return Vec::new();
			}
			Self::valid_ids(&holder, licence_type, T::Time::now()).0
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The valid licences of `licence_type` that `holder` holds at `now`, and how many
	/// licences were read (at most `MaxLicencesPerHolder`).
	fn valid_ids(
		holder: &Alias,
		licence_type: LicenceTypeId,
		now: Moment,
	) -> (Vec<LicenceId>, u32) {
		let mut read = 0u32;
		let valid = HolderLicences::<T>::iter_key_prefix((holder, licence_type))
			.filter(|id| {
				read = read.saturating_add(1);
				Licences::<T>::get(id).is_some_and(|l| Self::in_force(&l, now))
			})
			.collect();
		(valid, read)
	}

	/// The first valid licence of `licence_type` that `holder` holds at `now`, if any, and how
	/// many licences were read to find it.
	fn first_valid(
		holder: &Alias,
		licence_type: LicenceTypeId,
		now: Moment,
	) -> (Option<LicenceId>, u32) {
		let mut read = 0u32;
		let found = HolderLicences::<T>::iter_key_prefix((holder, licence_type)).find(|id| {
			read = read.saturating_add(1);
			Licences::<T>::get(id).is_some_and(|l| Self::in_force(&l, now))
		});
		(found, read)
	}

	/// Whether licence `l` is valid at `now`: in force (see [`Pallet::in_force`]) and its
	/// holder's alias live (its person registered, alive and of age).
	pub fn is_valid(l: &LicenceOf<T>, now: Moment) -> bool {
		Self::in_force(l, now) && Self::is_live(&l.holder)
	}

	/// Whether licence `l` is in force at `now`: active within its validity, its prerequisite
	/// licences too (as far as its marks know), and the relations it was issued on holding.
	pub fn in_force(l: &LicenceOf<T>, now: Moment) -> bool {
		l.is_valid_at(now)
			&& l.relations
				.iter()
				.all(|(relation, kind)| !T::Relations::end_keys(*relation, *kind, now).is_empty())
	}

	/// Whether `holder` is a live licences alias.
	fn is_live(holder: &Alias) -> bool {
		T::Aliases::kind_of(holder, Domain::Licences).is_some()
	}

	/// Whether `proof` shows `holder` to be the `kind` of someone in a relation that holds at
	/// `now`: the signature of that end's key over the relation and the alias.
	pub fn proves(proof: &RelationProof, holder: &Alias, kind: RelationKind, now: Moment) -> bool {
		let message = relation_end_message(proof.relation, holder);
		T::Relations::end_keys(proof.relation, kind, now)
			.iter()
			.any(|key| sp_io::crypto::sr25519_verify(&proof.signature, &message, key))
	}

	/// Adds live licence `id` to its holder's index and count.
	fn add_to_holder(id: LicenceId, l: &LicenceOf<T>) -> DispatchResult {
		let held = LicencesHeld::<T>::get(l.holder);
		ensure!(held < T::MaxLicencesPerHolder::get(), Error::<T>::TooManyLicences);
		LicencesHeld::<T>::insert(l.holder, held.saturating_add(1));
		HolderLicences::<T>::insert((l.holder, l.licence_type, id), ());
		Ok(())
	}

	/// Takes licence `id`, no longer live (revoked or expired), out of its holder's index and
	/// count.
	fn remove_from_holder(id: LicenceId, l: &LicenceOf<T>) {
		HolderLicences::<T>::remove((l.holder, l.licence_type, id));
		LicencesHeld::<T>::mutate_exists(l.holder, |n| {
			*n = n.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0);
		});
	}

	/// The weight of marking `n` licences issued on one that lapsed or came back.
	pub fn mark_weight(n: u32) -> Weight {
		T::DbWeight::get().reads_writes(u64::from(n).saturating_add(1), u64::from(n))
	}

	/// The weight of checking `n` relation proofs (each reads a relation and its end keys and
	/// checks a signature), beyond the benchmarks of the calls, which measure prerequisites
	/// without any; a proof also leaves the relation with the licence, which re-checks it on
	/// every verification (two reads).
	pub fn proof_weight(n: usize) -> Weight {
		T::WeightInfo::relation_proof()
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_mul(n as u64)
	}

	/// The weight of walking `n` of a holder's licences (an index entry and a licence each,
	/// and the relations the licence was issued on: a relation and its end keys each), beyond
	/// what the benchmarks of the calls that walk them measured with one licence.
	pub fn walk_weight(n: u32) -> Weight {
		let per_licence = 2u64.saturating_add(2u64.saturating_mul(MAX_RELATION_PROOFS.into()));
		T::DbWeight::get().reads(u64::from(n).saturating_mul(per_licence))
	}

	/// Refuses prerequisites that name an unknown type, or that would lead back to `id`.
	fn ensure_acyclic(id: LicenceTypeId, prerequisites: &[Prerequisite]) -> DispatchResult {
		let mut stack: Vec<LicenceTypeId> = Vec::new();
		for p in prerequisites {
			if let Prerequisite::Licence(t) = p {
				ensure!(*t != id, Error::<T>::CyclicPrerequisites);
				ensure!(LicenceTypes::<T>::contains_key(t), Error::<T>::UnknownLicenceType);
				stack.push(*t);
			}
		}
		// Depth-first over the existing types: each is visited once, so the search is bounded
		// by `MaxLicenceTypes`.
		let mut seen = BTreeSet::new();
		while let Some(t) = stack.pop() {
			if !seen.insert(t) {
				continue;
			}
			let Some(lt) = LicenceTypes::<T>::get(t) else { continue };
			for p in lt.prerequisites.iter() {
				if let Prerequisite::Licence(next) = p {
					ensure!(*next != id, Error::<T>::CyclicPrerequisites);
					stack.push(*next);
				}
			}
		}
		Ok(())
	}

	/// Checks every prerequisite of a type for `holder` at `now`; the error names the first
	/// that fails. Returns the licences that meet the licence prerequisites, and how many of
	/// the holder's licences were read: at most `MaxLicencesPerHolder` in all, since licences
	/// of different types are different licences.
	fn check_prerequisites(
		t: &LicenceTypeOf<T>,
		holder: &Alias,
		now: Moment,
		relations: &[RelationProof],
	) -> Result<Prerequisites<T>, DispatchError> {
		// Every licence is of a live alias: its person is registered, active and of age.
		let kind = T::Aliases::kind_of(holder, Domain::Licences).ok_or(Error::<T>::UnknownAlias)?;
		let mut read = 0u32;
		let mut on = BoundedVec::new();
		let mut proven = BoundedVec::new();
		for p in t.prerequisites.iter() {
			match *p {
				// A live alias's person is registered and active.
				Prerequisite::Registered | Prerequisite::Alive => {},
				// Minors have no aliases: a natural person's alias is of age.
				Prerequisite::OfAge => ensure!(kind == SubjectKind::Citizen, Error::<T>::NotOfAge),
				Prerequisite::NaturalPerson => {
					ensure!(kind == SubjectKind::Citizen, Error::<T>::NotNaturalPerson)
				},
				Prerequisite::LegalPerson => {
					ensure!(kind == SubjectKind::Company, Error::<T>::NotLegalPerson)
				},
				Prerequisite::HasRelation(kind) => {
					let proof = relations
						.iter()
						.find(|proof| Self::proves(proof, holder, kind, now))
						.ok_or(Error::<T>::MissingRelation { kind })?;
					// At most one per relation kind: it always fits.
					if !proven.contains(&(proof.relation, kind)) {
						proven
							.try_push((proof.relation, kind))
							.map_err(|_| Error::<T>::MissingRelation { kind })?;
					}
				},
				Prerequisite::Licence(licence_type) => {
					let (found, n) = Self::first_valid(holder, licence_type, now);
					read = read.saturating_add(n);
					let found = found.ok_or(Error::<T>::MissingLicence { licence_type })?;
					// As many as the type's prerequisites: it always fits.
					on.try_push(found).map_err(|_| Error::<T>::CyclicPrerequisites)?;
				},
			}
		}
		Ok((on, proven, read))
	}

	/// Checks the prerequisites of licence `id` again at `now` and issues it on the holder's
	/// current licences: re-links `Dependants` and clears the lapse marks. Returns how many
	/// of the holder's licences were read.
	fn reissue_on_current(
		id: LicenceId,
		l: &mut LicenceOf<T>,
		now: Moment,
		relations: &[RelationProof],
	) -> Result<u32, DispatchError> {
		let t = LicenceTypes::<T>::get(l.licence_type).ok_or(Error::<T>::UnknownLicenceType)?;
		let (on, proven, read) = Self::check_prerequisites(&t, &l.holder, now, relations)?;
		Self::unlink(id, &l.on);
		Self::link(id, &on)?;
		l.on = on;
		l.relations = proven;
		l.lapsed = BoundedVec::new();
		Ok(read)
	}

	/// Records `id` as issued on the licences `on`.
	fn link(id: LicenceId, on: &[LicenceId]) -> DispatchResult {
		for p in on {
			Dependants::<T>::try_mutate(p, |d| d.try_push(id))
				.map_err(|_| Error::<T>::TooManyDependants)?;
		}
		Ok(())
	}

	/// Forgets that `id` was issued on the licences `on`.
	fn unlink(id: LicenceId, on: &[LicenceId]) {
		for p in on {
			Dependants::<T>::mutate_exists(p, |d| {
				if let Some(list) = d {
					list.retain(|x| *x != id);
					if list.is_empty() {
						*d = None;
					}
				}
			});
		}
	}

	/// Marks the licences issued on `prerequisite` as lapsed (`lapsed`) or back in force.
	/// Returns how many were changed.
	fn mark_dependants(prerequisite: LicenceId, lapsed: bool, now: Moment) -> u32 {
		let mut changed = 0u32;
		for d in Dependants::<T>::get(prerequisite) {
			Licences::<T>::mutate(d, |l| {
				let Some(l) = l else { return };
				let marked = l.lapsed.contains(&prerequisite);
				let (change, event) = if lapsed && !marked {
					// `lapsed` is a subset of `on`: it always fits.
					if l.lapsed.try_push(prerequisite).is_err() {
						return;
					}
					(
						LicenceChange::PrerequisiteLapsed { prerequisite },
						Event::PrerequisiteLapsed { id: d, prerequisite },
					)
				} else if !lapsed && marked {
					l.lapsed.retain(|p| *p != prerequisite);
					(
						LicenceChange::PrerequisiteRestored { prerequisite },
						Event::PrerequisiteRestored { id: d, prerequisite },
					)
				} else {
					return;
				};
				Self::note(l, HistoryEntry { change, at: now, by: None });
				changed = changed.saturating_add(1);
				Self::deposit_event(event);
			});
		}
		changed
	}

	/// Registers licence type `id`, after every check of `register_licence_type`.
	fn do_register_licence_type(
		id: LicenceTypeId,
		name: BoundedVec<u8, T::MaxNameLen>,
		default_validity: Moment,
		public: bool,
		prerequisites: BoundedVec<Prerequisite, T::MaxPrerequisites>,
	) -> DispatchResult {
		ensure!(!LicenceTypes::<T>::contains_key(id), Error::<T>::LicenceTypeExists);
		let count = LicenceTypeCount::<T>::get();
		ensure!(count < T::MaxLicenceTypes::get(), Error::<T>::TooManyLicenceTypes);
		ensure!(!name.is_empty(), Error::<T>::BadName);
		ensure!(default_validity > 0, Error::<T>::BadValidity);
		Self::ensure_acyclic(id, &prerequisites)?;
		LicenceTypes::<T>::insert(
			id,
			LicenceType { name, default_validity, public, prerequisites },
		);
		LicenceTypeCount::<T>::put(count.saturating_add(1));
		Ok(())
	}

	fn do_issue(
		issuer: AgencyId,
		licence_type: LicenceTypeId,
		t: &LicenceTypeOf<T>,
		request: &IssueRequest,
		valid_until: Option<Moment>,
	) -> Result<(LicenceId, u32), DispatchError> {
		let IssueRequest { holder, number, document, ref relations } = *request;
		let now = T::Time::now();
		let (on, proven, read) = Self::check_prerequisites(t, &holder, now, relations)?;
		let valid_until = valid_until.unwrap_or_else(|| now.saturating_add(t.default_validity));
		ensure!(valid_until > now, Error::<T>::BadValidity);
		let held = LicencesHeld::<T>::get(holder);
		ensure!(held < T::MaxLicencesPerHolder::get(), Error::<T>::TooManyLicences);
		LicencesHeld::<T>::insert(holder, held.saturating_add(1));

		let id = NextLicenceId::<T>::get();
		Self::link(id, &on)?;
		NextLicenceId::<T>::put(id.saturating_add(1));
		let mut history = BoundedVec::new();
		let entry = HistoryEntry {
			change: LicenceChange::Issued { until: valid_until },
			at: now,
			by: Some(issuer),
		};
		// Cannot fail unless `MaxHistory` is zero; then the event alone records it.
		let _ = history.try_push(entry);
		Licences::<T>::insert(
			id,
			Licence {
				licence_type,
				holder,
				number,
				document,
				issuer,
				valid_from: now,
				valid_until,
				status: LicenceStatus::Active,
				on,
				relations: proven,
				lapsed: BoundedVec::new(),
				history,
			},
		);
		HolderLicences::<T>::insert((holder, licence_type, id), ());
		Self::queue_expiry(id, valid_until);
		Self::deposit_event(Event::LicenceIssued { id, licence_type, holder, issuer, valid_until });
		Ok((id, read))
	}

	/// Applies `f` to licence `id` on behalf of an agency holding the type's capability, and
	/// records the change in its history. Returns the agency.
	fn change(
		origin: OriginFor<T>,
		id: LicenceId,
		f: impl FnOnce(&mut LicenceOf<T>, Moment) -> Result<LicenceChange, DispatchError>,
	) -> Result<AgencyId, DispatchError> {
		let mut l = Licences::<T>::get(id).ok_or(Error::<T>::UnknownLicence)?;
		let (_, by) =
			T::Agencies::ensure_capability(origin, Capability::IssueLicence(l.licence_type))?;
		let now = T::Time::now();
		let change = f(&mut l, now)?;
		Self::note(&mut l, HistoryEntry { change, at: now, by: Some(by) });
		Licences::<T>::insert(id, l);
		Ok(by)
	}

	/// Appends to a licence's history, dropping the oldest entry when full.
	fn note(l: &mut LicenceOf<T>, entry: HistoryEntry) {
		// Only refused when `MaxHistory` is zero: then the events alone record the changes.
		let _ = l.history.force_insert_keep_right(l.history.len(), entry);
	}

	/// Queues a licence to expire at `until`: on the last page of that minute if it has room
	/// and is not processed yet, else on a new page. Reads the cursor, the minute's page count
	/// and its last page; nothing is ever dropped.
	fn queue_expiry(id: LicenceId, until: Moment) {
		let minute = until.div_ceil(MINUTE);
		let cursor = ExpiryCursor::<T>::get();
		let pages = ExpiryPages::<T>::get(minute);
		if let Some(last) = pages.checked_sub(1) {
			let open = cursor.is_none_or(|c| (minute, last) >= c);
			if open && Expiries::<T>::try_mutate(minute, last, |q| q.try_push(id)).is_ok() {
				return;
			}
		}
		// Only refused with an `ExpiryPageSize` of zero (or four billion pages in a minute):
		// then the licence is not queued, and its validity is still judged against the time.
		let Ok(page) = BoundedVec::try_from(alloc::vec![id]) else { return };
		let Some(count) = pages.checked_add(1) else { return };
		Expiries::<T>::insert(minute, pages, page);
		ExpiryPages::<T>::insert(minute, count);
		if cursor.is_none_or(|c| (minute, pages) < c) {
			ExpiryCursor::<T>::put((minute, pages));
		}
	}

	/// Marks the licences whose validity ended as expired, a page at a time, within `limit`
	/// weight. A minute is processed once it has ended, its pages in order.
	pub(crate) fn expire_due(limit: Weight) -> Weight {
		let now = T::Time::now();
		let db = T::DbWeight::get();
		// A page, and reading the page count before it.
		let per_page =
			T::WeightInfo::expire_page(T::ExpiryPageSize::get()).saturating_add(db.reads(1));
		let mut used = db.reads(1);
		let Some(start) = ExpiryCursor::<T>::get() else { return used };
		let (mut minute, mut page) = start;
		// Only whole minutes that ended are processed.
		let due = now.checked_div(MINUTE).unwrap_or_default();
		while minute <= due {
			// The cursor's own write is kept in reserve.
			if used.saturating_add(per_page).saturating_add(db.writes(1)).any_gt(limit) {
				break;
			}
			let pages = ExpiryPages::<T>::get(minute);
			if page < pages {
				Self::expire_page(minute, page, now);
				used = used.saturating_add(per_page);
				page = page.saturating_add(1);
			} else {
				if pages > 0 {
					ExpiryPages::<T>::remove(minute);
				}
				used = used.saturating_add(db.reads_writes(1, 1));
				minute = minute.saturating_add(1);
				page = 0;
			}
		}
		if (minute, page) != start {
			ExpiryCursor::<T>::put((minute, page));
			used = used.saturating_add(db.writes(1));
		}
		used
	}

	/// Expires the licences on page `page` of `minute` whose validity ended by `now`, and
	/// removes the page.
	pub(crate) fn expire_page(minute: u64, page: u32, now: Moment) {
		let mut expired = Vec::new();
		for id in Expiries::<T>::take(minute, page) {
			Licences::<T>::mutate(id, |l| {
				if let Some(l) = l {
					let live = matches!(l.status, LicenceStatus::Active | LicenceStatus::Suspended);
					if live && l.valid_until <= now {
						Self::remove_from_holder(id, l);
						l.status = LicenceStatus::Expired;
						Self::note(
							l,
							HistoryEntry { change: LicenceChange::Expired, at: now, by: None },
						);
						Self::deposit_event(Event::LicenceExpired { id });
						expired.push(id);
					}
				}
			});
		}
		for id in expired {
			Self::mark_dependants(id, true, now);
		}
	}

	/// Checks the pallet's invariants.
	///
	/// - `LicenceTypeCount` equals the number of types, within `MaxLicenceTypes`;
	/// - no type's prerequisites name an unknown type or lead back to itself;
	/// - every licence is of a registered type, is indexed under its holder and type exactly
	///   while it is live (active or suspended), has `valid_from < valid_until` and a
	///   non-empty history; no id reaches `NextLicenceId`;
	/// - every index entry points to a live licence of that holder and type;
	/// - `LicencesHeld` counts each holder's index entries, within `MaxLicencesPerHolder`;
	/// - a licence's lapsed prerequisites are among those it was issued on; a licence not
	///   revoked is in the `Dependants` of each licence it was issued on, and every
	///   `Dependants` entry is a licence issued on that one;
	/// - every expiry page is non-empty, within its minute's page count, and not behind the
	///   cursor (processed pages are removed).
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut types = 0u32;
		for (id, t) in LicenceTypes::<T>::iter() {
			types = types.saturating_add(1);
			Self::ensure_acyclic(id, &t.prerequisites)
				.map_err(|_| "cyclic or dangling prerequisites")?;
		}
		ensure!(types == LicenceTypeCount::<T>::get(), "LicenceTypeCount mismatch");
		ensure!(types <= T::MaxLicenceTypes::get(), "too many licence types");
		for (id, l) in Licences::<T>::iter() {
			ensure!(id < NextLicenceId::<T>::get(), "licence id not yet issued");
			ensure!(LicenceTypes::<T>::contains_key(l.licence_type), "licence of an unknown type");
			let live = matches!(l.status, LicenceStatus::Active | LicenceStatus::Suspended);
			ensure!(
				HolderLicences::<T>::contains_key((l.holder, l.licence_type, id)) == live,
				"a licence indexed while not live, or live and not indexed"
			);
			ensure!(l.valid_from < l.valid_until, "empty validity");
			ensure!(!l.history.is_empty(), "licence without history");
			ensure!(l.lapsed.iter().all(|p| l.on.contains(p)), "lapsed is not a subset of on");
			if l.status != LicenceStatus::Revoked {
				for p in l.on.iter() {
					ensure!(Dependants::<T>::get(p).contains(&id), "dependant not indexed");
				}
			}
		}
		let mut held = alloc::collections::BTreeMap::<Alias, u32>::new();
		for ((holder, licence_type, id), ()) in HolderLicences::<T>::iter() {
			let l = Licences::<T>::get(id).ok_or("index of an unknown licence")?;
			ensure!(l.holder == holder && l.licence_type == licence_type, "index out of step");
			let n = held.entry(holder).or_default();
			*n = n.saturating_add(1);
		}
		for (holder, n) in LicencesHeld::<T>::iter() {
			ensure!(held.get(&holder) == Some(&n), "LicencesHeld out of step");
			ensure!(n <= T::MaxLicencesPerHolder::get(), "too many licences of a holder");
		}
		ensure!(held.len() == LicencesHeld::<T>::iter().count(), "holder not counted");
		for (p, list) in Dependants::<T>::iter() {
			for d in list.iter() {
				let l = Licences::<T>::get(d).ok_or("dependant of an unknown licence")?;
				ensure!(l.on.contains(&p), "Dependants out of step");
			}
		}
		let cursor = ExpiryCursor::<T>::get();
		for (minute, page, ids) in Expiries::<T>::iter() {
			ensure!(!ids.is_empty(), "empty expiry page");
			ensure!(page < ExpiryPages::<T>::get(minute), "expiry page beyond its minute's count");
			ensure!(cursor.is_some_and(|c| (minute, page) >= c), "expiry page behind the cursor");
		}
		Ok(())
	}
}
