use std::io::{self, Write};

use super::{Printable, Printer};

/// The whole report as one pretty JSON value.
pub struct JsonPrinter;

impl Printer for JsonPrinter {
    fn print(&self, report: &dyn Printable, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &report.json())?;
        writeln!(out)
    }
}
