//! Finding the inputs: files, folders walked in sorted order, standard input,
//! and the records of JSON Lines files. Every input becomes one [`Job`];
//! what cannot be read becomes a job that carries its error, so nothing is
//! dropped.

use std::cell::RefCell;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::error::{ReadError, Size};
use crate::read::{Content, RawReport};

/// How inputs are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// JSON Lines for `*.jsonl` files, text for everything else.
    #[default]
    Auto,
    Text,
    Jsonl,
}

/// What to read, and the limits.
#[derive(Debug, Clone)]
pub struct InputOptions {
    pub format: InputFormat,
    /// Which files a folder contributes; `None` means `*.txt`, `*.md` and `*.jsonl`.
    pub globs: Option<GlobSet>,
    /// Inputs (files, records, standard input) larger than this are refused.
    pub max_bytes: u64,
}

/// The default `--max-bytes`: far above any news report, small enough that a
/// runaway file cannot exhaust memory.
pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// How far past the limit a stream is read only to count its size for the
/// message: an endless one (`yes | raqqa-events parse -`) must not be read
/// forever.
const COUNTED_PAST_LIMIT: u64 = 1 << 30;

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions { format: InputFormat::Auto, globs: None, max_bytes: DEFAULT_MAX_BYTES }
    }
}

/// Build the set of `--glob` patterns.
pub fn glob_set(patterns: &[String]) -> Result<GlobSet, globset::Error> {
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        builder.add(Glob::new(p)?);
    }
    builder.build()
}

/// One unit of work, cheap to create; the reading happens in a worker.
#[derive(Debug)]
pub enum Job {
    File {
        path: PathBuf,
        shown: String,
        jsonl: bool,
    },
    Stdin {
        jsonl: bool,
    },
    /// One line of a JSON Lines file.
    Record {
        shown: String,
        stem: String,
        line: usize,
        text: String,
    },
    /// An input that failed before it could be read.
    Failed {
        id: String,
        path: Option<String>,
        error: String,
    },
}

/// A job that has been read: a raw report, or the reason it could not be.
pub type Loaded = Result<RawReport, (String, Option<String>, ReadError)>;

/// Something that should be said on stderr but is no input's failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice(pub String);

/// The files the paths name, in order: each path as given, folders walked
/// recursively in sorted order, lazily, so that memory does not grow with
/// the number of files. Missing paths become failed jobs; what is no input's
/// failure (a symbolic-link loop) is pushed to `notices` as it is met.
pub fn discover<'a>(
    paths: &'a [String],
    options: &'a InputOptions,
    notices: &'a RefCell<Vec<Notice>>,
) -> impl Iterator<Item = Job> + 'a {
    paths.iter().flat_map(move |shown| -> Box<dyn Iterator<Item = Job> + 'a> {
        if shown == "-" {
            return Box::new(std::iter::once(Job::Stdin { jsonl: options.format == InputFormat::Jsonl }));
        }
        let path = Path::new(shown);
        match std::fs::metadata(path) {
            Err(e) => Box::new(std::iter::once(Job::Failed {
                id: stem(path),
                path: Some(shown.clone()),
                error: io_message(&e),
            })),
            Ok(meta) if meta.is_dir() => Box::new(walk(path, options, notices)),
            Ok(_) => Box::new(std::iter::once(Job::File {
                path: path.to_path_buf(),
                shown: shown.clone(),
                jsonl: is_jsonl(path, options),
            })),
        }
    })
}

/// How many inputs `discover` will yield, for a progress bar (a second walk:
/// cheap beside the analysis, and it keeps no list). `None` when JSON Lines
/// inputs hide how many reports there are.
pub fn count(paths: &[String], options: &InputOptions) -> Option<usize> {
    let ignored = RefCell::new(Vec::new());
    let mut n = 0;
    for job in discover(paths, options, &ignored) {
        if matches!(job, Job::File { jsonl: true, .. } | Job::Stdin { jsonl: true }) {
            return None;
        }
        n += 1;
    }
    Some(n)
}

fn walk<'a>(
    dir: &'a Path,
    options: &'a InputOptions,
    notices: &'a RefCell<Vec<Notice>>,
) -> impl Iterator<Item = Job> + 'a {
    let walker = walkdir::WalkDir::new(dir).follow_links(true).sort_by(|a, b| name_bytes(a).cmp(name_bytes(b)));
    walker.into_iter().filter_map(move |entry| match entry {
        Ok(e) if e.file_type().is_file() => {
            let path = e.path();
            wanted(path, options).then(|| Job::File {
                path: path.to_path_buf(),
                shown: path.display().to_string(),
                jsonl: is_jsonl(path, options),
            })
        }
        Ok(_) => None,
        Err(e) => {
            let where_ = e.path().map_or_else(|| dir.display().to_string(), |p| p.display().to_string());
            if e.loop_ancestor().is_some() {
                notices
                    .borrow_mut()
                    .push(Notice(format!("{where_}: a symbolic link loops back to a folder above it; not followed")));
                None
            } else {
                // An unreadable folder or file is an input that failed.
                let p = e.path().map(Path::to_path_buf).unwrap_or_else(|| dir.to_path_buf());
                let error = e.io_error().map_or_else(|| e.to_string(), io_message);
                Some(Job::Failed { id: stem(&p), path: Some(where_), error })
            }
        }
    })
}

/// A walked entry's name: its path's bytes after the last separator, in the
/// order `OsStr` compares them. `DirEntry::file_name` gets the same name by
/// parsing the path's components, which the sort of a folder of thousands of
/// reports would pay at every comparison. A sorted entry is never the walk's
/// root, so its path ends in its name.
fn name_bytes(entry: &walkdir::DirEntry) -> &[u8] {
    let path = entry.path().as_os_str().as_encoded_bytes();
    path.rsplit(|&b| std::path::is_separator(char::from(b))).next().unwrap_or(path)
}

fn wanted(path: &Path, options: &InputOptions) -> bool {
    match &options.globs {
        Some(set) => set.is_match(path) || path.file_name().is_some_and(|n| set.is_match(n)),
        None => matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "md" | "jsonl")),
    }
}

fn is_jsonl(path: &Path, options: &InputOptions) -> bool {
    match options.format {
        InputFormat::Jsonl => true,
        InputFormat::Text => false,
        InputFormat::Auto => path.extension().is_some_and(|e| e == "jsonl"),
    }
}

/// A file's name without its extension: the document id.
pub fn stem(path: &Path) -> String {
    path.file_stem().map_or_else(|| path.display().to_string(), |s| s.to_string_lossy().into_owned())
}

fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Expand the jobs lazily: a JSON Lines file yields one job per line, read
/// as the iterator advances, so memory does not grow with the file.
pub fn expand<'a>(jobs: impl Iterator<Item = Job> + 'a, options: &'a InputOptions) -> impl Iterator<Item = Job> + 'a {
    jobs.flat_map(move |job| -> Box<dyn Iterator<Item = Job>> {
        match job {
            Job::File { path, shown, jsonl: true } => match File::open(&path) {
                Ok(f) => Box::new(jsonl_lines(BufReader::new(f), shown, stem(&path), options.max_bytes)),
                Err(e) => {
                    Box::new(std::iter::once(Job::Failed { id: stem(&path), path: Some(shown), error: io_message(&e) }))
                }
            },
            Job::Stdin { jsonl: true } => {
                Box::new(jsonl_lines(BufReader::new(io::stdin()), "-".into(), "-".into(), options.max_bytes))
            }
            other => Box::new(std::iter::once(other)),
        }
    })
}

/// The non-blank lines of a JSON Lines stream, each bounded by `max_bytes`.
fn jsonl_lines<R: BufRead + 'static>(
    reader: R,
    shown: String,
    stem: String,
    max_bytes: u64,
) -> impl Iterator<Item = Job> {
    let mut reader = reader;
    let mut line_no = 0usize;
    let mut done = false;
    std::iter::from_fn(move || {
        loop {
            if done {
                return None;
            }
            line_no += 1;
            let mut buf = Vec::new();
            let read = (&mut reader).take(max_bytes + 1).read_until(b'\n', &mut buf);
            match read {
                Ok(0) => {
                    done = true;
                    return None;
                }
                Ok(_) if buf.len() as u64 > max_bytes && !buf.ends_with(b"\n") => {
                    // Skip the rest of the overlong line without keeping it:
                    // the limit is there to bound memory. Should the skip
                    // fail, the next read meets the same error and reports it.
                    let size = count_rest(&mut reader, Some(b'\n'), buf.len() as u64, COUNTED_PAST_LIMIT);
                    let mut error = format!("line {line_no}: {}", ReadError::TooLarge { size, limit: max_bytes });
                    // A line that does not end is the rest of the stream.
                    if let Size::MoreThan(_) = size {
                        error.push_str("; the rest of the input was not read");
                        done = true;
                    }
                    return Some(Job::Failed { id: format!("{stem}:{line_no}"), path: Some(shown.clone()), error });
                }
                Ok(_) => {
                    let text = match String::from_utf8(buf) {
                        Ok(t) => t,
                        Err(_) => {
                            return Some(Job::Failed {
                                id: format!("{stem}:{line_no}"),
                                path: Some(shown.clone()),
                                error: format!("line {line_no}: not UTF-8 text"),
                            });
                        }
                    };
                    if text.trim().is_empty() {
                        continue;
                    }
                    return Some(Job::Record { shown: shown.clone(), stem: stem.clone(), line: line_no, text });
                }
                Err(e) => {
                    done = true;
                    return Some(Job::Failed { id: stem.clone(), path: Some(shown.clone()), error: io_message(&e) });
                }
            }
        }
    })
}

#[derive(Deserialize)]
struct JsonRecord {
    id: Option<serde_json::Value>,
    date: Option<String>,
    title: Option<String>,
    text: Option<String>,
}

/// Read what a job names. Runs in a worker.
pub fn load(job: Job, options: &InputOptions) -> Loaded {
    match job {
        Job::Failed { id, path, error } => Err((id, path, ReadError::Unavailable(error))),
        Job::File { path, shown, .. } => {
            let id = stem(&path);
            read_file(&path, options.max_bytes)
                .map(|bytes| RawReport { id: id.clone(), path: Some(shown.clone()), content: Content::Bytes(bytes) })
                .map_err(|e| (id, Some(shown), e))
        }
        Job::Stdin { .. } => {
            let mut stdin = io::stdin().lock();
            let mut bytes = Vec::new();
            match (&mut stdin).take(options.max_bytes + 1).read_to_end(&mut bytes) {
                Ok(_) if bytes.len() as u64 > options.max_bytes => {
                    // The rest counted, not kept, for the message to give the whole size.
                    let size = count_rest(&mut stdin, None, bytes.len() as u64, COUNTED_PAST_LIMIT);
                    Err(("-".into(), None, ReadError::TooLarge { size, limit: options.max_bytes }))
                }
                Ok(_) => Ok(RawReport { id: "-".into(), path: None, content: Content::Bytes(bytes) }),
                Err(e) => Err(("-".into(), None, ReadError::Io(e))),
            }
        }
        Job::Record { shown, stem, line, text } => {
            let fallback_id = format!("{stem}:{line}");
            let record: JsonRecord = match serde_json::from_str(&text) {
                Ok(r) => r,
                Err(e) => {
                    return Err((
                        fallback_id,
                        Some(shown),
                        ReadError::Record { line, message: format!("not JSON: {e}") },
                    ));
                }
            };
            let id = match record.id {
                Some(serde_json::Value::String(s)) => s,
                Some(serde_json::Value::Number(n)) => n.to_string(),
                _ => fallback_id,
            };
            match record.text {
                Some(text) => Ok(RawReport {
                    id,
                    path: Some(shown),
                    content: Content::Record { text, date: record.date, title: record.title },
                }),
                None => Err((
                    id,
                    Some(shown),
                    ReadError::Record { line, message: "the record has no \"text\" field".into() },
                )),
            }
        }
    }
}

fn read_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>, ReadError> {
    let file = File::open(path)?;
    let size = file.metadata()?.len();
    if size > max_bytes {
        return Err(ReadError::TooLarge { size: Size::Exactly(size), limit: max_bytes });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // The size may have changed since; never read past the limit.
    file.take(max_bytes + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Err(ReadError::TooLarge { size: Size::MoreThan(max_bytes), limit: max_bytes });
    }
    Ok(bytes)
}

/// The size of an input of which `read` bytes are read: the rest of
/// `reader` is read, not kept, to its end or to the end of the line when
/// `line_end` is given, but no further than `cap` bytes, past which the
/// size is given as a lower bound.
fn count_rest(reader: &mut impl BufRead, line_end: Option<u8>, read: u64, cap: u64) -> Size {
    let mut rest = 0u64;
    loop {
        // A failed read ends the count; the next read meets the error and reports it.
        let Ok(buf) = reader.fill_buf() else { return Size::Exactly(read + rest) };
        if buf.is_empty() {
            return Size::Exactly(read + rest);
        }
        let room = usize::try_from(cap - rest).unwrap_or(usize::MAX).min(buf.len());
        if let Some(at) = line_end.and_then(|end| memchr::memchr(end, &buf[..room])) {
            reader.consume(at + 1);
            return Size::Exactly(read + rest + at as u64 + 1);
        }
        reader.consume(room);
        rest += room as u64;
        if rest >= cap {
            let ended = reader.fill_buf().is_ok_and(|b| b.is_empty());
            return if ended { Size::Exactly(read + rest) } else { Size::MoreThan(read + rest) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line over the limit is an error record giving its whole size, and
    /// the lines after it are read as usual.
    #[test]
    fn an_overlong_record_is_skipped_and_the_next_read() {
        let long = 3_000_000;
        let stream = io::Cursor::new(b"{\"text\": \"a\"}\n".to_vec())
            .chain(io::repeat(b'x').take(long))
            .chain(io::Cursor::new(b"\n\n{\"text\": \"b\"}".to_vec()));
        let jobs: Vec<Job> = jsonl_lines(BufReader::new(stream), "f.jsonl".into(), "f".into(), 1000).collect();
        let summary: Vec<String> = jobs
            .iter()
            .map(|job| match job {
                Job::Record { line, text, .. } => format!("{line}: {text}"),
                Job::Failed { id, error, .. } => format!("{id}: {error}"),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            summary,
            [
                "1: {\"text\": \"a\"}\n".to_string(),
                format!(
                    "f:2: line 2: {} bytes is over the --max-bytes limit of 1000; raise the limit to read it",
                    long + 1
                ),
                "4: {\"text\": \"b\"}".to_string(),
            ]
        );
    }

    /// An endless line is counted no further than the cap, says so, and
    /// ends the stream, where skipping to its end would never finish.
    #[test]
    fn an_endless_record_ends_the_stream_with_its_size_as_a_bound() {
        let stream = io::Cursor::new(b"{\"text\": \"a\"}\n".to_vec()).chain(io::repeat(b'x'));
        let jobs: Vec<Job> = jsonl_lines(BufReader::new(stream), "f.jsonl".into(), "f".into(), 1000).collect();
        assert_eq!(jobs.len(), 2);
        let Job::Failed { id, error, .. } = &jobs[1] else { panic!("{:?}", jobs[1]) };
        assert_eq!(id, "f:2");
        assert_eq!(
            error,
            &format!(
                "line 2: more than {} bytes is over the --max-bytes limit of 1000; raise the limit to read it; \
                 the rest of the input was not read",
                1001 + COUNTED_PAST_LIMIT
            )
        );
    }

    #[test]
    fn the_rest_is_counted_to_its_end_or_to_the_cap() {
        let count =
            |bytes: &[u8], line_end, cap| count_rest(&mut BufReader::with_capacity(4, bytes), line_end, 10, cap);
        assert_eq!(count(b"abcdef", None, 100), Size::Exactly(16));
        assert_eq!(count(b"abc\ndef", Some(b'\n'), 100), Size::Exactly(14));
        // A stream that ends just at the cap has an exact size.
        assert_eq!(count(b"abcdef", None, 6), Size::Exactly(16));
        assert_eq!(count(b"abcdefg", None, 6), Size::MoreThan(16));
        assert_eq!(count(b"abcdefg\n", Some(b'\n'), 6), Size::MoreThan(16));
        assert_eq!(Size::MoreThan(16).to_string(), "more than 16 bytes");
    }

    /// The walk visits a folder's entries in the order of their names, as
    /// walkdir's own name sort does, also where comparing whole paths as
    /// bytes would not (`a.b` sorts after `a`, though `.` is below `/`).
    #[test]
    fn folders_are_walked_in_name_order() {
        let root = tempfile::tempdir().unwrap();
        for file in
            ["a/z.txt", "a.b/y.txt", "a-b/x.txt", "A/w.txt", "b.txt", "a b.txt", "a/c/v.txt", "é.txt", "a/b.txt"]
        {
            let path = root.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "text").unwrap();
        }
        let shown = vec![root.path().display().to_string()];
        let ignored = RefCell::new(Vec::new());
        let walked: Vec<PathBuf> = discover(&shown, &InputOptions::default(), &ignored)
            .map(|job| match job {
                Job::File { path, .. } => path,
                other => panic!("not a file: {other:?}"),
            })
            .collect();
        let expected: Vec<PathBuf> = walkdir::WalkDir::new(root.path())
            .sort_by_file_name()
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(walkdir::DirEntry::into_path)
            .collect();
        assert_eq!(walked.len(), 9);
        assert_eq!(walked, expected);
    }
}
