//! Embeds the ontology, the curated dataset and the named questions in the binary.
//!
//! The lists are generated from the directories rather than written by hand, so a new data
//! file or question is picked up without touching Rust code.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// The shapes file in `ontology/`, embedded on its own rather than loaded into the graph.
const SHAPES: &str = "shapes.ttl";

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let mut out = String::new();
    for (name, dir, ext) in [
        ("ONTOLOGY_FILES", "ontology", "ttl"),
        ("DATA_FILES", "data", "ttl"),
        ("QUESTION_FILES", "queries", "rq"),
    ] {
        println!("cargo:rerun-if-changed={dir}");
        let mut files: Vec<String> = fs::read_dir(Path::new(&root).join(dir))
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|entry| entry.file_name().to_string_lossy().into_owned())
                    .filter(|file| file.ends_with(&format!(".{ext}")))
                    // The SHACL shapes check data; they are not part of the graph.
                    .filter(|file| !(dir == "ontology" && file == SHAPES))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        writeln!(out, "/// Files embedded from `{dir}/`, sorted by name.").unwrap();
        writeln!(out, "pub static {name}: &[EmbeddedFile] = &[").unwrap();
        for file in files {
            writeln!(
                out,
                "    EmbeddedFile {{ path: \"{dir}/{file}\", text: include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{dir}/{file}\")) }},"
            )
            .unwrap();
        }
        writeln!(out, "];").unwrap();
    }
    println!("cargo:rerun-if-changed=ontology/{SHAPES}");
    writeln!(
        out,
        "/// The SHACL shapes that `pacta check` validates against (`ontology/{SHAPES}`)."
    )
    .unwrap();
    writeln!(
        out,
        "pub static SHAPES_FILE: EmbeddedFile = EmbeddedFile {{ path: \"ontology/{SHAPES}\", text: include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/ontology/{SHAPES}\")) }};"
    )
    .unwrap();
    let target = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    fs::write(target, out).expect("write embedded.rs");
}
