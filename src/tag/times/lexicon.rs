//! The time tagger's word lists: number words and named days, read once from
//! `data/times/`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::calendar::weekday_from_name;

static NUMBERS_TSV: &str = include_str!("../../../data/times/numbers.tsv");
static HOLIDAYS_TSV: &str = include_str!("../../../data/times/holidays.tsv");

/// Lines of a lexicon file that carry data: not blank, not `#` comments.
fn data_lines(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(|l| l.split('\t').collect())
}

/// Number words and their values (`two` → 2, `few` → 3).
pub static NUMBERS: LazyLock<BTreeMap<String, i64>> = LazyLock::new(|| {
    data_lines(NUMBERS_TSV)
        .filter_map(|f| Some((f.first()?.trim().to_string(), f.get(1)?.trim().parse().ok()?)))
        .collect()
});

/// The value of a count as written: `24`, `two`, `twenty-four`, `a`, `a couple of`.
pub fn count_value(text: &str) -> Option<i64> {
    let lower = text.trim().to_lowercase();
    let lower = lower.strip_suffix(" of").unwrap_or(&lower);
    let digits: String = lower.chars().filter(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() && lower.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return digits.parse().ok();
    }
    let mut total = 0;
    for word in lower.split(|c: char| c == '-' || c.is_whitespace()).filter(|w| !w.is_empty()) {
        // `a few`, `a couple of`: the article adds nothing.
        if word == "a" && total == 0 && lower.split_whitespace().count() > 1 {
            continue;
        }
        total += NUMBERS.get(word)?;
    }
    (total > 0).then_some(total)
}

/// The regex alternation of number words, longest first so that `fourteen`
/// is preferred to `four`.
pub fn number_words_pattern() -> String {
    let mut words: Vec<&str> = NUMBERS
        .keys()
        .map(String::as_str)
        .filter(|w| !matches!(*w, "a" | "an" | "few" | "several" | "couple"))
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.join("|")
}

/// How a named day falls in a given year.
#[derive(Debug, Clone)]
pub enum HolidayRule {
    /// The same month and day every year.
    Fixed { month: u32, day: u32 },
    /// The `n`th `weekday` of `month`.
    NthWeekday { month: u32, weekday: Weekday, n: u8 },
    /// A lunar feast: its first day in each year known, and its length.
    Dates { days: i64, first: Vec<NaiveDate> },
}

#[derive(Debug, Clone)]
pub struct Holiday {
    pub name: String,
    pub rule: HolidayRule,
}

impl Holiday {
    /// The holiday's first and last day in `year`, if known.
    pub fn in_year(&self, year: i32) -> Option<(NaiveDate, NaiveDate)> {
        match &self.rule {
            HolidayRule::Fixed { month, day } => NaiveDate::from_ymd_opt(year, *month, *day).map(|d| (d, d)),
            HolidayRule::NthWeekday { month, weekday, n } => {
                NaiveDate::from_weekday_of_month_opt(year, *month, *weekday, *n).map(|d| (d, d))
            }
            HolidayRule::Dates { days, first } => {
                first.iter().find(|d| d.year() == year).map(|&d| (d, d + Duration::days((*days - 1).max(0))))
            }
        }
    }

    /// Whether the holiday lasts more than a day (Ramadan): then it is a period.
    pub fn is_period(&self) -> bool {
        matches!(self.rule, HolidayRule::Dates { days, .. } if days > 1)
    }
}

/// Named days, longest name first (so that `Christmas Day` wins over `Christmas`).
pub static HOLIDAYS: LazyLock<Vec<Holiday>> = LazyLock::new(|| {
    let mut out: Vec<Holiday> = data_lines(HOLIDAYS_TSV)
        .filter_map(|f| {
            let name = f.first()?.trim().to_string();
            let args: Vec<&str> = f.get(2)?.split_whitespace().collect();
            let rule = match *f.get(1)? {
                "fixed" => {
                    let (m, d) = args.first()?.split_once('-')?;
                    HolidayRule::Fixed { month: m.parse().ok()?, day: d.parse().ok()? }
                }
                "nth_weekday" => HolidayRule::NthWeekday {
                    month: args.first()?.parse().ok()?,
                    weekday: weekday_from_name(args.get(1)?)?,
                    n: args.get(2)?.parse().ok()?,
                },
                "dates" => HolidayRule::Dates {
                    days: args.first()?.parse().ok()?,
                    first: args[1..].iter().filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()).collect(),
                },
                _ => return None,
            };
            Some(Holiday { name, rule })
        })
        .collect();
    out.sort_by_key(|h| std::cmp::Reverse(h.name.len()));
    out
});

/// The holiday a name as written denotes.
pub fn holiday_index(name: &str) -> Option<usize> {
    let norm = |s: &str| s.to_lowercase().replace(['’', '\''], "");
    let name = norm(name);
    HOLIDAYS.iter().position(|h| norm(&h.name) == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        assert_eq!(count_value("two"), Some(2));
        assert_eq!(count_value("24"), Some(24));
        assert_eq!(count_value("twenty-four"), Some(24));
        assert_eq!(count_value("a"), Some(1));
        assert_eq!(count_value("a few"), Some(3));
        assert_eq!(count_value("a couple of"), Some(2));
        assert_eq!(count_value("Second"), None);
    }

    #[test]
    fn holidays() {
        let thanksgiving = &HOLIDAYS[holiday_index("Thanksgiving Day").unwrap()];
        assert_eq!(thanksgiving.in_year(2016).unwrap().0, NaiveDate::from_ymd_opt(2016, 11, 24).unwrap());
        let ramadan = &HOLIDAYS[holiday_index("Ramadan").unwrap()];
        let (from, to) = ramadan.in_year(2016).unwrap();
        assert_eq!((from.to_string(), to.to_string()), ("2016-06-06".into(), "2016-07-05".into()));
        assert!(ramadan.in_year(2040).is_none());
        assert!(holiday_index("New Years Day").is_some());
    }
}
