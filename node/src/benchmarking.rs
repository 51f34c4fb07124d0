//! `civitas-node benchmark …` (only with `--features benchmark-cli`).
//!
//! Supported: `storage` (the database's read and write weights, on this node's own ParityDB),
//! `machine` and `block`. The pallet and overhead benchmarks need no node: `scripts/benchmark.sh`
//! runs them with frame-omni-bencher over the runtime's wasm, and they are refused here with
//! that explanation.

use frame_benchmarking_cli::{BenchmarkCmd, SUBSTRATE_REFERENCE_HARDWARE};
use sc_cli::SubstrateCli;
use sc_service::PartialComponents;

use crate::{cli::Cli, service};

/// Runs a benchmark sub-command.
pub fn run(cli: &Cli, cmd: &BenchmarkCmd) -> sc_cli::Result<()> {
	let runner = cli.create_runner(cmd)?;
	runner.sync_run(|config| match cmd {
		BenchmarkCmd::Block(cmd) => {
			let PartialComponents { client, .. } = service::new_partial(&config)?;
			cmd.run(client)
		},
		BenchmarkCmd::Storage(cmd) => {
			let PartialComponents { client, backend, .. } = service::new_partial(&config)?;
			let db = backend.expose_db();
			let storage = backend.expose_storage();
			let shared_cache = backend.expose_shared_trie_cache();
			cmd.run(config, client, db, storage, shared_cache)
		},
		BenchmarkCmd::Machine(cmd) => cmd.run(&config, SUBSTRATE_REFERENCE_HARDWARE.clone()),
		BenchmarkCmd::Pallet(_) | BenchmarkCmd::Overhead(_) | BenchmarkCmd::Extrinsic(_) => {
			Err("the pallet and overhead benchmarks run with frame-omni-bencher over the \
			 runtime's wasm: scripts/benchmark.sh"
				.into())
		},
	})
}
