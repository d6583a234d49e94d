//! The journal as a FHIR R4 `Bundle` of type `collection` (DOMAIN.md
//! "Interoperability"), for a therapist's records system; there is no
//! server, so the patient hands it over as a file.
//!
//! - Every check-in: leg pain and back pain as two Observations with LOINC
//!   72514-3 and a SNOMED CT body site, and the furthest point of the
//!   symptoms in each leg as an ordinal Observation ([`SYMPTOM_EXTENT`])
//!   with the leg as its body site; after a set, these name the exercise
//!   and the set in a component.
//! - Every heel-raise self-check: the count and toe-walking, per side.
//! - Every PSFS: a `QuestionnaireResponse` to the one PSFS `Questionnaire`
//!   ([`PSFS`]) and a total-score Observation derived from it.
//! - The app's own codes as `CodeSystem`s, so the file explains itself,
//!   and one `Patient` without identifying details: the app has no
//!   account, and the therapist's system files the bundle under the person
//!   who brought it.
//!
//! A corrected check-in's Observations carry the corrected values with
//! status `amended`; one marked as a mistake keeps its values with status
//! `entered-in-error`. It is not left out: every resource's `fullUrl` is
//! a name-based UUID of the record it came from, the same in every export,
//! so a system that filed an earlier export learns that the entry it holds
//! was withdrawn.

use crate::core::journal::{
    CheckInRecord, Corrected, Correction, Journal, Psfs, Record, SetCompleted,
};
use crate::core::self_check::SelfCheck;
use crate::core::symptoms::{Answers, Level, Side};
use crate::core::time;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::{Value, json};
use std::collections::HashMap;

/// The app's own canonical URL for `path`: one place to move them all.
macro_rules! canonical {
    ($path:literal) => {
        concat!("https://centralise.app/fhir/", $path)
    };
}

/// The app's codes for what an Observation observed, where LOINC has none.
pub const OBSERVATION_CODES: &str = canonical!("CodeSystem/observation");
/// The furthest point symptoms reach down a leg ([`Level`]), from the spine
/// outwards.
pub const SYMPTOM_EXTENT: &str = canonical!("CodeSystem/symptom-extent");
/// The Patient-Specific Functional Scale as a `Questionnaire`.
pub const PSFS: &str = canonical!("Questionnaire/psfs");
pub const LOINC: &str = "http://loinc.org";
/// LOINC's "Pain severity - 0-10 verbal numeric rating [Score] - Reported".
pub const PAIN_SEVERITY: &str = "72514-3";
pub const SNOMED: &str = "http://snomed.info/sct";
const CATEGORIES: &str = "http://terminology.hl7.org/CodeSystem/observation-category";
const UCUM: &str = "http://unitsofmeasure.org";
/// The codes' definitions may change their wording, never their meaning.
const VERSION: &str = "1";

/// The bundle of everything in `journal`, made at `now` (its timestamp,
/// milliseconds since the Unix epoch). Nothing else in it depends on when
/// it is made.
pub fn bundle(journal: &Journal, now: u64) -> String {
    let mut out = format!(
        r#"{{"resourceType":"Bundle","type":"collection","timestamp":"{}""#,
        instant(now)
    );
    Entries::write(journal, &mut out);
    out.push('}');
    out
}

/// Writes the bundle's entries as they are made: years of check-ins make
/// a large file, and holding every resource as well would take several
/// times its size.
struct Writer<'a> {
    out: &'a mut String,
    count: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Entry<'a, R> {
    full_url: &'a str,
    resource: R,
}

impl Writer<'_> {
    /// Adds a resource, named (for its `fullUrl`) by the record it came
    /// from and its part in it; gives the `fullUrl` to refer to it by.
    fn push(&mut self, name: &str, resource: impl Serialize) -> String {
        let full_url = urn(name);
        let entry = Entry {
            full_url: &full_url,
            resource,
        };
        // The resources have only string keys, so this cannot fail; were
        // it to, the file would lack the entry rather than be broken.
        if let Ok(json) = serde_json::to_string(&entry) {
            let before = if self.count == 0 {
                r#","entry":["#
            } else {
                ","
            };
            self.out.push_str(before);
            self.out.push_str(&json);
            self.count += 1;
        }
        full_url
    }

    fn end(self) {
        if self.count > 0 {
            self.out.push(']');
        }
    }
}

/// The entries, and what each record's resources refer to.
struct Entries<'a> {
    writer: Writer<'a>,
    /// The `fullUrl` of the patient.
    patient: String,
    sets: HashMap<&'a str, &'a SetCompleted>,
    corrections: HashMap<&'a str, &'a Correction>,
}

impl<'a> Entries<'a> {
    /// Writes the bundle's `entry` into `out`, if there is any.
    fn write(journal: &'a Journal, out: &'a mut String) {
        let records = journal.records();
        let Some(first) = records.first() else {
            return;
        };
        let mut writer = Writer { out, count: 0 };
        writer.push(
            OBSERVATION_CODES,
            Resource::new("CodeSystem", observation_codes()),
        );
        writer.push(
            SYMPTOM_EXTENT,
            Resource::new("CodeSystem", symptom_extent()),
        );
        if records
            .iter()
            .any(|r| matches!(r, Record::Psfs(p) if !p.items.is_empty()))
        {
            writer.push(PSFS, Resource::new("Questionnaire", psfs_questionnaire()));
        }
        // Record ids are unique across patients and devices: the oldest
        // one names the patient, the same in every export.
        let patient = writer.push(
            &format!("patient/{}", first.id()),
            Resource::new("Patient", patient()),
        );
        let mut entries = Entries {
            writer,
            patient,
            sets: records
                .iter()
                .filter_map(|r| match r {
                    Record::SetCompleted(s) => Some((&*s.id, s)),
                    _ => None,
                })
                .collect(),
            corrections: journal.corrections(),
        };
        for record in records {
            match record {
                Record::CheckIn(c) => entries.check_in(c),
                Record::SelfCheck(s) => entries.self_check(s),
                Record::Psfs(p) => entries.psfs(p),
                // What was done rather than observed (sessions, sets, the
                // stops and prompts they led to, the warning-signs check
                // and the stage: the CSV and the report carry them), and
                // corrections, which their check-ins apply. A new kind of
                // record is to be placed here.
                Record::SessionStarted(_)
                | Record::SetCompleted(_)
                | Record::SessionEnded(_)
                | Record::SafetyStop(_)
                | Record::WarningCheck(_)
                | Record::Acknowledged(_)
                | Record::StageAccepted(_)
                | Record::Correction(_) => {}
            }
        }
        entries.writer.end();
    }

    /// Leg pain, back pain and the furthest point in each leg, as the
    /// patient last corrected them.
    fn check_in(&mut self, c: &CheckInRecord) {
        let corrected = Corrected::new(c, self.corrections.get(&*c.id).copied());
        // A check-in marked as a mistake keeps the values it withdraws.
        let answers = corrected.answers().unwrap_or(&c.answers);
        let facts = Facts {
            status: match corrected.correction {
                None => "final",
                Some(_) if corrected.is_mistake() => "entered-in-error",
                Some(_) => "amended",
            },
            issued: corrected.correction.map(|k| instant(k.at)),
            note: corrected.note().and_then(text),
            ..Facts::new(c.at, Category::Survey)
        };
        let pain = |what| Concept::new(LOINC, PAIN_SEVERITY, PAIN_DISPLAY).with_text(what);
        let leg = facts
            .observe(&self.patient, pain("Leg pain (the worse leg)"))
            .value(Measured::Integer(answers.leg_pain.into()))
            .at(Site::Leg(worse_leg(answers)));
        self.writer.push(&format!("{}/leg-pain", c.id), leg);
        let back = facts
            .observe(&self.patient, pain("Back pain"))
            .value(Measured::Integer(answers.back_pain.into()))
            .at(Site::LowerBack);
        self.writer.push(&format!("{}/back-pain", c.id), back);
        // DOMAIN.md links the furthest point to the set before it: the
        // centralisation picture is read set by set.
        let set = c
            .after_set
            .as_deref()
            .and_then(|id| self.sets.get(id))
            .and_then(|s| text(&describe(s)));
        for side in Side::BOTH {
            let level = answers.level(side);
            let mut extent = facts
                .observe(&self.patient, Code::SymptomExtent.concept())
                .value(Measured::Concept(Concept::new(
                    SYMPTOM_EXTENT,
                    level.key(),
                    level.label(),
                )))
                .at(Site::Leg(Some(side)));
            extent.component = set.as_deref().map(|set| {
                [Component {
                    code: Code::AfterSet.concept(),
                    value_string: set,
                }]
            });
            self.writer
                .push(&format!("{}/extent-{}", c.id, side_key(side)), extent);
        }
    }

    /// The heel raises and toe-walking on each side.
    fn self_check(&mut self, s: &SelfCheck) {
        let facts = Facts::new(s.at, Category::Exam);
        for side in Side::BOTH {
            let (raises, toe_walk) = match side {
                Side::Left => (s.left, s.toe_walk_left),
                Side::Right => (s.right, s.toe_walk_right),
            };
            let name = |what| format!("{}/{what}-{}", s.id, side_key(side));
            let count = facts
                .observe(&self.patient, Code::HeelRaises.concept())
                .value(Measured::Integer(raises))
                .at(Site::Leg(Some(side)));
            self.writer.push(&name("heel-raises"), count);
            let walks = facts
                .observe(&self.patient, Code::ToeWalk.concept())
                .value(Measured::Boolean(toe_walk))
                .at(Site::Leg(Some(side)));
            self.writer.push(&name("toe-walk"), walks);
        }
    }

    /// The answers as a response to the PSFS questionnaire, and the score
    /// (their mean) as an Observation derived from it.
    fn psfs(&mut self, p: &Psfs) {
        let Some(mean) = p.mean() else {
            return;
        };
        let response = Resource::new("QuestionnaireResponse", psfs_response(p, &self.patient));
        let response = self.writer.push(&format!("{}/response", p.id), response);
        let facts = Facts::new(p.at, Category::Survey);
        let mut score = facts
            .observe(&self.patient, Code::PsfsScore.concept())
            .value(Measured::Quantity(Quantity {
                // Two decimals: the scale's own steps are whole points.
                value: (mean * 100.0).round() / 100.0,
                unit: "score",
                system: UCUM,
                code: "{score}",
            }));
        score.derived_from = Some([Reference {
            reference: &response,
        }]);
        self.writer.push(&format!("{}/score", p.id), score);
    }
}

/// What the Observations of one record share.
struct Facts {
    status: &'static str,
    category: Category,
    at: u64,
    /// When a correction replaced the values first recorded at `at`.
    issued: Option<String>,
    note: Option<String>,
}

impl Facts {
    /// Final values recorded at `at`, without a note.
    fn new(at: u64, category: Category) -> Self {
        Facts {
            status: "final",
            category,
            at,
            issued: None,
            note: None,
        }
    }

    /// An Observation of `code` about `patient` (a `fullUrl`), with these
    /// facts and no value yet.
    fn observe<'a>(&'a self, patient: &'a str, code: Concept<'a>) -> Observation<'a> {
        Observation {
            resource_type: "Observation",
            status: self.status,
            category: [self.category.concept()],
            code,
            subject: Reference { reference: patient },
            effective_date_time: instant(self.at),
            issued: self.issued.as_deref(),
            value: None,
            body_site: None,
            note: self.note.as_deref().map(|text| [Annotation { text }]),
            derived_from: None,
            component: None,
        }
    }
}

/// A code of FHIR's observation-category.
#[derive(Clone, Copy)]
enum Category {
    /// What the patient reports.
    Survey,
    /// A physical test.
    Exam,
}

impl Category {
    fn concept(self) -> Concept<'static> {
        let (code, display) = match self {
            Category::Survey => ("survey", "Survey"),
            Category::Exam => ("exam", "Exam"),
        };
        Concept::new(CATEGORIES, code, display)
    }
}

/// The resource written most, typed: a file of years of check-ins is
/// mostly these. Its elements in FHIR's order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Observation<'a> {
    resource_type: &'static str,
    status: &'static str,
    category: [Concept<'a>; 1],
    code: Concept<'a>,
    subject: Reference<'a>,
    effective_date_time: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<&'a str>,
    #[serde(flatten)]
    value: Option<Measured<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<[Annotation<'a>; 1]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body_site: Option<Concept<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    derived_from: Option<[Reference<'a>; 1]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    component: Option<[Component<'a>; 1]>,
}

impl<'a> Observation<'a> {
    fn value(self, value: Measured<'a>) -> Self {
        Observation {
            value: Some(value),
            ..self
        }
    }

    fn at(self, site: Site) -> Self {
        Observation {
            body_site: Some(site.concept()),
            ..self
        }
    }
}

/// An Observation's `value[x]`.
#[derive(Serialize)]
enum Measured<'a> {
    #[serde(rename = "valueInteger")]
    Integer(u32),
    #[serde(rename = "valueBoolean")]
    Boolean(bool),
    #[serde(rename = "valueCodeableConcept")]
    Concept(Concept<'a>),
    #[serde(rename = "valueQuantity")]
    Quantity(Quantity),
}

#[derive(Serialize)]
struct Quantity {
    value: f64,
    unit: &'static str,
    system: &'static str,
    code: &'static str,
}

/// A CodeableConcept of one coding.
#[derive(Serialize)]
struct Concept<'a> {
    coding: [Coding<'a>; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
}

impl<'a> Concept<'a> {
    fn new(system: &'a str, code: &'a str, display: &'a str) -> Self {
        Concept {
            coding: [Coding {
                system,
                code,
                display,
            }],
            text: None,
        }
    }

    fn with_text(self, text: &'a str) -> Self {
        Concept {
            text: Some(text),
            ..self
        }
    }
}

#[derive(Serialize)]
struct Coding<'a> {
    system: &'a str,
    code: &'a str,
    display: &'a str,
}

#[derive(Serialize)]
struct Reference<'a> {
    reference: &'a str,
}

#[derive(Serialize)]
struct Annotation<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Component<'a> {
    code: Concept<'a>,
    value_string: &'a str,
}

const PAIN_DISPLAY: &str = "Pain severity - 0-10 verbal numeric rating [Score] - Reported";

/// The app's own codes for what an Observation observed.
#[derive(Clone, Copy)]
enum Code {
    SymptomExtent,
    AfterSet,
    HeelRaises,
    ToeWalk,
    PsfsScore,
}

impl Code {
    const ALL: [Code; 5] = [
        Code::SymptomExtent,
        Code::AfterSet,
        Code::HeelRaises,
        Code::ToeWalk,
        Code::PsfsScore,
    ];

    /// The code, its display and its definition.
    fn terms(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Code::SymptomExtent => (
                "symptom-extent",
                "Furthest point of symptoms down the leg",
                "How far from the spine the symptoms reach in one leg (the body site), as the \
                 patient reports it: a code of the symptom-extent code system, ordered from the \
                 spine outwards.",
            ),
            Code::AfterSet => (
                "after-set",
                "After exercise set",
                "The exercise set that the check-in followed: the exercise's name, the set's \
                 number and how many sets, and the dose.",
            ),
            Code::HeelRaises => (
                "heel-raises",
                "Single-leg heel raises",
                "Single-leg heel raises on the side of the body site, barefoot, knee straight, \
                 counted until height or pace failed (the S1 strength self-check, done by the \
                 patient). Day-to-day noise is about 6 raises.",
            ),
            Code::ToeWalk => (
                "toe-walk",
                "Able to walk on toes",
                "Whether the patient could walk on their toes on the side of the body site (the \
                 S1 strength self-check).",
            ),
            Code::PsfsScore => (
                "psfs-score",
                "Patient-Specific Functional Scale score",
                "The mean of the scores of up to three activities the patient named, each from \
                 0 (unable to do it) to 10 (able to do it as before the problem) (Stratford \
                 1995).",
            ),
        }
    }

    fn concept(self) -> Concept<'static> {
        let (code, display, _) = self.terms();
        Concept::new(OBSERVATION_CODES, code, display)
    }
}

/// Where an Observation was made (SNOMED CT body structures).
#[derive(Clone, Copy)]
enum Site {
    LowerBack,
    /// A lower limb: of this side, or either.
    Leg(Option<Side>),
}

impl Site {
    fn concept(self) -> Concept<'static> {
        let (code, display) = match self {
            Site::LowerBack => ("37822005", "Lower back structure"),
            Site::Leg(None) => ("61685007", "Lower limb structure"),
            Site::Leg(Some(Side::Left)) => ("32153003", "Structure of left lower limb"),
            Site::Leg(Some(Side::Right)) => ("62175007", "Structure of right lower limb"),
        };
        Concept::new(SNOMED, code, display)
    }
}

/// Leg pain is scored for the worse leg: that is the one leg with
/// symptoms below the back when there is one; otherwise either.
fn worse_leg(answers: &Answers) -> Option<Side> {
    match Side::BOTH.map(|s| answers.level(s) > Level::LowBack) {
        [true, false] => Some(Side::Left),
        [false, true] => Some(Side::Right),
        _ => None,
    }
}

fn side_key(side: Side) -> &'static str {
    match side {
        Side::Left => "left",
        Side::Right => "right",
    }
}

fn describe(set: &SetCompleted) -> String {
    format!(
        "{}, set {} of {}, {}",
        set.exercise_name,
        set.set,
        set.of,
        set.dose.describe(set.kind)
    )
}

/// A resource written once or rarely (the definitions, the patient, a
/// PSFS response), as a JSON value: `resourceType` first, as FHIR writes
/// it, then its elements (serde_json's own maps sort their keys).
struct Resource {
    kind: &'static str,
    body: Value,
}

impl Resource {
    fn new(kind: &'static str, body: Value) -> Self {
        Resource { kind, body }
    }
}

impl Serialize for Resource {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = self.body.as_object();
        let mut map = serializer.serialize_map(Some(1 + fields.map_or(0, |f| f.len())))?;
        map.serialize_entry("resourceType", self.kind)?;
        for (name, value) in fields.into_iter().flatten() {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// The PSFS as answered, to the questionnaire's items: each activity in
/// the patient's words and its score.
fn psfs_response(p: &Psfs, patient: &str) -> Value {
    let items: Vec<Value> = p
        .items
        .iter()
        .take(Psfs::MAX_ITEMS)
        .zip(1..)
        .map(|(item, n)| {
            let mut name = json!({ "linkId": format!("activity-{n}-name") });
            if let Some(activity) = text(&item.activity) {
                name["answer"] = json!([{ "valueString": activity }]);
            }
            json!({
                "linkId": format!("activity-{n}"),
                "text": format!("Activity {n}"),
                "item": [name, {
                    "linkId": format!("activity-{n}-score"),
                    "answer": [{ "valueInteger": item.score.min(Psfs::MAX_SCORE) }],
                }],
            })
        })
        .collect();
    json!({
        "questionnaire": PSFS,
        "status": "completed",
        "subject": { "reference": patient },
        "authored": instant(p.at),
        "item": items,
    })
}

/// What the app's code systems share.
fn code_system(
    url: &str,
    name: &str,
    title: &str,
    description: &str,
    concepts: Vec<Value>,
) -> Value {
    json!({
        "url": url,
        "version": VERSION,
        "name": name,
        "title": title,
        "status": "active",
        "publisher": "Centralise",
        "description": description,
        "caseSensitive": true,
        "content": "complete",
        "concept": concepts,
    })
}

/// The patient, of whom the app knows nothing that identifies them.
fn patient() -> Value {
    json!({
        "text": {
            "status": "generated",
            "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\">The person who kept this \
                    journal in Centralise. The app has no account, so no name or other \
                    identifying details are exported.</div>",
        },
    })
}

fn observation_codes() -> Value {
    let concepts = Code::ALL
        .map(|c| {
            let (code, display, definition) = c.terms();
            json!({ "code": code, "display": display, "definition": definition })
        })
        .to_vec();
    code_system(
        OBSERVATION_CODES,
        "CentraliseObservations",
        "Centralise observations",
        "What the Centralise app's Observations observe, where LOINC has no code for it.",
        concepts,
    )
}

fn symptom_extent() -> Value {
    // Ranks from 1: FHIR.js, the validator the tests run, reads a 0 as
    // a missing value.
    let concepts = Level::ALL
        .iter()
        .zip(1..)
        .map(|(level, order)| {
            json!({
                "code": level.key(),
                "display": level.label(),
                "property": [{ "code": "order", "valueInteger": order }],
            })
        })
        .collect();
    let mut system = code_system(
        SYMPTOM_EXTENT,
        "SymptomExtent",
        "Furthest point of symptoms down the leg",
        "The furthest point that sciatic symptoms reach in one leg, an ordinal scale from the \
         spine outwards: none, low back, buttock, thigh (above the knee), below the knee or \
         calf, ankle or foot.",
        concepts,
    );
    system["property"] = json!([{
        "code": "order",
        "description": "The level's rank from the spine outwards: 1 (none) to 6 (ankle or foot).",
        "type": "integer",
    }]);
    system
}

fn psfs_questionnaire() -> Value {
    let items: Vec<Value> = (1..=Psfs::MAX_ITEMS)
        .map(|n| {
            json!({
                "linkId": format!("activity-{n}"),
                "text": format!("Activity {n}"),
                "type": "group",
                "item": [
                    {
                        "linkId": format!("activity-{n}-name"),
                        "text": "An activity the patient finds hard because of the problem, in their own words",
                        "type": "string",
                    },
                    {
                        "linkId": format!("activity-{n}-score"),
                        "text": "How well the patient can do it: 0 (unable) to 10 (as before the problem)",
                        "type": "integer",
                    },
                ],
            })
        })
        .collect();
    json!({
        "url": PSFS,
        "version": VERSION,
        "name": "PatientSpecificFunctionalScale",
        "title": "Patient-Specific Functional Scale (PSFS)",
        "status": "active",
        "subjectType": ["Patient"],
        "publisher": "Centralise",
        "description": "Up to three activities the patient names, each scored from 0 (unable to do \
                        it) to 10 (able to do it as before the problem); the score is their mean. \
                        Stratford P, Gill C, Westaway M, Binkley J. Assessing disability and \
                        change on individual patients: a report of a patient specific measure. \
                        Physiotherapy Canada 1995;47:258-263.",
        "item": items,
    })
}

/// Text from the patient or a pack as a FHIR string: FHIR allows no
/// control characters but tab, CR and LF, and no empty strings.
fn text(s: &str) -> Option<String> {
    let kept: String = s
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\r' | '\n'))
        .collect();
    let kept = kept.trim();
    (!kept.is_empty()).then(|| kept.to_string())
}

const DAY: u64 = 24 * 60 * 60 * 1000;
/// 9999-12-31T23:59:59.999Z: FHIR's years have four digits.
const LAST: u64 = 253_402_300_799_999;

/// An instant as FHIR's `instant` and `dateTime` write it: RFC 3339 in
/// UTC, to the millisecond.
fn instant(ms: u64) -> String {
    let ms = ms.min(LAST);
    let (y, m, d) = time::civil(i64::try_from(ms / DAY).unwrap_or_default());
    let t = ms % DAY;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        t / 3_600_000,
        t / 60_000 % 60,
        t / 1000 % 60,
        t % 1000
    )
}

/// A `urn:uuid:` named by `name` (a record's id and the part of it), the
/// same every time: RFC 9562's version 8 (custom) holding 122 bits of the
/// 128-bit FNV-1a hash of the name. Record ids are unique across devices,
/// so these are too.
fn urn(name: &str) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut h = OFFSET;
    for byte in "centralise:".bytes().chain(name.bytes()) {
        h = (h ^ u128::from(byte)).wrapping_mul(PRIME);
    }
    // The version nibble (bits 76-79) is 8, the variant bits (62-63) 10.
    let h = (h & !(0xf << 76) | (0x8 << 76)) & !(0x3 << 62) | (0x2 << 62);
    format!(
        "urn:uuid:{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        h >> 96,
        (h >> 80) & 0xffff,
        (h >> 64) & 0xffff,
        (h >> 48) & 0xffff,
        h & 0xffff_ffff_ffff
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_are_rfc_3339_utc_to_the_millisecond() {
        assert_eq!(instant(0), "1970-01-01T00:00:00.000Z");
        // Thursday 3 December 2026, 09:01:30.250 UTC.
        assert_eq!(instant(1_796_288_490_250), "2026-12-03T09:01:30.250Z");
        assert_eq!(instant(u64::MAX), "9999-12-31T23:59:59.999Z");
    }

    #[test]
    fn urns_are_version_8_uuids_fixed_by_their_name() {
        let a = urn("c1/leg-pain");
        assert_eq!(a, urn("c1/leg-pain"));
        assert_ne!(a, urn("c1/back-pain"));
        assert_eq!(a.len(), "urn:uuid:".len() + 36);
        let hex = &a["urn:uuid:".len()..];
        assert_eq!(&hex[14..15], "8");
        assert!(matches!(&hex[19..20], "8" | "9" | "a" | "b"));
    }

    #[test]
    fn text_drops_control_characters_and_blanks() {
        assert_eq!(text(" a\u{1}b\n "), Some("ab".to_string()));
        assert_eq!(text("line\nline"), Some("line\nline".to_string()));
        assert_eq!(text("\u{7} "), None);
    }
}
