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
//! ## Relations as salted commitments
//! A relation is stored as the tags of its two ends, `relation_tag(person, salt) =
//! blake2_256("civitas/relation-end" ‖ person ‖ salt)`, never as person ids. The attesting
//! agency draws a fresh 256-bit salt for each end and hands it to that person with the
//! certificate (a minor's also to its custodians), and to the person's registrar, which keeps it
//! with the off-chain record. Whoever holds a person's id and the salt of its end can tie that
//! end to the person; nobody else can, since the salt is never guessed. So:
//! - **To ask** "is A the mother of B?" ([`Question::Relation`]) an agency needs both tags,
//!   which it computes from the ids and salts B shows it, and B's consent: the question and
//!   the answer carry only tags, never A's id.
//! - **To consent for a minor** a custodian shows the salts of both ends of its custody
//!   relation ([`CustodyProof`]); the chain checks the tags against the caller's person and the
//!   minor, that the relation carries custody, and that the minor's own registrar attested it
//!   (no other agency can invent a parent for a minor whose id it knows; a registrar that
//!   adopts a minor attests its custody again). The consent records the relation, not the
//!   custodian, and lapses when the relation is revoked or custody withdrawn.
//! - **To meet a licence prerequisite** "is a parent" (`HasRelation`), the holder's licences
//!   alias shows no salt, which would tie the alias to the person id: the attester also sets a
//!   fresh **end key** for each end ([`Pallet::set_end_keys`], [`EndKeys`]) and hands its
//!   secret over with the salt; the holder signs the relation and its alias with it
//!   (`civitas_primitives::relation_end_message`), and the licences pallet checks the signature
//!   against the keys this pallet gives ([`civitas_primitives::RelationEnds`]) while the
//!   relation holds. Only the attester can tie the key to the person.
//! - **To erase** a person, the registrar shows the salts of its ends; relations not shown
//!   stay, naming tags that nobody can tie to the erased person once its salts are destroyed.
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
//! - **Node operators** (the consortium's agencies) hold the whole state and every block, and
//!   so see, besides the above: that some relation of a kind exists between two unknown
//!   persons, when and by whom it was attested; who granted which agency consent over which
//!   scope (a custodian's consent names its relation, not the custodian), and the access logs.
//!   The state does not tell who is related to whom. Some calls do tie one end of a relation to
//!   a person, in their block, because the chain must check it: a verification names the
//!   subject beside the tags it asks about; a licence issued on "is a parent" shows the
//!   holder's salt; a custodian's consent is signed by the custodian's key for the minor, so
//!   its block (not the state) shows who consented for whom. Pseudonymity holds as long as
//!   the registrars keep the link between a person id and a person off chain.

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
//! ## Consent under a domain alias
//! A domain that names its persons by aliases (the provident fund, ...) asks for consent under
//! the alias, not the person id: the person's alias account gives it
//! ([`Pallet::grant_alias_consent`], over a scope of that domain, [`Scope::domain`]) and
//! withdraws it ([`Pallet::revoke_alias_consent`]). The consent is kept like any other, with
//! the alias as its subject ([`Grantor::Alias`]: it names no account), and stands while the
//! alias is live; the domain's traced reads go to the alias's access log, which the person
//! reads with its alias. Nothing in such a consent or its log names the person id.
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
//! - Controller: [`Pallet::rotate_key`], [`Pallet::grant_consent`], [`Pallet::revoke_consent`],
//!   [`Pallet::veto_recovery`].
//! - A domain alias's account: [`Pallet::grant_alias_consent`],
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
	relation_tag, AgencyAuthority, AgencyId, Aliases, Capability, ConsentCheck, Domain, Enrolment,
	MemberKey, Moment, PersonId, PersonRings, Purpose, Scope, SubjectKind, SubjectRegistry,
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

	/// The storage version: 1, the access log kept as a ring of single entries
	/// ([`migrations::v1`] brings version 0's one vector per person there).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

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

	/// Each person's access log: its most recent `MaxAccessLog` accesses, in a ring where the
	/// person's `n`-th access (from 0; `AccessCount` says how many there were) is in slot
	/// `n % MaxAccessLog`. An access writes its one entry and reads none;
	/// [`Pallet::access_log`] gives them oldest first.
	#[pallet::storage]
	pub type Accesses<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, PersonId, Twox64Concat, u32, AccessRecordOf<T>>;

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
			subject: PersonId,
			agency: AgencyId,
			scope: Scope,
			purpose: Purpose,
			until: Moment,
			granted_by: Grantor<T::AccountId>,
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
		/// A deceased, dissolved or emigrated person cannot give or receive consent.
		NotActive,
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
		/// The custody proof matches no relation that gives the caller custody of the subject
		/// now.
		NoCustody,
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
		/// The person has consents outstanding: it revokes them before it is marked a minor.
		HasConsents,
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
		/// Consents given by the subject's controller: (subject, agency, scope, purpose code of
		/// the catalogue, until in ms since the Unix epoch).
		pub consents: Vec<(PersonId, AgencyId, Scope, u32, Moment)>,
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
				let record = Persons::<T>::get(subject).expect("genesis consent of no person");
				let controller =
					record.controllers.first().cloned().expect("genesis person without controller");
				assert!(T::Agencies::is_member(*agency), "genesis consent to no agency");
				Pallet::<T>::put_consent(
					subject,
					*agency,
					*scope,
					Consent {
						purpose: Purpose::Code(*purpose),
						until: *until,
						granted_by: Grantor::Subject(controller),
					},
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
		/// `UnknownPerson`, `Erased`, `NotRegistrar`, `CannotSetErased`, `HasConsents`; the
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
				let minor = m && record.kind == SubjectKind::Citizen;
				ensure!(
					!minor || record.minor || ConsentCount::<T>::get(person) == 0,
					Error::<T>::HasConsents
				);
				record.minor = minor;
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
		/// only) lets the first person consent for the second while a minor.
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
		/// has left the consortium. The relation leaves the state, and the consents a custodian
		/// gave on it lapse; its history is in the events.
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

		/// Gives `agency` consent to read `scope` of `subject`, for `purpose`, until `until`
		/// (ms since the Unix epoch). The caller controls the subject, an adult (`custody` is
		/// none); for a minor, only an active adult with custody consents, showing the salts of
		/// its custody relation (`custody`). The consent records the relation, not the
		/// custodian, and holds only while the relation holds with custody and the subject is a
		/// minor. A new consent replaces an older one for the same agency and scope.
		///
		/// ## Errors
		/// `UnknownPerson`, `Erased`, `NotActive`, `NotController`, `NoCustody`,
		/// `UnknownAgency`, `BadConsentPeriod`, `TooManyConsents`.
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
			custody: Option<CustodyProof>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let record = Self::live_record(&subject)?;
			ensure!(record.status == PersonStatus::Active, Error::<T>::NotActive);
			let grantor = Self::ensure_may_consent(&who, &subject, &record, true, custody)?;
			Self::grant(subject, agency, scope, purpose, until, grantor)
		}

		/// Withdraws a consent, at any time. The same accounts may as may grant it (a custodian
		/// shows its custody proof again), and a minor may withdraw a consent given for it.
		///
		/// ## Errors
		/// `UnknownPerson`, `Erased`, `NotController`, `NoCustody`, `UnknownConsent`.
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
			custody: Option<CustodyProof>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let record = Self::live_record(&subject)?;
			Self::ensure_may_consent(&who, &subject, &record, false, custody)?;
			Self::revoke(subject, agency, scope)
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

		/// Erases a person's on-chain links on a lawful request: the record commitment, the
		/// relations whose ends `relations` proves (the salts of the person's ends, which the
		/// registrar keeps with the off-chain record), every consent of the person and its
		/// pending recovery; the member key leaves its ring and is forgotten (the person's
		/// aliases end); the controlling accounts are unlinked and un-enrolled, and every
		/// domain pallet erases what it links to the person (the runtime's `OnErase`). The id
		/// stays as a tombstone with its access log. Consents the person gave as custodian of a
		/// minor rest on its erased custody relations, and so lapse with them. Only the
		/// registrar (holding `RegisterPersons`) may, or the consortium by vote.
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
		#[pallet::weight(Pallet::<T>::erase_weight(
			relations.len() as u32,
			T::MaxConsentsPerSubject::get()
		).saturating_add(<T::OnErase as civitas_primitives::OnErase>::max_weight())
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
			let consents = ConsentCount::<T>::take(person);
			// At most `MaxConsentsPerSubject`, which the weight accounts for.
			let _ = Consents::<T>::clear_prefix((person,), consents, None);
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
			let weight = Self::erase_weight(removed, consents)
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
		/// custody to a guardian, or a custodian dies or emigrates. Consents the custodian gave
		/// on the relation lapse when custody is withdrawn.
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
			Self::grant(subject, agency, scope, purpose, until, Grantor::Alias(domain))
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
	pub fn access_log(subject: &PersonId) -> Vec<AccessRecordOf<T>> {
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
		subject: &PersonId,
		agency: AgencyId,
		scope: Scope,
		consent: Consent<T::AccountId>,
	) -> DispatchResult {
		if !Consents::<T>::contains_key((subject, agency, scope)) {
			let count = ConsentCount::<T>::get(subject);
			ensure!(count < T::MaxConsentsPerSubject::get(), Error::<T>::TooManyConsents);
			ConsentCount::<T>::insert(subject, count.saturating_add(1));
		}
		Consents::<T>::insert((subject, agency, scope), consent);
		Ok(())
	}

	/// Gives the consent of `subject` (a person id or an alias), once the caller checked who
	/// grants it: the agency is a member, the period within `MaxConsentDuration`.
	fn grant(
		subject: PersonId,
		agency: AgencyId,
		scope: Scope,
		purpose: Purpose,
		until: Moment,
		granted_by: Grantor<T::AccountId>,
	) -> DispatchResult {
		ensure!(T::Agencies::is_member(agency), Error::<T>::UnknownAgency);
		let now = T::Time::now();
		ensure!(
			until > now && until <= now.saturating_add(T::MaxConsentDuration::get()),
			Error::<T>::BadConsentPeriod
		);
		Self::put_consent(
			&subject,
			agency,
			scope,
			Consent { purpose: purpose.clone(), until, granted_by: granted_by.clone() },
		)?;
		Self::deposit_event(Event::ConsentGranted {
			subject,
			agency,
			scope,
			purpose,
			until,
			granted_by,
		});
		Ok(())
	}

	/// Withdraws the consent of `subject` to `agency` over `scope`, once the caller checked
	/// who withdraws it.
	fn revoke(subject: PersonId, agency: AgencyId, scope: Scope) -> DispatchResult {
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
	) -> Result<PersonId, DispatchError> {
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

	/// The relation that gives `custodian` custody of `minor` at `now`, proven by `proof`.
	fn custody_relation(
		custodian: &PersonId,
		minor: &PersonId,
		proof: &CustodyProof,
		now: Moment,
	) -> Option<RelationId> {
		let from = relation_tag(custodian, &proof.custodian);
		let id = RelationOfTag::<T>::get(from)?;
		let r = Relations::<T>::get(id)?;
		let holds = r.from == from
			&& r.to == relation_tag(minor, &proof.minor)
			&& r.custody
			&& Self::carries_custody(r.kind)
			&& r.holds_at(now)
			&& Self::attested_by_registrar(&r, minor);
		holds.then_some(id)
	}

	/// Whether relation `r` was attested by the current registrar of `minor`: custody rests
	/// on the minor's registrar's record, so that no other attesting agency can invent a
	/// parent for a minor whose id it knows.
	fn attested_by_registrar(r: &Relation, minor: &PersonId) -> bool {
		Persons::<T>::get(minor).is_some_and(|p| p.registrar == r.attester)
	}

	/// Whether a consent given by `grantor` for `subject` stands at `now`: a custodian's only
	/// while its relation holds with custody and the subject is a minor.
	fn grantor_stands(grantor: &Grantor<T::AccountId>, subject: &PersonId, now: Moment) -> bool {
		match grantor {
			Grantor::Subject(_) => true,
			Grantor::Alias(domain) => T::Aliases::kind_of(subject, *domain).is_some(),
			Grantor::Custodian(id) => {
				Relations::<T>::get(id).is_some_and(|r| {
					r.custody && r.holds_at(now) && Self::attested_by_registrar(&r, subject)
				}) && Persons::<T>::get(subject).is_some_and(|p| p.minor)
			},
		}
	}

	/// Ensures `who` may give (`granting`) or withdraw consent for `subject`, and says as whom:
	/// a controller of an adult subject (no `custody` proof); for a minor, an active adult
	/// with custody, which proves it (`custody`); for withdrawing, also the minor itself.
	fn ensure_may_consent(
		who: &T::AccountId,
		subject: &PersonId,
		record: &PersonRecordOf<T>,
		granting: bool,
		custody: Option<CustodyProof>,
	) -> Result<Grantor<T::AccountId>, DispatchError> {
		let Some(proof) = custody else {
			ensure!(
				record.controllers.contains(who) && (!record.minor || !granting),
				Error::<T>::NotController
			);
			return Ok(Grantor::Subject(who.clone()));
		};
		ensure!(record.minor, Error::<T>::NotController);
		let adult = ControllerOf::<T>::get(who).ok_or(Error::<T>::NotController)?;
		let able = Persons::<T>::get(adult).is_some_and(|a| {
			a.status == PersonStatus::Active && !a.minor && a.kind == SubjectKind::Citizen
		});
		ensure!(able, Error::<T>::NotController);
		let id = Self::custody_relation(&adult, subject, &proof, T::Time::now())
			.ok_or(Error::<T>::NoCustody)?;
		Ok(Grantor::Custodian(id))
	}

	/// Removes an active relation and its end tags from the state.
	/// Whether the person's member key belongs in a ring: while it is active and of age (a
	/// minor acts through its custodians, and has no domain aliases until it comes of age).
	fn in_ring(record: &PersonRecordOf<T>) -> bool {
		record.status == PersonStatus::Active && !record.minor
	}

	fn remove_relation(id: RelationId, r: &Relation) {
		Relations::<T>::remove(id);
		EndKeys::<T>::remove(id);
		RelationOfTag::<T>::remove(r.from);
		RelationOfTag::<T>::remove(r.to);
	}

	/// The weight of erasing a person with `r` relation proofs and `c` consents.
	fn erase_weight(r: u32, c: u32) -> Weight {
		T::WeightInfo::erase_person(r, c)
	}

	/// Removes a consent and counts it out.
	fn remove_consent(subject: &PersonId, agency: AgencyId, scope: Scope) {
		Consents::<T>::remove((subject, agency, scope));
		ConsentCount::<T>::mutate_exists(subject, |n| {
			*n = n.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0);
		});
	}

	/// The answer to `question` about `subject`, now.
	fn answer(subject: &PersonId, question: &Question) -> bool {
		let Some(record) = Persons::<T>::get(subject) else { return false };
		match question {
			Question::Relation { kind, relative, subject: own } => {
				RelationOfTag::<T>::get(relative).and_then(Relations::<T>::get).is_some_and(|r| {
					let ends = (r.from == *relative && r.to == *own)
						|| (*kind == RelationKind::SpouseOf && r.from == *own && r.to == *relative);
					r.kind == *kind && ends && r.holds_at(T::Time::now())
				})
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
	/// - an erased person has no commitment, controllers, consents or recovery;
	/// - every relation has two different end tags, each indexed to it in `RelationOfTag`,
	///   carries custody only as a parent's or guardian's, and has an id below
	///   `NextRelationId`; every `RelationOfTag` entry is an end of its relation;
	/// - every consent is of a registered, not erased person;
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
		let mut consents = alloc::collections::BTreeMap::<PersonId, u32>::new();
		for ((person, _, scope), c) in Consents::<T>::iter() {
			if let Grantor::Alias(domain) = c.granted_by {
				// An alias is no person id; its consent is over its own domain's scope.
				ensure!(!Persons::<T>::contains_key(person), "alias consent under a person id");
				ensure!(scope.domain() == Some(domain), "alias consent outside its domain");
			} else {
				let record = Persons::<T>::get(person).ok_or("consent of an unknown person")?;
				ensure!(record.status != PersonStatus::Erased, "consent of an erased person");
			}
			let n = consents.entry(person).or_default();
			*n = n.saturating_add(1);
		}
		for (person, n) in ConsentCount::<T>::iter() {
			ensure!(consents.get(&person) == Some(&n), "ConsentCount out of step");
			ensure!(n <= T::MaxConsentsPerSubject::get(), "too many consents");
		}
		ensure!(consents.len() == ConsentCount::<T>::iter().count(), "consents not counted");
		for (person, slot, _) in Accesses::<T>::iter() {
			ensure!(slot < T::MaxAccessLog::get(), "access log slot beyond its bound");
			ensure!(u64::from(slot) < AccessCount::<T>::get(person), "access log beyond count");
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

impl<T: Config> civitas_primitives::RelationEnds for Pallet<T> {
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
			c.until > now
				&& c.purpose == *purpose
				&& Self::grantor_stands(&c.granted_by, subject, now)
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
