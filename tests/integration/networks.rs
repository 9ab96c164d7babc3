//! Networks: derived graphs checked against SPARQL answers and the essay's findings, golden
//! DOT files, rendering with Graphviz, networkx's betweenness, and bad input.

use crate::util::{ask, column, failure, id, pacta, stdout};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

fn network(kind: &str, at: &str) -> Value {
    serde_json::from_str(&stdout(&["graph", kind, "--at", at, "--format", "json"])).unwrap()
}

fn analysis(at: &str) -> Value {
    serde_json::from_str(&stdout(&["analyze", "--at", at, "--format", "json"])).unwrap()
}

fn links<'a>(network: &'a Value, relation: &str) -> Vec<&'a Value> {
    network["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["relation"] == relation)
        .collect()
}

fn has_link(network: &Value, relation: &str, a: &str, b: &str) -> bool {
    links(network, relation).iter().any(|l| {
        (l["source"] == id(a) && l["target"] == id(b))
            || (network["directed"] == false && l["source"] == id(b) && l["target"] == id(a))
    })
}

#[test]
fn alliance_nodes_match_the_membership_questions() {
    let alliance = network("alliance", "2022-12-24");
    let nodes: BTreeSet<String> = alliance["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_owned())
        .collect();
    let mut members = column(&ask("nato-members", None), "state");
    members.extend(column(&ask("csto-members", None), "state"));
    members.extend(column(&ask("eu-members", None), "state"));
    assert_eq!(nodes, members);
    assert_eq!(alliance["directed"], false);
    assert_eq!(alliance["multigraph"], false);
}

#[test]
fn alliance_edges_list_their_organisations() {
    let alliance = network("alliance", "2022-12-24");
    let edge = links(&alliance, "alliance")
        .into_iter()
        .find(|l| l["source"] == id("DEU") && l["target"] == id("FRA"))
        .expect("Germany and France are allies");
    let organisations: BTreeSet<&str> = edge["organisation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_str().unwrap())
        .collect();
    assert_eq!(
        organisations,
        [id("EU"), id("NATO")].iter().map(String::as_str).collect()
    );
}

#[test]
fn no_alliance_edge_between_ukraine_and_the_united_states() {
    for at in ["2014-03-01", "2022-12-24"] {
        assert!(
            !has_link(&network("alliance", at), "alliance", "UKR", "USA"),
            "{at}"
        );
    }
}

#[test]
fn finland_joins_nato_in_the_alliance_graph_between_2022_and_2024() {
    assert!(!has_link(
        &network("alliance", "2022-12-24"),
        "alliance",
        "FIN",
        "USA"
    ));
    assert!(has_link(
        &network("alliance", "2024-01-01"),
        "alliance",
        "FIN",
        "USA"
    ));
    let changes: Value = serde_json::from_str(&stdout(&[
        "analyze",
        "--since",
        "2022-12-24",
        "--at",
        "2024-01-01",
        "--format",
        "json",
    ]))
    .unwrap();
    assert!(
        changes
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["network"] == "alliance"
                && c["change"] == "gained"
                && c["edge"].as_str().unwrap().contains("Finland")
                && c["edge"].as_str().unwrap().contains("United States"))
    );
}

#[test]
fn guarantee_edges_match_the_budapest_provision() {
    let guarantee = network("guarantee", "2014-02-27");
    let rows = crate::util::rows(&[
        "query",
        "SELECT ?g WHERE { id:BudapestMemorandum_Para1 pacta:obligor ?g }",
    ]);
    for guarantor in column(&rows, "g") {
        assert!(links(&guarantee, "guarantee").iter().any(|l| {
            l["source"] == guarantor.as_str()
                && l["target"] == id("UKR")
                && l["provision"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|p| p == &id("BudapestMemorandum_Para1"))
        }));
    }
    // NATO's Art. 5 is discretionary and binds each ally to each other.
    let art5 = links(&guarantee, "guarantee")
        .into_iter()
        .find(|l| l["source"] == id("USA") && l["target"] == id("POL"))
        .expect("the US guarantees Poland");
    assert!(
        art5["activation"]
            .as_str()
            .unwrap()
            .ends_with("#Discretionary")
    );
}

#[test]
fn violations_go_from_aggressor_to_target() {
    let violation = network("violation", "2022-12-24");
    assert!(has_link(&violation, "violation", "RUS", "UKR"));
    assert!(!has_link(&violation, "violation", "UKR", "RUS"));
    let before = network("violation", "2014-01-01");
    assert!(links(&before, "violation").is_empty());
}

#[test]
fn the_broken_budapest_guarantee_stands_out() {
    let security = network("security", "2022-12-24");
    let broken = links(&security, "broken_guarantee");
    assert!(broken.iter().any(|l| {
        l["source"] == id("RUS")
            && l["target"] == id("UKR")
            && l["agreement"]
                .as_str()
                .is_some_and(|a| a == id("BudapestMemorandum"))
                | l["agreement"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|x| x == &id("BudapestMemorandum")))
    }));
    let analysis = analysis("2022-12-24");
    assert!(
        analysis["broken_guarantees"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["guarantor"] == id("RUS")
                && b["beneficiary"] == id("UKR")
                && b["provision"] == id("BudapestMemorandum_Para1")
                && b["event"] == id("RussianInvasionOfUkraine2022"))
    );
}

#[test]
fn the_kyrgyz_tajik_conflict_is_inside_the_csto() {
    let security = network("security", "2022-12-24");
    assert!(has_link(&security, "intra_alliance_conflict", "KGZ", "TJK"));
    let analysis = analysis("2022-12-24");
    assert!(
        analysis["intra_alliance_conflicts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["organisation"] == id("CSTO")
                && c["event"] == id("KyrgyzTajikBorderClashes2022"))
    );
}

#[test]
fn analyze_json_has_the_documented_keys() {
    let analysis = analysis("2022-12-24");
    for key in [
        "centrality",
        "components",
        "broken_guarantees",
        "intra_alliance_conflicts",
    ] {
        assert!(analysis.get(key).is_some(), "{key} missing");
    }
    let first = &analysis["centrality"][0];
    for key in ["node", "label", "degree", "betweenness"] {
        assert!(first.get(key).is_some(), "centrality.{key} missing");
    }
    // NATO and the EU are one bloc, the CSTO another.
    assert_eq!(analysis["components"].as_array().unwrap().len(), 2);
    let text = stdout(&["analyze", "--at", "2022-12-24"]);
    assert!(
        text.contains("Broken guarantees") && text.contains("Kyrgyzstan"),
        "{text}"
    );
}

fn golden(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// Compares output with a golden file; `PACTA_BLESS=1 cargo test` rewrites the files.
fn check_golden(name: &str, actual: &str) {
    let path = golden(name);
    if std::env::var_os("PACTA_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let expected =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        expected == actual,
        "{name} differs from its golden file; rerun with PACTA_BLESS=1 to accept"
    );
}

#[test]
fn dot_output_matches_the_golden_files() {
    for (kind, at) in [
        ("alliance", "1995-01-01"),
        ("guarantee", "1995-01-01"),
        ("violation", "2022-12-24"),
        ("security", "1995-01-01"),
        ("alliance", "2022-12-24"),
    ] {
        let dot = stdout(&["graph", kind, "--at", at]);
        check_golden(&format!("{kind}-{at}.dot"), &dot);
        // Deterministic: the same input gives the same bytes.
        assert_eq!(dot, stdout(&["graph", kind, "--at", at]), "{kind} {at}");
    }
}

#[test]
fn users_own_network_data_with_awkward_labels() {
    let file = crate::util::fixture("tiny-network.ttl");
    let file = file.to_str().unwrap();
    let args = |kind| {
        [
            "graph",
            kind,
            "--at",
            "2020-01-01",
            "--no-default-data",
            "--data",
            file,
        ]
    };
    let dot = stdout(&args("security"));
    assert!(dot.contains(r#"label="The \"Big\" State""#), "{dot}");
    assert!(dot.contains(r#"label="Back\\slash Land""#), "{dot}");
    assert!(dot.contains("class=\"broken_guarantee\""), "{dot}");
    if which_dot() {
        let output = Command::new("dot").arg("-Tsvg").write_stdin_str(&dot);
        assert!(
            output.status.success() && output.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let json: Value = serde_json::from_str(&stdout(&[
        "graph",
        "guarantee",
        "--at",
        "2020-01-01",
        "--no-default-data",
        "--data",
        file,
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["links"].as_array().unwrap().len(), 1);
    assert_eq!(json["links"][0]["source"], "https://example.org/tiny/A");
    // Before the pact entered into force there was no guarantee.
    let before: Value = serde_json::from_str(&stdout(&[
        "graph",
        "guarantee",
        "--at",
        "1999-12-31",
        "--no-default-data",
        "--data",
        file,
        "--format",
        "json",
    ]))
    .unwrap();
    assert!(before["links"].as_array().unwrap().is_empty());
}

trait WriteStdin {
    fn write_stdin_str(&mut self, text: &str) -> std::process::Output;
}

impl WriteStdin for Command {
    fn write_stdin_str(&mut self, text: &str) -> std::process::Output {
        use std::io::Write;
        let mut child = self
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }
}

fn which_dot() -> bool {
    let found = Command::new("dot").arg("-V").output().is_ok();
    if !found {
        eprintln!(
            "SKIPPED: Graphviz's dot is not installed (apt-get install graphviz); .ci/run installs it"
        );
    }
    found
}

#[test]
fn every_kind_renders_with_graphviz_without_warnings() {
    if !which_dot() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for kind in ["alliance", "guarantee", "violation", "security"] {
        for format in ["svg", "png"] {
            let file = dir.path().join(format!("{kind}.{format}"));
            let output = pacta()
                .args([
                    "graph",
                    kind,
                    "--at",
                    "2022-12-24",
                    "--format",
                    format,
                    "-o",
                    file.to_str().unwrap(),
                ])
                .output()
                .unwrap();
            assert!(
                output.status.success(),
                "{kind} {format}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            assert!(
                output.stderr.is_empty(),
                "{kind} {format}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            let bytes = std::fs::read(&file).unwrap();
            match format {
                "svg" => assert!(String::from_utf8_lossy(&bytes).contains("<svg"), "{kind}"),
                _ => assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{kind}"),
            }
        }
    }
}

#[test]
fn missing_graphviz_says_how_to_install_it() {
    let empty = tempfile::tempdir().unwrap();
    let output = pacta()
        .env("PATH", empty.path())
        .args([
            "graph",
            "violation",
            "--at",
            "2022-12-24",
            "--format",
            "svg",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("apt-get install graphviz"), "{stderr}");
}

#[test]
fn networkx_reads_the_export_and_agrees_on_betweenness() {
    if !crate::util::python_has("networkx") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for at in ["1995-01-01", "2022-12-24"] {
        let network = dir.path().join(format!("alliance-{at}.json"));
        let analysis = dir.path().join(format!("analysis-{at}.json"));
        stdout(&[
            "graph",
            "alliance",
            "--at",
            at,
            "--format",
            "json",
            "-o",
            network.to_str().unwrap(),
        ]);
        std::fs::write(
            &analysis,
            stdout(&["analyze", "--at", at, "--format", "json"]),
        )
        .unwrap();
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/networkx_check.py");
        let output = Command::new("python3")
            .arg(script)
            .arg(&network)
            .arg(&analysis)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{at}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn bad_kinds_and_dates_are_refused() {
    let stderr = failure(&["graph", "friendship"]);
    assert!(stderr.contains("unknown network 'friendship'"), "{stderr}");
    for date in ["2022-02-30", "2022/12/24", "tomorrow"] {
        let stderr = failure(&["graph", "alliance", "--at", date]);
        assert!(
            stderr.contains(&format!("invalid date '{date}'")),
            "{stderr}"
        );
        let stderr = failure(&["analyze", "--at", date]);
        assert!(stderr.contains("invalid date"), "{stderr}");
    }
    let stderr = failure(&["analyze", "--since", "2022-02-30", "--at", "2023-01-01"]);
    assert!(stderr.contains("invalid date '2022-02-30'"), "{stderr}");
}
