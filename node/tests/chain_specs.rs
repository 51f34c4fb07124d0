//! The committed chain specs (`chain-specs/`) must match what the current runtime produces.
//!
//! Every field is compared exactly except the runtime's wasm code: its bytes depend on the
//! compiler that built it, so two machines with different toolchains produce different blobs
//! of the same runtime. The code is compared by what it is instead: its runtime version and
//! its full metadata (every pallet, call, event, error, storage item and type), read by
//! executing both blobs. A behaviour change without a metadata change must bump
//! `spec_version`, which this test sees. Fix a failure with `scripts/export-chain-specs.sh`.

use std::{path::PathBuf, process::Command};

use sc_executor::WasmExecutor;
use sp_core::traits::{CallContext, CodeExecutor, RuntimeCode, WrappedRuntimeCode};

const FIX: &str = "the committed spec is stale: run scripts/export-chain-specs.sh";

fn repo_root() -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `civitas-node export-chain-spec --chain <chain> [--raw]`, parsed; fails the test with the
/// node's error when the export (for `--raw`, the genesis build) fails.
fn export(chain: &str, raw: bool) -> serde_json::Value {
	let mut cmd = Command::new(env!("CARGO_BIN_EXE_civitas-node"));
	cmd.args(["export-chain-spec", "--chain", chain]);
	if raw {
		cmd.arg("--raw");
	}
	let out = cmd.output().expect("civitas-node runs");
	assert!(
		out.status.success(),
		"export-chain-spec --chain {chain} (raw: {raw}) failed: {}",
		String::from_utf8_lossy(&out.stderr)
	);
	serde_json::from_slice(&out.stdout).expect("the exported spec is JSON")
}

fn committed(file: &str) -> serde_json::Value {
	let path = repo_root().join("chain-specs").join(file);
	let text = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}; {FIX}", path.display()));
	serde_json::from_slice(&text).expect("the committed spec is JSON")
}

/// Removes the code at `pointer` from `spec` and returns it as bytes.
fn take_code(spec: &mut serde_json::Value, pointer: &str) -> Vec<u8> {
	let code = spec.pointer_mut(pointer).unwrap_or_else(|| panic!("no code at {pointer}")).take();
	let hex = code.as_str().expect("code is a hex string");
	sp_core::bytes::from_hex(hex).expect("code is hex")
}

/// Calls a runtime API function of `code` that reads no state.
fn call(code: &[u8], method: &str) -> Vec<u8> {
	let executor = WasmExecutor::<sp_io::SubstrateHostFunctions>::builder().build();
	let fetcher = WrappedRuntimeCode(code.into());
	let runtime_code = RuntimeCode {
		code_fetcher: &fetcher,
		heap_pages: None,
		hash: sp_io::hashing::blake2_256(code).to_vec(),
	};
	let mut ext = sp_io::TestExternalities::default();
	let mut ext = ext.ext();
	executor
		.call(&mut ext, &runtime_code, method, &[], CallContext::Offchain)
		.0
		.unwrap_or_else(|e| panic!("{method} failed: {e}"))
}

fn assert_same_runtime(committed: &[u8], current: &[u8], which: &str) {
	if committed == current {
		return;
	}
	assert_eq!(
		call(committed, "Core_version"),
		call(current, "Core_version"),
		"{which}: runtime version differs; {FIX}"
	);
	assert!(
		call(committed, "Metadata_metadata") == call(current, "Metadata_metadata"),
		"{which}: runtime metadata differs; {FIX}"
	);
}

#[test]
fn committed_plain_local_spec_matches_runtime() {
	let mut current = export("local", false);
	let mut old = committed("local.json");
	let pointer = "/genesis/runtimeGenesis/code";
	let (old_code, new_code) = (take_code(&mut old, pointer), take_code(&mut current, pointer));
	assert_eq!(old, current, "chain-specs/local.json: {FIX}");
	assert_same_runtime(&old_code, &new_code, "chain-specs/local.json");
}

#[test]
fn committed_raw_local_spec_matches_runtime() {
	let mut current = export("local", true);
	let mut old = committed("local-raw.json");
	let pointer = "/genesis/raw/top/0x3a636f6465"; // the `:code` key
	let (old_code, new_code) = (take_code(&mut old, pointer), take_code(&mut current, pointer));
	assert_eq!(old, current, "chain-specs/local-raw.json: {FIX}");
	assert_same_runtime(&old_code, &new_code, "chain-specs/local-raw.json");
}

#[test]
fn local_spec_names_the_consortium_chain() {
	let spec = export("local", false);
	assert_eq!(spec["id"], "civitas_local");
	assert_eq!(spec["chainType"], "Local");
	assert_eq!(spec["properties"]["tokenSymbol"], "CVU");
	let patch = &spec["genesis"]["runtimeGenesis"]["patch"];
	let keys = &patch["session"]["keys"];
	assert_eq!(keys.as_array().map(Vec::len), Some(4), "four validators' session keys: {keys}");
	let validators = &patch["consortium"]["validators"];
	assert_eq!(validators.as_array().map(Vec::len), Some(4), "four validators: {validators}");
	let peers = &patch["nodeAuthorization"]["nodes"];
	assert_eq!(peers.as_array().map(Vec::len), Some(4), "four well-known peers: {peers}");
	assert!(spec.get("telemetryEndpoints").is_none_or(|t| t.is_null()), "no telemetry by default");
}

#[test]
fn dev_chain_builds_its_genesis() {
	// Its patch comes from the runtime's native code (node/src/chain_spec.rs, native_preset):
	// the raw export runs the genesis build on it in wasm, as `--dev` does when it starts.
	let spec = export("dev", true);
	assert_eq!(spec["id"], "civitas_dev");
	let top = spec["genesis"]["raw"]["top"].as_object().expect("raw genesis");
	assert!(top.contains_key("0x3a636f6465"), "the genesis holds the code");
	assert!(top.len() > 50, "the genesis holds the presets' state: {} keys", top.len());
}

#[test]
fn committed_code_is_read_by_executing_it() {
	let mut spec = committed("local-raw.json");
	let code = take_code(&mut spec, "/genesis/raw/top/0x3a636f6465");
	let version = call(&code, "Core_version");
	// The SCALE-encoded `RuntimeVersion` starts with the spec name.
	let name = b"civitas";
	assert_eq!(version.get(1..1 + name.len()), Some(&name[..]), "spec name in {version:?}");
	assert!(call(&code, "Metadata_metadata").len() > 1000, "metadata is returned");
}

#[test]
fn benchmark_chain_has_512_endowed_staff_and_builds_its_genesis() {
	// The raw export runs the genesis build: the consortium admits every admin (64 per agency,
	// its MaxStaff) and the balances pallet endows them (twice listed would fail the build).
	let spec = export("benchmark", false);
	let patch = &spec["genesis"]["runtimeGenesis"]["patch"];
	let admins: usize = patch["consortium"]["agencies"]
		.as_array()
		.expect("agencies")
		.iter()
		.map(|a| a["admins"].as_array().expect("admins").len())
		.sum();
	assert_eq!(admins, 8 * 64);
	// Every admin sends in the load tool's mixes: each has a balance (the founding ones too,
	// which the dev preset does not all endow).
	let balances = patch["balances"]["balances"].as_array().expect("balances");
	for agency in patch["consortium"]["agencies"].as_array().expect("agencies") {
		for admin in agency["admins"].as_array().expect("admins") {
			assert!(balances.iter().any(|b| b[0] == *admin), "{admin} is not endowed");
		}
	}
	assert_eq!(spec["id"], "civitas_benchmark");
	// The domain calls' set-up: 4,096 persons, each consenting to the 8 founding agencies, and
	// one licence type every agency may issue.
	assert_eq!(patch["identity"]["persons"].as_array().expect("persons").len(), 4096);
	assert_eq!(patch["identity"]["consents"].as_array().expect("consents").len(), 4096 * 8);
	assert_eq!(patch["licences"]["licenceTypes"].as_array().expect("types").len(), 1);
	// The genesis build stored every person and every consent.
	let raw = export("benchmark", true);
	let top = raw["genesis"]["raw"]["top"].as_object().expect("raw storage");
	let count = |item: &str| {
		let prefix = format!(
			"0x{}{}",
			sp_core::hexdisplay::HexDisplay::from(&sp_io::hashing::twox_128(b"Identity")),
			sp_core::hexdisplay::HexDisplay::from(&sp_io::hashing::twox_128(item.as_bytes()))
		);
		top.keys().filter(|k| k.starts_with(&prefix)).count()
	};
	assert_eq!(count("Persons"), 4096);
	assert_eq!(count("Consents"), 4096 * 8);
}

#[test]
fn benchmark_local_chain_has_four_validators_and_the_benchmark_set_up() {
	let spec = export("benchmark-local", false);
	assert_eq!(spec["id"], "civitas_benchmark_local");
	let patch = &spec["genesis"]["runtimeGenesis"]["patch"];
	assert_eq!(patch["consortium"]["validators"].as_array().expect("validators").len(), 4);
	assert_eq!(patch["identity"]["persons"].as_array().expect("persons").len(), 4096);
	// The raw export runs the genesis build.
	let raw = export("benchmark-local", true);
	assert!(raw["genesis"]["raw"]["top"].is_object(), "raw genesis");
}
