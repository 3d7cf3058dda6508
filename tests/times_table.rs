//! The time expressions of `tests/data/times.tsv`, each in its sentence and
//! against its report date: adding a case is adding a line.

use raqqa_events::model::{Precision, Time};
use raqqa_events::read::{Content, RawReport, ReadOptions, read};
use raqqa_events::segment::segment;
use raqqa_events::tag::times::tag_times;

const TABLE: &str = include_str!("data/times.tsv");

fn precision_name(p: Option<Precision>) -> String {
    p.map_or("-".to_string(), |p| {
        serde_json::to_value(p).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
    })
}

fn times_of(date: &str, text: &str) -> Vec<Time> {
    let date = (date != "-").then(|| date.to_string());
    let raw =
        RawReport { id: "t".into(), path: None, content: Content::Record { text: text.into(), date, title: None } };
    let report = read(raw, &ReadOptions::default()).expect("the table's texts are readable");
    tag_times(&report, &segment(&report)).times
}

#[test]
fn time_table() {
    let mut failures = Vec::new();
    let mut cases = 0;
    for (n, line) in TABLE.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 6, "times.tsv line {}: six tab-separated columns expected", n + 1);
        let (date, text, expr, value, precision, range) = (cols[0], cols[1], cols[2], cols[3], cols[4], cols[5]);
        cases += 1;
        let times = times_of(date, text);
        let found = times.iter().find(|t| t.span.text == expr);
        if value == "none" {
            if let Some(t) = times.iter().find(|t| t.span.text.contains(expr)) {
                failures.push(format!(
                    "line {}: {expr:?} must not be a time, got {:?} = {:?}",
                    n + 1,
                    t.span.text,
                    t.value
                ));
            }
            continue;
        }
        let Some(t) = found else {
            let got: Vec<&str> = times.iter().map(|t| t.span.text.as_str()).collect();
            failures.push(format!("line {}: {expr:?} not found in {text:?}; found {got:?}", n + 1));
            continue;
        };
        let want_value = (value != "null").then(|| value.to_string());
        let got_range = t.range.map_or("-".to_string(), |r| format!("{}/{}", r.from, r.to));
        let got_precision = precision_name(t.precision);
        if t.value != want_value || got_precision != precision || got_range != range {
            failures.push(format!(
                "line {}: {expr:?} in {text:?} (report {date}): want {value} {precision} {range}, got {} {got_precision} {got_range} (anchor {:?})",
                n + 1,
                t.value.as_deref().unwrap_or("null"),
                t.anchor
            ));
        }
    }
    assert!(cases >= 80, "the table should hold at least 80 cases, it holds {cases}");
    assert!(failures.is_empty(), "{} of {cases} cases failed:\n{}", failures.len(), failures.join("\n"));
}
