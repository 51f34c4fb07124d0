//! Configuration of the runtime's pallets, one file per area.

pub mod aliases;
mod consensus;
mod governance;
mod identity;
mod invoices;
mod land_titles;
mod licences;
mod monetary;
mod provident_fund;
mod system;
mod wage_escrow;

pub use governance::SESSION_PERIOD;
pub use system::{RuntimeBlockLength, RuntimeBlockWeights, SS58Prefix};
