//! Many reports at once: in parallel, in bounded memory, with results
//! handed on in input order so the output is byte-identical for any number
//! of workers.

use std::collections::VecDeque;
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::thread;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

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

/// Batches in flight (queued, being analysed, or done and waiting for an
/// earlier one to be handed on), per worker: enough that a worker seldom
/// waits while a slow batch holds up the output, few enough that memory
/// stays flat however many inputs there are.
const BATCHES_PER_WORKER: usize = 3;

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
    let process = |batch: Vec<Job>| -> Results<T> {
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

    if options.jobs <= 1 {
        for batch in batches(jobs) {
            process(batch).into_iter().try_for_each(&mut deliver)?;
        }
    } else {
        run_on_workers(batches(jobs), options.jobs, &process, deliver)?;
    }
    progress.finish_and_clear();
    Ok(summary)
}

/// The jobs in batches of [`BATCH`], the last one shorter.
fn batches(jobs: impl Iterator<Item = Job>) -> impl Iterator<Item = Vec<Job>> {
    let mut jobs = jobs.fuse();
    std::iter::from_fn(move || {
        let batch: Vec<Job> = jobs.by_ref().take(BATCH).collect();
        (!batch.is_empty()).then_some(batch)
    })
}

/// A batch's results, in its order: what `work` made of each record, with
/// the error record of an input that failed.
type Results<T> = Vec<(T, Option<ErrorRecord>)>;

/// What a worker hands back for a batch: its results, or the panic that
/// stopped it, for the calling thread to raise again.
type Answer<T> = thread::Result<Results<T>>;

/// Analyse the batches on `workers` threads, and hand the results to
/// `deliver` on the calling thread in input order. Each worker takes the
/// next batch as soon as it is done with one: no worker waits for another
/// except when the window of batches in flight is full behind the oldest one.
fn run_on_workers<T, P, D>(
    mut batches: impl Iterator<Item = Vec<Job>>,
    workers: usize,
    process: &P,
    mut deliver: D,
) -> io::Result<()>
where
    T: Send,
    P: Fn(Vec<Job>) -> Results<T> + Sync,
    D: FnMut((T, Option<ErrorRecord>)) -> io::Result<()>,
{
    let window = BATCHES_PER_WORKER * workers;
    // The channels live inside the scope, so that leaving it early (an
    // error writing, a panic) closes the batches' channel and the workers
    // stop, rather than wait for batches while the scope waits for them.
    thread::scope(|scope| {
        let (to_workers, queued) = crossbeam_channel::bounded::<(usize, Vec<Job>)>(window);
        let (to_caller, answers) = crossbeam_channel::unbounded::<(usize, Answer<T>)>();
        for n in 0..workers {
            let (queued, to_caller) = (queued.clone(), to_caller.clone());
            thread::Builder::new()
                .name(format!("worker-{n}"))
                .spawn_scoped(scope, move || {
                    for (seq, batch) in queued {
                        let answer = panic::catch_unwind(AssertUnwindSafe(|| process(batch)));
                        if to_caller.send((seq, answer)).is_err() {
                            break;
                        }
                    }
                })
                .map_err(|e| io::Error::other(format!("cannot start {workers} worker threads: {e}")))?;
        }
        drop(to_caller);

        // The answers not yet handed on, by batch number from `delivered`.
        let mut waiting: VecDeque<Option<Results<T>>> = VecDeque::new();
        let (mut sent, mut delivered) = (0, 0);
        let stopped = || io::Error::other("the worker threads stopped");
        loop {
            while sent - delivered < window
                && let Some(batch) = batches.next()
            {
                to_workers.send((sent, batch)).map_err(|_| stopped())?;
                sent += 1;
            }
            if sent == delivered {
                return Ok(());
            }
            let (seq, answer) = answers.recv().map_err(|_| stopped())?;
            let results = answer.unwrap_or_else(|payload| panic::resume_unwind(payload));
            let slot = seq - delivered;
            if waiting.len() <= slot {
                waiting.resize_with(slot + 1, || None);
            }
            waiting[slot] = Some(results);
            while let Some(results) = waiting.front_mut().and_then(Option::take) {
                waiting.pop_front();
                delivered += 1;
                results.into_iter().try_for_each(&mut deliver)?;
            }
        }
    })
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

#[cfg(test)]
mod tests {
    use std::io;
    use std::time::Duration;

    use super::{BATCH, BatchOptions, Summary, run};
    use crate::input::{InputOptions, Job};
    use crate::model::Record;
    use crate::pipeline::Analyzer;

    /// Reports and failed inputs, many batches' worth; the failed ones
    /// make error records without being analysed.
    fn jobs(n: usize) -> impl Iterator<Item = Job> {
        (0..n).map(|i| {
            let shown = format!("r{i:04}");
            if i % 7 == 3 {
                Job::Failed { id: shown, path: None, error: "unreadable".into() }
            } else {
                let text = format!("The SDF said {i} fighters reached Raqqa.");
                let text = serde_json::json!({ "id": shown, "date": "2017-06-23", "text": text }).to_string();
                Job::Record { stem: "reports".into(), shown: "reports.jsonl".into(), line: i + 1, text }
            }
        })
    }

    fn id(record: &Record) -> String {
        match record {
            Record::Document(doc) => doc.id.clone(),
            Record::Error(e) => e.id.clone(),
        }
    }

    fn ids(workers: usize, n: usize) -> (Vec<String>, Summary) {
        let options = BatchOptions { jobs: workers, progress: false };
        let mut seen = Vec::new();
        // Later batches are quicker than earlier ones, so that they finish first.
        let work = |record: Record| {
            let name = id(&record);
            let number: u64 = name.trim_start_matches(|c: char| !c.is_ascii_digit()).parse().unwrap_or(0);
            if number.is_multiple_of(BATCH as u64) {
                std::thread::sleep(Duration::from_micros(2000u64.saturating_sub(number * 2)));
            }
            name
        };
        let analyzer = Analyzer::default();
        let summary = run(jobs(n), n, &analyzer, &InputOptions::default(), &options, work, |name, _| {
            seen.push(name);
            Ok(())
        })
        .unwrap();
        (seen, summary)
    }

    #[test]
    fn workers_hand_on_every_result_in_input_order() {
        let n = BATCH * 9 + 5;
        let (alone, summary) = ids(1, n);
        assert_eq!(alone.len(), n);
        let failures = jobs(n).filter(|job| matches!(job, Job::Failed { .. })).count();
        assert_eq!(summary, Summary { documents: n - failures, failures });
        for workers in [2, 3] {
            let (together, with_workers) = ids(workers, n);
            assert_eq!(together, alone, "{workers} workers");
            assert_eq!(with_workers, summary, "{workers} workers");
        }
    }

    #[test]
    fn an_error_handing_on_stops_the_workers_and_is_returned() {
        let options = BatchOptions { jobs: 2, progress: false };
        let mut handed = 0;
        let result = run(
            jobs(BATCH * 20),
            0,
            &Analyzer::default(),
            &InputOptions::default(),
            &options,
            |r| r,
            |_, _| {
                handed += 1;
                if handed == BATCH + 1 { Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed")) } else { Ok(()) }
            },
        );
        assert_eq!(result.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
        assert_eq!(handed, BATCH + 1);
    }

    #[test]
    fn a_panic_on_a_worker_reaches_the_caller() {
        let options = BatchOptions { jobs: 2, progress: false };
        let outcome = std::panic::catch_unwind(|| {
            let work = |record: Record| {
                assert_ne!(id(&record), "r0100", "a bug");
            };
            run(jobs(BATCH * 4), 0, &Analyzer::default(), &InputOptions::default(), &options, work, |_, _| Ok(()))
        });
        assert!(outcome.is_err());
    }
}
