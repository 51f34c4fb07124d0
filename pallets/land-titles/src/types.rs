//! Types of the land-titles pallet.

use crate::geometry::{BBox, Point};
use civitas_primitives::{AgencyId, Alias, Moment};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::pallet_prelude::*;
use scale_info::TypeInfo;
use sp_core::H256;

/// Identifier of a parcel, assigned in order.
pub type ParcelId = u64;
/// A share of a title, in basis points (10 000 is the whole).
pub type Bps = u16;
/// Identifier of a lien, assigned in order.
pub type LienId = u64;
/// Identifier of a sale offer, assigned in order.
pub type OfferId = u64;
/// An amount of the settlement unit, in minor units.
pub type Amount = u128;
/// A cell of the spatial index: (latitude, longitude) divided by the cell size.
pub type Cell = (i32, i32);

/// The whole of a title, in basis points.
pub const WHOLE: Bps = 10_000;

/// What a parcel is used for.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum LandUse {
	Residential,
	Commercial,
	Industrial,
	Agricultural,
}

/// Whether a parcel is in force.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum ParcelStatus<Children> {
	/// In force: it has a title.
	Live,
	/// Split or merged into `into`.
	Retired { into: Children },
}

/// A parcel of land: its boundary and what the registry recorded of it.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
#[scale_info(skip_type_params(MaxVertices, MaxLineage))]
#[codec(mel_bound())]
pub struct Parcel<MaxVertices: Get<u32>, MaxLineage: Get<u32>> {
	/// The cadastral number (unique).
	pub cadastral: BoundedVec<u8, ConstU32<32>>,
	/// The boundary: WGS84 points in micro-degrees.
	pub boundary: BoundedVec<Point, MaxVertices>,
	/// Its bounding box.
	pub bbox: BBox,
	/// What it is used for.
	pub land_use: LandUse,
	/// Its declared area (m²), within 1 % of the computed one.
	pub area: u64,
	/// The survey document (hash).
	pub document: H256,
	/// The agency that registered it.
	pub registry: AgencyId,
	/// The parcels it was split or merged from.
	pub parents: BoundedVec<ParcelId, MaxLineage>,
	/// In force, or what it became.
	pub status: ParcelStatus<BoundedVec<ParcelId, MaxLineage>>,
}

/// One owner's share of a title.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub struct Share {
	/// The owner: a person's titles alias.
	pub owner: Alias,
	/// In basis points.
	pub bps: Bps,
}

/// A title: who owns a live parcel, in which shares, under which certificate.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
#[scale_info(skip_type_params(MaxOwners))]
#[codec(mel_bound())]
pub struct Title<MaxOwners: Get<u32>> {
	/// Starts at 1; every change of owners makes a new version, and a new certificate.
	pub version: u32,
	/// Counts every change of the title since this version: a lien registered or released, a
	/// freeze ordered, lifted or taking effect. Offers and mortgage requests are made on a
	/// version and a count: when either moves, they are void (the owners agreed to the title
	/// as it was).
	pub changes: u32,
	/// The certificate id of this version: the chain address printed on the certificate.
	pub certificate: H256,
	/// The owners and their shares (summing to 10 000), ordered by owner.
	pub owners: BoundedVec<Share, MaxOwners>,
}

/// A mortgage on a title. Liens rank in registration order.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub struct Lien {
	/// Its id.
	pub id: LienId,
	/// The bank (holding `RegisterMortgages`).
	pub bank: AgencyId,
	/// The amount secured.
	pub amount: Amount,
	/// When it ends (ms).
	pub until: Moment,
	/// The mortgage contract (hash).
	pub document: H256,
}

/// The terms of a mortgage a bank proposes.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub struct MortgageTerms {
	/// The amount secured.
	pub amount: Amount,
	/// When it ends (ms).
	pub until: Moment,
	/// The mortgage contract (hash).
	pub document: H256,
}

/// A mortgage a bank proposed, waiting for every owner's consent.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
#[scale_info(skip_type_params(MaxOwners))]
#[codec(mel_bound())]
pub struct MortgageRequest<MaxOwners: Get<u32>> {
	/// The parcel.
	pub parcel: ParcelId,
	/// The bank.
	pub bank: AgencyId,
	/// The terms.
	pub terms: MortgageTerms,
	/// The title version the owners consent on.
	pub version: u32,
	/// The title's count of changes the owners consent on.
	pub changes: u32,
	/// The owners (titles aliases) who consented.
	pub consents: BoundedVec<Alias, MaxOwners>,
}

/// A court's freeze of a title; the first of a title's freezes is in effect, the others wait.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Freeze {
	/// The court (holding `FreezeAssets`).
	pub court: AgencyId,
	/// The case (reference hash).
	pub case: H256,
	/// When it was ordered (ms).
	pub ordered: Moment,
}

/// One party's part in a sale: a selling owner's share given up, or a buyer's share taken.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub struct Party {
	/// The party's titles alias.
	pub person: Alias,
	/// The share, in basis points.
	pub bps: Bps,
	/// Whether the person has signed (sellers) or accepted (buyers).
	pub signed: bool,
}

/// A sale of shares of a title, and what closes with it.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
#[scale_info(skip_type_params(MaxOwners))]
#[codec(mel_bound())]
pub struct Offer<MaxOwners: Get<u32>> {
	/// The parcel.
	pub parcel: ParcelId,
	/// The title version it was made on: any change of the title voids it.
	pub version: u32,
	/// The title's count of changes it was made on: a lien or freeze registered since voids it.
	pub changes: u32,
	/// The selling owners and the shares they give up.
	pub sellers: BoundedVec<Party, MaxOwners>,
	/// The buyers and the shares they take (summing to what the sellers give up).
	pub buyers: BoundedVec<Party, MaxOwners>,
	/// The price and terms (hash of the contract).
	pub price: H256,
	/// Buyers accept, and the registry approves, before it (ms).
	pub deadline: Moment,
	/// A lien released in the same step, pre-signed by its bank.
	pub release: Option<LienId>,
	/// A new mortgage registered in the same step, by a bank that pre-signed it (only that
	/// bank changes it then); the buyers' acceptance, which names the terms, is their consent.
	/// Only when the buyers own the whole title after the sale: a lien on a share a co-owner
	/// keeps needs that owner's consent (a mortgage registered after the sale).
	pub mortgage: Option<(AgencyId, MortgageTerms)>,
}

/// A change of a title, in its history.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum Change {
	/// The parcel was registered, or made by a split or merge.
	Registered,
	/// Shares were sold (offer), making title version `version`.
	Sold { offer: OfferId, version: u32 },
	/// A lien was registered.
	Mortgaged { lien: LienId, bank: AgencyId },
	/// A lien was released.
	Released { lien: LienId },
	/// A court's freeze was ordered (`queued`: behind another).
	Frozen { court: AgencyId, case: H256, queued: bool },
	/// A court's freeze was lifted.
	Lifted { court: AgencyId, case: H256 },
	/// A queued freeze took effect.
	FreezeTookEffect { court: AgencyId, case: H256 },
	/// The parcel was split or merged into others.
	Retired,
}

/// An entry of a title's history.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct HistoryEntry {
	/// When (ms).
	pub at: Moment,
	/// Which agency made it (or none: the owners, or the chain).
	pub by: Option<AgencyId>,
	/// What changed.
	pub change: Change,
}

/// What a certificate id resolves to.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub enum CertificateStatus<TitleView> {
	/// The current certificate of a live parcel.
	Current(TitleView),
	/// A past version: superseded by the parcel's current certificate (or, for a retired
	/// parcel, by the parcels it became).
	Superseded { parcel: ParcelId, version: u32, by: Option<H256>, into: alloc::vec::Vec<ParcelId> },
}

/// A title with what weighs on it, as the view functions answer it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct TitleView {
	/// The parcel.
	pub parcel: ParcelId,
	/// The cadastral number.
	pub cadastral: alloc::vec::Vec<u8>,
	/// The version and certificate.
	pub version: u32,
	pub certificate: H256,
	/// The owners and their shares.
	pub owners: alloc::vec::Vec<Share>,
	/// The liens, by rank.
	pub liens: alloc::vec::Vec<Lien>,
	/// The freezes: the first is in effect, the others wait.
	pub freezes: alloc::vec::Vec<Freeze>,
}
