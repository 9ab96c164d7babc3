//! Fuzzes the agreement that pass 1 relies on: where rio reads an N-Triples or N-Quads
//! document cleanly, pass 1 takes rio's reading instead of running oxttl. So for any bytes,
//! checking with pass 2 (rio first, oxttl only when rio cannot vouch) and without it (oxttl
//! alone) must give the same verdict and, for a valid document, the same number of triples.
//! The first byte picks the format. (Turtle and TriG always go to oxttl: this target found
//! rio's Turtle reader taking `@prefixp: <x> .` as a prefix declaration.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use oxigraph::io::RdfFormat;
use pacta::check::{Checker, Input, Options};
use std::sync::OnceLock;

static CHECKER: OnceLock<Checker> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Some((&selector, text)) = data.split_first() else {
        return;
    };
    let format = if selector % 2 == 0 {
        RdfFormat::NTriples
    } else {
        RdfFormat::NQuads
    };
    let checker = CHECKER.get_or_init(|| Checker::new().expect("the ontology loads"));
    let input = Input::from_bytes("<input>", text, "http://example.org/base/", format);
    let run = |lint| {
        checker.check(
            std::slice::from_ref(&input),
            Options {
                lint,
                shapes: false,
            },
        )
    };
    let (Ok(both), Ok(oxttl)) = (run(true), run(false)) else {
        return;
    };
    assert_eq!(
        both.has_syntax_errors(),
        oxttl.has_syntax_errors(),
        "rio and oxttl disagree on {format:?}: {:?} / {:?}",
        both.findings,
        oxttl.findings
    );
    if !oxttl.has_syntax_errors() {
        assert_eq!(both.files[0].triples, oxttl.files[0].triples, "triple counts differ");
    }
});
