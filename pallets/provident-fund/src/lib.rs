//! # Provident-fund pallet
//!
//! Housing provident-fund accounts kept by city centres, monthly contributions that employers
//! pay into them in the settlement unit, withdrawals for approved purposes, and accounts that
//! follow the worker when the worker changes city.
//!
//! ## Terminology
//! - **Centre**: a member agency holding `ManageProvidentFund`, made the fund centre of one
//!   city by consortium vote ([`Pallet::set_centre`]), with its **rules**: the bounds of each
//!   side's contribution rate and the monthly base ceiling. One centre per city.
//! - **Fund alias**: the alias a person acts under in this domain (`docs/privacy.md`,
//!   `pallet-civitas-aliases`, [`Domain::Fund`]): stable for the person, tied by nobody to its
//!   id nor to its aliases in other domains, and live only while the person is (a ring-VRF
//!   proof of a registered, living person bound it to an account). Every person this pallet
//!   knows, worker or employer, it knows by fund alias; a call of a person is signed by the
//!   alias's account. Whether an alias is a natural or a legal person is public (the ring's
//!   kind); nothing else about it is.
//! - **Fund account**: a natural person's account at a centre, under its fund alias, opened by
//!   the centre the holder's alias account asked ([`Pallet::request_account`]): no centre opens
//!   an account for a worker that did not ask it (and so blocks its own city's centre): open,
//!   sealed (employment ended: it keeps its balance), transferred out, or closed (retired). At
//!   most one per alias per centre, and at most one open across all centres: the alias is the
//!   person's in this domain, so the rule is the person's.
//! - **Fund balance**: what an alias's accounts hold. The money sits on the alias's **fund
//!   purse**, an account derived from this pallet's id and the alias that nobody holds the key
//!   of, under this pallet's hold reason [`HoldReason::Fund`]: it is the person's, never
//!   spendable but by a withdrawal, and never a loose pallet-owned balance. Since the purse is
//!   the person's, not the account's, moving an account to another city moves no money. The
//!   pallet provides for the purse from the alias's first account on, so that it exists with
//!   no free balance and is never reaped.
//! - **Employer**: a legal person, under its fund alias, registered with a centre, that
//!   declares its employees there and pays their contributions from its alias account.
//! - **Employment**: declared by the employer and **accepted by the worker** (its alias
//!   account): a stranger employer cannot declare someone and pre-empt its months.
//! - **Contribution**: one month for one employee: the employee's part (withheld from the
//!   wage) and the employer's part, each the base wage (capped at the ceiling) times its rate,
//!   rounded down to the minor unit ([`ContributionLine::parts`]). A month is paid once per
//!   person. The centre keeping the account reverses a wrong one
//!   ([`Pallet::reverse_contribution`]): the money goes back to the account that paid it and
//!   the month is free again.
//!
//! ## Cross-city transfer
//! The holder, or the new centre under the holder's consent (scope `FundAccount`), requests it
//! ([`Pallet::request_transfer`]); the old centre approves or refuses with a reason code. If it
//! stays silent past the deadline (set by vote), the request escalates: the chain itself marks it
//! in the spare weight of the blocks that follow (`TransferEscalated`), or the person or the new
//! centre does at once ([`Pallet::escalate_transfer`]); the consortium may then force it. An
//! escalated request cannot be refused, and an old centre cannot refuse for ever: after
//! `RefusalsToEscalate` refusals in a row the holder's next request is escalated at once. On
//! approval the balance,
//! the months paid and the amount contributed move at once to the person's account at the new
//! centre (a new one, or the one it had there), and the old account becomes transferred-out:
//! never money in two places, never in none. The month-by-month history (`Contributions`) is
//! kept by alias, so it follows.
//!
//! ## Who can learn what
//! The state, the events and the calls name fund aliases, never a person id or an account
//! the identity registry ties to a person. A contribution's amounts (and so, with its rates,
//! the base wage) are on chain: the chain computes and checks them. Who knows an alias: the
//! person, its employer (which declares it) and the centre (which opens its account), each
//! because the person showed it to them. An agency that knows the person's id cannot find
//! the alias, and so reads nothing here: it asks with [`Pallet::verify_account`] under the
//! alias's consent (given with the identity pallet's `grant_alias_consent`), traced in the
//! alias's access log. View functions answer a centre's totals and an employer's months (how
//! many employees were declared and paid, not who).
//!
//! ## Erasure
//! The pallet holds no person id, so it has no erasure hook: erasing a person takes its
//! member key out of its ring, its fund alias ends after the rings' grace, and what stays here
//! (accounts, balances, contributions: money and records that fund law keeps) is under an
//! alias nobody can tie to the erased id. A centre pays a person's balance to its alias
//! account before the alias ends.
//!
//! ## Calls
//! - Consortium vote: [`Pallet::set_centre`], [`Pallet::set_transfer_deadline`],
//!   [`Pallet::force_transfer`].
//! - A centre (`ManageProvidentFund`): [`Pallet::open_account`], [`Pallet::seal_account`],
//!   [`Pallet::register_employer`], [`Pallet::approve_transfer`], [`Pallet::refuse_transfer`],
//!   [`Pallet::withdraw`],
//!   [`Pallet::reverse_contribution`].
//! - An employer's alias account: [`Pallet::declare_employee`], [`Pallet::end_employment`],
//!   [`Pallet::contribute`].
//! - A worker's alias account: [`Pallet::request_account`], [`Pallet::accept_employment`].
//! - The holder's alias account, or the new centre under consent: [`Pallet::request_transfer`],
//!   [`Pallet::escalate_transfer`].
//! - Any agency's staff, under consent: [`Pallet::verify_account`].

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

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use civitas_primitives::{
	is_month, month_of, next_month, AgencyAuthority, AgencyId, Alias, Aliases, Capability,
	CityCode, ConsentCheck, Domain, Moment, Purpose, Scope, SubjectKind,
};
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{InspectHold, Mutate, MutateHold},
		tokens::{Fortitude, Precision, Preservation, Restriction},
		Get, Time,
	},
	PalletId,
};
use frame_system::pallet_prelude::*;
use sp_core::H256;
use sp_runtime::{traits::AccountIdConversion, DispatchError};

/// The lines of one contribution call.
pub type LinesOf<T> = BoundedVec<ContributionLine, <T as Config>::MaxLines>;

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

		/// The domain aliases accounts act under: this pallet knows persons by fund alias.
		type Aliases: Aliases<Self::AccountId>;

		/// Aliases' consent to agencies' reads, and the access log.
		type Consent: ConsentCheck;

		/// The current time (ms since the Unix epoch).
		type Time: Time<Moment = Moment>;

		/// The settlement unit, held on the persons' fund purses.
		type Currency: Mutate<Self::AccountId, Balance = Amount>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ InspectHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// The consortium's authority: centres, their rules, the transfer deadline, forced
		/// transfers.
		type ConsortiumOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Fund purses are derived from this id and the fund alias.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Most fund centres (one per city).
		#[pallet::constant]
		type MaxCentres: Get<u32>;

		/// Most employees in one contribution call (at most 255: errors name a line by a byte).
		#[pallet::constant]
		type MaxLines: Get<u32>;

		/// How long (ms) an old centre has to answer a transfer request, until a vote sets it.
		#[pallet::constant]
		type DefaultTransferDeadline: Get<Moment>;

		/// How many of a holder's transfer requests the old centres may refuse in a row: the
		/// request after that many refusals is escalated at once (the consortium decides it).
		#[pallet::constant]
		type RefusalsToEscalate: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Agencies, aliases and money for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: benchmarking::BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds balance.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A person's provident-fund balance, on its fund purse.
		Fund,
	}

	/// The fund centres, by agency.
	#[pallet::storage]
	pub type Centres<T: Config> = StorageMap<_, Twox64Concat, AgencyId, Centre>;

	/// How many centres there are.
	#[pallet::storage]
	pub type CentreCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The centre of each city.
	#[pallet::storage]
	pub type CentreOfCity<T: Config> = StorageMap<_, Twox64Concat, CityCode, AgencyId>;

	/// Each centre's totals.
	#[pallet::storage]
	pub type Totals<T: Config> = StorageMap<_, Twox64Concat, AgencyId, CentreTotals, ValueQuery>;

	/// Fund accounts.
	#[pallet::storage]
	pub type Accounts<T: Config> = StorageMap<_, Twox64Concat, FundAccountId, FundAccount>;

	/// The id the next fund account gets.
	#[pallet::storage]
	pub type NextAccountId<T: Config> = StorageValue<_, FundAccountId, ValueQuery>;

	/// Each holder's account at each centre, by fund alias.
	#[pallet::storage]
	pub type AccountAt<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, Alias, Twox64Concat, AgencyId, FundAccountId>;

	/// Each holder's open account (at most one), by fund alias.
	#[pallet::storage]
	pub type OpenAccount<T: Config> = StorageMap<_, Blake2_128Concat, Alias, FundAccountId>;

	/// Employers, by the employer's fund alias and the centre it registered with.
	#[pallet::storage]
	pub type Employers<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, Alias, Twox64Concat, AgencyId, ()>;

	/// Employments, by the employer's and the employee's fund aliases.
	#[pallet::storage]
	pub type Employees<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, Alias, Blake2_128Concat, Alias, Employment>;

	/// Every month paid, by the employee's fund alias and month: its history, whichever
	/// account it went to.
	#[pallet::storage]
	pub type Contributions<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		Alias,
		Twox64Concat,
		Month,
		Contribution<T::AccountId>,
	>;

	/// How many employees each employer (fund alias) paid for, by month.
	#[pallet::storage]
	pub type PaidCount<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, Alias, Twox64Concat, Month, u32, ValueQuery>;

	/// Pending transfer requests, by holder (one at a time).
	#[pallet::storage]
	pub type Transfers<T: Config> = StorageMap<_, Blake2_128Concat, Alias, TransferRequest>;

	/// Refusals of a holder's transfer requests since its last transfer.
	#[pallet::storage]
	pub type Refusals<T: Config> = StorageMap<_, Blake2_128Concat, Alias, u32, ValueQuery>;

	/// Accounts asked for, by holder: the centre the holder's alias account asked to open (or
	/// reopen) its account. A centre opens an account only when asked.
	#[pallet::storage]
	pub type AccountRequests<T: Config> = StorageMap<_, Blake2_128Concat, Alias, AgencyId>;

	/// Where the idle-time scan for overdue transfer requests resumes (a raw `Transfers` key);
	/// none: from the start.
	#[pallet::storage]
	pub type EscalationCursor<T: Config> = StorageValue<_, BoundedVec<u8, ConstU32<128>>>;

	/// How long (ms) an old centre has to answer a transfer request (0: the default).
	#[pallet::storage]
	pub type TransferDeadline<T: Config> = StorageValue<_, Moment, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The centres at genesis: agency (holding `ManageProvidentFund` in the consortium's
		/// genesis), city, rules.
		pub centres: Vec<(AgencyId, CityCode, Rules)>,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (agency, city, rules) in &self.centres {
				assert!(
					T::Agencies::has_capability(*agency, Capability::ManageProvidentFund),
					"a genesis centre without ManageProvidentFund"
				);
				assert!(
					rules.min_rate <= rules.max_rate && u128::from(rules.max_rate) <= BPS,
					"genesis centre rules out of bounds"
				);
				assert!(!CentreOfCity::<T>::contains_key(city), "two genesis centres in a city");
				assert!(!Centres::<T>::contains_key(agency), "an agency twice a genesis centre");
				Centres::<T>::insert(agency, Centre { city: *city, rules: *rules });
				CentreOfCity::<T>::insert(city, agency);
				CentreCount::<T>::mutate(|n| *n = n.saturating_add(1));
			}
			assert!(CentreCount::<T>::get() <= T::MaxCentres::get(), "too many genesis centres");
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An agency became (or stays) a city's centre, with these rules.
		CentreSet { agency: AgencyId, city: CityCode, rules: Rules },
		/// The time an old centre has to answer a transfer request changed.
		TransferDeadlineSet { deadline: Moment },
		/// A centre opened (or reopened) an account for a fund alias.
		AccountOpened { account: FundAccountId, holder: Alias, centre: AgencyId },
		/// A centre sealed an account: employment ended.
		AccountSealed { account: FundAccountId },
		/// An employer registered with a centre.
		EmployerRegistered { employer: Alias, centre: AgencyId },
		/// An employer declared an employee at a centre, from a month; the employee accepts it
		/// before the employer contributes for it.
		EmployeeDeclared { employer: Alias, employee: Alias, centre: AgencyId, from: Month },
		/// The employee accepted its employment.
		EmploymentAccepted { employer: Alias, employee: Alias },
		/// An employment ended with `until`, its last month.
		EmploymentEnded { employer: Alias, employee: Alias, until: Month },
		/// A month was paid into an employee's account; the money is held on its fund purse.
		Contributed {
			employer: Alias,
			employee: Alias,
			month: Month,
			account: FundAccountId,
			employee_part: Amount,
			employer_part: Amount,
		},
		/// A transfer to another centre was requested (`by_centre`: by the new centre, under
		/// consent); the old centre answers by `deadline`.
		TransferRequested {
			holder: Alias,
			account: FundAccountId,
			to: AgencyId,
			deadline: Moment,
			by_centre: bool,
		},
		/// The old centre refused a transfer, with a reason code; `refusals` in a row now.
		TransferRefused { holder: Alias, by: AgencyId, reason: u32, refusals: u32 },
		/// The holder asked a centre to open (or reopen) its account there.
		AccountRequested { holder: Alias, centre: AgencyId },
		/// The old centre let the deadline pass, or the holder's transfers were refused
		/// `RefusalsToEscalate` times in a row: the consortium decides (it may force it).
		TransferEscalated { holder: Alias, from: AgencyId, to: AgencyId },
		/// An account moved to another centre: its balance and history are in `to` now.
		AccountTransferred {
			holder: Alias,
			from: FundAccountId,
			to: FundAccountId,
			amount: Amount,
			forced: bool,
		},
		/// A withdrawal was paid to the holder's alias account.
		Withdrawn {
			account: FundAccountId,
			purpose: WithdrawalPurpose,
			document: H256,
			amount: Amount,
			to: T::AccountId,
			closed: bool,
		},
		/// A centre reversed a wrong contribution: paid back to the account that paid it; the
		/// month is free again.
		ContributionReversed {
			employee: Alias,
			month: Month,
			account: FundAccountId,
			amount: Amount,
			by: AgencyId,
			reason: u32,
		},
		/// An agency read a holder's fund balance, under consent; the access is logged.
		AccountVerified {
			holder: Alias,
			agency: AgencyId,
			balance: Amount,
			open_at: Option<AgencyId>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The agency does not hold `ManageProvidentFund`.
		NotAFundAgency,
		/// The rules' bounds are not 0 ≤ lowest ≤ highest ≤ 100 %, or the ceiling is zero.
		BadRules,
		/// Another agency is this city's centre.
		CityTaken,
		/// A centre keeps its city.
		CityFixed,
		/// There are `MaxCentres` centres already.
		TooManyCentres,
		/// A zero deadline.
		BadDeadline,
		/// The agency is not a fund centre.
		UnknownCentre,
		/// The caller's agency is not this centre.
		NotTheCentre,
		/// No live fund alias is this.
		UnknownAlias,
		/// A fund account is a natural person's.
		NotNaturalPerson,
		/// An employer is a legal person.
		NotLegalPerson,
		/// The holder has an open account already.
		AlreadyOpen,
		/// The holder's account at this centre was closed on retirement.
		AccountClosed,
		/// No such fund account, or not this holder's.
		UnknownAccount,
		/// The holder has no open account.
		NoOpenAccount,
		/// The employer is registered with this centre already.
		AlreadyRegistered,
		/// The signer acts under no live fund alias.
		NoAlias,
		/// The employer is not registered with this centre.
		NotRegisteredEmployer,
		/// Not a month (year × 100 + 1 to 12), or it ends before it starts.
		BadMonth,
		/// The employee is employed by this employer already.
		AlreadyEmployed,
		/// This employer does not employ this person (or not in that month).
		NotEmployed,
		/// The employee accepted this employment already.
		AlreadyAccepted,
		/// The contribution names no employee.
		EmptyBatch,
		/// The month has not begun.
		FutureMonth,
		/// The employee on this line of the call is not employed by the caller in the month.
		LineNotEmployed { line: u8 },
		/// The employee on this line has not accepted the employment.
		LineNotAccepted { line: u8 },
		/// The employee on this line has no open account at the employment's centre.
		LineNoOpenAccount { line: u8 },
		/// A rate on this line is outside the centre's bounds.
		LineRateOutOfBounds { line: u8 },
		/// The month is paid for the employee on this line already (by this call or before).
		LineAlreadyPaid { line: u8 },
		/// The contribution on this line comes to nothing.
		LineZero { line: u8 },
		/// The account is neither open nor sealed.
		NotActiveAccount,
		/// The transfer goes to the account's own centre.
		SameCentre,
		/// The holder has another open account: it must move or be sealed first.
		OtherAccountOpen,
		/// A transfer of this holder's is pending already.
		TransferPending,
		/// No transfer of this holder's is pending.
		NoTransfer,
		/// The signer (or the withdrawal's payee) is not the holder's alias account.
		NotHolder,
		/// No live consent of the holder covers this agency and purpose.
		NoConsent,
		/// The old centre's deadline has not passed.
		NotYetDue,
		/// The transfer was escalated already.
		AlreadyEscalated,
		/// Only an escalated transfer may be forced.
		NotEscalated,
		/// The transfer is escalated: only the consortium decides it now.
		Escalated,
		/// The holder did not ask this centre for an account.
		NotRequested,
		/// A zero withdrawal.
		ZeroAmount,
		/// More than the account holds.
		InsufficientFund,
		/// A retirement withdrawal takes the whole balance.
		RetirementTakesAll,
		/// No contribution of this employee for this month.
		UnknownContribution,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Escalates the transfer requests whose deadline passed unanswered, in the block's
		/// spare weight: a scan over the pending requests that resumes where the last block's
		/// stopped, so that every request is reached however many there are.
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::escalate_overdue(remaining)
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Makes `agency` (holding `ManageProvidentFund`) the fund centre of `city`, or changes
		/// its rules. By consortium vote.
		///
		/// ## Errors
		/// `NotAFundAgency`, `BadRules`, `CityTaken`, `CityFixed`, `TooManyCentres`.
		///
		/// ## Events
		/// `CentreSet`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_centre())]
		pub fn set_centre(
			origin: OriginFor<T>,
			agency: AgencyId,
			city: CityCode,
			rules: Rules,
		) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			ensure!(
				T::Agencies::has_capability(agency, Capability::ManageProvidentFund),
				Error::<T>::NotAFundAgency
			);
			ensure!(
				rules.min_rate <= rules.max_rate
					&& u128::from(rules.max_rate) <= BPS
					&& rules.base_ceiling > 0,
				Error::<T>::BadRules
			);
			if let Some(other) = CentreOfCity::<T>::get(city) {
				ensure!(other == agency, Error::<T>::CityTaken);
			}
			match Centres::<T>::get(agency) {
				Some(centre) => ensure!(centre.city == city, Error::<T>::CityFixed),
				None => {
					let n = CentreCount::<T>::get();
					ensure!(n < T::MaxCentres::get(), Error::<T>::TooManyCentres);
					CentreCount::<T>::put(n.saturating_add(1));
				},
			}
			Centres::<T>::insert(agency, Centre { city, rules });
			CentreOfCity::<T>::insert(city, agency);
			Self::deposit_event(Event::CentreSet { agency, city, rules });
			Ok(())
		}

		/// Sets how long (ms) an old centre has to answer a transfer request. By consortium
		/// vote.
		///
		/// ## Errors
		/// `BadDeadline`.
		///
		/// ## Events
		/// `TransferDeadlineSet`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_transfer_deadline())]
		pub fn set_transfer_deadline(origin: OriginFor<T>, deadline: Moment) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			ensure!(deadline > 0, Error::<T>::BadDeadline);
			TransferDeadline::<T>::put(deadline);
			Self::deposit_event(Event::TransferDeadlineSet { deadline });
			Ok(())
		}

		/// Opens an account for a live fund alias of a natural person at the caller's centre,
		/// which the holder's alias account asked ([`Pallet::request_account`]); reopens its
		/// sealed or transferred-out account there if it has one.
		///
		/// ## Errors
		/// `UnknownCentre`, `UnknownAlias`, `NotNaturalPerson`, `AlreadyOpen`, `NotRequested`,
		/// `AccountClosed`; the consortium's `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `AccountOpened`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::open_account())]
		pub fn open_account(origin: OriginFor<T>, holder: Alias) -> DispatchResult {
			let centre = Self::ensure_centre(origin)?;
			Self::ensure_kind(&holder, SubjectKind::Citizen, Error::<T>::NotNaturalPerson)?;
			ensure!(!OpenAccount::<T>::contains_key(holder), Error::<T>::AlreadyOpen);
			ensure!(AccountRequests::<T>::get(holder) == Some(centre), Error::<T>::NotRequested);
			let account = match AccountAt::<T>::get(holder, centre) {
				Some(id) => {
					let mut a = Accounts::<T>::get(id).ok_or(Error::<T>::UnknownAccount)?;
					ensure!(a.status != AccountStatus::Closed, Error::<T>::AccountClosed);
					a.status = AccountStatus::Open;
					Accounts::<T>::insert(id, a);
					id
				},
				None => Self::new_account(holder, centre),
			};
			OpenAccount::<T>::insert(holder, account);
			AccountRequests::<T>::remove(holder);
			Self::deposit_event(Event::AccountOpened { account, holder, centre });
			Ok(())
		}

		/// Seals the holder's open account at the caller's centre (employment ended): it keeps
		/// its balance and receives nothing until reopened or moved.
		///
		/// ## Errors
		/// `NoOpenAccount`, `NotTheCentre`; the consortium's `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `AccountSealed`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::seal_account())]
		pub fn seal_account(origin: OriginFor<T>, holder: Alias) -> DispatchResult {
			let centre = Self::ensure_centre(origin)?;
			let id = OpenAccount::<T>::get(holder).ok_or(Error::<T>::NoOpenAccount)?;
			let mut a = Accounts::<T>::get(id).ok_or(Error::<T>::UnknownAccount)?;
			ensure!(a.centre == centre, Error::<T>::NotTheCentre);
			a.status = AccountStatus::Sealed;
			Accounts::<T>::insert(id, a);
			OpenAccount::<T>::remove(holder);
			Self::deposit_event(Event::AccountSealed { account: id });
			Ok(())
		}

		/// Registers a live fund alias of a legal person as an employer with the caller's
		/// centre.
		///
		/// ## Errors
		/// `UnknownCentre`, `UnknownAlias`, `NotLegalPerson`, `AlreadyRegistered`; the
		/// consortium's `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `EmployerRegistered`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::register_employer())]
		pub fn register_employer(origin: OriginFor<T>, employer: Alias) -> DispatchResult {
			let centre = Self::ensure_centre(origin)?;
			Self::ensure_kind(&employer, SubjectKind::Company, Error::<T>::NotLegalPerson)?;
			ensure!(!Employers::<T>::contains_key(employer, centre), Error::<T>::AlreadyRegistered);
			Employers::<T>::insert(employer, centre, ());
			Self::deposit_event(Event::EmployerRegistered { employer, centre });
			Ok(())
		}

		/// Declares, as the employer (its alias account signs), that `employee` (a live fund
		/// alias of a natural person, which the worker showed it) works for it from month
		/// `from`, at a centre it is registered with. The employee accepts it
		/// ([`Pallet::accept_employment`]) before the employer may contribute for it.
		///
		/// ## Errors
		/// `NoAlias`, `NotRegisteredEmployer`, `UnknownAlias`, `NotNaturalPerson`,
		/// `BadMonth`, `AlreadyEmployed`.
		///
		/// ## Events
		/// `EmployeeDeclared`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::declare_employee())]
		pub fn declare_employee(
			origin: OriginFor<T>,
			centre: AgencyId,
			employee: Alias,
			from: Month,
		) -> DispatchResult {
			let employer = Self::ensure_alias(origin)?;
			ensure!(
				Employers::<T>::contains_key(employer, centre),
				Error::<T>::NotRegisteredEmployer
			);
			Self::ensure_kind(&employee, SubjectKind::Citizen, Error::<T>::NotNaturalPerson)?;
			ensure!(is_month(from), Error::<T>::BadMonth);
			if let Some(e) = Employees::<T>::get(employer, employee) {
				ensure!(e.until.is_some(), Error::<T>::AlreadyEmployed);
			}
			Employees::<T>::insert(
				employer,
				employee,
				Employment { centre, from, until: None, accepted: false },
			);
			Self::deposit_event(Event::EmployeeDeclared { employer, employee, centre, from });
			Ok(())
		}

		/// Ends an employment, as the employer: `until` is its last month.
		///
		/// ## Errors
		/// `NoAlias`, `NotEmployed`, `BadMonth`.
		///
		/// ## Events
		/// `EmploymentEnded`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::end_employment())]
		pub fn end_employment(
			origin: OriginFor<T>,
			employee: Alias,
			until: Month,
		) -> DispatchResult {
			let employer = Self::ensure_alias(origin)?;
			let mut e = Employees::<T>::get(employer, employee).ok_or(Error::<T>::NotEmployed)?;
			ensure!(e.until.is_none(), Error::<T>::NotEmployed);
			ensure!(is_month(until) && until >= e.from, Error::<T>::BadMonth);
			e.until = Some(until);
			Employees::<T>::insert(employer, employee, e);
			Self::deposit_event(Event::EmploymentEnded { employer, employee, until });
			Ok(())
		}

		/// Pays, as the employer, one month for a list of its employees: for each line the
		/// chain computes both parts under the rules of the employment's centre and moves them
		/// from the signer's balance to the employee's fund purse, held. All or nothing: a line
		/// that fails fails the call with an error that names the line (its index, from 0), and
		/// nothing moves.
		///
		/// ## Errors
		/// `NoAlias`, `EmptyBatch`, `BadMonth`, `FutureMonth`, `LineNotEmployed`,
		/// `LineNotAccepted`, `LineNoOpenAccount`, `LineRateOutOfBounds`, `LineAlreadyPaid`,
		/// `LineZero`; the balances' `FundsUnavailable` when the signer cannot pay.
		///
		/// ## Events
		/// `Contributed` for each line.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::contribute(lines.len() as u32))]
		pub fn contribute(origin: OriginFor<T>, month: Month, lines: LinesOf<T>) -> DispatchResult {
			let payer = ensure_signed(origin)?;
			let employer = T::Aliases::alias_of(&payer, Domain::Fund).ok_or(Error::<T>::NoAlias)?;
			ensure!(!lines.is_empty(), Error::<T>::EmptyBatch);
			ensure!(is_month(month), Error::<T>::BadMonth);
			let now = T::Time::now();
			ensure!(month <= month_of(now), Error::<T>::FutureMonth);
			let mut paid = 0u32;
			for (i, line) in lines.iter().enumerate() {
				let n = u8::try_from(i).unwrap_or(u8::MAX);
				let e = Employees::<T>::get(employer, line.employee)
					.filter(|e| e.from <= month && e.until.is_none_or(|u| month <= u))
					.ok_or(Error::<T>::LineNotEmployed { line: n })?;
				ensure!(e.accepted, Error::<T>::LineNotAccepted { line: n });
				let id = OpenAccount::<T>::get(line.employee)
					.ok_or(Error::<T>::LineNoOpenAccount { line: n })?;
				let mut account = Accounts::<T>::get(id)
					.filter(|a| a.centre == e.centre)
					.ok_or(Error::<T>::LineNoOpenAccount { line: n })?;
				let rules = Centres::<T>::get(e.centre)
					.ok_or(Error::<T>::LineNoOpenAccount { line: n })?
					.rules;
				let within = |r: RateBps| rules.min_rate <= r && r <= rules.max_rate;
				ensure!(
					within(line.employee_rate) && within(line.employer_rate),
					Error::<T>::LineRateOutOfBounds { line: n }
				);
				ensure!(
					!Contributions::<T>::contains_key(line.employee, month),
					Error::<T>::LineAlreadyPaid { line: n }
				);
				let (employee_part, employer_part) = line.parts(&rules);
				let amount = employee_part.saturating_add(employer_part);
				ensure!(amount > 0, Error::<T>::LineZero { line: n });
				T::Currency::transfer_and_hold(
					&HoldReason::Fund.into(),
					&payer,
					&Self::purse_of(&line.employee),
					amount,
					Precision::Exact,
					Preservation::Expendable,
					Fortitude::Polite,
				)?;
				account.balance = account.balance.saturating_add(amount);
				account.contributed = account.contributed.saturating_add(amount);
				account.months = account.months.saturating_add(1);
				Accounts::<T>::insert(id, account);
				Totals::<T>::mutate(e.centre, |t| {
					t.held = t.held.saturating_add(amount);
					t.contributed = t.contributed.saturating_add(amount);
				});
				Contributions::<T>::insert(
					line.employee,
					month,
					Contribution {
						account: id,
						employer,
						payer: payer.clone(),
						employee_part,
						employer_part,
						paid_at: now,
					},
				);
				paid = paid.saturating_add(1);
				Self::deposit_event(Event::Contributed {
					employer,
					employee: line.employee,
					month,
					account: id,
					employee_part,
					employer_part,
				});
			}
			PaidCount::<T>::mutate(employer, month, |n| *n = n.saturating_add(paid));
			Ok(())
		}

		/// Requests that the holder's open or sealed account `account` move to centre `to`:
		/// signed by the holder's alias account (`purpose` none), or by staff of `to` under the
		/// holder's consent with scope `FundAccount` for `purpose` (the read is traced). After
		/// `RefusalsToEscalate` refusals in a row, the request is escalated at once
		/// (`TransferEscalated`).
		///
		/// ## Errors
		/// `UnknownCentre`, `UnknownAccount`, `NotActiveAccount`, `SameCentre`,
		/// `TransferPending`, `NotHolder`, `NotTheCentre`, `NoConsent`; the consortium's
		/// `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `TransferRequested`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::request_transfer())]
		pub fn request_transfer(
			origin: OriginFor<T>,
			holder: Alias,
			account: FundAccountId,
			to: AgencyId,
			purpose: Option<Purpose>,
		) -> DispatchResult {
			ensure!(Centres::<T>::contains_key(to), Error::<T>::UnknownCentre);
			let a = Accounts::<T>::get(account)
				.filter(|a| a.holder == holder)
				.ok_or(Error::<T>::UnknownAccount)?;
			ensure!(a.status.is_active(), Error::<T>::NotActiveAccount);
			ensure!(a.centre != to, Error::<T>::SameCentre);
			ensure!(!Transfers::<T>::contains_key(holder), Error::<T>::TransferPending);
			let by_centre = purpose.is_some();
			match purpose {
				None => {
					ensure!(Self::ensure_alias(origin)? == holder, Error::<T>::NotHolder);
				},
				Some(purpose) => {
					let (_, agency) =
						T::Agencies::ensure_capability(origin, Capability::ManageProvidentFund)?;
					ensure!(agency == to, Error::<T>::NotTheCentre);
					ensure!(
						T::Consent::has_consent(
							&holder,
							to,
							Scope::FundAccount,
							&purpose,
							T::Time::now()
						),
						Error::<T>::NoConsent
					);
					T::Consent::record_access(&holder, to, Scope::FundAccount, purpose, true);
				},
			}
			let deadline = T::Time::now().saturating_add(Self::transfer_deadline());
			let request = TransferRequest { from: account, to, deadline, escalated: false };
			Transfers::<T>::insert(holder, request.clone());
			Self::deposit_event(Event::TransferRequested {
				holder,
				account,
				to,
				deadline,
				by_centre,
			});
			if Refusals::<T>::get(holder) >= T::RefusalsToEscalate::get() {
				Self::mark_escalated(holder, request);
			}
			Ok(())
		}

		/// Approves a pending transfer, as the old centre: the balance and history move to the
		/// holder's account at the new centre at once.
		///
		/// ## Errors
		/// `NoTransfer`, `NotTheCentre`, `NotActiveAccount`, `OtherAccountOpen`,
		/// `AccountClosed`; the consortium's `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `AccountTransferred`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::approve_transfer())]
		pub fn approve_transfer(origin: OriginFor<T>, holder: Alias) -> DispatchResult {
			let centre = Self::ensure_centre(origin)?;
			let request = Transfers::<T>::get(holder).ok_or(Error::<T>::NoTransfer)?;
			Self::ensure_old_centre(&request, centre)?;
			Self::execute_transfer(holder, request, false)
		}

		/// Refuses a pending transfer, as the old centre, with a reason code. An escalated one
		/// cannot be refused: the consortium decides it. After `RefusalsToEscalate` refusals in
		/// a row, the holder's next request is escalated at once.
		///
		/// ## Errors
		/// `NoTransfer`, `NotTheCentre`, `Escalated`; the consortium's `NotStaff`,
		/// `MissingCapability`.
		///
		/// ## Events
		/// `TransferRefused`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::refuse_transfer())]
		pub fn refuse_transfer(origin: OriginFor<T>, holder: Alias, reason: u32) -> DispatchResult {
			let centre = Self::ensure_centre(origin)?;
			let request = Transfers::<T>::get(holder).ok_or(Error::<T>::NoTransfer)?;
			Self::ensure_old_centre(&request, centre)?;
			ensure!(!request.escalated, Error::<T>::Escalated);
			Transfers::<T>::remove(holder);
			let refusals = Refusals::<T>::mutate(holder, |n| {
				*n = n.saturating_add(1);
				*n
			});
			Self::deposit_event(Event::TransferRefused { holder, by: centre, reason, refusals });
			Ok(())
		}

		/// Escalates a transfer the old centre left unanswered past its deadline, as the
		/// holder's alias account or staff of the new centre: the consortium may then force it.
		///
		/// ## Errors
		/// `NoTransfer`, `NotYetDue`, `AlreadyEscalated`, `NotHolder`.
		///
		/// ## Events
		/// `TransferEscalated`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::escalate_transfer())]
		pub fn escalate_transfer(origin: OriginFor<T>, holder: Alias) -> DispatchResult {
			let request = Transfers::<T>::get(holder).ok_or(Error::<T>::NoTransfer)?;
			let by_new_centre =
				T::Agencies::ensure_capability(origin.clone(), Capability::ManageProvidentFund)
					.is_ok_and(|(_, agency)| agency == request.to);
			if !by_new_centre {
				let who = ensure_signed(origin)?;
				ensure!(
					T::Aliases::alias_of(&who, Domain::Fund) == Some(holder),
					Error::<T>::NotHolder
				);
			}
			ensure!(T::Time::now() >= request.deadline, Error::<T>::NotYetDue);
			ensure!(!request.escalated, Error::<T>::AlreadyEscalated);
			Self::mark_escalated(holder, request);
			Ok(())
		}

		/// Forces an escalated transfer. By consortium vote.
		///
		/// ## Errors
		/// `NoTransfer`, `NotEscalated`, `NotActiveAccount`, `OtherAccountOpen`,
		/// `AccountClosed`.
		///
		/// ## Events
		/// `AccountTransferred`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::approve_transfer())]
		pub fn force_transfer(origin: OriginFor<T>, holder: Alias) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			let request = Transfers::<T>::get(holder).ok_or(Error::<T>::NoTransfer)?;
			ensure!(request.escalated, Error::<T>::NotEscalated);
			Self::execute_transfer(holder, request, true)
		}

		/// Pays `amount` out of an open or sealed account of the caller's centre, at the
		/// holder's request, for an approved purpose backed by a document (its salted hash), to
		/// `to`, the holder's alias account. A retirement withdrawal takes the whole balance and
		/// closes the account.
		///
		/// ## Errors
		/// `UnknownAccount`, `NotTheCentre`, `NotActiveAccount`, `NotHolder`, `ZeroAmount`,
		/// `InsufficientFund`, `RetirementTakesAll`; the consortium's `NotStaff`,
		/// `MissingCapability`.
		///
		/// ## Events
		/// `Withdrawn`.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(
			origin: OriginFor<T>,
			account: FundAccountId,
			amount: Amount,
			purpose: WithdrawalPurpose,
			document: H256,
			to: T::AccountId,
		) -> DispatchResult {
			let centre = Self::ensure_centre(origin)?;
			let mut a = Accounts::<T>::get(account).ok_or(Error::<T>::UnknownAccount)?;
			ensure!(a.centre == centre, Error::<T>::NotTheCentre);
			ensure!(a.status.is_active(), Error::<T>::NotActiveAccount);
			ensure!(
				T::Aliases::account_of(&a.holder, Domain::Fund).as_ref() == Some(&to),
				Error::<T>::NotHolder
			);
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			ensure!(amount <= a.balance, Error::<T>::InsufficientFund);
			let closed = purpose == WithdrawalPurpose::Retirement;
			ensure!(!closed || amount == a.balance, Error::<T>::RetirementTakesAll);
			Self::pay_out(&a.holder, &to, amount)?;
			a.balance = a.balance.saturating_sub(amount);
			if closed {
				a.status = AccountStatus::Closed;
				if OpenAccount::<T>::get(a.holder) == Some(account) {
					OpenAccount::<T>::remove(a.holder);
				}
			}
			Accounts::<T>::insert(account, a);
			Totals::<T>::mutate(centre, |t| {
				t.held = t.held.saturating_sub(amount);
				t.withdrawn = t.withdrawn.saturating_add(amount);
			});
			Self::deposit_event(Event::Withdrawn {
				account,
				purpose,
				document,
				amount,
				to,
				closed,
			});
			Ok(())
		}

		/// Reads, as the caller's agency, a holder's fund balance (all its accounts) and where
		/// its open account is, under the holder's consent with scope `FundAccount` for
		/// `purpose`; the read is in the event and the holder's access log.
		///
		/// ## Errors
		/// `NoConsent` (also for an unknown alias); the consortium's `NotStaff`.
		///
		/// ## Events
		/// `AccountVerified`.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::verify_account())]
		pub fn verify_account(
			origin: OriginFor<T>,
			holder: Alias,
			purpose: Purpose,
		) -> DispatchResult {
			let (_, agency) = T::Agencies::ensure_staff(origin)?;
			ensure!(
				T::Consent::has_consent(
					&holder,
					agency,
					Scope::FundAccount,
					&purpose,
					T::Time::now()
				),
				Error::<T>::NoConsent
			);
			let balance = Self::fund_balance(&holder);
			let open_at =
				OpenAccount::<T>::get(holder).and_then(Accounts::<T>::get).map(|a| a.centre);
			T::Consent::record_access(&holder, agency, Scope::FundAccount, purpose, true);
			Self::deposit_event(Event::AccountVerified { holder, agency, balance, open_at });
			Ok(())
		}

		/// Accepts, as the employee (its alias account signs), the employment `employer`
		/// declared: from then on the employer contributes for it. A worker accepts only what
		/// it agreed to, so a stranger's declaration cannot take its months.
		///
		/// ## Errors
		/// `NoAlias`, `NotEmployed` (no declaration, or one that ended), `AlreadyAccepted`.
		///
		/// ## Events
		/// `EmploymentAccepted`.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::accept_employment())]
		pub fn accept_employment(origin: OriginFor<T>, employer: Alias) -> DispatchResult {
			let employee = Self::ensure_alias(origin)?;
			let mut e = Employees::<T>::get(employer, employee)
				.filter(|e| e.until.is_none())
				.ok_or(Error::<T>::NotEmployed)?;
			ensure!(!e.accepted, Error::<T>::AlreadyAccepted);
			e.accepted = true;
			Employees::<T>::insert(employer, employee, e);
			Self::deposit_event(Event::EmploymentAccepted { employer, employee });
			Ok(())
		}

		/// Reverses a wrong contribution, as the centre that keeps the account holding it now
		/// (the account it was paid into, or the one that took its books over by transfers):
		/// both parts go back, from the employee's fund purse, to the account that paid them;
		/// the month is free again, and the account's and the centre's books shrink by it.
		/// `reason` is a code of the centre's.
		///
		/// ## Errors
		/// `UnknownContribution`, `UnknownAccount`, `NotTheCentre`, `InsufficientFund` (the
		/// account paid it out since); the consortium's `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `ContributionReversed`.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::reverse_contribution())]
		pub fn reverse_contribution(
			origin: OriginFor<T>,
			employee: Alias,
			month: Month,
			reason: u32,
		) -> DispatchResult {
			let centre = Self::ensure_centre(origin)?;
			let c =
				Contributions::<T>::get(employee, month).ok_or(Error::<T>::UnknownContribution)?;
			let (id, mut a) = Self::books_of(c.account)?;
			ensure!(a.centre == centre, Error::<T>::NotTheCentre);
			let amount = c.employee_part.saturating_add(c.employer_part);
			ensure!(amount <= a.balance, Error::<T>::InsufficientFund);
			Self::pay_out(&employee, &c.payer, amount)?;
			a.balance = a.balance.saturating_sub(amount);
			a.contributed = a.contributed.saturating_sub(amount);
			a.months = a.months.saturating_sub(1);
			Accounts::<T>::insert(id, a);
			Totals::<T>::mutate(centre, |t| {
				t.held = t.held.saturating_sub(amount);
				t.reversed = t.reversed.saturating_add(amount);
			});
			Contributions::<T>::remove(employee, month);
			PaidCount::<T>::mutate_exists(c.employer, month, |n| {
				*n = n.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0);
			});
			Self::deposit_event(Event::ContributionReversed {
				employee,
				month,
				account: id,
				amount,
				by: centre,
				reason,
			});
			Ok(())
		}

		/// Asks `centre` to open (or reopen) the signer's fund account there, as the holder's
		/// alias account: a centre opens an account only when its holder asked it, so no centre
		/// captures another city's worker. The last request stands.
		///
		/// ## Errors
		/// `NoAlias`, `UnknownCentre`, `UnknownAlias`, `NotNaturalPerson`, `AlreadyOpen`.
		///
		/// ## Events
		/// `AccountRequested`.
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::request_account())]
		pub fn request_account(origin: OriginFor<T>, centre: AgencyId) -> DispatchResult {
			let holder = Self::ensure_alias(origin)?;
			ensure!(Centres::<T>::contains_key(centre), Error::<T>::UnknownCentre);
			Self::ensure_kind(&holder, SubjectKind::Citizen, Error::<T>::NotNaturalPerson)?;
			ensure!(!OpenAccount::<T>::contains_key(holder), Error::<T>::AlreadyOpen);
			AccountRequests::<T>::insert(holder, centre);
			Self::deposit_event(Event::AccountRequested { holder, centre });
			Ok(())
		}
	}

	/// Public facts only: a centre's totals, an employer's months (counts, not persons).
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// A centre's city, rules and totals.
		pub fn centre(agency: AgencyId) -> Option<(Centre, CentreTotals)> {
			Centres::<T>::get(agency).map(|c| (c, Totals::<T>::get(agency)))
		}

		/// An employer's months from `from` to `to` (at most 120 months): for each, how many
		/// employees it had declared and how many it paid for. A month with fewer paid than
		/// declared is in arrears.
		pub fn employer_months(employer: Alias, from: Month, to: Month) -> Vec<(Month, u32, u32)> {
			let employments: Vec<Employment> =
				Employees::<T>::iter_prefix_values(employer).collect();
			let mut out = Vec::new();
			let mut m = from;
			while is_month(m) && m <= to && out.len() < 120 {
				let declared = employments
					.iter()
					.filter(|e| e.from <= m && e.until.is_none_or(|u| m <= u))
					.count() as u32;
				out.push((m, declared, PaidCount::<T>::get(employer, m)));
				m = next_month(m);
			}
			out
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The fund purse of a fund alias: derived from this pallet's id and the alias; nobody
	/// holds its key.
	pub fn purse_of(holder: &Alias) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(holder)
	}

	/// What a fund alias's purse holds for the fund: the sum of its accounts' balances.
	pub fn fund_balance(holder: &Alias) -> Amount {
		T::Currency::balance_on_hold(&HoldReason::Fund.into(), &Self::purse_of(holder))
	}

	/// Pays `amount` held on `holder`'s fund purse to `to`, free.
	fn pay_out(holder: &Alias, to: &T::AccountId, amount: Amount) -> DispatchResult {
		T::Currency::transfer_on_hold(
			&HoldReason::Fund.into(),
			&Self::purse_of(holder),
			to,
			amount,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Polite,
		)?;
		Ok(())
	}

	/// Marks a transfer request escalated: the consortium may force it.
	fn mark_escalated(holder: Alias, mut request: TransferRequest) {
		request.escalated = true;
		let from = Accounts::<T>::get(request.from).map(|a| a.centre).unwrap_or_default();
		let to = request.to;
		Transfers::<T>::insert(holder, request);
		Self::deposit_event(Event::TransferEscalated { holder, from, to });
	}

	/// How long an old centre has to answer a transfer request.
	fn transfer_deadline() -> Moment {
		match TransferDeadline::<T>::get() {
			0 => T::DefaultTransferDeadline::get(),
			d => d,
		}
	}

	/// Escalates overdue transfer requests within `limit`; returns the weight used.
	pub fn escalate_overdue(limit: Weight) -> Weight {
		let per_request = T::WeightInfo::escalate_transfer();
		let mut used = T::DbWeight::get().reads_writes(1, 1);
		if limit.any_lt(used.saturating_add(per_request)) {
			return Weight::zero();
		}
		let now = T::Time::now();
		let mut requests = match EscalationCursor::<T>::get() {
			Some(key) => Transfers::<T>::iter_from(key.into_inner()),
			None => Transfers::<T>::iter(),
		};
		let mut last = None;
		let mut done = false;
		while limit.all_gte(used.saturating_add(per_request)) {
			let Some((holder, request)) = requests.next() else {
				done = true;
				break;
			};
			used = used.saturating_add(per_request);
			if !request.escalated && now >= request.deadline {
				Self::mark_escalated(holder, request);
			}
			last = Some(holder);
		}
		match last.filter(|_| !done) {
			Some(holder) => {
				let key = Transfers::<T>::hashed_key_for(holder);
				EscalationCursor::<T>::set(BoundedVec::try_from(key).ok());
			},
			None => EscalationCursor::<T>::kill(),
		}
		used
	}

	/// Ensures the origin is staff of a fund centre holding `ManageProvidentFund`.
	fn ensure_centre(origin: OriginFor<T>) -> Result<AgencyId, DispatchError> {
		let (_, agency) = T::Agencies::ensure_capability(origin, Capability::ManageProvidentFund)?;
		ensure!(Centres::<T>::contains_key(agency), Error::<T>::UnknownCentre);
		Ok(agency)
	}

	/// The fund alias the signer acts under.
	fn ensure_alias(origin: OriginFor<T>) -> Result<Alias, DispatchError> {
		let who = ensure_signed(origin)?;
		Ok(T::Aliases::alias_of(&who, Domain::Fund).ok_or(Error::<T>::NoAlias)?)
	}

	/// Ensures `alias` is a live fund alias of a person of `kind` (`wrong` otherwise).
	fn ensure_kind(alias: &Alias, kind: SubjectKind, wrong: Error<T>) -> DispatchResult {
		let found = T::Aliases::kind_of(alias, Domain::Fund).ok_or(Error::<T>::UnknownAlias)?;
		ensure!(found == kind, wrong);
		Ok(())
	}

	/// The account that keeps the books of account `id` now: `id`, or the account its books
	/// moved to by transfers (one hop per centre at most).
	fn books_of(mut id: FundAccountId) -> Result<(FundAccountId, FundAccount), DispatchError> {
		for _ in 0..=T::MaxCentres::get() {
			let a = Accounts::<T>::get(id).ok_or(Error::<T>::UnknownAccount)?;
			match a.status {
				AccountStatus::TransferredOut { to } => id = to,
				_ => return Ok((id, a)),
			}
		}
		Err(Error::<T>::UnknownAccount.into())
	}

	/// Ensures `centre` keeps the account a transfer moves.
	fn ensure_old_centre(request: &TransferRequest, centre: AgencyId) -> DispatchResult {
		let from = Accounts::<T>::get(request.from).ok_or(Error::<T>::UnknownAccount)?;
		ensure!(from.centre == centre, Error::<T>::NotTheCentre);
		Ok(())
	}

	/// A new, open, empty account of `holder` at `centre`. The holder's fund purse comes into
	/// existence with its first account: this pallet provides for it (as the consortium does
	/// for enrolled accounts), so that it can hold money with no free balance, for good.
	fn new_account(holder: Alias, centre: AgencyId) -> FundAccountId {
		let purse = Self::purse_of(&holder);
		if frame_system::Pallet::<T>::providers(&purse) == 0 {
			let _ = frame_system::Pallet::<T>::inc_providers(&purse);
		}
		let id = NextAccountId::<T>::get();
		NextAccountId::<T>::put(id.saturating_add(1));
		Accounts::<T>::insert(
			id,
			FundAccount {
				holder,
				centre,
				status: AccountStatus::Open,
				balance: 0,
				contributed: 0,
				months: 0,
				from: None,
			},
		);
		AccountAt::<T>::insert(holder, centre, id);
		Totals::<T>::mutate(centre, |t| t.accounts = t.accounts.saturating_add(1));
		id
	}

	/// Moves the account of a transfer request to the holder's account at the new centre
	/// (opened, or reopened): balance, months and amount contributed. The money stays on the
	/// holder's purse, held: only the books move.
	fn execute_transfer(holder: Alias, request: TransferRequest, forced: bool) -> DispatchResult {
		let mut from = Accounts::<T>::get(request.from).ok_or(Error::<T>::UnknownAccount)?;
		ensure!(from.status.is_active(), Error::<T>::NotActiveAccount);
		let existing = AccountAt::<T>::get(holder, request.to);
		if let Some(open) = OpenAccount::<T>::get(holder) {
			ensure!(open == request.from || Some(open) == existing, Error::<T>::OtherAccountOpen);
		}
		let to_id = match existing {
			Some(id) => {
				let a = Accounts::<T>::get(id).ok_or(Error::<T>::UnknownAccount)?;
				ensure!(a.status != AccountStatus::Closed, Error::<T>::AccountClosed);
				id
			},
			None => Self::new_account(holder, request.to),
		};
		let mut to = Accounts::<T>::get(to_id).ok_or(Error::<T>::UnknownAccount)?;
		let amount = from.balance;
		to.status = AccountStatus::Open;
		to.balance = to.balance.saturating_add(amount);
		to.contributed = to.contributed.saturating_add(from.contributed);
		to.months = to.months.saturating_add(from.months);
		to.from = Some(request.from);
		from.status = AccountStatus::TransferredOut { to: to_id };
		from.balance = 0;
		from.contributed = 0;
		from.months = 0;
		Totals::<T>::mutate(from.centre, |t| {
			t.held = t.held.saturating_sub(amount);
			t.transferred_out = t.transferred_out.saturating_add(amount);
		});
		Totals::<T>::mutate(request.to, |t| {
			t.held = t.held.saturating_add(amount);
			t.transferred_in = t.transferred_in.saturating_add(amount);
		});
		Accounts::<T>::insert(request.from, from);
		Accounts::<T>::insert(to_id, to);
		OpenAccount::<T>::insert(holder, to_id);
		Transfers::<T>::remove(holder);
		Refusals::<T>::remove(holder);
		AccountRequests::<T>::remove(holder);
		Self::deposit_event(Event::AccountTransferred {
			holder,
			from: request.from,
			to: to_id,
			amount,
			forced,
		});
		Ok(())
	}

	/// Checks the pallet's invariants.
	///
	/// - every account is indexed in `AccountAt` under its holder and centre; an account
	///   transferred out or closed is empty; an account is open exactly when it is its holder's
	///   `OpenAccount`;
	/// - per centre, the sum of its accounts' balances equals its `held` total, and its account
	///   count is right;
	/// - per holder, the balance on hold on its fund purse equals the sum of its accounts'
	///   balances;
	/// - in all, held == contributed − withdrawn − reversed, and transfers in equal transfers
	///   out; the centre count is right;
	/// - each month paid is recorded once per holder, in an account of that holder, by an
	///   employment the holder accepted, and each employer's paid count per month matches its
	///   recorded contributions;
	/// - an account request names a centre and a holder with no open account; refusals are
	///   counted for holders with accounts only.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::BTreeMap;
		let mut per_centre = BTreeMap::<AgencyId, (Amount, u32)>::new();
		let mut per_holder = BTreeMap::<Alias, Amount>::new();
		for (id, a) in Accounts::<T>::iter() {
			ensure!(id < NextAccountId::<T>::get(), "account id not yet issued");
			ensure!(AccountAt::<T>::get(a.holder, a.centre) == Some(id), "account not indexed");
			if matches!(a.status, AccountStatus::TransferredOut { .. } | AccountStatus::Closed) {
				ensure!(a.balance == 0, "a moved or closed account holds money");
			}
			ensure!(
				(a.status == AccountStatus::Open) == (OpenAccount::<T>::get(a.holder) == Some(id)),
				"open account out of step"
			);
			let c = per_centre.entry(a.centre).or_default();
			c.0 = c.0.saturating_add(a.balance);
			c.1 = c.1.saturating_add(1);
			let p = per_holder.entry(a.holder).or_default();
			*p = p.saturating_add(a.balance);
		}
		let (mut held, mut contributed, mut withdrawn, mut reversed, mut t_in, mut t_out) =
			(0u128, 0u128, 0u128, 0u128, 0u128, 0u128);
		for (centre, t) in Totals::<T>::iter() {
			let (sum, n) = per_centre.get(&centre).copied().unwrap_or_default();
			ensure!(sum == t.held, "a centre's held total differs from its accounts");
			ensure!(n == t.accounts, "a centre's account count is wrong");
			held = held.saturating_add(t.held);
			contributed = contributed.saturating_add(t.contributed);
			withdrawn = withdrawn.saturating_add(t.withdrawn);
			reversed = reversed.saturating_add(t.reversed);
			t_in = t_in.saturating_add(t.transferred_in);
			t_out = t_out.saturating_add(t.transferred_out);
		}
		ensure!(
			per_centre.keys().all(Totals::<T>::contains_key),
			"accounts of a centre without totals"
		);
		ensure!(
			held == contributed.saturating_sub(withdrawn).saturating_sub(reversed),
			"held != contributed - withdrawn - reversed"
		);
		ensure!(t_in == t_out, "transfers in differ from transfers out");
		ensure!(
			Centres::<T>::iter().count() as u32 == CentreCount::<T>::get(),
			"centre count out of step"
		);
		for (holder, sum) in per_holder {
			ensure!(
				Self::fund_balance(&holder) == sum,
				"a purse's hold differs from its holder's accounts"
			);
		}
		let mut paid = BTreeMap::<(Alias, Month), u32>::new();
		for (holder, month, c) in Contributions::<T>::iter() {
			let a = Accounts::<T>::get(c.account).ok_or("contribution to an unknown account")?;
			ensure!(a.holder == holder, "contribution to another holder's account");
			ensure!(
				Employees::<T>::get(c.employer, holder).is_some_and(|e| e.accepted),
				"contribution without an accepted employment"
			);
			let n = paid.entry((c.employer, month)).or_default();
			*n = n.saturating_add(1);
		}
		for (employer, month, n) in PaidCount::<T>::iter() {
			ensure!(
				paid.get(&(employer, month)).copied().unwrap_or(0) == n,
				"paid count out of step"
			);
		}
		ensure!(paid.len() == PaidCount::<T>::iter().count(), "paid months not counted");
		for (holder, id) in OpenAccount::<T>::iter() {
			let a = Accounts::<T>::get(id).ok_or("open account unknown")?;
			ensure!(a.holder == holder, "open account of another holder");
		}
		for (holder, centre) in AccountRequests::<T>::iter() {
			ensure!(Centres::<T>::contains_key(centre), "an account asked of no centre");
			ensure!(!OpenAccount::<T>::contains_key(holder), "an account asked while one is open");
		}
		for (holder, _) in Refusals::<T>::iter() {
			ensure!(
				AccountAt::<T>::iter_prefix(holder).next().is_some(),
				"refusals of a holder without accounts"
			);
		}
		Ok(())
	}
}
