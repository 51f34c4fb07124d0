//! Types of the invoices pallet.

use civitas_primitives::{AgencyId, Alias, Moment};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::Get, BoundedVec};
use scale_info::TypeInfo;
use sp_core::{sr25519, H256};

/// An amount in minor units (cents) of the settlement unit.
pub type Amount = u128;
/// An invoice or credit-note number, unique per taxpayer (invoice code and number, as one
/// integer).
pub type InvoiceNumber = u64;
/// A tax rate, in basis points (1 300 is 13 %).
pub type RateBps = u16;
pub use civitas_primitives::Month;
/// Identifier of a fine bill, assigned in order.
pub type BillId = u64;

/// Basis points in one.
pub const BPS: u128 = 10_000;

/// A fine's claim key: a fresh sr25519 public key the issuing agency makes for one bill and
/// whose secret it hands the fined person with the notice. The person claims the bill into its
/// fines alias with a signature of this key (see [`fine_claim_message`]).
pub type ClaimKey = sr25519::Public;
/// A claim key's signature.
pub type ClaimSignature = sr25519::Signature;

/// What the claim key of bill `bill` signs to claim it into `alias`: the domain tag, the bill
/// and the alias (so that a signature seen in the pool claims for that alias only).
pub fn fine_claim_message(bill: BillId, alias: &Alias) -> alloc::vec::Vec<u8> {
	(b"civitas/fine-claim", bill, alias).encode()
}

/// A taxpayer (its invoices alias) registered by a tax bureau.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Taxpayer {
	/// The registering agency (holding `IssueInvoices`): the only bureau that changes,
	/// suspends or reinstates it, and whose rates its invoices use.
	pub registered_by: AgencyId,
	/// Most invoices (credit notes included) it may issue in one month.
	pub monthly_quota: u32,
	/// Most one invoice may amount to (before tax).
	pub ceiling: Amount,
	/// Whether it may issue now.
	pub suspended: bool,
}

/// Who bought.
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
pub enum Buyer {
	/// A person's invoices alias (its wallet shows it at the counter): it receives the invoice
	/// and may have it reimbursed.
	Alias(Alias),
	/// An unregistered buyer: a salted hash of its tax id. Such an invoice cannot be received
	/// nor reimbursed on chain.
	Unregistered(H256),
}

/// Where an invoice is in its life.
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
pub enum InvoiceStatus {
	/// Issued; the buyer has not accepted it yet.
	Issued,
	/// Accepted by the buyer: it may be reimbursed.
	Received,
	/// Withdrawn by the seller before it was received.
	Voided,
}

/// Who reimburses.
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
pub enum Claimant {
	/// An agency (a social-insurance fund, a public employer), under the buyer's consent with
	/// scope `Invoices`.
	Agency(AgencyId),
	/// A company (an employer, an insurer), by its invoices alias, that the buyer authorised.
	Company(Alias),
}

/// An invoice.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
#[scale_info(skip_type_params(MaxClaims))]
pub struct Invoice<MaxClaims: Get<u32>> {
	/// The buyer.
	pub buyer: Buyer,
	/// Amount before tax, in minor units.
	pub amount: Amount,
	/// Tax, in minor units.
	pub tax: Amount,
	/// The tax rate, from the bureau's list.
	pub rate: RateBps,
	/// Salted hash of the line items (kept off chain).
	pub items: H256,
	/// When it was issued (ms since the Unix epoch).
	pub issued_at: Moment,
	/// The month it counts in.
	pub month: Month,
	/// Where it is in its life.
	pub status: InvoiceStatus,
	/// Reduced by accepted credit notes, in total (before tax).
	pub credited: Amount,
	/// Tax given back by accepted credit notes, in total.
	pub credited_tax: Amount,
	/// Reimbursed, in total.
	pub claimed: Amount,
	/// The reimbursements, one per claimant (a claimant's later claims add to its entry).
	pub claims: BoundedVec<(Claimant, Amount), MaxClaims>,
}

impl<M: Get<u32>> Invoice<M> {
	/// The amount net of accepted credit notes.
	pub fn net(&self) -> Amount {
		self.amount.saturating_sub(self.credited)
	}

	/// What may still be reimbursed.
	pub fn remaining(&self) -> Amount {
		self.net().saturating_sub(self.claimed)
	}
}

/// A credit note (red invoice): reduces an invoice of the same seller.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct CreditNote {
	/// The invoice it reduces (same seller).
	pub invoice: InvoiceNumber,
	/// By how much, before tax.
	pub amount: Amount,
	/// The tax it gives back.
	pub tax: Amount,
	/// When it was issued (ms since the Unix epoch).
	pub issued_at: Moment,
	/// The month it counts in.
	pub month: Month,
	/// Whether it is in force: at once for an invoice not yet received, else once the buyer
	/// accepts it.
	pub accepted: bool,
}

/// What an invoice or credit note to issue says.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct InvoiceRequest {
	/// Its number, unique for the seller.
	pub number: InvoiceNumber,
	/// The buyer.
	pub buyer: Buyer,
	/// Amount before tax.
	pub amount: Amount,
	/// Tax.
	pub tax: Amount,
	/// Tax rate.
	pub rate: RateBps,
	/// Salted hash of the line items.
	pub items: H256,
}

/// A taxpayer's totals for one month, kept as its invoices change.
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
pub struct MonthTotals {
	/// Invoices and credit notes issued (voided ones included): what the quota counts.
	pub documents: u32,
	/// Amount of the live (not voided) invoices issued in the month, before tax.
	pub issued: Amount,
	/// Amount of the credit notes in force issued in the month.
	pub credited: Amount,
	/// Tax of the live invoices, less the tax of the credit notes in force, of the month.
	pub tax: Amount,
}

/// Where a fine bill is in its life.
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
pub enum BillStatus {
	/// Due, not paid.
	Open,
	/// Under appeal since `since` (ms): no surcharge accrues.
	Appealed {
		/// When the appeal was lodged.
		since: Moment,
	},
	/// Paid (see the receipt).
	Paid,
	/// Cancelled on appeal (refunded if it had been paid).
	Cancelled,
}

/// The receipt of a paid fine.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Receipt<AccountId, BlockNumber> {
	/// The paying account (the holder's alias account then); a refund goes to the holder's
	/// alias account current when refunded, to this one only if the alias has none.
	pub payer: AccountId,
	/// The treasury agency it was paid into (a refund comes from its account).
	pub treasury: AgencyId,
	/// The fine paid.
	pub fine: Amount,
	/// The late-payment surcharge paid.
	pub surcharge: Amount,
	/// When (ms since the Unix epoch).
	pub at: Moment,
	/// In which block.
	pub block: BlockNumber,
	/// Whether it was refunded (the bill cancelled on appeal).
	pub refunded: bool,
}

/// A traffic-fine bill.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Bill<AccountId, BlockNumber> {
	/// The key that claims the bill (its secret is with the fined person).
	pub claim_key: ClaimKey,
	/// The fined person's fines alias, once it claimed the bill.
	pub holder: Option<Alias>,
	/// The issuing agency (holding `IssueFines`).
	pub issuer: AgencyId,
	/// Violation code of the traffic code.
	pub violation: u32,
	/// The fine, in minor units.
	pub amount: Amount,
	/// Salted hash of the evidence (photos, report), kept off chain.
	pub evidence: H256,
	/// Place code (road section).
	pub place: u32,
	/// Pay by this time (ms since the Unix epoch); a surcharge accrues after it.
	pub due: Moment,
	/// Where it is in its life.
	pub status: BillStatus,
	/// The receipt, once paid.
	pub receipt: Option<Receipt<AccountId, BlockNumber>>,
	/// Whether an appeal was lodged already (one per bill).
	pub appealed: bool,
}
