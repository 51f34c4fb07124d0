//! Benchmarks of `pallet-civitas-licenses` (FRAME benchmarking v2).

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;
use sp_core::{crypto::KeyTypeId, sr25519};

/// Where the benchmarks keep the relation end keys they make (the benchmarking CLI's keystore).
const END_KEYS: KeyTypeId = KeyTypeId(*b"rend");

/// What the benchmarks need from the rest of the runtime.
pub trait BenchmarkHelper<AccountId> {
	/// Staff of an agency holding `IssueLicence(licence_type)`.
	fn issuer(licence_type: LicenceTypeId) -> AccountId;
	/// Staff of another agency, which verifies.
	fn verifier() -> AccountId;
	/// A live licences alias of a person (or company) from `seed`.
	fn holder(seed: u32, kind: SubjectKind) -> Alias;
	/// A parent relation that holds now, whose first end's key is `key`.
	fn relation(key: sr25519::Public) -> RelationId;
	/// A live consent of `subject` to `agency` over licences of one type, for `purpose`.
	fn consent(subject: &Alias, agency: AgencyId, licence_type: LicenceTypeId, purpose: &Purpose);
}

const BASE_TYPE: LicenceTypeId = 900;

fn consortium<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

/// Registers `n` chained types (each requiring the previous), the last one with id `top`.
fn chain<T: Config>(top: LicenceTypeId, n: u32) -> Result<Vec<Prerequisite>, BenchmarkError> {
	let mut prev: Option<LicenceTypeId> = None;
	for i in 0..n {
		let id = BASE_TYPE.saturating_add(i as LicenceTypeId);
		let prereqs: BoundedVec<_, _> = prev
			.map(Prerequisite::Licence)
			.into_iter()
			.collect::<Vec<_>>()
			.try_into()
			.map_err(|_| "prereqs")?;
		Pallet::<T>::register_licence_type(
			consortium::<T>()?,
			id,
			b"type".to_vec().try_into().map_err(|_| "name")?,
			1_000_000_000,
			false,
			prereqs,
		)?;
		prev = Some(id);
	}
	let _ = top;
	Ok(prev.map(Prerequisite::Licence).into_iter().collect())
}

/// Worst-case prerequisites: identity facts, then a licence of a type with its own chain.
fn prerequisites<T: Config>(
	p: u32,
) -> Result<BoundedVec<Prerequisite, T::MaxPrerequisites>, BenchmarkError> {
	let facts = [Prerequisite::Registered, Prerequisite::Alive, Prerequisite::OfAge];
	let mut v: Vec<Prerequisite> = facts.iter().copied().take(p as usize).collect();
	if p as usize > facts.len() {
		v.extend(chain::<T>(BASE_TYPE, T::MaxLicenceTypes::get().saturating_sub(2).min(8))?);
	}
	while (v.len() as u32) < p {
		v.push(Prerequisite::NaturalPerson);
	}
	v.try_into().map_err(|_| "too many prerequisites".into())
}

fn name<T: Config>() -> BoundedVec<u8, T::MaxNameLen> {
	vec![b'n'; T::MaxNameLen::get() as usize].try_into().unwrap_or_default()
}

fn number() -> H256 {
	H256::repeat_byte(0x4E)
}

/// Registers type `id` with `prereqs` and issues its prerequisite licences to `holder`.
fn ready<T: Config>(
	id: LicenceTypeId,
	prereqs: BoundedVec<Prerequisite, T::MaxPrerequisites>,
	holder: Alias,
) -> Result<(), BenchmarkError> {
	for p in prereqs.iter() {
		if let Prerequisite::Licence(t) = p {
			// Issue the whole chain below, from the bottom.
			let mut needed = vec![*t];
			while let Some(Prerequisite::Licence(below)) =
				LicenceTypes::<T>::get(*needed.last().ok_or("empty")?)
					.and_then(|lt| lt.prerequisites.first().copied())
			{
				needed.push(below);
			}
			for t in needed.into_iter().rev() {
				let lt = LicenceTypes::<T>::get(t).ok_or("type")?;
				Pallet::<T>::do_issue(0, t, &lt, &request(holder), None)?;
			}
		}
	}
	Pallet::<T>::register_licence_type(
		consortium::<T>()?,
		id,
		name::<T>(),
		1_000_000_000,
		false,
		prereqs,
	)?;
	Ok(())
}

/// When a licence of type 1 issued now without a validity of its own expires.
fn default_until<T: Config>() -> Result<Moment, BenchmarkError> {
	Ok(T::Time::now().saturating_add(LicenceTypes::<T>::get(1).ok_or("type")?.default_validity))
}

/// The worst case of queueing an expiry at `until`: its minute's last page is full, so
/// `queue_expiry` reads it whole, then writes a new page and the minute's page count. (The
/// cursor, also read, is written only by a chain's first expiry or one queued before it.)
/// Returns the minute and the new page.
fn fill_expiry_page<T: Config>(until: Moment) -> Result<(u64, u32), BenchmarkError> {
	let minute = until.div_ceil(MINUTE);
	let full: BoundedVec<LicenceId, T::ExpiryPageSize> = (0..T::ExpiryPageSize::get())
		.map(|i| LicenceId::MAX.saturating_sub(LicenceId::from(i)))
		.collect::<Vec<_>>()
		.try_into()
		.map_err(|_| "a full page")?;
	Expiries::<T>::insert(minute, 0, full);
	ExpiryPages::<T>::insert(minute, 1);
	ExpiryCursor::<T>::put((minute, 0));
	Ok((minute, 1))
}

/// A request for a licence to `holder`, without relation proofs.
fn request(holder: Alias) -> IssueRequest {
	IssueRequest { holder, number: number(), document: H256::zero(), relations: Default::default() }
}

/// A personal licence type 1 without prerequisites, and one licence of it, in force.
fn issued<T: Config>() -> Result<(Alias, LicenceId), BenchmarkError> {
	let holder = T::BenchmarkHelper::holder(0, SubjectKind::Citizen);
	ready::<T>(1, Default::default(), holder)?;
	let lt = LicenceTypes::<T>::get(1).ok_or("type")?;
	let (id, _) = Pallet::<T>::do_issue(0, 1, &lt, &request(holder), None)?;
	Ok((holder, id))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_licence_type(
		p: Linear<0, { T::MaxPrerequisites::get() }>,
	) -> Result<(), BenchmarkError> {
		let prereqs = prerequisites::<T>(p)?;
		let origin = consortium::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 1, name::<T>(), 1_000_000_000, false, prereqs);

		assert!(LicenceTypes::<T>::contains_key(1));
		Ok(())
	}

	#[benchmark]
	fn set_prerequisites(
		p: Linear<0, { T::MaxPrerequisites::get() }>,
	) -> Result<(), BenchmarkError> {
		Pallet::<T>::register_licence_type(
			consortium::<T>()?,
			1,
			name::<T>(),
			1_000_000_000,
			false,
			Default::default(),
		)?;
		let prereqs = prerequisites::<T>(p)?;
		let origin = consortium::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 1, prereqs);

		Ok(())
	}

	#[benchmark]
	fn issue(p: Linear<0, { T::MaxPrerequisites::get() }>) -> Result<(), BenchmarkError> {
		let holder = T::BenchmarkHelper::holder(0, SubjectKind::Citizen);
		ready::<T>(1, prerequisites::<T>(p)?, holder)?;
		let issuer = T::BenchmarkHelper::issuer(1);
		let id = NextLicenceId::<T>::get();
		let until = default_until::<T>()?;
		let (minute, page) = fill_expiry_page::<T>(until)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), 1, holder, number(), H256::zero(), None, Default::default());

		assert!(Licences::<T>::contains_key(id));
		assert!(Expiries::<T>::get(minute, page).contains(&id));
		Ok(())
	}

	#[benchmark]
	fn issue_batch(n: Linear<1, { T::MaxBatch::get() }>) -> Result<(), BenchmarkError> {
		// The worst case: `n` distinct holders, each checked against every identity fact (a
		// cold read of each holder's alias binding), none issued before.
		ready::<T>(1, prerequisites::<T>(3)?, T::BenchmarkHelper::holder(0, SubjectKind::Citizen))?;
		let issuer = T::BenchmarkHelper::issuer(1);
		let batch: BatchOf<T> = (0..n)
			.map(|i| request(T::BenchmarkHelper::holder(i.saturating_add(1), SubjectKind::Citizen)))
			.collect::<Vec<_>>()
			.try_into()
			.map_err(|_| "batch")?;
		let first = NextLicenceId::<T>::get();
		let until = default_until::<T>()?;
		fill_expiry_page::<T>(until)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), 1, batch);

		assert_eq!(NextLicenceId::<T>::get(), first.saturating_add(u64::from(n)));
		Ok(())
	}

	#[benchmark]
	fn suspend() -> Result<(), BenchmarkError> {
		let (_, id) = issued::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(T::BenchmarkHelper::issuer(1)), id, 1);

		assert_eq!(Licences::<T>::get(id).map(|l| l.status), Some(LicenceStatus::Suspended));
		Ok(())
	}

	#[benchmark]
	fn reinstate() -> Result<(), BenchmarkError> {
		let (_, id) = issued::<T>()?;
		let issuer = T::BenchmarkHelper::issuer(1);
		Pallet::<T>::suspend(RawOrigin::Signed(issuer.clone()).into(), id, 1)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), id);

		assert_eq!(Licences::<T>::get(id).map(|l| l.status), Some(LicenceStatus::Active));
		Ok(())
	}

	#[benchmark]
	fn revoke() -> Result<(), BenchmarkError> {
		let (_, id) = issued::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(T::BenchmarkHelper::issuer(1)), id, 1);

		assert_eq!(Licences::<T>::get(id).map(|l| l.status), Some(LicenceStatus::Revoked));
		Ok(())
	}

	#[benchmark]
	fn renew() -> Result<(), BenchmarkError> {
		let (_, id) = issued::<T>()?;
		let until = T::Time::now().saturating_add(2_000_000_000);
		let (minute, page) = fill_expiry_page::<T>(until)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(T::BenchmarkHelper::issuer(1)), id, until, Default::default());

		assert_eq!(Licences::<T>::get(id).map(|l| l.valid_until), Some(until));
		assert!(Expiries::<T>::get(minute, page).contains(&id));
		Ok(())
	}

	#[benchmark]
	fn verify_licence() -> Result<(), BenchmarkError> {
		// A personal licence: consent checked and the read traced.
		let (holder, id) = issued::<T>()?;
		let verifier = T::BenchmarkHelper::verifier();
		let (_, agency) = T::Agencies::ensure_staff(RawOrigin::Signed(verifier.clone()).into())?;
		let purpose = Purpose::Code(1);
		T::BenchmarkHelper::consent(&holder, agency, 1, &purpose);

		#[extrinsic_call]
		_(RawOrigin::Signed(verifier), id, purpose);

		Ok(())
	}

	#[benchmark]
	fn verify_holding() -> Result<(), BenchmarkError> {
		// A personal type: consent checked and the read traced; the holder has a licence.
		let (holder, _) = issued::<T>()?;
		let verifier = T::BenchmarkHelper::verifier();
		let (_, agency) = T::Agencies::ensure_staff(RawOrigin::Signed(verifier.clone()).into())?;
		let purpose = Purpose::Code(1);
		T::BenchmarkHelper::consent(&holder, agency, 1, &purpose);

		#[extrinsic_call]
		_(RawOrigin::Signed(verifier), holder, 1, purpose);

		Ok(())
	}

	#[benchmark]
	fn relation_proof() -> Result<(), BenchmarkError> {
		let holder = T::BenchmarkHelper::holder(0, SubjectKind::Citizen);
		let key = sp_io::crypto::sr25519_generate(END_KEYS, None);
		let relation = T::BenchmarkHelper::relation(key);
		let message = relation_end_message(relation, &holder);
		let signature = sp_io::crypto::sr25519_sign(END_KEYS, &key, &message).ok_or("signs")?;
		let proof = RelationProof { relation, signature };
		let now = T::Time::now();
		let proven;

		#[block]
		{
			proven = Pallet::<T>::proves(&proof, &holder, RelationKind::ParentOf, now);
		}

		assert!(proven);
		Ok(())
	}

	#[benchmark]
	fn expire_page(n: Linear<0, { T::ExpiryPageSize::get() }>) -> Result<(), BenchmarkError> {
		// As many holders as `MaxLicencesPerHolder` requires.
		let per_holder = T::MaxLicencesPerHolder::get().max(1);
		let holders: Vec<Alias> = (0..n.div_ceil(per_holder).max(1))
			.map(|i| T::BenchmarkHelper::holder(i, SubjectKind::Citizen))
			.collect();
		let first = *holders.first().ok_or("no holder")?;
		ready::<T>(1, Default::default(), first)?;
		let lt = LicenceTypes::<T>::get(1).ok_or("type")?;
		let until = T::Time::now().saturating_add(MINUTE);
		for i in 0..n {
			let holder = *holders
				.get(i.checked_div(per_holder).unwrap_or_default() as usize)
				.ok_or("holder")?;
			Pallet::<T>::do_issue(0, 1, &lt, &request(holder), Some(until))?;
		}
		let minute = until.div_ceil(MINUTE);
		// All on page 0: a fresh minute, filled up to one page.
		ensure!(ExpiryPages::<T>::get(minute) <= 1, "more than one page");

		#[block]
		{
			Pallet::<T>::expire_page(minute, 0, until);
		}

		assert!(Expiries::<T>::get(minute, 0).is_empty());
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
