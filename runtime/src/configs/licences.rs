//! E-licences: licence types with prerequisites, issued and verified across agencies.

use frame_support::traits::ConstU32;
use frame_system::EnsureRoot;

use crate::{AccountId, Aliases, Consortium, Identity, Runtime, RuntimeEvent, Timestamp};

impl pallet_civitas_licenses::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Licence types are registered by consortium vote.
	type ConsortiumOrigin = EnsureRoot<AccountId>;
	type Agencies = Consortium;
	/// Holders are licences aliases.
	type Aliases = Aliases;
	/// Relation prerequisites are proven by the keys of the relations' ends.
	type Relations = Identity;
	/// Consents and access logs under the licences alias.
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
	/// A person or company holds a few dozen live licences at a time; 256 leaves room.
	type MaxLicencesPerHolder = ConstU32<256>;
	type WeightInfo = pallet_civitas_licenses::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::LicenceBenchmarks;
}

#[cfg(feature = "runtime-benchmarks")]
mod benchmarks {
	use civitas_primitives::{
		AgencyId, Alias, BenchmarkAgencies, BenchmarkAliases, Capability, Domain, LicenceTypeId,
		Purpose, RelationId, RelationKind, Scope, SubjectKind,
	};
	use sp_core::{sr25519, H256};

	use crate::{AccountId, Consortium, Identity, RuntimeOrigin};

	/// Agencies, aliases, relations and consents for the licences benchmarks, made through the
	/// consortium, aliases and identity pallets.
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

		fn holder(seed: u32, kind: SubjectKind) -> Alias {
			crate::Aliases::alias_account(4000u32.saturating_add(seed), Domain::Licences, kind).0
		}

		fn relation(key: sr25519::Public) -> RelationId {
			let attester = Consortium::staff_with(3001, &[Capability::AttestRelations]);
			let origin = || RuntimeOrigin::signed(attester.clone());
			let id = pallet_civitas_identity::NextRelationId::<crate::Runtime>::get();
			let tag = |n: u8| {
				let mut b = [n; 32];
				b[..8].copy_from_slice(&id.to_le_bytes());
				H256(b)
			};
			let _ = Identity::attest_relation(
				origin(),
				RelationKind::ParentOf,
				tag(0xB1),
				tag(0xB2),
				false,
				H256::zero(),
				0,
				None,
			);
			let other = sr25519::Public::from_raw([0xB2; 32]);
			let _ = Identity::set_end_keys(origin(), id, key, other);
			id
		}

		fn consent(
			subject: &Alias,
			agency: AgencyId,
			licence_type: LicenceTypeId,
			purpose: &Purpose,
		) {
			crate::configs::identity::benchmarks::grant_alias_consent(
				subject,
				Domain::Licences,
				agency,
				Scope::Licence(licence_type),
				purpose,
			);
		}
	}
}
