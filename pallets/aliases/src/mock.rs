//! A test runtime with the aliases pallet on the real scheme (Bandersnatch ring VRF, rings of
//! up to four members built two a block); admission and time are mocks.

use crate as pallet_aliases;
use crate::bandersnatch::{Chunks, Context, Crypto, Domain11};
use civitas_primitives::{AliasAdmission, Domain, MemberKey, Moment, SubjectKind};
use frame_support::{derive_impl, traits::Time};
use sp_runtime::{BuildStorage, DispatchResult};
use std::{cell::RefCell, collections::BTreeMap};
use verifiable::GenerateVerifiable;

pub type AccountId = u64;
type Block = frame_system::mocking::MockBlock<Test>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Aliases = pallet_aliases;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
}

/// Staff of an agency: admitted, never bindable.
pub const STAFF: AccountId = 1;
/// Bindings last a minute after their root is replaced.
pub const GRACE: Moment = 60_000;
/// An alias moves to a new account at most once an hour.
pub const ROTATION: Moment = 3_600_000;

thread_local! {
	static NOW: RefCell<Moment> = const { RefCell::new(1_800_000_000_000) };
	/// Admitted accounts: `None` for staff, the kind for alias accounts.
	static ADMITTED: RefCell<BTreeMap<AccountId, Option<SubjectKind>>> =
		RefCell::new(BTreeMap::from([(STAFF, None)]));
}

pub struct Now;
impl Time for Now {
	type Moment = Moment;
	fn now() -> Moment {
		NOW.with(|n| *n.borrow())
	}
}

/// Moves the clock on by `ms`.
pub fn advance(ms: Moment) {
	NOW.with(|n| *n.borrow_mut() += ms);
}

pub struct Admission;
impl AliasAdmission<AccountId> for Admission {
	fn is_admitted(who: &AccountId) -> bool {
		ADMITTED.with(|a| a.borrow().contains_key(who))
	}
	fn admit_alias(who: &AccountId, kind: SubjectKind) -> DispatchResult {
		ADMITTED.with(|a| a.borrow_mut().insert(*who, Some(kind)));
		Ok(())
	}
	fn release_alias(who: &AccountId) {
		ADMITTED.with(|a| {
			let mut a = a.borrow_mut();
			if matches!(a.get(who), Some(Some(_))) {
				a.remove(who);
			}
		});
	}
}

/// The kind `who` is admitted as an alias account of, if it is one.
pub fn admitted_alias(who: AccountId) -> Option<SubjectKind> {
	ADMITTED.with(|a| a.borrow().get(&who).copied().flatten())
}

frame_support::parameter_types! {
	pub const MaxRingSize: u32 = 4;
	pub const MaxProofLen: u32 = 1024;
	pub const RebindGrace: Moment = GRACE;
	pub const RotationInterval: Moment = ROTATION;
	pub const MembersPerStep: u32 = 2;
}

impl pallet_aliases::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Crypto = Crypto;
	type RingConfig = Domain11;
	type Chunks = Chunks;
	type Context = Context;
	type Admission = Admission;
	type Time = Now;
	type MaxRingSize = MaxRingSize;
	type MaxProofLen = MaxProofLen;
	type RebindGrace = RebindGrace;
	type RotationInterval = RotationInterval;
	type MembersPerStep = MembersPerStep;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Prover;
}

/// A person's wallet: its secret, from a seed.
pub fn secret(seed: u8) -> <Crypto as GenerateVerifiable>::Secret {
	Crypto::new_secret([seed; 32])
}

/// The member key of person `seed`.
pub fn member(seed: u8) -> MemberKey {
	Crypto::member_from_secret(&secret(seed))
}

/// The alias of person `seed` in `domain`, as its wallet computes it.
pub fn alias(seed: u8, domain: Domain) -> civitas_primitives::Alias {
	Crypto::alias_in_context(&secret(seed), domain.context()).expect("an alias").into()
}

/// What a wallet does to bind `account`: opens a proof over `keys` (the root's, in order) and
/// creates it in `domain`'s context over the binding message; the encoded proof.
pub fn prove(
	seed: u8,
	keys: &[MemberKey],
	domain: Domain,
	account: AccountId,
	ring: crate::RingIndex,
	revision: crate::Revision,
	nonce: u32,
) -> crate::ProofOf<Test> {
	let message = crate::bind_message(domain, &account, ring, revision, nonce);
	wallet_proof(&secret(seed), keys, domain.context(), &message)
		.try_into()
		.expect("within MaxProofLen")
}

/// A wallet's proof with `secret` (one of `keys`, in that order) in `context` over `message`,
/// encoded.
fn wallet_proof(
	secret: &<Crypto as GenerateVerifiable>::Secret,
	keys: &[MemberKey],
	context: &[u8],
	message: &[u8],
) -> Vec<u8> {
	use codec::Encode;
	let member = Crypto::member_from_secret(secret);
	let commitment =
		Crypto::open(Domain11::get(), &member, keys.iter().copied()).expect("a member of the ring");
	Crypto::create(commitment, secret, context, message).expect("a proof").0.encode()
}

use frame_support::traits::Get;

/// The benchmarks' prover: member keys and proofs of the same wallets.
#[cfg(feature = "runtime-benchmarks")]
pub struct Prover;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper for Prover {
	fn prove(seed: u32, members: &[MemberKey], context: &[u8], message: &[u8]) -> Vec<u8> {
		wallet_proof(&Crypto::new_secret(seed_bytes(seed)), members, context, message)
	}
	fn advance_time(ms: Moment) {
		advance(ms);
	}
}

#[cfg(feature = "runtime-benchmarks")]
fn seed_bytes(seed: u32) -> [u8; 32] {
	let mut bytes = [0u8; 32];
	bytes[..4].copy_from_slice(&seed.to_le_bytes());
	bytes
}

#[derive(Default)]
pub struct ExtBuilder;

impl ExtBuilder {
	pub fn build(self) -> sp_io::TestExternalities {
		let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		let mut ext: sp_io::TestExternalities = storage.into();
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Runs `test`, then checks the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Aliases::do_try_state().expect("invariants hold");
		});
	}
}

/// The benchmark test suite's externalities.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_test_ext() -> sp_io::TestExternalities {
	ExtBuilder.build()
}
