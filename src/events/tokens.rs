//! Words and punctuation of one sentence, as byte ranges into the report's
//! text, and the small word tests the event rules ask of them.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// A list of lower-case words the rules test tokens against, with its own bit.
#[derive(Debug)]
pub struct WordList {
    pub bit: u64,
    pub words: &'static [&'static str],
}

impl WordList {
    pub const fn new(index: u32, words: &'static [&'static str]) -> Self {
        WordList { bit: 1 << index, words }
    }
}

/// FNV-1a: the keys are short words, for which SipHash costs more than the look-up.
#[derive(Default, Clone, Copy)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// For each word of any list, the bits of the lists it is in.
struct ListsOf {
    map: FnvMap<&'static str, u64>,
    /// The longest listed word, in bytes: longer tokens need no look-up.
    longest: usize,
}

static LISTS_OF: LazyLock<ListsOf> = LazyLock::new(|| {
    let mut map: FnvMap<&'static str, u64> = FnvMap::default();
    for list in super::WORD_LISTS {
        for w in list.words {
            *map.entry(*w).or_default() |= list.bit;
        }
    }
    let longest = map.keys().map(|w| w.len()).max().unwrap_or(0);
    ListsOf { map, longest }
});

/// One word (letters and digits, with inner apostrophes and hyphens) or one
/// punctuation mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub bytes: Range<usize>,
    pub word: bool,
}

/// The tokens of `range` in `text`.
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Token> {
    let slice = &text[range.clone()];
    let bytes = slice.as_bytes();
    // Most text is ASCII: read a byte as a char, and decode only the rest.
    let char_at = |i: usize| -> Option<char> {
        match bytes.get(i) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            Some(_) => slice.get(i..).and_then(|rest| rest.chars().next()),
            None => None,
        }
    };
    let mut out = Vec::with_capacity(bytes.len() / 4 + 1);
    let mut i = 0;
    while let Some(c) = char_at(i) {
        let start = i;
        i += c.len_utf8();
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            while let Some(d) = char_at(i) {
                let after = i + d.len_utf8();
                if d.is_alphanumeric() {
                    i = after;
                    continue;
                }
                // Inner apostrophes and hyphens (`IS-held`, `won't`) and
                // digit groups (`1,200`, `2.5`) stay in the word.
                let joins = match d {
                    '.' | ',' => bytes[i - 1].is_ascii_digit() && char_at(after).is_some_and(|n| n.is_ascii_digit()),
                    '\'' | '\u{2019}' | '-' => char_at(after).is_some_and(char::is_alphanumeric),
                    _ => false,
                };
                if !joins {
                    break;
                }
                i = after;
            }
        }
        out.push(Token { bytes: range.start + start..range.start + i, word: c.is_alphanumeric() });
    }
    out
}

/// The tokens of one sentence with the text they point into.
pub struct Words<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    /// The sentence in ASCII lower case (same byte offsets), for comparing
    /// words with the lexicons' lower-case lists.
    lower: String,
    offset: usize,
    /// Per token, the bits of the word lists it is in.
    lists: Vec<u64>,
}

impl<'a> Words<'a> {
    pub fn new(text: &'a str, range: Range<usize>) -> Self {
        let lower = text[range.clone()].to_ascii_lowercase();
        let tokens = tokenize(text, range.clone());
        let lists_of = &*LISTS_OF;
        let lists = tokens
            .iter()
            .map(|t| {
                if t.bytes.len() > lists_of.longest {
                    return 0;
                }
                lower
                    .get(t.bytes.start - range.start..t.bytes.end - range.start)
                    .map_or(0, |w| lists_of.map.get(w).copied().unwrap_or(0))
            })
            .collect();
        Words { text, tokens, lower, offset: range.start, lists }
    }

    /// Whether token `i` is a word of `list`.
    pub fn has(&self, i: usize, list: &WordList) -> bool {
        self.lists.get(i).is_some_and(|bits| bits & list.bit != 0)
    }

    /// Token `i` in ASCII lower case (`""` past the end), without a copy.
    pub fn lower(&self, i: usize) -> &str {
        self.tokens
            .get(i)
            .and_then(|t| self.lower.get(t.bytes.start - self.offset..t.bytes.end - self.offset))
            .unwrap_or("")
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    pub fn str(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| &self.text[t.bytes.clone()])
    }

    /// Token `i` in ASCII lower case as bytes (empty past the end): tokens
    /// lie on char boundaries, so comparing bytes needs no boundary checks.
    fn lower_bytes(&self, i: usize) -> &[u8] {
        self.tokens
            .get(i)
            .and_then(|t| self.lower.as_bytes().get(t.bytes.start - self.offset..t.bytes.end - self.offset))
            .unwrap_or_default()
    }

    /// Whether token `i` is `word` (given in lower case), ignoring ASCII case.
    pub fn is(&self, i: usize, word: &str) -> bool {
        self.lower_bytes(i) == word.as_bytes()
    }

    /// Whether token `i` is one of `words` (given in lower case), ignoring ASCII case.
    pub fn is_any(&self, i: usize, words: &[&str]) -> bool {
        let s = self.lower_bytes(i);
        !s.is_empty() && words.iter().any(|w| w.as_bytes() == s)
    }

    /// Whether the tokens from `i` on spell `phrase` (lower-case words
    /// separated by single spaces).
    pub fn phrase_at(&self, i: usize, phrase: &str) -> bool {
        // Compare word by word without splitting: the first word decides most calls.
        let mut k = i;
        let mut rest = phrase;
        loop {
            // A byte scan: `str::find` sets up a searcher that costs more than these short phrases.
            let (word, more) = match rest.bytes().position(|b| b == b' ') {
                Some(at) => (&rest[..at], Some(&rest[at + 1..])),
                None => (rest, None),
            };
            if !self.is(k, word) {
                return false;
            }
            match more {
                Some(m) => {
                    rest = m;
                    k += 1;
                }
                None => return true,
            }
        }
    }

    /// The index of the first token that ends after byte `byte`.
    pub fn index_at(&self, byte: usize) -> usize {
        self.tokens.partition_point(|t| t.bytes.end <= byte)
    }

    /// The token range a byte range covers.
    pub fn covering(&self, bytes: &Range<usize>) -> Range<usize> {
        let from = self.index_at(bytes.start);
        let to = self.tokens.partition_point(|t| t.bytes.start < bytes.end);
        from..to.max(from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_list_has_its_own_bit() {
        let mut seen = 0u64;
        for list in super::super::WORD_LISTS {
            assert_eq!(seen & list.bit, 0, "{:?}", list.words.first());
            seen |= list.bit;
            assert!(list.words.iter().all(|w| *w == w.to_ascii_lowercase()), "{:?}", list.words);
        }
        let s = "They will not strike";
        let w = Words::new(s, 0..s.len());
        assert!(w.has(1, &crate::events::modality::MODALS) && !w.has(3, &crate::events::modality::MODALS));
    }

    fn words(s: &str) -> Vec<&str> {
        tokenize(s, 0..s.len()).into_iter().map(|t| &s[t.bytes]).collect()
    }

    #[test]
    fn words_keep_inner_hyphens_apostrophes_and_digit_groups() {
        assert_eq!(
            words("IS-held areas, won't; 1,200 people (SDF)."),
            ["IS-held", "areas", ",", "won't", ";", "1,200", "people", "(", "SDF", ")", "."]
        );
        assert_eq!(words("Deir al-Zour’s — é"), ["Deir", "al-Zour’s", "—", "é"]);
        assert_eq!(words("in 2017, 12"), ["in", "2017", ",", "12"]);
    }
}
