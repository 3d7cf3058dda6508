//! `times`: each time expression with its resolution, for checking by eye.

use serde_json::{Value, json};

use crate::model::{Document, Precision, Time};
use crate::output::{Printable, Table};

/// Characters of context shown on each side of an expression.
const CONTEXT_CHARS: usize = 24;

/// One time expression of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeRow {
    pub document: String,
    /// The document's publication date.
    pub date: Option<String>,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub value: Option<String>,
    pub precision: Option<Precision>,
    pub range: Option<String>,
    pub anchor: Option<String>,
    /// The sentence around the expression, shortened, with the expression in `[...]`.
    pub context: String,
}

/// Every time expression of the documents, by document and position.
#[derive(Debug, Clone, Default)]
pub struct TimeList {
    pub rows: Vec<TimeRow>,
}

pub fn time_list(docs: &[Document]) -> TimeList {
    let mut rows: Vec<TimeRow> = docs
        .iter()
        .flat_map(|d| {
            d.times.iter().map(move |t| TimeRow {
                document: d.id.clone(),
                date: d.date.map(|x| x.to_string()),
                text: t.span.text.clone(),
                start: t.span.start,
                end: t.span.end,
                value: t.value.clone(),
                precision: t.precision,
                range: t.range.map(|r| format!("{}/{}", r.from, r.to)),
                anchor: t.anchor.clone(),
                context: context(d, t),
            })
        })
        .collect();
    rows.sort_by(|a, b| (&a.document, a.start, a.end).cmp(&(&b.document, b.start, b.end)));
    TimeList { rows }
}

/// The sentence holding the expression (or the expression alone, in a
/// title), cut to a few words either side.
fn context(doc: &Document, t: &Time) -> String {
    let Some(s) = doc.sentences.iter().find(|s| s.start <= t.span.start && t.span.end <= s.end) else {
        return format!("[{}]", t.span.text);
    };
    let chars: Vec<char> = s.text.chars().collect();
    let (a, b) = (t.span.start - s.start, t.span.end - s.start);
    if b > chars.len() {
        return format!("[{}]", t.span.text);
    }
    let from = a.saturating_sub(CONTEXT_CHARS);
    let to = (b + CONTEXT_CHARS).min(chars.len());
    let piece = |r: std::ops::Range<usize>| -> String {
        chars[r].iter().map(|&c| if c.is_whitespace() { ' ' } else { c }).collect()
    };
    format!(
        "{}{}[{}]{}{}",
        if from > 0 { "…" } else { "" },
        piece(from..a),
        piece(a..b),
        piece(b..to),
        if to < chars.len() { "…" } else { "" }
    )
}

fn precision_name(p: Option<Precision>) -> Option<String> {
    p.and_then(|p| serde_json::to_value(p).ok()).and_then(|v| v.as_str().map(String::from))
}

impl TimeRow {
    fn to_json(&self) -> Value {
        json!({
            "document": self.document,
            "date": self.date,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "precision": precision_name(self.precision),
            "range": self.range,
            "anchor": self.anchor,
            "context": self.context,
        })
    }
}

impl Printable for TimeList {
    fn tables(&self) -> Vec<Table> {
        let mut table = Table::new(
            "Time expressions",
            &["document", "date", "text", "value", "precision", "range", "anchor", "context"],
        );
        let dash = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
        for r in &self.rows {
            table.rows.push(vec![
                r.document.clone(),
                dash(&r.date),
                r.text.clone(),
                dash(&r.value),
                dash(&precision_name(r.precision)),
                dash(&r.range),
                dash(&r.anchor),
                r.context.clone(),
            ]);
        }
        vec![table]
    }

    fn json(&self) -> Value {
        Value::Array(self.rows.iter().map(TimeRow::to_json).collect())
    }

    fn records(&self) -> Vec<Value> {
        self.rows.iter().map(TimeRow::to_json).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Analyzer;
    use crate::read::{Content, RawReport};

    fn doc(id: &str, text: &str) -> Document {
        let raw = RawReport { id: id.into(), path: None, content: Content::Bytes(text.as_bytes().to_vec()) };
        Analyzer::default().analyze(raw).unwrap()
    }

    #[test]
    fn rows_by_document_and_position_with_context() {
        let b = doc("b", " date 2017-06-23 Siege\n\nA source told Xinhua Thursday that the siege was complete.\n");
        let a =
            doc("a", " date 2017-01-05 Aleppo\n\nThe army retook the city in December, a year after the offensive.\n");
        let list = time_list(&[b, a]);
        let docs: Vec<&str> = list.rows.iter().map(|r| r.document.as_str()).collect();
        assert_eq!(docs[0], "a");
        let thursday = list.rows.iter().find(|r| r.text == "Thursday").unwrap();
        assert_eq!(thursday.value.as_deref(), Some("2017-06-22"));
        assert!(thursday.context.starts_with("A source told Xinhua [Thursday] that the"), "{}", thursday.context);
        assert!(thursday.context.ends_with('…'));
        let december = list.rows.iter().find(|r| r.text == "December").unwrap();
        assert_eq!(december.value.as_deref(), Some("2016-12"));
        let table = &list.tables()[0];
        assert_eq!(table.columns[3], "value");
        assert_eq!(table.rows.len(), list.rows.len());
        assert_eq!(list.records()[0]["document"], "a");
    }
}
