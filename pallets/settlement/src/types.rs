//! Types of the settlement pallet.

use civitas_primitives::AgencyId;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Identifier of a redemption request, assigned in order.
pub type RedemptionId = u64;

/// Where minted money goes.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum MintTarget<AccountId> {
	/// An enrolled account (a citizen's or a company's).
	Account(AccountId),
	/// The own account of a member agency (see [`crate::Pallet::agency_account`]).
	Agency(AgencyId),
}

/// What a treasury agency may mint: per call, and per UTC day. Set by consortium vote.
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
	serde::Serialize,
	serde::Deserialize,
)]
pub struct MintCeiling<Balance> {
	/// The most one mint may create.
	pub per_mint: Balance,
	/// The most all mints of one UTC day may create together.
	pub per_day: Balance,
}

/// What a treasury agency has minted on one UTC day.
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
pub struct DailyMinted<Balance> {
	/// Days since the Unix epoch (UTC).
	pub day: u32,
	/// Minted on that day.
	pub amount: Balance,
}

/// The settlement unit's running totals since genesis.
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
pub struct Totals<Balance> {
	/// Total issuance at genesis (the development endowments; zero on a production chain).
	pub genesis: Balance,
	/// Minted against fiat deposits.
	pub minted: Balance,
	/// Burned against fiat payouts.
	pub burned: Balance,
	/// Requested for redemption and not yet settled, refused or cancelled: held on the
	/// requesters' balances.
	pub pending: Balance,
}

/// A deposit reference, once used: which mint consumed it.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Deposit<AccountId, Balance, BlockNumber> {
	/// The treasury agency that minted.
	pub agency: AgencyId,
	/// The account credited.
	pub to: AccountId,
	/// The amount minted.
	pub amount: Balance,
	/// The block of the mint.
	pub at: BlockNumber,
}

/// A request to take money out of the chain (a fiat payout to the holder).
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Redemption<AccountId, Balance, BlockNumber> {
	/// The holder, whose balance holds the amount until the treasury acts.
	pub who: AccountId,
	/// The amount to pay out.
	pub amount: Balance,
	/// The block of the request.
	pub requested_at: BlockNumber,
}

/// Why a treasury refuses a redemption. A code, never free text: nothing personal on chain.
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
pub enum RefusalReason {
	/// The holder has no payout account on file, or it is invalid.
	NoPayoutAccount,
	/// A compliance check (anti-money-laundering) holds the payout back.
	ComplianceCheck,
	/// A court order forbids paying the holder out.
	CourtOrder,
	/// Another reason, a code of the treasury's catalogue.
	Other(u16),
}
