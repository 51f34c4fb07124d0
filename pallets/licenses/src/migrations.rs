//! Storage migrations of the licences pallet.

/// Version 0 → 1: the expiry queue, one vector per minute (read whole by every issue, and up
/// to eight minutes of them when full), becomes pages of `ExpiryPageSize` licences
/// (`Expiries`, keyed by minute and page, with `ExpiryPages` counting each minute's pages),
/// and the cursor a (minute, page).
pub mod v1 {
	use crate::{Config, Expiries, ExpiryPages, LicenceId, Pallet};
	use alloc::vec::Vec;
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, storage_alias,
		traits::UncheckedOnRuntimeUpgrade,
	};

	/// Version 0's expiry queue: the licences to expire by minute. Its values are decoded
	/// without a bound (version 0's was a constant since renamed).
	#[storage_alias]
	pub type ExpiryQueue<T: Config> = StorageMap<Pallet<T>, Twox64Concat, u64, Vec<LicenceId>>;

	/// Version 0's cursor: the first minute not processed yet.
	#[storage_alias]
	pub type ExpiryCursor<T: Config> = StorageValue<Pallet<T>, u64>;

	/// Splits every minute of version 0's queue into pages, in order, and points the cursor at
	/// the first page of its minute. Nothing is lost: every queued licence is on a page.
	/// Unchecked: [`MigrateV0ToV1`] is the version guard.
	///
	/// It runs in one block: a read and a removal per queued minute, a write per page and per
	/// minute's page count. Version 0 queued at most 512 licences a minute; a chain with more
	/// queued minutes than a block can move would need a multi-block migration.
	pub struct InnerMigrateV0ToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let size = T::ExpiryPageSize::get().max(1) as usize;
			let (mut reads, mut writes) = (1u64, 1u64);
			let cursor = ExpiryCursor::<T>::take();
			for (minute, ids) in ExpiryQueue::<T>::drain() {
				reads = reads.saturating_add(1);
				writes = writes.saturating_add(1);
				let mut pages = 0u32;
				for chunk in ids.chunks(size) {
					let Ok(page) = BoundedVec::try_from(chunk.to_vec()) else { continue };
					Expiries::<T>::insert(minute, pages, page);
					pages = pages.saturating_add(1);
					writes = writes.saturating_add(1);
				}
				if pages > 0 {
					ExpiryPages::<T>::insert(minute, pages);
					writes = writes.saturating_add(1);
				}
			}
			if let Some(minute) = cursor {
				crate::ExpiryCursor::<T>::put((minute, 0));
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			let ids: u64 = ExpiryQueue::<T>::iter_values().map(|q| q.len() as u64).sum();
			Ok(ids.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			let ids = u64::decode(&mut &state[..]).map_err(|_| "bad pre-upgrade state")?;
			let paged: u64 = Expiries::<T>::iter_values().map(|p| p.len() as u64).sum();
			ensure!(paged == ids, "queued expiries lost or added");
			ensure!(ExpiryQueue::<T>::iter_keys().next().is_none(), "version-0 queue left");
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
