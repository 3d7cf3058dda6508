//! Printers: one per output format behind one trait. A printer is a pure
//! function from a report to bytes on a writer.

pub mod compact_json;
mod csv;
mod json;
mod jsonl;
mod markdown;
mod text;

use std::io::{self, Write};

pub use self::csv::CsvPrinter;
pub use self::json::JsonPrinter;
pub use self::jsonl::JsonlPrinter;
pub use self::markdown::MarkdownPrinter;
pub use self::text::TextPrinter;

/// A titled grid of cells: what the text, Markdown and CSV printers show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(title: impl Into<String>, columns: &[&str]) -> Self {
        Table { title: title.into(), columns: columns.iter().map(|c| c.to_string()).collect(), rows: Vec::new() }
    }
}

/// Something a printer can print: a report over documents.
pub trait Printable {
    /// The tables a person reads (text, Markdown), most important first.
    fn tables(&self) -> Vec<Table>;
    /// The one table CSV holds; the first of `tables` unless a report says otherwise.
    fn csv_table(&self) -> Table {
        self.tables().into_iter().next().unwrap_or_default()
    }
    /// The whole report as one JSON value.
    fn json(&self) -> serde_json::Value;
    /// One JSON value per line for JSON Lines.
    fn records(&self) -> Vec<serde_json::Value>;
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Jsonl,
    Csv,
    Markdown,
}

/// Writes a report in one format.
pub trait Printer {
    fn print(&self, report: &dyn Printable, out: &mut dyn Write) -> io::Result<()>;
}

/// The printer for a format.
pub fn printer(format: Format) -> Box<dyn Printer> {
    match format {
        Format::Text => Box::new(TextPrinter),
        Format::Json => Box::new(JsonPrinter),
        Format::Jsonl => Box::new(JsonlPrinter),
        Format::Csv => Box::new(CsvPrinter),
        Format::Markdown => Box::new(MarkdownPrinter),
    }
}
