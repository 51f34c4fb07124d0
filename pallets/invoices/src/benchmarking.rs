//! Benchmarks of `pallet-civitas-invoices` (FRAME benchmarking v2). Each measures its call's
//! worst case: full rate lists, claimants and payers; a full batch; a claim under consent, with
//! its trace; a refund.

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;
use sp_core::crypto::KeyTypeId;

/// What the benchmarks need from the rest of the runtime.
pub trait BenchmarkHelper<AccountId> {
	/// Staff of an agency holding `IssueInvoices`.
	fn tax_bureau() -> AccountId;
	/// Staff of an agency holding `IssueFines`.
	fn police() -> AccountId;
	/// Staff of an agency holding `DecideAppeals`.
	fn court() -> AccountId;
	/// Staff of an agency without capabilities, which claims and asks under consent.
	fn claimant_agency() -> AccountId;
	/// A fresh account (from `seed`) bound to a live alias of a person of `kind` in `domain`
	/// (`Invoices` or `Fines`), admitted to transact, and the alias.
	fn alias(seed: u32, domain: Domain, kind: SubjectKind) -> (Alias, AccountId);
	/// A live consent of alias `subject` to `agency` over `scope`, for `purpose`.
	fn consent(subject: &Alias, agency: AgencyId, scope: Scope, purpose: &Purpose);
	/// Gives `who` `amount` of the settlement unit.
	fn fund(who: &AccountId, amount: Amount);
}

const RATE: RateBps = 1300;
/// The key type of the benchmarks' claim keys (in the benchmark's keystore).
const CLAIM_KEYS: KeyTypeId = KeyTypeId(*b"fine");

fn purpose() -> Purpose {
	Purpose::Code(1)
}

fn request(number: InvoiceNumber, buyer: Alias) -> InvoiceRequest {
	InvoiceRequest {
		number,
		buyer: Buyer::Alias(buyer),
		amount: 10_000,
		tax: 1_300,
		rate: RATE,
		items: H256::repeat_byte(1),
	}
}

/// A seller's and a buyer's invoices aliases (company and citizen) and their accounts.
fn parties<T: Config>() -> (Alias, T::AccountId, Alias, T::AccountId) {
	let (seller, seller_key) = T::BenchmarkHelper::alias(0, Domain::Invoices, SubjectKind::Company);
	let (buyer, buyer_key) = T::BenchmarkHelper::alias(1, Domain::Invoices, SubjectKind::Citizen);
	(seller, seller_key, buyer, buyer_key)
}

/// A full list of rates with the one used last, a seller taxpayer and a buyer.
fn setup<T: Config>() -> Result<(Alias, T::AccountId, Alias, T::AccountId), BenchmarkError> {
	let bureau = T::BenchmarkHelper::tax_bureau();
	let max = T::MaxRates::get();
	let rates: Vec<RateBps> =
		(1..max).map(|r| r as RateBps).chain(core::iter::once(RATE)).collect();
	Pallet::<T>::set_rates(
		RawOrigin::Signed(bureau.clone()).into(),
		rates.try_into().map_err(|_| "rates")?,
	)?;
	let (seller, seller_key, buyer, buyer_key) = parties::<T>();
	Pallet::<T>::register_taxpayer(
		RawOrigin::Signed(bureau).into(),
		seller,
		u32::MAX,
		Amount::MAX,
	)?;
	Ok((seller, seller_key, buyer, buyer_key))
}

/// A received invoice `number` of `seller` to `buyer`.
fn received<T: Config>(
	seller_key: &T::AccountId,
	buyer_key: &T::AccountId,
	seller: Alias,
	buyer: Alias,
	number: InvoiceNumber,
) -> Result<(), BenchmarkError> {
	Pallet::<T>::issue(RawOrigin::Signed(seller_key.clone()).into(), request(number, buyer))?;
	Pallet::<T>::receive(RawOrigin::Signed(buyer_key.clone()).into(), seller, number)?;
	Ok(())
}

/// A fresh claim key in the benchmark's keystore.
fn claim_key() -> ClaimKey {
	sp_io::crypto::sr25519_generate(CLAIM_KEYS, None)
}

/// A fine bill for `key`, due after the notice period.
fn bill_for<T: Config>(key: ClaimKey) -> Result<BillId, BenchmarkError> {
	let id = NextBillId::<T>::get();
	let due = T::Time::now().saturating_add(T::FineNotice::get());
	Pallet::<T>::issue_fine(
		RawOrigin::Signed(T::BenchmarkHelper::police()).into(),
		key,
		1,
		20_000,
		H256::repeat_byte(2),
		1,
		due,
	)?;
	Ok(id)
}

/// `key`'s signature claiming bill `id` into `holder`.
fn claim_signature(
	key: &ClaimKey,
	id: BillId,
	holder: &Alias,
) -> Result<ClaimSignature, BenchmarkError> {
	sp_io::crypto::sr25519_sign(CLAIM_KEYS, key, &fine_claim_message(id, holder))
		.ok_or(BenchmarkError::Stop("no keystore"))
}

/// A fines alias (funded) and a bill it claimed.
fn claimed_bill<T: Config>() -> Result<(Alias, T::AccountId, BillId), BenchmarkError> {
	let (holder, account) = T::BenchmarkHelper::alias(2, Domain::Fines, SubjectKind::Citizen);
	T::BenchmarkHelper::fund(&account, 1_000_000);
	let key = claim_key();
	let id = bill_for::<T>(key)?;
	let signature = claim_signature(&key, id, &holder)?;
	Pallet::<T>::claim_fine(RawOrigin::Signed(account.clone()).into(), id, signature)?;
	Ok((holder, account, id))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_rates() -> Result<(), BenchmarkError> {
		let bureau = T::BenchmarkHelper::tax_bureau();
		let rates: BoundedVec<RateBps, T::MaxRates> = (0..T::MaxRates::get())
			.map(|r| r as RateBps)
			.collect::<Vec<_>>()
			.try_into()
			.map_err(|_| "rates")?;

		#[extrinsic_call]
		_(RawOrigin::Signed(bureau.clone()), rates.clone());

		let (_, agency) = T::Agencies::ensure_staff(RawOrigin::Signed(bureau).into())?;
		assert_eq!(Rates::<T>::get(agency), rates);
		Ok(())
	}

	#[benchmark]
	fn register_taxpayer() -> Result<(), BenchmarkError> {
		let bureau = T::BenchmarkHelper::tax_bureau();
		let (taxpayer, _) = T::BenchmarkHelper::alias(0, Domain::Invoices, SubjectKind::Company);

		#[extrinsic_call]
		_(RawOrigin::Signed(bureau), taxpayer, 10, 1_000);

		assert!(Taxpayers::<T>::contains_key(taxpayer));
		Ok(())
	}

	#[benchmark]
	fn suspend_taxpayer() -> Result<(), BenchmarkError> {
		let (seller, ..) = setup::<T>()?;
		let bureau = T::BenchmarkHelper::tax_bureau();

		#[extrinsic_call]
		_(RawOrigin::Signed(bureau), seller);

		assert!(Taxpayers::<T>::get(seller).is_some_and(|t| t.suspended));
		Ok(())
	}

	#[benchmark]
	fn reinstate_taxpayer() -> Result<(), BenchmarkError> {
		let (seller, ..) = setup::<T>()?;
		Pallet::<T>::suspend_taxpayer(
			RawOrigin::Signed(T::BenchmarkHelper::tax_bureau()).into(),
			seller,
		)?;
		let bureau = T::BenchmarkHelper::tax_bureau();

		#[extrinsic_call]
		_(RawOrigin::Signed(bureau), seller);

		assert!(Taxpayers::<T>::get(seller).is_some_and(|t| !t.suspended));
		Ok(())
	}

	#[benchmark]
	fn issue() -> Result<(), BenchmarkError> {
		let (seller, seller_key, buyer, _) = setup::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(seller_key), request(1, buyer));

		assert!(Invoices::<T>::contains_key(seller, 1));
		Ok(())
	}

	#[benchmark]
	fn issue_batch(n: Linear<1, { T::MaxBatch::get() }>) -> Result<(), BenchmarkError> {
		let (seller, seller_key, buyer, _) = setup::<T>()?;
		let batch: BatchOf<T> = (0..n)
			.map(|i| request(u64::from(i), buyer))
			.collect::<Vec<_>>()
			.try_into()
			.map_err(|_| "batch")?;

		#[extrinsic_call]
		_(RawOrigin::Signed(seller_key), batch);

		assert!(Invoices::<T>::contains_key(seller, u64::from(n.saturating_sub(1))));
		Ok(())
	}

	#[benchmark]
	fn receive() -> Result<(), BenchmarkError> {
		let (seller, seller_key, buyer, buyer_key) = setup::<T>()?;
		Pallet::<T>::issue(RawOrigin::Signed(seller_key).into(), request(1, buyer))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer_key), seller, 1);

		assert!(Invoices::<T>::get(seller, 1).is_some_and(|i| i.status == InvoiceStatus::Received));
		Ok(())
	}

	#[benchmark]
	fn void() -> Result<(), BenchmarkError> {
		let (seller, seller_key, buyer, _) = setup::<T>()?;
		Pallet::<T>::issue(RawOrigin::Signed(seller_key.clone()).into(), request(1, buyer))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(seller_key), 1);

		assert!(Invoices::<T>::get(seller, 1).is_some_and(|i| i.status == InvoiceStatus::Voided));
		Ok(())
	}

	#[benchmark]
	fn issue_credit_note() -> Result<(), BenchmarkError> {
		let (seller, seller_key, buyer, buyer_key) = setup::<T>()?;
		received::<T>(&seller_key, &buyer_key, seller, buyer, 1)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(seller_key), 1, 2, 1_000, 130);

		assert!(PendingCredit::<T>::contains_key(seller, 1));
		Ok(())
	}

	#[benchmark]
	fn accept_credit_note() -> Result<(), BenchmarkError> {
		let (seller, seller_key, buyer, buyer_key) = setup::<T>()?;
		received::<T>(&seller_key, &buyer_key, seller, buyer, 1)?;
		Pallet::<T>::issue_credit_note(RawOrigin::Signed(seller_key).into(), 1, 2, 1_000, 130)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer_key), seller, 2);

		assert!(Invoices::<T>::get(seller, 1).is_some_and(|i| i.credited == 1_000));
		Ok(())
	}

	#[benchmark]
	fn authorise_payer() -> Result<(), BenchmarkError> {
		let (payer, _, _, buyer_key) = parties::<T>();
		let until = T::Time::now().saturating_add(DAY);

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer_key), payer, until);

		Ok(())
	}

	#[benchmark]
	fn revoke_payer() -> Result<(), BenchmarkError> {
		let (payer, _, buyer, buyer_key) = parties::<T>();
		let until = T::Time::now().saturating_add(DAY);
		Pallet::<T>::authorise_payer(RawOrigin::Signed(buyer_key.clone()).into(), payer, until)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer_key), payer);

		assert!(!Payers::<T>::contains_key(buyer, payer));
		Ok(())
	}

	#[benchmark]
	fn claim() -> Result<(), BenchmarkError> {
		let (seller, seller_key, buyer, buyer_key) = setup::<T>()?;
		received::<T>(&seller_key, &buyer_key, seller, buyer, 1)?;
		// An agency under consent: the consent read and the access log written.
		let staff = T::BenchmarkHelper::claimant_agency();
		let (_, agency) = T::Agencies::ensure_staff(RawOrigin::Signed(staff.clone()).into())?;
		T::BenchmarkHelper::consent(&buyer, agency, Scope::Invoices, &purpose());

		#[extrinsic_call]
		_(RawOrigin::Signed(staff), seller, 1, 5_000, purpose());

		assert!(Invoices::<T>::get(seller, 1).is_some_and(|i| i.claimed == 5_000));
		Ok(())
	}

	#[benchmark]
	fn withdraw_credit_note() -> Result<(), BenchmarkError> {
		let (seller, seller_key, buyer, buyer_key) = setup::<T>()?;
		received::<T>(&seller_key, &buyer_key, seller, buyer, 1)?;
		Pallet::<T>::issue_credit_note(
			RawOrigin::Signed(seller_key.clone()).into(),
			1,
			2,
			1_000,
			130,
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(seller_key), 2);

		assert!(!PendingCredit::<T>::contains_key(seller, 1));
		Ok(())
	}

	#[benchmark]
	fn issue_fine() -> Result<(), BenchmarkError> {
		let key = claim_key();
		let due = T::Time::now().saturating_add(T::FineNotice::get());
		let police = T::BenchmarkHelper::police();

		#[extrinsic_call]
		_(RawOrigin::Signed(police), key, 1, 20_000, H256::zero(), 1, due);

		assert!(Bills::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn claim_fine() -> Result<(), BenchmarkError> {
		let (holder, account) = T::BenchmarkHelper::alias(2, Domain::Fines, SubjectKind::Citizen);
		let key = claim_key();
		let id = bill_for::<T>(key)?;
		let signature = claim_signature(&key, id, &holder)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(account), id, signature);

		assert_eq!(UnpaidBills::<T>::get(holder), 1);
		Ok(())
	}

	#[benchmark]
	fn pay_fine() -> Result<(), BenchmarkError> {
		let (holder, account, id) = claimed_bill::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(account), id);

		assert!(Bills::<T>::get(id).is_some_and(|b| b.status == BillStatus::Paid));
		assert_eq!(UnpaidBills::<T>::get(holder), 0);
		Ok(())
	}

	#[benchmark]
	fn appeal_fine() -> Result<(), BenchmarkError> {
		let (_, account, id) = claimed_bill::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(account), id);

		assert!(Bills::<T>::get(id).is_some_and(|b| b.appealed));
		Ok(())
	}

	#[benchmark]
	fn uphold_fine() -> Result<(), BenchmarkError> {
		let (_, account, id) = claimed_bill::<T>()?;
		Pallet::<T>::appeal_fine(RawOrigin::Signed(account).into(), id)?;
		let due = T::Time::now().saturating_add(T::FineNotice::get());
		let court = T::BenchmarkHelper::court();

		#[extrinsic_call]
		_(RawOrigin::Signed(court), id, due);

		assert!(Bills::<T>::get(id).is_some_and(|b| b.status == BillStatus::Open));
		Ok(())
	}

	#[benchmark]
	fn cancel_fine() -> Result<(), BenchmarkError> {
		// Paid, then appealed: the refund, to the holder's current account, is the worst case.
		let (_, account, id) = claimed_bill::<T>()?;
		Pallet::<T>::pay_fine(RawOrigin::Signed(account.clone()).into(), id)?;
		Pallet::<T>::appeal_fine(RawOrigin::Signed(account).into(), id)?;
		let court = T::BenchmarkHelper::court();

		#[extrinsic_call]
		_(RawOrigin::Signed(court), id);

		assert!(Bills::<T>::get(id).is_some_and(|b| b.status == BillStatus::Cancelled));
		Ok(())
	}

	#[benchmark]
	fn verify_fines() -> Result<(), BenchmarkError> {
		let (holder, _, _) = claimed_bill::<T>()?;
		let staff = T::BenchmarkHelper::claimant_agency();
		let (_, agency) = T::Agencies::ensure_staff(RawOrigin::Signed(staff.clone()).into())?;
		T::BenchmarkHelper::consent(&holder, agency, Scope::Fines, &purpose());

		#[extrinsic_call]
		_(RawOrigin::Signed(staff), holder, purpose());

		Ok(())
	}

	#[benchmark]
	fn set_fine_treasury() -> Result<(), BenchmarkError> {
		// The treasury named at genesis, named again.
		let origin =
			T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let agency = FineTreasury::<T>::get().ok_or(BenchmarkError::Stop("no fine treasury"))?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, agency);

		assert_eq!(FineTreasury::<T>::get(), Some(agency));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
