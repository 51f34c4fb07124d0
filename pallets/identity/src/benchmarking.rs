//! Benchmarks of `pallet-civitas-identity` (FRAME benchmarking v2).

use super::*;
use civitas_primitives::BenchmarkAgencies;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

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
		let (a, _) = register::<T>(&by, 0, false)?;
		let (b, _) = register::<T>(&by, 1, false)?;

		#[extrinsic_call]
		_(
			RawOrigin::Signed(by),
			a,
			RelationKind::SpouseOf,
			b,
			H256::repeat_byte(7),
			0,
			Some(u64::MAX),
		);

		assert!(ActiveRelation::<T>::contains_key((a, RelationKind::SpouseOf, b)));
		Ok(())
	}

	#[benchmark]
	fn revoke_relation() -> Result<(), BenchmarkError> {
		let by = registrar::<T>();
		let (a, _) = register::<T>(&by, 0, false)?;
		let (b, _) = register::<T>(&by, 1, false)?;
		let id = NextRelationId::<T>::get();
		Pallet::<T>::attest_relation(
			RawOrigin::Signed(by.clone()).into(),
			a,
			RelationKind::SpouseOf,
			b,
			H256::repeat_byte(7),
			0,
			None,
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(by), id, 1);

		assert!(!ActiveRelation::<T>::contains_key((a, RelationKind::SpouseOf, b)));
		Ok(())
	}

	#[benchmark]
	fn grant_consent() -> Result<(), BenchmarkError> {
		// The costlier path: a parent consents for a minor child.
		let by = registrar::<T>();
		let (parent, parent_key) = register::<T>(&by, 0, false)?;
		let (child, _) = register::<T>(&by, 1, true)?;
		Pallet::<T>::attest_relation(
			RawOrigin::Signed(by).into(),
			parent,
			RelationKind::GuardianOf,
			child,
			H256::repeat_byte(7),
			0,
			None,
		)?;
		let until = T::Time::now().saturating_add(T::MaxConsentDuration::get());

		#[extrinsic_call]
		_(RawOrigin::Signed(parent_key), child, 0, Scope::Identity, purpose(), until);

		assert!(Consents::<T>::contains_key((child, 0, Scope::Identity)));
		Ok(())
	}

	#[benchmark]
	fn revoke_consent() -> Result<(), BenchmarkError> {
		let by = registrar::<T>();
		let (id, key) = register::<T>(&by, 0, false)?;
		let until = T::Time::now().saturating_add(T::MaxConsentDuration::get());
		Pallet::<T>::grant_consent(
			RawOrigin::Signed(key.clone()).into(),
			id,
			0,
			Scope::Identity,
			purpose(),
			until,
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(key), id, 0, Scope::Identity);

		assert!(!Consents::<T>::contains_key((id, 0, Scope::Identity)));
		Ok(())
	}

	#[benchmark]
	fn verify_consented() -> Result<(), BenchmarkError> {
		// The costlier path: a relation question, with a full access log to roll.
		let by = registrar::<T>();
		let office = T::BenchmarkHelper::staff_with(1002, &[]);
		let (mother, _) = register::<T>(&by, 0, false)?;
		let (son, son_key) = register::<T>(&by, 1, false)?;
		Pallet::<T>::attest_relation(
			RawOrigin::Signed(by).into(),
			mother,
			RelationKind::ParentOf,
			son,
			H256::repeat_byte(7),
			0,
			None,
		)?;
		let origin: OriginFor<T> = RawOrigin::Signed(office.clone()).into();
		let (_, agency) = T::Agencies::ensure_staff(origin)?;
		let until = T::Time::now().saturating_add(T::MaxConsentDuration::get());
		Pallet::<T>::grant_consent(
			RawOrigin::Signed(son_key).into(),
			son,
			agency,
			Scope::Relations,
			purpose(),
			until,
		)?;
		for _ in 0..T::MaxAccessLog::get() {
			<Pallet<T> as ConsentCheck>::record_access(
				&son,
				agency,
				Scope::Relations,
				purpose(),
				true,
			);
		}

		#[extrinsic_call]
		verify(
			RawOrigin::Signed(office),
			son,
			Question::Relation { relative: mother, kind: RelationKind::ParentOf },
			purpose(),
		);

		assert_eq!(AccessCount::<T>::get(son), u64::from(T::MaxAccessLog::get()) + 1);
		Ok(())
	}

	#[benchmark]
	fn erase_person(
		r: Linear<0, { T::MaxRelationsPerPerson::get() }>,
		c: Linear<1, { T::MaxConsentsPerSubject::get() }>,
	) -> Result<(), BenchmarkError> {
		let by = registrar::<T>();
		let (id, _) = register::<T>(&by, 0, false)?;
		for i in 0..r {
			let (other, _) = register::<T>(&by, i.saturating_add(1), false)?;
			Pallet::<T>::attest_relation(
				RawOrigin::Signed(by.clone()).into(),
				id,
				RelationKind::ParentOf,
				other,
				H256::repeat_byte(7),
				0,
				None,
			)?;
		}
		let until = T::Time::now().saturating_add(T::MaxConsentDuration::get());
		let key = Persons::<T>::get(id)
			.and_then(|p| p.controllers.first().cloned())
			.ok_or("no controller")?;
		// Consents to one agency over `c` scopes stand for consents from many agencies: the
		// storage cost per consent is the same.
		let (_, agency) = T::Agencies::ensure_staff(RawOrigin::Signed(by.clone()).into())?;
		for i in 0..c {
			Pallet::<T>::grant_consent(
				RawOrigin::Signed(key.clone()).into(),
				id,
				agency,
				Scope::Licence(i as u16),
				purpose(),
				until,
			)?;
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(by), id);

		assert_eq!(Persons::<T>::get(id).map(|p| p.status), Some(PersonStatus::Erased));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
