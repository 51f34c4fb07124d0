//! Unit tests: one behaviour per test; every error with `assert_noop!`, every success with its
//! events; `build_and_execute` checks the invariants after each test.

use crate::{
	mock::{Identity, *},
	*,
};
use civitas_primitives::{ConsentCheck, Purpose, Scope, SubjectKind, SubjectRegistry};
use frame_support::{assert_noop, assert_ok};
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

/// Mother, son (adult), daughter (minor) and a company, all registered by the bureau.
fn family() {
	register(MOTHER, MOTHER_KEY, SubjectKind::Citizen, false);
	register(SON, SON_KEY, SubjectKind::Citizen, false);
	register(DAUGHTER, DAUGHTER_KEY, SubjectKind::Citizen, true);
	register(COMPANY, COMPANY_KEY, SubjectKind::Company, false);
}

fn attest(from: PersonId, kind: RelationKind, to: PersonId) -> RelationId {
	let id = NextRelationId::<Test>::get();
	assert_ok!(Identity::attest_relation(signed(BUREAU), from, kind, to, commitment(7), 0, None));
	id
}

fn consent(by: AccountId, subject: PersonId, scope: Scope, until: Moment) -> DispatchResult {
	Identity::grant_consent(signed(by), subject, PASSPORTS, scope, emergency(), until)
}

/// The relations naming a person, from the storage.
fn relations_of(person: PersonId) -> usize {
	RelationsOf::<Test>::iter_key_prefix(person).count()
}

/// A person's access log and access count, from the storage.
fn access_log(person: PersonId) -> (Vec<AccessRecordOf<Test>>, u64) {
	(AccessLog::<Test>::get(person).into_inner(), AccessCount::<Test>::get(person))
}

fn is_mother(office: AccountId) -> DispatchResult {
	Identity::verify(
		signed(office),
		SON,
		Question::Relation { relative: MOTHER, kind: RelationKind::ParentOf },
		emergency(),
	)
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
			assert_ok!(Identity::erase_person(signed(BUREAU), MOTHER));
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
			let id = attest(MOTHER, RelationKind::ParentOf, SON);
			let r = Relations::<Test>::get(id).unwrap();
			assert_eq!(
				(r.from, r.kind, r.to, r.attester),
				(MOTHER, RelationKind::ParentOf, SON, CIVIL_AFFAIRS)
			);
			assert_eq!(
				ActiveRelation::<Test>::get((MOTHER, RelationKind::ParentOf, SON)),
				Some(id)
			);
			assert_eq!(Persons::<Test>::get(SON).unwrap().relations, 1);
			assert_eq!(
				last_event(),
				Event::RelationAttested {
					id,
					from: MOTHER,
					kind: RelationKind::ParentOf,
					to: SON,
					attester: CIVIL_AFFAIRS
				}
			);
		});
	}

	#[test]
	fn attest_relation_fails_without_attest_relations() {
		build_and_execute(|| {
			family();
			assert_noop!(
				Identity::attest_relation(
					signed(POLICE),
					MOTHER,
					RelationKind::ParentOf,
					SON,
					commitment(7),
					0,
					None
				),
				DispatchError::Other("MissingCapability")
			);
		});
	}

	#[test]
	fn attest_relation_fails_for_bad_persons_or_periods() {
		build_and_execute(|| {
			family();
			let attest = |from, kind, to, until| {
				Identity::attest_relation(signed(BUREAU), from, kind, to, commitment(7), 10, until)
			};
			assert_noop!(
				attest(MOTHER, RelationKind::ParentOf, MOTHER, None),
				Error::<Test>::SelfRelation
			);
			assert_noop!(
				attest(MOTHER, RelationKind::ParentOf, UNKNOWN, None),
				Error::<Test>::UnknownPerson
			);
			assert_noop!(
				attest(MOTHER, RelationKind::ParentOf, SON, Some(10)),
				Error::<Test>::BadPeriod
			);
			assert_noop!(
				attest(MOTHER, RelationKind::ParentOf, COMPANY, None),
				Error::<Test>::WrongSubjectKind
			);
			assert_noop!(
				attest(COMPANY, RelationKind::LegalRepresentativeOf, SON, None),
				Error::<Test>::WrongSubjectKind
			);
			assert_ok!(attest(MOTHER, RelationKind::LegalRepresentativeOf, COMPANY, None));
		});
	}

	#[test]
	fn attest_relation_fails_when_already_active_or_too_many() {
		build_and_execute(|| {
			family();
			attest(MOTHER, RelationKind::SpouseOf, SON);
			assert_noop!(
				Identity::attest_relation(
					signed(BUREAU),
					SON,
					RelationKind::SpouseOf,
					MOTHER,
					commitment(7),
					0,
					None
				),
				Error::<Test>::DuplicateRelation
			);
			attest(MOTHER, RelationKind::ParentOf, SON);
			attest(MOTHER, RelationKind::ParentOf, DAUGHTER);
			// The mother is named in three relations: the maximum.
			assert_noop!(
				Identity::attest_relation(
					signed(BUREAU),
					MOTHER,
					RelationKind::GuardianOf,
					DAUGHTER,
					commitment(7),
					0,
					None
				),
				Error::<Test>::TooManyRelations
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
			assert_eq!(ActiveRelation::<Test>::get((MOTHER, RelationKind::SpouseOf, SON)), None);
			assert_eq!(relations_of(MOTHER), 0);
			assert_eq!(Persons::<Test>::get(MOTHER).unwrap().relations, 0);
			assert_eq!(last_event(), Event::RelationRevoked { id, by: CIVIL_AFFAIRS, reason: 3 });
			// And it can be attested again.
			attest(MOTHER, RelationKind::SpouseOf, SON);
		});
	}

	#[test]
	fn revoked_relations_cannot_lock_a_newborn_out() {
		build_and_execute(|| {
			family();
			// Attesting and revoking junk relations used to fill the child's bound for good.
			for _ in 0..5 {
				let id = attest(MOTHER, RelationKind::ParentOf, DAUGHTER);
				assert_ok!(Identity::revoke_relation(signed(BUREAU), id, 9));
			}
			attest(MOTHER, RelationKind::ParentOf, DAUGHTER);
			assert_eq!(Persons::<Test>::get(DAUGHTER).unwrap().relations, 1);
		});
	}

	#[test]
	fn only_the_attester_revokes_a_relation() {
		build_and_execute(|| {
			family();
			let id = attest(MOTHER, RelationKind::SpouseOf, SON);
			Attesters::set(&vec![POLICE]);
			assert_noop!(
				Identity::revoke_relation(signed(POLICE), id, 1),
				Error::<Test>::NotAttester
			);
			// Once the attester has left, another attesting agency may.
			Departed::set(&vec![CIVIL_AFFAIRS]);
			assert_ok!(Identity::revoke_relation(signed(POLICE), id, 1));
		});
	}

	#[test]
	fn attest_relation_fails_for_a_person_not_active() {
		build_and_execute(|| {
			family();
			assert_ok!(Identity::update_person(
				signed(BUREAU),
				MOTHER,
				None,
				Some(PersonStatus::Deceased),
				None
			));
			assert_noop!(
				Identity::attest_relation(
					signed(BUREAU),
					MOTHER,
					RelationKind::ParentOf,
					SON,
					commitment(7),
					0,
					None
				),
				Error::<Test>::NotActive
			);
		});
	}

	#[test]
	fn has_relation_reads_the_direction() {
		build_and_execute(|| {
			family();
			let father = H256::repeat_byte(0xF1);
			register(father, 105, SubjectKind::Citizen, false);
			attest(MOTHER, RelationKind::ParentOf, SON);
			attest(MOTHER, RelationKind::SpouseOf, father);
			let now = Now::get();
			assert!(Identity::has_relation(&MOTHER, RelationKind::ParentOf, now), "a parent");
			assert!(!Identity::has_relation(&SON, RelationKind::ParentOf, now), "a child is not");
			assert!(Identity::has_relation(&father, RelationKind::SpouseOf, now));
			assert!(Identity::has_relation(&MOTHER, RelationKind::SpouseOf, now));
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

mod consent {
	use super::*;

	#[test]
	fn grant_consent_should_work() {
		build_and_execute(|| {
			family();
			let until = Now::get() + DAY;
			assert_ok!(consent(SON_KEY, SON, Scope::Relations, until));
			assert!(Identity::has_consent(
				&SON,
				PASSPORTS,
				Scope::Relations,
				&emergency(),
				Now::get()
			));
			assert!(!Identity::has_consent(
				&SON,
				PASSPORTS,
				Scope::Identity,
				&emergency(),
				Now::get()
			));
			assert!(!Identity::has_consent(
				&SON,
				PASSPORTS,
				Scope::Relations,
				&Purpose::Code(1),
				Now::get()
			));
			assert!(!Identity::has_consent(&SON, PASSPORTS, Scope::Relations, &emergency(), until));
			assert_eq!(
				last_event(),
				Event::ConsentGranted {
					subject: SON,
					agency: PASSPORTS,
					scope: Scope::Relations,
					purpose: emergency(),
					until,
					granted_by: SON_KEY
				}
			);
		});
	}

	#[test]
	fn parent_grants_consent_for_a_minor_child() {
		build_and_execute(|| {
			family();
			attest(MOTHER, RelationKind::ParentOf, DAUGHTER);
			attest(MOTHER, RelationKind::ParentOf, SON);
			assert_ok!(consent(MOTHER_KEY, DAUGHTER, Scope::Identity, Now::get() + DAY));
			// The son is of age: his mother cannot consent for him.
			assert_noop!(
				consent(MOTHER_KEY, SON, Scope::Identity, Now::get() + DAY),
				Error::<Test>::NotController
			);
		});
	}

	#[test]
	fn a_minor_cannot_consent_alone_but_may_withdraw() {
		build_and_execute(|| {
			family();
			assert_noop!(
				consent(DAUGHTER_KEY, DAUGHTER, Scope::Identity, Now::get() + DAY),
				Error::<Test>::NotController
			);
			attest(MOTHER, RelationKind::ParentOf, DAUGHTER);
			assert_ok!(consent(MOTHER_KEY, DAUGHTER, Scope::Identity, Now::get() + DAY));
			assert_ok!(Identity::revoke_consent(
				signed(DAUGHTER_KEY),
				DAUGHTER,
				PASSPORTS,
				Scope::Identity
			));
		});
	}

	#[test]
	fn a_parent_no_longer_active_cannot_consent_for_a_minor() {
		build_and_execute(|| {
			family();
			attest(MOTHER, RelationKind::ParentOf, DAUGHTER);
			for status in [PersonStatus::Deceased, PersonStatus::Emigrated] {
				assert_ok!(Identity::update_person(
					signed(BUREAU),
					MOTHER,
					None,
					Some(status),
					None
				));
				assert_noop!(
					consent(MOTHER_KEY, DAUGHTER, Scope::Identity, Now::get() + DAY),
					Error::<Test>::NotController
				);
			}
		});
	}

	#[test]
	fn custody_passed_to_a_guardian_ends_the_parents_power() {
		build_and_execute(|| {
			family();
			attest(MOTHER, RelationKind::ParentOf, DAUGHTER);
			attest(SON, RelationKind::GuardianOf, DAUGHTER);
			assert_noop!(
				consent(MOTHER_KEY, DAUGHTER, Scope::Identity, Now::get() + DAY),
				Error::<Test>::NotController
			);
			assert_ok!(consent(SON_KEY, DAUGHTER, Scope::Identity, Now::get() + DAY));
		});
	}

	#[test]
	fn grant_consent_fails_for_strangers() {
		build_and_execute(|| {
			family();
			assert_noop!(
				consent(MOTHER_KEY, DAUGHTER, Scope::Identity, Now::get() + DAY),
				Error::<Test>::NotController
			);
			assert_noop!(
				consent(NOBODY, SON, Scope::Identity, Now::get() + DAY),
				Error::<Test>::NotController
			);
		});
	}

	#[test]
	fn grant_consent_fails_for_bad_period_agency_or_status() {
		build_and_execute(|| {
			family();
			assert_noop!(
				consent(SON_KEY, SON, Scope::Identity, Now::get()),
				Error::<Test>::BadConsentPeriod
			);
			assert_noop!(
				consent(SON_KEY, SON, Scope::Identity, Now::get() + 366 * DAY),
				Error::<Test>::BadConsentPeriod
			);
			assert_noop!(
				Identity::grant_consent(
					signed(SON_KEY),
					SON,
					42,
					Scope::Identity,
					emergency(),
					Now::get() + DAY
				),
				Error::<Test>::UnknownAgency
			);
			assert_noop!(
				consent(SON_KEY, UNKNOWN, Scope::Identity, Now::get() + DAY),
				Error::<Test>::UnknownPerson
			);
			assert_ok!(Identity::update_person(
				signed(BUREAU),
				SON,
				None,
				Some(PersonStatus::Emigrated),
				None
			));
			assert_noop!(
				consent(SON_KEY, SON, Scope::Identity, Now::get() + DAY),
				Error::<Test>::NotActive
			);
		});
	}

	#[test]
	fn a_subject_has_at_most_max_consents() {
		build_and_execute(|| {
			family();
			let give = |scope| consent(SON_KEY, SON, scope, Now::get() + DAY);
			assert_ok!(give(Scope::Identity));
			assert_ok!(give(Scope::Relations));
			assert_ok!(give(Scope::Licence(1)));
			// Replacing a consent is no new one.
			assert_ok!(give(Scope::Identity));
			assert_noop!(give(Scope::Licence(2)), Error::<Test>::TooManyConsents);
			assert_ok!(Identity::revoke_consent(
				signed(SON_KEY),
				SON,
				PASSPORTS,
				Scope::Licence(1)
			));
			assert_ok!(give(Scope::Licence(2)));
			assert_eq!(ConsentCount::<Test>::get(SON), 3);
		});
	}

	#[test]
	fn revoke_consent_should_work() {
		build_and_execute(|| {
			family();
			assert_ok!(consent(SON_KEY, SON, Scope::Relations, Now::get() + DAY));
			assert_ok!(Identity::revoke_consent(signed(SON_KEY), SON, PASSPORTS, Scope::Relations));
			assert!(!Identity::has_consent(
				&SON,
				PASSPORTS,
				Scope::Relations,
				&emergency(),
				Now::get()
			));
			assert_eq!(
				last_event(),
				Event::ConsentRevoked { subject: SON, agency: PASSPORTS, scope: Scope::Relations }
			);
		});
	}

	#[test]
	fn revoke_consent_fails_for_unknown_consent_or_stranger() {
		build_and_execute(|| {
			family();
			assert_noop!(
				Identity::revoke_consent(signed(SON_KEY), SON, PASSPORTS, Scope::Relations),
				Error::<Test>::UnknownConsent
			);
			assert_ok!(consent(SON_KEY, SON, Scope::Relations, Now::get() + DAY));
			assert_noop!(
				Identity::revoke_consent(signed(MOTHER_KEY), SON, PASSPORTS, Scope::Relations),
				Error::<Test>::NotController
			);
		});
	}
}

mod verify {
	use super::*;

	/// The story of ../shared/DESIGN.md: "is she the mother of him?"
	#[test]
	fn mother_story_end_to_end() {
		build_and_execute(|| {
			family();
			attest(MOTHER, RelationKind::ParentOf, SON);
			// Without consent: refused.
			assert_noop!(is_mother(PASSPORT_OFFICE), Error::<Test>::NoConsent);
			// With consent for "emergency contact": yes, and traced.
			let until = Now::get() + DAY;
			assert_ok!(consent(SON_KEY, SON, Scope::Relations, until));
			assert_ok!(is_mother(PASSPORT_OFFICE));
			assert_eq!(
				last_event(),
				Event::Verified {
					subject: SON,
					agency: PASSPORTS,
					scope: Scope::Relations,
					purpose: emergency(),
					answer: true
				}
			);
			let (log, count) = access_log(SON);
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
			// Consent expired: refused again.
			Now::set(&until);
			assert_noop!(is_mother(PASSPORT_OFFICE), Error::<Test>::NoConsent);
		});
	}

	#[test]
	fn verify_answers_no_for_a_false_or_revoked_relation() {
		build_and_execute(|| {
			family();
			assert_ok!(consent(SON_KEY, SON, Scope::Relations, Now::get() + DAY));
			assert_ok!(is_mother(PASSPORT_OFFICE));
			assert_eq!(
				last_event(),
				Event::Verified {
					subject: SON,
					agency: PASSPORTS,
					scope: Scope::Relations,
					purpose: emergency(),
					answer: false
				}
			);
			let id = attest(MOTHER, RelationKind::ParentOf, SON);
			assert_ok!(Identity::revoke_relation(signed(BUREAU), id, 1));
			assert_ok!(is_mother(PASSPORT_OFFICE));
			assert!(matches!(last_event(), Event::Verified { answer: false, .. }));
		});
	}

	#[test]
	fn verify_respects_the_relation_period() {
		build_and_execute(|| {
			family();
			let now = Now::get();
			assert_ok!(Identity::attest_relation(
				signed(BUREAU),
				MOTHER,
				RelationKind::GuardianOf,
				SON,
				commitment(7),
				now + DAY,
				None
			));
			assert_ok!(consent(SON_KEY, SON, Scope::Relations, now + 2 * DAY));
			let is_guardian = || {
				Identity::verify(
					signed(PASSPORT_OFFICE),
					SON,
					Question::Relation { relative: MOTHER, kind: RelationKind::GuardianOf },
					emergency(),
				)
			};
			assert_ok!(is_guardian());
			assert!(matches!(last_event(), Event::Verified { answer: false, .. }));
			Now::set(&(now + DAY));
			assert_ok!(is_guardian());
			assert!(matches!(last_event(), Event::Verified { answer: true, .. }));
		});
	}

	#[test]
	fn verify_status_and_commitment() {
		build_and_execute(|| {
			family();
			assert_ok!(consent(SON_KEY, SON, Scope::Identity, Now::get() + DAY));
			let ask =
				|question| Identity::verify(signed(PASSPORT_OFFICE), SON, question, emergency());
			assert_ok!(ask(Question::Status { registrar: Some(CIVIL_AFFAIRS) }));
			assert!(matches!(
				last_event(),
				Event::Verified { answer: true, scope: Scope::Identity, .. }
			));
			assert_ok!(ask(Question::Status { registrar: Some(PUBLIC_SECURITY) }));
			assert!(matches!(last_event(), Event::Verified { answer: false, .. }));
			assert_ok!(ask(Question::Commitment { commitment: commitment(1) }));
			assert!(matches!(last_event(), Event::Verified { answer: true, .. }));
			assert_ok!(ask(Question::Commitment { commitment: commitment(2) }));
			assert!(matches!(last_event(), Event::Verified { answer: false, .. }));
			// Relations were not consented to.
			assert_noop!(is_mother(PASSPORT_OFFICE), Error::<Test>::NoConsent);
		});
	}

	#[test]
	fn verify_fails_for_non_staff_and_tells_a_stranger_nothing() {
		build_and_execute(|| {
			family();
			assert_noop!(is_mother(NOBODY), DispatchError::Other("NotStaff"));
			// An unknown subject and a subject that gave no consent answer alike: asking does
			// not tell whether a person id exists.
			for subject in [UNKNOWN, SON] {
				assert_noop!(
					Identity::verify(
						signed(PASSPORT_OFFICE),
						subject,
						Question::Status { registrar: None },
						emergency()
					),
					Error::<Test>::NoConsent
				);
			}
			assert_noop!(
				Identity::verify(
					RuntimeOrigin::root(),
					SON,
					Question::Status { registrar: None },
					emergency()
				),
				BadOrigin
			);
		});
	}

	#[test]
	fn access_log_keeps_the_most_recent_within_its_bound() {
		build_and_execute(|| {
			family();
			assert_ok!(consent(SON_KEY, SON, Scope::Relations, Now::get() + DAY));
			for i in 0..5u64 {
				Now::set(&(Now::get() + i));
				assert_ok!(is_mother(PASSPORT_OFFICE));
			}
			let (log, count) = access_log(SON);
			assert_eq!((log.len(), count), (3, 5));
			assert_eq!(log.last().unwrap().at, Now::get());
		});
	}
}

mod erasure {
	use super::*;

	#[test]
	fn erase_person_should_work() {
		build_and_execute(|| {
			family();
			attest(MOTHER, RelationKind::ParentOf, SON);
			attest(MOTHER, RelationKind::ParentOf, DAUGHTER);
			assert_ok!(consent(SON_KEY, SON, Scope::Relations, Now::get() + DAY));
			assert_ok!(is_mother(PASSPORT_OFFICE));
			assert_ok!(Identity::propose_recovery(signed(BUREAU), SON, 303));

			assert_noop!(Identity::erase_person(signed(POLICE), SON), Error::<Test>::NotRegistrar);
			assert_ok!(Identity::erase_person(signed(BUREAU), SON));
			let r = Persons::<Test>::get(SON).unwrap();
			assert_eq!(r.status, PersonStatus::Erased);
			assert_eq!((r.commitment, r.controllers.len(), r.relations), (None, 0, 0));
			assert_eq!(ControllerOf::<Test>::get(SON_KEY), None);
			assert!(!MockEnrolment::is_enrolled(&SON_KEY));
			assert_eq!(Consents::<Test>::iter_prefix((SON,)).count(), 0);
			assert!(Recoveries::<Test>::get(SON).is_none());
			assert_eq!(relations_of(SON), 0);
			assert_eq!(relations_of(MOTHER), 1, "only the daughter's remains");
			assert_eq!(Erasures::get(), vec![SON], "the domain pallets erase their links");
			assert_eq!(Persons::<Test>::get(MOTHER).unwrap().relations, 1);
			assert_eq!(access_log(SON).1, 1, "the access log is kept");
			assert!(!Identity::exists(&SON));
			assert_eq!(
				last_event(),
				Event::PersonErased { person: SON, by: Some(CIVIL_AFFAIRS), relations: 1 }
			);
		});
	}

	#[test]
	fn the_consortium_erases_by_vote() {
		build_and_execute(|| {
			family();
			assert_ok!(Identity::erase_person(RuntimeOrigin::root(), SON));
			assert_eq!(last_event(), Event::PersonErased { person: SON, by: None, relations: 0 });
		});
	}

	#[test]
	fn erasing_a_parent_ends_the_consents_it_gave_for_a_minor() {
		build_and_execute(|| {
			family();
			attest(MOTHER, RelationKind::ParentOf, DAUGHTER);
			assert_ok!(consent(MOTHER_KEY, DAUGHTER, Scope::Identity, Now::get() + DAY));
			assert_ok!(Identity::erase_person(signed(BUREAU), MOTHER));
			assert_eq!(Consents::<Test>::iter_prefix((DAUGHTER,)).count(), 0);
			assert!(identity_events().contains(&Event::ConsentRevoked {
				subject: DAUGHTER,
				agency: PASSPORTS,
				scope: Scope::Identity
			}));
		});
	}

	#[test]
	fn erased_id_cannot_be_registered_again() {
		build_and_execute(|| {
			family();
			assert_ok!(Identity::erase_person(signed(BUREAU), SON));
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
			assert_noop!(Identity::erase_person(signed(BUREAU), SON), Error::<Test>::Erased);
			assert_noop!(
				consent(SON_KEY, SON, Scope::Identity, Now::get() + DAY),
				Error::<Test>::Erased
			);
		});
	}

	#[test]
	fn erase_person_fails_without_register_persons() {
		build_and_execute(|| {
			family();
			assert_noop!(
				Identity::erase_person(signed(PASSPORT_OFFICE), SON),
				DispatchError::Other("MissingCapability")
			);
			assert_noop!(
				Identity::erase_person(signed(BUREAU), UNKNOWN),
				Error::<Test>::UnknownPerson
			);
		});
	}
}
