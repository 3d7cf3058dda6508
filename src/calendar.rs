//! Names of months and weekdays as news copy spells them.

use chrono::Weekday;

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

/// The weekday a name or abbreviation denotes: `Thursday`, `Thu`, `Thurs`.
pub fn weekday_from_name(name: &str) -> Option<Weekday> {
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    const DAYS: [(&str, Weekday); 7] = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    DAYS.iter()
        .find(|(full, _)| {
            *full == lower
                || (lower.len() == 3 && full.starts_with(&lower))
                || lower == "thurs" && *full == "thursday"
                || lower == "tues" && *full == "tuesday"
        })
        .map(|&(_, d)| d)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
