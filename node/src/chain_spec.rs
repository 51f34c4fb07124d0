//! Chain specifications: `dev` (one validator), `local` (the four founding agencies) and
//! `benchmark` (the dev chain with many senders, for `scripts/bench-tps.sh`).

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

/// Staff accounts per founding agency on the benchmark chain: the most an agency may have.
pub const BENCH_STAFF_PER_AGENCY: u32 = 64;

/// The secret URI of benchmark sender `i` of agency `agency`: `//bench//<agency>//<i>` of the
/// development phrase, so that the load tool derives the same keys.
pub fn bench_sender_uri(agency: u32, i: u32) -> String {
	format!("//bench//{agency}//{i}")
}

/// The throughput benchmark chain (`--chain benchmark`): the development chain (Alice alone
/// validates) whose eight founding agencies each have `BENCH_STAFF_PER_AGENCY` admins, all
/// endowed, so that 512 senders with a staff quota each (1,000 transactions per window) load
/// the chain: the quota is not what limits a run. Never for anything but benchmarks: every
/// key is derived from the public development phrase.
pub fn benchmark_chain_spec() -> Result<ChainSpec, String> {
	use sp_core::{sr25519, Pair};
	let preset = civitas_runtime::genesis_config_presets::get_preset(
		&sp_genesis_builder::DEV_RUNTIME_PRESET.into(),
	)
	.ok_or("no development preset")?;
	let mut patch: serde_json::Value =
		serde_json::from_slice(&preset).map_err(|e| format!("development preset: {e}"))?;
	let agencies = patch["consortium"]["agencies"]
		.as_array_mut()
		.ok_or("development preset: no consortium.agencies")?;
	let mut endowed = Vec::new();
	for (a, agency) in agencies.iter_mut().enumerate() {
		let admins = agency["admins"].as_array_mut().ok_or("development preset: no admins")?;
		// The founding admin stays; the others join it.
		for i in 1..BENCH_STAFF_PER_AGENCY {
			let pair = sr25519::Pair::from_string(&bench_sender_uri(a as u32, i), None)
				.map_err(|e| format!("bench key: {e:?}"))?;
			let account = generic_ss58(&sp_core::crypto::AccountId32::from(pair.public()));
			admins.push(account.clone().into());
			let endowment = u64::try_from(civitas_runtime::genesis_config_presets::ENDOWMENT)
				.map_err(|_| "endowment above u64")?;
			endowed.push(serde_json::json!([account, endowment]));
		}
	}
	patch["balances"]["balances"]
		.as_array_mut()
		.ok_or("development preset: no balances")?
		.extend(endowed);
	// The native preset wrote accounts in the node's default address format (Civitas' own,
	// 7046), which the runtime's JSON decoder does not know: the runtime reads format 42.
	to_generic_ss58(&mut patch);
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("Civitas Benchmark")
		.with_id("civitas_benchmark")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_patch(patch)
		.with_properties(properties())
		.build())
}

/// An account in the generic SS58 format (42), which the runtime's genesis JSON accepts.
fn generic_ss58(account: &sp_core::crypto::AccountId32) -> String {
	use sp_core::crypto::{Ss58AddressFormat, Ss58Codec};
	account.to_ss58check_with_version(Ss58AddressFormat::custom(42))
}

/// Rewrites every SS58 address in `value` to the generic format.
fn to_generic_ss58(value: &mut serde_json::Value) {
	use sp_core::crypto::{AccountId32, Ss58Codec};
	match value {
		serde_json::Value::String(s) => {
			if let Ok((account, _)) = AccountId32::from_ss58check_with_version(s) {
				*s = generic_ss58(&account);
			}
		},
		serde_json::Value::Array(items) => items.iter_mut().for_each(to_generic_ss58),
		serde_json::Value::Object(map) => map.values_mut().for_each(to_generic_ss58),
		_ => {},
	}
}
