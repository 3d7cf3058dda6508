use super::*;
use crate::model::{Document, SourceKind};
use crate::pipeline::Analyzer;
use crate::read::{Content, RawReport};

fn analyze(text: &str) -> Document {
    let raw = RawReport { id: "t".into(), path: None, content: Content::Bytes(text.as_bytes().to_vec()) };
    Analyzer::default().analyze(raw).expect("the test text reads")
}

fn source_of<'a>(doc: &'a Document, claim: &Claim) -> Option<&'a Source> {
    doc.sources.iter().find(|s| Some(&s.id) == claim.source.as_ref())
}

/// Each claim's speaker as written, for the claims that name one.
fn speaker_mentions(doc: &Document) -> Vec<&str> {
    doc.claims.iter().filter_map(|c| c.source_mention.as_ref()).map(|m| m.text.as_str()).collect()
}

/// Each claim's speaker as written and what was said.
fn speakers_and_contents(doc: &Document) -> Vec<(Option<&str>, Option<&str>)> {
    doc.claims
        .iter()
        .map(|c| (c.source_mention.as_ref().map(|m| m.text.as_str()), c.content.as_ref().map(|m| m.text.as_str())))
        .collect()
}

/// That the claims' speakers and contents are `expected`, in order.
fn assert_said(doc: &Document, expected: &[(Option<&str>, Option<&str>)]) {
    assert_eq!(speakers_and_contents(doc), expected, "{:#?}", doc.claims);
}

/// The entity of each claim's source.
fn source_entities(doc: &Document) -> Vec<Option<&str>> {
    doc.claims.iter().map(|c| source_of(doc, c).and_then(|s| s.entity.as_deref())).collect()
}

/// A report written the way the wire writes one: an anonymous source, a
/// pronoun, an organisation's statement, a monitor and an accusation.
const WIRE: &str = " date 2017-06-23 Forces close in on Tabqa\n\n\
DAMASCUS, June 22 (Xinhua) -- Kurdish-led fighters have encircled the town of Tabqa, a military source told Xinhua Thursday.\n\n\
The encirclement is complete and talks on a withdrawal may resume within days, the source said, on condition of anonymity.\n\n\
He said that dozens of fighters had been killed in the past week of battles.\n\n\
Earlier in the day, the alliance said in a statement that its units have reached the dam, adding that the town would fall soon.\n\n\
The Syrian Observatory for Human Rights said Thursday that jets will strike convoys leaving the town.\n\n\
Local media outlets have repeatedly accused the coalition of sparing the militants.\n";

#[test]
fn a_wire_report_yields_its_sources_and_claims() {
    let doc = analyze(WIRE);
    let cues: Vec<(&str, usize)> = doc.claims.iter().map(|c| (c.cue.text.as_str(), c.sentence)).collect();
    assert_eq!(
        cues,
        [("told Xinhua", 0), ("said", 1), ("said", 2), ("said", 3), ("adding", 3), ("said", 4), ("accused", 5)]
    );
    // The anonymous source carries sentences 0 to 2.
    let anon: Vec<&Source> = doc.sources.iter().filter(|s| s.kind == SourceKind::Anonymous).collect();
    assert_eq!(anon.len(), 1, "{:#?}", doc.sources);
    assert_eq!(anon[0].name, "a military source");
    for c in &doc.claims[..3] {
        assert_eq!(c.source.as_ref(), Some(&anon[0].id));
    }
    let mentions: Vec<&str> = anon[0].mentions.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(mentions, ["a military source", "the source", "He"]);
    // Xinhua is the channel, not a source.
    for c in &doc.claims {
        assert_eq!(c.channel.as_deref(), Some("Xinhua"), "the dateline's outlet, or the one told");
    }
    assert!(doc.sources.iter().all(|s| s.name != "Xinhua"));
    assert_eq!(
        doc.claims[0].content.as_ref().map(|c| c.text.as_str()),
        Some("Kurdish-led fighters have encircled the town of Tabqa")
    );
    assert_eq!(
        doc.claims[2].content.as_ref().map(|c| c.text.as_str()),
        Some("that dozens of fighters had been killed in the past week of battles")
    );
    // The statement and its `adding` clause share a speaker; each has its own content.
    let (said, adding) = (&doc.claims[3], &doc.claims[4]);
    assert_eq!(said.source, adding.source);
    assert_eq!(said.content.as_ref().map(|c| c.text.as_str()), Some("that its units have reached the dam"));
    assert_eq!(adding.content.as_ref().map(|c| c.text.as_str()), Some("that the town would fall soon"));
    let observatory = source_of(&doc, &doc.claims[5]).expect("the monitor is a source");
    assert_eq!(observatory.name, "Syrian Observatory for Human Rights");
    assert_eq!(observatory.kind, SourceKind::Organization);
    let media = source_of(&doc, &doc.claims[6]).expect("the media are a source");
    assert_eq!(media.kind, SourceKind::Media);
    assert_eq!(media.name, "Local media outlets");
    assert_eq!(doc.sources.len(), 4, "{:#?}", doc.sources);
    assert_eq!(doc.sources.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["s0", "s1", "s2", "s3"]);
}

#[test]
fn direct_quotes_before_and_after_the_cue() {
    let doc = analyze(
        "Fighting resumed.\n\n\"We will not leave the city,\" said Ahmed Hassan, a commander of the brigade. \"Our men hold the bridge.\"\n\n\
         The governor told reporters: \"The road is open.\"\n",
    );
    assert_eq!(doc.claims.len(), 2, "{:#?}", doc.claims);
    let first = &doc.claims[0];
    assert_eq!(first.kind, ClaimKind::Direct);
    assert_eq!(first.source_mention.as_ref().map(|m| m.text.as_str()), Some("Ahmed Hassan"));
    let content = first.content.as_ref().map(|c| c.text.as_str()).unwrap_or("");
    assert!(content.starts_with("\"We will not") && content.ends_with("the bridge.\""), "{content}");
    assert_eq!(source_of(&doc, first).map(|s| s.kind), Some(SourceKind::Person));
    let second = &doc.claims[1];
    assert_eq!(second.cue.text, "told reporters");
    assert_eq!(second.content.as_ref().map(|c| c.text.as_str()), Some("\"The road is open.\""));
    assert_eq!(source_of(&doc, second).map(|s| s.kind), Some(SourceKind::Government));
}

#[test]
fn a_quote_carried_over_a_paragraph_break() {
    let doc = analyze(
        "The commander said: \"We entered the old city at dawn.\n\n\"The militants fled toward the river.\"\n\nLater the army moved in.\n",
    );
    assert_eq!(doc.claims.len(), 1);
    let content = doc.claims[0].content.as_ref().map(|c| c.text.as_str()).unwrap_or("");
    assert!(content.ends_with("toward the river.\""), "{content}");
}

#[test]
fn according_to_and_the_passive() {
    let doc = analyze(
        "At least 12 civilians were killed in the strikes, according to the Syrian Observatory for Human Rights.\n\n\
         It was reported that the bridge had been destroyed.\n\n\
         According to residents, the town is under siege.\n",
    );
    let cues: Vec<&str> = doc.claims.iter().map(|c| c.cue.text.as_str()).collect();
    assert_eq!(cues, ["according to", "was reported", "According to"]);
    assert_eq!(
        doc.claims[0].content.as_ref().map(|c| c.text.as_str()),
        Some("At least 12 civilians were killed in the strikes")
    );
    assert_eq!(doc.claims[1].source, None);
    assert_eq!(doc.claims[2].content.as_ref().map(|c| c.text.as_str()), Some("the town is under siege"));
    let residents = source_of(&doc, &doc.claims[2]).map(|s| s.kind);
    assert_eq!(residents, Some(SourceKind::Anonymous));
}

#[test]
fn relative_pronouns_and_appositives_name_the_speaker() {
    let doc = analyze(
        "The ministry, which runs the prisons, said the detainees were released.\n\n\
         Omar Saleh, a spokesman for the council, said the talks had failed.\n\n\
         A lawyer for the families, Sami Nader, said no decision had been made.\n\n\
         United States Central Command, which leads the coalition, said the strike killed two.\n",
    );
    let mentions = speaker_mentions(&doc);
    assert_eq!(
        mentions,
        ["The ministry", "Omar Saleh", "A lawyer for the families", "United States Central Command"],
        "{:#?}",
        doc.claims
    );
    let names: Vec<&str> = doc.sources.iter().map(|s| s.name.as_str()).collect();
    // A source the gazetteer knows takes its canonical name.
    assert_eq!(names, ["ministry", "Omar Saleh", "A lawyer for the families", "US Central Command"]);
    assert_eq!(doc.sources[3].entity.as_deref(), Some("centcom"), "{:#?}", doc.sources[3]);
    assert_eq!(doc.claims[1].content.as_ref().map(|c| c.text.as_str()), Some("the talks had failed"));
}

/// The name opening a clause speaks past an introductory phrase (`In a
/// statement,`) and past as many as four comma-set phrases.
#[test]
fn a_speaker_is_found_past_an_introduction_and_many_appositives() {
    let doc = analyze(
        "In a statement, one of the family's lawyers, Sami Nader, said the videos were clear.\n\n\
         Jane Doe, 59, of Ashton, Md., who watched the ceremony, said it brought back memories.\n",
    );
    let mentions = speaker_mentions(&doc);
    assert_eq!(mentions, ["one of the family's lawyers", "Jane Doe"], "{:#?}", doc.claims);
}

/// `X did Y, saying Z`: the clause's subject speaks, its verb left out of
/// the phrase whether its object is a phrase or a name, but a past form that
/// modifies a noun stays in it. A description the commas set off after the
/// subject is passed over, as it is before `and said`; a list is not.
#[test]
fn a_participle_after_a_clause_is_said_by_its_subject() {
    let doc = analyze(
        "The SDF issued a statement on Sunday, saying its fighters had taken the dam.\n\n\
         The armed group released a video, saying the town had fallen.\n\n\
         According to figures compiled by the council, 20 people died.\n\n\
         The Observatory relies on a network of sources and says the toll is rising.\n\n\
         The delegation met with the envoy, saying the talks had failed.\n\n\
         The group attacked Trump on Friday, saying he had lied.\n\n\
         The besieged Syrian town said it had run out of bread.\n\n\
         Turkey, the rebels' main backer, shelled the town, saying it was defending itself.\n\n\
         The SDF, which is backed by the US, took the dam and said the town would fall.\n\n\
         Turkey, the rebels' main backer, and Russia shelled the town, saying it was a base.\n",
    );
    let mentions = speaker_mentions(&doc);
    assert_eq!(
        mentions,
        [
            "The SDF",
            "The armed group",
            "figures compiled",
            "The Observatory",
            "The delegation",
            "The group",
            "The besieged Syrian town",
            "Turkey",
            "The SDF"
        ],
        "{:#?}",
        doc.claims
    );
}

/// `X did Y by saying Z`: the gerund tells how the subject did it, and the
/// subject speaks; after other prepositions it may be someone else's words.
#[test]
fn saying_after_by_is_said_by_the_subject() {
    let doc = analyze(
        "The council ended its meeting by saying the crossing would reopen.\n\n\
         The minister was criticised for saying the war was over.\n",
    );
    assert_said(&doc, &[(Some("The council"), Some("the crossing would reopen"))]);
}

/// A name after a common noun opens a new phrase: it speaks even after a
/// preposition's object (`In a meeting Trump said`), and in an archive that
/// lost its commas what comes before it is what was said.
#[test]
fn a_name_after_a_stray_noun_speaks() {
    let doc = analyze(
        "In a meeting Jane Doe said that the crossing would reopen.\n\n\
         Most of those killed were in their homes Omar Hadi said.\n",
    );
    assert_said(
        &doc,
        &[
            (Some("Jane Doe"), Some("that the crossing would reopen")),
            (Some("Omar Hadi"), Some("Most of those killed were in their homes")),
        ],
    );
}

/// `called` reports a claim when it names what something is (`called the
/// strike an act of aggression`) or asks for something (`called Friday for`),
/// not when it names a thing or a person rung up.
#[test]
fn calling_something_a_thing_is_a_claim() {
    let doc = analyze(
        "Russia called the strike an act of aggression.\n\n\
         The Pentagon has called it a defensive strike.\n\n\
         An operation called the Euphrates Shield began in August.\n\n\
         The minister called Jane Doe on Friday to thank her.\n\n\
         One of the envoys who signed the letter called the truce a sham.\n\n\
         The governor called Friday for an inquiry.\n\n\
         The minister called half of the rebels' foreign backers \"terrorists.\"\n\n\
         The town is held by a group called Jaish al-Fatah, which says its fighters are \"ready.\"\n",
    );
    assert_said(
        &doc,
        &[
            (Some("Russia"), Some("the strike an act of aggression")),
            (Some("The Pentagon"), Some("it a defensive strike")),
            (Some("One of the envoys"), Some("the truce a sham")),
            (Some("The governor"), Some("for an inquiry")),
            (Some("The minister"), Some("half of the rebels' foreign backers \"terrorists.\"")),
            (Some("which"), Some("its fighters are \"ready.\"")),
        ],
    );
}

/// A place after `in`/`from` says where a speaker is, not who (`residents
/// in Aleppo` are not Aleppo's government); a name closing a description is
/// who speaks (`the chairman of the Network Fadel Abdul Ghani`).
#[test]
fn a_speaker_is_the_head_not_where_it_is() {
    let doc = analyze(
        "Residents in Aleppo said prices were rising.\n\n\
         The defence ministry in Moscow said the strikes hit IS.\n\n\
         The chairman of the Syrian Network for Human Rights Fadel Abdul Ghani said 12 died.\n\n\
         The White Helmets in the north said five people died.\n",
    );
    let sources: Vec<(&str, SourceKind, Option<&str>)> = doc
        .claims
        .iter()
        .filter_map(|c| source_of(&doc, c))
        .map(|s| (s.name.as_str(), s.kind, s.entity.as_deref()))
        .collect();
    assert_eq!(
        sources,
        [
            ("Residents in Aleppo", SourceKind::Anonymous, None),
            ("defence ministry in Moscow", SourceKind::Government, None),
            ("Fadel Abdul Ghani", SourceKind::Person, Some("person:fadel_abdul_ghani")),
            ("White Helmets", SourceKind::Organization, Some("white_helmets")),
        ],
        "{:#?}",
        doc.sources
    );
}

/// `a monitor said` cites the one monitor the report names, even further
/// down, as do `the Britain-based monitoring group` and `a monitoring group
/// based in the UK` (not the UK's government); with two monitors
/// named, `a monitor` stays its own source.
#[test]
fn a_monitor_is_the_one_the_report_names() {
    let doc = analyze(
        "Twelve people were killed in Idlib, a monitor said.\n\n\
         The Syrian Observatory for Human Rights said the dead included four children.\n\n\
         The toll may rise, the Britain-based monitoring group said.\n\n\
         Five were wounded, a monitoring group based in the UK reported.\n",
    );
    let ids = source_entities(&doc);
    assert_eq!(ids, [Some("sohr"); 4], "{:#?}", doc.sources);
    let doc = analyze(
        "Twelve people were killed, a monitor said.\n\n\
         The Syrian Observatory for Human Rights and the Syrian Network for Human Rights gave other tolls.\n",
    );
    assert_eq!(doc.claims.len(), 1);
    assert_eq!(
        source_of(&doc, &doc.claims[0]).map(|s| (s.name.as_str(), s.entity.as_deref())),
        Some(("a monitor", None))
    );
}

/// `the observatory said` after the Observatory is named but not cited:
/// the organisation named before whose name holds the description's head,
/// and for `the group` the last body named that is not an outlet;
/// not `the government` (more often the report's country's than the last
/// named), nor a description with more words (`the free army`).
#[test]
fn a_description_refers_to_the_organisation_named_before() {
    let doc = analyze(
        "Figures from the Syrian Observatory for Human Rights put the toll at 20.\n\n\
         The observatory said four children were among the dead.\n\n\
         The strike was carried out by the US-led coalition.\n\n\
         The coalition said it was investigating.\n\n\
         The US government sent aid to the town.\n\n\
         The government said the rebels were to blame.\n\n\
         The Syrian Army shelled the town, and the free army said it held the hill.\n",
    );
    let ids = source_entities(&doc);
    assert_eq!(ids, [Some("sohr"), Some("coalition"), None, None], "{:#?}", doc.sources);
    let doc = analyze(
        "Rescuers from the White Helmets reached the site, SANA reported.\n\n\
         The group said ten people were dead.\n",
    );
    assert_eq!(source_entities(&doc), [Some("sana"), Some("white_helmets")], "{:#?}", doc.sources);
}

/// A relative pronoun's speaker may be a preposition's object.
#[test]
fn a_relative_pronoun_refers_to_the_object_before_it() {
    let doc = analyze(
        "Fifty people fell ill, according to the Syrian Observatory for Human Rights, which said the cause was unclear.\n\n\
         The attack drew condemnation from Human Rights Watch which said it was a war crime.\n",
    );
    let ids = source_entities(&doc);
    assert_eq!(ids, [Some("sohr"), Some("sohr"), Some("hrw")], "{:#?}", doc.claims);
}

/// `WHO` and `US` are names, not the pronouns `who` and `us`.
#[test]
fn acronyms_are_not_pronouns() {
    let doc = analyze(
        "The death toll rose to 70, the WHO said on Wednesday.\n\n\
         US President Donald Trump said the strike was lawful.\n\n\
         The US military announced that the raid had killed a commander.\n",
    );
    let mentions = speaker_mentions(&doc);
    assert_eq!(mentions, ["the WHO", "US President Donald Trump", "The US military"], "{:#?}", doc.claims);
    assert_eq!(source_of(&doc, &doc.claims[0]).and_then(|s| s.entity.as_deref()), Some("who"));
}

/// `X, a spokesman for Y, confirmed the report`: the appositive's name
/// speaks, whatever follows the verb; a quote before it is what was said.
#[test]
fn an_appositive_speaker_comes_before_an_object_after_the_verb() {
    let doc = analyze(
        "Colonel Ryan Dillon, a spokesman for the coalition, confirmed the report.\n\n\
         \u{201c}The town is ours,\u{201d} Talal Silo, a spokesman for the SDF, told Reuters.\n",
    );
    assert_said(
        &doc,
        &[
            (Some("Colonel Ryan Dillon"), Some("the report")),
            (Some("Talal Silo"), Some("\u{201c}The town is ours,\u{201d}")),
        ],
    );
}

/// What says whose voice a name is stays in the speaker's phrase (`state`,
/// `opposition`), as does the name's bracketed acronym after a determiner.
#[test]
fn a_speakers_modifiers_and_bracketed_acronym_stay_with_it() {
    let doc = analyze(
        "Syrian state TV reported that the army had taken the town.\n\n\
         The opposition Syrian National Coalition said the talks had failed.\n\n\
         Meanwhile the Syrian Observatory for Human Rights (SOHR) said 12 people died.\n",
    );
    let mentions = speaker_mentions(&doc);
    assert_eq!(
        mentions,
        [
            "Syrian state TV",
            "The opposition Syrian National Coalition",
            "the Syrian Observatory for Human Rights (SOHR)"
        ],
        "{:#?}",
        doc.claims
    );
    // A political bloc, not a fighting coalition.
    let coalition = source_of(&doc, &doc.claims[1]).expect("the Coalition is a source");
    assert_eq!(
        (coalition.entity.as_deref(), coalition.kind),
        (Some("syrian_national_coalition"), SourceKind::Organization)
    );
}

/// `said one source`, `said a resident at the scene`: a speaker after the
/// verb may be counted (`one`) and say where it is, up to the clause's end;
/// `one of the main disputes` opens no speaker.
#[test]
fn an_inverted_speaker_may_be_counted_and_placed() {
    let doc = analyze(
        "The meeting deteriorated from there, said one source in the room.\n\n\
         \u{201c}We will hold the line,\u{201d} said a fighter at the front.\n\n\
         Three people were killed, said the ministry in a statement on Sunday.\n\n\
         One official said the talks had failed.\n\n\
         Gas attacks were one of the main disputes in the talks.\n",
    );
    let said: Vec<(&str, Option<&str>, Option<&str>)> = doc
        .claims
        .iter()
        .map(|c| {
            (
                c.cue.text.as_str(),
                c.source_mention.as_ref().map(|m| m.text.as_str()),
                c.content.as_ref().map(|m| m.text.as_str()),
            )
        })
        .collect();
    assert_eq!(
        said,
        [
            ("said", Some("one source"), Some("The meeting deteriorated from there")),
            ("said", Some("a fighter"), Some("\u{201c}We will hold the line,\u{201d}")),
            ("said", Some("the ministry"), Some("Three people were killed")),
            ("said", Some("One official"), Some("the talks had failed")),
        ],
        "{:#?}",
        doc.claims
    );
}

#[test]
fn nouns_and_infinitives_are_not_cues() {
    let doc = analyze(
        "The report was published on Monday.\n\nHe wanted to say more.\n\nMedia reports said the town fell.\n\nThe jets will add pressure on the militants.\n",
    );
    let cues: Vec<&str> = doc.claims.iter().map(|c| c.cue.text.as_str()).collect();
    assert_eq!(cues, ["said"]);
    assert_eq!(doc.claims[0].source_mention.as_ref().map(|m| m.text.as_str()), Some("Media reports"));
}

#[test]
fn wide_characters_do_not_break_spans() {
    let doc = analyze("Deir ez-Zor’s governor said — in a café — that “the city is safe.”\n");
    assert_eq!(doc.claims.len(), 1);
    let content = doc.claims[0].content.as_ref().expect("content");
    assert_eq!(content.text, "that “the city is safe.”");
    let chars: Vec<char> = "Deir ez-Zor’s governor said — in a café — that “the city is safe.”\n".chars().collect();
    assert_eq!(chars[content.start..content.end].iter().collect::<String>(), content.text);
    assert_eq!(doc.claims[0].kind, ClaimKind::Mixed);
}

mod robustness {
    use proptest::prelude::*;

    use super::analyze;

    /// Words and marks that set the claim patterns off, in any order.
    const PIECES: &[&str] = &[
        "said",
        "told",
        "Xinhua",
        "according",
        "to",
        "in",
        "at",
        "of",
        "for",
        "and",
        "who",
        "which",
        ",",
        ".",
        ":",
        "\"",
        "''",
        "\u{201c}",
        "\u{201d}",
        "\u{2015}",
        "(",
        ")",
        "the",
        "a",
        "source",
        "He",
        "SDF",
        "Mr.",
        "adding",
        "that",
        "was",
        "reported",
        "called",
        "é",
        "—",
        "Raqqa",
        "officials",
        "saying",
        "by",
        "\n\n",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn any_arrangement_gives_valid_spans(picks in proptest::collection::vec(0..PIECES.len(), 1..40)) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect::<Vec<_>>().join(" ");
            let doc = analyze(&format!("Title\n\n{text}\n"));
            let chars: Vec<char> = format!("Title\n\n{text}\n").chars().collect();
            for c in &doc.claims {
                let spans = [Some(&c.cue), c.content.as_ref(), c.source_mention.as_ref()];
                for s in spans.into_iter().flatten() {
                    prop_assert!(s.start <= s.end && s.end <= chars.len());
                    prop_assert_eq!(chars[s.start..s.end].iter().collect::<String>(), s.text.clone());
                }
                prop_assert!(c.sentence < doc.sentences.len());
                prop_assert!(c.source.as_ref().is_none_or(|id| doc.sources.iter().any(|s| &s.id == id)));
            }
        }
    }
}

#[test]
fn archives_without_commas_still_attribute() {
    let doc = analyze(
        "Two suicide bombers killed at least 30 fighters near the border a monitoring group says.\n\n\
         The coalition which launched an air war last September said it had carried out strikes.\n\n\
         The attacks claimed the lives of five citizens.\n",
    );
    let found: Vec<(&str, &str)> = doc
        .claims
        .iter()
        .map(|c| (c.cue.text.as_str(), c.source_mention.as_ref().map_or("", |m| m.text.as_str())))
        .collect();
    assert_eq!(found, [("says", "a monitoring group"), ("said", "The coalition")]);
    assert_eq!(
        doc.claims[0].content.as_ref().map(|c| c.text.as_str()),
        Some("Two suicide bombers killed at least 30 fighters near the border")
    );
}

/// `... killed Observatory head Rami Abdel Rahman said`: the name alone
/// speaks, and is the person the tagger found with the role before it.
#[test]
fn a_name_split_from_its_role_is_still_the_person() {
    let doc = analyze(
        "Fighting raged near the dam on Monday.\n\n\
         Twelve people were killed Observatory head Rami Abdel Rahman said.\n",
    );
    assert_eq!(speaker_mentions(&doc), ["Rami Abdel Rahman"], "{:#?}", doc.claims);
    assert_eq!(source_entities(&doc), [Some("rami_abdel_rahman")], "{:#?}", doc.sources);
}

#[test]
fn a_person_is_named_without_the_title_before_the_name() {
    let doc = analyze("Its spokesman Rami Abdel Rahman said the toll could rise.\n");
    assert_eq!(doc.sources[0].name, "Rami Abdel Rahman");
    assert_eq!(doc.sources[0].kind, SourceKind::Person);
}

#[test]
fn outlets_told_are_channels_and_common_nouns_are_not_names() {
    let doc = analyze(
        "Sources told SANA's correspondent that the army took the hill.\n\n\
         Rami Abdel Rahman director of the Syrian Observatory for Human Rights said the toll rose.\n",
    );
    assert_eq!(doc.claims[0].channel.as_deref(), Some("SANA"));
    assert_eq!(doc.sources[0].kind, SourceKind::Anonymous);
    assert_eq!(doc.sources[1].name, "Rami Abdel Rahman");
}

#[test]
fn a_colon_hands_the_quote_in_the_next_paragraph_to_the_speaker() {
    let doc = analyze("Title\n\nThe commander continued:\n\n\"We will hold the bridge until the end.\"\n");
    assert_eq!(doc.claims.len(), 1);
    assert_eq!(
        doc.claims[0].content.as_ref().map(|c| c.text.as_str()),
        Some("\"We will hold the bridge until the end.\"")
    );
    assert_eq!(doc.claims[0].kind, ClaimKind::Direct);
}

#[test]
fn a_speaker_closing_the_sentence_outweighs_a_phrase_before_the_verb() {
    let doc = analyze(
        "Six civilians were killed in the strikes on the village said the official who asked not to be named.\n",
    );
    let c = &doc.claims[0];
    assert_eq!(c.source_mention.as_ref().map(|m| m.text.as_str()), Some("the official"));
    assert_eq!(
        c.content.as_ref().map(|m| m.text.as_str()),
        Some("Six civilians were killed in the strikes on the village")
    );
    assert_eq!(doc.sources[0].kind, SourceKind::Anonymous);
}

#[test]
fn participles_and_manner_adverbs() {
    let doc = analyze(
        "Footage posted by activists showed smoke over the town.\n\n\
         The minister sharply criticized the decision to close the crossing.\n",
    );
    let cues: Vec<&str> = doc.claims.iter().map(|c| c.cue.text.as_str()).collect();
    assert_eq!(cues, ["criticized"]);
    assert_eq!(doc.claims[0].source_mention.as_ref().map(|m| m.text.as_str()), Some("The minister"));
}

/// A document's findings need no `that` (`the analysis shows X ahead`):
/// the document is the phrase's head, before its `of` or preposition,
/// whatever names follow; a witness's account still needs one.
#[test]
fn a_document_shows_without_that() {
    let doc = analyze(
        "A UN analysis of satellite images shows Raqqa badly damaged.\n\n\
         An analysis of super PACs shows Democratic groups ahead.\n\n\
         Footage on state TV showed bodies lying next to the buses.\n\n\
         The commander of the unit showed reporters the tunnels.\n",
    );
    assert_said(
        &doc,
        &[
            (Some("A UN analysis of satellite images"), Some("Raqqa badly damaged")),
            (Some("An analysis of super PACs"), Some("Democratic groups ahead")),
            (Some("Footage on state TV"), Some("bodies lying next to the buses")),
        ],
    );
}

#[test]
fn a_name_after_plain_words_or_a_dash_opens_its_clause() {
    let doc = analyze(
        "Title\n\nOpposition leader Nasr Hariri, at a press conference in Riyadh, said, \"The talks are over.\"\n\n\
         Even Turkey, the rebels' main backer, said it opposed the offensive.\n\n\
         BEIRUT -- The commander, speaking by telephone on Sunday, said the town had fallen.\n",
    );
    let mentions = speaker_mentions(&doc);
    assert_eq!(mentions, ["Nasr Hariri", "Turkey", "The commander"], "{:#?}", doc.claims);
    assert_eq!(doc.claims[0].kind, ClaimKind::Direct);
}

#[test]
fn a_wire_report_with_a_quote_an_accusation_and_residents() {
    let doc = analyze(
        " date 2017-05-11 Kurdish-led fighters take Tabqa dam\n\n\
         TABQA, Syria, May 10 (Xinhua) -- Kurdish-led fighters have taken full control of the Tabqa dam, a commander told Xinhua on Wednesday.\n\n\
         \"The dam is in our hands and the engineers are checking it,\" the commander said, speaking on condition of anonymity. \"We expect the town to be cleared by tonight.\"\n\n\
         The Syrian Observatory for Human Rights said at least 20 militants were killed in the last two days of fighting, and accused the coalition of striking a bakery in the town.\n\n\
         According to residents, dozens of families fled toward the countryside.\n",
    );
    let sources: Vec<(&str, SourceKind)> = doc.sources.iter().map(|s| (s.name.as_str(), s.kind)).collect();
    assert_eq!(
        sources,
        [
            ("a commander", SourceKind::Anonymous),
            ("Syrian Observatory for Human Rights", SourceKind::Organization),
            ("residents", SourceKind::Anonymous),
        ]
    );
    let content = |i: usize| doc.claims[i].content.as_ref().map(|c| c.text.as_str()).unwrap_or("");
    // The dateline the reader left in the sentence stays out of what was said.
    assert_eq!(content(0), "Kurdish-led fighters have taken full control of the Tabqa dam");
    assert_eq!(doc.claims[0].channel.as_deref(), Some("Xinhua"));
    // The quote runs on into the next sentence.
    assert_eq!(doc.claims[1].kind, ClaimKind::Direct);
    assert!(content(1).ends_with("cleared by tonight.\""), "{}", content(1));
    // `said ..., and accused ...`: one speaker, two contents.
    assert_eq!(content(2), "at least 20 militants were killed in the last two days of fighting");
    assert_eq!(doc.claims[3].cue.text, "accused");
    assert_eq!(doc.claims[3].source, doc.claims[2].source);
    assert_eq!(content(4), "dozens of families fled toward the countryside");
}

#[test]
fn the_title_alone_is_the_person_last_named_with_it() {
    let doc = analyze(
        "date 2017-06-23 Talks\n\nSyrian President Bashar al-Assad met Iranian officials in Damascus on Thursday. \
         The president said the fight would go on, the spokesman added.\n",
    );
    let said = doc.claims.iter().find(|c| c.cue.text == "said").expect("a claim");
    let source = source_of(&doc, said).expect("a source");
    assert_eq!((source.name.as_str(), source.entity.as_deref()), ("Bashar al-Assad", Some("bashar_al_assad")));
    // No spokesman was named: that source stays a description of its own.
    let added = doc.claims.iter().find(|c| c.cue.text == "added").expect("a claim");
    assert_ne!(source_of(&doc, added).map(|s| s.name.as_str()), Some("Bashar al-Assad"));

    let doc = analyze(
        "date 2017-06-23 Talks\n\nDeputy Secretary of State Tony Blinken came on Monday. The secretary said \
         aid would grow.\n",
    );
    let said = doc.claims.iter().find(|c| c.cue.text == "said").expect("a claim");
    assert_ne!(source_of(&doc, said).map(|s| s.name.as_str()), Some("Tony Blinken"), "a deputy holds another office");
}

#[test]
fn numbered_ids_read_as_format_writes_them() {
    for n in [0, 7, 10, 99, 12_345, usize::MAX] {
        assert_eq!(numbered_id('c', n), format!("c{n}"));
    }
}
