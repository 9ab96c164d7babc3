//! A guard on how deeply `[ ]` and `( )` nest, for rio.
//!
//! rio limits collections to 128 levels but recurses without limit into blank-node property
//! lists, so `[ [ [ ... ] ] ]` a hundred thousand deep overflows its stack and aborts the
//! process. This guard reads the same bytes rio reads, tracking just enough of Turtle's
//! lexical structure (IRIs, strings, comments, escapes) to know which brackets count, and
//! stops the read before rio would go too deep. oxttl, which checks syntax, keeps its own
//! stack on the heap and needs no guard.

/// Where the scanner is in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Normal,
    /// After a backslash outside strings (an escaped character in a local name).
    NormalEscape,
    Iri,
    Comment,
    /// After `n` opening quotes `q`: one or two may be an empty or short string, three long.
    Opening(u8, u8),
    Short(u8),
    ShortEscape(u8),
    /// Inside a long string, after `n` closing quotes `q`.
    Long(u8, u8),
    LongEscape(u8),
}

/// The bytes that change the normal state; every other byte is skipped.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 7 {
        table[b"[(])<#\\"[i] as usize] = true;
        i += 1;
    }
    table[b'"' as usize] = true;
    table[b'\'' as usize] = true;
    table
};

/// Tracks the depth of brackets and parentheses outside IRIs, strings and comments.
#[derive(Debug, Clone)]
pub(super) struct Nesting {
    state: State,
    depth: usize,
    limit: usize,
}

impl Nesting {
    pub fn new(limit: usize) -> Self {
        Self {
            state: State::Normal,
            depth: 0,
            limit,
        }
    }

    /// The deepest nesting allowed.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Scans a chunk; returns the offset of the byte that goes deeper than the limit.
    ///
    /// Most bytes change nothing, so the scanner jumps: with memchr to the end of an IRI,
    /// comment or string, and over ordinary bytes by table lookup.
    pub fn scan(&mut self, bytes: &[u8]) -> Option<usize> {
        let mut offset = 0;
        while offset < bytes.len() {
            let rest = &bytes[offset..];
            let skip = match self.state {
                State::Normal => rest.iter().position(|&b| SPECIAL[usize::from(b)]),
                State::Iri => memchr::memchr(b'>', rest),
                State::Comment => memchr::memchr2(b'\n', b'\r', rest),
                State::Short(quote) | State::Long(quote, 0) => memchr::memchr2(quote, b'\\', rest),
                _ => Some(0),
            };
            let Some(skip) = skip else {
                // Nothing in the rest of the chunk changes the state.
                return None;
            };
            offset += skip;
            self.step(bytes[offset]);
            if self.depth > self.limit {
                return Some(offset);
            }
            offset += 1;
        }
        None
    }

    /// Moves the state on by one byte.
    fn step(&mut self, byte: u8) {
        self.state = match self.state {
            State::Normal => match byte {
                b'[' | b'(' => {
                    self.depth += 1;
                    State::Normal
                }
                b']' | b')' => {
                    self.depth = self.depth.saturating_sub(1);
                    State::Normal
                }
                b'<' => State::Iri,
                b'#' => State::Comment,
                b'"' | b'\'' => State::Opening(byte, 1),
                b'\\' => State::NormalEscape,
                _ => State::Normal,
            },
            State::NormalEscape => State::Normal,
            State::Iri => match byte {
                b'>' => State::Normal,
                _ => State::Iri,
            },
            State::Comment => match byte {
                b'\n' | b'\r' => State::Normal,
                _ => State::Comment,
            },
            State::Opening(quote, 2) if byte == quote => State::Long(quote, 0),
            State::Opening(quote, n) if byte == quote => State::Opening(quote, n + 1),
            // Two quotes then something else: an empty string, now closed; the byte is read
            // as if in the normal state.
            State::Opening(_, 2) => {
                self.state = State::Normal;
                self.step(byte);
                self.state
            }
            State::Opening(quote, _) => Self::short(quote, byte),
            State::Short(quote) => Self::short(quote, byte),
            State::ShortEscape(quote) => State::Short(quote),
            State::Long(quote, n) => match byte {
                b'\\' => State::LongEscape(quote),
                _ if byte == quote && n == 2 => State::Normal,
                _ if byte == quote => State::Long(quote, n + 1),
                _ => State::Long(quote, 0),
            },
            State::LongEscape(quote) => State::Long(quote, 0),
        };
    }

    fn short(quote: u8, byte: u8) -> State {
        match byte {
            b'\\' => State::ShortEscape(quote),
            _ if byte == quote => State::Normal,
            _ => State::Short(quote),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Nesting;

    fn depth(text: &str) -> usize {
        let mut nesting = Nesting::new(usize::MAX);
        nesting.scan(text.as_bytes());
        nesting.depth
    }

    #[test]
    fn counts_brackets_outside_iris_strings_and_comments() {
        assert_eq!(depth("<s> <p> [ <p> ( "), 2);
        assert_eq!(
            depth("<s> <p> \"[[\" , '((' , \"\"\"[ \" ]\"\"\" , <http://x/[> [ "),
            1
        );
        assert_eq!(depth("# [ [ [\n[ "), 1);
        assert_eq!(depth("<s> <p> \"\" [ "), 1);
        assert_eq!(depth("<s> <p> \"a\\\"[\" [ "), 1);
    }

    #[test]
    fn stops_past_the_limit() {
        let mut nesting = Nesting::new(3);
        assert_eq!(nesting.scan(b"[ [ [ ] [ [ "), Some(10));
    }
}
