//! Words and punctuation of one sentence, as byte ranges into the report's
//! text, and the small word tests the event rules ask of them.

use std::ops::Range;
use std::sync::LazyLock;

use crate::text::{ASCII_ALPHANUMERIC, char_at, letters_run};
use crate::words::{KEY_BYTES, KeyMap, WordKey, fibonacci_slot, fold_halves, short_word_key, word_key, word_key_at};

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

    /// Whether a word of this list is among words whose lists together are
    /// `lists` (see [`Words::lists`]).
    pub fn among(&self, lists: u64) -> bool {
        lists & self.bit != 0
    }
}

/// For each word of any list, the bits of the lists it is in; and the
/// first words of the trigger forms, with [`TRIGGER_STARTS`]' bit and the
/// index of the forms they start (see [`Listing`]).
static LISTS_OF: LazyLock<ListTable> = LazyLock::new(|| {
    let mut map = KeyMap::<u64>::default();
    for list in super::WORD_LISTS {
        assert!(list.bit < Listing::FORMS_BIT, "the list bits run into the forms' index");
        for w in list.words {
            let key = word_key(w.as_bytes()).expect("listed words are at most KEY_BYTES long");
            *map.entry(key).or_default() |= list.bit;
        }
    }
    for (first, forms) in super::lexicon::LEXICON.first_words() {
        // A longer first word is looked up for every word as long.
        if let Some(key) = word_key(first.as_bytes()) {
            *map.entry(key).or_default() |= TRIGGER_STARTS.bit | Listing::of_forms(forms);
        }
    }
    ListTable::new(map)
});

/// What the [`ListTable`] holds of a word, packed into one `u64` so that a
/// look-up loads one number: the bits of its lists below [`Listing::FORMS_BIT`],
/// and above, one more than the index of the trigger forms it is the
/// first word of (0 where it starts none).
struct Listing;

impl Listing {
    const FORMS_SHIFT: u32 = 48;
    const FORMS_BIT: u64 = 1 << Self::FORMS_SHIFT;

    fn of_forms(forms: usize) -> u64 {
        let forms = u16::try_from(forms + 1).expect("the trigger forms' first words fit 16 bits");
        u64::from(forms) << Self::FORMS_SHIFT
    }

    fn lists(listing: u64) -> u64 {
        listing & (Self::FORMS_BIT - 1)
    }

    fn forms(listing: u64) -> Option<u16> {
        ((listing >> Self::FORMS_SHIFT) as u16).checked_sub(1)
    }
}

/// The slots of the short words' half of the [`ListTable`], which most
/// tokens probe: a power of two at least eight times the short words listed
/// (some 490), so that few words in no list land on a taken slot and probe
/// on.
const SHORT_SLOTS: usize = 1 << 13;

/// The slots of the long words' half (some 300 words), which only a token
/// of eight or more bytes probes: at most a quarter full, so that the two
/// halves take no more memory to make at start-up than one table of all the
/// words an eighth full.
const LONG_SLOTS: usize = 1 << 11;

/// The key of a word of fewer than eight bytes in the [`ListTable`]: its
/// bytes, and its length in the top byte. Most tokens are that short, and
/// hashing and comparing one `u64` costs less than a [`WordKey`].
type ShortKey = u64;

/// The [`ShortKey`] of a word of `len` bytes, fewer than eight, that are the
/// low bytes of `block` (see [`short_word_key`]).
fn short_key(block: u64, len: usize) -> ShortKey {
    short_word_key(block, len) as u64 | (len as u64) << (8 * (size_of::<ShortKey>() - 1))
}

/// The [`WordKey`] of a word of `len` bytes, eight or more, that are the
/// low bytes of `loaded` (see [`word_key`]); `None` where it is too long for
/// a key. The low half is all the word's, and the high half's bytes are cut
/// with a shift of a `u64`, which costs less than one of a `u128`.
fn long_key(loaded: u128, len: usize) -> Option<WordKey> {
    const HALF: usize = size_of::<u64>();
    debug_assert!(len >= HALF);
    (len <= KEY_BYTES).then(|| {
        let high = (loaded >> 64) as u64 & ((1 << (8 * (len - HALF))) - 1);
        let length = (len as u64) << (8 * (KEY_BYTES - HALF));
        WordKey::from(loaded as u64) | WordKey::from(high | length) << 64
    })
}

/// The list bits of words, looked up for every token of every sentence: by
/// [`ShortKey`] for the words of fewer than eight bytes, and by [`WordKey`]
/// for the longer ones.
struct ListTable {
    short: Slots<ShortKey, SHORT_SLOTS>,
    long: Slots<WordKey, LONG_SLOTS>,
}

impl ListTable {
    fn new(words: KeyMap<u64>) -> Self {
        let (mut short, mut long) = (Slots::default(), Slots::default());
        for (key, lists) in words {
            match Self::short_of(key) {
                Some(key) => short.insert(key, lists),
                None => long.insert(key, lists),
            }
        }
        ListTable { short, long }
    }

    /// The [`ShortKey`] of the word of `key`, if it is that short.
    fn short_of(key: WordKey) -> Option<ShortKey> {
        let len = (key >> (8 * KEY_BYTES)) as usize;
        (len < size_of::<ShortKey>()).then(|| short_key(key as u64, len))
    }

    /// The [`Listing`] of the word of `key`.
    fn get(&self, key: WordKey) -> u64 {
        match Self::short_of(key) {
            Some(key) => self.short.get(key),
            None => self.long.get(key),
        }
    }
}

/// A key the [`Slots`] hash: with one multiply, of its bits folded into one `u64`.
trait SlotKey: Copy + Eq + Default {
    fn folded(self) -> u64;
}

impl SlotKey for ShortKey {
    fn folded(self) -> u64 {
        self
    }
}

impl SlotKey for WordKey {
    fn folded(self) -> u64 {
        fold_halves(self)
    }
}

/// An open-addressed table of [`Listing`]s in `SLOTS` slots, at most a
/// quarter full, so that a word in no list, most words, is mostly told by one
/// empty slot, where a general map probes a group of slots and matches their
/// tags first. `SLOTS` is a fixed power of two, so that a slot index, a
/// hash's top bits, is known to lie in the table and is read with no bounds
/// check.
struct Slots<K, const SLOTS: usize> {
    /// Each slot's key with its listing side by side, in one allocation
    /// made at start-up.
    slots: Box<[Slot<K>; SLOTS]>,
    len: usize,
}

#[derive(Clone, Copy, Default)]
struct Slot<K> {
    /// 0 (no word's key) where the slot is empty.
    key: K,
    listing: u64,
}

impl<K: SlotKey, const SLOTS: usize> Default for Slots<K, SLOTS> {
    fn default() -> Self {
        Slots { slots: Box::new([Slot::default(); SLOTS]), len: 0 }
    }
}

impl<K: SlotKey, const SLOTS: usize> Slots<K, SLOTS> {
    fn slot(key: K) -> usize {
        fibonacci_slot(key.folded(), SLOTS)
    }

    fn insert(&mut self, key: K, listing: u64) {
        self.len += 1;
        assert!(self.len * 4 <= SLOTS, "the word lists outgrow their table: double its slots");
        let mut at = Self::slot(key);
        while self.slots[at].key != K::default() {
            at = (at + 1) % SLOTS;
        }
        self.slots[at] = Slot { key, listing };
    }

    fn get(&self, key: K) -> u64 {
        let mut at = Self::slot(key);
        loop {
            match self.slots[at] {
                Slot { key: k, listing } if k == key => return listing,
                Slot { key: k, .. } if k == K::default() => return 0,
                _ => at = (at + 1) % SLOTS,
            }
        }
    }
}

/// The bits of the lists `lower`, a word in ASCII lower case, is in: for a
/// part of a word, whose lists the tokenizer did not look up. A word too
/// long for a key is in none, as no listed word is.
pub fn lists_of(lower: &[u8]) -> u64 {
    word_key(lower).map_or(0, |key| Listing::lists(LISTS_OF.get(key)))
}

/// The words a trigger form may start in: the first words of the forms,
/// which come from the lexicon; and, as [`Words::new`] marks them, words
/// with an apostrophe (a form may start after it) and words too long for a
/// key, whose start is not known without a look at them.
pub(crate) const TRIGGER_STARTS: WordList = WordList::new(32, &[]);

/// One word (letters and digits, with inner apostrophes and hyphens) or one
/// punctuation mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub bytes: Range<usize>,
    /// The bits of the word lists it is in (see [`Words::lists`]); kept with
    /// the token, so that a sentence's words fill one buffer, not two. Its
    /// [`Listing`] as looked up: the trigger forms' index above the lists'
    /// bits is left in, as no list's test reads those bits, rather than
    /// masked off for every token.
    pub lists: u64,
    pub word: bool,
    /// A word with an inner hyphen (`twenty-five`, `IS-held`).
    pub hyphenated: bool,
    /// A word with an inner apostrophe, straight or curly (`Assad's`, `won’t`).
    pub apostrophe: bool,
}

/// What a byte is to the tokenizer: ASCII is classed by its byte, looked
/// up in [`BYTE_CLASS`] with one load; only the rest is decoded.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ByteClass {
    /// As `char::is_whitespace`, which also counts the vertical tab.
    Space,
    Alphanumeric,
    /// Any other ASCII: a mark of its own.
    Mark,
    /// A mark a word may hold (`IS-held`, `won't`, `1,200`, `2.5`): a mark
    /// of its own elsewhere.
    InnerMark,
    /// Part of a multi-byte character.
    Wide,
}

static BYTE_CLASS: [ByteClass; 256] = {
    let mut classes = [ByteClass::Wide; 256];
    let mut b = 0;
    while b < 128 {
        classes[b] = match b as u8 {
            b'\t'..=b'\r' | b' ' => ByteClass::Space,
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => ByteClass::Alphanumeric,
            b'.' | b',' | b'\'' | b'-' => ByteClass::InnerMark,
            _ => ByteClass::Mark,
        };
        b += 1;
    }
    classes
};

/// The tokens of `range` in `text`.
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Token> {
    let mut out = Vec::with_capacity(range.len() / 4 + 1);
    read_tokens(text, range, |token, _| out.push(token));
    out
}

/// The tokens of `range` in `text`, each handed to `each` as it is read, so
/// that a caller can derive what it needs of a token in the same pass; with
/// a token that starts with an ASCII byte, the sixteen bytes from its start
/// as they were loaded to find its end (little-endian): all of a token's
/// that is short enough for a key, and then maybe some past it.
fn read_tokens(text: &str, range: Range<usize>, mut each: impl FnMut(Token, Option<u128>)) {
    // Offsets stay the report's: the text is cut at the sentence's end, so
    // that no word runs on past it, and read from the sentence's start.
    let s = &text[..range.end];
    let bytes = s.as_bytes();
    let mut i = range.start;
    while let Some(&b) = bytes.get(i) {
        let start = i;
        let mut marks = WordMarks::default();
        let mut head = None;
        // Most tokens are words that start with an ASCII letter or digit:
        // one load and test of a table of those tells them, where a match
        // on the byte's class jumps through a table of places; only the
        // other tokens are matched on it.
        let word = if ASCII_ALPHANUMERIC[usize::from(b)] {
            let (letters_end, loaded) = letters_run(text.as_bytes(), i, range.end);
            // Past its ASCII letters and digits a word goes on only at
            // an inner mark or a wider character: most end at a space
            // or a plain mark, told by the class of the byte after.
            let runs_on = |&b: &u8| matches!(BYTE_CLASS[usize::from(b)], ByteClass::InnerMark | ByteClass::Wide);
            (i, marks, head) = match bytes.get(letters_end).is_some_and(runs_on) {
                // The few words that run on load their bytes again after
                // the call, which would otherwise keep them on the stack
                // for every word.
                true => {
                    let (end, marks) = word_end(s, letters_end);
                    (end, marks, Some(loaded_again(text.as_bytes(), start, range.end)))
                }
                false => (letters_end, WordMarks::default(), Some(loaded)),
            };
            true
        } else {
            match BYTE_CLASS[usize::from(b)] {
                ByteClass::Space => {
                    i += 1;
                    continue;
                }
                ByteClass::Mark | ByteClass::InnerMark => {
                    head = Some(u128::from(b));
                    i += 1;
                    false
                }
                ByteClass::Wide => {
                    let c = char_at(s, i).unwrap_or_default();
                    i += c.len_utf8();
                    if c.is_whitespace() {
                        continue;
                    }
                    if c.is_alphanumeric() {
                        (i, marks) = word_end(s, i);
                    }
                    c.is_alphanumeric()
                }
                ByteClass::Alphanumeric => unreachable!("the ASCII letters and digits are read above"),
            }
        };
        let WordMarks { hyphenated, apostrophe } = marks;
        each(Token { bytes: start..i, lists: 0, word, hyphenated, apostrophe }, head);
        // Most tokens are followed by one space: stepping over it here
        // spares a round of the loop for it.
        if bytes.get(i) == Some(&b' ') {
            i += 1;
        }
    }
}

/// The sixteen bytes [`letters_run`] loaded from `start`, loaded again:
/// one load but near the report's end, where it copies them out.
fn loaded_again(text: &[u8], start: usize, end: usize) -> u128 {
    match text.get(start..).and_then(<[u8]>::first_chunk::<16>) {
        Some(chunk) => u128::from_le_bytes(*chunk),
        None => letters_run(text, start, end).1,
    }
}

/// The inner marks a word holds.
#[derive(Default, Clone, Copy)]
struct WordMarks {
    hyphenated: bool,
    apostrophe: bool,
}

/// Where the word that runs on at byte `i` of `s` ends, and the marks it holds.
fn word_end(s: &str, mut i: usize) -> (usize, WordMarks) {
    let bytes = s.as_bytes();
    let alphanumeric_at = |at: usize| char_at(s, at).is_some_and(char::is_alphanumeric);
    let mut marks = WordMarks::default();
    while let Some(&b) = bytes.get(i) {
        // Letters and digits, one byte each: the common case, with no decoding.
        if BYTE_CLASS[usize::from(b)] == ByteClass::Alphanumeric {
            i += 1;
            continue;
        }
        // Inner apostrophes and hyphens (`IS-held`, `won't`) and digit
        // groups (`1,200`, `2.5`) stay in the word.
        let step = match b {
            b'.' | b',' => {
                (bytes[i - 1].is_ascii_digit() && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)).then_some(1)
            }
            b'\'' => {
                let inner = alphanumeric_at(i + 1);
                marks.apostrophe |= inner;
                inner.then_some(1)
            }
            b'-' => {
                let inner = alphanumeric_at(i + 1);
                marks.hyphenated |= inner;
                inner.then_some(1)
            }
            _ if b.is_ascii() => None,
            _ => match char_at(s, i) {
                Some(d) if d.is_alphanumeric() => Some(d.len_utf8()),
                Some(d) if d == '\u{2019}' && alphanumeric_at(i + d.len_utf8()) => {
                    marks.apostrophe = true;
                    Some(d.len_utf8())
                }
                _ => None,
            },
        };
        let Some(step) = step else { break };
        i += step;
    }
    (i, marks)
}

/// A word a trigger form may start in: one with [`TRIGGER_STARTS`]' bit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StartAt {
    /// Its index in the sentence's tokens.
    pub token: usize,
    /// Where the whole word is the first word of trigger forms, their index
    /// in the lexicon (see [`Lexicon::first_words`](super::lexicon::Lexicon::first_words)).
    pub forms: Option<u16>,
}

/// The buffers of one sentence's [`Words`], kept for the next sentence:
/// a report's sentences are read one after another, and filling these
/// costs less than allocating them for each.
#[derive(Default)]
pub struct Spare {
    tokens: Vec<Token>,
    starts: Vec<StartAt>,
}

/// The tokens of one sentence with the text they point into.
pub struct Words<'a> {
    pub text: &'a str,
    /// `text` in ASCII lower case (same byte offsets), for comparing words
    /// with the lexicons' lower-case lists.
    lower: &'a str,
    pub tokens: Vec<Token>,
    /// The words a trigger form may start in, in order: the trigger search
    /// reads these rather than walk every token for the few.
    starts: Vec<StartAt>,
    /// The bits of the lists any of the words is in: a rule that needs a
    /// word of some list is passed over at once where the sentence has none.
    anywhere: u64,
}

impl<'a> Words<'a> {
    /// The words of `range` in `text`; `lower` is `text` in ASCII lower case,
    /// made once for all the sentences of a report.
    pub fn new(text: &'a str, lower: &'a str, range: Range<usize>) -> Self {
        Self::reusing(text, lower, range, Spare::default())
    }

    /// As [`Words::new`], filling the buffers another sentence's words have
    /// given back (see [`Words::into_spare`]) rather than allocating anew.
    pub fn reusing(text: &'a str, lower: &'a str, range: Range<usize>, spare: Spare) -> Self {
        debug_assert_eq!(text.len(), lower.len());
        let Spare { mut tokens, mut starts } = spare;
        tokens.clear();
        tokens.reserve(range.len() / 4 + 1);
        starts.clear();
        let lists_of = &*LISTS_OF;
        let mut anywhere = 0;
        // Lowering ASCII changes no byte's class, so `lower` has the tokens
        // of `text`; read from it, a short token's loaded bytes are its key's.
        read_tokens(lower, range, |mut token, head| {
            // A token's end is past its start: `len()` would check that again.
            let len = token.bytes.end - token.bytes.start;
            let listing = match head {
                Some(head) if len < size_of::<ShortKey>() => lists_of.short.get(short_key(head as u64, len)),
                // Only a word is too long for a key. A token read from its
                // loaded bytes is short only if it is under eight bytes, so
                // this one's key, if any, is a long one: its bytes are loaded.
                Some(head) => long_key(head, len).map_or(TRIGGER_STARTS.bit, |key| lists_of.long.get(key)),
                None => word_key_at(lower.as_bytes(), token.bytes.clone())
                    .map_or(TRIGGER_STARTS.bit, |key| lists_of.get(key)),
            };
            let apostrophe = if token.apostrophe { TRIGGER_STARTS.bit } else { 0 };
            token.lists = listing | apostrophe;
            if TRIGGER_STARTS.among(token.lists) {
                starts.push(StartAt { token: tokens.len(), forms: Listing::forms(listing) });
            }
            anywhere |= token.lists;
            tokens.push(token);
        });
        Words { text, lower, tokens, starts, anywhere }
    }

    /// The buffers of these words, for the next sentence's.
    pub fn into_spare(self) -> Spare {
        Spare { tokens: self.tokens, starts: self.starts }
    }

    /// The words a trigger form may start in, in order.
    pub fn starts(&self) -> &[StartAt] {
        &self.starts
    }

    /// The bits of the lists token `i` is in (none past the end), with the
    /// forms' index above them (see [`Token::lists`]).
    pub fn lists(&self, i: usize) -> u64 {
        self.tokens.get(i).map_or(0, |t| t.lists)
    }

    /// Whether any word of the sentence is in `list`.
    pub fn anywhere(&self, list: &WordList) -> bool {
        list.among(self.anywhere)
    }

    /// Whether token `i` is a word with an inner apostrophe.
    pub fn has_apostrophe(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.apostrophe)
    }

    /// Whether token `i` is a word of `list`.
    pub fn has(&self, i: usize, list: &WordList) -> bool {
        self.tokens.get(i).is_some_and(|t| list.among(t.lists))
    }

    /// Token `i` in ASCII lower case (`""` past the end), without a copy.
    pub fn lower(&self, i: usize) -> &'a str {
        self.tokens.get(i).and_then(|t| self.lower.get(t.bytes.clone())).unwrap_or("")
    }

    /// The report's text in ASCII lower case.
    pub fn lower_text(&self) -> &'a str {
        self.lower
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Whether token `i` is a word with an inner hyphen.
    pub fn hyphenated(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.hyphenated)
    }

    pub fn str(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| &self.text[t.bytes.clone()])
    }

    /// Token `i` in ASCII lower case as bytes (empty past the end): tokens
    /// lie on char boundaries, so comparing bytes needs no boundary checks.
    pub fn lower_bytes(&self, i: usize) -> &'a [u8] {
        self.tokens.get(i).and_then(|t| self.lower.as_bytes().get(t.bytes.clone())).unwrap_or_default()
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

    /// Whether the tokens from `i` on are the words of `phrase` (in lower case).
    pub fn phrase_at(&self, i: usize, phrase: &[&str]) -> bool {
        phrase.iter().enumerate().all(|(n, word)| self.is(i + n, word))
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

    /// As [`Words::covering`], for byte ranges taken in order of their
    /// start: `from` is where the range before began (0 for the first), and
    /// the tokens are walked on from there rather than searched, as a
    /// sentence's names and triggers lie a few tokens apart.
    pub fn covering_on(&self, bytes: &Range<usize>, from: usize) -> Range<usize> {
        debug_assert!(from == 0 || self.tokens[from - 1].bytes.end <= bytes.start, "ranges out of order");
        // Walked as a slice: no bounds check at each token.
        let rest = self.tokens.get(from..).unwrap_or_default();
        let before = rest.iter().take_while(|t| t.bytes.end <= bytes.start).count();
        let inside = rest[before..].iter().take_while(|t| t.bytes.start < bytes.end).count();
        from + before..from + before + inside
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `read_tokens` reads a token at a byte of `ASCII_ALPHANUMERIC` before
    /// it asks the byte's class, and holds the class `Alphanumeric`
    /// unreachable: the two tables must name the same bytes.
    #[test]
    fn the_alphanumeric_class_is_the_alphanumeric_table() {
        for b in 0..=255u8 {
            let class = matches!(BYTE_CLASS[usize::from(b)], ByteClass::Alphanumeric);
            assert_eq!(class, ASCII_ALPHANUMERIC[usize::from(b)], "byte {b:#04x}");
        }
    }
    use crate::text::floor_char_boundary;

    #[test]
    fn lists_of_a_word_are_the_lists_holding_it() {
        for list in super::super::WORD_LISTS {
            for w in list.words {
                assert!(list.among(lists_of(w.as_bytes())), "{w}");
            }
        }
        // Unlisted words, a word too long for a key among them.
        for w in ["", "twentyfive", "twenty-", "a-", "approximately-so", "zz"] {
            assert_eq!(lists_of(w.as_bytes()), 0, "{w}");
        }
    }

    #[test]
    fn every_word_list_has_its_own_bit() {
        let mut seen = 0u64;
        for list in super::super::WORD_LISTS {
            assert_eq!(seen & list.bit, 0, "{:?}", list.words.first());
            seen |= list.bit;
            assert!(list.words.iter().all(|w| *w == w.to_ascii_lowercase()), "{:?}", list.words);
        }
        let s = "They will not strike";
        let lower = s.to_ascii_lowercase();
        let w = Words::new(s, &lower, 0..s.len());
        assert!(w.has(1, &crate::events::modality::MODALS) && !w.has(3, &crate::events::modality::MODALS));
        assert!(w.anywhere(&crate::events::modality::MODALS) && !w.anywhere(&crate::events::arguments::COMMA));
    }

    #[test]
    fn the_list_table_holds_what_the_map_does() {
        let mut map = KeyMap::<u64>::default();
        for (n, w) in ["the", "of", "in", ",", "pro-government", "a"].into_iter().enumerate() {
            map.insert(word_key(w.as_bytes()).unwrap(), 1 << n);
        }
        let table = ListTable::new(map.clone());
        for (key, bits) in &map {
            assert_eq!(table.get(*key), *bits);
        }
        for w in ["they", "o", "", "pro-governmen", "attack"] {
            assert_eq!(table.get(word_key(w.as_bytes()).unwrap()), 0, "{w}");
        }
        for list in super::super::WORD_LISTS {
            for w in list.words {
                assert!(LISTS_OF.get(word_key(w.as_bytes()).unwrap()) & list.bit != 0, "{w}");
            }
        }
        // A trigger's first word is listed with the forms it starts.
        for (first, forms) in super::super::lexicon::LEXICON.first_words() {
            if let Some(key) = word_key(first.as_bytes()) {
                let listing = LISTS_OF.get(key);
                assert!(TRIGGER_STARTS.among(Listing::lists(listing)), "{first}");
                assert_eq!(Listing::forms(listing).map(usize::from), Some(forms), "{first}");
            }
        }
    }

    /// The tokenizer as first written, char by char, that the byte-wise one must agree with.
    fn tokenize_by_chars(text: &str) -> Vec<Token> {
        let char_at = |i: usize| text.get(i..).and_then(|rest| rest.chars().next());
        let mut out = Vec::new();
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
                    let joins = match d {
                        '.' | ',' => {
                            text.as_bytes()[i - 1].is_ascii_digit()
                                && char_at(after).is_some_and(|n| n.is_ascii_digit())
                        }
                        '\'' | '\u{2019}' | '-' => char_at(after).is_some_and(char::is_alphanumeric),
                        _ => false,
                    };
                    if !joins {
                        break;
                    }
                    i = after;
                }
            }
            let word = c.is_alphanumeric();
            let hyphenated = word && text[start..i].contains('-');
            let apostrophe = word && text[start..i].contains(['\'', '\u{2019}']);
            out.push(Token { bytes: start..i, lists: 0, word, hyphenated, apostrophe });
        }
        out
    }

    /// `from` and `to` in order, within `s` and on its char boundaries: a
    /// sentence's bounds drawn at random.
    fn sentence_bounds(s: &str, from: usize, to: usize) -> (usize, usize) {
        (floor_char_boundary(s, from.min(to)), floor_char_boundary(s, from.max(to)))
    }

    proptest::proptest! {
        #[test]
        fn bytewise_tokens_are_the_char_by_char_ones(s in r"[ aZ09.,'\u{2019}\-\u{2014}\u{e9}\u{664}\t\n\u{b}\u{a0}\u{2009}]{0,40}") {
            proptest::prop_assert_eq!(tokenize(&s, 0..s.len()), tokenize_by_chars(&s));
        }

        /// Long runs of letters and digits, which are read eight at a time.
        #[test]
        fn tokens_of_long_words_are_the_char_by_char_ones(s in r"([aZ09]{0,20}[ .,'\u{2019}\-\u{e9}\u{a0}]{0,2}){0,5}") {
            proptest::prop_assert_eq!(tokenize(&s, 0..s.len()), tokenize_by_chars(&s));
        }

        /// A sentence's tokens end with it, whatever follows in the report.
        #[test]
        fn a_sentence_has_the_tokens_of_its_own_text(
            s in r"([aZ09]{0,20}[ .,'\u{2019}\-\u{e9}]{0,2}){0,5}",
            from in 0usize..100,
            to in 0usize..100,
        ) {
            let (from, to) = sentence_bounds(&s, from, to);
            let shifted: Vec<Token> = tokenize(&s[from..to], 0..to - from)
                .into_iter()
                .map(|t| Token { bytes: t.bytes.start + from..t.bytes.end + from, ..t })
                .collect();
            proptest::prop_assert_eq!(tokenize(&s, from..to), shifted);
        }
    }

    proptest::proptest! {
        /// Read from the lower-case text, with the short words' keys from
        /// their loaded bytes, a sentence's words are its tokens with the
        /// listings of their lower-case words' keys.
        #[test]
        fn words_are_the_tokens_with_their_lists(
            s in r"((The|Its|WERE|wounded|they'd|killed|[aZ09]{0,17}|\u{e9}t\u{e9})[ .,;'\u{2019}\-]{0,2}){0,8}",
            from in 0usize..120,
            to in 0usize..120,
        ) {
            let (from, to) = sentence_bounds(&s, from, to);
            let lower = s.to_ascii_lowercase();
            let expected: Vec<Token> = tokenize(&s, from..to)
                .into_iter()
                .map(|t| {
                    let lists = match word_key(&lower.as_bytes()[t.bytes.clone()]) {
                        Some(key) => LISTS_OF.get(key) | if t.apostrophe { TRIGGER_STARTS.bit } else { 0 },
                        None => TRIGGER_STARTS.bit,
                    };
                    Token { lists, ..t }
                })
                .collect();
            let words = Words::new(&s, &lower, from..to);
            proptest::prop_assert_eq!(&words.tokens, &expected);
            // The starts are the tokens with the starts' bit, with the forms
            // of a whole word that is a first word.
            let starts: Vec<StartAt> = expected
                .iter()
                .enumerate()
                .filter(|(_, t)| TRIGGER_STARTS.among(t.lists))
                .map(|(token, t)| {
                    let forms = word_key(&lower.as_bytes()[t.bytes.clone()]).and_then(|key| Listing::forms(LISTS_OF.get(key)));
                    StartAt { token, forms }
                })
                .collect();
            proptest::prop_assert_eq!(words.starts(), &starts[..]);
        }
    }

    proptest::proptest! {
        #[test]
        fn a_long_key_is_the_words(word in "[a-z09'-]{8,17}", after in "[a-z ]{0,8}") {
            let loaded = format!("{word}{after}");
            let mut first = [0; 16];
            for (to, from) in first.iter_mut().zip(loaded.as_bytes()) {
                *to = *from;
            }
            proptest::prop_assert_eq!(long_key(u128::from_le_bytes(first), word.len()), word_key(word.as_bytes()));
        }
    }

    proptest::proptest! {
        /// Byte ranges taken in order cover the tokens a search finds.
        #[test]
        fn ranges_in_order_cover_what_a_search_finds(
            s in r"([aZ09]{0,6}[ .,'\-\u{e9}]{0,2}){0,8}",
            mut bounds in proptest::collection::vec((0usize..60, 0usize..8), 0..6),
        ) {
            let lower = s.to_ascii_lowercase();
            let w = Words::new(&s, &lower, 0..s.len());
            bounds.sort();
            let mut from = 0;
            for (start, len) in bounds {
                let bytes = start..start + len;
                let tokens = w.covering_on(&bytes, from);
                proptest::prop_assert_eq!(tokens.clone(), w.covering(&bytes));
                from = tokens.start;
            }
        }
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
