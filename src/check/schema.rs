//! What the vocabulary pass knows: pacta's terms, classes, property domains and ranges, and the
//! type of every entity in the built-in graph. Built once from the loaded store.

use crate::error::Result;
use crate::vocab::{ID, PACTA, RDF_TYPE};
use oxigraph::model::{NamedOrBlankNode, Term};
use oxigraph::store::Store;
// The lookups run several times per triple on trusted keys (the ontology's own terms), so a
// fast non-cryptographic hash fits.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

const OWL_CLASS: &str = "http://www.w3.org/2002/07/owl#Class";
const RDFS_SUBCLASS_OF: &str = "http://www.w3.org/2000/01/rdf-schema#subClassOf";
const RDFS_DOMAIN: &str = "http://www.w3.org/2000/01/rdf-schema#domain";
const RDFS_RANGE: &str = "http://www.w3.org/2000/01/rdf-schema#range";
pub(super) const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub(super) const XSD_STRING: &str = "http://www.w3.org/2001/XMLSchema#string";
pub(super) const RDF_LANG_STRING: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

/// A set of pacta classes, one bit each. The ontology has fewer than 64 classes; a test says so.
pub(super) type Classes = u64;

/// What a property's values must be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Range {
    /// A literal of this datatype (full IRI).
    Datatype(String),
    /// A resource of this pacta class.
    Class(usize),
}

/// A property's declared domain and range.
#[derive(Debug, Clone, Default)]
pub(super) struct Property {
    pub domain: Option<usize>,
    pub range: Option<Range>,
}

/// The ontology, as the vocabulary pass needs it.
#[derive(Debug, Default)]
pub(super) struct Schema {
    /// Every IRI in pacta's term namespace that the built-in graph defines.
    terms: HashSet<String>,
    /// Class IRIs, by index.
    pub classes: Vec<String>,
    /// Each class with all its pacta superclasses, as bits.
    closure: Vec<Classes>,
    class_index: HashMap<String, usize>,
    pub properties: HashMap<String, Property>,
    /// The types (with superclasses) of every typed subject in the built-in graph.
    types: HashMap<String, Classes>,
    /// Every subject in pacta's entity namespace in the built-in graph.
    entities: HashSet<String>,
}

impl Schema {
    /// Reads the schema out of a store holding the built-in graph.
    pub fn from_store(store: &Store) -> Result<Self> {
        let mut schema = Self::default();
        let mut superclasses: Vec<(String, String)> = Vec::new();
        let mut typed: Vec<(String, String)> = Vec::new();
        let mut domains: Vec<(String, String)> = Vec::new();
        let mut ranges: Vec<(String, String)> = Vec::new();
        for quad in store.iter() {
            let quad = quad?;
            let NamedOrBlankNode::NamedNode(subject) = &quad.subject else {
                continue;
            };
            let subject = subject.as_str();
            if subject.starts_with(PACTA) {
                schema.terms.insert(subject.to_owned());
            } else if subject.starts_with(ID) {
                schema.entities.insert(subject.to_owned());
            }
            let Term::NamedNode(object) = &quad.object else {
                continue;
            };
            let pair = (subject.to_owned(), object.as_str().to_owned());
            match quad.predicate.as_str() {
                RDF_TYPE if object.as_str() == OWL_CLASS && subject.starts_with(PACTA) => {
                    schema.add_class(subject);
                }
                RDF_TYPE => typed.push(pair),
                RDFS_SUBCLASS_OF => superclasses.push(pair),
                RDFS_DOMAIN => domains.push(pair),
                RDFS_RANGE => ranges.push(pair),
                _ => {}
            }
        }
        schema.close(&superclasses);
        for (subject, class) in typed {
            if let Some(bits) = schema.class_bits(&class) {
                *schema.types.entry(subject).or_default() |= bits;
            }
        }
        for (property, class) in domains {
            let domain = schema.class_index.get(&class).copied();
            schema.properties.entry(property).or_default().domain = domain;
        }
        for (property, range) in ranges {
            let range = match schema.class_index.get(&range) {
                Some(&index) => Some(Range::Class(index)),
                None if range.starts_with(XSD) => Some(Range::Datatype(range)),
                None => None,
            };
            schema.properties.entry(property).or_default().range = range;
        }
        Ok(schema)
    }

    fn add_class(&mut self, class: &str) {
        if !self.class_index.contains_key(class) && self.classes.len() < Classes::BITS as usize - 1
        {
            self.class_index
                .insert(class.to_owned(), self.classes.len());
            self.closure.push(1 << self.classes.len());
            self.classes.push(class.to_owned());
        }
    }

    /// Gives each class the bits of all its superclasses (pacta's hierarchy is shallow, so
    /// repeating until nothing changes is quick).
    fn close(&mut self, superclasses: &[(String, String)]) {
        let edges: Vec<(usize, usize)> = superclasses
            .iter()
            .filter_map(|(sub, sup)| {
                Some((*self.class_index.get(sub)?, *self.class_index.get(sup)?))
            })
            .collect();
        let mut changed = true;
        while changed {
            changed = false;
            for &(sub, sup) in &edges {
                let merged = self.closure[sub] | self.closure[sup];
                if merged != self.closure[sub] {
                    self.closure[sub] = merged;
                    changed = true;
                }
            }
        }
    }

    /// The class with its superclasses, if it is a pacta class.
    pub fn class_bits(&self, class: &str) -> Option<Classes> {
        self.class_index.get(class).map(|&i| self.closure[i])
    }

    /// A property's domain and range, if the ontology declares them. Only pacta's own
    /// properties have them, so other IRIs are not even hashed.
    pub fn property(&self, iri: &str) -> Option<&Property> {
        if iri.starts_with(PACTA) {
            self.properties.get(iri)
        } else {
            None
        }
    }

    /// True if the ontology defines this pacta term.
    pub fn defines(&self, term: &str) -> bool {
        self.terms.contains(term)
    }

    /// True if the built-in graph describes this entity.
    pub fn has_entity(&self, iri: &str) -> bool {
        // Only called for IRIs in the entity namespace.
        self.entities.contains(iri)
    }

    /// The classes of a subject of the built-in graph (0 if untyped or unknown).
    pub fn types_of(&self, iri: &str) -> Classes {
        if !(iri.starts_with(ID) || iri.starts_with(PACTA)) {
            return 0;
        }
        self.types.get(iri).copied().unwrap_or(0)
    }

    /// The closest defined term to a misspelt one, for "did you mean".
    pub fn suggest(&self, term: &str) -> Option<&str> {
        let local = term.strip_prefix(PACTA)?.to_lowercase();
        self.terms
            .iter()
            .filter_map(|t| {
                let candidate = t.strip_prefix(PACTA)?;
                let distance = edit_distance(&local, &candidate.to_lowercase());
                (distance <= 2.max(local.len() / 5)).then_some((distance, t.as_str()))
            })
            .min()
            .map(|(_, t)| t)
    }

    /// The compact name of a class.
    pub fn class_name(&self, index: usize) -> String {
        compact(&self.classes[index])
    }

    /// The names of the classes in a set, for messages.
    pub fn class_names(&self, classes: Classes) -> String {
        // Name only the most specific classes: State, not State, Actor and Place.
        let specific: Vec<String> = (0..self.classes.len())
            .filter(|&i| classes & (1 << i) != 0)
            .filter(|&i| {
                !(0..self.classes.len())
                    .any(|j| j != i && classes & (1 << j) != 0 && self.closure[j] & (1 << i) != 0)
            })
            .map(|i| self.class_name(i))
            .collect();
        specific.join(" and ")
    }
}

/// An IRI in compact form where a prefix fits, else in angle brackets.
pub(super) fn compact(iri: &str) -> String {
    if let Some(local) = iri.strip_prefix(SHAPES) {
        return format!("shape:{local}");
    }
    crate::vocab::compact(iri).unwrap_or_else(|| format!("<{iri}>"))
}

/// The namespace of the shapes in `ontology/shapes.ttl`.
const SHAPES: &str = "https://w3id.org/pacta/shapes#";

/// Edit distance counting a swap of two neighbours as one edit (optimal string alignment),
/// so that `stauts` is closer to `status` than to `State`. For suggestions only.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("memberof", "memberof"), 0);
        assert_eq!(edit_distance("memberof", "member"), 2);
        assert_eq!(edit_distance("startdate", "statdate"), 1);
        assert_eq!(edit_distance("stauts", "status"), 1);
    }
}
