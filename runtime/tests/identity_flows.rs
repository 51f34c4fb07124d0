//! Identity flows that cross pallets, on the real runtime: erasure ending the licences of the
//! person's licences alias, key recovery against the real enrolment, persons of an agency that
//! left, and relations proven by salts for consent and by end keys for licences (under the
//! licences alias, with a real ring-VRF binding).

mod common;

use civitas_primitives::{
	relation_end_message, relation_tag, Capability, Domain, PersonId, Purpose, RelationKind, Scope,
	SubjectKind,
};
use civitas_runtime::{
	configs::aliases::RebindGrace, Consortium, Identity, Licences, Runtime, RuntimeCall,
	RuntimeOrigin,
};
use common::{wallet::*, *};
use frame_support::{assert_noop, assert_ok};
use pallet_civitas_identity::Question;
use pallet_civitas_licenses::{Prerequisite, RelationProof};
use sp_core::{sr25519, Pair as _, H256};

const SHOP: PersonId = H256::repeat_byte(0x51);
const FERDIE: PersonId = H256::repeat_byte(0xF0);
const FIRE_SAFETY: u16 = 1;

fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

fn register(by: sp_keyring::Sr25519Keyring, person: PersonId, key: Sr, kind: SubjectKind) {
	assert_ok!(Identity::register_person(
		signed(by),
		person,
		kind,
		account(key),
		H256::repeat_byte(1),
		false
	));
}

type Sr = sp_keyring::Sr25519Keyring;

/// The key of a relation's end that the attester hands over with the certificate.
fn end_key(n: u8) -> sr25519::Pair {
	sr25519::Pair::from_seed(&[n; 32])
}

/// Records wallet `seed`'s member key for `person`, builds the rings and binds a fresh account
/// to the wallet's licences alias through the pool; the alias.
fn licences_alias(person: PersonId, seed: u8) -> H256 {
	record_member_key(person, seed);
	build_rings();
	bind_fresh(seed, Domain::Licences, &format!("licences-{seed}")).1
}

/// A public fire-safety certificate, issued by the civil-affairs bureau (Alice) for the test.
fn fire_safety_for(holder: H256) -> u64 {
	assert_ok!(Licences::register_licence_type(
		root(),
		FIRE_SAFETY,
		b"Fire safety".to_vec().try_into().unwrap(),
		365 * 24 * 3_600_000,
		true,
		vec![Prerequisite::LegalPerson].try_into().unwrap(),
	));
	assert_ok!(Consortium::grant_capability(root(), 0, Capability::IssueLicence(FIRE_SAFETY)));
	let id = pallet_civitas_licenses::NextLicenceId::<Runtime>::get();
	assert_ok!(Licences::issue(
		signed(Alice),
		FIRE_SAFETY,
		holder,
		H256::repeat_byte(0xF5),
		H256::repeat_byte(9),
		None,
		Default::default()
	));
	id
}

/// Attack: erasure left the person's licences (holder, number, document hash) in the state,
/// and a public licence of an erased holder still verified valid. Now the licences name the
/// company's licences alias, which erasure ends (the member key leaves its ring; the alias
/// lives out the rings' grace): then its licence no longer verifies, and what stays of it ties
/// to nobody.
#[test]
fn erasing_a_person_ends_its_licences() {
	run(|| {
		register(Alice, SHOP, Eve, SubjectKind::Company);
		let alias = licences_alias(SHOP, 61);
		let cert = fire_safety_for(alias);
		assert_eq!(Licences::licence_status(cert), Some((true, 0)));
		assert_ok!(Identity::erase_person(signed(Alice), SHOP, Default::default()));
		build_rings();
		assert_eq!(Licences::licence_status(cert), Some((true, 0)), "within the grace");
		pallet_timestamp::Now::<Runtime>::mutate(|t| *t += RebindGrace::get());
		assert_eq!(Licences::licence_status(cert), Some((false, 0)));
		assert_ok!(Licences::verify_licence(signed(Bob), cert, Purpose::Code(1)));
		assert!(has_event(civitas_runtime::RuntimeEvent::Licences(
			pallet_civitas_licenses::Event::LicenceVerified {
				id: cert,
				agency: 1,
				valid: false,
				prerequisite_lapsed: false
			}
		)));
	});
}

/// Attack (issue 32 item 18): key rotations spent the registrar's enrolment window (25
/// citizens rotating blocked their bureau's registrations) and each left an account for good.
#[test]
fn rotations_count_against_no_agency_and_come_once_a_day() {
	run(|| {
		register(Alice, FERDIE, Ferdie, SubjectKind::Citizen);
		let window = pallet_consortium::EnrolmentsInWindow::<Runtime>::get(0);
		assert_ok!(Identity::rotate_key(signed(Ferdie), account(Eve)));
		assert_eq!(pallet_consortium::EnrolmentsInWindow::<Runtime>::get(0), window);
		assert!(matches!(
			Consortium::admission(account(Eve)),
			Some(pallet_consortium::Admission::Enrolled { by: 0, kind: SubjectKind::Citizen })
		));
		assert_eq!(Consortium::admission(account(Ferdie)), None);
		assert_noop!(
			Identity::rotate_key(signed(Eve), account(Sr::DaveStash)),
			pallet_civitas_identity::Error::<Runtime>::RotationTooSoon
		);
		pallet_timestamp::Now::<Runtime>::mutate(|t| *t += 24 * 3_600_000);
		assert_ok!(Identity::rotate_key(signed(Eve), account(Sr::DaveStash)));
	});
}

/// Attack: any agency with `RegisterPersons` erased anyone, irreversibly.
#[test]
fn only_the_registrar_or_the_consortium_erases() {
	run(|| {
		register(Alice, FERDIE, Ferdie, SubjectKind::Citizen);
		assert_noop!(
			Identity::erase_person(signed(Bob), FERDIE, Default::default()),
			pallet_civitas_identity::Error::<Runtime>::NotRegistrar
		);
		assert_ok!(carry(RuntimeCall::Identity(pallet_civitas_identity::Call::erase_person {
			person: FERDIE,
			relations: Default::default(),
		})));
		assert!(!<Identity as civitas_primitives::SubjectRegistry<_>>::exists(&FERDIE));
		assert_eq!(Consortium::admission(account(Ferdie)), None);
	});
}

/// Attack: after a key theft the registrar withdraws the stolen key at once, and then the
/// recovery failed for good with `NotEnrolled`; and any second agency approved at once.
#[test]
fn a_stolen_key_is_withdrawn_and_the_person_recovered_after_the_time_lock() {
	run(|| {
		register(Alice, FERDIE, Ferdie, SubjectKind::Citizen);
		assert_ok!(Consortium::unenrol(signed(Alice), account(Ferdie)));
		assert_ok!(Identity::propose_recovery(signed(Alice), FERDIE, account(Eve)));
		assert_noop!(
			Identity::approve_recovery(signed(Bob), FERDIE),
			pallet_civitas_identity::Error::<Runtime>::RecoveryTimeLocked
		);
		pallet_timestamp::Now::<Runtime>::mutate(|t| *t += 3 * 24 * 3_600_000);
		assert_ok!(Identity::approve_recovery(signed(Bob), FERDIE));
		assert!(Consortium::admission(account(Eve)).is_some());
		assert_eq!(
			<Identity as civitas_primitives::SubjectRegistry<_>>::person_of(&account(Eve)),
			Some(FERDIE)
		);
	});
}

/// Attack: removing an agency orphaned its persons (no key rotation, recovery or death
/// record) and left their accounts enrolled by a non-member.
#[test]
fn an_acting_agency_adopts_the_persons_of_a_removed_registrar() {
	run(|| {
		register(Bob, FERDIE, Ferdie, SubjectKind::Citizen);
		// Bob's agency (1) leaves: first its validator.
		assert_ok!(carry(RuntimeCall::Consortium(pallet_consortium::Call::remove_validator {
			who: account(Bob)
		})));
		next_session();
		next_session();
		assert_ok!(carry(RuntimeCall::Consortium(pallet_consortium::Call::remove_agency {
			agency: 1
		})));
		// The key can no longer be rotated: the registrar is gone.
		assert!(Identity::rotate_key(signed(Ferdie), account(Eve)).is_err());
		assert_ok!(Identity::adopt_person(signed(Alice), FERDIE));
		assert!(matches!(
			Consortium::admission(account(Ferdie)),
			Some(pallet_consortium::Admission::Enrolled { by: 0, .. })
		));
		assert_ok!(Identity::rotate_key(signed(Ferdie), account(Eve)));
		assert_ok!(Identity::update_person(
			signed(Alice),
			FERDIE,
			None,
			Some(pallet_civitas_identity::PersonStatus::Deceased),
			None
		));
	});
}

/// Relations are salted commitments: the bureau attests a mother and her minor son by the
/// tags of their ends and hands each end a key; under the consent of the mother's identity
/// alias another agency asks whether she is the parent, with custody, on her end key's
/// proof (the son's end proves nothing); a licence for parents is issued to her licences
/// alias on the same key; erasing the mother with her salt ends the relation, and the agency
/// learns that it no longer holds.
#[test]
fn custody_and_parenthood_are_proven_by_end_keys_across_pallets() {
	run(|| {
		let (mother, son) = (H256::repeat_byte(0xA1), H256::repeat_byte(0xB2));
		let (mothers, sons) = (H256::repeat_byte(0x11), H256::repeat_byte(0x22));
		register(Alice, mother, Ferdie, SubjectKind::Citizen);
		assert_ok!(Identity::register_person(
			signed(Alice),
			son,
			SubjectKind::Citizen,
			account(Sr::DaveStash),
			H256::repeat_byte(1),
			true
		));
		let relation = pallet_civitas_identity::NextRelationId::<Runtime>::get();
		assert_ok!(Identity::attest_relation(
			signed(Alice),
			RelationKind::ParentOf,
			relation_tag(&mother, &mothers),
			relation_tag(&son, &sons),
			true,
			H256::repeat_byte(7),
			0,
			None
		));
		// The bureau hands each end a key with the certificate.
		let (mothers_key, sons_key) = (end_key(1), end_key(2));
		assert_ok!(Identity::set_end_keys(
			signed(Alice),
			relation,
			mothers_key.public(),
			sons_key.public()
		));
		record_member_key(mother, 62);
		build_rings();
		let (wallet, identity) = bind_fresh(62, Domain::Identity, "identity-62");
		let alias = bind_fresh(62, Domain::Licences, "licences-62").1;
		let purpose = Purpose::Code(3);
		let until = pallet_timestamp::Now::<Runtime>::get() + 86_400_000;
		let consent = RuntimeCall::Identity(pallet_civitas_identity::Call::grant_alias_consent {
			domain: Domain::Identity,
			agency: 1,
			scope: Scope::Relations,
			purpose: purpose.clone(),
			until,
		});
		assert_eq!(submit_by(&wallet, consent), Ok(Ok(())));
		let ask = |key: &sr25519::Pair| {
			let proof = key.sign(&relation_end_message(relation, &identity));
			let question =
				Question::Relation { relation, kind: RelationKind::ParentOf, custody: true, proof };
			assert_ok!(Identity::verify(signed(Bob), identity, question, purpose.clone()));
			let log = Identity::access_log(&identity);
			log.last().expect("traced").answer
		};
		assert!(ask(&mothers_key));
		assert!(!ask(&sons_key));
		assert_eq!(Identity::access_log(&identity).len(), 2);
		assert_eq!(pallet_civitas_identity::AccessCount::<Runtime>::get(mother), 0);

		// The mother proves with the same key that her licences alias is the parent, and the
		// licence lapses with the relation.
		const PARENTS: u16 = 7;
		assert_ok!(Licences::register_licence_type(
			root(),
			PARENTS,
			b"Parental leave".to_vec().try_into().unwrap(),
			365 * 24 * 3_600_000,
			false,
			vec![Prerequisite::HasRelation(RelationKind::ParentOf)].try_into().unwrap(),
		));
		assert_ok!(Consortium::grant_capability(root(), 0, Capability::IssueLicence(PARENTS)));
		let issue = |key: Option<&sr25519::Pair>| {
			let proofs = key
				.map(|k| RelationProof {
					relation,
					signature: k.sign(&relation_end_message(relation, &alias)),
				})
				.into_iter()
				.collect::<Vec<_>>();
			Licences::issue(
				signed(Alice),
				PARENTS,
				alias,
				H256::repeat_byte(0xF6),
				H256::repeat_byte(9),
				None,
				proofs.try_into().unwrap(),
			)
		};
		let missing = || pallet_civitas_licenses::Error::<Runtime>::MissingRelation {
			kind: RelationKind::ParentOf,
		};
		assert_noop!(issue(None), missing());
		assert_noop!(issue(Some(&sons_key)), missing());
		let leave = pallet_civitas_licenses::NextLicenceId::<Runtime>::get();
		assert_ok!(issue(Some(&mothers_key)));

		assert_ok!(Identity::erase_person(
			signed(Alice),
			mother,
			vec![mothers].try_into().unwrap()
		));
		assert_eq!(pallet_civitas_identity::Relations::<Runtime>::iter().count(), 0);
		assert!(!ask(&mothers_key), "the relation is gone");
		// The relation is gone, and with it the licence issued on it (a revocation would do
		// the same), before the mother's alias ends.
		assert!(!Licences::is_valid(
			&pallet_civitas_licenses::Licences::<Runtime>::get(leave).unwrap(),
			pallet_timestamp::Now::<Runtime>::get()
		));
	});
}
