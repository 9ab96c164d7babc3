//! `pacta check`: everything wrong with a user's RDF files, all at once, with positions.
//!
//! Three passes:
//! 1. [`syntax`]: every syntax error (oxttl recovers and goes on);
//! 2. [`lint`]: the vocabulary pass, streaming in constant memory: unknown pacta terms,
//!    literals against datatypes and ranges, links to undescribed entities, domains and ranges;
//! 3. [`shapes`]: the SHACL shapes of `ontology/shapes.ttl`, with the built-in graph.
//!
//! Passes 1 and 2 read the files side by side on two threads, and the pieces of a large
//! N-Triples or N-Quads file on every core. An N-Triples or N-Quads file is read once for both
//! passes when rio can vouch for it. Pass 3 needs a store, so it runs only when the files
//! parse. Loading (`query --data`, `ask --data`, `load`) runs passes 1 and 2 through
//! [`precheck`].

mod input;
mod lint;
mod nesting;
mod report;
mod schema;
mod shapes;
mod syntax;
mod table;

pub use input::Input;
pub use report::{FileSummary, Finding, Pass, Report, Severity, write_text};

use crate::KnowledgeGraph;
use crate::error::{Error, Result};
use crate::progress::Progress;
use crate::store::Source;
use oxigraph::model::NamedNode;
use schema::Schema;
use std::collections::HashSet;

/// Inputs larger than this skip pass 3, which holds them in memory; passes 1 and 2 stream.
pub const SHAPES_LIMIT: u64 = 1 << 30;

/// Which passes to run.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Run pass 2, the vocabulary lint.
    pub lint: bool,
    /// Run pass 3, the shapes.
    pub shapes: bool,
}

/// Checks files against pacta's ontology and shapes; see the module documentation.
pub fn check(inputs: &[Input<'_>], options: Options) -> Result<Report> {
    Checker::new()?.check(inputs, options)
}

/// What the passes know of the ontology, read once from the built-in graph and reusable.
pub struct Checker {
    schema: Schema,
}

impl Checker {
    /// Reads the ontology out of the built-in graph.
    pub fn new() -> Result<Self> {
        let graph = KnowledgeGraph::builtin()?;
        Ok(Self {
            schema: Schema::from_store(graph.store())?,
        })
    }

    /// Runs the passes `options` asks for over `inputs`, checked together.
    pub fn check(&self, inputs: &[Input<'_>], options: Options) -> Result<Report> {
        check_with(&self.schema, inputs, options)
    }
}

fn check_with(schema: &Schema, inputs: &[Input<'_>], options: Options) -> Result<Report> {
    let mut report = streaming_passes(inputs, schema, options.lint)?;
    if options.shapes {
        let total: u64 = inputs.iter().map(|i| i.len).sum();
        if report.has_syntax_errors() {
            report
                .skipped
                .push("shapes (pass 3) skipped: the files must parse first".to_owned());
        } else if total > SHAPES_LIMIT {
            report.skipped.push(format!(
                "shapes (pass 3) skipped: the input is over {} MiB, and pass 3 holds it in memory",
                SHAPES_LIMIT >> 20
            ));
        } else {
            report.findings.extend(shape_pass(inputs)?);
        }
    }
    let order: Vec<String> = inputs.iter().map(|i| i.name.clone()).collect();
    report.finish(&order);
    Ok(report)
}

/// Passes 1 and 2, side by side: rio (pass 2) reads every file on one thread while oxttl
/// (pass 1) reads the others on this one. An N-Triples or N-Quads file rio reads cleanly needs
/// no second reading (see [`syntax`]); oxttl reads it afterwards only if rio could not vouch
/// for it.
fn streaming_passes(inputs: &[Input<'_>], schema: &Schema, lint: bool) -> Result<Report> {
    for input in inputs {
        syntax::check_base(input)?;
    }
    let vouched = |input: &Input<'_>| lint && syntax::rio_vouches_for(input.format);
    // rio reads every file, oxttl the others (and any rio cannot vouch for, not counted here).
    let total: u64 = inputs
        .iter()
        .map(|i| i.len * (u64::from(lint) + u64::from(!vouched(i))))
        .sum();
    let progress = Progress::bytes(total, "checking");
    let (first, linted) = std::thread::scope(|scope| {
        // rio recurses, and a guard stops it at 128 levels; a large stack leaves a wide margin.
        let linter = lint.then(|| {
            std::thread::Builder::new()
                .name("vocabulary".to_owned())
                .stack_size(64 << 20)
                .spawn_scoped(scope, || lint::run(schema, inputs, &progress))
        });
        let first: Vec<Option<Result<syntax::Syntax>>> = inputs
            .iter()
            .map(|input| (!vouched(input)).then(|| syntax::check(input, &progress)))
            .collect();
        let linted = linter.map(|spawned| {
            spawned.map_err(Error::Output).and_then(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|_| Err(Error::Usage("the vocabulary pass failed".to_owned())))
            })
        });
        (first, linted)
    });
    let linted = linted.transpose()?;
    let mut report = Report::default();
    for ((index, input), first) in inputs.iter().enumerate().zip(first) {
        let syntax = match (first, linted.as_ref().map(|l| l.reads[index])) {
            (Some(syntax), _) => syntax?,
            (None, Some(read)) if !read.doubtful => syntax::read_by_rio(input, read.triples),
            (None, _) => syntax::check(input, &progress)?,
        };
        report.files.push(FileSummary {
            file: input.name.clone(),
            triples: syntax.triples,
        });
        report.findings.extend(syntax.findings);
    }
    progress.finish();
    if let Some(linted) = linted {
        report.findings.extend(linted.findings);
        let broken = report.files_with_syntax_errors();
        // Where pass 1 found errors, the lint stopping there adds nothing.
        let stopped: Vec<Finding> = linted
            .stopped
            .into_iter()
            .filter(|f| !broken.contains(f.file.as_str()))
            .collect();
        report.findings.extend(stopped);
        if linted.dropped > 0 {
            report.skipped.push(format!(
                "{} more vocabulary findings not shown (the first {} are)",
                linted.dropped,
                report.findings.len()
            ));
        }
        if linted.lost > 0.0 {
            report.skipped.push(format!(
                "the files describe so many nodes that {:.1}% of their triples' subjects did \
                 not fit pass 2's fixed-size table (its memory stays flat); links to those \
                 subjects were not checked",
                linted.lost * 100.0
            ));
        }
    } else {
        report
            .skipped
            .push("vocabulary (pass 2) skipped".to_owned());
    }
    Ok(report)
}

/// Pass 3: loads the files beside the built-in graph and validates the nodes they describe.
fn shape_pass(inputs: &[Input<'_>]) -> Result<Vec<Finding>> {
    let shapes = shapes::Shapes::builtin()?;
    let graph = KnowledgeGraph::builtin()?;
    let sources: Vec<Source> = inputs.iter().map(Input::to_source).collect::<Result<_>>()?;
    graph.load(&sources)?;
    let graphs: Vec<NamedNode> = sources.iter().map(|s| s.graph.clone()).collect();
    let violations = shapes.validate(graph.store(), Some(&graphs))?;
    let mut located = Vec::new();
    let mut wanted = HashSet::new();
    for violation in violations {
        let (name, node) = shapes::locate(graph.store(), &violation.focus)?;
        if let Some(node) = &node {
            wanted.insert(node.clone());
        }
        located.push((violation, name, node));
    }
    let lines = lint::first_lines(inputs, &wanted)?;
    Ok(located
        .into_iter()
        .map(|(violation, name, node)| {
            let (file, line) = node.and_then(|n| lines.get(&n).copied()).unwrap_or((0, 0));
            Finding {
                file: inputs[file].name.clone(),
                line,
                column: 0,
                severity: violation.severity,
                pass: Pass::Shapes,
                code: violation.shape,
                message: violation.message,
                focus: Some(name),
            }
        })
        .collect())
}

/// Passes 1 and 2 over sources about to be loaded. Prints every finding to stderr (lint
/// findings as warnings) and refuses the load if any file has a syntax error.
pub fn precheck(sources: &[Source], lint: bool) -> Result<()> {
    if sources.is_empty() {
        return Ok(());
    }
    let inputs: Vec<Input<'_>> = sources.iter().map(Input::from_source).collect();
    let checker = Checker::new()?;
    let mut report = streaming_passes(&inputs, &checker.schema, lint)?;
    let order: Vec<String> = inputs.iter().map(|i| i.name.clone()).collect();
    report.finish(&order);
    for finding in &mut report.findings {
        if finding.pass != Pass::Syntax {
            finding.severity = Severity::Warning;
        }
        eprintln!("{}", finding.to_line());
    }
    if report.has_syntax_errors() {
        let broken: Vec<&str> = report.files_with_syntax_errors().into_iter().collect();
        return Err(Error::Rejected(format!(
            "nothing was loaded: {} has syntax errors (run `pacta check` for the full report)",
            broken.join(", ")
        )));
    }
    Ok(())
}

impl Checker {
    /// Checks bytes as one Turtle document with passes 1 and 2: the fuzzing entry point.
    pub fn check_bytes(&self, bytes: &[u8]) -> Result<Report> {
        let input = Input::from_bytes(
            "<input>",
            bytes,
            "http://example.org/",
            oxigraph::io::RdfFormat::Turtle,
        );
        self.check(
            &[input],
            Options {
                lint: true,
                shapes: false,
            },
        )
    }
}
