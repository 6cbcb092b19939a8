//! What the Open311 interface says to people, in German: error descriptions, the notes on a
//! concern's state and the notice after a submission.

use crate::concerns::ConcernState;

pub const NOT_FOUND: &str = "Nicht gefunden.";
pub const INTERNAL: &str =
    "Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.";
pub const WRONG_JURISDICTION: &str =
    "jurisdiction_id muss das Kürzel der Kommune aus der Adresse sein.";
pub const KEY_REFUSED: &str =
    "Der API-Schlüssel (api_key) ist unbekannt, widerrufen oder gehört zu einer anderen Kommune.";
pub const SERVICE_CODE_MISSING: &str =
    "service_code fehlt: Wählen Sie eine Kategorie aus services.";
pub const DESCRIPTION_MISSING: &str = "description fehlt: Beschreiben Sie das Anliegen.";

pub fn unknown_service(code: &str) -> String {
    format!("Die Kategorie {code:?} gibt es bei dieser Kommune nicht (siehe services).")
}

pub fn unknown_attribute(code: &str) -> String {
    format!(
        "Das Attribut {code:?} gibt es im Anliegen-Formular dieser Kommune nicht (siehe die \
         Service-Definition)."
    )
}

pub fn not_a_number(name: &str) -> String {
    format!("{name} muss eine Zahl sein.")
}

pub fn repeated(name: &str) -> String {
    format!("{name} darf nur einmal angegeben werden.")
}

pub fn bad_date(name: &str) -> String {
    format!("{name} muss ein Zeitpunkt nach RFC 3339 sein, z. B. 2026-11-21T18:00:00Z.")
}

pub const DATE_RANGE: &str =
    "start_date muss vor end_date liegen, und der Zeitraum darf höchstens 90 Tage umfassen.";
pub const BAD_STATUS: &str = "status kennt nur open und closed (durch Kommas getrennt).";

pub fn too_many_ids(max: usize) -> String {
    format!("Höchstens {max} service_request_id auf einmal.")
}

/// An error of the concern form, named by the Open311 parameter that carried the field.
pub fn field_error(pointer: &str, detail: &str) -> String {
    let parameter = match pointer {
        "" => "Anliegen".to_owned(),
        "/category" => "service_code".to_owned(),
        "/text" => "description".to_owned(),
        "/location" | "/location/description" => "address_string".to_owned(),
        "/location/lat" => "lat".to_owned(),
        "/location/lon" => "long".to_owned(),
        other => {
            let field = other.trim_start_matches('/');
            let top = field.split('/').next().unwrap_or(field);
            format!("attribute[{top}]")
        }
    };
    format!("{parameter}: {detail}")
}

/// Where a concern stands, for anyone who asks: says nothing about the person.
pub fn state_note(state: ConcernState) -> &'static str {
    match state {
        ConcernState::Eingegangen => "Eingegangen; das Quartiersmanagement prüft das Anliegen.",
        ConcernState::Weitergeleitet => "An die zuständige Stelle weitergeleitet.",
        ConcernState::RueckmeldungErhalten => {
            "Die zuständige Stelle hat geantwortet; das Quartiersmanagement meldet die Antwort \
             zurück."
        }
        ConcernState::Zurueckgemeldet => {
            "Die Antwort der zuständigen Stelle wurde der meldenden Person zurückgemeldet."
        }
        ConcernState::Geschlossen => "Abgeschlossen.",
        ConcernState::NichtZustaendig => {
            "Abgeschlossen: Keine Stelle, an die das Quartiersmanagement vermittelt, ist dafür \
             zuständig."
        }
        ConcernState::Duplikat => "Abgeschlossen: Das Anliegen wurde bereits gemeldet.",
    }
}

/// The notice after a submission: the reference and the private status link, which only
/// the submitter gets.
pub fn submitted(reference: &str, status_url: &str, manual_review: bool) -> String {
    let check = if manual_review {
        " Es wird von einer Person geprüft, bevor es weitergeleitet wird."
    } else {
        ""
    };
    format!(
        "Vielen Dank! Ihr Anliegen {reference} ist beim Quartiersmanagement eingegangen.{check} \
         Unter {status_url} sehen Sie, wie es weitergeht, auch die Antwort der zuständigen \
         Stelle. Bewahren Sie diesen Link auf: Er ist nur für Sie."
    )
}
