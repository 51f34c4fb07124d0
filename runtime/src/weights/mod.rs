//! Weights measured for this runtime on the consortium's reference machine (2 cores), by
//! `scripts/benchmark.sh`:
//! - `block_weights`, `extrinsic_weights`: `scripts/benchmark.sh overhead` (an empty block; a
//!   signed remark through every transaction extension, signature check included; the base
//!   charged per extrinsic is that less the extensions' computation, [`ExtrinsicBase`]);
//! - `paritydb_weights`: `scripts/benchmark.sh storage DB` (a read and a write of ParityDB on the
//!   benchmark chain's state after a load run);
//! - `frame_system`, `frame_system_extensions`, `pallet_balances`, `pallet_timestamp`: FRAME's
//!   pallets and the system's transaction extensions (`scripts/benchmark.sh <pallet>`). The
//!   Civitas pallets keep their weights in their own `weights.rs`.

pub mod block_weights;
pub mod extrinsic_weights;
pub mod frame_system;
pub mod frame_system_extensions;
pub mod pallet_balances;
pub mod pallet_timestamp;
pub mod paritydb_weights;

pub use block_weights::BlockExecutionWeight;
pub use extrinsic_weights::ExtrinsicBaseWeight;
pub use paritydb_weights::constants::ParityDbWeight;

use ::frame_system::ExtensionsWeightInfo as _;
use frame_support::{traits::Get, weights::Weight};
use pallet_consortium::WeightInfo as _;

use crate::Runtime;

/// Storage the consortium's `CheckNonce` reads and writes, as its benchmark counted it
/// (`pallets/consortium/src/weights.rs`, `check_nonce`: the admission, the system account and
/// the quota read; the account and the quota written).
pub const CHECK_NONCE_STORAGE: (u64, u64) = (3, 2);

/// What the block charges every extrinsic besides its call and its transaction extensions'
/// own weights (`frame_system`'s `base_extrinsic`).
///
/// `ExtrinsicBaseWeight` is measured on signed `System::remark`s in a full block (`benchmark
/// overhead`): the signature check, every transaction extension, the empty call and what
/// `Executive` does around them. Each extension also charges its own weight
/// (`TransactionExtension::weight`), so the extensions' computation was charged twice, which
/// upstream knows (polkadot-sdk issue 9981: "we are including the transaction extension weight
/// two times"). The base is the measured figure less the computation of the extensions the
/// remark ran, as their own benchmarks measured it. The storage they touch stays charged by
/// their weights at ParityDB's price: the overhead block read its one signer's entries from
/// memory, so that part was not in the measured figure.
pub struct ExtrinsicBase;

impl Get<Weight> for ExtrinsicBase {
	fn get() -> Weight {
		ExtrinsicBaseWeight::get().saturating_sub(remark_extensions_computation())
	}
}

/// The computation, without storage, of the transaction extensions of the signed immortal
/// remark that `benchmark overhead` measures: the system's checks (none of which is charged
/// storage) and the consortium's `CheckNonce` less its reads and writes. `CheckMetadataHash`
/// weighs nothing.
pub fn remark_extensions_computation() -> Weight {
	type System = frame_system_extensions::WeightInfo<Runtime>;
	type Consortium = pallet_consortium::weights::SubstrateWeight<Runtime>;
	let (reads, writes) = CHECK_NONCE_STORAGE;
	let check_nonce =
		Consortium::check_nonce().saturating_sub(ParityDbWeight::get().reads_writes(reads, writes));
	System::check_non_zero_sender()
		.saturating_add(System::check_spec_version())
		.saturating_add(System::check_tx_version())
		.saturating_add(System::check_genesis())
		.saturating_add(System::check_mortality_immortal_transaction())
		.saturating_add(check_nonce)
		.saturating_add(System::check_weight())
}

#[cfg(test)]
mod tests {
	use super::*;
	use frame_support::dispatch::GetDispatchInfo;
	use sp_runtime::traits::TransactionExtension;

	use crate::{RuntimeCall, TxExtension};

	fn remark() -> RuntimeCall {
		RuntimeCall::System(::frame_system::Call::remark { remark: Vec::new() })
	}

	/// The extensions of the signed immortal remark the overhead benchmark measures.
	fn remark_extensions() -> TxExtension {
		crate::immortal_tx_extension(0)
	}

	#[test]
	fn the_subtracted_computation_is_the_runtime_extensions_less_their_storage() {
		let (reads, writes) = CHECK_NONCE_STORAGE;
		let charged = remark_extensions().weight(&remark());
		assert_eq!(
			charged,
			remark_extensions_computation()
				.saturating_add(ParityDbWeight::get().reads_writes(reads, writes)),
			"an extension was added to or removed from TxExtension: list it here"
		);
	}

	/// `CHECK_NONCE_STORAGE` is copied from the generated weight file: a benchmark run that
	/// changes the counts there fails here until the constant follows.
	#[test]
	fn the_check_nonce_storage_is_what_its_benchmark_counted() {
		let generated = include_str!("../../../pallets/consortium/src/weights.rs");
		let start =
			generated.find("fn check_nonce() -> Weight {").expect("check_nonce is benchmarked");
		let body = &generated[start..];
		let body = &body[..body.find("\n\t}").expect("the function ends")];
		let count = |what: &str| -> u64 {
			let at =
				body.find(&format!(".{what}(")).expect("the benchmark counted it") + what.len() + 2;
			body[at..].split('_').next().and_then(|n| n.parse().ok()).expect("a count")
		};
		assert_eq!(CHECK_NONCE_STORAGE, (count("reads"), count("writes")));
	}

	#[test]
	fn a_signed_remark_is_still_charged_at_least_what_was_measured() {
		let measured = ExtrinsicBaseWeight::get();
		let base = ExtrinsicBase::get();
		assert!(base.ref_time() > 0 && base.ref_time() < measured.ref_time());
		let charged = base
			.saturating_add(remark_extensions().weight(&remark()))
			.saturating_add(remark().get_dispatch_info().call_weight);
		assert!(
			charged.ref_time() >= measured.ref_time(),
			"a signed remark is charged {charged:?}, less than the {measured:?} measured"
		);
	}
}
