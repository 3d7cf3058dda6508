//! Finding claims: a cue, the words naming its speaker, and what was said.

use std::cell::Cell;
use std::ops::Range;

use super::lexicon::{Lexicon, Lists, PhraseKind, Verb, is_acronym};
use super::quotes::region_at;
use super::sources::is_name_word;
use super::tokens::{Token, TokenKind, ends_with_quote, starts_with_quote, tokenize};
use crate::model::SourceKind;
use crate::segment::Sentences;
use crate::text::{alphanumeric_end, char_at};

/// Where a claim's speaker is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Speaker {
    /// Nobody (`it was reported that`).
    None,
    /// A noun phrase or pronoun (`the SDF`, `He`).
    Phrase(Range<usize>),
    /// `who` or `which`, standing for the phrase before it.
    Relative { pronoun: Range<usize>, antecedent: Option<Range<usize>> },
}

/// A claim as found, in byte ranges, before its speaker is resolved.
#[derive(Debug, Clone)]
pub struct RawClaim {
    pub cue: Range<usize>,
    pub speaker: Speaker,
    pub content: Option<Range<usize>>,
    pub sentence: usize,
    /// Whom a `tell`-like verb addresses (`Xinhua` in `told Xinhua`).
    pub addressee: Option<Range<usize>>,
    /// The comma before a gerund cue (`, adding that`), where the previous
    /// claim's content ends.
    pub lead_comma: Option<usize>,
}

impl RawClaim {
    /// The outlet a claim came through, when the speaker `told` one.
    pub fn channel(&self, text: &str, lex: &Lexicon, dateline_outlet: Option<&str>) -> Option<String> {
        let addressee = text.get(self.addressee.clone()?)?;
        let bare = strip_determiner(addressee);
        let words: Vec<&str> = bare.split_whitespace().collect();
        // The outlet may lead a longer addressee: `SANA's correspondent`, `AFP reporters`.
        for n in (1..=words.len().min(MAX_OUTLET_WORDS)).rev() {
            let lead = words[..n].join(" ");
            let lead = strip_possessive(&lead);
            let lower = lead.to_lowercase();
            let is_outlet = lex.outlets.contains(&lower)
                || lex.outlets.contains(&format!("the {lower}"))
                || dateline_outlet.is_some_and(|o| o.eq_ignore_ascii_case(lead));
            if is_outlet {
                return Some(lead.to_string());
            }
        }
        None
    }
}

/// Longest outlet name, in words (`Agence France Presse`).
const MAX_OUTLET_WORDS: usize = 3;

/// `SANA's`, `SANA’s` and, in archives that lost apostrophes, `SANAs` for an
/// upper-case name.
fn strip_possessive(s: &str) -> &str {
    if let Some(stem) = s.strip_suffix("'s").or_else(|| s.strip_suffix("\u{2019}s")) {
        return stem;
    }
    match s.strip_suffix('s') {
        Some(stem) if stem.len() >= 2 && stem.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) => stem,
        _ => s,
    }
}

fn strip_determiner(s: &str) -> &str {
    for det in ["the ", "The "] {
        if let Some(rest) = s.strip_prefix(det) {
            return rest;
        }
    }
    s
}

/// Most words a speaker's noun phrase may have.
const MAX_PHRASE: usize = 12;
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2013}' | '\u{2014}')
}

/// Words after which a noun phrase is an object, never a subject.
/// A match on the bytes rather than a list of words, each compared in turn.
fn is_preposition(word: &[u8]) -> bool {
    matches!(
        word,
        b"in"
            | b"at"
            | b"from"
            | b"near"
            | b"on"
            | b"into"
            | b"with"
            | b"by"
            | b"to"
            | b"inside"
            | b"outside"
            | b"across"
    )
}

/// Irregular past forms common in news copy that are seldom a noun or an
/// adjective inside a phrase (not `left`, `hit`, `set`, `cut`).
const IRREGULAR_PASTS: &[&[u8]] = &[
    b"went", b"came", b"took", b"made", b"gave", b"began", b"met", b"sent", b"spoke", b"brought", b"kept", b"fought",
    b"won", b"fled", b"struck", b"led", b"saw", b"knew", b"thought", b"stood", b"sought",
];

/// Words that join clauses: a name may follow them (`But Jane Doe, ..., said`).
const CONJUNCTIONS: &[&str] = &["and", "but", "or", "so", "yet", "nor"];
/// Most words a comma-set phrase may have (`who as a Navy captain was ...`).
const MAX_APPOSITIVE: usize = 40;
/// Fewest words of content before a speaker with no comma between them.
const MIN_BARE_CONTENT: usize = 4;
/// How many comma-set stretches are read back from a verb for the name
/// that opens its clause, the name's own among them: four phrases may stand
/// between (`Jane Doe, 59, of Ashton, Md., who watched it, said`).
const MAX_APPOSITIVES: usize = 5;
/// Most words of a place phrase after an inverted speaker (`said one
/// source in the room`).
const MAX_PLACE_PHRASE: usize = 6;
/// How far past `called` the quote it names may open.
const NAMING_REACH: usize = 10;
/// How far past a verb a `that` clause may start (`said in a statement on Thursday that`).
const THAT_REACH: usize = 10;

/// Every claim in the body, in text order.
/// `lower` is `text` in ASCII lower case, and `ascii` says that `text` is
/// ASCII; `floor` is where the body's words begin, past any dateline.
pub fn find_claims(
    text: &str,
    lower: &str,
    ascii: bool,
    sentences: &Sentences,
    quotes: &[Range<usize>],
    floor: usize,
    lex: &Lexicon,
) -> Vec<RawClaim> {
    // Where cues start; only their sentences are read closely.
    let body_start = sentences.spans.first().map_or(0, |s| s.bytes.start);
    let cues = lex.cue_starts(text, body_start);
    let mut passed = PassedCues { bytes: text.as_bytes(), lower: lower.as_bytes(), quotes, lex, quote: 0 };
    // Most reports have no signing dash at all: one search says so for all
    // their sentences, rather than one search each, and an ASCII report,
    // as most are, needs none, the dashes being wide characters.
    let any_signing_dash = !ascii && text.get(body_start..).is_some_and(has_signing_dash);
    let mut out = Vec::with_capacity(cues.len());
    // Per sentence read closely, kept from one to the next for their room,
    // which starts at what most sentences need rather than growing to it.
    let mut tokens = Vec::with_capacity(SENTENCE_TOKENS);
    let mut lists = Vec::with_capacity(SENTENCE_TOKENS);
    let mut next_cue = 0;
    for (i, span) in sentences.spans.iter().enumerate() {
        let first_in_paragraph = i == 0 || sentences.paragraph.get(i - 1) != sentences.paragraph.get(i);
        let sentence_text = &text[span.bytes.clone()];
        let maybe_transcript = first_in_paragraph && may_open_transcript(sentence_text);
        let maybe_signed = any_signing_dash && has_signing_dash(sentence_text);
        // Sentences come in text order, so their cues are read on from the
        // last sentence's, a step or two rather than two binary searches.
        let first = next_cue + cues[next_cue..].iter().take_while(|&&c| c < span.bytes.start).count();
        next_cue = first + cues[first..].iter().take_while(|&&c| c < span.bytes.end).count();
        let here = first..next_cue;
        if !maybe_transcript && !maybe_signed && cues[here.clone()].iter().all(|&at| passed.passes_over(at)) {
            continue;
        }
        tokenize(text, span.bytes.clone(), &mut tokens);
        // Plain lists in a `Cell`, not a `OnceCell` or an `Option`: unread
        // lists are one byte repeated, so the resize fills the room as a
        // block rather than a place at a time.
        lists.clear();
        lists.resize(tokens.len(), Cell::new(Lists::UNREAD));
        let start = span.bytes.start.max(floor.min(span.bytes.end)).max(if i == 0 {
            dateline_end(text, span.bytes.clone())
        } else {
            0
        });
        let sentence = Sentence {
            text,
            tokens: &tokens,
            lists: &lists,
            lower,
            range: span.bytes.clone(),
            start,
            index: i,
            quotes,
            lex,
        };
        let from = out.len();
        if maybe_transcript && let Some(c) = sentence.transcript(sentences) {
            out.push(c);
            continue;
        }
        sentence.claims(&cues[here], maybe_signed, &mut out);
        cut_at_gerunds(text, &mut out[from..]);
    }
    extend_running_quotes(text, sentences, quotes, &mut out);
    out
}

/// Tells the cues that `Sentence::claims` passes over from the bytes,
/// before any sentence is tokenised, so that a sentence whose cues are all
/// passed over (and that holds no transcript or signature) is not tokenised
/// at all: a capitalised word that starts no phrase (`United States`), which
/// is no verb there; and a word inside a quote, when a byte that ends every
/// word (`ends_every_word`) stands between it and the quote's end, so that
/// its token ends inside the quote too.
struct PassedCues<'a> {
    bytes: &'a [u8],
    /// The same text in ASCII lower case.
    lower: &'a [u8],
    quotes: &'a [Range<usize>],
    lex: &'a Lexicon,
    /// The first quote that ends after the last cue asked about: cues are
    /// asked about in text order, so the quotes are read on from it, not
    /// searched for each.
    quote: usize,
}

impl PassedCues<'_> {
    fn passes_over(&mut self, at: usize) -> bool {
        while self.quotes.get(self.quote).is_some_and(|r| r.end <= at) {
            self.quote += 1;
        }
        // A cue starts with an ASCII letter, its first word's; most are in
        // lower case and outside quotes, and need no further look.
        let capitalised = self.bytes[at].is_ascii_uppercase();
        let quote_end = self.quotes.get(self.quote).filter(|r| r.start < at).map(|r| r.end);
        if !capitalised && quote_end.is_none() {
            return false;
        }
        let word_end = alphanumeric_end(self.bytes, at);
        capitalised && !self.lex.lists_at(self.lower, at..word_end).any(Lists::PHRASE_START)
            || quote_end.is_some_and(|end| {
                self.bytes.get(word_end..end).is_some_and(|inside| inside.iter().any(|&b| ends_every_word(b)))
            })
    }
}

/// Whether an ASCII byte ends every word the tokenizer reads that reaches
/// it: it is no letter or digit, and joins no word (`tokens::word_end`).
fn ends_every_word(b: u8) -> bool {
    b.is_ascii() && !b.is_ascii_alphanumeric() && !matches!(b, b'\'' | b'-' | b'.' | b'/' | b'&')
}

/// Whether a sentence may be a transcript line (`PENCE: Well, ...`): it
/// has a colon, and no lower-case letter before it, where `transcript`
/// would find one in a word and take the line for none. Sentences without
/// a cue are then tokenised for a transcript only where one may be.
fn may_open_transcript(s: &str) -> bool {
    let bytes = s.as_bytes();
    memchr::memchr(b':', bytes).is_some_and(|colon| !bytes[..colon].iter().any(u8::is_ascii_lowercase))
}

/// Whether `bytes` holds the two bytes of `pair` one after the other: a
/// byte search for the first, where a substring search costs more to start
/// than the few bytes it reads.
pub(super) fn holds_pair(bytes: &[u8], pair: [u8; 2]) -> bool {
    memchr::memchr_iter(pair[0], bytes).any(|i| bytes.get(i + 1) == Some(&pair[1]))
}

/// Tokens of a long sentence, for the buffers' first room.
const SENTENCE_TOKENS: usize = 64;

/// Whether `s` holds a dash that may sign a quote (`\u{2015}`, `\u{2014}`,
/// `\u{2013}`): they all encode as E2 80 93..=95, so a byte search finds
/// them without decoding every sentence char by char.
fn has_signing_dash(s: &str) -> bool {
    let bytes = s.as_bytes();
    memchr::memchr_iter(0xE2, bytes).any(|i| matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x93..=0x95])))
}

/// The end of a wire dateline the reader did not take as one
/// (`TABQA, Syria, May 10 (Xinhua) --`): an outlet in brackets and a dash
/// near the start of the first sentence.
fn dateline_end(text: &str, sentence: Range<usize>) -> usize {
    let head_end = (sentence.start + DATELINE_REACH).min(sentence.end);
    let Some(head) = text.get(sentence.start..head_end) else { return 0 };
    // Each ending opens with the bracket: most heads have none, and one
    // byte search rules out the four substring searches.
    if memchr::memchr(b')', head.as_bytes()).is_none() {
        return 0;
    }
    for dash in [") --", ") \u{2014}", ") \u{2013}", ") -"] {
        if let Some(i) = head.find(dash) {
            return sentence.start + i + dash.len();
        }
    }
    0
}

/// How far into the first sentence a dateline may end.
const DATELINE_REACH: usize = 80;

/// `said that X, adding that Y`: the first content ends at the comma.
fn cut_at_gerunds(text: &str, claims: &mut [RawClaim]) {
    for k in 1..claims.len() {
        let Some(comma) = claims[k].lead_comma else { continue };
        let prev = &mut claims[k - 1];
        if let Some(c) = &prev.content
            && c.start < comma
            && comma < c.end
        {
            prev.content = Some(trim(text, c.start..comma));
        }
    }
}

/// A direct quote that runs on: `"...," he said. "More words."` The
/// following sentences that open with a quote and cite nobody else belong
/// to the same claim.
fn extend_running_quotes(text: &str, sentences: &Sentences, quotes: &[Range<usize>], claims: &mut [RawClaim]) {
    // Claims come in sentence order: the sentences cited are sorted.
    let cited: Vec<usize> = claims.iter().map(|c| c.sentence).collect();
    for c in claims.iter_mut() {
        let Some(content) = c.content.clone() else { continue };
        if !ends_with_quote(text[content.clone()].trim_end_matches(['.', ',', ' '])) {
            continue;
        }
        let mut end = content.end;
        let Some(mut s) = sentences.at(end.saturating_sub(1)) else { continue };
        let paragraph = sentences.paragraph.get(s).copied();
        // The cue's own sentence may end after the content (`"...," he said.`).
        s = s.max(c.sentence);
        while let Some(next) = sentences.spans.get(s + 1) {
            if cited.binary_search(&(s + 1)).is_ok() || sentences.paragraph.get(s + 1).copied() != paragraph {
                break;
            }
            let start = next.bytes.start;
            if !starts_with_quote(&text[start..]) {
                break;
            }
            match region_at(quotes, start) {
                Some(r) if r.start == start => {
                    end = r.end;
                    match sentences.at(r.end.saturating_sub(1)) {
                        Some(last) => s = last,
                        None => break,
                    }
                }
                _ => break,
            }
        }
        if end > content.end {
            c.content = Some(content.start..end);
        }
    }
}

/// Narrow a byte range to non-space, non-trailing-stop text.
fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    // A range turned inside out (a cue after the end it was cut at) is empty.
    let Some(s) = text.get(r.clone()) else { return r.start..r.start };
    let start = r.start + (s.len() - s.trim_start().len());
    let mut end = r.end - (s.len() - s.trim_end().len());
    let inner = &text[start..end.max(start)];
    let without = inner.trim_end_matches([',', ';', ':', '.', ' ', '\u{2014}', '-']);
    end = start + without.len();
    start..end.max(start)
}

struct Sentence<'a> {
    text: &'a str,
    tokens: &'a [Token],
    /// Per token, once asked: the word lists it is on.
    lists: &'a [Cell<Lists>],
    /// The text in ASCII lower case, at the same byte offsets: the
    /// lexicons' words are ASCII.
    lower: &'a str,
    range: Range<usize>,
    /// Where the sentence's own words start: after a dateline in the first one.
    start: usize,
    index: usize,
    quotes: &'a [Range<usize>],
    lex: &'a Lexicon,
}

/// How the text after a cue goes on.
enum After {
    /// What was said follows (`that ...`, a clause, a quote).
    Content(Range<usize>),
    /// Nothing follows: the sentence or clause ends (`..., he said.`);
    /// `more` is a quote that resumes after a comma (`, "..."`).
    End { more: Option<Range<usize>> },
}

impl<'a> Sentence<'a> {
    fn word(&self, i: usize) -> Option<&'a str> {
        let t = self.tokens.get(i)?;
        (t.kind == TokenKind::Word).then(|| &self.text[t.range.clone()])
    }

    /// Token `i` in lower case as bytes, for comparing with given words:
    /// unlike a `str`, a byte slice is cut without a look at where
    /// characters start, and the rules compare words very often.
    fn lower_bytes(&self, i: usize) -> Option<&'a [u8]> {
        let t = self.tokens.get(i)?;
        (t.kind == TokenKind::Word).then(|| &self.lower.as_bytes()[t.range.clone()])
    }

    /// How word `i` behaves as a reporting verb, if it is one: its lists,
    /// kept per token and mostly read already, say so.
    fn verb(&self, i: usize) -> Option<Verb> {
        self.lists(i).verb()
    }

    /// Whether token `i` is the word `w` (given in lower case).
    fn is_word(&self, i: usize, w: &str) -> bool {
        self.lower_bytes(i) == Some(w.as_bytes())
    }

    fn is_any_word(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word)
    }

    /// The first character of word `i`.
    fn first_char(&self, i: usize) -> Option<char> {
        let t = self.tokens.get(i)?;
        (t.kind == TokenKind::Word).then(|| char_at(self.text, t.range.start)).flatten()
    }

    /// The word lists token `i` is on, looked up once: none for marks.
    fn lists(&self, i: usize) -> Lists {
        let Some(known) = self.lists.get(i) else { return Lists::NONE };
        if known.get() != Lists::UNREAD {
            return known.get();
        }
        let lists = match self.tokens[i].kind {
            TokenKind::Word => {
                let range = self.tokens[i].range.clone();
                let lists = self.lex.lists_at(self.lower.as_bytes(), range.clone());
                // Asked of the few pronouns only: `WHO` and `US` are names.
                if lists.any(Lists::PRONOUN | Lists::RELATIVE) && is_acronym(&self.text[range]) {
                    lists.without(Lists::PRONOUN | Lists::RELATIVE)
                } else {
                    lists
                }
            }
            _ => Lists::NONE,
        };
        known.set(lists);
        lists
    }

    /// Whether token `i` is a word on any of `lists`.
    fn is(&self, i: usize, lists: Lists) -> bool {
        self.lists(i).any(lists)
    }

    fn punct(&self, i: usize) -> Option<char> {
        match self.tokens.get(i)?.kind {
            TokenKind::Punct(c) => Some(c),
            _ => None,
        }
    }

    fn is_quote(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Quote)
    }

    fn capitalized(&self, i: usize) -> bool {
        self.first_char(i).is_some_and(char::is_uppercase)
    }

    fn in_quote(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| {
            region_at(self.quotes, t.range.start).is_some_and(|r| r.start < t.range.start && t.range.end < r.end)
        })
    }

    fn span(&self, from: usize, to: usize) -> Range<usize> {
        self.tokens[from].range.start..self.tokens[to].range.end
    }

    /// The end of what was said when it runs to the end of the sentence.
    fn content_to_end(&self, start: usize) -> Option<Range<usize>> {
        let r = trim(self.text, start..self.range.end);
        // Keep a closing quote's stop: `... was "true."`
        let r = if starts_with_quote(self.text[r.end..self.range.end].trim_start_matches(['.', '!', '?'])) {
            r.start..self.range.end
        } else {
            r
        };
        (!r.is_empty()).then_some(r)
    }

    /// A transcript line: `PENCE: Well, look, ...`.
    fn transcript(&self, sentences: &Sentences) -> Option<RawClaim> {
        let first = usize::from(self.is_quote(0));
        let mut i = first;
        while let Some(w) = self.word(i) {
            let mut letters = w.chars().filter(|c| c.is_alphabetic());
            if letters.clone().nth(1).is_none() || letters.any(char::is_lowercase) {
                return None;
            }
            i += 1;
        }
        if i == first || i - first > 4 || self.punct(i) != Some(':') {
            return None;
        }
        let paragraph = sentences.paragraph.get(self.index).copied();
        let mut end = self.range.end;
        for (s, span) in sentences.spans.iter().enumerate().skip(self.index + 1) {
            if sentences.paragraph.get(s).copied() != paragraph {
                break;
            }
            end = span.bytes.end;
        }
        let after = self.tokens.get(i + 1)?.range.start;
        Some(RawClaim {
            cue: self.tokens[i].range.clone(),
            speaker: Speaker::Phrase(self.span(first, i - 1)),
            content: Some(trim(self.text, after..end)),
            sentence: self.index,
            addressee: None,
            lead_comma: None,
        })
    }

    /// The claims of this sentence, reading the tokens where the cue finder
    /// matched (`cues`, byte offsets) and, when `signed`, every dash.
    fn claims(&self, cues: &[usize], signed: bool, out: &mut Vec<RawClaim>) {
        let from = out.len();
        if signed {
            out.extend((0..self.tokens.len()).filter_map(|i| self.dash_claim(i)));
        }
        let mut next_free = 0;
        for &at in cues {
            let i = self.token_at(at);
            if i < next_free || self.tokens.get(i).is_none_or(|t| t.range.start != at) {
                continue;
            }
            if !self.is_any_word(i) || self.in_quote(i) {
                continue;
            }
            if let Some((len, kind)) = self.phrase_at(i) {
                if kind != PhraseKind::NotCue
                    && let Some(c) = self.phrase_claim(i, len, kind)
                {
                    out.push(c);
                }
                next_free = i + len;
                continue;
            }
            // A capitalised `States` or `Reports` is a name or a headline, not a verb.
            let lower_case = self.first_char(i).is_some_and(char::is_lowercase);
            let verb = self.verb(i).filter(|_| lower_case);
            if let Some(verb) = verb
                && let Some(c) = self.verb_claim(i, verb, &out[from..])
            {
                out.push(c);
            }
        }
        out[from..].sort_by_key(|c| c.cue.start);
    }

    fn phrase_at(&self, i: usize) -> Option<(usize, PhraseKind)> {
        let lists = self.lists(i);
        if !lists.any(Lists::PHRASE_START) {
            return None;
        }
        self.lex.phrases_of(lists).find_map(|(words, kind)| {
            let rest = words.iter().enumerate().skip(1).all(|(k, w)| self.is_word(i + k, w));
            rest.then_some((words.len(), *kind))
        })
    }

    /// `according to X, ...`, `..., according to X`, `X was quoted as saying`.
    fn phrase_claim(&self, i: usize, len: usize, kind: PhraseKind) -> Option<RawClaim> {
        let cue = self.span(i, i + len - 1);
        match kind {
            PhraseKind::SourceAfter => {
                let (np, after) = self.phrase_right(i + len, true)?;
                // Content before the phrase when the sentence has words there, else after the source's comma.
                let before = self.tokens[..i]
                    .iter()
                    .filter(|t| t.kind == TokenKind::Word && t.range.start >= self.start)
                    .count();
                let content = if before > 0 {
                    let start = self.leading_content_start();
                    Some(trim(self.text, start..self.tokens[i].range.start)).filter(|r| !r.is_empty())
                } else {
                    let next = (after..self.tokens.len()).find(|&k| self.is_any_word(k) || self.is_quote(k))?;
                    self.content_to_end(self.tokens[next].range.start)
                };
                Some(RawClaim {
                    cue,
                    speaker: Speaker::Phrase(np),
                    content,
                    sentence: self.index,
                    addressee: None,
                    lead_comma: None,
                })
            }
            PhraseKind::NotCue => None,
            PhraseKind::Quoted => {
                // `X was quoted as saying`: the subject is the speaker, the auxiliary part of the cue.
                let mut j = i;
                while j > 0 && (self.is(j - 1, Lists::AUXILIARY) || self.is(j - 1, Lists::ADVERB)) {
                    j -= 1;
                }
                let np = self.phrase_left(j.checked_sub(1)?)?;
                let content = match self.after_cue(i + len) {
                    After::Content(r) => Some(r),
                    After::End { .. } => None,
                };
                Some(RawClaim {
                    cue: self.span(j, i + len - 1),
                    speaker: Speaker::Phrase(np),
                    content,
                    sentence: self.index,
                    addressee: None,
                    lead_comma: None,
                })
            }
        }
    }

    /// The start of content that runs from the sentence's start up to a cue,
    /// a quote that opened earlier included.
    fn leading_content_start(&self) -> usize {
        let start = self.start;
        region_at(self.quotes, start).map_or(start, |r| r.start.min(start))
    }

    fn verb_claim(&self, i: usize, verb: Verb, earlier: &[RawClaim]) -> Option<RawClaim> {
        let prev = i.checked_sub(1);
        // `to say`, `a report`, `the claims`: not a reporting verb here.
        if let Some(p) = prev
            && !verb.gerund
            && (self.is_word(p, "to") || self.is(p, Lists::DETERMINER))
        {
            return None;
        }
        // `Trump’s comments`, `medical claims`: an -s form after a possessive
        // or a plain adjective is a noun.
        if let Some(p) = prev
            && !verb.gerund
            && let Some(before) = self.word(p)
        {
            let possessive = before.ends_with("'s") || before.ends_with('\u{2019}');
            let plural_noun_reading = verb.noun && self.lower_bytes(i).is_some_and(|w| w.ends_with(b"s"));
            let subject_like = self.is_word(i + 1, "that")
                || self.capitalized(p)
                || self.is(p, Lists::PRONOUN)
                || self.is(p, Lists::RELATIVE)
                || self.is(p, Lists::AUXILIARY)
                || self.is(p, Lists::ADVERB)
                || self.is(p, Lists::HEAD);
            if possessive || (plural_noun_reading && !subject_like) {
                return None;
            }
        }
        // `media reports said`: a noun before the real verb. Only a verb that
        // doubles as a noun asks about the word after it.
        if verb.noun
            && self.lower_bytes(i).is_some_and(|w| w.ends_with(b"s"))
            && (self.verb(i + 1).is_some_and(|v| !v.gerund) || self.is(i + 1, Lists::AUXILIARY))
        {
            return None;
        }
        // `footage posted by activists shows`: a participle, not a report.
        if !verb.gerund && self.is_word(i + 1, "by") && !self.is(i.wrapping_sub(1), Lists::AUXILIARY) {
            return None;
        }
        if verb.naming {
            // `called for`, and `called Friday for` past the words of when.
            let after_when = (i + 1..self.tokens.len()).find(|&k| !self.is(k, Lists::ADJUNCT));
            let particle = self.is_word(i + 1, "on") || after_when.is_some_and(|k| self.is_word(k, "for"));
            // The quote opens before any comma (`called his plan “a disaster”`,
            // not `a group called X, which says “...”`).
            let quote_follows = (i + 1..(i + NAMING_REACH).min(self.tokens.len()))
                .take_while(|&k| self.punct(k) != Some(','))
                .any(|k| self.is_quote(k));
            // `Russia called the strike an act of aggression`, `the letter
            // called Oz a quack`: an object and what it is called after, with
            // any word before (`Cummings, called him a master`, `and called
            // it a hoax`); not `an operation called the Euphrates Shield`,
            // nor `she called Jane Doe on Friday` (on the telephone), where no
            // `a`/`an` follows the object.
            let names_an_object = self
                .phrase_right(i + 1, true)
                .is_some_and(|(_, next)| self.is_word(next, "a") || self.is_word(next, "an"));
            if !particle && !quote_follows && !names_an_object {
                return None;
            }
        }
        if verb.gerund {
            // `..., adding that ...`: the speaker of the clause before.
            if prev.is_some_and(|p| self.punct(p) == Some(','))
                && let Some(last) = earlier.last()
                && last.speaker != Speaker::None
            {
                let content = match self.after_cue(i + 1) {
                    After::Content(r) => Some(r),
                    After::End { more } => more,
                };
                if verb.needs_that && !self.starts_with_that(&content) {
                    return None;
                }
                return Some(RawClaim {
                    cue: self.tokens[i].range.clone(),
                    speaker: last.speaker.clone(),
                    content,
                    sentence: self.index,
                    addressee: None,
                    lead_comma: prev.map(|p| self.tokens[p].range.start),
                });
            }
            // `X mocked the plan, saying ...`, `X responded by saying ...`:
            // the subject of the main clause.
            if verb.quote
                && prev.is_some_and(|p| self.punct(p) == Some(',') || self.is_gerund_preposition(p))
                && let Some(np) = self.main_subject(i)
            {
                let content = match self.after_cue(i + 1) {
                    After::Content(r) => Some(r),
                    After::End { more } => more,
                }?;
                return Some(RawClaim {
                    cue: self.tokens[i].range.clone(),
                    speaker: Speaker::Phrase(np),
                    content: Some(content),
                    sentence: self.index,
                    addressee: None,
                    lead_comma: prev.map(|p| self.tokens[p].range.start),
                });
            }
            // Only the progressive (`is saying`) reads as a report otherwise.
            if !prev.is_some_and(|p| self.is(p, Lists::AUXILIARY)) {
                return None;
            }
        }

        // Auxiliaries and adverbs between subject and verb.
        let mut j = i;
        let mut passive = false;
        while j > 0
            && (self.is(j - 1, Lists::AUXILIARY)
                || self.is(j - 1, Lists::ADVERB)
                || self.is(j - 1, Lists::ADJUNCT)
                || self.is_ly_adverb(j - 1))
        {
            let w = self.lower_bytes(j - 1).unwrap_or_default();
            passive |= matches!(w, b"is" | b"are" | b"was" | b"were" | b"be" | b"been" | b"being");
            j -= 1;
        }
        passive &= !verb.gerund;
        if passive {
            return self.passive_claim(j, i, verb);
        }

        let mut cue_end = i;
        let mut addressee = None;
        if verb.object
            && let Some((np, next)) = self.phrase_right(i + 1, false)
        {
            // `told her to leave`: an order, not a report.
            if self.is_word(next, "to") {
                return None;
            }
            addressee = Some(np);
            cue_end = next - 1;
        }
        let after = self.after_cue(cue_end + 1);
        let subject = j.checked_sub(1);

        // Who speaks: the phrase before the verb, `who`/`which`, or one after it (`said X`).
        let mut speaker = Speaker::None;
        let mut lead = None;
        let mut speaker_start = None;
        if let Some(s) = subject {
            if self.is(s, Lists::RELATIVE) && !self.is_word(s, "that") {
                let antecedent = s.checked_sub(1).and_then(|a| {
                    let a = if self.punct(a) == Some(',') { a.checked_sub(1)? } else { a };
                    self.antecedent_left(a)
                });
                speaker = Speaker::Relative { pronoun: self.tokens[s].range.clone(), antecedent };
                speaker_start = Some(s);
            } else if self.is_word(s, "and") {
                // `Authorities announced an arrest and said ...`: the clause's subject,
                // else the speaker of a claim before it in the sentence.
                let comma_before = s.checked_sub(1).filter(|&c| self.punct(c) == Some(','));
                lead = Some(self.tokens[comma_before.unwrap_or(s)].range.start);
                if let Some(np) = self.main_subject(s) {
                    speaker = Speaker::Phrase(np);
                } else if let Some(last) = earlier.last().filter(|c| c.speaker != Speaker::None) {
                    speaker = last.speaker.clone();
                }
            } else if self.is_any_word(s) {
                // `The coalition which launched the war last September said`: the
                // phrase before an unbracketed relative clause, else the one before the verb.
                if let Some(np) = self.subject_before_relative(s) {
                    speaker = Speaker::Phrase(np);
                } else if let Some(np) = self.phrase_left(s) {
                    speaker_start = Some(self.token_at(np.start));
                    speaker = Speaker::Phrase(np);
                }
            } else if self.punct(s) == Some(')')
                && let Some(np) = self.phrase_left(s)
            {
                speaker_start = Some(self.token_at(np.start));
                speaker = Speaker::Phrase(np);
            }
        }
        let mut inverted_end = None;
        let mut closing_content = None;
        // `... near the border said the official who asked not to be named`:
        // a speaker after the verb that ends the sentence outweighs a phrase before it.
        if subject.is_some_and(|s| self.is_any_word(s))
            && verb.quote
            && !verb.object
            && let Some((np, next)) = self.phrase_right(i + 1, true)
            && self.closing_speaker(i, i + 1, next)
        {
            speaker = Speaker::Phrase(np);
            // What was said is all that comes before the verb.
            let start = self.leading_content_start();
            closing_content = Some(trim(self.text, start..self.tokens[i].range.start)).filter(|r| !r.is_empty());
        } else if speaker == Speaker::None
            && subject.is_some_and(|s| self.punct(s).is_some_and(|c| c == ',' || is_dash(c)))
            && let Some(np) = self.appositive_subject(subject.unwrap_or(0))
        {
            // `X, a spokesman for Y, said`; before `said X`, which would
            // read `X, a spokesman for Y, confirmed the report` backwards.
            speaker_start = Some(self.token_at(np.start));
            speaker = Speaker::Phrase(np);
        } else if speaker == Speaker::None
            && verb.quote
            && subject.is_none_or(|s| self.punct(s) == Some(',') || self.is_quote(s))
            && let Some((np, next)) = self.phrase_right(i + 1, true)
            && let clause_end = self.past_place_phrase(next)
            && self.inverted_speaker(i + 1, next, clause_end)
        {
            speaker = Speaker::Phrase(np);
            inverted_end = Some(clause_end);
            speaker_start = Some(i);
        }
        if speaker == Speaker::None || self.negated(&speaker) {
            return None;
        }

        let after = match inverted_end {
            Some(next) => self.after_cue(next),
            None => after,
        };
        let content = match (closing_content, after) {
            (Some(c), _) => Some(c),
            (None, After::Content(r)) => Some(r),
            (None, After::End { more }) => {
                let before = speaker_start.and_then(|s| self.content_before(s));
                match (before, more) {
                    (Some(b), Some(m)) => Some(b.start..m.end),
                    (Some(b), None) => Some(b),
                    (None, Some(m)) => Some(m),
                    (None, None) => None,
                }
            }
        };
        // `the poll shows Clinton ahead`: a document's findings need no
        // `that`. The phrase's head is its last word before `of` or a
        // preposition (`a USA TODAY analysis of super PACs shows`).
        let document_subject = || match &speaker {
            Speaker::Phrase(np) => self.text[np.clone()]
                .split_whitespace()
                .map(str::to_lowercase)
                .take_while(|w| !matches!(w.as_str(), "of" | "for") && !is_preposition(w.as_bytes()))
                .last()
                .is_some_and(|w| self.lex.heads.get(&w) == Some(&SourceKind::Document)),
            _ => false,
        };
        if verb.needs_that && !self.starts_with_that(&content) && !(content.is_some() && document_subject()) {
            return None;
        }
        Some(RawClaim {
            cue: self.tokens[i].range.start..self.tokens[cue_end].range.end,
            speaker,
            content,
            sentence: self.index,
            addressee,
            lead_comma: lead,
        })
    }

    /// `No group has claimed responsibility`: nobody said anything.
    fn negated(&self, speaker: &Speaker) -> bool {
        let Speaker::Phrase(np) = speaker else { return false };
        let phrase = &self.text[np.clone()];
        // They all begin with an `n`: most phrases are ruled out by their first byte.
        if !phrase.as_bytes().first().is_some_and(|b| b.eq_ignore_ascii_case(&b'n')) {
            return false;
        }
        // The phrase's first word, as `split_whitespace` would part it, is one
        // of them: it opens with one, and ends there or at a space.
        ["no", "none", "nobody", "neither"].iter().any(|n| {
            phrase.get(..n.len()).is_some_and(|w| w.eq_ignore_ascii_case(n))
                && char_at(phrase, n.len()).is_none_or(char::is_whitespace)
        })
    }

    fn starts_with_that(&self, content: &Option<Range<usize>>) -> bool {
        content.as_ref().is_some_and(|r| {
            let s = &self.text[r.clone()];
            let after_colon = self.text[..r.start].trim_end().ends_with(':');
            after_colon || starts_with_quote(s) || s.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("that "))
        })
    }

    /// `harshly`, `cynically`: a manner adverb before a verb.
    fn is_ly_adverb(&self, k: usize) -> bool {
        self.lower_bytes(k).is_some_and(|w| w.len() > 4 && w.ends_with(b"ly")) && !self.capitalized(k)
    }

    /// `it was reported that ...`, `... was confirmed by the ministry`.
    fn passive_claim(&self, aux: usize, i: usize, verb: Verb) -> Option<RawClaim> {
        if !verb.passive {
            return None;
        }
        let mut speaker = Speaker::None;
        let mut next = i + 1;
        if self.is_word(i + 1, "by")
            && let Some((np, after)) = self.phrase_right(i + 2, true)
        {
            speaker = Speaker::Phrase(np);
            next = after;
        }
        let content = match self.after_cue(next) {
            After::Content(r) if self.text[r.clone()].get(..5).is_some_and(|p| p.eq_ignore_ascii_case("that ")) => {
                Some(r)
            }
            _ => None,
        }?;
        Some(RawClaim {
            cue: self.span(aux, i),
            speaker,
            content: Some(content),
            sentence: self.index,
            addressee: None,
            lead_comma: None,
        })
    }

    fn token_at(&self, byte: usize) -> usize {
        self.tokens.partition_point(|t| t.range.start < byte)
    }

    /// What follows a cue ending before token `k`.
    fn after_cue(&self, k: usize) -> After {
        // A `that` clause a little way on: `said in a statement on Thursday that`,
        // before any mark but a comma or dash, and any other verb. The words
        // before it are looked up only when there is a `that`.
        let that = (k..(k + THAT_REACH).min(self.tokens.len()))
            .take_while(|&t| match self.tokens[t].kind {
                TokenKind::Quote => false,
                TokenKind::Punct(c) => matches!(c, ',' | '\u{2014}' | '\u{2013}' | '-'),
                TokenKind::Word => true,
            })
            .find(|&t| self.is_word(t, "that"));
        if let Some(t) = that
            && !(k..t).any(|u| self.is(u, Lists::VERB))
        {
            return match self.content_to_end(self.tokens[t].range.start) {
                Some(r) => After::Content(r),
                None => After::End { more: None },
            };
        }
        let mut k = k;
        while self.is(k, Lists::ADJUNCT) {
            k += 1;
        }
        let Some(t) = self.tokens.get(k) else { return After::End { more: None } };
        // `told Xinhua on condition of anonymity`: how, not what.
        let from = self.tokens.get(k.saturating_sub(1)).map_or(t.range.start, |p| p.range.start.min(t.range.start));
        // Only a phrase starting by `t` counts, and the automaton reports the
        // match that ends first: reading past `t` by the longest phrase is enough.
        let end = (t.range.start + self.lex.anonymity.max_pattern_len()).min(self.range.end);
        let near = self.text.as_bytes().get(from..end).unwrap_or_default();
        if self.lex.opens_unnamed(near, t.range.start - from) {
            return After::End { more: None };
        }
        match t.kind {
            TokenKind::Quote => match region_at(self.quotes, t.range.start) {
                Some(r) if r.start == t.range.start => After::Content(r.clone()),
                _ => After::End { more: None },
            },
            TokenKind::Punct(':') => match self.tokens.get(k + 1) {
                Some(n) => match region_at(self.quotes, n.range.start) {
                    Some(r) if r.start == n.range.start => After::Content(r.clone()),
                    _ => self.content_to_end(n.range.start).map_or(After::End { more: None }, After::Content),
                },
                // `Caddell continued:` and the quote in the next paragraph.
                None => {
                    let after = t.range.end;
                    let rest = &self.text[after..];
                    let next = after + (rest.len() - rest.trim_start().len());
                    match region_at(self.quotes, next) {
                        Some(r) if r.start == next => After::Content(r.clone()),
                        _ => After::End { more: None },
                    }
                }
            },
            TokenKind::Punct(',') => {
                // `"...," he said, "..."`: the quote resumes.
                let more = self.tokens.get(k + 1).and_then(|n| {
                    (n.kind == TokenKind::Quote)
                        .then(|| region_at(self.quotes, n.range.start))
                        .flatten()
                        .filter(|r| r.start == n.range.start)
                        .cloned()
                });
                After::End { more }
            }
            TokenKind::Punct(_) => After::End { more: None },
            TokenKind::Word => match self.content_to_end(t.range.start) {
                Some(r) => After::Content(r),
                None => After::End { more: None },
            },
        }
    }

    /// What was said before the speaker, who starts at token `s`:
    /// `"...," he said`, `..., the source said`.
    fn content_before(&self, s: usize) -> Option<Range<usize>> {
        let mut k = s.checked_sub(1)?;
        if self.punct(k) == Some(',') {
            if self.is_quote(k.checked_sub(1)?) {
                k -= 1;
            }
        } else if self.is_any_word(k) && (self.is(s, Lists::DETERMINER) || self.capitalized(s)) {
            // Archives that lost their commas: `... near the border a
            // monitoring group says.`, `... in their homes Omar said.`
            let words = self.tokens[..s].iter().filter(|t| t.kind == TokenKind::Word && t.range.start >= self.start);
            if words.count() < MIN_BARE_CONTENT || self.is(k, Lists::STOP) {
                return None;
            }
            let r = trim(self.text, self.leading_content_start()..self.tokens[s].range.start);
            return (!r.is_empty()).then_some(r);
        } else if !self.is_quote(k) {
            return None;
        }
        let t = &self.tokens[k];
        if t.kind == TokenKind::Quote {
            // A closing quote: the quote, wherever it opened.
            if let Some(r) = region_at(self.quotes, t.range.start)
                && r.end == t.range.end
            {
                return Some(r.clone());
            }
        }
        let start = self.leading_content_start();
        let r = trim(self.text, start..t.range.start);
        (!r.is_empty() && self.tokens[..k].iter().any(|t| t.kind == TokenKind::Word)).then_some(r)
    }

    /// Where the clause goes on after a phrase that ends before token
    /// `next`: past a phrase that says where or how its speaker is (`said
    /// one source in the room`, `said a resident at the scene`), when one
    /// of a few plain words runs from there to a comma or the sentence's end;
    /// else at `next`.
    fn past_place_phrase(&self, next: usize) -> usize {
        if !self.lower_bytes(next).is_some_and(is_preposition) {
            return next;
        }
        let plain = |k: usize| {
            self.is_any_word(k) && !self.is(k, Lists::VERB | Lists::AUXILIARY | Lists::RELATIVE | Lists::PRONOUN)
        };
        let end = (next + 1..self.tokens.len().min(next + 1 + MAX_PLACE_PHRASE)).find(|&k| !plain(k));
        match end {
            Some(end) if end > next + 1 && matches!(self.punct(end), Some('.' | ',' | ';' | '!' | '?')) => end,
            None if next + 1 < self.tokens.len() && self.tokens.len() <= next + 1 + MAX_PLACE_PHRASE => {
                self.tokens.len()
            }
            _ => next,
        }
    }

    /// An inverted speaker (`said X`), the phrase from token `first` to
    /// `next`, comes before the sentence's end or a comma (at `clause_end`,
    /// past any place phrase), and is a name or a plain description.
    fn inverted_speaker(&self, first: usize, next: usize, clause_end: usize) -> bool {
        let ends = match self.tokens.get(clause_end) {
            None => true,
            Some(t) => matches!(t.kind, TokenKind::Punct('.' | ',' | ';' | '!' | '?' | '(')),
        };
        // After a quote anything that ends the clause is the speaker; after
        // plain words only a name, pronoun or a speaker's description.
        let after_quote = first.checked_sub(2).is_some_and(|p| self.is_quote(p) || self.is_quote(p + 1));
        let head_ok = after_quote
            || self.capitalized(first)
            || (self.is(first, Lists::DETERMINER) && self.is(next - 1, Lists::HEAD))
            || self.is(first, Lists::PRONOUN);
        let before_ok =
            first.checked_sub(2).is_none_or(|p| self.punct(p) == Some(',') || self.is_quote(p) || self.is_quote(p + 1));
        ends && head_ok && before_ok
    }

    /// A phrase after the verb that can only be its speaker: it ends the
    /// sentence (or opens a relative clause about itself), names a person
    /// or describes one, and follows enough words to be what was said.
    fn closing_speaker(&self, verb: usize, first: usize, next: usize) -> bool {
        let ends = self.tokens.get(next).is_none_or(|t| matches!(t.kind, TokenKind::Punct('.' | '!' | '?')))
            || self.is(next, Lists::RELATIVE) && !self.is_word(next, "that");
        let describes = self.is(first, Lists::DETERMINER) && self.is(next - 1, Lists::HEAD);
        let names = self.capitalized(first) && self.capitalized(next - 1) && next - first >= 2;
        // Counted last, as it reads every token before the verb.
        let words_before =
            || self.tokens[..verb].iter().filter(|t| t.kind == TokenKind::Word && t.range.start >= self.start).count();
        ends && (describes || names) && words_before() >= MIN_BARE_CONTENT
    }

    /// `X, a spokesman for Y, said`, `The chairman, Phil Lovas, said`,
    /// `Trump, speaking to veterans, said`: the name that opens the clause,
    /// up to four comma-set phrases before the verb.
    fn appositive_subject(&self, comma: usize) -> Option<Range<usize>> {
        let mut end = comma;
        for _ in 0..MAX_APPOSITIVES {
            let open =
                (0..end).rev().find(|&k| self.punct(k).is_some_and(|c| c == ',' || is_dash(c)) || self.is_quote(k));
            let first = open.map_or(0, |o| o + 1);
            if end - first > MAX_APPOSITIVE || first >= end {
                return None;
            }
            // The segment before the appositive must be a noun phrase opening its
            // clause, with at most plain words before it (`Even China`, `Democratic
            // nominee Hillary Clinton`).
            if let Some(np) = self.phrase_left(end - 1)
                && end < comma
            {
                let start = self.token_at(np.start);
                let words_only = (first..start).all(|k| self.is_any_word(k));
                let opens_clause = first == 0
                    || self.is_quote(first - 1)
                    || self.punct(first - 1).is_some_and(is_dash)
                    || self.punct(first - 1) == Some(',') && first >= 2 && self.is_quote(first - 2);
                let clause_start = words_only && opens_clause;
                let after_conjunction = start == first + 1 && CONJUNCTIONS.iter().any(|w| self.is_word(first, w));
                let named = self.capitalized(start) || self.is(start, Lists::DETERMINER);
                // `In a statement, the family's lawyer, X, said`: past an introductory phrase.
                let after_intro = start == first
                    && first >= 2
                    && self.punct(first - 1) == Some(',')
                    && (0..first - 1).rev().find(|&k| self.punct(k) == Some(',') || self.is_quote(k)).is_none()
                    && (self.is(0, Lists::STOP) || self.is(0, Lists::ADVERB) || self.is(0, Lists::ADJUNCT));
                if (clause_start || after_conjunction || after_intro) && named {
                    return Some(np);
                }
            }
            match open {
                Some(o) if self.punct(o).is_some_and(|c| c == ',' || is_dash(c)) => end = o,
                _ => return None,
            }
        }
        None
    }

    /// `X who/which ... said` with no commas: the phrase before the relative pronoun.
    fn subject_before_relative(&self, before: usize) -> Option<Range<usize>> {
        let from = before.saturating_sub(MAX_APPOSITIVE);
        // Both pronouns begin with `wh`, which most stretches of words do not
        // hold: one look for the pair there spares a comparison per word.
        let words_start = self.tokens.get(from)?.range.start;
        let words_end = self.tokens.get(before).map_or(self.range.end, |t| t.range.start);
        if !holds_pair(&self.lower.as_bytes()[words_start..words_end], *b"wh") {
            return None;
        }
        let rel = (from..before)
            .rev()
            .take_while(|&k| self.is_any_word(k))
            .find(|&k| matches!(self.lower_bytes(k), Some(b"who" | b"which")))?;
        let np = self.phrase_left(rel.checked_sub(1)?)?;
        let start = self.token_at(np.start);
        (self.capitalized(start) || self.is(start, Lists::DETERMINER)).then_some(np)
    }

    /// Whether token `k` is `by`, which makes a gerund after it tell how
    /// the main clause's subject did what it did (`responded by saying`,
    /// `ended the letter by saying`). Not `for` (`criticised for saying`,
    /// `known for saying`) nor `before`/`while`, after which the gerund's
    /// speaker is often not the clause's subject.
    fn is_gerund_preposition(&self, k: usize) -> bool {
        self.is_word(k, "by")
    }

    /// The subject that opens the sentence's main clause, past a leading
    /// phrase set off by a comma (`In August, several groups ...`).
    fn main_subject(&self, before: usize) -> Option<Range<usize>> {
        let mut k = usize::from(self.is_quote(0));
        if self.is(k, Lists::STOP) || self.is(k, Lists::ADJUNCT) || self.is(k, Lists::ADVERB) {
            let comma = (k..before).find(|&c| self.punct(c) == Some(','))?;
            k = comma + 1;
        }
        if !(self.capitalized(k) || self.is(k, Lists::DETERMINER)) {
            return None;
        }
        let (np, next) = self.phrase_right(k, true)?;
        // `The Observatory relies on ... and says`: the subject is followed
        // by its verb, so a present form after a name, before a preposition
        // or an object, is that verb and not the phrase's last word.
        let last = next - 1;
        let (np, next) = if last > k
            && self.capitalized(last - 1)
            && !self.capitalized(last)
            && self.lower_bytes(last).is_some_and(|w| w.ends_with(b"s") && !w.ends_with(b"ss"))
            && self.opens_object(next)
        {
            (self.span(k, last - 1), last)
        } else {
            (np, next)
        };
        // `Turkey, the rebels' main backer, shelled the town and said`:
        // the verb comes after what the commas set off, a description (not
        // a list's next name: `Turkey, Russia and Iran`).
        let described = self.punct(next) == Some(',')
            && (self.is(next + 1, Lists::PRONOUN | Lists::RELATIVE)
                || self.first_char(next + 1).is_some_and(char::is_lowercase)
                || self.word(next + 1).is_some_and(|w| w.ends_with("'s") || w.ends_with("\u{2019}s")));
        let closing_comma = (next + 1..before.min(next + 1 + MAX_PHRASE)).find(|&c| self.punct(c) == Some(','));
        let next = match closing_comma {
            // `Turkey, the rebels' backer, and Russia`: a list after all.
            Some(close) if described && !self.is_word(close + 1, "and") => close + 1,
            _ => next,
        };
        // The phrase must be followed by its verb, not end the clause.
        (next < before && self.is_any_word(next)).then_some(np)
    }

    /// `"...," ― Jane Doe`: a quote signed with a dash.
    fn dash_claim(&self, i: usize) -> Option<RawClaim> {
        let dash = matches!(self.punct(i)?, '\u{2015}' | '\u{2014}' | '\u{2013}');
        if !dash || !self.is_quote(i.checked_sub(1)?) || !self.capitalized(i + 1) {
            return None;
        }
        let quote = region_at(self.quotes, self.tokens[i - 1].range.start)?;
        if quote.end != self.tokens[i - 1].range.end {
            return None;
        }
        let (np, next) = self.phrase_right(i + 1, true)?;
        let ends = self
            .tokens
            .get(next)
            .is_none_or(|t| matches!(t.kind, TokenKind::Punct('.' | ',')) || t.kind == TokenKind::Quote);
        ends.then(|| RawClaim {
            cue: self.tokens[i].range.clone(),
            speaker: Speaker::Phrase(np),
            content: Some(quote.clone()),
            sentence: self.index,
            addressee: None,
            lead_comma: None,
        })
    }

    /// The noun phrase that ends at token `j`, read leftwards: a subject,
    /// so none that is a preposition's object (see `noun_phrase_left`).
    fn phrase_left(&self, j: usize) -> Option<Range<usize>> {
        self.noun_phrase_left(j, false)
    }

    /// The noun phrase a relative pronoun after token `j` refers to, which
    /// may be a preposition's object (`according to the Observatory, which
    /// could not confirm`, `allegations by Human Rights Watch, which cited`).
    fn antecedent_left(&self, j: usize) -> Option<Range<usize>> {
        self.noun_phrase_left(j, true)
    }

    /// The noun phrase that ends at token `j`, read leftwards; after a
    /// preposition, the phrase it is the object of unless `may_be_object`.
    fn noun_phrase_left(&self, j: usize, may_be_object: bool) -> Option<Range<usize>> {
        // `Sen. Lindsey Graham (R-S.C.)`: a name with its bracket.
        if self.punct(j) == Some(')') {
            let open = (j.saturating_sub(MAX_PHRASE)..j).rev().find(|&k| self.punct(k) == Some('('))?;
            // `(SOHR)`, `(R-S.C.)`: a name's bracket opens with a capital.
            if !self.capitalized(open + 1) {
                return None;
            }
            let np = self.phrase_left(open.checked_sub(1)?)?;
            let start = self.token_at(np.start);
            return (self.capitalized(start) || self.is(start, Lists::DETERMINER))
                .then(|| np.start..self.tokens[j].range.end);
        }
        let w = self.lower_bytes(j)?;
        if self.is(j, Lists::PRONOUN) {
            return Some(self.tokens[j].range.clone());
        }
        if self.is(j, Lists::ADJUNCT)
            || w.iter().all(u8::is_ascii_digit)
            || (w.ends_with(b"ly") && !self.capitalized(j))
        {
            return None;
        }
        if self.is(j, Lists::STOP | Lists::AUXILIARY | Lists::ADVERB | Lists::RELATIVE) {
            return None;
        }
        let mut a = j;
        while a > 0 && j - a < MAX_PHRASE {
            let k = a - 1;
            let Some(lk) = self.lower_bytes(k) else { break };
            // `one official` opens a phrase; `one of the main disputes` is read as before `one`.
            if self.is(k, Lists::DETERMINER) && !(lk == b"one" && self.is_word(k + 1, "of")) {
                a = k;
                // `A lawyer for the news outlets`: the phrase goes on past `for the`.
                let joined =
                    k >= 2 && (self.is_word(k - 1, "of") || self.is_word(k - 1, "for")) && self.is_any_word(k - 2);
                if joined {
                    continue;
                }
                break;
            }
            let joins = match lk {
                // `Syrian Observatory for Human Rights`, `the head of the council`
                b"of" | b"for" => k > 0 && self.is_any_word(k - 1),
                // `officials in Raqqa`: only after a noun that names speakers;
                // `Commission on Presidential Debates`: inside a name
                b"in" | b"at" | b"from" | b"with" | b"on" => {
                    k > 0 && (self.is(k - 1, Lists::HEAD) || self.capitalized(k - 1) && self.capitalized(k + 1))
                }
                b"and" => self.capitalized(k + 1) && k > 0 && self.capitalized(k - 1),
                _ => false,
            };
            if joins {
                a = k;
                continue;
            }
            if self.is(
                k,
                Lists::STOP | Lists::AUXILIARY | Lists::ADVERB | Lists::RELATIVE | Lists::PRONOUN | Lists::ADJUNCT,
            ) || lk.iter().all(u8::is_ascii_digit)
                || (self.is(k, Lists::VERB) && !self.capitalized(k))
            {
                break;
            }
            a = k;
        }
        // A phrase does not start with a joining word.
        while a < j
            && self
                .lower_bytes(a)
                .is_some_and(|w| matches!(w, b"of" | b"for" | b"in" | b"at" | b"from" | b"with" | b"and"))
        {
            a += 1;
        }
        // A phrase right after a preposition is its object, not a subject:
        // the subject is the longer phrase it belongs to (`A study published
        // in the journal found`), or none (`were killed in Idlib said`) but a
        // name after a stray noun (`In a meeting Trump said`).
        if !may_be_object && a > 0 && self.lower_bytes(a - 1).is_some_and(is_preposition) {
            let Some(outer) = a.checked_sub(2).and_then(|k| self.phrase_left(k)) else {
                return self.stray_name_start(a, j).map(|n| self.span(n, j));
            };
            let start = self.token_at(outer.start);
            return (self.capitalized(start) || self.is(start, Lists::DETERMINER))
                .then(|| outer.start..self.tokens[j].range.end);
        }
        let a = self.stray_name_start(a, j).unwrap_or(a);
        Some(self.span(a, j))
    }

    /// `the scene Muaz Al Shami`: where a name that ends the phrase
    /// `a..=j` after a stray common noun starts, for it to stand alone. A
    /// word that says whose voice a name is stays with it: `Syrian state
    /// TV`, `the opposition Syrian National Coalition`.
    fn stray_name_start(&self, a: usize, j: usize) -> Option<usize> {
        let name_run = (a..=j).rev().take_while(|&k| self.word(k).is_some_and(is_name_word)).count();
        if name_run == 0 || name_run > j - a {
            return None;
        }
        let before = j - name_run;
        // `an analysis of super PACs`: one capitalised word one word after
        // `of` or `for` is that word's, not a speaker of its own (where
        // `chief of staff U.N. Security Council urges` has a name).
        if name_run == 1 && before > a && (self.is_word(before - 1, "of") || self.is_word(before - 1, "for")) {
            return None;
        }
        let stray = self.lower_bytes(before).is_some_and(|w| {
            !self.is(before, Lists::TITLE | Lists::HEAD | Lists::DETERMINER | Lists::STOP)
                && !matches!(
                    w,
                    b"of" | b"for" | b"and" | b"on" | b"state" | b"opposition" | b"opposing" | b"pro-government"
                )
        }) && !self.capitalized(before)
            && !self.word(before).is_some_and(|w| w.ends_with("'s") || w.ends_with('\u{2019}'));
        stray.then_some(before + 1)
    }

    /// `The SDF issued a statement, saying`, `the source went on by saying`:
    /// a past form in lower case (`-ed`, or one of the common irregular ones)
    /// before an object, a name or a preposition is the clause's verb, not
    /// the next word of the phrase before it (as `armed` is of `the armed
    /// group`), unless the preposition is `by` (`figures compiled by the
    /// council`).
    fn is_clause_verb(&self, k: usize) -> bool {
        let Some(w) = self.lower_bytes(k) else { return false };
        let past = w.len() > 4 && w.ends_with(b"ed") || IRREGULAR_PASTS.contains(&w);
        let takes_object = self.opens_object(k + 1)
            // `The group attacked Trump, saying`: a name after it is its
            // object, unless the past form is a word of the phrase
            // (`the armed Kurdish groups`), told by a determiner before it.
            || self.capitalized(k + 1) && !k.checked_sub(1).is_some_and(|p| self.is(p, Lists::DETERMINER));
        past && w.iter().all(u8::is_ascii_lowercase) && !self.capitalized(k) && takes_object
    }

    /// Whether token `k` opens what a verb before it takes: an object (a
    /// determiner or pronoun) or a preposition, but not `by`, after which
    /// the word before is a participle (`figures compiled by the council`).
    fn opens_object(&self, k: usize) -> bool {
        self.is(k, Lists::DETERMINER | Lists::PRONOUN)
            || self.lower_bytes(k).is_some_and(|w| w != b"by" && is_preposition(w))
    }

    /// The noun phrase that starts at token `k`, read rightwards; returns it
    /// and the index of the first token after it. `appositive` keeps a
    /// following `, the director of ...` out of the phrase but allows `of`.
    fn phrase_right(&self, k: usize, allow_of: bool) -> Option<(Range<usize>, usize)> {
        if !self.is_any_word(k) {
            return None;
        }
        if self.is(k, Lists::STOP) && !self.is(k, Lists::DETERMINER) || self.is(k, Lists::ADJUNCT) {
            return None;
        }
        if self.is(k, Lists::PRONOUN) {
            return Some((self.tokens[k].range.clone(), k + 1));
        }
        let mut e = k;
        while e + 1 < self.tokens.len() && e - k < MAX_PHRASE {
            let n = e + 1;
            let Some(ln) = self.lower_bytes(n) else {
                // `(SDF)` after a name
                if self.punct(n) == Some('(')
                    && self.is_any_word(n + 1)
                    && self.punct(n + 2) == Some(')')
                    && self.capitalized(n + 1)
                {
                    e = n + 2;
                    continue;
                }
                break;
            };
            let joins = match ln {
                b"of" | b"for" => allow_of && self.is_any_word(n + 1),
                b"and" => self.capitalized(e) && self.capitalized(n + 1),
                _ => false,
            };
            if joins {
                e = n;
                continue;
            }
            let new_phrase = self.is(n, Lists::DETERMINER) && !(self.is_word(e, "of") || self.is_word(e, "for"));
            if (self.is(n, Lists::STOP) && !self.is(n, Lists::DETERMINER))
                || new_phrase
                || self.is(n, Lists::ADJUNCT | Lists::AUXILIARY | Lists::ADVERB | Lists::VERB | Lists::RELATIVE)
                || self.is_clause_verb(n)
            {
                break;
            }
            e = n;
        }
        while e > k && self.lower_bytes(e).is_some_and(|w| matches!(w, b"of" | b"for" | b"and")) {
            e -= 1;
        }
        Some((self.span(k, e), e + 1))
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::super::lexicon::{LEXICON, Lists};
    use super::super::quotes::quote_regions;
    use super::super::tokens::tokenize;
    use super::{PassedCues, Sentence, has_signing_dash, holds_pair, may_open_transcript};

    /// The claims of `text`, one sentence, as their debug text, read at all
    /// its cues and at those not passed over, and the latter.
    fn claims_at_all_and_kept_cues(text: &str) -> (String, String, Vec<usize>) {
        let lex = &*LEXICON;
        let lower = text.to_ascii_lowercase();
        let quotes = quote_regions(text, text.is_ascii(), std::slice::from_ref(&(0..text.len())));
        let all = lex.cue_starts(text, 0);
        let mut passed = PassedCues { bytes: text.as_bytes(), lower: lower.as_bytes(), quotes: &quotes, lex, quote: 0 };
        let kept: Vec<usize> = all.iter().copied().filter(|&at| !passed.passes_over(at)).collect();
        let mut tokens = Vec::new();
        tokenize(text, 0..text.len(), &mut tokens);
        let lists = vec![Cell::new(Lists::UNREAD); tokens.len()];
        let sentence = Sentence {
            text,
            tokens: &tokens,
            lists: &lists,
            lower: &lower,
            range: 0..text.len(),
            start: 0,
            index: 0,
            quotes: &quotes,
            lex,
        };
        let claims = |cues: &[usize]| {
            let mut out = Vec::new();
            sentence.claims(cues, false, &mut out);
            format!("{out:?}")
        };
        (claims(&all), claims(&kept), kept)
    }

    #[test]
    fn cues_in_quotes_and_capitalised_verbs_are_passed_over() {
        let text = "\"We said no,\" the United States said. According to Assad, \"it reports\"";
        let (all, kept, cues) = claims_at_all_and_kept_cues(text);
        let words: Vec<&str> = cues.iter().map(|&c| &text[c..c + 4]).collect();
        assert_eq!(words, ["said", "Acco"]);
        assert_eq!(all, kept);
        // A quote left open runs to the paragraph's end, where the cue's
        // word ends too: the word is not inside it, and is read.
        let (all, kept, cues) = claims_at_all_and_kept_cues("\"The army left, he said");
        assert_eq!((cues.len(), &all), (1, &kept));
        assert_ne!(all, "[]");
    }

    /// Pieces of a sentence for the cue gate: cue words in either case,
    /// quote marks of each shape, and the marks that join words or not.
    const PIECES: &[&str] = &[
        " ",
        " ",
        " ",
        "said",
        "Said",
        "States",
        "Says",
        "reports",
        "according to",
        "According to",
        "told",
        "quoted as",
        "he",
        "the",
        "Mr",
        "U.S",
        "al",
        "2",
        "\u{e9}",
        "\"",
        "\u{201c}",
        "\u{201d}",
        "''",
        "``",
        ",",
        ".",
        "-",
        "'",
        "\u{2019}",
        "/",
        "&",
        ":",
        "\u{2014}",
        "\n",
    ];

    proptest::proptest! {
        #[test]
        fn cues_passed_over_yield_no_claim(picks in proptest::collection::vec(0..PIECES.len(), 1..30)) {
            let text: String = picks.iter().map(|&p| PIECES[p]).collect();
            let (all, kept, _) = claims_at_all_and_kept_cues(&text);
            proptest::prop_assert_eq!(all, kept);
        }
    }

    #[test]
    fn a_transcript_may_open_only_before_a_colon_with_no_lower_case_before_it() {
        for s in ["PENCE: Well, look", "\u{201c}MR. KAINE: No", "Pence: Well", "10:30 am", "NO COLON", "A: b: c", ""] {
            let simple = s.split_once(':').is_some_and(|(head, _)| !head.chars().any(|c| c.is_ascii_lowercase()));
            assert_eq!(may_open_transcript(s), simple, "{s}");
        }
    }

    proptest::proptest! {
        #[test]
        fn a_pair_is_held_where_a_search_finds_it(s in "[whW h'\u{2019}]{0,12}") {
            proptest::prop_assert_eq!(holds_pair(s.as_bytes(), *b"wh"), s.contains("wh"));
            proptest::prop_assert_eq!(holds_pair(s.as_bytes(), *b"''"), s.contains("''"));
        }
    }

    #[test]
    fn signing_dashes_are_found_by_their_bytes() {
        for s in [
            "\"No,\" \u{2015} Jane",
            "a \u{2014} b",
            "x\u{2013}y",
            "Trump\u{2019}s \u{2010} \u{2012}",
            "-",
            "",
            "caf\u{e9}",
        ] {
            assert_eq!(has_signing_dash(s), s.contains(['\u{2015}', '\u{2014}', '\u{2013}']), "{s}");
        }
    }
}
