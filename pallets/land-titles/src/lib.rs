//! # Land-titles pallet
//!
//! Geo-located parcels that cannot overlap, their titles (co-owners in shares), sales of
//! shares closed in one step with the banks' mortgages, liens in rank order, courts' freezes
//! with a waiting list, and splits and merges that keep the lineage.
//!
//! ## Terminology
//! - **Registry**: a member agency holding `RegisterTitles`: it registers, splits and merges
//!   parcels and approves sales.
//! - **Parcel**: a cadastral number (unique), a boundary polygon of WGS84 points in integer
//!   micro-degrees, a use, a declared area (m²) and a survey document hash. The chain checks
//!   the polygon (see [`geometry`]), computes its area (an equirectangular approximation) and
//!   refuses a declared area more than 1 % off. **No two live parcels overlap**: a boundary
//!   whose interior meets a live parcel's is refused with `Overlaps`, and the view function
//!   [`Pallet::overlapping`] names the parcels it meets (a FRAME module error carries at most
//!   three bytes of data: no room for a parcel id); parcels may share edges and vertices.
//! - **Spatial index**: the plane is cut into square cells of `CellSize` micro-degrees; a
//!   parcel is listed in the cells its bounding box covers (at most `MaxCellsPerParcel`), and a
//!   cell lists at most `MaxPerCell` live parcels. A new boundary is tested against the parcels
//!   of its cells only, so a registration reads at most `MaxCellsPerParcel × MaxPerCell`
//!   candidates. In the runtime: cells of 0.002° (about 220 m), 25 cells (a parcel spans at
//!   most about 1 km), 32 parcels per cell, 32 vertices.
//! - **Aliases**: owners, sellers and buyers are **titles aliases** (`docs/privacy.md`), each
//!   acting through its alias account: nothing here names a person id or an account the
//!   identity registry ties to a person. A registry registers the titles aliases the owners
//!   show it (with the deed it checks off chain).
//! - **Title**: the owners of a live parcel (titles aliases) with shares in basis points
//!   summing to 10 000, a version, and a **certificate id**: `blake2_256("civitas/title" ‖
//!   genesis hash ‖ cadastral number ‖ version)`, the chain address printed on the paper
//!   certificate. A superseded certificate id resolves to what superseded it.
//! - **Lien**: a bank's mortgage (holding `RegisterMortgages`), registered after every owner
//!   consented on chain; liens rank in registration order; only the bank releases its lien,
//!   and the juniors move up.
//! - **Freeze**: a court's order (holding `FreezeAssets`) with a case reference hash. The
//!   first freeze of a title is in effect; a second court's freeze waits in line and takes
//!   effect, in order, when the one before is lifted. A frozen title cannot be offered, sold
//!   or mortgaged; a split or merge carries its freezes to the new parcels.
//!
//! ## Sales, closed in one step
//! A selling owner offers shares to buyers with a price hash and a deadline
//! ([`Pallet::offer_sale`]); every selling co-owner signs for their own share
//! ([`Pallet::sign_offer`]); every buyer accepts before the deadline ([`Pallet::accept_offer`]).
//! The seller's bank may pre-sign the release of its lien ([`Pallet::presign_release`]) and the
//! buyer's bank a new mortgage ([`Pallet::presign_mortgage`]). Signatures and acceptances name
//! the hash of the terms they agree to (the view function [`Pallet::offer_terms`]: parties,
//! shares, price, deadline, release, mortgage, the title's state): a pre-signature changes the
//! terms and clears every signature, and a signature on other terms than the current ones is
//! refused (`TermsChanged`), so no one's agreement carries over to terms swapped after it. Once
//! a bank pre-signed a mortgage or a release, only that bank changes it. A mortgage pre-signed
//! in a sale covers the whole title, so it needs the buyers to own the whole title after the
//! sale (`MortgageOnKeptShares`): a co-owner who keeps a share and never consented is never
//! pledged. The registry's approval ([`Pallet::approve_sale`]) then applies the release, the
//! transfer and the new mortgage in one extrinsic: the title is never unencumbered nor doubly
//! pledged in between. The title's version and certificate change. Any change of the title
//! between the offer and the approval (owners, a lien registered or released, a freeze) voids
//! the offer: offers are made on the title's version and its count of changes.
//!
//! ## Split and merge
//! The registry splits a parcel into parcels that tile it ([`Pallet::split`]: each child
//! within the parent, none overlapping another, their areas summing to the parent's within
//! 1 %) or merges adjacent parcels of the same owners and shares ([`Pallet::merge`]). The
//! children keep the lineage (`parents`, `Retired { into }`); liens and freezes on a parent
//! carry over to every child.
//!
//! ## Who can learn what
//! Parcels, titles, encumbrances and history are the register: served by view functions
//! (a parcel by id or cadastral number, a title by certificate id, its history and
//! encumbrances, the parcels in a bounding box). Owners are titles aliases, which nobody can
//! tie to a person id: the titles an alias holds are indexed by alias (`TitlesOf`), and the
//! person reads them with its alias account; an agency learns them only through
//! [`Pallet::verify_holdings`], under the alias's consent (scope `Titles`), traced.
//!
//! ## Erasure
//! Nothing here names a person id, so there is no erasure hook: an erased person's titles
//! alias ends (its member key leaves its ring) and acts no more (its open offers can no longer
//! be signed nor approved); its titles, property records the law keeps, stay under the alias
//! until a court's or registry's procedure moves them.

#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(
	not(test),
	deny(
		clippy::unwrap_used,
		clippy::indexing_slicing,
		clippy::arithmetic_side_effects,
		clippy::panic
	)
)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
pub mod geometry;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use alloc::{collections::BTreeSet, vec::Vec};
use civitas_primitives::{
	AgencyAuthority, AgencyId, Alias, Aliases, Capability, ConsentCheck, Domain, Moment, Purpose,
	Scope,
};
use frame_support::{pallet_prelude::*, traits::Time};
use frame_system::pallet_prelude::*;
use geometry::{BBox, Point, PolygonError};
use sp_core::H256;
use sp_runtime::{traits::Hash, DispatchError};

/// A parcel as stored.
pub type ParcelOf<T> = Parcel<<T as Config>::MaxVertices, <T as Config>::MaxLineage>;
/// A boundary.
pub type BoundaryOf<T> = BoundedVec<Point, <T as Config>::MaxVertices>;
/// Owners and shares.
pub type SharesOf<T> = BoundedVec<Share, <T as Config>::MaxOwners>;
/// A cadastral number.
pub type Cadastral = BoundedVec<u8, ConstU32<32>>;

/// A child parcel of a split, or the parcel a merge makes.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	frame_support::CloneNoBound,
	frame_support::PartialEqNoBound,
	frame_support::EqNoBound,
	frame_support::DebugNoBound,
)]
#[scale_info(skip_type_params(MaxVertices))]
#[codec(mel_bound())]
pub struct NewParcel<MaxVertices: Get<u32>> {
	pub cadastral: Cadastral,
	pub boundary: BoundedVec<Point, MaxVertices>,
	pub area: u64,
	pub document: H256,
}

/// Domain separator of certificate ids.
pub const CERTIFICATE_DOMAIN: [u8; 13] = *b"civitas/title";

#[frame_support::pallet]
pub mod pallet {
	use super::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// Which agency an origin acts for, and with which capabilities.
		type Agencies: AgencyAuthority<OriginFor<Self>, Self::AccountId>;

		/// Persons act under their titles aliases.
		type Aliases: Aliases<Self::AccountId>;

		/// Aliases' consent to agencies' reads, and the access log.
		type Consent: ConsentCheck;

		/// The current time (ms since the Unix epoch).
		type Time: Time<Moment = Moment>;

		/// Most vertices of a boundary.
		#[pallet::constant]
		type MaxVertices: Get<u32>;

		/// Most owners of a title (and parties on each side of a sale).
		#[pallet::constant]
		type MaxOwners: Get<u32>;

		/// Most liens on a title.
		#[pallet::constant]
		type MaxLiens: Get<u32>;

		/// Most freezes on a title (one in effect, the rest waiting).
		#[pallet::constant]
		type MaxFreezes: Get<u32>;

		/// Most entries kept in a title's history (the oldest go first).
		#[pallet::constant]
		type MaxHistory: Get<u32>;

		/// Most children of a split, and parents of a merge.
		#[pallet::constant]
		type MaxLineage: Get<u32>;

		/// The side of a cell of the spatial index, in micro-degrees.
		#[pallet::constant]
		type CellSize: Get<u32>;

		/// Most cells a parcel's bounding box may cover.
		#[pallet::constant]
		type MaxCellsPerParcel: Get<u32>;

		/// Most live parcels listed in one cell.
		#[pallet::constant]
		type MaxPerCell: Get<u32>;

		/// Most open offers a person is a party to.
		#[pallet::constant]
		type MaxOpenOffers: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Agencies and persons for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: benchmarking::BenchmarkHelper<Self::AccountId>;
	}

	/// Parcels, live and retired.
	#[pallet::storage]
	pub type Parcels<T: Config> = StorageMap<_, Twox64Concat, ParcelId, ParcelOf<T>>;

	/// The id the next parcel gets.
	#[pallet::storage]
	pub type NextParcelId<T: Config> = StorageValue<_, ParcelId, ValueQuery>;

	/// Parcels by cadastral number.
	#[pallet::storage]
	pub type ParcelOfCadastre<T: Config> = StorageMap<_, Blake2_128Concat, Cadastral, ParcelId>;

	/// The spatial index: the live parcels whose bounding box covers each cell.
	#[pallet::storage]
	pub type Cells<T: Config> =
		StorageMap<_, Twox64Concat, Cell, BoundedVec<ParcelId, T::MaxPerCell>, ValueQuery>;

	/// The titles of live parcels.
	#[pallet::storage]
	pub type Titles<T: Config> = StorageMap<_, Twox64Concat, ParcelId, Title<T::MaxOwners>>;

	/// Every certificate id ever issued: its parcel and version.
	#[pallet::storage]
	pub type Certificates<T: Config> = StorageMap<_, Identity, H256, (ParcelId, u32)>;

	/// The titles each titles alias holds a share of.
	#[pallet::storage]
	pub type TitlesOf<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, Alias, Twox64Concat, ParcelId, ()>;

	/// Each title's liens, by rank.
	#[pallet::storage]
	pub type Liens<T: Config> =
		StorageMap<_, Twox64Concat, ParcelId, BoundedVec<Lien, T::MaxLiens>, ValueQuery>;

	/// The id the next lien gets.
	#[pallet::storage]
	pub type NextLienId<T: Config> = StorageValue<_, LienId, ValueQuery>;

	/// Mortgages proposed by banks, waiting for the owners' consents.
	#[pallet::storage]
	pub type MortgageRequests<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ParcelId,
		Twox64Concat,
		AgencyId,
		MortgageRequest<T::MaxOwners>,
	>;

	/// Each title's freezes: the first in effect, the others waiting in order.
	#[pallet::storage]
	pub type Freezes<T: Config> =
		StorageMap<_, Twox64Concat, ParcelId, BoundedVec<Freeze, T::MaxFreezes>, ValueQuery>;

	/// Open sale offers.
	#[pallet::storage]
	pub type Offers<T: Config> = StorageMap<_, Twox64Concat, OfferId, Offer<T::MaxOwners>>;

	/// The id the next offer gets.
	#[pallet::storage]
	pub type NextOfferId<T: Config> = StorageValue<_, OfferId, ValueQuery>;

	/// The open offers each titles alias is a party to.
	#[pallet::storage]
	pub type OffersOf<T: Config> =
		StorageMap<_, Blake2_128Concat, Alias, BoundedVec<OfferId, T::MaxOpenOffers>, ValueQuery>;

	/// Each title's latest changes.
	#[pallet::storage]
	pub type History<T: Config> =
		StorageMap<_, Twox64Concat, ParcelId, BoundedVec<HistoryEntry, T::MaxHistory>, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A parcel was registered with its title.
		ParcelRegistered { parcel: ParcelId, registry: AgencyId, certificate: H256, area: u64 },
		/// A selling owner offered shares.
		SaleOffered { offer: OfferId, parcel: ParcelId, deadline: Moment },
		/// A selling co-owner signed an offer.
		OfferSigned { offer: OfferId, seller: Alias },
		/// A buyer accepted an offer.
		OfferAccepted { offer: OfferId, buyer: Alias },
		/// A bank pre-signed the release of its lien in a sale.
		ReleasePresigned { offer: OfferId, lien: LienId },
		/// A bank pre-signed a new mortgage in a sale.
		MortgagePresigned { offer: OfferId, bank: AgencyId },
		/// An offer was withdrawn, lapsed, or voided.
		OfferCancelled { offer: OfferId },
		/// The registry approved a sale: the title has a new version and certificate.
		SaleApproved {
			offer: OfferId,
			parcel: ParcelId,
			version: u32,
			certificate: H256,
			released: Option<LienId>,
			mortgaged: Option<LienId>,
		},
		/// A bank proposed a mortgage; the owners consent.
		MortgageProposed { parcel: ParcelId, bank: AgencyId },
		/// An owner consented to a proposed mortgage.
		MortgageConsented { parcel: ParcelId, bank: AgencyId, owner: Alias },
		/// A lien was registered, with its rank (0 is first).
		MortgageRegistered { parcel: ParcelId, lien: LienId, bank: AgencyId, rank: u32 },
		/// A bank released its lien; the juniors moved up.
		MortgageReleased { parcel: ParcelId, lien: LienId },
		/// A court froze a title (`queued`: it waits behind another freeze).
		Frozen { parcel: ParcelId, court: AgencyId, case: H256, queued: bool },
		/// A court lifted its freeze.
		FreezeLifted { parcel: ParcelId, court: AgencyId, case: H256 },
		/// A waiting freeze took effect.
		FreezeTookEffect { parcel: ParcelId, court: AgencyId, case: H256 },
		/// A parcel was split.
		ParcelSplit { parcel: ParcelId, into: Vec<ParcelId> },
		/// Parcels were merged.
		ParcelsMerged { parcels: Vec<ParcelId>, into: ParcelId },
		/// An agency read the titles an alias holds, under its consent; the access is logged.
		HoldingsVerified { holder: Alias, agency: AgencyId, parcels: Vec<ParcelId> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The boundary has fewer than 3 vertices.
		TooFewVertices,
		/// A vertex is outside −90..90° latitude or −180..180° longitude.
		OutOfRange,
		/// Two consecutive vertices (or the last and the first) are the same point.
		RepeatedVertex,
		/// Two edges of the boundary cross or touch, or an edge doubles back (as when all the
		/// vertices are on one line).
		SelfIntersecting,
		/// The declared area differs from the computed one by more than 1 %.
		AreaMismatch,
		/// The boundary's interior meets a live parcel's (the view function `overlapping`
		/// names it: a module error has no room for a parcel id).
		Overlaps,
		/// The parcel's bounding box covers more than `MaxCellsPerParcel` cells.
		ParcelTooLarge,
		/// A cell of the spatial index lists `MaxPerCell` parcels already.
		CellFull,
		/// Another parcel has this cadastral number.
		CadastralTaken,
		/// An empty cadastral number.
		EmptyCadastral,
		/// No such parcel, or not live.
		UnknownParcel,
		/// An owner or buyer is not a live titles alias.
		UnknownAlias,
		/// The signer acts for no live titles alias.
		NoAlias,
		/// The terms signed are not the offer's current terms (see `offer_terms`): they changed
		/// since the signer read them.
		TermsChanged,
		/// A mortgage pre-signed in a sale pledges the whole title: the buyers must own all of
		/// it after the sale (a co-owner keeping a share consents to a mortgage of its own).
		MortgageOnKeptShares,
		/// A share of zero, or a person twice.
		BadShares,
		/// The shares do not sum to 10 000 (or what the sellers give up).
		SharesNotWhole,
		/// A seller does not own the share offered.
		NotOwner,
		/// The title is frozen.
		Frozen,
		/// The deadline has passed, or is not in the future.
		DeadlinePassed,
		/// No such offer.
		UnknownOffer,
		/// The signer's alias is no party of the offer, or not this one.
		NotParty,
		/// Signed or accepted already.
		AlreadySigned,
		/// Not every seller signed and every buyer accepted.
		NotReady,
		/// The title changed since the offer: it is void.
		TitleChanged,
		/// A party has `MaxOpenOffers` open offers.
		TooManyOffers,
		/// No such lien on this title.
		UnknownLien,
		/// The caller's agency is not the lien's (or the request's) bank.
		NotTheBank,
		/// The title has `MaxLiens` liens.
		TooManyLiens,
		/// No such mortgage request.
		UnknownRequest,
		/// A request of this bank on this title, made on the title as it is, is pending already.
		RequestPending,
		/// Not every owner has consented.
		MissingConsent,
		/// The title has `MaxFreezes` freezes.
		TooManyFreezes,
		/// This court froze the title in this case already.
		AlreadyFrozen,
		/// No freeze of this court in this case.
		UnknownFreeze,
		/// A split needs two children or more; a merge two parcels or more.
		TooFewParts,
		/// A child lies partly outside its parent, or a merged parcel leaves out a part.
		NotWithin,
		/// Two children of a split overlap.
		PartsOverlap,
		/// The parts' areas differ from the whole's by more than 1 %.
		DoesNotTile,
		/// Parcels merged must have the same owners and shares.
		OwnersDiffer,
		/// A parcel twice.
		DuplicateParcel,
		/// No live consent of the person covers this agency and purpose.
		NoConsent,
		/// After the sale the title would have more than `MaxOwners` owners.
		TooManyOwners,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a parcel and its title: cadastral number, boundary, use, declared area
		/// (m²), survey document (hash), owners and shares. By a registry.
		///
		/// ## Errors
		/// The polygon's (`TooFewVertices`, `OutOfRange`, `RepeatedVertex`, `SelfIntersecting`), `AreaMismatch`, `EmptyCadastral`, `CadastralTaken`, `ParcelTooLarge`,
		/// `CellFull`, `Overlaps`, `UnknownAlias`, `BadShares`, `SharesNotWhole`;
		/// the consortium's `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `ParcelRegistered`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_parcel(boundary.len() as u32))]
		pub fn register_parcel(
			origin: OriginFor<T>,
			cadastral: Cadastral,
			boundary: BoundaryOf<T>,
			land_use: LandUse,
			area: u64,
			document: H256,
			owners: SharesOf<T>,
		) -> DispatchResult {
			let registry = Self::ensure_registry(origin)?;
			let owners = Self::check_owners(owners)?;
			let spec = NewParcel { cadastral, boundary, area, document };
			Self::check_new(&spec, &[])?;
			Self::create(spec, land_use, registry, Vec::new(), owners)?;
			Ok(())
		}

		/// Offers shares of a title: `sellers` (owners, each giving up part or all of their
		/// share) to `buyers` (titles aliases), for a price (hash of the contract), until a
		/// deadline. Signed by the alias account of one of the sellers, whose signature it
		/// counts.
		///
		/// ## Errors
		/// `NoAlias`, `UnknownParcel`, `Frozen`, `DeadlinePassed`, `NotParty`, `NotOwner`,
		/// `BadShares`, `SharesNotWhole`, `UnknownAlias`, `TooManyOwners` (more than `MaxOwners`
		/// after the sale), `TooManyOffers`.
		///
		/// ## Events
		/// `SaleOffered`, `OfferSigned`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::offer_sale())]
		pub fn offer_sale(
			origin: OriginFor<T>,
			parcel: ParcelId,
			sellers: SharesOf<T>,
			buyers: SharesOf<T>,
			price: H256,
			deadline: Moment,
		) -> DispatchResult {
			let who = Self::ensure_alias(origin)?;
			let title = Self::live_title(parcel)?;
			Self::ensure_not_frozen(parcel)?;
			ensure!(deadline > T::Time::now(), Error::<T>::DeadlinePassed);
			let signer = sellers
				.iter()
				.find(|s| s.owner == who)
				.map(|s| s.owner)
				.ok_or(Error::<T>::NotParty)?;
			let mut given: u32 = 0;
			let mut seen = BTreeSet::new();
			for s in &sellers {
				ensure!(s.bps > 0 && seen.insert(s.owner), Error::<T>::BadShares);
				let held = title.owners.iter().find(|o| o.owner == s.owner).map(|o| o.bps);
				ensure!(held.is_some_and(|h| h >= s.bps), Error::<T>::NotOwner);
				given = given.saturating_add(u32::from(s.bps));
			}
			let mut taken: u32 = 0;
			let mut seen = BTreeSet::new();
			for b in &buyers {
				ensure!(b.bps > 0 && seen.insert(b.owner), Error::<T>::BadShares);
				ensure!(Self::is_live(&b.owner), Error::<T>::UnknownAlias);
				taken = taken.saturating_add(u32::from(b.bps));
			}
			ensure!(!buyers.is_empty() && given == taken, Error::<T>::SharesNotWhole);
			// The owners after the sale: those keeping part of their share, and the buyers.
			let after: BTreeSet<Alias> = title
				.owners
				.iter()
				.filter(|o| {
					sellers.iter().find(|s| s.owner == o.owner).is_none_or(|s| s.bps < o.bps)
				})
				.map(|o| o.owner)
				.chain(buyers.iter().map(|b| b.owner))
				.collect();
			ensure!(after.len() <= T::MaxOwners::get() as usize, Error::<T>::TooManyOwners);
			let party = |s: &Share, signed: bool| Party { person: s.owner, bps: s.bps, signed };
			let offer = NextOfferId::<T>::get();
			let parties: Vec<Alias> =
				sellers.iter().chain(buyers.iter()).map(|s| s.owner).collect();
			for p in parties.iter().collect::<BTreeSet<_>>() {
				OffersOf::<T>::try_mutate(p, |list| list.try_push(offer))
					.map_err(|_| Error::<T>::TooManyOffers)?;
			}
			NextOfferId::<T>::put(offer.saturating_add(1));
			Offers::<T>::insert(
				offer,
				Offer {
					parcel,
					version: title.version,
					changes: title.changes,
					sellers: BoundedVec::truncate_from(
						sellers.iter().map(|s| party(s, s.owner == signer)).collect(),
					),
					buyers: BoundedVec::truncate_from(
						buyers.iter().map(|b| party(b, false)).collect(),
					),
					price,
					deadline,
					release: None,
					mortgage: None,
				},
			);
			Self::deposit_event(Event::SaleOffered { offer, parcel, deadline });
			Self::deposit_event(Event::OfferSigned { offer, seller: signer });
			Ok(())
		}

		/// Signs an offer for the signer's own share, on `terms` (the offer's current terms:
		/// the view function `offer_terms`): a selling co-owner's alias account.
		///
		/// ## Errors
		/// `NoAlias`, `UnknownOffer`, `TermsChanged`, `NotParty`, `AlreadySigned`,
		/// `DeadlinePassed`.
		///
		/// ## Events
		/// `OfferSigned`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::sign_offer())]
		pub fn sign_offer(origin: OriginFor<T>, offer: OfferId, terms: H256) -> DispatchResult {
			let who = Self::ensure_alias(origin)?;
			let mut o = Self::open_offer(offer)?;
			ensure!(terms == Self::terms_of(offer, &o), Error::<T>::TermsChanged);
			let seller = Self::sign(&mut o.sellers, &who)?;
			Offers::<T>::insert(offer, o);
			Self::deposit_event(Event::OfferSigned { offer, seller });
			Ok(())
		}

		/// Accepts an offer on `terms` (the offer's current terms, the mortgage pre-signed in
		/// it included: the view function `offer_terms`), which is the buyer's consent to them:
		/// a buyer's alias account.
		///
		/// ## Errors
		/// `NoAlias`, `UnknownOffer`, `TermsChanged`, `NotParty`, `AlreadySigned`,
		/// `DeadlinePassed`.
		///
		/// ## Events
		/// `OfferAccepted`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::accept_offer())]
		pub fn accept_offer(origin: OriginFor<T>, offer: OfferId, terms: H256) -> DispatchResult {
			let who = Self::ensure_alias(origin)?;
			let mut o = Self::open_offer(offer)?;
			ensure!(terms == Self::terms_of(offer, &o), Error::<T>::TermsChanged);
			let buyer = Self::sign(&mut o.buyers, &who)?;
			Offers::<T>::insert(offer, o);
			Self::deposit_event(Event::OfferAccepted { offer, buyer });
			Ok(())
		}

		/// Pre-signs, for the bank holding `lien` on the offer's title, its release when the
		/// sale is approved. The terms change: every signature and acceptance so far is cleared.
		/// A release pre-signed by another bank stays that bank's to change.
		///
		/// ## Errors
		/// `UnknownOffer`, `DeadlinePassed`, `UnknownLien`, `NotTheBank`; the consortium's.
		///
		/// ## Events
		/// `ReleasePresigned`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::presign_release())]
		pub fn presign_release(
			origin: OriginFor<T>,
			offer: OfferId,
			lien: LienId,
		) -> DispatchResult {
			let bank = Self::ensure_bank(origin)?;
			let mut o = Self::open_offer(offer)?;
			let l = Liens::<T>::get(o.parcel)
				.into_iter()
				.find(|l| l.id == lien)
				.ok_or(Error::<T>::UnknownLien)?;
			ensure!(l.bank == bank, Error::<T>::NotTheBank);
			if let Some(before) = o.release {
				let holder = Liens::<T>::get(o.parcel).into_iter().find(|l| l.id == before);
				ensure!(holder.is_none_or(|l| l.bank == bank), Error::<T>::NotTheBank);
			}
			o.release = Some(lien);
			Self::clear_signatures(&mut o);
			Offers::<T>::insert(offer, o);
			Self::deposit_event(Event::ReleasePresigned { offer, lien });
			Ok(())
		}

		/// Pre-signs a new mortgage of the caller's bank on the title, registered when the sale
		/// is approved. The terms change: every signature and acceptance so far is cleared, and
		/// each buyer accepts again on the new terms, which is its consent to the mortgage. The
		/// buyers must own the whole title after the sale; a mortgage another bank pre-signed
		/// stays that bank's to change.
		///
		/// ## Errors
		/// `UnknownOffer`, `DeadlinePassed`, `NotTheBank`, `MortgageOnKeptShares`, `UnknownParcel`;
		/// the consortium's.
		///
		/// ## Events
		/// `MortgagePresigned`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::presign_mortgage())]
		pub fn presign_mortgage(
			origin: OriginFor<T>,
			offer: OfferId,
			terms: MortgageTerms,
		) -> DispatchResult {
			let bank = Self::ensure_bank(origin)?;
			let mut o = Self::open_offer(offer)?;
			ensure!(o.mortgage.is_none_or(|(b, _)| b == bank), Error::<T>::NotTheBank);
			let title = Self::live_title(o.parcel)?;
			// Every owner either sells its whole share or is a buyer.
			let kept = title.owners.iter().any(|owner| {
				let sold = o.sellers.iter().find(|s| s.person == owner.owner).map(|s| s.bps);
				sold != Some(owner.bps) && !o.buyers.iter().any(|b| b.person == owner.owner)
			});
			ensure!(!kept, Error::<T>::MortgageOnKeptShares);
			o.mortgage = Some((bank, terms));
			Self::clear_signatures(&mut o);
			Offers::<T>::insert(offer, o);
			Self::deposit_event(Event::MortgagePresigned { offer, bank });
			Ok(())
		}

		/// Approves a sale: with every seller's signature and every buyer's acceptance, before
		/// the deadline, on the title as offered and not frozen, releases the pre-signed lien,
		/// moves the shares and registers the pre-signed mortgage, in one step. By a registry.
		///
		/// ## Errors
		/// `UnknownOffer`, `DeadlinePassed`, `NotReady`, `TitleChanged`, `Frozen`,
		/// `UnknownAlias`, `UnknownLien`, `TooManyLiens`, `TooManyOwners`; the consortium's.
		///
		/// ## Events
		/// `SaleApproved`, `MortgageReleased`, `MortgageRegistered`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::approve_sale())]
		pub fn approve_sale(origin: OriginFor<T>, offer: OfferId) -> DispatchResult {
			let registry = Self::ensure_registry(origin)?;
			let o = Self::open_offer(offer)?;
			ensure!(
				o.sellers.iter().chain(o.buyers.iter()).all(|p| p.signed),
				Error::<T>::NotReady
			);
			let title = Self::live_title(o.parcel)?;
			ensure!(
				title.version == o.version && title.changes == o.changes,
				Error::<T>::TitleChanged
			);
			Self::ensure_not_frozen(o.parcel)?;
			ensure!(
				o.sellers.iter().chain(o.buyers.iter()).all(|p| Self::is_live(&p.person)),
				Error::<T>::UnknownAlias
			);
			// The new shares: sellers give up, buyers take; owners left with nothing leave.
			let mut shares: alloc::collections::BTreeMap<Alias, u32> =
				title.owners.iter().map(|s| (s.owner, u32::from(s.bps))).collect();
			for s in &o.sellers {
				let held = shares.entry(s.person).or_default();
				*held = held.checked_sub(u32::from(s.bps)).ok_or(Error::<T>::TitleChanged)?;
			}
			for b in &o.buyers {
				let held = shares.entry(b.person).or_default();
				*held = held.saturating_add(u32::from(b.bps));
			}
			let owners: Vec<Share> = shares
				.into_iter()
				.filter(|(_, bps)| *bps > 0)
				.map(|(owner, bps)| Share { owner, bps: Bps::try_from(bps).unwrap_or(Bps::MAX) })
				.collect();
			let owners = BoundedVec::try_from(owners).map_err(|_| Error::<T>::TooManyOwners)?;
			let now = T::Time::now();
			let mut liens = Liens::<T>::get(o.parcel);
			let released = match o.release {
				Some(lien) => {
					let at =
						liens.iter().position(|l| l.id == lien).ok_or(Error::<T>::UnknownLien)?;
					liens.remove(at);
					Some(lien)
				},
				None => None,
			};
			let mortgaged = match o.mortgage {
				Some((bank, terms)) => {
					let lien = Self::new_lien(bank, terms);
					liens.try_push(lien).map_err(|_| Error::<T>::TooManyLiens)?;
					Some((lien.id, bank))
				},
				None => None,
			};
			Liens::<T>::insert(o.parcel, &liens);
			if let Some(lien) = released {
				Self::record(o.parcel, Some(registry), Change::Released { lien }, now);
				Self::deposit_event(Event::MortgageReleased { parcel: o.parcel, lien });
			}
			let version = title.version.saturating_add(1);
			let certificate = Self::set_title(o.parcel, version, owners, Some(&title));
			Self::record(o.parcel, Some(registry), Change::Sold { offer, version }, now);
			if let Some((lien, bank)) = mortgaged {
				let rank = liens.len().saturating_sub(1) as u32;
				Self::record(o.parcel, Some(bank), Change::Mortgaged { lien, bank }, now);
				Self::deposit_event(Event::MortgageRegistered {
					parcel: o.parcel,
					lien,
					bank,
					rank,
				});
			}
			Self::close_offer(offer, &o);
			Self::deposit_event(Event::SaleApproved {
				offer,
				parcel: o.parcel,
				version,
				certificate,
				released,
				mortgaged: mortgaged.map(|(l, _)| l),
			});
			Ok(())
		}

		/// Withdraws an offer: a seller's alias account, at any time; anyone, once its deadline
		/// passed or its title changed.
		///
		/// ## Errors
		/// `UnknownOffer`, `NotParty`.
		///
		/// ## Events
		/// `OfferCancelled`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::cancel_offer())]
		pub fn cancel_offer(origin: OriginFor<T>, offer: OfferId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let o = Offers::<T>::get(offer).ok_or(Error::<T>::UnknownOffer)?;
			let lapsed = T::Time::now() > o.deadline
				|| Titles::<T>::get(o.parcel)
					.is_none_or(|t| t.version != o.version || t.changes != o.changes);
			let alias = T::Aliases::alias_of(&who, Domain::Titles);
			ensure!(
				lapsed || o.sellers.iter().any(|s| Some(s.person) == alias),
				Error::<T>::NotParty
			);
			Self::close_offer(offer, &o);
			Self::deposit_event(Event::OfferCancelled { offer });
			Ok(())
		}

		/// Proposes a mortgage of the caller's bank on a title; every owner consents with
		/// [`Pallet::consent_mortgage`], then the bank registers it.
		///
		/// ## Errors
		/// `UnknownParcel`, `Frozen`, `RequestPending`; the consortium's.
		///
		/// ## Events
		/// `MortgageProposed`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::propose_mortgage())]
		pub fn propose_mortgage(
			origin: OriginFor<T>,
			parcel: ParcelId,
			terms: MortgageTerms,
		) -> DispatchResult {
			let bank = Self::ensure_bank(origin)?;
			let title = Self::live_title(parcel)?;
			Self::ensure_not_frozen(parcel)?;
			// A request made on the title as it was before a change is void: a new one replaces it.
			ensure!(
				MortgageRequests::<T>::get(parcel, bank)
					.is_none_or(|r| r.version != title.version || r.changes != title.changes),
				Error::<T>::RequestPending
			);
			MortgageRequests::<T>::insert(
				parcel,
				bank,
				MortgageRequest {
					parcel,
					bank,
					terms,
					version: title.version,
					changes: title.changes,
					consents: BoundedVec::new(),
				},
			);
			Self::deposit_event(Event::MortgageProposed { parcel, bank });
			Ok(())
		}

		/// Consents, as an owner (the signer's titles alias), to a bank's proposed mortgage.
		///
		/// ## Errors
		/// `NoAlias`, `UnknownRequest`, `TitleChanged`, `NotOwner`, `AlreadySigned`.
		///
		/// ## Events
		/// `MortgageConsented`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::consent_mortgage())]
		pub fn consent_mortgage(
			origin: OriginFor<T>,
			parcel: ParcelId,
			bank: AgencyId,
		) -> DispatchResult {
			let who = Self::ensure_alias(origin)?;
			let mut r =
				MortgageRequests::<T>::get(parcel, bank).ok_or(Error::<T>::UnknownRequest)?;
			let title = Self::live_title(parcel)?;
			ensure!(
				title.version == r.version && title.changes == r.changes,
				Error::<T>::TitleChanged
			);
			let owner = title
				.owners
				.iter()
				.find(|o| o.owner == who)
				.map(|o| o.owner)
				.ok_or(Error::<T>::NotOwner)?;
			ensure!(!r.consents.contains(&owner), Error::<T>::AlreadySigned);
			r.consents.try_push(owner).map_err(|_| Error::<T>::AlreadySigned)?;
			MortgageRequests::<T>::insert(parcel, bank, r);
			Self::deposit_event(Event::MortgageConsented { parcel, bank, owner });
			Ok(())
		}

		/// Registers the caller's bank's proposed mortgage, once every owner of the title as
		/// proposed has consented: it ranks after the liens before it.
		///
		/// ## Errors
		/// `UnknownRequest`, `UnknownParcel`, `TitleChanged`, `Frozen`, `MissingConsent`,
		/// `TooManyLiens`; the consortium's.
		///
		/// ## Events
		/// `MortgageRegistered`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::register_mortgage())]
		pub fn register_mortgage(origin: OriginFor<T>, parcel: ParcelId) -> DispatchResult {
			let bank = Self::ensure_bank(origin)?;
			let r = MortgageRequests::<T>::get(parcel, bank).ok_or(Error::<T>::UnknownRequest)?;
			let title = Self::live_title(parcel)?;
			ensure!(
				title.version == r.version && title.changes == r.changes,
				Error::<T>::TitleChanged
			);
			Self::ensure_not_frozen(parcel)?;
			ensure!(
				title.owners.iter().all(|o| r.consents.contains(&o.owner)),
				Error::<T>::MissingConsent
			);
			let lien = Self::new_lien(bank, r.terms);
			let rank = Liens::<T>::try_mutate(parcel, |liens| {
				liens.try_push(lien).map(|_| liens.len().saturating_sub(1) as u32)
			})
			.map_err(|_| Error::<T>::TooManyLiens)?;
			MortgageRequests::<T>::remove(parcel, bank);
			Self::count_change(parcel);
			Self::record(
				parcel,
				Some(bank),
				Change::Mortgaged { lien: lien.id, bank },
				T::Time::now(),
			);
			Self::deposit_event(Event::MortgageRegistered { parcel, lien: lien.id, bank, rank });
			Ok(())
		}

		/// Releases a lien: only its bank. The liens after it move up.
		///
		/// ## Errors
		/// `UnknownLien`, `NotTheBank`; the consortium's.
		///
		/// ## Events
		/// `MortgageReleased`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::release_mortgage())]
		pub fn release_mortgage(
			origin: OriginFor<T>,
			parcel: ParcelId,
			lien: LienId,
		) -> DispatchResult {
			let bank = Self::ensure_bank(origin)?;
			Liens::<T>::try_mutate(parcel, |liens| -> DispatchResult {
				let at = liens.iter().position(|l| l.id == lien).ok_or(Error::<T>::UnknownLien)?;
				ensure!(liens.get(at).is_some_and(|l| l.bank == bank), Error::<T>::NotTheBank);
				liens.remove(at);
				Ok(())
			})?;
			Self::count_change(parcel);
			Self::record(parcel, Some(bank), Change::Released { lien }, T::Time::now());
			Self::deposit_event(Event::MortgageReleased { parcel, lien });
			Ok(())
		}

		/// Freezes a title in a case (reference hash): in effect at once, or waiting behind the
		/// freezes before it. By a court (`FreezeAssets`).
		///
		/// ## Errors
		/// `UnknownParcel`, `AlreadyFrozen`, `TooManyFreezes`; the consortium's.
		///
		/// ## Events
		/// `Frozen`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::freeze())]
		pub fn freeze(origin: OriginFor<T>, parcel: ParcelId, case: H256) -> DispatchResult {
			let (_, court) = T::Agencies::ensure_capability(origin, Capability::FreezeAssets)?;
			let _ = Self::live_title(parcel)?;
			let now = T::Time::now();
			let queued = Freezes::<T>::try_mutate(parcel, |f| -> Result<bool, DispatchError> {
				ensure!(
					!f.iter().any(|x| x.court == court && x.case == case),
					Error::<T>::AlreadyFrozen
				);
				let queued = !f.is_empty();
				f.try_push(Freeze { court, case, ordered: now })
					.map_err(|_| Error::<T>::TooManyFreezes)?;
				Ok(queued)
			})?;
			Self::count_change(parcel);
			Self::record(parcel, Some(court), Change::Frozen { court, case, queued }, now);
			Self::deposit_event(Event::Frozen { parcel, court, case, queued });
			Ok(())
		}

		/// Lifts a court's freeze; if it was in effect, the next one waiting takes effect. By
		/// the court that ordered it.
		///
		/// ## Errors
		/// `UnknownFreeze`; the consortium's.
		///
		/// ## Events
		/// `FreezeLifted`, `FreezeTookEffect`.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::lift_freeze())]
		pub fn lift_freeze(origin: OriginFor<T>, parcel: ParcelId, case: H256) -> DispatchResult {
			let (_, court) = T::Agencies::ensure_capability(origin, Capability::FreezeAssets)?;
			let now = T::Time::now();
			let next =
				Freezes::<T>::try_mutate(parcel, |f| -> Result<Option<Freeze>, DispatchError> {
					let at = f
						.iter()
						.position(|x| x.court == court && x.case == case)
						.ok_or(Error::<T>::UnknownFreeze)?;
					f.remove(at);
					Ok(if at == 0 { f.first().cloned() } else { None })
				})?;
			Self::count_change(parcel);
			Self::record(parcel, Some(court), Change::Lifted { court, case }, now);
			Self::deposit_event(Event::FreezeLifted { parcel, court, case });
			if let Some(n) = next {
				let change = Change::FreezeTookEffect { court: n.court, case: n.case };
				Self::record(parcel, None, change, now);
				Self::deposit_event(Event::FreezeTookEffect {
					parcel,
					court: n.court,
					case: n.case,
				});
			}
			Ok(())
		}

		/// Splits a live parcel into children that tile it: each within the parent, none
		/// overlapping another, their computed areas summing to the parent's within 1 %. The
		/// children take the parent's owners, liens and freezes. By a registry.
		///
		/// ## Errors
		/// `UnknownParcel`, `TooFewParts`, the polygon's, `AreaMismatch`, `EmptyCadastral`,
		/// `CadastralTaken`, `ParcelTooLarge`, `CellFull`, `NotWithin`, `Overlaps`,
		/// `DoesNotTile`; the consortium's.
		///
		/// ## Events
		/// `ParcelSplit`, `ParcelRegistered` for each child.
		#[pallet::call_index(14)]
		#[pallet::weight(Pallet::<T>::split_weight(children.len() as u32))]
		pub fn split(
			origin: OriginFor<T>,
			parcel: ParcelId,
			children: BoundedVec<NewParcel<T::MaxVertices>, T::MaxLineage>,
		) -> DispatchResult {
			let registry = Self::ensure_registry(origin)?;
			let parent = Self::live_parcel(parcel)?;
			let title = Self::live_title(parcel)?;
			ensure!(children.len() >= 2, Error::<T>::TooFewParts);
			let mut total: u128 = 0;
			for (i, child) in children.iter().enumerate() {
				Self::check_new(child, &[parcel])?;
				ensure!(
					geometry::contains(&parent.boundary, &child.boundary),
					Error::<T>::NotWithin
				);
				for other in children.iter().take(i) {
					ensure!(
						!geometry::interiors_overlap(&other.boundary, &child.boundary),
						Error::<T>::PartsOverlap
					);
					ensure!(other.cadastral != child.cadastral, Error::<T>::CadastralTaken);
				}
				total = total.saturating_add(geometry::area_m2(&child.boundary));
			}
			ensure!(
				within_one_percent(total, geometry::area_m2(&parent.boundary)),
				Error::<T>::DoesNotTile
			);
			let liens = Liens::<T>::get(parcel);
			let freezes = Freezes::<T>::get(parcel);
			Self::retire(parcel, registry)?;
			let mut into = Vec::new();
			for child in children {
				let id = Self::create(
					child,
					parent.land_use,
					registry,
					alloc::vec![parcel],
					title.owners.clone(),
				)?;
				Liens::<T>::insert(id, &liens);
				Freezes::<T>::insert(id, &freezes);
				into.push(id);
			}
			Self::set_retired_into(parcel, &into);
			Self::deposit_event(Event::ParcelSplit { parcel, into });
			Ok(())
		}

		/// Merges live parcels of the same owners and shares into one: each within it, their
		/// areas summing to its area within 1 %. It takes their liens (in the parcels' order)
		/// and freezes. By a registry.
		///
		/// ## Errors
		/// `TooFewParts`, `DuplicateParcel`, `UnknownParcel`, `OwnersDiffer`, the polygon's,
		/// `AreaMismatch`, `EmptyCadastral`, `CadastralTaken`, `ParcelTooLarge`, `CellFull`,
		/// `Overlaps`, `NotWithin`, `DoesNotTile`, `TooManyLiens`, `TooManyFreezes`; the
		/// consortium's.
		///
		/// ## Events
		/// `ParcelsMerged`, `ParcelRegistered`.
		#[pallet::call_index(15)]
		#[pallet::weight(Pallet::<T>::merge_weight(parcels.len() as u32))]
		pub fn merge(
			origin: OriginFor<T>,
			parcels: BoundedVec<ParcelId, T::MaxLineage>,
			merged: NewParcel<T::MaxVertices>,
		) -> DispatchResult {
			let registry = Self::ensure_registry(origin)?;
			ensure!(parcels.len() >= 2, Error::<T>::TooFewParts);
			ensure!(
				parcels.iter().collect::<BTreeSet<_>>().len() == parcels.len(),
				Error::<T>::DuplicateParcel
			);
			let mut owners: Option<SharesOf<T>> = None;
			let mut total: u128 = 0;
			let mut liens: BoundedVec<Lien, T::MaxLiens> = BoundedVec::new();
			let mut freezes: BoundedVec<Freeze, T::MaxFreezes> = BoundedVec::new();
			let mut land_use = None;
			let mut parts = Vec::new();
			for p in &parcels {
				let parcel = Self::live_parcel(*p)?;
				let title = Self::live_title(*p)?;
				match &owners {
					Some(o) => ensure!(*o == title.owners, Error::<T>::OwnersDiffer),
					None => owners = Some(title.owners.clone()),
				}
				parts.push((*p, parcel));
			}
			Self::check_new(&merged, &parcels)?;
			for (p, parcel) in &parts {
				ensure!(
					geometry::contains(&merged.boundary, &parcel.boundary),
					Error::<T>::NotWithin
				);
				total = total.saturating_add(geometry::area_m2(&parcel.boundary));
				for l in Liens::<T>::get(p) {
					if !liens.iter().any(|x| x.id == l.id) {
						liens.try_push(l).map_err(|_| Error::<T>::TooManyLiens)?;
					}
				}
				for f in Freezes::<T>::get(p) {
					if !freezes.iter().any(|x| x.court == f.court && x.case == f.case) {
						freezes.try_push(f).map_err(|_| Error::<T>::TooManyFreezes)?;
					}
				}
				land_use.get_or_insert(parcel.land_use);
			}
			ensure!(
				within_one_percent(total, geometry::area_m2(&merged.boundary)),
				Error::<T>::DoesNotTile
			);
			for p in &parcels {
				Self::retire(*p, registry)?;
			}
			let id = Self::create(
				merged,
				land_use.unwrap_or(LandUse::Residential),
				registry,
				parcels.to_vec(),
				owners.unwrap_or_default(),
			)?;
			Liens::<T>::insert(id, liens);
			Freezes::<T>::insert(id, freezes);
			for p in &parcels {
				Self::set_retired_into(*p, &[id]);
			}
			Self::deposit_event(Event::ParcelsMerged { parcels: parcels.to_vec(), into: id });
			Ok(())
		}

		/// Reads the live titles a titles alias holds a share of (at most 100), under the
		/// alias's consent (scope `Titles`) for `purpose`; the read is traced in the alias's
		/// access log. By any agency's staff.
		///
		/// ## Errors
		/// `NoConsent`; the consortium's `NotStaff`.
		///
		/// ## Events
		/// `HoldingsVerified`.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::verify_holdings())]
		pub fn verify_holdings(
			origin: OriginFor<T>,
			holder: Alias,
			purpose: Purpose,
		) -> DispatchResult {
			let (_, agency) = T::Agencies::ensure_staff(origin)?;
			ensure!(
				T::Consent::has_consent(&holder, agency, Scope::Titles, &purpose, T::Time::now()),
				Error::<T>::NoConsent
			);
			let parcels: Vec<ParcelId> = TitlesOf::<T>::iter_key_prefix(holder).take(100).collect();
			T::Consent::record_access(&holder, agency, Scope::Titles, purpose, true);
			Self::deposit_event(Event::HoldingsVerified { holder, agency, parcels });
			Ok(())
		}
	}

	/// The public register: parcels, titles by certificate, history, encumbrances, parcels in
	/// an area.
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// A parcel by id.
		pub fn parcel(parcel: ParcelId) -> Option<ParcelOf<T>> {
			Parcels::<T>::get(parcel)
		}

		/// The hash of an open offer's current terms, which its parties' signatures and
		/// acceptances name (see [`Pallet::sign_offer`]).
		pub fn offer_terms(offer: OfferId) -> Option<H256> {
			Offers::<T>::get(offer).map(|o| Self::terms_of(offer, &o))
		}

		/// A parcel by cadastral number: its id and record.
		pub fn parcel_by_cadastral(cadastral: Vec<u8>) -> Option<(ParcelId, ParcelOf<T>)> {
			let key = Cadastral::try_from(cadastral).ok()?;
			let id = ParcelOfCadastre::<T>::get(key)?;
			Parcels::<T>::get(id).map(|p| (id, p))
		}

		/// What a certificate id resolves to: the current title with its owners and
		/// encumbrances, or what superseded it.
		pub fn certificate(certificate: H256) -> Option<CertificateStatus<TitleView>> {
			let (parcel, version) = Certificates::<T>::get(certificate)?;
			let p = Parcels::<T>::get(parcel)?;
			match (Titles::<T>::get(parcel), &p.status) {
				(Some(t), ParcelStatus::Live) if t.version == version => {
					Some(CertificateStatus::Current(Self::title_view(parcel, &p, &t)))
				},
				(t, status) => Some(CertificateStatus::Superseded {
					parcel,
					version,
					by: t.map(|t| t.certificate),
					into: match status {
						ParcelStatus::Retired { into } => into.to_vec(),
						ParcelStatus::Live => Vec::new(),
					},
				}),
			}
		}

		/// A title's latest changes, oldest first.
		pub fn history(parcel: ParcelId) -> Vec<HistoryEntry> {
			History::<T>::get(parcel).into_inner()
		}

		/// A live parcel's title, liens (by rank) and freezes (the first in effect).
		pub fn title(parcel: ParcelId) -> Option<TitleView> {
			let p = Parcels::<T>::get(parcel)?;
			let t = Titles::<T>::get(parcel)?;
			Some(Self::title_view(parcel, &p, &t))
		}

		/// The live parcels whose interior a boundary would meet (at most 16): why a
		/// registration failed with `Overlaps`, or a check before it.
		pub fn overlapping(boundary: Vec<Point>) -> Vec<ParcelId> {
			if geometry::validate(&boundary).is_err() {
				return Vec::new();
			}
			let bbox = geometry::bbox(&boundary);
			let Some(cells) = Self::cells_of(&bbox) else { return Vec::new() };
			let mut out = BTreeSet::new();
			for cell in cells {
				for id in Cells::<T>::get(cell) {
					if out.len() < 16
						&& !out.contains(&id)
						&& Parcels::<T>::get(id).is_some_and(|p| {
							p.bbox.touches(&bbox)
								&& geometry::interiors_overlap(&p.boundary, &boundary)
						}) {
						out.insert(id);
					}
				}
			}
			out.into_iter().collect()
		}

		/// The live parcels whose bounding box meets `area` (at most 256; `area` may cover at
		/// most `MaxCellsPerParcel` cells).
		pub fn parcels_in(area: BBox) -> Vec<ParcelId> {
			let Some(cells) = Self::cells_of(&area) else { return Vec::new() };
			let mut out = BTreeSet::new();
			for cell in cells {
				for id in Cells::<T>::get(cell) {
					if out.len() < 256
						&& Parcels::<T>::get(id).is_some_and(|p| p.bbox.touches(&area))
					{
						out.insert(id);
					}
				}
			}
			out.into_iter().collect()
		}
	}
}

/// Whether `a` is within 1 % of `b`.
fn within_one_percent(a: u128, b: u128) -> bool {
	a.abs_diff(b).saturating_mul(100) <= b
}

impl<T: Config> Pallet<T> {
	/// The certificate id of a parcel's title version: `blake2_256("civitas/title" ‖ genesis
	/// hash ‖ cadastral number ‖ version)`.
	pub fn certificate_id(cadastral: &[u8], version: u32) -> H256 {
		let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::default());
		sp_runtime::traits::BlakeTwo256::hash_of(&(CERTIFICATE_DOMAIN, genesis, cadastral, version))
	}

	/// A split into `c` children: the benchmarked split, plus each child's check against a full
	/// index at the vertex bound (as a registration's worst case), which the benchmark's empty
	/// surroundings do not reach.
	pub fn split_weight(c: u32) -> Weight {
		T::WeightInfo::split(c).saturating_add(
			T::WeightInfo::register_parcel(T::MaxVertices::get()).saturating_mul(u64::from(c)),
		)
	}

	/// A merge of `p` parcels: the benchmarked merge, plus the merged parcel's check against a
	/// full index at the vertex bound.
	pub fn merge_weight(p: u32) -> Weight {
		T::WeightInfo::merge(p)
			.saturating_add(T::WeightInfo::register_parcel(T::MaxVertices::get()))
	}

	fn ensure_registry(origin: OriginFor<T>) -> Result<AgencyId, DispatchError> {
		Ok(T::Agencies::ensure_capability(origin, Capability::RegisterTitles)?.1)
	}

	fn ensure_bank(origin: OriginFor<T>) -> Result<AgencyId, DispatchError> {
		Ok(T::Agencies::ensure_capability(origin, Capability::RegisterMortgages)?.1)
	}

	/// Ensures no freeze is on the title.
	fn ensure_not_frozen(parcel: ParcelId) -> DispatchResult {
		ensure!(Freezes::<T>::get(parcel).is_empty(), Error::<T>::Frozen);
		Ok(())
	}

	fn live_parcel(parcel: ParcelId) -> Result<ParcelOf<T>, DispatchError> {
		Parcels::<T>::get(parcel)
			.filter(|p| p.status == ParcelStatus::Live)
			.ok_or_else(|| Error::<T>::UnknownParcel.into())
	}

	fn live_title(parcel: ParcelId) -> Result<Title<T::MaxOwners>, DispatchError> {
		Titles::<T>::get(parcel).ok_or_else(|| Error::<T>::UnknownParcel.into())
	}

	/// An offer open for signatures: known and before its deadline.
	fn open_offer(offer: OfferId) -> Result<Offer<T::MaxOwners>, DispatchError> {
		let o = Offers::<T>::get(offer).ok_or(Error::<T>::UnknownOffer)?;
		ensure!(T::Time::now() <= o.deadline, Error::<T>::DeadlinePassed);
		Ok(o)
	}

	/// The live titles alias the signer of `origin` acts for.
	fn ensure_alias(origin: OriginFor<T>) -> Result<Alias, DispatchError> {
		let who = ensure_signed(origin)?;
		Ok(T::Aliases::alias_of(&who, Domain::Titles).ok_or(Error::<T>::NoAlias)?)
	}

	/// Whether `alias` is a live titles alias.
	fn is_live(alias: &Alias) -> bool {
		T::Aliases::kind_of(alias, Domain::Titles).is_some()
	}

	/// Counts a change of a live title (a lien or a freeze): offers and mortgage requests
	/// made before it are void.
	fn count_change(parcel: ParcelId) {
		Titles::<T>::mutate(parcel, |t| {
			if let Some(t) = t {
				t.changes = t.changes.saturating_add(1);
			}
		});
	}

	/// Clears every seller's signature and buyer's acceptance of an offer whose terms
	/// changed.
	fn clear_signatures(o: &mut Offer<T::MaxOwners>) {
		for p in o.sellers.iter_mut().chain(o.buyers.iter_mut()) {
			p.signed = false;
		}
	}

	/// The hash of an offer's terms, which signatures and acceptances name: its id, parcel,
	/// the title's version and count of changes, the parties and shares, the price, the
	/// deadline, the release and the mortgage.
	pub fn terms_of(offer: OfferId, o: &Offer<T::MaxOwners>) -> H256 {
		let shares = |side: &BoundedVec<Party, T::MaxOwners>| -> Vec<(Alias, Bps)> {
			side.iter().map(|p| (p.person, p.bps)).collect()
		};
		let terms = (
			b"civitas/offer-terms",
			offer,
			o.parcel,
			o.version,
			o.changes,
			shares(&o.sellers),
			shares(&o.buyers),
			o.price,
			o.deadline,
			o.release,
			o.mortgage,
		);
		<sp_runtime::traits::BlakeTwo256 as Hash>::hash(&terms.encode())
	}

	/// Marks the signer's party of `side` signed.
	fn sign(
		side: &mut BoundedVec<Party, T::MaxOwners>,
		who: &Alias,
	) -> Result<Alias, DispatchError> {
		let party = side.iter_mut().find(|p| p.person == *who).ok_or(Error::<T>::NotParty)?;
		ensure!(!party.signed, Error::<T>::AlreadySigned);
		party.signed = true;
		Ok(party.person)
	}

	/// Removes an offer and its parties' index entries.
	fn close_offer(offer: OfferId, o: &Offer<T::MaxOwners>) {
		for p in o.sellers.iter().chain(o.buyers.iter()) {
			OffersOf::<T>::mutate_exists(p.person, |list| {
				if let Some(l) = list {
					l.retain(|x| *x != offer);
					if l.is_empty() {
						*list = None;
					}
				}
			});
		}
		Offers::<T>::remove(offer);
	}

	/// Checks owners and shares: live titles aliases, each once, shares above zero, summing to
	/// the whole; sorted by owner.
	fn check_owners(owners: SharesOf<T>) -> Result<SharesOf<T>, DispatchError> {
		let mut sorted = owners.into_inner();
		sorted.sort_by_key(|s| s.owner);
		let mut sum: u32 = 0;
		let mut last = None;
		for s in &sorted {
			ensure!(s.bps > 0 && last != Some(s.owner), Error::<T>::BadShares);
			ensure!(Self::is_live(&s.owner), Error::<T>::UnknownAlias);
			sum = sum.saturating_add(u32::from(s.bps));
			last = Some(s.owner);
		}
		ensure!(sum == u32::from(WHOLE), Error::<T>::SharesNotWhole);
		Ok(BoundedVec::truncate_from(sorted))
	}

	/// Checks a new parcel: its polygon, area, cadastral number, index room, and that it
	/// overlaps no live parcel but those in `except` (the ones it replaces).
	fn check_new(
		spec: &NewParcel<T::MaxVertices>,
		except: &[ParcelId],
	) -> Result<BBox, DispatchError> {
		geometry::validate(&spec.boundary).map_err(|e| match e {
			PolygonError::TooFewVertices => Error::<T>::TooFewVertices,
			PolygonError::OutOfRange => Error::<T>::OutOfRange,
			PolygonError::RepeatedVertex => Error::<T>::RepeatedVertex,
			PolygonError::SelfIntersecting => Error::<T>::SelfIntersecting,
		})?;
		ensure!(
			within_one_percent(u128::from(spec.area), geometry::area_m2(&spec.boundary)),
			Error::<T>::AreaMismatch
		);
		ensure!(!spec.cadastral.is_empty(), Error::<T>::EmptyCadastral);
		ensure!(!ParcelOfCadastre::<T>::contains_key(&spec.cadastral), Error::<T>::CadastralTaken);
		let bbox = geometry::bbox(&spec.boundary);
		let cells = Self::cells_of(&bbox).ok_or(Error::<T>::ParcelTooLarge)?;
		let mut seen = BTreeSet::new();
		for cell in cells {
			let listed = Cells::<T>::get(cell);
			let leaving = listed.iter().filter(|id| except.contains(id)).count();
			ensure!(
				listed.len().saturating_sub(leaving) < T::MaxPerCell::get() as usize,
				Error::<T>::CellFull
			);
			for id in listed {
				if except.contains(&id) || !seen.insert(id) {
					continue;
				}
				if let Some(other) = Parcels::<T>::get(id) {
					if other.bbox.touches(&bbox)
						&& geometry::interiors_overlap(&other.boundary, &spec.boundary)
					{
						return Err(Error::<T>::Overlaps.into());
					}
				}
			}
		}
		Ok(bbox)
	}

	/// The cells a bounding box covers; none if more than `MaxCellsPerParcel`.
	pub fn cells_of(bbox: &BBox) -> Option<Vec<Cell>> {
		let size = i32::try_from(T::CellSize::get().max(1)).unwrap_or(i32::MAX);
		let (lat0, lat1) = (bbox.min_lat.div_euclid(size), bbox.max_lat.div_euclid(size));
		let (lon0, lon1) = (bbox.min_lon.div_euclid(size), bbox.max_lon.div_euclid(size));
		let rows = u64::try_from(lat1.saturating_sub(lat0)).ok()?.saturating_add(1);
		let cols = u64::try_from(lon1.saturating_sub(lon0)).ok()?.saturating_add(1);
		if rows.saturating_mul(cols) > u64::from(T::MaxCellsPerParcel::get()) {
			return None;
		}
		let mut out = Vec::new();
		for lat in lat0..=lat1 {
			for lon in lon0..=lon1 {
				out.push((lat, lon));
			}
		}
		Some(out)
	}

	/// Creates a live parcel (checked) with its first title, indexed; emits `ParcelRegistered`.
	fn create(
		spec: NewParcel<T::MaxVertices>,
		land_use: LandUse,
		registry: AgencyId,
		parents: Vec<ParcelId>,
		owners: SharesOf<T>,
	) -> Result<ParcelId, DispatchError> {
		let area = spec.area;
		let id = NextParcelId::<T>::get();
		NextParcelId::<T>::put(id.saturating_add(1));
		let bbox = geometry::bbox(&spec.boundary);
		for cell in Self::cells_of(&bbox).ok_or(Error::<T>::ParcelTooLarge)? {
			Cells::<T>::try_mutate(cell, |ids| ids.try_push(id))
				.map_err(|_| Error::<T>::CellFull)?;
		}
		ParcelOfCadastre::<T>::insert(&spec.cadastral, id);
		Parcels::<T>::insert(
			id,
			Parcel {
				cadastral: spec.cadastral,
				boundary: spec.boundary,
				bbox,
				land_use,
				area: spec.area,
				document: spec.document,
				registry,
				parents: BoundedVec::truncate_from(parents),
				status: ParcelStatus::Live,
			},
		);
		let certificate = Self::set_title(id, 1, owners, None);
		Self::record(id, Some(registry), Change::Registered, T::Time::now());
		Self::deposit_event(Event::ParcelRegistered { parcel: id, registry, certificate, area });
		Ok(id)
	}

	/// Takes a parcel out of force: out of the index, its title and offers gone (its
	/// certificates now resolve to what it became), its liens and freezes moved on by the
	/// caller.
	fn retire(parcel: ParcelId, registry: AgencyId) -> DispatchResult {
		let p = Self::live_parcel(parcel)?;
		for cell in Self::cells_of(&p.bbox).unwrap_or_default() {
			Cells::<T>::mutate_exists(cell, |ids| {
				if let Some(l) = ids {
					l.retain(|x| *x != parcel);
					if l.is_empty() {
						*ids = None;
					}
				}
			});
		}
		if let Some(t) = Titles::<T>::take(parcel) {
			for s in t.owners {
				TitlesOf::<T>::remove(s.owner, parcel);
			}
		}
		Liens::<T>::remove(parcel);
		Freezes::<T>::remove(parcel);
		let _ = MortgageRequests::<T>::clear_prefix(parcel, u32::MAX, None);
		Self::record(parcel, Some(registry), Change::Retired, T::Time::now());
		Ok(())
	}

	fn set_retired_into(parcel: ParcelId, into: &[ParcelId]) {
		Parcels::<T>::mutate(parcel, |p| {
			if let Some(p) = p {
				p.status = ParcelStatus::Retired { into: BoundedVec::truncate_from(into.to_vec()) };
			}
		});
	}

	/// Writes a title version: owners indexed, certificate issued.
	fn set_title(
		parcel: ParcelId,
		version: u32,
		owners: SharesOf<T>,
		old: Option<&Title<T::MaxOwners>>,
	) -> H256 {
		let cadastral = Parcels::<T>::get(parcel).map(|p| p.cadastral).unwrap_or_default();
		let certificate = Self::certificate_id(&cadastral, version);
		if let Some(old) = old {
			for s in &old.owners {
				TitlesOf::<T>::remove(s.owner, parcel);
			}
		}
		for s in &owners {
			TitlesOf::<T>::insert(s.owner, parcel, ());
		}
		Certificates::<T>::insert(certificate, (parcel, version));
		Titles::<T>::insert(parcel, Title { version, certificate, changes: 0, owners });
		certificate
	}

	fn new_lien(bank: AgencyId, terms: MortgageTerms) -> Lien {
		let id = NextLienId::<T>::get();
		NextLienId::<T>::put(id.saturating_add(1));
		Lien { id, bank, amount: terms.amount, until: terms.until, document: terms.document }
	}

	/// Adds a change to a title's history, dropping the oldest when full.
	fn record(parcel: ParcelId, by: Option<AgencyId>, change: Change, at: Moment) {
		History::<T>::mutate(parcel, |h| {
			if h.is_full() && !h.is_empty() {
				h.remove(0);
			}
			let _ = h.try_push(HistoryEntry { at, by, change });
		});
	}

	fn title_view(parcel: ParcelId, p: &ParcelOf<T>, t: &Title<T::MaxOwners>) -> TitleView {
		TitleView {
			parcel,
			cadastral: p.cadastral.to_vec(),
			version: t.version,
			certificate: t.certificate,
			owners: t.owners.to_vec(),
			liens: Liens::<T>::get(parcel).into_inner(),
			freezes: Freezes::<T>::get(parcel).into_inner(),
		}
	}

	/// Checks the pallet's invariants.
	///
	/// - every live parcel has a title whose shares are above zero, sum to 10 000 and name
	///   each owner once, indexed in `TitlesOf`; a retired parcel has none, and names what it
	///   became, which names it as a parent (lineage acyclic: children have higher ids);
	/// - the spatial index lists exactly the live parcels in the cells of their boxes, within
	///   bounds, and no two live parcels listed in one cell overlap;
	/// - every certificate resolves to its parcel and version, and each title's certificate
	///   is its current version's; cadastral numbers index their parcels;
	/// - liens and freezes lie on live parcels only; lien ids are unique on a title and below
	///   the next id (ranks are positions: contiguous); no frozen title changed owners (no
	///   sale in its history since its earliest freeze was ordered);
	/// - offers name live parcels' parties and are indexed by each party.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::BTreeMap;
		let mut cells = BTreeMap::<Cell, BTreeSet<ParcelId>>::new();
		for (id, p) in Parcels::<T>::iter() {
			ensure!(id < NextParcelId::<T>::get(), "parcel id not yet issued");
			ensure!(ParcelOfCadastre::<T>::get(&p.cadastral) == Some(id), "cadastre not indexed");
			for parent in &p.parents {
				ensure!(*parent < id, "lineage not acyclic");
				let pp = Parcels::<T>::get(parent).ok_or("unknown parent")?;
				ensure!(
					matches!(&pp.status, ParcelStatus::Retired { into } if into.contains(&id)),
					"a parent does not name its child"
				);
			}
			match &p.status {
				ParcelStatus::Live => {
					let t = Titles::<T>::get(id).ok_or("a live parcel without title")?;
					let sum: u32 = t.owners.iter().map(|s| u32::from(s.bps)).sum();
					ensure!(sum == u32::from(WHOLE), "shares do not sum to 10 000");
					ensure!(t.owners.iter().all(|s| s.bps > 0), "a zero share");
					let owners: BTreeSet<_> = t.owners.iter().map(|s| s.owner).collect();
					ensure!(owners.len() == t.owners.len(), "an owner twice");
					for o in &owners {
						ensure!(TitlesOf::<T>::contains_key(o, id), "owner not indexed");
					}
					ensure!(
						Certificates::<T>::get(t.certificate) == Some((id, t.version)),
						"certificate does not resolve"
					);
					ensure!(
						t.certificate == Self::certificate_id(&p.cadastral, t.version),
						"certificate not derived"
					);
					for cell in Self::cells_of(&p.bbox).ok_or("a live parcel too large")? {
						cells.entry(cell).or_default().insert(id);
					}
					let liens = Liens::<T>::get(id);
					let ids: BTreeSet<_> = liens.iter().map(|l| l.id).collect();
					ensure!(ids.len() == liens.len(), "a lien twice on a title");
					ensure!(
						liens.iter().all(|l| l.id < NextLienId::<T>::get()),
						"lien id not yet issued"
					);
				},
				ParcelStatus::Retired { into } => {
					ensure!(!Titles::<T>::contains_key(id), "a retired parcel with a title");
					ensure!(!into.is_empty(), "retired into nothing");
					ensure!(Liens::<T>::get(id).is_empty(), "liens on a retired parcel");
					ensure!(Freezes::<T>::get(id).is_empty(), "freezes on a retired parcel");
					for c in into {
						ensure!(*c > id, "lineage not acyclic");
					}
				},
			}
		}
		for (cell, ids) in Cells::<T>::iter() {
			let listed: BTreeSet<_> = ids.iter().copied().collect();
			ensure!(listed.len() == ids.len(), "a parcel twice in a cell");
			ensure!(cells.remove(&cell) == Some(listed.clone()), "the index is out of step");
			let all: Vec<ParcelOf<T>> = listed.iter().filter_map(Parcels::<T>::get).collect();
			for (i, a) in all.iter().enumerate() {
				for b in all.iter().skip(i.saturating_add(1)) {
					ensure!(
						!geometry::interiors_overlap(&a.boundary, &b.boundary),
						"two live parcels overlap"
					);
				}
			}
		}
		ensure!(cells.is_empty(), "live parcels missing from the index");
		for (owner, parcel, ()) in TitlesOf::<T>::iter() {
			let t = Titles::<T>::get(parcel).ok_or("indexed title unknown")?;
			ensure!(t.owners.iter().any(|s| s.owner == owner), "indexed owner not on the title");
		}
		for (cert, (parcel, version)) in Certificates::<T>::iter() {
			let p = Parcels::<T>::get(parcel).ok_or("certificate of an unknown parcel")?;
			ensure!(cert == Self::certificate_id(&p.cadastral, version), "certificate mismatch");
		}
		for (parcel, _) in Liens::<T>::iter() {
			ensure!(Titles::<T>::contains_key(parcel), "liens on no title");
		}
		for (parcel, freezes) in Freezes::<T>::iter() {
			ensure!(Titles::<T>::contains_key(parcel), "freezes on no title");
			// The title has been frozen without a break since its earliest freeze still on it
			// was ordered: no sale since.
			if let Some(since) = freezes.iter().map(|f| f.ordered).min() {
				ensure!(
					History::<T>::get(parcel)
						.iter()
						.all(|e| !matches!(e.change, Change::Sold { .. }) || e.at <= since),
					"a frozen title changed owners"
				);
			}
		}
		for (offer, o) in Offers::<T>::iter() {
			for p in o.sellers.iter().chain(o.buyers.iter()) {
				ensure!(OffersOf::<T>::get(p.person).contains(&offer), "offer not indexed");
			}
		}
		for (person, offers) in OffersOf::<T>::iter() {
			for offer in offers {
				let o = Offers::<T>::get(offer).ok_or("indexed offer unknown")?;
				ensure!(
					o.sellers.iter().chain(o.buyers.iter()).any(|p| p.person == person),
					"indexed party not in the offer"
				);
			}
		}
		Ok(())
	}
}
