//! Unit tests: every call's success with its events, every error with `assert_noop!`;
//! `build_and_execute` checks the invariants after each test.

use crate::{mock::*, *};
use civitas_primitives::RelationKind;
use frame_support::{
	assert_noop, assert_ok,
	traits::{Get, Hooks},
	weights::{RuntimeDbWeight, Weight},
};
use sp_core::sr25519;
use sp_runtime::{traits::BadOrigin, DispatchError};

fn name(s: &str) -> BoundedVec<u8, ConstU32<32>> {
	s.as_bytes().to_vec().try_into().unwrap()
}
use frame_support::traits::ConstU32;

/// The salted hash of licence number `n`.
fn number(n: u8) -> H256 {
	H256::repeat_byte(0x40 + n)
}

fn register(id: u16, public: bool, prerequisites: Vec<Prerequisite>) -> DispatchResult {
	Licensing::register_licence_type(
		RuntimeOrigin::root(),
		id,
		name("a licence"),
		365 * DAY,
		public,
		prerequisites.try_into().unwrap(),
	)
}

/// Fire safety (public, for companies), business (public: a legal person with a valid
/// fire-safety certificate), driving (personal: an adult).
fn catalogue() {
	assert_ok!(register(FIRE_SAFETY, true, vec![Prerequisite::LegalPerson]));
	assert_ok!(register(
		BUSINESS,
		true,
		vec![Prerequisite::LegalPerson, Prerequisite::Licence(FIRE_SAFETY)]
	));
	assert_ok!(register(DRIVING, false, vec![Prerequisite::Alive, Prerequisite::OfAge]));
}

fn issue(by: AccountId, t: u16, holder: Alias) -> Result<LicenceId, DispatchError> {
	let id = NextLicenceId::<Test>::get();
	Licensing::issue(
		RuntimeOrigin::signed(by),
		t,
		holder,
		number(1),
		H256::repeat_byte(9),
		None,
		Default::default(),
	)
	.map_err(|e| e.error)?;
	Ok(id)
}

fn last_event() -> Event<Test> {
	licence_events().pop().expect("an event")
}

fn purpose() -> Purpose {
	Purpose::Code(7)
}

mod licence_types {
	use super::*;

	#[test]
	fn register_licence_type_should_work() {
		build_and_execute(|| {
			catalogue();
			let t = LicenceTypes::<Test>::get(BUSINESS).unwrap();
			assert_eq!(
				t.prerequisites.to_vec(),
				vec![Prerequisite::LegalPerson, Prerequisite::Licence(FIRE_SAFETY)]
			);
			assert_eq!(LicenceTypeCount::<Test>::get(), 3);
			assert_eq!(
				last_event(),
				Event::LicenceTypeRegistered { licence_type: DRIVING, public: false }
			);
		});
	}

	#[test]
	fn register_licence_type_fails_for_bad_input() {
		build_and_execute(|| {
			catalogue();
			assert_noop!(register(FIRE_SAFETY, true, vec![]), Error::<Test>::LicenceTypeExists);
			assert_noop!(
				register(9, true, vec![Prerequisite::Licence(42)]),
				Error::<Test>::UnknownLicenceType
			);
			assert_noop!(
				register(9, true, vec![Prerequisite::Licence(9)]),
				Error::<Test>::CyclicPrerequisites
			);
			assert_noop!(
				Licensing::register_licence_type(
					RuntimeOrigin::root(),
					9,
					name(""),
					DAY,
					true,
					Default::default()
				),
				Error::<Test>::BadName
			);
			assert_noop!(
				Licensing::register_licence_type(
					RuntimeOrigin::root(),
					9,
					name("x"),
					0,
					true,
					Default::default()
				),
				Error::<Test>::BadValidity
			);
			assert_noop!(
				Licensing::register_licence_type(
					RuntimeOrigin::signed(MARKET),
					9,
					name("x"),
					DAY,
					true,
					Default::default()
				),
				BadOrigin
			);
		});
	}

	#[test]
	fn register_licence_type_fails_beyond_max() {
		build_and_execute(|| {
			for id in 10..18 {
				assert_ok!(register(id, true, vec![]));
			}
			assert_noop!(register(20, true, vec![]), Error::<Test>::TooManyLicenceTypes);
		});
	}

	#[test]
	fn set_prerequisites_refuses_cycles() {
		build_and_execute(|| {
			catalogue();
			// Fire safety requiring a business licence would close the circle.
			assert_noop!(
				Licensing::set_prerequisites(
					RuntimeOrigin::root(),
					FIRE_SAFETY,
					vec![Prerequisite::Licence(BUSINESS)].try_into().unwrap()
				),
				Error::<Test>::CyclicPrerequisites
			);
			assert_ok!(register(4, true, vec![Prerequisite::Licence(BUSINESS)]));
			assert_noop!(
				Licensing::set_prerequisites(
					RuntimeOrigin::root(),
					FIRE_SAFETY,
					vec![Prerequisite::Licence(4)].try_into().unwrap()
				),
				Error::<Test>::CyclicPrerequisites
			);
			assert_ok!(Licensing::set_prerequisites(
				RuntimeOrigin::root(),
				FIRE_SAFETY,
				vec![Prerequisite::Alive].try_into().unwrap()
			));
			assert_eq!(last_event(), Event::PrerequisitesSet { licence_type: FIRE_SAFETY });
			assert_noop!(
				Licensing::set_prerequisites(RuntimeOrigin::root(), 42, Default::default()),
				Error::<Test>::UnknownLicenceType
			);
		});
	}
}

mod issuance {
	use super::*;

	#[test]
	fn business_licence_is_refused_until_both_prerequisites_hold() {
		build_and_execute(|| {
			catalogue();
			assert_noop!(issue(MARKET, BUSINESS, GHOST), Error::<Test>::UnknownAlias);
			assert_noop!(issue(MARKET, BUSINESS, ALICE), Error::<Test>::NotLegalPerson);
			assert_noop!(
				issue(MARKET, BUSINESS, SHOP),
				Error::<Test>::MissingLicence { licence_type: FIRE_SAFETY }
			);
			let cert = issue(FIRE_BRIGADE, FIRE_SAFETY, SHOP).unwrap();
			let id = issue(MARKET, BUSINESS, SHOP).unwrap();
			let l = Licences::<Test>::get(id).unwrap();
			assert_eq!((l.holder, l.issuer, l.status), (SHOP, 1, LicenceStatus::Active));
			assert_eq!(l.valid_until, Now::get() + 365 * DAY);
			assert_eq!(
				last_event(),
				Event::LicenceIssued {
					id,
					licence_type: BUSINESS,
					holder: SHOP,
					issuer: 1,
					valid_until: l.valid_until
				}
			);
			// A revoked certificate no longer satisfies the prerequisite.
			assert_ok!(Licensing::revoke(RuntimeOrigin::signed(FIRE_BRIGADE), cert, 1));
			assert_noop!(
				issue(MARKET, BUSINESS, SHOP),
				Error::<Test>::MissingLicence { licence_type: FIRE_SAFETY }
			);
		});
	}

	#[test]
	fn identity_prerequisites_are_answered_from_the_alias() {
		build_and_execute(|| {
			catalogue();
			// No live alias: an ended one (its person died or was erased), a minor's (minors
			// have no aliases) or an unknown one.
			assert_noop!(issue(TRAFFIC, DRIVING, DEAD), Error::<Test>::UnknownAlias);
			assert_noop!(issue(TRAFFIC, DRIVING, CHILD), Error::<Test>::UnknownAlias);
			assert_noop!(issue(TRAFFIC, DRIVING, SHOP), Error::<Test>::NotOfAge);
			assert_ok!(issue(TRAFFIC, DRIVING, ALICE));
			assert_ok!(register(6, false, vec![Prerequisite::Registered, Prerequisite::Alive]));
			assert_ok!(issue(BENCH_ISSUER, 6, SHOP));
			assert_noop!(issue(BENCH_ISSUER, 6, DEAD), Error::<Test>::UnknownAlias);
		});
	}

	/// The key of one end of a relation of the tests.
	fn end_key(n: u8) -> sr25519::Pair {
		<sr25519::Pair as sp_core::Pair>::from_seed(&[n; 32])
	}

	/// A proof by `key` that `holder` is its end of `relation`.
	fn proof(key: &sr25519::Pair, relation: RelationId, holder: &Alias) -> RelationProof {
		use sp_core::Pair as _;
		let signature = key.sign(&civitas_primitives::relation_end_message(relation, holder));
		RelationProof { relation, signature }
	}

	fn issue_with(holder: Alias, relations: Vec<RelationProof>) -> DispatchResult {
		Licensing::issue(
			RuntimeOrigin::signed(BENCH_ISSUER),
			5,
			holder,
			number(2),
			H256::zero(),
			None,
			relations.try_into().unwrap(),
		)
		.map(|_| ())
		.map_err(|e| e.error)
	}

	#[test]
	fn a_relation_is_proven_by_its_end_key_for_one_alias_and_ends_the_licence_with_it() {
		use sp_core::Pair as _;
		build_and_execute(|| {
			assert_ok!(register(
				5,
				false,
				vec![
					Prerequisite::HasRelation(RelationKind::SpouseOf),
					Prerequisite::NaturalPerson
				]
			));
			let (alices, shops) = (end_key(1), end_key(2));
			let spouses =
				|kind| EndKeys::set(&vec![(7, kind, alices.public()), (8, kind, shops.public())]);
			let missing = || Error::<Test>::MissingRelation { kind: RelationKind::SpouseOf };
			assert_noop!(issue_with(ALICE, vec![]), missing());
			// A relation of another kind proves nothing.
			spouses(RelationKind::ParentOf);
			assert_noop!(issue_with(ALICE, vec![proof(&alices, 7, &ALICE)]), missing());
			spouses(RelationKind::SpouseOf);
			// Still missing without the proof, with another relation's key, or with a signature
			// made for another alias (seen in the pool, say).
			assert_noop!(issue_with(ALICE, vec![proof(&shops, 7, &ALICE)]), missing());
			assert_noop!(issue_with(ALICE, vec![proof(&alices, 7, &SHOP)]), missing());
			assert_ok!(issue_with(
				ALICE,
				vec![proof(&shops, 7, &ALICE), proof(&alices, 7, &ALICE)]
			));
			let id = NextLicenceId::<Test>::get() - 1;
			assert_eq!(
				Licences::<Test>::get(id).unwrap().relations.to_vec(),
				vec![(7, RelationKind::SpouseOf)]
			);
			assert_noop!(
				issue_with(SHOP, vec![proof(&shops, 8, &SHOP)]),
				Error::<Test>::NotNaturalPerson
			);
			// The licence is valid while the relation holds (a divorce ends it) and its holder's
			// alias is live.
			let consented = |alias| {
				let mut all = Consents::get();
				all.push((alias, BANK_AGENCY, Scope::Licence(5), purpose(), u64::MAX));
				Consents::set(&all);
			};
			consented(ALICE);
			let verify = || Licensing::verify_licence(RuntimeOrigin::signed(BANK), id, purpose());
			assert_ok!(verify());
			assert!(matches!(last_event(), Event::LicenceVerified { valid: true, .. }));
			EndKeys::set(&vec![(8, RelationKind::SpouseOf, shops.public())]);
			assert_ok!(verify());
			assert!(matches!(last_event(), Event::LicenceVerified { valid: false, .. }));
			spouses(RelationKind::SpouseOf);
			end(ALICE);
			assert_ok!(verify());
			assert!(matches!(last_event(), Event::LicenceVerified { valid: false, .. }));
		});
	}

	#[test]
	fn issue_fails_without_the_type_capability() {
		build_and_execute(|| {
			catalogue();
			assert_noop!(
				issue(MARKET, FIRE_SAFETY, SHOP),
				DispatchError::Other("MissingCapability")
			);
			assert_noop!(issue(NOBODY, FIRE_SAFETY, SHOP), DispatchError::Other("NotStaff"));
			assert_noop!(issue(BENCH_ISSUER, 42, SHOP), Error::<Test>::UnknownLicenceType);
			assert_noop!(
				Licensing::issue(
					RuntimeOrigin::signed(FIRE_BRIGADE),
					FIRE_SAFETY,
					SHOP,
					number(1),
					H256::zero(),
					Some(Now::get()),
					Default::default()
				),
				Error::<Test>::BadValidity
			);
		});
	}

	#[test]
	fn issue_batch_is_all_or_nothing() {
		build_and_execute(|| {
			catalogue();
			let req = |holder| IssueRequest {
				holder,
				number: number(1),
				document: H256::zero(),
				relations: Default::default(),
			};
			let batch: BatchOf<Test> = vec![req(ALICE), req(SHOP)].try_into().unwrap();
			assert_noop!(
				Licensing::issue_batch(RuntimeOrigin::signed(TRAFFIC), DRIVING, batch),
				Error::<Test>::NotOfAge
			);
			let batch: BatchOf<Test> = vec![req(ALICE); 100].try_into().unwrap();
			assert_ok!(Licensing::issue_batch(RuntimeOrigin::signed(TRAFFIC), DRIVING, batch));
			assert_eq!(NextLicenceId::<Test>::get(), 100);
			// A holder has at most `MaxLicencesPerHolder` (100 in the mock) licences.
			assert_eq!(LicencesHeld::<Test>::get(ALICE), 100);
			assert_noop!(
				Licensing::issue_batch(
					RuntimeOrigin::signed(TRAFFIC),
					DRIVING,
					vec![req(ALICE)].try_into().unwrap()
				),
				Error::<Test>::TooManyLicences
			);
			// Only live licences count: a revoked one frees its place for good (issue 32 item
			// 12), and so does an expired one until it is renewed.
			assert_ok!(Licensing::revoke(RuntimeOrigin::signed(TRAFFIC), 0, 1));
			assert_eq!(LicencesHeld::<Test>::get(ALICE), 99);
			assert!(!HolderLicences::<Test>::contains_key((ALICE, DRIVING, 0)));
			assert_ok!(issue(TRAFFIC, DRIVING, ALICE));
			assert_noop!(issue(TRAFFIC, DRIVING, ALICE), Error::<Test>::TooManyLicences);
			assert_noop!(
				Licensing::issue_batch(RuntimeOrigin::signed(TRAFFIC), DRIVING, Default::default()),
				Error::<Test>::EmptyBatch
			);
			assert_noop!(
				Licensing::issue_batch(
					RuntimeOrigin::signed(MARKET),
					DRIVING,
					vec![req(ALICE)].try_into().unwrap()
				),
				DispatchError::Other("MissingCapability")
			);
		});
	}
}

mod lifecycle {
	use super::*;

	#[test]
	fn suspend_reinstate_revoke_renew_should_work_with_history() {
		build_and_execute(|| {
			catalogue();
			let id = issue(TRAFFIC, DRIVING, ALICE).unwrap();
			let o = || RuntimeOrigin::signed(TRAFFIC);
			assert_ok!(Licensing::suspend(o(), id, 4));
			assert_eq!(last_event(), Event::LicenceSuspended { id, by: 2, reason: 4 });
			assert!(!Licences::<Test>::get(id).unwrap().is_valid_at(Now::get()));
			assert_ok!(Licensing::reinstate(o(), id));
			assert_eq!(last_event(), Event::LicenceReinstated { id, by: 2 });
			let until = Now::get() + 1000 * DAY;
			assert_ok!(Licensing::renew(o(), id, until, Default::default()));
			assert_eq!(last_event(), Event::LicenceRenewed { id, by: 2, valid_until: until });
			assert_ok!(Licensing::revoke(o(), id, 9));
			assert_eq!(last_event(), Event::LicenceRevoked { id, by: 2, reason: 9 });
			let l = Licences::<Test>::get(id).unwrap();
			assert_eq!(l.status, LicenceStatus::Revoked);
			// Bounded to the three most recent changes.
			let changes: Vec<_> = l.history.iter().map(|h| h.change).collect();
			assert_eq!(
				changes,
				vec![
					LicenceChange::Reinstated,
					LicenceChange::Renewed { until },
					LicenceChange::Revoked { reason: 9 }
				]
			);
		});
	}

	#[test]
	fn lifecycle_errors() {
		build_and_execute(|| {
			catalogue();
			let id = issue(TRAFFIC, DRIVING, ALICE).unwrap();
			let o = || RuntimeOrigin::signed(TRAFFIC);
			assert_noop!(Licensing::reinstate(o(), id), Error::<Test>::NotSuspended);
			assert_noop!(Licensing::suspend(o(), 77, 1), Error::<Test>::UnknownLicence);
			assert_noop!(
				Licensing::suspend(RuntimeOrigin::signed(MARKET), id, 1),
				DispatchError::Other("MissingCapability")
			);
			assert_ok!(Licensing::suspend(o(), id, 1));
			assert_noop!(Licensing::suspend(o(), id, 1), Error::<Test>::NotActive);
			assert_noop!(
				Licensing::renew(o(), id, Now::get() + DAY, Default::default()),
				Error::<Test>::NotActive
			);
			assert_ok!(Licensing::revoke(o(), id, 1));
			assert_noop!(Licensing::revoke(o(), id, 1), Error::<Test>::Revoked);
			assert_noop!(
				Licensing::renew(o(), id, Now::get() + DAY, Default::default()),
				Error::<Test>::Revoked
			);
			let other = issue(TRAFFIC, DRIVING, ALICE).unwrap();
			assert_noop!(
				Licensing::renew(o(), other, Now::get(), Default::default()),
				Error::<Test>::BadValidity
			);
		});
	}

	/// Issues `n` driving licences to ALICE, valid until `until`; returns their ids.
	fn driving_until(n: usize, until: Moment) -> Vec<LicenceId> {
		(0..n)
			.map(|_| {
				let id = NextLicenceId::<Test>::get();
				assert_ok!(Licensing::issue(
					RuntimeOrigin::signed(TRAFFIC),
					DRIVING,
					ALICE,
					number(1),
					H256::zero(),
					Some(until),
					Default::default()
				));
				id
			})
			.collect()
	}

	#[test]
	fn licences_expire_by_time_in_idle_blocks() {
		build_and_execute(|| {
			catalogue();
			let until = Now::get() + 90_000;
			let ids = driving_until(3, until);
			Licensing::on_idle(1, Weight::MAX);
			assert!(Licences::<Test>::get(ids[0]).unwrap().is_valid_at(Now::get()));
			Now::set(&until);
			// Invalid by time at once, whatever the queue.
			assert!(!Licences::<Test>::get(ids[0]).unwrap().is_valid_at(Now::get()));
			Now::set(&(until + 3 * 60_000));
			Licensing::on_idle(2, Weight::MAX);
			for id in &ids {
				let l = Licences::<Test>::get(id).unwrap();
				assert_eq!(l.status, LicenceStatus::Expired);
				assert_eq!(l.history.last().unwrap().change, LicenceChange::Expired);
			}
			let expired: Vec<_> = licence_events()
				.into_iter()
				.filter(|e| matches!(e, Event::LicenceExpired { .. }))
				.collect();
			assert_eq!(expired.len(), 3);
		});
	}

	#[test]
	fn a_minute_s_expiries_fill_pages_and_expire_a_page_at_a_time() {
		build_and_execute(|| {
			catalogue();
			let until = Now::get() + 90_000;
			let minute = until.div_ceil(60_000);
			let ids = driving_until(5, until);
			// Pages of two (the mock's `ExpiryPageSize`), none dropped: [0, 1], [2, 3], [4].
			assert_eq!(ExpiryPages::<Test>::get(minute), 3);
			assert_eq!(Expiries::<Test>::get(minute, 1).into_inner(), ids[2..4].to_vec());
			assert_eq!(Expiries::<Test>::get(minute, 2).into_inner(), vec![ids[4]]);
			assert_eq!(ExpiryCursor::<Test>::get(), Some((minute, 0)));

			// The minute ended; the idle weight has room for one page.
			Now::set(&(minute * 60_000));
			let db = <<Test as frame_system::Config>::DbWeight as Get<RuntimeDbWeight>>::get();
			let page = <() as WeightInfo>::expire_page(2)
				.saturating_add(db.reads(2))
				.saturating_add(db.writes(1));
			let status = |id: &u64| Licences::<Test>::get(id).unwrap().status;
			Licensing::on_idle(2, page);
			assert_eq!(
				ids.iter().map(status).collect::<Vec<_>>()[..3],
				[LicenceStatus::Expired, LicenceStatus::Expired, LicenceStatus::Active]
			);
			assert_eq!(ExpiryCursor::<Test>::get(), Some((minute, 1)));
			assert!(!Expiries::<Test>::contains_key(minute, 0), "a processed page is removed");

			// The rest: the minute is done and forgotten.
			Licensing::on_idle(3, Weight::MAX);
			assert!(ids.iter().all(|id| status(id) == LicenceStatus::Expired));
			assert_eq!(ExpiryPages::<Test>::get(minute), 0);
			assert_eq!(Expiries::<Test>::iter().count(), 0);
			assert_eq!(ExpiryCursor::<Test>::get(), Some((minute + 1, 0)));
		});
	}

	#[test]
	fn renewal_outlives_the_queued_expiry() {
		build_and_execute(|| {
			catalogue();
			let until = Now::get() + 60_000;
			let id = driving_until(1, until)[0];
			assert_ok!(Licensing::renew(
				RuntimeOrigin::signed(TRAFFIC),
				id,
				until + DAY,
				Default::default()
			));
			Now::set(&(until + 120_000));
			Licensing::on_idle(2, Weight::MAX);
			assert_eq!(Licences::<Test>::get(id).unwrap().status, LicenceStatus::Active);
		});
	}

	#[test]
	fn expiry_respects_the_idle_weight() {
		build_and_execute(|| {
			catalogue();
			let until = Now::get() + 60_000;
			driving_until(1, until);
			Now::set(&(until + 60_000));
			let used = Licensing::on_idle(2, Weight::zero());
			let one_read: Weight =
				<<Test as frame_system::Config>::DbWeight as Get<RuntimeDbWeight>>::get().reads(1);
			assert!(used.all_lte(one_read));
			assert_eq!(Licences::<Test>::get(0).unwrap().status, LicenceStatus::Active);
		});
	}
}

mod verification {
	use super::*;

	#[test]
	fn public_licences_are_open() {
		build_and_execute(|| {
			catalogue();
			let cert = issue(FIRE_BRIGADE, FIRE_SAFETY, SHOP).unwrap();
			assert_ok!(Licensing::verify_licence(RuntimeOrigin::signed(BANK), cert, purpose()));
			assert_eq!(
				last_event(),
				Event::LicenceVerified {
					id: cert,
					agency: BANK_AGENCY,
					valid: true,
					prerequisite_lapsed: false
				}
			);
			assert!(Accesses::get().is_empty(), "public reads are not traced");
			assert_eq!(Licensing::licence_status(cert), Some((true, 0)));
			assert_eq!(Licensing::valid_licences_of(SHOP, FIRE_SAFETY), vec![cert]);
		});
	}

	#[test]
	fn personal_licences_need_consent_and_are_traced() {
		build_and_execute(|| {
			catalogue();
			let id = issue(TRAFFIC, DRIVING, ALICE).unwrap();
			assert_noop!(
				Licensing::verify_licence(RuntimeOrigin::signed(BANK), id, purpose()),
				Error::<Test>::NoConsent
			);
			Consents::set(&vec![(
				ALICE,
				BANK_AGENCY,
				Scope::Licence(DRIVING),
				purpose(),
				Now::get() + DAY,
			)]);
			assert_ok!(Licensing::verify_licence(RuntimeOrigin::signed(BANK), id, purpose()));
			assert_eq!(Accesses::get(), vec![(ALICE, BANK_AGENCY, true)]);
			assert_eq!(Licensing::licence_status(id), None, "not open to anyone");
			assert_eq!(Licensing::valid_licences_of(ALICE, DRIVING), Vec::<LicenceId>::new());
			assert_noop!(
				Licensing::verify_licence(RuntimeOrigin::signed(BANK), 77, purpose()),
				Error::<Test>::UnknownLicence
			);
			assert_noop!(
				Licensing::verify_licence(RuntimeOrigin::signed(NOBODY), id, purpose()),
				DispatchError::Other("NotStaff")
			);
		});
	}

	#[test]
	fn consent_to_one_licence_type_opens_no_other() {
		build_and_execute(|| {
			catalogue();
			let id = issue(TRAFFIC, DRIVING, ALICE).unwrap();
			// Consent to show a fire-safety certificate does not open the driving licence.
			Consents::set(&vec![(
				ALICE,
				BANK_AGENCY,
				Scope::Licence(FIRE_SAFETY),
				purpose(),
				Now::get() + DAY,
			)]);
			assert_noop!(
				Licensing::verify_licence(RuntimeOrigin::signed(BANK), id, purpose()),
				Error::<Test>::NoConsent
			);
			assert_noop!(
				Licensing::verify_holding(RuntimeOrigin::signed(BANK), ALICE, DRIVING, purpose()),
				Error::<Test>::NoConsent
			);
		});
	}

	#[test]
	fn verify_holding_lists_valid_licences_under_consent() {
		build_and_execute(|| {
			catalogue();
			let id = issue(TRAFFIC, DRIVING, ALICE).unwrap();
			let ask = || {
				Licensing::verify_holding(RuntimeOrigin::signed(BANK), ALICE, DRIVING, purpose())
			};
			assert_noop!(ask(), Error::<Test>::NoConsent);
			Consents::set(&vec![(
				ALICE,
				BANK_AGENCY,
				Scope::Licence(DRIVING),
				purpose(),
				Now::get() + DAY,
			)]);
			assert_ok!(ask());
			assert_eq!(
				last_event(),
				Event::HoldingVerified {
					holder: ALICE,
					licence_type: DRIVING,
					agency: BANK_AGENCY,
					valid: vec![id].try_into().unwrap()
				}
			);
			assert_eq!(Accesses::get(), vec![(ALICE, BANK_AGENCY, true)]);
			assert_noop!(
				Licensing::verify_holding(RuntimeOrigin::signed(BANK), ALICE, 42, purpose()),
				Error::<Test>::UnknownLicenceType
			);
			// Public types are open.
			assert_ok!(Licensing::verify_holding(
				RuntimeOrigin::signed(BANK),
				SHOP,
				FIRE_SAFETY,
				purpose()
			));
			assert_eq!(
				last_event(),
				Event::HoldingVerified {
					holder: SHOP,
					licence_type: FIRE_SAFETY,
					agency: BANK_AGENCY,
					valid: Default::default()
				}
			);
		});
	}
}

mod erasure {
	use super::*;

	#[test]
	fn a_holder_whose_alias_ended_holds_nothing_valid() {
		build_and_execute(|| {
			catalogue();
			let driving = issue(TRAFFIC, DRIVING, ALICE).unwrap();
			let mut all = Consents::get();
			all.push((ALICE, BANK_AGENCY, Scope::Licence(DRIVING), purpose(), u64::MAX));
			Consents::set(&all);
			let ask = || {
				Licensing::verify_holding(RuntimeOrigin::signed(BANK), ALICE, DRIVING, purpose())
			};
			assert_ok!(ask());
			assert!(
				matches!(last_event(), Event::HoldingVerified { valid, .. } if valid.len() == 1)
			);
			// Its person died or was erased: the alias ends with the rings' grace, and with it
			// every licence it holds; the record stays, tied to nobody.
			end(ALICE);
			assert_ok!(ask());
			assert!(
				matches!(last_event(), Event::HoldingVerified { valid, .. } if valid.is_empty())
			);
			assert!(Licences::<Test>::get(driving).is_some());
		});
	}
}

mod prerequisites_that_lapse {
	use super::*;

	fn signed(who: AccountId) -> RuntimeOrigin {
		RuntimeOrigin::signed(who)
	}

	/// A fire-safety certificate of the shop and a business licence issued on it.
	fn shop_with_business_licence() -> (LicenceId, LicenceId) {
		catalogue();
		let cert = issue(FIRE_BRIGADE, FIRE_SAFETY, SHOP).unwrap();
		let business = issue(MARKET, BUSINESS, SHOP).unwrap();
		assert_eq!(Dependants::<Test>::get(cert).into_inner(), vec![business]);
		assert_eq!(Licences::<Test>::get(business).unwrap().on.into_inner(), vec![cert]);
		(cert, business)
	}

	fn valid(id: LicenceId) -> bool {
		Licences::<Test>::get(id).unwrap().is_valid_at(Now::get())
	}

	/// Attack: a business licence kept verifying valid after its fire-safety certificate was
	/// revoked, so an agency relying on it was misled.
	#[test]
	fn revoking_a_prerequisite_marks_the_licences_issued_on_it() {
		build_and_execute(|| {
			let (cert, business) = shop_with_business_licence();
			assert_ok!(Licensing::revoke(signed(FIRE_BRIGADE), cert, 1));
			assert!(licence_events()
				.contains(&Event::PrerequisiteLapsed { id: business, prerequisite: cert }));
			assert!(!valid(business));
			assert_eq!(Licensing::licence_status(business).map(|(v, _)| v), Some(false));
			assert_ok!(Licensing::verify_licence(signed(BANK), business, purpose()));
			assert_eq!(
				last_event(),
				Event::LicenceVerified {
					id: business,
					agency: BANK_AGENCY,
					valid: false,
					prerequisite_lapsed: true
				}
			);
			assert_eq!(
				Licences::<Test>::get(business).unwrap().history.last().unwrap().change,
				LicenceChange::PrerequisiteLapsed { prerequisite: cert }
			);
		});
	}

	#[test]
	fn the_issuing_agency_confirms_a_licence_on_a_new_certificate() {
		build_and_execute(|| {
			let (cert, business) = shop_with_business_licence();
			assert_ok!(Licensing::revoke(signed(FIRE_BRIGADE), cert, 1));
			assert_noop!(
				Licensing::confirm_prerequisites(signed(MARKET), business, Default::default()),
				Error::<Test>::MissingLicence { licence_type: FIRE_SAFETY }
			);
			assert_noop!(
				Licensing::confirm_prerequisites(
					signed(FIRE_BRIGADE),
					business,
					Default::default()
				),
				DispatchError::Other("MissingCapability")
			);
			let renewed_cert = issue(FIRE_BRIGADE, FIRE_SAFETY, SHOP).unwrap();
			assert_ok!(Licensing::confirm_prerequisites(
				signed(MARKET),
				business,
				Default::default()
			));
			assert!(valid(business));
			assert_eq!(Dependants::<Test>::get(renewed_cert).into_inner(), vec![business]);
			assert!(Dependants::<Test>::get(cert).is_empty());
			assert!(
				matches!(last_event(), Event::PrerequisitesConfirmed { id, .. } if id == business)
			);
		});
	}

	#[test]
	fn suspending_a_prerequisite_marks_and_reinstating_it_clears() {
		build_and_execute(|| {
			let (cert, business) = shop_with_business_licence();
			assert_ok!(Licensing::suspend(signed(FIRE_BRIGADE), cert, 2));
			assert!(!valid(business));
			assert_ok!(Licensing::reinstate(signed(FIRE_BRIGADE), cert));
			assert!(valid(business));
			assert_eq!(
				last_event(),
				Event::PrerequisiteRestored { id: business, prerequisite: cert }
			);
		});
	}

	#[test]
	fn a_prerequisite_that_expires_marks_and_its_renewal_clears() {
		build_and_execute(|| {
			catalogue();
			let until = Now::get() + 90_000;
			let cert = NextLicenceId::<Test>::get();
			assert_ok!(Licensing::issue(
				signed(FIRE_BRIGADE),
				FIRE_SAFETY,
				SHOP,
				number(1),
				H256::zero(),
				Some(until),
				Default::default()
			));
			let business = issue(MARKET, BUSINESS, SHOP).unwrap();
			Now::set(&(until + 3 * 60_000));
			Licensing::on_idle(2, Weight::MAX);
			assert!(licence_events()
				.contains(&Event::PrerequisiteLapsed { id: business, prerequisite: cert }));
			assert!(!valid(business));
			assert_ok!(Licensing::renew(
				signed(FIRE_BRIGADE),
				cert,
				Now::get() + DAY,
				Default::default()
			));
			assert!(valid(business));
		});
	}

	#[test]
	fn renewal_checks_the_holder_and_the_prerequisites_again() {
		build_and_execute(|| {
			let (cert, business) = shop_with_business_licence();
			assert_ok!(Licensing::revoke(signed(FIRE_BRIGADE), cert, 1));
			assert_noop!(
				Licensing::renew(signed(MARKET), business, Now::get() + DAY, Default::default()),
				Error::<Test>::MissingLicence { licence_type: FIRE_SAFETY }
			);
			let driving = issue(TRAFFIC, DRIVING, ALICE).unwrap();
			end(ALICE);
			assert_noop!(
				Licensing::renew(signed(TRAFFIC), driving, Now::get() + DAY, Default::default()),
				Error::<Test>::UnknownAlias
			);
		});
	}

	#[test]
	fn a_licence_has_at_most_max_dependants() {
		build_and_execute(|| {
			let (cert, _) = shop_with_business_licence();
			issue(MARKET, BUSINESS, SHOP).unwrap();
			assert_eq!(issue(MARKET, BUSINESS, SHOP), Err(Error::<Test>::TooManyDependants.into()));
			assert_eq!(Dependants::<Test>::get(cert).len(), 2);
		});
	}
}

mod genesis {
	use super::*;
	use sp_runtime::BuildStorage;

	#[test]
	fn licence_types_from_genesis_are_issued() {
		let mut storage =
			frame_system::GenesisConfig::<Test>::default().build_storage().expect("builds");
		crate::GenesisConfig::<Test> {
			licence_types: vec![(DRIVING, b"driving".to_vec(), 365 * DAY, false)],
			_config: Default::default(),
		}
		.assimilate_storage(&mut storage)
		.expect("genesis builds");
		sp_io::TestExternalities::new(storage).execute_with(|| {
			System::set_block_number(1);
			assert_eq!(LicenceTypeCount::<Test>::get(), 1);
			let t = LicenceTypes::<Test>::get(DRIVING).expect("registered");
			assert_eq!(t.name.to_vec(), b"driving".to_vec());
			assert!(t.prerequisites.is_empty());
			let id = issue(TRAFFIC, DRIVING, ALICE).expect("issued");
			assert_eq!(Licences::<Test>::get(id).expect("licence").holder, ALICE);
			Licensing::do_try_state().expect("invariants hold");
		});
	}

	#[test]
	#[should_panic(expected = "invalid genesis licence type")]
	fn a_licence_type_without_validity_at_genesis_is_refused() {
		let mut storage =
			frame_system::GenesisConfig::<Test>::default().build_storage().expect("builds");
		let _ = crate::GenesisConfig::<Test> {
			licence_types: vec![(DRIVING, b"driving".to_vec(), 0, false)],
			_config: Default::default(),
		}
		.assimilate_storage(&mut storage);
	}
}

mod migration {
	use super::*;
	use crate::migrations::v1;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

	#[test]
	fn v1_pages_every_queued_minute_once() {
		build_and_execute(|| {
			StorageVersion::new(0).put::<Licensing>();
			v1::ExpiryQueue::<Test>::insert(7, vec![10, 11, 12, 13, 14]);
			v1::ExpiryQueue::<Test>::insert(9, vec![20]);
			v1::ExpiryCursor::<Test>::put(7);

			v1::MigrateV0ToV1::<Test>::on_runtime_upgrade();
			assert_eq!(Licensing::on_chain_storage_version(), StorageVersion::new(1));
			assert_eq!(v1::ExpiryQueue::<Test>::iter_keys().count(), 0);
			let pages: Vec<_> =
				Expiries::<Test>::iter().map(|(m, p, ids)| ((m, p), ids.into_inner())).collect();
			let mut pages = pages;
			pages.sort();
			assert_eq!(
				pages,
				vec![
					((7, 0), vec![10, 11]),
					((7, 1), vec![12, 13]),
					((7, 2), vec![14]),
					((9, 0), vec![20])
				]
			);
			assert_eq!((ExpiryPages::<Test>::get(7), ExpiryPages::<Test>::get(9)), (3, 1));
			assert_eq!(ExpiryCursor::<Test>::get(), Some((7, 0)));

			// Again: the version guard makes it a no-op.
			v1::ExpiryQueue::<Test>::insert(8, vec![30]);
			v1::MigrateV0ToV1::<Test>::on_runtime_upgrade();
			assert_eq!(Expiries::<Test>::iter().count(), 4);
			v1::ExpiryQueue::<Test>::remove(8);
		});
	}
}
