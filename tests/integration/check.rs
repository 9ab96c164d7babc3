//! `pacta check` and the checks on loading: every problem reported once with its position,
//! exit codes, the W3C Turtle test suite, pyshacl as a peer, and files that are hostile.

use crate::util::{failure, fixture, pacta};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs `pacta check` and returns (exit code, stdout, stderr).
fn check(args: &[&str]) -> (i32, String, String) {
    let output = pacta()
        .arg("check")
        .args(args)
        .output()
        .expect("pacta runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        !stderr.contains("panicked"),
        "pacta check {args:?} panicked: {stderr}"
    );
    (
        output.status.code().expect("pacta exits"),
        String::from_utf8(output.stdout).expect("pacta writes UTF-8"),
        stderr,
    )
}

fn path(name: &str) -> String {
    fixture(&format!("check/{name}"))
        .to_str()
        .unwrap()
        .to_owned()
}

/// The findings of a JSON report, each made into a row by `row`.
fn findings_by<T: Ord>(report: &Value, row: impl Fn(&Value) -> T) -> BTreeSet<T> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(row)
        .collect()
}

fn line_and_code(finding: &Value) -> (u64, String) {
    (
        finding["line"].as_u64().unwrap(),
        finding["code"].as_str().unwrap().to_owned(),
    )
}

/// The findings of a JSON report as (line, code) pairs.
fn findings(report: &Value) -> BTreeSet<(u64, String)> {
    findings_by(report, line_and_code)
}

fn json_report(args: &[&str]) -> (i32, Value) {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    let (code, out, _) = check(&args);
    (
        code,
        serde_json::from_str(&out).expect("check --format json writes JSON"),
    )
}

fn pairs(list: &[(u64, &str)]) -> BTreeSet<(u64, String)> {
    list.iter().map(|(l, c)| (*l, (*c).to_owned())).collect()
}

#[test]
fn every_syntax_error_is_reported_with_its_line_and_column() {
    let file = path("three-errors.ttl");
    let (code, out, _) = check(&[&file]);
    assert_eq!(code, 1, "{out}");
    let errors: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("error[syntax]"))
        .collect();
    assert_eq!(errors.len(), 3, "{out}");
    for (line, position) in errors.iter().zip(["10:58", "12:39", "18:1"]) {
        assert!(line.starts_with(&format!("{file}:{position}: ")), "{line}");
    }
    assert!(out.contains("oops"), "names the undeclared prefix: {out}");
    assert!(out.contains("shapes (pass 3) skipped"), "{out}");
}

#[test]
fn the_vocabulary_pass_finds_typos_bad_literals_and_broken_links() {
    let (code, report) = json_report(&[&path("lint.ttl"), "--passes", "syntax,vocabulary"]);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&report),
        pairs(&[
            (13, "bad-literal"),
            (15, "datatype"),
            (16, "unknown-term"),
            (28, "range"),
            (29, "undefined-entity"),
            (32, "domain"),
        ])
    );
    let messages: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("did you mean pacta:status?")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("\"2022-13-45\" is not a valid xsd:date"))
    );
    assert!(messages.iter().any(|m| m.contains("not a plain string")));
    assert!(messages.iter().any(|m| m.contains("id:Zenda")));
    assert_eq!(report["errors"], 3);
    assert_eq!(report["warnings"], 3);
}

#[test]
fn links_between_files_checked_together_count_as_defined() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.ttl");
    let b = dir.path().join("b.ttl");
    let prefixes = "@prefix pacta: <https://w3id.org/pacta/ontology#> .\n\
                    @prefix id: <https://w3id.org/pacta/id/> .\n";
    std::fs::write(
        &a,
        format!("{prefixes}id:Zenda pacta:partOf id:Ruritania .\n"),
    )
    .unwrap();
    std::fs::write(&b, format!("{prefixes}id:Ruritania a pacta:State .\n")).unwrap();
    let a = a.to_str().unwrap();
    let b = b.to_str().unwrap();
    let (_, alone) = json_report(&[a, "--passes", "syntax,vocabulary"]);
    assert!(findings(&alone).contains(&(3, "undefined-entity".to_owned())));
    let (_, together) = json_report(&[a, b, "--passes", "syntax,vocabulary"]);
    assert!(
        !findings(&together)
            .iter()
            .any(|(_, c)| c == "undefined-entity"),
        "{together}"
    );
}

#[test]
fn shapes_name_the_focus_node_the_shape_and_the_line() {
    let (code, report) = json_report(&[&path("shapes.ttl")]);
    assert_eq!(code, 1);
    let found = findings_by(&report, |f| {
        let (line, code) = line_and_code(f);
        (line, code, f["focus"].as_str().unwrap().to_owned())
    });
    let expected: BTreeSet<(u64, String, String)> = [
        (10, "shape:Membership", "id:Membership_CSTO_RUR"),
        (16, "shape:Membership", "id:Membership_CSTO_RUR_2"),
        (24, "shape:LabelledAndSourced", "id:RUR"),
        (27, "shape:Provision", "id:RuritaniaPact_Art1"),
        (32, "shape:Event", "id:RuritanianCoup"),
    ]
    .into_iter()
    .map(|(l, s, f)| (l, s.to_owned(), f.to_owned()))
    .collect();
    assert_eq!(found, expected);
    let text = serde_json::to_string(&report).unwrap();
    assert!(text.contains("ends before it starts"), "{text}");
    // ex:Zenda is in another vocabulary: no shape targets it.
    assert!(!text.contains("Zenda"), "{text}");
}

#[test]
fn pyshacl_finds_the_same_violations() {
    if !crate::util::python_has("pyshacl") {
        return;
    }
    for name in ["shapes.ttl", "clean.ttl", "lint.ttl"] {
        let file = path(name);
        let output = Command::new("python3")
            .args([
                concat!(env!("CARGO_MANIFEST_DIR"), "/tests/shacl_check.py"),
                &file,
            ])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let theirs: BTreeSet<(String, String)> =
            serde_json::from_slice::<Vec<(String, String)>>(&output.stdout)
                .unwrap()
                .into_iter()
                .collect();
        let (_, report) = json_report(&[&file]);
        let ours: BTreeSet<(String, String)> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["pass"] == "shapes")
            .map(|f| {
                let expand = |s: &str| {
                    s.replace("id:", "https://w3id.org/pacta/id/")
                        .replace("shape:", "https://w3id.org/pacta/shapes#")
                };
                (
                    expand(f["focus"].as_str().unwrap()),
                    expand(f["code"].as_str().unwrap()),
                )
            })
            .collect();
        assert_eq!(ours, theirs, "{name}");
    }
}

#[test]
fn clean_data_passes_and_so_does_the_built_in_dataset() {
    let (code, out, _) = check(&[&path("clean.ttl")]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.ends_with("0 errors, 0 warnings in 1 file (26 triples)\n"),
        "{out}"
    );
    let mut files: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))
        .unwrap()
        .map(|e| e.unwrap().path().to_str().unwrap().to_owned())
        .filter(|p| p.ends_with(".ttl"))
        .collect();
    files.push(concat!(env!("CARGO_MANIFEST_DIR"), "/ontology/pacta.ttl").to_owned());
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let (code, out, _) = check(&[&args[..], &["--strict"]].concat());
    assert_eq!(
        code, 0,
        "the built-in dataset must pass every check:\n{out}"
    );
}

#[test]
fn warnings_fail_only_with_strict() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("warn.ttl");
    std::fs::write(
        &file,
        "@prefix pacta: <https://w3id.org/pacta/ontology#> .\n\
         @prefix id: <https://w3id.org/pacta/id/> .\n\
         <http://example.org/note> pacta:about id:Nowhere .\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let (code, out, _) = check(&[file]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("warning[undefined-entity]"), "{out}");
    let (code, out, stderr) = check(&[file, "--strict"]);
    assert_eq!(code, 1);
    assert!(
        out.ends_with("0 errors, 1 warning in 1 file (1 triple)\n"),
        "{out}"
    );
    // The text report ends with the summary; stderr does not repeat it.
    assert_eq!(stderr, "");
    let (code, out, stderr) = check(&[file, "--strict", "--format", "json"]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        stderr,
        "pacta: check failed: 0 errors, 1 warning in 1 file (1 triple)\n"
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec![],
        vec!["--passes", "everything", "x.ttl"],
        vec!["--format", "yaml", "x.ttl"],
    ] {
        let (code, _, stderr) = check(&args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
    }
    let (code, _, stderr) = check(&[&path("clean.ttl"), "--base", "not an IRI"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("invalid base IRI"), "{stderr}");
}

/// Writes `bytes` to a file in a fresh directory and checks it.
fn check_bytes(name: &str, bytes: &[u8], extra: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, bytes).unwrap();
    let file = file.to_str().unwrap().to_owned();
    check(&[&[file.as_str()], extra].concat())
}

/// A failed check says so in one finding: one `error[...]` line in the report, and nothing
/// on stderr.
fn one_error(out: &str, stderr: &str) {
    assert_eq!(stderr, "", "{out}");
    let errors = out.lines().filter(|l| l.contains(": error[")).count();
    assert_eq!(errors, 1, "{out}");
}

/// The findings of a check of generated N-Triples, as (line, code) pairs.
fn generated_findings(text: &str) -> BTreeSet<(u64, String)> {
    let (_, out, _) = check_bytes(
        "many-links.nt",
        text.as_bytes(),
        &["--passes", "syntax,vocabulary", "--format", "json"],
    );
    findings(&serde_json::from_str(&out).expect("check writes JSON"))
}

const ID: &str = "https://w3id.org/pacta/id/";
const PACTA: &str = "https://w3id.org/pacta/ontology#";
const SEE_ALSO: &str = "http://www.w3.org/2000/01/rdf-schema#seeAlso";
const LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// More links point forward than pass 2 keeps (2^18), all to the end of the file: it must
/// read the file a second time, and still find the one link that goes nowhere.
#[test]
fn links_too_many_to_keep_are_settled_by_a_second_read() {
    let n = 300_000;
    let mut text = String::new();
    for i in 0..n {
        text += &format!("<{ID}A{i}> <{SEE_ALSO}> <{ID}B{i}> .\n");
    }
    text += &format!("<{ID}A> <{SEE_ALSO}> <{ID}Nowhere> .\n");
    for i in 0..n {
        text += &format!("<{ID}B{i}> <{LABEL}> \"b\" .\n");
    }
    assert_eq!(
        generated_findings(&text),
        pairs(&[(n + 1, "undefined-entity")])
    );
}

/// Just as many forward links, each settled a line later (a blank node typed right after it
/// is linked): compacting the waiting list keeps up, and a wrong range is still found.
#[test]
fn links_settled_soon_after_are_compacted_away() {
    let n = 300_000;
    let mut text = String::new();
    for i in 0..n {
        text += &format!(
            "<{ID}E{i}> <{TYPE}> <{PACTA}Event> .\n\
             <{ID}E{i}> <{PACTA}participation> _:p{i} .\n\
             _:p{i} <{TYPE}> <{PACTA}Participation> .\n"
        );
    }
    text += &format!(
        "<{ID}E> <{TYPE}> <{PACTA}Event> .\n\
         <{ID}E> <{PACTA}participation> _:q .\n\
         _:q <{TYPE}> <{PACTA}Event> .\n"
    );
    assert_eq!(generated_findings(&text), pairs(&[(3 * n + 2, "range")]));
}

#[test]
fn an_empty_file_is_valid_and_says_it_holds_nothing() {
    let (code, out, stderr) = check_bytes("empty.ttl", b"", &[]);
    assert_eq!(code, 0, "{out}{stderr}");
    assert!(out.contains("warning[empty]: holds no triples"), "{out}");
    let (code, out, stderr) = check_bytes("empty.ttl", b"", &["--strict"]);
    assert_eq!(code, 1);
    assert_eq!(stderr, "");
    assert!(
        out.ends_with("0 errors, 1 warning in 1 file (0 triples)\n"),
        "{out}"
    );
}

#[test]
fn hostile_files_get_one_line_and_exit_1() {
    // Not UTF-8: one finding with the byte's position, not a cascade.
    let (code, out, stderr) = check_bytes("latin1.ttl", b"<a> <b> \"caf\xe9\" .\n", &[]);
    assert_eq!(code, 1);
    one_error(&out, &stderr);
    assert!(out.contains("latin1.ttl:1:13: error[encoding]"), "{out}");
    // A directory, a missing file, an unreadable file.
    let dir = tempfile::tempdir().unwrap();
    let stderr = failure(&["check", dir.path().to_str().unwrap()]);
    assert!(stderr.contains("is a directory"), "{stderr}");
    let missing = dir.path().join("missing.ttl");
    let stderr = failure(&["check", missing.to_str().unwrap()]);
    assert!(stderr.contains("no such file"), "{stderr}");
    // A single literal longer than the streaming parser's 16 MiB limit for one term.
    let mut huge = b"<http://example.org/s> <http://example.org/p> \"".to_vec();
    huge.resize(huge.len() + 100 * 1024 * 1024, b'x');
    huge.extend_from_slice(b"\" .\n");
    let (code, out, stderr) = check_bytes("huge-literal.ttl", &huge, &["--passes", "syntax"]);
    assert_eq!(code, 1, "{out}");
    one_error(&out, &stderr);
    assert!(out.contains("error[too-long]"), "{out}");
}

#[test]
fn a_100_mb_line_of_triples_is_read() {
    let triple = "<http://example.org/s> <http://example.org/p> \"0123456789\" . ";
    let line = triple.repeat(100 * 1024 * 1024 / triple.len());
    let (code, out, stderr) = check_bytes(
        "long-line.ttl",
        format!("{line}\n").as_bytes(),
        &["--passes", "syntax,vocabulary"],
    );
    assert_eq!(code, 0, "{out}{stderr}");
    let count = 100 * 1024 * 1024 / triple.len();
    assert!(out.contains(&format!("({count} triples)")), "{out}");
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let depth = 100_000;
    let brackets = format!(
        "<http://example.org/s> <http://example.org/p> {}<http://example.org/o>{} .\n",
        "[ <http://example.org/p> ".repeat(depth),
        " ]".repeat(depth)
    );
    let lists = format!(
        "<http://example.org/s> <http://example.org/p> {}{} .\n",
        "( ".repeat(depth),
        " )".repeat(depth)
    );
    for (name, text) in [("brackets.ttl", brackets), ("lists.ttl", lists)] {
        let (code, out, stderr) = check_bytes(name, text.as_bytes(), &[]);
        assert_eq!(code, 0, "{name}: {out}{stderr}");
        // rio stops at 128 levels; that is said, not hidden.
        assert!(out.contains("warning[lint-stopped]"), "{name}: {out}");
        let (code, _, _) = check_bytes(name, text.as_bytes(), &["--strict"]);
        assert_eq!(code, 1, "{name}");
        // Unbalanced nesting is a syntax error, not a crash.
        let cut = &text[..text.len() / 2];
        let (code, out, stderr) = check_bytes(name, cut.as_bytes(), &[]);
        assert_eq!(code, 1, "{name}");
        one_error(&out, &stderr);
    }
}

#[test]
fn a_bom_and_crlf_line_endings_are_read_and_lines_still_count() {
    let clean = std::fs::read_to_string(path("lint.ttl")).unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(clean.replace('\n', "\r\n").as_bytes());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("windows.ttl");
    std::fs::write(&file, &bytes).unwrap();
    let (_, report) = json_report(&[file.to_str().unwrap(), "--passes", "syntax,vocabulary"]);
    let (_, unix) = json_report(&[&path("lint.ttl"), "--passes", "syntax,vocabulary"]);
    assert_eq!(findings(&report), findings(&unix));
    assert_eq!(report["files"][0]["triples"], unix["files"][0]["triples"]);
    let (code, out, _) = check_bytes(
        "bom.ttl",
        b"\xEF\xBB\xBF<http://example.org/s> <http://example.org/p> <http://example.org/o> .\r\n",
        &[],
    );
    assert_eq!(code, 0, "{out}");
}

/// Runs one W3C syntax test suite (tests/w3c-*, from rdflib's copy): every positive test is
/// accepted and every negative one rejected, by the same code `pacta check` runs, with pass 2
/// (rio reads first, and pass 1 takes its reading of a clean file) and without it (oxttl
/// alone). `counts` are the numbers of negative and positive tests the suite must have run.
fn run_w3c_suite(format: oxigraph::io::RdfFormat, counts: [usize; 2]) {
    use oxigraph::io::RdfFormat;
    let (suite, home) = match format {
        RdfFormat::Turtle => ("w3c-turtle", "http://www.w3.org/2013/TurtleTests/"),
        RdfFormat::TriG => ("w3c-trig", "http://www.w3.org/2013/TriGTests/"),
        RdfFormat::NTriples => ("w3c-ntriples", "http://www.w3.org/2013/N-TriplesTests/"),
        RdfFormat::NQuads => ("w3c-nquads", "http://www.w3.org/2013/N-QuadsTests/"),
        other => panic!("no W3C suite here for {other}"),
    };
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(suite);
    let manifest = oxigraph::store::Store::new().unwrap();
    manifest
        .load_from_slice(
            oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
                .with_base_iri(format!("{home}manifest.ttl"))
                .unwrap(),
            &std::fs::read(dir.join("manifest.ttl")).unwrap(),
        )
        .unwrap();
    let query = "PREFIX mf: <http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#>
        SELECT ?kind ?action WHERE { ?test a ?kind ; mf:action ?action }";
    let oxigraph::sparql::QueryResults::Solutions(solutions) =
        oxigraph::sparql::SparqlEvaluator::new()
            .parse_query(query)
            .unwrap()
            .on_store(&manifest)
            .execute()
            .unwrap()
    else {
        panic!("a SELECT gives solutions");
    };
    let checker = pacta::check::Checker::new().unwrap();
    let mut run = [0; 2];
    for solution in solutions {
        let solution = solution.unwrap();
        let term = |name: &str| match solution.get(name) {
            Some(oxigraph::model::Term::NamedNode(n)) => n.as_str().to_owned(),
            other => panic!("{name}: {other:?}"),
        };
        let kind = term("kind");
        let kind = kind.rsplit('#').next().unwrap().to_owned();
        let action = term("action");
        let action = action.rsplit('/').next().unwrap();
        let positive = if kind.ends_with("PositiveSyntax")
            || (kind.ends_with("Eval") && !kind.ends_with("NegativeEval"))
        {
            true
        } else if kind.ends_with("NegativeSyntax") || kind.ends_with("NegativeEval") {
            false
        } else {
            panic!("unknown test type {kind}")
        };
        let bytes = std::fs::read(dir.join(action)).unwrap();
        let input =
            pacta::check::Input::from_bytes(action, &bytes, &format!("{home}{action}"), format);
        for lint in [true, false] {
            let report = checker
                .check(
                    std::slice::from_ref(&input),
                    pacta::check::Options {
                        lint,
                        shapes: false,
                    },
                )
                .unwrap();
            assert_eq!(
                !report.has_syntax_errors(),
                positive,
                "{suite}/{action} ({kind}, pass 2: {lint}): {:?}",
                report.findings
            );
        }
        run[usize::from(positive)] += 1;
    }
    assert_eq!(run, counts, "{suite}: negative and positive tests run");
}

#[test]
fn the_w3c_turtle_suite_is_passed() {
    run_w3c_suite(oxigraph::io::RdfFormat::Turtle, [82, 209]);
}

#[test]
fn the_w3c_trig_suite_is_passed() {
    run_w3c_suite(oxigraph::io::RdfFormat::TriG, [103, 232]);
}

#[test]
fn the_w3c_ntriples_suite_is_passed() {
    run_w3c_suite(oxigraph::io::RdfFormat::NTriples, [27, 41]);
}

#[test]
fn the_w3c_nquads_suite_is_passed() {
    run_w3c_suite(oxigraph::io::RdfFormat::NQuads, [32, 53]);
}

/// rio's Turtle reader takes `@prefixp:` as `@prefix p:`; by the grammar's longest match it is
/// the language tag `@prefixp`, an error, as oxttl says. The `agree` fuzz target found this,
/// and it is why Turtle always gets oxttl's verdict.
#[test]
fn turtle_gets_oxttls_verdict_where_rio_is_lax() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lax.ttl");
    std::fs::write(&file, "@prefixp: <http://a.example/> .\np:s p:p p:o .\n").unwrap();
    let (code, report) = json_report(&[file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        findings(&report)
            .iter()
            .any(|(line, code)| *line == 1 && code == "syntax"),
        "{report}"
    );
}

/// A CR alone ends a line in N-Triples. rio's reader would skip from a CR to the next LF, so
/// a file of CR-only lines would look like one triple; the reader hands such a CR on as LF.
#[test]
fn lines_ended_by_a_carriage_return_alone_are_all_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("old-mac.nt");
    std::fs::write(
        &file,
        "<http://a.example/s> <http://a.example/p> <http://a.example/o> .\r\
         <http://a.example/s> <https://w3id.org/pacta/ontology#date> \"x\"^^<http://www.w3.org/2001/XMLSchema#date> .\r\
         <http://a.example/s> <http://a.example/p> \"z\" .\r",
    )
    .unwrap();
    let (code, report) = json_report(&[file.to_str().unwrap(), "--passes", "syntax,vocabulary"]);
    assert_eq!(code, 1);
    assert_eq!(report["files"][0]["triples"], 3);
    assert_eq!(findings(&report), pairs(&[(2, "bad-literal")]));
}

/// rio reads RDF-star and oxttl, as Oxigraph is built here, does not. A file rio reads cleanly
/// but with a quoted triple goes to oxttl for the verdict, which is the loader's.
#[test]
fn a_quoted_triple_gets_the_loaders_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("star.nt");
    std::fs::write(
        &file,
        "<http://a.example/s> <http://a.example/p> <http://a.example/o> .\n\
         << <http://a.example/s> <http://a.example/p> <http://a.example/o> >> \
         <http://a.example/q> <http://a.example/r> .\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let (code, report) = json_report(&[file]);
    assert_eq!(code, 1);
    assert_eq!(findings(&report), pairs(&[(2, "syntax")]));
    let stderr = failure(&["query", "--data", file, "ASK { ?s ?p ?o }"]);
    assert!(stderr.contains("nothing was loaded"), "{stderr}");
}

/// A large N-Triples file is read in pieces side by side; the same lines as Turtle are read
/// in one piece. Both must give the same findings on the same lines, including links that
/// cross from one piece to another.
#[test]
fn a_file_read_in_pieces_gives_the_findings_of_one_read() {
    const ID: &str = "https://w3id.org/pacta/id/syn/";
    const PACTA: &str = "https://w3id.org/pacta/ontology#";
    const LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
    const TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    let mut lines: Vec<String> = Vec::new();
    let mut expected = Vec::new();
    let mut push = |line: String, finding: Option<&'static str>, lines: &mut Vec<String>| {
        lines.push(line);
        if let Some(code) = finding {
            expected.push((lines.len() as u64, code));
        }
    };
    push(
        format!("<{ID}A> <{PACTA}memberof> <{ID}S1> ."),
        Some("unknown-term"),
        &mut lines,
    );
    push(
        format!("<{ID}S1> <{TYPE}> <{PACTA}State> ."),
        None,
        &mut lines,
    );
    // A link forward into the second piece, to a node described there: no finding.
    push(
        format!("<{ID}B> <{PACTA}participant> <{ID}Later> ."),
        None,
        &mut lines,
    );
    // 70,000 labels, about 6 MB: over the size at which a file is cut.
    for i in 0..70_000 {
        push(
            format!("<{ID}S{i}> <{LABEL}> \"State {i}\"@en ."),
            None,
            &mut lines,
        );
    }
    push(
        format!("<{ID}Later> <{LABEL}> \"Later\"@en ."),
        None,
        &mut lines,
    );
    // The same unknown term again is not reported again.
    push(
        format!("<{ID}C> <{PACTA}memberof> <{ID}S1> ."),
        None,
        &mut lines,
    );
    push(
        format!("<{ID}D> <{PACTA}participant> <{ID}Nowhere> ."),
        Some("undefined-entity"),
        &mut lines,
    );
    let bad_date =
        format!("<{ID}E> <{PACTA}date> \"2022-13-45\"^^<http://www.w3.org/2001/XMLSchema#date> .");
    push(bad_date, Some("bad-literal"), &mut lines);
    // S1 is a State, typed in the first piece: pacta:violates wants a provision.
    push(
        format!("<{ID}E> <{PACTA}violates> <{ID}S1> ."),
        Some("range"),
        &mut lines,
    );
    let expected: BTreeSet<(u64, String)> = expected
        .iter()
        .map(|(l, c)| (*l, (*c).to_owned()))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let reports = |lines: &[String]| -> Vec<(u64, BTreeSet<(u64, String)>)> {
        let text = lines.join("\n") + "\n";
        assert!(text.len() > 5 << 20, "the file must be cut");
        ["pieces.nt", "whole.ttl"]
            .iter()
            .map(|name| {
                let file = dir.path().join(name);
                std::fs::write(&file, &text).unwrap();
                let (_, report) =
                    json_report(&[file.to_str().unwrap(), "--passes", "syntax,vocabulary"]);
                (
                    report["files"][0]["triples"].as_u64().unwrap(),
                    findings(&report),
                )
            })
            .collect()
    };
    let [pieces, whole] = <[_; 2]>::try_from(reports(&lines)).unwrap();
    assert_eq!(
        pieces,
        (lines.len() as u64, expected.clone()),
        "N-Triples, read in pieces"
    );
    assert_eq!(whole, (lines.len() as u64, expected), "Turtle, read whole");
    // A syntax error in the first piece: as in one read, the vocabulary pass stops there, and
    // nothing after it is linted.
    let mut broken = lines.clone();
    broken[10] = format!("<{ID}X> <{LABEL}> .");
    let [pieces, whole] = <[_; 2]>::try_from(reports(&broken)).unwrap();
    let expected = pairs(&[(1, "unknown-term"), (11, "syntax")]);
    assert_eq!(pieces.1, expected, "N-Triples, read in pieces");
    assert_eq!(whole.1, expected, "Turtle, read whole");
}

#[test]
fn loading_refuses_files_with_syntax_errors_and_warns_about_the_rest() {
    let bad = path("three-errors.ttl");
    let stderr = failure(&["query", "--data", &bad, "ASK { ?s ?p ?o }"])
        .replace(&format!("{bad}:"), "FILE:");
    for position in ["FILE:10:58:", "FILE:12:39:", "FILE:18:1:"] {
        assert!(stderr.contains(position), "{stderr}");
    }
    assert!(stderr.contains("nothing was loaded"), "{stderr}");
    // Lint findings are warnings: the query runs.
    let output = pacta()
        .args(["ask", "csto-members", "--data", &path("lint.ttl")])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("warning[unknown-term]"), "{stderr}");
    assert!(!stderr.contains("error["), "{stderr}");
    // --no-check skips the vocabulary pass, not the syntax pass.
    let output = pacta()
        .args([
            "ask",
            "csto-members",
            "--no-check",
            "--data",
            &path("lint.ttl"),
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    failure(&["query", "--no-check", "--data", &bad, "ASK { ?s ?p ?o }"]);
}

#[test]
fn progress_is_never_drawn_when_stderr_is_not_a_terminal() {
    // The test harness captures stderr, so it is not a terminal: nothing but findings.
    let output = pacta()
        .args(["check", &path("clean.ttl")])
        .output()
        .unwrap();
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A bounded smoke run of each fuzz target, when cargo-fuzz is there to run it: `check` (no
/// panic on any bytes) and `agree` (rio and oxttl give the same verdict).
#[test]
fn the_fuzz_targets_survive_a_short_run() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let available = Command::new("cargo")
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        eprintln!(
            "SKIPPED: fuzz smoke run: cargo-fuzz is not installed (cargo install cargo-fuzz)"
        );
        return;
    }
    for target in ["check", "agree"] {
        // New inputs go to a scratch corpus, so a test run leaves the tree as it was;
        // the committed seeds are read from the second directory.
        let corpus = tempfile::tempdir().unwrap();
        let output = Command::new("cargo")
            .current_dir(root)
            .env("RUSTC_BOOTSTRAP", "1")
            .args(["fuzz", "run", target])
            .arg(corpus.path())
            .arg(root.join("fuzz/seeds").join(target))
            .args(["--", "-max_total_time=15", "-max_len=4096"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let lines: Vec<&str> = stderr.lines().collect();
        let tail = lines[lines.len().saturating_sub(30)..].join("\n");
        assert!(
            output.status.success(),
            "the fuzzer found a failure in {target}:\n{tail}"
        );
        let runs = stderr
            .lines()
            .find(|line| line.starts_with("Done "))
            .unwrap_or("no summary");
        eprintln!("fuzz smoke run of {target}: {runs}");
    }
}
