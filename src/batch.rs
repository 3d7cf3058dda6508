//! Many reports at once: in parallel, in bounded memory, with results
//! handed on in input order so the output is byte-identical for any number
//! of workers.

use std::io;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::error::ReadError;
use crate::input::{self, InputOptions, Job};
use crate::model::{ErrorRecord, Record, SCHEMA};
use crate::pipeline::Analyzer;

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Worker threads; 1 runs everything on the calling thread.
    pub jobs: usize,
    /// Show a progress bar on stderr (when there are many inputs).
    pub progress: bool,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions { jobs: 1, progress: false }
    }
}

/// What a batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub documents: usize,
    pub failures: usize,
}

/// Batches handed to the workers at a time, per worker: enough that the
/// worker which finishes its share first seldom waits long for the others
/// at the end of a chunk (a batch is taken whole), few enough that memory
/// stays flat however many inputs there are.
const BATCHES_PER_WORKER: usize = 2;

/// Reports a worker runs through the pipeline's stages together (see
/// `Analyzer::analyze_batch`): enough for each stage's code and tables to
/// stay in cache from one report to the next, few enough that a batch's
/// documents take little memory.
const BATCH: usize = 64;

/// From this many inputs on, a terminal gets a progress bar.
const MANY_INPUTS: usize = 20;

/// Analyse a batch of jobs: read each, run those read through the
/// pipeline together, or say why not; one record per job, in order.
pub fn analyze_jobs(jobs: Vec<Job>, analyzer: &Analyzer, input: &InputOptions) -> Vec<Record> {
    let mut loaded = Vec::with_capacity(jobs.len());
    let mut raws = Vec::with_capacity(jobs.len());
    for job in jobs {
        match input::load(job, input) {
            Ok(raw) => {
                loaded.push(Ok((raw.id.clone(), raw.path.clone())));
                raws.push(raw);
            }
            Err(failed) => loaded.push(Err(failed)),
        }
    }
    let mut analyzed = analyzer.analyze_batch(raws).into_iter();
    loaded
        .into_iter()
        .map(|job| {
            let (id, path, error) = match job {
                Ok((id, path)) => match analyzed.next().unwrap_or(Err(ReadError::Internal)) {
                    Ok(doc) => return Record::Document(Box::new(doc)),
                    Err(e) => (id, path, e),
                },
                Err((id, path, e)) => (id, path, e),
            };
            Record::Error(ErrorRecord { schema: SCHEMA.to_string(), id, path, error: error.to_string() })
        })
        .collect()
}

/// Run every job through the analyzer. `work` turns each record into what
/// the caller keeps (serialized bytes, a document) and runs on the workers;
/// `sink` receives the results in input order, with the error record of an
/// input that failed.
pub fn run<T, W, S>(
    jobs: impl Iterator<Item = Job>,
    expected: usize,
    analyzer: &Analyzer,
    input: &InputOptions,
    options: &BatchOptions,
    work: W,
    mut sink: S,
) -> io::Result<Summary>
where
    T: Send,
    W: Fn(Record) -> T + Sync,
    S: FnMut(T, Option<&ErrorRecord>) -> io::Result<()>,
{
    let progress = progress_bar(options.progress, expected);
    // A hidden bar still updates its estimate and draws, to nothing, at each step.
    let counting = !progress.is_hidden();
    let mut summary = Summary::default();
    let process = |batch: Vec<Job>| -> Vec<(T, Option<ErrorRecord>)> {
        analyze_jobs(batch, analyzer, input)
            .into_iter()
            .map(|record| {
                let error = match &record {
                    Record::Error(e) => Some(e.clone()),
                    Record::Document(_) => None,
                };
                (work(record), error)
            })
            .collect()
    };
    let mut deliver = |(value, error): (T, Option<ErrorRecord>)| {
        match &error {
            Some(_) => summary.failures += 1,
            None => summary.documents += 1,
        }
        if counting {
            progress.inc(1);
        }
        sink(value, error.as_ref())
    };

    let mut jobs = jobs.peekable();
    if options.jobs <= 1 {
        while jobs.peek().is_some() {
            process(jobs.by_ref().take(BATCH).collect()).into_iter().try_for_each(&mut deliver)?;
        }
    } else {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(options.jobs)
            .build()
            .map_err(|e| io::Error::other(format!("cannot start {} worker threads: {e}", options.jobs)))?;
        let chunk_size = BATCHES_PER_WORKER * BATCH * options.jobs;
        // The results of the chunk before, handed on by this thread while
        // the workers analyse the next one, so that neither waits for the other.
        let mut done: Vec<Vec<(T, Option<ErrorRecord>)>> = Vec::new();
        while jobs.peek().is_some() || !done.is_empty() {
            let chunk: Vec<Job> = jobs.by_ref().take(chunk_size).collect();
            let mut results = Vec::with_capacity(chunk.len().div_ceil(BATCH));
            let (process, into) = (&process, &mut results);
            pool.in_place_scope(|scope| {
                scope.spawn(move |_| chunk.into_par_iter().chunks(BATCH).map(process).collect_into_vec(into));
                done.drain(..).flatten().try_for_each(&mut deliver)
            })?;
            done = results;
        }
    }
    progress.finish_and_clear();
    Ok(summary)
}

fn progress_bar(show: bool, total: usize) -> ProgressBar {
    // A handful of reports finish before a bar would help.
    if !show || (total > 0 && total < MANY_INPUTS) {
        return ProgressBar::hidden();
    }
    // A total of 0 means unknown (JSON Lines files hold any number of reports).
    let length = (total > 0).then_some(total as u64);
    let bar = ProgressBar::with_draw_target(length, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} reports {elapsed_precise} (eta {eta})") {
        bar.set_style(style);
    }
    bar
}
