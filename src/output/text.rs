use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::{Printable, Printer};

/// Aligned columns for a terminal; long cells are cut with an ellipsis.
pub struct TextPrinter;

/// The widest a column may grow before its cells are cut.
const MAX_WIDTH: usize = 48;

fn fit(s: &str) -> String {
    let s = s.replace(['\n', '\r'], " ");
    if s.width() <= MAX_WIDTH {
        return s;
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.width() + 1 >= MAX_WIDTH {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

impl Printer for TextPrinter {
    fn print(&self, report: &dyn Printable, out: &mut dyn Write) -> io::Result<()> {
        for (i, table) in report.tables().iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            if !table.title.is_empty() {
                writeln!(out, "{}", table.title)?;
            }
            let rows: Vec<Vec<String>> = std::iter::once(&table.columns)
                .chain(table.rows.iter())
                .map(|r| r.iter().map(|c| fit(c)).collect())
                .collect();
            let mut widths = vec![0; table.columns.len()];
            for row in &rows {
                for (w, c) in widths.iter_mut().zip(row) {
                    *w = (*w).max(c.width());
                }
            }
            for (n, row) in rows.iter().enumerate() {
                let mut line = String::new();
                for (k, (c, w)) in row.iter().zip(&widths).enumerate() {
                    line.push_str(c);
                    if k + 1 < row.len() {
                        line.push_str(&" ".repeat(w - c.width() + 2));
                    }
                }
                writeln!(out, "{}", line.trim_end())?;
                if n == 0 {
                    let total: usize = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
                    writeln!(out, "{}", "-".repeat(total))?;
                }
            }
        }
        Ok(())
    }
}
