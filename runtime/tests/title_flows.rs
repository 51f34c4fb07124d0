//! Land-title flows that cross pallets, on the real runtime: owners registered by the identity
//! pallet and signing through the pool, the genesis registry (Land and Resources, agency 2),
//! bank (Bank of Nanjing, agency 6) and court (agency 7), consented reads traced in the
//! identity access log, and erasure through the identity pallet.

mod common;

use civitas_primitives::{Purpose, Scope, SubjectKind};
use civitas_runtime::{Identity, LandTitles, Runtime, RuntimeCall};
use common::*;
use frame_support::{assert_noop, assert_ok};
use pallet_civitas_land_titles::{
	geometry::Point, Error, LandUse, MortgageTerms, NewParcel, Share, Title,
};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;

const SELLER: H256 = H256::repeat_byte(0x51);
const BUYER: H256 = H256::repeat_byte(0x52);
const REGISTRY: Sr25519Keyring = Sr25519Keyring::Charlie;
const BANK: Sr25519Keyring = Sr25519Keyring::EveStash;
const BANK_AGENCY: u32 = 6;
const COURT: Sr25519Keyring = Sr25519Keyring::FerdieStash;

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

/// The seller (Ferdie) and buyer (Eve) registered; the seller's flat, parcel 0.
fn setup() {
	for (person, key) in [(SELLER, Ferdie), (BUYER, Eve)] {
		assert_ok!(Identity::register_person(
			signed(Alice),
			person,
			SubjectKind::Citizen,
			account(key),
			H256::repeat_byte(1),
			false
		));
	}
	let area = pallet_civitas_land_titles::geometry::area_m2(&flat()) as u64;
	assert_ok!(LandTitles::register_parcel(
		signed(REGISTRY),
		b"320102-001".to_vec().try_into().unwrap(),
		flat().try_into().unwrap(),
		LandUse::Residential,
		area,
		H256::repeat_byte(2),
		whole(SELLER).try_into().unwrap(),
	));
}

fn terms(amount: u128) -> MortgageTerms {
	MortgageTerms { amount, until: 1_900_000_000_000, document: H256::repeat_byte(3) }
}

/// The owner consents through the pool, the bank registers its mortgage; the owner offers the
/// flat and the buyer accepts through the pool; the bank pre-signs its release and the registry
/// (which also holds `RegisterMortgages`) the buyer's new mortgage; the approval applies all.
#[test]
fn a_mortgaged_flat_is_sold_with_both_banks_in_one_approval() {
	run(|| {
		setup();
		assert_ok!(LandTitles::propose_mortgage(signed(BANK), 0, terms(100_000)));
		let consent = RuntimeCall::LandTitles(pallet_civitas_land_titles::Call::consent_mortgage {
			parcel: 0,
			bank: BANK_AGENCY,
		});
		assert_eq!(submit(Ferdie, consent), Ok(Ok(())), "an enrolled owner consents");
		assert_ok!(LandTitles::register_mortgage(signed(BANK), 0));
		let offer = RuntimeCall::LandTitles(pallet_civitas_land_titles::Call::offer_sale {
			parcel: 0,
			sellers: whole(SELLER).try_into().unwrap(),
			buyers: whole(BUYER).try_into().unwrap(),
			price: H256::repeat_byte(4),
			deadline: pallet_timestamp::Now::<Runtime>::get() + 86_400_000,
		});
		assert_eq!(submit(Ferdie, offer), Ok(Ok(())));
		assert_ok!(LandTitles::presign_release(signed(BANK), 0, 0));
		assert_ok!(LandTitles::presign_mortgage(signed(REGISTRY), 0, terms(80_000)));
		let accept =
			RuntimeCall::LandTitles(pallet_civitas_land_titles::Call::accept_offer { offer: 0 });
		assert_eq!(submit(Eve, accept), Ok(Ok(())), "an enrolled buyer accepts");
		let old = title().certificate;
		assert_ok!(LandTitles::approve_sale(signed(REGISTRY), 0));
		assert_eq!(title().owners.to_vec(), whole(BUYER));
		let liens = pallet_civitas_land_titles::Liens::<Runtime>::get(0);
		assert_eq!(liens.iter().map(|l| (l.bank, l.amount)).collect::<Vec<_>>(), vec![(2, 80_000)]);
		assert!(matches!(
			LandTitles::certificate(old),
			Some(pallet_civitas_land_titles::CertificateStatus::Superseded { by: Some(c), .. })
				if c == title().certificate
		));
		// The court freezes it: the buyer cannot offer it on.
		assert_ok!(LandTitles::freeze(signed(COURT), 0, H256::repeat_byte(5)));
		let resale = RuntimeCall::LandTitles(pallet_civitas_land_titles::Call::offer_sale {
			parcel: 0,
			sellers: whole(BUYER).try_into().unwrap(),
			buyers: whole(SELLER).try_into().unwrap(),
			price: H256::zero(),
			deadline: pallet_timestamp::Now::<Runtime>::get() + 86_400_000,
		});
		assert_eq!(submit(Eve, resale), Ok(Err(Error::<Runtime>::Frozen.into())));
	});
}

/// An agency reads the titles a person holds only under the person's consent, and the read is
/// in the identity access log.
#[test]
fn holdings_are_read_under_consent_and_traced() {
	run(|| {
		setup();
		let purpose = Purpose::Code(9);
		assert_noop!(
			LandTitles::verify_holdings(signed(Bob), SELLER, purpose.clone()),
			Error::<Runtime>::NoConsent
		);
		let until = pallet_timestamp::Now::<Runtime>::get() + 86_400_000;
		assert_ok!(Identity::grant_consent(
			signed(Ferdie),
			SELLER,
			1,
			Scope::Titles,
			purpose.clone(),
			until,
			None
		));
		assert_ok!(LandTitles::verify_holdings(signed(Bob), SELLER, purpose));
		let log = pallet_civitas_identity::Pallet::<Runtime>::access_log(&SELLER);
		assert_eq!(
			log.iter().map(|a| (a.agency, a.scope)).collect::<Vec<_>>(),
			vec![(1, Scope::Titles)]
		);
	});
}

/// Erasing the buyer through the identity pallet cancels the open offer (the erasure hook); the
/// seller keeps the title. Splitting carries the lien to both halves.
#[test]
fn erasure_cancels_open_offers_and_a_split_carries_the_lien() {
	run(|| {
		setup();
		assert_ok!(LandTitles::offer_sale(
			signed(Ferdie),
			0,
			whole(SELLER).try_into().unwrap(),
			whole(BUYER).try_into().unwrap(),
			H256::zero(),
			pallet_timestamp::Now::<Runtime>::get() + 86_400_000,
		));
		assert_ok!(Identity::erase_person(signed(Alice), BUYER, Default::default()));
		assert!(pallet_civitas_land_titles::Offers::<Runtime>::get(0).is_none());
		assert_eq!(title().owners.to_vec(), whole(SELLER));

		assert_ok!(LandTitles::propose_mortgage(signed(BANK), 0, terms(1_000)));
		assert_ok!(LandTitles::consent_mortgage(signed(Ferdie), 0, BANK_AGENCY));
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
