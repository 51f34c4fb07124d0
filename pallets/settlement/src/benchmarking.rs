//! Benchmarks of `pallet-civitas-settlement` (FRAME benchmarking v2). Each measures its call's
//! worst case: a new account credited, a full list of pending redemptions.

use super::*;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

/// What the benchmarks need from the rest of the runtime.
pub trait BenchmarkHelper<AccountId> {
	/// An admin of a member agency holding `MintSettlement`.
	fn treasury() -> AccountId;
	/// An enrolled account from `seed`, distinct per seed.
	fn enrolled(seed: u32) -> AccountId;
}

fn consortium<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

fn amount<T: Config>(n: u32) -> BalanceOf<T> {
	BalanceOf::<T>::from(n)
}

/// The treasury, its agency, and a ceiling that leaves room for the benchmark's mints.
fn treasury<T: Config>() -> Result<(T::AccountId, AgencyId), BenchmarkError> {
	let treasury = T::BenchmarkHelper::treasury();
	let (_, agency) = T::Agencies::ensure_staff(RawOrigin::Signed(treasury.clone()).into())?;
	let ceiling = MintCeiling { per_mint: amount::<T>(1_000_000), per_day: amount::<T>(u32::MAX) };
	Pallet::<T>::set_mint_ceiling(consortium::<T>()?, agency, ceiling)?;
	Ok((treasury, agency))
}

/// `who`, holding `funds`, with `n` pending redemptions of one unit each.
fn holder<T: Config>(seed: u32, funds: u32, n: u32) -> Result<T::AccountId, BenchmarkError> {
	let (treasury, _) = treasury::<T>()?;
	let who = T::BenchmarkHelper::enrolled(seed);
	let mut reference = [0xEE; 32];
	for (byte, s) in reference.iter_mut().zip(seed.to_le_bytes()) {
		*byte = s;
	}
	let reference = H256(reference);
	Pallet::<T>::mint(
		RawOrigin::Signed(treasury).into(),
		MintTarget::Account(who.clone()),
		amount::<T>(funds),
		reference,
	)?;
	for _ in 0..n {
		Pallet::<T>::request_redemption(RawOrigin::Signed(who.clone()).into(), amount::<T>(1))?;
	}
	Ok(who)
}

/// The id of the next redemption `who` requests.
fn request<T: Config>(who: &T::AccountId, n: u32) -> Result<RedemptionId, BenchmarkError> {
	let id = NextRedemptionId::<T>::get();
	Pallet::<T>::request_redemption(RawOrigin::Signed(who.clone()).into(), amount::<T>(n))?;
	Ok(id)
}

/// Fills `who`'s pending list but for the last slot, with one unit each.
fn fill<T: Config>(who: &T::AccountId) -> Result<(), BenchmarkError> {
	for _ in 1..T::MaxPendingPerAccount::get() {
		request::<T>(who, 1)?;
	}
	Ok(())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_mint_ceiling() -> Result<(), BenchmarkError> {
		let (_, agency) = treasury::<T>()?;
		let origin = consortium::<T>()?;
		let ceiling = MintCeiling { per_mint: amount::<T>(5), per_day: amount::<T>(10) };

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, agency, ceiling);

		assert_eq!(Ceilings::<T>::get(agency), Some(ceiling));
		Ok(())
	}

	#[benchmark]
	fn mint() -> Result<(), BenchmarkError> {
		let (treasury, agency) = treasury::<T>()?;
		// An account that does not exist yet in the balances: the mint creates it.
		let to = T::BenchmarkHelper::enrolled(7);
		let reference = H256::repeat_byte(0xD0);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(treasury),
			MintTarget::Account(to.clone()),
			amount::<T>(1_000),
			reference,
		);

		assert!(Deposits::<T>::get(reference).is_some_and(|d| d.to == to && d.agency == agency));
		Ok(())
	}

	#[benchmark]
	fn request_redemption() -> Result<(), BenchmarkError> {
		let who = holder::<T>(1, 1_000, 0)?;
		fill::<T>(&who)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), amount::<T>(10));

		assert_eq!(PendingOf::<T>::get(&who).len() as u32, T::MaxPendingPerAccount::get());
		Ok(())
	}

	#[benchmark]
	fn cancel_redemption() -> Result<(), BenchmarkError> {
		let who = holder::<T>(2, 1_000, 0)?;
		// The request removed is the last of a full list: the whole list is searched.
		fill::<T>(&who)?;
		let id = request::<T>(&who, 10)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), id);

		assert!(Redemptions::<T>::get(id).is_none());
		Ok(())
	}

	#[benchmark]
	fn settle_redemption() -> Result<(), BenchmarkError> {
		let who = holder::<T>(3, 1_000, 0)?;
		fill::<T>(&who)?;
		let id = request::<T>(&who, 10)?;
		let treasury = T::BenchmarkHelper::treasury();
		let payout = H256::repeat_byte(0xE0);

		// In part: both a burn and a release.
		#[extrinsic_call]
		_(RawOrigin::Signed(treasury), id, amount::<T>(6), payout);

		assert_eq!(Payouts::<T>::get(payout), Some(id));
		Ok(())
	}

	#[benchmark]
	fn refuse_redemption() -> Result<(), BenchmarkError> {
		let who = holder::<T>(4, 1_000, 0)?;
		fill::<T>(&who)?;
		let id = request::<T>(&who, 10)?;
		let treasury = T::BenchmarkHelper::treasury();

		#[extrinsic_call]
		_(RawOrigin::Signed(treasury), id, RefusalReason::ComplianceCheck);

		assert!(Redemptions::<T>::get(id).is_none());
		Ok(())
	}

	#[benchmark]
	fn agency_transfer() -> Result<(), BenchmarkError> {
		let (treasury, agency) = treasury::<T>()?;
		Pallet::<T>::mint(
			RawOrigin::Signed(treasury.clone()).into(),
			MintTarget::Agency(agency),
			amount::<T>(1_000),
			H256::repeat_byte(0xA0),
		)?;
		// To an account that does not exist yet; the agency's account is emptied (reaped).
		let to: T::AccountId = account("payee", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(treasury), to.clone(), amount::<T>(1_000));

		assert_eq!(T::Currency::balance(&to), amount::<T>(1_000));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
