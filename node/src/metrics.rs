//! The chain's domain figures on the node's Prometheus endpoint (`--prometheus-port`, 9615),
//! beside Substrate's own metrics, for the operators' dashboard
//! (`scripts/operator/grafana-dashboard.json`):
//!
//! - gauges read from the state at each finalized block: `civitas_agencies`,
//!   `civitas_open_proposals`, `civitas_validators`;
//! - counters of the events of every finalized block: `civitas_enrolments_total`,
//!   `civitas_persons_registered_total`, `civitas_verifications_total{answer}`,
//!   `civitas_licences_issued_total`, `civitas_proposals_executed_total`,
//!   `civitas_extrinsics_total{result}`, `civitas_blocks_finalized_total`;
//! - `civitas_pool_refusals_total{reason}`: transactions this node's JSON-RPC refused, by
//!   reason (`not_admitted`, `quota`, `call_not_allowed`, `too_long`, `stale`, `future`,
//!   `bad_signature`, `already_imported`, `other`), counted by [`CountingPool`].
//!
//! The events are decoded with the runtime the node was built with: after a runtime upgrade
//! that changes events, blocks that no longer decode are skipped (and logged) until the node
//! is rebuilt. Counters start at zero when the node starts; Prometheus' `rate()` and
//! `increase()` make them per hour.

use std::{collections::HashMap, pin::Pin, sync::Arc};

use civitas_runtime::RuntimeEvent;
use codec::Decode;
use futures::StreamExt;
use prometheus_endpoint::{
	register, Counter, CounterVec, Gauge, Opts, PrometheusError, Registry, U64,
};
use sc_client_api::{BlockchainEvents, StorageKey, StorageProvider};
use sc_transaction_pool_api::{
	error::{Error as PoolError, IntoPoolError},
	ChainEvent, ImportNotificationStream, MaintainedTransactionPool, PoolStatus, ReadyTransactions,
	TransactionFor, TransactionPool, TransactionSource, TransactionStatusStreamFor, TxHash,
	TxInvalidityReportMap,
};
use sp_core::H256;
use sp_io::hashing::twox_128;
use sp_runtime::{traits::Block as BlockT, transaction_validity::InvalidTransaction};

use crate::service::FullClient;

const LOG_TARGET: &str = "civitas-metrics";

/// The domain figures.
#[derive(Clone)]
pub struct Metrics {
	agencies: Gauge<U64>,
	open_proposals: Gauge<U64>,
	validators: Gauge<U64>,
	enrolments: Counter<U64>,
	persons: Counter<U64>,
	verifications: CounterVec<U64>,
	licences: Counter<U64>,
	executed: Counter<U64>,
	extrinsics: CounterVec<U64>,
	blocks: Counter<U64>,
	refusals: CounterVec<U64>,
}

impl Metrics {
	/// Registers the figures with the node's registry.
	pub fn register(registry: &Registry) -> Result<Self, PrometheusError> {
		let gauge = |name: &str, help: &str| register(Gauge::new(name, help)?, registry);
		let counter = |name: &str, help: &str| register(Counter::new(name, help)?, registry);
		let counter_vec = |name: &str, help: &str, label: &str| {
			register(CounterVec::new(Opts::new(name, help), &[label])?, registry)
		};
		Ok(Self {
			agencies: gauge("civitas_agencies", "Member agencies of the consortium")?,
			open_proposals: gauge("civitas_open_proposals", "Open consortium proposals")?,
			validators: gauge("civitas_validators", "Validators admitted by the consortium")?,
			enrolments: counter("civitas_enrolments_total", "Accounts enrolled by agencies")?,
			persons: counter("civitas_persons_registered_total", "Persons registered")?,
			verifications: counter_vec(
				"civitas_verifications_total",
				"Questions answered under consent, by answer",
				"answer",
			)?,
			licences: counter("civitas_licences_issued_total", "Licences issued")?,
			executed: counter(
				"civitas_proposals_executed_total",
				"Consortium proposals carried and executed",
			)?,
			extrinsics: counter_vec(
				"civitas_extrinsics_total",
				"Extrinsics in finalized blocks, by result",
				"result",
			)?,
			blocks: counter("civitas_blocks_finalized_total", "Blocks finalized")?,
			refusals: counter_vec(
				"civitas_pool_refusals_total",
				"Transactions refused by this node's pool when submitted over JSON-RPC, by reason",
				"reason",
			)?,
		})
	}

	/// Follows finality: counts the events of every newly finalized block and reads the
	/// gauges at the finalized head. Runs until the node stops.
	pub async fn run(self, client: Arc<FullClient>) {
		let mut finality = client.finality_notification_stream();
		while let Some(n) = finality.next().await {
			for hash in n.tree_route.iter().chain(std::iter::once(&n.hash)) {
				self.count_block(&client, *hash);
			}
			self.read_gauges(&client, n.hash);
		}
	}

	fn count_block(&self, client: &FullClient, hash: H256) {
		self.blocks.inc();
		let Some(events) = read::<Vec<frame_system::EventRecord<RuntimeEvent, H256>>>(
			client,
			hash,
			&value_key(b"System", b"Events"),
		) else {
			log::debug!(target: LOG_TARGET, "events of {hash} not decoded: skipped");
			return;
		};
		for record in events {
			match record.event {
				RuntimeEvent::System(frame_system::Event::ExtrinsicSuccess { .. }) => {
					self.extrinsics.with_label_values(&["success"]).inc()
				},
				RuntimeEvent::System(frame_system::Event::ExtrinsicFailed { .. }) => {
					self.extrinsics.with_label_values(&["failed"]).inc()
				},
				RuntimeEvent::Consortium(pallet_consortium::Event::AccountEnrolled { .. }) => {
					self.enrolments.inc()
				},
				RuntimeEvent::Consortium(pallet_consortium::Event::ProposalExecuted { .. }) => {
					self.executed.inc()
				},
				RuntimeEvent::Identity(pallet_civitas_identity::Event::PersonRegistered {
					..
				}) => self.persons.inc(),
				RuntimeEvent::Identity(pallet_civitas_identity::Event::Verified {
					answer, ..
				}) => {
					self.verifications.with_label_values(&[if answer { "yes" } else { "no" }]).inc()
				},
				RuntimeEvent::Licences(pallet_civitas_licenses::Event::LicenceIssued {
					..
				}) => self.licences.inc(),
				_ => {},
			}
		}
	}

	fn read_gauges(&self, client: &FullClient, hash: H256) {
		if let Some(n) = read::<u32>(client, hash, &value_key(b"Consortium", b"MemberCount")) {
			self.agencies.set(n.into());
		}
		if let Some(n) = read::<u32>(client, hash, &value_key(b"Consortium", b"ProposalCount")) {
			self.open_proposals.set(n.into());
		}
		if let Some(v) = read::<Vec<civitas_runtime::AccountId>>(
			client,
			hash,
			&value_key(b"Consortium", b"Validators"),
		) {
			self.validators.set(v.len() as u64);
		}
	}

	/// Counts a refusal of the pool.
	fn refused(&self, error: &PoolError) {
		self.refusals.with_label_values(&[reason(error)]).inc();
	}
}

/// The reason label of a pool error.
fn reason(error: &PoolError) -> &'static str {
	use civitas_primitives::invalid_tx;
	match error {
		PoolError::InvalidTransaction(InvalidTransaction::Custom(c)) => match *c {
			invalid_tx::NOT_ADMITTED => "not_admitted",
			invalid_tx::QUOTA_EXCEEDED => "quota",
			invalid_tx::CALL_NOT_ALLOWED => "call_not_allowed",
			invalid_tx::TOO_LONG => "too_long",
			_ => "other",
		},
		PoolError::InvalidTransaction(InvalidTransaction::Stale) => "stale",
		PoolError::InvalidTransaction(InvalidTransaction::Future) => "future",
		PoolError::InvalidTransaction(InvalidTransaction::BadProof) => "bad_signature",
		PoolError::AlreadyImported(_) | PoolError::TemporarilyBanned => "already_imported",
		_ => "other",
	}
}

/// The storage key of a plain storage value.
fn value_key(pallet: &[u8], item: &[u8]) -> StorageKey {
	StorageKey([twox_128(pallet), twox_128(item)].concat())
}

fn read<T: Decode>(client: &FullClient, hash: H256, key: &StorageKey) -> Option<T> {
	let data = client.storage(hash, key).ok().flatten()?;
	T::decode(&mut &data.0[..]).ok()
}

/// The node's transaction pool as its JSON-RPC server sees it: every call goes to the pool,
/// and each refused submission is counted by reason in `civitas_pool_refusals_total`.
pub struct CountingPool<P> {
	inner: Arc<P>,
	metrics: Option<Metrics>,
}

impl<P> CountingPool<P> {
	/// Wraps `inner`; counts nothing when the node has no Prometheus endpoint.
	pub fn new(inner: Arc<P>, metrics: Option<Metrics>) -> Self {
		Self { inner, metrics }
	}
}

impl<P: TransactionPool> CountingPool<P> {
	fn count(&self, error: P::Error) -> P::Error {
		match error.into_pool_error() {
			Ok(e) => {
				if let Some(m) = &self.metrics {
					m.refused(&e);
				}
				e.into()
			},
			Err(other) => other,
		}
	}
}

type ReadyIterator<P> =
	Box<dyn ReadyTransactions<Item = Arc<<P as TransactionPool>::InPoolTransaction>> + Send>;

#[async_trait::async_trait]
impl<P: TransactionPool + 'static> TransactionPool for CountingPool<P> {
	type Block = P::Block;
	type Hash = P::Hash;
	type InPoolTransaction = P::InPoolTransaction;
	type Error = P::Error;

	async fn submit_at(
		&self,
		at: <Self::Block as BlockT>::Hash,
		source: TransactionSource,
		xts: Vec<TransactionFor<Self>>,
	) -> Result<Vec<Result<TxHash<Self>, Self::Error>>, Self::Error> {
		match self.inner.submit_at(at, source, xts).await {
			Ok(results) => Ok(results.into_iter().map(|r| r.map_err(|e| self.count(e))).collect()),
			Err(e) => Err(self.count(e)),
		}
	}

	async fn submit_one(
		&self,
		at: <Self::Block as BlockT>::Hash,
		source: TransactionSource,
		xt: TransactionFor<Self>,
	) -> Result<TxHash<Self>, Self::Error> {
		self.inner.submit_one(at, source, xt).await.map_err(|e| self.count(e))
	}

	async fn submit_and_watch(
		&self,
		at: <Self::Block as BlockT>::Hash,
		source: TransactionSource,
		xt: TransactionFor<Self>,
	) -> Result<Pin<Box<TransactionStatusStreamFor<Self>>>, Self::Error> {
		self.inner.submit_and_watch(at, source, xt).await.map_err(|e| self.count(e))
	}

	async fn ready_at(&self, at: <Self::Block as BlockT>::Hash) -> ReadyIterator<P> {
		self.inner.ready_at(at).await
	}

	fn ready(&self) -> ReadyIterator<P> {
		self.inner.ready()
	}

	async fn report_invalid(
		&self,
		at: Option<<Self::Block as BlockT>::Hash>,
		invalid_tx_errors: TxInvalidityReportMap<TxHash<Self>>,
	) -> Vec<Arc<Self::InPoolTransaction>> {
		self.inner.report_invalid(at, invalid_tx_errors).await
	}

	fn futures(&self) -> Vec<Self::InPoolTransaction> {
		self.inner.futures()
	}

	fn status(&self) -> PoolStatus {
		self.inner.status()
	}

	fn import_notification_stream(&self) -> ImportNotificationStream<TxHash<Self>> {
		self.inner.import_notification_stream()
	}

	fn on_broadcasted(&self, propagations: HashMap<TxHash<Self>, Vec<String>>) {
		self.inner.on_broadcasted(propagations)
	}

	fn hash_of(&self, xt: &TransactionFor<Self>) -> TxHash<Self> {
		self.inner.hash_of(xt)
	}

	fn ready_transaction(&self, hash: &TxHash<Self>) -> Option<Arc<Self::InPoolTransaction>> {
		self.inner.ready_transaction(hash)
	}

	async fn ready_at_with_timeout(
		&self,
		at: <Self::Block as BlockT>::Hash,
		timeout: std::time::Duration,
	) -> ReadyIterator<P> {
		self.inner.ready_at_with_timeout(at, timeout).await
	}
}

#[async_trait::async_trait]
impl<P: MaintainedTransactionPool + 'static> MaintainedTransactionPool for CountingPool<P> {
	async fn maintain(&self, event: ChainEvent<Self::Block>) {
		self.inner.maintain(event).await
	}
}
