//! Fuzzes the check path: any bytes through passes 1 and 2 must give a report or an error,
//! never a panic, a hang or a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static CHECKER: OnceLock<pacta::check::Checker> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let checker = CHECKER.get_or_init(|| pacta::check::Checker::new().expect("the ontology loads"));
    let _ = checker.check_bytes(data);
});
