//! Time expressions, found and resolved against the report's date.
//!
//! Recognition ([`recognize()`]) finds absolute dates, weekdays, deictic
//! words, counted offsets and periods in the title and each sentence;
//! resolution ([`resolve`]) walks them in reading order, so that a relative
//! expression can lean on the time mentioned before it.
//!
//! Values follow the contract: a point is ISO 8601 at its precision
//! (`2017-06-22`, `2017-W25`, `2017-06`, `2017-SU`, `2017`), with `range`
//! when only part of it is meant (`mid-June`); a period (`the past two
//! weeks`, `since March 2011`, `May 15-24`) is an ISO 8601 interval
//! `from/to` of days, with the same days in `range`. Durations (`two
//! years`: `P2Y`) and clock times (`10 a.m.`: `T10:00`) are time expressions
//! too, but no dates: their precision is null.

pub mod lexicon;
pub mod recognize;
pub mod resolve;

use chrono::{Datelike, NaiveDate};

use self::recognize::{Candidate, Expr, recognize};
use self::resolve::{Context, Outcome};
use crate::calendar::IsoDate;
use crate::model::{DateRange, Time};
use crate::read::Report;
use crate::segment::Sentences;

/// The times of one report, and what kept some of them unresolved.
#[derive(Debug, Clone, Default)]
pub struct TimeTags {
    pub times: Vec<Time>,
    pub warnings: Vec<String>,
}

/// How far into the body a full date may start and still be the date the
/// report gives itself (`AFP Friday 22 Jul 2016 ...`, after a repeated headline).
const BODY_DATE_REACH: usize = 250;

/// Words before a date that make it part of the story, not the report's own date.
const STORY_CUES: &[&str] =
    &["on", "in", "since", "until", "from", "by", "of", "to", "before", "after", "between", "and"];

/// Every time expression in the title and sentences, in order, resolved.
pub fn tag_times(report: &Report, _sentences: &Sentences) -> TimeTags {
    let text = report.text.as_str();
    let mut candidates: Vec<Candidate> = Vec::new();
    if let Some(title) = &report.title_range {
        recognize(text, title.clone(), &mut candidates);
    }
    // Whole paragraphs at a time: a regex call per sentence would cost more
    // than the matching; an expression never spans two paragraphs.
    for p in &report.paragraphs {
        // A title that is also the first line of the body is not read twice.
        let start = report.title_range.as_ref().map_or(p.start, |t| p.start.max(t.end));
        if start < p.end {
            recognize(text, start..p.end, &mut candidates);
        }
    }

    let mut ctx =
        Context { document: document_date(report, &candidates), publication: report.date, ..Context::default() };
    let mut out = TimeTags::default();
    let mut no_date: Vec<String> = Vec::new();
    for c in &candidates {
        let i = out.times.len();
        let span = report.text.span(c.range.clone());
        let time = match ctx.resolve(&c.expr, c.future) {
            Outcome::Point(p, anchor) => {
                ctx.last_point = Some((i, p));
                if p.precision == crate::model::Precision::Day {
                    ctx.last_day = Some((i, p.from));
                }
                // Only a full date stated outright gives a year to the dates
                // after it: `in 2012` may be history in a report of 2016.
                if p.precision == crate::model::Precision::Day && anchor.is_none() {
                    ctx.last_year = Some((i, p.from.year()));
                }
                let range = p.narrowed.then_some(DateRange { from: p.from, to: p.to });
                Time { span, value: Some(p.value()), precision: Some(p.precision), range, anchor }
            }
            Outcome::Period { from, to, precision, anchor } => {
                if anchor.is_none() && precision == crate::model::Precision::Day {
                    ctx.last_year = Some((i, to.year()));
                }
                Time {
                    span,
                    value: Some(period_value(from, to)),
                    precision: Some(precision),
                    range: Some(DateRange { from, to }),
                    anchor,
                }
            }
            Outcome::Other(value) => Time { span, value: Some(value), precision: None, range: None, anchor: None },
            Outcome::Unresolved(why) => {
                if why == "the report has no date" {
                    no_date.push(span.text.clone());
                } else {
                    out.warnings.push(format!("the time expression {:?} is left unresolved: {why}", span.text));
                }
                Time { span, value: None, precision: None, range: None, anchor: None }
            }
        };
        out.times.push(time);
    }
    if !no_date.is_empty() {
        let shown: Vec<String> = no_date.iter().take(3).map(|t| format!("{t:?}")).collect();
        let more = if no_date.len() > 3 { ", ..." } else { "" };
        out.warnings.push(format!(
            "{} time expression{} ({}{more}) left unresolved: the report has no date (--date YYYY-MM-DD supplies one)",
            no_date.len(),
            if no_date.len() == 1 { " is" } else { "s are" },
            shown.join(", "),
        ));
    }
    out
}

/// A period's value, `from/to` (`2017-06-09/2017-06-23`), put together
/// piece by piece: `format!` costs several times as much.
fn period_value(from: NaiveDate, to: NaiveDate) -> String {
    let mut value = String::with_capacity("YYYY-MM-DD/YYYY-MM-DD".len());
    IsoDate(from).push_to(&mut value);
    value.push('/');
    IsoDate(to).push_to(&mut value);
    value
}

/// The date the report was written on: the body's own date when it states
/// one (the dateline, or a full date right at the start of the body), else
/// the publication date.
fn document_date(report: &Report, candidates: &[Candidate]) -> Option<(NaiveDate, &'static str)> {
    if let Some(d) = report.dateline_date {
        return Some((d, "dateline"));
    }
    let text = report.text.as_str();
    let body_start =
        text.get(report.body.clone()).map_or(report.body.start, |b| b.len() - b.trim_start().len()) + report.body.start;
    // The first full date near the top of the body, unless the story is
    // already telling something (`On 5 May 2015 ...`).
    let opening = candidates
        .iter()
        .filter(|c| c.range.start >= body_start && c.range.start - body_start <= BODY_DATE_REACH)
        .find(|c| matches!(c.expr, Expr::Date { year: Some(_), day_to: None, .. } | Expr::AmbiguousNumeric { .. }));
    if let Some(c) = opening {
        let before = text.get(body_start..c.range.start).unwrap_or("");
        let prev = before.split_whitespace().next_back().map(str::to_lowercase);
        let told = prev.is_some_and(|w| STORY_CUES.contains(&w.as_str()));
        let date = match c.expr {
            Expr::Date { year: Some(y), month, day, .. } => NaiveDate::from_ymd_opt(y, month, day),
            // Either reading may be the header's date; otherwise the order stays unknown.
            Expr::AmbiguousNumeric { a, b, year } => {
                [NaiveDate::from_ymd_opt(year, b, a), NaiveDate::from_ymd_opt(year, a, b)]
                    .into_iter()
                    .flatten()
                    .find(|d| Some(*d) == report.date)
            }
            _ => None,
        };
        if !told && let Some(d) = date {
            return Some((d, "body date"));
        }
    }
    report.date.map(|d| (d, "document"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{Content, RawReport, ReadOptions, read};
    use crate::segment::segment;

    fn tag(text: &str) -> TimeTags {
        let raw = RawReport { id: "t".into(), path: None, content: Content::Bytes(text.as_bytes().to_vec()) };
        let report = read(raw, &ReadOptions::default()).unwrap();
        tag_times(&report, &segment(&report))
    }

    fn values(tags: &TimeTags) -> Vec<(String, Option<String>)> {
        tags.times.iter().map(|t| (t.span.text.clone(), t.value.clone())).collect()
    }

    #[test]
    fn seed_like_report() {
        let tags = tag(concat!(
            " date 2017-06-23 Forces lay siege on Raqqa\n\n",
            "The SDF completed a siege on Raqqa, a source told Xinhua Thursday.\n\n",
            "Talks may resume over the next 24 hours, the source said.\n\n",
            "Earlier in the day, the SDF said its troops captured the southern bank.\n\n",
            "Since unleashing its offensive two weeks ago, the SDF captured four neighborhoods.\n",
        ));
        let got = values(&tags);
        assert_eq!(got[0], ("Thursday".into(), Some("2017-06-22".into())));
        assert_eq!(got[1], ("the next 24 hours".into(), Some("2017-06-22/2017-06-23".into())));
        assert_eq!(got[2], ("Earlier in the day".into(), Some("2017-06-22".into())));
        assert_eq!(tags.times[2].anchor.as_deref(), Some("time 0 (2017-06-22)"));
        assert_eq!(got[3], ("two weeks ago".into(), Some("2017-06-09".into())));
        assert_eq!(tags.times[0].anchor.as_deref(), Some("document 2017-06-23"));
    }

    #[test]
    fn the_body_date_wins_over_the_header() {
        let tags =
            tag(" date 2016-06-13 Bombing kills 31\n\nPublished June 3 2016 Raids killed 31 civilians Friday.\n");
        let friday = tags.times.iter().find(|t| t.span.text == "Friday").unwrap();
        assert_eq!(friday.value.as_deref(), Some("2016-06-03"));
        assert_eq!(friday.anchor.as_deref(), Some("dateline 2016-06-03"));
        let tags = tag(
            " date 2016-07-29 Blast kills 38\n\nAFP Friday 22 Jul 2016 A monitor said the blast on Thursday killed 38.\n",
        );
        let thursday = tags.times.iter().find(|t| t.span.text == "Thursday").unwrap();
        assert_eq!(thursday.value.as_deref(), Some("2016-07-21"));
        assert_eq!(thursday.anchor.as_deref(), Some("body date 2016-07-22"));
    }

    #[test]
    fn no_date_leaves_values_null_and_says_why() {
        let tags = tag("Air strikes hit the city on Thursday, activists said.");
        assert_eq!(tags.times.len(), 1);
        assert_eq!(tags.times[0].value, None);
        assert!(tags.warnings[0].contains("the report has no date"), "{:?}", tags.warnings);
    }
}
