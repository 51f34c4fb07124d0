//! Unit tests: one behaviour per test; every error with `assert_noop!`, every success with its
//! effects; `run` checks the invariants after each test.

use crate::{mock::*, *};
use civitas_primitives::{month_of, Alias, Purpose, Scope, SubjectKind};
use frame_support::weights::Weight;
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use sp_runtime::{traits::BadOrigin, DispatchError, TokenError};

fn rules() -> Rules {
	Rules { min_rate: 500, max_rate: 1200, base_ceiling: 30_000 }
}

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn month() -> Month {
	month_of(Now::get())
}

fn last_event() -> Event<Test> {
	fund_events().pop().expect("an event")
}

/// The balance held on a fund alias's purse.
fn held(person: Alias) -> Balance {
	Balances::balance_on_hold(&HoldReason::Fund.into(), &Fund::purse_of(&person))
}

/// WORKER has this month paid into account 0 at A.
fn paid() {
	assert_ok!(pay(FIRM_KEY, month(), vec![line(WORKER, 10_000)]));
}

fn line(employee: Alias, base: Amount) -> ContributionLine {
	ContributionLine { employee, base, employee_rate: 800, employer_rate: 1200 }
}

fn lines(l: Vec<ContributionLine>) -> LinesOf<Test> {
	l.try_into().unwrap()
}

fn pay(employer: AccountId, month: Month, l: Vec<ContributionLine>) -> DispatchResult {
	Fund::contribute(signed(employer), month, lines(l))
}

/// `who` withdraws `amount` from account 0 to `to`.
fn take(
	who: AccountId,
	amount: Amount,
	purpose: WithdrawalPurpose,
	to: AccountId,
) -> DispatchResult {
	Fund::withdraw(signed(who), 0, amount, purpose, H256::repeat_byte(1), to)
}

fn account(id: FundAccountId) -> FundAccount {
	Accounts::<Test>::get(id).unwrap()
}

/// Centres in cities A and B; FIRM registered with A; WORKER's account (0) open at A; WORKER
/// employed by FIRM from this month.
fn run(test: impl FnOnce()) {
	build_and_execute(|| {
		assert_ok!(Fund::set_centre(RuntimeOrigin::root(), AGENCY_A, CITY_A, rules()));
		assert_ok!(Fund::set_centre(RuntimeOrigin::root(), AGENCY_B, CITY_B, rules()));
		assert_ok!(Fund::register_employer(signed(CENTRE_A), FIRM));
		open(CENTRE_A, AGENCY_A, WORKER, WORKER_KEY);
		assert_ok!(Fund::declare_employee(signed(FIRM_KEY), AGENCY_A, WORKER, month()));
		assert_ok!(Fund::accept_employment(signed(WORKER_KEY), FIRM));
		test();
	});
}

/// `holder` (its alias account `key`) asks `centre` (staff `staff`) for an account, which opens
/// it.
fn open(staff: AccountId, centre: AgencyId, holder: Alias, key: AccountId) {
	assert_ok!(Fund::request_account(signed(key), centre));
	assert_ok!(Fund::open_account(signed(staff), holder));
}

/// MATE gets an account at A and a job at FIRM from this month.
fn hire_mate() {
	open(CENTRE_A, AGENCY_A, MATE, MATE_KEY);
	assert_ok!(Fund::declare_employee(signed(FIRM_KEY), AGENCY_A, MATE, month()));
	assert_ok!(Fund::accept_employment(signed(MATE_KEY), FIRM));
}

mod centres {
	use super::*;

	#[test]
	fn set_centre_should_work() {
		build_and_execute(|| {
			assert_ok!(Fund::set_centre(RuntimeOrigin::root(), AGENCY_A, CITY_A, rules()));
			assert_eq!(
				Centres::<Test>::get(AGENCY_A),
				Some(Centre { city: CITY_A, rules: rules() })
			);
			assert_eq!(CentreOfCity::<Test>::get(CITY_A), Some(AGENCY_A));
			assert_eq!(
				last_event(),
				Event::CentreSet { agency: AGENCY_A, city: CITY_A, rules: rules() }
			);
			// New rules, same city.
			let wider = Rules { max_rate: 1500, ..rules() };
			assert_ok!(Fund::set_centre(RuntimeOrigin::root(), AGENCY_A, CITY_A, wider));
			assert_eq!(Centres::<Test>::get(AGENCY_A).unwrap().rules, wider);
			assert_eq!(CentreCount::<Test>::get(), 1);
		});
	}

	#[test]
	fn set_centre_fails_for_bad_agencies_rules_or_cities() {
		build_and_execute(|| {
			let set =
				|agency, city, rules| Fund::set_centre(RuntimeOrigin::root(), agency, city, rules);
			assert_noop!(Fund::set_centre(signed(CENTRE_A), AGENCY_A, CITY_A, rules()), BadOrigin);
			assert_noop!(set(BANK_AGENCY, CITY_A, rules()), Error::<Test>::NotAFundAgency);
			for bad in [
				Rules { min_rate: 1300, ..rules() },
				Rules { max_rate: 10_001, ..rules() },
				Rules { base_ceiling: 0, ..rules() },
			] {
				assert_noop!(set(AGENCY_A, CITY_A, bad), Error::<Test>::BadRules);
			}
			assert_ok!(set(AGENCY_A, CITY_A, rules()));
			assert_noop!(set(AGENCY_B, CITY_A, rules()), Error::<Test>::CityTaken);
			assert_noop!(set(AGENCY_A, CITY_B, rules()), Error::<Test>::CityFixed);
			assert_ok!(set(AGENCY_B, CITY_B, rules()));
			assert_ok!(set(SPARE_AGENCY, 1, rules()));
			assert_noop!(set(EXTRA_AGENCY, 2, rules()), Error::<Test>::TooManyCentres);
		});
	}

	#[test]
	fn set_transfer_deadline_should_work() {
		build_and_execute(|| {
			assert_noop!(Fund::set_transfer_deadline(signed(CENTRE_A), DAY), BadOrigin);
			assert_noop!(
				Fund::set_transfer_deadline(RuntimeOrigin::root(), 0),
				Error::<Test>::BadDeadline
			);
			assert_ok!(Fund::set_transfer_deadline(RuntimeOrigin::root(), 3 * DAY));
			assert_eq!(TransferDeadline::<Test>::get(), 3 * DAY);
			assert_eq!(last_event(), Event::TransferDeadlineSet { deadline: 3 * DAY });
		});
	}
}

mod accounts {
	use super::*;

	#[test]
	fn open_account_should_work() {
		run(|| {
			assert_eq!(OpenAccount::<Test>::get(WORKER), Some(0));
			assert_eq!(AccountAt::<Test>::get(WORKER, AGENCY_A), Some(0));
			let a = account(0);
			assert_eq!(
				(a.holder, a.centre, a.status, a.balance),
				(WORKER, AGENCY_A, AccountStatus::Open, 0)
			);
			assert_eq!(Totals::<Test>::get(AGENCY_A).accounts, 1);
			assert!(fund_events().contains(&Event::AccountOpened {
				account: 0,
				holder: WORKER,
				centre: AGENCY_A
			}));
		});
	}

	#[test]
	fn open_account_fails_for_bad_callers_or_persons() {
		run(|| {
			assert_noop!(
				Fund::open_account(signed(BANK), MATE),
				DispatchError::Other("MissingCapability")
			);
			assert_noop!(Fund::open_account(signed(SPARE), MATE), Error::<Test>::UnknownCentre);
			assert_noop!(Fund::open_account(signed(CENTRE_A), GHOST), Error::<Test>::UnknownAlias);
			assert_noop!(
				Fund::open_account(signed(CENTRE_A), FIRM),
				Error::<Test>::NotNaturalPerson
			);
			// One open account across all centres.
			assert_noop!(Fund::open_account(signed(CENTRE_B), WORKER), Error::<Test>::AlreadyOpen);
			// Only the centre the holder asked: city B's centre cannot capture MATE, who asked A.
			assert_noop!(Fund::open_account(signed(CENTRE_A), MATE), Error::<Test>::NotRequested);
			assert_ok!(Fund::request_account(signed(MATE_KEY), AGENCY_A));
			assert_eq!(last_event(), Event::AccountRequested { holder: MATE, centre: AGENCY_A });
			assert_noop!(Fund::open_account(signed(CENTRE_B), MATE), Error::<Test>::NotRequested);
			Inactive::set(&vec![MATE]);
			assert_noop!(Fund::open_account(signed(CENTRE_A), MATE), Error::<Test>::UnknownAlias);
		});
	}

	#[test]
	fn seal_and_reopen() {
		run(|| {
			assert_noop!(Fund::seal_account(signed(CENTRE_B), WORKER), Error::<Test>::NotTheCentre);
			assert_noop!(Fund::seal_account(signed(CENTRE_A), MATE), Error::<Test>::NoOpenAccount);
			assert_ok!(Fund::seal_account(signed(CENTRE_A), WORKER));
			assert_eq!(account(0).status, AccountStatus::Sealed);
			assert_eq!(OpenAccount::<Test>::get(WORKER), None);
			assert_eq!(last_event(), Event::AccountSealed { account: 0 });
			// A sealed account receives nothing.
			assert_noop!(
				pay(FIRM_KEY, month(), vec![line(WORKER, 10_000)]),
				Error::<Test>::LineNoOpenAccount { line: 0 }
			);
			// Reopened at the same centre: the same account.
			open(CENTRE_A, AGENCY_A, WORKER, WORKER_KEY);
			assert_eq!(OpenAccount::<Test>::get(WORKER), Some(0));
			assert_eq!(Totals::<Test>::get(AGENCY_A).accounts, 1);
		});
	}
}

mod employers {
	use super::*;

	#[test]
	fn register_employer_should_work_and_fails_for_bad_persons() {
		run(|| {
			assert_eq!(Employers::<Test>::get(FIRM, AGENCY_A), Some(()));
			assert_noop!(
				Fund::register_employer(signed(CENTRE_A), FIRM),
				Error::<Test>::AlreadyRegistered
			);
			assert_noop!(
				Fund::register_employer(signed(CENTRE_A), WORKER),
				Error::<Test>::NotLegalPerson
			);
			assert_noop!(
				Fund::register_employer(signed(CENTRE_A), GHOST),
				Error::<Test>::UnknownAlias
			);
			assert_ok!(Fund::register_employer(signed(CENTRE_B), FIRM));
			assert_eq!(
				last_event(),
				Event::EmployerRegistered { employer: FIRM, centre: AGENCY_B }
			);
		});
	}

	#[test]
	fn declare_and_end_employment() {
		run(|| {
			let m = month();
			assert_eq!(
				Employees::<Test>::get(FIRM, WORKER),
				Some(Employment { centre: AGENCY_A, from: m, until: None, accepted: true })
			);
			let declare = |who, centre, employee, from| {
				Fund::declare_employee(signed(who), centre, employee, from)
			};
			assert_noop!(declare(FIRM_KEY, AGENCY_A, WORKER, m), Error::<Test>::AlreadyEmployed);
			assert_noop!(
				declare(FIRM_KEY, AGENCY_B, MATE, m),
				Error::<Test>::NotRegisteredEmployer
			);
			assert_noop!(
				declare(OTHER_FIRM_KEY, AGENCY_A, MATE, m),
				Error::<Test>::NotRegisteredEmployer
			);
			assert_noop!(declare(NOBODY, AGENCY_A, MATE, m), Error::<Test>::NoAlias);
			assert_noop!(declare(FIRM_KEY, AGENCY_A, GHOST, m), Error::<Test>::UnknownAlias);
			assert_noop!(
				declare(FIRM_KEY, AGENCY_A, OTHER_FIRM, m),
				Error::<Test>::NotNaturalPerson
			);
			assert_noop!(declare(FIRM_KEY, AGENCY_A, MATE, 202613), Error::<Test>::BadMonth);

			assert_noop!(
				Fund::end_employment(signed(FIRM_KEY), WORKER, 202610),
				Error::<Test>::BadMonth
			);
			assert_noop!(
				Fund::end_employment(signed(FIRM_KEY), MATE, m),
				Error::<Test>::NotEmployed
			);
			assert_ok!(Fund::end_employment(signed(FIRM_KEY), WORKER, m));
			assert_eq!(
				last_event(),
				Event::EmploymentEnded { employer: FIRM, employee: WORKER, until: m }
			);
			assert_noop!(
				Fund::end_employment(signed(FIRM_KEY), WORKER, m),
				Error::<Test>::NotEmployed
			);
			// Hired again later.
			assert_ok!(declare(FIRM_KEY, AGENCY_A, WORKER, 202701));
		});
	}
}

mod contributions {
	use super::*;

	#[test]
	fn contribute_should_work() {
		run(|| {
			hire_mate();
			let before = Balances::balance(&FIRM_KEY);
			// MATE's base is above the ceiling (30 000): it counts as the ceiling.
			assert_ok!(pay(FIRM_KEY, month(), vec![line(WORKER, 10_000), line(MATE, 50_000)]));
			// WORKER: 8 % and 12 % of 10 000; MATE: of 30 000.
			assert_eq!(held(WORKER), 800 + 1_200);
			assert_eq!(held(MATE), 2_400 + 3_600);
			assert_eq!(Balances::balance(&FIRM_KEY), before - 8_000);
			let a = account(0);
			assert_eq!((a.balance, a.contributed, a.months), (2_000, 2_000, 1));
			let t = Totals::<Test>::get(AGENCY_A);
			assert_eq!((t.held, t.contributed), (8_000, 8_000));
			assert_eq!(PaidCount::<Test>::get(FIRM, month()), 2);
			assert_eq!(
				Contributions::<Test>::get(WORKER, month()),
				Some(Contribution {
					account: 0,
					employer: FIRM,
					payer: FIRM_KEY,
					employee_part: 800,
					employer_part: 1_200,
					paid_at: Now::get()
				})
			);
			assert!(fund_events().contains(&Event::Contributed {
				employer: FIRM,
				employee: MATE,
				month: month(),
				account: 1,
				employee_part: 2_400,
				employer_part: 3_600
			}));
			// The fund balance is held: the worker cannot spend it.
			assert_eq!(
				Balances::reducible_balance(
					&Fund::purse_of(&WORKER),
					frame_support::traits::tokens::Preservation::Expendable,
					frame_support::traits::tokens::Fortitude::Polite
				),
				0
			);
		});
	}

	#[test]
	fn each_part_rounds_down_to_the_minor_unit() {
		let rules = Rules { min_rate: 0, max_rate: 10_000, base_ceiling: u128::MAX };
		let l = ContributionLine {
			employee: WORKER,
			base: 12_345,
			employee_rate: 733,
			employer_rate: 1_001,
		};
		// 12 345 × 7.33 % = 904.8885; × 10.01 % = 1 235.7345.
		assert_eq!(l.parts(&rules), (904, 1_235));
		let tiny =
			ContributionLine { employee: WORKER, base: 1, employee_rate: 9_999, employer_rate: 1 };
		assert_eq!(tiny.parts(&rules), (0, 0));
	}

	#[test]
	fn a_month_paid_twice_fails_naming_the_employee_and_nothing_moves() {
		run(|| {
			hire_mate();
			assert_ok!(pay(FIRM_KEY, month(), vec![line(WORKER, 10_000)]));
			// MATE's line is fine, WORKER's (line 1) is paid already: nothing moves.
			assert_noop!(
				pay(FIRM_KEY, month(), vec![line(MATE, 10_000), line(WORKER, 10_000)]),
				Error::<Test>::LineAlreadyPaid { line: 1 }
			);
			// Twice in one call too.
			assert_noop!(
				pay(FIRM_KEY, month(), vec![line(MATE, 10_000), line(MATE, 10_000)]),
				Error::<Test>::LineAlreadyPaid { line: 1 }
			);
			assert_eq!(held(MATE), 0);
		});
	}

	#[test]
	fn contribute_fails_for_bad_lines() {
		run(|| {
			let m = month();
			assert_noop!(pay(NOBODY, m, vec![line(WORKER, 10_000)]), Error::<Test>::NoAlias);
			assert_noop!(pay(FIRM_KEY, m, vec![]), Error::<Test>::EmptyBatch);
			assert_noop!(
				pay(FIRM_KEY, 202600, vec![line(WORKER, 10_000)]),
				Error::<Test>::BadMonth
			);
			assert_noop!(
				pay(FIRM_KEY, 202612, vec![line(WORKER, 10_000)]),
				Error::<Test>::FutureMonth
			);
			// Before the employment, or another firm's employee.
			assert_noop!(
				pay(FIRM_KEY, 202610, vec![line(WORKER, 10_000)]),
				Error::<Test>::LineNotEmployed { line: 0 }
			);
			assert_noop!(
				pay(FIRM_KEY, m, vec![line(WORKER, 10_000), line(MATE, 10_000)]),
				Error::<Test>::LineNotEmployed { line: 1 }
			);
			let rate = |employee_rate, employer_rate| ContributionLine {
				employee: WORKER,
				base: 10_000,
				employee_rate,
				employer_rate,
			};
			assert_noop!(
				pay(FIRM_KEY, m, vec![rate(499, 1200)]),
				Error::<Test>::LineRateOutOfBounds { line: 0 }
			);
			assert_noop!(
				pay(FIRM_KEY, m, vec![rate(500, 1201)]),
				Error::<Test>::LineRateOutOfBounds { line: 0 }
			);
			assert_noop!(
				pay(FIRM_KEY, m, vec![line(WORKER, 0)]),
				Error::<Test>::LineZero { line: 0 }
			);
			// An employment declared at A, but the account now open at B: refused.
			assert_ok!(Fund::seal_account(signed(CENTRE_A), WORKER));
			open(CENTRE_B, AGENCY_B, WORKER, WORKER_KEY);
			assert_noop!(
				pay(FIRM_KEY, m, vec![line(WORKER, 10_000)]),
				Error::<Test>::LineNoOpenAccount { line: 0 }
			);
		});
	}

	#[test]
	fn an_employer_without_money_pays_nothing() {
		run(|| {
			let poor = Alias::repeat_byte(0xE9);
			let mut people = People::get();
			people.push((poor, 29, SubjectKind::Company));
			People::set(&people);
			assert_ok!(Fund::register_employer(signed(CENTRE_A), poor));
			assert_ok!(Fund::declare_employee(signed(29), AGENCY_A, WORKER, month()));
			assert_ok!(Fund::accept_employment(signed(WORKER_KEY), poor));
			assert_noop!(
				pay(29, month(), vec![line(WORKER, 10_000)]),
				TokenError::FundsUnavailable
			);
		});
	}

	#[test]
	fn employer_months_shows_arrears() {
		run(|| {
			hire_mate();
			assert_ok!(pay(FIRM_KEY, month(), vec![line(WORKER, 10_000)]));
			assert_eq!(
				Fund::employer_months(FIRM, 202610, 202612),
				vec![(202610, 0, 0), (202611, 2, 1), (202612, 2, 0)]
			);
			// Across a year end.
			assert_eq!(Fund::employer_months(FIRM, 202612, 202701).len(), 2);
		});
	}
}

mod transfers {
	use super::*;

	#[test]
	fn a_transfer_moves_balance_and_history_to_the_new_city() {
		run(|| {
			paid();
			assert_ok!(Fund::request_transfer(signed(WORKER_KEY), WORKER, 0, AGENCY_B, None));
			let deadline = Now::get() + 15 * DAY;
			assert_eq!(
				last_event(),
				Event::TransferRequested {
					holder: WORKER,
					account: 0,
					to: AGENCY_B,
					deadline,
					by_centre: false
				}
			);
			assert_noop!(
				Fund::approve_transfer(signed(CENTRE_B), WORKER),
				Error::<Test>::NotTheCentre
			);
			assert_ok!(Fund::approve_transfer(signed(CENTRE_A), WORKER));
			assert_eq!(
				last_event(),
				Event::AccountTransferred {
					holder: WORKER,
					from: 0,
					to: 1,
					amount: 2_000,
					forced: false
				}
			);
			let (old, new) = (account(0), account(1));
			assert_eq!((old.status, old.balance), (AccountStatus::TransferredOut { to: 1 }, 0));
			assert_eq!(
				(new.centre, new.status, new.balance, new.months, new.from),
				(AGENCY_B, AccountStatus::Open, 2_000, 1, Some(0))
			);
			assert_eq!(OpenAccount::<Test>::get(WORKER), Some(1));
			assert_eq!(held(WORKER), 2_000, "the money never moved");
			let (a, b) = (Totals::<Test>::get(AGENCY_A), Totals::<Test>::get(AGENCY_B));
			assert_eq!(
				(a.held, a.transferred_out, b.held, b.transferred_in),
				(0, 2_000, 2_000, 2_000)
			);
			assert!(Contributions::<Test>::contains_key(WORKER, month()), "the history follows");
			assert!(Transfers::<Test>::get(WORKER).is_none());

			// City B's next contribution adds to it.
			assert_ok!(Fund::register_employer(signed(CENTRE_B), OTHER_FIRM));
			assert_ok!(Fund::declare_employee(signed(OTHER_FIRM_KEY), AGENCY_B, WORKER, 202612));
			assert_ok!(Fund::accept_employment(signed(WORKER_KEY), OTHER_FIRM));
			Now::set(&(Now::get() + 20 * DAY));
			assert_ok!(pay(OTHER_FIRM_KEY, 202612, vec![line(WORKER, 10_000)]));
			assert_eq!((account(1).balance, account(1).months), (4_000, 2));
			assert_eq!(held(WORKER), 4_000);
		});
	}

	#[test]
	fn moving_back_reuses_the_old_account() {
		run(|| {
			paid();
			assert_ok!(Fund::request_transfer(signed(WORKER_KEY), WORKER, 0, AGENCY_B, None));
			assert_ok!(Fund::approve_transfer(signed(CENTRE_A), WORKER));
			assert_ok!(Fund::request_transfer(signed(WORKER_KEY), WORKER, 1, AGENCY_A, None));
			assert_ok!(Fund::approve_transfer(signed(CENTRE_B), WORKER));
			assert_eq!(OpenAccount::<Test>::get(WORKER), Some(0));
			let a = account(0);
			assert_eq!(
				(a.status, a.balance, a.months, a.from),
				(AccountStatus::Open, 2_000, 1, Some(1))
			);
			assert_eq!(Totals::<Test>::get(AGENCY_A).accounts, 1);
		});
	}

	#[test]
	fn the_new_centre_requests_under_consent_and_the_read_is_traced() {
		run(|| {
			let purpose = Purpose::Code(4);
			let ask = |who| {
				Fund::request_transfer(signed(who), WORKER, 0, AGENCY_B, Some(purpose.clone()))
			};
			assert_noop!(ask(CENTRE_B), Error::<Test>::NoConsent);
			assert_noop!(ask(CENTRE_A), Error::<Test>::NotTheCentre);
			assert_noop!(ask(BANK), DispatchError::Other("MissingCapability"));
			Consents::set(&vec![(WORKER, AGENCY_B, Scope::FundAccount, purpose.clone(), u64::MAX)]);
			assert_ok!(ask(CENTRE_B));
			assert_eq!(Accesses::get(), vec![(WORKER, AGENCY_B, Scope::FundAccount)]);
			assert!(matches!(last_event(), Event::TransferRequested { by_centre: true, .. }));
		});
	}

	#[test]
	fn request_transfer_fails_for_bad_requests() {
		run(|| {
			let req =
				|who, person, id, to| Fund::request_transfer(signed(who), person, id, to, None);
			assert_noop!(req(WORKER_KEY, WORKER, 0, SPARE_AGENCY), Error::<Test>::UnknownCentre);
			assert_noop!(req(WORKER_KEY, MATE, 0, AGENCY_B), Error::<Test>::UnknownAccount);
			assert_noop!(req(WORKER_KEY, WORKER, 0, AGENCY_A), Error::<Test>::SameCentre);
			assert_noop!(req(MATE_KEY, WORKER, 0, AGENCY_B), Error::<Test>::NotHolder);
			assert_ok!(req(WORKER_KEY, WORKER, 0, AGENCY_B));
			assert_noop!(req(WORKER_KEY, WORKER, 0, AGENCY_B), Error::<Test>::TransferPending);
			assert_ok!(Fund::approve_transfer(signed(CENTRE_A), WORKER));
			assert_noop!(req(WORKER_KEY, WORKER, 0, AGENCY_B), Error::<Test>::NotActiveAccount);
		});
	}

	#[test]
	fn the_old_centre_refuses_with_a_reason() {
		run(|| {
			assert_noop!(
				Fund::refuse_transfer(signed(CENTRE_A), WORKER, 3),
				Error::<Test>::NoTransfer
			);
			assert_ok!(Fund::request_transfer(signed(WORKER_KEY), WORKER, 0, AGENCY_B, None));
			assert_noop!(
				Fund::refuse_transfer(signed(CENTRE_B), WORKER, 3),
				Error::<Test>::NotTheCentre
			);
			assert_ok!(Fund::refuse_transfer(signed(CENTRE_A), WORKER, 3));
			assert_eq!(
				last_event(),
				Event::TransferRefused { holder: WORKER, by: AGENCY_A, reason: 3, refusals: 1 }
			);
			assert!(Transfers::<Test>::get(WORKER).is_none());
			assert_eq!(OpenAccount::<Test>::get(WORKER), Some(0));
		});
	}

	#[test]
	fn refusals_in_a_row_escalate_the_next_request_at_once() {
		run(|| {
			let ask = || Fund::request_transfer(signed(WORKER_KEY), WORKER, 0, AGENCY_B, None);
			for n in 1..=2 {
				assert_ok!(ask());
				assert!(!Transfers::<Test>::get(WORKER).unwrap().escalated);
				assert_ok!(Fund::refuse_transfer(signed(CENTRE_A), WORKER, 3));
				assert_eq!(Refusals::<Test>::get(WORKER), n);
			}
			// The third request (RefusalsToEscalate is 2) goes to the consortium at once, and
			// the old centre cannot refuse it.
			assert_ok!(ask());
			assert!(Transfers::<Test>::get(WORKER).unwrap().escalated);
			assert_eq!(
				last_event(),
				Event::TransferEscalated { holder: WORKER, from: AGENCY_A, to: AGENCY_B }
			);
			assert_noop!(
				Fund::refuse_transfer(signed(CENTRE_A), WORKER, 3),
				Error::<Test>::Escalated
			);
			assert_ok!(Fund::force_transfer(RuntimeOrigin::root(), WORKER));
			assert_eq!(Refusals::<Test>::get(WORKER), 0, "a transfer starts the count again");
		});
	}

	#[test]
	fn an_escalated_request_cannot_be_refused() {
		run(|| {
			assert_ok!(Fund::set_transfer_deadline(RuntimeOrigin::root(), 2 * DAY));
			assert_ok!(Fund::request_transfer(signed(WORKER_KEY), WORKER, 0, AGENCY_B, None));
			Now::set(&(Now::get() + 2 * DAY));
			assert_ok!(Fund::escalate_transfer(signed(WORKER_KEY), WORKER));
			assert_noop!(
				Fund::refuse_transfer(signed(CENTRE_A), WORKER, 3),
				Error::<Test>::Escalated
			);
			// The old centre may still approve it.
			assert_ok!(Fund::approve_transfer(signed(CENTRE_A), WORKER));
		});
	}

	#[test]
	fn asking_for_an_account_refuses_bad_input() {
		run(|| {
			assert_noop!(Fund::request_account(signed(NOBODY), AGENCY_A), Error::<Test>::NoAlias);
			assert_noop!(
				Fund::request_account(signed(MATE_KEY), SPARE_AGENCY),
				Error::<Test>::UnknownCentre
			);
			assert_noop!(
				Fund::request_account(signed(FIRM_KEY), AGENCY_A),
				Error::<Test>::NotNaturalPerson
			);
			assert_noop!(
				Fund::request_account(signed(WORKER_KEY), AGENCY_B),
				Error::<Test>::AlreadyOpen
			);
			// The last request stands.
			assert_ok!(Fund::request_account(signed(MATE_KEY), AGENCY_A));
			assert_ok!(Fund::request_account(signed(MATE_KEY), AGENCY_B));
			assert_eq!(AccountRequests::<Test>::get(MATE), Some(AGENCY_B));
			assert_noop!(Fund::open_account(signed(CENTRE_A), MATE), Error::<Test>::NotRequested);
			assert_ok!(Fund::open_account(signed(CENTRE_B), MATE));
			assert_eq!(AccountRequests::<Test>::get(MATE), None, "used");
		});
	}

	#[test]
	fn a_silent_centre_is_escalated_and_the_consortium_forces_the_transfer() {
		run(|| {
			paid();
			assert_ok!(Fund::set_transfer_deadline(RuntimeOrigin::root(), 2 * DAY));
			assert_ok!(Fund::request_transfer(signed(WORKER_KEY), WORKER, 0, AGENCY_B, None));
			assert_noop!(
				Fund::force_transfer(RuntimeOrigin::root(), WORKER),
				Error::<Test>::NotEscalated
			);
			assert_noop!(
				Fund::escalate_transfer(signed(WORKER_KEY), WORKER),
				Error::<Test>::NotYetDue
			);
			Now::set(&(Now::get() + 2 * DAY));
			assert_noop!(
				Fund::escalate_transfer(signed(MATE_KEY), WORKER),
				Error::<Test>::NotHolder
			);
			assert_noop!(
				Fund::escalate_transfer(signed(CENTRE_A), WORKER),
				Error::<Test>::NotHolder
			);
			assert_ok!(Fund::escalate_transfer(signed(CENTRE_B), WORKER));
			assert_eq!(
				last_event(),
				Event::TransferEscalated { holder: WORKER, from: AGENCY_A, to: AGENCY_B }
			);
			assert_noop!(
				Fund::escalate_transfer(signed(WORKER_KEY), WORKER),
				Error::<Test>::AlreadyEscalated
			);
			assert_noop!(Fund::force_transfer(signed(CENTRE_B), WORKER), BadOrigin);
			assert_ok!(Fund::force_transfer(RuntimeOrigin::root(), WORKER));
			assert!(matches!(
				last_event(),
				Event::AccountTransferred { forced: true, amount: 2_000, .. }
			));
			assert_eq!(OpenAccount::<Test>::get(WORKER), Some(1));
		});
	}

	#[test]
	fn the_chain_escalates_overdue_requests_in_spare_weight() {
		use frame_support::traits::Hooks;
		run(|| {
			hire_mate();
			assert_ok!(Fund::set_transfer_deadline(RuntimeOrigin::root(), 2 * DAY));
			for (key, person) in [(WORKER_KEY, WORKER), (MATE_KEY, MATE)] {
				let id = OpenAccount::<Test>::get(person).unwrap();
				assert_ok!(Fund::request_transfer(signed(key), person, id, AGENCY_B, None));
			}
			let escalated = |p| Transfers::<Test>::get(p).unwrap().escalated;
			// Not yet due: scanned, not escalated.
			Fund::on_idle(1, Weight::MAX);
			assert!(!escalated(WORKER) && !escalated(MATE));
			assert_eq!(EscalationCursor::<Test>::get(), None, "a full scan starts over");
			Now::set(&(Now::get() + 2 * DAY));
			// Room for one request a block: one now, the other next block.
			let base = <<Test as frame_system::Config>::DbWeight as frame_support::traits::Get<
				frame_support::weights::RuntimeDbWeight,
			>>::get()
			.reads_writes(1, 1);
			let one = base.saturating_add(<() as WeightInfo>::escalate_transfer());
			assert_eq!(Fund::on_idle(2, one), one);
			assert_eq!(escalated(WORKER) as u8 + escalated(MATE) as u8, 1);
			assert!(EscalationCursor::<Test>::get().is_some());
			Fund::on_idle(3, one);
			assert!(escalated(WORKER) && escalated(MATE));
			assert_eq!(
				fund_events()
					.iter()
					.filter(|e| matches!(e, Event::TransferEscalated { .. }))
					.count(),
				2
			);
			// Too little weight: nothing done.
			assert_eq!(Fund::on_idle(4, base), Weight::zero());
			assert_ok!(Fund::force_transfer(RuntimeOrigin::root(), WORKER));
		});
	}

	#[test]
	fn a_sealed_account_cannot_move_onto_another_open_one_elsewhere() {
		run(|| {
			paid();
			assert_ok!(Fund::set_centre(RuntimeOrigin::root(), SPARE_AGENCY, 1, rules()));
			assert_ok!(Fund::seal_account(signed(CENTRE_A), WORKER));
			open(SPARE, SPARE_AGENCY, WORKER, WORKER_KEY);
			assert_ok!(Fund::request_transfer(signed(WORKER_KEY), WORKER, 0, AGENCY_B, None));
			assert_noop!(
				Fund::approve_transfer(signed(CENTRE_A), WORKER),
				Error::<Test>::OtherAccountOpen
			);
		});
	}
}

mod withdrawals {
	use super::*;

	#[test]
	fn a_withdrawal_pays_the_person() {
		run(|| {
			paid();
			let before = Balances::balance(&WORKER_KEY);
			assert_ok!(take(CENTRE_A, 500, WithdrawalPurpose::Rent, WORKER_KEY));
			assert_eq!(Balances::balance(&WORKER_KEY), before + 500);
			assert_eq!((held(WORKER), account(0).balance), (1_500, 1_500));
			assert_eq!(Totals::<Test>::get(AGENCY_A).withdrawn, 500);
			assert_eq!(
				last_event(),
				Event::Withdrawn {
					account: 0,
					purpose: WithdrawalPurpose::Rent,
					document: H256::repeat_byte(1),
					amount: 500,
					to: WORKER_KEY,
					closed: false
				}
			);
		});
	}

	#[test]
	fn retirement_takes_all_and_closes_the_account() {
		run(|| {
			paid();
			assert_noop!(
				take(CENTRE_A, 1_999, WithdrawalPurpose::Retirement, WORKER_KEY),
				Error::<Test>::RetirementTakesAll
			);
			assert_ok!(take(CENTRE_A, 2_000, WithdrawalPurpose::Retirement, WORKER_KEY));
			assert_eq!(account(0).status, AccountStatus::Closed);
			assert_eq!(OpenAccount::<Test>::get(WORKER), None);
			assert_eq!(held(WORKER), 0);
			assert_ok!(Fund::request_account(signed(WORKER_KEY), AGENCY_A));
			assert_noop!(
				Fund::open_account(signed(CENTRE_A), WORKER),
				Error::<Test>::AccountClosed
			);
			assert_noop!(
				take(CENTRE_A, 1, WithdrawalPurpose::Rent, WORKER_KEY),
				Error::<Test>::NotActiveAccount
			);
		});
	}

	#[test]
	fn withdraw_fails_for_bad_requests() {
		run(|| {
			paid();
			assert_noop!(
				take(CENTRE_B, 1, WithdrawalPurpose::Rent, WORKER_KEY),
				Error::<Test>::NotTheCentre
			);
			assert_noop!(
				take(CENTRE_A, 1, WithdrawalPurpose::Rent, MATE_KEY),
				Error::<Test>::NotHolder
			);
			assert_noop!(
				take(CENTRE_A, 0, WithdrawalPurpose::Rent, WORKER_KEY),
				Error::<Test>::ZeroAmount
			);
			assert_noop!(
				take(CENTRE_A, 2_001, WithdrawalPurpose::HomePurchase, WORKER_KEY),
				Error::<Test>::InsufficientFund
			);
			assert_noop!(
				Fund::withdraw(
					signed(CENTRE_A),
					9,
					1,
					WithdrawalPurpose::Rent,
					H256::zero(),
					WORKER_KEY
				),
				Error::<Test>::UnknownAccount
			);
			// A sealed account still pays out (leaving the country, say).
			assert_ok!(Fund::seal_account(signed(CENTRE_A), WORKER));
			assert_ok!(take(CENTRE_A, 2_000, WithdrawalPurpose::LeavingCountry, WORKER_KEY));
		});
	}
}

mod reads {
	use super::*;

	#[test]
	fn an_agency_reads_a_balance_only_under_consent_and_traced() {
		run(|| {
			assert_ok!(pay(FIRM_KEY, month(), vec![line(WORKER, 10_000)]));
			let purpose = Purpose::Code(9);
			let read = |person| Fund::verify_account(signed(BANK), person, purpose.clone());
			assert_noop!(read(WORKER), Error::<Test>::NoConsent);
			assert_noop!(read(GHOST), Error::<Test>::NoConsent);
			assert_noop!(
				Fund::verify_account(signed(NOBODY), WORKER, purpose.clone()),
				DispatchError::Other("NotStaff")
			);
			Consents::set(&vec![(
				WORKER,
				BANK_AGENCY,
				Scope::FundAccount,
				purpose.clone(),
				u64::MAX,
			)]);
			assert_ok!(read(WORKER));
			assert_eq!(
				last_event(),
				Event::AccountVerified {
					holder: WORKER,
					agency: BANK_AGENCY,
					balance: 2_000,
					open_at: Some(AGENCY_A)
				}
			);
			assert_eq!(Accesses::get(), vec![(WORKER, BANK_AGENCY, Scope::FundAccount)]);
		});
	}

	#[test]
	fn centre_view_answers_totals() {
		run(|| {
			assert_ok!(pay(FIRM_KEY, month(), vec![line(WORKER, 10_000)]));
			let (centre, totals) = Fund::centre(AGENCY_A).unwrap();
			assert_eq!((centre.city, totals.held, totals.accounts), (CITY_A, 2_000, 1));
			assert_eq!(Fund::centre(SPARE_AGENCY), None);
		});
	}
}

mod ended_aliases {
	use super::*;

	#[test]
	fn when_an_alias_ends_its_money_and_records_stay_and_nobody_acts_for_it() {
		run(|| {
			paid();
			Inactive::set(&vec![WORKER]);
			assert_noop!(
				Fund::request_transfer(signed(WORKER_KEY), WORKER, 0, AGENCY_B, None),
				Error::<Test>::NoAlias
			);
			assert_noop!(
				take(CENTRE_A, 1, WithdrawalPurpose::Rent, WORKER_KEY),
				Error::<Test>::NotHolder
			);
			assert_noop!(Fund::accept_employment(signed(WORKER_KEY), FIRM), Error::<Test>::NoAlias);
			assert_eq!((held(WORKER), account(0).balance), (2_000, 2_000), "nothing is lost");
			assert!(Contributions::<Test>::contains_key(WORKER, month()));
		});
	}
}

mod acceptance {
	use super::*;

	#[test]
	fn a_stranger_employer_cannot_pre_empt_a_workers_month() {
		run(|| {
			// The other firm declares WORKER (whose alias it learnt) without its agreement.
			assert_ok!(Fund::register_employer(signed(CENTRE_A), OTHER_FIRM));
			assert_ok!(Fund::declare_employee(signed(OTHER_FIRM_KEY), AGENCY_A, WORKER, month()));
			assert_noop!(
				pay(OTHER_FIRM_KEY, month(), vec![line(WORKER, 1)]),
				Error::<Test>::LineNotAccepted { line: 0 }
			);
			// The real employer pays the month.
			paid();
			assert_eq!(Contributions::<Test>::get(WORKER, month()).unwrap().employer, FIRM);
		});
	}

	#[test]
	fn the_worker_accepts_once_and_only_a_live_declaration() {
		run(|| {
			assert_noop!(
				Fund::accept_employment(signed(WORKER_KEY), FIRM),
				Error::<Test>::AlreadyAccepted
			);
			assert_noop!(
				Fund::accept_employment(signed(MATE_KEY), FIRM),
				Error::<Test>::NotEmployed
			);
			assert_noop!(Fund::accept_employment(signed(NOBODY), FIRM), Error::<Test>::NoAlias);
			open(CENTRE_A, AGENCY_A, MATE, MATE_KEY);
			assert_ok!(Fund::declare_employee(signed(FIRM_KEY), AGENCY_A, MATE, month()));
			assert_eq!(Employees::<Test>::get(FIRM, MATE).map(|e| e.accepted), Some(false));
			assert_ok!(Fund::accept_employment(signed(MATE_KEY), FIRM));
			assert_eq!(last_event(), Event::EmploymentAccepted { employer: FIRM, employee: MATE });
			// An employment that ended is not accepted any more.
			assert_ok!(Fund::end_employment(signed(FIRM_KEY), WORKER, month()));
			Employees::<Test>::mutate(FIRM, WORKER, |e| e.as_mut().unwrap().accepted = false);
			assert_noop!(
				Fund::accept_employment(signed(WORKER_KEY), FIRM),
				Error::<Test>::NotEmployed
			);
		});
	}
}

mod reversals {
	use super::*;

	#[test]
	fn the_centre_reverses_a_wrong_contribution_and_the_month_is_free_again() {
		run(|| {
			let before = Balances::balance(&FIRM_KEY);
			paid();
			assert_ok!(Fund::reverse_contribution(signed(CENTRE_A), WORKER, month(), 4));
			assert_eq!(
				last_event(),
				Event::ContributionReversed {
					employee: WORKER,
					month: month(),
					account: 0,
					amount: 2_000,
					by: AGENCY_A,
					reason: 4,
				}
			);
			assert_eq!(Balances::balance(&FIRM_KEY), before, "paid back to the payer");
			assert_eq!((held(WORKER), account(0).balance, account(0).months), (0, 0, 0));
			assert_eq!(Totals::<Test>::get(AGENCY_A).reversed, 2_000);
			assert!(!Contributions::<Test>::contains_key(WORKER, month()));
			assert_eq!(PaidCount::<Test>::get(FIRM, month()), 0);
			paid();
		});
	}

	#[test]
	fn after_a_transfer_the_new_centre_reverses_it() {
		run(|| {
			paid();
			assert_ok!(Fund::request_transfer(signed(WORKER_KEY), WORKER, 0, AGENCY_B, None));
			assert_ok!(Fund::approve_transfer(signed(CENTRE_A), WORKER));
			assert_noop!(
				Fund::reverse_contribution(signed(CENTRE_A), WORKER, month(), 4),
				Error::<Test>::NotTheCentre
			);
			assert_ok!(Fund::reverse_contribution(signed(CENTRE_B), WORKER, month(), 4));
			assert_eq!((held(WORKER), account(1).balance), (0, 0));
			assert_eq!(Totals::<Test>::get(AGENCY_B).reversed, 2_000);
		});
	}

	#[test]
	fn bad_reversals_are_refused_and_change_nothing() {
		run(|| {
			assert_noop!(
				Fund::reverse_contribution(signed(CENTRE_A), WORKER, month(), 4),
				Error::<Test>::UnknownContribution
			);
			paid();
			assert_noop!(
				Fund::reverse_contribution(signed(CENTRE_B), WORKER, month(), 4),
				Error::<Test>::NotTheCentre
			);
			assert_noop!(
				Fund::reverse_contribution(signed(BANK), WORKER, month(), 4),
				DispatchError::Other("MissingCapability")
			);
			assert_ok!(take(CENTRE_A, 1, WithdrawalPurpose::Rent, WORKER_KEY));
			assert_noop!(
				Fund::reverse_contribution(signed(CENTRE_A), WORKER, month(), 4),
				Error::<Test>::InsufficientFund
			);
		});
	}
}
