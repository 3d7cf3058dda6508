//! Fixtures that state their expectation: beside each report in
//! `fixtures/reports/` stands `NAME.expect.json`, saying what `parse` must
//! find in it. Adding a case is adding two files.
//!
//! An expectation is matched by containment: every key of an expected
//! object must match in the actual one, every element of an expected array
//! must match a distinct element of the actual array (in any order), and
//! scalars must be equal. `"args"` gives extra command-line arguments and
//! `"sentence_count"` the exact number of sentences.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn contains(expected: &Value, actual: &Value, path: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, v) in e {
                let got = a.get(k).unwrap_or(&Value::Null);
                contains(v, got, &format!("{path}.{k}"))?;
            }
            Ok(())
        }
        (Value::Array(e), Value::Array(a)) => {
            let mut used = vec![false; a.len()];
            for (i, item) in e.iter().enumerate() {
                let found = a.iter().enumerate().find(|(j, cand)| !used[*j] && contains(item, cand, "").is_ok());
                match found {
                    Some((j, _)) => used[j] = true,
                    None => return Err(format!("{path}[{i}]: nothing matches {item}")),
                }
            }
            Ok(())
        }
        (e, a) if e == a => Ok(()),
        (e, a) => Err(format!("{path}: expected {e}, found {a}")),
    }
}

#[test]
fn every_fixture_meets_its_expectation() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/reports");
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for expect_path in entries.iter().filter(|p| p.to_string_lossy().ends_with(".expect.json")) {
        let name = expect_path.file_name().unwrap().to_string_lossy().trim_end_matches(".expect.json").to_string();
        let report = entries
            .iter()
            .find(|p| {
                p.file_stem().is_some_and(|s| s.to_string_lossy() == name) && !p.to_string_lossy().ends_with(".json")
            })
            .unwrap_or_else(|| panic!("{name}.expect.json has no report beside it"));
        let mut expect: Value = serde_json::from_str(&fs::read_to_string(expect_path).unwrap()).unwrap();
        let args: Vec<String> = expect
            .as_object_mut()
            .unwrap()
            .remove("args")
            .map(|a| a.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect())
            .unwrap_or_default();
        let sentence_count = expect.as_object_mut().unwrap().remove("sentence_count");
        let out = Command::new(assert_cmd::cargo::cargo_bin!("raqqa-events"))
            .args(["parse", "--format", "jsonl"])
            .args(&args)
            .arg(report)
            .output()
            .unwrap();
        let first = String::from_utf8(out.stdout).unwrap();
        let doc: Value = serde_json::from_str(first.lines().next().unwrap_or("null")).unwrap();
        if let Some(n) = sentence_count {
            let got = doc["sentences"].as_array().map_or(0, Vec::len);
            if Some(got as u64) != n.as_u64() {
                failures.push(format!("{name}: {got} sentences, expected {n}"));
            }
        }
        if let Err(e) = contains(&expect, &doc, &name) {
            failures.push(e);
        }
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} fixtures have expectations");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
