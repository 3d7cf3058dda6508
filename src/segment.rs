//! The second stage: sentences. Wire copy is full of full stops that end
//! nothing (`U.S.`, `Lt. Col.`, `1.5`, `a.m.`), quotes that close after the
//! stop, and, in scraped archives, paragraphs whose punctuation was stripped.

use std::ops::Range;

use crate::model::Span;
use crate::read::Report;
use crate::text::floor_char_boundary;

/// A report's sentences, in order.
#[derive(Debug, Clone, Default)]
pub struct Sentences {
    pub spans: Vec<Span>,
    /// The paragraph (index into `Report::paragraphs`) each sentence is in.
    pub paragraph: Vec<usize>,
}

impl Sentences {
    /// The index of the sentence holding byte offset `byte`, if any.
    pub fn at(&self, byte: usize) -> Option<usize> {
        let i = self.spans.partition_point(|s| s.bytes.end <= byte);
        (i < self.spans.len() && self.spans[i].bytes.start <= byte).then_some(i)
    }
}

/// Words that end with a full stop without ending the sentence, in
/// lower case and sorted, for a binary search.
const ABBREVIATIONS: &[&str] = &[
    "adm", "amb", "approx", "apr", "atty", "aug", "brig", "capt", "cdr", "cmdr", "co", "col", "corp", "cpl", "cpt",
    "dec", "dept", "dr", "est", "feb", "fig", "ft", "gen", "gens", "gov", "hon", "inc", "insp", "jan", "jr", "jul",
    "jun", "lt", "ltd", "maj", "mar", "mr", "mrs", "ms", "msgt", "mt", "no", "nos", "nov", "oct", "pres", "prof",
    "pte", "pvt", "rep", "rev", "sec", "sen", "sep", "sept", "sgt", "spc", "sr", "ssgt", "st", "ste", "supt", "vs",
];

/// The length in bytes of the longest of [`ABBREVIATIONS`].
const LONGEST_ABBREVIATION: usize = 6;

/// Words that, after a dotted abbreviation like `U.S.`, show a new sentence began.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "In",
    "On",
    "But",
    "And",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "Meanwhile",
    "However",
    "Earlier",
    "Later",
    "Also",
    "At",
    "After",
    "As",
    "According",
];

/// Paragraphs longer than this many bytes with no sentence end are split at
/// the boundaries that stripped punctuation leaves behind.
const LONG_SENTENCE: usize = 600;

/// Split each paragraph of the body into sentences.
pub fn segment(report: &Report) -> Sentences {
    let text = report.text.as_str();
    // All the ranges first, so that the spans are made into a vector of
    // their number rather than one grown (and copied) as they come.
    let mut ranges = Vec::new();
    let mut paragraph = Vec::new();
    for (p, para) in report.paragraphs.iter().enumerate() {
        split_paragraph_into(text, para.clone(), &mut ranges);
        paragraph.resize(ranges.len(), p);
    }
    let spans = ranges.into_iter().map(|r| report.text.span(r)).collect();
    Sentences { spans, paragraph }
}

/// Sentence ranges of one paragraph.
pub fn split_paragraph(text: &str, para: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    split_paragraph_into(text, para, &mut out);
    out
}

/// [`split_paragraph`], onto the end of `out`.
fn split_paragraph_into(text: &str, para: Range<usize>, out: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let first = out.len();
    let mut start = para.start;
    let mut i = para.start;
    // Only a stop can end a sentence: jump from one to the next.
    while let Some(skip) = memchr::memchr3(b'.', b'!', b'?', &bytes[i..para.end]) {
        i += skip;
        let b = bytes[i];
        // Closing quotes and brackets belong to the sentence they close.
        let mut end = i + 1;
        while end < para.end {
            let rest = &text[end..para.end];
            let c = rest.chars().next().unwrap_or(' ');
            if matches!(c, '"' | '\'' | ')' | ']' | '\u{201d}' | '\u{2019}') || (c == '.' && b != b'.') {
                end += c.len_utf8();
            } else {
                break;
            }
        }
        if is_boundary(text, start, i, end, para.end) {
            push(text, start..end, out);
            start = end;
        }
        i = end;
    }
    push(text, start..para.end, out);
    // Hardly any paragraph has a sentence this long.
    if out[first..].iter().all(|r| r.len() <= LONG_SENTENCE) {
        return;
    }
    let sentences: Vec<Range<usize>> = out.drain(first..).collect();
    for r in sentences {
        if r.len() > LONG_SENTENCE {
            for piece in split_unpunctuated(text, r) {
                cap_length(text, piece, out);
            }
        } else {
            out.push(r);
        }
    }
}

fn push(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let r = crate::text::trim_range(text, r);
    if !r.is_empty() {
        out.push(r);
    }
}

/// Whether the stop at `stop` (with closing punctuation up to `end`) ends a sentence.
fn is_boundary(text: &str, sentence_start: usize, stop: usize, end: usize, para_end: usize) -> bool {
    let after = &text[end..para_end];
    // A boundary needs white space after it, then a plausible sentence start.
    let trimmed = after.trim_start();
    if trimmed.len() == after.len() {
        return false;
    }
    let Some(next) = trimmed.chars().next() else {
        return true;
    };
    let starts_sentence = next.is_uppercase()
        || next.is_ascii_digit()
        || matches!(next, '"' | '\'' | '(' | '[' | '\u{201c}' | '\u{2018}');
    if !starts_sentence {
        return false;
    }
    if text.as_bytes()[stop] != b'.' {
        return true;
    }
    // The word the full stop ends.
    let before = &text[sentence_start..stop];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '\u{201c}'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    if is_abbreviation(word) {
        // `No. 5`, `Gen. Votel`: never an end. (`Jan.` could end one, rarely.)
        return false;
    }
    // Initials and dotted abbreviations: `J.`, `U.S.`, `a.m.`
    let is_initial = word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase());
    let is_dotted = word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2);
    if is_initial {
        return false;
    }
    if is_dotted {
        let next_word = &trimmed[..trimmed.find(|c: char| !c.is_alphanumeric()).unwrap_or(trimmed.len())];
        return SENTENCE_STARTERS.contains(&next_word);
    }
    true
}

/// Whether `word`, in any case, is one of [`ABBREVIATIONS`]. Most words
/// that end a sentence are longer than any, and the rest are lowered into
/// one number and looked up among the abbreviations' numbers.
fn is_abbreviation(word: &str) -> bool {
    word.len() <= LONGEST_ABBREVIATION && ABBREVIATION_KEYS.binary_search(&abbreviation_key(word.as_bytes())).is_ok()
}

/// A word of at most [`LONGEST_ABBREVIATION`] bytes, lowered, as one number
/// that sorts as the words do: its bytes from the top byte down, then its
/// length in the lowest byte (which tells `co` from `co` and a NUL).
const fn abbreviation_key(word: &[u8]) -> u64 {
    let mut key = 0;
    let mut i = 0;
    while i < LONGEST_ABBREVIATION {
        let byte = if i < word.len() { word[i].to_ascii_lowercase() } else { 0 };
        key = key << 8 | byte as u64;
        i += 1;
    }
    key << (8 * (8 - LONGEST_ABBREVIATION)) | word.len() as u64
}

/// [`ABBREVIATIONS`] as [`abbreviation_key`]s, in the same order.
static ABBREVIATION_KEYS: [u64; ABBREVIATIONS.len()] = {
    let mut keys = [0; ABBREVIATIONS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = abbreviation_key(ABBREVIATIONS[i].as_bytes());
        i += 1;
    }
    keys
};

/// No sentence is longer than this many bytes: a run without any boundary
/// (a scraped page, a file of one endless line) is cut into pieces of at
/// most this size, so every later stage does bounded work per sentence and
/// the whole pipeline stays linear in the input.
pub const MAX_SENTENCE: usize = 1500;

/// Cut `r` into pieces of at most [`MAX_SENTENCE`] bytes, each ending at white
/// space, before a capitalised word where one is near the limit.
fn cap_length(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut start = r.start;
    while r.end - start > MAX_SENTENCE {
        let limit = floor_char_boundary(text, start + MAX_SENTENCE);
        let window = &text[start..limit];
        let half = window.len() / 2;
        let before_capital = window
            .char_indices()
            .rev()
            .take_while(|&(i, _)| i > half)
            .find(|&(i, c)| c.is_whitespace() && window[i + c.len_utf8()..].starts_with(|n: char| n.is_uppercase()))
            .map(|(i, _)| i);
        let cut =
            before_capital.or_else(|| window.rfind(char::is_whitespace).filter(|&i| i > 0)).unwrap_or(window.len());
        push(text, start..start + cut, out);
        start += cut;
    }
    push(text, start..r.end, out);
}

/// A long run of text whose full stops were stripped: split where a
/// reporting clause ends and a capitalised clause begins, which is where the
/// stops used to be. Conservative: only at `said.`-like boundaries marked by
/// a double space or a line break.
fn split_unpunctuated(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = r.start;
    let slice = &text[r.clone()];
    let mut search = 0;
    while let Some(pos) = slice[search..].find(['\n', ' ']) {
        let at = search + pos;
        let ws_len = slice[at..].len() - slice[at..].trim_start().len();
        let double = slice[at..at + ws_len].contains('\n') || ws_len >= 2;
        let next_upper = slice[at + ws_len..].chars().next().is_some_and(|c| c.is_uppercase());
        if double && next_upper && r.start + at > start + 40 {
            push(text, start..r.start + at, &mut out);
            start = r.start + at + ws_len;
        }
        search = at + ws_len.max(1);
    }
    push(text, start..r.end, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(s: &str) -> Vec<&str> {
        split_paragraph(s, 0..s.len()).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn no_abbreviation_is_longer_than_the_longest() {
        assert_eq!(ABBREVIATIONS.iter().map(|a| a.len()).max(), Some(LONGEST_ABBREVIATION));
    }

    #[test]
    fn abbreviations_are_lower_case_and_sorted_and_found_in_any_case() {
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(ABBREVIATIONS.iter().all(|a| a.bytes().all(|b| b.is_ascii_lowercase())));
        assert!(ABBREVIATION_KEYS.windows(2).all(|w| w[0] < w[1]));
        for word in ["Gen", "LT", "sept", "Supt", "co", "gent", "x", "", "approxi", "Év", "ño", "co\0", "c", "\0co"] {
            let expected = ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word));
            assert_eq!(is_abbreviation(word), expected, "{word}");
        }
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            sents("IS attacked. The SDF held! Why? Nobody knows."),
            ["IS attacked.", "The SDF held!", "Why?", "Nobody knows."]
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        assert_eq!(
            sents("Lt. Col. John J. Smith of the U.S. Army met Brig. Gen. Votel at 9 a.m. on Jan. 5. No. 3 was next."),
            ["Lt. Col. John J. Smith of the U.S. Army met Brig. Gen. Votel at 9 a.m. on Jan. 5.", "No. 3 was next."]
        );
    }

    #[test]
    fn dotted_abbreviation_before_a_sentence_starter_splits() {
        assert_eq!(sents("He flew to the U.S. The talks failed."), ["He flew to the U.S.", "The talks failed."]);
        assert_eq!(sents("The U.N. Security Council met."), ["The U.N. Security Council met."]);
    }

    #[test]
    fn numbers_and_quotes() {
        assert_eq!(
            sents("It rose 1.5 percent. \"We won.\" He said so."),
            ["It rose 1.5 percent.", "\"We won.\"", "He said so."]
        );
        assert_eq!(
            sents("\u{201c}We will fight. We will win,\u{201d} he said."),
            ["\u{201c}We will fight.", "We will win,\u{201d} he said."]
        );
    }

    #[test]
    fn endless_sentences_are_cut_at_white_space() {
        let s = "Raqqa said Thursday IS SDF killed ".repeat(500);
        let pieces = split_paragraph(&s, 0..s.len());
        assert!(pieces.len() >= s.len() / MAX_SENTENCE);
        for p in &pieces {
            assert!(p.len() <= MAX_SENTENCE);
            assert!(!s[p.clone()].starts_with(' ') && !s[p.clone()].ends_with(' '));
        }
        let no_space = "x".repeat(4000);
        assert_eq!(split_paragraph(&no_space, 0..no_space.len()).len(), 3);
    }

    #[test]
    fn a_wide_space_before_a_capital_is_a_cut_too() {
        // A no-break space is two bytes: the word after it starts two bytes on.
        let s = "killed in Raqqa\u{a0}Thursday ".repeat(200);
        let pieces = split_paragraph(&s, 0..s.len());
        assert!(pieces.len() >= s.len() / MAX_SENTENCE);
        for p in &pieces {
            assert!(p.len() <= MAX_SENTENCE && s.is_char_boundary(p.start) && s.is_char_boundary(p.end));
        }
    }

    #[test]
    fn lower_case_after_stop_is_no_boundary() {
        assert_eq!(
            sents("The base at St. Petersburg was hit. it was late"),
            ["The base at St. Petersburg was hit. it was late"]
        );
    }
}
