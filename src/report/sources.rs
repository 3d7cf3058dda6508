//! `sources`: the source-attribution summary. Per source, its kind, how many
//! claims and reports, and what its claims are about; per report, how its
//! claims are sourced; for the collection, how much rests on anonymous
//! sources and who is cited most widely.
//!
//! Sources are the same across reports when they are the same entity, else
//! when their names read the same once articles and case are set aside.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use crate::model::{Document, EntityType, SourceKind};
use crate::output::{Printable, Table};

/// How many subjects a source row lists.
const ABOUT_SHOWN: usize = 5;
/// How many sources the collection's "most cited" rows name.
const MOST_CITED_SHOWN: usize = 5;

/// One source across the collection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceRow {
    pub name: String,
    pub kind: SourceKind,
    pub entity: Option<String>,
    pub claims: usize,
    pub reports: usize,
    /// Entity names its claims are about, most often first.
    pub about: Vec<String>,
}

/// How one report's claims are sourced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportRow {
    pub report: String,
    pub sources: usize,
    pub claims: usize,
    pub anonymous: usize,
    pub named: usize,
    pub unattributed: usize,
}

/// The collection as a whole.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CollectionRow {
    pub reports: usize,
    pub sources: usize,
    pub claims: usize,
    pub anonymous: usize,
    pub named: usize,
    pub unattributed: usize,
    /// Share of the claims that rest on anonymous sources (0 to 1).
    pub anonymous_share: f64,
    /// The sources cited by the most reports.
    pub most_cited: Vec<Cited>,
}

/// A source and how many reports cite it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cited {
    pub name: String,
    pub reports: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceSummary {
    pub sources: Vec<SourceRow>,
    pub reports: Vec<ReportRow>,
    pub collection: CollectionRow,
}

#[derive(Default)]
struct Tally {
    name: String,
    kind: Option<SourceKind>,
    entity: Option<String>,
    claims: usize,
    reports: BTreeSet<usize>,
    about: BTreeMap<String, usize>,
}

/// The key that makes one source across reports.
fn group_key(name: &str, entity: Option<&str>) -> String {
    if let Some(e) = entity {
        return format!("entity:{e}");
    }
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty() && !matches!(*w, "the" | "a" | "an"))
        .collect();
    format!("name:{}", words.join(" "))
}

/// A source named without its entity in some reports (`Rami Abdel Rahman`
/// where the tagger did not find him) is the entity's own row, when the
/// name reads as one entity's name and no other's.
fn fold_names_into_entities(tallies: &mut BTreeMap<String, Tally>) {
    // Each entity row's name, as a name-only source would be keyed; `None`
    // where two entities share it.
    let mut entity_of_name: BTreeMap<String, Option<String>> = BTreeMap::new();
    for (key, tally) in tallies.iter().filter(|(_, t)| t.entity.is_some()) {
        entity_of_name.entry(group_key(&tally.name, None)).and_modify(|k| *k = None).or_insert(Some(key.clone()));
    }
    for (name_key, entity_key) in entity_of_name {
        let (Some(entity_key), Some(named)) = (entity_key, tallies.remove(&name_key)) else { continue };
        let Some(tally) = tallies.get_mut(&entity_key) else { continue };
        tally.claims += named.claims;
        tally.reports.extend(named.reports);
        for (about, n) in named.about {
            *tally.about.entry(about).or_default() += n;
        }
    }
}

pub fn source_summary(docs: &[Document]) -> SourceSummary {
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut reports = Vec::with_capacity(docs.len());
    for (d, doc) in docs.iter().enumerate() {
        let mut row = ReportRow {
            report: doc.id.clone(),
            sources: doc.sources.len(),
            claims: doc.claims.len(),
            anonymous: 0,
            named: 0,
            unattributed: 0,
        };
        let entity_names: BTreeMap<&str, &str> =
            doc.entities.iter().map(|e| (e.id.as_str(), e.name.as_str())).collect();
        for claim in &doc.claims {
            let Some(source) = claim.source.as_ref().and_then(|id| doc.sources.iter().find(|s| &s.id == id)) else {
                row.unattributed += 1;
                continue;
            };
            if source.kind == SourceKind::Anonymous {
                row.anonymous += 1;
            } else {
                row.named += 1;
            }
            let key = group_key(&source.name, source.entity.as_deref());
            let tally = tallies.entry(key).or_default();
            if tally.kind.is_none() {
                tally.name = source
                    .entity
                    .as_deref()
                    .and_then(|e| entity_names.get(e))
                    .map_or_else(|| source.name.clone(), |n| n.to_string());
                tally.kind = Some(source.kind);
                tally.entity = source.entity.clone();
            }
            tally.claims += 1;
            tally.reports.insert(d);
            // What the claim is about: the entities named inside what was said, other than the speaker.
            if let Some(content) = &claim.content {
                let mut seen = BTreeSet::new();
                for e in &doc.entities {
                    // Not the speaker itself, and not a nationality (`Russian`), which names no one.
                    if Some(&e.id) == source.entity.as_ref() || e.kind == EntityType::Nationality {
                        continue;
                    }
                    if e.mentions.iter().any(|m| m.start >= content.start && m.end <= content.end)
                        && seen.insert(&e.name)
                    {
                        *tally.about.entry(e.name.clone()).or_default() += 1;
                    }
                }
            }
        }
        reports.push(row);
    }
    fold_names_into_entities(&mut tallies);

    let mut sources: Vec<SourceRow> = tallies
        .into_values()
        .map(|t| {
            let mut about: Vec<(String, usize)> = t.about.into_iter().collect();
            about.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            SourceRow {
                name: t.name,
                kind: t.kind.unwrap_or(SourceKind::Unknown),
                entity: t.entity,
                claims: t.claims,
                reports: t.reports.len(),
                about: about.into_iter().take(ABOUT_SHOWN).map(|(n, _)| n).collect(),
            }
        })
        .collect();
    sources.sort_by(|a, b| b.claims.cmp(&a.claims).then(b.reports.cmp(&a.reports)).then_with(|| a.name.cmp(&b.name)));

    let mut by_reports: Vec<&SourceRow> = sources.iter().collect();
    by_reports
        .sort_by(|a, b| b.reports.cmp(&a.reports).then(b.claims.cmp(&a.claims)).then_with(|| a.name.cmp(&b.name)));
    let claims: usize = reports.iter().map(|r| r.claims).sum();
    let anonymous: usize = reports.iter().map(|r| r.anonymous).sum();
    let collection = CollectionRow {
        reports: docs.len(),
        sources: sources.len(),
        claims,
        anonymous,
        named: reports.iter().map(|r| r.named).sum(),
        unattributed: reports.iter().map(|r| r.unattributed).sum(),
        anonymous_share: if claims == 0 { 0.0 } else { anonymous as f64 / claims as f64 },
        most_cited: by_reports
            .iter()
            .take(MOST_CITED_SHOWN)
            .map(|s| Cited { name: s.name.clone(), reports: s.reports })
            .collect(),
    };
    SourceSummary { sources, reports, collection }
}

fn kind_name(kind: SourceKind) -> String {
    serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

impl SourceSummary {
    fn sources_table(&self) -> Table {
        let mut t = Table::new("Sources", &["source", "kind", "entity", "claims", "reports", "about"]);
        for s in &self.sources {
            t.rows.push(vec![
                s.name.clone(),
                kind_name(s.kind),
                s.entity.clone().unwrap_or_default(),
                s.claims.to_string(),
                s.reports.to_string(),
                s.about.join(", "),
            ]);
        }
        t
    }

    fn reports_table(&self) -> Table {
        let mut t = Table::new("Reports", &["report", "sources", "claims", "anonymous", "named", "unattributed"]);
        for r in &self.reports {
            t.rows.push(vec![
                r.report.clone(),
                r.sources.to_string(),
                r.claims.to_string(),
                r.anonymous.to_string(),
                r.named.to_string(),
                r.unattributed.to_string(),
            ]);
        }
        t
    }

    fn collection_table(&self) -> Table {
        let c = &self.collection;
        let mut t = Table::new("Collection", &["measure", "value"]);
        let mut row = |k: &str, v: String| t.rows.push(vec![k.to_string(), v]);
        row("reports", c.reports.to_string());
        row("sources", c.sources.to_string());
        row("claims", c.claims.to_string());
        row("anonymous claims", c.anonymous.to_string());
        row("named claims", c.named.to_string());
        row("unattributed claims", c.unattributed.to_string());
        row("share resting on anonymous sources", format!("{:.1}%", c.anonymous_share * 100.0));
        for (i, Cited { name, reports }) in c.most_cited.iter().enumerate() {
            let noun = if *reports == 1 { "report" } else { "reports" };
            row(&format!("most cited #{}", i + 1), format!("{name} ({reports} {noun})"));
        }
        t
    }
}

impl Printable for SourceSummary {
    fn tables(&self) -> Vec<Table> {
        vec![self.sources_table(), self.reports_table(), self.collection_table()]
    }

    fn json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// One line per source, then per report, then the collection, each
    /// saying which it is.
    fn records(&self) -> Vec<Value> {
        let tagged = |kind: &str, v: Value| match v {
            Value::Object(mut m) => {
                m.insert("record".into(), Value::String(kind.into()));
                Value::Object(m)
            }
            other => other,
        };
        let mut out: Vec<Value> = Vec::new();
        out.extend(self.sources.iter().filter_map(|s| serde_json::to_value(s).ok()).map(|v| tagged("source", v)));
        out.extend(self.reports.iter().filter_map(|r| serde_json::to_value(r).ok()).map(|v| tagged("report", v)));
        if let Ok(v) = serde_json::to_value(&self.collection) {
            out.push(tagged("collection", v));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Analyzer;
    use crate::read::{Content, RawReport};

    fn doc(id: &str, text: &str) -> Document {
        let raw = RawReport { id: id.into(), path: None, content: Content::Bytes(text.as_bytes().to_vec()) };
        Analyzer::default().analyze(raw).expect("the test text reads")
    }

    fn summary() -> SourceSummary {
        source_summary(&[
            doc(
                "one",
                "Troops entered the town, a military source said.\n\n\
                 The Syrian Observatory for Human Rights said five civilians were killed.\n\n\
                 It was reported that the bridge was destroyed.\n",
            ),
            doc("two", "The Syrian Observatory for Human Rights said the road was cut.\n"),
        ])
    }

    #[test]
    fn sources_are_grouped_across_reports_by_name() {
        let s = summary();
        let names: Vec<(&str, usize, usize)> =
            s.sources.iter().map(|r| (r.name.as_str(), r.claims, r.reports)).collect();
        assert_eq!(names, [("Syrian Observatory for Human Rights", 2, 2), ("a military source", 1, 1)]);
        assert_eq!(s.sources[1].kind, SourceKind::Anonymous);
    }

    #[test]
    fn a_source_named_without_its_entity_joins_the_entitys_row() {
        let text = "The Syrian Observatory for Human Rights said five civilians were killed.\n";
        let (one, mut two) = (doc("one", text), doc("two", text));
        assert!(one.sources[0].entity.is_some(), "{:#?}", one.sources);
        // As if the tagger had not found it in the second report.
        two.sources[0].entity = None;
        let s = source_summary(&[one, two]);
        let rows: Vec<(&str, usize, usize)> =
            s.sources.iter().map(|r| (r.name.as_str(), r.claims, r.reports)).collect();
        assert_eq!(rows, [("Syrian Observatory for Human Rights", 2, 2)]);
        assert!(s.sources[0].entity.is_some());
    }

    #[test]
    fn reports_count_anonymous_named_and_unattributed_claims() {
        let s = summary();
        assert_eq!(
            s.reports[0],
            ReportRow { report: "one".into(), sources: 2, claims: 3, anonymous: 1, named: 1, unattributed: 1 }
        );
        assert_eq!(s.collection.claims, 4);
        assert!((s.collection.anonymous_share - 0.25).abs() < 1e-9);
        assert_eq!(
            s.collection.most_cited[0],
            Cited { name: "Syrian Observatory for Human Rights".into(), reports: 2 }
        );
    }

    #[test]
    fn three_tables_and_tagged_records() {
        let s = summary();
        let titles: Vec<String> = s.tables().into_iter().map(|t| t.title).collect();
        assert_eq!(titles, ["Sources", "Reports", "Collection"]);
        let share = s.collection_table().rows.into_iter().find(|r| r[0].starts_with("share")).map(|r| r[1].clone());
        assert_eq!(share.as_deref(), Some("25.0%"));
        let records = s.records();
        assert_eq!(records.len(), 2 + 2 + 1);
        assert_eq!(records[0]["record"], "source");
        assert_eq!(records[4]["record"], "collection");
        assert_eq!(s.json()["collection"]["claims"], 4);
    }

    #[test]
    fn an_empty_collection_prints_zeroes() {
        let s = source_summary(&[]);
        assert_eq!(s.collection.anonymous_share, 0.0);
        assert!(s.sources.is_empty());
    }
}
