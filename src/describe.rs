//! `pacta describe`: find one entity by name and gather every fact about it.
//!
//! Facts are collected in both directions. Memberships, tenures, provisions, participations
//! and guarantor responses are n-ary nodes: on their own they say little, so they are
//! expanded one level to show their dates, roles and the other side of the relation.

use crate::error::{Error, Result};
use crate::output::{Names, iri_text};
use crate::vocab;
use oxigraph::model::{
    NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Term, TermRef,
};
use oxigraph::store::Store;
use serde::Serialize;
use std::collections::{BTreeSet, HashSet};

/// Classes whose instances exist to tie other entities together.
const NARY_CLASSES: &[&str] = &[
    "Membership",
    "Tenure",
    "Provision",
    "Participation",
    "GuarantorResponse",
];

/// Everything pacta knows about one entity.
#[derive(Debug, Serialize)]
pub struct Description {
    /// The entity's IRI.
    pub iri: String,
    /// Its English label, or its compact IRI.
    pub label: String,
    /// Statements with the entity as subject.
    pub outgoing: Vec<Fact>,
    /// Statements with the entity as object, named by the property's inverse label
    /// ("violated by") or else "is PROPERTY of".
    pub incoming: Vec<Fact>,
}

/// One statement about the entity, seen from the entity.
#[derive(Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Fact {
    /// Sort key: type and label first, then the rest by property name.
    #[serde(skip)]
    rank: u8,
    /// The property's label (or compact IRI).
    pub property: String,
    /// The property's IRI.
    pub property_iri: String,
    /// The other end: a label or a literal's value.
    pub value: String,
    /// The other end's IRI, when it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_iri: Option<String>,
    /// Facts about the other end, when it is an n-ary node.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<Fact>,
}

/// Finds the entity a user means: an IRI, a compact IRI, a local name or a label; an exact
/// match first (case-insensitive), then a unique substring.
pub fn resolve(store: &Store, name: &str) -> Result<NamedNode> {
    let trimmed = name.trim().trim_start_matches('<').trim_end_matches('>');
    let direct = if trimmed.contains("://") {
        Some(trimmed.to_owned())
    } else {
        vocab::expand(trimmed)
    };
    if let Some(iri) = direct {
        if let Ok(node) = NamedNode::new(iri)
            && mentioned(store, node.as_ref())?
        {
            return Ok(node);
        }
        return Err(Error::UnknownEntity(name.to_owned()));
    }

    let wanted = trimmed.to_lowercase();
    let mut exact = BTreeSet::new();
    let mut partial = BTreeSet::new();
    for (iri, label) in named_entities(store)? {
        let local = local_name(&iri).to_lowercase();
        let label_lower = label.to_lowercase();
        if local == wanted || label_lower == wanted {
            exact.insert((iri, label));
        } else if local.contains(&wanted) || label_lower.contains(&wanted) {
            partial.insert((iri, label));
        }
    }
    let candidates = if exact.is_empty() { partial } else { exact };
    // One row per entity, shown by its label rather than a short name.
    let mut names = Names::new(store, true);
    let mut candidates: Vec<(String, String)> = candidates
        .into_iter()
        .map(|(iri, _)| iri)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|iri| {
            let label = names.term(NamedNodeRef::new_unchecked(&iri).into());
            (iri, label)
        })
        .collect();
    match candidates.len() {
        0 => Err(Error::UnknownEntity(name.to_owned())),
        1 => Ok(NamedNode::new_unchecked(candidates.remove(0).0)),
        _ => Err(Error::Ambiguous {
            name: name.to_owned(),
            candidates,
        }),
    }
}

/// Every IRI with a name, with that name: its labels and short names (one row per name).
fn named_entities(store: &Store) -> Result<Vec<(String, String)>> {
    let short_name = format!("{}shortName", vocab::PACTA);
    let mut entities = Vec::new();
    for property in [vocab::RDFS_LABEL, short_name.as_str()] {
        let property = NamedNodeRef::new_unchecked(property);
        for quad in store.quads_for_pattern(None, Some(property), None, None) {
            let quad = quad?;
            if let (NamedOrBlankNode::NamedNode(subject), Term::Literal(literal)) =
                (quad.subject, quad.object)
            {
                entities.push((subject.into_string(), literal.value().to_owned()));
            }
        }
    }
    Ok(entities)
}

fn local_name(iri: &str) -> &str {
    iri.rsplit(['/', '#']).next().unwrap_or(iri)
}

fn mentioned(store: &Store, node: NamedNodeRef<'_>) -> Result<bool> {
    Ok(store
        .quads_for_pattern(Some(node.into()), None, None, None)
        .next()
        .is_some()
        || store
            .quads_for_pattern(None, None, Some(node.into()), None)
            .next()
            .is_some())
}

/// Gathers the facts about `entity`.
pub fn describe(
    store: &Store,
    entity: NamedNodeRef<'_>,
    names: &mut Names<'_>,
) -> Result<Description> {
    let subject = NamedOrBlankNodeRef::from(entity);
    let mut outgoing = BTreeSet::new();
    for (property, object) in outgoing_edges(store, subject)? {
        let details = match &object {
            Term::BlankNode(node) => node_facts(store, node.as_ref().into(), subject, names)?,
            Term::NamedNode(node) if is_nary(store, node.as_ref())? => {
                node_facts(store, node.as_ref().into(), subject, names)?
            }
            _ => Vec::new(),
        };
        outgoing.insert(fact(
            names,
            property.as_ref(),
            object.as_ref(),
            details,
            false,
        ));
    }
    let mut incoming = BTreeSet::new();
    for (other, property) in incoming_edges(store, entity.into())? {
        let nary = match &other {
            NamedOrBlankNode::BlankNode(_) => true,
            NamedOrBlankNode::NamedNode(node) => is_nary(store, node.as_ref())?,
        };
        let details = if nary {
            node_facts(store, other.as_ref(), subject, names)?
        } else {
            Vec::new()
        };
        incoming.insert(fact(
            names,
            property.as_ref(),
            other.as_ref().into(),
            details,
            true,
        ));
    }
    Ok(Description {
        iri: entity.as_str().to_owned(),
        label: names.term(entity.into()),
        outgoing: outgoing.into_iter().collect(),
        incoming: incoming.into_iter().collect(),
    })
}

/// An n-ary node's own facts, both ways, leaving out the link back to the described entity.
fn node_facts(
    store: &Store,
    node: NamedOrBlankNodeRef<'_>,
    from: NamedOrBlankNodeRef<'_>,
    names: &mut Names<'_>,
) -> Result<Vec<Fact>> {
    let mut facts = BTreeSet::new();
    for (property, object) in outgoing_edges(store, node)? {
        if object.as_ref() != TermRef::from(from) {
            facts.insert(fact(
                names,
                property.as_ref(),
                object.as_ref(),
                Vec::new(),
                false,
            ));
        }
    }
    for (other, property) in incoming_edges(store, node.into())? {
        if other.as_ref() != from {
            facts.insert(fact(
                names,
                property.as_ref(),
                other.as_ref().into(),
                Vec::new(),
                true,
            ));
        }
    }
    Ok(facts.into_iter().collect())
}

/// A fact as seen from the described entity; `inverse` when the entity is its object.
fn fact(
    names: &mut Names<'_>,
    property: NamedNodeRef<'_>,
    value: TermRef<'_>,
    details: Vec<Fact>,
    inverse: bool,
) -> Fact {
    let value_iri = match value {
        TermRef::NamedNode(node) => Some(node.as_str().to_owned()),
        _ => None,
    };
    let name = names
        .label(property)
        .unwrap_or_else(|| iri_text(property.as_str()));
    let property_name = if inverse {
        names
            .annotation(property, &format!("{}inverseLabel", vocab::PACTA))
            .unwrap_or_else(|| format!("is {name} of"))
    } else {
        name
    };
    let rank = match property.as_str() {
        vocab::RDF_TYPE if !inverse => 0,
        vocab::RDFS_LABEL => 1,
        _ => 2,
    };
    Fact {
        rank,
        property: property_name,
        property_iri: property.as_str().to_owned(),
        value: names.term(value),
        value_iri,
        details,
    }
}

fn outgoing_edges(
    store: &Store,
    subject: NamedOrBlankNodeRef<'_>,
) -> Result<HashSet<(NamedNode, Term)>> {
    let mut edges = HashSet::new();
    for quad in store.quads_for_pattern(Some(subject), None, None, None) {
        let quad = quad?;
        edges.insert((quad.predicate, quad.object));
    }
    Ok(edges)
}

fn incoming_edges(
    store: &Store,
    object: TermRef<'_>,
) -> Result<HashSet<(NamedOrBlankNode, NamedNode)>> {
    let mut edges = HashSet::new();
    for quad in store.quads_for_pattern(None, None, Some(object), None) {
        let quad = quad?;
        edges.insert((quad.subject, quad.predicate));
    }
    Ok(edges)
}

fn is_nary(store: &Store, node: NamedNodeRef<'_>) -> Result<bool> {
    let rdf_type = NamedNodeRef::new_unchecked(vocab::RDF_TYPE);
    for quad in store.quads_for_pattern(Some(node.into()), Some(rdf_type), None, None) {
        if let Term::NamedNode(class) = quad?.object
            && let Some(local) = class.as_str().strip_prefix(vocab::PACTA)
            && NARY_CLASSES.contains(&local)
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Writes a description for people: the entity's facts, then what points to it, with n-ary
/// nodes indented beneath the fact that reaches them.
pub fn write_text(description: &Description, out: &mut dyn std::io::Write) -> Result<()> {
    writeln!(out, "{}", description.label)?;
    writeln!(out, "<{}>", description.iri)?;
    writeln!(out)?;
    write_facts(&description.outgoing, "", out)?;
    if !description.incoming.is_empty() {
        writeln!(out)?;
        writeln!(out, "Referenced by:")?;
        write_facts(&description.incoming, "  ", out)?;
    }
    Ok(())
}

fn write_facts(facts: &[Fact], indent: &str, out: &mut dyn std::io::Write) -> Result<()> {
    let width = facts
        .iter()
        .map(|f| f.property.chars().count())
        .max()
        .unwrap_or(0);
    for fact in facts {
        writeln!(out, "{indent}{:<width$}  {}", fact.property, fact.value)?;
        if !fact.details.is_empty() {
            write_facts(&fact.details, &format!("{indent}    "), out)?;
        }
    }
    Ok(())
}
