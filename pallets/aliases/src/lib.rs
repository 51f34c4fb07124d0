//! # Aliases pallet
//!
//! Domain aliases: a person acts in each domain (licences, invoices, fines, titles, fund,
//! wages, consents) under an alias that nobody, its registrar included, can tie to its id or to
//! its aliases in other domains, while the chain knows that the alias belongs to a registered,
//! living person. The cryptography is polkadot-sdk's `verifiable` crate (ring-VRF proofs on
//! Bandersnatch), the same as `pallet-people`'s; the design is `docs/privacy.md`.
//!
//! ## Terminology
//! - **Member key**: a person's ring-VRF public key, made by its wallet. The registrar adds it
//!   to a ring with the registration and removes it on death, emigration or erasure (the
//!   identity pallet, through [`PersonRings`]). It is public and tied to the person's id:
//!   proofs made with it do not tell which member made them.
//! - **Ring**: up to `MaxRingSize` member keys of persons of one kind (natural or legal). Its
//!   **root**, the members' commitment that proofs are verified against, is rebuilt by the chain
//!   a few members per block after the ring changed: a new **revision** each time.
//! - **Alias**: the ring-VRF output of a person's secret in a domain's context
//!   ([`Domain::context`]): the same for every proof of that person in that domain, unlinkable
//!   across domains and to the member key.
//! - **Binding**: the account an alias acts through, set by a proof ([`Pallet::bind`]). The
//!   account is admitted to transact as an alias account (the consortium, through
//!   [`AliasAdmission`]); domain pallets ask [`Aliases::alias_of`] who the signer is.
//!
//! ## Binding an alias
//! The wallet reads the ring's current root (`Roots`: the member keys in order), opens a proof
//! over them, and creates it in the domain's context over [`bind_message`]: the domain, the
//! account, the ring, the revision and the binding's number (0 for the first, one more each
//! time). Anyone submits [`Pallet::bind`] unsigned: the proof is the authorisation. The chain
//! verifies it once (not per call) and learns only the alias. Then either:
//! - **the account is the alias's own** (a *refresh*): the binding moves to the newer root,
//!   and the account, its admission and its balance stay. Wallets refresh after each revision
//!   of their ring (see Liveness); a refresh against the root the binding already has is
//!   refused (`AlreadyBound`);
//! - **the account is new** (the first binding, or a *rotation* to a new key, without the
//!   registrar): it must be fresh (never admitted, nonce zero), so that no earlier use of a
//!   key ties the alias to anything; it is admitted, and the alias's previous account is
//!   released. A rotation comes no sooner than `RotationInterval` after the alias was bound to
//!   its current account (`TooSoon`): each new account stays in state for good (its nonce must
//!   never go back), so a free, unsigned call must not mint them at will.
//!
//! ## Liveness
//! A binding holds while the root it was proven against is the ring's latest, and for
//! `RebindGrace` after a newer revision replaced it; within that time the ring's other members
//! bind again (their wallets do it unasked), and a removed member cannot. So death, emigration
//! and erasure end a person's aliases at most `RebindGrace` after the registrar records them.
//!
//! ## Who can learn what
//! - **Anyone** sees the rings (member keys, which the identity pallet ties to person ids), the
//!   roots, and each binding: alias, account, ring, revision, kind. The ring is an alias's
//!   anonymity set: it is one of that ring's members (at most `MaxRingSize`), no more. Nothing ties an alias to a
//!   member key or to another alias: a proof reveals only the alias.
//! - The timing of a person's registration and of its first bindings can narrow who an alias
//!   is: rings change a batch at a time (every change since the last root goes into the next),
//!   and wallets should bind at times of their own choosing.
//!
//! ## Calls
//! - Anyone, with a proof (unsigned): [`Pallet::bind`].
//! - An alias account: [`Pallet::unbind`].
//! - The identity pallet: [`PersonRings::join`], [`PersonRings::leave`].
//!
//! ## Erasure
//! The pallet never holds a person id. Erasure removes the member key from its ring (the
//! identity pallet calls [`PersonRings::leave`]); the person's bindings end with the grace
//! period and stay as unlinkable records.

#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(
	not(test),
	deny(
		clippy::unwrap_used,
		clippy::indexing_slicing,
		clippy::arithmetic_side_effects,
		clippy::panic
	)
)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use civitas_primitives::{
	Alias, AliasAdmission, Aliases, Domain, MemberKey, Moment, PersonRings, SubjectKind,
};
use codec::DecodeAll;
use core::ops::Range;
use frame_support::{
	pallet_prelude::*,
	traits::{Get, Time},
	weights::WeightMeter,
};
use frame_system::pallet_prelude::*;
use sp_runtime::traits::Zero;
use verifiable::GenerateVerifiable;

/// Where ring building finds the static chunks (for ring VRF: points of the scheme's setup).
pub trait StaticChunks<Chunk> {
	/// The chunks at `range`; an error when the range is out of the setup. (`Result<_, ()>`:
	/// the shape `verifiable::GenerateVerifiable::push_members` asks of its lookup.)
	#[allow(clippy::result_unit_err)]
	fn lookup(range: Range<usize>) -> Result<Vec<Chunk>, ()>;
}

/// Builds, uncached, what verifying a proof needs besides the root (for ring VRF: the ring's
/// context, which the scheme builds once per runtime instance, so once per block and once per
/// transaction the pool validates). Only the benchmarks call it: `bind` is weighed with it, and
/// the benchmark runtime's prover keeps a context of its own that would hide its cost.
pub trait VerifierContext {
	/// Builds the context and drops it.
	fn build();
}

/// Makes proofs for the benchmarks (the prover is not in the runtime itself). The person
/// `seed`'s member key is [`PersonRings::benchmark_member`]`(seed)`: its secret is made from
/// the entropy of `seed`'s little-endian bytes, zero-padded.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper {
	/// A proof of person `seed` (one of `members`, in that order) in `context` over `message`,
	/// encoded.
	fn prove(seed: u32, members: &[MemberKey], context: &[u8], message: &[u8]) -> Vec<u8>;
	/// Moves the clock (`Config::Time`) on by `ms`.
	fn advance_time(ms: Moment);
}

/// The scheme the runtime uses: Bandersnatch ring VRF (`verifiable`), rings of up to 255
/// members (the 2^11 domain), the static chunks from the setup embedded in `verifiable`.
#[cfg(feature = "bandersnatch")]
pub mod bandersnatch {
	use super::*;
	use verifiable::ring::{
		ark_vrf::{
			reexports::ark_serialize::CanonicalDeserialize,
			ring::{RingBuilderPcsParams, SrsLookup},
		},
		bandersnatch::{BandersnatchSha512Ell2, BandersnatchVrfVerifiable},
		RingDomainSize, StaticChunk,
	};

	/// The ring-builder parameters of the 2^11 domain: the setup's points in the Lagrange
	/// basis, as `verifiable` 0.4.1 ships them (`src/ring/data/bls12-381/
	/// ring-builder-params-domain11.bin`, 49,160 bytes; a test checks they are the same).
	/// Copied so that only these are in the runtime: `verifiable`'s own lookup chooses the
	/// domain at run time and so links all three domains' parameters (1.7 MB).
	pub const BUILDER_PARAMS: &[u8] = include_bytes!("../data/ring-builder-params-domain11.bin");

	/// The scheme.
	pub type Crypto = BandersnatchVrfVerifiable;

	/// Most members a ring of the 2^11 domain holds.
	pub const MAX_RING_SIZE: u32 = 255;

	/// The ring domain: 2^11.
	pub struct Domain11;
	impl Get<RingDomainSize> for Domain11 {
		fn get() -> RingDomainSize {
			RingDomainSize::Domain11
		}
	}

	/// The verifier's ring context of the 2^11 domain.
	pub struct Context;
	impl VerifierContext for Context {
		fn build() {
			let context = verifiable::ring::make_ring_context::<BandersnatchSha512Ell2>(
				RingDomainSize::Domain11,
			);
			core::hint::black_box(&context);
		}
	}

	/// The setup's points, from [`BUILDER_PARAMS`].
	pub struct Chunks;
	impl StaticChunks<StaticChunk<BandersnatchSha512Ell2>> for Chunks {
		fn lookup(range: Range<usize>) -> Result<Vec<StaticChunk<BandersnatchSha512Ell2>>, ()> {
			let params =
				RingBuilderPcsParams::<BandersnatchSha512Ell2>::deserialize_uncompressed_unchecked(
					BUILDER_PARAMS,
				)
				.map_err(|_| ())?;
			(&params)
				.lookup(range)
				.map(|points| points.into_iter().map(StaticChunk).collect())
				.ok_or(())
		}
	}
}

/// The commitment type of a runtime's scheme.
pub type CommitmentOf<T> = <<T as Config>::Crypto as GenerateVerifiable>::Members;
/// The intermediate (a root being built) of a runtime's scheme.
pub type IntermediateOf<T> = <<T as Config>::Crypto as GenerateVerifiable>::Intermediate;
/// A ring of a runtime.
pub type RingOf<T> = Ring<<T as Config>::MaxRingSize>;
/// A root of a runtime.
pub type RootOf<T> = Root<CommitmentOf<T>, <T as Config>::MaxRingSize>;
/// A build of a runtime.
pub type BuildOf<T> = Build<IntermediateOf<T>, <T as Config>::MaxRingSize>;
/// A proof, as a call carries it (decoded into the scheme's proof by the call).
pub type ProofOf<T> = BoundedVec<u8, <T as Config>::MaxProofLen>;
/// What a binding's checks find: the alias, the kind of its ring and its previous binding.
type CheckedBind<T> = (Alias, SubjectKind, Option<Binding<<T as frame_system::Config>::AccountId>>);

#[frame_support::pallet]
pub mod pallet {
	use super::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// The ring-VRF scheme (Bandersnatch in the runtime).
		type Crypto: GenerateVerifiable<Member = MemberKey>;

		/// The scheme's configuration (for Bandersnatch: the ring's domain size).
		type RingConfig: Get<<Self::Crypto as GenerateVerifiable>::Config>;

		/// The static chunks ring building looks up.
		type Chunks: StaticChunks<<Self::Crypto as GenerateVerifiable>::StaticChunk>;

		/// What verifying builds once per runtime instance (weighed into `bind`).
		type Context: VerifierContext;

		/// Admits the accounts aliases are bound to.
		type Admission: AliasAdmission<Self::AccountId>;

		/// The current time (ms since the Unix epoch).
		type Time: Time<Moment = Moment>;

		/// Most member keys in a ring: its anonymity set, at most what the scheme's ring holds.
		/// Bounds `Rings`, `Roots` and `Building`.
		#[pallet::constant]
		type MaxRingSize: Get<u32>;

		/// Longest encoded proof a call carries.
		#[pallet::constant]
		type MaxProofLen: Get<u32>;

		/// How long (ms) bindings proven against a superseded root stay live.
		#[pallet::constant]
		type RebindGrace: Get<Moment>;

		/// Least time (ms) between moving an alias to one new account and to the next.
		#[pallet::constant]
		type RotationInterval: Get<Moment>;

		/// Most member keys a block pushes into a root being built.
		#[pallet::constant]
		type MembersPerStep: Get<u32>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;

		/// Makes member keys and proofs for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper;
	}

	/// The rings.
	#[pallet::storage]
	pub type Rings<T: Config> = StorageMap<_, Twox64Concat, RingIndex, RingOf<T>>;

	/// The index the next ring gets.
	#[pallet::storage]
	pub type NextRing<T: Config> = StorageValue<_, RingIndex, ValueQuery>;

	/// The ring new members of each kind join (until it is full).
	#[pallet::storage]
	pub type OpenRing<T: Config> = StorageMap<_, Twox64Concat, SubjectKind, RingIndex>;

	/// The ring of each member key.
	#[pallet::storage]
	pub type MemberRing<T: Config> = StorageMap<_, Blake2_128Concat, MemberKey, RingIndex>;

	/// Built roots, by ring and revision: the latest of each ring, and the ones it replaced
	/// less than `RebindGrace` ago.
	#[pallet::storage]
	pub type Roots<T: Config> =
		StorageDoubleMap<_, Twox64Concat, RingIndex, Twox64Concat, Revision, RootOf<T>>;

	/// The roots in [`Roots`], each with when a newer revision replaced it (none: the ring's
	/// latest). Bindings proven against a replaced root stay live until `RebindGrace` after.
	/// Kept apart from the roots so that telling a binding live (every domain call asks)
	/// reads a few bytes, not a commitment whose curve points cost a millisecond to decode.
	#[pallet::storage]
	pub type RootLives<T: Config> =
		StorageDoubleMap<_, Twox64Concat, RingIndex, Twox64Concat, Revision, Option<Moment>>;

	/// Rings whose members changed since their latest root began: to be built again.
	#[pallet::storage]
	pub type Stale<T: Config> = StorageMap<_, Twox64Concat, RingIndex, ()>;

	/// The root being built, if any (one at a time).
	#[pallet::storage]
	pub type Building<T: Config> = StorageValue<_, BuildOf<T>>;

	/// Bindings, by domain and alias.
	#[pallet::storage]
	pub type Bindings<T: Config> =
		StorageDoubleMap<_, Twox64Concat, Domain, Blake2_128Concat, Alias, Binding<T::AccountId>>;

	/// The domain and alias each bound account acts for.
	#[pallet::storage]
	pub type BoundTo<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, (Domain, Alias)>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A member key joined a ring (it is in the ring's next root).
		MemberJoined { ring: RingIndex, member: MemberKey },
		/// A member key left its ring (it is not in the ring's next root).
		MemberLeft { ring: RingIndex, member: MemberKey },
		/// A ring's new root is built: proofs are made against this revision from now on.
		RingRevised { ring: RingIndex, revision: Revision, members: u32 },
		/// A ring's root could not be built (a broken setup); the previous root stays.
		RingBuildFailed { ring: RingIndex },
		/// An alias was bound to an account (replacing its previous account, if any).
		AliasBound {
			domain: Domain,
			alias: Alias,
			account: T::AccountId,
			ring: RingIndex,
			revision: Revision,
		},
		/// An alias's account was released by its holder.
		AliasUnbound { domain: Domain, alias: Alias, account: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No such ring.
		UnknownRing,
		/// The root named is not live: unknown, or superseded more than `RebindGrace` ago.
		StaleRoot,
		/// The account is already admitted (staff, enrolled or bound to an alias).
		AccountInUse,
		/// The account has transacted before: bind a fresh key.
		AccountUsed,
		/// The proof does not decode, or is not a proof of a member of the root for this
		/// domain and message.
		BadProof,
		/// The proof names a binding number other than the alias's next one.
		WrongNonce,
		/// The alias is bound to this account against this root already.
		AlreadyBound,
		/// The alias moved to its current account less than `RotationInterval` ago.
		TooSoon,
		/// The signer is not bound to an alias.
		NotBound,
		/// The member key is not a valid key of the scheme.
		InvalidMember,
		/// The member key is already in a ring.
		MemberKnown,
		/// The member key is in no ring.
		UnknownMember,
		/// No ring can take a member: only when `MaxRingSize` is zero, which `integrity_test`
		/// refuses.
		RingsFull,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_poll(_n: BlockNumberFor<T>, meter: &mut WeightMeter) {
			if Building::<T>::exists() || Stale::<T>::iter_keys().next().is_some() {
				if meter.try_consume(T::WeightInfo::build_step(T::MembersPerStep::get())).is_ok() {
					Self::build_step();
				}
			} else {
				meter.consume(T::DbWeight::get().reads(2));
			}
		}

		fn integrity_test() {
			assert!(T::MaxRingSize::get() > 0, "rings hold no member");
			assert!(T::MembersPerStep::get() > 0, "ring building never advances");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Binds `account` to the alias `proof` proves, in `domain`: a ring-VRF proof of a
		/// member of root `revision` of `ring`, in the domain's context, over
		/// [`bind_message`]`(domain, account, ring, revision, nonce)`. Unsigned: the proof is
		/// the authorisation. When `account` is the alias's own, the binding moves to this root
		/// (a refresh); otherwise the account is admitted as an alias account and the alias's
		/// previous account, if any, is released (see "Binding an alias").
		///
		/// ## Errors
		/// `UnknownRing`, `StaleRoot`, `BadProof`, `WrongNonce`, `AlreadyBound`, `AccountInUse`,
		/// `AccountUsed`, `TooSoon`.
		///
		/// ## Events
		/// `AliasBound`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::bind().saturating_add(T::WeightInfo::verifier_context()))]
		pub fn bind(
			origin: OriginFor<T>,
			domain: Domain,
			account: T::AccountId,
			ring: RingIndex,
			revision: Revision,
			nonce: u32,
			proof: ProofOf<T>,
		) -> DispatchResult {
			ensure_none(origin)?;
			let (alias, kind, previous) =
				Self::check_bind(domain, &account, ring, revision, nonce, &proof)?;
			let now = T::Time::now();
			let since = match previous {
				// A refresh: the account, its admission and `BoundTo` stay.
				Some(b) if b.account.as_ref() == Some(&account) => b.since,
				previous => {
					T::Admission::admit_alias(&account, kind)?;
					if let Some(old) = previous.and_then(|b| b.account) {
						BoundTo::<T>::remove(&old);
						T::Admission::release_alias(&old);
					}
					BoundTo::<T>::insert(&account, (domain, alias));
					now
				},
			};
			Bindings::<T>::insert(
				domain,
				alias,
				Binding { account: Some(account.clone()), kind, ring, revision, nonce, since },
			);
			Self::deposit_event(Event::AliasBound { domain, alias, account, ring, revision });
			Ok(())
		}

		/// Releases the signer, an alias account: it is no longer admitted, and the alias has
		/// no account until it is bound again.
		///
		/// ## Errors
		/// `NotBound`.
		///
		/// ## Events
		/// `AliasUnbound`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::unbind())]
		pub fn unbind(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (domain, alias) = BoundTo::<T>::take(&who).ok_or(Error::<T>::NotBound)?;
			Bindings::<T>::mutate(domain, alias, |b| {
				if let Some(b) = b {
					b.account = None;
				}
			});
			T::Admission::release_alias(&who);
			Self::deposit_event(Event::AliasUnbound { domain, alias, account: who });
			Ok(())
		}
	}

	// `ValidateUnsigned` (deprecated upstream in favour of `#[pallet::authorize]`) because a
	// binding must be a bare extrinsic that stock clients build: `#[pallet::authorize]` calls
	// come as general transactions, which @polkadot/api 16 does not make.
	#[allow(deprecated)]
	#[pallet::validate_unsigned]
	impl<T: Config> ValidateUnsigned for Pallet<T> {
		type Call = Call<T>;

		/// A binding is valid in the pool when its proof verifies (the same checks as the
		/// call). It provides its alias and number, so that one proof is included once.
		fn validate_unsigned(_source: TransactionSource, call: &Self::Call) -> TransactionValidity {
			let Call::bind { domain, account, ring, revision, nonce, proof } = call else {
				return InvalidTransaction::Call.into();
			};
			let (alias, _, _) = Self::check_bind(*domain, account, *ring, *revision, *nonce, proof)
				.map_err(|e| match e {
					Error::<T>::BadProof => InvalidTransaction::BadProof,
					Error::<T>::WrongNonce
					| Error::<T>::StaleRoot
					| Error::<T>::UnknownRing
					| Error::<T>::AlreadyBound => InvalidTransaction::Stale,
					Error::<T>::TooSoon => InvalidTransaction::Custom(
						civitas_primitives::invalid_tx::ROTATION_TOO_SOON,
					),
					_ => InvalidTransaction::Custom(civitas_primitives::invalid_tx::ACCOUNT_TAKEN),
				})?;
			ValidTransaction::with_tag_prefix("CivitasAliasBind")
				.and_provides((domain, alias, nonce))
				.longevity(64)
				.propagate(true)
				.build()
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// The latest root of `ring`: its revision and its member keys in the order a prover
		/// opens them. A wallet proves against it.
		pub fn current_root(ring: RingIndex) -> Option<(Revision, Vec<MemberKey>)> {
			let revision = Rings::<T>::get(ring)?.revision;
			Roots::<T>::get(ring, revision).map(|root| (revision, root.keys.into_inner()))
		}

		/// The ring of a member key, if any.
		pub fn ring_of(member: MemberKey) -> Option<RingIndex> {
			MemberRing::<T>::get(member)
		}

		/// Whether `alias` is live in `domain`, and its binding.
		pub fn binding(domain: Domain, alias: Alias) -> Option<(bool, Binding<T::AccountId>)> {
			Bindings::<T>::get(domain, alias).map(|b| (Self::is_live(b.ring, b.revision), b))
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The checks of a binding: the root, the proof (which names the alias), then the alias's
	/// binding and the account. The alias, the kind of its ring and its previous binding.
	fn check_bind(
		domain: Domain,
		account: &T::AccountId,
		ring: RingIndex,
		revision: Revision,
		nonce: u32,
		proof: &[u8],
	) -> Result<CheckedBind<T>, Error<T>> {
		let kind = Rings::<T>::get(ring).ok_or(Error::<T>::UnknownRing)?.kind;
		ensure!(Self::is_live(ring, revision), Error::<T>::StaleRoot);
		let root = Roots::<T>::get(ring, revision).ok_or(Error::<T>::StaleRoot)?;
		let now = T::Time::now();
		let proof =
			<<T::Crypto as GenerateVerifiable>::Proof as DecodeAll>::decode_all(&mut &proof[..])
				.map_err(|_| Error::<T>::BadProof)?;
		let message = bind_message(domain, account, ring, revision, nonce);
		let alias = T::Crypto::validate(
			T::RingConfig::get(),
			&proof,
			&root.commitment,
			domain.context(),
			&message,
		)
		.map_err(|_| Error::<T>::BadProof)?;
		let alias = Alias::from(alias);
		let previous = Bindings::<T>::get(domain, alias);
		let next = previous.as_ref().map_or(0, |b| b.nonce.saturating_add(1));
		ensure!(nonce == next, Error::<T>::WrongNonce);
		match &previous {
			Some(b) if b.account.as_ref() == Some(account) => {
				ensure!((b.ring, b.revision) != (ring, revision), Error::<T>::AlreadyBound);
			},
			_ => {
				ensure!(!T::Admission::is_admitted(account), Error::<T>::AccountInUse);
				ensure!(
					frame_system::Pallet::<T>::account_nonce(account).is_zero(),
					Error::<T>::AccountUsed
				);
				if let Some(b) = &previous {
					ensure!(
						now >= b.since.saturating_add(T::RotationInterval::get()),
						Error::<T>::TooSoon
					);
				}
			},
		}
		Ok((alias, kind, previous))
	}

	/// Whether a root replaced at `superseded` (none: not replaced) is live at `now`.
	fn root_is_live(superseded: Option<Moment>, now: Moment) -> bool {
		superseded.is_none_or(|at| now < at.saturating_add(T::RebindGrace::get()))
	}

	/// Whether root `revision` of `ring` is live.
	pub fn is_live(ring: RingIndex, revision: Revision) -> bool {
		RootLives::<T>::get(ring, revision)
			.is_some_and(|superseded| Self::root_is_live(superseded, T::Time::now()))
	}

	/// The live binding of `alias` in `domain`.
	fn live_binding(domain: Domain, alias: &Alias) -> Option<Binding<T::AccountId>> {
		Bindings::<T>::get(domain, alias).filter(|b| Self::is_live(b.ring, b.revision))
	}

	/// One step of ring building: starts the build of a stale ring when none is under way,
	/// pushes up to `MembersPerStep` member keys, and finishes the root when all are in.
	pub fn build_step() {
		let build = match Building::<T>::get() {
			Some(build) => build,
			None => {
				let Some(ring) = Stale::<T>::iter_keys().next() else { return };
				Stale::<T>::remove(ring);
				let Some(info) = Rings::<T>::get(ring) else { return };
				Build {
					ring,
					keys: info.members,
					pushed: 0,
					intermediate: T::Crypto::start_members(T::RingConfig::get()),
				}
			},
		};
		let Build { ring, keys, pushed, mut intermediate } = build;
		let from = pushed as usize;
		let to = from.saturating_add(T::MembersPerStep::get() as usize).min(keys.len());
		let batch = keys.get(from..to).unwrap_or_default();
		if T::Crypto::push_members(&mut intermediate, batch.iter().copied(), T::Chunks::lookup)
			.is_err()
		{
			// `join` admits only valid keys and the chunks are the scheme's own: this is a
			// broken setup. Keep the previous root, and say so.
			log::error!(target: "civitas::aliases", "ring {ring}: building its root failed");
			Building::<T>::kill();
			Self::deposit_event(Event::RingBuildFailed { ring });
			return;
		}
		if to < keys.len() {
			Building::<T>::put(Build { ring, keys, pushed: to as u32, intermediate });
			return;
		}
		Building::<T>::kill();
		let commitment = T::Crypto::finish_members(intermediate);
		let now = T::Time::now();
		let Some(info) = Rings::<T>::get(ring) else { return };
		let revision = info.revision.saturating_add(1);
		// The superseded root stays live for the grace period; older ones past it go.
		if RootLives::<T>::contains_key(ring, info.revision) {
			RootLives::<T>::insert(ring, info.revision, Some(now));
		}
		let expired: Vec<Revision> = RootLives::<T>::iter_prefix(ring)
			.filter(|(_, superseded)| !Self::root_is_live(*superseded, now))
			.map(|(r, _)| r)
			.collect();
		for r in expired {
			Roots::<T>::remove(ring, r);
			RootLives::<T>::remove(ring, r);
		}
		let members = keys.len() as u32;
		Roots::<T>::insert(ring, revision, Root { commitment, keys });
		RootLives::<T>::insert(ring, revision, None::<Moment>);
		Rings::<T>::insert(ring, Ring { revision, ..info });
		Self::deposit_event(Event::RingRevised { ring, revision, members });
	}

	/// The pallet's invariants:
	/// - every member key is in exactly the ring `MemberRing` names, and no ring is over size;
	/// - each kind's open ring is a ring of that kind;
	/// - every ring with a revision has that root, never superseded, and no root is newer;
	///   every root has its life in `RootLives`, and every life its root;
	/// - the build under way is of a known ring, with no more keys pushed than it has;
	/// - `BoundTo` and the bindings' accounts are the same relation;
	/// - no alias account is bound to two aliases.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use sp_runtime::TryRuntimeError as E;
		let mut members = 0usize;
		for (index, ring) in Rings::<T>::iter() {
			ensure!(index < NextRing::<T>::get(), E::Other("a ring beyond NextRing"));
			for m in &ring.members {
				ensure!(
					MemberRing::<T>::get(m) == Some(index),
					E::Other("a member key not indexed to its ring")
				);
			}
			members = members.saturating_add(ring.members.len());
			if ring.revision > 0 {
				ensure!(
					Roots::<T>::contains_key(index, ring.revision),
					E::Other("a ring's latest root is missing")
				);
				ensure!(
					RootLives::<T>::get(index, ring.revision) == Some(None),
					E::Other("the latest root is superseded")
				);
			}
			for (revision, _) in Roots::<T>::iter_prefix(index) {
				ensure!(revision <= ring.revision, E::Other("a root newer than its ring"));
				ensure!(
					RootLives::<T>::contains_key(index, revision),
					E::Other("a root without its life")
				);
			}
			for (revision, _) in RootLives::<T>::iter_prefix(index) {
				ensure!(
					Roots::<T>::contains_key(index, revision),
					E::Other("a life without its root")
				);
			}
		}
		ensure!(
			MemberRing::<T>::iter().count() == members,
			E::Other("a member key indexed to a ring that lacks it")
		);
		for (kind, index) in OpenRing::<T>::iter() {
			ensure!(
				Rings::<T>::get(index).is_some_and(|r| r.kind == kind),
				E::Other("an open ring of another kind")
			);
		}
		if let Some(build) = Building::<T>::get() {
			ensure!(Rings::<T>::contains_key(build.ring), E::Other("building an unknown ring"));
			ensure!(build.pushed as usize <= build.keys.len(), E::Other("pushed past the keys"));
		}
		for (account, (domain, alias)) in BoundTo::<T>::iter() {
			ensure!(
				Bindings::<T>::get(domain, alias).and_then(|b| b.account) == Some(account),
				E::Other("an account bound to an alias bound elsewhere")
			);
		}
		for (domain, alias, binding) in Bindings::<T>::iter() {
			if let Some(account) = binding.account {
				ensure!(
					BoundTo::<T>::get(&account) == Some((domain, alias)),
					E::Other("a binding's account not bound to it")
				);
			}
		}
		Ok(())
	}
}

impl<T: Config> PersonRings for Pallet<T> {
	fn join_weight() -> Weight {
		T::WeightInfo::join()
	}

	fn leave_weight() -> Weight {
		T::WeightInfo::leave()
	}

	fn benchmark_member(seed: u32) -> MemberKey {
		let mut entropy = [0u8; 32];
		entropy[..4].copy_from_slice(&seed.to_le_bytes());
		T::Crypto::member_from_secret(&T::Crypto::new_secret(entropy))
	}

	fn join(member: &MemberKey, kind: SubjectKind) -> DispatchResult {
		ensure!(T::Crypto::is_member_valid(member), Error::<T>::InvalidMember);
		ensure!(!MemberRing::<T>::contains_key(member), Error::<T>::MemberKnown);
		let open = OpenRing::<T>::get(kind)
			.and_then(|index| Rings::<T>::get(index).map(|r| (index, r)))
			.filter(|(_, r)| (r.members.len() as u32) < T::MaxRingSize::get());
		let (ring, mut info) = match open {
			Some(found) => found,
			None => {
				let index = NextRing::<T>::get();
				NextRing::<T>::put(index.saturating_add(1));
				OpenRing::<T>::insert(kind, index);
				(index, Ring { kind, members: Default::default(), revision: 0 })
			},
		};
		// The ring has room: it is open and below `MaxRingSize`, or new.
		info.members.try_push(*member).map_err(|_| Error::<T>::RingsFull)?;
		Rings::<T>::insert(ring, info);
		MemberRing::<T>::insert(member, ring);
		Stale::<T>::insert(ring, ());
		Self::deposit_event(Event::MemberJoined { ring, member: *member });
		Ok(())
	}

	fn leave(member: &MemberKey) -> DispatchResult {
		let ring = MemberRing::<T>::take(member).ok_or(Error::<T>::UnknownMember)?;
		Rings::<T>::mutate(ring, |info| {
			if let Some(info) = info {
				info.members.retain(|m| m != member);
			}
		});
		Stale::<T>::insert(ring, ());
		Self::deposit_event(Event::MemberLeft { ring, member: *member });
		Ok(())
	}
}

impl<T: Config> Aliases<T::AccountId> for Pallet<T> {
	fn alias_of(who: &T::AccountId, domain: Domain) -> Option<Alias> {
		let (bound, alias) = BoundTo::<T>::get(who)?;
		(bound == domain && Self::live_binding(domain, &alias).is_some()).then_some(alias)
	}

	fn account_of(alias: &Alias, domain: Domain) -> Option<T::AccountId> {
		Self::live_binding(domain, alias)?.account
	}

	fn kind_of(alias: &Alias, domain: Domain) -> Option<SubjectKind> {
		Self::live_binding(domain, alias).map(|b| b.kind)
	}
}

/// Alias accounts for the domain pallets' benchmarks: bound to a live root of a ring of the
/// kind (built once, from one member, by the pallet's own building steps), without a proof.
#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> civitas_primitives::BenchmarkAliases<T::AccountId> for Pallet<T> {
	fn alias_account(seed: u32, domain: Domain, kind: SubjectKind) -> (Alias, T::AccountId) {
		let ring = match OpenRing::<T>::get(kind) {
			Some(ring) => ring,
			None => {
				let member =
					<Self as PersonRings>::benchmark_member(u32::MAX.saturating_sub(kind as u32));
				let _ = <Self as PersonRings>::join(&member, kind);
				OpenRing::<T>::get(kind).unwrap_or_default()
			},
		};
		// Building steps until the ring has a root (a few members: one or two steps).
		let mut steps = 0u32;
		while Roots::<T>::iter_prefix(ring).next().is_none() && steps < 64 {
			Self::build_step();
			steps = steps.saturating_add(1);
		}
		let revision = Roots::<T>::iter_prefix(ring).map(|(r, _)| r).max().unwrap_or_default();
		let account: T::AccountId = frame_benchmarking::account("alias", seed, domain as u32);
		let alias: Alias = <sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash_of(
			&(b"civitas/benchmark-alias", domain, seed),
		);
		let _ = T::Admission::admit_alias(&account, kind);
		BoundTo::<T>::insert(&account, (domain, alias));
		Bindings::<T>::insert(
			domain,
			alias,
			Binding {
				account: Some(account.clone()),
				kind,
				ring,
				revision,
				nonce: 0,
				since: T::Time::now(),
			},
		);
		(alias, account)
	}
}
