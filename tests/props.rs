//! Arbitrary bytes and strings never make the reader or segmenter panic, and
//! what they return always slices the text it came from.

use proptest::prelude::*;
use raqqa_events::Analyzer;
use raqqa_events::gazetteer::Gazetteer;
use raqqa_events::read::{Content, RawReport, ReadOptions, read};
use raqqa_events::segment::segment;

fn raw(bytes: Vec<u8>) -> RawReport {
    RawReport { id: "p".into(), path: None, content: Content::Bytes(bytes) }
}

/// Text that looks enough like wire copy to reach the interesting branches.
fn wireish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("date 2017-06-23 ".to_string()),
        Just("BAGHDAD, May 29 (Xinhua) -- ".to_string()),
        Just("Wed 05 Apr 2017 ".to_string()),
        Just("U.S. ".to_string()),
        Just("Lt. Col. ".to_string()),
        Just(". ".to_string()),
        Just("\u{201c}".to_string()),
        Just("\u{201d} ".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("\u{feff}".to_string()),
        "[A-Za-z]{1,8}",
        "[ \u{a0}é’—0-9.!?\"]{1,3}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check(text_bytes: Vec<u8>) {
    let Ok(report) = read(raw(text_bytes), &ReadOptions::default()) else {
        return;
    };
    let text = report.text.as_str();
    for p in &report.paragraphs {
        assert!(text.get(p.clone()).is_some(), "paragraph {p:?} off a char boundary");
    }
    let sentences = segment(&report);
    let mut last_end = 0;
    for s in &sentences.spans {
        assert!(s.bytes.start >= last_end, "sentences overlap or go backwards");
        assert_eq!(text.get(s.bytes.clone()), Some(s.text.as_str()));
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[s.start..s.end].iter().collect::<String>(), s.text);
        last_end = s.bytes.end;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check(bytes);
    }

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        check(s.into_bytes());
    }

    #[test]
    fn wire_like_text_slices_cleanly(s in wireish()) {
        check(s.into_bytes());
    }

    #[test]
    fn the_whole_pipeline_never_panics(s in wireish()) {
        let analyzer = Analyzer::new(Gazetteer::embedded(), ReadOptions::default());
        let _ = analyzer.analyze(raw(s.into_bytes()));
    }
}
