//! The types of the aliases pallet.

use civitas_primitives::{Domain, MemberKey, Moment, SubjectKind};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::Get, BoundedVec};
use scale_info::TypeInfo;

/// Identifier of a ring, assigned in order.
pub type RingIndex = u32;

/// A revision of a ring: 1 for its first root, one more for each rebuild.
pub type Revision = u32;

/// A ring: the member keys of persons of one kind, as they are now (its root may be older).
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
#[scale_info(skip_type_params(MaxSize))]
pub struct Ring<MaxSize: Get<u32>> {
	/// Natural or legal persons.
	pub kind: SubjectKind,
	/// The member keys, in no particular order.
	pub members: BoundedVec<MemberKey, MaxSize>,
	/// The revision of the ring's latest root (0: none built yet).
	pub revision: Revision,
}

/// A built root of a ring: the commitment proofs are verified against, and the member keys it
/// commits to, in the order a prover must open them.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
#[scale_info(skip_type_params(MaxSize))]
pub struct Root<Commitment, MaxSize: Get<u32>> {
	/// The members' commitment.
	pub commitment: Commitment,
	/// The member keys, in order.
	pub keys: BoundedVec<MemberKey, MaxSize>,
}

/// A ring root being built, a few members per block.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
#[scale_info(skip_type_params(MaxSize))]
pub struct Build<Intermediate, MaxSize: Get<u32>> {
	/// The ring.
	pub ring: RingIndex,
	/// Its members when the build began, in the order they are pushed.
	pub keys: BoundedVec<MemberKey, MaxSize>,
	/// How many of them are pushed.
	pub pushed: u32,
	/// The commitment so far.
	pub intermediate: Intermediate,
}

/// What an alias is bound to in a domain.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Binding<AccountId> {
	/// The account the alias acts through; none after it unbound.
	pub account: Option<AccountId>,
	/// Natural or legal person (the kind of the ring the proof was made in).
	pub kind: SubjectKind,
	/// The ring and revision the proof was verified against.
	pub ring: RingIndex,
	/// The revision.
	pub revision: Revision,
	/// How many times the alias was bound before this binding (each proof names the next
	/// number, so that no proof binds twice).
	pub nonce: u32,
	/// When the alias was bound to its current account (a refresh keeps it): it moves to a
	/// new account no sooner than `RotationInterval` after.
	pub since: Moment,
}

/// The message a binding proof is made over: the domain, the account, the ring and revision of
/// the root, and the binding's number.
pub fn bind_message<AccountId: Encode>(
	domain: Domain,
	account: &AccountId,
	ring: RingIndex,
	revision: Revision,
	nonce: u32,
) -> alloc::vec::Vec<u8> {
	(b"civitas/alias/bind", domain, account, ring, revision, nonce).encode()
}
