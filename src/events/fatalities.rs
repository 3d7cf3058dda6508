//! Death counts as news copy words them: `killed 12`, `at least 112 people
//! were killed`, `dozens`, `tens of its fighters`, `the death toll rose to 45`.

use super::tokens::{Token, WordList, Words, lists_of};
use crate::model::Fatalities;

/// A number phrase: the tokens it covers and the range it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    pub tokens: std::ops::Range<usize>,
    pub min: Option<u32>,
    pub max: Option<u32>,
}

const UNITS: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// The words a count can start with, besides numerals.
pub(crate) const STARTERS: WordList = WordList::new(
    14,
    &[
        "at",
        "more",
        "over",
        "nearly",
        "almost",
        "up",
        "about",
        "around",
        "some",
        "approximately",
        "roughly",
        "a",
        "an",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "tens",
        "dozens",
        "scores",
        "hundreds",
        "thousands",
        "several",
        "few",
        "dozen",
    ],
);

/// Vague amounts as ranges: `tens` of something is at least twenty and
/// under a hundred.
const VAGUE: &[(&str, u32, u32)] = &[
    ("tens", 20, 99),
    ("dozens", 24, 99),
    ("scores", 40, 99),
    ("hundreds", 200, 999),
    ("thousands", 2000, 9999),
    ("several", 3, 9),
    ("few", 2, 5),
    ("dozen", 12, 12),
];

/// A word split at its first hyphen, found by a byte scan: `str::split_once`
/// sets up a searcher that costs more than these short words.
fn split_hyphen(word: &str) -> Option<(&str, &str)> {
    let at = word.bytes().position(|b| b == b'-')?;
    Some((&word[..at], &word[at + 1..]))
}

/// The value of one number word (in lower case) or numeral: `12`, `1,200`, `twenty-five`.
fn number(word: &str) -> Option<u32> {
    // Digits with group commas, read without copying; too large is no number.
    let mut digits = word.bytes().filter(|&b| b != b',').peekable();
    if digits.peek().is_some() && word.bytes().all(|b| b == b',' || b.is_ascii_digit()) {
        return digits.try_fold(0u32, |n, b| n.checked_mul(10)?.checked_add(u32::from(b - b'0')));
    }
    let unit_value = |w: &str| UNITS.iter().find(|(u, _)| *u == w).map(|&(_, n)| n);
    if let Some((tens, unit)) = split_hyphen(word) {
        let t = unit_value(tens)?;
        let u = unit_value(unit)?;
        return (t >= 20 && u < 10).then_some(t + u);
    }
    unit_value(word)
}

/// Words before an amount that bound it: `at least 12` is twelve or more.
const BOUNDS: &[(&[&str], &str)] = &[
    (&["at", "least"], "min"),
    (&["more", "than"], "over"),
    (&["over"], "over"),
    (&["nearly"], "max"),
    (&["almost"], "max"),
    (&["up", "to"], "max"),
    (&["at", "most"], "max"),
    (&["about"], "about"),
    (&["around"], "about"),
    (&["some"], "about"),
    (&["approximately"], "about"),
    (&["roughly"], "about"),
];

/// The first words of [`BOUNDS`]: most counts are read from a numeral or
/// number word, which starts none, and need not try each phrase.
pub(crate) const BOUND_STARTS: WordList = WordList::new(
    34,
    &["at", "more", "over", "nearly", "almost", "up", "about", "around", "some", "approximately", "roughly"],
);

/// The number phrase starting at token `i`, if one does.
#[inline(always)]
pub fn count_at(words: &Words, i: usize) -> Option<Count> {
    // Most words start no count: the callers try every token, so this test
    // is inlined into their loops and only a likely start reads the phrase.
    if may_start_at(words, i) { read_count(words, i) } else { None }
}

/// The first token from `from` on that may begin a count: for a caller
/// that tries every token, the tokens walked as a slice, with no look-up
/// of each by its index.
fn next_count_start(words: &Words, from: usize) -> Option<usize> {
    let lower = words.lower_text();
    words.tokens.get(from..)?.iter().position(|t| may_start_count(lower, t)).map(|k| from + k)
}

/// Whether token `i` may begin a count (none past the end).
#[inline]
fn may_start_at(words: &Words, i: usize) -> bool {
    words.tokens.get(i).is_some_and(|t| may_start_count(words.lower_text(), t))
}

/// Whether `token` may begin a count: a starter, a numeral, or a starter
/// with a hyphen (`twenty-five`). Tested on its lists, its first byte and
/// the tokenizer's hyphen mark, inline, before any scan of the word;
/// `lower` is the report's text in ASCII lower case.
#[inline]
fn may_start_count(lower: &str, token: &Token) -> bool {
    // Read as bytes: slicing the `str` would check both ends are char
    // boundaries, for every token the callers try.
    STARTERS.among(token.lists)
        || lower.as_bytes().get(token.bytes.start).is_some_and(u8::is_ascii_digit)
        || token.hyphenated && lower.get(token.bytes.clone()).is_some_and(starts_with_starter)
}

/// Whether the part of a hyphenated word before its hyphen is a starter.
#[inline(never)]
fn starts_with_starter(word: &str) -> bool {
    // Looked up by key, as the tokenizer looks up whole words, rather than
    // compared with each starter in turn.
    split_hyphen(word).is_some_and(|(tens, _)| STARTERS.among(lists_of(tens.as_bytes())))
}

/// The number phrase from token `i`, which may start one; kept out of
/// line, so that the test before it is small enough to inline.
#[inline(never)]
fn read_count(words: &Words, i: usize) -> Option<Count> {
    let start = i;
    let mut i = i;
    // Bounds words before the amount.
    let mut bound = "";
    let bounds: &[(&[&str], &str)] = if words.has(i, &BOUND_STARTS) { BOUNDS } else { &[] };
    for &(phrase, kind) in bounds {
        if words.phrase_at(i, phrase) {
            bound = kind;
            i += phrase.len();
            break;
        }
    }
    if words.is(i, "a") || words.is(i, "an") {
        i += 1;
    }
    // Every number word and vague amount is a starter: any other word but a
    // numeral reads as no amount, without the look-ups below.
    if !may_start_at(words, i) {
        return None;
    }
    let (mut min, mut max);
    if is_year(words.lower(i)) && !words.has(i + 1, &PEOPLE) {
        // `since 2011 killed`, `2016 Death toll`: a year, not a count.
        return None;
    }
    if let Some(n) = number(words.lower(i)) {
        // `two dozen`, `three hundred`, `5 thousand`
        let scale = if words.is(i + 1, "hundred") {
            100
        } else if words.is(i + 1, "thousand") {
            1000
        } else if words.is(i + 1, "dozen") {
            12
        } else {
            1
        };
        if scale > 1 {
            i += 1;
        }
        let n = n.saturating_mul(scale);
        min = Some(n);
        max = Some(n);
    } else if let Some(&(_, lo, hi)) = VAGUE.iter().find(|(w, _, _)| words.is(i, w)) {
        // `several dozen`, `tens of thousands`
        if words.is(i + 1, "dozen") {
            i += 1;
            (min, max) = (Some(lo * 12), Some(hi * 12));
        } else if words.is(i + 1, "of") && words.is_any(i + 2, &["thousands", "hundreds"]) {
            let scale = if words.is(i + 2, "thousands") { 1000 } else { 100 };
            i += 2;
            (min, max) = (Some(lo * scale), Some(hi * scale + scale - 1));
        } else {
            (min, max) = (Some(lo), Some(hi));
        }
    } else {
        return None;
    }
    match bound {
        "min" => max = None,
        "over" => {
            min = min.map(|n| n + 1);
            max = None;
        }
        "max" => min = None,
        _ => {}
    }
    Some(Count { tokens: start..i + 1, min, max })
}

/// Words that say people died.
pub(crate) const DEATH_WORDS: WordList = WordList::new(
    15,
    &[
        "killed",
        "killing",
        "kills",
        "kill",
        "dead",
        "died",
        "die",
        "deaths",
        "death",
        "slain",
        "perished",
        "fatalities",
        "toll",
        "massacred",
        "executed",
        "lives",
        "life",
        "lost",
        "losses",
    ],
);

/// Words that say people were hurt but lived; a count next to them is not a death toll.
pub(crate) const HURT_WORDS: WordList =
    WordList::new(16, &["wounded", "wounding", "injured", "injuring", "injuries", "hurt", "wounds", "injures"]);

/// Words that may sit between a count and its death word: `12 civilians
/// including children were killed`, `the toll rose to 45`.
pub(crate) const FILLER: WordList = WordList::new(
    17,
    &[
        "people",
        "persons",
        "civilians",
        "children",
        "women",
        "men",
        "fighters",
        "soldiers",
        "troops",
        "militants",
        "rebels",
        "members",
        "of",
        "its",
        "their",
        "his",
        "the",
        "were",
        "was",
        "have",
        "has",
        "had",
        "been",
        "are",
        "reportedly",
        "rose",
        "risen",
        "climbed",
        "reached",
        "to",
        "stands",
        "stood",
        "at",
        "jumped",
        "mounted",
        "including",
        "and",
        "personnel",
        "jihadists",
        "terrorists",
        "insurgents",
        "policemen",
        "residents",
        "others",
        "more",
        "other",
        "government",
        "army",
        "pro-government",
        "regime",
        "syrian",
        "least",
        "a",
        "total",
    ],
);

/// The largest toll one event is given; larger ones sum up a war.
const MAX_EVENT_TOLL: u32 = 10_000;

/// A four-digit numeral that reads as a year.
fn is_year(word: &str) -> bool {
    word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) && matches!(word.parse::<u32>(), Ok(1900..=2099))
}

/// Whether a sentence sums up a whole war's dead (`more than 320000 people
/// have been killed since the conflict began`, `the war has killed 280000
/// people`): background, not an event. A war or conflict is named, and the
/// toll runs since something, is in the perfect, or is in the tens of thousands.
pub fn is_war_toll(words: &Words, toll: Option<&Fatalities>) -> bool {
    if !words.anywhere(&WARS) {
        return false;
    }
    // A sentence without `since`, `has` or `have` is not walked for them.
    let since = words.anywhere(&SINCE);
    let perfect = words.anywhere(&PERFECT)
        && (0..words.len()).any(|k| {
            words.has(k, &PERFECT)
                && (k + 1..words.len().min(k + 4))
                    .any(|j| words.is_any(j, &["killed", "died", "claimed", "left", "caused", "cost", "taken"]))
        });
    let huge = || {
        toll.is_some_and(|t| t.min.or(t.max).unwrap_or(0) >= MAX_EVENT_TOLL)
            || (0..words.len())
                .any(|k| count_at(words, k).is_some_and(|c| c.min.or(c.max).unwrap_or(0) >= MAX_EVENT_TOLL))
    };
    since || perfect || huge()
}

/// `since`, which runs a toll from a war's start: a list of its own, so
/// that a sentence is told to hold it by a bit.
pub(crate) const SINCE: WordList = WordList::new(41, &["since"]);
/// `has` and `have`, which put a toll in the perfect (`the war has killed`).
pub(crate) const PERFECT: WordList = WordList::new(42, &["has", "have"]);

/// Words that name a war.
pub(crate) const WARS: WordList =
    WordList::new(29, &["war", "conflict", "uprising", "crisis", "revolt", "revolution", "wars", "conflicts"]);

/// The death count of a sentence: the count nearest a death word, never one
/// nearer a word for the wounded. `None` when no count speaks of deaths.
pub fn in_sentence(words: &Words) -> Option<(Fatalities, usize)> {
    if !words.anywhere(&DEATH_WORDS) {
        return None;
    }
    let mut best: Option<(Count, usize, usize, usize)> = None;
    let mut i = 0;
    while let Some(start) = next_count_start(words, i) {
        let Some(count) = read_count(words, start) else {
            i = start + 1;
            continue;
        };
        i = count.tokens.end;
        // The nearest death or hurt word on either side, through filler only.
        let after = (count.tokens.end..words.len().min(count.tokens.end + 8))
            .take_while(|&k| words.has(k, &FILLER) || words.has(k, &DEATH_WORDS) || words.has(k, &HURT_WORDS))
            .find(|&k| words.has(k, &DEATH_WORDS) || words.has(k, &HURT_WORDS));
        let before = (count.tokens.start.saturating_sub(6)..count.tokens.start)
            .rev()
            .take_while(|&k| words.has(k, &FILLER) || words.has(k, &DEATH_WORDS) || words.has(k, &HURT_WORDS))
            .find(|&k| words.has(k, &DEATH_WORDS) || words.has(k, &HURT_WORDS));
        let nearest = match (before, after) {
            // `others` or `more` after a count open a second group, told by
            // the word after it: `8 killed 58 others injured` (FA-KES drops
            // the comma after `killed`).
            (Some(_), Some(a)) if (count.tokens.end..a).any(|k| words.is_any(k, &["others", "more"])) => a,
            (Some(b), Some(a)) => {
                // On a tie the word after wins: `and 260 civilians injured`.
                if count.tokens.start - b < a - count.tokens.end + 1 { b } else { a }
            }
            (Some(b), None) => b,
            (None, Some(a)) => a,
            (None, None) => continue,
        };
        if words.has(nearest, &HURT_WORDS) {
            continue;
        }
        // `lost` and `lives` speak of deaths only next to people.
        let n_lives = words.is_any(nearest, &["lives"]) && nearest == count.tokens.end;
        if words.is_any(nearest, &["lost", "losses", "lives", "life"]) && !n_lives && !mentions_people(words, &count) {
            continue;
        }
        // A toll in the tens of thousands is a war's or a year's, never one event's.
        if count.min.or(count.max).is_some_and(|n| n >= MAX_EVENT_TOLL) {
            continue;
        }
        // The count closest to its death word; of equals, the larger.
        let gap =
            if nearest < count.tokens.start { count.tokens.start - nearest } else { nearest + 1 - count.tokens.end };
        let better = best
            .as_ref()
            .is_none_or(|(b, _, _, g)| gap < *g || (gap == *g && count.min.unwrap_or(0) > b.min.unwrap_or(0)));
        if better {
            let lo = count.tokens.start.min(nearest);
            let hi = (count.tokens.end - 1).max(nearest);
            best = Some((count, lo, hi, gap));
        }
    }
    let (count, lo, hi, _) = best?;
    // The text runs from the count through its noun, or to the death word.
    let mut hi = hi;
    for k in count.tokens.end..words.len().min(count.tokens.end + 4) {
        if words.has(k, &PEOPLE) {
            hi = hi.max(k);
            break;
        }
        if !words.is_any(k, &["of", "its", "their", "the", "his", "her"]) {
            break;
        }
    }
    let (from, to) = (words.tokens[lo].bytes.start, words.tokens[hi].bytes.end);
    let text = words.text.get(from..to).unwrap_or_default().to_string();
    Some((Fatalities { min: count.min, max: count.max, text }, lo))
}

pub(crate) const PEOPLE: WordList = WordList::new(
    18,
    &[
        "people",
        "persons",
        "civilians",
        "children",
        "fighters",
        "soldiers",
        "troops",
        "militants",
        "rebels",
        "members",
        "jihadists",
        "terrorists",
        "insurgents",
        "policemen",
        "men",
        "women",
        "personnel",
        "residents",
    ],
);

fn mentions_people(words: &Words, count: &Count) -> bool {
    (count.tokens.end..words.len().min(count.tokens.end + 3)).any(|k| words.has(k, &PEOPLE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bounds_phrase_starts_with_a_bound_start() {
        for (phrase, _) in BOUNDS {
            assert!(BOUND_STARTS.words.contains(&phrase[0]), "{phrase:?}");
        }
    }

    fn toll(s: &str) -> Option<(Option<u32>, Option<u32>, String)> {
        let lower = s.to_ascii_lowercase();
        let w = Words::new(s, &lower, 0..s.len());
        in_sentence(&w).map(|(f, _)| (f.min, f.max, f.text))
    }

    #[test]
    fn exact_and_bounded_counts() {
        assert_eq!(
            toll("The strike killed 12 civilians in Idlib."),
            Some((Some(12), Some(12), "killed 12 civilians".into()))
        );
        assert_eq!(toll("At least 112 people were killed on Tuesday.").map(|t| (t.0, t.1)), Some((Some(112), None)));
        assert_eq!(toll("More than 40 soldiers died.").map(|t| (t.0, t.1)), Some((Some(41), None)));
        assert_eq!(toll("The death toll rose to 1,200 on Friday.").map(|t| (t.0, t.1)), Some((Some(1200), Some(1200))));
        assert_eq!(toll("twenty-five fighters were killed").map(|t| t.0), Some(Some(25)));
    }

    #[test]
    fn count_starts_are_the_tokens_count_at_tries() {
        let s = "Rebels said twenty-five, not 12 or Dozens; an IS-held town";
        let lower = s.to_ascii_lowercase();
        let w = Words::new(s, &lower, 0..s.len());
        let walked: Vec<usize> =
            std::iter::successors(next_count_start(&w, 0), |&k| next_count_start(&w, k + 1)).collect();
        let tried: Vec<usize> = (0..w.len()).filter(|&k| may_start_at(&w, k)).collect();
        assert_eq!(walked, tried);
        let starts: Vec<&str> = walked.iter().map(|&k| w.str(k)).collect();
        assert_eq!(starts, ["twenty-five", "12", "Dozens", "an"]);
        assert_eq!(next_count_start(&w, w.len() + 1), None);
    }

    #[test]
    fn others_after_a_count_open_a_second_group() {
        // FA-KES drops commas: `8 persons killed, 58 others injured`.
        assert_eq!(toll("8 persons killed 58 others injured in rocket attacks").map(|t| t.0), Some(Some(8)));
        assert_eq!(toll("Five were killed and 20 more were wounded").map(|t| t.0), Some(Some(5)));
        assert_eq!(toll("The raid killed 20 more people").map(|t| t.0), Some(Some(20)));
    }

    #[test]
    fn vague_counts_are_ranges() {
        assert_eq!(
            toll("the SDF has lost tens of its fighters"),
            Some((Some(20), Some(99), "lost tens of its fighters".into()))
        );
        assert_eq!(toll("Dozens were killed in the raid").map(|t| (t.0, t.1)), Some((Some(24), Some(99))));
        let w = Words::new("tens of thousands of people", "tens of thousands of people", 0..27);
        assert_eq!(count_at(&w, 0).map(|c| (c.min, c.max)), Some((Some(20_000), Some(99_999))));
    }

    #[test]
    fn a_wars_toll_is_background() {
        let war = |s: &str| {
            let lower = s.to_ascii_lowercase();
            let w = Words::new(s, &lower, 0..s.len());
            let toll = in_sentence(&w).map(|t| t.0);
            is_war_toll(&w, toll.as_ref())
        };
        assert!(war("More than 300,000 people have been killed since the war began in 2011."));
        assert!(war("The conflict has killed more than 280000 people."));
        assert!(war("It was the worst loss in a war that cost 400,000 lives."));
        assert!(!war("Five people were killed since Monday in the town."));
        assert!(!war("The airstrike killed 12 people, the deadliest this month in the war."));
    }

    #[test]
    fn the_wounded_and_other_numbers_are_not_deaths() {
        assert_eq!(toll("killing 5 and wounding 30").map(|t| t.0), Some(Some(5)));
        assert_eq!(
            toll("At least 50 civilians have been killed and 260 civilians injured").map(|t| t.0),
            Some(Some(50))
        );
        assert_eq!(toll("An estimated 170000 people have been killed"), None);
        assert_eq!(toll("30 people were wounded"), None);
        assert_eq!(toll("the SDF captured four neighborhoods"), None);
        assert_eq!(toll("the army lost four villages"), None);
        assert_eq!(toll("over the past two weeks of battles"), None);
        assert_eq!(toll("Since 2011 killed in the war"), None);
        assert_eq!(toll("In 2016 2000 people were killed").map(|t| t.0), Some(Some(2000)));
    }
}
