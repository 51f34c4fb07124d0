//! The settlement unit on the real runtime: the treasury mints against deposits, citizens pay
//! and redeem, the treasury settles; money is made and destroyed nowhere else; a citizen with
//! nothing still transacts; ceilings and treasuries change by vote.

mod common;

use civitas_primitives::{invalid_tx, Capability, SubjectKind};
use civitas_runtime::{
	currency::UNITS, genesis_config_presets::TREASURY_AGENCY, Balances, Consortium, Runtime,
	RuntimeCall, RuntimeEvent, Settlement, System,
};
use common::*;
use frame_support::{assert_err_ignore_postinfo, assert_noop, assert_ok};
use pallet_civitas_settlement::{Event as SettlementEvent, MintCeiling, MintTarget};
use sp_core::H256;
use sp_runtime::transaction_validity::{InvalidTransaction, TransactionValidityError};

fn refused(code: u8) -> TransactionValidityError {
	TransactionValidityError::Invalid(InvalidTransaction::Custom(code))
}

fn mint_call(to: sp_keyring::Sr25519Keyring, amount: u128, reference: u8) -> RuntimeCall {
	RuntimeCall::Settlement(pallet_civitas_settlement::Call::mint {
		to: MintTarget::Account(to.to_account_id()),
		amount,
		deposit: H256::repeat_byte(reference),
	})
}

fn transfer_all(to: sp_keyring::Sr25519Keyring) -> RuntimeCall {
	RuntimeCall::Balances(pallet_balances::Call::transfer_all {
		dest: to.to_account_id().into(),
		keep_alive: false,
	})
}

/// Eve, enrolled by the civil-affairs bureau (Alice).
fn enrol_eve() {
	assert_ok!(Consortium::enrol(signed(Alice), account(Eve), SubjectKind::Citizen));
}

/// The story: the treasury (Dave) mints to a citizen against a deposit reference, the
/// citizen pays another account, redeems part, the treasury settles; total issuance moves by
/// exactly minted − burned. Every step is a signed transaction through the pool's checks.
#[test]
fn treasury_mints_citizen_pays_and_redeems_and_issuance_moves_by_minted_minus_burned() {
	run(|| {
		enrol_eve();
		let before = Balances::total_issuance();
		let eve_before = Balances::free_balance(account(Eve));

		assert_eq!(submit(Dave, mint_call(Eve, 500 * UNITS, 0xD1)), Ok(Ok(())));
		assert!(has_event(RuntimeEvent::Settlement(SettlementEvent::Minted {
			agency: TREASURY_AGENCY,
			to: account(Eve),
			amount: 500 * UNITS,
			deposit: H256::repeat_byte(0xD1),
		})));
		let pay = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: account(Ferdie).into(),
			value: 120 * UNITS,
		});
		assert_eq!(submit(Eve, pay), Ok(Ok(())));
		let request =
			RuntimeCall::Settlement(pallet_civitas_settlement::Call::request_redemption {
				amount: 200 * UNITS,
			});
		assert_eq!(
			pool_validate(&signed_tx(Eve, System::account_nonce(account(Eve)), request.clone())),
			Ok(())
		);
		assert_eq!(submit(Eve, request), Ok(Ok(())));
		let pending = Settlement::pending_redemptions(account(Eve));
		assert_eq!(pending.len(), 1);
		let id = pending[0].0;
		let settle = RuntimeCall::Settlement(pallet_civitas_settlement::Call::settle_redemption {
			id,
			paid: 200 * UNITS,
			payout: H256::repeat_byte(0xB1),
		});
		assert_eq!(submit(Dave, settle), Ok(Ok(())));

		assert_eq!(Balances::total_issuance(), before + 500 * UNITS - 200 * UNITS);
		assert_eq!(Balances::free_balance(account(Eve)), eve_before + 500 * UNITS - 320 * UNITS);
		let totals = Settlement::totals();
		assert_eq!((totals.minted, totals.burned, totals.pending), (500 * UNITS, 200 * UNITS, 0));
		// A replayed deposit reference mints nothing.
		let issuance = Balances::total_issuance();
		assert_eq!(
			submit(Dave, mint_call(Eve, 500 * UNITS, 0xD1)),
			Ok(Err(pallet_civitas_settlement::Error::<Runtime>::DepositReferenceUsed.into()))
		);
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

/// A feeless chain: an enrolled account that owns nothing still exists and still transacts
/// (no fee, no deposit), and receives again.
#[test]
fn an_enrolled_account_with_a_zero_balance_still_transacts() {
	run(|| {
		enrol_eve();
		assert_eq!(submit(Eve, transfer_all(Ferdie)), Ok(Ok(())));
		assert_eq!(Balances::free_balance(account(Eve)), 0);
		assert!(System::account_exists(&account(Eve)));

		// Its next transaction is valid and included; the call itself finds nothing to redeem.
		let request =
			RuntimeCall::Settlement(pallet_civitas_settlement::Call::request_redemption {
				amount: 1,
			});
		let nonce = System::account_nonce(account(Eve));
		assert_eq!(pool_validate(&signed_tx(Eve, nonce, request.clone())), Ok(()));
		assert_eq!(
			submit(Eve, request),
			Ok(Err(pallet_civitas_settlement::Error::<Runtime>::InsufficientBalance.into()))
		);
		assert_eq!(System::account_nonce(account(Eve)), nonce + 1);

		// Money minted to it is spendable at once, all of it.
		assert_eq!(submit(Dave, mint_call(Eve, 3 * UNITS, 0xD2)), Ok(Ok(())));
		assert_eq!(submit(Eve, transfer_all(Ferdie)), Ok(Ok(())));
		assert_eq!(Balances::free_balance(account(Eve)), 0);
	});
}

/// Attack: a member makes or destroys money behind the treasury's back (a citizen or an
/// officer burns, the consortium votes a balance into existence), so that issuance no longer
/// matches the fiat it stands for.
#[test]
fn no_account_and_no_vote_makes_or_destroys_money_outside_settlement() {
	run(|| {
		enrol_eve();
		let burn =
			RuntimeCall::Balances(pallet_balances::Call::burn { value: UNITS, keep_alive: true });
		assert_eq!(submit(Eve, burn.clone()), Err(refused(invalid_tx::CALL_NOT_ALLOWED)));
		assert_eq!(submit(Dave, burn.clone()), Err(refused(invalid_tx::CALL_NOT_ALLOWED)));
		// A citizen cannot mint either, nor settle its own redemption.
		assert_eq!(
			submit(Eve, mint_call(Eve, UNITS, 1)),
			Err(refused(invalid_tx::CALL_NOT_ALLOWED))
		);

		for call in [
			burn,
			RuntimeCall::Balances(pallet_balances::Call::force_set_balance {
				who: account(Eve).into(),
				new_free: 1_000_000 * UNITS,
			}),
			RuntimeCall::Balances(pallet_balances::Call::force_adjust_total_issuance {
				direction: pallet_balances::AdjustmentDirection::Increase,
				delta: UNITS,
			}),
		] {
			assert_err_ignore_postinfo!(
				Consortium::propose(signed(Alice), Box::new(call)),
				pallet_consortium::Error::<Runtime>::CallNotProposable
			);
		}
	});
}

/// Ceilings are the consortium's: a vote lowers the treasury's, and mints above it fail with
/// nothing moved.
#[test]
fn the_consortium_sets_the_treasury_ceiling_by_vote() {
	run(|| {
		enrol_eve();
		assert_ok!(carry(RuntimeCall::Settlement(
			pallet_civitas_settlement::Call::set_mint_ceiling {
				agency: TREASURY_AGENCY,
				ceiling: MintCeiling { per_mint: 10 * UNITS, per_day: 15 * UNITS },
			}
		)));
		let issuance = Balances::total_issuance();
		assert_eq!(
			submit(Dave, mint_call(Eve, 11 * UNITS, 1)),
			Ok(Err(pallet_civitas_settlement::Error::<Runtime>::AboveMintCeiling.into()))
		);
		assert_eq!(submit(Dave, mint_call(Eve, 10 * UNITS, 2)), Ok(Ok(())));
		assert_eq!(
			submit(Dave, mint_call(Eve, 6 * UNITS, 3)),
			Ok(Err(pallet_civitas_settlement::Error::<Runtime>::AboveDailyCeiling.into()))
		);
		assert_eq!(Balances::total_issuance(), issuance + 10 * UNITS);
	});
}

/// A treasury removed from the consortium mints no more; what its agency account holds is
/// moved by vote, not lost.
#[test]
fn a_removed_treasury_cannot_mint_and_its_account_is_recovered_by_vote() {
	// The development chain: Dave's agency runs no validator, so it can be removed at once.
	new_test_ext("development").execute_with(|| {
		enrol_eve();
		let treasury = Settlement::agency_account(TREASURY_AGENCY);
		assert_ok!(Settlement::mint(
			signed(Dave),
			MintTarget::Agency(TREASURY_AGENCY),
			40 * UNITS,
			H256::repeat_byte(9)
		));
		assert_eq!(Balances::free_balance(&treasury), 40 * UNITS);
		// The treasury's admin pays out of it under the agency's authority.
		assert_ok!(Settlement::agency_transfer(signed(Dave), account(Eve), 15 * UNITS));

		assert_ok!(carry(RuntimeCall::Consortium(pallet_consortium::Call::remove_agency {
			agency: TREASURY_AGENCY
		})));
		assert!(!<pallet_consortium::Pallet<Runtime> as civitas_primitives::AgencyAuthority<
			_,
			_,
		>>::has_capability(TREASURY_AGENCY, Capability::MintSettlement));
		assert_noop!(
			Settlement::mint(
				signed(Dave),
				MintTarget::Account(account(Eve)),
				UNITS,
				H256::repeat_byte(10)
			),
			pallet_consortium::Error::<Runtime>::NotStaff
		);
		// Five members left: the recovery is carried by the vote.
		let civil_affairs = Settlement::agency_account(0);
		let index = pallet_consortium::NextProposalIndex::<Runtime>::get();
		let recover =
			RuntimeCall::Settlement(pallet_civitas_settlement::Call::consortium_transfer {
				agency: TREASURY_AGENCY,
				to: civil_affairs.clone(),
				amount: 25 * UNITS,
			});
		assert_eq!(carry(recover), Ok(()));
		assert_eq!(executed(index), Some(Ok(())));
		assert_eq!(Balances::free_balance(&treasury), 0);
		assert_eq!(Balances::free_balance(&civil_affairs), 25 * UNITS);
		check_invariants();
	});
}
