//! Benchmarks of `pallet-civitas-invoices` (FRAME benchmarking v2). Each measures its call's
//! worst case: full rate lists, claimants and payers; a full batch; a refund.

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

/// What the benchmarks need from the rest of the runtime.
pub trait BenchmarkHelper<AccountId> {
	/// Staff of an agency holding `IssueInvoices`.
	fn tax_bureau() -> AccountId;
	/// Staff of an agency holding `IssueFines`.
	fn police() -> AccountId;
	/// Staff of an agency holding `DecideAppeals`.
	fn court() -> AccountId;
	/// Staff of an agency without capabilities, which claims under consent.
	fn claimant_agency() -> AccountId;
	/// A registered, active person of `kind` from `seed`, and the account controlling it.
	fn person(seed: u32, kind: SubjectKind) -> (PersonId, AccountId);
	/// A live consent of `subject` to `agency` over `Invoices`, for `purpose`.
	fn consent(subject: &PersonId, agency: AgencyId, purpose: &Purpose);
	/// Gives `who` `amount` of the settlement unit.
	fn fund(who: &AccountId, amount: Amount);
}

const RATE: RateBps = 1300;

fn purpose() -> Purpose {
	Purpose::Code(1)
}

fn request(number: InvoiceNumber, buyer: PersonId) -> InvoiceRequest {
	InvoiceRequest {
		number,
		buyer: Buyer::Person(buyer),
		amount: 10_000,
		tax: 1_300,
		rate: RATE,
		items: H256::repeat_byte(1),
	}
}

/// A full list of rates with the one used last, a seller taxpayer and a buyer.
fn setup<T: Config>() -> Result<(PersonId, T::AccountId, PersonId, T::AccountId), BenchmarkError> {
	let bureau = T::BenchmarkHelper::tax_bureau();
	let max = T::MaxRates::get();
	let rates: Vec<RateBps> =
		(1..max).map(|r| r as RateBps).chain(core::iter::once(RATE)).collect();
	Pallet::<T>::set_rates(
		RawOrigin::Signed(bureau.clone()).into(),
		rates.try_into().map_err(|_| "rates")?,
	)?;
	let (seller, seller_key) = T::BenchmarkHelper::person(0, SubjectKind::Company);
	let (buyer, buyer_key) = T::BenchmarkHelper::person(1, SubjectKind::Citizen);
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
	seller: PersonId,
	buyer: PersonId,
	number: InvoiceNumber,
) -> Result<(), BenchmarkError> {
	Pallet::<T>::issue(RawOrigin::Signed(seller_key.clone()).into(), request(number, buyer))?;
	Pallet::<T>::receive(RawOrigin::Signed(buyer_key.clone()).into(), seller, number)?;
	Ok(())
}

/// A fine bill of `person`, due after the notice period.
fn bill<T: Config>(person: PersonId) -> Result<BillId, BenchmarkError> {
	let id = NextBillId::<T>::get();
	let due = T::Time::now().saturating_add(T::FineNotice::get());
	Pallet::<T>::issue_fine(
		RawOrigin::Signed(T::BenchmarkHelper::police()).into(),
		person,
		1,
		20_000,
		H256::repeat_byte(2),
		1,
		due,
	)?;
	Ok(id)
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
		_(RawOrigin::Signed(bureau), rates.clone());

		assert_eq!(Rates::<T>::get(), rates);
		Ok(())
	}

	#[benchmark]
	fn register_taxpayer() -> Result<(), BenchmarkError> {
		let bureau = T::BenchmarkHelper::tax_bureau();
		let (person, _) = T::BenchmarkHelper::person(0, SubjectKind::Company);

		#[extrinsic_call]
		_(RawOrigin::Signed(bureau), person, 10, 1_000);

		assert!(Taxpayers::<T>::contains_key(person));
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
		let (_, buyer_key) = T::BenchmarkHelper::person(1, SubjectKind::Citizen);
		let (payer, _) = T::BenchmarkHelper::person(0, SubjectKind::Company);
		let until = T::Time::now().saturating_add(DAY);

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer_key), payer, until);

		Ok(())
	}

	#[benchmark]
	fn revoke_payer() -> Result<(), BenchmarkError> {
		let (buyer, buyer_key) = T::BenchmarkHelper::person(1, SubjectKind::Citizen);
		let (payer, _) = T::BenchmarkHelper::person(0, SubjectKind::Company);
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
		T::BenchmarkHelper::consent(&buyer, agency, &purpose());

		#[extrinsic_call]
		_(RawOrigin::Signed(staff), seller, 1, 5_000, None, purpose());

		assert!(Invoices::<T>::get(seller, 1).is_some_and(|i| i.claimed == 5_000));
		Ok(())
	}

	#[benchmark]
	fn issue_fine() -> Result<(), BenchmarkError> {
		let (person, _) = T::BenchmarkHelper::person(1, SubjectKind::Citizen);
		let due = T::Time::now().saturating_add(T::FineNotice::get());
		let police = T::BenchmarkHelper::police();

		#[extrinsic_call]
		_(RawOrigin::Signed(police), person, 1, 20_000, H256::zero(), 1, due);

		assert!(Bills::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn pay_fine() -> Result<(), BenchmarkError> {
		let (person, key) = T::BenchmarkHelper::person(1, SubjectKind::Citizen);
		T::BenchmarkHelper::fund(&key, 1_000_000);
		let id = bill::<T>(person)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(key), id);

		assert!(Bills::<T>::get(id).is_some_and(|b| b.status == BillStatus::Paid));
		Ok(())
	}

	#[benchmark]
	fn appeal_fine() -> Result<(), BenchmarkError> {
		let (person, key) = T::BenchmarkHelper::person(1, SubjectKind::Citizen);
		let id = bill::<T>(person)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(key), id);

		assert!(Bills::<T>::get(id).is_some_and(|b| b.appealed));
		Ok(())
	}

	#[benchmark]
	fn uphold_fine() -> Result<(), BenchmarkError> {
		let (person, key) = T::BenchmarkHelper::person(1, SubjectKind::Citizen);
		let id = bill::<T>(person)?;
		Pallet::<T>::appeal_fine(RawOrigin::Signed(key).into(), id)?;
		let due = T::Time::now().saturating_add(T::FineNotice::get());
		let court = T::BenchmarkHelper::court();

		#[extrinsic_call]
		_(RawOrigin::Signed(court), id, due);

		assert!(Bills::<T>::get(id).is_some_and(|b| b.status == BillStatus::Open));
		Ok(())
	}

	#[benchmark]
	fn cancel_fine() -> Result<(), BenchmarkError> {
		// Paid, then appealed: the refund is the worst case.
		let (person, key) = T::BenchmarkHelper::person(1, SubjectKind::Citizen);
		T::BenchmarkHelper::fund(&key, 1_000_000);
		let id = bill::<T>(person)?;
		Pallet::<T>::pay_fine(RawOrigin::Signed(key.clone()).into(), id)?;
		Pallet::<T>::appeal_fine(RawOrigin::Signed(key).into(), id)?;
		let court = T::BenchmarkHelper::court();

		#[extrinsic_call]
		_(RawOrigin::Signed(court), id);

		assert!(Bills::<T>::get(id).is_some_and(|b| b.status == BillStatus::Cancelled));
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

	#[benchmark]
	fn erase_person(n: Linear<0, { T::MaxPayers::get() }>) -> Result<(), BenchmarkError> {
		let (buyer, buyer_key) = T::BenchmarkHelper::person(1, SubjectKind::Citizen);
		let until = T::Time::now().saturating_add(DAY);
		for i in 0..n {
			let (payer, _) = T::BenchmarkHelper::person(i.saturating_add(2), SubjectKind::Company);
			Pallet::<T>::authorise_payer(
				RawOrigin::Signed(buyer_key.clone()).into(),
				payer,
				until,
			)?;
		}

		#[block]
		{
			<Pallet<T> as civitas_primitives::OnErase>::on_erase(&buyer);
		}

		assert_eq!(PayerCount::<T>::get(buyer), 0);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
