//! The event stage on hand-tagged reports written for these tests, modelled
//! on wire copy from the war in Syria.

use super::testkit::{Fixture, nationality, org, place};
use crate::model::{DateBasis, Event, Modality, Precision, SourceKind};

fn wire_report() -> Fixture {
    let body = "The US-backed Syrian Democratic Forces (SDF) have completed a siege on IS positions in the city of Raqqa, a field source told Xinhua on Monday.\n\n\
The source added that the SDF, which includes Kurdish and Arab fighters, have lost dozens of its fighters in battles against IS in Raqqa, mostly in suicide bombings carried out by IS against the SDF.\n\n\
The SDF said in a statement that its units have captured the northern bank of the river, adding that they are so close to lay siege on the old city.\n\n\
Russia, an ally of the Syrian government, will not allow the withdrawal of IS from Raqqa.\n\n\
The Observatory reported Sunday that Russia will strike IS convoys leaving Raqqa in case of a deal.\n\n\
State media accused the US of shielding IS.";
    Fixture::new("2017-06-20", "Allied forces close ring around IS in Raqqa", body)
        .entity(org("sdf", "Syrian Democratic Forces", "armed_group"), &["Syrian Democratic Forces", "SDF"])
        .entity(org("is", "Islamic State", "armed_group"), &["IS"])
        .entity(org("syrian_government", "Syrian government", "government"), &["Syrian government"])
        .entity(org("sohr", "Syrian Observatory for Human Rights", "ngo"), &["Observatory"])
        .entity(place("us", "United States", "country", None, "US"), &["US"])
        .entity(place("russia", "Russia", "country", None, "RU"), &["Russia"])
        .entity(place("raqqa", "Raqqa", "city", Some("Raqqa"), "SY"), &["Raqqa"])
        .entity(nationality("kurdish", "Kurdish"), &["Kurdish"])
        .time("Monday", "2017-06-19", Precision::Day)
        .time("Sunday", "2017-06-18", Precision::Day)
        .claim(
            "a field source",
            SourceKind::Anonymous,
            None,
            "told Xinhua",
            "The US-backed Syrian Democratic Forces (SDF) have completed a siege on IS positions in the city of Raqqa",
        )
        .claim(
            "The source",
            SourceKind::Anonymous,
            None,
            "added",
            "the SDF, which includes Kurdish and Arab fighters, have lost dozens of its fighters in battles against IS in Raqqa, mostly in suicide bombings carried out by IS against the SDF",
        )
        .claim(
            "The SDF",
            SourceKind::Organization,
            Some("sdf"),
            "said in a statement",
            "its units have captured the northern bank of the river, adding that they are so close to lay siege on the old city",
        )
        .claim(
            "The Observatory",
            SourceKind::Organization,
            Some("sohr"),
            "reported",
            "Russia will strike IS convoys leaving Raqqa in case of a deal",
        )
        .claim("State media", SourceKind::Media, None, "accused", "the US of shielding IS")
}

fn find<'a>(events: &'a [Event], kind: &str, trigger: &str) -> &'a Event {
    events
        .iter()
        .find(|e| e.kind == kind && e.trigger.text == trigger)
        .unwrap_or_else(|| panic!("no {kind} event at {trigger:?} in {events:#?}"))
}

#[test]
fn completed_siege_by_the_sdf_on_is_told_by_an_anonymous_source() {
    let f = wire_report();
    let events = f.extract().events;
    let siege = find(&events, "siege", "siege");
    assert_eq!(siege.actors, ["sdf"]);
    assert_eq!(siege.targets, ["is"]);
    assert_eq!(siege.locations, ["raqqa"]);
    assert_eq!(siege.modality, Modality::Asserted);
    assert_eq!((&*siege.plover, &*siege.cameo), ("COERCE", "191"));
    assert_eq!(siege.claim.as_deref(), Some("c0"));
    // `told Xinhua on Monday`: the day the source spoke, not a time in the claim.
    assert_eq!(siege.date.value.as_deref(), Some("2017-06-19"));
    assert_eq!(siege.date.basis, DateBasis::Claim);
    assert_eq!(siege.sentence, 0);
    assert_eq!(siege.id, "e0");
}

#[test]
fn losses_battles_and_suicide_bombings() {
    let events = wire_report().extract().events;
    let lost = find(&events, "casualties", "lost");
    assert_eq!(lost.targets, ["sdf"], "the relative clause's fighters are not the subject");
    let toll = lost.fatalities.as_ref().unwrap();
    assert_eq!((toll.min, toll.max, toll.text.as_str()), (Some(24), Some(99), "lost dozens of its fighters"));
    assert_eq!(lost.claim.as_deref(), Some("c1"));

    let battles = find(&events, "clash", "battles");
    assert_eq!(battles.targets, ["is"]);

    let bombings = find(&events, "suicide_bombing", "suicide bombings");
    assert_eq!(bombings.actors, ["is"]);
    assert_eq!(bombings.targets, ["sdf"]);
    assert_eq!(bombings.cameo, "1831");
    assert_eq!(bombings.acled.sub_event_type.as_deref(), Some("Suicide bomb"));
    assert_eq!(bombings.fatalities, None, "the toll belongs to the losses");
}

#[test]
fn the_speaker_is_the_actor_of_its_own_troops() {
    let events = wire_report().extract().events;
    let capture = find(&events, "capture", "captured");
    assert_eq!(capture.actors, ["sdf"]);
    assert_eq!(capture.claim.as_deref(), Some("c2"));
    assert_eq!(capture.modality, Modality::Asserted);
    assert_eq!(capture.acled.sub_event_type.as_deref(), Some("Non-state actor overtakes territory"));
    let not_yet = events.iter().find(|e| e.kind == "siege" && e.sentence == 2).unwrap();
    assert_eq!(not_yet.modality, Modality::Future);
}

#[test]
fn negated_hypothetical_and_accusation() {
    let events = wire_report().extract().events;
    let withdrawal = find(&events, "withdrawal", "withdrawal");
    assert_eq!(withdrawal.actors, ["is"]);
    assert_eq!(withdrawal.modality, Modality::Negated);
    assert_eq!(withdrawal.locations, ["raqqa"]);
    assert_eq!(withdrawal.date.basis, DateBasis::Document);
    assert_eq!(withdrawal.date.value.as_deref(), Some("2017-06-20"));

    let strike = find(&events, "strike", "strike");
    assert_eq!(strike.actors, ["russia"]);
    assert_eq!(strike.targets, ["is"]);
    assert_eq!(strike.modality, Modality::Hypothetical);
    assert_eq!(strike.claim.as_deref(), Some("c3"));

    let accusation = find(&events, "accusation", "accused");
    assert_eq!(accusation.targets, ["us"]);
    assert_eq!(accusation.claim.as_deref(), Some("c4"));
    assert_eq!((&*accusation.plover, &*accusation.cameo), ("ACCUSE", "112"));
    assert_eq!(accusation.acled.event_type, None);
}

/// A speaker after what it reports (`..., the Observatory said`) is no
/// argument of it; a name before the speaker still is.
#[test]
fn a_speaker_after_the_content_is_not_a_target() {
    let body = "Russian jets bombed Idlib on Monday, the Observatory said.\n\nIS fighters attacked the SDF in Raqqa, the Observatory said.";
    let f = Fixture::new("2017-06-20", "Strikes", body)
        .entity(org("sohr", "Syrian Observatory for Human Rights", "ngo"), &["Observatory"])
        .entity(org("sdf", "Syrian Democratic Forces", "armed_group"), &["SDF"])
        .entity(org("is", "Islamic State", "armed_group"), &["IS"])
        .entity(nationality("russian", "Russian"), &["Russian"])
        .entity(place("idlib", "Idlib", "city", Some("Idlib"), "SY"), &["Idlib"])
        .entity(place("raqqa", "Raqqa", "city", Some("Raqqa"), "SY"), &["Raqqa"])
        .time("Monday", "2017-06-19", Precision::Day)
        .claim("the Observatory", SourceKind::Organization, Some("sohr"), "said", "Russian jets bombed Idlib on Monday")
        .claim(
            "the Observatory",
            SourceKind::Organization,
            Some("sohr"),
            "said",
            "IS fighters attacked the SDF in Raqqa",
        );
    let events = f.extract().events;
    let bombed = find(&events, "airstrike", "bombed");
    assert_eq!(bombed.targets, Vec::<String>::new());
    assert_eq!(bombed.locations, ["idlib"]);
    assert_eq!(bombed.claim.as_deref(), Some("c0"));
    let attacked = find(&events, "attack", "attacked");
    assert_eq!(attacked.actors, ["is"]);
    assert_eq!(attacked.targets, ["sdf"]);
}

/// The dateline opens the first sentence but is none of it: its outlet
/// did nothing, and its date is the report's, not the event's.
#[test]
fn the_dateline_is_no_argument_and_no_date_of_the_event() {
    let body = "BAGHDAD, May 29 (Xinhua) -- At least 12 people were killed when a car bomb exploded in Baghdad.";
    let f = Fixture::new("2017-05-29", "Car bomb", body)
        .entity(org("xinhua", "Xinhua", "media"), &["Xinhua"])
        .entity(place("baghdad", "Baghdad", "city", Some("Baghdad"), "IQ"), &["BAGHDAD", "Baghdad"])
        .time("May 29", "2017-05-29", Precision::Day);
    assert!(f.report.dateline.is_some());
    let events = f.extract().events;
    let bomb = find(&events, "car_bombing", "car bomb");
    assert_eq!((bomb.actors.len(), bomb.targets.len()), (0, 0), "{bomb:?}");
    assert_eq!(bomb.locations, ["baghdad"]);
    assert_eq!(bomb.date.basis, DateBasis::Document);
}

/// `clashes between X and Y`, `talks between X and Y`: both sides act,
/// countries among them, and a country that is a side is no location.
#[test]
fn the_sides_named_after_between_are_the_actors() {
    let body = "Clashes erupted between the SDF and IS in Raqqa.\n\nTalks between Russia and Turkey on Idlib ended.";
    let f = Fixture::new("2017-06-20", "Clashes", body)
        .entity(org("sdf", "Syrian Democratic Forces", "armed_group"), &["SDF"])
        .entity(org("is", "Islamic State", "armed_group"), &["IS"])
        .entity(place("russia", "Russia", "country", None, "RU"), &["Russia"])
        .entity(place("turkey", "Turkey", "country", None, "TR"), &["Turkey"])
        .entity(place("raqqa", "Raqqa", "city", Some("Raqqa"), "SY"), &["Raqqa"])
        .entity(place("idlib", "Idlib", "city", Some("Idlib"), "SY"), &["Idlib"]);
    let events = f.extract().events;
    let clashes = find(&events, "clash", "Clashes");
    assert_eq!(clashes.actors, ["sdf", "is"]);
    assert_eq!(clashes.locations, ["raqqa"]);
    let talks = find(&events, "negotiation", "Talks");
    assert_eq!(talks.actors, ["russia", "turkey"]);
    assert_eq!(talks.locations, ["idlib"]);
}

#[test]
fn ids_follow_text_order() {
    let events = wire_report().extract().events;
    for (n, e) in events.iter().enumerate() {
        assert_eq!(e.id, format!("e{n}"));
    }
    assert!(events.windows(2).all(|w| w[0].trigger.start < w[1].trigger.start));
}

#[test]
fn focus_is_the_city_its_events_happen_in() {
    let focus = wire_report().extract().focus;
    assert_eq!(focus.place.as_deref(), Some("raqqa"));
    assert_eq!(focus.admin1.as_deref(), Some("Raqqa"));
    assert_eq!(focus.country.as_deref(), Some("SY"));
}

#[test]
fn passive_voice_and_a_violent_event_that_kills() {
    let f = Fixture::new(
        "2016-03-02",
        "Strike on market",
        "Twelve civilians were killed when a government airstrike hit a market in Douma on Tuesday. The town was captured by Jaish al-Islam in 2013.",
    )
    .entity(place("douma", "Douma", "city", Some("Rif Dimashq"), "SY"), &["Douma"])
    .entity(org("jaish_al_islam", "Jaish al-Islam", "armed_group"), &["Jaish al-Islam"])
    .time("Tuesday", "2016-03-01", Precision::Day)
    .time("2013", "2013", Precision::Year);
    let events = f.extract().events;
    assert!(events.iter().all(|e| e.kind != "killing"), "the killing is the airstrike's toll: {events:#?}");
    let strike = find(&events, "airstrike", "airstrike");
    assert_eq!(strike.fatalities.as_ref().and_then(|t| t.min), Some(12));
    assert_eq!(strike.locations, ["douma"]);
    assert_eq!((strike.date.value.as_deref(), strike.date.basis), (Some("2016-03-01"), DateBasis::Explicit));
    let capture = find(&events, "capture", "captured");
    assert_eq!(capture.actors, ["jaish_al_islam"]);
    assert_eq!(capture.date.precision, Some(Precision::Year));
}

#[test]
fn coordinated_verbs_share_their_subject() {
    let f = Fixture::new(
        "2016-03-02",
        "Clashes",
        "Rebels from Ahrar al-Sham attacked an army checkpoint and killed four soldiers near Hama.",
    )
    .entity(org("ahrar", "Ahrar al-Sham", "armed_group"), &["Ahrar al-Sham"])
    .entity(place("hama", "Hama", "city", Some("Hama"), "SY"), &["Hama"]);
    let events = f.extract().events;
    let attack = find(&events, "attack", "attacked");
    assert_eq!(attack.actors, ["ahrar"]);
    assert_eq!(attack.fatalities.as_ref().and_then(|t| t.min), Some(4));
    assert_eq!(attack.locations, ["hama"]);
}

#[test]
fn a_trigger_inside_a_longer_word_hides_no_trigger_after_it() {
    // `rocket attack` is a form; in `rocket attacks` it ends inside a word,
    // and the search must still find `attacks` at the next word's start.
    let f = Fixture::new(
        "2016-10-20",
        "Attacks",
        "Eight people were killed in rocket attacks on Hama, and a bystander saw the gchemical attack.",
    )
    .entity(place("hama", "Hama", "city", Some("Hama"), "SY"), &["Hama"]);
    let events = f.extract().events;
    let attack = find(&events, "attack", "attacks");
    assert_eq!(attack.locations, ["hama"]);
    find(&events, "attack", "attack");
}

#[test]
fn light_verbs_lend_their_subject_and_participles_their_agent() {
    let f = Fixture::new(
        "2016-08-10",
        "Offensive",
        "Government forces launched an assault to retake Zaara, which was captured by Jaish al-Fatah last year. Syrian warplanes bombed Idlib.",
    )
    .entity(org("syrian_army", "Syrian Arab Army", "military"), &["Government forces"])
    .entity(org("jaish_al_fatah", "Jaish al-Fatah", "armed_group"), &["Jaish al-Fatah"])
    .entity(place("zaara", "Zaara", "village", Some("Hama"), "SY"), &["Zaara"])
    .entity(place("idlib", "Idlib", "city", Some("Idlib"), "SY"), &["Idlib"]);
    let events = f.extract().events;
    assert_eq!(find(&events, "attack", "assault").actors, ["syrian_army"]);
    let retake = find(&events, "capture", "retake");
    assert_eq!(retake.actors, ["syrian_army"]);
    assert_eq!(retake.acled.sub_event_type.as_deref(), Some("Government regains territory"));
    assert_eq!(find(&events, "capture", "captured").actors, ["jaish_al_fatah"]);
    let bombed = find(&events, "airstrike", "bombed");
    assert_eq!((&*bombed.cameo, bombed.locations.as_slice()), ("195", &["idlib".to_string()][..]));
}

#[test]
fn a_generic_attack_told_with_its_weapon_is_one_event() {
    let f = Fixture::new(
        "2016-11-01",
        "Shelling",
        "Militants attacked with shells the Shahba hotel in Aleppo, killing three people.",
    )
    .entity(place("aleppo", "Aleppo", "city", Some("Aleppo"), "SY"), &["Aleppo"]);
    let events = f.extract().events;
    assert_eq!(events.len(), 1, "{events:#?}");
    assert_eq!(events[0].kind, "shelling");
    assert_eq!(events[0].locations, ["aleppo"]);
    assert_eq!(events[0].fatalities.as_ref().and_then(|t| t.min), Some(3));
}

#[test]
fn no_triggers_no_events_and_no_places_no_focus() {
    let f = Fixture::new("2016-03-02", "Quiet day", "Nothing of note was said at the meeting.");
    let found = f.extract();
    assert!(found.events.is_empty());
    assert_eq!(found.focus, crate::model::Focus::default());
}

/// A capital that speaks (`Ankara said`) is the government there: the event
/// is not placed in it, unless the clause names it as a place too.
#[test]
fn a_place_that_speaks_is_no_place_of_the_event() {
    let raw = crate::read::RawReport {
        id: "t".into(),
        path: None,
        content: crate::read::Content::Bytes(
            b"date 2017-06-23 Talks\n\nTurkish-backed rebels captured the town of al-Bab in February, Ankara said. \
              Rebels shelled the outskirts of Ankara, Ankara said.\n"
                .to_vec(),
        ),
    };
    let doc = crate::Analyzer::default().analyze(raw).expect("a readable report");
    let places =
        |kind: &str| doc.events.iter().find(|e| e.kind == kind).map(|e| e.locations.clone()).unwrap_or_default();
    assert_eq!(places("capture"), ["al_bab"]);
    assert_eq!(places("shelling"), ["ankara"]);
}

#[test]
fn event_ids_are_written_as_format_would() {
    for n in [0, 7, 10, 99, 100, 12_345, usize::MAX] {
        assert_eq!(super::event_id(n), format!("e{n}"));
    }
}

proptest::proptest! {
    /// Days, intervals, months and years told by their digits, and
    /// durations and clock times by their first letter, are placed as the
    /// timeline's date parser places them; any other value is left to it.
    #[test]
    fn values_on_the_calendar_are_the_timelines(
        value in r"[0-9]{4}-[0-9]{2}-[0-9]{2}(/[0-9]{4}-[0-9]{2}-[0-9]{2})?|[0-9]{4}-[01][0-9]-[0-3][0-9](/[0-9]{4}-[01][0-9]-[0-3][0-9])?|[0-9+ -]{0,2}[0-9]{2,4}(-[01]?[0-9])?|[PTa-z][0-9]{0,4}[-/W:HDMYNIO0-9]{0,8}|[0-9/W:PTSUXY+ -]{0,22}",
    ) {
        let parsed = crate::report::timeline::date_bounds(&value).is_some();
        proptest::prop_assert_eq!(super::on_calendar(&value), parsed, "{}", value);
    }

    /// The report's date, written for events that have none of their own,
    /// reads as chrono's format wrote it.
    #[test]
    fn report_dates_are_written_as_formatted(days in -4_000_000i64..4_000_000) {
        let date = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Duration::days(days);
        proptest::prop_assert_eq!(crate::calendar::IsoDate(date).to_string(), date.format("%Y-%m-%d").to_string());
    }
}
