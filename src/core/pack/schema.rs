//! The pack format described once: every table, field, type, unit and
//! limit. The structural check (`walk`) follows it and validation takes its
//! limits from here; `exercises/README.md`'s field tables and README.md's
//! list of length limits are generated from here (tests fail when they
//! differ), so the documentation cannot drift from what the parser does.

/// Sensible and possible ranges for one number in a pack: outside `usual`
/// is a warning (the therapist may mean it), outside `possible` an error.
pub struct Limits {
    pub what: &'static str,
    pub unit: &'static str,
    pub usual: (u32, u32),
    pub possible: (u32, u32),
}

const fn limits(
    what: &'static str,
    unit: &'static str,
    usual: (u32, u32),
    possible: (u32, u32),
) -> Limits {
    Limits {
        what,
        unit,
        usual,
        possible,
    }
}

pub const SETS: Limits = limits("sets", "sets", (1, 10), (1, 30));
pub const REPETITIONS: Limits = limits("repetitions", "movements per set", (3, 30), (1, 100));
pub const PACE: Limits = limits("pace_seconds", "seconds per movement", (1, 10), (1, 60));
pub const HOLD: Limits = limits("hold_seconds", "seconds per set", (3, 60), (1, 300));
pub const SUSTAIN: Limits = limits("sustain_seconds", "seconds per set", (30, 600), (5, 1800));
pub const REST: Limits = limits(
    "rest_seconds",
    "seconds after each set",
    (0, 300),
    (0, 1800),
);
pub const GET_READY: Limits = limits("get_ready_seconds", "seconds", (5, 30), (0, 120));
pub const SWITCH: Limits = limits("switch_seconds", "seconds", (3, 15), (1, 60));
pub const TIMES_A_DAY: Limits = limits("times_a_day", "sessions a day", (1, 8), (1, 12));
pub const EVERY_HOURS: Limits = limits("every_hours", "hours", (1, 6), (1, 12));
pub const EVERY_HOURS_MAX: Limits = limits("every_hours_max", "hours", (1, 6), (1, 12));
pub const FROM_WEEK: Limits = limits("from_week", "week of the programme", (2, 26), (2, 104));

/// Whether a field must be there.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    /// Required from format 2; format-1 packs (which had no such field)
    /// still load without it.
    FromFormat2,
    Optional,
}

// Lengths of texts, in characters (Unicode scalar values). Generous for a
// careful therapist, and small enough that a pack stays readable on a phone.
/// A pack title, an exercise's name, a routine's or stage's title, the author.
pub const TITLE_CHARS: usize = 120;
/// `language`, e.g. `en-GB` (the longest language tags are 35).
pub const LANGUAGE_CHARS: usize = 35;
pub const LICENCE_CHARS: usize = 200;
/// Each entry of `sources`.
pub const SOURCE_CHARS: usize = 300;
/// Each entry of `steps`.
pub const STEP_CHARS: usize = 500;
/// `starting_position`, `feel`, `stop_if` and a routine's `summary`.
pub const ADVICE_CHARS: usize = 500;
pub const ILLUSTRATION_CHARS: usize = 200;
pub const SAFETY_NOTE_CHARS: usize = 2000;
/// Ids of the pack, its exercises and routines (`validate` checks them).
pub const ID_CHARS: usize = 64;

// How many entries a list may have.
pub const MAX_EXERCISES: usize = 200;
pub const MAX_ROUTINES: usize = 50;
/// `[[routines.items]]` in one routine.
pub const MAX_ITEMS: usize = 100;
/// `steps` of one exercise.
pub const MAX_STEPS: usize = 30;
pub const MAX_SOURCES: usize = 50;
pub const MAX_STAGES: usize = 50;
/// `[[stages.changes]]` in one stage.
pub const MAX_CHANGES: usize = 100;

/// The words of the fields with a fixed set of values, as the pack writes
/// them (a test checks they are the ones the parser reads).
pub const CATEGORIES: &[&str] = &[
    "directional-preference",
    "core-stabilisation",
    "nerve-mobility",
    "other",
];
pub const KINDS: &[&str] = &["repeated", "sustained", "hold"];
pub const SIDES: &[&str] = &["both", "affected"];
pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// What a field holds. Every text is checked for its length and for
/// hidden characters: control characters (line breaks and tabs are allowed
/// only where `lines` says so) and the Unicode controls that reorder text
/// as it is displayed (U+202A-U+202E, U+2066-U+2069), which could make a
/// step read differently from what it says.
#[derive(Clone, Copy)]
pub enum Ty {
    /// A whole number from 0 to 4294967295; its `Limits` say more.
    Integer,
    Bool,
    /// An id: lowercase letters, digits and hyphens, at most `ID_CHARS`.
    Id,
    /// 1 to 4 numbers joined by dots, each at most 4294967295.
    Version,
    /// The id of another part of the pack, e.g. "exercise id".
    Ref(&'static str),
    /// Text of at most `max` characters; `lines`: it may hold line breaks
    /// and tabs.
    Text {
        max: usize,
        lines: bool,
    },
    /// One of these words.
    Word(&'static [&'static str]),
    /// At most `max` texts of at most `chars` characters, one line each.
    TextList {
        max: usize,
        chars: usize,
    },
    /// A list of these words.
    WordList(&'static [&'static str]),
    /// A table (`[routines.schedule]`), described by the `Table` of that
    /// header.
    Table,
    /// At most `max` tables (`[[exercises]]`), each described by the
    /// `Table` of that header.
    Tables {
        max: usize,
    },
}

impl Ty {
    const fn text(max: usize) -> Ty {
        Ty::Text { max, lines: false }
    }

    const fn lines(max: usize) -> Ty {
        Ty::Text { max, lines: true }
    }

    /// A list, which may be left out (it is then empty).
    pub fn is_list(self) -> bool {
        matches!(
            self,
            Ty::TextList { .. } | Ty::WordList(_) | Ty::Tables { .. }
        )
    }

    /// As the README's field tables say it.
    pub fn describe(self) -> String {
        let quoted =
            |words: &[&str]| -> Vec<String> { words.iter().map(|w| format!("`{w}`")).collect() };
        match self {
            Ty::Integer => "integer".into(),
            Ty::Bool => "`true` or `false`".into(),
            Ty::Id => "id".into(),
            Ty::Version => "version".into(),
            Ty::Ref(what) => what.into(),
            Ty::Text { .. } => "text".into(),
            Ty::Word(words) => match quoted(words).split_last() {
                Some((last, [])) => last.clone(),
                Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
                None => String::new(),
            },
            Ty::TextList { .. } => "list of text".into(),
            Ty::WordList(words) => {
                let q = quoted(words);
                format!("list of {} ... {}", q[0], q[q.len() - 1])
            }
            Ty::Table => "table".into(),
            Ty::Tables { .. } => "tables".into(),
        }
    }
}

pub struct Field {
    pub name: &'static str,
    /// `name` as a key in its table (see `key`).
    key: &'static str,
    pub ty: Ty,
    pub need: Need,
    pub limits: Option<&'static Limits>,
    pub meaning: &'static str,
}

impl Field {
    /// The key in the pack: `exercises` for `[[exercises]]`, `schedule`
    /// for `[routines.schedule]`.
    pub fn key(&self) -> &'static str {
        self.key
    }

    /// The table a `Table` or `Tables` field holds.
    pub fn table(&self) -> Option<&'static Table> {
        TABLES.iter().find(|t| t.header == self.name)
    }
}

/// One TOML table of the format and its fields, in the order a pack is
/// printed.
pub struct Table {
    pub header: &'static str,
    pub about: &'static str,
    pub fields: &'static [Field],
}

impl Table {
    pub fn field(&self, key: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.key() == key)
    }
}

/// `name` without its brackets and parent tables: `[routines.schedule]`
/// is `schedule` (worked out once, at compile time: the check looks keys
/// up often).
const fn key_of(name: &'static str) -> &'static str {
    let mut bytes = name.as_bytes();
    while let [b'[', rest @ ..] = bytes {
        bytes = rest;
    }
    while let [rest @ .., b']'] = bytes {
        bytes = rest;
    }
    let mut i = bytes.len();
    while i > 0 {
        if bytes[i - 1] == b'.' {
            bytes = bytes.split_at(i).1;
            break;
        }
        i -= 1;
    }
    match std::str::from_utf8(bytes) {
        Ok(key) => key,
        Err(_) => panic!("a field name is ASCII"),
    }
}

const fn field(name: &'static str, ty: Ty, need: Need, meaning: &'static str) -> Field {
    Field {
        name,
        key: key_of(name),
        ty,
        need,
        limits: None,
        meaning,
    }
}

const fn number(
    name: &'static str,
    need: Need,
    limits: &'static Limits,
    meaning: &'static str,
) -> Field {
    Field {
        name,
        key: key_of(name),
        ty: Ty::Integer,
        need,
        limits: Some(limits),
        meaning,
    }
}

use Need::{FromFormat2, Optional, Required};

pub const TABLES: &[Table] = &[
    Table {
        header: "Top level",
        about: "The pack itself.",
        fields: &[
            field(
                "format",
                Ty::Integer,
                Required,
                "the pack format version: 2 (this app also reads 1)",
            ),
            field(
                "id",
                Ty::Id,
                Required,
                "a stable id for the pack, e.g. `extension-progression`; a pack with the same id and a newer version replaces it",
            ),
            field(
                "version",
                Ty::Version,
                Required,
                "your version of the pack, numbers and dots, e.g. `1.2.0`; `1.10` comes after `1.9`",
            ),
            field(
                "title",
                Ty::text(TITLE_CHARS),
                Required,
                "shown to the patient",
            ),
            field(
                "author",
                Ty::text(TITLE_CHARS),
                Required,
                "you or your clinic",
            ),
            field(
                "language",
                Ty::text(LANGUAGE_CHARS),
                Required,
                "language of the texts, e.g. `en` or `en-GB`; the voice cues use it",
            ),
            field(
                "licence",
                Ty::text(LICENCE_CHARS),
                FromFormat2,
                "the terms others may reuse the pack under, e.g. `CC-BY-4.0` or `All rights reserved`",
            ),
            field(
                "sources",
                Ty::TextList {
                    max: MAX_SOURCES,
                    chars: SOURCE_CHARS,
                },
                Optional,
                "citations the programme follows (a warning when there are none)",
            ),
            field(
                "safety_note",
                Ty::lines(SAFETY_NOTE_CHARS),
                Optional,
                "shown above the routines",
            ),
            field(
                "[[exercises]]",
                Ty::Tables { max: MAX_EXERCISES },
                Required,
                "the exercises (below), at least one",
            ),
            field(
                "[[routines]]",
                Ty::Tables { max: MAX_ROUTINES },
                Required,
                "the routines (below), at least one",
            ),
            field(
                "[[stages]]",
                Ty::Tables { max: MAX_STAGES },
                Optional,
                "progression stages (below), in order of `from_week`",
            ),
        ],
    },
    Table {
        header: "[[exercises]]",
        about: "One exercise. Routines name it by `id`; its `kind` says how it is dosed.",
        fields: &[
            field("id", Ty::Id, Required, "unique in the pack"),
            field(
                "name",
                Ty::text(TITLE_CHARS),
                Required,
                "shown to the patient",
            ),
            field(
                "category",
                Ty::Word(CATEGORIES),
                Required,
                "what the exercise is for",
            ),
            field(
                "kind",
                Ty::Word(KINDS),
                Required,
                "counted movements, a position kept for minutes, or a short muscular hold",
            ),
            field(
                "steps",
                Ty::TextList {
                    max: MAX_STEPS,
                    chars: STEP_CHARS,
                },
                Required,
                "short plain-language steps, in order; none empty",
            ),
            field(
                "starting_position",
                Ty::lines(ADVICE_CHARS),
                FromFormat2,
                "where the patient starts, e.g. lying on their front",
            ),
            field(
                "feel",
                Ty::lines(ADVICE_CHARS),
                FromFormat2,
                "what the patient should feel while doing it",
            ),
            field(
                "stop_if",
                Ty::lines(ADVICE_CHARS),
                FromFormat2,
                "when to stop",
            ),
            field(
                "illustration",
                Ty::text(ILLUSTRATION_CHARS),
                Optional,
                "a picture you provide, e.g. `Handout figure 3`; shown as text",
            ),
        ],
    },
    Table {
        header: "[[routines]]",
        about: "A routine: exercises done in order, each with its dose.",
        fields: &[
            field("id", Ty::Id, Required, "unique in the pack"),
            field(
                "title",
                Ty::text(TITLE_CHARS),
                Required,
                "shown to the patient",
            ),
            field(
                "summary",
                Ty::lines(ADVICE_CHARS),
                Optional,
                "one or two sentences under the title",
            ),
            number(
                "get_ready_seconds",
                Optional,
                &GET_READY,
                "time to get into position before each exercise (default 10)",
            ),
            number(
                "switch_seconds",
                Optional,
                &SWITCH,
                "time to change sides in per-side sets (default 5)",
            ),
            field(
                "[routines.schedule]",
                Ty::Table,
                Optional,
                "how often (below); write it before the items",
            ),
            field(
                "[[routines.items]]",
                Ty::Tables { max: MAX_ITEMS },
                Required,
                "the exercises in order (below), at least one",
            ),
        ],
    },
    Table {
        header: "[routines.schedule]",
        about: "How often the routine is done. Give `times_a_day` or `every_hours`, not both.",
        fields: &[
            number("times_a_day", Optional, &TIMES_A_DAY, "sessions a day"),
            number(
                "every_hours",
                Optional,
                &EVERY_HOURS,
                "a session every this many hours while awake",
            ),
            number(
                "every_hours_max",
                Optional,
                &EVERY_HOURS_MAX,
                "with `every_hours`: every 2-3 hours is `every_hours = 2`, `every_hours_max = 3`",
            ),
            field(
                "days",
                Ty::WordList(WEEKDAYS),
                Optional,
                "the days to do it; every day when left out",
            ),
        ],
    },
    Table {
        header: "[[routines.items]]",
        about: "One exercise of a routine with its dose. The dose fields must fit the exercise's kind: `repetitions` (and `pace_seconds`) for `repeated`, `hold_seconds` for `hold`, `sustain_seconds` for `sustained`.",
        fields: &[
            field(
                "exercise",
                Ty::Ref("exercise id"),
                Required,
                "an exercise of this pack",
            ),
            number("sets", Required, &SETS, "how many sets"),
            number(
                "repetitions",
                Optional,
                &REPETITIONS,
                "`repeated` only, and required for it",
            ),
            number(
                "pace_seconds",
                Optional,
                &PACE,
                "`repeated` only: one movement every this many seconds (default 3)",
            ),
            number(
                "hold_seconds",
                Optional,
                &HOLD,
                "`hold` only, and required for it",
            ),
            number(
                "sustain_seconds",
                Optional,
                &SUSTAIN,
                "`sustained` only, and required for it",
            ),
            number(
                "rest_seconds",
                Optional,
                &REST,
                "rest after each set (default 0)",
            ),
            field(
                "side",
                Ty::Word(SIDES),
                Optional,
                "`both`: each set on the left, then on the right, with the routine's `switch_seconds` between; `affected`: only on the leg the patient set as affected in Settings (as `both` when that is both legs or not set); left out: once, not per side",
            ),
            field(
                "per_side",
                Ty::Bool,
                Optional,
                "the older way to write `side = \"both\"` (`true`); give `side` or `per_side`, not both (default `false`)",
            ),
        ],
    },
    Table {
        header: "[[stages]]",
        about: "A progression stage: from the start of `from_week` (week 1 is the first week with the pack) the doses it lists replace the routine's. Week 1 is the routines as written.",
        fields: &[
            number(
                "from_week",
                Required,
                &FROM_WEEK,
                "the week the stage starts; each stage later than the one before",
            ),
            field(
                "title",
                Ty::text(TITLE_CHARS),
                Required,
                "e.g. `From week 3: longer holds`",
            ),
            field(
                "[[stages.changes]]",
                Ty::Tables { max: MAX_CHANGES },
                Required,
                "what changes (below), at least one",
            ),
        ],
    },
    Table {
        header: "[[stages.changes]]",
        about: "New numbers for every item of one exercise in one routine; fields left out stay as the routine says. Dose fields must fit the exercise's kind, with the same limits as routine items.",
        fields: &[
            field(
                "routine",
                Ty::Ref("routine id"),
                Required,
                "a routine of this pack",
            ),
            field(
                "exercise",
                Ty::Ref("exercise id"),
                Required,
                "an exercise in that routine",
            ),
            number("sets", Optional, &SETS, "new number of sets"),
            number(
                "repetitions",
                Optional,
                &REPETITIONS,
                "new repetitions (`repeated`)",
            ),
            number("pace_seconds", Optional, &PACE, "new pace (`repeated`)"),
            number("hold_seconds", Optional, &HOLD, "new hold (`hold`)"),
            number(
                "sustain_seconds",
                Optional,
                &SUSTAIN,
                "new time (`sustained`)",
            ),
            number("rest_seconds", Optional, &REST, "new rest after each set"),
        ],
    },
];

impl Need {
    fn describe(self) -> &'static str {
        match self {
            Need::Required => "yes",
            Need::FromFormat2 => "yes (from format 2)",
            Need::Optional => "no",
        }
    }
}

/// A table's header as Markdown: `[[exercises]]` as code.
fn header(table: &Table) -> String {
    if table.header.starts_with('[') {
        format!("`{}`", table.header)
    } else {
        table.header.to_string()
    }
}

/// The field tables of `exercises/README.md`, as Markdown.
pub fn markdown() -> String {
    let mut out = String::new();
    for table in TABLES {
        out += &format!("### {}\n\n{}\n\n", header(table), table.about);
        out += "| field | type | required | unit: usual (possible) | meaning |\n";
        out += "|---|---|---|---|---|\n";
        for f in table.fields {
            let limits = f.limits.map_or(String::new(), |l| {
                let ((ulo, uhi), (plo, phi)) = (l.usual, l.possible);
                format!("{}: {ulo}-{uhi} ({plo}-{phi})", l.unit)
            });
            out += &format!(
                "| `{}` | {} | {} | {limits} | {} |\n",
                f.name,
                f.ty.describe(),
                f.need.describe(),
                f.meaning
            );
        }
        out += "\n";
    }
    out
}

/// The length limits of the format, as Markdown (in README.md, "Exercise
/// packs"; a test fails when they differ): for each table, each text's
/// most characters and each list's most entries.
pub fn limits_markdown() -> String {
    let mut out = String::new();
    for table in TABLES {
        let limits: Vec<String> = (table.fields.iter())
            .filter_map(|f| {
                let name = f.name;
                match f.ty {
                    Ty::Id => Some(format!("`{name}` {ID_CHARS}")),
                    Ty::Text { max, .. } => Some(format!("`{name}` {max}")),
                    Ty::TextList { max, chars } => Some(format!("`{name}` {max}, of {chars} each")),
                    Ty::Tables { max } => Some(format!("`{name}` {max}")),
                    _ => None,
                }
            })
            .collect();
        if !limits.is_empty() {
            out += &format!("- {}: {}\n", header(table), limits.join("; "));
        }
    }
    out
}
