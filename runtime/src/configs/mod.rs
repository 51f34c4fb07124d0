//! Configuration of the runtime's pallets, one file per area.

mod consensus;
mod monetary;
mod system;

pub use system::{RuntimeBlockLength, RuntimeBlockWeights};
