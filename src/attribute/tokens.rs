//! Words, punctuation and quote marks of one sentence, with byte ranges.

use std::ops::Range;

use crate::text::{ASCII_ALPHANUMERIC, alphanumeric_end, char_at, letters_run};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    /// A double quote mark of any shape (`"`, `“`, `”`, `«`, `»`).
    Quote,
    Punct(char),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    pub kind: TokenKind,
}

/// Words that keep a following full stop (`Mr.`, `Gen.`).
const DOTTED: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gen", "lt", "col", "maj", "capt", "sgt", "gov", "st", "jr", "sr", "prof",
    "brig", "adm", "cmdr", "rev", "pres", "amb", "sec",
];
/// The longest of `DOTTED`.
const MAX_DOTTED: usize = 4;

pub fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '\u{201c}' | '\u{201d}' | '\u{ab}' | '\u{bb}')
}

/// Which way a quote mark faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facing {
    Open,
    Close,
    /// A straight mark: it opens when nothing is open.
    Either,
}

/// The quote mark that `s` starts with: its length in bytes and facing.
/// Old archives write quotes as two apostrophes (`''`) or backticks.
pub fn quote_at(s: &str) -> Option<(usize, Facing)> {
    if s.starts_with("''") {
        return Some((2, Facing::Either));
    }
    if s.starts_with("``") {
        return Some((2, Facing::Open));
    }
    let c = s.chars().next()?;
    let facing = match c {
        '\u{201c}' | '\u{ab}' => Facing::Open,
        '\u{201d}' | '\u{bb}' => Facing::Close,
        '"' => Facing::Either,
        _ => return None,
    };
    Some((c.len_utf8(), facing))
}

/// Where the quote marks of `s` start, in order, none inside another (`'''`
/// is one doubled mark and a lone apostrophe); `ascii` says that `s` is
/// ASCII, and holds no wide mark. Each mark is read by `quote_at` where its
/// first byte stands, and those bytes are found with `memchr`: the ASCII
/// ones (`"`, `'`, `` ` ``) in one search, the lead bytes of `“` and `”` (E2)
/// and of `«` and `»` (C2) in another, their places taken in turn. An
/// automaton's search for the marks costs more, and the quote scan reads
/// every byte of every report.
pub fn quote_marks(s: &str, ascii: bool) -> impl Iterator<Item = usize> + '_ {
    let bytes = s.as_bytes();
    let mut plain = memchr::memchr3_iter(b'"', b'\'', b'`', bytes).peekable();
    let mut wide = memchr::memchr2_iter(0xE2, 0xC2, if ascii { &[] } else { bytes }).peekable();
    // Where the last mark found ends: a byte before it is inside it.
    let mut free = 0;
    std::iter::from_fn(move || {
        loop {
            let at = match (plain.peek(), wide.peek()) {
                (Some(p), Some(w)) if w < p => wide.next(),
                (Some(_), _) => plain.next(),
                (None, _) => wide.next(),
            }?;
            // Each byte searched for is ASCII or a lead byte: a character starts there.
            if let Some((len, _)) = quote_at(&s[at..]).filter(|_| at >= free) {
                free = at + len;
                return Some(at);
            }
        }
    })
}

/// Whether `s` holds a double quote mark of any shape, found by lead byte
/// rather than by decoding every char.
pub fn contains_quote_char(s: &str) -> bool {
    memchr::memchr3_iter(b'"', 0xE2, 0xC2, s.as_bytes()).any(|i| s[i..].starts_with(is_quote_char))
}

pub fn starts_with_quote(s: &str) -> bool {
    quote_at(s).is_some()
}

pub fn ends_with_quote(s: &str) -> bool {
    s.ends_with(is_quote_char) || s.ends_with("''")
}

fn joins_word(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '.' | '/' | '&' | '\u{2010}' | '\u{2011}')
}

fn alphanumeric_at(s: &str, i: usize) -> bool {
    char_at(s, i).is_some_and(char::is_alphanumeric)
}

/// Split `text[range]` into tokens, in place of those `reused` held.
/// Apostrophes, hyphens and inner dots stay inside words (`Trump’s`,
/// `IS-held`, `U.S.`).
///
/// Out of line: inlined into the claims' loop, it shared its registers
/// with all that loop keeps, and kept its own in memory.
#[inline(never)]
pub fn tokenize(text: &str, range: Range<usize>, reused: &mut Vec<Token>) {
    // Filled as a local and handed back at the end: a push through the
    // reference stores the length to memory, and reloads the vector, each time.
    let mut out = std::mem::take(reused);
    out.clear();
    // Offsets stay the text's: it is cut at the range's end, so that no
    // word runs on past it, and read from the range's start.
    let slice = &text[..range.end];
    let bytes = slice.as_bytes();
    let mut i = range.start;
    while let Some(&b) = bytes.get(i) {
        let start = i;
        // ASCII letters and digits start most tokens: a table look-up, no
        // character decoded.
        if ASCII_ALPHANUMERIC[usize::from(b)] {
            // Past its ASCII letters and digits a word goes on only at an
            // inner mark or a wider character, and keeps only a dot after
            // it: most end at a space or a plain mark, and `word_end`'s
            // further tests are for the rest.
            let (letters_end, _) = letters_run(text.as_bytes(), i, range.end);
            let end = match bytes.get(letters_end) {
                Some(b'\'' | b'-' | b'.' | b'/' | b'&' | 0x80..) => word_end(slice, i, char::from(b), letters_end),
                _ => letters_end,
            };
            out.push(Token { range: start..end, kind: TokenKind::Word });
            // Most words are followed by one space: stepping over it here
            // spares a round of the loop for it.
            i = end + usize::from(bytes.get(end) == Some(&b' '));
            continue;
        }
        // A space, a token apart in news copy, needs no test beyond this one.
        if b == b' ' {
            i += 1;
            continue;
        }
        let Some(c) = char_at(slice, i) else { break };
        if !c.is_ascii() && c.is_alphanumeric() {
            let end = word_end(slice, i, c, alphanumeric_end(bytes, i + c.len_utf8()));
            out.push(Token { range: start..end, kind: TokenKind::Word });
            i = end;
        } else if c.is_whitespace() {
            // The rest of what is not a word, and never a quote mark.
            i += c.len_utf8();
        } else if let Some((len, _)) = quote_at(&slice[i..]) {
            out.push(Token { range: start..start + len, kind: TokenKind::Quote });
            i += len;
        } else {
            out.push(Token { range: start..start + c.len_utf8(), kind: TokenKind::Punct(c) });
            i += c.len_utf8();
        }
    }
    *reused = out;
}

/// Where the word that starts at `slice[i..]` with `first` ends, given
/// where the ASCII letters and digits after `first` end (`letters_end`):
/// the caller has read them already, most often to find that the word
/// goes on no further than a stop.
fn word_end(slice: &str, i: usize, first: char, letters_end: usize) -> usize {
    let bytes = slice.as_bytes();
    let mut end = letters_end;
    let mut inner_dot = false;
    loop {
        // What most words end at, a space or a stop, is an ASCII byte that joins no word.
        match bytes.get(end) {
            None => break,
            Some(&b) if b.is_ascii() && !matches!(b, b'\'' | b'-' | b'.' | b'/' | b'&') => break,
            Some(_) => {}
        }
        let Some(d) = char_at(slice, end) else { break };
        if d.is_alphanumeric() {
            end += d.len_utf8();
        } else if joins_word(d) && alphanumeric_at(slice, end + d.len_utf8()) {
            // Only when a letter or digit follows: `U.S`, `al-Zour`, `Trump’s`.
            inner_dot |= d == '.';
            end += d.len_utf8();
        } else {
            break;
        }
        // ASCII letters and digits, the bulk of a word, eight bytes at a time.
        end = alphanumeric_end(bytes, end);
    }
    // A trailing dot belongs to `Mr.` and `U.S.`. It ends every sentence's
    // last word, which is mostly longer than any of `DOTTED`: its length
    // rules it out before the list is read.
    if bytes.get(end) == Some(&b'.') {
        let word = &slice[i..end];
        let single_capital = word.len() == 1 && first.is_uppercase();
        let dotted = || word.len() <= MAX_DOTTED && DOTTED.iter().any(|d| d.eq_ignore_ascii_case(word));
        if inner_dot || single_capital || dotted() {
            end += 1;
            // `U.S.-led`: a hyphen after the dot goes on with the word.
            if bytes.get(end) == Some(&b'-') && alphanumeric_at(slice, end + 1) {
                end += 1;
                while let Some(d) = char_at(slice, end) {
                    if !(d.is_alphanumeric() || d == '-' && alphanumeric_at(slice, end + 1)) {
                        break;
                    }
                    end += d.len_utf8();
                }
            }
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &str) -> Vec<Token> {
        let mut out = vec![Token { range: 0..0, kind: TokenKind::Quote }];
        tokenize(s, 0..s.len(), &mut out);
        out
    }

    fn words(s: &str) -> Vec<&str> {
        tokens(s).iter().map(|t| &s[t.range.clone()]).collect()
    }

    #[test]
    fn dotted_words_are_no_longer_than_max_dotted() {
        assert!(DOTTED.iter().all(|d| d.len() <= MAX_DOTTED));
    }

    #[test]
    fn words_keep_their_inner_marks() {
        assert_eq!(words("Mr. Obama’s U.S. policy, IS-held"), ["Mr.", "Obama’s", "U.S.", "policy", ",", "IS-held"]);
        assert_eq!(
            words("the U.S.-led coalition, U.S.- and"),
            ["the", "U.S.-led", "coalition", ",", "U.S.", "-", "and"]
        );
        assert_eq!(
            words("\u{201c}We won,\u{201d} he said."),
            ["\u{201c}", "We", "won", ",", "\u{201d}", "he", "said", "."]
        );
    }

    /// The marks `quote_at` reads, one after another.
    fn marks_by_quote_at(s: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(c) = s[i..].chars().next() {
            match quote_at(&s[i..]) {
                Some((len, _)) => {
                    out.push(i);
                    i += len;
                }
                None => i += c.len_utf8(),
            }
        }
        out
    }

    /// Every quote mark `quote_at` reads, the doubled ones first so that
    /// they win over a single mark at the same place.
    const QUOTE_MARKS: [&str; 7] = ["''", "``", "\"", "\u{201c}", "\u{201d}", "\u{ab}", "\u{bb}"];

    /// The quote marks as an automaton finds them, as `quote_marks` found
    /// them before it searched for their first bytes.
    fn marks_by_automaton(s: &str) -> Vec<usize> {
        let finder = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(QUOTE_MARKS)
            .expect("the quote marks build");
        finder.find_iter(s).map(|m| m.start()).collect()
    }

    proptest::proptest! {
        #[test]
        fn quote_marks_are_those_an_automaton_and_quote_at_find(
            s in "[a '`\"\u{201c}\u{201d}\u{ab}\u{bb}\u{a0}\u{2019}\u{e2}\u{2014}\u{c2}]{0,24}"
        ) {
            let found: Vec<usize> = quote_marks(&s, false).collect();
            proptest::prop_assert_eq!(&found, &marks_by_automaton(&s));
            proptest::prop_assert_eq!(&found, &marks_by_quote_at(&s));
            if s.is_ascii() {
                proptest::prop_assert_eq!(quote_marks(&s, true).collect::<Vec<_>>(), found);
            }
        }
    }

    #[test]
    fn quote_marks_are_those_quote_at_reads() {
        let samples = [
            "''It is over,'' he said. '''Three'' `` ``` `x",
            "\u{201c}We won\u{201d} \u{ab}non\u{bb} \"so\" Trump\u{2019}s \u{a0}\u{2014} caf\u{e9} '",
            "",
            "no marks here",
        ];
        for s in samples {
            assert_eq!(quote_marks(s, s.is_ascii()).collect::<Vec<_>>(), marks_by_quote_at(s), "{s}");
            assert_eq!(contains_quote_char(s), s.contains(is_quote_char), "{s}");
        }
    }

    /// The tokenizer as first written, a char at a time: the reference the
    /// byte-reading one must agree with.
    fn tokenize_by_chars(text: &str, range: Range<usize>) -> Vec<Token> {
        let mut out = Vec::new();
        let slice = &text[range.clone()];
        let mut chars = slice.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let start = range.start + i;
            if c.is_alphanumeric() {
                let mut end = start + c.len_utf8();
                let mut inner_dot = false;
                while let Some(&(j, d)) = chars.peek() {
                    if d.is_alphanumeric() {
                        end = range.start + j + d.len_utf8();
                        chars.next();
                    } else if joins_word(d) {
                        // Only when a letter or digit follows: `U.S`, `al-Zour`, `Trump’s`.
                        let after = slice[j + d.len_utf8()..].chars().next();
                        if after.is_some_and(char::is_alphanumeric) {
                            inner_dot |= d == '.';
                            end = range.start + j + d.len_utf8();
                            chars.next();
                        } else {
                            break;
                        }
                    } else {
                        break;
                    }
                }
                // A trailing dot belongs to `Mr.` and `U.S.`.
                if let Some(&(j, '.')) = chars.peek() {
                    let word = text[start..end].to_ascii_lowercase();
                    let single_capital = word.len() == 1 && c.is_uppercase();
                    if inner_dot || single_capital || DOTTED.contains(&word.as_str()) {
                        end = range.start + j + 1;
                        chars.next();
                        // `U.S.-led`: a hyphen after the dot goes on with the word.
                        if let Some(&(h, '-')) = chars.peek()
                            && slice[h + 1..].starts_with(char::is_alphanumeric)
                        {
                            chars.next();
                            while let Some(&(k, d)) = chars.peek() {
                                if !(d.is_alphanumeric()
                                    || d == '-' && slice[k + 1..].starts_with(char::is_alphanumeric))
                                {
                                    break;
                                }
                                end = range.start + k + d.len_utf8();
                                chars.next();
                            }
                        }
                    }
                }
                out.push(Token { range: start..end, kind: TokenKind::Word });
            } else if c.is_whitespace() {
                // Most of what is not a word, and never a quote mark.
            } else if let Some((len, _)) = quote_at(&slice[i..]) {
                out.push(Token { range: start..start + len, kind: TokenKind::Quote });
                if len > c.len_utf8() {
                    chars.next();
                }
            } else {
                out.push(Token { range: start..start + c.len_utf8(), kind: TokenKind::Punct(c) });
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn tokens_agree_with_the_char_reading_tokenizer(
            s in "[a-zA-Z0-9 \t\n.,'\u{2019}\\-/&\"\u{201c}\u{201d}\u{ab}\u{bb}`\u{e9}\u{2014}\u{2010}\u{a0}]{0,40}"
        ) {
            proptest::prop_assert_eq!(tokens(&s), tokenize_by_chars(&s, 0..s.len()));
        }

        #[test]
        fn tokens_of_a_range_are_those_of_its_text_moved(
            s in "[a-zA-Z0-9 .,'\\-\"\u{201c}\u{e9}\u{2014}]{0,40}",
            from in 0usize..48,
            to in 0usize..48,
        ) {
            let to = (to.min(s.len())..=s.len()).find(|&i| s.is_char_boundary(i)).unwrap_or(s.len());
            let from = (from.min(to)..=to).find(|&i| s.is_char_boundary(i)).unwrap_or(to);
            let mut in_place = Vec::new();
            tokenize(&s, from..to, &mut in_place);
            let moved: Vec<Token> = tokens(&s[from..to])
                .into_iter()
                .map(|t| Token { range: t.range.start + from..t.range.end + from, kind: t.kind })
                .collect();
            proptest::prop_assert_eq!(in_place, moved);
        }
    }

    #[test]
    fn wide_characters_keep_byte_ranges() {
        let s = "Café — Deir al-Zour said";
        for t in tokens(s) {
            assert!(s.get(t.range.clone()).is_some());
        }
        assert_eq!(words(s), ["Café", "—", "Deir", "al-Zour", "said"]);
    }
}
