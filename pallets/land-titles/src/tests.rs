//! Unit tests: one behaviour per test; every error with `assert_noop!`, every success with its
//! effects; the invariants are checked after each test.

use crate::{geometry::Point, mock::*, *};
use civitas_primitives::SubjectKind;
use frame_support::{assert_noop, assert_ok};

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// The offer's current terms (none for an unknown offer).
fn terms_now(offer: OfferId) -> H256 {
	LandTitles::offer_terms(offer).unwrap_or_default()
}

/// Accepts an offer as `who`'s alias, on its current terms.
fn accept(who: AccountId, offer: OfferId) -> DispatchResult {
	LandTitles::accept_offer(signed(who), offer, terms_now(offer))
}

/// Signs an offer as `who`'s alias, on its current terms.
fn sign(who: AccountId, offer: OfferId) -> DispatchResult {
	LandTitles::sign_offer(signed(who), offer, terms_now(offer))
}

fn last_event() -> Event<Test> {
	title_events().pop().expect("an event")
}

/// An axis-aligned rectangle, counter-clockwise from its south-west corner (micro-degrees).
fn rect(lat: i32, lon: i32, h: i32, w: i32) -> Vec<Point> {
	vec![
		Point::new(lat, lon),
		Point::new(lat, lon + w),
		Point::new(lat + h, lon + w),
		Point::new(lat + h, lon),
	]
}

fn boundary(points: Vec<Point>) -> BoundaryOf<Test> {
	points.try_into().unwrap()
}

fn cad(s: &str) -> Cadastral {
	s.as_bytes().to_vec().try_into().unwrap()
}

fn shares(s: &[(Alias, Bps)]) -> SharesOf<Test> {
	s.iter()
		.map(|(owner, bps)| Share { owner: *owner, bps: *bps })
		.collect::<Vec<_>>()
		.try_into()
		.unwrap()
}

/// The area the chain computes (m²), to declare.
fn area(points: &[Point]) -> u64 {
	geometry::area_m2(points) as u64
}

fn register(c: &str, points: Vec<Point>, owners: &[(Alias, Bps)]) -> DispatchResult {
	let a = area(&points);
	LandTitles::register_parcel(
		signed(REGISTRY),
		cad(c),
		boundary(points),
		LandUse::Residential,
		a,
		H256::repeat_byte(1),
		shares(owners),
	)
}

/// A 500 × 500 µdeg square (about 55 m × 55 m at the equator).
fn square(lat: i32, lon: i32) -> Vec<Point> {
	rect(lat, lon, 500, 500)
}

fn title(parcel: ParcelId) -> Title<<Test as Config>::MaxOwners> {
	Titles::<Test>::get(parcel).unwrap()
}

/// Parcel 0: ANN's square at the origin.
fn run(test: impl FnOnce()) {
	build_and_execute(|| {
		assert_ok!(register("320100-0", square(0, 0), &[(ANN, WHOLE)]));
		test();
	});
}

fn offer(
	parcel: ParcelId,
	by: AccountId,
	sellers: &[(Alias, Bps)],
	buyers: &[(Alias, Bps)],
) -> DispatchResult {
	LandTitles::offer_sale(
		signed(by),
		parcel,
		shares(sellers),
		shares(buyers),
		H256::repeat_byte(7),
		NOW + DAY,
	)
}

fn terms(amount: Amount) -> MortgageTerms {
	MortgageTerms { amount, until: NOW + 3650 * DAY, document: H256::repeat_byte(amount as u8) }
}

/// A lien of `bank` on parcel 0 with every owner's consent; its id.
fn mortgage(bank: AccountId, owners: &[AccountId]) -> LienId {
	let agency = if bank == BANK_A { BANK_A_AGENCY } else { BANK_B_AGENCY };
	assert_ok!(LandTitles::propose_mortgage(signed(bank), 0, terms(1_000)));
	for o in owners {
		assert_ok!(LandTitles::consent_mortgage(signed(*o), 0, agency));
	}
	let id = NextLienId::<Test>::get();
	assert_ok!(LandTitles::register_mortgage(signed(bank), 0));
	id
}

// --- Parcels ---

#[test]
fn a_registry_registers_a_parcel_and_its_title() {
	run(|| {
		let t = title(0);
		assert_eq!(t.version, 1);
		assert_eq!(t.certificate, LandTitles::certificate_id(b"320100-0", 1));
		assert_eq!(
			last_event(),
			Event::ParcelRegistered {
				parcel: 0,
				registry: REGISTRY_AGENCY,
				certificate: t.certificate,
				area: 3077
			}
		);
		assert!(TitlesOf::<Test>::contains_key(ANN, 0));
		assert_eq!(Cells::<Test>::get((0, 0)).into_inner(), vec![0]);
		assert_eq!(ParcelOfCadastre::<Test>::get(cad("320100-0")), Some(0));
		assert_eq!(
			LandTitles::parcel_by_cadastral(b"320100-0".to_vec()).map(|(id, _)| id),
			Some(0)
		);
		assert!(matches!(
			LandTitles::certificate(t.certificate),
			Some(CertificateStatus::Current(TitleView { parcel: 0, version: 1, .. }))
		));
		assert_eq!(LandTitles::history(0).len(), 1);
	});
}

#[test]
fn bad_polygons_are_refused_with_what_is_wrong() {
	run(|| {
		let reg = |points: Vec<Point>| {
			LandTitles::register_parcel(
				signed(REGISTRY),
				cad("x"),
				boundary(points),
				LandUse::Commercial,
				100,
				H256::zero(),
				shares(&[(ANN, WHOLE)]),
			)
		};
		assert_noop!(reg(square(5_000, 0)[..2].to_vec()), Error::<Test>::TooFewVertices);
		assert_noop!(reg(square(90_000_000, 0)), Error::<Test>::OutOfRange);
		let mut repeated = square(5_000, 0);
		repeated.push(Point::new(5_000, 0));
		assert_noop!(reg(repeated), Error::<Test>::RepeatedVertex);
		let bow = vec![
			Point::new(5_000, 0),
			Point::new(5_500, 500),
			Point::new(5_500, 0),
			Point::new(5_000, 500),
		];
		assert_noop!(reg(bow), Error::<Test>::SelfIntersecting);
		let flat = vec![Point::new(5_000, 0), Point::new(5_000, 100), Point::new(5_000, 200)];
		assert_noop!(reg(flat), Error::<Test>::SelfIntersecting);
	});
}

#[test]
fn a_declared_area_more_than_one_percent_off_is_refused() {
	run(|| {
		let reg = |a: u64| {
			LandTitles::register_parcel(
				signed(REGISTRY),
				cad("x"),
				boundary(square(5_000, 0)),
				LandUse::Agricultural,
				a,
				H256::zero(),
				shares(&[(ANN, WHOLE)]),
			)
		};
		assert_noop!(reg(3077 * 102 / 100), Error::<Test>::AreaMismatch);
		assert_noop!(reg(3077 * 98 / 100), Error::<Test>::AreaMismatch);
		assert_ok!(reg(3077 * 1005 / 1000));
	});
}

#[test]
fn no_two_live_parcels_overlap_but_they_may_touch() {
	run(|| {
		// Overlapping parcel 0: refused; the view names it.
		assert_noop!(
			register("a", rect(250, 250, 500, 500), &[(BEN, WHOLE)]),
			Error::<Test>::Overlaps
		);
		assert_eq!(LandTitles::overlapping(rect(250, 250, 500, 500)), vec![0]);
		assert!(LandTitles::overlapping(square(0, 500)).is_empty());
		// The same land again.
		assert_noop!(register("b", square(0, 0), &[(BEN, WHOLE)]), Error::<Test>::Overlaps);
		// Inside it.
		assert_noop!(
			register("c", rect(100, 100, 100, 100), &[(BEN, WHOLE)]),
			Error::<Test>::Overlaps
		);
		// Sharing an edge, and a corner: allowed.
		assert_ok!(register("d", square(0, 500), &[(BEN, WHOLE)]));
		assert_ok!(register("e", square(500, 500), &[(BEN, WHOLE)]));
	});
}

#[test]
fn registration_refuses_bad_input() {
	run(|| {
		assert_noop!(
			register("320100-0", square(5_000, 0), &[(ANN, WHOLE)]),
			Error::<Test>::CadastralTaken
		);
		assert_noop!(
			register("", square(5_000, 0), &[(ANN, WHOLE)]),
			Error::<Test>::EmptyCadastral
		);
		assert_noop!(
			register("big", rect(5_000, 0, 2_500, 1_500), &[(ANN, WHOLE)]),
			Error::<Test>::ParcelTooLarge
		);
		assert_noop!(
			register("x", square(5_000, 0), &[(GHOST, WHOLE)]),
			Error::<Test>::UnknownAlias
		);
		assert_noop!(
			register("x", square(5_000, 0), &[(ANN, 5_000), (ANN, 5_000)]),
			Error::<Test>::BadShares
		);
		assert_noop!(
			register("x", square(5_000, 0), &[(ANN, 0), (BEN, WHOLE)]),
			Error::<Test>::BadShares
		);
		assert_noop!(
			register("x", square(5_000, 0), &[(ANN, 5_000), (BEN, 4_999)]),
			Error::<Test>::SharesNotWhole
		);
		assert_noop!(
			LandTitles::register_parcel(
				signed(BANK_A),
				cad("x"),
				boundary(square(5_000, 0)),
				LandUse::Industrial,
				3077,
				H256::zero(),
				shares(&[(ANN, WHOLE)])
			),
			DispatchError::Other("MissingCapability")
		);
	});
}

#[test]
fn a_full_cell_is_refused() {
	run(|| {
		// Cell (0, 0) lists parcel 0; two more small squares fill it (three a cell).
		assert_ok!(register("a", rect(0, 500, 400, 400), &[(ANN, WHOLE)]));
		assert_ok!(register("b", rect(500, 0, 400, 400), &[(ANN, WHOLE)]));
		assert_noop!(
			register("c", rect(500, 500, 400, 400), &[(ANN, WHOLE)]),
			Error::<Test>::CellFull
		);
		assert_eq!(
			LandTitles::parcels_in(BBox { min_lat: 0, min_lon: 0, max_lat: 999, max_lon: 999 }),
			vec![0, 1, 2]
		);
	});
}

// --- Sales ---

#[test]
fn a_sale_needs_every_seller_every_buyer_and_the_registry() {
	run(|| {
		// ANN sells 40 % to CAT and keeps 60 %.
		assert_ok!(offer(0, ANN_KEY, &[(ANN, 4_000)], &[(CAT, 4_000)]));
		assert_eq!(last_event(), Event::OfferSigned { offer: 0, seller: ANN });
		assert_noop!(LandTitles::approve_sale(signed(REGISTRY), 0), Error::<Test>::NotReady);
		assert_noop!(accept(BEN_KEY, 0), Error::<Test>::NotParty);
		assert_ok!(accept(CAT_KEY, 0));
		assert_noop!(accept(CAT_KEY, 0), Error::<Test>::AlreadySigned);
		let old = title(0).certificate;
		assert_ok!(LandTitles::approve_sale(signed(REGISTRY), 0));
		let t = title(0);
		assert_eq!(t.version, 2);
		assert_eq!(
			t.owners.to_vec(),
			vec![Share { owner: ANN, bps: 6_000 }, Share { owner: CAT, bps: 4_000 }]
		);
		assert_eq!(t.certificate, LandTitles::certificate_id(b"320100-0", 2));
		assert_eq!(
			LandTitles::certificate(old),
			Some(CertificateStatus::Superseded {
				parcel: 0,
				version: 1,
				by: Some(t.certificate),
				into: vec![]
			})
		);
		assert!(TitlesOf::<Test>::contains_key(CAT, 0));
		assert!(Offers::<Test>::get(0).is_none());
		assert!(OffersOf::<Test>::get(ANN).is_empty());
	});
}

#[test]
fn co_owners_each_sign_for_their_own_share() {
	build_and_execute(|| {
		assert_ok!(register("p", square(0, 0), &[(ANN, 5_000), (BEN, 5_000)]));
		assert_ok!(offer(0, ANN_KEY, &[(ANN, 5_000), (BEN, 5_000)], &[(CAT, 7_000), (DAN, 3_000)]));
		assert_ok!(accept(CAT_KEY, 0));
		assert_ok!(accept(DAN_KEY, 0));
		assert_noop!(LandTitles::approve_sale(signed(REGISTRY), 0), Error::<Test>::NotReady);
		assert_noop!(sign(ANN_KEY, 0), Error::<Test>::AlreadySigned);
		assert_noop!(sign(CAT_KEY, 0), Error::<Test>::NotParty);
		assert_ok!(sign(BEN_KEY, 0));
		assert_ok!(LandTitles::approve_sale(signed(REGISTRY), 0));
		assert_eq!(
			title(0).owners.to_vec(),
			vec![Share { owner: CAT, bps: 7_000 }, Share { owner: DAN, bps: 3_000 }]
		);
		assert!(!TitlesOf::<Test>::contains_key(ANN, 0));
	});
}

/// A sale that would leave more than `MaxOwners` (4 here) owners is refused when offered,
/// with its own error, and the state is unchanged.
#[test]
fn a_sale_to_more_owners_than_a_title_holds_is_refused() {
	build_and_execute(|| {
		const EVE: Alias = Alias::repeat_byte(0xA5);
		People::set(&{
			let mut p = People::get();
			p.push((EVE, 15, SubjectKind::Citizen));
			p
		});
		let quarters = [(ANN, 2_500), (BEN, 2_500), (CAT, 2_500), (DAN, 2_500)];
		assert_ok!(register("p", square(0, 0), &quarters));
		// ANN keeps part of her share and EVE would be a fifth owner.
		assert_noop!(
			offer(0, ANN_KEY, &[(ANN, 1_000)], &[(EVE, 1_000)]),
			Error::<Test>::TooManyOwners
		);
		// Selling all of it, ANN leaves: still four owners.
		assert_ok!(offer(0, ANN_KEY, &[(ANN, 2_500)], &[(EVE, 2_500)]));
	});
}

#[test]
fn offers_refuse_bad_input() {
	run(|| {
		assert_noop!(offer(9, ANN_KEY, &[(ANN, 1)], &[(CAT, 1)]), Error::<Test>::UnknownParcel);
		assert_noop!(offer(0, BEN_KEY, &[(ANN, 1)], &[(CAT, 1)]), Error::<Test>::NotParty);
		assert_noop!(offer(0, BEN_KEY, &[(BEN, 1)], &[(CAT, 1)]), Error::<Test>::NotOwner);
		assert_noop!(
			offer(0, ANN_KEY, &[(ANN, WHOLE)], &[(GHOST, WHOLE)]),
			Error::<Test>::UnknownAlias
		);
		assert_noop!(
			offer(0, ANN_KEY, &[(ANN, 5_000)], &[(CAT, 4_000)]),
			Error::<Test>::SharesNotWhole
		);
		assert_noop!(
			offer(0, ANN_KEY, &[(ANN, 5_000)], &[(CAT, 0), (BEN, 5_000)]),
			Error::<Test>::BadShares
		);
		assert_noop!(
			LandTitles::offer_sale(
				signed(ANN_KEY),
				0,
				shares(&[(ANN, 1)]),
				shares(&[(CAT, 1)]),
				H256::zero(),
				NOW
			),
			Error::<Test>::DeadlinePassed
		);
		assert_ok!(offer(0, ANN_KEY, &[(ANN, 1)], &[(CAT, 1)]));
		assert_ok!(offer(0, ANN_KEY, &[(ANN, 1)], &[(BEN, 1)]));
		assert_noop!(offer(0, ANN_KEY, &[(ANN, 1)], &[(DAN, 1)]), Error::<Test>::TooManyOffers);
		for call in [
			sign(ANN_KEY, 9),
			accept(CAT_KEY, 9),
			LandTitles::approve_sale(signed(REGISTRY), 9),
			LandTitles::cancel_offer(signed(ANN_KEY), 9),
			LandTitles::presign_release(signed(BANK_A), 9, 0),
		] {
			assert_eq!(call, Err(Error::<Test>::UnknownOffer.into()));
		}
	});
}

#[test]
fn a_lapsed_or_changed_offer_cannot_close() {
	run(|| {
		assert_ok!(offer(0, ANN_KEY, &[(ANN, 5_000)], &[(CAT, 5_000)]));
		assert_ok!(offer(0, ANN_KEY, &[(ANN, 5_000)], &[(BEN, 5_000)]));
		assert_ok!(accept(CAT_KEY, 0));
		assert_ok!(accept(BEN_KEY, 1));
		assert_ok!(LandTitles::approve_sale(signed(REGISTRY), 0));
		// The title changed under offer 1.
		assert_noop!(LandTitles::approve_sale(signed(REGISTRY), 1), Error::<Test>::TitleChanged);
		// Anyone may clear a void offer; nobody but a seller a live one.
		assert_ok!(LandTitles::cancel_offer(signed(NOBODY), 1));
		assert_ok!(offer(0, ANN_KEY, &[(ANN, 1_000)], &[(BEN, 1_000)]));
		assert_noop!(LandTitles::cancel_offer(signed(BEN_KEY), 2), Error::<Test>::NotParty);
		Now::set(&(NOW + 2 * DAY));
		assert_noop!(accept(BEN_KEY, 2), Error::<Test>::DeadlinePassed);
		assert_noop!(LandTitles::approve_sale(signed(REGISTRY), 2), Error::<Test>::DeadlinePassed);
		assert_ok!(LandTitles::cancel_offer(signed(BEN_KEY), 2));
		assert_eq!(last_event(), Event::OfferCancelled { offer: 2 });
	});
}

#[test]
fn a_mortgaged_flat_is_sold_with_both_banks_in_one_approval() {
	run(|| {
		let old = mortgage(BANK_A, &[ANN_KEY]);
		assert_ok!(offer(0, ANN_KEY, &[(ANN, WHOLE)], &[(CAT, WHOLE)]));
		assert_noop!(
			LandTitles::presign_release(signed(BANK_B), 0, old),
			Error::<Test>::NotTheBank
		);
		assert_noop!(
			LandTitles::presign_release(signed(BANK_A), 0, 77),
			Error::<Test>::UnknownLien
		);
		assert_ok!(LandTitles::presign_release(signed(BANK_A), 0, old));
		// The terms changed: the seller signs again.
		assert_ok!(sign(ANN_KEY, 0));
		assert_ok!(accept(CAT_KEY, 0));
		// The buyer's bank pre-signs its mortgage: the terms change again, every party signs
		// again, and the buyer's acceptance is its consent to the mortgage.
		assert_ok!(LandTitles::presign_mortgage(signed(BANK_B), 0, terms(2_000)));
		assert_noop!(LandTitles::approve_sale(signed(REGISTRY), 0), Error::<Test>::NotReady);
		assert_ok!(sign(ANN_KEY, 0));
		assert_ok!(accept(CAT_KEY, 0));
		let new = NextLienId::<Test>::get();
		assert_ok!(LandTitles::approve_sale(signed(REGISTRY), 0));
		let liens = Liens::<Test>::get(0);
		assert_eq!(liens.len(), 1, "never unencumbered nor doubly pledged");
		assert_eq!((liens[0].id, liens[0].bank, liens[0].amount), (new, BANK_B_AGENCY, 2_000));
		assert_eq!(title(0).owners.to_vec(), vec![Share { owner: CAT, bps: WHOLE }]);
		let events = title_events();
		let n = events.len();
		assert!(
			matches!(events[n - 3], Event::MortgageReleased { parcel: 0, lien } if lien == old)
		);
		assert!(matches!(events[n - 2], Event::MortgageRegistered { parcel: 0, rank: 0, .. }));
		assert!(matches!(
			events[n - 1],
			Event::SaleApproved { offer: 0, version: 2, released: Some(_), mortgaged: Some(_), .. }
		));
	});
}

// --- Mortgages ---

#[test]
fn a_mortgage_needs_every_owner_and_ranks_in_order() {
	build_and_execute(|| {
		assert_ok!(register("p", square(0, 0), &[(ANN, 5_000), (BEN, 5_000)]));
		assert_ok!(LandTitles::propose_mortgage(signed(BANK_A), 0, terms(1_000)));
		assert_noop!(
			LandTitles::propose_mortgage(signed(BANK_A), 0, terms(1_000)),
			Error::<Test>::RequestPending
		);
		assert_ok!(LandTitles::consent_mortgage(signed(ANN_KEY), 0, BANK_A_AGENCY));
		assert_noop!(
			LandTitles::consent_mortgage(signed(ANN_KEY), 0, BANK_A_AGENCY),
			Error::<Test>::AlreadySigned
		);
		assert_noop!(
			LandTitles::consent_mortgage(signed(CAT_KEY), 0, BANK_A_AGENCY),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			LandTitles::register_mortgage(signed(BANK_A), 0),
			Error::<Test>::MissingConsent
		);
		assert_ok!(LandTitles::consent_mortgage(signed(BEN_KEY), 0, BANK_A_AGENCY));
		assert_ok!(LandTitles::register_mortgage(signed(BANK_A), 0));
		assert_eq!(
			last_event(),
			Event::MortgageRegistered { parcel: 0, lien: 0, bank: BANK_A_AGENCY, rank: 0 }
		);
		assert_noop!(
			LandTitles::register_mortgage(signed(BANK_A), 0),
			Error::<Test>::UnknownRequest
		);
		assert_noop!(
			LandTitles::consent_mortgage(signed(ANN_KEY), 0, BANK_B_AGENCY),
			Error::<Test>::UnknownRequest
		);
	});
}

#[test]
fn only_the_bank_releases_its_lien_and_juniors_move_up() {
	run(|| {
		let first = mortgage(BANK_A, &[ANN_KEY]);
		let second = mortgage(BANK_B, &[ANN_KEY]);
		assert_eq!(
			last_event(),
			Event::MortgageRegistered { parcel: 0, lien: second, bank: BANK_B_AGENCY, rank: 1 }
		);
		assert_noop!(
			LandTitles::release_mortgage(signed(BANK_B), 0, first),
			Error::<Test>::NotTheBank
		);
		assert_noop!(
			LandTitles::release_mortgage(signed(BANK_A), 0, 99),
			Error::<Test>::UnknownLien
		);
		assert_ok!(LandTitles::release_mortgage(signed(BANK_A), 0, first));
		assert_eq!(Liens::<Test>::get(0).iter().map(|l| l.id).collect::<Vec<_>>(), vec![second]);
		mortgage(BANK_A, &[ANN_KEY]);
		mortgage(BANK_B, &[ANN_KEY]);
		assert_ok!(LandTitles::propose_mortgage(signed(BANK_A), 0, terms(5)));
		assert_ok!(LandTitles::consent_mortgage(signed(ANN_KEY), 0, BANK_A_AGENCY));
		assert_noop!(LandTitles::register_mortgage(signed(BANK_A), 0), Error::<Test>::TooManyLiens);
	});
}

#[test]
fn a_change_of_owners_voids_pending_consents() {
	run(|| {
		assert_ok!(LandTitles::propose_mortgage(signed(BANK_A), 0, terms(1_000)));
		assert_ok!(LandTitles::consent_mortgage(signed(ANN_KEY), 0, BANK_A_AGENCY));
		assert_ok!(offer(0, ANN_KEY, &[(ANN, WHOLE)], &[(CAT, WHOLE)]));
		assert_ok!(accept(CAT_KEY, 0));
		assert_ok!(LandTitles::approve_sale(signed(REGISTRY), 0));
		assert_noop!(LandTitles::register_mortgage(signed(BANK_A), 0), Error::<Test>::TitleChanged);
		assert_noop!(
			LandTitles::consent_mortgage(signed(CAT_KEY), 0, BANK_A_AGENCY),
			Error::<Test>::TitleChanged
		);
	});
}

// --- Freezes ---

#[test]
fn freezes_queue_and_take_effect_in_order() {
	run(|| {
		assert_ok!(LandTitles::freeze(signed(COURT_A), 0, H256::repeat_byte(1)));
		assert_eq!(
			last_event(),
			Event::Frozen {
				parcel: 0,
				court: COURT_A_AGENCY,
				case: H256::repeat_byte(1),
				queued: false
			}
		);
		assert_noop!(
			LandTitles::freeze(signed(COURT_A), 0, H256::repeat_byte(1)),
			Error::<Test>::AlreadyFrozen
		);
		assert_ok!(LandTitles::freeze(signed(COURT_B), 0, H256::repeat_byte(2)));
		assert_eq!(
			last_event(),
			Event::Frozen {
				parcel: 0,
				court: COURT_B_AGENCY,
				case: H256::repeat_byte(2),
				queued: true
			}
		);
		assert_ok!(LandTitles::freeze(signed(COURT_A), 0, H256::repeat_byte(3)));
		assert_noop!(
			LandTitles::freeze(signed(COURT_B), 0, H256::repeat_byte(4)),
			Error::<Test>::TooManyFreezes
		);
		assert_noop!(
			LandTitles::lift_freeze(signed(COURT_B), 0, H256::repeat_byte(1)),
			Error::<Test>::UnknownFreeze
		);
		assert_noop!(
			LandTitles::freeze(signed(BANK_A), 0, H256::zero()),
			DispatchError::Other("MissingCapability")
		);
		// The first is lifted: the second takes effect.
		assert_ok!(LandTitles::lift_freeze(signed(COURT_A), 0, H256::repeat_byte(1)));
		assert_eq!(
			last_event(),
			Event::FreezeTookEffect {
				parcel: 0,
				court: COURT_B_AGENCY,
				case: H256::repeat_byte(2)
			}
		);
		// A waiting one lifted changes nothing in effect.
		assert_ok!(LandTitles::lift_freeze(signed(COURT_A), 0, H256::repeat_byte(3)));
		assert_eq!(
			last_event(),
			Event::FreezeLifted { parcel: 0, court: COURT_A_AGENCY, case: H256::repeat_byte(3) }
		);
		assert_eq!(
			Freezes::<Test>::get(0).iter().map(|f| f.court).collect::<Vec<_>>(),
			vec![COURT_B_AGENCY]
		);
	});
}

#[test]
fn a_frozen_title_cannot_be_offered_sold_nor_mortgaged() {
	run(|| {
		assert_ok!(offer(0, ANN_KEY, &[(ANN, WHOLE)], &[(CAT, WHOLE)]));
		assert_ok!(accept(CAT_KEY, 0));
		assert_ok!(LandTitles::propose_mortgage(signed(BANK_A), 0, terms(1)));
		assert_ok!(LandTitles::consent_mortgage(signed(ANN_KEY), 0, BANK_A_AGENCY));
		assert_ok!(LandTitles::freeze(signed(COURT_A), 0, H256::repeat_byte(1)));
		assert_noop!(offer(0, ANN_KEY, &[(ANN, 1)], &[(BEN, 1)]), Error::<Test>::Frozen);
		// The freeze changed the title: the offer and the mortgage request made before it are
		// void, and stay void once it is lifted.
		assert_noop!(LandTitles::approve_sale(signed(REGISTRY), 0), Error::<Test>::TitleChanged);
		assert_noop!(LandTitles::register_mortgage(signed(BANK_A), 0), Error::<Test>::TitleChanged);
		assert_noop!(
			LandTitles::propose_mortgage(signed(BANK_B), 0, terms(1)),
			Error::<Test>::Frozen
		);
		assert_ok!(LandTitles::lift_freeze(signed(COURT_A), 0, H256::repeat_byte(1)));
		assert_noop!(LandTitles::approve_sale(signed(REGISTRY), 0), Error::<Test>::TitleChanged);
		// Made again on the title as it is now, the sale closes.
		assert_ok!(LandTitles::cancel_offer(signed(NOBODY), 0));
		assert_ok!(offer(0, ANN_KEY, &[(ANN, WHOLE)], &[(CAT, WHOLE)]));
		assert_ok!(accept(CAT_KEY, 1));
		assert_ok!(LandTitles::approve_sale(signed(REGISTRY), 1));
		// The bank's void request is replaced by a new one, which the new owner consents to.
		assert_ok!(LandTitles::propose_mortgage(signed(BANK_A), 0, terms(1)));
		assert_noop!(
			LandTitles::propose_mortgage(signed(BANK_A), 0, terms(2)),
			Error::<Test>::RequestPending
		);
		assert_ok!(LandTitles::consent_mortgage(signed(CAT_KEY), 0, BANK_A_AGENCY));
		assert_ok!(LandTitles::register_mortgage(signed(BANK_A), 0));
	});
}

// --- Split and merge ---

fn child(c: &str, points: Vec<Point>) -> NewParcel<<Test as Config>::MaxVertices> {
	let a = area(&points);
	NewParcel { cadastral: cad(c), boundary: boundary(points), area: a, document: H256::zero() }
}

#[test]
fn a_split_tiles_the_parent_and_carries_its_encumbrances() {
	run(|| {
		let lien = mortgage(BANK_A, &[ANN_KEY]);
		assert_ok!(LandTitles::freeze(signed(COURT_A), 0, H256::repeat_byte(1)));
		let old = title(0).certificate;
		let halves = vec![child("w", rect(0, 0, 500, 250)), child("e", rect(0, 250, 500, 250))];
		assert_ok!(LandTitles::split(signed(REGISTRY), 0, halves.try_into().unwrap()));
		assert_eq!(last_event(), Event::ParcelSplit { parcel: 0, into: vec![1, 2] });
		for c in [1, 2] {
			assert_eq!(title(c).owners.to_vec(), vec![Share { owner: ANN, bps: WHOLE }]);
			assert_eq!(Liens::<Test>::get(c)[0].id, lien);
			assert_eq!(Freezes::<Test>::get(c).len(), 1);
			assert_eq!(Parcels::<Test>::get(c).unwrap().parents.to_vec(), vec![0]);
		}
		assert!(Titles::<Test>::get(0).is_none());
		assert!(!TitlesOf::<Test>::contains_key(ANN, 0));
		assert_eq!(
			LandTitles::certificate(old),
			Some(CertificateStatus::Superseded {
				parcel: 0,
				version: 1,
				by: None,
				into: vec![1, 2]
			})
		);
		// The parent's land is free for nobody: the children hold it.
		assert_noop!(register("again", square(0, 0), &[(BEN, WHOLE)]), Error::<Test>::Overlaps);
	});
}

#[test]
fn a_split_that_does_not_tile_is_refused() {
	run(|| {
		let s = |parts: Vec<NewParcel<_>>| {
			LandTitles::split(signed(REGISTRY), 0, parts.try_into().unwrap())
		};
		assert_noop!(s(vec![child("w", rect(0, 0, 500, 250))]), Error::<Test>::TooFewParts);
		// A quarter missing.
		assert_noop!(
			s(vec![child("w", rect(0, 0, 500, 250)), child("e", rect(0, 250, 250, 250))]),
			Error::<Test>::DoesNotTile
		);
		// Overlapping children.
		assert_noop!(
			s(vec![child("w", rect(0, 0, 500, 300)), child("e", rect(0, 200, 500, 300))]),
			Error::<Test>::PartsOverlap
		);
		// The same cadastral number twice.
		assert_noop!(
			s(vec![child("w", rect(0, 0, 500, 250)), child("w", rect(0, 250, 500, 250))]),
			Error::<Test>::CadastralTaken
		);
		// Outside the parent.
		assert_noop!(
			s(vec![child("w", rect(0, 0, 500, 250)), child("e", rect(0, 250, 500, 300))]),
			Error::<Test>::NotWithin
		);
	});
}

#[test]
fn parcels_of_the_same_owners_merge() {
	run(|| {
		assert_ok!(register("east", square(0, 500), &[(ANN, WHOLE)]));
		assert_ok!(register("north", square(500, 0), &[(BEN, WHOLE)]));
		let m = |parcels: Vec<ParcelId>, points: Vec<Point>| {
			LandTitles::merge(signed(REGISTRY), parcels.try_into().unwrap(), child("m", points))
		};
		assert_noop!(m(vec![0], rect(0, 0, 500, 1_000)), Error::<Test>::TooFewParts);
		assert_noop!(m(vec![0, 0], rect(0, 0, 500, 1_000)), Error::<Test>::DuplicateParcel);
		assert_noop!(m(vec![0, 2], rect(0, 0, 1_000, 500)), Error::<Test>::OwnersDiffer);
		assert_noop!(m(vec![0, 1], rect(0, 0, 500, 900)), Error::<Test>::NotWithin);
		assert_noop!(m(vec![0, 9], rect(0, 0, 500, 1_000)), Error::<Test>::UnknownParcel);
		assert_ok!(m(vec![0, 1], rect(0, 0, 500, 1_000)));
		assert_eq!(last_event(), Event::ParcelsMerged { parcels: vec![0, 1], into: 3 });
		assert_eq!(Parcels::<Test>::get(3).unwrap().parents.to_vec(), vec![0, 1]);
		assert_eq!(title(3).owners.to_vec(), vec![Share { owner: ANN, bps: WHOLE }]);
	});
}

// --- Reads and erasure ---

#[test]
fn an_agency_reads_a_persons_titles_only_under_consent_and_traced() {
	run(|| {
		let purpose = Purpose::Code(7);
		assert_noop!(
			LandTitles::verify_holdings(signed(CLERK), ANN, purpose.clone()),
			Error::<Test>::NoConsent
		);
		Consents::set(&vec![(ANN, CLERK_AGENCY, Scope::Titles, purpose.clone(), NOW + DAY)]);
		assert_ok!(LandTitles::verify_holdings(signed(CLERK), ANN, purpose));
		assert_eq!(
			last_event(),
			Event::HoldingsVerified { holder: ANN, agency: CLERK_AGENCY, parcels: vec![0] }
		);
		assert_eq!(Accesses::get(), vec![(ANN, CLERK_AGENCY, Scope::Titles)]);
	});
}

#[test]
fn the_history_keeps_the_latest_changes() {
	run(|| {
		for case in 1..=6u8 {
			assert_ok!(LandTitles::freeze(signed(COURT_A), 0, H256::repeat_byte(case)));
			assert_ok!(LandTitles::lift_freeze(signed(COURT_A), 0, H256::repeat_byte(case)));
		}
		let h = LandTitles::history(0);
		assert_eq!(h.len(), 5);
		assert_eq!(
			h.last().map(|e| e.change.clone()),
			Some(Change::Lifted { court: COURT_A_AGENCY, case: H256::repeat_byte(6) })
		);
	});
}

#[test]
fn an_ended_alias_cannot_close_its_offer_and_the_title_stays() {
	run(|| {
		assert_ok!(offer(0, ANN_KEY, &[(ANN, WHOLE)], &[(CAT, WHOLE)]));
		assert_ok!(accept(CAT_KEY, 0));
		// CAT's titles alias ends (its person erased, or its ring revised and not bound again).
		Inactive::set(&vec![CAT]);
		assert_noop!(LandTitles::approve_sale(signed(REGISTRY), 0), Error::<Test>::UnknownAlias);
		assert_noop!(accept(CAT_KEY, 0), Error::<Test>::NoAlias);
		assert_ok!(LandTitles::cancel_offer(signed(ANN_KEY), 0));
		assert_eq!(title(0).owners.to_vec(), vec![Share { owner: ANN, bps: WHOLE }]);
	});
}

// --- A hostile bank or co-owner (issue 32, items 2 to 4) ---

/// Attack (issue 32, item 2): in a 50/50 title, ANN offers her half to CAT and a bank presigns
/// a mortgage, which would pledge the whole title, BEN's half included, without BEN's consent.
#[test]
fn a_sale_never_pledges_a_co_owner_who_keeps_a_share() {
	build_and_execute(|| {
		assert_ok!(register("p", square(0, 0), &[(ANN, 5_000), (BEN, 5_000)]));
		assert_ok!(offer(0, ANN_KEY, &[(ANN, 5_000)], &[(CAT, 5_000)]));
		assert_noop!(
			LandTitles::presign_mortgage(signed(BANK_B), 0, terms(2_000)),
			Error::<Test>::MortgageOnKeptShares
		);
		// Both halves sold: the buyers own it all, and their acceptance is their consent.
		assert_ok!(offer(0, BEN_KEY, &[(ANN, 5_000), (BEN, 5_000)], &[(CAT, WHOLE)]));
		assert_ok!(LandTitles::presign_mortgage(signed(BANK_B), 1, terms(2_000)));
		assert_ok!(sign(ANN_KEY, 1));
		assert_ok!(sign(BEN_KEY, 1));
		assert_ok!(accept(CAT_KEY, 1));
		assert_ok!(LandTitles::approve_sale(signed(REGISTRY), 1));
		assert_eq!(Liens::<Test>::get(0).len(), 1);
	});
}

/// Attack (issue 32, item 3): terms swapped after the buyer accepted. Acceptances name the terms
/// they accept; a pre-signature changes the terms and clears them; a bank's pre-signature is
/// that bank's to change.
#[test]
fn presigned_terms_cannot_be_swapped_under_an_acceptance() {
	run(|| {
		assert_ok!(offer(0, ANN_KEY, &[(ANN, WHOLE)], &[(CAT, WHOLE)]));
		assert_ok!(LandTitles::presign_mortgage(signed(BANK_A), 0, terms(1_000)));
		let agreed = terms_now(0);
		assert_ok!(sign(ANN_KEY, 0));
		assert_ok!(LandTitles::accept_offer(signed(CAT_KEY), 0, agreed));
		// Another bank cannot take the mortgage over.
		assert_noop!(
			LandTitles::presign_mortgage(signed(BANK_B), 0, terms(9_000)),
			Error::<Test>::NotTheBank
		);
		// The bank itself changes its terms: every acceptance is cleared, the sale waits, and
		// an acceptance of the old terms (say, in the same block) is refused.
		assert_ok!(LandTitles::presign_mortgage(signed(BANK_A), 0, terms(9_000)));
		assert_noop!(LandTitles::approve_sale(signed(REGISTRY), 0), Error::<Test>::NotReady);
		assert_noop!(
			LandTitles::accept_offer(signed(CAT_KEY), 0, agreed),
			Error::<Test>::TermsChanged
		);
		assert_noop!(
			LandTitles::sign_offer(signed(ANN_KEY), 0, agreed),
			Error::<Test>::TermsChanged
		);
	});
}

/// Attack (issue 32, item 3): a junior lienholder pre-signs the release of its own lien over
/// the senior's, so that the buyer gets a title still pledged to the senior bank.
#[test]
fn a_junior_bank_cannot_replace_the_release_the_senior_presigned() {
	run(|| {
		let senior = mortgage(BANK_A, &[ANN_KEY]);
		let junior = mortgage(BANK_B, &[ANN_KEY]);
		assert_ok!(offer(0, ANN_KEY, &[(ANN, WHOLE)], &[(CAT, WHOLE)]));
		assert_ok!(LandTitles::presign_release(signed(BANK_A), 0, senior));
		assert_noop!(
			LandTitles::presign_release(signed(BANK_B), 0, junior),
			Error::<Test>::NotTheBank
		);
		assert_eq!(Offers::<Test>::get(0).unwrap().release, Some(senior));
	});
}

/// Attack (issue 32, item 4): a bank registers a mortgage (the seller consenting) after the
/// buyer accepted; the registry's approval would hand the buyer a title pledged for a debt it
/// never agreed to. Any lien or freeze since the offer voids it.
#[test]
fn a_title_encumbered_after_the_offer_does_not_sell() {
	run(|| {
		assert_ok!(offer(0, ANN_KEY, &[(ANN, WHOLE)], &[(CAT, WHOLE)]));
		assert_ok!(accept(CAT_KEY, 0));
		mortgage(BANK_A, &[ANN_KEY]);
		assert_eq!(title(0).changes, 1);
		assert_noop!(LandTitles::approve_sale(signed(REGISTRY), 0), Error::<Test>::TitleChanged);
		// Anyone may clear the void offer.
		assert_ok!(LandTitles::cancel_offer(signed(NOBODY), 0));
		// A freeze ordered and lifted in between voids an offer too.
		assert_ok!(offer(0, ANN_KEY, &[(ANN, WHOLE)], &[(CAT, WHOLE)]));
		assert_ok!(accept(CAT_KEY, 1));
		assert_ok!(LandTitles::freeze(signed(COURT_A), 0, H256::repeat_byte(1)));
		assert_ok!(LandTitles::lift_freeze(signed(COURT_A), 0, H256::repeat_byte(1)));
		assert_noop!(LandTitles::approve_sale(signed(REGISTRY), 1), Error::<Test>::TitleChanged);
		// A mortgage request made before a change is void as well.
		assert_ok!(LandTitles::propose_mortgage(signed(BANK_B), 0, terms(500)));
		assert_ok!(LandTitles::freeze(signed(COURT_A), 0, H256::repeat_byte(2)));
		assert_ok!(LandTitles::lift_freeze(signed(COURT_A), 0, H256::repeat_byte(2)));
		assert_noop!(
			LandTitles::consent_mortgage(signed(ANN_KEY), 0, BANK_B_AGENCY),
			Error::<Test>::TitleChanged
		);
	});
}
