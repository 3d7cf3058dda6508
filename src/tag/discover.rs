//! Discovery: names the gazetteer lacks, read from capitalised word runs and
//! their context (`the town of X`, `X province`, `X Brigade`, `Gen. X`,
//! `X said`), so that reports about new places, groups and people still say
//! who and where. The word lists are data: `data/gazetteer/discovery.txt`.

use std::borrow::Cow;
use std::cell::{Cell, LazyCell};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use crate::gazetteer::{Gazetteer, fold_key, strip_the};
use crate::model::EntityType;
use crate::tag::entities::{Discovered, Referent};
use crate::text::{alphanumeric_end, char_at, floor_char_boundary, swar};
use crate::words::{FastMap, FastSet, KeyTable, WordMap};

/// A mention with what it refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub bytes: Range<usize>,
    pub referent: Referent,
}

impl Found {
    /// The order mentions are kept in: by start, the longer first.
    pub(crate) fn text_order(a: &Self, b: &Self) -> std::cmp::Ordering {
        a.bytes.start.cmp(&b.bytes.start).then(b.bytes.end.cmp(&a.bytes.end))
    }
}

/// The word lists of `discovery.txt`, parsed once.
struct Lexicon {
    /// Every word of the one-word lists, lower-cased, with the lists it is in:
    /// one look-up tells all a word's lists (see `Features`).
    lexemes: Lexemes,
    reporting_verbs: FastSet<String>,
    role_nouns: Nouns,
    force_nouns: Nouns,
    government_nouns: Nouns,
    /// Lower-case nouns that make a people or country a group of them, to
    /// the group's word (`civilians` -> `people`).
    group_nouns: FastMap<String, String>,
    /// The group nouns' first two bytes: the word after almost every
    /// mention of a people or a country starts with none. None when a noun
    /// is shorter.
    group_pairs: Option<FirstPairs>,
    /// The abbreviations' first two bytes (`gen`, `lt`): most words before
    /// a dot, ending a sentence, start with none. None when one is shorter.
    abbreviation_pairs: Option<FirstPairs>,
    /// Military services, written as they are (`Air Force`).
    services: Vec<String>,
    not_names: FastSet<String>,
}

/// The lists one lower-cased word is in.
#[derive(Debug, Default)]
struct Lexeme {
    /// Lists that hold the word in any case.
    any_case: Features,
    /// Case-sensitive lists, by the form they hold it in (`Brigade`).
    exact: Vec<ExactForm>,
}

/// A form of a word that case-sensitive lists hold, with those lists.
#[derive(Debug)]
struct ExactForm {
    form: Box<str>,
    /// The form as `ShortAscii` loads a word, when it is short and ASCII:
    /// such a word is told from it by one compare of the loads.
    short: Option<u128>,
    features: Features,
}

impl ExactForm {
    fn new(form: &str, features: Features) -> Self {
        Self { form: form.into(), short: short_key(form.as_bytes()), features }
    }
}

/// A word of one to sixteen ASCII bytes as `ShortAscii` loads it: its bytes
/// in a `u128`, the first lowest, zeros after it. None for any other word.
fn short_key(word: &[u8]) -> Option<u128> {
    (!word.is_empty() && word.len() <= size_of::<u128>() && word.is_ascii()).then(|| {
        let mut bytes = [0; size_of::<u128>()];
        bytes[..word.len()].copy_from_slice(word);
        u128::from_le_bytes(bytes)
    })
}

/// The `Lexeme`s by lower-case word. Those of at most sixteen ASCII bytes,
/// nearly all, are found in a `KeyTable` by their `short_key`, which a
/// word's `ShortAscii` load, lowered, already is; the others in a `WordMap`.
#[derive(Default)]
struct Lexemes {
    short: KeyTable<Lexeme>,
    long: WordMap<Lexeme>,
}

impl Lexemes {
    /// The entry of `word` (as the lists write it), made if new.
    fn entry(&mut self, word: &str) -> &mut Lexeme {
        match short_key(word.as_bytes()) {
            Some(key) => self.short_entry(key),
            None => self.long.entry(word),
        }
    }

    /// The entry of `word` in lower case, made if new.
    fn entry_lowered(&mut self, word: &str) -> &mut Lexeme {
        match short_key(word.as_bytes()) {
            // Its capitals lowered in the key, all at once.
            Some(key) => self.short_entry(swar::lower_ascii_16(key)),
            None => self.entry(&word.to_lowercase()),
        }
    }

    /// The entry of the word whose `short_key` is `key`, made if new.
    fn short_entry(&mut self, key: u128) -> &mut Lexeme {
        self.short.entry_or_insert_with(key, Lexeme::default)
    }

    /// The entry of `lower`, a word in lower case.
    fn get(&self, lower: &[u8]) -> Option<&Lexeme> {
        match short_key(lower) {
            Some(key) => self.get_short(key),
            None => self.long.get(lower, 0..lower.len()),
        }
    }

    /// The entry of a word whose `short_key`, lowered, is `key`.
    #[inline]
    fn get_short(&self, key: u128) -> Option<&Lexeme> {
        self.short.get(key)
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut sections: HashMap<&str, Vec<String>> = HashMap::new();
    let mut current = "";
    for line in include_str!("../../data/gazetteer/discovery.txt").lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = name;
        } else {
            sections.entry(current).or_default().push(line.to_string());
        }
    }
    let mut take = |name: &str| sections.remove(name).unwrap_or_default();
    let mut lexemes = Lexemes::default();
    // Looked up lower-cased, so an entry that is not lower case never matches,
    // as in a set of lower-case words.
    let mut any_case = |words: &[String], feature: Features| {
        for w in words {
            lexemes.entry(w).any_case |= feature;
        }
    };
    let titles = take("person_titles");
    any_case(&titles, Features::TITLE);
    let abbreviations: Vec<String> = titles.iter().filter_map(|t| t.strip_suffix('.').map(str::to_string)).collect();
    any_case(&abbreviations, Features::ABBREVIATION);
    let abbreviation_pairs = FirstPairs::of_all(abbreviations.iter().map(|a| a.to_ascii_lowercase()));
    any_case(&take("ranks"), Features::RANK);
    let reporting_verbs = take("reporting_verbs");
    any_case(&reporting_verbs, Features::REPORTING_VERB);
    any_case(&take("place_nouns_after"), Features::PLACE_NOUN_AFTER);
    any_case(&take("place_prepositions"), Features::PLACE_PREPOSITION);
    any_case(&take("place_of"), Features::PLACE_OF);
    let role_nouns = take("role_nouns");
    any_case(&role_nouns, Features::ROLE_NOUN);
    let not_names = take("not_names");
    let mut exact = |words: &[String], feature: Features| {
        for w in words {
            let lexeme = lexemes.entry_lowered(w);
            match lexeme.exact.iter_mut().find(|e| *e.form == **w) {
                Some(e) => e.features |= feature,
                None => lexeme.exact.push(ExactForm::new(w, feature)),
            }
        }
    };
    exact(&take("org_heads"), Features::ORG_HEAD);
    exact(&take("place_heads"), Features::PLACE_HEAD);
    exact(&take("place_openers"), Features::PLACE_OPENER);
    exact(&take("page_furniture"), Features::PAGE_FURNITURE);
    exact(&not_names, Features::NOT_NAME);
    // `Mondays attack` (apostrophe lost): read with the word's own look-up.
    let plurals: Vec<String> = not_names.iter().map(|w| format!("{w}s")).collect();
    exact(&plurals, Features::NOT_NAME_PLURAL);
    let set = |v: Vec<String>| v.into_iter().collect::<FastSet<_>>();
    let group_nouns: FastMap<String, String> = take("group_nouns")
        .iter()
        .filter_map(|line| line.split_once('|'))
        .map(|(noun, group)| (noun.trim().to_lowercase(), group.trim().to_string()))
        .collect();
    let group_pairs = FirstPairs::of_all(group_nouns.keys());
    Lexicon {
        lexemes,
        reporting_verbs: set(reporting_verbs),
        role_nouns: Nouns::new(role_nouns),
        force_nouns: Nouns::new(take("force_nouns")),
        government_nouns: Nouns::new(take("government_nouns")),
        group_nouns,
        group_pairs,
        abbreviation_pairs,
        services: take("services"),
        not_names: set(not_names),
    }
});

/// The lists of `discovery.txt` a word is in, with one look-up.
fn lexical(word: &str) -> Features {
    // The lists are keyed by bytes: no check that the lowered word is UTF-8.
    let mut buf = [0u8; 32];
    let lexeme = match ascii_lower(word, &mut buf).map(<[u8]>::len) {
        // The zeros after the word make its `short_key` one load.
        Some(len) if (1..=size_of::<u128>()).contains(&len) => {
            LEXICON.lexemes.get_short(u128::from_le_bytes(*buf.first_chunk().expect("a key's bytes")))
        }
        Some(len) => LEXICON.lexemes.get(&buf[..len]),
        None => LEXICON.lexemes.get(word.to_lowercase().as_bytes()),
    };
    listed(word, lexeme)
}

/// `lexical` of a short ASCII word, lowered by `ShortAscii`.
fn lexical_short(word: &str, short: ShortAscii) -> Features {
    let Some(lexeme) = LEXICON.lexemes.get_short(short.lower()) else { return Features::NONE };
    // The word is its form when their loads and lengths are the same.
    let exact = lexeme.exact.iter().filter(|e| e.short == Some(short.word) && e.form.len() == word.len());
    exact.fold(lexeme.any_case, |all, e| all | e.features)
}

/// The lists `word` is in, given the entry of its lower-case form.
fn listed(word: &str, lexeme: Option<&Lexeme>) -> Features {
    let Some(lexeme) = lexeme else { return Features::NONE };
    let exact = lexeme.exact.iter().filter(|e| *e.form == *word);
    exact.fold(lexeme.any_case, |all, e| all | e.features)
}

/// A word of at most sixteen ASCII bytes, as most are, loaded in one
/// `u128` (zeros after it), with its capitals and small letters found, and
/// it lowered, for all its bytes at once (`ascii_classes`).
#[derive(Debug, Clone, Copy)]
struct ShortAscii {
    word: u128,
    classes: AsciiClasses,
}

impl ShortAscii {
    /// The word at `range` of `text`, when it is ASCII, fits, and the text
    /// runs on for a whole load.
    fn load(text: &[u8], range: Range<usize>) -> Option<Self> {
        let len = range.len();
        if len > 16 {
            return None;
        }
        let block = text.get(range.start..)?.first_chunk::<16>()?;
        // Read little-endian, the word is the low `len` bytes.
        let word = u128::from_le_bytes(*block) & Self::LOW_BYTES[len];
        let classes = ascii_classes(word);
        (classes.wide == 0).then_some(Self { word, classes })
    }

    /// The mask of the low `len` bytes of a `u128`, by `len`: one load,
    /// where a shift of a `u128` by a variable amount takes several steps.
    const LOW_BYTES: [u128; 17] = {
        let mut masks = [0; 17];
        let mut len = 1;
        while len < masks.len() {
            masks[len] = u128::MAX >> (8 * (16 - len));
            len += 1;
        }
        masks
    };

    fn lower(self) -> u128 {
        self.classes.lower
    }

    /// `all_caps`: a capital, and no small letter.
    fn all_caps(self) -> bool {
        self.classes.capitals != 0 && self.classes.small_letters == 0
    }

    /// A capital past the third byte, as camel case needs.
    fn capital_after_third(self) -> bool {
        self.classes.capitals >> 3 != 0
    }
}

/// The ASCII classes of the sixteen bytes of a `u128` (little-endian) as
/// bits, bit `k` byte `k`, and the bytes with their capitals lowered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct AsciiClasses {
    capitals: u16,
    small_letters: u16,
    /// Bytes from 0x80 up.
    wide: u16,
    lower: u128,
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
fn ascii_classes(x: u128) -> AsciiClasses {
    // SAFETY: the build enables SSE2, which every x86_64 processor has.
    unsafe { ascii_classes_sse2(x) }
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
fn ascii_classes(x: u128) -> AsciiClasses {
    ascii_classes_swar(x)
}

/// `ascii_classes` with one compare of all sixteen bytes for each range and
/// its bits gathered by one `movemask`, where the two halves in `u64`s took
/// some twice the instructions.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
fn ascii_classes_sse2(x: u128) -> AsciiClasses {
    use crate::text::sse2::{load, within};
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cvtsi128_si64, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8, _mm_unpackhi_epi64,
    };
    let bytes = load(x);
    let capitals = within(bytes, b'A', b'Z');
    let lower = _mm_or_si128(bytes, _mm_and_si128(capitals, _mm_set1_epi8(0x20)));
    let half = |h: __m128i| _mm_cvtsi128_si64(h) as u64;
    AsciiClasses {
        capitals: _mm_movemask_epi8(capitals) as u16,
        small_letters: _mm_movemask_epi8(within(bytes, b'a', b'z')) as u16,
        wide: _mm_movemask_epi8(bytes) as u16,
        lower: u128::from(half(lower)) | u128::from(half(_mm_unpackhi_epi64(lower, lower))) << 64,
    }
}

/// `ascii_classes` eight bytes at a time, in the `u128`'s halves.
#[cfg_attr(
    all(target_arch = "x86_64", target_feature = "sse2"),
    allow(dead_code, reason = "here only the tests' reference for the SSE2 classes")
)]
fn ascii_classes_swar(x: u128) -> AsciiClasses {
    let bits = |flags: u128| {
        let half = |h: u128| swar::flag_bits(h as u64) as u16;
        half(flags) | half(flags >> 64) << 8
    };
    AsciiClasses {
        capitals: bits(swar::bytes_within_16(x, b'A', b'Z')),
        small_letters: bits(swar::bytes_within_16(x, b'a', b'z')),
        wide: bits(x),
        lower: swar::lower_ascii_16(x),
    }
}

/// What a word is, by its shape and the lists it is in: worked out once
/// for a word (see `Word`), so that the rules, which look at the same words
/// again and again, test bits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Features(u32);

impl Features {
    const NONE: Self = Self(0);
    // The lists.
    /// A person's title (`Gen.`, `spokesman`), in any case.
    const TITLE: Self = Self(1);
    /// A title written with a dot, without it (`gen`).
    const ABBREVIATION: Self = Self(1 << 1);
    const RANK: Self = Self(1 << 2);
    const REPORTING_VERB: Self = Self(1 << 3);
    const PLACE_NOUN_AFTER: Self = Self(1 << 4);
    const PLACE_PREPOSITION: Self = Self(1 << 5);
    const PLACE_OF: Self = Self(1 << 6);
    /// A role noun of one word (`Commander`, `spokesman`), in any case.
    const ROLE_NOUN: Self = Self(1 << 7);
    /// Case-sensitive: the word as the list writes it.
    const ORG_HEAD: Self = Self(1 << 8);
    const PLACE_HEAD: Self = Self(1 << 9);
    const PLACE_OPENER: Self = Self(1 << 10);
    const PAGE_FURNITURE: Self = Self(1 << 11);
    const NOT_NAME: Self = Self(1 << 12);
    /// A not-name with an `s` after it (`Mondays`).
    const NOT_NAME_PLURAL: Self = Self(1 << 21);
    // The shape, and what the lists and the shape make it.
    const CAPITALISED: Self = Self(1 << 13);
    const ALL_CAPS: Self = Self(1 << 14);
    const NATIONALITY_LIKE: Self = Self(1 << 15);
    const STOP_WORD: Self = Self(1 << 16);
    /// See `is_role`.
    const ROLE: Self = Self(1 << 17);
    /// See `heads_of`.
    const HEADS_OF: Self = Self(1 << 18);
    /// A person's name word after another one (see `is_name_word_after`).
    const NAME_WORD_AFTER_NAME: Self = Self(1 << 19);
    /// The rest, besides the split's, have been worked out.
    const READ: Self = Self(1 << 20);
    /// Inside one of the gazetteer's hits in its stretch: set by `discover`,
    /// before its rules ask, and asked with `Word::covered`.
    const COVERED: Self = Self(1 << 22);
    /// What the split sets for every word, the one test the rules ask of
    /// them all. (Other cheap tests of a word's shape, `is_connector` and
    /// the like, are functions of its text: asked of a word, a bit here
    /// would read all its features.)
    const FROM_SPLIT: Self = Self::CAPITALISED;

    /// The bits the split sets: whether the word's first character is a capital.
    fn from_split(capitalised: bool) -> Self {
        let mut f = Self::NONE;
        f.set(Self::CAPITALISED, capitalised);
        f
    }

    /// All of the features of the word at `range` of `text`, given those
    /// from the split.
    fn of(text: &str, range: Range<usize>, split: Self) -> Self {
        let word = &text[range.clone()];
        // Camel case needs a capital after three small letters: past the
        // third byte of an ASCII word.
        let (listed, all_caps, may_be_camel) = match ShortAscii::load(text.as_bytes(), range) {
            Some(short) => (lexical_short(word, short), short.all_caps(), short.capital_after_third()),
            None => (lexical(word), all_caps(word), true),
        };
        let mut f = split | listed | Self::READ;
        f.set(Self::ALL_CAPS, all_caps);
        f.set(Self::NATIONALITY_LIKE, nationality_like(word));
        f.set(Self::STOP_WORD, is_stop_word(word, f, may_be_camel));
        f.set(Self::ROLE, is_role(word, f));
        f.set(Self::HEADS_OF, heads_of(word, f));
        f.set(Self::NAME_WORD_AFTER_NAME, is_name_word_after(word, f, true));
        f
    }

    fn set(&mut self, feature: Self, on: bool) {
        if on {
            *self |= feature;
        }
    }

    /// Whether it has any of `features`.
    fn any(self, features: Self) -> bool {
        self.0 & features.0 != 0
    }
}

impl std::ops::BitOr for Features {
    type Output = Self;
    fn bitor(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }
}

impl std::ops::BitOrAssign for Features {
    fn bitor_assign(&mut self, other: Self) {
        self.0 |= other.0;
    }
}

/// Acronyms in capitals that are things, not organisations.
const NOT_ORG_ACRONYMS: &[&str] = &[
    "IED", "IEDS", "UAV", "UAVS", "TV", "AM", "PM", "GMT", "UTC", "OK", "PDF", "CEO", "ID", "KM", "SUV", "RPG", "MP",
    "II", "III", "IV", "VI", "AK", "TNT", "GPS", "DNA", "HIV", "COVID", "SMS", "USD", "EST", "EDT", "CST", "PST", "AP",
    "FAQ", "VBIED", "VBIEDS", "MANPADS", "ATGM", "TOW", "MLRS", "URL", "NGO", "NGOS", "CCTV", "RSS", "PHOTO", "VIDEO",
    "UPDATE", "BREAKING", "WATCH", "READ", "MORE", "NEWS", "BST", "CET", "AFP", "UN",
];

/// One word of a stretch, as a byte range, with what it is.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    bytes: Range<usize>,
    /// The split's features; the rest once a rule first asks for one, as
    /// the rules look at few words but at those again and again.
    features: Cell<Features>,
}

impl Word {
    /// Whether it has all of `features`; `text` is the one it was split from.
    #[inline]
    fn is(&self, text: &str, features: Features) -> bool {
        let mut f = self.features.get();
        if features.0 & !Features::FROM_SPLIT.0 != 0 && !f.any(Features::READ) {
            f = self.read(text);
        }
        f.0 & features.0 == features.0
    }

    /// Work out the features the split left.
    #[inline(never)]
    fn read(&self, text: &str) -> Features {
        let f = Features::of(text, self.bytes.clone(), self.features.get());
        self.features.set(f);
        f
    }

    /// A word that can be part of a person's name.
    fn is_name_word(&self, text: &str) -> bool {
        self.is(text, Features::NAME_WORD_AFTER_NAME) && !self.is(text, Features::NATIONALITY_LIKE)
    }

    /// Whether `discover` found it inside a gazetteer hit.
    fn covered(&self) -> bool {
        self.features.get().any(Features::COVERED)
    }

    /// Capitalised words that do not start a name: sentence starters, days,
    /// months, nationality adjectives.
    fn is_stop_name(&self, text: &str) -> bool {
        self.is(text, Features::STOP_WORD) || self.is(text, Features::NATIONALITY_LIKE)
    }
}

/// Split a stretch into words: letters, digits and inner `.`/`'`/`-`
/// (`U.S.`, `al-Assad`), keeping the dot of a title or an initial (`Gen.`, `J.`).
/// They are added to `out`, so that one buffer serves a whole report.
///
/// Where a gazetteer name may start in the stretch is added to
/// `name_starts`, as `Gazetteer::find_from` takes them: the gazetteer's
/// names start at words and joints (`al-Assad`), which this walk meets
/// anyway, so that no other walk of every byte is needed to find them.
/// Only the starts `may_open` lets through, given the stretch's bytes from
/// the start on (`Gazetteer::may_open_name`), are added.
///
/// The indices in `out` of the capitalised words are added to `capitals`:
/// the report-wide passes that look only at those (`resolve_surnames`,
/// `short_forms`) read a quarter of the words so.
pub(crate) fn words(
    text: &str,
    range: Range<usize>,
    out: &mut Vec<Word>,
    capitals: &mut Vec<usize>,
    name_starts: &mut Vec<usize>,
    may_open: impl Fn(&[u8]) -> bool,
) {
    let Some(slice) = text.get(range.clone()) else { return };
    let bytes = slice.as_bytes();
    let mut classes = ByteClasses::new(bytes);
    let mut i = 0;
    loop {
        // Spaces and punctuation between words, ASCII: passed over by their bits.
        i = classes.next_opening(i);
        let Some(&b) = bytes.get(i) else { break };
        // The gap ends at an ASCII letter or digit, or at a wider character,
        // which is decoded only then.
        let capitalised = if b.is_ascii() {
            // A name starts at an ASCII letter or digit, after no `_` (which
            // goes on a word for the gazetteer, not here). Most words open
            // none: the byte before them is read only for those that may.
            if may_open(&bytes[i..]) && (i == 0 || bytes[i - 1] != b'_') {
                name_starts.push(range.start + i);
            }
            b.is_ascii_uppercase()
        } else {
            let Some(c) = char_at(slice, i) else { break };
            if punctuation(c) || !c.is_alphanumeric() {
                i += c.len_utf8();
                continue;
            }
            c.is_uppercase()
        };
        let start = i;
        loop {
            i = classes.alphanumeric_end(i);
            // Most words end at a space or a comma: no character to decode,
            // and no dot to take.
            if !bytes.get(i).is_some_and(|&b| MAY_GO_ON[usize::from(b)]) {
                break;
            }
            let Some(next) = word_goes_on(slice, i) else {
                if takes_dot(slice, start..i) {
                    i += 1;
                }
                break;
            };
            // After a joint (`al-Assad`, `U.S`), not after a wider letter.
            let joint = bytes[i].is_ascii() || slice[i..].starts_with('’');
            if joint && bytes.get(next).is_some_and(u8::is_ascii_alphanumeric) && may_open(&bytes[next..]) {
                name_starts.push(range.start + next);
            }
            i = next;
        }
        if capitalised {
            capitals.push(out.len());
        }
        out.push(Word {
            bytes: range.start + start..range.start + i,
            features: Cell::new(Features::from_split(capitalised)),
        });
    }
}

/// The bytes of a stretch as bits, 64 at a time from `at`: which are ASCII
/// letters or digits, and which may open a word (those, and the bytes of
/// wider characters). The split finds where a gap or a word's letters end
/// with one `trailing_zeros`, where a test of each byte cost a few
/// instructions a byte, and a word's end a block load of its own.
struct ByteClasses<'a> {
    bytes: &'a [u8],
    /// Where the chunk the bits are of starts (bit `k` is byte `at + k`);
    /// at first the end of the bytes, which no search reaches.
    at: usize,
    alphanumeric: u64,
    opens_word: u64,
}

/// The bytes a `ByteClasses` classes at once, a bit each.
const CHUNK: usize = 64;

impl<'a> ByteClasses<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, at: bytes.len(), alphanumeric: 0, opens_word: 0 }
    }

    /// Class the chunk from `from`, a byte of the stretch; the bytes past
    /// its end are zeros, neither letters nor parts of characters.
    #[inline(never)]
    fn load(&mut self, from: usize) {
        let padded;
        let rest = &self.bytes[from..];
        let chunk = match rest.first_chunk::<CHUNK>() {
            Some(chunk) => chunk,
            None => {
                let mut last = [0; CHUNK];
                last[..rest.len()].copy_from_slice(rest);
                padded = last;
                &padded
            }
        };
        let (alphanumeric, wide) = chunk_classes(chunk);
        // A wider character's bytes open a word too: it is decoded then.
        (self.at, self.alphanumeric, self.opens_word) = (from, alphanumeric, alphanumeric | wide);
    }

    /// The first byte from `from` on whose bit `bits` of its chunk sets,
    /// or the end of the stretch. The zeros a chunk holds past the end
    /// open no word and end any run of letters: no byte found lies past it.
    #[inline(always)]
    fn find(&mut self, mut from: usize, bits: impl Fn(&Self) -> u64) -> usize {
        loop {
            let offset = from.wrapping_sub(self.at);
            if offset < CHUNK {
                let found = bits(self) >> offset;
                if found != 0 {
                    return from + found.trailing_zeros() as usize;
                }
                from = self.at + CHUNK;
            }
            if from >= self.bytes.len() {
                return self.bytes.len();
            }
            self.load(from);
        }
    }

    /// Where the gap from `from` ends: at an ASCII letter or digit, or a
    /// wider character's first byte.
    fn next_opening(&mut self, from: usize) -> usize {
        self.find(from, |c| c.opens_word)
    }

    /// Where the run of ASCII letters and digits from `from` ends.
    fn alphanumeric_end(&mut self, from: usize) -> usize {
        self.find(from, |c| !c.alphanumeric)
    }
}

/// A chunk's ASCII letters and digits, and its bytes from 0x80 up (those of
/// wider characters), as bits: bit `k` is byte `k`.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
fn chunk_classes(chunk: &[u8; CHUNK]) -> (u64, u64) {
    // SAFETY: the build enables SSE2, which every x86_64 processor has.
    unsafe { chunk_classes_sse2(chunk) }
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
fn chunk_classes(chunk: &[u8; CHUNK]) -> (u64, u64) {
    chunk_classes_swar(chunk)
}

/// `chunk_classes` sixteen bytes at a time: a byte's class is a compare
/// of all sixteen, and its bit one `movemask`, where eight bytes at a time
/// took a multiply to gather the bits (some four times the instructions).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
fn chunk_classes_sse2(chunk: &[u8; CHUNK]) -> (u64, u64) {
    use crate::text::sse2;
    use std::arch::x86_64::{__m128i, _mm_movemask_epi8, _mm_set_epi64x};
    let (mut alphanumeric, mut wide) = (0, 0);
    for (k, part) in chunk.chunks_exact(16).enumerate() {
        let half = |h: usize| i64::from_le_bytes(part[8 * h..8 * h + 8].try_into().expect("eight bytes"));
        let x = _mm_set_epi64x(half(1), half(0));
        let bits = |m: __m128i| u64::from(_mm_movemask_epi8(m) as u16) << (16 * k);
        alphanumeric |= bits(sse2::alphanumeric(x));
        // A byte's own top bit.
        wide |= bits(x);
    }
    (alphanumeric, wide)
}

/// `chunk_classes` eight bytes at a time, in a `u64`.
#[cfg_attr(
    all(target_arch = "x86_64", target_feature = "sse2"),
    allow(dead_code, reason = "here only the tests' reference for the SSE2 classes")
)]
fn chunk_classes_swar(chunk: &[u8; CHUNK]) -> (u64, u64) {
    let (mut alphanumeric, mut wide) = (0, 0);
    for (k, block) in chunk.chunks_exact(8).enumerate() {
        let block = u64::from_le_bytes(block.try_into().expect("the block is eight bytes"));
        alphanumeric |= swar::flag_bits(swar::alphanumeric(block)) << (8 * k);
        wide |= swar::flag_bits(block) << (8 * k);
    }
    (alphanumeric, wide)
}

/// The bytes after a word's ASCII letters and digits that may carry it on
/// (see `word_goes_on`): `.`, `'`, `-`, and those of wider characters.
static MAY_GO_ON: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < table.len() {
        table[b] = b >= 0x80 || matches!(b as u8, b'.' | b'\'' | b'-');
        b += 1;
    }
    table
};

/// A no-break space or a character of General Punctuation (`’`, `“`,
/// `—`, the zero-width marks): most of the wider characters between words,
/// and none a letter or digit, told so without a look-up in the tables of
/// letters.
fn punctuation(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{2000}'..='\u{206f}')
}

/// Where a word goes on when its ASCII letters and digits stop at `i`: after
/// a wider letter, or an inner `.`, `'` or `-` before a letter or digit
/// (`U.S`, `al-Assad`, `Da’esh`), but not a possessive's (`Syria’s`).
fn word_goes_on(slice: &str, i: usize) -> Option<usize> {
    match char_at(slice, i)? {
        c if !c.is_ascii() && c.is_alphanumeric() => Some(i + c.len_utf8()),
        c @ ('.' | '\'' | '’' | '-') => {
            let after = i + c.len_utf8();
            let next = char_at(slice, after);
            let possessive = matches!(c, '\'' | '’')
                && next == Some('s')
                && !char_at(slice, after + 1).is_some_and(char::is_alphanumeric);
            (next.is_some_and(char::is_alphanumeric) && !possessive).then_some(after)
        }
        _ => None,
    }
}

/// Whether the word `slice[word]` takes the dot after it, as a title's or
/// an initial's (`Gen.`, `J.`).
fn takes_dot(slice: &str, word: Range<usize>) -> bool {
    slice.as_bytes().get(word.end) == Some(&b'.') && {
        let w = &slice[word];
        (w.len() <= 6
            && LEXICON.abbreviation_pairs.as_ref().is_none_or(|pairs| pairs.may_start_lowered(w.as_bytes()))
            && lexical(w).any(Features::ABBREVIATION))
            || (w.chars().count() == 1 && w.chars().all(char::is_uppercase))
    }
}

/// `f` applied to `word` lower-cased, without allocating for the short
/// ASCII words text is mostly made of.
pub(crate) fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    if let Some(lower) = ascii_lower(word, &mut buf)
        && let Ok(lower) = std::str::from_utf8(lower)
    {
        return f(lower);
    }
    f(&word.to_lowercase())
}

/// `word` lower-cased in `buf`, when it is ASCII and fits, as most words are.
fn ascii_lower<'b>(word: &str, buf: &'b mut [u8; 32]) -> Option<&'b [u8]> {
    let lower = buf.get_mut(..word.len())?;
    // Lower-cased and checked for ASCII in one pass.
    let mut ascii = true;
    for (l, &b) in lower.iter_mut().zip(word.as_bytes()) {
        ascii &= b.is_ascii();
        *l = b.to_ascii_lowercase();
    }
    ascii.then_some(lower)
}

/// The group a group noun makes (`civilians`: `people`), in any case.
fn group_of(word: &str) -> Option<&'static str> {
    if LEXICON.group_pairs.as_ref().is_some_and(|pairs| !pairs.may_start_lowered(word.as_bytes())) {
        return None;
    }
    with_lower(word, |w| LEXICON.group_nouns.get(w).map(String::as_str))
}

fn starts_upper(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(&b) if b < 0x80 => b.is_ascii_uppercase(),
        _ => s.chars().next().is_some_and(char::is_uppercase),
    }
}

fn all_caps(s: &str) -> bool {
    // Most words are capitalised or in lower case: a small letter first or
    // second says so without a pass (an ASCII byte is a whole character).
    if s.bytes().take(2).any(|b| b.is_ascii_lowercase()) {
        return false;
    }
    if s.is_ascii() {
        return s.bytes().any(|b| b.is_ascii_uppercase()) && !s.bytes().any(|b| b.is_ascii_lowercase());
    }
    let mut letters = s.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(char::is_uppercase)
}

fn is_title(word: &str) -> bool {
    lexical(word).any(Features::TITLE)
}

/// `Canadian`, `Turkish`, `Sudanese`: a nationality the gazetteer may lack.
/// After a given name the same ending is a surname's (`John Dorrian`).
fn nationality_like(word: &str) -> bool {
    // Its last three bytes matched at once, not one ending after another.
    matches!(word.as_bytes(), [.., b'i', b'a', b'n'] | [.., b'i', b's', b'h'] | [.., b'e', b's', b'e'])
}

/// Stop names wherever they stand in a name: all but the nationality-like
/// endings, which stop only a name's first word (`Word::is_stop_name`).
/// `listed` is what is known of it so far: its lists, whether in capitals;
/// `may_be_camel` false when its shape rules out `camel_case`.
fn is_stop_word(word: &str, listed: Features, may_be_camel: bool) -> bool {
    // `Mondays attack` (apostrophe lost), `FacebookComment` (page furniture).
    if listed.any(Features::NOT_NAME | Features::PAGE_FURNITURE | Features::NOT_NAME_PLURAL)
        || may_be_camel && camel_case(word)
    {
        return true;
    }
    // `QUESTION:` in a transcript is the word, not a name.
    listed.any(Features::ALL_CAPS) && word.len() > 2 && not_name_recased(word, Recase::LowerRest)
}

/// How `not_name_recased` writes a word before it looks it up.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Recase {
    /// The first character upper-cased (`With` for `with`).
    UpperFirst,
    /// All but the first character lower-cased (`Question` for `QUESTION`).
    LowerRest,
}

/// Whether `not_names` holds `word` written as `recase` says; a short ASCII
/// word is written on the stack rather than in a new string.
fn not_name_recased(word: &str, recase: Recase) -> bool {
    let mut buf = [0u8; 32];
    if word.is_ascii()
        && !word.is_empty()
        && let Some(recased) = buf.get_mut(..word.len())
    {
        recased.copy_from_slice(word.as_bytes());
        let (first, rest) = recased.split_at_mut(1);
        match recase {
            Recase::UpperFirst => first.make_ascii_uppercase(),
            Recase::LowerRest => rest.make_ascii_lowercase(),
        }
        return std::str::from_utf8(recased).is_ok_and(|w| LEXICON.not_names.contains(w));
    }
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return false };
    let recased: String = match recase {
        Recase::UpperFirst => first.to_uppercase().chain(chars).collect(),
        Recase::LowerRest => std::iter::once(first).chain(chars.flat_map(char::to_lowercase)).collect(),
    };
    LEXICON.not_names.contains(&recased)
}

/// A title that describes the person (`Secretary`, `spokesman`), not a rank.
fn is_role(word: &str, listed: Features) -> bool {
    listed.any(Features::TITLE) && !word.ends_with('.') && !listed.any(Features::RANK)
}

fn is_person(referent: &Referent, gazetteer: &Gazetteer) -> bool {
    match referent {
        Referent::Discovered(d) => d.kind == EntityType::Person,
        Referent::Known(e) => gazetteer.entry(*e).kind == EntityType::Person,
    }
}

fn is_org(referent: &Referent, gazetteer: &Gazetteer) -> bool {
    match referent {
        Referent::Discovered(d) => d.kind == EntityType::Organization,
        Referent::Known(e) => gazetteer.entry(*e).kind == EntityType::Organization,
    }
}

/// The longest role noun the text starts with, as a byte length.
fn role_at(rest: &str) -> Option<usize> {
    LEXICON.role_nouns.longest_at(rest)
}

/// Nouns of one word or more (`forces`, `air force`), to find at the start
/// of a text in any case. They are kept in order of their first letter,
/// with where each letter's start, so that a look-up, made for every
/// mention of an organisation or a country, goes straight to the few that
/// start as the text does.
struct Nouns {
    nouns: Vec<String>,
    /// `nouns[starts[b]..starts[b + 1]]` are those whose first byte,
    /// folded, is `b`.
    starts: Box<[usize; 257]>,
    /// The nouns' first two bytes, folded: most texts start with none.
    /// None when a noun is shorter.
    pairs: Option<FirstPairs>,
}

impl Nouns {
    /// `nouns`, none of them empty.
    fn new(mut nouns: Vec<String>) -> Self {
        nouns.sort_by_key(|n| first_folded(n));
        let mut starts = Box::new([0; 257]);
        for (b, start) in starts.iter_mut().enumerate() {
            *start = nouns.partition_point(|n| first_folded(n).is_none_or(|f| usize::from(f) < b));
        }
        let mut pairs = FirstPairs::default();
        for noun in &nouns {
            pairs.insert(&noun.as_bytes().to_ascii_lowercase());
        }
        let pairs = nouns.iter().all(|n| n.len() >= 2).then_some(pairs);
        Self { nouns, starts, pairs }
    }

    /// The longest noun the text starts with, as a byte length.
    fn longest_at(&self, rest: &str) -> Option<usize> {
        if let Some(pairs) = &self.pairs {
            let &[b0, b1, ..] = rest.as_bytes() else { return None };
            if !pairs.may_start(&[b0.to_ascii_lowercase(), b1.to_ascii_lowercase()]) {
                return None;
            }
        }
        let first = usize::from(first_folded(rest)?);
        self.nouns[self.starts[first]..self.starts[first + 1]]
            .iter()
            .filter(|n| {
                rest.get(..n.len()).is_some_and(|h| h.eq_ignore_ascii_case(n))
                    && !rest[n.len()..].starts_with(|c: char| c.is_alphanumeric())
            })
            .map(String::len)
            .max()
    }
}

/// The first byte of a text, ASCII letters in lower case.
fn first_folded(text: &str) -> Option<u8> {
    text.as_bytes().first().map(u8::to_ascii_lowercase)
}

/// Roles that name a person through an organisation, as mentions of that
/// person: `the CJTF-OIR spokesperson`, `CENTCOM commander` (before a name
/// or on their own), and `Joseph Votel, commander of U.S. Central Command`.
/// The organisation's own mention stays inside the role's.
pub(crate) fn role_mentions(text: &str, found: &mut Vec<Found>, gazetteer: &Gazetteer) {
    let mut extra = Vec::new();
    for (n, f) in found.iter().enumerate() {
        if !is_org(&f.referent, gazetteer) {
            continue;
        }
        let rest = text.get(f.bytes.end..).unwrap_or("");
        // `ORG commander [Name]`
        if let Some(rest) = rest.strip_prefix(' ')
            && let Some(len) = role_at(rest)
        {
            let end = f.bytes.end + 1 + len;
            // The person's own mention may have taken in the role as a
            // title (`CENTCOM Commander Gen. Joseph Votel`).
            let next_person = found[n + 1..]
                .iter()
                .take_while(|g| g.bytes.start <= end + 12)
                .find(|g| g.bytes.start > f.bytes.end && is_person(&g.referent, gazetteer))
                .filter(|g| {
                    g.bytes.start <= end
                        || text.get(end..g.bytes.start).is_some_and(|gap| {
                            // A dot ends a sentence, unless it is a title's
                            // (`the CJTF-OIR spokesperson, Col. John Dorrian`).
                            let titles_only = || gap.split([' ', ',']).filter(|w| !w.is_empty()).all(is_title);
                            gap.len() <= 12 && !gap.contains(';') && (!gap.contains('.') || titles_only())
                        })
                });
            // Else the person the role follows (`Col. Travis Caughlin, 507th
            // Maintenance Group Commander`).
            let previous_person = || {
                found[..n]
                    .last()
                    .filter(|p| is_person(&p.referent, gazetteer))
                    .filter(|p| text.get(p.bytes.end..f.bytes.start) == Some(", "))
            };
            let referent = match next_person.or_else(previous_person) {
                Some(p) => p.referent.clone(),
                None => discovered(text, f.bytes.start..end, EntityType::Person).referent,
            };
            extra.push(Found { bytes: f.bytes.start..end, referent });
            continue;
        }
        // `Person, commander of [the] ORG`
        let before = text.get(..f.bytes.start).unwrap_or("");
        let before = before.strip_suffix("the ").unwrap_or(before);
        let Some(before) = before.strip_suffix(" of ") else { continue };
        // A role is at most 40 bytes, so its comma is among the last 42: looking
        // further back would make this quadratic in the report's length.
        let from = floor_char_boundary(before, before.len().saturating_sub(42));
        let Some(comma) = before[from..].rfind(", ").map(|i| from + i) else { continue };
        let role = &before[comma + 2..];
        if role.is_empty() || role.len() > 40 || role_at(&role.to_lowercase()).is_none_or(|len| len != role.len()) {
            continue;
        }
        let Some(person) = found[..n].iter().rev().find(|g| g.bytes.end <= comma) else { continue };
        if person.bytes.end != comma || !is_person(&person.referent, gazetteer) {
            continue;
        }
        extra.push(Found { bytes: comma + 2..f.bytes.end, referent: person.referent.clone() });
    }
    if !extra.is_empty() {
        found.extend(extra);
        found.sort_by(Found::text_order);
    }
}

/// A word of a person's name, `after_name` another name word, where a
/// nationality's ending is a surname's (`Dorrian`, `Julian`). `f` is what
/// is known of the word so far (`Features::of`).
fn is_name_word_after(word: &str, f: Features, after_name: bool) -> bool {
    f.any(Features::CAPITALISED)
        && !f.any(Features::STOP_WORD)
        && (after_name || !f.any(Features::NATIONALITY_LIKE))
        && !f.any(Features::TITLE | Features::ORG_HEAD | Features::PLACE_HEAD)
        && (!f.any(Features::ALL_CAPS) || word.len() == 2 && word.ends_with('.') || matches!(word, "II" | "III" | "IV"))
}

/// A word that may be followed by `of` inside a name (`Ministry of
/// Defense`, `Gulf of Aden`, `Secretary of State`).
fn heads_of(word: &str, listed: Features) -> bool {
    // Plurals (`Fighters of the ...`) describe members, not a name.
    !word.ends_with('s') && listed.any(Features::ORG_HEAD | Features::PLACE_HEAD | Features::TITLE)
}

/// `FacebookComment`: a capital after three lower-case letters (not
/// `McGurk`, `MacDonald`).
fn camel_case(word: &str) -> bool {
    let mut lower_run = 0;
    for c in word.chars() {
        if c.is_lowercase() {
            lower_run += 1;
        } else if c.is_uppercase() && lower_run >= 3 {
            return true;
        } else {
            lower_run = 0;
        }
    }
    false
}

/// `158th`, `3rd`: an ordinal that may open a unit's name.
fn is_ordinal(word: &str) -> bool {
    if !word.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && matches!(&word[digits..], "st" | "nd" | "rd" | "th")
}

/// Lower-case words that may sit inside a name (`Jabhat Fateh al-Sham`,
/// `Ministry of Defense`, `Abu Bakr al-Baghdadi`).
fn is_connector(word: &str) -> bool {
    matches!(word, "al" | "el" | "bin" | "ibn" | "of" | "de" | "du" | "la" | "le" | "van" | "von" | "for" | "and")
        || word.starts_with("al-")
        || word.starts_with("el-")
}

/// Whether `word` may be a connector or a `nisba`: one of three bytes at
/// most, or one that opens with `al-` or `el-`.
fn may_join(word: &[u8]) -> bool {
    word.len() <= 3 || word.starts_with(b"al-") || word.starts_with(b"el-")
}

/// `al-Kuwaiti`, `el-Masri`: an Arabic name's article and the capitalised
/// name it joins, written as one word.
pub(crate) fn nisba(word: &str) -> bool {
    (word.starts_with("al-") || word.starts_with("el-")) && word[3..].starts_with(|c: char| c.is_uppercase())
}

/// The lower-case parts of an Arabic name (`bin`, `ibn`, `al-Baghdadi`).
fn name_particle(word: &str) -> bool {
    matches!(word, "bin" | "ibn" | "bint" | "al" | "el") || nisba(word)
}

/// Whether most letters of a stretch are capitals (a headline in capitals),
/// where capitals say nothing about names.
fn shouting(text: &str, range: &Range<usize>) -> bool {
    let slice = text.get(range.clone()).unwrap_or("");
    let bytes = slice.as_bytes();
    // ASCII a chunk at a time, as most text is: once the capitals so far
    // are so far behind that the rest could not make up for them (a byte
    // adds one at most), most of a sentence's letters go unread.
    let mut over = 0;
    let mut read = 0;
    // The whole chunks at their fixed length, whose tests the compiler
    // unrolls, then the few bytes after them.
    let (chunks, tail) = bytes.as_chunks::<64>();
    for chunk in chunks {
        if chunk.iter().fold(0, |all, &b| all | b) >= 0x80 {
            break;
        }
        over += capitals_over_small_letters(chunk);
        read += chunk.len();
        if over + (bytes.len() - read) as isize <= 0 {
            return false;
        }
    }
    if read + tail.len() == bytes.len() && tail.is_ascii() {
        over += capitals_over_small_letters(tail);
        read += tail.len();
    }
    // From the chunk with a wider character on (the text before it was
    // all ASCII, so a character starts there), by characters.
    let rest = slice[read..].chars().fold(0, |over, c| {
        if c.is_uppercase() {
            over + 1
        } else if c.is_lowercase() {
            over - 1
        } else {
            over
        }
    });
    over + rest > 0
}

/// How many more ASCII capitals than small letters `bytes` hold, in one
/// pass: each byte counts +1, -1 or 0, summed in `i8`s by chunks too short
/// to overflow one, which the compiler does many bytes at a time.
fn capitals_over_small_letters(bytes: &[u8]) -> isize {
    let weight = |b: u8| i8::from(b.is_ascii_uppercase()) - i8::from(b.is_ascii_lowercase());
    bytes
        .chunks(usize::from(i8::MAX.unsigned_abs()))
        .map(|c| isize::from(c.iter().map(|&b| weight(b)).sum::<i8>()))
        .sum()
}

/// Find names in one sentence outside the gazetteer's hits, and add them
/// to `out` (one buffer serves a whole report).
/// `words` are the sentence's, from `words`.
pub(crate) fn discover(
    text: &str,
    range: Range<usize>,
    words: &[Word],
    known: &[Found],
    gazetteer: &Gazetteer,
    out: &mut Vec<Found>,
) {
    if shouting(text, &range) {
        return;
    }
    // Asked only by `classify`, of few sentences; it reads every word.
    let title_case = LazyCell::new(|| title_case(text, words));
    // The words a gazetteer hit covers. The hits are few, in order and apart
    // (`Gazetteer::find`), so each marks its own words, the first of them
    // found by a binary search, and the other words are not looked at.
    let mut from = 0;
    for hit in known {
        from += words[from..].partition_point(|w| w.bytes.end <= hit.bytes.start);
        for w in words[from..].iter().take_while(|w| w.bytes.start < hit.bytes.end) {
            w.features.set(w.features.get() | Features::COVERED);
        }
    }
    let covered = |k: usize| words[k].covered();
    let word = |k: usize| &text[words[k].bytes.clone()];
    // A word as bytes, to tell it from a word of ASCII with no check that
    // its ends are a character's, as a `str`'s slice makes.
    let bytes = |k: usize| &text.as_bytes()[words[k].bytes.clone()];
    let is = |k: usize, features: Features| words[k].is(text, features);
    let is_title = |k: usize| is(k, Features::TITLE);
    let is_org_head = |k: usize| is(k, Features::ORG_HEAD);
    let starts_upper = |k: usize| is(k, Features::CAPITALISED);
    // A name word, taking `-ian` endings after another one as a surname's.
    let name_word_at = |k: usize| {
        let after_name = k > 0 && words[k - 1].is_name_word(text);
        if after_name { is(k, Features::NAME_WORD_AFTER_NAME) } else { words[k].is_name_word(text) }
    };
    let mut i = 0;
    // A run opens at a capitalised word, or at an ordinal before one (`158th
    // Brigade`): the words in lower case before it are passed over on their
    // capital bit alone.
    while let Some(next) = words[i..].iter().position(|w| w.is(text, Features::CAPITALISED)) {
        i += next;
        // An ordinal starts with a digit: most words before a run do not.
        if next > 0 && text.as_bytes()[words[i - 1].bytes.start].is_ascii_digit() && is_ordinal(word(i - 1)) {
            i -= 1;
        }
        // The longest run of capitalised words from here, through gazetteer
        // names and inner connectors (`Department of the Treasury`).
        let mut j = i + 1;
        while j < words.len() {
            // A capitalised word, most of those that carry a run on, is read
            // as bytes: a `str` of it would check that its ends are a
            // character's.
            let capitalised = starts_upper(j) && !matches!(bytes(j), b"The" | b"A" | b"An");
            // The rest carry it on only as a connector or an article's word
            // (`of`, `al-Kuwaiti`): most, longer, end the run before the gap
            // to them is read, and are not sliced as a `str`.
            if !capitalised && !may_join(bytes(j)) || !adjacent(text, &words[j - 1], &words[j]) {
                break;
            }
            if capitalised {
                j += 1;
                continue;
            }
            let next = word(j);
            let capital = |k: usize| k < words.len() && starts_upper(k);
            if nisba(next) {
                j += 1;
            } else if capital(j + 1)
                && is_connector(next)
                && (next != "of" || is(j - 1, Features::HEADS_OF))
                // `Jonathan Reed and Dr. Ali Hassan` are two people; `the
                // Hamza Division and the Sultan Murad Division` two groups;
                // `Tal Shamiram and Tal Hurmoz` two villages.
                && !(next == "and" && (is_title(j + 1) || is_org_head(j - 1) || bytes(j + 1) == bytes(i)))
                && adjacent(text, &words[j], &words[j + 1])
            {
                j += 2;
            } else if next == "of"
                && is(j - 1, Features::HEADS_OF)
                && j + 2 < words.len()
                && bytes(j + 1) == b"the"
                && capital(j + 2)
                && adjacent(text, &words[j + 1], &words[j + 2])
            {
                j += 3;
            } else {
                break;
            }
        }
        // `507th Maintenance Group Commander`: a role after a group's head
        // noun is the group's officer, a person the role pass names; the run
        // is the group.
        if j - i >= 3 && is_org_head(j - 2) && is(j - 1, Features::ROLE_NOUN) {
            j -= 1;
        }
        // A name that holds a known one and ends in a group's or place's
        // head noun is a name of its own (`International Syria Support Group`).
        let last = j - 1;
        // The run's first word inside a known name, if any: whether it holds
        // one here, and where it stops when it is no name of its own below.
        let first_known = words[i..j].iter().position(Word::covered).map(|k| i + k);
        let holds_known = first_known.is_some();
        // A known name at its end counts when a head noun of its own comes
        // before it (`U.S. Naval Forces Central Command`).
        let own_head = || (i..j - 1).any(|k| !covered(k) && is_org_head(k));
        // `Council of Europe`, `Central Bank of Syria`: a head noun, `of`, a known name.
        let head_of_known =
            j - i >= 3 && covered(j - 1) && bytes(j - 2) == b"of" && !covered(j - 3) && is_org_head(j - 3);
        if holds_known
            && j - i >= 2
            && (!covered(j - 1) || own_head())
            && (covered(i)
                || !words[i].is_stop_name(text)
                || head_of_known && (is_org_head(i) || i > 0 && !starts_upper(i - 1)))
            && (is_org_head(last) || is(last, Features::PLACE_HEAD) || head_of_known)
        {
            let kind = if is_org_head(last) || head_of_known { EntityType::Organization } else { EntityType::Location };
            out.push(discovered(text, words[i].bytes.start..words[j - 1].bytes.end, kind));
            i = j;
            continue;
        }
        // `Operation Gallant Shield`, `Exercise Eager Lion`: named campaigns,
        // not actors (the actor is whoever wages them), as the gazetteer's
        // operations are.
        if j - i >= 2
            && !holds_known
            && let Some(label) = match word(i) {
                "Operation" => Some("operation"),
                "Exercise" => Some("exercise"),
                _ => None,
            }
        {
            let mut f = discovered(text, words[i].bytes.start..words[j - 1].bytes.end, EntityType::Other);
            if let Referent::Discovered(d) = &mut f.referent {
                d.subtype = Some(label.to_string());
            }
            out.push(f);
            i = j;
            continue;
        }
        // `ISIL's War Committee`: an organisation's own body, named by a head
        // noun after its possessive, whatever word opens it.
        if !holds_known
            && j - i >= 2
            && is_org_head(j - 1)
            && after_org_possessive(text, words[i].bytes.start, known, gazetteer)
        {
            out.push(discovered(text, words[i].bytes.start..words[j - 1].bytes.end, EntityType::Organization));
            i = j;
            continue;
        }
        // Otherwise the run stops at the first known name. Titles right
        // before a known person are a mention of them (`President` Obama).
        let mut j = first_known.unwrap_or(j);
        // A name does not end in `of` or `and` (`Council of` before a known name).
        // A connector is in lower case: most runs end in a capitalised
        // word, which is then not sliced.
        while j > i + 1 && !starts_upper(j - 1) && is_connector(word(j - 1)) && !name_particle(word(j - 1)) {
            j -= 1;
        }
        if j < words.len()
            && covered(j)
            && j > i
            && (i..j).any(is_title)
            && (i..j).all(|k| {
                // `Secretary of State` Kerry: a title's `of` and the word after it.
                is_title(k)
                    || words[k].is_name_word(text)
                    || is_org_head(k)
                    || bytes(k) == b"of"
                    || k > i && bytes(k - 1) == b"of"
            })
            && let Some(hit) = known.iter().find(|h| h.bytes.start == words[j].bytes.start)
            && let Referent::Known(e) = hit.referent
            && gazetteer.entry(e).kind == EntityType::Person
        {
            out.push(Found { bytes: words[i].bytes.start..words[j - 1].bytes.end, referent: hit.referent.clone() });
            i = j;
            continue;
        }
        if j == i {
            i += 1;
            continue;
        }
        // Titles open a person's name but are not part of it
        // (`Navy Capt. Jeff Davis`, `Staff Sgt. Albert Connelly`).
        // With a title anywhere before it (`Deputy Secretary of State Tony
        // Blinken`), the name is the run's tail of plain name words.
        let headed = is_org_head(j - 1) || is(j - 1, Features::PLACE_HEAD);
        let title = (i..j.saturating_sub(1)).rev().find(|&k| is_title(k)).filter(|_| !headed && name_word_at(j - 1));
        // `MR KIRBY: Thanks.`: a transcript's speaker opens the turn in capitals.
        if i == 0
            && j - i >= 2
            && is_title(i)
            && (i + 1..j).all(|k| is(k, Features::ALL_CAPS) && !words[k].is_stop_name(text))
            && text[words[j - 1].bytes.end..].starts_with(':')
        {
            out.push(discovered(text, words[i].bytes.start..words[j - 1].bytes.end, EntityType::Person));
            i = j;
            continue;
        }
        // `The Secretary of State has authorized ...`, `the Foreign Minister
        // said`: a role with no name after it is a mention of whoever holds it.
        // (`the` first: it is rare before a run, the role tests are look-ups.)
        let office = || {
            let is_role = |k: usize| is(k, Features::ROLE);
            (is_role(i) && (i + 1..j).all(|k| is_title(k) || bytes(k) == b"of" || bytes(k - 1) == b"of"))
                || (j - i <= 3 && is_role(j - 1))
        };
        // It ends in a capitalised word: `the Director of the` is no office.
        if title.is_none() && starts_upper(j - 1) && after_the(text, words[i].bytes.start, known) && office() {
            out.push(discovered(text, words[i].bytes.start..words[j - 1].bytes.end, EntityType::Person));
            i = j;
            continue;
        }
        // Mid-sentence, after a lower-case word, a capitalised run that ends
        // in a group's head noun is a name even when its first word could
        // open a sentence (`planners and War Council members`).
        let named_body = i > 0
            && j - i >= 2
            && !is(i, Features::PAGE_FURNITURE)
            && is_org_head(j - 1)
            && word(i - 1).starts_with(|c: char| c.is_lowercase());
        if title.is_none() && words[i].is_stop_name(text) && !is_org_head(i) && !named_body {
            i += 1;
            continue;
        }
        let first = match title {
            // `Sheikh Ahmed bin Saleh al-Jabouri`: the particles of an Arabic
            // name are inside it, though it opens with a name word.
            Some(t) => (t + 1..j)
                .rev()
                .take_while(|&k| name_word_at(k) || name_particle(word(k)))
                .filter(|&k| name_word_at(k))
                .last()
                .unwrap_or(t + 1),
            None => i,
        };
        // Most runs' first words open no name the gazetteer knows: a run of
        // two words or more with no title, whose name starts at `i`, is
        // turned away once, not by the look-ups below of its name, of each
        // of its prefixes, and of their skeletons.
        let may_be_known = title.is_some()
            || j - i < 2
            || gazetteer.may_know_names_opening(&text[words[i].bytes.start..], words[i].bytes.len());
        // The name's own entry, looked up once for the rules below.
        let entry = may_be_known
            .then(|| gazetteer.lookup_name(&text[words[first].bytes.start..words[j - 1].bytes.end]))
            .flatten();
        // A title-case headline runs names into other words (`Deir Ezour
        // Advances`): a known name at the start of the run stands alone.
        if title.is_none()
            && j - i >= 2
            && may_be_known
            && entry.is_none()
            && let Some((len, e)) = (1..(j - i).min(6)).rev().find_map(|len| {
                let name = &text[words[i].bytes.start..words[i + len - 1].bytes.end];
                gazetteer.lookup_name(name).or_else(|| gazetteer.lookup_skeleton(name)).map(|e| (len, e))
            })
        {
            out.push(Found { bytes: words[i].bytes.start..words[i + len - 1].bytes.end, referent: Referent::Known(e) });
            i += len;
            continue;
        }
        let span = words[first].bytes.start..words[j - 1].bytes.end;
        let named = match entry {
            Some(e) => Some(Found { bytes: span, referent: Referent::Known(e) }),
            None => {
                let run = Run { i: first, j, after_title: title.is_some(), may_be_known };
                classify(text, words, run, &title_case, gazetteer)
            }
        };
        if let Some(f) = named {
            // Not a capitalised sentence opener (`As Deputy Secretary ...`).
            let mut opens = (i..first)
                .find(|&k| {
                    !words[k].is_stop_name(text) || is_title(k) || service_at(text, words[k].bytes.start).is_some()
                })
                .unwrap_or(i);
            // `Navy Capt. Jeff Davis`: the service before a rank is an organisation.
            if title.is_some()
                && let Some(service_end) = service_at(text, words[opens].bytes.start)
                && let Some(k) = (opens..first).find(|&k| words[k].bytes.start > service_end)
                && is_title(k)
            {
                out.push(discovered(text, words[opens].bytes.start..service_end, EntityType::Organization));
                opens = k;
            }
            // The title is itself a mention of the person (`Defense Secretary`).
            if first > opens && is_person(&f.referent, gazetteer) && (opens..first).any(|k| is(k, Features::ROLE)) {
                out.push(Found {
                    bytes: words[opens].bytes.start..words[first - 1].bytes.end,
                    referent: f.referent.clone(),
                });
            }
            out.push(f);
        }
        i = j;
    }
}

/// Whether a known organisation's possessive ends right at `at` (`ISIL's `).
fn after_org_possessive(text: &str, at: usize, known: &[Found], gazetteer: &Gazetteer) -> bool {
    let before = text.get(..at).unwrap_or("");
    let Some(owner_end) = before.strip_suffix("'s ").or_else(|| before.strip_suffix("’s ")).map(str::len) else {
        return false;
    };
    known.iter().any(|h| h.bytes.end == owner_end && is_org(&h.referent, gazetteer))
}

/// Whether `the` stands right before `at`, or before a known name that
/// does (`the U.S. Secretary of State`).
fn after_the(text: &str, at: usize, known: &[Found]) -> bool {
    let before = text.get(..at).unwrap_or("");
    let definite = |s: &str| s.ends_with("the ") || s.ends_with("The ");
    definite(before)
        || known.iter().any(|h| {
            h.bytes.end + 1 == at && before.ends_with(' ') && definite(text.get(..h.bytes.start).unwrap_or(""))
        })
}

/// Where a military service's name (`Navy`, `Air Force`) starting at `at` ends.
fn service_at(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    LEXICON
        .services
        .iter()
        .filter(|s| rest.starts_with(s.as_str()) && rest[s.len()..].starts_with(' '))
        .map(|s| at + s.len())
        .max()
}

/// Whether a stretch is a title-case headline: most longer words
/// capitalised, and the rest function words a headline leaves in lower case
/// (`with`, `after`). A sentence full of names still has its lower-case
/// verbs (`Knox Thames, the Special Advisor ..., will travel to Turkey`).
fn title_case(text: &str, words: &[Word]) -> bool {
    let long_words = || words.iter().filter(|w| w.bytes.len() > 3);
    let capitalised = |w: &Word| w.is(text, Features::CAPITALISED);
    let letters = |w: &Word| alphabetic(&text[w.bytes.clone()]);
    // Seven in ten of at least three long words of letters capitalised:
    // three capitals, and fewer than three small for every seven. The
    // capitalised long words, of letters or not, bound the capitals, their
    // split's bit tells them, and most sentences fail that bound by their
    // first few small words: only those are read for their letters.
    let capitals_at_most = long_words().filter(|w| capitalised(w)).count();
    if capitals_at_most < 3 {
        return false;
    }
    let mut small = 0;
    for _ in long_words().filter(|w| !capitalised(w) && letters(w)) {
        small += 1;
        if small * 7 > capitals_at_most * 3 {
            return false;
        }
    }
    let upper = long_words().filter(|w| capitalised(w) && letters(w)).count();
    let long = upper + small;
    long >= 3
        && upper * 10 >= long * 7
        && long_words()
            .filter(|w| !capitalised(w) && letters(w))
            .all(|w| not_name_recased(&text[w.bytes.clone()], Recase::UpperFirst))
}

/// Whether a word is all letters: ASCII by the byte, only the rest decoded.
fn alphabetic(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_alphabetic()) || !word.is_ascii() && word.chars().all(char::is_alphabetic)
}

/// A name found in the text, typed by what was around it.
fn discovered(text: &str, bytes: Range<usize>, kind: EntityType) -> Found {
    let name = &text[bytes.clone()];
    let prefix = match kind {
        EntityType::Organization => "group",
        EntityType::Location => "place",
        EntityType::Person => "person",
        EntityType::Nationality => "nationality",
        EntityType::Other => "other",
    };
    let mut id = String::with_capacity(prefix.len() + 1 + name.len());
    id.push_str(prefix);
    id.push(':');
    push_slug(name, &mut id);
    let referent =
        Referent::Discovered(Box::new(Discovered { id, name: name.to_string(), kind, subtype: None, country: None }));
    Found { bytes, referent }
}

/// Two words with only a space (or a hyphen) between them.
fn adjacent(text: &str, a: &Word, b: &Word) -> bool {
    // By the byte: a wider character is neither.
    let gap = text.as_bytes().get(a.bytes.end..b.bytes.start);
    gap.is_some_and(|gap| gap.len() <= 2 && gap.iter().all(|&c| c == b' ' || c == b'-'))
}

/// A run of a sentence's words that `classify` reads as a name: `words[i..j]`.
struct Run {
    i: usize,
    j: usize,
    /// A title comes before it.
    after_title: bool,
    /// False when no name the gazetteer knows opens with its first word
    /// (`Gazetteer::may_know_names_opening`): no look-up of it finds one.
    may_be_known: bool,
}

/// What the name of a run is, when the gazetteer has no entry of that name:
/// a place it knows under another spelling, or a new name typed by its
/// shape and context.
fn classify(
    text: &str,
    words: &[Word],
    run: Run,
    title_case: &LazyCell<bool, impl FnOnce() -> bool>,
    gazetteer: &Gazetteer,
) -> Option<Found> {
    let Run { i, j, after_title, may_be_known } = run;
    let span = words[i].bytes.start..words[j - 1].bytes.end;
    let name = &text[span.clone()];
    let word = |k: usize| &text[words[k].bytes.clone()];
    // A word as bytes, for the tests made of every run: a `str`'s slice
    // would check that both its ends are a character's.
    let bytes = |k: usize| &text.as_bytes()[words[k].bytes.clone()];
    let is = |k: usize, features: Features| words[k].is(text, features);
    // `Mobile Unit Two`: a number after the head noun numbers the unit.
    let numbered =
        j - i >= 3 && matches!(bytes(j - 1), b"One" | b"Two" | b"Three" | b"Four" | b"Five" | b"II" | b"III" | b"IV");
    let last = if numbered { j - 2 } else { j - 1 };
    // The words before and after the name, as the lists have them.
    let before = |k: usize, features: Features| i >= k && is(i - k, features);
    let after = |features: Features| j < words.len() && is(j, features);
    let n = j - i;
    let acronym = n == 1 && is(i, Features::ALL_CAPS) && name.chars().filter(|c| c.is_alphabetic()).count() >= 3;
    // `407th AEG`, `3rd ID`: a numbered unit's abbreviated name.
    let numbered_unit = n == 2
        && is_ordinal(word(i))
        && is(last, Features::ALL_CAPS)
        && word(last).chars().all(|c| c.is_ascii_alphabetic())
        && word(last).len() >= 2
        && !NOT_ORG_ACRONYMS.contains(&word(last).trim_end_matches('s'));
    let names_only = (i..j).all(|k| {
        let initial_or_suffix = || {
            let w = bytes(k);
            matches!(w, [_, b'.'] | b"II" | b"III" | b"IV" | b"Jr." | b"Sr.")
        };
        let surname = || k > i && words[k - 1].is_name_word(text);
        !is(k, Features::STOP_WORD)
            && (!is(k, Features::NATIONALITY_LIKE) || surname())
            && !is(k, Features::ORG_HEAD)
            && !is(k, Features::PLACE_HEAD)
            && (!is(k, Features::ALL_CAPS) || initial_or_suffix())
    });
    // (Whether the sentence is a title-case headline last: it reads all its words.)
    let reporting = after(Features::REPORTING_VERB) && !**title_case;
    // `Jonathan Reed and Dr. Ali Hassan`: a name joined to a titled person's.
    let beside_titled = j < words.len() && bytes(j) == b"and" && (j + 1 < words.len()) && is(j + 1, Features::TITLE);
    let titled = after_title
        || before(1, Features::TITLE)
        || before(1, Features::REPORTING_VERB) && ends_clause(text, &words[j - 1]);
    let initial = (i + 1..j.saturating_sub(1)).any(|k| matches!(bytes(k), [_, b'.']) && is(k, Features::CAPITALISED));
    let place_after = after(Features::PLACE_NOUN_AFTER);
    let place_of = i >= 1 && bytes(i - 1).eq_ignore_ascii_case(b"of") && before(2, Features::PLACE_OF);
    // In a title-case headline every word is capitalised: only a name's own
    // shape (a head noun, a title, a known name) says it is one.
    let place_preposition = n <= 3 && before(1, Features::PLACE_PREPOSITION) && !**title_case;
    // A look-up: only where the rules below come to it.
    let comma_place = LazyCell::new(|| comma_then_place(text, &words[j - 1], gazetteer));

    // `Abu Bakr al-Baghdadi`, `Umm Sayyaf`: a kunya opens a person's name.
    let kunya = n >= 2 && matches!(bytes(i), b"Abu" | b"Umm");
    // `the Atlantic said`, `the Clarion reported`: a reporting verb alone
    // does not make one word after an article a person's name, as people's
    // names take none (a title still does: `the Premier said` is a role).
    let after_the = i >= 1 && bytes(i - 1).eq_ignore_ascii_case(b"the");
    // Nor does it make a person of a place's name run into the speaker's
    // verb where the commas are lost (`the outskirts of Tal Hamis said the
    // monitor`, `a teacher living in Midan said`).
    let spoke = (reporting || beside_titled) && n <= 3 && !(n == 1 && after_the) && !place_of && !place_preposition;
    // `the Sheikh Maqsud district`: a place noun after the name outweighs
    // a title before it.
    let person = (titled || initial || kunya || spoke) && names_only && !place_after;
    if !person
        && may_be_known
        && let Some(e) = gazetteer.lookup_skeleton(name)
    {
        return Some(Found { bytes: span, referent: Referent::Known(e) });
    }
    // `Department of the Treasury`, `Gulf of Aden`: the head comes before `of`.
    let head_of = (i + 1..j).find(|&k| bytes(k) == b"of").map(|k| k - 1);
    let headed = |head: Features| n >= 2 && (is(last, head) || head_of.is_some_and(|h| is(h, head)));
    if (place_after || place_of || place_preposition || *comma_place)
        && !person
        && may_be_known
        && let Some(e) = gazetteer.lookup_place_skeleton(name)
    {
        return Some(Found { bytes: span, referent: Referent::Known(e) });
    }
    let kind = if numbered_unit || headed(Features::ORG_HEAD) {
        EntityType::Organization
    } else if headed(Features::PLACE_HEAD) {
        EntityType::Location
    } else if acronym {
        if NOT_ORG_ACRONYMS.contains(&name.trim_end_matches('s')) || name.len() > 8 || designation(text, &span) {
            return None;
        }
        EntityType::Organization
    } else if person {
        EntityType::Person
    } else if (place_after || place_of || *comma_place) && names_only
        || n >= 2 && is(i, Features::PLACE_OPENER) && (i + 1..j).all(|k| words[k].is_name_word(text))
    {
        EntityType::Location
    } else if (2..=3).contains(&n) && names_only && followed_by_role(text, &words[j - 1]) && !**title_case {
        EntityType::Person
    } else if place_preposition && names_only {
        EntityType::Location
    } else {
        return None;
    };
    Some(discovered(text, span, kind))
}

/// `USS Hopper (DDG 70)`: letters and a number in brackets are a ship's or
/// an aircraft's designation, not an organisation.
fn designation(text: &str, span: &Range<usize>) -> bool {
    let rest = text.get(span.end..).unwrap_or("");
    let digits = rest.strip_prefix(' ').map_or(0, |r| r.bytes().take_while(u8::is_ascii_digit).count());
    text[..span.start].ends_with('(') && digits > 0 && rest[1 + digits..].starts_with(')')
}

/// Whether a name ends its clause (`..., said Russell.`).
fn ends_clause(text: &str, last: &Word) -> bool {
    text.get(last.bytes.end..).is_none_or(|rest| rest.is_empty() || rest.starts_with(['.', ',', ';', '\n']))
}

/// `Vermillion, South Dakota`: a name followed by a comma and a known state,
/// governorate or country is a place in it.
fn comma_then_place(text: &str, last: &Word, gazetteer: &Gazetteer) -> bool {
    let rest = text.get(last.bytes.end..).unwrap_or("");
    let Some(rest) = rest.strip_prefix(", ") else { return false };
    let end = rest.find([',', '.', ';', '(', '\n']).unwrap_or(rest.len()).min(40);
    let candidate = rest.get(..end).unwrap_or("").trim();
    let candidate = candidate.split(' ').take(3).collect::<Vec<_>>();
    (1..=candidate.len()).rev().any(|k| {
        gazetteer.lookup(&candidate[..k].join(" ")).is_some_and(|e| {
            let entry = gazetteer.entry(e);
            entry.kind == EntityType::Location && matches!(entry.subtype.as_deref(), Some("admin1" | "country"))
        })
    })
}

/// `John Smith, a spokesman for ...`: a role noun right after the comma.
fn followed_by_role(text: &str, last: &Word) -> bool {
    let rest = text.get(last.bytes.end..).unwrap_or("");
    let Some(rest) = rest.strip_prefix(',') else { return false };
    let rest = rest.trim_start();
    let rest = rest.strip_prefix("the ").or_else(|| rest.strip_prefix("a ")).unwrap_or(rest);
    let rest = rest.strip_prefix("an ").unwrap_or(rest);
    // `Abu Jandal, an ISIL gang leader in ...`: a role noun among the next few words.
    let clause = rest.split([',', '.', ';', '(', '\n']).next().unwrap_or("");
    let mut next = clause.split_whitespace();
    let first = next.next().unwrap_or_default();
    with_lower(first, |w| w == "who") || std::iter::once(first).chain(next.take(3)).any(is_title)
}

/// A stable id for a discovered name, pushed onto `id`: its folded key's
/// letters and digits, each run of other characters one `_`, none at
/// either end. An ASCII name, as most are, is read once by the byte, with
/// no key made: `fold_key` lowers its letters, drops its apostrophes and
/// leaves its other bytes, all of which then fall in a run of `_`.
fn push_slug(name: &str, id: &mut String) {
    if !name.is_ascii() {
        return push_folded_slug(name, id);
    }
    let start = id.len();
    for b in strip_the(name).bytes() {
        if b.is_ascii_alphanumeric() {
            id.push(char::from(b.to_ascii_lowercase()));
        } else if !matches!(b, b'\'' | b'`') && id.len() > start && !id.ends_with('_') {
            id.push('_');
        }
    }
    if id.ends_with('_') {
        id.pop();
    }
}

/// `push_slug` of any name, from its folded key.
fn push_folded_slug(name: &str, id: &mut String) {
    let start = id.len();
    for c in fold_key(name).chars() {
        if c.is_alphanumeric() {
            id.push(c);
        } else if id.len() > start && !id.ends_with('_') {
            id.push('_');
        }
    }
    if id.ends_with('_') {
        id.pop();
    }
}

/// `the US forces`, `French warplanes`, `Iraqi officials`: a country or
/// nationality hit followed by a force or government noun becomes that
/// country's forces or government, when the gazetteer has no name for it.
///
/// A country's own name is its government in `Turkey's government` and
/// `the government of Iraq`, and a country named with its article is the
/// state (`The United States condemns`, `talks with the Netherlands`) unless
/// a place word comes first (`in the United States`). Elsewhere it stays the
/// country, even as the subject of a verb (`Russia will strike`): the
/// country is the actor.
///
/// Where the phrase names the country as a noun of its own (`of Iraq`,
/// `Turkey's`, `the United States`), the country's mention is kept in
/// `nested`: the place is named there too (for the state, on the same words). A country that only modifies a
/// noun (`U.S. forces`) is an adjective and names no place.
pub(crate) fn country_phrases(text: &str, found: &mut [Found], nested: &mut Vec<Found>, gazetteer: &Gazetteer) {
    for f in found.iter_mut() {
        let Referent::Known(e) = f.referent else { continue };
        let entry = gazetteer.entry(e);
        let country = entry.is_country();
        let country_like = entry.kind == EntityType::Nationality || country;
        let Some(code) = entry.country.as_deref().filter(|_| country_like) else { continue };
        let mut start = f.bytes.start;
        let mut state = false;
        let rest = text.get(f.bytes.end..).unwrap_or("");
        // `Turkey's government`: the possessive's noun decides as a following one does.
        let possessive = country && (rest.starts_with("'s ") || rest.starts_with("’s "));
        let rest = match rest.strip_prefix("'s").or_else(|| rest.strip_prefix("’s")).filter(|_| possessive) {
            Some(after) => after.strip_prefix(' ').unwrap_or(""),
            None => rest.strip_prefix(' ').unwrap_or(""),
        };
        let noun_len = |nouns: &Nouns| nouns.longest_at(rest);
        let (suffix, label, len) = if let Some(len) = noun_len(&LEXICON.force_nouns) {
            ("forces", "forces", len)
        } else if let Some(len) = noun_len(&LEXICON.government_nouns) {
            ("government", "government", len)
        } else if !possessive && all_caps(&text[f.bytes.clone()]) && premodifies(rest) {
            // `U.S. support`, `a U.S. strike`: the state acting.
            ("government", "government", 0)
        } else if let Some(of) = country.then(|| government_of(text, f.bytes.start)).flatten() {
            start = of;
            ("government", "government", 0)
        } else if country && names_state(text, f.bytes.clone(), rest, possessive) {
            // The state's mention is the name, as every mention is, without
            // its article; the place's reading of the same words is nested.
            state = true;
            ("government", "government", 0)
        } else {
            continue;
        };
        if country && (start < f.bytes.start || possessive || state) {
            nested.push(f.clone());
        }
        // `Syrian forces` is the Syrian army when the gazetteer says so.
        let adjective = gazetteer.nationality(code).map_or(entry.name.as_str(), |n| gazetteer.entry(n).name.as_str());
        let name = [adjective, " ", label].concat();
        let base = gazetteer.country(code).map_or(entry.id.as_str(), |c| gazetteer.entry(c).id.as_str());
        let id = [base, "_", suffix].concat();
        let end = match (len, possessive) {
            (0, _) => f.bytes.end,
            (_, false) => f.bytes.end + 1 + len,
            (_, true) => f.bytes.end + text[f.bytes.end..].find(' ').unwrap_or(0) + 1 + len,
        };
        let referent = match gazetteer.index_of(&id).or_else(|| gazetteer.lookup_name(&name)) {
            Some(i) => Referent::Known(i),
            None => {
                let (kind, subtype, country) =
                    (EntityType::Organization, Some(suffix.to_string()), Some(code.to_string()));
                Referent::Discovered(Box::new(Discovered { id, name, kind, subtype, country }))
            }
        };
        *f = Found { bytes: start..end, referent };
    }
}

/// Whether a country's name with its article before it is the state: no
/// name or number goes on the noun phrase (`the U.S. Embassy`, `the U.S.
/// 5th Fleet`, `the U.S.-led`) and no place word comes before.
fn names_state(text: &str, name: Range<usize>, rest: &str, possessive: bool) -> bool {
    let before = &text[..name.start];
    let Some(the) = before.strip_suffix("the ").or_else(|| before.strip_suffix("The ")) else { return false };
    // Only names that take the article (`the Syria crisis` is the crisis's).
    let named = &text[name.clone()];
    let takes_article = all_caps(named)
        || named.ends_with('s')
        || named.split(' ').any(|w| matches!(w, "United" | "Republic" | "Kingdom" | "Emirates"));
    if !takes_article || the.ends_with(char::is_alphanumeric) {
        return false;
    }
    let previous = the.trim_end().rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    if matches!(previous, "to" | "of" | "throughout" | "within") || lexical(previous).any(Features::PLACE_PREPOSITION) {
        return false;
    }
    // A lower-case word after it is mostly a verb (`remains`, `went`); the
    // nouns a state heads (`forces`, `government`) were read before this, and
    // the rest (`the United States embassy`) are the state's too.
    let modified = text.get(name.end..).is_some_and(|after| after.starts_with('-'))
        || rest.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    possessive || !modified
}

/// Where `[the] government(s) of ` starts, when it ends right at `name_start`.
fn government_of(text: &str, name_start: usize) -> Option<usize> {
    let before = text.get(..name_start)?;
    let before = before.strip_suffix("the ").unwrap_or(before);
    ["government of ", "governments of "].iter().find_map(|phrase| {
        let start = before.len().checked_sub(phrase.len())?;
        let candidate = before.get(start..)?;
        let word_start = start == 0 || !before[..start].ends_with(char::is_alphanumeric);
        (word_start && candidate.eq_ignore_ascii_case(phrase)).then_some(start)
    })
}

/// Groups of people named by a people or a country: `Syrians`, `Kurds`,
/// `Syrian civilians`, `our Kurdish partners`, `the Lebanese religious
/// communities`, `the people of Iraq`. Reports make them actors and ACLED
/// codes them so (`Civilians (Syria)`): the phrase becomes an organisation
/// in place of the people's or the country's own mention. One id per people
/// and group: `the people of Iraq` is `iraq_people`, as `Iraqis` and `Iraqi
/// children` are. A town's or a governorate's residents (`Aleppo
/// residents`) leave the place a place: it is where their events happen,
/// which a timeline by place needs, and the mentions events read do not nest.
pub(crate) fn people_phrases(text: &str, found: &mut [Found], nested: &mut Vec<Found>, gazetteer: &Gazetteer) {
    for n in 0..found.len() {
        let f = &found[n];
        // Whether a people (not a country) is named; the id's stem and the
        // adjective the name starts with only for a phrase: most mentions
        // are no group, and this runs for every one.
        let Referent::Known(e) = f.referent else { continue };
        let entry = gazetteer.entry(e);
        let nationality = entry.kind == EntityType::Nationality;
        if !nationality && !entry.is_country() {
            continue;
        }
        let mention = &text[f.bytes.clone()];
        let rest = text.get(f.bytes.end..).unwrap_or("");
        let phrase = if let Some((len, group)) = rest.strip_prefix(' ').and_then(|r| group_after(r, nationality)) {
            // A country names only its population (`Syria residents`, not `Syria allies`).
            Some((f.bytes.start, f.bytes.end + 1 + len, group)).filter(|_| nationality || group == "people")
        } else if nationality && mention.ends_with('s') && !entry.name.ends_with('s') && !all_caps(mention) {
            // `Syrians`, `the Iraqis`, `Kurds`: the people as an actor (not
            // another adjective for it, `Shia`, `Syrian Kurdish`, nor one of them, `a Kurd`).
            Some((f.bytes.start, f.bytes.end, "people"))
        } else if !nationality {
            population_of(text, f.bytes.start).map(|start| (start, f.bytes.end, "people"))
        } else {
            None
        };
        let Some((start, end, group)) = phrase else { continue };
        // The phrase may not swallow a neighbouring mention.
        let clear_before = n == 0 || found[n - 1].bytes.end <= start;
        let clear_after = found.get(n + 1).is_none_or(|next| next.bytes.start >= end);
        if !(clear_before && clear_after) {
            continue;
        }
        // A country's people are named after it (`Iraqi people`: `iraq_people`).
        let code = entry.country.as_deref();
        let (base, adjective) = if nationality {
            let country = code.and_then(|c| gazetteer.country(c)).map(|c| gazetteer.entry(c));
            (country.map_or(entry.id.as_str(), |c| c.id.as_str()), entry.name.as_str())
        } else {
            let nationality = code.and_then(|c| gazetteer.nationality(c)).map(|n| gazetteer.entry(n));
            (entry.id.as_str(), nationality.map_or(entry.name.as_str(), |n| n.name.as_str()))
        };
        let id = [base, "_", group].concat();
        let name = [adjective, " ", group].concat();
        let referent = match gazetteer.index_of(&id).or_else(|| gazetteer.lookup_name(&name)) {
            Some(i) => Referent::Known(i),
            None => {
                let (kind, subtype, country) =
                    (EntityType::Organization, Some(group.to_string()), code.map(str::to_string));
                Referent::Discovered(Box::new(Discovered { id, name, kind, subtype, country }))
            }
        };
        if !nationality && start < found[n].bytes.start {
            // `the people of Iraq` names Iraq too.
            nested.push(found[n].clone());
        }
        found[n] = Found { bytes: start..end, referent };
    }
}

/// The group noun the text starts with, as its byte length and group, with
/// one lower-case adjective before it after a people (`religious
/// communities`).
fn group_after(rest: &str, adjective_allowed: bool) -> Option<(usize, &'static str)> {
    let noun_at = |rest: &str| {
        let len = alphanumeric_len(rest);
        group_of(&rest[..len]).map(|group| (len, group))
    };
    if let Some(hit) = noun_at(rest) {
        return Some(hit);
    }
    let space = adjective_allowed.then(|| rest.find(' ')).flatten()?;
    let (len, group) = noun_at(&rest[space + 1..])?;
    premodifies(rest).then_some((space + 1 + len, group))
}

/// The byte length of the letters and digits `text` starts with, the ASCII
/// ones eight at a time.
fn alphanumeric_len(text: &str) -> usize {
    let ascii = alphanumeric_end(text.as_bytes(), 0);
    // An ASCII byte after them is no letter; a wider character may be.
    match text.as_bytes().get(ascii) {
        Some(b) if !b.is_ascii() => {
            let rest = &text[ascii..];
            ascii + rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len())
        }
        _ => ascii,
    }
}

/// Where `[the] people of ` (or another population noun) starts, when it
/// ends right at `name_start`.
fn population_of(text: &str, name_start: usize) -> Option<usize> {
    let before = text.get(..name_start)?;
    let before = before.strip_suffix("the ").unwrap_or(before);
    let before = before.strip_suffix(" of ")?;
    let noun_len: usize = before.chars().rev().take_while(|c| c.is_alphanumeric()).map(char::len_utf8).sum();
    let noun_start = before.len() - noun_len;
    let noun = &before[noun_start..];
    let population = group_of(noun) == Some("people");
    population.then_some(noun_start)
}

/// Whether the text after a name starts with a lower-case noun it modifies
/// (`support`, `strike`), not a verb or a function word.
fn premodifies(rest: &str) -> bool {
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    !word.is_empty()
        && word.chars().all(char::is_lowercase)
        && !matches!(
            word.as_str(),
            "and"
                | "or"
                | "to"
                | "in"
                | "on"
                | "at"
                | "of"
                | "for"
                | "with"
                | "is"
                | "was"
                | "are"
                | "were"
                | "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "said"
                | "says"
                | "also"
                | "as"
                | "by"
                | "from"
                | "that"
                | "which"
                | "who"
                | "but"
                | "since"
                | "after"
                | "before"
                | "could"
                | "can"
                | "should"
                | "may"
                | "might"
                | "did"
                | "does"
                | "do"
                | "not"
                | "than"
                | "because"
                | "if"
                | "into"
                | "over"
                | "under"
        )
        && !LEXICON.reporting_verbs.contains(&word)
}

/// `U.S. Secretary of State Kerry`: a country right before a person's title
/// belongs to the title, so the person's mention takes it in, in place of
/// the country's own.
pub(crate) fn country_titles(text: &str, found: &mut Vec<Found>, gazetteer: &Gazetteer) {
    let mut keep = vec![true; found.len()];
    for k in 1..found.len() {
        let (before, person) = (&found[k - 1], &found[k]);
        let Referent::Known(e) = before.referent else { continue };
        let country = gazetteer.entry(e).is_country();
        let titled = || text[person.bytes.clone()].split(' ').next().is_some_and(is_title);
        if country
            && keep[k - 1]
            && is_person(&person.referent, gazetteer)
            && text.get(before.bytes.end..person.bytes.start) == Some(" ")
            && titled()
        {
            found[k].bytes.start = found[k - 1].bytes.start;
            keep[k - 1] = false;
        }
    }
    let mut keep = keep.into_iter();
    found.retain(|_| keep.next().unwrap_or(true));
}

/// `the Department`, `the Army`: an organisation's head noun alone, with
/// its article and a capital, is a short form of the nearest organisation
/// named before it with that word in its name (`the State Department`
/// ... `the Department's work`); with none, an organisation of its own.
/// `capitals` are the indices of the capitalised `words`, from `words`.
// Not inlined: its scan of the report's words, in the caller's body,
// was compiled to some twice the instructions whenever that body changed.
#[inline(never)]
pub(crate) fn short_forms(
    text: &str,
    words: &[Word],
    capitals: &[usize],
    found: &mut Vec<Found>,
    gazetteer: &Gazetteer,
) {
    let mut extra = Vec::new();
    let mut k = 0;
    for w in capitals.iter().map(|&c| &words[c]) {
        // Cheap tests first: this looks at every capitalised word of the report.
        // ` the `, ` The `, `\nThe `, or `The ` opening the text.
        let before = &text.as_bytes()[..w.bytes.start];
        let after_the = match before.strip_suffix(b"the ") {
            Some(rest) => rest.ends_with(b" "),
            None => before
                .strip_suffix(b"The ")
                .is_some_and(|rest| rest.is_empty() || rest.ends_with(b" ") || rest.ends_with(b"\n")),
        };
        if !after_the {
            continue;
        }
        let word = &text[w.bytes.clone()];
        // Plurals describe members (`the Soldiers`); media heads are titles (`the Times`).
        if word.ends_with('s') || matches!(word, "Press" | "Post" | "TV") {
            continue;
        }
        let rest = &text[w.bytes.end..];
        let rest = rest.strip_prefix("’s").or_else(|| rest.strip_prefix("'s")).unwrap_or(rest);
        if rest.starts_with(|c: char| c.is_alphanumeric() || c == '-')
            || rest.strip_prefix(' ').is_some_and(|r| {
                // `the Center for American Progress` is a name the run missed.
                r.starts_with(|c: char| c.is_uppercase()) || r.starts_with("of ") || r.starts_with("for ")
            })
        {
            continue;
        }
        // The word's lists last: reading them costs more than the tests above.
        if !w.is(text, Features::ORG_HEAD) {
            continue;
        }
        while k < found.len() && found[k].bytes.end <= w.bytes.start {
            k += 1;
        }
        if k < found.len() && found[k].bytes.start < w.bytes.end {
            continue;
        }
        let antecedent = found[..k].iter().rev().find(|f| {
            is_org(&f.referent, gazetteer)
                && (text[f.bytes.clone()].split(' ').any(|part| part == word)
                    || referent_name(&f.referent, gazetteer).split(' ').any(|part| part == word))
        });
        let referent = match antecedent {
            Some(f) => f.referent.clone(),
            None => discovered(text, w.bytes.clone(), EntityType::Organization).referent,
        };
        extra.push(Found { bytes: w.bytes.clone(), referent });
    }
    if !extra.is_empty() {
        found.extend(extra);
        found.sort_by(Found::text_order);
    }
}

fn referent_name<'g>(referent: &'g Referent, gazetteer: &'g Gazetteer) -> &'g str {
    match referent {
        Referent::Discovered(d) => &d.name,
        Referent::Known(e) => &gazetteer.entry(*e).name,
    }
}

/// `The Prime Minister left`, `the Secretary said`: an office named without
/// its holder is the person last named with that office (`Prime Minister
/// Justin Trudeau`, `Secretary of State John Kerry`). Not when another title
/// comes first: a `Deputy Secretary of State` holds another office.
pub(crate) fn resolve_offices(text: &str, found: &mut [Found], gazetteer: &Gazetteer) {
    // Each office a person was named with (the words of their mention before
    // the last, from its start or after a word that is no title), to the
    // person: one pass, however long the report.
    // (To the index of their mention, whose referent no later step changes.)
    // The referent first: most mentions are of known entries, whose text
    // this asks of every mention need not be read.
    let office_only = |f: &Found| match &f.referent {
        Referent::Discovered(d) if d.kind == EntityType::Person => {
            let mention = &text[f.bytes.clone()];
            d.name == mention && mention.split(' ').next().is_some_and(is_title)
        }
        _ => false,
    };
    // Offices are read only up to the last named alone: in most reports none is.
    let Some(last_office) = found.iter().rposition(office_only) else { return };
    let mut holders: FastMap<&str, usize> = FastMap::default();
    for n in 0..=last_office {
        let f = &found[n];
        if !is_person(&f.referent, gazetteer) {
            continue;
        }
        let mention = &text[f.bytes.clone()];
        if office_only(f) {
            if let Some(&holder) = holders.get(mention) {
                found[n].referent = found[holder].referent.clone();
            }
            continue;
        }
        let starts: Vec<usize> = std::iter::once(0)
            .chain(mention.match_indices(' ').map(|(at, _)| at + 1))
            .filter(|&at| at == 0 || !mention[..at - 1].rsplit(' ').next().is_some_and(is_title))
            .collect();
        for &start in &starts {
            // Up to every word but the last, or the whole of a title's own mention.
            let ends =
                mention[start..].match_indices(' ').map(|(at, _)| start + at).chain(std::iter::once(mention.len()));
            for end in ends {
                holders.insert(&mention[start..end], n);
            }
        }
    }
}

/// The first two bytes of some words, hashed to one of 256 bits: a test
/// that turns away most other words before a look-up of their whole text.
#[derive(Debug, Default)]
struct FirstPairs([u64; 4]);

impl FirstPairs {
    /// Which word of the set and which bit in it stands for `word`'s first
    /// two bytes; none for a shorter word.
    fn bit(word: &[u8]) -> Option<(usize, u64)> {
        let [b0, b1, ..] = *word else { return None };
        // Fibonacci hashing to eight bits.
        let hash = u16::from_le_bytes([b0, b1]).wrapping_mul(0x9E37) >> 8;
        Some((usize::from(hash / 64), 1 << (hash % 64)))
    }

    fn insert(&mut self, word: &[u8]) {
        if let Some((at, bit)) = Self::bit(word) {
            self.0[at] |= bit;
        }
    }

    /// Whether `word` may start with the first two bytes of a word in the
    /// set: false only when it starts with none (or is shorter than two).
    fn may_start(&self, word: &[u8]) -> bool {
        Self::bit(word).is_some_and(|(at, bit)| self.0[at] & bit != 0)
    }

    /// The pairs of `words`, in lower case, when none is shorter than two
    /// bytes, so that any other word is told by its first two.
    fn of_all(words: impl IntoIterator<Item = impl AsRef<[u8]>>) -> Option<Self> {
        let mut pairs = Self::default();
        for word in words {
            let word = word.as_ref();
            if word.len() < 2 {
                return None;
            }
            pairs.insert(word);
        }
        Some(pairs)
    }

    /// `may_start` of `word` in lower case, for a set of lower-case words:
    /// false only when its first two bytes are ASCII, as are those of the
    /// word lowered then, and those lowered start no word of the set.
    fn may_start_lowered(&self, word: &[u8]) -> bool {
        match *word {
            [b0, b1, ..] if b0.is_ascii() && b1.is_ascii() => {
                self.may_start(&[b0.to_ascii_lowercase(), b1.to_ascii_lowercase()])
            }
            _ => true,
        }
    }
}

/// A person named in full once is the same person when only the surname
/// follows (`Stephen J. Townsend` ... `Townsend said`); bare surnames of
/// people named in full are found anywhere in the report.
/// `words` are those of every stretch, in order, and `capitals` the indices
/// of the capitalised ones, from `words`.
// Not inlined, as `short_forms` is not: its scan of the report's words,
// in the caller's body, compiled to more instructions as that body changed.
#[inline(never)]
pub(crate) fn resolve_surnames(
    text: &str,
    words: &[Word],
    capitals: &[usize],
    found: &mut Vec<Found>,
    gazetteer: &Gazetteer,
) {
    // One-word surnames borrowed from the text.
    let mut surnames: FastMap<Cow<str>, Referent> = FastMap::default();
    // The surnames' first two bytes, which a word must start with to be one.
    let mut starts = FirstPairs::default();
    for f in found.iter() {
        if !is_person(&f.referent, gazetteer) {
            continue;
        }
        let name = &text[f.bytes.clone()];
        // The last three words, from the last.
        let mut parts = name.split_whitespace().rev();
        let (Some(last), Some(second)) = (parts.next(), parts.next()) else { continue };
        let third = parts.next();
        let surname = match third {
            Some(_) if matches!(last, "Jr." | "Sr." | "II" | "III" | "IV") => second,
            _ => last,
        };
        // A title standing for its holder (`Prime Minister` before
        // `Justin Trudeau`) ends in no surname.
        if surname.chars().count() >= 3 && starts_upper(surname) && !is_title(surname) {
            starts.insert(surname.as_bytes());
            surnames.entry(Cow::Borrowed(surname)).or_insert_with(|| f.referent.clone());
        }
        // Two-word surnames: `Rami Abdel Rahman` ... `Abdel Rahman said`.
        if third.is_some() && starts_upper(second) && starts_upper(last) {
            let tail = [second, " ", last].concat();
            starts.insert(tail.as_bytes());
            surnames.entry(Cow::Owned(tail)).or_insert_with(|| f.referent.clone());
        }
    }
    if surnames.is_empty() {
        return;
    }
    // Single-word mentions already found take the full name's identity, and
    // so do the other mentions of the person they named (a title before them).
    let mut renamed: FastMap<Referent, Referent> = FastMap::default();
    for f in found.iter() {
        if let Referent::Discovered(d) = &f.referent
            && d.kind == EntityType::Person
            && let Some(full) = surnames.get(&text[f.bytes.clone()])
            && *full != f.referent
        {
            renamed.entry(f.referent.clone()).or_insert_with(|| full.clone());
        }
    }
    for f in found.iter_mut() {
        if let Some(full) = renamed.get(&f.referent) {
            f.referent = full.clone();
        }
    }
    // Bare surnames elsewhere, outside every other mention.
    let mut extra = Vec::new();
    let mut k = 0;
    {
        // Every surname starts with a capital (and holds no space, if it is one word).
        for w in capitals.iter().map(|&c| &words[c]) {
            if !starts.may_start(&text.as_bytes()[w.bytes.clone()]) {
                continue;
            }
            let word = text[w.bytes.clone()].trim_end_matches(['’', '\'']);
            let word = word.strip_suffix("’s").or_else(|| word.strip_suffix("'s")).unwrap_or(word);
            let Some(referent) = surnames.get(word) else { continue };
            while k < found.len() && found[k].bytes.end <= w.bytes.start {
                k += 1;
            }
            if k < found.len() && found[k].bytes.start < w.bytes.end {
                continue;
            }
            let end = w.bytes.start + word.len();
            extra.push(Found { bytes: w.bytes.start..end, referent: referent.clone() });
        }
    }
    if !extra.is_empty() {
        found.extend(extra);
        found.sort_by(Found::text_order);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn discovered(text: &str) -> Vec<(String, EntityType)> {
        let g = Gazetteer::embedded();
        let known: Vec<Found> = g
            .find(text, 0..text.len())
            .into_iter()
            .map(|h| Found { bytes: h.bytes, referent: Referent::Known(h.entry) })
            .collect();
        let mut words_of = Vec::new();
        words(text, 0..text.len(), &mut words_of, &mut Vec::new(), &mut Vec::new(), |_| true);
        let mut found = Vec::new();
        discover(text, 0..text.len(), &words_of, &known, &g, &mut found);
        found
            .into_iter()
            .filter_map(|f| match f.referent {
                Referent::Discovered(d) => Some((text[f.bytes].to_string(), d.kind)),
                Referent::Known(_) => None,
            })
            .collect()
    }

    #[test]
    fn no_list_has_a_word_twice() {
        // The sections of discovery.txt, then the acronyms here.
        let mut lists: Vec<(&str, Vec<&str>)> = Vec::new();
        for line in include_str!("../../data/gazetteer/discovery.txt").lines().map(str::trim) {
            match line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                Some(name) => lists.push((name, Vec::new())),
                None if !line.is_empty() && !line.starts_with('#') => {
                    lists.last_mut().expect("an entry before any [section]").1.push(line)
                }
                None => {}
            }
        }
        lists.push(("NOT_ORG_ACRONYMS", NOT_ORG_ACRONYMS.to_vec()));
        for (list, mut words) in lists {
            let all = words.len();
            words.sort_unstable();
            words.dedup();
            assert_eq!(words.len(), all, "[{list}] repeats a word");
        }
    }

    /// The features of each word of `text`, all worked out.
    fn features(text: &str) -> Vec<Features> {
        let mut out = Vec::new();
        words(text, 0..text.len(), &mut out, &mut Vec::new(), &mut Vec::new(), |_| true);
        out.iter().map(|w| Features(w.read(text).0 & !Features::READ.0)).collect()
    }

    /// `words` with its letters and digits read a byte at a time and every
    /// word's end decoded: what the bit-wise one must give, with whether
    /// each word is capitalised.
    fn words_bytewise(text: &str) -> Vec<(Range<usize>, bool)> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(c) = char_at(text, i) {
            if !c.is_alphanumeric() {
                i += c.len_utf8();
                continue;
            }
            let start = i;
            loop {
                while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                    i += 1;
                }
                match word_goes_on(text, i) {
                    Some(next) => i = next,
                    None => break,
                }
            }
            let end = i + usize::from(takes_dot(text, start..i));
            out.push((start..end, starts_upper(&text[start..])));
            i = end;
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn first_pairs_turn_away_no_abbreviation_and_no_group_noun(
            word in "(Gen|LT|col|Capt|SGT|mr|Dr|Prof|civilians|Fighters|Kurds|[a-zA-ZéΣİK]{0,7})",
        ) {
            // `K`, the Kelvin sign, lowers to an ASCII `k`.
            if !LEXICON.abbreviation_pairs.as_ref().is_none_or(|p| p.may_start_lowered(word.as_bytes())) {
                proptest::prop_assert!(!lexical(&word).any(Features::ABBREVIATION), "{}", word);
            }
            if !LEXICON.group_pairs.as_ref().is_none_or(|p| p.may_start_lowered(word.as_bytes())) {
                proptest::prop_assert!(!LEXICON.group_nouns.contains_key(&word.to_lowercase()), "{}", word);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn connectors_and_nisbas_may_join(
            word in "(al|el|bin|ibn|of|de|du|la|le|van|von|for|and|[a-zA-Z’]{0,5})(-[A-Za-zé]{0,5})?",
        ) {
            if is_connector(&word) || nisba(&word) {
                proptest::prop_assert!(may_join(word.as_bytes()), "{}", word);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn words_are_split_as_a_byte_at_a_time_splits_them(
            text in "[a-zA-Z0-9 .,'’_éΣ-]{0,150}|(Gen|J|U|al|Syria|Raqqa|[a-z]{1,12}|[A-Z]{1,3})([ .'’-]{1,2}(s|Gen|J|S|Assad|[a-z0-9]{1,14}))*",
            from in 0..4usize,
            cut in 0..4usize,
        ) {
            // A stretch that starts and ends inside the text, as sentences do.
            let from = floor_char_boundary(&text, from);
            let to = floor_char_boundary(&text, text.len().saturating_sub(cut)).max(from);
            let mut split = Vec::new();
            words(&text, from..to, &mut split, &mut Vec::new(), &mut Vec::new(), |_| true);
            let split: Vec<(Range<usize>, bool)> =
                split.iter().map(|w| (w.bytes.clone(), w.is(&text, Features::CAPITALISED))).collect();
            let expected: Vec<(Range<usize>, bool)> = words_bytewise(&text[from..to])
                .into_iter()
                .map(|(r, capitalised)| (r.start + from..r.end + from, capitalised))
                .collect();
            proptest::prop_assert_eq!(split, expected);
        }
    }

    proptest::proptest! {
        #[test]
        fn an_ascii_names_slug_is_that_of_its_folded_key(
            name in "(the |The | )?([a-zA-Z0-9 .,'`_()\t\r-]{0,30}|((Abu|al|the|[A-Z][a-z]{0,8}|[0-9]{1,3}th)[ '`.-]{1,3}){0,5})",
            prefix in "(|group:)",
        ) {
            let (mut fast, mut folded) = (prefix.clone(), prefix);
            push_slug(&name, &mut fast);
            push_folded_slug(&name, &mut folded);
            proptest::prop_assert_eq!(fast, folded);
        }
    }

    /// `title_case` as first written: every long word's letters read, then
    /// the share of capitals worked out.
    fn title_case_counting_all(text: &str, words: &[Word]) -> bool {
        let long_words = || words.iter().filter(|w| w.bytes.len() > 3 && alphabetic(&text[w.bytes.clone()]));
        let capitalised = |w: &Word| w.is(text, Features::CAPITALISED);
        let (long, upper) = long_words().fold((0, 0), |(l, c), w| (l + 1, c + usize::from(capitalised(w))));
        long >= 3
            && upper * 10 >= long * 7
            && long_words()
                .filter(|w| !capitalised(w))
                .all(|w| not_name_recased(&text[w.bytes.clone()], Recase::UpperFirst))
    }

    proptest::proptest! {
        #[test]
        fn title_case_is_the_share_of_capitals_among_all_long_words(
            text in "((With|After|Raqqa|Syria|Province|Executed|R2D2|Al-Bab|Éclair|with|after|into|rebels|2015|4x4s|écrit|al-Bab|of|in|A|[a-zA-Z0-9é-]{1,9})[ ,.]{1,2}){0,14}",
        ) {
            let mut split = Vec::new();
            words(&text, 0..text.len(), &mut split, &mut Vec::new(), &mut Vec::new(), |_| true);
            proptest::prop_assert_eq!(title_case(&text, &split), title_case_counting_all(&text, &split));
        }
    }

    #[test]
    fn punctuation_holds_no_letter_or_digit() {
        for c in ('\u{a0}'..='\u{2070}').filter(|&c| punctuation(c)) {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn sse2_ascii_classes_are_the_swar_ones(x in proptest::num::u128::ANY, byte in proptest::num::u8::ANY, at in 0u32..16) {
            // A byte set at random among random ones, so that every byte is met.
            let x = x & !(0xFF << (8 * at)) | u128::from(byte) << (8 * at);
            proptest::prop_assert_eq!(ascii_classes(x), ascii_classes_swar(x));
        }
    }

    #[test]
    fn a_short_words_lists_are_those_its_text_is_in() {
        // Every word of the lists, as they write it and recased.
        let listed = include_str!("../../data/gazetteer/discovery.txt")
            .lines()
            .map(|line| line.split('|').next().unwrap_or("").trim())
            .filter(|w| !w.is_empty() && !w.starts_with(['#', '[']) && !w.contains(' '));
        for form in listed.map(String::from).chain(["said", "Monday", "MONDAYS", "Brigadier"].map(String::from)) {
            let text = format!("{form} and sixteen more bytes");
            for word in [form.clone(), form.to_lowercase(), form.to_uppercase()] {
                let text = text.replacen(&form, &word, 1);
                let Some(short) = ShortAscii::load(text.as_bytes(), 0..word.len()) else { continue };
                assert_eq!(lexical_short(&word, short), lexical(&word), "{word}");
            }
        }
    }

    #[test]
    fn a_headline_in_title_case_is_told_from_a_sentence_of_names() {
        let split = |text: &str| {
            let mut split = Vec::new();
            words(text, 0..text.len(), &mut split, &mut Vec::new(), &mut Vec::new(), |_| true);
            split
        };
        let headline = "At Least 19 Executed by Militants in Northern Hama Province";
        assert!(title_case(headline, &split(headline)));
        let sentence = "Knox Thames, the Special Advisor for Religious Minorities, will travel to Turkey";
        assert!(!title_case(sentence, &split(sentence)));
    }

    proptest::proptest! {
        #[test]
        fn a_stretch_shouts_when_its_capitals_outnumber_its_small_letters(
            text in "[A-Z]{0,80}[a-zA-Z .,0-9]{0,200}[ÉéΣσ’ ]{0,3}[a-zA-Z ]{0,80}",
            from in 0..90usize,
        ) {
            let from = floor_char_boundary(&text, from);
            let stretch = &text[from..];
            let upper = stretch.chars().filter(|c| c.is_uppercase()).count();
            let lower = stretch.chars().filter(|c| c.is_lowercase()).count();
            proptest::prop_assert_eq!(shouting(&text, &(from..text.len())), upper > lower);
        }
    }

    proptest::proptest! {
        #[test]
        fn chunks_are_classed_as_eight_bytes_at_a_time_class_them(
            chunk in proptest::collection::vec(proptest::num::u8::ANY, CHUNK),
            common in proptest::collection::vec(proptest::sample::select(b" .-'09@AZ[`az{\x7f\x80\xff".to_vec()), CHUNK),
        ) {
            for chunk in [chunk, common] {
                let chunk: [u8; CHUNK] = chunk.try_into().expect("a chunk's length");
                let (alphanumeric, wide) = chunk_classes_swar(&chunk);
                proptest::prop_assert_eq!(chunk_classes(&chunk), (alphanumeric, wide));
                for (k, b) in chunk.iter().enumerate() {
                    proptest::prop_assert_eq!(alphanumeric >> k & 1 == 1, b.is_ascii_alphanumeric());
                    proptest::prop_assert_eq!(wide >> k & 1 == 1, !b.is_ascii());
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn name_starts_met_by_the_split_are_those_of_every_byte(
            text in "[a-zA-Z0-9 .,'’_éęΣÖ-]{0,150}|(_|Gen|J|U|al|Müller|[a-z]{1,12}|[A-Z]{1,3})([ .'’_ę-]{1,2}(s|S|Assad|ę[a-z]|[a-z0-9]{1,14}))*",
            from in 0..4usize,
        ) {
            let from = floor_char_boundary(&text, from);
            let (mut split, mut capitals, mut met) = (Vec::new(), Vec::new(), Vec::new());
            words(&text, from..text.len(), &mut split, &mut capitals, &mut met, |_| true);
            let scanned: Vec<usize> = crate::gazetteer::NameStarts::new(&text[from..]).map(|i| from + i).collect();
            proptest::prop_assert_eq!(met, scanned);
            // The capitals' list is the words the split found capitalised.
            let capitalised: Vec<usize> =
                (0..split.len()).filter(|&k| split[k].is(&text, Features::CAPITALISED)).collect();
            proptest::prop_assert_eq!(capitals, capitalised);
        }
    }

    proptest::proptest! {
        #[test]
        fn short_ascii_words_are_read_as_a_byte_at_a_time_reads_them(
            pick in 0usize..16,
            case in proptest::num::u32::ANY,
            tail in "[a-z .,é’'-]{0,20}",
        ) {
            const WORDS: [&str; 16] = [
                "brigade", "gen", "mondays", "spokesman", "province", "the", "council", "ministry",
                "sheikh", "said", "us", "isis", "al-raqqa", "3rd", "commander-in-chief", "question",
            ];
            // Letters flipped to capitals by the bits of `case`.
            let word: String = WORDS[pick]
                .chars()
                .enumerate()
                .map(|(k, c)| if case >> (k % 32) & 1 == 1 { c.to_ascii_uppercase() } else { c })
                .collect();
            let text = format!("{word}{tail}");
            let short = ShortAscii::load(text.as_bytes(), 0..word.len());
            proptest::prop_assert_eq!(short.is_some(), word.len() <= 16 && text.len() >= 16);
            if let Some(short) = short {
                proptest::prop_assert_eq!(lexical_short(&word, short), lexical(&word));
                proptest::prop_assert_eq!(short.all_caps(), all_caps(&word));
                proptest::prop_assert_eq!(short.capital_after_third(), word.bytes().skip(3).any(|b| b.is_ascii_uppercase()));
                let (lower, expected) = (short.lower().to_le_bytes(), word.to_lowercase());
                proptest::prop_assert_eq!(&lower[..word.len()], expected.as_bytes());
                proptest::prop_assert!(lower[word.len()..].iter().all(|&b| b == 0));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn not_names_are_looked_up_recased_as_new_strings_would_be(word in "[a-zA-Zé]{1,12}", upper in proptest::bool::ANY) {
            let mut chars = word.chars();
            let first = chars.next().expect("one letter or more");
            let recased: String = if upper {
                first.to_uppercase().chain(chars).collect()
            } else {
                std::iter::once(first).chain(chars.flat_map(char::to_lowercase)).collect()
            };
            let recase = if upper { Recase::UpperFirst } else { Recase::LowerRest };
            proptest::prop_assert_eq!(not_name_recased(&word, recase), LEXICON.not_names.contains(&recased));
        }
    }

    #[test]
    fn not_names_are_found_recased() {
        assert!(not_name_recased("QUESTION", Recase::LowerRest) && not_name_recased("with", Recase::UpperFirst));
    }

    #[test]
    fn a_words_lists_are_read_in_their_case() {
        let [brigade, lower, title, shouted, spokesman] = features("Brigade brigade Gen. GEN. Spokesman")[..] else {
            panic!("five words")
        };
        assert!(brigade.any(Features::ORG_HEAD) && brigade.any(Features::HEADS_OF));
        assert!(!lower.any(Features::ORG_HEAD), "head nouns are case-sensitive");
        assert!(title.any(Features::TITLE) && shouted.any(Features::TITLE), "titles are not");
        assert!(!title.any(Features::ROLE), "a title with a dot is no role");
        assert!(spokesman.any(Features::ROLE | Features::ROLE_NOUN) && spokesman.any(Features::CAPITALISED));
        let [mondays, question, camel, name] = features("Mondays QUESTION FacebookComment Dorrian")[..] else {
            panic!("four words")
        };
        assert!([mondays, question, camel].iter().all(|f| f.any(Features::STOP_WORD)));
        assert!(name.any(Features::NAME_WORD_AFTER_NAME) && name.any(Features::NATIONALITY_LIKE));
    }

    #[test]
    fn nouns_are_found_as_a_scan_of_them_all_finds_them() {
        let list: Vec<String> =
            ["forces", "force", "air force", "army", "Égide", "troops", "a"].iter().map(|n| n.to_string()).collect();
        let nouns = Nouns::new(list.clone());
        // Every noun the text starts with in any case, before no letter or digit.
        let scan = |rest: &str| {
            list.iter()
                .filter(|n| {
                    rest.get(..n.len()).is_some_and(|h| h.eq_ignore_ascii_case(n))
                        && !rest[n.len()..].starts_with(char::is_alphanumeric)
                })
                .map(String::len)
                .max()
        };
        for rest in [
            "forces said",
            "Force",
            "Air Force jets",
            "air forces",
            "ARMY",
            "armyx",
            "a",
            "A b",
            "ab",
            "Égide",
            "égide",
            "",
            " forces",
            "troops.",
            "zebra",
            "Ärmy",
        ] {
            assert_eq!(nouns.longest_at(rest), scan(rest), "{rest:?}");
        }
    }

    #[test]
    fn capitals_are_weighed_against_small_letters_as_two_filters_count_them() {
        for text in ["REBELS Shell Kafr Nasih AS TALKS STALL ", "REBELS SHELL KAFR", "rebels shell kafr nasih"] {
            let text = text.repeat(20);
            for len in [0, 1, 126, 127, 128, 254, 255, 256, text.len()] {
                let bytes = &text.as_bytes()[..len];
                let count = |test: fn(&u8) -> bool| bytes.iter().filter(|b| test(b)).count() as isize;
                assert_eq!(
                    capitals_over_small_letters(bytes),
                    count(u8::is_ascii_uppercase) - count(u8::is_ascii_lowercase)
                );
            }
        }
    }

    #[test]
    fn context_gives_places_groups_and_people() {
        let found = discovered(
            "Fighters of the Hamza Brigade shelled the town of Kafr Nasih, Gen. Ali Mamlouk said, \
             while clashes spread to Tell Umm Zaytouna province.",
        );
        assert!(found.contains(&("Hamza Brigade".into(), EntityType::Organization)), "{found:?}");
        assert!(found.contains(&("Kafr Nasih".into(), EntityType::Location)), "{found:?}");
        assert!(found.contains(&("Ali Mamlouk".into(), EntityType::Person)), "{found:?}");
        assert!(found.contains(&("Tell Umm Zaytouna".into(), EntityType::Location)), "{found:?}");
    }

    #[test]
    fn people_by_initials_roles_and_reporting_verbs() {
        let found = discovered("Maj. Gen. Robert P. Whitfield visited. Lindqvist said the talks went well.");
        assert!(found.contains(&("Robert P. Whitfield".into(), EntityType::Person)), "{found:?}");
        assert!(found.contains(&("Lindqvist".into(), EntityType::Person)), "{found:?}");
        let found = discovered("Mark Dawson, a spokesman for the group, declined to comment.");
        assert_eq!(found, vec![("Mark Dawson".into(), EntityType::Person)]);
    }

    #[test]
    fn one_word_after_an_article_is_no_speaker_s_name() {
        // People's names take no article: a word after `the` that a
        // reporting verb follows names a publication or a body.
        let found = discovered("The Atlantic said the deal was off, and the Clarion reported it.");
        assert!(!found.iter().any(|(_, kind)| *kind == EntityType::Person), "{found:?}");
        // Without the article, or with a title, the word is a name.
        let found = discovered("Lindqvist said the deal was off. The envoy, Ambassador Vireo, said it would act.");
        assert!(found.contains(&("Lindqvist".into(), EntityType::Person)), "{found:?}");
        assert!(found.iter().any(|(name, kind)| name.contains("Vireo") && *kind == EntityType::Person), "{found:?}");
    }

    #[test]
    fn a_place_run_into_a_reporting_verb_is_no_speaker() {
        // Archives that lost their commas run the place into the verb.
        let found = discovered("A teacher living in Qarnabad said she heard two blasts.");
        assert_eq!(found, vec![("Qarnabad".into(), EntityType::Location)]);
        let found = discovered("Strikes hit the outskirts of Qarnabad said the monitor.");
        assert_eq!(found, vec![("Qarnabad".into(), EntityType::Location)]);
    }

    #[test]
    fn going_on_is_not_speaking() {
        // `continued` reports speech less often than it says that fighting went on.
        let found = discovered("Warplanes continued to pound the town on Monday.");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_place_noun_after_a_titled_name_makes_it_a_place() {
        let found = discovered("Shells hit the Sheikh Qarnabad district of the city.");
        assert!(found.iter().all(|(_, kind)| *kind != EntityType::Person), "{found:?}");
        let found = discovered("Sheikh Qarnabad said the district was shelled.");
        assert!(found.iter().any(|(name, kind)| name.contains("Qarnabad") && *kind == EntityType::Person), "{found:?}");
    }

    #[test]
    fn media_outlets_are_organisations() {
        let found = discovered("Nahar Valley Media reported heavy shelling.");
        assert_eq!(found, vec![("Nahar Valley Media".into(), EntityType::Organization)]);
    }

    #[test]
    fn places_in_a_state_and_unknown_acronyms() {
        let found = discovered("The airmen from Cibolo, Texas, joined the JTFX staff.");
        assert!(found.contains(&("Cibolo".into(), EntityType::Location)), "{found:?}");
        assert!(found.contains(&("JTFX".into(), EntityType::Organization)), "{found:?}");
    }

    #[test]
    fn sentence_starters_and_headlines_are_not_names() {
        assert!(discovered("The fighting resumed on Monday. However, Officials said little.").is_empty());
        assert!(discovered("REBELS SHELL KAFR NASIH AS TALKS STALL").is_empty());
    }

    #[test]
    fn page_furniture_opens_no_name() {
        assert!(
            discovered("Source TRTWorld and agencies Related News Iraqs vote").iter().all(|(n, _)| n != "Related News")
        );
        assert!(discovered("Episode | Showcase Category News The blunders").is_empty());
    }

    #[test]
    fn units_offices_and_titled_officials() {
        let found = discovered("Airmen from the 158th Fighter Wing joined the 134th Expeditionary Fighter Squadron.");
        assert!(found.contains(&("158th Fighter Wing".into(), EntityType::Organization)), "{found:?}");
        assert!(
            found.contains(&("134th Expeditionary Fighter Squadron".into(), EntityType::Organization)),
            "{found:?}"
        );
        let found = discovered("Deputy Secretary of State Tony Blinken will travel to Iraq.");
        assert_eq!(
            found,
            vec![("Deputy Secretary of State".into(), EntityType::Person), ("Tony Blinken".into(), EntityType::Person)]
        );
        let found = discovered("They work at the Department of the Treasury.");
        assert_eq!(found, vec![("Department of the Treasury".into(), EntityType::Organization)]);
    }

    #[test]
    fn named_operations_and_exercises_are_campaigns_not_actors() {
        let found = discovered("Operation Gallant Shield said its jets joined Exercise Desert Falcon.");
        assert!(found.contains(&("Operation Gallant Shield".into(), EntityType::Other)), "{found:?}");
        assert!(found.contains(&("Exercise Desert Falcon".into(), EntityType::Other)), "{found:?}");
    }

    #[test]
    fn a_sentence_full_of_names_is_no_headline() {
        let found = discovered(
            "Mira Castell, the Senior Advisor to Ambassador Voss for Refugee Affairs in the Middle East and \
             North Africa, will travel to Jordan.",
        );
        assert!(found.contains(&("Mira Castell".into(), EntityType::Person)), "{found:?}");
    }

    #[test]
    fn an_organisations_own_body_and_numbered_units() {
        let found = discovered("Hezbollah's War Council met the 82nd ABN and the 3rd IED team near the Water Board.");
        assert!(found.contains(&("War Council".into(), EntityType::Organization)), "{found:?}");
        assert!(found.contains(&("82nd ABN".into(), EntityType::Organization)), "{found:?}");
        assert!(found.contains(&("Water Board".into(), EntityType::Organization)), "{found:?}");
        assert!(!found.iter().any(|(n, _)| n.contains("IED")), "{found:?}");
    }

    #[test]
    fn a_place_noun_opens_a_place_and_a_name_beside_a_titled_one_is_a_person() {
        let found = discovered("The medic from Fort Hood met the chargé, Mary Quill and Dr. Sami Nadir.");
        assert!(found.contains(&("Fort Hood".into(), EntityType::Location)), "{found:?}");
        assert!(found.contains(&("Mary Quill".into(), EntityType::Person)), "{found:?}");
        assert!(found.contains(&("Sami Nadir".into(), EntityType::Person)), "{found:?}");
        let found = discovered("Aid reached Nadia Hamdan and Khaled Issa in Aleppo.");
        assert!(!found.iter().any(|(n, _)| n == "Nadia Hamdan"), "no title beside it: {found:?}");
    }

    /// `and` joins words of one name (`Ministry of Foreign Affairs and
    /// Expatriates`), not two names of groups or of places that share a head.
    #[test]
    fn and_between_two_groups_or_two_like_places_splits_them() {
        let found = discovered(
            "The Hamza Division and Sultan Murad Division took the villages of Tal Shamiram and Tal Hurmoz.",
        );
        for name in ["Hamza Division", "Sultan Murad Division", "Tal Shamiram"] {
            assert!(found.iter().any(|(n, _)| n == name), "{name}: {found:?}");
        }
        assert!(!found.iter().any(|(n, _)| n.contains(" and ")), "{found:?}");
        let found = discovered("The Ministry of Foreign Affairs and Expatriates condemned it.");
        assert!(found.iter().any(|(n, _)| n == "Ministry of Foreign Affairs and Expatriates"), "{found:?}");
    }

    #[test]
    fn an_office_named_without_its_holder_is_a_person() {
        let found = discovered("The Secretary of Defense approved it, and the Iraqi Foreign Minister agreed.");
        assert!(found.contains(&("Secretary of Defense".into(), EntityType::Person)), "{found:?}");
        assert!(found.contains(&("Foreign Minister".into(), EntityType::Person)), "{found:?}");
        assert!(discovered("Secretary of Defense talks resumed.").is_empty(), "no `the`, no office");
    }

    #[test]
    fn a_name_ending_in_a_known_one_after_its_own_head_noun_is_one_name() {
        let found = discovered("Two frigates joined Allied Naval Forces Central Command in May.");
        assert!(found.contains(&("Allied Naval Forces Central Command".into(), EntityType::Organization)), "{found:?}");
    }

    #[test]
    fn a_transcript_speaker_in_capitals_is_a_person() {
        let found = discovered("MS HALVORSEN: Good afternoon, everyone.");
        assert_eq!(found, vec![("MS HALVORSEN".into(), EntityType::Person)]);
        assert!(discovered("QUESTION: Is the road open?").is_empty());
    }

    #[test]
    fn a_name_may_open_with_a_sentence_opener_mid_sentence() {
        let found =
            discovered("Funds came from donors and the International Relief Fund, and War Council members fled.");
        assert!(found.contains(&("International Relief Fund".into(), EntityType::Organization)), "{found:?}");
        assert!(found.contains(&("War Council".into(), EntityType::Organization)), "{found:?}");
        let found = discovered("War Council members fled.");
        assert!(found.is_empty(), "a sentence opener stays out: {found:?}");
    }

    #[test]
    fn a_unit_numbered_in_words_is_a_unit() {
        let found = discovered("He served with Coastal Riverine Squadron Four until June.");
        assert_eq!(found, vec![("Coastal Riverine Squadron Four".into(), EntityType::Organization)]);
    }

    #[test]
    fn a_museum_is_a_place() {
        let found = discovered("Looters emptied the Mosul Museum in 2015.");
        assert_eq!(found, vec![("Mosul Museum".into(), EntityType::Location)]);
    }

    #[test]
    fn title_case_headlines_need_strong_cues() {
        let found = discovered("At Least 19 Executed by Militants in Northern Hama Province");
        assert!(!found.iter().any(|(n, _)| n == "Least" || n == "Northern"), "{found:?}");
    }

    /// Every organisation's id and mentions in a report of one paragraph.
    /// The whole pipeline's document for a text.
    fn analyze(text: &str) -> crate::model::Document {
        let raw = crate::read::RawReport {
            id: "t".into(),
            path: None,
            content: crate::read::Content::Bytes(text.as_bytes().to_vec()),
        };
        crate::Analyzer::default().analyze(raw).expect("a readable report")
    }

    fn groups(text: &str) -> Vec<(String, Vec<String>)> {
        analyze(text)
            .entities
            .iter()
            .filter(|e| e.kind == EntityType::Organization)
            .map(|e| (e.id.clone(), e.mentions.iter().map(|m| m.text.clone()).collect()))
            .collect()
    }

    #[test]
    fn a_people_or_a_place_with_a_group_noun_is_a_group() {
        let found = groups(
            "Shelling wounded Syrian children near Jarablus, and the people of Syria mourned. Our Kurdish \
             partners and local Arabs held the line while Manbij residents fled with the Yazidi religious \
             communities.\n",
        );
        let mentions = |id: &str| {
            found
                .iter()
                .find(|(e, _)| e == id)
                .map(|(_, m)| m.clone())
                .unwrap_or_else(|| panic!("no {id} in {found:?}"))
        };
        assert_eq!(mentions("syria_people"), ["Syrian children", "people of Syria"]);
        assert_eq!(mentions("kurdish_partners"), ["Kurdish partners"]);
        assert_eq!(mentions("arab_people"), ["Arabs"]);
        let adjectives = groups("Syrian Kurdish and Shia militias met a Kurd.\n");
        assert!(adjectives.iter().all(|(id, _)| !id.ends_with("_people")), "{adjectives:?}");
        assert!(found.iter().all(|(id, _)| id != "manbij_people"), "{found:?}");
        assert_eq!(mentions("yazidi_communities"), ["Yazidi religious communities"]);
    }

    #[test]
    fn a_country_before_a_title_belongs_to_the_persons_mention() {
        let doc = analyze("U.S. Secretary of State Kerry flew to Ankara, where the U.S. will open talks.\n");
        let forms = |id: &str| -> Vec<String> {
            doc.entities.iter().filter(|e| e.id == id).flat_map(|e| e.mentions.iter().map(|m| m.text.clone())).collect()
        };
        assert_eq!(forms("john_kerry"), ["U.S. Secretary of State Kerry"]);
        assert_eq!(forms("us"), ["U.S."], "the country acting stays the country");
    }

    #[test]
    fn an_office_ends_in_a_capitalised_word() {
        let found = discovered("The Secretary of State met the Director of the UN agency on Monday.");
        assert!(found.contains(&("Secretary of State".into(), EntityType::Person)), "{found:?}");
        assert!(found.iter().all(|(name, _)| !name.ends_with("of the")), "{found:?}");
    }

    #[test]
    fn a_towns_residents_leave_it_a_place() {
        let doc = analyze("Shelling killed five residents of Manbij and two Idlib residents.\n");
        for (id, form) in [("manbij", "Manbij"), ("idlib", "Idlib")] {
            let place =
                doc.entities.iter().find(|e| e.id == id).unwrap_or_else(|| panic!("no {id}: {:?}", doc.entities));
            assert_eq!(place.kind, EntityType::Location);
            assert_eq!(place.mentions[0].text, form);
        }
        assert!(doc.events.iter().any(|e| e.locations.contains(&"manbij".to_string())), "{:?}", doc.events);
    }

    #[test]
    fn a_quoted_population_noun_is_read_whole() {
        let found = groups("Leaflets addressed “people of Iraq” and «residents of Mosul».\n");
        assert!(found.iter().any(|(id, m)| id == "iraq_people" && m == &["people of Iraq"]), "{found:?}");
        assert!(found.iter().all(|(id, _)| id != "mosul_people"), "{found:?}");
    }

    #[test]
    fn the_sides_of_a_conflict_are_groups() {
        let found = groups("Talks between the Libyan parties and rival Palestinian factions stalled.\n");
        assert!(found.iter().any(|(id, m)| id == "libya_parties" && m == &["Libyan parties"]), "{found:?}");
        assert!(found.iter().any(|(id, m)| id == "palestine_factions" && m == &["Palestinian factions"]), "{found:?}");
    }

    #[test]
    fn a_place_is_no_group_without_a_population_noun() {
        let found = groups("Turkey allies itself with Russia, the people said. Fighting reached Manbij.\n");
        assert!(found.iter().all(|(id, _)| !id.ends_with("_partners") && !id.starts_with("manbij")), "{found:?}");
    }

    #[test]
    fn a_short_form_of_a_full_name_is_the_same_person() {
        let g = Gazetteer::embedded();
        let text =
            "Observatory head Sami Abdel Karim said 12 died. Abdel Karim said more may die. Karim added nothing.";
        let mid = text.find(". ").map_or(text.len(), |p| p + 2);
        let ranges = [0..mid, mid..text.len()];
        let (mut all_words, mut capitals) = (Vec::new(), Vec::new());
        let mut found: Vec<Found> = Vec::new();
        for r in &ranges {
            let first = all_words.len();
            words(text, r.clone(), &mut all_words, &mut capitals, &mut Vec::new(), |_| true);
            discover(text, r.clone(), &all_words[first..], &[], &g, &mut found);
        }
        resolve_surnames(text, &all_words, &capitals, &mut found, &g);
        let ids: Vec<String> = found
            .iter()
            .filter_map(|f| match &f.referent {
                Referent::Discovered(d) if d.kind == EntityType::Person => Some(d.id.clone()),
                _ => None,
            })
            .collect();
        assert!(ids.len() >= 3, "{ids:?}");
        assert!(ids.iter().all(|id| id == "person:sami_abdel_karim"), "{ids:?}");
    }

    /// Every entity of a report as (id, type, mention texts).
    fn entities(text: &str) -> Vec<(String, EntityType, Vec<String>)> {
        analyze(text)
            .entities
            .into_iter()
            .map(|e| (e.id, e.kind, e.mentions.into_iter().map(|m| m.text).collect()))
            .collect()
    }

    /// The mention texts of entity `id` among `entities`'s, none when it is absent.
    fn mentions_of(found: &[(String, EntityType, Vec<String>)], id: &str) -> Vec<String> {
        found.iter().find(|(i, ..)| i == id).map(|(.., m)| m.clone()).unwrap_or_default()
    }

    #[test]
    fn an_arabic_name_keeps_its_particles_and_its_nisba() {
        let found = entities(
            "On Monday, Abu Jandal al-Kuwaiti, an ISIL leader, was struck. Sheikh Ahmed bin Saleh \
             al-Jabouri met the governor.\n",
        );
        let person = |name: &str| found.iter().any(|(_, kind, m)| *kind == EntityType::Person && m == &[name]);
        assert!(person("Abu Jandal al-Kuwaiti"), "{found:?}");
        assert!(person("Ahmed bin Saleh al-Jabouri"), "{found:?}");
        assert!(found.iter().all(|(_, kind, _)| *kind != EntityType::Nationality), "al-Kuwaiti is no Kuwaiti");
    }

    #[test]
    fn a_head_noun_alone_is_the_organisation_named_before_it() {
        let found = entities(
            "The State Department said so. Later the Department's envoy met the Council of Europe and \
             the Center for Strategic Studies. The Committee spoke.\n",
        );
        assert_eq!(mentions_of(&found, "state_department"), ["State Department", "Department"]);
        assert_eq!(mentions_of(&found, "group:council_of_europe"), ["Council of Europe"]);
        assert_eq!(mentions_of(&found, "group:committee"), ["Committee"], "no antecedent: an organisation of its own");
        assert!(found.iter().all(|(.., m)| m != &["Center"]), "a name's head is no short form: {found:?}");
    }

    #[test]
    fn a_ships_designation_is_no_organisation() {
        let found = entities("USS Hopper (DDG 70) sailed with the SDF.\n");
        assert!(found.iter().all(|(id, ..)| id != "group:ddg"), "{found:?}");
    }

    #[test]
    fn a_country_without_an_article_names_no_state_after_the() {
        let found = entities("Envoys discussed the Syria crisis and the Iraq war.\n");
        assert!(found.iter().all(|(_, kind, _)| *kind != EntityType::Organization), "{found:?}");
    }

    #[test]
    fn a_surname_may_end_like_a_nationality() {
        let found = entities("Later, Col. John Dorrian said Jordanian Canadian fighters had left.\n");
        let people: Vec<_> = found.iter().filter(|(_, kind, _)| *kind == EntityType::Person).collect();
        assert_eq!(people.len(), 1, "two nationalities make no name: {found:?}");
        assert_eq!(
            (people[0].0.as_str(), people[0].2.as_slice()),
            ("person:john_dorrian", &["John Dorrian".to_string()][..])
        );
    }

    #[test]
    fn a_role_before_a_titled_name_is_that_persons_mention() {
        let found = entities(
            "CENTCOM Commander Gen. Joseph Votel said more. The CJTF-OIR spokesperson, Col. Jeff Davis, \
             agreed, as did Canadian Prime Minister Justin Trudeau.\n",
        );
        assert_eq!(mentions_of(&found, "person:joseph_votel"), ["CENTCOM Commander Gen. Joseph Votel"]);
        assert_eq!(mentions_of(&found, "person:jeff_davis"), ["CJTF-OIR spokesperson", "Jeff Davis"]);
        assert_eq!(mentions_of(&found, "person:justin_trudeau"), ["Prime Minister Justin Trudeau"]);

        let found = entities("\"We are ready,\" said Col. Travis Caughlin, 507th Maintenance Group Commander.\n");
        assert_eq!(
            mentions_of(&found, "person:travis_caughlin"),
            ["Travis Caughlin", "507th Maintenance Group Commander"]
        );
        assert_eq!(mentions_of(&found, "group:507th_maintenance_group"), ["507th Maintenance Group"]);
    }

    #[test]
    fn an_office_named_alone_is_its_last_named_holder() {
        let doc = analyze(
            "date 2017-01-01 Talks\n\nSecretary of State John Kerry spoke. Deputy Secretary of State Tony Blinken \
             came. Later the Secretary said aid would grow. Canadian Prime Minister Justin Trudeau agreed, and the \
             Prime Minister left.\n",
        );
        let forms = |id: &str| -> Vec<String> {
            doc.entities
                .iter()
                .find(|e| e.id == id)
                .map(|e| e.mentions.iter().map(|m| m.text.clone()).collect())
                .unwrap_or_default()
        };
        assert_eq!(forms("john_kerry"), ["Secretary of State John Kerry", "Secretary"], "not the deputy");
        assert_eq!(forms("person:justin_trudeau"), ["Prime Minister Justin Trudeau", "Prime Minister"]);
        let speaker = doc.sources.iter().find(|s| s.name == "John Kerry").expect("Kerry speaks");
        assert_eq!(speaker.entity.as_deref(), Some("john_kerry"));
    }

    #[test]
    fn a_title_is_no_surname() {
        let doc = analyze(
            "date 2017-01-01 Talks\n\nRussian Deputy Ambassador Vladimir Safronkov spoke. Later Ambassador \
             Matthew Rycroft replied.\n",
        );
        let people: Vec<(&str, Vec<&str>)> = doc
            .entities
            .iter()
            .filter(|e| e.kind == EntityType::Person)
            .map(|e| (e.id.as_str(), e.mentions.iter().map(|m| m.text.as_str()).collect()))
            .collect();
        assert_eq!(
            people,
            [
                ("person:vladimir_safronkov", vec!["Deputy Ambassador Vladimir Safronkov"]),
                ("person:matthew_rycroft", vec!["Ambassador Matthew Rycroft"])
            ]
        );
    }

    proptest::proptest! {
        /// The ASCII run first, then characters: the same end as decoding all.
        #[test]
        fn alphanumeric_len_is_where_a_non_alphanumeric_character_starts(text in "[a-zA-Z0-9 .,'é’ß٣\u{300}-]{0,24}") {
            let expected = text.find(|c: char| !c.is_alphanumeric()).unwrap_or(text.len());
            proptest::prop_assert_eq!(alphanumeric_len(&text), expected);
        }

        /// A word of the set passes, and so does any text it starts.
        #[test]
        fn first_pairs_pass_what_their_words_start(
            words in proptest::collection::vec("[a-zA-Zé]{2,6}", 1..8),
            tail in "[a-z ]{0,4}",
        ) {
            let mut pairs = FirstPairs::default();
            for w in &words {
                pairs.insert(w.as_bytes());
            }
            for w in &words {
                let text = format!("{w}{tail}");
                proptest::prop_assert!(pairs.may_start(text.as_bytes()), "{} turned away", text);
            }
            proptest::prop_assert!(!pairs.may_start(b"a"));
        }
    }
}
