//! Writing query results: aligned tables for people, CSV/TSV/JSON/XML and RDF for tools.
//!
//! Tables show an IRI by its English label when the graph has one, else in compact form
//! (`id:RUS`), so answers read as names while staying traceable.

use crate::error::{Error, Result};
use crate::vocab;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{NamedNodeRef, Term, TermRef, Triple};
use oxigraph::sparql::QueryResults;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::store::Store;
use std::collections::HashMap;
use std::io::Write;

/// The formats `query` and `ask` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ResultFormat {
    /// Aligned columns, IRIs shown by label (the default for SELECT and ASK).
    Table,
    /// SPARQL 1.1 CSV results.
    Csv,
    /// SPARQL 1.1 TSV results.
    Tsv,
    /// SPARQL 1.1 JSON results.
    Json,
    /// SPARQL 1.1 XML results.
    Xml,
    /// Turtle, for CONSTRUCT and DESCRIBE (their default).
    Turtle,
    /// N-Triples, for CONSTRUCT and DESCRIBE.
    Ntriples,
    /// N-Quads, for CONSTRUCT and DESCRIBE.
    Nquads,
}

impl ResultFormat {
    fn solutions_format(self) -> Option<QueryResultsFormat> {
        match self {
            Self::Csv => Some(QueryResultsFormat::Csv),
            Self::Tsv => Some(QueryResultsFormat::Tsv),
            Self::Json => Some(QueryResultsFormat::Json),
            Self::Xml => Some(QueryResultsFormat::Xml),
            Self::Table | Self::Turtle | Self::Ntriples | Self::Nquads => None,
        }
    }

    fn graph_format(self) -> Option<RdfFormat> {
        match self {
            Self::Turtle => Some(RdfFormat::Turtle),
            Self::Ntriples => Some(RdfFormat::NTriples),
            Self::Nquads => Some(RdfFormat::NQuads),
            _ => None,
        }
    }
}

/// Turns terms into the short text a table shows, looking labels up once each.
pub struct Names<'a> {
    store: &'a Store,
    prefer_labels: bool,
    cache: HashMap<String, Option<String>>,
}

impl<'a> Names<'a> {
    /// `prefer_labels` shows labels; otherwise IRIs are shown compact.
    pub fn new(store: &'a Store, prefer_labels: bool) -> Self {
        Self {
            store,
            prefer_labels,
            cache: HashMap::new(),
        }
    }

    /// The English (or untagged) label of an IRI, if the graph has one.
    pub fn label(&mut self, iri: NamedNodeRef<'_>) -> Option<String> {
        if let Some(cached) = self.cache.get(iri.as_str()) {
            return cached.clone();
        }
        let label = self.annotation(iri, vocab::RDFS_LABEL);
        self.cache.insert(iri.as_str().to_owned(), label.clone());
        label
    }

    /// The English (or untagged) value of a text annotation such as `pacta:inverseLabel`.
    pub fn annotation(&self, iri: NamedNodeRef<'_>, property: &str) -> Option<String> {
        let property = NamedNodeRef::new_unchecked(property);
        let mut best: Option<(u8, String)> = None;
        for quad in self
            .store
            .quads_for_pattern(Some(iri.into()), Some(property), None, None)
            .flatten()
        {
            if let Term::Literal(literal) = quad.object {
                let rank = match literal.language() {
                    Some("en") => 0,
                    None => 1,
                    Some(_) => 2,
                };
                if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                    best = Some((rank, literal.value().to_owned()));
                }
            }
        }
        best.map(|(_, text)| text)
    }

    /// The text for one term: a label or compact IRI, a literal's value, `_:id` for blanks.
    pub fn term(&mut self, term: TermRef<'_>) -> String {
        match term {
            TermRef::NamedNode(node) => {
                let label = if self.prefer_labels {
                    self.label(node)
                } else {
                    None
                };
                label.unwrap_or_else(|| iri_text(node.as_str()))
            }
            TermRef::Literal(literal) => literal.value().to_owned(),
            other => other.to_string(),
        }
    }
}

/// An IRI in compact form where a prefix fits, else in angle brackets.
pub fn iri_text(iri: &str) -> String {
    vocab::compact(iri).unwrap_or_else(|| format!("<{iri}>"))
}

/// Writes query results in `format` (None: a table for solutions, Turtle for graphs).
pub fn write_results(
    results: QueryResults<'_>,
    format: Option<ResultFormat>,
    names: &mut Names<'_>,
    out: &mut dyn Write,
) -> Result<()> {
    match results {
        QueryResults::Solutions(solutions) => {
            let format = format.unwrap_or(ResultFormat::Table);
            let variables = solutions.variables().to_vec();
            if let Some(results_format) = format.solutions_format() {
                let mut serializer = QueryResultsSerializer::from_format(results_format)
                    .serialize_solutions_to_writer(&mut *out, variables)?;
                for solution in solutions {
                    serializer.serialize(&solution?)?;
                }
                serializer.finish()?;
                return Ok(());
            }
            if format != ResultFormat::Table {
                return Err(wrong_kind(format, "SELECT"));
            }
            let header: Vec<String> = variables.iter().map(|v| v.as_str().to_owned()).collect();
            let mut rows = Vec::new();
            for solution in solutions {
                let solution = solution?;
                rows.push(
                    variables
                        .iter()
                        .map(|v| {
                            solution
                                .get(v)
                                .map(|t| names.term(t.as_ref()))
                                .unwrap_or_default()
                        })
                        .collect(),
                );
            }
            write_table(&header, &rows, out)
        }
        QueryResults::Boolean(value) => {
            let format = format.unwrap_or(ResultFormat::Table);
            if let Some(results_format) = format.solutions_format() {
                QueryResultsSerializer::from_format(results_format)
                    .serialize_boolean_to_writer(&mut *out, value)?;
                return Ok(());
            }
            if format != ResultFormat::Table {
                return Err(wrong_kind(format, "ASK"));
            }
            writeln!(out, "{value}")?;
            Ok(())
        }
        QueryResults::Graph(triples) => {
            let format = format.unwrap_or(ResultFormat::Turtle);
            if format == ResultFormat::Table {
                let header = ["subject", "predicate", "object"].map(str::to_owned);
                let mut rows = Vec::new();
                for triple in triples {
                    let triple = triple?;
                    rows.push(vec![
                        names.term(triple.subject.as_ref().into()),
                        names.term(triple.predicate.as_ref().into()),
                        names.term(triple.object.as_ref()),
                    ]);
                }
                return write_table(&header, &rows, out);
            }
            let rdf_format = format
                .graph_format()
                .ok_or_else(|| wrong_kind(format, "CONSTRUCT and DESCRIBE"))?;
            let triples: Vec<Triple> = triples.collect::<Result<_, _>>()?;
            write_triples(&triples, rdf_format, out)
        }
    }
}

/// Serialises triples, with pacta's prefixes where the format has them.
pub fn write_triples(triples: &[Triple], format: RdfFormat, out: &mut dyn Write) -> Result<()> {
    let mut serializer = RdfSerializer::from_format(format);
    for (prefix, namespace) in vocab::PREFIXES {
        serializer = serializer
            .with_prefix(*prefix, *namespace)
            .expect("the built-in prefixes are valid IRIs");
    }
    let mut writer = serializer.for_writer(out);
    for triple in triples {
        writer.serialize_triple(triple)?;
    }
    writer.finish()?;
    Ok(())
}

fn wrong_kind(format: ResultFormat, kind: &str) -> Error {
    let name = format!("{format:?}").to_lowercase();
    Error::Usage(format!(
        "--format {name} does not fit {kind} results; use table, csv, tsv, json or xml for SELECT and ASK, turtle, ntriples or nquads for CONSTRUCT and DESCRIBE"
    ))
}

/// Writes rows as aligned columns under a header and a rule, then a row count.
pub fn write_table(header: &[String], rows: &[Vec<String>], out: &mut dyn Write) -> Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        padded.join("  ").trim_end().to_owned()
    };
    writeln!(out, "{}", line(header))?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    writeln!(out, "{}", line(&rule))?;
    for row in rows {
        writeln!(out, "{}", line(row))?;
    }
    let plural = if rows.len() == 1 { "" } else { "s" };
    writeln!(out, "({} row{plural})", rows.len())?;
    Ok(())
}
