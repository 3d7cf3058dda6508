use std::io::{self, Write};

use super::{Printable, Printer};

/// Each table as a Markdown pipe table under a heading.
pub struct MarkdownPrinter;

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

impl Printer for MarkdownPrinter {
    fn print(&self, report: &dyn Printable, out: &mut dyn Write) -> io::Result<()> {
        for (i, table) in report.tables().iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            if !table.title.is_empty() {
                writeln!(out, "## {}\n", table.title)?;
            }
            let header: Vec<String> = table.columns.iter().map(|c| cell(c)).collect();
            writeln!(out, "| {} |", header.join(" | "))?;
            writeln!(out, "|{}|", vec!["---"; table.columns.len()].join("|"))?;
            for row in &table.rows {
                let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
                writeln!(out, "| {} |", cells.join(" | "))?;
            }
        }
        Ok(())
    }
}
