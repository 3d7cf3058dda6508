//! The attribution lexicons under `data/attribution/`, parsed once.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, packed};

use crate::model::SourceKind;
use crate::text::{ASCII_ALPHANUMERIC, alphanumeric_end, swar};
use crate::words::{FastMap, FastSet, KeyIndex, KeyTable, WordKey, WordMap, word_key, word_key_at};

const CUES: &str = include_str!("../../data/attribution/cues.txt");
const PHRASES: &str = include_str!("../../data/attribution/phrases.txt");
const GRAMMAR: &str = include_str!("../../data/attribution/grammar.txt");
const SOURCES: &str = include_str!("../../data/attribution/sources.txt");
const ALIASES: &str = include_str!("../../data/attribution/aliases.txt");
const OUTLETS: &str = include_str!("../../data/attribution/outlets.txt");

/// How a reporting verb behaves.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Verb {
    /// Introduces direct speech and may invert (`"...," said X`).
    pub quote: bool,
    /// Takes an addressee before what was said (`told Xinhua that`).
    pub object: bool,
    /// Reads as a report in the passive (`it was reported that`).
    pub passive: bool,
    /// Counts only with a `that` clause or a quote.
    pub needs_that: bool,
    /// Counts only before `for`/`on` or a quote (`called for`, `what he called "a breach"`).
    pub naming: bool,
    /// Its -s form doubles as a plural noun (`medical claims`).
    pub noun: bool,
    /// The `-ing` form (`adding`, `saying`).
    pub gerund: bool,
}

/// A reporting phrase that is not a verb with a subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseKind {
    /// The source follows (`according to X`).
    SourceAfter,
    /// `X was quoted as saying`.
    Quoted,
    /// A reporting verb in a sense that reports nothing (`claimed the lives`).
    NotCue,
}

/// Whether `word` is written as an acronym, two or more capitals and no
/// lower case: `WHO` and `US` are names, not the pronouns `who` and `us`.
pub fn is_acronym(word: &str) -> bool {
    word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase())
}

/// The word lists a word is on, as bits: one look-up answers for all of
/// them, where a word of a sentence with a cue is asked about several. A
/// reporting verb's form carries how the verb behaves (`Lists::verb`) in
/// the bits above the lists', so that a cue's verb is no second look-up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Lists(u32);

impl Lists {
    pub const NONE: Lists = Lists(0);
    pub const AUXILIARY: Lists = Lists(1);
    pub const ADVERB: Lists = Lists(1 << 1);
    pub const PRONOUN: Lists = Lists(1 << 2);
    pub const RELATIVE: Lists = Lists(1 << 3);
    pub const STOP: Lists = Lists(1 << 4);
    pub const DETERMINER: Lists = Lists(1 << 5);
    pub const ADJUNCT: Lists = Lists(1 << 6);
    pub const TITLE: Lists = Lists(1 << 7);
    /// A head noun naming a kind of source.
    pub const HEAD: Lists = Lists(1 << 8);
    /// A reporting verb's form.
    pub const VERB: Lists = Lists(1 << 9);
    /// The first word of a reporting phrase (`according`).
    pub const PHRASE_START: Lists = Lists(1 << 10);

    /// No word's lists, but those of a token not read yet: every bit set,
    /// more than any word has, so that a cache of them starts as one byte
    /// repeated, which is filled as a block rather than a place at a time.
    pub const UNREAD: Lists = Lists(u32::MAX);

    /// Where a verb's behaviour (`Verb::bits`) starts, past the lists' bits.
    const VERB_SHIFT: u32 = 11;

    /// Whether any of `lists` is among these.
    pub fn any(self, lists: Lists) -> bool {
        self.0 & lists.0 != 0
    }

    /// These but `lists`.
    pub fn without(self, lists: Lists) -> Lists {
        Lists(self.0 & !lists.0)
    }

    /// How the word behaves as a reporting verb, if it is one.
    pub fn verb(self) -> Option<Verb> {
        self.any(Lists::VERB).then(|| Verb::from_bits(self.0 >> Self::VERB_SHIFT))
    }

    /// A reporting verb's form, behaving as `verb` does.
    fn of_verb(verb: Verb) -> Lists {
        Lists(Lists::VERB.0 | verb.bits() << Self::VERB_SHIFT)
    }

    /// Where the first word of some phrases keeps which they are
    /// (`Lexicon::phrase_groups`, counted from one), past a verb's behaviour.
    const GROUP_SHIFT: u32 = Self::VERB_SHIFT + Verb::FLAGS;

    /// The first word of the phrases of group `group`.
    fn of_phrase_group(group: usize) -> Lists {
        let number = u32::try_from(group + 1).ok().filter(|n| n.leading_zeros() >= Self::GROUP_SHIFT);
        Lists(Lists::PHRASE_START.0 | number.expect("fewer phrase groups than the bits hold") << Self::GROUP_SHIFT)
    }

    /// Which of `Lexicon::phrase_groups` the word starts, if any.
    fn phrase_group(self) -> Option<usize> {
        match self.0 >> Self::GROUP_SHIFT {
            0 => None,
            number => Some(number as usize - 1),
        }
    }
}

impl Verb {
    /// How many flags it has.
    const FLAGS: u32 = 7;

    /// Its flags as bits, in the order of its fields.
    fn bits(self) -> u32 {
        let flags: [bool; Verb::FLAGS as usize] =
            [self.quote, self.object, self.passive, self.needs_that, self.naming, self.noun, self.gerund];
        flags.iter().enumerate().fold(0, |bits, (k, &flag)| bits | u32::from(flag) << k)
    }

    fn from_bits(bits: u32) -> Verb {
        let flag = |k: u32| bits >> k & 1 != 0;
        Verb {
            quote: flag(0),
            object: flag(1),
            passive: flag(2),
            needs_that: flag(3),
            naming: flag(4),
            noun: flag(5),
            gerund: flag(6),
        }
    }
}

impl std::ops::BitOr for Lists {
    type Output = Lists;
    fn bitor(self, other: Lists) -> Lists {
        Lists(self.0 | other.0)
    }
}

#[derive(Debug)]
pub struct Lexicon {
    /// Lower-case verb form → how it behaves (also in `lists`, `Lists::verb`).
    pub verbs: FastMap<String, Verb>,
    /// Lower-case phrases (word sequences) → their kind.
    pub phrases: Vec<(Vec<String>, PhraseKind)>,
    /// The first words of `phrases`, to skip the rest quickly.
    pub phrase_starts: WordSet,
    /// Per first word, the indices of the `phrases` it starts, in order:
    /// a cue that starts some (`said`, most cues) is compared with those
    /// only, not with every phrase. A first word's lists say which
    /// (`Lists::phrase_group`), so that they are no second look-up.
    phrase_groups: Vec<(String, Vec<usize>)>,
    /// Finds the cues of a text (`cue_starts`).
    cues: CueFinder,
    /// Verbs that go with a reporting verb (`has said`, `was reported`).
    pub auxiliaries: WordSet,
    /// Adverbs between a subject and its verb (`also said`).
    pub adverbs: WordSet,
    pub pronouns: WordSet,
    pub relatives: WordSet,
    pub stops: WordSet,
    pub determiners: WordSet,
    /// What may stand between a verb and what was said (`said Thursday that`).
    pub adjuncts: WordSet,
    /// Words before a name that say who a person is (`Mr.`, `President`).
    pub titles: WordSet,
    /// Head noun → the kind of source it names.
    pub heads: FastMap<String, SourceKind>,
    /// Finds the phrases that mark a speaker as unnamed (`on condition of anonymity`).
    pub anonymity: AhoCorasick,
    /// The longest word of each of the same phrases, in lower case: a
    /// sentence that holds a phrase holds its word, and a vectorised search
    /// for these words stops far less often than one for the phrases, most
    /// of which open like common words (`on`, `as`, `de`), so that the
    /// phrases are looked for only in the few sentences that hold a word
    /// (`says_unnamed`).
    anonymity_words: packed::Searcher,
    /// The first two bytes of the same phrases, in lower case: for each
    /// first byte (its low seven bits), a bit per second byte (its low five
    /// bits). Where no pair opens, no phrase starts (`opens_unnamed`), and
    /// the heads below need no look.
    anonymity_openings: [u32; 128],
    /// The first four bytes of the same phrases, little-endian, each byte
    /// with its case bit (`0x20`) set: where a pair opens, most of the
    /// text's common pairs (`an`, `on`, `re`) go on like no phrase.
    anonymity_heads: Vec<u32>,
    /// Description head → words of an earlier source's name it may refer back to.
    pub aliases: FastMap<String, Vec<String>>,
    /// Lower-case outlet names.
    pub outlets: WordSet,
    /// Every word on the lists above, with the lists it is on, found by
    /// its bytes packed into one number: sentences with a cue look up most
    /// of their words.
    lists: ListTable,
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

/// A lexicon's set of lower-case words.
pub type WordSet = FastSet<String>;

fn lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// `[section]` headed blocks: section name → its non-comment lines.
fn sections(data: &str) -> Vec<(&str, Vec<&str>)> {
    let mut out: Vec<(&str, Vec<&str>)> = Vec::new();
    for line in lines(data) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            out.push((name, Vec::new()));
        } else if let Some(last) = out.last_mut() {
            last.1.push(line);
        }
    }
    out
}

fn kind_named(name: &str) -> Option<SourceKind> {
    Some(match name {
        "anonymous" => SourceKind::Anonymous,
        "government" => SourceKind::Government,
        "military" => SourceKind::Military,
        "media" => SourceKind::Media,
        "document" => SourceKind::Document,
        "organization" => SourceKind::Organization,
        _ => return None,
    })
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut verbs = FastMap::default();
        for line in lines(CUES) {
            let (forms, flags) = line.split_once('|').unwrap_or((line, ""));
            let flags: Vec<&str> = flags.split_whitespace().collect();
            let base = Verb {
                quote: flags.contains(&"quote"),
                object: flags.contains(&"object"),
                passive: flags.contains(&"passive"),
                needs_that: flags.contains(&"that"),
                noun: flags.contains(&"noun"),
                naming: flags.contains(&"naming"),
                gerund: false,
            };
            for form in forms.split_whitespace() {
                verbs.insert(form.to_lowercase(), Verb { gerund: form.ends_with("ing"), ..base });
            }
        }
        let mut phrases = Vec::new();
        for line in lines(PHRASES) {
            let (words, kind) = line.split_once('|').unwrap_or((line, ""));
            let kind = match kind.trim() {
                "quoted" => PhraseKind::Quoted,
                "not" => PhraseKind::NotCue,
                _ => PhraseKind::SourceAfter,
            };
            phrases.push((words.split_whitespace().map(str::to_lowercase).collect::<Vec<String>>(), kind));
        }
        let phrase_starts = phrases.iter().filter_map(|(w, _)| w.first().cloned()).collect();
        let mut phrase_groups: Vec<(String, Vec<usize>)> = Vec::new();
        for (i, (words, _)) in phrases.iter().enumerate() {
            let Some(first) = words.first() else { continue };
            match phrase_groups.iter_mut().find(|(start, _)| start == first) {
                Some((_, group)) => group.push(i),
                None => phrase_groups.push((first.clone(), vec![i])),
            }
        }
        let cues = CueFinder::new(&cue_patterns(&verbs, &phrases));

        let mut grammar: HashMap<&str, WordSet> = HashMap::new();
        for (name, ls) in sections(GRAMMAR) {
            let set = grammar.entry(name).or_default();
            set.extend(ls.iter().flat_map(|l| l.split_whitespace()).map(str::to_lowercase));
        }
        let mut take = |name: &str| grammar.remove(name).unwrap_or_default();

        let mut heads = FastMap::default();
        let mut anonymity_phrases: Vec<String> = Vec::new();
        for (name, ls) in sections(SOURCES) {
            if name == "anonymity" {
                anonymity_phrases.extend(ls.iter().map(|l| l.to_lowercase()));
            } else if let Some(kind) = kind_named(name) {
                for word in ls.iter().flat_map(|l| l.split_whitespace()) {
                    heads.entry(word.to_lowercase()).or_insert(kind);
                }
            }
        }
        let aliases = lines(ALIASES)
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.trim().to_lowercase(), v.split_whitespace().map(str::to_lowercase).collect()))
            .collect();
        let anonymity = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&anonymity_phrases)
            .expect("the anonymity phrases build");
        assert!(anonymity_phrases.iter().all(|p| p.is_ascii()), "the anonymity phrases are ASCII");
        assert!(
            anonymity_phrases.iter().all(|p| p.len() > HEAD && p.bytes().take(HEAD).all(|b| b & 0x20 != 0)),
            "the anonymity phrases are longer than a head, which their case bits fill"
        );
        let mut longest_words: Vec<&str> =
            anonymity_phrases.iter().filter_map(|p| p.split(' ').max_by_key(|w| w.len())).collect();
        longest_words.sort_unstable();
        longest_words.dedup();
        let anonymity_words =
            packed::Config::new().builder().extend(longest_words).build().expect("the anonymity words build");
        let mut anonymity_openings = [0; 128];
        for p in &anonymity_phrases {
            if let [a, b, ..] = *p.as_bytes() {
                anonymity_openings[usize::from(a & 127)] |= 1 << (b & 31);
            }
        }
        let mut anonymity_heads: Vec<u32> = anonymity_phrases.iter().map(|p| phrase_head(p.as_bytes())).collect();
        anonymity_heads.sort_unstable();
        anonymity_heads.dedup();
        let outlets = lines(OUTLETS).map(str::to_lowercase).collect();
        let mut lexicon = Lexicon {
            verbs,
            phrases,
            phrase_starts,
            phrase_groups,
            cues,
            auxiliaries: take("auxiliaries"),
            adverbs: take("adverbs"),
            pronouns: take("pronouns"),
            relatives: take("relatives"),
            stops: take("stops"),
            determiners: take("determiners"),
            adjuncts: take("adjuncts"),
            titles: take("titles"),
            heads,
            anonymity,
            anonymity_words,
            anonymity_openings,
            anonymity_heads,
            aliases,
            outlets,
            lists: ListTable::default(),
        };
        lexicon.lists = lexicon.gather_lists();
        lexicon
    }

    /// Each word set with the list it stands for.
    fn word_sets(&self) -> [(&WordSet, Lists); 9] {
        [
            (&self.auxiliaries, Lists::AUXILIARY),
            (&self.adverbs, Lists::ADVERB),
            (&self.pronouns, Lists::PRONOUN),
            (&self.relatives, Lists::RELATIVE),
            (&self.stops, Lists::STOP),
            (&self.determiners, Lists::DETERMINER),
            (&self.adjuncts, Lists::ADJUNCT),
            (&self.titles, Lists::TITLE),
            (&self.phrase_starts, Lists::PHRASE_START),
        ]
    }

    fn gather_lists(&self) -> ListTable {
        let mut lists = ListTable::default();
        let mut add = |word: &String, list: Lists| {
            let entry = lists.entry(word);
            *entry = *entry | list;
        };
        for (set, list) in self.word_sets() {
            set.iter().for_each(|w| add(w, list));
        }
        self.heads.keys().for_each(|w| add(w, Lists::HEAD));
        self.verbs.iter().for_each(|(w, verb)| add(w, Lists::of_verb(*verb)));
        for (group, (first, _)) in self.phrase_groups.iter().enumerate() {
            add(first, Lists::of_phrase_group(group));
        }
        lists
    }

    /// The lists a lower-case word is on.
    pub fn lists_of(&self, word: &str) -> Lists {
        self.lists_at(word.as_bytes(), 0..word.len())
    }

    /// The lists of the word at `range` of `lower`, a text in lower case,
    /// read where it stands.
    pub fn lists_at(&self, lower: &[u8], range: Range<usize>) -> Lists {
        self.lists.get(lower, range)
    }

    /// The phrases that a word on `lists` starts, in the order of `phrases`.
    pub fn phrases_of(&self, lists: Lists) -> impl Iterator<Item = &(Vec<String>, PhraseKind)> {
        let group = lists.phrase_group().and_then(|g| self.phrase_groups.get(g));
        group.into_iter().flat_map(|(_, group)| group).map(|&i| &self.phrases[i])
    }

    /// Whether `lower`, a text in ASCII lower case, holds a phrase that
    /// marks a speaker as unnamed.
    pub fn says_unnamed(&self, lower: &str) -> bool {
        self.anonymity_words.find(lower).is_some() && self.anonymity.is_match(lower)
    }

    /// Whether a phrase that marks a speaker as unnamed starts in `near` at
    /// or before byte `upto`, as the first match found there shows. Most
    /// places are ruled out by the two letters such a phrase opens with,
    /// where a search costs far more than a look at each pair.
    pub fn opens_unnamed(&self, near: &[u8], upto: usize) -> bool {
        // A phrase is longer than its head, so it starts before the last
        // `HEAD` bytes; where none could, the search would find none.
        let Some(room) = near.len().checked_sub(HEAD) else { return false };
        let begins_one = |p: usize| {
            let head = phrase_head(&near[p..]);
            let [a, b, ..] = head.to_le_bytes();
            self.anonymity_openings[usize::from(a & 127)] & 1 << (b & 31) != 0 && self.anonymity_heads.contains(&head)
        };
        // An exclusive range: an inclusive one tests its last place after
        // the loop, and the test is then compiled out of line, a call a place.
        (0..room.min(upto.saturating_add(1))).any(begins_one)
            && self.anonymity.find(near).is_some_and(|m| m.start() <= upto)
    }

    /// Where the cues of `text` from byte `from` on start: at each place,
    /// left to right, the longest cue word or phrase (ASCII case aside)
    /// that is whole words, those inside an earlier one's span left out.
    pub fn cue_starts(&self, text: &str, from: usize) -> Vec<usize> {
        self.cues.starts(text, from)
    }
}

/// The lists of the words on any, by their packed keys, in a [`KeyTable`]:
/// claims and sources look up most words they read. The few words too long
/// for a key are kept aside.
#[derive(Debug, Default)]
struct ListTable {
    keyed: KeyTable<Lists>,
    long: Vec<(String, Lists)>,
}

impl ListTable {
    /// The lists of `word` (in lower case, not empty), to be added to.
    fn entry(&mut self, word: &str) -> &mut Lists {
        assert!(!word.is_empty(), "no list holds an empty word");
        let Some(key) = word_key(word.as_bytes()) else {
            let place = match self.long.iter().position(|(w, _)| w == word) {
                Some(place) => place,
                None => {
                    self.long.push((word.to_string(), Lists::NONE));
                    self.long.len() - 1
                }
            };
            return &mut self.long[place].1;
        };
        // A quarter full at most, so that a probe seldom goes past a slot or two.
        assert!(
            self.keyed.len() < KeyIndex::SLOTS / 4 || self.keyed.get(key).is_some(),
            "the word lists outgrow their table: double its slots"
        );
        self.keyed.entry_or_insert_with(key, || Lists::NONE)
    }

    /// The lists of the word at `range` of `lower` (a text in lower case).
    #[inline]
    fn get(&self, lower: &[u8], range: Range<usize>) -> Lists {
        match word_key_at(lower, range.clone()) {
            Some(key) => self.keyed(key),
            None => self.long_word(lower.get(range).unwrap_or_default()),
        }
    }

    /// The lists of the word whose key is `key`.
    #[inline]
    fn keyed(&self, key: WordKey) -> Lists {
        self.keyed.get(key).copied().unwrap_or(Lists::NONE)
    }

    /// The lists of `word`, too long for a key: out of line, so that the
    /// look-up of the others, nearly all, keeps its registers.
    #[cold]
    #[inline(never)]
    fn long_word(&self, word: &[u8]) -> Lists {
        self.long.iter().find(|(w, _)| w.as_bytes() == word).map_or(Lists::NONE, |&(_, lists)| lists)
    }
}

/// Bytes of a phrase's head (`phrase_head`): every anonymity phrase is longer.
const HEAD: usize = 4;

/// The first `HEAD` bytes of `bytes` as one number, little-endian, each
/// with its case bit set: the same for a phrase in lower case (letters and
/// spaces) and for the text that holds it in any case.
fn phrase_head(bytes: &[u8]) -> u32 {
    let head: [u8; HEAD] = bytes[..HEAD].try_into().expect("a head of four");
    u32::from_le_bytes(head) | 0x2020_2020
}

/// Every verb form and phrase a cue may be, in lower case.
fn cue_patterns(verbs: &FastMap<String, Verb>, phrases: &[(Vec<String>, PhraseKind)]) -> Vec<String> {
    let mut patterns: Vec<String> = verbs.keys().cloned().collect();
    patterns.extend(phrases.iter().map(|(w, _)| w.join(" ")));
    patterns.sort();
    patterns
}

/// Finds cues word by word rather than running an automaton over every
/// byte of the body: a cue that is whole words starts a word, and its
/// first word is all of that word, so only words that begin and measure
/// like some cue's first word (`FirstWords`) are looked up, and only the
/// phrases that go on from them compared.
#[derive(Debug)]
struct CueFinder {
    /// Each cue's first word, with what may follow it.
    words: WordMap<CueWord>,
    first_words: FirstWords,
}

/// The cues that start with one word.
#[derive(Debug, Default)]
struct CueWord {
    /// The word is a cue by itself.
    alone: bool,
    /// The rest of each longer cue, from the space after the word.
    rests: Vec<Box<[u8]>>,
}

impl CueFinder {
    fn new(patterns: &[String]) -> CueFinder {
        let mut words = WordMap::<CueWord>::default();
        let mut first_words = FirstWords::new();
        for p in patterns {
            let (first, rest) = p.split_at(p.find(' ').unwrap_or(p.len()));
            assert!(
                (3..16).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_lowercase()),
                "a cue's first word is 3 to 15 lower-case letters: {p}"
            );
            first_words.add(first.as_bytes());
            let cue = words.entry(first);
            if rest.is_empty() {
                cue.alone = true;
            } else {
                cue.rests.push(rest.as_bytes().into());
            }
        }
        CueFinder { words, first_words }
    }

    /// The starts of the words of `text` from `from` on that begin like a
    /// cue's first word, each given to `cue_at`: the words' first letters
    /// are found eight bytes at a time (`swar`).
    fn starts(&self, text: &str, from: usize) -> Vec<usize> {
        let bytes = text.as_bytes();
        // Room made at once, so that the list is not grown and copied as it fills.
        let room = bytes.len().saturating_sub(from) / CUE_SPACING;
        let mut found = Found { starts: Vec::with_capacity(room), free: from };
        // A cue's first word is all letters, so only a letter after a
        // non-letter may start one: a test for letters alone costs half one
        // for letters and digits. A letter after a digit (`2said`) is no
        // word's start, and is turned away by a look back, made only for the
        // few words that begin like a cue.
        let after_digit = |p: usize| p.checked_sub(1).is_some_and(|i| bytes[i].is_ascii_digit());
        let mut in_letters = from.checked_sub(1).is_some_and(|i| bytes.get(i).is_some_and(u8::is_ascii_alphabetic));
        let mut at = from;
        // Two blocks of eight are read at a time, with the eight bytes after
        // them: a word that starts in a block has its first four bytes in
        // the window, read there without a bounds check for each of the many
        // starts.
        while let Some(window) = bytes.get(at..at + 24) {
            let window: &[u8; 24] = window.try_into().expect("a window of twenty-four");
            for half in [0, 8] {
                let block = u64::from_le_bytes(window[half..half + 8].try_into().expect("a block of eight"));
                let letters = swar::bytes_within(block | (0x20 * swar::ONES), b'a', b'z');
                // A letter after a non-letter, the byte before the block included.
                let mut starts = letters & !(letters << 8 | u64::from(in_letters) << 7);
                in_letters = letters >> 63 != 0;
                while starts != 0 {
                    let k = half + starts.trailing_zeros() as usize / 8;
                    starts &= starts - 1;
                    let head = u32::from_le_bytes(window[k..k + 4].try_into().expect("a head of four"));
                    let lengths = self.first_words.lengths_of(head);
                    // Whether the word is inside a cue found already is asked
                    // only of the few that begin like one.
                    let p = at + k;
                    if lengths != 0 && p >= found.free && !after_digit(p) {
                        self.cue_at(bytes, p, lengths, &mut found);
                    }
                }
            }
            at += 16;
        }
        // The last few bytes, fewer than a window, one at a time.
        let mut in_word = at.checked_sub(1).is_some_and(|i| ASCII_ALPHANUMERIC[usize::from(bytes[i])]);
        for (p, &b) in bytes.iter().enumerate().skip(at) {
            let word = ASCII_ALPHANUMERIC[usize::from(b)];
            if word && !in_word && p >= found.free {
                self.cue_at(bytes, p, self.first_words.lengths(bytes, p), &mut found);
            }
            in_word = word;
        }
        found.starts
    }

    /// Adds the cue that starts the word at `p`, if one does and is whole
    /// words: the longest cue that the text begins with there (ASCII case
    /// aside) must end where a word does, as a leftmost-longest search
    /// anchored at `p` would find it. `lengths` are the first words' that
    /// the word begins like (`FirstWords::lengths`), as the caller found them.
    fn cue_at(&self, bytes: &[u8], p: usize, lengths: u16, found: &mut Found) {
        let len = alphanumeric_end(bytes, p) - p;
        if len >= 16 || lengths & (1 << len) == 0 {
            return;
        }
        // The word's bytes and those after it, which the look-up masks off,
        // copied in one load where the text runs on that far.
        let window = match bytes.get(p..p + 16) {
            Some(window) => window.try_into().expect("a window of sixteen"),
            None => {
                let mut word = [0; 16];
                word[..len].copy_from_slice(&bytes[p..p + len]);
                word
            }
        };
        // Lowered as one number: the compiler makes a byte loop of an array's lowering.
        let lower = swar::lower_ascii_16(u128::from_le_bytes(window)).to_le_bytes();
        // A word that no cue starts with holds none: a shorter cue that
        // begins it ends inside it.
        let Some(cue) = self.words.get(&lower, 0..len) else { return };
        let after = p + len;
        let goes_on = |rest: &[u8]| bytes.get(after..after + rest.len()).is_some_and(|t| t.eq_ignore_ascii_case(rest));
        let longest = cue.rests.iter().filter(|rest| goes_on(rest)).map(|rest| after + rest.len()).max();
        let Some(end) = longest.or(cue.alone.then_some(after)) else { return };
        if !bytes.get(end).is_some_and(|&b| ASCII_ALPHANUMERIC[usize::from(b)]) {
            found.starts.push(p);
            found.free = end;
        }
    }
}

/// Bytes per cue to make room for: reports hold fewer cues than that.
const CUE_SPACING: usize = 128;

/// The cues found so far, and where the last one ends: words inside it
/// are part of it.
struct Found {
    starts: Vec<usize>,
    free: usize,
}

/// The lengths cue first words have, a bit per length, by their first
/// four bytes: most words of a text begin like none, and cost a table
/// look-up rather than a search.
#[derive(Debug)]
struct FirstWords(Box<[u16; FirstWords::PLACES]>);

impl FirstWords {
    /// The places of the table, for the fifteen bits a word's first four
    /// bytes hash to.
    const PLACES: usize = 1 << 15;

    fn new() -> FirstWords {
        FirstWords(vec![0; Self::PLACES].into_boxed_slice().try_into().expect("the table has every place"))
    }

    /// Where a word whose first bytes are `head` (little-endian, the first
    /// lowest) is kept: the low five bits of its first four bytes, which
    /// are a letter's place in the alphabet in either case, hashed by one
    /// multiply, as the scanner reads the four bytes in one load. Four
    /// letters rather than three turn away half the words that begin like
    /// a cue's three (`control`, `province`, `district`). Other bytes, and
    /// the few beginnings that hash alike, share places with the cues',
    /// which only sends a few more words on to the exact look-up (`cue_at`).
    fn index(head: u32) -> usize {
        ((head & 0x1f1f_1f1f).wrapping_mul(0x2545_f491) >> (u32::BITS - Self::PLACES.trailing_zeros())) as usize
    }

    fn add(&mut self, word: &[u8]) {
        match *word {
            // A word of three letters is followed by any byte but a letter
            // or digit: it is kept under every fourth byte.
            [a, b, c] => {
                for d in 0..32 {
                    self.0[Self::index(u32::from_le_bytes([a, b, c, d]))] |= 1 << word.len();
                }
            }
            [a, b, c, d, ..] => self.0[Self::index(u32::from_le_bytes([a, b, c, d]))] |= 1 << word.len(),
            _ => {}
        }
    }

    /// The lengths of the cue first words that `bytes[p..]` begins like.
    #[inline]
    fn lengths(&self, bytes: &[u8], p: usize) -> u16 {
        match bytes.get(p..) {
            // The end of the text after three bytes reads as a zero, as a stop would.
            Some(&[a, b, c, ref rest @ ..]) => {
                self.lengths_of(u32::from_le_bytes([a, b, c, rest.first().copied().unwrap_or(0)]))
            }
            _ => 0,
        }
    }

    /// The lengths of the cue first words that begin like the first four
    /// bytes of `head`.
    #[inline]
    fn lengths_of(&self, head: u32) -> u16 {
        self.0[Self::index(head)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::MatchKind;

    #[test]
    fn lexicon_parses_every_file() {
        let l = &*LEXICON;
        assert!(l.verbs["said"].quote);
        assert!(l.verbs["told"].object);
        assert!(l.verbs["adding"].gerund);
        assert!(!l.verbs.contains_key("report"), "a bare `report` is a noun");
        assert!(l.phrases.iter().any(|(w, k)| w == &["according", "to"] && *k == PhraseKind::SourceAfter));
        assert!(l.adverbs.contains("repeatedly"));
        assert!(l.auxiliaries.contains("has"));
        assert!(l.verbs["reports"].noun && !l.verbs["says"].noun);
        assert!(l.stops.contains("because"));
        assert_eq!(l.heads.get("activists"), Some(&SourceKind::Anonymous));
        assert_eq!(l.heads.get("observatory"), Some(&SourceKind::Organization));
        assert!(l.anonymity.is_match("spoke On condition of anonymity"));
        for s in ["spoke On condition of anonymity", "an UNNAMED official", "Anonymously", "he was named", ""] {
            assert_eq!(l.says_unnamed(&s.to_ascii_lowercase()), l.anonymity.is_match(s), "{s}");
        }
        assert!(l.aliases["monitor"].contains(&"observatory".to_string()));
        assert!(l.outlets.contains("xinhua"));
    }

    /// Words of the anonymity phrases, some in other cases, and one of none.
    const ANONYMITY_WORDS: &[&str] = &[
        "on",
        "On",
        "the",
        "condition",
        "of",
        "anonymity",
        "ANONYMITY",
        "asked",
        "not",
        "to",
        "be",
        "named",
        "unnamed",
        "Unnamed",
        "anonymous",
        "x",
    ];

    proptest::proptest! {
        #[test]
        fn says_unnamed_agrees_with_the_phrases_search(
            words in proptest::collection::vec((0..ANONYMITY_WORDS.len(), 0..SEPARATORS.len()), 0..16),
        ) {
            let text: String = words.iter().flat_map(|&(w, s)| [ANONYMITY_WORDS[w], SEPARATORS[s]]).collect();
            let lower = text.to_ascii_lowercase();
            proptest::prop_assert_eq!(LEXICON.says_unnamed(&lower), LEXICON.anonymity.is_match(&text));
        }
    }

    #[test]
    fn unnamed_openings_rule_out_only_places_without_a_phrase() {
        let l = &*LEXICON;
        let text = b"told Xinhua On Condition of anonymity, an unnamed xanonymous source requested anonymity";
        for from in 0..text.len() {
            for end in from..=text.len() {
                let near = &text[from..end];
                for upto in 0..near.len() + 2 {
                    let plain = l.anonymity.find(near).is_some_and(|m| m.start() <= upto);
                    assert_eq!(l.opens_unnamed(near, upto), plain, "{from}..{end} upto {upto}");
                }
            }
        }
    }

    /// The cue starts as first found: the leftmost-longest matches of an
    /// unanchored automaton over the text, kept when they are whole words.
    fn cue_starts_by_automaton(text: &str, from: usize) -> Vec<usize> {
        let l = &*LEXICON;
        let finder = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(cue_patterns(&l.verbs, &l.phrases))
            .expect("the cue lexicon builds");
        let bytes = text.as_bytes();
        let whole = |r: std::ops::Range<usize>| {
            let (s, e) = (from + r.start, from + r.end);
            let word_before = s > 0 && bytes[s - 1].is_ascii_alphanumeric();
            let word_after = e < bytes.len() && bytes[e].is_ascii_alphanumeric();
            !word_before && !word_after
        };
        crate::text::whole_matches(&finder, &text[from..], whole).map(|m| from + m.start()).collect()
    }

    const CUE_WORDS: &[&str] = &[
        "said",
        "Said",
        "SAYS",
        "say",
        "sayso",
        "2said",
        "told",
        "tolda",
        "according",
        "to",
        "tox",
        "quoted",
        "as",
        "saying",
        "was",
        "the",
        "claimed",
        "lives",
        "Reuters",
        "al",
        "x",
        "",
    ];
    const SEPARATORS: &[&str] = &[" ", "-", ", ", "\"", "\u{2019}", "\u{e9}", "", "\n\n"];

    #[test]
    fn cue_starts_are_the_automaton_s_whole_matches() {
        let text =
            "He said: according to tox, X was quoted as saying; 2said sayso-said \u{e9}told according to Reuters";
        for from in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            assert_eq!(LEXICON.cue_starts(text, from), cue_starts_by_automaton(text, from), "from {from}");
        }
    }

    proptest::proptest! {
        #[test]
        fn cue_starts_agree_with_the_automaton(
            words in proptest::collection::vec((0..CUE_WORDS.len(), 0..SEPARATORS.len()), 0..24),
            cut in 0usize..200,
        ) {
            let text: String = words.iter().flat_map(|&(w, s)| [CUE_WORDS[w], SEPARATORS[s]]).collect();
            let from = (cut.min(text.len())..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            proptest::prop_assert_eq!(LEXICON.cue_starts(&text, from), cue_starts_by_automaton(&text, from));
        }
    }

    proptest::proptest! {
        #[test]
        fn the_list_table_answers_as_a_map_of_words(
            listed in proptest::collection::vec(("[a-d]{1,17}", 0u32..1 << 12), 0..300),
            text in "[a-d ]{0,40}",
        ) {
            let mut table = ListTable::default();
            let mut map: HashMap<String, Lists> = HashMap::new();
            for (word, bits) in listed {
                let lists = table.entry(&word);
                *lists = *lists | Lists(bits);
                let lists = map.entry(word).or_default();
                *lists = *lists | Lists(bits);
            }
            for (word, &lists) in &map {
                proptest::prop_assert_eq!(table.get(word.as_bytes(), 0..word.len()), lists);
            }
            // Every word of a text, read where it stands, listed or not.
            for from in 0..=text.len() {
                for to in from..=text.len() {
                    let plain = map.get(&text[from..to]).copied().unwrap_or_default();
                    proptest::prop_assert_eq!(table.get(text.as_bytes(), from..to), plain, "{}..{}", from, to);
                }
            }
        }
    }

    #[test]
    fn a_word_s_lists_are_the_sets_it_is_in() {
        let l = &*LEXICON;
        let sets = l.word_sets();
        let words = sets.iter().flat_map(|(set, _)| set.iter()).chain(l.heads.keys()).chain(l.verbs.keys());
        for w in words.chain([&"nothing".to_string()]) {
            for (set, list) in sets {
                assert_eq!(l.lists_of(w).any(list), set.contains(w), "{w}");
            }
            assert_eq!(l.lists_of(w).any(Lists::HEAD), l.heads.contains_key(w), "{w}");
            assert_eq!(l.lists_of(w).any(Lists::VERB), l.verbs.contains_key(w), "{w}");
            assert_eq!(l.lists_of(w).verb(), l.verbs.get(w).copied(), "{w}");
            assert_ne!(l.lists_of(w), Lists::UNREAD, "{w}");
            let starting: Vec<_> = l.phrases.iter().filter(|(phrase, _)| phrase.first() == Some(w)).collect();
            assert_eq!(l.phrases_of(l.lists_of(w)).collect::<Vec<_>>(), starting, "{w}");
        }
    }
}
