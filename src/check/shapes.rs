//! Pass 3: the SHACL shapes in `ontology/shapes.ttl`, checked against the user's files loaded
//! together with the built-in graph.
//!
//! rudof's `shacl_validation` (0.2.12) resolves beside Oxigraph 0.5.13 but does not compile
//! as resolved (its `shacl_ast` 0.2.9 and `prefixmap` 0.2.20 disagree on which crate's `IriS`
//! they use), so its rudof crates would have to be pinned to a consistent set by hand; it
//! validates its own graph types (`rudof_rdf`), not an Oxigraph store; and it takes the
//! dependency tree from 99 crates to 246. pacta instead validates the part of SHACL its shapes
//! use, driven by the shapes file: targets by class, property shapes with min/max counts,
//! datatypes and classes, and SPARQL constraints run by Oxigraph. A shapes file that uses any
//! other SHACL term is refused rather than half-applied. The same shapes run under pyshacl in
//! `tests/shacl_check.py`, and the check tests compare the two.

use super::lint::valid_lexical;
use super::report::Severity;
use super::schema::compact;
use crate::embedded;
use crate::error::{Error, Result};
use crate::query;
use crate::vocab::RDF_TYPE;
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Term, TermRef};
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use std::collections::{HashMap, HashSet};

const SH: &str = "http://www.w3.org/ns/shacl#";

/// The SHACL terms the validator implements; any other `sh:` term in the shapes is refused.
const SUPPORTED: &[&str] = &[
    "NodeShape",
    "PropertyShape",
    "SPARQLConstraint",
    "targetClass",
    "property",
    "path",
    "minCount",
    "maxCount",
    "datatype",
    "class",
    "sparql",
    "select",
    "message",
    "severity",
    "Violation",
    "Warning",
    "Info",
    "prefixes",
    "declare",
    "prefix",
    "namespace",
];

/// One constraint on a property.
#[derive(Debug, Default)]
struct PropertyShape {
    path: String,
    min: Option<usize>,
    max: Option<usize>,
    datatype: Option<String>,
    class: Option<String>,
    message: Option<String>,
}

/// A SPARQL constraint: a SELECT whose `$this` rows are violations.
#[derive(Debug)]
struct SparqlShape {
    select: String,
    message: Option<String>,
}

/// A node shape with its targets and constraints.
#[derive(Debug)]
struct NodeShape {
    name: String,
    targets: Vec<String>,
    severity: Severity,
    properties: Vec<PropertyShape>,
    sparql: Vec<SparqlShape>,
}

/// The shapes, read from `ontology/shapes.ttl`.
pub(crate) struct Shapes {
    shapes: Vec<NodeShape>,
}

/// A violation before it is placed in a file.
#[derive(Debug, Clone)]
pub(crate) struct Violation {
    /// The focus node.
    pub focus: NamedOrBlankNode,
    /// The shape's compact name.
    pub shape: String,
    /// What is wrong.
    pub message: String,
    /// Error or warning.
    pub severity: Severity,
}

impl Shapes {
    /// Reads the built-in shapes file.
    pub fn builtin() -> Result<Self> {
        let file = &embedded::SHAPES_FILE;
        let store = Store::new()?;
        store
            .load_from_slice(
                oxigraph::io::RdfParser::from_format(RdfFormat::Turtle),
                file.text.as_bytes(),
            )
            .map_err(|e| Error::DataInvalid {
                file: file.path.to_owned(),
                message: e.to_string(),
            })?;
        Self::from_store(&store, file.path)
    }

    fn from_store(store: &Store, origin: &str) -> Result<Self> {
        for quad in store.iter() {
            let quad = quad?;
            let mut terms = vec![quad.predicate.as_str().to_owned()];
            if quad.predicate.as_str() == RDF_TYPE
                && let Term::NamedNode(class) = &quad.object
            {
                terms.push(class.as_str().to_owned());
            }
            if let Term::NamedNode(value) = &quad.object
                && quad.predicate.as_str() == format!("{SH}severity")
            {
                terms.push(value.as_str().to_owned());
            }
            for term in terms {
                if let Some(local) = term.strip_prefix(SH)
                    && !SUPPORTED.contains(&local)
                {
                    return Err(Error::DataInvalid {
                        file: origin.to_owned(),
                        message: format!(
                            "uses sh:{local}, which pacta's shape validator does not implement"
                        ),
                    });
                }
            }
        }
        let sh = |local: &str| NamedNode::new_unchecked(format!("{SH}{local}"));
        let node_shape = sh("NodeShape");
        let mut shapes = Vec::new();
        for subject in store.quads_for_pattern(
            None,
            Some(NamedNodeRef::new_unchecked(RDF_TYPE)),
            Some(node_shape.as_ref().into()),
            None,
        ) {
            let shape = subject?.subject;
            let name = match &shape {
                NamedOrBlankNode::NamedNode(n) => compact(n.as_str()),
                NamedOrBlankNode::BlankNode(_) => "[shape]".to_owned(),
            };
            let severity = match objects(store, &shape, &sh("severity"))?.first() {
                Some(Term::NamedNode(s)) if s.as_str() == format!("{SH}Warning") => {
                    Severity::Warning
                }
                Some(Term::NamedNode(s)) if s.as_str() == format!("{SH}Info") => Severity::Warning,
                _ => Severity::Error,
            };
            let targets = objects(store, &shape, &sh("targetClass"))?
                .into_iter()
                .filter_map(|t| match t {
                    Term::NamedNode(n) => Some(n.into_string()),
                    _ => None,
                })
                .collect();
            let mut properties = Vec::new();
            for property in objects(store, &shape, &sh("property"))? {
                let property = as_node(&property, origin)?;
                let one = |local: &str| -> Result<Option<Term>> {
                    Ok(objects(store, &property, &sh(local))?.into_iter().next())
                };
                let path = match one("path")? {
                    Some(Term::NamedNode(path)) => path.into_string(),
                    _ => {
                        return Err(Error::DataInvalid {
                            file: origin.to_owned(),
                            message: format!("a property shape of {name} has no IRI sh:path"),
                        });
                    }
                };
                properties.push(PropertyShape {
                    path,
                    min: one("minCount")?.and_then(|t| literal_usize(&t)),
                    max: one("maxCount")?.and_then(|t| literal_usize(&t)),
                    datatype: one("datatype")?.and_then(iri_of),
                    class: one("class")?.and_then(iri_of),
                    message: one("message")?.and_then(|t| literal_text(&t)),
                });
            }
            let mut sparql = Vec::new();
            for constraint in objects(store, &shape, &sh("sparql"))? {
                let constraint = as_node(&constraint, origin)?;
                let select = objects(store, &constraint, &sh("select"))?
                    .first()
                    .and_then(literal_text)
                    .ok_or_else(|| Error::DataInvalid {
                        file: origin.to_owned(),
                        message: format!("a SPARQL constraint of {name} has no sh:select"),
                    })?;
                let message = objects(store, &constraint, &sh("message"))?
                    .first()
                    .and_then(literal_text);
                sparql.push(SparqlShape { select, message });
            }
            shapes.push(NodeShape {
                name,
                targets,
                severity,
                properties,
                sparql,
            });
        }
        shapes.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(Self { shapes })
    }

    /// Every violation whose focus node is a subject in one of `graphs` (all nodes if `None`).
    pub fn validate(&self, store: &Store, graphs: Option<&[NamedNode]>) -> Result<Vec<Violation>> {
        let focus: Option<HashSet<NamedOrBlankNode>> = match graphs {
            None => None,
            Some(graphs) => {
                let mut nodes = HashSet::new();
                for graph in graphs {
                    for quad in store.quads_for_pattern(
                        None,
                        None,
                        None,
                        Some(GraphNameRef::NamedNode(graph.as_ref())),
                    ) {
                        nodes.insert(quad?.subject);
                    }
                }
                Some(nodes)
            }
        };
        let mut instances_of: HashMap<String, HashSet<NamedOrBlankNode>> = HashMap::new();
        let mut violations = Vec::new();
        for shape in &self.shapes {
            let mut targets: Vec<NamedOrBlankNode> = Vec::new();
            for class in &shape.targets {
                let instances = instances(store, &mut instances_of, class)?;
                targets.extend(
                    instances
                        .iter()
                        .filter(|n| focus.as_ref().is_none_or(|f| f.contains(*n)))
                        .cloned(),
                );
            }
            targets.sort_by_key(ToString::to_string);
            targets.dedup();
            let mut violation = |focus: &NamedOrBlankNode, message: String| {
                violations.push(Violation {
                    focus: focus.clone(),
                    shape: shape.name.clone(),
                    message,
                    severity: shape.severity,
                });
            };
            for property in &shape.properties {
                let path = NamedNodeRef::new_unchecked(&property.path);
                for node in &targets {
                    let values: HashSet<Term> = store
                        .quads_for_pattern(Some(node.as_ref()), Some(path), None, None)
                        .map(|q| q.map(|q| q.object))
                        .collect::<Result<_, _>>()?;
                    let say = |default: String| property.message.clone().unwrap_or(default);
                    let path_name = compact(&property.path);
                    if property.min.is_some_and(|min| values.len() < min) {
                        violation(node, say(format!("needs {path_name}")));
                    }
                    if property.max.is_some_and(|max| values.len() > max) {
                        violation(
                            node,
                            format!(
                                "{} (it has {} values)",
                                say(format!("too many {path_name}")),
                                values.len()
                            ),
                        );
                    }
                    if let Some(datatype) = &property.datatype {
                        for value in &values {
                            if !has_datatype(value, datatype) {
                                violation(
                                    node,
                                    format!(
                                        "{}: {} is not a valid {}",
                                        say(path_name.clone()),
                                        term_name(value),
                                        compact(datatype)
                                    ),
                                );
                            }
                        }
                    }
                    if let Some(class) = &property.class {
                        let members = instances(store, &mut instances_of, class)?;
                        for value in &values {
                            let fits = match value {
                                Term::NamedNode(n) => {
                                    members.contains(&NamedOrBlankNode::from(n.clone()))
                                }
                                Term::BlankNode(b) => {
                                    members.contains(&NamedOrBlankNode::from(b.clone()))
                                }
                                _ => false,
                            };
                            if !fits {
                                violation(
                                    node,
                                    format!(
                                        "{}: {} is not a {}",
                                        say(path_name.clone()),
                                        term_name(value),
                                        compact(class)
                                    ),
                                );
                            }
                        }
                    }
                }
            }
            if !shape.sparql.is_empty() {
                let targets: HashSet<&NamedOrBlankNode> = targets.iter().collect();
                for constraint in &shape.sparql {
                    for (node, value) in select_this(store, &constraint.select, &shape.name)? {
                        if targets.contains(&node) {
                            let message = constraint
                                .message
                                .clone()
                                .unwrap_or_else(|| "violates a SPARQL constraint".to_owned());
                            let message = match value {
                                Some(value) => format!("{message} ({})", term_name(&value)),
                                None => message,
                            };
                            violation(&node, message);
                        }
                    }
                }
            }
        }
        Ok(violations)
    }
}

/// All instances of a class and its subclasses, cached per class.
fn instances<'c>(
    store: &Store,
    cache: &'c mut HashMap<String, HashSet<NamedOrBlankNode>>,
    class: &str,
) -> Result<&'c HashSet<NamedOrBlankNode>> {
    if !cache.contains_key(class) {
        let sparql =
            format!("SELECT DISTINCT ?this WHERE {{ ?this rdf:type/rdfs:subClassOf* <{class}> }}");
        let rows = select_this(store, &sparql, "instances")?;
        cache.insert(class.to_owned(), rows.into_iter().map(|(n, _)| n).collect());
    }
    Ok(&cache[class])
}

/// Runs a SELECT and returns its `?this` (and `?value`, if bound) per row.
fn select_this(
    store: &Store,
    sparql: &str,
    origin: &str,
) -> Result<Vec<(NamedOrBlankNode, Option<Term>)>> {
    let prepared = query::parse(sparql, origin, None)?;
    let QueryResults::Solutions(solutions) = query::run(store, prepared, [])? else {
        return Err(Error::DataInvalid {
            file: origin.to_owned(),
            message: "a SPARQL constraint must be a SELECT".to_owned(),
        });
    };
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = solution?;
        let node = match solution.get("this") {
            Some(Term::NamedNode(n)) => NamedOrBlankNode::from(n.clone()),
            Some(Term::BlankNode(b)) => NamedOrBlankNode::from(b.clone()),
            _ => continue,
        };
        rows.push((node, solution.get("value").cloned()));
    }
    Ok(rows)
}

fn objects(store: &Store, subject: &NamedOrBlankNode, predicate: &NamedNode) -> Result<Vec<Term>> {
    let mut terms: Vec<Term> = store
        .quads_for_pattern(Some(subject.as_ref()), Some(predicate.as_ref()), None, None)
        .map(|q| q.map(|q| q.object))
        .collect::<Result<_, _>>()?;
    terms.sort_by_key(ToString::to_string);
    terms.dedup();
    Ok(terms)
}

fn as_node(term: &Term, origin: &str) -> Result<NamedOrBlankNode> {
    match term {
        Term::NamedNode(n) => Ok(n.clone().into()),
        Term::BlankNode(b) => Ok(b.clone().into()),
        _ => Err(Error::DataInvalid {
            file: origin.to_owned(),
            message: format!("expected a shape node, found {term}"),
        }),
    }
}

fn iri_of(term: Term) -> Option<String> {
    match term {
        Term::NamedNode(n) => Some(n.into_string()),
        _ => None,
    }
}

fn literal_text(term: &Term) -> Option<String> {
    match term {
        Term::Literal(l) => Some(l.value().to_owned()),
        _ => None,
    }
}

fn literal_usize(term: &Term) -> Option<usize> {
    literal_text(term)?.parse().ok()
}

/// SHACL's sh:datatype: a literal of that datatype whose lexical form is valid.
fn has_datatype(value: &Term, datatype: &str) -> bool {
    match value.as_ref() {
        TermRef::Literal(literal) => {
            literal.datatype().as_str() == datatype && valid_lexical(literal.value(), datatype)
        }
        _ => false,
    }
}

/// A term for a message: compact IRI, quoted literal or "a blank node".
fn term_name(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => compact(n.as_str()),
        Term::BlankNode(_) => "a blank node".to_owned(),
        Term::Literal(l) => format!("\"{}\"", l.value()),
        #[allow(unreachable_patterns)]
        _ => term.to_string(),
    }
}

/// Where a violation is reported: the focus node's name and the node to find a line for
/// (a blank node is placed at the nearest named node that links to it).
pub(crate) fn locate(store: &Store, focus: &NamedOrBlankNode) -> Result<(String, Option<String>)> {
    let mut node = focus.clone();
    for _ in 0..8 {
        match &node {
            NamedOrBlankNode::NamedNode(n) => {
                let name = if &node == focus {
                    compact(n.as_str())
                } else {
                    format!("a blank node in {}", compact(n.as_str()))
                };
                return Ok((name, Some(n.as_str().to_owned())));
            }
            NamedOrBlankNode::BlankNode(b) => {
                let parent = store
                    .quads_for_pattern(None, None, Some(b.as_ref().into()), None)
                    .next()
                    .transpose()?;
                match parent {
                    Some(quad) => node = quad.subject,
                    None => break,
                }
            }
        }
    }
    Ok(("a blank node".to_owned(), None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_shapes_use_only_what_the_validator_implements() {
        let shapes = Shapes::builtin().expect("shapes.ttl loads");
        assert!(shapes.shapes.len() >= 6, "{} shapes", shapes.shapes.len());
        let unsupported = "@prefix sh: <http://www.w3.org/ns/shacl#> .
            <s> a sh:NodeShape ; sh:targetClass <C> ; sh:or ( <a> <b> ) .";
        let store = Store::new().unwrap();
        store
            .load_from_slice(
                oxigraph::io::RdfParser::from_format(RdfFormat::Turtle)
                    .with_base_iri("http://example.org/")
                    .unwrap(),
                unsupported.as_bytes(),
            )
            .unwrap();
        let error = Shapes::from_store(&store, "x.ttl").err().unwrap();
        assert!(error.to_string().contains("sh:or"), "{error}");
    }
}
