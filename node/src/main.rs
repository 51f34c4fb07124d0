//! Civitas node: the program each consortium agency runs.

#![warn(missing_docs)]
// `sc_cli::Error` and `sc_service::Error` are large upstream types the node returns as they are.
#![allow(clippy::result_large_err)]

mod alias;
#[cfg(feature = "benchmark-cli")]
mod benchmarking;
mod chain_spec;
mod cli;
mod command;
mod metrics;
mod proposer;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
