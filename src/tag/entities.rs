//! Entities: gazetteer matching in one pass, then discovery of names the
//! gazetteer lacks, then one record per real-world thing with all its mentions.

use std::ops::Range;

use crate::gazetteer::{Entry, Gazetteer, Hits};
use crate::model::{Entity, EntityType};
use crate::read::Report;
use crate::segment::Sentences;
use crate::tag::Mention;
use crate::tag::discover::{self, Found};
use crate::words::FastMap;

/// What a mention refers to before entities are numbered.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Referent {
    /// A gazetteer entry, by index.
    Known(usize),
    /// A name found in the text. Boxed: mentions are moved and sorted
    /// many times, most name a known entry, and a mention with the fields
    /// inline would be some four times the size.
    Discovered(Box<Discovered>),
}

/// A name found in the text: its id, canonical name and type, and the
/// country whose people, forces or government it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Discovered {
    pub id: String,
    pub name: String,
    pub kind: EntityType,
    pub subtype: Option<String>,
    pub country: Option<String>,
}

/// The entities of one report.
#[derive(Debug, Clone, Default)]
pub struct EntityTags {
    pub entities: Vec<Entity>,
    /// Every mention but nested ones (see `Tags::mentions`), sorted by position.
    pub mentions: Vec<Mention>,
    /// What was ambiguous, in words for the document's warnings.
    pub warnings: Vec<String>,
}

/// Find every entity in the title and sentences.
pub fn tag_entities(report: &Report, sentences: &Sentences, gazetteer: &Gazetteer) -> EntityTags {
    let text = report.text.as_str();
    // Room for the title too: a list collected at its size would move to take it.
    let mut ranges: Vec<Range<usize>> = Vec::with_capacity(sentences.spans.len() + 1);
    ranges.extend(sentences.spans.iter().map(|s| s.bytes.clone()));
    if let Some(title) = &report.title_range
        && !ranges.iter().any(|r| r.start < title.end && title.start < r.end)
    {
        ranges.push(title.clone());
    }
    ranges.sort_by_key(|r| r.start);

    // A report names something every sixty bytes or so: room for a name
    // every 48, so that the list seldom moves as it grows.
    let mut found: Vec<Found> = Vec::with_capacity(text.len() / 48);
    // One buffer for every stretch's discoveries, as they cannot go into
    // `found` while the stretch's known names there are read.
    let mut discovered: Vec<Found> = Vec::new();
    // Every stretch's words, split once and kept for the surname pass.
    let mut words = Vec::with_capacity(text.len() / 5);
    // Which of them are capitalised, a quarter or so.
    let mut capitals = Vec::with_capacity(text.len() / 20);
    // Where the gazetteer's names may start in a stretch, met by its split,
    // and the names found there: both kept for every stretch.
    let mut name_starts = Vec::with_capacity(128);
    let may_open = |rest: &[u8]| gazetteer.may_open_name(rest);
    let mut hits = Hits::with_capacity(16);
    for range in &ranges {
        let first = words.len();
        name_starts.clear();
        discover::words(text, range.clone(), &mut words, &mut capitals, &mut name_starts, may_open);
        gazetteer.find_from(text, range.clone(), name_starts.iter().copied(), &mut hits);
        let first_known = found.len();
        found.extend(
            hits.found
                .drain(..)
                // `Abu Jandal al-Kuwaiti`: after `al-`, a nationality is a family name.
                .filter(|h| {
                    !(gazetteer.entry(h.entry).kind == EntityType::Nationality && after_article(text, h.bytes.start))
                })
                .map(|h| Found { bytes: h.bytes, referent: Referent::Known(h.entry) }),
        );
        let known = &found[first_known..];
        discover::discover(text, range.clone(), &words[first..], known, gazetteer, &mut discovered);
        found.append(&mut discovered);
        // Each stretch's names in order here, where they are few, so that
        // the sort of them all finds them in order: stretches do not overlap,
        // and a stable sort of each keeps the order a sort of all would give.
        found[first_known..].sort_by(Found::text_order);
    }
    found.sort_by(Found::text_order);
    found.dedup_by(|b, a| b.bytes.start < a.bytes.end);
    // Names inside a phrase that names something else (`Iraq` in `the
    // government of Iraq`): their entities list them, later stages read the
    // phrase alone.
    let mut nested = Vec::new();
    discover::country_phrases(text, &mut found, &mut nested, gazetteer);
    discover::people_phrases(text, &mut found, &mut nested, gazetteer);
    discover::resolve_surnames(text, &words, &capitals, &mut found, gazetteer);
    discover::short_forms(text, &words, &capitals, &mut found, gazetteer);
    discover::role_mentions(text, &mut found, gazetteer);
    discover::resolve_offices(text, &mut found, gazetteer);
    let mut found = join_adjacent(text, found);
    discover::country_titles(text, &mut found, gazetteer);
    let warnings = read_generic_descriptions(text, &mut found, gazetteer);
    let (entities, mentions) = assemble(report, gazetteer, found, nested);
    EntityTags { entities, mentions, warnings }
}

/// Whether an Arabic article (`al-`, `el-`, in any case) ends at `at`.
fn after_article(text: &str, at: usize) -> bool {
    let before = text.as_bytes()[..at].rsplit(|b| !b.is_ascii_alphabetic() && *b != b'-').next().unwrap_or(&[]);
    before.eq_ignore_ascii_case(b"al-") || before.eq_ignore_ascii_case(b"el-")
}

/// `government forces` names a state's forces without the state: the
/// country most of the report's places lie in decides whose (the
/// gazetteer's own reading when none does). Where another candidate
/// country holds nearly as many, a warning says which was taken.
fn read_generic_descriptions(text: &str, found: &mut [Found], gazetteer: &Gazetteer) -> Vec<String> {
    // The places each country holds, counted when a description first
    // needs them (most reports have none), before any is read.
    let mut places: Option<FastMap<&str, usize>> = None;
    let count_places = |found: &[Found]| {
        let mut places: FastMap<&str, usize> = FastMap::default();
        for f in found {
            if let Referent::Known(e) = f.referent
                && let entry = gazetteer.entry(e)
                && entry.kind == EntityType::Location
                && let Some(code) = entry.country.as_deref()
            {
                *places.entry(code).or_default() += 1;
            }
        }
        places
    };
    let country_name =
        |code: &str| gazetteer.country(code).map_or_else(|| code.to_string(), |c| gazetteer.entry(c).name.clone());
    let mut warnings = Vec::new();
    let mut warned: Vec<String> = Vec::new();
    for n in 0..found.len() {
        let Referent::Known(_) = found[n].referent else { continue };
        let mention = &text[found[n].bytes.clone()];
        if !gazetteer.may_be_generic(mention) {
            continue;
        }
        let Some(readings) = discover::with_lower(mention, |d| gazetteer.generic_readings(d)) else { continue };
        let places = places.get_or_insert_with(|| count_places(found));
        let f = &mut found[n];
        let count = |code: &str| places.get(code).copied().unwrap_or(0);
        // The most places wins; on a tie, the earlier reading (the gazetteer's order).
        let Some((code, entry)) =
            readings.iter().rev().max_by_key(|(code, _)| count(code)).filter(|(c, _)| count(c) > 0)
        else {
            continue;
        };
        f.referent = Referent::Known(*entry);
        // A close call only: a report on Syria that names Turkey once is no doubt.
        let others: Vec<String> = readings
            .iter()
            .filter(|(c, _)| c != code && 2 * count(c) >= count(code))
            .map(|(c, _)| country_name(c))
            .collect();
        let description = mention.to_lowercase();
        if !others.is_empty() && !warned.contains(&description) {
            warnings.push(format!(
                "`{}` is read as {}, since most places named are in {}; many are in {}",
                &text[f.bytes.clone()],
                gazetteer.entry(*entry).name,
                country_name(code),
                others.join(", ")
            ));
            warned.push(description);
        }
    }
    warnings
}

/// A space between two words, with any invisible marks beside it
/// (`Prime Minister\u{200e} Haider al-Abadi`).
fn blank(gap: &str) -> bool {
    gap.len() <= 8 && gap.contains(' ') && gap.chars().all(|c| c == ' ' || ('\u{200b}'..='\u{200f}').contains(&c))
}

/// Mentions of one referent that touch or overlap are one mention: a title
/// and the name after it (`Deputy Secretary` `Blinken`), a role and the
/// title inside it (`Pentagon Press Secretary`, `Secretary`).
fn join_adjacent(text: &str, mut found: Vec<Found>) -> Vec<Found> {
    // In place: the mentions kept are `found[..kept]`, and most are kept
    // where they are, not moved.
    let mut kept = 0;
    for next in 0..found.len() {
        let (out, rest) = found.split_at_mut(next);
        let f = &rest[0];
        // Only the last few can touch it: mentions are sorted by start.
        let previous = out[..kept].iter_mut().rev().take(3).find(|p| p.referent == f.referent);
        if let Some(p) = previous
            && (f.bytes.start <= p.bytes.end || text.get(p.bytes.end..f.bytes.start).is_some_and(blank))
        {
            p.bytes.end = p.bytes.end.max(f.bytes.end);
            continue;
        }
        // A mention is a large value: most stay where they are.
        if kept != next {
            found.swap(kept, next);
        }
        kept += 1;
    }
    found.truncate(kept);
    found
}

/// Number the referents in order of first mention and build their records.
/// A nested mention joins its entity's record, not the flat `Mention` list.
fn assemble(
    report: &Report,
    gazetteer: &Gazetteer,
    mut found: Vec<Found>,
    nested: Vec<Found>,
) -> (Vec<Entity>, Vec<Mention>) {
    let mut mentions: Vec<Mention> = Vec::with_capacity(found.len());
    // The mentions in text order, by index: those from `flat` on are nested.
    let flat = found.len();
    found.extend(nested);
    // Each referent's entity: a known one's by its entry, sized for one
    // entity a mention (no growing of the table), as most are, and hashed
    // as a number rather than through the referent; a discovered one's by
    // its record, borrowed, as no clone of it is needed.
    let mut known: FastMap<usize, usize> = FastMap::with_capacity_and_hasher(found.len(), Default::default());
    let mut discovered: FastMap<&Discovered, usize> = FastMap::default();
    let mut order: Vec<usize> = (0..found.len()).collect();
    if found.len() > flat {
        // The phrase before the name inside it, as the text reads.
        let key = |&k: &usize| (found[k].bytes.start, std::cmp::Reverse(found[k].bytes.end));
        order.sort_by_key(key);
    }
    // Each mention's entity first, and each entity's referent and count
    // of mentions: the records and their lists of mentions are then made
    // at their sizes, where pushing grew most of them, moving the records.
    let mut referents: Vec<(&Referent, usize)> = Vec::with_capacity(found.len());
    let numbers: Vec<usize> = order
        .iter()
        .map(|&k| {
            let referent = &found[k].referent;
            let new = || {
                referents.push((referent, 0));
                referents.len() - 1
            };
            let i = match referent {
                Referent::Known(e) => *known.entry(*e).or_insert_with(new),
                Referent::Discovered(d) => *discovered.entry(&**d).or_insert_with(new),
            };
            referents[i].1 += 1;
            i
        })
        .collect();
    let mut entities: Vec<Entity> =
        referents.iter().map(|&(referent, count)| new_entity(referent, gazetteer, count)).collect();
    for (&k, &i) in order.iter().zip(&numbers) {
        let f = &found[k];
        entities[i].mentions.push(report.text.span(f.bytes.clone()));
        if k < flat {
            mentions.push(Mention { entity: i, bytes: f.bytes.clone() });
        }
    }
    (entities, mentions)
}

/// The record of a referent, with room for `mentions` mentions and none yet.
fn new_entity(referent: &Referent, gazetteer: &Gazetteer, mentions: usize) -> Entity {
    match referent {
        Referent::Known(e) => known_entity(gazetteer.entry(*e), mentions),
        Referent::Discovered(d) => Entity {
            id: d.id.clone(),
            name: d.name.clone(),
            kind: d.kind,
            subtype: d.subtype.clone(),
            known: false,
            country: d.country.clone(),
            admin1: None,
            lat: None,
            lon: None,
            geonames_id: None,
            mentions: Vec::with_capacity(mentions),
        },
    }
}

fn known_entity(e: &Entry, mentions: usize) -> Entity {
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
        mentions: Vec::with_capacity(mentions),
    }
}

#[cfg(test)]
mod tests {
    use crate::Analyzer;
    use crate::model::{Document, Entity};
    use crate::read::{Content, RawReport};

    fn analyze(text: &str) -> Document {
        let raw = RawReport { id: "t".into(), path: None, content: Content::Bytes(text.as_bytes().to_vec()) };
        Analyzer::default().analyze(raw).expect("a readable report")
    }

    fn entity<'a>(doc: &'a Document, id: &str) -> &'a Entity {
        doc.entities.iter().find(|e| e.id == id).unwrap_or_else(|| panic!("no {id} in {:?}", doc.entities))
    }

    /// A wire report written for the test, in the style of the seed.
    const WIRE: &str = "date 2017-06-23 US-backed fighters tighten siege on IS in Syria's Raqqa\n\n\
        The US-backed Syrian Democratic Forces (SDF) have encircled the Islamic State (IS) in the city of \
        Raqqa, a source told Xinhua on Thursday.\n\n\
        He said the SDF is pushing into IS-held districts of Raqqa, backed by the US-led coalition, \
        while the Syrian army advances toward Deir al-Zour province along the Euphrates River.\n\n\
        Russia and the US trade accusations, the Syrian Observatory for Human Rights said. Tell us \
        what this is about, residents asked.\n";

    #[test]
    fn a_wire_report_gives_who_and_where() {
        let doc = analyze(WIRE);
        let text = WIRE;
        let is = entity(&doc, "isis");
        let forms: Vec<&str> = is.mentions.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(forms, ["IS", "Islamic State", "IS", "IS"], "headline, name, acronym, IS-held");
        assert!(is.mentions[0].start < 80, "the headline's IS is tagged");
        let raqqa = entity(&doc, "raqqa");
        assert_eq!(raqqa.mentions.len(), 3);
        assert_eq!((raqqa.admin1.as_deref(), raqqa.country.as_deref()), (Some("Raqqa"), Some("SY")));
        assert!(raqqa.lat.is_some() && raqqa.lon.is_some());
        for id in ["sdf", "xinhua", "coalition", "syrian_army", "euphrates", "russia", "us", "sohr"] {
            entity(&doc, id);
        }
        assert_eq!(entity(&doc, "deir_ez_zor_governorate").admin1.as_deref(), Some("Deir ez-Zor"));
        assert_eq!(entity(&doc, "sdf").mentions.len(), 3);
        // Spans are the text they claim to be, and `is`/`us` in lower case are never tagged.
        let chars: Vec<char> = text.chars().collect();
        for e in &doc.entities {
            for m in &e.mentions {
                assert_eq!(chars[m.start..m.end].iter().collect::<String>(), m.text);
                assert!(m.text != "is" && m.text != "us", "{} tagged", m.text);
            }
        }
    }

    #[test]
    fn mentions_are_sorted_and_point_at_their_entity() {
        let raw = RawReport { id: "t".into(), path: None, content: Content::Bytes(WIRE.as_bytes().to_vec()) };
        let report = crate::read::read(raw, &Default::default()).expect("readable");
        let sentences = crate::segment::segment(&report);
        let gazetteer = crate::gazetteer::Gazetteer::embedded();
        let super::EntityTags { entities, mentions, .. } = super::tag_entities(&report, &sentences, &gazetteer);
        assert!(mentions.windows(2).all(|w| w[0].bytes.start <= w[1].bytes.start));
        for m in &mentions {
            assert!(entities[m.entity].mentions.iter().any(|s| s.bytes == m.bytes));
        }
        let total: usize = entities.iter().map(|e| e.mentions.len()).sum();
        assert_eq!(total, mentions.len(), "no name nests inside another here");
    }

    #[test]
    fn fakes_style_text_without_apostrophes_still_resolves() {
        let doc = analyze(
            "date 2017-04-05 Dozens killed in Idleb\n\nWarplanes struck Khan Sheikhoun in Idlebs southern \
             countryside and Assads forces shelled Deir Ezzor and Eastern Ghouta the Observatory said\n",
        );
        assert_eq!(entity(&doc, "idlib").admin1.as_deref(), Some("Idlib"));
        assert_eq!(entity(&doc, "khan_shaykhun").admin1.as_deref(), Some("Idlib"));
        assert_eq!(entity(&doc, "deir_ez_zor").admin1.as_deref(), Some("Deir ez-Zor"));
        assert_eq!(entity(&doc, "eastern_ghouta").admin1.as_deref(), Some("Rif Dimashq"));
        entity(&doc, "syrian_army");
    }

    #[test]
    fn a_government_named_through_its_country_is_the_government() {
        let doc = analyze(
            "Jets flew in support of the government of Iraq. Analysts praised Turkey's government and \
             the Governments of Jordan. Fighting went on in Iraq.\n",
        );
        let forms = |id: &str| entity(&doc, id).mentions.iter().map(|m| m.text.clone()).collect::<Vec<_>>();
        assert_eq!(forms("iraqi_government"), ["government of Iraq"]);
        assert_eq!(forms("turkish_government"), ["Turkey's government"]);
        assert_eq!(entity(&doc, "jordan_government").mentions[0].text, "Governments of Jordan");
        // The place is named inside the government's phrase too, and stays the place elsewhere.
        assert_eq!(forms("iraq"), ["Iraq", "Iraq"]);
        assert_eq!(forms("turkey"), ["Turkey"]);
        let iraq = entity(&doc, "iraq");
        assert_eq!(iraq.mentions[0].end, entity(&doc, "iraqi_government").mentions[0].end);
    }

    #[test]
    fn a_country_with_its_article_is_the_state_and_names_the_place() {
        let doc = analyze(
            "The United States strongly condemns the attack. Talks with the Netherlands went on in \
             the United States-Mexico border town, the people of Syria said. Students travelled to the \
             United States.\n",
        );
        let forms = |id: &str| entity(&doc, id).mentions.iter().map(|m| m.text.clone()).collect::<Vec<_>>();
        assert_eq!(forms("us_government"), ["United States"]);
        assert_eq!(
            forms("us"),
            ["United States", "United States", "United States"],
            "inside the state, a modifier, a destination"
        );
        assert_eq!(forms("netherlands_government"), ["Netherlands"]);
        assert_eq!(forms("syria_people"), ["people of Syria"]);
        assert_eq!(forms("syria"), ["Syria"]);
        let condemn = doc.events.iter().find(|e| e.trigger.text == "condemns").expect("a condemnation");
        assert_eq!(condemn.actors, ["us_government"]);
        // Events look for names after the article, as for any other name.
        let truce = analyze("A ceasefire brokered by the US and Russia collapsed in Aleppo.\n");
        let ceasefire = truce.events.iter().find(|e| e.trigger.text == "ceasefire").expect("a ceasefire");
        assert_eq!(ceasefire.actors, ["us_government", "russia"]);
    }

    #[test]
    fn a_title_and_the_name_after_it_are_one_mention() {
        let doc = analyze(
            "As Deputy Secretary of State Antony Blinken said on Monday, aid will grow. \
             Deputy Secretary Blinken will then visit Erbil.\n",
        );
        let person = doc.entities.iter().find(|e| e.name == "Antony Blinken").expect("Blinken");
        let forms: Vec<&str> = person.mentions.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(forms[0], "Deputy Secretary of State Antony Blinken");
        assert!(forms[1].ends_with("Blinken"), "{forms:?}");
        assert_eq!(doc.entities.iter().filter(|e| e.kind == crate::model::EntityType::Person).count(), 1);
    }

    #[test]
    fn government_forces_belong_to_the_country_the_report_is_about() {
        let read_as =
            |doc: &Document| doc.warnings.iter().filter(|w| w.contains(" is read as ")).cloned().collect::<Vec<_>>();
        let syria = analyze("Government forces shelled Douma and Harasta in Eastern Ghouta.\n");
        entity(&syria, "syrian_army");
        assert!(read_as(&syria).is_empty());

        let iraq = analyze("Government forces retook Tikrit, Baiji and Samarra from militants near Mosul.\n");
        assert_eq!(entity(&iraq, "iraqi_security_forces").mentions[0].text, "Government forces");
        assert!(iraq.entities.iter().all(|e| e.id != "syrian_army"));
        assert!(read_as(&iraq).is_empty());

        let both = analyze("Government forces advanced on Mosul and Tikrit, while militants fled to Raqqa.\n");
        // One Syrian place against two Iraqi ones is a close call.
        entity(&both, "iraqi_security_forces");
        assert_eq!(
            read_as(&both),
            [
                "`Government forces` is read as Iraqi Security Forces, since most places named are in Iraq; many are in Syria"
            ]
        );
    }

    #[test]
    fn a_known_operation_is_a_campaign_not_an_actor() {
        let doc = analyze("Turkish jets struck Afrin on the third day of Operation Olive Branch, Ankara said.\n");
        let operation = entity(&doc, "operation_olive_branch");
        assert_eq!(operation.kind, crate::model::EntityType::Other);
        assert_eq!(operation.subtype.as_deref(), Some("operation"));
    }

    #[test]
    fn summit_groups_are_international_bodies() {
        let doc = analyze("Leaders of the G7 and the G-20 discussed refugees from Syria.\n");
        assert_eq!(entity(&doc, "g7").subtype.as_deref(), Some("international"));
        assert_eq!(entity(&doc, "g20").mentions[0].text, "G-20");
    }

    #[test]
    fn discovered_names_are_marked_unknown() {
        let doc = analyze(
            "Rebels of the Nour al-Haq Brigade entered the village of Tell Ghazal, spokesman Omar Haddad said.\n",
        );
        let brigade = doc.entities.iter().find(|e| e.name == "Nour al-Haq Brigade").expect("brigade");
        assert!(!brigade.known);
        assert_eq!(brigade.id, "group:nour_al_haq_brigade");
        let village = doc.entities.iter().find(|e| e.name == "Tell Ghazal").expect("village");
        assert_eq!(village.kind, crate::model::EntityType::Location);
        let person = doc.entities.iter().find(|e| e.name == "Omar Haddad").expect("spokesman");
        assert_eq!(person.kind, crate::model::EntityType::Person);
    }
}
