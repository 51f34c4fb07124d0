//! The runtime-upgrade drill's migration (`migrations::LicencesV1`), on the real runtime: it
//! recounts the licence types, moves the Licences storage from version 0 to 1, and does
//! nothing when run again. The drill itself (`scripts/upgrade.sh`) puts the runtime built with
//! it to the consortium's vote on the four-validator network.

mod common;

use civitas_runtime::{migrations::LicencesV1, Licences, Runtime, RuntimeOrigin};
use common::*;
use frame_support::{
	assert_ok,
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	weights::Weight,
};

fn register_type(id: u16) {
	assert_ok!(Licences::register_licence_type(
		RuntimeOrigin::root(),
		id,
		b"Drill".to_vec().try_into().unwrap(),
		86_400_000,
		true,
		Default::default(),
	));
}

#[test]
fn licences_v1_recounts_the_types_once_and_is_idempotent() {
	run(|| {
		// This runtime is at version 0 and runs no migration of its own.
		assert_eq!(Licences::on_chain_storage_version(), StorageVersion::new(0));
		assert_eq!(Licences::in_code_storage_version(), StorageVersion::new(0));
		register_type(1);
		register_type(2);
		// A count that drifted from the types.
		pallet_civitas_licenses::LicenceTypeCount::<Runtime>::put(5);

		let weight = LicencesV1::on_runtime_upgrade();
		assert_eq!(pallet_civitas_licenses::LicenceTypeCount::<Runtime>::get(), 2);
		assert_eq!(Licences::on_chain_storage_version(), StorageVersion::new(1));
		assert!(weight.any_gt(Weight::zero()));

		// Again: the version guard makes it a no-op.
		pallet_civitas_licenses::LicenceTypeCount::<Runtime>::put(7);
		LicencesV1::on_runtime_upgrade();
		assert_eq!(pallet_civitas_licenses::LicenceTypeCount::<Runtime>::get(), 7);
		assert_eq!(Licences::on_chain_storage_version(), StorageVersion::new(1));
		pallet_civitas_licenses::LicenceTypeCount::<Runtime>::put(2);
	});
}

#[test]
fn the_production_runtime_runs_no_migration() {
	run(|| {
		let before = sp_io::storage::root(sp_runtime::StateVersion::V1);
		let weight =
			<civitas_runtime::migrations::Migrations as OnRuntimeUpgrade>::on_runtime_upgrade();
		assert_eq!(weight, Weight::zero());
		assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), before);
		assert_eq!(civitas_runtime::VERSION.spec_version, 117);
	});
}
