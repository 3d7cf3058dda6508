//! Entities: gazetteer matching in one pass, then discovery of names the
//! gazetteer lacks, then one record per real-world thing with all its mentions.

use std::collections::HashMap;
use std::ops::Range;

use crate::gazetteer::{Entry, Gazetteer};
use crate::model::{Entity, EntityType};
use crate::read::Report;
use crate::segment::Sentences;
use crate::tag::Mention;
use crate::tag::discover::{self, Found};

/// What a mention refers to before entities are numbered.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Referent {
    /// A gazetteer entry, by index.
    Known(usize),
    /// A name found in the text: its id, canonical name and type.
    Discovered { id: String, name: String, kind: EntityType, subtype: Option<String> },
}

/// Find every entity in the title and sentences. Mentions come back sorted.
pub fn tag_entities(report: &Report, sentences: &Sentences, gazetteer: &Gazetteer) -> (Vec<Entity>, Vec<Mention>) {
    let text = report.text.as_str();
    let mut ranges: Vec<Range<usize>> = sentences.spans.iter().map(|s| s.bytes.clone()).collect();
    if let Some(title) = &report.title_range
        && !ranges.iter().any(|r| r.start < title.end && title.start < r.end)
    {
        ranges.push(title.clone());
    }
    ranges.sort_by_key(|r| r.start);

    let mut found: Vec<Found> = Vec::new();
    for range in &ranges {
        let hits = gazetteer.find(text, range.clone());
        let known: Vec<Found> =
            hits.into_iter().map(|h| Found { bytes: h.bytes, referent: Referent::Known(h.entry) }).collect();
        let discovered = discover::discover(text, range.clone(), &known, gazetteer);
        found.extend(known);
        found.extend(discovered);
    }
    found.sort_by(|a, b| a.bytes.start.cmp(&b.bytes.start).then(b.bytes.end.cmp(&a.bytes.end)));
    found.dedup_by(|b, a| b.bytes.start < a.bytes.end);
    discover::country_phrases(text, &mut found, gazetteer);
    discover::resolve_surnames(text, &ranges, &mut found, gazetteer);
    assemble(report, gazetteer, found)
}

/// Number the referents in order of first mention and build their records.
fn assemble(report: &Report, gazetteer: &Gazetteer, found: Vec<Found>) -> (Vec<Entity>, Vec<Mention>) {
    let mut index: HashMap<Referent, usize> = HashMap::new();
    let mut entities: Vec<Entity> = Vec::new();
    let mut mentions: Vec<Mention> = Vec::with_capacity(found.len());
    for f in found {
        let i = *index.entry(f.referent.clone()).or_insert_with(|| {
            entities.push(match &f.referent {
                Referent::Known(e) => known_entity(gazetteer.entry(*e)),
                Referent::Discovered { id, name, kind, subtype } => Entity {
                    id: id.clone(),
                    name: name.clone(),
                    kind: *kind,
                    subtype: subtype.clone(),
                    known: false,
                    country: None,
                    admin1: None,
                    lat: None,
                    lon: None,
                    geonames_id: None,
                    mentions: Vec::new(),
                },
            });
            entities.len() - 1
        });
        entities[i].mentions.push(report.text.span(f.bytes.clone()));
        mentions.push(Mention { entity: i, bytes: f.bytes });
    }
    (entities, mentions)
}

fn known_entity(e: &Entry) -> Entity {
    Entity {
        id: e.id.clone(),
        name: e.name.clone(),
        kind: e.kind,
        subtype: e.subtype.clone(),
        known: true,
        country: e.country.clone(),
        admin1: e.admin1.clone(),
        lat: e.lat,
        lon: e.lon,
        geonames_id: e.geonames_id,
        mentions: Vec::new(),
    }
}
