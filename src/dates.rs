//! Calendar days: parsing `--at` dates, today's date, and writing a date into a query.

use crate::error::{Error, Result};
use oxigraph::model::{Literal, vocab::xsd};
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

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

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    civil_from_days(i64::try_from(days).unwrap_or(0))
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Replaces the variable `?name` (or `$name`) with `value` wherever it is a variable: not in
/// comments, strings or IRIs, and not where it is only the start of a longer name.
pub fn substitute(sparql: &str, name: &str, value: &str) -> String {
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

/// Writes `date` (checked to be a calendar day) in place of `?day` in a query.
pub fn at_day(sparql: &str, date: &str) -> Result<String> {
    Ok(substitute(sparql, "day", &date_literal(date)?.to_string()))
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
    fn civil_dates_from_day_counts() {
        assert_eq!(civil_from_days(0), "1970-01-01");
        assert_eq!(civil_from_days(19_350), "2022-12-24");
        assert_eq!(civil_from_days(11_016), "2000-02-29");
        assert_eq!(today().len(), 10);
    }
}
