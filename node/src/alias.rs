//! `civitas-node alias`: the wallet side of domain aliases (`docs/privacy.md`), for apps, the
//! console's helpers and the end-to-end tests. A wallet's secret (32 bytes of entropy the
//! wallet keeps) gives its member key, which the registrar records, and its alias in each
//! domain; a binding proof ties an account to the alias against a ring's root, without
//! telling which member made it. Nothing here talks to a node: the caller reads the ring's
//! members and revision (the `Aliases` pallet's `current_root` view function) and submits the
//! bare `Aliases.bind` transaction itself.

use civitas_primitives::Domain;
use codec::Encode;
use pallet_civitas_aliases::{
	bandersnatch::{Crypto, Domain11},
	bind_message,
};
use sp_core::crypto::{AccountId32, Ss58Codec};
use sp_runtime::traits::Get;
use verifiable::GenerateVerifiable;

/// The wallet side of domain aliases. Every command prints one JSON object.
#[derive(Debug, clap::Subcommand)]
pub enum AliasCmd {
	/// The member key of a wallet secret, and its alias in every domain.
	Member {
		/// The wallet's secret: 32 bytes, hex (with or without `0x`).
		#[arg(long)]
		secret: String,
	},
	/// A proof that binds `account` to the wallet's alias in `domain`, against the ring's root
	/// of revision `revision` whose members are `members`, as binding number `nonce`.
	Prove {
		/// The wallet's secret: 32 bytes, hex.
		#[arg(long)]
		secret: String,
		/// identity, licences, invoices, fines, titles, fund or wages.
		#[arg(long)]
		domain: String,
		/// The account to bind (SS58 or 32 bytes hex).
		#[arg(long)]
		account: String,
		/// The ring's index.
		#[arg(long)]
		ring: u32,
		/// The root's revision.
		#[arg(long)]
		revision: u32,
		/// The binding's number: 0 for the alias's first, then one more each time.
		#[arg(long, default_value_t = 0)]
		nonce: u32,
		/// The ring's members at that revision, in order: comma-separated hex member keys.
		#[arg(long, value_delimiter = ',')]
		members: Vec<String>,
	},
}

fn hex32(what: &str, s: &str) -> Result<[u8; 32], String> {
	let bytes = sp_core::bytes::from_hex(s).map_err(|e| format!("{what}: not hex ({e})"))?;
	bytes.try_into().map_err(|b: Vec<u8>| format!("{what}: {} bytes, not 32", b.len()))
}

fn domain(name: &str) -> Result<Domain, String> {
	Domain::ALL.into_iter().find(|d| d.name() == name).ok_or_else(|| {
		format!("unknown domain {name}: one of identity, licences, invoices, fines, titles, fund, wages")
	})
}

fn hex(bytes: &[u8]) -> String {
	format!("0x{}", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

impl AliasCmd {
	/// Runs the command; the JSON it prints.
	pub fn run(&self) -> Result<String, String> {
		match self {
			AliasCmd::Member { secret } => {
				let secret = Crypto::new_secret(hex32("secret", secret)?);
				let member = Crypto::member_from_secret(&secret);
				let aliases: serde_json::Map<String, serde_json::Value> = Domain::ALL
					.into_iter()
					.map(|d| {
						let alias = Crypto::alias_in_context(&secret, d.context())
							.map_err(|_| format!("no alias in {}", d.name()))?;
						Ok((d.name().to_string(), hex(&alias[..]).into()))
					})
					.collect::<Result<_, String>>()?;
				Ok(serde_json::json!({ "member": hex(&member), "aliases": aliases }).to_string())
			},
			AliasCmd::Prove { secret, domain: name, account, ring, revision, nonce, members } => {
				let secret = Crypto::new_secret(hex32("secret", secret)?);
				let domain = domain(name)?;
				let account = match AccountId32::from_ss58check(account) {
					Ok(a) => a,
					Err(_) => AccountId32::from(hex32("account", account)?),
				};
				let keys =
					members.iter().map(|m| hex32("member", m)).collect::<Result<Vec<_>, _>>()?;
				let member = Crypto::member_from_secret(&secret);
				let opened = Crypto::open(Domain11::get(), &member, keys.into_iter())
					.map_err(|_| "the wallet's member key is not among the members".to_string())?;
				let message = bind_message(domain, &account, *ring, *revision, *nonce);
				let (proof, alias) = Crypto::create(opened, &secret, domain.context(), &message)
					.map_err(|_| "the proof could not be made".to_string())?;
				Ok(serde_json::json!({
					"alias": hex(&alias[..]),
					"proof": hex(&proof.encode()),
				})
				.to_string())
			},
		}
	}
}
