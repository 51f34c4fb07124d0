//! The typed client (`clients/`, polkadot-api) is generated from a copy of the runtime's
//! metadata, `clients/.papi/metadata/civitas.scale`. This fails when that copy is not the
//! runtime's metadata (version 16, the one polkadot-api reads) byte for byte: a runtime change
//! that touched calls, storage, events, errors, constants, view functions or runtime APIs
//! needs `scripts/update-client.sh` (which `scripts/export-chain-specs.sh` also runs).

use civitas_runtime::Runtime;

const COMMITTED: &str =
	concat!(env!("CARGO_MANIFEST_DIR"), "/../clients/.papi/metadata/civitas.scale");

#[test]
fn committed_client_metadata_is_the_runtimes() {
	let ours = Runtime::metadata_at_version(16).expect("the runtime serves metadata version 16");
	let committed =
		std::fs::read(COMMITTED).unwrap_or_else(|e| panic!("cannot read {COMMITTED}: {e}"));
	assert!(
		committed == *ours,
		"clients/.papi/metadata/civitas.scale is stale ({} bytes, the runtime's metadata has {}): \
		 run scripts/update-client.sh and commit the result",
		committed.len(),
		ours.len(),
	);
}

#[test]
fn client_metadata_names_every_pallet_of_the_runtime() {
	// The check above compares bytes; this one makes sure the bytes are the metadata at all:
	// the magic number, version 16, and our pallets by name.
	let committed = std::fs::read(COMMITTED).expect("committed metadata");
	assert_eq!(&committed[..4], b"meta", "metadata magic");
	assert_eq!(committed[4], 16, "metadata version 16");
	let text = String::from_utf8_lossy(&committed);
	for pallet in [
		"Consortium",
		"Identity",
		"Licences",
		"Invoices",
		"ProvidentFund",
		"WageEscrow",
		"LandTitles",
		"Settlement",
	] {
		assert!(text.contains(pallet), "{pallet} in the client's metadata");
	}
}
