//! # Settlement pallet
//!
//! The settlement unit is the chain's native balance (`pallet_balances`), standing for fiat
//! money held by the treasury. Money enters the chain only when a treasury agency records a
//! fiat deposit (a **mint**), and leaves it only when the treasury pays it out (a **burn**).
//! Fines, provident-fund contributions and construction escrow all move this money.
//!
//! ## Terminology
//! - **Treasury**: a member agency holding [`Capability::MintSettlement`].
//! - **Deposit reference**: a hash of the off-chain record of a fiat deposit (a bank
//!   statement line). Each one is accepted once: a replayed reference fails with
//!   [`Error::DepositReferenceUsed`], and [`Pallet::deposit`] tells which mint used it.
//! - **Ceiling**: how much one treasury may mint in one call and in one UTC day, set by
//!   consortium vote. A treasury without a ceiling cannot mint.
//! - **Redemption**: a holder's signed request to be paid out in fiat. The amount is held on
//!   the holder's balance (hold reason [`HoldReason::Redemption`]): it stays the holder's, but
//!   cannot be spent. A treasury settles it with the reference of its fiat payout (the held
//!   amount paid out is burned; any rest is released), or refuses it with a reason code
//!   (everything is released). The holder may cancel it until then.
//! - **Agency account**: every agency has an account derived from its id
//!   ([`Pallet::agency_account`]): fines and fees are paid into it; nobody holds its key. An
//!   admin of the agency pays out of it with [`Pallet::agency_transfer`]; the consortium
//!   moves what a removed agency left with [`Pallet::consortium_transfer`].
//!
//! ## Invariants
//! Total issuance = issuance at genesis + minted − burned; the pending total equals the sum
//! of open redemptions, and each holder's balance on hold for redemption equals the sum of
//! its open requests (checked by [`Pallet::do_try_state`]). For the first invariant to hold,
//! nothing else may create or destroy the unit: the runtime forbids `balances.burn`,
//! `balances.force_set_balance` and `balances.force_adjust_total_issuance` to every origin,
//! and the existential deposit is one cent, the smallest amount, so no dust is ever
//! destroyed.
//!
//! ## Calls
//! - Consortium authority: [`Pallet::set_mint_ceiling`], [`Pallet::consortium_transfer`].
//! - `MintSettlement`: [`Pallet::mint`], [`Pallet::settle_redemption`],
//!   [`Pallet::refuse_redemption`].
//! - Any admitted account: [`Pallet::request_redemption`], [`Pallet::cancel_redemption`].
//! - An agency's admin: [`Pallet::agency_transfer`].

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
	AgencyAccounts, AgencyAuthority, AgencyId, Capability, Enrolment, Moment,
};
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, InspectHold, Mutate, MutateHold},
		tokens::{Fortitude, Precision, Preservation},
		Time,
	},
	PalletId,
};
use frame_system::pallet_prelude::*;
use sp_core::H256;
use sp_runtime::traits::{AccountIdConversion, CheckedAdd, CheckedSub, Saturating, Zero};

/// The balance type of the settlement unit.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// A deposit record of a runtime.
pub type DepositOf<T> =
	Deposit<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;
/// A redemption record of a runtime.
pub type RedemptionOf<T> =
	Redemption<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// Milliseconds per day: ceilings are per UTC day.
const DAY: Moment = 24 * 60 * 60 * 1000;

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

		/// The settlement unit: the native balance.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ InspectHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// The consortium's authority, which sets ceilings.
		type ConsortiumOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Which agency an origin acts for, and with which capabilities.
		type Agencies: AgencyAuthority<OriginFor<Self>, Self::AccountId>;

		/// Which accounts are enrolled (may receive minted money).
		type Enrolment: Enrolment<Self::AccountId>;

		/// The current time (ms since the Unix epoch), for daily ceilings.
		type Time: Time<Moment = Moment>;

		/// From which agency accounts are derived.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Most open redemption requests of one account; bounds `PendingOf`.
		#[pallet::constant]
		type MaxPendingPerAccount: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Agencies and accounts for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: benchmarking::BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds balance.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Requested for redemption, awaiting the treasury's payout.
		#[codec(index = 0)]
		Redemption,
	}

	/// Mint ceilings of treasury agencies, set by consortium vote.
	#[pallet::storage]
	pub type Ceilings<T: Config> =
		StorageMap<_, Twox64Concat, AgencyId, MintCeiling<BalanceOf<T>>, OptionQuery>;

	/// What each treasury agency has minted on its last day of minting.
	#[pallet::storage]
	pub type MintedOn<T: Config> =
		StorageMap<_, Twox64Concat, AgencyId, DailyMinted<BalanceOf<T>>, OptionQuery>;

	/// Deposit references used, and the mint that used each: a reference is accepted once.
	#[pallet::storage]
	pub type Deposits<T: Config> = StorageMap<_, Blake2_128Concat, H256, DepositOf<T>, OptionQuery>;

	/// Payout references used, and the redemption each settled: a reference is accepted once.
	#[pallet::storage]
	pub type Payouts<T: Config> = StorageMap<_, Blake2_128Concat, H256, RedemptionId, OptionQuery>;

	/// Totals of the settlement unit since genesis.
	#[pallet::storage]
	pub type Supply<T: Config> = StorageValue<_, Totals<BalanceOf<T>>, ValueQuery>;

	/// Open redemption requests.
	#[pallet::storage]
	pub type Redemptions<T: Config> =
		StorageMap<_, Twox64Concat, RedemptionId, RedemptionOf<T>, OptionQuery>;

	/// The open redemption requests of each account, oldest first.
	#[pallet::storage]
	pub type PendingOf<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<RedemptionId, T::MaxPendingPerAccount>,
		ValueQuery,
	>;

	/// The id of the next redemption request.
	#[pallet::storage]
	pub type NextRedemptionId<T: Config> = StorageValue<_, RedemptionId, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Ceilings of the treasury agencies admitted at genesis.
		pub ceilings: Vec<(AgencyId, MintCeiling<BalanceOf<T>>)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// Balances are built before this pallet (it comes after them in the runtime), so
			// this is the issuance of the genesis endowments.
			Supply::<T>::put(Totals {
				genesis: T::Currency::total_issuance(),
				..Default::default()
			});
			for (agency, ceiling) in &self.ceilings {
				assert!(
					ceiling.per_mint <= ceiling.per_day,
					"ceiling per mint above ceiling per day"
				);
				Ceilings::<T>::insert(agency, ceiling);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The consortium set a treasury's mint ceiling.
		MintCeilingSet { agency: AgencyId, ceiling: MintCeiling<BalanceOf<T>> },
		/// A treasury minted `amount` to `to` against fiat deposit `deposit`.
		Minted { agency: AgencyId, to: T::AccountId, amount: BalanceOf<T>, deposit: H256 },
		/// `who` asked to be paid out `amount`, now held.
		RedemptionRequested { id: RedemptionId, who: T::AccountId, amount: BalanceOf<T> },
		/// A treasury paid out `burned` in fiat (reference `payout`) and burned it; `released`
		/// (the rest of the request) is spendable again.
		RedemptionSettled {
			id: RedemptionId,
			who: T::AccountId,
			agency: AgencyId,
			burned: BalanceOf<T>,
			released: BalanceOf<T>,
			payout: H256,
		},
		/// A treasury refused a redemption; the amount is spendable again.
		RedemptionRefused {
			id: RedemptionId,
			who: T::AccountId,
			agency: AgencyId,
			amount: BalanceOf<T>,
			reason: RefusalReason,
		},
		/// The holder cancelled a redemption; the amount is spendable again.
		RedemptionCancelled { id: RedemptionId, who: T::AccountId, amount: BalanceOf<T> },
		/// Money left an agency's account: paid by its admin `by`, or by the consortium
		/// (`by` is `None`).
		AgencyPaid {
			agency: AgencyId,
			by: Option<T::AccountId>,
			to: T::AccountId,
			amount: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The amount is zero.
		ZeroAmount,
		/// This deposit reference was used by an earlier mint (see the `deposit` view
		/// function): a fiat deposit is minted once.
		DepositReferenceUsed,
		/// This payout reference settled an earlier redemption: a fiat payout settles once.
		PayoutReferenceUsed,
		/// The account is neither enrolled nor an alias account: minted money goes to admitted
		/// persons' accounts and to agencies.
		NotEnrolled,
		/// No member agency has this id.
		UnknownAgency,
		/// The consortium has set no mint ceiling for this treasury: it cannot mint.
		NoMintCeiling,
		/// The amount is above the treasury's ceiling per mint.
		AboveMintCeiling,
		/// The amount would take the treasury above its ceiling for today.
		AboveDailyCeiling,
		/// A ceiling per mint above the ceiling per day.
		CeilingInverted,
		/// The free balance does not cover the amount.
		InsufficientBalance,
		/// The account has `MaxPendingPerAccount` open redemption requests already.
		TooManyPendingRedemptions,
		/// No open redemption request has this id.
		UnknownRedemption,
		/// Only the holder who asked for a redemption may cancel it.
		NotRequester,
		/// The payout is above the amount held for the redemption.
		AboveRedemption,
		/// The settlement unit's totals would overflow.
		Overflow,
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
		/// Sets how much treasury `agency` may mint per call and per UTC day. Zero ceilings
		/// stop it minting.
		///
		/// ## Errors
		/// `UnknownAgency`, `CeilingInverted`.
		///
		/// ## Events
		/// `MintCeilingSet`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_mint_ceiling())]
		pub fn set_mint_ceiling(
			origin: OriginFor<T>,
			agency: AgencyId,
			ceiling: MintCeiling<BalanceOf<T>>,
		) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			ensure!(T::Agencies::is_member(agency), Error::<T>::UnknownAgency);
			ensure!(ceiling.per_mint <= ceiling.per_day, Error::<T>::CeilingInverted);
			Ceilings::<T>::insert(agency, ceiling);
			Self::deposit_event(Event::MintCeilingSet { agency, ceiling });
			Ok(())
		}

		/// Mints `amount` to an enrolled account, an alias account (a person's deposit for its
		/// domain alias, which names nobody) or an agency's account, against the fiat
		/// deposit whose reference is `deposit`. Within the treasury's ceilings.
		///
		/// ## Errors
		/// `MissingCapability` (or `NotStaff`), `ZeroAmount`, `DepositReferenceUsed`,
		/// `NotEnrolled`, `UnknownAgency`, `NoMintCeiling`, `AboveMintCeiling`,
		/// `AboveDailyCeiling`, `Overflow`.
		///
		/// ## Events
		/// `Minted`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::mint())]
		pub fn mint(
			origin: OriginFor<T>,
			to: MintTarget<T::AccountId>,
			amount: BalanceOf<T>,
			deposit: H256,
		) -> DispatchResult {
			let (_, agency) = T::Agencies::ensure_capability(origin, Capability::MintSettlement)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			ensure!(!Deposits::<T>::contains_key(deposit), Error::<T>::DepositReferenceUsed);
			let to = match to {
				MintTarget::Account(who) => {
					ensure!(
						T::Enrolment::is_enrolled(&who) || T::Enrolment::is_alias_account(&who),
						Error::<T>::NotEnrolled
					);
					who
				},
				MintTarget::Agency(id) => {
					ensure!(T::Agencies::is_member(id), Error::<T>::UnknownAgency);
					Self::agency_account(id)
				},
			};
			let ceiling = Ceilings::<T>::get(agency).ok_or(Error::<T>::NoMintCeiling)?;
			ensure!(amount <= ceiling.per_mint, Error::<T>::AboveMintCeiling);
			let day = Self::today();
			let minted_today = Self::minted_on(agency, day)
				.checked_add(&amount)
				.filter(|total| *total <= ceiling.per_day)
				.ok_or(Error::<T>::AboveDailyCeiling)?;
			let mut supply = Supply::<T>::get();
			supply.minted = supply.minted.checked_add(&amount).ok_or(Error::<T>::Overflow)?;

			T::Currency::mint_into(&to, amount).map_err(|_| Error::<T>::Overflow)?;
			Supply::<T>::put(supply);
			MintedOn::<T>::insert(agency, DailyMinted { day, amount: minted_today });
			let at = frame_system::Pallet::<T>::block_number();
			Deposits::<T>::insert(deposit, Deposit { agency, to: to.clone(), amount, at });
			Self::deposit_event(Event::Minted { agency, to, amount, deposit });
			Ok(())
		}

		/// Asks the treasury to pay `amount` out in fiat. The amount is held on the signer's
		/// balance until a treasury settles or refuses the request, or the signer cancels it.
		///
		/// ## Errors
		/// `ZeroAmount`, `TooManyPendingRedemptions`, `InsufficientBalance`, `Overflow`.
		///
		/// ## Events
		/// `RedemptionRequested`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::request_redemption())]
		pub fn request_redemption(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let id = NextRedemptionId::<T>::get();
			let mut pending = PendingOf::<T>::get(&who);
			pending.try_push(id).map_err(|_| Error::<T>::TooManyPendingRedemptions)?;
			let mut supply = Supply::<T>::get();
			supply.pending = supply.pending.checked_add(&amount).ok_or(Error::<T>::Overflow)?;

			T::Currency::hold(&HoldReason::Redemption.into(), &who, amount)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
			Supply::<T>::put(supply);
			PendingOf::<T>::insert(&who, pending);
			let requested_at = frame_system::Pallet::<T>::block_number();
			Redemptions::<T>::insert(id, Redemption { who: who.clone(), amount, requested_at });
			NextRedemptionId::<T>::put(id.wrapping_add(1));
			Self::deposit_event(Event::RedemptionRequested { id, who, amount });
			Ok(())
		}

		/// Withdraws the signer's redemption request `id`; the amount is spendable again.
		///
		/// ## Errors
		/// `UnknownRedemption`, `NotRequester`.
		///
		/// ## Events
		/// `RedemptionCancelled`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::cancel_redemption())]
		pub fn cancel_redemption(origin: OriginFor<T>, id: RedemptionId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let r = Redemptions::<T>::get(id).ok_or(Error::<T>::UnknownRedemption)?;
			ensure!(r.who == who, Error::<T>::NotRequester);
			Self::close(id, &r, Zero::zero())?;
			Self::deposit_event(Event::RedemptionCancelled { id, who, amount: r.amount });
			Ok(())
		}

		/// Settles redemption `id`: the treasury has paid `paid` out in fiat, with payout
		/// reference `payout`. That much of the held amount is burned; any rest is released to
		/// the holder.
		///
		/// ## Errors
		/// `MissingCapability` (or `NotStaff`), `UnknownRedemption`, `ZeroAmount`,
		/// `AboveRedemption`, `PayoutReferenceUsed`.
		///
		/// ## Events
		/// `RedemptionSettled`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::settle_redemption())]
		pub fn settle_redemption(
			origin: OriginFor<T>,
			id: RedemptionId,
			paid: BalanceOf<T>,
			payout: H256,
		) -> DispatchResult {
			let (_, agency) = T::Agencies::ensure_capability(origin, Capability::MintSettlement)?;
			let r = Redemptions::<T>::get(id).ok_or(Error::<T>::UnknownRedemption)?;
			ensure!(!paid.is_zero(), Error::<T>::ZeroAmount);
			ensure!(paid <= r.amount, Error::<T>::AboveRedemption);
			ensure!(!Payouts::<T>::contains_key(payout), Error::<T>::PayoutReferenceUsed);
			Self::close(id, &r, paid)?;
			Payouts::<T>::insert(payout, id);
			Self::deposit_event(Event::RedemptionSettled {
				id,
				who: r.who,
				agency,
				burned: paid,
				released: r.amount.saturating_sub(paid),
				payout,
			});
			Ok(())
		}

		/// Refuses redemption `id` for `reason`; the amount is spendable again.
		///
		/// ## Errors
		/// `MissingCapability` (or `NotStaff`), `UnknownRedemption`.
		///
		/// ## Events
		/// `RedemptionRefused`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::refuse_redemption())]
		pub fn refuse_redemption(
			origin: OriginFor<T>,
			id: RedemptionId,
			reason: RefusalReason,
		) -> DispatchResult {
			let (_, agency) = T::Agencies::ensure_capability(origin, Capability::MintSettlement)?;
			let r = Redemptions::<T>::get(id).ok_or(Error::<T>::UnknownRedemption)?;
			Self::close(id, &r, Zero::zero())?;
			Self::deposit_event(Event::RedemptionRefused {
				id,
				who: r.who,
				agency,
				amount: r.amount,
				reason,
			});
			Ok(())
		}

		/// Pays `amount` out of the signer's agency's account to `to`. Only an admin of the
		/// agency may: nobody holds the agency account's key.
		///
		/// ## Errors
		/// `NotAdmin` (or `NotStaff`), `ZeroAmount`, `InsufficientBalance`.
		///
		/// ## Events
		/// `AgencyPaid`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::agency_transfer())]
		pub fn agency_transfer(
			origin: OriginFor<T>,
			to: T::AccountId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			let (admin, agency) = T::Agencies::ensure_admin(origin)?;
			Self::pay_from_agency(agency, Some(admin), to, amount)
		}

		/// Pays `amount` out of agency `agency`'s account to `to`, by consortium vote: for
		/// what a removed agency leaves behind, or an agency without admins.
		///
		/// ## Errors
		/// `ZeroAmount`, `InsufficientBalance`.
		///
		/// ## Events
		/// `AgencyPaid`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::agency_transfer())]
		pub fn consortium_transfer(
			origin: OriginFor<T>,
			agency: AgencyId,
			to: T::AccountId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			Self::pay_from_agency(agency, None, to, amount)
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// The settlement unit's totals: issuance at genesis, minted, burned, pending.
		pub fn totals() -> Totals<BalanceOf<T>> {
			Supply::<T>::get()
		}

		/// The open redemption requests of `who`, oldest first.
		pub fn pending_redemptions(who: T::AccountId) -> Vec<(RedemptionId, RedemptionOf<T>)> {
			PendingOf::<T>::get(&who)
				.into_iter()
				.filter_map(|id| Redemptions::<T>::get(id).map(|r| (id, r)))
				.collect()
		}

		/// The account of agency `agency`.
		pub fn agency_account_of(agency: AgencyId) -> T::AccountId {
			Self::agency_account(agency)
		}

		/// The mint that used deposit reference `reference`, if any.
		pub fn deposit(reference: H256) -> Option<DepositOf<T>> {
			Deposits::<T>::get(reference)
		}

		/// A treasury's ceiling, and what it may still mint today.
		pub fn mint_allowance(
			agency: AgencyId,
		) -> Option<(MintCeiling<BalanceOf<T>>, BalanceOf<T>)> {
			let ceiling = Ceilings::<T>::get(agency)?;
			let minted = Self::minted_on(agency, Self::today());
			Some((ceiling, ceiling.per_day.saturating_sub(minted)))
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The account of `agency`: derived from this pallet's id and the agency id; nobody holds
	/// its key.
	pub fn agency_account(agency: AgencyId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(agency)
	}

	/// Days since the Unix epoch (UTC).
	fn today() -> u32 {
		u32::try_from(T::Time::now() / DAY).unwrap_or(u32::MAX)
	}

	/// What `agency` has minted on `day` (zero when its last minting day was another).
	fn minted_on(agency: AgencyId, day: u32) -> BalanceOf<T> {
		MintedOn::<T>::get(agency).filter(|d| d.day == day).map_or_else(Zero::zero, |d| d.amount)
	}

	/// Closes redemption `id` of `r`: burns `burn` of the held amount and releases the rest.
	fn close(id: RedemptionId, r: &RedemptionOf<T>, burn: BalanceOf<T>) -> DispatchResult {
		let reason = HoldReason::Redemption.into();
		let mut supply = Supply::<T>::get();
		supply.pending = supply.pending.checked_sub(&r.amount).ok_or(Error::<T>::Overflow)?;
		supply.burned = supply.burned.checked_add(&burn).ok_or(Error::<T>::Overflow)?;
		let release = r.amount.saturating_sub(burn);
		if !burn.is_zero() {
			T::Currency::burn_held(&reason, &r.who, burn, Precision::Exact, Fortitude::Force)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
		}
		if !release.is_zero() {
			T::Currency::release(&reason, &r.who, release, Precision::Exact)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
		}
		Supply::<T>::put(supply);
		PendingOf::<T>::mutate_exists(&r.who, |ids| {
			if let Some(v) = ids {
				v.retain(|i| *i != id);
				if v.is_empty() {
					*ids = None;
				}
			}
		});
		Redemptions::<T>::remove(id);
		Ok(())
	}

	fn pay_from_agency(
		agency: AgencyId,
		by: Option<T::AccountId>,
		to: T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let from = Self::agency_account(agency);
		T::Currency::transfer(&from, &to, amount, Preservation::Expendable)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		Self::deposit_event(Event::AgencyPaid { agency, by, to, amount });
		Ok(())
	}

	/// The pallet's invariants:
	/// - total issuance = genesis issuance + minted − burned;
	/// - the pending total is the sum of open redemptions;
	/// - every open redemption is listed under its holder, and every listed id is open;
	/// - each holder's balance on hold for redemption is the sum of its open requests;
	/// - redemption ids are below the next id; ceilings per mint are within those per day.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let supply = Supply::<T>::get();
		let expected = supply
			.genesis
			.checked_add(&supply.minted)
			.and_then(|t| t.checked_sub(&supply.burned))
			.ok_or("genesis + minted - burned does not fit a balance")?;
		ensure!(
			T::Currency::total_issuance() == expected,
			"total issuance differs from genesis + minted - burned"
		);

		let next = NextRedemptionId::<T>::get();
		let mut pending = BalanceOf::<T>::zero();
		let mut open = 0u64;
		for (id, r) in Redemptions::<T>::iter() {
			ensure!(id < next, "redemption id at or above the next id");
			ensure!(
				PendingOf::<T>::get(&r.who).contains(&id),
				"redemption not listed under its holder"
			);
			ensure!(!r.amount.is_zero(), "redemption of zero");
			pending = pending.checked_add(&r.amount).ok_or("pending overflows")?;
			open = open.saturating_add(1);
		}
		ensure!(pending == supply.pending, "pending total differs from open redemptions");

		let mut listed = 0u64;
		for (who, ids) in PendingOf::<T>::iter() {
			ensure!(!ids.is_empty(), "empty pending list kept");
			let mut held = BalanceOf::<T>::zero();
			for id in ids.iter() {
				let r = Redemptions::<T>::get(id).ok_or("listed redemption is not open")?;
				ensure!(r.who == who, "redemption listed under another account");
				held = held.checked_add(&r.amount).ok_or("held overflows")?;
				listed = listed.saturating_add(1);
			}
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::Redemption.into(), &who) == held,
				"balance on hold differs from open redemptions"
			);
		}
		ensure!(listed == open, "open redemptions and listed ids differ in number");

		for (_, c) in Ceilings::<T>::iter() {
			ensure!(c.per_mint <= c.per_day, "ceiling per mint above ceiling per day");
		}
		Ok(())
	}
}

impl<T: Config> AgencyAccounts<T::AccountId> for Pallet<T> {
	fn account_of(agency: AgencyId) -> T::AccountId {
		Self::agency_account(agency)
	}
}
