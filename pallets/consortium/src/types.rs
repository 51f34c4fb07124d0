//! Types of the consortium pallet.

use civitas_primitives::{AgencyId, AgencyKind, Capability, CityCode, SubjectKind};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, BoundedVec};
use scale_info::TypeInfo;

/// Index of a proposal, assigned in order.
pub type ProposalIndex = u32;

/// The role of a staff account within its agency.
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
pub enum Role {
	/// Votes for the agency, manages its staff, and acts as an officer.
	Admin,
	/// Acts for the agency within its capabilities.
	Officer,
}

/// Why an account may transact.
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
pub enum Admission {
	/// Staff of a member agency.
	Staff {
		/// The agency.
		agency: AgencyId,
		/// Admin or officer.
		role: Role,
	},
	/// A citizen's or company's account, enrolled by an agency holding `RegisterPersons`.
	Enrolled {
		/// The enrolling agency.
		by: AgencyId,
		/// Citizen or company.
		kind: SubjectKind,
	},
	/// The account a person's domain alias acts through (`pallet-civitas-aliases`): admitted
	/// by a ring-VRF proof, not by an agency, so it names none (`docs/privacy.md`).
	Alias {
		/// Natural or legal person (the kind of the alias's ring).
		kind: SubjectKind,
	},
}

impl Admission {
	/// The agency, when this is a staff account.
	pub fn staff_agency(&self) -> Option<AgencyId> {
		match self {
			Admission::Staff { agency, .. } => Some(*agency),
			Admission::Enrolled { .. } | Admission::Alias { .. } => None,
		}
	}
}

/// A member agency.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
#[scale_info(skip_type_params(MaxName, MaxCaps))]
pub struct AgencyInfo<MaxName: Get<u32>, MaxCaps: Get<u32>> {
	/// Public name of the agency (UTF-8).
	pub name: BoundedVec<u8, MaxName>,
	/// What kind of public body it is.
	pub kind: AgencyKind,
	/// The city it serves.
	pub city: CityCode,
	/// Its capabilities, sorted, without duplicates.
	pub capabilities: BoundedVec<Capability, MaxCaps>,
	/// Number of staff accounts (admins included).
	pub staff: u32,
	/// Number of admins among the staff (at least one).
	pub admins: u32,
}

/// A proposal put to the vote of the member agencies.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
#[scale_info(skip_type_params(MaxCall, MaxVotes))]
pub struct Proposal<AccountId, BlockNumber, Hash, MaxCall: Get<u32>, MaxVotes: Get<u32>> {
	/// The proposing agency.
	pub agency: AgencyId,
	/// The admin who proposed it.
	pub author: AccountId,
	/// The SCALE-encoded call to dispatch with the consortium's authority when approved.
	pub call: BoundedVec<u8, MaxCall>,
	/// Hash of `call`.
	pub call_hash: Hash,
	/// Agencies in favour.
	pub ayes: BoundedVec<AgencyId, MaxVotes>,
	/// Agencies against.
	pub nays: BoundedVec<AgencyId, MaxVotes>,
	/// Last block at which votes are accepted.
	pub end: BlockNumber,
}

/// What an account has had included in one window of blocks.
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
	Default,
	Debug,
)]
pub struct QuotaUsage {
	/// Index of the window (block number divided by the window length).
	pub window: u32,
	/// Transactions included in that window.
	pub used: u32,
	/// Their encoded length, in bytes.
	pub bytes: u32,
	/// Their weight (computation time, `ref_time`), as actually used.
	pub weight: u64,
}

/// What an account may have included per window of blocks: each of the three bounds holds.
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
	Default,
	Debug,
)]
pub struct QuotaLimit {
	/// Transactions.
	pub transactions: u32,
	/// Encoded bytes of those transactions (what they add to the chain's history forever).
	pub bytes: u32,
	/// Weight (`ref_time`) of those transactions, before refunds.
	pub weight: u64,
}

/// A change of an agency's admins, which a second admin of the agency must confirm.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum AdminChange<AccountId> {
	/// Make this account an admin of the agency.
	Add(AccountId),
	/// Remove this admin from the agency's staff.
	Remove(AccountId),
}

/// A pending admin change, awaiting a second admin.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct PendingAdminChange<AccountId, BlockNumber> {
	/// The change.
	pub change: AdminChange<AccountId>,
	/// The admin who asked for it.
	pub proposer: AccountId,
	/// The last block at which it may be confirmed.
	pub expires: BlockNumber,
}

/// An agency as seeded in the genesis configuration.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GenesisAgency<AccountId> {
	/// Public name.
	pub name: alloc::string::String,
	/// Kind of public body.
	pub kind: AgencyKind,
	/// City code.
	pub city: CityCode,
	/// Admin accounts (at least one).
	pub admins: alloc::vec::Vec<AccountId>,
	/// Capabilities.
	pub capabilities: alloc::vec::Vec<Capability>,
}
