//! Finding time expressions: a few regexes, each for one family of
//! expressions, run over one sentence at a time; then the words around a
//! match decide whether it is a date at all (`May` the month or the verb,
//! `2000` the year or the count), and overlapping matches keep the longest.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::Weekday;
use regex::{Captures, Regex};

use super::lexicon::{HOLIDAYS, count_value, holiday_index, number_words_pattern};
use super::resolve::reads_tense;
use crate::calendar::{WEEKDAY_NAMES, month_from_name};
use crate::text::{ceil_char_boundary, floor_char_boundary, swar};
use crate::words::{KeyTable, folded_word_key};

/// Which part of a period an expression names: `early June`, `mid-2016`, `the end of last year`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Whole,
    Early,
    Mid,
    Late,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Year,
    Decade,
}

/// `last`, `this`, `next` before a weekday, month or holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rel {
    Last,
    This,
    Next,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

/// What an expression says, before it is resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A calendar day, perhaps without its year, perhaps a run of days:
    /// `22 June 2017`, `June 22`, `Wed 05 Apr 2017`, `May 15-24`.
    Date { year: Option<i32>, month: u32, day: u32, day_to: Option<u32> },
    /// `05/06/2017`: day and month could be either way round; the report's
    /// own date may tell.
    AmbiguousNumeric { a: u32, b: u32, year: i32 },
    /// `June`, `mid-June`, `last December`, `May 2016`; `August last year`
    /// has a year offset (-1) from the report's year.
    Month { year: Option<i32>, month: u32, part: Part, rel: Option<Rel>, year_offset: Option<i32> },
    /// `2016`, `early 2016`.
    Year { year: i32, part: Part },
    /// `the 1990s`.
    Decade { year: i32 },
    /// `the summer of 2017`, `last winter`.
    Season { year: Option<i32>, season: Season, rel: Option<Rel> },
    /// `Thursday`, `last Friday`, `late Tuesday`.
    Weekday { weekday: Weekday, rel: Option<Rel> },
    /// `today` (0), `yesterday` (-1), `tomorrow` (1): against the report's date.
    Deictic { days: i64 },
    /// `earlier in the day` (0), `the following day` (1), `the previous day`
    /// (-1): against the day last mentioned.
    SameDay { days: i64 },
    /// `this week` (0), `last month` (-1), `early next year` (1); anaphoric
    /// ones (`the following week`) count from the time last mentioned.
    Calendar { unit: Unit, offset: i64, part: Part, anaphoric: bool },
    /// `two weeks ago` (-2, against the report), `three days later` (3, anaphoric).
    Offset { n: i64, unit: Unit, anaphoric: bool },
    /// `the past two weeks` (-2), `the next 24 hours` (24): a period ending or
    /// starting at the reference.
    Period { n: i64, unit: Unit, anaphoric: bool },
    /// A named day (index into the holiday lexicon).
    Holiday { index: usize, year: Option<i32>, rel: Option<Rel> },
    /// `two years`, `45 minutes`: a length of time, not a date; its value
    /// is an ISO 8601 duration (`P2Y`, `PT45M`, `PXD` for `a few days`).
    Duration { value: String },
    /// `10 a.m.`, `23:28`: a time of day, not a date; its value is an ISO
    /// 8601 time (`T10:00`).
    Clock { value: String },
    /// `since March 2011`: from the expression to the reference.
    Since(Box<Expr>),
    /// `between March and May`, `from 2012 to 2014`.
    Between(Box<Expr>, Box<Expr>),
}

/// One expression found, with the tense of its clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub range: Range<usize>,
    pub expr: Expr,
    /// Whether the clause speaks of the future (`will meet on Friday`);
    /// false, unread, where the expression's value does not depend on it
    /// ([`reads_tense`]).
    pub future: bool,
}

const MONTH_FULL: &str = "January|February|March|April|May|June|July|August|September|October|November|December";
const MONTH_ABBR: &str = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";
const WEEKDAY_FULL: &str = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
const WEEKDAY_ABBR: &str = "Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun";
const DAY: &str = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?";
const YEAR: &str = r"(?:19[5-9][0-9]|20[0-4][0-9])";
const PART: &str = r"(?i:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)";

/// Compile a pattern with ASCII word boundaries: Unicode ones make the
/// regex engine leave its fast DFA on the first `’` or `—` of a text.
fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&pattern.replace(r"\b", r"(?-u:\b)"))
}

fn month() -> String {
    format!(r"(?:(?:{MONTH_FULL})\b|(?:{MONTH_ABBR})(?:\.|\b))")
}

fn weekday_prefix() -> String {
    format!(r"(?:(?:{WEEKDAY_FULL})|(?:{WEEKDAY_ABBR})\.?),?\s+")
}

fn count() -> String {
    let words = number_words_pattern();
    format!(
        r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\s](?:one|two|three|four|five|six|seven|eight|nine)|{words}|\d{{1,3}})"
    )
}

/// `22 June 2017`, `Wed 05 Apr 2017`, `the 5th of May`, `11-13 Dec.`
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    let (wd, m) = (weekday_prefix(), month());
    compile(&format!(
        r"\b(?:{wd})?(?:the\s+)?(?P<d>{DAY})(?:\s*(?:-|–|to)\s*(?P<d2>{DAY}))?\s+(?:of\s+)?(?P<m>{m})(?:,?\s+(?P<y>{YEAR})\b)?"
    ))
    .unwrap()
});

/// `June 22`, `June 22, 2017`, `Monday, Dec. 26`, `Dec.14th`, `May 15-24`.
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    let (wd, m) = (weekday_prefix(), month());
    compile(&format!(
        r"\b(?:{wd})?(?P<m>{m})\s*(?P<d>{DAY})\b(?:\s*(?:-|–|to)\s*(?P<d2>{DAY})\b)?(?:,?\s+(?P<y>{YEAR})\b)?"
    ))
    .unwrap()
});

/// `June`, `mid-June`, `last December`, `May 2016`, `the end of March`.
static MONTH: LazyLock<Regex> = LazyLock::new(|| {
    let m = month();
    compile(&format!(
        r"\b(?:(?P<part>{PART})[\s-]+)?(?:(?P<rel>(?i:last|next|this|past))\s+)?(?P<m>{m})(?:,?\s+(?:of\s+)?(?P<y>{YEAR})\b|\s+(?P<ry>(?i:last|this|next))\s+(?i:year)\b)?"
    ))
    .unwrap()
});

/// `2016`, `early 2016`, `mid-2015`.
static YEAR_RE: LazyLock<Regex> =
    LazyLock::new(|| compile(&format!(r"\b(?:(?P<part>{PART})[\s-]+)?(?P<y>{YEAR})\b")).unwrap());

/// `the 1990s`, `the 2000s`.
static DECADE: LazyLock<Regex> = LazyLock::new(|| compile(r"\b(?P<y>(?:19[5-9]|20[0-4])0)s\b").unwrap());

/// `the end of the year`, `earlier in the week`: the unit the report (or,
/// for `earlier in the week`, the time last mentioned) is in.
static THE_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?i)\b(?:(?P<part>(?:the\s+)?(?:end|beginning|start|middle)\s+of)|(?P<el>earlier|later)\s+in)\s+the\s+(?P<unit>week|month|year)\b")
        .unwrap()
});

/// `at the weekend`, `over the weekend`: the weekend of the report.
static THE_WEEKEND: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?i)\b(?:at|over|during|on)\s+(?P<w>the\s+weekend)\b").unwrap());

/// `the summer of 2017`, `last winter`.
static SEASON: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"\b(?:(?P<rel>(?i:last|next|this|past))\s+(?P<s1>(?i:spring|summer|autumn|winter))\b|(?:(?i:the)\s+)?(?P<s2>(?i:spring|summer|autumn|winter|fall))\s+(?:of\s+)?(?P<y>{YEAR})\b)"
    ))
    .unwrap()
});

/// `2017-06-22`, `22/06/2017`, `13-08-2013`.
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"\b(?:(?P<iy>{YEAR})-(?P<im>[01][0-9])-(?P<id>[0-3][0-9])|(?P<a>[0-3]?[0-9])[-./](?P<b>[01]?[0-9])[-./](?P<y>{YEAR}))\b"
    ))
    .unwrap()
});

/// `Thursday`, `last Friday`, `late Tuesday`, `Friday night`, `Wednesday's`:
/// the matches [`weekday_matches`] reads by hand, kept to test it by.
#[cfg(test)]
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"\b(?:(?P<rel>(?i:last|next|this|past|early|late|earlier|later))\s+(?:(?i:on)\s+)?)?(?P<wd>{WEEKDAY_FULL})(?:'s|’s|s)?(?:\s+(?i:morning|afternoon|evening|night))?\b"
    ))
    .unwrap()
});

/// `today`, `yesterday`, `tonight`, `this morning`, `last night`, `earlier today`.
static DEICTIC: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)\b(?:(?:earlier|later|late|early)\s+)?(?:(?P<w>today|tonight|yesterday|tomorrow)(?:'s|’s|s)?(?:\s+(?:morning|afternoon|evening|night))?|(?P<this>this|last)\s+(?P<p>morning|afternoon|evening|night))\b",
    )
    .unwrap()
});

/// `earlier in the day`, `the following day`, `that night`, `the day before`.
static SAME_DAY: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)\b(?:(?P<el>earlier|later)\s+(?:in\s+the|that|on\s+the|the\s+same)\s+(?:day|morning|afternoon|evening|night)|(?:the\s+)?(?P<which>same|following|next|previous|preceding)\s+(?:day|morning|afternoon|evening|night)|(?P<that>that|the\s+same)\s+(?:day|morning|afternoon|evening|night)|the\s+day\s+(?P<ba>before|after)[.,;])",
    )
    .unwrap()
});

/// `this week`, `last month`, `early next year`, `the past two weeks`,
/// `the next 24 hours`, `the coming days and weeks`, `recent days`.
static CALENDAR: LazyLock<Regex> = LazyLock::new(|| {
    let n = count();
    compile(&format!(
        r"(?i)\b(?:(?P<part>earlier|later|early|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)\s+)?(?:(?P<the>the)\s+)?(?P<rel>past|last|next|coming|previous|following|this|recent)\s+(?:(?P<n>{n})(?:-plus|\+)?\s+|(?P<vague>few|several|couple\s+of)\s+)?(?P<unit>hours?|days?|weeks?|weekends?|months?|years?|decades?)(?:\s+and\s+(?:days|weeks|months|years))?\b"
    ))
    .unwrap()
});

/// `in recent days`, `recent weeks`.
static RECENT: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?i)\brecent\s+(?P<unit>days|weeks|months|years)\b").unwrap());

/// `two weeks ago`, `three days earlier`, `a year after`.
static OFFSET: LazyLock<Regex> = LazyLock::new(|| {
    let n = count();
    compile(&format!(
        r"(?i)\b(?P<n>{n}|an?|a\s+few|few|several|a\s+couple\s+of)\s+(?P<unit>hours?|days?|weeks?|months?|years?|decades?)\s+(?P<dir>ago|back|earlier|later|before|after|previously|prior)\b"
    ))
    .unwrap()
});

/// `two years`, `45 minutes`, `a few days`: lengths of time.
static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    let n = count();
    compile(&format!(
        r"(?i)\b(?P<n>{n}|an?|a\s+few|several)\s+(?P<unit>minutes?|hours?|days?|weeks?|months?|years?|decades?)\b"
    ))
    .unwrap()
});

/// `10 a.m.`, `7:15 pm`, `23:28`.
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?i)\b(?P<h>[01]?[0-9]|2[0-3])(?::(?P<m>[0-5][0-9]))?\s*(?P<ap>a\.m\.?|p\.m\.?|am\b|pm\b)|\b(?P<h24>[01]?[0-9]|2[0-3]):(?P<m24>[0-5][0-9])\b")
        .unwrap()
});

/// `noon`, `midnight`, `in the morning`, `late morning`, `from late morning to early evening`:
/// parts of a day, valued with TimeML's codes (`TMO`, `TAF`, `TEV`, `TNI`).
static PART_OF_DAY: LazyLock<Regex> = LazyLock::new(|| {
    compile(concat!(
        r"(?i)\b(?:(?P<noon>noon|midday)\b|(?P<midnight>midnight)\b|the\s+(?P<p>morning|afternoon|evening|night)\b",
        r"|(?:from\s+)?(?:late|early|mid)[\s-]?(?P<q>morning|afternoon|evening)",
        r"(?:\s+(?:to|until|till)\s+(?:late|early|mid)[\s-]?(?P<r>morning|afternoon|evening))?\b)",
    ))
    .unwrap()
});

/// `Thanksgiving Day`, `this Thanksgiving`, `Ramadan`, `Christmas 2016`.
static HOLIDAY: LazyLock<Regex> = LazyLock::new(|| {
    let names: Vec<String> = HOLIDAYS.iter().map(|h| regex::escape(&h.name).replace('\'', "['’]?")).collect();
    compile(&format!(r"\b(?:(?P<rel>(?i:last|next|this))\s+)?(?P<h>{})\b(?:,?\s+(?P<y>{YEAR})\b)?", names.join("|")))
        .unwrap()
});

const MONTHS: u32 = 1;
const DIGITS: u32 = 2;
const SEASONS: u32 = 4;
const WEEKDAYS: u32 = 8;
const DAY_WORDS: u32 = 16;
const UNITS: u32 = 32;
const CLOCK_MARKS: u32 = 64;
const FEASTS: u32 = 128;
/// The units' words again, for the regexes whose matches hold few words
/// around them (`a couple of days later`, `two weeks`): `UNITS`' stretches
/// reach as far as `CALENDAR`'s longest matches, most of it text these
/// regexes would read for nothing.
const NEAR_UNITS: u32 = 256;

/// Words without which a family of regexes cannot match, each with the
/// families it opens (a word in two families, `day`, opens both).
fn keyword_families() -> Vec<(String, u32)> {
    // Rare enough to leave most of a text unread: month abbreviations only
    // with their stop or space, years by their first three digits, clock
    // marks only after a digit.
    let abbreviations = ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"];
    let mut months: Vec<String> = crate::calendar::MONTH_NAMES.iter().map(|m| m.to_string()).collect();
    months.extend(abbreviations.iter().flat_map(|a| [format!("{a} "), format!("{a}.")]));
    let years: Vec<String> = (195..=204).map(|n| n.to_string()).collect();
    let mut clock: Vec<String> = vec![":".into(), "a.m".into(), "p.m".into()];
    clock.extend((0..10).flat_map(|d| [format!("{d}am"), format!("{d} am"), format!("{d}pm"), format!("{d} pm")]));
    let owned = |words: &[&str]| words.iter().map(|w| w.to_string()).collect::<Vec<String>>();
    let units = owned(&["minute", "hour", "day", "week", "month", "year", "decade"]);
    let families: Vec<(u32, Vec<String>)> = vec![
        (MONTHS, months),
        (DIGITS, years),
        (SEASONS, owned(&["spring", "summer", "autumn", "winter", "fall"])),
        (WEEKDAYS, owned(&["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])),
        (
            DAY_WORDS,
            owned(&[
                "today",
                "tonight",
                "yesterday",
                "tomorrow",
                "morning",
                "afternoon",
                "evening",
                "night",
                "day",
                "noon",
                "midday",
                "midnight",
            ]),
        ),
        (UNITS, units.clone()),
        (NEAR_UNITS, units),
        (CLOCK_MARKS, clock),
        (FEASTS, owned(&["christmas", "new year", "thanksgiving", "ramadan", "eid"])),
    ];
    let mut merged: std::collections::BTreeMap<String, u32> = std::collections::BTreeMap::new();
    for (bit, words) in families {
        for w in words {
            *merged.entry(w).or_default() |= bit;
        }
    }
    merged.into_iter().collect()
}

static KEYWORDS: LazyLock<Keywords> = LazyLock::new(|| Keywords::new(&keyword_families()));

/// The bit of the states that have read to the end of a keyword, and of
/// the state read after one.
const ENDING: u16 = 1 << 15;

/// The keywords as one automaton, Aho-Corasick's with its failure links
/// folded into a table of every state's next state by byte: it reads every
/// byte of every paragraph, one look-up each in a table small enough to
/// stay in the first-level cache. (A lazy DFA of the regex crate splits
/// each letter's capital from it in its byte classes, so its table for
/// these keywords is some 160 KB, and the time it reads them in is several
/// times its instructions'.)
///
/// A keyword found where it ends, the first to end, is the leftmost one
/// too (as a regex's search would find it), since no keyword holds another
/// but at its end (`yesterday`, `day`); of those that end there, the
/// longest.
#[derive(Debug)]
struct Keywords {
    /// A byte's column in `next`: one for each byte of the keywords, an
    /// ASCII letter's capital with it; 0 for all other bytes.
    columns: [u8; 256],
    /// The state after a byte, by the state (the index of its first
    /// column: states are `width` apart, the start at 0, those that end a
    /// keyword from [`ENDING`] on, then one that stays) plus the byte's
    /// column. A state that ends a keyword goes on to the one that stays,
    /// as the search stops there and never reads on from it: once a
    /// keyword has ended, every state after it has the bit [`ENDING`], so
    /// that the last state of a block of bytes tells whether any keyword
    /// ended in it. As long as a `u16` and a `u8` can add up to, so that no
    /// look-up needs a bounds check; the states take a few thousand entries
    /// at its start and a few at [`ENDING`].
    next: Box<[u16; (1 << 16) + 256]>,
    width: usize,
    /// The longest keyword each state from [`ENDING`] on ends in, in their
    /// order: its length and the families it opens.
    endings: Vec<(usize, u32)>,
}

impl Keywords {
    fn new(keywords: &[(String, u32)]) -> Keywords {
        let mut columns = [0u8; 256];
        let mut width = 1;
        for b in keywords.iter().flat_map(|(word, _)| word.bytes()) {
            if columns[usize::from(b)] == 0 {
                let column = u8::try_from(width).expect("the keywords have few bytes");
                columns[usize::from(b.to_ascii_lowercase())] = column;
                columns[usize::from(b.to_ascii_uppercase())] = column;
                width += 1;
            }
        }
        // The trie of the keywords, its nodes' children by column (0 for
        // none: the root is no child), with the keyword each node ends.
        let mut children: Vec<Vec<usize>> = vec![vec![0; width]];
        let mut ends: Vec<Option<(usize, u32)>> = vec![None];
        for (word, bits) in keywords {
            let mut node = 0;
            for b in word.bytes() {
                let column = usize::from(columns[usize::from(b)]);
                if children[node][column] == 0 {
                    children.push(vec![0; width]);
                    ends.push(None);
                    children[node][column] = children.len() - 1;
                }
                node = children[node][column];
            }
            ends[node] = Some((word.len(), *bits));
        }
        // Breadth first, so that a node's failure (the node of its longest
        // proper suffix) has its transitions and keyword before it: a node
        // goes where its failure goes for a byte it has no child for, and
        // ends the keyword its failure ends if it ends none of its own.
        let mut goes = children.clone();
        let mut failure = vec![0; children.len()];
        let mut queue: std::collections::VecDeque<usize> = children[0].iter().copied().filter(|&c| c != 0).collect();
        while let Some(node) = queue.pop_front() {
            let fail = failure[node];
            ends[node] = ends[node].or(ends[fail]);
            for column in 0..width {
                match children[node][column] {
                    0 => goes[node][column] = goes[fail][column],
                    child => {
                        failure[child] = goes[fail][column];
                        queue.push_back(child);
                    }
                }
            }
        }
        // The states that end no keyword first (the root the first of
        // them), then the others from `ENDING` on, so that one bit tells
        // them apart.
        let mut order: Vec<usize> = (0..children.len()).collect();
        order.sort_by_key(|&node| ends[node].is_some());
        let endings: Vec<(usize, u32)> = order.iter().filter_map(|&node| ends[node]).collect();
        let others = order.len() - endings.len();
        assert!(others * width <= ENDING.into() && (endings.len() + 1) * width <= ENDING.into(), "too many states");
        let start = |i: usize| if i < others { i * width } else { usize::from(ENDING) + (i - others) * width };
        let as_state = |start: usize| u16::try_from(start).expect("fewer states than a u16 counts");
        // The state after one that ends a keyword, after the last of them.
        let stays = as_state(start(order.len()));
        let mut state = vec![0; children.len()];
        for (i, &node) in order.iter().enumerate() {
            state[node] = as_state(start(i));
        }
        let mut next: Box<[u16; (1 << 16) + 256]> =
            vec![0; (1 << 16) + 256].into_boxed_slice().try_into().expect("its length");
        for (i, &node) in order.iter().enumerate() {
            for (to, &from) in next[start(i)..start(i) + width].iter_mut().zip(&goes[node]) {
                *to = if i < others { state[from] } else { stays };
            }
        }
        next[start(order.len())..start(order.len()) + width].fill(stays);
        Keywords { columns, next, width, endings }
    }

    /// Where the first keyword in `bytes[from..]` ends, and the state there.
    /// Eight bytes at a time, one test of the last state for all eight (a
    /// keyword that ends in a block leaves it the state that stays), as few
    /// blocks have a keyword's end; those are read again from their first
    /// state for it. Out of line: inlined into the loop around it, the scan
    /// kept its place and state in memory.
    #[inline(never)]
    fn first_ending(&self, bytes: &[u8], from: usize) -> Option<(usize, u16)> {
        const BLOCK: usize = 8;
        let (columns, next) = (&self.columns, &*self.next);
        let step = |state: u16, b: u8| next[usize::from(state) + usize::from(columns[usize::from(b)])];
        let mut state = 0;
        let (blocks, rest) = bytes[from..].as_chunks::<BLOCK>();
        for (i, block) in blocks.iter().enumerate() {
            let block_start = state;
            for &b in block {
                state = step(state, b);
            }
            if state & ENDING != 0 {
                // The first state with the bit ends a keyword, the others
                // are the state that stays after it.
                state = block_start;
                let k = block.iter().position(|&b| {
                    state = step(state, b);
                    state & ENDING != 0
                })?;
                return Some((from + BLOCK * i + k + 1, state));
            }
        }
        let read = rest.iter().position(|&b| {
            state = step(state, b);
            state & ENDING != 0
        })?;
        Some((from + BLOCK * blocks.len() + read + 1, state))
    }
}

/// Every keyword in `segment`, in order, not overlapping, ASCII letters in
/// either case; with the families each opens.
fn keywords(segment: &str, mut each: impl FnMut(Range<usize>, u32)) {
    let keywords = &*KEYWORDS;
    let mut from = 0;
    // The next keyword starts after this one.
    while let Some((end, state)) = keywords.first_ending(segment.as_bytes(), from) {
        let (len, bits) = keywords.endings[usize::from(state - ENDING) / keywords.width];
        each(end - len..end, bits);
        from = end;
    }
}

/// Words before a bare month name that make it a month (`in March`, not `the March on`).
const MONTH_CUES: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "to",
    "through",
    "during",
    "of",
    "between",
    "and",
    "before",
    "after",
    "around",
    "throughout",
    "or",
    "early",
    "mid",
    "late",
    "last",
    "next",
    "this",
    "on",
    "for",
];
/// `May` is also a verb and a surname: fewer cues count for it.
const MAY_CUES: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "from",
    "during",
    "between",
    "before",
    "after",
    "throughout",
    "early",
    "mid",
    "late",
];
/// Words before a bare year that make it a year (`in 2014`, not `killed 2000 people`).
const YEAR_CUES: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "to",
    "through",
    "during",
    "of",
    "between",
    "and",
    "before",
    "after",
    "around",
    "throughout",
    "the",
    "year",
    "early",
    "mid",
    "late",
    "summer",
    "winter",
    "spring",
    "autumn",
    "fall",
    "circa",
    "for",
    "or",
];

/// Every time expression in `text[range]` (a paragraph or the title), in
/// order, added to `out`: one buffer for all of a report's paragraphs and
/// windows, not a list made for each and copied on.
pub fn recognize(text: &str, range: Range<usize>, out: &mut Vec<Candidate>) {
    let Some(segment) = text.get(range.clone()) else {
        return;
    };
    let windows = windows(segment, &WORD_REACH);
    let mut found = Vec::new();
    for (window, families) in &windows.merged {
        recognize_in(text, range.start, window.clone(), *families, &windows.by_family, &mut found, out);
    }
}

/// How far around a keyword an expression it belongs to may reach, and the
/// context read around it (tense, `since`, the word before a month).
const WINDOW_REACH: usize = 80;

/// The families of regexes, one bit each.
const FAMILIES: usize = 9;

/// The stretches of a text around its keywords.
struct Windows {
    /// Around every keyword, merged where they overlap, each with the
    /// families its keywords open: the context an expression is read in.
    merged: Vec<(Range<usize>, u32)>,
    /// Around one family's keywords only (by the bit's index), merged where
    /// they overlap: where that family's regexes search. A match of a
    /// family lies in one of these (within [`WORD_REACH`] of one of its
    /// keywords), so a regex reads only the stretches where it can match,
    /// not the whole of a window that other families' words have made long.
    by_family: [Vec<Range<usize>>; FAMILIES],
}

/// How many runs of white space a family's matches may hold before and
/// after the word its keyword starts in (by the bit's index), counted off
/// its regexes: `the beginning of the past twenty one days and weeks` has
/// nine before `weeks`. A family's regexes search only so many words
/// around its keywords (within [`WINDOW_REACH`]): most of the bytes of a
/// window cannot be in a match of theirs. A regex changed to hold more
/// words needs its family's count raised here, or its longer matches go
/// unfound (`the_word_reach_holds_every_match` compares with whole windows).
const WORD_REACH: [(usize, usize); FAMILIES] = [
    // `Wed, the 5 to 6 of May`; `May 5 to 6, 2016`.
    (6, 4),
    // `the end of 2016`; `2016-06-22`, `the 1990s`.
    (3, 0),
    // `last summer`, `summer of 2016`.
    (1, 2),
    // `earlier on Monday morning`.
    (2, 1),
    // `from late morning until early evening`, `earlier in the same day`.
    (5, 3),
    // `the end of the past twenty one days and weeks`.
    (9, 2),
    // `10 a.m.`, `5 pm`; but `5  pm` and `5\tpm` hold no keyword of the
    // family's (its regex takes any white space there), and are found only
    // in the window of another, as far off as the window reaches.
    (usize::MAX, usize::MAX),
    // `last New Year's Day, 2016`.
    (1, 3),
    // `a couple of days later`, `over the weekend`.
    (3, 1),
];

/// How many bytes at the end of `bytes` (when `BACK`) or at its start are
/// graphic ASCII (letters, digits, marks): eight at a time, as a word
/// mostly ends in the first eight, then one at a time in the last few.
fn graphic_run<const BACK: bool>(bytes: &[u8]) -> usize {
    let mut run = 0;
    loop {
        let rest = if BACK { &bytes[..bytes.len() - run] } else { &bytes[run..] };
        let block = if BACK { rest.last_chunk::<8>() } else { rest.first_chunk::<8>() };
        let Some(&block) = block else {
            let not_graphic = |b: &u8| !b.is_ascii_graphic();
            let graphic =
                if BACK { rest.iter().rev().position(not_graphic) } else { rest.iter().position(not_graphic) };
            return run + graphic.unwrap_or(rest.len());
        };
        let others = !swar::bytes_within(u64::from_le_bytes(block), b'!', b'~') & swar::TOP_BITS;
        if others != 0 {
            // Read little-endian: the block's last byte is its highest.
            let graphic = if BACK { others.leading_zeros() } else { others.trailing_zeros() };
            return run + graphic as usize / 8;
        }
        run += 8;
    }
}

/// How many bytes of `text` (walked from inside a word, from its end back
/// when `BACK` else from its start on) come before each of its first runs
/// of white space, into `counts`: `counts[n]` before the run after `n`
/// others, or all of them where there are fewer. Runs of ASCII letters,
/// digits and marks, none of them white space, are stepped over whole;
/// only the characters between them are decoded.
fn bytes_within_words<const BACK: bool>(text: &str, counts: &mut [usize]) {
    let bytes = text.as_bytes();
    let (mut read, mut runs, mut in_space) = (0, 0, false);
    while runs < counts.len() {
        let unread = if BACK { &bytes[..bytes.len() - read] } else { &bytes[read..] };
        let graphic = graphic_run::<BACK>(unread);
        if graphic > 0 {
            in_space = false;
            read += graphic;
        }
        let next = if BACK { text[..text.len() - read].chars().next_back() } else { text[read..].chars().next() };
        let Some(c) = next else { break };
        if !c.is_whitespace() {
            in_space = false;
        } else if !in_space {
            counts[runs] = read;
            runs += 1;
            in_space = true;
        }
        read += c.len_utf8();
    }
    counts[runs..].fill(read);
}

/// The most words a finite reach of [`WORD_REACH`] counts, which the
/// counts of the walks around a keyword are sized for (checked here, as
/// the program is compiled).
const MOST_WORDS: usize = 9;
const _: () = {
    let mut family = 0;
    while family < FAMILIES {
        let (before, after) = WORD_REACH[family];
        assert!((before <= MOST_WORDS || before == usize::MAX) && (after <= MOST_WORDS || after == usize::MAX));
        family += 1;
    }
};

/// Extend the last stretch when `range` overlaps it, or start a new one.
fn merge_into(out: &mut Vec<Range<usize>>, range: Range<usize>) {
    match out.last_mut() {
        Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
        _ => out.push(range),
    }
}

/// The stretches of `segment` around keywords, with the regex families
/// their keywords open: one pass of a keyword automaton, so that the
/// regexes read only the parts of a text where a time expression can be;
/// a family's only `reach` words (by the bit's index: [`WORD_REACH`])
/// around its keywords.
fn windows(segment: &str, reach: &[(usize, usize); FAMILIES]) -> Windows {
    let mut merged: Vec<(Range<usize>, u32)> = Vec::new();
    let mut by_family: [Vec<Range<usize>>; FAMILIES] = Default::default();
    keywords(segment, |m, bits| {
        // Start and end at white space, so that no word is cut in two.
        let mut start = floor_char_boundary(segment, m.start.saturating_sub(WINDOW_REACH));
        if start > 0 {
            start = segment[start..m.start].find(char::is_whitespace).map_or(m.start, |i| start + i);
        }
        let mut end = ceil_char_boundary(segment, m.end + WINDOW_REACH);
        if end < segment.len() {
            end = segment[m.end..end].rfind(char::is_whitespace).map_or(m.end, |i| m.end + i);
        }
        // Each way walked once, as far as the farthest of the keyword's
        // families reaches (a word in several, `day`, opens three); where
        // a reach has no end (the clock's), to the window's, unwalked.
        let opened = || (0..FAMILIES).filter(move |family| bits & (1 << family) != 0).map(|family| reach[family]);
        let (mut back, mut on) = ([0; MOST_WORDS + 1], [0; MOST_WORDS + 1]);
        if let Some(most) = opened().map(|(before, _)| before).filter(|&w| w != usize::MAX).max() {
            bytes_within_words::<true>(&segment[start..m.start], &mut back[..=most]);
        }
        if let Some(most) = opened().map(|(_, after)| after).filter(|&w| w != usize::MAX).max() {
            bytes_within_words::<false>(&segment[m.start..end], &mut on[..=most]);
        }
        for (family, stretches) in by_family.iter_mut().enumerate() {
            if bits & (1 << family) != 0 {
                let (before, after) = reach[family];
                let from = if before == usize::MAX { start } else { m.start - back[before] };
                let to = if after == usize::MAX { end } else { m.start + on[after] };
                merge_into(stretches, from..to);
            }
        }
        match merged.last_mut() {
            Some((last, fam)) if start <= last.end => {
                last.end = last.end.max(end);
                *fam |= bits;
            }
            _ => merged.push((start..end, bits)),
        }
    });
    // A unit's word with the Kelvin sign for its `k` (`wee\u{212a}s`), which
    // `(?i)` reads as `k`, is no keyword: its matches are found only in the
    // stretches of other units' words, as far off as `UNITS`' reach.
    let units = &by_family[UNITS.trailing_zeros() as usize];
    if units.iter().any(|s| has_kelvin_sign(&segment.as_bytes()[s.clone()])) {
        by_family[NEAR_UNITS.trailing_zeros() as usize] = units.clone();
    }
    Windows { merged, by_family }
}

/// Whether `bytes` hold the Kelvin sign: looked for by its first byte, as
/// `memmem` would make a searcher for each text, and `str::contains` reads
/// a byte at a time for a character outside ASCII.
fn has_kelvin_sign(bytes: &[u8]) -> bool {
    let kelvin = "\u{212a}".as_bytes();
    memchr::memchr_iter(kelvin[0], bytes).any(|i| bytes[i..].starts_with(kelvin))
}

/// A cheap test of whether a regex may match in `haystack[from..]`: false
/// only where it cannot.
type MayMatch = fn(&str, usize) -> bool;

/// Whether `haystack[from..]` has an ASCII digit, as every match of
/// `DAY_MONTH` and `MONTH_DAY` does (their day numbers): eight bytes at a
/// time, as a month's stretches are long and digits in them few.
fn has_digit(haystack: &str, from: usize) -> bool {
    let (blocks, rest) = haystack.as_bytes()[from..].as_chunks::<8>();
    blocks.iter().any(|&block| swar::bytes_within(u64::from_le_bytes(block), b'0', b'9') != 0)
        || rest.iter().any(u8::is_ascii_digit)
}

/// Whether `haystack[from..]` has a separator before a digit, as every
/// match of `NUMERIC` does (`2016-06`, `22/06`): rare in text.
fn has_date_separator(haystack: &str, from: usize) -> bool {
    haystack.as_bytes()[from..].windows(2).any(|w| matches!(w[0], b'-' | b'.' | b'/') && w[1].is_ascii_digit())
}

/// Whether `haystack[from..]` has `0s`, as every match of `DECADE` does.
fn has_decade_end(haystack: &str, from: usize) -> bool {
    haystack[from..].contains("0s")
}

/// Whether `haystack[from..]` has `word` (ASCII) in any case.
fn has_ascii_word(haystack: &str, from: usize, word: &[u8]) -> bool {
    let bytes = &haystack.as_bytes()[from..];
    memchr::memchr2_iter(word[0].to_ascii_lowercase(), word[0].to_ascii_uppercase(), bytes)
        .any(|i| bytes[i..].get(..word.len()).is_some_and(|w| w.eq_ignore_ascii_case(word)))
}

/// Whether `haystack[from..]` has `recent` in any case, as every match of
/// `RECENT` does (none of its letters has a case outside ASCII).
fn has_recent(haystack: &str, from: usize) -> bool {
    has_ascii_word(haystack, from, b"recent")
}

/// Whether `haystack[from..]` has the parts of `weekend` around its `k`
/// (which `(?i)` also reads as the Kelvin sign), as every match of
/// `THE_WEEKEND` does: rare, and far cheaper to look for than the phrases
/// around them.
fn has_weekend(haystack: &str, from: usize) -> bool {
    has_ascii_word(haystack, from, b"wee") && has_ascii_word(haystack, from, b"end")
}

/// Whether `haystack[from..]` has `the` (in any case) and white space
/// before a `w`, `m` or `y`, as every match of `THE_UNIT` does (`the week`,
/// `the month`, `the year`): its stretches are around every unit's word,
/// and few of them have it. White space outside ASCII is not read: any
/// byte of a longer character after `the` lets the regex search.
fn has_the_before_unit(haystack: &str, from: usize) -> bool {
    let bytes = &haystack.as_bytes()[from..];
    let space = |b: &u8| matches!(b, b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' | b' ') || !b.is_ascii();
    memchr::memchr2_iter(b'h', b'H', bytes).any(|i| {
        i > 0
            && bytes[i - 1].eq_ignore_ascii_case(&b't')
            && bytes.get(i + 1).is_some_and(|b| b.eq_ignore_ascii_case(&b'e'))
            && {
                let after = &bytes[i + 2..];
                let gap = after.iter().take_while(|b| space(b)).count();
                gap > 0
                    && (!after[..gap].is_ascii()
                        || after.get(gap).is_some_and(|b| matches!(b, b'w' | b'W' | b'm' | b'M' | b'y' | b'Y')))
            }
    })
}

/// What a search reports of a match: its groups, or only its bounds, where
/// the groups are cheaper read off the text than found by the regex engine
/// (which runs a backtracker over the match for them).
trait Found<'h>: Sized {
    fn search(re: &Regex, haystack: &'h str, at: usize) -> Option<Self>;
    fn bounds(&self) -> Range<usize>;
}

impl<'h> Found<'h> for Captures<'h> {
    /// Most searches find nothing: a search for the bounds alone tells so
    /// without the list of groups `captures_at` allocates every time. The
    /// groups are then found from the match's start, where the same match
    /// is the leftmost.
    fn search(re: &Regex, haystack: &'h str, at: usize) -> Option<Self> {
        let m = re.find_at(haystack, at)?;
        re.captures_at(haystack, m.start())
    }

    fn bounds(&self) -> Range<usize> {
        whole(self)
    }
}

impl<'h> Found<'h> for regex::Match<'h> {
    fn search(re: &Regex, haystack: &'h str, at: usize) -> Option<Self> {
        re.find_at(haystack, at)
    }

    fn bounds(&self) -> Range<usize> {
        self.range()
    }
}

/// Every match of `re` that starts at or after `from` and ends by the end of
/// `haystack`, in order. Searching from an offset, rather than in a slice,
/// keeps the text before it for `\b`. The regex is compiled at its first
/// search, not before: a single report has the words of only a few
/// families, and compiling all of them is most of its start-up.
fn matches_from<'h, F: Found<'h>>(
    re: &'static LazyLock<Regex>,
    haystack: &'h str,
    from: usize,
) -> impl Iterator<Item = F> {
    let mut at = Some(from);
    std::iter::from_fn(move || {
        let found = F::search(re, haystack, at?)?;
        let m = found.bounds();
        // An empty match moves on by one character.
        at = if m.is_empty() { haystack[m.end..].chars().next().map(|ch| m.end + ch.len_utf8()) } else { Some(m.end) };
        Some(found)
    })
}

/// The time expressions of one window (`window`, in the stretch of text
/// that starts at `origin`) whose keywords open `families`, added to `out`;
/// each family's regexes search the parts of it in `by_family`. The matches
/// are gathered in `found` (left empty), a buffer for all the windows of a
/// paragraph rather than a list, a map and two more lists made for each.
fn recognize_in(
    text: &str,
    origin: usize,
    window: Range<usize>,
    families: u32,
    by_family: &[Vec<Range<usize>>; FAMILIES],
    found: &mut Vec<(Range<usize>, Expr)>,
    out: &mut Vec<Candidate>,
) {
    let Some(segment) = text.get(origin + window.start..origin + window.end) else {
        return;
    };
    let base = origin + window.start;
    // A family's regex searches only its stretches where `may_match`, a
    // cheap test that every match passes, allows a match: each as a
    // haystack and the offset to search it from.
    let stretches = |bit: u32, may_match: MayMatch| {
        let stretches = if families & bit != 0 { by_family[bit.trailing_zeros() as usize].as_slice() } else { &[] };
        // The family's stretches inside this window (each lies in one by
        // construction), relative to it.
        let first = stretches.partition_point(|s| s.end <= window.start);
        stretches[first..].iter().take_while(move |s| s.start < window.end).filter_map(move |s| {
            let from = s.start.checked_sub(window.start)?;
            let haystack = segment.get(..s.end.checked_sub(window.start)?).filter(|h| from <= h.len())?;
            may_match(haystack, from).then_some((haystack, from))
        })
    };
    let family_where = |re: &'static LazyLock<Regex>, bit: u32, may_match: MayMatch| {
        stretches(bit, may_match).flat_map(move |(haystack, from)| matches_from::<Captures>(re, haystack, from))
    };
    let family = |re: &'static LazyLock<Regex>, bit: u32| family_where(re, bit, |_, _| true);
    // Matches without their groups, for the regexes whose groups are read
    // off the text.
    let family_bounds = |re: &'static LazyLock<Regex>, bit: u32, may_match: MayMatch| {
        stretches(bit, may_match).flat_map(move |(haystack, from)| matches_from::<regex::Match>(re, haystack, from))
    };
    let mut push = |r: Range<usize>, e: Expr| found.push((r.start + base..r.end + base, e));

    for re in [&DAY_MONTH, &MONTH_DAY] {
        for m in family_bounds(re, MONTHS, has_digit) {
            if let Some(e) = date_match(m.as_str()) {
                push(m.range(), e);
            }
        }
    }
    for m in family_bounds(&MONTH, MONTHS, |_, _| true) {
        let r = m.range();
        let Some(MonthMatch { name, month, year, part, rel, year_offset }) = month_match(m.as_str()) else { continue };
        if year.is_none()
            && year_offset.is_none()
            && part == Part::Whole
            && rel.is_none()
            && !bare_month_ok(segment, r.start, month, name)
        {
            continue;
        }
        push(r, Expr::Month { year, month, part, rel, year_offset });
    }
    for m in family_bounds(&YEAR_RE, DIGITS, |_, _| true) {
        let r = m.range();
        let Some((year, part)) = year_match(m.as_str()) else { continue };
        if part == Part::Whole && !bare_year_ok(segment, r.clone()) {
            continue;
        }
        push(r, Expr::Year { year, part });
    }
    for c in family_where(&DECADE, DIGITS, has_decade_end) {
        if let Some(year) = c.name("y").and_then(|y| y.as_str().parse().ok()) {
            push(whole(&c), Expr::Decade { year });
        }
    }
    for c in family_where(&THE_UNIT, UNITS, has_the_before_unit) {
        let Some(unit) = c.name("unit").and_then(|u| unit_from(u.as_str())) else { continue };
        let part = c.name("part").map_or(Part::Whole, |p| part_from(p.as_str()));
        push(whole(&c), Expr::Calendar { unit, offset: 0, part, anaphoric: c.name("el").is_some() });
    }
    for c in family_where(&THE_WEEKEND, NEAR_UNITS, has_weekend) {
        if let Some(w) = c.name("w") {
            push(w.range(), Expr::Calendar { unit: Unit::Weekend, offset: 0, part: Part::Whole, anaphoric: false });
        }
    }
    for c in family(&SEASON, SEASONS) {
        let name = c.name("s1").or(c.name("s2")).map_or("", |m| m.as_str());
        let season = match name.to_ascii_lowercase().as_str() {
            "spring" => Season::Spring,
            "summer" => Season::Summer,
            "winter" => Season::Winter,
            _ => Season::Autumn,
        };
        let year = c.name("y").and_then(|y| y.as_str().parse().ok());
        push(whole(&c), Expr::Season { year, season, rel: c.name("rel").map(|r| rel_from(r.as_str())) });
    }
    for m in family_bounds(&NUMERIC, DIGITS, has_date_separator) {
        if let Some(e) = numeric_match(m.as_str()) {
            push(m.range(), e);
        }
    }
    for (haystack, from) in stretches(WEEKDAYS, |_, _| true) {
        for (r, weekday, rel) in weekday_matches(haystack, from) {
            push(r, Expr::Weekday { weekday, rel });
        }
    }
    for m in family_bounds(&DEICTIC, DAY_WORDS, |_, _| true) {
        let days = match DeicticMatch::read(m.as_str()) {
            // `USA Today`, `Ariha Today`: a name, not a day.
            DeicticMatch::Day(w)
                if w.starts_with(|ch: char| ch.is_uppercase())
                    && previous_word(segment, m.start())
                        .is_some_and(|p| p.starts_with(|ch: char| ch.is_uppercase()) && p.len() > 1) =>
            {
                continue;
            }
            // `yesterday's`: the word the pattern allows an ending after.
            DeicticMatch::Day(w) => {
                let is =
                    |day: &str| w.as_bytes().get(..day.len()).is_some_and(|w| w.eq_ignore_ascii_case(day.as_bytes()));
                if is("yesterday") {
                    -1
                } else if is("tomorrow") {
                    1
                } else {
                    0
                }
            }
            DeicticMatch::Part { this, part } => {
                // `the last night of the talks` is not yesterday.
                if previous_word(segment, m.start()).is_some_and(|w| w.eq_ignore_ascii_case("the")) {
                    continue;
                }
                if this.eq_ignore_ascii_case("last") && part.eq_ignore_ascii_case("night") { -1 } else { 0 }
            }
        };
        push(m.range(), Expr::Deictic { days });
    }
    for c in family(&SAME_DAY, DAY_WORDS) {
        let mut r = whole(&c);
        let days = if c.name("el").is_some() || c.name("that").is_some() {
            0
        } else if let Some(w) = c.name("which") {
            match w.as_str().to_ascii_lowercase().as_str() {
                "same" => 0,
                "following" | "next" => 1,
                _ => -1,
            }
        } else if let Some(ba) = c.name("ba") {
            // The punctuation after `the day before` only confirms the match.
            r.end = ba.end();
            if ba.as_str().eq_ignore_ascii_case("before") { -1 } else { 1 }
        } else {
            continue;
        };
        push(r, Expr::SameDay { days });
    }
    for (haystack, from) in stretches(UNITS, |_, _| true) {
        for m in matches_from::<regex::Match>(&CALENDAR, haystack, from) {
            // The groups of an ASCII match are read off its words; the
            // regex engine finds the others', whose letters may be the
            // pattern's in another case (`ſ` for `s`).
            let groups = if m.as_str().is_ascii() {
                CalendarMatch::read(m.as_str())
            } else {
                CALENDAR.captures_at(haystack, m.start()).as_ref().and_then(CalendarMatch::captured)
            };
            if let Some(e) = groups.as_ref().and_then(calendar_from) {
                push(m.range(), e);
            }
        }
    }
    for m in family_bounds(&RECENT, NEAR_UNITS, has_recent) {
        // The unit is the last word.
        if let Some(unit) = split_last_word(m.as_str()).and_then(|(_, unit)| unit_from(unit)) {
            push(m.range(), Expr::Period { n: -3, unit, anaphoric: false });
        }
    }
    for m in family_bounds(&OFFSET, NEAR_UNITS, |_, _| true) {
        // The unit and the direction are one word each, the count all before them.
        let Some((rest, dir)) = split_last_word(m.as_str()) else { continue };
        let Some((n, unit)) = split_last_word(rest) else { continue };
        let Some(n) = count_value(n) else { continue };
        let Some(unit) = unit_from(unit) else { continue };
        let dir = dir.to_ascii_lowercase();
        // `a day after the fall of Yabrud` counts from an event, not a time.
        if matches!(dir.as_str(), "before" | "after" | "prior")
            && segment[m.end()..].trim_start().starts_with(|ch: char| ch.is_alphanumeric())
        {
            continue;
        }
        let (sign, anaphoric) = match dir.as_str() {
            "ago" | "back" => (-1, false),
            "later" | "after" => (1, true),
            _ => (-1, true),
        };
        push(m.range(), Expr::Offset { n: sign * n, unit, anaphoric });
    }
    for c in family(&HOLIDAY, FEASTS) {
        let Some(index) = c.name("h").and_then(|h| holiday_index(h.as_str())) else { continue };
        let year = c.name("y").and_then(|y| y.as_str().parse().ok());
        let rel = c.name("rel").map(|r| rel_from(r.as_str()));
        push(whole(&c), Expr::Holiday { index, year, rel });
    }

    for m in family_bounds(&DURATION, NEAR_UNITS, |_, _| true) {
        let r = m.range();
        // `two years old` is an age.
        if next_word(segment, r.end).is_some_and(|w| w.eq_ignore_ascii_case("old")) {
            continue;
        }
        // The unit is one word, the count all before it.
        let Some((n_text, unit)) = split_last_word(m.as_str()) else { continue };
        let unit = unit.to_ascii_lowercase();
        let vague = n_text.to_ascii_lowercase().contains("few") || n_text.eq_ignore_ascii_case("several");
        let Some(n) = count_value(n_text) else { continue };
        let n = if vague { "X".to_string() } else { n.to_string() };
        let value = match unit.trim_end_matches('s') {
            "minute" => format!("PT{n}M"),
            "hour" => format!("PT{n}H"),
            "day" => format!("P{n}D"),
            "week" => format!("P{n}W"),
            "month" => format!("P{n}M"),
            "year" => format!("P{n}Y"),
            _ => format!("P{n}0Y"),
        };
        push(r, Expr::Duration { value });
    }
    for m in family_bounds(&CLOCK, CLOCK_MARKS, |_, _| true) {
        let Some(ClockMatch { hour, minute, pm }) = ClockMatch::read(m.as_str()) else { continue };
        let hour = match pm {
            Some(_) if hour == 0 || hour > 12 => continue,
            Some(true) if hour < 12 => hour + 12,
            Some(false) if hour == 12 => 0,
            _ => hour,
        };
        push(m.range(), Expr::Clock { value: format!("T{hour:02}:{:02}", minute.unwrap_or(0)) });
    }

    for c in family(&PART_OF_DAY, DAY_WORDS) {
        let code = |m: regex::Match| match m.as_str().to_ascii_lowercase().as_str() {
            "morning" => "TMO",
            "afternoon" => "TAF",
            "evening" => "TEV",
            _ => "TNI",
        };
        if c.name("noon").is_some() || c.name("midnight").is_some() {
            let value = if c.name("noon").is_some() { "T12:00" } else { "T00:00" };
            push(whole(&c), Expr::Clock { value: value.into() });
            continue;
        }
        let Some(first) = c.name("p").or(c.name("q")) else { continue };
        let value = match c.name("r") {
            Some(r) => format!("{}/{}", code(first), code(r)),
            None => code(first).to_string(),
        };
        push(whole(&c), Expr::Clock { value });
    }

    longest_first(found);
    combine(segment, base, found.drain(..), |r, expr| {
        let future = reads_tense(&expr) && is_future(segment, r.start - base, r.end - base);
        out.push(Candidate { range: r, expr, future });
    });
}

/// A match of `DEICTIC`, its groups read off its text (cheaper than the
/// regex engine's captures, which run a backtracker over every match).
#[derive(Debug, PartialEq)]
enum DeicticMatch<'a> {
    /// `today`, `yesterday's`: the day word (the group `w`) with the ending
    /// the pattern allows after it.
    Day(&'a str),
    /// `this morning`, `last night`: the groups `this` and `p`.
    Part { this: &'a str, part: &'a str },
}

impl<'a> DeicticMatch<'a> {
    /// The words apart at white space: a first word that may come before
    /// the others (`earlier`, `late`) is passed over, as no word the rest
    /// of the pattern allows is one; then `this` and `last` start with
    /// `th` or `l` where the day words start with `to` or `y`, and the
    /// part of the day after them is the last word.
    fn read(m: &'a str) -> DeicticMatch<'a> {
        let mut words = m.split_whitespace();
        let first = words.next().unwrap_or("");
        let word =
            if is_one_of(first, &["earlier", "later", "late", "early"]) { words.next().unwrap_or("") } else { first };
        let starts =
            |start: &str| word.as_bytes().get(..start.len()).is_some_and(|w| w.eq_ignore_ascii_case(start.as_bytes()));
        if starts("th") || starts("l") {
            DeicticMatch::Part { this: word, part: words.next_back().unwrap_or("") }
        } else {
            DeicticMatch::Day(word)
        }
    }
}

/// A match of `CLOCK`, its groups read off its text: the hour, the minute
/// if written, and for a time with a mark (`a.m.`, `pm`) whether it is
/// after noon.
#[derive(Debug, PartialEq)]
struct ClockMatch {
    hour: u32,
    minute: Option<u32>,
    pm: Option<bool>,
}

impl ClockMatch {
    /// The hour is all the digits the match starts with (a digit more would
    /// fail the rest of the pattern), the minute the digits after a `:`;
    /// the mark, if any, is the rest after white space (none of its letters
    /// has a case outside ASCII).
    fn read(m: &str) -> Option<ClockMatch> {
        let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
        let (hour, rest) = m.split_at(digits(m));
        let (minute, rest) = match rest.strip_prefix(':') {
            Some(after) => {
                let (minute, rest) = after.split_at(digits(after));
                (Some(minute.parse().ok()?), rest)
            }
            None => (None, rest),
        };
        let pm = rest.trim_start().bytes().next().map(|b| b.eq_ignore_ascii_case(&b'p'));
        Some(ClockMatch { hour: hour.parse().ok()?, minute, pm })
    }
}

/// A match of `MONTH`, its groups read off its text (cheaper than the regex
/// engine's captures): `mid-June`, `last December`, `May, 2016`, `August last year`.
#[derive(Debug, PartialEq)]
struct MonthMatch<'a> {
    /// The month as written (`Sept.`).
    name: &'a str,
    month: u32,
    year: Option<i32>,
    part: Part,
    rel: Option<Rel>,
    /// From `last year` (-1), `this year`, `next year` after the month.
    year_offset: Option<i32>,
}

/// The words of `MONTH`'s match `m`, apart at white space and hyphens (as
/// in `mid-June`), each with its start. The month is the first that names
/// one: the words its pattern allows before it (`early`, `the end of`,
/// `last`) name none. Before it, a `rel` word, and before that the part;
/// after it, a year or `last year`.
fn month_match(m: &str) -> Option<MonthMatch<'_>> {
    let mut at = 0;
    let mut words = m.split_inclusive(|c: char| c.is_whitespace() || c == '-').filter_map(|piece| {
        let start = at;
        at += piece.len();
        let word = piece.trim_end_matches(|c: char| c.is_whitespace() || c == '-');
        (!word.is_empty()).then_some((start, word))
    });
    let mut before: Option<(usize, &str)> = None;
    let (name_at, name, month) = words.find_map(|(start, word)| {
        // `June, 2016`: the comma is not the month's.
        let name = word.trim_end_matches(',');
        let month = month_from_name(name);
        if month.is_none() {
            before = Some((start, word));
        }
        Some((start, name, month?))
    })?;
    let rel = before.and_then(|(start, w)| Some((start, rel_word(w)?)));
    let part = &m[..rel.map_or(name_at, |(start, _)| start)];
    let last_four =
        m.get(m.len().saturating_sub(4)..).filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()));
    let year_offset = if m.len() >= 4 && m.as_bytes()[m.len() - 4..].eq_ignore_ascii_case(b"year") {
        let mut last = m.split_whitespace().rev();
        last.next();
        last.next().map(|r| match rel_from(r) {
            Rel::Last => -1,
            Rel::This => 0,
            Rel::Next => 1,
        })
    } else {
        None
    };
    Some(MonthMatch {
        name,
        month,
        year: last_four.and_then(|y| y.parse().ok()),
        part: if part.is_empty() { Part::Whole } else { part_from(part) },
        rel: rel.map(|(_, r)| r),
        year_offset,
    })
}

/// A match of `YEAR_RE` read: its year (its last four bytes, digits), and
/// the part before it, whose space or hyphen after it `part_from` passes over.
fn year_match(m: &str) -> Option<(i32, Part)> {
    let (part, year) = m.split_at_checked(m.len().checked_sub(4)?)?;
    Some((year.parse().ok()?, if part.is_empty() { Part::Whole } else { part_from(part) }))
}

/// The words `WEEKDAY` takes before a weekday's name, in any case.
const WEEKDAY_RELS: [&str; 8] = ["last", "next", "this", "past", "early", "late", "earlier", "later"];

/// The words `WEEKDAY` takes after a weekday's name, in any case.
const WEEKDAY_PARTS: [&str; 4] = ["morning", "afternoon", "evening", "night"];

/// Every match of `WEEKDAY` that starts at or after `from` in `haystack`,
/// in order, with its weekday and `rel`: the regex's matches, read by hand
/// from the `day` every weekday's name ends in, for a search of the regex
/// costs more than the few compares around the rare `day` (`WEEKDAY` is
/// kept in the tests to compare with).
fn weekday_matches(haystack: &str, from: usize) -> impl Iterator<Item = (Range<usize>, Weekday, Option<Rel>)> {
    let bytes = haystack.as_bytes();
    // Where the regex would search on from: the end of the last match.
    let mut at = from;
    let mut days = memchr::memmem::find_iter(&bytes[from..], b"day").map(move |i| from + i + 3);
    std::iter::from_fn(move || {
        loop {
            let name_end = days.next()?;
            let Some(&(name, weekday)) =
                WEEKDAY_NAMES.iter().find(|(name, _)| bytes[..name_end].ends_with(name.as_bytes()))
            else {
                continue;
            };
            let name_start = name_end - name.len();
            if name_start < at {
                continue;
            }
            let Some(end) = weekday_end(haystack, name_end) else { continue };
            let start = match rel_before(haystack, at, name_start) {
                Some(start) => start,
                None if is_word_boundary(bytes, name_start) => name_start,
                None => continue,
            };
            at = end;
            // `laſt` is the regex's `last`, but says no `rel`.
            let rel = haystack[start..name_start].split_whitespace().next().and_then(rel_word);
            return Some((start..end, weekday, rel));
        }
    })
}

/// Whether `\b` holds at `at`, ASCII's, as [`compile`] makes the regexes'.
fn is_word_boundary(bytes: &[u8], at: usize) -> bool {
    let is_word =
        |i: Option<usize>| i.and_then(|i| bytes.get(i)).is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_');
    is_word(at.checked_sub(1)) != is_word(Some(at))
}

/// `haystack[at..]` without its white space in front, if it starts with
/// some (of any length).
fn after_space(haystack: &str, at: usize) -> Option<usize> {
    let rest = &haystack[at..];
    let trimmed = rest.trim_start();
    (trimmed.len() < rest.len()).then_some(haystack.len() - trimmed.len())
}

/// `haystack[..at]` without its white space at the end, if it ends in
/// some.
fn before_space(haystack: &str, at: usize) -> Option<usize> {
    let trimmed = haystack[..at].trim_end();
    (trimmed.len() < at).then_some(trimmed.len())
}

/// The end of the `WEEKDAY` match whose weekday's name ends at `name_end`,
/// in the regex's order of preference: the name with its ending (`'s`,
/// `’s`, `s`), then without; each first with a part of the day after it,
/// then without; whichever first has a word boundary after it.
fn weekday_end(haystack: &str, name_end: usize) -> Option<usize> {
    let ending = ["'s", "’s", "s"].iter().find(|e| haystack[name_end..].starts_with(*e)).map_or(0, |e| e.len());
    let ends = if ending > 0 { [Some(name_end + ending), Some(name_end)] } else { [Some(name_end), None] };
    let bytes = haystack.as_bytes();
    ends.into_iter().flatten().find_map(|end| {
        let part = after_space(haystack, end).and_then(|word| {
            let part = WEEKDAY_PARTS
                .iter()
                .find(|p| bytes[word..].get(..p.len()).is_some_and(|w| w.eq_ignore_ascii_case(p.as_bytes())))?;
            Some(word + part.len())
        });
        part.into_iter().chain([end]).find(|&end| is_word_boundary(bytes, end))
    })
}

/// The start of the `rel` word (and `on`) `WEEKDAY` takes before the
/// weekday's name at `name_start`, if it has one that starts at or after
/// `at`: `last`, `earlier on`, with a word boundary before.
fn rel_before(haystack: &str, at: usize, name_start: usize) -> Option<usize> {
    let word_end = before_space(haystack, name_start).filter(|&end| end >= at)?;
    let rel_ending_at = |end: usize| {
        let start = at + rel_ending(&haystack[at..end])?;
        is_word_boundary(haystack.as_bytes(), start).then_some(start)
    };
    // `earlier on Monday`; no `rel` ends in `on`, so only one can be there.
    let on =
        word_end.checked_sub(2).filter(|&on| on >= at && haystack.as_bytes()[on..word_end].eq_ignore_ascii_case(b"on"));
    match on.and_then(|on| before_space(haystack, on)).filter(|&end| end >= at) {
        Some(end) => rel_ending_at(end),
        None => rel_ending_at(word_end),
    }
}

/// The start of the word of [`WEEKDAY_RELS`] that `text` ends in, if one,
/// in any case as `(?i)` reads it (`ſ` for `s`).
fn rel_ending(text: &str) -> Option<usize> {
    WEEKDAY_RELS.iter().find_map(|rel| start_of_ending(text, rel))
}

/// The `rel` a word says (`last`, `past`, `next`, `this`), in any case;
/// other words (`early` before a weekday) say none. Compared in place: a
/// lowered copy of every word asked about would cost an allocation each.
fn rel_word(word: &str) -> Option<Rel> {
    const RELS: [(&str, Rel); 4] = [("last", Rel::Last), ("past", Rel::Last), ("next", Rel::Next), ("this", Rel::This)];
    RELS.iter().find(|(rel, _)| word.eq_ignore_ascii_case(rel)).map(|&(_, rel)| rel)
}

fn whole(c: &Captures) -> Range<usize> {
    c.get(0).map_or(0..0, |m| m.range())
}

/// A match of `DAY_MONTH` or `MONTH_DAY` read, its words apart at all but
/// letters and digits and between letters and digits (`Dec.14th`, `11-13`,
/// `5 to21st`): the only words of digits are the days (of two digits at
/// most; the first the day, a second the last of a run of days) and the
/// year (of four); the only word naming a month is the month (weekdays,
/// `the`, `of`, `to` and ordinal endings name none).
fn date_match(m: &str) -> Option<Expr> {
    let (mut month, mut day, mut day_to, mut year) = (None, None, None, None);
    for mut word in m.split(|c: char| !c.is_ascii_alphanumeric()) {
        while let Some(first) = word.bytes().next() {
            let digits = first.is_ascii_digit();
            let (run, rest) = word.split_at(word.bytes().take_while(|b| b.is_ascii_digit() == digits).count());
            word = rest;
            match (digits, run.len()) {
                (false, _) => month = month.or_else(|| month_from_name(run)),
                (true, 4) => year = run.parse().ok(),
                (true, _) if day.is_none() => day = run.parse().ok(),
                (true, _) => day_to = run.parse().ok(),
            }
        }
    }
    let (month, day) = (month?, day?);
    let day_to = day_to.filter(|&d| d > day);
    // A day the month does not have is no date (`February 30`).
    chrono::NaiveDate::from_ymd_opt(year.unwrap_or(2016), month, day)?;
    Some(Expr::Date { year, month, day, day_to })
}

/// A match of `NUMERIC` read: `2017-06-22`, its year first (the only form
/// with a separator after four digits), or `22/06/2017`, its numbers
/// apart at the separators, the day and month either way round unless one
/// of them can only be a day.
fn numeric_match(m: &str) -> Option<Expr> {
    let bytes = m.as_bytes();
    if bytes.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-' {
        let (year, month, day) = (m[..4].parse().ok()?, m[5..7].parse().ok()?, m[8..].parse().ok()?);
        return Some(Expr::Date { year: Some(year), month, day, day_to: None });
    }
    let mut numbers = m.split(['-', '.', '/']).map(str::parse::<u32>);
    let (a, b, year) = (numbers.next()?.ok()?, numbers.next()?.ok()?, numbers.next()?.ok()? as i32);
    Some(match (a, b) {
        (1..=31, 1..=12) if a > 12 || a == b => Expr::Date { year: Some(year), month: b, day: a, day_to: None },
        (1..=12, 13..=31) => Expr::Date { year: Some(year), month: a, day: b, day_to: None },
        (1..=12, 1..=12) => Expr::AmbiguousNumeric { a, b, year },
        _ => return None,
    })
}

/// All of `text` before its last word, and the last word: white space apart.
fn split_last_word(text: &str) -> Option<(&str, &str)> {
    let (rest, last) = text.split_at(text.rfind(char::is_whitespace)?);
    Some((rest.trim_end(), last.trim_start()))
}

fn part_from(s: &str) -> Part {
    let lower = s.to_ascii_lowercase();
    if lower.contains("early") || lower.contains("beginning") || lower.contains("start") {
        Part::Early
    } else if lower.contains("mid") {
        Part::Mid
    } else if lower.contains("late") || lower.contains("end") {
        Part::Late
    } else {
        Part::Whole
    }
}

/// The `rel` of a word a pattern allows there: `this` unless it says another.
fn rel_from(s: &str) -> Rel {
    rel_word(s).unwrap_or(Rel::This)
}

/// The unit a word names, in any ASCII case, singular or plural.
fn unit_from(s: &str) -> Option<Unit> {
    const UNIT_NAMES: [(&str, Unit); 7] = [
        ("hour", Unit::Hour),
        ("day", Unit::Day),
        ("week", Unit::Week),
        ("weekend", Unit::Weekend),
        ("month", Unit::Month),
        ("year", Unit::Year),
        ("decade", Unit::Decade),
    ];
    let singular = s.trim_end_matches(['s', 'S']);
    UNIT_NAMES.iter().find(|(name, _)| singular.eq_ignore_ascii_case(name)).map(|&(_, unit)| unit)
}

/// Whether `word` is one of `words` (ASCII, in lower case) in any ASCII
/// case, as its lowered copy would be found among them: compared in place,
/// since a copy of every word looked up would be an allocation each.
fn is_one_of(word: &str, words: &[&str]) -> bool {
    words.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// The words `CALENDAR` allows for its `rel`.
const CALENDAR_RELS: [&str; 8] = ["past", "last", "next", "coming", "previous", "following", "this", "recent"];

/// The groups of a match of `CALENDAR`: `the end of` (`part`) `the` `past`
/// (`rel`) `two` (`n`) `weeks` (`unit`) `and months`.
#[derive(Debug, PartialEq)]
struct CalendarMatch<'a> {
    part: Option<&'a str>,
    the: bool,
    rel: &'a str,
    /// A count (without its `-plus` or `+`), or a vague one (`few`, `couple of`).
    n: Option<&'a str>,
    vague: Option<&'a str>,
    unit: &'a str,
}

impl<'a> CalendarMatch<'a> {
    /// The groups as the regex engine found them.
    fn captured(c: &Captures<'a>) -> Option<CalendarMatch<'a>> {
        let group = |name: &str| c.name(name).map(|m| m.as_str());
        Some(CalendarMatch {
            part: group("part"),
            the: group("the").is_some(),
            rel: group("rel")?,
            n: group("n"),
            vague: group("vague"),
            unit: group("unit")?,
        })
    }

    /// The groups of an ASCII match read off its words (cheaper than the
    /// regex engine's captures): the first `rel` word is the `rel` (no word
    /// the pattern allows elsewhere is one), a `the` just before it its
    /// `the`, all before that the part; the last word the unit, or the one
    /// before `and days`; between the `rel` and the unit, the count.
    fn read(m: &'a str) -> Option<CalendarMatch<'a>> {
        let mut at = 0;
        let words: Vec<Range<usize>> = m
            .split_inclusive(char::is_whitespace)
            .filter_map(|piece| {
                let start = at;
                at += piece.len();
                let word = piece.trim_end_matches(char::is_whitespace);
                (!word.is_empty()).then_some(start..start + word.len())
            })
            .collect();
        let is = |i: usize, word: &str| m[words[i].clone()].eq_ignore_ascii_case(word);
        let rel_at = (0..words.len()).find(|&i| CALENDAR_RELS.iter().any(|rel| is(i, rel)))?;
        let the = rel_at > 0 && is(rel_at - 1, "the");
        let part_end = rel_at - usize::from(the);
        let last = words.len() - 1;
        let unit_at = if last >= rel_at + 3 && is(last - 1, "and") { last - 2 } else { last };
        let count = (unit_at > rel_at + 1).then(|| &m[words[rel_at + 1].start..words[unit_at - 1].end]);
        let vague = count.filter(|c| {
            let mut words = c.split_whitespace().map(str::to_ascii_lowercase);
            matches!(
                (words.next().as_deref(), words.next().as_deref(), words.next()),
                (Some("few" | "several"), None, None) | (Some("couple"), Some("of"), None)
            )
        });
        let n = count.filter(|_| vague.is_none()).map(|n| {
            let plus = if n.ends_with('+') {
                1
            } else if n.len() >= 5 && n.as_bytes()[n.len() - 5..].eq_ignore_ascii_case(b"-plus") {
                5
            } else {
                0
            };
            &n[..n.len() - plus]
        });
        Some(CalendarMatch {
            part: (part_end > 0).then(|| &m[..words[part_end - 1].end]),
            the,
            rel: &m[words[rel_at].clone()],
            n,
            vague,
            unit: &m[words[unit_at].clone()],
        })
    }
}

/// `this week`, `last month` (calendar units) against `the past week`,
/// `the next 24 hours` (periods counted back or forth).
fn calendar_from(c: &CalendarMatch) -> Option<Expr> {
    let unit = unit_from(c.unit)?;
    let plural = c.unit.ends_with(['s', 'S']);
    let rel = c.rel.to_ascii_lowercase();
    let the = c.the;
    let n = match (c.n, c.vague) {
        (Some(n), _) => Some(count_value(n)?),
        (None, Some(v)) => Some(count_value(v)?),
        (None, None) if plural => Some(3),
        _ => None,
    };
    let part = c.part.map_or(Part::Whole, |p| match p.to_ascii_lowercase().as_str() {
        // `earlier this week` is still this week.
        "earlier" | "later" => Part::Whole,
        other => part_from(other),
    });
    let anaphoric = matches!(rel.as_str(), "previous" | "following");
    let forward = matches!(rel.as_str(), "next" | "coming" | "following");
    if rel == "recent" {
        return Some(Expr::Period { n: -n.unwrap_or(3), unit, anaphoric: false });
    }
    // A count, or `the past week`: a period of that many units.
    if let Some(n) = n {
        return Some(Expr::Period { n: if forward { n } else { -n }, unit, anaphoric });
    }
    if unit == Unit::Hour || unit == Unit::Day {
        // `the next day` is handled as the day after; `this hour` is no date.
        return None;
    }
    if the && matches!(rel.as_str(), "past" | "last" | "next" | "coming") {
        return Some(Expr::Period { n: if forward { 1 } else { -1 }, unit, anaphoric: false });
    }
    let offset = match rel.as_str() {
        "this" | "coming" if unit == Unit::Weekend => 0,
        "this" => 0,
        "past" | "last" | "previous" => -1,
        _ => 1,
    };
    Some(Expr::Calendar { unit, offset, part, anaphoric })
}

/// The word just before byte `at` of `s`, if any.
fn previous_word(s: &str, at: usize) -> Option<&str> {
    let before = s.get(..at)?.trim_end();
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphanumeric() && c != '-')
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[start..];
    (!word.is_empty()).then_some(word)
}

/// The word just after byte `at` of `s`, if any.
fn next_word(s: &str, at: usize) -> Option<&str> {
    let after = s.get(at..)?;
    let trimmed = after.trim_start();
    if trimmed.len() == after.len() && !after.is_empty() {
        // Not separated by white space: punctuation follows.
        return None;
    }
    let end = trimmed.find(|c: char| !c.is_alphanumeric()).unwrap_or(trimmed.len());
    let word = &trimmed[..end];
    (!word.is_empty()).then_some(word)
}

/// Whether a month named alone (as `m`) at byte `start` is one, by the word before it.
fn bare_month_ok(segment: &str, start: usize, month: u32, m: &str) -> bool {
    // Bare abbreviations (`Mar`, `Sept`) are too often something else.
    let is_abbreviation = m.trim_end_matches('.').len() <= 4 && !matches!(m, "May" | "June" | "July");
    if is_abbreviation {
        return false;
    }
    let Some(prev) = previous_word(segment, start) else { return false };
    if month == 5 {
        if is_one_of(prev, MAY_CUES) {
            return true;
        }
        // `between March and May`
        if is_one_of(prev, &["and", "to"]) {
            let at = segment[..start].trim_end().len() - prev.len();
            return previous_word(segment, at).is_some_and(|w| month_from_name(w).is_some());
        }
        return false;
    }
    is_one_of(prev, MONTH_CUES)
}

fn bare_year_ok(segment: &str, r: Range<usize>) -> bool {
    let after = &segment[r.end..];
    // `2,000`, `2000s`, `2011-2012`, `2015%`: counts, decades or other numbers.
    let mut chars = after.chars();
    let (first, second) = (chars.next(), chars.next());
    let number_goes_on = matches!(first, Some(',' | '.')) && second.is_some_and(|c| c.is_ascii_digit());
    if number_goes_on || first.is_some_and(|c| c.is_alphanumeric() || c == '%') {
        return false;
    }
    let Some(prev) = previous_word(segment, r.start) else {
        return false;
    };
    if !is_one_of(prev, YEAR_CUES) {
        // `October 25-26, 2016` keeps the year in the date; after a comma a
        // year continues a date written before it.
        return segment[..r.start].trim_end().ends_with(',')
            && previous_word(segment, r.start).is_some_and(|w| w.chars().all(|c| c.is_ascii_digit() || c == '-'));
    }
    // `the 2000 fighters`, `of 2000 people`: a count before a plural noun.
    if is_one_of(prev, &["the", "of", "and", "to", "or", "for", "from", "around", "by"])
        && next_word(segment, r.end).is_some_and(|w| {
            w.ends_with('s')
                && w.chars().all(|c| c.is_lowercase())
                && !matches!(w, "as" | "was" | "is" | "has" | "this")
        })
    {
        return false;
    }
    true
}

/// Keep the longest of overlapping matches (none empty), the earlier of
/// equally long ones, in place, in order by start.
fn longest_first(found: &mut Vec<(Range<usize>, Expr)>) {
    found.sort_by(|a, b| (b.0.len(), a.0.start).cmp(&(a.0.len(), b.0.start)));
    // The kept move to the front in the order they are kept. A window's
    // matches are few: each is checked against all kept, which costs less
    // than a map of the kept by start to make.
    let mut kept = 0;
    for i in 0..found.len() {
        let r = found[i].0.clone();
        if found[..kept].iter().all(|(k, _)| k.end <= r.start || r.end <= k.start) {
            found.swap(kept, i);
            kept += 1;
        }
    }
    found.truncate(kept);
    found.sort_by_key(|(r, _)| r.start);
}

static BETWEEN_JOIN: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?i)^\s*(?:and|to|until|till|through|-|–)\s*$").unwrap());

/// A word before a point that makes it the start of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PeriodCue {
    /// `since March`.
    Since,
    /// `between March and May`, `from 2012 to 2014`.
    Between,
}

/// The cue `before` ends in, then white space, and where it starts: as
/// `(?i)\b(since|between|from)\s+$` would find it, read back from its end
/// rather than searched for before every expression.
fn period_cue(before: &str) -> Option<(PeriodCue, usize)> {
    let text = &before[..before_space(before, before.len())?];
    let cues = [(PeriodCue::Between, "between"), (PeriodCue::Between, "from"), (PeriodCue::Since, "since")];
    let (cue, start) = cues.into_iter().find_map(|(cue, word)| Some((cue, start_of_ending(text, word)?)))?;
    // An ASCII word boundary before it: `ſ`, a letter to `(?i)`, is none to `\b`.
    is_word_boundary(text.as_bytes(), start).then_some((cue, start))
}

/// Where `text` starts to end in `word` (ASCII letters) in any case, as
/// `(?i)` reads it: the long `ſ` is an `s` too.
fn start_of_ending(text: &str, word: &str) -> Option<usize> {
    let mut chars = text.char_indices().rev();
    let mut start = text.len();
    for letter in word.bytes().rev() {
        let (i, c) = chars.next()?;
        if !(c.eq_ignore_ascii_case(&char::from(letter)) || (c == 'ſ' && letter == b's')) {
            return None;
        }
        start = i;
    }
    Some(start)
}

/// Whether an expression names a point a period can start or end at.
fn is_point(e: &Expr) -> bool {
    matches!(
        e,
        Expr::Date { day_to: None, .. }
            | Expr::Month { .. }
            | Expr::Year { .. }
            | Expr::Decade { .. }
            | Expr::Season { .. }
            | Expr::Weekday { .. }
            | Expr::Deictic { .. }
            | Expr::Holiday { .. }
    )
}

/// `since X` and `between X and Y` / `from X to Y`: periods made of points,
/// each expression of `kept` (in order) or period made of them given to `emit`.
fn combine(
    segment: &str,
    base: usize,
    kept: impl Iterator<Item = (Range<usize>, Expr)>,
    mut emit: impl FnMut(Range<usize>, Expr),
) {
    let mut iter = kept.peekable();
    while let Some((r, e)) = iter.next() {
        let cue = if is_point(&e) { period_cue(&segment[..r.start - base]) } else { None };
        if let Some((PeriodCue::Between, start)) = cue
            && let Some((r2, e2)) = iter.peek()
            && is_point(e2)
            && BETWEEN_JOIN.is_match(&segment[r.end - base..r2.start - base])
        {
            let (r2, e2) = (r2.clone(), e2.clone());
            iter.next();
            emit(start + base..r2.end, Expr::Between(Box::new(e), Box::new(e2)));
            continue;
        }
        if let Some((PeriodCue::Since, start)) = cue {
            emit(start + base..r.end, Expr::Since(Box::new(e)));
            continue;
        }
        emit(r, e);
    }
}

/// Words that mark a clause as speaking of the future.
const FUTURE_WORDS: &[&str] = &[
    "will",
    "would",
    "shall",
    "'ll",
    "wo",
    "scheduled",
    "expected",
    "due",
    "plans",
    "planned",
    "plan",
    "intends",
    "set",
    "slated",
    "upcoming",
    "going",
    "hopes",
    "aims",
    "should",
    "to-be",
];
/// Words that mark a clause as speaking of the past, besides verbs in `-ed`.
const PAST_WORDS: &[&str] = &[
    "said", "told", "was", "were", "had", "did", "has", "have", "been", "took", "began", "came", "went", "saw", "made",
    "gave", "left", "hit", "struck", "fought", "won", "lost", "met", "held", "killed", "ago", "last", "fell", "broke",
    "led", "sent", "shot", "seized", "died", "spoke", "wrote", "brought", "ran", "set off",
];

/// The tense words by their keys, each with whether it marks the future:
/// every word near every expression is looked up, in a [`KeyTable`], whose
/// probe costs less than a map's.
static TENSE_WORDS: LazyLock<KeyTable<bool>> = LazyLock::new(|| {
    let tense_words = FUTURE_WORDS.iter().map(|w| (w, true)).chain(PAST_WORDS.iter().map(|w| (w, false)));
    let mut words = KeyTable::default();
    for (w, future) in tense_words {
        // A word on both lists is the future's, as it was looked up there first.
        words.entry_or_insert_with(folded_word_key(w.as_bytes()).expect("tense words are short"), || future);
    }
    words
});

/// The tense a trimmed word marks, in any case: future (`will`), past
/// (`said`, `captured`), or none.
fn tense_of(word: &[u8]) -> Option<bool> {
    if let Some(&future) = folded_word_key(word).and_then(|key| TENSE_WORDS.get(key)) {
        return Some(future);
    }
    let ed = |end: &[u8]| word.len() >= end.len() && word[word.len() - end.len()..].eq_ignore_ascii_case(end);
    (word.len() > 4 && ed(b"ed") && !ed(b"eed")).then_some(false)
}

/// The tense a word as written marks, its case and the punctuation around
/// it aside.
fn word_tense(word: &str) -> Option<bool> {
    if word.is_ascii() {
        // ASCII words (nearly all) are trimmed, then lowered: for them the
        // order does not matter, and they need no lowered copy. Trimmed as
        // bytes, not decoded as characters.
        let kept = |b: &u8| b.is_ascii_alphanumeric() || *b == b'\'';
        let bytes = word.as_bytes();
        let start = bytes.iter().position(kept).unwrap_or(bytes.len());
        let end = bytes.iter().rposition(kept).map_or(start, |i| i + 1);
        tense_of(&bytes[start..end])
    } else {
        let kept = |c: char| c.is_alphanumeric() || c == '\'';
        tense_of(word.to_lowercase().trim_matches(|c| !kept(c)).as_bytes())
    }
}

/// How many bytes around an expression its tense is read from: far more
/// than the twelve words before it and eight after that decide.
const TENSE_REACH: usize = 600;

/// The tense of the clause around `segment[start..end]`: the nearest marker
/// before the expression decides (`said Thursday that Russia will strike`
/// is past), else the nearest after it; past when nothing says otherwise.
fn is_future(segment: &str, start: usize, end: usize) -> bool {
    // Only the last words before and the first after count: reading no
    // further than `TENSE_REACH` keeps the work per expression bounded.
    let before = segment.get(floor_char_boundary(segment, start.saturating_sub(TENSE_REACH))..start).unwrap_or("");
    let words_before = clause_words::<true>(before, |i, c| starts_clause(before, i, c));
    if let Some(v) = words_before.take(12).find_map(word_tense) {
        return v;
    }
    let after = segment.get(end..ceil_char_boundary(segment, end + TENSE_REACH)).unwrap_or("");
    clause_words::<false>(after, |_, c| ends_clause(c)).take(8).find_map(word_tense).unwrap_or(false)
}

/// Whether the clause that `text` ends in starts after the character `c` at
/// byte `i`: a quote mark, a colon or semicolon, or the end of the sentence
/// before (a stop, a space, a capital: not `a.m. on`).
fn starts_clause(text: &str, i: usize, c: char) -> bool {
    matches!(c, ';' | ':' | '"' | '“' | '”')
        || (matches!(c, '.' | '!' | '?') && {
            let mut next = text[i + 1..].chars();
            next.next().is_some_and(char::is_whitespace) && next.next().is_some_and(char::is_uppercase)
        })
}

/// Whether a clause read forward ends at `c`.
fn ends_clause(c: char) -> bool {
    matches!(c, ';' | ':' | '"' | '“' | '”' | '.')
}

/// Whether byte `b` is a whole character that is neither white space nor
/// a mark that may end a clause: most of a text's bytes, which
/// `clause_words` takes into the word without decoding or testing them.
fn plain_word_byte(b: u8) -> bool {
    b.is_ascii_graphic() && !matches!(b, b';' | b':' | b'"' | b'.' | b'!' | b'?')
}

/// The words of `text` (split at white space, as `split_whitespace` splits
/// them), from its end back when `BACK` else from its start on, up to the
/// character where `ends_clause`: lazily, so that a clause is read only as
/// far as its words are wanted, not to its end. Runs of plain bytes are
/// skipped over whole; only the characters between them are decoded.
fn clause_words<const BACK: bool>(text: &str, ends_clause: impl Fn(usize, char) -> bool) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    // Where the next character to read ends (going back) or starts.
    let mut at = if BACK { text.len() } else { 0 };
    let mut ended = false;
    std::iter::from_fn(move || {
        let mut word: Option<Range<usize>> = None;
        while !ended {
            let run_from = at;
            if BACK {
                at = bytes[..at].iter().rposition(|&b| !plain_word_byte(b)).map_or(0, |i| i + 1);
            } else {
                at += bytes[at..].iter().position(|&b| !plain_word_byte(b)).unwrap_or(bytes.len() - at);
            }
            if at != run_from {
                let run = run_from.min(at)..run_from.max(at);
                let w = word.get_or_insert(run.clone());
                *w = w.start.min(run.start)..w.end.max(run.end);
            }
            let next = if BACK { text[..at].chars().next_back() } else { text[at..].chars().next() };
            let Some(c) = next else { break };
            let i = if BACK { at - c.len_utf8() } else { at };
            at = if BACK { i } else { i + c.len_utf8() };
            ended = ends_clause(i, c);
            if ended || c.is_whitespace() {
                if word.is_some() {
                    break;
                }
            } else {
                let w = word.get_or_insert(i..i);
                *w = w.start.min(i)..w.end.max(i + c.len_utf8());
            }
        }
        word.map(|w| &text[w])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::weekday_from_name;

    #[test]
    fn the_weekday_names_are_the_patterns() {
        assert_eq!(WEEKDAY_NAMES.map(|(name, _)| name).join("|"), WEEKDAY_FULL);
        for (name, day) in WEEKDAY_NAMES {
            assert_eq!(weekday_from_name(name), Some(day));
        }
    }

    #[test]
    fn no_cue_is_listed_twice() {
        for list in [MONTH_CUES, MAY_CUES, YEAR_CUES] {
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), list.len(), "{list:?}");
        }
    }

    #[test]
    fn words_are_compared_as_their_lowered_copies_were() {
        let lists: [&[&str]; 3] = [MONTH_CUES, MAY_CUES, YEAR_CUES];
        for word in ["In", "SINCE", "the", "ThE", "ſince", "circa", "Circas", "", "x"] {
            for list in lists {
                assert_eq!(is_one_of(word, list), list.contains(&word.to_ascii_lowercase().as_str()), "{word}");
            }
        }
        let by_lowering = |s: &str| match s.to_ascii_lowercase().trim_end_matches('s') {
            "hour" => Some(Unit::Hour),
            "day" => Some(Unit::Day),
            "week" => Some(Unit::Week),
            "weekend" => Some(Unit::Weekend),
            "month" => Some(Unit::Month),
            "year" => Some(Unit::Year),
            "decade" => Some(Unit::Decade),
            _ => None,
        };
        for word in ["days", "DAYS", "DaySsS", "weekS", "wee\u{212a}", "hours", "s", "", "minutes", "yearſ"] {
            assert_eq!(unit_from(word), by_lowering(word), "{word}");
        }
    }

    #[test]
    fn rel_words_are_read_in_any_ascii_case_only() {
        for (word, rel) in [("last", Some(Rel::Last)), ("PAST", Some(Rel::Last)), ("Next", Some(Rel::Next))] {
            assert_eq!(rel_word(word), rel);
        }
        // `ſ` is an `s` to `(?i)` but not to an ASCII comparison, as before.
        for word in ["this", "thiſ", "pasts", "las", "early", ""] {
            let lowered = match word.to_ascii_lowercase().as_str() {
                "last" | "past" => Some(Rel::Last),
                "next" => Some(Rel::Next),
                "this" => Some(Rel::This),
                _ => None,
            };
            assert_eq!(rel_word(word), lowered, "{word}");
        }
    }

    fn candidates(s: &str) -> Vec<Candidate> {
        let mut out = Vec::new();
        recognize(s, 0..s.len(), &mut out);
        out
    }

    fn texts(s: &str) -> Vec<&str> {
        candidates(s).into_iter().map(|c| &s[c.range]).collect()
    }

    #[test]
    fn a_clock_time_without_a_keyword_is_found_by_another_nearby() {
        // `5  pm` holds none of the clock's keywords; `a.m.` two words on does.
        assert_eq!(texts("They left at 5  pm a.m. sharp"), ["5  pm"]);
    }

    #[test]
    fn each_family_searches_only_around_its_own_words() {
        let s = "Fighting began in March 2015 and went on for many long and bitter weeks, said the \
                 residents of the town, who fled on Tuesday morning before the army arrived two days later.";
        let w = windows(s, &WORD_REACH);
        // The keywords' stretches overlap into one window of context...
        assert_eq!(w.merged.len(), 1);
        // ...but the month regexes read only the start, the weekday's only the end.
        let months = &w.by_family[MONTHS.trailing_zeros() as usize];
        let weekdays = &w.by_family[WEEKDAYS.trailing_zeros() as usize];
        assert_eq!(months.len(), 1);
        assert!(months[0].end < s.find("Tuesday").unwrap());
        assert!(weekdays[0].start > s.find("2015").unwrap());
        // Every expression is still found, each once.
        assert_eq!(texts(s), ["March 2015", "Tuesday morning", "two days later"]);
    }

    /// The candidates of `s` when each family's regexes search `reach`
    /// words around its keywords.
    fn candidates_reaching(s: &str, reach: &[(usize, usize); FAMILIES]) -> Vec<Candidate> {
        let windows = windows(s, reach);
        let (mut found, mut out) = (Vec::new(), Vec::new());
        for (window, families) in &windows.merged {
            recognize_in(s, 0, window.clone(), *families, &windows.by_family, &mut found, &mut out);
        }
        out
    }

    /// Keep the longest of overlapping matches the way it was first written:
    /// a map of the kept ranges by start, the one starting last before a
    /// range's end the only one that can overlap it.
    fn longest_first_by_map(mut found: Vec<(Range<usize>, Expr)>) -> Vec<(Range<usize>, Expr)> {
        found.sort_by(|a, b| (b.0.len(), a.0.start).cmp(&(a.0.len(), b.0.start)));
        let mut kept: Vec<(Range<usize>, Expr)> = Vec::with_capacity(found.len());
        let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
        for (r, e) in found {
            let free = taken.range(..r.end).next_back().is_none_or(|(_, &end)| end <= r.start);
            if free {
                taken.insert(r.start, r.end);
                kept.push((r, e));
            }
        }
        kept.sort_by_key(|(r, _)| r.start);
        kept
    }

    proptest::proptest! {
        /// Checking a match against every kept one keeps what the map kept,
        /// in the same order, the first of equal ranges among them.
        #[test]
        fn longest_first_in_place_keeps_what_the_map_kept(
            spans in proptest::collection::vec((0usize..40, 1usize..12), 0..16)
        ) {
            // Each range tagged by its place, so that which of two equal ones is kept shows.
            let found: Vec<(Range<usize>, Expr)> = spans
                .iter()
                .enumerate()
                .map(|(i, &(start, len))| (start..start + len, Expr::Deictic { days: i as i64 }))
                .collect();
            let mut in_place = found.clone();
            longest_first(&mut in_place);
            proptest::prop_assert_eq!(in_place, longest_first_by_map(found));
        }
    }

    proptest::proptest! {
        /// Every match lies within its family's reach in words of one of
        /// its keywords: searching only there finds what searching the
        /// whole window finds, however the words are spaced.
        #[test]
        fn the_word_reach_holds_every_match(s in "(the|beginning|end|of|past|last|twenty|-|one|a|couple|few|days|and|weeks|week|ago|later|in|earlier|on|this|Monday|morning|from|late|until|evening|day|before|\\.|,|Wed|5|21st|to|May|Dec\\.|2016|1990s|06|/|summer|New Year's Day|10|a\\.m\\.|pm|:|recent|x|two|several|minutes|over|weekend|the weekend| | |  |\u{a0}|\u{2009}|\n)*") {
            let everywhere = [(usize::MAX, usize::MAX); FAMILIES];
            proptest::prop_assert_eq!(candidates_reaching(&s, &WORD_REACH), candidates_reaching(&s, &everywhere));
        }
    }

    proptest::proptest! {
        /// `NEAR_UNITS`' regexes find in their short stretches what they
        /// find in `UNITS`' long ones, even where a unit's word with the
        /// Kelvin sign is no keyword.
        #[test]
        fn the_near_units_find_what_the_units_find(s in "(the|end|of|past|twenty|-|one|a|couple|few|several|two|5|days|weeks|wee\u{212a}s|minutes|ago|later|before|recent|at|over|weekend|wee\u{212a}end|and|x|,| |  |\u{a0}|\n)*") {
            let mut units_reach = WORD_REACH;
            units_reach[NEAR_UNITS.trailing_zeros() as usize] = WORD_REACH[UNITS.trailing_zeros() as usize];
            proptest::prop_assert_eq!(candidates_reaching(&s, &WORD_REACH), candidates_reaching(&s, &units_reach));
        }
    }

    /// The keywords as Aho-Corasick finds them, leftmost-longest.
    fn keywords_by_aho_corasick(s: &str) -> Vec<(Range<usize>, u32)> {
        let (words, bits): (Vec<String>, Vec<u32>) = keyword_families().into_iter().unzip();
        let automaton = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(words)
            .unwrap();
        automaton.find_iter(s).map(|m| (m.range(), bits[m.pattern().as_usize()])).collect()
    }

    fn keywords_found(s: &str) -> Vec<(Range<usize>, u32)> {
        let mut found = Vec::new();
        keywords(s, |r, bits| found.push((r, bits)));
        found
    }

    /// What makes the first keyword to end the leftmost ([`Keywords`]).
    #[test]
    fn no_keyword_holds_another_but_at_its_end() {
        let words = keyword_families();
        for (a, _) in &words {
            for (b, _) in words.iter().filter(|(b, _)| b != a) {
                assert!(b.match_indices(a.as_str()).all(|(i, _)| i + a.len() == b.len()), "{a} in {b}");
            }
        }
    }

    #[test]
    fn keywords_are_the_leftmost_longest() {
        let s = "On Sunday, a day of NEW YEAR's Eid: 10am, 9 p.m, Jan. 2016 and jan 5th, yesterdays' weeks; 20:15 Sept. Junew year";
        assert_eq!(keywords_found(s), keywords_by_aho_corasick(s));
        assert!(keywords_found(s).iter().any(|(r, _)| &s[r.clone()] == "Sunday"));
        // `June` is found first, so `new year` cannot be, only its `year`.
        assert_eq!(
            keywords_found(s).iter().rev().map(|(r, _)| &s[r.clone()]).take(2).collect::<Vec<_>>(),
            ["year", "June"]
        );
    }

    /// The groups of a match of `CLOCK` as the regex engine finds them.
    fn clock_by_captures(c: &Captures) -> Option<ClockMatch> {
        let num = |n: &str| c.name(n).and_then(|m| m.as_str().parse::<u32>().ok());
        match (num("h"), num("h24")) {
            (Some(hour), _) => {
                let pm = c.name("ap").is_some_and(|a| a.as_str().to_ascii_lowercase().starts_with('p'));
                Some(ClockMatch { hour, minute: num("m"), pm: Some(pm) })
            }
            (None, Some(hour)) => Some(ClockMatch { hour, minute: num("m24"), pm: None }),
            _ => None,
        }
    }

    proptest::proptest! {
        #[test]
        fn groups_read_off_the_text_are_the_captured(s in "(today|Today|TODAY'S|yesterday|yeſterday|Tomorrow|tomorrows|tonight|this|THIS|thiſ|last|laſt|morning|night|Night|evening|earlier|late|Early|later|recent|RECENT|days|weeks|wee\u{212a}s|years|10|1|2|23|12|0|5|:|30|59|a\\.m\\.|p\\.m|am|PM|A\\.M|’s|'s|s|ſ| |  |\u{a0}|\t|x|-|\\.)*") {
            for c in DEICTIC.captures_iter(&s) {
                let read = DeicticMatch::read(whole_text(&c));
                match (&read, c.name("w"), c.name("this"), c.name("p")) {
                    // The day word with the ending the pattern allows after it.
                    (DeicticMatch::Day(word), Some(w), None, _) => {
                        let ending = word.strip_prefix(w.as_str()).unwrap_or("?");
                        let s_after = ending.strip_prefix(['\'', '’']).unwrap_or(ending);
                        proptest::prop_assert!(
                            ending.is_empty() || matches!(s_after, "s" | "S" | "ſ"),
                            "{read:?} against {c:?}"
                        );
                    }
                    (DeicticMatch::Part { this, part }, None, Some(t), Some(p)) => {
                        proptest::prop_assert_eq!((*this, *part), (t.as_str(), p.as_str()));
                    }
                    _ => proptest::prop_assert!(false, "{read:?} against {c:?}"),
                }
            }
            for c in CLOCK.captures_iter(&s) {
                proptest::prop_assert_eq!(ClockMatch::read(whole_text(&c)), clock_by_captures(&c));
            }
            for c in RECENT.captures_iter(&s) {
                let unit = split_last_word(whole_text(&c)).map(|(_, unit)| unit);
                proptest::prop_assert_eq!(unit, c.name("unit").map(|u| u.as_str()));
            }
        }
    }

    fn whole_text<'h>(c: &Captures<'h>) -> &'h str {
        c.get(0).map_or("", |m| m.as_str())
    }

    proptest::proptest! {
        #[test]
        fn keywords_match_aho_corasick(s in "([Ss]un|[Dd]ay|DAY|day|s|new |[Yy]ear|Sept?\\.?|jan |[Jj]une|[0-9]|19|5 |[ap]\\.m|[AP]M|:|é|—| |night|mid|to|morrow|eid|week)*") {
            proptest::prop_assert_eq!(keywords_found(&s), keywords_by_aho_corasick(&s));
        }
    }

    proptest::proptest! {
        #[test]
        fn digits_found_in_blocks_are_found_byte_by_byte(s in "(0|9|/|:|x|X|é|\u{660}| ){0,40}", from in 0usize..40) {
            let from = floor_char_boundary(&s, from.min(s.len()));
            proptest::prop_assert_eq!(has_digit(&s, from), s[from..].bytes().any(|b| b.is_ascii_digit()));
        }
    }

    proptest::proptest! {
        #[test]
        fn the_cheap_tests_pass_every_match(s in "(on the weekend|at the WEE\u{212a}END|the end of THE\u{a0}Month|earlier in the\u{85}\u{2009}year|later|in|tHe|Year|month|middle|\u{b}|\t|\n|the|week|end|5 May|Dec\\. 31st|5|May|Monday|of|é| |-|,|\\.|/|to|2016|1990s|0|1|s|recent days|RECENT|Recen|t)*") {
            let tests: [(&Regex, MayMatch); 7] =
                [
                    (&THE_UNIT, has_the_before_unit),
                    (&DAY_MONTH, has_digit),
                    (&MONTH_DAY, has_digit),
                    (&THE_WEEKEND, has_weekend),
                    (&NUMERIC, has_date_separator),
                    (&DECADE, has_decade_end),
                    (&RECENT, has_recent),
                ];
            for (re, may_match) in tests {
                for from in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                    if re.is_match_at(&s, from) {
                        proptest::prop_assert!(may_match(&s, from), "{} at {from}", re.as_str());
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn period_cues_read_back_are_the_regexes(before in "(x|_|since|SINCE|\u{17f}ince|between|BETWEEN|From|fro|é|\u{212a}|\u{17f}|-| |\u{a0}|\u{2009}|\n)*") {
            let since = compile(r"(?i)\bsince\s+$").unwrap();
            let between = compile(r"(?i)\b(between|from)\s+$").unwrap();
            let by_regex = between
                .find(&before)
                .map(|m| (PeriodCue::Between, m.start()))
                .or_else(|| since.find(&before).map(|m| (PeriodCue::Since, m.start())));
            proptest::prop_assert_eq!(period_cue(&before), by_regex);
        }
    }

    /// A word's tense as `is_future` read it before `word_tense`: lowered,
    /// trimmed, then looked for in each list.
    fn word_tense_by_lists(word: &str) -> Option<bool> {
        let lower = word.to_lowercase();
        let w = lower.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        if FUTURE_WORDS.contains(&w) {
            return Some(true);
        }
        (PAST_WORDS.contains(&w) || (w.len() > 4 && w.ends_with("ed") && !w.ends_with("eed"))).then_some(false)
    }

    proptest::proptest! {
        #[test]
        fn word_tense_is_the_lists(word in "(will|WILL|'ll|said|Killed|seed|set|off|ed|\\.|,|\"|'|é|İ|É|x|D){0,12}") {
            proptest::prop_assert_eq!(word_tense(&word), word_tense_by_lists(&word));
        }
    }

    #[test]
    fn every_tense_word_is_found() {
        for w in FUTURE_WORDS {
            assert_eq!(word_tense(w), Some(true), "{w}");
        }
        for w in PAST_WORDS.iter().filter(|w| !w.contains(' ')) {
            assert_eq!(word_tense(w), Some(false), "{w}");
        }
        assert_eq!(word_tense(&format!("{}ed", "x".repeat(40))), Some(false));
    }

    /// The clause's words as `is_future` read them before `clause_words`:
    /// the whole clause found first, then split.
    fn clause_words_by_splitting(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
        let clause_start = before
            .char_indices()
            .rev()
            .find(|&(i, c)| starts_clause(before, i, c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let clause_end = after.find(ends_clause).unwrap_or(after.len());
        (
            before[clause_start..].split_whitespace().rev().map(String::from).collect(),
            after[..clause_end].split_whitespace().map(String::from).collect(),
        )
    }

    /// How many bytes `bytes_within_words` counts, from where every run of
    /// white space in `chars` starts.
    fn bytes_within_words_by_chars(chars: impl Iterator<Item = char>, words: usize) -> usize {
        let (mut read, mut was_space, mut run_starts) = (0, false, Vec::new());
        for c in chars {
            if c.is_whitespace() && !was_space {
                run_starts.push(read);
            }
            was_space = c.is_whitespace();
            read += c.len_utf8();
        }
        run_starts.get(words).copied().unwrap_or(read)
    }

    proptest::proptest! {
        #[test]
        fn graphic_runs_are_counted_byte_by_byte(bytes in proptest::collection::vec(proptest::prop_oneof![0x1fu8..0x23, 0x7cu8..0x82, 0xfeu8..=0xff, proptest::prelude::any::<u8>(), proptest::strategy::Just(b'a')], 0..40)) {
            let not_graphic = |b: &u8| !b.is_ascii_graphic();
            proptest::prop_assert_eq!(graphic_run::<false>(&bytes), bytes.iter().position(not_graphic).unwrap_or(bytes.len()));
            proptest::prop_assert_eq!(graphic_run::<true>(&bytes), bytes.iter().rev().position(not_graphic).unwrap_or(bytes.len()));
        }
    }

    proptest::proptest! {
        #[test]
        fn bytes_within_words_are_counted_as_by_chars(text in "(word|x|.|,|é|İ|\u{7f}|\u{1}|\u{2003}|\u{a0}|\u{85}|\x0b|\t| |\n)*", words in 0usize..6) {
            let (mut back, mut on) = (vec![0; words + 1], vec![0; words + 1]);
            bytes_within_words::<true>(&text, &mut back);
            bytes_within_words::<false>(&text, &mut on);
            for n in 0..=words {
                proptest::prop_assert_eq!(back[n], bytes_within_words_by_chars(text.chars().rev(), n));
                proptest::prop_assert_eq!(on[n], bytes_within_words_by_chars(text.chars(), n));
            }
        }
    }

    /// Text with words, the marks that end a clause, and white space ASCII
    /// and not (`\x0b` and `\u{85}` are white space to `char` only).
    const CLAUSE_TEXT: &str =
        "(will|said|A|B|a\\.m\\.|x,y|'ll|\\.|!|\\?|;|:|\"|“|”|é|İ|\u{2003}|\u{a0}|\u{85}|\u{2028}|\x0b|\t| |\n)*";

    proptest::proptest! {
        #[test]
        fn clause_words_are_the_split_clause(before in CLAUSE_TEXT, after in CLAUSE_TEXT) {
            let lazily = (
                clause_words::<true>(&before, |i, c| starts_clause(&before, i, c)).map(String::from).collect(),
                clause_words::<false>(&after, |_, c| ends_clause(c)).map(String::from).collect(),
            );
            proptest::prop_assert_eq!(lazily, clause_words_by_splitting(&before, &after));
        }
    }

    /// Text made of the words `MONTH`, `YEAR_RE` and `WEEKDAY` match, in any order.
    const GROUP_WORDS: &str = "(mid|-|EARLY|the end of|[Ll]ast|next|This|past|late|on|June|May|Sept\\.|Jan|Mar\\.|,| |\u{a0}|2016|1999|of|[Yy]ear|Friday|'s|s|morning|x)*";

    proptest::proptest! {
        #[test]
        fn month_groups_read_off_the_text_are_the_captured(s in GROUP_WORDS) {
            for c in MONTH.captures_iter(&s) {
                let group = |name: &str| c.name(name).map(|m| m.as_str());
                let captured = group("m").and_then(|name| {
                    Some(MonthMatch {
                        name,
                        month: month_from_name(name)?,
                        year: group("y").and_then(|y| y.parse().ok()),
                        part: group("part").map_or(Part::Whole, part_from),
                        rel: group("rel").map(rel_from),
                        year_offset: group("ry").map(|r| match rel_from(r) {
                            Rel::Last => -1,
                            Rel::This => 0,
                            Rel::Next => 1,
                        }),
                    })
                });
                proptest::prop_assert_eq!(month_match(&c[0]), captured);
            }
        }

        #[test]
        fn year_groups_read_off_the_text_are_the_captured(s in GROUP_WORDS) {
            for c in YEAR_RE.captures_iter(&s) {
                let part = c.name("part").map_or(Part::Whole, |p| part_from(p.as_str()));
                proptest::prop_assert_eq!(year_match(&c[0]), Some((c["y"].parse().unwrap(), part)));
            }
        }

        #[test]
        fn weekday_matches_read_by_hand_are_the_regexes(
            s in "(Monday|Friday|Sunday|sunday|Frida|day|[Ll]ast|LATE|earlier|laſt|later|this|next|past|early|[Oo]n|xon|'s|’s|s|x|é|_|\\.|,|-|1| |  |\t|\u{a0}|[Mm]orning|NIGHT|nights|evening)*",
            from in 0usize..80,
        ) {
            let from = floor_char_boundary(&s, from.min(s.len()));
            let by_regex: Vec<_> = matches_from::<Captures>(&WEEKDAY, &s, from)
                .map(|c| (whole(&c), weekday_from_name(&c["wd"]).unwrap(), c.name("rel").and_then(|r| rel_word(r.as_str()))))
                .collect();
            proptest::prop_assert_eq!(weekday_matches(&s, from).collect::<Vec<_>>(), by_regex);
        }
    }

    proptest::proptest! {
        #[test]
        fn dates_read_off_the_text_are_the_captured(s in "(Monday|Wed\\.|,| |\u{2009}|the|of|5|05|21st|31|30|-|–|to|June|Sept\\.|Feb|Dec\\.|2016|1999|x)*") {
            for re in [&DAY_MONTH, &MONTH_DAY] {
                for c in re.captures_iter(&s) {
                    let group = |name: &str| c.name(name).map(|m| m.as_str());
                    let leading_number = |s: &str| s.trim_end_matches(char::is_alphabetic).parse::<u32>().ok();
                    let captured = (|| {
                        let (month, day) = (month_from_name(group("m")?)?, leading_number(group("d")?)?);
                        let year = group("y").and_then(|y| y.parse().ok());
                        chrono::NaiveDate::from_ymd_opt(year.unwrap_or(2016), month, day)?;
                        let day_to = group("d2").and_then(leading_number).filter(|&d| d > day);
                        Some(Expr::Date { year, month, day, day_to })
                    })();
                    proptest::prop_assert_eq!(date_match(&c[0]), captured);
                }
            }
        }

        #[test]
        fn numeric_dates_read_off_the_text_are_the_captured(s in "(2017|1999|2049|20|19|0|1|2|3|5|06|12|13|31|-|\\.|/| |x|é)*") {
            for c in NUMERIC.captures_iter(&s) {
                let num = |n: &str| c.name(n).and_then(|m| m.as_str().parse::<u32>().ok());
                let captured = if let (Some(y), Some(m), Some(d)) = (num("iy"), num("im"), num("id")) {
                    Some(Expr::Date { year: Some(y as i32), month: m, day: d, day_to: None })
                } else if let (Some(a), Some(b), Some(y)) = (num("a"), num("b"), num("y")) {
                    match (a, b) {
                        (1..=31, 1..=12) if a > 12 || a == b => {
                            Some(Expr::Date { year: Some(y as i32), month: b, day: a, day_to: None })
                        }
                        (1..=12, 13..=31) => Some(Expr::Date { year: Some(y as i32), month: a, day: b, day_to: None }),
                        (1..=12, 1..=12) => Some(Expr::AmbiguousNumeric { a, b, year: y as i32 }),
                        _ => None,
                    }
                } else {
                    None
                };
                proptest::prop_assert_eq!(numeric_match(&c[0]), captured);
            }
        }

        #[test]
        fn calendar_groups_read_off_the_text_are_the_captured(s in "(the|The|end|of|beginning|START|earlier|late|past|Last|next|coming|previous|this|recent|few|several|couple|a|twenty|-|one|24|\\+|plus|PLUS|days|week|weekend|Years|hours|and|,| |  |\n)*") {
            for c in CALENDAR.captures_iter(&s) {
                proptest::prop_assert_eq!(CalendarMatch::read(&c[0]), CalendarMatch::captured(&c));
            }
        }

        #[test]
        fn counts_read_off_the_text_are_the_captured(s in "(twenty|-|one|a|few|couple|of|several|24|days|week|years|ago|later|before| |\u{a0}|x)*") {
            for c in OFFSET.captures_iter(&s) {
                let (rest, dir) = split_last_word(&c[0]).unwrap();
                proptest::prop_assert_eq!((split_last_word(rest).unwrap(), dir), ((&c["n"], &c["unit"]), &c["dir"]));
            }
            for c in DURATION.captures_iter(&s) {
                proptest::prop_assert_eq!(split_last_word(&c[0]), Some((&c["n"], &c["unit"])));
            }
        }
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(texts("It began on 22 June 2017 and ended June 25, 2017."), ["22 June 2017", "June 25, 2017"]);
        assert_eq!(texts("Wed 05 Apr 2017 Syria attack"), ["Wed 05 Apr 2017"]);
        assert_eq!(texts("The drill ran May 15-24 in Jordan."), ["May 15-24"]);
        assert_eq!(texts("Published 2017-06-22 in Raqqa."), ["2017-06-22"]);
    }

    #[test]
    fn may_the_verb_and_the_prime_minister() {
        assert!(texts("The regime May try again, said Theresa May.").is_empty());
        assert_eq!(texts("Talks began in May."), ["May"]);
    }

    #[test]
    fn counts_are_not_years() {
        assert!(texts("Rebels killed 2000 fighters.").is_empty());
        assert_eq!(texts("The uprising began in 2011."), ["2011"]);
    }

    #[test]
    fn since_and_between() {
        assert_eq!(texts("Since March 2011, the war has killed many."), ["Since March 2011"]);
        assert_eq!(texts("It ran between March and May."), ["between March and May"]);
    }

    #[test]
    fn tense() {
        let s = "The Observatory said Thursday that Russia will strike.";
        assert!(!candidates(s)[0].future);
        let s = "The leaders will meet on Friday.";
        assert!(candidates(s)[0].future);
    }
}
