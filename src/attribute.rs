//! The fourth stage: who says what. Sources, named or anonymous, and the
//! claims each is reported to have made.

use crate::model::{Claim, Source};
use crate::read::Report;
use crate::segment::Sentences;
use crate::tag::Tags;

/// The sources and claims of one report.
#[derive(Debug, Clone, Default)]
pub struct Attribution {
    pub sources: Vec<Source>,
    pub claims: Vec<Claim>,
}

pub fn attribute(_report: &Report, _sentences: &Sentences, _tags: &Tags) -> Attribution {
    Attribution::default()
}
