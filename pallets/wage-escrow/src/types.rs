//! Types of the wage-escrow pallet.

use civitas_primitives::{AgencyId, Alias, Moment};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::pallet_prelude::*;
use scale_info::TypeInfo;
use sp_runtime::Percent;

pub use civitas_primitives::Month;

/// An amount of the settlement unit, in minor units.
pub type Amount = u128;
/// Identifier of a construction project, assigned in order.
pub type ProjectId = u32;
/// The index of a line in a payroll (errors name a line by it).
pub type LineIndex = u16;
/// A day of the chain's agenda: days since the Unix epoch (UTC).
pub type Day = u32;

/// Whether a project takes money and payrolls.
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
pub enum ProjectStatus {
	/// Under way.
	Active,
	/// Closed: every payroll paid, the unused escrow returned to the developer.
	Closed,
}

/// Where a project's money is, in minor units. `deposited` is always the sum of the other
/// seven; `escrow + reserve + paying + unclaimed` is held on the project account.
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
pub struct Books {
	/// Deposited by the developer, in all.
	pub deposited: Amount,
	/// Held and not yet allotted: what milestones are released from.
	pub escrow: Amount,
	/// Held for wages: the wage share of each milestone, and top-ups in arrears.
	pub reserve: Amount,
	/// Held for the payrolls being paid (set aside from the reserve when a payment starts).
	pub paying: Amount,
	/// Held for wages that could not be paid on pay day (the worker's wages alias had no live
	/// account): each stays its worker's until the worker claims it.
	pub unclaimed: Amount,
	/// Paid to the contractor by milestone releases.
	pub released: Amount,
	/// Paid to workers.
	pub paid: Amount,
	/// Returned to the developer on closure.
	pub refunded: Amount,
	/// Milestones released, gross (contractor's part and wage share): at most the budget.
	pub milestones: Amount,
}

/// A construction project under a bureau's supervision.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Project {
	/// The bureau (holding `SuperviseConstruction`) that registered and supervises it.
	pub bureau: AgencyId,
	/// The developer's wages alias (a legal person's): it deposits from its alias account, and
	/// the refund goes to the alias account current at closure.
	pub developer: Alias,
	/// The general contractor's wages alias (a legal person's): it keeps the roster and submits
	/// payrolls; milestones go to the alias account current at release.
	pub contractor: Alias,
	/// The budget: milestones released, gross, never exceed it.
	pub budget: Amount,
	/// The share of each milestone release kept back in the wage reserve.
	pub wage_share: Percent,
	/// The day of the month (1 to 28) on which the previous month's payroll falls due.
	pub pay_day: u8,
	/// Active or closed.
	pub status: ProjectStatus,
	/// Places on the roster (offered or accepted).
	pub workers: u32,
	/// Payrolls submitted and not yet paid in full.
	pub unpaid: u32,
	/// Where its money is.
	pub books: Books,
}

/// Where a payroll stands.
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
pub enum PayrollStatus {
	/// Submitted: workers may dispute their lines until the review ends; the bureau approves or
	/// rejects it, or it is approved by itself when the review ends undisputed.
	Submitted,
	/// Approved (`auto`: by the review ending undisputed); paid on its due date.
	Approved { auto: bool },
	/// Its total is set aside from the reserve; its lines are being paid, in order.
	Paying,
	/// Every line paid.
	Paid,
}

/// A month's payroll of a project.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Payroll {
	/// Where it stands.
	pub status: PayrollStatus,
	/// How many lines it has (stored in `PayLines`, indexed from 0).
	pub lines: LineIndex,
	/// The sum of its lines.
	pub total: Amount,
	/// The next line to pay: lines before it are settled, lines from it on are not.
	pub next: LineIndex,
	/// What its settled lines came to (paid, or returned to the reserve when a payment failed).
	pub settled: Amount,
	/// How many lines workers dispute.
	pub disputes: LineIndex,
	/// When the review ends.
	pub review_until: Moment,
	/// When it falls due: the project's pay day of the month after.
	pub due: Moment,
}

/// One worker's line in a payroll.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct PayLine {
	/// The worker's wages alias (a natural person's, with an accepted place on the roster):
	/// the wage goes to its alias account current on pay day.
	pub worker: Alias,
	/// Days worked in the month.
	pub days: u8,
	/// The wage.
	pub amount: Amount,
	/// The worker disputes it.
	pub disputed: bool,
	/// Its payment failed (the worker's alias had no live account on pay day): the wage is
	/// held as unclaimed until the worker claims it; cleared once claimed.
	pub failed: bool,
}

/// A line of a submitted payroll, as the contractor writes it.
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
pub struct PayrollLine {
	/// The worker's wages alias, with an accepted place on the project's roster.
	pub worker: Alias,
	/// Days worked in the month (1 to 31).
	pub days: u8,
	/// The wage, in minor units (at least the existential deposit).
	pub amount: Amount,
}

/// A wage paid to a worker.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct WagePayment<AccountId> {
	/// The amount.
	pub amount: Amount,
	/// The alias account it went to (the worker's, current when paid).
	pub account: AccountId,
	/// When (ms).
	pub paid_at: Moment,
}

/// A worker's place on a project's roster.
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
pub enum Place {
	/// The contractor offered it: the worker has not accepted it yet, and no payroll names it.
	Offered,
	/// The worker accepted it (its alias account signed): payrolls may name it, and it counts
	/// towards the worker's `MaxProjectsPerWorker`.
	Accepted,
}

/// A project in arrears: its payrolls that fell due and the reserve could not cover.
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
pub struct Arrears {
	/// The earliest month owed.
	pub since: Month,
	/// What the parked payrolls come to; the shortfall is this less the reserve.
	pub owed: Amount,
}

/// A project's escrow status, as the `project` view function answers it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct EscrowStatus {
	/// Active or closed.
	pub status: ProjectStatus,
	/// The bureau.
	pub bureau: AgencyId,
	/// The budget.
	pub budget: Amount,
	/// Where the money is.
	pub books: Books,
	/// Places on the roster (offered or accepted).
	pub workers: u32,
	/// Payrolls not yet paid in full.
	pub unpaid: u32,
	/// The arrears, if any: earliest month owed and shortfall.
	pub arrears: Option<(Month, Amount)>,
}
