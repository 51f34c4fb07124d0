//! E-licences: licence types with prerequisites, issued and verified across agencies.

use frame_support::traits::ConstU32;
use frame_system::EnsureRoot;

use crate::{AccountId, Consortium, Identity, Runtime, RuntimeEvent, Timestamp};

impl pallet_civitas_licenses::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Licence types are registered by consortium vote.
	type ConsortiumOrigin = EnsureRoot<AccountId>;
	type Agencies = Consortium;
	type Subjects = Identity;
	type Consent = Identity;
	type Time = Timestamp;
	type MaxNameLen = ConstU32<64>;
	/// Licences issued on one certificate (a fire-safety certificate and the business
	/// licences of one holder).
	type MaxDependants = ConstU32<16>;
	type MaxPrerequisites = ConstU32<8>;
	type MaxLicenceTypes = ConstU32<256>;
	type MaxHistory = ConstU32<16>;
	type MaxBatch = ConstU32<100>;
	type ExpiryPageSize = ConstU32<64>;
	/// A person or company holds a few dozen licences in a lifetime; 256 leaves room.
	type MaxLicencesPerHolder = ConstU32<256>;
	type WeightInfo = pallet_civitas_licenses::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::LicenceBenchmarks;
}

#[cfg(feature = "runtime-benchmarks")]
mod benchmarks {
	use civitas_primitives::{
		AgencyId, BenchmarkAgencies, Capability, LicenceTypeId, PersonId, Purpose, Scope,
		SubjectKind,
	};

	use crate::{AccountId, Consortium};

	/// Agencies, persons and consents for the licences benchmarks, made through the
	/// consortium and identity pallets.
	pub struct LicenceBenchmarks;

	impl pallet_civitas_licenses::benchmarking::BenchmarkHelper<AccountId> for LicenceBenchmarks {
		fn issuer(licence_type: LicenceTypeId) -> AccountId {
			Consortium::staff_with(
				2000u32.saturating_add(u32::from(licence_type)),
				&[Capability::IssueLicence(licence_type)],
			)
		}

		fn verifier() -> AccountId {
			Consortium::staff_with(3000, &[])
		}

		fn person(seed: u32, kind: SubjectKind) -> PersonId {
			crate::configs::identity::benchmarks::register_person(4000, "holder", seed, kind).0
		}

		fn consent(
			subject: &PersonId,
			agency: AgencyId,
			licence_type: LicenceTypeId,
			purpose: &Purpose,
		) {
			crate::configs::identity::benchmarks::grant_consent(
				subject,
				agency,
				Scope::Licence(licence_type),
				purpose,
			);
		}
	}
}
