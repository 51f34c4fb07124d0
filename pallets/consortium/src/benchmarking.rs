//! Benchmarks of `pallet-consortium` (FRAME benchmarking v2).

use super::*;
use alloc::{boxed::Box, vec};
use frame_benchmarking::v2::*;
use frame_support::dispatch::{DispatchInfo, GetDispatchInfo, PostDispatchInfo};
use frame_system::RawOrigin;
use sp_runtime::traits::{AsSystemOriginSigner, DispatchTransaction, Dispatchable};

use crate::extension::CheckNonce;

const SEED: u32 = 0;

fn consortium_origin<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

/// Admits a fresh agency with one admin and `RegisterPersons`; returns the admin and the id.
fn new_agency<T: Config>(seed: u32) -> Result<(T::AccountId, AgencyId), BenchmarkError> {
	let admin: T::AccountId = account("admin", seed, SEED);
	let name = b"Benchmark Agency".to_vec().try_into().map_err(|_| "name too long")?;
	let admins = vec![admin.clone()].try_into().map_err(|_| "too many admins")?;
	let caps = vec![Capability::RegisterPersons].try_into().map_err(|_| "too many caps")?;
	let id = Pallet::<T>::do_admit_agency(name, AgencyKind::Other, 1, admins, caps)?;
	Ok((admin, id))
}

/// Makes room for `n` more agencies by removing agencies without validators.
fn make_room<T: Config>(n: u32) -> Result<(), BenchmarkError> {
	let validators = Validators::<T>::get();
	let removable: Vec<AgencyId> = Agencies::<T>::iter_keys()
		.filter(|a| !Staff::<T>::iter_key_prefix(*a).any(|s| validators.contains(&s)))
		.collect();
	for agency in removable {
		if MemberCount::<T>::get().saturating_add(n) <= T::MaxAgencies::get() {
			break;
		}
		Pallet::<T>::remove_agency(consortium_origin::<T>()?, agency).map_err(|e| e.error)?;
	}
	Ok(())
}

/// A cheap call to propose.
fn remark_call<T: Config>(len: u32) -> <T as Config>::RuntimeCall {
	frame_system::Call::<T>::remark { remark: vec![0u8; len as usize] }.into()
}

#[benchmarks(
	where
		<T as frame_system::Config>::RuntimeCall:
			Dispatchable<Info = DispatchInfo, PostInfo = PostDispatchInfo>
			+ From<frame_system::Call<T>>,
		<<T as frame_system::Config>::RuntimeCall as Dispatchable>::RuntimeOrigin:
			AsSystemOriginSigner<T::AccountId> + Clone + From<RawOrigin<T::AccountId>>,
)]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn admit_agency(
		a: Linear<1, { T::MaxStaff::get() }>,
		c: Linear<0, { T::MaxCapabilities::get() }>,
	) -> Result<(), BenchmarkError> {
		make_room::<T>(1)?;
		let origin = consortium_origin::<T>()?;
		let name: BoundedVec<u8, T::MaxNameLen> =
			vec![b'n'; T::MaxNameLen::get() as usize].try_into().map_err(|_| "name")?;
		let admins: BoundedVec<T::AccountId, T::MaxStaff> = (0..a)
			.map(|i| account("admin", i, SEED))
			.collect::<Vec<_>>()
			.try_into()
			.map_err(|_| "admins")?;
		let caps: BoundedVec<Capability, T::MaxCapabilities> = (0..c)
			.map(|i| Capability::IssueLicence(i as u16))
			.collect::<Vec<_>>()
			.try_into()
			.map_err(|_| "caps")?;
		let id = NextAgencyId::<T>::get();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, name, AgencyKind::Other, 1, admins, caps);

		assert!(Agencies::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn remove_agency(
		s: Linear<1, { T::MaxStaff::get() }>,
		p: Linear<0, { T::MaxProposals::get() }>,
	) -> Result<(), BenchmarkError> {
		make_room::<T>(2)?;
		let (_, id) = new_agency::<T>(1)?;
		let (author, other) = new_agency::<T>(2)?;
		for i in 1..s {
			Pallet::<T>::do_add_staff(id, &account("staff", i, SEED), Role::Officer)?;
		}
		// Open proposals of another agency, each with this agency's vote to withdraw and to be
		// tallied again (written straight to storage: one agency may open only a few).
		let call: BoundedVec<u8, T::MaxCallLen> =
			remark_call::<T>(0).encode().try_into().map_err(|_| "call")?;
		let end = frame_system::Pallet::<T>::block_number().saturating_add(T::VotingPeriod::get());
		for _ in ProposalCount::<T>::get()..p {
			let index = NextProposalIndex::<T>::get();
			let proposal = Proposal {
				agency: other,
				author: author.clone(),
				call: call.clone(),
				call_hash: T::Hashing::hash(&call),
				ayes: vec![id].try_into().map_err(|_| "votes")?,
				nays: BoundedVec::new(),
				end,
			};
			Proposals::<T>::insert(index, proposal);
			NextProposalIndex::<T>::put(index.saturating_add(1));
			ProposalCount::<T>::mutate(|n| *n = n.saturating_add(1));
			ProposalsOf::<T>::mutate(other, |n| *n = n.saturating_add(1));
		}
		let origin = consortium_origin::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);

		assert!(!Agencies::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn grant_capability() -> Result<(), BenchmarkError> {
		make_room::<T>(1)?;
		let (_, id) = new_agency::<T>(1)?;
		for i in 1..T::MaxCapabilities::get().saturating_sub(1) {
			Pallet::<T>::grant_capability(
				consortium_origin::<T>()?,
				id,
				Capability::IssueLicence(i as u16),
			)?;
		}
		let origin = consortium_origin::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, Capability::IssueLicence(0));

		assert!(Pallet::<T>::has_capability(id, Capability::IssueLicence(0)));
		Ok(())
	}

	#[benchmark]
	fn revoke_capability() -> Result<(), BenchmarkError> {
		make_room::<T>(1)?;
		let (_, id) = new_agency::<T>(1)?;
		for i in 0..T::MaxCapabilities::get().saturating_sub(1) {
			Pallet::<T>::grant_capability(
				consortium_origin::<T>()?,
				id,
				Capability::IssueLicence(i as u16),
			)?;
		}
		let origin = consortium_origin::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, Capability::IssueLicence(0));

		assert!(!Pallet::<T>::has_capability(id, Capability::IssueLicence(0)));
		Ok(())
	}

	#[benchmark]
	fn add_staff() -> Result<(), BenchmarkError> {
		// The costlier path: a second admin confirms a new admin.
		make_room::<T>(1)?;
		let (admin, id) = new_agency::<T>(1)?;
		let second: T::AccountId = account("admin2", 0, SEED);
		Pallet::<T>::do_add_staff(id, &second, Role::Admin)?;
		let who: T::AccountId = account("admin3", 0, SEED);
		Pallet::<T>::add_staff(RawOrigin::Signed(second).into(), who.clone(), Role::Admin)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), who.clone(), Role::Admin);

		assert_eq!(Staff::<T>::get(id, &who), Some(Role::Admin));
		Ok(())
	}

	#[benchmark]
	fn remove_staff() -> Result<(), BenchmarkError> {
		// The costlier path: a second admin confirms the removal of a third.
		make_room::<T>(1)?;
		let (admin, id) = new_agency::<T>(1)?;
		let second: T::AccountId = account("admin2", 0, SEED);
		let who: T::AccountId = account("admin3", 0, SEED);
		Pallet::<T>::do_add_staff(id, &second, Role::Admin)?;
		Pallet::<T>::do_add_staff(id, &who, Role::Admin)?;
		Pallet::<T>::remove_staff(RawOrigin::Signed(second).into(), who.clone())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), who.clone());

		assert!(Accounts::<T>::get(&who).is_none());
		Ok(())
	}

	#[benchmark]
	fn enrol() -> Result<(), BenchmarkError> {
		make_room::<T>(1)?;
		let (admin, _) = new_agency::<T>(1)?;
		let who: T::AccountId = account("citizen", 0, SEED);

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), who.clone(), SubjectKind::Citizen);

		assert!(Pallet::<T>::is_enrolled(&who));
		Ok(())
	}

	#[benchmark]
	fn unenrol() -> Result<(), BenchmarkError> {
		make_room::<T>(1)?;
		let (admin, id) = new_agency::<T>(1)?;
		let who: T::AccountId = account("citizen", 0, SEED);
		Pallet::<T>::do_enrol(&who, id, SubjectKind::Citizen)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), who.clone());

		assert!(!Pallet::<T>::is_enrolled(&who));
		Ok(())
	}

	#[benchmark]
	fn add_validator() -> Result<(), BenchmarkError> {
		make_room::<T>(1)?;
		let (admin, agency) = new_agency::<T>(1)?;
		// Fill the set (as far as one agency's staff allows) so that the check for duplicates
		// and the push see the largest vector.
		let mut i = 0;
		while (Validators::<T>::get().len() as u32) < T::MaxValidators::get().saturating_sub(1)
			&& Agencies::<T>::get(agency).map(|a| a.staff).unwrap_or(0) < T::MaxStaff::get()
		{
			let v: T::AccountId = account("validator", i, SEED);
			Pallet::<T>::do_add_staff(agency, &v, Role::Officer)?;
			Pallet::<T>::do_add_validator(v)?;
			i = i.saturating_add(1);
		}
		let origin = consortium_origin::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, admin.clone());

		assert!(Validators::<T>::get().contains(&admin));
		Ok(())
	}

	#[benchmark]
	fn remove_validator() -> Result<(), BenchmarkError> {
		make_room::<T>(1)?;
		let (admin, _) = new_agency::<T>(1)?;
		Pallet::<T>::do_add_validator(admin.clone())?;
		while (Validators::<T>::get().len() as u32) <= T::MinValidators::get() {
			let (v, _) =
				new_agency::<T>((Validators::<T>::get().len() as u32).saturating_add(100))?;
			Pallet::<T>::do_add_validator(v)?;
		}
		let origin = consortium_origin::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, admin.clone());

		assert!(!Validators::<T>::get().contains(&admin));
		Ok(())
	}

	#[benchmark]
	fn propose(
		l: Linear<0, { T::MaxCallLen::get().saturating_sub(16) }>,
	) -> Result<(), BenchmarkError> {
		make_room::<T>(2)?;
		let (admin, _) = new_agency::<T>(1)?;
		// A second member, so that the proposal is not carried at once.
		new_agency::<T>(2)?;
		let index = NextProposalIndex::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), Box::new(remark_call::<T>(l)));

		assert!(Proposals::<T>::contains_key(index));
		Ok(())
	}

	#[benchmark]
	fn vote(m: Linear<3, { T::MaxAgencies::get() }>) -> Result<(), BenchmarkError> {
		make_room::<T>(T::MaxAgencies::get())?;
		let mut admins = Vec::new();
		while MemberCount::<T>::get() < m {
			admins.push(new_agency::<T>(MemberCount::<T>::get().saturating_add(10))?.0);
		}
		let first = admins.first().cloned().ok_or("no agency")?;
		let voter = admins.last().cloned().ok_or("no agency")?;
		let index = NextProposalIndex::<T>::get();
		Pallet::<T>::propose(RawOrigin::Signed(first).into(), Box::new(remark_call::<T>(0)))
			.map_err(|e| e.error)?;

		// The vote against does not decide: the proposal stays open.
		#[extrinsic_call]
		_(RawOrigin::Signed(voter), index, false);

		assert!(Proposals::<T>::contains_key(index));
		Ok(())
	}

	#[benchmark]
	fn execute() -> Result<(), BenchmarkError> {
		make_room::<T>(T::MaxAgencies::get())?;
		let (admin, _) = new_agency::<T>(1)?;
		let index = NextProposalIndex::<T>::get();
		Pallet::<T>::propose(RawOrigin::Signed(admin).into(), Box::new(remark_call::<T>(0)))
			.map_err(|e| e.error)?;
		let p = Proposals::<T>::get(index).ok_or("no proposal")?;
		// Everybody in favour, so that the tally executes it.
		let mut p = p;
		for a in Agencies::<T>::iter_keys() {
			if !p.ayes.contains(&a) {
				p.ayes.try_push(a).map_err(|_| "votes")?;
			}
		}

		#[block]
		{
			Pallet::<T>::tally(index, p);
		}

		assert!(!Proposals::<T>::contains_key(index));
		Ok(())
	}

	#[benchmark]
	fn cancel() -> Result<(), BenchmarkError> {
		make_room::<T>(2)?;
		let (admin, _) = new_agency::<T>(1)?;
		new_agency::<T>(2)?;
		let index = NextProposalIndex::<T>::get();
		Pallet::<T>::propose(
			RawOrigin::Signed(admin.clone()).into(),
			Box::new(remark_call::<T>(0)),
		)
		.map_err(|e| e.error)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), index);

		assert!(!Proposals::<T>::contains_key(index));
		Ok(())
	}

	#[benchmark]
	fn close() -> Result<(), BenchmarkError> {
		make_room::<T>(2)?;
		let (admin, _) = new_agency::<T>(1)?;
		new_agency::<T>(2)?;
		let index = NextProposalIndex::<T>::get();
		Pallet::<T>::propose(
			RawOrigin::Signed(admin.clone()).into(),
			Box::new(remark_call::<T>(0)),
		)
		.map_err(|e| e.error)?;
		let end = Proposals::<T>::get(index).ok_or("no proposal")?.end;
		frame_system::Pallet::<T>::set_block_number(end.saturating_add(1u32.into()));

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), index);

		assert!(!Proposals::<T>::contains_key(index));
		Ok(())
	}

	#[benchmark]
	fn force_unenrol(n: Linear<1, { T::MaxForceUnenrol::get() }>) -> Result<(), BenchmarkError> {
		make_room::<T>(1)?;
		let (_, id) = new_agency::<T>(1)?;
		let accounts: Vec<T::AccountId> = (0..n).map(|i| account("sybil", i, SEED)).collect();
		for who in accounts.iter() {
			Pallet::<T>::do_enrol(who, id, SubjectKind::Citizen)?;
		}
		let bounded: BoundedVec<T::AccountId, T::MaxForceUnenrol> =
			accounts.clone().try_into().map_err(|_| "accounts")?;
		let origin = consortium_origin::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, bounded);

		assert!(accounts.iter().all(|a| !Pallet::<T>::is_enrolled(a)));
		Ok(())
	}

	#[benchmark]
	fn reenrol() -> Result<(), BenchmarkError> {
		make_room::<T>(2)?;
		let (_, gone) = new_agency::<T>(1)?;
		let (admin, acting) = new_agency::<T>(2)?;
		let who: T::AccountId = account("citizen", 0, SEED);
		Pallet::<T>::do_enrol(&who, gone, SubjectKind::Citizen)?;
		Pallet::<T>::remove_agency(consortium_origin::<T>()?, gone).map_err(|e| e.error)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), who.clone());

		assert_eq!(
			Accounts::<T>::get(&who),
			Some(Admission::Enrolled { by: acting, kind: SubjectKind::Citizen })
		);
		Ok(())
	}

	/// The admission extension (`CheckNonce`) on one transaction, from validation to
	/// post-dispatch, as a block applies it: the nonce, the signer's admission and quota read,
	/// the nonce and the quota written. The signer has used part of its window already, so its
	/// quota entry exists and is rewritten.
	#[benchmark]
	fn check_nonce() -> Result<(), BenchmarkError> {
		let (admin, _) = new_agency::<T>(1)?;
		frame_system::Pallet::<T>::inc_account_nonce(&admin);
		Pallet::<T>::note_transaction(&admin, 100, 1_000_000);
		let call: <T as frame_system::Config>::RuntimeCall =
			frame_system::Call::<T>::remark { remark: vec![] }.into();
		let info = call.get_dispatch_info();
		let post_info = PostDispatchInfo { actual_weight: None, pays_fee: Default::default() };
		let ext = CheckNonce::<T>::from(1u32.into());

		#[block]
		{
			ext.test_run(RawOrigin::Signed(admin.clone()).into(), &call, &info, 100, 0, |_| {
				Ok(post_info)
			})
			.map_err(|_| "refused")?
			.map_err(|_| "failed")?;
		}

		assert_eq!(frame_system::Pallet::<T>::account_nonce(&admin), 2u32.into());
		assert_eq!(Pallet::<T>::quota_used(&admin).used, 2);
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
