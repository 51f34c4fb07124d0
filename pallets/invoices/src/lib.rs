//! # Invoices pallet
//!
//! E-invoices that can never be reimbursed twice, and traffic-fine bills paid in the
//! settlement unit.
//!
//! ## Terminology
//! - **Aliases**: persons act here under their **invoices alias** (buyers, sellers, payers)
//!   and their **fines alias** (fined persons), each signed by the alias's account
//!   (`docs/privacy.md`): nothing here names a person id or an account the identity registry
//!   ties to a person.
//! - **Tax bureau**: an agency holding `IssueInvoices`. It keeps its own list of tax rates and
//!   registers **taxpayers** (the invoices aliases their owners show it) with a monthly quota
//!   of documents and a ceiling per invoice; it alone changes, suspends and reinstates the
//!   taxpayers it registered, and their invoices use its rates (another city's bureau can
//!   neither suspend them nor empty their rates).
//! - **Invoice**: issued by a taxpayer's alias account to a **buyer** (the invoices alias its
//!   wallet shows at the counter, or the salted hash of an unregistered buyer's tax id),
//!   numbered uniquely per taxpayer, with
//!   its amount and tax in minor units at a rate of the bureau's list (the tax must equal
//!   amount × rate within one minor unit) and a salted hash of its line items. Lifecycle:
//!   issued → received (the buyer accepts it) → reimbursed, wholly or in parts; the seller
//!   voids it before it is received.
//! - **Credit note** (red invoice): reduces an invoice of the same seller, never below what
//!   has been reimbursed; in force at once for an invoice not yet received, else once the
//!   buyer accepts it. Credit notes share the taxpayer's number space with invoices. An
//!   invoice a credit note reduced cannot be voided (the month's tax would lose the credit
//!   twice); a credit note awaiting the buyer may be withdrawn by the seller, so that one the
//!   buyer never accepts does not block the next.
//! - **Claim**: a reimbursement of a received invoice by an organisation the buyer named: an
//!   agency under the buyer's consent with scope `Invoices` (for the claim's purpose), or a
//!   company's alias the buyer authorised ([`Pallet::authorise_payer`]), signed by the
//!   company's alias account. **The claims on one invoice
//!   never add up to more than its amount net of credit notes**, whoever claims, in whatever
//!   order; a claim on a fully reimbursed invoice fails with `FullyReimbursed`.
//! - **Fine bill**: issued by an agency holding `IssueFines` for a **claim key** (a fresh
//!   public key whose secret it hands the fined person with the notice; the chain never sees
//!   the person): violation code, amount, evidence hash, place code, due date, at least
//!   `FineNotice` after it is issued (so that no fine is overdue when issued and there is
//!   always time to appeal). The person **claims** the bill into its fines alias with the claim
//!   key's signature over (bill, alias) ([`Pallet::claim_fine`]), then pays or appeals it from
//!   its alias account. It pays once; the money goes to the account of the **fine treasury**
//!   (an agency holding
//!   `MintSettlement`, named at genesis and by consortium vote: [`Pallet::set_fine_treasury`];
//!   never an agency by its index) and the receipt, which names that treasury, stays with the
//!   bill.
//!   Paid late, it carries 3 % of the fine per full day after the due date, never more than
//!   the fine itself (China's Administrative Penalty Law, art. 72). Before the due date the
//!   person may appeal once; no surcharge accrues while the appeal is open; an agency holding
//!   `DecideAppeals` upholds the bill (with a new due date) or cancels it, refunding the
//!   payment from the account of the treasury it was paid into to the holder's alias account
//!   current then (a rotated key is followed; if the alias has no live account, to the account
//!   that paid, where the person's estate is).
//! - **No unpaid fine**: an agency learns, under the holder's consent with scope `Fines` and
//!   with a trace in its access log, whether the fines alias has a claimed bill unpaid
//!   ([`Pallet::verify_fines`]): a predicate, not the bills.
//!
//! ## Who can learn what
//! The state holds aliases, claim keys, amounts and hashes, never person ids, names or line
//! items. View functions answer a bureau's monthly totals of a taxpayer (business figures, not
//! personal ones) and a claimant's check of one invoice by seller and number (its status and
//! what remains to reimburse, not its buyer).
//!
//! ## Erasure
//! Nothing here names a person id, so there is no erasure hook: an erased person's aliases end
//! (its member key leaves its ring), and its invoices and bills, records that tax and traffic
//! law require to be kept, stay under aliases that no longer act.
//!
//! ## Calls
//! - `IssueInvoices`: [`Pallet::set_rates`], [`Pallet::register_taxpayer`],
//!   [`Pallet::suspend_taxpayer`], [`Pallet::reinstate_taxpayer`].
//! - A taxpayer's alias account: [`Pallet::issue`], [`Pallet::issue_batch`], [`Pallet::void`],
//!   [`Pallet::issue_credit_note`], [`Pallet::withdraw_credit_note`].
//! - A buyer's alias account: [`Pallet::receive`], [`Pallet::accept_credit_note`],
//!   [`Pallet::authorise_payer`], [`Pallet::revoke_payer`].
//! - An agency's staff or a company's alias account: [`Pallet::claim`].
//! - `IssueFines`: [`Pallet::issue_fine`]; the fined person's fines alias account:
//!   [`Pallet::claim_fine`], [`Pallet::pay_fine`], [`Pallet::appeal_fine`]; `DecideAppeals`:
//!   [`Pallet::uphold_fine`], [`Pallet::cancel_fine`]; an agency's staff, under consent:
//!   [`Pallet::verify_fines`].

#![cfg_attr(not(feature = "std"), no_std)]
// Runtime code must never panic nor overflow silently. (`expect_used` is not denied: FRAME's
// own macros expand to `expect` on invariants they guarantee.)
#![cfg_attr(
	not(test),
	deny(
		clippy::unwrap_used,
		clippy::indexing_slicing,
		clippy::arithmetic_side_effects,
		clippy::panic
	)
)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use civitas_primitives::month_of;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use alloc::collections::BTreeMap;
use civitas_primitives::{
	AgencyAccounts, AgencyAuthority, AgencyId, Alias, Aliases, Capability, ConsentCheck, Domain,
	Moment, Purpose, Scope, SubjectKind,
};
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::Mutate, tokens::Preservation, Get, Time},
};
use frame_system::pallet_prelude::*;
use sp_core::H256;
use sp_runtime::DispatchError;

/// The invoice record of a runtime.
pub type InvoiceOf<T> = Invoice<<T as Config>::MaxClaims>;
/// The fine bill of a runtime.
pub type BillOf<T> = Bill<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;
/// A batch of invoices.
pub type BatchOf<T> = BoundedVec<InvoiceRequest, <T as Config>::MaxBatch>;

/// Milliseconds per day.
const DAY: Moment = 24 * 60 * 60 * 1000;
/// Late-payment surcharge per full day, in basis points of the fine (3 %).
const SURCHARGE_PER_DAY_BPS: u128 = 300;

#[frame_support::pallet]
pub mod pallet {
	use super::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// Which agency an origin acts for, and with which capabilities.
		type Agencies: AgencyAuthority<OriginFor<Self>, Self::AccountId>;

		/// Persons act under their invoices and fines aliases.
		type Aliases: Aliases<Self::AccountId>;

		/// Aliases' consent to agencies' claims and questions, and the access log.
		type Consent: ConsentCheck;

		/// The current time (ms since the Unix epoch).
		type Time: Time<Moment = Moment>;

		/// The settlement unit, in which fines are paid.
		type Currency: Mutate<Self::AccountId, Balance = Amount>;

		/// Agencies' own accounts.
		type AgencyAccounts: AgencyAccounts<Self::AccountId>;

		/// The consortium's authority: which treasury fines are paid into.
		type ConsortiumOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The shortest notice (ms) a fine gives: its due date is at least this long after it
		/// is issued (or after an appeal is rejected), so that no fine is overdue when issued and
		/// an appeal window always exists.
		#[pallet::constant]
		type FineNotice: Get<Moment>;

		/// Most invoices in one batch.
		#[pallet::constant]
		type MaxBatch: Get<u32>;

		/// Most tax rates in the bureau's list.
		#[pallet::constant]
		type MaxRates: Get<u32>;

		/// Most claimants of one invoice.
		#[pallet::constant]
		type MaxClaims: Get<u32>;

		/// Most companies one buyer authorises at once; bounds `Payers` per buyer.
		#[pallet::constant]
		type MaxPayers: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Agencies and persons for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: benchmarking::BenchmarkHelper<Self::AccountId>;
	}

	/// Each tax bureau's list of rates, which the invoices of the taxpayers it registered use.
	#[pallet::storage]
	pub type Rates<T: Config> =
		StorageMap<_, Twox64Concat, AgencyId, BoundedVec<RateBps, T::MaxRates>, ValueQuery>;

	/// Registered taxpayers, by invoices alias.
	#[pallet::storage]
	pub type Taxpayers<T: Config> = StorageMap<_, Blake2_128Concat, Alias, Taxpayer>;

	/// Invoices, by seller and number.
	#[pallet::storage]
	pub type Invoices<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, Alias, Twox64Concat, InvoiceNumber, InvoiceOf<T>>;

	/// Credit notes, by seller and number (the same number space as invoices).
	#[pallet::storage]
	pub type CreditNotes<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, Alias, Twox64Concat, InvoiceNumber, CreditNote>;

	/// The credit note awaiting the buyer's acceptance, by seller and invoice number.
	#[pallet::storage]
	pub type PendingCredit<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, Alias, Twox64Concat, InvoiceNumber, InvoiceNumber>;

	/// Each taxpayer's totals per month.
	#[pallet::storage]
	pub type Totals<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, Alias, Twox64Concat, Month, MonthTotals, ValueQuery>;

	/// The invoices of each buyer's alias: (seller, number).
	#[pallet::storage]
	pub type BuyerInvoices<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, Alias, Blake2_128Concat, (Alias, InvoiceNumber), ()>;

	/// Companies' aliases a buyer's alias authorised to reimburse its invoices, until when.
	#[pallet::storage]
	pub type Payers<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, Alias, Blake2_128Concat, Alias, Moment>;

	/// How many companies each buyer has authorised.
	#[pallet::storage]
	pub type PayerCount<T: Config> = StorageMap<_, Blake2_128Concat, Alias, u32, ValueQuery>;

	/// Fine bills.
	#[pallet::storage]
	pub type Bills<T: Config> = StorageMap<_, Twox64Concat, BillId, BillOf<T>>;

	/// The fine bills each fines alias claimed.
	#[pallet::storage]
	pub type BillsOf<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, Alias, Twox64Concat, BillId, ()>;

	/// How many of the bills each fines alias claimed are unpaid (open or under appeal, not
	/// paid, not cancelled): what [`Pallet::verify_fines`] answers from.
	#[pallet::storage]
	pub type UnpaidBills<T: Config> = StorageMap<_, Blake2_128Concat, Alias, u32, ValueQuery>;

	/// The id of the next fine bill.
	#[pallet::storage]
	pub type NextBillId<T: Config> = StorageValue<_, BillId, ValueQuery>;

	/// The fine treasury: the agency (holding `MintSettlement`) whose account fines are paid
	/// into, named at genesis and by consortium vote. None: fines cannot be paid yet.
	#[pallet::storage]
	pub type FineTreasury<T: Config> = StorageValue<_, AgencyId>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The fine treasury: an agency of the consortium's genesis holding `MintSettlement`.
		pub fine_treasury: Option<AgencyId>,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(agency) = self.fine_treasury {
				assert!(
					T::Agencies::has_capability(agency, Capability::MintSettlement),
					"the fine treasury must hold MintSettlement"
				);
				FineTreasury::<T>::put(agency);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A tax bureau set its list of rates.
		RatesSet { by: AgencyId, rates: BoundedVec<RateBps, T::MaxRates> },
		/// A taxpayer was registered, or its limits changed.
		TaxpayerRegistered { taxpayer: Alias, by: AgencyId, monthly_quota: u32, ceiling: Amount },
		/// A taxpayer was suspended: it cannot issue.
		TaxpayerSuspended { taxpayer: Alias, by: AgencyId },
		/// A taxpayer was reinstated.
		TaxpayerReinstated { taxpayer: Alias, by: AgencyId },
		/// An invoice was issued.
		InvoiceIssued {
			seller: Alias,
			number: InvoiceNumber,
			buyer: Buyer,
			amount: Amount,
			tax: Amount,
		},
		/// The buyer accepted an invoice.
		InvoiceReceived { seller: Alias, number: InvoiceNumber },
		/// The seller voided an invoice before it was received.
		InvoiceVoided { seller: Alias, number: InvoiceNumber },
		/// A credit note was issued; `accepted` when it is in force at once.
		CreditNoteIssued {
			seller: Alias,
			number: InvoiceNumber,
			invoice: InvoiceNumber,
			amount: Amount,
			accepted: bool,
		},
		/// The buyer accepted a credit note: it is in force.
		CreditNoteAccepted { seller: Alias, number: InvoiceNumber, invoice: InvoiceNumber },
		/// A buyer authorised a company to reimburse its invoices.
		PayerAuthorised { buyer: Alias, payer: Alias, until: Moment },
		/// A buyer withdrew a company's authorisation.
		PayerRevoked { buyer: Alias, payer: Alias },
		/// The seller withdrew a credit note that awaited the buyer; its number stays used.
		CreditNoteWithdrawn { seller: Alias, number: InvoiceNumber, invoice: InvoiceNumber },
		/// An invoice was reimbursed in part or in whole; `remaining` is what is left.
		InvoiceClaimed {
			seller: Alias,
			number: InvoiceNumber,
			claimant: Claimant,
			amount: Amount,
			remaining: Amount,
		},
		/// A fine bill was issued (for a claim key, which names nobody).
		FineIssued { bill: BillId, issuer: AgencyId, amount: Amount, due: Moment },
		/// The fined person claimed the bill into its fines alias.
		FineClaimed { bill: BillId, holder: Alias },
		/// A fine was paid into the treasury's account.
		FinePaid { bill: BillId, holder: Alias, fine: Amount, surcharge: Amount },
		/// The fined person appealed.
		FineAppealed { bill: BillId },
		/// The appeal was rejected: the bill stands, due at `due`.
		FineUpheld { bill: BillId, by: AgencyId, due: Moment },
		/// The bill was cancelled on appeal; `refunded` is what went back to the holder.
		FineCancelled { bill: BillId, by: AgencyId, refunded: Amount },
		/// An agency asked, under the holder's consent, whether a fines alias has an unpaid
		/// bill; the answer is in its access log too.
		FinesVerified { holder: Alias, agency: AgencyId, none_unpaid: bool },
		/// The consortium named the treasury fines are paid into.
		FineTreasurySet { agency: AgencyId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No fine treasury is named, or it no longer holds `MintSettlement`: fines cannot be
		/// paid until the consortium names one.
		NoFineTreasury,
		/// The agency does not hold `MintSettlement`: it cannot be the fine treasury.
		NotATreasury,
		/// The rate is not in the bureau's list.
		UnknownRate,
		/// A rate above 100 %, or a repeated rate.
		BadRates,
		/// The alias is not live in this domain (its person's ring was revised and it was not
		/// bound again, or it never was).
		UnknownAlias,
		/// The signer acts for no live alias in this domain.
		NoAlias,
		/// Another tax bureau registered this taxpayer: only it changes, suspends or
		/// reinstates it.
		NotRegistrar,
		/// The person is not a registered taxpayer.
		NotTaxpayer,
		/// The taxpayer is suspended.
		TaxpayerSuspended,
		/// The taxpayer is not suspended.
		TaxpayerNotSuspended,
		/// The taxpayer has issued its monthly quota of documents.
		MonthlyQuotaReached,
		/// The amount is above the taxpayer's ceiling per invoice.
		AboveCeiling,
		/// Zero amount.
		ZeroAmount,
		/// The tax differs from amount × rate by more than one minor unit.
		WrongTax,
		/// The taxpayer used this number already (for an invoice or a credit note).
		DuplicateNumber,
		/// A buyer that is the seller itself, or not a live invoices alias.
		BadBuyer,
		/// The batch is empty.
		EmptyBatch,
		/// No invoice of this seller has this number.
		UnknownInvoice,
		/// Only the invoice's buyer may do this.
		NotBuyer,
		/// The invoice was received already.
		AlreadyReceived,
		/// The invoice was not received: it cannot be reimbursed yet.
		NotReceived,
		/// The invoice was voided.
		Voided,
		/// The invoice has a credit note awaiting the buyer already.
		CreditPending,
		/// A credit note reduced the invoice: it cannot be voided (credit the rest instead).
		CreditInForce,
		/// No credit note awaits the buyer under this number.
		UnknownCreditNote,
		/// The credit note would bring the invoice below what has been reimbursed (or below
		/// zero).
		BelowReimbursed,
		/// The invoice has been reimbursed in full: nothing remains to claim.
		FullyReimbursed,
		/// The claim is above what remains to reimburse (see the `invoice` view function).
		AboveRemaining,
		/// The claimant is neither an agency with the buyer's consent nor a company the buyer
		/// authorised.
		NotAuthorised,
		/// The invoice has `MaxClaims` claimants already.
		TooManyClaimants,
		/// The payer must be a live company alias other than the buyer.
		BadPayer,
		/// The buyer has authorised `MaxPayers` companies already.
		TooManyPayers,
		/// The company is not authorised by this buyer.
		UnknownPayer,
		/// The authorisation ends in the past.
		BadPeriod,
		/// No fine bill has this id.
		UnknownBill,
		/// Only the alias that claimed the bill may do this.
		NotFined,
		/// The bill was claimed already.
		AlreadyClaimed,
		/// The signature is not the bill's claim key's over (bill, alias).
		BadClaimSignature,
		/// The bill was not claimed yet: its holder claims it first.
		NotClaimed,
		/// The alias has no consent for the asking agency over `Fines` for this purpose.
		NoConsent,
		/// The bill is paid already.
		AlreadyPaid,
		/// The bill is under appeal: it cannot be paid until the appeal is decided.
		UnderAppeal,
		/// The bill is not under appeal.
		NotUnderAppeal,
		/// The due date has passed: an appeal comes too late.
		PastDue,
		/// The bill was appealed once already.
		AlreadyAppealed,
		/// The bill was cancelled.
		Cancelled,
		/// The payer's balance does not cover the fine and surcharge.
		InsufficientBalance,
		/// The treasury's account cannot cover the refund now.
		RefundUnavailable,
		/// A fine's due date less than `FineNotice` from now (issued or upheld).
		BadDueDate,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Sets the caller's bureau's list of tax rates (basis points, at most 10 000 each, no
		/// repeats), which the invoices of the taxpayers it registered use.
		///
		/// ## Errors
		/// `BadRates`; the consortium's `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `RatesSet`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_rates())]
		pub fn set_rates(
			origin: OriginFor<T>,
			rates: BoundedVec<RateBps, T::MaxRates>,
		) -> DispatchResult {
			let (_, by) = T::Agencies::ensure_capability(origin, Capability::IssueInvoices)?;
			let mut sorted = rates.clone().into_inner();
			sorted.sort_unstable();
			sorted.dedup();
			ensure!(
				sorted.len() == rates.len() && rates.iter().all(|r| u128::from(*r) <= BPS),
				Error::<T>::BadRates
			);
			Rates::<T>::insert(by, &rates);
			Self::deposit_event(Event::RatesSet { by, rates });
			Ok(())
		}

		/// Registers `taxpayer` (the invoices alias its owner showed the bureau) as a taxpayer
		/// of the caller's bureau, or changes its limits: at most `monthly_quota` invoices and
		/// credit notes a month, each invoice at most `ceiling` before tax.
		///
		/// ## Errors
		/// `UnknownAlias`, `NotRegistrar`; the consortium's `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `TaxpayerRegistered`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::register_taxpayer())]
		pub fn register_taxpayer(
			origin: OriginFor<T>,
			taxpayer: Alias,
			monthly_quota: u32,
			ceiling: Amount,
		) -> DispatchResult {
			let (_, by) = T::Agencies::ensure_capability(origin, Capability::IssueInvoices)?;
			ensure!(
				T::Aliases::kind_of(&taxpayer, Domain::Invoices).is_some(),
				Error::<T>::UnknownAlias
			);
			let known = Taxpayers::<T>::get(taxpayer);
			ensure!(known.as_ref().is_none_or(|t| t.registered_by == by), Error::<T>::NotRegistrar);
			let suspended = known.is_some_and(|t| t.suspended);
			Taxpayers::<T>::insert(
				taxpayer,
				Taxpayer { registered_by: by, monthly_quota, ceiling, suspended },
			);
			Self::deposit_event(Event::TaxpayerRegistered { taxpayer, by, monthly_quota, ceiling });
			Ok(())
		}

		/// Suspends a taxpayer the caller's bureau registered: it issues nothing until
		/// reinstated.
		///
		/// ## Errors
		/// `NotTaxpayer`, `NotRegistrar`, `TaxpayerSuspended`; the consortium's `NotStaff`,
		/// `MissingCapability`.
		///
		/// ## Events
		/// `TaxpayerSuspended`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::suspend_taxpayer())]
		pub fn suspend_taxpayer(origin: OriginFor<T>, taxpayer: Alias) -> DispatchResult {
			let by = Self::set_suspended(origin, &taxpayer, true)?;
			Self::deposit_event(Event::TaxpayerSuspended { taxpayer, by });
			Ok(())
		}

		/// Reinstates a suspended taxpayer the caller's bureau registered.
		///
		/// ## Errors
		/// `NotTaxpayer`, `NotRegistrar`, `TaxpayerNotSuspended`; the consortium's `NotStaff`,
		/// `MissingCapability`.
		///
		/// ## Events
		/// `TaxpayerReinstated`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::reinstate_taxpayer())]
		pub fn reinstate_taxpayer(origin: OriginFor<T>, taxpayer: Alias) -> DispatchResult {
			let by = Self::set_suspended(origin, &taxpayer, false)?;
			Self::deposit_event(Event::TaxpayerReinstated { taxpayer, by });
			Ok(())
		}

		/// Issues an invoice, as the taxpayer whose alias account signs.
		///
		/// ## Errors
		/// `NoAlias`, `NotTaxpayer`, `TaxpayerSuspended`, `MonthlyQuotaReached`, `ZeroAmount`,
		/// `AboveCeiling`, `UnknownRate`, `WrongTax`, `DuplicateNumber`, `BadBuyer`.
		///
		/// ## Events
		/// `InvoiceIssued`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::issue())]
		pub fn issue(origin: OriginFor<T>, invoice: InvoiceRequest) -> DispatchResult {
			let (seller, taxpayer) = Self::taxpayer_of(origin)?;
			Self::do_issue(&seller, &taxpayer, &Rates::<T>::get(taxpayer.registered_by), invoice)
		}

		/// Issues up to `MaxBatch` invoices at once, all or nothing.
		///
		/// ## Errors
		/// `EmptyBatch`, and those of [`Pallet::issue`] for the first invoice that fails.
		///
		/// ## Events
		/// `InvoiceIssued` for each.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::issue_batch(invoices.len() as u32))]
		pub fn issue_batch(origin: OriginFor<T>, invoices: BatchOf<T>) -> DispatchResult {
			let (seller, taxpayer) = Self::taxpayer_of(origin)?;
			ensure!(!invoices.is_empty(), Error::<T>::EmptyBatch);
			let rates = Rates::<T>::get(taxpayer.registered_by);
			// A failing invoice fails the call, and the call's storage changes are reverted.
			for invoice in invoices {
				Self::do_issue(&seller, &taxpayer, &rates, invoice)?;
			}
			Ok(())
		}

		/// Accepts an invoice, as its buyer (the buyer's alias account signs): it may then be
		/// reimbursed.
		///
		/// ## Errors
		/// `NoAlias`, `UnknownInvoice`, `NotBuyer`, `AlreadyReceived`, `Voided`.
		///
		/// ## Events
		/// `InvoiceReceived`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::receive())]
		pub fn receive(
			origin: OriginFor<T>,
			seller: Alias,
			number: InvoiceNumber,
		) -> DispatchResult {
			let who = Self::ensure_alias(origin, Domain::Invoices)?;
			Invoices::<T>::try_mutate(seller, number, |i| {
				let i = i.as_mut().ok_or(Error::<T>::UnknownInvoice)?;
				Self::ensure_buyer(&who, i)?;
				match i.status {
					InvoiceStatus::Issued => i.status = InvoiceStatus::Received,
					InvoiceStatus::Received => return Err(Error::<T>::AlreadyReceived.into()),
					InvoiceStatus::Voided => return Err(Error::<T>::Voided.into()),
				}
				Ok::<_, DispatchError>(())
			})?;
			Self::deposit_event(Event::InvoiceReceived { seller, number });
			Ok(())
		}

		/// Voids an invoice, as its seller, before the buyer received it and while no credit
		/// note reduced it. Its number stays used; it leaves the month's totals (not the quota
		/// count).
		///
		/// ## Errors
		/// `NoAlias`, `UnknownInvoice`, `AlreadyReceived`, `Voided`, `CreditInForce`.
		///
		/// ## Events
		/// `InvoiceVoided`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::void())]
		pub fn void(origin: OriginFor<T>, number: InvoiceNumber) -> DispatchResult {
			let seller = Self::ensure_alias(origin, Domain::Invoices)?;
			let mut i = Invoices::<T>::get(seller, number).ok_or(Error::<T>::UnknownInvoice)?;
			match i.status {
				InvoiceStatus::Issued => {},
				InvoiceStatus::Received => return Err(Error::<T>::AlreadyReceived.into()),
				InvoiceStatus::Voided => return Err(Error::<T>::Voided.into()),
			}
			// A credit note in force took its part off its own month already: voiding the whole
			// invoice would take it off twice.
			ensure!(i.credited == 0 && i.credited_tax == 0, Error::<T>::CreditInForce);
			i.status = InvoiceStatus::Voided;
			Totals::<T>::mutate(seller, i.month, |t| {
				t.issued = t.issued.saturating_sub(i.amount);
				t.tax = t.tax.saturating_sub(i.tax);
			});
			Invoices::<T>::insert(seller, number, i);
			Self::deposit_event(Event::InvoiceVoided { seller, number });
			Ok(())
		}

		/// Issues credit note `number` against the seller's invoice `invoice`, reducing it by
		/// `amount` (tax `tax`, at the invoice's rate). In force at once if the invoice was
		/// not received, else once the buyer accepts it. Never below what has been reimbursed.
		///
		/// ## Errors
		/// `NoAlias`, `NotTaxpayer`, `TaxpayerSuspended`, `MonthlyQuotaReached`,
		/// `UnknownInvoice`, `Voided`, `ZeroAmount`, `WrongTax`, `DuplicateNumber`,
		/// `CreditPending`, `BelowReimbursed`.
		///
		/// ## Events
		/// `CreditNoteIssued`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::issue_credit_note())]
		pub fn issue_credit_note(
			origin: OriginFor<T>,
			invoice: InvoiceNumber,
			number: InvoiceNumber,
			amount: Amount,
			tax: Amount,
		) -> DispatchResult {
			let (seller, taxpayer) = Self::taxpayer_of(origin)?;
			let mut i = Invoices::<T>::get(seller, invoice).ok_or(Error::<T>::UnknownInvoice)?;
			ensure!(i.status != InvoiceStatus::Voided, Error::<T>::Voided);
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			ensure!(Self::tax_fits(amount, tax, i.rate), Error::<T>::WrongTax);
			Self::ensure_unused(&seller, number)?;
			ensure!(!PendingCredit::<T>::contains_key(seller, invoice), Error::<T>::CreditPending);
			Self::ensure_credit_fits(&i, amount, tax)?;
			let (now, month) = Self::now_and_month();
			Self::count_document(&seller, &taxpayer, month)?;
			let accepted = i.status == InvoiceStatus::Issued;
			let note = CreditNote { invoice, amount, tax, issued_at: now, month, accepted };
			if accepted {
				Self::apply_credit(&seller, &mut i, &note);
				Invoices::<T>::insert(seller, invoice, i);
			} else {
				PendingCredit::<T>::insert(seller, invoice, number);
			}
			CreditNotes::<T>::insert(seller, number, note);
			Self::deposit_event(Event::CreditNoteIssued {
				seller,
				number,
				invoice,
				amount,
				accepted,
			});
			Ok(())
		}

		/// Accepts credit note `number` of `seller`, as the buyer of the invoice it reduces.
		///
		/// ## Errors
		/// `NoAlias`, `UnknownCreditNote` (none, in force already or withdrawn),
		/// `UnknownInvoice`, `NotBuyer`, `BelowReimbursed` (claims made
		/// meanwhile leave no room for it; the seller issues another).
		///
		/// ## Events
		/// `CreditNoteAccepted`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::accept_credit_note())]
		pub fn accept_credit_note(
			origin: OriginFor<T>,
			seller: Alias,
			number: InvoiceNumber,
		) -> DispatchResult {
			let who = Self::ensure_alias(origin, Domain::Invoices)?;
			let mut note =
				CreditNotes::<T>::get(seller, number).ok_or(Error::<T>::UnknownCreditNote)?;
			ensure!(
				!note.accepted && PendingCredit::<T>::get(seller, note.invoice) == Some(number),
				Error::<T>::UnknownCreditNote
			);
			let mut i =
				Invoices::<T>::get(seller, note.invoice).ok_or(Error::<T>::UnknownInvoice)?;
			Self::ensure_buyer(&who, &i)?;
			Self::ensure_credit_fits(&i, note.amount, note.tax)?;
			note.accepted = true;
			Self::apply_credit(&seller, &mut i, &note);
			Invoices::<T>::insert(seller, note.invoice, i);
			PendingCredit::<T>::remove(seller, note.invoice);
			let invoice = note.invoice;
			CreditNotes::<T>::insert(seller, number, note);
			Self::deposit_event(Event::CreditNoteAccepted { seller, number, invoice });
			Ok(())
		}

		/// Authorises a company's invoices alias (the buyer's employer or insurer) to reimburse
		/// the invoices of the signer's alias until `until`.
		///
		/// ## Errors
		/// `NoAlias`, `BadPayer`, `BadPeriod`, `TooManyPayers`.
		///
		/// ## Events
		/// `PayerAuthorised`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::authorise_payer())]
		pub fn authorise_payer(
			origin: OriginFor<T>,
			payer: Alias,
			until: Moment,
		) -> DispatchResult {
			let buyer = Self::ensure_alias(origin, Domain::Invoices)?;
			ensure!(
				payer != buyer
					&& T::Aliases::kind_of(&payer, Domain::Invoices) == Some(SubjectKind::Company),
				Error::<T>::BadPayer
			);
			ensure!(until > T::Time::now(), Error::<T>::BadPeriod);
			if !Payers::<T>::contains_key(buyer, payer) {
				let n = PayerCount::<T>::get(buyer);
				ensure!(n < T::MaxPayers::get(), Error::<T>::TooManyPayers);
				PayerCount::<T>::insert(buyer, n.saturating_add(1));
			}
			Payers::<T>::insert(buyer, payer, until);
			Self::deposit_event(Event::PayerAuthorised { buyer, payer, until });
			Ok(())
		}

		/// Withdraws a company's authorisation to reimburse the signer's invoices.
		///
		/// ## Errors
		/// `NoAlias`, `UnknownPayer`.
		///
		/// ## Events
		/// `PayerRevoked`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::revoke_payer())]
		pub fn revoke_payer(origin: OriginFor<T>, payer: Alias) -> DispatchResult {
			let buyer = Self::ensure_alias(origin, Domain::Invoices)?;
			ensure!(Payers::<T>::contains_key(buyer, payer), Error::<T>::UnknownPayer);
			Self::remove_payer(&buyer, &payer);
			Self::deposit_event(Event::PayerRevoked { buyer, payer });
			Ok(())
		}

		/// Reimburses `amount` of a received invoice. As agency staff, under the buyer's
		/// consent with scope `Invoices` for `purpose` (the claim is written to the buyer's
		/// alias's access log); as a company's invoices alias account, under the buyer's
		/// authorisation (`purpose` is then unused). The claims on one invoice never exceed its
		/// amount net of credit notes.
		///
		/// ## Errors
		/// `UnknownInvoice`, `NotReceived`, `Voided`, `ZeroAmount`, `NotAuthorised`,
		/// `FullyReimbursed`, `AboveRemaining`, `TooManyClaimants`.
		///
		/// ## Events
		/// `InvoiceClaimed`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::claim())]
		pub fn claim(
			origin: OriginFor<T>,
			seller: Alias,
			number: InvoiceNumber,
			amount: Amount,
			purpose: Purpose,
		) -> DispatchResult {
			let who = ensure_signed(origin.clone())?;
			let mut i = Invoices::<T>::get(seller, number).ok_or(Error::<T>::UnknownInvoice)?;
			match i.status {
				InvoiceStatus::Received => {},
				InvoiceStatus::Issued => return Err(Error::<T>::NotReceived.into()),
				InvoiceStatus::Voided => return Err(Error::<T>::Voided.into()),
			}
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			let Buyer::Alias(buyer) = i.buyer else {
				return Err(Error::<T>::NotReceived.into());
			};
			let now = T::Time::now();
			let claimant = match T::Aliases::alias_of(&who, Domain::Invoices) {
				Some(company) => {
					ensure!(
						Payers::<T>::get(buyer, company).is_some_and(|until| now < until),
						Error::<T>::NotAuthorised
					);
					Claimant::Company(company)
				},
				None => {
					let (_, agency) =
						T::Agencies::ensure_staff(origin).map_err(|_| Error::<T>::NotAuthorised)?;
					ensure!(
						T::Consent::has_consent(&buyer, agency, Scope::Invoices, &purpose, now),
						Error::<T>::NotAuthorised
					);
					Claimant::Agency(agency)
				},
			};
			let remaining = i.remaining();
			ensure!(remaining > 0, Error::<T>::FullyReimbursed);
			ensure!(amount <= remaining, Error::<T>::AboveRemaining);
			match i.claims.iter_mut().find(|(c, _)| *c == claimant) {
				Some((_, total)) => *total = total.saturating_add(amount),
				None => i
					.claims
					.try_push((claimant, amount))
					.map_err(|_| Error::<T>::TooManyClaimants)?,
			}
			i.claimed = i.claimed.saturating_add(amount);
			let remaining = i.remaining();
			Invoices::<T>::insert(seller, number, i);
			if let Claimant::Agency(agency) = claimant {
				T::Consent::record_access(&buyer, agency, Scope::Invoices, purpose, true);
			}
			Self::deposit_event(Event::InvoiceClaimed {
				seller,
				number,
				claimant,
				amount,
				remaining,
			});
			Ok(())
		}

		/// Issues a fine bill for `claim_key` (a fresh key whose secret the agency hands the
		/// fined person with the notice; the chain never learns the person): `amount` for
		/// violation `violation` at place `place`, evidence `evidence`, due by `due`, at least
		/// `FineNotice` from now: a fine is never overdue (and surcharged) when it is issued, and
		/// the person may appeal until it is due.
		///
		/// ## Errors
		/// `ZeroAmount`, `BadDueDate`; the consortium's `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `FineIssued`.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::issue_fine())]
		pub fn issue_fine(
			origin: OriginFor<T>,
			claim_key: ClaimKey,
			violation: u32,
			amount: Amount,
			evidence: H256,
			place: u32,
			due: Moment,
		) -> DispatchResult {
			let (_, issuer) = T::Agencies::ensure_capability(origin, Capability::IssueFines)?;
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			ensure!(Self::gives_notice(due), Error::<T>::BadDueDate);
			let bill = NextBillId::<T>::get();
			NextBillId::<T>::put(bill.saturating_add(1));
			Bills::<T>::insert(
				bill,
				Bill {
					claim_key,
					holder: None,
					issuer,
					violation,
					amount,
					evidence,
					place,
					due,
					status: BillStatus::Open,
					receipt: None,
					appealed: false,
				},
			);
			Self::deposit_event(Event::FineIssued { bill, issuer, amount, due });
			Ok(())
		}

		/// Claims fine bill `bill` into the signer's fines alias, with the bill's claim key's
		/// `signature` over [`fine_claim_message`] (bill, alias): from then on the alias pays or
		/// appeals it, and it counts in the alias's answer to [`Pallet::verify_fines`].
		///
		/// ## Errors
		/// `NoAlias`, `UnknownBill`, `AlreadyClaimed`, `BadClaimSignature`.
		///
		/// ## Events
		/// `FineClaimed`.
		#[pallet::call_index(19)]
		#[pallet::weight(T::WeightInfo::claim_fine())]
		pub fn claim_fine(
			origin: OriginFor<T>,
			bill: BillId,
			signature: ClaimSignature,
		) -> DispatchResult {
			let holder = Self::ensure_alias(origin, Domain::Fines)?;
			let mut b = Bills::<T>::get(bill).ok_or(Error::<T>::UnknownBill)?;
			ensure!(b.holder.is_none(), Error::<T>::AlreadyClaimed);
			ensure!(
				sp_io::crypto::sr25519_verify(
					&signature,
					&fine_claim_message(bill, &holder),
					&b.claim_key
				),
				Error::<T>::BadClaimSignature
			);
			b.holder = Some(holder);
			if Self::is_unpaid(&b) {
				UnpaidBills::<T>::mutate(holder, |n| *n = n.saturating_add(1));
			}
			Bills::<T>::insert(bill, b);
			BillsOf::<T>::insert(holder, bill, ());
			Self::deposit_event(Event::FineClaimed { bill, holder });
			Ok(())
		}

		/// Pays a fine bill, as the fines alias that claimed it (its alias account signs and
		/// pays): the fine and any late surcharge go to the fine treasury's account; the
		/// receipt, naming that treasury, stays with the bill.
		///
		/// ## Errors
		/// `NoAlias`, `UnknownBill`, `NotClaimed`, `NotFined`, `AlreadyPaid`, `UnderAppeal`,
		/// `Cancelled`, `NoFineTreasury`, `InsufficientBalance`.
		///
		/// ## Events
		/// `FinePaid`.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::pay_fine())]
		pub fn pay_fine(origin: OriginFor<T>, bill: BillId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let holder = T::Aliases::alias_of(&who, Domain::Fines).ok_or(Error::<T>::NoAlias)?;
			let mut b = Self::held_bill(bill, &holder)?;
			match b.status {
				BillStatus::Open => {},
				BillStatus::Paid => return Err(Error::<T>::AlreadyPaid.into()),
				BillStatus::Appealed { .. } if b.receipt.is_some() => {
					return Err(Error::<T>::AlreadyPaid.into())
				},
				BillStatus::Appealed { .. } => return Err(Error::<T>::UnderAppeal.into()),
				BillStatus::Cancelled => return Err(Error::<T>::Cancelled.into()),
			}
			let now = T::Time::now();
			let surcharge = Self::surcharge(b.amount, b.due, now);
			let total = b.amount.saturating_add(surcharge);
			let treasury = FineTreasury::<T>::get()
				.filter(|a| T::Agencies::has_capability(*a, Capability::MintSettlement))
				.ok_or(Error::<T>::NoFineTreasury)?;
			let account = T::AgencyAccounts::account_of(treasury);
			T::Currency::transfer(&who, &account, total, Preservation::Expendable)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
			b.status = BillStatus::Paid;
			b.receipt = Some(Receipt {
				payer: who,
				treasury,
				fine: b.amount,
				surcharge,
				at: now,
				block: frame_system::Pallet::<T>::block_number(),
				refunded: false,
			});
			let fine = b.amount;
			Self::put_bill(bill, b);
			Self::deposit_event(Event::FinePaid { bill, holder, fine, surcharge });
			Ok(())
		}

		/// Appeals a fine bill, as the fines alias that claimed it, before its due date; once
		/// per bill. No surcharge accrues while the appeal is open.
		///
		/// ## Errors
		/// `NoAlias`, `UnknownBill`, `NotClaimed`, `NotFined`, `PastDue`, `AlreadyAppealed`,
		/// `Cancelled`.
		///
		/// ## Events
		/// `FineAppealed`.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::appeal_fine())]
		pub fn appeal_fine(origin: OriginFor<T>, bill: BillId) -> DispatchResult {
			let holder = Self::ensure_alias(origin, Domain::Fines)?;
			let mut b = Self::held_bill(bill, &holder)?;
			ensure!(b.status != BillStatus::Cancelled, Error::<T>::Cancelled);
			ensure!(!b.appealed, Error::<T>::AlreadyAppealed);
			let now = T::Time::now();
			ensure!(now <= b.due, Error::<T>::PastDue);
			b.status = BillStatus::Appealed { since: now };
			b.appealed = true;
			Bills::<T>::insert(bill, b);
			Self::deposit_event(Event::FineAppealed { bill });
			Ok(())
		}

		/// Rejects the appeal: the bill stands, due at `due` (at least `FineNotice` from now) if
		/// it is still unpaid.
		///
		/// ## Errors
		/// `UnknownBill`, `NotUnderAppeal`, `BadDueDate`; the consortium's `NotStaff`,
		/// `MissingCapability`.
		///
		/// ## Events
		/// `FineUpheld`.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::uphold_fine())]
		pub fn uphold_fine(origin: OriginFor<T>, bill: BillId, due: Moment) -> DispatchResult {
			let (_, by) = T::Agencies::ensure_capability(origin, Capability::DecideAppeals)?;
			let mut b = Bills::<T>::get(bill).ok_or(Error::<T>::UnknownBill)?;
			ensure!(matches!(b.status, BillStatus::Appealed { .. }), Error::<T>::NotUnderAppeal);
			ensure!(Self::gives_notice(due), Error::<T>::BadDueDate);
			if b.receipt.is_some() {
				b.status = BillStatus::Paid;
			} else {
				b.status = BillStatus::Open;
				b.due = due;
			}
			let due = b.due;
			Bills::<T>::insert(bill, b);
			Self::deposit_event(Event::FineUpheld { bill, by, due });
			Ok(())
		}

		/// Cancels the bill on appeal; if it was paid, the fine and surcharge go back from the
		/// account of the treasury it was paid into to the holder's alias account current now
		/// (a rotated key is followed), or, if the alias has no live account, to the account
		/// that paid.
		///
		/// ## Errors
		/// `UnknownBill`, `NotUnderAppeal`, `RefundUnavailable`; the consortium's `NotStaff`,
		/// `MissingCapability`.
		///
		/// ## Events
		/// `FineCancelled`.
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::cancel_fine())]
		pub fn cancel_fine(origin: OriginFor<T>, bill: BillId) -> DispatchResult {
			let (_, by) = T::Agencies::ensure_capability(origin, Capability::DecideAppeals)?;
			let mut b = Bills::<T>::get(bill).ok_or(Error::<T>::UnknownBill)?;
			ensure!(matches!(b.status, BillStatus::Appealed { .. }), Error::<T>::NotUnderAppeal);
			let mut refunded = 0;
			let holder = b.holder;
			if let Some(receipt) = b.receipt.as_mut() {
				refunded = receipt.fine.saturating_add(receipt.surcharge);
				let treasury = T::AgencyAccounts::account_of(receipt.treasury);
				let to = holder
					.and_then(|h| T::Aliases::account_of(&h, Domain::Fines))
					.unwrap_or_else(|| receipt.payer.clone());
				T::Currency::transfer(&treasury, &to, refunded, Preservation::Expendable)
					.map_err(|_| Error::<T>::RefundUnavailable)?;
				receipt.refunded = true;
			}
			b.status = BillStatus::Cancelled;
			Self::put_bill(bill, b);
			Self::deposit_event(Event::FineCancelled { bill, by, refunded });
			Ok(())
		}

		/// Names the fine treasury: the agency (holding `MintSettlement`) whose account fines
		/// are paid into from now on. Receipts already given keep the treasury they name (a
		/// refund comes from it). By consortium vote.
		///
		/// ## Errors
		/// `NotATreasury`.
		///
		/// ## Events
		/// `FineTreasurySet`.
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::set_fine_treasury())]
		pub fn set_fine_treasury(origin: OriginFor<T>, agency: AgencyId) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			ensure!(
				T::Agencies::has_capability(agency, Capability::MintSettlement),
				Error::<T>::NotATreasury
			);
			FineTreasury::<T>::put(agency);
			Self::deposit_event(Event::FineTreasurySet { agency });
			Ok(())
		}

		/// Withdraws credit note `number`, as its seller, while it awaits the buyer's
		/// acceptance: it never comes into force, its number stays used (and counted in its
		/// month's quota), and the invoice may take another credit note.
		///
		/// ## Errors
		/// `NoAlias`, `UnknownCreditNote` (none of the seller's awaits the buyer under this
		/// number).
		///
		/// ## Events
		/// `CreditNoteWithdrawn`.
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::withdraw_credit_note())]
		pub fn withdraw_credit_note(origin: OriginFor<T>, number: InvoiceNumber) -> DispatchResult {
			let seller = Self::ensure_alias(origin, Domain::Invoices)?;
			let note =
				CreditNotes::<T>::get(seller, number).ok_or(Error::<T>::UnknownCreditNote)?;
			ensure!(
				PendingCredit::<T>::get(seller, note.invoice) == Some(number),
				Error::<T>::UnknownCreditNote
			);
			PendingCredit::<T>::remove(seller, note.invoice);
			Self::deposit_event(Event::CreditNoteWithdrawn {
				seller,
				number,
				invoice: note.invoice,
			});
			Ok(())
		}

		/// Asks, as the caller's agency and under the holder's consent with scope `Fines` for
		/// `purpose`, whether fines alias `holder` has no unpaid bill among those it claimed:
		/// the answer (a predicate, not the bills) is in the event and the holder's access log.
		///
		/// ## Errors
		/// `NoConsent` (also for an unknown alias); the consortium's `NotStaff`.
		///
		/// ## Events
		/// `FinesVerified`.
		#[pallet::call_index(21)]
		#[pallet::weight(T::WeightInfo::verify_fines())]
		pub fn verify_fines(
			origin: OriginFor<T>,
			holder: Alias,
			purpose: Purpose,
		) -> DispatchResult {
			let (_, agency) = T::Agencies::ensure_staff(origin)?;
			ensure!(
				T::Consent::has_consent(&holder, agency, Scope::Fines, &purpose, T::Time::now()),
				Error::<T>::NoConsent
			);
			let none_unpaid = UnpaidBills::<T>::get(holder) == 0;
			T::Consent::record_access(&holder, agency, Scope::Fines, purpose, none_unpaid);
			Self::deposit_event(Event::FinesVerified { holder, agency, none_unpaid });
			Ok(())
		}
	}

	/// Business figures and a claimant's check; nothing about a buyer.
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// A taxpayer's totals for `month` (year × 100 + month), for the bureau's reporting.
		pub fn month_totals(taxpayer: Alias, month: Month) -> MonthTotals {
			Totals::<T>::get(taxpayer, month)
		}

		/// A claimant's check of one invoice: its status, amount net of credit notes, what
		/// has been reimbursed and what remains (not its buyer).
		pub fn invoice(
			seller: Alias,
			number: InvoiceNumber,
		) -> Option<(InvoiceStatus, Amount, Amount, Amount)> {
			Invoices::<T>::get(seller, number)
				.map(|i| (i.status, i.net(), i.claimed, i.remaining()))
		}

		/// What paying fine bill `bill` now costs: the fine and the surcharge so far.
		pub fn fine_due(bill: BillId) -> Option<(Amount, Amount)> {
			let b = Bills::<T>::get(bill)?;
			(b.status == BillStatus::Open)
				.then(|| (b.amount, Self::surcharge(b.amount, b.due, T::Time::now())))
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The live alias in `domain` the signer of `origin` acts for.
	fn ensure_alias(origin: OriginFor<T>, domain: Domain) -> Result<Alias, DispatchError> {
		let who = ensure_signed(origin)?;
		Ok(T::Aliases::alias_of(&who, domain).ok_or(Error::<T>::NoAlias)?)
	}

	/// The taxpayer whose alias account signs `origin`, and its registration, if it may issue.
	fn taxpayer_of(origin: OriginFor<T>) -> Result<(Alias, Taxpayer), DispatchError> {
		let seller = Self::ensure_alias(origin, Domain::Invoices)?;
		let t = Taxpayers::<T>::get(seller).ok_or(Error::<T>::NotTaxpayer)?;
		ensure!(!t.suspended, Error::<T>::TaxpayerSuspended);
		Ok((seller, t))
	}

	/// Suspends or reinstates `taxpayer`, as staff of the bureau that registered it.
	fn set_suspended(
		origin: OriginFor<T>,
		taxpayer: &Alias,
		suspended: bool,
	) -> Result<AgencyId, DispatchError> {
		let (_, by) = T::Agencies::ensure_capability(origin, Capability::IssueInvoices)?;
		Taxpayers::<T>::try_mutate(taxpayer, |t| {
			let t = t.as_mut().ok_or(Error::<T>::NotTaxpayer)?;
			ensure!(t.registered_by == by, Error::<T>::NotRegistrar);
			match (t.suspended, suspended) {
				(true, true) => Err(Error::<T>::TaxpayerSuspended.into()),
				(false, false) => Err(Error::<T>::TaxpayerNotSuspended.into()),
				_ => {
					t.suspended = suspended;
					Ok::<_, DispatchError>(by)
				},
			}
		})
	}

	/// Ensures `who` is the invoice's buyer alias.
	fn ensure_buyer(who: &Alias, i: &InvoiceOf<T>) -> DispatchResult {
		match i.buyer {
			Buyer::Alias(buyer) if buyer == *who => Ok(()),
			_ => Err(Error::<T>::NotBuyer.into()),
		}
	}

	/// Bill `bill`, which `holder` claimed.
	fn held_bill(bill: BillId, holder: &Alias) -> Result<BillOf<T>, DispatchError> {
		let b = Bills::<T>::get(bill).ok_or(Error::<T>::UnknownBill)?;
		match b.holder {
			None => Err(Error::<T>::NotClaimed.into()),
			Some(h) if h != *holder => Err(Error::<T>::NotFined.into()),
			Some(_) => Ok(b),
		}
	}

	/// Whether a bill is unpaid: neither paid nor cancelled.
	fn is_unpaid(b: &BillOf<T>) -> bool {
		b.receipt.is_none() && b.status != BillStatus::Cancelled
	}

	/// Stores a claimed bill that was unpaid before, counting it out of its holder's unpaid
	/// bills if it is paid or cancelled now.
	fn put_bill(bill: BillId, b: BillOf<T>) {
		if let (Some(holder), false) = (b.holder, Self::is_unpaid(&b)) {
			if Bills::<T>::get(bill).is_some_and(|old| Self::is_unpaid(&old)) {
				UnpaidBills::<T>::mutate_exists(holder, |n| {
					*n = n.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0);
				});
			}
		}
		Bills::<T>::insert(bill, b);
	}

	/// The time now, and its month (year × 100 + month, UTC).
	fn now_and_month() -> (Moment, Month) {
		let now = T::Time::now();
		(now, month_of(now))
	}

	/// Whether `tax` is `amount` × `rate` within one minor unit.
	fn tax_fits(amount: Amount, tax: Amount, rate: RateBps) -> bool {
		let Some(exact) = amount.checked_mul(u128::from(rate)) else { return false };
		let Some(scaled) = tax.checked_mul(BPS) else { return false };
		scaled.abs_diff(exact) <= BPS
	}

	/// Ensures the taxpayer has not used `number` for an invoice or a credit note.
	fn ensure_unused(seller: &Alias, number: InvoiceNumber) -> DispatchResult {
		ensure!(
			!Invoices::<T>::contains_key(seller, number)
				&& !CreditNotes::<T>::contains_key(seller, number),
			Error::<T>::DuplicateNumber
		);
		Ok(())
	}

	/// Counts one more document in the seller's month, within its quota.
	fn count_document(seller: &Alias, taxpayer: &Taxpayer, month: Month) -> DispatchResult {
		Totals::<T>::try_mutate(seller, month, |t| {
			ensure!(t.documents < taxpayer.monthly_quota, Error::<T>::MonthlyQuotaReached);
			t.documents = t.documents.saturating_add(1);
			Ok(())
		})
	}

	/// Issues invoice `r` of `seller` (registered as `taxpayer`), at one of `rates`.
	fn do_issue(
		seller: &Alias,
		taxpayer: &Taxpayer,
		rates: &[RateBps],
		r: InvoiceRequest,
	) -> DispatchResult {
		ensure!(r.amount > 0, Error::<T>::ZeroAmount);
		ensure!(r.amount <= taxpayer.ceiling, Error::<T>::AboveCeiling);
		ensure!(rates.contains(&r.rate), Error::<T>::UnknownRate);
		ensure!(Self::tax_fits(r.amount, r.tax, r.rate), Error::<T>::WrongTax);
		Self::ensure_unused(seller, r.number)?;
		if let Buyer::Alias(buyer) = r.buyer {
			ensure!(
				buyer != *seller && T::Aliases::kind_of(&buyer, Domain::Invoices).is_some(),
				Error::<T>::BadBuyer
			);
		}
		let (now, month) = Self::now_and_month();
		Self::count_document(seller, taxpayer, month)?;
		Totals::<T>::mutate(seller, month, |t| {
			t.issued = t.issued.saturating_add(r.amount);
			t.tax = t.tax.saturating_add(r.tax);
		});
		if let Buyer::Alias(buyer) = r.buyer {
			BuyerInvoices::<T>::insert(buyer, (*seller, r.number), ());
		}
		Invoices::<T>::insert(
			seller,
			r.number,
			Invoice {
				buyer: r.buyer,
				amount: r.amount,
				tax: r.tax,
				rate: r.rate,
				items: r.items,
				issued_at: now,
				month,
				status: InvoiceStatus::Issued,
				credited: 0,
				credited_tax: 0,
				claimed: 0,
				claims: BoundedVec::new(),
			},
		);
		Self::deposit_event(Event::InvoiceIssued {
			seller: *seller,
			number: r.number,
			buyer: r.buyer,
			amount: r.amount,
			tax: r.tax,
		});
		Ok(())
	}

	/// Ensures a credit of `amount` (tax `tax`) leaves the invoice at or above what has been
	/// reimbursed, and its tax at or above zero.
	/// (A credit note only ever reaches a live invoice: `issue_credit_note` refuses a voided
	/// one, and an invoice awaiting the buyer's acceptance is received, so never voided.)
	fn ensure_credit_fits(i: &InvoiceOf<T>, amount: Amount, tax: Amount) -> DispatchResult {
		ensure!(amount <= i.remaining(), Error::<T>::BelowReimbursed);
		ensure!(tax <= i.tax.saturating_sub(i.credited_tax), Error::<T>::BelowReimbursed);
		Ok(())
	}

	/// Puts a credit note in force: the invoice and the credit note's month change.
	fn apply_credit(seller: &Alias, i: &mut InvoiceOf<T>, note: &CreditNote) {
		i.credited = i.credited.saturating_add(note.amount);
		i.credited_tax = i.credited_tax.saturating_add(note.tax);
		Totals::<T>::mutate(seller, note.month, |t| {
			t.credited = t.credited.saturating_add(note.amount);
			t.tax = t.tax.saturating_sub(note.tax);
		});
	}

	fn remove_payer(buyer: &Alias, payer: &Alias) {
		Payers::<T>::remove(buyer, payer);
		PayerCount::<T>::mutate_exists(buyer, |n| {
			*n = n.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0);
		});
	}

	/// Whether a fine due at `due` gives the person at least `FineNotice` from now.
	fn gives_notice(due: Moment) -> bool {
		due >= T::Time::now().saturating_add(T::FineNotice::get())
	}

	/// The late surcharge on `fine` due at `due`, paid at `now`: 3 % per full day after the
	/// due date, at most the fine.
	pub fn surcharge(fine: Amount, due: Moment, now: Moment) -> Amount {
		let days = u128::from(now.saturating_sub(due) / DAY);
		let raw = fine.saturating_mul(SURCHARGE_PER_DAY_BPS).saturating_mul(days) / BPS;
		raw.min(fine)
	}

	/// The pallet's invariants:
	/// - every taxpayer's monthly totals equal those recomputed from its invoices and credit
	///   notes (live invoices' amounts and tax, in-force credit notes' amounts and tax), and,
	///   counted without saturation, a month's tax plus its credit notes' tax equals its live
	///   invoices' tax (no credit was taken off twice);
	/// - no invoice's claims exceed its amount net of credit notes, and its claims add up
	///   to `claimed`; credits never exceed the amount or the tax; a voided invoice carries no
	///   credit;
	/// - a pending credit note exists, is not in force, and reduces a received invoice;
	/// - every invoice of a buyer's alias is indexed under the alias, and every index entry
	///   names such an invoice;
	/// - each buyer's payer count matches its authorisations and stays within `MaxPayers`;
	/// - a paid bill has a receipt; a receipt of the fine it was paid for; a refunded
	///   receipt belongs to a cancelled bill; exactly the claimed bills are indexed under their
	///   holders, and each holder's unpaid count is the number of its claimed bills neither
	///   paid nor cancelled.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut totals: BTreeMap<(Alias, Month), MonthTotals> = BTreeMap::new();
		// (live invoices' tax, in-force credit notes' tax) per month, without saturation.
		let mut taxes: BTreeMap<(Alias, Month), (u128, u128)> = BTreeMap::new();
		for (seller, number, i) in Invoices::<T>::iter() {
			ensure!(i.claimed <= i.net(), "claims exceed the net amount");
			ensure!(i.credited <= i.amount && i.credited_tax <= i.tax, "credit above the invoice");
			let sum = i.claims.iter().fold(0u128, |s, (_, a)| s.saturating_add(*a));
			ensure!(sum == i.claimed, "claims do not add up");
			if i.status == InvoiceStatus::Voided {
				ensure!(i.credited == 0 && i.credited_tax == 0, "a voided invoice keeps a credit");
			} else {
				let t = totals.entry((seller, i.month)).or_default();
				t.issued = t.issued.saturating_add(i.amount);
				t.tax = t.tax.saturating_add(i.tax);
				let x = taxes.entry((seller, i.month)).or_default();
				x.0 = x.0.checked_add(i.tax).ok_or("tax overflows")?;
			}
			if let Buyer::Alias(buyer) = i.buyer {
				ensure!(
					BuyerInvoices::<T>::contains_key(buyer, (seller, number)),
					"invoice not indexed under its buyer"
				);
			}
		}
		for (buyer, (seller, number), ()) in BuyerInvoices::<T>::iter() {
			ensure!(
				Invoices::<T>::get(seller, number).is_some_and(|i| i.buyer == Buyer::Alias(buyer)),
				"buyer index names another invoice"
			);
		}
		for (seller, _, note) in CreditNotes::<T>::iter() {
			if note.accepted {
				let t = totals.entry((seller, note.month)).or_default();
				t.credited = t.credited.saturating_add(note.amount);
				t.tax = t.tax.saturating_sub(note.tax);
				let x = taxes.entry((seller, note.month)).or_default();
				x.1 = x.1.checked_add(note.tax).ok_or("tax overflows")?;
			}
		}
		for (seller, month, stored) in Totals::<T>::iter() {
			let expected = totals.remove(&(seller, month)).unwrap_or_default();
			ensure!(
				(stored.issued, stored.credited, stored.tax)
					== (expected.issued, expected.credited, expected.tax),
				"monthly totals differ from the invoices"
			);
			let (live, credited) = taxes.get(&(seller, month)).copied().unwrap_or_default();
			ensure!(
				stored.tax.checked_add(credited) == Some(live),
				"a month's tax is not its live invoices' less its credit notes'"
			);
		}
		ensure!(
			totals.values().all(|t| t.issued == 0 && t.credited == 0 && t.tax == 0),
			"invoices of a month without totals"
		);
		for (seller, invoice, number) in PendingCredit::<T>::iter() {
			let note =
				CreditNotes::<T>::get(seller, number).ok_or("pending credit note missing")?;
			ensure!(!note.accepted && note.invoice == invoice, "pending credit note mismatch");
			ensure!(
				Invoices::<T>::get(seller, invoice)
					.is_some_and(|i| i.status == InvoiceStatus::Received),
				"pending credit note of an invoice not received"
			);
		}
		let mut payers: BTreeMap<Alias, u32> = BTreeMap::new();
		for (buyer, _, _) in Payers::<T>::iter() {
			let n = payers.entry(buyer).or_default();
			*n = n.saturating_add(1);
		}
		for (buyer, n) in PayerCount::<T>::iter() {
			ensure!(payers.remove(&buyer) == Some(n), "payer count mismatch");
			ensure!(n <= T::MaxPayers::get(), "too many payers");
		}
		ensure!(payers.is_empty(), "payers without a count");
		let mut unpaid: BTreeMap<Alias, u32> = BTreeMap::new();
		let mut claimed = 0usize;
		for (id, b) in Bills::<T>::iter() {
			ensure!(id < NextBillId::<T>::get(), "bill id not yet issued");
			if let Some(holder) = b.holder {
				ensure!(BillsOf::<T>::contains_key(holder, id), "bill not indexed");
				claimed = claimed.saturating_add(1);
				if Self::is_unpaid(&b) {
					let n = unpaid.entry(holder).or_default();
					*n = n.saturating_add(1);
				}
			}
			if b.status == BillStatus::Paid {
				ensure!(b.receipt.is_some(), "paid bill without receipt");
			}
			if let Some(r) = &b.receipt {
				ensure!(r.fine == b.amount && r.surcharge <= r.fine, "receipt mismatch");
				ensure!(!r.refunded || b.status == BillStatus::Cancelled, "refund of a live bill");
			}
		}
		ensure!(BillsOf::<T>::iter().count() == claimed, "a bill indexed but not claimed");
		for (holder, n) in UnpaidBills::<T>::iter() {
			ensure!(unpaid.remove(&holder) == Some(n), "unpaid count mismatch");
		}
		ensure!(unpaid.is_empty(), "unpaid bills without a count");
		Ok(())
	}
}
