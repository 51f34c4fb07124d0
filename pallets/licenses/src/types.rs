//! Types of the licences pallet.

use civitas_primitives::{AgencyId, LicenceTypeId, Moment, PersonId, RelationKind};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, BoundedVec};
use scale_info::TypeInfo;
use sp_core::H256;

/// Identifier of an issued licence, assigned in order.
pub type LicenceId = u64;

/// A fact that must hold for the holder when a licence is issued.
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
pub enum Prerequisite {
	/// The holder is a registered person (not erased).
	Registered,
	/// The holder is active: alive, or for a company not dissolved.
	Alive,
	/// The holder is a natural person who is not a minor.
	OfAge,
	/// The holder is a natural person.
	NaturalPerson,
	/// The holder is a legal person (a company).
	LegalPerson,
	/// The holder takes part in a relation of this kind that holds now.
	HasRelation(RelationKind),
	/// The holder holds a valid licence of this type.
	Licence(LicenceTypeId),
}

/// A licence type, registered by consortium vote.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
#[scale_info(skip_type_params(MaxName, MaxPrereqs))]
pub struct LicenceType<MaxName: Get<u32>, MaxPrereqs: Get<u32>> {
	/// Public name (UTF-8).
	pub name: BoundedVec<u8, MaxName>,
	/// Validity of a licence when the issuer gives none, in milliseconds.
	pub default_validity: Moment,
	/// Public licences (a business licence) are open to every agency; personal ones (a
	/// driving licence) are read only with the holder's consent.
	pub public: bool,
	/// What must hold for the holder at issuance.
	pub prerequisites: BoundedVec<Prerequisite, MaxPrereqs>,
}

/// The state of a licence.
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
pub enum LicenceStatus {
	/// In force (within its validity period).
	Active,
	/// Temporarily not in force.
	Suspended,
	/// Withdrawn for good.
	Revoked,
	/// Its validity period ended.
	Expired,
}

/// One entry of a licence's history.
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
pub enum LicenceChange {
	/// Issued, valid until the given time.
	Issued { until: Moment },
	/// Suspended, with a reason code.
	Suspended { reason: u32 },
	/// Back in force.
	Reinstated,
	/// Revoked, with a reason code.
	Revoked { reason: u32 },
	/// Renewed until the given time.
	Renewed { until: Moment },
	/// Expired at the end of its validity.
	Expired,
}

/// A dated change, and the agency that made it (none for expiry).
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
pub struct HistoryEntry {
	/// What changed.
	pub change: LicenceChange,
	/// When (ms since the Unix epoch).
	pub at: Moment,
	/// By which agency.
	pub by: Option<AgencyId>,
}

/// An issued licence. No personal data: the document is a salted hash.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
#[scale_info(skip_type_params(MaxNumber, MaxHistory))]
pub struct Licence<MaxNumber: Get<u32>, MaxHistory: Get<u32>> {
	/// Its type.
	pub licence_type: LicenceTypeId,
	/// The holder.
	pub holder: PersonId,
	/// The licence number printed on it.
	pub number: BoundedVec<u8, MaxNumber>,
	/// Salted hash of the document.
	pub document: H256,
	/// The issuing agency.
	pub issuer: AgencyId,
	/// In force from (ms since the Unix epoch).
	pub valid_from: Moment,
	/// In force until (exclusive).
	pub valid_until: Moment,
	/// Its state.
	pub status: LicenceStatus,
	/// Its most recent changes, oldest first.
	pub history: BoundedVec<HistoryEntry, MaxHistory>,
}

impl<N: Get<u32>, H: Get<u32>> Licence<N, H> {
	/// Whether the licence is in force at `now`.
	pub fn is_valid_at(&self, now: Moment) -> bool {
		self.status == LicenceStatus::Active && self.valid_from <= now && now < self.valid_until
	}
}

/// One licence of a batch.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	frame_support::CloneNoBound,
	frame_support::PartialEqNoBound,
	frame_support::EqNoBound,
	frame_support::DebugNoBound,
)]
#[scale_info(skip_type_params(MaxNumber))]
pub struct IssueRequest<MaxNumber: Get<u32>> {
	/// The holder.
	pub holder: PersonId,
	/// The licence number.
	pub number: BoundedVec<u8, MaxNumber>,
	/// Salted hash of the document.
	pub document: H256,
}
