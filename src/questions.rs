//! The library of named questions: `queries/NAME.rq`, each opening with a comment header.
//!
//! ```text
//! # question: Who was in the CSTO on a given day?
//! # at: ?day (default 2022-12-24)
//! ```
//! `question` is what `pacta ask` lists; `at` names the variable that `--at DATE` binds and the
//! date used when `--at` is not given. A question without `at` takes no date.

use crate::embedded::{EmbeddedFile, QUESTION_FILES};
use crate::error::{Error, Result};
use oxigraph::model::{Literal, vocab::xsd};
use std::str::FromStr;

/// One named question.
#[derive(Debug, Clone)]
pub struct Question {
    /// File stem: what `pacta ask NAME` takes.
    pub name: &'static str,
    /// The question in words.
    pub question: String,
    /// The variable `--at` binds, and its default date.
    pub at: Option<AtBinding>,
    /// Where the query lives, for error messages.
    pub path: &'static str,
    /// The SPARQL text.
    pub sparql: &'static str,
}

/// What `--at` binds in a question.
#[derive(Debug, Clone)]
pub struct AtBinding {
    /// The variable, without `?`.
    pub variable: String,
    /// The date used when `--at` is absent.
    pub default: Option<String>,
}

impl Question {
    fn from_file(file: &'static EmbeddedFile) -> Self {
        let name = file
            .path
            .rsplit('/')
            .next()
            .and_then(|f| f.strip_suffix(".rq"))
            .unwrap_or(file.path);
        let mut question = String::new();
        let mut at = None;
        for line in file.text.lines().take_while(|l| l.starts_with('#')) {
            let line = line.trim_start_matches('#').trim();
            if let Some(text) = line.strip_prefix("question:") {
                question = text.trim().to_owned();
            } else if let Some(text) = line.strip_prefix("at:") {
                at = AtBinding::parse(text);
            }
        }
        Self {
            name,
            question,
            at,
            path: file.path,
            sparql: file.text,
        }
    }

    /// The SPARQL to run: the date (`--at`, else the default) written in place of the
    /// question's `at` variable.
    ///
    /// Oxigraph substitutes only variables that a query projects, and these questions filter
    /// on the date without returning it, so the date goes into the text instead.
    pub fn sparql_at(&self, at: Option<&str>) -> Result<String> {
        match (&self.at, at) {
            (None, Some(_)) => Err(Error::Usage(format!(
                "question '{}' does not depend on a date; drop --at",
                self.name
            ))),
            (None, None) => Ok(self.sparql.to_owned()),
            (Some(binding), at) => {
                let Some(date) = at.or(binding.default.as_deref()) else {
                    return Err(Error::Usage(format!(
                        "question '{}' needs a date: add --at YYYY-MM-DD",
                        self.name
                    )));
                };
                Ok(substitute(
                    self.sparql,
                    &binding.variable,
                    &date_literal(date)?.to_string(),
                ))
            }
        }
    }
}

impl AtBinding {
    fn parse(text: &str) -> Option<Self> {
        let variable = text
            .split_whitespace()
            .next()?
            .strip_prefix('?')?
            .to_owned();
        let default = text
            .split_once("default")
            .and_then(|(_, rest)| {
                rest.split(|c: char| !(c.is_ascii_digit() || c == '-'))
                    .find(|s| !s.is_empty())
            })
            .map(str::to_owned);
        Some(Self { variable, default })
    }
}

/// An `xsd:date` literal for a calendar day, rejecting days that do not exist (2022-02-30).
pub fn date_literal(text: &str) -> Result<Literal> {
    let well_formed = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !well_formed || oxsdatatypes::Date::from_str(text).is_err() {
        return Err(Error::InvalidDate(text.to_owned()));
    }
    Ok(Literal::new_typed_literal(text, xsd::DATE))
}

/// Replaces the variable `?name` (or `$name`) with `value` wherever it is a variable: not in
/// comments, strings or IRIs, and not where it is only the start of a longer name.
fn substitute(sparql: &str, name: &str, value: &str) -> String {
    let chars: Vec<char> = sparql.chars().collect();
    let is_name_char = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = String::with_capacity(sparql.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let skip_to = match c {
            '#' => chars[i..]
                .iter()
                .position(|&c| c == '\n')
                .map_or(chars.len(), |p| i + p),
            '"' | '\'' => {
                let mut j = i + 1;
                while j < chars.len() && chars[j] != c {
                    j += if chars[j] == '\\' { 2 } else { 1 };
                }
                (j + 1).min(chars.len())
            }
            '<' => chars[i + 1..]
                .iter()
                .position(|&c| c == '>' || c.is_whitespace())
                .filter(|&p| p > 0 && chars[i + 1 + p] == '>')
                .map_or(i + 1, |p| i + p + 2),
            '?' | '$' => {
                let end = chars[i + 1..]
                    .iter()
                    .position(|&c| !is_name_char(c))
                    .map_or(chars.len(), |p| i + 1 + p);
                if chars[i + 1..end].iter().collect::<String>() == name {
                    out.push_str(value);
                    i = end;
                    continue;
                }
                end.max(i + 1)
            }
            _ => i + 1,
        };
        out.extend(&chars[i..skip_to]);
        i = skip_to;
    }
    out
}

/// Every named question, sorted by name.
pub fn all() -> Vec<Question> {
    QUESTION_FILES.iter().map(Question::from_file).collect()
}

/// The question called `name`.
pub fn find(name: &str) -> Result<Question> {
    all()
        .into_iter()
        .find(|q| q.name == name)
        .ok_or_else(|| Error::UnknownQuestion(name.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_calendar_days() {
        assert!(date_literal("2022-12-24").is_ok());
        assert!(date_literal("2024-02-29").is_ok());
        for bad in [
            "2022-02-30",
            "2023-02-29",
            "2022-13-01",
            "22-12-24",
            "yesterday",
            "2022-1-01",
        ] {
            assert!(date_literal(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn substitution_replaces_only_the_variable() {
        let text = "# ?day in a comment\nSELECT ?dayx WHERE { ?s <http://x/?day> \"?day\" FILTER(?d <= ?day && $day) }";
        let out = substitute(text, "day", "D");
        assert_eq!(
            out,
            "# ?day in a comment\nSELECT ?dayx WHERE { ?s <http://x/?day> \"?day\" FILTER(?d <= D && D) }"
        );
    }

    #[test]
    fn at_header_names_variable_and_default() {
        let binding = AtBinding::parse(" ?day (default 2022-12-24, the essay's date)").unwrap();
        assert_eq!(binding.variable, "day");
        assert_eq!(binding.default.as_deref(), Some("2022-12-24"));
    }

    #[test]
    fn every_question_has_a_header() {
        for question in all() {
            assert!(
                !question.question.is_empty(),
                "{} has no `# question:` line",
                question.path
            );
        }
    }
}
