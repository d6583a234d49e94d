//! The pack format described once: every table, field, unit and limit.
//! Validation takes its limits from here, and `exercises/README.md`'s field
//! tables are generated from here (a test fails when they differ), so the
//! documentation cannot drift from what the parser does.

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

pub struct Field {
    pub name: &'static str,
    pub ty: &'static str,
    pub need: Need,
    pub limits: Option<&'static Limits>,
    pub meaning: &'static str,
}

/// One TOML table of the format and its fields, in the order a pack is
/// printed.
pub struct Table {
    pub header: &'static str,
    pub about: &'static str,
    pub fields: &'static [Field],
}

const fn field(name: &'static str, ty: &'static str, need: Need, meaning: &'static str) -> Field {
    Field {
        name,
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
        ty: "integer",
        need,
        limits: Some(limits),
        meaning,
    }
}

use Need::{FromFormat2, Optional, Required};

const TEXT: &str = "text";

pub const TABLES: &[Table] = &[
    Table {
        header: "Top level",
        about: "The pack itself.",
        fields: &[
            field(
                "format",
                "integer",
                Required,
                "the pack format version: 2 (this app also reads 1)",
            ),
            field(
                "id",
                "id",
                Required,
                "a stable id for the pack, e.g. `extension-progression`; a pack with the same id and a newer version replaces it",
            ),
            field(
                "version",
                "version",
                Required,
                "your version of the pack, numbers and dots, e.g. `1.2.0`; `1.10` comes after `1.9`",
            ),
            field("title", TEXT, Required, "shown to the patient"),
            field("author", TEXT, Required, "you or your clinic"),
            field(
                "language",
                TEXT,
                Required,
                "language of the texts, e.g. `en` or `en-GB`; the voice cues use it",
            ),
            field(
                "licence",
                TEXT,
                FromFormat2,
                "the terms others may reuse the pack under, e.g. `CC-BY-4.0` or `All rights reserved`",
            ),
            field(
                "sources",
                "list of text",
                Optional,
                "citations the programme follows (a warning when there are none)",
            ),
            field("safety_note", TEXT, Optional, "shown above the routines"),
            field(
                "[[exercises]]",
                "tables",
                Required,
                "the exercises (below), at least one",
            ),
            field(
                "[[routines]]",
                "tables",
                Required,
                "the routines (below), at least one",
            ),
            field(
                "[[stages]]",
                "tables",
                Optional,
                "progression stages (below), in order of `from_week`",
            ),
        ],
    },
    Table {
        header: "[[exercises]]",
        about: "One exercise. Routines name it by `id`; its `kind` says how it is dosed.",
        fields: &[
            field("id", "id", Required, "unique in the pack"),
            field("name", TEXT, Required, "shown to the patient"),
            field(
                "category",
                "`directional-preference`, `core-stabilisation`, `nerve-mobility` or `other`",
                Required,
                "what the exercise is for",
            ),
            field(
                "kind",
                "`repeated`, `sustained` or `hold`",
                Required,
                "counted movements, a position kept for minutes, or a short muscular hold",
            ),
            field(
                "steps",
                "list of text",
                Required,
                "short plain-language steps, in order; none empty",
            ),
            field(
                "starting_position",
                TEXT,
                FromFormat2,
                "where the patient starts, e.g. lying on their front",
            ),
            field(
                "feel",
                TEXT,
                FromFormat2,
                "what the patient should feel while doing it",
            ),
            field("stop_if", TEXT, FromFormat2, "when to stop"),
            field(
                "illustration",
                TEXT,
                Optional,
                "a picture you provide, e.g. `Handout figure 3`; shown as text",
            ),
        ],
    },
    Table {
        header: "[[routines]]",
        about: "A routine: exercises done in order, each with its dose.",
        fields: &[
            field("id", "id", Required, "unique in the pack"),
            field("title", TEXT, Required, "shown to the patient"),
            field(
                "summary",
                TEXT,
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
                "table",
                Optional,
                "how often (below); write it before the items",
            ),
            field(
                "[[routines.items]]",
                "tables",
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
                "list of `monday` ... `sunday`",
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
                "exercise id",
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
                "`both` or `affected`",
                Optional,
                "`both`: each set on the left, then on the right, with the routine's `switch_seconds` between; `affected`: only on the leg the patient set as affected in Settings (as `both` when that is both legs or not set); left out: once, not per side",
            ),
            field(
                "per_side",
                "`true` or `false`",
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
            field("title", TEXT, Required, "e.g. `From week 3: longer holds`"),
            field(
                "[[stages.changes]]",
                "tables",
                Required,
                "what changes (below), at least one",
            ),
        ],
    },
    Table {
        header: "[[stages.changes]]",
        about: "New numbers for every item of one exercise in one routine; fields left out stay as the routine says. Dose fields must fit the exercise's kind, with the same limits as routine items.",
        fields: &[
            field("routine", "routine id", Required, "a routine of this pack"),
            field(
                "exercise",
                "exercise id",
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

/// The field tables of `exercises/README.md`, as Markdown.
pub fn markdown() -> String {
    let mut out = String::new();
    for table in TABLES {
        let header = if table.header.starts_with('[') {
            format!("`{}`", table.header)
        } else {
            table.header.to_string()
        };
        out += &format!("### {header}\n\n{}\n\n", table.about);
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
                f.ty,
                f.need.describe(),
                f.meaning
            );
        }
        out += "\n";
    }
    out
}
