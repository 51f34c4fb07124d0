//! Wage-escrow flows that cross pallets, on the real runtime: a construction bureau admitted by
//! consortium vote, developer, contractor and workers registered by the identity pallet, the
//! escrow held by balances, the contractor's and workers' calls admitted by the pool, the
//! review period set by vote, wages paid by the chain itself at the start of a block
//! (`on_poll`), and erasure through the identity pallet.

mod common;

use civitas_primitives::{AgencyKind, Capability, PersonId, SubjectKind};
use civitas_runtime::{
	AccountId, Balances, Identity, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, WageEscrow,
};
use common::*;
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect};
use pallet_civitas_wage_escrow::{Error, Event, PayrollLine, PayrollStatus};
use sp_core::H256;
use sp_runtime::Percent;

const DEVELOPER: PersonId = H256::repeat_byte(0xD5);
const CONTRACTOR: PersonId = H256::repeat_byte(0xC5);
const WORKER: PersonId = H256::repeat_byte(0xA5);
const MATE: PersonId = H256::repeat_byte(0xA6);
const UNIT: u128 = 100;
/// The bureau's officer: a key admitted with the new agency.
const BUREAU: [u8; 32] = [0xB0; 32];
/// The contractor's and MATE's keys: fresh accounts, enrolled by their registration.
const CONTRACTOR_KEY: [u8; 32] = [0xC5; 32];
const MATE_KEY: [u8; 32] = [0xA6; 32];

fn bureau() -> RuntimeOrigin {
	RuntimeOrigin::signed(AccountId::from(BUREAU))
}

fn contractor() -> RuntimeOrigin {
	RuntimeOrigin::signed(AccountId::from(CONTRACTOR_KEY))
}

/// The Housing and Construction Bureau admitted by vote (agency 8); Eve's firm the developer
/// (Eve is endowed at genesis), a firm with a fresh key the contractor, Ferdie and a fresh key
/// the workers; project 0 (wage share 20 %, pay day 1) with both workers on its roster.
fn setup() {
	assert_ok!(carry(RuntimeCall::Consortium(pallet_consortium::Call::admit_agency {
		name: b"Housing and Construction Bureau".to_vec().try_into().unwrap(),
		kind: AgencyKind::Construction,
		city: 320100,
		admins: vec![AccountId::from(BUREAU)].try_into().unwrap(),
		capabilities: vec![Capability::SuperviseConstruction].try_into().unwrap(),
	})));
	for (person, key, kind) in [
		(DEVELOPER, account(Eve), SubjectKind::Company),
		(CONTRACTOR, AccountId::from(CONTRACTOR_KEY), SubjectKind::Company),
		(WORKER, account(Ferdie), SubjectKind::Citizen),
		(MATE, AccountId::from(MATE_KEY), SubjectKind::Citizen),
	] {
		assert_ok!(Identity::register_person(
			signed(Alice),
			person,
			kind,
			key,
			H256::repeat_byte(1),
			false
		));
	}
	assert_ok!(WageEscrow::register_project(
		bureau(),
		DEVELOPER,
		account(Eve),
		CONTRACTOR,
		AccountId::from(CONTRACTOR_KEY),
		1_000_000 * UNIT,
		Percent::from_percent(20),
		1,
	));
	for key in [account(Ferdie), AccountId::from(MATE_KEY)] {
		assert_ok!(WageEscrow::add_worker(contractor(), 0, key));
	}
}

/// Last month (December 2026: the blocks run in January 2027), due on 1 January.
const MONTH: u32 = 202612;

/// The contractor's payroll for MONTH: WORKER 8 000.00, MATE 7 000.00.
fn submit_payroll() {
	assert_ok!(WageEscrow::submit_payroll(
		contractor(),
		0,
		MONTH,
		vec![
			PayrollLine { worker: WORKER, days: 22, amount: 8_000 * UNIT },
			PayrollLine { worker: MATE, days: 20, amount: 7_000 * UNIT },
		]
		.try_into()
		.unwrap(),
	));
}

fn wage_event(e: Event<Runtime>) -> bool {
	has_event(RuntimeEvent::WageEscrow(e))
}

/// This pallet's events of the next `n` blocks (each block's events are cleared by the next).
fn blocks(n: u32) -> Vec<Event<Runtime>> {
	let mut seen = Vec::new();
	for _ in 0..n {
		next_block();
		seen.extend(frame_system::Pallet::<Runtime>::events().into_iter().filter_map(|r| {
			match r.event {
				RuntimeEvent::WageEscrow(e) => Some(e),
				_ => None,
			}
		}));
	}
	seen
}

/// The developer deposits, a milestone keeps its wage share back, the contractor submits the
/// payroll, the bureau approves, and at the next block every worker's balance rises
/// by exactly their wage with no transaction from anyone; no unit is minted or burned.
#[test]
fn wages_reach_the_workers_on_pay_day_with_no_transaction() {
	run(|| {
		setup();
		let issuance = Balances::total_issuance();
		assert_ok!(WageEscrow::deposit(signed(Eve), 0, 500_000 * UNIT));
		assert_ok!(WageEscrow::release_milestone(
			bureau(),
			0,
			100_000 * UNIT,
			H256::repeat_byte(2)
		));
		assert_eq!(
			pallet_civitas_wage_escrow::Projects::<Runtime>::get(0).unwrap().books.reserve,
			20_000 * UNIT
		);
		submit_payroll();
		assert_ok!(WageEscrow::approve_payroll(bureau(), 0, MONTH));
		let worker = account(Ferdie);
		let (w, m) = (Balances::balance(&worker), Balances::balance(&AccountId::from(MATE_KEY)));
		next_block();
		assert_eq!(Balances::balance(&worker), w + 8_000 * UNIT);
		assert_eq!(Balances::balance(&AccountId::from(MATE_KEY)), m + 7_000 * UNIT);
		assert!(wage_event(Event::PayrollPaid { project: 0, month: MONTH, total: 15_000 * UNIT }));
		assert_eq!(
			pallet_civitas_wage_escrow::Payrolls::<Runtime>::get(0, MONTH).unwrap().status,
			PayrollStatus::Paid
		);
		assert_eq!(Balances::total_issuance(), issuance, "no money made or destroyed");
		next_block();
		assert_eq!(Balances::balance(&worker), w + 8_000 * UNIT, "paid once");
	});
}

/// With the review period cut to 12 s by vote, a payroll nobody disputes is approved and,
/// the reserve being short, raises arrears: nothing is paid, the next milestone is refused;
/// the developer's top-up (through the pool) has the payroll paid in full at the next block.
#[test]
fn a_short_reserve_raises_arrears_until_the_developer_tops_up() {
	run(|| {
		setup();
		assert_ok!(carry(RuntimeCall::WageEscrow(
			pallet_civitas_wage_escrow::Call::set_review_period { period: 12_000 }
		)));
		assert_ok!(WageEscrow::deposit(signed(Eve), 0, 50_000 * UNIT));
		// 20 % of 50 000 is 10 000 for wages: 5 000 short of 15 000.
		assert_ok!(WageEscrow::release_milestone(bureau(), 0, 50_000 * UNIT, H256::zero()));
		submit_payroll();
		let worker = account(Ferdie);
		let w = Balances::balance(&worker);
		let events = blocks(3);
		assert!(events.contains(&Event::PayrollApproved { project: 0, month: MONTH, auto: true }));
		assert!(events.contains(&Event::ArrearsDetected {
			project: 0,
			month: MONTH,
			shortfall: 5_000 * UNIT
		}));
		assert_eq!(Balances::balance(&worker), w, "nothing partial");
		assert_eq!(WageEscrow::projects_in_arrears(8), vec![(0, MONTH, 5_000 * UNIT)]);
		assert_noop!(
			WageEscrow::release_milestone(bureau(), 0, 1, H256::zero()),
			Error::<Runtime>::InArrears
		);
		let deposit = RuntimeCall::WageEscrow(pallet_civitas_wage_escrow::Call::deposit {
			project: 0,
			amount: 5_000 * UNIT,
		});
		assert_eq!(submit(Eve, deposit), Ok(Ok(())), "an enrolled developer tops up");
		next_block();
		assert_eq!(Balances::balance(&worker), w + 8_000 * UNIT);
		// Out of arrears, milestones flow again.
		assert_ok!(WageEscrow::deposit(signed(Eve), 0, 1_000 * UNIT));
		assert_ok!(WageEscrow::release_milestone(bureau(), 0, 1_000 * UNIT, H256::zero()));
	});
}

/// A worker disputes their line through the pool; the review ends and the payroll waits for
/// the bureau, which approves it.
#[test]
fn a_disputed_payroll_waits_for_the_bureau() {
	run(|| {
		setup();
		assert_ok!(carry(RuntimeCall::WageEscrow(
			pallet_civitas_wage_escrow::Call::set_review_period { period: 12_000 }
		)));
		assert_ok!(WageEscrow::deposit(signed(Eve), 0, 100_000 * UNIT));
		assert_ok!(WageEscrow::release_milestone(bureau(), 0, 100_000 * UNIT, H256::zero()));
		submit_payroll();
		let dispute = RuntimeCall::WageEscrow(pallet_civitas_wage_escrow::Call::dispute_line {
			project: 0,
			month: MONTH,
			line: 0,
			reason: H256::repeat_byte(5),
		});
		assert_eq!(submit(Ferdie, dispute), Ok(Ok(())), "an enrolled worker disputes");
		let events = blocks(3);
		assert!(events.contains(&Event::AwaitingBureau { project: 0, month: MONTH, disputes: 1 }));
		assert_ok!(WageEscrow::approve_payroll(bureau(), 0, MONTH));
		next_block();
		assert_eq!(
			pallet_civitas_wage_escrow::Payrolls::<Runtime>::get(0, MONTH).unwrap().status,
			PayrollStatus::Paid
		);
	});
}

/// Erasing a worker through the identity pallet takes them off the roster (the erasure hook);
/// the wage already approved is still paid.
#[test]
fn erasure_takes_a_worker_off_the_roster_and_the_owed_wage_is_paid() {
	run(|| {
		setup();
		assert_ok!(WageEscrow::deposit(signed(Eve), 0, 100_000 * UNIT));
		assert_ok!(WageEscrow::release_milestone(bureau(), 0, 100_000 * UNIT, H256::zero()));
		submit_payroll();
		assert_ok!(WageEscrow::approve_payroll(bureau(), 0, MONTH));
		let mate = AccountId::from(MATE_KEY);
		assert_ok!(Identity::erase_person(signed(Alice), MATE, Default::default()));
		assert!(!pallet_civitas_wage_escrow::Roster::<Runtime>::contains_key(0, MATE));
		assert_eq!(pallet_civitas_wage_escrow::Projects::<Runtime>::get(0).unwrap().workers, 1);
		next_block();
		assert_eq!(Balances::balance(&mate), 7_000 * UNIT, "the wage is owed");
	});
}
