//! The applications of the last months as the curated minutes record them.

/// What happened after the curated advice.
#[derive(Clone, Copy)]
pub(super) enum Then {
    /// Waiting for the jury's next meeting.
    Waiting,
    /// Asked back for rework on this day.
    AskBack(i64),
    /// Approved by the jury in its curated meeting on `day`, paid `paid` days later.
    Jury {
        day: i64,
        votes: [i64; 3],
        paid: Option<i64>,
    },
    /// Approved in the jury's last generated meeting, paid `paid` days later.
    NextJury { paid: i64 },
}

#[derive(Clone, Copy)]
pub(super) enum Path {
    /// Advised in the conference's curated meeting on `day`.
    Curated {
        day: i64,
        recommended: bool,
        votes: [i64; 3],
        then: Then,
    },
    /// Advised and decided in generated meetings before the curated ones; the proof of use
    /// came in on `proof` (a day from today).
    Earlier { proof: i64 },
    /// Not advised yet; checked on that day, if at all.
    Open { checked: Option<i64> },
}

pub(super) struct Scripted {
    pub conference: &'static str,
    pub idea: &'static str,
    pub title: &'static str,
    pub euros: i64,
    /// Days from today.
    pub submitted: i64,
    pub checked: i64,
    pub path: Path,
}

const fn curated(day: i64, recommended: bool, votes: [i64; 3], then: Then) -> Path {
    Path::Curated {
        day,
        recommended,
        votes,
        then,
    }
}

#[rustfmt::skip]
pub(super) const SCRIPTED: &[Scripted] = &[
    Scripted { conference: "stk_ost", idea: "Interkulturelles Kochen",
        title: "Interkulturelles Kochen im Begegnungszentrum", euros: 480, submitted: -110,
        checked: -106, path: curated(-84, true, [6, 0, 0], Then::NextJury { paid: 12 }) },
    Scripted { conference: "stk_ost", idea: "Fahrradwerkstatt für Kinder",
        title: "Fahrradwerkstatt für Kinder", euros: 1_250, submitted: -50, checked: -47,
        path: curated(-28, true, [5, 0, 1],
            Then::Jury { day: -7, votes: [5, 0, 0], paid: None }) },
    Scripted { conference: "stk_ost", idea: "Filmabende im Quartier",
        title: "Sommerkino auf dem Quartiersplatz", euros: 3_800, submitted: -52, checked: -49,
        path: curated(-28, false, [1, 4, 2], Then::AskBack(-26)) },
    Scripted { conference: "stk_forst", idea: "Bepflanzungsaktion im Innenhof",
        title: "Bepflanzungsaktion am Driescher Hof", euros: 900, submitted: -70, checked: -66,
        path: curated(-49, true, [5, 0, 0],
            Then::Jury { day: -7, votes: [4, 0, 1], paid: Some(4) }) },
    Scripted { conference: "stk_preuswald", idea: "Wandercafé", title: "Wandercafé im Preuswald",
        euros: 350, submitted: -60, checked: -57,
        path: curated(-35, true, [3, 0, 1],
            Then::Jury { day: -7, votes: [5, 0, 0], paid: None }) },
    Scripted { conference: "stk_kullen", idea: "Hausaufgabenhilfe",
        title: "Hausaufgabenhilfe im Familienzentrum", euros: 1_800, submitted: -85, checked: -80,
        path: curated(-63, true, [3, 0, 1], Then::Waiting) },
    Scripted { conference: "stk_ost", idea: "Nachbarschaftscafé",
        title: "Nachbarschaftscafé im Begegnungszentrum", euros: 650, submitted: -12, checked: -9,
        path: Path::Open { checked: Some(-9) } },
    Scripted { conference: "stk_forst", idea: "Spielenachmittag für Familien",
        title: "Spielenachmittag für Familien", euros: 300, submitted: -2, checked: 0,
        path: Path::Open { checked: None } },
    Scripted { conference: "stk_ost", idea: "Filmabende im Quartier",
        title: "Filmabende in der Nadelfabrik", euros: 700, submitted: 0, checked: 0,
        path: Path::Earlier { proof: -5 } },
];

/// The jury of the demo (`data::bodies`).
pub(super) const JURY: &str = "jury";
