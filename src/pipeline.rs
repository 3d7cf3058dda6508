//! The row of stages one report flows through: read → segment → tag →
//! attribute → events → document.

use crate::attribute::{self, Attribution};
use crate::error::ReadError;
use crate::events::{self, Findings};
use crate::gazetteer::Gazetteer;
use crate::model::{Document, SCHEMA};
use crate::read::{self, RawReport, ReadOptions, Report};
use crate::segment::{self, Sentences};
use crate::tag::{self, Tags};

/// Everything the pipeline needs, built once and shared by every worker.
#[derive(Debug, Clone, Default)]
pub struct Analyzer {
    pub gazetteer: Gazetteer,
    pub read_options: ReadOptions,
}

impl Analyzer {
    pub fn new(gazetteer: Gazetteer, read_options: ReadOptions) -> Self {
        Analyzer { gazetteer, read_options }
    }

    /// Run one report through every stage.
    pub fn analyze(&self, raw: RawReport) -> Result<Document, ReadError> {
        let report = read::read(raw, &self.read_options)?;
        let sentences = segment::segment(&report);
        let tags = tag::tag(&report, &sentences, &self.gazetteer);
        let attribution = attribute::attribute(&report, &sentences, &tags);
        let findings = events::extract(&report, &sentences, &tags, &attribution);
        Ok(document(report, sentences, tags, attribution, findings))
    }
}

/// Assemble the contract's document from the stages' outputs.
fn document(
    report: Report,
    sentences: Sentences,
    tags: Tags,
    attribution: Attribution,
    findings: Findings,
) -> Document {
    let mut warnings = report.warnings;
    warnings.extend(tags.warnings);
    Document {
        schema: SCHEMA.to_string(),
        id: report.id,
        path: report.path,
        title: report.title,
        date: report.date,
        date_source: report.date_source,
        dateline: report.dateline,
        encoding: report.encoding.to_string(),
        sentences: sentences.spans,
        entities: tags.entities,
        times: tags.times,
        sources: attribution.sources,
        claims: attribution.claims,
        events: findings.events,
        focus: findings.focus,
        warnings,
    }
}
