//! # Consortium pallet
//!
//! Who belongs to Civitas and who may do what: the member agencies and their capabilities,
//! their staff, the accounts enrolled to transact, the validator set, and the votes by which
//! the consortium governs itself. No single key rules the chain: the consortium's authority is
//! a strict majority of member agencies.
//!
//! ## Terminology
//! - **Agency**: a member of the consortium, admitted by vote. One agency, one vote.
//! - **Admin**: a staff account that votes for its agency and manages its staff.
//! - **Officer**: a staff account that acts for its agency within its capabilities.
//! - **Enrolled account**: a citizen's or company's account, admitted to transact by an agency
//!   holding `RegisterPersons`.
//! - **Proposal**: a call put to the vote; when a strict majority of member agencies approves
//!   it, it is dispatched with the consortium's authority (the root origin). Adding or removing
//!   agencies, capabilities, validators and network peers, and authorising runtime upgrades
//!   (`system.authorize_upgrade`), all go through proposals.
//!
//! ## Assumptions
//! - Every account belongs to at most one agency, or is enrolled once.
//! - Staff accounts of an agency are few (bounded by `MaxStaff`); citizens are many.
//!
//! ## Admission to the transaction pool
//! [`CheckNonce`] replaces `frame_system::CheckNonce` in the runtime's transaction
//! extensions. It keeps the standard identifier and encoding (so every stock client fills it
//! in), checks the nonce exactly as the system one does, and also refuses, in the pool and
//! again in the block:
//! - a signer that is neither staff, nor enrolled, nor an alias account (`Custom(1)`,
//!   `NOT_ADMITTED`);
//! - a signer that has used its quota for the current window of blocks (`Custom(2)`,
//!   `QUOTA_EXCEEDED`): transactions, counting those it already has in the pool ahead of this
//!   one (so a burst is cut off at exactly the quota), encoded bytes, and weight actually used;
//! - a call the runtime's [`Config::CallPolicy`] does not allow this signer (`Custom(3)`), e.g.
//!   remarks from citizens, session keys from accounts that are no decided validators;
//! - an enrolled account's transaction longer than `MaxEnrolledTxLen` (`Custom(4)`).
//!
//! Operational transactions (votes, proposals) get `OperationalPriority` in the pool and the
//! block space reserved for their class, so ordinary traffic cannot starve governance.
//!
//! *Why one extension and not a separate admission extension beside the system `CheckNonce`:*
//! the quota check needs the nonce the transaction carries, to count the signer's
//! transactions waiting ahead of it in the pool; an extension without payload cannot see it.
//!
//! ## Accounts
//! Three kinds of accounts are admitted ([`Admission`]): agency staff, accounts an agency
//! enrolled for a registered person, and **alias accounts**, which a person's domain alias acts
//! through (`pallet-civitas-aliases` admits them on a ring-VRF proof through
//! [`civitas_primitives::AliasAdmission`], and releases them when the alias moves or unbinds).
//! An alias account names no agency and no person; it has the quota, the transaction length
//! and (in the runtime's policy) the calls of an enrolled account of its kind.
//!
//! An admitted account gets the consortium's provider reference at its first admission and
//! keeps it for good ([`Provided`]): releasing it never fails because another pallet holds a
//! consumer reference, and its nonce never goes back, so its old transactions cannot be
//! replayed when it is admitted again. Session keys are purged on release.
//!
//! ## Calls
//! - Consortium authority: [`Pallet::admit_agency`], [`Pallet::remove_agency`],
//!   [`Pallet::grant_capability`], [`Pallet::revoke_capability`], [`Pallet::add_validator`],
//!   [`Pallet::remove_validator`], [`Pallet::force_add_staff`], [`Pallet::force_remove_staff`],
//!   [`Pallet::force_unenrol`].
//! - Agency admins: [`Pallet::add_staff`], [`Pallet::remove_staff`] (admin changes need a
//!   second admin), [`Pallet::propose`], [`Pallet::vote`], [`Pallet::cancel`].
//! - Agency staff with `RegisterPersons`: [`Pallet::enrol`] (at most `MaxEnrolmentsPerWindow`
//!   per window), [`Pallet::unenrol`], [`Pallet::reenrol`] (enrolments of an agency that left).
//! - Any admitted account: [`Pallet::close`] (an expired proposal).

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
mod benchmarking;
mod extension;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use extension::CheckNonce;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use alloc::{boxed::Box, vec::Vec};
use civitas_primitives::{
	AgencyAuthority, AgencyId, AgencyKind, Capability, CityCode, Enrolment, SubjectKind,
};
use codec::{DecodeLimit, Encode};
use frame_support::{
	dispatch::{
		DispatchResultWithPostInfo, GetDispatchInfo, PostDispatchInfo, WithPostDispatchInfo,
	},
	pallet_prelude::*,
	traits::{Contains, EnsureOrigin, Get},
};
use frame_system::pallet_prelude::*;
use sp_runtime::{traits::Zero, transaction_validity::TransactionPriority};
use sp_runtime::{
	traits::{Dispatchable, Hash, Saturating, UniqueSaturatedInto},
	DispatchError,
};

/// Where a proposal stands.
enum Decision {
	/// A strict majority of members approves it.
	Approved,
	/// A strict majority can no longer approve it.
	Rejected,
	/// Neither yet.
	Open,
}

/// Which calls an admitted account may submit. The runtime implements it; it is checked in
/// the transaction pool and again when a block applies the transaction.
pub trait AdmissionPolicy<AccountId, Call> {
	/// Whether `who`, admitted as `admission`, may submit `call`.
	fn allows(who: &AccountId, admission: &Admission, call: &Call) -> bool;
}

/// Every call, for every admitted account.
impl<AccountId, Call> AdmissionPolicy<AccountId, Call> for () {
	fn allows(_: &AccountId, _: &Admission, _: &Call) -> bool {
		true
	}
}

/// The accounts of the session pallet's validators, which may still author (or be about to)
/// after the consortium decided to remove them.
pub trait SessionAccounts<AccountId> {
	/// Whether `who` validates in the current session or is queued for the next one.
	fn in_session(who: &AccountId) -> bool;
	/// Whether `who` has set session keys.
	fn has_keys(who: &AccountId) -> bool;
	/// Removes `who`'s session keys, if it has any.
	fn purge_keys(who: &AccountId);
}

/// No sessions.
impl<AccountId> SessionAccounts<AccountId> for () {
	fn in_session(_: &AccountId) -> bool {
		false
	}
	fn has_keys(_: &AccountId) -> bool {
		false
	}
	fn purge_keys(_: &AccountId) {}
}

/// The agency record type of a runtime.
pub type AgencyInfoOf<T> = AgencyInfo<<T as Config>::MaxNameLen, <T as Config>::MaxCapabilities>;
/// The proposal record type of a runtime.
pub type ProposalOf<T> = Proposal<
	<T as frame_system::Config>::AccountId,
	BlockNumberFor<T>,
	<T as frame_system::Config>::Hash,
	<T as Config>::MaxCallLen,
	<T as Config>::MaxAgencies,
>;

/// Nesting limit when decoding a stored call.
const CALL_DECODE_DEPTH_LIMIT: u32 = 256;

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

		/// The runtime call type, for proposals.
		type RuntimeCall: Parameter
			+ Dispatchable<RuntimeOrigin = Self::RuntimeOrigin, PostInfo = PostDispatchInfo>
			+ GetDispatchInfo
			+ From<frame_system::Call<Self>>;

		/// The consortium's authority: in the runtime, the root origin, which only an approved
		/// proposal holds.
		type ConsortiumOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Maximum number of member agencies; bounds `Agencies` and the votes of a proposal.
		#[pallet::constant]
		type MaxAgencies: Get<u32>;

		/// Maximum length in bytes of an agency's name.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// Maximum number of capabilities an agency holds.
		#[pallet::constant]
		type MaxCapabilities: Get<u32>;

		/// Maximum number of staff accounts (admins included) of one agency; bounds `Staff`.
		#[pallet::constant]
		type MaxStaff: Get<u32>;

		/// Maximum size of the validator set; bounds `Validators`.
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// The validator set never shrinks below this.
		#[pallet::constant]
		type MinValidators: Get<u32>;

		/// Maximum number of open proposals; bounds `Proposals`.
		#[pallet::constant]
		type MaxProposals: Get<u32>;

		/// Maximum encoded length of a proposed call.
		#[pallet::constant]
		type MaxCallLen: Get<u32>;

		/// Maximum weight of a proposed call: the vote that carries a proposal executes it.
		#[pallet::constant]
		type MaxProposalWeight: Get<Weight>;

		/// How many blocks a proposal stays open for votes.
		#[pallet::constant]
		type VotingPeriod: Get<BlockNumberFor<Self>>;

		/// Length, in blocks, of a transaction-quota window.
		#[pallet::constant]
		type QuotaWindow: Get<BlockNumberFor<Self>>;

		/// What a staff account may have included per window: transactions, bytes, weight.
		#[pallet::constant]
		type StaffQuota: Get<QuotaLimit>;

		/// What an enrolled account may have included per window: transactions, bytes, weight.
		#[pallet::constant]
		type EnrolledQuota: Get<QuotaLimit>;

		/// Longest transaction (encoded bytes) an enrolled account may submit.
		#[pallet::constant]
		type MaxEnrolledTxLen: Get<u32>;

		/// What an enrolled company's account may have included per window: companies issue
		/// invoices and pay payrolls, far more than a citizen transacts.
		#[pallet::constant]
		type CompanyQuota: Get<QuotaLimit>;

		/// Longest transaction (encoded bytes) an enrolled company may submit (a batch of
		/// invoices).
		#[pallet::constant]
		type MaxCompanyTxLen: Get<u32>;

		/// Enrolments one agency may make per quota window; bounds `EnrolmentsInWindow`.
		#[pallet::constant]
		type MaxEnrolmentsPerWindow: Get<u32>;

		/// Most open proposals of one agency, so that no agency can fill `Proposals`.
		#[pallet::constant]
		type MaxProposalsPerAgency: Get<u32>;

		/// Blocks during which a second admin may confirm an admin change.
		#[pallet::constant]
		type AdminChangePeriod: Get<BlockNumberFor<Self>>;

		/// Most accounts in one forced un-enrolment.
		#[pallet::constant]
		type MaxForceUnenrol: Get<u32>;

		/// Pool priority of operational transactions (the consortium's votes and proposals),
		/// above every ordinary transaction (priority 0).
		#[pallet::constant]
		type OperationalPriority: Get<TransactionPriority>;

		/// Which calls an admitted account may submit; checked in the pool and in the block.
		type CallPolicy: AdmissionPolicy<
			Self::AccountId,
			<Self as frame_system::Config>::RuntimeCall,
		>;

		/// The validators of the current and the next session, and their keys.
		type Sessions: SessionAccounts<Self::AccountId>;

		/// Which calls may be put to the vote. The consortium's authority is the root origin,
		/// which passes every call filter: what no vote may do (such as create money outside
		/// the settlement pallet) is refused here, when proposed.
		type ProposalFilter: Contains<<Self as Config>::RuntimeCall>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// The member agencies.
	#[pallet::storage]
	pub type Agencies<T: Config> = StorageMap<_, Twox64Concat, AgencyId, AgencyInfoOf<T>>;

	/// Number of member agencies: the electorate of proposals.
	#[pallet::storage]
	pub type MemberCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The id the next admitted agency gets. Ids are never reused.
	#[pallet::storage]
	pub type NextAgencyId<T: Config> = StorageValue<_, AgencyId, ValueQuery>;

	/// Every account admitted to transact, and why.
	#[pallet::storage]
	pub type Accounts<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, Admission>;

	/// Staff of each agency (an index of the staff entries of `Accounts`).
	#[pallet::storage]
	pub type Staff<T: Config> =
		StorageDoubleMap<_, Twox64Concat, AgencyId, Blake2_128Concat, T::AccountId, Role>;

	/// The validator set the consortium has decided on; it takes effect at the next session.
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Whether `Validators` changed since the session pallet last asked.
	#[pallet::storage]
	pub type ValidatorsChanged<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// Open proposals.
	#[pallet::storage]
	pub type Proposals<T: Config> = StorageMap<_, Twox64Concat, ProposalIndex, ProposalOf<T>>;

	/// Number of open proposals.
	#[pallet::storage]
	pub type ProposalCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The index the next proposal gets.
	#[pallet::storage]
	pub type NextProposalIndex<T: Config> = StorageValue<_, ProposalIndex, ValueQuery>;

	/// What each account has had included in its latest quota window.
	#[pallet::storage]
	pub type Quota<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, QuotaUsage>;

	/// Accounts that hold the consortium's provider reference. It is given at the first
	/// admission and kept for good, so that a released account is never reaped: its nonce
	/// never goes back (old transactions cannot be replayed when it is admitted again), and
	/// no consumer reference taken by another pallet can make its release fail.
	#[pallet::storage]
	pub type Provided<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, ()>;

	/// Open proposals of each agency; at most `MaxProposalsPerAgency`.
	#[pallet::storage]
	pub type ProposalsOf<T: Config> = StorageMap<_, Twox64Concat, AgencyId, u32, ValueQuery>;

	/// Proposals that won a majority through a change of membership, to be dispatched at the
	/// start of the next blocks, one per block.
	#[pallet::storage]
	pub type Carried<T: Config> =
		StorageValue<_, BoundedVec<ProposalIndex, T::MaxProposals>, ValueQuery>;

	/// Enrolments of each agency in its latest quota window: (window, count).
	#[pallet::storage]
	pub type EnrolmentsInWindow<T: Config> =
		StorageMap<_, Twox64Concat, AgencyId, (u32, u32), ValueQuery>;

	/// The pending admin change of each agency, awaiting a second admin.
	#[pallet::storage]
	pub type AdminChanges<T: Config> =
		StorageMap<_, Twox64Concat, AgencyId, PendingAdminChange<T::AccountId, BlockNumberFor<T>>>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The founding agencies, admitted with ids 0, 1, 2, … in this order.
		pub agencies: Vec<GenesisAgency<T::AccountId>>,
		/// The initial validators: staff accounts of founding agencies.
		pub validators: Vec<T::AccountId>,
		/// Accounts enrolled at genesis: (account, enrolling agency, kind).
		pub enrolled: Vec<(T::AccountId, AgencyId, SubjectKind)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// Genesis must be valid: a bad configuration stops the chain from being created.
			#[allow(clippy::expect_used)]
			for a in &self.agencies {
				let name = a.name.as_bytes().to_vec().try_into().expect("agency name too long");
				let admins =
					a.admins.clone().try_into().expect("too many admins for an agency at genesis");
				let caps = a.capabilities.clone().try_into().expect("too many capabilities");
				Pallet::<T>::do_admit_agency(name, a.kind, a.city, admins, caps)
					.expect("invalid genesis agency");
			}
			#[allow(clippy::expect_used)]
			for v in &self.validators {
				Pallet::<T>::do_add_validator(v.clone()).expect("invalid genesis validator");
			}
			// The session pallet takes the genesis set through `new_session_genesis`.
			ValidatorsChanged::<T>::kill();
			#[allow(clippy::expect_used)]
			for (who, by, kind) in &self.enrolled {
				Pallet::<T>::do_enrol(who, *by, *kind).expect("invalid genesis enrolment");
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An agency was admitted to the consortium.
		AgencyAdmitted { agency: AgencyId, kind: AgencyKind, city: CityCode },
		/// An agency left the consortium; its staff accounts were removed.
		AgencyRemoved { agency: AgencyId },
		/// An agency was granted a capability.
		CapabilityGranted { agency: AgencyId, capability: Capability },
		/// An agency lost a capability.
		CapabilityRevoked { agency: AgencyId, capability: Capability },
		/// An account joined an agency's staff.
		StaffAdded { agency: AgencyId, who: T::AccountId, role: Role },
		/// An account left an agency's staff.
		StaffRemoved { agency: AgencyId, who: T::AccountId },
		/// An account was enrolled to transact.
		AccountEnrolled { who: T::AccountId, by: AgencyId, kind: SubjectKind },
		/// An account's enrolment was withdrawn.
		AccountUnenrolled { who: T::AccountId, by: AgencyId },
		/// A validator joins the set at the next session.
		ValidatorAdded { who: T::AccountId },
		/// A validator leaves the set at the next session.
		ValidatorRemoved { who: T::AccountId },
		/// A proposal was put to the vote.
		Proposed {
			index: ProposalIndex,
			agency: AgencyId,
			author: T::AccountId,
			call_hash: T::Hash,
			end: BlockNumberFor<T>,
		},
		/// An agency voted on a proposal.
		Voted { index: ProposalIndex, agency: AgencyId, aye: bool, ayes: u32, nays: u32 },
		/// A proposal won a strict majority and was dispatched; `result` is the call's outcome.
		ProposalExecuted { index: ProposalIndex, result: DispatchResult },
		/// A proposal can no longer win a majority and was closed.
		ProposalRejected { index: ProposalIndex },
		/// A proposal was withdrawn by its agency.
		ProposalCancelled { index: ProposalIndex },
		/// A proposal's voting period ended without a majority.
		ProposalExpired { index: ProposalIndex },
		/// A proposal was dropped because its agency left the consortium.
		ProposalDropped { index: ProposalIndex, agency: AgencyId },
		/// A proposal holds a strict majority since the membership changed; it is dispatched
		/// at the start of a coming block.
		ProposalCarried { index: ProposalIndex },
		/// An admin asked for a change of the agency's admins; a second admin must confirm it
		/// (by asking for the same change) by block `expires`.
		AdminChangeProposed {
			agency: AgencyId,
			change: AdminChange<T::AccountId>,
			proposer: T::AccountId,
			expires: BlockNumberFor<T>,
		},
		/// An enrolment was moved to an acting agency, its enrolling agency having left.
		AccountReenrolled { who: T::AccountId, from: AgencyId, to: AgencyId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No agency has this id.
		UnknownAgency,
		/// The consortium has `MaxAgencies` members already.
		TooManyAgencies,
		/// An agency needs at least one admin.
		NoAdmins,
		/// The agency's name is empty or longer than `MaxNameLen`.
		BadName,
		/// The agency holds `MaxCapabilities` capabilities already.
		TooManyCapabilities,
		/// The agency already holds this capability.
		AlreadyHasCapability,
		/// The agency does not hold this capability.
		MissingCapability,
		/// The account is already staff or enrolled.
		AlreadyAdmitted,
		/// The account is not staff of any agency.
		NotStaff,
		/// Only an admin of the agency may do this.
		NotAdmin,
		/// The account is staff of another agency.
		OtherAgency,
		/// The agency has `MaxStaff` staff accounts already.
		TooManyStaff,
		/// An agency's last admin cannot be removed.
		LastAdmin,
		/// The account is not enrolled.
		NotEnrolled,
		/// Only the agency that enrolled the account may withdraw it.
		NotEnrollingAgency,
		/// The account is already a validator.
		AlreadyValidator,
		/// The account is not a validator.
		NotValidator,
		/// The validator set has `MaxValidators` members already.
		TooManyValidators,
		/// The validator set cannot shrink below `MinValidators`.
		TooFewValidators,
		/// Staff running a validator cannot be removed: remove the validator first.
		RunsValidator,
		/// No open proposal has this index.
		UnknownProposal,
		/// `MaxProposals` proposals are open already.
		TooManyProposals,
		/// The encoded call is longer than `MaxCallLen`.
		CallTooLong,
		/// The call's weight exceeds `MaxProposalWeight`.
		CallTooHeavy,
		/// The voting period of the proposal is over.
		ProposalExpired,
		/// The voting period of the proposal is not over yet.
		ProposalStillOpen,
		/// The agency already cast this vote.
		DuplicateVote,
		/// Only the proposing agency may cancel a proposal.
		NotProposer,
		/// The stored call no longer decodes (the runtime changed since it was proposed).
		UndecodableCall,
		/// The agency has `MaxProposalsPerAgency` open proposals already.
		TooManyAgencyProposals,
		/// The agency has made `MaxEnrolmentsPerWindow` enrolments in this window already.
		EnrolmentLimit,
		/// The caller asked for this admin change already: another admin must confirm it.
		AwaitingConfirmation,
		/// The account's enrolling agency is still a member: only it may change the enrolment.
		EnrollerStillMember,
		/// The account is not staff of this agency.
		NotStaffOfAgency,
		/// The runtime forbids putting this call to the vote (see `ProposalFilter`).
		CallNotProposable,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			Self::dispatch_carried()
		}

		fn integrity_test() {
			assert!(!T::QuotaWindow::get().is_zero(), "QuotaWindow must not be zero");
			assert!(T::MinValidators::get() >= 1, "MinValidators must be at least one");
			assert!(T::MaxAgencies::get() >= 1, "MaxAgencies must be at least one");
			assert!(
				T::MaxProposalsPerAgency::get() >= 1
					&& T::MaxProposalsPerAgency::get() <= T::MaxProposals::get(),
				"MaxProposalsPerAgency must be within 1..=MaxProposals"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Admits a new member agency with its admins and capabilities.
		///
		/// The origin is the consortium's authority (an approved proposal).
		///
		/// ## Errors
		/// `TooManyAgencies`, `BadName`, `NoAdmins`, `AlreadyAdmitted` (an admin is already staff
		/// or enrolled), `TooManyStaff`, `TooManyCapabilities`.
		///
		/// ## Events
		/// `AgencyAdmitted`, then `StaffAdded` for each admin and `CapabilityGranted` for each
		/// capability.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::admit_agency(admins.len() as u32, capabilities.len() as u32))]
		pub fn admit_agency(
			origin: OriginFor<T>,
			name: BoundedVec<u8, T::MaxNameLen>,
			kind: AgencyKind,
			city: CityCode,
			admins: BoundedVec<T::AccountId, T::MaxStaff>,
			capabilities: BoundedVec<Capability, T::MaxCapabilities>,
		) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			Self::do_admit_agency(name, kind, city, admins, capabilities).map(|_| ())
		}

		/// Removes a member agency and all its staff accounts (their session keys are purged).
		/// Its own open proposals are dropped, its votes withdrawn from the others, and every
		/// open proposal is tallied again against the smaller electorate: one that now holds a
		/// strict majority is dispatched at the start of a coming block, one that can no longer
		/// win is rejected. Accounts it enrolled stay enrolled: the consortium may withdraw them
		/// with `force_unenrol`, and an acting agency may take them over with `reenrol`.
		///
		/// ## Errors
		/// `UnknownAgency`; `RunsValidator` when one of its staff is a validator, decided or
		/// still in the current or next session.
		///
		/// ## Events
		/// `StaffRemoved` for each staff account; `ProposalDropped`, `ProposalRejected` or
		/// `ProposalCarried` for proposals so decided; then `AgencyRemoved`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_agency(T::MaxStaff::get(), T::MaxProposals::get()))]
		pub fn remove_agency(origin: OriginFor<T>, agency: AgencyId) -> DispatchResultWithPostInfo {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			ensure!(Agencies::<T>::contains_key(agency), Error::<T>::UnknownAgency);
			let staff: Vec<T::AccountId> = Staff::<T>::iter_key_prefix(agency).collect();
			ensure!(!staff.iter().any(Self::runs_validator), Error::<T>::RunsValidator);
			let staff_count = staff.len() as u32;
			for who in staff {
				Self::release_account(&who);
				Staff::<T>::remove(agency, &who);
				Self::deposit_event(Event::StaffRemoved { agency, who });
			}
			Agencies::<T>::remove(agency);
			AdminChanges::<T>::remove(agency);
			EnrolmentsInWindow::<T>::remove(agency);
			MemberCount::<T>::mutate(|n| *n = n.saturating_sub(1));
			let proposals = Self::retally_without(agency);
			Self::deposit_event(Event::AgencyRemoved { agency });
			Ok(Some(T::WeightInfo::remove_agency(staff_count, proposals)).into())
		}

		/// Grants a capability to a member agency.
		///
		/// ## Errors
		/// `UnknownAgency`, `AlreadyHasCapability`, `TooManyCapabilities`.
		///
		/// ## Events
		/// `CapabilityGranted`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::grant_capability())]
		pub fn grant_capability(
			origin: OriginFor<T>,
			agency: AgencyId,
			capability: Capability,
		) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			Agencies::<T>::try_mutate(agency, |info| -> DispatchResult {
				let info = info.as_mut().ok_or(Error::<T>::UnknownAgency)?;
				Self::insert_capability(&mut info.capabilities, capability)
			})?;
			Self::deposit_event(Event::CapabilityGranted { agency, capability });
			Ok(())
		}

		/// Revokes a capability from a member agency.
		///
		/// ## Errors
		/// `UnknownAgency`, `MissingCapability`.
		///
		/// ## Events
		/// `CapabilityRevoked`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::revoke_capability())]
		pub fn revoke_capability(
			origin: OriginFor<T>,
			agency: AgencyId,
			capability: Capability,
		) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			Agencies::<T>::try_mutate(agency, |info| -> DispatchResult {
				let info = info.as_mut().ok_or(Error::<T>::UnknownAgency)?;
				let pos = info
					.capabilities
					.binary_search(&capability)
					.map_err(|_| Error::<T>::MissingCapability)?;
				info.capabilities.remove(pos);
				Ok(())
			})?;
			Self::deposit_event(Event::CapabilityRevoked { agency, capability });
			Ok(())
		}

		/// Adds an account to the staff of the caller's agency. Only admins may do this; no
		/// vote is needed. Making an account an admin of an agency that has two admins or more
		/// needs a second admin: the first call records the change (`AdminChangeProposed`), the
		/// same call by another admin of the agency within `AdminChangePeriod` blocks makes it.
		///
		/// ## Errors
		/// `NotStaff`, `NotAdmin` (the caller), `AlreadyAdmitted` (the account), `TooManyStaff`,
		/// `AwaitingConfirmation` (the caller asked for this admin change already).
		///
		/// ## Events
		/// `StaffAdded`, or `AdminChangeProposed` when a second admin must confirm.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::add_staff())]
		pub fn add_staff(origin: OriginFor<T>, who: T::AccountId, role: Role) -> DispatchResult {
			let (admin, agency) = Self::ensure_admin(origin)?;
			ensure!(!Accounts::<T>::contains_key(&who), Error::<T>::AlreadyAdmitted);
			let info = Agencies::<T>::get(agency).ok_or(Error::<T>::UnknownAgency)?;
			ensure!(info.staff < T::MaxStaff::get(), Error::<T>::TooManyStaff);
			if role == Role::Admin
				&& !Self::confirmed(agency, &info, &admin, AdminChange::Add(who.clone()))?
			{
				return Ok(());
			}
			Self::do_add_staff(agency, &who, role)
		}

		/// Removes an account from the staff of the caller's agency. Only admins may do this.
		/// Removing an admin needs a second admin of the agency, as `add_staff` describes; an
		/// admin whom the others cannot reach agreement with is removed by consortium vote
		/// (`force_remove_staff`). The account's session keys are purged.
		///
		/// ## Errors
		/// `NotStaff`, `NotAdmin` (the caller); `OtherAgency` when the account is not staff of
		/// the caller's agency; `LastAdmin`; `RunsValidator`; `AwaitingConfirmation`.
		///
		/// ## Events
		/// `StaffRemoved`, or `AdminChangeProposed` when a second admin must confirm.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::remove_staff())]
		pub fn remove_staff(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			let (admin, agency) = Self::ensure_admin(origin)?;
			let role = Staff::<T>::get(agency, &who).ok_or(Error::<T>::OtherAgency)?;
			let info = Self::check_removable(agency, &who, role)?;
			if role == Role::Admin
				&& !Self::confirmed(agency, &info, &admin, AdminChange::Remove(who.clone()))?
			{
				return Ok(());
			}
			Self::do_remove_staff(agency, &who, role, info);
			Ok(())
		}

		/// Enrols a citizen's or company's account to transact, on behalf of the caller's
		/// agency, which must hold `RegisterPersons`. An agency makes at most
		/// `MaxEnrolmentsPerWindow` enrolments per quota window.
		///
		/// ## Errors
		/// `NotStaff`, `MissingCapability`, `AlreadyAdmitted`, `EnrolmentLimit`.
		///
		/// ## Events
		/// `AccountEnrolled`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::enrol())]
		pub fn enrol(origin: OriginFor<T>, who: T::AccountId, kind: SubjectKind) -> DispatchResult {
			let (_, agency) = Self::ensure_capability(origin, Capability::RegisterPersons)?;
			Self::do_enrol_capped(&who, agency, kind)
		}

		/// Withdraws an enrolment. Only the enrolling agency may, with `RegisterPersons`.
		///
		/// ## Errors
		/// `NotStaff`, `MissingCapability`, `NotEnrolled`, `NotEnrollingAgency`.
		///
		/// ## Events
		/// `AccountUnenrolled`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::unenrol())]
		pub fn unenrol(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			let (_, agency) = Self::ensure_capability(origin, Capability::RegisterPersons)?;
			match Accounts::<T>::get(&who) {
				Some(Admission::Enrolled { by, .. }) => {
					ensure!(by == agency, Error::<T>::NotEnrollingAgency)
				},
				_ => return Err(Error::<T>::NotEnrolled.into()),
			}
			Self::do_unenrol(&who)
		}

		/// Adds a staff account to the validator set, from the next session on. The account
		/// must have set its session keys (`session.set_keys`) to author blocks.
		///
		/// ## Errors
		/// `NotStaff`, `AlreadyValidator`, `TooManyValidators`.
		///
		/// ## Events
		/// `ValidatorAdded`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::add_validator())]
		pub fn add_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			Self::do_add_validator(who)
		}

		/// Removes a validator from the set, from the next session on.
		///
		/// ## Errors
		/// `NotValidator`, `TooFewValidators`.
		///
		/// ## Events
		/// `ValidatorRemoved`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::remove_validator())]
		pub fn remove_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			Validators::<T>::try_mutate(|set| -> DispatchResult {
				let pos = set.iter().position(|v| *v == who).ok_or(Error::<T>::NotValidator)?;
				ensure!(set.len() > T::MinValidators::get() as usize, Error::<T>::TooFewValidators);
				set.remove(pos);
				Ok(())
			})?;
			ValidatorsChanged::<T>::put(true);
			Self::deposit_event(Event::ValidatorRemoved { who });
			Ok(())
		}

		/// Puts a call to the vote of the member agencies; the caller's agency votes aye.
		/// When that already makes a strict majority (a one-member consortium), the call is
		/// dispatched at once. An agency has at most `MaxProposalsPerAgency` open proposals.
		/// Operational: it has reserved block space and a pool priority that ordinary
		/// transactions cannot outbid; a failing call is charged only what it used.
		///
		/// ## Errors
		/// `NotStaff`, `NotAdmin`, `CallNotProposable`, `CallTooLong`, `CallTooHeavy`,
		/// `TooManyAgencyProposals`, `TooManyProposals`.
		///
		/// ## Events
		/// `Proposed`, `Voted`, and `ProposalExecuted` when carried at once.
		#[pallet::call_index(10)]
		#[pallet::weight((
			T::WeightInfo::propose(T::MaxCallLen::get())
				.saturating_add(T::WeightInfo::execute())
				.saturating_add(T::MaxProposalWeight::get()),
			DispatchClass::Operational
		))]
		pub fn propose(
			origin: OriginFor<T>,
			call: Box<<T as Config>::RuntimeCall>,
		) -> DispatchResultWithPostInfo {
			let len = (call.encoded_size() as u32).min(T::MaxCallLen::get());
			let base = T::WeightInfo::propose(len);
			Self::do_propose(origin, call)
				.map(|executed| Self::decided_weight(base, executed))
				.map_err(|e| e.with_weight(base))
		}

		/// Casts (or changes) the caller's agency's vote on an open proposal. The vote that
		/// makes a strict majority of member agencies dispatches the call (after checking its
		/// weight again); the vote that makes a majority impossible closes the proposal.
		/// Operational, like `propose`; a failing vote is charged only what it used.
		///
		/// ## Errors
		/// `NotStaff`, `NotAdmin`, `UnknownProposal`, `ProposalExpired`, `DuplicateVote`.
		///
		/// ## Events
		/// `Voted`; then `ProposalExecuted` or `ProposalRejected` when decided.
		#[pallet::call_index(11)]
		#[pallet::weight((
			T::WeightInfo::vote(T::MaxAgencies::get())
				.saturating_add(T::WeightInfo::execute())
				.saturating_add(T::MaxProposalWeight::get()),
			DispatchClass::Operational
		))]
		pub fn vote(
			origin: OriginFor<T>,
			index: ProposalIndex,
			aye: bool,
		) -> DispatchResultWithPostInfo {
			let base = T::WeightInfo::vote(MemberCount::<T>::get());
			Self::do_vote(origin, index, aye)
				.map(|executed| Self::decided_weight(base, executed))
				.map_err(|e| e.with_weight(base))
		}

		/// Withdraws an open proposal. Only an admin of the proposing agency may.
		///
		/// ## Errors
		/// `NotStaff`, `NotAdmin`, `UnknownProposal`, `NotProposer`.
		///
		/// ## Events
		/// `ProposalCancelled`.
		#[pallet::call_index(12)]
		#[pallet::weight((T::WeightInfo::cancel(), DispatchClass::Operational))]
		pub fn cancel(origin: OriginFor<T>, index: ProposalIndex) -> DispatchResult {
			let (_, agency) = Self::ensure_admin(origin)?;
			let p = Proposals::<T>::get(index).ok_or(Error::<T>::UnknownProposal)?;
			ensure!(p.agency == agency, Error::<T>::NotProposer);
			Self::remove_proposal(index, p.agency);
			Self::deposit_event(Event::ProposalCancelled { index });
			Ok(())
		}

		/// Closes a proposal whose voting period is over without a majority. Any admitted
		/// account may call it.
		///
		/// ## Errors
		/// `UnknownProposal`, `ProposalStillOpen`.
		///
		/// ## Events
		/// `ProposalExpired`.
		#[pallet::call_index(13)]
		#[pallet::weight((T::WeightInfo::close(), DispatchClass::Operational))]
		pub fn close(origin: OriginFor<T>, index: ProposalIndex) -> DispatchResult {
			ensure_signed(origin)?;
			let p = Proposals::<T>::get(index).ok_or(Error::<T>::UnknownProposal)?;
			ensure!(
				frame_system::Pallet::<T>::block_number() > p.end,
				Error::<T>::ProposalStillOpen
			);
			Self::remove_proposal(index, p.agency);
			Self::deposit_event(Event::ProposalExpired { index });
			Ok(())
		}

		/// Adds an account to the staff of an agency, by consortium vote: how the consortium
		/// gives an agency new admins when its own cannot (lost or compromised keys).
		///
		/// ## Errors
		/// `UnknownAgency`, `AlreadyAdmitted`, `TooManyStaff`.
		///
		/// ## Events
		/// `StaffAdded`.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::add_staff())]
		pub fn force_add_staff(
			origin: OriginFor<T>,
			agency: AgencyId,
			who: T::AccountId,
			role: Role,
		) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			Self::do_add_staff(agency, &who, role)
		}

		/// Removes an account from the staff of an agency, by consortium vote: how a
		/// compromised admin is removed without its own confirmation.
		///
		/// ## Errors
		/// `UnknownAgency`, `NotStaffOfAgency`, `LastAdmin`, `RunsValidator`.
		///
		/// ## Events
		/// `StaffRemoved`.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::remove_staff())]
		pub fn force_remove_staff(
			origin: OriginFor<T>,
			agency: AgencyId,
			who: T::AccountId,
		) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			ensure!(Agencies::<T>::contains_key(agency), Error::<T>::UnknownAgency);
			let role = Staff::<T>::get(agency, &who).ok_or(Error::<T>::NotStaffOfAgency)?;
			let info = Self::check_removable(agency, &who, role)?;
			Self::do_remove_staff(agency, &who, role, info);
			Ok(())
		}

		/// Withdraws enrolments by consortium vote, whoever enrolled them: how the sybil
		/// accounts of a compromised officer are stopped, its agency removed or not. All or
		/// nothing.
		///
		/// ## Errors
		/// `NotEnrolled` when any account is not enrolled.
		///
		/// ## Events
		/// `AccountUnenrolled` for each account.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::force_unenrol(accounts.len() as u32))]
		pub fn force_unenrol(
			origin: OriginFor<T>,
			accounts: BoundedVec<T::AccountId, T::MaxForceUnenrol>,
		) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			ensure!(accounts.iter().all(Self::is_enrolled), Error::<T>::NotEnrolled);
			for who in accounts.iter() {
				Self::do_unenrol(who)?;
			}
			Ok(())
		}

		/// Takes over an enrolment whose enrolling agency has left the consortium, for the
		/// caller's agency (holding `RegisterPersons`), which then answers for the account.
		///
		/// ## Errors
		/// `NotStaff`, `MissingCapability`, `NotEnrolled`, `EnrollerStillMember`.
		///
		/// ## Events
		/// `AccountReenrolled`.
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::reenrol())]
		pub fn reenrol(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			let (_, agency) = Self::ensure_capability(origin, Capability::RegisterPersons)?;
			Self::do_reenrol(&who, agency)
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// A member agency, if it exists.
		pub fn agency(id: AgencyId) -> Option<AgencyInfoOf<T>> {
			Agencies::<T>::get(id)
		}

		/// Why an account may transact, if it may.
		pub fn admission(who: T::AccountId) -> Option<Admission> {
			Accounts::<T>::get(who)
		}

		/// Whether an agency holds a capability.
		pub fn agency_has_capability(agency: AgencyId, capability: Capability) -> bool {
			Self::has_capability(agency, capability)
		}

		/// How many more transactions an account may have included in the current window.
		pub fn quota_left(who: T::AccountId) -> u32 {
			Accounts::<T>::get(&who)
				.map(|a| {
					Self::quota_limit(&a).transactions.saturating_sub(Self::quota_used(&who).used)
				})
				.unwrap_or(0)
		}

		/// An account's quota per window, and what it has used of it in the current window.
		pub fn quota(who: T::AccountId) -> Option<(QuotaLimit, QuotaUsage)> {
			Accounts::<T>::get(&who).map(|a| (Self::quota_limit(&a), Self::quota_used(&who)))
		}

		/// The pending admin change of an agency, if any.
		pub fn admin_change(
			agency: AgencyId,
		) -> Option<PendingAdminChange<T::AccountId, BlockNumberFor<T>>> {
			AdminChanges::<T>::get(agency)
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Ensures `origin` is signed by an admin; returns the admin and the agency.
	fn ensure_admin(origin: OriginFor<T>) -> Result<(T::AccountId, AgencyId), DispatchError> {
		let who = ensure_signed(origin)?;
		match Accounts::<T>::get(&who) {
			Some(Admission::Staff { agency, role: Role::Admin }) => Ok((who, agency)),
			Some(Admission::Staff { .. }) => Err(Error::<T>::NotAdmin.into()),
			_ => Err(Error::<T>::NotStaff.into()),
		}
	}

	fn insert_capability(
		caps: &mut BoundedVec<Capability, T::MaxCapabilities>,
		capability: Capability,
	) -> DispatchResult {
		match caps.binary_search(&capability) {
			Ok(_) => Err(Error::<T>::AlreadyHasCapability.into()),
			Err(pos) => {
				caps.try_insert(pos, capability).map_err(|_| Error::<T>::TooManyCapabilities.into())
			},
		}
	}

	/// Admits an agency; returns its id.
	pub(crate) fn do_admit_agency(
		name: BoundedVec<u8, T::MaxNameLen>,
		kind: AgencyKind,
		city: CityCode,
		admins: BoundedVec<T::AccountId, T::MaxStaff>,
		capabilities: BoundedVec<Capability, T::MaxCapabilities>,
	) -> Result<AgencyId, DispatchError> {
		let members = MemberCount::<T>::get();
		ensure!(members < T::MaxAgencies::get(), Error::<T>::TooManyAgencies);
		ensure!(!name.is_empty(), Error::<T>::BadName);
		ensure!(!admins.is_empty(), Error::<T>::NoAdmins);
		for (i, a) in admins.iter().enumerate() {
			ensure!(!Accounts::<T>::contains_key(a), Error::<T>::AlreadyAdmitted);
			ensure!(
				!admins.iter().skip(i.saturating_add(1)).any(|b| b == a),
				Error::<T>::AlreadyAdmitted
			);
		}
		let mut caps = BoundedVec::new();
		for c in capabilities.iter() {
			Self::insert_capability(&mut caps, *c)?;
		}

		let agency = NextAgencyId::<T>::get();
		let info = AgencyInfo { name, kind, city, capabilities: caps.clone(), staff: 0, admins: 0 };
		Agencies::<T>::insert(agency, info);
		NextAgencyId::<T>::put(agency.wrapping_add(1));
		MemberCount::<T>::put(members.saturating_add(1));
		Self::deposit_event(Event::AgencyAdmitted { agency, kind, city });
		for a in admins {
			Self::do_add_staff(agency, &a, Role::Admin)?;
		}
		for capability in caps {
			Self::deposit_event(Event::CapabilityGranted { agency, capability });
		}
		Ok(agency)
	}

	pub(crate) fn do_add_staff(agency: AgencyId, who: &T::AccountId, role: Role) -> DispatchResult {
		let mut info = Agencies::<T>::get(agency).ok_or(Error::<T>::UnknownAgency)?;
		ensure!(info.staff < T::MaxStaff::get(), Error::<T>::TooManyStaff);
		Self::admit_account(who, Admission::Staff { agency, role })?;
		info.staff = info.staff.saturating_add(1);
		if role == Role::Admin {
			info.admins = info.admins.saturating_add(1);
		}
		Agencies::<T>::insert(agency, info);
		Staff::<T>::insert(agency, who, role);
		Self::deposit_event(Event::StaffAdded { agency, who: who.clone(), role });
		Ok(())
	}

	/// Enrols `who` for agency `by`, without the per-window limit (genesis).
	pub(crate) fn do_enrol(who: &T::AccountId, by: AgencyId, kind: SubjectKind) -> DispatchResult {
		ensure!(Agencies::<T>::contains_key(by), Error::<T>::UnknownAgency);
		Self::admit_account(who, Admission::Enrolled { by, kind })?;
		Self::deposit_event(Event::AccountEnrolled { who: who.clone(), by, kind });
		Ok(())
	}

	/// Enrols `who` for agency `by`, within the agency's `MaxEnrolmentsPerWindow`.
	fn do_enrol_capped(who: &T::AccountId, by: AgencyId, kind: SubjectKind) -> DispatchResult {
		ensure!(Agencies::<T>::contains_key(by), Error::<T>::UnknownAgency);
		ensure!(!Accounts::<T>::contains_key(who), Error::<T>::AlreadyAdmitted);
		let window = Self::current_window();
		EnrolmentsInWindow::<T>::try_mutate(by, |(w, n)| -> DispatchResult {
			if *w != window {
				*w = window;
				*n = 0;
			}
			ensure!(*n < T::MaxEnrolmentsPerWindow::get(), Error::<T>::EnrolmentLimit);
			*n = n.saturating_add(1);
			Ok(())
		})?;
		Self::do_enrol(who, by, kind)
	}

	fn do_unenrol(who: &T::AccountId) -> DispatchResult {
		let Some(Admission::Enrolled { by, .. }) = Accounts::<T>::get(who) else {
			return Err(Error::<T>::NotEnrolled.into());
		};
		Self::release_account(who);
		Self::deposit_event(Event::AccountUnenrolled { who: who.clone(), by });
		Ok(())
	}

	fn do_reenrol(who: &T::AccountId, to: AgencyId) -> DispatchResult {
		let Some(Admission::Enrolled { by, kind }) = Accounts::<T>::get(who) else {
			return Err(Error::<T>::NotEnrolled.into());
		};
		ensure!(!Agencies::<T>::contains_key(by), Error::<T>::EnrollerStillMember);
		ensure!(Agencies::<T>::contains_key(to), Error::<T>::UnknownAgency);
		Accounts::<T>::insert(who, Admission::Enrolled { by: to, kind });
		Self::deposit_event(Event::AccountReenrolled { who: who.clone(), from: by, to });
		Ok(())
	}

	fn is_enrolled(who: &T::AccountId) -> bool {
		matches!(Accounts::<T>::get(who), Some(Admission::Enrolled { .. }))
	}

	/// Whether `who` validates: in the decided set, or authoring in the current session or
	/// queued for the next (a removal takes up to two sessions to reach the authorities).
	fn runs_validator(who: &T::AccountId) -> bool {
		Validators::<T>::get().contains(who) || T::Sessions::in_session(who)
	}

	/// Checks that staff account `who` (with `role`) may leave `agency`; returns the agency.
	fn check_removable(
		agency: AgencyId,
		who: &T::AccountId,
		role: Role,
	) -> Result<AgencyInfoOf<T>, DispatchError> {
		ensure!(!Self::runs_validator(who), Error::<T>::RunsValidator);
		let info = Agencies::<T>::get(agency).ok_or(Error::<T>::UnknownAgency)?;
		if role == Role::Admin {
			ensure!(info.admins > 1, Error::<T>::LastAdmin);
		}
		Ok(info)
	}

	/// Removes staff account `who` (checked by `check_removable`) from `agency`.
	fn do_remove_staff(
		agency: AgencyId,
		who: &T::AccountId,
		role: Role,
		mut info: AgencyInfoOf<T>,
	) {
		if role == Role::Admin {
			info.admins = info.admins.saturating_sub(1);
			// A change the leaving admin asked for has nobody left to answer for it.
			if AdminChanges::<T>::get(agency).is_some_and(|c| c.proposer == *who) {
				AdminChanges::<T>::remove(agency);
			}
		}
		info.staff = info.staff.saturating_sub(1);
		Self::release_account(who);
		Staff::<T>::remove(agency, who);
		Agencies::<T>::insert(agency, info);
		Self::deposit_event(Event::StaffRemoved { agency, who: who.clone() });
	}

	/// Whether an admin change of `agency` asked for by `admin` may be made now: at once when
	/// the agency has a single admin, otherwise when another admin asked for the same change
	/// and it has not expired. Otherwise it records the request (replacing any other pending
	/// change of the agency) and answers `false`.
	fn confirmed(
		agency: AgencyId,
		info: &AgencyInfoOf<T>,
		admin: &T::AccountId,
		change: AdminChange<T::AccountId>,
	) -> Result<bool, DispatchError> {
		if info.admins < 2 {
			return Ok(true);
		}
		let now = frame_system::Pallet::<T>::block_number();
		if let Some(pending) = AdminChanges::<T>::get(agency) {
			if pending.change == change && pending.expires >= now {
				ensure!(pending.proposer != *admin, Error::<T>::AwaitingConfirmation);
				AdminChanges::<T>::remove(agency);
				return Ok(true);
			}
		}
		let expires = now.saturating_add(T::AdminChangePeriod::get());
		AdminChanges::<T>::insert(
			agency,
			PendingAdminChange { change: change.clone(), proposer: admin.clone(), expires },
		);
		Self::deposit_event(Event::AdminChangeProposed {
			agency,
			change,
			proposer: admin.clone(),
			expires,
		});
		Ok(false)
	}

	pub(crate) fn do_add_validator(who: T::AccountId) -> DispatchResult {
		ensure!(
			matches!(Accounts::<T>::get(&who), Some(Admission::Staff { .. })),
			Error::<T>::NotStaff
		);
		Validators::<T>::try_mutate(|set| -> DispatchResult {
			ensure!(!set.contains(&who), Error::<T>::AlreadyValidator);
			set.try_push(who.clone()).map_err(|_| Error::<T>::TooManyValidators)?;
			Ok(())
		})?;
		ValidatorsChanged::<T>::put(true);
		Self::deposit_event(Event::ValidatorAdded { who });
		Ok(())
	}

	/// Records an admission. At the first admission of an account the consortium gives it a
	/// provider reference, kept for good (see `Provided`), so that it exists, and keeps its
	/// nonce, without holding a balance.
	fn admit_account(who: &T::AccountId, admission: Admission) -> DispatchResult {
		ensure!(!Accounts::<T>::contains_key(who), Error::<T>::AlreadyAdmitted);
		Accounts::<T>::insert(who, admission);
		if !Provided::<T>::contains_key(who) {
			frame_system::Pallet::<T>::inc_providers(who);
			Provided::<T>::insert(who, ());
		}
		Ok(())
	}

	/// Removes an admission, its quota and the account's session keys. It cannot fail: the
	/// provider reference stays (see `Provided`), so no reference held by another pallet
	/// can keep an account admitted.
	fn release_account(who: &T::AccountId) {
		Accounts::<T>::remove(who);
		Quota::<T>::remove(who);
		T::Sessions::purge_keys(who);
	}

	fn remove_proposal(index: ProposalIndex, agency: AgencyId) {
		Proposals::<T>::remove(index);
		ProposalCount::<T>::mutate(|n| *n = n.saturating_sub(1));
		ProposalsOf::<T>::mutate_exists(agency, |n| {
			*n = n.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0);
		});
	}

	fn do_propose(
		origin: OriginFor<T>,
		call: Box<<T as Config>::RuntimeCall>,
	) -> Result<Option<Weight>, DispatchError> {
		let (author, agency) = Self::ensure_admin(origin)?;
		ensure!(T::ProposalFilter::contains(&call), Error::<T>::CallNotProposable);
		let weight = call.get_dispatch_info().total_weight();
		ensure!(weight.all_lte(T::MaxProposalWeight::get()), Error::<T>::CallTooHeavy);
		let encoded: BoundedVec<u8, T::MaxCallLen> =
			call.encode().try_into().map_err(|_| Error::<T>::CallTooLong)?;
		let of_agency = ProposalsOf::<T>::get(agency);
		ensure!(of_agency < T::MaxProposalsPerAgency::get(), Error::<T>::TooManyAgencyProposals);
		let count = ProposalCount::<T>::get();
		ensure!(count < T::MaxProposals::get(), Error::<T>::TooManyProposals);

		let index = NextProposalIndex::<T>::get();
		let call_hash = T::Hashing::hash(&encoded);
		let end = frame_system::Pallet::<T>::block_number().saturating_add(T::VotingPeriod::get());
		let mut ayes = BoundedVec::new();
		// One agency's vote always fits: `MaxAgencies` is at least one.
		ayes.try_push(agency).map_err(|_| Error::<T>::TooManyAgencies)?;
		let proposal = Proposal {
			agency,
			author: author.clone(),
			call: encoded,
			call_hash,
			ayes,
			nays: BoundedVec::new(),
			end,
		};
		Proposals::<T>::insert(index, &proposal);
		ProposalCount::<T>::put(count.saturating_add(1));
		ProposalsOf::<T>::insert(agency, of_agency.saturating_add(1));
		NextProposalIndex::<T>::put(index.wrapping_add(1));
		Self::deposit_event(Event::Proposed { index, agency, author, call_hash, end });
		Self::deposit_event(Event::Voted { index, agency, aye: true, ayes: 1, nays: 0 });
		Ok(Self::tally(index, proposal))
	}

	fn do_vote(
		origin: OriginFor<T>,
		index: ProposalIndex,
		aye: bool,
	) -> Result<Option<Weight>, DispatchError> {
		let (_, agency) = Self::ensure_admin(origin)?;
		let mut p = Proposals::<T>::get(index).ok_or(Error::<T>::UnknownProposal)?;
		ensure!(frame_system::Pallet::<T>::block_number() <= p.end, Error::<T>::ProposalExpired);
		let (add_to, remove_from) =
			if aye { (&mut p.ayes, &mut p.nays) } else { (&mut p.nays, &mut p.ayes) };
		ensure!(!add_to.contains(&agency), Error::<T>::DuplicateVote);
		remove_from.retain(|a| *a != agency);
		add_to.try_push(agency).map_err(|_| Error::<T>::TooManyAgencies)?;
		let (ayes, nays) = (p.ayes.len() as u32, p.nays.len() as u32);
		Proposals::<T>::insert(index, &p);
		Self::deposit_event(Event::Voted { index, agency, aye, ayes, nays });
		Ok(Self::tally(index, p))
	}

	/// The actual weight of a `propose` or `vote` costing `base`, which dispatched a call
	/// that used `executed`, if any.
	fn decided_weight(base: Weight, executed: Option<Weight>) -> PostDispatchInfo {
		Some(
			executed
				.map_or(base, |w| base.saturating_add(T::WeightInfo::execute()).saturating_add(w)),
		)
		.into()
	}

	/// Where a proposal stands with the current members.
	fn decision(p: &ProposalOf<T>) -> Decision {
		let members = MemberCount::<T>::get();
		let ayes = p.ayes.len() as u32;
		let nays = p.nays.len() as u32;
		if ayes.saturating_mul(2) > members {
			Decision::Approved
		} else if members.saturating_sub(nays).saturating_mul(2) <= members {
			Decision::Rejected
		} else {
			Decision::Open
		}
	}

	/// Decides a proposal when its votes allow: executes it on a strict majority of members,
	/// rejects it when a majority is out of reach. Returns the weight of an executed call.
	fn tally(index: ProposalIndex, p: ProposalOf<T>) -> Option<Weight> {
		match Self::decision(&p) {
			Decision::Approved => Some(Self::execute(index, p)),
			Decision::Rejected => {
				Self::remove_proposal(index, p.agency);
				Self::deposit_event(Event::ProposalRejected { index });
				None
			},
			Decision::Open => None,
		}
	}

	/// Removes an approved proposal and dispatches its call with the consortium's authority,
	/// unless it no longer decodes or its weight now exceeds `MaxProposalWeight` (the runtime
	/// changed since it was proposed). Returns the weight the call used.
	fn execute(index: ProposalIndex, p: ProposalOf<T>) -> Weight {
		Self::remove_proposal(index, p.agency);
		let call = <T as Config>::RuntimeCall::decode_all_with_depth_limit(
			CALL_DECODE_DEPTH_LIMIT,
			&mut &p.call[..],
		);
		let (result, weight) = match call {
			Ok(call) => {
				let info = call.get_dispatch_info();
				if info.total_weight().all_lte(T::MaxProposalWeight::get()) {
					let outcome = call.dispatch(frame_system::RawOrigin::Root.into());
					let weight = frame_support::dispatch::extract_actual_weight(&outcome, &info);
					(outcome.map(|_| ()).map_err(|e| e.error), weight)
				} else {
					(Err(Error::<T>::CallTooHeavy.into()), Weight::zero())
				}
			},
			Err(_) => (Err(Error::<T>::UndecodableCall.into()), Weight::zero()),
		};
		Self::deposit_event(Event::ProposalExecuted { index, result });
		weight
	}

	/// After `agency` left: drops its proposals, withdraws its votes, and decides again every
	/// open proposal against the smaller electorate. Those now carried are queued in `Carried`
	/// (dispatched in `on_initialize`), so that this call's weight stays bounded. Returns the
	/// number of proposals looked at.
	fn retally_without(agency: AgencyId) -> u32 {
		let open: Vec<(ProposalIndex, ProposalOf<T>)> = Proposals::<T>::iter().collect();
		let seen = open.len() as u32;
		for (index, mut p) in open {
			if p.agency == agency {
				Self::remove_proposal(index, p.agency);
				Self::deposit_event(Event::ProposalDropped { index, agency });
				continue;
			}
			p.ayes.retain(|a| *a != agency);
			p.nays.retain(|a| *a != agency);
			match Self::decision(&p) {
				Decision::Approved => {
					Proposals::<T>::insert(index, &p);
					let queued =
						Carried::<T>::mutate(|q| q.contains(&index) || q.try_push(index).is_ok());
					if queued {
						Self::deposit_event(Event::ProposalCarried { index });
					}
				},
				Decision::Rejected => {
					Self::remove_proposal(index, p.agency);
					Self::deposit_event(Event::ProposalRejected { index });
				},
				Decision::Open => Proposals::<T>::insert(index, &p),
			}
		}
		seen
	}

	/// Dispatches the first carried proposal still open, if any.
	fn dispatch_carried() -> Weight {
		let mut queue = Carried::<T>::get();
		if queue.is_empty() {
			return T::DbWeight::get().reads(1);
		}
		let index = queue.remove(0);
		Carried::<T>::put(queue);
		let base = T::DbWeight::get().reads_writes(2, 1);
		match Proposals::<T>::get(index) {
			// Still approved unless votes changed since; decide it again.
			Some(p) => base
				.saturating_add(T::WeightInfo::execute())
				.saturating_add(Self::tally(index, p).unwrap_or_default()),
			None => base,
		}
	}

	/// The quota of an admitted account per window.
	pub(crate) fn quota_limit(admission: &Admission) -> QuotaLimit {
		match admission {
			Admission::Staff { .. } => T::StaffQuota::get(),
			Admission::Enrolled { kind: SubjectKind::Company, .. }
			| Admission::Alias { kind: SubjectKind::Company } => T::CompanyQuota::get(),
			Admission::Enrolled { .. } | Admission::Alias { .. } => T::EnrolledQuota::get(),
		}
	}

	/// The longest transaction an admitted account may submit, if any bound applies.
	pub(crate) fn max_tx_len(admission: &Admission) -> Option<u32> {
		match admission {
			Admission::Staff { .. } => None,
			Admission::Enrolled { kind: SubjectKind::Company, .. }
			| Admission::Alias { kind: SubjectKind::Company } => Some(T::MaxCompanyTxLen::get()),
			Admission::Enrolled { .. } | Admission::Alias { .. } => {
				Some(T::MaxEnrolledTxLen::get())
			},
		}
	}

	/// The index of the current quota window.
	fn current_window() -> u32 {
		let now = frame_system::Pallet::<T>::block_number();
		let window = T::QuotaWindow::get();
		now.checked_div(&window).unwrap_or_default().unique_saturated_into()
	}

	/// What `who` has had included in the current window.
	pub(crate) fn quota_used(who: &T::AccountId) -> QuotaUsage {
		let window = Self::current_window();
		match Quota::<T>::get(who) {
			Some(u) if u.window == window => u,
			_ => QuotaUsage { window, ..Default::default() },
		}
	}

	/// Counts one included transaction of `who` in the current window: its length and the
	/// weight it used.
	pub(crate) fn note_transaction(who: &T::AccountId, len: u32, weight: u64) {
		let mut u = Self::quota_used(who);
		u.used = u.used.saturating_add(1);
		u.bytes = u.bytes.saturating_add(len);
		u.weight = u.weight.saturating_add(weight);
		Quota::<T>::insert(who, u);
	}

	/// Whether the next session would get a new validator set from the consortium: the decided
	/// set changed since the session pallet last asked, or a decided validator that is not in
	/// the sessions yet has set its keys since.
	pub fn validator_set_pending() -> bool {
		ValidatorsChanged::<T>::get() || Self::keyed_validator_waiting()
	}

	/// Whether a decided validator that is not in the sessions yet has set its keys.
	fn keyed_validator_waiting() -> bool {
		Validators::<T>::get()
			.iter()
			.any(|v| !T::Sessions::in_session(v) && T::Sessions::has_keys(v))
	}

	/// Whether `who` is in the validator set as decided: only such accounts may set session
	/// keys.
	pub fn is_validator(who: &T::AccountId) -> bool {
		Validators::<T>::get().contains(who)
	}

	/// The validator set as decided, for the session pallet and runtime APIs.
	pub fn validators() -> Vec<T::AccountId> {
		Validators::<T>::get().into_inner()
	}

	/// Checks the pallet's invariants.
	///
	/// - `MemberCount` equals the number of agencies, and no agency id reaches `NextAgencyId`;
	/// - every agency has at least one admin, and its `staff`/`admins` counters match `Staff`;
	/// - `Staff` and the staff entries of `Accounts` are the same set (same agency and role);
	/// - every enrolled account's enrolment names an agency id that was issued;
	/// - every agency's capabilities are sorted and unique;
	/// - every validator is staff of a member agency, without duplicates, and at least
	///   `MinValidators` once any validator exists;
	/// - `ProposalCount` equals the number of open proposals; every vote is of a member
	///   agency, no agency votes twice, and no proposal index reaches `NextProposalIndex`.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut members = 0u32;
		for (id, info) in Agencies::<T>::iter() {
			members = members.saturating_add(1);
			ensure!(id < NextAgencyId::<T>::get(), "agency id not yet issued");
			ensure!(info.admins >= 1, "agency without admin");
			let staff: Vec<Role> = Staff::<T>::iter_prefix_values(id).collect();
			ensure!(staff.len() as u32 == info.staff, "staff counter mismatch");
			let admins = staff.iter().filter(|r| **r == Role::Admin).count() as u32;
			ensure!(admins == info.admins, "admin counter mismatch");
			ensure!(
				info.capabilities.windows(2).all(|w| matches!(w, [a, b] if a < b)),
				"capabilities unsorted"
			);
		}
		ensure!(members == MemberCount::<T>::get(), "MemberCount mismatch");

		for (agency, who, role) in Staff::<T>::iter() {
			ensure!(Agencies::<T>::contains_key(agency), "staff of a removed agency");
			ensure!(
				Accounts::<T>::get(&who) == Some(Admission::Staff { agency, role }),
				"Staff entry without matching account"
			);
		}
		for (who, admission) in Accounts::<T>::iter() {
			match admission {
				Admission::Staff { agency, role } => ensure!(
					Staff::<T>::get(agency, &who) == Some(role),
					"staff account not indexed"
				),
				Admission::Enrolled { by, .. } => {
					ensure!(by < NextAgencyId::<T>::get(), "enrolled by an agency never admitted")
				},
				Admission::Alias { .. } => {},
			}
			ensure!(Provided::<T>::contains_key(&who), "admitted account without provider");
		}
		for (who, ()) in Provided::<T>::iter() {
			ensure!(
				frame_system::Pallet::<T>::providers(&who) >= 1,
				"provided account without provider reference"
			);
		}

		let validators = Validators::<T>::get();
		for (i, v) in validators.iter().enumerate() {
			ensure!(
				matches!(Accounts::<T>::get(v), Some(Admission::Staff { .. })),
				"validator is not staff"
			);
			ensure!(
				!validators.iter().skip(i.saturating_add(1)).any(|w| w == v),
				"duplicate validator"
			);
		}
		ensure!(
			validators.is_empty() || validators.len() as u32 >= T::MinValidators::get(),
			"too few validators"
		);

		let mut open = 0u32;
		let mut of_agency = alloc::collections::BTreeMap::<AgencyId, u32>::new();
		for (index, p) in Proposals::<T>::iter() {
			open = open.saturating_add(1);
			ensure!(Agencies::<T>::contains_key(p.agency), "proposal of a non-member");
			let n = of_agency.entry(p.agency).or_default();
			*n = n.saturating_add(1);
			ensure!(index < NextProposalIndex::<T>::get(), "proposal index not yet issued");
			for (i, a) in p.ayes.iter().chain(p.nays.iter()).enumerate() {
				ensure!(Agencies::<T>::contains_key(a), "vote of a non-member");
				ensure!(
					!p.ayes.iter().chain(p.nays.iter()).skip(i.saturating_add(1)).any(|b| b == a),
					"agency voted twice"
				);
			}
		}
		ensure!(open == ProposalCount::<T>::get(), "ProposalCount mismatch");
		ensure!(open <= T::MaxProposals::get(), "too many proposals");
		for (agency, n) in ProposalsOf::<T>::iter() {
			ensure!(of_agency.get(&agency) == Some(&n), "ProposalsOf mismatch");
			ensure!(n <= T::MaxProposalsPerAgency::get(), "too many proposals of an agency");
		}
		ensure!(
			of_agency.len() == ProposalsOf::<T>::iter().count(),
			"open proposals of an agency not counted"
		);
		for (agency, _) in AdminChanges::<T>::iter() {
			ensure!(Agencies::<T>::contains_key(agency), "admin change of a non-member");
		}
		Ok(())
	}
}

impl<T: Config> AgencyAuthority<OriginFor<T>, T::AccountId> for Pallet<T> {
	fn ensure_capability(
		origin: OriginFor<T>,
		capability: Capability,
	) -> Result<(T::AccountId, AgencyId), DispatchError> {
		let (who, agency) = Self::ensure_staff(origin)?;
		ensure!(Self::has_capability(agency, capability), Error::<T>::MissingCapability);
		Ok((who, agency))
	}

	fn ensure_staff(origin: OriginFor<T>) -> Result<(T::AccountId, AgencyId), DispatchError> {
		let who = ensure_signed(origin)?;
		let agency =
			Accounts::<T>::get(&who).and_then(|a| a.staff_agency()).ok_or(Error::<T>::NotStaff)?;
		Ok((who, agency))
	}

	fn has_capability(agency: AgencyId, capability: Capability) -> bool {
		Agencies::<T>::get(agency)
			.is_some_and(|a| a.capabilities.binary_search(&capability).is_ok())
	}

	fn is_member(agency: AgencyId) -> bool {
		Agencies::<T>::contains_key(agency)
	}

	fn ensure_admin(origin: OriginFor<T>) -> Result<(T::AccountId, AgencyId), DispatchError> {
		// The pallet's own check (inherent functions come first).
		Self::ensure_admin(origin)
	}
}

impl<T: Config> Enrolment<T::AccountId> for Pallet<T> {
	fn enrol(who: &T::AccountId, by: AgencyId, kind: SubjectKind) -> DispatchResult {
		Self::do_enrol_capped(who, by, kind)
	}

	fn unenrol(who: &T::AccountId) -> DispatchResult {
		Self::do_unenrol(who)
	}

	fn is_enrolled(who: &T::AccountId) -> bool {
		Pallet::<T>::is_enrolled(who)
	}

	fn is_alias_account(who: &T::AccountId) -> bool {
		matches!(Accounts::<T>::get(who), Some(Admission::Alias { .. }))
	}

	fn reenrol(who: &T::AccountId, to: AgencyId) -> DispatchResult {
		Self::do_reenrol(who, to)
	}

	fn rekey(old: &T::AccountId, new: &T::AccountId) -> DispatchResult {
		let Some(Admission::Enrolled { by, kind }) = Accounts::<T>::get(old) else {
			return Err(Error::<T>::NotEnrolled.into());
		};
		ensure!(!Accounts::<T>::contains_key(new), Error::<T>::AlreadyAdmitted);
		Self::do_unenrol(old)?;
		// Outside the enrolment window: the person was enrolled once, its new key replaces
		// the old one.
		Self::do_enrol(new, by, kind)
	}
}

/// The session pallet asks the consortium for the next validator set.
/// Alias accounts (`pallet-civitas-aliases`): admitted by a ring-VRF proof, with the quota and
/// the call policy of an enrolled account of the same kind, counted against no agency.
impl<T: Config> civitas_primitives::AliasAdmission<T::AccountId> for Pallet<T> {
	fn is_admitted(who: &T::AccountId) -> bool {
		Accounts::<T>::contains_key(who)
	}

	fn admit_alias(who: &T::AccountId, kind: SubjectKind) -> DispatchResult {
		Self::admit_account(who, Admission::Alias { kind })
	}

	fn release_alias(who: &T::AccountId) {
		if matches!(Accounts::<T>::get(who), Some(Admission::Alias { .. })) {
			Self::release_account(who);
		}
	}
}

impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
	/// The decided set, when it changed, or when a decided validator that is not in the
	/// sessions yet has set its keys since (validators set their keys after the vote that adds
	/// them: only then may they, see the runtime's `CallPolicy`).
	fn new_session(_new_index: sp_staking::SessionIndex) -> Option<Vec<T::AccountId>> {
		let changed = ValidatorsChanged::<T>::take();
		if changed || Pallet::<T>::keyed_validator_waiting() {
			Some(Self::validators())
		} else {
			None
		}
	}

	fn new_session_genesis(_new_index: sp_staking::SessionIndex) -> Option<Vec<T::AccountId>> {
		ValidatorsChanged::<T>::kill();
		let set = Self::validators();
		(!set.is_empty()).then_some(set)
	}

	fn end_session(_end_index: sp_staking::SessionIndex) {}

	fn start_session(_start_index: sp_staking::SessionIndex) {}
}

/// Benchmarks of other pallets get agency staff here, without votes.
#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> civitas_primitives::BenchmarkAgencies<T::AccountId> for Pallet<T> {
	fn staff_with(seed: u32, capabilities: &[Capability]) -> T::AccountId {
		let admin: T::AccountId = frame_benchmarking::account("agency-admin", seed, 0);
		let name = b"Benchmark Agency".to_vec().try_into().unwrap_or_default();
		let admins = alloc::vec![admin.clone()].try_into().unwrap_or_default();
		let caps = capabilities.to_vec().try_into().unwrap_or_default();
		// Benchmarks run on a chain with room for one more agency; a failure shows up as the
		// benchmark's own error when the staff account is used.
		let _ = Self::do_admit_agency(name, AgencyKind::Other, 1, admins, caps);
		admin
	}
}
