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

/// Reports handed to the workers at a time, per worker: enough to keep
/// them busy, few enough that memory stays flat however many inputs there are.
const CHUNK_PER_WORKER: usize = 64;

/// From this many inputs on, a terminal gets a progress bar.
const MANY_INPUTS: usize = 20;

/// Analyse one job: read it, run the pipeline, or say why not.
pub fn analyze_job(job: Job, analyzer: &Analyzer, input: &InputOptions) -> Record {
    let loaded = input::load(job, input);
    let (id, path, result) = match loaded {
        Ok(raw) => {
            let (id, path) = (raw.id.clone(), raw.path.clone());
            // A bug must cost one record, not the whole batch.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| analyzer.analyze(raw)))
                .unwrap_or(Err(ReadError::Internal));
            (id, path, result)
        }
        Err((id, path, e)) => (id, path, Err(e)),
    };
    match result {
        Ok(doc) => Record::Document(Box::new(doc)),
        Err(e) => Record::Error(ErrorRecord { schema: SCHEMA.to_string(), id, path, error: e.to_string() }),
    }
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
    let process = |job: Job| {
        let record = analyze_job(job, analyzer, input);
        let error = match &record {
            Record::Error(e) => Some(e.clone()),
            Record::Document(_) => None,
        };
        (work(record), error)
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

    if options.jobs <= 1 {
        for job in jobs {
            deliver(process(job))?;
        }
    } else {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(options.jobs)
            .build()
            .map_err(|e| io::Error::other(format!("cannot start {} worker threads: {e}", options.jobs)))?;
        let chunk_size = CHUNK_PER_WORKER * options.jobs;
        let mut jobs = jobs.peekable();
        // The results of the chunk before, handed on by this thread while
        // the workers analyse the next one, so that neither waits for the other.
        let mut done: Vec<(T, Option<ErrorRecord>)> = Vec::new();
        while jobs.peek().is_some() || !done.is_empty() {
            let chunk: Vec<Job> = jobs.by_ref().take(chunk_size).collect();
            let mut results = Vec::with_capacity(chunk.len());
            let (process, into) = (&process, &mut results);
            pool.in_place_scope(|scope| {
                scope.spawn(move |_| chunk.into_par_iter().map(process).collect_into_vec(into));
                done.drain(..).try_for_each(&mut deliver)
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
