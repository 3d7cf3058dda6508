//! The issues' acceptance checks on the seed report, which stays in
//! `../shared` (it is not ours to copy). Skipped, with a message, when
//! `../shared` is absent.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const SEED: &str = "../shared/data/seed/000_7951b9ab867c9954.txt";

fn seed() -> Option<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED);
    if !path.exists() {
        eprintln!("skipped: {SEED} is absent");
        return None;
    }
    let out = Command::new(assert_cmd::cargo::cargo_bin!("raqqa-events")).arg("parse").arg(&path).output().unwrap();
    assert!(out.status.success());
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

fn entity<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["entities"].as_array().unwrap().iter().find(|e| e["id"] == id).unwrap_or_else(|| panic!("no entity {id}"))
}

#[test]
fn reading() {
    let Some(doc) = seed() else { return };
    assert_eq!(doc["date"], "2017-06-23");
    assert_eq!(doc["date_source"], "header");
    assert_eq!(doc["title"], "US-backed forces lay siege on IS in Syria's Raqqa");
    assert_eq!(doc["sentences"].as_array().unwrap().len(), 10);
}

#[test]
fn entities() {
    let Some(doc) = seed() else { return };
    let is = entity(&doc, "isis");
    let is_mentions = is["mentions"].as_array().unwrap().iter().filter(|m| m["text"] == "IS").count();
    assert_eq!(is_mentions, 15, "every IS, the headline's, (IS) and IS-held included");
    for id in ["sdf", "raqqa", "deir_ez_zor", "euphrates", "russia", "us", "coalition", "syrian_army", "sohr", "xinhua"]
    {
        entity(&doc, id);
    }
    let raqqa = entity(&doc, "raqqa");
    assert_eq!(raqqa["admin1"], "Raqqa");
    assert!(raqqa["lat"].is_number() && raqqa["lon"].is_number());
    let sdf: Vec<&str> =
        entity(&doc, "sdf")["mentions"].as_array().unwrap().iter().map(|m| m["text"].as_str().unwrap()).collect();
    assert!(sdf.contains(&"SDF") && sdf.iter().any(|m| m.contains("Syrian Democratic Forces")));
    for e in doc["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            assert!(m["text"] != "is" && m["text"] != "us", "lower-case {} tagged", m["text"]);
        }
    }
}

#[test]
fn times() {
    let Some(doc) = seed() else { return };
    let times = doc["times"].as_array().unwrap();
    let find = |text: &'static str| times.iter().filter(move |t| t["text"] == text);
    assert_eq!(find("Thursday").count(), 2);
    assert!(find("Thursday").all(|t| t["value"] == "2017-06-22"));
    assert_eq!(find("Earlier in the day").next().unwrap()["value"], "2017-06-22");
    let ago = find("two weeks ago").next().unwrap();
    assert!(ago["value"] == "2017-06-09" || ago["value"] == "2017-06-08" || ago["precision"] == "week");
    let past = find("the past two weeks").next().unwrap();
    assert_eq!(past["range"]["to"], "2017-06-23");
    assert_eq!(past["range"]["from"], ago["value"]);
    assert_eq!(find("the next 24 hours").next().unwrap()["range"]["from"], "2017-06-22");
}

#[test]
fn sources_and_claims() {
    let Some(doc) = seed() else { return };
    let sources = doc["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 4);
    assert_eq!(sources.iter().filter(|s| s["kind"] == "anonymous").count(), 1);
    let anonymous = sources.iter().find(|s| s["kind"] == "anonymous").unwrap();
    assert_eq!(anonymous["name"], "a well-informed source");
    let claims = doc["claims"].as_array().unwrap();
    let by_anonymous: Vec<u64> =
        claims.iter().filter(|c| c["source"] == anonymous["id"]).map(|c| c["sentence"].as_u64().unwrap()).collect();
    assert_eq!(by_anonymous, [0, 1, 2]);
    assert!(claims.iter().filter(|c| c["source"] == anonymous["id"]).all(|c| c["channel"] == "Xinhua"));
    for entity in ["sdf", "sohr"] {
        assert!(sources.iter().any(|s| s["entity"] == entity), "no source for {entity}");
    }
    assert!(claims.iter().any(|c| c["cue"]["text"] == "accused"));
}

#[test]
fn events_and_focus() {
    let Some(doc) = seed() else { return };
    let events = doc["events"].as_array().unwrap();
    let has = |kind: &str, check: &dyn Fn(&Value) -> bool| events.iter().any(|e| e["type"] == kind && check(e));
    assert!(has("siege", &|e| e["actors"] == serde_json::json!(["sdf"])
        && e["targets"][0] == "isis"
        && e["modality"] == "asserted"));
    assert!(has("capture", &|e| e["locations"][0] == "euphrates" && e["claim"].is_string()));
    assert!(has("suicide_bombing", &|e| e["actors"][0] == "isis"
        && e["targets"][0] == "sdf"
        && e["plover"] == "ASSAULT"
        && e["cameo"] == "1831"));
    assert!(has("casualties", &|e| e["fatalities"]["min"].as_u64() < e["fatalities"]["max"].as_u64()));
    assert!(has("withdrawal", &|e| e["modality"] == "negated"));
    assert!(has("strike", &|e| e["actors"][0] == "russia" && e["modality"] == "hypothetical"));
    assert!(has("accusation", &|e| e["targets"][0] == "us_government" && e["plover"] == "ACCUSE"));
    for e in events {
        for actor in e["actors"].as_array().unwrap() {
            assert!(!e["targets"].as_array().unwrap().contains(actor), "{} acts on itself", e["id"]);
        }
    }
    assert_eq!(doc["focus"], serde_json::json!({"place": "raqqa", "admin1": "Raqqa", "country": "SY"}));
}
