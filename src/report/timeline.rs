//! `timeline`: events of all reports in date order. The same event told by
//! several reports (same type and modality, overlapping actors, the same
//! place, dates within a day) is one entry listing every report and source
//! that tells it; each claim keeps its own record in the entry.

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;
use serde_json::Value;

use crate::model::{Acled, DateBasis, Document, Entity, Event, Fatalities, Label, Modality, Precision};
use crate::output::{Printable, Table};

/// Which events a timeline keeps.
#[derive(Debug, Clone, Default)]
pub struct TimelineFilter {
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
    /// Entity ids or names (case-insensitive) one of whose actors must match.
    /// A country takes in its state's government and forces (`us` keeps
    /// events by `us_government` and `us_forces`).
    pub actor: Option<String>,
    /// Entity id or name of a location, or an admin1 name.
    pub place: Option<String>,
    /// Event types (`siege`), PLOVER categories or ACLED event types.
    pub types: Vec<String>,
}

/// An actor or target by id and name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

/// A place with what ACLED wants of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    pub id: String,
    pub name: String,
    pub admin1: Option<String>,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// One report's telling of an event: which document, which event, who says so.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Telling {
    pub document: String,
    pub path: Option<String>,
    pub event: String,
    pub claim: Option<String>,
    /// The source's name; null when the report says it in its own voice.
    pub source: Option<String>,
    pub source_kind: Option<crate::model::SourceKind>,
    pub trigger: String,
    pub sentence: String,
    pub date: Option<String>,
    pub date_basis: DateBasis,
    pub modality: Modality,
    pub fatalities: Option<Fatalities>,
}

/// One entry of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub date: Option<String>,
    pub precision: Option<Precision>,
    #[serde(rename = "type")]
    pub kind: Label,
    pub plover: Label,
    pub plover_mode: Option<Label>,
    pub cameo: Label,
    pub acled: Acled,
    pub actors: Vec<Named>,
    pub targets: Vec<Named>,
    pub locations: Vec<Place>,
    /// The report's focus, standing in when no telling names a place.
    pub focus: Option<Place>,
    pub modality: Modality,
    pub fatalities: Option<Fatalities>,
    /// How many documents and distinct sources tell it.
    pub documents: usize,
    pub sources: usize,
    pub reports: Vec<Telling>,
    #[serde(skip)]
    start: Option<NaiveDate>,
}

/// The timeline: entries in date order, undated ones last.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    pub entries: Vec<Entry>,
}

/// The first and last day an ISO 8601 value at any precision covers:
/// `2017-06-22`, `2017-W25`, `2017-06`, `2017`.
pub fn date_bounds(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    let v = value.trim();
    // An interval `2017-06-09/2017-06-23`: from the first's start to the second's end.
    if let Some((a, b)) = v.split_once('/') {
        return Some((date_bounds(a)?.0, date_bounds(b)?.1));
    }
    if let Ok(d) = NaiveDate::parse_from_str(v.get(..10).unwrap_or(v), "%Y-%m-%d") {
        return Some((d, d));
    }
    if let Some((y, w)) = v.split_once("-W") {
        let monday =
            NaiveDate::from_isoywd_opt(y.parse().ok()?, w.get(..2).unwrap_or(w).parse().ok()?, chrono::Weekday::Mon)?;
        return Some((monday, monday + Duration::days(6)));
    }
    if v.len() == 7
        && let Some((y, m)) = v.split_once('-')
        && m.bytes().all(|b| b.is_ascii_digit())
    {
        let first = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1)?;
        let next = if first.month() == 12 {
            NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)?
        };
        return Some((first, next - Duration::days(1)));
    }
    // Seasons as the times stage writes them: `2017-SU`.
    if let Some((y, season)) = v.split_once('-')
        && y.len() == 4
    {
        let y: i32 = y.parse().ok()?;
        let (from, to) = match season {
            "SP" => ((y, 3, 1), (y, 5, 31)),
            "SU" => ((y, 6, 1), (y, 8, 31)),
            "FA" | "AU" => ((y, 9, 1), (y, 11, 30)),
            "WI" => ((y, 12, 1), (y + 1, 2, 28)),
            _ => return None,
        };
        return Some((NaiveDate::from_ymd_opt(from.0, from.1, from.2)?, NaiveDate::from_ymd_opt(to.0, to.1, to.2)?));
    }
    if v.len() == 4 {
        let y: i32 = v.parse().ok()?;
        return Some((NaiveDate::from_ymd_opt(y, 1, 1)?, NaiveDate::from_ymd_opt(y, 12, 31)?));
    }
    None
}

fn entity<'d>(doc: &'d Document, id: &str) -> Option<&'d Entity> {
    doc.entities.iter().find(|e| e.id == id)
}

fn named(doc: &Document, ids: &[String]) -> Vec<Named> {
    ids.iter()
        .map(|id| Named { id: id.clone(), name: entity(doc, id).map_or_else(|| id.clone(), |e| e.name.clone()) })
        .collect()
}

fn place(doc: &Document, id: &str) -> Place {
    match entity(doc, id) {
        Some(e) => Place {
            id: e.id.clone(),
            name: e.name.clone(),
            admin1: e.admin1.clone().or_else(|| (e.subtype.as_deref() == Some("admin1")).then(|| e.name.clone())),
            country: e.country.clone(),
            lat: e.lat,
            lon: e.lon,
        },
        None => Place { id: id.to_string(), name: id.to_string(), admin1: None, country: None, lat: None, lon: None },
    }
}

fn matches_text(wanted: &str, candidates: &[&str]) -> bool {
    candidates.iter().any(|c| c.eq_ignore_ascii_case(wanted))
}

/// Whether `body` is the government or forces of the country `wanted`
/// names: by its code (`us`), or by the id or name of the report's entity
/// for that country (`united states`, `syria`).
fn state_body_of(doc: &Document, body: &Entity, wanted: &str) -> bool {
    let Some(code) = body.country.as_deref() else { return false };
    let state = body.kind == crate::model::EntityType::Organization
        && matches!(body.subtype.as_deref(), Some("government" | "military"));
    state
        && (code.eq_ignore_ascii_case(wanted)
            || doc.entities.iter().any(|c| {
                c.subtype.as_deref() == Some("country")
                    && c.country.as_deref() == Some(code)
                    && matches_text(wanted, &[&c.id, &c.name])
            }))
}

impl TimelineFilter {
    fn keeps(&self, doc: &Document, e: &Event) -> bool {
        if self.from.is_some() || self.to.is_some() {
            let Some((start, end)) = e.date.value.as_deref().and_then(date_bounds) else { return false };
            if self.from.is_some_and(|f| end < f) || self.to.is_some_and(|t| start > t) {
                return false;
            }
        }
        if let Some(actor) = &self.actor {
            let hit = e.actors.iter().any(|id| {
                let found = entity(doc, id);
                let name = found.map_or("", |x| x.name.as_str());
                matches_text(actor, &[id, name]) || found.is_some_and(|x| state_body_of(doc, x, actor))
            });
            if !hit {
                return false;
            }
        }
        if let Some(wanted) = &self.place {
            let hit = e.locations.iter().any(|id| {
                let p = place(doc, id);
                matches_text(wanted, &[&p.id, &p.name, p.admin1.as_deref().unwrap_or("")])
            });
            if !hit {
                return false;
            }
        }
        if !self.types.is_empty() {
            let acled = e.acled.event_type.as_deref().unwrap_or("");
            if !self.types.iter().any(|t| matches_text(t, &[&e.kind, &e.plover, acled])) {
                return false;
            }
        }
        true
    }
}

/// Whether an event and an entry tell the same happening.
fn same_happening(entry: &Entry, e: &Event, start: Option<NaiveDate>) -> bool {
    let (Some(a), Some(b)) = (entry.start, start) else { return false };
    if entry.kind != e.kind || entry.modality != e.modality || (a - b).num_days().abs() > 1 {
        return false;
    }
    let places: BTreeSet<&str> = entry.locations.iter().map(|p| p.id.as_str()).collect();
    let same_place = if places.is_empty() || e.locations.is_empty() {
        places.is_empty() && e.locations.is_empty()
    } else {
        e.locations.iter().any(|l| places.contains(l.as_str()))
    };
    if !same_place {
        return false;
    }
    let actors: BTreeSet<&str> = entry.actors.iter().map(|n| n.id.as_str()).collect();
    if actors.is_empty() && e.actors.is_empty() {
        // With no actor on either side, only a named place ties them.
        return !places.is_empty();
    }
    e.actors.iter().any(|a| actors.contains(a.as_str()))
}

fn telling(doc: &Document, e: &Event) -> Telling {
    let claim = e.claim.as_ref().and_then(|c| doc.claims.iter().find(|x| &x.id == c));
    let source = claim.and_then(|c| c.source.as_ref()).and_then(|s| doc.sources.iter().find(|x| &x.id == s));
    Telling {
        document: doc.id.clone(),
        path: doc.path.clone(),
        event: e.id.clone(),
        claim: e.claim.clone(),
        source: source.map(|s| s.name.clone()),
        source_kind: source.map(|s| s.kind),
        trigger: e.trigger.text.clone(),
        sentence: doc.sentences.get(e.sentence).map(|s| s.text.clone()).unwrap_or_default(),
        date: e.date.value.clone(),
        date_basis: e.date.basis,
        modality: e.modality,
        fatalities: e.fatalities.clone(),
    }
}

fn push_new<T: PartialEq>(into: &mut Vec<T>, items: impl IntoIterator<Item = T>) {
    for x in items {
        if !into.contains(&x) {
            into.push(x);
        }
    }
}

/// The events of all documents in date order, merged across reports.
pub fn timeline(docs: &[Document], filter: &TimelineFilter) -> Timeline {
    let mut events: Vec<(Option<NaiveDate>, usize, usize)> = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for (k, e) in doc.events.iter().enumerate() {
            if filter.keeps(doc, e) {
                events.push((e.date.value.as_deref().and_then(date_bounds).map(|b| b.0), d, k));
            }
        }
    }
    // Dated first, by day; then in input order.
    events.sort_by_key(|&(start, d, k)| (start.is_none(), start, d, k));
    let mut entries: Vec<Entry> = Vec::new();
    for (start, d, k) in events {
        let doc = &docs[d];
        let e = &doc.events[k];
        let found = entries
            .iter_mut()
            .rev()
            .take_while(|x| match (x.start, start) {
                (Some(a), Some(b)) => (b - a).num_days() <= 1,
                _ => false,
            })
            .find(|x| same_happening(x, e, start));
        let t = telling(doc, e);
        match found {
            Some(entry) => {
                push_new(&mut entry.actors, named(doc, &e.actors));
                push_new(&mut entry.targets, named(doc, &e.targets));
                push_new(&mut entry.locations, e.locations.iter().map(|l| place(doc, l)));
                // A higher reported toll supersedes: tolls rise as reports come in.
                if let Some(f) = &e.fatalities
                    && entry.fatalities.as_ref().is_none_or(|g| f.min.unwrap_or(0) > g.min.unwrap_or(0))
                {
                    entry.fatalities = Some(f.clone());
                }
                // The most precise date wins.
                if e.date.precision.is_some() && (entry.precision.is_none() || e.date.precision < entry.precision) {
                    entry.date = e.date.value.clone();
                    entry.precision = e.date.precision;
                }
                entry.reports.push(t);
            }
            None => entries.push(Entry {
                date: e.date.value.clone(),
                precision: e.date.precision,
                kind: e.kind.clone(),
                plover: e.plover.clone(),
                plover_mode: e.plover_mode.clone(),
                cameo: e.cameo.clone(),
                acled: e.acled.clone(),
                actors: named(doc, &e.actors),
                targets: named(doc, &e.targets),
                locations: e.locations.iter().map(|l| place(doc, l)).collect(),
                focus: doc.focus.place.as_deref().map(|p| place(doc, p)),
                modality: e.modality,
                fatalities: e.fatalities.clone(),
                documents: 0,
                sources: 0,
                reports: vec![t],
                start,
            }),
        }
    }
    for entry in &mut entries {
        let docs: BTreeSet<&str> = entry.reports.iter().map(|r| r.document.as_str()).collect();
        let sources: BTreeSet<(&str, &str)> = entry
            .reports
            .iter()
            .map(|r| match &r.source {
                Some(s) => ("", s.as_str()),
                None => (r.document.as_str(), ""),
            })
            .collect();
        entry.documents = docs.len();
        entry.sources = sources.len();
    }
    Timeline { entries }
}

fn names(list: &[Named]) -> String {
    list.iter().map(|n| n.name.as_str()).collect::<Vec<_>>().join("; ")
}

fn precision_word(p: Option<Precision>) -> &'static str {
    match p {
        Some(Precision::Day) => "day",
        Some(Precision::Week) => "week",
        Some(Precision::Month) => "month",
        Some(Precision::Season) => "season",
        Some(Precision::Year) => "year",
        Some(Precision::Decade) => "decade",
        None => "",
    }
}

fn modality_word(m: Modality) -> &'static str {
    match m {
        Modality::Asserted => "asserted",
        Modality::Negated => "negated",
        Modality::Future => "future",
        Modality::Hypothetical => "hypothetical",
        Modality::Attempted => "attempted",
    }
}

fn fatalities_text(f: &Option<Fatalities>) -> String {
    match f {
        None => String::new(),
        Some(f) => match (f.min, f.max) {
            (Some(a), Some(b)) if a == b => a.to_string(),
            (Some(a), Some(b)) => format!("{a}-{b}"),
            (Some(a), None) => format!("{a}+"),
            (None, Some(b)) => format!("≤{b}"),
            (None, None) => f.text.clone(),
        },
    }
}

impl Entry {
    /// The place to show: the first location, else the report's focus.
    pub fn place(&self) -> Option<&Place> {
        self.locations.first().or(self.focus.as_ref())
    }

    fn source_names(&self) -> String {
        let mut out: Vec<String> = Vec::new();
        for r in &self.reports {
            let name = r.source.clone().unwrap_or_else(|| r.document.clone());
            if !out.contains(&name) {
                out.push(name);
            }
        }
        out.join("; ")
    }
}

impl Printable for Timeline {
    fn tables(&self) -> Vec<Table> {
        let mut t = Table::new(
            "Timeline",
            &[
                "date",
                "precision",
                "type",
                "actors",
                "targets",
                "place",
                "fatalities",
                "modality",
                "reports",
                "sources",
            ],
        );
        for e in &self.entries {
            let place = match (e.locations.first(), &e.focus) {
                (Some(p), _) => p.name.clone(),
                (None, Some(f)) => format!("({})", f.name),
                (None, None) => String::new(),
            };
            t.rows.push(vec![
                e.date.clone().unwrap_or_default(),
                precision_word(e.precision).to_string(),
                e.kind.to_string(),
                names(&e.actors),
                names(&e.targets),
                place,
                fatalities_text(&e.fatalities),
                modality_word(e.modality).to_string(),
                e.documents.to_string(),
                e.source_names(),
            ]);
        }
        vec![t]
    }

    /// ACLED's columns, so the file loads wherever ACLED data does; then the
    /// project's own coding and the corroboration counts.
    fn csv_table(&self) -> Table {
        let mut t = Table::new(
            "",
            &[
                "event_date",
                "event_type",
                "sub_event_type",
                "actor1",
                "actor2",
                "admin1",
                "location",
                "latitude",
                "longitude",
                "source",
                "notes",
                "fatalities",
                "time_precision",
                "type",
                "plover",
                "cameo",
                "modality",
                "documents",
                "sources",
            ],
        );
        for e in &self.entries {
            let start = e.start.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
            let precision = match e.precision {
                Some(Precision::Day) => "1",
                Some(Precision::Week) => "2",
                Some(_) => "3",
                None => "",
            };
            let place = e.place();
            let mut notes = e.reports.first().map(|r| r.sentence.clone()).unwrap_or_default();
            if e.modality != Modality::Asserted {
                notes = format!("[{}] {notes}", modality_word(e.modality));
            }
            let coord = |v: Option<f64>| v.map(|x| format!("{x:.4}")).unwrap_or_default();
            t.rows.push(vec![
                start,
                e.acled.event_type.as_deref().unwrap_or_default().to_string(),
                e.acled.sub_event_type.as_deref().unwrap_or_default().to_string(),
                names(&e.actors),
                names(&e.targets),
                place.and_then(|p| p.admin1.clone()).unwrap_or_default(),
                place.map(|p| p.name.clone()).unwrap_or_default(),
                coord(place.and_then(|p| p.lat)),
                coord(place.and_then(|p| p.lon)),
                e.source_names(),
                notes,
                e.fatalities.as_ref().map_or(0, crate::events::conservative).to_string(),
                precision.to_string(),
                e.kind.to_string(),
                e.plover.to_string(),
                e.cameo.to_string(),
                modality_word(e.modality).to_string(),
                e.documents.to_string(),
                e.sources.to_string(),
            ]);
        }
        t
    }

    fn json(&self) -> Value {
        Value::Array(self.records())
    }

    fn records(&self) -> Vec<Value> {
        self.entries.iter().map(|e| serde_json::to_value(e).unwrap_or(Value::Null)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Claim, ClaimKind, EntityType, EventDate, Focus, Source, SourceKind, Span};

    fn ent(id: &str, name: &str, kind: EntityType, admin1: Option<&str>) -> Entity {
        Entity {
            id: id.into(),
            name: name.into(),
            kind,
            subtype: None,
            known: true,
            country: Some("SY".into()),
            admin1: admin1.map(str::to_string),
            lat: Some(35.95),
            lon: Some(39.01),
            geonames_id: None,
            mentions: Vec::new(),
        }
    }

    fn event(kind: &str, date: &str, actors: &[&str], place: &str, toll: Option<u32>, claim: Option<&str>) -> Event {
        Event {
            id: "e0".into(),
            kind: kind.to_owned().into(),
            plover: "COERCE".into(),
            plover_mode: None,
            cameo: "192".into(),
            acled: Acled {
                event_type: Some("Battles".into()),
                sub_event_type: Some("Non-state actor overtakes territory".into()),
            },
            trigger: Span { text: "captured".into(), ..Span::default() },
            actors: actors.iter().map(|a| a.to_string()).collect(),
            targets: vec!["is".into()],
            locations: vec![place.into()],
            date: EventDate { value: Some(date.into()), precision: Some(Precision::Day), basis: DateBasis::Explicit },
            modality: Modality::Asserted,
            fatalities: toll.map(|n| Fatalities { min: Some(n), max: Some(n), text: n.to_string() }),
            claim: claim.map(str::to_string),
            sentence: 0,
        }
    }

    fn doc(id: &str, events: Vec<Event>, source: Option<&str>) -> Document {
        Document {
            schema: crate::model::SCHEMA.into(),
            id: id.into(),
            path: None,
            title: None,
            date: None,
            date_source: None,
            dateline: None,
            encoding: "UTF-8".into(),
            sentences: vec![Span { text: "The SDF captured Tabqa, it said.".into(), ..Span::default() }],
            entities: vec![
                ent("sdf", "Syrian Democratic Forces", EntityType::Organization, None),
                ent("is", "Islamic State", EntityType::Organization, None),
                ent("tabqa", "Tabqa", EntityType::Location, Some("Raqqa")),
                ent("manbij", "Manbij", EntityType::Location, Some("Aleppo")),
            ],
            times: Vec::new(),
            sources: source
                .map(|s| Source {
                    id: "s0".into(),
                    name: s.into(),
                    kind: SourceKind::Organization,
                    entity: None,
                    mentions: vec![],
                })
                .into_iter()
                .collect(),
            claims: source
                .map(|_| Claim {
                    id: "c0".into(),
                    source: Some("s0".into()),
                    source_mention: None,
                    cue: Span::default(),
                    content: None,
                    kind: ClaimKind::Indirect,
                    channel: None,
                    sentence: 0,
                })
                .into_iter()
                .collect(),
            events,
            focus: Focus::default(),
            warnings: Vec::new(),
        }
    }

    fn corpus() -> Vec<Document> {
        vec![
            doc(
                "a",
                vec![event("capture", "2017-05-10", &["sdf"], "tabqa", Some(3), Some("c0"))],
                Some("SDF statement"),
            ),
            doc("b", vec![event("capture", "2017-05-11", &["sdf"], "tabqa", Some(5), None)], None),
            doc("c", vec![event("capture", "2017-05-04", &["sdf"], "manbij", None, None)], None),
            doc("d", vec![event("capture", "2017-05-10", &["is"], "tabqa", None, None)], None),
        ]
    }

    #[test]
    fn one_happening_told_twice_is_one_entry_with_both_tellings() {
        let t = timeline(&corpus(), &TimelineFilter::default());
        let dates: Vec<&str> = t.entries.iter().map(|e| e.date.as_deref().unwrap()).collect();
        assert_eq!(dates, ["2017-05-04", "2017-05-10", "2017-05-10"]);
        let tabqa = &t.entries[1];
        assert_eq!((tabqa.documents, tabqa.sources), (2, 2));
        assert_eq!(tabqa.reports.len(), 2);
        assert_eq!(tabqa.reports[0].source.as_deref(), Some("SDF statement"));
        assert_eq!(tabqa.fatalities.as_ref().and_then(|f| f.min), Some(5));
        // Different actors: a different happening, though the day and place agree.
        assert_eq!(t.entries[2].actors[0].id, "is");
    }

    #[test]
    fn filters() {
        let f = TimelineFilter { from: NaiveDate::from_ymd_opt(2017, 5, 9), ..Default::default() };
        assert_eq!(timeline(&corpus(), &f).entries.len(), 2);
        let f = TimelineFilter { actor: Some("Islamic State".into()), ..Default::default() };
        assert_eq!(timeline(&corpus(), &f).entries.len(), 1);
        let f = TimelineFilter { place: Some("aleppo".into()), ..Default::default() };
        assert_eq!(timeline(&corpus(), &f).entries[0].locations[0].id, "manbij");
        let f = TimelineFilter { types: vec!["Battles".into()], ..Default::default() };
        assert_eq!(timeline(&corpus(), &f).entries.len(), 3);
        let f = TimelineFilter { types: vec!["siege".into()], ..Default::default() };
        assert!(timeline(&corpus(), &f).entries.is_empty());
    }

    #[test]
    fn a_country_as_actor_takes_in_its_government_and_forces() {
        let with_subtype = |mut e: Entity, subtype: &str| {
            e.subtype = Some(subtype.into());
            e
        };
        let mut report = doc(
            "r",
            vec![
                event("shelling", "2017-05-08", &["syrian_army"], "tabqa", None, None),
                event("capture", "2017-05-09", &["sdf"], "manbij", None, None),
            ],
            None,
        );
        report.entities.extend([
            with_subtype(ent("syria", "Syria", EntityType::Location, None), "country"),
            with_subtype(ent("syrian_army", "Syrian Army", EntityType::Organization, None), "military"),
        ]);
        report.entities[0] = with_subtype(report.entities[0].clone(), "armed_group");
        let actors = |wanted: &str| {
            let f = TimelineFilter { actor: Some(wanted.into()), ..Default::default() };
            let t = timeline(std::slice::from_ref(&report), &f);
            t.entries.iter().map(|e| e.actors[0].id.clone()).collect::<Vec<_>>()
        };
        assert_eq!(actors("Syria"), ["syrian_army"], "the state's forces, not every Syrian group");
        assert_eq!(actors("sy"), ["syrian_army"]);
        assert_eq!(actors("syrian_army"), ["syrian_army"]);
        assert_eq!(actors("sdf"), ["sdf"]);
    }

    #[test]
    fn csv_has_acled_columns_and_values() {
        let t = timeline(&corpus(), &TimelineFilter::default()).csv_table();
        let acled = [
            "event_date",
            "event_type",
            "sub_event_type",
            "actor1",
            "actor2",
            "admin1",
            "location",
            "latitude",
            "longitude",
            "source",
            "notes",
            "fatalities",
            "time_precision",
        ];
        assert_eq!(&t.columns[..acled.len()], acled);
        let row = &t.rows[1];
        assert_eq!(row[0], "2017-05-10");
        assert_eq!(row[3], "Syrian Democratic Forces");
        assert_eq!(row[4], "Islamic State");
        assert_eq!((row[5].as_str(), row[6].as_str()), ("Raqqa", "Tabqa"));
        assert_eq!(row[7], "35.9500");
        assert_eq!(row[9], "SDF statement; b");
        assert_eq!((row[11].as_str(), row[12].as_str()), ("5", "1"));
    }

    #[test]
    fn date_bounds_at_every_precision() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(date_bounds("2017-06-22"), Some((d(2017, 6, 22), d(2017, 6, 22))));
        assert_eq!(date_bounds("2017-W25"), Some((d(2017, 6, 19), d(2017, 6, 25))));
        assert_eq!(date_bounds("2017-02"), Some((d(2017, 2, 1), d(2017, 2, 28))));
        assert_eq!(date_bounds("2016"), Some((d(2016, 1, 1), d(2016, 12, 31))));
        assert_eq!(date_bounds("2017-06-09/2017-06-23"), Some((d(2017, 6, 9), d(2017, 6, 23))));
        assert_eq!(date_bounds("2017-SU"), Some((d(2017, 6, 1), d(2017, 8, 31))));
        assert_eq!(date_bounds("P2M"), None);
        assert_eq!(date_bounds("soon"), None);
    }
}
