use std::io::{self, Write};

use super::{Printable, Printer, compact_json};

/// One compact JSON value per line.
pub struct JsonlPrinter;

impl Printer for JsonlPrinter {
    fn print(&self, report: &dyn Printable, out: &mut dyn Write) -> io::Result<()> {
        let mut line = Vec::new();
        for record in report.records() {
            line.clear();
            compact_json::append(&mut line, &record)?;
            line.push(b'\n');
            out.write_all(&line)?;
        }
        Ok(())
    }
}
