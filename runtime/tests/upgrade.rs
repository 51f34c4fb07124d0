//! The runtime's migrations, on the real runtime: the production ones (`migrations::IdentityV1`,
//! `migrations::LicencesV1`) move version-0 state and leave a chain built at their version
//! alone; the runtime-upgrade drill's (`migrations::LicencesV2`) recounts the licence types,
//! moves the Licences storage from version 1 to 2, and does nothing when run again. The drill
//! itself (`scripts/faults.sh upgrade`) puts the runtime built with it to the consortium's vote
//! on the four-validator network.

mod common;

use civitas_runtime::{
	migrations::{LicencesV2, Migrations},
	Identity, Licences, Runtime, RuntimeOrigin,
};
use common::*;
use frame_support::{
	assert_ok,
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	weights::Weight,
};
use pallet_civitas_identity::{migrations::v1 as identity_v1, AccessCount, AccessRecord};
use pallet_civitas_licenses::{migrations::v1 as licences_v1, Expiries, ExpiryCursor, ExpiryPages};

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
fn licences_v2_recounts_the_types_once_and_is_idempotent() {
	run(|| {
		// This runtime is at version 1, from genesis.
		assert_eq!(Licences::on_chain_storage_version(), StorageVersion::new(1));
		assert_eq!(Licences::in_code_storage_version(), StorageVersion::new(1));
		register_type(1);
		register_type(2);
		// A count that drifted from the types.
		pallet_civitas_licenses::LicenceTypeCount::<Runtime>::put(5);

		let weight = LicencesV2::on_runtime_upgrade();
		assert_eq!(pallet_civitas_licenses::LicenceTypeCount::<Runtime>::get(), 2);
		assert_eq!(Licences::on_chain_storage_version(), StorageVersion::new(2));
		assert!(weight.any_gt(Weight::zero()));

		// Again: the version guard makes it a no-op.
		pallet_civitas_licenses::LicenceTypeCount::<Runtime>::put(7);
		LicencesV2::on_runtime_upgrade();
		assert_eq!(pallet_civitas_licenses::LicenceTypeCount::<Runtime>::get(), 7);
		assert_eq!(Licences::on_chain_storage_version(), StorageVersion::new(2));
		pallet_civitas_licenses::LicenceTypeCount::<Runtime>::put(2);
	});
}

#[test]
fn the_production_migrations_leave_a_chain_at_their_version_alone() {
	run(|| {
		assert_eq!(Identity::on_chain_storage_version(), StorageVersion::new(2));
		let before = sp_io::storage::root(sp_runtime::StateVersion::V1);
		<Migrations as OnRuntimeUpgrade>::on_runtime_upgrade();
		assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), before);
		assert_eq!(civitas_runtime::VERSION.spec_version, 130);
	});
}

#[test]
fn the_production_migrations_move_version_0_state() {
	run(|| {
		let person = sp_core::H256::repeat_byte(7);
		let record = |at| AccessRecord {
			agency: 1,
			scope: civitas_primitives::Scope::Relations,
			purpose: civitas_primitives::Purpose::Code(1),
			at,
			block: 1,
			answer: true,
		};
		// Identity at version 0: 130 accesses, the last 128 kept.
		StorageVersion::new(0).put::<Identity>();
		let log: Vec<_> = (2..130).map(record).collect();
		identity_v1::AccessLog::<Runtime>::insert(
			person,
			frame_support::BoundedVec::truncate_from(log.clone()),
		);
		AccessCount::<Runtime>::insert(person, 130);
		// Licences at version 0: 70 licences queued in one minute.
		StorageVersion::new(0).put::<Licences>();
		licences_v1::ExpiryQueue::<Runtime>::insert(30_000_001, (0..70).collect::<Vec<u64>>());
		licences_v1::ExpiryCursor::<Runtime>::put(30_000_001);

		let weight = <Migrations as OnRuntimeUpgrade>::on_runtime_upgrade();
		assert!(weight.any_gt(Weight::zero()));
		assert_eq!(Identity::on_chain_storage_version(), StorageVersion::new(2));
		assert_eq!(Licences::on_chain_storage_version(), StorageVersion::new(1));
		// Moved into the ring (v1), and kept (v2): no person has this id.
		assert_eq!(Identity::access_log(&person), log);
		// Access 129 (the last) is in slot 1 of 128.
		assert_eq!(pallet_civitas_identity::Accesses::<Runtime>::get(person, 1), Some(record(129)));
		// Pages of 64.
		assert_eq!(ExpiryPages::<Runtime>::get(30_000_001), 2);
		assert_eq!(
			Expiries::<Runtime>::get(30_000_001, 1).into_inner(),
			(64..70).collect::<Vec<u64>>()
		);
		assert_eq!(ExpiryCursor::<Runtime>::get(), Some((30_000_001, 0)));
		assert_eq!(identity_v1::AccessLog::<Runtime>::iter_keys().count(), 0);
		assert_eq!(licences_v1::ExpiryQueue::<Runtime>::iter_keys().count(), 0);
		// The queued ids are not licences of this chain: out before the invariants are checked.
		let _ = Expiries::<Runtime>::clear(u32::MAX, None);
		ExpiryPages::<Runtime>::remove(30_000_001);
	});
}
