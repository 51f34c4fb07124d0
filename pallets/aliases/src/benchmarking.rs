//! Benchmarks of the aliases pallet: worst cases with full rings and real proofs (the runtime's
//! `BenchmarkHelper` makes them with the scheme's prover).

use super::*;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

/// `n` persons (seeds from `first`) of one kind join a ring; every stale ring is then built.
fn ring_with<T: Config>(first: u32, n: u32) -> RingIndex {
	for seed in first..first.saturating_add(n) {
		let member = <Pallet<T> as PersonRings>::benchmark_member(seed);
		<Pallet<T> as PersonRings>::join(&member, SubjectKind::Citizen).expect("a fresh member");
	}
	build_all::<T>();
	MemberRing::<T>::get(<Pallet<T> as PersonRings>::benchmark_member(first)).expect("joined")
}

fn build_all<T: Config>() {
	while Building::<T>::exists() || Stale::<T>::iter_keys().next().is_some() {
		Pallet::<T>::build_step();
	}
}

/// A proof by person `seed` binding `account` in `domain`, with number `nonce`, against the
/// current root of `ring`.
fn proof<T: Config>(
	seed: u32,
	ring: RingIndex,
	domain: Domain,
	account: &T::AccountId,
	nonce: u32,
) -> (Revision, ProofOf<T>) {
	let revision = Rings::<T>::get(ring).expect("a ring").revision;
	let keys = Roots::<T>::get(ring, revision).expect("a root").keys;
	let message = bind_message(domain, account, ring, revision, nonce);
	let proof = T::BenchmarkHelper::prove(seed, &keys, domain.context(), &message);
	(revision, proof.try_into().expect("within MaxProofLen"))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A full ring; the alias rotates from a bound account to a new one (the old one released):
	/// a first binding or a refresh writes less.
	#[benchmark]
	fn bind() {
		let ring = ring_with::<T>(0, T::MaxRingSize::get());
		let old: T::AccountId = account("alias", 0, 0);
		let (revision, first) = proof::<T>(0, ring, Domain::Fund, &old, 0);
		Pallet::<T>::bind(
			RawOrigin::None.into(),
			Domain::Fund,
			old.clone(),
			ring,
			revision,
			0,
			first,
		)
		.expect("a valid proof");
		T::BenchmarkHelper::advance_time(T::RotationInterval::get());
		let new: T::AccountId = account("alias", 1, 0);
		let (revision, second) = proof::<T>(0, ring, Domain::Fund, &new, 1);

		#[extrinsic_call]
		_(RawOrigin::None, Domain::Fund, new.clone(), ring, revision, 1, second);

		assert!(BoundTo::<T>::contains_key(&new) && !BoundTo::<T>::contains_key(&old));
	}

	/// The verifier's context, which `bind`'s measurement does not see (the benchmark
	/// runtime's prover built it in the set-up) and a block's first proof builds.
	#[benchmark]
	fn verifier_context() {
		#[block]
		{
			T::Context::build();
		}
	}

	#[benchmark]
	fn unbind() {
		let ring = ring_with::<T>(0, 1);
		let who: T::AccountId = account("alias", 0, 0);
		let (revision, proof) = proof::<T>(0, ring, Domain::Fund, &who, 0);
		Pallet::<T>::bind(
			RawOrigin::None.into(),
			Domain::Fund,
			who.clone(),
			ring,
			revision,
			0,
			proof,
		)
		.expect("a valid proof");

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(!BoundTo::<T>::contains_key(&who));
	}

	/// A step that pushes `n` keys and finishes a new revision of a ring that has one, whose
	/// previous root is superseded. (`n` stops at the test runtime's ring and step sizes.)
	#[benchmark]
	fn build_step(n: Linear<1, 64>) {
		let n = n.min(T::MaxRingSize::get()).min(T::MembersPerStep::get());
		let ring = ring_with::<T>(0, n);
		let first = <Pallet<T> as PersonRings>::benchmark_member(0);
		<Pallet<T> as PersonRings>::leave(&first).expect("a member");
		<Pallet<T> as PersonRings>::join(&first, SubjectKind::Citizen).expect("room for it");
		let before = Rings::<T>::get(ring).expect("a ring").revision;

		#[block]
		{
			Pallet::<T>::build_step();
		}

		assert_eq!(Rings::<T>::get(ring).expect("a ring").revision, before.saturating_add(1));
	}

	/// Into a ring with one place left.
	#[benchmark]
	fn join() {
		let size = T::MaxRingSize::get();
		ring_with::<T>(0, size.saturating_sub(1));
		let member = <Pallet<T> as PersonRings>::benchmark_member(size);

		#[block]
		{
			<Pallet<T> as PersonRings>::join(&member, SubjectKind::Citizen).expect("room for it");
		}

		assert!(MemberRing::<T>::contains_key(member));
	}

	/// The last key of a full ring.
	#[benchmark]
	fn leave() {
		let size = T::MaxRingSize::get();
		ring_with::<T>(0, size);
		let member = <Pallet<T> as PersonRings>::benchmark_member(size.saturating_sub(1));

		#[block]
		{
			<Pallet<T> as PersonRings>::leave(&member).expect("a member");
		}

		assert!(!MemberRing::<T>::contains_key(member));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
