//! Gathering speakers into sources: one per speaker, with all its mentions.
//! Pronouns and descriptions (`He`, `the source`, `the monitor`) are carried
//! back to the source they refer to; names are matched by entity when the
//! tagger linked one, else by their normalised form.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

use super::claims::{RawClaim, Speaker};
use super::lexicon::{Lexicon, Lists, is_acronym};
use super::numbered_id;
use crate::model::{Entity, EntityType, Source, SourceKind};
use crate::read::Report;
use crate::segment::Sentences;
use crate::tag::{Mention, Tags};
use crate::text::{first_from, swar};
use crate::words::WordKey;

/// The sources of a report, and for each claim its source and mention.
pub struct Resolved {
    pub sources: Vec<Source>,
    /// Per claim: (index into `sources`, the mention naming it in that claim).
    pub speakers: Vec<Option<(usize, Range<usize>)>>,
}

/// A source while the report is read.
struct Draft {
    name: String,
    kind: SourceKind,
    entity: Option<String>,
    /// Normalised name (lower case, no article or title) for matching names.
    key: String,
    /// Lower-case words of every non-pronoun mention, for descriptions, each
    /// once: a source mentioned often costs no more to look through. Like
    /// `key`, its words are parted by single spaces and hold no whitespace
    /// (`lower_words`), so that the byte-reading `split_ascii_whitespace`
    /// finds them, but for the empty ones, which no look-up asks for.
    words: String,
    plural: bool,
    /// Named (`Ahmed Hassan`, an entity) rather than described (`the officer`).
    named: bool,
    mentions: Vec<Range<usize>>,
    /// Where it was last mentioned, for pronouns.
    last: usize,
}

impl Draft {
    fn is_personal(&self) -> bool {
        matches!(self.kind, SourceKind::Person | SourceKind::Anonymous | SourceKind::Unknown) && !self.plural
    }
    fn is_collective(&self) -> bool {
        self.plural
            || matches!(
                self.kind,
                SourceKind::Organization | SourceKind::Government | SourceKind::Military | SourceKind::Media
            )
    }
}

struct Resolver<'a> {
    text: &'a str,
    /// `text` in ASCII lower case.
    lower: &'a str,
    report: &'a Report,
    sentences: &'a Sentences,
    tags: &'a Tags,
    lex: &'a Lexicon,
    drafts: Vec<Draft>,
    /// Per sentence, once read: whether it says its speaker is unnamed.
    unnamed: Vec<OnceCell<bool>>,
}

/// A phrase naming a speaker, with the lower-case forms the look-ups
/// compare, each made once however many look-ups read it.
struct Phrase<'t> {
    range: Range<usize>,
    text: &'t str,
    /// All of it in lower case when it is one word, for pronouns: a phrase
    /// of more words is none, and is not lowered for nothing.
    lower: Option<Cow<'t, str>>,
    /// Whether it is a pronoun (`he`, `who`), as its lists say, looked up once.
    pronoun: bool,
    /// Its words in lower case (`lower_words`), for names and descriptions.
    words: String,
    /// Its name for matching (`key_from_lower`).
    key: String,
}

impl Phrase<'_> {
    /// Whether the phrase is one of `words`, each one lower-case word.
    fn is_one_of(&self, words: &[&str]) -> bool {
        self.lower.as_deref().is_some_and(|l| words.contains(&l))
    }
}

pub fn resolve(report: &Report, sentences: &Sentences, tags: &Tags, claims: &[RawClaim], lex: &Lexicon) -> Resolved {
    let mut r = Resolver {
        text: report.text.as_str(),
        lower: report.text.ascii_lowercase(),
        report,
        sentences,
        tags,
        lex,
        // About a source a claim: room made at once.
        drafts: Vec::with_capacity(claims.len()),
        unnamed: vec![OnceCell::new(); sentences.spans.len()],
    };
    let mut speakers = Vec::with_capacity(claims.len());
    for c in claims {
        let speaker = match &c.speaker {
            Speaker::None => None,
            Speaker::Phrase(np) => Some((r.mention(np.clone(), c.sentence), np.clone())),
            Speaker::Relative { pronoun, antecedent } => {
                let relative = r.phrase(pronoun.clone());
                let s = match antecedent {
                    Some(a) => {
                        let s = r.mention(a.clone(), c.sentence);
                        r.add_mention(s, &relative);
                        s
                    }
                    // A new source holds the relative as its first mention already.
                    None => r.new_source(relative, c.sentence, None),
                };
                Some((s, pronoun.clone()))
            }
        };
        speakers.push(speaker);
    }
    // `the officer told Xinhua on condition of anonymity`: a described
    // speaker is anonymous when any of its claims says it asked to be. One
    // known to be anonymous already (`activists`, or an earlier claim)
    // needs no sentence searched.
    for (c, speaker) in claims.iter().zip(&speakers) {
        if let Some((s, _)) = speaker
            && !r.drafts[*s].named
            && r.drafts[*s].kind != SourceKind::Anonymous
            && r.unnamed_marker(c.sentence)
        {
            r.drafts[*s].kind = SourceKind::Anonymous;
        }
    }
    // Ids in order of first mention; the drafts are done with, so their
    // names and mentions move into the sources.
    let mut drafts: Vec<(usize, Draft)> = r.drafts.into_iter().enumerate().collect();
    drafts.sort_by_key(|(_, d)| d.mentions.iter().map(|m| m.start).min().unwrap_or(usize::MAX));
    let mut new_index = vec![0; drafts.len()];
    for (n, (old, _)) in drafts.iter().enumerate() {
        new_index[*old] = n;
    }
    let sources = drafts
        .into_iter()
        .enumerate()
        .map(|(n, (_, d))| {
            let mut mentions = d.mentions;
            mentions.sort_by_key(|m| (m.start, m.end));
            mentions.dedup();
            Source {
                id: numbered_id('s', n),
                name: d.name,
                kind: d.kind,
                entity: d.entity,
                mentions: mentions.into_iter().map(|m| report.text.span(m)).collect(),
            }
        })
        .collect();
    let speakers = speakers.into_iter().map(|s| s.map(|(i, m)| (new_index[i], m))).collect();
    Resolved { sources, speakers }
}

const PERSONAL: &[&str] = &["he", "she", "his", "her"];
const COLLECTIVE: &[&str] = &["they", "their", "we"];
const NEUTER: &[&str] = &["it", "its"];

impl<'a> Resolver<'a> {
    /// The source a mention refers to, created when it is new.
    fn mention(&mut self, np: Range<usize>, sentence: usize) -> usize {
        let phrase = self.phrase(np);
        let entity = self.entity_of(&phrase.range);
        let found = if phrase.is_one_of(PERSONAL) {
            self.latest(|d| d.is_personal()).or_else(|| self.person_entity_before(phrase.range.start, |_| true))
        } else if phrase.is_one_of(COLLECTIVE) {
            self.latest(Draft::is_collective)
        } else if phrase.is_one_of(NEUTER) {
            self.latest(|d| d.is_collective() && !d.plural || d.kind == SourceKind::Document)
        } else if let Some(monitor) = self.monitor_described(&phrase) {
            // Found or made with the monitor's entity, which names it; any
            // other in the phrase says where it is (`based in the UK`).
            let found = self.by_entity(Some(monitor));
            if let Some(s) = found {
                self.add_mention(s, &phrase);
                return s;
            }
            return self.new_source(phrase, sentence, Some(monitor));
        } else {
            self.by_entity(entity)
                .or_else(|| self.by_description(phrase.text))
                .or_else(|| self.by_name(&phrase))
                // A tagged entity (`the Secretary`, the tagger's Kerry) is its own source.
                .or_else(|| entity.is_none().then(|| self.by_title(phrase.text, phrase.range.start)).flatten())
                .or_else(|| {
                    entity
                        .is_none()
                        .then(|| self.organization_described_before(phrase.text, phrase.range.start))
                        .flatten()
                })
        };
        match found {
            Some(s) => {
                self.add_mention(s, &phrase);
                s
            }
            None => self.new_source(phrase, sentence, entity),
        }
    }

    fn phrase(&self, range: Range<usize>) -> Phrase<'a> {
        let text = &self.text[range.clone()];
        // Whether it is ASCII, read once: the word test, the lowering and the
        // pronouns' shortcut below all ask.
        let ascii = text.is_ascii();
        let one_word = if ascii { !text.bytes().any(is_ascii_space) } else { is_one_word(text) };
        let lower = one_word
            .then(|| if ascii { Cow::Borrowed(&self.lower[range.clone()]) } else { self.lowered(text, range.clone()) });
        let lists = match &lower {
            None => Lists::NONE,
            // The report's lower-case text there, read in one load rather than copied out.
            Some(Cow::Borrowed(_)) => self.lex.lists_at(self.lower.as_bytes(), range.clone()),
            Some(Cow::Owned(l)) => self.lex.lists_of(l),
        };
        let pronoun = lists.any(Lists::PRONOUN | Lists::RELATIVE) && !is_acronym(text);
        // A pronoun is one of the lists' words, plain letters: as written in
        // ASCII, its words are the word in lower case, and so is its key but
        // for a determiner (`that`), which a key leaves out. Pronouns are
        // many of the speakers, and need neither gathered.
        if let Some(word) = lower.as_deref().filter(|_| pronoun && ascii) {
            let key = if lists.any(Lists::DETERMINER | Lists::TITLE) { String::new() } else { word.to_string() };
            let words = word.to_string();
            return Phrase { range, text, lower, pronoun, key, words };
        }
        // The key is gathered as the words are lowered, each word looked up
        // where it lands in them, rather than in a second pass over them.
        let mut key = String::with_capacity(text.len());
        let words = lower_words(text, |words, word| self.add_to_key(&mut key, words, word));
        Phrase { range, text, lower, pronoun, key, words }
    }

    /// `text`, the text at `range`, in lower case as `str::to_lowercase`
    /// makes it: in ASCII, as most phrases are, that is the lower-case text
    /// there, read rather than made again in a new string.
    fn lowered(&self, text: &'a str, range: Range<usize>) -> Cow<'a, str> {
        if text.is_ascii() { Cow::Borrowed(&self.lower[range]) } else { Cow::Owned(text.to_lowercase()) }
    }

    /// Whether sentence `i` says its speaker is unnamed (`on condition of anonymity`).
    fn unnamed_marker(&self, i: usize) -> bool {
        let Some(span) = self.sentences.spans.get(i) else { return false };
        *self.unnamed[i].get_or_init(|| self.lex.says_unnamed(&self.lower[span.bytes.clone()]))
    }

    fn add_mention(&mut self, s: usize, phrase: &Phrase) {
        let d = &mut self.drafts[s];
        d.last = d.last.max(phrase.range.start);
        if !phrase.pronoun {
            add_words(&mut d.words, &phrase.words);
        }
        d.mentions.push(phrase.range.clone());
    }

    fn latest(&self, ok: impl Fn(&Draft) -> bool) -> Option<usize> {
        self.drafts.iter().enumerate().filter(|(_, d)| ok(d)).max_by_key(|(_, d)| d.last).map(|(i, _)| i)
    }

    /// `the president said`, with no source yet that fits: the person the
    /// tagger last found with that title (`Syrian President Bashar al-Assad`).
    fn by_title(&mut self, phrase: &str, at: usize) -> Option<usize> {
        let rest = phrase.strip_prefix("the ").or_else(|| phrase.strip_prefix("The "))?;
        let title = rest.split_whitespace().last()?.to_lowercase();
        if !self.lex.titles.contains(title.as_str()) {
            return None;
        }
        let titles = &self.lex.titles;
        // The title itself, before the name and not after another title: a
        // `Deputy Secretary` is no `secretary`.
        self.person_entity_before(at, |mention| {
            let words: Vec<&str> = mention.split_whitespace().collect();
            (0..words.len().saturating_sub(1)).any(|i| {
                words[i].eq_ignore_ascii_case(&title)
                    && (i == 0 || !titles.contains(words[i - 1].to_lowercase().as_str()))
            })
        })
    }

    /// `He said` with no earlier source: the person the tagger last found
    /// (whose mention `fits`).
    fn person_entity_before(&mut self, at: usize, fits: impl Fn(&str) -> bool) -> Option<usize> {
        let text = self.text;
        self.source_of_mention_before(at, |m, e| e.kind == EntityType::Person && fits(&text[m.bytes.clone()]))
    }

    /// The source of the entity the tagger last mentioned before `at` with
    /// a mention and entity that `fit`: the one with its entity, else a new
    /// one named as it is mentioned there.
    fn source_of_mention_before(&mut self, at: usize, fit: impl Fn(&Mention, &Entity) -> bool) -> Option<usize> {
        let upto = self.tags.mentions.partition_point(|m| m.bytes.start < at);
        let m = self.tags.mentions[..upto]
            .iter()
            .rev()
            .find(|m| self.tags.entities.get(m.entity).is_some_and(|e| fit(m, e)))?;
        let (bytes, entity) = (m.bytes.clone(), m.entity);
        if let Some(s) = self.by_entity(Some(entity)) {
            return Some(s);
        }
        let sentence = self.sentences.at(bytes.start).unwrap_or(0);
        let phrase = self.phrase(bytes);
        Some(self.new_source(phrase, sentence, Some(entity)))
    }

    /// The tagged entity a phrase names: the one at its head. In `X of Y`
    /// the head is in `X` (`the director of the Observatory` is not the
    /// Observatory, `residents in Aleppo` not Aleppo), unless one mention
    /// spans the `of` (`Ministry of Defence`).
    fn entity_of(&self, np: &Range<usize>) -> Option<usize> {
        let phrase = &self.text[np.clone()];
        let found = modifiers(phrase);
        let of_start = found.of.map_or(np.end, |i| np.start + i);
        let place_start = found.place.map_or(np.end, |i| np.start + i);
        let mentions = self.tags.mentions_in(np.clone());
        let usable = |m: &&Mention| {
            self.tags.entities.get(m.entity).is_some_and(|e| {
                e.kind != EntityType::Nationality && !(e.kind == EntityType::Location && m.bytes.start > place_start)
            })
        };
        // The mention at the last word before `core_end`, the longest.
        let at_head_of = |core_end: usize| {
            let core = &self.text[np.start..core_end];
            // In ASCII the last space is found a byte at a time, not a character at a time.
            let last_space =
                if core.is_ascii() { core.bytes().rposition(is_ascii_space) } else { core.rfind(char::is_whitespace) };
            let core_head = np.start + last_space.map_or(0, |i| i + 1);
            mentions
                .iter()
                .filter(usable)
                .filter(|m| m.bytes.start < core_end && m.bytes.end > core_head)
                .max_by_key(|m| m.bytes.len())
        };
        let is_person = |m: &&Mention| self.tags.entities.get(m.entity).is_some_and(|e| e.kind == EntityType::Person);
        // `the UN's representative in Syria Ali al-Zaatari`: a person's full
        // name closing the phrase, not a preposition's object (`an aide to X`).
        let closing_person = || {
            mentions.iter().filter(usable).filter(is_person).find(|m| {
                let before = self.text[np.start..m.bytes.start].trim_end();
                m.bytes.end == np.end
                    && m.bytes.start > np.start
                    && self.text[m.bytes.clone()].contains(' ')
                    && !before
                        .rsplit(' ')
                        .next()
                        .is_some_and(|w| PREPOSITIONS.iter().any(|p| p.as_bytes().eq_ignore_ascii_case(w.as_bytes())))
            })
        };
        // `White Helmets in the north`: the head before where it is; else, as
        // `a source in the Police Command` may be, the one after.
        let before_place = || (place_start < of_start).then(|| at_head_of(place_start)).flatten();
        let person_in_core = || mentions.iter().filter(usable).filter(|m| m.bytes.end <= of_start).find(is_person);
        // `Observatory head Rami Abdel Rahman said` in an archive without
        // commas, where the speaker read is the name alone: the person the
        // tagger found with the role before it.
        let enclosing_person = || {
            let from = self.tags.mentions.partition_point(|m| m.bytes.start <= np.start);
            // A name in it may start where it does (`Observatory`): a few are looked at.
            self.tags.mentions[..from]
                .iter()
                .rev()
                .take(3)
                .filter(|m| m.bytes.end == np.end && m.bytes.start < np.start)
                .find(is_person)
        };
        closing_person()
            .or_else(before_place)
            .or_else(|| at_head_of(of_start))
            .or_else(person_in_core)
            .or_else(enclosing_person)
            .map(|m| m.entity)
    }

    /// `a monitor said`, `a Britain-based monitoring group said`: the wire's
    /// way of citing the one monitor a report names (the Syrian Observatory,
    /// often only further down), that monitor's entity; none where the
    /// report names no monitor or several. Not `a watchdog`, which is as
    /// often a chemical weapons or rights body.
    fn monitor_described(&self, phrase: &Phrase) -> Option<usize> {
        // Most phrases are turned away here, before their modifiers are sought.
        let indefinite = phrase.words.starts_with("a ") || phrase.words.starts_with("an ");
        if !indefinite {
            return None;
        }
        // `a monitoring group based in the UK`: the words before where it is.
        let words = modifiers(&phrase.words).place.map_or(phrase.words.as_str(), |i| &phrase.words[..i]);
        let words = words.strip_suffix(" based").unwrap_or(words);
        let described = [" monitor", " monitoring group", " monitoring organisation", " monitoring organization"]
            .iter()
            .any(|head| words.ends_with(head));
        if !described {
            return None;
        }
        let mut monitors = self
            .tags
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntityType::Organization && e.subtype.as_deref() == Some("monitor"))
            .map(|(i, _)| i);
        let only = monitors.next()?;
        monitors.next().is_none().then_some(only)
    }

    fn by_entity(&self, entity: Option<usize>) -> Option<usize> {
        let id = &self.tags.entities.get(entity?)?.id;
        self.drafts.iter().position(|d| d.entity.as_ref() == Some(id))
    }

    /// `the source`, `the monitor`, `the group`: a definite description
    /// without a name refers back to the latest source it fits.
    fn by_description(&self, phrase: &str) -> Option<usize> {
        let head = description_head(phrase)?;
        match self.lex.aliases.get(head.as_ref()) {
            Some(fits) => self.latest(|d| d.words.split_ascii_whitespace().any(|w| fits.iter().any(|f| f == w))),
            None => self.latest(|d| d.words.split_ascii_whitespace().any(|w| w == head)),
        }
    }

    /// `the observatory said` where no source before fits: the organisation
    /// last named before `at` whose name holds the description's head (`the
    /// Syrian Observatory for Human Rights` further up, named but not cited),
    /// or whose kind it is (`the monitor`), or any body for `the group`.
    fn organization_described_before(&mut self, phrase: &str, at: usize) -> Option<usize> {
        let head = description_head(phrase)?;
        // Only a bare description (`the observatory`, `the Britain-based
        // monitor`): `the free army` is not the Syrian Army named before.
        let bare = phrase.split(' ').skip(1).all(|w| w.ends_with("-based") || w.eq_ignore_ascii_case(head.as_ref()));
        // `the network` is as often the outlet the report quotes as one it
        // names in passing (`watch it on Dish Network`); `the government`
        // and `the army` are more often the country's the report is about
        // than the last one named.
        let state_bound =
            matches!(head.as_ref(), "government" | "army" | "military" | "forces" | "regime" | "ministry");
        if !bare || state_bound || self.lex.heads.get(head.as_ref()) == Some(&SourceKind::Media) {
            return None;
        }
        // `the group` is whichever body was named last, an armed group, a
        // monitor or a charity, but not an outlet, a state or an army.
        let any_body = matches!(head.as_ref(), "group" | "organization" | "organisation");
        self.source_of_mention_before(at, |_, e| {
            e.kind == EntityType::Organization
                && (e.subtype.as_deref() == Some(head.as_ref())
                    || e.name.split(' ').any(|w| w.eq_ignore_ascii_case(head.as_ref()))
                    || any_body && !matches!(e.subtype.as_deref(), Some("media" | "government" | "military")))
        })
    }

    /// The same name again, or a person's surname alone (`Mr. Obama` after
    /// `Barack Obama`), or an acronym in the name (`SDF`).
    fn by_name(&self, phrase: &Phrase) -> Option<usize> {
        let key = &phrase.key;
        let indefinite = phrase
            .text
            .split_whitespace()
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an"));
        if key.is_empty() || indefinite {
            return None;
        }
        if let Some(i) = self.drafts.iter().position(|d| d.key == *key) {
            return Some(i);
        }
        let single = !key.contains(' ') && phrase.text.chars().any(char::is_uppercase);
        if single {
            return self.drafts.iter().position(|d| {
                d.kind != SourceKind::Anonymous && d.key.split_ascii_whitespace().any(|w| w == key) && d.key != *key
            });
        }
        None
    }

    /// Adds the word at `word` of `lower` (a phrase's `lower_words`)
    /// to the phrase's name for matching, which is in lower case, without
    /// article, titles or possessive. The word is looked up where it stands,
    /// which reads it in one load.
    fn add_to_key(&self, key: &mut String, lower: &str, word: Range<usize>) {
        if word.is_empty() || self.lex.lists_at(lower.as_bytes(), word.clone()).any(Lists::DETERMINER | Lists::TITLE) {
            return;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&lower[word]);
    }

    /// A new source, first mentioned by `phrase`, whose words and key it takes.
    fn new_source(&mut self, phrase: Phrase, sentence: usize, entity: Option<usize>) -> usize {
        let entity = entity.and_then(|e| self.tags.entities.get(e));
        let lower = &phrase.words;
        // Without an entity, the last word as written is read once, for the
        // kind and for whether the source is named.
        let (kind, named) = match entity {
            Some(e) => (entity_kind(e, self.lex, lower), true),
            None => {
                // `residents in Aleppo`: the head is before where they are.
                let core = modifiers(phrase.text).place.map_or(phrase.text, |i| &phrase.text[..i]);
                let raw_head = last_word(core);
                let name_head = is_name_word(raw_head);
                (self.kind_of(&phrase, sentence, raw_head, name_head), name_head)
            }
        };
        let name = entity.map_or_else(
            || if kind == SourceKind::Person { person_name(phrase.text) } else { display_name(phrase.text) },
            |e| e.name.clone(),
        );
        let head = last_of(lower);
        let plural = head.ends_with('s')
            && !head.ends_with("ss")
            && !head.ends_with("us")
            && phrase.text.chars().next().is_some_and(char::is_lowercase)
            || phrase.is_one_of(COLLECTIVE);
        let words = if phrase.pronoun { String::new() } else { phrase.words };
        self.drafts.push(Draft {
            name,
            kind,
            entity: entity.map(|e| e.id.clone()),
            key: phrase.key,
            words,
            plural,
            named,
            last: phrase.range.start,
            mentions: first_mentions(phrase.range),
        });
        self.drafts.len() - 1
    }

    /// What a phrase says about the kind of its speaker, in sentence
    /// `sentence`; `raw_head` is its last word as written, `name_head`
    /// whether that is a name word.
    fn kind_of(&self, phrase: &Phrase, sentence: usize, raw_head: &str, name_head: bool) -> SourceKind {
        let lex = self.lex;
        if phrase.is_one_of(PERSONAL) {
            return SourceKind::Person;
        }
        if phrase.pronoun {
            return SourceKind::Unknown;
        }
        let lower = self.lowered(phrase.text, phrase.range.clone());
        let bare = lower.strip_prefix("the ").unwrap_or(&lower);
        if lex.outlets.contains(bare)
            || self
                .report
                .dateline
                .as_ref()
                .and_then(|d| d.outlet.as_deref())
                .is_some_and(|o| o.eq_ignore_ascii_case(bare))
        {
            return SourceKind::Media;
        }
        // `Residents in Aleppo`: the words before where the speaker is.
        let place = modifiers(&phrase.words).place;
        let words = place.map_or(phrase.words.as_str(), |i| &phrase.words[..i]);
        let one_word = !raw_head.is_empty()
            && match place {
                None => is_one_word(phrase.text.trim()),
                Some(_) => !words.contains(' '),
            };
        // `Sources said` opening a sentence is no name.
        let common_noun = one_word && lex.heads.contains_key(&words.replace(' ', ""));
        let named = name_head && !common_noun;
        if !named {
            let head = last_of(words);
            return match lex.heads.get(head) {
                Some(SourceKind::Anonymous) => SourceKind::Anonymous,
                _ if self.unnamed_marker(sentence) => SourceKind::Anonymous,
                Some(k) => *k,
                None => SourceKind::Unknown,
            };
        }
        // `Ministry of Defense`, `Observatory for Human Rights`: the word before `of`/`for` is the head.
        let core_head = words.split(' ').take_while(|w| !matches!(*w, "of" | "for")).last();
        if let Some(head) = core_head
            && let Some(k) = lex.heads.get(head)
            && *k != SourceKind::Anonymous
            && !lex.titles.contains(head)
        {
            return *k;
        }
        let mut letters = raw_head.chars().filter(|c| c.is_alphabetic());
        if letters.clone().nth(1).is_some() && letters.all(char::is_uppercase) {
            return SourceKind::Organization;
        }
        SourceKind::Person
    }
}

/// A new source's mentions, with room for a few: one made for the first
/// alone is made again, four times as large, at the second.
fn first_mentions(first: Range<usize>) -> Vec<Range<usize>> {
    let mut mentions = Vec::with_capacity(MENTIONS_ROOM);
    mentions.push(first);
    mentions
}

/// The room a new source's mentions start with: as much as the second one
/// would grow them to.
const MENTIONS_ROOM: usize = 4;

/// What opens a phrase's modifier that says whose or what it is: the head
/// is before it (`the director of the Observatory`, `a spokesman for the
/// SDF`). Each with the spaces around it.
const OF_OPENERS: &[&[u8]] = &[b" of ", b" for "];

/// What opens a phrase's modifier that may say where it is (`residents in
/// Aleppo`, `an activist from Deir ez-Zor`): a place there is not the head,
/// as an organisation may be (`a source in the Aleppo Police Command`).
/// Not `at`: `a source at the hospital`, `at the governorate`, speaks for
/// the place's institution.
const PLACE_OPENERS: &[&[u8]] = &[b" in ", b" from ", b" inside ", b" near ", b" on ", b" with "];

/// The words whose object a name after them is (`an aide to`, `a
/// spokesman for`), not a name in apposition.
const PREPOSITIONS: &[&str] = &["of", "for", "to", "in", "from", "at", "inside", "near", "on", "with", "by"];

/// Where a phrase's first modifier of each kind starts (see
/// [`OF_OPENERS`] and [`PLACE_OPENERS`]).
#[derive(Debug, Default, PartialEq, Eq)]
struct Modifiers {
    of: Option<usize>,
    place: Option<usize>,
}

/// A phrase's [`Modifiers`], in one pass: a look at each space, not a
/// substring searcher built per call, the spaces found eight bytes at a
/// time (`first_from`): a phrase is a few words, shorter than a vectorised
/// search needs to pay for each call of it, and every speaker's phrase is
/// read so.
fn modifiers(phrase: &str) -> Modifiers {
    let bytes = phrase.as_bytes();
    let mut found = Modifiers::default();
    let mut at = 0;
    while at < bytes.len() && (found.of.is_none() || found.place.is_none()) {
        let space = first_from(bytes, at, space_flags, |b| b == b' ');
        // Every opener's word starts with one of these: most words are
        // passed over on their first byte.
        if matches!(bytes.get(space + 1), Some(b'o' | b'f' | b'i' | b'n' | b'w')) {
            let rest = &bytes[space..];
            if found.of.is_none() && OF_OPENERS.iter().any(|o| rest.starts_with(o)) {
                found.of = Some(space);
            } else if found.place.is_none() && PLACE_OPENERS.iter().any(|o| rest.starts_with(o)) {
                found.place = Some(space);
            }
        }
        at = space + 1;
    }
    found
}

/// The flags (`swar`) of the spaces of `block`.
fn space_flags(block: u64) -> u64 {
    swar::bytes_within(block, b' ', b' ')
}

/// Add the space-separated words of `lower` (an empty one included, as
/// `split` gives it) to a source's words, unless they are there already.
/// Both the known words and the new are parted at their bytes: they are
/// short, and a `str` split would start a `memchr` for each of them.
fn add_words(words: &mut String, lower: &str) {
    let mut rest = lower;
    loop {
        let (w, next) = match rest.bytes().position(|b| b == b' ') {
            Some(space) => (&rest[..space], Some(&rest[space + 1..])),
            None => (rest, None),
        };
        if !words.as_bytes().split(|&b| b == b' ').any(|known| known == w.as_bytes()) {
            words.push(' ');
            words.push_str(w);
        }
        match next {
            Some(next) => rest = next,
            None => break,
        }
    }
}

/// A word or phrase without its possessive endings (`'s`, then `’s`), as
/// `trim_end_matches` would leave it, without building a substring searcher
/// for each word.
fn without_possessive(mut s: &str) -> &str {
    while let Some(rest) = s.strip_suffix("'s") {
        s = rest;
    }
    while let Some(rest) = s.strip_suffix("\u{2019}s") {
        s = rest;
    }
    s
}

/// The phrase's words in lower case, possessives and brackets dropped,
/// separated by single spaces. `each` is shown every word once all are
/// in: the words (spaces after them), and where in them the word lies.
fn lower_words(phrase: &str, mut each: impl FnMut(&str, Range<usize>)) -> String {
    let mut out = String::with_capacity(phrase.len() + KEY_PADDING.len());
    let separate = |out: &mut String| {
        if !out.is_empty() {
            out.push(' ');
        }
    };
    if phrase.is_ascii() {
        // The same parts, cut at bytes: ASCII needs no character decoded,
        // and the words are lowered below, all in one pass. Each part ends
        // at the next byte that parts words, found by a plain search: a
        // slice's `split` costs several times as much a byte.
        let bytes = phrase.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let end = first_from(bytes, at, parting_flags, parts_words);
            if end > at {
                separate(&mut out);
                out.push_str(without_possessive(&phrase[at..end]));
            }
            at = end + 1;
        }
    } else {
        for w in phrase.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',')).filter(|w| !w.is_empty()) {
            separate(&mut out);
            out.extend(without_possessive(w).chars().flat_map(char::to_lowercase));
        }
    }
    // The ASCII words are lowered here; the others are lowered already.
    out.make_ascii_lowercase();
    // Shown only now, and padded while shown, a word has a key's width of
    // bytes after it in `out`, so that a look-up at it can read it in one
    // load (`word_key_at`).
    let len = out.len();
    out.push_str(KEY_PADDING);
    // Every word, as a split at each space gives them, an empty one included:
    // the words hold no space, and the padding is spaces, so that a word
    // ends at the first space from its start.
    let mut from = 0;
    while from <= len {
        let end = first_from(out.as_bytes(), from, space_flags, |b| b == b' ');
        each(&out, from..end);
        from = end + 1;
    }
    out.truncate(len);
    out
}

/// Bytes after the last word of `lower_words`, a key's width of them.
const KEY_PADDING: &str = "                ";
const _: () = assert!(KEY_PADDING.len() == size_of::<WordKey>());

/// Whether an ASCII byte parts a phrase's words (`lower_words`): a space, a
/// bracket or a comma.
fn parts_words(b: u8) -> bool {
    is_ascii_space(b) || matches!(b, b'(' | b')' | b',')
}

/// The flags (`swar`) of the bytes of `block` that part words (`parts_words`).
fn parting_flags(block: u64) -> u64 {
    swar::bytes_within(block, b'\t', b'\r')
        | swar::bytes_within(block, b' ', b' ')
        | swar::bytes_within(block, b'(', b')')
        | swar::bytes_within(block, b',', b',')
}

/// `char::is_whitespace` for an ASCII byte (the vertical tab included,
/// unlike `u8::is_ascii_whitespace`).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// Whether a phrase is one word, as `char::is_whitespace` parts them.
fn is_one_word(phrase: &str) -> bool {
    if phrase.is_ascii() { !phrase.bytes().any(is_ascii_space) } else { !phrase.contains(char::is_whitespace) }
}

/// The last of a phrase's words as `split_whitespace` parts them, or
/// nothing: read back from the end a byte at a time, rather than a
/// character at a time, while the bytes read are ASCII, as they mostly are.
fn last_word(phrase: &str) -> &str {
    let bytes = phrase.as_bytes();
    let end = bytes.iter().rposition(|&b| !is_ascii_space(b)).map_or(0, |i| i + 1);
    match bytes[..end].iter().rposition(|&b| is_ascii_space(b) || !b.is_ascii()) {
        // A wider character may be a space of its own, or end the word.
        Some(i) if !bytes[i].is_ascii() => phrase.split_whitespace().next_back().unwrap_or(""),
        space => &phrase[space.map_or(0, |i| i + 1)..end],
    }
}

/// The last of words parted by single spaces (`lower_words`), as
/// `rsplit(' ')` would give it first, found without a searcher.
fn last_of(words: &str) -> &str {
    &words[words.bytes().rposition(|b| b == b' ').map_or(0, |i| i + 1)..]
}

/// The head word of a definite description without a name, in lower case
/// (`monitor` of `the Britain-based monitor`); `None` for any other phrase.
fn description_head(phrase: &str) -> Option<Cow<'_, str>> {
    let rest = phrase.strip_prefix("the ").or_else(|| phrase.strip_prefix("The "))?;
    // A capital names something (`the Syrian army`), but not in where a
    // body is based (`the Britain-based monitoring group`).
    if rest.split(' ').any(|w| !w.ends_with("-based") && w.chars().any(char::is_uppercase)) {
        return None;
    }
    let head = last_word(rest);
    if head.is_empty() {
        return None;
    }
    // Without capitals, ASCII is its own lower case: most heads are not made again.
    Some(if head.is_ascii() { Cow::Borrowed(head) } else { Cow::Owned(head.to_lowercase()) })
}

/// A source's name as a person reads it: `Syrian Observatory for Human
/// Rights` without its definite article, `a well-informed source` as written.
fn display_name(phrase: &str) -> String {
    let trimmed = without_possessive(phrase);
    for det in ["the ", "The "] {
        if let Some(rest) = trimmed.strip_prefix(det) {
            return rest.to_string();
        }
    }
    trimmed.to_string()
}

/// A person's name without the description before it: `Jesse Lehrich`
/// from `Clinton spokesman Jesse Lehrich`, `Rami Abdel Rahman` from `Its
/// head Rami Abdel Rahman`.
fn person_name(phrase: &str) -> String {
    // `Rami Abdel Rahman director of the Observatory`: what comes before `of` describes the person.
    let words: Vec<&str> = phrase.split_whitespace().take_while(|w| *w != "of" && *w != "for").collect();
    let tail = words.iter().rev().take_while(|w| is_name_word(w)).count();
    let lead = words.iter().take_while(|w| is_name_word(w)).count();
    if tail >= 2 && tail < words.len() {
        return display_name(&words[words.len() - tail..].join(" "));
    }
    if tail == 0 && lead >= 2 {
        return display_name(&words[..lead].join(" "));
    }
    display_name(phrase)
}

/// Lower-case words inside names.
const NAME_PARTICLES: &[&str] =
    &["bin", "bint", "ibn", "abu", "al", "el", "de", "da", "del", "di", "du", "van", "von", "der", "la", "le"];
/// The longest of `NAME_PARTICLES`.
const MAX_PARTICLE: usize = 4;
/// Arabic articles joined to a name (`al-Zaatari`).
const NAME_PREFIXES: &[&str] = &["al-", "el-", "ad-", "as-", "an-", "ar-", "ash-"];

/// A word that may be part of a name: capitalised, or an Arabic article
/// and name (`al-Zaatari`).
pub fn is_name_word(w: &str) -> bool {
    if w.chars().next().is_some_and(char::is_uppercase) {
        return true;
    }
    // `Osama bin Laden`, `Bill de Blasio`; the particles are short, and most
    // words are compared with none of them.
    if w.len() <= MAX_PARTICLE && NAME_PARTICLES.contains(&w) {
        return true;
    }
    // The prefixes' hyphens stand third or fourth.
    w.as_bytes().get(2..4).is_some_and(|b| b.contains(&b'-'))
        && NAME_PREFIXES
            .iter()
            .any(|p| w.strip_prefix(p).is_some_and(|rest| rest.chars().next().is_some_and(char::is_uppercase)))
}

/// A tagged entity's kind as a source.
fn entity_kind(e: &Entity, lex: &Lexicon, lower: &str) -> SourceKind {
    match e.kind {
        EntityType::Person => SourceKind::Person,
        EntityType::Location => SourceKind::Government,
        _ => match e.subtype.as_deref() {
            Some("government" | "state" | "ministry") => SourceKind::Government,
            Some("military") => SourceKind::Military,
            Some("media") => SourceKind::Media,
            // `Syrian National Coalition`: a party or bloc, not the coalition that fights.
            Some("political") => SourceKind::Organization,
            _ => match lex.heads.get(last_of(lower)) {
                Some(k) if *k != SourceKind::Anonymous => *k,
                _ => SourceKind::Organization,
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::{
        MAX_PARTICLE, Modifiers, NAME_PARTICLES, NAME_PREFIXES, OF_OPENERS, PLACE_OPENERS, add_words, first_from,
        is_name_word, is_one_word, last_of, last_word, lower_words, modifiers, parting_flags, parts_words, space_flags,
        without_possessive,
    };

    #[test]
    fn name_words_are_capitalised_particles_or_prefixed() {
        assert!(NAME_PARTICLES.iter().all(|p| p.len() <= MAX_PARTICLE));
        assert!(NAME_PREFIXES.iter().all(|p| matches!(p.find('-'), Some(2 | 3))));
        for w in
            ["Assad", "bin", "bint", "al-Zaatari", "ash-Sham", "ash-sham", "al-", "al", "said", "binx", "É", "", "a-B"]
        {
            let simple = w.chars().next().is_some_and(char::is_uppercase)
                || NAME_PARTICLES.contains(&w)
                || NAME_PREFIXES.iter().any(|p| w.strip_prefix(p).is_some_and(|r| r.starts_with(char::is_uppercase)));
            assert_eq!(is_name_word(w), simple, "{w}");
        }
    }

    /// The first of `openers` a plain search finds, for `modifiers` to agree with.
    fn first_opener(s: &str, openers: &[&[u8]]) -> Option<usize> {
        openers.iter().filter_map(|o| s.find(std::str::from_utf8(o).unwrap())).min()
    }

    #[test]
    fn a_modifier_starts_at_the_first_opener() {
        for s in [
            "director of the Observatory for Human Rights",
            "residents in eastern Aleppo",
            "an activist from Deir ez-Zor in Turkey",
            "a source in the office of the governor",
            "head for the of",
            "a for b of c",
            "office",
            " of",
            "in ",
            "a  of b",
            "",
        ] {
            let found = modifiers(s);
            assert_eq!((found.of, found.place), (first_opener(s, OF_OPENERS), first_opener(s, PLACE_OPENERS)), "{s}");
        }
        assert_eq!(modifiers("residents in eastern Aleppo"), Modifiers { of: None, place: Some(9) });
    }

    #[test]
    fn possessives_come_off_as_trim_end_matches_would_take_them() {
        for s in ["Assad's", "Assad’s", "Assad's's", "Assad’s's", "Assad's’s", "Assad", "'s", "s", "Kurds"] {
            assert_eq!(without_possessive(s), s.trim_end_matches("'s").trim_end_matches("\u{2019}s"), "{s}");
        }
        assert_eq!(lower_words("The Observatory's (SOHR) head,  Rami", |_, _| ()), "the observatory sohr head rami");
    }

    /// What `Resolver::phrase` takes for a pronoun without gathering it:
    /// its words are the word in lower case, shown once, as written in any case.
    #[test]
    fn a_pronoun_s_words_are_the_word_itself() {
        let lex = &*super::super::lexicon::LEXICON;
        for word in lex.pronouns.iter().chain(&lex.relatives) {
            for written in [word.clone(), word.to_uppercase(), word[..1].to_uppercase() + &word[1..]] {
                let mut shown = Vec::new();
                assert_eq!(lower_words(&written, |words, w| shown.push(words[w].to_string())), *word);
                assert_eq!(shown, std::slice::from_ref(word));
                assert!(written.is_ascii() && is_one_word(&written));
            }
        }
    }

    /// `lower_words` as first written, cutting at characters.
    fn lower_words_by_chars(phrase: &str) -> String {
        let mut out = String::new();
        for w in phrase.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',')).filter(|w| !w.is_empty()) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(without_possessive(w).chars().flat_map(char::to_lowercase));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn lower_words_cut_at_bytes_as_at_characters(
            s in "[a-zA-Z ()',\t\n\u{b}\u{c}\r\u{a0}\u{2019}\u{c9}s-]{0,30}"
        ) {
            let mut shown = Vec::new();
            let words = lower_words(&s, |words, word| shown.push(words[word].to_string()));
            proptest::prop_assert_eq!(&words, &lower_words_by_chars(&s));
            // The words shown one by one are those the spaces part, empty ones aside.
            shown.retain(|w| !w.is_empty());
            proptest::prop_assert_eq!(shown, words.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>());
            proptest::prop_assert_eq!(is_one_word(&s), !s.contains(char::is_whitespace));
            proptest::prop_assert_eq!(last_word(&s), s.split_whitespace().next_back().unwrap_or(""));
            proptest::prop_assert_eq!(last_of(&words), words.rsplit(' ').next().unwrap_or(""));
        }

        #[test]
        fn first_from_finds_what_a_byte_search_finds(s in "[a-zA-Z ()',\t\n\u{b}\u{c}\r\u{1c}\u{a0}\u{2019}\u{c9}s-]{0,40}", at in 0usize..48) {
            let bytes = s.as_bytes();
            let at = at.min(bytes.len());
            let plain = |is: fn(u8) -> bool| bytes[at..].iter().position(|&b| is(b)).map_or(bytes.len(), |i| at + i);
            proptest::prop_assert_eq!(first_from(bytes, at, parting_flags, parts_words), plain(parts_words));
            proptest::prop_assert_eq!(first_from(bytes, at, space_flags, |b| b == b' '), plain(|b| b == b' '));
        }

        #[test]
        fn a_modifier_starts_where_a_search_finds_the_first_opener(s in "(of|for|in|on|with|near|fo|f|x|é| |  |\t){0,16}") {
            let found = modifiers(&s);
            proptest::prop_assert_eq!(found.of, first_opener(&s, OF_OPENERS));
            proptest::prop_assert_eq!(found.place, first_opener(&s, PLACE_OPENERS));
        }

        #[test]
        fn add_words_adds_the_words_a_str_split_does_not_find(
            known in "[ab \u{c9}]{0,12}",
            lower in "[ab \u{c9}]{0,8}",
        ) {
            let mut simple = known.clone();
            for w in lower.split(' ') {
                if !simple.split(' ').any(|k| k == w) {
                    simple.push(' ');
                    simple.push_str(w);
                }
            }
            let mut words = known;
            add_words(&mut words, &lower);
            proptest::prop_assert_eq!(words, simple);
        }
    }
}
