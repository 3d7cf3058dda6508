//! `times`: each time expression with its resolution, for checking by eye.

use serde_json::Value;

use crate::model::Document;
use crate::output::{Printable, Table};

#[derive(Debug, Clone, Default)]
pub struct TimeList {}

pub fn time_list(_docs: &[Document]) -> TimeList {
    TimeList::default()
}

impl Printable for TimeList {
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
