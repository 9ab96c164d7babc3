//! pacta's integration tests: the real binary, run on real files.
//!
//! One test binary (as ripgrep does) so that cargo links it once.

mod check;
mod cli;
mod data;
mod errors;
mod networks;
mod questions;
mod questions_extra;
mod store;
mod util;
