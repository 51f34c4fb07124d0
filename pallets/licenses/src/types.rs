//! Types of the licences pallet.

use civitas_primitives::{AgencyId, Alias, LicenceTypeId, Moment, RelationId, RelationKind};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, BoundedVec};
use scale_info::TypeInfo;
use sp_core::{sr25519, H256};

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
	/// The holder is a registered person (not erased): every live alias's person is.
	Registered,
	/// The holder is active: alive, or for a company not dissolved (every live alias's person
	/// is).
	Alive,
	/// The holder is a natural person who is not a minor (minors have no aliases).
	OfAge,
	/// The holder is a natural person.
	NaturalPerson,
	/// The holder is a legal person (a company).
	LegalPerson,
	/// The holder is the `kind` of someone (spouses either way round) in a relation that
	/// holds now, proven by the signature of its end's key (the call's `relations`). The
	/// licence is valid only while the relation holds.
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
	/// A licence it was issued on lapsed.
	PrerequisiteLapsed { prerequisite: LicenceId },
	/// A lapsed prerequisite is back in force.
	PrerequisiteRestored { prerequisite: LicenceId },
	/// The issuing agency confirmed it on the holder's current licences.
	PrerequisitesConfirmed,
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

/// An issued licence. No personal data: the number and the document are salted hashes.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
#[scale_info(skip_type_params(MaxPrereqs, MaxHistory))]
pub struct Licence<MaxPrereqs: Get<u32>, MaxHistory: Get<u32>> {
	/// Its type.
	pub licence_type: LicenceTypeId,
	/// The holder's licences alias.
	pub holder: Alias,
	/// Salted hash of the licence number printed on it (the number itself stays off chain).
	pub number: H256,
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
	/// The holder's licences it was issued on, one per licence prerequisite of its type.
	pub on: BoundedVec<LicenceId, MaxPrereqs>,
	/// The relations it was issued on (one per relation prerequisite of its type): it is valid
	/// only while they hold.
	pub relations: BoundedVec<(RelationId, RelationKind), ConstU32<MAX_RELATION_PROOFS>>,
	/// Those of `on` that lapsed since (revoked, suspended or expired): while any has, the
	/// licence is not valid, until the prerequisite is back in force or the issuing agency
	/// confirms the licence on other prerequisites.
	pub lapsed: BoundedVec<LicenceId, MaxPrereqs>,
	/// Its most recent changes, oldest first.
	pub history: BoundedVec<HistoryEntry, MaxHistory>,
}

impl<P: Get<u32>, H: Get<u32>> Licence<P, H> {
	/// Whether the licence is in force at `now`, its prerequisites too as far as it knows.
	pub fn is_valid_at(&self, now: Moment) -> bool {
		self.status == LicenceStatus::Active
			&& self.valid_from <= now
			&& now < self.valid_until
			&& self.lapsed.is_empty()
	}
}

/// Most relation proofs one licence's prerequisites take: one per relation kind.
pub const MAX_RELATION_PROOFS: u32 = 4;

/// A proof that the holder is an end of a relation: the signature of that end's key (which the
/// attester set with `Identity.set_end_keys` and handed to the person) over
/// [`civitas_primitives::relation_end_message`] (the relation and the holder's alias).
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct RelationProof {
	/// The relation.
	pub relation: RelationId,
	/// The end key's signature.
	pub signature: sr25519::Signature,
}

/// The proofs of the holder's `HasRelation` prerequisites. Each shows, in the call's block,
/// that the holder's licences alias is an end of that relation; the other end stays unknown.
pub type RelationProofs = BoundedVec<RelationProof, ConstU32<MAX_RELATION_PROOFS>>;

/// One licence of a batch.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct IssueRequest {
	/// The holder's licences alias.
	pub holder: Alias,
	/// Salted hash of the licence number.
	pub number: H256,
	/// Salted hash of the document.
	pub document: H256,
	/// Proofs of the holder's `HasRelation` prerequisites (empty if the type has none).
	pub relations: RelationProofs,
}
