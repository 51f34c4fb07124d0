//! A person's wallet, as the tests play it: its ring-VRF secret and member key, fresh keys for
//! alias accounts, and the bare `Aliases.bind` transaction with a real Bandersnatch proof
//! against the ring's current root.

use civitas_primitives::{Domain, MemberKey};
use civitas_runtime::{AccountId, Aliases, Runtime, RuntimeCall, UncheckedExtrinsic};
use codec::Encode;
use frame_support::traits::Get;
use pallet_civitas_aliases::{
	bandersnatch::{Crypto, Domain11},
	bind_message, Revision, RingIndex,
};
use sp_core::{sr25519, Pair, H256};
use verifiable::GenerateVerifiable;

/// The ring-VRF secret of wallet `seed`.
pub fn secret(seed: u8) -> <Crypto as GenerateVerifiable>::Secret {
	Crypto::new_secret([seed; 32])
}

/// The member key of wallet `seed`.
pub fn member(seed: u8) -> MemberKey {
	Crypto::member_from_secret(&secret(seed))
}

/// A fresh key for an alias account, as a wallet makes one.
pub fn fresh_key(name: &str) -> sr25519::Pair {
	sr25519::Pair::from_string(&format!("//alias//{name}"), None).expect("a key")
}

/// The account of a key pair.
pub fn id_of(pair: &sr25519::Pair) -> AccountId {
	pair.public().0.into()
}

/// Runs blocks until no ring is left to build.
pub fn build_rings() {
	for _ in 0..64 {
		if pallet_civitas_aliases::Building::<Runtime>::get().is_none()
			&& pallet_civitas_aliases::Stale::<Runtime>::iter_keys().next().is_none()
		{
			return;
		}
		super::next_block();
	}
	panic!("the rings were not built within 64 blocks");
}

/// The current root of the ring of wallet `seed`'s member key.
pub fn root_of(seed: u8) -> (RingIndex, Revision, Vec<MemberKey>) {
	let ring = Aliases::ring_of(member(seed)).expect("in a ring");
	let (revision, keys) = Aliases::current_root(ring).expect("a root");
	(ring, revision, keys)
}

/// The bare transaction wallet `seed` submits to bind `account` to its alias in `domain`,
/// against the ring's current root, as binding number `nonce`.
pub fn bind_tx(seed: u8, domain: Domain, account: &AccountId, nonce: u32) -> UncheckedExtrinsic {
	let (ring, revision, keys) = root_of(seed);
	let message = bind_message(domain, account, ring, revision, nonce);
	let opened = Crypto::open(Domain11::get(), &member(seed), keys.into_iter()).expect("a member");
	let (proof, _) =
		Crypto::create(opened, &secret(seed), domain.context(), &message).expect("a proof");
	let proof = proof.encode();
	assert!(proof.len() <= 800, "a ring proof is {} bytes", proof.len());
	UncheckedExtrinsic::new_bare(RuntimeCall::Aliases(pallet_civitas_aliases::Call::bind {
		domain,
		account: account.clone(),
		ring,
		revision,
		nonce,
		proof: proof.try_into().expect("within MaxProofLen"),
	}))
}

/// The alias of wallet `seed` in `domain`, as the wallet computes it.
pub fn alias(seed: u8, domain: Domain) -> H256 {
	Crypto::alias_in_context(&secret(seed), domain.context()).expect("an alias").into()
}

/// Binds a fresh account (from `name`) to wallet `seed`'s alias in `domain` through the pool
/// and block; returns the account's key and the alias.
pub fn bind_fresh(seed: u8, domain: Domain, name: &str) -> (sr25519::Pair, H256) {
	let key = fresh_key(name);
	let tx = bind_tx(seed, domain, &id_of(&key), 0);
	super::pool_validate(&tx).expect("the pool admits the binding");
	frame_support::assert_ok!(super::apply(&tx).expect("valid"));
	(key, alias(seed, domain))
}

/// Signs `call` with `key` at its current nonce and applies it; the dispatch's outcome.
pub fn submit_by(
	key: &sr25519::Pair,
	call: RuntimeCall,
) -> Result<sp_runtime::DispatchResult, sp_runtime::transaction_validity::TransactionValidityError>
{
	let nonce = civitas_runtime::System::account_nonce(id_of(key));
	super::apply(&super::signed_tx_by(key, nonce, call))
}

/// Alice's agency (the registrar) records wallet `seed`'s member key for `person`, by a signed
/// transaction: the key joins a ring of the person's kind.
pub fn record_member_key(person: civitas_primitives::PersonId, seed: u8) {
	frame_support::assert_ok!(super::submit(
		super::Alice,
		RuntimeCall::Identity(pallet_civitas_identity::Call::set_member_key {
			person,
			member: Some(member(seed)),
		})
	)
	.expect("admitted"));
}
