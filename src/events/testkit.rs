//! Hand-made tags and attributions for testing the event stage without the
//! tagger and attributor: name the entities and claims, get the stage's
//! inputs as those stages would give them.

use crate::attribute::Attribution;
use crate::model::{Claim, ClaimKind, Entity, EntityType, Precision, Source, SourceKind, Time};
use crate::read::{self, Content, RawReport, ReadOptions, Report};
use crate::segment::{self, Sentences};
use crate::tag::{Mention, Tags};

pub struct Fixture {
    pub report: Report,
    pub sentences: Sentences,
    pub tags: Tags,
    pub attribution: Attribution,
}

fn entity(id: &str, name: &str, kind: EntityType, subtype: &str) -> Entity {
    Entity {
        id: id.into(),
        name: name.into(),
        kind,
        subtype: (!subtype.is_empty()).then(|| subtype.to_string()),
        known: true,
        country: None,
        admin1: None,
        lat: None,
        lon: None,
        geonames_id: None,
        mentions: Vec::new(),
    }
}

pub fn org(id: &str, name: &str, subtype: &str) -> Entity {
    entity(id, name, EntityType::Organization, subtype)
}

pub fn nationality(id: &str, name: &str) -> Entity {
    entity(id, name, EntityType::Nationality, "")
}

pub fn place(id: &str, name: &str, subtype: &str, admin1: Option<&str>, country: &str) -> Entity {
    let mut e = entity(id, name, EntityType::Location, subtype);
    e.admin1 = admin1.map(str::to_string);
    e.country = Some(country.to_string());
    e
}

impl Fixture {
    /// A report with a `date` header line and the body given.
    pub fn new(date: &str, title: &str, body: &str) -> Self {
        let raw = RawReport {
            id: "t".into(),
            path: None,
            content: Content::Bytes(format!("date {date} {title}\n\n{body}\n").into_bytes()),
        };
        let report = read::read(raw, &ReadOptions::default()).expect("the fixture reads");
        let sentences = segment::segment(&report);
        Fixture { report, sentences, tags: Tags::default(), attribution: Attribution::default() }
    }

    /// Add an entity and every whole-word occurrence of each alias as a mention.
    pub fn entity(mut self, e: Entity, aliases: &[&str]) -> Self {
        let index = self.tags.entities.len();
        let text = self.report.text.as_str();
        for alias in aliases {
            for (at, _) in text.match_indices(alias) {
                let end = at + alias.len();
                let before = text[..at].chars().next_back();
                let after = text[end..].chars().next();
                if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
                    continue;
                }
                if self.tags.mentions.iter().any(|m| m.bytes.start < end && at < m.bytes.end) {
                    continue;
                }
                self.tags.mentions.push(Mention { entity: index, bytes: at..end });
            }
        }
        self.tags.mentions.sort_by_key(|m| m.bytes.start);
        self.tags.entities.push(e);
        self
    }

    /// Add a resolved time expression at the first occurrence of `expr`.
    pub fn time(mut self, expr: &str, value: &str, precision: Precision) -> Self {
        let at = self.report.text.as_str().find(expr).expect("the time is in the text");
        self.tags.times.push(Time {
            span: self.report.text.span(at..at + expr.len()),
            value: Some(value.into()),
            precision: Some(precision),
            range: None,
            anchor: None,
        });
        self
    }

    /// Add a claim: who (`source` text, with its entity id if any), the cue,
    /// and the content, each at its first occurrence in the text.
    pub fn claim(mut self, source: &str, kind: SourceKind, entity: Option<&str>, cue: &str, content: &str) -> Self {
        let text = self.report.text.as_str();
        let find = |s: &str| text.find(s).map(|at| at..at + s.len()).expect("the claim part is in the text");
        let cue = find(cue);
        let content = find(content);
        let source_id = format!("s{}", self.attribution.sources.len());
        let mention = text.find(source).map(|at| self.report.text.span(at..at + source.len()));
        self.attribution.sources.push(Source {
            id: source_id.clone(),
            name: source.into(),
            kind,
            entity: entity.map(str::to_string),
            mentions: mention.iter().cloned().collect(),
        });
        let sentence = self.sentences.at(cue.start).unwrap_or(0);
        self.attribution.claims.push(Claim {
            id: format!("c{}", self.attribution.claims.len()),
            source: Some(source_id),
            source_mention: mention,
            cue: self.report.text.span(cue),
            content: Some(self.report.text.span(content)),
            kind: ClaimKind::Indirect,
            sentence,
            channel: None,
        });
        self
    }

    pub fn extract(&self) -> super::Findings {
        super::extract(&self.report, &self.sentences, &self.tags, &self.attribution)
    }
}
