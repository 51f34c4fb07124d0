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
//! - **Licence**: issued to a person (natural or legal) with a number, a salted hash of the
//!   document and a validity period; suspended, reinstated, revoked, renewed by agencies
//!   holding the type's capability, and expired by time. Its recent history stays with it.
//!
//! ## Verification
//! Public licences are open: anyone may read them (view functions) and agencies may verify
//! them without consent. Personal licences are read by other agencies with
//! [`Pallet::verify_licence`] under the holder's consent (scope `Licences`), and the read is
//! written to the holder's access log.
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
//!   [`Pallet::reinstate`], [`Pallet::revoke`], [`Pallet::renew`].
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
	AgencyAuthority, AgencyId, Capability, ConsentCheck, LicenceTypeId, Moment, PersonId, Purpose,
	Scope, SubjectKind, SubjectRegistry,
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
pub type LicenceOf<T> = Licence<<T as Config>::MaxNumberLen, <T as Config>::MaxHistory>;
/// A batch of licences to issue.
pub type BatchOf<T> =
	BoundedVec<IssueRequest<<T as Config>::MaxNumberLen>, <T as Config>::MaxBatch>;

/// Expiry is queued by minute.
const MINUTE: Moment = 60_000;

#[frame_support::pallet]
pub mod pallet {
	use super::*;

	#[pallet::pallet]
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

		/// The registry of persons, for identity prerequisites.
		type Subjects: SubjectRegistry<Self::AccountId>;

		/// Holders' consent and the access log.
		type Consent: ConsentCheck;

		/// The current time (ms since the Unix epoch).
		type Time: Time<Moment = Moment>;

		/// Longest licence-type name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// Longest licence number, in bytes.
		#[pallet::constant]
		type MaxNumberLen: Get<u32>;

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

		/// Most licences queued to expire in one minute; beyond it the next minute is used.
		#[pallet::constant]
		type MaxExpiriesPerMinute: Get<u32>;

		/// Most licences (of all types, in any state) one holder has; bounds the walks over a
		/// holder's licences (prerequisites, verification, erasure).
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

	/// Each holder's licences, by type.
	#[pallet::storage]
	pub type HolderLicences<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, PersonId>,
			NMapKey<Twox64Concat, LicenceTypeId>,
			NMapKey<Twox64Concat, LicenceId>,
		),
		(),
	>;

	/// Number of licences each holder has (all types, all states).
	#[pallet::storage]
	pub type LicencesHeld<T: Config> = StorageMap<_, Blake2_128Concat, PersonId, u32, ValueQuery>;

	/// Licences to expire, by the minute (ms / 60 000) their validity ends.
	#[pallet::storage]
	pub type ExpiryQueue<T: Config> = StorageMap<
		_,
		Twox64Concat,
		u64,
		BoundedVec<LicenceId, T::MaxExpiriesPerMinute>,
		ValueQuery,
	>;

	/// The first minute whose expiries are not processed yet.
	#[pallet::storage]
	pub type ExpiryCursor<T: Config> = StorageValue<_, u64, OptionQuery>;

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
			holder: PersonId,
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
		/// The holder was erased: its licences left the state.
		LicencesErased { holder: PersonId, count: u32 },
		/// An agency verified a licence; `valid` is what it learnt. Personal licences are
		/// verified under consent, and the read is in the holder's access log.
		LicenceVerified { id: LicenceId, agency: AgencyId, valid: bool },
		/// An agency asked which valid licences of a type a person holds; `valid` lists them.
		HoldingVerified {
			holder: PersonId,
			licence_type: LicenceTypeId,
			agency: AgencyId,
			valid: Vec<LicenceId>,
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
		/// The holder is not a registered person.
		NotRegistered,
		/// The holder is not alive (or, for a company, dissolved).
		NotAlive,
		/// The holder is a minor, or not a natural person.
		NotOfAge,
		/// The holder is not a natural person.
		NotNaturalPerson,
		/// The holder is not a legal person.
		NotLegalPerson,
		/// The holder is in no relation of this kind.
		MissingRelation { kind: civitas_primitives::RelationKind },
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
		/// The holder has `MaxLicencesPerHolder` licences already.
		TooManyLicences,
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

		/// Issues a licence of `licence_type` to `holder`, in force from now until
		/// `valid_until` (or for the type's default validity). The holder must meet every
		/// prerequisite of the type now; the error names the first that fails.
		///
		/// ## Errors
		/// `UnknownLicenceType`, `BadValidity`, and for a prerequisite not met: `NotRegistered`,
		/// `NotAlive`, `NotOfAge`, `NotNaturalPerson`, `NotLegalPerson`,
		/// `MissingRelation { kind }`, `MissingLicence { licence_type }`; the consortium's
		/// `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `LicenceIssued`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::issue(T::MaxPrerequisites::get()))]
		pub fn issue(
			origin: OriginFor<T>,
			licence_type: LicenceTypeId,
			holder: PersonId,
			number: BoundedVec<u8, T::MaxNumberLen>,
			document: H256,
			valid_until: Option<Moment>,
		) -> DispatchResult {
			let (_, issuer) =
				T::Agencies::ensure_capability(origin, Capability::IssueLicence(licence_type))?;
			let t = LicenceTypes::<T>::get(licence_type).ok_or(Error::<T>::UnknownLicenceType)?;
			Self::do_issue(issuer, licence_type, &t, holder, number, document, valid_until)
				.map(|_| ())
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
		#[pallet::weight(T::WeightInfo::issue_batch(batch.len() as u32))]
		pub fn issue_batch(
			origin: OriginFor<T>,
			licence_type: LicenceTypeId,
			batch: BatchOf<T>,
		) -> DispatchResult {
			let (_, issuer) =
				T::Agencies::ensure_capability(origin, Capability::IssueLicence(licence_type))?;
			ensure!(!batch.is_empty(), Error::<T>::EmptyBatch);
			let t = LicenceTypes::<T>::get(licence_type).ok_or(Error::<T>::UnknownLicenceType)?;
			for r in batch {
				Self::do_issue(issuer, licence_type, &t, r.holder, r.number, r.document, None)?;
			}
			Ok(())
		}

		/// Suspends a licence in force, with a reason code.
		///
		/// ## Errors
		/// `UnknownLicence`, `NotActive`; the consortium's `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `LicenceSuspended`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::suspend())]
		pub fn suspend(origin: OriginFor<T>, id: LicenceId, reason: u32) -> DispatchResult {
			let by = Self::change(origin, id, |l, _| {
				ensure!(l.status == LicenceStatus::Active, Error::<T>::NotActive);
				l.status = LicenceStatus::Suspended;
				Ok(LicenceChange::Suspended { reason })
			})?;
			Self::deposit_event(Event::LicenceSuspended { id, by, reason });
			Ok(())
		}

		/// Puts a suspended licence back in force.
		///
		/// ## Errors
		/// `UnknownLicence`, `NotSuspended`; the consortium's `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `LicenceReinstated`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::reinstate())]
		pub fn reinstate(origin: OriginFor<T>, id: LicenceId) -> DispatchResult {
			let by = Self::change(origin, id, |l, _| {
				ensure!(l.status == LicenceStatus::Suspended, Error::<T>::NotSuspended);
				l.status = LicenceStatus::Active;
				Ok(LicenceChange::Reinstated)
			})?;
			Self::deposit_event(Event::LicenceReinstated { id, by });
			Ok(())
		}

		/// Revokes a licence for good, with a reason code.
		///
		/// ## Errors
		/// `UnknownLicence`, `Revoked`; the consortium's `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `LicenceRevoked`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::revoke())]
		pub fn revoke(origin: OriginFor<T>, id: LicenceId, reason: u32) -> DispatchResult {
			let by = Self::change(origin, id, |l, _| {
				ensure!(l.status != LicenceStatus::Revoked, Error::<T>::Revoked);
				l.status = LicenceStatus::Revoked;
				Ok(LicenceChange::Revoked { reason })
			})?;
			Self::deposit_event(Event::LicenceRevoked { id, by, reason });
			Ok(())
		}

		/// Renews a licence (in force or expired) until `valid_until`.
		///
		/// ## Errors
		/// `UnknownLicence`, `Revoked`, `NotActive` (suspended: reinstate it first),
		/// `BadValidity`; the consortium's `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `LicenceRenewed`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::renew())]
		pub fn renew(origin: OriginFor<T>, id: LicenceId, valid_until: Moment) -> DispatchResult {
			let by = Self::change(origin, id, |l, now| {
				ensure!(l.status != LicenceStatus::Revoked, Error::<T>::Revoked);
				ensure!(l.status != LicenceStatus::Suspended, Error::<T>::NotActive);
				ensure!(valid_until > now && valid_until > l.valid_from, Error::<T>::BadValidity);
				l.status = LicenceStatus::Active;
				l.valid_until = valid_until;
				Ok(LicenceChange::Renewed { until: valid_until })
			})?;
			Self::queue_expiry(id, valid_until);
			Self::deposit_event(Event::LicenceRenewed { id, by, valid_until });
			Ok(())
		}

		/// Verifies a licence as the caller's agency. A personal licence needs the holder's
		/// live consent (scope `Licences`, this purpose) and the read goes to the holder's
		/// access log; a public licence is open.
		///
		/// ## Errors
		/// `UnknownLicence`, `NoConsent`; the consortium's `NotStaff`.
		///
		/// ## Events
		/// `LicenceVerified` (and the identity pallet's `Verified` for a personal licence).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::verify_licence())]
		pub fn verify_licence(
			origin: OriginFor<T>,
			id: LicenceId,
			purpose: Purpose,
		) -> DispatchResult {
			let (_, agency) = T::Agencies::ensure_staff(origin)?;
			let l = Licences::<T>::get(id).ok_or(Error::<T>::UnknownLicence)?;
			let now = T::Time::now();
			let valid = l.is_valid_at(now);
			let public = LicenceTypes::<T>::get(l.licence_type).is_some_and(|t| t.public);
			if !public {
				ensure!(
					T::Consent::has_consent(&l.holder, agency, Scope::Licences, &purpose, now),
					Error::<T>::NoConsent
				);
				T::Consent::record_access(&l.holder, agency, Scope::Licences, purpose, valid);
			}
			Self::deposit_event(Event::LicenceVerified { id, agency, valid });
			Ok(())
		}

		/// Asks which valid licences of `licence_type` the person `holder` holds, as the
		/// caller's agency. For a personal type it needs the holder's live consent (scope
		/// `Licences`, this purpose) and the read goes to the holder's access log; public types
		/// are open.
		///
		/// ## Errors
		/// `UnknownLicenceType`, `NoConsent`; the consortium's `NotStaff`.
		///
		/// ## Events
		/// `HoldingVerified` (and the identity pallet's `Verified` for a personal type).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::verify_holding())]
		pub fn verify_holding(
			origin: OriginFor<T>,
			holder: PersonId,
			licence_type: LicenceTypeId,
			purpose: Purpose,
		) -> DispatchResult {
			let (_, agency) = T::Agencies::ensure_staff(origin)?;
			let t = LicenceTypes::<T>::get(licence_type).ok_or(Error::<T>::UnknownLicenceType)?;
			let now = T::Time::now();
			let valid = Self::valid_ids(&holder, licence_type, now);
			if !t.public {
				ensure!(
					T::Consent::has_consent(&holder, agency, Scope::Licences, &purpose, now),
					Error::<T>::NoConsent
				);
				T::Consent::record_access(
					&holder,
					agency,
					Scope::Licences,
					purpose,
					!valid.is_empty(),
				);
			}
			Self::deposit_event(Event::HoldingVerified { holder, licence_type, agency, valid });
			Ok(())
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
			public.then(|| (l.is_valid_at(T::Time::now()), l.issuer))
		}

		/// The valid licences of a public type that a person holds now; empty for personal
		/// types (agencies use `verify_licence`, under consent).
		pub fn valid_licences_of(holder: PersonId, licence_type: LicenceTypeId) -> Vec<LicenceId> {
			if !LicenceTypes::<T>::get(licence_type).is_some_and(|t| t.public) {
				return Vec::new();
			}
			Self::valid_ids(&holder, licence_type, T::Time::now())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The valid licences of `licence_type` that `holder` holds at `now`.
	fn valid_ids(holder: &PersonId, licence_type: LicenceTypeId, now: Moment) -> Vec<LicenceId> {
		HolderLicences::<T>::iter_key_prefix((holder, licence_type))
			.filter(|id| Licences::<T>::get(id).is_some_and(|l| l.is_valid_at(now)))
			.collect()
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
	/// that fails.
	fn check_prerequisites(t: &LicenceTypeOf<T>, holder: &PersonId, now: Moment) -> DispatchResult {
		let kind = T::Subjects::kind(holder);
		for p in t.prerequisites.iter() {
			match *p {
				Prerequisite::Registered => {
					ensure!(T::Subjects::exists(holder), Error::<T>::NotRegistered)
				},
				Prerequisite::Alive => {
					ensure!(T::Subjects::is_active(holder), Error::<T>::NotAlive)
				},
				Prerequisite::OfAge => ensure!(
					kind == Some(SubjectKind::Citizen)
						&& T::Subjects::exists(holder)
						&& !T::Subjects::is_minor(holder),
					Error::<T>::NotOfAge
				),
				Prerequisite::NaturalPerson => ensure!(
					kind == Some(SubjectKind::Citizen) && T::Subjects::exists(holder),
					Error::<T>::NotNaturalPerson
				),
				Prerequisite::LegalPerson => ensure!(
					kind == Some(SubjectKind::Company) && T::Subjects::exists(holder),
					Error::<T>::NotLegalPerson
				),
				Prerequisite::HasRelation(kind) => ensure!(
					T::Subjects::has_relation(holder, kind, now),
					Error::<T>::MissingRelation { kind }
				),
				Prerequisite::Licence(licence_type) => ensure!(
					!Self::valid_ids(holder, licence_type, now).is_empty(),
					Error::<T>::MissingLicence { licence_type }
				),
			}
		}
		Ok(())
	}

	fn do_issue(
		issuer: AgencyId,
		licence_type: LicenceTypeId,
		t: &LicenceTypeOf<T>,
		holder: PersonId,
		number: BoundedVec<u8, T::MaxNumberLen>,
		document: H256,
		valid_until: Option<Moment>,
	) -> Result<LicenceId, DispatchError> {
		let now = T::Time::now();
		// Every licence is of a registered person, whatever its type asks besides.
		ensure!(T::Subjects::exists(&holder), Error::<T>::NotRegistered);
		Self::check_prerequisites(t, &holder, now)?;
		let valid_until = valid_until.unwrap_or_else(|| now.saturating_add(t.default_validity));
		ensure!(valid_until > now, Error::<T>::BadValidity);
		let held = LicencesHeld::<T>::get(holder);
		ensure!(held < T::MaxLicencesPerHolder::get(), Error::<T>::TooManyLicences);
		LicencesHeld::<T>::insert(holder, held.saturating_add(1));

		let id = NextLicenceId::<T>::get();
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
				history,
			},
		);
		HolderLicences::<T>::insert((holder, licence_type, id), ());
		Self::queue_expiry(id, valid_until);
		Self::deposit_event(Event::LicenceIssued { id, licence_type, holder, issuer, valid_until });
		Ok(id)
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

	/// Queues a licence to expire at `until`, in that minute or the first later one with room.
	fn queue_expiry(id: LicenceId, until: Moment) {
		let mut minute = until.div_ceil(MINUTE);
		// A handful of tries: a minute full of expiries is rare, a long search is never needed.
		for _ in 0..8 {
			let added = ExpiryQueue::<T>::mutate(minute, |q| q.try_push(id).is_ok());
			if added {
				if ExpiryCursor::<T>::get().is_none_or(|c| minute < c) {
					ExpiryCursor::<T>::put(minute);
				}
				return;
			}
			minute = minute.saturating_add(1);
		}
		// The queue is only a convenience: validity is always judged against the time.
	}

	/// Marks the licences whose validity ended as expired, within `limit` weight.
	pub(crate) fn expire_due(limit: Weight) -> Weight {
		let now = T::Time::now();
		let per_minute = T::WeightInfo::expire_minute(T::MaxExpiriesPerMinute::get());
		let mut used = T::DbWeight::get().reads(1);
		let Some(mut cursor) = ExpiryCursor::<T>::get() else { return used };
		// Only whole minutes that ended are processed.
		let due = now.checked_div(MINUTE).unwrap_or_default();
		while cursor <= due {
			if used.saturating_add(per_minute).any_gt(limit) {
				break;
			}
			Self::expire_minute(cursor, now);
			used = used.saturating_add(per_minute);
			cursor = cursor.saturating_add(1);
			ExpiryCursor::<T>::put(cursor);
		}
		used
	}

	/// Expires the licences queued under `minute` whose validity ended by `now`.
	pub(crate) fn expire_minute(minute: u64, now: Moment) {
		for id in ExpiryQueue::<T>::take(minute) {
			Licences::<T>::mutate(id, |l| {
				if let Some(l) = l {
					let live = matches!(l.status, LicenceStatus::Active | LicenceStatus::Suspended);
					if live && l.valid_until <= now {
						l.status = LicenceStatus::Expired;
						Self::note(
							l,
							HistoryEntry { change: LicenceChange::Expired, at: now, by: None },
						);
						Self::deposit_event(Event::LicenceExpired { id });
					}
				}
			});
		}
	}

	/// Checks the pallet's invariants.
	///
	/// - `LicenceTypeCount` equals the number of types, within `MaxLicenceTypes`;
	/// - no type's prerequisites name an unknown type or lead back to itself;
	/// - every licence is of a registered type, is indexed under its holder and type, has
	///   `valid_from < valid_until` and a non-empty history; no id reaches `NextLicenceId`;
	/// - every index entry points to a licence of that holder and type;
	/// - `LicencesHeld` counts each holder's index entries, within `MaxLicencesPerHolder`.
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
			ensure!(
				HolderLicences::<T>::contains_key((l.holder, l.licence_type, id)),
				"licence not indexed"
			);
			ensure!(l.valid_from < l.valid_until, "empty validity");
			ensure!(!l.history.is_empty(), "licence without history");
		}
		let mut held = alloc::collections::BTreeMap::<PersonId, u32>::new();
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
		Ok(())
	}
}

/// Erasure of a holder: its licences (number, document hash, history) leave the state, so that
/// nothing links the tombstone id to what it held; a public licence of an erased holder no
/// longer verifies. What remains: the events of past blocks (ids and hashes, no personal data
/// once the off-chain record and its salt are destroyed).
impl<T: Config> civitas_primitives::OnErase for Pallet<T> {
	fn on_erase(holder: &PersonId) -> Weight {
		let ids: Vec<(LicenceTypeId, LicenceId)> =
			HolderLicences::<T>::iter_key_prefix((holder,)).collect();
		let count = ids.len() as u32;
		for (licence_type, id) in ids {
			Licences::<T>::remove(id);
			HolderLicences::<T>::remove((holder, licence_type, id));
		}
		LicencesHeld::<T>::remove(holder);
		if count > 0 {
			Self::deposit_event(Event::LicencesErased { holder: *holder, count });
		}
		T::WeightInfo::erase_holder(count)
	}
}
