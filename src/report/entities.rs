//! `entities`: per entity, its type, mentions and documents.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::model::{Document, Entity};
use crate::output::{Printable, Table};

/// Every entity across the documents, merged by id.
#[derive(Debug, Clone, Default)]
pub struct EntityIndex {
    /// Most mentioned first, then by id.
    pub rows: Vec<IndexedEntity>,
    pub documents: usize,
}

/// One entity across documents.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexedEntity {
    pub id: String,
    pub name: String,
    /// The contract's type name (`organization`, `location`, ...).
    pub kind: String,
    pub subtype: Option<String>,
    pub known: bool,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonames_id: Option<u64>,
    pub mentions: usize,
    /// The ids of the documents that mention it, sorted.
    pub documents: Vec<String>,
    /// How it was written, most frequent first (ties alphabetical).
    pub forms: Vec<(String, usize)>,
}

pub fn entity_index(docs: &[Document]) -> EntityIndex {
    let mut by_id: BTreeMap<String, (IndexedEntity, BTreeMap<String, usize>)> = BTreeMap::new();
    for doc in docs {
        for e in &doc.entities {
            let (row, forms) = by_id.entry(e.id.clone()).or_insert_with(|| (indexed(e), BTreeMap::new()));
            row.mentions += e.mentions.len();
            if row.documents.last() != Some(&doc.id) {
                row.documents.push(doc.id.clone());
            }
            for m in &e.mentions {
                *forms.entry(m.text.clone()).or_default() += 1;
            }
        }
    }
    let mut rows: Vec<IndexedEntity> = by_id
        .into_values()
        .map(|(mut row, forms)| {
            row.documents.sort();
            row.documents.dedup();
            let mut forms: Vec<(String, usize)> = forms.into_iter().collect();
            forms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            row.forms = forms;
            row
        })
        .collect();
    rows.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.id.cmp(&b.id)));
    EntityIndex { rows, documents: docs.len() }
}

fn indexed(e: &Entity) -> IndexedEntity {
    let kind = serde_json::to_value(e.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
    IndexedEntity {
        id: e.id.clone(),
        name: e.name.clone(),
        kind,
        subtype: e.subtype.clone(),
        known: e.known,
        country: e.country.clone(),
        admin1: e.admin1.clone(),
        lat: e.lat,
        lon: e.lon,
        geonames_id: e.geonames_id,
        mentions: 0,
        documents: Vec::new(),
        forms: Vec::new(),
    }
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// At most this many spellings in a table cell; JSON has them all.
const FORMS_SHOWN: usize = 4;

fn record(r: &IndexedEntity) -> Value {
    json!({
        "id": r.id, "name": r.name, "type": r.kind, "subtype": r.subtype, "known": r.known,
        "country": r.country, "admin1": r.admin1, "lat": r.lat, "lon": r.lon, "geonames_id": r.geonames_id,
        "mentions": r.mentions, "documents": r.documents.len(), "document_ids": r.documents,
        "forms": r.forms.iter().map(|(f, n)| json!({"text": f, "count": n})).collect::<Vec<_>>(),
    })
}

impl Printable for EntityIndex {
    fn tables(&self) -> Vec<Table> {
        let mut t = Table::new(
            format!(
                "{} {} in {} {}",
                self.rows.len(),
                if self.rows.len() == 1 { "entity" } else { "entities" },
                self.documents,
                if self.documents == 1 { "document" } else { "documents" }
            ),
            &["id", "name", "type", "subtype", "known", "mentions", "documents", "admin1", "country", "written as"],
        );
        for r in &self.rows {
            let forms: Vec<&str> = r.forms.iter().take(FORMS_SHOWN).map(|(f, _)| f.as_str()).collect();
            t.rows.push(vec![
                r.id.clone(),
                r.name.clone(),
                r.kind.clone(),
                opt(&r.subtype),
                if r.known { "yes" } else { "no" }.to_string(),
                r.mentions.to_string(),
                r.documents.len().to_string(),
                opt(&r.admin1),
                opt(&r.country),
                forms.join("; "),
            ]);
        }
        vec![t]
    }

    fn json(&self) -> Value {
        Value::Array(self.rows.iter().map(record).collect())
    }

    fn records(&self) -> Vec<Value> {
        self.rows.iter().map(record).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Analyzer;
    use crate::read::{Content, RawReport};

    fn doc(id: &str, text: &str) -> Document {
        let raw = RawReport { id: id.into(), path: None, content: Content::Bytes(text.as_bytes().to_vec()) };
        Analyzer::default().analyze(raw).expect("a readable report")
    }

    #[test]
    fn entities_merge_across_documents_most_mentioned_first() {
        let docs = [
            doc("a", "The SDF said IS fighters attacked Raqqa. IS lost ground near Raqqah.\n"),
            doc("b", "Russian warplanes struck Idlib, the Syrian Observatory said. IS denied it.\n"),
        ];
        let index = entity_index(&docs);
        let isis = index.rows.iter().find(|r| r.id == "isis").expect("IS found");
        assert_eq!((isis.mentions, isis.documents.clone()), (3, vec!["a".to_string(), "b".to_string()]));
        let raqqa = index.rows.iter().find(|r| r.id == "raqqa").expect("Raqqa found");
        assert_eq!(raqqa.forms, vec![("Raqqa".to_string(), 1), ("Raqqah".to_string(), 1)]);
        assert_eq!(raqqa.admin1.as_deref(), Some("Raqqa"));
        assert_eq!(index.rows[0].id, "isis");
        let table = &index.tables()[0];
        assert_eq!(table.title, format!("{} entities in 2 documents", index.rows.len()));
        assert_eq!(table.rows[0][0], "isis");
        assert_eq!(index.records().len(), index.rows.len());
        assert_eq!(index.json()[0]["document_ids"], json!(["a", "b"]));
    }

    #[test]
    fn no_documents_no_rows() {
        let index = entity_index(&[]);
        assert!(index.rows.is_empty());
        assert_eq!(index.tables()[0].title, "0 entities in 0 documents");
    }
}
