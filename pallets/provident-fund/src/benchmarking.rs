//! Benchmarks of `pallet-civitas-provident-fund` (FRAME benchmarking v2). Every person is a
//! distinct fund alias with its own account, every employee of a batch a distinct alias.

use super::*;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

/// What the benchmarks need from the runtime.
pub trait BenchmarkHelper<AccountId> {
	/// Staff of a member agency holding `ManageProvidentFund` (a distinct agency per seed),
	/// and the agency.
	fn centre(seed: u32) -> (AccountId, AgencyId);
	/// Staff of a member agency without capabilities, which reads under consent.
	fn reader() -> (AccountId, AgencyId);
	/// A live fund alias of a person of `kind` from `seed`, and the account it acts through.
	fn alias(seed: u32, kind: SubjectKind) -> (Alias, AccountId);
	/// A live consent of `subject` to `agency` over `FundAccount`, for `purpose`.
	fn consent(subject: &Alias, agency: AgencyId, purpose: &Purpose);
	/// Gives `who` `amount` of the settlement unit.
	fn fund(who: &AccountId, amount: Amount);
}

fn rules() -> Rules {
	Rules { min_rate: 500, max_rate: 1200, base_ceiling: 3_000_000 }
}

fn vote<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

/// A fund centre from `seed` in city `seed`: its staff and agency.
fn centre<T: Config>(seed: u32) -> Result<(T::AccountId, AgencyId), BenchmarkError> {
	let (staff, agency) = T::BenchmarkHelper::centre(seed);
	Pallet::<T>::set_centre(vote::<T>()?, agency, 100_000u32.saturating_add(seed), rules())?;
	Ok((staff, agency))
}

/// A citizen from `seed` with an open account at `centre` (staff `staff`), which it asked for.
fn member<T: Config>(
	staff: &T::AccountId,
	centre: AgencyId,
	seed: u32,
) -> Result<(Alias, T::AccountId, FundAccountId), BenchmarkError> {
	let (person, key) = T::BenchmarkHelper::alias(seed, SubjectKind::Citizen);
	let id = NextAccountId::<T>::get();
	Pallet::<T>::request_account(RawOrigin::Signed(key.clone()).into(), centre)?;
	Pallet::<T>::open_account(RawOrigin::Signed(staff.clone()).into(), person)?;
	Ok((person, key, id))
}

/// A funded employer registered with `centre`, from `seed`.
fn employer<T: Config>(
	staff: &T::AccountId,
	seed: u32,
) -> Result<(Alias, T::AccountId), BenchmarkError> {
	let (firm, key) = T::BenchmarkHelper::alias(seed, SubjectKind::Company);
	Pallet::<T>::register_employer(RawOrigin::Signed(staff.clone()).into(), firm)?;
	T::BenchmarkHelper::fund(&key, 1_000_000_000_000);
	Ok((firm, key))
}

fn this_month<T: Config>() -> Month {
	month_of(T::Time::now())
}

fn line(employee: Alias) -> ContributionLine {
	ContributionLine { employee, base: 2_000_000, employee_rate: 1200, employer_rate: 1200 }
}

/// A centre's staff and agency, and a member's person, key and account.
type Member<T> = (
	<T as frame_system::Config>::AccountId,
	AgencyId,
	Alias,
	<T as frame_system::Config>::AccountId,
	FundAccountId,
);

/// `firm_key`'s employer declares `person` at `agency` from `month`, and the person accepts.
fn employ<T: Config>(
	firm_key: &T::AccountId,
	firm: Alias,
	agency: AgencyId,
	person: Alias,
	key: &T::AccountId,
	month: Month,
) -> Result<(), BenchmarkError> {
	Pallet::<T>::declare_employee(
		RawOrigin::Signed(firm_key.clone()).into(),
		agency,
		person,
		month,
	)?;
	Pallet::<T>::accept_employment(RawOrigin::Signed(key.clone()).into(), firm)?;
	Ok(())
}

/// A member of centre `seed` with one month paid into its account.
fn contributed<T: Config>(seed: u32) -> Result<Member<T>, BenchmarkError> {
	let (staff, agency) = centre::<T>(seed)?;
	let (person, key, id) = member::<T>(&staff, agency, 10)?;
	let (firm, firm_key) = employer::<T>(&staff, 11)?;
	let month = this_month::<T>();
	employ::<T>(&firm_key, firm, agency, person, &key, month)?;
	let lines: LinesOf<T> = alloc::vec![line(person)].try_into().map_err(|_| "lines")?;
	Pallet::<T>::contribute(RawOrigin::Signed(firm_key).into(), month, lines)?;
	Ok((staff, agency, person, key, id))
}

#[benchmarks(where T: Config)]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_centre() -> Result<(), BenchmarkError> {
		// A city no genesis preset has a centre for (Hangzhou).
		let (_, agency) = T::BenchmarkHelper::centre(0);
		let origin = vote::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, agency, 330_100, rules());

		assert_eq!(CentreOfCity::<T>::get(330_100), Some(agency));
		Ok(())
	}

	#[benchmark]
	fn set_transfer_deadline() -> Result<(), BenchmarkError> {
		let origin = vote::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 86_400_000);

		assert_eq!(TransferDeadline::<T>::get(), 86_400_000);
		Ok(())
	}

	#[benchmark]
	fn open_account() -> Result<(), BenchmarkError> {
		let (staff, agency) = centre::<T>(0)?;
		let (person, key) = T::BenchmarkHelper::alias(1, SubjectKind::Citizen);
		Pallet::<T>::request_account(RawOrigin::Signed(key).into(), agency)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(staff), person);

		assert!(OpenAccount::<T>::contains_key(person));
		Ok(())
	}

	#[benchmark]
	fn seal_account() -> Result<(), BenchmarkError> {
		let (staff, agency) = centre::<T>(0)?;
		let (person, _, _) = member::<T>(&staff, agency, 1)?;
		let caller = staff.clone();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), person);

		assert!(!OpenAccount::<T>::contains_key(person));
		Ok(())
	}

	#[benchmark]
	fn register_employer() -> Result<(), BenchmarkError> {
		let (staff, agency) = centre::<T>(0)?;
		let (firm, _) = T::BenchmarkHelper::alias(1, SubjectKind::Company);

		#[extrinsic_call]
		_(RawOrigin::Signed(staff), firm);

		assert!(Employers::<T>::contains_key(firm, agency));
		Ok(())
	}

	#[benchmark]
	fn declare_employee() -> Result<(), BenchmarkError> {
		let (staff, agency) = centre::<T>(0)?;
		let (firm, firm_key) = employer::<T>(&staff, 1)?;
		let (person, _) = T::BenchmarkHelper::alias(2, SubjectKind::Citizen);
		let month = this_month::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(firm_key), agency, person, month);

		assert!(Employees::<T>::contains_key(firm, person));
		Ok(())
	}

	#[benchmark]
	fn end_employment() -> Result<(), BenchmarkError> {
		let (staff, agency) = centre::<T>(0)?;
		let (firm, firm_key) = employer::<T>(&staff, 1)?;
		let (person, _) = T::BenchmarkHelper::alias(2, SubjectKind::Citizen);
		let month = this_month::<T>();
		Pallet::<T>::declare_employee(
			RawOrigin::Signed(firm_key.clone()).into(),
			agency,
			person,
			month,
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(firm_key), person, month);

		assert_eq!(Employees::<T>::get(firm, person).and_then(|e| e.until), Some(month));
		Ok(())
	}

	#[benchmark]
	fn contribute(n: Linear<1, { T::MaxLines::get() }>) -> Result<(), BenchmarkError> {
		let (staff, agency) = centre::<T>(0)?;
		let (firm, firm_key) = employer::<T>(&staff, 1)?;
		let month = this_month::<T>();
		let mut lines = alloc::vec::Vec::new();
		for i in 0..n {
			let (person, key, _) = member::<T>(&staff, agency, i.saturating_add(2))?;
			employ::<T>(&firm_key, firm, agency, person, &key, month)?;
			lines.push(line(person));
		}
		let lines: LinesOf<T> = lines.try_into().map_err(|_| "lines")?;

		#[extrinsic_call]
		_(RawOrigin::Signed(firm_key), month, lines);

		assert_eq!(PaidCount::<T>::get(firm, month), n);
		Ok(())
	}

	#[benchmark]
	fn request_transfer() -> Result<(), BenchmarkError> {
		// The costlier path: the new centre asks, under consent, and the read is traced.
		let (staff_a, agency_a) = centre::<T>(0)?;
		let (staff_b, agency_b) = centre::<T>(1)?;
		let (person, _, id) = member::<T>(&staff_a, agency_a, 2)?;
		let purpose = Purpose::Code(1);
		T::BenchmarkHelper::consent(&person, agency_b, &purpose);
		// After as many refusals as escalate: the request is escalated at once.
		Refusals::<T>::insert(person, T::RefusalsToEscalate::get());

		#[extrinsic_call]
		_(RawOrigin::Signed(staff_b), person, id, agency_b, Some(purpose));

		assert!(Transfers::<T>::get(person).is_some_and(|r| r.escalated));
		Ok(())
	}

	#[benchmark]
	fn approve_transfer() -> Result<(), BenchmarkError> {
		// The costlier path: a new account at the new centre.
		let (staff_a, _, person, key, id) = contributed::<T>(0)?;
		let (_, agency_b) = centre::<T>(1)?;
		Pallet::<T>::request_transfer(RawOrigin::Signed(key).into(), person, id, agency_b, None)?;
		let caller = staff_a.clone();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), person);

		assert!(AccountAt::<T>::contains_key(person, agency_b));
		assert!(!Transfers::<T>::contains_key(person));
		Ok(())
	}

	#[benchmark]
	fn refuse_transfer() -> Result<(), BenchmarkError> {
		let (staff_a, agency_a) = centre::<T>(0)?;
		let (_, agency_b) = centre::<T>(1)?;
		let (person, key, id) = member::<T>(&staff_a, agency_a, 2)?;
		Pallet::<T>::request_transfer(RawOrigin::Signed(key).into(), person, id, agency_b, None)?;
		let caller = staff_a.clone();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), person, 7);

		assert!(!Transfers::<T>::contains_key(person));
		Ok(())
	}

	#[benchmark]
	fn escalate_transfer() -> Result<(), BenchmarkError> {
		// The costlier path: the new centre's staff is tried first, then the person.
		let (staff_a, agency_a) = centre::<T>(0)?;
		let (_, agency_b) = centre::<T>(1)?;
		let (person, key, id) = member::<T>(&staff_a, agency_a, 2)?;
		Pallet::<T>::request_transfer(
			RawOrigin::Signed(key.clone()).into(),
			person,
			id,
			agency_b,
			None,
		)?;
		// The deadline has passed.
		Transfers::<T>::mutate(person, |r| {
			if let Some(r) = r {
				r.deadline = T::Time::now();
			}
		});

		#[extrinsic_call]
		_(RawOrigin::Signed(key), person);

		assert_eq!(Transfers::<T>::get(person).map(|r| r.escalated), Some(true));
		Ok(())
	}

	#[benchmark]
	fn withdraw() -> Result<(), BenchmarkError> {
		// The costlier path: retirement, which closes the account.
		let (staff, _, person, key, id) = contributed::<T>(0)?;
		let balance = Accounts::<T>::get(id).map(|a| a.balance).unwrap_or_default();
		let caller = staff.clone();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller),
			id,
			balance,
			WithdrawalPurpose::Retirement,
			H256::repeat_byte(1),
			key,
		);

		assert_eq!(Accounts::<T>::get(id).map(|a| a.status), Some(AccountStatus::Closed));
		assert!(!OpenAccount::<T>::contains_key(person));
		Ok(())
	}

	#[benchmark]
	fn verify_account() -> Result<(), BenchmarkError> {
		let (_, _, person, _, _) = contributed::<T>(0)?;
		let (reader, agency) = T::BenchmarkHelper::reader();
		let purpose = Purpose::Code(1);
		T::BenchmarkHelper::consent(&person, agency, &purpose);

		#[extrinsic_call]
		_(RawOrigin::Signed(reader), person, purpose);

		Ok(())
	}

	#[benchmark]
	fn accept_employment() -> Result<(), BenchmarkError> {
		let (staff, agency) = centre::<T>(0)?;
		let (firm, firm_key) = employer::<T>(&staff, 1)?;
		let (person, key) = T::BenchmarkHelper::alias(2, SubjectKind::Citizen);
		Pallet::<T>::declare_employee(
			RawOrigin::Signed(firm_key).into(),
			agency,
			person,
			this_month::<T>(),
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(key), firm);

		assert_eq!(Employees::<T>::get(firm, person).map(|e| e.accepted), Some(true));
		Ok(())
	}

	#[benchmark]
	fn request_account() -> Result<(), BenchmarkError> {
		let (_, agency) = centre::<T>(0)?;
		let (person, key) = T::BenchmarkHelper::alias(1, SubjectKind::Citizen);

		#[extrinsic_call]
		_(RawOrigin::Signed(key), agency);

		assert_eq!(AccountRequests::<T>::get(person), Some(agency));
		Ok(())
	}

	#[benchmark]
	fn reverse_contribution() -> Result<(), BenchmarkError> {
		// The costlier path: the books moved to another centre's account, which reverses it.
		let (_, _, person, key, id) = contributed::<T>(0)?;
		let (staff_b, agency_b) = centre::<T>(1)?;
		Pallet::<T>::request_transfer(RawOrigin::Signed(key).into(), person, id, agency_b, None)?;
		let (staff_a, _) = T::BenchmarkHelper::centre(0);
		Pallet::<T>::approve_transfer(RawOrigin::Signed(staff_a).into(), person)?;
		let month = this_month::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(staff_b), person, month, 1);

		assert!(!Contributions::<T>::contains_key(person, month));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
