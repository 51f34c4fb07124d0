//! The real runtime, built from a genesis preset, and the helpers the runtime-level tests
//! share: signed transactions applied through the full transaction-extension pipeline, blocks,
//! sessions and consortium votes.

#![allow(dead_code)]

pub mod wallet;

use civitas_runtime::{
	genesis_config_presets::get_preset, AccountId, Executive, Header, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeGenesisConfig, RuntimeOrigin, SignedPayload, System, TxExtension,
	UncheckedExtrinsic,
};
use codec::Encode;
use frame_support::assert_ok;
use serde_json::Value;
use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	traits::Header as _, transaction_validity::TransactionValidityError, ApplyExtrinsicResult,
	BuildStorage, DispatchResult, MultiAddress,
};

#[allow(unused_imports)]
pub use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve, Ferdie};

/// Applies a JSON patch onto a base document, as chain-spec builders do with presets.
fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (k, v) in patch {
				merge(base.entry(k).or_insert(Value::Null), v);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// The genesis state of a preset (`development` or `local_testnet`), at block 1, with the
/// timestamp set.
pub fn new_test_ext(preset: &str) -> sp_io::TestExternalities {
	let mut ext = genesis_ext(preset);
	ext.execute_with(|| start_block(1));
	ext
}

/// The genesis state of a preset, before any block.
pub fn genesis_ext(preset: &str) -> sp_io::TestExternalities {
	let patch = get_preset(&PresetId::from(preset)).expect("preset exists");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("encodes");
	merge(&mut config, serde_json::from_slice(&patch).expect("preset is JSON"));
	let config: RuntimeGenesisConfig = serde_json::from_value(config).expect("valid config");
	config.build_storage().expect("genesis builds").into()
}

/// Runs `test` on the `local_testnet` genesis (four agencies, four validators), then checks
/// every pallet's invariants.
pub fn run(test: impl FnOnce()) {
	new_test_ext("local_testnet").execute_with(|| {
		test();
		check_invariants();
	})
}

/// The invariants of the Civitas pallets.
pub fn check_invariants() {
	pallet_consortium::Pallet::<Runtime>::do_try_state().expect("consortium invariants");
	pallet_civitas_identity::Pallet::<Runtime>::do_try_state().expect("identity invariants");
	pallet_civitas_licenses::Pallet::<Runtime>::do_try_state().expect("licences invariants");
	pallet_civitas_settlement::Pallet::<Runtime>::do_try_state().expect("settlement invariants");
	pallet_civitas_invoices::Pallet::<Runtime>::do_try_state().expect("invoices invariants");
	pallet_civitas_provident_fund::Pallet::<Runtime>::do_try_state().expect("fund invariants");
	pallet_civitas_wage_escrow::Pallet::<Runtime>::do_try_state().expect("wage invariants");
	pallet_civitas_land_titles::Pallet::<Runtime>::do_try_state().expect("title invariants");
	pallet_civitas_aliases::Pallet::<Runtime>::do_try_state().expect("aliases invariants");
}

/// Six seconds a block, from an arbitrary start.
pub const GENESIS_TIME: u64 = 1_800_000_000_000;

/// Starts block `n` as the executive does (its hooks run: `on_initialize`, then `on_poll`
/// after the inherents), with the time of its slot.
pub fn start_block(n: u32) {
	let header = Header::new(
		n,
		Default::default(),
		Default::default(),
		System::parent_hash(),
		Default::default(),
	);
	Executive::initialize_block(&header);
	pallet_timestamp::Now::<Runtime>::put(GENESIS_TIME + u64::from(n) * 6_000);
	// As after the timestamp inherent: the `on_poll` hooks run with the block's time.
	Executive::inherents_applied();
}

/// Starts the next block (its `on_initialize` hooks run; finalisation, which checks the
/// inherents, is not needed by these tests).
pub fn next_block() {
	start_block(System::block_number() + 1);
}

/// Runs blocks until a new session begins: within `SESSION_PERIOD` blocks when it has a
/// change to make (sessions end only then). Panics if none begins within three periods.
pub fn next_session() {
	let index = pallet_session::CurrentIndex::<Runtime>::get();
	for _ in 0..3 * civitas_runtime::configs::SESSION_PERIOD {
		next_block();
		if pallet_session::CurrentIndex::<Runtime>::get() != index {
			return;
		}
	}
	panic!("no session began within three periods: nothing to change?");
}

pub fn account(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

/// The transaction extensions of a transaction of `who` with this nonce, immortal.
pub fn extensions(nonce: u32) -> TxExtension {
	civitas_runtime::immortal_tx_extension(nonce)
}

/// A transaction signed by `who` with nonce `nonce`, as any client builds it.
pub fn signed_tx(who: Sr25519Keyring, nonce: u32, call: RuntimeCall) -> UncheckedExtrinsic {
	signed_tx_by(&who.pair(), nonce, call)
}

/// A transaction signed with any sr25519 key pair (derived keys too) with nonce `nonce`.
pub fn signed_tx_by(
	pair: &sp_core::sr25519::Pair,
	nonce: u32,
	call: RuntimeCall,
) -> UncheckedExtrinsic {
	use sp_core::Pair as _;
	let ext = extensions(nonce);
	let payload = SignedPayload::new(call.clone(), ext.clone()).expect("payload builds");
	let signature = payload.using_encoded(|bytes| pair.sign(bytes));
	let who: AccountId = pair.public().0.into();
	UncheckedExtrinsic::new_signed(call, MultiAddress::Id(who), signature.into(), ext)
}

/// Validates a transaction as the pool does, at the current state.
pub fn pool_validate(tx: &UncheckedExtrinsic) -> Result<(), TransactionValidityError> {
	Executive::validate_transaction(
		sp_runtime::transaction_validity::TransactionSource::External,
		tx.clone(),
		System::parent_hash(),
	)
	.map(|_| ())
}

/// Applies a transaction in the current block, as block production does.
pub fn apply(tx: &UncheckedExtrinsic) -> ApplyExtrinsicResult {
	Executive::apply_extrinsic(tx.clone())
}

/// Signs `call` as `who` with its current nonce and applies it; the outcome of the dispatch.
pub fn submit(
	who: Sr25519Keyring,
	call: RuntimeCall,
) -> Result<DispatchResult, TransactionValidityError> {
	let nonce = System::account_nonce(who.to_account_id());
	apply(&signed_tx(who, nonce, call))
}

/// Dispatches `call` directly with a signed origin (no transaction pipeline).
pub fn signed(who: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.to_account_id())
}

/// Puts `call` to the vote (Alice's agency proposes) and carries it with the other founding
/// agencies' votes, in order (Bob's, Charlie's, Dave's, …, skipping agencies that left), until
/// it is executed: five of the eight founding agencies, or fewer once some have left. Returns
/// the call's own result.
pub fn carry(call: RuntimeCall) -> DispatchResult {
	use civitas_primitives::AgencyAuthority;
	let index = pallet_consortium::NextProposalIndex::<Runtime>::get();
	assert_ok!(civitas_runtime::Consortium::propose(signed(Alice), Box::new(call)));
	let voters = [
		Bob,
		Charlie,
		Dave,
		Sr25519Keyring::One,
		Sr25519Keyring::Two,
		Sr25519Keyring::EveStash,
		Sr25519Keyring::FerdieStash,
	];
	for voter in voters {
		if let Some(result) = executed(index) {
			return result;
		}
		if civitas_runtime::Consortium::ensure_staff(signed(voter)).is_ok() {
			assert_ok!(civitas_runtime::Consortium::vote(signed(voter), index, true));
		}
	}
	executed(index).expect("the proposal was executed")
}

/// The result of executed proposal `index`, from the events.
pub fn executed(index: u32) -> Option<DispatchResult> {
	System::events().into_iter().rev().find_map(|r| match r.event {
		RuntimeEvent::Consortium(pallet_consortium::Event::ProposalExecuted {
			index: i,
			result,
		}) if i == index => Some(result),
		_ => None,
	})
}

/// Whether an event was deposited.
pub fn has_event(event: RuntimeEvent) -> bool {
	System::events().iter().any(|r| r.event == event)
}
