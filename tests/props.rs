//! Arbitrary bytes and strings never make the reader or segmenter panic, and
//! what they return always slices the text it came from; report-like text
//! never makes any stage panic.

use proptest::prelude::*;
use raqqa_events::Analyzer;
use raqqa_events::error::ReadError;
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

/// Words, names and phrases that the stages act on, `|` between them.
const VOCABULARY: &str = "IS|ISIS|Daesh|SDF|the Syrian Democratic Forces|Raqqa|Deir ez-Zor|Mosul|Iraq|\
    U.S.-led coalition|government forces|Gen. Smith|spokesman|Abu Mohammed al-Adnani|al-|\
    killed|were killed|wounded|attacked|shelled|denied|will attack|could|not|\
    a suicide bomber|three|12|dozens of|at least 20|civilians|fighters|\
    on Thursday|two weeks ago|over the past two weeks|earlier in the day|last year|in May 2017|\
    said|told Xinhua|according to activists|a well-informed source|He said|in a statement|\
    \"|\u{201c}|\u{201d}|,|.|(|)| -- |\n\n";

/// Wire copy with the words every stage acts on: names in the gazetteer,
/// titles, triggers, counts, times and cues of attribution, in any order.
fn reportish() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        wireish(),
        prop::sample::select(VOCABULARY.split('|').collect::<Vec<_>>()).prop_map(str::to_string),
    ];
    prop::collection::vec(word, 0..60).prop_map(|v| v.join(" "))
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
    fn the_whole_pipeline_never_panics(s in reportish()) {
        // A stage that panics costs its report an internal error (the
        // pipeline catches it so the batch goes on): that is the bug to find.
        let analyzer = Analyzer::new(Gazetteer::embedded(), ReadOptions::default());
        let result = analyzer.analyze(raw(s.into_bytes()));
        prop_assert!(!matches!(result, Err(ReadError::Internal)));
    }
}
