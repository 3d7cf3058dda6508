//! Who did it to whom, and where: an event's actors, targets and places
//! from the clause around its trigger. No parser: word order, voice
//! (`was captured by`), prepositions (`by`, `against`, `on`, `of`, `in`,
//! `near`), apposition and relative clauses (`Russia, the main backer of
//! the government, will ...`; `forces, which are fighting ...`), and
//! coordination (`the SDF and allied forces`).

use std::ops::Range;

use super::lexicon::{Frame, Pos, Sense};
use super::tokens::{Token, WordList, Words};
use crate::model::{Entity, EntityType};
use crate::tag::Mention;

/// What a mention can be in an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// An organisation, person, a force named by nationality (`Russian
    /// warplanes`), or a country acting (`Russia will strike`).
    Actor,
    /// A place where something happens.
    Place,
    /// A name used as a modifier (`US-backed`, `IS-held`): not an actor,
    /// but still what is aimed at when it holds the target.
    Modifier {
        holds: bool,
    },
    Ignore,
}

/// One entity mention in a sentence, with the tokens it covers.
#[derive(Debug, Clone)]
pub struct Arg {
    pub entity: usize,
    pub tokens: Range<usize>,
    pub role: Role,
}

impl Arg {
    /// Whether this is a place named within the tokens `range`.
    fn is_place_in(&self, range: &Range<usize>) -> bool {
        self.role == Role::Place && self.tokens.start >= range.start && self.tokens.end <= range.end
    }
}

/// A sentence ready for argument finding.
pub struct Clauses<'a> {
    pub words: &'a Words<'a>,
    pub args: Vec<Arg>,
    /// Comma-delimited insertions (appositions, relative clauses) as token
    /// ranges; found by [`Clauses::set_verbs`], since verbs can close them.
    pub insertions: Vec<Range<usize>>,
    /// Tokens that are trigger verbs, set by the caller.
    pub verbs: Vec<usize>,
}

/// The arguments found for one trigger, as indices into the tagger's entities.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Args {
    pub actors: Vec<usize>,
    pub targets: Vec<usize>,
    pub locations: Vec<usize>,
}

/// Words whose object is not a subject.
pub(crate) const GOVERNORS: WordList = WordList::new(
    0,
    &[
        "by",
        "of",
        "against",
        "on",
        "in",
        "from",
        "with",
        "to",
        "at",
        "near",
        "for",
        "toward",
        "towards",
        "into",
        "under",
        "between",
        "over",
        "about",
        "including",
        "like",
        "than",
    ],
);
/// Verbs whose subject does what their object noun names.
pub(crate) const LIGHT_VERBS: WordList = WordList::new(
    1,
    &[
        "launched",
        "launch",
        "launches",
        "launching",
        "carried",
        "carry",
        "carries",
        "carrying",
        "conducted",
        "conduct",
        "conducts",
        "conducting",
        "waged",
        "wage",
        "wages",
        "waging",
        "staged",
        "stage",
        "mounted",
        "mount",
        "mounting",
        "unleashed",
        "unleash",
        "began",
        "begun",
        "begin",
        "started",
        "start",
        "continued",
        "continue",
        "continues",
        "intensified",
        "stepped",
        "led",
        "lead",
        "leads",
        "completed",
        "complete",
        "imposed",
        "impose",
        "laid",
        "lay",
        "tightened",
        "initiated",
        "resumed",
        "made",
        "make",
        "makes",
        "held",
        "hold",
        "holds",
        "declared",
        "announced",
        "signed",
        "reached",
        "struck",
    ],
);
/// Nouns whose `of` complement is not yet anyone's doing: `in case of a deal`.
pub(crate) const UNREAL_HEADS: WordList = WordList::new(
    2,
    &[
        "case",
        "possibility",
        "event",
        "prospect",
        "threat",
        "risk",
        "fear",
        "fears",
        "chance",
        "chances",
        "hope",
        "hopes",
        "idea",
        "plan",
        "plans",
        "talk",
        "rumours",
        "rumors",
        "prospects",
        "danger",
    ],
);
/// Nouns for members of an armed group: `rebels from X` names X's rebels.
pub(crate) const MEMBER_NOUNS: WordList = WordList::new(
    3,
    &[
        "rebels",
        "fighters",
        "members",
        "militants",
        "jihadists",
        "gunmen",
        "men",
        "troops",
        "forces",
        "soldiers",
        "units",
        "elements",
        "militiamen",
        "commanders",
        "leaders",
        "officials",
        "spokesman",
    ],
);
/// Prepositions that put a place name where something happens.
pub(crate) const LOCATIVE: WordList = WordList::new(
    4,
    &[
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "toward",
        "towards",
        "into",
        "across",
        "around",
        "throughout",
        "within",
        "along",
        "from",
        "of",
        "to",
        "on",
        "between",
        "via",
        "nearby",
        "outskirts",
        "countryside",
        "province",
    ],
);
/// Nouns that make a nationality an armed actor (`Russian warplanes`).
pub(crate) const FORCE_NOUNS: WordList = WordList::new(
    5,
    &[
        "fighters",
        "forces",
        "force",
        "troops",
        "army",
        "soldiers",
        "warplanes",
        "jets",
        "aircraft",
        "planes",
        "militants",
        "rebels",
        "militia",
        "militias",
        "police",
        "navy",
        "regime",
        "government",
        "officials",
        "military",
        "helicopters",
        "drones",
        "air",
        "artillery",
        "authorities",
        "gunmen",
        "units",
        "special",
    ],
);
/// Auxiliaries and reporting verbs after which an insertion has closed:
/// `Russia, the main backer of the government, will ...`.
pub(crate) const CLAUSE_VERBS: WordList = WordList::new(
    6,
    &[
        "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may", "might", "must",
        "did", "does", "do", "said", "says", "told", "shall", "should",
    ],
);
/// Words the subject of a trigger does not lie beyond.
pub(crate) const LEFT_BREAK: WordList = WordList::new(
    7,
    &[
        ";",
        ":",
        "that",
        "said",
        "says",
        "told",
        "according",
        "adding",
        "added",
        "saying",
        "while",
        "whereas",
        "but",
        "although",
        "though",
        "because",
        "when",
        "stated",
        "reported",
        "announced",
    ],
);
/// Words the objects and places of a trigger do not lie beyond.
pub(crate) const RIGHT_BREAK: WordList = WordList::new(
    8,
    &[
        ";",
        ":",
        "that",
        "which",
        "who",
        "while",
        "whereas",
        "but",
        "although",
        "said",
        "says",
        "told",
        "adding",
        "saying",
        "amid",
        "because",
        "according",
        "whereas",
    ],
);
pub(crate) const BE: WordList =
    WordList::new(9, &["is", "are", "was", "were", "be", "been", "being", "get", "got", "gets", "getting"]);
pub(crate) const ADVERBS: WordList = WordList::new(
    10,
    &[
        "reportedly",
        "also",
        "already",
        "allegedly",
        "recently",
        "completely",
        "fully",
        "later",
        "previously",
        "then",
        "not",
        "partially",
        "largely",
        "mostly",
        "just",
        "repeatedly",
        "again",
        "successfully",
        "finally",
        "now",
    ],
);
/// Words that may join coordinated names: `the SDF and allied forces`, `Russia, Iran and Turkey`.
pub(crate) const COORDINATION: WordList =
    WordList::new(11, &[",", "and", "as", "well", "the", "allied", "its", "&", "or", "other", "their"]);
pub(crate) const DETERMINERS: WordList = WordList::new(
    12,
    &["the", "a", "an", "its", "their", "his", "her", "this", "these", "those", "our", "any", "some", "every", "each"],
);
pub(crate) const PRONOUNS: WordList =
    WordList::new(13, &["its", "their", "they", "it", "we", "our", "them", "he", "his", "she", "her"]);
/// The comma, which the clause and insertion scans test at every token:
/// a list of its own makes that a bit test rather than a comparison.
pub(crate) const COMMA: WordList = WordList::new(30, &[","]);
/// The semicolon and colon, which close an insertion's scan: a bit test
/// at each of the up to forty tokens it looks at.
pub(crate) const COLONS: WordList = WordList::new(33, &[";", ":"]);
/// `by`, which names the agent (`carried out by IS`): a list of its own, so
/// that the words after a trigger are tested by a bit, and a sentence
/// without one is not walked for it.
pub(crate) const BY: WordList = WordList::new(35, &["by"]);
/// Prepositions that introduce a noun trigger's target (`attacks on IS
/// positions`, `talks with the rebels`).
pub(crate) const OBJECT_PREPOSITIONS: WordList =
    WordList::new(37, &["on", "against", "at", "targeting", "with", "upon", "into"]);
/// Adjectives between a noun trigger and the name that modifies it (`IS new offensive`).
pub(crate) const MODIFIER_ADJECTIVES: WordList =
    WordList::new(38, &["new", "fresh", "heavy", "deadly", "latest", "massive", "major", "renewed"]);
/// Words between a noun trigger and its possessor (`the SDF's own offensive`).
pub(crate) const POSSESSED_ADJECTIVES: WordList = WordList::new(39, &["new", "fresh", "latest", "renewed", "own"]);
/// Particles of a light verb (`carried out`, `stepped up`), which are no name.
pub(crate) const PARTICLES: WordList = WordList::new(40, &["out", "up"]);

/// The lists of one sentence's [`Clauses`], kept for the next sentence's
/// as [`Spare`](super::tokens::Spare) keeps its words': refilling them
/// costs less than allocating them for each sentence with a trigger.
#[derive(Default)]
pub struct ClauseSpare {
    args: Vec<Arg>,
    verbs: Vec<usize>,
}

impl<'a> Clauses<'a> {
    /// Prepare a sentence: its words and its mentions with their roles.
    /// `lower` is the report's text in ASCII lower case.
    pub fn new(words: &'a Words<'a>, lower: &'a str, mentions: &[Mention], entities: &[Entity]) -> Self {
        Self::reusing(words, lower, mentions, entities, ClauseSpare::default())
    }

    /// As [`Clauses::new`], filling the lists another sentence's clauses
    /// have given back (see [`Clauses::into_spare`]).
    pub fn reusing(
        words: &'a Words<'a>,
        lower: &'a str,
        mentions: &[Mention],
        entities: &[Entity],
        spare: ClauseSpare,
    ) -> Self {
        let ClauseSpare { mut args, mut verbs } = spare;
        args.clear();
        verbs.clear();
        // Mentions come in order: each one's tokens are walked to from the last's.
        let mut from = 0;
        for m in mentions {
            let tokens = words.covering_on(&m.bytes, from);
            from = tokens.start;
            let Some(entity) = entities.get(m.entity) else { continue };
            if tokens.is_empty() {
                continue;
            }
            let role = role(words, lower, m, &tokens, entity);
            args.push(Arg { entity: m.entity, tokens, role });
        }
        Clauses { words, args, insertions: Vec::new(), verbs }
    }

    /// The lists of these clauses, for the next sentence's.
    pub fn into_spare(self) -> ClauseSpare {
        ClauseSpare { args: self.args, verbs: self.verbs }
    }

    /// The clause of the trigger at `trigger`: where its subject may start
    /// and where its objects end.
    pub fn clause(&self, trigger: &Range<usize>) -> Range<usize> {
        let w = self.words;
        // Walked as slices of the tokens, with no bounds check at each. A
        // sentence with no break word is one clause: it is not walked for one.
        let before = w.tokens.get(..trigger.start.min(w.len())).unwrap_or_default();
        let left = if w.anywhere(&LEFT_BREAK) {
            before.iter().rposition(|t| LEFT_BREAK.among(t.lists)).map_or(0, |k| k + 1)
        } else {
            0
        };
        let after = w.tokens.get(trigger.end..).unwrap_or_default();
        // One test of both lists' bits passes over most tokens.
        let breaks_right = |(k, t): (usize, &Token)| {
            t.lists & (RIGHT_BREAK.bit | COMMA.bit) != 0
                && (RIGHT_BREAK.among(t.lists)
                    || w.is_any(trigger.end + k + 1, &["which", "who", "as", "while", "adding"]))
        };
        let right = if w.anywhere(&RIGHT_BREAK) || w.anywhere(&COMMA) {
            after.iter().enumerate().position(breaks_right).map_or(w.len(), |k| trigger.end + k)
        } else {
            w.len()
        };
        left..right
    }

    fn in_insertion(&self, tok: usize, trigger: &Range<usize>) -> bool {
        self.insertions.iter().any(|r| r.contains(&tok) && !r.contains(&trigger.start))
    }

    /// The nearest actor before the trigger, with the names coordinated with it.
    fn subject(&self, trigger: &Range<usize>, clause: &Range<usize>) -> Vec<usize> {
        let found = self
            .args
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, a)| a.tokens.end <= trigger.start && a.tokens.start >= clause.start)
            .filter(|(_, a)| !self.in_insertion(a.tokens.start, trigger))
            .find(|(_, a)| {
                // `the Syrian army fighting to ...`: a name right before the verb is its subject.
                a.role == Role::Actor && (a.tokens.end == trigger.start || !self.governed(a.tokens.start))
            });
        let Some((i, _)) = found else { return Vec::new() };
        // Names coordinated before it: `Russia and Iran struck`.
        let mut out = vec![self.args[i].entity];
        let mut j = i;
        while j > 0 {
            let (prev, cur) = (&self.args[j - 1], &self.args[j]);
            if prev.role != Role::Actor || !self.joined(prev.tokens.end, cur.tokens.start) {
                break;
            }
            out.push(prev.entity);
            j -= 1;
        }
        out.reverse();
        out
    }

    /// Whether a name at token `at` is the object of a preposition or of a
    /// trigger verb (`backed by the coalition`, `strike IS convoys`): not a subject.
    fn governed(&self, at: usize) -> bool {
        let w = self.words;
        let mut k = at;
        while k > 0 && w.has(k - 1, &DETERMINERS) {
            k -= 1;
        }
        if k == 0 {
            return false;
        }
        // `rebels from Ahrar al-Sham`, `fighters of IS`: the name is the subject's own.
        let in_subject = w.is_any(k - 1, &["of", "from"]) && k >= 2 && w.has(k - 2, &MEMBER_NOUNS);
        !in_subject && (w.has(k - 1, &GOVERNORS) || self.verbs.contains(&(k - 1)))
    }

    /// Note which tokens are trigger verbs; insertions can close before them.
    pub fn set_verbs(&mut self, verbs: impl IntoIterator<Item = usize>) {
        self.verbs.clear();
        self.verbs.extend(verbs);
        self.insertions = insertions(self.words, &self.verbs);
    }

    /// Whether only coordination words lie between two token positions.
    fn joined(&self, from: usize, to: usize) -> bool {
        from <= to
            && to - from <= 4
            && (from..to).all(|k| self.words.has(k, &COORDINATION))
            && (from..to).any(|k| self.words.is_any(k, &["and", "&", "or", "well"]))
    }

    /// The actors from the first one at or after token `from` (before
    /// `until`), with those coordinated with it. `holders` also accepts
    /// `IS-held`-style modifiers.
    fn chain_after(&self, from: usize, until: usize, holders: bool, exclude: &[usize]) -> Vec<usize> {
        self.chain_where(from, until, |a| {
            (a.role == Role::Actor || (holders && a.role == Role::Modifier { holds: true }))
                && !exclude.contains(&a.entity)
        })
    }

    /// The sides named after `between` at `from` (`between Russia and
    /// Turkey`): actors, and countries, which the preposition would make places.
    fn sides_after(&self, from: usize, until: usize, entities: &[Entity]) -> Vec<usize> {
        self.chain_where(from, until, |a| {
            a.role == Role::Actor
                || (a.role == Role::Place
                    && entities.get(a.entity).is_some_and(|e| e.subtype.as_deref() == Some("country")))
        })
    }

    /// The first argument at or after token `from` (before `until`) that is
    /// `ok`, with those coordinated with it that are `ok` too.
    fn chain_where(&self, from: usize, until: usize, ok: impl Fn(&Arg) -> bool) -> Vec<usize> {
        let Some(i) = self.args.iter().position(|a| a.tokens.start >= from && a.tokens.start < until && ok(a)) else {
            return Vec::new();
        };
        let mut out = vec![self.args[i].entity];
        let mut j = i;
        while j + 1 < self.args.len() {
            let (cur, next) = (&self.args[j], &self.args[j + 1]);
            if !ok(next) || next.tokens.start >= until || !self.joined(cur.tokens.end, next.tokens.start) {
                break;
            }
            out.push(next.entity);
            j += 1;
        }
        out
    }

    /// The actors named after `by` just after the trigger (`carried out by IS`).
    fn agent(&self, trigger: &Range<usize>, clause: &Range<usize>) -> Vec<usize> {
        let w = self.words;
        // Most sentences have no `by`: theirs are not walked for one.
        let end = if w.anywhere(&BY) { clause.end.min(trigger.end + 4) } else { trigger.end };
        for k in trigger.end..end {
            if w.has(k, &BY) {
                let mut start = k + 1;
                while w.has(start, &DETERMINERS) {
                    start += 1;
                }
                return self.chain_after(start, (start + 3).min(clause.end), false, &[]);
            }
        }
        Vec::new()
    }

    /// An actor or place written just before a noun trigger (`IS suicide
    /// bombings`, `the SDF's offensive`, `Raqqa offensive`).
    fn premodifier(&self, trigger: &Range<usize>) -> Option<&Arg> {
        let w = self.words;
        let mut k = trigger.start;
        // Skip words like `suicide` that belong to a multi-word head already; and adjectives like `new`.
        while k > 0 && w.has(k - 1, &MODIFIER_ADJECTIVES) {
            k -= 1;
        }
        self.args.iter().rev().find(|a| a.tokens.end == k && matches!(a.role, Role::Actor | Role::Place))
    }

    /// Whether a noun trigger is the object of a verb that says its subject
    /// does it: `launched an offensive`, `carried out airstrikes`, `completed a siege`.
    fn after_light_verb(&self, trigger: &Range<usize>) -> bool {
        let w = self.words;
        let mut k = trigger.start;
        let mut skipped = 0;
        while k > 0 && skipped < 4 {
            k -= 1;
            if w.has(k, &LIGHT_VERBS) {
                return true;
            }
            if w.tokens[k].word && !w.has(k, &PARTICLES) && w.str(k).chars().next().is_some_and(char::is_uppercase) {
                return false;
            }
            skipped += 1;
        }
        false
    }

    /// Whether the trigger's verb is passive: `was captured`, `have been killed`.
    fn passive(&self, trigger: &Range<usize>) -> bool {
        let w = self.words;
        let form = w.lower(trigger.start);
        if form.ends_with("ing") {
            return false;
        }
        // `the village captured by the rebels`: a participle with its agent.
        if w.is(trigger.end, "by") && (form.ends_with("ed") || form.ends_with("en")) {
            return true;
        }
        let mut k = trigger.start;
        for _ in 0..4 {
            if k == 0 {
                return false;
            }
            k -= 1;
            if w.has(k, &BE) {
                return true;
            }
            if !w.has(k, &ADVERBS) {
                return false;
            }
        }
        false
    }

    /// Places in a token range, as entity indices in order.
    fn places_in(&self, range: Range<usize>) -> Vec<usize> {
        self.args.iter().filter(|a| a.is_place_in(&range)).map(|a| a.entity).collect()
    }

    /// Whether a pronoun stands in the trigger's clause before it (`its
    /// troops have captured`): the speaker may be the actor.
    pub fn pronoun_subject(&self, trigger: &Range<usize>, clause: &Range<usize>) -> bool {
        // Most sentences have no pronoun: theirs are not walked for one.
        self.words.anywhere(&PRONOUNS) && (clause.start..trigger.start).any(|k| self.words.has(k, &PRONOUNS))
    }

    /// The arguments of the trigger at `trigger` read as `sense`.
    pub fn arguments(&self, trigger: &Range<usize>, clause: &Range<usize>, sense: Sense, entities: &[Entity]) -> Args {
        let clause = clause.clone();
        let w = self.words;
        let agent = self.agent(trigger, &clause);
        // The name just before the trigger: a noun's actor, and for any
        // trigger a place; looked up once for both.
        let pre = self.premodifier(trigger);
        let mut actors;
        let mut targets;
        // The sides of `clashes between X and Y`, whatever else names them.
        let mut sides = Vec::new();
        match sense.pos {
            Pos::Verb => {
                let subject = self.subject(trigger, &clause);
                let passive = self.passive(trigger);
                if passive || sense.frame == Frame::Undergone {
                    actors = agent.clone();
                    targets = subject;
                } else {
                    actors = subject;
                    targets = if sense.frame.takes_object() {
                        let from = trigger.end;
                        self.chain_after(from, clause.end.min(from + 10), true, &agent)
                    } else {
                        Vec::new()
                    };
                    if actors.is_empty() {
                        actors = agent.clone();
                    }
                }
            }
            Pos::Noun => {
                actors = agent.clone();
                targets = Vec::new();
                let of_at = (w.is(trigger.end, "of")).then_some(trigger.end + 1);
                if let Some(pre) = pre.filter(|a| a.role == Role::Actor) {
                    if sense.frame == Frame::Undergone { targets.push(pre.entity) } else { actors.push(pre.entity) }
                } else if let Some(pos) = self.possessor(trigger) {
                    actors.push(pos);
                }
                if let Some(of) = of_at {
                    let mut start = of;
                    while w.has(start, &DETERMINERS) {
                        start += 1;
                    }
                    let named = self.chain_after(start, (start + 2).min(clause.end), true, &[]);
                    match sense.frame {
                        Frame::Intransitive if actors.is_empty() => actors = named,
                        Frame::Intransitive => {}
                        _ => targets.extend(named),
                    }
                }
                if sense.frame.takes_object() && targets.is_empty() {
                    targets = self.noun_object(trigger, &clause, &actors);
                }
                // `in case of a deal`: a noun governed by a preposition is not the subject's doing.
                let mut k = trigger.start;
                while k > 0 && w.has(k - 1, &DETERMINERS) {
                    k -= 1;
                }
                let governed = k > 1 && w.is(k - 1, "of") && w.has(k - 2, &UNREAL_HEADS);
                if actors.is_empty() && sense.frame != Frame::Undergone && !governed && self.after_light_verb(trigger) {
                    actors = self.subject(trigger, &clause);
                }
                // `clashes between the SDF and the rebels`, `clashes erupted
                // between ...`, `talks between Russia and Turkey`: the sides
                // named act together.
                if actors.is_empty()
                    && targets.is_empty()
                    && sense.frame != Frame::Undergone
                    && let Some(k) = (trigger.end..clause.end.min(trigger.end + 3)).find(|&k| w.is(k, "between"))
                {
                    actors = self.sides_after(k + 1, clause.end.min(k + 9), entities);
                    sides.clone_from(&actors);
                }
            }
        }
        actors.dedup();
        targets.retain(|t| !actors.contains(t));
        targets.dedup();

        // Places after the trigger in its clause; else the nearest before it;
        // else any in the sentence. What is said happens elsewhere than the saying.
        let mut locations =
            if sense.frame == Frame::Said { Vec::new() } else { self.places_in(trigger.end..clause.end) };
        locations.retain(|l| !sides.contains(l));
        if let Some(pre) = pre.filter(|a| a.role == Role::Place) {
            locations.insert(0, pre.entity);
        }
        if locations.is_empty() {
            // The nearest one before the trigger: the last.
            let before = clause.start..trigger.start;
            locations.extend(self.args.iter().rev().find(|a| a.is_place_in(&before)).map(|a| a.entity));
        }
        if locations.is_empty() && sense.frame != Frame::Said {
            locations = self.places_in(0..w.len());
        }
        let locations = most_specific(locations, entities);
        Args { actors, targets, locations }
    }

    /// The target of a noun: after `on`, `against`, `at`, `targeting`, `with`
    /// (`attacks on IS positions`, `talks with the rebels`), in its phrase.
    fn noun_object(&self, trigger: &Range<usize>, clause: &Range<usize>, exclude: &[usize]) -> Vec<usize> {
        let w = self.words;
        let end = clause.end.min(trigger.end + 8);
        let Some(prep) =
            (trigger.end..end).take_while(|&k| !w.has(k, &COMMA)).find(|&k| w.has(k, &OBJECT_PREPOSITIONS))
        else {
            return Vec::new();
        };
        let stop = (prep..end.min(prep + 5)).find(|&k| w.has(k, &COMMA)).unwrap_or(end.min(prep + 5));
        self.chain_after(prep + 1, stop, true, exclude)
    }

    /// `the SDF's offensive`: the actor whose possessive stands before the noun.
    fn possessor(&self, trigger: &Range<usize>) -> Option<usize> {
        let w = self.words;
        let mut k = trigger.start;
        while k > 0 && w.has(k - 1, &POSSESSED_ADJECTIVES) {
            k -= 1;
        }
        let a = self.args.iter().rev().find(|a| a.tokens.end == k && a.role == Role::Actor)?;
        let last = w.str(a.tokens.end - 1);
        (last.ends_with("'s") || last.ends_with("\u{2019}s")).then_some(a.entity)
    }
}

/// Lower-case words after a name that make it a modifier, with the bits of
/// their first letters (`a` the lowest): most names are followed by a word
/// that starts with none of them, told by one bit test.
#[derive(Debug)]
struct Suffixes {
    words: &'static [&'static str],
    first_letters: u32,
}

impl Suffixes {
    const fn new(words: &'static [&'static str]) -> Self {
        let mut first_letters = 0;
        let mut i = 0;
        while i < words.len() {
            let first = words[i].as_bytes()[0];
            assert!(first.is_ascii_lowercase(), "a suffix is a lower-case word");
            first_letters |= 1 << (first - b'a');
            i += 1;
        }
        Suffixes { words, first_letters }
    }

    /// Whether `word` (in lower case) starts with one of these words.
    fn start(&self, word: &[u8]) -> bool {
        let Some(letter) = word.first().map(|b| b.wrapping_sub(b'a')) else { return false };
        letter < 26
            && self.first_letters & 1 << letter != 0
            && self.words.iter().any(|w| word.starts_with(w.as_bytes()))
    }
}

/// Words after a name that make it a modifier holding a place: `IS-held`, `SDF controlled`.
const HOLDING_AFTER_HYPHEN: Suffixes = Suffixes::new(&["held", "controlled", "run"]);
const HOLDING_AFTER_SPACE: Suffixes = Suffixes::new(&["held", "controlled"]);
/// Words after a name that make it a modifier, holding nothing: `US-backed`, `Saudi led`.
const BACKING_AFTER_HYPHEN: Suffixes =
    Suffixes::new(&["backed", "led", "allied", "supported", "sponsored", "linked", "affiliated", "aligned"]);
const BACKING_AFTER_SPACE: Suffixes = Suffixes::new(&["backed", "led"]);
/// After anything but a hyphen or a space: none.
const NO_SUFFIXES: Suffixes = Suffixes::new(&[]);

/// The role of one mention, from its entity and the words around it.
/// `lower` is the report's text in ASCII lower case.
fn role(words: &Words, lower: &str, m: &Mention, tokens: &Range<usize>, entity: &Entity) -> Role {
    // The suffixes are a hyphen or a space and a word: split at the first
    // byte, so that a name followed by anything else is passed at once.
    let after = lower.get(m.bytes.end..).unwrap_or_default();
    let (holding, backing) = match after.as_bytes().first() {
        Some(b'-') => (&HOLDING_AFTER_HYPHEN, &BACKING_AFTER_HYPHEN),
        Some(b' ') => (&HOLDING_AFTER_SPACE, &BACKING_AFTER_SPACE),
        _ => (&NO_SUFFIXES, &NO_SUFFIXES),
    };
    let word = after.as_bytes().get(1..).unwrap_or_default();
    if holding.start(word) {
        return Role::Modifier { holds: true };
    }
    if backing.start(word) {
        return Role::Modifier { holds: false };
    }
    match entity.kind {
        EntityType::Organization | EntityType::Person => Role::Actor,
        EntityType::Nationality => {
            let next = tokens.end;
            if (next..next + 2).any(|k| words.has(k, &FORCE_NOUNS)) { Role::Actor } else { Role::Ignore }
        }
        EntityType::Location => {
            let country = entity.subtype.as_deref() == Some("country");
            if country && !locative_before(words, tokens.start) { Role::Actor } else { Role::Place }
        }
        EntityType::Other => Role::Ignore,
    }
}

/// Whether a locative preposition stands just before token `at`, past
/// determiners and compass words (`in the northern`, `near`).
fn locative_before(words: &Words, at: usize) -> bool {
    let mut k = at;
    for _ in 0..3 {
        if k == 0 {
            return false;
        }
        k -= 1;
        if words.has(k, &LOCATIVE) {
            return true;
        }
        let skippable = words.has(k, &DETERMINERS)
            || words.lower(k).ends_with("ern")
            || words.is_any(k, &["central", "rural", "war-torn", "neighboring", "neighbouring"]);
        if !skippable {
            return false;
        }
    }
    false
}

/// Comma-delimited insertions: `, which comprises ... fighters,` before a
/// verb, `, the main backer of the government,` before `will`.
pub fn insertions(words: &Words, verbs: &[usize]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // An insertion opens at a comma: a sentence without one has none.
    if !words.anywhere(&COMMA) {
        return out;
    }
    let mut k = 0;
    while k < words.len() {
        if words.has(k, &COMMA) && (words.is_any(k + 1, &["which", "who", "whose"]) || words.has(k + 1, &DETERMINERS)) {
            // The insertion closes at a comma followed by a verb.
            let close = (k + 2..words.len().min(k + 40)).find(|&j| {
                words.has(j, &COMMA) && (words.has(j + 1, &CLAUSE_VERBS) || verbs.contains(&(j + 1)))
                    || words.has(j, &COLONS)
            });
            if let Some(j) = close.filter(|&j| words.has(j, &COMMA)) {
                out.push(k..j + 1);
                k = j + 1;
                continue;
            }
        }
        k += 1;
    }
    out
}

/// Drop places that contain another place of the list: `Syria` beside
/// `Raqqa`, the governorate beside its city.
fn most_specific(mut places: Vec<usize>, entities: &[Entity]) -> Vec<usize> {
    // Each place once, at its first mention; done in place, as the lists are short.
    let mut distinct = 0;
    for i in 0..places.len() {
        let p = places[i];
        if !places[..distinct].contains(&p) {
            places[distinct] = p;
            distinct += 1;
        }
    }
    places.truncate(distinct);
    // A place never contains itself: a single one stays as it is.
    if places.len() < 2 {
        return places;
    }
    let contains = |outer: &Entity, inner: &Entity| -> bool {
        if outer.id == inner.id {
            return false;
        }
        match outer.subtype.as_deref() {
            Some("country") => inner.country.is_some() && inner.country == outer.country,
            Some("admin1") => {
                let name = outer.admin1.as_deref().unwrap_or(&outer.name);
                inner.subtype.as_deref() != Some("admin1") && inner.admin1.as_deref() == Some(name)
            }
            _ => false,
        }
    };
    let keep: Vec<usize> =
        places.iter().copied().filter(|&p| !places.iter().any(|&q| contains(&entities[p], &entities[q]))).collect();
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_SUFFIXES: [&Suffixes; 5] =
        [&HOLDING_AFTER_HYPHEN, &HOLDING_AFTER_SPACE, &BACKING_AFTER_HYPHEN, &BACKING_AFTER_SPACE, &NO_SUFFIXES];

    #[test]
    fn suffixes_start_a_word_as_a_prefix_test_says() {
        for list in ALL_SUFFIXES {
            for word in ["", "h", "held", "helden", "led by", "le", "controlled,", "xled", "allied", "ran", "runs"] {
                let simple = list.words.iter().any(|w| word.starts_with(w));
                assert_eq!(list.start(word.as_bytes()), simple, "{word:?} in {list:?}");
            }
        }
    }

    proptest::proptest! {
        /// The first letters' bits only pass over words no suffix starts.
        #[test]
        fn suffixes_start_what_starts_with_them(word in r"(held|led|run|al|s|[a-z{`@\u{e9}]{0,3})[a-z ,]{0,4}") {
            for list in ALL_SUFFIXES {
                let simple = list.words.iter().any(|w| word.starts_with(w));
                proptest::prop_assert_eq!(list.start(word.as_bytes()), simple, "{:?} in {:?}", word, list);
            }
        }
    }
}
