//! Weights measured for this runtime on the consortium's reference machine (2 cores), by
//! `scripts/benchmark.sh`:
//! - `block_weights`, `extrinsic_weights`: `scripts/benchmark.sh overhead` (an empty block; a
//!   signed remark through every transaction extension, signature check included);
//! - `paritydb_weights`: `scripts/benchmark.sh storage DB` (a read and a write of ParityDB on the
//!   benchmark chain's state after a load run);
//! - `frame_system`, `frame_system_extensions`, `pallet_balances`, `pallet_timestamp`: FRAME's
//!   pallets and the system's transaction extensions (`scripts/benchmark.sh <pallet>`). The
//!   Civitas pallets keep their weights in their own `weights.rs`.

pub mod block_weights;
pub mod extrinsic_weights;
pub mod frame_system;
pub mod frame_system_extensions;
pub mod pallet_balances;
pub mod pallet_timestamp;
pub mod paritydb_weights;

pub use block_weights::BlockExecutionWeight;
pub use extrinsic_weights::ExtrinsicBaseWeight;
pub use paritydb_weights::constants::ParityDbWeight;
