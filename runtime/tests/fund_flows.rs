//! Provident-fund flows that cross pallets, on the real runtime: the genesis centres, persons and employers from the identity pallet, money from balances held on the
//! fund purses, consented reads in the identity access log, erasure through the identity
//! pallet, and an employer's contribution admitted by the pool.

mod common;

use civitas_primitives::{PersonId, Purpose, Scope, SubjectKind};
use civitas_runtime::{Balances, Identity, ProvidentFund, Runtime, RuntimeCall, RuntimeHoldReason};
use common::*;
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use pallet_civitas_provident_fund::{
	AccountStatus, ContributionLine, HoldReason, WithdrawalPurpose,
};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;

const WORKER: PersonId = H256::repeat_byte(0xA7);
const FIRM: PersonId = H256::repeat_byte(0xE7);
/// The genesis fund centres of Nanjing (agency 4, admin One) and Beijing (agency 5, Two).
const CENTRE_A: u32 = 4;
const CENTRE_B: u32 = 5;
const A: Sr25519Keyring = Sr25519Keyring::One;
const B: Sr25519Keyring = Sr25519Keyring::Two;
const UNIT: u128 = 100;

/// A worker (Ferdie) with an account at A, a firm (Eve) registered with A that employs the
/// worker from October 2026.
fn setup() {
	for (person, key, kind) in
		[(WORKER, Ferdie, SubjectKind::Citizen), (FIRM, Eve, SubjectKind::Company)]
	{
		assert_ok!(Identity::register_person(
			signed(Alice),
			person,
			kind,
			account(key),
			H256::repeat_byte(1),
			false
		));
	}
	assert_ok!(ProvidentFund::open_account(signed(A), WORKER));
	assert_ok!(ProvidentFund::register_employer(signed(A), FIRM));
	assert_ok!(ProvidentFund::declare_employee(signed(Eve), CENTRE_A, WORKER, 202610));
}

fn line() -> ContributionLine {
	ContributionLine {
		employee: WORKER,
		base: 10_000 * UNIT,
		employee_rate: 1000,
		employer_rate: 1000,
	}
}

fn pay(month: u32) -> RuntimeCall {
	RuntimeCall::ProvidentFund(pallet_civitas_provident_fund::Call::contribute {
		month,
		lines: vec![line()].try_into().unwrap(),
	})
}

fn held() -> u128 {
	let reason: RuntimeHoldReason = HoldReason::Fund.into();
	Balances::balance_on_hold(&reason, &ProvidentFund::purse_of(&WORKER))
}

/// Three months paid in city A through the pool, the worker moves to city B, the account
/// arrives with its balance and history, and B's next contribution adds to it; the money is
/// held throughout and no unit is minted or burned.
#[test]
fn contributions_follow_the_worker_to_another_city() {
	run(|| {
		setup();
		let issuance = Balances::total_issuance();
		let firm_before = Balances::balance(&account(Eve));
		for month in [202610, 202611, 202612] {
			assert_eq!(submit(Eve, pay(month)), Ok(Ok(())), "an enrolled company pays");
		}
		assert_eq!(held(), 3 * 2_000 * UNIT);
		assert_eq!(Balances::balance(&account(Eve)), firm_before - 3 * 2_000 * UNIT);
		// Twice the same month: refused, nothing moves.
		assert_eq!(
			submit(Eve, pay(202612)),
			Ok(Err(
				pallet_civitas_provident_fund::Error::<Runtime>::LineAlreadyPaid { line: 0 }.into()
			))
		);
		assert_eq!(held(), 3 * 2_000 * UNIT);

		assert_ok!(ProvidentFund::request_transfer(signed(Ferdie), WORKER, 0, CENTRE_B, None));
		assert_ok!(ProvidentFund::approve_transfer(signed(A), WORKER));
		let new = pallet_civitas_provident_fund::OpenAccount::<Runtime>::get(WORKER).unwrap();
		let account_b = pallet_civitas_provident_fund::Accounts::<Runtime>::get(new).unwrap();
		assert_eq!(
			(account_b.centre, account_b.balance, account_b.months),
			(CENTRE_B, 6_000 * UNIT, 3)
		);
		assert_eq!(
			pallet_civitas_provident_fund::Accounts::<Runtime>::get(0).unwrap().status,
			AccountStatus::TransferredOut { to: new }
		);
		assert_eq!(
			pallet_civitas_provident_fund::Contributions::<Runtime>::iter_prefix(WORKER).count(),
			3
		);

		// City B's employer (the firm registers there) pays January.
		assert_ok!(ProvidentFund::register_employer(signed(B), FIRM));
		assert_ok!(ProvidentFund::end_employment(signed(Eve), WORKER, 202612));
		assert_ok!(ProvidentFund::declare_employee(signed(Eve), CENTRE_B, WORKER, 202701));
		assert_eq!(submit(Eve, pay(202701)), Ok(Ok(())));
		assert_eq!(held(), 4 * 2_000 * UNIT);
		assert_eq!(Balances::total_issuance(), issuance, "no money made or destroyed");

		// Retirement pays it all to the worker and closes the account.
		let before = Balances::balance(&account(Ferdie));
		assert_ok!(ProvidentFund::withdraw(
			signed(B),
			new,
			8_000 * UNIT,
			WithdrawalPurpose::Retirement,
			H256::repeat_byte(2),
			account(Ferdie)
		));
		assert_eq!(Balances::balance(&account(Ferdie)), before + 8_000 * UNIT);
		assert_eq!(held(), 0);
	});
}

/// An agency reads a worker's fund balance only under the worker's consent (given in the
/// identity pallet), and the read lands in the worker's access log.
#[test]
fn a_consented_read_is_traced_in_the_identity_access_log() {
	run(|| {
		setup();
		assert_eq!(submit(Eve, pay(202610)), Ok(Ok(())));
		let purpose = Purpose::Code(5);
		let read = || ProvidentFund::verify_account(signed(Alice), WORKER, purpose.clone());
		assert_noop!(read(), pallet_civitas_provident_fund::Error::<Runtime>::NoConsent);
		let until = pallet_timestamp::Now::<Runtime>::get() + 86_400_000;
		assert_ok!(Identity::grant_consent(
			signed(Ferdie),
			WORKER,
			0,
			Scope::FundAccount,
			purpose.clone(),
			until,
			None
		));
		assert_ok!(read());
		let log = pallet_civitas_identity::Pallet::<Runtime>::access_log(&WORKER);
		assert_eq!(log.len(), 1);
		assert_eq!((log[0].agency, log[0].scope), (0, Scope::FundAccount));
	});
}

/// Erasing the worker through the identity pallet drops its pending transfer and keeps its
/// money held (nothing is lost); erasing the firm keeps its registration (a business record).
#[test]
fn erasure_reaches_the_fund() {
	run(|| {
		setup();
		assert_eq!(submit(Eve, pay(202610)), Ok(Ok(())));
		assert_ok!(ProvidentFund::request_transfer(signed(Ferdie), WORKER, 0, CENTRE_B, None));
		assert_ok!(Identity::erase_person(signed(Alice), FIRM, Default::default()));
		assert_eq!(
			pallet_civitas_provident_fund::Employers::<Runtime>::iter_prefix(FIRM).count(),
			1
		);
		assert_ok!(Identity::erase_person(signed(Alice), WORKER, Default::default()));
		assert!(pallet_civitas_provident_fund::Transfers::<Runtime>::get(WORKER).is_none());
		assert_eq!(held(), 2_000 * UNIT);
	});
}
