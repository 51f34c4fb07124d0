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
}

/// `civitas-node [SUBCOMMAND] [OPTIONS]`.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	/// A sub-command; none runs the node.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// Options of the node itself.
	#[clap(flatten)]
	pub run: sc_cli::RunCmd,
}
