//! Aliases: rings of living persons' member keys and the domain aliases bound by ring-VRF
//! proofs (`docs/privacy.md`).

use civitas_primitives::Moment;
use frame_support::traits::ConstU32;
use pallet_civitas_aliases::bandersnatch::{Chunks, Context, Crypto, Domain11, MAX_RING_SIZE};

use crate::{Consortium, Runtime, RuntimeEvent, Timestamp};

/// A day, in milliseconds.
const DAY: Moment = 24 * 60 * 60 * 1000;

frame_support::parameter_types! {
	/// A ring holds the most members the 2^11 ring domain does: an alias hides among 255.
	pub const MaxRingSize: u32 = MAX_RING_SIZE;
	/// Two weeks for wallets to bind again to a ring's new root; also how long the aliases of a
	/// person who died, emigrated or was erased outlive its registrar's record of it.
	pub const RebindGrace: Moment = 14 * DAY;
	/// An alias moves to a new account at most once a day.
	pub const RotationInterval: Moment = DAY;
	/// A block pushes at most 32 member keys into a root being built (a full ring's root is
	/// built in eight blocks; `build_step` is benchmarked up to 64).
	pub const MembersPerStep: u32 = 32;
}

impl pallet_civitas_aliases::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Crypto = Crypto;
	type RingConfig = Domain11;
	type Chunks = Chunks;
	type Context = Context;
	/// Alias accounts are admitted by the consortium's transaction extension, with the quota
	/// and call policy of enrolled accounts.
	type Admission = Consortium;
	type Time = Timestamp;
	type MaxRingSize = MaxRingSize;
	/// An encoded Bandersnatch ring proof is under 800 bytes.
	type MaxProofLen = ConstU32<1024>;
	type RebindGrace = RebindGrace;
	type RotationInterval = RotationInterval;
	type MembersPerStep = MembersPerStep;
	type WeightInfo = pallet_civitas_aliases::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::Prover;
}

/// The benchmarks' prover: the wallet's side, in the benchmark runtime only (`verifiable`'s
/// no-std prover, with deterministic blinding).
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks {
	use alloc::vec::Vec;
	use civitas_primitives::MemberKey;
	use codec::Encode;
	use frame_support::traits::Get;
	use pallet_civitas_aliases::bandersnatch::{Crypto, Domain11};
	use verifiable::GenerateVerifiable;

	/// Makes ring proofs for benchmark set-ups.
	pub struct Prover;

	impl pallet_civitas_aliases::BenchmarkHelper for Prover {
		fn prove(seed: u32, members: &[MemberKey], context: &[u8], message: &[u8]) -> Vec<u8> {
			let mut entropy = [0u8; 32];
			entropy[..4].copy_from_slice(&seed.to_le_bytes());
			let secret = Crypto::new_secret(entropy);
			let member = Crypto::member_from_secret(&secret);
			let commitment = Crypto::open(Domain11::get(), &member, members.iter().copied())
				.expect("the benchmark's member is in the ring");
			Crypto::create(commitment, &secret, context, message).expect("a proof").0.encode()
		}

		fn advance_time(ms: civitas_primitives::Moment) {
			pallet_timestamp::Now::<crate::Runtime>::mutate(|now| *now = now.saturating_add(ms));
		}
	}

	// Ring proofs are blinded with randomness from `getrandom`, which has no source in wasm:
	// a counter stands in (benchmark runtimes only; a production runtime has no prover).
	getrandom::register_custom_getrandom!(counter_entropy);

	fn counter_entropy(dest: &mut [u8]) -> Result<(), getrandom::Error> {
		use core::sync::atomic::{AtomicU64, Ordering};
		static COUNTER: AtomicU64 = AtomicU64::new(0);
		for chunk in dest.chunks_mut(8) {
			let word = COUNTER.fetch_add(1, Ordering::Relaxed).wrapping_mul(0x9E37_79B9_7F4A_7C15);
			let bytes = word.to_le_bytes();
			chunk.copy_from_slice(bytes.get(..chunk.len()).unwrap_or_default());
		}
		Ok(())
	}
}
