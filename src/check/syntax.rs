//! Pass 1: every syntax error, with its position.
//!
//! oxttl, the parser Oxigraph loads with, recovers after an error in Turtle, TriG, N-Triples
//! and N-Quads: it drops the statement and goes on with the next one. So this pass reports
//! each error, not only the first, and it accepts exactly what the loader accepts.
//!
//! When pass 2 runs too, rio reads every file. An N-Triples or N-Quads file that rio reads
//! from end to end, with nothing oxttl might judge otherwise (see `lint::FileRead`), is valid
//! for oxttl too, so pass 1 takes rio's reading for it ([`read_by_rio`]) and oxttl does not
//! read it. Tests hold the two parsers to the same verdict on the W3C N-Triples and N-Quads
//! suites, and the `agree` fuzz target looks for a document they disagree on. Turtle and TriG
//! always go to oxttl: rio's Turtle reader is laxer in places that no cheap check can catch
//! (it takes `@prefixp: <x> .` as a prefix declaration, where the grammar's longest match
//! makes `@prefixp` a language tag, found by that fuzz target).

use super::input::{Input, NotUtf8};
use super::report::{Finding, Pass, Severity};
use crate::error::{Error, Result};
use crate::progress::Progress;
use crate::store;
use oxigraph::io::{RdfFormat, RdfParseError, RdfParser};
use std::io;

/// After this many errors in one file the rest is noise; the pass stops and says so.
const MAX_ERRORS: usize = 100;

/// What pass 1 found in one file.
pub(super) struct Syntax {
    pub triples: u64,
    pub findings: Vec<Finding>,
}

/// True for the formats where pass 1 may take rio's reading of a clean file.
pub(super) fn rio_vouches_for(format: RdfFormat) -> bool {
    matches!(format, RdfFormat::NTriples | RdfFormat::NQuads)
}

/// Fails with a usage error if the input's base IRI is not an absolute IRI.
pub(super) fn check_base(input: &Input<'_>) -> Result<()> {
    oxiri::Iri::parse(input.base.as_str())
        .map(|_| ())
        .map_err(|e| Error::Arguments(format!("invalid base IRI '{}': {e}", input.base)))
}

/// Pass 1 for a file that rio read cleanly: no errors, and a warning if it holds no triples.
pub(super) fn read_by_rio(input: &Input<'_>, triples: u64) -> Syntax {
    let mut syntax = Syntax {
        triples,
        findings: Vec::new(),
    };
    syntax.warn_if_empty(input);
    syntax
}

impl Syntax {
    fn warn_if_empty(&mut self, input: &Input<'_>) {
        if self.triples == 0 && self.findings.is_empty() {
            self.findings.push(Finding {
                file: input.name.clone(),
                line: 0,
                column: 0,
                severity: Severity::Warning,
                pass: Pass::Syntax,
                code: "empty".to_owned(),
                message: "holds no triples".to_owned(),
                focus: None,
            });
        }
    }
}

/// Parses the whole document, collecting every syntax error.
pub(super) fn check(input: &Input<'_>, progress: &Progress) -> Result<Syntax> {
    let parser = RdfParser::from_format(input.format)
        .with_base_iri(input.base.as_str())
        .map_err(|e| Error::Arguments(format!("invalid base IRI '{}': {e}", input.base)))?;
    let reader = input.open(progress, false)?;
    let line = reader.line();
    let mut syntax = Syntax {
        triples: 0,
        findings: Vec::new(),
    };
    let finding = |line: u64, column: u64, code: &str, message: String| Finding {
        file: input.name.clone(),
        line,
        column,
        severity: Severity::Error,
        pass: Pass::Syntax,
        code: code.to_owned(),
        message,
        focus: None,
    };
    for result in parser.for_reader(reader) {
        match result {
            Ok(_) => syntax.triples += 1,
            Err(RdfParseError::Syntax(error)) => {
                let (line, column) = error
                    .location()
                    .map_or((0, 0), |l| (l.start.line + 1, l.start.column + 1));
                // oxttl may report a second error where the first one left it; one per place.
                if syntax
                    .findings
                    .last()
                    .is_some_and(|f| (f.line, f.column) == (line, column))
                {
                    continue;
                }
                let message = store::syntax_message(&error.to_string());
                syntax
                    .findings
                    .push(finding(line, column, "syntax", message));
                if !input.recovers() {
                    break;
                }
                if syntax.findings.len() == MAX_ERRORS {
                    syntax.findings.push(finding(
                        line,
                        0,
                        "syntax",
                        format!("{MAX_ERRORS} syntax errors; stopped reading this file"),
                    ));
                    break;
                }
            }
            Err(RdfParseError::Io(error)) => {
                match io_finding(&error, line.get(), &finding) {
                    Some(found) => syntax.findings.push(found),
                    None => {
                        return Err(Error::DataInvalid {
                            file: input.name.clone(),
                            message: error.to_string(),
                        });
                    }
                }
                break;
            }
        }
    }
    syntax.warn_if_empty(input);
    Ok(syntax)
}

/// A read error as a finding when it is about the text; `None` when the file itself failed.
fn io_finding(
    error: &io::Error,
    line: u64,
    finding: &impl Fn(u64, u64, &str, String) -> Finding,
) -> Option<Finding> {
    if let Some(not_utf8) = error.get_ref().and_then(|e| e.downcast_ref::<NotUtf8>()) {
        return Some(finding(
            not_utf8.line,
            not_utf8.column,
            "encoding",
            "not UTF-8 text; RDF files must be UTF-8".to_owned(),
        ));
    }
    if error.kind() == io::ErrorKind::OutOfMemory {
        // oxttl holds at most 16 MiB for one token: a literal or IRI longer than that.
        return Some(finding(
            line,
            0,
            "too-long",
            "a single term longer than 16 MiB; pacta reads terms up to 16 MiB".to_owned(),
        ));
    }
    None
}
