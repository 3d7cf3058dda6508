//! Time expressions, found and resolved against the report's date.

use crate::model::Time;
use crate::read::Report;
use crate::segment::Sentences;

/// Every time expression in the title and sentences, in order.
pub fn tag_times(_report: &Report, _sentences: &Sentences) -> Vec<Time> {
    Vec::new()
}
