//! `timeline`: events of all reports in date order.

use serde_json::Value;

use crate::model::Document;
use crate::output::{Printable, Table};

#[derive(Debug, Clone, Default)]
pub struct Timeline {}

pub fn timeline(_docs: &[Document], _filter: &TimelineFilter) -> Timeline {
    Timeline::default()
}

impl Printable for Timeline {
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

/// Which events a timeline keeps.
#[derive(Debug, Clone, Default)]
pub struct TimelineFilter {
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
    /// Entity ids or names (case-insensitive) one of whose actors must match.
    pub actor: Option<String>,
    /// Entity id or name of a location, or an admin1 name.
    pub place: Option<String>,
    /// Event types (`siege`), PLOVER categories or ACLED event types.
    pub types: Vec<String>,
}
