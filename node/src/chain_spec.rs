//! Chain specifications: `dev` (one validator) and `local` (the four founding agencies).

use civitas_runtime::{
	currency::{DECIMALS, TOKEN_SYMBOL},
	WASM_BINARY,
};
use sc_service::ChainType;

/// A chain specification of Civitas: no extensions beyond the standard fields.
pub type ChainSpec = sc_service::GenericChainSpec;

/// Token symbol, decimals and address format, shown by wallets such as Polkadot.js apps.
fn properties() -> sc_service::Properties {
	let mut properties = sc_service::Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), DECIMALS.into());
	properties.insert("ss58Format".into(), civitas_runtime::configs::SS58Prefix::get().into());
	properties
}

fn wasm_binary() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| {
		"The runtime's wasm binary is not available: build without SKIP_WASM_BUILD.".to_string()
	})
}

/// The single-validator development chain (`--dev`, `--chain dev`).
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("Civitas Development")
		.with_id("civitas_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// The four-validator local consortium network (`--chain local`).
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("Civitas Local Consortium")
		.with_id("civitas_local")
		.with_protocol_id("civitas-local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}
