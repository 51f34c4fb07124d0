//! Tests of the invoices pallet, one behaviour each; the invariants are checked after every
//! test (`run`).

use crate::mock::DAY;
use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect};
use sp_core::{sr25519, Pair};
use sp_runtime::DispatchError;

fn req(number: u64, buyer: Buyer, amount: Amount) -> InvoiceRequest {
	// 13 %, rounded to the nearest unit.
	let tax = (amount * 1300 + 5_000) / 10_000;
	InvoiceRequest { number, buyer, amount, tax, rate: 1300, items: H256::repeat_byte(7) }
}

fn issue(number: u64, amount: Amount) {
	assert_ok!(Invoicing::issue(
		RuntimeOrigin::signed(SHOP_KEY),
		req(number, Buyer::Alias(ALICE), amount)
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

fn authorise(payer: Alias) {
	assert_ok!(Invoicing::authorise_payer(
		RuntimeOrigin::signed(ALICE_KEY),
		payer,
		Now::get() + DAY
	));
}

/// A claim signed by `who`: a company's alias account claims as the company, agency staff under
/// consent.
fn claim_as(who: AccountId, number: u64, amount: Amount) -> DispatchResult {
	Invoicing::claim(RuntimeOrigin::signed(who), SHOP, number, amount, purpose())
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
		assert_eq!(Rates::<Test>::get(0).into_inner(), vec![300]);
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
			Error::<Test>::UnknownAlias
		);
		assert_ok!(Invoicing::suspend_taxpayer(RuntimeOrigin::signed(TAX), SHOP));
		System::assert_last_event(Event::TaxpayerSuspended { taxpayer: SHOP, by: 0 }.into());
		assert_noop!(
			Invoicing::suspend_taxpayer(RuntimeOrigin::signed(TAX), SHOP),
			Error::<Test>::TaxpayerSuspended
		);
		assert_noop!(
			Invoicing::issue(RuntimeOrigin::signed(SHOP_KEY), req(1, Buyer::Alias(ALICE), 100)),
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
				buyer: Buyer::Alias(ALICE),
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
		let alice = Buyer::Alias(ALICE);
		assert_noop!(
			Invoicing::issue(RuntimeOrigin::signed(NOBODY), req(1, alice, 100)),
			Error::<Test>::NoAlias
		);
		assert_noop!(
			Invoicing::issue(RuntimeOrigin::signed(ALICE_KEY), req(1, Buyer::Alias(BOB), 100)),
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
			Invoicing::issue(shop.clone(), req(2, Buyer::Alias(SHOP), 100)),
			Error::<Test>::BadBuyer
		);
		assert_noop!(
			Invoicing::issue(shop, req(2, Buyer::Alias(GHOST), 100)),
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
			Invoicing::issue(RuntimeOrigin::signed(SHOP_KEY), req(3, Buyer::Alias(ALICE), 100)),
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
		let batch: Vec<_> = (1..=100).map(|n| req(n, Buyer::Alias(ALICE), 100)).collect();
		assert_ok!(Invoicing::issue_batch(
			RuntimeOrigin::signed(SHOP_KEY),
			batch.try_into().unwrap()
		));
		assert_eq!(Invoicing::month_totals(SHOP, month()).documents, 100);

		assert_ok!(Invoicing::register_taxpayer(RuntimeOrigin::signed(TAX), SHOP, 200, 1_000_000));
		let mut batch: Vec<_> = (101..=110).map(|n| req(n, Buyer::Alias(BOB), 100)).collect();
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
		assert_ok!(claim_as(FUND, 1, 7_000));
		assert_noop!(
			Invoicing::issue_credit_note(RuntimeOrigin::signed(SHOP_KEY), 1, 2, 3_001, 390),
			Error::<Test>::BelowReimbursed
		);
		// Room for it when issued, none left when the buyer accepts it.
		assert_ok!(Invoicing::issue_credit_note(RuntimeOrigin::signed(SHOP_KEY), 1, 2, 2_000, 260));
		assert_ok!(claim_as(FUND, 1, 2_000));
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
			Error::<Test>::NoAlias
		);
	});
}

#[test]
fn claim_by_an_agency_under_consent_is_traced() {
	run(|| {
		received(1, 10_000);
		assert_noop!(claim_as(FUND, 1, 100), Error::<Test>::NotAuthorised);
		consent_fund();
		assert_ok!(claim_as(FUND, 1, 4_000));
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
			Invoicing::claim(RuntimeOrigin::signed(FUND), SHOP, 1, 1, Purpose::Code(7)),
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
		assert_ok!(claim_as(EMPLOYER_KEY, 1, 10_000));
		assert_noop!(claim_as(INSURER_KEY, 1, 10_000), Error::<Test>::FullyReimbursed);
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
		assert_ok!(claim_as(EMPLOYER_KEY, 1, 5_000));
		assert_noop!(claim_as(FUND, 1, 4_001), Error::<Test>::AboveRemaining);
		assert_ok!(claim_as(FUND, 1, 3_000));
		assert_ok!(claim_as(EMPLOYER_KEY, 1, 1_000));
		let i = Invoices::<Test>::get(SHOP, 1).unwrap();
		assert_eq!(i.claimed, 9_000);
		assert_eq!(
			i.claims.into_inner(),
			vec![(Claimant::Company(EMPLOYER), 6_000), (Claimant::Agency(FUND_AGENCY), 3_000)]
		);
		assert_noop!(claim_as(FUND, 1, 1), Error::<Test>::FullyReimbursed);
	});
}

#[test]
fn claim_fails_for_bad_input() {
	run(|| {
		consent_fund();
		issue(1, 10_000);
		assert_noop!(claim_as(FUND, 1, 100), Error::<Test>::NotReceived);
		assert_noop!(claim_as(FUND, 9, 100), Error::<Test>::UnknownInvoice);
		assert_ok!(Invoicing::receive(RuntimeOrigin::signed(ALICE_KEY), SHOP, 1));
		assert_noop!(claim_as(FUND, 1, 0), Error::<Test>::ZeroAmount);
		// A company not authorised, or a signer not controlling the company.
		assert_noop!(claim_as(EMPLOYER_KEY, 1, 1), Error::<Test>::NotAuthorised);
		authorise(EMPLOYER);
		assert_noop!(claim_as(INSURER_KEY, 1, 1), Error::<Test>::NotAuthorised);
		// A lapsed authorisation.
		Now::set(&(Now::get() + 2 * DAY));
		assert_noop!(claim_as(EMPLOYER_KEY, 1, 1), Error::<Test>::NotAuthorised);
		// Not agency staff.
		assert_noop!(claim_as(BOB_KEY, 1, 1), Error::<Test>::NotAuthorised);
	});
}

#[test]
fn claim_fails_beyond_max_claimants() {
	run(|| {
		consent_fund();
		received(1, 10_000);
		authorise(EMPLOYER);
		authorise(INSURER);
		assert_ok!(claim_as(FUND, 1, 1));
		assert_ok!(claim_as(EMPLOYER_KEY, 1, 1));
		assert_ok!(claim_as(INSURER_KEY, 1, 1));
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
		assert_noop!(claim_as(FUND, 1, 1), Error::<Test>::TooManyClaimants);
	});
}

// --- fines ---

/// The claim key of the `n`th bill of a test (the police keeps its secret for the notice).
fn claim_pair(n: BillId) -> sr25519::Pair {
	let mut seed = [7u8; 32];
	seed[..8].copy_from_slice(&n.to_le_bytes());
	sr25519::Pair::from_seed(&seed)
}

/// Issues a bill for a fresh claim key, unclaimed.
fn unclaimed_fine(amount: Amount, due: Moment) -> (BillId, sr25519::Pair) {
	let id = NextBillId::<Test>::get();
	let key = claim_pair(id);
	assert_ok!(Invoicing::issue_fine(
		RuntimeOrigin::signed(POLICE),
		key.public(),
		1_301,
		amount,
		H256::repeat_byte(5),
		4401,
		due
	));
	(id, key)
}

/// The claim key's signature claiming `bill` into `holder`.
fn claim_signature(key: &sr25519::Pair, bill: BillId, holder: &Alias) -> ClaimSignature {
	key.sign(&fine_claim_message(bill, holder))
}

/// Issues a bill, claimed by ALICE's fines alias.
fn fine(amount: Amount, due: Moment) -> BillId {
	let (id, key) = unclaimed_fine(amount, due);
	assert_ok!(Invoicing::claim_fine(
		RuntimeOrigin::signed(ALICE_KEY),
		id,
		claim_signature(&key, id, &ALICE)
	));
	id
}

fn treasury() -> AccountId {
	1000 + u64::from(TREASURY_AGENCY)
}

#[test]
fn issue_fine_names_a_claim_key_and_refuses_bad_input() {
	run(|| {
		let due = Now::get() + 15 * DAY;
		let (bill, key) = unclaimed_fine(20_000, due);
		System::assert_last_event(
			Event::FineIssued { bill, issuer: 1, amount: 20_000, due }.into(),
		);
		let b = Bills::<Test>::get(bill).unwrap();
		assert_eq!((b.claim_key, b.holder), (key.public(), None));
		let police = RuntimeOrigin::signed(POLICE);
		assert_noop!(
			Invoicing::issue_fine(police, key.public(), 1, 0, H256::zero(), 1, due),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Invoicing::issue_fine(
				RuntimeOrigin::signed(TAX),
				key.public(),
				1,
				1,
				H256::zero(),
				1,
				due
			),
			DispatchError::Other("MissingCapability")
		);
	});
}

#[test]
fn the_fined_person_claims_its_bill_into_its_alias_with_the_claim_key() {
	run(|| {
		let (bill, key) = unclaimed_fine(20_000, Now::get() + DAY);
		let alice = || RuntimeOrigin::signed(ALICE_KEY);
		// Nobody acts on an unclaimed bill.
		assert_noop!(Invoicing::pay_fine(alice(), bill), Error::<Test>::NotClaimed);
		assert_noop!(Invoicing::appeal_fine(alice(), bill), Error::<Test>::NotClaimed);
		// A signature for another alias (seen in the pool, say) claims nothing for BOB.
		assert_noop!(
			Invoicing::claim_fine(
				RuntimeOrigin::signed(BOB_KEY),
				bill,
				claim_signature(&key, bill, &ALICE)
			),
			Error::<Test>::BadClaimSignature
		);
		// Nor does another key's signature.
		assert_noop!(
			Invoicing::claim_fine(alice(), bill, claim_signature(&claim_pair(99), bill, &ALICE)),
			Error::<Test>::BadClaimSignature
		);
		assert_noop!(
			Invoicing::claim_fine(
				RuntimeOrigin::signed(NOBODY),
				bill,
				claim_signature(&key, bill, &ALICE)
			),
			Error::<Test>::NoAlias
		);
		assert_noop!(
			Invoicing::claim_fine(alice(), bill + 1, claim_signature(&key, bill + 1, &ALICE)),
			Error::<Test>::UnknownBill
		);
		assert_ok!(Invoicing::claim_fine(alice(), bill, claim_signature(&key, bill, &ALICE)));
		System::assert_last_event(Event::FineClaimed { bill, holder: ALICE }.into());
		assert!(BillsOf::<Test>::contains_key(ALICE, bill));
		assert_eq!(UnpaidBills::<Test>::get(ALICE), 1);
		assert_noop!(
			Invoicing::claim_fine(
				RuntimeOrigin::signed(BOB_KEY),
				bill,
				claim_signature(&key, bill, &BOB)
			),
			Error::<Test>::AlreadyClaimed
		);
	});
}

/// Attack (issue 32, item 7): a fine issued already overdue carries the full surcharge at
/// once and can never be appealed. Its due date must give the notice period.
#[test]
fn issue_fine_refuses_a_due_date_without_the_notice() {
	run(|| {
		let police = || RuntimeOrigin::signed(POLICE);
		let key = claim_pair(50).public();
		let issue = |due| Invoicing::issue_fine(police(), key, 1_301, 20_000, H256::zero(), 1, due);
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
			Event::FinePaid { bill, holder: ALICE, fine: 20_000, surcharge: 0 }.into(),
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
			Event::FinePaid { bill, holder: ALICE, fine: 20_000, surcharge: 20_000 }.into(),
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

// --- refunds follow the alias, and "no unpaid fine" under consent ---

/// Attack (issue 32, item 10, for fines): a refund must reach the holder's current key, not
/// the one that paid (possibly lost or stolen since).
#[test]
fn a_refund_goes_to_the_holders_current_account() {
	run(|| {
		let bill = fine(20_000, Now::get() + DAY);
		assert_ok!(Invoicing::pay_fine(RuntimeOrigin::signed(ALICE_KEY), bill));
		assert_ok!(Invoicing::appeal_fine(RuntimeOrigin::signed(ALICE_KEY), bill));
		// ALICE rotates its fines binding to a new key.
		rebind(ALICE, 77);
		assert_ok!(Invoicing::cancel_fine(RuntimeOrigin::signed(COURT), bill));
		assert_eq!(Balances::balance(&77), 20_000);
		assert_eq!(Balances::balance(&ALICE_KEY), ENDOWED - 20_000);
	});
}

#[test]
fn a_refund_of_an_alias_with_no_live_account_goes_to_the_account_that_paid() {
	run(|| {
		let bill = fine(20_000, Now::get() + DAY);
		assert_ok!(Invoicing::pay_fine(RuntimeOrigin::signed(ALICE_KEY), bill));
		assert_ok!(Invoicing::appeal_fine(RuntimeOrigin::signed(ALICE_KEY), bill));
		// ALICE's alias ends (its ring revised, or ALICE erased): the estate is on the account.
		end(ALICE);
		assert_ok!(Invoicing::cancel_fine(RuntimeOrigin::signed(COURT), bill));
		assert_eq!(Balances::balance(&ALICE_KEY), ENDOWED);
	});
}

#[test]
fn an_agency_learns_only_whether_a_fine_is_unpaid_under_consent_with_a_trace() {
	run(|| {
		let ask = || Invoicing::verify_fines(RuntimeOrigin::signed(FUND), ALICE, purpose());
		assert_noop!(ask(), Error::<Test>::NoConsent);
		let mut all = Consents::get();
		all.push((ALICE, FUND_AGENCY, Scope::Fines, purpose(), u64::MAX));
		Consents::set(&all);
		// No bill claimed: none unpaid.
		assert_ok!(ask());
		System::assert_last_event(
			Event::FinesVerified { holder: ALICE, agency: FUND_AGENCY, none_unpaid: true }.into(),
		);
		let bill = fine(20_000, Now::get() + DAY);
		assert_ok!(ask());
		System::assert_last_event(
			Event::FinesVerified { holder: ALICE, agency: FUND_AGENCY, none_unpaid: false }.into(),
		);
		// Under appeal, still unpaid; paid, none.
		assert_ok!(Invoicing::appeal_fine(RuntimeOrigin::signed(ALICE_KEY), bill));
		assert_ok!(Invoicing::uphold_fine(RuntimeOrigin::signed(COURT), bill, Now::get() + DAY));
		assert_eq!(UnpaidBills::<Test>::get(ALICE), 1);
		assert_ok!(Invoicing::pay_fine(RuntimeOrigin::signed(ALICE_KEY), bill));
		assert_ok!(ask());
		System::assert_last_event(
			Event::FinesVerified { holder: ALICE, agency: FUND_AGENCY, none_unpaid: true }.into(),
		);
		assert_eq!(
			Accesses::get(),
			vec![
				(ALICE, FUND_AGENCY, Scope::Fines, true),
				(ALICE, FUND_AGENCY, Scope::Fines, false),
				(ALICE, FUND_AGENCY, Scope::Fines, true),
			]
		);
		// A consent over invoices opens nothing about fines; staff only.
		assert_noop!(
			Invoicing::verify_fines(RuntimeOrigin::signed(FUND), BOB, purpose()),
			Error::<Test>::NoConsent
		);
		assert_noop!(
			Invoicing::verify_fines(RuntimeOrigin::signed(BOB_KEY), ALICE, purpose()),
			DispatchError::Other("NotStaff")
		);
	});
}

#[test]
fn a_cancelled_unpaid_bill_is_no_longer_unpaid() {
	run(|| {
		let bill = fine(20_000, Now::get() + DAY);
		assert_ok!(Invoicing::appeal_fine(RuntimeOrigin::signed(ALICE_KEY), bill));
		assert_ok!(Invoicing::cancel_fine(RuntimeOrigin::signed(COURT), bill));
		assert_eq!(UnpaidBills::<Test>::get(ALICE), 0);
	});
}

// --- a hostile seller or bureau (issue 32, items 6 and 8) ---

/// Attack (issue 32, item 6): a credit note on an invoice not yet received, then `void`, took
/// the credit's tax off the month twice. Voiding is refused once a credit note is in force.
#[test]
fn an_invoice_a_credit_note_reduced_cannot_be_voided() {
	run(|| {
		issue(1, 10_000);
		issue(3, 10_000);
		assert_ok!(Invoicing::issue_credit_note(RuntimeOrigin::signed(SHOP_KEY), 1, 2, 4_000, 520));
		assert_noop!(
			Invoicing::void(RuntimeOrigin::signed(SHOP_KEY), 1),
			Error::<Test>::CreditInForce
		);
		// The month's tax stays its live invoices' less its credit notes'.
		assert_eq!(Invoicing::month_totals(SHOP, month()).tax, 1_300 + 1_300 - 520);
		// An invoice without credit voids as before.
		assert_ok!(Invoicing::void(RuntimeOrigin::signed(SHOP_KEY), 3));
		assert_eq!(Invoicing::month_totals(SHOP, month()).tax, 1_300 - 520);
	});
}

/// Attack (issue 32, item 6): a pending credit note the buyer never accepts blocked every later
/// note. The seller withdraws it.
#[test]
fn the_seller_withdraws_a_credit_note_awaiting_the_buyer() {
	run(|| {
		received(1, 10_000);
		let shop = || RuntimeOrigin::signed(SHOP_KEY);
		assert_ok!(Invoicing::issue_credit_note(shop(), 1, 2, 4_000, 520));
		assert_noop!(
			Invoicing::issue_credit_note(shop(), 1, 3, 1_000, 130),
			Error::<Test>::CreditPending
		);
		assert_noop!(
			Invoicing::withdraw_credit_note(RuntimeOrigin::signed(ALICE_KEY), 2),
			Error::<Test>::UnknownCreditNote
		);
		assert_ok!(Invoicing::withdraw_credit_note(shop(), 2));
		System::assert_last_event(
			Event::CreditNoteWithdrawn { seller: SHOP, number: 2, invoice: 1 }.into(),
		);
		assert_noop!(Invoicing::withdraw_credit_note(shop(), 2), Error::<Test>::UnknownCreditNote);
		// The withdrawn note can no longer be accepted, and its number stays used.
		assert_noop!(
			Invoicing::accept_credit_note(RuntimeOrigin::signed(ALICE_KEY), SHOP, 2),
			Error::<Test>::UnknownCreditNote
		);
		assert_noop!(
			Invoicing::issue_credit_note(shop(), 1, 2, 1_000, 130),
			Error::<Test>::DuplicateNumber
		);
		assert_ok!(Invoicing::issue_credit_note(shop(), 1, 3, 1_000, 130));
		assert_ok!(Invoicing::accept_credit_note(RuntimeOrigin::signed(ALICE_KEY), SHOP, 3));
		assert_eq!(Invoices::<Test>::get(SHOP, 1).unwrap().credited, 1_000);
	});
}

/// Attack (issue 32, item 8): any bureau suspended another city's taxpayers and set the one
/// global rate list to nothing. A taxpayer is managed by the bureau that registered it, and
/// each bureau's rates apply to its own taxpayers.
#[test]
fn a_bureau_manages_only_its_own_taxpayers_and_rates() {
	run(|| {
		let other = || RuntimeOrigin::signed(OTHER_TAX);
		assert_noop!(Invoicing::suspend_taxpayer(other(), SHOP), Error::<Test>::NotRegistrar);
		assert_noop!(
			Invoicing::register_taxpayer(other(), SHOP, 0, 0),
			Error::<Test>::NotRegistrar
		);
		// Another bureau's empty list leaves SHOP's rates alone.
		assert_ok!(Invoicing::set_rates(other(), Default::default()));
		System::assert_last_event(
			Event::RatesSet { by: OTHER_TAX_AGENCY, rates: Default::default() }.into(),
		);
		issue(1, 10_000);
		// The other bureau's own taxpayer uses its list.
		assert_ok!(Invoicing::register_taxpayer(other(), EMPLOYER, 10, 1_000_000));
		assert_noop!(
			Invoicing::issue(RuntimeOrigin::signed(EMPLOYER_KEY), req(1, Buyer::Alias(ALICE), 100)),
			Error::<Test>::UnknownRate
		);
		assert_noop!(
			Invoicing::suspend_taxpayer(RuntimeOrigin::signed(TAX), EMPLOYER),
			Error::<Test>::NotRegistrar
		);
		assert_ok!(Invoicing::suspend_taxpayer(other(), EMPLOYER));
	});
}

/// Nothing here names a person id: an alias that ends (its person erased, or its ring revised
/// and not bound again) acts no more, and its records stay.
#[test]
fn an_ended_alias_acts_no_more_and_its_records_stay() {
	run(|| {
		authorise(EMPLOYER);
		received(1, 100);
		end(ALICE);
		assert_noop!(
			Invoicing::authorise_payer(RuntimeOrigin::signed(ALICE_KEY), INSURER, Now::get() + DAY),
			Error::<Test>::NoAlias
		);
		assert_noop!(
			Invoicing::issue(RuntimeOrigin::signed(SHOP_KEY), req(2, Buyer::Alias(ALICE), 100)),
			Error::<Test>::BadBuyer
		);
		assert_noop!(
			Invoicing::register_taxpayer(RuntimeOrigin::signed(TAX), ALICE, 1, 1),
			Error::<Test>::UnknownAlias
		);
		assert!(Invoices::<Test>::get(SHOP, 1).is_some());
		assert!(Payers::<Test>::get(ALICE, EMPLOYER).is_some());
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
		assert_ok!(Invoicing::do_try_state());
		// A month's tax that lost a credit twice (the void after a credit note of old).
		issue(3, 10_000);
		assert_ok!(Invoicing::issue_credit_note(RuntimeOrigin::signed(SHOP_KEY), 3, 4, 1_000, 130));
		Invoices::<Test>::mutate(SHOP, 3, |i| i.as_mut().unwrap().status = InvoiceStatus::Voided);
		Totals::<Test>::mutate(SHOP, month(), |t| {
			t.issued -= 10_000;
			t.tax -= 1_300;
		});
		assert!(Invoicing::do_try_state().is_err());
		Invoices::<Test>::mutate(SHOP, 3, |i| i.as_mut().unwrap().status = InvoiceStatus::Issued);
		Totals::<Test>::mutate(SHOP, month(), |t| {
			t.issued += 10_000;
			t.tax += 1_300;
		});
	});
}

#[test]
fn invariants_catch_a_wrong_unpaid_count() {
	run(|| {
		let bill = fine(20_000, Now::get() + DAY);
		UnpaidBills::<Test>::remove(ALICE);
		assert!(Invoicing::do_try_state().is_err());
		UnpaidBills::<Test>::insert(ALICE, 1);
		assert_ok!(Invoicing::do_try_state());
		BillsOf::<Test>::remove(ALICE, bill);
		assert!(Invoicing::do_try_state().is_err());
		BillsOf::<Test>::insert(ALICE, bill, ());
	});
}
