//! # Identity pallet ("I am I")
//!
//! Persons, relations between them, the consent persons give to agencies under their aliases,
//! and the trace of every consented read. It answers "prove that your mother is your mother"
//! without paper: the civil-affairs bureau attests the relation once; any other agency
//! verifies it, with the person's consent, and the person sees who asked.
//!
//! ## Terminology
//! - **Person**: a natural or legal person, known to the registry by a [`PersonId`]: 32
//!   random bytes chosen by the registering agency, never derived from personal data.
//! - **Registrar**: the agency (holding `RegisterPersons`) that registered the person and
//!   keeps its off-chain record; the chain holds only a salted hash of that record.
//! - **Controller**: an account that acts for the person in the registry (rotates its key,
//!   vetoes a recovery).
//! - **Alias**: what the person acts under in a domain, which nobody can tie to its id
//!   (`docs/privacy.md`); its identity alias (`Domain::Identity`) is what it shows an agency
//!   that asks who it is or whose relative it is.
//! - **Attestation**: an agency's statement that a relation holds (`AttestRelations`), with a
//!   salted hash of its evidence.
//! - **Consent**: an alias's permission to one agency, over one [`Scope`] of its domain, for
//!   one [`Purpose`], until a time.
//! - **Verification**: an agency's question about an identity alias ([`Question`]); it
//!   succeeds only under a live consent, and its answer is recorded in the alias's access log.
//!
//! ## Assumptions
//! - Personal data never goes on chain: person ids are random, records and evidence are salted
//!   hashes (salts of at least 128 bits, kept off chain), purposes are codes or short texts
//!   that name a reason, not a person.
//!
//! ## Relations as salted commitments
//! A relation is stored as the tags of its two ends, `relation_tag(person, salt) =
//! blake2_256("civitas/relation-end" ‖ person ‖ salt)`, never as person ids. The attesting
//! agency draws a fresh 256-bit salt for each end and hands it to that person with the
//! certificate (a minor's also to its custodians), and to the person's registrar, which keeps it
//! with the off-chain record. Whoever holds a person's id and the salt of its end can tie that
//! end to the person; nobody else can, since the salt is never guessed. The attester also sets
//! a fresh **end key** for each end ([`Pallet::set_end_keys`], [`EndKeys`]) and hands its
//! secret over with the salt (a minor's to its custodians). So:
//! - **To ask** "is she the mother of the child at the other end?" ([`Question::Relation`]) an
//!   agency names the relation and the mother's identity alias, with her end key's signature
//!   over both (`civitas_primitives::relation_end_message`), under her alias's consent. The
//!   question names no person id and no tag; who is at the other end the agency checks off
//!   chain, from that end's tag and the salt it was shown. With `custody` it also asks whether
//!   she has custody of the other end (a minor): custody is the attester's to give and
//!   withdraw ([`Pallet::set_custody`]), and a minor, who has no aliases, is spoken for by the
//!   custodian's own alias and key. Custody rests on the minor's registrar's record: the chain
//!   cannot tie the other end to the minor, so the asking agency, which can, compares the
//!   relation's attester (public in [`Relations`]) with the minor's registrar (public in the
//!   `person` view).
//! - **To meet a licence prerequisite** "is a parent" (`HasRelation`), the holder signs with
//!   the same key the relation and its licences alias, and the licences pallet checks the
//!   signature against the keys this pallet gives ([`civitas_primitives::RelationEnds`]) while
//!   the relation holds. Only the attester can tie an end key to the person. A relation proven
//!   under two aliases ties them to each other through the relation (not to the person): the
//!   person chooses under which aliases it proves one.
//! - **To erase** a person, the registrar shows the salts of its ends; relations not shown
//!   stay, naming tags that nobody can tie to the erased person once its salts are destroyed.
//!
//! ## Who can learn what
//! - **An agency** learns a private fact (a relation, that an alias still stands for a living
//!   person) only with [`Pallet::verify`], under a live consent of the alias for that agency,
//!   scope and purpose; every such read is an extrinsic with a `Verified` event and an entry in
//!   the alias's access log. Without consent `verify` answers `NoConsent`, whether or not the
//!   alias exists, so asking tells a stranger nothing.
//! - **Any RPC client** gets, through view functions, only the public part of a person record
//!   ([`Pallet::person`]: natural or legal person, status, registrar). No view function answers a
//!   question about a relation, a consent or an access of an arbitrary subject.
//! - **A person** reads its consents and access logs under its aliases, from the state of any
//!   node it trusts, with its alias accounts (the console's alias view).
//! - **Node operators** (the consortium's agencies) hold the whole state and every block, and
//!   so see, besides the above: that some relation of a kind exists between two unknown
//!   persons, when and by whom it was attested; which alias granted which agency consent over
//!   which scope, and the aliases' access logs. Nothing of it names a person id or a
//!   controller: consents and access logs are kept under aliases only. A document (the record
//!   commitment) is checked off chain against the public registration, with the salt the
//!   person shows; a trace of it beside the id would tell everyone whom the person dealt
//!   with. Pseudonymity holds as long as the registrars keep the link between a person id and
//!   a person off chain.

//! ## Member keys and domain aliases
//! A person acts in each domain under an alias nobody can tie to its id (`docs/privacy.md`,
//! `pallet-civitas-aliases`). Its wallet makes a **member key**, which the registrar records
//! ([`Pallet::set_member_key`], with the person at the counter): the key joins a ring of
//! living persons of its kind ([`Config::Rings`]) while the person is active and of age. It
//! leaves its ring when the person dies, emigrates or is dissolved ([`Pallet::update_person`];
//! it joins again if the person is made active again) and when the person is erased, and then
//! the person's aliases end after the rings' grace. A minor's key joins when the registrar
//! records that the minor came of age: a minor has no domain aliases (its custodians act for
//! it), so that a natural person's live alias is of age, which a licence's `OfAge`
//! prerequisite asks. The member key is public and tied to the person id ([`MemberKeys`]): a
//! ring-VRF proof does not tell which member of the ring made it.
//!
//! ## Consent under an alias
//! Every consent is given under an alias, never a person id: the alias account gives it
//! ([`Pallet::grant_alias_consent`], over a scope of the alias's domain, [`Scope::domain`];
//! identity's own scopes, `Identity` and `Relations`, under the identity alias) and withdraws
//! it ([`Pallet::revoke_alias_consent`]). A domain's consent stands while the alias is live;
//! an identity consent until it ends or is withdrawn, so that the `Status` question can tell
//! the agency that the alias no longer stands for a living person. The traced reads go to the
//! alias's access log, which the person reads with its alias. Nothing in a consent or its log
//! names the person id.
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
//!   [`Pallet::set_member_key`], [`Pallet::propose_recovery`], [`Pallet::cancel_recovery`], [`Pallet::erase_person`]; a
//!   second agency with `RegisterPersons`: [`Pallet::approve_recovery`]; any agency with
//!   `RegisterPersons`, for a person whose registrar left: [`Pallet::adopt_person`].
//! - Controller: [`Pallet::rotate_key`], [`Pallet::veto_recovery`].
//! - An alias's account: [`Pallet::grant_alias_consent`],
//!   [`Pallet::revoke_alias_consent`].
//! - `AttestRelations`: [`Pallet::attest_relation`]; the attester: [`Pallet::revoke_relation`],
//!   [`Pallet::set_custody`], [`Pallet::set_end_keys`].
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

use alloc::vec::Vec;
use civitas_primitives::{
	relation_end_message, relation_tag, AgencyAuthority, AgencyId, Alias, Aliases, Capability,
	ConsentCheck, Domain, Enrolment, MemberKey, Moment, PersonId, PersonRings, Purpose,
	RelationEnds, Scope, SubjectKind, SubjectRegistry,
};
use frame_support::{
	pallet_prelude::*,
	traits::{Get, Time},
};
use frame_system::pallet_prelude::*;
use sp_core::{sr25519, H256};
use sp_runtime::DispatchError;

/// The person record type of a runtime.
pub type PersonRecordOf<T> =
	PersonRecord<<T as frame_system::Config>::AccountId, <T as Config>::MaxControllers>;
/// The access record type of a runtime.
pub type AccessRecordOf<T> = AccessRecord<BlockNumberFor<T>>;

#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// The storage version: 2, consents and access logs under aliases only
	/// ([`migrations::v2`]; [`migrations::v1`] made the access log a ring of single entries).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
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

		/// Most relations one erasure removes: the salts `erase_person` takes. (Relations are not
		/// counted per person: the chain cannot tell whose they are.)
		#[pallet::constant]
		type MaxErasedRelations: Get<u32>;

		/// Number of most recent accesses kept in a person's access log (`Accesses`, a ring of this
		/// many slots); every access is also in an event.
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

		/// Least time (ms) between two rotations of one person's key ([`Pallet::rotate_key`]):
		/// every rotation leaves the old account in the state for good.
		#[pallet::constant]
		type KeyRotationInterval: Get<Moment>;

		/// How long (ms) a proposed key recovery stays pending before it lapses.
		#[pallet::constant]
		type RecoveryPeriod: Get<Moment>;

		/// What the domain pallets do when a person is erased.
		type OnErase: civitas_primitives::OnErase;

		/// The rings of living persons' member keys (`pallet-civitas-aliases`).
		type Rings: PersonRings;

		/// The domain aliases accounts act under, which give consent under an alias.
		type Aliases: Aliases<Self::AccountId>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Makes agency staff with given capabilities, and alias accounts, for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: civitas_primitives::BenchmarkAgencies<Self::AccountId>
			+ civitas_primitives::BenchmarkAliases<Self::AccountId>;
	}

	/// Registered persons, erased ones included (as tombstones).
	#[pallet::storage]
	pub type Persons<T: Config> = StorageMap<_, Blake2_128Concat, PersonId, PersonRecordOf<T>>;

	/// The person each controlling account acts for.
	#[pallet::storage]
	pub type ControllerOf<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, PersonId>;

	/// Each person's member key, which its registrar recorded: in a ring of [`Config::Rings`]
	/// while the person is active. Public, like the person id it names.
	#[pallet::storage]
	pub type MemberKeys<T: Config> = StorageMap<_, Blake2_128Concat, PersonId, MemberKey>;

	/// Every active attested relation, by the tags of its ends (revoked ones are in the events
	/// only). No key or value names a person.
	#[pallet::storage]
	pub type Relations<T: Config> = StorageMap<_, Twox64Concat, RelationId, Relation>;

	/// The relation each end tag belongs to (every active relation's two tags).
	#[pallet::storage]
	pub type RelationOfTag<T: Config> = StorageMap<_, Blake2_128Concat, H256, RelationId>;

	/// The keys of a relation's ends (first, second), which its attester set: each person
	/// proves with its end's key that its licences alias is that end (`RelationEnds`). Fresh
	/// keys, tied to nobody on chain.
	#[pallet::storage]
	pub type EndKeys<T: Config> =
		StorageMap<_, Twox64Concat, RelationId, (sr25519::Public, sr25519::Public)>;

	/// When each person last rotated its key (one entry per person that ever did; gone with
	/// erasure).
	#[pallet::storage]
	pub type LastRotation<T: Config> = StorageMap<_, Blake2_128Concat, PersonId, Moment>;

	/// The id the next relation gets.
	#[pallet::storage]
	pub type NextRelationId<T: Config> = StorageValue<_, RelationId, ValueQuery>;

	/// Consents, by subject (a domain alias, never a person id), agency and scope.
	#[pallet::storage]
	pub type Consents<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, Alias>,
			NMapKey<Twox64Concat, AgencyId>,
			NMapKey<Twox64Concat, Scope>,
		),
		Consent,
	>;

	/// Number of consents each subject has in `Consents`.
	#[pallet::storage]
	pub type ConsentCount<T: Config> = StorageMap<_, Blake2_128Concat, Alias, u32, ValueQuery>;

	/// Each subject's (alias's) access log: its most recent `MaxAccessLog` accesses, in a ring
	/// where the subject's `n`-th access (from 0; `AccessCount` says how many there were) is
	/// in slot `n % MaxAccessLog`. An access writes its one entry and reads none;
	/// [`Pallet::access_log`] gives them oldest first.
	#[pallet::storage]
	pub type Accesses<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, Alias, Twox64Concat, u32, AccessRecordOf<T>>;

	/// How many accesses each subject has had in all.
	#[pallet::storage]
	pub type AccessCount<T: Config> = StorageMap<_, Blake2_128Concat, Alias, u64, ValueQuery>;

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
		/// A relation was attested (it names no person: see `Relations`).
		RelationAttested { id: RelationId, kind: RelationKind, custody: bool, attester: AgencyId },
		/// A relation was revoked; it left the state.
		RelationRevoked { id: RelationId, by: AgencyId, reason: u32 },
		/// The attester gave or withdrew custody on a parent's or guardian's relation.
		CustodyChanged { id: RelationId, custody: bool },
		/// A relation's end keys were set (or replaced).
		EndKeysSet { id: RelationId },
		/// A relation left the state with the erasure of a person it names.
		RelationErased { id: RelationId },
		/// A subject gave an agency consent over a scope.
		ConsentGranted {
			subject: Alias,
			agency: AgencyId,
			scope: Scope,
			purpose: Purpose,
			until: Moment,
		},
		/// A consent was withdrawn.
		ConsentRevoked { subject: Alias, agency: AgencyId, scope: Scope },
		/// An agency asked a question about a subject, under consent; the access is logged.
		Verified { subject: Alias, agency: AgencyId, scope: Scope, purpose: Purpose, answer: bool },
		/// A person's on-chain links were erased, by its registrar (`by`) or by consortium vote
		/// (`by` is none); the id remains as a tombstone.
		PersonErased { person: PersonId, by: Option<AgencyId>, relations: u32 },
		/// The registrar recorded a person's member key (`None`: removed it).
		MemberKeySet { person: PersonId, member: Option<MemberKey> },
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
		/// The person has this member key already (or none, and none is given).
		MemberKeyUnchanged,
		/// Use `erase_person` to erase.
		CannotSetErased,
		/// A recovery needs a second agency: the registrar cannot approve its own.
		SameAgency,
		/// No recovery is pending for this person.
		NoRecovery,
		/// No relation has this id, or no active relation has an end with this person and salt.
		UnknownRelation,
		/// An end tag belongs to an active relation already: each end has its own fresh salt.
		DuplicateRelation,
		/// A relation needs two different end tags.
		SelfRelation,
		/// The relation ends before it starts.
		BadPeriod,
		/// Only a parent's or guardian's relation carries custody.
		CustodyNotApplicable,
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
		/// The signer acts under no live alias in the domain.
		NoAlias,
		/// The scope is not the domain's: an alias consents only over its own domain's scope.
		ScopeOutsideDomain,
		/// A relation's two ends need two different keys.
		SameEndKeys,
		/// The person rotated its key less than `KeyRotationInterval` ago.
		RotationTooSoon,
	}

	/// Persons and consents in place from genesis (the throughput benchmark chain's): the
	/// same records the calls would write, and the same checks.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Persons registered by a founding agency, each with its controlling account, which the
		/// consortium's genesis enrolled (its `enrolled` list: genesis is not bound by an
		/// agency's enrolments per window): (person, kind, controller, record commitment,
		/// registrar).
		pub persons: Vec<(PersonId, SubjectKind, T::AccountId, H256, AgencyId)>,
		/// Consents given under an alias: (alias, agency, scope, purpose code of the catalogue,
		/// until in ms since the Unix epoch).
		pub consents: Vec<(Alias, AgencyId, Scope, u32, Moment)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// Genesis must be valid: a bad configuration stops the chain from being created.
			#[allow(clippy::expect_used)]
			for (person, kind, controller, commitment, registrar) in &self.persons {
				Pallet::<T>::ensure_new_person(person, controller).expect("invalid genesis person");
				assert!(
					T::Enrolment::is_enrolled(controller),
					"a genesis person's controller is not enrolled"
				);
				Pallet::<T>::insert_person(
					*person,
					*kind,
					controller.clone(),
					*commitment,
					false,
					*registrar,
				);
			}
			#[allow(clippy::expect_used)]
			for (subject, agency, scope, purpose, until) in &self.consents {
				assert!(T::Agencies::is_member(*agency), "genesis consent to no agency");
				assert!(!Persons::<T>::contains_key(subject), "genesis consent under a person id");
				Pallet::<T>::put_consent(
					subject,
					*agency,
					*scope,
					Consent { purpose: Purpose::Code(*purpose), until: *until },
				)
				.expect("too many genesis consents of a subject");
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxControllers::get() >= 1, "a person needs room for one controller");
		}

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
			Self::ensure_new_person(&person, &controller)?;
			T::Enrolment::enrol(&controller, registrar, kind)?;
			Self::insert_person(person, kind, controller.clone(), commitment, minor, registrar);
			Self::deposit_event(Event::PersonRegistered { person, kind, registrar, controller });
			Ok(())
		}

		/// Updates a person's record commitment, status (deceased, dissolved, emigrated, or
		/// active again) or minority. Only the registrar may. A person who stops being active
		/// or is marked a minor leaves its ring, and joins it again when made active again or of
		/// age (see "Member keys"). An adult with consents outstanding is not marked a minor
		/// (its custodians would then speak for it beside them): it revokes them first.
		///
		/// ## Errors
		/// `UnknownPerson`, `Erased`, `NotRegistrar`, `CannotSetErased`; the
		/// consortium's
		/// `NotStaff`, `MissingCapability`; the rings' `MemberKnown` (when made active again,
		/// its key is another person's now).
		///
		/// ## Events
		/// `PersonUpdated`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_person().saturating_add(
			T::Rings::join_weight().max(T::Rings::leave_weight())
		))]
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
			let was_in_ring = Self::in_ring(&record);
			if let Some(s) = status {
				record.status = s;
			}
			if let Some(m) = minor {
				record.minor = m && record.kind == SubjectKind::Citizen;
			}
			// The member key follows the person into and out of its ring: in while active and
			// of age.
			if let Some(member) = MemberKeys::<T>::get(person) {
				match (was_in_ring, Self::in_ring(&record)) {
					(true, false) => T::Rings::leave(&member)?,
					(false, true) => T::Rings::join(&member, record.kind)?,
					_ => {},
				}
			}
			let (status, minor) = (record.status, record.minor);
			Persons::<T>::insert(person, record);
			Self::deposit_event(Event::PersonUpdated { person, status, minor, commitment_changed });
			Ok(())
		}

		/// Replaces the caller's own controlling key by `new`, which is enrolled in its place:
		/// the enrolment moves, and counts against no agency's enrolments. A person rotates at
		/// most once a `KeyRotationInterval`.
		///
		/// ## Errors
		/// `NotController`, `Erased`, `AlreadyController`, `RotationTooSoon`; the consortium's
		/// `NotEnrolled` (the caller's key was withdrawn), `AlreadyAdmitted` (`new` is staff or
		/// enrolled), `AccountInUse`.
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
			let now = T::Time::now();
			ensure!(
				LastRotation::<T>::get(person)
					.is_none_or(|at| now >= at.saturating_add(T::KeyRotationInterval::get())),
				Error::<T>::RotationTooSoon
			);
			T::Enrolment::rekey(&old, &new)?;
			LastRotation::<T>::insert(person, now);
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

		/// Attests that the person of end `from` is the `kind` of the person of end `to` (e.g.
		/// parent of), from `valid_from` until `valid_until` if it ends, with a salted hash of the
		/// evidence. `from` and `to` are end tags (`civitas_primitives::relation_tag`): the
		/// attester draws a fresh salt for each end and hands it over with the certificate, so
		/// that neither this call nor the state names a person. `custody` (a parent or guardian
		/// only) says that the first person has custody of the second, a minor, which the
		/// `Relation` question answers.
		///
		/// The chain cannot see whom the tags stand for, so the attester answers for what it
		/// checked off chain: that both persons are registered, active, and of the right kinds.
		///
		/// ## Errors
		/// `SelfRelation`, `BadPeriod`, `CustodyNotApplicable`, `DuplicateRelation` (a tag is in
		/// use); the consortium's `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `RelationAttested`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::attest_relation())]
		#[allow(clippy::too_many_arguments)] // Each is one field of the attestation.
		pub fn attest_relation(
			origin: OriginFor<T>,
			kind: RelationKind,
			from: H256,
			to: H256,
			custody: bool,
			evidence: H256,
			valid_from: Moment,
			valid_until: Option<Moment>,
		) -> DispatchResult {
			let (_, attester) =
				T::Agencies::ensure_capability(origin, Capability::AttestRelations)?;
			ensure!(from != to, Error::<T>::SelfRelation);
			ensure!(valid_until.is_none_or(|u| u > valid_from), Error::<T>::BadPeriod);
			ensure!(!custody || Self::carries_custody(kind), Error::<T>::CustodyNotApplicable);
			ensure!(
				!RelationOfTag::<T>::contains_key(from) && !RelationOfTag::<T>::contains_key(to),
				Error::<T>::DuplicateRelation
			);
			let id = NextRelationId::<T>::get();
			NextRelationId::<T>::put(id.saturating_add(1));
			Relations::<T>::insert(
				id,
				Relation { kind, from, to, custody, attester, evidence, valid_from, valid_until },
			);
			RelationOfTag::<T>::insert(from, id);
			RelationOfTag::<T>::insert(to, id);
			Self::deposit_event(Event::RelationAttested { id, kind, custody, attester });
			Ok(())
		}

		/// Revokes an active relation (divorce, end of guardianship…), with a reason code. Only
		/// the attesting agency may, or any agency holding `AttestRelations` once the attester
		/// has left the consortium. The relation leaves the state (with its end keys: it is
		/// proven nowhere any more); its history is in the events.
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
			Self::ensure_attester(&relation, by)?;
			Self::remove_relation(id, &relation);
			Self::deposit_event(Event::RelationRevoked { id, by, reason });
			Ok(())
		}

		/// Asks a question about a subject, as the caller's agency, for `purpose`. The subject is
		/// the person's identity alias (`Domain::Identity`), which the person showed the agency;
		/// its alias account consented ([`Pallet::grant_alias_consent`]). Succeeds only under a
		/// live consent of the subject to that agency over the question's scope and for that
		/// purpose; the answer is in the `Verified` event and in the subject's access log.
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
			subject: Alias,
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

		/// Erases a person's on-chain links on a lawful request: the record commitment, the
		/// relations whose ends `relations` proves (the salts of the person's ends, which the
		/// registrar keeps with the off-chain record) and its pending recovery; the member key
		/// leaves its ring and is forgotten (the person's aliases end, and the consents and
		/// access logs kept under them tie to nobody); the controlling accounts are unlinked and
		/// un-enrolled, and every domain pallet erases what it links to the person (the
		/// runtime's `OnErase`). The id stays as a tombstone. Only the registrar (holding
		/// `RegisterPersons`) may, or the consortium by vote.
		///
		/// A relation not proven here stays, naming two tags that nobody can tie to the person
		/// once the registrar destroys its salts with the off-chain record.
		///
		/// ## Errors
		/// `UnknownPerson`, `Erased`, `NotRegistrar`, `UnknownRelation` (a salt proves no
		/// relation of the person); the consortium's `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `RelationErased` for each relation, `PersonErased`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::erase_person(relations.len() as u32)
		.saturating_add(<T::OnErase as civitas_primitives::OnErase>::max_weight())
		.saturating_add(T::Rings::leave_weight()))]
		pub fn erase_person(
			origin: OriginFor<T>,
			person: PersonId,
			relations: BoundedVec<H256, T::MaxErasedRelations>,
		) -> DispatchResultWithPostInfo {
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
			// Every proof is checked before anything changes.
			let mut erased: Vec<(RelationId, Relation)> = Vec::new();
			for salt in relations.iter() {
				let tag = relation_tag(&person, salt);
				let id = RelationOfTag::<T>::get(tag).ok_or(Error::<T>::UnknownRelation)?;
				let relation = Relations::<T>::get(id).ok_or(Error::<T>::UnknownRelation)?;
				if !erased.iter().any(|(e, _)| *e == id) {
					erased.push((id, relation));
				}
			}
			for c in record.controllers.iter() {
				if T::Enrolment::is_enrolled(c) {
					T::Enrolment::unenrol(c)?;
				}
				ControllerOf::<T>::remove(c);
			}
			let removed = erased.len() as u32;
			for (id, relation) in erased {
				Self::remove_relation(id, &relation);
				Self::deposit_event(Event::RelationErased { id });
			}
			Recoveries::<T>::remove(person);
			LastRotation::<T>::remove(person);
			let member = MemberKeys::<T>::take(person);
			if let Some(member) = member.filter(|_| Self::in_ring(&record)) {
				T::Rings::leave(&member)?;
			}
			record.status = PersonStatus::Erased;
			record.commitment = None;
			record.controllers = BoundedVec::new();
			record.minor = false;
			Persons::<T>::insert(person, record);
			let hook = <T::OnErase as civitas_primitives::OnErase>::on_erase(&person);
			Self::deposit_event(Event::PersonErased { person, by, relations: removed });
			let weight = T::WeightInfo::erase_person(removed)
				.saturating_add(hook)
				.saturating_add(T::Rings::leave_weight());
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

		/// Gives or withdraws custody on a parent's or guardian's relation, as its attester
		/// (or any agency holding `AttestRelations` once the attester left): when a court gives
		/// custody to a guardian, or a custodian dies or emigrates. A `Relation` question that
		/// asks for custody answers no once it is withdrawn.
		///
		/// ## Errors
		/// `UnknownRelation`, `NotAttester`, `CustodyNotApplicable`; the consortium's
		/// `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `CustodyChanged`.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::set_custody())]
		pub fn set_custody(origin: OriginFor<T>, id: RelationId, custody: bool) -> DispatchResult {
			let (_, by) = T::Agencies::ensure_capability(origin, Capability::AttestRelations)?;
			let mut relation = Relations::<T>::get(id).ok_or(Error::<T>::UnknownRelation)?;
			Self::ensure_attester(&relation, by)?;
			ensure!(Self::carries_custody(relation.kind), Error::<T>::CustodyNotApplicable);
			relation.custody = custody;
			Relations::<T>::insert(id, relation);
			Self::deposit_event(Event::CustodyChanged { id, custody });
			Ok(())
		}

		/// Sets the keys of a relation's ends (`from` for the first person's end, `to` for the
		/// second's), replacing any set before (a lost key). The attester makes a fresh key for
		/// each end and hands its secret to that person with the certificate and the salt; a
		/// person proves with it that its licences alias is its end, for a licence prerequisite
		/// `HasRelation` (`civitas_primitives::relation_end_message`), without naming its id.
		/// Only the attesting agency may, or any agency holding `AttestRelations` once the
		/// attester has left the consortium.
		///
		/// ## Errors
		/// `UnknownRelation`, `NotAttester`, `SameEndKeys` (one key for both ends); the
		/// consortium's `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `EndKeysSet`.
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::set_end_keys())]
		pub fn set_end_keys(
			origin: OriginFor<T>,
			id: RelationId,
			from: sr25519::Public,
			to: sr25519::Public,
		) -> DispatchResult {
			let (_, by) = T::Agencies::ensure_capability(origin, Capability::AttestRelations)?;
			let relation = Relations::<T>::get(id).ok_or(Error::<T>::UnknownRelation)?;
			Self::ensure_attester(&relation, by)?;
			ensure!(from != to, Error::<T>::SameEndKeys);
			EndKeys::<T>::insert(id, (from, to));
			Self::deposit_event(Event::EndKeysSet { id });
			Ok(())
		}

		/// Records `member`, the member key the person's wallet made, replacing its previous
		/// one (a lost wallet), or removes it (`None`). While the person is active the key is
		/// in a ring of persons of its kind, and the person binds its domain aliases with it
		/// (see "Member keys and domain aliases"). Only the registrar may, with the person at
		/// the counter.
		///
		/// ## Errors
		/// `UnknownPerson`, `Erased`, `NotRegistrar`, `MemberKeyUnchanged`; the rings'
		/// `InvalidMember` (not a key of the scheme) and `MemberKnown` (another person's key);
		/// the consortium's `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `MemberKeySet` (and the rings' `MemberLeft`, `MemberJoined`).
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::set_member_key()
			.saturating_add(T::Rings::leave_weight())
			.saturating_add(T::Rings::join_weight()))]
		pub fn set_member_key(
			origin: OriginFor<T>,
			person: PersonId,
			member: Option<MemberKey>,
		) -> DispatchResult {
			let (_, agency) = T::Agencies::ensure_capability(origin, Capability::RegisterPersons)?;
			let record = Self::live_record(&person)?;
			ensure!(record.registrar == agency, Error::<T>::NotRegistrar);
			let previous = MemberKeys::<T>::get(person);
			ensure!(previous != member, Error::<T>::MemberKeyUnchanged);
			if Self::in_ring(&record) {
				if let Some(old) = previous {
					T::Rings::leave(&old)?;
				}
				if let Some(new) = member {
					T::Rings::join(&new, record.kind)?;
				}
			}
			match member {
				Some(new) => MemberKeys::<T>::insert(person, new),
				None => MemberKeys::<T>::remove(person),
			}
			Self::deposit_event(Event::MemberKeySet { person, member });
			Ok(())
		}

		/// Gives `agency` consent to read `scope` of the signer's alias in `domain`, for
		/// `purpose`, until `until` (ms since the Unix epoch). The signer is the alias's
		/// account; the scope is one of that domain's ([`Scope::domain`]). The consent names
		/// the alias as its subject and stands while the alias is live. A new consent replaces
		/// an older one for the same agency and scope.
		///
		/// ## Errors
		/// `NoAlias`, `ScopeOutsideDomain`, `UnknownAgency`, `BadConsentPeriod`,
		/// `TooManyConsents`.
		///
		/// ## Events
		/// `ConsentGranted`.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::grant_alias_consent())]
		pub fn grant_alias_consent(
			origin: OriginFor<T>,
			domain: Domain,
			agency: AgencyId,
			scope: Scope,
			purpose: Purpose,
			until: Moment,
		) -> DispatchResult {
			let subject = Self::ensure_alias(origin, domain, scope)?;
			Self::grant(subject, agency, scope, purpose, until)
		}

		/// Withdraws a consent the signer's alias in `domain` gave, at any time.
		///
		/// ## Errors
		/// `NoAlias`, `ScopeOutsideDomain`, `UnknownConsent`.
		///
		/// ## Events
		/// `ConsentRevoked`.
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::revoke_alias_consent())]
		pub fn revoke_alias_consent(
			origin: OriginFor<T>,
			domain: Domain,
			agency: AgencyId,
			scope: Scope,
		) -> DispatchResult {
			let subject = Self::ensure_alias(origin, domain, scope)?;
			Self::revoke(subject, agency, scope)
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
	/// The accesses to `subject`'s data that the access log keeps, oldest first: the last
	/// `MaxAccessLog` of its `AccessCount`.
	pub fn access_log(subject: &Alias) -> Vec<AccessRecordOf<T>> {
		let count = AccessCount::<T>::get(subject);
		let kept = count.min(u64::from(T::MaxAccessLog::get()));
		(count.saturating_sub(kept)..count)
			.filter_map(|n| Accesses::<T>::get(subject, Self::access_slot(n)?))
			.collect()
	}

	/// The access log slot of a person's `n`-th access (from 0); none when nothing is kept.
	pub(crate) fn access_slot(n: u64) -> Option<u32> {
		let slots = u64::from(T::MaxAccessLog::get());
		n.checked_rem(slots).and_then(|slot| u32::try_from(slot).ok())
	}

	/// Refuses a person id already used (erased ones included) and an account that already
	/// controls a person.
	fn ensure_new_person(person: &PersonId, controller: &T::AccountId) -> DispatchResult {
		ensure!(!Persons::<T>::contains_key(person), Error::<T>::AlreadyRegistered);
		ensure!(!ControllerOf::<T>::contains_key(controller), Error::<T>::AlreadyController);
		Ok(())
	}

	/// Stores a new, active person with its one controller (enrolled by then).
	fn insert_person(
		person: PersonId,
		kind: SubjectKind,
		controller: T::AccountId,
		commitment: H256,
		minor: bool,
		registrar: AgencyId,
	) {
		let mut controllers = BoundedVec::new();
		// Cannot fail: `MaxControllers` is at least one (checked by the integrity test).
		let _ = controllers.try_push(controller.clone());
		Persons::<T>::insert(
			person,
			PersonRecord {
				kind,
				status: PersonStatus::Active,
				minor: minor && kind == SubjectKind::Citizen,
				registrar,
				commitment: Some(commitment),
				controllers,
			},
		);
		ControllerOf::<T>::insert(&controller, person);
	}

	/// Stores a consent of `subject`, replacing its consent to the same agency and scope;
	/// refuses a new one beyond `MaxConsentsPerSubject`.
	fn put_consent(
		subject: &Alias,
		agency: AgencyId,
		scope: Scope,
		consent: Consent,
	) -> DispatchResult {
		if !Consents::<T>::contains_key((subject, agency, scope)) {
			let count = ConsentCount::<T>::get(subject);
			ensure!(count < T::MaxConsentsPerSubject::get(), Error::<T>::TooManyConsents);
			ConsentCount::<T>::insert(subject, count.saturating_add(1));
		}
		Consents::<T>::insert((subject, agency, scope), consent);
		Ok(())
	}

	/// Gives the consent of `subject` (an alias), once the caller checked that it is the
	/// alias's: the agency is a member, the period within `MaxConsentDuration`.
	fn grant(
		subject: Alias,
		agency: AgencyId,
		scope: Scope,
		purpose: Purpose,
		until: Moment,
	) -> DispatchResult {
		ensure!(T::Agencies::is_member(agency), Error::<T>::UnknownAgency);
		let now = T::Time::now();
		ensure!(
			until > now && until <= now.saturating_add(T::MaxConsentDuration::get()),
			Error::<T>::BadConsentPeriod
		);
		Self::put_consent(&subject, agency, scope, Consent { purpose: purpose.clone(), until })?;
		Self::deposit_event(Event::ConsentGranted { subject, agency, scope, purpose, until });
		Ok(())
	}

	/// Withdraws the consent of `subject` to `agency` over `scope`, once the caller checked
	/// who withdraws it.
	fn revoke(subject: Alias, agency: AgencyId, scope: Scope) -> DispatchResult {
		ensure!(Consents::<T>::contains_key((subject, agency, scope)), Error::<T>::UnknownConsent);
		Self::remove_consent(&subject, agency, scope);
		Self::deposit_event(Event::ConsentRevoked { subject, agency, scope });
		Ok(())
	}

	/// The signer's live alias in `domain`, which may consent over `scope`.
	fn ensure_alias(
		origin: OriginFor<T>,
		domain: Domain,
		scope: Scope,
	) -> Result<Alias, DispatchError> {
		let who = ensure_signed(origin)?;
		ensure!(scope.domain() == Some(domain), Error::<T>::ScopeOutsideDomain);
		Ok(T::Aliases::alias_of(&who, domain).ok_or(Error::<T>::NoAlias)?)
	}

	/// The record of a registered, not erased person.
	fn live_record(person: &PersonId) -> Result<PersonRecordOf<T>, DispatchError> {
		let record = Persons::<T>::get(person).ok_or(Error::<T>::UnknownPerson)?;
		ensure!(record.status != PersonStatus::Erased, Error::<T>::Erased);
		Ok(record)
	}

	/// Ensures agency `by` may change `relation`: its attester, or any attesting agency once
	/// the attester has left the consortium.
	fn ensure_attester(relation: &Relation, by: AgencyId) -> DispatchResult {
		ensure!(
			relation.attester == by || !T::Agencies::is_member(relation.attester),
			Error::<T>::NotAttester
		);
		Ok(())
	}

	/// Whether a relation of `kind` may carry custody.
	fn carries_custody(kind: RelationKind) -> bool {
		matches!(kind, RelationKind::ParentOf | RelationKind::GuardianOf)
	}

	/// Whether a consent of `subject` over `scope` stands: while the alias is live in the
	/// scope's domain; an identity consent until it ends or is withdrawn, so that the `Status`
	/// question can answer that the alias no longer stands for a live person.
	fn consent_stands(subject: &Alias, scope: Scope) -> bool {
		match scope.domain() {
			Some(Domain::Identity) => true,
			Some(domain) => T::Aliases::kind_of(subject, domain).is_some(),
			None => false,
		}
	}

	/// Whether the person's member key belongs in a ring: while it is active and of age (a
	/// minor acts through its custodians, and has no domain aliases until it comes of age).
	fn in_ring(record: &PersonRecordOf<T>) -> bool {
		record.status == PersonStatus::Active && !record.minor
	}

	/// Removes an active relation and its end tags from the state.
	fn remove_relation(id: RelationId, r: &Relation) {
		Relations::<T>::remove(id);
		EndKeys::<T>::remove(id);
		RelationOfTag::<T>::remove(r.from);
		RelationOfTag::<T>::remove(r.to);
	}

	/// Removes a consent and counts it out.
	fn remove_consent(subject: &Alias, agency: AgencyId, scope: Scope) {
		Consents::<T>::remove((subject, agency, scope));
		ConsentCount::<T>::mutate_exists(subject, |n| {
			*n = n.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0);
		});
	}

	/// The answer to `question` about `subject` (an identity alias), now.
	fn answer(subject: &Alias, question: &Question) -> bool {
		match question {
			Question::Relation { relation, kind, custody, proof } => {
				let now = T::Time::now();
				let message = relation_end_message(*relation, subject);
				let custody_holds =
					!custody || Relations::<T>::get(relation).is_some_and(|r| r.custody);
				custody_holds
					&& <Self as RelationEnds>::end_keys(*relation, *kind, now)
						.iter()
						.any(|key| sp_io::crypto::sr25519_verify(proof, &message, key))
			},
			Question::Status => T::Aliases::kind_of(subject, Domain::Identity).is_some(),
		}
	}

	/// Checks the pallet's invariants.
	///
	/// - every controller of a person maps back to it in `ControllerOf`, and every
	///   `ControllerOf` entry is a controller of a live person; a live person has a controller;
	/// - an erased person has no commitment, controllers, consents or recovery;
	/// - every relation has two different end tags, each indexed to it in `RelationOfTag`,
	///   carries custody only as a parent's or guardian's, and has an id below
	///   `NextRelationId`; every `RelationOfTag` entry is an end of its relation;
	/// - every consent and access log is under an alias (never a person id), a consent over a
	///   domain's scope;
	/// - every access log entry is in a slot below `MaxAccessLog` and the access count;
	/// - every member key is of a registered, not erased person, and no key is two persons';
	/// - every last rotation is of a registered, not erased person.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut keys = alloc::collections::BTreeSet::new();
		for (person, member) in MemberKeys::<T>::iter() {
			ensure!(
				Persons::<T>::get(person).is_some_and(|r| r.status != PersonStatus::Erased),
				"a member key of an unknown or erased person"
			);
			ensure!(keys.insert(member), "one member key for two persons");
		}
		for person in LastRotation::<T>::iter_keys() {
			ensure!(
				Persons::<T>::get(person).is_some_and(|r| r.status != PersonStatus::Erased),
				"a rotation of an unknown or erased person"
			);
		}
		for (person, record) in Persons::<T>::iter() {
			if record.status == PersonStatus::Erased {
				ensure!(record.commitment.is_none(), "erased person keeps a commitment");
				ensure!(record.controllers.is_empty(), "erased person keeps controllers");
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
			ensure!(r.from != r.to, "relation with one tag for both ends");
			ensure!(!r.custody || Self::carries_custody(r.kind), "custody on a wrong kind");
			ensure!(
				RelationOfTag::<T>::get(r.from) == Some(id)
					&& RelationOfTag::<T>::get(r.to) == Some(id),
				"relation not indexed by its tags"
			);
		}
		for (tag, id) in RelationOfTag::<T>::iter() {
			let r = Relations::<T>::get(id).ok_or("tag of an unknown relation")?;
			ensure!(r.from == tag || r.to == tag, "tag not an end of its relation");
		}
		let mut consents = alloc::collections::BTreeMap::<Alias, u32>::new();
		for ((subject, _, scope), _) in Consents::<T>::iter() {
			// An alias is no person id; its consent is over a domain's scope.
			ensure!(!Persons::<T>::contains_key(subject), "consent under a person id");
			ensure!(scope.domain().is_some(), "consent outside any domain");
			let n = consents.entry(subject).or_default();
			*n = n.saturating_add(1);
		}
		for (person, n) in ConsentCount::<T>::iter() {
			ensure!(consents.get(&person) == Some(&n), "ConsentCount out of step");
			ensure!(n <= T::MaxConsentsPerSubject::get(), "too many consents");
		}
		ensure!(consents.len() == ConsentCount::<T>::iter().count(), "consents not counted");
		for (subject, slot, _) in Accesses::<T>::iter() {
			ensure!(!Persons::<T>::contains_key(subject), "access log under a person id");
			ensure!(slot < T::MaxAccessLog::get(), "access log slot beyond its bound");
			ensure!(u64::from(slot) < AccessCount::<T>::get(subject), "access log beyond count");
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

	/// The relation in which `person` is the `kind` of someone ("is a parent", "is a
	/// guardian", "is the legal representative of a company"; spouses either way round),
	/// proven by the salt of `person`'s end, if it holds at `now`.
	fn proven_relation(
		person: &PersonId,
		kind: RelationKind,
		salt: &H256,
		now: Moment,
	) -> Option<RelationId> {
		let tag = relation_tag(person, salt);
		let id = RelationOfTag::<T>::get(tag)?;
		let r = Relations::<T>::get(id)?;
		let fits =
			r.kind == kind && (r.from == tag || kind == RelationKind::SpouseOf) && r.holds_at(now);
		fits.then_some(id)
	}
}

impl<T: Config> RelationEnds for Pallet<T> {
	fn end_keys(relation: RelationId, kind: RelationKind, now: Moment) -> Vec<sr25519::Public> {
		let Some(r) = Relations::<T>::get(relation) else { return Vec::new() };
		let Some((from, to)) = EndKeys::<T>::get(relation) else { return Vec::new() };
		if r.kind != kind || !r.holds_at(now) {
			return Vec::new();
		}
		if kind == RelationKind::SpouseOf {
			alloc::vec![from, to]
		} else {
			alloc::vec![from]
		}
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
		Consents::<T>::get((subject, agency, scope)).is_some_and(|c| {
			c.until > now && c.purpose == *purpose && Self::consent_stands(subject, scope)
		})
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
		let n = AccessCount::<T>::mutate(subject, |n| {
			let this = *n;
			*n = n.saturating_add(1);
			this
		});
		// Overwrites the oldest entry once the ring is full. With a `MaxAccessLog` of zero
		// nothing is kept in state, and the event still records the access.
		if let Some(slot) = Self::access_slot(n) {
			Accesses::<T>::insert(subject, slot, record);
		}
		Self::deposit_event(Event::Verified { subject: *subject, agency, scope, purpose, answer });
	}
}
