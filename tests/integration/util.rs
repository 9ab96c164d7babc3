//! Running the pacta binary and reading its answers.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The pacta binary, run from the repository root.
pub fn pacta() -> Command {
    let mut command = Command::cargo_bin("pacta").expect("cargo builds the pacta binary");
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// A file under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs pacta, expects success, and returns standard output.
pub fn stdout(args: &[&str]) -> String {
    let output = pacta().args(args).output().expect("pacta runs");
    assert!(
        output.status.success(),
        "pacta {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("pacta writes UTF-8")
}

/// Runs pacta, expects exit code 1, and returns standard error.
pub fn failure(args: &[&str]) -> String {
    let output = pacta().args(args).output().expect("pacta runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "pacta {args:?}: {stderr}");
    assert!(
        !stderr.contains("panicked"),
        "pacta {args:?} panicked: {stderr}"
    );
    assert_eq!(
        stderr.trim_end().lines().count().min(1),
        1,
        "no error message"
    );
    stderr
}

/// One solution: variable name to value (IRIs in full, literals by value).
pub type Row = std::collections::BTreeMap<String, String>;

/// Runs a command that prints SPARQL JSON results and returns the rows.
pub fn rows(args: &[&str]) -> Vec<Row> {
    let mut full: Vec<&str> = args.to_vec();
    full.extend(["--format", "json"]);
    let json: Value = serde_json::from_str(&stdout(&full)).expect("SPARQL JSON results");
    json["results"]["bindings"]
        .as_array()
        .expect("a SELECT result")
        .iter()
        .map(|binding| {
            binding
                .as_object()
                .expect("a binding object")
                .iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        v["value"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .collect()
}

/// The rows of a named question.
pub fn ask(name: &str, at: Option<&str>) -> Vec<Row> {
    match at {
        Some(at) => rows(&["ask", name, "--at", at]),
        None => rows(&["ask", name]),
    }
}

/// The full IRI of an entity.
pub fn id(local: &str) -> String {
    format!("https://w3id.org/pacta/id/{local}")
}

/// The full IRI of an ontology term.
pub fn term(local: &str) -> String {
    format!("https://w3id.org/pacta/ontology#{local}")
}

/// The values of one column, as a set.
pub fn column(rows: &[Row], name: &str) -> BTreeSet<String> {
    rows.iter().filter_map(|r| r.get(name).cloned()).collect()
}

/// A set of entity IRIs from local names.
pub fn ids(locals: &[&str]) -> BTreeSet<String> {
    locals.iter().map(|l| id(l)).collect()
}

/// True when `python3` can import `module`; otherwise prints why the calling test is skipped.
/// CI installs the peers (`.ci/run`), so there they always run.
pub fn python_has(module: &str) -> bool {
    let found = std::process::Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!(
            "SKIPPED: python3 with {module} is not installed (pip install {module}); .ci/run installs it"
        );
    }
    found
}
