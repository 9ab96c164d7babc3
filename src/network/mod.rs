//! Networks derived from the graph: alliances, guarantees, violations, and their overlay.
//!
//! Each network is the union of one or more SPARQL SELECT queries (the `.rq` files beside this
//! module) whose rows are edges: `?source`, `?target`, and attributes. One builder turns rows
//! into a petgraph graph for every kind, so a network works on any data that follows the
//! ontology, built-in or not.

use crate::dates;
use crate::error::{Error, Result};
use crate::output::Names;
use crate::query;
use crate::vocab;
use oxigraph::model::{NamedNodeRef, Term};
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

/// The networks pacta derives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NetworkKind {
    /// States tied by membership of an organisation with a collective-defence clause in force.
    Alliance,
    /// Guarantor -> beneficiary for defence, assurance and Security Council referral provisions.
    Guarantee,
    /// Aggressor -> target for events that violate a provision.
    Violation,
    /// Guarantees and violations overlaid, with broken guarantees and intra-alliance conflicts.
    Security,
}

/// What an edge stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// Shared membership of a defence organisation.
    Alliance,
    /// A guarantee in force.
    Guarantee,
    /// An event that violated a provision.
    Violation,
    /// A violation of a state the aggressor guaranteed.
    BrokenGuarantee,
    /// A violent event between members of the same defence organisation.
    IntraAllianceConflict,
}

impl Relation {
    /// The name used in DOT and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Self::Alliance => "alliance",
            Self::Guarantee => "guarantee",
            Self::Violation => "violation",
            Self::BrokenGuarantee => "broken_guarantee",
            Self::IntraAllianceConflict => "intra_alliance_conflict",
        }
    }
}

/// One edge query: its SPARQL, the relation its rows stand for, and which columns besides
/// source and target tell two edges apart (the others accumulate as lists).
struct EdgeQuery {
    sparql: &'static str,
    relation: Relation,
    key: &'static [&'static str],
}

const ALLIANCE: EdgeQuery = EdgeQuery {
    sparql: include_str!("alliance.rq"),
    relation: Relation::Alliance,
    key: &[],
};
const GUARANTEE: EdgeQuery = EdgeQuery {
    sparql: include_str!("guarantee.rq"),
    relation: Relation::Guarantee,
    key: &["provision"],
};
const VIOLATION: EdgeQuery = EdgeQuery {
    sparql: include_str!("violation.rq"),
    relation: Relation::Violation,
    key: &["event"],
};
const BROKEN: EdgeQuery = EdgeQuery {
    sparql: include_str!("broken.rq"),
    relation: Relation::BrokenGuarantee,
    key: &["event"],
};
const INTRA: EdgeQuery = EdgeQuery {
    sparql: include_str!("intra.rq"),
    relation: Relation::IntraAllianceConflict,
    key: &["event"],
};

impl NetworkKind {
    /// Every kind, in a fixed order.
    pub const ALL: [Self; 4] = [
        Self::Alliance,
        Self::Guarantee,
        Self::Violation,
        Self::Security,
    ];

    /// The kind's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::Alliance => "alliance",
            Self::Guarantee => "guarantee",
            Self::Violation => "violation",
            Self::Security => "security",
        }
    }

    /// Whether edges have a direction.
    pub fn directed(self) -> bool {
        self != Self::Alliance
    }

    fn queries(self) -> &'static [EdgeQuery] {
        match self {
            Self::Alliance => &[ALLIANCE],
            Self::Guarantee => &[GUARANTEE],
            Self::Violation => &[VIOLATION],
            Self::Security => &[GUARANTEE, VIOLATION, BROKEN, INTRA],
        }
    }
}

/// A node: an entity of the graph.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Node {
    /// The entity's IRI.
    pub id: String,
    /// Its English label, or compact IRI.
    pub label: String,
    /// Its pacta class, compact (`pacta:State`).
    #[serde(rename = "type")]
    pub class: String,
}

/// An edge: a relation and its attributes. Multi-valued attributes are sorted lists.
#[derive(Debug, Clone)]
pub struct Edge {
    /// What the edge stands for.
    pub relation: Relation,
    /// Attribute name to its values (IRIs in full, literals by value), sorted.
    pub attributes: BTreeMap<String, BTreeSet<String>>,
}

impl Edge {
    /// The single (or first) value of an attribute.
    pub fn first(&self, name: &str) -> Option<&str> {
        self.attributes.get(name)?.iter().next().map(String::as_str)
    }
}

/// A derived network. Undirected kinds store each edge once, source before target.
#[derive(Debug, Clone)]
pub struct Network {
    /// Which network this is.
    pub kind: NetworkKind,
    /// The day it describes.
    pub at: String,
    /// Nodes and edges; node and edge order is sorted, so output is deterministic.
    pub graph: DiGraph<Node, Edge>,
}

impl Network {
    /// Whether edges have a direction.
    pub fn directed(&self) -> bool {
        self.kind.directed()
    }

    /// Whether two edges may join the same pair of nodes.
    pub fn multigraph(&self) -> bool {
        let mut pairs = BTreeSet::new();
        self.graph.edge_indices().any(|e| {
            let (a, b) = self.graph.edge_endpoints(e).expect("edge exists");
            !pairs.insert((a, b))
        })
    }

    /// Edges as (source IRI, target IRI, edge), in graph order.
    pub fn edges(&self) -> impl Iterator<Item = (&str, &str, &Edge)> {
        self.graph.edge_indices().map(move |e| {
            let (a, b) = self.graph.edge_endpoints(e).expect("edge exists");
            (
                self.graph[a].id.as_str(),
                self.graph[b].id.as_str(),
                &self.graph[e],
            )
        })
    }

    /// A key that identifies an edge across dates: relation, endpoints and key attributes.
    pub fn edge_keys(&self) -> BTreeSet<String> {
        let queries = self.kind.queries();
        self.edges()
            .map(|(source, target, edge)| {
                let key: Vec<&str> = queries
                    .iter()
                    .find(|q| q.relation == edge.relation)
                    .map(|q| q.key)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|k| edge.first(k))
                    .collect();
                format!(
                    "{} {source} {target} {}",
                    edge.relation.name(),
                    key.join(" ")
                )
                .trim_end()
                .to_owned()
            })
            .collect()
    }
}

/// Attribute name to its values.
type Attributes = BTreeMap<String, BTreeSet<String>>;

/// One edge row: relation, endpoints, attributes.
type Row = (Relation, String, String, Attributes);

/// What tells two edges apart: endpoints, relation, and the key attributes' values.
type EdgeKey = (String, String, Relation, Vec<String>);

/// Query rows already computed, by relation and day.
///
/// The security network and `analyze` reuse the rows of the other networks; on a large graph
/// the queries are most of the cost, so each runs once per day. A load must clear the cache.
#[derive(Debug, Default)]
pub struct RowCache(Mutex<CachedRows>);

/// Rows by relation and day.
type CachedRows = HashMap<(Relation, String), Arc<Vec<Row>>>;

impl RowCache {
    /// Forgets every row, after the store has changed.
    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, CachedRows> {
        // The map holds no invariant a panic could break; a poisoned lock is still usable.
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Runs the queries whose rows are not cached yet, side by side: they are independent
    /// reads of one store, and on two cores this halves the security network's time.
    fn prefetch(&self, store: &Store, queries: &[EdgeQuery], at: &str) -> Result<()> {
        let missing: Vec<&EdgeQuery> = queries
            .iter()
            .filter(|q| !self.lock().contains_key(&(q.relation, at.to_owned())))
            .collect();
        if missing.len() < 2 {
            return Ok(());
        }
        let results: Vec<(Relation, Result<Vec<Row>>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = missing
                .iter()
                .map(|q| scope.spawn(move || (q.relation, rows(store, q, at))))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        for (relation, rows) in results {
            self.lock()
                .insert((relation, at.to_owned()), Arc::new(rows?));
        }
        Ok(())
    }

    fn rows(&self, store: &Store, edge_query: &EdgeQuery, at: &str) -> Result<Arc<Vec<Row>>> {
        let key = (edge_query.relation, at.to_owned());
        if let Some(rows) = self.lock().get(&key) {
            return Ok(Arc::clone(rows));
        }
        let rows = Arc::new(rows(store, edge_query, at)?);
        self.lock().insert(key, Arc::clone(&rows));
        Ok(rows)
    }
}

/// Derives the network `kind` on day `at`.
pub fn derive(
    store: &Store,
    kind: NetworkKind,
    at: &str,
    names: &mut Names<'_>,
    cache: &RowCache,
) -> Result<Network> {
    cache.prefetch(store, kind.queries(), at)?;
    let mut merged: BTreeMap<EdgeKey, Attributes> = BTreeMap::new();
    for edge_query in kind.queries() {
        for (relation, source, target, attributes) in
            cache.rows(store, edge_query, at)?.iter().cloned()
        {
            let key: Vec<String> = edge_query
                .key
                .iter()
                .map(|k| {
                    attributes
                        .get(*k)
                        .and_then(|v| v.iter().next())
                        .cloned()
                        .unwrap_or_default()
                })
                .collect();
            let entry = merged.entry((source, target, relation, key)).or_default();
            for (name, values) in attributes {
                entry.entry(name).or_default().extend(values);
            }
        }
    }
    let mut graph = DiGraph::new();
    let mut index: HashMap<String, NodeIndex> = HashMap::new();
    let endpoints: BTreeSet<&String> = merged.keys().flat_map(|(s, t, _, _)| [s, t]).collect();
    for iri in endpoints {
        let node = node(store, iri, names)?;
        index.insert(iri.clone(), graph.add_node(node));
    }
    for ((source, target, relation, _), attributes) in merged {
        graph.add_edge(
            index[&source],
            index[&target],
            Edge {
                relation,
                attributes,
            },
        );
    }
    Ok(Network {
        kind,
        at: at.to_owned(),
        graph,
    })
}

/// Every network on day `at`, with all their queries run side by side first.
pub fn derive_all(
    store: &Store,
    at: &str,
    names: &mut Names<'_>,
    cache: &RowCache,
) -> Result<Vec<Network>> {
    cache.prefetch(store, &[ALLIANCE, GUARANTEE, VIOLATION, BROKEN, INTRA], at)?;
    NetworkKind::ALL
        .into_iter()
        .map(|kind| derive(store, kind, at, names, cache))
        .collect()
}

/// Computes, side by side, the rows `analyze` needs on day `at`.
pub fn prefetch_analysis(store: &Store, at: &str, cache: &RowCache) -> Result<()> {
    cache.prefetch(store, &[ALLIANCE, BROKEN, INTRA], at)
}

/// The rows behind one relation on day `at`, unmerged: one per event and provision for broken
/// guarantees, one per event and organisation for intra-alliance conflicts.
pub fn relation_rows(
    store: &Store,
    relation: Relation,
    at: &str,
    cache: &RowCache,
) -> Result<Vec<BTreeMap<String, String>>> {
    let edge_query = [ALLIANCE, GUARANTEE, VIOLATION, BROKEN, INTRA]
        .into_iter()
        .find(|q| q.relation == relation)
        .expect("every relation has a query");
    Ok(cache
        .rows(store, &edge_query, at)?
        .iter()
        .cloned()
        .map(|(_, source, target, attributes)| {
            let mut row: BTreeMap<String, String> = attributes
                .into_iter()
                .filter_map(|(k, v)| Some((k, v.into_iter().next()?)))
                .collect();
            row.insert("source".to_owned(), source);
            row.insert("target".to_owned(), target);
            row
        })
        .collect())
}

/// Runs one edge query on day `at` and returns its rows.
fn rows(store: &Store, edge_query: &EdgeQuery, at: &str) -> Result<Vec<Row>> {
    let sparql = dates::at_day(edge_query.sparql, at)?;
    let prepared = query::parse(&sparql, edge_query.relation.name(), None)?;
    let QueryResults::Solutions(solutions) = query::run(store, prepared, [])? else {
        return Err(Error::Usage("a network query must be a SELECT".to_owned()));
    };
    let mut out = Vec::new();
    for solution in solutions {
        let solution = solution?;
        let (Some(Term::NamedNode(source)), Some(Term::NamedNode(target))) =
            (solution.get("source"), solution.get("target"))
        else {
            continue;
        };
        let mut attributes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (variable, value) in solution.iter() {
            let name = variable.as_str();
            if name == "source" || name == "target" {
                continue;
            }
            let text = match value {
                Term::NamedNode(node) => node.as_str().to_owned(),
                Term::Literal(literal) => literal.value().to_owned(),
                other => other.to_string(),
            };
            attributes.entry(name.to_owned()).or_default().insert(text);
        }
        out.push((
            edge_query.relation,
            source.as_str().to_owned(),
            target.as_str().to_owned(),
            attributes,
        ));
    }
    Ok(out)
}

fn node(store: &Store, iri: &str, names: &mut Names<'_>) -> Result<Node> {
    let node = NamedNodeRef::new_unchecked(iri);
    let rdf_type = NamedNodeRef::new_unchecked(vocab::RDF_TYPE);
    let mut classes = BTreeSet::new();
    for quad in store.quads_for_pattern(Some(node.into()), Some(rdf_type), None, None) {
        if let Term::NamedNode(class) = quad?.object
            && class.as_str().starts_with(vocab::PACTA)
        {
            classes.insert(crate::output::iri_text(class.as_str()));
        }
    }
    Ok(Node {
        id: iri.to_owned(),
        label: names.term(node.into()),
        class: classes.into_iter().next().unwrap_or_default(),
    })
}
