//! `frame_system`: accounts, blocks, weights.

use frame_support::{
	derive_impl, dispatch::DispatchClass, parameter_types, traits::Get, weights::Weight,
};
use frame_system::limits::{BlockLength, BlockWeights};
use sp_runtime::Perbill;

use crate::{
	weights::{BlockExecutionWeight, ExtrinsicBase},
	AccountId, Balance, Block, BlockNumber, Hash, Nonce, PalletInfo, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeOrigin, RuntimeTask, VERSION,
};

/// Share of a block that normal (non-operational) transactions may fill; the rest is kept for
/// the consortium's votes and proposals (operational), so that a full block never holds a
/// decision back.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(90);

/// Four and a quarter seconds of compute (as the weights, measured on the reference machine,
/// price them) per six-second block: what this machine class proves it can author within the
/// proposer's 3 s under load, and import within the slot (`scripts/bench-tps.sh`, the README's
/// throughput section). The weights are upper bounds: a question is charged 254 µs and a
/// licence issue 320 µs, and the node's proposer, which applies transactions in batches
/// (`node/src/proposer.rs`), authors them in 150 to 200 µs and 190 to 245 µs under load.
/// - 4.25 s: 15,064 questions a block (2,492 a second) authored in 2.3 to 3.0 s; 11,963
///   licence issues in 2.3 to 2.9 s; the mix of the two and transfers, 14,990, in 2.5 to 3.2 s;
///   no proposal discarded. A block of the mix imports on a fresh node in 2.5 to 3.5 s, so
///   another validator has it about 6 s into the slot, as with 3.25 s before the batches: more
///   weight would have the next author start before it has the block.
/// - Before the batches, one runtime call per transaction made authoring as slow as the
///   weights: with 4 s, blocks of 12,000 to 15,000 took up to 3.85 s to author and Aura
///   discarded some; 3.25 s was the most that kept within the proposer's time.
const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(
	frame_support::weights::constants::WEIGHT_REF_TIME_PER_MILLIS.saturating_mul(4_250),
	u64::MAX,
);

/// The normal class's share of the block's weight.
fn normal_weight() -> Weight {
	Weight::from_parts(
		NORMAL_DISPATCH_RATIO.mul_floor(MAXIMUM_BLOCK_WEIGHT.ref_time()),
		NORMAL_DISPATCH_RATIO.mul_floor(MAXIMUM_BLOCK_WEIGHT.proof_size()),
	)
}

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: sp_version::RuntimeVersion = VERSION;
	/// Block weight limits, with the block and extrinsic base weights measured on the
	/// reference machine (`crate::weights`; the extrinsic base without the transaction
	/// extensions' computation, which they charge themselves: `ExtrinsicBase`).
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
		.base_block(BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |w| w.base_extrinsic = ExtrinsicBase::get())
		.for_class(DispatchClass::Normal, |w| {
			w.max_total = Some(normal_weight());
		})
		.for_class(DispatchClass::Operational, |w| {
			w.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			// Operational calls may use the normal class's share too, and always the rest.
			w.reserved = Some(
				MAXIMUM_BLOCK_WEIGHT.saturating_sub(normal_weight()),
			);
		})
		.avg_block_initialization(Perbill::from_percent(10))
		.build_or_panic();
	/// Block length limit: 5 MiB.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO.mul_floor(*max)
		})
		.build();
	/// Civitas' own address prefix, free in the public SS58 registry (ss58-registry 1.51.0):
	/// wallets learn it from the chain's metadata and properties, and a Civitas address is
	/// not mistaken for an address of another chain.
	pub const SS58Prefix: u16 = 7046;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	/// Civitas nodes store state in ParityDB only: its read and write measured on the
	/// reference machine (`scripts/benchmark.sh storage DB`).
	type DbWeight = crate::weights::ParityDbWeight;
	/// The system's transaction extensions, measured on the reference machine.
	type ExtensionsWeightInfo = crate::weights::frame_system_extensions::WeightInfo<Runtime>;
	type SystemWeightInfo = crate::weights::frame_system::WeightInfo<Runtime>;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = frame_support::traits::ConstU32<16>;
}
