//! Names of months and weekdays as news copy spells them.

use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};

/// The months' names in lower case, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month (1-12) a name or abbreviation denotes: `June`, `Jun`, `Jun.`, `Sept`.
pub fn month_from_name(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.');
    if name.len() < 3 {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    MONTH_NAMES
        .iter()
        .position(|m| {
            *m == lower || (lower.len() == 3 && m.starts_with(&lower)) || (lower == "sept" && *m == "september")
        })
        .map(|i| i as u32 + 1)
}

/// The days of the week by their full names, Monday first.
pub const WEEKDAY_NAMES: [(&str, Weekday); 7] = [
    ("Monday", Weekday::Mon),
    ("Tuesday", Weekday::Tue),
    ("Wednesday", Weekday::Wed),
    ("Thursday", Weekday::Thu),
    ("Friday", Weekday::Fri),
    ("Saturday", Weekday::Sat),
    ("Sunday", Weekday::Sun),
];

/// The weekday a name or abbreviation denotes: `Thursday`, `Thu`, `Thurs`.
pub fn weekday_from_name(name: &str) -> Option<Weekday> {
    let name = name.trim_end_matches('.');
    if name.len() < 3 {
        return None;
    }
    WEEKDAY_NAMES
        .iter()
        .find(|&&(full, day)| {
            full.eq_ignore_ascii_case(name)
                || (name.len() == 3 && full.as_bytes()[..3].eq_ignore_ascii_case(name.as_bytes()))
                || name.eq_ignore_ascii_case("thurs") && day == Weekday::Thu
                || name.eq_ignore_ascii_case("tues") && day == Weekday::Tue
        })
        .map(|&(_, d)| d)
}

/// A date written as chrono writes it (`2017-06-22`), in one write rather
/// than chrono's ten: nearly every time value and anchor holds a date.
pub struct IsoDate(pub NaiveDate);

impl IsoDate {
    /// `YYYY-MM-DD`, or `None` for a year chrono writes with its sign
    /// (outside 0..=9999).
    pub fn bytes(&self) -> Option<[u8; 10]> {
        let date = self.0;
        let year = u32::try_from(date.year()).ok().filter(|&year| year <= 9999)?;
        let two = |n: u32| [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8];
        let ([y0, y1], [y2, y3]) = (two(year / 100), two(year % 100));
        let ([m0, m1], [d0, d1]) = (two(date.month()), two(date.day()));
        Some([y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1])
    }

    /// Add the date to `out` as it is displayed, without a formatter: a
    /// time's value and anchor are made of a few pieces like it, which
    /// `format!` and `to_string` write for several times the cost.
    pub fn push_to(&self, out: &mut String) {
        match self.bytes() {
            Some(bytes) => out.push_str(std::str::from_utf8(&bytes).expect("digits and hyphens are ASCII")),
            None => out.push_str(&self.0.to_string()),
        }
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.bytes() {
            Some(bytes) => f.write_str(std::str::from_utf8(&bytes).expect("digits and hyphens are ASCII")),
            None => fmt::Display::fmt(&self.0, f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn iso_dates_are_written_as_chrono_writes_them(days in -4_000_000i64..4_000_000) {
            let date = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Duration::days(days);
            proptest::prop_assert_eq!(IsoDate(date).to_string(), date.to_string());
            let mut pushed = String::from("x");
            IsoDate(date).push_to(&mut pushed);
            proptest::prop_assert_eq!(pushed, format!("x{date}"));
        }
    }

    #[test]
    fn months() {
        assert_eq!(month_from_name("June"), Some(6));
        assert_eq!(month_from_name("Jun."), Some(6));
        assert_eq!(month_from_name("sept"), Some(9));
        assert_eq!(month_from_name("Sep"), Some(9));
        assert_eq!(month_from_name("December"), Some(12));
        assert_eq!(month_from_name("Ma"), None);
        assert_eq!(month_from_name("Junk"), None);
    }

    #[test]
    fn weekdays() {
        assert_eq!(weekday_from_name("Thursday"), Some(Weekday::Thu));
        assert_eq!(weekday_from_name("Thurs"), Some(Weekday::Thu));
        assert_eq!(weekday_from_name("Wed"), Some(Weekday::Wed));
        assert_eq!(weekday_from_name("We"), None);
        assert_eq!(weekday_from_name("Wedding"), None);
        // In any case, with a stop, and no other part of a name.
        assert_eq!(weekday_from_name("THU."), Some(Weekday::Thu));
        assert_eq!(weekday_from_name("tues"), Some(Weekday::Tue));
        assert_eq!(weekday_from_name("SUNDAY"), Some(Weekday::Sun));
        assert_eq!(weekday_from_name("Sund"), None);
        assert_eq!(weekday_from_name("Thursd"), None);
        assert_eq!(weekday_from_name("Mé"), None);
    }
}
