//! Discovery: names the gazetteer lacks, read from capitalised word runs and
//! their context (`the town of X`, `X province`, `X Brigade`, `Gen. X`,
//! `X said`), so that reports about new places, groups and people still say
//! who and where. The word lists are data: `data/gazetteer/discovery.txt`.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use crate::gazetteer::{Gazetteer, fold_key};
use crate::model::EntityType;
use crate::tag::entities::Referent;

/// A mention with what it refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub bytes: Range<usize>,
    pub referent: Referent,
}

/// The word lists of `discovery.txt`, parsed once.
struct Lexicon {
    person_titles: HashSet<String>,
    reporting_verbs: HashSet<String>,
    org_heads: HashSet<String>,
    place_heads: HashSet<String>,
    place_nouns_after: HashSet<String>,
    place_prepositions: HashSet<String>,
    place_of: HashSet<String>,
    force_nouns: Vec<String>,
    government_nouns: Vec<String>,
    not_names: HashSet<String>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut sections: HashMap<&str, Vec<String>> = HashMap::new();
    let mut current = "";
    for line in include_str!("../../data/gazetteer/discovery.txt").lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = name;
        } else {
            sections.entry(current).or_default().push(line.to_string());
        }
    }
    let mut take = |name: &str| sections.remove(name).unwrap_or_default();
    let set = |v: Vec<String>| v.into_iter().collect::<HashSet<_>>();
    Lexicon {
        person_titles: set(take("person_titles")),
        reporting_verbs: set(take("reporting_verbs")),
        org_heads: set(take("org_heads")),
        place_heads: set(take("place_heads")),
        place_nouns_after: set(take("place_nouns_after")),
        place_prepositions: set(take("place_prepositions")),
        place_of: set(take("place_of")),
        force_nouns: take("force_nouns"),
        government_nouns: take("government_nouns"),
        not_names: set(take("not_names")),
    }
});

/// Acronyms in capitals that are things, not organisations.
const NOT_ORG_ACRONYMS: &[&str] = &[
    "IED", "IEDS", "UAV", "UAVS", "TV", "AM", "PM", "GMT", "UTC", "OK", "PDF", "CEO", "ID", "KM", "SUV", "RPG", "MP",
    "II", "III", "IV", "VI", "AK", "TNT", "GPS", "DNA", "HIV", "COVID", "SMS", "USD", "EST", "EDT", "CST", "PST", "AP",
    "FAQ", "VBIED", "VBIEDS", "MANPADS", "ATGM", "TOW", "MLRS",
];

/// One word of a stretch, as a byte range.
#[derive(Debug, Clone)]
struct Word {
    bytes: Range<usize>,
}

/// Split a stretch into words: letters, digits and inner `.`/`'`/`-`
/// (`U.S.`, `al-Assad`), keeping the dot of a title or an initial (`Gen.`, `J.`).
fn words(text: &str, range: Range<usize>) -> Vec<Word> {
    let mut out = Vec::new();
    let Some(slice) = text.get(range.clone()) else { return out };
    let mut start: Option<usize> = None;
    let mut chars = slice.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let inner = matches!(c, '.' | '\'' | '’' | '-') && start.is_some() && next.is_some_and(char::is_alphanumeric);
        let title_dot = c == '.'
            && start.is_some_and(|s| {
                let w = &slice[s..i];
                LEXICON.person_titles.contains(&format!("{}.", w.to_lowercase()))
                    || (w.chars().count() == 1 && w.chars().all(char::is_uppercase))
            });
        if c.is_alphanumeric() || inner || title_dot {
            let s = *start.get_or_insert(i);
            if title_dot {
                out.push(Word { bytes: range.start + s..range.start + i + 1 });
                start = None;
            }
        } else if let Some(s) = start.take() {
            out.push(Word { bytes: range.start + s..range.start + i });
        }
    }
    if let Some(s) = start {
        out.push(Word { bytes: range.start + s..range.end });
    }
    out
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn all_caps(s: &str) -> bool {
    let mut letters = s.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(char::is_uppercase)
}

fn is_title(word: &str) -> bool {
    LEXICON.person_titles.contains(&word.to_lowercase())
}

/// Capitalised words that do not start a name: sentence starters, days,
/// months, nationality adjectives.
fn is_stop_name(word: &str) -> bool {
    LEXICON.not_names.contains(word) || word.ends_with("ian") || word.ends_with("ish") || word.ends_with("ese")
}

/// Lower-case words that may sit inside a name (`Jabhat Fateh al-Sham`,
/// `Ministry of Defense`, `Abu Bakr al-Baghdadi`).
fn is_connector(word: &str) -> bool {
    matches!(word, "al" | "el" | "bin" | "ibn" | "of" | "de" | "du" | "la" | "le" | "van" | "von" | "for" | "and")
        || word.starts_with("al-")
        || word.starts_with("el-")
}

/// Whether most letters of a stretch are capitals (a headline in capitals),
/// where capitals say nothing about names.
fn shouting(text: &str, range: &Range<usize>) -> bool {
    let slice = text.get(range.clone()).unwrap_or("");
    let (upper, lower) = slice.chars().fold((0, 0), |(u, l), c| {
        if c.is_uppercase() {
            (u + 1, l)
        } else if c.is_lowercase() {
            (u, l + 1)
        } else {
            (u, l)
        }
    });
    upper > lower
}

/// Find names in one sentence outside the gazetteer's hits.
pub(crate) fn discover(text: &str, range: Range<usize>, known: &[Found], gazetteer: &Gazetteer) -> Vec<Found> {
    if shouting(text, &range) {
        return Vec::new();
    }
    let words = words(text, range);
    // Both lists are in order, so one cursor finds the hit a word is in.
    let mut cursor = 0;
    let covered: Vec<bool> = words
        .iter()
        .map(|w| {
            while cursor < known.len() && known[cursor].bytes.end <= w.bytes.start {
                cursor += 1;
            }
            cursor < known.len() && known[cursor].bytes.start < w.bytes.end
        })
        .collect();
    let word = |k: usize| &text[words[k].bytes.clone()];
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = word(i);
        if !starts_upper(w) || covered[i] || (is_stop_name(w) && !LEXICON.org_heads.contains(w)) {
            i += 1;
            continue;
        }
        // The run of capitalised words (with inner connectors) from here.
        let mut j = i + 1;
        while j < words.len() && !covered[j] && adjacent(text, &words[j - 1], &words[j]) {
            let next = word(j);
            if starts_upper(next) && !matches!(next, "The" | "A" | "An") {
                j += 1;
            } else if is_connector(next)
                && j + 1 < words.len()
                && starts_upper(word(j + 1))
                && !covered[j + 1]
                && adjacent(text, &words[j], &words[j + 1])
            {
                j += 2;
            } else {
                break;
            }
        }
        // Titles open a person's name but are not part of it (`Gen. Ali Mamlouk`).
        let mut first = i;
        while first + 1 < j && is_title(word(first)) {
            first += 1;
        }
        if let Some(f) = classify(text, &words, first, j, gazetteer) {
            out.push(f);
        }
        i = j;
    }
    out
}

/// Two words with only a space (or a hyphen) between them.
fn adjacent(text: &str, a: &Word, b: &Word) -> bool {
    text.get(a.bytes.end..b.bytes.start).is_some_and(|gap| gap.len() <= 2 && gap.chars().all(|c| c == ' ' || c == '-'))
}

fn classify(text: &str, words: &[Word], i: usize, j: usize, gazetteer: &Gazetteer) -> Option<Found> {
    let lex = &*LEXICON;
    let span = words[i].bytes.start..words[j - 1].bytes.end;
    let name = &text[span.clone()];
    if let Some(e) = gazetteer.lookup(name) {
        return Some(Found { bytes: span, referent: Referent::Known(e) });
    }
    let word = |k: usize| &text[words[k].bytes.clone()];
    let lower = |k: usize| word(k).to_lowercase();
    let last = word(j - 1);
    let before = |k: usize| (i >= k).then(|| lower(i - k));
    let after = (j < words.len()).then(|| lower(j));
    let n = j - i;
    let acronym = n == 1 && all_caps(name) && name.chars().filter(|c| c.is_alphabetic()).count() >= 2;
    let names_only = (i..j).all(|k| {
        let w = word(k);
        let initial = w.len() == 2 && w.ends_with('.');
        !is_stop_name(w) && !lex.org_heads.contains(w) && !lex.place_heads.contains(w) && (initial || !all_caps(w))
    });
    let reporting = after.as_deref().is_some_and(|a| lex.reporting_verbs.contains(a));
    let titled = before(1).as_deref().is_some_and(|b| lex.person_titles.contains(b));
    let initial = (i + 1..j.saturating_sub(1)).any(|k| {
        let w = word(k);
        w.len() == 2 && w.ends_with('.') && starts_upper(w)
    });
    let place_after = after.as_deref().is_some_and(|a| lex.place_nouns_after.contains(a));
    let place_of = before(1).as_deref() == Some("of") && before(2).as_deref().is_some_and(|b| lex.place_of.contains(b));
    let place_preposition = before(1).as_deref().is_some_and(|b| lex.place_prepositions.contains(b)) && n <= 3;
    let comma_place = comma_then_place(text, &words[j - 1], gazetteer);

    let kind = if lex.org_heads.contains(last) && n >= 2 {
        (EntityType::Organization, "group")
    } else if lex.place_heads.contains(last) && n >= 2 {
        (EntityType::Location, "place")
    } else if acronym {
        if NOT_ORG_ACRONYMS.contains(&name.trim_end_matches('s')) || name.len() > 8 {
            return None;
        }
        (EntityType::Organization, "group")
    } else if (titled || initial || (reporting && n <= 3)) && names_only {
        (EntityType::Person, "person")
    } else if (place_after || place_of || comma_place) && names_only {
        (EntityType::Location, "place")
    } else if (2..=3).contains(&n) && names_only && followed_by_role(text, &words[j - 1]) {
        (EntityType::Person, "person")
    } else if place_preposition && names_only {
        (EntityType::Location, "place")
    } else {
        return None;
    };
    let referent = Referent::Discovered {
        id: format!("{}:{}", kind.1, slug(name)),
        name: name.to_string(),
        kind: kind.0,
        subtype: None,
    };
    Some(Found { bytes: span, referent })
}

/// `Vermillion, South Dakota`: a name followed by a comma and a known state,
/// governorate or country is a place in it.
fn comma_then_place(text: &str, last: &Word, gazetteer: &Gazetteer) -> bool {
    let rest = text.get(last.bytes.end..).unwrap_or("");
    let Some(rest) = rest.strip_prefix(", ") else { return false };
    let end = rest.find([',', '.', ';', '(', '\n']).unwrap_or(rest.len()).min(40);
    let candidate = rest.get(..end).unwrap_or("").trim();
    let candidate = candidate.split(' ').take(3).collect::<Vec<_>>();
    (1..=candidate.len()).rev().any(|k| {
        gazetteer.lookup(&candidate[..k].join(" ")).is_some_and(|e| {
            let entry = gazetteer.entry(e);
            entry.kind == EntityType::Location && matches!(entry.subtype.as_deref(), Some("admin1" | "country"))
        })
    })
}

/// `John Smith, a spokesman for ...`: a role noun right after the comma.
fn followed_by_role(text: &str, last: &Word) -> bool {
    let rest = text.get(last.bytes.end..).unwrap_or("");
    let Some(rest) = rest.strip_prefix(',') else { return false };
    let rest = rest.trim_start();
    let rest = rest.strip_prefix("the ").or_else(|| rest.strip_prefix("a ")).unwrap_or(rest);
    let rest = rest.strip_prefix("an ").unwrap_or(rest);
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect::<String>().to_lowercase();
    LEXICON.person_titles.contains(word.as_str()) || word == "who"
}

/// A stable id for a discovered name.
fn slug(name: &str) -> String {
    let key = fold_key(name);
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_string()
}

/// `the US forces`, `French warplanes`, `Iraqi officials`: a country or
/// nationality hit followed by a force or government noun becomes that
/// country's forces or government, when the gazetteer has no name for it.
pub(crate) fn country_phrases(text: &str, found: &mut [Found], gazetteer: &Gazetteer) {
    for f in found.iter_mut() {
        let Referent::Known(e) = f.referent else { continue };
        let entry = gazetteer.entry(e);
        let country_like = entry.kind == EntityType::Nationality
            || (entry.kind == EntityType::Location && entry.subtype.as_deref() == Some("country"));
        let Some(code) = entry.country.as_deref().filter(|_| country_like) else { continue };
        let rest = text.get(f.bytes.end..).unwrap_or("");
        let Some(rest) = rest.strip_prefix(' ') else { continue };
        let noun_len = |nouns: &[String]| {
            nouns
                .iter()
                .filter(|n| {
                    rest.get(..n.len()).is_some_and(|r| r.eq_ignore_ascii_case(n))
                        && !rest[n.len()..].starts_with(|c: char| c.is_alphanumeric())
                })
                .map(String::len)
                .max()
        };
        let (suffix, label, len) = if let Some(len) = noun_len(&LEXICON.force_nouns) {
            ("forces", "forces", len)
        } else if let Some(len) = noun_len(&LEXICON.government_nouns) {
            ("government", "government", len)
        } else {
            continue;
        };
        let country = gazetteer
            .entries()
            .iter()
            .find(|c| c.country.as_deref() == Some(code) && c.subtype.as_deref() == Some("country"));
        let (id, name) = match country {
            Some(c) => (format!("{}_{suffix}", c.id), format!("{} {label}", c.name)),
            None => (format!("{}_{suffix}", entry.id), format!("{} {label}", entry.name)),
        };
        let end = f.bytes.end + 1 + len;
        let referent = match gazetteer.index_of(&id) {
            Some(i) => Referent::Known(i),
            None => Referent::Discovered { id, name, kind: EntityType::Organization, subtype: None },
        };
        *f = Found { bytes: f.bytes.start..end, referent };
    }
}

/// A person named in full once is the same person when only the surname
/// follows (`Stephen J. Townsend` ... `Townsend said`); bare surnames of
/// people named in full are found anywhere in the report.
pub(crate) fn resolve_surnames(text: &str, ranges: &[Range<usize>], found: &mut Vec<Found>, gazetteer: &Gazetteer) {
    let mut surnames: HashMap<String, Referent> = HashMap::new();
    for f in found.iter() {
        let name = &text[f.bytes.clone()];
        let person = match &f.referent {
            Referent::Discovered { kind, .. } => *kind == EntityType::Person,
            Referent::Known(e) => gazetteer.entry(*e).kind == EntityType::Person,
        };
        let parts: Vec<&str> = name.split_whitespace().collect();
        if person && parts.len() >= 2 {
            let last = parts[parts.len() - 1];
            let last = if matches!(last, "Jr." | "Sr." | "II" | "III" | "IV") && parts.len() >= 3 {
                parts[parts.len() - 2]
            } else {
                last
            };
            if last.chars().count() >= 3 && starts_upper(last) {
                surnames.entry(last.to_string()).or_insert_with(|| f.referent.clone());
            }
        }
    }
    if surnames.is_empty() {
        return;
    }
    // Single-word mentions already found take the full name's identity.
    for f in found.iter_mut() {
        if let Referent::Discovered { kind: EntityType::Person, .. } = &f.referent
            && let Some(full) = surnames.get(&text[f.bytes.clone()])
        {
            f.referent = full.clone();
        }
    }
    // Bare surnames elsewhere, outside every other mention.
    let mut extra = Vec::new();
    let mut k = 0;
    for range in ranges {
        for w in words(text, range.clone()) {
            let word = text[w.bytes.clone()].trim_end_matches(['’', '\'']);
            let word = word.strip_suffix("’s").or_else(|| word.strip_suffix("'s")).unwrap_or(word);
            let Some(referent) = surnames.get(word) else { continue };
            while k < found.len() && found[k].bytes.end <= w.bytes.start {
                k += 1;
            }
            if k < found.len() && found[k].bytes.start < w.bytes.end {
                continue;
            }
            let end = w.bytes.start + word.len();
            extra.push(Found { bytes: w.bytes.start..end, referent: referent.clone() });
        }
    }
    if !extra.is_empty() {
        found.extend(extra);
        found.sort_by(|a, b| a.bytes.start.cmp(&b.bytes.start).then(b.bytes.end.cmp(&a.bytes.end)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn discovered(text: &str) -> Vec<(String, EntityType)> {
        let g = Gazetteer::embedded();
        let known: Vec<Found> = g
            .find(text, 0..text.len())
            .into_iter()
            .map(|h| Found { bytes: h.bytes, referent: Referent::Known(h.entry) })
            .collect();
        discover(text, 0..text.len(), &known, &g)
            .into_iter()
            .filter_map(|f| match f.referent {
                Referent::Discovered { kind, .. } => Some((text[f.bytes].to_string(), kind)),
                Referent::Known(_) => None,
            })
            .collect()
    }

    #[test]
    fn context_gives_places_groups_and_people() {
        let found = discovered(
            "Fighters of the Hamza Brigade shelled the town of Kafr Nasih, Gen. Ali Mamlouk said, \
             while clashes spread to Tell Umm Zaytouna province.",
        );
        assert!(found.contains(&("Hamza Brigade".into(), EntityType::Organization)), "{found:?}");
        assert!(found.contains(&("Kafr Nasih".into(), EntityType::Location)), "{found:?}");
        assert!(found.contains(&("Ali Mamlouk".into(), EntityType::Person)), "{found:?}");
        assert!(found.contains(&("Tell Umm Zaytouna".into(), EntityType::Location)), "{found:?}");
    }

    #[test]
    fn people_by_initials_roles_and_reporting_verbs() {
        let found = discovered("Maj. Gen. Robert P. Whitfield visited. Lindqvist said the talks went well.");
        assert!(found.contains(&("Robert P. Whitfield".into(), EntityType::Person)), "{found:?}");
        assert!(found.contains(&("Lindqvist".into(), EntityType::Person)), "{found:?}");
        let found = discovered("Mark Dawson, a spokesman for the group, declined to comment.");
        assert_eq!(found, vec![("Mark Dawson".into(), EntityType::Person)]);
    }

    #[test]
    fn places_in_a_state_and_unknown_acronyms() {
        let found = discovered("The airmen from Cibolo, Texas, joined the JTFX staff.");
        assert!(found.contains(&("Cibolo".into(), EntityType::Location)), "{found:?}");
        assert!(found.contains(&("JTFX".into(), EntityType::Organization)), "{found:?}");
    }

    #[test]
    fn sentence_starters_and_headlines_are_not_names() {
        assert!(discovered("The fighting resumed on Monday. However, Officials said little.").is_empty());
        assert!(discovered("REBELS SHELL KAFR NASIH AS TALKS STALL").is_empty());
    }
}
