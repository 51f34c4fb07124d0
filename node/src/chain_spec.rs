//! Chain specifications: `dev` (one validator), `local` (the four founding agencies) and
//! `benchmark` and `benchmark-local` (the dev chain and the local consortium with many senders
//! and the domain calls' set-up, for `scripts/bench-tps.sh`).

use civitas_runtime::{
	currency::{DECIMALS, TOKEN_SYMBOL},
	genesis_config_presets, WASM_BINARY,
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

/// A preset's genesis patch from the runtime's code, which the node links, with its accounts in
/// the address format the runtime's JSON decoder reads. The dev and local chains take their
/// patches so, not by the preset's name: a name is resolved by running the runtime's wasm, one
/// more compilation of it each time a node starts (about 5 s on two cores, besides the one that
/// builds the genesis state and the one that runs the chain).
fn native_preset(mut patch: serde_json::Value) -> serde_json::Value {
	to_generic_ss58(&mut patch);
	patch
}

/// The single-validator development chain (`--dev`, `--chain dev`).
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("Civitas Development")
		.with_id("civitas_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_patch(native_preset(
			genesis_config_presets::development_config_genesis(),
		))
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
		.with_genesis_config_patch(native_preset(genesis_config_presets::local_config_genesis()))
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

/// Persons registered on the benchmark chain.
pub const BENCH_PERSONS: u32 = 4096;

/// The licence type every founding agency may issue on the benchmark chain.
pub const BENCH_LICENCE_TYPE: u32 = 1;

/// The purpose code of the benchmark chain's consents.
pub const BENCH_PURPOSE: u32 = 1;

/// The id of benchmark person `i`: `i + 1`, big-endian, in 32 bytes (the load tool computes
/// the same).
pub fn bench_person(i: u32) -> sp_core::H256 {
	sp_core::H256::from_low_u64_be(u64::from(i) + 1)
}

/// The identity alias benchmark person `i`'s consents are under: its id with a first byte of
/// `0xA1` (the load tool computes the same). Consents live under aliases, never person ids;
/// the benchmark's aliases are not bound, so a `Status` question answers no, at the same cost.
pub fn bench_alias(i: u32) -> sp_core::H256 {
	let mut alias = bench_person(i);
	alias.0[0] = 0xA1;
	alias
}

/// The secret URI of benchmark person `i`'s controlling account: `//bench//person//<i>`.
pub fn bench_person_uri(i: u32) -> String {
	format!("//bench//person//{i}")
}

/// The throughput benchmark chain (`--chain benchmark`): the development chain (Alice alone
/// validates) whose eight founding agencies each have `BENCH_STAFF_PER_AGENCY` admins, all
/// endowed, so that 512 senders with a staff quota each (1,000 transactions per window) load
/// the chain: the quota is not what limits a run. The domain calls' set-up is in place too:
/// `BENCH_PERSONS` citizens (registered by the civil registry, agency 0), each with a consent
/// to every founding agency over its identity for purpose code `BENCH_PURPOSE`, and licence
/// type `BENCH_LICENCE_TYPE`, which every founding agency may issue. Never for anything but
/// benchmarks: every key is derived from the public development phrase.
pub fn benchmark_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("Civitas Benchmark")
		.with_id("civitas_benchmark")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_patch(benchmark_genesis(sp_genesis_builder::DEV_RUNTIME_PRESET)?)
		.with_properties(properties())
		.build())
}

/// The four-validator throughput benchmark chain (`--chain benchmark-local`): the local
/// consortium (Alice, Bob, Charlie and Dave validate; `scripts/local-network.sh --chain
/// benchmark-local` runs it) with the benchmark chain's senders and set-up.
pub fn benchmark_local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("Civitas Benchmark Local Consortium")
		.with_id("civitas_benchmark_local")
		.with_protocol_id("civitas-benchmark-local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_patch(benchmark_genesis(
			sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
		)?)
		.with_properties(properties())
		.build())
}

/// The genesis of a benchmark chain: `preset` with `BENCH_STAFF_PER_AGENCY` endowed admins in
/// each founding agency, `BENCH_PERSONS` persons with their consents, and the licence type.
fn benchmark_genesis(preset: &str) -> Result<serde_json::Value, String> {
	use sp_core::{sr25519, Pair};
	let preset = civitas_runtime::genesis_config_presets::get_preset(&preset.into())
		.ok_or(format!("no {preset} preset"))?;
	let mut patch: serde_json::Value =
		serde_json::from_slice(&preset).map_err(|e| format!("preset: {e}"))?;
	let agencies =
		patch["consortium"]["agencies"].as_array_mut().ok_or("preset: no consortium.agencies")?;
	let endowment = u64::try_from(civitas_runtime::genesis_config_presets::ENDOWMENT)
		.map_err(|_| "endowment above u64")?;
	let mut endowed = Vec::new();
	let mut founding = Vec::new();
	let founders = agencies.len() as u32;
	for (a, agency) in agencies.iter_mut().enumerate() {
		agency["capabilities"]
			.as_array_mut()
			.ok_or("preset: no capabilities")?
			.push(serde_json::json!({ "IssueLicence": BENCH_LICENCE_TYPE }));
		let admins = agency["admins"].as_array_mut().ok_or("preset: no admins")?;
		// The founding admin stays (endowed below if the preset did not endow it: the fund
		// centres' admins, //One and //Two, are not); the others join it.
		founding.extend(admins.iter().filter_map(|a| a.as_str().map(str::to_owned)));
		for i in 1..BENCH_STAFF_PER_AGENCY {
			let pair = sr25519::Pair::from_string(&bench_sender_uri(a as u32, i), None)
				.map_err(|e| format!("bench key: {e:?}"))?;
			let account = generic_ss58(&sp_core::crypto::AccountId32::from(pair.public()));
			admins.push(account.clone().into());
			endowed.push(serde_json::json!([account, endowment]));
		}
	}
	let balances = patch["balances"]["balances"].as_array_mut().ok_or("preset: no balances")?;
	for admin in founding {
		if !balances.iter().any(|b| b[0].as_str() == Some(admin.as_str())) {
			endowed.push(serde_json::json!([admin, endowment]));
		}
	}
	balances.extend(endowed);
	// Consents last until 2100-01-01.
	const UNTIL: u64 = 4_102_444_800_000;
	let mut persons = Vec::new();
	let mut consents = Vec::new();
	let mut enrolled = Vec::new();
	for i in 0..BENCH_PERSONS {
		let pair = sr25519::Pair::from_string(&bench_person_uri(i), None)
			.map_err(|e| format!("bench key: {e:?}"))?;
		let controller = generic_ss58(&sp_core::crypto::AccountId32::from(pair.public()));
		let person = bench_person(i);
		let commitment = sp_core::H256::from(sp_io::hashing::blake2_256(person.as_bytes()));
		enrolled.push(serde_json::json!([controller, 0, "Citizen"]));
		persons.push(serde_json::json!([person, "Citizen", controller, commitment, 0]));
		for agency in 0..founders {
			consents.push(serde_json::json!([
				bench_alias(i),
				agency,
				"Identity",
				BENCH_PURPOSE,
				UNTIL
			]));
		}
	}
	// The consortium enrols the controllers (genesis is not bound by the enrolments per
	// window), the identity pallet registers their persons.
	patch["consortium"]["enrolled"] = serde_json::Value::Array(enrolled);
	patch["identity"] = serde_json::json!({ "persons": persons, "consents": consents });
	patch["licences"] = serde_json::json!({
		"licenceTypes": [[BENCH_LICENCE_TYPE, b"Benchmark licence".to_vec(), 365 * 24 * 3600 * 1000u64, false]],
	});
	// The native preset wrote accounts in the node's default address format (Civitas' own,
	// 7046), which the runtime's JSON decoder does not know: the runtime reads format 42.
	to_generic_ss58(&mut patch);
	Ok(patch)
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
