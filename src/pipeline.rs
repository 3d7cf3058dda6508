//! The row of stages one report flows through: read → segment → tag →
//! attribute → events → document. Many reports go through it as a batch,
//! one stage at a time (`Analyzer::analyze_batch`).

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

    /// Run one report through every stage (a batch of one: a panic in a
    /// stage, a bug, gives an internal error too).
    pub fn analyze(&self, raw: RawReport) -> Result<Document, ReadError> {
        self.analyze_batch(vec![raw]).pop().unwrap_or(Err(ReadError::Internal))
    }

    /// Run reports through the stages a stage at a time: every report
    /// through `read`, then every one through `segment`, and so on, so that
    /// a stage's code and tables stay in the processor's caches for the
    /// whole batch rather than being pushed out by the other stages' at
    /// every report. The results are in the order of `raws`, one each; a
    /// report that makes a stage panic (a bug) gets an internal error and
    /// the others go on.
    pub fn analyze_batch(&self, raws: Vec<RawReport>) -> Vec<Result<Document, ReadError>> {
        // Each stage moves what the ones before made on to the next: the
        // report, the largest part, goes boxed.
        let read = each(raws.into_iter().map(Ok).collect(), |raw| read::read(raw, &self.read_options).map(Box::new));
        let segmented = each(read, |report| {
            let sentences = segment::segment(&report);
            Ok((report, sentences))
        });
        // The tag stage's two halves apart too: the gazetteer's tables and
        // the time patterns' would each push the other's out of cache.
        let named = each(segmented, |(report, sentences)| {
            let entity_tags = tag::entities::tag_entities(&report, &sentences, &self.gazetteer);
            Ok((report, sentences, entity_tags))
        });
        let tagged = each(named, |(report, sentences, entity_tags)| {
            let tags = Tags::new(entity_tags, tag::times::tag_times(&report, &sentences));
            Ok((report, sentences, tags))
        });
        // So too the attribute stage's: the claims around the cues, then their speakers.
        let claimed = each(tagged, |(report, sentences, tags)| {
            let claims = attribute::find(&report, &sentences);
            Ok((report, sentences, tags, claims))
        });
        let attributed = each(claimed, |(report, sentences, tags, claims)| {
            let attribution = attribute::resolve_speakers(&report, &sentences, &tags, claims);
            Ok((report, sentences, tags, attribution))
        });
        each(attributed, |(report, sentences, tags, attribution)| {
            let findings = events::extract(&report, &sentences, &tags, &attribution);
            Ok(document(*report, sentences, tags, attribution, findings))
        })
    }
}

/// One stage over a batch: `stage` applied to every report still in it,
/// in order. A report a stage panics on drops out with an internal error:
/// a bug costs one record, not the batch.
fn each<A, B>(
    batch: Vec<Result<A, ReadError>>,
    stage: impl Fn(A) -> Result<B, ReadError>,
) -> Vec<Result<B, ReadError>> {
    batch
        .into_iter()
        .map(|item| {
            item.and_then(|input| {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| stage(input)))
                    .unwrap_or(Err(ReadError::Internal))
            })
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::{Analyzer, each};
    use crate::error::ReadError;
    use crate::read::{Content, RawReport};

    fn raw(id: &str, text: &[u8]) -> RawReport {
        RawReport { id: id.into(), path: None, content: Content::Bytes(text.to_vec()) }
    }

    #[test]
    fn a_batch_gives_each_report_what_it_gives_alone_in_order() {
        let texts: [(&str, &[u8]); 4] = [
            ("a", b"date 2017-06-23 SDF advance in Raqqa\n\nThe SDF said on Thursday it took two districts of Raqqa."),
            ("b", b"binary\0file"),
            ("c", b"BAGHDAD, May 29 (Xinhua) -- Three people were killed in a car bomb attack, police said."),
            ("d", b"IS fighters shelled Deir ez-Zor two weeks ago, according to activists."),
        ];
        let analyzer = Analyzer::default();
        let batch = analyzer.analyze_batch(texts.iter().map(|(id, text)| raw(id, text)).collect());
        assert_eq!(batch.len(), texts.len());
        for ((id, text), together) in texts.iter().zip(batch) {
            let alone = analyzer.analyze(raw(id, text));
            match (together, alone) {
                (Ok(together), Ok(alone)) => {
                    assert_eq!(together.id, *id);
                    assert_eq!(serde_json::to_string(&together).unwrap(), serde_json::to_string(&alone).unwrap());
                }
                (Err(together), Err(alone)) => assert_eq!(together.to_string(), alone.to_string()),
                (together, alone) => panic!("{id}: {together:?} in a batch, {alone:?} alone"),
            }
        }
    }

    #[test]
    fn a_stage_that_panics_on_one_report_costs_that_report_alone() {
        let batch = vec![Ok(1), Err(ReadError::Unavailable("gone".into())), Ok(2), Ok(3)];
        let out = each(batch, |n: i32| if n == 2 { panic!("a bug") } else { Ok(n * 10) });
        let out: Vec<Result<i32, String>> = out.into_iter().map(|r| r.map_err(|e| e.to_string())).collect();
        assert_eq!(out[0], Ok(10));
        assert_eq!(out[1], Err("gone".to_string()));
        assert_eq!(out[2], Err(ReadError::Internal.to_string()));
        assert_eq!(out[3], Ok(30));
    }
}
