//! The FHIR bundle's structure: a `collection` with the app's code systems,
//! one patient, and per record the resources DOMAIN.md "Interoperability"
//! names, each value equal to the journal's (as corrected), each code and
//! side where it belongs, and the same file from the same journal. Whether
//! it validates against FHIR R4 is for a FHIR validator: the end-to-end test
//! (tests/e2e/exports.spec.mjs) runs one on the file the app hands over.

use centralise::core::export::fhir::{
    LOINC, OBSERVATION_CODES, PAIN_SEVERITY, PSFS, SNOMED, SYMPTOM_EXTENT, bundle,
};
use centralise::core::journal::{
    CheckInRecord, Correction, Journal, MemoryKv, Psfs, PsfsItem, Record, Text, load, sample,
};
use centralise::core::self_check::SelfCheck;
use centralise::core::symptoms::{Answers, Level};
use serde_json::Value;
use std::collections::HashSet;

mod records;
use records::{D0, DAY, MIN, bundled, session, session_id};

/// 09:00 on the first day: a session of two sets.
const AT: u64 = D0 + 9 * 60 * MIN;
const NOW: u64 = D0 + 10 * DAY;

fn check_in(
    id: &str,
    at: u64,
    after_set: Option<Text>,
    answers: Answers,
    note: Option<&str>,
) -> Record {
    Record::CheckIn(CheckInRecord {
        id: id.into(),
        session: session_id(AT),
        at,
        after_set,
        answers,
        note: note.map(String::from),
    })
}

/// A session with a baseline and a check-in after each of its two sets, a
/// heel-raise self-check and a PSFS.
fn journal() -> Vec<Record> {
    let mut records = session(&bundled("core-stabilisation"), "core", AT, 2);
    let set = |n: u32| Some(format!("{}-s{n}", session_id(AT)).into());
    records.extend([
        check_in(
            "base",
            AT + 30_000,
            None,
            Answers::new(Level::BelowKnee, Level::None, 7, 4),
            None,
        ),
        check_in(
            "c1",
            AT + MIN + 30_000,
            set(1),
            Answers::new(Level::Thigh, Level::None, 6, 3),
            Some("=felt \u{1}easier"),
        ),
        check_in(
            "c2",
            AT + 2 * MIN + 30_000,
            set(2),
            Answers::new(Level::Buttock, Level::BelowKnee, 4, 2),
            None,
        ),
        Record::SelfCheck(SelfCheck {
            id: "heels".into(),
            at: AT + DAY,
            left: 14,
            right: 26,
            toe_walk_left: false,
            toe_walk_right: true,
        }),
        Record::Psfs(Psfs {
            id: "psfs".into(),
            at: AT + 2 * DAY,
            items: vec![
                PsfsItem {
                    activity: "Sitting through a film".into(),
                    score: 3,
                },
                PsfsItem {
                    activity: "Lifting my daughter".into(),
                    score: 4,
                },
                PsfsItem {
                    activity: "Gardening".into(),
                    score: 4,
                },
            ],
        }),
    ]);
    records
}

fn correction(
    id: &str,
    at: u64,
    corrects: &str,
    answers: Option<Answers>,
    note: Option<&str>,
) -> Record {
    Record::Correction(Correction {
        id: id.into(),
        at,
        corrects: corrects.into(),
        answers,
        note: note.map(String::from),
    })
}

fn export(records: Vec<Record>, now: u64) -> (String, Value) {
    let text = bundle(&Journal::from_records(records), now);
    let value = serde_json::from_str(&text).expect("the bundle is JSON");
    (text, value)
}

fn resources<'a>(bundle: &'a Value, kind: &str) -> Vec<&'a Value> {
    bundle["entry"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == kind)
        .collect()
}

/// The Observations made at `at`, in the bundle's order.
fn observed_at(bundle: &Value, at: &str) -> Vec<Value> {
    resources(bundle, "Observation")
        .into_iter()
        .filter(|o| o["effectiveDateTime"] == at)
        .cloned()
        .collect()
}

/// The system and code of a CodeableConcept's single coding.
fn code(concept: &Value) -> (&str, &str) {
    let coding = &concept["coding"][0];
    (
        coding["system"].as_str().unwrap(),
        coding["code"].as_str().unwrap(),
    )
}

fn snomed(code: &str) -> (&str, &str) {
    (SNOMED, code)
}

const LEFT_LEG: &str = "32153003";
const RIGHT_LEG: &str = "62175007";
const EITHER_LEG: &str = "61685007";
const LOWER_BACK: &str = "37822005";

#[test]
fn a_collection_with_the_definitions_a_patient_and_each_records_resources() {
    let (_, b) = export(journal(), NOW);
    assert_eq!(b["resourceType"], "Bundle");
    assert_eq!(b["type"], "collection");
    assert_eq!(b["timestamp"], "2026-12-13T00:00:00.000Z");
    let urls: Vec<&str> = resources(&b, "CodeSystem")
        .iter()
        .map(|c| c["url"].as_str().unwrap())
        .collect();
    assert_eq!(urls, [OBSERVATION_CODES, SYMPTOM_EXTENT]);
    assert_eq!(resources(&b, "Questionnaire").len(), 1);
    assert_eq!(resources(&b, "Questionnaire")[0]["url"], PSFS);
    let patients = resources(&b, "Patient");
    assert_eq!(patients.len(), 1);
    assert!(patients[0].get("name").is_none() && patients[0].get("identifier").is_none());
    // Four per check-in (three), four per self-check, one PSFS score.
    assert_eq!(resources(&b, "Observation").len(), 3 * 4 + 4 + 1);
    assert_eq!(resources(&b, "QuestionnaireResponse").len(), 1);
    // Sessions and sets are not Observations of the patient.
    assert_eq!(b["entry"].as_array().unwrap().len(), 2 + 1 + 1 + 17 + 1);
    // resourceType first, as FHIR writes it.
    let text = bundle(&Journal::from_records(journal()), NOW);
    assert!(text.starts_with(r#"{"resourceType":"Bundle""#));
    assert!(text.contains(r#""resource":{"resourceType":"#));
    assert!(!text.contains(r#""resource":{"c"#));
}

#[test]
fn leg_and_back_pain_are_loinc_scores_with_their_body_site() {
    let (_, b) = export(journal(), NOW);
    let c1 = observed_at(&b, "2026-12-03T09:01:30.000Z");
    assert_eq!(c1.len(), 4);
    let (leg, back) = (&c1[0], &c1[1]);
    for (o, score, text) in [(leg, 6, "Leg pain (the worse leg)"), (back, 3, "Back pain")] {
        assert_eq!(code(&o["code"]), (LOINC, PAIN_SEVERITY));
        assert_eq!(o["code"]["text"], text);
        assert_eq!(o["valueInteger"], score);
        assert_eq!(o["status"], "final");
        assert_eq!(o["category"][0]["coding"][0]["code"], "survey");
        assert!(o.get("issued").is_none());
        assert_eq!(&o["subject"]["reference"], resources_url(&b, "Patient"));
        // The patient's note, without the control character FHIR does not
        // allow.
        assert_eq!(o["note"][0]["text"], "=felt easier");
        // The set it followed is on the furthest points.
        assert!(o.get("component").is_none());
    }
    // Only the left leg has symptoms below the back: leg pain is there.
    assert_eq!(code(&leg["bodySite"]), snomed(LEFT_LEG));
    assert_eq!(code(&back["bodySite"]), snomed(LOWER_BACK));
    // Both legs: the worse one is not known.
    let c2 = observed_at(&b, "2026-12-03T09:02:30.000Z");
    assert_eq!(code(&c2[0]["bodySite"]), snomed(EITHER_LEG));
    // The baseline followed no set.
    let base = observed_at(&b, "2026-12-03T09:00:30.000Z");
    assert!(
        base.iter()
            .all(|o| o.get("component").is_none() && o.get("note").is_none())
    );
}

#[test]
fn the_furthest_point_per_leg_is_an_ordinal_code_with_the_side() {
    let (_, b) = export(journal(), NOW);
    let c2 = observed_at(&b, "2026-12-03T09:02:30.000Z");
    let (left, right) = (&c2[2], &c2[3]);
    for (o, side, level) in [
        (left, LEFT_LEG, Level::Buttock),
        (right, RIGHT_LEG, Level::BelowKnee),
    ] {
        assert_eq!(code(&o["code"]), (OBSERVATION_CODES, "symptom-extent"));
        assert_eq!(
            code(&o["valueCodeableConcept"]),
            (SYMPTOM_EXTENT, level.key())
        );
        assert_eq!(
            o["valueCodeableConcept"]["coding"][0]["display"],
            level.label()
        );
        assert_eq!(code(&o["bodySite"]), snomed(side));
        assert_eq!(
            code(&o["component"][0]["code"]),
            (OBSERVATION_CODES, "after-set")
        );
        assert_eq!(
            o["component"][0]["valueString"],
            "E, set 2 of 2, 10 repetitions"
        );
    }
    // The code system defines every level in order from the spine.
    let system = resources(&b, "CodeSystem")[1];
    let order: Vec<(&str, i64)> = system["concept"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["code"].as_str().unwrap(),
                c["property"][0]["valueInteger"].as_i64().unwrap(),
            )
        })
        .collect();
    let expected: Vec<(&str, i64)> = Level::ALL.iter().map(|l| l.key()).zip(1..).collect();
    assert_eq!(order, expected);
    // And every code the Observations use.
    let codes: HashSet<&str> = resources(&b, "CodeSystem")[0]["concept"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    for o in resources(&b, "Observation") {
        let concepts = [&o["code"], &o["component"][0]["code"]];
        for (system, c) in concepts.into_iter().filter(|c| c.is_object()).map(code) {
            assert!(
                system != OBSERVATION_CODES || codes.contains(c),
                "{c} is not defined"
            );
        }
    }
}

#[test]
fn a_correction_amends_and_a_mistake_is_withdrawn() {
    let mut records = journal();
    let better = Answers::new(Level::LowBack, Level::None, 2, 1);
    records.push(correction(
        "fix",
        AT + 3 * DAY,
        "c1",
        Some(better),
        Some("typo"),
    ));
    records.push(correction("oops", AT + 3 * DAY + MIN, "c2", None, None));
    let (_, b) = export(records, NOW);
    let c1 = observed_at(&b, "2026-12-03T09:01:30.000Z");
    assert!(
        c1.iter()
            .all(|o| o["status"] == "amended" && o["issued"] == "2026-12-06T09:00:00.000Z")
    );
    assert_eq!(
        (&c1[0]["valueInteger"], &c1[1]["valueInteger"]),
        (&2.into(), &1.into())
    );
    assert_eq!(code(&c1[2]["valueCodeableConcept"]).1, "low-back");
    assert_eq!(c1[0]["note"][0]["text"], "typo");
    // No leg symptoms below the back any more.
    assert_eq!(code(&c1[0]["bodySite"]), snomed(EITHER_LEG));
    // Withdrawn, with what was withdrawn.
    let c2 = observed_at(&b, "2026-12-03T09:02:30.000Z");
    assert!(c2.iter().all(|o| o["status"] == "entered-in-error"));
    assert_eq!(c2[0]["valueInteger"], 4);
    // The others are as they were; nothing is added for a correction.
    let base = observed_at(&b, "2026-12-03T09:00:30.000Z");
    assert!(base.iter().all(|o| o["status"] == "final"));
    assert_eq!(resources(&b, "Observation").len(), 17);
}

#[test]
fn a_self_check_gives_the_raises_and_toe_walking_per_side() {
    let (_, b) = export(journal(), NOW);
    let heels = observed_at(&b, "2026-12-04T09:00:00.000Z");
    let got: Vec<(&str, &str, &Value)> = heels
        .iter()
        .map(|o| {
            let value = o.get("valueInteger").or(o.get("valueBoolean")).unwrap();
            (code(&o["code"]).1, code(&o["bodySite"]).1, value)
        })
        .collect();
    assert_eq!(
        got,
        [
            ("heel-raises", LEFT_LEG, &14.into()),
            ("toe-walk", LEFT_LEG, &false.into()),
            ("heel-raises", RIGHT_LEG, &26.into()),
            ("toe-walk", RIGHT_LEG, &true.into()),
        ]
    );
    assert!(
        heels
            .iter()
            .all(|o| o["category"][0]["coding"][0]["code"] == "exam")
    );
}

#[test]
fn a_psfs_is_a_response_to_the_questionnaire_and_a_score_derived_from_it() {
    let (_, b) = export(journal(), NOW);
    let questionnaire = resources(&b, "Questionnaire")[0];
    let groups = questionnaire["item"].as_array().unwrap();
    assert_eq!(groups.len(), Psfs::MAX_ITEMS);
    assert_eq!(groups[0]["text"], "Activity 1");
    let response = resources(&b, "QuestionnaireResponse")[0];
    assert_eq!(response["questionnaire"], PSFS);
    assert_eq!(response["status"], "completed");
    assert_eq!(response["authored"], "2026-12-05T09:00:00.000Z");
    let answers: Vec<(&Value, &Value)> = response["item"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                &g["item"][0]["answer"][0]["valueString"],
                &g["item"][1]["answer"][0]["valueInteger"],
            )
        })
        .collect();
    assert_eq!(
        answers,
        [
            (&"Sitting through a film".into(), &3.into()),
            (&"Lifting my daughter".into(), &4.into()),
            (&"Gardening".into(), &4.into()),
        ]
    );
    // Every linkId answered is one the questionnaire asks.
    let asked: HashSet<&Value> = groups
        .iter()
        .flat_map(|g| {
            [
                &g["linkId"],
                &g["item"][0]["linkId"],
                &g["item"][1]["linkId"],
            ]
        })
        .collect();
    for g in response["item"].as_array().unwrap() {
        assert!(asked.contains(&g["linkId"]) && asked.contains(&g["item"][1]["linkId"]));
    }
    let score = observed_at(&b, "2026-12-05T09:00:00.000Z");
    assert_eq!(score.len(), 1);
    assert_eq!(code(&score[0]["code"]), (OBSERVATION_CODES, "psfs-score"));
    assert_eq!(score[0]["valueQuantity"]["value"], 3.67);
    assert_eq!(
        &score[0]["derivedFrom"][0]["reference"],
        url_of(&b, response)
    );
}

/// The `fullUrl` of the entry holding `resource`.
fn url_of<'a>(bundle: &'a Value, resource: &Value) -> &'a Value {
    &bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| &e["resource"] == resource)
        .unwrap()["fullUrl"]
}

fn resources_url<'a>(bundle: &'a Value, kind: &str) -> &'a Value {
    url_of(bundle, resources(bundle, kind)[0])
}

/// Every `reference` in `value`, however deep.
fn references<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("reference") {
                out.push(r);
            }
            map.values().for_each(|v| references(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| references(v, out)),
        _ => {}
    }
}

#[test]
fn full_urls_are_unique_uuids_and_every_reference_is_in_the_bundle() {
    let (_, b) = export(journal(), NOW);
    let urls: Vec<&str> = b["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["fullUrl"].as_str().unwrap())
        .collect();
    let unique: HashSet<&str> = urls.iter().copied().collect();
    assert_eq!(unique.len(), urls.len());
    for url in &urls {
        let uuid = url.strip_prefix("urn:uuid:").expect("a urn:uuid");
        let groups: Vec<usize> = uuid.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12], "{url}");
        assert!(
            uuid.chars()
                .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
    }
    let mut refs = Vec::new();
    references(&b, &mut refs);
    assert!(refs.len() > 17);
    assert!(refs.iter().all(|r| unique.contains(r)), "{refs:?}");
}

#[test]
fn the_same_journal_gives_the_same_file_and_entries_keep_their_urls() {
    let (first, b) = export(journal(), NOW);
    assert_eq!(first, export(journal(), NOW).0);
    // Records in another order (another device's merge) change nothing.
    let mut shuffled = journal();
    shuffled.reverse();
    assert_eq!(first, export(shuffled, NOW).0);
    // A later export differs only in its timestamp.
    let (_, later) = export(journal(), NOW + DAY);
    assert_eq!(b["entry"], later["entry"]);
    assert_ne!(b["timestamp"], later["timestamp"]);
    // New records add entries; the others stay as they were, under the same
    // fullUrl, except what a correction changes.
    let mut more = journal();
    more.push(check_in(
        "c3",
        AT + 5 * DAY,
        None,
        Answers::new(Level::None, Level::None, 0, 0),
        None,
    ));
    let (_, grown) = export(more, NOW);
    let entries = |b: &Value| b["entry"].as_array().unwrap().clone();
    let (before, after) = (entries(&b), entries(&grown));
    assert_eq!(after.len(), before.len() + 4);
    assert!(before.iter().all(|e| after.contains(e)));
}

#[test]
fn an_empty_journal_is_an_empty_collection() {
    let (_, b) = export(Vec::new(), NOW);
    assert_eq!(b["type"], "collection");
    assert!(b.get("entry").is_none());
}

#[test]
fn a_psfs_without_activities_gives_nothing_and_no_questionnaire() {
    let mut records = journal();
    records.retain(|r| !matches!(r, Record::Psfs(_)));
    records.push(Record::Psfs(Psfs {
        id: "empty".into(),
        at: AT,
        items: Vec::new(),
    }));
    let (_, b) = export(records, NOW);
    assert!(resources(&b, "Questionnaire").is_empty());
    assert!(resources(&b, "QuestionnaireResponse").is_empty());
    assert_eq!(resources(&b, "Observation").len(), 16);
}

#[test]
fn a_season_of_heavy_use_gives_each_record_its_resources() {
    let mut kv = MemoryKv::default();
    sample::heavy_use(&mut kv, 7, D0, 60, 8, 4).unwrap();
    let journal = load(&mut kv).journal;
    let b: Value = serde_json::from_str(&bundle(&journal, NOW)).unwrap();
    let count = |f: fn(&Record) -> bool| journal.records().iter().filter(|r| f(r)).count();
    let check_ins = count(|r| matches!(r, Record::CheckIn(_)));
    let self_checks = count(|r| matches!(r, Record::SelfCheck(_)));
    let psfs = count(|r| matches!(r, Record::Psfs(p) if !p.items.is_empty()));
    let corrected = journal.corrections().len();
    assert!(check_ins > 2_000 && self_checks > 5 && psfs > 5 && corrected > 0);
    assert_eq!(
        resources(&b, "Observation").len(),
        4 * check_ins + 4 * self_checks + psfs
    );
    assert_eq!(resources(&b, "QuestionnaireResponse").len(), psfs);
    let changed = resources(&b, "Observation")
        .into_iter()
        .filter(|o| o["status"] != "final")
        .count();
    assert_eq!(changed, 4 * corrected);
}
