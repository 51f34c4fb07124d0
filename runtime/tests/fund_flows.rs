//! Provident-fund flows that cross pallets, on the real runtime: persons registered in the
//! identity pallet act in the fund under fund aliases bound with real ring-VRF proofs (the
//! aliases pallet), money from balances held on the aliases' fund purses, consent given under
//! the alias and the read traced in its access log, employment accepted by the worker, a wrong
//! contribution reversed, and the end of a person's alias after its erasure.

mod common;

use civitas_primitives::{Aliases as _, Domain, PersonId, Purpose, Scope, SubjectKind};
use civitas_runtime::{
	configs::aliases::RebindGrace, Aliases, Balances, Identity, ProvidentFund, Runtime,
	RuntimeCall, RuntimeHoldReason,
};
use common::{wallet::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use pallet_civitas_provident_fund::{
	AccountStatus, ContributionLine, Error, HoldReason, WithdrawalPurpose,
};
use sp_core::{sr25519, H256};
use sp_keyring::Sr25519Keyring;

const WORKER: PersonId = H256::repeat_byte(0xA7);
const FIRM: PersonId = H256::repeat_byte(0xE7);
const STRANGER: PersonId = H256::repeat_byte(0xE8);
/// The wallets of the worker, the firm and a stranger firm.
const W: u8 = 7;
const F: u8 = 8;
const S: u8 = 9;
/// The genesis fund centres of Nanjing (agency 4, admin One) and Beijing (agency 5, Two).
const CENTRE_A: u32 = 4;
const CENTRE_B: u32 = 5;
const A: Sr25519Keyring = Sr25519Keyring::One;
const B: Sr25519Keyring = Sr25519Keyring::Two;
const UNIT: u128 = 100;

/// The fund aliases' account keys and aliases of the story.
struct Cast {
	worker: sr25519::Pair,
	worker_alias: H256,
	firm: sr25519::Pair,
	firm_alias: H256,
	stranger: sr25519::Pair,
	stranger_alias: H256,
}

/// The worker (Ferdie's person), the firm (Eve's) and a stranger firm registered with member
/// keys; each binds a fund alias; the worker has an account
/// at A; the firm is registered with A, funded, employs the worker from October 2026, and the
/// worker accepted.
fn setup() -> Cast {
	for (person, controller, kind, seed) in [
		(WORKER, account(Ferdie), SubjectKind::Citizen, W),
		(FIRM, account(Eve), SubjectKind::Company, F),
		(STRANGER, id_of(&fresh_key("stranger-controller")), SubjectKind::Company, S),
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
	let (worker, worker_alias) = bind_fresh(W, Domain::Fund, "worker");
	let (firm, firm_alias) = bind_fresh(F, Domain::Fund, "firm");
	let (stranger, stranger_alias) = bind_fresh(S, Domain::Fund, "stranger");
	// The firm moves money to its alias account, which pays the contributions.
	for to in [id_of(&firm), id_of(&stranger)] {
		assert_ok!(submit(
			Eve,
			RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
				dest: to.into(),
				value: 100_000 * UNIT,
			})
		)
		.expect("admitted"));
	}
	assert_ok!(fund(
		&worker,
		pallet_civitas_provident_fund::Call::request_account { centre: CENTRE_A }
	)
	.expect("an alias account transacts"));
	assert_ok!(ProvidentFund::open_account(signed(A), worker_alias));
	assert_ok!(ProvidentFund::register_employer(signed(A), firm_alias));
	assert_ok!(fund(
		&firm,
		pallet_civitas_provident_fund::Call::declare_employee {
			centre: CENTRE_A,
			employee: worker_alias,
			from: 202610,
		}
	)
	.expect("admitted"));
	assert_ok!(fund(
		&worker,
		pallet_civitas_provident_fund::Call::accept_employment { employer: firm_alias }
	)
	.expect("an alias account transacts"));
	Cast { worker, worker_alias, firm, firm_alias, stranger, stranger_alias }
}

/// Signs a fund call with an alias account's key; the dispatch's outcome.
fn fund(
	key: &sr25519::Pair,
	call: pallet_civitas_provident_fund::Call<Runtime>,
) -> Result<sp_runtime::DispatchResult, sp_runtime::transaction_validity::TransactionValidityError>
{
	submit_by(key, RuntimeCall::ProvidentFund(call))
}

/// The holder asks to move its account 0 to centre B.
fn move_to_b(holder: H256) -> pallet_civitas_provident_fund::Call<Runtime> {
	pallet_civitas_provident_fund::Call::request_transfer {
		holder,
		account: 0,
		to: CENTRE_B,
		purpose: None,
	}
}

fn pay(employee: H256, month: u32) -> RuntimeCall {
	RuntimeCall::ProvidentFund(pallet_civitas_provident_fund::Call::contribute {
		month,
		lines: vec![ContributionLine {
			employee,
			base: 10_000 * UNIT,
			employee_rate: 1000,
			employer_rate: 1000,
		}]
		.try_into()
		.unwrap(),
	})
}

fn held(alias: &H256) -> u128 {
	let reason: RuntimeHoldReason = HoldReason::Fund.into();
	Balances::balance_on_hold(&reason, &ProvidentFund::purse_of(alias))
}

/// Three months paid in city A through the pool by the firm's alias account, the worker moves
/// to city B, the account arrives with its balance and history, and B's next contribution adds
/// to it; the money is held throughout and no unit is minted or burned; retirement pays it all
/// to the worker's alias account.
#[test]
fn contributions_follow_the_worker_to_another_city() {
	run(|| {
		let c = setup();
		let issuance = Balances::total_issuance();
		let firm_before = Balances::balance(&id_of(&c.firm));
		for month in [202610, 202611, 202612] {
			assert_eq!(submit_by(&c.firm, pay(c.worker_alias, month)), Ok(Ok(())));
		}
		assert_eq!(held(&c.worker_alias), 3 * 2_000 * UNIT);
		assert_eq!(Balances::balance(&id_of(&c.firm)), firm_before - 3 * 2_000 * UNIT);
		// Twice the same month: refused, nothing moves.
		assert_eq!(
			submit_by(&c.firm, pay(c.worker_alias, 202612)),
			Ok(Err(Error::<Runtime>::LineAlreadyPaid { line: 0 }.into()))
		);
		assert_eq!(held(&c.worker_alias), 3 * 2_000 * UNIT);

		assert_eq!(fund(&c.worker, move_to_b(c.worker_alias)), Ok(Ok(())));
		assert_ok!(ProvidentFund::approve_transfer(signed(A), c.worker_alias));
		let new =
			pallet_civitas_provident_fund::OpenAccount::<Runtime>::get(c.worker_alias).unwrap();
		let account_b = pallet_civitas_provident_fund::Accounts::<Runtime>::get(new).unwrap();
		assert_eq!(
			(account_b.centre, account_b.balance, account_b.months),
			(CENTRE_B, 6_000 * UNIT, 3)
		);
		assert_eq!(
			pallet_civitas_provident_fund::Accounts::<Runtime>::get(0).unwrap().status,
			AccountStatus::TransferredOut { to: new }
		);

		// City B: the firm registers there, ends the old employment and declares a new one.
		assert_ok!(ProvidentFund::register_employer(signed(B), c.firm_alias));
		assert_eq!(
			fund(
				&c.firm,
				pallet_civitas_provident_fund::Call::end_employment {
					employee: c.worker_alias,
					until: 202612,
				}
			),
			Ok(Ok(()))
		);
		assert_eq!(
			fund(
				&c.firm,
				pallet_civitas_provident_fund::Call::declare_employee {
					centre: CENTRE_B,
					employee: c.worker_alias,
					from: 202701,
				}
			),
			Ok(Ok(()))
		);
		assert_eq!(
			fund(
				&c.worker,
				pallet_civitas_provident_fund::Call::accept_employment { employer: c.firm_alias }
			),
			Ok(Ok(()))
		);
		assert_eq!(submit_by(&c.firm, pay(c.worker_alias, 202701)), Ok(Ok(())));
		assert_eq!(held(&c.worker_alias), 4 * 2_000 * UNIT);
		assert_eq!(Balances::total_issuance(), issuance, "no money made or destroyed");

		// Retirement pays it all to the worker's alias account and closes the account.
		let worker_account = id_of(&c.worker);
		let before = Balances::balance(&worker_account);
		assert_ok!(ProvidentFund::withdraw(
			signed(B),
			new,
			8_000 * UNIT,
			WithdrawalPurpose::Retirement,
			H256::repeat_byte(2),
			worker_account.clone()
		));
		assert_eq!(Balances::balance(&worker_account), before + 8_000 * UNIT);
		assert_eq!(held(&c.worker_alias), 0);
	});
}

/// A stranger employer that learnt the worker's alias declares it and pays a cent for a month
/// (issue 32's pre-emption): refused, since the worker never accepted; the real employer pays
/// the month. A wrong contribution of the real employer is reversed by the centre, back to the
/// account that paid it, and the month is free again.
#[test]
fn a_stranger_cannot_pre_empt_a_month_and_a_wrong_one_is_reversed() {
	run(|| {
		let c = setup();
		assert_ok!(ProvidentFund::register_employer(signed(A), c.stranger_alias));
		assert_eq!(
			fund(
				&c.stranger,
				pallet_civitas_provident_fund::Call::declare_employee {
					centre: CENTRE_A,
					employee: c.worker_alias,
					from: 202610,
				}
			),
			Ok(Ok(()))
		);
		assert_eq!(
			submit_by(&c.stranger, pay(c.worker_alias, 202610)),
			Ok(Err(Error::<Runtime>::LineNotAccepted { line: 0 }.into()))
		);
		let before = Balances::balance(&id_of(&c.firm));
		assert_eq!(submit_by(&c.firm, pay(c.worker_alias, 202610)), Ok(Ok(())));

		assert_noop!(
			ProvidentFund::reverse_contribution(signed(B), c.worker_alias, 202610, 1),
			Error::<Runtime>::NotTheCentre
		);
		assert_ok!(ProvidentFund::reverse_contribution(signed(A), c.worker_alias, 202610, 1));
		assert_eq!(Balances::balance(&id_of(&c.firm)), before, "paid back");
		assert_eq!(held(&c.worker_alias), 0);
		assert_eq!(submit_by(&c.firm, pay(c.worker_alias, 202610)), Ok(Ok(())));
	});
}

/// An agency reads a worker's fund balance only under the consent the worker's alias account
/// gave (in the identity pallet, under the alias), and the read lands in the alias's access
/// log; nothing of it names the worker's person id.
#[test]
fn a_consented_read_is_traced_in_the_aliases_access_log() {
	run(|| {
		let c = setup();
		assert_eq!(submit_by(&c.firm, pay(c.worker_alias, 202610)), Ok(Ok(())));
		let purpose = Purpose::Code(5);
		let read = || ProvidentFund::verify_account(signed(Alice), c.worker_alias, purpose.clone());
		assert_noop!(read(), Error::<Runtime>::NoConsent);
		let until = pallet_timestamp::Now::<Runtime>::get() + 86_400_000;
		assert_eq!(
			submit_by(
				&c.worker,
				RuntimeCall::Identity(pallet_civitas_identity::Call::grant_alias_consent {
					domain: Domain::Fund,
					agency: 0,
					scope: Scope::FundAccount,
					purpose: purpose.clone(),
					until,
				})
			),
			Ok(Ok(()))
		);
		assert_ok!(read());
		let log = pallet_civitas_identity::Pallet::<Runtime>::access_log(&c.worker_alias);
		assert_eq!(log.len(), 1);
		assert_eq!((log[0].agency, log[0].scope), (0, Scope::FundAccount));
		assert!(pallet_civitas_identity::Pallet::<Runtime>::access_log(&WORKER).is_empty());
	});
}

/// Erasing the worker through the identity pallet takes its member key out of its ring: after
/// the rings' grace its fund alias ends and nobody acts for it, while its money stays held on
/// the alias's purse (nothing is lost, and nothing ties it to the erased id).
#[test]
fn erasure_ends_the_fund_alias_after_the_grace() {
	run(|| {
		let c = setup();
		assert_eq!(submit_by(&c.firm, pay(c.worker_alias, 202610)), Ok(Ok(())));
		assert_ok!(Identity::erase_person(signed(Alice), WORKER, Default::default()));
		build_rings();
		pallet_timestamp::Now::<Runtime>::mutate(|now| *now += RebindGrace::get());
		assert_eq!(Aliases::alias_of(&id_of(&c.worker), Domain::Fund), None);
		assert_eq!(Aliases::alias_of(&id_of(&c.firm), Domain::Fund), Some(c.firm_alias));
		assert_eq!(
			fund(&c.worker, move_to_b(c.worker_alias)),
			Ok(Err(Error::<Runtime>::NoAlias.into()))
		);
		assert_eq!(held(&c.worker_alias), 2_000 * UNIT);
	});
}

/// Issue 32 item 9: a centre opens only the account its holder asked it for, so city B's
/// centre cannot capture city A's worker; and an old centre cannot refuse for ever: after two
/// refusals in a row the worker's next request goes to the consortium at once, the old centre
/// cannot refuse it, and the consortium forces it.
#[test]
fn no_centre_captures_an_account_nor_refuses_for_ever() {
	run(|| {
		let c = setup();
		assert_ok!(ProvidentFund::seal_account(signed(A), c.worker_alias));
		assert_noop!(
			ProvidentFund::open_account(signed(B), c.worker_alias),
			Error::<Runtime>::NotRequested
		);
		for refusals in 1..=2 {
			assert_eq!(fund(&c.worker, move_to_b(c.worker_alias)), Ok(Ok(())));
			assert_ok!(ProvidentFund::refuse_transfer(signed(A), c.worker_alias, 9));
			assert_eq!(
				pallet_civitas_provident_fund::Refusals::<Runtime>::get(c.worker_alias),
				refusals
			);
		}
		assert_eq!(fund(&c.worker, move_to_b(c.worker_alias)), Ok(Ok(())));
		let request = pallet_civitas_provident_fund::Transfers::<Runtime>::get(c.worker_alias);
		assert!(request.is_some_and(|r| r.escalated), "escalated at once");
		assert_noop!(
			ProvidentFund::refuse_transfer(signed(A), c.worker_alias, 9),
			Error::<Runtime>::Escalated
		);
		assert_ok!(carry(RuntimeCall::ProvidentFund(
			pallet_civitas_provident_fund::Call::force_transfer { holder: c.worker_alias }
		)));
		let open = pallet_civitas_provident_fund::OpenAccount::<Runtime>::get(c.worker_alias)
			.expect("moved");
		let account = pallet_civitas_provident_fund::Accounts::<Runtime>::get(open).unwrap();
		assert_eq!((account.centre, account.status), (CENTRE_B, AccountStatus::Open));
	});
}
