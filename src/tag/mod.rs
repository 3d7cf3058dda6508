//! The third stage: what the text names. Entities from the gazetteer and
//! names discovered in context, and time expressions resolved against the
//! report's date.

pub mod discover;
pub mod entities;
pub mod times;

use std::ops::Range;

use crate::gazetteer::Gazetteer;
use crate::model::{Entity, Time};
use crate::read::Report;
use crate::segment::Sentences;

/// One mention of an entity, for the later stages' look-ups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Index into `Tags::entities`.
    pub entity: usize,
    pub bytes: Range<usize>,
}

/// What the tagger found in one report.
#[derive(Debug, Clone, Default)]
pub struct Tags {
    pub entities: Vec<Entity>,
    /// Every entity mention, sorted by position, but for names nested in a
    /// phrase that names something else (`Iraq` in `the government of
    /// Iraq`): their entities list them, later stages read the phrase.
    pub mentions: Vec<Mention>,
    pub times: Vec<Time>,
    /// What was ambiguous or left unresolved, for the document's warnings.
    pub warnings: Vec<String>,
}

impl Tags {
    /// A report's tags from its entities and its times, found apart.
    pub fn new(entity_tags: entities::EntityTags, time_tags: times::TimeTags) -> Self {
        let entities::EntityTags { entities, mentions, mut warnings } = entity_tags;
        let times::TimeTags { times, warnings: time_warnings } = time_tags;
        warnings.extend(time_warnings);
        Tags { entities, mentions, times, warnings }
    }

    /// The mentions that lie inside a byte range, in order.
    pub fn mentions_in(&self, range: Range<usize>) -> &[Mention] {
        let from = self.mentions.partition_point(|m| m.bytes.start < range.start);
        // A sentence holds few mentions: they are walked, not searched for.
        let rest = &self.mentions[from..];
        let keep = rest.iter().take_while(|m| m.bytes.start < range.end && m.bytes.end <= range.end).count();
        &rest[..keep]
    }
}

/// Tag a report's title and sentences.
pub fn tag(report: &Report, sentences: &Sentences, gazetteer: &Gazetteer) -> Tags {
    Tags::new(entities::tag_entities(report, sentences, gazetteer), times::tag_times(report, sentences))
}

#[cfg(test)]
mod tests {
    use super::{Mention, Tags};

    proptest::proptest! {
        #[test]
        fn mentions_in_a_range_are_those_both_searches_bound(
            spans in proptest::collection::vec((0usize..60, 1usize..12), 0..12),
            range in (0usize..70, 0usize..70),
        ) {
            let mut mentions: Vec<Mention> =
                spans.into_iter().map(|(start, len)| Mention { entity: 0, bytes: start..start + len }).collect();
            mentions.sort_by_key(|m| m.bytes.start);
            let tags = Tags { mentions, ..Tags::default() };
            let (start, end) = range;
            // Where the mentions starting in the range start and end, and the
            // first of them that runs past it.
            let from = tags.mentions.partition_point(|m| m.bytes.start < start);
            let to = tags.mentions.partition_point(|m| m.bytes.start < end).max(from);
            let keep = tags.mentions[from..to].iter().take_while(|m| m.bytes.end <= end).count();
            proptest::prop_assert_eq!(tags.mentions_in(start..end), &tags.mentions[from..from + keep]);
        }
    }
}
