//! The event ontology (`data/ontology.tsv`) and the trigger lexicon
//! (`data/events/triggers.tsv`), parsed once and matched in one
//! aho-corasick pass over a report.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::model::Acled;

/// One event type coded in PLOVER, CAMEO and ACLED.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coding {
    pub kind: String,
    pub plover: String,
    pub plover_mode: Option<String>,
    pub cameo: String,
    pub acled_event_type: Option<String>,
    pub acled_sub_event_type: Option<String>,
    /// The sub-event type when a government or state force is the actor
    /// (`Government regains territory`).
    pub acled_sub_event_type_government: Option<String>,
}

impl Coding {
    /// ACLED's coding, by whether a government force acts.
    pub fn acled(&self, government_actor: bool) -> Acled {
        let sub = if government_actor && self.acled_sub_event_type_government.is_some() {
            self.acled_sub_event_type_government.clone()
        } else {
            self.acled_sub_event_type.clone()
        };
        Acled { event_type: self.acled_event_type.clone(), sub_event_type: sub }
    }
}

/// The part of speech a trigger form has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Pos {
    Verb,
    Noun,
}

/// How a trigger's arguments sit around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Frame {
    /// Someone does it to someone: subject = actor, object = target.
    Transitive,
    /// Someone does it: subject = actor.
    Intransitive,
    /// It happens to someone: subject = target (`12 soldiers died`).
    Undergone,
    /// Someone says it of someone (`accused the US`): like `Transitive`,
    /// but where it was said is not where what it speaks of happened.
    Said,
}

impl Frame {
    /// Whether the trigger's object is its target.
    pub fn takes_object(self) -> bool {
        matches!(self, Frame::Transitive | Frame::Said)
    }
}

/// One reading of a trigger form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sense {
    /// Index into [`Lexicon::codings`].
    pub coding: usize,
    pub pos: Pos,
    pub frame: Frame,
}

/// A trigger form and its readings (at most one per part of speech).
#[derive(Debug, Clone)]
pub struct Trigger {
    pub form: String,
    pub senses: Vec<Sense>,
}

/// The ontology and trigger lexicon, loaded once.
#[derive(Debug)]
pub struct Lexicon {
    pub codings: Vec<Coding>,
    pub triggers: Vec<Trigger>,
    /// The trigger forms, to search text in ASCII lower case.
    pub matcher: AhoCorasick,
}

static ONTOLOGY_TSV: &str = include_str!("../../data/ontology.tsv");
static TRIGGERS_TSV: &str = include_str!("../../data/events/triggers.tsv");

pub static LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::parse(ONTOLOGY_TSV, TRIGGERS_TSV).expect("the embedded event lexicon is well-formed"));

fn rows(tsv: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    tsv.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, l)| (n + 1, l.split('\t').map(str::trim).collect()))
}

fn cell(s: Option<&&str>) -> Option<String> {
    s.filter(|c| !c.is_empty()).map(|c| c.to_string())
}

impl Lexicon {
    /// Parse the two tables; an error names the line that is wrong.
    pub fn parse(ontology: &str, triggers: &str) -> Result<Lexicon, String> {
        let mut codings = Vec::new();
        let mut by_kind = BTreeMap::new();
        for (n, row) in rows(ontology) {
            if row.first() == Some(&"type") {
                continue;
            }
            if row.len() < 4 {
                return Err(format!("ontology line {n}: expected at least 4 tab-separated columns"));
            }
            by_kind.insert(row[0].to_string(), codings.len());
            codings.push(Coding {
                kind: row[0].to_string(),
                plover: row[1].to_string(),
                plover_mode: cell(row.get(2)),
                cameo: row[3].to_string(),
                acled_event_type: cell(row.get(4)),
                acled_sub_event_type: cell(row.get(5)),
                acled_sub_event_type_government: cell(row.get(6)),
            });
        }
        let mut forms: BTreeMap<String, Vec<Sense>> = BTreeMap::new();
        for (n, row) in rows(triggers) {
            if row.len() != 4 {
                return Err(format!("trigger line {n}: expected 4 tab-separated columns"));
            }
            let coding = *by_kind.get(row[1]).ok_or_else(|| format!("trigger line {n}: unknown type {:?}", row[1]))?;
            let pos = match row[2] {
                "v" => Pos::Verb,
                "n" => Pos::Noun,
                other => return Err(format!("trigger line {n}: part of speech {other:?} is not v or n")),
            };
            let frame = match row[3] {
                "t" => Frame::Transitive,
                "i" => Frame::Intransitive,
                "u" => Frame::Undergone,
                "s" => Frame::Said,
                other => return Err(format!("trigger line {n}: frame {other:?} is not t, i, u or s")),
            };
            for form in row[0].split('|').map(str::trim).filter(|f| !f.is_empty()) {
                let senses = forms.entry(form.to_ascii_lowercase()).or_default();
                if !senses.iter().any(|s| s.pos == pos) {
                    senses.push(Sense { coding, pos, frame });
                }
            }
        }
        let triggers: Vec<Trigger> = forms.into_iter().map(|(form, senses)| Trigger { form, senses }).collect();
        // Searched in lower-cased text: a case-sensitive automaton has fewer
        // byte classes, so it is quicker to build than a case-insensitive one.
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            // A few hundred short forms: a DFA is small and the fastest to search.
            .kind(Some(AhoCorasickKind::DFA))
            .build(triggers.iter().map(|t| t.form.as_str()))
            .map_err(|e| format!("trigger lexicon: {e}"))?;
        Ok(Lexicon { codings, triggers, matcher })
    }

    /// The coding of an event type by its name.
    pub fn coding(&self, kind: &str) -> Option<&Coding> {
        self.codings.iter().find(|c| c.kind == kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_tables_parse_and_code_the_named_examples() {
        let lex = &*LEXICON;
        let siege = lex.coding("siege").unwrap();
        assert_eq!((siege.plover.as_str(), siege.cameo.as_str()), ("COERCE", "191"));
        assert_eq!(siege.acled_event_type.as_deref(), Some("Strategic developments"));
        let capture = lex.coding("capture").unwrap();
        assert_eq!(capture.cameo, "192");
        assert_eq!(capture.acled(false).sub_event_type.as_deref(), Some("Non-state actor overtakes territory"));
        assert_eq!(capture.acled(true).sub_event_type.as_deref(), Some("Government regains territory"));
        let suicide = lex.coding("suicide_bombing").unwrap();
        assert_eq!((suicide.plover.as_str(), suicide.cameo.as_str()), ("ASSAULT", "1831"));
        assert_eq!(suicide.acled(false).sub_event_type.as_deref(), Some("Suicide bomb"));
        let accuse = lex.coding("accusation").unwrap();
        assert_eq!((accuse.plover.as_str(), accuse.cameo.as_str()), ("ACCUSE", "112"));
        assert_eq!(accuse.acled(false).event_type, None);
    }

    #[test]
    fn every_trigger_type_is_in_the_ontology() {
        for t in &LEXICON.triggers {
            for s in &t.senses {
                assert!(s.coding < LEXICON.codings.len(), "{}", t.form);
            }
        }
    }

    #[test]
    fn bad_rows_are_named() {
        let err = Lexicon::parse("siege\tCOERCE\t\t191\n", "siege\tsiegee\tn\tt\n").unwrap_err();
        assert!(err.contains("line 1") && err.contains("siegee"), "{err}");
        let err = Lexicon::parse("siege\tCOERCE\t\t191\n", "siege\tsiege\tx\tt\n").unwrap_err();
        assert!(err.contains("part of speech"), "{err}");
    }
}
