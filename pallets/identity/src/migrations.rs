//! Storage migrations of the identity pallet.

/// Version 0 → 1: the access log, one bounded vector per person (read and written whole on
/// every access), becomes a ring of single entries (`Accesses`, keyed by person and slot).
pub mod v1 {
	use crate::{AccessCount, AccessRecordOf, Accesses, Config, Pallet};
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, storage_alias,
		traits::UncheckedOnRuntimeUpgrade,
	};

	/// Version 0's access log: a person's most recent accesses, oldest first.
	#[storage_alias]
	pub type AccessLog<T: Config> = StorageMap<
		Pallet<T>,
		Blake2_128Concat,
		civitas_primitives::PersonId,
		BoundedVec<AccessRecordOf<T>, <T as Config>::MaxAccessLog>,
		ValueQuery,
	>;

	/// Moves every person's version-0 access log into the ring, each record into the slot of
	/// its place in the person's `AccessCount`, and removes the vectors. Nothing is lost: a
	/// vector held at most the last `MaxAccessLog` accesses, which is what the ring keeps.
	/// Unchecked: [`MigrateV0ToV1`] is the version guard.
	///
	/// It runs in one block: a read and a removal per person with a log, and a write per record
	/// (`MaxAccessLog` per person at most). For a chain with more logged persons than a block
	/// can move, it would have to become a multi-block migration.
	pub struct InnerMigrateV0ToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let (mut reads, mut writes) = (0u64, 0u64);
			for (person, log) in AccessLog::<T>::drain() {
				let count = AccessCount::<T>::get(person);
				reads = reads.saturating_add(2);
				writes = writes.saturating_add(1);
				// The vector's last record is access `count - 1`.
				let first = count.saturating_sub(log.len() as u64);
				for (n, record) in (first..).zip(log) {
					if let Some(slot) = Pallet::<T>::access_slot(n) {
						Accesses::<T>::insert(person, slot, record);
						writes = writes.saturating_add(1);
					}
				}
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			let records: u64 = AccessLog::<T>::iter_values().map(|l| l.len() as u64).sum();
			Ok(records.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			let records = u64::decode(&mut &state[..]).map_err(|_| "bad pre-upgrade state")?;
			ensure!(
				Accesses::<T>::iter_keys().count() as u64 == records,
				"access records lost or added"
			);
			ensure!(AccessLog::<T>::iter_keys().next().is_none(), "version-0 log left");
			Ok(())
		}
	}

	/// [`InnerMigrateV0ToV1`], run only when the pallet's storage is at version 0, and
	/// setting it to 1.
	pub type MigrateV0ToV1<T> = VersionedMigration<
		0,
		1,
		InnerMigrateV0ToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
