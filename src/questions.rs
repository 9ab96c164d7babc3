//! The library of named questions: `queries/NAME.rq`, each opening with a comment header.
//!
//! ```text
//! # question: Who was in the CSTO on a given day?
//! # at: ?day (default 2022-12-24)
//! ```
//! `question` is what `pacta ask` lists; `at` names the variable that `--at DATE` binds and the
//! date used when `--at` is not given. A question without `at` takes no date.

use crate::dates::{date_literal, substitute};
use crate::embedded::{EmbeddedFile, QUESTION_FILES};
use crate::error::{Error, Result};

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
