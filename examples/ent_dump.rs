use raqqa_events::Analyzer;
use raqqa_events::read::{Content, RawReport};
fn main() {
    let a = Analyzer::default();
    for p in std::env::args().skip(1) {
        let bytes = std::fs::read(&p).unwrap();
        let id = std::path::Path::new(&p).file_stem().unwrap().to_string_lossy().to_string();
        let d = a.analyze(RawReport { id, path: Some(p.clone()), content: Content::Bytes(bytes) }).unwrap();
        if std::env::var("JSONL").is_ok() {
            println!("{}", serde_json::to_string(&d).unwrap());
            continue;
        }
        for e in &d.entities {
            let m: Vec<String> = e.mentions.iter().map(|s| format!("{}@{}", s.text, s.start)).collect();
            println!(
                "{:28} {:?}/{:?} known={} admin1={:?} {}",
                e.id,
                e.kind,
                e.subtype,
                e.known,
                e.admin1,
                m.join(", ")
            );
        }
    }
}
