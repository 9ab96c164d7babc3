//! What `pacta check` found, and how it is printed: `FILE:LINE:COLUMN: severity[code]: message`,
//! as compilers print, or JSON for programs.

use serde::Serialize;
use std::collections::BTreeSet;
use std::io::{self, Write};

/// How bad a finding is. Errors make `check` fail; warnings only with `--strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The data is wrong: it would not load, or it breaks the ontology.
    Error,
    /// The data is probably wrong, or could not be checked completely.
    Warning,
}

/// Which pass found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Pass {
    /// Pass 1: the document is not valid in its syntax.
    Syntax,
    /// Pass 2: terms, literals and links checked against the ontology, streaming.
    Vocabulary,
    /// Pass 3: SHACL shapes, checked with the built-in graph.
    Shapes,
}

/// One problem, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The file, as the user named it.
    pub file: String,
    /// 1-based line; 0 when the parser gave no position.
    pub line: u64,
    /// 1-based column, in characters; 0 when unknown.
    pub column: u64,
    /// How bad it is.
    pub severity: Severity,
    /// Which pass found it.
    pub pass: Pass,
    /// A short, stable name for the kind of problem (`unknown-term`, `syntax`, a shape's name).
    pub code: String,
    /// What is wrong, for a person.
    pub message: String,
    /// The node the finding is about (shapes), in compact form where a prefix fits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
}

/// Figures for one checked file.
#[derive(Debug, Clone, Serialize)]
pub struct FileSummary {
    /// The file, as the user named it.
    pub file: String,
    /// Triples (or quads) the syntax pass read.
    pub triples: u64,
}

/// Everything `check` found in a set of files.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// The files, in the order given.
    pub files: Vec<FileSummary>,
    /// The findings, by file, then line.
    pub findings: Vec<Finding>,
    /// Passes that were skipped, and why.
    pub skipped: Vec<String>,
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
}

impl Report {
    /// Sorts the findings for reading and counts them.
    pub(super) fn finish(&mut self, order: &[String]) {
        let rank = |file: &str| order.iter().position(|f| f == file).unwrap_or(usize::MAX);
        // Code and message break ties, so that the order never depends on hash maps (two
        // shapes can report one node on one line).
        self.findings.sort_by(|a, b| {
            (rank(&a.file), a.line, a.column, a.pass, &a.code, &a.message).cmp(&(
                rank(&b.file),
                b.line,
                b.column,
                b.pass,
                &b.code,
                &b.message,
            ))
        });
        self.errors = self.count(Severity::Error);
        self.warnings = self.count(Severity::Warning);
    }

    fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// True when some finding is a syntax error: such data must not be loaded.
    pub fn has_syntax_errors(&self) -> bool {
        !self.files_with_syntax_errors().is_empty()
    }

    /// The files pass 1 found errors in, in name order.
    pub fn files_with_syntax_errors(&self) -> BTreeSet<&str> {
        self.findings
            .iter()
            .filter(|f| f.pass == Pass::Syntax && f.severity == Severity::Error)
            .map(|f| f.file.as_str())
            .collect()
    }

    /// True when the data passes: no errors, and no warnings either if `strict`.
    pub fn passes(&self, strict: bool) -> bool {
        self.errors == 0 && (!strict || self.warnings == 0)
    }

    /// One line for the end of the output: `2 errors, 1 warning in 3 files (1,204 triples)`.
    pub fn summary(&self) -> String {
        let triples: u64 = self.files.iter().map(|f| f.triples).sum();
        format!(
            "{} in {} ({} {})",
            counted(self.errors, "error", "errors")
                + ", "
                + &counted(self.warnings, "warning", "warnings"),
            counted(self.files.len(), "file", "files"),
            triples,
            if triples == 1 { "triple" } else { "triples" }
        )
    }
}

fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Finding {
    /// The finding as one line, the way compilers print: position first.
    pub fn to_line(&self) -> String {
        let position = match (self.line, self.column) {
            (0, _) => self.file.clone(),
            (line, 0) => format!("{}:{line}", self.file),
            (line, column) => format!("{}:{line}:{column}", self.file),
        };
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let focus = self
            .focus
            .as_ref()
            .map(|f| format!("{f}: "))
            .unwrap_or_default();
        format!(
            "{position}: {severity}[{}]: {focus}{}",
            self.code, self.message
        )
    }
}

/// Writes every finding, then what was skipped, then the summary.
pub fn write_text(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for finding in &report.findings {
        writeln!(out, "{}", finding.to_line())?;
    }
    for skipped in &report.skipped {
        writeln!(out, "note: {skipped}")?;
    }
    writeln!(out, "{}", report.summary())
}
