//! Land-title flows that cross pallets, on the real runtime, under titles aliases: seller and
//! buyer registered by the identity pallet with member keys, each binding a titles alias with a
//! real ring-VRF proof (the aliases pallet) and signing through the pool with its alias account;
//! the genesis registry (Land and Resources, agency 2), bank (Bank of Nanjing, agency 6) and court
//! (agency 7); consented reads under the alias, traced in the identity access log; erasure
//! through the identity pallet ends the alias.

mod common;

use civitas_primitives::{Domain, Purpose, Scope, SubjectKind};
use civitas_runtime::{configs::aliases::RebindGrace, Identity, LandTitles, Runtime, RuntimeCall};
use common::{wallet::*, *};
use frame_support::{assert_noop, assert_ok};
use pallet_civitas_land_titles::{
	geometry::Point, Call, Error, LandUse, MortgageTerms, NewParcel, Share, Title,
};
use sp_core::{sr25519, H256};
use sp_keyring::Sr25519Keyring;

const SELLER_ID: H256 = H256::repeat_byte(0x51);
const BUYER_ID: H256 = H256::repeat_byte(0x52);
/// The wallets (member keys) of the seller and the buyer.
const S: u8 = 41;
const B: u8 = 42;
const REGISTRY: Sr25519Keyring = Sr25519Keyring::Charlie;
const BANK: Sr25519Keyring = Sr25519Keyring::EveStash;
const BANK_AGENCY: u32 = 6;
const COURT: Sr25519Keyring = Sr25519Keyring::FerdieStash;

/// The titles aliases' account keys and aliases.
struct Cast {
	seller: sr25519::Pair,
	seller_alias: H256,
	buyer: sr25519::Pair,
	buyer_alias: H256,
}

/// Signs a land-titles call with an alias account's key, through the pool and the block.
fn titles(key: &sr25519::Pair, call: Call<Runtime>) -> sp_runtime::DispatchResult {
	let call = RuntimeCall::LandTitles(call);
	let nonce = civitas_runtime::System::account_nonce(id_of(key));
	pool_validate(&signed_tx_by(key, nonce, call.clone())).expect("the pool admits it");
	submit_by(key, call).expect("valid")
}

/// `key`'s alias account offers parcel 0, wholly `from`'s, wholly to `to`, at the salted hash
/// `price`, open for `days`.
fn offer_whole(
	key: &sr25519::Pair,
	from: H256,
	to: H256,
	price: H256,
	days: u64,
) -> sp_runtime::DispatchResult {
	titles(
		key,
		Call::offer_sale {
			parcel: 0,
			sellers: whole(from).try_into().unwrap(),
			buyers: whole(to).try_into().unwrap(),
			price,
			deadline: pallet_timestamp::Now::<Runtime>::get() + days * 86_400_000,
		},
	)
}

/// The offer's current terms, as a wallet reads them before signing.
fn terms_of(offer: u64) -> H256 {
	LandTitles::offer_terms(offer).expect("an open offer")
}

/// A rectangle in Nanjing, counter-clockwise, of `h` × `w` micro-degrees.
fn rect(lat: i32, lon: i32, h: i32, w: i32) -> Vec<Point> {
	vec![
		Point::new(lat, lon),
		Point::new(lat, lon + w),
		Point::new(lat + h, lon + w),
		Point::new(lat + h, lon),
	]
}

fn flat() -> Vec<Point> {
	rect(32_060_300, 118_796_900, 181, 318)
}

fn whole(owner: H256) -> Vec<Share> {
	vec![Share { owner, bps: 10_000 }]
}

fn title() -> Title<<Runtime as pallet_civitas_land_titles::Config>::MaxOwners> {
	pallet_civitas_land_titles::Titles::<Runtime>::get(0).unwrap()
}

/// The seller (Ferdie's person) and buyer (Eve's) registered with member keys, each binding a
/// titles alias; the seller's flat, parcel 0, registered to the seller's alias.
fn setup() -> Cast {
	for (person, key, seed) in [(SELLER_ID, Ferdie, S), (BUYER_ID, Eve, B)] {
		assert_ok!(Identity::register_person(
			signed(Alice),
			person,
			SubjectKind::Citizen,
			account(key),
			H256::repeat_byte(1),
			false
		));
		record_member_key(person, seed);
	}
	build_rings();
	let (seller, seller_alias) = bind_fresh(S, Domain::Titles, "titles-seller");
	let (buyer, buyer_alias) = bind_fresh(B, Domain::Titles, "titles-buyer");
	let area = pallet_civitas_land_titles::geometry::area_m2(&flat()) as u64;
	assert_ok!(LandTitles::register_parcel(
		signed(REGISTRY),
		b"320102-001".to_vec().try_into().unwrap(),
		flat().try_into().unwrap(),
		LandUse::Residential,
		area,
		H256::repeat_byte(2),
		whole(seller_alias).try_into().unwrap(),
	));
	Cast { seller, seller_alias, buyer, buyer_alias }
}

fn terms(amount: u128) -> MortgageTerms {
	MortgageTerms { amount, until: 1_900_000_000_000, document: H256::repeat_byte(3) }
}

/// The owner's alias account consents through the pool, the bank registers its mortgage; the
/// owner offers the flat and the buyer accepts through the pool on the offer's terms; the bank
/// pre-signs its release and the registry (which also holds `RegisterMortgages`) the buyer's
/// new mortgage, which changes the terms: both parties sign again; the approval applies all.
#[test]
fn a_mortgaged_flat_is_sold_with_both_banks_in_one_approval() {
	run(|| {
		let c = setup();
		assert_ok!(LandTitles::propose_mortgage(signed(BANK), 0, terms(100_000)));
		assert_ok!(titles(&c.seller, Call::consent_mortgage { parcel: 0, bank: BANK_AGENCY }));
		assert_ok!(LandTitles::register_mortgage(signed(BANK), 0));
		assert_ok!(offer_whole(&c.seller, c.seller_alias, c.buyer_alias, H256::repeat_byte(4), 1));
		let before = terms_of(0);
		assert_ok!(titles(&c.buyer, Call::accept_offer { offer: 0, terms: before }));
		assert_ok!(LandTitles::presign_release(signed(BANK), 0, 0));
		assert_ok!(LandTitles::presign_mortgage(signed(REGISTRY), 0, terms(80_000)));
		// The acceptance of the terms before the pre-signatures carries over to nothing.
		assert_noop!(LandTitles::approve_sale(signed(REGISTRY), 0), Error::<Runtime>::NotReady);
		assert_eq!(
			titles(&c.buyer, Call::accept_offer { offer: 0, terms: before }),
			Err(Error::<Runtime>::TermsChanged.into())
		);
		let now = terms_of(0);
		assert_ok!(titles(&c.seller, Call::sign_offer { offer: 0, terms: now }));
		assert_ok!(titles(&c.buyer, Call::accept_offer { offer: 0, terms: now }));
		let old = title().certificate;
		assert_ok!(LandTitles::approve_sale(signed(REGISTRY), 0));
		assert_eq!(title().owners.to_vec(), whole(c.buyer_alias));
		let liens = pallet_civitas_land_titles::Liens::<Runtime>::get(0);
		assert_eq!(liens.iter().map(|l| (l.bank, l.amount)).collect::<Vec<_>>(), vec![(2, 80_000)]);
		assert!(matches!(
			LandTitles::certificate(old),
			Some(pallet_civitas_land_titles::CertificateStatus::Superseded { by: Some(c), .. })
				if c == title().certificate
		));
		// The court freezes it: the buyer cannot offer it on.
		assert_ok!(LandTitles::freeze(signed(COURT), 0, H256::repeat_byte(5)));
		assert_eq!(
			offer_whole(&c.buyer, c.buyer_alias, c.seller_alias, H256::zero(), 1),
			Err(Error::<Runtime>::Frozen.into())
		);
		// A main account acts for no titles alias.
		assert_eq!(
			submit(
				Eve,
				RuntimeCall::LandTitles(Call::accept_offer { offer: 0, terms: H256::zero() })
			),
			Ok(Err(Error::<Runtime>::NoAlias.into()))
		);
	});
}

/// An agency reads the titles an alias holds only under the consent the alias account grants,
/// and the read is in the alias's access log (nothing under the person's id).
#[test]
fn holdings_are_read_under_the_aliass_consent_and_traced() {
	run(|| {
		let c = setup();
		let purpose = Purpose::Code(9);
		assert_noop!(
			LandTitles::verify_holdings(signed(Bob), c.seller_alias, purpose.clone()),
			Error::<Runtime>::NoConsent
		);
		let until = pallet_timestamp::Now::<Runtime>::get() + 86_400_000;
		assert_ok!(submit_by(
			&c.seller,
			RuntimeCall::Identity(pallet_civitas_identity::Call::grant_alias_consent {
				domain: Domain::Titles,
				agency: 1,
				scope: Scope::Titles,
				purpose: purpose.clone(),
				until,
			})
		)
		.expect("valid"));
		assert_ok!(LandTitles::verify_holdings(signed(Bob), c.seller_alias, purpose));
		let log = pallet_civitas_identity::Pallet::<Runtime>::access_log(&c.seller_alias);
		assert_eq!(
			log.iter().map(|a| (a.agency, a.scope)).collect::<Vec<_>>(),
			vec![(1, Scope::Titles)]
		);
		assert!(pallet_civitas_identity::Pallet::<Runtime>::access_log(&SELLER_ID).is_empty());
	});
}

/// Erasing the buyer through the identity pallet ends its titles alias after the rings' grace:
/// the open offer can no longer close, the seller withdraws it and keeps the title. Splitting
/// carries the lien to both halves.
#[test]
fn erasure_ends_the_buyers_alias_and_a_split_carries_the_lien() {
	run(|| {
		let c = setup();
		assert_ok!(offer_whole(&c.seller, c.seller_alias, c.buyer_alias, H256::zero(), 30));
		assert_ok!(titles(&c.buyer, Call::accept_offer { offer: 0, terms: terms_of(0) }));
		assert_ok!(Identity::erase_person(signed(Alice), BUYER_ID, Default::default()));
		build_rings();
		// The seller, in the same ring, binds its account again to the new root; the buyer
		// cannot. The grace passes: blocks' time follows their number.
		let refresh = bind_tx(S, Domain::Titles, &id_of(&c.seller), 1);
		assert_ok!(apply(&refresh).expect("valid"));
		let blocks_in_grace = u32::try_from(RebindGrace::get() / 6_000).unwrap();
		let later = civitas_runtime::System::block_number() + blocks_in_grace;
		civitas_runtime::System::set_block_number(later - 1);
		start_block(later);
		assert_noop!(LandTitles::approve_sale(signed(REGISTRY), 0), Error::<Runtime>::UnknownAlias);
		assert_ok!(titles(&c.seller, Call::cancel_offer { offer: 0 }));
		assert_eq!(title().owners.to_vec(), whole(c.seller_alias));

		assert_ok!(LandTitles::propose_mortgage(signed(BANK), 0, terms(1_000)));
		assert_ok!(titles(&c.seller, Call::consent_mortgage { parcel: 0, bank: BANK_AGENCY }));
		assert_ok!(LandTitles::register_mortgage(signed(BANK), 0));
		let half = |c: &str, lon: i32| {
			let points = rect(32_060_300, lon, 181, 159);
			let area = pallet_civitas_land_titles::geometry::area_m2(&points) as u64;
			NewParcel {
				cadastral: c.as_bytes().to_vec().try_into().unwrap(),
				boundary: points.try_into().unwrap(),
				area,
				document: H256::zero(),
			}
		};
		assert_ok!(LandTitles::split(
			signed(REGISTRY),
			0,
			vec![half("320102-001-1", 118_796_900), half("320102-001-2", 118_797_059)]
				.try_into()
				.unwrap()
		));
		for child in [1, 2] {
			assert_eq!(pallet_civitas_land_titles::Liens::<Runtime>::get(child).len(), 1);
		}
	});
}
