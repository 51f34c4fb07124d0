//! # Wage-escrow pallet
//!
//! Construction projects whose money a bureau supervises from deposit to the last wage: the
//! developer deposits into the project's escrow, the bureau releases milestone payments to the
//! general contractor and keeps each release's wage share back in the wage reserve, and on pay
//! day the chain itself pays every approved payroll from the reserve into each worker's
//! account. When the reserve falls short, the project is in arrears for everyone to see and no
//! milestone reaches the contractor until the developer tops up.
//!
//! ## Terminology
//! - **Bureau**: a member agency holding `SuperviseConstruction`; it registers projects,
//!   releases milestones, approves or rejects payrolls and closes projects.
//! - **Wages alias**: the alias a person acts under in this domain (`docs/privacy.md`,
//!   `pallet-civitas-aliases`, [`Domain::Wages`]): stable for the person, tied by nobody to its
//!   id nor to its aliases in other domains, and live only while the person is. Every person
//!   this pallet knows (developer, contractor, worker) it knows by wages alias; a person's
//!   call is signed by the alias's account, and money goes to the alias account current when
//!   it is paid (after a rotation of the binding, the new key: never a stale one).
//! - **Project**: developer and general contractor (legal persons' wages aliases), budget,
//!   wage share of each milestone (a percentage), pay day of the month (1 to 28).
//! - **Project account**: derived from this pallet's id and the project id; nobody holds its
//!   key. Every deposit moves there under this pallet's hold reason [`HoldReason::Escrow`]: the
//!   money is never a loose pallet-owned balance, and what is held there is always the
//!   project's escrow + reserve + what is being paid ([`Books`]).
//! - **Escrow**: held money not yet allotted; milestones are released from it.
//! - **Wage reserve**: held money for wages: the wage share of each milestone release, and the
//!   developer's top-ups while in arrears.
//! - **Roster**: the places the contractor offers on a project, each to a worker's wages alias
//!   (a natural person's, which the worker showed it); a worker **accepts** its place
//!   ([`Pallet::accept_place`]) before any payroll names it, so the count of a worker's
//!   projects (`MaxProjectsPerWorker`) is of places it accepted: a stranger contractor cannot
//!   fill it. A worker may leave a roster ([`Pallet::leave_roster`]).
//! - **Payroll**: one month of a project: lines of (worker, days, wage). It falls due on the
//!   project's pay day of the month after (October's payroll on 10 November for pay day 10).
//!
//! ## Payroll and pay day
//! The contractor submits a month's payroll ([`Pallet::submit_payroll`]). Until its review
//! ends (a period set by vote), a worker may dispute their line ([`Pallet::dispute_line`]).
//! The bureau approves it ([`Pallet::approve_payroll`], disputes or not: it decides) or rejects
//! it ([`Pallet::reject_payroll`]; the contractor submits a corrected one). A payroll whose
//! review ends undisputed is approved by the chain itself; a disputed one waits for the
//! bureau (`AwaitingBureau`).
//!
//! Payment needs no transaction. The chain keeps an **agenda**: payrolls by the day on which
//! something is due (the end of a review, a pay day). At the start of every block, after the
//! inherents (`on_poll`, so with the block's own time), it works through the agenda from the
//! first day not yet done up to today, within a weight budget of its own (a tenth of the
//! block in the runtime): it approves the payrolls whose review ended undisputed and pays those
//! that are due. A due payroll's whole total is first set aside from the reserve (`Paying`),
//! then its lines are paid in order, one `WagePaid` event each, as many per block as the budget
//! allows; the payroll's `next` index is the cursor, so the next block resumes at the first
//! unpaid line and no worker is skipped or paid twice.
//!
//! If the reserve cannot cover a due payroll's total, nothing is paid: the payroll is parked,
//! the project is **in arrears** (`ArrearsDetected` names the project, month and shortfall)
//! and milestone releases are refused. The developer's next deposits go to the reserve first;
//! once the reserve covers what is owed (`ArrearsCleared`), the parked payrolls are back on
//! the agenda and are paid in full at the next block.
//!
//! A line is paid to the worker's wages alias account current on pay day. If the alias has no
//! live account then (the person's ring was revised and the wallet did not bind again within
//! the grace), the wage is kept as **unclaimed** on the project account (`WagePaymentFailed`,
//! marked on its line) and the worker's alias account claims it later
//! ([`Pallet::claim_wage`]): nothing is lost, and nobody else can take it.
//!
//! ## Who can learn what
//! A project's books, budget and arrears are public facts (public works money), served by the
//! view functions [`Pallet::project`] and [`Pallet::projects_in_arrears`]. The state, the
//! events and the calls name wages aliases, never a person id or an account the identity
//! registry ties to a person: rosters, payroll lines and payments name the workers' aliases,
//! days and amounts. Who knows a worker's wages alias: the worker, the contractor (which
//! offers the place) and, through the payrolls, the bureau; an agency that knows the person's
//! id cannot find it. A worker reads its own payments from the state (`Payments`, keyed by
//! its alias). No view function answers a question about a worker.
//!
//! ## Erasure
//! The pallet holds no person id, so it has no erasure hook: erasing a person takes its
//! member key out of its ring and its wages alias ends after the rings' grace. Its places
//! stay until the contractor removes them or the project closes; lines already submitted stay
//! (the wage is owed: one that falls due after the alias ended is kept as unclaimed, on the
//! project account); payments stay (payroll records that labour law keeps) under an alias
//! nobody can tie to the erased id.
//!
//! ## Calls
//! - Consortium vote: [`Pallet::set_review_period`].
//! - The bureau (`SuperviseConstruction`): [`Pallet::register_project`],
//!   [`Pallet::release_milestone`], [`Pallet::approve_payroll`], [`Pallet::reject_payroll`],
//!   [`Pallet::close_project`].
//! - The developer's alias account: [`Pallet::deposit`].
//! - The contractor's alias account: [`Pallet::add_worker`], [`Pallet::remove_worker`],
//!   [`Pallet::submit_payroll`].
//! - A worker's alias account: [`Pallet::accept_place`], [`Pallet::leave_roster`],
//!   [`Pallet::dispute_line`], [`Pallet::claim_wage`].

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
	day_start, is_month, month_of, next_month, AgencyAuthority, AgencyId, Alias, Aliases,
	Capability, Domain, Moment, SubjectKind, MS_PER_DAY,
};
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, InspectHold, Mutate, MutateHold},
		tokens::{Fortitude, Precision, Preservation, Restriction},
		Get, Time,
	},
	weights::WeightMeter,
	PalletId,
};
use frame_system::pallet_prelude::*;
use sp_core::H256;
use sp_runtime::{traits::AccountIdConversion, DispatchError, Percent};

/// The lines of one payroll.
pub type LinesOf<T> = BoundedVec<PayrollLine, <T as Config>::MaxPayrollLines>;

/// What became of a payroll the agenda visited.
#[derive(PartialEq, Eq, Debug)]
enum Visit {
	/// Off the agenda of this day (approved for a later day, paid, parked, or awaiting the
	/// bureau).
	Done,
	/// Not ready yet: it stays.
	NotYet,
	/// The budget ran out half-way: it stays, and the next block resumes it.
	OutOfWeight,
}

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

		/// Persons' wages aliases: which alias an account acts under, which account an alias
		/// acts through, and whether it is a natural or a legal person.
		type Aliases: Aliases<Self::AccountId>;

		/// The current time (ms since the Unix epoch).
		type Time: Time<Moment = Moment>;

		/// The settlement unit, held on the project accounts.
		type Currency: Mutate<Self::AccountId, Balance = Amount>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ InspectHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// The consortium's authority: the review period.
		type ConsortiumOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Project accounts are derived from this id and the project id.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Most lines in one payroll (at most 65 535: errors name a line by 16 bits).
		#[pallet::constant]
		type MaxPayrollLines: Get<u32>;

		/// Most workers on one project's roster.
		#[pallet::constant]
		type MaxRoster: Get<u32>;

		/// Most projects a worker holds an accepted place on at once.
		#[pallet::constant]
		type MaxProjectsPerWorker: Get<u32>;

		/// Most payrolls of one project submitted and not yet paid.
		#[pallet::constant]
		type MaxUnpaid: Get<u32>;

		/// How long (ms) workers may dispute a payroll, until a vote sets it.
		#[pallet::constant]
		type DefaultReviewPeriod: Get<Moment>;

		/// The weight each block may spend on the agenda (approving and paying payrolls).
		#[pallet::constant]
		type PayDayWeight: Get<Weight>;

		/// Weights of this pallet's calls and of the agenda.
		type WeightInfo: WeightInfo;

		/// Agencies, persons and money for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: benchmarking::BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds balance.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A project's escrow, wage reserve and wages being paid, on its project account.
		Escrow,
	}

	/// Projects.
	#[pallet::storage]
	pub type Projects<T: Config> = StorageMap<_, Twox64Concat, ProjectId, Project>;

	/// The id the next project gets.
	#[pallet::storage]
	pub type NextProjectId<T: Config> = StorageValue<_, ProjectId, ValueQuery>;

	/// Each project's roster: worker's wages alias → its place (offered or accepted).
	#[pallet::storage]
	pub type Roster<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ProjectId, Blake2_128Concat, Alias, Place>;

	/// The projects each worker (wages alias) holds an accepted place on.
	#[pallet::storage]
	pub type ProjectsOfWorker<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		Alias,
		BoundedVec<ProjectId, T::MaxProjectsPerWorker>,
		ValueQuery,
	>;

	/// Payrolls, by project and month.
	#[pallet::storage]
	pub type Payrolls<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ProjectId, Twox64Concat, Month, Payroll>;

	/// Payroll lines, by (project, month) and line index.
	#[pallet::storage]
	pub type PayLines<T: Config> =
		StorageDoubleMap<_, Twox64Concat, (ProjectId, Month), Twox64Concat, LineIndex, PayLine>;

	/// Wages paid, by worker (wages alias) and (project, month): at most one per worker,
	/// project and month.
	#[pallet::storage]
	pub type Payments<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		Alias,
		Twox64Concat,
		(ProjectId, Month),
		WagePayment<T::AccountId>,
	>;

	/// The agenda: payrolls by the day on which something is due for them.
	#[pallet::storage]
	pub type Agenda<T: Config> =
		StorageDoubleMap<_, Twox64Concat, Day, Twox64Concat, (ProjectId, Month), ()>;

	/// The first day of the agenda not yet done (none: today).
	#[pallet::storage]
	pub type AgendaDay<T: Config> = StorageValue<_, Day>;

	/// Projects in arrears, by bureau.
	#[pallet::storage]
	pub type InArrears<T: Config> =
		StorageDoubleMap<_, Twox64Concat, AgencyId, Twox64Concat, ProjectId, Arrears>;

	/// Payrolls that fell due and the reserve could not cover, by project and month.
	#[pallet::storage]
	pub type Parked<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ProjectId, Twox64Concat, Month, ()>;

	/// How long (ms) workers may dispute a payroll (0: the default).
	#[pallet::storage]
	pub type ReviewPeriod<T: Config> = StorageValue<_, Moment, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The time workers have to dispute a payroll changed.
		ReviewPeriodSet { period: Moment },
		/// A bureau registered a project.
		ProjectRegistered {
			project: ProjectId,
			bureau: AgencyId,
			developer: Alias,
			contractor: Alias,
			budget: Amount,
			wage_share: Percent,
			pay_day: u8,
		},
		/// The developer deposited into the escrow; `to_reserve` of it covered arrears.
		Deposited { project: ProjectId, amount: Amount, to_reserve: Amount },
		/// The bureau released a milestone: `to_contractor` paid, `to_reserve` kept back for
		/// wages.
		MilestoneReleased {
			project: ProjectId,
			amount: Amount,
			to_contractor: Amount,
			to_reserve: Amount,
			document: H256,
		},
		/// The contractor offered a worker a place on the roster.
		WorkerAdded { project: ProjectId, worker: Alias },
		/// The worker accepted its place: payrolls may name it.
		PlaceAccepted { project: ProjectId, worker: Alias },
		/// A worker left the roster (removed by the contractor, by itself, or at closure).
		WorkerRemoved { project: ProjectId, worker: Alias },
		/// The contractor submitted a month's payroll.
		PayrollSubmitted {
			project: ProjectId,
			month: Month,
			lines: LineIndex,
			total: Amount,
			review_until: Moment,
			due: Moment,
		},
		/// A worker disputes their line, for a reason (hash of the complaint).
		LineDisputed {
			project: ProjectId,
			month: Month,
			line: LineIndex,
			worker: Alias,
			reason: H256,
		},
		/// A payroll was approved: by the bureau, or (`auto`) by its review ending undisputed.
		PayrollApproved { project: ProjectId, month: Month, auto: bool },
		/// The bureau rejected a payroll; the contractor may submit it again.
		PayrollRejected { project: ProjectId, month: Month, reason: H256 },
		/// A payroll's review ended with disputes: the bureau decides.
		AwaitingBureau { project: ProjectId, month: Month, disputes: LineIndex },
		/// A wage was paid into a worker's alias account (on pay day, or claimed later).
		WagePaid {
			project: ProjectId,
			month: Month,
			worker: Alias,
			account: T::AccountId,
			amount: Amount,
		},
		/// A wage could not be paid (the worker's alias had no live account): it is held as
		/// unclaimed until the worker claims it.
		WagePaymentFailed { project: ProjectId, month: Month, worker: Alias, amount: Amount },
		/// Every line of a payroll was paid.
		PayrollPaid { project: ProjectId, month: Month, total: Amount },
		/// A payroll fell due and the reserve could not cover it: nothing was paid; milestones
		/// are refused until the developer tops up by `shortfall`.
		ArrearsDetected { project: ProjectId, month: Month, shortfall: Amount },
		/// The reserve covers what was owed: the parked payrolls are paid at the next block.
		ArrearsCleared { project: ProjectId },
		/// A project was closed; the unused escrow went back to the developer's alias account.
		ProjectClosed { project: ProjectId, refunded: Amount },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// A zero review period.
		BadPeriod,
		/// The signer acts under no live wages alias.
		NoAlias,
		/// Not a live wages alias.
		UnknownAlias,
		/// Developers and contractors are legal persons.
		NotLegalPerson,
		/// Workers are natural persons.
		NotNaturalPerson,
		/// The developer and the contractor are one alias.
		SameParty,
		/// A zero budget or amount.
		ZeroAmount,
		/// The wage share is not between 1 and 100 %.
		BadWageShare,
		/// The pay day is not between 1 and 28.
		BadPayDay,
		/// No such project.
		UnknownProject,
		/// The project is closed.
		ProjectClosed,
		/// The caller's agency is not the project's bureau.
		NotTheBureau,
		/// The signer's wages alias is not the project's developer.
		NotDeveloper,
		/// The signer's wages alias is not the project's contractor.
		NotContractor,
		/// The contractor's wages alias has no live account to pay a milestone to: it binds
		/// again first.
		ContractorGone,
		/// The developer's wages alias has no live account to refund: it binds again first.
		DeveloperGone,
		/// The escrow holds less than the milestone.
		InsufficientEscrow,
		/// The milestones released would exceed the budget.
		OverBudget,
		/// The project is in arrears: no milestone until the developer tops up.
		InArrears,
		/// The worker is on the roster already.
		AlreadyOnRoster,
		/// The worker is not on the roster.
		NotOnRoster,
		/// The worker accepted this place already.
		AlreadyAccepted,
		/// The roster has `MaxRoster` workers.
		RosterFull,
		/// The worker holds accepted places on `MaxProjectsPerWorker` projects.
		TooManyProjects,
		/// Not a month (year × 100 + 1 to 12).
		BadMonth,
		/// The month has not begun.
		FutureMonth,
		/// This month's payroll was submitted already.
		PayrollExists,
		/// The payroll has no line.
		EmptyPayroll,
		/// The project has `MaxUnpaid` payrolls not yet paid.
		TooManyUnpaid,
		/// The worker on this line is not on the roster.
		LineNotOnRoster { line: LineIndex },
		/// The worker on this line has not accepted its place.
		LineNotAccepted { line: LineIndex },
		/// The worker on this line has a line before it.
		LineDuplicate { line: LineIndex },
		/// The days on this line are not between 1 and 31.
		LineBadDays { line: LineIndex },
		/// The wage on this line is less than the existential deposit.
		LineBelowMinimum { line: LineIndex },
		/// The payroll's total overflows.
		Overflow,
		/// No payroll of this project and month.
		UnknownPayroll,
		/// The payroll is no longer under review.
		NotUnderReview,
		/// No such line.
		UnknownLine,
		/// The signer's wages alias is not this line's worker.
		NotYourLine,
		/// The line's wage was paid (or is not due yet): there is nothing to claim.
		NothingToClaim,
		/// The line is disputed already.
		AlreadyDisputed,
		/// The review has ended.
		ReviewOver,
		/// Payrolls are not yet paid in full.
		UnpaidPayrolls,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Works through the agenda, within `PayDayWeight`: approves the payrolls whose review
		/// ended undisputed and pays those that are due. After the inherents, so with this
		/// block's time.
		fn on_poll(_n: BlockNumberFor<T>, meter: &mut WeightMeter) {
			let budget = T::PayDayWeight::get().min(meter.remaining());
			let mut own = WeightMeter::with_limit(budget);
			Self::work_agenda(&mut own);
			meter.consume(own.consumed());
		}

		fn integrity_test() {
			assert!(T::MaxPayrollLines::get() <= u32::from(LineIndex::MAX), "lines need 16 bits");
			assert!(
				T::PayDayWeight::get().all_gte(
					T::WeightInfo::agenda_base()
						.saturating_add(Self::visit_weight())
						.saturating_add(Self::line_weight())
				),
				"the pay-day budget pays nobody"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Sets how long (ms) workers may dispute a payroll. By consortium vote.
		///
		/// ## Errors
		/// `BadPeriod`.
		///
		/// ## Events
		/// `ReviewPeriodSet`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_review_period())]
		pub fn set_review_period(origin: OriginFor<T>, period: Moment) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			ensure!(period > 0, Error::<T>::BadPeriod);
			ReviewPeriod::<T>::put(period);
			Self::deposit_event(Event::ReviewPeriodSet { period });
			Ok(())
		}

		/// Registers a project: developer and contractor (live wages aliases of legal persons,
		/// which they showed the bureau), budget, the wage share of each milestone, and the pay
		/// day (1 to 28) of the month after each payroll's month. By a bureau
		/// (`SuperviseConstruction`), which supervises it.
		///
		/// ## Errors
		/// `UnknownAlias`, `NotLegalPerson`, `SameParty`, `ZeroAmount`, `BadWageShare`,
		/// `BadPayDay`; the consortium's `NotStaff`, `MissingCapability`.
		///
		/// ## Events
		/// `ProjectRegistered`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::register_project())]
		pub fn register_project(
			origin: OriginFor<T>,
			developer: Alias,
			contractor: Alias,
			budget: Amount,
			wage_share: Percent,
			pay_day: u8,
		) -> DispatchResult {
			let bureau = Self::ensure_bureau(origin)?;
			for party in [&developer, &contractor] {
				Self::ensure_kind(party, SubjectKind::Company)?;
			}
			ensure!(developer != contractor, Error::<T>::SameParty);
			ensure!(budget > 0, Error::<T>::ZeroAmount);
			ensure!((1..=100).contains(&wage_share.deconstruct()), Error::<T>::BadWageShare);
			ensure!((1..=28).contains(&pay_day), Error::<T>::BadPayDay);
			let project = NextProjectId::<T>::get();
			NextProjectId::<T>::put(project.saturating_add(1));
			let account = Self::account_of(project);
			if frame_system::Pallet::<T>::providers(&account) == 0 {
				let _ = frame_system::Pallet::<T>::inc_providers(&account);
			}
			Projects::<T>::insert(
				project,
				Project {
					bureau,
					developer,
					contractor,
					budget,
					wage_share,
					pay_day,
					status: ProjectStatus::Active,
					workers: 0,
					unpaid: 0,
					books: Books::default(),
				},
			);
			Self::deposit_event(Event::ProjectRegistered {
				project,
				bureau,
				developer,
				contractor,
				budget,
				wage_share,
				pay_day,
			});
			Ok(())
		}

		/// Deposits `amount` from the signer (the developer's alias account) into the project's
		/// escrow, held on the project account. In arrears, the deposit covers the shortfall
		/// first (it goes to the wage reserve); once the reserve covers what is owed, the
		/// parked payrolls are paid at the next block.
		///
		/// ## Errors
		/// `UnknownProject`, `ProjectClosed`, `NoAlias`, `NotDeveloper`, `ZeroAmount`; the
		/// balance's errors when the signer has too little.
		///
		/// ## Events
		/// `Deposited`; `ArrearsCleared` when it covers the arrears.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::deposit(T::MaxUnpaid::get()))]
		pub fn deposit(
			origin: OriginFor<T>,
			project: ProjectId,
			amount: Amount,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let mut p = Self::active_project(project)?;
			let alias = T::Aliases::alias_of(&who, Domain::Wages).ok_or(Error::<T>::NoAlias)?;
			ensure!(alias == p.developer, Error::<T>::NotDeveloper);
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			T::Currency::transfer_and_hold(
				&HoldReason::Escrow.into(),
				&who,
				&Self::account_of(project),
				amount,
				Precision::Exact,
				Preservation::Expendable,
				Fortitude::Polite,
			)?;
			let arrears = InArrears::<T>::get(p.bureau, project);
			let shortfall =
				arrears.map(|a| a.owed.saturating_sub(p.books.reserve)).unwrap_or_default();
			let to_reserve = amount.min(shortfall);
			p.books.deposited = p.books.deposited.saturating_add(amount);
			p.books.reserve = p.books.reserve.saturating_add(to_reserve);
			p.books.escrow = p.books.escrow.saturating_add(amount.saturating_sub(to_reserve));
			let mut woken = 0u32;
			if let Some(a) = arrears {
				if p.books.reserve >= a.owed {
					let today = Self::day_of(T::Time::now());
					for month in Parked::<T>::iter_key_prefix(project).collect::<Vec<_>>() {
						Parked::<T>::remove(project, month);
						Self::schedule(today, (project, month));
						woken = woken.saturating_add(1);
					}
					InArrears::<T>::remove(p.bureau, project);
					Self::deposit_event(Event::ArrearsCleared { project });
				}
			}
			Projects::<T>::insert(project, p);
			Self::deposit_event(Event::Deposited { project, amount, to_reserve });
			Ok(Some(T::WeightInfo::deposit(woken)).into())
		}

		/// Releases a milestone payment of `amount` (gross) from the escrow: the wage share
		/// stays in the wage reserve (rounded up), the rest goes to the contractor's alias
		/// account current now. By the project's bureau, with the milestone's acceptance
		/// document (hash).
		///
		/// ## Errors
		/// `UnknownProject`, `ProjectClosed`, `NotTheBureau`, `ZeroAmount`, `InArrears`,
		/// `OverBudget`, `InsufficientEscrow`, `ContractorGone`.
		///
		/// ## Events
		/// `MilestoneReleased`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::release_milestone())]
		pub fn release_milestone(
			origin: OriginFor<T>,
			project: ProjectId,
			amount: Amount,
			document: H256,
		) -> DispatchResult {
			let bureau = Self::ensure_bureau(origin)?;
			let mut p = Self::active_project(project)?;
			ensure!(p.bureau == bureau, Error::<T>::NotTheBureau);
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			ensure!(!InArrears::<T>::contains_key(bureau, project), Error::<T>::InArrears);
			let milestones =
				p.books.milestones.checked_add(amount).ok_or(Error::<T>::OverBudget)?;
			ensure!(milestones <= p.budget, Error::<T>::OverBudget);
			ensure!(p.books.escrow >= amount, Error::<T>::InsufficientEscrow);
			let to_reserve = p.wage_share.mul_ceil(amount);
			let to_contractor = amount.saturating_sub(to_reserve);
			if to_contractor > 0 {
				let contractor = T::Aliases::account_of(&p.contractor, Domain::Wages)
					.ok_or(Error::<T>::ContractorGone)?;
				T::Currency::transfer_on_hold(
					&HoldReason::Escrow.into(),
					&Self::account_of(project),
					&contractor,
					to_contractor,
					Precision::Exact,
					Restriction::Free,
					Fortitude::Polite,
				)?;
			}
			p.books.milestones = milestones;
			p.books.escrow = p.books.escrow.saturating_sub(amount);
			p.books.reserve = p.books.reserve.saturating_add(to_reserve);
			p.books.released = p.books.released.saturating_add(to_contractor);
			Projects::<T>::insert(project, p);
			Self::deposit_event(Event::MilestoneReleased {
				project,
				amount,
				to_contractor,
				to_reserve,
				document,
			});
			Ok(())
		}

		/// Offers `worker` (a live wages alias of a natural person, which the worker showed the
		/// contractor) a place on the project's roster; the worker accepts it
		/// ([`Pallet::accept_place`]) before a payroll may name it. By the contractor's alias
		/// account.
		///
		/// ## Errors
		/// `UnknownProject`, `ProjectClosed`, `NoAlias`, `NotContractor`, `UnknownAlias`,
		/// `NotNaturalPerson`, `AlreadyOnRoster`, `RosterFull`.
		///
		/// ## Events
		/// `WorkerAdded`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::add_worker())]
		pub fn add_worker(
			origin: OriginFor<T>,
			project: ProjectId,
			worker: Alias,
		) -> DispatchResult {
			let mut p = Self::contractor_project(origin, project)?;
			Self::ensure_kind(&worker, SubjectKind::Citizen)?;
			ensure!(!Roster::<T>::contains_key(project, worker), Error::<T>::AlreadyOnRoster);
			ensure!(p.workers < T::MaxRoster::get(), Error::<T>::RosterFull);
			Roster::<T>::insert(project, worker, Place::Offered);
			p.workers = p.workers.saturating_add(1);
			Projects::<T>::insert(project, p);
			Self::deposit_event(Event::WorkerAdded { project, worker });
			Ok(())
		}

		/// Takes a worker off the roster. Lines already submitted are still paid. By the
		/// contractor's alias account.
		///
		/// ## Errors
		/// `UnknownProject`, `ProjectClosed`, `NoAlias`, `NotContractor`, `NotOnRoster`.
		///
		/// ## Events
		/// `WorkerRemoved`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::remove_worker())]
		pub fn remove_worker(
			origin: OriginFor<T>,
			project: ProjectId,
			worker: Alias,
		) -> DispatchResult {
			let _ = Self::contractor_project(origin, project)?;
			ensure!(Roster::<T>::contains_key(project, worker), Error::<T>::NotOnRoster);
			Self::leave(project, &worker);
			Ok(())
		}

		/// Submits a month's payroll: lines of (worker with an accepted place, days, wage), each
		/// worker once. Its review runs for the review period; it falls due on the project's pay
		/// day of the month after. By the contractor's alias account.
		///
		/// ## Errors
		/// `UnknownProject`, `ProjectClosed`, `NoAlias`, `NotContractor`, `BadMonth`,
		/// `FutureMonth`, `PayrollExists`, `EmptyPayroll`, `TooManyUnpaid`, `Overflow`, and
		/// naming the line: `LineNotOnRoster`, `LineNotAccepted`, `LineDuplicate`,
		/// `LineBadDays`, `LineBelowMinimum`.
		///
		/// ## Events
		/// `PayrollSubmitted`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::submit_payroll(lines.len() as u32))]
		pub fn submit_payroll(
			origin: OriginFor<T>,
			project: ProjectId,
			month: Month,
			lines: LinesOf<T>,
		) -> DispatchResult {
			let mut p = Self::contractor_project(origin, project)?;
			ensure!(is_month(month), Error::<T>::BadMonth);
			let now = T::Time::now();
			ensure!(month <= month_of(now), Error::<T>::FutureMonth);
			let due = day_start(next_month(month), p.pay_day).ok_or(Error::<T>::BadMonth)?;
			ensure!(!Payrolls::<T>::contains_key(project, month), Error::<T>::PayrollExists);
			ensure!(!lines.is_empty(), Error::<T>::EmptyPayroll);
			ensure!(p.unpaid < T::MaxUnpaid::get(), Error::<T>::TooManyUnpaid);
			let minimum = T::Currency::minimum_balance();
			let mut seen = alloc::collections::BTreeSet::new();
			let mut total: Amount = 0;
			let mut stored = Vec::with_capacity(lines.len());
			for (i, line) in lines.iter().enumerate() {
				let n = LineIndex::try_from(i).unwrap_or(LineIndex::MAX);
				let place = Roster::<T>::get(project, line.worker)
					.ok_or(Error::<T>::LineNotOnRoster { line: n })?;
				ensure!(place == Place::Accepted, Error::<T>::LineNotAccepted { line: n });
				ensure!(seen.insert(line.worker), Error::<T>::LineDuplicate { line: n });
				ensure!((1..=31).contains(&line.days), Error::<T>::LineBadDays { line: n });
				ensure!(
					line.amount >= minimum && line.amount > 0,
					Error::<T>::LineBelowMinimum { line: n }
				);
				total = total.checked_add(line.amount).ok_or(Error::<T>::Overflow)?;
				stored.push(PayLine {
					worker: line.worker,
					days: line.days,
					amount: line.amount,
					disputed: false,
					failed: false,
				});
			}
			for (i, line) in stored.into_iter().enumerate() {
				let n = LineIndex::try_from(i).unwrap_or(LineIndex::MAX);
				PayLines::<T>::insert((project, month), n, line);
			}
			let count = LineIndex::try_from(lines.len()).unwrap_or(LineIndex::MAX);
			let review_until = now.saturating_add(Self::review_period());
			Payrolls::<T>::insert(
				project,
				month,
				Payroll {
					status: PayrollStatus::Submitted,
					lines: count,
					total,
					next: 0,
					settled: 0,
					disputes: 0,
					review_until,
					due,
				},
			);
			Self::schedule(Self::day_of(review_until), (project, month));
			p.unpaid = p.unpaid.saturating_add(1);
			Projects::<T>::insert(project, p);
			Self::deposit_event(Event::PayrollSubmitted {
				project,
				month,
				lines: count,
				total,
				review_until,
				due,
			});
			Ok(())
		}

		/// Disputes the signer's own line of a payroll under review, for a reason (hash of the
		/// complaint, kept off chain). The payroll then waits for the bureau's decision. By the
		/// worker's alias account.
		///
		/// ## Errors
		/// `NoAlias`, `UnknownPayroll`, `NotUnderReview`, `ReviewOver`, `UnknownLine`,
		/// `NotYourLine`, `AlreadyDisputed`.
		///
		/// ## Events
		/// `LineDisputed`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::dispute_line())]
		pub fn dispute_line(
			origin: OriginFor<T>,
			project: ProjectId,
			month: Month,
			line: LineIndex,
			reason: H256,
		) -> DispatchResult {
			let alias = Self::ensure_alias(origin)?;
			let mut payroll =
				Payrolls::<T>::get(project, month).ok_or(Error::<T>::UnknownPayroll)?;
			ensure!(payroll.status == PayrollStatus::Submitted, Error::<T>::NotUnderReview);
			ensure!(T::Time::now() < payroll.review_until, Error::<T>::ReviewOver);
			let mut l =
				PayLines::<T>::get((project, month), line).ok_or(Error::<T>::UnknownLine)?;
			ensure!(alias == l.worker, Error::<T>::NotYourLine);
			ensure!(!l.disputed, Error::<T>::AlreadyDisputed);
			l.disputed = true;
			let worker = l.worker;
			PayLines::<T>::insert((project, month), line, l);
			payroll.disputes = payroll.disputes.saturating_add(1);
			Payrolls::<T>::insert(project, month, payroll);
			Self::deposit_event(Event::LineDisputed { project, month, line, worker, reason });
			Ok(())
		}

		/// Approves a payroll under review, disputed or not: it is paid on its due date (at
		/// the next block if that has passed). By the project's bureau.
		///
		/// ## Errors
		/// `UnknownProject`, `NotTheBureau`, `UnknownPayroll`, `NotUnderReview`.
		///
		/// ## Events
		/// `PayrollApproved`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::approve_payroll())]
		pub fn approve_payroll(
			origin: OriginFor<T>,
			project: ProjectId,
			month: Month,
		) -> DispatchResult {
			let mut payroll = Self::bureau_payroll(origin, project, month)?;
			Agenda::<T>::remove(Self::day_of(payroll.review_until), (project, month));
			payroll.status = PayrollStatus::Approved { auto: false };
			let when = payroll.due.max(T::Time::now());
			Payrolls::<T>::insert(project, month, payroll);
			Self::schedule(Self::day_of(when), (project, month));
			Self::deposit_event(Event::PayrollApproved { project, month, auto: false });
			Ok(())
		}

		/// Rejects a payroll under review, with a reason (hash): it goes, and the contractor
		/// may submit the month again. By the project's bureau.
		///
		/// ## Errors
		/// `UnknownProject`, `NotTheBureau`, `UnknownPayroll`, `NotUnderReview`.
		///
		/// ## Events
		/// `PayrollRejected`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::reject_payroll(T::MaxPayrollLines::get()))]
		pub fn reject_payroll(
			origin: OriginFor<T>,
			project: ProjectId,
			month: Month,
			reason: H256,
		) -> DispatchResultWithPostInfo {
			let payroll = Self::bureau_payroll(origin, project, month)?;
			Agenda::<T>::remove(Self::day_of(payroll.review_until), (project, month));
			let _ = PayLines::<T>::clear_prefix((project, month), u32::from(payroll.lines), None);
			Payrolls::<T>::remove(project, month);
			Projects::<T>::mutate(project, |p| {
				if let Some(p) = p {
					p.unpaid = p.unpaid.saturating_sub(1);
				}
			});
			Self::deposit_event(Event::PayrollRejected { project, month, reason });
			Ok(Some(T::WeightInfo::reject_payroll(u32::from(payroll.lines))).into())
		}

		/// Closes a project whose payrolls are all paid: the escrow and reserve left go back to
		/// the developer's alias account current now, and the roster is cleared. Unclaimed
		/// wages stay held on the project account for their workers to claim. By the
		/// project's bureau.
		///
		/// ## Errors
		/// `UnknownProject`, `ProjectClosed`, `NotTheBureau`, `UnpaidPayrolls`,
		/// `DeveloperGone`.
		///
		/// ## Events
		/// `WorkerRemoved` for each worker left, `ProjectClosed`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::close_project(T::MaxRoster::get()))]
		pub fn close_project(
			origin: OriginFor<T>,
			project: ProjectId,
		) -> DispatchResultWithPostInfo {
			let bureau = Self::ensure_bureau(origin)?;
			let p = Self::active_project(project)?;
			ensure!(p.bureau == bureau, Error::<T>::NotTheBureau);
			ensure!(p.unpaid == 0, Error::<T>::UnpaidPayrolls);
			let refund = p.books.escrow.saturating_add(p.books.reserve);
			if refund > 0 {
				let developer = T::Aliases::account_of(&p.developer, Domain::Wages)
					.ok_or(Error::<T>::DeveloperGone)?;
				T::Currency::transfer_on_hold(
					&HoldReason::Escrow.into(),
					&Self::account_of(project),
					&developer,
					refund,
					Precision::Exact,
					Restriction::Free,
					Fortitude::Polite,
				)?;
			}
			let workers = p.workers;
			for worker in Roster::<T>::iter_key_prefix(project).collect::<Vec<_>>() {
				Self::leave(project, &worker);
			}
			Projects::<T>::mutate(project, |p| {
				if let Some(p) = p {
					p.books.refunded = p.books.refunded.saturating_add(refund);
					p.books.escrow = 0;
					p.books.reserve = 0;
					p.status = ProjectStatus::Closed;
				}
			});
			Self::deposit_event(Event::ProjectClosed { project, refunded: refund });
			Ok(Some(T::WeightInfo::close_project(workers)).into())
		}

		/// Accepts the place the contractor offered the signer's wages alias on an active
		/// project: from then on payrolls may name it, and it counts towards the worker's
		/// `MaxProjectsPerWorker`. A worker accepts only a place it agreed to, so a stranger
		/// contractor cannot fill its count. By the worker's alias account.
		///
		/// ## Errors
		/// `NoAlias`, `UnknownProject`, `ProjectClosed`, `NotOnRoster`, `AlreadyAccepted`,
		/// `TooManyProjects`.
		///
		/// ## Events
		/// `PlaceAccepted`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::accept_place())]
		pub fn accept_place(origin: OriginFor<T>, project: ProjectId) -> DispatchResult {
			let worker = Self::ensure_alias(origin)?;
			let _ = Self::active_project(project)?;
			let place = Roster::<T>::get(project, worker).ok_or(Error::<T>::NotOnRoster)?;
			ensure!(place == Place::Offered, Error::<T>::AlreadyAccepted);
			ProjectsOfWorker::<T>::try_mutate(worker, |list| list.try_push(project))
				.map_err(|_| Error::<T>::TooManyProjects)?;
			Roster::<T>::insert(project, worker, Place::Accepted);
			Self::deposit_event(Event::PlaceAccepted { project, worker });
			Ok(())
		}

		/// Leaves an active project's roster (an offered or an accepted place), as the worker:
		/// lines already submitted are still paid. By the worker's alias account.
		///
		/// ## Errors
		/// `NoAlias`, `UnknownProject`, `ProjectClosed`, `NotOnRoster`.
		///
		/// ## Events
		/// `WorkerRemoved`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::remove_worker())]
		pub fn leave_roster(origin: OriginFor<T>, project: ProjectId) -> DispatchResult {
			let worker = Self::ensure_alias(origin)?;
			let _ = Self::active_project(project)?;
			ensure!(Roster::<T>::contains_key(project, worker), Error::<T>::NotOnRoster);
			Self::leave(project, &worker);
			Ok(())
		}

		/// Claims a wage that could not be paid on pay day (its line failed: the worker's alias
		/// had no live account then), into the signer's alias account: the line's worker's,
		/// bound again. Open on closed projects too.
		///
		/// ## Errors
		/// `NoAlias`, `UnknownLine`, `NotYourLine`, `NothingToClaim`.
		///
		/// ## Events
		/// `WagePaid`.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::claim_wage())]
		pub fn claim_wage(
			origin: OriginFor<T>,
			project: ProjectId,
			month: Month,
			line: LineIndex,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let alias = T::Aliases::alias_of(&who, Domain::Wages).ok_or(Error::<T>::NoAlias)?;
			let key = (project, month);
			let mut l = PayLines::<T>::get(key, line).ok_or(Error::<T>::UnknownLine)?;
			ensure!(alias == l.worker, Error::<T>::NotYourLine);
			ensure!(l.failed, Error::<T>::NothingToClaim);
			let mut p = Projects::<T>::get(project).ok_or(Error::<T>::UnknownProject)?;
			T::Currency::transfer_on_hold(
				&HoldReason::Escrow.into(),
				&Self::account_of(project),
				&who,
				l.amount,
				Precision::Exact,
				Restriction::Free,
				Fortitude::Polite,
			)?;
			p.books.unclaimed = p.books.unclaimed.saturating_sub(l.amount);
			p.books.paid = p.books.paid.saturating_add(l.amount);
			l.failed = false;
			let amount = l.amount;
			PayLines::<T>::insert(key, line, l);
			Projects::<T>::insert(project, p);
			Payments::<T>::insert(
				alias,
				key,
				WagePayment { amount, account: who.clone(), paid_at: T::Time::now() },
			);
			Self::deposit_event(Event::WagePaid {
				project,
				month,
				worker: alias,
				account: who,
				amount,
			});
			Ok(())
		}
	}

	/// Public facts only: a project's escrow, the projects in arrears.
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// A project's escrow status: deposited, released, reserve, paid, arrears.
		pub fn project(project: ProjectId) -> Option<EscrowStatus> {
			Projects::<T>::get(project).map(|p| {
				let arrears = InArrears::<T>::get(p.bureau, project)
					.map(|a| (a.since, a.owed.saturating_sub(p.books.reserve)));
				EscrowStatus {
					status: p.status,
					bureau: p.bureau,
					budget: p.budget,
					books: p.books,
					workers: p.workers,
					unpaid: p.unpaid,
					arrears,
				}
			})
		}

		/// A bureau's projects in arrears (at most 1,000): project, earliest month owed and
		/// shortfall.
		pub fn projects_in_arrears(bureau: AgencyId) -> Vec<(ProjectId, Month, Amount)> {
			InArrears::<T>::iter_prefix(bureau)
				.take(1000)
				.map(|(project, a)| {
					let reserve =
						Projects::<T>::get(project).map(|p| p.books.reserve).unwrap_or_default();
					(project, a.since, a.owed.saturating_sub(reserve))
				})
				.collect()
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The account of a project: derived from this pallet's id and the project id; nobody holds
	/// its key.
	pub fn account_of(project: ProjectId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(project)
	}

	/// What is held on a project's account for it.
	pub fn held(project: ProjectId) -> Amount {
		T::Currency::balance_on_hold(&HoldReason::Escrow.into(), &Self::account_of(project))
	}

	/// The day of the agenda a moment falls on.
	pub fn day_of(moment: Moment) -> Day {
		Day::try_from(moment / MS_PER_DAY).unwrap_or(Day::MAX)
	}

	/// Puts a payroll on the agenda of `day` (today or later). The agenda starts on the first
	/// day anything is put on it.
	fn schedule(day: Day, key: (ProjectId, Month)) {
		Agenda::<T>::insert(day, key, ());
		if AgendaDay::<T>::get().is_none_or(|first| first > day) {
			AgendaDay::<T>::put(day);
		}
	}

	/// How long workers may dispute a payroll.
	pub fn review_period() -> Moment {
		match ReviewPeriod::<T>::get() {
			0 => T::DefaultReviewPeriod::get(),
			p => p,
		}
	}

	/// Ensures the origin is staff of an agency holding `SuperviseConstruction`.
	fn ensure_bureau(origin: OriginFor<T>) -> Result<AgencyId, DispatchError> {
		let (_, agency) =
			T::Agencies::ensure_capability(origin, Capability::SuperviseConstruction)?;
		Ok(agency)
	}

	/// Ensures `alias` is a live wages alias of a person of `kind`.
	fn ensure_kind(alias: &Alias, kind: SubjectKind) -> DispatchResult {
		let found = T::Aliases::kind_of(alias, Domain::Wages).ok_or(Error::<T>::UnknownAlias)?;
		let wrong = match kind {
			SubjectKind::Company => Error::<T>::NotLegalPerson,
			SubjectKind::Citizen => Error::<T>::NotNaturalPerson,
		};
		ensure!(found == kind, wrong);
		Ok(())
	}

	/// The wages alias the signer acts under.
	fn ensure_alias(origin: OriginFor<T>) -> Result<Alias, DispatchError> {
		let who = ensure_signed(origin)?;
		Ok(T::Aliases::alias_of(&who, Domain::Wages).ok_or(Error::<T>::NoAlias)?)
	}

	/// An active project.
	fn active_project(project: ProjectId) -> Result<Project, DispatchError> {
		let p = Projects::<T>::get(project).ok_or(Error::<T>::UnknownProject)?;
		ensure!(p.status == ProjectStatus::Active, Error::<T>::ProjectClosed);
		Ok(p)
	}

	/// An active project whose contractor the signer's wages alias is.
	fn contractor_project(
		origin: OriginFor<T>,
		project: ProjectId,
	) -> Result<Project, DispatchError> {
		let alias = Self::ensure_alias(origin)?;
		let p = Self::active_project(project)?;
		ensure!(alias == p.contractor, Error::<T>::NotContractor);
		Ok(p)
	}

	/// A payroll under review of a project the origin's bureau supervises.
	fn bureau_payroll(
		origin: OriginFor<T>,
		project: ProjectId,
		month: Month,
	) -> Result<Payroll, DispatchError> {
		let bureau = Self::ensure_bureau(origin)?;
		let p = Projects::<T>::get(project).ok_or(Error::<T>::UnknownProject)?;
		ensure!(p.bureau == bureau, Error::<T>::NotTheBureau);
		let payroll = Payrolls::<T>::get(project, month).ok_or(Error::<T>::UnknownPayroll)?;
		ensure!(payroll.status == PayrollStatus::Submitted, Error::<T>::NotUnderReview);
		Ok(payroll)
	}

	/// Takes a worker off a project's roster.
	fn leave(project: ProjectId, worker: &Alias) {
		Roster::<T>::remove(project, worker);
		ProjectsOfWorker::<T>::mutate_exists(worker, |list| {
			if let Some(l) = list {
				l.retain(|p| *p != project);
				if l.is_empty() {
					*list = None;
				}
			}
		});
		Projects::<T>::mutate(project, |p| {
			if let Some(p) = p {
				p.workers = p.workers.saturating_sub(1);
			}
		});
		Self::deposit_event(Event::WorkerRemoved { project, worker: *worker });
	}

	/// What visiting a payroll on the agenda costs at most, short of paying its lines: parking
	/// it in arrears, or setting its total aside. (Each benchmark includes a base without
	/// missed days: counted once more per visit, to be safe.)
	pub fn visit_weight() -> Weight {
		T::WeightInfo::agenda_visit().max(T::WeightInfo::agenda_pay(0))
	}

	/// What paying one line costs.
	pub fn line_weight() -> Weight {
		T::WeightInfo::agenda_pay(1).saturating_sub(T::WeightInfo::agenda_pay(0))
	}

	/// Works through the agenda, from the first day not yet done up to today, within `meter`:
	/// approves the payrolls whose review ended undisputed and pays those that are due. (The
	/// base weight covers a month of days without blocks; each further day is one read.)
	pub fn work_agenda(meter: &mut WeightMeter) {
		if meter.try_consume(T::WeightInfo::agenda_base()).is_err() {
			return;
		}
		let now = T::Time::now();
		let today = Self::day_of(now);
		let first = AgendaDay::<T>::get();
		let mut day = first.unwrap_or(today).min(today);
		'days: loop {
			let mut keys = Agenda::<T>::iter_key_prefix(day);
			let mut waiting = false;
			loop {
				if !meter.can_consume(Self::visit_weight()) {
					break 'days;
				}
				let Some((project, month)) = keys.next() else { break };
				meter.consume(Self::visit_weight());
				match Self::visit(day, project, month, now, meter) {
					Visit::Done => {},
					Visit::NotYet => waiting = true,
					Visit::OutOfWeight => break 'days,
				}
			}
			if waiting || day >= today {
				break;
			}
			// The next day's first key is one more read.
			if meter.try_consume(T::DbWeight::get().reads(1)).is_err() {
				break;
			}
			day = day.saturating_add(1);
		}
		if first != Some(day) {
			AgendaDay::<T>::put(day);
		}
	}

	/// Does what is due for a payroll on the agenda of `day`.
	fn visit(
		day: Day,
		project: ProjectId,
		month: Month,
		now: Moment,
		meter: &mut WeightMeter,
	) -> Visit {
		let key = (project, month);
		let Some(mut payroll) = Payrolls::<T>::get(project, month) else {
			Agenda::<T>::remove(day, key);
			return Visit::Done;
		};
		if payroll.status == PayrollStatus::Submitted {
			if now < payroll.review_until {
				return Visit::NotYet;
			}
			if payroll.disputes > 0 {
				Agenda::<T>::remove(day, key);
				Self::deposit_event(Event::AwaitingBureau {
					project,
					month,
					disputes: payroll.disputes,
				});
				return Visit::Done;
			}
			payroll.status = PayrollStatus::Approved { auto: true };
			Self::deposit_event(Event::PayrollApproved { project, month, auto: true });
			if now < payroll.due {
				Payrolls::<T>::insert(project, month, payroll.clone());
				Agenda::<T>::remove(day, key);
				Self::schedule(Self::day_of(payroll.due), key);
				return Visit::Done;
			}
		}
		match payroll.status {
			PayrollStatus::Submitted => return Visit::NotYet,
			PayrollStatus::Paid => {
				Agenda::<T>::remove(day, key);
				return Visit::Done;
			},
			PayrollStatus::Approved { .. } if now < payroll.due => return Visit::NotYet,
			PayrollStatus::Approved { .. } | PayrollStatus::Paying => {},
		}
		let Some(mut p) = Projects::<T>::get(project) else {
			Agenda::<T>::remove(day, key);
			return Visit::Done;
		};
		if matches!(payroll.status, PayrollStatus::Approved { .. }) {
			let arrears = InArrears::<T>::get(p.bureau, project);
			if arrears.is_some() || p.books.reserve < payroll.total {
				let mut a = arrears.unwrap_or(Arrears { since: month, owed: 0 });
				a.since = a.since.min(month);
				a.owed = a.owed.saturating_add(payroll.total);
				InArrears::<T>::insert(p.bureau, project, a);
				Parked::<T>::insert(project, month, ());
				Payrolls::<T>::insert(project, month, payroll);
				Agenda::<T>::remove(day, key);
				Self::deposit_event(Event::ArrearsDetected {
					project,
					month,
					shortfall: a.owed.saturating_sub(p.books.reserve),
				});
				return Visit::Done;
			}
			p.books.reserve = p.books.reserve.saturating_sub(payroll.total);
			p.books.paying = p.books.paying.saturating_add(payroll.total);
			payroll.status = PayrollStatus::Paying;
		}
		let from = Self::account_of(project);
		let mut out_of_weight = false;
		while payroll.next < payroll.lines {
			if meter.try_consume(Self::line_weight()).is_err() {
				out_of_weight = true;
				break;
			}
			let index = payroll.next;
			payroll.next = payroll.next.saturating_add(1);
			let Some(mut line) = PayLines::<T>::get(key, index) else { continue };
			let to = T::Aliases::account_of(&line.worker, Domain::Wages);
			let paid = match &to {
				Some(to) if !Payments::<T>::contains_key(line.worker, key) => {
					T::Currency::transfer_on_hold(
						&HoldReason::Escrow.into(),
						&from,
						to,
						line.amount,
						Precision::Exact,
						Restriction::Free,
						Fortitude::Polite,
					)
					.is_ok()
				},
				_ => false,
			};
			payroll.settled = payroll.settled.saturating_add(line.amount);
			p.books.paying = p.books.paying.saturating_sub(line.amount);
			match to {
				Some(account) if paid => {
					p.books.paid = p.books.paid.saturating_add(line.amount);
					Payments::<T>::insert(
						line.worker,
						key,
						WagePayment { amount: line.amount, account: account.clone(), paid_at: now },
					);
					Self::deposit_event(Event::WagePaid {
						project,
						month,
						worker: line.worker,
						account,
						amount: line.amount,
					});
				},
				_ => {
					p.books.unclaimed = p.books.unclaimed.saturating_add(line.amount);
					line.failed = true;
					Self::deposit_event(Event::WagePaymentFailed {
						project,
						month,
						worker: line.worker,
						amount: line.amount,
					});
					PayLines::<T>::insert(key, index, line);
				},
			}
		}
		let visit = if out_of_weight {
			Visit::OutOfWeight
		} else {
			payroll.status = PayrollStatus::Paid;
			p.unpaid = p.unpaid.saturating_sub(1);
			Agenda::<T>::remove(day, key);
			Self::deposit_event(Event::PayrollPaid { project, month, total: payroll.total });
			Visit::Done
		};
		Payrolls::<T>::insert(project, month, payroll);
		Projects::<T>::insert(project, p);
		visit
	}

	/// Checks the pallet's invariants.
	///
	/// - per project: deposited == escrow + reserve + paying + unclaimed + released + paid +
	///   refunded; what is held on the project account == escrow + reserve + paying +
	///   unclaimed (only unclaimed once closed); milestones ≤ budget; `paying` is what its
	///   paying payrolls have left to pay; `unclaimed` is the sum of its failed lines; `paid`
	///   is the sum of its payments; the roster and unpaid counts are right;
	/// - per payroll: its lines are indexed 0 to `lines` − 1 and sum to its total; every line
	///   before `next` is settled (paid once to its worker, or failed and unclaimed) and no
	///   line from `next`
	///   on is (the cursor never skips a worker); a paid payroll has no line left; an approved
	///   or paying payroll is on the agenda or parked, a submitted one on the agenda unless
	///   disputed; nothing on the agenda is before its first day not done;
	/// - no worker is paid twice for one project and month (one `Payments` entry each, and it
	///   matches a settled line of that worker);
	/// - a project is in arrears exactly when it has parked payrolls, which it owes in all, and
	///   its reserve falls short of them; the accepted places of the rosters and the workers'
	///   project lists agree.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::{BTreeMap, BTreeSet};
		let agenda: BTreeMap<(ProjectId, Month), Day> =
			Agenda::<T>::iter_keys().map(|(d, k)| (k, d)).collect();
		ensure!(agenda.len() == Agenda::<T>::iter_keys().count(), "a payroll twice on the agenda");
		if let (Some(first), Some(min)) = (AgendaDay::<T>::get(), agenda.values().min()) {
			ensure!(*min >= first, "the agenda has a day before its first day not done");
		}
		let parked: BTreeSet<(ProjectId, Month)> = Parked::<T>::iter_keys().collect();
		let mut paid_lines = BTreeMap::<(Alias, ProjectId, Month), Amount>::new();
		let mut per_project = BTreeMap::<ProjectId, (Amount, Amount, u32, Amount)>::new();
		let mut failed = BTreeMap::<ProjectId, Amount>::new();
		for (project, month, payroll) in Payrolls::<T>::iter() {
			let key = (project, month);
			ensure!(Projects::<T>::contains_key(project), "a payroll of an unknown project");
			let mut sum: Amount = 0;
			let mut settled: Amount = 0;
			let mut count: LineIndex = 0;
			for (index, line) in PayLines::<T>::iter_prefix(key) {
				ensure!(index < payroll.lines, "a line beyond the payroll's count");
				count = count.saturating_add(1);
				sum = sum.saturating_add(line.amount);
				let payment = Payments::<T>::get(line.worker, key);
				if index < payroll.next {
					settled = settled.saturating_add(line.amount);
					if line.failed {
						ensure!(payment.is_none(), "a failed line was paid");
						let f = failed.entry(project).or_default();
						*f = f.saturating_add(line.amount);
					} else {
						let pay = payment.ok_or("a line before the cursor was not paid")?;
						ensure!(pay.amount == line.amount, "a payment differs from its line");
						ensure!(
							paid_lines.insert((line.worker, project, month), line.amount).is_none(),
							"a worker paid twice for one month"
						);
					}
				} else {
					ensure!(
						payment.is_none() && !line.failed,
						"a line after the cursor is settled"
					);
				}
			}
			ensure!(count == payroll.lines, "payroll lines missing");
			ensure!(sum == payroll.total, "payroll total differs from its lines");
			ensure!(settled == payroll.settled, "settled amount out of step");
			ensure!(payroll.next <= payroll.lines, "cursor beyond the lines");
			let entry = per_project.entry(project).or_default();
			match payroll.status {
				PayrollStatus::Submitted => {
					ensure!(payroll.next == 0, "a submitted payroll was paid");
					ensure!(
						agenda.contains_key(&key) || payroll.disputes > 0,
						"a submitted payroll is off the agenda"
					);
					entry.2 = entry.2.saturating_add(1);
				},
				PayrollStatus::Approved { .. } => {
					ensure!(payroll.next == 0, "an approved payroll was paid");
					ensure!(
						agenda.contains_key(&key) != parked.contains(&key),
						"an approved payroll neither on the agenda nor parked"
					);
					entry.2 = entry.2.saturating_add(1);
				},
				PayrollStatus::Paying => {
					ensure!(agenda.contains_key(&key), "a paying payroll is off the agenda");
					entry.0 = entry.0.saturating_add(payroll.total.saturating_sub(payroll.settled));
					entry.2 = entry.2.saturating_add(1);
				},
				PayrollStatus::Paid => {
					ensure!(payroll.next == payroll.lines, "a paid payroll has lines left");
					ensure!(!agenda.contains_key(&key), "a paid payroll is on the agenda");
				},
			}
			if parked.contains(&key) {
				ensure!(
					matches!(payroll.status, PayrollStatus::Approved { .. }),
					"a parked payroll is not approved"
				);
				entry.3 = entry.3.saturating_add(payroll.total);
			}
			if payroll.status != PayrollStatus::Paid {
				ensure!(
					!parked.contains(&key) || !agenda.contains_key(&key),
					"a parked payroll on the agenda"
				);
			}
		}
		for key in agenda.keys() {
			ensure!(Payrolls::<T>::contains_key(key.0, key.1), "the agenda names no payroll");
		}
		for key in &parked {
			ensure!(Payrolls::<T>::contains_key(key.0, key.1), "a parked payroll is unknown");
		}
		let mut paid_to = BTreeMap::<ProjectId, Amount>::new();
		for (worker, (project, month), pay) in Payments::<T>::iter() {
			ensure!(
				paid_lines.get(&(worker, project, month)) == Some(&pay.amount),
				"a payment matches no settled line"
			);
			let p = paid_to.entry(project).or_default();
			*p = p.saturating_add(pay.amount);
		}
		let mut rosters = BTreeMap::<Alias, BTreeSet<ProjectId>>::new();
		for (project, worker, place) in Roster::<T>::iter() {
			if place == Place::Accepted {
				rosters.entry(worker).or_default().insert(project);
			}
		}
		for (worker, list) in ProjectsOfWorker::<T>::iter() {
			let set: BTreeSet<ProjectId> = list.iter().copied().collect();
			ensure!(set.len() == list.len(), "a project twice in a worker's list");
			ensure!(
				rosters.remove(&worker) == Some(set),
				"a worker's projects differ from rosters"
			);
		}
		ensure!(rosters.is_empty(), "a rostered worker without a project list");
		for (project, p) in Projects::<T>::iter() {
			ensure!(project < NextProjectId::<T>::get(), "project id not yet issued");
			let b = p.books;
			let sum = [b.escrow, b.reserve, b.paying, b.unclaimed, b.released, b.paid, b.refunded]
				.iter()
				.try_fold(0u128, |s, x| s.checked_add(*x))
				.ok_or("books overflow")?;
			ensure!(b.deposited == sum, "deposited != held + released + paid + refunded");
			let held = b.escrow.saturating_add(b.reserve).saturating_add(b.paying);
			let held = held.saturating_add(b.unclaimed);
			ensure!(Self::held(project) == held, "held on the project account differs");
			ensure!(
				b.unclaimed == failed.get(&project).copied().unwrap_or(0),
				"unclaimed differs from the failed lines"
			);
			ensure!(b.milestones <= p.budget, "milestones over budget");
			let (paying, _, unpaid, owed) = per_project.get(&project).copied().unwrap_or_default();
			ensure!(b.paying == paying, "paying differs from the payrolls being paid");
			ensure!(b.paid == paid_to.get(&project).copied().unwrap_or(0), "paid != payments");
			ensure!(p.unpaid == unpaid, "unpaid payroll count out of step");
			ensure!(
				Roster::<T>::iter_key_prefix(project).count() as u32 == p.workers,
				"roster count out of step"
			);
			let arrears = InArrears::<T>::get(p.bureau, project);
			ensure!(arrears.is_some() == (owed > 0), "arrears out of step with parked payrolls");
			if let Some(a) = arrears {
				ensure!(a.owed == owed, "arrears owed differs from parked payrolls");
				ensure!(b.reserve < a.owed, "in arrears with a reserve that covers them");
			}
			if p.status == ProjectStatus::Closed {
				ensure!(
					held == b.unclaimed && p.unpaid == 0 && p.workers == 0,
					"a closed project holds more than its unclaimed wages"
				);
			}
		}
		for (bureau, project, _) in InArrears::<T>::iter() {
			let p = Projects::<T>::get(project).ok_or("arrears of an unknown project")?;
			ensure!(p.bureau == bureau, "arrears under another bureau");
		}
		Ok(())
	}
}
