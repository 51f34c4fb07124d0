//! # Civitas runtime
//!
//! The state-transition function of Civitas, the permissioned chain that a consortium of city
//! agencies runs together. This crate composes the FRAME pallets of the chain, exposes the
//! runtime APIs that the node and clients call (`apis`), and the genesis presets that chain
//! specs are built from (`genesis_config_presets`).
//!
//! Pallet configurations live in `configs/`, one file per area.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime`-generated code needs a large recursion limit.
#![recursion_limit = "256"]
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

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

use alloc::vec::Vec;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
pub mod weights;

use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::{runtime_version, RuntimeVersion};

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;

/// The version of this runtime. Bump `spec_version` on every change of behaviour, and
/// `transaction_version` whenever the encoding of calls or transaction extensions changes.
#[cfg(not(feature = "upgrade-test"))]
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("civitas"),
	impl_name: alloc::borrow::Cow::Borrowed("civitas-node"),
	authoring_version: 1,
	spec_version: 130,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 8,
	system_version: 1,
};

/// The runtime-upgrade drill's runtime (`runtime/next/`): the next spec version.
#[cfg(feature = "upgrade-test")]
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("civitas"),
	impl_name: alloc::borrow::Cow::Borrowed("civitas-node"),
	authoring_version: 1,
	spec_version: 131,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 8,
	system_version: 1,
};

/// Time and blocks.
pub mod time {
	use super::BlockNumber;

	/// Target block time. Aura produces one block per slot; changing the slot duration of a
	/// running chain halts block production, so this is fixed for the life of the chain.
	pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
	/// The Aura slot duration, equal to the block time.
	pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

	/// Blocks per minute.
	pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
	/// Blocks per hour.
	pub const HOURS: BlockNumber = MINUTES * 60;
	/// Blocks per day.
	pub const DAYS: BlockNumber = HOURS * 24;
}

/// The settlement unit: a fiat-backed unit with two decimals (one unit is 100 cents).
pub mod currency {
	use super::Balance;

	/// Number of decimals of the settlement unit, as shown by wallets.
	pub const DECIMALS: u8 = 2;
	/// The token symbol shown by wallets.
	pub const TOKEN_SYMBOL: &str = "CVU";
	/// One cent, the smallest amount.
	pub const CENTS: Balance = 1;
	/// One whole unit.
	pub const UNITS: Balance = 100 * CENTS;
	/// The minimum balance an account must hold to exist.
	pub const EXISTENTIAL_DEPOSIT: Balance = CENTS;
}

/// An index to a block.
pub type BlockNumber = u32;
/// Signature type: sr25519, ed25519 or ecdsa, as standard Substrate clients produce.
pub type Signature = MultiSignature;
/// An account id: the public key of the signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Balance of an account, in cents of the settlement unit.
pub type Balance = u128;
/// Transaction counter of an account.
pub type Nonce = u32;
/// A hash of some data used by the chain.
pub type Hash = sp_core::H256;
/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// The transaction extensions, checked in this order for every signed transaction.
///
/// All of them are the standard FRAME ones that every Substrate client (Polkadot.js,
/// polkadot-api, subxt) fills in by itself; none needs custom client configuration.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	// The system nonce check, plus admission: only agency staff and enrolled accounts, within
	// their quota (same identifier and encoding as `frame_system::CheckNonce`).
	pallet_consortium::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	// The hash of the runtime's metadata, when the signer asks for it (mode `Enabled`): an
	// offline or hardware signer then shows the call decoded from metadata it can trust.
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
);

/// The extensions of an immortal transaction with `nonce`, its metadata hash not asked for:
/// what a client puts in a plain signed transaction. The overhead benchmark measured such a
/// transaction (`weights::ExtrinsicBase`), and the runtime-level tests sign with it. Native
/// only: the runtime itself never builds a transaction.
#[cfg(feature = "std")]
pub fn immortal_tx_extension(nonce: Nonce) -> TxExtension {
	(
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(generic::Era::Immortal),
		pallet_consortium::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		frame_metadata_hash_extension::CheckMetadataHash::new(false),
	)
}

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

pub mod migrations;
use migrations::Migrations;

/// Executive: dispatches blocks and transactions to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// Opaque types, used by the node to handle blocks without knowing the runtime's types.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
}

impl_opaque_keys! {
	/// The keys a validator holds: Aura for block authoring, GRANDPA for finality.
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
	}
}

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(5)]
	pub type Consortium = pallet_consortium;

	#[runtime::pallet_index(6)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(7)]
	pub type NodeAuthorization = pallet_node_authorization;

	#[runtime::pallet_index(10)]
	pub type Balances = pallet_balances;

	// After `Balances`: its genesis records the issuance of the genesis endowments.
	#[runtime::pallet_index(11)]
	pub type Settlement = pallet_civitas_settlement;

	#[runtime::pallet_index(20)]
	pub type Identity = pallet_civitas_identity;

	#[runtime::pallet_index(21)]
	pub type Licences = pallet_civitas_licenses;

	#[runtime::pallet_index(22)]
	pub type Invoices = pallet_civitas_invoices;

	#[runtime::pallet_index(23)]
	pub type ProvidentFund = pallet_civitas_provident_fund;

	#[runtime::pallet_index(24)]
	pub type WageEscrow = pallet_civitas_wage_escrow;

	#[runtime::pallet_index(25)]
	pub type LandTitles = pallet_civitas_land_titles;

	#[runtime::pallet_index(19)]
	pub type Aliases = pallet_civitas_aliases;
}
