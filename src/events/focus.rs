//! Where a report is mainly about: the place and governorate its events
//! happen in, its dateline and title name, and, as the weakest evidence,
//! every place it mentions, early mentions counting more than late ones.

use std::collections::BTreeMap;

use crate::model::{EntityType, Event, Focus};
use crate::read::Report;
use crate::tag::Tags;
use crate::text::swar;

/// Evidence weights, set on FA-KES's development reports: a place in the
/// title or dateline counts as much as five early mentions.
const TITLE: f64 = 5.0;
const DATELINE: f64 = 5.0;
/// A violent event's place named right after its trigger (`shelled Douma`).
/// Small: wire copy recounts background events at length, and their places
/// are already counted as mentions.
const EVENT: f64 = 0.25;
/// How far after the trigger an event's place must be named to count, in bytes.
const EVENT_REACH: usize = 30;
/// A mention after `in`, `near`, `outside`... says where; a bare name is as
/// often a government (`Damascus said`) as a place.
const LOCATIVE: f64 = 2.0;
const BARE: f64 = 0.5;
/// How much less the last mention weighs than the first.
const DECAY: f64 = 0.9;

/// The focus of a report from its tags and events.
pub fn focus(report: &Report, tags: &Tags, events: &[Event]) -> Focus {
    let text = report.text.as_str();
    let mut score = vec![0.0f64; tags.entities.len()];
    let places: Vec<bool> = tags.entities.iter().map(|e| e.kind == EntityType::Location).collect();
    let body_len = report.body.end.saturating_sub(report.body.start).max(1) as f64;
    let dateline = report.dateline.as_ref().map(|d| d.span.bytes.clone());
    let mut in_title = vec![false; tags.entities.len()];
    let mut in_dateline = vec![false; tags.entities.len()];
    for m in &tags.mentions {
        if !places.get(m.entity).copied().unwrap_or(false) {
            continue;
        }
        if report.title_range.as_ref().is_some_and(|t| t.start <= m.bytes.start && m.bytes.end <= t.end) {
            in_title[m.entity] = true;
            continue;
        }
        if dateline.as_ref().is_some_and(|d| d.start <= m.bytes.start && m.bytes.end <= d.end) {
            in_dateline[m.entity] = true;
            continue;
        }
        let position = m.bytes.start.saturating_sub(report.body.start) as f64 / body_len;
        let early = 1.0 - DECAY * position.min(1.0);
        score[m.entity] += early * if locative_before(text, m.bytes.start) { LOCATIVE } else { BARE };
    }
    // A record's title is not in the text: match place names in it by word.
    if report.title_range.is_none()
        && let Some(title) = report.title.as_deref()
    {
        let lower = title.to_lowercase();
        for (i, e) in tags.entities.iter().enumerate() {
            if places[i] && contains_word(&lower, &e.name.to_lowercase()) {
                in_title[i] = true;
            }
        }
    }
    if let Some(place) = report.dateline.as_ref().and_then(|d| d.place.as_deref()) {
        let place = place.to_lowercase();
        for (i, e) in tags.entities.iter().enumerate() {
            if places[i] && e.name.to_lowercase() == place {
                in_dateline[i] = true;
            }
        }
    }
    for i in 0..score.len() {
        if in_title[i] {
            score[i] += TITLE;
        }
        if in_dateline[i] {
            score[i] += DATELINE;
        }
    }
    for e in events.iter().filter(|e| is_physical(e) && !e.locations.is_empty()) {
        // Unrealised events still say where the report is looking.
        let after = e.trigger.bytes.end;
        let named = tags.mentions_in(after..(after + EVENT_REACH).min(text.len()));
        // Each entity named there once, if the event is placed at it. The
        // few names after a trigger are looked up by id, rather than every
        // entity of the report indexed by it for each report.
        for (n, m) in named.iter().enumerate() {
            let id = &tags.entities[m.entity].id;
            if !named[..n].iter().any(|p| p.entity == m.entity)
                && e.locations.contains(id)
                && owns_id(&tags.entities, m.entity)
            {
                score[m.entity] += EVENT;
            }
        }
    }

    // The governorate with the most evidence; within it, the best place.
    let mut by_admin1: BTreeMap<&str, f64> = BTreeMap::new();
    for (i, e) in tags.entities.iter().enumerate() {
        if score[i] > 0.0
            && let Some(a) = admin1_of(e)
        {
            *by_admin1.entry(a).or_default() += score[i];
        }
    }
    let best_admin1 =
        by_admin1.iter().max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(a.0))).map(|(a, _)| a.to_string());
    let rank = |i: usize| {
        let e = &tags.entities[i];
        // A city before its governorate when the evidence is equal.
        let specific = !matches!(e.subtype.as_deref(), Some("admin1" | "country" | "region"));
        (score[i], specific)
    };
    let best_place = (0..tags.entities.len())
        .filter(|&i| score[i] > 0.0 && best_admin1.is_some() && admin1_of(&tags.entities[i]) == best_admin1.as_deref())
        .max_by(|&a, &b| {
            let (sa, pa) = rank(a);
            let (sb, pb) = rank(b);
            sa.total_cmp(&sb).then(pa.cmp(&pb)).then_with(|| tags.entities[b].id.cmp(&tags.entities[a].id))
        });
    let country = match best_place {
        Some(i) => tags.entities[i].country.clone(),
        None => (0..tags.entities.len())
            .filter(|&i| score[i] > 0.0 && tags.entities[i].country.is_some())
            .max_by(|&a, &b| score[a].total_cmp(&score[b]).then_with(|| tags.entities[b].id.cmp(&tags.entities[a].id)))
            .and_then(|i| tags.entities[i].country.clone()),
    };
    Focus { place: best_place.map(|i| tags.entities[i].id.clone()), admin1: best_admin1, country }
}

/// Whether entity `i` is the one its id names: the last entity with that id,
/// should two share it.
fn owns_id(entities: &[crate::model::Entity], i: usize) -> bool {
    entities[i + 1..].iter().all(|e| e.id != entities[i].id)
}

/// Events that happen somewhere: fighting, bombing, seizing; not what is
/// said, agreed or negotiated.
fn is_physical(e: &Event) -> bool {
    matches!(
        e.acled.event_type.as_deref(),
        Some("Battles" | "Explosions/Remote violence" | "Violence against civilians")
    ) || e.plover == "COERCE"
}

/// The governorate a place is in, or that it is.
fn admin1_of(e: &crate::model::Entity) -> Option<&str> {
    if e.kind != EntityType::Location {
        return None;
    }
    match (e.admin1.as_deref(), e.subtype.as_deref()) {
        (Some(a), _) => Some(a),
        (None, Some("admin1")) => Some(e.name.as_str()),
        _ => None,
    }
}

/// Whether a locative preposition is one of the three words before byte `at`.
///
/// Each word is read from the eight bytes that end with it, loaded at once:
/// its letters are their top bytes, found in a few steps rather than byte by
/// byte, and a word short enough to be a locative is told by comparing it,
/// lowered, with each packed the same way.
fn locative_before(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    let mut end = at.min(bytes.len());
    for _ in 0..3 {
        while end > 0 && !bytes[end - 1].is_ascii_alphanumeric() {
            end -= 1;
        }
        let block = block_before(bytes, end);
        let letters = (!swar::alphanumeric(block) & swar::TOP_BITS).leading_zeros() as usize / 8;
        match letters {
            // The text's start: no word before.
            0 => return false,
            1..8 => {
                // The letters lowered, in the low bytes; zeros above, as in a key.
                let word = (block | (0x20 * swar::ONES)) >> (8 * (8 - letters));
                if LOCATIVE_KEYS.contains(&word) {
                    return true;
                }
                end -= letters;
            }
            // Longer than any locative: only its start is wanted.
            _ => {
                end -= 8;
                while end > 0 && bytes[end - 1].is_ascii_alphanumeric() {
                    end -= 1;
                }
            }
        }
    }
    false
}

/// The eight bytes of `bytes` before `end` read little-endian, the last at
/// the top; zeros, which are no letter, stand for those before the start.
fn block_before(bytes: &[u8], end: usize) -> u64 {
    match end.checked_sub(8) {
        Some(from) => u64::from_le_bytes(bytes[from..end].try_into().expect("the block is eight bytes")),
        None => bytes[..end].iter().fold(0, |block, &b| block >> 8 | u64::from(b) << 56),
    }
}

const LOCATIVES: &[&str] =
    &["in", "near", "outside", "at", "into", "around", "toward", "towards", "of", "across", "inside"];

/// [`LOCATIVES`] packed little-endian into one number each, as
/// [`locative_before`] reads a word.
const LOCATIVE_KEYS: [u64; LOCATIVES.len()] = {
    let mut keys = [0; LOCATIVES.len()];
    let mut n = 0;
    while n < LOCATIVES.len() {
        let word = LOCATIVES[n].as_bytes();
        assert!(word.len() < 8, "a locative is read from one block");
        let mut i = word.len();
        while i > 0 {
            i -= 1;
            keys[n] = keys[n] << 8 | word[i] as u64;
        }
        n += 1;
    }
    keys
};

fn contains_word(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    haystack.match_indices(needle).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `locative_before` as first written, byte by byte, that the blockwise one must agree with.
    fn locative_before_bytewise(text: &str, at: usize) -> bool {
        let bytes = text.as_bytes();
        let mut end = at.min(bytes.len());
        for _ in 0..3 {
            while end > 0 && !bytes[end - 1].is_ascii_alphanumeric() {
                end -= 1;
            }
            let mut start = end;
            while start > 0 && bytes[start - 1].is_ascii_alphanumeric() {
                start -= 1;
            }
            if start == end {
                return false;
            }
            let word = &bytes[start..end];
            if LOCATIVES.iter().any(|l| word.eq_ignore_ascii_case(l.as_bytes())) {
                return true;
            }
            end = start;
        }
        false
    }

    #[test]
    fn locatives_are_found_before_a_name() {
        assert!(locative_before("fighting in Raqqa", 12));
        assert!(locative_before("Towards the city of Raqqa", 20));
        assert!(locative_before("IN Deir", 3));
        assert!(!locative_before("inland Raqqa", 7));
        assert!(!locative_before("in the northern outskirts of Raqqa", 29 - 3));
        assert!(!locative_before("Raqqa", 0));
    }

    proptest::proptest! {
        #[test]
        fn blockwise_locatives_are_the_bytewise_ones(
            s in r"((in|IN|at|of|near|outside|Towards|across|inside|into|aroundx|[aZ09]{0,12}|\u{e9})[ .,'\-\u{a0}]{0,2}){0,6}",
            at in 0usize..80,
        ) {
            let at = crate::text::floor_char_boundary(&s, at.min(s.len()));
            proptest::prop_assert_eq!(locative_before(&s, at), locative_before_bytewise(&s, at));
        }
    }
}
