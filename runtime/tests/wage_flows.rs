//! Wage-escrow flows that cross pallets, on the real runtime: a construction bureau admitted by
//! consortium vote; developer, contractor and workers registered by the identity pallet, each
//! acting under a wages alias bound with a real ring-VRF proof (the aliases pallet); the escrow
//! held by balances; every person's call signed by its alias account and admitted by the pool;
//! the review period set by vote; wages paid by the chain itself at the start of a block
//! (`on_poll`) to the alias account current on pay day, also after a rotation of the binding;
//! and erasure through the identity pallet, after which an owed wage is kept, not lost.

mod common;

use civitas_primitives::{AgencyKind, Aliases as _, Capability, Domain, PersonId, SubjectKind};
use civitas_runtime::{
	configs::aliases::{RebindGrace, RotationInterval},
	AccountId, Aliases, Balances, Identity, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin,
	WageEscrow,
};
use common::{wallet::*, *};
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect};
use pallet_civitas_wage_escrow::{Call, Error, Event, PayrollLine, PayrollStatus};
use sp_core::{sr25519, H256};
use sp_runtime::Percent;

const DEVELOPER: PersonId = H256::repeat_byte(0xD5);
const CONTRACTOR: PersonId = H256::repeat_byte(0xC5);
const WORKER: PersonId = H256::repeat_byte(0xA5);
const MATE: PersonId = H256::repeat_byte(0xA6);
/// The wallets (member keys) of the developer, the contractor and the two workers.
const D: u8 = 21;
const C: u8 = 22;
const W: u8 = 23;
const M: u8 = 24;
const UNIT: u128 = 100;
/// The bureau's officer: a key admitted with the new agency.
const BUREAU: [u8; 32] = [0xB0; 32];

/// The wages aliases' account keys and aliases of the story.
struct Cast {
	developer: sr25519::Pair,
	contractor: sr25519::Pair,
	worker: sr25519::Pair,
	worker_alias: H256,
	mate: sr25519::Pair,
	mate_alias: H256,
}

fn bureau() -> RuntimeOrigin {
	RuntimeOrigin::signed(AccountId::from(BUREAU))
}

/// Signs a wage-escrow call with an alias account's key, through the pool's checks and the
/// block; the dispatch's outcome.
fn wages(
	key: &sr25519::Pair,
	call: Call<Runtime>,
) -> Result<sp_runtime::DispatchResult, sp_runtime::transaction_validity::TransactionValidityError>
{
	let call = RuntimeCall::WageEscrow(call);
	let nonce = civitas_runtime::System::account_nonce(id_of(key));
	pool_validate(&signed_tx_by(key, nonce, call.clone()))?;
	submit_by(key, call)
}

fn balance(key: &sr25519::Pair) -> u128 {
	Balances::balance(&id_of(key))
}

/// The Housing and Construction Bureau admitted by vote (agency 8); Eve's firm the developer,
/// a firm with a fresh controller the contractor, Ferdie's person and a fresh one the workers,
/// each registered with a member key and bound to a wages alias; the developer's alias
/// account funded by Eve; project 0 (wage share 20 %, pay day 1), both workers offered a place
/// and accepting it.
fn setup() -> Cast {
	assert_ok!(carry(RuntimeCall::Consortium(pallet_consortium::Call::admit_agency {
		name: b"Housing and Construction Bureau".to_vec().try_into().unwrap(),
		kind: AgencyKind::Construction,
		city: 320100,
		admins: vec![AccountId::from(BUREAU)].try_into().unwrap(),
		capabilities: vec![Capability::SuperviseConstruction].try_into().unwrap(),
	})));
	for (person, controller, kind, seed) in [
		(DEVELOPER, account(Eve), SubjectKind::Company, D),
		(CONTRACTOR, id_of(&fresh_key("contractor-controller")), SubjectKind::Company, C),
		(WORKER, account(Ferdie), SubjectKind::Citizen, W),
		(MATE, id_of(&fresh_key("mate-controller")), SubjectKind::Citizen, M),
	] {
		assert_ok!(Identity::register_person(
			signed(Alice),
			person,
			kind,
			controller,
			H256::repeat_byte(1),
			false
		));
		record_member_key(person, seed);
	}
	build_rings();
	let (developer, developer_alias) = bind_fresh(D, Domain::Wages, "wages-developer");
	let (contractor, contractor_alias) = bind_fresh(C, Domain::Wages, "wages-contractor");
	let (worker, worker_alias) = bind_fresh(W, Domain::Wages, "wages-worker");
	let (mate, mate_alias) = bind_fresh(M, Domain::Wages, "wages-mate");
	assert_ok!(submit(
		Eve,
		RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: id_of(&developer).into(),
			value: 520_000 * UNIT,
		})
	)
	.expect("admitted"));
	assert_ok!(WageEscrow::register_project(
		bureau(),
		developer_alias,
		contractor_alias,
		1_000_000 * UNIT,
		Percent::from_percent(20),
		1,
	));
	for (key, alias) in [(&worker, worker_alias), (&mate, mate_alias)] {
		assert_eq!(wages(&contractor, Call::add_worker { project: 0, worker: alias }), Ok(Ok(())));
		assert_eq!(wages(key, Call::accept_place { project: 0 }), Ok(Ok(())));
	}
	Cast { developer, contractor, worker, worker_alias, mate, mate_alias }
}

/// Last month (December 2026: the blocks run in January 2027), due on 1 January.
const MONTH: u32 = 202612;

/// The contractor's payroll for MONTH: the worker 8 000.00, the mate 7 000.00.
fn submit_payroll(c: &Cast) {
	let lines = vec![
		PayrollLine { worker: c.worker_alias, days: 22, amount: 8_000 * UNIT },
		PayrollLine { worker: c.mate_alias, days: 20, amount: 7_000 * UNIT },
	];
	assert_eq!(
		wages(
			&c.contractor,
			Call::submit_payroll { project: 0, month: MONTH, lines: lines.try_into().unwrap() }
		),
		Ok(Ok(()))
	);
}

/// The developer deposits `amount` from its alias account.
fn deposit(c: &Cast, amount: u128) {
	assert_eq!(wages(&c.developer, Call::deposit { project: 0, amount }), Ok(Ok(())));
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

/// The developer deposits, a milestone pays the contractor's alias account and keeps its wage
/// share back, the contractor submits the payroll, the bureau approves, and at the next block
/// every worker's alias account rises by exactly its wage with no transaction from anyone; no
/// unit is minted or burned. The workers' controllers (main accounts) receive nothing.
#[test]
fn wages_reach_the_workers_alias_accounts_on_pay_day_with_no_transaction() {
	run(|| {
		let c = setup();
		let issuance = Balances::total_issuance();
		deposit(&c, 500_000 * UNIT);
		assert_ok!(WageEscrow::release_milestone(
			bureau(),
			0,
			100_000 * UNIT,
			H256::repeat_byte(2)
		));
		assert_eq!(balance(&c.contractor), 80_000 * UNIT);
		assert_eq!(
			pallet_civitas_wage_escrow::Projects::<Runtime>::get(0).unwrap().books.reserve,
			20_000 * UNIT
		);
		submit_payroll(&c);
		assert_ok!(WageEscrow::approve_payroll(bureau(), 0, MONTH));
		let ferdie = Balances::balance(&account(Ferdie));
		next_block();
		assert_eq!(balance(&c.worker), 8_000 * UNIT);
		assert_eq!(balance(&c.mate), 7_000 * UNIT);
		assert_eq!(Balances::balance(&account(Ferdie)), ferdie, "not the main account");
		assert!(wage_event(Event::PayrollPaid { project: 0, month: MONTH, total: 15_000 * UNIT }));
		assert_eq!(
			pallet_civitas_wage_escrow::Payrolls::<Runtime>::get(0, MONTH).unwrap().status,
			PayrollStatus::Paid
		);
		assert_eq!(Balances::total_issuance(), issuance, "no money made or destroyed");
		next_block();
		assert_eq!(balance(&c.worker), 8_000 * UNIT, "paid once");
	});
}

/// With the review period cut to 12 s by vote, a payroll nobody disputes is approved and,
/// the reserve being short, raises arrears: nothing is paid, the next milestone is refused;
/// the developer's top-up (through the pool) has the payroll paid in full at the next block.
#[test]
fn a_short_reserve_raises_arrears_until_the_developer_tops_up() {
	run(|| {
		let c = setup();
		assert_ok!(carry(RuntimeCall::WageEscrow(Call::set_review_period { period: 12_000 })));
		deposit(&c, 50_000 * UNIT);
		// 20 % of 50 000 is 10 000 for wages: 5 000 short of 15 000.
		assert_ok!(WageEscrow::release_milestone(bureau(), 0, 50_000 * UNIT, H256::zero()));
		submit_payroll(&c);
		let events = blocks(3);
		assert!(events.contains(&Event::PayrollApproved { project: 0, month: MONTH, auto: true }));
		assert!(events.contains(&Event::ArrearsDetected {
			project: 0,
			month: MONTH,
			shortfall: 5_000 * UNIT
		}));
		assert_eq!(balance(&c.worker), 0, "nothing partial");
		assert_eq!(WageEscrow::projects_in_arrears(8), vec![(0, MONTH, 5_000 * UNIT)]);
		assert_noop!(
			WageEscrow::release_milestone(bureau(), 0, 1, H256::zero()),
			Error::<Runtime>::InArrears
		);
		deposit(&c, 5_000 * UNIT);
		next_block();
		assert_eq!(balance(&c.worker), 8_000 * UNIT);
		// Out of arrears, milestones flow again.
		deposit(&c, 1_000 * UNIT);
		assert_ok!(WageEscrow::release_milestone(bureau(), 0, 1_000 * UNIT, H256::zero()));
	});
}

/// A worker disputes its line from its alias account through the pool; the review ends and
/// the payroll waits for the bureau, which approves it. The worker's main account acts under
/// no wages alias and cannot.
#[test]
fn a_disputed_payroll_waits_for_the_bureau() {
	run(|| {
		let c = setup();
		assert_ok!(carry(RuntimeCall::WageEscrow(Call::set_review_period { period: 12_000 })));
		deposit(&c, 100_000 * UNIT);
		assert_ok!(WageEscrow::release_milestone(bureau(), 0, 100_000 * UNIT, H256::zero()));
		submit_payroll(&c);
		let dispute =
			Call::dispute_line { project: 0, month: MONTH, line: 0, reason: H256::repeat_byte(5) };
		assert_eq!(
			submit(Ferdie, RuntimeCall::WageEscrow(dispute.clone())),
			Ok(Err(Error::<Runtime>::NoAlias.into()))
		);
		assert_eq!(wages(&c.worker, dispute), Ok(Ok(())), "its alias account disputes");
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

/// Issue 32 item 10: the worker's wallet rotates its wages alias to a new key (with a real
/// proof, a day after binding) between approval and pay day; the wage goes to the new key,
/// never the old one. A stranger's place offer never counts until accepted.
#[test]
fn a_wage_follows_the_binding_to_its_new_key() {
	run(|| {
		let c = setup();
		deposit(&c, 100_000 * UNIT);
		assert_ok!(WageEscrow::release_milestone(bureau(), 0, 100_000 * UNIT, H256::zero()));
		submit_payroll(&c);
		assert_ok!(WageEscrow::approve_payroll(bureau(), 0, MONTH));
		pallet_timestamp::Now::<Runtime>::mutate(|now| *now += RotationInterval::get());
		let new = fresh_key("wages-worker-new");
		let tx = bind_tx(W, Domain::Wages, &id_of(&new), 1);
		pool_validate(&tx).expect("the pool admits the rotation");
		assert_ok!(apply(&tx).expect("valid"));
		assert_eq!(Aliases::account_of(&c.worker_alias, Domain::Wages), Some(id_of(&new)));
		next_block();
		assert_eq!(balance(&new), 8_000 * UNIT, "the current key");
		assert_eq!(balance(&c.worker), 0, "never the stale one");
		assert_eq!(
			pallet_civitas_wage_escrow::Payments::<Runtime>::get(c.worker_alias, (0, MONTH))
				.map(|p| p.account),
			Some(id_of(&new))
		);
	});
}

/// Erasing the mate through the identity pallet takes its member key out of its ring: after
/// the rings' grace its wages alias ends. Its submitted wage falls due with no live account to
/// pay: it is kept as unclaimed on the project account (nothing lost, nothing paid to a key
/// nobody holds), and the project still closes, keeping it.
#[test]
fn erasure_ends_the_wages_alias_and_the_owed_wage_is_kept() {
	run(|| {
		let c = setup();
		deposit(&c, 100_000 * UNIT);
		assert_ok!(WageEscrow::release_milestone(bureau(), 0, 100_000 * UNIT, H256::zero()));
		submit_payroll(&c);
		assert_ok!(Identity::erase_person(signed(Alice), MATE, Default::default()));
		build_rings();
		// The worker, in the same ring, binds its account again to the ring's new root within
		// the grace; the mate cannot.
		let refresh = bind_tx(W, Domain::Wages, &id_of(&c.worker), 1);
		assert_ok!(apply(&refresh).expect("valid"));
		// The grace passes: blocks' time follows their number.
		let blocks_in_grace = u32::try_from(RebindGrace::get() / 6_000).unwrap();
		let later = civitas_runtime::System::block_number() + blocks_in_grace;
		civitas_runtime::System::set_block_number(later - 1);
		start_block(later);
		assert_eq!(Aliases::alias_of(&id_of(&c.mate), Domain::Wages), None);
		assert_eq!(Aliases::alias_of(&id_of(&c.worker), Domain::Wages), Some(c.worker_alias));
		// That block's agenda approved the payroll (its review ended undisputed) and paid it.
		assert_eq!(balance(&c.worker), 8_000 * UNIT);
		assert_eq!(balance(&c.mate), 0);
		let books = pallet_civitas_wage_escrow::Projects::<Runtime>::get(0).unwrap().books;
		assert_eq!(books.unclaimed, 7_000 * UNIT);
		assert_eq!(
			submit_by(
				&c.mate,
				RuntimeCall::WageEscrow(Call::claim_wage { project: 0, month: MONTH, line: 1 })
			),
			Ok(Err(Error::<Runtime>::NoAlias.into()))
		);
		assert_eq!(WageEscrow::held(0), books.escrow + books.reserve + 7_000 * UNIT);
		let developer = balance(&c.developer);
		assert_ok!(WageEscrow::close_project(bureau(), 0));
		assert_eq!(balance(&c.developer), developer + books.escrow + books.reserve);
		assert_eq!(WageEscrow::held(0), 7_000 * UNIT, "the owed wage stays held");
	});
}
