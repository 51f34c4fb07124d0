//! Invoices and fines on the real runtime, under aliases: the shop and the buyer act under
//! invoices aliases bound with real ring-VRF proofs (the aliases pallet), every person's call
//! signed by its alias account and admitted by the pool; a company issues a full batch; an
//! agency reimburses under the buyer's alias consent (traced in the identity pallet, under the
//! alias); a fine issued for a claim key is claimed into the fined person's fines alias, paid
//! into the treasury's account, refunded on appeal, and answered for ("no unpaid fine") only
//! under consent; erasure ends the aliases and the records stay.

mod common;

use civitas_primitives::{Capability, Domain, PersonId, Purpose, Scope, SubjectKind};
use civitas_runtime::{
	configs::aliases::RebindGrace, currency::UNITS, genesis_config_presets::TREASURY_AGENCY,
	Balances, Identity, Invoices, Runtime, RuntimeCall, Settlement,
};
use common::{wallet::*, *};
use frame_support::assert_ok;
use pallet_civitas_invoices::{
	fine_claim_message, Buyer, Call, Error, InvoiceRequest, InvoiceStatus,
};
use sp_core::{sr25519, Pair, H256};

const SHOP: PersonId = H256::repeat_byte(0x51);
const FERDIE: PersonId = H256::repeat_byte(0xF0);
/// The wallets (member keys) of the shop and Ferdie.
const S: u8 = 31;
const F: u8 = 32;

/// The alias accounts' keys and the aliases of the story.
struct Cast {
	shop: sr25519::Pair,
	shop_alias: H256,
	buyer: sr25519::Pair,
	buyer_alias: H256,
	fined: sr25519::Pair,
	fined_alias: H256,
}

/// Signs an invoices call with an alias account's key, through the pool's checks and the
/// block; the dispatch's outcome.
fn invoices(key: &sr25519::Pair, call: Call<Runtime>) -> sp_runtime::DispatchResult {
	let call = RuntimeCall::Invoices(call);
	let nonce = civitas_runtime::System::account_nonce(id_of(key));
	pool_validate(&signed_tx_by(key, nonce, call.clone())).expect("the pool admits it");
	submit_by(key, call).expect("valid")
}

/// The shop (a company controlled by Eve) and Ferdie (a citizen), registered by the
/// civil-affairs bureau (Alice) with member keys; the shop binds an invoices alias, Ferdie an
/// invoices and a fines alias; the Public Security Bureau (Bob's agency, 1) becomes the tax
/// bureau, the police and the court by vote; the shop's alias is a taxpayer at 13 %.
fn setup() -> Cast {
	for (id, kind, key, seed) in
		[(SHOP, SubjectKind::Company, Eve, S), (FERDIE, SubjectKind::Citizen, Ferdie, F)]
	{
		assert_ok!(Identity::register_person(
			signed(Alice),
			id,
			kind,
			account(key),
			H256::repeat_byte(1),
			false
		));
		record_member_key(id, seed);
	}
	build_rings();
	let (shop, shop_alias) = bind_fresh(S, Domain::Invoices, "invoices-shop");
	let (buyer, buyer_alias) = bind_fresh(F, Domain::Invoices, "invoices-ferdie");
	let (fined, fined_alias) = bind_fresh(F, Domain::Fines, "fines-ferdie");
	for capability in [Capability::IssueInvoices, Capability::IssueFines, Capability::DecideAppeals]
	{
		assert_ok!(carry(RuntimeCall::Consortium(pallet_consortium::Call::grant_capability {
			agency: 1,
			capability,
		})));
	}
	assert_ok!(Invoices::set_rates(signed(Bob), vec![1300].try_into().unwrap()));
	assert_ok!(Invoices::register_taxpayer(signed(Bob), shop_alias, 1_000, 1_000_000 * UNITS));
	Cast { shop, shop_alias, buyer, buyer_alias, fined, fined_alias }
}

fn request(number: u64, buyer: H256) -> InvoiceRequest {
	InvoiceRequest {
		number,
		buyer: Buyer::Alias(buyer),
		amount: 100 * UNITS,
		tax: 13 * UNITS,
		rate: 1300,
		items: H256::repeat_byte(7),
	}
}

/// A company's alias account issues a batch of 100 invoices as one signed transaction: its
/// quota and length bound (a company's, not a citizen's) let it through the pool and into the
/// block.
#[test]
fn a_company_issues_a_full_batch_through_the_pool() {
	run(|| {
		let c = setup();
		let batch = (1..=100).map(|n| request(n, c.buyer_alias)).collect::<Vec<_>>();
		let call = RuntimeCall::Invoices(Call::issue_batch { invoices: batch.try_into().unwrap() });
		let nonce = civitas_runtime::System::account_nonce(id_of(&c.shop));
		let tx = signed_tx_by(&c.shop, nonce, call);
		assert!(codec::Encode::encoded_size(&tx) > 2048, "longer than a citizen may send");
		assert_eq!(pool_validate(&tx), Ok(()));
		assert_eq!(apply(&tx), Ok(Ok(())));
		assert!(pallet_civitas_invoices::Invoices::<Runtime>::contains_key(c.shop_alias, 100));
	});
}

/// An agency reimburses an invoice only under the consent the buyer's alias account grants
/// with scope `Invoices`, and the claim is written to the alias's access log in the identity
/// pallet: nothing names Ferdie's id or main account.
#[test]
fn an_agency_reimburses_under_the_aliass_consent_and_the_buyer_sees_it() {
	run(|| {
		let c = setup();
		assert_ok!(invoices(&c.shop, Call::issue { invoice: request(1, c.buyer_alias) }));
		assert_ok!(invoices(&c.buyer, Call::receive { seller: c.shop_alias, number: 1 }));
		let purpose = Purpose::Code(7);
		let claim =
			|| Invoices::claim(signed(Charlie), c.shop_alias, 1, 60 * UNITS, purpose.clone());
		assert_eq!(claim(), Err(Error::<Runtime>::NotAuthorised.into()));
		let until = pallet_timestamp::Now::<Runtime>::get() + 86_400_000;
		assert_ok!(submit_by(
			&c.buyer,
			RuntimeCall::Identity(pallet_civitas_identity::Call::grant_alias_consent {
				domain: Domain::Invoices,
				agency: 2,
				scope: Scope::Invoices,
				purpose: purpose.clone(),
				until,
			})
		)
		.expect("valid"));
		assert_ok!(claim());
		assert_eq!(
			Invoices::invoice(c.shop_alias, 1),
			Some((InvoiceStatus::Received, 100 * UNITS, 60 * UNITS, 40 * UNITS))
		);
		let log = pallet_civitas_identity::Pallet::<Runtime>::access_log(&c.buyer_alias);
		assert_eq!(log.len(), 1);
		assert_eq!((log[0].agency, log[0].scope, log[0].answer), (2, Scope::Invoices, true));
		assert!(pallet_civitas_identity::Pallet::<Runtime>::access_log(&FERDIE).is_empty());
	});
}

/// The police issues a fine for a claim key (the chain never learns who it fines).
fn issue_fine(claim_key: &sr25519::Pair, amount: u128) -> u64 {
	let bill = pallet_civitas_invoices::NextBillId::<Runtime>::get();
	let due = pallet_timestamp::Now::<Runtime>::get() + 15 * 86_400_000;
	assert_ok!(Invoices::issue_fine(
		signed(Bob),
		claim_key.public(),
		1_301,
		amount,
		H256::zero(),
		1,
		due
	));
	bill
}

/// Ferdie claims `bill` into its fines alias with the claim key it got with the notice.
fn claim(c: &Cast, claim_key: &sr25519::Pair, bill: u64) -> sp_runtime::DispatchResult {
	let signature = claim_key.sign(&fine_claim_message(bill, &c.fined_alias));
	invoices(&c.fined, Call::claim_fine { bill, signature })
}

fn claim_key(n: u8) -> sr25519::Pair {
	sr25519::Pair::from_string(&format!("//Police//notice-{n}"), None).expect("a key")
}

/// Ferdie's main account sends its fines alias account money to pay with: a transfer an
/// outsider sees (a person who wants none funds the alias account from elsewhere, such as a
/// bank's counter).
fn fund_fines_account(c: &Cast, amount: u128) {
	assert_ok!(submit(
		Ferdie,
		RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: id_of(&c.fined).into(),
			value: amount,
		})
	)
	.expect("admitted"));
}

/// A fine is claimed into the fines alias, paid into the treasury agency's account (the
/// settlement pallet's), refunded from it to the alias account when the court cancels the
/// bill, and the treasury's admin pays out of it.
#[test]
fn a_fine_is_claimed_paid_to_the_treasury_and_refunded_on_appeal() {
	run(|| {
		let c = setup();
		let treasury = Settlement::agency_account(TREASURY_AGENCY);
		let (paid, refunded) =
			(issue_fine(&claim_key(0), 200 * UNITS), issue_fine(&claim_key(1), 200 * UNITS));
		// Another key's signature claims nothing.
		let forged = claim_key(9).sign(&fine_claim_message(paid, &c.fined_alias));
		assert_eq!(
			invoices(&c.fined, Call::claim_fine { bill: paid, signature: forged }),
			Err(Error::<Runtime>::BadClaimSignature.into())
		);
		assert_ok!(claim(&c, &claim_key(0), paid));
		assert_ok!(claim(&c, &claim_key(1), refunded));
		fund_fines_account(&c, 500 * UNITS);
		for bill in [paid, refunded] {
			assert_ok!(invoices(&c.fined, Call::pay_fine { bill }));
		}
		assert_eq!(Balances::free_balance(&treasury), 400 * UNITS);
		assert_ok!(invoices(&c.fined, Call::appeal_fine { bill: refunded }));
		assert_ok!(Invoices::cancel_fine(signed(Bob), refunded));
		assert_eq!(Balances::free_balance(&treasury), 200 * UNITS);
		assert_eq!(Balances::free_balance(id_of(&c.fined)), 300 * UNITS);
		assert_ok!(Settlement::agency_transfer(signed(Dave), account(Alice), 200 * UNITS));
		assert_eq!(Balances::free_balance(&treasury), 0);
	});
}

/// A bank learns whether Ferdie has an unpaid fine only under the consent its fines alias
/// account grants (scope `Fines`), and the question is in the alias's access log.
#[test]
fn a_bank_asks_whether_a_fine_is_unpaid_under_consent_with_a_trace() {
	run(|| {
		let c = setup();
		let bill = issue_fine(&claim_key(0), 50 * UNITS);
		assert_ok!(claim(&c, &claim_key(0), bill));
		let purpose = Purpose::Code(9);
		// Eve's stash staffs the bank (agency 6).
		let ask = || {
			Invoices::verify_fines(
				signed(sp_keyring::Sr25519Keyring::EveStash),
				c.fined_alias,
				purpose.clone(),
			)
		};
		assert_eq!(ask(), Err(Error::<Runtime>::NoConsent.into()));
		let until = pallet_timestamp::Now::<Runtime>::get() + 86_400_000;
		assert_ok!(submit_by(
			&c.fined,
			RuntimeCall::Identity(pallet_civitas_identity::Call::grant_alias_consent {
				domain: Domain::Fines,
				agency: 6,
				scope: Scope::Fines,
				purpose: purpose.clone(),
				until,
			})
		)
		.expect("valid"));
		assert_ok!(ask());
		fund_fines_account(&c, 100 * UNITS);
		assert_ok!(invoices(&c.fined, Call::pay_fine { bill }));
		assert_ok!(ask());
		let log = pallet_civitas_identity::Pallet::<Runtime>::access_log(&c.fined_alias);
		let answers: Vec<_> = log.iter().map(|a| (a.agency, a.scope, a.answer)).collect();
		assert_eq!(answers, vec![(6, Scope::Fines, false), (6, Scope::Fines, true)]);
	});
}

/// Issue 32 item 11: fines go to the treasury the consortium names, not to an agency by its
/// index. A bank (agency 6) is refused as fine treasury; once the consortium grants agency 7
/// `MintSettlement` and names it, the next fine goes to its account.
#[test]
fn fines_go_to_the_treasury_the_consortium_names() {
	run(|| {
		let c = setup();
		assert_eq!(pallet_civitas_invoices::FineTreasury::<Runtime>::get(), Some(TREASURY_AGENCY));
		let name = |agency| RuntimeCall::Invoices(Call::set_fine_treasury { agency });
		assert_eq!(carry(name(6)), Err(Error::<Runtime>::NotATreasury.into()));
		assert_ok!(carry(RuntimeCall::Consortium(pallet_consortium::Call::grant_capability {
			agency: 7,
			capability: Capability::MintSettlement,
		})));
		assert_ok!(carry(name(7)));
		let bill = issue_fine(&claim_key(0), 50 * UNITS);
		assert_ok!(claim(&c, &claim_key(0), bill));
		fund_fines_account(&c, 100 * UNITS);
		assert_ok!(invoices(&c.fined, Call::pay_fine { bill }));
		assert_eq!(Balances::free_balance(Settlement::agency_account(7)), 50 * UNITS);
		assert_eq!(Balances::free_balance(Settlement::agency_account(TREASURY_AGENCY)), 0);
	});
}

/// Erasing Ferdie through the identity pallet takes its member key out of its ring: after the
/// grace its invoices alias acts no more (no new authorisation, no invoice to it), while the
/// invoices it received stay, as tax law requires.
#[test]
fn erasure_ends_the_buyers_alias_and_the_records_stay() {
	run(|| {
		let c = setup();
		assert_ok!(invoices(&c.shop, Call::issue { invoice: request(1, c.buyer_alias) }));
		assert_ok!(invoices(&c.buyer, Call::receive { seller: c.shop_alias, number: 1 }));
		assert_ok!(Identity::erase_person(signed(Alice), FERDIE, Default::default()));
		build_rings();
		let blocks_in_grace = u32::try_from(RebindGrace::get() / 6_000).unwrap();
		let later = civitas_runtime::System::block_number() + blocks_in_grace;
		civitas_runtime::System::set_block_number(later - 1);
		start_block(later);
		// The companies' ring was not revised: the shop still acts, but no invoice goes to the
		// ended alias.
		assert_eq!(
			invoices(&c.shop, Call::issue { invoice: request(2, c.buyer_alias) }),
			Err(Error::<Runtime>::BadBuyer.into())
		);
		let until = pallet_timestamp::Now::<Runtime>::get() + 86_400_000;
		assert_eq!(
			submit_by(
				&c.buyer,
				RuntimeCall::Invoices(Call::authorise_payer { payer: c.shop_alias, until })
			),
			Ok(Err(Error::<Runtime>::NoAlias.into()))
		);
		assert!(pallet_civitas_invoices::Invoices::<Runtime>::contains_key(c.shop_alias, 1));
	});
}
