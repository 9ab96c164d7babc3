//! Command-line arguments. Only clap types live here; their doc comments are the help text.

use crate::output::ResultFormat;
use clap::{Args, Parser, Subcommand, ValueEnum};
use oxigraph::io::RdfFormat;
use std::path::PathBuf;

/// pacta: a sourced knowledge graph of the post-Cold-War security architecture.
///
/// States, alliances and memberships over time; agreements and their security provisions;
/// leaders; events linked to the provisions they violate or invoke. Every fact has a source.
#[derive(Debug, Parser)]
#[command(
    name = "pacta",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) over the graph.
    #[command(after_help = "Examples:
  pacta query 'SELECT ?state WHERE { ?m org:organization id:CSTO ; org:member ?state }'
  pacta query -f my-question.rq --format csv
  echo 'ASK { id:RUS a pacta:State }' | pacta query -
  pacta query --data examples/my-events.ttl 'SELECT * WHERE { ?e a pacta:Event } LIMIT 5'")]
    Query(QueryArgs),
    /// Run one of pacta's named questions, or list them.
    #[command(after_help = "Examples:
  pacta ask                                   list the named questions
  pacta ask csto-members                      members of the CSTO on the essay's date
  pacta ask csto-members --at 1999-06-01      ... on another day
  pacta ask budapest-violations --format json")]
    Ask(AskArgs),
    /// Show every fact about one entity, found by IRI, compact IRI, local name or label.
    #[command(after_help = "Examples:
  pacta describe 'Budapest Memorandum'
  pacta describe id:CSTO
  pacta describe kazakhstan --format json")]
    Describe(DescribeArgs),
    /// Count triples, entities per class, and the range of dates.
    #[command(after_help = "Examples:
  pacta stats
  pacta stats --format json
  pacta stats --data examples/my-events.ttl")]
    Stats(StatsArgs),
    /// Write the whole graph for other tools.
    #[command(after_help = "Examples:
  pacta export > pacta.nq
  pacta export --format turtle -o pacta.ttl
  pacta export --format trig --data examples/my-events.ttl")]
    Export(ExportArgs),
    /// Derive a network (alliance, guarantee, violation, security) and draw or export it.
    #[command(after_help = "Examples:
  pacta graph alliance --at 2022-12-24 -o alliance.dot
  pacta graph security --at 2022-12-24 --format svg -o security.svg
  pacta graph guarantee --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)[\"links\"]))'

SVG and PNG need Graphviz's `dot` (apt-get install graphviz).")]
    Graph(GraphCommandArgs),
    /// Figures about the networks on a day: centrality, blocs, broken guarantees, conflicts.
    #[command(after_help = "Examples:
  pacta analyze --at 2022-12-24
  pacta analyze --format json
  pacta analyze --since 2022-01-01 --at 2024-12-31     edges gained and lost")]
    Analyze(AnalyzeArgs),
    /// Check RDF files against pacta's ontology and shapes, reporting every problem at once.
    #[command(after_help = "Examples:
  pacta check my-events.ttl
  pacta check a.ttl b.ttl --strict          warnings fail too
  pacta check my-events.ttl --format json
  pacta check big.nt --passes syntax,vocabulary   skip the shapes, which load into memory

Three passes: syntax (every error, with its line and column), vocabulary (unknown pacta
terms, literals against datatypes, links to undescribed entities, domains and ranges;
streaming, in constant memory) and shapes (ontology/shapes.ttl, with the built-in graph).
Exit status: 0 clean (warnings allowed unless --strict), 1 problems found, 2 usage error.")]
    Check(CheckArgs),
    /// Load RDF files into a persistent store (needs the `rocksdb` feature).
    #[command(after_help = "Examples:
  pacta load examples/my-events.ttl --store ./pacta-db
  pacta query --store ./pacta-db 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'

A new store starts with the built-in dataset unless --no-default-data is given. The load is
all or nothing: if any file fails to parse, the store is left as it was.")]
    Load(LoadArgs),
}

/// Where the graph comes from: the built-in dataset, extra files, or a persistent store.
#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Also load this RDF file (repeatable). Its format comes from the extension: ttl, nt, nq,
    /// trig, rdf/owl, jsonld.
    #[arg(long = "data", value_name = "FILE")]
    pub data: Vec<PathBuf>,
    /// The format of --data files, when their extension does not say.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub data_format: Option<DataFormat>,
    /// Leave out the built-in ontology and dataset.
    #[arg(long)]
    pub no_default_data: bool,
    /// Base IRI for relative IRIs in --data files and in the query.
    #[arg(long, value_name = "IRI")]
    pub base: Option<String>,
    /// Use the persistent store in DIR instead of the built-in graph (rocksdb feature).
    #[arg(long, value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// Skip the vocabulary check of --data files; syntax is always checked.
    #[arg(long)]
    pub no_check: bool,
}

/// Arguments of `pacta query`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The SPARQL query, or `-` to read it from standard input.
    #[arg(
        value_name = "QUERY",
        conflicts_with = "file",
        required_unless_present = "file"
    )]
    pub query: Option<String>,
    /// Read the query from this file.
    #[arg(short = 'f', long = "file", value_name = "FILE.rq")]
    pub file: Option<PathBuf>,
    /// Output format. Default: table for SELECT and ASK, turtle for CONSTRUCT and DESCRIBE.
    #[arg(long, value_enum)]
    pub format: Option<ResultFormat>,
    /// Show IRIs in compact form (id:RUS) instead of by label, in tables.
    #[arg(long)]
    pub iris: bool,
    /// Where the graph comes from.
    #[command(flatten)]
    pub graph: GraphArgs,
}

/// Arguments of `pacta ask`.
#[derive(Debug, Args)]
pub struct AskArgs {
    /// The question's name; without it, the questions are listed.
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
    /// The day the question is asked about, YYYY-MM-DD (for questions that take a date).
    #[arg(long, value_name = "DATE")]
    pub at: Option<String>,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: Option<ResultFormat>,
    /// Show IRIs in compact form (id:RUS) instead of by label, in tables.
    #[arg(long)]
    pub iris: bool,
    /// Where the graph comes from.
    #[command(flatten)]
    pub graph: GraphArgs,
}

/// Arguments of `pacta describe`.
#[derive(Debug, Args)]
pub struct DescribeArgs {
    /// An IRI, a compact IRI (id:NATO), a local name (NATO) or an English label.
    #[arg(value_name = "NAME")]
    pub name: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
    /// Where the graph comes from.
    #[command(flatten)]
    pub graph: GraphArgs,
}

/// Arguments of `pacta stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
    /// Where the graph comes from.
    #[command(flatten)]
    pub graph: GraphArgs,
}

/// Arguments of `pacta export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format: datasets keep one named graph per file; turtle and ntriples merge them.
    #[arg(long, value_enum, default_value = "nquads")]
    pub format: ExportFormat,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Where the graph comes from.
    #[command(flatten)]
    pub graph: GraphArgs,
}

/// Arguments of `pacta graph`.
#[derive(Debug, Args)]
pub struct GraphCommandArgs {
    /// Which network: alliance, guarantee, violation or security.
    #[arg(value_name = "KIND")]
    pub kind: String,
    /// The day the network describes, YYYY-MM-DD. Default: today.
    #[arg(long, value_name = "DATE")]
    pub at: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "dot")]
    pub format: crate::render::GraphFormat,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Where the graph comes from.
    #[command(flatten)]
    pub graph: GraphArgs,
}

/// Arguments of `pacta analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// The day analysed, YYYY-MM-DD. Default: today.
    #[arg(long, value_name = "DATE")]
    pub at: Option<String>,
    /// Show instead what changed in each network between this day and --at.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableOrJson,
    /// Where the graph comes from.
    #[command(flatten)]
    pub graph: GraphArgs,
}

/// A table for people or JSON for programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableOrJson {
    /// Aligned tables.
    Table,
    /// JSON.
    Json,
}

/// Arguments of `pacta check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// RDF files to check together (links between them count as defined).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Base IRI for relative IRIs. Default: each file's own file: IRI.
    #[arg(long, value_name = "IRI")]
    pub base: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: TextOrJson,
    /// Fail on warnings as well as errors.
    #[arg(long)]
    pub strict: bool,
    /// The format of the files, when their extension does not say.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub data_format: Option<DataFormat>,
    /// The passes to run, comma-separated; syntax always runs.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "syntax,vocabulary,shapes"
    )]
    pub passes: Vec<CheckPass>,
}

/// The passes of `pacta check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckPass {
    /// Pass 1: every syntax error.
    Syntax,
    /// Pass 2: terms, literals and links against the ontology (streaming).
    Vocabulary,
    /// Pass 3: the SHACL shapes, with the built-in graph (holds the files in memory).
    Shapes,
}

/// Arguments of `pacta load`.
#[derive(Debug, Args)]
pub struct LoadArgs {
    /// RDF files to load.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// The persistent store's directory (created if missing).
    #[arg(long, value_name = "DIR", required = true)]
    pub store: PathBuf,
    /// The format of the files, when their extension does not say.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub data_format: Option<DataFormat>,
    /// Base IRI for relative IRIs in the files.
    #[arg(long, value_name = "IRI")]
    pub base: Option<String>,
    /// Do not seed a new store with the built-in dataset.
    #[arg(long)]
    pub no_default_data: bool,
    /// Skip the vocabulary check (pass 2 of `pacta check`); syntax is always checked.
    #[arg(long)]
    pub no_check: bool,
}

/// Text for people or JSON for programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextOrJson {
    /// Aligned text.
    Text,
    /// JSON.
    Json,
}

/// Formats of `pacta export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// N-Quads: one line per quad, graphs kept.
    Nquads,
    /// TriG: Turtle with graphs kept.
    Trig,
    /// Turtle: all graphs merged.
    Turtle,
    /// N-Triples: all graphs merged.
    Ntriples,
}

impl From<ExportFormat> for RdfFormat {
    fn from(format: ExportFormat) -> Self {
        match format {
            ExportFormat::Nquads => Self::NQuads,
            ExportFormat::Trig => Self::TriG,
            ExportFormat::Turtle => Self::Turtle,
            ExportFormat::Ntriples => Self::NTriples,
        }
    }
}

/// RDF syntaxes pacta reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DataFormat {
    /// Turtle (.ttl).
    Turtle,
    /// N-Triples (.nt).
    Ntriples,
    /// N-Quads (.nq).
    Nquads,
    /// TriG (.trig).
    Trig,
    /// RDF/XML (.rdf, .owl).
    Rdfxml,
    /// JSON-LD (.jsonld).
    Jsonld,
}

impl From<DataFormat> for RdfFormat {
    fn from(format: DataFormat) -> Self {
        match format {
            DataFormat::Turtle => Self::Turtle,
            DataFormat::Ntriples => Self::NTriples,
            DataFormat::Nquads => Self::NQuads,
            DataFormat::Trig => Self::TriG,
            DataFormat::Rdfxml => Self::RdfXml,
            DataFormat::Jsonld => Self::JsonLd {
                profile: oxigraph::io::JsonLdProfileSet::empty(),
            },
        }
    }
}
