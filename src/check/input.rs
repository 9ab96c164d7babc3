//! The files `pacta check` reads, and the reader every pass streams them through.
//!
//! The reader does four jobs the parsers do not: it skips a UTF-8 byte-order mark, it stops at
//! the first byte that is not UTF-8 with that byte's line and column (one clear error instead of
//! a parser's cascade), it counts lines, so the vocabulary pass can say where a triple is, and
//! it hands on a carriage return that ends a line on its own as a line feed. The grammars of
//! Turtle, TriG, N-Triples and N-Quads all let CR, LF or CR LF end a line, but rio's N-Triples
//! and N-Quads readers skip everything after a CR up to the next LF, and the line counts here
//! know only LF. Outside strings both are white space, and in a string both are refused or
//! both are kept, so the change leaves the verdict and the triples as they were.

use super::nesting::Nesting;
use crate::error::{Error, Result};
use crate::progress::Progress;
use crate::store::{self, Source};
use oxigraph::io::RdfFormat;
use oxigraph::model::NamedNode;
use std::cell::Cell;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// One document to check: a file, or bytes already in memory.
#[derive(Debug, Clone)]
pub struct Input<'a> {
    /// The name in messages: the path as the user typed it.
    pub name: String,
    /// The base IRI relative IRIs resolve against.
    pub base: String,
    /// The syntax of the document.
    pub format: RdfFormat,
    /// Its size in bytes.
    pub len: u64,
    data: Data<'a>,
}

#[derive(Debug, Clone)]
enum Data<'a> {
    Path(PathBuf),
    Bytes(&'a [u8]),
}

impl Input<'static> {
    /// A file. Fails with a one-line error if it is missing, unreadable or a directory, or if
    /// its format cannot be told from `format` or its extension.
    pub fn from_path(path: &Path, base: Option<&str>, format: Option<RdfFormat>) -> Result<Self> {
        let name = path.display().to_string();
        let metadata = std::fs::metadata(path).map_err(|e| Error::file(path, &e))?;
        if metadata.is_dir() {
            return Err(Error::File {
                path: name,
                message: "is a directory, not a file".to_owned(),
            });
        }
        // Open it now, so an unreadable file fails before any pass starts.
        File::open(path).map_err(|e| Error::file(path, &e))?;
        let format = match format {
            Some(format) => format,
            None => store::format_from_extension(path).ok_or_else(|| Error::File {
                path: name.clone(),
                message: "cannot tell the RDF format from the extension; use --data-format"
                    .to_owned(),
            })?,
        };
        Ok(Self {
            name,
            base: base.map_or_else(|| store::file_iri(path), str::to_owned),
            format,
            len: metadata.len(),
            data: Data::Path(path.to_path_buf()),
        })
    }
}

impl<'a> Input<'a> {
    /// Bytes in memory (a source about to be loaded, or a fuzzer's input).
    pub fn from_bytes(name: &str, bytes: &'a [u8], base: &str, format: RdfFormat) -> Self {
        Self {
            name: name.to_owned(),
            base: base.to_owned(),
            format,
            len: bytes.len() as u64,
            data: Data::Bytes(bytes),
        }
    }

    /// Opens a fresh reader over the whole document. `by_line` hands the parser one line per
    /// read, so that [`TextReader::line`] is the line the parser is on.
    pub(super) fn open(&self, progress: &Progress, by_line: bool) -> Result<TextReader<'a>> {
        self.open_part(progress, by_line, 0..self.len)
    }

    /// Opens a reader over the bytes `part` of the document, one of the pieces from
    /// [`split_lines`](Self::split_lines). Lines are counted from the start of the piece.
    pub(super) fn open_part(
        &self,
        progress: &Progress,
        by_line: bool,
        part: Range<u64>,
    ) -> Result<TextReader<'a>> {
        let length = part.end.saturating_sub(part.start);
        let inner: Box<dyn Read + 'a> = match &self.data {
            Data::Path(path) => {
                let mut file = File::open(path).map_err(|e| Error::file(path, &e))?;
                if part.start > 0 {
                    file.seek(SeekFrom::Start(part.start))
                        .map_err(|e| Error::file(path, &e))?;
                }
                Box::new(file.take(length))
            }
            Data::Bytes(bytes) => {
                let start = usize::try_from(part.start)
                    .unwrap_or(usize::MAX)
                    .min(bytes.len());
                let end = usize::try_from(part.end)
                    .unwrap_or(usize::MAX)
                    .clamp(start, bytes.len());
                Box::new(&bytes[start..end])
            }
        };
        Ok(TextReader {
            inner: BufReader::with_capacity(256 * 1024, inner),
            by_line,
            lone_cr: matches!(
                self.format,
                RdfFormat::Turtle | RdfFormat::TriG | RdfFormat::NTriples | RdfFormat::NQuads
            ),
            after_cr: false,
            // A byte-order mark can only open the document, not a later piece.
            started: part.start > 0,
            pending: Vec::new(),
            newlines: 0,
            chars_in_line: 0,
            line: Rc::new(Cell::new(1)),
            progress: progress.clone(),
            nesting: None,
        })
    }

    /// Cuts the document into at most `parts` pieces of about equal size, each ending just
    /// after a line feed (or at the end), for formats with one statement per line.
    pub(super) fn split_lines(&self, parts: u64) -> Result<Vec<Range<u64>>> {
        let mut cuts = vec![0];
        for index in 1..parts.max(1) {
            let target = self.len * index / parts;
            let last = cuts.last().copied().unwrap_or(0);
            if target <= last {
                continue;
            }
            match self.line_end_after(target)? {
                Some(cut) if cut < self.len => cuts.push(cut),
                _ => break,
            }
        }
        cuts.push(self.len);
        Ok(cuts.windows(2).map(|w| w[0]..w[1]).collect())
    }

    /// The offset just after the first line feed at or after `from`, if there is one.
    fn line_end_after(&self, from: u64) -> Result<Option<u64>> {
        match &self.data {
            Data::Bytes(bytes) => {
                let from = usize::try_from(from).unwrap_or(usize::MAX).min(bytes.len());
                Ok(memchr::memchr(b'\n', &bytes[from..]).map(|at| (from + at + 1) as u64))
            }
            Data::Path(path) => {
                let fail = |e: io::Error| Error::file(path, &e);
                let mut file = File::open(path).map_err(fail)?;
                file.seek(SeekFrom::Start(from)).map_err(fail)?;
                let mut reader = BufReader::with_capacity(64 * 1024, file);
                let mut offset = from;
                loop {
                    let buffer = reader.fill_buf().map_err(fail)?;
                    if buffer.is_empty() {
                        return Ok(None);
                    }
                    if let Some(at) = memchr::memchr(b'\n', buffer) {
                        return Ok(Some(offset + at as u64 + 1));
                    }
                    let read = buffer.len();
                    offset += read as u64;
                    reader.consume(read);
                }
            }
        }
    }

    /// A source about to be loaded, checked from its bytes in memory.
    pub fn from_source(source: &'a Source) -> Self {
        let base = source.base.as_deref().unwrap_or(source.graph.as_str());
        Self::from_bytes(&source.name, &source.bytes, base, source.format)
    }

    /// The source to load for pass 3: the same graph name a `--data` file gets.
    pub fn to_source(&self) -> Result<Source> {
        match &self.data {
            Data::Path(path) => Source::from_path(path, Some(self.format), Some(&self.base)),
            Data::Bytes(bytes) => {
                let graph = NamedNode::new(self.base.clone())
                    .unwrap_or_else(|_| NamedNode::new_unchecked("urn:pacta:input"));
                Ok(Source::new(
                    &self.name,
                    bytes.to_vec(),
                    self.format,
                    graph,
                    &self.base,
                ))
            }
        }
    }

    /// True for the formats whose parser recovers from an error and reports the next one.
    pub(super) fn recovers(&self) -> bool {
        matches!(
            self.format,
            RdfFormat::Turtle | RdfFormat::NTriples | RdfFormat::NQuads | RdfFormat::TriG
        )
    }
}

/// A byte that is not UTF-8, where it is.
#[derive(Debug)]
pub(super) struct NotUtf8 {
    pub line: u64,
    pub column: u64,
}

impl fmt::Display for NotUtf8 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not UTF-8 text (line {}, column {})",
            self.line, self.column
        )
    }
}

impl std::error::Error for NotUtf8 {}

/// A streaming reader that skips a BOM, refuses bytes that are not UTF-8, and counts lines.
pub(super) struct TextReader<'a> {
    inner: BufReader<Box<dyn Read + 'a>>,
    by_line: bool,
    /// Hand on a lone CR as LF (see the module comment).
    lone_cr: bool,
    /// The last read ended with a CR, handed on as LF: an LF that starts the next one belongs
    /// to it and is skipped.
    after_cr: bool,
    started: bool,
    /// The start of a character split across two reads (at most 3 bytes).
    pending: Vec<u8>,
    newlines: u64,
    chars_in_line: u64,
    line: Rc<Cell<u64>>,
    progress: Progress,
    nesting: Option<Nesting>,
}

impl TextReader<'_> {
    /// Stops the read, with an error, where `[ ]` and `( )` nest deeper than `limit`.
    pub fn with_nesting_limit(mut self, limit: usize) -> Self {
        self.nesting = Some(Nesting::new(limit));
        self
    }

    /// The line of the first byte of the last chunk handed out. In `by_line` mode that is the
    /// line the parser is reading.
    pub fn line(&self) -> Rc<Cell<u64>> {
        Rc::clone(&self.line)
    }

    fn not_utf8(&self, chunk: &[u8], at: usize) -> io::Error {
        let before = &chunk[..at];
        let (line, column) = match before.iter().rposition(|&b| b == b'\n') {
            Some(newline) => (
                self.newlines + count_newlines(before) + 1,
                count_chars(&before[newline + 1..]) + 1,
            ),
            None => (
                self.newlines + 1,
                self.chars_in_line + count_chars(before) + 1,
            ),
        };
        io::Error::new(io::ErrorKind::InvalidData, NotUtf8 { line, column })
    }

    /// Checks that `chunk` continues valid UTF-8, carrying a split character to the next read.
    fn validate(&mut self, chunk: &[u8]) -> io::Result<()> {
        let mut start = 0;
        while !self.pending.is_empty() {
            let Some(&byte) = chunk.get(start) else {
                return Ok(());
            };
            self.pending.push(byte);
            start += 1;
            match std::str::from_utf8(&self.pending) {
                Ok(_) => self.pending.clear(),
                Err(e) if e.error_len().is_some() => return Err(self.not_utf8(chunk, 0)),
                Err(_) => {}
            }
        }
        match std::str::from_utf8(&chunk[start..]) {
            Ok(_) => Ok(()),
            Err(e) if e.error_len().is_some() => Err(self.not_utf8(chunk, start + e.valid_up_to())),
            Err(e) => {
                self.pending = chunk[start + e.valid_up_to()..].to_vec();
                Ok(())
            }
        }
    }
}

impl Read for TextReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if !self.started {
            self.started = true;
            if self.inner.fill_buf()?.starts_with(b"\xEF\xBB\xBF") {
                self.inner.consume(3);
                self.progress.advance(3);
            }
        }
        if std::mem::take(&mut self.after_cr) && self.inner.fill_buf()?.first() == Some(&b'\n') {
            self.inner.consume(1);
            self.progress.advance(1);
        }
        let available = self.inner.fill_buf()?;
        if available.is_empty() {
            if !self.pending.is_empty() {
                let chunk = std::mem::take(&mut self.pending);
                return Err(self.not_utf8(&chunk, 0));
            }
            return Ok(0);
        }
        let mut len = available.len().min(buf.len());
        if self.by_line
            && let Some(end) = memchr::memchr2(b'\n', b'\r', &available[..len])
        {
            let crlf = available[end] == b'\r' && available.get(end + 1) == Some(&b'\n');
            len = (end + 1 + usize::from(crlf)).min(len);
        }
        let chunk = &available[..len];
        buf[..len].copy_from_slice(chunk);
        if self.lone_cr {
            self.after_cr = lone_crs_to_lf(&mut buf[..len]);
        }
        self.validate(&buf[..len])?;
        if let Some(nesting) = &mut self.nesting
            && let Some(at) = nesting.scan(&buf[..len])
        {
            let line = self.newlines + count_newlines(&buf[..at]) + 1;
            return Err(io::Error::other(format!(
                "brackets or parentheses nest more than {} deep (line {line})",
                nesting.limit()
            )));
        }
        let chunk = &buf[..len];
        self.line.set(self.newlines + 1);
        match chunk.iter().rposition(|&b| b == b'\n') {
            Some(newline) => {
                self.newlines += count_newlines(chunk);
                self.chars_in_line = count_chars(&chunk[newline + 1..]);
            }
            None => self.chars_in_line += count_chars(chunk),
        }
        self.inner.consume(len);
        self.progress.advance(len as u64);
        Ok(len)
    }
}

fn count_newlines(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}

/// Turns each CR not followed by LF into LF. A CR at the very end is turned too, and the
/// answer is true: an LF starting the next read completes that CR LF and must be skipped.
fn lone_crs_to_lf(bytes: &mut [u8]) -> bool {
    let mut at_end = false;
    let mut from = 0;
    while let Some(found) = memchr::memchr(b'\r', &bytes[from..]) {
        let at = from + found;
        from = at + 1;
        match bytes.get(at + 1) {
            Some(b'\n') => {}
            Some(_) => bytes[at] = b'\n',
            None => {
                bytes[at] = b'\n';
                at_end = true;
            }
        }
    }
    at_end
}

/// Characters in UTF-8 bytes: every byte that does not continue a character starts one.
fn count_chars(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8], by_line: bool) -> io::Result<Vec<u8>> {
        let input = Input::from_bytes("t", bytes, "file:///t", RdfFormat::Turtle);
        let mut reader = input.open(&Progress::hidden(), by_line).unwrap();
        let mut out = Vec::new();
        reader.read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn skips_a_bom_and_keeps_the_rest() {
        assert_eq!(
            read_all(b"\xEF\xBB\xBF<a> <b> <c> .", false).unwrap(),
            b"<a> <b> <c> ."
        );
    }

    #[test]
    fn reports_the_line_and_column_of_a_byte_that_is_not_utf8() {
        let error = read_all(b"ok\n\xC3\xA9t\xC3\xA9 \xFF", true).unwrap_err();
        let inner = error.get_ref().unwrap().downcast_ref::<NotUtf8>().unwrap();
        assert_eq!((inner.line, inner.column), (2, 5));
    }

    #[test]
    fn a_character_split_between_reads_is_valid() {
        // 500 kB of 3-byte characters: some fall across the 256 KiB buffer's boundary.
        let text = "a\u{20ac}b\n".repeat(100_000);
        assert_eq!(read_all(text.as_bytes(), false).unwrap(), text.as_bytes());
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_as_a_line_feed() {
        assert_eq!(
            read_all(b"a\rb\r\nc\r\rd\r", false).unwrap(),
            b"a\nb\r\nc\n\nd\n"
        );
        // CR LF split between two reads stays one line end; here every read is one line.
        assert_eq!(read_all(b"a\r\nb\rc\n", true).unwrap(), b"a\r\nb\nc\n");
        // 300 kB of CR LF lines: one CR LF falls across the 256 KiB buffer's boundary and is
        // handed on as one LF; every line is still one line.
        let text = "abc\r\n".repeat(60_000);
        let read = String::from_utf8(read_all(text.as_bytes(), false).unwrap()).unwrap();
        assert_eq!(read.matches('\n').count(), 60_000);
        assert_eq!(read.replace("\r\n", "\n"), "abc\n".repeat(60_000));
    }

    #[test]
    fn pieces_end_at_line_feeds_and_cover_the_document() {
        let text = "<a> <b> <c> .\n".repeat(1000);
        let input = Input::from_bytes("t", text.as_bytes(), "file:///t", RdfFormat::NTriples);
        let parts = input.split_lines(3).unwrap();
        assert_eq!(parts.len(), 3);
        let mut joined = Vec::new();
        for part in &parts {
            assert!(part.end == input.len || text.as_bytes()[part.end as usize - 1] == b'\n');
            let mut reader = input
                .open_part(&Progress::hidden(), false, part.clone())
                .unwrap();
            reader.read_to_end(&mut joined).unwrap();
        }
        assert_eq!(joined, text.as_bytes());
        // A document with no line feed is one piece.
        let one = Input::from_bytes("t", b"<a> <b> <c> .", "file:///t", RdfFormat::NTriples);
        assert_eq!(
            one.split_lines(4).unwrap(),
            std::iter::once(0..13).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_truncated_character_at_the_end_is_an_error() {
        assert!(read_all(b"abc\xE2\x82", false).is_err());
    }
}
