//! Tests of the invoices pallet, one behaviour each; the invariants are checked after every
//! test (`run`).

use crate::mock::DAY;
use crate::{mock::*, *};
use civitas_primitives::OnErase;
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect};
use sp_runtime::DispatchError;

fn req(number: u64, buyer: Buyer, amount: Amount) -> InvoiceRequest {
	// 13 %, rounded to the nearest unit.
	let tax = (amount * 1300 + 5_000) / 10_000;
	InvoiceRequest { number, buyer, amount, tax, rate: 1300, items: H256::repeat_byte(7) }
}

fn issue(number: u64, amount: Amount) {
	assert_ok!(Invoicing::issue(
		RuntimeOrigin::signed(SHOP_KEY),
		req(number, Buyer::Person(ALICE), amount)
	));
}

fn received(number: u64, amount: Amount) {
	issue(number, amount);
	assert_ok!(Invoicing::receive(RuntimeOrigin::signed(ALICE_KEY), SHOP, number));
}

fn purpose() -> Purpose {
	Purpose::Code(42)
}

fn consent_fund() {
	let mut all = Consents::get();
	all.push((ALICE, FUND_AGENCY, Scope::Invoices, purpose(), u64::MAX));
	Consents::set(&all);
}

fn authorise(payer: PersonId) {
	assert_ok!(Invoicing::authorise_payer(
		RuntimeOrigin::signed(ALICE_KEY),
		payer,
		Now::get() + DAY
	));
}

fn claim_as(
	who: AccountId,
	company: Option<PersonId>,
	number: u64,
	amount: Amount,
) -> DispatchResult {
	Invoicing::claim(RuntimeOrigin::signed(who), SHOP, number, amount, company, purpose())
}

fn month() -> Month {
	month_of(Now::get())
}

// --- calendar ---

#[test]
fn month_of_follows_the_civil_calendar() {
	assert_eq!(month_of(0), 197001);
	assert_eq!(month_of(NOV_15_2026), 202611);
	// 2024-02-29 12:00 and 2024-03-01 00:00 UTC.
	assert_eq!(month_of(1_709_208_000_000), 202402);
	assert_eq!(month_of(1_709_251_200_000), 202403);
	// 2026-12-31 23:59:59.999 and 2027-01-01 00:00 UTC.
	assert_eq!(month_of(1_798_761_599_999), 202612);
	assert_eq!(month_of(1_798_761_600_000), 202701);
}

// --- rates and taxpayers ---

#[test]
fn set_rates_should_work_and_refuses_bad_lists() {
	run(|| {
		assert_ok!(Invoicing::set_rates(RuntimeOrigin::signed(TAX), vec![300].try_into().unwrap()));
		assert_eq!(Rates::<Test>::get().into_inner(), vec![300]);
		for bad in [vec![300, 300], vec![10_001]] {
			assert_noop!(
				Invoicing::set_rates(RuntimeOrigin::signed(TAX), bad.try_into().unwrap()),
				Error::<Test>::BadRates
			);
		}
		assert_noop!(
			Invoicing::set_rates(RuntimeOrigin::signed(POLICE), vec![1].try_into().unwrap()),
			DispatchError::Other("MissingCapability")
		);
	});
}

#[test]
fn register_suspend_and_reinstate_taxpayers() {
	run(|| {
		assert_noop!(
			Invoicing::register_taxpayer(RuntimeOrigin::signed(TAX), GHOST, 1, 1),
			Error::<Test>::UnknownPerson
		);
		assert_ok!(Invoicing::suspend_taxpayer(RuntimeOrigin::signed(TAX), SHOP));
		System::assert_last_event(Event::TaxpayerSuspended { person: SHOP, by: 0 }.into());
		assert_noop!(
			Invoicing::suspend_taxpayer(RuntimeOrigin::signed(TAX), SHOP),
			Error::<Test>::TaxpayerSuspended
		);
		assert_noop!(
			Invoicing::issue(RuntimeOrigin::signed(SHOP_KEY), req(1, Buyer::Person(ALICE), 100)),
			Error::<Test>::TaxpayerSuspended
		);
		// New limits keep the suspension.
		assert_ok!(Invoicing::register_taxpayer(RuntimeOrigin::signed(TAX), SHOP, 5, 5));
		assert!(Taxpayers::<Test>::get(SHOP).unwrap().suspended);
		assert_ok!(Invoicing::reinstate_taxpayer(RuntimeOrigin::signed(TAX), SHOP));
		assert_noop!(
			Invoicing::reinstate_taxpayer(RuntimeOrigin::signed(TAX), SHOP),
			Error::<Test>::TaxpayerNotSuspended
		);
		assert_noop!(
			Invoicing::suspend_taxpayer(RuntimeOrigin::signed(TAX), ALICE),
			Error::<Test>::NotTaxpayer
		);
	});
}

// --- issuing ---

#[test]
fn issue_should_work_and_counts_in_the_month() {
	run(|| {
		issue(1, 10_000);
		System::assert_last_event(
			Event::InvoiceIssued {
				seller: SHOP,
				number: 1,
				buyer: Buyer::Person(ALICE),
				amount: 10_000,
				tax: 1_300,
			}
			.into(),
		);
		assert!(BuyerInvoices::<Test>::contains_key(ALICE, (SHOP, 1)));
		assert_eq!(
			Invoicing::month_totals(SHOP, month()),
			MonthTotals { documents: 1, issued: 10_000, credited: 0, tax: 1_300 }
		);
		assert_eq!(Invoicing::invoice(SHOP, 1), Some((InvoiceStatus::Issued, 10_000, 0, 10_000)));
	});
}

#[test]
fn issue_to_an_unregistered_buyer_should_work() {
	run(|| {
		let buyer = Buyer::Unregistered(H256::repeat_byte(9));
		assert_ok!(Invoicing::issue(RuntimeOrigin::signed(SHOP_KEY), req(1, buyer, 500)));
		assert_noop!(
			Invoicing::receive(RuntimeOrigin::signed(ALICE_KEY), SHOP, 1),
			Error::<Test>::NotBuyer
		);
	});
}

#[test]
fn issue_fails_for_bad_input() {
	run(|| {
		let shop = RuntimeOrigin::signed(SHOP_KEY);
		let alice = Buyer::Person(ALICE);
		assert_noop!(
			Invoicing::issue(RuntimeOrigin::signed(NOBODY), req(1, alice, 100)),
			Error::<Test>::NoPerson
		);
		assert_noop!(
			Invoicing::issue(RuntimeOrigin::signed(ALICE_KEY), req(1, Buyer::Person(BOB), 100)),
			Error::<Test>::NotTaxpayer
		);
		assert_noop!(Invoicing::issue(shop.clone(), req(1, alice, 0)), Error::<Test>::ZeroAmount);
		assert_noop!(
			Invoicing::issue(shop.clone(), req(1, alice, 1_000_001)),
			Error::<Test>::AboveCeiling
		);
		let mut r = req(1, alice, 100);
		r.rate = 1_700;
		assert_noop!(Invoicing::issue(shop.clone(), r), Error::<Test>::UnknownRate);
		let mut r = req(1, alice, 10_000);
		r.tax = 1_302;
		assert_noop!(Invoicing::issue(shop.clone(), r.clone()), Error::<Test>::WrongTax);
		// Within one minor unit is right.
		r.tax = 1_301;
		assert_ok!(Invoicing::issue(shop.clone(), r));
		assert_noop!(
			Invoicing::issue(shop.clone(), req(1, alice, 100)),
			Error::<Test>::DuplicateNumber
		);
		assert_noop!(
			Invoicing::issue(shop.clone(), req(2, Buyer::Person(SHOP), 100)),
			Error::<Test>::BadBuyer
		);
		assert_noop!(
			Invoicing::issue(shop, req(2, Buyer::Person(GHOST), 100)),
			Error::<Test>::BadBuyer
		);
	});
}

#[test]
fn issue_fails_beyond_the_monthly_quota_and_the_quota_resets_next_month() {
	run(|| {
		assert_ok!(Invoicing::register_taxpayer(RuntimeOrigin::signed(TAX), SHOP, 2, 1_000_000));
		issue(1, 100);
		issue(2, 100);
		assert_noop!(
			Invoicing::issue(RuntimeOrigin::signed(SHOP_KEY), req(3, Buyer::Person(ALICE), 100)),
			Error::<Test>::MonthlyQuotaReached
		);
		// A voided invoice still counts.
		assert_ok!(Invoicing::void(RuntimeOrigin::signed(SHOP_KEY), 2));
		assert_eq!(Invoicing::month_totals(SHOP, month()).documents, 2);
		Now::set(&(Now::get() + 20 * DAY));
		issue(3, 100);
	});
}

#[test]
fn issue_batch_is_all_or_nothing() {
	run(|| {
		let batch: Vec<_> = (1..=100).map(|n| req(n, Buyer::Person(ALICE), 100)).collect();
		assert_ok!(Invoicing::issue_batch(
			RuntimeOrigin::signed(SHOP_KEY),
			batch.try_into().unwrap()
		));
		assert_eq!(Invoicing::month_totals(SHOP, month()).documents, 100);

		assert_ok!(Invoicing::register_taxpayer(RuntimeOrigin::signed(TAX), SHOP, 200, 1_000_000));
		let mut batch: Vec<_> = (101..=110).map(|n| req(n, Buyer::Person(BOB), 100)).collect();
		batch[9].tax = 99;
		assert_noop!(
			Invoicing::issue_batch(RuntimeOrigin::signed(SHOP_KEY), batch.try_into().unwrap()),
			Error::<Test>::WrongTax
		);
		assert!(Invoices::<Test>::get(SHOP, 101).is_none());
		assert_noop!(
			Invoicing::issue_batch(RuntimeOrigin::signed(SHOP_KEY), Default::default()),
			Error::<Test>::EmptyBatch
		);
	});
}

// --- receiving and voiding ---

#[test]
fn receive_should_work_only_for_the_buyer_once() {
	run(|| {
		issue(1, 100);
		assert_noop!(
			Invoicing::receive(RuntimeOrigin::signed(BOB_KEY), SHOP, 1),
			Error::<Test>::NotBuyer
		);
		assert_ok!(Invoicing::receive(RuntimeOrigin::signed(ALICE_KEY), SHOP, 1));
		System::assert_last_event(Event::InvoiceReceived { seller: SHOP, number: 1 }.into());
		assert_noop!(
			Invoicing::receive(RuntimeOrigin::signed(ALICE_KEY), SHOP, 1),
			Error::<Test>::AlreadyReceived
		);
		assert_noop!(
			Invoicing::receive(RuntimeOrigin::signed(ALICE_KEY), SHOP, 2),
			Error::<Test>::UnknownInvoice
		);
	});
}

#[test]
fn void_should_work_before_receipt_only() {
	run(|| {
		issue(1, 10_000);
		assert_ok!(Invoicing::void(RuntimeOrigin::signed(SHOP_KEY), 1));
		System::assert_last_event(Event::InvoiceVoided { seller: SHOP, number: 1 }.into());
		assert_eq!(Invoicing::month_totals(SHOP, month()).issued, 0);
		assert_noop!(Invoicing::void(RuntimeOrigin::signed(SHOP_KEY), 1), Error::<Test>::Voided);
		assert_noop!(
			Invoicing::receive(RuntimeOrigin::signed(ALICE_KEY), SHOP, 1),
			Error::<Test>::Voided
		);
		received(2, 100);
		assert_noop!(
			Invoicing::void(RuntimeOrigin::signed(SHOP_KEY), 2),
			Error::<Test>::AlreadyReceived
		);
	});
}

// --- credit notes ---

#[test]
fn credit_note_on_an_invoice_not_received_is_in_force_at_once() {
	run(|| {
		issue(1, 10_000);
		assert_ok!(Invoicing::issue_credit_note(RuntimeOrigin::signed(SHOP_KEY), 1, 2, 4_000, 520));
		System::assert_last_event(
			Event::CreditNoteIssued {
				seller: SHOP,
				number: 2,
				invoice: 1,
				amount: 4_000,
				accepted: true,
			}
			.into(),
		);
		assert_eq!(Invoicing::invoice(SHOP, 1).unwrap().1, 6_000);
		assert_eq!(
			Invoicing::month_totals(SHOP, month()),
			MonthTotals { documents: 2, issued: 10_000, credited: 4_000, tax: 780 }
		);
	});
}

#[test]
fn credit_note_on_a_received_invoice_needs_the_buyer() {
	run(|| {
		received(1, 10_000);
		assert_ok!(Invoicing::issue_credit_note(RuntimeOrigin::signed(SHOP_KEY), 1, 2, 4_000, 520));
		assert_eq!(Invoicing::invoice(SHOP, 1).unwrap().1, 10_000);
		assert_noop!(
			Invoicing::issue_credit_note(RuntimeOrigin::signed(SHOP_KEY), 1, 3, 1_000, 130),
			Error::<Test>::CreditPending
		);
		assert_noop!(
			Invoicing::accept_credit_note(RuntimeOrigin::signed(BOB_KEY), SHOP, 2),
			Error::<Test>::NotBuyer
		);
		assert_ok!(Invoicing::accept_credit_note(RuntimeOrigin::signed(ALICE_KEY), SHOP, 2));
		System::assert_last_event(
			Event::CreditNoteAccepted { seller: SHOP, number: 2, invoice: 1 }.into(),
		);
		assert_eq!(Invoicing::invoice(SHOP, 1).unwrap().1, 6_000);
		assert!(PendingCredit::<Test>::get(SHOP, 1).is_none());
		assert_noop!(
			Invoicing::accept_credit_note(RuntimeOrigin::signed(ALICE_KEY), SHOP, 2),
			Error::<Test>::UnknownCreditNote
		);
	});
}

#[test]
fn credit_note_never_goes_below_what_was_reimbursed() {
	run(|| {
		consent_fund();
		received(1, 10_000);
		assert_ok!(claim_as(FUND, None, 1, 7_000));
		assert_noop!(
			Invoicing::issue_credit_note(RuntimeOrigin::signed(SHOP_KEY), 1, 2, 3_001, 390),
			Error::<Test>::BelowReimbursed
		);
		// Room for it when issued, none left when the buyer accepts it.
		assert_ok!(Invoicing::issue_credit_note(RuntimeOrigin::signed(SHOP_KEY), 1, 2, 2_000, 260));
		assert_ok!(claim_as(FUND, None, 1, 2_000));
		assert_noop!(
			Invoicing::accept_credit_note(RuntimeOrigin::signed(ALICE_KEY), SHOP, 2),
			Error::<Test>::BelowReimbursed
		);
	});
}

#[test]
fn credit_note_fails_for_bad_input() {
	run(|| {
		issue(1, 10_000);
		let shop = RuntimeOrigin::signed(SHOP_KEY);
		assert_noop!(
			Invoicing::issue_credit_note(shop.clone(), 9, 2, 100, 13),
			Error::<Test>::UnknownInvoice
		);
		assert_noop!(
			Invoicing::issue_credit_note(shop.clone(), 1, 2, 0, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Invoicing::issue_credit_note(shop.clone(), 1, 2, 100, 50),
			Error::<Test>::WrongTax
		);
		// Credit notes share the seller's number space.
		assert_noop!(
			Invoicing::issue_credit_note(shop.clone(), 1, 1, 100, 13),
			Error::<Test>::DuplicateNumber
		);
		assert_noop!(
			Invoicing::issue_credit_note(shop.clone(), 1, 2, 10_001, 1_300),
			Error::<Test>::BelowReimbursed
		);
		assert_ok!(Invoicing::void(shop.clone(), 1));
		assert_noop!(Invoicing::issue_credit_note(shop, 1, 2, 100, 13), Error::<Test>::Voided);
	});
}

// --- payers and claims ---

#[test]
fn authorise_and_revoke_payers() {
	run(|| {
		authorise(EMPLOYER);
		System::assert_last_event(
			Event::PayerAuthorised { buyer: ALICE, payer: EMPLOYER, until: Now::get() + DAY }
				.into(),
		);
		let alice = RuntimeOrigin::signed(ALICE_KEY);
		assert_noop!(
			Invoicing::authorise_payer(alice.clone(), BOB, Now::get() + DAY),
			Error::<Test>::BadPayer
		);
		assert_noop!(
			Invoicing::authorise_payer(alice.clone(), INSURER, Now::get()),
			Error::<Test>::BadPeriod
		);
		authorise(INSURER);
		assert_noop!(
			Invoicing::authorise_payer(alice.clone(), SHOP, Now::get() + DAY),
			Error::<Test>::TooManyPayers
		);
		assert_ok!(Invoicing::revoke_payer(alice.clone(), EMPLOYER));
		System::assert_last_event(Event::PayerRevoked { buyer: ALICE, payer: EMPLOYER }.into());
		assert_noop!(Invoicing::revoke_payer(alice, EMPLOYER), Error::<Test>::UnknownPayer);
		assert_noop!(
			Invoicing::authorise_payer(RuntimeOrigin::signed(NOBODY), EMPLOYER, Now::get() + DAY),
			Error::<Test>::NoPerson
		);
	});
}

#[test]
fn claim_by_an_agency_under_consent_is_traced() {
	run(|| {
		received(1, 10_000);
		assert_noop!(claim_as(FUND, None, 1, 100), Error::<Test>::NotAuthorised);
		consent_fund();
		assert_ok!(claim_as(FUND, None, 1, 4_000));
		System::assert_last_event(
			Event::InvoiceClaimed {
				seller: SHOP,
				number: 1,
				claimant: Claimant::Agency(FUND_AGENCY),
				amount: 4_000,
				remaining: 6_000,
			}
			.into(),
		);
		assert_eq!(Accesses::get(), vec![(ALICE, FUND_AGENCY, Scope::Invoices, true)]);
		// Another purpose is not covered.
		assert_noop!(
			Invoicing::claim(RuntimeOrigin::signed(FUND), SHOP, 1, 1, None, Purpose::Code(7)),
			Error::<Test>::NotAuthorised
		);
	});
}

#[test]
fn two_employers_claiming_in_full_only_the_first_succeeds() {
	run(|| {
		received(1, 10_000);
		authorise(EMPLOYER);
		authorise(INSURER);
		assert_ok!(claim_as(EMPLOYER_KEY, Some(EMPLOYER), 1, 10_000));
		assert_noop!(
			claim_as(INSURER_KEY, Some(INSURER), 1, 10_000),
			Error::<Test>::FullyReimbursed
		);
		assert_eq!(Invoicing::invoice(SHOP, 1), Some((InvoiceStatus::Received, 10_000, 10_000, 0)));
	});
}

#[test]
fn claims_add_up_to_the_net_amount_and_no_more() {
	run(|| {
		consent_fund();
		received(1, 10_000);
		assert_ok!(Invoicing::issue_credit_note(RuntimeOrigin::signed(SHOP_KEY), 1, 2, 1_000, 130));
		assert_ok!(Invoicing::accept_credit_note(RuntimeOrigin::signed(ALICE_KEY), SHOP, 2));
		authorise(EMPLOYER);
		assert_ok!(claim_as(EMPLOYER_KEY, Some(EMPLOYER), 1, 5_000));
		assert_noop!(claim_as(FUND, None, 1, 4_001), Error::<Test>::AboveRemaining);
		assert_ok!(claim_as(FUND, None, 1, 3_000));
		assert_ok!(claim_as(EMPLOYER_KEY, Some(EMPLOYER), 1, 1_000));
		let i = Invoices::<Test>::get(SHOP, 1).unwrap();
		assert_eq!(i.claimed, 9_000);
		assert_eq!(
			i.claims.into_inner(),
			vec![(Claimant::Company(EMPLOYER), 6_000), (Claimant::Agency(FUND_AGENCY), 3_000)]
		);
		assert_noop!(claim_as(FUND, None, 1, 1), Error::<Test>::FullyReimbursed);
	});
}

#[test]
fn claim_fails_for_bad_input() {
	run(|| {
		consent_fund();
		issue(1, 10_000);
		assert_noop!(claim_as(FUND, None, 1, 100), Error::<Test>::NotReceived);
		assert_noop!(claim_as(FUND, None, 9, 100), Error::<Test>::UnknownInvoice);
		assert_ok!(Invoicing::receive(RuntimeOrigin::signed(ALICE_KEY), SHOP, 1));
		assert_noop!(claim_as(FUND, None, 1, 0), Error::<Test>::ZeroAmount);
		// A company not authorised, or a signer not controlling the company.
		assert_noop!(claim_as(EMPLOYER_KEY, Some(EMPLOYER), 1, 1), Error::<Test>::NotAuthorised);
		authorise(EMPLOYER);
		assert_noop!(claim_as(INSURER_KEY, Some(EMPLOYER), 1, 1), Error::<Test>::NotAuthorised);
		// A lapsed authorisation.
		Now::set(&(Now::get() + 2 * DAY));
		assert_noop!(claim_as(EMPLOYER_KEY, Some(EMPLOYER), 1, 1), Error::<Test>::NotAuthorised);
		// Not agency staff.
		assert_noop!(claim_as(BOB_KEY, None, 1, 1), Error::<Test>::NotAuthorised);
	});
}

#[test]
fn claim_fails_beyond_max_claimants() {
	run(|| {
		consent_fund();
		received(1, 10_000);
		authorise(EMPLOYER);
		authorise(INSURER);
		assert_ok!(claim_as(FUND, None, 1, 1));
		assert_ok!(claim_as(EMPLOYER_KEY, Some(EMPLOYER), 1, 1));
		assert_ok!(claim_as(INSURER_KEY, Some(INSURER), 1, 1));
		// A fourth claimant: the mock allows three.
		Invoices::<Test>::mutate(SHOP, 1, |i| {
			let i = i.as_mut().unwrap();
			i.claims = BoundedVec::truncate_from(vec![
				(Claimant::Agency(9), 0),
				(Claimant::Company(EMPLOYER), 1),
				(Claimant::Company(INSURER), 1),
			]);
			i.claimed = 2;
		});
		assert_noop!(claim_as(FUND, None, 1, 1), Error::<Test>::TooManyClaimants);
	});
}

// --- fines ---

fn fine(amount: Amount, due: Moment) -> BillId {
	let id = NextBillId::<Test>::get();
	assert_ok!(Invoicing::issue_fine(
		RuntimeOrigin::signed(POLICE),
		ALICE,
		1_301,
		amount,
		H256::repeat_byte(5),
		4401,
		due
	));
	id
}

fn treasury() -> AccountId {
	1000 + u64::from(TREASURY_AGENCY)
}

#[test]
fn issue_fine_should_work_and_refuses_bad_input() {
	run(|| {
		let bill = fine(20_000, Now::get() + 15 * DAY);
		System::assert_last_event(
			Event::FineIssued {
				bill,
				person: ALICE,
				issuer: 1,
				amount: 20_000,
				due: Now::get() + 15 * DAY,
			}
			.into(),
		);
		assert!(BillsOf::<Test>::contains_key(ALICE, bill));
		let police = RuntimeOrigin::signed(POLICE);
		assert_noop!(
			Invoicing::issue_fine(police.clone(), GHOST, 1, 1, H256::zero(), 1, 0),
			Error::<Test>::UnknownPerson
		);
		assert_noop!(
			Invoicing::issue_fine(police, ALICE, 1, 0, H256::zero(), 1, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Invoicing::issue_fine(RuntimeOrigin::signed(TAX), ALICE, 1, 1, H256::zero(), 1, 0),
			DispatchError::Other("MissingCapability")
		);
	});
}

/// Attack (issue 32, item 7): a fine issued already overdue carries the full surcharge at
/// once and can never be appealed. Its due date must give the notice period.
#[test]
fn issue_fine_refuses_a_due_date_without_the_notice() {
	run(|| {
		let police = || RuntimeOrigin::signed(POLICE);
		let issue =
			|due| Invoicing::issue_fine(police(), ALICE, 1_301, 20_000, H256::zero(), 1, due);
		assert_noop!(issue(Now::get() - 40 * DAY), Error::<Test>::BadDueDate);
		assert_noop!(issue(Now::get()), Error::<Test>::BadDueDate);
		assert_noop!(issue(Now::get() + DAY - 1), Error::<Test>::BadDueDate);
		// With the notice given, the person may appeal until the due date, unsurcharged.
		let bill = fine(20_000, Now::get() + DAY);
		assert_eq!(Invoicing::fine_due(bill), Some((20_000, 0)));
		Now::set(&(Now::get() + DAY));
		assert_ok!(Invoicing::appeal_fine(RuntimeOrigin::signed(ALICE_KEY), bill));
	});
}

#[test]
fn pay_fine_on_time_pays_the_treasury_once() {
	run(|| {
		let bill = fine(20_000, Now::get() + 15 * DAY);
		assert_ok!(Invoicing::pay_fine(RuntimeOrigin::signed(ALICE_KEY), bill));
		System::assert_last_event(
			Event::FinePaid { bill, payer: ALICE_KEY, fine: 20_000, surcharge: 0 }.into(),
		);
		assert_eq!(Balances::balance(&treasury()), 20_000);
		assert_eq!(Balances::balance(&ALICE_KEY), ENDOWED - 20_000);
		let receipt = Bills::<Test>::get(bill).unwrap().receipt.unwrap();
		assert_eq!(
			(receipt.payer, receipt.fine, receipt.surcharge, receipt.at),
			(ALICE_KEY, 20_000, 0, Now::get())
		);
		assert_noop!(
			Invoicing::pay_fine(RuntimeOrigin::signed(ALICE_KEY), bill),
			Error::<Test>::AlreadyPaid
		);
	});
}

#[test]
fn pay_fine_late_adds_three_percent_a_day_capped_at_the_fine() {
	run(|| {
		let due = Now::get() + DAY;
		let bill = fine(20_000, due);
		// Two full days and a half late: 6 %.
		Now::set(&(due + 2 * DAY + DAY / 2));
		assert_eq!(Invoicing::fine_due(bill), Some((20_000, 1_200)));
		assert_ok!(Invoicing::pay_fine(RuntimeOrigin::signed(ALICE_KEY), bill));
		assert_eq!(Balances::balance(&treasury()), 21_200);
		// Forty days late: 120 %, capped at the fine.
		let due = Now::get() + DAY;
		let bill = fine(20_000, due);
		Now::set(&(due + 40 * DAY));
		assert_ok!(Invoicing::pay_fine(RuntimeOrigin::signed(ALICE_KEY), bill));
		System::assert_last_event(
			Event::FinePaid { bill, payer: ALICE_KEY, fine: 20_000, surcharge: 20_000 }.into(),
		);
	});
}

#[test]
fn surcharge_is_three_percent_per_full_day_never_above_the_fine() {
	assert_eq!(Invoicing::surcharge(10_000, 5 * DAY, 5 * DAY), 0);
	assert_eq!(Invoicing::surcharge(10_000, 5 * DAY, 6 * DAY - 1), 0);
	assert_eq!(Invoicing::surcharge(10_000, 5 * DAY, 6 * DAY), 300);
	assert_eq!(Invoicing::surcharge(10_000, 5 * DAY, 38 * DAY), 9_900);
	assert_eq!(Invoicing::surcharge(10_000, 5 * DAY, 39 * DAY), 10_000);
	assert_eq!(Invoicing::surcharge(10_000, 5 * DAY, 1_000 * DAY), 10_000);
	assert_eq!(Invoicing::surcharge(10_000, 5 * DAY, 0), 0);
}

#[test]
fn pay_fine_fails_for_others_or_without_funds() {
	run(|| {
		let bill = fine(ENDOWED + 1, Now::get() + DAY);
		assert_noop!(
			Invoicing::pay_fine(RuntimeOrigin::signed(BOB_KEY), bill),
			Error::<Test>::NotFined
		);
		assert_noop!(
			Invoicing::pay_fine(RuntimeOrigin::signed(ALICE_KEY), bill),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			Invoicing::pay_fine(RuntimeOrigin::signed(ALICE_KEY), bill + 1),
			Error::<Test>::UnknownBill
		);
	});
}

#[test]
fn appeal_stops_the_surcharge_and_an_upheld_bill_is_due_again() {
	run(|| {
		let due = Now::get() + DAY;
		let bill = fine(20_000, due);
		assert_ok!(Invoicing::appeal_fine(RuntimeOrigin::signed(ALICE_KEY), bill));
		System::assert_last_event(Event::FineAppealed { bill }.into());
		assert_noop!(
			Invoicing::pay_fine(RuntimeOrigin::signed(ALICE_KEY), bill),
			Error::<Test>::UnderAppeal
		);
		// The court decides ten days later, with a new due date.
		Now::set(&(due + 10 * DAY));
		let new_due = Now::get() + 5 * DAY;
		assert_noop!(
			Invoicing::uphold_fine(RuntimeOrigin::signed(COURT), bill, Now::get()),
			Error::<Test>::BadDueDate
		);
		assert_noop!(
			Invoicing::uphold_fine(RuntimeOrigin::signed(COURT), bill, Now::get() + DAY - 1),
			Error::<Test>::BadDueDate
		);
		assert_ok!(Invoicing::uphold_fine(RuntimeOrigin::signed(COURT), bill, new_due));
		System::assert_last_event(Event::FineUpheld { bill, by: 2, due: new_due }.into());
		assert_eq!(Invoicing::fine_due(bill), Some((20_000, 0)));
		assert_noop!(
			Invoicing::appeal_fine(RuntimeOrigin::signed(ALICE_KEY), bill),
			Error::<Test>::AlreadyAppealed
		);
		assert_noop!(
			Invoicing::uphold_fine(RuntimeOrigin::signed(COURT), bill, new_due),
			Error::<Test>::NotUnderAppeal
		);
		assert_ok!(Invoicing::pay_fine(RuntimeOrigin::signed(ALICE_KEY), bill));
	});
}

#[test]
fn appeal_fails_past_due_or_by_others() {
	run(|| {
		let due = Now::get() + DAY;
		let bill = fine(20_000, due);
		assert_noop!(
			Invoicing::appeal_fine(RuntimeOrigin::signed(BOB_KEY), bill),
			Error::<Test>::NotFined
		);
		Now::set(&(due + 1));
		assert_noop!(
			Invoicing::appeal_fine(RuntimeOrigin::signed(ALICE_KEY), bill),
			Error::<Test>::PastDue
		);
	});
}

#[test]
fn cancel_fine_refunds_a_paid_bill_from_the_treasury() {
	run(|| {
		let bill = fine(20_000, Now::get() + DAY);
		assert_ok!(Invoicing::pay_fine(RuntimeOrigin::signed(ALICE_KEY), bill));
		assert_ok!(Invoicing::appeal_fine(RuntimeOrigin::signed(ALICE_KEY), bill));
		assert_noop!(
			Invoicing::pay_fine(RuntimeOrigin::signed(ALICE_KEY), bill),
			Error::<Test>::AlreadyPaid
		);
		assert_noop!(
			Invoicing::cancel_fine(RuntimeOrigin::signed(POLICE), bill),
			DispatchError::Other("MissingCapability")
		);
		assert_ok!(Invoicing::cancel_fine(RuntimeOrigin::signed(COURT), bill));
		System::assert_last_event(Event::FineCancelled { bill, by: 2, refunded: 20_000 }.into());
		assert_eq!(Balances::balance(&ALICE_KEY), ENDOWED);
		assert_eq!(Balances::balance(&treasury()), 0);
		assert!(Bills::<Test>::get(bill).unwrap().receipt.unwrap().refunded);
		assert_noop!(
			Invoicing::pay_fine(RuntimeOrigin::signed(ALICE_KEY), bill),
			Error::<Test>::Cancelled
		);
		assert_noop!(
			Invoicing::appeal_fine(RuntimeOrigin::signed(ALICE_KEY), bill),
			Error::<Test>::Cancelled
		);
	});
}

#[test]
fn the_fine_treasury_is_named_by_vote_and_refunds_come_from_the_one_paid() {
	run(|| {
		assert_eq!(FineTreasury::<Test>::get(), Some(TREASURY_AGENCY), "named at genesis");
		let first = fine(20_000, Now::get() + DAY);
		assert_ok!(Invoicing::pay_fine(RuntimeOrigin::signed(ALICE_KEY), first));
		assert_eq!(Bills::<Test>::get(first).unwrap().receipt.unwrap().treasury, TREASURY_AGENCY);
		// Only by vote, and only an agency holding MintSettlement.
		assert_noop!(
			Invoicing::set_fine_treasury(RuntimeOrigin::signed(TREASURY), OTHER_TREASURY_AGENCY),
			sp_runtime::traits::BadOrigin
		);
		assert_noop!(
			Invoicing::set_fine_treasury(RuntimeOrigin::root(), FUND_AGENCY),
			Error::<Test>::NotATreasury
		);
		assert_ok!(Invoicing::set_fine_treasury(RuntimeOrigin::root(), OTHER_TREASURY_AGENCY));
		System::assert_last_event(Event::FineTreasurySet { agency: OTHER_TREASURY_AGENCY }.into());
		// The next fine goes to the new treasury.
		let second = fine(5_000, Now::get() + DAY);
		assert_ok!(Invoicing::pay_fine(RuntimeOrigin::signed(ALICE_KEY), second));
		let other = MockAgencyAccounts::account_of(OTHER_TREASURY_AGENCY);
		assert_eq!(Balances::balance(&other), 5_000);
		assert_eq!(Balances::balance(&treasury()), 20_000);
		// The first, cancelled on appeal, is refunded by the treasury it was paid into.
		assert_ok!(Invoicing::appeal_fine(RuntimeOrigin::signed(ALICE_KEY), first));
		assert_ok!(Invoicing::cancel_fine(RuntimeOrigin::signed(COURT), first));
		assert_eq!(Balances::balance(&treasury()), 0);
		assert_eq!(Balances::balance(&other), 5_000);
	});
}

#[test]
fn no_fine_is_paid_without_a_treasury() {
	run(|| {
		let bill = fine(20_000, Now::get() + DAY);
		FineTreasury::<Test>::kill();
		assert_noop!(
			Invoicing::pay_fine(RuntimeOrigin::signed(ALICE_KEY), bill),
			Error::<Test>::NoFineTreasury
		);
	});
}

#[test]
fn cancel_fine_of_an_unpaid_bill_refunds_nothing() {
	run(|| {
		let bill = fine(20_000, Now::get() + DAY);
		assert_noop!(
			Invoicing::cancel_fine(RuntimeOrigin::signed(COURT), bill),
			Error::<Test>::NotUnderAppeal
		);
		assert_ok!(Invoicing::appeal_fine(RuntimeOrigin::signed(ALICE_KEY), bill));
		assert_ok!(Invoicing::cancel_fine(RuntimeOrigin::signed(COURT), bill));
		System::assert_last_event(Event::FineCancelled { bill, by: 2, refunded: 0 }.into());
	});
}

#[test]
fn cancel_fine_fails_when_the_treasury_cannot_refund() {
	run(|| {
		let bill = fine(20_000, Now::get() + DAY);
		assert_ok!(Invoicing::pay_fine(RuntimeOrigin::signed(ALICE_KEY), bill));
		assert_ok!(Invoicing::appeal_fine(RuntimeOrigin::signed(ALICE_KEY), bill));
		// The treasury paid the money out meanwhile.
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<_>>::transfer(
			&treasury(),
			&BOB_KEY,
			20_000,
			frame_support::traits::tokens::Preservation::Expendable
		));
		assert_noop!(
			Invoicing::cancel_fine(RuntimeOrigin::signed(COURT), bill),
			Error::<Test>::RefundUnavailable
		);
	});
}

// --- erasure ---

#[test]
fn erasure_removes_payers_and_taxpayer_and_keeps_records() {
	run(|| {
		authorise(EMPLOYER);
		issue(1, 100);
		Invoicing::on_erase(&ALICE);
		Invoicing::on_erase(&SHOP);
		assert_eq!(PayerCount::<Test>::get(ALICE), 0);
		assert!(Payers::<Test>::get(ALICE, EMPLOYER).is_none());
		assert!(Taxpayers::<Test>::get(SHOP).is_none());
		assert!(Invoices::<Test>::get(SHOP, 1).is_some());
	});
}

#[test]
fn invariants_catch_claims_above_the_net_amount() {
	run(|| {
		received(1, 100);
		Invoices::<Test>::mutate(SHOP, 1, |i| {
			let i = i.as_mut().unwrap();
			i.claimed = 101;
			i.claims = BoundedVec::truncate_from(vec![(Claimant::Agency(0), 101)]);
		});
		assert!(Invoicing::do_try_state().is_err());
		Invoices::<Test>::mutate(SHOP, 1, |i| {
			let i = i.as_mut().unwrap();
			i.claimed = 0;
			i.claims = BoundedVec::new();
		});
		Totals::<Test>::mutate(SHOP, month(), |t| t.issued += 1);
		assert!(Invoicing::do_try_state().is_err());
		Totals::<Test>::mutate(SHOP, month(), |t| t.issued -= 1);
	});
}
