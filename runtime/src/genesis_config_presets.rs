//! Genesis presets: the initial state of the `development` and `local_testnet` chains.
//!
//! Both seed the eight founding agencies of the consortium, each with one admin (a strict
//! majority is five):
//!
//! | id | agency                                | admin   | capabilities                      |
//! |----|---------------------------------------|---------|-----------------------------------|
//! | 0  | Civil Affairs Bureau                  | Alice   | RegisterPersons, AttestRelations  |
//! | 1  | Public Security Bureau                | Bob     | RegisterPersons                   |
//! | 2  | Land and Resources Bureau             | Charlie | RegisterTitles, RegisterMortgages |
//! | 3  | Municipal Treasury                    | Dave    | MintSettlement                    |
//! | 4  | Nanjing Housing Provident Fund Centre | One     | ManageProvidentFund               |
//! | 5  | Beijing Housing Provident Fund Centre | Two     | ManageProvidentFund               |
//! | 6  | Bank of Nanjing                       | Eve//stash    | RegisterMortgages           |
//! | 7  | Nanjing Intermediate People's Court   | Ferdie//stash | FreezeAssets                |
//!
//! Agencies 4 and 5 are the fund centres of Nanjing (320100) and Beijing (110100), with rates
//! of 5 % to 12 % a side and a monthly base ceiling of 30 000 units. Agencies 6 and 7 are a
//! bank and a court, so that mortgages and freezes of land titles can be tried at once.
//!
//! - `development`: one validator (Alice), for a single machine (`--dev`); no well-known peers.
//! - `local_testnet`: the first four agencies' validators (Alice, Bob, Charlie, Dave), the smallest
//!   set that keeps finality with one validator down, and their four nodes as the well-known
//!   peers (the fixed development node keys of `scripts/local-network.sh`).
//!
//! Every well-known development account is endowed, but only the admins may transact at
//! genesis: Eve and Ferdie, for instance, must be enrolled first. The treasury may mint up to
//! one million units per mint and ten million per day. The well-known keys make
//! these presets for development and testing only, never for a production consortium.

use alloc::{vec, vec::Vec};
use civitas_primitives::{AgencyKind, Capability};
use frame_support::build_struct_json_patch;
use hex_literal::hex;
use pallet_civitas_settlement::MintCeiling;
use pallet_consortium::GenesisAgency;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::OpaquePeerId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use crate::{
	currency::UNITS, AccountId, Balance, BalancesConfig, ConsortiumConfig, InvoicesConfig,
	NodeAuthorizationConfig, ProvidentFundConfig, RuntimeGenesisConfig, SessionConfig, SessionKeys,
	SettlementConfig,
};

/// Starting balance of each endowed development account.
pub const ENDOWMENT: Balance = 1_000_000 * UNITS;

/// The founding treasury's agency id.
pub const TREASURY_AGENCY: civitas_primitives::AgencyId = 3;

/// What the founding treasury may mint: one million units per mint, ten million per day.
pub const TREASURY_CEILING: MintCeiling<Balance> =
	MintCeiling { per_mint: 1_000_000 * UNITS, per_day: 10_000_000 * UNITS };

/// The city code of the development chains (Nanjing).
pub const DEV_CITY: u32 = 320100;

/// The city code of the development chains' second city (Beijing).
pub const SECOND_CITY: u32 = 110100;

/// The fund centres at genesis: (agency, city).
pub const FUND_CENTRES: [(civitas_primitives::AgencyId, u32); 2] =
	[(4, DEV_CITY), (5, SECOND_CITY)];

/// The genesis fund centres' rules: 5 % to 12 % a side, a base ceiling of 30 000 units.
pub fn fund_rules() -> pallet_civitas_provident_fund::Rules {
	pallet_civitas_provident_fund::Rules {
		min_rate: 500,
		max_rate: 1200,
		base_ceiling: 30_000 * UNITS,
	}
}

/// A development validator: the same well-known name in the sr25519 (account, Aura) and
/// ed25519 (GRANDPA) keyrings, as `--alice`, `--bob`, … insert them into a node's keystore.
pub type DevValidator = (Sr25519Keyring, Ed25519Keyring);

/// The first four founding agencies' validators of the local network.
pub fn local_validators() -> Vec<DevValidator> {
	vec![
		(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
		(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
	]
}

/// Peer ids (libp2p identity multihash bytes) of the local network's four nodes, whose node
/// keys are the fixed development keys 0x00…01 to 0x00…04 of `scripts/local-network.sh`.
pub const LOCAL_PEERS: [[u8; 38]; 4] = [
	hex!("0024080112204cb5abf6ad79fbf5abbccafcc269d85cd2651ed4b885b5869f241aedf0a5ba29"),
	hex!("0024080112207422b9887598068e32c4448a949adb290d0f4e35b9e01b0ee5f1a1e600fe2674"),
	hex!("002408011220f381626e41e7027ea431bfe3009e94bdd25a746beec468948d6c3c7c5dc9a54b"),
	hex!("002408011220fd50b8e3b144ea244fbf7737f550bc8dd0c2650bbc1aada833ca17ff8dbf329b"),
];

/// The founding agencies, admitted at genesis with ids 0 to 7.
pub fn founding_agencies() -> Vec<GenesisAgency<AccountId>> {
	let in_city = |name: &str, kind, city, admin: Sr25519Keyring, capabilities| GenesisAgency {
		name: name.into(),
		kind,
		city,
		admins: vec![admin.to_account_id()],
		capabilities,
	};
	let agency =
		|name: &str, kind, admin, capabilities| in_city(name, kind, DEV_CITY, admin, capabilities);
	vec![
		agency(
			"Civil Affairs Bureau",
			AgencyKind::CivilAffairs,
			Sr25519Keyring::Alice,
			vec![Capability::RegisterPersons, Capability::AttestRelations],
		),
		agency(
			"Public Security Bureau",
			AgencyKind::PublicSecurity,
			Sr25519Keyring::Bob,
			vec![Capability::RegisterPersons],
		),
		agency(
			"Land and Resources Bureau",
			AgencyKind::LandAndResources,
			Sr25519Keyring::Charlie,
			vec![Capability::RegisterTitles, Capability::RegisterMortgages],
		),
		agency(
			"Municipal Treasury",
			AgencyKind::Treasury,
			Sr25519Keyring::Dave,
			vec![Capability::MintSettlement],
		),
		in_city(
			"Nanjing Housing Provident Fund Centre",
			AgencyKind::HousingProvidentFund,
			DEV_CITY,
			Sr25519Keyring::One,
			vec![Capability::ManageProvidentFund],
		),
		in_city(
			"Beijing Housing Provident Fund Centre",
			AgencyKind::HousingProvidentFund,
			SECOND_CITY,
			Sr25519Keyring::Two,
			vec![Capability::ManageProvidentFund],
		),
		agency(
			"Bank of Nanjing",
			AgencyKind::Bank,
			Sr25519Keyring::EveStash,
			vec![Capability::RegisterMortgages],
		),
		agency(
			"Nanjing Intermediate People's Court",
			AgencyKind::Court,
			Sr25519Keyring::FerdieStash,
			vec![Capability::FreezeAssets],
		),
	]
}

/// The session keys of a development validator.
fn session_keys((aura, grandpa): &DevValidator) -> SessionKeys {
	SessionKeys { aura: AuraId::from(aura.public()), grandpa: GrandpaId::from(grandpa.public()) }
}

/// Builds the genesis JSON for the given validators and well-known peers.
fn civitas_genesis(validators: Vec<DevValidator>, peers: Vec<(OpaquePeerId, AccountId)>) -> Value {
	let endowed: Vec<(AccountId, Balance)> =
		Sr25519Keyring::well_known().map(|k| (k.to_account_id(), ENDOWMENT)).collect();
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances: endowed },
		consortium: ConsortiumConfig {
			agencies: founding_agencies(),
			validators: validators.iter().map(|(k, _)| k.to_account_id()).collect::<Vec<_>>(),
		},
		session: SessionConfig {
			keys: validators
				.iter()
				.map(|v| (v.0.to_account_id(), v.0.to_account_id(), session_keys(v)))
				.collect::<Vec<_>>(),
		},
		node_authorization: NodeAuthorizationConfig { nodes: peers },
		settlement: SettlementConfig { ceilings: vec![(TREASURY_AGENCY, TREASURY_CEILING)] },
		invoices: InvoicesConfig { fine_treasury: Some(TREASURY_AGENCY) },
		provident_fund: ProvidentFundConfig {
			centres: FUND_CENTRES
				.iter()
				.map(|(agency, city)| (*agency, *city, fund_rules()))
				.collect::<Vec<_>>(),
		},
	})
}

/// The `development` preset: Alice alone validates.
pub fn development_config_genesis() -> Value {
	civitas_genesis(vec![(Sr25519Keyring::Alice, Ed25519Keyring::Alice)], vec![])
}

/// The `local_testnet` preset: four validators, four well-known peers.
pub fn local_config_genesis() -> Value {
	let peers = LOCAL_PEERS
		.iter()
		.zip(local_validators())
		.map(|(p, (owner, _))| (OpaquePeerId(p.to_vec()), owner.to_account_id()))
		.collect();
	civitas_genesis(local_validators(), peers)
}

/// Returns the JSON of the preset with the given id, if it exists.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	serde_json::to_string(&patch).ok().map(|s| s.into_bytes())
}

/// The names of all presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{Balances, Grandpa, Runtime, Session};
	use sp_runtime::BuildStorage;

	/// Applies a JSON patch onto a base document, as chain-spec builders do with presets.
	fn merge(base: &mut Value, patch: Value) {
		match (base, patch) {
			(Value::Object(base), Value::Object(patch)) => {
				for (k, v) in patch {
					merge(base.entry(k).or_insert(Value::Null), v);
				}
			},
			(base, patch) => *base = patch,
		}
	}

	/// Builds the genesis state of a preset, the way a chain spec is built from it.
	fn genesis_of(preset: &str) -> sp_io::TestExternalities {
		let patch = get_preset(&PresetId::from(preset)).expect("preset exists");
		let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("encodes");
		merge(&mut config, serde_json::from_slice(&patch).expect("preset is JSON"));
		let config: RuntimeGenesisConfig = serde_json::from_value(config).expect("valid config");
		config.build_storage().expect("genesis builds").into()
	}

	#[test]
	fn preset_names_lists_development_and_local_testnet() {
		let names = preset_names();
		assert_eq!(names.len(), 2);
		for name in ["development", "local_testnet"] {
			assert!(names.contains(&PresetId::from(name)), "{name} missing");
			assert!(get_preset(&PresetId::from(name)).is_some(), "{name} has no JSON");
		}
	}

	#[test]
	fn unknown_preset_is_none() {
		assert_eq!(get_preset(&PresetId::from("mainnet")), None);
	}

	#[test]
	fn development_genesis_has_alice_as_only_validator() {
		genesis_of("development").execute_with(|| {
			assert_eq!(
				pallet_aura::Authorities::<Runtime>::get().into_inner(),
				vec![AuraId::from(Sr25519Keyring::Alice.public())]
			);
			assert_eq!(
				Grandpa::grandpa_authorities(),
				vec![(Ed25519Keyring::Alice.public().into(), 1)]
			);
			assert_eq!(Session::validators(), vec![Sr25519Keyring::Alice.to_account_id()]);
			assert!(pallet_node_authorization::WellKnownNodes::<Runtime>::get().is_empty());
		});
	}

	#[test]
	fn local_testnet_genesis_has_four_validators_and_their_peers() {
		genesis_of("local_testnet").execute_with(|| {
			let aura: Vec<AuraId> =
				local_validators().iter().map(|(s, _)| s.public().into()).collect();
			assert_eq!(pallet_aura::Authorities::<Runtime>::get().into_inner(), aura);
			let grandpa: Vec<(GrandpaId, u64)> =
				local_validators().iter().map(|(_, e)| (e.public().into(), 1)).collect();
			assert_eq!(Grandpa::grandpa_authorities(), grandpa);
			let accounts: Vec<AccountId> =
				local_validators().iter().map(|(s, _)| s.to_account_id()).collect();
			assert_eq!(Session::validators(), accounts);
			assert_eq!(pallet_consortium::Pallet::<Runtime>::validators(), accounts);
			let peers = pallet_node_authorization::WellKnownNodes::<Runtime>::get();
			assert_eq!(peers.len(), 4);
			for p in LOCAL_PEERS {
				assert!(peers.contains(&OpaquePeerId(p.to_vec())));
			}
		});
	}

	#[test]
	fn genesis_seeds_the_founding_agencies() {
		for preset in ["development", "local_testnet"] {
			genesis_of(preset).execute_with(|| {
				use pallet_consortium::{Accounts, Admission, Agencies, MemberCount, Role};
				assert_eq!(MemberCount::<Runtime>::get(), 8);
				for (id, admin) in [
					Sr25519Keyring::Alice,
					Sr25519Keyring::Bob,
					Sr25519Keyring::Charlie,
					Sr25519Keyring::Dave,
					Sr25519Keyring::One,
					Sr25519Keyring::Two,
					Sr25519Keyring::EveStash,
					Sr25519Keyring::FerdieStash,
				]
				.into_iter()
				.enumerate()
				{
					assert!(Agencies::<Runtime>::contains_key(id as u32));
					assert_eq!(
						Accounts::<Runtime>::get(admin.to_account_id()),
						Some(Admission::Staff { agency: id as u32, role: Role::Admin })
					);
				}
				assert_eq!(Accounts::<Runtime>::get(Sr25519Keyring::Eve.to_account_id()), None);
				pallet_consortium::Pallet::<Runtime>::do_try_state().expect("invariants hold");
			});
		}
	}

	#[test]
	fn genesis_seeds_two_fund_centres_in_two_cities() {
		for preset in ["development", "local_testnet"] {
			genesis_of(preset).execute_with(|| {
				use pallet_civitas_provident_fund::{CentreOfCity, Centres};
				for (agency, city) in FUND_CENTRES {
					let centre = Centres::<Runtime>::get(agency).expect("a genesis centre");
					assert_eq!((centre.city, centre.rules), (city, fund_rules()));
					assert_eq!(CentreOfCity::<Runtime>::get(city), Some(agency));
				}
				assert_ne!(FUND_CENTRES[0].1, FUND_CENTRES[1].1);
				pallet_civitas_provident_fund::Pallet::<Runtime>::do_try_state()
					.expect("invariants hold");
			});
		}
	}

	#[test]
	fn genesis_endows_the_development_accounts() {
		for preset in ["development", "local_testnet"] {
			genesis_of(preset).execute_with(|| {
				for k in Sr25519Keyring::well_known() {
					assert_eq!(
						Balances::free_balance(k.to_account_id()),
						ENDOWMENT,
						"{preset} {k:?}"
					);
				}
				let issuance = ENDOWMENT * Sr25519Keyring::well_known().count() as Balance;
				assert_eq!(Balances::total_issuance(), issuance);
			});
		}
	}

	#[test]
	fn genesis_records_the_endowments_as_settlement_supply_and_sets_the_treasury_ceiling() {
		for preset in ["development", "local_testnet"] {
			genesis_of(preset).execute_with(|| {
				let issuance = ENDOWMENT * Sr25519Keyring::well_known().count() as Balance;
				let totals = pallet_civitas_settlement::Supply::<Runtime>::get();
				assert_eq!(totals.genesis, issuance, "{preset}");
				assert_eq!((totals.minted, totals.burned, totals.pending), (0, 0, 0));
				assert_eq!(
					pallet_civitas_settlement::Ceilings::<Runtime>::get(TREASURY_AGENCY),
					Some(TREASURY_CEILING)
				);
				assert!(
					<pallet_consortium::Pallet<Runtime> as civitas_primitives::AgencyAuthority<
						_,
						_,
					>>::has_capability(TREASURY_AGENCY, Capability::MintSettlement)
				);
				assert_eq!(
					pallet_civitas_invoices::FineTreasury::<Runtime>::get(),
					Some(TREASURY_AGENCY),
					"fines go to the treasury"
				);
				pallet_civitas_settlement::Pallet::<Runtime>::do_try_state()
					.expect("invariants hold");
			});
		}
	}
}
