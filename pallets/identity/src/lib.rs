//! # Identity pallet ("I am I")
//!
//! Persons, relations between them, the consent subjects give to agencies, and the trace of
//! every consented read. It answers "prove that your mother is your mother" without paper:
//! the civil-affairs bureau attests the relation once; any other agency verifies it, with the
//! subject's consent, and the subject sees who asked.
//!
//! ## Terminology
//! - **Subject**: a natural or legal person, known on chain by a [`PersonId`]: 32 random
//!   bytes chosen by the registering agency, never derived from personal data.
//! - **Registrar**: the agency (holding `RegisterPersons`) that registered the subject and
//!   keeps its off-chain record; the chain holds only a salted hash of that record.
//! - **Controller**: an account that acts for the subject (grants consent, rotates its key).
//! - **Attestation**: an agency's statement that a relation holds (`AttestRelations`), with a
//!   salted hash of its evidence.
//! - **Consent**: the subject's permission to one agency, over one [`Scope`], for one
//!   [`Purpose`], until a time. A parent or guardian may give it for a minor.
//! - **Verification**: an agency's question about a subject ([`Question`]); it succeeds only
//!   under a live consent, and its answer is recorded in the subject's access log.
//!
//! ## Assumptions
//! - Personal data never goes on chain: person ids are random, records and evidence are salted
//!   hashes (salts of at least 128 bits, kept off chain), purposes are codes or short texts
//!   that name a reason, not a person.
//!
//! ## Who can learn what
//! - **An agency** learns a private fact (a relation, the record commitment, a status) only
//!   with [`Pallet::verify`], under a live consent of the subject for that agency, scope and
//!   purpose; every such read is an extrinsic with a `Verified` event and an entry in the
//!   subject's access log. Without consent `verify` answers `NoConsent`, whether or not the
//!   person id exists, so asking tells a stranger nothing.
//! - **Any RPC client** gets, through view functions, only the public part of a person record
//!   ([`Pallet::person`]: natural or legal person, status, registrar). No view function answers a
//!   question about a relation, a consent or an access of an arbitrary subject.
//! - **A subject** (its controller) reads its own access log and consents from the state of
//!   any node it trusts, or through its registrar.
//! - **Node operators** (the consortium's agencies) hold the whole state and so see, besides
//!   the above: the pseudonymous relation graph (person ids and relation kinds), who granted
//!   which agency consent, and the access logs. This is the price of checks the chain itself
//!   makes: custody for a minor's consent, `HasRelation` licence prerequisites, relation bounds
//!   and erasure all read the relations of a person. Pseudonymity holds as long as the
//!   registrars keep the link between a person id and a person off chain; storing relations as
//!   salted commitments that only the subject and the attesting agency can open, with those
//!   checks proven by the caller instead, is the planned next step.
//!
//! ## Erasure
//! [`Pallet::erase_person`] (by the registrar, or by consortium vote) removes the record's
//! commitment, every relation naming the person, every consent and pending recovery, and the
//! consents the person gave as parent or guardian of a minor; it unlinks (and un-enrols) the
//! controlling accounts, and calls the runtime's [`Config::OnErase`], through which every
//! domain pallet erases what links to the person (the licences pallet removes its licences).
//! The person id stays as a tombstone with status `Erased`, so that it cannot be registered
//! again, and keeps its access log (the trail of who read what, which the law requires to be
//! kept). Events in past blocks remain: they hold ids, hashes, codes and agency numbers, none
//! of which is personal data once the off-chain record and its salt are destroyed.
//!
//! ## Key recovery
//! The registrar proposes a new key ([`Pallet::propose_recovery`]); during `RecoveryDelay`
//! the subject may refuse it with its current key ([`Pallet::veto_recovery`]); then, until
//! `RecoveryPeriod` ends, a second agency approves it ([`Pallet::approve_recovery`]). After a
//! theft the registrar first withdraws the stolen key's enrolment, so the thief can neither
//! transact nor veto; the recovery still goes through.
//!
//! ## Calls
//! - Registrar (`RegisterPersons`): [`Pallet::register_person`], [`Pallet::update_person`],
//!   [`Pallet::propose_recovery`], [`Pallet::cancel_recovery`], [`Pallet::erase_person`]; a
//!   second agency with `RegisterPersons`: [`Pallet::approve_recovery`]; any agency with
//!   `RegisterPersons`, for a person whose registrar left: [`Pallet::adopt_person`].
//! - Controller: [`Pallet::rotate_key`], [`Pallet::grant_consent`], [`Pallet::revoke_consent`],
//!   [`Pallet::veto_recovery`].
//! - `AttestRelations`: [`Pallet::attest_relation`], [`Pallet::revoke_relation`] (the attester).
//! - Any agency staff: [`Pallet::verify`].
//! - Consortium authority: [`Pallet::erase_person`].

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
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use civitas_primitives::{
	AgencyAuthority, AgencyId, Capability, ConsentCheck, Enrolment, Moment, PersonId, Purpose,
	Scope, SubjectKind, SubjectRegistry,
};
use frame_support::{
	pallet_prelude::*,
	traits::{Get, Time},
};
use frame_system::pallet_prelude::*;
use sp_core::H256;
use sp_runtime::DispatchError;

/// The person record type of a runtime.
pub type PersonRecordOf<T> =
	PersonRecord<<T as frame_system::Config>::AccountId, <T as Config>::MaxControllers>;
/// The access record type of a runtime.
pub type AccessRecordOf<T> = AccessRecord<BlockNumberFor<T>>;

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

		/// Which agency an origin acts for, and with which capabilities.
		type Agencies: AgencyAuthority<OriginFor<Self>, Self::AccountId>;

		/// Admission of controlling accounts to transact.
		type Enrolment: Enrolment<Self::AccountId>;

		/// The current time (ms since the Unix epoch).
		type Time: Time<Moment = Moment>;

		/// Maximum controlling accounts of a person.
		#[pallet::constant]
		type MaxControllers: Get<u32>;

		/// Maximum relations naming one person; bounds `RelationsOf` per person.
		#[pallet::constant]
		type MaxRelationsPerPerson: Get<u32>;

		/// Number of most recent accesses kept in a person's `AccessLog` (all are in events).
		#[pallet::constant]
		type MaxAccessLog: Get<u32>;

		/// Longest consent, in milliseconds.
		#[pallet::constant]
		type MaxConsentDuration: Get<Moment>;

		/// Most consents one subject has at a time (live or expired, until revoked); bounds
		/// `Consents` per subject and so the cost of erasing a person.
		#[pallet::constant]
		type MaxConsentsPerSubject: Get<u32>;

		/// The consortium's authority, which may erase any person.
		type ConsortiumOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// How long (ms) a proposed key recovery waits before a second agency may approve it,
		/// during which the subject may veto it with its current key.
		#[pallet::constant]
		type RecoveryDelay: Get<Moment>;

		/// How long (ms) a proposed key recovery stays pending before it lapses.
		#[pallet::constant]
		type RecoveryPeriod: Get<Moment>;

		/// What the domain pallets do when a person is erased.
		type OnErase: civitas_primitives::OnErase;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Makes agency staff with given capabilities, for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: civitas_primitives::BenchmarkAgencies<Self::AccountId>;
	}

	/// Registered persons, erased ones included (as tombstones).
	#[pallet::storage]
	pub type Persons<T: Config> = StorageMap<_, Blake2_128Concat, PersonId, PersonRecordOf<T>>;

	/// The person each controlling account acts for.
	#[pallet::storage]
	pub type ControllerOf<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, PersonId>;

	/// Every active attested relation (revoked ones are in the events only).
	#[pallet::storage]
	pub type Relations<T: Config> = StorageMap<_, Twox64Concat, RelationId, Relation>;

	/// The relations naming each person (as `from` or `to`).
	#[pallet::storage]
	pub type RelationsOf<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, PersonId, Twox64Concat, RelationId, ()>;

	/// The active (not revoked) relation between two persons, by kind.
	#[pallet::storage]
	pub type ActiveRelation<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, PersonId>,
			NMapKey<Twox64Concat, RelationKind>,
			NMapKey<Blake2_128Concat, PersonId>,
		),
		RelationId,
	>;

	/// The id the next relation gets.
	#[pallet::storage]
	pub type NextRelationId<T: Config> = StorageValue<_, RelationId, ValueQuery>;

	/// Consents, by subject, agency and scope.
	#[pallet::storage]
	pub type Consents<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, PersonId>,
			NMapKey<Twox64Concat, AgencyId>,
			NMapKey<Twox64Concat, Scope>,
		),
		Consent<T::AccountId>,
	>;

	/// Number of consents each subject has in `Consents`.
	#[pallet::storage]
	pub type ConsentCount<T: Config> = StorageMap<_, Blake2_128Concat, PersonId, u32, ValueQuery>;

	/// The most recent accesses to each person's data, oldest first.
	#[pallet::storage]
	pub type AccessLog<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		PersonId,
		BoundedVec<AccessRecordOf<T>, T::MaxAccessLog>,
		ValueQuery,
	>;

	/// How many accesses each person's data has had in all.
	#[pallet::storage]
	pub type AccessCount<T: Config> = StorageMap<_, Blake2_128Concat, PersonId, u64, ValueQuery>;

	/// Pending recoveries of a controlling key, awaiting a second agency.
	#[pallet::storage]
	pub type Recoveries<T: Config> =
		StorageMap<_, Blake2_128Concat, PersonId, Recovery<T::AccountId>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A person was registered and its controller enrolled.
		PersonRegistered {
			person: PersonId,
			kind: SubjectKind,
			registrar: AgencyId,
			controller: T::AccountId,
		},
		/// A person's record commitment, status or minority changed.
		PersonUpdated {
			person: PersonId,
			status: PersonStatus,
			minor: bool,
			commitment_changed: bool,
		},
		/// A controller replaced its own key.
		KeyRotated { person: PersonId, old: T::AccountId, new: T::AccountId },
		/// The registrar proposed a new controlling key for a person who lost theirs; a second
		/// agency may approve it from `approvable_from` until `expires`.
		RecoveryProposed {
			person: PersonId,
			new: T::AccountId,
			by: AgencyId,
			approvable_from: Moment,
			expires: Moment,
		},
		/// The subject refused a pending recovery with its current key.
		RecoveryVetoed { person: PersonId },
		/// The registrar withdrew a pending recovery.
		RecoveryCancelled { person: PersonId },
		/// An acting agency took over a person whose registrar left the consortium.
		RegistrarChanged { person: PersonId, from: AgencyId, to: AgencyId },
		/// A second agency approved the recovery: `new` is now the only controller.
		KeyRecovered { person: PersonId, new: T::AccountId, approved_by: AgencyId },
		/// A relation was attested.
		RelationAttested {
			id: RelationId,
			from: PersonId,
			kind: RelationKind,
			to: PersonId,
			attester: AgencyId,
		},
		/// A relation was revoked; it left the state.
		RelationRevoked { id: RelationId, by: AgencyId, reason: u32 },
		/// A subject gave an agency consent over a scope.
		ConsentGranted {
			subject: PersonId,
			agency: AgencyId,
			scope: Scope,
			purpose: Purpose,
			until: Moment,
			granted_by: T::AccountId,
		},
		/// A consent was withdrawn.
		ConsentRevoked { subject: PersonId, agency: AgencyId, scope: Scope },
		/// An agency asked a question about a subject, under consent; the access is logged.
		Verified {
			subject: PersonId,
			agency: AgencyId,
			scope: Scope,
			purpose: Purpose,
			answer: bool,
		},
		/// A person's on-chain links were erased, by its registrar (`by`) or by consortium vote
		/// (`by` is none); the id remains as a tombstone.
		PersonErased { person: PersonId, by: Option<AgencyId>, relations: u32 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No person has this id.
		UnknownPerson,
		/// The person id is registered already, or was erased and cannot be reused.
		AlreadyRegistered,
		/// The person was erased.
		Erased,
		/// Only the registering agency may do this.
		NotRegistrar,
		/// The account already controls a person.
		AlreadyController,
		/// The origin does not control the person.
		NotController,
		/// Use `erase_person` to erase.
		CannotSetErased,
		/// A deceased, dissolved or emigrated person cannot give consent or get a relation.
		NotActive,
		/// A recovery needs a second agency: the registrar cannot approve its own.
		SameAgency,
		/// No recovery is pending for this person.
		NoRecovery,
		/// No relation has this id, or no active relation matches.
		UnknownRelation,
		/// The same relation is already active.
		DuplicateRelation,
		/// A relation needs two different persons.
		SelfRelation,
		/// The relation ends before it starts.
		BadPeriod,
		/// A person is named in `MaxRelationsPerPerson` relations already.
		TooManyRelations,
		/// This kind of relation does not fit these kinds of persons.
		WrongSubjectKind,
		/// The consent ends in the past or later than `MaxConsentDuration` from now.
		BadConsentPeriod,
		/// No live consent of the subject covers this agency, scope and purpose.
		NoConsent,
		/// No consent to revoke.
		UnknownConsent,
		/// The agency named in a consent is not a member of the consortium.
		UnknownAgency,
		/// Only the attesting agency may revoke a relation (any `AttestRelations` agency once
		/// the attester has left the consortium).
		NotAttester,
		/// The recovery's time lock has not run out: the subject may still veto it.
		RecoveryTimeLocked,
		/// The recovery lapsed: the registrar must propose it again.
		RecoveryExpired,
		/// The person's registrar is still a member of the consortium.
		RegistrarStillMember,
		/// The subject has `MaxConsentsPerSubject` consents already: revoke one first.
		TooManyConsents,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a natural or legal person, with its controlling account, and enrols the
		/// account to transact. The caller's agency (holding `RegisterPersons`) becomes its
		/// registrar.
		///
		/// ## Errors
		/// `AlreadyRegistered` (also for an erased id), `AlreadyController`; the consortium's
		/// `NotStaff`, `MissingCapability`, `AlreadyAdmitted` (the account is staff or enrolled).
		///
		/// ## Events
		/// `PersonRegistered` (and the consortium's `AccountEnrolled`).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_person())]
		pub fn register_person(
			origin: OriginFor<T>,
			person: PersonId,
			kind: SubjectKind,
			controller: T::AccountId,
			commitment: H256,
			minor: bool,
		) -> DispatchResult {
			let (_, registrar) =
				T::Agencies::ensure_capability(origin, Capability::RegisterPersons)?;
			ensure!(!Persons::<T>::contains_key(person), Error::<T>::AlreadyRegistered);
			ensure!(!ControllerOf::<T>::contains_key(&controller), Error::<T>::AlreadyController);
			T::Enrolment::enrol(&controller, registrar, kind)?;
			let mut controllers = BoundedVec::new();
			controllers.try_push(controller.clone()).map_err(|_| Error::<T>::AlreadyController)?;
			Persons::<T>::insert(
				person,
				PersonRecord {
					kind,
					status: PersonStatus::Active,
					minor: minor && kind == SubjectKind::Citizen,
					registrar,
					commitment: Some(commitment),
					controllers,
					relations: 0,
				},
			);
			ControllerOf::<T>::insert(&controller, person);
			Self::deposit_event(Event::PersonRegistered { person, kind, registrar, controller });
			Ok(())
		}

		/// Updates a person's record commitment, status (deceased, dissolved, emigrated, or
		/// active again) or minority. Only the registrar may.
		///
		/// ## Errors
		/// `UnknownPerson`, `Erased`, `NotRegistrar`, `CannotSetErased`; the consortium's
		/// `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `PersonUpdated`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_person())]
		pub fn update_person(
			origin: OriginFor<T>,
			person: PersonId,
			commitment: Option<H256>,
			status: Option<PersonStatus>,
			minor: Option<bool>,
		) -> DispatchResult {
			let (_, agency) = T::Agencies::ensure_capability(origin, Capability::RegisterPersons)?;
			ensure!(status != Some(PersonStatus::Erased), Error::<T>::CannotSetErased);
			let mut record = Self::live_record(&person)?;
			ensure!(record.registrar == agency, Error::<T>::NotRegistrar);
			let commitment_changed = commitment.is_some_and(|c| record.commitment != Some(c));
			if let Some(c) = commitment {
				record.commitment = Some(c);
			}
			if let Some(s) = status {
				record.status = s;
			}
			if let Some(m) = minor {
				record.minor = m && record.kind == SubjectKind::Citizen;
			}
			let (status, minor) = (record.status, record.minor);
			Persons::<T>::insert(person, record);
			Self::deposit_event(Event::PersonUpdated { person, status, minor, commitment_changed });
			Ok(())
		}

		/// Replaces the caller's own controlling key by `new`, which is enrolled in its place.
		///
		/// ## Errors
		/// `NotController`, `Erased`, `AlreadyController`; the consortium's `AlreadyAdmitted`
		/// (`new` is staff or enrolled), `AccountInUse`.
		///
		/// ## Events
		/// `KeyRotated`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::rotate_key())]
		pub fn rotate_key(origin: OriginFor<T>, new: T::AccountId) -> DispatchResult {
			let old = ensure_signed(origin)?;
			let person = ControllerOf::<T>::get(&old).ok_or(Error::<T>::NotController)?;
			let mut record = Self::live_record(&person)?;
			ensure!(!ControllerOf::<T>::contains_key(&new), Error::<T>::AlreadyController);
			if T::Enrolment::is_enrolled(&old) {
				T::Enrolment::unenrol(&old)?;
			}
			T::Enrolment::enrol(&new, record.registrar, record.kind)?;
			for c in record.controllers.iter_mut() {
				if *c == old {
					*c = new.clone();
				}
			}
			Persons::<T>::insert(person, record);
			ControllerOf::<T>::remove(&old);
			ControllerOf::<T>::insert(&new, person);
			Self::deposit_event(Event::KeyRotated { person, old, new });
			Ok(())
		}

		/// Proposes `new` as the controlling key of a person who lost theirs. Only the
		/// registrar may. A second agency approves it after `RecoveryDelay` (during which the
		/// subject may veto it with its current key) and before `RecoveryPeriod` ends. A new
		/// proposal replaces a pending one. When a key was stolen, the registrar first
		/// withdraws its enrolment (`consortium.unenrol`), so that the thief cannot veto.
		///
		/// ## Errors
		/// `UnknownPerson`, `Erased`, `NotRegistrar`, `AlreadyController`; the consortium's
		/// `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `RecoveryProposed`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::propose_recovery())]
		pub fn propose_recovery(
			origin: OriginFor<T>,
			person: PersonId,
			new: T::AccountId,
		) -> DispatchResult {
			let (_, agency) = T::Agencies::ensure_capability(origin, Capability::RegisterPersons)?;
			let record = Self::live_record(&person)?;
			ensure!(record.registrar == agency, Error::<T>::NotRegistrar);
			ensure!(!ControllerOf::<T>::contains_key(&new), Error::<T>::AlreadyController);
			let now = T::Time::now();
			let approvable_from = now.saturating_add(T::RecoveryDelay::get());
			let expires = now.saturating_add(T::RecoveryPeriod::get());
			Recoveries::<T>::insert(
				person,
				Recovery { new: new.clone(), proposed_by: agency, approvable_from, expires },
			);
			Self::deposit_event(Event::RecoveryProposed {
				person,
				new,
				by: agency,
				approvable_from,
				expires,
			});
			Ok(())
		}

		/// Approves a pending recovery, as a second agency holding `RegisterPersons`, once its
		/// time lock ran out and before it lapses: the new key becomes the person's only
		/// controller; the old keys are unlinked and un-enrolled (if they still are).
		///
		/// ## Errors
		/// `NoRecovery`, `SameAgency`, `RecoveryTimeLocked`, `RecoveryExpired`, `Erased`,
		/// `AlreadyController`; the consortium's `NotStaff`, `MissingCapability`,
		/// `AlreadyAdmitted`, `EnrolmentLimit`.
		///
		/// ## Events
		/// `KeyRecovered`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::approve_recovery())]
		pub fn approve_recovery(origin: OriginFor<T>, person: PersonId) -> DispatchResult {
			let (_, agency) = T::Agencies::ensure_capability(origin, Capability::RegisterPersons)?;
			let recovery = Recoveries::<T>::get(person).ok_or(Error::<T>::NoRecovery)?;
			ensure!(recovery.proposed_by != agency, Error::<T>::SameAgency);
			let now = T::Time::now();
			ensure!(now >= recovery.approvable_from, Error::<T>::RecoveryTimeLocked);
			ensure!(now < recovery.expires, Error::<T>::RecoveryExpired);
			let mut record = Self::live_record(&person)?;
			ensure!(!ControllerOf::<T>::contains_key(&recovery.new), Error::<T>::AlreadyController);
			for old in record.controllers.iter() {
				// The common case: the stolen key was un-enrolled already.
				if T::Enrolment::is_enrolled(old) {
					T::Enrolment::unenrol(old)?;
				}
				ControllerOf::<T>::remove(old);
			}
			T::Enrolment::enrol(&recovery.new, record.registrar, record.kind)?;
			record.controllers = BoundedVec::new();
			record
				.controllers
				.try_push(recovery.new.clone())
				.map_err(|_| Error::<T>::AlreadyController)?;
			Persons::<T>::insert(person, record);
			ControllerOf::<T>::insert(&recovery.new, person);
			Recoveries::<T>::remove(person);
			Self::deposit_event(Event::KeyRecovered {
				person,
				new: recovery.new,
				approved_by: agency,
			});
			Ok(())
		}

		/// Attests that `from` is the `kind` of `to` (e.g. parent of), from `valid_from` until
		/// `valid_until` if it ends, with a salted hash of the evidence.
		///
		/// ## Errors
		/// `UnknownPerson`, `Erased`, `NotActive` (for a new relation of a deceased person the
		/// registrar updates the record instead), `SelfRelation`, `WrongSubjectKind`,
		/// `BadPeriod`, `DuplicateRelation`, `TooManyRelations`; the consortium's `NotStaff`,
		/// `MissingCapability`.
		///
		/// ## Events
		/// `RelationAttested`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::attest_relation())]
		pub fn attest_relation(
			origin: OriginFor<T>,
			from: PersonId,
			kind: RelationKind,
			to: PersonId,
			evidence: H256,
			valid_from: Moment,
			valid_until: Option<Moment>,
		) -> DispatchResult {
			let (_, attester) =
				T::Agencies::ensure_capability(origin, Capability::AttestRelations)?;
			ensure!(from != to, Error::<T>::SelfRelation);
			ensure!(valid_until.is_none_or(|u| u > valid_from), Error::<T>::BadPeriod);
			let a = Self::live_record(&from)?;
			let b = Self::live_record(&to)?;
			ensure!(
				a.status == PersonStatus::Active && b.status == PersonStatus::Active,
				Error::<T>::NotActive
			);
			let kinds_fit = match kind {
				RelationKind::LegalRepresentativeOf => {
					a.kind == SubjectKind::Citizen && b.kind == SubjectKind::Company
				},
				_ => a.kind == SubjectKind::Citizen && b.kind == SubjectKind::Citizen,
			};
			ensure!(kinds_fit, Error::<T>::WrongSubjectKind);
			ensure!(
				Self::active_relation(&from, kind, &to).is_none(),
				Error::<T>::DuplicateRelation
			);
			let max = T::MaxRelationsPerPerson::get();
			ensure!(a.relations < max && b.relations < max, Error::<T>::TooManyRelations);

			let id = NextRelationId::<T>::get();
			NextRelationId::<T>::put(id.saturating_add(1));
			Relations::<T>::insert(
				id,
				Relation { from, kind, to, attester, evidence, valid_from, valid_until },
			);
			RelationsOf::<T>::insert(from, id, ());
			RelationsOf::<T>::insert(to, id, ());
			ActiveRelation::<T>::insert((from, kind, to), id);
			for p in [from, to] {
				Persons::<T>::mutate(p, |r| {
					if let Some(r) = r {
						r.relations = r.relations.saturating_add(1);
					}
				});
			}
			Self::deposit_event(Event::RelationAttested { id, from, kind, to, attester });
			Ok(())
		}

		/// Revokes an active relation (divorce, end of guardianship…), with a reason code. Only
		/// the attesting agency may, or any agency holding `AttestRelations` once the attester
		/// has left the consortium. The relation leaves the state (so it no longer counts
		/// against `MaxRelationsPerPerson`); its history is in the events.
		///
		/// ## Errors
		/// `UnknownRelation`, `NotAttester`; the consortium's `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `RelationRevoked`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::revoke_relation())]
		pub fn revoke_relation(
			origin: OriginFor<T>,
			id: RelationId,
			reason: u32,
		) -> DispatchResult {
			let (_, by) = T::Agencies::ensure_capability(origin, Capability::AttestRelations)?;
			let relation = Relations::<T>::get(id).ok_or(Error::<T>::UnknownRelation)?;
			ensure!(
				relation.attester == by || !T::Agencies::is_member(relation.attester),
				Error::<T>::NotAttester
			);
			Self::remove_relation(id, &relation);
			Self::deposit_event(Event::RelationRevoked { id, by, reason });
			Ok(())
		}

		/// Gives `agency` consent to read `scope` of `subject`, for `purpose`, until `until`
		/// (ms since the Unix epoch). The caller controls the subject, an adult; for a minor,
		/// only an active adult with custody consents: a guardian, or a parent while no
		/// guardian has custody. A new consent replaces an older one for the same agency and
		/// scope.
		///
		/// ## Errors
		/// `UnknownPerson`, `Erased`, `NotActive`, `NotController`, `UnknownAgency`,
		/// `BadConsentPeriod`.
		///
		/// ## Events
		/// `ConsentGranted`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::grant_consent())]
		pub fn grant_consent(
			origin: OriginFor<T>,
			subject: PersonId,
			agency: AgencyId,
			scope: Scope,
			purpose: Purpose,
			until: Moment,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let record = Self::live_record(&subject)?;
			ensure!(record.status == PersonStatus::Active, Error::<T>::NotActive);
			Self::ensure_may_consent(&who, &subject, &record, true)?;
			ensure!(T::Agencies::is_member(agency), Error::<T>::UnknownAgency);
			let now = T::Time::now();
			ensure!(
				until > now && until <= now.saturating_add(T::MaxConsentDuration::get()),
				Error::<T>::BadConsentPeriod
			);
			if !Consents::<T>::contains_key((subject, agency, scope)) {
				let count = ConsentCount::<T>::get(subject);
				ensure!(count < T::MaxConsentsPerSubject::get(), Error::<T>::TooManyConsents);
				ConsentCount::<T>::insert(subject, count.saturating_add(1));
			}
			Consents::<T>::insert(
				(subject, agency, scope),
				Consent { purpose: purpose.clone(), until, granted_by: who.clone() },
			);
			Self::deposit_event(Event::ConsentGranted {
				subject,
				agency,
				scope,
				purpose,
				until,
				granted_by: who,
			});
			Ok(())
		}

		/// Withdraws a consent, at any time. The same accounts may as may grant it, and a
		/// minor may withdraw a consent given for it.
		///
		/// ## Errors
		/// `UnknownPerson`, `Erased`, `NotController`, `UnknownConsent`.
		///
		/// ## Events
		/// `ConsentRevoked`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::revoke_consent())]
		pub fn revoke_consent(
			origin: OriginFor<T>,
			subject: PersonId,
			agency: AgencyId,
			scope: Scope,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let record = Self::live_record(&subject)?;
			Self::ensure_may_consent(&who, &subject, &record, false)?;
			ensure!(
				Consents::<T>::contains_key((subject, agency, scope)),
				Error::<T>::UnknownConsent
			);
			Self::remove_consent(&subject, agency, scope);
			Self::deposit_event(Event::ConsentRevoked { subject, agency, scope });
			Ok(())
		}

		/// Asks a question about a subject, as the caller's agency, for `purpose`. Succeeds only
		/// under a live consent of the subject to that agency over the question's scope and for
		/// that purpose; the answer is in the `Verified` event and in the subject's access log.
		///
		/// A stranger learns nothing: an unknown subject and a subject without consent both
		/// answer `NoConsent`.
		///
		/// ## Errors
		/// `NoConsent`; the consortium's `NotStaff`.
		///
		/// ## Events
		/// `Verified`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::verify_consented())]
		pub fn verify(
			origin: OriginFor<T>,
			subject: PersonId,
			question: Question,
			purpose: Purpose,
		) -> DispatchResult {
			let (_, agency) = T::Agencies::ensure_staff(origin)?;
			let scope = question.scope();
			ensure!(
				Self::has_consent(&subject, agency, scope, &purpose, T::Time::now()),
				Error::<T>::NoConsent
			);
			let answer = Self::answer(&subject, &question);
			Self::record_access(&subject, agency, scope, purpose, answer);
			Ok(())
		}

		/// Erases a person's on-chain links on a lawful request: the record commitment, every
		/// relation naming the person, every consent and pending recovery, and the consents it
		/// gave as parent or guardian of a minor; the controlling accounts are unlinked and
		/// un-enrolled, and every domain pallet erases what it links to the person (the
		/// runtime's `OnErase`). The id stays as a tombstone with its access log. Only the
		/// registrar (holding `RegisterPersons`) may, or the consortium by vote.
		///
		/// ## Errors
		/// `UnknownPerson`, `Erased`, `NotRegistrar`; the consortium's `NotStaff`,
		/// `MissingCapability`.
		///
		/// ## Events
		/// `PersonErased`.
		#[pallet::call_index(10)]
		#[pallet::weight(Pallet::<T>::erase_weight(
			T::MaxRelationsPerPerson::get(),
			T::MaxConsentsPerSubject::get()
		).saturating_add(<T::OnErase as civitas_primitives::OnErase>::max_weight()))]
		pub fn erase_person(origin: OriginFor<T>, person: PersonId) -> DispatchResultWithPostInfo {
			let by = match T::ConsortiumOrigin::try_origin(origin) {
				Ok(_) => None,
				Err(origin) => {
					let (_, by) =
						T::Agencies::ensure_capability(origin, Capability::RegisterPersons)?;
					Some(by)
				},
			};
			let mut record = Self::live_record(&person)?;
			if let Some(by) = by {
				ensure!(record.registrar == by, Error::<T>::NotRegistrar);
			}
			for c in record.controllers.iter() {
				if T::Enrolment::is_enrolled(c) {
					T::Enrolment::unenrol(c)?;
				}
				ControllerOf::<T>::remove(c);
			}
			let ids: Vec<RelationId> = RelationsOf::<T>::iter_key_prefix(person).collect();
			let removed = ids.len() as u32;
			for id in ids {
				if let Some(r) = Relations::<T>::get(id) {
					// Consents the person gave for a minor in its care end with it.
					let cares = matches!(r.kind, RelationKind::ParentOf | RelationKind::GuardianOf);
					if cares && r.from == person {
						Self::end_consents_granted_by(&r.to, &record.controllers);
					}
					Self::remove_relation(id, &r);
				}
			}
			let consents = ConsentCount::<T>::take(person);
			// At most `MaxConsentsPerSubject`, which the weight accounts for.
			let _ = Consents::<T>::clear_prefix((person,), consents, None);
			Recoveries::<T>::remove(person);
			record.status = PersonStatus::Erased;
			record.commitment = None;
			record.controllers = BoundedVec::new();
			record.relations = 0;
			record.minor = false;
			Persons::<T>::insert(person, record);
			let hook = <T::OnErase as civitas_primitives::OnErase>::on_erase(&person);
			Self::deposit_event(Event::PersonErased { person, by, relations: removed });
			let weight = Self::erase_weight(removed, consents).saturating_add(hook);
			Ok(Some(weight).into())
		}

		/// Refuses a pending recovery of the caller's person, with its current key.
		///
		/// ## Errors
		/// `NotController`, `NoRecovery`.
		///
		/// ## Events
		/// `RecoveryVetoed`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::veto_recovery())]
		pub fn veto_recovery(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let person = ControllerOf::<T>::get(&who).ok_or(Error::<T>::NotController)?;
			ensure!(Recoveries::<T>::contains_key(person), Error::<T>::NoRecovery);
			Recoveries::<T>::remove(person);
			Self::deposit_event(Event::RecoveryVetoed { person });
			Ok(())
		}

		/// Withdraws a pending recovery, as the registrar; also how a lapsed one is cleared.
		///
		/// ## Errors
		/// `NoRecovery`, `NotRegistrar`; the consortium's `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `RecoveryCancelled`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::cancel_recovery())]
		pub fn cancel_recovery(origin: OriginFor<T>, person: PersonId) -> DispatchResult {
			let (_, agency) = T::Agencies::ensure_capability(origin, Capability::RegisterPersons)?;
			let recovery = Recoveries::<T>::get(person).ok_or(Error::<T>::NoRecovery)?;
			ensure!(recovery.proposed_by == agency, Error::<T>::NotRegistrar);
			Recoveries::<T>::remove(person);
			Self::deposit_event(Event::RecoveryCancelled { person });
			Ok(())
		}

		/// Takes over, as the caller's agency (holding `RegisterPersons`), a person whose
		/// registrar has left the consortium: it becomes the registrar (updates, recovery,
		/// erasure) and its controlling accounts' enrolments move to it.
		///
		/// ## Errors
		/// `UnknownPerson`, `Erased`, `RegistrarStillMember`; the consortium's `NotStaff`,
		/// `MissingCapability`.
		///
		/// ## Events
		/// `RegistrarChanged` (and the consortium's `AccountReenrolled` for each controller
		/// still enrolled by the former registrar).
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::adopt_person())]
		pub fn adopt_person(origin: OriginFor<T>, person: PersonId) -> DispatchResult {
			let (_, agency) = T::Agencies::ensure_capability(origin, Capability::RegisterPersons)?;
			let mut record = Self::live_record(&person)?;
			let from = record.registrar;
			ensure!(!T::Agencies::is_member(from), Error::<T>::RegistrarStillMember);
			for c in record.controllers.iter() {
				// Fails only for an account no longer enrolled, or one that another acting
				// agency took over already: both are fine as they are.
				let _ = T::Enrolment::reenrol(c, agency);
			}
			record.registrar = agency;
			Recoveries::<T>::remove(person);
			Persons::<T>::insert(person, record);
			Self::deposit_event(Event::RegistrarChanged { person, from, to: agency });
			Ok(())
		}
	}

	/// Public facts only: a view function answers every caller, untraced, so none answers a
	/// private question (relations, consents, accesses) about an arbitrary subject. Agencies
	/// ask with `verify`, under consent and traced.
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// The public part of a person record: natural or legal person, status, registrar.
		/// (Minority, controlling accounts and relations are not answered.)
		pub fn person(person: PersonId) -> Option<PublicPerson> {
			Persons::<T>::get(person).map(|r| PublicPerson {
				kind: r.kind,
				status: r.status,
				registrar: r.registrar,
			})
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The record of a registered, not erased person.
	fn live_record(person: &PersonId) -> Result<PersonRecordOf<T>, DispatchError> {
		let record = Persons::<T>::get(person).ok_or(Error::<T>::UnknownPerson)?;
		ensure!(record.status != PersonStatus::Erased, Error::<T>::Erased);
		Ok(record)
	}

	/// The active relation "`from` is the `kind` of `to`"; spouses either way round.
	fn active_relation(from: &PersonId, kind: RelationKind, to: &PersonId) -> Option<Relation> {
		let id = ActiveRelation::<T>::get((from, kind, to)).or_else(|| {
			(kind == RelationKind::SpouseOf)
				.then(|| ActiveRelation::<T>::get((to, kind, from)))
				.flatten()
		})?;
		Relations::<T>::get(id)
	}

	/// Ensures `who` may give (`granting`) or withdraw consent for `subject`: a controller of
	/// an adult subject; for a minor, a controller of an active adult with custody (a
	/// guardian, or a parent while no guardian has custody), and for withdrawing also the
	/// minor itself.
	fn ensure_may_consent(
		who: &T::AccountId,
		subject: &PersonId,
		record: &PersonRecordOf<T>,
		granting: bool,
	) -> DispatchResult {
		if record.controllers.contains(who) && (!record.minor || !granting) {
			return Ok(());
		}
		if record.minor {
			if let Some(adult) = ControllerOf::<T>::get(who) {
				let now = T::Time::now();
				let holds = |kind| {
					Self::active_relation(&adult, kind, subject).is_some_and(|r| r.holds_at(now))
				};
				let able = Persons::<T>::get(adult).is_some_and(|a| {
					a.status == PersonStatus::Active && !a.minor && a.kind == SubjectKind::Citizen
				});
				let custody = holds(RelationKind::GuardianOf)
					|| (holds(RelationKind::ParentOf) && !Self::has_guardian(subject, now));
				if able && custody {
					return Ok(());
				}
			}
		}
		Err(Error::<T>::NotController.into())
	}

	/// Whether a guardianship of `minor` holds at `now` (custody has passed to a guardian).
	fn has_guardian(minor: &PersonId, now: Moment) -> bool {
		RelationsOf::<T>::iter_key_prefix(minor)
			.filter_map(Relations::<T>::get)
			.any(|r| r.kind == RelationKind::GuardianOf && r.to == *minor && r.holds_at(now))
	}

	/// Removes an active relation from the state and from both persons' counters.
	fn remove_relation(id: RelationId, r: &Relation) {
		Relations::<T>::remove(id);
		ActiveRelation::<T>::remove((r.from, r.kind, r.to));
		for p in [r.from, r.to] {
			RelationsOf::<T>::remove(p, id);
			Persons::<T>::mutate(p, |rec| {
				if let Some(rec) = rec {
					rec.relations = rec.relations.saturating_sub(1);
				}
			});
		}
	}

	/// The weight of erasing a person named in `r` relations with `c` consents; each
	/// relation may be a minor's, whose consents (at most `MaxConsentsPerSubject`) are read
	/// for those the erased parent gave.
	fn erase_weight(r: u32, c: u32) -> Weight {
		let scan = u64::from(r).saturating_mul(u64::from(T::MaxConsentsPerSubject::get()));
		T::WeightInfo::erase_person(r, c).saturating_add(T::DbWeight::get().reads(scan))
	}

	/// Removes a consent and counts it out.
	fn remove_consent(subject: &PersonId, agency: AgencyId, scope: Scope) {
		Consents::<T>::remove((subject, agency, scope));
		ConsentCount::<T>::mutate_exists(subject, |n| {
			*n = n.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0);
		});
	}

	/// Ends the consents of `subject` that one of `granters` gave.
	fn end_consents_granted_by(subject: &PersonId, granters: &[T::AccountId]) {
		let ended: Vec<(AgencyId, Scope)> = Consents::<T>::iter_prefix((subject,))
			.filter(|(_, c)| granters.contains(&c.granted_by))
			.map(|(k, _)| k)
			.collect();
		for (agency, scope) in ended {
			Self::remove_consent(subject, agency, scope);
			Self::deposit_event(Event::ConsentRevoked { subject: *subject, agency, scope });
		}
	}

	/// The answer to `question` about `subject`, now.
	fn answer(subject: &PersonId, question: &Question) -> bool {
		let Some(record) = Persons::<T>::get(subject) else { return false };
		match question {
			Question::Relation { relative, kind } => {
				Self::active_relation(relative, *kind, subject)
					.is_some_and(|r| r.holds_at(T::Time::now()))
			},
			Question::Status { registrar } => {
				record.status == PersonStatus::Active
					&& registrar.is_none_or(|a| a == record.registrar)
			},
			Question::Commitment { commitment } => record.commitment == Some(*commitment),
		}
	}

	/// Checks the pallet's invariants.
	///
	/// - every controller of a person maps back to it in `ControllerOf`, and every
	///   `ControllerOf` entry is a controller of a live person; a live person has a controller;
	/// - an erased person has no commitment, controllers, relations, consents or recovery;
	/// - every relation names two registered persons, is indexed in `RelationsOf` of both and
	///   in `ActiveRelation`; each person's `relations` counter equals its `RelationsOf`
	///   entries and stays within `MaxRelationsPerPerson`; every `ActiveRelation` entry
	///   points to its relation;
	/// - no relation id reaches `NextRelationId`;
	/// - every consent is of a registered, not erased person;
	/// - every access log is within `MaxAccessLog` and not longer than the access count.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		for (person, record) in Persons::<T>::iter() {
			let indexed = RelationsOf::<T>::iter_key_prefix(person).count() as u32;
			ensure!(indexed == record.relations, "relation counter mismatch");
			ensure!(record.relations <= T::MaxRelationsPerPerson::get(), "too many relations");
			if record.status == PersonStatus::Erased {
				ensure!(record.commitment.is_none(), "erased person keeps a commitment");
				ensure!(record.controllers.is_empty(), "erased person keeps controllers");
				ensure!(indexed == 0, "erased person keeps relations");
				ensure!(
					Consents::<T>::iter_prefix((person,)).next().is_none(),
					"consent of an erased person"
				);
				ensure!(!Recoveries::<T>::contains_key(person), "recovery of an erased person");
			} else {
				ensure!(!record.controllers.is_empty(), "live person without controller");
			}
			for c in record.controllers.iter() {
				ensure!(ControllerOf::<T>::get(c) == Some(person), "controller not indexed");
			}
		}
		for (who, person) in ControllerOf::<T>::iter() {
			let record = Persons::<T>::get(person).ok_or("controller of an unknown person")?;
			ensure!(record.controllers.contains(&who), "ControllerOf entry without controller");
		}
		for (id, r) in Relations::<T>::iter() {
			ensure!(id < NextRelationId::<T>::get(), "relation id not yet issued");
			ensure!(
				Persons::<T>::contains_key(r.from) && Persons::<T>::contains_key(r.to),
				"relation of an unknown person"
			);
			ensure!(
				RelationsOf::<T>::contains_key(r.from, id)
					&& RelationsOf::<T>::contains_key(r.to, id),
				"relation not indexed"
			);
			ensure!(
				ActiveRelation::<T>::get((r.from, r.kind, r.to)) == Some(id),
				"ActiveRelation out of step"
			);
		}
		for ((from, kind, to), id) in ActiveRelation::<T>::iter() {
			let r = Relations::<T>::get(id).ok_or("ActiveRelation of an unknown relation")?;
			ensure!((r.from, r.kind, r.to) == (from, kind, to), "ActiveRelation key mismatch");
		}
		let mut consents = alloc::collections::BTreeMap::<PersonId, u32>::new();
		for ((person, _, _), _) in Consents::<T>::iter() {
			let record = Persons::<T>::get(person).ok_or("consent of an unknown person")?;
			ensure!(record.status != PersonStatus::Erased, "consent of an erased person");
			let n = consents.entry(person).or_default();
			*n = n.saturating_add(1);
		}
		for (person, n) in ConsentCount::<T>::iter() {
			ensure!(consents.get(&person) == Some(&n), "ConsentCount out of step");
			ensure!(n <= T::MaxConsentsPerSubject::get(), "too many consents");
		}
		ensure!(consents.len() == ConsentCount::<T>::iter().count(), "consents not counted");
		for (person, log) in AccessLog::<T>::iter() {
			ensure!(log.len() as u32 <= T::MaxAccessLog::get(), "access log too long");
			ensure!(log.len() as u64 <= AccessCount::<T>::get(person), "access log beyond count");
		}
		Ok(())
	}
}

impl<T: Config> SubjectRegistry<T::AccountId> for Pallet<T> {
	fn exists(person: &PersonId) -> bool {
		Persons::<T>::get(person).is_some_and(|r| r.status != PersonStatus::Erased)
	}

	fn is_active(person: &PersonId) -> bool {
		Persons::<T>::get(person).is_some_and(|r| r.status == PersonStatus::Active)
	}

	fn is_minor(person: &PersonId) -> bool {
		Persons::<T>::get(person).is_some_and(|r| r.minor)
	}

	fn kind(person: &PersonId) -> Option<SubjectKind> {
		Persons::<T>::get(person).map(|r| r.kind)
	}

	fn registrar(person: &PersonId) -> Option<AgencyId> {
		Persons::<T>::get(person).map(|r| r.registrar)
	}

	fn person_of(who: &T::AccountId) -> Option<PersonId> {
		ControllerOf::<T>::get(who)
	}

	/// Whether `person` is the `kind` of someone ("is a parent", "is a guardian", "is the
	/// legal representative of a company"); spouses either way round.
	fn has_relation(person: &PersonId, kind: RelationKind, now: Moment) -> bool {
		RelationsOf::<T>::iter_key_prefix(person).filter_map(Relations::<T>::get).any(|r| {
			r.kind == kind
				&& (r.from == *person || kind == RelationKind::SpouseOf)
				&& r.holds_at(now)
		})
	}
}

impl<T: Config> ConsentCheck for Pallet<T> {
	fn has_consent(
		subject: &PersonId,
		agency: AgencyId,
		scope: Scope,
		purpose: &Purpose,
		now: Moment,
	) -> bool {
		Consents::<T>::get((subject, agency, scope))
			.is_some_and(|c| c.until > now && c.purpose == *purpose)
	}

	fn record_access(
		subject: &PersonId,
		agency: AgencyId,
		scope: Scope,
		purpose: Purpose,
		answer: bool,
	) {
		let record = AccessRecord {
			agency,
			scope,
			purpose: purpose.clone(),
			at: T::Time::now(),
			block: frame_system::Pallet::<T>::block_number(),
			answer,
		};
		AccessLog::<T>::mutate(subject, |log| {
			// Appends, dropping the oldest entry when full. Only refused when `MaxAccessLog` is
			// zero: then nothing is kept in state, and the event still records the access.
			let _ = log.force_insert_keep_right(log.len(), record);
		});
		AccessCount::<T>::mutate(subject, |n| *n = n.saturating_add(1));
		Self::deposit_event(Event::Verified { subject: *subject, agency, scope, purpose, answer });
	}
}
