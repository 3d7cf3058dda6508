//! `sources`: the source-attribution summary.

use serde_json::Value;

use crate::model::Document;
use crate::output::{Printable, Table};

#[derive(Debug, Clone, Default)]
pub struct SourceSummary {}

pub fn source_summary(_docs: &[Document]) -> SourceSummary {
    SourceSummary::default()
}

impl Printable for SourceSummary {
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
