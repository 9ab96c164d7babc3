//! Bad input: every mistake gets one clear line and exit code 1, never a panic.

use crate::util::{failure, fixture};

#[test]
fn data_syntax_error_names_file_line_and_column() {
    let file = fixture("bad-syntax.ttl");
    let stderr = failure(&["query", "--data", file.to_str().unwrap(), "ASK {}"]);
    let expected = format!("{}:6:30: ", file.display());
    assert!(stderr.starts_with(&expected), "{stderr}");
}

#[test]
fn query_syntax_error_names_line_and_column() {
    let stderr = failure(&["query", "SELECT ?x WHERE { ?x ?p }"]);
    assert!(stderr.starts_with("<query>:1:26: expected"), "{stderr}");
    let file = fixture("bad-query.rq");
    let stderr = failure(&["query", "-f", file.to_str().unwrap()]);
    assert!(
        stderr.starts_with(&format!("{}:6:1: expected", file.display())),
        "{stderr}"
    );
}

#[test]
fn missing_unreadable_and_odd_files() {
    let stderr = failure(&["query", "--data", "no/such/file.ttl", "ASK {}"]);
    assert_eq!(stderr, "pacta: no/such/file.ttl: no such file\n");
    let stderr = failure(&["query", "--data", "tests/fixtures", "ASK {}"]);
    assert!(
        stderr.contains("tests/fixtures: is a directory"),
        "{stderr}"
    );
    let stderr = failure(&["query", "--data", "README.md", "ASK {}"]);
    assert!(stderr.contains("--data-format"), "{stderr}");
    let stderr = failure(&["query", "-f", "no/such/query.rq"]);
    assert!(
        stderr.contains("no/such/query.rq: no such file"),
        "{stderr}"
    );
    let file = fixture("not-utf8.ttl");
    let stderr = failure(&["query", "--data", file.to_str().unwrap(), "ASK {}"]);
    assert!(
        stderr.starts_with(&format!("{}:1:", file.display())),
        "{stderr}"
    );
}

#[test]
fn unknown_question_and_entity() {
    let stderr = failure(&["ask", "no-such-question"]);
    assert!(
        stderr.contains("no named question 'no-such-question'"),
        "{stderr}"
    );
    let stderr = failure(&["describe", "Atlantis"]);
    assert!(stderr.contains("no entity matches 'Atlantis'"), "{stderr}");
}

#[test]
fn ambiguous_name_lists_the_candidates() {
    let stderr = failure(&["describe", "Budapest Memorandum,"]);
    assert!(stderr.contains("is ambiguous"), "{stderr}");
    assert!(
        stderr.contains("BudapestMemorandum_Para1") && stderr.contains("BudapestMemorandum_Para2"),
        "{stderr}"
    );
}

#[test]
fn bad_dates_are_refused() {
    for date in ["2022-02-30", "2022-13-01", "24/12/2022", "soon"] {
        let stderr = failure(&["ask", "csto-members", "--at", date]);
        assert!(
            stderr.contains(&format!("invalid date '{date}'")),
            "{stderr}"
        );
    }
    let stderr = failure(&["ask", "un-vetoes", "--at", "2022-01-01"]);
    assert!(stderr.contains("does not depend on a date"), "{stderr}");
}

#[test]
fn result_format_must_fit_the_query_form() {
    let stderr = failure(&[
        "query",
        "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
        "--format",
        "turtle",
    ]);
    assert!(stderr.contains("does not fit SELECT"), "{stderr}");
    let stderr = failure(&[
        "query",
        "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1",
        "--format",
        "csv",
    ]);
    assert!(stderr.contains("does not fit CONSTRUCT"), "{stderr}");
}

#[test]
fn store_without_a_store_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nothing-here");
    let stderr = failure(&["query", "--store", missing.to_str().unwrap(), "ASK {}"]);
    assert!(stderr.contains("no store here"), "{stderr}");
    let stderr = failure(&[
        "query",
        "--store",
        dir.path().to_str().unwrap(),
        "--data",
        "examples/my-events.ttl",
        "ASK {}",
    ]);
    assert!(
        stderr.contains("--data cannot be combined with --store"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_exit_2_from_the_argument_parser() {
    let output = crate::util::pacta().args(["frobnicate"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = crate::util::pacta().args(["query"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}
