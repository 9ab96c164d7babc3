//! Network derivation on a large synthetic graph: load time, then all four networks plus
//! `analyze`, timed separately.
//!
//! ```text
//! python3 benches/synth.py > /tmp/synth.nt          # about 1M triples
//! cargo bench --bench networks -- /tmp/synth.nt 2022-12-24
//! ```

use pacta::KnowledgeGraph;
use pacta::network::NetworkKind;
use pacta::store::Source;
use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| !a.starts_with("--"));
    let Some(path) = args.next() else {
        eprintln!(
            "usage: cargo bench --bench networks -- FILE.nt [DATE]  (make FILE with benches/synth.py)"
        );
        return;
    };
    let at = args.next().unwrap_or_else(|| "2022-12-24".to_owned());
    let source = Source::from_path(Path::new(&path), None, None).expect("readable data file");

    let start = Instant::now();
    let graph = KnowledgeGraph::empty().expect("store");
    let quads = graph.load(&[source]).expect("the file parses");
    let load = start.elapsed();
    println!(
        "load: {quads} quads in {:.2?} ({:.0} quads/s)",
        load,
        quads as f64 / load.as_secs_f64()
    );

    graph.clear_network_cache();
    for kind in NetworkKind::ALL {
        let start = Instant::now();
        let network = graph.network(kind, &at).expect("network");
        println!(
            "  {:<9} {:>8.2?}  {} edges",
            kind.name(),
            start.elapsed(),
            network.graph.edge_count()
        );
    }
    let start = Instant::now();
    graph.analyze(&at).expect("analysis");
    println!("  analyze   {:>8.2?}", start.elapsed());

    // Each run starts cold: the rows the networks share are computed once per run, as in one
    // `pacta analyze` plus four `pacta graph` calls on the same loaded graph.
    let mut runs = Vec::new();
    for _ in 0..5 {
        graph.clear_network_cache();
        let start = Instant::now();
        let mut edges = 0;
        for kind in NetworkKind::ALL {
            edges += graph
                .network(kind, &at)
                .expect("network")
                .graph
                .edge_count();
        }
        let analysis = graph.analyze(&at).expect("analysis");
        runs.push(start.elapsed());
        println!(
            "  derive all four networks + analyze: {:.2?} ({edges} edges, {} nodes ranked)",
            runs.last().unwrap(),
            analysis.centrality.len()
        );
    }
    runs.sort();
    let median: Duration = runs[runs.len() / 2];
    println!("derive median of {}: {median:.2?}", runs.len());
}
