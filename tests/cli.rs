//! The binary as a user runs it: inputs in every layout, bad inputs, exit
//! statuses, stderr wording, ordering and output bytes.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn bin() -> Command {
    Command::new(assert_cmd::cargo::cargo_bin!("raqqa-events"))
}

fn fixture(name: &str) -> String {
    format!("{}/fixtures/reports/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Run `parse --format jsonl` and return the exit code and the records.
fn parse_jsonl(args: &[&str]) -> (i32, Vec<Value>, String) {
    let out = bin().arg("parse").arg("--format").arg("jsonl").args(args).output().unwrap();
    let records = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON record"))
        .collect();
    (out.status.code().unwrap(), records, String::from_utf8(out.stderr).unwrap())
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).unwrap();
    p
}

/// Every span in a record must be `text[start..end]` of the input in characters.
fn check_spans(value: &Value, chars: &[char], count: &mut usize) {
    match value {
        Value::Object(map) => {
            if let (Some(Value::String(t)), Some(s), Some(e)) = (map.get("text"), map.get("start"), map.get("end")) {
                let (s, e) = (s.as_u64().unwrap() as usize, e.as_u64().unwrap() as usize);
                let got: String = chars[s..e].iter().collect();
                assert_eq!(&got, t, "span {s}..{e}");
                *count += 1;
            }
            map.values().for_each(|v| check_spans(v, chars, count));
        }
        Value::Array(items) => items.iter().for_each(|v| check_spans(v, chars, count)),
        _ => {}
    }
}

#[test]
fn one_report_is_one_pretty_object() {
    let out = bin().args(["parse", &fixture("raqqa_offensive.txt")]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.starts_with("{\n  \"schema\": \"raqqa-events/1\""));
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["id"], "raqqa_offensive");
    assert_eq!(doc["date"], "2017-07-14");
    assert_eq!(doc["date_source"], "header");
    assert_eq!(doc["title"], "SDF fighters push into Raqqa's old city as IS loses ground");
    assert_eq!(doc["sentences"].as_array().unwrap().len(), 6);
}

#[test]
fn several_reports_are_an_array_in_sorted_order() {
    let out = bin().args(["parse", &fixture("")]).assert().success();
    let docs: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let ids: Vec<&str> = docs.as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["aleppo_crlf_bom", "baghdad_wire", "damascus_no_date", "idlib_stripped", "raqqa_offensive", "rec-1", "rec-2"]
    );
}

#[test]
fn every_span_is_its_text_in_characters() {
    let mut spans = 0;
    for name in ["raqqa_offensive.txt", "baghdad_wire.txt", "aleppo_crlf_bom.txt", "idlib_stripped.txt"] {
        let (code, records, _) = parse_jsonl(&[&fixture(name)]);
        assert_eq!(code, 0);
        let chars: Vec<char> = fs::read_to_string(fixture(name)).unwrap().chars().collect();
        check_spans(&records[0], &chars, &mut spans);
    }
    assert!(spans > 10);
}

#[test]
fn bom_and_crlf_count_as_characters() {
    let (_, records, _) = parse_jsonl(&[&fixture("aleppo_crlf_bom.txt")]);
    let first = &records[0]["sentences"][0];
    // BOM (1) + header line (45) + CRLF CRLF (4)
    assert_eq!(first["start"], 50);
    assert_eq!(records[0]["title"], "Shelling kills five in Aleppo");
}

#[test]
fn wire_dateline_gives_place_and_outlet() {
    let (_, records, _) = parse_jsonl(&[&fixture("baghdad_wire.txt"), "--date", "2017-05-30"]);
    let d = &records[0];
    assert_eq!(d["dateline"]["place"], "BAGHDAD");
    assert_eq!(d["dateline"]["outlet"], "Xinhua");
    // The dateline's month and day, with the year --date gives.
    assert_eq!(d["date"], "2017-05-29");
    assert_eq!(d["date_source"], "dateline");
}

#[test]
fn no_date_is_null_with_a_warning_unless_given() {
    let (code, records, _) = parse_jsonl(&[&fixture("damascus_no_date.txt")]);
    assert_eq!(code, 0);
    assert_eq!(records[0]["date"], Value::Null);
    assert!(records[0]["warnings"][0].as_str().unwrap().contains("no publication date"));
    let (_, records, _) = parse_jsonl(&[&fixture("damascus_no_date.txt"), "--date", "2018-02-20"]);
    assert_eq!(records[0]["date"], "2018-02-20");
    assert_eq!(records[0]["date_source"], "option");
}

#[test]
fn leading_body_date_is_the_dateline() {
    let (_, records, _) = parse_jsonl(&[&fixture("idlib_stripped.txt")]);
    assert_eq!(records[0]["date"], "2017-04-05");
    assert_eq!(records[0]["dateline"]["span"]["text"], "Wed 05 Apr 2017");
    // Stripped punctuation still leaves the full stops to split on.
    assert_eq!(records[0]["sentences"].as_array().unwrap().len(), 4);
}

#[test]
fn json_lines_records_and_stdin() {
    let (code, records, _) = parse_jsonl(&[&fixture("wire_records.jsonl")]);
    assert_eq!(code, 0);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["id"], "rec-1");
    assert_eq!(records[0]["date_source"], "record");
    assert_eq!(records[0]["title"], "Clashes near Hasakah");

    let input = fs::read(fixture("wire_records.jsonl")).unwrap();
    let out =
        bin().args(["parse", "--format", "jsonl", "--input-format", "jsonl", "-"]).write_stdin(input).output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2);

    let out = bin().args(["parse", "-"]).write_stdin("Strikes hit Raqqa on Monday.").output().unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["id"], "-");
    assert_eq!(doc["path"], Value::Null);

    // Over the limit: an error record, and a message with the input's whole size.
    let out = bin().args(["parse", "--max-bytes", "1000", "-"]).write_stdin(vec![b'a'; 5000]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc["error"].as_str().unwrap().starts_with("5000 bytes is over the --max-bytes limit of 1000"), "{doc}");
}

#[test]
fn bad_inputs_yield_error_records_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a_good.txt", b"date 2017-06-23 Title\n\nThe SDF advanced.");
    write(d, "b_empty.txt", b"");
    write(d, "c_binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00binary\x00\x00");
    write(d, "d_big.txt", &vec![b'a'; 5000]);
    write(d, "e_records.jsonl", b"{\"id\": \"ok\", \"text\": \"Clashes in Idlib.\"}\nnot json\n{\"id\": \"notext\"}\n");
    let missing = d.join("nowhere.txt");
    // Both ways a batch runs: on the calling thread, and on workers.
    for jobs in ["1", "2"] {
        bad_inputs_in(d, &missing, jobs);
    }
}

fn bad_inputs_in(d: &Path, missing: &Path, jobs: &str) {
    let (code, records, stderr) =
        parse_jsonl(&[d.to_str().unwrap(), missing.to_str().unwrap(), "--max-bytes", "4000", "--jobs", jobs]);
    assert_eq!(code, 1);
    let summary: Vec<(String, bool)> =
        records.iter().map(|r| (r["id"].as_str().unwrap().to_string(), r.get("error").is_some())).collect();
    assert_eq!(
        summary,
        [
            ("a_good".into(), false),
            ("b_empty".into(), true),
            ("c_binary".into(), true),
            ("d_big".into(), true),
            ("ok".into(), false),
            ("e_records:2".into(), true),
            ("notext".into(), true),
            ("nowhere".into(), true),
        ]
    );
    for r in records.iter().filter(|r| r.get("error").is_some()) {
        assert_eq!(r["schema"], "raqqa-events/1");
        assert!(r["path"].is_string());
    }
    // One line on stderr per failed input, naming it and the problem.
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 6, "{stderr}");
    assert!(lines[0].contains("b_empty.txt") && lines[0].contains("empty"));
    assert!(lines[1].contains("c_binary.txt") && lines[1].contains("NUL"));
    assert!(lines[2].contains("d_big.txt") && lines[2].contains("--max-bytes"));
    assert!(lines[3].contains("e_records.jsonl") && lines[3].contains("line 2") && lines[3].contains("not JSON"));
    assert!(lines[4].contains("no \"text\""));
    assert!(lines[5].contains("nowhere.txt") && lines[5].contains("no such file"));
}

#[test]
fn missing_path_is_named_on_stderr() {
    bin()
        .args(["parse", "no/such/report.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no/such/report.txt: no such file or folder"));
}

#[test]
fn other_encodings_are_decoded_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "date 2017-06-23 Title\n\nThe SDF advanced on Raqqa.".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    write(dir.path(), "a_utf16.txt", &utf16);
    write(dir.path(), "b_cp1252.txt", b"date 2017-06-23 Title\n\nThe caf\xe9 in Raqqa was hit \x96 twice.");
    let (code, records, _) = parse_jsonl(&[dir.path().to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(records[0]["encoding"], "UTF-16LE");
    assert!(records[0]["warnings"][0].as_str().unwrap().contains("UTF-16LE"));
    assert_eq!(records[1]["encoding"], "windows-1252");
    assert_eq!(records[1]["sentences"][0]["text"], "The caf\u{e9} in Raqqa was hit \u{2013} twice.");
}

#[test]
fn impossible_header_date_is_null() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "bad_date.txt", b"date 2017-13-45 Title\n\nText here.");
    let (code, records, _) = parse_jsonl(&[p.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(records[0]["date"], Value::Null);
    assert!(records[0]["warnings"].as_array().unwrap().iter().any(|w| w.as_str().unwrap().contains("2017-13-45")));
}

#[test]
fn output_is_identical_for_any_number_of_jobs() {
    let dir = tempfile::tempdir().unwrap();
    // Enough reports to span several of the batch's chunks, and among them
    // empty ones, whose error records must keep their places too.
    let base = fs::read(fixture("raqqa_offensive.txt")).unwrap();
    for i in 0..300 {
        let contents: &[u8] = if i % 37 == 5 { b"" } else { &base };
        write(dir.path(), &format!("r{i:04}.txt"), contents);
    }
    let run = |jobs: &str| {
        let output =
            bin().args(["parse", "--format", "jsonl", "--jobs", jobs, dir.path().to_str().unwrap()]).output().unwrap();
        (output.status.code(), output.stdout, output.stderr)
    };
    let one = run("1");
    let stdout = String::from_utf8_lossy(&one.1);
    assert_eq!(stdout.lines().count(), 300);
    assert_eq!(stdout.lines().filter(|l| l.contains(r#""error":"#)).count(), 8);
    assert_eq!(one.0, Some(1));
    assert_eq!(one, run("8"));
    assert_eq!(one, run("2"));
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    bin()
        .args(["parse", "--format", "jsonl", "--output", out.to_str().unwrap(), &fixture("")])
        .assert()
        .success()
        .stdout("");
    assert_eq!(fs::read_to_string(&out).unwrap().lines().count(), 7);
    // Only the output file: no temporary left behind.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn unwritable_output_is_status_2() {
    bin()
        .args(["parse", "--output", "/nonexistent-dir/out.json", &fixture("baghdad_wire.txt")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot write /nonexistent-dir/out.json: No such file or directory"))
        // The temporary file it would have written is no business of the user's.
        .stderr(predicate::str::contains(".tmp").not());
    // A folder is refused before any input is read, and left as it was.
    let dir = tempfile::tempdir().unwrap();
    bin()
        .args(["parse", "--output", dir.path().to_str().unwrap(), &fixture("baghdad_wire.txt")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory"));
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// `--output` through a symbolic link replaces the file it points to, as
/// the shell's `>` would write it, and keeps the link.
#[cfg(unix)]
#[test]
fn output_through_a_link_writes_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let (file, link) = (dir.path().join("out.jsonl"), dir.path().join("link.jsonl"));
    fs::write(&file, "old").unwrap();
    std::os::unix::fs::symlink(&file, &link).unwrap();
    bin().args(["parse", "--format", "jsonl", "--output", link.to_str().unwrap(), &fixture("")]).assert().success();
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(fs::read_to_string(&file).unwrap().lines().count(), 7);
}

/// `--output` to a named pipe (as to `/dev/null`) writes into it: a file
/// renamed over it would replace it, and its reader would wait for ever.
#[cfg(unix)]
#[test]
fn output_to_a_pipe_writes_into_it() {
    use std::os::unix::fs::FileTypeExt;
    use std::time::{Duration, Instant};

    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("pipe");
    assert!(std::process::Command::new("mkfifo").arg(&pipe).status().unwrap().success());
    let reader = std::thread::spawn({
        let pipe = pipe.clone();
        move || fs::read_to_string(pipe).unwrap()
    });
    bin().args(["parse", "--format", "jsonl", "--output", pipe.to_str().unwrap(), &fixture("")]).assert().success();
    assert!(fs::metadata(&pipe).unwrap().file_type().is_fifo(), "the pipe was replaced");
    // Had the pipe never been opened, its reader would wait for ever: it is
    // given a while, not joined blindly.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !reader.is_finished() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(reader.is_finished(), "nothing was written into the pipe");
    assert_eq!(reader.join().unwrap().lines().count(), 7);
}

#[test]
fn usage_errors_are_status_2() {
    bin().args(["parse"]).assert().code(2);
    bin()
        .args(["parse", "--date", "yesterday", "x.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("YYYY-MM-DD"));
}

#[test]
fn glob_chooses_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", b"Strikes hit Idlib.");
    write(dir.path(), "b.news", b"Strikes hit Hama.");
    let (_, records, _) = parse_jsonl(&[dir.path().to_str().unwrap()]);
    assert_eq!(records.len(), 1);
    let (_, records, _) = parse_jsonl(&[dir.path().to_str().unwrap(), "--glob", "*.news"]);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["id"], "b");
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_reported_once_and_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    fs::create_dir(&sub).unwrap();
    write(&sub, "a.txt", b"Strikes hit Idlib.");
    std::os::unix::fs::symlink(dir.path(), sub.join("loop")).unwrap();
    let (code, records, stderr) = parse_jsonl(&[dir.path().to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(records.len(), 1);
    assert_eq!(stderr.matches("loops back").count(), 1, "{stderr}");
}

#[cfg(unix)]
#[test]
fn broken_pipe_is_a_quiet_success() {
    use std::process::{Command as StdCommand, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let base = fs::read(fixture("raqqa_offensive.txt")).unwrap();
    for i in 0..200 {
        write(dir.path(), &format!("r{i:04}.txt"), &base);
    }
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin!("raqqa-events"))
        .args(["parse", "--format", "jsonl", dir.path().to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then close the pipe, as `| head -1` does.
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = [0u8; 64];
    std::io::Read::read(&mut stdout, &mut buf).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn schema_describes_the_document() {
    let out = bin().arg("schema").assert().success();
    let schema: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let text = schema.to_string();
    for field in ["sentences", "entities", "times", "sources", "claims", "events", "focus", "warnings", "error"] {
        assert!(text.contains(&format!("\"{field}\"")), "schema lacks {field}");
    }
    insta::assert_json_snapshot!("schema", schema);
}

#[test]
fn a_user_gazetteer_adds_entries() {
    let dir = tempfile::tempdir().unwrap();
    let gaz = write(
        dir.path(),
        "mine.txt",
        b"# my additions\nliwa_test | organization | armed_group | Liwa al-Testiyya | Testiyya Brigade\n",
    );
    let report =
        write(dir.path(), "r.txt", b"date 2017-06-23 Title\n\nFighters of the Testiyya Brigade entered the town.");
    let (code, records, _) = parse_jsonl(&[report.to_str().unwrap(), "--gazetteer", gaz.to_str().unwrap()]);
    assert_eq!(code, 0);
    let entity = records[0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "liwa_test")
        .expect("the user's entry is found");
    assert_eq!(entity["known"], true);
    assert_eq!(entity["mentions"][0]["text"], "Testiyya Brigade");
    bin()
        .args(["gazetteer", "--gazetteer", gaz.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains("Liwa al-Testiyya"));
}

#[test]
fn a_malformed_gazetteer_is_status_2_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let gaz = write(dir.path(), "bad.txt", b"ok_entry | organization | armed_group | Fine\nBad Id! | nonsense\n");
    bin()
        .args(["parse", &fixture("baghdad_wire.txt"), "--gazetteer", gaz.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.txt").and(predicate::str::contains("line 2")));
}

#[test]
fn gazetteer_aliases_are_one_a_line() {
    let out = bin().args(["gazetteer", "--aliases"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let aliases: Vec<&str> = text.lines().collect();
    for a in ["IS", "SDF", "Syrian Democratic Forces", "Daesh"] {
        assert!(aliases.contains(&a), "no alias {a}");
    }
}
