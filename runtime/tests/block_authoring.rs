//! Block authoring in batches (`BlockBuilderBatch::apply_extrinsics`), on the real runtime: a
//! batch leaves the block exactly as applying its transactions one by one does, with the
//! invalid ones undone, so that the block the node builds from it imports everywhere.

mod common;

use civitas_primitives::invalid_tx;
use civitas_runtime::{apis::apply_extrinsics, RuntimeCall, System};
use common::*;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	ApplyExtrinsicResult, ArithmeticError, DispatchError,
};

fn transfer(to: Sr25519Keyring, value: u128) -> RuntimeCall {
	RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: to.to_account_id().into(),
		value,
	})
}

/// The state root: it covers the block's extrinsics too (`System::ExtrinsicData`, from which
/// `finalize_block` computes the extrinsics root), its events and every account.
fn state_root() -> Vec<u8> {
	sp_io::storage::root(sp_runtime::StateVersion::V1)
}

/// Applies each transaction as the node's block builder does (a storage transaction around
/// each, rolled back when it is invalid).
fn one_by_one(txs: &[civitas_runtime::UncheckedExtrinsic]) -> (Vec<ApplyExtrinsicResult>, Vec<u8>) {
	let results = txs
		.iter()
		.map(|tx| {
			sp_io::storage::start_transaction();
			let result = apply(tx);
			if result.is_ok() {
				sp_io::storage::commit_transaction();
			} else {
				sp_io::storage::rollback_transaction();
			}
			result
		})
		.collect();
	(results, state_root())
}

#[test]
fn a_batch_builds_the_block_that_one_by_one_application_builds() {
	// Signed against the chain's genesis (the signed payload reads it from storage).
	let txs = new_test_ext("local_testnet").execute_with(|| {
		vec![
			// Applied.
			signed_tx(Alice, 0, transfer(Eve, 1_000)),
			// Invalid: the same nonce again.
			signed_tx(Alice, 0, transfer(Eve, 2_000)),
			// Applied, its call failing: included, and the nonce is used.
			signed_tx(Alice, 1, transfer(Eve, u128::MAX / 2)),
			// Invalid: not admitted (Ferdie is neither staff nor enrolled).
			signed_tx(Ferdie, 0, transfer(Eve, 1_000)),
			// Invalid: a nonce from the future.
			signed_tx(Alice, 5, transfer(Eve, 3_000)),
			// Applied.
			signed_tx(Alice, 2, transfer(Bob, 4_000)),
			// Invalid, last: what the runtime noted of it before refusing it must be undone too.
			signed_tx(Alice, 1, transfer(Bob, 5_000)),
		]
	});
	let expected: Vec<ApplyExtrinsicResult> = vec![
		Ok(Ok(())),
		Err(InvalidTransaction::Stale.into()),
		Ok(Err(DispatchError::Arithmetic(ArithmeticError::Underflow))),
		Err(TransactionValidityError::Invalid(InvalidTransaction::Custom(
			invalid_tx::NOT_ADMITTED,
		))),
		Err(InvalidTransaction::Future.into()),
		Ok(Ok(())),
		Err(InvalidTransaction::Stale.into()),
	];

	let (batched, batch_root) = {
		let mut ext = new_test_ext("local_testnet");
		ext.execute_with(|| {
			let eve = System::account(account(Eve)).data.free;
			let results = apply_extrinsics(txs.clone());
			assert_eq!(System::account_nonce(account(Alice)), 3);
			assert_eq!(System::account(account(Eve)).data.free, eve + 1_000);
			// Only the three applied transactions are in the block.
			assert_eq!(System::extrinsic_index(), Some(3));
			check_invariants();
			(results, state_root())
		})
	};
	assert_eq!(batched, expected);

	let (single, single_root) = new_test_ext("local_testnet").execute_with(|| one_by_one(&txs));
	assert_eq!(single, expected);
	// The same state, extrinsics and events: the same block.
	assert_eq!(batch_root, single_root);
}

#[test]
fn an_empty_batch_changes_nothing() {
	let mut ext = new_test_ext("local_testnet");
	ext.execute_with(|| {
		let before = state_root();
		assert!(apply_extrinsics(Vec::new()).is_empty());
		assert_eq!(state_root(), before);
	});
}
