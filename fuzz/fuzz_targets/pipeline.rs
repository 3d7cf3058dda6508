//! Any input, as a file or as a JSON Lines record's fields, goes through the
//! whole pipeline without a stage panicking (the pipeline would turn that
//! into an internal error; libFuzzer's panic hook stops at it first), and the
//! document's hand-written compact JSON says what serde_json says of it.

#![no_main]

use std::sync::LazyLock;

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use raqqa_events::Analyzer;
use raqqa_events::error::ReadError;
use raqqa_events::gazetteer::Gazetteer;
use raqqa_events::output::compact_json;
use raqqa_events::read::{Content, RawReport, ReadOptions};
use raqqa_events::report::{entities, sources, timeline, times};

static ANALYZER: LazyLock<Analyzer> = LazyLock::new(|| Analyzer::new(Gazetteer::embedded(), ReadOptions::default()));
static DATED: LazyLock<Analyzer> = LazyLock::new(|| {
    Analyzer::new(Gazetteer::embedded(), ReadOptions { fallback_date: NaiveDate::from_ymd_opt(2017, 6, 23) })
});

fuzz_target!(|data: &[u8]| {
    let Some((&mode, data)) = data.split_first() else { return };
    let lossy = || String::from_utf8_lossy(data).into_owned();
    let (analyzer, content) = match mode % 4 {
        0 => (&*ANALYZER, Content::Bytes(data.to_vec())),
        1 => (&*DATED, Content::Bytes(data.to_vec())),
        2 => (&*ANALYZER, Content::Record { text: lossy(), date: None, title: None }),
        _ => {
            // A record's date and title fields from its first two lines.
            let text = lossy();
            let mut lines = text.splitn(3, '\n');
            let date = lines.next().map(str::to_string);
            let title = lines.next().map(str::to_string);
            (&*ANALYZER, Content::Record { text: lines.next().unwrap_or("").to_string(), date, title })
        }
    };
    let raw = RawReport { id: "fuzz".into(), path: Some("fuzz.txt".into()), content };
    let doc = match analyzer.analyze(raw) {
        Ok(doc) => doc,
        Err(ReadError::Internal) => panic!("a stage panicked"),
        Err(_) => return,
    };
    let mut compact = Vec::new();
    compact_json::append(&mut compact, &doc).expect("a document serializes");
    let ours: serde_json::Value = serde_json::from_slice(&compact).expect("compact JSON parses");
    assert_eq!(ours, serde_json::to_value(&doc).unwrap());
    let docs = [doc];
    let _ = timeline::timeline(&docs, &timeline::TimelineFilter::default());
    let _ = sources::source_summary(&docs);
    let _ = entities::entity_index(&docs);
    let _ = times::time_list(&docs);
});
