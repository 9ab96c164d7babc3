//! `pacta stats`: how big the graph is, what it holds, and which years it spans.

use crate::error::Result;
use crate::output::{Names, write_table};
use crate::query;
use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, QuerySolution};
use oxigraph::store::Store;
use serde::Serialize;

/// Figures about the graph.
#[derive(Debug, Serialize)]
pub struct Stats {
    /// Distinct triples across all graphs.
    pub triples: u64,
    /// Quads, i.e. triples counted once per named graph that holds them.
    pub quads: usize,
    /// Named graphs (one per loaded file).
    pub graphs: usize,
    /// Entities per pacta class, largest first.
    pub classes: Vec<ClassCount>,
    /// Earliest xsd:date in the graph.
    pub earliest: Option<String>,
    /// Latest xsd:date in the graph.
    pub latest: Option<String>,
    /// Number of xsd:date values.
    pub dated_facts: u64,
}

/// How many entities one class has.
#[derive(Debug, Serialize)]
pub struct ClassCount {
    /// The class, compact (`pacta:State`).
    pub class: String,
    /// Its label.
    pub label: String,
    /// Distinct instances.
    pub entities: u64,
}

/// Computes the figures.
pub fn compute(store: &Store, names: &mut Names<'_>) -> Result<Stats> {
    let triples = rows(store, include_str!("sparql/stats_triples.rq"))?
        .first()
        .and_then(|row| number(row, "triples"))
        .unwrap_or(0);
    let mut classes = Vec::new();
    for row in rows(store, include_str!("sparql/stats_classes.rq"))? {
        if let Some(Term::NamedNode(class)) = row.get("class") {
            classes.push(ClassCount {
                class: crate::output::iri_text(class.as_str()),
                label: names.term(class.as_ref().into()),
                entities: number(&row, "entities").unwrap_or(0),
            });
        }
    }
    let dates = rows(store, include_str!("sparql/stats_dates.rq"))?;
    let text = |name: &str| match dates.first().and_then(|row| row.get(name)) {
        Some(Term::Literal(literal)) => Some(literal.value().to_owned()),
        _ => None,
    };
    Ok(Stats {
        triples,
        quads: store.len()?,
        graphs: store.named_graphs().count(),
        classes,
        earliest: text("earliest"),
        latest: text("latest"),
        dated_facts: dates
            .first()
            .and_then(|row| number(row, "dated"))
            .unwrap_or(0),
    })
}

fn rows(store: &Store, sparql: &str) -> Result<Vec<QuerySolution>> {
    let prepared = query::parse(sparql, "stats", None)?;
    match query::run(store, prepared, [])? {
        QueryResults::Solutions(solutions) => Ok(solutions.collect::<Result<_, _>>()?),
        _ => Ok(Vec::new()),
    }
}

fn number(row: &QuerySolution, name: &str) -> Option<u64> {
    match row.get(name) {
        Some(Term::Literal(literal)) => literal.value().parse().ok(),
        _ => None,
    }
}

/// Writes the figures for people.
pub fn write_text(stats: &Stats, out: &mut dyn std::io::Write) -> Result<()> {
    writeln!(out, "triples      {}", stats.triples)?;
    writeln!(out, "quads        {}", stats.quads)?;
    writeln!(out, "graphs       {}", stats.graphs)?;
    match (&stats.earliest, &stats.latest) {
        (Some(earliest), Some(latest)) => writeln!(
            out,
            "dates        {earliest} to {latest} ({} dated facts)",
            stats.dated_facts
        )?,
        _ => writeln!(out, "dates        none")?,
    }
    writeln!(out)?;
    let header = ["class", "label", "entities"].map(str::to_owned);
    let rows: Vec<Vec<String>> = stats
        .classes
        .iter()
        .map(|c| vec![c.class.clone(), c.label.clone(), c.entities.to_string()])
        .collect();
    write_table(&header, &rows, out)
}
