//! Benchmarks of `pallet-civitas-identity` (FRAME benchmarking v2).

use super::*;
use civitas_primitives::{BenchmarkAgencies, BenchmarkAliases};
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;
use sp_core::crypto::KeyTypeId;

/// Where the benchmarks keep the relation end keys they make (the benchmarking CLI's keystore).
const END_KEYS: KeyTypeId = KeyTypeId(*b"rend");

fn registrar<T: Config>() -> T::AccountId {
	T::BenchmarkHelper::staff_with(
		1000,
		&[Capability::RegisterPersons, Capability::AttestRelations],
	)
}

fn person(n: u32) -> PersonId {
	<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(&n.to_le_bytes()[..])
}

/// Registers person `n`, controlled by account `n`, through `by`.
fn register<T: Config>(
	by: &T::AccountId,
	n: u32,
	minor: bool,
) -> Result<(PersonId, T::AccountId), BenchmarkError> {
	let id = person(n);
	let key: T::AccountId = account("subject", n, 0);
	Pallet::<T>::register_person(
		RawOrigin::Signed(by.clone()).into(),
		id,
		SubjectKind::Citizen,
		key.clone(),
		H256::repeat_byte(1),
		minor,
	)?;
	Ok((id, key))
}

/// The salt of end `end` of a relation in a benchmark.
fn salt(end: u32) -> H256 {
	<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(&end.to_be_bytes()[..])
}

/// Attests "`a` is the `kind` of `b`", their ends salted with `salt(sa)` and `salt(sb)`.
fn attest<T: Config>(
	by: &T::AccountId,
	kind: RelationKind,
	(a, sa): (PersonId, u32),
	(b, sb): (PersonId, u32),
	custody: bool,
) -> Result<RelationId, BenchmarkError> {
	let id = NextRelationId::<T>::get();
	Pallet::<T>::attest_relation(
		RawOrigin::Signed(by.clone()).into(),
		kind,
		relation_tag(&a, &salt(sa)),
		relation_tag(&b, &salt(sb)),
		custody,
		H256::repeat_byte(7),
		0,
		None,
	)?;
	Ok(id)
}

fn purpose() -> Purpose {
	Purpose::Text(
		alloc::vec![b'p'; civitas_primitives::MAX_PURPOSE_LEN as usize]
			.try_into()
			.unwrap_or_default(),
	)
}

#[benchmarks(where T: Config)]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_person() -> Result<(), BenchmarkError> {
		let by = registrar::<T>();
		let key: T::AccountId = account("subject", 0, 0);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(by),
			person(0),
			SubjectKind::Citizen,
			key.clone(),
			H256::repeat_byte(1),
			false,
		);

		assert_eq!(ControllerOf::<T>::get(&key), Some(person(0)));
		Ok(())
	}

	#[benchmark]
	fn update_person() -> Result<(), BenchmarkError> {
		let by = registrar::<T>();
		let (id, _) = register::<T>(&by, 0, true)?;

		#[extrinsic_call]
		_(
			RawOrigin::Signed(by),
			id,
			Some(H256::repeat_byte(2)),
			Some(PersonStatus::Deceased),
			Some(false),
		);

		assert_eq!(Persons::<T>::get(id).map(|r| r.status), Some(PersonStatus::Deceased));
		Ok(())
	}

	/// The identity pallet's own part, for a person who is not active (no ring changes): the
	/// call's weight adds the rings' `leave` and `join`, each measured at its worst.
	#[benchmark]
	fn set_member_key() -> Result<(), BenchmarkError> {
		let by = registrar::<T>();
		let (id, _) = register::<T>(&by, 0, false)?;
		Pallet::<T>::set_member_key(
			RawOrigin::Signed(by.clone()).into(),
			id,
			Some(T::Rings::benchmark_member(0)),
		)?;
		Pallet::<T>::update_person(
			RawOrigin::Signed(by.clone()).into(),
			id,
			None,
			Some(PersonStatus::Emigrated),
			None,
		)?;
		let new = T::Rings::benchmark_member(1);

		#[extrinsic_call]
		_(RawOrigin::Signed(by), id, Some(new));

		assert_eq!(MemberKeys::<T>::get(id), Some(new));
		Ok(())
	}

	#[benchmark]
	fn rotate_key() -> Result<(), BenchmarkError> {
		let by = registrar::<T>();
		let (id, key) = register::<T>(&by, 0, false)?;
		let new: T::AccountId = account("new-key", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(key), new.clone());

		assert_eq!(ControllerOf::<T>::get(&new), Some(id));
		Ok(())
	}

	#[benchmark]
	fn propose_recovery() -> Result<(), BenchmarkError> {
		let by = registrar::<T>();
		let (id, _) = register::<T>(&by, 0, false)?;
		let new: T::AccountId = account("new-key", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(by), id, new);

		assert!(Recoveries::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn approve_recovery() -> Result<(), BenchmarkError> {
		let by = registrar::<T>();
		let second = T::BenchmarkHelper::staff_with(1001, &[Capability::RegisterPersons]);
		let (id, _) = register::<T>(&by, 0, false)?;
		let new: T::AccountId = account("new-key", 0, 0);
		Pallet::<T>::propose_recovery(RawOrigin::Signed(by).into(), id, new.clone())?;
		// The time lock has run out.
		Recoveries::<T>::mutate(id, |r| {
			if let Some(r) = r {
				r.approvable_from = 0;
			}
		});

		#[extrinsic_call]
		_(RawOrigin::Signed(second), id);

		assert_eq!(ControllerOf::<T>::get(&new), Some(id));
		Ok(())
	}

	#[benchmark]
	fn veto_recovery() -> Result<(), BenchmarkError> {
		let by = registrar::<T>();
		let (id, key) = register::<T>(&by, 0, false)?;
		let new: T::AccountId = account("new-key", 0, 0);
		Pallet::<T>::propose_recovery(RawOrigin::Signed(by).into(), id, new)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(key));

		assert!(!Recoveries::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn cancel_recovery() -> Result<(), BenchmarkError> {
		let by = registrar::<T>();
		let (id, _) = register::<T>(&by, 0, false)?;
		let new: T::AccountId = account("new-key", 0, 0);
		Pallet::<T>::propose_recovery(RawOrigin::Signed(by.clone()).into(), id, new)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(by), id);

		assert!(!Recoveries::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn adopt_person() -> Result<(), BenchmarkError> {
		let by = registrar::<T>();
		let (id, _) = register::<T>(&by, 0, false)?;
		let acting = T::BenchmarkHelper::staff_with(1001, &[Capability::RegisterPersons]);
		// Its registrar is an agency that is no member (left the consortium).
		Persons::<T>::mutate(id, |p| {
			if let Some(p) = p {
				p.registrar = AgencyId::MAX;
			}
		});

		#[extrinsic_call]
		_(RawOrigin::Signed(acting), id);

		assert_ne!(Persons::<T>::get(id).map(|p| p.registrar), Some(AgencyId::MAX));
		Ok(())
	}

	#[benchmark]
	fn attest_relation() -> Result<(), BenchmarkError> {
		let by = registrar::<T>();
		let (a, b) = (relation_tag(&person(0), &salt(0)), relation_tag(&person(1), &salt(1)));

		#[extrinsic_call]
		_(
			RawOrigin::Signed(by),
			RelationKind::ParentOf,
			a,
			b,
			true,
			H256::repeat_byte(7),
			0,
			Some(u64::MAX),
		);

		assert!(RelationOfTag::<T>::contains_key(a) && RelationOfTag::<T>::contains_key(b));
		Ok(())
	}

	#[benchmark]
	fn revoke_relation() -> Result<(), BenchmarkError> {
		let by = registrar::<T>();
		let id = attest::<T>(&by, RelationKind::SpouseOf, (person(0), 0), (person(1), 1), false)?;
		let caller = by.clone();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, 1);

		assert!(!Relations::<T>::contains_key(id));
		assert!(!RelationOfTag::<T>::contains_key(relation_tag(&person(0), &salt(0))));
		Ok(())
	}

	#[benchmark]
	fn set_custody() -> Result<(), BenchmarkError> {
		let by = registrar::<T>();
		let id = attest::<T>(&by, RelationKind::ParentOf, (person(0), 0), (person(1), 1), true)?;
		let caller = by.clone();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, false);

		assert_eq!(Relations::<T>::get(id).map(|r| r.custody), Some(false));
		Ok(())
	}

	#[benchmark]
	fn set_end_keys() -> Result<(), BenchmarkError> {
		let by = registrar::<T>();
		let id = attest::<T>(&by, RelationKind::ParentOf, (person(0), 0), (person(1), 1), true)?;
		let (from, to) = (sr25519::Public::from_raw([1; 32]), sr25519::Public::from_raw([2; 32]));

		#[extrinsic_call]
		_(RawOrigin::Signed(by), id, from, to);

		assert_eq!(EndKeys::<T>::get(id), Some((from, to)));
		Ok(())
	}

	#[benchmark]
	fn grant_alias_consent() -> Result<(), BenchmarkError> {
		let (alias, who) = T::BenchmarkHelper::alias_account(0, Domain::Fund, SubjectKind::Citizen);
		let until = T::Time::now().saturating_add(T::MaxConsentDuration::get());

		#[extrinsic_call]
		_(RawOrigin::Signed(who), Domain::Fund, 0, Scope::FundAccount, purpose(), until);

		assert!(Consents::<T>::contains_key((alias, 0, Scope::FundAccount)));
		Ok(())
	}

	#[benchmark]
	fn revoke_alias_consent() -> Result<(), BenchmarkError> {
		let (alias, who) = T::BenchmarkHelper::alias_account(0, Domain::Fund, SubjectKind::Citizen);
		let until = T::Time::now().saturating_add(T::MaxConsentDuration::get());
		Pallet::<T>::grant_alias_consent(
			RawOrigin::Signed(who.clone()).into(),
			Domain::Fund,
			0,
			Scope::FundAccount,
			purpose(),
			until,
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who), Domain::Fund, 0, Scope::FundAccount);

		assert!(!Consents::<T>::contains_key((alias, 0, Scope::FundAccount)));
		Ok(())
	}

	#[benchmark]
	fn verify_consented() -> Result<(), BenchmarkError> {
		// The costlier path: a spouse's relation question (two end keys, the second the
		// subject's), with a full access log to roll.
		let by = registrar::<T>();
		let office = T::BenchmarkHelper::staff_with(1002, &[]);
		let (wife, _) = register::<T>(&by, 0, false)?;
		let (husband, _) = register::<T>(&by, 1, false)?;
		let relation = attest::<T>(&by, RelationKind::SpouseOf, (wife, 0), (husband, 1), false)?;
		let key = sp_io::crypto::sr25519_generate(END_KEYS, None);
		let other = sr25519::Public::from_raw([1; 32]);
		Pallet::<T>::set_end_keys(RawOrigin::Signed(by).into(), relation, other, key)?;
		let (subject, who) =
			T::BenchmarkHelper::alias_account(0, Domain::Identity, SubjectKind::Citizen);
		let message = relation_end_message(relation, &subject);
		let proof = sp_io::crypto::sr25519_sign(END_KEYS, &key, &message).ok_or("signs")?;
		let origin: OriginFor<T> = RawOrigin::Signed(office.clone()).into();
		let (_, agency) = T::Agencies::ensure_staff(origin)?;
		let until = T::Time::now().saturating_add(T::MaxConsentDuration::get());
		Pallet::<T>::grant_alias_consent(
			RawOrigin::Signed(who).into(),
			Domain::Identity,
			agency,
			Scope::Relations,
			purpose(),
			until,
		)?;
		for _ in 0..T::MaxAccessLog::get() {
			<Pallet<T> as ConsentCheck>::record_access(
				&subject,
				agency,
				Scope::Relations,
				purpose(),
				true,
			);
		}
		let question =
			Question::Relation { relation, kind: RelationKind::SpouseOf, custody: false, proof };

		#[extrinsic_call]
		verify(RawOrigin::Signed(office), subject, question, purpose());

		assert_eq!(AccessCount::<T>::get(subject), u64::from(T::MaxAccessLog::get()) + 1);
		assert_eq!(Accesses::<T>::get(subject, 0).map(|a| a.answer), Some(true));
		Ok(())
	}

	#[benchmark]
	fn erase_person(r: Linear<0, { T::MaxErasedRelations::get() }>) -> Result<(), BenchmarkError> {
		let by = registrar::<T>();
		let (id, _) = register::<T>(&by, 0, false)?;
		// `r` relations with distinct persons, each proven by the erased person's salt.
		let mut proofs = alloc::vec::Vec::new();
		for i in 0..r {
			let end = i.saturating_mul(2);
			let other = person(i.saturating_add(1));
			attest::<T>(
				&by,
				RelationKind::ParentOf,
				(id, end),
				(other, end.saturating_add(1)),
				true,
			)?;
			proofs.push(salt(end));
		}
		let proofs: BoundedVec<H256, T::MaxErasedRelations> =
			proofs.try_into().map_err(|_| "too many proofs")?;

		#[extrinsic_call]
		_(RawOrigin::Signed(by), id, proofs);

		assert_eq!(Persons::<T>::get(id).map(|p| p.status), Some(PersonStatus::Erased));
		assert_eq!(Relations::<T>::iter().count(), 0);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
