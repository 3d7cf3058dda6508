//! The commands, as the library runs them: what to read, what to make of it,
//! where to write it. The binary turns its arguments into a [`Request`];
//! nothing here knows how they were spelled.

use std::cell::RefCell;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};

use crate::batch::{self, BatchOptions, Summary};
use crate::input::{self, InputOptions, Notice};
use crate::model::{Document, ErrorRecord, Record};
use crate::output::{self, Format, Printable, compact_json};
use crate::pipeline::Analyzer;
use crate::report;
use crate::report::timeline::TimelineFilter;

/// How `parse` writes documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentFormat {
    /// One pretty object for one input, an array for several.
    Json,
    /// One compact record per line, streamed.
    Jsonl,
}

/// The reports over many documents.
#[derive(Debug, Clone)]
pub enum ReportKind {
    Entities,
    Times,
    Sources,
    Timeline(TimelineFilter),
}

/// What to do.
#[derive(Debug, Clone)]
pub enum Task {
    Parse(DocumentFormat),
    Report(ReportKind, Format),
    /// The gazetteer's entries, or with `aliases` one alias a line.
    Gazetteer {
        format: Format,
        aliases: bool,
    },
    Schema,
}

/// A whole command: the task, its inputs, and where the output goes.
#[derive(Debug, Clone)]
pub struct Request {
    pub task: Task,
    pub paths: Vec<String>,
    pub input: InputOptions,
    pub batch: BatchOptions,
    pub analyzer: Analyzer,
    /// Write here (atomically) instead of standard output.
    pub output: Option<PathBuf>,
}

/// How a command ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcome {
    pub summary: Summary,
}

impl Outcome {
    /// True when every input was read.
    pub fn all_read(&self) -> bool {
        self.summary.failures == 0
    }
}

/// An error with the output itself (not with an input): the command cannot
/// do its job, whatever the inputs.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {path}")]
pub struct OutputError {
    pub path: String,
    #[source]
    pub source: io::Error,
}

/// Run a request. Per-input problems are told to `messages` (one line each)
/// and counted in the outcome; only a failure of the command itself is an `Err`.
pub fn execute(request: &Request, messages: &mut dyn FnMut(&str)) -> Result<Outcome> {
    let mut sink = OutputSink::open(request.output.as_deref())?;
    let outcome = match &request.task {
        Task::Schema => {
            let schema = schemars::schema_for!(Record);
            serde_json::to_writer_pretty(&mut sink, &schema)?;
            writeln!(sink)?;
            Outcome::default()
        }
        Task::Parse(format) => parse(request, *format, &mut sink, messages)?,
        Task::Gazetteer { format, aliases } => {
            let gazetteer = &request.analyzer.gazetteer;
            if *aliases {
                for alias in report::gazetteer::aliases(gazetteer) {
                    writeln!(sink, "{alias}")?;
                }
            } else {
                output::printer(*format).print(&report::gazetteer::listing(gazetteer), &mut sink)?;
            }
            Outcome::default()
        }
        Task::Report(kind, format) => {
            let (docs, summary) = collect(request, messages)?;
            let printable: Box<dyn Printable> = match kind {
                ReportKind::Entities => Box::new(report::entities::entity_index(&docs)),
                ReportKind::Times => Box::new(report::times::time_list(&docs)),
                ReportKind::Sources => Box::new(report::sources::source_summary(&docs)),
                ReportKind::Timeline(filter) => Box::new(report::timeline::timeline(&docs, filter)),
            };
            output::printer(*format).print(printable.as_ref(), &mut sink)?;
            Outcome { summary }
        }
    };
    sink.commit()?;
    Ok(outcome)
}

/// Tell the notices gathered so far (symbolic-link loops met by the walk).
fn tell(notices: &RefCell<Vec<Notice>>, messages: &mut dyn FnMut(&str)) {
    for Notice(n) in notices.borrow_mut().drain(..) {
        messages(&n);
    }
}

fn error_line(e: &ErrorRecord) -> String {
    format!("{}: {}", e.path.as_deref().unwrap_or(&e.id), e.error)
}

/// The length a progress bar should show (0: unknown); counted only when a bar is shown.
fn expected(request: &Request) -> usize {
    if request.batch.progress { input::count(&request.paths, &request.input).unwrap_or(0) } else { 0 }
}

/// `parse`: documents out as they come, in input order.
fn parse(
    request: &Request,
    format: DocumentFormat,
    out: &mut dyn Write,
    messages: &mut dyn FnMut(&str),
) -> Result<Outcome> {
    let notices = RefCell::new(Vec::new());
    let expected = expected(request);
    let jobs = input::expand(input::discover(&request.paths, &request.input, &notices), &request.input);
    let spare = SpareBuffers::default();
    // Serialize on the workers; the writer only copies bytes.
    let serialize = |record: Record| -> io::Result<Vec<u8>> {
        match format {
            DocumentFormat::Jsonl => {
                let mut bytes = spare.take();
                compact_json::append(&mut bytes, &record)?;
                bytes.push(b'\n');
                Ok(bytes)
            }
            DocumentFormat::Json => Ok(serde_json::to_vec_pretty(&record)?),
        }
    };
    // Unless there is only one job: then the writer is also the worker, and
    // a JSON Lines record is serialized straight into the output rather
    // than into a buffer of its own that is then copied there.
    let in_place = format == DocumentFormat::Jsonl && request.batch.jobs <= 1;
    let prepare =
        |record: Record| if in_place { Outgoing::Record(record) } else { Outgoing::Serialized(serialize(record)) };
    let mut lines = PendingLines::default();
    let mut array = JsonArray::default();
    let summary =
        batch::run(jobs, expected, &request.analyzer, &request.input, &request.batch, prepare, |outgoing, error| {
            if let Some(e) = error {
                messages(&error_line(e));
            }
            match outgoing {
                Outgoing::Record(record) => lines.push_record(&record, out),
                Outgoing::Serialized(bytes) => {
                    let bytes = bytes?;
                    match format {
                        DocumentFormat::Jsonl => {
                            lines.push_serialized(&bytes, out)?;
                            spare.give(bytes);
                            Ok(())
                        }
                        DocumentFormat::Json => array.push(bytes, out),
                    }
                }
            }
        });
    // The records before a failure are still written, whole.
    lines.write(out)?;
    let summary = summary?;
    tell(&notices, messages);
    if format == DocumentFormat::Json {
        array.finish(out)?;
    }
    Ok(Outcome { summary })
}

/// A record on its way from a worker to the output.
enum Outgoing {
    /// Serialized by the worker.
    Serialized(io::Result<Vec<u8>>),
    /// Left for the writer to serialize in place.
    Record(Record),
}

/// JSON Lines not yet written: whole records, written together once there
/// are [`PendingLines::WRITE_AT`] bytes of them. As each write ends a line,
/// it goes past the output's own buffer (and standard output's line
/// buffering) straight to the file, rather than being copied twice more
/// and cut mid-record.
#[derive(Default)]
struct PendingLines(Vec<u8>);

impl PendingLines {
    /// At least the output's own buffer, so that it passes writes on whole.
    const WRITE_AT: usize = OUTPUT_BUFFER_BYTES;

    fn push_record(&mut self, record: &Record, out: &mut dyn Write) -> io::Result<()> {
        let start = self.0.len();
        if let Err(e) = compact_json::append(&mut self.0, record) {
            // No half record goes out.
            self.0.truncate(start);
            return Err(e.into());
        }
        self.0.push(b'\n');
        self.write_when_full(out)
    }

    fn push_serialized(&mut self, line: &[u8], out: &mut dyn Write) -> io::Result<()> {
        self.0.extend_from_slice(line);
        self.write_when_full(out)
    }

    fn write_when_full(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.0.len() >= Self::WRITE_AT { self.write(out) } else { Ok(()) }
    }

    fn write(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&self.0)?;
        self.0.clear();
        Ok(())
    }
}

/// Buffers of records already written, handed back to the workers so that a
/// buffer grows to the size of a record once rather than for every record.
#[derive(Default)]
struct SpareBuffers(Mutex<Vec<Vec<u8>>>);

/// The largest buffer kept for another record: room for nine records in
/// ten. A buffer kept whatever its size would in time grow to the size of
/// the largest record it ever held, and the many buffers in flight (two
/// chunks of records) with it, so that memory would grow with the number
/// of reports read.
const SPARE_BUFFER_MAX: usize = 32 * 1024;

impl SpareBuffers {
    fn take(&self) -> Vec<u8> {
        self.0.lock().ok().and_then(|mut spare| spare.pop()).unwrap_or_default()
    }

    fn give(&self, mut buffer: Vec<u8>) {
        if buffer.capacity() > SPARE_BUFFER_MAX {
            return;
        }
        buffer.clear();
        if let Ok(mut spare) = self.0.lock() {
            spare.push(buffer);
        }
    }
}

/// A pretty JSON array written as its elements arrive; a lone element is
/// written as itself, not as an array of one.
#[derive(Default)]
struct JsonArray {
    first: Option<Vec<u8>>,
    count: usize,
}

impl JsonArray {
    fn push(&mut self, element: Vec<u8>, out: &mut dyn Write) -> io::Result<()> {
        self.count += 1;
        match self.count {
            1 => {
                self.first = Some(element);
                Ok(())
            }
            2 => {
                out.write_all(b"[\n")?;
                let first = self.first.take().unwrap_or_default();
                write_indented(&first, out)?;
                out.write_all(b",\n")?;
                write_indented(&element, out)
            }
            _ => {
                out.write_all(b",\n")?;
                write_indented(&element, out)
            }
        }
    }

    fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        match (self.count, self.first) {
            (0, _) => out.write_all(b"[]\n"),
            (1, Some(first)) => {
                out.write_all(&first)?;
                out.write_all(b"\n")
            }
            _ => out.write_all(b"\n]\n"),
        }
    }
}

/// Indent every line by two spaces, as serde_json's pretty printer nests an array's elements.
fn write_indented(bytes: &[u8], out: &mut dyn Write) -> io::Result<()> {
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        out.write_all(b"  ")?;
        out.write_all(line)?;
    }
    Ok(())
}

/// Analyse every input and keep the documents, for the reports that need them all.
pub fn collect(request: &Request, messages: &mut dyn FnMut(&str)) -> Result<(Vec<Document>, Summary)> {
    let notices = RefCell::new(Vec::new());
    let expected = expected(request);
    let jobs = input::expand(input::discover(&request.paths, &request.input, &notices), &request.input);
    let mut docs = Vec::new();
    let keep = |record: Record| match record {
        Record::Document(d) => Some(*d),
        Record::Error(_) => None,
    };
    let summary = batch::run(jobs, expected, &request.analyzer, &request.input, &request.batch, keep, |doc, error| {
        tell(&notices, messages);
        if let Some(e) = error {
            messages(&error_line(e));
        }
        docs.extend(doc);
        Ok(())
    })?;
    tell(&notices, messages);
    Ok((docs, summary))
}

/// The buffer in front of the output.
const OUTPUT_BUFFER_BYTES: usize = 1 << 16;

/// Standard output; a device or a pipe named with `--output` (`/dev/null`,
/// a FIFO), written as it is; or a file written atomically: a temporary
/// file beside it, renamed into place only when everything was written.
enum OutputSink {
    Stdout(BufWriter<io::Stdout>),
    Stream { writer: BufWriter<fs::File>, shown: String },
    File { writer: BufWriter<fs::File>, temp: tempfile::NamedTempFile, target: PathBuf, shown: String },
}

impl OutputSink {
    fn open(path: Option<&Path>) -> Result<Self> {
        let Some(path) = path else {
            return Ok(OutputSink::Stdout(BufWriter::with_capacity(OUTPUT_BUFFER_BYTES, io::stdout())));
        };
        let shown = path.display().to_string();
        let failed = |source: io::Error| OutputError { path: shown.clone(), source };
        // Known before any input is read, not after all of them.
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => return Err(failed(io::ErrorKind::IsADirectory.into()).into()),
            // A temporary file renamed over a device or a pipe would replace it.
            Ok(meta) if !meta.is_file() => {
                let file = fs::OpenOptions::new().write(true).open(path).map_err(failed)?;
                let writer = BufWriter::with_capacity(OUTPUT_BUFFER_BYTES, file);
                return Ok(OutputSink::Stream { writer, shown });
            }
            _ => {}
        }
        // Through a symbolic link, its file is the one replaced; the link stays.
        let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        // The folder's own error (missing, not a folder), before tempfile's,
        // which names its temporary file, one the user never heard of.
        if !fs::metadata(dir).map_err(failed)?.is_dir() {
            return Err(failed(io::ErrorKind::NotADirectory.into()).into());
        }
        let temp = tempfile::NamedTempFile::new_in(dir).map_err(|e| failed(e.kind().into()))?;
        // Written through a handle of its own, whose errors are the system's
        // (tempfile's name the temporary file again).
        let file = temp.as_file().try_clone().map_err(failed)?;
        let writer = BufWriter::with_capacity(OUTPUT_BUFFER_BYTES, file);
        Ok(OutputSink::File { writer, temp, target, shown })
    }

    fn commit(self) -> Result<()> {
        match self {
            OutputSink::Stdout(mut w) => Ok(w.flush()?),
            OutputSink::Stream { mut writer, shown } => {
                writer.flush().map_err(|source| OutputError { path: shown, source })?;
                Ok(())
            }
            OutputSink::File { mut writer, temp, target, shown } => {
                let failed = |source: io::Error| OutputError { path: shown.clone(), source };
                writer.flush().map_err(failed)?;
                temp.persist(&target).map_err(|e| failed(e.error))?;
                // Keep the usual permissions of a new file rather than the temporary file's 0600.
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    let _ = fs::set_permissions(&target, fs::Permissions::from_mode(0o644));
                }
                Ok(())
            }
        }
    }
}

/// A write to a named output that failed, as an error that names it.
fn named(shown: &str, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), OutputError { path: shown.to_string(), source: e })
}

impl Write for OutputSink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            OutputSink::Stdout(w) => w.write(buf),
            OutputSink::Stream { writer, shown } | OutputSink::File { writer, shown, .. } => {
                writer.write(buf).map_err(|e| named(shown, e))
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            OutputSink::Stdout(w) => w.flush(),
            OutputSink::Stream { writer, shown } | OutputSink::File { writer, shown, .. } => {
                writer.flush().map_err(|e| named(shown, e))
            }
        }
    }
}

/// Read a gazetteer file the user named, for [`crate::gazetteer::Gazetteer::extend_from_str`].
pub fn read_gazetteer_file(path: &Path) -> Result<String> {
    fs::read_to_string(path).with_context(|| format!("cannot read gazetteer file {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::{SPARE_BUFFER_MAX, SpareBuffers};

    #[test]
    fn spare_buffers_come_back_empty_and_never_larger_than_the_cap() {
        let spare = SpareBuffers::default();
        let mut small = Vec::with_capacity(1024);
        small.extend_from_slice(b"a record");
        spare.give(small);
        spare.give(Vec::with_capacity(SPARE_BUFFER_MAX + 1));
        let taken = spare.take();
        assert!(taken.is_empty() && taken.capacity() >= 1024 && taken.capacity() <= SPARE_BUFFER_MAX);
        // The oversized one was dropped, not kept: the next is a new buffer.
        assert_eq!(spare.take().capacity(), 0);
    }
}
