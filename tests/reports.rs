//! The reports over many documents, in every format, as a user reads them.

use assert_cmd::Command;
use serde_json::Value;

fn run(args: &[&str]) -> String {
    let out = Command::new(assert_cmd::cargo::cargo_bin!("raqqa-events")).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn fixtures() -> String {
    format!("{}/fixtures/reports", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_report_prints_in_every_format() {
    for report in ["entities", "times", "sources", "timeline", "gazetteer"] {
        let dir = fixtures();
        let base: Vec<&str> = if report == "gazetteer" { vec![report] } else { vec![report, &dir] };
        let with = |format: &str| {
            let mut args = base.clone();
            args.extend(["--format", format]);
            run(&args)
        };
        let json: Value = serde_json::from_str(&with("json")).unwrap_or_else(|e| panic!("{report} json: {e}"));
        assert!(json.is_array() || json.is_object(), "{report}");
        for line in with("jsonl").lines() {
            serde_json::from_str::<Value>(line).unwrap_or_else(|e| panic!("{report} jsonl: {e}"));
        }
        let csv = with("csv");
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let width = reader.headers().unwrap().len();
        assert!(width > 2, "{report} csv has {width} columns");
        for row in reader.records() {
            assert_eq!(row.unwrap().len(), width, "{report} csv rows are as wide as the header");
        }
        assert!(with("markdown").contains("|---|"), "{report} markdown");
        assert_eq!(with("md"), with("markdown"), "{report}: md is short for markdown");
        assert!(!with("text").is_empty(), "{report} text");
    }
}

#[test]
fn timeline_csv_has_acled_columns() {
    let csv = run(&["timeline", &fixtures(), "--format", "csv"]);
    let header = csv.lines().next().unwrap();
    let columns: Vec<&str> = header.split(',').collect();
    for c in [
        "event_date",
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "admin1",
        "location",
        "latitude",
        "longitude",
        "source",
        "notes",
        "fatalities",
        "time_precision",
    ] {
        assert!(columns.contains(&c), "no ACLED column {c}");
    }
}

#[test]
fn timeline_filters_narrow_the_events() {
    let all = run(&["timeline", &fixtures(), "--format", "jsonl"]).lines().count();
    let raqqa = run(&["timeline", &fixtures(), "--format", "jsonl", "--place", "raqqa"]);
    let airstrikes = run(&["timeline", &fixtures(), "--format", "jsonl", "--type", "airstrike"]);
    let july = run(&["timeline", &fixtures(), "--format", "jsonl", "--from", "2017-07-01", "--to", "2017-07-31"]);
    for (name, out) in [("place", &raqqa), ("type", &airstrikes), ("dates", &july)] {
        let n = out.lines().count();
        assert!(n > 0 && n < all, "--{name} keeps {n} of {all}");
    }
    for line in airstrikes.lines() {
        assert!(line.contains("airstrike"));
    }
}

#[test]
fn printed_reports_are_stable() {
    let report = format!("{}/raqqa_offensive.txt", fixtures());
    insta::assert_snapshot!("sources_text", run(&["sources", &report]));
    insta::assert_snapshot!("timeline_markdown", run(&["timeline", &report, "--format", "markdown"]));
    insta::assert_snapshot!("entities_csv", run(&["entities", &report, "--format", "csv"]));
}
