//! The fourth stage: who says what. Sources, named or anonymous, and the
//! claims each is reported to have made.
//!
//! A claim hangs on a cue: a reporting verb (`said`, `told Xinhua`,
//! `accused`) or phrase (`according to`). Around the cue the patterns of
//! wire copy place the speaker (`X said`, `"...," said X`, `X, who ...,
//! said`) and what was said (`said that ...`, `..., X said`, a quote before
//! or after, a quote running on over sentences and paragraphs). Speakers
//! are then gathered into sources, pronouns and descriptions (`He said`,
//! `the source said`, `the monitor`) carried back to whom they refer.

mod claims;
mod lexicon;
mod quotes;
mod sources;
mod tokens;

use std::collections::HashMap;

use crate::model::{Claim, ClaimKind, Source};
use crate::read::Report;
use crate::segment::Sentences;
use crate::tag::Tags;

use self::claims::{RawClaim, find_claims, holds_pair};
use self::lexicon::LEXICON;
use self::quotes::quote_regions;
use self::sources::resolve;
use self::tokens::{contains_quote_char, ends_with_quote, starts_with_quote};

/// The sources and claims of one report.
#[derive(Debug, Clone, Default)]
pub struct Attribution {
    pub sources: Vec<Source>,
    pub claims: Vec<Claim>,
}

/// The claims of one report as found around their cues, their speakers
/// not yet resolved: the first half of attribution, which needs no tags.
#[derive(Debug, Clone, Default)]
pub struct FoundClaims(Vec<RawClaim>);

/// Find the claims of a report's sentences around their cues.
pub fn find(report: &Report, sentences: &Sentences) -> FoundClaims {
    let text = report.text.as_str();
    let ascii = report.text.is_ascii();
    let quotes = quote_regions(text, ascii, &report.paragraphs);
    let floor = report.dateline.as_ref().map_or(0, |d| d.span.bytes.end);
    FoundClaims(find_claims(text, report.text.ascii_lowercase(), ascii, sentences, &quotes, floor, &LEXICON))
}

/// Find a report's claims and resolve their speakers into sources.
pub fn attribute(report: &Report, sentences: &Sentences, tags: &Tags) -> Attribution {
    resolve_speakers(report, sentences, tags, find(report, sentences))
}

/// The second half of attribution: the speakers of the claims found,
/// gathered into sources with the help of the report's tags.
pub fn resolve_speakers(report: &Report, sentences: &Sentences, tags: &Tags, found: FoundClaims) -> Attribution {
    let text = report.text.as_str();
    let raw = found.0;
    let resolved = resolve(report, sentences, tags, &raw, &LEXICON);
    let dateline_outlet = report.dateline.as_ref().and_then(|d| d.outlet.clone());
    // A source that told an outlet once (`a source told Xinhua`) keeps
    // speaking through it (`the source said`).
    let mut source_channel: HashMap<usize, String> = HashMap::new();
    let claims = raw
        .iter()
        .zip(&resolved.speakers)
        .enumerate()
        .map(|(i, (c, speaker))| {
            let content = c.content.clone().map(|r| report.text.span(r));
            let kind = content.as_ref().map_or(ClaimKind::Indirect, |s| claim_kind(&s.text));
            let told = c.channel(text, &LEXICON, dateline_outlet.as_deref());
            if let (Some(outlet), Some((s, _))) = (&told, speaker) {
                source_channel.entry(*s).or_insert_with(|| outlet.clone());
            }
            let channel = told
                .or_else(|| speaker.as_ref().and_then(|(s, _)| source_channel.get(s).cloned()))
                .or_else(|| dateline_outlet.clone());
            Claim {
                id: numbered_id('c', i),
                source: speaker.as_ref().map(|(s, _)| resolved.sources[*s].id.clone()),
                source_mention: speaker.as_ref().map(|(_, m)| report.text.span(m.clone())),
                cue: report.text.span(c.cue.clone()),
                content,
                kind,
                sentence: c.sentence,
                channel,
            }
        })
        .collect();
    Attribution { sources: resolved.sources, claims }
}

/// An id of a letter and a number (`c12`), made without `format!`, which
/// costs several times as much for a string this short.
fn numbered_id(letter: char, n: usize) -> String {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(n);
    let mut id = String::with_capacity(letter.len_utf8() + digits.len());
    id.push(letter);
    id.push_str(digits);
    id
}

/// Direct when what was said is all one quote, mixed when it quotes in part.
fn claim_kind(content: &str) -> ClaimKind {
    let trimmed = content.trim_end_matches(['.', ',', '!', '?', ' ']);
    if starts_with_quote(trimmed) && ends_with_quote(trimmed) {
        ClaimKind::Direct
    } else if contains_quote_char(trimmed) || holds_pair(trimmed.as_bytes(), *b"''") {
        ClaimKind::Mixed
    } else {
        ClaimKind::Indirect
    }
}

#[cfg(test)]
mod tests;
