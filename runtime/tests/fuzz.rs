//! A seeded, deterministic fuzzer of the real runtime.
//!
//! It builds blocks as a block author does (Aura pre-digest, `timestamp.set` inherent, signed
//! transactions through the full transaction-extension pipeline, `finalize_block`) and fills
//! them with random calls of every Civitas pallet, from random origins: each founding
//! agency's staff, the staff of an agency the consortium removed, persons (who enrol as the
//! fuzzer registers them), and strangers who never do. Arguments are decoded from a biased
//! random stream: the decoder asks for 1, 2, 4, 8, 16 or 32 bytes at a time, and the stream
//! answers with values that matter for that width (small ids and enum variants, moments near
//! the chain's time, amounts at every magnitude, known accounts, person ids, salts and
//! relation tags), sometimes with noise. Proposals carry a generated call of their own, so
//! the consortium's votes execute random root calls too.
//!
//! After every block it checks: every pallet's `do_try_state`; total issuance moved exactly
//! by the block's balance events (minted, burned, burned on hold, issued, rescinded, dust…) (and
//! equals genesis + minted − burned, the settlement pallet's invariant); each dispatch class
//! and the whole block within the block weight limits; and that nothing panicked (a panic
//! names the seed, the block and the call).
//!
//! `CIVITAS_FUZZ_BLOCKS` (default 1,000) and `CIVITAS_FUZZ_SEED` (default 1) choose the run;
//! `scripts/fuzz.sh` runs a long one. Two runs with the same seed make the same calls with
//! the same outcomes (signatures differ: sr25519 signing is randomised).

mod common;

use civitas_runtime::{
	Executive, Header, Runtime, RuntimeCall, RuntimeEvent, System, UncheckedExtrinsic,
};
use codec::{DecodeLimit, Encode, Input};
use common::*;
use frame_support::{
	dispatch::{DispatchClass, GetDispatchInfo},
	traits::GetCallMetadata,
};
use sp_core::{sr25519, Pair, H256};
use sp_runtime::{generic::Digest, traits::Header as _, DigestItem, DispatchError};
use std::collections::BTreeMap;

/// SplitMix64: small, fast, and the same sequence everywhere.
struct Rng(u64);

impl Rng {
	fn next(&mut self) -> u64 {
		self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
		let mut z = self.0;
		z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
		z ^ (z >> 31)
	}
	fn below(&mut self, n: u64) -> u64 {
		self.next() % n.max(1)
	}
	fn chance(&mut self, percent: u64) -> bool {
		self.below(100) < percent
	}
	fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
		&items[self.below(items.len() as u64) as usize]
	}
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Origin {
	/// Staff of a founding agency still in the consortium.
	Staff,
	/// Staff of the agency the consortium removed at the start.
	Removed,
	/// Keys the fuzzer's calls may register as persons (enrolled once they are).
	Person,
	/// Keys that appear in no argument: never enrolled.
	Stranger,
}

/// Who signs, and the values that arguments are drawn from.
struct World {
	signers: Vec<(Origin, sr25519::Pair)>,
	accounts: Vec<[u8; 32]>,
	persons: Vec<[u8; 32]>,
	/// The fund, wages, invoices and fines aliases of the seeded persons (wallets
	/// `ALIAS_WALLET + i`).
	aliases: Vec<[u8; 32]>,
	salts: Vec<[u8; 32]>,
	tags: Vec<[u8; 32]>,
	hashes: Vec<[u8; 32]>,
	now: u64,
}

/// The wallet seed of the first seeded person's member key; person `i` has `ALIAS_WALLET + i`.
const ALIAS_WALLET: u8 = 100;

/// The domains the seeded persons bind aliases in, and their alias accounts' derivation paths.
const ALIAS_DOMAINS: [civitas_primitives::Domain; 6] = [
	civitas_primitives::Domain::Fund,
	civitas_primitives::Domain::Wages,
	civitas_primitives::Domain::Invoices,
	civitas_primitives::Domain::Fines,
	civitas_primitives::Domain::Titles,
	civitas_primitives::Domain::Licences,
];
const ALIAS_PATHS: [&str; 6] =
	["FuzzAlias", "FuzzWages", "FuzzInvoices", "FuzzFines", "FuzzTitles", "FuzzLicences"];

/// The agency the fuzzer has the consortium remove before it starts (Beijing HPF, whose
/// staff is `//Two`).
const REMOVED_AGENCY: u32 = 5;

impl World {
	fn new() -> Self {
		use sp_keyring::Sr25519Keyring as K;
		let mut signers = Vec::new();
		for k in [K::Alice, K::Bob, K::Charlie, K::Dave, K::One, K::EveStash, K::FerdieStash] {
			signers.push((Origin::Staff, k.pair()));
		}
		signers.push((Origin::Removed, K::Two.pair()));
		for k in [K::Eve, K::Ferdie, K::AliceStash, K::BobStash, K::CharlieStash, K::DaveStash] {
			signers.push((Origin::Person, k.pair()));
		}
		for i in 0..6 {
			let pair = sr25519::Pair::from_string(&format!("//Fuzz//{i}"), None).expect("derives");
			signers.push((Origin::Person, pair));
		}
		// The seeded persons' fund, wages, invoices and fines alias accounts (bound in
		// `seed_state`).
		for path in ALIAS_PATHS {
			for i in 0..8 {
				let pair =
					sr25519::Pair::from_string(&format!("//{path}//{i}"), None).expect("derives");
				signers.push((Origin::Person, pair));
			}
		}
		for i in 0..2 {
			let pair =
				sr25519::Pair::from_string(&format!("//Stranger//{i}"), None).expect("derives");
			signers.push((Origin::Stranger, pair));
		}
		let accounts = signers
			.iter()
			.filter(|(o, _)| *o != Origin::Stranger)
			.map(|(_, p)| p.public().0)
			.collect();
		let word = |domain: &str, i: u8| sp_io::hashing::blake2_256(&(domain, i).encode());
		let persons: Vec<[u8; 32]> = (0..8).map(|i| word("person", i)).collect();
		let salts: Vec<[u8; 32]> = (0..4).map(|i| word("salt", i)).collect();
		let mut tags = Vec::new();
		for p in &persons {
			for s in &salts {
				tags.push(civitas_primitives::relation_tag(&H256(*p), &H256(*s)).0);
			}
		}
		let hashes = (1..=4).map(|b| [b; 32]).collect();
		let aliases = ALIAS_DOMAINS
			.into_iter()
			.flat_map(|domain| (0..8u8).map(move |i| wallet::alias(ALIAS_WALLET + i, domain).0))
			.collect();
		World { signers, accounts, persons, aliases, salts, tags, hashes, now: 0 }
	}
}

impl World {
	/// A signer, by what it is in the state now (keys move: persons rotate keys, staff are
	/// added and removed): staff of a member agency 45 %, enrolled accounts 40 %, the removed
	/// agency's staff 5 %, any other key (never or no longer admitted) 10 %.
	fn signer(&self, rng: &mut Rng) -> (Origin, sr25519::Pair) {
		use pallet_consortium::Admission;
		let now = |pair: &sr25519::Pair, labelled: Origin| {
			let who: civitas_runtime::AccountId = pair.public().0.into();
			match pallet_consortium::Pallet::<Runtime>::admission(who) {
				Some(Admission::Staff { .. }) => Origin::Staff,
				// Alias accounts act as persons do.
				Some(Admission::Enrolled { .. } | Admission::Alias { .. }) => Origin::Person,
				None if labelled == Origin::Removed => Origin::Removed,
				None => Origin::Stranger,
			}
		};
		let current: Vec<(Origin, &sr25519::Pair)> =
			self.signers.iter().map(|(o, p)| (now(p, *o), p)).collect();
		let wanted = match rng.below(100) {
			0..=44 => Origin::Staff,
			45..=84 => Origin::Person,
			85..=89 => Origin::Removed,
			_ => Origin::Stranger,
		};
		let pool: Vec<_> = current.iter().filter(|(o, _)| *o == wanted).collect();
		let (origin, pair) = if pool.is_empty() { *rng.pick(&current) } else { **rng.pick(&pool) };
		(origin, pair.clone())
	}
}

/// The biased stream that calls are decoded from; `budget` bounds the bytes one call takes.
struct Stream<'a> {
	rng: &'a mut Rng,
	world: &'a World,
	prefix: Vec<u8>,
	budget: usize,
}

const DAY: u64 = 86_400_000;

impl Stream<'_> {
	fn byte(&mut self) -> u8 {
		let r = &mut *self.rng;
		match r.below(100) {
			// Enum variants, booleans, options.
			0..=39 => r.below(4) as u8,
			// Compact-encoded 0..=4 (vector lengths, compact ids).
			40..=69 => 4 * r.below(5) as u8,
			70..=79 => r.below(32) as u8,
			_ => r.next() as u8,
		}
	}
	fn u32(&mut self) -> u32 {
		let r = &mut *self.rng;
		match r.below(100) {
			0..=44 => r.below(6) as u32,
			// Micro-degree coordinates on a 1,000 µdeg (about 110 m) grid near Nanjing.
			45..=59 => {
				if r.chance(50) {
					32_000_000 + 1_000 * r.below(8) as u32
				} else {
					118_780_000 + 1_000 * r.below(8) as u32
				}
			},
			60..=69 => *r.pick(&[10, 100, 1_000, 10_000, 100_000, 320_100, 110_000, 1 << 31]),
			70..=79 => r.below(1_000) as u32,
			_ => r.next() as u32,
		}
	}
	fn u64(&mut self) -> u64 {
		let now = self.world.now;
		let r = &mut *self.rng;
		match r.below(100) {
			0..=39 => {
				let offset = r.below(400 * DAY);
				if r.chance(25) {
					now.saturating_sub(offset / 10)
				} else {
					now + offset
				}
			},
			40..=69 => r.below(8),
			70..=84 => DAY * r.below(400),
			_ => r.next(),
		}
	}
	fn u128(&mut self) -> u128 {
		let r = &mut *self.rng;
		let power = 10u128.pow(r.below(21) as u32);
		match r.below(100) {
			0..=39 => power,
			40..=64 => power * u128::from(r.below(10)),
			65..=84 => u128::from(r.below(1_000)),
			_ => u128::from(r.next()) << r.below(64),
		}
	}
	fn word(&mut self) -> [u8; 32] {
		let w = self.world;
		let r = &mut *self.rng;
		match r.below(100) {
			0..=34 => *r.pick(&w.accounts),
			35..=49 => *r.pick(&w.persons),
			50..=59 => *r.pick(&w.aliases),
			60..=69 => *r.pick(&w.tags),
			70..=79 => *r.pick(&w.salts),
			80..=89 => *r.pick(&w.hashes),
			_ => {
				let mut b = [0u8; 32];
				b.iter_mut().for_each(|x| *x = r.next() as u8);
				b
			},
		}
	}
}

impl Input for Stream<'_> {
	fn remaining_len(&mut self) -> Result<Option<usize>, codec::Error> {
		Ok(None)
	}

	fn read(&mut self, into: &mut [u8]) -> Result<(), codec::Error> {
		if into.len() > self.budget {
			return Err("the call's input is used up".into());
		}
		self.budget -= into.len();
		if into.len() == 1 && !self.prefix.is_empty() {
			into[0] = self.prefix.remove(0);
			return Ok(());
		}
		match into.len() {
			1 => into[0] = self.byte(),
			2 => into.copy_from_slice(
				&(if self.rng.chance(70) { self.rng.below(5) } else { self.rng.next() } as u16)
					.to_le_bytes(),
			),
			4 => into.copy_from_slice(&self.u32().to_le_bytes()),
			8 => into.copy_from_slice(&self.u64().to_le_bytes()),
			16 => into.copy_from_slice(&self.u128().to_le_bytes()),
			32 => into.copy_from_slice(&self.word()),
			_ => into.iter_mut().for_each(|x| *x = self.rng.next() as u8),
		}
		Ok(())
	}
}

/// The pallets whose calls the fuzzer makes, by index, with how many calls to try.
const PALLETS: &[(u8, &str, u8)] = &[
	(0, "System", 12),
	(5, "Consortium", 18),
	(6, "Session", 2),
	(7, "NodeAuthorization", 10),
	(10, "Balances", 10),
	(11, "Settlement", 8),
	(20, "Identity", 24),
	(21, "Licences", 16),
	(22, "Invoices", 21),
	(23, "ProvidentFund", 16),
	(24, "WageEscrow", 14),
	(25, "LandTitles", 17),
];

fn pallet_name(index: u8) -> &'static str {
	PALLETS.iter().find(|(i, _, _)| *i == index).map(|(_, n, _)| *n).unwrap_or("?")
}

/// Root may rewrite any storage (`system.set_storage`, `kill_prefix`, `set_code`…): that is
/// its power, not a fault, so proposals never carry `System` calls other than remarks.
fn acceptable_as_root(call: &RuntimeCall) -> bool {
	match call {
		RuntimeCall::System(c) => matches!(
			c,
			frame_system::Call::remark { .. } | frame_system::Call::remark_with_event { .. }
		),
		RuntimeCall::Consortium(pallet_consortium::Call::propose { .. }) => false,
		_ => true,
	}
}

/// A random call, or `None` if the stream did not decode into one in a few tries.
fn generate(rng: &mut Rng, world: &World, depth: u32) -> Option<RuntimeCall> {
	for _ in 0..32 {
		let (pallet, _, calls) = *rng.pick(PALLETS);
		let index = rng.below(u64::from(calls) + 1) as u8;
		let mut stream = Stream { rng, world, prefix: vec![pallet, index], budget: 4_096 };
		let Ok(mut call) = RuntimeCall::decode_with_depth_limit(8, &mut stream) else {
			continue;
		};
		// Votes mostly go to open proposals (their indexes only grow), and mostly aye, so
		// that majorities form and the consortium executes the proposed calls.
		if let RuntimeCall::Consortium(pallet_consortium::Call::vote { index, aye }) = &mut call {
			let open: Vec<u32> = pallet_consortium::Proposals::<Runtime>::iter_keys().collect();
			if !open.is_empty() && rng.chance(80) {
				*index = *rng.pick(&open);
				*aye = rng.chance(85);
			}
		}
		if let RuntimeCall::Consortium(pallet_consortium::Call::propose { call: inner }) = &mut call
		{
			if depth > 0 {
				continue;
			}
			match generate(rng, world, depth + 1) {
				Some(c) if acceptable_as_root(&c) => **inner = c,
				_ => continue,
			}
		}
		return Some(call);
	}
	None
}

/// Starts block `n` at time `now` as an Aura author does, and applies the timestamp inherent.
fn open_block(n: u32, now: u64) {
	let slot = sp_consensus_aura::Slot::from(now / 6_000);
	let digest = Digest {
		logs: vec![DigestItem::PreRuntime(sp_consensus_aura::AURA_ENGINE_ID, slot.encode())],
	};
	let header =
		Header::new(n, Default::default(), Default::default(), System::parent_hash(), digest);
	Executive::initialize_block(&header);
	let inherent =
		UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set { now }));
	Executive::apply_extrinsic(inherent)
		.expect("the timestamp inherent is valid")
		.expect("the timestamp inherent succeeds");
}

#[derive(Default)]
struct Stats {
	blocks: u32,
	generated: u64,
	undecodable: u64,
	refused: BTreeMap<String, u64>,
	included: u64,
	succeeded: BTreeMap<String, u64>,
	errors: BTreeMap<String, u64>,
	by_origin: BTreeMap<(Origin, bool), u64>,
	executed_proposals: u64,
	max_normal_share: f64,
}

fn error_name(e: &DispatchError) -> String {
	match e {
		DispatchError::Module(m) => {
			format!("{}::{}", pallet_name(m.index), m.message.unwrap_or("?"))
		},
		other => format!("{other:?}"),
	}
}

/// Issuance moved by the block's balance events: (created, destroyed).
fn issuance_events() -> (u128, u128) {
	let (mut up, mut down) = (0u128, 0u128);
	for record in System::events() {
		if let RuntimeEvent::Balances(e) = record.event {
			match e {
				pallet_balances::Event::Minted { amount, .. }
				| pallet_balances::Event::MintedCredit { amount }
				| pallet_balances::Event::Restored { amount, .. }
				| pallet_balances::Event::Issued { amount } => up += amount,
				pallet_balances::Event::Burned { amount, .. }
				| pallet_balances::Event::BurnedHeld { amount, .. }
				| pallet_balances::Event::BurnedDebt { amount }
				| pallet_balances::Event::Suspended { amount, .. }
				| pallet_balances::Event::Rescinded { amount }
				| pallet_balances::Event::DustLost { amount, .. } => down += amount,
				pallet_balances::Event::TotalIssuanceForced { old, new } => {
					up += new;
					down += old;
				},
				_ => {},
			}
		}
	}
	(up, down)
}

fn check_block(stats: &mut Stats) {
	let limits = <Runtime as frame_system::Config>::BlockWeights::get();
	let used = frame_system::BlockWeight::<Runtime>::get();
	for class in [DispatchClass::Normal, DispatchClass::Operational] {
		if let Some(max) = limits.get(class).max_total {
			assert!(
				used.get(class).all_lte(max),
				"{class:?} weight {:?} over its limit {max:?}",
				used.get(class)
			);
		}
	}
	let normal = used.get(DispatchClass::Normal).ref_time() as f64;
	stats.max_normal_share =
		stats.max_normal_share.max(normal / limits.max_block.ref_time() as f64);
	// `pallet_session` charges a whole block for a session rotation (by design, in the
	// mandatory class): only then may the block's total exceed the limit.
	let rotated = System::events().iter().any(|r| {
		matches!(r.event, RuntimeEvent::Session(pallet_session::Event::NewSession { .. }))
	});
	assert!(
		rotated || used.total().all_lte(limits.max_block),
		"block {}: weight {:?} over the limit {:?}",
		System::block_number(),
		used,
		limits.max_block
	);
	check_invariants();
}

fn fuzz(seed: u64, blocks: u32) -> Stats {
	let mut rng = Rng(seed);
	let mut world = World::new();
	let mut stats = Stats::default();
	let mut ext = genesis_ext("local_testnet");
	ext.execute_with(|| {
		// Block 1: the consortium removes an agency, whose staff then keep signing.
		world.now = GENESIS_TIME;
		open_block(1, world.now);
		assert!(carry(RuntimeCall::Consortium(pallet_consortium::Call::remove_agency {
			agency: REMOVED_AGENCY
		}))
		.is_ok());
		seed_state(&world);
		Executive::finalize_block();
		check_block(&mut stats);

		for n in 2..blocks + 2 {
			world.now += match rng.below(100) {
				0..=89 => 6_000,
				90..=97 => 3_600_000,
				_ => DAY * (1 + rng.below(40)),
			};
			let issuance = civitas_runtime::Balances::total_issuance();
			open_block(n, world.now);
			let txs = 1 + rng.below(24);
			let mut log = Vec::new();
			for t in 0..txs {
				stats.generated += 1;
				let Some(call) = generate(&mut rng, &world, 0) else {
					stats.undecodable += 1;
					continue;
				};
				let (origin, pair) = world.signer(&mut rng);
				let account: civitas_runtime::AccountId = pair.public().0.into();
				let nonce = System::account_nonce(&account);
				let nonce = match rng.below(100) {
					0..=2 => nonce.wrapping_add(1),
					3..=5 => nonce.wrapping_sub(1),
					_ => nonce,
				};
				let info = call.get_call_metadata();
				let name = format!("{}.{}", info.pallet_name, info.function_name);
				let tx = signed_tx_by(&pair, nonce, call.clone());
				let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
					Executive::apply_extrinsic(tx)
				}))
				.unwrap_or_else(|_| {
					panic!(
						"seed {seed}, block {n}, transaction {t}: panicked on {call:?} from \
						 {origin:?} (weight {:?})",
						call.get_dispatch_info().call_weight
					)
				});
				match outcome {
					Err(e) => *stats.refused.entry(format!("{e:?}")).or_default() += 1,
					Ok(result) => {
						log.push(format!("{origin:?} {call:?} -> {result:?}"));
						stats.included += 1;
						*stats.by_origin.entry((origin, result.is_ok())).or_default() += 1;
						match result {
							Ok(()) => *stats.succeeded.entry(name).or_default() += 1,
							Err(e) => {
								let key = match e {
									DispatchError::Module(_) | DispatchError::BadOrigin => {
										error_name(&e)
									},
									_ => format!("{} (in {name})", error_name(&e)),
								};
								*stats.errors.entry(key).or_default() += 1
							},
						}
					},
				}
			}
			stats.executed_proposals += System::events()
				.iter()
				.filter(|r| {
					matches!(
						r.event,
						RuntimeEvent::Consortium(pallet_consortium::Event::ProposalExecuted { .. })
					)
				})
				.count() as u64;
			let (up, down) = issuance_events();
			Executive::finalize_block();
			let after = civitas_runtime::Balances::total_issuance();
			assert_eq!(
				after,
				issuance + up - down,
				"seed {seed}, block {n}: issuance moved by other than its events; the block's \
				 transactions:\n{}\nevents: {:?}",
				log.join("\n"),
				System::events()
			);
			check_block(&mut stats);
			stats.blocks += 1;
		}
	});
	stats
}

/// What the fuzzer starts from besides genesis, so that random calls reach past "unknown":
/// eight registered persons (six citizens, two companies) bound to the first eight person
/// keys (four more keys are left for the fuzzer's own registrations), each with a member key
/// and a fund alias bound (real proofs) to one of the alias keys, three licence types
/// (public; private for companies; one requiring the first), and the capabilities the domain
/// calls need, on founding agencies.
fn seed_state(world: &World) {
	use civitas_primitives::{Capability, SubjectKind};
	use frame_support::assert_ok;
	use pallet_civitas_licenses::Prerequisite;
	let person_keys: Vec<_> =
		world.signers.iter().filter(|(o, _)| *o == Origin::Person).map(|(_, p)| p).collect();
	for (i, person) in world.persons.iter().enumerate() {
		let kind = if i < 6 { SubjectKind::Citizen } else { SubjectKind::Company };
		assert_ok!(civitas_runtime::Identity::register_person(
			signed(Alice),
			H256(*person),
			kind,
			person_keys[i].public().0.into(),
			H256::repeat_byte(1),
			false
		));
	}
	for (i, person) in world.persons.iter().enumerate() {
		assert_ok!(civitas_runtime::Identity::set_member_key(
			signed(Alice),
			H256(*person),
			Some(wallet::member(ALIAS_WALLET + i as u8))
		));
	}
	for _ in 0..64 {
		pallet_civitas_aliases::Pallet::<Runtime>::build_step();
	}
	// The alias accounts follow the persons' 12 keys, eight a domain.
	let alias_keys = world.signers.iter().filter(|(o, _)| *o == Origin::Person).skip(12);
	for (n, (_, key)) in alias_keys.enumerate().take(8 * ALIAS_DOMAINS.len()) {
		let domain = ALIAS_DOMAINS[n / 8];
		let tx = wallet::bind_tx(ALIAS_WALLET + (n % 8) as u8, domain, &key.public().0.into(), 0);
		assert_ok!(apply(&tx).expect("a valid binding"));
	}
	let root = civitas_runtime::RuntimeOrigin::root;
	let types: [(u16, bool, Vec<Prerequisite>); 3] = [
		(1, true, vec![]),
		(2, false, vec![Prerequisite::LegalPerson]),
		(3, true, vec![Prerequisite::Licence(1)]),
	];
	for (id, public, prerequisites) in types {
		assert_ok!(civitas_runtime::Licences::register_licence_type(
			root(),
			id,
			b"Fuzz".to_vec().try_into().unwrap(),
			30 * DAY,
			public,
			prerequisites.try_into().unwrap(),
		));
		assert_ok!(civitas_runtime::Consortium::grant_capability(
			root(),
			0,
			Capability::IssueLicence(id)
		));
	}
	for (agency, capability) in [
		(1, Capability::IssueInvoices),
		(1, Capability::IssueFines),
		(1, Capability::DecideAppeals),
		(3, Capability::SuperviseConstruction),
	] {
		assert_ok!(civitas_runtime::Consortium::grant_capability(root(), agency, capability));
	}
	// Four fines, claimed into the fines aliases of the first four persons: a random claim's
	// signature never verifies, so the paths after a claim start from these.
	let fines_keys = world.signers.iter().filter(|(o, _)| *o == Origin::Person).skip(12 + 24);
	for (i, (_, account)) in fines_keys.enumerate().take(4) {
		let claim_key =
			sr25519::Pair::from_string(&format!("//FuzzFine//{i}"), None).expect("derives");
		let bill = pallet_civitas_invoices::NextBillId::<Runtime>::get();
		let due = pallet_timestamp::Now::<Runtime>::get() + 8 * DAY;
		assert_ok!(civitas_runtime::Invoices::issue_fine(
			signed(Bob),
			claim_key.public(),
			1,
			1_000,
			H256::zero(),
			1,
			due
		));
		let holder = wallet::alias(ALIAS_WALLET + i as u8, civitas_primitives::Domain::Fines);
		let message = pallet_civitas_invoices::fine_claim_message(bill, &holder);
		assert_ok!(civitas_runtime::Invoices::claim_fine(
			civitas_runtime::RuntimeOrigin::signed(account.public().0.into()),
			bill,
			claim_key.sign(&message)
		));
	}
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
	std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn random_calls_from_random_origins_keep_every_invariant() {
	let seed = env_or("CIVITAS_FUZZ_SEED", 1u64);
	let blocks = env_or("CIVITAS_FUZZ_BLOCKS", 1_000u32);
	let started = std::time::Instant::now();
	let stats = fuzz(seed, blocks);
	let elapsed = started.elapsed().as_secs_f64();

	println!("fuzz: seed {seed}, {} blocks in {elapsed:.1} s", stats.blocks);
	println!(
		"  calls generated {}, undecodable {}, refused by validation {}, included {}",
		stats.generated,
		stats.undecodable,
		stats.refused.values().sum::<u64>(),
		stats.included
	);
	for (reason, n) in &stats.refused {
		println!("  refused {n:>6}  {reason}");
	}
	for ((origin, ok), n) in &stats.by_origin {
		println!("  {origin:?} {} {n}", if *ok { "succeeded" } else { "failed" });
	}
	println!(
		"  proposals executed {}, highest normal-class block share {:.1} %",
		stats.executed_proposals,
		100.0 * stats.max_normal_share
	);
	println!("  {} distinct calls succeeded:", stats.succeeded.len());
	for (call, n) in &stats.succeeded {
		println!("    {n:>6}  {call}");
	}
	println!("  {} distinct errors reached:", stats.errors.len());
	for (error, n) in &stats.errors {
		println!("    {n:>6}  {error}");
	}

	// The run reached past validation and dispatch into the pallets' own logic.
	assert!(stats.included > 0 && !stats.succeeded.is_empty());
	assert!(stats.errors.keys().any(|e| e.starts_with("Identity::")));
}
