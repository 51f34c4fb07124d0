//! Types of the identity pallet.

use civitas_primitives::{AgencyId, Moment, Purpose, Scope, SubjectKind};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, BoundedVec};
use scale_info::TypeInfo;
use sp_core::H256;

pub use civitas_primitives::RelationId;

/// The civil status of a person.
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
pub enum PersonStatus {
	/// Alive (natural person) or operating (legal person).
	Active,
	/// A natural person who died.
	Deceased,
	/// A legal person that was dissolved.
	Dissolved,
	/// A natural person who emigrated.
	Emigrated,
	/// Erased on a lawful request: only this tombstone and the access log remain.
	Erased,
}

/// A registered person (natural or legal). No personal data: the record itself is off chain,
/// with the registering agency; `commitment` is a salted hash of it.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
#[scale_info(skip_type_params(MaxControllers))]
pub struct PersonRecord<AccountId, MaxControllers: Get<u32>> {
	/// Natural or legal person.
	pub kind: SubjectKind,
	/// Civil status.
	pub status: PersonStatus,
	/// A minor: consent may be given by a parent or guardian.
	pub minor: bool,
	/// The registering agency.
	pub registrar: AgencyId,
	/// Salted hash (salt of at least 128 bits) of the off-chain record; none once erased.
	pub commitment: Option<H256>,
	/// Accounts that act for the person (at least one, unless erased).
	pub controllers: BoundedVec<AccountId, MaxControllers>,
}

/// What anyone may know of a registered person.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct PublicPerson {
	/// Natural or legal person.
	pub kind: SubjectKind,
	/// Civil status.
	pub status: PersonStatus,
	/// The registering agency.
	pub registrar: AgencyId,
}

pub use civitas_primitives::RelationKind;

/// An active attested relation, read "the person of `from` is the `kind` of the person of
/// `to`". It names no person: `from` and `to` are the tags of its ends
/// ([`civitas_primitives::relation_tag`]), which only a person holding the end's salt (the
/// person, a minor's custodians) and the attester can tie to a person id. A revoked relation
/// leaves the state: its history is in the events, and with the attesting agency.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Relation {
	/// What the first person is of the second.
	pub kind: RelationKind,
	/// The tag of the first person's end.
	pub from: H256,
	/// The tag of the second person's end.
	pub to: H256,
	/// The first person has custody of the second, a minor (a parent or guardian only): it
	/// may consent for the minor. The attester clears it when custody passes to a guardian,
	/// or the custodian dies or emigrates.
	pub custody: bool,
	/// The attesting agency.
	pub attester: AgencyId,
	/// Salted hash of the evidence (the certificate) held off chain.
	pub evidence: H256,
	/// From when it holds (ms since the Unix epoch).
	pub valid_from: Moment,
	/// Until when it holds, if it ends.
	pub valid_until: Option<Moment>,
}

impl Relation {
	/// Whether the relation holds at `now`.
	pub fn holds_at(&self, now: Moment) -> bool {
		self.valid_from <= now && self.valid_until.is_none_or(|until| now < until)
	}
}

/// What a custodian shows to act for a minor: the salts of both ends of its custody relation.
/// The chain computes the tags from the caller's person and the minor, and finds the relation.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct CustodyProof {
	/// The salt of the custodian's end.
	pub custodian: H256,
	/// The salt of the minor's end.
	pub minor: H256,
}

/// Who gave a consent.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum Grantor<AccountId> {
	/// A controller of the subject itself.
	Subject(AccountId),
	/// A custodian of a minor subject, on this custody relation: the consent holds only while
	/// the relation holds with custody and the subject is a minor. The custodian is not named,
	/// so that the state does not tell who is whose parent.
	Custodian(RelationId),
	/// The subject's own account in a domain where the subject is an alias
	/// ([`civitas_primitives::Domain`]): the consent holds while the alias is live.
	Alias(civitas_primitives::Domain),
}

/// A consent of a subject to an agency over one scope.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Consent<AccountId> {
	/// The purpose the agency may read for.
	pub purpose: Purpose,
	/// Until when (exclusive, ms since the Unix epoch).
	pub until: Moment,
	/// Who granted it: a controller of the subject, or a custodian of a minor.
	pub granted_by: Grantor<AccountId>,
}

/// One traced read of a subject's data.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct AccessRecord<BlockNumber> {
	/// The reading agency.
	pub agency: AgencyId,
	/// What it read.
	pub scope: Scope,
	/// Why.
	pub purpose: Purpose,
	/// When (ms since the Unix epoch).
	pub at: Moment,
	/// In which block.
	pub block: BlockNumber,
	/// What it learnt: whether the fact held.
	pub answer: bool,
}

/// A pending recovery of a person's controlling key.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Recovery<AccountId> {
	/// The new controlling account.
	pub new: AccountId,
	/// The registering agency, which proposed it.
	pub proposed_by: AgencyId,
	/// From when a second agency may approve it (ms since the Unix epoch): until then the
	/// subject may veto it with its current key.
	pub approvable_from: Moment,
	/// When it lapses unapproved (ms since the Unix epoch).
	pub expires: Moment,
}

/// The questions an agency may ask about a person.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum Question {
	/// Is `relative` the `kind` of the subject (e.g. is A the mother of the subject)? The
	/// asking agency computes both tags from the persons' ids and the salts the subject showed
	/// it, so that the question names no person and reveals no more than the relation's tags.
	Relation {
		/// The relation, read "`relative` is the `kind` of the subject".
		kind: RelationKind,
		/// The tag of the other person's end.
		relative: H256,
		/// The tag of the subject's end.
		subject: H256,
	},
	/// Is the subject registered, active (alive), and registered by `registrar` if given?
	Status {
		/// The agency that must have registered the subject, if any.
		registrar: Option<AgencyId>,
	},
	/// Does this commitment match the subject's record?
	Commitment {
		/// The salted hash the asking agency computed from the document it was shown.
		commitment: H256,
	},
}

impl Question {
	/// The scope of consent the question needs.
	pub fn scope(&self) -> Scope {
		match self {
			Question::Relation { .. } => Scope::Relations,
			Question::Status { .. } | Question::Commitment { .. } => Scope::Identity,
		}
	}
}
