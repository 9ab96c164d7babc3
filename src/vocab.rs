//! The namespaces pacta uses, and the prefixes every query gets for free.
//!
//! Queries, the table printer and the Turtle exporter all read the same list, so a prefix
//! that works in a query is also the one used to shorten IRIs in its output.

/// Namespace of pacta's classes, properties and SKOS concepts.
pub const PACTA: &str = "https://w3id.org/pacta/ontology#";
/// Namespace of pacta's entities: states, organisations, agreements, events, people.
pub const ID: &str = "https://w3id.org/pacta/id/";
/// Namespace of the named graphs that hold the built-in files.
pub const GRAPH: &str = "https://w3id.org/pacta/graph/";

/// rdfs:label, used for names everywhere.
pub const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
/// rdf:type.
pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// Prefixes predeclared in every query, in the order they are tried when shortening IRIs.
pub const PREFIXES: &[(&str, &str)] = &[
    ("pacta", PACTA),
    ("id", ID),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("org", "http://www.w3.org/ns/org#"),
    ("time", "http://www.w3.org/2006/time#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("wd", "http://www.wikidata.org/entity/"),
];

/// Shortens an IRI to `prefix:local` when a known prefix matches and the rest is a plain name.
pub fn compact(iri: &str) -> Option<String> {
    PREFIXES.iter().find_map(|(prefix, namespace)| {
        let local = iri.strip_prefix(namespace)?;
        let plain = !local.is_empty()
            && local
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            && !local.starts_with('-');
        plain.then(|| format!("{prefix}:{local}"))
    })
}

/// Expands `prefix:local` with a known prefix into a full IRI.
pub fn expand(name: &str) -> Option<String> {
    let (prefix, local) = name.split_once(':')?;
    PREFIXES
        .iter()
        .find(|(p, _)| *p == prefix)
        .map(|(_, namespace)| format!("{namespace}{local}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_and_expand_round_trip() {
        let iri = format!("{ID}BudapestMemorandum");
        assert_eq!(compact(&iri).as_deref(), Some("id:BudapestMemorandum"));
        assert_eq!(expand("id:BudapestMemorandum"), Some(iri));
    }

    #[test]
    fn compact_refuses_names_that_are_not_plain() {
        assert_eq!(compact("https://w3id.org/pacta/id/a/b"), None);
        assert_eq!(compact("http://example.org/x"), None);
        assert_eq!(expand("nope:x"), None);
    }
}
