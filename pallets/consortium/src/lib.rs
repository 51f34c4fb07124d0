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
//! in), checks the nonce exactly as the system one does, and also refuses, in the pool:
//! - a signer that is neither staff nor enrolled (`Custom(1)`, `NOT_ADMITTED`);
//! - a signer that has used its quota of transactions in the current window of blocks
//!   (`Custom(2)`, `QUOTA_EXCEEDED`), counting the transactions it already has in the pool
//!   ahead of this one, so a burst is cut off at exactly the quota.
//!
//! ## Calls
//! - Consortium authority: [`Pallet::admit_agency`], [`Pallet::remove_agency`],
//!   [`Pallet::grant_capability`], [`Pallet::revoke_capability`], [`Pallet::add_validator`],
//!   [`Pallet::remove_validator`].
//! - Agency admins: [`Pallet::add_staff`], [`Pallet::remove_staff`], [`Pallet::propose`],
//!   [`Pallet::vote`], [`Pallet::cancel`].
//! - Agency staff with `RegisterPersons`: [`Pallet::enrol`], [`Pallet::unenrol`].
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
	dispatch::{DispatchResultWithPostInfo, GetDispatchInfo, PostDispatchInfo},
	pallet_prelude::*,
	traits::{EnsureOrigin, Get},
};
use frame_system::pallet_prelude::*;
use sp_runtime::{
	traits::{Dispatchable, Hash, Saturating, UniqueSaturatedInto},
	DispatchError,
};

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

		/// Transactions a staff account may have included per window.
		#[pallet::constant]
		type StaffQuota: Get<u32>;

		/// Transactions an enrolled account may have included per window.
		#[pallet::constant]
		type EnrolledQuota: Get<u32>;

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

	/// Transactions of each account in its latest quota window.
	#[pallet::storage]
	pub type Quota<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, QuotaUsage>;

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
		/// The account still holds funds or references that need it to exist.
		AccountInUse,
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
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(!T::QuotaWindow::get().is_zero(), "QuotaWindow must not be zero");
			assert!(T::MinValidators::get() >= 1, "MinValidators must be at least one");
			assert!(T::MaxAgencies::get() >= 1, "MaxAgencies must be at least one");
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

		/// Removes a member agency and all its staff accounts; withdraws its votes from open
		/// proposals. Accounts it enrolled stay enrolled.
		///
		/// ## Errors
		/// `UnknownAgency`; `RunsValidator` when one of its staff is a validator;
		/// `AccountInUse` when a staff account cannot be released.
		///
		/// ## Events
		/// `StaffRemoved` for each staff account, then `AgencyRemoved`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_agency(T::MaxStaff::get(), T::MaxProposals::get()))]
		pub fn remove_agency(origin: OriginFor<T>, agency: AgencyId) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			ensure!(Agencies::<T>::contains_key(agency), Error::<T>::UnknownAgency);
			let validators = Validators::<T>::get();
			let staff: Vec<T::AccountId> = Staff::<T>::iter_key_prefix(agency).collect();
			ensure!(!staff.iter().any(|s| validators.contains(s)), Error::<T>::RunsValidator);
			for who in staff {
				Self::release_account(&who)?;
				Staff::<T>::remove(agency, &who);
				Self::deposit_event(Event::StaffRemoved { agency, who });
			}
			Agencies::<T>::remove(agency);
			MemberCount::<T>::mutate(|n| *n = n.saturating_sub(1));
			for (index, mut p) in Proposals::<T>::iter() {
				let before = (p.ayes.len(), p.nays.len());
				p.ayes.retain(|a| *a != agency);
				p.nays.retain(|a| *a != agency);
				if before != (p.ayes.len(), p.nays.len()) {
					Proposals::<T>::insert(index, p);
				}
			}
			Self::deposit_event(Event::AgencyRemoved { agency });
			Ok(())
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
		/// vote is needed.
		///
		/// ## Errors
		/// `NotStaff`, `NotAdmin` (the caller), `AlreadyAdmitted` (the account), `TooManyStaff`.
		///
		/// ## Events
		/// `StaffAdded`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::add_staff())]
		pub fn add_staff(origin: OriginFor<T>, who: T::AccountId, role: Role) -> DispatchResult {
			let (_, agency) = Self::ensure_admin(origin)?;
			Self::do_add_staff(agency, &who, role)
		}

		/// Removes an account from the staff of the caller's agency. Only admins may do this.
		///
		/// ## Errors
		/// `NotStaff`, `NotAdmin` (the caller); `OtherAgency` when the account is not staff of
		/// the caller's agency; `LastAdmin`; `RunsValidator`; `AccountInUse`.
		///
		/// ## Events
		/// `StaffRemoved`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::remove_staff())]
		pub fn remove_staff(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			let (_, agency) = Self::ensure_admin(origin)?;
			let role = Staff::<T>::get(agency, &who).ok_or(Error::<T>::OtherAgency)?;
			ensure!(!Validators::<T>::get().contains(&who), Error::<T>::RunsValidator);
			let mut info = Agencies::<T>::get(agency).ok_or(Error::<T>::UnknownAgency)?;
			if role == Role::Admin {
				ensure!(info.admins > 1, Error::<T>::LastAdmin);
				info.admins = info.admins.saturating_sub(1);
			}
			info.staff = info.staff.saturating_sub(1);
			Self::release_account(&who)?;
			Staff::<T>::remove(agency, &who);
			Agencies::<T>::insert(agency, info);
			Self::deposit_event(Event::StaffRemoved { agency, who });
			Ok(())
		}

		/// Enrols a citizen's or company's account to transact, on behalf of the caller's
		/// agency, which must hold `RegisterPersons`.
		///
		/// ## Errors
		/// `NotStaff`, `MissingCapability`, `AlreadyAdmitted`.
		///
		/// ## Events
		/// `AccountEnrolled`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::enrol())]
		pub fn enrol(origin: OriginFor<T>, who: T::AccountId, kind: SubjectKind) -> DispatchResult {
			let (_, agency) = Self::ensure_capability(origin, Capability::RegisterPersons)?;
			Self::do_enrol(&who, agency, kind)
		}

		/// Withdraws an enrolment. Only the enrolling agency may, with `RegisterPersons`.
		///
		/// ## Errors
		/// `NotStaff`, `MissingCapability`, `NotEnrolled`, `NotEnrollingAgency`, `AccountInUse`.
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
		/// dispatched at once.
		///
		/// ## Errors
		/// `NotStaff`, `NotAdmin`, `CallTooLong`, `CallTooHeavy`, `TooManyProposals`.
		///
		/// ## Events
		/// `Proposed`, `Voted`, and `ProposalExecuted` when carried at once.
		#[pallet::call_index(10)]
		#[pallet::weight(
			T::WeightInfo::propose(T::MaxCallLen::get())
				.saturating_add(T::WeightInfo::execute())
				.saturating_add(T::MaxProposalWeight::get())
		)]
		pub fn propose(
			origin: OriginFor<T>,
			call: Box<<T as Config>::RuntimeCall>,
		) -> DispatchResultWithPostInfo {
			let (author, agency) = Self::ensure_admin(origin)?;
			let weight = call.get_dispatch_info().total_weight();
			ensure!(weight.all_lte(T::MaxProposalWeight::get()), Error::<T>::CallTooHeavy);
			let encoded: BoundedVec<u8, T::MaxCallLen> =
				call.encode().try_into().map_err(|_| Error::<T>::CallTooLong)?;
			let len = encoded.len() as u32;
			let count = ProposalCount::<T>::get();
			ensure!(count < T::MaxProposals::get(), Error::<T>::TooManyProposals);

			let index = NextProposalIndex::<T>::get();
			let call_hash = T::Hashing::hash(&encoded);
			let end =
				frame_system::Pallet::<T>::block_number().saturating_add(T::VotingPeriod::get());
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
			NextProposalIndex::<T>::put(index.wrapping_add(1));
			Self::deposit_event(Event::Proposed { index, agency, author, call_hash, end });
			Self::deposit_event(Event::Voted { index, agency, aye: true, ayes: 1, nays: 0 });

			let executed = Self::tally(index, proposal)?;
			let base = T::WeightInfo::propose(len);
			Ok(Some(match executed {
				Some(call_weight) => {
					base.saturating_add(T::WeightInfo::execute()).saturating_add(call_weight)
				},
				None => base,
			})
			.into())
		}

		/// Casts (or changes) the caller's agency's vote on an open proposal. The vote that
		/// makes a strict majority of member agencies dispatches the call; the vote that makes
		/// a majority impossible closes the proposal.
		///
		/// ## Errors
		/// `NotStaff`, `NotAdmin`, `UnknownProposal`, `ProposalExpired`, `DuplicateVote`.
		///
		/// ## Events
		/// `Voted`; then `ProposalExecuted` or `ProposalRejected` when decided.
		#[pallet::call_index(11)]
		#[pallet::weight(
			T::WeightInfo::vote(T::MaxAgencies::get())
				.saturating_add(T::WeightInfo::execute())
				.saturating_add(T::MaxProposalWeight::get())
		)]
		pub fn vote(
			origin: OriginFor<T>,
			index: ProposalIndex,
			aye: bool,
		) -> DispatchResultWithPostInfo {
			let (_, agency) = Self::ensure_admin(origin)?;
			let mut p = Proposals::<T>::get(index).ok_or(Error::<T>::UnknownProposal)?;
			ensure!(
				frame_system::Pallet::<T>::block_number() <= p.end,
				Error::<T>::ProposalExpired
			);
			let (add_to, remove_from) =
				if aye { (&mut p.ayes, &mut p.nays) } else { (&mut p.nays, &mut p.ayes) };
			ensure!(!add_to.contains(&agency), Error::<T>::DuplicateVote);
			remove_from.retain(|a| *a != agency);
			add_to.try_push(agency).map_err(|_| Error::<T>::TooManyAgencies)?;
			let (ayes, nays) = (p.ayes.len() as u32, p.nays.len() as u32);
			Proposals::<T>::insert(index, &p);
			Self::deposit_event(Event::Voted { index, agency, aye, ayes, nays });

			let base = T::WeightInfo::vote(MemberCount::<T>::get());
			Ok(Some(match Self::tally(index, p)? {
				Some(call_weight) => {
					base.saturating_add(T::WeightInfo::execute()).saturating_add(call_weight)
				},
				None => base,
			})
			.into())
		}

		/// Withdraws an open proposal. Only an admin of the proposing agency may.
		///
		/// ## Errors
		/// `NotStaff`, `NotAdmin`, `UnknownProposal`, `NotProposer`.
		///
		/// ## Events
		/// `ProposalCancelled`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::cancel())]
		pub fn cancel(origin: OriginFor<T>, index: ProposalIndex) -> DispatchResult {
			let (_, agency) = Self::ensure_admin(origin)?;
			let p = Proposals::<T>::get(index).ok_or(Error::<T>::UnknownProposal)?;
			ensure!(p.agency == agency, Error::<T>::NotProposer);
			Self::remove_proposal(index);
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
		#[pallet::weight(T::WeightInfo::close())]
		pub fn close(origin: OriginFor<T>, index: ProposalIndex) -> DispatchResult {
			ensure_signed(origin)?;
			let p = Proposals::<T>::get(index).ok_or(Error::<T>::UnknownProposal)?;
			ensure!(
				frame_system::Pallet::<T>::block_number() > p.end,
				Error::<T>::ProposalStillOpen
			);
			Self::remove_proposal(index);
			Self::deposit_event(Event::ProposalExpired { index });
			Ok(())
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
				.map(|a| Self::quota_limit(&a).saturating_sub(Self::quota_used(&who)))
				.unwrap_or(0)
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

	pub(crate) fn do_enrol(who: &T::AccountId, by: AgencyId, kind: SubjectKind) -> DispatchResult {
		ensure!(Agencies::<T>::contains_key(by), Error::<T>::UnknownAgency);
		Self::admit_account(who, Admission::Enrolled { by, kind })?;
		Self::deposit_event(Event::AccountEnrolled { who: who.clone(), by, kind });
		Ok(())
	}

	fn do_unenrol(who: &T::AccountId) -> DispatchResult {
		let Some(Admission::Enrolled { by, .. }) = Accounts::<T>::get(who) else {
			return Err(Error::<T>::NotEnrolled.into());
		};
		Self::release_account(who)?;
		Self::deposit_event(Event::AccountUnenrolled { who: who.clone(), by });
		Ok(())
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

	/// Records an admission and gives the account a provider reference, so that it exists
	/// (and keeps its nonce) without holding a balance.
	fn admit_account(who: &T::AccountId, admission: Admission) -> DispatchResult {
		ensure!(!Accounts::<T>::contains_key(who), Error::<T>::AlreadyAdmitted);
		Accounts::<T>::insert(who, admission);
		frame_system::Pallet::<T>::inc_providers(who);
		Ok(())
	}

	/// Removes an admission and the provider reference it gave.
	fn release_account(who: &T::AccountId) -> DispatchResult {
		frame_system::Pallet::<T>::dec_providers(who).map_err(|_| Error::<T>::AccountInUse)?;
		Accounts::<T>::remove(who);
		Quota::<T>::remove(who);
		Ok(())
	}

	fn remove_proposal(index: ProposalIndex) {
		Proposals::<T>::remove(index);
		ProposalCount::<T>::mutate(|n| *n = n.saturating_sub(1));
	}

	/// Decides a proposal when its votes allow: executes it on a strict majority of members,
	/// rejects it when a majority is out of reach. Returns the weight of an executed call.
	fn tally(index: ProposalIndex, p: ProposalOf<T>) -> Result<Option<Weight>, DispatchError> {
		let members = MemberCount::<T>::get();
		let ayes = p.ayes.len() as u32;
		let nays = p.nays.len() as u32;
		if ayes.saturating_mul(2) > members {
			Self::remove_proposal(index);
			let call = <T as Config>::RuntimeCall::decode_all_with_depth_limit(
				CALL_DECODE_DEPTH_LIMIT,
				&mut &p.call[..],
			);
			let (result, weight) = match call {
				Ok(call) => {
					let info = call.get_dispatch_info();
					let outcome = call.dispatch(frame_system::RawOrigin::Root.into());
					let weight = frame_support::dispatch::extract_actual_weight(&outcome, &info);
					(outcome.map(|_| ()).map_err(|e| e.error), weight)
				},
				Err(_) => (Err(Error::<T>::UndecodableCall.into()), Weight::zero()),
			};
			Self::deposit_event(Event::ProposalExecuted { index, result });
			Ok(Some(weight))
		} else if members.saturating_sub(nays).saturating_mul(2) <= members {
			Self::remove_proposal(index);
			Self::deposit_event(Event::ProposalRejected { index });
			Ok(None)
		} else {
			Ok(None)
		}
	}

	/// The quota of an admitted account per window.
	fn quota_limit(admission: &Admission) -> u32 {
		match admission {
			Admission::Staff { .. } => T::StaffQuota::get(),
			Admission::Enrolled { .. } => T::EnrolledQuota::get(),
		}
	}

	/// The index of the current quota window.
	fn current_window() -> u32 {
		let now = frame_system::Pallet::<T>::block_number();
		let window = T::QuotaWindow::get();
		now.checked_div(&window).unwrap_or_default().unique_saturated_into()
	}

	/// Transactions `who` has had included in the current window.
	fn quota_used(who: &T::AccountId) -> u32 {
		match Quota::<T>::get(who) {
			Some(u) if u.window == Self::current_window() => u.used,
			_ => 0,
		}
	}

	/// Counts one included transaction of `who` in the current window.
	fn note_transaction(who: &T::AccountId) {
		let window = Self::current_window();
		Quota::<T>::mutate(who, |u| {
			let used = match u {
				Some(u) if u.window == window => u.used.saturating_add(1),
				_ => 1,
			};
			*u = Some(QuotaUsage { window, used });
		});
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
			}
			ensure!(
				frame_system::Pallet::<T>::providers(&who) >= 1,
				"admitted account without provider"
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
		for (index, p) in Proposals::<T>::iter() {
			open = open.saturating_add(1);
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
}

impl<T: Config> Enrolment<T::AccountId> for Pallet<T> {
	fn enrol(who: &T::AccountId, by: AgencyId, kind: SubjectKind) -> DispatchResult {
		Self::do_enrol(who, by, kind)
	}

	fn unenrol(who: &T::AccountId) -> DispatchResult {
		Self::do_unenrol(who)
	}

	fn is_enrolled(who: &T::AccountId) -> bool {
		matches!(Accounts::<T>::get(who), Some(Admission::Enrolled { .. }))
	}
}

/// The session pallet asks the consortium for the next validator set.
impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
	fn new_session(_new_index: sp_staking::SessionIndex) -> Option<Vec<T::AccountId>> {
		if ValidatorsChanged::<T>::take() {
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
