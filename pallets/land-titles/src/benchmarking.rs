//! Benchmarks of `pallet-civitas-land-titles` (FRAME benchmarking v2), each at its worst case:
//! boundaries at their vertex bound, titles with the most owners, liens and freezes, and for
//! registration a spatial index whose every cell is full of parcels that pass the bounding-box
//! test and must be tested exactly.

// Set-up arithmetic on small constants (coordinates, seeds, counts), never on chain input.
#![allow(clippy::arithmetic_side_effects)]

use super::*;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

/// What the benchmarks need from the runtime.
pub trait BenchmarkHelper<AccountId> {
	/// Staff of an agency holding `capability` (the same agency for the same capability).
	fn staff(capability: Capability) -> AccountId;
	/// A fresh account (from `seed`) bound to a live titles alias, admitted to transact, and
	/// the alias.
	fn alias(seed: u32) -> (Alias, AccountId);
	/// A live consent of alias `subject` to `agency` over `Titles`, for `purpose`.
	fn consent(subject: &Alias, agency: AgencyId, purpose: &Purpose);
	/// Sets the chain's time (ms).
	fn set_time(now: Moment);
}

/// 2026-11-15 00:00 UTC.
const NOW: Moment = 1_794_700_800_000;
const DAY: Moment = 86_400_000;

fn signed<T: Config>(who: &T::AccountId) -> OriginFor<T> {
	RawOrigin::Signed(who.clone()).into()
}

fn registry<T: Config>() -> T::AccountId {
	T::BenchmarkHelper::staff(Capability::RegisterTitles)
}

fn bank<T: Config>() -> T::AccountId {
	T::BenchmarkHelper::staff(Capability::RegisterMortgages)
}

fn agency_of<T: Config>(who: &T::AccountId) -> AgencyId {
	T::Agencies::ensure_staff(signed::<T>(who)).map(|(_, a)| a).unwrap_or_default()
}

/// A rectangle of `n` vertices (at least 4; the extra ones along its southern edge),
/// counter-clockwise from its south-west corner.
fn rect(lat: i32, lon: i32, h: i32, w: i32, n: u32) -> Vec<Point> {
	let extra = n.saturating_sub(4) as i32;
	let mut out = alloc::vec![Point::new(lat, lon)];
	for i in 1..=extra {
		out.push(Point::new(lat, lon + w * i / (extra + 1)));
	}
	out.extend([Point::new(lat, lon + w), Point::new(lat + h, lon + w), Point::new(lat + h, lon)]);
	out
}

fn cadastral(seed: u32) -> Cadastral {
	BoundedVec::truncate_from(alloc::format!("bench-{seed}").into_bytes())
}

fn new_parcel<T: Config>(seed: u32, points: Vec<Point>) -> NewParcel<T::MaxVertices> {
	let area = geometry::area_m2(&points) as u64;
	NewParcel {
		cadastral: cadastral(seed),
		boundary: BoundedVec::truncate_from(points),
		area,
		document: H256::repeat_byte(1),
	}
}

/// `n` owners in equal shares (the first takes the rest), from `seed`: aliases and keys.
fn owners<T: Config>(seed: u32, n: u32) -> (SharesOf<T>, Vec<T::AccountId>) {
	let mut shares = Vec::new();
	let mut keys = Vec::new();
	let each = WHOLE / n.max(1) as Bps;
	for i in 0..n {
		let (p, k) = T::BenchmarkHelper::alias(seed.saturating_add(i));
		let bps = if i == 0 { WHOLE - each * (n as Bps - 1) } else { each };
		shares.push(Share { owner: p, bps });
		keys.push(k);
	}
	(BoundedVec::truncate_from(shares), keys)
}

/// Registers a parcel with `points` for `shares`; its id.
fn parcel<T: Config>(
	seed: u32,
	points: Vec<Point>,
	shares: SharesOf<T>,
) -> Result<ParcelId, BenchmarkError> {
	let id = NextParcelId::<T>::get();
	let p = new_parcel::<T>(seed, points);
	Pallet::<T>::register_parcel(
		signed::<T>(&registry::<T>()),
		p.cadastral,
		p.boundary,
		LandUse::Residential,
		p.area,
		p.document,
		shares,
	)?;
	Ok(id)
}

/// A parcel, its owners and their keys.
type Owned<T> = (ParcelId, SharesOf<T>, Vec<<T as frame_system::Config>::AccountId>);

/// A square parcel of `MaxOwners` owners, its id and owners' keys.
fn owned<T: Config>() -> Result<Owned<T>, BenchmarkError> {
	T::BenchmarkHelper::set_time(NOW);
	let (shares, keys) = owners::<T>(1, T::MaxOwners::get());
	let id = parcel::<T>(0, rect(0, 0, 500, 500, T::MaxVertices::get()), shares.clone())?;
	Ok((id, shares, keys))
}

/// `n` liens of the bank on a parcel, every owner consenting.
fn liens<T: Config>(parcel: ParcelId, keys: &[T::AccountId], n: u32) -> Result<(), BenchmarkError> {
	let bank = bank::<T>();
	let agency = agency_of::<T>(&bank);
	for i in 0..n {
		let terms =
			MortgageTerms { amount: 1_000, until: NOW + DAY, document: H256::repeat_byte(i as u8) };
		Pallet::<T>::propose_mortgage(signed::<T>(&bank), parcel, terms)?;
		for k in keys {
			Pallet::<T>::consent_mortgage(signed::<T>(k), parcel, agency)?;
		}
		Pallet::<T>::register_mortgage(signed::<T>(&bank), parcel)?;
	}
	Ok(())
}

/// The current terms of an offer.
fn current_terms<T: Config>(offer: OfferId) -> Result<H256, BenchmarkError> {
	let o = Offers::<T>::get(offer).ok_or(BenchmarkError::Weightless)?;
	Ok(Pallet::<T>::terms_of(offer, &o))
}

/// Every seller (`keys`) signs and every buyer accepts an offer on its current terms.
fn sign_all<T: Config>(
	offer: OfferId,
	keys: &[T::AccountId],
	buyer_keys: &[T::AccountId],
) -> Result<(), BenchmarkError> {
	let t = current_terms::<T>(offer)?;
	for k in keys {
		if Offers::<T>::get(offer).is_some_and(|o| {
			o.sellers.iter().any(|p| !p.signed && Some(p.person) == alias_of::<T>(k))
		}) {
			Pallet::<T>::sign_offer(signed::<T>(k), offer, t)?;
		}
	}
	for k in buyer_keys {
		Pallet::<T>::accept_offer(signed::<T>(k), offer, t)?;
	}
	Ok(())
}

/// The titles alias `who` acts for.
fn alias_of<T: Config>(who: &T::AccountId) -> Option<Alias> {
	T::Aliases::alias_of(who, Domain::Titles)
}

/// An offer of every owner's whole share to `MaxOwners` buyers, signed by all; its id and the
/// buyers' keys.
fn offered<T: Config>(
	parcel: ParcelId,
	shares: &SharesOf<T>,
	keys: &[T::AccountId],
	sign: bool,
) -> Result<(OfferId, Vec<T::AccountId>), BenchmarkError> {
	let (buyers, buyer_keys) = owners::<T>(1000, T::MaxOwners::get());
	let id = NextOfferId::<T>::get();
	let first = keys.first().ok_or(BenchmarkError::Weightless)?;
	Pallet::<T>::offer_sale(
		signed::<T>(first),
		parcel,
		shares.clone(),
		buyers,
		H256::repeat_byte(9),
		NOW + DAY,
	)?;
	if sign {
		sign_all::<T>(id, keys, &buyer_keys)?;
	}
	Ok((id, buyer_keys))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A boundary of `v` vertices whose cells are all full of parcels of `MaxVertices` vertices
	/// within its bounding box: every one is a candidate tested exactly. The new parcel is an
	/// L along the box's southern and western sides; the others fill the rest.
	#[benchmark]
	fn register_parcel(v: Linear<6, { T::MaxVertices::get() }>) -> Result<(), BenchmarkError> {
		T::BenchmarkHelper::set_time(NOW);
		let (shares, _) = owners::<T>(1, 1);
		let cell = T::CellSize::get() as i32;
		// The largest square of cells a parcel may cover, less a margin: its side in cells.
		let side = (1..=64i32)
			.take_while(|k| (k * k) as u32 <= T::MaxCellsPerParcel::get())
			.last()
			.unwrap_or(1);
		let arm = cell / 10;
		let per_cell = T::MaxPerCell::get() as i32 - 1;
		let grid = (1..=64i32).find(|g| g * g >= per_cell).unwrap_or(1);
		let step = (cell - 2 * arm) / grid;
		let mut seed = 10;
		for r in 0..side {
			for c in 0..side {
				for k in 0..per_cell {
					let (i, j) = (k / grid, k % grid);
					let lat = r * cell + arm + i * step;
					let lon = c * cell + arm + j * step;
					parcel::<T>(
						seed,
						rect(lat + 1, lon + 1, step - 2, step - 2, T::MaxVertices::get()),
						shares.clone(),
					)?;
					seed += 1;
				}
			}
		}
		// The L: south arm and west arm, `arm` thick, over the whole box; padded to v vertices.
		let span = side * cell - 1;
		let extra = v.saturating_sub(6) as i32;
		let mut l = alloc::vec![Point::new(0, 0)];
		for i in 1..=extra {
			l.push(Point::new(0, span * i / (extra + 1)));
		}
		l.extend([
			Point::new(0, span),
			Point::new(arm, span),
			Point::new(arm, arm),
			Point::new(span, arm),
			Point::new(span, 0),
		]);
		let p = new_parcel::<T>(1, l);
		let id = NextParcelId::<T>::get();
		#[extrinsic_call]
		_(
			RawOrigin::Signed(registry::<T>()),
			p.cadastral,
			p.boundary,
			LandUse::Residential,
			p.area,
			p.document,
			shares,
		);
		assert!(Titles::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn offer_sale() -> Result<(), BenchmarkError> {
		let (id, shares, keys) = owned::<T>()?;
		let (buyers, _) = owners::<T>(1000, T::MaxOwners::get());
		let first = keys.first().cloned().ok_or(BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(first), id, shares, buyers, H256::zero(), NOW + DAY);
		assert!(Offers::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn sign_offer() -> Result<(), BenchmarkError> {
		let (id, shares, keys) = owned::<T>()?;
		let (offer, _) = offered::<T>(id, &shares, &keys, false)?;
		let last = keys.last().cloned().ok_or(BenchmarkError::Weightless)?;
		let t = current_terms::<T>(offer)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(last), offer, t);
		Ok(())
	}

	#[benchmark]
	fn accept_offer() -> Result<(), BenchmarkError> {
		let (id, shares, keys) = owned::<T>()?;
		let (offer, buyers) = offered::<T>(id, &shares, &keys, false)?;
		let last = buyers.last().cloned().ok_or(BenchmarkError::Weightless)?;
		let t = current_terms::<T>(offer)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(last), offer, t);
		Ok(())
	}

	#[benchmark]
	fn presign_release() -> Result<(), BenchmarkError> {
		let (id, shares, keys) = owned::<T>()?;
		liens::<T>(id, &keys, T::MaxLiens::get())?;
		let (offer, _) = offered::<T>(id, &shares, &keys, true)?;
		let lien = Liens::<T>::get(id).last().map(|l| l.id).ok_or(BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(bank::<T>()), offer, lien);
		Ok(())
	}

	#[benchmark]
	fn presign_mortgage() -> Result<(), BenchmarkError> {
		let (id, shares, keys) = owned::<T>()?;
		let (offer, _) = offered::<T>(id, &shares, &keys, true)?;
		let terms = MortgageTerms { amount: 1, until: NOW + DAY, document: H256::zero() };
		#[extrinsic_call]
		_(RawOrigin::Signed(bank::<T>()), offer, terms);
		Ok(())
	}

	/// A sale of every share to `MaxOwners` buyers, releasing the last lien of a full list and
	/// registering a new one.
	#[benchmark]
	fn approve_sale() -> Result<(), BenchmarkError> {
		let (id, shares, keys) = owned::<T>()?;
		liens::<T>(id, &keys, T::MaxLiens::get())?;
		let (offer, buyers) = offered::<T>(id, &shares, &keys, true)?;
		let lien = Liens::<T>::get(id).last().map(|l| l.id).ok_or(BenchmarkError::Weightless)?;
		Pallet::<T>::presign_release(signed::<T>(&bank::<T>()), offer, lien)?;
		let terms = MortgageTerms { amount: 1, until: NOW + DAY, document: H256::zero() };
		Pallet::<T>::presign_mortgage(signed::<T>(&bank::<T>()), offer, terms)?;
		sign_all::<T>(offer, &keys, &buyers)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(registry::<T>()), offer);
		assert_eq!(Titles::<T>::get(id).map(|t| t.version), Some(2));
		Ok(())
	}

	#[benchmark]
	fn cancel_offer() -> Result<(), BenchmarkError> {
		let (id, shares, keys) = owned::<T>()?;
		let (offer, _) = offered::<T>(id, &shares, &keys, false)?;
		let first = keys.first().cloned().ok_or(BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(first), offer);
		assert!(!Offers::<T>::contains_key(offer));
		Ok(())
	}

	#[benchmark]
	fn propose_mortgage() -> Result<(), BenchmarkError> {
		let (id, _, _) = owned::<T>()?;
		let terms = MortgageTerms { amount: 1, until: NOW + DAY, document: H256::zero() };
		#[extrinsic_call]
		_(RawOrigin::Signed(bank::<T>()), id, terms);
		Ok(())
	}

	#[benchmark]
	fn consent_mortgage() -> Result<(), BenchmarkError> {
		let (id, _, keys) = owned::<T>()?;
		let bank = bank::<T>();
		let agency = agency_of::<T>(&bank);
		let terms = MortgageTerms { amount: 1, until: NOW + DAY, document: H256::zero() };
		Pallet::<T>::propose_mortgage(signed::<T>(&bank), id, terms)?;
		for k in keys.iter().skip(1) {
			Pallet::<T>::consent_mortgage(signed::<T>(k), id, agency)?;
		}
		let first = keys.first().cloned().ok_or(BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(first), id, agency);
		Ok(())
	}

	#[benchmark]
	fn register_mortgage() -> Result<(), BenchmarkError> {
		let (id, _, keys) = owned::<T>()?;
		liens::<T>(id, &keys, T::MaxLiens::get().saturating_sub(1))?;
		let bank = bank::<T>();
		let agency = agency_of::<T>(&bank);
		let terms = MortgageTerms { amount: 1, until: NOW + DAY, document: H256::zero() };
		Pallet::<T>::propose_mortgage(signed::<T>(&bank), id, terms)?;
		for k in &keys {
			Pallet::<T>::consent_mortgage(signed::<T>(k), id, agency)?;
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(bank), id);
		assert_eq!(Liens::<T>::get(id).len() as u32, T::MaxLiens::get());
		Ok(())
	}

	#[benchmark]
	fn release_mortgage() -> Result<(), BenchmarkError> {
		let (id, _, keys) = owned::<T>()?;
		liens::<T>(id, &keys, T::MaxLiens::get())?;
		let first = Liens::<T>::get(id).first().map(|l| l.id).ok_or(BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(bank::<T>()), id, first);
		Ok(())
	}

	#[benchmark]
	fn freeze() -> Result<(), BenchmarkError> {
		let (id, _, _) = owned::<T>()?;
		let court = T::BenchmarkHelper::staff(Capability::FreezeAssets);
		for i in 1..T::MaxFreezes::get() {
			Pallet::<T>::freeze(signed::<T>(&court), id, H256::repeat_byte(i as u8))?;
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(court), id, H256::zero());
		assert_eq!(Freezes::<T>::get(id).len() as u32, T::MaxFreezes::get());
		Ok(())
	}

	/// Lifting the freeze in effect, the next one taking effect.
	#[benchmark]
	fn lift_freeze() -> Result<(), BenchmarkError> {
		let (id, _, _) = owned::<T>()?;
		let court = T::BenchmarkHelper::staff(Capability::FreezeAssets);
		for i in 0..T::MaxFreezes::get() {
			Pallet::<T>::freeze(signed::<T>(&court), id, H256::repeat_byte(i as u8))?;
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(court), id, H256::repeat_byte(0));
		Ok(())
	}

	/// A parcel of the most owners, liens and freezes split into `c` strips of `MaxVertices`.
	#[benchmark]
	fn split(c: Linear<2, { T::MaxLineage::get() }>) -> Result<(), BenchmarkError> {
		T::BenchmarkHelper::set_time(NOW);
		let (shares, keys) = owners::<T>(1, T::MaxOwners::get());
		let width = 480 * c as i32;
		let id = parcel::<T>(0, rect(0, 0, 1_000, width, T::MaxVertices::get()), shares)?;
		liens::<T>(id, &keys, T::MaxLiens::get())?;
		let court = T::BenchmarkHelper::staff(Capability::FreezeAssets);
		for i in 0..T::MaxFreezes::get() {
			Pallet::<T>::freeze(signed::<T>(&court), id, H256::repeat_byte(i as u8))?;
		}
		let children: Vec<_> = (0..c as i32)
			.map(|i| new_parcel::<T>(100 + i as u32, rect(0, 480 * i, 1_000, 480, 4)))
			.collect();
		#[extrinsic_call]
		_(RawOrigin::Signed(registry::<T>()), id, BoundedVec::truncate_from(children));
		assert!(Titles::<T>::get(id).is_none());
		Ok(())
	}

	/// `p` strips of the same owners merged into one parcel.
	#[benchmark]
	fn merge(p: Linear<2, { T::MaxLineage::get() }>) -> Result<(), BenchmarkError> {
		T::BenchmarkHelper::set_time(NOW);
		let (shares, keys) = owners::<T>(1, T::MaxOwners::get());
		let mut ids = Vec::new();
		for i in 0..p as i32 {
			let id = parcel::<T>(
				i as u32,
				rect(0, 480 * i, 1_000, 480, T::MaxVertices::get()),
				shares.clone(),
			)?;
			ids.push(id);
		}
		if let Some(first) = ids.first() {
			liens::<T>(*first, &keys, T::MaxLiens::get())?;
		}
		let merged = new_parcel::<T>(100, rect(0, 0, 1_000, 480 * p as i32, T::MaxVertices::get()));
		#[extrinsic_call]
		_(RawOrigin::Signed(registry::<T>()), BoundedVec::truncate_from(ids), merged);
		Ok(())
	}

	/// A titles alias holding 100 titles, read under consent.
	#[benchmark]
	fn verify_holdings() -> Result<(), BenchmarkError> {
		T::BenchmarkHelper::set_time(NOW);
		let (shares, _) = owners::<T>(1, 1);
		let person = shares.first().map(|s| s.owner).ok_or(BenchmarkError::Weightless)?;
		for i in 0..100i32 {
			parcel::<T>(i as u32, rect(0, 600 * i, 500, 500, 4), shares.clone())?;
		}
		let reader = T::BenchmarkHelper::staff(Capability::AttestRelations);
		let agency = agency_of::<T>(&reader);
		let purpose = Purpose::Code(1);
		T::BenchmarkHelper::consent(&person, agency, &purpose);
		#[extrinsic_call]
		_(RawOrigin::Signed(reader), person, purpose);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
