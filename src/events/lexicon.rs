//! The event ontology (`data/ontology.tsv`) and the trigger lexicon
//! (`data/events/triggers.tsv`), parsed once and matched on a sentence's
//! words.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use super::tokens::{StartAt, Token, Words};
use crate::model::{Acled, Label};
use crate::words::WordMap;

/// One event type coded in PLOVER, CAMEO and ACLED: text of the embedded
/// ontology, which every event of the type borrows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coding {
    pub kind: &'static str,
    pub plover: &'static str,
    pub plover_mode: Option<&'static str>,
    pub cameo: &'static str,
    pub acled_event_type: Option<&'static str>,
    pub acled_sub_event_type: Option<&'static str>,
    /// The sub-event type when a government or state force is the actor
    /// (`Government regains territory`).
    pub acled_sub_event_type_government: Option<&'static str>,
    /// What the type is to the toll and the merges, read off its name once.
    pub(super) class: super::KindClass,
}

impl Coding {
    /// ACLED's coding, by whether a government force acts.
    pub fn acled(&self, government_actor: bool) -> Acled {
        let sub = match self.acled_sub_event_type_government {
            Some(government) if government_actor => Some(government),
            _ => self.acled_sub_event_type,
        };
        Acled { event_type: self.acled_event_type.map(Label::Borrowed), sub_event_type: sub.map(Label::Borrowed) }
    }
}

/// The part of speech a trigger form has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Pos {
    Verb,
    Noun,
}

/// How a trigger's arguments sit around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Frame {
    /// Someone does it to someone: subject = actor, object = target.
    Transitive,
    /// Someone does it: subject = actor.
    Intransitive,
    /// It happens to someone: subject = target (`12 soldiers died`).
    Undergone,
    /// Someone says it of someone (`accused the US`): like `Transitive`,
    /// but where it was said is not where what it speaks of happened.
    Said,
}

impl Frame {
    /// Whether the trigger's object is its target.
    pub fn takes_object(self) -> bool {
        matches!(self, Frame::Transitive | Frame::Said)
    }
}

/// One reading of a trigger form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sense {
    /// Index into [`Lexicon::codings`].
    pub coding: usize,
    pub pos: Pos,
    pub frame: Frame,
}

/// A trigger form and its readings (at most one per part of speech).
#[derive(Debug, Clone)]
pub struct Trigger {
    pub form: String,
    pub senses: Vec<Sense>,
}

/// Whether a form is words of ASCII letters with inner hyphens, one space
/// apart, as [`Lexicon::triggers_in`] needs.
fn is_plain_form(form: &str) -> bool {
    form.split(' ').all(|word| {
        !word.is_empty() && word.split('-').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase()))
    })
}

fn first_word(form: &str) -> &str {
    form.split(' ').next().unwrap_or(form)
}

/// The parts of a word between its apostrophes (`'` or `’`), where a word
/// may start inside it: the whole word when the tokenizer saw none in it.
fn word_parts<'a>(lower: &'a [u8], token: &Token) -> impl Iterator<Item = Range<usize>> + 'a {
    let range = token.bytes.clone();
    let apostrophe = token.apostrophe;
    let mut from = range.start;
    std::iter::from_fn(move || {
        if from >= range.end {
            return None;
        }
        let start = from;
        let mut i = if apostrophe { start } else { range.end };
        while i < range.end {
            match lower[i] {
                b'\'' => {
                    from = i + 1;
                    return Some(start..i);
                }
                // `’` in UTF-8.
                0xE2 if lower[i..range.end].starts_with("\u{2019}".as_bytes()) => {
                    from = i + 3;
                    return Some(start..i);
                }
                _ => i += 1,
            }
        }
        from = range.end;
        Some(start..range.end)
    })
}

/// A trigger form found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Its bytes in the report.
    pub bytes: Range<usize>,
    /// The sentence's tokens it covers, as [`Words::covering`] gives them.
    pub tokens: Range<usize>,
    /// Its index in [`Lexicon::triggers`].
    pub trigger: usize,
}

/// The ontology and trigger lexicon, loaded once.
#[derive(Debug)]
pub struct Lexicon {
    pub codings: Vec<Coding>,
    pub triggers: Vec<Trigger>,
    /// The trigger forms that start with each first word (indices into
    /// `triggers`), longest first: indexed by the word's place in `starts`,
    /// which the tokenizer gives a listed first word (see [`StartAt`]).
    start_forms: Vec<Vec<usize>>,
    /// The index in `start_forms` of each first word.
    starts: WordMap<usize>,
}

static ONTOLOGY_TSV: &str = include_str!("../../data/ontology.tsv");
static TRIGGERS_TSV: &str = include_str!("../../data/events/triggers.tsv");

pub static LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::parse(ONTOLOGY_TSV, TRIGGERS_TSV).expect("the embedded event lexicon is well-formed"));

fn rows(tsv: &'static str) -> impl Iterator<Item = (usize, Vec<&'static str>)> {
    tsv.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, l)| (n + 1, l.split('\t').map(str::trim).collect()))
}

fn cell(s: Option<&&'static str>) -> Option<&'static str> {
    s.copied().filter(|c| !c.is_empty())
}

impl Lexicon {
    /// Parse the two tables; an error names the line that is wrong. The
    /// codings borrow the ontology's text.
    pub fn parse(ontology: &'static str, triggers: &'static str) -> Result<Lexicon, String> {
        let mut codings = Vec::new();
        let mut by_kind = BTreeMap::new();
        for (n, row) in rows(ontology) {
            if row.first() == Some(&"type") {
                continue;
            }
            if row.len() < 4 {
                return Err(format!("ontology line {n}: expected at least 4 tab-separated columns"));
            }
            by_kind.insert(row[0], codings.len());
            codings.push(Coding {
                kind: row[0],
                plover: row[1],
                plover_mode: cell(row.get(2)),
                cameo: row[3],
                acled_event_type: cell(row.get(4)),
                acled_sub_event_type: cell(row.get(5)),
                acled_sub_event_type_government: cell(row.get(6)),
                class: super::KindClass::of(row[0]),
            });
        }
        let mut forms: BTreeMap<String, Vec<Sense>> = BTreeMap::new();
        for (n, row) in rows(triggers) {
            if row.len() != 4 {
                return Err(format!("trigger line {n}: expected 4 tab-separated columns"));
            }
            let coding = *by_kind.get(row[1]).ok_or_else(|| format!("trigger line {n}: unknown type {:?}", row[1]))?;
            let pos = match row[2] {
                "v" => Pos::Verb,
                "n" => Pos::Noun,
                other => return Err(format!("trigger line {n}: part of speech {other:?} is not v or n")),
            };
            let frame = match row[3] {
                "t" => Frame::Transitive,
                "i" => Frame::Intransitive,
                "u" => Frame::Undergone,
                "s" => Frame::Said,
                other => return Err(format!("trigger line {n}: frame {other:?} is not t, i, u or s")),
            };
            for form in row[0].split('|').map(str::trim).filter(|f| !f.is_empty()) {
                let senses = forms.entry(form.to_ascii_lowercase()).or_default();
                if !senses.iter().any(|s| s.pos == pos) {
                    senses.push(Sense { coding, pos, frame });
                }
            }
        }
        let triggers: Vec<Trigger> = forms.into_iter().map(|(form, senses)| Trigger { form, senses }).collect();
        if let Some(t) = triggers.iter().find(|t| !is_plain_form(&t.form)) {
            return Err(format!(
                "trigger form {:?}: expected words of letters and inner hyphens, one space apart",
                t.form
            ));
        }
        let mut by_first: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, t) in triggers.iter().enumerate() {
            by_first.entry(first_word(&t.form)).or_default().push(i);
        }
        let mut starts = WordMap::<usize>::default();
        let mut start_forms = Vec::with_capacity(by_first.len());
        for (first, mut forms) in by_first {
            forms.sort_by_key(|&i| std::cmp::Reverse(triggers[i].form.len()));
            *starts.entry(first) = start_forms.len();
            start_forms.push(forms);
        }
        Ok(Lexicon { codings, triggers, start_forms, starts })
    }

    /// The first words of the trigger forms, each with the index of the
    /// forms it starts, as [`StartAt::forms`] gives it.
    pub fn first_words(&self) -> impl Iterator<Item = (&str, usize)> {
        self.start_forms.iter().enumerate().map(|(id, forms)| (first_word(&self.triggers[forms[0]].form), id))
    }

    /// The triggers in a sentence's words, in `found` (cleared first, so
    /// that one list serves every sentence); `text` is the report's text. As a
    /// leftmost-longest search of the sentence would find them: at each place
    /// a word starts, the longest form there, kept if it ends on a word
    /// boundary, and none that starts inside a kept one.
    ///
    /// Forms are plain words (see `is_plain_form`), so a form that is kept
    /// starts where a word does, or after an apostrophe inside one, and its
    /// first word is all of that word up to any apostrophe: only the words
    /// the tokenizer marked as starts ([`Words::starts`]) are read, and a
    /// listed first word's forms are known from its look-up there; a word
    /// with an apostrophe, or too long for a key, has its parts looked up. A
    /// form's tokens are those from the word it starts in on to where it ends.
    pub fn triggers_in(&self, words: &Words, text: &str, sentence_end: usize, found: &mut Vec<Found>) {
        let lower = words.lower_text().as_bytes();
        found.clear();
        let mut at = 0;
        // The forms `forms` from the part `part` of word `first`. `known` is
        // how many bytes from the part's start are known to be those of
        // every form it starts: all of a whole word looked up as the forms'
        // first word, so that only what follows it is compared, and nothing
        // for a form of that one word. Made once, not for each word.
        let mut read = |first: usize, part: Range<usize>, forms: usize, known: usize| {
            if part.start < at {
                return;
            }
            let rest = &lower[part.start..sentence_end];
            let forms = &self.start_forms[forms];
            let Some(&t) = forms.iter().find(|&&t| {
                let form = self.triggers[t].form.as_bytes();
                match (form.get(known..), rest.get(known..)) {
                    (Some([]), _) => true,
                    (Some(tail), Some(rest)) => rest.starts_with(tail),
                    _ => false,
                }
            }) else {
                return;
            };
            let bytes = part.start..part.start + self.triggers[t].form.len();
            if super::on_word_boundaries(text, &bytes) {
                at = bytes.end;
                let mut end = first + 1;
                while words.tokens.get(end).is_some_and(|t| t.bytes.start < bytes.end) {
                    end += 1;
                }
                found.push(Found { bytes, tokens: first..end, trigger: t });
            }
        };
        for &StartAt { token: first, forms } in words.starts() {
            let token = &words.tokens[first];
            match forms {
                Some(forms) if !token.apostrophe => {
                    read(first, token.bytes.clone(), usize::from(forms), token.bytes.len())
                }
                _ => {
                    for part in word_parts(lower, token) {
                        if let Some(&forms) = self.starts.get(lower, part.clone()) {
                            read(first, part, forms, 0);
                        }
                    }
                }
            }
        }
    }

    /// The coding of an event type by its name.
    pub fn coding(&self, kind: &str) -> Option<&Coding> {
        self.codings.iter().find(|c| c.kind == kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_tables_parse_and_code_the_named_examples() {
        let lex = &*LEXICON;
        let siege = lex.coding("siege").unwrap();
        assert_eq!((siege.plover, siege.cameo), ("COERCE", "191"));
        assert_eq!(siege.acled_event_type, Some("Strategic developments"));
        let capture = lex.coding("capture").unwrap();
        assert_eq!(capture.cameo, "192");
        assert_eq!(capture.acled(false).sub_event_type.as_deref(), Some("Non-state actor overtakes territory"));
        assert_eq!(capture.acled(true).sub_event_type.as_deref(), Some("Government regains territory"));
        let suicide = lex.coding("suicide_bombing").unwrap();
        assert_eq!((suicide.plover, suicide.cameo), ("ASSAULT", "1831"));
        assert_eq!(suicide.acled(false).sub_event_type.as_deref(), Some("Suicide bomb"));
        let accuse = lex.coding("accusation").unwrap();
        assert_eq!((accuse.plover, accuse.cameo), ("ACCUSE", "112"));
        assert_eq!(accuse.acled(false).event_type, None);
    }

    #[test]
    fn every_trigger_type_is_in_the_ontology() {
        for t in &LEXICON.triggers {
            for s in &t.senses {
                assert!(s.coding < LEXICON.codings.len(), "{}", t.form);
            }
        }
    }

    /// The triggers of `s` as the leftmost-longest automaton search finds them.
    fn searched(s: &str) -> Vec<(Range<usize>, usize)> {
        use aho_corasick::{AhoCorasickBuilder, MatchKind};
        static MATCHER: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(LEXICON.triggers.iter().map(|t| t.form.as_str()))
                .unwrap()
        });
        let lower = s.to_ascii_lowercase();
        let whole = |r: Range<usize>| crate::events::on_word_boundaries(s, &r);
        crate::text::whole_matches(&MATCHER, &lower, whole).map(|m| (m.range(), m.pattern().as_usize())).collect()
    }

    /// The triggers `triggers_in` reads off the words of `s`, each with the
    /// tokens it covers checked against the search for them.
    fn read(s: &str) -> Vec<(Range<usize>, usize)> {
        let lower = s.to_ascii_lowercase();
        let words = Words::new(s, &lower, 0..s.len());
        let mut found = Vec::new();
        LEXICON.triggers_in(&words, s, s.len(), &mut found);
        for f in &found {
            assert_eq!(f.tokens, words.covering(&f.bytes), "{s:?} at {:?}", f.bytes);
        }
        found.into_iter().map(|f| (f.bytes, f.trigger)).collect()
    }

    #[test]
    fn triggers_are_read_off_words_as_searched() {
        for s in [
            "Warplanes carried out air strikes on Raqqa, killing 12.",
            "The rebels' counter-offensive and the army's suicide car bombs-related losses",
            "air strikes-led, mortar fire-fight, gchemical attack, re-attack, attack's end",
            "o'shelling, rebels’attack, al-Qa'ida took control of it; Took  control",
        ] {
            assert_eq!(read(s), searched(s), "{s}");
        }
    }

    proptest::proptest! {
        #[test]
        fn triggers_read_off_words_are_the_searched_ones(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(LEXICON.triggers.iter().map(|t| t.form.clone()).collect::<Vec<_>>()),
                    proptest::string::string_regex("[ a-zA-Z0-9.,'\u{2019}\u{e9}-]{0,4}").unwrap(),
                ],
                0..8,
            )
        ) {
            let s = parts.concat();
            proptest::prop_assert_eq!(read(&s), searched(&s));
        }
    }

    #[test]
    fn bad_rows_are_named() {
        let err = Lexicon::parse("siege\tCOERCE\t\t191\n", "siege\tsiegee\tn\tt\n").unwrap_err();
        assert!(err.contains("line 1") && err.contains("siegee"), "{err}");
        let err = Lexicon::parse("siege\tCOERCE\t\t191\n", "siege\tsiege\tx\tt\n").unwrap_err();
        assert!(err.contains("part of speech"), "{err}");
    }
}
