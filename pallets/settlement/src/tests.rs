//! Tests of the settlement pallet, one behaviour each; the invariants are checked after every
//! test (`run`).

use crate::{mock::*, Error, Event, HoldReason, MintCeiling, MintTarget, RefusalReason, Totals};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{InspectHold, Mutate},
		tokens::Preservation,
	},
};
use sp_core::H256;
use sp_runtime::{DispatchError, TokenError};

fn deposit(n: u8) -> H256 {
	H256::repeat_byte(n)
}

fn mint(to: AccountId, amount: Balance, reference: u8) {
	assert_ok!(Settlement::mint(
		RuntimeOrigin::signed(TREASURY),
		MintTarget::Account(to),
		amount,
		deposit(reference)
	));
}

fn request(who: AccountId, amount: Balance) -> u64 {
	let id = crate::NextRedemptionId::<Test>::get();
	assert_ok!(Settlement::request_redemption(RuntimeOrigin::signed(who), amount));
	id
}

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::Redemption.into(), &who)
}

fn totals() -> Totals<Balance> {
	Settlement::totals()
}

fn removed(agency: AgencyId) {
	Removed::set(&vec![agency]);
}

use civitas_primitives::AgencyId;

// --- set_mint_ceiling ---

#[test]
fn set_mint_ceiling_should_work() {
	run(|| {
		let ceiling = MintCeiling { per_mint: 5, per_day: 7 };
		assert_ok!(Settlement::set_mint_ceiling(RuntimeOrigin::root(), TREASURY2_AGENCY, ceiling));
		assert_eq!(crate::Ceilings::<Test>::get(TREASURY2_AGENCY), Some(ceiling));
		System::assert_last_event(
			Event::MintCeilingSet { agency: TREASURY2_AGENCY, ceiling }.into(),
		);
		assert_eq!(Settlement::mint_allowance(TREASURY2_AGENCY), Some((ceiling, 7)));
	});
}

#[test]
fn set_mint_ceiling_fails_without_the_consortium() {
	run(|| {
		let ceiling = MintCeiling { per_mint: 5, per_day: 7 };
		assert_noop!(
			Settlement::set_mint_ceiling(RuntimeOrigin::signed(TREASURY), TREASURY_AGENCY, ceiling),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn set_mint_ceiling_fails_for_unknown_agency_or_inverted_ceiling() {
	run(|| {
		let ceiling = MintCeiling { per_mint: 5, per_day: 7 };
		assert_noop!(
			Settlement::set_mint_ceiling(RuntimeOrigin::root(), 42, ceiling),
			Error::<Test>::UnknownAgency
		);
		assert_noop!(
			Settlement::set_mint_ceiling(
				RuntimeOrigin::root(),
				TREASURY_AGENCY,
				MintCeiling { per_mint: 8, per_day: 7 }
			),
			Error::<Test>::CeilingInverted
		);
	});
}

// --- mint ---

#[test]
fn mint_to_enrolled_account_should_work() {
	run(|| {
		let before = Balances::total_issuance();
		mint(ALICE, 2_500, 1);
		assert_eq!(Balances::free_balance(ALICE), 2_500);
		assert_eq!(Balances::total_issuance(), before + 2_500);
		assert_eq!(totals(), Totals { genesis: ENDOWMENT, minted: 2_500, burned: 0, pending: 0 });
		System::assert_last_event(
			Event::Minted {
				agency: TREASURY_AGENCY,
				to: ALICE,
				amount: 2_500,
				deposit: deposit(1),
			}
			.into(),
		);
		let record = Settlement::deposit(deposit(1)).unwrap();
		assert_eq!(
			(record.agency, record.to, record.amount, record.at),
			(TREASURY_AGENCY, ALICE, 2_500, 1)
		);
		assert_eq!(Settlement::mint_allowance(TREASURY_AGENCY).unwrap().1, PER_DAY - 2_500);
	});
}

#[test]
fn mint_to_agency_account_should_work() {
	run(|| {
		assert_ok!(Settlement::mint(
			RuntimeOrigin::signed(TREASURY),
			MintTarget::Agency(POLICE_AGENCY),
			700,
			deposit(1)
		));
		let account = Settlement::agency_account(POLICE_AGENCY);
		assert_eq!(Balances::free_balance(account), 700);
		assert_eq!(Settlement::agency_account_of(POLICE_AGENCY), account);
		System::assert_last_event(
			Event::Minted {
				agency: TREASURY_AGENCY,
				to: account,
				amount: 700,
				deposit: deposit(1),
			}
			.into(),
		);
	});
}

#[test]
fn agency_accounts_are_distinct_and_keyless() {
	run(|| {
		let a = Settlement::agency_account(0);
		let b = Settlement::agency_account(1);
		assert_ne!(a, b);
		assert_eq!(a, Settlement::agency_account(0));
		for staff in [TREASURY, TREASURY2, POLICE, ALICE, BOB, RICH] {
			assert_ne!(a, staff);
			assert_ne!(b, staff);
		}
	});
}

#[test]
fn mint_fails_for_replayed_deposit_reference() {
	run(|| {
		mint(ALICE, 100, 7);
		// Another amount, another account, another treasury: still the same deposit.
		assert_noop!(
			Settlement::mint(
				RuntimeOrigin::signed(TREASURY),
				MintTarget::Account(BOB),
				50,
				deposit(7)
			),
			Error::<Test>::DepositReferenceUsed
		);
		assert_ok!(Settlement::set_mint_ceiling(
			RuntimeOrigin::root(),
			TREASURY2_AGENCY,
			MintCeiling { per_mint: 100, per_day: 100 }
		));
		assert_noop!(
			Settlement::mint(
				RuntimeOrigin::signed(TREASURY2),
				MintTarget::Account(ALICE),
				100,
				deposit(7)
			),
			Error::<Test>::DepositReferenceUsed
		);
	});
}

#[test]
fn mint_fails_above_ceiling_per_mint() {
	run(|| {
		assert_noop!(
			Settlement::mint(
				RuntimeOrigin::signed(TREASURY),
				MintTarget::Account(ALICE),
				PER_MINT + 1,
				deposit(1)
			),
			Error::<Test>::AboveMintCeiling
		);
		mint(ALICE, PER_MINT, 1);
	});
}

#[test]
fn mint_fails_above_ceiling_per_day_and_resets_the_next_day() {
	run(|| {
		mint(ALICE, PER_MINT, 1);
		mint(ALICE, PER_MINT, 2);
		let left = PER_DAY - 2 * PER_MINT;
		let issuance = Balances::total_issuance();
		assert_noop!(
			Settlement::mint(
				RuntimeOrigin::signed(TREASURY),
				MintTarget::Account(ALICE),
				left + 1,
				deposit(3)
			),
			Error::<Test>::AboveDailyCeiling
		);
		assert_eq!(Balances::total_issuance(), issuance);
		mint(ALICE, left, 3);
		assert_eq!(Settlement::mint_allowance(TREASURY_AGENCY).unwrap().1, 0);
		// The next UTC day, the whole daily ceiling is available again.
		Now::set(&(Now::get() + DAY));
		assert_eq!(Settlement::mint_allowance(TREASURY_AGENCY).unwrap().1, PER_DAY);
		mint(BOB, PER_MINT, 4);
	});
}

#[test]
fn mint_fails_without_ceiling() {
	run(|| {
		assert_noop!(
			Settlement::mint(
				RuntimeOrigin::signed(TREASURY2),
				MintTarget::Account(ALICE),
				1,
				deposit(1)
			),
			Error::<Test>::NoMintCeiling
		);
		// A ceiling of zero stops minting just as well.
		assert_ok!(Settlement::set_mint_ceiling(
			RuntimeOrigin::root(),
			TREASURY_AGENCY,
			MintCeiling { per_mint: 0, per_day: 0 }
		));
		assert_noop!(
			Settlement::mint(
				RuntimeOrigin::signed(TREASURY),
				MintTarget::Account(ALICE),
				1,
				deposit(1)
			),
			Error::<Test>::AboveMintCeiling
		);
	});
}

#[test]
fn mint_fails_for_non_treasury_caller() {
	run(|| {
		let target = MintTarget::Account(ALICE);
		assert_noop!(
			Settlement::mint(RuntimeOrigin::signed(POLICE), target.clone(), 1, deposit(1)),
			DispatchError::Other("MissingCapability")
		);
		assert_noop!(
			Settlement::mint(RuntimeOrigin::signed(ALICE), target.clone(), 1, deposit(1)),
			DispatchError::Other("NotStaff")
		);
		assert_noop!(
			Settlement::mint(RuntimeOrigin::root(), target, 1, deposit(1)),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn mint_fails_for_removed_treasury() {
	run(|| {
		removed(TREASURY_AGENCY);
		assert_noop!(
			Settlement::mint(
				RuntimeOrigin::signed(TREASURY),
				MintTarget::Account(ALICE),
				1,
				deposit(1)
			),
			DispatchError::Other("NotStaff")
		);
	});
}

#[test]
fn mint_reaches_an_alias_account() {
	run(|| {
		assert_ok!(Settlement::mint(
			RuntimeOrigin::signed(TREASURY),
			MintTarget::Account(ALIAS_ACCOUNT),
			7,
			deposit(1)
		));
		assert_eq!(Balances::free_balance(ALIAS_ACCOUNT), 7);
	});
}

#[test]
fn mint_fails_for_bad_target_or_amount() {
	run(|| {
		assert_noop!(
			Settlement::mint(
				RuntimeOrigin::signed(TREASURY),
				MintTarget::Account(NOBODY),
				1,
				deposit(1)
			),
			Error::<Test>::NotEnrolled
		);
		assert_noop!(
			Settlement::mint(
				RuntimeOrigin::signed(TREASURY),
				MintTarget::Agency(42),
				1,
				deposit(1)
			),
			Error::<Test>::UnknownAgency
		);
		assert_noop!(
			Settlement::mint(
				RuntimeOrigin::signed(TREASURY),
				MintTarget::Account(ALICE),
				0,
				deposit(1)
			),
			Error::<Test>::ZeroAmount
		);
	});
}

// --- redemptions ---

#[test]
fn request_redemption_should_work_and_holds_the_amount() {
	run(|| {
		mint(ALICE, 1_000, 1);
		let id = request(ALICE, 400);
		System::assert_last_event(
			Event::RedemptionRequested { id, who: ALICE, amount: 400 }.into(),
		);
		assert_eq!(held(ALICE), 400);
		assert_eq!(Balances::free_balance(ALICE), 600);
		assert_eq!(totals().pending, 400);
		// Held, not spendable.
		assert_noop!(
			<Balances as Mutate<_>>::transfer(&ALICE, &BOB, 601, Preservation::Expendable),
			TokenError::FundsUnavailable
		);
		let pending = Settlement::pending_redemptions(ALICE);
		assert_eq!(pending.len(), 1);
		assert_eq!((pending[0].0, pending[0].1.who, pending[0].1.amount), (id, ALICE, 400));
		assert!(Settlement::pending_redemptions(BOB).is_empty());
	});
}

#[test]
fn request_redemption_of_the_whole_balance_should_work() {
	run(|| {
		mint(ALICE, 1_000, 1);
		request(ALICE, 1_000);
		assert_eq!(Balances::free_balance(ALICE), 0);
		assert_eq!(held(ALICE), 1_000);
	});
}

#[test]
fn request_redemption_fails_above_free_balance_or_for_zero() {
	run(|| {
		mint(ALICE, 1_000, 1);
		request(ALICE, 700);
		assert_noop!(
			Settlement::request_redemption(RuntimeOrigin::signed(ALICE), 301),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			Settlement::request_redemption(RuntimeOrigin::signed(BOB), 1),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			Settlement::request_redemption(RuntimeOrigin::signed(ALICE), 0),
			Error::<Test>::ZeroAmount
		);
	});
}

#[test]
fn request_redemption_fails_when_too_many_are_pending() {
	run(|| {
		mint(ALICE, 1_000, 1);
		for _ in 0..3 {
			request(ALICE, 10);
		}
		assert_noop!(
			Settlement::request_redemption(RuntimeOrigin::signed(ALICE), 10),
			Error::<Test>::TooManyPendingRedemptions
		);
	});
}

#[test]
fn cancel_redemption_should_work() {
	run(|| {
		mint(ALICE, 1_000, 1);
		let first = request(ALICE, 100);
		let second = request(ALICE, 200);
		assert_ok!(Settlement::cancel_redemption(RuntimeOrigin::signed(ALICE), first));
		System::assert_last_event(
			Event::RedemptionCancelled { id: first, who: ALICE, amount: 100 }.into(),
		);
		assert_eq!(held(ALICE), 200);
		assert_eq!(Balances::free_balance(ALICE), 800);
		assert_eq!(totals().pending, 200);
		let pending = Settlement::pending_redemptions(ALICE);
		assert_eq!(pending.iter().map(|(id, _)| *id).collect::<Vec<_>>(), vec![second]);
		assert_eq!(Balances::total_issuance(), ENDOWMENT + 1_000);
	});
}

#[test]
fn cancel_redemption_fails_for_another_holder_or_unknown_id() {
	run(|| {
		mint(ALICE, 1_000, 1);
		let id = request(ALICE, 100);
		assert_noop!(
			Settlement::cancel_redemption(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotRequester
		);
		assert_noop!(
			Settlement::cancel_redemption(RuntimeOrigin::signed(ALICE), id + 1),
			Error::<Test>::UnknownRedemption
		);
		assert_ok!(Settlement::cancel_redemption(RuntimeOrigin::signed(ALICE), id));
		assert_noop!(
			Settlement::cancel_redemption(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::UnknownRedemption
		);
	});
}

#[test]
fn settle_redemption_should_burn_the_held_amount() {
	run(|| {
		mint(ALICE, 1_000, 1);
		let id = request(ALICE, 400);
		assert_ok!(Settlement::settle_redemption(
			RuntimeOrigin::signed(TREASURY),
			id,
			400,
			deposit(0xB0)
		));
		System::assert_last_event(
			Event::RedemptionSettled {
				id,
				who: ALICE,
				agency: TREASURY_AGENCY,
				burned: 400,
				released: 0,
				payout: deposit(0xB0),
			}
			.into(),
		);
		assert_eq!(held(ALICE), 0);
		assert_eq!(Balances::free_balance(ALICE), 600);
		assert_eq!(Balances::total_issuance(), ENDOWMENT + 1_000 - 400);
		assert_eq!(totals(), Totals { genesis: ENDOWMENT, minted: 1_000, burned: 400, pending: 0 });
		assert!(Settlement::pending_redemptions(ALICE).is_empty());
	});
}

#[test]
fn settle_redemption_in_part_releases_the_rest() {
	run(|| {
		mint(ALICE, 1_000, 1);
		let id = request(ALICE, 400);
		assert_ok!(Settlement::settle_redemption(
			RuntimeOrigin::signed(TREASURY),
			id,
			250,
			deposit(0xB0)
		));
		System::assert_last_event(
			Event::RedemptionSettled {
				id,
				who: ALICE,
				agency: TREASURY_AGENCY,
				burned: 250,
				released: 150,
				payout: deposit(0xB0),
			}
			.into(),
		);
		assert_eq!(held(ALICE), 0);
		assert_eq!(Balances::free_balance(ALICE), 750);
		assert_eq!(totals().burned, 250);
	});
}

#[test]
fn settle_redemption_fails_above_the_held_amount() {
	run(|| {
		mint(ALICE, 1_000, 1);
		let id = request(ALICE, 400);
		assert_noop!(
			Settlement::settle_redemption(RuntimeOrigin::signed(TREASURY), id, 401, deposit(0xB0)),
			Error::<Test>::AboveRedemption
		);
		assert_noop!(
			Settlement::settle_redemption(RuntimeOrigin::signed(TREASURY), id, 0, deposit(0xB0)),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Settlement::settle_redemption(
				RuntimeOrigin::signed(TREASURY),
				id + 1,
				1,
				deposit(0xB0)
			),
			Error::<Test>::UnknownRedemption
		);
	});
}

#[test]
fn settle_redemption_fails_for_replayed_payout_reference() {
	run(|| {
		mint(ALICE, 1_000, 1);
		let first = request(ALICE, 100);
		let second = request(ALICE, 100);
		assert_ok!(Settlement::settle_redemption(
			RuntimeOrigin::signed(TREASURY),
			first,
			100,
			deposit(0xB0)
		));
		assert_noop!(
			Settlement::settle_redemption(
				RuntimeOrigin::signed(TREASURY),
				second,
				100,
				deposit(0xB0)
			),
			Error::<Test>::PayoutReferenceUsed
		);
	});
}

#[test]
fn settle_and_refuse_fail_for_non_treasury_and_removed_treasury() {
	run(|| {
		mint(ALICE, 1_000, 1);
		let id = request(ALICE, 100);
		for who in [POLICE, ALICE] {
			assert!(Settlement::settle_redemption(
				RuntimeOrigin::signed(who),
				id,
				100,
				deposit(0xB0)
			)
			.is_err());
			assert!(Settlement::refuse_redemption(
				RuntimeOrigin::signed(who),
				id,
				RefusalReason::CourtOrder
			)
			.is_err());
		}
		removed(TREASURY_AGENCY);
		assert_noop!(
			Settlement::settle_redemption(RuntimeOrigin::signed(TREASURY), id, 100, deposit(0xB0)),
			DispatchError::Other("NotStaff")
		);
		// Another treasury settles it: settling needs no mint ceiling.
		assert_ok!(Settlement::settle_redemption(
			RuntimeOrigin::signed(TREASURY2),
			id,
			100,
			deposit(0xB0)
		));
	});
}

#[test]
fn refuse_redemption_should_release_the_amount() {
	run(|| {
		mint(ALICE, 1_000, 1);
		let id = request(ALICE, 400);
		assert_ok!(Settlement::refuse_redemption(
			RuntimeOrigin::signed(TREASURY),
			id,
			RefusalReason::NoPayoutAccount
		));
		System::assert_last_event(
			Event::RedemptionRefused {
				id,
				who: ALICE,
				agency: TREASURY_AGENCY,
				amount: 400,
				reason: RefusalReason::NoPayoutAccount,
			}
			.into(),
		);
		assert_eq!(held(ALICE), 0);
		assert_eq!(Balances::free_balance(ALICE), 1_000);
		assert_eq!(totals().pending, 0);
		assert_eq!(totals().burned, 0);
		assert_noop!(
			Settlement::refuse_redemption(
				RuntimeOrigin::signed(TREASURY),
				id,
				RefusalReason::Other(1)
			),
			Error::<Test>::UnknownRedemption
		);
	});
}

// --- agency accounts ---

#[test]
fn agency_transfer_by_admin_should_work() {
	run(|| {
		let police = Settlement::agency_account(POLICE_AGENCY);
		// A fine paid into the police's account.
		mint(ALICE, 500, 1);
		assert_ok!(<Balances as Mutate<_>>::transfer(
			&ALICE,
			&police,
			500,
			Preservation::Expendable
		));
		assert_ok!(Settlement::agency_transfer(RuntimeOrigin::signed(POLICE), BOB, 200));
		System::assert_last_event(
			Event::AgencyPaid { agency: POLICE_AGENCY, by: Some(POLICE), to: BOB, amount: 200 }
				.into(),
		);
		assert_eq!(Balances::free_balance(police), 300);
		assert_eq!(Balances::free_balance(BOB), 200);
		// All of it may leave.
		assert_ok!(Settlement::agency_transfer(RuntimeOrigin::signed(POLICE), BOB, 300));
		assert_eq!(Balances::free_balance(police), 0);
	});
}

#[test]
fn agency_transfer_fails_for_officer_outsider_excess_or_zero() {
	run(|| {
		assert_ok!(Settlement::mint(
			RuntimeOrigin::signed(TREASURY),
			MintTarget::Agency(POLICE_AGENCY),
			100,
			deposit(1)
		));
		assert_noop!(
			Settlement::agency_transfer(RuntimeOrigin::signed(POLICE_OFFICER), BOB, 1),
			DispatchError::Other("NotAdmin")
		);
		assert_noop!(
			Settlement::agency_transfer(RuntimeOrigin::signed(ALICE), BOB, 1),
			DispatchError::Other("NotStaff")
		);
		assert_noop!(
			Settlement::agency_transfer(RuntimeOrigin::signed(POLICE), BOB, 101),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			Settlement::agency_transfer(RuntimeOrigin::signed(POLICE), BOB, 0),
			Error::<Test>::ZeroAmount
		);
		// The treasury's admin pays out of the treasury's account, not the police's.
		assert_noop!(
			Settlement::agency_transfer(RuntimeOrigin::signed(TREASURY), BOB, 1),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn consortium_transfer_moves_what_a_removed_agency_left() {
	run(|| {
		assert_ok!(Settlement::mint(
			RuntimeOrigin::signed(TREASURY),
			MintTarget::Agency(POLICE_AGENCY),
			100,
			deposit(1)
		));
		removed(POLICE_AGENCY);
		assert_noop!(
			Settlement::agency_transfer(RuntimeOrigin::signed(POLICE), BOB, 100),
			DispatchError::Other("NotStaff")
		);
		assert_noop!(
			Settlement::consortium_transfer(RuntimeOrigin::signed(TREASURY), POLICE_AGENCY, BOB, 1),
			DispatchError::BadOrigin
		);
		let treasury = Settlement::agency_account(TREASURY_AGENCY);
		assert_ok!(Settlement::consortium_transfer(
			RuntimeOrigin::root(),
			POLICE_AGENCY,
			treasury,
			100
		));
		System::assert_last_event(
			Event::AgencyPaid { agency: POLICE_AGENCY, by: None, to: treasury, amount: 100 }.into(),
		);
		assert_eq!(Balances::free_balance(treasury), 100);
	});
}

// --- invariants ---

#[test]
fn invariants_catch_money_made_outside_the_pallet() {
	run(|| {
		mint(ALICE, 100, 1);
		assert_ok!(Settlement::do_try_state());
		// Money minted behind the pallet's back breaks the supply invariant...
		assert_ok!(<Balances as Mutate<_>>::mint_into(&BOB, 1));
		assert!(Settlement::do_try_state().is_err());
		assert_ok!(<Balances as Mutate<_>>::burn_from(
			&BOB,
			1,
			Preservation::Expendable,
			frame_support::traits::tokens::Precision::Exact,
			frame_support::traits::tokens::Fortitude::Polite
		));
		// ...and so does a pending total that no redemption accounts for.
		request(ALICE, 10);
		crate::Supply::<Test>::mutate(|s| s.pending += 1);
		assert!(Settlement::do_try_state().is_err());
		crate::Supply::<Test>::mutate(|s| s.pending -= 1);
	});
}

#[test]
fn genesis_records_the_endowments() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(totals().genesis, ENDOWMENT);
		assert_eq!(Balances::total_issuance(), ENDOWMENT);
	});
}
