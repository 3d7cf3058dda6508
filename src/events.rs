//! The fifth stage: what happened, who did it to whom, where, when, and who
//! says so; and where the report is mainly about.

use crate::attribute::Attribution;
use crate::model::{Event, Focus};
use crate::read::Report;
use crate::segment::Sentences;
use crate::tag::Tags;

/// The events and focus of one report.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    pub events: Vec<Event>,
    pub focus: Focus,
}

pub fn extract(_report: &Report, _sentences: &Sentences, _tags: &Tags, _attribution: &Attribution) -> Findings {
    Findings::default()
}
