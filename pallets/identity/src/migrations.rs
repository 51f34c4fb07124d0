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

/// Version 1 → 2: consents and access logs live under aliases only (`docs/privacy.md`). A
/// consent given under a person id (by its controller or a minor's custodian) can no longer
/// be asked under (`verify` names an identity alias), and a consent or an access log keyed by
/// a person id tells anyone who holds the id whom the person dealt with: both leave the state.
/// (Their history stays in the blocks' events, as before.) A consent given under an alias
/// stays, without its grantor (it was always the alias's own account).
pub mod v2 {
	use crate::{AccessCount, Accesses, Config, Consent, ConsentCount, Consents, Pallet, Persons};
	use civitas_primitives::{Domain, Moment, Purpose};
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
	};

	/// Version 1's grantor of a consent.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub enum OldGrantor<AccountId> {
		/// A controller of the subject.
		Subject(AccountId),
		/// A custodian of a minor subject, on this relation.
		Custodian(civitas_primitives::RelationId),
		/// The subject's alias account in a domain.
		Alias(Domain),
	}

	/// Version 1's consent.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub struct OldConsent<AccountId> {
		/// The purpose.
		pub purpose: Purpose,
		/// Until when.
		pub until: Moment,
		/// Who granted it.
		pub granted_by: OldGrantor<AccountId>,
	}

	/// Keeps the consents given under aliases (without their grantor), removes the others
	/// with their counts, and removes the access logs of registered person ids. Unchecked:
	/// [`MigrateV1ToV2`] is the version guard.
	///
	/// It runs in one block: a read and a write per consent, and per access log its count
	/// and at most `MaxAccessLog` entries. For a chain with more than a block can move, it
	/// would have to become a multi-block migration.
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let (mut reads, mut writes) = (0u64, 0u64);
			let mut dropped = alloc::vec::Vec::new();
			Consents::<T>::translate::<OldConsent<T::AccountId>, _>(|(subject, _, _), old| {
				reads = reads.saturating_add(1);
				writes = writes.saturating_add(1);
				match old.granted_by {
					OldGrantor::Alias(_) => {
						Some(Consent { purpose: old.purpose, until: old.until })
					},
					_ => {
						dropped.push(subject);
						None
					},
				}
			});
			for subject in dropped {
				ConsentCount::<T>::mutate_exists(subject, |n| {
					*n = n.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0);
				});
				reads = reads.saturating_add(1);
				writes = writes.saturating_add(1);
			}
			let persons: alloc::vec::Vec<_> =
				AccessCount::<T>::iter_keys().filter(|k| Persons::<T>::contains_key(k)).collect();
			reads = reads.saturating_add(persons.len() as u64);
			for person in persons {
				AccessCount::<T>::remove(person);
				let removed = Accesses::<T>::clear_prefix(person, u32::MAX, None);
				writes = writes.saturating_add(u64::from(removed.unique).saturating_add(1));
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}

	/// [`InnerMigrateV1ToV2`], run only when the pallet's storage is at version 1, and
	/// setting it to 2.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		InnerMigrateV1ToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
