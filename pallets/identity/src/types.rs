//! Types of the identity pallet.

use civitas_primitives::{AgencyId, Moment, Purpose, Scope, SubjectKind};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, BoundedVec};
use scale_info::TypeInfo;
use sp_core::{sr25519, H256};

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
	/// The first person has custody of the second, a minor (a parent or guardian only), which
	/// the `Relation` question answers. The attester clears it when custody passes to a guardian,
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

/// A consent of a subject (a domain alias) to an agency over one scope of the alias's domain.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Consent {
	/// The purpose the agency may read for.
	pub purpose: Purpose,
	/// Until when (exclusive, ms since the Unix epoch).
	pub until: Moment,
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

/// The questions an agency may ask about a subject: the subject's identity alias, which the
/// person showed the agency (never its id).
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum Question {
	/// Is the subject the `kind` of the other end of `relation` (e.g. the mother of the person
	/// at the other end), with custody of it if `custody` is asked? The subject proves its end
	/// with `proof`, the signature of its end's key (which the attester set and handed over
	/// with the certificate) over [`civitas_primitives::relation_end_message`] of the relation
	/// and the subject. Who is at the other end the agency checks off chain, from the other
	/// end's tag and the salt it was shown. The question names no person id: only the
	/// relation, which ties to nobody.
	#[codec(index = 0)]
	Relation {
		/// The relation.
		relation: RelationId,
		/// What the subject must be of the other end.
		kind: RelationKind,
		/// Whether the subject must have custody of the other end (a minor).
		custody: bool,
		/// The subject's end key's signature over the relation and the subject.
		proof: sr25519::Signature,
	},
	/// Does the subject's alias stand for a registered, active person (natural persons: of
	/// age)? It does while the alias is live; an identity consent outlives the alias, so that
	/// an agency learns when it no longer does (death, emigration, erasure).
	#[codec(index = 1)]
	Status,
}

impl Question {
	/// The scope of consent the question needs.
	pub fn scope(&self) -> Scope {
		match self {
			Question::Relation { .. } => Scope::Relations,
			Question::Status => Scope::Identity,
		}
	}
}
