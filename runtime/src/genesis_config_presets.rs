//! Genesis presets: the initial state of the `development` and `local_testnet` chains.
//!
//! - `development`: one validator (Alice), for a single machine (`--dev`).
//! - `local_testnet`: the four founding agencies' validators (Alice, Bob, Charlie, Dave),
//!   the smallest set that keeps finality with one validator down.
//!
//! The well-known development keys are used in both: these presets are for development and
//! testing only, never for a production consortium.

use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use crate::{
	currency::UNITS, AccountId, AuraConfig, Balance, BalancesConfig, GrandpaConfig,
	RuntimeGenesisConfig,
};

/// Starting balance of each endowed development account.
pub const ENDOWMENT: Balance = 1_000_000 * UNITS;

/// Builds the genesis JSON for the given validators and endowed accounts.
fn civitas_genesis(validators: Vec<(AuraId, GrandpaId)>, endowed: Vec<AccountId>) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed.iter().cloned().map(|k| (k, ENDOWMENT)).collect::<Vec<_>>(),
		},
		aura: AuraConfig {
			authorities: validators.iter().map(|(aura, _)| aura.clone()).collect::<Vec<_>>(),
		},
		grandpa: GrandpaConfig {
			authorities: validators
				.iter()
				.map(|(_, grandpa)| (grandpa.clone(), 1))
				.collect::<Vec<_>>(),
		},
	})
}

/// A development validator: the same well-known name in the sr25519 (Aura) and ed25519
/// (GRANDPA) keyrings, as `--alice`, `--bob`, … insert them into a node's keystore.
pub type DevValidator = (Sr25519Keyring, Ed25519Keyring);

/// The session keys of a development validator.
fn validator_keys((aura, grandpa): DevValidator) -> (AuraId, GrandpaId) {
	(aura.public().into(), grandpa.public().into())
}

/// The four founding agencies' validators of the local network.
pub fn local_validators() -> Vec<DevValidator> {
	vec![
		(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
		(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
	]
}

/// The `development` preset: Alice alone validates.
pub fn development_config_genesis() -> Value {
	civitas_genesis(
		vec![validator_keys((Sr25519Keyring::Alice, Ed25519Keyring::Alice))],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
	)
}

/// The `local_testnet` preset: four validators.
pub fn local_config_genesis() -> Value {
	civitas_genesis(
		local_validators().into_iter().map(validator_keys).collect(),
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
	)
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
	use crate::{Balances, Grandpa, Runtime};
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
			let aura = pallet_aura::Authorities::<Runtime>::get();
			assert_eq!(aura.len(), 1);
			assert_eq!(aura[0], Sr25519Keyring::Alice.public().into());
			let grandpa = Grandpa::grandpa_authorities();
			assert_eq!(grandpa, vec![(Ed25519Keyring::Alice.public().into(), 1)]);
		});
	}

	#[test]
	fn local_testnet_genesis_has_four_validators() {
		genesis_of("local_testnet").execute_with(|| {
			let aura = pallet_aura::Authorities::<Runtime>::get().into_inner();
			let expected: Vec<AuraId> =
				local_validators().iter().map(|(s, _)| s.public().into()).collect();
			assert_eq!(aura, expected);
			let grandpa: Vec<GrandpaId> = Grandpa::grandpa_authorities()
				.into_iter()
				.map(|(id, weight)| {
					assert_eq!(weight, 1);
					id
				})
				.collect();
			let expected: Vec<GrandpaId> =
				local_validators().iter().map(|(_, e)| e.public().into()).collect();
			assert_eq!(grandpa, expected);
		});
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
				assert_eq!(frame_system::Pallet::<Runtime>::block_number(), 0);
			});
		}
	}
}
