//! Types of the provident-fund pallet.

use civitas_primitives::{AgencyId, Alias, CityCode, Moment};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::pallet_prelude::*;
use scale_info::TypeInfo;

pub use civitas_primitives::Month;

/// An amount of the settlement unit, in minor units.
pub type Amount = u128;
/// A contribution rate, in basis points (500 is 5 %).
pub type RateBps = u16;
/// Identifier of a fund account, assigned in order.
pub type FundAccountId = u64;

/// Basis points in one.
pub const BPS: u128 = 10_000;

/// A centre's rules, set by consortium vote: the bounds of each side's contribution rate and
/// the monthly base ceiling.
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
	Default,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct Rules {
	/// Lowest rate of each side.
	pub min_rate: RateBps,
	/// Highest rate of each side.
	pub max_rate: RateBps,
	/// The highest monthly base wage contributions are computed on; a higher base counts as
	/// the ceiling.
	pub base_ceiling: Amount,
}

/// A city's fund centre.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Centre {
	/// Its city.
	pub city: CityCode,
	/// Its rules.
	pub rules: Rules,
}

/// What a centre holds and has moved, in minor units.
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
	Default,
)]
pub struct CentreTotals {
	/// The sum of its accounts' balances (held on the persons' fund accounts).
	pub held: Amount,
	/// Contributions paid into its accounts.
	pub contributed: Amount,
	/// Withdrawals paid out of its accounts.
	pub withdrawn: Amount,
	/// Balances that arrived from other centres' accounts.
	pub transferred_in: Amount,
	/// Balances that left for other centres' accounts.
	pub transferred_out: Amount,
	/// Contributions a centre reversed (paid back to their payers) out of its accounts.
	pub reversed: Amount,
	/// Its accounts, open or not.
	pub accounts: u32,
}

/// The state of a fund account.
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
pub enum AccountStatus {
	/// Receives contributions.
	Open,
	/// Employment ended: keeps its balance, receives nothing.
	Sealed,
	/// Its balance and history moved to another centre's account.
	TransferredOut {
		/// The account they moved to.
		to: FundAccountId,
	},
	/// Closed on retirement: empty for good.
	Closed,
}

impl AccountStatus {
	/// Open or sealed: it holds money that may move or be withdrawn.
	pub fn is_active(&self) -> bool {
		matches!(self, AccountStatus::Open | AccountStatus::Sealed)
	}
}

/// A person's account at a centre, under the person's fund alias.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct FundAccount {
	/// The fund alias of the account's person.
	pub holder: Alias,
	/// The centre that keeps it.
	pub centre: AgencyId,
	/// Its state.
	pub status: AccountStatus,
	/// What it holds.
	pub balance: Amount,
	/// Contributions paid into it in all, those brought by transfers included.
	pub contributed: Amount,
	/// Months paid for, those brought by transfers included.
	pub months: u32,
	/// The account whose balance and history it took over last, if any.
	pub from: Option<FundAccountId>,
}

/// An employee's employment, as its employer declared it at a centre.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Employment {
	/// The centre the employer declared it at.
	pub centre: AgencyId,
	/// The first month it covers.
	pub from: Month,
	/// The last month it covers, once it ended.
	pub until: Option<Month>,
	/// The worker accepted it: only then may the employer contribute for it.
	pub accepted: bool,
}

/// One employee's line of a monthly contribution.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct ContributionLine {
	/// The employee's fund alias.
	pub employee: Alias,
	/// The month's base wage (capped at the centre's ceiling).
	pub base: Amount,
	/// The employee's rate (withheld from the wage by the employer).
	pub employee_rate: RateBps,
	/// The employer's rate.
	pub employer_rate: RateBps,
}

impl ContributionLine {
	/// The two parts of the contribution under `rules`: each is the capped base times its
	/// rate in basis points, divided by 10 000 and rounded down (to the minor unit below), so
	/// that a contribution is never more than the rate says.
	pub fn parts(&self, rules: &Rules) -> (Amount, Amount) {
		let base = self.base.min(rules.base_ceiling);
		let part = |rate: RateBps| base.saturating_mul(u128::from(rate)) / BPS;
		(part(self.employee_rate), part(self.employer_rate))
	}
}

/// A month's contribution into a person's account.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Contribution<AccountId> {
	/// The account it was paid into.
	pub account: FundAccountId,
	/// The paying employer's fund alias.
	pub employer: Alias,
	/// The account that paid it (the employer's alias account then), which a reversal pays
	/// back.
	pub payer: AccountId,
	/// The employee's part.
	pub employee_part: Amount,
	/// The employer's part.
	pub employer_part: Amount,
	/// When it was paid (ms since the Unix epoch).
	pub paid_at: Moment,
}

/// A request to move a person's account to another centre.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct TransferRequest {
	/// The account to move.
	pub from: FundAccountId,
	/// The centre it moves to.
	pub to: AgencyId,
	/// When the old centre must answer by (ms since the Unix epoch).
	pub deadline: Moment,
	/// The old centre let the deadline pass: the consortium may force it.
	pub escalated: bool,
}

/// Why a withdrawal is made.
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
pub enum WithdrawalPurpose {
	/// Buying a home.
	HomePurchase,
	/// Paying rent.
	Rent,
	/// Retirement: takes the whole balance and closes the account.
	Retirement,
	/// Leaving the country.
	LeavingCountry,
}
