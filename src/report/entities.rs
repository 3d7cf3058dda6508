//! `entities`: per entity, its type, mentions and documents.

use serde_json::Value;

use crate::model::Document;
use crate::output::{Printable, Table};

#[derive(Debug, Clone, Default)]
pub struct EntityIndex {}

pub fn entity_index(_docs: &[Document]) -> EntityIndex {
    EntityIndex::default()
}

impl Printable for EntityIndex {
    fn tables(&self) -> Vec<Table> {
        Vec::new()
    }
    fn json(&self) -> Value {
        Value::Array(Vec::new())
    }
    fn records(&self) -> Vec<Value> {
        Vec::new()
    }
}
