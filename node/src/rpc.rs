//! The node's RPC extensions beyond the standard set that `sc_service` installs.
//!
//! `sc_service` already serves the legacy `chain_*`, `state_*`, `author_*`, `system_*` methods
//! and the new JSON-RPC spec (`chainHead_v1_*`, `chainSpec_v1_*`, `transaction_v1_*`,
//! `archive_v1_*`). Here we add `system_accountNextIndex`, which Polkadot.js uses for nonces.
//! Domain queries are runtime APIs reached through `state_call`, not custom RPC methods.

use std::sync::Arc;

use civitas_runtime::{opaque::Block, AccountId, Nonce};
use jsonrpsee::RpcModule;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};

/// What the RPC extensions need.
pub struct FullDeps<C, P> {
	/// The client.
	pub client: Arc<C>,
	/// The transaction pool.
	pub pool: Arc<P>,
}

/// Builds the RPC extensions.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: BlockBuilder<Block>,
	P: TransactionPool + 'static,
{
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool } = deps;

	module.merge(System::new(client, pool).into_rpc())?;

	Ok(module)
}
