//! The `raqqa-events` command: arguments in, exit status out. Everything
//! else lives in the library.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use raqqa_events::Analyzer;
use raqqa_events::app::{self, DocumentFormat, ReportKind, Request, Task};
use raqqa_events::batch::BatchOptions;
use raqqa_events::gazetteer::Gazetteer;
use raqqa_events::input::{self, DEFAULT_MAX_BYTES, InputFormat, InputOptions};
use raqqa_events::output::Format;
use raqqa_events::read::ReadOptions;
use raqqa_events::report::timeline::TimelineFilter;

// The pipeline makes many small, short-lived allocations per sentence;
// mimalloc serves them at a fraction of the system allocator's cost.
#[global_allocator]
static ALLOCATOR: raqqa_events::allocator::Mimalloc = raqqa_events::allocator::Mimalloc;

/// Structured data from conflict reports: entities, times, sources, claims
/// and events, and timelines across many reports.
#[derive(Parser)]
#[command(name = "raqqa-events", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse reports and write one document record per input (the contract's `raqqa-events/1`).
    Parse {
        #[command(flatten)]
        inputs: InputArgs,
        /// `json`: one pretty object for one input, an array for several; `jsonl`: one record per line, streamed.
        #[arg(long, value_enum, default_value = "json")]
        format: DocFormatArg,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Per entity: type, mentions and documents.
    Entities {
        #[command(flatten)]
        inputs: InputArgs,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Every time expression with its resolution, for checking by eye.
    Times {
        #[command(flatten)]
        inputs: InputArgs,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// The source-attribution summary: who is cited, how often, how anonymously.
    Sources {
        #[command(flatten)]
        inputs: InputArgs,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Events of all reports in date order; one entry per event however many reports tell it.
    Timeline {
        #[command(flatten)]
        inputs: InputArgs,
        #[command(flatten)]
        report: ReportArgs,
        /// Keep events on or after this date (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        from: Option<NaiveDate>,
        /// Keep events on or before this date (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        to: Option<NaiveDate>,
        /// Keep events one of whose actors is this entity (id or name); a
        /// country takes in its government and forces.
        #[arg(long)]
        actor: Option<String>,
        /// Keep events at this place (entity id or name, or a governorate).
        #[arg(long)]
        place: Option<String>,
        /// Keep events of this type (`siege`, a PLOVER category, an ACLED event type); repeatable.
        #[arg(long = "type")]
        types: Vec<String>,
    },
    /// List the gazetteer's entries (with any --gazetteer files added).
    Gazetteer {
        /// Print every alias once, one a line, instead of the entries.
        #[arg(long)]
        aliases: bool,
        /// Add or override entries from this file (repeatable; see data/README.md).
        #[arg(long = "gazetteer", value_name = "FILE")]
        gazetteers: Vec<PathBuf>,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Print the JSON Schema of `parse` output.
    Schema {
        #[command(flatten)]
        output: OutputArgs,
    },
}

#[derive(Args)]
struct InputArgs {
    /// Files, folders (walked recursively, sorted) or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<String>,
    /// How to read inputs: `auto` reads `*.jsonl` as JSON Lines ({"id", "date", "title", "text"}) and the rest as text.
    #[arg(long, value_enum, default_value = "auto")]
    input_format: InputFormatArg,
    /// Which files a folder contributes (repeatable); default `*.txt`, `*.md`, `*.jsonl`.
    #[arg(long = "glob", value_name = "GLOB")]
    globs: Vec<String>,
    /// The publication date for reports that state none (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// Refuse inputs (files, records) larger than this many bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Worker threads [default: all cores].
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Add or override gazetteer entries from this file (repeatable; see data/README.md).
    #[arg(long = "gazetteer", value_name = "FILE")]
    gazetteers: Vec<PathBuf>,
}

#[derive(Args)]
struct OutputArgs {
    /// Write to this file (atomically; a device or a pipe as it is) instead of standard output.
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
}

#[derive(Args)]
struct ReportArgs {
    #[arg(long, value_enum, default_value = "text")]
    format: FormatArg,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum DocFormatArg {
    Json,
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Text,
    Json,
    Jsonl,
    Csv,
    #[value(alias = "md")]
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum InputFormatArg {
    Auto,
    Text,
    Jsonl,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("{s:?} is not a date of the form YYYY-MM-DD"))
}

/// Turn the parsed arguments into the library's request: load the
/// gazetteer, choose formats, set the date fallback.
fn request(cli: Cli) -> Result<Request> {
    let (task, inputs, output) = match cli.command {
        Command::Parse { inputs, format, output } => {
            let format = match format {
                DocFormatArg::Json => DocumentFormat::Json,
                DocFormatArg::Jsonl => DocumentFormat::Jsonl,
            };
            (Task::Parse(format), Some(inputs), output.output)
        }
        Command::Entities { inputs, report } => {
            (Task::Report(ReportKind::Entities, format(report.format)), Some(inputs), report.output.output)
        }
        Command::Times { inputs, report } => {
            (Task::Report(ReportKind::Times, format(report.format)), Some(inputs), report.output.output)
        }
        Command::Sources { inputs, report } => {
            (Task::Report(ReportKind::Sources, format(report.format)), Some(inputs), report.output.output)
        }
        Command::Timeline { inputs, report, from, to, actor, place, types } => {
            let filter = TimelineFilter { from, to, actor, place, types };
            (Task::Report(ReportKind::Timeline(filter), format(report.format)), Some(inputs), report.output.output)
        }
        Command::Schema { output } => (Task::Schema, None, output.output),
        Command::Gazetteer { aliases, gazetteers, report } => {
            let task = Task::Gazetteer { format: format(report.format), aliases };
            return Ok(Request { task, analyzer: analyzer(&gazetteers, None)?, ..bare(report.output.output) });
        }
    };
    let Some(inputs) = inputs else {
        return Ok(Request { task, ..bare(output) });
    };
    let globs = if inputs.globs.is_empty() {
        None
    } else {
        Some(input::glob_set(&inputs.globs).context("a --glob pattern is not a valid glob")?)
    };
    let jobs = inputs.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
    Ok(Request {
        task,
        input: InputOptions {
            format: match inputs.input_format {
                InputFormatArg::Auto => InputFormat::Auto,
                InputFormatArg::Text => InputFormat::Text,
                InputFormatArg::Jsonl => InputFormat::Jsonl,
            },
            globs,
            max_bytes: inputs.max_bytes,
        },
        batch: BatchOptions { jobs, progress: io::stderr().is_terminal() },
        analyzer: analyzer(&inputs.gazetteers, inputs.date)?,
        paths: inputs.paths,
        output,
    })
}

/// A request that reads no reports.
fn bare(output: Option<PathBuf>) -> Request {
    Request {
        task: Task::Schema,
        paths: Vec::new(),
        input: InputOptions::default(),
        batch: BatchOptions::default(),
        analyzer: Analyzer::default(),
        output,
    }
}

/// The analyzer: the embedded gazetteer with the user's files added, and the date fallback.
fn analyzer(gazetteers: &[PathBuf], date: Option<NaiveDate>) -> Result<Analyzer> {
    let mut gazetteer = Gazetteer::embedded();
    for path in gazetteers {
        let contents = app::read_gazetteer_file(path)?;
        gazetteer.extend_from_str(&path.display().to_string(), &contents)?;
    }
    Ok(Analyzer::new(gazetteer, ReadOptions { fallback_date: date }))
}

fn format(f: FormatArg) -> Format {
    match f {
        FormatArg::Text => Format::Text,
        FormatArg::Json => Format::Json,
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Csv => Format::Csv,
        FormatArg::Markdown => Format::Markdown,
    }
}

fn run() -> Result<ExitCode> {
    let request = request(Cli::parse())?;
    let outcome = app::execute(&request, &mut |line| eprintln!("raqqa-events: {line}"))?;
    Ok(if outcome.all_read() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            // `| head` closing the pipe is a quiet success.
            if e.chain().any(|c| c.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe))
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("raqqa-events: {e:#}");
            ExitCode::from(2)
        }
    }
}
