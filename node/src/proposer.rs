//! The block proposer: the pool's ready transactions applied in batches, one runtime call per
//! batch, with part of Aura's proposing time kept for sealing the block.
//!
//! It behaves as `sc_basic_authorship`'s proposer does (the same ready queue, deadline, block
//! size limit, skipping of transactions that do not fit, reports of invalid transactions to the
//! pool, log line and Prometheus metrics), with two differences:
//!
//! - **Batches.** `BlockBuilder::apply_extrinsic` is one runtime call per transaction, and each
//!   call costs a fresh wasm instance (its memory unmapped afterwards), a runtime-code lookup
//!   and a trie-cache merge. Under load that was about a sixth of the author's time (`perf` on
//!   the author thread; README, "Where the time goes"). The runtime's `BlockBuilderBatch`
//!   applies [`BATCH`] transactions in one call, each in a storage transaction of its own that is
//!   rolled back when it is invalid, which is what the block builder does around each call: the
//!   block is the same as one built a transaction at a time (`runtime/tests/block_authoring.rs`).
//!   Once the block is full by weight, the proposer goes on one transaction at a time. A runtime
//!   without the API is driven one transaction at a time.
//! - **Time to seal.** It stops adding transactions at [`push_deadline`], three quarters of
//!   Aura's time (3 s of 4 s), leaving 1 s to finalize the block. Basic authorship leaves 10 %
//!   (0.4 s), and under load blocks that reached its deadline were sealed late and discarded.
//!
//! The block size is counted as transactions are added, where `sc_block_builder` encodes the
//! whole list again before each push (quadratic in the block's length: 2 % of the author's time
//! at 12,000 transactions a block).

use std::{
	collections::HashSet,
	pin::Pin,
	sync::Arc,
	time::{Duration, Instant},
};

use civitas_runtime::{
	apis::BlockBuilderBatch,
	opaque::{Block, Header},
};
use codec::{Compact, Encode};
use futures::{channel::oneshot, future, Future, FutureExt};
use log::{debug, error, info, warn};
use prometheus_endpoint::Registry;
use sc_proposer_metrics::{EndProposingReason, MetricsLink};
use sc_service::SpawnTaskHandle;
use sc_transaction_pool_api::{InPoolTransaction, TransactionPool, TxInvalidityReportMap};
use sp_api::{
	ApiExt, ApiRef, CallApiAt, Core, ProofRecorder, ProvideRuntimeApi, StorageChanges,
	TransactionOutcome,
};
use sp_block_builder::BlockBuilder as BlockBuilderApi;
use sp_blockchain::{ApplyExtrinsicFailed, Error, HeaderBackend};
use sp_consensus::{Environment, Proposal, ProposeArgs, Proposer as ProposerT};
use sp_core::traits::CallContext;
use sp_inherents::InherentData;
use sp_runtime::{
	traits::{Block as BlockT, Header as HeaderT},
	transaction_validity::{TransactionTag, TransactionValidityError},
	ApplyExtrinsicResult, Digest, ExtrinsicInclusionMode,
};

const LOG_TARGET: &str = "civitas-proposer";

/// Transactions applied in one runtime call. A batch of questions takes about 15 ms to apply;
/// the proposer checks its deadline between batches.
pub const BATCH: usize = 64;

/// The default block size limit, as `sc_basic_authorship`'s (4 MiB and a margin): the
/// networking layer's packet limit is about that.
pub const BLOCK_SIZE_LIMIT: usize = 4 * 1024 * 1024 + 512;

/// After the block is first found full (by weight or size), at most this many more
/// transactions are tried before the soft deadline, as in `sc_basic_authorship`.
const MAX_SKIPPED: usize = 8;

/// When the proposer stops adding transactions, out of the time Aura gives it (two thirds of
/// the slot): three quarters, leaving a quarter (1 s of 4 s) to finalize the block (storage
/// root, extrinsics root). On the reference machine under load, a block of 10,000
/// transactions took up to 1 s to finalize while the machine ran slow.
pub fn push_deadline(aura_time: Duration) -> Duration {
	aura_time.saturating_mul(3) / 4
}

type Hash = <Block as BlockT>::Hash;
type Extrinsic = <Block as BlockT>::Extrinsic;

/// Creates a [`Proposer`] on each parent block Aura builds on.
pub struct ProposerFactory<C, P> {
	spawn: SpawnTaskHandle,
	client: Arc<C>,
	pool: Arc<P>,
	metrics: MetricsLink,
}

impl<C, P> ProposerFactory<C, P> {
	/// A factory whose proposers draw transactions from `pool`; proposing metrics (the
	/// `substrate_proposer_*` series) go to `registry`.
	pub fn new(
		spawn: SpawnTaskHandle,
		client: Arc<C>,
		pool: Arc<P>,
		registry: Option<&Registry>,
	) -> Self {
		Self { spawn, client, pool, metrics: MetricsLink::new(registry) }
	}
}

impl<C, P> Environment<Block> for ProposerFactory<C, P>
where
	C: HeaderBackend<Block> + ProvideRuntimeApi<Block> + CallApiAt<Block> + Send + Sync + 'static,
	C::Api: ApiExt<Block> + BlockBuilderApi<Block> + BlockBuilderBatch<Block>,
	P: TransactionPool<Block = Block> + 'static,
{
	type CreateProposer = future::Ready<Result<Proposer<C, P>, Error>>;
	type Proposer = Proposer<C, P>;
	type Error = Error;

	fn init(&mut self, parent: &Header) -> Self::CreateProposer {
		let parent_hash = parent.hash();
		info!(
			"🙌 Starting consensus session on top of parent {:?} (#{})",
			parent_hash,
			parent.number()
		);
		future::ready(Ok(Proposer {
			spawn: self.spawn.clone(),
			client: self.client.clone(),
			pool: self.pool.clone(),
			metrics: self.metrics.clone(),
			parent_hash,
			parent_number: *parent.number(),
		}))
	}
}

/// Builds one block on a given parent.
pub struct Proposer<C, P> {
	spawn: SpawnTaskHandle,
	client: Arc<C>,
	pool: Arc<P>,
	metrics: MetricsLink,
	parent_hash: Hash,
	parent_number: u32,
}

impl<C, P> ProposerT<Block> for Proposer<C, P>
where
	C: HeaderBackend<Block> + ProvideRuntimeApi<Block> + CallApiAt<Block> + Send + Sync + 'static,
	C::Api: ApiExt<Block> + BlockBuilderApi<Block> + BlockBuilderBatch<Block>,
	P: TransactionPool<Block = Block> + 'static,
{
	type Error = Error;
	type Proposal = Pin<Box<dyn Future<Output = Result<Proposal<Block>, Error>> + Send>>;

	fn propose(self, args: ProposeArgs<Block>) -> Self::Proposal {
		let (tx, rx) = oneshot::channel();
		// Block building blocks its thread: it runs on one of its own.
		let spawn = self.spawn.clone();
		spawn.spawn_blocking(
			"civitas-proposer",
			None,
			async move {
				let _ = tx.send(self.propose_with(args).await);
			}
			.boxed(),
		);
		async move { rx.await.map_err(|_| Error::Application("the proposer was dropped".into()))? }
			.boxed()
	}
}

impl<C, P> Proposer<C, P>
where
	C: HeaderBackend<Block> + ProvideRuntimeApi<Block> + CallApiAt<Block> + Send + Sync + 'static,
	C::Api: ApiExt<Block> + BlockBuilderApi<Block> + BlockBuilderBatch<Block>,
	P: TransactionPool<Block = Block> + 'static,
{
	async fn propose_with(self, args: ProposeArgs<Block>) -> Result<Proposal<Block>, Error> {
		let started = Instant::now();
		let deadline = started + push_deadline(args.max_duration);
		let mut builder = BlockBuilder::new(
			&*self.client,
			self.parent_hash,
			self.parent_number,
			args.storage_proof_recorder,
			args.inherent_digests,
			args.extra_extensions,
		)?;
		self.apply_inherents(&mut builder, args.inherent_data)?;
		let end = match builder.mode {
			ExtrinsicInclusionMode::AllExtrinsics => {
				let size_limit = args.block_size_limit.unwrap_or(BLOCK_SIZE_LIMIT);
				self.apply_transactions(&mut builder, started, deadline, size_limit).await
			},
			ExtrinsicInclusionMode::OnlyInherents => EndProposingReason::TransactionForbidden,
		};
		let (block, storage_changes) = builder.build()?;
		let took = started.elapsed();
		let count = block.extrinsics().len();
		self.metrics.report(|m| {
			m.number_of_transactions.set(count as u64);
			m.block_constructed.observe(took.as_secs_f64());
			m.report_end_proposing_reason(end);
			m.create_block_proposal_time.observe(took.as_secs_f64());
		});
		// The line `scripts/bench-tps.sh` reads, as basic authorship writes it.
		info!(
			"🎁 Prepared block for proposing at {} ({} ms) hash: {:?}; parent_hash: {}; end: {:?}; extrinsics_count: {}",
			block.header().number(),
			took.as_millis(),
			block.header().hash(),
			block.header().parent_hash(),
			end,
			count,
		);
		Ok(Proposal { block, storage_changes })
	}

	/// Applies the runtime's inherents (the timestamp); a mandatory one that fails means no
	/// block.
	fn apply_inherents(
		&self,
		builder: &mut BlockBuilder<'_, C>,
		data: InherentData,
	) -> Result<(), Error> {
		let started = Instant::now();
		let inherents = builder.create_inherents(data)?;
		self.metrics.report(|m| m.create_inherents_time.observe(started.elapsed().as_secs_f64()));
		for inherent in inherents {
			match builder.apply_one(inherent) {
				Ok(Ok(_)) => {},
				Ok(Err(e)) if e.exhausted_resources() => {
					warn!(target: LOG_TARGET, "⚠️  Dropping non-mandatory inherent from overweight block.")
				},
				Ok(Err(e)) if e.was_mandatory() => {
					error!(
						"❌️ Mandatory inherent extrinsic returned error. Block cannot be produced."
					);
					return Err(ApplyExtrinsicFailed::Validity(e).into());
				},
				Ok(Err(e)) => warn!(
					target: LOG_TARGET,
					"❗️ Inherent extrinsic returned unexpected error: {:?}. Dropping.", e
				),
				Err(e) => warn!(
					target: LOG_TARGET,
					"❗️ Inherent extrinsic returned unexpected error: {}. Dropping.", e
				),
			}
		}
		Ok(())
	}

	/// Adds the pool's ready transactions, in batches, until the pool is empty, the block is
	/// full (by weight or size, after [`MAX_SKIPPED`] more tries or the soft deadline) or the
	/// deadline passes.
	async fn apply_transactions(
		&self,
		builder: &mut BlockBuilder<'_, C>,
		started: Instant,
		deadline: Instant,
		size_limit: usize,
	) -> EndProposingReason {
		// Past the soft deadline, a full block is not tried further than `MAX_SKIPPED`.
		let soft_deadline = started + deadline.saturating_duration_since(started) / 2;
		let wait = deadline.saturating_duration_since(Instant::now()) / 8;
		let mut ready = self.pool.ready_at_with_timeout(self.parent_hash, wait).await;
		let mut batch_size = if builder.batches { BATCH } else { 1 };
		let mut book = Book::default();
		let mut invalid = TxInvalidityReportMap::new();
		let mut limit_hit: Option<EndProposingReason> = None;
		let mut any_included = false;

		let end = loop {
			if Instant::now() > deadline {
				break limit_hit.unwrap_or(EndProposingReason::HitDeadline);
			}
			let mut batch = Vec::with_capacity(batch_size);
			let mut batch_bytes = 0;
			let mut pool_empty = false;
			let mut full = None;
			while batch.len() < batch_size {
				let Some(tx) = ready.next() else {
					pool_empty = true;
					break;
				};
				let len = tx.data().encoded_size();
				if builder.estimated_size() + batch_bytes + len > size_limit {
					ready.report_invalid(&tx);
					limit_hit = Some(EndProposingReason::HitBlockSizeLimit);
					if !book.may_try_more(Instant::now() < soft_deadline) {
						full = Some(EndProposingReason::HitBlockSizeLimit);
						break;
					}
					continue;
				}
				batch_bytes += len;
				batch.push(tx);
			}

			let results = builder.apply(batch.iter().map(|tx| (**tx.data()).clone()).collect());
			for (tx, result) in batch.iter().zip(results) {
				let verdict = book.verdict(&result, tx.requires(), tx.provides());
				if verdict != Verdict::Included {
					// What depends on it is skipped by the ready queue from here.
					ready.report_invalid(tx);
				}
				match verdict {
					Verdict::Included => {
						any_included = true;
						limit_hit = None;
					},
					Verdict::Dependent => {},
					Verdict::Exhausted => {
						limit_hit = Some(EndProposingReason::HitBlockWeightLimit);
						// The block is about full: one transaction at a time from here.
						batch_size = 1;
						if !book.may_try_more(Instant::now() < soft_deadline) {
							full = Some(EndProposingReason::HitBlockWeightLimit);
						}
					},
					Verdict::Invalid(error) => {
						debug!(
							target: LOG_TARGET,
							"[{:?}] Invalid transaction: {:?} at: {}", tx.hash(), result, self.parent_hash
						);
						invalid.insert(tx.hash().clone(), error);
					},
				}
			}
			if let Some(reason) = full {
				break reason;
			}
			if pool_empty {
				break limit_hit.unwrap_or(EndProposingReason::NoMoreTransactions);
			}
		};

		if end == EndProposingReason::HitBlockSizeLimit && !any_included {
			warn!(
				target: LOG_TARGET,
				"Hit block size limit of `{}` without including any transaction!", size_limit
			);
		}
		self.pool.report_invalid(Some(self.parent_hash), invalid).await;
		end
	}
}

/// What becomes of a transaction the runtime was given.
#[derive(Debug, PartialEq)]
enum Verdict {
	/// Applied: it is in the block.
	Included,
	/// Not applied, because a transaction it depends on (by the pool's tags) was not applied in
	/// this block. The pool's ready queue would have skipped it; it stays in the pool.
	Dependent,
	/// Not applied: the block has no room for it. It stays in the pool.
	Exhausted,
	/// Not applied and removed from the pool, with the runtime's reason when it gave one.
	Invalid(Option<TransactionValidityError>),
}

/// The proposer's account of one block's transactions.
#[derive(Default)]
struct Book {
	/// Tags provided by transactions that were not applied: whoever requires them is a
	/// [`Verdict::Dependent`].
	missing: HashSet<TransactionTag>,
	/// Transactions tried after the block was first found full.
	skipped: usize,
}

impl Book {
	fn verdict(
		&mut self,
		result: &Result<ApplyExtrinsicResult, sp_api::ApiError>,
		requires: &[TransactionTag],
		provides: &[TransactionTag],
	) -> Verdict {
		let verdict = match result {
			Ok(Ok(_)) => return Verdict::Included,
			_ if requires.iter().any(|tag| self.missing.contains(tag)) => Verdict::Dependent,
			Ok(Err(e)) if e.exhausted_resources() => Verdict::Exhausted,
			Ok(Err(e)) => Verdict::Invalid(Some(*e)),
			Err(_) => Verdict::Invalid(None),
		};
		self.missing.extend(provides.iter().cloned());
		verdict
	}

	/// Whether to go on trying transactions once the block was found full: for
	/// [`MAX_SKIPPED`] more, then until the soft deadline.
	fn may_try_more(&mut self, before_soft_deadline: bool) -> bool {
		if self.skipped < MAX_SKIPPED {
			self.skipped += 1;
			true
		} else {
			before_soft_deadline
		}
	}
}

/// A block under construction: the runtime API instance that holds its state, and its
/// extrinsics. Modelled on `sc_block_builder::BlockBuilder`, with batches.
struct BlockBuilder<'a, C: ProvideRuntimeApi<Block>> {
	api: ApiRef<'a, C::Api>,
	client: &'a C,
	parent_hash: Hash,
	mode: ExtrinsicInclusionMode,
	/// The runtime has `BlockBuilderBatch`.
	batches: bool,
	extrinsics: Vec<Extrinsic>,
	/// The encoded header's size plus every extrinsic's.
	bytes: usize,
}

impl<'a, C> BlockBuilder<'a, C>
where
	C: ProvideRuntimeApi<Block> + CallApiAt<Block>,
	C::Api: ApiExt<Block> + BlockBuilderApi<Block> + BlockBuilderBatch<Block>,
{
	fn new(
		client: &'a C,
		parent_hash: Hash,
		parent_number: u32,
		recorder: Option<ProofRecorder<Block>>,
		digests: Digest,
		extensions: sp_externalities::Extensions,
	) -> Result<Self, Error> {
		let header = Header::new(
			parent_number.saturating_add(1),
			Default::default(),
			Default::default(),
			parent_hash,
			digests,
		);
		let mut api = client.runtime_api();
		if let Some(recorder) = recorder {
			api.record_proof_with_recorder(recorder);
		}
		extensions.into_extensions().for_each(|e| api.register_extension(e));
		api.set_call_context(CallContext::Onchain { import: false });
		let mode = api.initialize_block(parent_hash, &header)?;
		let batches = api.has_api::<dyn BlockBuilderBatch<Block>>(parent_hash)?;
		Ok(Self {
			api,
			client,
			parent_hash,
			mode,
			batches,
			extrinsics: Vec::new(),
			bytes: header.encoded_size(),
		})
	}

	/// The inherents the runtime makes of `data`, without changing the block's state.
	fn create_inherents(&mut self, data: InherentData) -> Result<Vec<Extrinsic>, Error> {
		let parent_hash = self.parent_hash;
		self.api
			.execute_in_transaction(move |api| {
				TransactionOutcome::Rollback(api.inherent_extrinsics(parent_hash, data))
			})
			.map_err(|e| Error::Application(Box::new(e)))
	}

	/// Applies `extrinsics` in order; those applied (`Ok(Ok(_))`) join the block. One result
	/// each: the runtime's, or the error of the runtime call that applied it alone.
	fn apply(
		&mut self,
		extrinsics: Vec<Extrinsic>,
	) -> Vec<Result<ApplyExtrinsicResult, sp_api::ApiError>> {
		if extrinsics.is_empty() {
			return Vec::new();
		}
		let parent_hash = self.parent_hash;
		if self.batches && extrinsics.len() > 1 {
			let results = self.api.execute_in_transaction(|api| {
				match api.apply_extrinsics(parent_hash, extrinsics.clone()) {
					Ok(results) if results.len() == extrinsics.len() => {
						TransactionOutcome::Commit(Some(results))
					},
					Ok(_) | Err(_) => TransactionOutcome::Rollback(None),
				}
			});
			match results {
				Some(results) => {
					for (xt, result) in extrinsics.into_iter().zip(results.iter()) {
						if result.is_ok() {
							self.include(xt);
						}
					}
					return results.into_iter().map(Ok).collect();
				},
				// The call failed as a whole (a runtime panic): nothing of it is kept, and each
				// transaction is applied alone, so that only the one at fault is dropped.
				None => debug!(target: LOG_TARGET, "A batch failed; applying it one by one."),
			}
		}
		extrinsics.into_iter().map(|xt| self.apply_one(xt)).collect()
	}

	/// Applies one extrinsic in a runtime call of its own (`BlockBuilder::apply_extrinsic`);
	/// it joins the block when applied, and its changes are undone otherwise.
	fn apply_one(&mut self, xt: Extrinsic) -> Result<ApplyExtrinsicResult, sp_api::ApiError> {
		let parent_hash = self.parent_hash;
		let result = self.api.execute_in_transaction(|api| {
			match api.apply_extrinsic(parent_hash, xt.clone()) {
				Ok(Ok(applied)) => TransactionOutcome::Commit(Ok(Ok(applied))),
				Ok(Err(invalid)) => TransactionOutcome::Rollback(Ok(Err(invalid))),
				Err(e) => TransactionOutcome::Rollback(Err(e)),
			}
		});
		if matches!(result, Ok(Ok(_))) {
			self.include(xt);
		}
		result
	}

	fn include(&mut self, xt: Extrinsic) {
		self.bytes = self.bytes.saturating_add(xt.encoded_size());
		self.extrinsics.push(xt);
	}

	/// The block's encoded size so far, with the storage proof's when one is recorded.
	fn estimated_size(&self) -> usize {
		let count = Compact(self.extrinsics.len() as u32).encoded_size();
		self.bytes + count + self.api.proof_recorder().map_or(0, |p| p.estimate_encoded_size())
	}

	/// Finalizes the block: its header (state and extrinsics roots) and its storage changes.
	fn build(self) -> Result<(Block, StorageChanges<Block>), Error> {
		let header = self.api.finalize_block(self.parent_hash)?;
		let state = self.client.state_at(self.parent_hash)?;
		let changes = self
			.api
			.into_storage_changes(&state, self.parent_hash)
			.map_err(Error::StorageChanges)?;
		Ok((Block::new(header, self.extrinsics), changes))
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_runtime::transaction_validity::InvalidTransaction;

	fn tag(account: u8, nonce: u8) -> TransactionTag {
		vec![account, nonce]
	}

	fn invalid(e: InvalidTransaction) -> Result<ApplyExtrinsicResult, sp_api::ApiError> {
		Ok(Err(e.into()))
	}

	#[test]
	fn the_proposer_stops_adding_transactions_at_three_quarters_of_auras_time() {
		// Aura gives two thirds of a 6 s slot: 3 s to add transactions, 1 s to seal.
		assert_eq!(push_deadline(Duration::from_secs(4)), Duration::from_secs(3));
	}

	#[test]
	fn a_transaction_after_one_that_was_not_applied_stays_in_the_pool() {
		let mut book = Book::default();
		// Account 1's nonce 0 is applied, its nonce 1 is stale and removed; its nonce 2 then
		// fails as a future nonce, but only because of nonce 1: it is not reported.
		assert_eq!(book.verdict(&Ok(Ok(Ok(()))), &[], &[tag(1, 0)]), Verdict::Included);
		assert_eq!(
			book.verdict(&invalid(InvalidTransaction::Stale), &[tag(1, 0)], &[tag(1, 1)]),
			Verdict::Invalid(Some(InvalidTransaction::Stale.into()))
		);
		assert_eq!(
			book.verdict(&invalid(InvalidTransaction::Future), &[tag(1, 1)], &[tag(1, 2)]),
			Verdict::Dependent
		);
		// And so on down the chain.
		assert_eq!(
			book.verdict(&invalid(InvalidTransaction::Future), &[tag(1, 2)], &[tag(1, 3)]),
			Verdict::Dependent
		);
		// Another account's future nonce is its own fault.
		assert_eq!(
			book.verdict(&invalid(InvalidTransaction::Future), &[tag(2, 4)], &[tag(2, 5)]),
			Verdict::Invalid(Some(InvalidTransaction::Future.into()))
		);
		// A runtime call that failed is removed without a reason.
		assert_eq!(
			book.verdict(&Err(sp_api::ApiError::UsingSameInstanceForDifferentBlocks), &[], &[]),
			Verdict::Invalid(None)
		);
	}

	#[test]
	fn a_full_block_keeps_its_transactions_and_theirs_in_the_pool() {
		let mut book = Book::default();
		assert_eq!(
			book.verdict(&invalid(InvalidTransaction::ExhaustsResources), &[], &[tag(3, 0)]),
			Verdict::Exhausted
		);
		assert_eq!(
			book.verdict(&invalid(InvalidTransaction::Future), &[tag(3, 0)], &[tag(3, 1)]),
			Verdict::Dependent
		);
	}

	#[test]
	fn a_full_block_is_tried_eight_more_times_then_until_the_soft_deadline() {
		let mut book = Book::default();
		for _ in 0..MAX_SKIPPED {
			assert!(book.may_try_more(false));
		}
		assert!(!book.may_try_more(false));
		assert!(book.may_try_more(true));
	}
}
