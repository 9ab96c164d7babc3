//! The persistent store (`rocksdb` feature): loading, querying, and all-or-nothing loads.

#[cfg(feature = "rocksdb")]
mod persistent {
    use crate::util::{failure, fixture, pacta, rows, stdout};

    fn count(store: &str) -> String {
        rows(&[
            "query",
            "--store",
            store,
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        ])[0]["n"]
            .clone()
    }

    #[test]
    fn load_seeds_the_built_in_dataset_then_adds_files() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("db");
        let store = store.to_str().unwrap();
        stdout(&["load", "examples/my-events.ttl", "--store", store]);
        let built_in: serde_json::Value =
            serde_json::from_str(&stdout(&["stats", "--format", "json"])).unwrap();
        let expected = built_in["quads"].as_u64().unwrap() + 17;
        assert_eq!(count(store), expected.to_string());
        // Named questions and describe work on the store.
        assert_eq!(rows(&["ask", "csto-members", "--store", store]).len(), 6);
        assert!(stdout(&["describe", "Zapad-2021", "--store", store]).contains("Belarus"));
    }

    #[test]
    fn a_failed_load_leaves_the_store_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("db");
        let store = store.to_str().unwrap();
        stdout(&[
            "load",
            "--no-default-data",
            "examples/my-events.ttl",
            "--store",
            store,
        ]);
        let before = stdout(&["export", "--store", store, "--format", "nquads"]);
        let good = fixture("extra.nt");
        let bad = fixture("bad-syntax.ttl");
        // The first file is fine, the second is not: neither may land.
        let stderr = failure(&[
            "load",
            good.to_str().unwrap(),
            bad.to_str().unwrap(),
            "--store",
            store,
        ]);
        assert!(stderr.contains("bad-syntax.ttl:6:30"), "{stderr}");
        assert_eq!(
            stdout(&["export", "--store", store, "--format", "nquads"]),
            before
        );
        assert_eq!(count(store), "17");
    }

    #[test]
    fn a_load_that_fails_halfway_through_its_files_leaves_the_store_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("db");
        let store = store.to_str().unwrap();
        stdout(&["load", "examples/my-events.ttl", "--store", store]);
        let before = stdout(&["export", "--store", store, "--format", "nquads"]);
        let files = [
            fixture("extra.nt"),
            fixture("tiny-network.ttl"),
            fixture("check/clean.ttl"),
        ];
        let files: Vec<&str> = files.iter().map(|f| f.to_str().unwrap()).collect();
        let mut args = vec!["load"];
        args.extend(&files);
        args.extend(["--store", store]);
        // Every file is valid; the test hook fails the load halfway through inserting the
        // second one, after the first went into the transaction.
        let output = pacta()
            .args(&args)
            .env("PACTA_FAILPOINT", "load-midway:2")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("load stopped halfway through file 2"),
            "{stderr}"
        );
        assert_eq!(
            stdout(&["export", "--store", store, "--format", "nquads"]),
            before,
            "the store changed"
        );
        // Without the hook the same load succeeds, so the files were never the problem.
        stdout(&args);
        assert_ne!(
            stdout(&["export", "--store", store, "--format", "nquads"]),
            before
        );
    }
}

#[cfg(not(feature = "rocksdb"))]
#[test]
fn load_without_the_feature_says_how_to_get_it() {
    let dir = tempfile::tempdir().unwrap();
    let stderr = crate::util::failure(&[
        "load",
        "examples/my-events.ttl",
        "--store",
        dir.path().to_str().unwrap(),
    ]);
    assert!(stderr.contains("--features rocksdb"), "{stderr}");
}
