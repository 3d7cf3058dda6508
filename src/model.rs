//! The output contract (`raqqa-events/1`): the records `parse` writes.
//!
//! These types are what downstream tools rely on; renaming or removing a field
//! needs a new schema version. Fields beyond the contract are welcome.

use std::borrow::Cow;
use std::ops::Range;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Dates written as chrono's `Serialize` writes them (`2017-06-22`), as
/// one string: chrono's own goes through `fmt::write` a piece at a time,
/// some 500 instructions a date in `parse` output.
mod iso_date {
    use chrono::NaiveDate;
    use serde::{Serialize, Serializer};

    use crate::calendar::IsoDate;

    pub fn one<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        match IsoDate(*date).bytes() {
            Some(text) => serializer.serialize_str(std::str::from_utf8(&text).expect("digits and hyphens are ASCII")),
            None => date.serialize(serializer),
        }
    }

    pub fn option<S: Serializer>(date: &Option<NaiveDate>, serializer: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => serializer.serialize_some(&Field(*date)),
            None => serializer.serialize_none(),
        }
    }

    /// A date that serializes through [`one`], for `serialize_some`.
    struct Field(NaiveDate);

    impl Serialize for Field {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            one(&self.0, serializer)
        }
    }
}

/// The schema tag every record carries.
pub const SCHEMA: &str = "raqqa-events/1";

/// A stretch of the input. `start`/`end` count characters (Unicode scalar
/// values) of the input exactly as read, so that Python's
/// `text[start:end] == span.text`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Span {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The same stretch as byte offsets into the decoded text, for the
    /// pipeline's own use; never serialized.
    #[serde(skip)]
    #[schemars(skip)]
    pub bytes: Range<usize>,
}

/// One line of `parse` output: a document, or the reason an input could not be read.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Record {
    Document(Box<Document>),
    Error(ErrorRecord),
}

/// An input that could not be read. Nothing is dropped silently: every input
/// yields a document or one of these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ErrorRecord {
    pub schema: String,
    pub id: String,
    pub path: Option<String>,
    pub error: String,
}

/// Where a document's `date` came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    Header,
    Dateline,
    Option,
    Record,
}

/// A wire dateline such as `BAGHDAD, May 29 (Xinhua) --`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Dateline {
    pub place: Option<String>,
    pub outlet: Option<String>,
    pub span: Span,
}

/// One report, analysed.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Document {
    pub schema: String,
    pub id: String,
    pub path: Option<String>,
    pub title: Option<String>,
    #[schemars(with = "Option<String>")]
    #[serde(serialize_with = "iso_date::option")]
    pub date: Option<NaiveDate>,
    pub date_source: Option<DateSource>,
    pub dateline: Option<Dateline>,
    /// The text encoding the input was decoded from (`UTF-8`, `UTF-16LE`, `windows-1252`).
    pub encoding: String,
    pub sentences: Vec<Span>,
    pub entities: Vec<Entity>,
    pub times: Vec<Time>,
    pub sources: Vec<Source>,
    pub claims: Vec<Claim>,
    pub events: Vec<Event>,
    pub focus: Focus,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    Organization,
    Location,
    Person,
    Nationality,
    Other,
}

/// An actor, place or person, once per real-world thing, with all its mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Entity {
    /// Stable across documents: the same id for every alias (`sdf`, `raqqa`).
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub subtype: Option<String>,
    /// True when the entity comes from the gazetteer, false when discovered in the text.
    pub known: bool,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub geonames_id: Option<u64>,
    pub mentions: Vec<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Day,
    Week,
    Month,
    Season,
    Year,
    Decade,
}

/// An inclusive range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DateRange {
    #[schemars(with = "String")]
    #[serde(serialize_with = "iso_date::one")]
    pub from: NaiveDate,
    #[schemars(with = "String")]
    #[serde(serialize_with = "iso_date::one")]
    pub to: NaiveDate,
}

/// A time expression and what it resolves to.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
pub struct Time {
    #[serde(flatten)]
    pub span: Span,
    /// ISO 8601 at the expression's precision (`2017-06-22`, `2017-W25`,
    /// `2017-06`, `2017`); null when it cannot be resolved.
    pub value: Option<String>,
    pub precision: Option<Precision>,
    pub range: Option<DateRange>,
    /// What the expression was resolved against, e.g. `document 2017-06-23`
    /// or `time 0 (2017-06-22)`.
    pub anchor: Option<String>,
}

// Serialized by hand: serde's `flatten` would go through a map serializer,
// several times slower, for the same bytes.
impl Serialize for Time {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Time", 7)?;
        s.serialize_field("text", &self.span.text)?;
        s.serialize_field("start", &self.span.start)?;
        s.serialize_field("end", &self.span.end)?;
        s.serialize_field("value", &self.value)?;
        s.serialize_field("precision", &self.precision)?;
        s.serialize_field("range", &self.range)?;
        s.serialize_field("anchor", &self.anchor)?;
        s.end()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Anonymous,
    Person,
    Organization,
    Government,
    Military,
    Media,
    Document,
    Unknown,
}

/// Somebody cited in the report, once per speaker, with all its mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    pub id: String,
    pub name: String,
    pub kind: SourceKind,
    /// The entity this source is, when one was found.
    pub entity: Option<String>,
    pub mentions: Vec<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    Direct,
    Indirect,
    Mixed,
}

/// What one source is reported to have said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Claim {
    pub id: String,
    pub source: Option<String>,
    pub source_mention: Option<Span>,
    pub cue: Span,
    pub content: Option<Span>,
    pub kind: ClaimKind,
    pub sentence: usize,
    /// The outlet the claim reached the report through (`told Xinhua`, a
    /// Reuters dateline), which is not the speaker.
    #[serde(default)]
    pub channel: Option<String>,
}

/// ACLED's event type and sub-event type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Acled {
    pub event_type: Option<Label>,
    pub sub_event_type: Option<Label>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// The event's clause has its own time expression.
    Explicit,
    /// The date of the claim that reports it.
    Claim,
    /// The report's own date.
    Document,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EventDate {
    pub value: Option<String>,
    pub precision: Option<Precision>,
    pub basis: DateBasis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    Asserted,
    Negated,
    Future,
    Hypothetical,
    Attempted,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Fatalities {
    pub min: Option<u32>,
    pub max: Option<u32>,
    pub text: String,
}

/// A name from the event ontology. The events stage borrows it from the
/// embedded table rather than copy it into every event; a record read back
/// owns its text. It serializes, and has the schema of, a plain string.
pub type Label = Cow<'static, str>;

/// What happened, or is said to have happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    pub id: String,
    /// The project's own label (`siege`, `capture`, `suicide_bombing`).
    #[serde(rename = "type")]
    pub kind: Label,
    pub plover: Label,
    pub plover_mode: Option<Label>,
    pub cameo: Label,
    pub acled: Acled,
    pub trigger: Span,
    pub actors: Vec<String>,
    pub targets: Vec<String>,
    pub locations: Vec<String>,
    pub date: EventDate,
    pub modality: Modality,
    pub fatalities: Option<Fatalities>,
    pub claim: Option<String>,
    pub sentence: usize,
}

/// Where the report is mainly about.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Focus {
    pub place: Option<String>,
    pub admin1: Option<String>,
    pub country: Option<String>,
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        #[test]
        fn dates_are_serialized_as_chrono_serializes_them(days in -4_000_000i64..4_000_000) {
            let date = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Duration::days(days);
            let range = DateRange { from: date, to: date };
            let chrono_json = serde_json::to_string(&date).unwrap();
            proptest::prop_assert_eq!(serde_json::to_string(&range).unwrap(), format!("{{\"from\":{chrono_json},\"to\":{chrono_json}}}"));
        }
    }

    use super::*;

    #[test]
    fn a_time_is_its_span_fields_then_its_resolution() {
        let time = Time {
            span: Span { text: "Thursday".into(), start: 3, end: 11, bytes: 3..11 },
            value: Some("2017-06-22".into()),
            precision: Some(Precision::Day),
            range: None,
            anchor: Some("document 2017-06-23".into()),
        };
        let json = serde_json::to_string(&time).unwrap();
        assert_eq!(
            json,
            r#"{"text":"Thursday","start":3,"end":11,"value":"2017-06-22","precision":"day","range":null,"anchor":"document 2017-06-23"}"#
        );
        let back: Time = serde_json::from_str(&json).unwrap();
        assert_eq!((back.span.text, back.value), (time.span.text, time.value));
    }

    #[test]
    fn borrowed_labels_are_plain_strings_read_back_owned() {
        let acled = Acled { event_type: Some(Label::Borrowed("Battles")), sub_event_type: None };
        let json = serde_json::to_string(&acled).unwrap();
        assert_eq!(json, r#"{"event_type":"Battles","sub_event_type":null}"#);
        let back: Acled = serde_json::from_str(&json).unwrap();
        assert!(matches!(back.event_type, Some(Label::Owned(_))));
        assert_eq!(back, acled);
    }
}
