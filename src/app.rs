//! Runs a parsed command line: builds the graph each subcommand needs, then writes its answer.

use crate::check::{self, Input};
use crate::cli::{
    AnalyzeArgs, AskArgs, CheckArgs, CheckPass, Cli, Command, DescribeArgs, ExportArgs, GraphArgs,
    GraphCommandArgs, LoadArgs, QueryArgs, StatsArgs, TableOrJson, TextOrJson,
};
use crate::error::{Error, Result};
use crate::network::NetworkKind;
use crate::output::write_results;
use crate::store::{self, Source};
use crate::{KnowledgeGraph, analyze, dates, describe, questions, render, stats};
use oxigraph::io::RdfFormat;
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::Path;

/// Runs one pacta command, writing its answer to standard output.
pub fn run(cli: Cli) -> Result<()> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match cli.command {
        Command::Query(args) => query(&args, &mut out)?,
        Command::Ask(args) => ask(&args, &mut out)?,
        Command::Describe(args) => describe(&args, &mut out)?,
        Command::Stats(args) => stats(&args, &mut out)?,
        Command::Export(args) => export(&args, &mut out)?,
        Command::Graph(args) => graph(&args, &mut out)?,
        Command::Analyze(args) => analyze(&args, &mut out)?,
        Command::Check(args) => check(&args, &mut out)?,
        Command::Load(args) => load(&args)?,
    }
    out.flush()?;
    Ok(())
}

/// The graph a read-only command works on: a persistent store, or the built-in dataset
/// plus the user's files, loaded all or nothing.
fn open_graph(args: &GraphArgs) -> Result<KnowledgeGraph> {
    if let Some(path) = &args.store {
        if !args.data.is_empty() {
            return Err(Error::Usage(
                "--data cannot be combined with --store; add files to a store with `pacta load`"
                    .to_owned(),
            ));
        }
        if !path.is_dir() {
            return Err(Error::File {
                path: path.display().to_string(),
                message: "no store here; create one with `pacta load FILE --store DIR`".to_owned(),
            });
        }
        return KnowledgeGraph::open(path);
    }
    let mut sources = if args.no_default_data {
        Vec::new()
    } else {
        store::builtin_sources()
    };
    let format = args.data_format.map(RdfFormat::from);
    let mut user = Vec::new();
    for path in &args.data {
        user.push(Source::from_path(path, format, args.base.as_deref())?);
    }
    check::precheck(&user, !args.no_check)?;
    sources.extend(user);
    let graph = KnowledgeGraph::empty()?;
    graph.load(&sources)?;
    Ok(graph)
}

fn query(args: &QueryArgs, out: &mut dyn Write) -> Result<()> {
    let (text, origin) = match (&args.query, &args.file) {
        (_, Some(path)) => (read_text(path)?, path.display().to_string()),
        (Some(dash), None) if dash == "-" => {
            let mut text = String::new();
            io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| Error::File {
                    path: "<stdin>".to_owned(),
                    message: e.to_string(),
                })?;
            (text, "<stdin>".to_owned())
        }
        (Some(text), None) => (text.clone(), "<query>".to_owned()),
        (None, None) => {
            return Err(Error::Usage(
                "give a query, -f FILE, or - for stdin".to_owned(),
            ));
        }
    };
    let graph = open_graph(&args.graph)?;
    let results = graph.query(&text, &origin, args.graph.base.as_deref(), Vec::new())?;
    write_results(results, args.format, &mut graph.names(!args.iris), out)
}

fn ask(args: &AskArgs, out: &mut dyn Write) -> Result<()> {
    let Some(name) = &args.name else {
        if args.at.is_some() {
            return Err(Error::Usage("--at needs a question name".to_owned()));
        }
        let all = questions::all();
        let width = all.iter().map(|q| q.name.len()).max().unwrap_or(0);
        for question in all {
            writeln!(out, "{:<width$}  {}", question.name, question.question)?;
        }
        return Ok(());
    };
    // Check the name and the date before loading anything, so mistakes fail fast.
    questions::find(name)?.sparql_at(args.at.as_deref())?;
    let graph = open_graph(&args.graph)?;
    let results = graph.ask(name, args.at.as_deref())?;
    write_results(results, args.format, &mut graph.names(!args.iris), out)
}

fn describe(args: &DescribeArgs, out: &mut dyn Write) -> Result<()> {
    let graph = open_graph(&args.graph)?;
    let description = graph.describe(&args.name)?;
    match args.format {
        TextOrJson::Text => describe::write_text(&description, out),
        TextOrJson::Json => write_json(&description, out),
    }
}

fn stats(args: &StatsArgs, out: &mut dyn Write) -> Result<()> {
    let graph = open_graph(&args.graph)?;
    let figures = graph.stats()?;
    match args.format {
        TextOrJson::Text => stats::write_text(&figures, out),
        TextOrJson::Json => write_json(&figures, out),
    }
}

fn export(args: &ExportArgs, out: &mut dyn Write) -> Result<()> {
    let graph = open_graph(&args.graph)?;
    match &args.output {
        None => graph.export(args.format.into(), out),
        Some(path) => {
            let file = File::create(path).map_err(|e| Error::file(path, &e))?;
            let mut writer = BufWriter::new(file);
            graph.export(args.format.into(), &mut writer)?;
            writer.flush().map_err(|e| Error::file(path, &e))
        }
    }
}

fn graph(args: &GraphCommandArgs, out: &mut dyn Write) -> Result<()> {
    let kind = NetworkKind::ALL
        .into_iter()
        .find(|k| k.name() == args.kind)
        .ok_or_else(|| {
            Error::Usage(format!(
                "unknown network '{}'; choose alliance, guarantee, violation or security",
                args.kind
            ))
        })?;
    let at = args.at.clone().unwrap_or_else(dates::today);
    // Check the date before loading anything, so a typo fails fast.
    dates::date_literal(&at)?;
    let graph = open_graph(&args.graph)?;
    let network = graph.network(kind, &at)?;
    match &args.output {
        None => render::write(&network, args.format, out),
        Some(path) => {
            let mut buffer = Vec::new();
            render::write(&network, args.format, &mut buffer)?;
            std::fs::write(path, buffer).map_err(|e| Error::file(path, &e))
        }
    }
}

fn analyze(args: &AnalyzeArgs, out: &mut dyn Write) -> Result<()> {
    let at = args.at.clone().unwrap_or_else(dates::today);
    dates::date_literal(&at)?;
    if let Some(since) = &args.since {
        dates::date_literal(since)?;
    }
    let graph = open_graph(&args.graph)?;
    let mut names = graph.names(true);
    match (&args.since, args.format) {
        (Some(since), TableOrJson::Table) => {
            analyze::write_changes(&graph.changes(since, &at)?, since, &at, out)
        }
        (Some(since), TableOrJson::Json) => write_json(&graph.changes(since, &at)?, out),
        (None, TableOrJson::Table) => analyze::write_text(&graph.analyze(&at)?, &mut names, out),
        (None, TableOrJson::Json) => write_json(&graph.analyze(&at)?, out),
    }
}

fn load(args: &LoadArgs) -> Result<()> {
    // Check the user's files before the store is opened: a bad file never touches it.
    let format = args.data_format.map(RdfFormat::from);
    let mut sources = Vec::new();
    for path in &args.files {
        sources.push(Source::from_path(path, format, args.base.as_deref())?);
    }
    check::precheck(&sources, !args.no_check)?;
    let graph = KnowledgeGraph::open(&args.store)?;
    if graph.store().is_empty()? && !args.no_default_data {
        sources.splice(0..0, store::builtin_sources());
    }
    let quads = graph.load(&sources)?;
    eprintln!(
        "loaded {quads} quads from {} file(s) into {}",
        sources.len(),
        args.store.display()
    );
    Ok(())
}

fn check(args: &CheckArgs, out: &mut dyn Write) -> Result<()> {
    let format = args.data_format.map(RdfFormat::from);
    let inputs: Vec<Input<'static>> = args
        .files
        .iter()
        .map(|path| Input::from_path(path, args.base.as_deref(), format))
        .collect::<Result<_>>()?;
    let report = check::check(
        &inputs,
        check::Options {
            lint: args.passes.contains(&CheckPass::Vocabulary),
            shapes: args.passes.contains(&CheckPass::Shapes),
        },
    )?;
    match args.format {
        TextOrJson::Text => check::write_text(&report, out)?,
        TextOrJson::Json => write_json(&report, out)?,
    }
    if report.passes(args.strict) {
        Ok(())
    } else {
        out.flush()?;
        Err(Error::Problems {
            summary: report.summary(),
            shown: args.format == TextOrJson::Text,
        })
    }
}

fn read_text(path: &Path) -> Result<String> {
    if path.is_dir() {
        return Err(Error::File {
            path: path.display().to_string(),
            message: "is a directory, not a file".to_owned(),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::file(path, &e))?;
    String::from_utf8(bytes).map_err(|_| Error::File {
        path: path.display().to_string(),
        message: "is not UTF-8 text".to_owned(),
    })
}

fn write_json(value: &impl serde::Serialize, out: &mut dyn Write) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)?;
    Ok(())
}
