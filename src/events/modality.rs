//! Whether an event happened, by the words around its trigger: `will not
//! allow` (negated), `will strike` (future), `in case of any deal`
//! (hypothetical), `so close to lay siege` (not yet: future), `tried to`
//! (attempted).

use std::ops::Range;

use super::tokens::{TRIGGER_STARTS, WordList, Words};
use crate::model::Modality;

/// How far back from the trigger a cue may stand, in tokens.
const LEFT_WINDOW: usize = 8;

/// Modal verbs, and how many tokens on they reach.
pub(crate) const MODALS: WordList =
    WordList::new(19, &["will", "shall", "would", "could", "might", "may", "should", "'ll"]);
const MODAL_REACH: usize = 4;
pub(crate) const NEGATION: WordList =
    WordList::new(20, &["not", "never", "no", "neither", "nor", "without", "cannot", "refused", "denied", "denies"]);
pub(crate) const HYPOTHETICAL: WordList = WordList::new(
    21,
    &["if", "unless", "whether", "possibility", "possible", "could", "might", "may", "would", "should", "potential"],
);
const HYPOTHETICAL_PHRASES: &[&[&str]] = &[&["in", "case"], &["in", "the", "event"], &["in", "case", "of"]];
/// The nouns of the phrases that start with `in` (the hypothetical ones and
/// `in an attempt to`): a sentence with none of them has none of the
/// phrases, and its many `in`s need not be read on.
pub(crate) const PHRASE_NOUNS: WordList = WordList::new(36, &["case", "event", "attempt"]);
/// `in`, which starts the hypothetical and attempt phrases: tested at every
/// word around a trigger, as a bit rather than a comparison.
pub(crate) const IN: WordList = WordList::new(31, &["in"]);
/// Conditions after the trigger: `will strike the convoys if ...`.
pub(crate) const CONDITIONS: WordList = WordList::new(28, &["if", "unless"]);
pub(crate) const FUTURE: WordList =
    WordList::new(22, &["will", "shall", "'ll", "upcoming", "planned", "imminent", "impending"]);
/// Words that, followed by `to`, put what follows in the future.
pub(crate) const FUTURE_BEFORE_TO: WordList = WordList::new(
    23,
    &[
        "plan",
        "plans",
        "planned",
        "planning",
        "intend",
        "intends",
        "intended",
        "intending",
        "resolve",
        "resolved",
        "close",
        "about",
        "vow",
        "vows",
        "vowed",
        "vowing",
        "threaten",
        "threatens",
        "threatened",
        "threatening",
        "prepare",
        "prepares",
        "prepared",
        "preparing",
        "expected",
        "aim",
        "aims",
        "aiming",
        "determined",
        "poised",
        "set",
        "ready",
        "going",
        "promised",
        "pledged",
        "decided",
        "want",
        "wants",
        "wanted",
    ],
);
/// Words that, followed by `to`, make what follows an attempt.
pub(crate) const ATTEMPT_BEFORE_TO: WordList = WordList::new(
    24,
    &[
        "tried",
        "try",
        "tries",
        "trying",
        "attempt",
        "attempted",
        "attempts",
        "attempting",
        "fighting",
        "seeking",
        "sought",
        "seek",
        "seeks",
        "failed",
        "fail",
        "fails",
        "bid",
        "struggling",
        "struggled",
        "working",
        "push",
        "pushing",
        "battling",
    ],
);
/// Words a cue does not reach across.
pub(crate) const CLAUSE_BREAK: WordList =
    WordList::new(25, &[";", ":", "that", "which", "who", "while", "but", "said", "says", "told", "adding"]);

/// The modality of the trigger at tokens `trigger`, looking no further than `clause`.
/// Insertions (`, which will regroup,`) are passed over.
pub fn modality(words: &Words, trigger: Range<usize>, clause: Range<usize>, insertions: &[Range<usize>]) -> Modality {
    let inserted = |k: usize| insertions.iter().any(|r| r.contains(&k) && !r.contains(&trigger.start));
    // The words before the trigger, past insertions, nearest first: at most
    // `LEFT_WINDOW` of them, gathered once for the cue kinds below to walk.
    // With them, the lists they are in together: most triggers have no cue
    // word before them, and each cue kind is ruled out by a bit test.
    let mut window = [0; LEFT_WINDOW];
    let mut counted = 0;
    let mut cues = 0;
    for k in (clause.start..trigger.start).rev() {
        if inserted(k) {
            continue;
        }
        if words.has(k, &CLAUSE_BREAK) || counted == LEFT_WINDOW {
            break;
        }
        window[counted] = k;
        counted += 1;
        cues |= words.lists(k);
    }
    let left = &window[..counted];

    // `n't` ends only words with an inner apostrophe, which the tokens mark
    // as trigger starts (a form may start after the apostrophe): a window
    // without one is passed over.
    let negated = NEGATION.among(cues)
        || TRIGGER_STARTS.among(cues)
            && left.iter().any(|&k| words.has_apostrophe(k) && words.lower(k).ends_with("n't"));
    if negated {
        return Modality::Negated;
    }
    // A modal verb governs the words just after it: `will strike`, `could
    // face an attack`; not a trigger further on (`will add pressure on the army fighting`).
    let near = |k: usize| trigger.start - k <= MODAL_REACH;
    // An `in` may start a phrase only where the sentence has a noun of one.
    let phrases = words.anywhere(&PHRASE_NOUNS);
    let in_case = |k: usize| words.has(k, &IN) && HYPOTHETICAL_PHRASES.iter().any(|p| words.phrase_at(k, p));
    let hypothetical = (HYPOTHETICAL.among(cues) || IN.among(cues) && phrases)
        && left.iter().any(|&k| (words.has(k, &HYPOTHETICAL) && (near(k) || !words.has(k, &MODALS))) || in_case(k))
        || (words.anywhere(&CONDITIONS) || phrases)
            && (trigger.end..clause.end).any(|k| {
                // One load for both lists: most words are in neither.
                let lists = words.lists(k);
                CONDITIONS.among(lists) || phrases && IN.among(lists) && in_case(k)
            });
    if hypothetical {
        return Modality::Hypothetical;
    }
    let before_to = |list: &WordList| left.iter().any(|&k| words.has(k, list) && words.is(k + 1, "to"));
    if ATTEMPT_BEFORE_TO.among(cues) && before_to(&ATTEMPT_BEFORE_TO)
        || IN.among(cues)
            && phrases
            && left.iter().any(|&k| words.has(k, &IN) && words.phrase_at(k, &["in", "an", "attempt", "to"]))
    {
        return Modality::Attempted;
    }
    if FUTURE.among(cues) && left.iter().any(|&k| words.has(k, &FUTURE) && (near(k) || !words.has(k, &MODALS)))
        || FUTURE_BEFORE_TO.among(cues) && before_to(&FUTURE_BEFORE_TO)
    {
        return Modality::Future;
    }
    Modality::Asserted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn modality_of(sentence: &str, trigger: &str) -> Modality {
        let lower = sentence.to_ascii_lowercase();
        let w = Words::new(sentence, &lower, 0..sentence.len());
        let at = sentence.find(trigger).unwrap();
        let t = w.covering(&(at..at + trigger.len()));
        let verbs = [t.start];
        modality(&w, t, 0..w.len(), &crate::events::arguments::insertions(&w, &verbs))
    }

    #[test]
    fn cues_before_and_after_the_trigger() {
        assert_eq!(modality_of("Russia will not allow the withdrawal of the group", "withdrawal"), Modality::Negated);
        assert_eq!(
            modality_of("Moscow will strike the convoys, in case of any deal", "strike"),
            Modality::Hypothetical
        );
        assert_eq!(modality_of("Moscow will strike the convoys leaving the city", "strike"), Modality::Future);
        assert_eq!(modality_of("they are so close to lay siege on the town", "siege"), Modality::Future);
        assert_eq!(modality_of("the militants tried to storm the base", "storm"), Modality::Attempted);
        assert_eq!(modality_of("the army fighting to liberate the town", "liberate"), Modality::Attempted);
        assert_eq!(modality_of("the possibility of a withdrawal from the city", "withdrawal"), Modality::Hypothetical);
        assert_eq!(modality_of("the rebels captured the town on Monday", "captured"), Modality::Asserted);
        assert_eq!(modality_of("the army didn't capture the town", "capture"), Modality::Negated);
        assert_eq!(modality_of("they will withdraw in the event of a deal", "withdraw"), Modality::Hypothetical);
        assert_eq!(modality_of("the militants fired in an attempt to storm the base", "storm"), Modality::Attempted);
        assert_eq!(modality_of("the army fought in the town in March", "fought"), Modality::Asserted);
        assert_eq!(
            modality_of("which will add more pressure on the army fighting in the east", "fighting"),
            Modality::Asserted
        );
    }

    #[test]
    fn cues_do_not_reach_across_clauses() {
        assert_eq!(modality_of("He did not say that the army captured the town", "captured"), Modality::Asserted);
        assert_eq!(modality_of("the army, which will regroup, captured the hill", "captured"), Modality::Asserted);
    }
}
