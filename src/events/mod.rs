//! The fifth stage: what happened, who did it to whom, where, when, and who
//! says so; and where the report is mainly about.
//!
//! Events are found from trigger words (`data/events/triggers.tsv`) in the
//! body's sentences, coded in the project's types, PLOVER, CAMEO and ACLED
//! (`data/ontology.tsv`), and given their arguments from the clause around
//! the trigger ([`arguments`]), their modality ([`modality`]), death counts
//! ([`fatalities`]), date (the clause's own time, else the claim's, else the
//! report's) and the claim that reports them.

pub mod arguments;
pub mod fatalities;
pub mod focus;
pub mod lexicon;
pub mod modality;
pub mod tokens;

use std::ops::Range;

use self::arguments::{Args, ClauseSpare, Clauses};
use self::lexicon::{Coding, Found, Frame, LEXICON, Pos, Sense};
use self::tokens::{Spare, WordList, Words};
use crate::attribute::Attribution;
use crate::calendar::IsoDate;
use crate::model::{
    Acled, Claim, DateBasis, Entity, EntityType, Event, EventDate, Fatalities, Focus, Label, Modality, Precision, Time,
};
use crate::read::Report;
use crate::segment::Sentences;
use crate::tag::Tags;

/// The events and focus of one report.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    pub events: Vec<Event>,
    pub focus: Focus,
}

/// Find the events of a report and its focus.
pub fn extract(report: &Report, sentences: &Sentences, tags: &Tags, attribution: &Attribution) -> Findings {
    // The claims that touch each sentence: by their own sentence and the
    // sentences their content runs through.
    let mut claims_at: Vec<Vec<&Claim>> = vec![Vec::new(); sentences.spans.len()];
    for c in &attribution.claims {
        let (mut first, mut last) = (c.sentence, c.sentence);
        if let Some(content) = &c.content {
            // Content mostly lies in its claim's own sentence: a byte there
            // is that sentence's, as the sentences lie in order and apart,
            // told without a search of them.
            let own = sentences.spans.get(c.sentence).map(|s| s.bytes.clone()).unwrap_or_default();
            let at = |byte: usize| if own.contains(&byte) { Some(c.sentence) } else { sentences.at(byte) };
            if let Some(s) = at(content.bytes.start) {
                first = first.min(s);
            }
            if let Some(s) = at(content.bytes.end.saturating_sub(1)) {
                last = last.max(s);
            }
        }
        for list in claims_at.iter_mut().take(last + 1).skip(first) {
            list.push(c);
        }
    }
    // Formatting a date costs more than an event's other fields: do it once
    // for every event that falls back to it.
    let report_date = EventDate {
        value: report.date.map(|d| IsoDate(d).to_string()),
        precision: report.date.map(|_| Precision::Day),
        basis: DateBasis::Document,
    };
    // Triggers and word lists are matched in the lowered text.
    let lower = report.text.ascii_lowercase();
    let text = report.text.as_str();
    // Rarely more than two events a sentence: room for that many spares
    // most of the reallocations that would move the large events as the
    // list grows.
    let mut events = Vec::with_capacity(2 * sentences.spans.len());
    let mut spare = Spare::default();
    let mut buffers = Buffers::default();
    for (index, sentence) in sentences.spans.iter().enumerate() {
        let range = sentence.bytes.clone();
        if lower.get(range.clone()).is_none() {
            continue;
        }
        let context =
            Context { report, lower, tags, attribution, claims: &claims_at[index], report_date: &report_date };
        let words = Words::reusing(text, lower, range.clone(), spare);
        sentence_events(&context, index, range, &words, &mut buffers, &mut events);
        spare = words.into_spare();
    }
    for (n, e) in events.iter_mut().enumerate() {
        e.id = event_id(n);
        // Arguments borrowed from a merged event can name the actor as its own
        // target (`IS clashed with IS`): whoever acts is not also acted upon.
        let actors = &e.actors;
        e.targets.retain(|t| !actors.contains(t));
    }
    let focus = focus::focus(report, tags, &events);
    Findings { events, focus }
}

/// `e12`: the id of the `n`th event of a report, its digits written by hand
/// because `format!` costs more than all the rest of naming an event.
fn event_id(n: usize) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let mut id = String::with_capacity(1 + digits.len() - at);
    id.push('e');
    id.extend(digits[at..].iter().map(|&d| char::from(d)));
    id
}

/// Event types that are violence in their own right: a `killed` beside one
/// of them tells its toll rather than a second event.
const VIOLENT: &[&str] = &[
    "attack",
    "clash",
    "ambush",
    "shelling",
    "airstrike",
    "strike",
    "bombing",
    "suicide_bombing",
    "car_bombing",
    "ied",
    "explosion",
    "chemical_attack",
    "massacre",
    "execution",
    "assassination",
];
/// Event types that tell a consequence of violence.
const CONSEQUENCE: &[&str] = &["killing", "wounding"];
/// Types that take a death toll first.
const TOLL_TAKERS: &[&str] = &["casualties", "killing", "massacre"];

/// What the toll and the merges ask of an event type, by the lists above:
/// read once for each coding (see [`Coding`]'s `class`) rather than by
/// comparing a draft's type name with them in every pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct KindClass {
    violent: bool,
    consequence: bool,
    toll_taker: bool,
    casualties: bool,
    attack: bool,
}

impl KindClass {
    fn of(kind: &str) -> Self {
        KindClass {
            violent: VIOLENT.contains(&kind),
            consequence: CONSEQUENCE.contains(&kind),
            toll_taker: TOLL_TAKERS.contains(&kind),
            casualties: kind == "casualties",
            attack: kind == "attack",
        }
    }

    /// Whether an event of this type can be given a death toll, or be
    /// dropped as part of a war's: violence and what it leads to.
    fn takes_toll(self) -> bool {
        self.violent || self.consequence || self.toll_taker
    }

    /// Whether an event of this type tells deaths or wounds in its own right.
    fn tells_casualties(self) -> bool {
        self.consequence || self.casualties
    }
}

/// An event under construction, with what the sentence-level rules need.
/// The merges drop about a quarter of the drafts: the strings only a
/// finished event holds (its coding, trigger text, claim id) are made in
/// [`Draft::into_event`], for the drafts that are kept.
struct Draft<'a> {
    /// The coding the event is given: an air strike's where aircraft are named.
    coded: &'static Coding,
    /// What its type is to the toll and the merges.
    class: KindClass,
    /// The trigger's bytes in the report.
    bytes: Range<usize>,
    claim: Option<&'a Claim>,
    actors: Vec<String>,
    targets: Vec<String>,
    locations: Vec<String>,
    date: EventDate,
    modality: Modality,
    fatalities: Option<Fatalities>,
    tokens: Range<usize>,
    pos: Pos,
    frame: Frame,
    /// The trigger sense's own coding, which gives the ACLED coding.
    coding: usize,
    actor_idx: Vec<usize>,
    target_idx: Vec<usize>,
}

impl Draft<'_> {
    /// The event of sentence `sentence`, with `acled` for its ACLED coding.
    fn into_event(self, report: &Report, sentence: usize, acled: Acled) -> Event {
        let coded = self.coded;
        Event {
            id: String::new(),
            kind: Label::Borrowed(coded.kind),
            plover: Label::Borrowed(coded.plover),
            plover_mode: coded.plover_mode.map(Label::Borrowed),
            cameo: Label::Borrowed(coded.cameo),
            acled,
            trigger: report.text.span(self.bytes),
            actors: self.actors,
            targets: self.targets,
            locations: self.locations,
            date: self.date,
            modality: self.modality,
            fatalities: self.fatalities,
            claim: self.claim.map(|c| c.id.clone()),
            sentence,
        }
    }
}

/// What every sentence of a report is read against.
struct Context<'a> {
    report: &'a Report,
    /// The report's text in ASCII lower case.
    lower: &'a str,
    tags: &'a Tags,
    attribution: &'a Attribution,
    /// The claims that touch this sentence.
    claims: &'a [&'a Claim],
    /// The date of an event that has none of its own nor its claim's.
    report_date: &'a EventDate,
}

/// The lists a sentence fills on its way to its events, kept for the
/// report so that each sentence refills them rather than allocating its own.
#[derive(Default)]
struct Buffers<'a> {
    found: Vec<Found>,
    /// The triggers read: their bytes, tokens and senses.
    readings: Vec<(Range<usize>, Range<usize>, Sense)>,
    /// The times that date something.
    times: Vec<&'a Time>,
    drafts: Vec<Draft<'a>>,
    clauses: ClauseSpare,
}

/// Add to `events` those of the sentence at `range`, whose words are
/// `words`: straight into the report's list, with no list of the
/// sentence's own to copy from.
fn sentence_events<'a>(
    context: &Context<'a>,
    index: usize,
    range: Range<usize>,
    words: &Words,
    buffers: &mut Buffers<'a>,
    events: &mut Vec<Event>,
) {
    let Context { report, lower, tags, attribution, claims, report_date } = *context;
    let Buffers { found, readings, times, drafts, clauses: clause_spare } = buffers;
    let text = report.text.as_str();
    let lex = &*LEXICON;
    lex.triggers_in(words, text, range.end, found);
    if found.is_empty() {
        return;
    }
    let mentions = tags.mentions_in(range.clone());
    found.retain(|f| !mentions.iter().any(|x| x.bytes.start < f.bytes.end && f.bytes.start < x.bytes.end));
    if found.is_empty() {
        return;
    }
    let mut clauses = Clauses::reusing(words, lower, mentions, &tags.entities, std::mem::take(clause_spare));
    readings.clear();
    for Found { bytes, tokens, trigger } in found.drain(..) {
        let Some(sense) = choose_sense(&clauses, &tokens, &lex.triggers[trigger].senses) else { continue };
        if plausible(&clauses, &tokens, lex.codings[sense.coding].kind, sense) {
            readings.push((bytes, tokens, sense));
        }
    }
    if readings.is_empty() {
        *clause_spare = clauses.into_spare();
        return;
    }
    // Times that place something on the calendar: not durations (`P2M`).
    let first_time = tags.times.partition_point(|t| t.span.bytes.start < range.start);
    times.clear();
    times.extend(
        tags.times[first_time..]
            .iter()
            .take_while(|t| t.span.bytes.start < range.end)
            .filter(|t| t.span.bytes.end <= range.end)
            .filter(|t| t.value.as_deref().is_some_and(on_calendar)),
    );
    clauses.set_verbs(readings.iter().filter(|r| r.2.pos == Pos::Verb).map(|r| r.1.start));

    drafts.clear();
    for (bytes, tokens, sense) in readings.drain(..) {
        let coding = match air_strike(words, &tokens, lex.codings[sense.coding].kind) {
            Some(air) => air,
            None => &lex.codings[sense.coding],
        };
        let claim = claim_of(claims, &bytes, index);
        let mut clause = clauses.clause(&tokens);
        // The dateline (`BAGHDAD, May 29 (Xinhua) --`) tells who filed the
        // report and where, not who did what in the sentence it opens: that
        // sentence's clauses start after it (no other is searched for it).
        if let Some(dateline) = &report.dateline
            && range.start < dateline.span.bytes.end
            && dateline.span.bytes.end <= bytes.start
        {
            clause.start = clause.start.max(words.index_at(dateline.span.bytes.end));
        }
        // What a claim reports ends where its content does: `the SDF said`
        // after `IS attacked Raqqa,` names who speaks, not whom IS attacked.
        // (A speaker before the content may be its actor: `the army
        // declared a ceasefire`, `Russia agreed to halt bombing`.)
        if let Some(content) = claim.and_then(|c| c.content.as_ref())
            && content.bytes.start <= bytes.start
            && bytes.end <= content.bytes.end
        {
            clause.end = clause.end.min(words.covering(&content.bytes).end);
        }
        let Args { mut actors, targets, locations } = clauses.arguments(&tokens, &clause, sense, &tags.entities);
        // The speaker acts when the trigger is its reporting verb (`accused`),
        // or speaks of its own troops (`the SDF said its troops captured ...`).
        let speaks = claim.is_some_and(|c| c.cue.bytes.start <= bytes.start && bytes.end <= c.cue.bytes.end);
        if actors.is_empty()
            && sense.frame != Frame::Undergone
            && (speaks || clauses.pronoun_subject(&tokens, &clause))
            && let Some(entity) = claim.and_then(|c| speaker_entity(c, attribution, &tags.entities))
        {
            actors.push(entity);
        }
        let modality =
            modality::modality(words, tokens.clone(), modality_clause(&clauses, &tokens, &clause), &clauses.insertions);
        let clause_bytes = byte_span(words, &clause);
        let date = event_date(times, &bytes, &clause_bytes, claim).unwrap_or_else(|| report_date.clone());
        // The ids of entities `v`, each once, but for those in `except`: in
        // one pass, so that an id left out is never copied.
        let ids = |v: &[usize], except: &[String]| -> Vec<String> {
            let mut out: Vec<String> = Vec::with_capacity(v.len());
            for &i in v {
                let id = &tags.entities[i].id;
                if !out.contains(id) && !except.contains(id) {
                    out.push(id.clone());
                }
            }
            out
        };
        let actor_ids = ids(&actors, &[]);
        let target_ids = ids(&targets, &actor_ids);
        // `..., Ankara said`: a place that is itself the speaker is the
        // government there, not where the event happened, unless the clause
        // names it again. (A place inside the speaker's phrase, `an AFP
        // photographer in Douma`, is often where it happened.) Sought only
        // where the event is placed, and the clause read only where it is
        // placed there.
        let speaking_place =
            claim.and_then(|c| c.source_mention.as_ref()).filter(|_| !locations.is_empty()).and_then(|m| {
                let named = tags.mentions_in(m.bytes.clone());
                let place = named.iter().find(|p| p.bytes == m.bytes)?;
                if !locations.contains(&place.entity) {
                    return None;
                }
                let again = tags
                    .mentions_in(clause_bytes.clone())
                    .iter()
                    .any(|q| q.entity == place.entity && q.bytes != m.bytes);
                (!again).then_some(place.entity)
            });
        let mut locations = locations;
        if let Some(place) = speaking_place {
            locations.retain(|&l| l != place);
        }
        let location_ids = ids(&locations, &actor_ids);
        drafts.push(Draft {
            coded: coding,
            class: coding.class,
            bytes,
            claim,
            actors: actor_ids,
            targets: target_ids,
            locations: location_ids,
            date,
            modality,
            fatalities: None,
            tokens,
            pos: sense.pos,
            frame: sense.frame,
            coding: sense.coding,
            actor_idx: actors,
            target_idx: targets,
        });
    }
    inherit_coordinated_subjects(&clauses, drafts, &tags.entities);
    *clause_spare = clauses.into_spare();
    // Counting the dead is for sentences with an event a toll can belong to.
    if drafts.iter().any(|d| d.class.takes_toll()) {
        let toll = fatalities::in_sentence(words);
        let tells_deaths = toll.is_some() || drafts.iter().any(|d| d.class.tells_casualties());
        if tells_deaths && fatalities::is_war_toll(words, toll.as_ref().map(|t| &t.0)) {
            // A whole war's dead is not an event and not any event's toll.
            drafts.retain(|d| !d.class.tells_casualties());
        } else if let Some((toll, at)) = toll {
            attach_fatalities(drafts, toll, at);
        }
    }
    merge_consequences(drafts);
    merge_generic_attacks(drafts);
    // Coded once the merges have dropped the drafts they fold in: they
    // change no actor and read no coding.
    events.extend(drafts.drain(..).map(|d| {
        let government = d.actor_idx.iter().any(|&a| is_government(&tags.entities[a]));
        let acled = lex.codings[d.coding].acled(government);
        d.into_event(report, index, acled)
    }));
}

fn on_word_boundaries(text: &str, bytes: &Range<usize>) -> bool {
    let joins = |c: char| c.is_alphanumeric() || c == '-';
    // The byte before is the whole character when it is ASCII: decode only otherwise.
    let before = match bytes.start.checked_sub(1).map(|i| text.as_bytes()[i]) {
        Some(b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text[..bytes.start].chars().next_back(),
        None => None,
    };
    let after = crate::text::char_at(text, bytes.end);
    !before.is_some_and(joins) && !after.is_some_and(joins)
}

/// A noun after a determiner, a possessive, a preposition or a name; a verb otherwise.
fn choose_sense(clauses: &Clauses, tokens: &Range<usize>, senses: &[Sense]) -> Option<Sense> {
    let verb = senses.iter().find(|s| s.pos == Pos::Verb).copied();
    let noun = senses.iter().find(|s| s.pos == Pos::Noun).copied();
    let (Some(v), Some(n)) = (verb, noun) else { return verb.or(noun) };
    let w = clauses.words;
    let k = tokens.start;
    if k == 0 {
        return Some(n);
    }
    let prev = w.lower(k - 1);
    if w.has(k - 1, &NOUNISH_BEFORE) || prev.ends_with("'s") || prev.ends_with("\u{2019}s") {
        // `to attack` and `and attacked` are verbs when the word has a verb's ending or follows `to`.
        let form = w.lower(k);
        if prev == "to" || (prev == "and" && (form.ends_with("ed") || form.ends_with("ing"))) {
            return Some(v);
        }
        return Some(n);
    }
    if clauses.args.iter().any(|a| a.tokens.end == k) {
        // `IS suicide attacks`: a name right before; but `the army attacked`.
        let form = w.lower(k);
        return Some(if form.ends_with("ed") { v } else { n });
    }
    Some(v)
}

/// Words after which a trigger that can be either is a noun.
pub(crate) const NOUNISH_BEFORE: WordList = WordList::new(
    27,
    &[
        "the",
        "a",
        "an",
        "its",
        "their",
        "his",
        "her",
        "this",
        "these",
        "those",
        "of",
        "in",
        "on",
        "after",
        "during",
        "against",
        "amid",
        "new",
        "fresh",
        "heavy",
        "deadly",
        "latest",
        "recent",
        "major",
        "renewed",
        "massive",
        "no",
        "any",
        "for",
        "by",
        "with",
        "to",
        "two",
        "several",
        "separate",
        "military",
        "ground",
        "suspected",
        "fierce",
        "violent",
        "first",
        "second",
        "and",
    ],
);

/// Readings that need more than the word: `lost` speaks of casualties only
/// with people or a count after it; a `deal` is an agreement only as a noun.
fn plausible(clauses: &Clauses, tokens: &Range<usize>, kind: &str, sense: Sense) -> bool {
    let w = clauses.words;
    let k = tokens.end;
    match kind {
        "casualties" if sense.pos == Pos::Verb => (k..k + 5).any(|j| {
            fatalities::count_at(w, j).is_some()
                || w.is_any(j, &["fighters", "soldiers", "men", "members", "troops", "lives", "personnel"])
        }),
        _ => !(w.is(tokens.start, "strike") && tokens.start > 0 && w.is(tokens.start - 1, "hunger")),
    }
}

/// Aircraft: `warplanes bombed`, `jets struck` are air strikes.
pub(crate) const AIRCRAFT: WordList = WordList::new(
    26,
    &[
        "warplanes",
        "warplane",
        "jets",
        "jet",
        "aircraft",
        "aircrafts",
        "planes",
        "helicopters",
        "helicopter",
        "drones",
        "drone",
        "bombers",
        "air",
    ],
);

/// A bombing or strike by aircraft named just before it is an air strike.
fn air_strike(words: &tokens::Words, tokens: &Range<usize>, kind: &str) -> Option<&'static lexicon::Coding> {
    if !matches!(kind, "bombing" | "strike" | "shelling" | "attack") {
        return None;
    }
    let from = tokens.start.saturating_sub(3);
    (from..tokens.start).any(|k| words.has(k, &AIRCRAFT)).then(|| LEXICON.coding("airstrike")).flatten()
}

/// The clause a modality cue may come from: back to the clause start, and
/// on to the next clause break but no further than twelve words.
fn modality_clause(clauses: &Clauses, tokens: &Range<usize>, c: &Range<usize>) -> Range<usize> {
    let w = clauses.words;
    let mut end = w.len().min(tokens.end + 12);
    // A sentence with no break word is not walked for one.
    let breaks = if w.anywhere(&modality::CLAUSE_BREAK) { tokens.end..end } else { 0..0 };
    for k in breaks {
        if w.has(k, &modality::CLAUSE_BREAK) {
            end = k;
            break;
        }
    }
    c.start..end
}

/// `X attacked Y and killed Z`, `..., killing 12`: a verb joined to an
/// earlier one shares its subject.
fn inherit_coordinated_subjects(clauses: &Clauses, drafts: &mut [Draft<'_>], entities: &[Entity]) {
    let w = clauses.words;
    for i in 1..drafts.len() {
        if drafts[i].pos != Pos::Verb || drafts[i].frame == Frame::Undergone {
            continue;
        }
        let k = drafts[i].tokens.start;
        let form = w.lower(k);
        let mut j = k;
        while j > 0 && w.is_any(j - 1, &["also", "then", "reportedly", "later"]) {
            j -= 1;
        }
        let joined = j > 0 && (w.is(j - 1, "and") || (w.has(j - 1, &arguments::COMMA) && form.ends_with("ing")));
        // `fighting to liberate`: the verb before `to` lends its subject.
        let purpose = j > 1 && w.is(j - 1, "to");
        let prev = if purpose {
            drafts[..i].iter().rev().find(|d| d.tokens.end == j - 1 && !d.actor_idx.is_empty())
        } else if joined {
            drafts[..i].iter().rev().find(|d| d.pos == Pos::Verb && !d.actor_idx.is_empty())
        } else {
            None
        };
        let Some(prev) = prev else { continue };
        if !drafts[i].actor_idx.is_empty() && !purpose {
            continue;
        }
        let actors = prev.actor_idx.clone();
        let d = &mut drafts[i];
        d.target_idx.retain(|t| !actors.contains(t));
        d.targets = d.target_idx.iter().map(|&t| entities[t].id.clone()).collect();
        d.targets.dedup();
        d.actors = actors.iter().map(|&a| entities[a].id.clone()).collect();
        d.actors.dedup();
        d.actor_idx = actors;
    }
}

/// Give the sentence's death count to the event it belongs to: a killing
/// or casualty event nearest it, else the nearest violent event.
fn attach_fatalities(drafts: &mut [Draft<'_>], toll: Fatalities, at: usize) {
    let distance = |d: &Draft<'_>| d.tokens.start.abs_diff(at);
    let pick = |of_type: fn(KindClass) -> bool| {
        drafts.iter().enumerate().filter(|(_, d)| of_type(d.class)).min_by_key(|(_, d)| distance(d)).map(|(i, _)| i)
    };
    if let Some(i) = pick(|c| c.toll_taker).or_else(|| pick(|c| c.violent)) {
        drafts[i].fatalities = Some(toll);
    }
}

/// `An airstrike killed 12 civilians`: one event, the airstrike, with its
/// toll; the killing and wounding are folded into the nearest violent event.
fn merge_consequences(drafts: &mut Vec<Draft<'_>>) {
    // The hosts are the violent drafts, read where they lie rather than
    // listed: absorbing changes no draft's class or tokens.
    if !drafts.iter().any(|d| d.class.violent) {
        return;
    }
    let mut remove = Vec::new();
    for i in 0..drafts.len() {
        if !drafts[i].class.consequence {
            continue;
        }
        let at = drafts[i].tokens.start;
        let nearest =
            drafts.iter().enumerate().filter(|(_, d)| d.class.violent).min_by_key(|(_, d)| d.tokens.start.abs_diff(at));
        let Some((h, _)) = nearest else {
            continue;
        };
        let [host, consequence] = drafts.get_disjoint_mut([h, i]).expect("a consequence is never a host");
        absorb(host, consequence);
        remove.push(i);
    }
    drop_drafts(drafts, &remove);
}

/// Fold `other` into `host`: what the host lacks (a toll, actors, targets,
/// places), the absorbed event supplies. `other` is about to be dropped, so
/// its parts are moved rather than copied.
fn absorb(host: &mut Draft<'_>, other: &mut Draft<'_>) {
    for (mine, theirs) in [
        (&mut host.actors, &mut other.actors),
        (&mut host.targets, &mut other.targets),
        (&mut host.locations, &mut other.locations),
    ] {
        if mine.is_empty() {
            *mine = std::mem::take(theirs);
        }
    }
    if host.fatalities.is_none() {
        host.fatalities = other.fatalities.take();
    }
}

/// Drop the drafts at the given indices, keeping the others in order.
fn drop_drafts(drafts: &mut Vec<Draft<'_>>, remove: &[usize]) {
    if remove.is_empty() {
        return;
    }
    let mut n = 0;
    drafts.retain(|_| {
        let keep = !remove.contains(&n);
        n += 1;
        keep
    });
}

/// `attacked with shells`, `attacks with rocket shells`: one happening told
/// by a generic word and a specific one; the specific event keeps it all.
fn merge_generic_attacks(drafts: &mut Vec<Draft<'_>>) {
    const NEAR: usize = 4;
    let mut remove = Vec::new();
    for i in 0..drafts.len() {
        if !drafts[i].class.attack {
            continue;
        }
        let at = drafts[i].tokens.clone();
        let specific = drafts.iter().position(|d| {
            !d.class.attack
                && d.class.violent
                && d.tokens.start.abs_diff(at.end) <= NEAR
                && d.modality == drafts[i].modality
        });
        let Some(j) = specific else { continue };
        let [specific, generic] = drafts.get_disjoint_mut([j, i]).expect("a specific event is not the generic one");
        absorb(specific, generic);
        remove.push(i);
    }
    drop_drafts(drafts, &remove);
}

/// The claim that reports what is at `bytes`: one whose content holds it,
/// or whose cue is it (`accused`), or a claim of the sentence without content.
fn claim_of<'c>(claims: &[&'c Claim], bytes: &Range<usize>, sentence: usize) -> Option<&'c Claim> {
    let holds = |r: &Range<usize>| r.start <= bytes.start && bytes.end <= r.end;
    claims
        .iter()
        .find(|c| c.content.as_ref().is_some_and(|s| holds(&s.bytes)))
        .or_else(|| claims.iter().find(|c| c.cue.bytes.start < bytes.end && bytes.start < c.cue.bytes.end))
        .or_else(|| claims.iter().find(|c| c.sentence == sentence && c.content.is_none()))
        .copied()
}

/// The entity of the source that makes a claim.
fn speaker_entity(claim: &Claim, attribution: &Attribution, entities: &[Entity]) -> Option<usize> {
    let source = attribution.sources.iter().find(|s| Some(&s.id) == claim.source.as_ref())?;
    let id = source.entity.as_ref()?;
    entities.iter().position(|e| &e.id == id)
}

/// A government or state force, for ACLED's `Government regains territory`.
fn is_government(e: &Entity) -> bool {
    matches!(e.subtype.as_deref(), Some("state" | "military" | "government" | "country"))
}

/// The event's date: a time in its own words, else the claim's time (`said
/// Thursday`); `None` leaves it to the report's date.
fn event_date(
    times: &[&Time],
    trigger: &Range<usize>,
    clause: &Range<usize>,
    claim: Option<&Claim>,
) -> Option<EventDate> {
    let content = claim.and_then(|c| c.content.as_ref()).map(|s| s.bytes.clone());
    let in_content =
        |t: &Time| content.as_ref().is_none_or(|c| c.start <= t.span.bytes.start && t.span.bytes.end <= c.end);
    // Durations (`for two years`) and clock times carry no precision: they date nothing.
    let dates = |t: &Time| t.precision.is_some() && t.value.is_some();
    let inside =
        |t: &Time| dates(t) && in_content(t) && clause.start <= t.span.bytes.start && t.span.bytes.end <= clause.end;
    let distance = |t: &Time| {
        if t.span.bytes.start >= trigger.end {
            t.span.bytes.start - trigger.end
        } else {
            trigger.start.saturating_sub(t.span.bytes.end)
        }
    };
    let own = times.iter().filter(|t| inside(t)).min_by_key(|t| distance(t));
    if let Some(t) = own {
        return Some(EventDate { value: t.value.clone(), precision: t.precision, basis: DateBasis::Explicit });
    }
    let said = claim.and_then(|_| times.iter().filter(|t| dates(t) && !in_content(t)).min_by_key(|t| distance(t)))?;
    Some(EventDate { value: said.value.clone(), precision: said.precision, basis: DateBasis::Claim })
}

/// Whether a time's value places it on the calendar, as the timeline's
/// [`date_bounds`](crate::report::timeline::date_bounds) reads it. A day
/// (`2017-06-22`), an interval of two, a month (`2017-06`) or a year, most
/// values, is told by its digits here, and a duration or a clock time
/// (`P2M`, `T14:00`) by its first letter, which no value the parser places
/// starts with; only the rest go through the parser and its format string.
fn on_calendar(value: &str) -> bool {
    let v = value.as_bytes();
    let digits = |ds: &[u8]| ds.iter().all(u8::is_ascii_digit);
    let told = match v.len() {
        _ if v.first().is_some_and(u8::is_ascii_alphabetic) => Some(false),
        4 if digits(v) => Some(true),
        7 if v[4] == b'-' && digits(&v[..4]) && digits(&v[5..]) => Some(matches!(number(&v[5..]), 1..=12)),
        10 => real_day(v),
        // The first `/` parts an interval, and a day holds none.
        21 if v[10] == b'/' => real_day(&v[..10]).zip(real_day(&v[11..])).map(|(from, to)| from && to),
        _ => None,
    };
    told.unwrap_or_else(|| crate::report::timeline::date_bounds(value).is_some())
}

/// The number ASCII digits `ds` write.
fn number(ds: &[u8]) -> u32 {
    ds.iter().fold(0, |n, &d| n * 10 + u32::from(d - b'0'))
}

/// Whether `bytes` written `dddd-dd-dd` name a day of the calendar; `None`
/// when they are written otherwise.
fn real_day(bytes: &[u8]) -> Option<bool> {
    let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = bytes else { return None };
    let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let year = i32::try_from(number(&digits[..4])).expect("four digits fit an i32");
    Some(chrono::NaiveDate::from_ymd_opt(year, number(&digits[4..6]), number(&digits[6..])).is_some())
}

/// The bytes a token range covers.
fn byte_span(words: &tokens::Words, range: &Range<usize>) -> Range<usize> {
    match (words.tokens.get(range.start), range.end.checked_sub(1).and_then(|e| words.tokens.get(e))) {
        (Some(a), Some(b)) if range.start < range.end => a.bytes.start..b.bytes.end,
        _ => 0..0,
    }
}

/// Whether an entity is a place (for callers that hold only ids).
pub fn is_place(e: &Entity) -> bool {
    e.kind == EntityType::Location
}

/// A death toll's lower bound, for sums: ACLED counts the conservative figure.
pub fn conservative(f: &Fatalities) -> u32 {
    f.min.or(f.max).unwrap_or(0)
}

/// Every word list the rules test tokens against, so that each token's
/// lists are looked up once per sentence.
pub(crate) const WORD_LISTS: &[&WordList] = &[
    &arguments::GOVERNORS,
    &arguments::LIGHT_VERBS,
    &arguments::UNREAL_HEADS,
    &arguments::MEMBER_NOUNS,
    &arguments::LOCATIVE,
    &arguments::FORCE_NOUNS,
    &arguments::CLAUSE_VERBS,
    &arguments::LEFT_BREAK,
    &arguments::RIGHT_BREAK,
    &arguments::BE,
    &arguments::ADVERBS,
    &arguments::COORDINATION,
    &arguments::DETERMINERS,
    &arguments::PRONOUNS,
    &arguments::COMMA,
    &arguments::COLONS,
    &arguments::BY,
    &arguments::OBJECT_PREPOSITIONS,
    &arguments::MODIFIER_ADJECTIVES,
    &arguments::POSSESSED_ADJECTIVES,
    &arguments::PARTICLES,
    &fatalities::STARTERS,
    &fatalities::BOUND_STARTS,
    &fatalities::DEATH_WORDS,
    &fatalities::HURT_WORDS,
    &fatalities::FILLER,
    &fatalities::PEOPLE,
    &fatalities::WARS,
    &fatalities::SINCE,
    &fatalities::PERFECT,
    &modality::MODALS,
    &modality::NEGATION,
    &modality::HYPOTHETICAL,
    &modality::CONDITIONS,
    &modality::FUTURE,
    &modality::FUTURE_BEFORE_TO,
    &modality::ATTEMPT_BEFORE_TO,
    &modality::CLAUSE_BREAK,
    &modality::IN,
    &self::AIRCRAFT,
    &self::NOUNISH_BEFORE,
    &tokens::TRIGGER_STARTS,
    &modality::PHRASE_NOUNS,
];

#[cfg(test)]
pub(crate) mod testkit;

#[cfg(test)]
mod tests;
