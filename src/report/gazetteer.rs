//! `gazetteer`: what the gazetteer knows, so a user can check an entry or
//! see what their own file added.

use serde_json::{Value, json};

use crate::gazetteer::{Entry, Gazetteer};
use crate::output::{Printable, Table};

/// The entries of a gazetteer, in file order.
#[derive(Debug, Clone)]
pub struct GazetteerListing {
    entries: Vec<Entry>,
}

pub fn listing(gazetteer: &Gazetteer) -> GazetteerListing {
    GazetteerListing { entries: gazetteer.entries().to_vec() }
}

/// Every alias, once, sorted: one pattern a line, for `rg -F -f` and the like.
pub fn aliases(gazetteer: &Gazetteer) -> Vec<String> {
    let mut all: Vec<String> =
        gazetteer.entries().iter().flat_map(|e| std::iter::once(&e.name).chain(&e.aliases)).cloned().collect();
    all.sort();
    all.dedup();
    all
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

fn record(e: &Entry) -> Value {
    json!({
        "id": e.id, "name": e.name, "type": e.kind, "subtype": e.subtype, "country": e.country,
        "admin1": e.admin1, "lat": e.lat, "lon": e.lon, "geonames_id": e.geonames_id, "aliases": e.aliases,
    })
}

impl Printable for GazetteerListing {
    fn tables(&self) -> Vec<Table> {
        let mut t = Table::new(
            format!("{} gazetteer entries", self.entries.len()),
            &["id", "type", "subtype", "name", "country", "admin1", "lat", "lon", "geonames_id", "aliases"],
        );
        for e in &self.entries {
            let kind =
                serde_json::to_value(e.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
            t.rows.push(vec![
                e.id.clone(),
                kind,
                opt(&e.subtype),
                e.name.clone(),
                opt(&e.country),
                opt(&e.admin1),
                opt(&e.lat),
                opt(&e.lon),
                opt(&e.geonames_id),
                e.aliases.join("; "),
            ]);
        }
        vec![t]
    }

    fn json(&self) -> Value {
        Value::Array(self.entries.iter().map(record).collect())
    }

    fn records(&self) -> Vec<Value> {
        self.entries.iter().map(record).collect()
    }
}
