//! The attribution lexicons under `data/attribution/`, parsed once.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::model::SourceKind;

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

/// The word lists a word is on, as bits: one look-up answers for all of
/// them, where a word of a sentence with a cue is asked about several.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Lists(u16);

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

    /// Whether any of `lists` is among these.
    pub fn any(self, lists: Lists) -> bool {
        self.0 & lists.0 != 0
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
    /// Lower-case verb form → how it behaves.
    pub verbs: WordMap<Verb>,
    /// Lower-case phrases (word sequences) → their kind.
    pub phrases: Vec<(Vec<String>, PhraseKind)>,
    /// The first words of `phrases`, to skip the rest quickly.
    pub phrase_starts: WordSet,
    /// Finds every cue word or phrase in one pass, ASCII case-insensitively.
    pub finder: AhoCorasick,
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
    pub heads: WordMap<SourceKind>,
    /// Finds the phrases that mark a speaker as unnamed (`on condition of anonymity`).
    pub anonymity: AhoCorasick,
    /// Description head → words of an earlier source's name it may refer back to.
    pub aliases: WordMap<Vec<String>>,
    /// Lower-case outlet names.
    pub outlets: WordSet,
    /// Every word on the lists above, with the lists it is on.
    lists: WordMap<Lists>,
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

/// FNV-1a: the lexicons are looked up once or more per word of every
/// sentence with a cue, and their keys are short words, for which SipHash's
/// resistance to crafted keys buys nothing.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub type WordSet = HashSet<String, BuildHasherDefault<Fnv>>;
pub type WordMap<V> = HashMap<String, V, BuildHasherDefault<Fnv>>;

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
        let mut verbs = WordMap::default();
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
        let mut patterns: Vec<String> = verbs.keys().cloned().collect();
        patterns.extend(phrases.iter().map(|(w, _)| w.join(" ")));
        patterns.sort();
        let finder = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("the cue lexicon builds");

        let mut grammar: HashMap<&str, WordSet> = HashMap::new();
        for (name, ls) in sections(GRAMMAR) {
            let set = grammar.entry(name).or_default();
            set.extend(ls.iter().flat_map(|l| l.split_whitespace()).map(str::to_lowercase));
        }
        let mut take = |name: &str| grammar.remove(name).unwrap_or_default();

        let mut heads = WordMap::default();
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
        let outlets = lines(OUTLETS).map(str::to_lowercase).collect();
        let mut lexicon = Lexicon {
            verbs,
            phrases,
            phrase_starts,
            finder,
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
            aliases,
            outlets,
            lists: WordMap::default(),
        };
        lexicon.lists = lexicon.gather_lists();
        lexicon
    }

    /// Each word set with the list it stands for.
    fn word_sets(&self) -> [(&WordSet, Lists); 8] {
        [
            (&self.auxiliaries, Lists::AUXILIARY),
            (&self.adverbs, Lists::ADVERB),
            (&self.pronouns, Lists::PRONOUN),
            (&self.relatives, Lists::RELATIVE),
            (&self.stops, Lists::STOP),
            (&self.determiners, Lists::DETERMINER),
            (&self.adjuncts, Lists::ADJUNCT),
            (&self.titles, Lists::TITLE),
        ]
    }

    fn gather_lists(&self) -> WordMap<Lists> {
        let mut lists: WordMap<Lists> = WordMap::default();
        let mut add = |word: &String, list: Lists| {
            let entry = lists.entry(word.clone()).or_default();
            *entry = *entry | list;
        };
        for (set, list) in self.word_sets() {
            set.iter().for_each(|w| add(w, list));
        }
        self.heads.keys().for_each(|w| add(w, Lists::HEAD));
        self.verbs.keys().for_each(|w| add(w, Lists::VERB));
        lists
    }

    /// The lists a lower-case word is on.
    pub fn lists_of(&self, word: &str) -> Lists {
        self.lists.get(word).copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(l.aliases["monitor"].contains(&"observatory".to_string()));
        assert!(l.outlets.contains("xinhua"));
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
        }
    }
}
