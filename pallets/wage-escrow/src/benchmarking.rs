//! Benchmarks of `pallet-civitas-wage-escrow` (FRAME benchmarking v2). Every worker is a
//! distinct wages alias bound to a distinct account; the agenda benchmarks pay distinct
//! workers, each to its alias account read on pay day.

use super::*;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

/// What the benchmarks need from the runtime.
pub trait BenchmarkHelper<AccountId> {
	/// Staff of a member agency holding `SuperviseConstruction`.
	fn bureau() -> AccountId;
	/// A live wages alias of a person of `kind` from `seed`, and the account it acts through
	/// (admitted to transact).
	fn alias(seed: u32, kind: SubjectKind) -> (Alias, AccountId);
	/// Gives `who` `amount` of the settlement unit.
	fn fund(who: &AccountId, amount: Amount);
	/// Sets the chain's time (ms).
	fn set_time(now: Moment);
}

/// 2026-11-15 00:00 UTC.
const NOW: Moment = 1_794_700_800_000;
/// A wage: large enough for any existential deposit.
const WAGE: Amount = 1_000_000;

/// A project's bureau staff, id, developer key and contractor key.
struct Site<T: Config> {
	bureau: T::AccountId,
	project: ProjectId,
	developer: T::AccountId,
	contractor: T::AccountId,
}

fn signed<T: Config>(who: &T::AccountId) -> OriginFor<T> {
	RawOrigin::Signed(who.clone()).into()
}

/// A project with pay day 1 (so last month's payroll is due), its developer funded, at `NOW`;
/// its developer and contractor from `seed`.
fn site<T: Config>(seed: u32) -> Result<Site<T>, BenchmarkError> {
	T::BenchmarkHelper::set_time(NOW);
	let bureau = T::BenchmarkHelper::bureau();
	let seed = seed.saturating_mul(2);
	let (developer_id, developer) = T::BenchmarkHelper::alias(seed, SubjectKind::Company);
	let (contractor_id, contractor) =
		T::BenchmarkHelper::alias(seed.saturating_add(1), SubjectKind::Company);
	T::BenchmarkHelper::fund(&developer, 1_000_000_000_000_000);
	let project = NextProjectId::<T>::get();
	Pallet::<T>::register_project(
		signed::<T>(&bureau),
		developer_id,
		contractor_id,
		1_000_000_000_000_000,
		Percent::from_percent(30),
		1,
	)?;
	Ok(Site { bureau, project, developer, contractor })
}

/// `n` distinct workers with accepted places on the site's roster, from `seed`.
fn roster<T: Config>(s: &Site<T>, seed: u32, n: u32) -> Result<Vec<Alias>, BenchmarkError> {
	let mut out = Vec::new();
	for i in 0..n {
		let (worker, key) = T::BenchmarkHelper::alias(seed.saturating_add(i), SubjectKind::Citizen);
		Pallet::<T>::add_worker(signed::<T>(&s.contractor), s.project, worker)?;
		Pallet::<T>::accept_place(signed::<T>(&key), s.project)?;
		out.push(worker);
	}
	Ok(out)
}

/// One worker (from `seed`) with an accepted place, on last month's payroll, submitted: the
/// worker, its alias account and the month.
fn one_line_payroll<T: Config>(
	s: &Site<T>,
	seed: u32,
) -> Result<(Alias, T::AccountId, Month), BenchmarkError> {
	let (worker, key) = T::BenchmarkHelper::alias(seed, SubjectKind::Citizen);
	Pallet::<T>::add_worker(signed::<T>(&s.contractor), s.project, worker)?;
	Pallet::<T>::accept_place(signed::<T>(&key), s.project)?;
	let month = months_back(1);
	Pallet::<T>::submit_payroll(
		signed::<T>(&s.contractor),
		s.project,
		month,
		lines::<T>(&[worker]),
	)?;
	Ok((worker, key, month))
}

fn lines<T: Config>(workers: &[Alias]) -> LinesOf<T> {
	let all: Vec<PayrollLine> =
		workers.iter().map(|w| PayrollLine { worker: *w, days: 22, amount: WAGE }).collect();
	BoundedVec::truncate_from(all)
}

/// The month `k` months before `NOW`'s month.
fn months_back(k: u32) -> Month {
	let mut m = month_of(NOW);
	for _ in 0..k {
		m = if m % 100 == 1 { m.saturating_sub(89) } else { m.saturating_sub(1) };
	}
	m
}

/// The month `k` months back, submitted for `workers` and approved by the bureau: due, on
/// today's agenda.
fn approved<T: Config>(s: &Site<T>, k: u32, workers: &[Alias]) -> Result<Month, BenchmarkError> {
	let month = months_back(k);
	Pallet::<T>::submit_payroll(signed::<T>(&s.contractor), s.project, month, lines::<T>(workers))?;
	Pallet::<T>::approve_payroll(signed::<T>(&s.bureau), s.project, month)?;
	Ok(month)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_review_period() -> Result<(), BenchmarkError> {
		let origin =
			T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, MS_PER_DAY);
		assert_eq!(ReviewPeriod::<T>::get(), MS_PER_DAY);
		Ok(())
	}

	#[benchmark]
	fn register_project() -> Result<(), BenchmarkError> {
		let bureau = T::BenchmarkHelper::bureau();
		let (d, _) = T::BenchmarkHelper::alias(1, SubjectKind::Company);
		let (c, _) = T::BenchmarkHelper::alias(2, SubjectKind::Company);
		#[extrinsic_call]
		_(RawOrigin::Signed(bureau), d, c, 1_000_000, Percent::from_percent(30), 10);
		assert!(Projects::<T>::contains_key(0));
		Ok(())
	}

	/// A deposit that clears arrears and puts `u` parked payrolls back on the agenda.
	#[benchmark]
	fn deposit(u: Linear<0, { T::MaxUnpaid::get() }>) -> Result<(), BenchmarkError> {
		let s = site::<T>(0)?;
		let workers = roster::<T>(&s, 1000, 1)?;
		for k in 0..u {
			approved::<T>(&s, k.saturating_add(1), &workers)?;
		}
		Pallet::<T>::work_agenda(&mut WeightMeter::new());
		assert_eq!(Parked::<T>::iter_prefix(s.project).count() as u32, u);
		#[extrinsic_call]
		_(RawOrigin::Signed(s.developer), s.project, 1_000_000_000_000);
		assert_eq!(Parked::<T>::iter_prefix(s.project).count(), 0);
		Ok(())
	}

	#[benchmark]
	fn release_milestone() -> Result<(), BenchmarkError> {
		let s = site::<T>(0)?;
		Pallet::<T>::deposit(signed::<T>(&s.developer), s.project, 1_000_000_000)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(s.bureau), s.project, 100_000_000, H256::repeat_byte(1));
		assert_eq!(Projects::<T>::get(s.project).map(|p| p.books.reserve), Some(30_000_000));
		Ok(())
	}

	#[benchmark]
	fn add_worker() -> Result<(), BenchmarkError> {
		let s = site::<T>(0)?;
		let (worker, _) = T::BenchmarkHelper::alias(1000, SubjectKind::Citizen);
		#[extrinsic_call]
		_(RawOrigin::Signed(s.contractor), s.project, worker);
		assert_eq!(Roster::<T>::get(s.project, worker), Some(Place::Offered));
		Ok(())
	}

	/// Removing a worker with an accepted place, on the rosters of `MaxProjectsPerWorker`
	/// projects (its list is the longest).
	#[benchmark]
	fn remove_worker() -> Result<(), BenchmarkError> {
		let (worker, key) = T::BenchmarkHelper::alias(1000, SubjectKind::Citizen);
		let mut last = None;
		for i in 0..T::MaxProjectsPerWorker::get() {
			let s = site::<T>(i)?;
			Pallet::<T>::add_worker(signed::<T>(&s.contractor), s.project, worker)?;
			Pallet::<T>::accept_place(signed::<T>(&key), s.project)?;
			last = Some(s);
		}
		let s = last.ok_or(BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(s.contractor), s.project, worker);
		assert!(!Roster::<T>::contains_key(s.project, worker));
		Ok(())
	}

	/// Accepting the last place a worker may hold (`MaxProjectsPerWorker` − 1 held already).
	#[benchmark]
	fn accept_place() -> Result<(), BenchmarkError> {
		let (worker, key) = T::BenchmarkHelper::alias(1000, SubjectKind::Citizen);
		let mut sites = Vec::new();
		for i in 0..T::MaxProjectsPerWorker::get() {
			let s = site::<T>(i)?;
			Pallet::<T>::add_worker(signed::<T>(&s.contractor), s.project, worker)?;
			sites.push(s);
		}
		let s = sites.pop().ok_or(BenchmarkError::Weightless)?;
		for held in &sites {
			Pallet::<T>::accept_place(signed::<T>(&key), held.project)?;
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(key), s.project);
		assert_eq!(Roster::<T>::get(s.project, worker), Some(Place::Accepted));
		Ok(())
	}

	/// Claiming a wage whose payment failed on pay day (the worker bound again since).
	#[benchmark]
	fn claim_wage() -> Result<(), BenchmarkError> {
		let s = site::<T>(0)?;
		let (worker, account, month) = one_line_payroll::<T>(&s, 1000)?;
		let key = (s.project, month);
		PayLines::<T>::mutate(key, 0, |l| {
			if let Some(l) = l {
				l.failed = true;
			}
		});
		Pallet::<T>::deposit(signed::<T>(&s.developer), s.project, WAGE)?;
		Projects::<T>::mutate(s.project, |p| {
			if let Some(p) = p {
				p.books.escrow = p.books.escrow.saturating_sub(WAGE);
				p.books.unclaimed = WAGE;
			}
		});
		#[extrinsic_call]
		_(RawOrigin::Signed(account), s.project, month, 0);
		assert!(Payments::<T>::contains_key(worker, key));
		Ok(())
	}

	#[benchmark]
	fn submit_payroll(n: Linear<1, { T::MaxPayrollLines::get() }>) -> Result<(), BenchmarkError> {
		let s = site::<T>(0)?;
		let workers = roster::<T>(&s, 1000, n)?;
		let month = months_back(1);
		#[extrinsic_call]
		_(RawOrigin::Signed(s.contractor), s.project, month, lines::<T>(&workers));
		assert!(Payrolls::<T>::contains_key(s.project, month));
		Ok(())
	}

	#[benchmark]
	fn dispute_line() -> Result<(), BenchmarkError> {
		let s = site::<T>(0)?;
		let (_, key, month) = one_line_payroll::<T>(&s, 1000)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(key), s.project, month, 0, H256::repeat_byte(2));
		assert_eq!(Payrolls::<T>::get(s.project, month).map(|p| p.disputes), Some(1));
		Ok(())
	}

	#[benchmark]
	fn approve_payroll() -> Result<(), BenchmarkError> {
		let s = site::<T>(0)?;
		let workers = roster::<T>(&s, 1000, 1)?;
		let month = months_back(1);
		Pallet::<T>::submit_payroll(
			signed::<T>(&s.contractor),
			s.project,
			month,
			lines::<T>(&workers),
		)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(s.bureau), s.project, month);
		assert!(Agenda::<T>::contains_key(Pallet::<T>::day_of(NOW), (s.project, month)));
		Ok(())
	}

	#[benchmark]
	fn reject_payroll(n: Linear<1, { T::MaxPayrollLines::get() }>) -> Result<(), BenchmarkError> {
		let s = site::<T>(0)?;
		let workers = roster::<T>(&s, 1000, n)?;
		let month = months_back(1);
		Pallet::<T>::submit_payroll(
			signed::<T>(&s.contractor),
			s.project,
			month,
			lines::<T>(&workers),
		)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(s.bureau), s.project, month, H256::repeat_byte(3));
		assert!(!Payrolls::<T>::contains_key(s.project, month));
		Ok(())
	}

	/// Closing a project with `w` workers left on its roster.
	#[benchmark]
	fn close_project(w: Linear<0, { T::MaxRoster::get() }>) -> Result<(), BenchmarkError> {
		let s = site::<T>(0)?;
		Pallet::<T>::deposit(signed::<T>(&s.developer), s.project, 1_000_000_000)?;
		roster::<T>(&s, 1000, w)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(s.bureau), s.project);
		assert_eq!(Projects::<T>::get(s.project).map(|p| p.status), Some(ProjectStatus::Closed));
		Ok(())
	}

	/// The agenda with nothing on it, after many days without a block (30).
	#[benchmark]
	fn agenda_base() -> Result<(), BenchmarkError> {
		T::BenchmarkHelper::set_time(NOW);
		AgendaDay::<T>::put(Pallet::<T>::day_of(NOW).saturating_sub(30));
		#[block]
		{
			Pallet::<T>::work_agenda(&mut WeightMeter::new());
		}
		assert_eq!(AgendaDay::<T>::get(), Some(Pallet::<T>::day_of(NOW)));
		Ok(())
	}

	/// The agenda with one due payroll that the reserve cannot cover: it is parked.
	#[benchmark]
	fn agenda_visit() -> Result<(), BenchmarkError> {
		let s = site::<T>(0)?;
		let workers = roster::<T>(&s, 1000, 1)?;
		let month = approved::<T>(&s, 1, &workers)?;
		#[block]
		{
			Pallet::<T>::work_agenda(&mut WeightMeter::new());
		}
		assert!(Parked::<T>::contains_key(s.project, month));
		Ok(())
	}

	/// The agenda paying a due payroll of `n` lines, one distinct worker each.
	#[benchmark]
	fn agenda_pay(n: Linear<1, { T::MaxPayrollLines::get() }>) -> Result<(), BenchmarkError> {
		let s = site::<T>(0)?;
		Pallet::<T>::deposit(signed::<T>(&s.developer), s.project, 1_000_000_000_000)?;
		Pallet::<T>::release_milestone(
			signed::<T>(&s.bureau),
			s.project,
			1_000_000_000_000,
			H256::zero(),
		)?;
		let workers = roster::<T>(&s, 1000, n)?;
		let month = approved::<T>(&s, 1, &workers)?;
		#[block]
		{
			Pallet::<T>::work_agenda(&mut WeightMeter::new());
		}
		assert_eq!(
			Payrolls::<T>::get(s.project, month).map(|p| p.status),
			Some(PayrollStatus::Paid)
		);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
