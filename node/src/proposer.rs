//! The block proposer, with part of Aura's proposing time kept for sealing the block.

use std::time::Duration;

use futures::{future::MapOk, TryFutureExt};
use sp_consensus::{Environment, ProposeArgs, Proposer};
use sp_runtime::traits::Block as BlockT;

/// The time the proposer is given out of Aura's proposing time (two thirds of the slot).
///
/// `sc_basic_authorship` pushes transactions until 90 % of the time it is given and then
/// finalizes the block (storage root, extrinsics root) in the last 10 %: 0.4 s of Aura's 4 s.
/// On the reference machine under load (`scripts/bench-tps.sh all 70 --rate 3000`), a block
/// of 10,000 transactions that reached that deadline was finalized 0.47 s after it, past
/// Aura's 4 s, and Aura discarded it: its slot went without a block. Given eight ninths of
/// Aura's time (a push deadline of 3.2 s), a block of 9,000 licence issues was still
/// finalized 0.8 s after its deadline while the machine ran slow. Given five sixths, the
/// proposer stops pushing at 75 % (3 s) and has 1 s to seal. Blocks that are full by weight,
/// as they are when the machine keeps up, are rarely shortened.
pub fn proposing_time(aura_time: Duration) -> Duration {
	aura_time.saturating_mul(5) / 6
}

/// Creates [`ReservingProposer`]s: the inner factory's proposers, given [`proposing_time`].
pub struct ReservingProposerFactory<E>(pub E);

/// A proposer given less time than Aura allows, so that it seals its block within Aura's time.
pub struct ReservingProposer<P>(P);

impl<B: BlockT, E: Environment<B>> Environment<B> for ReservingProposerFactory<E> {
	type Proposer = ReservingProposer<E::Proposer>;
	type CreateProposer =
		MapOk<E::CreateProposer, fn(E::Proposer) -> ReservingProposer<E::Proposer>>;
	type Error = E::Error;

	fn init(&mut self, parent_header: &B::Header) -> Self::CreateProposer {
		self.0.init(parent_header).map_ok(ReservingProposer as fn(_) -> _)
	}
}

impl<B: BlockT, P: Proposer<B>> Proposer<B> for ReservingProposer<P> {
	type Error = P::Error;
	type Proposal = P::Proposal;

	fn propose(self, mut args: ProposeArgs<B>) -> Self::Proposal {
		args.max_duration = proposing_time(args.max_duration);
		self.0.propose(args)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use civitas_runtime::opaque::Block;
	use futures::future::{ready, Ready};
	use sp_consensus::{Error, Proposal};
	use sp_runtime::traits::Header as _;
	use std::sync::{Arc, Mutex};

	/// A proposer that records the time it was given and proposes nothing.
	struct Recording(Arc<Mutex<Option<Duration>>>);

	impl Proposer<Block> for Recording {
		type Error = Error;
		type Proposal = Ready<Result<Proposal<Block>, Error>>;

		fn propose(self, args: ProposeArgs<Block>) -> Self::Proposal {
			*self.0.lock().expect("not poisoned") = Some(args.max_duration);
			ready(Err(Error::NoIntermediate))
		}
	}

	struct RecordingFactory(Arc<Mutex<Option<Duration>>>);

	impl Environment<Block> for RecordingFactory {
		type Proposer = Recording;
		type CreateProposer = Ready<Result<Recording, Error>>;
		type Error = Error;

		fn init(&mut self, _: &<Block as BlockT>::Header) -> Self::CreateProposer {
			ready(Ok(Recording(self.0.clone())))
		}
	}

	#[test]
	fn the_proposer_is_given_five_sixths_of_auras_time() {
		let given = Arc::new(Mutex::new(None));
		let mut factory = ReservingProposerFactory(RecordingFactory(given.clone()));
		let header = sp_runtime::generic::Header::new(
			1,
			Default::default(),
			Default::default(),
			Default::default(),
			Default::default(),
		);
		let proposer = futures::executor::block_on(factory.init(&header)).expect("created");
		let args =
			ProposeArgs::<Block> { max_duration: Duration::from_secs(4), ..Default::default() };
		assert!(futures::executor::block_on(proposer.propose(args)).is_err());
		let given = given.lock().expect("not poisoned").expect("the inner proposer was called");
		assert_eq!(given, Duration::from_secs(20) / 6);
		// Basic authorship stops pushing at 90 % of that: 3 s of Aura's 4 s.
		assert_eq!(given - given / 10, Duration::from_secs(3));
	}
}
