//! Resolving expressions against the report's date, the way a careful
//! reader of news does: a weekday in past-tense reporting is the latest such
//! day on or before the report's date, in future-tense context the next one;
//! `earlier in the day` and `three days later` count from the time last
//! mentioned. Never against the wall clock.

use std::fmt::Write;

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

use super::lexicon::HOLIDAYS;
use super::recognize::{Expr, Part, Rel, Season, Unit};
use crate::calendar::IsoDate;
use crate::model::Precision;

/// A stretch of the calendar named at a precision: a day, an ISO week, a
/// month, a season, a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub precision: Precision,
    /// Whether only part of the unit is meant (`mid-June`, a weekend), so
    /// that the range says more than the value.
    pub narrowed: bool,
}

impl Point {
    pub fn day(d: NaiveDate) -> Point {
        Point { from: d, to: d, precision: Precision::Day, narrowed: false }
    }

    fn week(d: NaiveDate) -> Point {
        let monday = d - Duration::days(d.weekday().num_days_from_monday() as i64);
        Point { from: monday, to: monday + Duration::days(6), precision: Precision::Week, narrowed: false }
    }

    fn month(year: i32, month: u32) -> Option<Point> {
        let from = NaiveDate::from_ymd_opt(year, month, 1)?;
        let to = from.checked_add_months(Months::new(1))? - Duration::days(1);
        Some(Point { from, to, precision: Precision::Month, narrowed: false })
    }

    fn year(year: i32) -> Option<Point> {
        Some(Point {
            from: NaiveDate::from_ymd_opt(year, 1, 1)?,
            to: NaiveDate::from_ymd_opt(year, 12, 31)?,
            precision: Precision::Year,
            narrowed: false,
        })
    }

    fn decade(year: i32) -> Option<Point> {
        let start = year - year.rem_euclid(10);
        Some(Point {
            from: NaiveDate::from_ymd_opt(start, 1, 1)?,
            to: NaiveDate::from_ymd_opt(start + 9, 12, 31)?,
            precision: Precision::Decade,
            narrowed: false,
        })
    }

    /// Meteorological seasons of the northern hemisphere; winter is the
    /// one that starts in December of `year`.
    fn season(year: i32, season: Season) -> Option<Point> {
        let (m, len) = match season {
            Season::Spring => (3, 3),
            Season::Summer => (6, 3),
            Season::Autumn => (9, 3),
            Season::Winter => (12, 3),
        };
        let from = NaiveDate::from_ymd_opt(year, m, 1)?;
        let to = from.checked_add_months(Months::new(len))? - Duration::days(1);
        Some(Point { from, to, precision: Precision::Season, narrowed: false })
    }

    /// The point of the same precision that holds `d`.
    fn at(d: NaiveDate, precision: Precision) -> Option<Point> {
        match precision {
            Precision::Day => Some(Point::day(d)),
            Precision::Week => Some(Point::week(d)),
            Precision::Month | Precision::Season => Point::month(d.year(), d.month()),
            Precision::Year => Point::year(d.year()),
            Precision::Decade => Point::decade(d.year()),
        }
    }

    /// The early, middle or late third of the point: of a year, four
    /// months each; of a month, the 1st-10th, 11th-20th and the rest.
    fn part(self, part: Part) -> Point {
        let days = (self.to - self.from).num_days() + 1;
        if part == Part::Whole || days < 3 {
            return self;
        }
        let (from, to) = match self.precision {
            Precision::Year => {
                let y = self.from.year();
                let (a, b) = match part {
                    Part::Early => (1, 4),
                    Part::Mid => (5, 8),
                    _ => (9, 12),
                };
                match (Point::month(y, a), Point::month(y, b)) {
                    (Some(a), Some(b)) => (a.from, b.to),
                    _ => return self,
                }
            }
            Precision::Month => match part {
                Part::Early => (self.from, self.from + Duration::days(9)),
                Part::Mid => (self.from + Duration::days(10), self.from + Duration::days(19)),
                _ => (self.from + Duration::days(20), self.to),
            },
            _ => {
                let third = days / 3;
                match part {
                    Part::Early => (self.from, self.from + Duration::days(third - 1)),
                    Part::Mid => (self.from + Duration::days(third), self.to - Duration::days(third)),
                    _ => (self.to - Duration::days(third - 1), self.to),
                }
            }
        };
        Point { from, to, precision: self.precision, narrowed: true }
    }

    /// The contract's value: ISO 8601 at the point's precision.
    pub fn value(&self) -> String {
        let mut value = String::with_capacity(10);
        self.push_value(&mut value);
        value
    }

    /// Add the point's value to `out`.
    fn push_value(&self, out: &mut String) {
        let d = self.from;
        let written = match self.precision {
            Precision::Day | Precision::Month | Precision::Year => {
                // The date's ISO form, which chrono writes as its `%Y-%m-%d`
                // does (out-of-range years with their sign), cut after the
                // month or the year: cheaper than parsing a format string
                // for every value.
                IsoDate(d).push_to(out);
                let cut = match self.precision {
                    Precision::Month => "-DD".len(),
                    Precision::Year => "-MM-DD".len(),
                    _ => 0,
                };
                out.truncate(out.len() - cut);
                Ok(())
            }
            Precision::Week => {
                let w = d.iso_week();
                write!(out, "{}-W{:02}", w.year(), w.week())
            }
            Precision::Season => {
                let code = match d.month() {
                    3..=5 => "SP",
                    6..=8 => "SU",
                    9..=11 => "FA",
                    _ => "WI",
                };
                write!(out, "{}-{code}", d.year())
            }
            Precision::Decade => write!(out, "{}", d.year() / 10),
        };
        written.expect("a String takes any text");
    }
}

/// `{label} {date}` (`document 2017-06-23`), an anchor put together piece
/// by piece: `format!` costs several times as much for a string this short.
fn dated_anchor(label: &str, d: NaiveDate) -> String {
    let mut anchor = String::with_capacity(label.len() + " YYYY-MM-DD".len());
    anchor.push_str(label);
    anchor.push(' ');
    IsoDate(d).push_to(&mut anchor);
    anchor
}

/// `time {i} ({value})` (`time 3 (2017-06-22)`): the anchor of a time that
/// leans on the report's time `i`, whose value `push_value` adds.
fn time_anchor(i: usize, push_value: impl FnOnce(&mut String)) -> String {
    let mut anchor = String::with_capacity("time 99 (YYYY-MM-DD)".len());
    anchor.push_str("time ");
    anchor.push_str(itoa::Buffer::new().format(i));
    anchor.push_str(" (");
    push_value(&mut anchor);
    anchor.push(')');
    anchor
}

/// What an expression resolved to.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// A day, week, month, ... and what it was resolved against (`None` for
    /// a date that says everything itself).
    Point(Point, Option<String>),
    /// A period from one day to another, at a precision.
    Period { from: NaiveDate, to: NaiveDate, precision: Precision, anchor: Option<String> },
    /// A duration or a time of day: a value that is no date.
    Other(String),
    /// Why it could not be resolved.
    Unresolved(String),
}

/// What the report lets an expression be resolved against.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The date the report was written on, and where it came from
    /// (`document`, `dateline`, `body date`).
    pub document: Option<(NaiveDate, &'static str)>,
    /// The last point resolved (index into the report's times), for
    /// `the following week`, `three days later`.
    pub last_point: Option<(usize, Point)>,
    /// The last day resolved, for `earlier in the day`.
    pub last_day: Option<(usize, NaiveDate)>,
    /// The year of the last full date stated, for `June 22` in a report with no date.
    pub last_year: Option<(usize, i32)>,
    /// The publication date (header, record, `--date`), which may differ
    /// from `document`; it settles `03-08-2016`.
    pub publication: Option<NaiveDate>,
}

const NO_DATE: &str = "the report has no date";

impl Context {
    fn document(&self) -> Result<(NaiveDate, String), String> {
        self.document.map(|(d, kind)| (d, dated_anchor(kind, d))).ok_or_else(|| NO_DATE.to_string())
    }

    /// The day last mentioned, else the report's date.
    fn current_day(&self) -> Result<(NaiveDate, String), String> {
        match self.last_day {
            Some((i, d)) => Ok((d, time_anchor(i, |out| IsoDate(d).push_to(out)))),
            None => self.document(),
        }
    }

    /// The day last mentioned when it is within a week of the report's date
    /// (the moment a source spoke), else the report's date: `the past 24
    /// hours` after a date from years back still counts from the report.
    fn speaking_day(&self) -> Result<(NaiveDate, String), String> {
        match (self.last_day, self.document) {
            (Some((_, d)), Some((doc, _))) if (doc - d).num_days().abs() > 7 => self.document(),
            _ => self.current_day(),
        }
    }

    /// The point last mentioned, else the report's day.
    fn current_point(&self) -> Result<(Point, String), String> {
        match self.last_point {
            Some((i, p)) => Ok((p, time_anchor(i, |out| p.push_value(out)))),
            None => self.document().map(|(d, a)| (Point::day(d), a)),
        }
    }

    /// A year for an expression that leaves it out: chosen around the
    /// report's date, else the year last stated.
    fn pick<F>(&self, future: bool, margin_days: i64, candidate: F) -> Result<(Point, String), String>
    where
        F: Fn(i32) -> Option<Point>,
    {
        match self.document {
            Some((doc, _)) => {
                let (_, anchor) = self.document()?;
                let years = [doc.year() - 1, doc.year(), doc.year() + 1];
                let points = years.iter().filter_map(|&y| candidate(y));
                let margin = Duration::days(margin_days);
                let chosen = if future {
                    points.filter(|p| p.to >= doc - margin).min_by_key(|p| p.from)
                } else {
                    points.filter(|p| p.from <= doc + margin).max_by_key(|p| p.from)
                };
                chosen.map(|p| (p, anchor)).ok_or_else(|| "no such date near the report's date".to_string())
            }
            None => match self.last_year {
                Some((i, y)) => {
                    candidate(y).map(|p| (p, format!("time {i} ({y})"))).ok_or_else(|| "no such date".to_string())
                }
                None => Err(NO_DATE.to_string()),
            },
        }
    }

    /// Resolve one expression; `future` is the tense of its clause (read
    /// only where [`reads_tense`] says so).
    pub fn resolve(&self, expr: &Expr, future: bool) -> Outcome {
        match self.try_resolve(expr, future) {
            Ok(o) => o,
            Err(why) => Outcome::Unresolved(why),
        }
    }

    fn try_resolve(&self, expr: &Expr, future: bool) -> Result<Outcome, String> {
        let point = |p: Point, a: Option<String>| Ok(Outcome::Point(p, a));
        match *expr {
            Expr::Date { year: Some(y), month, day, day_to } => {
                let from = NaiveDate::from_ymd_opt(y, month, day).ok_or("not a real date")?;
                match day_to.and_then(|d| NaiveDate::from_ymd_opt(y, month, d)) {
                    Some(to) => Ok(Outcome::Period { from, to, precision: Precision::Day, anchor: None }),
                    None => point(Point::day(from), None),
                }
            }
            Expr::Date { year: None, month, day, day_to } => {
                let (p, anchor) = self.pick(future, 14, |y| NaiveDate::from_ymd_opt(y, month, day).map(Point::day))?;
                match day_to.and_then(|d| NaiveDate::from_ymd_opt(p.from.year(), month, d)) {
                    Some(to) => {
                        Ok(Outcome::Period { from: p.from, to, precision: Precision::Day, anchor: Some(anchor) })
                    }
                    None => point(p, Some(anchor)),
                }
            }
            Expr::AmbiguousNumeric { a, b, year } => {
                // The reading that is the report's own date, if one is.
                let readings = [NaiveDate::from_ymd_opt(year, b, a), NaiveDate::from_ymd_opt(year, a, b)];
                let known = [self.document.map(|(d, _)| d), self.publication];
                match readings.iter().flatten().find(|r| known.contains(&Some(**r))) {
                    Some(&d) => point(Point::day(d), Some(dated_anchor("report date", d))),
                    None => Err("its day and month could be either way round".into()),
                }
            }
            Expr::Month { year: None, month, part, year_offset: Some(offset), .. } => {
                let (doc, anchor) = self.document()?;
                point(Point::month(doc.year() + offset, month).ok_or("not a real month")?.part(part), Some(anchor))
            }
            Expr::Month { year: Some(y), month, part, .. } => {
                point(Point::month(y, month).ok_or("not a real month")?.part(part), None)
            }
            Expr::Month { year: None, month, part, rel, year_offset: None } => {
                let (p, anchor) = match (rel, self.document) {
                    (Some(Rel::Last | Rel::Next), Some((doc, _))) => {
                        let (_, anchor) = self.document()?;
                        let this = Point::month(doc.year(), doc.month()).ok_or("not a real month")?;
                        let years = [doc.year() - 1, doc.year(), doc.year() + 1];
                        let mut points = years.iter().filter_map(|&y| Point::month(y, month));
                        let p = if rel == Some(Rel::Last) {
                            points.filter(|p| p.from < this.from).max_by_key(|p| p.from)
                        } else {
                            points.find(|p| p.from > this.from)
                        };
                        (p.ok_or("no such month")?, anchor)
                    }
                    (Some(Rel::This), Some((doc, _))) => {
                        (Point::month(doc.year(), month).ok_or("not a real month")?, self.document()?.1)
                    }
                    _ => self.pick(future, 0, |y| Point::month(y, month))?,
                };
                point(p.part(part), Some(anchor))
            }
            Expr::Year { year, part } => point(Point::year(year).ok_or("not a real year")?.part(part), None),
            Expr::Decade { year } => point(Point::decade(year).ok_or("not a real year")?, None),
            Expr::Season { year: Some(y), season, .. } => {
                point(Point::season(y, season).ok_or("not a real year")?, None)
            }
            Expr::Season { year: None, season, rel } => {
                let (doc, anchor) = self.document()?;
                let years = [doc.year() - 2, doc.year() - 1, doc.year(), doc.year() + 1];
                let mut points = years.iter().filter_map(|&y| Point::season(y, season));
                let p = match rel {
                    Some(Rel::Last) => points.filter(|p| p.to < doc).max_by_key(|p| p.from),
                    Some(Rel::Next) => points.find(|p| p.from > doc),
                    _ if future => points.find(|p| p.to >= doc),
                    _ => points.filter(|p| p.from <= doc).max_by_key(|p| p.from),
                };
                point(p.ok_or("no such season")?, Some(anchor))
            }
            Expr::Weekday { weekday, rel } => {
                let (doc, anchor) = self.document()?;
                let d = match rel {
                    Some(Rel::Last) => weekday_before(doc - Duration::days(1), weekday),
                    Some(Rel::Next) => weekday_after(doc + Duration::days(1), weekday),
                    _ if future => weekday_after(doc, weekday),
                    _ => weekday_before(doc, weekday),
                };
                point(Point::day(d), Some(anchor))
            }
            Expr::Deictic { days } => {
                let (doc, anchor) = self.document()?;
                point(Point::day(doc + Duration::days(days)), Some(anchor))
            }
            Expr::SameDay { days } => {
                let (day, anchor) = self.current_day()?;
                point(Point::day(day + Duration::days(days)), Some(anchor))
            }
            Expr::Calendar { unit, offset, part, anaphoric } => {
                let (reference, anchor) = if anaphoric {
                    let (p, a) = self.current_point()?;
                    (p.from, a)
                } else {
                    self.document()?
                };
                let p = calendar_unit(reference, unit, offset, future).ok_or("no such date")?;
                point(p.part(part), Some(anchor))
            }
            Expr::Offset { n, unit, anaphoric } => {
                let (reference, anchor) = if anaphoric {
                    self.current_point()?
                } else {
                    let (d, a) = self.document()?;
                    (Point::day(d), a)
                };
                let (d, precision) = shift(reference.from, n, unit).ok_or("no such date")?;
                let precision = precision.max(reference.precision);
                point(Point::at(d, precision).ok_or("no such date")?, Some(anchor))
            }
            Expr::Period { n, unit, anaphoric } => {
                // Hours are counted from the moment of speaking: the day last
                // mentioned (`told Xinhua Thursday ... over the next 24 hours`).
                let short = unit == Unit::Hour || (unit == Unit::Day && n.abs() <= 2);
                let (reference, anchor) = if anaphoric {
                    let (p, a) = self.current_point()?;
                    (if n < 0 { p.from } else { p.to }, a)
                } else if short {
                    self.speaking_day()?
                } else {
                    self.document()?
                };
                let other = match unit {
                    Unit::Hour => reference + Duration::days((n.abs() + 23) / 24 * n.signum()),
                    _ => shift(reference, n, unit).ok_or("no such date")?.0,
                };
                // A period is as precise as the unit it is counted in.
                let precision = match unit {
                    Unit::Hour | Unit::Day => Precision::Day,
                    Unit::Week | Unit::Weekend => Precision::Week,
                    Unit::Month => Precision::Month,
                    Unit::Year => Precision::Year,
                    Unit::Decade => Precision::Decade,
                };
                let (from, to) = if n < 0 { (other, reference) } else { (reference, other) };
                Ok(Outcome::Period { from, to, precision, anchor: Some(anchor) })
            }
            Expr::Holiday { index, year, rel } => {
                let holiday = HOLIDAYS.get(index).ok_or("unknown holiday")?;
                let in_year = |y: i32| {
                    holiday.in_year(y).map(|(from, to)| {
                        if from == to {
                            Point::day(from)
                        } else {
                            Point { from, to, precision: Precision::Month, narrowed: true }
                        }
                    })
                };
                let (p, anchor) = match year {
                    Some(y) => {
                        (in_year(y).ok_or_else(|| format!("no date is known for {} in {y}", holiday.name))?, None)
                    }
                    None => {
                        let future = match rel {
                            Some(Rel::Next) => true,
                            Some(Rel::Last) => false,
                            _ => future,
                        };
                        let (p, a) = self.pick(future, 0, in_year)?;
                        (p, Some(a))
                    }
                };
                if holiday.is_period() {
                    Ok(Outcome::Period { from: p.from, to: p.to, precision: Precision::Day, anchor })
                } else {
                    point(p, anchor)
                }
            }
            Expr::Duration { ref value } | Expr::Clock { ref value } => Ok(Outcome::Other(value.clone())),
            Expr::Since(ref inner) => {
                let (from, precision) = match self.try_resolve(inner, false)? {
                    Outcome::Point(p, _) => (p.from, p.precision),
                    Outcome::Period { from, precision, .. } => (from, precision),
                    Outcome::Unresolved(why) => return Err(why),
                    Outcome::Other(_) => return Err("it is no date".into()),
                };
                let (doc, anchor) = self.document()?;
                Ok(Outcome::Period { from, to: doc.max(from), precision, anchor: Some(anchor) })
            }
            Expr::Between(ref a, ref b) => {
                let span = |o: Outcome| match o {
                    Outcome::Point(p, a) => Ok((p.from, p.to, p.precision, a)),
                    Outcome::Period { from, to, precision, anchor } => Ok((from, to, precision, anchor)),
                    Outcome::Unresolved(why) => Err(why),
                    Outcome::Other(_) => Err("it is no date".to_string()),
                };
                let (from, _, pa, anchor_a) = span(self.try_resolve(a, future)?)?;
                let (_, to, pb, anchor_b) = span(self.try_resolve(b, future)?)?;
                // `between March and May 2016`: the first end borrows the year of the second.
                let from =
                    if from > to { from.with_year(to.year()).filter(|f| *f <= to).unwrap_or(from) } else { from };
                if from > to {
                    return Err("its start is after its end".into());
                }
                Ok(Outcome::Period { from, to, precision: pa.max(pb), anchor: anchor_a.or(anchor_b) })
            }
        }
    }
}

/// Whether resolving `expr` reads the tense of its clause: only
/// expressions that leave out their year, or name a weekday or weekend,
/// fall forward in future-tense context. The tense of all others need not
/// be read (`is_future` reads a dozen words around each expression).
pub fn reads_tense(expr: &Expr) -> bool {
    match expr {
        Expr::Date { year, .. } | Expr::Season { year, .. } | Expr::Holiday { year, .. } => year.is_none(),
        Expr::Month { year: None, year_offset: None, .. } | Expr::Weekday { .. } => true,
        Expr::Calendar { unit, .. } => *unit == Unit::Weekend,
        Expr::Between(a, b) => reads_tense(a) || reads_tense(b),
        // `since` resolves what follows it in the past.
        Expr::Since(_) => false,
        Expr::Month { .. }
        | Expr::AmbiguousNumeric { .. }
        | Expr::Year { .. }
        | Expr::Decade { .. }
        | Expr::Deictic { .. }
        | Expr::SameDay { .. }
        | Expr::Offset { .. }
        | Expr::Period { .. }
        | Expr::Duration { .. }
        | Expr::Clock { .. } => false,
    }
}

/// The latest `weekday` on or before `d`.
fn weekday_before(d: NaiveDate, weekday: Weekday) -> NaiveDate {
    let back = (7 + d.weekday().num_days_from_monday() as i64 - weekday.num_days_from_monday() as i64) % 7;
    d - Duration::days(back)
}

/// The earliest `weekday` on or after `d`.
fn weekday_after(d: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() as i64 - d.weekday().num_days_from_monday() as i64) % 7;
    d + Duration::days(ahead)
}

/// `d` moved by `n` units, and the precision the result is known to.
fn shift(d: NaiveDate, n: i64, unit: Unit) -> Option<(NaiveDate, Precision)> {
    let months = |m: i64| {
        if m >= 0 {
            d.checked_add_months(Months::new(m as u32))
        } else {
            d.checked_sub_months(Months::new((-m) as u32))
        }
    };
    Some(match unit {
        Unit::Hour => (d + Duration::days(n / 24), Precision::Day),
        Unit::Day => (d + Duration::days(n), Precision::Day),
        Unit::Week | Unit::Weekend => (d + Duration::days(7 * n), Precision::Day),
        Unit::Month => (months(n)?, Precision::Month),
        Unit::Year => (months(12 * n)?, Precision::Year),
        Unit::Decade => (months(120 * n)?, Precision::Year),
    })
}

/// `this week` (offset 0), `last month` (-1), `next year` (1) around `d`.
fn calendar_unit(d: NaiveDate, unit: Unit, offset: i64, future: bool) -> Option<Point> {
    match unit {
        Unit::Week => Some(Point::week(d + Duration::days(7 * offset))),
        Unit::Weekend => {
            // The weekend `d` is in or, outside one, the last one (the next
            // one in future-tense context).
            let in_weekend = matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
            let saturday =
                if in_weekend || !future { weekday_before(d, Weekday::Sat) } else { weekday_after(d, Weekday::Sat) };
            let saturday = match offset {
                0 => saturday,
                o if o < 0 => saturday - Duration::days(if in_weekend || future { 7 } else { 0 }),
                _ => saturday + Duration::days(if in_weekend || !future { 7 } else { 0 }),
            };
            Some(Point { from: saturday, to: saturday + Duration::days(1), precision: Precision::Week, narrowed: true })
        }
        Unit::Month => {
            let (p, _) = shift(d, offset, Unit::Month)?;
            Point::month(p.year(), p.month())
        }
        Unit::Year => Point::year(d.year() + offset as i32),
        Unit::Decade => Point::decade(d.year() + 10 * offset as i32),
        Unit::Hour | Unit::Day => Some(Point::day(d + Duration::days(offset))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn weekdays_around_a_thursday() {
        let thu = ymd(2017, 6, 22);
        assert_eq!(weekday_before(thu, Weekday::Thu), thu);
        assert_eq!(weekday_before(thu, Weekday::Fri), ymd(2017, 6, 16));
        assert_eq!(weekday_after(thu, Weekday::Fri), ymd(2017, 6, 23));
    }

    #[test]
    fn values_at_precision() {
        assert_eq!(Point::week(ymd(2017, 6, 22)).value(), "2017-W25");
        assert_eq!(Point::month(2017, 6).unwrap().value(), "2017-06");
        assert_eq!(Point::season(2017, Season::Summer).unwrap().value(), "2017-SU");
        let mid = Point::month(2017, 6).unwrap().part(Part::Mid);
        assert_eq!((mid.from, mid.to), (ymd(2017, 6, 11), ymd(2017, 6, 20)));
    }

    #[test]
    fn values_are_written_as_chrono_formats_them() {
        for d in [ymd(2017, 6, 22), ymd(5, 1, 9), ymd(-44, 3, 15), ymd(12345, 12, 31)] {
            for (precision, format) in
                [(Precision::Day, "%Y-%m-%d"), (Precision::Month, "%Y-%m"), (Precision::Year, "%Y")]
            {
                let point = Point { from: d, to: d, precision, narrowed: false };
                assert_eq!(point.value(), d.format(format).to_string());
            }
        }
    }

    #[test]
    fn anchors_are_written_as_format_writes_them() {
        for d in [ymd(2017, 6, 22), ymd(5, 1, 9), ymd(-44, 3, 15), ymd(12345, 12, 31)] {
            assert_eq!(dated_anchor("document", d), format!("document {d}"));
            for i in [0, 7, 123] {
                assert_eq!(time_anchor(i, |out| IsoDate(d).push_to(out)), format!("time {i} ({d})"));
                let week = Point::week(d);
                assert_eq!(time_anchor(i, |out| week.push_value(out)), format!("time {i} ({})", week.value()));
            }
        }
    }

    /// Every expression [`reads_tense`] passes over resolves the same in
    /// either tense, against reports of every weekday, with or without a
    /// time before it.
    #[test]
    fn the_tense_is_read_wherever_it_matters() {
        let point = |unit| Expr::Calendar { unit, offset: 0, part: Part::Whole, anaphoric: false };
        let mut exprs = vec![
            Expr::Date { year: Some(2016), month: 2, day: 29, day_to: Some(3) },
            Expr::Date { year: None, month: 12, day: 30, day_to: None },
            Expr::AmbiguousNumeric { a: 5, b: 6, year: 2017 },
            Expr::Month { year: None, month: 1, part: Part::Early, rel: None, year_offset: Some(-1) },
            Expr::Month { year: Some(2016), month: 12, part: Part::Late, rel: None, year_offset: None },
            Expr::Month { year: None, month: 1, part: Part::Whole, rel: None, year_offset: None },
            Expr::Year { year: 2016, part: Part::Mid },
            Expr::Decade { year: 1990 },
            Expr::Season { year: Some(2016), season: Season::Winter, rel: None },
            Expr::Season { year: None, season: Season::Summer, rel: None },
            Expr::Weekday { weekday: Weekday::Sat, rel: None },
            Expr::Deictic { days: -1 },
            Expr::SameDay { days: 1 },
            Expr::Offset { n: -2, unit: Unit::Week, anaphoric: false },
            Expr::Offset { n: 3, unit: Unit::Day, anaphoric: true },
            Expr::Period { n: -2, unit: Unit::Month, anaphoric: false },
            Expr::Period { n: 24, unit: Unit::Hour, anaphoric: true },
            Expr::Holiday { index: 0, year: Some(2016), rel: None },
            Expr::Holiday { index: 0, year: None, rel: None },
            Expr::Duration { value: "P2Y".into() },
            Expr::Clock { value: "T10:00".into() },
        ];
        exprs.extend(
            [Unit::Hour, Unit::Day, Unit::Week, Unit::Weekend, Unit::Month, Unit::Year, Unit::Decade].map(point),
        );
        let pairs: Vec<Expr> = exprs
            .iter()
            .flat_map(|a| exprs.iter().map(move |b| Expr::Between(Box::new(a.clone()), Box::new(b.clone()))))
            .collect();
        let since: Vec<Expr> = exprs.iter().map(|e| Expr::Since(Box::new(e.clone()))).collect();
        exprs.extend(pairs.into_iter().chain(since));
        for day in 0..14 {
            let doc = ymd(2016, 12, 19) + Duration::days(day);
            for last in [None, Some((0, Point::day(doc - Duration::days(3))))] {
                let ctx = Context { document: Some((doc, "document")), last_point: last, ..Context::default() };
                for e in exprs.iter().filter(|e| !reads_tense(e)) {
                    assert_eq!(ctx.resolve(e, true), ctx.resolve(e, false), "{e:?} on {doc}");
                }
            }
        }
    }

    #[test]
    fn no_document_date_is_unresolved() {
        let ctx = Context::default();
        let o = ctx.resolve(&Expr::Weekday { weekday: Weekday::Thu, rel: None }, false);
        assert_eq!(o, Outcome::Unresolved(NO_DATE.into()));
    }
}
