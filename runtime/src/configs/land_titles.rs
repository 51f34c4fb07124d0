//! Real-estate titles: parcels, titles, sales, mortgages, freezes, splits and merges.

use frame_support::traits::ConstU32;

use crate::{Aliases, Consortium, Identity, Runtime, RuntimeEvent, Timestamp};

impl pallet_civitas_land_titles::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Agencies = Consortium;
	/// Owners, sellers and buyers act under their titles aliases.
	type Aliases = Aliases;
	/// Consents under aliases, and their access logs.
	type Consent = Identity;
	type Time = Timestamp;
	/// A surveyed boundary of up to 32 corners.
	type MaxVertices = ConstU32<32>;
	type MaxOwners = ConstU32<16>;
	type MaxLiens = ConstU32<8>;
	type MaxFreezes = ConstU32<8>;
	type MaxHistory = ConstU32<64>;
	type MaxLineage = ConstU32<8>;
	/// Cells of 0.002° (about 220 m north–south); a parcel's box covers at most 5 × 5 of them
	/// (about 1 km), and a cell lists at most 32 live parcels: a registration tests at most
	/// 800 candidates.
	type CellSize = ConstU32<2_000>;
	type MaxCellsPerParcel = ConstU32<25>;
	type MaxPerCell = ConstU32<32>;
	type MaxOpenOffers = ConstU32<16>;
	type WeightInfo = pallet_civitas_land_titles::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::TitleBenchmarks;
}

#[cfg(feature = "runtime-benchmarks")]
mod benchmarks {
	use civitas_primitives::{
		AgencyId, Alias, BenchmarkAgencies, BenchmarkAliases, Capability, Domain, Moment, Purpose,
		Scope, SubjectKind,
	};

	use crate::{AccountId, Consortium};

	/// Agencies, aliases, consents and time for the land-titles benchmarks, made through the
	/// consortium, aliases, identity and timestamp pallets.
	pub struct TitleBenchmarks;

	impl pallet_civitas_land_titles::benchmarking::BenchmarkHelper<AccountId> for TitleBenchmarks {
		fn staff(capability: Capability) -> AccountId {
			let seed = match capability {
				Capability::RegisterTitles => 7500,
				Capability::RegisterMortgages => 7501,
				Capability::FreezeAssets => 7502,
				_ => 7503,
			};
			Consortium::staff_with(seed, &[capability])
		}
		fn alias(seed: u32) -> (Alias, AccountId) {
			crate::Aliases::alias_account(
				7600u32.saturating_add(seed),
				Domain::Titles,
				SubjectKind::Citizen,
			)
		}
		fn consent(subject: &Alias, agency: AgencyId, purpose: &Purpose) {
			crate::configs::identity::benchmarks::grant_alias_consent(
				subject,
				Domain::Titles,
				agency,
				Scope::Titles,
				purpose,
			);
		}
		fn set_time(now: Moment) {
			// The stored time only: `set_timestamp` would also run Aura's slot check.
			pallet_timestamp::Now::<crate::Runtime>::put(now);
		}
	}
}
