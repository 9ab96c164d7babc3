//! Opening the Oxigraph store and loading RDF into it, all or nothing.
//!
//! Every file is parsed completely before the store is touched, and all parsed quads go in
//! through one transaction. A syntax error anywhere therefore leaves the store as it was.
//! Each file lands in its own named graph; queries see the union as their default graph.

use crate::embedded::{self, EmbeddedFile};
use crate::error::{Error, Result};
use crate::progress::Progress;
use crate::vocab;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{BlankNode, GraphName, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::store::Store;
use std::fs;
use std::path::{Path, PathBuf};

/// RDF to load: its bytes, format, target graph and a name for error messages.
#[derive(Debug, Clone)]
pub struct Source {
    /// What the user calls it (the path they typed, or `data/nato.ttl` for built-in files).
    pub name: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// The syntax to parse it with.
    pub format: RdfFormat,
    /// The named graph that receives the file's default-graph triples.
    pub graph: NamedNode,
    /// Base IRI for relative IRIs.
    pub base: Option<String>,
    /// Skip IRI and language-tag validation: only for the built-in files, which the test
    /// suite parses with full checks.
    trusted: bool,
}

impl Source {
    /// A built-in file, loaded into `https://w3id.org/pacta/graph/<path>`.
    pub fn embedded(file: &EmbeddedFile) -> Self {
        Self {
            name: file.path.to_owned(),
            bytes: file.text.as_bytes().to_vec(),
            format: RdfFormat::Turtle,
            graph: NamedNode::new_unchecked(format!("{}{}", vocab::GRAPH, file.path)),
            base: None,
            trusted: true,
        }
    }

    /// A user's file. Its format comes from `format` or else from its extension; its graph
    /// and default base IRI are its `file:` IRI.
    pub fn from_path(path: &Path, format: Option<RdfFormat>, base: Option<&str>) -> Result<Self> {
        let name = path.display().to_string();
        if path.is_dir() {
            return Err(Error::File {
                path: name,
                message: "is a directory, not a file".to_owned(),
            });
        }
        let format = match format {
            Some(format) => format,
            None => format_from_extension(path).ok_or_else(|| Error::File {
                path: name.clone(),
                message: "cannot tell the RDF format from the extension; use --data-format"
                    .to_owned(),
            })?,
        };
        let bytes = fs::read(path).map_err(|e| Error::file(path, &e))?;
        let graph = NamedNode::new(file_iri(path)).map_err(|e| Error::File {
            path: name.clone(),
            message: format!("cannot name a graph after this path: {e}"),
        })?;
        Ok(Self {
            base: Some(base.map_or_else(|| graph.as_str().to_owned(), str::to_owned)),
            name,
            bytes,
            format,
            graph,
            trusted: false,
        })
    }

    /// A user's document already in memory, loaded into `graph`.
    pub fn new(
        name: &str,
        bytes: Vec<u8>,
        format: RdfFormat,
        graph: NamedNode,
        base: &str,
    ) -> Self {
        Self {
            name: name.to_owned(),
            bytes,
            format,
            graph,
            base: Some(base.to_owned()),
            trusted: false,
        }
    }

    /// The same source, parsed with every check: used by tests on the built-in files.
    pub fn checked(mut self) -> Self {
        self.trusted = false;
        self
    }

    /// Parses the whole source. The first syntax error is returned with its position.
    pub fn parse(&self) -> Result<Vec<Quad>> {
        let mut parser = RdfParser::from_format(self.format).with_default_graph(self.graph.clone());
        if self.trusted {
            parser = parser.lenient();
        }
        if let Some(base) = &self.base {
            parser = parser
                .with_base_iri(base.as_str())
                .map_err(|e| Error::Usage(format!("invalid base IRI '{base}': {e}")))?;
        }
        let mut blank_nodes = BlankNodes::for_graph(self.graph.as_str());
        // A UTF-8 byte-order mark is not part of any RDF syntax, but editors write one.
        let bytes = self
            .bytes
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(&self.bytes);
        parser
            .for_slice(bytes)
            .map(|quad| {
                quad.map(|quad| blank_nodes.relabel(quad))
                    .map_err(|e| match e.location() {
                        Some(location) => Error::DataSyntax {
                            file: self.name.clone(),
                            line: location.start.line + 1,
                            column: location.start.column + 1,
                            message: syntax_message(&e.to_string()),
                        },
                        None => Error::DataInvalid {
                            file: self.name.clone(),
                            message: e.to_string(),
                        },
                    })
            })
            .collect()
    }
}

/// Gives a file's blank nodes labels that are the same on every run and differ between files.
///
/// The parser invents random labels for `[]`, which would make exports differ from run to
/// run; and two files may both say `_:b1` without meaning the same node. Labels here are the
/// file's graph IRI hashed, then a counter in order of first appearance.
struct BlankNodes {
    prefix: String,
    seen: std::collections::HashMap<BlankNode, BlankNode>,
}

impl BlankNodes {
    fn for_graph(graph: &str) -> Self {
        // FNV-1a: tiny, stable across Rust releases (unlike DefaultHasher).
        let hash = graph.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
        Self {
            prefix: format!("g{hash:016x}n"),
            seen: std::collections::HashMap::new(),
        }
    }

    fn node(&mut self, node: BlankNode) -> BlankNode {
        let next = self.seen.len();
        self.seen
            .entry(node)
            .or_insert_with(|| BlankNode::new_unchecked(format!("{}{next}", self.prefix)))
            .clone()
    }

    fn relabel(&mut self, mut quad: Quad) -> Quad {
        if let NamedOrBlankNode::BlankNode(node) = quad.subject {
            quad.subject = self.node(node).into();
        }
        if let Term::BlankNode(node) = quad.object {
            quad.object = self.node(node).into();
        }
        if let GraphName::BlankNode(node) = quad.graph_name {
            quad.graph_name = self.node(node).into();
        }
        quad
    }
}

/// oxttl prefixes its messages with the position in its own words; we print ours instead.
pub(crate) fn syntax_message(message: &str) -> String {
    match message.split_once(": ") {
        Some((head, rest)) if head.starts_with("Parser error at line") => rest.to_owned(),
        _ => message.to_owned(),
    }
}

/// The RDF format for a file extension, including the `owl` files ontologies ship as.
pub fn format_from_extension(path: &Path) -> Option<RdfFormat> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "owl" | "xml" => Some(RdfFormat::RdfXml),
        "json" => RdfFormat::from_extension("jsonld"),
        other => RdfFormat::from_extension(other),
    }
}

/// The `file:` IRI of a path, made absolute so that it names the same graph from anywhere.
pub(crate) fn file_iri(path: &Path) -> String {
    let absolute: PathBuf = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut iri = String::from("file://");
    for byte in absolute.to_string_lossy().bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            iri.push(char::from(byte));
        } else {
            iri.push_str(&format!("%{byte:02X}"));
        }
    }
    iri
}

/// Parses every source and inserts all of them in one transaction: all or nothing.
///
/// Parsing the built-in dataset is most of a cold start and the files are independent, so
/// they are parsed on every core while this thread inserts each one as it arrives. The
/// transaction commits only if every source parsed; otherwise it is dropped, which leaves the
/// store as it was. Returns the number of quads read.
pub fn load_atomically(store: &Store, sources: &[Source]) -> Result<usize> {
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(sources.len())
        .max(1);
    // The built-in files load in milliseconds; only users' files can take long enough to show.
    let user_bytes: u64 = sources
        .iter()
        .filter(|s| !s.trusted)
        .map(|s| s.bytes.len() as u64)
        .sum();
    let progress = Progress::bytes(user_bytes, "loading");
    let mut transaction = store.start_transaction()?;
    let mut count = 0;
    let mut inserted = 0;
    let failpoint = failpoint();
    let mut first_error: Option<(usize, Error)> = None;
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::channel();
        for worker in 0..workers {
            let sender = sender.clone();
            scope.spawn(move || {
                for (index, source) in sources.iter().enumerate().skip(worker).step_by(workers) {
                    if sender.send((index, source.parse())).is_err() {
                        return;
                    }
                }
            });
        }
        drop(sender);
        for (index, parsed) in receiver {
            match parsed {
                Ok(quads) if first_error.is_none() => {
                    inserted += 1;
                    if failpoint == Some(inserted) {
                        // Half the file goes in, then the load fails.
                        for quad in &quads[..quads.len() / 2] {
                            transaction.insert(quad);
                        }
                        first_error = Some((
                            index,
                            Error::Usage(format!(
                                "load stopped halfway through file {inserted} ({PACTA_FAILPOINT})"
                            )),
                        ));
                        continue;
                    }
                    count += quads.len();
                    let source = &sources[index];
                    let step = if source.trusted {
                        0
                    } else {
                        source.bytes.len() as u64
                    };
                    for (n, quad) in quads.iter().enumerate() {
                        transaction.insert(quad);
                        if n % 65_536 == 65_535 {
                            progress.advance(step * 65_536 / quads.len() as u64);
                        }
                    }
                }
                Ok(_) => {}
                Err(error) => {
                    // Report the error of the earliest file, whichever worker finished first.
                    if first_error.as_ref().is_none_or(|(i, _)| index < *i) {
                        first_error = Some((index, error));
                    }
                }
            }
        }
    });
    progress.finish();
    if let Some((_, error)) = first_error {
        return Err(error);
    }
    transaction.commit()?;
    Ok(count)
}

/// The environment variable of the test hook in [`failpoint`].
const PACTA_FAILPOINT: &str = "PACTA_FAILPOINT";

/// A test hook: `PACTA_FAILPOINT=load-midway:N` makes a load fail halfway through inserting
/// its Nth file, after the earlier files went into the transaction. The tests use it to show
/// that a load failing partway leaves a store as it was; nothing else sets it.
fn failpoint() -> Option<usize> {
    std::env::var(PACTA_FAILPOINT)
        .ok()?
        .strip_prefix("load-midway:")?
        .parse()
        .ok()
}

/// The built-in ontology and dataset as sources.
pub fn builtin_sources() -> Vec<Source> {
    embedded::graph_files().map(Source::embedded).collect()
}

/// Opens the persistent store at `path`, creating it if needed.
#[cfg(feature = "rocksdb")]
pub fn open_persistent(path: &Path) -> Result<Store> {
    Store::open(path).map_err(|e| Error::File {
        path: path.display().to_string(),
        message: format!("cannot open store: {e}"),
    })
}

/// Without the `rocksdb` feature there is no persistent store; say how to get one.
#[cfg(not(feature = "rocksdb"))]
pub fn open_persistent(path: &Path) -> Result<Store> {
    Err(Error::Usage(format!(
        "{}: this pacta was built without the persistent store; rebuild with `cargo build --release --features rocksdb` (needs libclang-dev)",
        path.display()
    )))
}
