//! Storage migrations, run by the executive when a runtime upgrade is applied (once, in the
//! first block of the new runtime, before anything else).
//!
//! The production runtime runs [`IdentityV1`] (the access log as a ring of single entries),
//! [`IdentityV2`] (consents and access logs under aliases only) and [`LicencesV1`] (the expiry
//! queue in pages): all are versioned, so on a chain whose
//! genesis already has them (every chain built from this runtime) they do nothing. The
//! runtime-upgrade drill (`runtime/next/`, feature `upgrade-test`: spec version + 1) adds
//! [`LicencesV2`], so that the procedure operators follow is proven with a real, versioned
//! migration end to end.

use crate::Runtime;
use frame_support::{
	migrations::VersionedMigration, traits::UncheckedOnRuntimeUpgrade, weights::Weight,
};

/// Identity storage v0 → v1: each person's access log, one vector, becomes a ring of single
/// entries.
pub type IdentityV1 = pallet_civitas_identity::migrations::v1::MigrateV0ToV1<Runtime>;

/// Identity storage v1 → v2: consents and access logs under aliases only; those keyed by a
/// person id leave the state.
pub type IdentityV2 = pallet_civitas_identity::migrations::v2::MigrateV1ToV2<Runtime>;

/// Licences storage v0 → v1: the expiry queue, one vector per minute, becomes pages.
pub type LicencesV1 = pallet_civitas_licenses::migrations::v1::MigrateV0ToV1<Runtime>;

/// The drill's licences storage v1 → v2: `LicenceTypeCount` is recounted from `LicenceTypes`
/// (the count bounds registrations; v2 guarantees it equals the number of types). Unchecked:
/// the version guard is [`LicencesV2`].
pub struct RecountLicenceTypes;

impl UncheckedOnRuntimeUpgrade for RecountLicenceTypes {
	fn on_runtime_upgrade() -> Weight {
		let count = pallet_civitas_licenses::LicenceTypes::<Runtime>::iter_keys().count();
		let count = u32::try_from(count).unwrap_or(u32::MAX);
		pallet_civitas_licenses::LicenceTypeCount::<Runtime>::put(count);
		<Runtime as frame_system::Config>::DbWeight::get()
			.reads_writes(u64::from(count).saturating_add(1), 1)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
		use codec::Encode;
		Ok((pallet_civitas_licenses::LicenceTypes::<Runtime>::iter_keys().count() as u32).encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		use codec::Decode;
		let types = u32::decode(&mut &state[..]).map_err(|_| "bad pre-upgrade state")?;
		frame_support::ensure!(
			pallet_civitas_licenses::LicenceTypeCount::<Runtime>::get() == types,
			"LicenceTypeCount differs from the number of licence types"
		);
		Ok(())
	}
}

/// [`RecountLicenceTypes`], run only when the Licences pallet's storage is at version 1, and
/// setting it to 2: running it again does nothing.
pub type LicencesV2 = VersionedMigration<
	1,
	2,
	RecountLicenceTypes,
	pallet_civitas_licenses::Pallet<Runtime>,
	<Runtime as frame_system::Config>::DbWeight,
>;

/// What the executive runs on an upgrade to this runtime.
#[cfg(not(feature = "upgrade-test"))]
pub type Migrations = (IdentityV1, IdentityV2, LicencesV1);
/// What the executive runs on an upgrade to this runtime.
#[cfg(feature = "upgrade-test")]
pub type Migrations = (IdentityV1, IdentityV2, LicencesV1, LicencesV2);
