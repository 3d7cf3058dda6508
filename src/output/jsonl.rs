use std::io::{self, Write};

use super::{Printable, Printer};

/// One compact JSON value per line.
pub struct JsonlPrinter;

impl Printer for JsonlPrinter {
    fn print(&self, report: &dyn Printable, out: &mut dyn Write) -> io::Result<()> {
        for record in report.records() {
            serde_json::to_writer(&mut *out, &record)?;
            writeln!(out)?;
        }
        Ok(())
    }
}
