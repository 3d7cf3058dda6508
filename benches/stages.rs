//! Each stage of the pipeline on a realistic corpus: the FA-KES reports in
//! ../shared when they are there, the project's own fixtures otherwise.
//! `cargo bench` prints the time per corpus pass; MB/s is the corpus size
//! divided by it (divan shows it as throughput).

use std::path::Path;

use divan::counter::BytesCount;
use raqqa_events::gazetteer::Gazetteer;
use raqqa_events::output::compact_json;
use raqqa_events::read::{Content, RawReport, ReadOptions, Report, read};
use raqqa_events::segment::{Sentences, segment};
use raqqa_events::tag::{Tags, tag};
use raqqa_events::{Analyzer, attribute, events};

fn main() {
    divan::main();
}

fn corpus() -> Vec<Vec<u8>> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/fakes-dev/docs");
    let dir = if shared.is_dir() { shared } else { Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/reports") };
    let mut paths: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt")).map(|p| std::fs::read(p).unwrap()).collect()
}

fn total(corpus: &[Vec<u8>]) -> usize {
    corpus.iter().map(Vec::len).sum()
}

fn raw(bytes: &[u8]) -> RawReport {
    RawReport { id: "bench".into(), path: None, content: Content::Bytes(bytes.to_vec()) }
}

struct Staged {
    reports: Vec<Report>,
    sentences: Vec<Sentences>,
    tags: Vec<Tags>,
}

fn staged(corpus: &[Vec<u8>], gazetteer: &Gazetteer) -> Staged {
    let reports: Vec<Report> = corpus.iter().map(|b| read(raw(b), &ReadOptions::default()).unwrap()).collect();
    let sentences: Vec<Sentences> = reports.iter().map(segment).collect();
    let tags = reports.iter().zip(&sentences).map(|(r, s)| tag(r, s, gazetteer)).collect();
    Staged { reports, sentences, tags }
}

#[divan::bench(sample_count = 10)]
fn stage_read(bencher: divan::Bencher) {
    let corpus = corpus();
    bencher.counter(BytesCount::new(total(&corpus))).bench(|| {
        for b in &corpus {
            divan::black_box(read(raw(b), &ReadOptions::default()).unwrap());
        }
    });
}

#[divan::bench(sample_count = 10)]
fn stage_segment(bencher: divan::Bencher) {
    let corpus = corpus();
    let s = staged(&corpus, &Gazetteer::embedded());
    bencher.counter(BytesCount::new(total(&corpus))).bench(|| {
        for r in &s.reports {
            divan::black_box(segment(r));
        }
    });
}

#[divan::bench(sample_count = 10)]
fn stage_tag_entities(bencher: divan::Bencher) {
    let corpus = corpus();
    let gazetteer = Gazetteer::embedded();
    let s = staged(&corpus, &gazetteer);
    bencher.counter(BytesCount::new(total(&corpus))).bench(|| {
        for (r, sent) in s.reports.iter().zip(&s.sentences) {
            divan::black_box(raqqa_events::tag::entities::tag_entities(r, sent, &gazetteer));
        }
    });
}

#[divan::bench(sample_count = 10)]
fn stage_tag_times(bencher: divan::Bencher) {
    let corpus = corpus();
    let s = staged(&corpus, &Gazetteer::embedded());
    bencher.counter(BytesCount::new(total(&corpus))).bench(|| {
        for (r, sent) in s.reports.iter().zip(&s.sentences) {
            divan::black_box(raqqa_events::tag::times::tag_times(r, sent));
        }
    });
}

#[divan::bench(sample_count = 10)]
fn stage_attribute(bencher: divan::Bencher) {
    let corpus = corpus();
    let s = staged(&corpus, &Gazetteer::embedded());
    bencher.counter(BytesCount::new(total(&corpus))).bench(|| {
        for ((r, sent), t) in s.reports.iter().zip(&s.sentences).zip(&s.tags) {
            divan::black_box(attribute::attribute(r, sent, t));
        }
    });
}

#[divan::bench(sample_count = 10)]
fn stage_events(bencher: divan::Bencher) {
    let corpus = corpus();
    let s = staged(&corpus, &Gazetteer::embedded());
    let attributions: Vec<_> = s
        .reports
        .iter()
        .zip(&s.sentences)
        .zip(&s.tags)
        .map(|((r, sent), t)| attribute::attribute(r, sent, t))
        .collect();
    bencher.counter(BytesCount::new(total(&corpus))).bench(|| {
        for (((r, sent), t), a) in s.reports.iter().zip(&s.sentences).zip(&s.tags).zip(&attributions) {
            divan::black_box(events::extract(r, sent, t, a));
        }
    });
}

#[divan::bench(sample_count = 10)]
fn whole_pipeline_with_json(bencher: divan::Bencher) {
    let corpus = corpus();
    let analyzer = Analyzer::new(Gazetteer::embedded(), ReadOptions::default());
    bencher.counter(BytesCount::new(total(&corpus))).bench(|| {
        // As `parse --format jsonl` writes it, into one reused buffer.
        let mut line = Vec::new();
        for b in &corpus {
            let doc = analyzer.analyze(raw(b)).unwrap();
            line.clear();
            compact_json::append(&mut line, &doc).unwrap();
            divan::black_box(&line);
        }
    });
}
