//! `pacta analyze`: figures about the networks on a day, and what changed between two days.
//!
//! Betweenness follows Brandes' algorithm and is normalised as networkx does, so that a JSON
//! export read back by networkx gives the same numbers.

use crate::error::Result;
use crate::network::{self, Network, NetworkKind, Relation, RowCache};
use crate::output::{Names, write_table};
use oxigraph::model::NamedNodeRef;
use oxigraph::store::Store;
use petgraph::graph::NodeIndex;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Everything `analyze` reports for one day.
#[derive(Debug, Serialize)]
pub struct Analysis {
    /// The day analysed.
    pub at: String,
    /// Degree and betweenness of each state in the alliance network.
    pub centrality: Vec<Centrality>,
    /// Connected components of the alliance network: the blocs.
    pub components: Vec<Vec<Member>>,
    /// Violations of a state the aggressor guaranteed.
    pub broken_guarantees: Vec<BrokenGuarantee>,
    /// Violent events between members of the same defence organisation.
    pub intra_alliance_conflicts: Vec<IntraAllianceConflict>,
}

/// One node's figures in the alliance network.
#[derive(Debug, Serialize)]
pub struct Centrality {
    /// The node's IRI.
    pub node: String,
    /// Its label.
    pub label: String,
    /// Number of allies.
    pub degree: usize,
    /// Normalised betweenness centrality.
    pub betweenness: f64,
}

/// A member of a component.
#[derive(Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Member {
    /// The node's label.
    pub label: String,
    /// The node's IRI.
    pub node: String,
}

/// A guarantor that attacked the state it guaranteed.
#[derive(Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct BrokenGuarantee {
    /// Date of the event.
    pub date: String,
    /// The guarantor (the aggressor).
    pub guarantor: String,
    /// The guaranteed state (the target).
    pub beneficiary: String,
    /// The agreement holding the guarantee.
    pub agreement: String,
    /// The guarantee provision.
    pub provision: String,
    /// The violating event.
    pub event: String,
}

/// Two members of one defence organisation in a violent event.
#[derive(Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct IntraAllianceConflict {
    /// Date of the event.
    pub date: String,
    /// One side (the aggressor where known).
    pub side_a: String,
    /// The other side.
    pub side_b: String,
    /// The organisation both belonged to.
    pub organisation: String,
    /// The event.
    pub event: String,
}

/// Analyses the networks on day `at`.
pub fn analyze(
    store: &Store,
    at: &str,
    names: &mut Names<'_>,
    cache: &RowCache,
) -> Result<Analysis> {
    network::prefetch_analysis(store, at, cache)?;
    let alliance = network::derive(store, NetworkKind::Alliance, at, names, cache)?;
    let betweenness = betweenness(&alliance);
    let mut centrality: Vec<Centrality> = alliance
        .graph
        .node_indices()
        .map(|n| Centrality {
            node: alliance.graph[n].id.clone(),
            label: alliance.graph[n].label.clone(),
            degree: alliance
                .graph
                .neighbors_undirected(n)
                .collect::<BTreeSet<_>>()
                .len(),
            betweenness: betweenness[n.index()],
        })
        .collect();
    centrality.sort_by(|a, b| {
        b.betweenness
            .total_cmp(&a.betweenness)
            .then(b.degree.cmp(&a.degree))
            .then(a.label.cmp(&b.label))
    });

    let mut broken_guarantees: Vec<BrokenGuarantee> =
        network::relation_rows(store, Relation::BrokenGuarantee, at, cache)?
            .into_iter()
            .map(|mut row| BrokenGuarantee {
                date: row.remove("date").unwrap_or_default(),
                guarantor: row.remove("source").unwrap_or_default(),
                beneficiary: row.remove("target").unwrap_or_default(),
                agreement: row.remove("agreement").unwrap_or_default(),
                provision: row.remove("provision").unwrap_or_default(),
                event: row.remove("event").unwrap_or_default(),
            })
            .collect();
    broken_guarantees.sort();
    broken_guarantees.dedup();
    let mut intra_alliance_conflicts: Vec<IntraAllianceConflict> =
        network::relation_rows(store, Relation::IntraAllianceConflict, at, cache)?
            .into_iter()
            .map(|mut row| IntraAllianceConflict {
                date: row.remove("date").unwrap_or_default(),
                side_a: row.remove("source").unwrap_or_default(),
                side_b: row.remove("target").unwrap_or_default(),
                organisation: row.remove("organisation").unwrap_or_default(),
                event: row.remove("event").unwrap_or_default(),
            })
            .collect();
    intra_alliance_conflicts.sort();
    intra_alliance_conflicts.dedup();

    Ok(Analysis {
        at: at.to_owned(),
        centrality,
        components: components(&alliance),
        broken_guarantees,
        intra_alliance_conflicts,
    })
}

/// Connected components, largest first, members sorted by label.
pub fn components(network: &Network) -> Vec<Vec<Member>> {
    let graph = &network.graph;
    let mut seen = vec![false; graph.node_count()];
    let mut components = Vec::new();
    for start in graph.node_indices() {
        if seen[start.index()] {
            continue;
        }
        seen[start.index()] = true;
        let mut queue = VecDeque::from([start]);
        let mut members = Vec::new();
        while let Some(node) = queue.pop_front() {
            members.push(Member {
                label: graph[node].label.clone(),
                node: graph[node].id.clone(),
            });
            for next in graph.neighbors_undirected(node) {
                if !seen[next.index()] {
                    seen[next.index()] = true;
                    queue.push_back(next);
                }
            }
        }
        members.sort();
        components.push(members);
    }
    components.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    components
}

/// Betweenness centrality by Brandes' algorithm, normalised like networkx's
/// `betweenness_centrality(G, normalized=True)`: divided by (n-1)(n-2), with every ordered
/// pair counted, so undirected graphs count each path both ways as networkx does.
pub fn betweenness(network: &Network) -> Vec<f64> {
    let graph = &network.graph;
    let n = graph.node_count();
    // Simple-graph adjacency: parallel edges do not add shortest paths.
    let neighbours: Vec<Vec<usize>> = graph
        .node_indices()
        .map(|v| {
            let set: BTreeSet<usize> = if network.directed() {
                graph.neighbors(v).map(NodeIndex::index).collect()
            } else {
                graph
                    .neighbors_undirected(v)
                    .map(NodeIndex::index)
                    .collect()
            };
            set.into_iter().filter(|&w| w != v.index()).collect()
        })
        .collect();
    let mut centrality = vec![0.0; n];
    for source in 0..n {
        let mut stack = Vec::with_capacity(n);
        let mut predecessors: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut paths = vec![0.0_f64; n];
        let mut distance = vec![usize::MAX; n];
        paths[source] = 1.0;
        distance[source] = 0;
        let mut queue = VecDeque::from([source]);
        while let Some(v) = queue.pop_front() {
            stack.push(v);
            for &w in &neighbours[v] {
                if distance[w] == usize::MAX {
                    distance[w] = distance[v] + 1;
                    queue.push_back(w);
                }
                if distance[w] == distance[v] + 1 {
                    paths[w] += paths[v];
                    predecessors[w].push(v);
                }
            }
        }
        let mut dependency = vec![0.0_f64; n];
        while let Some(w) = stack.pop() {
            for &v in &predecessors[w] {
                dependency[v] += paths[v] / paths[w] * (1.0 + dependency[w]);
            }
            if w != source {
                centrality[w] += dependency[w];
            }
        }
    }
    if n > 2 {
        let scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64);
        for value in &mut centrality {
            *value *= scale;
        }
    }
    centrality
}

/// One edge gained or lost between two days.
#[derive(Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct EdgeChange {
    /// The network.
    pub network: NetworkKind,
    /// `gained` or `lost`.
    pub change: &'static str,
    /// The edge: relation, source, target and key attributes.
    pub edge: String,
}

/// The edges each network gained and lost between `since` and `at`.
pub fn changes(
    store: &Store,
    since: &str,
    at: &str,
    names: &mut Names<'_>,
    cache: &RowCache,
) -> Result<Vec<EdgeChange>> {
    let mut out = Vec::new();
    let before = network::derive_all(store, since, names, cache)?;
    let after = network::derive_all(store, at, names, cache)?;
    for (before, after) in before.iter().zip(&after) {
        let kind = after.kind;
        let (before, after) = (before.edge_keys(), after.edge_keys());
        for edge in after.difference(&before) {
            out.push(EdgeChange {
                network: kind,
                change: "gained",
                edge: readable(edge, names),
            });
        }
        for edge in before.difference(&after) {
            out.push(EdgeChange {
                network: kind,
                change: "lost",
                edge: readable(edge, names),
            });
        }
    }
    out.sort();
    Ok(out)
}

/// An edge key with its IRIs shown by label.
fn readable(key: &str, names: &mut Names<'_>) -> String {
    key.split(' ')
        .map(|part| {
            if part.contains("://") {
                names.term(NamedNodeRef::new_unchecked(part).into())
            } else {
                part.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Writes an analysis for people.
pub fn write_text(
    analysis: &Analysis,
    names: &mut Names<'_>,
    out: &mut dyn std::io::Write,
) -> Result<()> {
    writeln!(
        out,
        "Alliance network on {}: {} states, {} blocs",
        analysis.at,
        analysis.centrality.len(),
        analysis.components.len()
    )?;
    writeln!(out)?;
    let rows: Vec<Vec<String>> = analysis
        .centrality
        .iter()
        .map(|c| {
            vec![
                c.label.clone(),
                c.degree.to_string(),
                format!("{:.4}", c.betweenness),
            ]
        })
        .collect();
    write_table(
        &["state", "degree", "betweenness"].map(str::to_owned),
        &rows,
        out,
    )?;
    writeln!(out)?;
    writeln!(out, "Blocs (connected components of the alliance network):")?;
    for (i, component) in analysis.components.iter().enumerate() {
        let members: Vec<&str> = component.iter().map(|m| m.label.as_str()).collect();
        writeln!(
            out,
            "  {}. {} states: {}",
            i + 1,
            component.len(),
            members.join(", ")
        )?;
    }
    writeln!(out)?;
    let broken: Vec<[&str; 5]> = analysis
        .broken_guarantees
        .iter()
        .map(|b| {
            [
                b.date.as_str(),
                &b.guarantor,
                &b.beneficiary,
                &b.provision,
                &b.event,
            ]
        })
        .collect();
    write_section(
        "Broken guarantees (the guarantor attacked the state it guaranteed):",
        ["date", "guarantor", "beneficiary", "provision", "event"],
        &broken,
        names,
        out,
    )?;
    writeln!(out)?;
    let conflicts: Vec<[&str; 5]> = analysis
        .intra_alliance_conflicts
        .iter()
        .map(|c| {
            [
                c.date.as_str(),
                &c.side_a,
                &c.side_b,
                &c.organisation,
                &c.event,
            ]
        })
        .collect();
    write_section(
        "Intra-alliance conflicts (members of one defence organisation in a violent event):",
        ["date", "side a", "side b", "organisation", "event"],
        &conflicts,
        names,
        out,
    )
}

/// A titled table whose first column is a date and the others IRIs, shown by label.
fn write_section(
    title: &str,
    header: [&str; 5],
    rows: &[[&str; 5]],
    names: &mut Names<'_>,
    out: &mut dyn std::io::Write,
) -> Result<()> {
    writeln!(out, "{title}")?;
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            let mut cells = vec![row[0].to_owned()];
            cells.extend(
                row[1..]
                    .iter()
                    .map(|iri| names.term(NamedNodeRef::new_unchecked(iri).into())),
            );
            cells
        })
        .collect();
    write_table(&header.map(str::to_owned), &rows, out)
}

/// Writes the changes between two days for people.
pub fn write_changes(
    changes: &[EdgeChange],
    since: &str,
    at: &str,
    out: &mut dyn std::io::Write,
) -> Result<()> {
    let mut by_network: BTreeMap<NetworkKind, Vec<&EdgeChange>> = BTreeMap::new();
    for change in changes {
        by_network.entry(change.network).or_default().push(change);
    }
    writeln!(out, "Changes from {since} to {at}:")?;
    for kind in NetworkKind::ALL {
        let list = by_network.remove(&kind).unwrap_or_default();
        let gained = list.iter().filter(|c| c.change == "gained").count();
        writeln!(out)?;
        writeln!(
            out,
            "{} network: {} gained, {} lost",
            kind.name(),
            gained,
            list.len() - gained
        )?;
        for change in list {
            let sign = if change.change == "gained" { '+' } else { '-' };
            writeln!(out, "  {sign} {}", change.edge)?;
        }
    }
    Ok(())
}
