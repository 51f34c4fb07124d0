//! Unit tests: one behaviour per test; every error with `assert_noop!`, every success with its
//! events; `build_and_execute` checks the invariants after each test.

use crate::{
	mock::{Identity, *},
	*,
};
use civitas_primitives::{
	relation_end_message, Alias, ConsentCheck, Domain, Purpose, Scope, SubjectKind, SubjectRegistry,
};
use frame_support::{assert_noop, assert_ok};
use sp_core::sr25519;
use sp_runtime::{traits::BadOrigin, DispatchError};

const MOTHER: PersonId = H256::repeat_byte(0xA1);
const SON: PersonId = H256::repeat_byte(0xB2);
const DAUGHTER: PersonId = H256::repeat_byte(0xC3);
const COMPANY: PersonId = H256::repeat_byte(0xD4);
const UNKNOWN: PersonId = H256::repeat_byte(0xEE);

const MOTHER_KEY: AccountId = 101;
const SON_KEY: AccountId = 102;
const DAUGHTER_KEY: AccountId = 103;
const COMPANY_KEY: AccountId = 104;

fn commitment(n: u8) -> H256 {
	H256::repeat_byte(n)
}

fn emergency() -> Purpose {
	Purpose::Text(b"emergency contact".to_vec().try_into().unwrap())
}

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn last_event() -> Event<Test> {
	identity_events().pop().expect("an event")
}

fn register(person: PersonId, key: AccountId, kind: SubjectKind, minor: bool) {
	assert_ok!(Identity::register_person(signed(BUREAU), person, kind, key, commitment(1), minor));
}

/// Mother, son (adult), daughter (minor) and a company, all registered by the bureau; the
/// mother and the son have bound their identity aliases.
fn family() {
	register(MOTHER, MOTHER_KEY, SubjectKind::Citizen, false);
	register(SON, SON_KEY, SubjectKind::Citizen, false);
	register(DAUGHTER, DAUGHTER_KEY, SubjectKind::Citizen, true);
	register(COMPANY, COMPANY_KEY, SubjectKind::Company, false);
	identity_aliases();
}

/// The salt the attester drew for `person`'s end of relation `id` (in the tests, derived).
fn salt(person: PersonId, id: RelationId) -> H256 {
	let mut b = person.0;
	b[0] ^= 0x5A;
	b[31] = id as u8;
	H256(b)
}

/// The tag of `person`'s end of relation `id`.
fn tag(person: PersonId, id: RelationId) -> H256 {
	relation_tag(&person, &salt(person, id))
}

/// Attests "`from` is the `kind` of `to`", from time 0, with custody for a parent or guardian.
fn attest(from: PersonId, kind: RelationKind, to: PersonId) -> RelationId {
	let custody = matches!(kind, RelationKind::ParentOf | RelationKind::GuardianOf);
	attest_with(from, kind, to, custody, 0, None)
}

fn attest_with(
	from: PersonId,
	kind: RelationKind,
	to: PersonId,
	custody: bool,
	valid_from: Moment,
	valid_until: Option<Moment>,
) -> RelationId {
	let id = NextRelationId::<Test>::get();
	assert_ok!(Identity::attest_relation(
		signed(BUREAU),
		kind,
		tag(from, id),
		tag(to, id),
		custody,
		commitment(7),
		valid_from,
		valid_until
	));
	id
}

/// The mother's and the son's identity aliases, and their alias accounts.
const MOTHER_ALIAS: Alias = H256::repeat_byte(0x1A);
const SON_ALIAS: Alias = H256::repeat_byte(0x2B);
const MOTHER_ALIAS_KEY: AccountId = 301;
const SON_ALIAS_KEY: AccountId = 302;

/// The key type the tests' relation end keys are kept under (a wallet's keystore).
const END_KEYS: sp_core::crypto::KeyTypeId = sp_core::crypto::KeyTypeId(*b"rend");

/// The mother's and the son's identity aliases, bound (as their wallets do).
fn identity_aliases() {
	bind_alias(MOTHER_ALIAS_KEY, Domain::Identity, MOTHER_ALIAS);
	bind_alias(SON_ALIAS_KEY, Domain::Identity, SON_ALIAS);
}

/// A relation end key made from `seed`, as an attester makes one.
fn end_key(seed: &str) -> sr25519::Public {
	sp_io::crypto::sr25519_generate(END_KEYS, Some(format!("//{seed}").into_bytes()))
}

/// The signature of end key `key` over relation `id` and `alias`, as its holder's wallet
/// makes it.
fn prove(key: sr25519::Public, id: RelationId, alias: Alias) -> sr25519::Signature {
	sp_io::crypto::sr25519_sign(END_KEYS, &key, &relation_end_message(id, &alias)).unwrap()
}

/// "MOTHER is the parent of SON", with end keys set, and the mother's end key.
fn mother_and_son(custody: bool) -> (RelationId, sr25519::Public) {
	let id = attest_with(MOTHER, RelationKind::ParentOf, SON, custody, 0, None);
	let mothers = end_key(&format!("mother{id}"));
	assert_ok!(Identity::set_end_keys(signed(BUREAU), id, mothers, end_key(&format!("son{id}"))));
	(id, mothers)
}

/// The consent of the identity alias bound to `who`, to the passport office for emergency
/// reads of `scope`.
fn consent(who: AccountId, scope: Scope, until: Moment) -> DispatchResult {
	Identity::grant_alias_consent(
		signed(who),
		Domain::Identity,
		PASSPORTS,
		scope,
		emergency(),
		until,
	)
}

/// The passport office asks `question` about `subject`, for emergency contact.
fn ask(subject: Alias, question: Question) -> DispatchResult {
	Identity::verify(signed(PASSPORT_OFFICE), subject, question, emergency())
}

/// The passport office's answer to `question` about MOTHER_ALIAS, which must be asked and
/// answered (a `Verified` event).
fn answer_of(question: Question) -> bool {
	assert_ok!(ask(MOTHER_ALIAS, question));
	match last_event() {
		Event::Verified { answer, .. } => answer,
		e => panic!("not an answer: {e:?}"),
	}
}

/// The answer to a relation question of MOTHER_ALIAS, with `proof`.
fn answer_relation(
	relation: RelationId,
	kind: RelationKind,
	custody: bool,
	proof: sr25519::Signature,
) -> bool {
	answer_of(Question::Relation { relation, kind, custody, proof })
}

/// "Is the holder of MOTHER_ALIAS the mother at relation `id`?", proven with her end key.
fn is_mother(id: RelationId, mothers: sr25519::Public) -> DispatchResult {
	let proof = prove(mothers, id, MOTHER_ALIAS);
	ask(
		MOTHER_ALIAS,
		Question::Relation { relation: id, kind: RelationKind::ParentOf, custody: false, proof },
	)
}

/// A subject's access log and access count, from the storage.
fn access_log(subject: Alias) -> (Vec<AccessRecordOf<Test>>, u64) {
	(Identity::access_log(&subject), AccessCount::<Test>::get(subject))
}

/// Erases `person`, proving no relation.
fn erase(origin: RuntimeOrigin, person: PersonId) -> DispatchResultWithPostInfo {
	Identity::erase_person(origin, person, BoundedVec::new())
}

mod register_person {
	use super::*;

	#[test]
	fn register_person_should_work() {
		build_and_execute(|| {
			register(MOTHER, MOTHER_KEY, SubjectKind::Citizen, false);
			let r = Persons::<Test>::get(MOTHER).unwrap();
			assert_eq!(r.status, PersonStatus::Active);
			assert_eq!(r.registrar, CIVIL_AFFAIRS);
			assert_eq!(r.commitment, Some(commitment(1)));
			assert_eq!(r.controllers.to_vec(), vec![MOTHER_KEY]);
			assert_eq!(ControllerOf::<Test>::get(MOTHER_KEY), Some(MOTHER));
			assert!(MockEnrolment::is_enrolled(&MOTHER_KEY), "registering enrols the account");
			assert_eq!(
				last_event(),
				Event::PersonRegistered {
					person: MOTHER,
					kind: SubjectKind::Citizen,
					registrar: CIVIL_AFFAIRS,
					controller: MOTHER_KEY
				}
			);
		});
	}

	#[test]
	fn register_person_fails_without_register_persons() {
		build_and_execute(|| {
			assert_noop!(
				Identity::register_person(
					signed(PASSPORT_OFFICE),
					MOTHER,
					SubjectKind::Citizen,
					MOTHER_KEY,
					commitment(1),
					false
				),
				DispatchError::Other("MissingCapability")
			);
			assert_noop!(
				Identity::register_person(
					signed(NOBODY),
					MOTHER,
					SubjectKind::Citizen,
					MOTHER_KEY,
					commitment(1),
					false
				),
				DispatchError::Other("NotStaff")
			);
		});
	}

	#[test]
	fn register_person_fails_for_registered_id_or_controller() {
		build_and_execute(|| {
			register(MOTHER, MOTHER_KEY, SubjectKind::Citizen, false);
			assert_noop!(
				Identity::register_person(
					signed(BUREAU),
					MOTHER,
					SubjectKind::Citizen,
					200,
					commitment(1),
					false
				),
				Error::<Test>::AlreadyRegistered
			);
			assert_noop!(
				Identity::register_person(
					signed(BUREAU),
					SON,
					SubjectKind::Citizen,
					MOTHER_KEY,
					commitment(1),
					false
				),
				Error::<Test>::AlreadyController
			);
		});
	}

	#[test]
	fn register_person_fails_when_account_cannot_be_enrolled() {
		build_and_execute(|| {
			assert_noop!(
				Identity::register_person(
					signed(BUREAU),
					SON,
					SubjectKind::Citizen,
					POLICE,
					commitment(1),
					false
				),
				DispatchError::Other("AlreadyAdmitted")
			);
		});
	}

	#[test]
	fn companies_are_never_minors() {
		build_and_execute(|| {
			register(COMPANY, COMPANY_KEY, SubjectKind::Company, true);
			assert!(!Identity::is_minor(&COMPANY));
		});
	}
}

mod update_person {
	use super::*;

	#[test]
	fn update_person_should_work() {
		build_and_execute(|| {
			family();
			assert_ok!(Identity::update_person(
				signed(BUREAU),
				MOTHER,
				Some(commitment(9)),
				Some(PersonStatus::Deceased),
				None
			));
			let r = Persons::<Test>::get(MOTHER).unwrap();
			assert_eq!((r.status, r.commitment), (PersonStatus::Deceased, Some(commitment(9))));
			assert!(!Identity::is_active(&MOTHER));
			assert!(Identity::exists(&MOTHER));
			assert_eq!(
				last_event(),
				Event::PersonUpdated {
					person: MOTHER,
					status: PersonStatus::Deceased,
					minor: false,
					commitment_changed: true
				}
			);
			assert_ok!(Identity::update_person(signed(BUREAU), DAUGHTER, None, None, Some(false)));
			assert!(!Identity::is_minor(&DAUGHTER), "she came of age");
		});
	}

	#[test]
	fn update_person_fails_for_other_agencies() {
		build_and_execute(|| {
			family();
			assert_noop!(
				Identity::update_person(signed(POLICE), MOTHER, Some(commitment(9)), None, None),
				Error::<Test>::NotRegistrar
			);
			assert_noop!(
				Identity::update_person(signed(PASSPORT_OFFICE), MOTHER, None, None, None),
				DispatchError::Other("MissingCapability")
			);
		});
	}

	#[test]
	fn update_person_fails_for_unknown_erased_or_erasing() {
		build_and_execute(|| {
			family();
			assert_noop!(
				Identity::update_person(signed(BUREAU), UNKNOWN, None, None, None),
				Error::<Test>::UnknownPerson
			);
			assert_noop!(
				Identity::update_person(
					signed(BUREAU),
					MOTHER,
					None,
					Some(PersonStatus::Erased),
					None
				),
				Error::<Test>::CannotSetErased
			);
			assert_ok!(erase(signed(BUREAU), MOTHER));
			assert_noop!(
				Identity::update_person(signed(BUREAU), MOTHER, None, None, None),
				Error::<Test>::Erased
			);
		});
	}
}

mod keys {
	use super::*;

	#[test]
	fn rotate_key_should_work() {
		build_and_execute(|| {
			family();
			assert_ok!(Identity::rotate_key(signed(SON_KEY), 202));
			assert_eq!(ControllerOf::<Test>::get(202), Some(SON));
			assert_eq!(ControllerOf::<Test>::get(SON_KEY), None);
			assert!(MockEnrolment::is_enrolled(&202) && !MockEnrolment::is_enrolled(&SON_KEY));
			assert_eq!(Persons::<Test>::get(SON).unwrap().controllers.to_vec(), vec![202]);
			assert_eq!(last_event(), Event::KeyRotated { person: SON, old: SON_KEY, new: 202 });
		});
	}

	/// Issue 32 item 18: rotations spent the registrar's enrolment window and each left an
	/// account in the state for good, as often as a person liked.
	#[test]
	fn a_person_rotates_its_key_once_a_rotation_interval() {
		build_and_execute(|| {
			family();
			assert_ok!(Identity::rotate_key(signed(SON_KEY), 202));
			assert_eq!(LastRotation::<Test>::get(SON), Some(Now::get()));
			assert_noop!(Identity::rotate_key(signed(202), 203), Error::<Test>::RotationTooSoon);
			Now::set(&(Now::get() + DAY));
			assert_ok!(Identity::rotate_key(signed(202), 203));
			// A withdrawn key rotates nothing (the pool would not even admit it).
			assert_ok!(MockEnrolment::unenrol(&MOTHER_KEY));
			assert_noop!(
				Identity::rotate_key(signed(MOTHER_KEY), 204),
				DispatchError::Other("NotEnrolled")
			);
			assert_ok!(erase(signed(BUREAU), SON));
			assert_eq!(LastRotation::<Test>::get(SON), None);
		});
	}

	#[test]
	fn rotate_key_fails_for_non_controllers_or_taken_keys() {
		build_and_execute(|| {
			family();
			assert_noop!(Identity::rotate_key(signed(NOBODY), 202), Error::<Test>::NotController);
			assert_noop!(
				Identity::rotate_key(signed(SON_KEY), MOTHER_KEY),
				Error::<Test>::AlreadyController
			);
			assert_noop!(
				Identity::rotate_key(signed(SON_KEY), BUREAU),
				DispatchError::Other("AlreadyAdmitted")
			);
		});
	}

	#[test]
	fn recovery_needs_the_registrar_and_a_second_agency() {
		build_and_execute(|| {
			family();
			assert_ok!(Identity::propose_recovery(signed(BUREAU), SON, 303));
			let now = Now::get();
			assert_eq!(
				last_event(),
				Event::RecoveryProposed {
					person: SON,
					new: 303,
					by: CIVIL_AFFAIRS,
					approvable_from: now + 3 * DAY,
					expires: now + 30 * DAY,
				}
			);
			assert_noop!(
				Identity::approve_recovery(signed(BUREAU), SON),
				Error::<Test>::SameAgency
			);
			// Time-locked: the subject may still veto with its current key.
			assert_noop!(
				Identity::approve_recovery(signed(POLICE), SON),
				Error::<Test>::RecoveryTimeLocked
			);
			Now::set(&(now + 3 * DAY));
			assert_ok!(Identity::approve_recovery(signed(POLICE), SON));
			assert_eq!(Persons::<Test>::get(SON).unwrap().controllers.to_vec(), vec![303]);
			assert_eq!(ControllerOf::<Test>::get(SON_KEY), None);
			assert!(!MockEnrolment::is_enrolled(&SON_KEY), "the lost key may no longer transact");
			assert!(MockEnrolment::is_enrolled(&303));
			assert!(Recoveries::<Test>::get(SON).is_none());
			assert_eq!(
				last_event(),
				Event::KeyRecovered { person: SON, new: 303, approved_by: PUBLIC_SECURITY }
			);
		});
	}

	#[test]
	fn recovery_works_when_the_stolen_key_was_unenrolled_first() {
		build_and_execute(|| {
			family();
			// The registrar stops the thief at once; the recovery still goes through.
			assert_ok!(MockEnrolment::unenrol(&SON_KEY));
			assert_ok!(Identity::propose_recovery(signed(BUREAU), SON, 303));
			Now::set(&(Now::get() + 3 * DAY));
			assert_ok!(Identity::approve_recovery(signed(POLICE), SON));
			assert_eq!(Persons::<Test>::get(SON).unwrap().controllers.to_vec(), vec![303]);
			assert!(MockEnrolment::is_enrolled(&303));
		});
	}

	#[test]
	fn the_subject_vetoes_a_recovery_with_its_current_key() {
		build_and_execute(|| {
			family();
			assert_ok!(Identity::propose_recovery(signed(BUREAU), SON, 303));
			assert_noop!(Identity::veto_recovery(signed(MOTHER_KEY)), Error::<Test>::NoRecovery);
			assert_noop!(Identity::veto_recovery(signed(NOBODY)), Error::<Test>::NotController);
			assert_ok!(Identity::veto_recovery(signed(SON_KEY)));
			assert_eq!(last_event(), Event::RecoveryVetoed { person: SON });
			Now::set(&(Now::get() + 3 * DAY));
			assert_noop!(
				Identity::approve_recovery(signed(POLICE), SON),
				Error::<Test>::NoRecovery
			);
		});
	}

	#[test]
	fn a_recovery_lapses_and_can_be_cancelled() {
		build_and_execute(|| {
			family();
			assert_ok!(Identity::propose_recovery(signed(BUREAU), SON, 303));
			Now::set(&(Now::get() + 30 * DAY));
			assert_noop!(
				Identity::approve_recovery(signed(POLICE), SON),
				Error::<Test>::RecoveryExpired
			);
			assert_noop!(
				Identity::cancel_recovery(signed(POLICE), SON),
				Error::<Test>::NotRegistrar
			);
			assert_ok!(Identity::cancel_recovery(signed(BUREAU), SON));
			assert_eq!(last_event(), Event::RecoveryCancelled { person: SON });
			assert_noop!(Identity::cancel_recovery(signed(BUREAU), SON), Error::<Test>::NoRecovery);
		});
	}

	#[test]
	fn an_acting_agency_adopts_the_persons_of_a_departed_registrar() {
		build_and_execute(|| {
			family();
			assert_noop!(
				Identity::adopt_person(signed(POLICE), SON),
				Error::<Test>::RegistrarStillMember
			);
			Departed::set(&vec![CIVIL_AFFAIRS]);
			// Without a registrar, nobody could mark the son deceased or recover his key.
			assert_noop!(
				Identity::adopt_person(signed(PASSPORT_OFFICE), SON),
				DispatchError::Other("MissingCapability")
			);
			assert_ok!(Identity::adopt_person(signed(POLICE), SON));
			assert_eq!(Persons::<Test>::get(SON).unwrap().registrar, PUBLIC_SECURITY);
			assert_eq!(
				last_event(),
				Event::RegistrarChanged { person: SON, from: CIVIL_AFFAIRS, to: PUBLIC_SECURITY }
			);
			assert!(Enrolled::get().contains(&(SON_KEY, PUBLIC_SECURITY, SubjectKind::Citizen)));
			assert_ok!(Identity::update_person(
				signed(POLICE),
				SON,
				None,
				Some(PersonStatus::Deceased),
				None
			));
		});
	}

	#[test]
	fn propose_recovery_fails_for_other_agencies_or_taken_keys() {
		build_and_execute(|| {
			family();
			assert_noop!(
				Identity::propose_recovery(signed(POLICE), SON, 303),
				Error::<Test>::NotRegistrar
			);
			assert_noop!(
				Identity::propose_recovery(signed(BUREAU), SON, MOTHER_KEY),
				Error::<Test>::AlreadyController
			);
			assert_noop!(
				Identity::propose_recovery(signed(BUREAU), UNKNOWN, 303),
				Error::<Test>::UnknownPerson
			);
			assert_noop!(
				Identity::propose_recovery(signed(PASSPORT_OFFICE), SON, 303),
				DispatchError::Other("MissingCapability")
			);
		});
	}

	#[test]
	fn approve_recovery_fails_without_a_pending_recovery() {
		build_and_execute(|| {
			family();
			assert_noop!(
				Identity::approve_recovery(signed(POLICE), SON),
				Error::<Test>::NoRecovery
			);
			assert_noop!(
				Identity::approve_recovery(signed(PASSPORT_OFFICE), SON),
				DispatchError::Other("MissingCapability")
			);
		});
	}
}

mod relations {
	use super::*;

	#[test]
	fn attest_relation_should_work() {
		build_and_execute(|| {
			family();
			let id = attest(MOTHER, RelationKind::ParentOf, DAUGHTER);
			let r = Relations::<Test>::get(id).unwrap();
			assert_eq!(
				(r.kind, r.from, r.to, r.custody, r.attester),
				(RelationKind::ParentOf, tag(MOTHER, id), tag(DAUGHTER, id), true, CIVIL_AFFAIRS)
			);
			assert_eq!(RelationOfTag::<Test>::get(tag(MOTHER, id)), Some(id));
			assert_eq!(RelationOfTag::<Test>::get(tag(DAUGHTER, id)), Some(id));
			assert_eq!(
				last_event(),
				Event::RelationAttested {
					id,
					kind: RelationKind::ParentOf,
					custody: true,
					attester: CIVIL_AFFAIRS
				}
			);
		});
	}

	/// A state dump does not tell who is related to whom: no storage entry (key and value)
	/// holds the ids of two persons, nor a person's id beside another person's key; no relation
	/// event names a person.
	#[test]
	fn the_state_and_events_name_no_related_person() {
		build_and_execute(|| {
			family();
			attest(MOTHER, RelationKind::ParentOf, DAUGHTER);
			attest(MOTHER, RelationKind::SpouseOf, SON);
			let persons = [(MOTHER, MOTHER_KEY), (SON, SON_KEY), (DAUGHTER, DAUGHTER_KEY)];
			let holds =
				|bytes: &[u8], needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
			let mut key = sp_io::storage::next_key(&[]);
			let mut entries = 0;
			// The block's events (in `System`) are checked one by one below.
			let system = sp_io::hashing::twox_128(b"System");
			while let Some(k) = key {
				if k.starts_with(&system) {
					key = sp_io::storage::next_key(&k);
					continue;
				}
				let mut bytes = k.clone();
				bytes.extend(sp_io::storage::get(&k).map(|v| v.to_vec()).unwrap_or_default());
				let named: Vec<_> =
					persons.iter().filter(|(p, _)| holds(&bytes, p.as_bytes())).collect();
				assert!(named.len() <= 1, "an entry names two persons");
				if let Some((p, _)) = named.first() {
					for (other, other_key) in persons.iter().filter(|(o, _)| o != p) {
						let _ = other;
						assert!(
							!holds(&bytes, &codec::Encode::encode(other_key)),
							"a person beside another's key"
						);
					}
				}
				entries += 1;
				key = sp_io::storage::next_key(&k);
			}
			assert!(entries > 10);
			for e in identity_events() {
				if matches!(e, Event::RelationAttested { .. } | Event::ConsentGranted { .. }) {
					let bytes = codec::Encode::encode(&e);
					let named = persons.iter().filter(|(p, _)| holds(&bytes, p.as_bytes())).count();
					assert!(named <= 1, "an event names two persons");
				}
			}
		});
	}

	#[test]
	fn attest_relation_fails_without_attest_relations() {
		build_and_execute(|| {
			family();
			assert_noop!(
				Identity::attest_relation(
					signed(POLICE),
					RelationKind::ParentOf,
					tag(MOTHER, 0),
					tag(SON, 0),
					false,
					commitment(7),
					0,
					None
				),
				DispatchError::Other("MissingCapability")
			);
		});
	}

	#[test]
	fn attest_relation_fails_for_bad_tags_periods_or_custody() {
		build_and_execute(|| {
			family();
			let attest = |kind, from, to, custody, until| {
				Identity::attest_relation(
					signed(BUREAU),
					kind,
					from,
					to,
					custody,
					commitment(7),
					10,
					until,
				)
			};
			let (m, s) = (tag(MOTHER, 0), tag(SON, 0));
			assert_noop!(
				attest(RelationKind::ParentOf, m, m, false, None),
				Error::<Test>::SelfRelation
			);
			assert_noop!(
				attest(RelationKind::ParentOf, m, s, false, Some(10)),
				Error::<Test>::BadPeriod
			);
			for kind in [RelationKind::SpouseOf, RelationKind::LegalRepresentativeOf] {
				assert_noop!(attest(kind, m, s, true, None), Error::<Test>::CustodyNotApplicable);
			}
			assert_ok!(attest(RelationKind::ParentOf, m, s, false, None));
			// Each end has its own fresh salt: a tag in use cannot start another relation.
			assert_noop!(
				attest(RelationKind::SpouseOf, tag(DAUGHTER, 0), s, false, None),
				Error::<Test>::DuplicateRelation
			);
			assert_noop!(
				attest(RelationKind::SpouseOf, m, tag(DAUGHTER, 0), false, None),
				Error::<Test>::DuplicateRelation
			);
		});
	}

	#[test]
	fn revoke_relation_should_work() {
		build_and_execute(|| {
			family();
			let id = attest(MOTHER, RelationKind::SpouseOf, SON);
			assert_ok!(Identity::revoke_relation(signed(BUREAU), id, 3));
			assert_eq!(Relations::<Test>::get(id), None, "its history is in the events");
			assert_eq!(RelationOfTag::<Test>::get(tag(MOTHER, id)), None);
			assert_eq!(RelationOfTag::<Test>::get(tag(SON, id)), None);
			assert_eq!(last_event(), Event::RelationRevoked { id, by: CIVIL_AFFAIRS, reason: 3 });
		});
	}

	#[test]
	fn revoked_relations_cannot_lock_a_newborn_out() {
		build_and_execute(|| {
			family();
			// Relations are not counted per person (the chain cannot tell whose they are), so
			// junk relations can bound nobody: more than `MaxErasedRelations` is fine.
			for _ in 0..5 {
				let id = attest(MOTHER, RelationKind::ParentOf, DAUGHTER);
				assert_ok!(Identity::revoke_relation(signed(BUREAU), id, 9));
			}
			for _ in 0..4 {
				attest(MOTHER, RelationKind::ParentOf, DAUGHTER);
			}
			assert_eq!(Relations::<Test>::iter().count(), 4);
		});
	}

	#[test]
	fn only_the_attester_revokes_a_relation_or_sets_custody() {
		build_and_execute(|| {
			family();
			let id = attest(MOTHER, RelationKind::ParentOf, DAUGHTER);
			Attesters::set(&vec![POLICE]);
			assert_noop!(
				Identity::revoke_relation(signed(POLICE), id, 1),
				Error::<Test>::NotAttester
			);
			assert_noop!(
				Identity::set_custody(signed(POLICE), id, false),
				Error::<Test>::NotAttester
			);
			// Once the attester has left, another attesting agency may.
			Departed::set(&vec![CIVIL_AFFAIRS]);
			assert_ok!(Identity::set_custody(signed(POLICE), id, false));
			assert_ok!(Identity::revoke_relation(signed(POLICE), id, 1));
		});
	}

	#[test]
	fn set_custody_should_work() {
		build_and_execute(|| {
			family();
			let id = attest(MOTHER, RelationKind::ParentOf, DAUGHTER);
			assert_ok!(Identity::set_custody(signed(BUREAU), id, false));
			assert!(!Relations::<Test>::get(id).unwrap().custody);
			assert_eq!(last_event(), Event::CustodyChanged { id, custody: false });
			let spouses = attest(MOTHER, RelationKind::SpouseOf, SON);
			assert_noop!(
				Identity::set_custody(signed(BUREAU), spouses, true),
				Error::<Test>::CustodyNotApplicable
			);
			assert_noop!(
				Identity::set_custody(signed(BUREAU), 77, true),
				Error::<Test>::UnknownRelation
			);
		});
	}

	#[test]
	fn a_relation_is_proven_by_the_salt_of_ones_own_end_and_reads_the_direction() {
		build_and_execute(|| {
			family();
			let father = H256::repeat_byte(0xF1);
			register(father, 105, SubjectKind::Citizen, false);
			let child = attest(MOTHER, RelationKind::ParentOf, SON);
			let married = attest(MOTHER, RelationKind::SpouseOf, father);
			let now = Now::get();
			let proven = |p, kind, id| Identity::proven_relation(&p, kind, &salt(p, id), now);
			assert_eq!(proven(MOTHER, RelationKind::ParentOf, child), Some(child), "a parent");
			assert_eq!(proven(SON, RelationKind::ParentOf, child), None, "a child is not");
			assert_eq!(proven(father, RelationKind::SpouseOf, married), Some(married));
			assert_eq!(proven(MOTHER, RelationKind::SpouseOf, married), Some(married));
			assert_eq!(proven(MOTHER, RelationKind::SpouseOf, child), None, "wrong kind");
			// Another person's salt, or one's own for another relation, proves nothing.
			assert_eq!(proven(SON, RelationKind::SpouseOf, married), None);
			assert_eq!(
				Identity::proven_relation(&MOTHER, RelationKind::ParentOf, &salt(SON, child), now),
				None
			);
		});
	}

	#[test]
	fn the_attester_sets_end_keys_which_prove_the_relation_s_direction_while_it_holds() {
		use civitas_primitives::RelationEnds;
		use sp_core::sr25519::Public;
		build_and_execute(|| {
			family();
			let (a, b) = (Public::from_raw([1; 32]), Public::from_raw([2; 32]));
			let child = attest(MOTHER, RelationKind::ParentOf, SON);
			let married = attest_with(MOTHER, RelationKind::SpouseOf, COMPANY, false, 0, None);
			let now = Now::get();
			assert!(Identity::end_keys(child, RelationKind::ParentOf, now).is_empty(), "no keys");
			// Bad callers and input change nothing.
			assert_noop!(
				Identity::set_end_keys(signed(BUREAU), 77, a, b),
				Error::<Test>::UnknownRelation
			);
			assert_noop!(
				Identity::set_end_keys(signed(BUREAU), child, a, a),
				Error::<Test>::SameEndKeys
			);
			assert_noop!(
				Identity::set_end_keys(signed(MOTHER_KEY), child, a, b),
				DispatchError::Other("NotStaff")
			);
			assert_ok!(Identity::set_end_keys(signed(BUREAU), child, a, b));
			assert_eq!(last_event(), Event::EndKeysSet { id: child });
			assert_ok!(Identity::set_end_keys(signed(BUREAU), married, b, a));
			// A parent relation is proven by its first end's key only; a marriage by either.
			assert_eq!(Identity::end_keys(child, RelationKind::ParentOf, now), vec![a]);
			assert!(Identity::end_keys(child, RelationKind::SpouseOf, now).is_empty());
			assert_eq!(Identity::end_keys(married, RelationKind::SpouseOf, now), vec![b, a]);
			// Revoked, the relation proves nothing and its keys leave the state.
			assert_ok!(Identity::revoke_relation(signed(BUREAU), child, 1));
			assert_eq!(EndKeys::<Test>::get(child), None);
			assert!(Identity::end_keys(child, RelationKind::ParentOf, now).is_empty());
			// A relation that has not begun, or has ended, proves nothing either.
			let later = attest_with(MOTHER, RelationKind::GuardianOf, SON, false, now + 10, None);
			assert_ok!(Identity::set_end_keys(signed(BUREAU), later, a, b));
			assert!(Identity::end_keys(later, RelationKind::GuardianOf, now).is_empty());
			assert_eq!(Identity::end_keys(later, RelationKind::GuardianOf, now + 10), vec![a]);
		});
	}

	#[test]
	fn revoke_relation_fails_for_unknown_or_revoked() {
		build_and_execute(|| {
			family();
			let id = attest(MOTHER, RelationKind::SpouseOf, SON);
			assert_noop!(
				Identity::revoke_relation(signed(BUREAU), 77, 1),
				Error::<Test>::UnknownRelation
			);
			assert_noop!(
				Identity::revoke_relation(signed(POLICE), id, 1),
				DispatchError::Other("MissingCapability")
			);
			assert_ok!(Identity::revoke_relation(signed(BUREAU), id, 1));
			assert_noop!(
				Identity::revoke_relation(signed(BUREAU), id, 1),
				Error::<Test>::UnknownRelation
			);
		});
	}
}

mod verify {
	use super::*;

	/// The story of ../shared/DESIGN.md: "is she the mother of him?", asked under the
	/// mother's identity alias, which she showed the office with her end key's proof.
	#[test]
	fn mother_story_end_to_end() {
		build_and_execute(|| {
			family();
			let (id, mothers) = mother_and_son(false);
			// Without consent: refused.
			assert_noop!(is_mother(id, mothers), Error::<Test>::NoConsent);
			// With consent for "emergency contact": yes, and traced under the alias.
			let until = Now::get() + DAY;
			assert_ok!(consent(MOTHER_ALIAS_KEY, Scope::Relations, until));
			assert_eq!(
				last_event(),
				Event::ConsentGranted {
					subject: MOTHER_ALIAS,
					agency: PASSPORTS,
					scope: Scope::Relations,
					purpose: emergency(),
					until
				}
			);
			assert_ok!(is_mother(id, mothers));
			assert_eq!(
				last_event(),
				Event::Verified {
					subject: MOTHER_ALIAS,
					agency: PASSPORTS,
					scope: Scope::Relations,
					purpose: emergency(),
					answer: true
				}
			);
			let (log, count) = access_log(MOTHER_ALIAS);
			assert_eq!(count, 1);
			assert_eq!(
				log,
				vec![AccessRecord {
					agency: PASSPORTS,
					scope: Scope::Relations,
					purpose: emergency(),
					at: Now::get(),
					block: 1,
					answer: true
				}]
			);
			// Nothing is kept under a person id.
			assert_eq!(AccessCount::<Test>::iter_keys().collect::<Vec<_>>(), vec![MOTHER_ALIAS]);
			// Consent expired: refused again.
			Now::set(&until);
			assert_noop!(is_mother(id, mothers), Error::<Test>::NoConsent);
		});
	}

	#[test]
	fn verify_answers_no_for_a_wrong_key_kind_alias_or_a_revoked_relation() {
		build_and_execute(|| {
			family();
			let (id, mothers) = mother_and_son(false);
			let sons = EndKeys::<Test>::get(id).unwrap().1;
			assert_ok!(consent(MOTHER_ALIAS_KEY, Scope::Relations, Now::get() + DAY));
			let answer = answer_relation;
			assert!(answer(id, RelationKind::ParentOf, false, prove(mothers, id, MOTHER_ALIAS)));
			// The son's end, read the wrong way round: no.
			assert!(!answer(id, RelationKind::ParentOf, false, prove(sons, id, MOTHER_ALIAS)));
			// Another kind, an unknown relation, custody the relation does not carry: no.
			assert!(!answer(id, RelationKind::GuardianOf, false, prove(mothers, id, MOTHER_ALIAS)));
			assert!(!answer(77, RelationKind::ParentOf, false, prove(mothers, 77, MOTHER_ALIAS)));
			assert!(!answer(id, RelationKind::ParentOf, true, prove(mothers, id, MOTHER_ALIAS)));
			// A proof made for another alias (replayed) proves nothing for this one.
			assert!(!answer(id, RelationKind::ParentOf, false, prove(mothers, id, SON_ALIAS)));
			assert_ok!(Identity::revoke_relation(signed(BUREAU), id, 1));
			assert!(!answer(id, RelationKind::ParentOf, false, prove(mothers, id, MOTHER_ALIAS)));
			// Spouses either end.
			let married = attest(SON, RelationKind::SpouseOf, MOTHER);
			let (a, b) = (end_key("a"), end_key("b"));
			assert_ok!(Identity::set_end_keys(signed(BUREAU), married, a, b));
			assert!(answer(
				married,
				RelationKind::SpouseOf,
				false,
				prove(b, married, MOTHER_ALIAS)
			));
			assert!(answer(
				married,
				RelationKind::SpouseOf,
				false,
				prove(a, married, MOTHER_ALIAS)
			));
		});
	}

	#[test]
	fn custody_is_answered_while_the_attester_keeps_it() {
		build_and_execute(|| {
			family();
			let (id, mothers) = mother_and_son(true);
			assert_ok!(consent(MOTHER_ALIAS_KEY, Scope::Relations, Now::get() + DAY));
			let has_custody = || {
				answer_relation(id, RelationKind::ParentOf, true, prove(mothers, id, MOTHER_ALIAS))
			};
			assert!(has_custody());
			assert_ok!(Identity::set_custody(signed(BUREAU), id, false));
			assert!(!has_custody());
			// Still the mother.
			assert_ok!(is_mother(id, mothers));
			assert!(matches!(last_event(), Event::Verified { answer: true, .. }));
		});
	}

	#[test]
	fn verify_respects_the_relation_period() {
		build_and_execute(|| {
			family();
			let now = Now::get();
			let id = attest_with(MOTHER, RelationKind::GuardianOf, SON, false, now + DAY, None);
			let key = end_key("guardian");
			assert_ok!(Identity::set_end_keys(signed(BUREAU), id, key, end_key("ward")));
			assert_ok!(consent(MOTHER_ALIAS_KEY, Scope::Relations, now + 2 * DAY));
			let is_guardian = || {
				answer_relation(id, RelationKind::GuardianOf, false, prove(key, id, MOTHER_ALIAS))
			};
			assert!(!is_guardian());
			Now::set(&(now + DAY));
			assert!(is_guardian());
		});
	}

	/// The identity consent outlives the alias, so that the agency learns that the alias no
	/// longer stands for a live person.
	#[test]
	fn status_answers_whether_the_alias_still_stands_for_a_live_person() {
		build_and_execute(|| {
			family();
			assert_ok!(consent(MOTHER_ALIAS_KEY, Scope::Identity, Now::get() + DAY));
			assert_ok!(ask(MOTHER_ALIAS, Question::Status));
			assert!(matches!(
				last_event(),
				Event::Verified { answer: true, scope: Scope::Identity, .. }
			));
			end_alias(MOTHER_ALIAS);
			assert_ok!(ask(MOTHER_ALIAS, Question::Status));
			assert!(matches!(last_event(), Event::Verified { answer: false, .. }));
			// Relations were not consented to.
			let (id, mothers) = mother_and_son(false);
			assert_noop!(is_mother(id, mothers), Error::<Test>::NoConsent);
		});
	}

	#[test]
	fn verify_fails_for_non_staff_and_tells_a_stranger_nothing() {
		build_and_execute(|| {
			family();
			let (id, mothers) = mother_and_son(false);
			let question = Question::Relation {
				relation: id,
				kind: RelationKind::ParentOf,
				custody: false,
				proof: prove(mothers, id, MOTHER_ALIAS),
			};
			assert_noop!(
				Identity::verify(signed(NOBODY), MOTHER_ALIAS, question.clone(), emergency()),
				DispatchError::Other("NotStaff")
			);
			// An unknown subject, a person id and an alias that gave no consent answer alike.
			for subject in [UNKNOWN, MOTHER, MOTHER_ALIAS] {
				assert_noop!(ask(subject, Question::Status), Error::<Test>::NoConsent);
			}
			assert_noop!(
				Identity::verify(RuntimeOrigin::root(), MOTHER_ALIAS, question, emergency()),
				BadOrigin
			);
		});
	}

	#[test]
	fn access_log_keeps_the_most_recent_within_its_bound() {
		build_and_execute(|| {
			family();
			assert_ok!(consent(MOTHER_ALIAS_KEY, Scope::Identity, Now::get() + DAY));
			for i in 0..5u64 {
				Now::set(&(Now::get() + i));
				assert_ok!(ask(MOTHER_ALIAS, Question::Status));
			}
			let (log, count) = access_log(MOTHER_ALIAS);
			assert_eq!((log.len(), count), (3, 5));
			// The last three, oldest first, in slots 2, 0 and 1 of the ring.
			let start = Now::get() - 10;
			let at: Vec<u64> = log.iter().map(|r| r.at).collect();
			assert_eq!(at, vec![start + 3, start + 6, start + 10]);
			let slots: Vec<u32> = Accesses::<Test>::iter_key_prefix(MOTHER_ALIAS).collect();
			assert_eq!(slots.len(), 3);
			assert_eq!(Accesses::<Test>::get(MOTHER_ALIAS, 1).unwrap().at, Now::get());
		});
	}

	#[test]
	fn an_alias_has_at_most_max_consents() {
		build_and_execute(|| {
			family();
			let give = |agency| {
				Identity::grant_alias_consent(
					signed(MOTHER_ALIAS_KEY),
					Domain::Identity,
					agency,
					Scope::Identity,
					emergency(),
					Now::get() + DAY,
				)
			};
			assert_ok!(give(CIVIL_AFFAIRS));
			assert_ok!(give(PUBLIC_SECURITY));
			assert_ok!(consent(MOTHER_ALIAS_KEY, Scope::Relations, Now::get() + DAY));
			// Replacing a consent is no new one.
			assert_ok!(give(CIVIL_AFFAIRS));
			assert_noop!(give(PASSPORTS), Error::<Test>::TooManyConsents);
			assert_ok!(Identity::revoke_alias_consent(
				signed(MOTHER_ALIAS_KEY),
				Domain::Identity,
				PUBLIC_SECURITY,
				Scope::Identity
			));
			assert_ok!(give(PASSPORTS));
			assert_eq!(ConsentCount::<Test>::get(MOTHER_ALIAS), 3);
		});
	}
}

mod migration {
	use super::*;
	use crate::migrations::v1;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

	fn record(at: u64) -> AccessRecordOf<Test> {
		AccessRecord {
			agency: PASSPORTS,
			scope: Scope::Relations,
			purpose: Purpose::Code(1),
			at,
			block: 1,
			answer: true,
		}
	}

	#[test]
	fn v1_moves_every_access_log_into_the_ring_once() {
		build_and_execute(|| {
			StorageVersion::new(0).put::<Identity>();
			// SON: five accesses, the last three kept (bound 3); MOTHER: two of two.
			let son: Vec<_> = (3..6).map(record).collect();
			v1::AccessLog::<Test>::insert(SON, BoundedVec::try_from(son.clone()).unwrap());
			AccessCount::<Test>::insert(SON, 5);
			let mother: Vec<_> = (0..2).map(record).collect();
			v1::AccessLog::<Test>::insert(MOTHER, BoundedVec::try_from(mother.clone()).unwrap());
			AccessCount::<Test>::insert(MOTHER, 2);

			v1::MigrateV0ToV1::<Test>::on_runtime_upgrade();
			assert_eq!(Identity::on_chain_storage_version(), StorageVersion::new(1));
			assert_eq!(v1::AccessLog::<Test>::iter_keys().count(), 0);
			assert_eq!(Identity::access_log(&SON), son);
			assert_eq!(Identity::access_log(&MOTHER), mother);
			// Accesses 2, 3, 4 (from 0) are in slots 2, 0, 1: the next, 5, overwrites 2.
			assert_eq!(Accesses::<Test>::get(SON, 2), Some(record(3)));
			assert_eq!(Accesses::<Test>::get(SON, 0), Some(record(4)));

			// Again: the version guard makes it a no-op.
			v1::AccessLog::<Test>::insert(SON, BoundedVec::try_from(vec![record(9)]).unwrap());
			v1::MigrateV0ToV1::<Test>::on_runtime_upgrade();
			assert_eq!(Identity::access_log(&SON), son);
			v1::AccessLog::<Test>::remove(SON);
		});
	}

	/// Version 1's consents: under person ids (a controller's, a custodian's) and under an
	/// alias; access logs under a person id and under an alias.
	#[test]
	fn v2_keeps_what_aliases_hold_and_drops_what_person_ids_key() {
		use crate::migrations::v2;
		use frame_support::storage::unhashed;
		build_and_execute(|| {
			family();
			StorageVersion::new(1).put::<Identity>();
			let key = |subject: H256, agency: AgencyId, scope: Scope| {
				Consents::<Test>::hashed_key_for((subject, agency, scope))
			};
			let old = |granted_by| v2::OldConsent::<AccountId> {
				purpose: Purpose::Code(1),
				until: Now::get() + DAY,
				granted_by,
			};
			unhashed::put(
				&key(SON, PASSPORTS, Scope::Identity),
				&old(v2::OldGrantor::Subject(SON_KEY)),
			);
			unhashed::put(
				&key(SON, PUBLIC_SECURITY, Scope::Relations),
				&old(v2::OldGrantor::Subject(SON_KEY)),
			);
			ConsentCount::<Test>::insert(SON, 2);
			unhashed::put(
				&key(DAUGHTER, PASSPORTS, Scope::Identity),
				&old(v2::OldGrantor::Custodian(0)),
			);
			ConsentCount::<Test>::insert(DAUGHTER, 1);
			unhashed::put(
				&key(MOTHER_ALIAS, PASSPORTS, Scope::Relations),
				&old(v2::OldGrantor::Alias(Domain::Identity)),
			);
			ConsentCount::<Test>::insert(MOTHER_ALIAS, 1);
			AccessCount::<Test>::insert(SON, 2);
			Accesses::<Test>::insert(SON, 0, record(1));
			Accesses::<Test>::insert(SON, 1, record(2));
			AccessCount::<Test>::insert(MOTHER_ALIAS, 1);
			Accesses::<Test>::insert(MOTHER_ALIAS, 0, record(3));

			v2::MigrateV1ToV2::<Test>::on_runtime_upgrade();
			assert_eq!(Identity::on_chain_storage_version(), StorageVersion::new(2));
			let consents: Vec<_> = Consents::<Test>::iter().collect();
			assert_eq!(
				consents,
				vec![(
					(MOTHER_ALIAS, PASSPORTS, Scope::Relations),
					Consent { purpose: Purpose::Code(1), until: Now::get() + DAY }
				)]
			);
			let counts: Vec<_> = ConsentCount::<Test>::iter().collect();
			assert_eq!(counts, vec![(MOTHER_ALIAS, 1)]);
			assert_eq!(access_log(SON), (vec![], 0));
			assert_eq!(access_log(MOTHER_ALIAS), (vec![record(3)], 1));
		});
	}
}

mod erasure {
	use super::*;

	fn proofs(salts: Vec<H256>) -> BoundedVec<H256, <Test as Config>::MaxErasedRelations> {
		salts.try_into().unwrap()
	}

	#[test]
	fn erase_person_should_work() {
		build_and_execute(|| {
			family();
			let son = attest(MOTHER, RelationKind::ParentOf, SON);
			let daughter = attest(MOTHER, RelationKind::ParentOf, DAUGHTER);
			assert_ok!(Identity::propose_recovery(signed(BUREAU), SON, 303));

			let erase_son = |origin| {
				Identity::erase_person(origin, SON, proofs(vec![salt(SON, son), salt(SON, son)]))
			};
			assert_noop!(erase_son(signed(POLICE)), Error::<Test>::NotRegistrar);
			assert_ok!(erase_son(signed(BUREAU)));
			let r = Persons::<Test>::get(SON).unwrap();
			assert_eq!(r.status, PersonStatus::Erased);
			assert_eq!((r.commitment, r.controllers.len()), (None, 0));
			assert_eq!(ControllerOf::<Test>::get(SON_KEY), None);
			assert!(!MockEnrolment::is_enrolled(&SON_KEY));
			assert!(Recoveries::<Test>::get(SON).is_none());
			assert_eq!(Relations::<Test>::get(son), None);
			assert_eq!(RelationOfTag::<Test>::get(tag(MOTHER, son)), None);
			assert!(Relations::<Test>::contains_key(daughter), "only the son's is erased");
			assert_eq!(Erasures::get(), vec![SON], "the domain pallets erase their links");
			assert!(!Identity::exists(&SON));
			let events = identity_events();
			assert!(events.contains(&Event::RelationErased { id: son }));
			assert_eq!(
				last_event(),
				Event::PersonErased { person: SON, by: Some(CIVIL_AFFAIRS), relations: 1 }
			);
		});
	}

	#[test]
	fn erase_person_fails_for_a_salt_that_proves_no_relation_of_the_person() {
		build_and_execute(|| {
			family();
			let id = attest(MOTHER, RelationKind::ParentOf, SON);
			// The mother's salt does not prove the son's end; nor does an unknown salt.
			for bad in [salt(MOTHER, id), salt(SON, 9)] {
				assert_noop!(
					Identity::erase_person(signed(BUREAU), SON, proofs(vec![salt(SON, id), bad])),
					Error::<Test>::UnknownRelation
				);
			}
		});
	}

	#[test]
	fn the_consortium_erases_by_vote() {
		build_and_execute(|| {
			family();
			assert_ok!(erase(RuntimeOrigin::root(), SON));
			assert_eq!(last_event(), Event::PersonErased { person: SON, by: None, relations: 0 });
		});
	}

	#[test]
	fn erased_id_cannot_be_registered_again() {
		build_and_execute(|| {
			family();
			assert_ok!(erase(signed(BUREAU), SON));
			assert_noop!(
				Identity::register_person(
					signed(BUREAU),
					SON,
					SubjectKind::Citizen,
					404,
					commitment(1),
					false
				),
				Error::<Test>::AlreadyRegistered
			);
			assert_noop!(erase(signed(BUREAU), SON), Error::<Test>::Erased);
		});
	}

	#[test]
	fn erase_person_fails_without_register_persons() {
		build_and_execute(|| {
			family();
			assert_noop!(
				erase(signed(PASSPORT_OFFICE), SON),
				DispatchError::Other("MissingCapability")
			);
			assert_noop!(erase(signed(BUREAU), UNKNOWN), Error::<Test>::UnknownPerson);
		});
	}
}

mod genesis {
	use super::*;
	use sp_runtime::BuildStorage;

	/// A day after the mock clock's start.
	const TOMORROW: Moment = 1_700_000_000_000 + DAY;

	/// Builds the pallet's genesis after the consortium's, which enrolled the mother's and the
	/// son's keys.
	fn genesis(config: crate::GenesisConfig<Test>) -> sp_io::TestExternalities {
		let mut ext = sp_io::TestExternalities::new(
			frame_system::GenesisConfig::<Test>::default().build_storage().expect("builds"),
		);
		ext.execute_with(|| {
			for key in [MOTHER_KEY, SON_KEY] {
				MockEnrolment::enrol(&key, CIVIL_AFFAIRS, SubjectKind::Citizen).expect("enrolled");
			}
			frame_support::traits::BuildGenesisConfig::build(&config);
			System::set_block_number(1);
		});
		ext
	}

	#[test]
	fn persons_and_consents_from_genesis_serve_questions() {
		genesis(crate::GenesisConfig {
			persons: vec![(MOTHER, SubjectKind::Citizen, MOTHER_KEY, commitment(7), CIVIL_AFFAIRS)],
			consents: vec![(MOTHER_ALIAS, PUBLIC_SECURITY, Scope::Identity, 1, TOMORROW)],
		})
		.execute_with(|| {
			bind_alias(MOTHER_ALIAS_KEY, Domain::Identity, MOTHER_ALIAS);
			let record = Persons::<Test>::get(MOTHER).expect("registered");
			assert_eq!(record.registrar, CIVIL_AFFAIRS);
			assert_eq!(record.commitment, Some(commitment(7)));
			assert_eq!(ControllerOf::<Test>::get(MOTHER_KEY), Some(MOTHER));
			assert!(MockEnrolment::is_enrolled(&MOTHER_KEY));
			assert_eq!(ConsentCount::<Test>::get(MOTHER_ALIAS), 1);
			// The police ask under the consent, for its purpose only; the access is traced.
			let status = Question::Status;
			assert_ok!(Identity::verify(
				signed(POLICE),
				MOTHER_ALIAS,
				status.clone(),
				Purpose::Code(1)
			));
			assert_eq!(AccessCount::<Test>::get(MOTHER_ALIAS), 1);
			assert_noop!(
				Identity::verify(signed(POLICE), MOTHER_ALIAS, status, Purpose::Code(2)),
				Error::<Test>::NoConsent
			);
			Identity::do_try_state().expect("invariants hold");
		});
	}

	#[test]
	#[should_panic(expected = "invalid genesis person")]
	fn a_person_twice_at_genesis_is_refused() {
		let person = (MOTHER, SubjectKind::Citizen, MOTHER_KEY, commitment(7), CIVIL_AFFAIRS);
		genesis(crate::GenesisConfig {
			persons: vec![person, (MOTHER, SubjectKind::Citizen, SON_KEY, commitment(8), 0)],
			consents: vec![],
		});
	}

	#[test]
	#[should_panic(expected = "a genesis person's controller is not enrolled")]
	fn a_person_whose_controller_is_not_enrolled_is_refused() {
		genesis(crate::GenesisConfig {
			persons: vec![(SON, SubjectKind::Citizen, DAUGHTER_KEY, commitment(7), CIVIL_AFFAIRS)],
			consents: vec![],
		});
	}

	#[test]
	#[should_panic(expected = "genesis consent to no agency")]
	fn a_consent_to_no_agency_at_genesis_is_refused() {
		genesis(crate::GenesisConfig {
			persons: vec![(MOTHER, SubjectKind::Citizen, MOTHER_KEY, commitment(7), CIVIL_AFFAIRS)],
			consents: vec![(MOTHER_ALIAS, 42, Scope::Identity, 1, TOMORROW)],
		});
	}

	#[test]
	#[should_panic(expected = "genesis consent under a person id")]
	fn a_consent_under_a_person_id_at_genesis_is_refused() {
		genesis(crate::GenesisConfig {
			persons: vec![(MOTHER, SubjectKind::Citizen, MOTHER_KEY, commitment(7), CIVIL_AFFAIRS)],
			consents: vec![(MOTHER, PUBLIC_SECURITY, Scope::Identity, 1, TOMORROW)],
		});
	}
}

mod member_keys {
	use super::*;

	const KEY: civitas_primitives::MemberKey = [7; 32];
	const NEW_KEY: civitas_primitives::MemberKey = [8; 32];

	fn set(person: PersonId, member: Option<civitas_primitives::MemberKey>) -> DispatchResult {
		Identity::set_member_key(signed(BUREAU), person, member)
	}

	fn in_rings(member: civitas_primitives::MemberKey) -> Option<SubjectKind> {
		RingMembers::get().into_iter().find(|(m, _)| *m == member).map(|(_, k)| k)
	}

	#[test]
	fn the_registrar_records_a_key_which_joins_a_ring_of_its_kind() {
		build_and_execute(|| {
			family();
			assert_ok!(set(MOTHER, Some(KEY)));
			assert_eq!(last_event(), Event::MemberKeySet { person: MOTHER, member: Some(KEY) });
			assert_eq!(MemberKeys::<Test>::get(MOTHER), Some(KEY));
			assert_eq!(in_rings(KEY), Some(SubjectKind::Citizen));
			assert_ok!(set(COMPANY, Some(NEW_KEY)));
			assert_eq!(in_rings(NEW_KEY), Some(SubjectKind::Company));
		});
	}

	#[test]
	fn a_new_key_replaces_the_old_one_in_the_rings() {
		build_and_execute(|| {
			family();
			assert_ok!(set(MOTHER, Some(KEY)));
			assert_ok!(set(MOTHER, Some(NEW_KEY)));
			assert_eq!(in_rings(KEY), None);
			assert_eq!(in_rings(NEW_KEY), Some(SubjectKind::Citizen));
			assert_ok!(set(MOTHER, None));
			assert_eq!(in_rings(NEW_KEY), None);
			assert_eq!(MemberKeys::<Test>::get(MOTHER), None);
		});
	}

	#[test]
	fn bad_keys_and_callers_are_refused_and_change_nothing() {
		build_and_execute(|| {
			family();
			assert_ok!(set(MOTHER, Some(KEY)));
			assert_noop!(set(MOTHER, Some(KEY)), Error::<Test>::MemberKeyUnchanged);
			assert_noop!(set(SON, None), Error::<Test>::MemberKeyUnchanged);
			assert_noop!(set(SON, Some(KEY)), DispatchError::Other("MemberKnown"));
			assert_noop!(set(SON, Some([0xFF; 32])), DispatchError::Other("InvalidMember"));
			assert_noop!(set(UNKNOWN, Some(NEW_KEY)), Error::<Test>::UnknownPerson);
			assert_noop!(
				Identity::set_member_key(signed(POLICE), SON, Some(NEW_KEY)),
				Error::<Test>::NotRegistrar
			);
			assert_noop!(
				Identity::set_member_key(signed(PASSPORT_OFFICE), SON, Some(NEW_KEY)),
				DispatchError::Other("MissingCapability")
			);
			assert_noop!(
				Identity::set_member_key(signed(MOTHER_KEY), SON, Some(NEW_KEY)),
				DispatchError::Other("NotStaff")
			);
			// A replacement that the rings refuse keeps the old key in its ring.
			assert_noop!(set(MOTHER, Some([0xFF; 32])), DispatchError::Other("InvalidMember"));
			assert_eq!(in_rings(KEY), Some(SubjectKind::Citizen));
		});
	}

	#[test]
	fn death_and_emigration_take_the_key_out_of_its_ring_and_return_brings_it_back() {
		build_and_execute(|| {
			family();
			assert_ok!(set(MOTHER, Some(KEY)));
			assert_ok!(Identity::update_person(
				signed(BUREAU),
				MOTHER,
				None,
				Some(PersonStatus::Emigrated),
				None
			));
			assert_eq!(in_rings(KEY), None);
			assert_eq!(MemberKeys::<Test>::get(MOTHER), Some(KEY), "the record keeps it");
			// A key recorded while the person is away joins no ring until it returns.
			assert_ok!(set(MOTHER, Some(NEW_KEY)));
			assert_eq!(in_rings(NEW_KEY), None);
			assert_ok!(Identity::update_person(
				signed(BUREAU),
				MOTHER,
				None,
				Some(PersonStatus::Active),
				None
			));
			assert_eq!(in_rings(NEW_KEY), Some(SubjectKind::Citizen));
			// An update that keeps the status touches no ring.
			assert_ok!(Identity::update_person(
				signed(BUREAU),
				MOTHER,
				Some(commitment(5)),
				None,
				None
			));
			assert_ok!(Identity::update_person(
				signed(BUREAU),
				MOTHER,
				None,
				Some(PersonStatus::Deceased),
				None
			));
			assert_eq!(in_rings(NEW_KEY), None);
		});
	}

	#[test]
	fn a_minor_s_key_joins_its_ring_when_it_comes_of_age() {
		build_and_execute(|| {
			family();
			let of_age =
				|minor| Identity::update_person(signed(BUREAU), DAUGHTER, None, None, minor);
			assert_ok!(set(DAUGHTER, Some(KEY)));
			assert_eq!(MemberKeys::<Test>::get(DAUGHTER), Some(KEY));
			assert_eq!(in_rings(KEY), None, "a minor has no domain aliases");
			assert_ok!(of_age(Some(false)));
			assert_eq!(in_rings(KEY), Some(SubjectKind::Citizen));
			// Marked a minor again (a correction), it leaves; away, coming of age joins nothing.
			assert_ok!(of_age(Some(true)));
			assert_eq!(in_rings(KEY), None);
			assert_ok!(Identity::update_person(
				signed(BUREAU),
				DAUGHTER,
				None,
				Some(PersonStatus::Emigrated),
				Some(false)
			));
			assert_eq!(in_rings(KEY), None);
			assert_ok!(Identity::update_person(
				signed(BUREAU),
				DAUGHTER,
				None,
				Some(PersonStatus::Active),
				None
			));
			assert_eq!(in_rings(KEY), Some(SubjectKind::Citizen));
		});
	}

	#[test]
	fn erasure_takes_the_key_out_of_its_ring_and_forgets_it() {
		build_and_execute(|| {
			family();
			assert_ok!(set(MOTHER, Some(KEY)));
			assert_ok!(set(SON, Some(NEW_KEY)));
			assert_ok!(Identity::update_person(
				signed(BUREAU),
				SON,
				None,
				Some(PersonStatus::Emigrated),
				None
			));
			assert_ok!(erase(signed(BUREAU), MOTHER));
			assert_ok!(erase(signed(BUREAU), SON));
			assert_eq!(MemberKeys::<Test>::get(MOTHER), None);
			assert_eq!(MemberKeys::<Test>::get(SON), None);
			assert!(RingMembers::get().is_empty());
			assert_noop!(set(MOTHER, Some(KEY)), Error::<Test>::Erased);
		});
	}
}

mod alias_consent {
	use super::*;
	use civitas_primitives::Domain;

	const ALIAS: civitas_primitives::Alias = H256::repeat_byte(0xF1);
	const ALIAS_KEY: AccountId = 201;

	fn fund_purpose() -> Purpose {
		Purpose::Code(7)
	}

	fn grant(who: AccountId, scope: Scope, until: Moment) -> DispatchResult {
		Identity::grant_alias_consent(
			signed(who),
			Domain::Fund,
			PUBLIC_SECURITY,
			scope,
			fund_purpose(),
			until,
		)
	}

	#[test]
	fn an_alias_consents_over_its_domain_and_the_read_goes_to_its_log() {
		build_and_execute(|| {
			bind_alias(ALIAS_KEY, Domain::Fund, ALIAS);
			let until = Now::get() + DAY;
			assert_ok!(grant(ALIAS_KEY, Scope::FundAccount, until));
			assert_eq!(
				last_event(),
				Event::ConsentGranted {
					subject: ALIAS,
					agency: PUBLIC_SECURITY,
					scope: Scope::FundAccount,
					purpose: fund_purpose(),
					until,
				}
			);
			let now = Now::get();
			assert!(Identity::has_consent(
				&ALIAS,
				PUBLIC_SECURITY,
				Scope::FundAccount,
				&fund_purpose(),
				now
			));
			Identity::record_access(
				&ALIAS,
				PUBLIC_SECURITY,
				Scope::FundAccount,
				fund_purpose(),
				true,
			);
			assert_eq!(access_log(ALIAS).1, 1);
			// Another agency, scope or purpose is not covered.
			assert!(!Identity::has_consent(
				&ALIAS,
				CIVIL_AFFAIRS,
				Scope::FundAccount,
				&fund_purpose(),
				now
			));
			assert!(!Identity::has_consent(
				&ALIAS,
				PUBLIC_SECURITY,
				Scope::FundAccount,
				&emergency(),
				now
			));
		});
	}

	#[test]
	fn the_consent_stands_only_while_the_alias_is_live() {
		build_and_execute(|| {
			bind_alias(ALIAS_KEY, Domain::Fund, ALIAS);
			assert_ok!(grant(ALIAS_KEY, Scope::FundAccount, Now::get() + DAY));
			end_alias(ALIAS);
			assert!(!Identity::has_consent(
				&ALIAS,
				PUBLIC_SECURITY,
				Scope::FundAccount,
				&fund_purpose(),
				Now::get()
			));
		});
	}

	#[test]
	fn the_alias_revokes_its_consent() {
		build_and_execute(|| {
			bind_alias(ALIAS_KEY, Domain::Fund, ALIAS);
			assert_ok!(grant(ALIAS_KEY, Scope::FundAccount, Now::get() + DAY));
			assert_ok!(Identity::revoke_alias_consent(
				signed(ALIAS_KEY),
				Domain::Fund,
				PUBLIC_SECURITY,
				Scope::FundAccount
			));
			assert_eq!(
				last_event(),
				Event::ConsentRevoked {
					subject: ALIAS,
					agency: PUBLIC_SECURITY,
					scope: Scope::FundAccount
				}
			);
			assert!(!Consents::<Test>::contains_key((ALIAS, PUBLIC_SECURITY, Scope::FundAccount)));
			assert_noop!(
				Identity::revoke_alias_consent(
					signed(ALIAS_KEY),
					Domain::Fund,
					PUBLIC_SECURITY,
					Scope::FundAccount
				),
				Error::<Test>::UnknownConsent
			);
		});
	}

	#[test]
	fn bad_grants_are_refused_and_change_nothing() {
		build_and_execute(|| {
			family();
			bind_alias(ALIAS_KEY, Domain::Fund, ALIAS);
			let until = Now::get() + DAY;
			// Not an alias account (a person's controller is none).
			assert_noop!(grant(MOTHER_KEY, Scope::FundAccount, until), Error::<Test>::NoAlias);
			// An alias of another domain.
			assert_noop!(
				Identity::grant_alias_consent(
					signed(ALIAS_KEY),
					Domain::Wages,
					PUBLIC_SECURITY,
					Scope::Wages,
					fund_purpose(),
					until
				),
				Error::<Test>::NoAlias
			);
			// A scope of another domain, or identity's own.
			assert_noop!(grant(ALIAS_KEY, Scope::Titles, until), Error::<Test>::ScopeOutsideDomain);
			assert_noop!(
				grant(ALIAS_KEY, Scope::Relations, until),
				Error::<Test>::ScopeOutsideDomain
			);
			assert_noop!(
				Identity::grant_alias_consent(
					signed(ALIAS_KEY),
					Domain::Fund,
					77,
					Scope::FundAccount,
					fund_purpose(),
					until
				),
				Error::<Test>::UnknownAgency
			);
			assert_noop!(
				grant(ALIAS_KEY, Scope::FundAccount, Now::get()),
				Error::<Test>::BadConsentPeriod
			);
			assert_noop!(
				grant(ALIAS_KEY, Scope::FundAccount, Now::get() + 366 * DAY),
				Error::<Test>::BadConsentPeriod
			);
		});
	}
}
