//! Dated events (wars, pacts, incidents) carried into timelines and charts.
//!
//! The events file (`lexicons/events.toml`) is plain TOML so that a historian can add an event
//! without touching code:
//!
//! ```toml
//! format = 1
//!
//! [[event]]
//! start = "1938-07-29"
//! end = "1938-08-11"
//! label = "Changkufeng (Lake Khasan) fighting"
//! kind = "war"
//! ```
//!
//! Dates may be `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: an event is dated only as precisely as it is
//! known. Unknown keys are rejected (a misspelt `lable` would otherwise vanish silently), and so
//! is an `end` before its `start`. Events keep the order of the file.

use std::path::Path;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::corpus::PartialDate;
use crate::lexicon::LexiconError;
use crate::location::Location;

/// The version of the events file format this build reads.
pub const EVENTS_FORMAT: i64 = 1;

/// A dated event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// First day (or month, or year) of the event.
    pub start: PartialDate,
    /// Last day of an event that lasted; `None` for a single date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
    /// What happened, as shown on charts.
    pub label: String,
    /// Kind of event (`incident`, `war`, `pact`, `diplomacy`), free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

impl Event {
    /// Day number (days since 1970-01-01) of the first day the event covers.
    pub fn start_day(&self) -> i64 {
        self.start.start_day_number()
    }

    /// Day number of the last day the event covers: the end date if given, else the start; a
    /// month- or year-precision date covers its whole month or year.
    pub fn end_day(&self) -> i64 {
        last_day_number(self.end.as_ref().unwrap_or(&self.start))
    }
}

/// Day number of the last day a partial date covers.
fn last_day_number(d: &PartialDate) -> i64 {
    use crate::corpus::{days_from_civil, days_in_month};
    match (d.month, d.day) {
        (Some(m), Some(day)) => days_from_civil(d.year, m, day),
        (Some(m), None) => days_from_civil(d.year, m, days_in_month(d.year, m)),
        _ => days_from_civil(d.year, 12, 31),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    format: toml::Spanned<i64>,
    #[serde(default)]
    event: Vec<RawEvent>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    start: PartialDate,
    #[serde(default)]
    end: Option<toml::Spanned<PartialDate>>,
    label: String,
    #[serde(default)]
    kind: Option<String>,
}

/// Parse an events file. `origin` names the file in error messages
/// (`lexicons/events.toml:12:7: ...`).
pub fn parse_events(text: &str, origin: &Path) -> Result<Vec<Event>, LexiconError> {
    let at = |offset: usize, message: String| {
        let (line, col) = Location::line_col(text, offset);
        LexiconError {
            location: Location::file(origin).at(line, col),
            message,
        }
    };
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let message = e.message().trim().to_string();
        match e.span() {
            Some(span) => at(span.start, message),
            None => LexiconError {
                location: Location::file(origin),
                message,
            },
        }
    })?;
    if *raw.format.get_ref() != EVENTS_FORMAT {
        return Err(at(
            raw.format.span().start,
            format!(
                "events file format {} is not supported; this build reads format = {EVENTS_FORMAT}",
                raw.format.get_ref()
            ),
        ));
    }
    let mut events = Vec::with_capacity(raw.event.len());
    for e in raw.event {
        let end = match e.end {
            Some(end) => {
                // Compare the covered ranges: "1938-08" may end an event that starts on
                // 1938-08-05, but "1938-07-28" may not end one that starts on 1938-07-29.
                if last_day_number(end.get_ref()) < e.start.start_day_number() {
                    return Err(at(
                        end.span().start,
                        format!(
                            "event \"{}\" ends ({}) before it starts ({}); swap start and end",
                            e.label,
                            end.get_ref(),
                            e.start
                        ),
                    ));
                }
                Some(end.into_inner())
            }
            None => None,
        };
        if e.label.trim().is_empty() {
            return Err(LexiconError {
                location: Location::file(origin),
                message: format!("event starting {} has an empty label", e.start),
            });
        }
        events.push(Event {
            start: e.start,
            end,
            label: e.label,
            kind: e.kind,
        });
    }
    Ok(events)
}

static BUILTIN_TEXT: &str = include_str!("../../lexicons/events.toml");

static BUILTIN: LazyLock<Result<Vec<Event>, LexiconError>> =
    LazyLock::new(|| parse_events(BUILTIN_TEXT, Path::new("lexicons/events.toml")));

/// The events shipped with the crate (`lexicons/events.toml`), parsed once.
///
/// The shipped file is checked by a unit test, so the empty fallback is never taken in a
/// released build; returning it rather than panicking keeps the library panic-free.
pub fn builtin_events() -> Vec<Event> {
    match &*BUILTIN {
        Ok(v) => v.clone(),
        Err(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<Event>, LexiconError> {
        parse_events(text, Path::new("events.toml"))
    }

    #[test]
    fn shipped_file_parses() {
        let parsed = parse_events(BUILTIN_TEXT, Path::new("lexicons/events.toml"));
        let events = parsed.unwrap();
        assert_eq!(events, builtin_events());
        let khasan = events
            .iter()
            .find(|e| e.label.contains("Changkufeng"))
            .unwrap();
        assert_eq!(khasan.start, PartialDate::ymd(1938, 7, 29));
        assert_eq!(khasan.end, Some(PartialDate::ymd(1938, 8, 11)));
        assert_eq!(khasan.end_day() - khasan.start_day(), 13);
        assert!(
            events
                .iter()
                .any(|e| e.start == PartialDate::ymd(1941, 4, 13))
        );
    }

    #[test]
    fn month_precision_event_covers_its_month() {
        let ev = parse("format = 1\n[[event]]\nstart = \"1937-06\"\nlabel = \"Amur\"\n").unwrap();
        assert_eq!(ev[0].end_day() - ev[0].start_day(), 29);
    }

    #[test]
    fn unknown_key_is_rejected_with_position() {
        let text = "format = 1\n\n[[event]]\nstart = \"1938-07-29\"\nlable = \"x\"\n";
        let err = parse(text).unwrap_err().to_string();
        assert!(err.starts_with("events.toml:5:1"), "{err}");
        assert!(err.contains("lable"), "{err}");
    }

    #[test]
    fn end_before_start_is_rejected() {
        let text =
            "format = 1\n[[event]]\nstart = \"1938-08-11\"\nend = \"1938-07-29\"\nlabel = \"x\"\n";
        let err = parse(text).unwrap_err().to_string();
        assert!(err.starts_with("events.toml:4:7"), "{err}");
        assert!(err.contains("before it starts"), "{err}");
    }

    #[test]
    fn bad_date_and_format_are_rejected() {
        let err = parse("format = 1\n[[event]]\nstart = \"1938-13-01\"\nlabel = \"x\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("month 13"), "{err}");
        let err = parse("format = 2\n").unwrap_err().to_string();
        assert!(err.starts_with("events.toml:1:10"), "{err}");
        assert!(err.contains("format = 1"), "{err}");
        let err = parse("[[event]]\nstart = \"1938\"\nlabel = \"x\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("format"), "{err}");
    }
}
