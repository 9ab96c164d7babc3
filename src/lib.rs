//! pacta: a sourced knowledge graph of the post-Cold-War security architecture.
//!
//! [`KnowledgeGraph`] is the front door: it opens an Oxigraph store (in memory, or on disk
//! with the `rocksdb` feature), loads the built-in ontology and dataset and any user files,
//! and answers SPARQL, named questions, descriptions and statistics. The modules behind it
//! are named for what they do; [`run`] wires them to the command line.

#![deny(missing_docs)]

pub mod analyze;
mod app;
pub mod check;
pub mod cli;
pub mod dates;
pub mod describe;
pub mod embedded;
pub mod error;
pub mod network;
pub mod output;
pub mod progress;
pub mod query;
pub mod questions;
pub mod render;
pub mod stats;
pub mod store;
pub mod vocab;

pub use app::run;
pub use error::{Error, Result};

use crate::output::Names;
use crate::store::Source;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Term, Triple, Variable};
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

/// The graph and everything pacta can ask of it.
pub struct KnowledgeGraph {
    store: Store,
    rows: network::RowCache,
}

impl KnowledgeGraph {
    /// An empty in-memory graph.
    pub fn empty() -> Result<Self> {
        Ok(Self {
            store: Store::new()?,
            rows: network::RowCache::default(),
        })
    }

    /// An in-memory graph holding the built-in ontology and dataset.
    pub fn builtin() -> Result<Self> {
        let graph = Self::empty()?;
        graph.load(&store::builtin_sources())?;
        Ok(graph)
    }

    /// The persistent store in `path` (created if missing; needs the `rocksdb` feature).
    pub fn open(path: &Path) -> Result<Self> {
        Ok(Self {
            store: store::open_persistent(path)?,
            rows: network::RowCache::default(),
        })
    }

    /// Loads sources all or nothing: every one is parsed before any is inserted.
    /// Returns the number of quads read.
    pub fn load(&self, sources: &[Source]) -> Result<usize> {
        self.rows.clear();
        store::load_atomically(&self.store, sources)
    }

    /// Runs SPARQL; `origin` names the query in error messages.
    pub fn query(
        &self,
        sparql: &str,
        origin: &str,
        base: Option<&str>,
        bindings: Vec<(Variable, Term)>,
    ) -> Result<QueryResults<'_>> {
        let prepared = query::parse(sparql, origin, base)?;
        query::run(&self.store, prepared, bindings)
    }

    /// Runs a named question, on `at` or the question's default date.
    pub fn ask(&self, name: &str, at: Option<&str>) -> Result<QueryResults<'_>> {
        let question = questions::find(name)?;
        let sparql = question.sparql_at(at)?;
        self.query(&sparql, question.path, None, Vec::new())
    }

    /// Every fact about the entity `name` refers to.
    pub fn describe(&self, name: &str) -> Result<describe::Description> {
        let entity = describe::resolve(&self.store, name)?;
        describe::describe(&self.store, entity.as_ref(), &mut self.names(true))
    }

    /// The network `kind` on day `at` (YYYY-MM-DD).
    pub fn network(&self, kind: network::NetworkKind, at: &str) -> Result<network::Network> {
        dates::date_literal(at)?;
        network::derive(&self.store, kind, at, &mut self.names(true), &self.rows)
    }

    /// All four networks on day `at`, their queries run side by side.
    pub fn networks(&self, at: &str) -> Result<Vec<network::Network>> {
        dates::date_literal(at)?;
        network::derive_all(&self.store, at, &mut self.names(true), &self.rows)
    }

    /// Centrality, blocs, broken guarantees and intra-alliance conflicts on day `at`.
    pub fn analyze(&self, at: &str) -> Result<analyze::Analysis> {
        dates::date_literal(at)?;
        analyze::analyze(&self.store, at, &mut self.names(true), &self.rows)
    }

    /// The edges each network gained and lost between two days.
    pub fn changes(&self, since: &str, at: &str) -> Result<Vec<analyze::EdgeChange>> {
        dates::date_literal(since)?;
        dates::date_literal(at)?;
        analyze::changes(&self.store, since, at, &mut self.names(true), &self.rows)
    }

    /// Forgets the network query rows kept for reuse, so the next derivation queries the store
    /// again (benchmarks use this to time cold derivations).
    pub fn clear_network_cache(&self) {
        self.rows.clear();
    }

    /// Triples, entities per class, and the date range.
    pub fn stats(&self) -> Result<stats::Stats> {
        stats::compute(&self.store, &mut self.names(true))
    }

    /// Writes the whole graph. Dataset formats keep one graph per file; graph formats write
    /// the union, each triple once, sorted so that the same graph gives the same bytes.
    pub fn export(&self, format: RdfFormat, out: &mut dyn Write) -> Result<()> {
        if format.supports_datasets() {
            let mut serializer = RdfSerializer::from_format(format);
            for (prefix, namespace) in vocab::PREFIXES {
                serializer = serializer
                    .with_prefix(*prefix, *namespace)
                    .expect("the built-in prefixes are valid IRIs");
            }
            self.store
                .dump_to_writer(serializer, out)
                .map_err(|e| match e {
                    oxigraph::store::SerializerError::Io(e) => Error::Output(e),
                    oxigraph::store::SerializerError::Storage(e) => Error::Storage(e),
                    other => Error::Usage(other.to_string()),
                })?;
            return Ok(());
        }
        let mut triples = HashSet::new();
        for quad in self.store.iter() {
            triples.insert(Triple::from(quad?));
        }
        let mut triples: Vec<Triple> = triples.into_iter().collect();
        triples.sort_by_cached_key(Triple::to_string);
        output::write_triples(&triples, format, out)
    }

    /// Shows terms by label (or compact IRI) for this graph.
    pub fn names(&self, prefer_labels: bool) -> Names<'_> {
        Names::new(&self.store, prefer_labels)
    }

    /// The underlying Oxigraph store.
    pub fn store(&self) -> &Store {
        &self.store
    }
}
