//! Every text a person sees in an API error, in one place: stable machine codes with their
//! HTTP status and German wording. Another language adds a sibling of [`Code::de`].

use axum::http::StatusCode;

/// Stable error codes. The `as_str` value is part of the API contract: never rename one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
    NotFound,
    Unauthenticated,
    Forbidden,
    MalformedJson,
    UnsupportedMediaType,
    BodyTooLarge,
    Invalid,
    InvalidId,
    InvalidQuery,
    Required,
    WrongType,
    UnknownField,
    TooLong,
    OutOfRange,
    InvalidDate,
    InvalidEnum,
    PreconditionRequired,
    PreconditionFailed,
    AlreadyExists,
    ReferenceMissing,
    InUse,
    UnknownTask,
    AlreadyDecided,
    AlreadyMember,
    PersonErased,
    NothingToRollBack,
    ConcernWrongState,
    TooManyRequests,
    /// Text with NUL or another C0 control character (issue 9: it stores on SQLite but not
    /// on PostgreSQL, and no person means it).
    ControlCharacter,
    MethodNotAllowed,
    RequestTimeout,
    /// A form submission failed its schema or the municipality's rules (issue 4, forms).
    FormInvalid,
    // Funds (issue 4).
    InvalidTransition,
    AdviceRequired,
    BudgetExceeded,
    BudgetBelowApproved,
    OverCap,
    // Projects and contracts (issue 4).
    ProjectWrongState,
    UnknownFieldOfAction,
    // Host-wide organisations (network/organisations/rights.rs).
    OrganisationNotInvolved,
    OrganisationShared,
    ForeignArea,
    // Reports (reports/request.rs).
    ReportPeriodMissing,
    ReportPeriodInvalid,
    ReportPeriodTooLong,
    ReportFormatUnknown,
    ReportNotAcceptable,
    ReportTableMissing,
    ReportTableUnknown,
    ReportTooLarge,
    // The comparison across sites (federation/centre/comparison).
    ReportCentreOnly,
    ReportCentreTenantOnly,
    ComparisonPeriodInvalid,
    // Federation, the centre's inbox (federation/centre).
    UnknownSiteKey,
    NonceReplayed,
    BundleInvalid,
    BundleForeignSite,
    SequenceGap,
    SequenceTaken,
    // Federation, key rotation at the centre (federation/centre/keys.rs).
    RetiredSiteKey,
    SiteKeyTaken,
    // Federation, shared items and the catalogue (federation/shared, centre/catalogue).
    PersonalData,
    ExchangeNotEnrolled,
    ExchangeCentreUnavailable,
    SharedItemInvalid,
    CatalogueSearchInvalid,
    CatalogueFull,
    SharedItemWithdrawn,
    AttachmentInvalid,
    Internal,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::NotFound => "not_found",
            Code::Unauthenticated => "unauthenticated",
            Code::Forbidden => "forbidden",
            Code::MalformedJson => "malformed_json",
            Code::UnsupportedMediaType => "unsupported_media_type",
            Code::BodyTooLarge => "body_too_large",
            Code::Invalid => "invalid",
            Code::InvalidId => "invalid_id",
            Code::InvalidQuery => "invalid_query",
            Code::Required => "required",
            Code::WrongType => "wrong_type",
            Code::UnknownField => "unknown_field",
            Code::TooLong => "too_long",
            Code::OutOfRange => "out_of_range",
            Code::InvalidDate => "invalid_date",
            Code::InvalidEnum => "invalid_value",
            Code::PreconditionRequired => "precondition_required",
            Code::PreconditionFailed => "precondition_failed",
            Code::AlreadyExists => "already_exists",
            Code::ReferenceMissing => "reference_missing",
            Code::InUse => "in_use",
            Code::UnknownTask => "unknown_task",
            Code::AlreadyDecided => "already_decided",
            Code::AlreadyMember => "already_member",
            Code::PersonErased => "person_erased",
            Code::NothingToRollBack => "nothing_to_roll_back",
            Code::ConcernWrongState => "concern_wrong_state",
            Code::TooManyRequests => "too_many_requests",
            Code::ControlCharacter => "control_character",
            Code::MethodNotAllowed => "method_not_allowed",
            Code::RequestTimeout => "request_timeout",
            Code::FormInvalid => "form_invalid",
            Code::InvalidTransition => "invalid_transition",
            Code::AdviceRequired => "advice_required",
            Code::BudgetExceeded => "budget_exceeded",
            Code::BudgetBelowApproved => "budget_below_approved",
            Code::OverCap => "amount_over_cap",
            Code::ProjectWrongState => "project_wrong_state",
            Code::UnknownFieldOfAction => "unknown_field_of_action",
            Code::OrganisationNotInvolved => "organisation_not_involved",
            Code::OrganisationShared => "organisation_shared",
            Code::ForeignArea => "foreign_area",
            Code::ReportPeriodMissing => "report_period_missing",
            Code::ReportPeriodInvalid => "report_period_invalid",
            Code::ReportPeriodTooLong => "report_period_too_long",
            Code::ReportFormatUnknown => "report_format_unknown",
            Code::ReportNotAcceptable => "report_not_acceptable",
            Code::ReportTableMissing => "report_table_missing",
            Code::ReportTableUnknown => "report_table_unknown",
            Code::ReportTooLarge => "report_too_large",
            Code::ReportCentreOnly => "report_centre_only",
            Code::ReportCentreTenantOnly => "report_centre_tenant_only",
            Code::ComparisonPeriodInvalid => "comparison_period_invalid",
            Code::UnknownSiteKey => "unknown_site_key",
            Code::NonceReplayed => "nonce_replayed",
            Code::BundleInvalid => "bundle_invalid",
            Code::BundleForeignSite => "bundle_foreign_site",
            Code::SequenceGap => "sequence_gap",
            Code::SequenceTaken => "sequence_taken",
            Code::RetiredSiteKey => "retired_site_key",
            Code::SiteKeyTaken => "site_key_taken",
            Code::PersonalData => "personal_data",
            Code::ExchangeNotEnrolled => "exchange_not_enrolled",
            Code::ExchangeCentreUnavailable => "exchange_centre_unavailable",
            Code::SharedItemInvalid => "shared_item_invalid",
            Code::CatalogueSearchInvalid => "catalogue_search_invalid",
            Code::CatalogueFull => "catalogue_full",
            Code::SharedItemWithdrawn => "shared_item_withdrawn",
            Code::AttachmentInvalid => "attachment_invalid",
            Code::Internal => "internal",
        }
    }

    pub fn status(self) -> StatusCode {
        match self {
            Code::NotFound => StatusCode::NOT_FOUND,
            Code::Unauthenticated => StatusCode::UNAUTHORIZED,
            Code::Forbidden => StatusCode::FORBIDDEN,
            Code::MalformedJson | Code::InvalidId | Code::InvalidQuery => StatusCode::BAD_REQUEST,
            Code::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Code::BodyTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Code::Invalid
            | Code::Required
            | Code::WrongType
            | Code::UnknownField
            | Code::TooLong
            | Code::OutOfRange
            | Code::InvalidDate
            | Code::InvalidEnum
            | Code::ControlCharacter
            | Code::ReferenceMissing
            | Code::UnknownTask => StatusCode::UNPROCESSABLE_ENTITY,
            Code::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            Code::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            Code::AlreadyExists
            | Code::InUse
            | Code::AlreadyDecided
            | Code::AlreadyMember
            | Code::PersonErased
            | Code::NothingToRollBack
            | Code::ConcernWrongState => StatusCode::CONFLICT,
            Code::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            Code::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Code::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            Code::FormInvalid => StatusCode::UNPROCESSABLE_ENTITY,
            Code::InvalidTransition
            | Code::AdviceRequired
            | Code::BudgetExceeded
            | Code::BudgetBelowApproved => StatusCode::CONFLICT,
            Code::OverCap => StatusCode::UNPROCESSABLE_ENTITY,
            Code::ProjectWrongState => StatusCode::CONFLICT,
            Code::UnknownFieldOfAction => StatusCode::UNPROCESSABLE_ENTITY,
            Code::OrganisationNotInvolved | Code::OrganisationShared => StatusCode::FORBIDDEN,
            Code::ForeignArea => StatusCode::UNPROCESSABLE_ENTITY,
            Code::ReportPeriodMissing
            | Code::ReportPeriodInvalid
            | Code::ReportPeriodTooLong
            | Code::ReportFormatUnknown
            | Code::ReportTableMissing
            | Code::ReportTooLarge => StatusCode::UNPROCESSABLE_ENTITY,
            Code::ReportNotAcceptable => StatusCode::NOT_ACCEPTABLE,
            Code::ReportCentreOnly => StatusCode::NOT_FOUND,
            Code::ReportCentreTenantOnly => StatusCode::FORBIDDEN,
            Code::ComparisonPeriodInvalid => StatusCode::UNPROCESSABLE_ENTITY,
            Code::ReportTableUnknown => StatusCode::NOT_FOUND,
            Code::UnknownSiteKey | Code::NonceReplayed | Code::RetiredSiteKey => {
                StatusCode::UNAUTHORIZED
            }
            Code::SiteKeyTaken
            | Code::ExchangeNotEnrolled
            | Code::CatalogueFull
            | Code::SharedItemWithdrawn => StatusCode::CONFLICT,
            Code::AttachmentInvalid => StatusCode::UNPROCESSABLE_ENTITY,
            Code::PersonalData | Code::SharedItemInvalid | Code::CatalogueSearchInvalid => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Code::ExchangeCentreUnavailable => StatusCode::BAD_GATEWAY,
            Code::BundleInvalid | Code::BundleForeignSite => StatusCode::UNPROCESSABLE_ENTITY,
            Code::SequenceGap | Code::SequenceTaken => StatusCode::CONFLICT,
            Code::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The German text for people.
    pub fn de(self) -> &'static str {
        match self {
            Code::NotFound => "Der angefragte Eintrag wurde nicht gefunden.",
            Code::Unauthenticated => "Bitte melden Sie sich an (gültiges API-Token erforderlich).",
            Code::Forbidden => "Für diese Aktion fehlt Ihnen die Berechtigung.",
            Code::MalformedJson => "Der Inhalt ist kein gültiges JSON.",
            Code::UnsupportedMediaType => {
                "Bitte senden Sie den Inhalt als JSON (Content-Type: application/json)."
            }
            Code::BodyTooLarge => "Die Anfrage ist zu groß.",
            Code::Invalid => {
                "Die Eingaben sind nicht gültig. Bitte prüfen Sie die markierten Felder."
            }
            Code::InvalidId => "Die Kennung in der Adresse ist keine gültige ID.",
            Code::InvalidQuery => "Die Suchparameter sind nicht gültig.",
            Code::Required => "Dieses Feld ist ein Pflichtfeld.",
            Code::WrongType => "Dieses Feld hat den falschen Datentyp.",
            Code::UnknownField => "Dieses Feld ist unbekannt.",
            Code::TooLong => "Der Text ist zu lang.",
            Code::OutOfRange => "Der Wert liegt außerhalb des erlaubten Bereichs.",
            Code::InvalidDate => "Das Datum ist nicht gültig.",
            Code::InvalidEnum => "Dieser Wert ist hier nicht erlaubt.",
            Code::PreconditionRequired => {
                "Bitte senden Sie die Version, die Sie bearbeiten (Kopfzeile If-Match mit dem ETag)."
            }
            Code::PreconditionFailed => {
                "Der Eintrag wurde inzwischen von jemand anderem geändert. Bitte laden Sie ihn neu \
                 und übertragen Sie Ihre Änderungen erneut."
            }
            Code::AlreadyExists => "Ein Eintrag mit diesen Angaben existiert bereits.",
            Code::ReferenceMissing => "Ein verknüpfter Eintrag existiert nicht.",
            Code::InUse => "Der Eintrag wird noch verwendet und kann nicht gelöscht werden.",
            Code::UnknownTask => "Diese Aufgabe steht nicht in der Aufgabenmatrix der Kommune.",
            Code::AlreadyDecided => "Über diese Anfrage wurde bereits entschieden.",
            Code::AlreadyMember => "Die Organisation ist bereits Mitglied dieses Gremiums.",
            Code::PersonErased => "Die Daten dieser Person wurden gelöscht.",
            Code::NothingToRollBack => {
                "Es gibt keine früher aktive Plugin-Version, zu der zurückgekehrt werden könnte."
            }
            Code::ConcernWrongState => {
                "Das Anliegen ist nicht in einem Zustand, aus dem dieser Schritt möglich ist."
            }
            Code::TooManyRequests => "Zu viele Anfragen. Bitte versuchen Sie es später erneut.",
            Code::ControlCharacter => {
                "Der Text enthält ein unzulässiges Steuerzeichen (etwa ein Nullzeichen)."
            }
            Code::MethodNotAllowed => "Diese Methode ist für diese Adresse nicht erlaubt.",
            Code::RequestTimeout => "Die Anfrage kam nicht rechtzeitig vollständig an.",
            Code::FormInvalid => {
                "Das Formular ist nicht vollständig oder nicht gültig. Bitte prüfen Sie die \
                 markierten Felder."
            }
            Code::InvalidTransition => {
                "Dieser Schritt ist im aktuellen Stand des Antrags nicht möglich."
            }
            Code::AdviceRequired => {
                "Vor der Entscheidung muss das beratende Gremium den Antrag beraten."
            }
            Code::BudgetExceeded => "Der Betrag übersteigt die noch verfügbaren Mittel des Fonds.",
            Code::BudgetBelowApproved => {
                "Das Budget darf nicht unter die Summe der bereits bewilligten Beträge sinken."
            }
            Code::OverCap => {
                "Der Betrag übersteigt den beantragten Betrag oder die Obergrenze des Fonds."
            }
            Code::ProjectWrongState => {
                "Die Maßnahme ist nicht in einem Stand, aus dem dieser Schritt möglich ist."
            }
            Code::UnknownFieldOfAction => {
                "Dieses Handlungsfeld steht nicht im Katalog der Kommune."
            }
            Code::OrganisationNotInvolved => {
                "Diese Organisation ist in Ihrer Kommune nicht tätig. Ihre Stammdaten ändern nur die \
                 Kommune, die sie angelegt hat, die Kommunen, in denen sie tätig ist, und die \
                 Plattform-Administration."
            }
            Code::OrganisationShared => {
                "Diese Organisation ist auch in einer anderen Kommune tätig. Löschen kann sie nur \
                 die Plattform-Administration."
            }
            Code::ForeignArea => {
                "Dieses Gebiet gehört zu einer anderen Kommune. Dort trägt nur diese Kommune selbst \
                 Tätigkeitsgebiete ein oder aus."
            }
            Code::ReportPeriodMissing => {
                "Bitte geben Sie den Berichtszeitraum an: ein Jahr (year=2026) oder Beginn und \
                 Ende (from=2026-01-01&to=2026-12-31)."
            }
            Code::ReportPeriodInvalid => {
                "Der Berichtszeitraum ist nicht gültig. Geben Sie entweder ein Jahr (year, \
                 1900–2199) oder Beginn und Ende (from und to, jeweils als Datum JJJJ-MM-TT) an; \
                 der Beginn darf nicht nach dem Ende liegen."
            }
            Code::ReportPeriodTooLong => "Ein Bericht umfasst höchstens zehn Jahre.",
            Code::ReportFormatUnknown => {
                "Dieses Format gibt es nicht. Berichte gibt es als html, json, csv, xlsx und pdf \
                 (format=…)."
            }
            Code::ReportNotAcceptable => {
                "Der Bericht ist in keinem der angefragten Formate verfügbar (Accept). Möglich \
                 sind text/html, application/json, text/csv, application/pdf und XLSX."
            }
            Code::ReportTableMissing => {
                "Eine CSV-Datei enthält eine Tabelle: Bitte wählen Sie sie mit table=1, 2, … aus \
                 (in der Reihenfolge des Berichts)."
            }
            Code::ReportTableUnknown => "Diese Tabelle gibt es in dem Bericht nicht.",
            Code::ReportCentreOnly => {
                "Den Standortvergleich gibt es nur als Bericht einer Servicestelle (quartier \
                 serve --centre) für ihre eigene Kommune."
            }
            Code::ReportCentreTenantOnly => {
                "Den Standortvergleich erhält nur die Kommune der Servicestelle selbst \
                 (quartier federation tenant)."
            }
            Code::ComparisonPeriodInvalid => {
                "Bitte geben Sie den Zeitraum des Austauschs an: ein Jahr (period=2026) oder \
                 ein Halbjahr (period=2026-H1 oder 2026-H2)."
            }
            Code::ReportTooLarge => {
                "Der Bericht ist zu umfangreich, um ihn als Seite oder PDF darzustellen. Laden Sie \
                 ihn als XLSX, CSV oder JSON herunter."
            }
            Code::UnknownSiteKey => {
                "Der Schlüssel dieser Signatur ist hier nicht als Standort bestätigt. Erst nach \
                 der Anmeldung (quartier federation enrol) und der Bestätigung durch die \
                 Servicestelle (quartier federation accept) werden Lieferungen angenommen."
            }
            Code::NonceReplayed => {
                "Diese signierte Anfrage wurde schon einmal angenommen (Nonce bereits verwendet); \
                 eine Wiederholung wird nicht angenommen."
            }
            Code::BundleInvalid => "Das Austauschpaket entspricht nicht dem Schema.",
            Code::BundleForeignSite => {
                "Das Austauschpaket nennt einen anderen Standort als den, dessen Schlüssel es \
                 signiert hat."
            }
            Code::SequenceGap => {
                "Vor diesem Austauschpaket fehlen frühere. Bitte ab der erwarteten laufenden \
                 Nummer (expected) erneut senden."
            }
            Code::SequenceTaken => {
                "Unter dieser laufenden Nummer ist bereits ein anderes Austauschpaket \
                 angenommen; eine Nummer wird nicht zweimal vergeben."
            }
            Code::RetiredSiteKey => {
                "Dieser Schlüssel ist abgelöst. Bis zum Ende der Übergangszeit werden damit \
                 signierte Austauschpakete noch angenommen, aber er bestätigt keinen neuen \
                 Schlüssel; das kann nur der aktuelle."
            }
            Code::SiteKeyTaken => {
                "Dieser Schlüssel ist schon einem Standort zugeordnet oder war es. Ein neuer \
                 Schlüssel muss neu erzeugt sein (quartier federation rotate-key)."
            }
            Code::PersonalData => {
                "Kontaktdaten wie E-Mail-Adressen und Telefonnummern gehören nicht in einen \
                 geteilten Beitrag: die Servicestelle erhält keine personenbezogenen Daten."
            }
            Code::ExchangeNotEnrolled => {
                "Dieser Standort ist bei keiner Servicestelle angemeldet (quartier federation \
                 enrol); geteilte Beiträge und der Austauschkatalog gibt es erst danach."
            }
            Code::ExchangeCentreUnavailable => {
                "Die Servicestelle ist gerade nicht erreichbar oder hat die Anfrage abgelehnt. \
                 Bitte versuchen Sie es später erneut."
            }
            Code::SharedItemInvalid => "Der geteilte Beitrag entspricht nicht dem Austauschformat.",
            Code::CatalogueSearchInvalid => "Diese Suche im Austauschkatalog geht nicht.",
            Code::SharedItemWithdrawn => {
                "Der Beitrag ist zurückgezogen; geben Sie ihn neu frei, um etwas anzuhängen."
            }
            Code::AttachmentInvalid => "Diese Datei kann nicht angehängt werden.",
            Code::CatalogueFull => {
                "Dieser Standort hat bereits 2.000 Beiträge im Austauschkatalog. Bitte ziehen \
                 Sie ältere zurück, bevor Sie neue freigeben."
            }
            Code::Internal => {
                "Ein interner Fehler ist aufgetreten. Er wurde protokolliert; bitte versuchen Sie es \
                 später erneut."
            }
        }
    }
}
