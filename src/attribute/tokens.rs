//! Words, punctuation and quote marks of one sentence, with byte ranges.

use std::ops::Range;

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

pub fn starts_with_quote(s: &str) -> bool {
    quote_at(s).is_some()
}

pub fn ends_with_quote(s: &str) -> bool {
    s.ends_with(is_quote_char) || s.ends_with("''")
}

fn joins_word(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '.' | '/' | '&' | '\u{2010}' | '\u{2011}')
}

/// Split `text[range]` into tokens. Apostrophes, hyphens and inner dots stay
/// inside words (`Trump’s`, `IS-held`, `U.S.`).
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Token> {
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
                            if !(d.is_alphanumeric() || d == '-' && slice[k + 1..].starts_with(char::is_alphanumeric)) {
                                break;
                            }
                            end = range.start + k + d.len_utf8();
                            chars.next();
                        }
                    }
                }
            }
            out.push(Token { range: start..end, kind: TokenKind::Word });
        } else if let Some((len, _)) = quote_at(&slice[i..]) {
            out.push(Token { range: start..start + len, kind: TokenKind::Quote });
            if len > c.len_utf8() {
                chars.next();
            }
        } else if !c.is_whitespace() {
            out.push(Token { range: start..start + c.len_utf8(), kind: TokenKind::Punct(c) });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s, 0..s.len()).iter().map(|t| &s[t.range.clone()]).collect()
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

    #[test]
    fn wide_characters_keep_byte_ranges() {
        let s = "Café — Deir al-Zour said";
        for t in tokenize(s, 0..s.len()) {
            assert!(s.get(t.range.clone()).is_some());
        }
        assert_eq!(words(s), ["Café", "—", "Deir", "al-Zour", "said"]);
    }
}
