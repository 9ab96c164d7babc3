//! Every subcommand and every output format, end to end.

use crate::util::{fixture, id, pacta, rows, stdout};
use serde_json::Value;

const CSTO_MEMBERS: &str = "SELECT ?s WHERE { ?m org:organization id:CSTO ; org:member ?s ; pacta:status pacta:FullMember } ORDER BY ?s";

#[test]
fn query_table_shows_labels_and_a_row_count() {
    let out = stdout(&["query", "SELECT ?label WHERE { id:RUS rdfs:label ?label }"]);
    assert_eq!(out, "label\n------\nRussia\n(1 row)\n");
}

#[test]
fn query_table_iris_flag_shows_compact_iris() {
    let out = stdout(&["query", "--iris", "SELECT ?s WHERE { BIND(id:RUS AS ?s) }"]);
    assert!(out.contains("id:RUS"), "{out}");
    let labelled = stdout(&["query", "SELECT ?s WHERE { BIND(id:RUS AS ?s) }"]);
    assert!(labelled.contains("Russia"), "{labelled}");
}

#[test]
fn query_formats_csv_tsv_json_xml() {
    let csv = stdout(&["query", CSTO_MEMBERS, "--format", "csv"]);
    assert!(csv.starts_with("s\r\n"), "{csv}");
    assert!(csv.contains(&id("RUS")));
    let tsv = stdout(&["query", CSTO_MEMBERS, "--format", "tsv"]);
    assert!(tsv.starts_with("?s\n"), "{tsv}");
    assert!(tsv.contains(&format!("<{}>", id("RUS"))));
    let json: Value =
        serde_json::from_str(&stdout(&["query", CSTO_MEMBERS, "--format", "json"])).unwrap();
    assert_eq!(json["head"]["vars"][0], "s");
    let xml = stdout(&["query", CSTO_MEMBERS, "--format", "xml"]);
    assert!(xml.contains("<sparql") && xml.contains(&id("RUS")), "{xml}");
}

#[test]
fn ask_queries_answer_true_or_false() {
    assert_eq!(stdout(&["query", "ASK { id:RUS a pacta:State }"]), "true\n");
    assert_eq!(
        stdout(&["query", "ASK { id:RUS a pacta:Alliance }"]),
        "false\n"
    );
    let json: Value = serde_json::from_str(&stdout(&[
        "query",
        "ASK { id:RUS a pacta:State }",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["boolean"], true);
}

#[test]
fn construct_and_describe_write_rdf() {
    let construct = "CONSTRUCT { ?s a pacta:Alliance } WHERE { ?s a pacta:Alliance }";
    let turtle = stdout(&["query", construct]);
    assert!(turtle.contains("id:NATO a pacta:Alliance"), "{turtle}");
    let nt = stdout(&["query", construct, "--format", "ntriples"]);
    assert!(
        nt.contains(&format!(
            "<{}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>",
            id("NATO")
        )),
        "{nt}"
    );
    let nq = stdout(&["query", construct, "--format", "nquads"]);
    assert_eq!(nq.lines().count(), 2, "{nq}");
    let describe = stdout(&["query", "DESCRIBE id:NATO"]);
    assert!(
        describe.contains("North Atlantic Treaty Organization"),
        "{describe}"
    );
    let table = stdout(&["query", construct, "--format", "table"]);
    assert!(table.starts_with("subject"), "{table}");
}

#[test]
fn query_from_file_and_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("q.rq");
    std::fs::write(&file, "ASK { id:NATO a pacta:Alliance }").unwrap();
    assert_eq!(stdout(&["query", "-f", file.to_str().unwrap()]), "true\n");
    pacta()
        .args(["query", "-"])
        .write_stdin("ASK { id:CSTO a pacta:Alliance }")
        .assert()
        .success()
        .stdout("true\n");
}

#[test]
fn user_data_is_loaded_into_its_own_graph_and_joined_to_the_built_in_graph() {
    let file = "examples/my-events.ttl";
    let found = rows(&[
        "query",
        "--data",
        file,
        "SELECT ?g ?host WHERE { GRAPH ?g { <https://example.org/my-research/Zapad2021> pacta:place ?host } }",
    ]);
    assert_eq!(found.len(), 1);
    assert!(
        found[0]["g"].starts_with("file:///") && found[0]["g"].ends_with("examples/my-events.ttl")
    );
    // The default graph is the union: the user's event meets the built-in labels.
    let joined = rows(&[
        "query",
        "--data",
        file,
        "SELECT ?name WHERE { <https://example.org/my-research/Zapad2021> pacta:place ?p . ?p rdfs:label ?name }",
    ]);
    assert_eq!(joined[0]["name"], "Belarus");
}

#[test]
fn no_default_data_leaves_the_built_in_graph_out() {
    let out = rows(&[
        "query",
        "--no-default-data",
        "--data",
        "examples/my-events.ttl",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    ]);
    assert_eq!(out[0]["n"], "17");
}

#[test]
fn base_resolves_relative_iris() {
    let file = fixture("relative.ttl");
    let out = rows(&[
        "query",
        "--no-default-data",
        "--base",
        "https://example.org/",
        "--data",
        file.to_str().unwrap(),
        "SELECT ?s WHERE { ?s a pacta:State }",
    ]);
    assert_eq!(out[0]["s"], "https://example.org/Atlantis");
}

#[test]
fn data_format_overrides_the_extension_and_other_formats_load() {
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join("facts.data");
    std::fs::copy(fixture("extra.nt"), &odd).unwrap();
    let out = rows(&[
        "query",
        "--no-default-data",
        "--data",
        odd.to_str().unwrap(),
        "--data-format",
        "ntriples",
        "SELECT ?l WHERE { ?s rdfs:label ?l }",
    ]);
    assert_eq!(out[0]["l"], "An N-Triples fact");
    let nt = fixture("extra.nt");
    let out = rows(&[
        "query",
        "--no-default-data",
        "--data",
        nt.to_str().unwrap(),
        "SELECT ?l WHERE { ?s rdfs:label ?l }",
    ]);
    assert_eq!(out.len(), 1);
}

#[test]
fn ask_lists_questions_with_their_text() {
    let out = stdout(&["ask"]);
    assert!(
        out.lines()
            .any(|l| l.starts_with("csto-members") && l.contains("CSTO")),
        "{out}"
    );
}

#[test]
fn ask_table_output_is_readable() {
    let out = stdout(&["ask", "csto-members"]);
    assert!(out.starts_with("state"), "{out}");
    assert!(
        out.contains("Kazakhstan") && out.ends_with("(6 rows)\n"),
        "{out}"
    );
}

#[test]
fn ask_accepts_user_data() {
    let out = rows(&["ask", "events-in-2022", "--data", "examples/my-events.ttl"]);
    assert!(
        !out.iter().any(|r| r["event"].contains("Zapad2021")),
        "2021 event listed in 2022"
    );
}

#[test]
fn describe_by_label_local_name_and_compact_iri() {
    for name in [
        "Budapest Memorandum",
        "budapestmemorandum",
        "id:BudapestMemorandum",
        "<https://w3id.org/pacta/id/BudapestMemorandum>",
    ] {
        let out = stdout(&["describe", name]);
        assert!(
            out.contains(&format!("<{}>", id("BudapestMemorandum"))),
            "{name}: {out}"
        );
    }
}

#[test]
fn describe_expands_memberships_both_ways() {
    let out = stdout(&["describe", "Finland"]);
    // The membership node points at Finland; describe shows it, with its dates.
    assert!(out.contains("Referenced by:"), "{out}");
    assert!(out.contains("membership"), "{out}");
    assert!(out.contains("2023-04-04"), "{out}");
    assert!(out.contains("North Atlantic Treaty Organization"), "{out}");
}

#[test]
fn describe_unique_substring_and_json() {
    let json: Value = serde_json::from_str(&stdout(&[
        "describe",
        "Founding Act on Mutual",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["iri"], id("NATORussiaFoundingAct"));
    assert!(
        json["outgoing"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["property"] == "signed" && f["value"] == "1997-05-27")
    );
    assert!(
        json["incoming"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["details"].as_array().is_some_and(|d| !d.is_empty()))
    );
}

#[test]
fn stats_counts_triples_classes_and_dates() {
    let out = stdout(&["stats"]);
    assert!(out.starts_with("triples"), "{out}");
    let json: Value = serde_json::from_str(&stdout(&["stats", "--format", "json"])).unwrap();
    assert!(json["triples"].as_u64().unwrap() >= 1500);
    assert!(
        json["classes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["class"] == "pacta:Membership")
    );
    assert!(json["earliest"].as_str().unwrap() < "1990-01-01");
}

#[test]
fn export_round_trips_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let triples: Value = serde_json::from_str(&stdout(&["stats", "--format", "json"])).unwrap();
    let triples = triples["triples"].as_u64().unwrap().to_string();
    for (format, extension) in [
        ("nquads", "nq"),
        ("trig", "trig"),
        ("turtle", "ttl"),
        ("ntriples", "nt"),
    ] {
        let file = dir.path().join(format!("out.{extension}"));
        stdout(&["export", "--format", format, "-o", file.to_str().unwrap()]);
        let count = rows(&[
            "query",
            "--no-default-data",
            "--data",
            file.to_str().unwrap(),
            "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
        ]);
        assert_eq!(count[0]["n"], triples, "{format}");
    }
}

#[test]
fn export_to_stdout_is_deterministic() {
    let first = stdout(&["export", "--format", "turtle"]);
    let second = stdout(&["export", "--format", "turtle"]);
    assert_eq!(first, second);
}

#[test]
fn help_shows_examples_for_every_subcommand() {
    for subcommand in ["query", "ask", "describe", "stats", "export", "load"] {
        let out = stdout(&[subcommand, "--help"]);
        assert!(out.contains("Examples:"), "{subcommand}: {out}");
    }
}

#[test]
fn closed_pipe_exits_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("pacta"))
        .args(["export", "--format", "ntriples"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn readme_examples_are_real() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let binary = assert_cmd::cargo::cargo_bin("pacta");
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut checked = 0;
    let mut lines = readme.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(command) = line.strip_prefix("$ ") else {
            continue;
        };
        let mut expected = String::new();
        while let Some(next) = lines.next_if(|l| !l.starts_with("```")) {
            expected.push_str(next);
            expected.push('\n');
        }
        let output = std::process::Command::new("sh")
            .args(["-c", command])
            .env("PATH", &path)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{command}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            expected,
            "README example: {command}"
        );
        checked += 1;
    }
    assert!(checked >= 3, "only {checked} README examples found");
}

#[test]
fn blank_nodes_with_one_label_in_two_files_stay_two_nodes() {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["query".to_owned(), "--no-default-data".to_owned()];
    for (name, value) in [("a.ttl", "one"), ("b.ttl", "two")] {
        let file = dir.path().join(name);
        std::fs::write(
            &file,
            format!("_:b1 <https://example.org/p> \"{value}\" .\n"),
        )
        .unwrap();
        args.extend(["--data".to_owned(), file.display().to_string()]);
    }
    args.push("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }".to_owned());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert_eq!(rows(&args)[0]["n"], "2");
}
