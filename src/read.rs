//! The first stage: bytes in, a report out. Decodes the text, finds the
//! header line, the title, the wire dateline, the publication date and the
//! paragraphs.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use crate::calendar::{month_from_name, weekday_from_name};
use crate::error::ReadError;
use crate::model::{DateSource, Dateline};
use crate::text::{Text, floor_char_boundary, trim_range};

/// One input as it arrives: the bytes of a file, or a JSON Lines record.
#[derive(Debug, Clone)]
pub struct RawReport {
    pub id: String,
    pub path: Option<String>,
    pub content: Content,
}

#[derive(Debug, Clone)]
pub enum Content {
    /// A whole file (or standard input).
    Bytes(Vec<u8>),
    /// A JSON Lines record's fields.
    Record { text: String, date: Option<String>, title: Option<String> },
}

/// What the reader needs to know beyond the input itself.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The date to use when the report states none (`--date`).
    pub fallback_date: Option<NaiveDate>,
}

/// A decoded report with its layout found.
#[derive(Debug, Clone)]
pub struct Report {
    pub id: String,
    pub path: Option<String>,
    pub text: Text,
    /// The encoding the bytes were decoded from.
    pub encoding: &'static str,
    /// The headline: in the header line, a JSON record's title, or the first
    /// line when it reads as one. A record's title is not in `text`, so it
    /// has no range.
    pub title: Option<String>,
    pub title_range: Option<Range<usize>>,
    pub date: Option<NaiveDate>,
    pub date_source: Option<DateSource>,
    pub dateline: Option<Dateline>,
    /// The date the dateline gives, when it gives one.
    pub dateline_date: Option<NaiveDate>,
    /// The body: everything after the header and title.
    pub body: Range<usize>,
    /// Paragraphs of the body, trimmed, in order.
    pub paragraphs: Vec<Range<usize>>,
    pub warnings: Vec<String>,
}

/// Share of bytes that may be control characters before a file counts as binary.
const MAX_CONTROL_SHARE: f64 = 0.05;

/// Decode, then find the layout.
pub fn read(raw: RawReport, options: &ReadOptions) -> Result<Report, ReadError> {
    let mut warnings = Vec::new();
    let (text, encoding, record_date, record_title) = match raw.content {
        Content::Bytes(bytes) => {
            let (text, encoding) = decode(bytes)?;
            if encoding != "UTF-8" {
                warnings.push(format!(
                    "the text was decoded from {encoding}; offsets count characters of the decoded text"
                ));
            }
            (text, encoding, None, None)
        }
        Content::Record { text, date, title } => (text, "UTF-8", date, title),
    };
    if text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}').is_empty() {
        return Err(ReadError::Empty);
    }
    let text = Text::new(text);
    let layout = find_layout(text.as_str(), options.fallback_date.map(|d| d.year()), &mut warnings);

    let record_date = match record_date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => {
            let parsed = parse_iso_date(d);
            if parsed.is_none() {
                warnings.push(format!("the record's date {d:?} is not a date of the form YYYY-MM-DD"));
            }
            parsed
        }
        None => None,
    };
    let dateline_date = layout.dateline.as_ref().and_then(|d| d.date);
    // The first that is there wins: what the record or header says, then the body's dateline, then --date.
    let (date, date_source) = [
        (record_date, DateSource::Record),
        (layout.header_date, DateSource::Header),
        (dateline_date, DateSource::Dateline),
        (options.fallback_date, DateSource::Option),
    ]
    .into_iter()
    .find_map(|(d, source)| d.map(|d| (Some(d), Some(source))))
    .unwrap_or((None, None));
    if let (Some(stated), Some(body), Some(DateSource::Record | DateSource::Header)) =
        (date, dateline_date, date_source)
        && stated != body
    {
        let word = if date_source == Some(DateSource::Record) { "record" } else { "header" };
        warnings.push(format!("the body's dateline says {body} but the {word} says {stated}; the {word} date is used"));
    }
    if date.is_none() {
        // `BAGHDAD, May 29 (Xinhua)`: a dateline is there, its year is not.
        let missing = if layout.dateline.is_some() {
            "the dateline has no date with a year, and there is no header or record date"
        } else {
            "no header, dateline or record date"
        };
        warnings.push(format!(
            "no publication date found ({missing}; --date YYYY-MM-DD supplies one): relative times are left unresolved"
        ));
    }

    let title = match record_title.filter(|t| !t.trim().is_empty()) {
        Some(t) => Some(t.trim().to_string()),
        None => layout.title.clone().map(|r| text.as_str()[r].to_string()),
    };
    let paragraphs = paragraphs(text.as_str(), layout.body.clone());
    let dateline = layout.dateline.map(|d| Dateline { place: d.place, outlet: d.outlet, span: text.span(d.range) });
    Ok(Report {
        id: raw.id,
        path: raw.path,
        encoding,
        title,
        title_range: layout.title,
        date,
        date_source,
        dateline,
        dateline_date,
        body: layout.body,
        paragraphs,
        warnings,
        text,
    })
}

/// Turn bytes into text: UTF-8 (BOM kept, since offsets count it), UTF-16
/// with a BOM, or Windows-1252 as old news archives have it. UTF-8 bytes
/// become the text as they are, without a copy.
fn decode(bytes: Vec<u8>) -> Result<(String, &'static str), ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(&bytes)
        && (encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE)
    {
        let (text, had_errors) = encoding.decode_with_bom_removal(&bytes);
        if had_errors {
            return Err(ReadError::Binary(format!(
                "it starts with a {} byte-order mark but is not valid {}",
                encoding.name(),
                encoding.name()
            )));
        }
        check_text(&text)?;
        return Ok((text.into_owned(), encoding.name()));
    }
    if memchr_nul(&bytes) {
        return Err(ReadError::Binary("it contains NUL bytes".into()));
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            check_text(&text)?;
            Ok((text, "UTF-8"))
        }
        Err(not_utf8) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(not_utf8.as_bytes());
            check_text(&text)?;
            Ok((text.into_owned(), "windows-1252"))
        }
    }
}

fn memchr_nul(bytes: &[u8]) -> bool {
    memchr::memchr(0, bytes).is_some()
}

/// Refuse text that is mostly control characters: a binary file that
/// happened to decode.
fn check_text(text: &str) -> Result<(), ReadError> {
    let control = count_control(text);
    // Most texts have no control character: they pass without their
    // characters being counted.
    if control == 0 {
        return Ok(());
    }
    let total = count_chars(text);
    if control as f64 / total as f64 > MAX_CONTROL_SHARE {
        return Err(ReadError::Binary(format!(
            "{control} of its {total} characters are control characters or undecodable"
        )));
    }
    Ok(())
}

/// How many bytes pass `test`. Each of 32 lanes counts its bytes of a block
/// in a byte, for at most 255 blocks at a time: the shape the compiler turns
/// into vector code, with no byte left to a scalar loop but the last few.
fn count_bytes(bytes: &[u8], test: impl Fn(u8) -> bool) -> usize {
    const LANES: usize = 32;
    let blocks = bytes.chunks_exact(LANES);
    let tail = blocks.remainder().iter().filter(|&&b| test(b)).count();
    let mut counted = 0;
    let mut lanes = [0u8; LANES];
    for (i, block) in blocks.enumerate() {
        for (lane, &b) in lanes.iter_mut().zip(block) {
            *lane += u8::from(test(b));
        }
        if i % 255 == 254 {
            counted += lanes.iter().map(|&n| usize::from(n)).sum::<usize>();
            lanes = [0; LANES];
        }
    }
    counted + lanes.iter().map(|&n| usize::from(n)).sum::<usize>() + tail
}

/// The characters of `text`: a character is its first byte, and
/// continuation bytes are 0b10xx_xxxx.
fn count_chars(text: &str) -> usize {
    if text.is_ascii() { text.len() } else { count_bytes(text.as_bytes(), |b| b & 0xC0 != 0x80) }
}

/// How many of the characters of `text` are control characters (but for
/// new lines, tabs and form feeds) or U+FFFD. Every report passes through
/// here: a simple pass over the bytes, which the compiler turns into vector
/// code, and the multi-byte ones only for text that has them.
fn count_control(text: &str) -> usize {
    let bytes = text.as_bytes();
    // Below 0x20 but for \t, \n, form feed and \r (9, 10, 12, 13), or DEL; told
    // by comparisons alone, which vector code has.
    let ascii = |b: u8| (b < 0x09) | (b == 0x0B) | (b.wrapping_sub(0x0E) < 0x20 - 0x0E) | (b == 0x7F);
    let mut control = count_bytes(bytes, ascii);
    if !text.is_ascii() {
        // U+0080 to U+009F, the other control characters, and U+FFFD.
        control += memchr::memchr2_iter(0xC2, 0xEF, bytes)
            .filter(|&i| match bytes[i] {
                0xC2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)),
                _ => bytes.get(i + 1..i + 3) == Some(&[0xBF, 0xBD][..]),
            })
            .count();
    }
    control
}

struct FoundDateline {
    place: Option<String>,
    outlet: Option<String>,
    range: Range<usize>,
    date: Option<NaiveDate>,
}

struct Layout {
    header_date: Option<NaiveDate>,
    title: Option<Range<usize>>,
    dateline: Option<FoundDateline>,
    body: Range<usize>,
}

/// The header line's date, read by hand by `read_header_date` where it can be;
/// the headline after it is read by hand too (see `find_layout`).
static HEADER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\u{feff}]?[ \t]*date[ \t]+(\d{4})-(\d{1,2})(?:-(\d{1,2}))?").unwrap());

/// Where the parts of the header's date are: what `HEADER` captures.
#[derive(Debug, PartialEq)]
struct HeaderDate {
    year: Range<usize>,
    month: Range<usize>,
    day: Option<Range<usize>>,
    end: usize,
}

/// A byte past ASCII where `\d` is tried: it may be a digit of another
/// script, which `HEADER` settles.
#[derive(Debug)]
struct NotAscii;

/// `HEADER`'s match, read over the bytes: every report has a header line,
/// and the regex's capture groups cost more than the rest of the reading.
fn read_header_date(header: &str) -> Result<Option<HeaderDate>, NotAscii> {
    let bytes = header.as_bytes();
    let blanks = |at: usize| bytes[at..].iter().take_while(|&&b| matches!(b, b' ' | b'\t')).count();
    let mut at = if header.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    at += blanks(at);
    if !bytes[at..].starts_with(b"date") {
        return Ok(None);
    }
    at += "date".len();
    let spaces = blanks(at);
    if spaces == 0 {
        return Ok(None);
    }
    at += spaces;
    let year = at..at + ascii_digits(bytes, at, 4)?;
    if year.len() < 4 || bytes.get(year.end) != Some(&b'-') {
        return Ok(None);
    }
    let month = year.end + 1..year.end + 1 + ascii_digits(bytes, year.end + 1, 2)?;
    if month.is_empty() {
        return Ok(None);
    }
    let day = match bytes.get(month.end) {
        Some(b'-') => Some(month.end + 1..month.end + 1 + ascii_digits(bytes, month.end + 1, 2)?),
        _ => None,
    }
    .filter(|day| !day.is_empty());
    let end = day.as_ref().map_or(month.end, |day| day.end);
    Ok(Some(HeaderDate { year, month, day, end }))
}

/// How many ASCII digits, up to `max`, stand in `bytes` from `at`; or
/// `NotAscii` where a byte past ASCII cuts them short.
fn ascii_digits(bytes: &[u8], at: usize, max: usize) -> Result<usize, NotAscii> {
    let mut n = 0;
    while n < max {
        match bytes.get(at + n) {
            Some(b) if b.is_ascii_digit() => n += 1,
            Some(b) if !b.is_ascii() => return Err(NotAscii),
            _ => break,
        }
    }
    Ok(n)
}

/// `HEADER`'s match as the regex finds it.
fn header_date_by_regex(header: &str) -> Option<HeaderDate> {
    let c = HEADER.captures(header)?;
    let group = |i| c.get(i).map(|m: regex::Match| m.range());
    Some(HeaderDate { year: group(1)?, month: group(2)?, day: group(3), end: c.get(0)?.end() })
}

fn find_layout(text: &str, fallback_year: Option<i32>, warnings: &mut Vec<String>) -> Layout {
    let mut header_date = None;
    let mut title = None;
    let mut body_start = 0;
    let mut header_year = None;
    let header = prefix(text, 0, MAX_HEADER);
    if let Some(found) = read_header_date(header).unwrap_or_else(|NotAscii| header_date_by_regex(header)) {
        let (year_text, month_text) = (&header[found.year], &header[found.month]);
        let year: i32 = year_text.parse().unwrap_or(0);
        header_year = Some(year);
        let month: u32 = month_text.parse().unwrap_or(0);
        match found.day {
            Some(day) => {
                let day: u32 = header[day].parse().unwrap_or(0);
                header_date = NaiveDate::from_ymd_opt(year, month, day);
                if header_date.is_none() {
                    warnings.push(format!(
                        "the header's date {year_text}-{month_text}-{day} is not a real date; it is ignored"
                    ));
                }
            }
            None => {
                warnings.push(format!("the header gives only a month ({year_text}-{month_text}), not a day"));
            }
        }
        let date_end = found.end;
        body_start = date_end;
        if let Some(headline) = headline_after_date(header, date_end) {
            body_start = headline.end;
            let r = trim_range(text, headline);
            if !r.is_empty() {
                title = Some(r);
            }
        }
    } else if let Some(r) = headline_line(text) {
        body_start = r.end;
        title = Some(r);
    }
    let body = body_start..text.len();
    // A month-only header, or --date, still gives the year for a dateline like `May 29`.
    let dateline = find_dateline(text, body.clone(), header_year.or(fallback_year));
    Layout { header_date, title, dateline, body }
}

/// The rest of the header line after the date at `date_end`, when white
/// space follows the date: what `(?:[ \t]+([^\r\n]*))?` would capture, found
/// without a capture group over the line, which costs more than the rest of
/// the reading.
fn headline_after_date(header: &str, date_end: usize) -> Option<Range<usize>> {
    let after = &header[date_end..];
    let line = after.trim_start_matches([' ', '\t']);
    let start = date_end + (after.len() - line.len());
    (start > date_end).then(|| start..start + line.find(['\r', '\n']).unwrap_or(line.len()))
}

/// The first line, when it reads as a headline: a line of its own,
/// followed by a blank line, short, and either without a closing full stop
/// or in Title Case.
fn headline_line(text: &str) -> Option<Range<usize>> {
    let start = text.len() - text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']).len();
    let rest = &text[start..];
    let line_end = rest.find('\n').map_or(rest.len(), |i| i);
    let line = rest[..line_end].trim_end();
    let after = &rest[line_end..];
    let blank_follows = after.trim_start_matches([' ', '\t', '\r']).starts_with('\n')
        && after[1..].trim_start_matches([' ', '\t', '\r']).starts_with('\n');
    if !blank_follows || line.is_empty() {
        return None;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() > 30 {
        return None;
    }
    let ends_like_sentence = line.ends_with(['.', '!', '?', '"', '\u{201d}']);
    let long_words: Vec<&&str> =
        words.iter().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4).collect();
    let capitalised =
        long_words.iter().filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())).count();
    let title_case = !long_words.is_empty() && capitalised * 10 >= long_words.len() * 7;
    if ends_like_sentence && !title_case {
        return None;
    }
    Some(start..start + line.len())
}

static WIRE_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?P<place>[A-Z][A-Za-z'.\-]*(?:[ \-][A-Z][A-Za-z'.\-]*){0,3})",
        // `, Syria` (a country or region), then `, May 10` or `, May 10, 2017` (a date), each optional.
        r"(?:,\s*(?P<region>[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?))?",
        // `, 12 June 2017`, as the Syrian agency writes it, too.
        r"(?:,\s*(?P<extra>[A-Z][A-Za-z]*\.?(?:\s+\d{1,2})?(?:,?\s+\d{4})?|\d{1,2}\s+[A-Z][a-z]+\.?(?:,?\s+\d{4})?))?",
        r"\s*\((?P<outlet>[A-Z][A-Za-z .&'\-]{0,40})\)\s*(?:--|-|\u{2014}|\u{2013}|:)",
    ))
    .unwrap()
});

static DATE_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:(?:Date of publication|Published(?: on)?|Posted on|Updated)\s+)?",
        r"(?:(?P<wd>Mon|Tue|Tues|Wed|Thu|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+)?",
        r"(?:",
        r"(?P<d1>\d{1,2})\s+(?P<m1>[A-Z][a-z]{2,8})\.?,?\s+(?P<y1>\d{4})",
        r"|(?P<m2>[A-Z][a-z]{2,8})\.?\s+(?P<d2>\d{1,2}),?\s+(?P<y2>\d{4})",
        r"|(?P<d3>\d{1,2})[-./](?P<m3>\d{1,2})[-./](?P<y3>\d{4})",
        r"|(?P<y4>\d{4})-(?P<m4>\d{2})-(?P<d4>\d{2})",
        r")\b",
    ))
    .unwrap()
});

/// [`DATE_DATELINE`]'s groups by index, found by name once: a look-up by
/// name hashes the name every time.
struct DateGroups {
    weekday: usize,
    /// The day, month and year of each form of date, in the regex's order.
    forms: [[usize; 3]; 4],
}

/// The forms of [`DateGroups::forms`] before this one name their month.
const NAMED_MONTH_FORMS: usize = 2;

static DATE_GROUPS: LazyLock<DateGroups> = LazyLock::new(|| {
    let index =
        |name: &str| DATE_DATELINE.capture_names().position(|n| n == Some(name)).expect("DATE_DATELINE has the group");
    DateGroups {
        weekday: index("wd"),
        forms: ["1", "2", "3", "4"].map(|form| ["d", "m", "y"].map(|part| index(&format!("{part}{form}")))),
    }
});

/// A wire dateline (`BAGHDAD, May 29 (Xinhua) --`) or a leading date
/// (`Wed 05 Apr 2017`) at the start of the body.
fn find_dateline(text: &str, body: Range<usize>, year_hint: Option<i32>) -> Option<FoundDateline> {
    let offset = body.start + (text[body.clone()].len() - text[body.clone()].trim_start().len());
    let start_text = prefix(text, offset, MAX_DATELINE);
    // A wire dateline starts with a capital and has a `(` for its outlet:
    // without both, which is most reports, the regex is not tried.
    let may_be_wire = start_text.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
        && memchr::memchr(b'(', start_text.as_bytes()).is_some();
    if may_be_wire && let Some(c) = WIRE_DATELINE.captures(start_text) {
        let place = c.name("place").map(|m| m.as_str().trim().to_string());
        let outlet = c.name("outlet").map(|m| m.as_str().trim().to_string());
        let date = c.name("extra").and_then(|m| month_day(m.as_str(), year_hint));
        let end = c.get(0).map_or(0, |m| m.end());
        // A place name in the dateline is upper case or a capitalised word or two.
        return Some(FoundDateline { place, outlet, range: offset..offset + end, date });
    }
    if let Some(c) = DATE_DATELINE.captures(start_text) {
        let groups = &*DATE_GROUPS;
        // The first form the text has gives the date.
        let date = groups
            .forms
            .iter()
            .enumerate()
            .find_map(|(form, &[d, m, y])| {
                let (d, m, y) = (c.get(d)?, c.get(m)?, c.get(y)?);
                let month =
                    if form < NAMED_MONTH_FORMS { month_from_name(m.as_str()) } else { m.as_str().parse().ok() };
                Some(ymd(y.as_str(), month, d.as_str()))
            })
            .flatten();
        date?;
        // A weekday that disagrees with the date means this is not a dateline we understand.
        if let (Some(wd), Some(d)) = (c.get(groups.weekday), date)
            && weekday_from_name(wd.as_str()).is_some_and(|w| w != d.weekday())
        {
            return None;
        }
        let end = c.get(0).map_or(0, |m| m.end());
        return Some(FoundDateline { place: None, outlet: None, range: offset..offset + end, date });
    }
    None
}

/// The header line is read from at most this many bytes, and a dateline from
/// this many at the start of the body: the regexes then cost the same on a
/// report of one endless line as on any other.
const MAX_HEADER: usize = 4096;
const MAX_DATELINE: usize = 256;

/// At most `len` bytes of `text` from `start`, cut back to a character boundary.
fn prefix(text: &str, start: usize, len: usize) -> &str {
    &text[start..floor_char_boundary(text, start + len)]
}

fn ymd(year: &str, month: Option<u32>, day: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year.parse().ok()?, month?, day.parse().ok()?)
}

/// `May 29`, `May 29, 2017`: a dateline's date, with the year from the
/// header when the dateline leaves it out.
fn month_day(s: &str, year_hint: Option<i32>) -> Option<NaiveDate> {
    let mut words = s.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty());
    let (first, second) = (words.next()?, words.next()?);
    // `May 29` or `29 May`.
    let (month, day) = match first.parse::<u32>() {
        Ok(day) => (month_from_name(second)?, day),
        Err(_) => (month_from_name(first)?, second.parse().ok()?),
    };
    let year = match words.next() {
        Some(y) => y.parse().ok()?,
        None => year_hint?,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok()
}

/// Paragraphs: runs of text separated by one or more blank lines, trimmed.
fn paragraphs(text: &str, body: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut para_start: Option<usize> = None;
    let mut para_end = body.start;
    // The lines as `split_inclusive('\n')` has them, found by the memchr
    // crate's vector search: the text's longest scan in this stage.
    let line_ends = memchr::memchr_iter(b'\n', &text.as_bytes()[body.clone()]).map(|i| body.start + i + 1);
    let mut line_start = body.start;
    for line_end in line_ends.chain(std::iter::once(body.end)) {
        let line = &text[line_start..line_end];
        // Only the end, after a last new line.
        if line.is_empty() {
            continue;
        }
        if line.trim().is_empty() {
            if let Some(s) = para_start.take() {
                push_trimmed(text, s..para_end, &mut out);
            }
        } else {
            para_start.get_or_insert(line_start);
            para_end = line_end;
        }
        line_start = line_end;
    }
    if let Some(s) = para_start {
        push_trimmed(text, s..para_end, &mut out);
    }
    out
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let r = trim_range(text, range);
    let r = if text[r.clone()].starts_with('\u{feff}') { trim_range(text, r.start + 3..r.end) } else { r };
    if !r.is_empty() {
        out.push(r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `count_control` counts what a walk over the characters would.
    fn count_control_by_chars(text: &str) -> (usize, usize) {
        let control = |c: char| (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) || c == '\u{fffd}';
        (text.chars().count(), text.chars().filter(|&c| control(c)).count())
    }

    proptest::proptest! {
        #[test]
        fn bytes_are_counted_by_lanes_as_one_by_one(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..20_000)) {
            let odd = |b: u8| b % 2 == 1;
            proptest::prop_assert_eq!(count_bytes(&bytes, odd), bytes.iter().filter(|&&b| odd(b)).count());
        }

        #[test]
        fn control_characters_are_counted_by_bytes_as_by_characters(s in "\\PC*|[\\x00-\\x{a0}\\x{fffd}\\x{fffc}\\x{c2}\\x{ef}\\x{ffff}a ]*") {
            proptest::prop_assert_eq!((count_chars(&s), count_control(&s)), count_control_by_chars(&s));
        }
    }

    #[test]
    fn control_characters_of_every_kind_count() {
        let s = "a\u{0}b\n\t\u{c}\u{7f}\u{85}\u{a0}\u{fffd}\u{fffc}é";
        assert_eq!((count_chars(s), count_control(s)), count_control_by_chars(s));
        assert_eq!((count_chars(s), count_control(s)), (12, 4));
    }

    fn read_str(s: &str) -> Report {
        read(
            RawReport { id: "t".into(), path: None, content: Content::Bytes(s.as_bytes().to_vec()) },
            &ReadOptions::default(),
        )
        .unwrap()
    }

    /// `paragraphs` as it was written first, over `split_inclusive`.
    fn paragraphs_by_split(text: &str, body: Range<usize>) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut para_start: Option<usize> = None;
        let mut para_end = body.start;
        let mut pos = body.start;
        for line in text[body.clone()].split_inclusive('\n') {
            let line_start = pos;
            pos += line.len();
            if line.trim().is_empty() {
                if let Some(s) = para_start.take() {
                    push_trimmed(text, s..para_end, &mut out);
                }
            } else {
                para_start.get_or_insert(line_start);
                para_end = pos;
            }
        }
        if let Some(s) = para_start {
            push_trimmed(text, s..para_end, &mut out);
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn paragraphs_are_what_split_inclusive_gives(s in "([ \t\r\n]|\u{feff}|\u{a0}|x|é|Raqqa){0,30}", cut in 0usize..40) {
            let start = floor_char_boundary(&s, cut);
            proptest::prop_assert_eq!(paragraphs(&s, start..s.len()), paragraphs_by_split(&s, start..s.len()));
        }
    }

    #[test]
    fn header_layout() {
        let r = read_str(" date 2017-06-23 US-backed forces lay siege on IS\n\nFirst para.\n\n\n\nSecond para.\n");
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2017, 6, 23));
        assert_eq!(r.date_source, Some(DateSource::Header));
        assert_eq!(r.title.as_deref(), Some("US-backed forces lay siege on IS"));
        let paras: Vec<&str> = r.paragraphs.iter().map(|p| &r.text.as_str()[p.clone()]).collect();
        assert_eq!(paras, ["First para.", "Second para."]);
    }

    /// The header as one regex read it, the headline in a capture group.
    static WHOLE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[\u{feff}]?[ \t]*date[ \t]+(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[ \t]+([^\r\n]*))?").unwrap()
    });

    proptest::proptest! {
        #[test]
        fn the_headline_is_what_the_whole_header_regex_captures(s in "\u{feff}?[ \t]?date[ \t]{1,2}2017-0?6(-2?3)?([ \t\r\n]|é|x|Raqqa|\r\n|3|-){0,8}") {
            let whole = WHOLE_HEADER.captures(&s).unwrap();
            let date = HEADER.captures(&s).unwrap();
            for i in 1..=3 {
                proptest::prop_assert_eq!(date.get(i).map(|m| m.range()), whole.get(i).map(|m| m.range()));
            }
            let date_end = date.get(0).unwrap().end();
            let headline = headline_after_date(&s, date_end);
            proptest::prop_assert_eq!(headline.clone(), whole.get(4).map(|m| m.range()));
            proptest::prop_assert_eq!(headline.map_or(date_end, |h| h.end), whole.get(0).unwrap().end());
        }
    }

    const BOM: char = '\u{feff}';

    proptest::proptest! {
        #[test]
        fn the_header_date_read_by_hand_is_what_the_regex_captures(s in "\u{feff}{0,2}[ \t]{0,2}(date|Date|dat)?[ \t]{0,2}([0-9]|-|\u{663}|\u{ff11}|é|x| ){0,12}[ \t\r\n]?") {
            match read_header_date(&s) {
                Ok(found) => proptest::prop_assert_eq!(found, header_date_by_regex(&s)),
                // Only a byte past ASCII where a digit may stand leaves it to the regex.
                Err(NotAscii) => proptest::prop_assert!(!s.trim_start_matches(BOM).is_ascii()),
            }
        }
    }

    #[test]
    fn header_dates_read_by_hand() {
        let found = read_header_date(" date 2017-06-23 Title").unwrap().unwrap();
        assert_eq!(found, HeaderDate { year: 6..10, month: 11..13, day: Some(14..16), end: 16 });
        let found = read_header_date("\u{feff}date\t2017-6-x").unwrap().unwrap();
        assert_eq!(found, HeaderDate { year: 8..12, month: 13..14, day: None, end: 14 });
        assert_eq!(read_header_date("date 20170-06-23").unwrap(), None);
        assert!(read_header_date("date 2017-\u{663}").is_err());
    }

    #[test]
    fn impossible_header_date_is_null_with_a_warning() {
        let r = read_str("date 2017-13-45 Title\n\nText.");
        assert_eq!(r.date, None);
        assert!(r.warnings.iter().any(|w| w.contains("not a real date")));
    }

    #[test]
    fn wire_dateline_gives_place_outlet_and_date() {
        let r = read_str("date 2017-05 Title\n\nBAGHDAD, May 29 (Xinhua) -- A car bomb went off.");
        let d = r.dateline.unwrap();
        assert_eq!(d.place.as_deref(), Some("BAGHDAD"));
        assert_eq!(d.outlet.as_deref(), Some("Xinhua"));
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2017, 5, 29));
        assert_eq!(r.date_source, Some(DateSource::Dateline));
    }

    /// The day before the month, as the Syrian agency writes it.
    #[test]
    fn wire_dateline_with_the_day_first() {
        let r = read_str("Damascus, 12 June 2017 (SANA) \u{2013} Army units advanced.");
        let d = r.dateline.unwrap();
        assert_eq!((d.place.as_deref(), d.outlet.as_deref()), (Some("Damascus"), Some("SANA")));
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2017, 6, 12));
        let r = read_str("date 2017-06 Title\n\nHama, 3 May (SANA) - Army units advanced.");
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2017, 5, 3));
    }

    #[test]
    fn datelines_without_a_date() {
        for (text, place, outlet) in [
            ("DAMASCUS (Reuters) - Syrian troops advanced.", "DAMASCUS", "Reuters"),
            ("BEIRUT, Syria (AP) -- Activists said.", "BEIRUT", "AP"),
            ("TABQA, Syria, May 10 (Xinhua) -- Fighters said.", "TABQA", "Xinhua"),
        ] {
            let r = read_str(text);
            let d = r.dateline.unwrap();
            assert_eq!((d.place.as_deref(), d.outlet.as_deref()), (Some(place), Some(outlet)));
            assert_eq!(r.date, None);
        }
    }

    #[test]
    fn dateline_with_country_and_date() {
        let r = read_str("date 2017-05 Title\n\nTABQA, Syria, May 10 (Xinhua) -- The SDF took the dam.");
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2017, 5, 10));
        assert_eq!(r.dateline.unwrap().span.text, "TABQA, Syria, May 10 (Xinhua) --");
    }

    #[test]
    fn leading_date_in_the_body() {
        let r = read_str("Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent use.");
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2017, 4, 5));
        let r = read_str("Date of publication 13 October 2016 Civilians in east Aleppo.");
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2016, 10, 13));
        let r = read_str("13-08-2013 33 Militants Killed.");
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2013, 8, 13));
        let r = read_str("Published November 17 2017 Shelling hit Ghouta.");
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2017, 11, 17));
        let r = read_str("2016-02-15 Insurgents were killed.");
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2016, 2, 15));
        // 5 April 2017 was a Wednesday.
        let r = read_str("Tue 05 Apr 2017 Syria attack symptoms.");
        assert!(r.dateline.is_none());
    }

    #[test]
    fn headline_without_header() {
        let r = read_str("Air strikes hit Idlib\n\nAir strikes hit the city on Monday.");
        assert_eq!(r.title.as_deref(), Some("Air strikes hit Idlib"));
        let r = read_str("Strikes hit the city on Monday, killing five people.\n\nMore text.");
        assert_eq!(r.title, None);
    }

    #[test]
    fn no_date_warns() {
        let r = read_str("Strikes hit the city.");
        assert!(r.warnings.iter().any(|w| w.contains("no publication date") && w.contains("no header, dateline")));
        // A dateline without a year: the warning says what is missing.
        let r = read_str("BAGHDAD, May 29 (Xinhua) -- Strikes hit the city.");
        assert!(r.dateline.is_some() && r.date.is_none());
        assert!(r.warnings.iter().any(|w| w.contains("the dateline has no date with a year")), "{:?}", r.warnings);
    }

    #[test]
    fn windows_1252_is_decoded_with_a_warning() {
        let raw = RawReport { id: "t".into(), path: None, content: Content::Bytes(b"Caf\xe9 in Raqqa".to_vec()) };
        let r = read(raw, &ReadOptions::default()).unwrap();
        assert_eq!(r.text.as_str(), "Caf\u{e9} in Raqqa");
        assert_eq!(r.encoding, "windows-1252");
        assert!(r.warnings[0].contains("windows-1252"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Raqqa siege".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let r = read(RawReport { id: "t".into(), path: None, content: Content::Bytes(bytes) }, &ReadOptions::default())
            .unwrap();
        assert_eq!(r.text.as_str(), "Raqqa siege");
        assert_eq!(r.encoding, "UTF-16LE");
    }

    #[test]
    fn binary_and_empty_are_errors() {
        let bin = RawReport { id: "t".into(), path: None, content: Content::Bytes(vec![0x7f, 0x45, 0, 1, 2]) };
        assert!(matches!(read(bin, &ReadOptions::default()), Err(ReadError::Binary(_))));
        let empty = RawReport { id: "t".into(), path: None, content: Content::Bytes(b" \n\n".to_vec()) };
        assert!(matches!(read(empty, &ReadOptions::default()), Err(ReadError::Empty)));
    }
}
