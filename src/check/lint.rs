//! Pass 2: the vocabulary lint, streaming over rio_turtle's borrowed terms.
//!
//! rio hands each triple to a callback as borrowed `&str`s, without building owned terms or a
//! store, which is what a pass over a file of any size needs: memory stays flat. (oxttl, inside
//! Oxigraph, builds owned terms for loading and recovers from errors; pass 1 uses it for the
//! files rio cannot vouch for, see [`FileRead`].)
//!
//! Each triple is checked on its own (unknown pacta terms, literals against their datatype and
//! the property's range), and a fixed-size [`NodeTable`] records which nodes the files
//! describe and with which pacta types. Links may point forward: IRIs in pacta's entity
//! namespace that nothing describes, and the types of subjects and objects against domains and
//! ranges. A link the table can settle when it is read is settled then; the others wait for
//! the end of the read, in a list of bounded size. Only if that list overflows are the files
//! read a second time.
//!
//! A large N-Triples or N-Quads file is cut at line ends into one piece per core, read side by
//! side by workers that share the node table; their findings and waiting links are merged in
//! the order of the file.

use super::input::Input;
use super::report::{Finding, Pass, Severity};
use super::schema::{Classes, RDF_LANG_STRING, Range, Schema, XSD, XSD_STRING, compact};
use super::table::{Known, NodeTable, hash};
use crate::error::{Error, Result};
use crate::progress::Progress;
use crate::vocab::{ID, PACTA, RDF_TYPE};
use oxigraph::io::RdfFormat;
use oxiri::Iri;
use rio_api::model::{GraphName, Literal, Quad, Subject, Term, Triple};
use rio_api::parser::{ParseError, QuadsParser, TriplesParser};
use rio_turtle::{NQuadsParser, NTriplesParser, TriGParser, TurtleError, TurtleParser};
use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::str::FromStr;

/// Findings kept per run; past this the pass only counts, so a broken file cannot fill memory.
const MAX_FINDINGS: usize = 1000;

/// The vocabulary pass over a set of files that are checked together. One `Lint` reads the
/// files in turn; the pieces of a large N-Triples or N-Quads file are read by workers of their
/// own, side by side, which share its node table and are merged into it.
pub(super) struct Lint<'a> {
    schema: &'a Schema,
    table: &'a NodeTable,
    /// Findings, each with the key it is reported under.
    findings: Vec<(Key, Finding)>,
    /// Keys already reported: each problem is reported once, where it first is.
    reported: HashSet<Key>,
    /// Findings past [`MAX_FINDINGS`].
    dropped: usize,
    /// Files the pass could not finish, with the reason (rio stopped).
    stopped: Vec<Finding>,
    /// Link checks waiting for the end of the first read.
    pending: Vec<Link>,
    /// Links kept waiting at most: [`MAX_PENDING`], shared among the workers of a file read in
    /// pieces, so that memory stays the same however many pieces there are.
    max_pending: usize,
    /// True when more links waited than `max_pending`, even after compacting: a second
    /// read settles them all.
    overflowed: bool,
    /// The files' names, by index.
    files: &'a [String],
    /// Triples whose subject went into the table, and those that found no room there.
    described: u64,
    lost: u64,
}

/// What a problem is reported under: its code and the node (or node and property) it is about.
type Key = (&'static str, String);

/// What the pass made of one file's text.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct FileRead {
    /// The triples rio read.
    pub triples: u64,
    /// True when rio's reading cannot stand for pass 1: it stopped (on an error, or where it
    /// reads less than oxttl), or it met something oxttl may judge otherwise.
    pub doubtful: bool,
}

/// What the pass found, for the report.
pub(super) struct Linted {
    pub findings: Vec<Finding>,
    pub stopped: Vec<Finding>,
    /// Findings past the cap, counted but not kept.
    pub dropped: usize,
    /// The share of triples whose subject did not fit the node table.
    pub lost: f64,
    /// By file, in the order given.
    pub reads: Vec<FileRead>,
}

/// Files of these formats larger than this are cut into pieces read side by side.
const SPLIT_ABOVE: u64 = 4 << 20;

/// rio accepts terms of any length, oxttl (pass 1, and loading) no token over 16 MiB. A file
/// with a term longer than this goes to oxttl for the verdict: escapes take up to ten bytes for
/// one character, so a term's text can be a tenth of its token.
const LONG_TERM: usize = (16 << 20) / 10;

/// Runs the pass over `inputs`, checked together.
pub(super) fn run(schema: &Schema, inputs: &[Input<'_>], progress: &Progress) -> Result<Linted> {
    let table = NodeTable::for_input(inputs.iter().map(|i| i.len).sum());
    let files: Vec<String> = inputs.iter().map(|i| i.name.clone()).collect();
    let mut lint = Lint::new(schema, &table, &files);
    let reads = lint.read_all(inputs, progress)?;
    let lost = if lint.lost == 0 {
        0.0
    } else {
        lint.lost as f64 / lint.described as f64
    };
    Ok(Linted {
        findings: lint.findings.into_iter().map(|(_, f)| f).collect(),
        stopped: lint.stopped,
        dropped: lint.dropped,
        lost,
        reads,
    })
}

/// rio's own limit for collections, applied to every kind of nesting by the reader.
const MAX_NESTING: usize = 128;

/// Links kept for the end of the first read, at most; past this the files are read again.
/// About 100 bytes each, so the pass's memory stays bounded whatever the input's size.
const MAX_PENDING: usize = 1 << 18;

/// What a link must satisfy.
#[derive(Debug, Clone, Copy)]
enum LinkKind {
    /// The object, in pacta's entity namespace, must be described somewhere.
    Undefined,
    /// The subject must be of this class (the property's domain).
    Domain(usize),
    /// The object must be of this class (the property's range).
    Range(usize),
}

/// One link check, with what its message needs. Checks are judged on borrowed terms; only
/// one kept for later or reported is copied into a [`Link`].
#[derive(Debug, Clone, Copy)]
struct LinkRef<'a> {
    kind: LinkKind,
    key: Option<u64>,
    node: Option<&'a str>,
    predicate: &'a str,
    file: usize,
    ordinal: u64,
}

/// A link check kept for the end of the first read.
#[derive(Debug)]
struct Link {
    kind: LinkKind,
    key: Option<u64>,
    node: Option<String>,
    predicate: String,
    file: usize,
    ordinal: u64,
}

impl LinkRef<'_> {
    fn to_owned(self) -> Link {
        Link {
            kind: self.kind,
            key: self.key,
            node: self.node.map(str::to_owned),
            predicate: self.predicate.to_owned(),
            file: self.file,
            ordinal: self.ordinal,
        }
    }
}

impl Link {
    fn as_ref(&self) -> LinkRef<'_> {
        LinkRef {
            kind: self.kind,
            key: self.key,
            node: self.node.as_deref(),
            predicate: &self.predicate,
            file: self.file,
            ordinal: self.ordinal,
        }
    }
}

impl<'a> Lint<'a> {
    fn new(schema: &'a Schema, table: &'a NodeTable, files: &'a [String]) -> Self {
        Self {
            schema,
            table,
            findings: Vec::new(),
            reported: HashSet::new(),
            dropped: 0,
            stopped: Vec::new(),
            pending: Vec::new(),
            overflowed: false,
            files,
            described: 0,
            lost: 0,
            max_pending: MAX_PENDING,
        }
    }

    /// Runs both reads over every file, then places the findings on their lines.
    fn read_all(&mut self, inputs: &[Input<'_>], progress: &Progress) -> Result<Vec<FileRead>> {
        let mut reads = Vec::with_capacity(inputs.len());
        for (index, input) in inputs.iter().enumerate() {
            let parts = pieces(input)?;
            let read = if parts.len() > 1 {
                self.read_pieces(input, index, &parts, progress)?
            } else {
                self.read_piece(input, index, 0..input.len, 0, progress)?
            };
            reads.push(read);
        }
        if self.overflowed {
            // Too many links pointed forward to keep: read the files again, now that the
            // table is complete.
            self.pending.clear();
            for (index, input) in inputs.iter().enumerate() {
                // A file the first read could not finish is not read again.
                if self.stopped.iter().any(|s| s.file == input.name) {
                    continue;
                }
                stream(input, 0..input.len, progress, false, |triple, ordinal| {
                    self.check_links(&triple, index, ordinal, true);
                    true
                })?;
            }
        } else {
            // A file rio stopped in was not read to its end: what a link there points to may
            // be described after the stop, so its waiting links cannot be settled.
            let files = self.files;
            let unfinished: HashSet<usize> = (0..files.len())
                .filter(|&i| self.stopped.iter().any(|s| s.file == files[i]))
                .collect();
            for link in std::mem::take(&mut self.pending) {
                if !unfinished.contains(&link.file) {
                    self.judge(link.as_ref(), true);
                }
            }
        }
        self.place(inputs)?;
        Ok(reads)
    }

    /// The first read of one piece of a file, whose triples are numbered from `first` + 1.
    fn read_piece(
        &mut self,
        input: &Input<'_>,
        index: usize,
        part: std::ops::Range<u64>,
        first: u64,
        progress: &Progress,
    ) -> Result<FileRead> {
        let streamed = stream(input, part, progress, false, |triple, ordinal| {
            self.check_triple(&triple, index, &input.name, first + ordinal);
            self.check_links(&triple, index, first + ordinal, false);
            true
        })?;
        if let Some(stop) = streamed.stop {
            self.stopped.push(stop);
        }
        Ok(FileRead {
            triples: streamed.triples,
            doubtful: streamed.doubtful,
        })
    }

    /// The first read of a file cut into pieces: one worker a piece, on threads of their own,
    /// then merged in order. A worker numbers its triples from a provisional base far above
    /// any real count, so that its findings and waiting links keep their order; once every
    /// piece's count is known they are numbered for real.
    fn read_pieces(
        &mut self,
        input: &Input<'_>,
        index: usize,
        parts: &[std::ops::Range<u64>],
        progress: &Progress,
    ) -> Result<FileRead> {
        let (schema, table, files) = (self.schema, self.table, self.files);
        let results: Vec<Result<(Lint<'a>, FileRead)>> = std::thread::scope(|scope| {
            let handles: Vec<_> = parts
                .iter()
                .enumerate()
                .map(|(piece, part)| {
                    std::thread::Builder::new()
                        .name(format!("vocabulary-{piece}"))
                        .stack_size(8 << 20)
                        .spawn_scoped(scope, move || {
                            let mut worker = Lint::new(schema, table, files);
                            worker.max_pending = MAX_PENDING / parts.len();
                            let read = worker.read_piece(
                                input,
                                index,
                                part.clone(),
                                base(piece),
                                progress,
                            )?;
                            Ok((worker, read))
                        })
                })
                .collect();
            handles
                .into_iter()
                .map(|handle| match handle {
                    Ok(handle) => handle.join().unwrap_or_else(|_| {
                        Err(Error::Usage("the vocabulary pass failed".to_owned()))
                    }),
                    Err(e) => Err(Error::Output(e)),
                })
                .collect()
        });
        let mut total = FileRead::default();
        let mut stopped = false;
        for (piece, result) in results.into_iter().enumerate() {
            let (worker, read) = result?;
            if stopped {
                // As in one read, nothing after the place rio stopped is linted; the numbers of
                // later triples are not known anyway.
                continue;
            }
            stopped = !worker.stopped.is_empty();
            let offset = total.triples;
            let real = |ordinal: u64| ordinal - base(piece) + offset;
            self.merge(worker, index, piece > 0, real);
            total.triples += read.triples;
            total.doubtful |= read.doubtful;
        }
        Ok(total)
    }

    /// Takes in a worker's findings, waiting links and counts, renumbering its triples.
    fn merge(&mut self, worker: Lint<'_>, index: usize, later: bool, real: impl Fn(u64) -> u64) {
        self.described += worker.described;
        self.lost += worker.lost;
        self.dropped += worker.dropped;
        for (key, mut finding) in worker.findings {
            finding.line = real(finding.line);
            self.add(key, finding);
        }
        for mut stop in worker.stopped {
            if later {
                // rio counted lines from the start of the piece, not of the file.
                stop.line = 0;
            }
            self.stopped.push(stop);
        }
        if worker.overflowed {
            self.overflowed = true;
        }
        for mut link in worker.pending {
            debug_assert_eq!(link.file, index);
            link.ordinal = real(link.ordinal);
            self.defer(link.as_ref());
        }
    }

    /// Findings carry the number of their triple until now. Counting lines costs a read per
    /// line, so it is done only here, only for files with findings, and only as far as the
    /// last of them: a clean file is never read line by line.
    fn place(&mut self, inputs: &[Input<'_>]) -> Result<()> {
        for input in inputs {
            let wanted: HashSet<u64> = self
                .findings
                .iter()
                .filter(|(_, f)| f.file == input.name)
                .map(|(_, f)| f.line)
                .collect();
            if wanted.is_empty() {
                continue;
            }
            let lines = lines_of(input, &wanted)?;
            for (_, finding) in self
                .findings
                .iter_mut()
                .filter(|(_, f)| f.file == input.name)
            {
                finding.line = lines.get(&finding.line).copied().unwrap_or(0);
            }
        }
        Ok(())
    }

    fn report(
        &mut self,
        key: (&'static str, String),
        file: &str,
        line: u64,
        severity: Severity,
        message: String,
    ) {
        self.add(
            key,
            Finding {
                file: file.to_owned(),
                line,
                column: 0,
                severity,
                pass: Pass::Vocabulary,
                code: String::new(),
                message,
                focus: None,
            },
        );
    }

    /// Keeps a finding unless its key is already reported or the cap is reached.
    fn add(&mut self, key: Key, mut finding: Finding) {
        if self.reported.contains(&key) {
            return;
        }
        if self.findings.len() >= MAX_FINDINGS {
            self.dropped += 1;
            return;
        }
        finding.code = key.0.to_owned();
        self.reported.insert(key.clone());
        self.findings.push((key, finding));
    }

    /// First read: checks that need only the triple itself, and fills the node table.
    fn check_triple(&mut self, triple: &Triple<'_>, file_index: usize, file: &str, line: u64) {
        if let Subject::NamedNode(node) = triple.subject {
            self.check_term(node.iri, file, line);
        }
        let predicate = triple.predicate.iri;
        self.check_term(predicate, file, line);
        match triple.object {
            Term::NamedNode(node) => self.check_term(node.iri, file, line),
            Term::Literal(Literal::Typed { value, datatype }) => {
                self.check_term(datatype.iri, file, line);
                if !valid_lexical(value, datatype.iri) {
                    self.report(
                        ("bad-literal", format!("{value}\u{0}{}", datatype.iri)),
                        file,
                        line,
                        Severity::Error,
                        format!("\"{value}\" is not a valid {}", compact(datatype.iri)),
                    );
                }
            }
            _ => {}
        }
        self.check_value(predicate, &triple.object, file, line);
        if let Some(key) = subject_key(&triple.subject, file_index) {
            let classes = match triple.object {
                Term::NamedNode(class) if predicate == RDF_TYPE => {
                    self.schema.class_bits(class.iri).unwrap_or(0)
                }
                _ => 0,
            };
            self.described += 1;
            if !self.table.describe(key, classes) {
                self.lost += 1;
            }
        }
    }

    /// An IRI in pacta's term namespace must be defined by the ontology.
    fn check_term(&mut self, iri: &str, file: &str, line: u64) {
        if !iri.starts_with(PACTA) || self.schema.defines(iri) {
            return;
        }
        let hint = self
            .schema
            .suggest(iri)
            .map(|s| format!(" (did you mean {}?)", compact(s)))
            .unwrap_or_default();
        self.report(
            ("unknown-term", iri.to_owned()),
            file,
            line,
            Severity::Error,
            format!(
                "{} is not defined by the pacta ontology{hint}",
                compact(iri)
            ),
        );
    }

    /// A value must fit the property's range: the right datatype, or a resource, not a literal.
    fn check_value(&mut self, predicate: &str, object: &Term<'_>, file: &str, line: u64) {
        let Some(range) = self
            .schema
            .property(predicate)
            .and_then(|p| p.range.as_ref())
        else {
            return;
        };
        let message = match (range, object) {
            (Range::Datatype(expected), Term::Literal(literal)) => {
                let found = match literal {
                    Literal::Simple { .. } => XSD_STRING,
                    Literal::LanguageTaggedString { .. } => RDF_LANG_STRING,
                    Literal::Typed { datatype, .. } => datatype.iri,
                };
                let fits =
                    found == expected || (expected == XSD_STRING && found == RDF_LANG_STRING);
                if fits {
                    return;
                }
                let found = match literal {
                    Literal::Simple { .. } => "a plain string".to_owned(),
                    _ => format!("a {} literal", compact(found)),
                };
                format!(
                    "{} takes an {} literal, not {found}",
                    compact(predicate),
                    compact(expected)
                )
            }
            (Range::Datatype(expected), _) => format!(
                "{} takes an {} literal, not a resource",
                compact(predicate),
                compact(expected)
            ),
            (Range::Class(class), Term::Literal(_)) => format!(
                "{} links to a {}, not a literal",
                compact(predicate),
                self.schema.class_name(*class)
            ),
            (Range::Class(_), _) => return,
        };
        self.report(
            ("datatype", format!("{predicate}\u{0}{line}")),
            file,
            line,
            Severity::Error,
            message,
        );
    }

    /// Link checks of one triple: against the table as it is now (`settle` false, during the
    /// first read) or as it is at the end (`settle` true). A check that cannot be settled yet
    /// is kept for the end.
    fn check_links(&mut self, triple: &Triple<'_>, file_index: usize, ordinal: u64, settle: bool) {
        let predicate = triple.predicate.iri;
        let link = |kind, key, node| LinkRef {
            kind,
            key,
            node,
            predicate,
            file: file_index,
            ordinal,
        };
        let object_iri = match triple.object {
            Term::NamedNode(n) => Some(n.iri),
            _ => None,
        };
        if let Some(iri) = object_iri
            && iri.starts_with(ID)
            && !self.schema.has_entity(iri)
        {
            let key = Some(hash(&[iri.as_bytes()]));
            self.judge(link(LinkKind::Undefined, key, Some(iri)), settle);
        }
        let Some(property) = self.schema.property(predicate) else {
            return;
        };
        let (domain, range) = (property.domain, range_class(property.range.as_ref()));
        if let Some(domain) = domain {
            let subject_iri = match triple.subject {
                Subject::NamedNode(n) => Some(n.iri),
                _ => None,
            };
            let key = subject_key(&triple.subject, file_index);
            self.judge(link(LinkKind::Domain(domain), key, subject_iri), settle);
        }
        if let Some(range) = range
            && matches!(triple.object, Term::NamedNode(_) | Term::BlankNode(_))
        {
            let key = object_key(&triple.object, file_index);
            self.judge(link(LinkKind::Range(range), key, object_iri), settle);
        }
    }

    /// Decides one link check, reports it if it fails, or keeps it for later.
    fn judge(&mut self, link: LinkRef<'_>, settle: bool) {
        let class = match link.kind {
            LinkKind::Undefined => {
                let known = link.key.map_or(Known::Unknown, |key| self.table.get(key));
                match known {
                    Known::Described(_) | Known::Unknown => return,
                    Known::Absent if !settle => return self.defer(link),
                    Known::Absent => None,
                }
            }
            LinkKind::Domain(class) | LinkKind::Range(class) => Some(class),
        };
        if let Some(class) = class {
            let Some(types) = self.types(link.node, link.key) else {
                return;
            };
            // Types only grow as the file is read, so a type that fits settles the check.
            if types & (1 << class) != 0 {
                return;
            }
            if !settle {
                return self.defer(link);
            }
            if types == 0 {
                return;
            }
            self.report_link(link, types);
        } else {
            self.report_link(link, 0);
        }
    }

    fn defer(&mut self, link: LinkRef<'_>) {
        if self.overflowed {
            // The second read will check every link again.
            return;
        }
        if self.pending.len() >= self.max_pending {
            self.compact();
        }
        if self.pending.len() < self.max_pending {
            self.pending.push(link.to_owned());
        }
    }

    /// Judges the waiting links again against the table as it is now. Most forward links
    /// point a few lines ahead (a blank node typed just after it is linked), so this settles
    /// most of them; if half still wait, the files are too tangled to keep up with and a
    /// second read will settle everything.
    fn compact(&mut self) {
        for link in std::mem::take(&mut self.pending) {
            self.judge(link.as_ref(), false);
        }
        if self.pending.len() > self.max_pending / 2 {
            self.overflowed = true;
            self.pending = Vec::new();
        }
    }

    fn report_link(&mut self, link: LinkRef<'_>, types: Classes) {
        let name = link.node.map_or_else(|| "a blank node".to_owned(), compact);
        let predicate = compact(link.predicate);
        let (code, message) = match link.kind {
            LinkKind::Undefined => (
                "undefined-entity",
                format!(
                    "{name} is linked to but described neither in the checked files nor in the built-in graph"
                ),
            ),
            LinkKind::Domain(domain) => (
                "domain",
                format!(
                    "{name} is a {}, but {predicate} applies to a {}",
                    self.schema.class_names(types),
                    self.schema.class_name(domain)
                ),
            ),
            LinkKind::Range(range) => (
                "range",
                format!(
                    "{predicate} links to a {}, but {name} is a {}",
                    self.schema.class_name(range),
                    self.schema.class_names(types)
                ),
            ),
        };
        let key = match link.kind {
            LinkKind::Undefined => name.clone(),
            _ => format!("{name}\u{0}{}", link.predicate),
        };
        let file = self.files[link.file].clone();
        self.report((code, key), &file, link.ordinal, Severity::Warning, message);
    }

    /// The pacta types of a node from the built-in graph and the table; `None` if unknown.
    fn types(&self, iri: Option<&str>, key: Option<u64>) -> Option<Classes> {
        let builtin = iri.map_or(0, |iri| self.schema.types_of(iri));
        match key.map(|key| self.table.get(key)) {
            Some(Known::Unknown) => None,
            Some(Known::Described(classes)) => Some(builtin | classes),
            Some(Known::Absent) | None => Some(builtin),
        }
    }
}

/// The class a property's range names, if it names one.
fn range_class(range: Option<&Range>) -> Option<usize> {
    match range {
        Some(Range::Class(class)) => Some(*class),
        _ => None,
    }
}

/// The table key of a subject: its IRI, or its blank node label within its file.
fn subject_key(subject: &Subject<'_>, file_index: usize) -> Option<u64> {
    match subject {
        Subject::NamedNode(node) => Some(hash(&[node.iri.as_bytes()])),
        Subject::BlankNode(node) => Some(blank_key(node.id, file_index)),
        Subject::Triple(_) => None,
    }
}

fn object_key(object: &Term<'_>, file_index: usize) -> Option<u64> {
    match object {
        Term::NamedNode(node) => Some(hash(&[node.iri.as_bytes()])),
        Term::BlankNode(node) => Some(blank_key(node.id, file_index)),
        _ => None,
    }
}

/// Blank node labels are local to a file, so the file is part of the key.
fn blank_key(label: &str, file_index: usize) -> u64 {
    hash(&[&file_index.to_le_bytes(), b"_:", label.as_bytes()])
}

/// True unless `value` is outside the lexical space of a datatype pacta knows how to check.
pub(super) fn valid_lexical(value: &str, datatype: &str) -> bool {
    use oxsdatatypes::{
        Boolean, Date, DateTime, Decimal, Double, Float, GYear, GYearMonth, Integer,
    };
    let Some(local) = datatype.strip_prefix(XSD) else {
        return true;
    };
    match local {
        "date" => Date::from_str(value).is_ok(),
        "dateTime" => DateTime::from_str(value).is_ok(),
        "gYear" => GYear::from_str(value).is_ok(),
        "gYearMonth" => GYearMonth::from_str(value).is_ok(),
        "integer" => Integer::from_str(value).is_ok(),
        "decimal" => Decimal::from_str(value).is_ok(),
        "double" => Double::from_str(value).is_ok(),
        "float" => Float::from_str(value).is_ok(),
        "boolean" => Boolean::from_str(value).is_ok(),
        _ => true,
    }
}

/// Why rio stopped: the callback asked it to, or a parse error.
enum Halt {
    Done,
    Rio(TurtleError),
}

impl From<TurtleError> for Halt {
    fn from(error: TurtleError) -> Self {
        Self::Rio(error)
    }
}

/// What a read through rio came to.
struct Streamed {
    triples: u64,
    /// Where and why rio stopped, if it did.
    stop: Option<Finding>,
    /// True if rio stopped, or met a term oxttl may read otherwise (see [`FileRead`]).
    doubtful: bool,
}

/// Streams the bytes `part` of a file through rio, calling `on_triple` with each triple and
/// its position: the triple's number in the piece, or with `by_line` its line. `on_triple`
/// returns false to stop.
///
/// When rio stops early, `stop` says so: on a syntax error (pass 1 reports it properly), or on
/// things oxttl reads, such as nesting deeper than 128 levels.
fn stream(
    input: &Input<'_>,
    part: std::ops::Range<u64>,
    progress: &Progress,
    by_line: bool,
    mut on_triple: impl FnMut(Triple<'_>, u64) -> bool,
) -> Result<Streamed> {
    let reader = input.open_part(progress, by_line, part)?;
    // Only Turtle and TriG nest; N-Triples and N-Quads have no brackets to count.
    let reader = if matches!(input.format, RdfFormat::Turtle | RdfFormat::TriG) {
        reader.with_nesting_limit(MAX_NESTING)
    } else {
        reader
    };
    let line = reader.line();
    // Reads of one line each pass through the BufReader untouched, so the line stays exact.
    let reader = BufReader::with_capacity(64 * 1024, reader);
    let base = Iri::parse(input.base.clone()).ok();
    let mut ordinal = 0;
    let doubtful = Cell::new(false);
    let mut callback = |triple: Triple<'_>| -> Result<(), Halt> {
        ordinal += 1;
        if unlike_oxttl(&triple) {
            doubtful.set(true);
        }
        let position = if by_line { line.get() } else { ordinal };
        if on_triple(triple, position) {
            Ok(())
        } else {
            Err(Halt::Done)
        }
    };
    let outcome = match input.format {
        RdfFormat::Turtle => TurtleParser::new(reader, base).parse_all(&mut callback),
        RdfFormat::NTriples => NTriplesParser::new(reader).parse_all(&mut callback),
        RdfFormat::TriG => {
            TriGParser::new(reader, base).parse_all(&mut as_triples(&mut callback, &doubtful))
        }
        RdfFormat::NQuads => {
            NQuadsParser::new(reader).parse_all(&mut as_triples(&mut callback, &doubtful))
        }
        _ => {
            return Ok(Streamed {
                triples: 0,
                stop: Some(Finding {
                    file: input.name.clone(),
                    line: 0,
                    column: 0,
                    severity: Severity::Warning,
                    pass: Pass::Vocabulary,
                    code: "not-linted".to_owned(),
                    message: "the vocabulary pass reads Turtle, TriG, N-Triples and N-Quads only"
                        .to_owned(),
                    focus: None,
                }),
                doubtful: true,
            });
        }
    };
    let stop = match outcome {
        Ok(()) | Err(Halt::Done) => None,
        Err(Halt::Rio(error)) => Some(Finding {
            file: input.name.clone(),
            line: error.textual_position().map_or(0, |p| p.line_number()),
            column: 0,
            severity: Severity::Warning,
            pass: Pass::Vocabulary,
            code: "lint-stopped".to_owned(),
            message: format!(
                "the vocabulary pass stopped here, the rest of the file was not linted: {}",
                rio_message(&error)
            ),
            focus: None,
        }),
    };
    Ok(Streamed {
        triples: ordinal,
        doubtful: doubtful.get() || stop.is_some(),
        stop,
    })
}

/// Hands each quad on as a triple (the pass checks the default graph and named graphs alike),
/// noting a graph name too long for oxttl.
fn as_triples<'c>(
    on_triple: &'c mut impl FnMut(Triple<'_>) -> Result<(), Halt>,
    doubtful: &'c Cell<bool>,
) -> impl FnMut(Quad<'_>) -> Result<(), Halt> + 'c {
    move |quad| {
        if quad.graph_name.is_some_and(|g| long(graph_text(g))) {
            doubtful.set(true);
        }
        on_triple(Triple {
            subject: quad.subject,
            predicate: quad.predicate,
            object: quad.object,
        })
    }
}

/// True if oxttl may judge this triple otherwise than rio: it quotes a triple (RDF-star, which
/// rio reads and oxttl, built without RDF 1.2, does not), or it holds a term so long that
/// oxttl's 16 MiB limit may refuse it.
fn unlike_oxttl(triple: &Triple<'_>) -> bool {
    let subject = match triple.subject {
        Subject::NamedNode(n) => n.iri,
        Subject::BlankNode(b) => b.id,
        Subject::Triple(_) => return true,
    };
    let object = match triple.object {
        Term::NamedNode(n) => n.iri,
        Term::BlankNode(b) => b.id,
        Term::Literal(Literal::Simple { value }) => value,
        Term::Literal(Literal::LanguageTaggedString { value, .. }) => value,
        Term::Literal(Literal::Typed { value, datatype }) => {
            if long(datatype.iri) {
                return true;
            }
            value
        }
        Term::Triple(_) => return true,
    };
    long(subject) || long(triple.predicate.iri) || long(object)
}

fn graph_text<'t>(graph: GraphName<'t>) -> &'t str {
    match graph {
        GraphName::NamedNode(n) => n.iri,
        GraphName::BlankNode(b) => b.id,
    }
}

fn long(text: &str) -> bool {
    text.len() > LONG_TERM
}

/// The piece of a file that one worker reads: the number to start its triples from, far above
/// any real count so that pieces never overlap.
fn base(piece: usize) -> u64 {
    (piece as u64) << 44
}

/// How to cut a file for reading side by side: into one piece per core for a large file of a
/// line-based format, where a line feed always ends a statement; otherwise one piece.
fn pieces(input: &Input<'_>) -> Result<Vec<std::ops::Range<u64>>> {
    let lines = matches!(input.format, RdfFormat::NTriples | RdfFormat::NQuads);
    if !lines || input.len <= SPLIT_ABOVE {
        return Ok(std::iter::once(0..input.len).collect());
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    input.split_lines(cores as u64)
}

/// rio's message without its own position, which counts differently from ours.
fn rio_message(error: &TurtleError) -> String {
    let message = error.to_string();
    match message.find(" on line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
    }
}

/// The lines of the triples with these numbers (counted from 1) in one file.
fn lines_of(input: &Input<'_>, ordinals: &HashSet<u64>) -> Result<HashMap<u64, u64>> {
    let mut lines = HashMap::new();
    let Some(&last) = ordinals.iter().max() else {
        return Ok(lines);
    };
    let mut ordinal = 0;
    if matches!(input.format, RdfFormat::NTriples | RdfFormat::NQuads) {
        // rio has read the next line by the time it hands over a triple, so its line is one
        // too far here. In these formats every line that is neither blank nor a comment holds
        // exactly one statement, so counting such lines is exact.
        let reader = BufReader::new(input.open(&Progress::hidden(), false)?);
        for (index, line) in reader.split(b'\n').enumerate() {
            let Ok(line) = line else { break };
            let text = line.trim_ascii_start();
            if text.is_empty() || text.starts_with(b"#") {
                continue;
            }
            ordinal += 1;
            if ordinals.contains(&ordinal) {
                lines.insert(ordinal, index as u64 + 1);
            }
            if ordinal >= last {
                break;
            }
        }
    } else {
        stream(input, 0..input.len, &Progress::hidden(), true, |_, line| {
            ordinal += 1;
            if ordinals.contains(&ordinal) {
                lines.insert(ordinal, line);
            }
            ordinal < last
        })?;
    }
    Ok(lines)
}

/// The first line where each wanted node is the subject of a triple, by file index.
pub(super) fn first_lines(
    inputs: &[Input<'_>],
    wanted: &HashSet<String>,
) -> Result<HashMap<String, (usize, u64)>> {
    let mut found: HashMap<String, (usize, u64)> = HashMap::new();
    for (index, input) in inputs.iter().enumerate() {
        if found.len() == wanted.len() {
            break;
        }
        // The number of the first triple about each node, then those triples' lines.
        let mut first: HashMap<String, u64> = HashMap::new();
        stream(
            input,
            0..input.len,
            &Progress::hidden(),
            false,
            |triple, ordinal| {
                if let Subject::NamedNode(node) = triple.subject
                    && wanted.contains(node.iri)
                    && !found.contains_key(node.iri)
                    && !first.contains_key(node.iri)
                {
                    first.insert(node.iri.to_owned(), ordinal);
                }
                found.len() + first.len() < wanted.len()
            },
        )?;
        let lines = lines_of(input, &first.values().copied().collect())?;
        for (node, ordinal) in first {
            found.insert(node, (index, lines.get(&ordinal).copied().unwrap_or(0)));
        }
    }
    Ok(found)
}
