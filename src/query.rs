//! Parsing and running SPARQL over the store.
//!
//! Every query gets pacta's prefixes without declaring them, and sees the union of all
//! loaded files as its default graph unless it names its own dataset with FROM.

use crate::error::{Error, Result};
use crate::vocab;
use oxigraph::model::{Term, Variable};
use oxigraph::sparql::{PreparedSparqlQuery, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

/// Parses a query with pacta's prefixes. `origin` names it in error messages.
pub fn parse(text: &str, origin: &str, base: Option<&str>) -> Result<PreparedSparqlQuery> {
    let mut evaluator = SparqlEvaluator::new();
    for (prefix, namespace) in vocab::PREFIXES {
        evaluator = evaluator
            .with_prefix(*prefix, *namespace)
            .expect("the built-in prefixes are valid IRIs");
    }
    if let Some(base) = base {
        evaluator = evaluator
            .with_base_iri(base)
            .map_err(|e| Error::Usage(format!("invalid base IRI '{base}': {e}")))?;
    }
    let mut prepared = evaluator
        .parse_query(text)
        .map_err(|e| syntax_error(origin, &e.to_string()))?;
    if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    Ok(prepared)
}

/// Runs a prepared query, with `bindings` substituted for their variables.
pub fn run<'a>(
    store: &Store,
    prepared: PreparedSparqlQuery,
    bindings: impl IntoIterator<Item = (Variable, Term)>,
) -> Result<QueryResults<'a>> {
    let mut bound = prepared.on_store(store);
    for (variable, value) in bindings {
        bound = bound.substitute_variable(variable, value);
    }
    Ok(bound.execute()?)
}

/// The SPARQL parser reports `error at LINE:COLUMN: expected ...`; we turn that into
/// `ORIGIN:LINE:COLUMN: expected ...` like every other error with a position.
fn syntax_error(origin: &str, message: &str) -> Error {
    let position = message.strip_prefix("error at ").and_then(|rest| {
        let (position, detail) = rest.split_once(": ")?;
        let (line, column) = position.split_once(':')?;
        Some((line.parse().ok()?, column.parse().ok()?, detail))
    });
    match position {
        Some((line, column, detail)) => Error::QuerySyntax {
            origin: origin.to_owned(),
            line,
            column,
            message: detail.to_owned(),
        },
        None => Error::QuerySyntax {
            origin: origin.to_owned(),
            line: 1,
            column: 1,
            message: message.to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_carry_their_position() {
        let error = parse("SELECT ?x WHERE {\n  ?x ?p \n}", "q.rq", None)
            .err()
            .expect("the query is incomplete");
        let Error::QuerySyntax { line, origin, .. } = error else {
            panic!("expected a syntax error, got {error}");
        };
        assert_eq!((origin.as_str(), line), ("q.rq", 3));
    }

    #[test]
    fn prefixes_are_predeclared() {
        assert!(
            parse(
                "SELECT * { ?s a pacta:State ; pacta:wikidata ?w }",
                "q",
                None
            )
            .is_ok()
        );
    }
}
