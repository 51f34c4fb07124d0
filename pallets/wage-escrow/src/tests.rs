//! Unit tests: one behaviour per test; every error with `assert_noop!`, every success with its
//! effects; the invariants are checked after each test and after every block.

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use sp_runtime::{traits::BadOrigin, DispatchError, TokenError};

const OCTOBER: Month = 202610;
const NOVEMBER: Month = 202611;
/// Project 0's wages for WORKER and MATE.
const WAGE: Amount = 5_000;
const MATE_WAGE: Amount = 4_000;

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn last_event() -> Event<Test> {
	wage_events().pop().expect("an event")
}

fn free(who: AccountId) -> Balance {
	Balances::balance(&who)
}

fn project() -> Project {
	Projects::<Test>::get(0).unwrap()
}

fn payroll(month: Month) -> Payroll {
	Payrolls::<Test>::get(0, month).unwrap()
}

fn line(worker: Alias, amount: Amount) -> PayrollLine {
	PayrollLine { worker, days: 22, amount }
}

fn lines(l: Vec<PayrollLine>) -> LinesOf<Test> {
	l.try_into().unwrap()
}

fn submit(month: Month, l: Vec<PayrollLine>) -> DispatchResult {
	Wages::submit_payroll(signed(CONTRACTOR_KEY), 0, month, lines(l))
}

/// October's payroll of project 0: WORKER 5 000, MATE 4 000.
fn october() {
	assert_ok!(submit(OCTOBER, vec![line(WORKER, WAGE), line(MATE, MATE_WAGE)]));
}

/// The developer deposits 1 000 000; a milestone of 100 000 is released: 70 000 to the
/// contractor, 30 000 to the wage reserve.
fn funded() {
	assert_ok!(Wages::deposit(signed(DEVELOPER_KEY), 0, 1_000_000));
	assert_ok!(Wages::release_milestone(signed(BUREAU), 0, 100_000, H256::repeat_byte(1)));
}

fn register(pay_day: u8) -> DispatchResult {
	Wages::register_project(
		signed(BUREAU),
		DEVELOPER,
		CONTRACTOR,
		1_000_000,
		Percent::from_percent(30),
		pay_day,
	)
}

/// `worker` (whose alias account is `key`) offered a place on `project` and accepting it.
fn hire(project: ProjectId, worker: Alias, key: AccountId) {
	assert_ok!(Wages::add_worker(signed(CONTRACTOR_KEY), project, worker));
	assert_ok!(Wages::accept_place(signed(key), project));
}

/// Project 0 (budget 1 000 000, wage share 30 %, pay day 10) with WORKER and MATE on its
/// roster (places accepted), on 15 November 2026: October's payroll falls due on 10 November
/// (past).
fn run(test: impl FnOnce()) {
	build_and_execute(|| {
		assert_ok!(register(10));
		hire(0, WORKER, WORKER_KEY);
		hire(0, MATE, MATE_KEY);
		test();
	});
}

/// Blocks, a minute apart, until nothing is left on the agenda for today (at most 20).
fn blocks() {
	for _ in 0..20 {
		next_block_after(60_000);
		let today = Wages::day_of(Now::get());
		if Agenda::<Test>::iter_key_prefix(today).next().is_none() {
			return;
		}
	}
}

// --- Review period ---

#[test]
fn the_review_period_is_set_by_vote() {
	run(|| {
		assert_eq!(Wages::review_period(), 3 * DAY);
		assert_noop!(Wages::set_review_period(signed(BUREAU), DAY), BadOrigin);
		assert_noop!(Wages::set_review_period(RuntimeOrigin::root(), 0), Error::<Test>::BadPeriod);
		assert_ok!(Wages::set_review_period(RuntimeOrigin::root(), DAY));
		assert_eq!(Wages::review_period(), DAY);
		assert_eq!(last_event(), Event::ReviewPeriodSet { period: DAY });
	});
}

// --- Projects ---

#[test]
fn a_bureau_registers_a_project() {
	build_and_execute(|| {
		assert_ok!(register(10));
		assert_eq!(
			last_event(),
			Event::ProjectRegistered {
				project: 0,
				bureau: BUREAU_AGENCY,
				developer: DEVELOPER,
				contractor: CONTRACTOR,
				budget: 1_000_000,
				wage_share: Percent::from_percent(30),
				pay_day: 10,
			}
		);
		let p = project();
		assert_eq!(
			(p.status, p.workers, p.unpaid, p.books),
			(ProjectStatus::Active, 0, 0, Books::default())
		);
		assert_eq!(System::providers(&Wages::account_of(0)), 1, "the project account exists");
		assert_eq!(NextProjectId::<Test>::get(), 1);
	});
}

#[test]
fn registering_a_project_refuses_bad_input() {
	build_and_execute(|| {
		let reg = |who, d, c, budget, share: u8, day| {
			Wages::register_project(signed(who), d, c, budget, Percent::from_parts(share), day)
		};
		let (d, c) = (DEVELOPER, CONTRACTOR);
		assert_noop!(reg(CLERK, d, c, 1, 30, 10), DispatchError::Other("MissingCapability"));
		assert_noop!(reg(NOBODY, d, c, 1, 30, 10), DispatchError::Other("NotStaff"));
		assert_noop!(reg(BUREAU, GHOST, c, 1, 30, 10), Error::<Test>::UnknownAlias);
		assert_noop!(reg(BUREAU, d, WORKER, 1, 30, 10), Error::<Test>::NotLegalPerson);
		assert_noop!(reg(BUREAU, d, d, 1, 30, 10), Error::<Test>::SameParty);
		assert_noop!(reg(BUREAU, d, c, 0, 30, 10), Error::<Test>::ZeroAmount);
		assert_noop!(reg(BUREAU, d, c, 1, 0, 10), Error::<Test>::BadWageShare);
		assert_noop!(reg(BUREAU, d, c, 1, 30, 0), Error::<Test>::BadPayDay);
		assert_noop!(reg(BUREAU, d, c, 1, 30, 29), Error::<Test>::BadPayDay);
		end(CONTRACTOR);
		assert_noop!(reg(BUREAU, d, c, 1, 30, 10), Error::<Test>::UnknownAlias);
	});
}

// --- Escrow ---

#[test]
fn the_developer_deposits_into_the_escrow_held_on_the_project_account() {
	run(|| {
		assert_ok!(Wages::deposit(signed(DEVELOPER_KEY), 0, 1_000_000));
		assert_eq!(last_event(), Event::Deposited { project: 0, amount: 1_000_000, to_reserve: 0 });
		assert_eq!(free(DEVELOPER_KEY), ENDOWED - 1_000_000);
		assert_eq!(Wages::held(0), 1_000_000);
		assert_eq!(free(Wages::account_of(0)), 0, "no loose balance");
		let b = project().books;
		assert_eq!((b.deposited, b.escrow, b.reserve), (1_000_000, 1_000_000, 0));
	});
}

#[test]
fn deposits_refuse_bad_input() {
	run(|| {
		assert_noop!(Wages::deposit(signed(DEVELOPER_KEY), 9, 1), Error::<Test>::UnknownProject);
		assert_noop!(Wages::deposit(signed(CONTRACTOR_KEY), 0, 1), Error::<Test>::NotDeveloper);
		assert_noop!(Wages::deposit(signed(NOBODY), 0, 1), Error::<Test>::NoAlias);
		assert_noop!(Wages::deposit(signed(DEVELOPER_KEY), 0, 0), Error::<Test>::ZeroAmount);
		assert_noop!(
			Wages::deposit(signed(DEVELOPER_KEY), 0, ENDOWED + 1),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn a_milestone_pays_the_contractor_and_keeps_the_wage_share_back() {
	run(|| {
		assert_ok!(Wages::deposit(signed(DEVELOPER_KEY), 0, 1_000_000));
		// 30 % of 100 001, rounded up for the workers: 30 001.
		assert_ok!(Wages::release_milestone(signed(BUREAU), 0, 100_001, H256::repeat_byte(7)));
		assert_eq!(
			last_event(),
			Event::MilestoneReleased {
				project: 0,
				amount: 100_001,
				to_contractor: 70_000,
				to_reserve: 30_001,
				document: H256::repeat_byte(7),
			}
		);
		assert_eq!(free(CONTRACTOR_KEY), 1 + 70_000);
		let b = project().books;
		assert_eq!(
			(b.escrow, b.reserve, b.released, b.milestones),
			(899_999, 30_001, 70_000, 100_001)
		);
		assert_eq!(Wages::held(0), 899_999 + 30_001);
	});
}

#[test]
fn milestones_refuse_bad_input() {
	run(|| {
		assert_ok!(Wages::deposit(signed(DEVELOPER_KEY), 0, 500_000));
		let release = |who, amount| Wages::release_milestone(signed(who), 0, amount, H256::zero());
		assert_noop!(release(OTHER_BUREAU, 1), Error::<Test>::NotTheBureau);
		assert_noop!(release(CLERK, 1), DispatchError::Other("MissingCapability"));
		assert_noop!(release(BUREAU, 0), Error::<Test>::ZeroAmount);
		assert_noop!(release(BUREAU, 500_001), Error::<Test>::InsufficientEscrow);
		assert_ok!(Wages::deposit(signed(DEVELOPER_KEY), 0, 600_000));
		assert_noop!(release(BUREAU, 1_000_001), Error::<Test>::OverBudget);
		assert_ok!(release(BUREAU, 1_000_000));
		assert_noop!(release(BUREAU, 1), Error::<Test>::OverBudget);
		assert_noop!(
			Wages::release_milestone(signed(BUREAU), 9, 1, H256::zero()),
			Error::<Test>::UnknownProject
		);
	});
}

// --- Roster ---

#[test]
fn the_contractor_offers_places_and_workers_accept_them() {
	run(|| {
		assert_eq!(project().workers, 2);
		assert_eq!(Roster::<Test>::get(0, WORKER), Some(Place::Accepted));
		assert_eq!(ProjectsOfWorker::<Test>::get(WORKER).into_inner(), vec![0]);
		assert_ok!(Wages::remove_worker(signed(CONTRACTOR_KEY), 0, WORKER));
		assert_eq!(last_event(), Event::WorkerRemoved { project: 0, worker: WORKER });
		assert_eq!(project().workers, 1);
		assert!(!ProjectsOfWorker::<Test>::contains_key(WORKER));
		assert_ok!(Wages::add_worker(signed(CONTRACTOR_KEY), 0, WORKER));
		assert_eq!(last_event(), Event::WorkerAdded { project: 0, worker: WORKER });
		assert_eq!(Roster::<Test>::get(0, WORKER), Some(Place::Offered));
		assert!(!ProjectsOfWorker::<Test>::contains_key(WORKER), "offered places do not count");
		assert_ok!(Wages::accept_place(signed(WORKER_KEY), 0));
		assert_eq!(last_event(), Event::PlaceAccepted { project: 0, worker: WORKER });
		assert_eq!(ProjectsOfWorker::<Test>::get(WORKER).into_inner(), vec![0]);
	});
}

#[test]
fn a_worker_leaves_a_roster_by_itself() {
	run(|| {
		assert_ok!(Wages::leave_roster(signed(WORKER_KEY), 0));
		assert_eq!(last_event(), Event::WorkerRemoved { project: 0, worker: WORKER });
		assert!(!Roster::<Test>::contains_key(0, WORKER));
		assert!(!ProjectsOfWorker::<Test>::contains_key(WORKER));
		assert_eq!(project().workers, 1);
		assert_noop!(Wages::leave_roster(signed(WORKER_KEY), 0), Error::<Test>::NotOnRoster);
		assert_noop!(Wages::leave_roster(signed(NOBODY), 0), Error::<Test>::NoAlias);
		assert_noop!(Wages::leave_roster(signed(MATE_KEY), 9), Error::<Test>::UnknownProject);
		// An offered place is declined the same way.
		assert_ok!(Wages::add_worker(signed(CONTRACTOR_KEY), 0, THIRD));
		assert_ok!(Wages::leave_roster(signed(THIRD_KEY), 0));
		assert_eq!(project().workers, 1);
	});
}

#[test]
fn the_roster_refuses_bad_input() {
	run(|| {
		let add = |who, worker| Wages::add_worker(signed(who), 0, worker);
		assert_noop!(add(DEVELOPER_KEY, THIRD), Error::<Test>::NotContractor);
		assert_noop!(add(NOBODY, THIRD), Error::<Test>::NoAlias);
		assert_noop!(add(WORKER_FUND_KEY, THIRD), Error::<Test>::NoAlias);
		assert_noop!(add(CONTRACTOR_KEY, GHOST), Error::<Test>::UnknownAlias);
		assert_noop!(add(CONTRACTOR_KEY, DEVELOPER), Error::<Test>::NotNaturalPerson);
		assert_noop!(add(CONTRACTOR_KEY, WORKER), Error::<Test>::AlreadyOnRoster);
		assert_ok!(add(CONTRACTOR_KEY, THIRD));
		assert_noop!(add(CONTRACTOR_KEY, FOURTH), Error::<Test>::RosterFull);
		assert_noop!(
			Wages::remove_worker(signed(CONTRACTOR_KEY), 0, FOURTH),
			Error::<Test>::NotOnRoster
		);
		assert_noop!(
			Wages::remove_worker(signed(WORKER_KEY), 0, WORKER),
			Error::<Test>::NotContractor
		);
		let accept = |who, project| Wages::accept_place(signed(who), project);
		assert_noop!(accept(NOBODY, 0), Error::<Test>::NoAlias);
		assert_noop!(accept(FOURTH_KEY, 0), Error::<Test>::NotOnRoster);
		assert_noop!(accept(WORKER_KEY, 0), Error::<Test>::AlreadyAccepted);
		assert_noop!(accept(THIRD_KEY, 9), Error::<Test>::UnknownProject);
	});
}

#[test]
fn a_stranger_contractor_cannot_fill_a_workers_projects() {
	run(|| {
		// Two more projects offer WORKER places it never accepts: its count is untouched.
		assert_ok!(register(10));
		assert_ok!(register(10));
		assert_ok!(Wages::add_worker(signed(CONTRACTOR_KEY), 1, WORKER));
		assert_ok!(Wages::add_worker(signed(CONTRACTOR_KEY), 2, WORKER));
		assert_eq!(ProjectsOfWorker::<Test>::get(WORKER).into_inner(), vec![0]);
		// WORKER accepts project 1: two projects, the most it may hold; a third is refused.
		assert_ok!(Wages::accept_place(signed(WORKER_KEY), 1));
		assert_noop!(Wages::accept_place(signed(WORKER_KEY), 2), Error::<Test>::TooManyProjects);
		// Leaving one frees a slot.
		assert_ok!(Wages::leave_roster(signed(WORKER_KEY), 0));
		assert_ok!(Wages::accept_place(signed(WORKER_KEY), 2));
		assert_eq!(ProjectsOfWorker::<Test>::get(WORKER).into_inner(), vec![1, 2]);
	});
}

// --- Payrolls ---

#[test]
fn the_contractor_submits_a_payroll_for_review() {
	run(|| {
		october();
		let review_until = NOV_15_2026 + 3 * DAY;
		let due = NOV_15_2026 - 5 * DAY; // 10 November
		assert_eq!(
			last_event(),
			Event::PayrollSubmitted {
				project: 0,
				month: OCTOBER,
				lines: 2,
				total: 9_000,
				review_until,
				due
			}
		);
		let p = payroll(OCTOBER);
		assert_eq!((p.status, p.lines, p.total, p.next), (PayrollStatus::Submitted, 2, 9_000, 0));
		assert_eq!(PayLines::<Test>::get((0, OCTOBER), 1).map(|l| l.worker), Some(MATE));
		assert!(Agenda::<Test>::contains_key(Wages::day_of(review_until), (0, OCTOBER)));
		assert_eq!(project().unpaid, 1);
	});
}

#[test]
fn payrolls_refuse_bad_input() {
	run(|| {
		assert_noop!(submit(202613, vec![line(WORKER, 1)]), Error::<Test>::BadMonth);
		assert_noop!(submit(202612, vec![line(WORKER, 1)]), Error::<Test>::FutureMonth);
		assert_noop!(submit(OCTOBER, vec![]), Error::<Test>::EmptyPayroll);
		assert_noop!(
			submit(OCTOBER, vec![line(WORKER, 1), line(THIRD, 1)]),
			Error::<Test>::LineNotOnRoster { line: 1 }
		);
		assert_noop!(
			submit(OCTOBER, vec![line(WORKER, 1), line(MATE, 1), line(WORKER, 1)]),
			Error::<Test>::LineDuplicate { line: 2 }
		);
		assert_noop!(
			submit(OCTOBER, vec![PayrollLine { worker: WORKER, days: 0, amount: 1 }]),
			Error::<Test>::LineBadDays { line: 0 }
		);
		assert_noop!(
			submit(OCTOBER, vec![PayrollLine { worker: WORKER, days: 32, amount: 1 }]),
			Error::<Test>::LineBadDays { line: 0 }
		);
		assert_noop!(
			submit(OCTOBER, vec![line(WORKER, 1), line(MATE, 0)]),
			Error::<Test>::LineBelowMinimum { line: 1 }
		);
		assert_noop!(
			submit(OCTOBER, vec![line(WORKER, u128::MAX), line(MATE, 1)]),
			Error::<Test>::Overflow
		);
		assert_noop!(
			Wages::submit_payroll(signed(WORKER_KEY), 0, OCTOBER, lines(vec![line(WORKER, 1)])),
			Error::<Test>::NotContractor
		);
		october();
		assert_noop!(submit(OCTOBER, vec![line(WORKER, 1)]), Error::<Test>::PayrollExists);
		assert_ok!(submit(202609, vec![line(WORKER, 1)]));
		assert_ok!(submit(202608, vec![line(WORKER, 1)]));
		assert_noop!(submit(202607, vec![line(WORKER, 1)]), Error::<Test>::TooManyUnpaid);
	});
}

#[test]
fn a_worker_disputes_their_line_during_the_review() {
	run(|| {
		october();
		let dispute =
			|who, line| Wages::dispute_line(signed(who), 0, OCTOBER, line, H256::repeat_byte(9));
		assert_noop!(dispute(WORKER_KEY, 1), Error::<Test>::NotYourLine);
		assert_noop!(dispute(WORKER_KEY, 2), Error::<Test>::UnknownLine);
		assert_noop!(
			Wages::dispute_line(signed(WORKER_KEY), 0, NOVEMBER, 0, H256::zero()),
			Error::<Test>::UnknownPayroll
		);
		assert_ok!(dispute(WORKER_KEY, 0));
		assert_eq!(
			last_event(),
			Event::LineDisputed {
				project: 0,
				month: OCTOBER,
				line: 0,
				worker: WORKER,
				reason: H256::repeat_byte(9)
			}
		);
		assert_noop!(dispute(WORKER_KEY, 0), Error::<Test>::AlreadyDisputed);
		assert_eq!(payroll(OCTOBER).disputes, 1);
		Now::set(&(NOV_15_2026 + 3 * DAY));
		assert_noop!(dispute(MATE_KEY, 1), Error::<Test>::ReviewOver);
		assert_ok!(Wages::approve_payroll(signed(BUREAU), 0, OCTOBER));
		assert_noop!(dispute(MATE_KEY, 1), Error::<Test>::NotUnderReview);
	});
}

#[test]
fn an_approved_payroll_is_paid_at_the_next_block_with_no_transaction() {
	run(|| {
		funded();
		october();
		assert_ok!(Wages::approve_payroll(signed(BUREAU), 0, OCTOBER));
		assert_eq!(
			last_event(),
			Event::PayrollApproved { project: 0, month: OCTOBER, auto: false }
		);
		let (w, m) = (free(WORKER_KEY), free(MATE_KEY));
		next_block_after(6_000);
		assert_eq!(free(WORKER_KEY), w + WAGE);
		assert_eq!(free(MATE_KEY), m + MATE_WAGE);
		assert_eq!(
			wage_events()[wage_events().len() - 3..],
			[
				Event::WagePaid {
					project: 0,
					month: OCTOBER,
					worker: WORKER,
					account: WORKER_KEY,
					amount: WAGE
				},
				Event::WagePaid {
					project: 0,
					month: OCTOBER,
					worker: MATE,
					account: MATE_KEY,
					amount: MATE_WAGE
				},
				Event::PayrollPaid { project: 0, month: OCTOBER, total: 9_000 },
			]
		);
		assert_eq!(payroll(OCTOBER).status, PayrollStatus::Paid);
		assert_eq!(
			Payments::<Test>::get(WORKER, (0, OCTOBER)),
			Some(WagePayment { amount: WAGE, account: WORKER_KEY, paid_at: NOV_15_2026 + 6_000 })
		);
		let b = project().books;
		assert_eq!((b.reserve, b.paying, b.paid), (30_000 - 9_000, 0, 9_000));
		assert_eq!(project().unpaid, 0);
		// Nothing is paid twice, however many blocks pass.
		next_block_after(6_000);
		assert_eq!(free(WORKER_KEY), w + WAGE);
	});
}

#[test]
fn an_undisputed_payroll_is_approved_by_itself_when_the_review_ends() {
	run(|| {
		funded();
		october();
		next_block_after(DAY);
		assert_eq!(payroll(OCTOBER).status, PayrollStatus::Submitted, "still under review");
		let w = free(WORKER_KEY);
		next_block_after(2 * DAY);
		assert!(wage_events().contains(&Event::PayrollApproved {
			project: 0,
			month: OCTOBER,
			auto: true
		}));
		assert_eq!(payroll(OCTOBER).status, PayrollStatus::Paid, "10 November has passed");
		assert_eq!(free(WORKER_KEY), w + WAGE);
	});
}

#[test]
fn a_disputed_payroll_waits_for_the_bureau() {
	run(|| {
		funded();
		october();
		assert_ok!(Wages::dispute_line(signed(MATE_KEY), 0, OCTOBER, 1, H256::zero()));
		next_block_after(3 * DAY);
		assert_eq!(last_event(), Event::AwaitingBureau { project: 0, month: OCTOBER, disputes: 1 });
		assert_eq!(payroll(OCTOBER).status, PayrollStatus::Submitted);
		assert!(Agenda::<Test>::iter().next().is_none());
		next_block_after(DAY);
		assert_eq!(payroll(OCTOBER).status, PayrollStatus::Submitted, "nothing happens by itself");
		assert_ok!(Wages::approve_payroll(signed(BUREAU), 0, OCTOBER));
		next_block_after(6_000);
		assert_eq!(payroll(OCTOBER).status, PayrollStatus::Paid);
	});
}

#[test]
fn the_bureau_rejects_a_payroll_and_the_contractor_submits_it_again() {
	run(|| {
		october();
		assert_noop!(
			Wages::reject_payroll(signed(OTHER_BUREAU), 0, OCTOBER, H256::zero()),
			Error::<Test>::NotTheBureau
		);
		assert_noop!(
			Wages::approve_payroll(signed(OTHER_BUREAU), 0, OCTOBER),
			Error::<Test>::NotTheBureau
		);
		assert_noop!(
			Wages::approve_payroll(signed(BUREAU), 0, NOVEMBER),
			Error::<Test>::UnknownPayroll
		);
		assert_ok!(Wages::reject_payroll(signed(BUREAU), 0, OCTOBER, H256::repeat_byte(4)));
		assert_eq!(
			last_event(),
			Event::PayrollRejected { project: 0, month: OCTOBER, reason: H256::repeat_byte(4) }
		);
		assert!(!Payrolls::<Test>::contains_key(0, OCTOBER));
		assert_eq!(PayLines::<Test>::iter_prefix((0, OCTOBER)).count(), 0);
		assert_eq!(project().unpaid, 0);
		assert_ok!(submit(OCTOBER, vec![line(WORKER, WAGE)]));
		assert_ok!(Wages::approve_payroll(signed(BUREAU), 0, OCTOBER));
		assert_noop!(
			Wages::reject_payroll(signed(BUREAU), 0, OCTOBER, H256::zero()),
			Error::<Test>::NotUnderReview
		);
	});
}

#[test]
fn a_payroll_is_paid_on_its_pay_day_not_before() {
	run(|| {
		funded();
		assert_ok!(submit(NOVEMBER, vec![line(WORKER, WAGE)]));
		assert_ok!(Wages::approve_payroll(signed(BUREAU), 0, NOVEMBER));
		let w = free(WORKER_KEY);
		// 15 November to 9 December: nothing.
		for _ in 0..24 {
			next_block_after(DAY);
		}
		assert_eq!(free(WORKER_KEY), w);
		assert_eq!(payroll(NOVEMBER).status, PayrollStatus::Approved { auto: false });
		// 10 December.
		next_block_after(DAY);
		assert_eq!(free(WORKER_KEY), w + WAGE);
		assert_eq!(Payments::<Test>::get(WORKER, (0, NOVEMBER)).unwrap().paid_at, Now::get());
	});
}

#[test]
fn the_agenda_catches_up_after_days_without_blocks() {
	run(|| {
		funded();
		assert_ok!(submit(NOVEMBER, vec![line(WORKER, WAGE)]));
		let w = free(WORKER_KEY);
		// No block from 15 November to 1 January: the review ended and the pay day passed.
		next_block_after(47 * DAY);
		assert_eq!(free(WORKER_KEY), w + WAGE);
		assert_eq!(AgendaDay::<Test>::get(), Some(Wages::day_of(Now::get())));
	});
}

#[test]
fn many_workers_are_paid_in_chunks_across_blocks_in_order() {
	run(|| {
		funded();
		hire(0, THIRD, THIRD_KEY);
		assert_ok!(submit(
			OCTOBER,
			vec![line(WORKER, WAGE), line(MATE, MATE_WAGE), line(THIRD, 3_000)]
		));
		assert_ok!(Wages::approve_payroll(signed(BUREAU), 0, OCTOBER));
		// The budget pays two lines a block: WORKER and MATE, then THIRD.
		next_block_after(6_000);
		let p = payroll(OCTOBER);
		assert_eq!((p.status, p.next, p.settled), (PayrollStatus::Paying, 2, 9_000));
		assert_eq!(project().books.paying, 3_000, "THIRD's wage is set aside");
		assert!(Payments::<Test>::contains_key(MATE, (0, OCTOBER)));
		assert!(!Payments::<Test>::contains_key(THIRD, (0, OCTOBER)));
		next_block_after(6_000);
		assert_eq!(payroll(OCTOBER).status, PayrollStatus::Paid);
		assert_eq!(free(THIRD_KEY), 3_000);
		let paid: Vec<Alias> = wage_events()
			.into_iter()
			.filter_map(|e| match e {
				Event::WagePaid { worker, .. } => Some(worker),
				_ => None,
			})
			.collect();
		assert_eq!(paid, vec![WORKER, MATE, THIRD], "each once, in order");
	});
}

#[test]
fn a_short_reserve_raises_arrears_and_blocks_milestones_until_the_top_up() {
	run(|| {
		// A milestone of 20 000 keeps 6 000 back: 3 000 short of October's 9 000.
		assert_ok!(Wages::deposit(signed(DEVELOPER_KEY), 0, 20_000));
		assert_ok!(Wages::release_milestone(signed(BUREAU), 0, 20_000, H256::zero()));
		october();
		assert_ok!(Wages::approve_payroll(signed(BUREAU), 0, OCTOBER));
		let (w, m) = (free(WORKER_KEY), free(MATE_KEY));
		next_block_after(6_000);
		assert_eq!(
			last_event(),
			Event::ArrearsDetected { project: 0, month: OCTOBER, shortfall: 3_000 }
		);
		assert_eq!((free(WORKER_KEY), free(MATE_KEY)), (w, m), "nothing partial");
		assert_eq!(Wages::projects_in_arrears(BUREAU_AGENCY), vec![(0, OCTOBER, 3_000)]);
		assert_eq!(Wages::project(0).unwrap().arrears, Some((OCTOBER, 3_000)));
		// No milestone for the contractor meanwhile.
		assert_ok!(Wages::deposit(signed(DEVELOPER_KEY), 0, 1_000));
		assert_eq!(last_event(), Event::Deposited { project: 0, amount: 1_000, to_reserve: 1_000 });
		assert_noop!(
			Wages::release_milestone(signed(BUREAU), 0, 1, H256::zero()),
			Error::<Test>::InArrears
		);
		next_block_after(6_000);
		assert_eq!(free(WORKER_KEY), w, "still 2 000 short");
		assert_eq!(Wages::project(0).unwrap().arrears, Some((OCTOBER, 2_000)));
		// The top-up covers it: the payroll is paid in full at the next block.
		assert_ok!(Wages::deposit(signed(DEVELOPER_KEY), 0, 50_000));
		assert!(wage_events().contains(&Event::ArrearsCleared { project: 0 }));
		assert_eq!(
			last_event(),
			Event::Deposited { project: 0, amount: 50_000, to_reserve: 2_000 }
		);
		assert!(Wages::projects_in_arrears(BUREAU_AGENCY).is_empty());
		next_block_after(6_000);
		assert_eq!((free(WORKER_KEY), free(MATE_KEY)), (w + WAGE, m + MATE_WAGE));
		assert_eq!(project().books.escrow, 48_000);
		assert_ok!(Wages::release_milestone(signed(BUREAU), 0, 10_000, H256::zero()));
	});
}

#[test]
fn payrolls_falling_due_in_arrears_are_parked_with_the_first() {
	run(|| {
		october();
		assert_ok!(submit(202609, vec![line(WORKER, 1_000)]));
		assert_ok!(Wages::approve_payroll(signed(BUREAU), 0, OCTOBER));
		assert_ok!(Wages::approve_payroll(signed(BUREAU), 0, 202609));
		next_block_after(6_000);
		assert_eq!(Parked::<Test>::iter_prefix(0).count(), 2);
		assert_eq!(
			InArrears::<Test>::get(BUREAU_AGENCY, 0),
			Some(Arrears { since: 202609, owed: 10_000 })
		);
		assert_ok!(Wages::deposit(signed(DEVELOPER_KEY), 0, 10_000));
		assert_eq!(project().books.reserve, 10_000);
		blocks();
		assert_eq!(payroll(OCTOBER).status, PayrollStatus::Paid);
		assert_eq!(payroll(202609).status, PayrollStatus::Paid);
		assert_eq!(free(WORKER_KEY), WAGE + 1_000);
	});
}

#[test]
fn closing_returns_the_unused_escrow_to_the_developer() {
	run(|| {
		funded();
		october();
		assert_noop!(Wages::close_project(signed(BUREAU), 0), Error::<Test>::UnpaidPayrolls);
		assert_ok!(Wages::approve_payroll(signed(BUREAU), 0, OCTOBER));
		next_block_after(6_000);
		assert_noop!(Wages::close_project(signed(OTHER_BUREAU), 0), Error::<Test>::NotTheBureau);
		let before = free(DEVELOPER_KEY);
		assert_ok!(Wages::close_project(signed(BUREAU), 0));
		// 900 000 escrow and 21 000 reserve left.
		assert_eq!(last_event(), Event::ProjectClosed { project: 0, refunded: 921_000 });
		assert_eq!(free(DEVELOPER_KEY), before + 921_000);
		assert_eq!(Wages::held(0), 0);
		let p = project();
		assert_eq!((p.status, p.workers), (ProjectStatus::Closed, 0));
		assert!(!ProjectsOfWorker::<Test>::contains_key(WORKER));
		let b = p.books;
		assert_eq!(
			(b.deposited, b.released, b.paid, b.refunded),
			(1_000_000, 70_000, 9_000, 921_000)
		);
		assert_noop!(Wages::deposit(signed(DEVELOPER_KEY), 0, 1), Error::<Test>::ProjectClosed);
		assert_noop!(Wages::close_project(signed(BUREAU), 0), Error::<Test>::ProjectClosed);
		assert_noop!(submit(NOVEMBER, vec![line(WORKER, 1)]), Error::<Test>::ProjectClosed);
	});
}

#[test]
fn wages_go_to_the_alias_account_current_on_pay_day() {
	run(|| {
		funded();
		october();
		assert_ok!(Wages::approve_payroll(signed(BUREAU), 0, OCTOBER));
		// WORKER's binding rotates to a new key before pay day (its old key was stolen, say).
		rebind(WORKER, 31);
		next_block_after(6_000);
		assert_eq!(free(31), WAGE, "the current key");
		assert_eq!(free(WORKER_KEY), 0, "never the stale one");
		assert_eq!(Payments::<Test>::get(WORKER, (0, OCTOBER)).map(|p| p.account), Some(31));
		// Milestones and the refund follow the companies' current keys the same way.
		rebind(CONTRACTOR, 32);
		assert_ok!(Wages::release_milestone(signed(BUREAU), 0, 10_000, H256::zero()));
		assert_eq!(free(32), 7_000);
		rebind(DEVELOPER, 33);
		assert_ok!(Wages::close_project(signed(BUREAU), 0));
		assert_eq!(free(33), 1_000_000 - 110_000 + 33_000 - 9_000);
	});
}

#[test]
fn a_wage_whose_worker_had_no_live_account_is_kept_until_claimed() {
	run(|| {
		funded();
		october();
		assert_ok!(Wages::approve_payroll(signed(BUREAU), 0, OCTOBER));
		// MATE's alias ended before pay day (its ring was revised and it did not bind again).
		end(MATE);
		next_block_after(6_000);
		assert_eq!(free(MATE_KEY), 0);
		assert!(wage_events().contains(&Event::WagePaymentFailed {
			project: 0,
			month: OCTOBER,
			worker: MATE,
			amount: MATE_WAGE
		}));
		let b = project().books;
		assert_eq!((b.reserve, b.unclaimed, b.paid), (30_000 - 9_000, MATE_WAGE, WAGE));
		assert_eq!(payroll(OCTOBER).status, PayrollStatus::Paid);
		// Nobody else claims it; closing the project leaves it held.
		assert_noop!(
			Wages::claim_wage(signed(WORKER_KEY), 0, OCTOBER, 1),
			Error::<Test>::NotYourLine
		);
		assert_noop!(
			Wages::claim_wage(signed(WORKER_KEY), 0, OCTOBER, 0),
			Error::<Test>::NothingToClaim
		);
		assert_noop!(Wages::claim_wage(signed(MATE_KEY), 0, OCTOBER, 1), Error::<Test>::NoAlias);
		assert_noop!(
			Wages::claim_wage(signed(WORKER_KEY), 0, OCTOBER, 7),
			Error::<Test>::UnknownLine
		);
		assert_ok!(Wages::close_project(signed(BUREAU), 0));
		assert_eq!(Wages::held(0), MATE_WAGE);
		// MATE binds again, to a new account, and claims it.
		Inactive::set(&vec![]);
		rebind(MATE, 34);
		assert_ok!(Wages::claim_wage(signed(34), 0, OCTOBER, 1));
		assert_eq!(
			last_event(),
			Event::WagePaid {
				project: 0,
				month: OCTOBER,
				worker: MATE,
				account: 34,
				amount: MATE_WAGE
			}
		);
		assert_eq!(free(34), MATE_WAGE);
		assert_eq!(Wages::held(0), 0);
		assert_eq!(project().books.unclaimed, 0);
		assert_noop!(Wages::claim_wage(signed(34), 0, OCTOBER, 1), Error::<Test>::NothingToClaim);
	});
}

#[test]
fn money_waits_while_a_company_has_no_live_account() {
	run(|| {
		assert_ok!(Wages::deposit(signed(DEVELOPER_KEY), 0, 100_000));
		end(CONTRACTOR);
		assert_noop!(
			Wages::release_milestone(signed(BUREAU), 0, 10_000, H256::zero()),
			Error::<Test>::ContractorGone
		);
		end(DEVELOPER);
		assert_noop!(Wages::close_project(signed(BUREAU), 0), Error::<Test>::DeveloperGone);
	});
}

#[test]
fn a_payroll_names_only_accepted_places() {
	run(|| {
		assert_ok!(Wages::add_worker(signed(CONTRACTOR_KEY), 0, THIRD));
		assert_noop!(
			submit(OCTOBER, vec![line(WORKER, 1), line(THIRD, 1)]),
			Error::<Test>::LineNotAccepted { line: 1 }
		);
	});
}

#[test]
fn the_project_view_shows_where_the_money_is() {
	run(|| {
		funded();
		october();
		assert_ok!(Wages::approve_payroll(signed(BUREAU), 0, OCTOBER));
		blocks();
		let s = Wages::project(0).unwrap();
		assert_eq!(
			s,
			EscrowStatus {
				status: ProjectStatus::Active,
				bureau: BUREAU_AGENCY,
				budget: 1_000_000,
				books: Books {
					deposited: 1_000_000,
					escrow: 900_000,
					reserve: 21_000,
					paying: 0,
					unclaimed: 0,
					released: 70_000,
					paid: 9_000,
					refunded: 0,
					milestones: 100_000,
				},
				workers: 2,
				unpaid: 0,
				arrears: None,
			}
		);
		assert_eq!(Wages::project(9), None);
	});
}

#[test]
fn the_pay_day_budget_bounds_each_block() {
	run(|| {
		funded();
		october();
		assert_ok!(Wages::approve_payroll(signed(BUREAU), 0, OCTOBER));
		// A block with room for the agenda's base and a visit only pays nobody, and loses
		// nothing: the next block pays.
		let mut meter = frame_support::weights::WeightMeter::with_limit(
			frame_support::weights::Weight::from_parts(2_000, 0),
		);
		Wages::work_agenda(&mut meter);
		assert_eq!(meter.consumed(), frame_support::weights::Weight::from_parts(2_000, 0));
		assert_eq!(payroll(OCTOBER).next, 0);
		Wages::do_try_state().unwrap();
		next_block_after(6_000);
		assert_eq!(payroll(OCTOBER).status, PayrollStatus::Paid);
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::Escrow.into(), &Wages::account_of(0)),
			921_000
		);
	});
}

#[test]
fn a_failed_payment_is_kept_as_unclaimed_and_loses_nothing() {
	run(|| {
		funded();
		october();
		assert_ok!(Wages::approve_payroll(signed(BUREAU), 0, OCTOBER));
		// The existential deposit rises above MATE's wage (an upgrade could do it): MATE's key,
		// which holds nothing, cannot receive 4 000.
		ExistentialDeposit::set(&(MATE_WAGE + 1));
		next_block_after(6_000);
		assert_eq!(free(WORKER_KEY), WAGE);
		assert_eq!(free(MATE_KEY), 0);
		assert!(wage_events().contains(&Event::WagePaymentFailed {
			project: 0,
			month: OCTOBER,
			worker: MATE,
			amount: MATE_WAGE
		}));
		assert!(PayLines::<Test>::get((0, OCTOBER), 1).unwrap().failed);
		let (p, b) = (payroll(OCTOBER), project().books);
		assert_eq!((p.status, p.settled), (PayrollStatus::Paid, 9_000));
		assert_eq!(
			(b.reserve, b.paying, b.unclaimed, b.paid),
			(30_000 - 9_000, 0, MATE_WAGE, WAGE)
		);
		assert!(!Payments::<Test>::contains_key(MATE, (0, OCTOBER)));
		// Once the deposit is back down, MATE claims it.
		ExistentialDeposit::set(&1);
		assert_ok!(Wages::claim_wage(signed(MATE_KEY), 0, OCTOBER, 1));
		assert_eq!(free(MATE_KEY), MATE_WAGE);
		assert!(!PayLines::<Test>::get((0, OCTOBER), 1).unwrap().failed);
	});
}
