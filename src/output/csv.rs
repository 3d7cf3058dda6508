use std::io::{self, Write};

use super::{Printable, Printer};

/// The report's CSV table, RFC 4180 quoting, with a header row.
pub struct CsvPrinter;

impl Printer for CsvPrinter {
    fn print(&self, report: &dyn Printable, out: &mut dyn Write) -> io::Result<()> {
        let table = report.csv_table();
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(&table.columns)?;
        for row in &table.rows {
            writer.write_record(row)?;
        }
        writer.flush()
    }
}
