//! The trust layer against a hostile member, on the real runtime: block space and the pool,
//! accounts that must always be removable, replays, orphaned enrolments, validators still in
//! session, and the consortium's votes. Each test names the attack it stops.

mod common;

use civitas_primitives::{invalid_tx, Capability, SubjectKind};
use civitas_runtime::{
	Consortium, Identity, Runtime, RuntimeCall, RuntimeEvent, Session, SessionKeys, System,
};
use codec::Encode;
use common::*;
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo, traits::Get, BoundedVec};
use pallet_consortium::{Admission, Role};
use sp_core::{sr25519, Pair, H256};
use sp_runtime::transaction_validity::{InvalidTransaction, TransactionValidityError};

fn refused(code: u8) -> TransactionValidityError {
	TransactionValidityError::Invalid(InvalidTransaction::Custom(code))
}

fn remark(len: usize) -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![7; len] })
}

fn transfer(to: sp_keyring::Sr25519Keyring, value: u128) -> RuntimeCall {
	RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: to.to_account_id().into(),
		value,
	})
}

/// Ferdie, registered as a person by the civil-affairs bureau (Alice): an enrolled citizen.
fn register_ferdie() -> H256 {
	let person = H256::repeat_byte(0xF0);
	assert_ok!(Identity::register_person(
		signed(Alice),
		person,
		SubjectKind::Citizen,
		account(Ferdie),
		H256::repeat_byte(1),
		false
	));
	person
}

/// `session.set_keys` for `owner`, with its well-known development keys and the proof that
/// it holds them.
fn set_keys_call(owner: sp_keyring::Sr25519Keyring, seed: &str) -> RuntimeCall {
	let aura = sr25519::Pair::from_string(&format!("//{seed}"), None).unwrap();
	let gran = sp_core::ed25519::Pair::from_string(&format!("//{seed}"), None).unwrap();
	let statement = [&b"POP_"[..], owner.to_account_id().as_ref()].concat();
	let proof = (aura.sign(&statement), gran.sign(&statement)).encode();
	let keys = SessionKeys { aura: aura.public().into(), grandpa: gran.public().into() };
	RuntimeCall::Session(pallet_session::Call::set_keys { keys, proof })
}

/// Attack: a citizen writes megabytes of remarks into permanent history for free.
#[test]
fn an_enrolled_citizen_cannot_write_remarks_nor_long_transactions() {
	run(|| {
		register_ferdie();
		assert_eq!(submit(Ferdie, remark(10)), Err(refused(invalid_tx::CALL_NOT_ALLOWED)));
		// A long call of a pallet citizens may use is cut by length.
		let request = pallet_civitas_licenses::IssueRequest {
			holder: H256::repeat_byte(1),
			number: H256::repeat_byte(2),
			document: H256::repeat_byte(3),
			relations: Default::default(),
		};
		let batch = BoundedVec::truncate_from(vec![request; 30]);
		let long = RuntimeCall::Licences(pallet_civitas_licenses::Call::issue_batch {
			licence_type: 1,
			batch,
		});
		assert!(long.encoded_size() > 2048);
		assert_eq!(submit(Ferdie, long), Err(refused(invalid_tx::TOO_LONG)));
		// What citizens do still goes through, without fee.
		assert_ok!(submit(Ferdie, transfer(Eve, 1)).expect("valid"));
		assert_eq!(System::account_nonce(account(Ferdie)), 1);
	});
}

/// Attack: one staff key fills every block with remarks; the quota counted transactions only.
#[test]
fn the_quota_counts_bytes_so_one_staff_key_cannot_fill_the_blocks() {
	run(|| {
		let quota = <Runtime as pallet_consortium::Config>::StaffQuota::get();
		let chunk = 512 * 1024;
		let mut accepted = 0usize;
		loop {
			next_block();
			match submit(Alice, remark(chunk)) {
				Ok(_) => accepted += 1,
				Err(e) => {
					assert_eq!(e, refused(invalid_tx::QUOTA_EXCEEDED));
					break;
				},
			}
			assert!(accepted < 100, "the byte quota never bound");
		}
		// Four chunks of 512 KiB would make the 2 MiB quota, but each transaction is a
		// little longer: the fourth goes beyond it.
		assert_eq!(accepted, (quota.bytes as usize) / chunk - 1);
		let used = Consortium::quota(account(Alice)).unwrap().1;
		assert!(used.bytes <= quota.bytes);
		assert!(used.used < quota.transactions, "bytes, not the count, stopped it");
	});
}

/// Attack (issue 32, item 22): a staffer claims the peer id of a node that the consortium is
/// still voting in, or adds connections of its own, outside the validator flow. Only votes
/// change node authorization.
#[test]
fn staff_cannot_touch_node_authorization_outside_a_vote() {
	run(|| {
		let peer = sp_core::OpaquePeerId(b"12D3KooWCandidateNodeStillBeingVotedIn".to_vec());
		let calls = [
			RuntimeCall::NodeAuthorization(pallet_node_authorization::Call::claim_node {
				node: peer.clone(),
			}),
			RuntimeCall::NodeAuthorization(pallet_node_authorization::Call::add_connections {
				node: peer.clone(),
				connections: vec![sp_core::OpaquePeerId(b"12D3KooWAnother".to_vec())],
			}),
			RuntimeCall::NodeAuthorization(pallet_node_authorization::Call::remove_claim {
				node: peer.clone(),
			}),
		];
		for call in calls {
			// Neither the pool nor the block takes it, from an admin or an officer.
			let tx = signed_tx(Alice, System::account_nonce(account(Alice)), call.clone());
			assert_eq!(pool_validate(&tx), Err(refused(invalid_tx::CALL_NOT_ALLOWED)));
			assert_eq!(submit(Alice, call), Err(refused(invalid_tx::CALL_NOT_ALLOWED)));
		}
		assert_ok!(Consortium::add_staff(signed(Alice), account(Eve), Role::Officer));
		let claim = RuntimeCall::NodeAuthorization(pallet_node_authorization::Call::claim_node {
			node: peer.clone(),
		});
		assert_eq!(submit(Eve, claim), Err(refused(invalid_tx::CALL_NOT_ALLOWED)));
		assert!(!pallet_node_authorization::Owners::<Runtime>::contains_key(&peer));
		// The consortium's vote still adds the node, with its owner.
		assert_ok!(carry(RuntimeCall::NodeAuthorization(
			pallet_node_authorization::Call::add_well_known_node {
				node: peer.clone(),
				owner: account(Eve).into(),
			}
		)));
		assert_eq!(pallet_node_authorization::Owners::<Runtime>::get(&peer), Some(account(Eve)));
	});
}

/// Attack: an admin about to be voted out (or a thief with a citizen's key) sets session keys,
/// which takes a consumer reference on an account without balance, and so can never be
/// removed (`AccountInUse`).
#[test]
fn only_decided_validators_set_keys_and_removal_always_succeeds() {
	run(|| {
		register_ferdie();
		// Eve, staff of the civil-affairs bureau, is no validator: she may not set keys.
		assert_ok!(Consortium::add_staff(signed(Alice), account(Eve), Role::Officer));
		assert_eq!(
			submit(Eve, set_keys_call(Eve, "Eve")),
			Err(refused(invalid_tx::CALL_NOT_ALLOWED))
		);
		// Neither may a citizen.
		assert_eq!(
			submit(Ferdie, set_keys_call(Ferdie, "Ferdie")),
			Err(refused(invalid_tx::CALL_NOT_ALLOWED))
		);

		// Voted in as validator, she may; her keys take a consumer reference.
		assert_ok!(carry(RuntimeCall::Consortium(pallet_consortium::Call::add_validator {
			who: account(Eve)
		})));
		assert_ok!(submit(Eve, set_keys_call(Eve, "Eve")).expect("valid"));
		assert!(System::consumers(&account(Eve)) >= 1);
		// The next rotation announces her, keys set after the vote or not.
		next_session();
		next_session();
		assert!(Session::validators().contains(&account(Eve)));

		// Voted out: she still validates for up to two sessions, and cannot leave the staff
		// until she no longer does.
		assert_ok!(carry(RuntimeCall::Consortium(pallet_consortium::Call::remove_validator {
			who: account(Eve)
		})));
		assert_noop!(
			Consortium::remove_staff(signed(Alice), account(Eve)),
			pallet_consortium::Error::<Runtime>::RunsValidator
		);
		next_session();
		next_session();
		assert!(!Session::validators().contains(&account(Eve)));
		// Her consumer reference does not stop the removal; her keys go with her.
		assert_ok!(Consortium::remove_staff(signed(Alice), account(Eve)));
		assert!(!pallet_session::NextKeys::<Runtime>::contains_key(account(Eve)));
		assert_eq!(System::consumers(&account(Eve)), 0);

		// An account that holds a consumer reference of any other pallet is removed too.
		assert_ok!(System::inc_consumers(&account(Ferdie)));
		assert_ok!(Consortium::unenrol(signed(Alice), account(Ferdie)));
		assert_eq!(Consortium::admission(account(Ferdie)), None);
	});
}

/// Attack: an account released and admitted again had its nonce reset to 0, so anyone could
/// replay its earlier (immortal) transactions.
#[test]
fn a_readmitted_account_cannot_have_its_old_transactions_replayed() {
	run(|| {
		register_ferdie();
		let pay = signed_tx(Ferdie, 0, transfer(Eve, 100));
		assert_ok!(apply(&pay).expect("valid"));
		assert_ok!(Consortium::unenrol(signed(Alice), account(Ferdie)));
		assert_ok!(Consortium::enrol(signed(Alice), account(Ferdie), SubjectKind::Citizen));
		next_block();
		assert_eq!(System::account_nonce(account(Ferdie)), 1);
		assert_eq!(pool_validate(&pay), Err(InvalidTransaction::Stale.into()));
		assert_eq!(apply(&pay), Err(InvalidTransaction::Stale.into()));
	});
}

/// Attack: one admin fills every proposal slot and keeps them full, blocking the proposal to
/// remove its agency; a removed agency's proposals stayed open and executable.
#[test]
fn one_agency_cannot_fill_the_proposals_and_its_removal_drops_them() {
	run(|| {
		let grant = |c| {
			Box::new(RuntimeCall::Consortium(pallet_consortium::Call::grant_capability {
				agency: 2,
				capability: c,
			}))
		};
		let per_agency = <Runtime as pallet_consortium::Config>::MaxProposalsPerAgency::get();
		for i in 0..per_agency {
			assert_ok!(Consortium::propose(
				signed(Charlie),
				grant(Capability::IssueLicence(i as u16))
			));
		}
		assert_noop!(
			Consortium::propose(signed(Charlie), grant(Capability::IssueFines))
				.map_err(|e| e.error),
			pallet_consortium::Error::<Runtime>::TooManyAgencyProposals
		);
		// The others remove Charlie's agency (it runs a validator: first that).
		assert_ok!(carry(RuntimeCall::Consortium(pallet_consortium::Call::remove_validator {
			who: account(Charlie)
		})));
		next_session();
		next_session();
		assert_ok!(carry(RuntimeCall::Consortium(pallet_consortium::Call::remove_agency {
			agency: 2
		})));
		assert_eq!(pallet_consortium::ProposalCount::<Runtime>::get(), 0);
		for index in 0..per_agency {
			assert!(has_event(RuntimeEvent::Consortium(
				pallet_consortium::Event::ProposalDropped { index, agency: 2 }
			)));
		}
	});
}

/// Attack: a proposal that holds a majority once an agency leaves waited for yet another
/// vote; now the next block dispatches it.
#[test]
fn a_proposal_carried_by_a_membership_change_is_dispatched_next_block() {
	run(|| {
		// Dave's agency (3) is to leave; first it stops validating.
		assert_ok!(carry(RuntimeCall::Consortium(pallet_consortium::Call::remove_validator {
			who: account(Dave)
		})));
		next_session();
		next_session();
		// Alice, Bob, Charlie and One for granting IssueFines to agency 1: four of eight.
		let grant = RuntimeCall::Consortium(pallet_consortium::Call::grant_capability {
			agency: 1,
			capability: Capability::IssueFines,
		});
		let index = pallet_consortium::NextProposalIndex::<Runtime>::get();
		assert_ok!(Consortium::propose(signed(Alice), Box::new(grant)));
		assert_ok!(Consortium::vote(signed(Bob), index, true));
		assert_ok!(Consortium::vote(signed(Charlie), index, true));
		assert_ok!(Consortium::vote(signed(sp_keyring::Sr25519Keyring::One), index, true));
		// Removing agency 3 makes it four of seven.
		assert_ok!(carry(RuntimeCall::Consortium(pallet_consortium::Call::remove_agency {
			agency: 3
		})));
		assert!(!Consortium::agency_has_capability(1, Capability::IssueFines));
		next_block();
		assert!(Consortium::agency_has_capability(1, Capability::IssueFines));
		assert_eq!(executed(index), Some(Ok(())));
	});
}

/// Attack: a compromised admin removes every co-admin and appoints its own.
#[test]
fn a_compromised_admin_cannot_replace_its_co_admins() {
	run(|| {
		// Bob's agency gets a second admin, Eve (Bob alone may: no co-admin to overrule), and
		// a third, Ferdie, which takes both of them.
		assert_ok!(Consortium::add_staff(signed(Bob), account(Eve), Role::Admin));
		assert_ok!(Consortium::add_staff(signed(Bob), account(Ferdie), Role::Admin));
		assert_eq!(Consortium::admission(account(Ferdie)), None, "awaits a second admin");
		assert_ok!(Consortium::add_staff(signed(Eve), account(Ferdie), Role::Admin));
		assert!(Consortium::admission(account(Ferdie)).is_some());
		// Eve's key is stolen: the thief can neither remove Ferdie nor add an admin alone.
		assert_ok!(Consortium::remove_staff(signed(Eve), account(Ferdie)));
		assert!(Consortium::admission(account(Ferdie)).is_some());
		let sock = sp_runtime::AccountId32::new([0x5A; 32]);
		assert_ok!(Consortium::add_staff(signed(Eve), sock.clone(), Role::Admin));
		assert_eq!(Consortium::admission(sock), None);
		// The consortium removes Eve by vote, without her confirmation (Bob's agency votes
		// too; Bob's own vote is of his agency, as it should).
		assert_ok!(carry(RuntimeCall::Consortium(pallet_consortium::Call::force_remove_staff {
			agency: 1,
			who: account(Eve),
		})));
		assert_eq!(Consortium::admission(account(Eve)), None);
	});
}

/// Attack: a compromised officer enrols sybils without limit, and they keep their quotas
/// after its agency is removed.
#[test]
fn enrolments_are_capped_and_a_removed_agencys_sybils_can_be_withdrawn() {
	run(|| {
		let cap = <Runtime as pallet_consortium::Config>::MaxEnrolmentsPerWindow::get();
		let sybil =
			|i: u32| sp_runtime::AccountId32::new(H256::from_low_u64_be(u64::from(i) + 1).0);
		for i in 0..cap {
			assert_ok!(Consortium::enrol(signed(Bob), sybil(i), SubjectKind::Citizen));
		}
		assert_noop!(
			Consortium::enrol(signed(Bob), sybil(cap), SubjectKind::Citizen),
			pallet_consortium::Error::<Runtime>::EnrolmentLimit
		);
		// The consortium withdraws them by vote, in batches.
		let batch: BoundedVec<_, _> = (0..10).map(sybil).collect::<Vec<_>>().try_into().unwrap();
		let withdraw =
			RuntimeCall::Consortium(pallet_consortium::Call::force_unenrol { accounts: batch });
		assert!(withdraw
			.get_dispatch_info()
			.total_weight()
			.all_lte(<Runtime as pallet_consortium::Config>::MaxProposalWeight::get()));
		assert_ok!(carry(withdraw));
		assert_eq!(Consortium::admission(sybil(0)), None);
		assert!(matches!(
			Consortium::admission(sybil(10)),
			Some(Admission::Enrolled { by: 1, .. })
		));
	});
}

/// Throughput: a session rotation costs a whole block (`pallet_session` charges `max_block`
/// for it), so rotating every period with nothing to change would leave one block in ten
/// empty under load. Sessions end only with something to change: a decided validator-set
/// change, or a validator's new keys, each within two periods.
#[test]
fn sessions_rotate_only_with_a_change_and_leave_the_block_room_otherwise() {
	use civitas_runtime::configs::{RuntimeBlockWeights, SESSION_PERIOD};
	run(|| {
		let index = pallet_session::CurrentIndex::<Runtime>::get();
		// Three periods with nothing to change: no rotation, and the period blocks keep their
		// room for transactions.
		for _ in 0..3 * SESSION_PERIOD {
			next_block();
			assert!(
				System::block_weight().total().ref_time()
					< RuntimeBlockWeights::get().max_block.ref_time() / 2,
				"block #{} charged as full",
				System::block_number()
			);
		}
		assert_eq!(pallet_session::CurrentIndex::<Runtime>::get(), index);

		// A validator sets new keys: the next rotation queues them, the one after uses them,
		// and then the sessions stop again.
		let validator = pallet_consortium::Validators::<Runtime>::get()[0].clone();
		let owner = [Alice, Bob, Charlie, Dave]
			.into_iter()
			.find(|k| k.to_account_id() == validator)
			.expect("a dev validator");
		assert_ok!(submit(owner, set_keys_call(owner, "fresh")).expect("valid"));
		next_session();
		next_session();
		assert_eq!(pallet_session::CurrentIndex::<Runtime>::get(), index + 2);
		let fresh = sr25519::Pair::from_string("//fresh", None).unwrap().public();
		assert!(pallet_aura::Authorities::<Runtime>::get().iter().any(|a| {
			let a: &[u8] = a.as_ref();
			a == fresh.as_ref() as &[u8]
		}));
		for _ in 0..3 * SESSION_PERIOD {
			next_block();
		}
		assert_eq!(pallet_session::CurrentIndex::<Runtime>::get(), index + 2);

		// A validator voted in: announced, then validating, two rotations later.
		assert_ok!(Consortium::add_staff(signed(Alice), account(Eve), Role::Officer));
		assert_ok!(carry(RuntimeCall::Consortium(pallet_consortium::Call::add_validator {
			who: account(Eve)
		})));
		assert_ok!(submit(Eve, set_keys_call(Eve, "Eve")).expect("valid"));
		next_session();
		next_session();
		assert!(Session::validators().contains(&account(Eve)));
	});
}
