//! Domain aliases on the real runtime (`docs/privacy.md`): the registrar records a person's
//! member key by a signed transaction, the chain builds its ring's root in the blocks' hooks, the
//! person binds an alias with a real Bandersnatch ring-VRF proof in a bare (unsigned)
//! transaction that the pool verifies, and the alias account transacts under the consortium's
//! admission and call policy; death and erasure take the key out of its ring, and the alias ends
//! after the grace.

mod common;

use civitas_primitives::{invalid_tx, Aliases as _, Domain, PersonId, SubjectKind};
use civitas_runtime::{
	configs::aliases::RebindGrace, Aliases, Runtime, RuntimeCall, UncheckedExtrinsic,
};
use codec::Encode;
use common::{wallet::*, *};
use frame_support::{assert_ok, traits::Get};
use pallet_civitas_aliases::{
	bandersnatch::{Crypto, Domain11},
	bind_message,
};
use sp_core::H256;
use sp_runtime::transaction_validity::{InvalidTransaction, TransactionValidityError};
use verifiable::GenerateVerifiable;

fn person(seed: u8) -> PersonId {
	H256::repeat_byte(seed)
}

/// Alice's agency registers person `seed` (controller: a key of its own) and records its
/// member key, by signed transactions.
fn register_with_key(seed: u8) {
	let controller = id_of(&fresh_key(&format!("controller{seed}")));
	assert_ok!(submit(
		Alice,
		RuntimeCall::Identity(pallet_civitas_identity::Call::register_person {
			person: person(seed),
			kind: SubjectKind::Citizen,
			controller,
			commitment: H256::repeat_byte(1),
			minor: false,
		})
	)
	.expect("admitted"));
	assert_ok!(submit(
		Alice,
		RuntimeCall::Identity(pallet_civitas_identity::Call::set_member_key {
			person: person(seed),
			member: Some(member(seed)),
		})
	)
	.expect("admitted"));
}

fn refused(code: u8) -> Result<(), TransactionValidityError> {
	Err(InvalidTransaction::Custom(code).into())
}

#[test]
fn a_person_binds_an_alias_and_its_account_transacts_as_an_enrolled_one() {
	run(|| {
		register_with_key(1);
		register_with_key(2);
		build_rings();
		let (ring, revision, keys) = root_of(1);
		assert_eq!((revision, keys.len()), (1, 2));

		let key = fresh_key("fund1");
		let account = id_of(&key);
		// Before binding, the account is a stranger to the pool.
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![1] });
		assert_eq!(
			pool_validate(&signed_tx_by(&key, 0, remark.clone())),
			refused(invalid_tx::NOT_ADMITTED)
		);

		let tx = bind_tx(1, Domain::Fund, &account, 0);
		assert_eq!(pool_validate(&tx), Ok(()), "the pool verifies the proof");
		assert_ok!(apply(&tx).expect("valid"));
		assert_eq!(Aliases::alias_of(&account, Domain::Fund), Some(alias(1, Domain::Fund)));
		assert_eq!(Aliases::alias_of(&account, Domain::Wages), None);
		assert_eq!(
			civitas_runtime::Consortium::admission(account.clone()),
			Some(pallet_consortium::Admission::Alias { kind: SubjectKind::Citizen })
		);
		assert!(has_event(civitas_runtime::RuntimeEvent::Aliases(
			pallet_civitas_aliases::Event::AliasBound {
				domain: Domain::Fund,
				alias: alias(1, Domain::Fund),
				account: account.clone(),
				ring,
				revision,
			}
		)));
		// Replayed, the same proof is stale in the pool (its number is spent).
		assert_eq!(pool_validate(&tx), Err(InvalidTransaction::Stale.into()));

		// The alias account transacts under the enrolled accounts' call policy: a domain call
		// is admitted (it fails in its pallet: the account controls no person), a remark is not.
		let domain_call = RuntimeCall::Identity(pallet_civitas_identity::Call::rotate_key {
			new: id_of(&fresh_key("unused")),
		});
		assert_eq!(pool_validate(&signed_tx_by(&key, 0, domain_call.clone())), Ok(()));
		assert!(apply(&signed_tx_by(&key, 0, domain_call)).expect("admitted").is_err());
		assert_eq!(
			pool_validate(&signed_tx_by(&key, 1, remark)),
			refused(invalid_tx::CALL_NOT_ALLOWED)
		);

		// It releases itself: no longer admitted, and the alias has no account.
		let unbind = RuntimeCall::Aliases(pallet_civitas_aliases::Call::unbind {});
		assert_ok!(apply(&signed_tx_by(&key, 1, unbind.clone())).expect("admitted"));
		assert_eq!(civitas_runtime::Consortium::admission(account.clone()), None);
		assert_eq!(Aliases::account_of(&alias(1, Domain::Fund), Domain::Fund), None);
		assert_eq!(
			pool_validate(&signed_tx_by(&key, 2, unbind)),
			refused(invalid_tx::NOT_ADMITTED)
		);
	});
}

#[test]
fn bad_bindings_are_refused_in_the_pool() {
	run(|| {
		register_with_key(1);
		build_rings();
		let account = id_of(&fresh_key("a"));
		// A stranger (no member key recorded) proves over a ring of its own making.
		let (ring, revision, mut keys) = root_of(1);
		keys.push(member(9));
		let message = bind_message(Domain::Fund, &account, ring, revision, 0);
		let opened = Crypto::open(Domain11::get(), &member(9), keys.into_iter()).expect("in it");
		let (proof, _) =
			Crypto::create(opened, &secret(9), Domain::Fund.context(), &message).expect("a proof");
		let forged = UncheckedExtrinsic::new_bare(RuntimeCall::Aliases(
			pallet_civitas_aliases::Call::bind {
				domain: Domain::Fund,
				account: account.clone(),
				ring,
				revision,
				nonce: 0,
				proof: proof.encode().try_into().expect("short"),
			},
		));
		assert_eq!(pool_validate(&forged), Err(InvalidTransaction::BadProof.into()));
		// Staff accounts are never alias accounts.
		let staff = bind_tx(1, Domain::Fund, &account_of_staff(), 0);
		assert_eq!(pool_validate(&staff), refused(invalid_tx::ACCOUNT_TAKEN));
	});
}

fn account_of_staff() -> civitas_runtime::AccountId {
	account(Bob)
}

#[test]
fn death_and_erasure_end_a_persons_aliases_after_the_grace() {
	run(|| {
		for seed in 1..=3 {
			register_with_key(seed);
		}
		build_rings();
		let accounts: Vec<_> =
			(1..=3u8).map(|s| id_of(&fresh_key(&format!("titles{s}")))).collect();
		for (seed, account) in (1..=3u8).zip(&accounts) {
			assert_ok!(apply(&bind_tx(seed, Domain::Titles, account, 0)).expect("valid"));
		}
		// Person 1 dies, person 2 is erased: their keys leave the ring; revision 2 follows.
		assert_ok!(submit(
			Alice,
			RuntimeCall::Identity(pallet_civitas_identity::Call::update_person {
				person: person(1),
				commitment: None,
				status: Some(pallet_civitas_identity::PersonStatus::Deceased),
				minor: None,
			})
		)
		.expect("admitted"));
		assert_ok!(submit(
			Alice,
			RuntimeCall::Identity(pallet_civitas_identity::Call::erase_person {
				person: person(2),
				relations: Default::default(),
			})
		)
		.expect("admitted"));
		assert_eq!(pallet_civitas_identity::MemberKeys::<Runtime>::get(person(2)), None);
		build_rings();
		let (_, revision, keys) = root_of(3);
		assert_eq!((revision, keys), (2, vec![member(3)]));
		// Person 3's wallet refreshes its binding, keeping its account.
		assert_ok!(apply(&bind_tx(3, Domain::Titles, &accounts[2], 1)).expect("valid"));

		// Within the grace, every alias still holds; after it, only person 3's.
		assert!(accounts.iter().all(|a| Aliases::alias_of(a, Domain::Titles).is_some()));
		// Two weeks on (the clock alone: a block's number moves one at a time).
		pallet_timestamp::Now::<Runtime>::mutate(|now| *now += RebindGrace::get());
		assert_eq!(Aliases::alias_of(&accounts[0], Domain::Titles), None, "the dead");
		assert_eq!(Aliases::alias_of(&accounts[1], Domain::Titles), None, "the erased");
		assert_eq!(Aliases::alias_of(&accounts[2], Domain::Titles), Some(alias(3, Domain::Titles)));
	});
}
