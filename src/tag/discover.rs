//! Discovery: names the gazetteer lacks, read from capitalised word runs and
//! their context (`the town of X`, `X province`, `X Brigade`, `Gen. X`), so
//! that reports about new places and groups still say who and where.

use std::collections::HashMap;
use std::ops::Range;

use crate::gazetteer::{Gazetteer, fold_key};
use crate::model::EntityType;
use crate::tag::entities::Referent;

/// A mention with what it refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub bytes: Range<usize>,
    pub referent: Referent,
}

/// One word of a sentence, as byte range.
#[derive(Debug, Clone)]
struct Word {
    bytes: Range<usize>,
}

/// Split a stretch into words: letters, digits and inner `.`/`'`/`-`
/// (`U.S.`, `Jr.`, `al-Assad`), keeping a word-final dot for titles.
fn words(text: &str, range: Range<usize>) -> Vec<Word> {
    let mut out = Vec::new();
    let slice = &text[range.clone()];
    let mut start: Option<usize> = None;
    let mut chars = slice.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let inner = matches!(c, '.' | '\'' | '’' | '-') && start.is_some() && next.is_some_and(char::is_alphanumeric);
        let title_dot = c == '.' && start.is_some() && {
            let w = &slice[start.unwrap_or(i)..i];
            TITLE_ABBREVIATIONS.contains(&w) || (w.len() == 1 && w.chars().all(char::is_uppercase))
        };
        if c.is_alphanumeric() || inner || title_dot {
            if start.is_none() {
                start = Some(i);
            }
            if title_dot {
                out.push(Word { bytes: range.start + start.unwrap_or(i)..range.start + i + 1 });
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

/// Abbreviated titles written with a dot.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "Gen", "Lt", "Col", "Maj", "Capt", "Cpt", "Sgt", "Cpl", "Pvt", "Adm", "Brig", "Cmdr", "Cdr", "Mr", "Mrs", "Ms",
    "Dr", "Prof", "Gov", "Sen", "Rep", "Spc", "Pfc", "Amb", "Sec", "Jr", "Sr", "St", "Rev", "Sheikh",
];

/// Words before a name that make it a person's (`President X`, `spokesman X`).
const PERSON_TITLES: &[&str] = &[
    "gen.",
    "lt.",
    "col.",
    "maj.",
    "capt.",
    "cpt.",
    "sgt.",
    "cpl.",
    "pvt.",
    "adm.",
    "brig.",
    "cmdr.",
    "cdr.",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "prof.",
    "gov.",
    "sen.",
    "rep.",
    "spc.",
    "pfc.",
    "amb.",
    "sec.",
    "general",
    "lieutenant",
    "colonel",
    "major",
    "captain",
    "sergeant",
    "admiral",
    "commodore",
    "commander",
    "president",
    "minister",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "secretary",
    "ambassador",
    "envoy",
    "chief",
    "director",
    "sheikh",
    "shaikh",
    "king",
    "prince",
    "emir",
    "imam",
    "cleric",
    "leader",
    "mayor",
    "governor",
    "senator",
    "officer",
    "premier",
    "chairman",
    "deputy",
    "advisor",
    "adviser",
    "mufti",
    "judge",
    "journalist",
    "correspondent",
    "activist",
    "head",
    "brigadier",
    "pope",
    "mullah",
    "ayatollah",
    "sergeant",
    "petty",
    "dr",
    "mr",
    "mrs",
    "ms",
    "commandant",
    "coordinator",
    "representative",
    "analyst",
    "researcher",
    "professor",
    "official",
];

/// Last words that make a capitalised run an organisation.
const ORG_HEADS: &[&str] = &[
    "Brigade",
    "Brigades",
    "Battalion",
    "Battalions",
    "Regiment",
    "Division",
    "Army",
    "Front",
    "Forces",
    "Force",
    "Council",
    "Movement",
    "Party",
    "Group",
    "Committee",
    "Ministry",
    "Agency",
    "Command",
    "Corps",
    "Organization",
    "Organisation",
    "Union",
    "Units",
    "Unit",
    "Office",
    "Department",
    "Coalition",
    "Association",
    "Network",
    "Center",
    "Centre",
    "Navy",
    "News",
    "TV",
    "Television",
    "Radio",
    "Company",
    "Guard",
    "Guards",
    "Militia",
    "Legion",
    "Authority",
    "Administration",
    "Commission",
    "Institute",
    "Foundation",
    "Society",
    "Fund",
    "Bank",
    "Assembly",
    "Parliament",
    "Police",
    "Service",
    "Services",
    "Squadron",
    "Wing",
    "Fleet",
    "Team",
    "Times",
    "Post",
    "Press",
    "Observatory",
    "Mission",
    "Bureau",
    "Federation",
    "Alliance",
    "Crescent",
    "Cross",
    "Directorate",
    "Court",
    "Tribunal",
    "University",
    "Congress",
    "Senate",
    "Agency",
    "Battery",
    "Jaish",
    "Liwa",
    "Katiba",
    "Harakat",
    "Faylaq",
];

/// Last words that make a capitalised run a place.
const PLACE_HEADS: &[&str] = &[
    "Province",
    "Governorate",
    "District",
    "Mountains",
    "Mountain",
    "Mount",
    "River",
    "Dam",
    "Airport",
    "Airbase",
    "Airfield",
    "Base",
    "Camp",
    "Square",
    "Street",
    "Valley",
    "Desert",
    "Sea",
    "Gulf",
    "Plain",
    "Plains",
    "Lake",
    "Bridge",
    "Hospital",
    "Prison",
    "Island",
    "Hills",
    "Heights",
    "Village",
    "City",
    "Town",
    "Neighborhood",
    "Neighbourhood",
    "Quarter",
    "Crossing",
    "Road",
    "Highway",
    "Region",
    "Oilfield",
    "Field",
    "Port",
    "Mosque",
    "Stadium",
    "Palace",
    "Gate",
    "Citadel",
    "Complex",
    "Hotel",
    "Market",
    "Dome",
    "County",
    "State",
];

/// Lower-case words after a name that make it a place (`Hajin province`).
const PLACE_NOUNS_AFTER: &[&str] = &[
    "province",
    "governorate",
    "countryside",
    "district",
    "city",
    "town",
    "village",
    "neighborhood",
    "neighbourhood",
    "area",
    "suburb",
    "region",
    "camp",
    "airport",
    "airbase",
    "base",
    "river",
    "dam",
    "valley",
    "desert",
    "mountains",
    "crossing",
    "checkpoint",
    "border",
    "outskirts",
    "subdistrict",
    "quarter",
    "countryside",
    "highway",
    "road",
    "prison",
    "refugee",
];

/// Lower-case words before a name that make it a place.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "near",
    "at",
    "from",
    "to",
    "toward",
    "towards",
    "into",
    "outside",
    "around",
    "across",
    "inside",
    "via",
    "through",
    "between",
    "reached",
    "entered",
    "captured",
    "retook",
    "besieged",
    "seized",
    "liberated",
    "stormed",
];

/// Nouns before `of X` that make X a place (`the town of X`, `outskirts of X`).
const PLACE_OF: &[&str] = &[
    "town",
    "city",
    "village",
    "province",
    "governorate",
    "district",
    "neighborhood",
    "neighbourhood",
    "outskirts",
    "suburb",
    "suburbs",
    "countryside",
    "region",
    "area",
    "capital",
    "port",
    "enclave",
    "east",
    "west",
    "north",
    "south",
    "centre",
    "center",
    "heart",
    "vicinity",
    "outskirt",
    "countryside",
    "villages",
    "towns",
];

/// Capitalised words that are not names (sentence starters, days, months, ...).
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "By",
    "For",
    "From",
    "To",
    "Of",
    "And",
    "But",
    "Or",
    "If",
    "As",
    "It",
    "Its",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Here",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "During",
    "Meanwhile",
    "However",
    "Also",
    "Still",
    "Earlier",
    "Later",
    "Then",
    "Some",
    "Many",
    "Most",
    "All",
    "Both",
    "Each",
    "Other",
    "Such",
    "No",
    "Not",
    "According",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Jun.",
    "Jul.",
    "Aug.",
    "Sep.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
    "Who",
    "What",
    "Where",
    "Why",
    "How",
    "Which",
    "With",
    "Without",
    "Under",
    "Over",
    "Against",
    "Among",
    "About",
    "Despite",
    "Although",
    "Because",
    "Yet",
    "So",
    "Now",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Last",
    "Next",
    "First",
    "Second",
    "Third",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "More",
    "Several",
    "Her",
    "Him",
    "My",
    "Me",
    "Us",
    "Your",
    "Mr",
    "Please",
    "Thank",
    "Thanks",
    "Yes",
    "Well",
    "Good",
    "Okay",
    "OK",
    "Do",
    "Does",
    "Did",
    "Is",
    "Are",
    "Was",
    "Were",
    "Be",
    "Has",
    "Have",
    "Had",
    "Will",
    "Would",
    "Can",
    "Could",
    "Should",
    "May",
    "Might",
    "Must",
    "Let",
    "Just",
    "Even",
    "Only",
    "Again",
    "Once",
    "Every",
    "Any",
    "Another",
    "Further",
    "Furthermore",
    "Moreover",
    "Additionally",
    "Finally",
    "Instead",
    "Thus",
    "Therefore",
    "Indeed",
    "Nevertheless",
    "Already",
    "Although",
    "Though",
    "Whether",
    "Until",
    "Unless",
    "Upon",
    "Within",
    "Throughout",
    "Toward",
    "Towards",
    "Near",
    "Into",
    "Onto",
    "Via",
    "Per",
    "Photo",
    "Video",
    "Update",
    "Updated",
    "Related",
    "Read",
    "See",
    "Click",
    "Share",
    "Source",
    "Sources",
    "Reporting",
    "Editing",
    "Writing",
    "Note",
    "Q",
    "A.",
    "Question",
    "Answer",
    "Operator",
    "Mr.",
    "Ms.",
    "Mrs.",
    "Dr.",
    "Strike",
    "Strikes",
    "Near",
    "Airstrikes",
    "Officials",
    "Local",
    "Government",
    "Forces",
    "Militants",
    "Rebels",
    "Activists",
    "Residents",
    "Witnesses",
    "Security",
    "Military",
    "Army",
    "Troops",
    "Police",
    "State",
    "Islamic",
    "Arab",
    "Kurdish",
    "Sunni",
    "Shiite",
    "Shia",
    "Christian",
    "Muslim",
    "Muslims",
    "Christians",
    "Jihadists",
    "Western",
    "Eastern",
    "Northern",
    "Southern",
    "Central",
    "North",
    "South",
    "East",
    "West",
    "Civil",
    "Human",
    "Rights",
    "Ministry",
    "Defense",
    "Defence",
    "Foreign",
    "Interior",
    "Prime",
    "Minister",
    "President",
    "General",
    "Secretary",
    "Spokesman",
    "Commander",
    "Coalition",
    "Department",
    "Office",
    "Press",
    "Operation",
    "Operations",
    "Task",
    "Force",
    "Combined",
    "Joint",
    "Special",
    "Global",
    "International",
    "National",
    "United",
    "Nations",
    "Council",
    "Committee",
    "New",
    "Old",
    "Great",
    "Al",
    "Abu",
    "Bin",
    "Ibn",
    "Sheikh",
    "Saint",
    "Day",
    "Year",
    "Week",
    "Month",
    "Ramadan",
    "Eid",
    "Christmas",
    "Easter",
    "Internet",
    "God",
    "Allah",
    "English",
    "Arabic",
    "Kurds",
    "Arabs",
    "Turks",
    "Iraqis",
    "Syrians",
    "Iranians",
    "Russians",
    "Americans",
    "Europeans",
    "Muslims",
    "Alawite",
    "Alawites",
    "Druze",
    "Yazidi",
    "Yazidis",
    "Assyrian",
    "Assyrians",
    "Turkmen",
    "Sunnis",
    "Shiites",
    "Jews",
    "Palestinians",
    "Lebanese",
];

/// Nationality and group adjectives: not names by themselves.
fn is_stop_name(word: &str) -> bool {
    NOT_NAMES.contains(&word) || word.ends_with("ian") || word.ends_with("ish") || word.ends_with("ese")
}

fn is_title(word: &str) -> bool {
    PERSON_TITLES.contains(&word.to_lowercase().as_str())
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Lower-case words that may sit inside a name (`Jabhat Fateh al-Sham`,
/// `Ministry of Defense`, `Abu Bakr al-Baghdadi`).
fn is_connector(word: &str) -> bool {
    matches!(word, "al" | "el" | "bin" | "ibn" | "of" | "de" | "du" | "la" | "le" | "van" | "von" | "for" | "and")
        || word.starts_with("al-")
        || word.starts_with("el-")
}

/// Find names in one sentence outside the gazetteer's hits.
pub(crate) fn discover(text: &str, range: Range<usize>, known: &[Found], gazetteer: &Gazetteer) -> Vec<Found> {
    let words = words(text, range);
    let covered = |r: &Range<usize>| known.iter().any(|k| k.bytes.start < r.end && r.start < k.bytes.end);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = &text[words[i].bytes.clone()];
        if !starts_upper(w) || covered(&words[i].bytes) || (is_stop_name(w) && !ORG_HEADS.contains(&w)) {
            i += 1;
            continue;
        }
        // The run of capitalised words (with inner connectors) from here.
        let mut j = i + 1;
        while j < words.len() {
            let next = &text[words[j].bytes.clone()];
            if covered(&words[j].bytes) || !adjacent(text, &words[j - 1], &words[j]) {
                break;
            }
            if starts_upper(next) && !matches!(next, "The" | "A" | "An") {
                j += 1;
            } else if is_connector(next)
                && j + 1 < words.len()
                && starts_upper(&text[words[j + 1].bytes.clone()])
                && !covered(&words[j + 1].bytes)
                && adjacent(text, &words[j], &words[j + 1])
            {
                j += 2;
            } else {
                break;
            }
        }
        // Titles open a person's name but are not part of it (`Gen. Ali Mamlouk`).
        let mut first = i;
        while first + 1 < j && is_title(&text[words[first].bytes.clone()]) {
            first += 1;
        }
        let span = words[first].bytes.start..words[j - 1].bytes.end;
        if let Some(f) = classify(text, &words, first, j, span, gazetteer) {
            out.push(f);
        }
        i = j;
    }
    out
}

/// Two words with only spaces (or a hyphen) between them.
fn adjacent(text: &str, a: &Word, b: &Word) -> bool {
    text.get(a.bytes.end..b.bytes.start).is_some_and(|gap| gap.chars().all(|c| c == ' ' || c == '-') && gap.len() <= 2)
}

fn classify(
    text: &str,
    words: &[Word],
    i: usize,
    j: usize,
    span: Range<usize>,
    gazetteer: &Gazetteer,
) -> Option<Found> {
    let name = &text[span.clone()];
    if let Some(e) = gazetteer.lookup(name) {
        return Some(Found { bytes: span, referent: Referent::Known(e) });
    }
    let first = &text[words[i].bytes.clone()];
    let last = &text[words[j - 1].bytes.clone()];
    let before = |k: usize| (i >= k).then(|| text[words[i - k].bytes.clone()].to_lowercase());
    let after = words.get(j).map(|w| text[w.bytes.clone()].to_lowercase());
    let n = j - i;
    let single_caps = n == 1 && name.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);

    let place_after = after.as_deref().is_some_and(|a| PLACE_NOUNS_AFTER.contains(&a));
    let place_of = before(1).as_deref() == Some("of") && before(2).as_deref().is_some_and(|b| PLACE_OF.contains(&b));
    let place_preposition =
        before(1).as_deref().is_some_and(|b| PLACE_PREPOSITIONS.contains(&b)) && !is_stop_name(first) && n <= 3;
    let titled = before(1).as_deref().is_some_and(|b| PERSON_TITLES.contains(&b));
    let kind = if ORG_HEADS.contains(&last) && n >= 2 {
        (EntityType::Organization, "group")
    } else if PLACE_HEADS.contains(&last) && n >= 2 {
        (EntityType::Location, "place")
    } else if single_caps {
        return None;
    } else if titled {
        (EntityType::Person, "person")
    } else if place_after || place_of {
        (EntityType::Location, "place")
    } else if (2..=4).contains(&n) && looks_like_person(text, words, i, j) {
        (EntityType::Person, "person")
    } else if place_preposition {
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

/// Two to four capitalised words followed by a reporting verb or preceded by
/// a title noun read as a person's name (`John Kirby said`).
fn looks_like_person(text: &str, words: &[Word], i: usize, j: usize) -> bool {
    let after = words.get(j).map(|w| text[w.bytes.clone()].to_lowercase());
    let comma_after = text.get(words[j - 1].bytes.end..).is_some_and(|rest| rest.starts_with(','));
    let reporting = after.as_deref().is_some_and(|a| {
        matches!(a, "said" | "says" | "told" | "added" | "stated" | "noted" | "explained" | "announced" | "stressed")
    });
    let names_only = (i..j).all(|k| {
        let w = &text[words[k].bytes.clone()];
        !is_stop_name(w) && !ORG_HEADS.contains(&w) && !PLACE_HEADS.contains(&w)
    });
    names_only && (reporting || (comma_after && j - i >= 2 && j - i <= 3 && followed_by_role(text, &words[j - 1])))
}

/// `John Smith, a spokesman for ...`: a role noun right after the comma.
fn followed_by_role(text: &str, last: &Word) -> bool {
    let rest = text.get(last.bytes.end..).unwrap_or("");
    let rest = rest.trim_start_matches([',', ' ']);
    let rest = rest.strip_prefix("the ").or_else(|| rest.strip_prefix("a ")).unwrap_or(rest);
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect::<String>().to_lowercase();
    PERSON_TITLES.contains(&word.as_str()) || word == "who"
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

/// A person named in full once is the same person when only the surname
/// (or a title and surname) follows: `Stephen Townsend` ... `Townsend`.
pub(crate) fn resolve_short_names(text: &str, found: &mut [Found]) {
    let mut surnames: HashMap<String, Referent> = HashMap::new();
    for f in found.iter() {
        if let Referent::Discovered { kind: EntityType::Person, name, .. } = &f.referent
            && let Some(last) = name.split_whitespace().last()
            && name.split_whitespace().count() >= 2
        {
            surnames.entry(last.to_string()).or_insert_with(|| f.referent.clone());
        }
    }
    if surnames.is_empty() {
        return;
    }
    for f in found.iter_mut() {
        if let Referent::Discovered { kind: EntityType::Person, name, .. } = &f.referent
            && name.split_whitespace().count() == 1
            && let Some(full) = surnames.get(&text[f.bytes.clone()])
        {
            f.referent = full.clone();
        }
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
    fn sentence_starters_are_not_names() {
        assert!(discovered("The fighting resumed on Monday. However, Officials said little.").is_empty());
    }
}
