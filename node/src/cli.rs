//! Command-line interface.

/// The sub-commands of `civitas-node`.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect, insert keys and node keys.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (deprecated upstream: prefer `export-chain-spec`).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export the chain specification of `--chain` (`dev`, `local` or a file) as JSON.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain database.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// The database, machine and block benchmarks (needs `--features benchmark-cli`).
	#[cfg(feature = "benchmark-cli")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Database metadata.
	ChainInfo(sc_cli::ChainInfoCmd),

	/// A wallet's domain aliases: its member key and aliases, and binding proofs.
	#[command(subcommand)]
	Alias(crate::alias::AliasCmd),
}

/// `civitas-node [SUBCOMMAND] [OPTIONS]`.
///
/// The transaction pool is the single-state pool unless `--pool-type fork-aware` is given
/// (upstream's command line defaults to the fork-aware pool). Under the load tool
/// (`scripts/bench-tps.sh`, issue 14) the fork-aware pool took transactions in at 850 a second
/// against 1,500, left every other block two-thirds empty while it rebuilt its view, and lost
/// 12,512 of 25,607 transactions it had accepted, without an event; the single-state pool
/// included every one. Civitas has one chain and GRANDPA finality, which the single-state pool
/// serves: it re-submits what a re-organisation retracts.
///
/// The network backend is libp2p unless `--network-backend litep2p` is given (upstream's
/// command line defaults to litep2p). The transactions protocol re-broadcasts the pool every
/// 2.9 s, one notification per transaction a peer is not known to have. litep2p closes the
/// whole connection to a peer once 2,048 notifications are queued for it (polkadot-sdk issue
/// 12111), and queues them faster than it sends them: on an idle machine a node with 4,000
/// ready transactions lost a peer that joined late in 85 to 87 of 100 samples over 25 s, and
/// the peer received 190 to 260 of them; with libp2p it kept the peer and the peer received
/// all 4,000 in four runs of five (`tests/bench/gossip.mjs`; libp2p can lose the peer too,
/// far less often). On the four-validator network under load litep2p's nodes
/// stayed at 0 to 2 peers and Aura, which does not author without peers, stopped (one block
/// in two minutes); libp2p's included and finalized all 52,443 transactions
/// (`README.md`, "Throughput").
#[derive(Debug, clap::Parser)]
#[command(mut_arg("pool_type", |arg| arg.default_value("single-state")))]
#[command(mut_arg("network_backend", |arg| arg.default_value("libp2p")))]
pub struct Cli {
	/// A sub-command; none runs the node.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// Options of the node itself.
	#[clap(flatten)]
	pub run: sc_cli::RunCmd,
}

#[cfg(test)]
mod tests {
	use super::Cli;
	use clap::Parser;
	use sc_cli::{NetworkBackendType, TransactionPoolType};

	#[test]
	fn the_pool_is_single_state_unless_fork_aware_is_asked_for() {
		let cli = Cli::try_parse_from(["civitas-node", "--dev"]).expect("parses");
		assert!(matches!(cli.run.pool_config.pool_type, TransactionPoolType::SingleState));
		let cli =
			Cli::try_parse_from(["civitas-node", "--pool-type", "fork-aware"]).expect("parses");
		assert!(matches!(cli.run.pool_config.pool_type, TransactionPoolType::ForkAware));
	}

	#[test]
	fn the_network_backend_is_libp2p_unless_litep2p_is_asked_for() {
		let cli = Cli::try_parse_from(["civitas-node", "--dev"]).expect("parses");
		assert!(matches!(cli.run.network_params.network_backend, NetworkBackendType::Libp2p));
		let cli =
			Cli::try_parse_from(["civitas-node", "--network-backend", "litep2p"]).expect("parses");
		assert!(matches!(cli.run.network_params.network_backend, NetworkBackendType::Litep2p));
	}
}
