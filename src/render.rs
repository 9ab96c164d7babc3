//! Writing networks: Graphviz DOT (and SVG or PNG through the `dot` program), and node-link
//! JSON as networkx's `node_link_graph` reads it and D3 uses it.
//!
//! petgraph's own `Dot` writer inserts attribute strings unescaped, so DOT is written here,
//! with every string escaped and nodes and edges sorted so that the same graph gives the same
//! bytes.

use crate::error::{Error, Result};
use crate::network::{Edge, Network, NetworkKind, Relation};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write;
use std::process::{Command, Stdio};

/// Output formats of `pacta graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT source.
    Dot,
    /// SVG drawn by Graphviz's `dot`.
    Svg,
    /// PNG drawn by Graphviz's `dot`.
    Png,
    /// Node-link JSON (networkx, D3).
    Json,
}

/// How an edge is drawn: (colour, style, pen width).
fn look(relation: Relation, edge: &Edge) -> (&'static str, &'static str, &'static str) {
    match relation {
        Relation::Alliance => ("#7f7f7f", "solid", "1"),
        Relation::Guarantee
            if edge
                .first("activation")
                .is_some_and(|a| a.ends_with("#Automatic")) =>
        {
            ("#1f77b4", "solid", "1.5")
        }
        Relation::Guarantee => ("#1f77b4", "dashed", "1"),
        Relation::Violation => ("#d62728", "solid", "1.5"),
        Relation::BrokenGuarantee => ("#d62728", "bold", "4"),
        Relation::IntraAllianceConflict => ("#ff7f0e", "bold", "3"),
    }
}

const LEGEND: &[(Relation, &str, &str, &str)] = &[
    (
        Relation::Alliance,
        "#7f7f7f",
        "solid",
        "allies (shared defence organisation)",
    ),
    (
        Relation::Guarantee,
        "#1f77b4",
        "solid",
        "guarantee, automatic",
    ),
    (
        Relation::Guarantee,
        "#1f77b4",
        "dashed",
        "guarantee, discretionary or unstated",
    ),
    (
        Relation::Violation,
        "#d62728",
        "solid",
        "violation (aggressor to target)",
    ),
    (
        Relation::BrokenGuarantee,
        "#d62728",
        "bold",
        "broken guarantee",
    ),
    (
        Relation::IntraAllianceConflict,
        "#ff7f0e",
        "bold",
        "conflict inside an alliance",
    ),
];

/// Escapes a string for a double-quoted DOT ID.
pub fn dot_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The DOT text of a network.
pub fn to_dot(network: &Network) -> String {
    let graph = &network.graph;
    let (keyword, arrow) = if network.directed() {
        ("digraph", "->")
    } else {
        ("graph", "--")
    };
    let title = format!("pacta {} network on {}", network.kind.name(), network.at);
    let mut out = String::new();
    let _ = writeln!(out, "{keyword} \"{}\" {{", dot_escape(&title));
    // These are networks, not hierarchies: force-directed layouts draw them in seconds where
    // dot's ranking takes minutes on a few thousand guarantee edges. fdp keeps the clusters.
    let layout = if network.kind == NetworkKind::Alliance {
        "fdp"
    } else {
        "neato"
    };
    let _ = writeln!(
        out,
        "  graph [label=\"{}\", labelloc=t, fontname=\"Helvetica\", fontsize=16, layout={layout}, overlap=false, splines=true, outputorder=edgesfirst];",
        dot_escape(&title)
    );
    out.push_str("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f7f7f7\", fontname=\"Helvetica\", fontsize=11];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");

    // Nodes are numbered in IRI order (the graph's node order), which is stable.
    let id = |index: usize| format!("n{index}");
    let clusters = if network.kind == NetworkKind::Alliance {
        clusters(network)
    } else {
        BTreeMap::new()
    };
    let clustered: BTreeSet<usize> = clusters.values().flatten().copied().collect();
    for (cluster_index, (organisation, members)) in clusters.iter().enumerate() {
        let _ = writeln!(out, "  subgraph cluster_{cluster_index} {{");
        let _ = writeln!(
            out,
            "    label=\"{}\"; style=rounded; color=\"#bbbbbb\";",
            dot_escape(&organisation.1)
        );
        for &member in members {
            node_line(
                &mut out,
                "    ",
                &id(member),
                &graph[petgraph::graph::NodeIndex::new(member)],
            );
        }
        out.push_str("  }\n");
    }
    for node in graph.node_indices() {
        if !clustered.contains(&node.index()) {
            node_line(&mut out, "  ", &id(node.index()), &graph[node]);
        }
    }

    let mut edges: Vec<(usize, usize, &Edge)> = graph
        .edge_indices()
        .map(|e| {
            let (a, b) = graph.edge_endpoints(e).expect("edge exists");
            (a.index(), b.index(), &graph[e])
        })
        .collect();
    edges.sort_by(|x, y| {
        (x.0, x.1, x.2.relation, &x.2.attributes).cmp(&(y.0, y.1, y.2.relation, &y.2.attributes))
    });
    for (a, b, edge) in edges {
        let (colour, style, width) = look(edge.relation, edge);
        let tooltip = edge_tooltip(edge);
        let label = match edge.relation {
            Relation::Violation | Relation::BrokenGuarantee | Relation::IntraAllianceConflict => {
                edge.first("date").unwrap_or_default().to_owned()
            }
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "  {} {arrow} {} [color=\"{colour}\", style={style}, penwidth={width}, label=\"{}\", tooltip=\"{}\", class=\"{}\"];",
            id(a),
            id(b),
            dot_escape(&label),
            dot_escape(&tooltip),
            edge.relation.name()
        );
    }

    // The legend shows only the relations this kind of network can hold.
    let relations: BTreeSet<Relation> = match network.kind {
        NetworkKind::Alliance => [Relation::Alliance].into(),
        NetworkKind::Guarantee => [Relation::Guarantee].into(),
        NetworkKind::Violation => [Relation::Violation].into(),
        NetworkKind::Security => [
            Relation::Guarantee,
            Relation::Violation,
            Relation::BrokenGuarantee,
            Relation::IntraAllianceConflict,
        ]
        .into(),
    };
    // A plain node, not a cluster: neato does not draw clusters.
    out.push_str(
        "  legend [shape=plaintext, style=\"\", label=<<table border=\"1\" color=\"#bbbbbb\" cellborder=\"0\" cellpadding=\"2\"><tr><td colspan=\"2\"><b>Legend</b></td></tr>",
    );
    for (relation, colour, style, text) in LEGEND {
        if relations.contains(relation) {
            let sample = if *style == "dashed" {
                "- - -"
            } else if *style == "bold" {
                "&#9473;&#9473;&#9473;"
            } else {
                "&#9472;&#9472;&#9472;"
            };
            let _ = write!(
                out,
                "<tr><td><font color=\"{colour}\">{sample}</font></td><td align=\"left\">{}</td></tr>",
                html_escape(text)
            );
        }
    }
    out.push_str("</table>>];\n}\n");
    out
}

fn node_line(out: &mut String, indent: &str, id: &str, node: &crate::network::Node) {
    let _ = writeln!(
        out,
        "{indent}{id} [label=\"{}\", tooltip=\"{}\"];",
        dot_escape(&node.label),
        dot_escape(&node.id)
    );
}

/// The edge's attributes, IRIs shortened to their local names, for the SVG tooltip.
fn edge_tooltip(edge: &Edge) -> String {
    edge.attributes
        .iter()
        .map(|(name, values)| {
            let values: Vec<&str> = values
                .iter()
                .map(|v| v.rsplit(['/', '#']).next().unwrap_or(v))
                .collect();
            format!("{name}: {}", values.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// In the alliance network, each state is drawn inside the cluster of its largest defence
/// organisation (Graphviz cannot put one node in two clusters); the edges still show every
/// organisation the pair shares. Keyed by (members, IRI, label) so the largest comes first.
fn clusters(network: &Network) -> BTreeMap<(usize, String), BTreeSet<usize>> {
    let graph = &network.graph;
    let mut members: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for e in graph.edge_indices() {
        let (a, b) = graph.edge_endpoints(e).expect("edge exists");
        for organisation in graph[e]
            .attributes
            .get("organisation")
            .into_iter()
            .flatten()
        {
            members
                .entry(organisation)
                .or_default()
                .extend([a.index(), b.index()]);
        }
    }
    let mut by_size: Vec<(&str, &BTreeSet<usize>)> = members.iter().map(|(o, m)| (*o, m)).collect();
    by_size.sort_by(|x, y| y.1.len().cmp(&x.1.len()).then(x.0.cmp(y.0)));
    let mut placed = BTreeSet::new();
    let mut out = BTreeMap::new();
    for (rank, (organisation, nodes)) in by_size.into_iter().enumerate() {
        let fresh: BTreeSet<usize> = nodes
            .iter()
            .copied()
            .filter(|n| placed.insert(*n))
            .collect();
        if !fresh.is_empty() {
            let short = organisation
                .rsplit('/')
                .next()
                .unwrap_or(organisation)
                .to_owned();
            out.insert((rank, short), fresh);
        }
    }
    out
}

/// The node-link JSON of a network.
pub fn to_json(network: &Network) -> Value {
    let graph = &network.graph;
    let nodes: Vec<Value> = graph
        .node_indices()
        .map(|n| serde_json::to_value(&graph[n]).expect("nodes serialise"))
        .collect();
    let links: Vec<Value> = graph
        .edge_indices()
        .map(|e| {
            let (a, b) = graph.edge_endpoints(e).expect("edge exists");
            let edge = &graph[e];
            let mut link = Map::new();
            link.insert("source".to_owned(), json!(graph[a].id));
            link.insert("target".to_owned(), json!(graph[b].id));
            link.insert("relation".to_owned(), json!(edge.relation.name()));
            for (name, values) in &edge.attributes {
                let value = if values.len() == 1
                    && !matches!(name.as_str(), "organisation" | "provision")
                {
                    json!(values.iter().next())
                } else {
                    json!(values)
                };
                link.insert(name.clone(), value);
            }
            Value::Object(link)
        })
        .collect();
    json!({
        "directed": network.directed(),
        "multigraph": network.multigraph(),
        "graph": { "kind": network.kind.name(), "at": network.at },
        "nodes": nodes,
        "links": links,
    })
}

/// Writes a network in `format`; SVG and PNG go through Graphviz's `dot`.
pub fn write(network: &Network, format: GraphFormat, out: &mut dyn Write) -> Result<()> {
    match format {
        GraphFormat::Dot => out.write_all(to_dot(network).as_bytes())?,
        GraphFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &to_json(network))
                .map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        GraphFormat::Svg => out.write_all(&graphviz(&to_dot(network), "svg")?)?,
        GraphFormat::Png => out.write_all(&graphviz(&to_dot(network), "png")?)?,
    }
    Ok(())
}

/// Runs `dot -T<format>` on DOT text and returns the drawing.
pub fn graphviz(dot: &str, format: &str) -> Result<Vec<u8>> {
    let mut child = Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::Usage(
                "Graphviz is not installed (no `dot` on PATH); install it (Debian or Ubuntu: `apt-get install graphviz`, macOS: `brew install graphviz`) or use --format dot".to_owned(),
            ),
            _ => Error::Usage(format!("cannot run Graphviz's dot: {e}")),
        })?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let text = dot.to_owned();
    // Feed dot from a thread so a large drawing cannot deadlock on a full pipe.
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|e| Error::Usage(format!("Graphviz's dot failed: {e}")))?;
    let _ = writer.join();
    if !output.status.success() {
        return Err(Error::Usage(format!(
            "Graphviz's dot failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    Ok(output.stdout)
}
