//! Tests of the aliases pallet, with real Bandersnatch ring-VRF proofs.

// The pool's check is `ValidateUnsigned` (see `lib.rs`).
#![allow(deprecated)]

use crate::{
	mock::*, Bindings, Building, Error, Event, MemberRing, Revision, RingIndex, Rings, Roots, Stale,
};
use civitas_primitives::{Aliases as _, Domain, PersonRings, SubjectKind};
use frame_support::{assert_noop, assert_ok, traits::Hooks, weights::WeightMeter};
use sp_runtime::{
	traits::ValidateUnsigned,
	transaction_validity::{InvalidTransaction, TransactionSource},
};

/// Runs the block hooks until no ring is left to build.
fn build_rings() {
	for _ in 0..100 {
		if Building::<Test>::get().is_none() && Stale::<Test>::iter_keys().next().is_none() {
			return;
		}
		let n = System::block_number() + 1;
		System::set_block_number(n);
		Aliases::on_poll(n, &mut WeightMeter::new());
	}
	panic!("the rings were not built within 100 blocks");
}

/// Persons `seeds` (citizens) join, and their ring's root is built; the ring's index.
fn ring_of(seeds: &[u8]) -> RingIndex {
	for seed in seeds {
		assert_ok!(<Aliases as PersonRings>::join(&member(*seed), SubjectKind::Citizen));
	}
	build_rings();
	MemberRing::<Test>::get(member(seeds[0])).unwrap()
}

/// The current root of `ring`: its revision and keys.
fn root(ring: RingIndex) -> (Revision, Vec<civitas_primitives::MemberKey>) {
	Aliases::current_root(ring).expect("a root")
}

/// Person `seed` binds `account` in `domain` against the ring's current root.
fn bind(seed: u8, domain: Domain, account: AccountId, nonce: u32) -> sp_runtime::DispatchResult {
	let ring = MemberRing::<Test>::get(member(seed)).expect("in a ring");
	let (revision, keys) = root(ring);
	let proof = prove(seed, &keys, domain, account, ring, revision, nonce);
	Aliases::bind(RuntimeOrigin::none(), domain, account, ring, revision, nonce, proof)
}

#[test]
fn joining_members_builds_the_ring_root_over_blocks() {
	ExtBuilder.build_and_execute(|| {
		for seed in [1, 2, 3] {
			assert_ok!(<Aliases as PersonRings>::join(&member(seed), SubjectKind::Citizen));
		}
		assert!(Aliases::current_root(0).is_none(), "no root before the chain builds it");
		// Two members a block: the first block pushes two, the second one and finishes.
		Aliases::on_poll(2, &mut WeightMeter::new());
		assert_eq!(Building::<Test>::get().map(|b| b.pushed), Some(2));
		Aliases::on_poll(3, &mut WeightMeter::new());
		assert!(Building::<Test>::get().is_none());
		assert_eq!(root(0), (1, vec![member(1), member(2), member(3)]));
		System::assert_last_event(Event::RingRevised { ring: 0, revision: 1, members: 3 }.into());
	});
}

#[test]
fn a_member_binds_an_account_to_its_alias() {
	ExtBuilder.build_and_execute(|| {
		let ring = ring_of(&[1, 2, 3]);
		assert_ok!(bind(2, Domain::Fund, 100, 0));
		let alias = alias(2, Domain::Fund);
		assert_eq!(Aliases::alias_of(&100, Domain::Fund), Some(alias));
		assert_eq!(Aliases::account_of(&alias, Domain::Fund), Some(100));
		assert_eq!(Aliases::kind_of(&alias, Domain::Fund), Some(SubjectKind::Citizen));
		assert_eq!(Aliases::alias_of(&100, Domain::Wages), None, "one domain only");
		assert_eq!(admitted_alias(100), Some(SubjectKind::Citizen));
		System::assert_last_event(
			Event::AliasBound { domain: Domain::Fund, alias, account: 100, ring, revision: 1 }
				.into(),
		);
	});
}

#[test]
fn aliases_differ_between_domains_and_between_persons() {
	ExtBuilder.build_and_execute(|| {
		ring_of(&[1, 2]);
		assert_ok!(bind(1, Domain::Fund, 100, 0));
		assert_ok!(bind(1, Domain::Wages, 101, 0));
		assert_ok!(bind(2, Domain::Fund, 102, 0));
		let a = Aliases::alias_of(&100, Domain::Fund).unwrap();
		let b = Aliases::alias_of(&101, Domain::Wages).unwrap();
		let c = Aliases::alias_of(&102, Domain::Fund).unwrap();
		assert!(a != b && a != c && b != c);
		// Nothing in the bindings names the member key.
		for (_, _, binding) in Bindings::<Test>::iter() {
			assert!(!codec::Encode::encode(&binding).windows(32).any(|w| w == member(1)));
		}
	});
}

#[test]
fn binding_again_moves_the_alias_to_a_new_account() {
	ExtBuilder.build_and_execute(|| {
		ring_of(&[1, 2]);
		assert_ok!(bind(1, Domain::Titles, 100, 0));
		// Not at will: each new account stays in state for good.
		advance(ROTATION - 1);
		assert_noop!(bind(1, Domain::Titles, 200, 1), Error::<Test>::TooSoon);
		advance(1);
		assert_ok!(bind(1, Domain::Titles, 200, 1));
		let alias = alias(1, Domain::Titles);
		assert_eq!(Aliases::alias_of(&200, Domain::Titles), Some(alias));
		assert_eq!(Aliases::alias_of(&100, Domain::Titles), None);
		assert_eq!(admitted_alias(100), None, "the old key is released");
		assert_eq!(Bindings::<Test>::get(Domain::Titles, alias).unwrap().nonce, 1);
	});
}

#[test]
fn a_refresh_keeps_the_account_and_its_admission() {
	ExtBuilder.build_and_execute(|| {
		let ring = ring_of(&[1, 2]);
		assert_ok!(bind(1, Domain::Wages, 100, 0));
		// Against the root it has: nothing to refresh.
		assert_noop!(bind(1, Domain::Wages, 100, 1), Error::<Test>::AlreadyBound);
		// A member joins: revision 2. The same account moves to it at once (no rotation).
		assert_ok!(<Aliases as PersonRings>::join(&member(3), SubjectKind::Citizen));
		build_rings();
		assert_ok!(bind(1, Domain::Wages, 100, 1));
		let alias = alias(1, Domain::Wages);
		let binding = Bindings::<Test>::get(Domain::Wages, alias).unwrap();
		assert_eq!((binding.ring, binding.revision, binding.nonce), (ring, 2, 1));
		assert_eq!(admitted_alias(100), Some(SubjectKind::Citizen));
		assert_eq!(Aliases::alias_of(&100, Domain::Wages), Some(alias));
		// The refresh did not restart the rotation clock, nor end it.
		assert_noop!(bind(1, Domain::Wages, 200, 2), Error::<Test>::TooSoon);
		advance(ROTATION);
		assert_ok!(bind(1, Domain::Wages, 200, 2));
		assert_eq!(admitted_alias(100), None);
	});
}

#[test]
fn a_proof_binds_once_and_only_the_account_it_names() {
	ExtBuilder.build_and_execute(|| {
		let ring = ring_of(&[1, 2]);
		let (revision, keys) = root(ring);
		let proof = prove(1, &keys, Domain::Fund, 100, ring, revision, 0);
		assert_ok!(Aliases::bind(
			RuntimeOrigin::none(),
			Domain::Fund,
			100,
			ring,
			revision,
			0,
			proof.clone()
		));
		// Replayed after the holder moved the alias: the number is spent.
		advance(ROTATION);
		assert_ok!(bind(1, Domain::Fund, 200, 1));
		assert_ok!(Aliases::unbind(RuntimeOrigin::signed(200)));
		let replay = prove(1, &keys, Domain::Fund, 300, ring, revision, 0);
		assert_noop!(
			Aliases::bind(RuntimeOrigin::none(), Domain::Fund, 300, ring, revision, 0, replay),
			Error::<Test>::WrongNonce
		);
		// The proof for account 100 does not bind account 400.
		assert_noop!(
			Aliases::bind(RuntimeOrigin::none(), Domain::Fund, 400, ring, revision, 0, proof),
			Error::<Test>::BadProof
		);
		// Nor does a proof made for another domain.
		let wages = prove(1, &keys, Domain::Wages, 500, ring, revision, 2);
		assert_noop!(
			Aliases::bind(RuntimeOrigin::none(), Domain::Fund, 500, ring, revision, 2, wages),
			Error::<Test>::BadProof
		);
	});
}

#[test]
fn a_stranger_cannot_bind() {
	ExtBuilder.build_and_execute(|| {
		let ring = ring_of(&[1, 2]);
		// The stranger (9) proves membership of a ring of its own making.
		let (revision, mut keys) = root(ring);
		keys[1] = member(9);
		let proof = prove(9, &keys, Domain::Fund, 100, ring, revision, 0);
		assert_noop!(
			Aliases::bind(RuntimeOrigin::none(), Domain::Fund, 100, ring, revision, 0, proof),
			Error::<Test>::BadProof
		);
	});
}

#[test]
fn bad_bindings_are_refused_and_change_nothing() {
	ExtBuilder.build_and_execute(|| {
		let ring = ring_of(&[1, 2]);
		let (revision, keys) = root(ring);
		let bind_with = |account, ring, revision, proof| {
			Aliases::bind(RuntimeOrigin::none(), Domain::Fund, account, ring, revision, 0, proof)
		};
		let proof = |account| prove(1, &keys, Domain::Fund, account, ring, revision, 0);
		assert_noop!(bind_with(100, 7, revision, proof(100)), Error::<Test>::UnknownRing);
		assert_noop!(bind_with(100, ring, 5, proof(100)), Error::<Test>::StaleRoot);
		assert_noop!(bind_with(STAFF, ring, revision, proof(STAFF)), Error::<Test>::AccountInUse);
		frame_system::Pallet::<Test>::inc_account_nonce(300);
		assert_noop!(bind_with(300, ring, revision, proof(300)), Error::<Test>::AccountUsed);
		let garbage = vec![7u8; 40].try_into().unwrap();
		assert_noop!(bind_with(100, ring, revision, garbage), Error::<Test>::BadProof);
		let mut trailing = proof(100).into_inner();
		trailing.push(0);
		assert_noop!(
			bind_with(100, ring, revision, trailing.try_into().unwrap()),
			Error::<Test>::BadProof
		);
		assert_noop!(Aliases::unbind(RuntimeOrigin::signed(100)), Error::<Test>::NotBound);
		assert_noop!(
			Aliases::bind(
				RuntimeOrigin::signed(100),
				Domain::Fund,
				100,
				ring,
				revision,
				0,
				proof(100)
			),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_member_who_left_loses_its_aliases_after_the_grace() {
	ExtBuilder.build_and_execute(|| {
		let ring = ring_of(&[1, 2, 3]);
		assert_ok!(bind(1, Domain::Fund, 100, 0));
		assert_ok!(bind(2, Domain::Fund, 200, 0));
		// Person 1 dies: its registrar removes its key, and the chain builds revision 2.
		assert_ok!(<Aliases as PersonRings>::leave(&member(1)));
		System::assert_last_event(Event::MemberLeft { ring, member: member(1) }.into());
		build_rings();
		assert_eq!(root(ring), (2, vec![member(2), member(3)]));
		// Within the grace both aliases hold; person 2 refreshes its binding to revision 2.
		assert!(Aliases::alias_of(&100, Domain::Fund).is_some());
		assert_ok!(bind(2, Domain::Fund, 200, 1));
		// Person 1 cannot prove against the new root.
		let (revision, keys) = root(ring);
		let mut with_1 = keys.clone();
		with_1.push(member(1));
		let proof = prove(1, &with_1, Domain::Fund, 101, ring, revision, 1);
		assert_noop!(
			Aliases::bind(RuntimeOrigin::none(), Domain::Fund, 101, ring, revision, 1, proof),
			Error::<Test>::BadProof
		);
		advance(GRACE);
		assert_eq!(Aliases::alias_of(&100, Domain::Fund), None, "person 1's alias ended");
		assert_eq!(Aliases::alias_of(&200, Domain::Fund), Some(alias(2, Domain::Fund)));
		// The next revision drops the expired root.
		assert_ok!(<Aliases as PersonRings>::join(&member(4), SubjectKind::Citizen));
		build_rings();
		assert!(Roots::<Test>::get(ring, 1).is_none());
		assert!(Roots::<Test>::get(ring, 2).is_some());
	});
}

#[test]
fn full_rings_open_new_ones_and_kinds_keep_their_own() {
	ExtBuilder.build_and_execute(|| {
		for seed in 1..=5 {
			assert_ok!(<Aliases as PersonRings>::join(&member(seed), SubjectKind::Citizen));
		}
		assert_ok!(<Aliases as PersonRings>::join(&member(6), SubjectKind::Company));
		build_rings();
		assert_eq!(Aliases::ring_of(member(4)), Some(0));
		assert_eq!(Aliases::ring_of(member(5)), Some(1));
		assert_eq!(Aliases::ring_of(member(6)), Some(2));
		assert_eq!(Rings::<Test>::get(2).unwrap().kind, SubjectKind::Company);
		assert_ok!(bind(6, Domain::Invoices, 600, 0));
		assert_eq!(admitted_alias(600), Some(SubjectKind::Company));
	});
}

#[test]
fn bad_members_are_refused() {
	ExtBuilder.build_and_execute(|| {
		assert_noop!(
			<Aliases as PersonRings>::join(&[0u8; 32], SubjectKind::Citizen),
			Error::<Test>::InvalidMember
		);
		assert_ok!(<Aliases as PersonRings>::join(&member(1), SubjectKind::Citizen));
		assert_noop!(
			<Aliases as PersonRings>::join(&member(1), SubjectKind::Company),
			Error::<Test>::MemberKnown
		);
		assert_noop!(<Aliases as PersonRings>::leave(&member(2)), Error::<Test>::UnknownMember);
	});
}

#[test]
fn unbinding_releases_the_account() {
	ExtBuilder.build_and_execute(|| {
		ring_of(&[1]);
		assert_ok!(bind(1, Domain::Licences, 100, 0));
		assert_ok!(Aliases::unbind(RuntimeOrigin::signed(100)));
		assert_eq!(Aliases::alias_of(&100, Domain::Licences), None);
		assert_eq!(admitted_alias(100), None);
		let alias = alias(1, Domain::Licences);
		assert_eq!(Aliases::account_of(&alias, Domain::Licences), None);
		System::assert_last_event(
			Event::AliasUnbound { domain: Domain::Licences, alias, account: 100 }.into(),
		);
		// Binding a new account after an unbind is a rotation too.
		assert_noop!(bind(1, Domain::Licences, 101, 1), Error::<Test>::TooSoon);
		advance(ROTATION);
		assert_ok!(bind(1, Domain::Licences, 101, 1));
	});
}

#[test]
fn the_pool_checks_the_proof() {
	ExtBuilder.build_and_execute(|| {
		let ring = ring_of(&[1, 2]);
		let (revision, keys) = root(ring);
		let proof = prove(1, &keys, Domain::Fund, 100, ring, revision, 0);
		let call = |account, proof| crate::Call::<Test>::bind {
			domain: Domain::Fund,
			account,
			ring,
			revision,
			nonce: 0,
			proof,
		};
		let valid =
			Aliases::validate_unsigned(TransactionSource::External, &call(100, proof.clone()))
				.expect("valid");
		assert_eq!(valid.provides.len(), 1);
		assert_eq!(
			Aliases::validate_unsigned(TransactionSource::External, &call(400, proof)),
			Err(InvalidTransaction::BadProof.into())
		);
	});
}

#[test]
fn the_runtimes_setup_points_are_verifiables_own() {
	use verifiable::ring::{Bls12_381Params, RingCurveParams, RingDomainSize};
	assert_eq!(
		crate::bandersnatch::BUILDER_PARAMS,
		Bls12_381Params::ring_builder_params(RingDomainSize::Domain11),
		"pallets/aliases/data/ring-builder-params-domain11.bin differs from verifiable's"
	);
}
