//! Builds the wasm blob of the runtime (skipped with `SKIP_WASM_BUILD=1`), with the metadata
//! hash (RFC 78) compiled in: the builder compiles the runtime, computes the hash of its
//! metadata, and compiles it again with `RUNTIME_METADATA_HASH` set, which
//! `CheckMetadataHash` then checks transactions against.

fn main() {
	#[cfg(feature = "std")]
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		// The settlement unit's symbol and decimals, as wallets show amounts.
		.enable_metadata_hash("CVU", 2)
		.build();
}
