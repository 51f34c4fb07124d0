//! The admission check of the transaction pool: nonce, enrolment and quota in one extension.

use civitas_primitives::invalid_tx;
use codec::{Decode, DecodeWithMemTracking, Encode};
use frame_support::{
	dispatch::{DispatchClass, DispatchInfo, PostDispatchInfo},
	pallet_prelude::{TransactionSource, Weight},
	traits::Get,
	DebugNoBound,
};
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{
		AsSystemOriginSigner, DispatchInfoOf, Dispatchable, PostDispatchInfoOf,
		TransactionExtension, ValidateResult,
	},
	transaction_validity::{
		InvalidTransaction, TransactionLongevity, TransactionValidityError, ValidTransaction,
	},
	DispatchResult, SaturatedConversion, Saturating,
};

use crate::{Accounts, AdmissionPolicy, Config, Pallet};

/// `frame_system::CheckNonce`, plus admission: only staff and enrolled accounts, each within
/// its quota of transactions per window of blocks.
///
/// It has the identifier (`CheckNonce`) and the encoding (a compact nonce) of the system
/// extension it replaces, so that every stock client signs for it unchanged. Transactions
/// that are not signed (inherents) are not checked.
///
/// Refusals, all in the pool before any block (and again when a block applies it):
/// - `InvalidTransaction::Custom(1)` (`NOT_ADMITTED`): the signer is neither staff nor enrolled;
/// - `InvalidTransaction::Custom(2)` (`QUOTA_EXCEEDED`): the signer's quota for this window is
///   used up: its included transactions plus those ahead of this one in the pool (the nonce
///   gap) reach the transaction quota, or this one's bytes or weight would go beyond the
///   bytes or weight quota;
/// - `InvalidTransaction::Custom(3)` (`CALL_NOT_ALLOWED`): the runtime's `CallPolicy` does
///   not let this signer submit this call;
/// - `InvalidTransaction::Custom(4)` (`TOO_LONG`): an enrolled account's transaction is longer
///   than `MaxEnrolledTxLen`;
/// - `Stale` and `Future`, as the system extension does.
///
/// Operational transactions (the consortium's votes and proposals) get the pool priority
/// `OperationalPriority`; all others get 0.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct CheckNonce<T: Config>(#[codec(compact)] pub T::Nonce);

impl<T: Config> CheckNonce<T> {
	/// The extension for a transaction with this nonce.
	pub fn from(nonce: T::Nonce) -> Self {
		Self(nonce)
	}
}

impl<T: Config> core::fmt::Debug for CheckNonce<T> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "CheckNonce({:?})", self.0)
	}
}

/// What validation hands to preparation.
#[derive(DebugNoBound)]
pub enum Val<T: Config> {
	/// A signed transaction of an admitted account.
	Admitted(T::AccountId),
	/// Not signed: nothing to check; the extension's weight is refunded.
	Refund(Weight),
}

/// What preparation hands to post-dispatch.
#[derive(DebugNoBound)]
pub enum Pre<T: Config> {
	/// The nonce was bumped; the transaction is counted against the signer's quota once its
	/// actual weight is known.
	Counted(T::AccountId),
	/// Nothing was done; the extension's weight is refunded.
	Refund(Weight),
}

fn refuse(code: u8) -> TransactionValidityError {
	InvalidTransaction::Custom(code).into()
}

impl<T: Config> TransactionExtension<<T as frame_system::Config>::RuntimeCall> for CheckNonce<T>
where
	<T as frame_system::Config>::RuntimeCall:
		Dispatchable<Info = DispatchInfo, PostInfo = PostDispatchInfo>,
	<<T as frame_system::Config>::RuntimeCall as Dispatchable>::RuntimeOrigin:
		AsSystemOriginSigner<T::AccountId> + Clone,
{
	const IDENTIFIER: &'static str = "CheckNonce";
	type Implicit = ();
	type Val = Val<T>;
	type Pre = Pre<T>;

	fn weight(&self, _: &<T as frame_system::Config>::RuntimeCall) -> Weight {
		// Measured whole (`benchmarking::check_nonce`): the system nonce check, the admission
		// and the quota read, the nonce and the quota written.
		<T::WeightInfo as crate::WeightInfo>::check_nonce()
	}

	fn validate(
		&self,
		origin: <T as frame_system::Config>::RuntimeOrigin,
		call: &<T as frame_system::Config>::RuntimeCall,
		info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Encode,
		_source: TransactionSource,
	) -> ValidateResult<Self::Val, <T as frame_system::Config>::RuntimeCall> {
		let Some(who) = origin.as_system_origin_signer() else {
			return Ok((Default::default(), Val::Refund(self.weight(call)), origin));
		};
		let admission = Accounts::<T>::get(who).ok_or(refuse(invalid_tx::NOT_ADMITTED))?;
		if !T::CallPolicy::allows(who, &admission, call) {
			return Err(refuse(invalid_tx::CALL_NOT_ALLOWED));
		}
		let len: u32 = len.saturated_into();
		if Pallet::<T>::max_tx_len(&admission).is_some_and(|max| len > max) {
			return Err(refuse(invalid_tx::TOO_LONG));
		}
		let frame_system::ValidNonceInfo { provides, requires } =
			frame_system::CheckNonce::<T>::validate_nonce_for_account(who, self.0)?;

		// Transactions of `who` that the pool holds ahead of this one count against the
		// transaction quota; bytes and weight are counted as transactions are included.
		let current = frame_system::Pallet::<T>::account_nonce(who);
		let ahead: u32 = self.0.saturating_sub(current).saturated_into();
		let limit = Pallet::<T>::quota_limit(&admission);
		let used = Pallet::<T>::quota_used(who);
		let over = used.used.saturating_add(ahead) >= limit.transactions
			|| used.bytes.saturating_add(len) > limit.bytes
			|| used.weight.saturating_add(info.total_weight().ref_time()) > limit.weight;
		if over {
			return Err(refuse(invalid_tx::QUOTA_EXCEEDED));
		}

		let priority = match info.class {
			DispatchClass::Operational => T::OperationalPriority::get(),
			_ => 0,
		};
		let validity = ValidTransaction {
			priority,
			requires,
			provides,
			longevity: TransactionLongevity::MAX,
			propagate: true,
		};
		Ok((validity, Val::Admitted(who.clone()), origin))
	}

	fn prepare(
		self,
		val: Self::Val,
		_origin: &<T as frame_system::Config>::RuntimeOrigin,
		_call: &<T as frame_system::Config>::RuntimeCall,
		_info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		_len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		match val {
			Val::Admitted(who) => {
				frame_system::CheckNonce::<T>::prepare_nonce_for_account(&who, self.0)?;
				Ok(Pre::Counted(who))
			},
			Val::Refund(weight) => Ok(Pre::Refund(weight)),
		}
	}

	fn post_dispatch_details(
		pre: Self::Pre,
		info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		post_info: &PostDispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		len: usize,
		_result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		match pre {
			Pre::Counted(who) => {
				let used = post_info.calc_actual_weight(info).ref_time();
				Pallet::<T>::note_transaction(&who, len.saturated_into(), used);
				Ok(Weight::zero())
			},
			Pre::Refund(weight) => Ok(weight),
		}
	}
}
