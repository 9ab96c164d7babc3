//! The ontology, dataset and named questions compiled into the binary.
//!
//! `build.rs` lists the files; `include_str!` embeds them, so pacta answers from any directory
//! without shipping data beside the executable.

/// One file embedded at build time.
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedFile {
    /// Path relative to the repository root, such as `data/nato.ttl`.
    pub path: &'static str,
    /// The file's text.
    pub text: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The ontology and the dataset: everything loaded into the built-in graph.
pub fn graph_files() -> impl Iterator<Item = &'static EmbeddedFile> {
    ONTOLOGY_FILES.iter().chain(DATA_FILES)
}
