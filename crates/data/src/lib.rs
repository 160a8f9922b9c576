//! Reading the data Wikken imports into records, with every problem named
//! by file, row and column. Pure: the caller reads the bytes and stores
//! the records (in one transaction).

pub mod area;
pub mod caps;
pub mod cbs_odata;
pub mod demo;
pub mod geo;
mod import_issues;
pub mod indicators;
pub mod kwb;
pub mod leefbaarometer;
pub mod own;
pub mod pdok;

pub use area::{AreaCode, AreaLevel};
pub use cbs_odata::parse_odata_kwb;
pub use indicators::{CATALOGUE, IndicatorDef};
pub use kwb::{Area, Dataset, ImportIssue, NationalValue, Observation, parse_kwb};
pub use leefbaarometer::{LbmClass, parse_leefbaarometer};
