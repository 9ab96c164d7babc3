//! The errors a user can meet, each carrying the file, line and column where there is one.
//!
//! The binary prints an error once, as `FILE:LINE:COLUMN: message` where a position is known,
//! and exits 1; nothing a user types should end in a panic.

use std::io;
use std::path::Path;

/// Everything that can go wrong in pacta.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A data file is not valid in its format.
    #[error("{file}:{line}:{column}: {message}")]
    DataSyntax {
        /// The file, as the user named it.
        file: String,
        /// 1-based line.
        line: u64,
        /// 1-based column, in characters.
        column: u64,
        /// What the parser said.
        message: String,
    },
    /// A data file is invalid, and the parser gave no position (RDF/XML).
    #[error("{file}: {message}")]
    DataInvalid {
        /// The file, as the user named it.
        file: String,
        /// What the parser said.
        message: String,
    },
    /// A SPARQL query does not parse.
    #[error("{origin}:{line}:{column}: {message}")]
    QuerySyntax {
        /// Where the query came from: a file, `<query>` or `<stdin>`.
        origin: String,
        /// 1-based line.
        line: u64,
        /// 1-based column.
        column: u64,
        /// What the parser expected.
        message: String,
    },
    /// A file could not be read or written.
    #[error("{path}: {message}")]
    File {
        /// The path, as the user named it.
        path: String,
        /// A short, human reason.
        message: String,
    },
    /// The query parsed, but evaluating it failed.
    #[error("query failed: {0}")]
    Evaluation(#[from] oxigraph::sparql::QueryEvaluationError),
    /// The store failed.
    #[error("store: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    /// `ask NAME` for a question that does not exist.
    #[error("no named question '{0}'; run `pacta ask` to list them")]
    UnknownQuestion(String),
    /// `describe NAME` matched nothing.
    #[error("no entity matches '{0}'")]
    UnknownEntity(String),
    /// `describe NAME` matched several entities.
    #[error("'{name}' is ambiguous; it matches:\n{}", candidates.iter().map(|(iri, label)| format!("  {label}  <{iri}>")).collect::<Vec<_>>().join("\n"))]
    Ambiguous {
        /// What the user typed.
        name: String,
        /// (IRI, label) of each candidate.
        candidates: Vec<(String, String)>,
    },
    /// A date argument that is not a calendar day.
    #[error("invalid date '{0}': expected a calendar day written YYYY-MM-DD")]
    InvalidDate(String),
    /// Data refused before loading; the findings were printed already.
    #[error("{0}")]
    Rejected(String),
    /// `pacta check` found problems; the findings were printed already.
    #[error("check failed: {summary}")]
    Problems {
        /// The report's last line: `2 errors, 1 warning in 3 files (1204 triples)`.
        summary: String,
        /// True when the report already ends with the summary (text reports do).
        shown: bool,
    },
    /// Arguments that do not fit together, or a request pacta cannot carry out.
    #[error("{0}")]
    Usage(String),
    /// A command-line argument that is malformed (exit code 2, as for clap's own errors).
    #[error("{0}")]
    Arguments(String),
    /// Writing the output failed (a closed pipe is handled by the binary).
    #[error("cannot write output: {0}")]
    Output(#[from] io::Error),
}

impl Error {
    /// An I/O error on a named file, with a reason a person can read.
    pub fn file(path: &Path, error: &io::Error) -> Self {
        let message = match error.kind() {
            io::ErrorKind::NotFound => "no such file".to_owned(),
            io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
            io::ErrorKind::IsADirectory => "is a directory, not a file".to_owned(),
            _ => error.to_string(),
        };
        Self::File {
            path: path.display().to_string(),
            message,
        }
    }

    /// The exit code: 2 for a command line that does not make sense (as clap does), else 1.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Arguments(_) => 2,
            _ => 1,
        }
    }

    /// True when the error is a write to a closed pipe (`pacta ... | head`).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Self::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// pacta's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The message as the binary prints it: errors with a position start with it
    /// (`FILE:LINE:COLUMN: ...`, as compilers do); the others with `pacta: `.
    /// Empty when the message has been shown already (a failed `pacta check`).
    pub fn for_terminal(&self) -> String {
        match self {
            Self::Problems { shown: true, .. } => String::new(),
            Self::DataSyntax { .. } | Self::QuerySyntax { .. } => self.to_string(),
            _ => format!("pacta: {self}"),
        }
    }
}
