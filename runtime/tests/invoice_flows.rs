//! Invoices and fines on the real runtime: a company issues a full batch through the pool,
//! an agency reimburses under the buyer's consent (traced in the identity pallet), a fine is
//! paid into the treasury's account and refunded on appeal, erasure reaches the invoices
//! pallet.

mod common;

use civitas_primitives::{Capability, Purpose, Scope, SubjectKind};
use civitas_runtime::{
	currency::UNITS, genesis_config_presets::TREASURY_AGENCY, Balances, Identity, Invoices,
	Runtime, RuntimeCall, Settlement, System,
};
use common::*;
use frame_support::{assert_noop, assert_ok};
use pallet_civitas_invoices::{Buyer, InvoiceRequest, InvoiceStatus};
use sp_core::H256;

const SHOP: H256 = H256::repeat_byte(0x51);
const FERDIE: H256 = H256::repeat_byte(0xF0);

/// The shop (a company controlled by Eve) and Ferdie (a citizen), registered by the
/// civil-affairs bureau (Alice); the Public Security Bureau (Bob's agency, 1) becomes the tax
/// bureau, the police and the court by vote; the shop is a taxpayer at 13 %.
fn setup() {
	for (id, kind, key) in
		[(SHOP, SubjectKind::Company, Eve), (FERDIE, SubjectKind::Citizen, Ferdie)]
	{
		assert_ok!(Identity::register_person(
			signed(Alice),
			id,
			kind,
			account(key),
			H256::repeat_byte(1),
			false
		));
	}
	for capability in [Capability::IssueInvoices, Capability::IssueFines, Capability::DecideAppeals]
	{
		assert_ok!(carry(RuntimeCall::Consortium(pallet_consortium::Call::grant_capability {
			agency: 1,
			capability,
		})));
	}
	assert_ok!(Invoices::set_rates(signed(Bob), vec![1300].try_into().unwrap()));
	assert_ok!(Invoices::register_taxpayer(signed(Bob), SHOP, 1_000, 1_000_000 * UNITS));
}

fn request(number: u64) -> InvoiceRequest {
	InvoiceRequest {
		number,
		buyer: Buyer::Person(FERDIE),
		amount: 100 * UNITS,
		tax: 13 * UNITS,
		rate: 1300,
		items: H256::repeat_byte(7),
	}
}

/// A company issues a batch of 100 invoices as one signed transaction: its quota and length
/// bound (not a citizen's) let it through the pool and into the block.
#[test]
fn a_company_issues_a_full_batch_through_the_pool() {
	run(|| {
		setup();
		let batch = (1..=100).map(request).collect::<Vec<_>>().try_into().unwrap();
		let call =
			RuntimeCall::Invoices(pallet_civitas_invoices::Call::issue_batch { invoices: batch });
		let nonce = System::account_nonce(account(Eve));
		let tx = signed_tx(Eve, nonce, call);
		assert!(codec::Encode::encoded_size(&tx) > 2048, "longer than a citizen may send");
		assert_eq!(pool_validate(&tx), Ok(()));
		assert_eq!(apply(&tx), Ok(Ok(())));
		assert!(pallet_civitas_invoices::Invoices::<Runtime>::contains_key(SHOP, 100));
	});
}

/// An agency reimburses an invoice only under the buyer's consent with scope `Invoices`, and
/// the claim is written to the buyer's access log in the identity pallet.
#[test]
fn an_agency_reimburses_under_consent_and_the_buyer_sees_it() {
	run(|| {
		setup();
		assert_ok!(Invoices::issue(signed(Eve), request(1)));
		assert_ok!(Invoices::receive(signed(Ferdie), SHOP, 1));
		let purpose = Purpose::Code(7);
		let claim = || Invoices::claim(signed(Charlie), SHOP, 1, 60 * UNITS, None, purpose.clone());
		assert_noop!(claim(), pallet_civitas_invoices::Error::<Runtime>::NotAuthorised);
		let until = pallet_timestamp::Now::<Runtime>::get() + 86_400_000;
		assert_ok!(Identity::grant_consent(
			signed(Ferdie),
			FERDIE,
			2,
			Scope::Invoices,
			purpose.clone(),
			until,
			None
		));
		assert_ok!(claim());
		assert_eq!(
			Invoices::invoice(SHOP, 1),
			Some((InvoiceStatus::Received, 100 * UNITS, 60 * UNITS, 40 * UNITS))
		);
		let log = pallet_civitas_identity::Pallet::<Runtime>::access_log(&FERDIE);
		assert_eq!(log.len(), 1);
		assert_eq!((log[0].agency, log[0].scope, log[0].answer), (2, Scope::Invoices, true));
	});
}

/// A fine is paid into the treasury agency's account (the settlement pallet's), refunded from
/// it when the court cancels the bill, and the treasury's admin pays out of it.
#[test]
fn a_fine_is_paid_to_the_treasury_and_refunded_on_appeal() {
	run(|| {
		setup();
		let treasury = Settlement::agency_account(TREASURY_AGENCY);
		let due = pallet_timestamp::Now::<Runtime>::get() + 15 * 86_400_000;
		let fine = || {
			let bill = pallet_civitas_invoices::NextBillId::<Runtime>::get();
			assert_ok!(Invoices::issue_fine(
				signed(Bob),
				FERDIE,
				1_301,
				200 * UNITS,
				H256::zero(),
				1,
				due
			));
			bill
		};
		let (paid, refunded) = (fine(), fine());
		let before = Balances::free_balance(account(Ferdie));
		for bill in [paid, refunded] {
			let pay = RuntimeCall::Invoices(pallet_civitas_invoices::Call::pay_fine { bill });
			assert_eq!(submit(Ferdie, pay), Ok(Ok(())));
		}
		assert_eq!(Balances::free_balance(&treasury), 400 * UNITS);
		assert_ok!(Invoices::appeal_fine(signed(Ferdie), refunded));
		assert_ok!(Invoices::cancel_fine(signed(Bob), refunded));
		assert_eq!(Balances::free_balance(&treasury), 200 * UNITS);
		assert_eq!(Balances::free_balance(account(Ferdie)), before - 200 * UNITS);
		assert_ok!(Settlement::agency_transfer(signed(Dave), account(Alice), 200 * UNITS));
		assert_eq!(Balances::free_balance(&treasury), 0);
	});
}

/// Issue 32 item 11: fines go to the treasury the consortium names, not to an agency by its
/// index. A bank (agency 6) is refused as fine treasury; once the consortium grants agency 7
/// `MintSettlement` and names it, the next fine goes to its account.
#[test]
fn fines_go_to_the_treasury_the_consortium_names() {
	run(|| {
		setup();
		assert_eq!(pallet_civitas_invoices::FineTreasury::<Runtime>::get(), Some(TREASURY_AGENCY));
		let name = |agency| {
			RuntimeCall::Invoices(pallet_civitas_invoices::Call::set_fine_treasury { agency })
		};
		assert_eq!(
			carry(name(6)),
			Err(pallet_civitas_invoices::Error::<Runtime>::NotATreasury.into())
		);
		assert_ok!(carry(RuntimeCall::Consortium(pallet_consortium::Call::grant_capability {
			agency: 7,
			capability: Capability::MintSettlement,
		})));
		assert_ok!(carry(name(7)));
		let due = pallet_timestamp::Now::<Runtime>::get() + 15 * 86_400_000;
		let bill = pallet_civitas_invoices::NextBillId::<Runtime>::get();
		assert_ok!(Invoices::issue_fine(
			signed(Bob),
			FERDIE,
			1_301,
			50 * UNITS,
			H256::zero(),
			1,
			due
		));
		let pay = RuntimeCall::Invoices(pallet_civitas_invoices::Call::pay_fine { bill });
		assert_eq!(submit(Ferdie, pay), Ok(Ok(())));
		assert_eq!(Balances::free_balance(Settlement::agency_account(7)), 50 * UNITS);
		assert_eq!(Balances::free_balance(Settlement::agency_account(TREASURY_AGENCY)), 0);
	});
}

/// Erasing a person reaches the invoices pallet: its authorisations of payers and its
/// taxpayer registration go; the invoices stay (legal retention).
#[test]
fn erasure_reaches_the_invoices_pallet() {
	run(|| {
		setup();
		assert_ok!(Invoices::issue(signed(Eve), request(1)));
		let until = pallet_timestamp::Now::<Runtime>::get() + 86_400_000;
		assert_ok!(Invoices::authorise_payer(signed(Ferdie), SHOP, until));
		assert_ok!(Identity::erase_person(signed(Alice), FERDIE, Default::default()));
		assert_ok!(Identity::erase_person(signed(Alice), SHOP, Default::default()));
		assert_eq!(pallet_civitas_invoices::PayerCount::<Runtime>::get(FERDIE), 0);
		assert!(pallet_civitas_invoices::Taxpayers::<Runtime>::get(SHOP).is_none());
		assert!(pallet_civitas_invoices::Invoices::<Runtime>::contains_key(SHOP, 1));
	});
}
