//! A shared item (*geteilter Beitrag*) and the message that carries it to the centre. Like
//! the bundle, an allow-list by construction: these structs are every field there is. The
//! texts are written by a person for other sites' staff, so the host refuses the one kind of
//! personal data it can recognise — e-mail addresses and telephone numbers — and the
//! release form tells the coordination that names of people do not belong there either.

use std::num::NonZeroU32;

use serde::{Deserialize, Serialize};

use crate::api::validate::{Check, NAME_MAX};
use crate::db::{Date, Id};
use crate::federation::bundle::SiteId;
use crate::keys::is_stable_key;
use crate::messages::Code;

/// The message format this host writes; a change is a new format.
pub const FORMAT: u32 = 1;

/// The longest summary, in characters: about a page.
pub const SUMMARY_MAX: usize = 4_000;

crate::text_enum! {
    /// What a shared item is.
    pub enum ItemKind {
        /// A good-practice project dossier (*Gute-Praxis-Dossier*).
        Dossier = ("dossier", "Gute-Praxis-Dossier"),
        /// Tender documents for a QM contract (*Ausschreibungsunterlagen*).
        Tender = ("tender", "Ausschreibungsunterlagen"),
        /// An event other sites may join (*Veranstaltung*).
        Event = ("event", "Veranstaltung"),
    }
}

/// What a coordination releases: the same fields at the site, in the message and in the
/// centre's catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub kind: ItemKind,
    /// One line, at most 200 characters.
    pub title: String,
    /// What other sites should know, at most [`SUMMARY_MAX`] characters.
    pub summary: String,
    /// The field of action (*Handlungsfeld*) it belongs to, as the municipality keys it.
    #[serde(default)]
    pub field_of_action: Option<String>,
    /// An event's day (required for events), a tender's deadline.
    #[serde(default)]
    pub date: Option<Date>,
    /// Where an event takes place (a venue, not a person's address).
    #[serde(default)]
    pub place: Option<String>,
}

impl Item {
    /// Every problem of the item, with pointers below `prefix` (`""` for a request body).
    pub fn check(&self, check: &mut Check, prefix: &str) {
        let at = |field: &str| format!("{prefix}/{field}");
        check.name(&at("title"), &self.title);
        if self.summary.trim().is_empty() {
            check.fail(&at("summary"), Code::Required);
        }
        check.optional_text(&at("summary"), Some(&self.summary), SUMMARY_MAX);
        check.optional_text(&at("place"), self.place.as_deref(), NAME_MAX);
        if let Some(place) = &self.place {
            check.that(
                !place.chars().any(char::is_control),
                &at("place"),
                Code::ControlCharacter,
            );
        }
        check.that(
            self.field_of_action.as_deref().is_none_or(is_stable_key),
            &at("field_of_action"),
            Code::Invalid,
        );
        check.that(
            self.kind != ItemKind::Event || self.date.is_some(),
            &at("date"),
            Code::Required,
        );
        for (field, text) in [
            ("title", Some(self.title.as_str())),
            ("summary", Some(self.summary.as_str())),
            ("place", self.place.as_deref()),
        ] {
            check.that(
                !text.is_some_and(has_contact),
                &at(field),
                Code::PersonalData,
            );
        }
    }

    /// Title and summary in lower case, for the catalogue's search.
    pub fn search_text(&self) -> String {
        format!("{}\n{}", self.title, self.summary).to_lowercase()
    }
}

/// What travels to the centre for one revision of an item: its release, or its withdrawal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemMessage {
    /// [`FORMAT`].
    pub format: u32,
    /// The sending site, as enrolled.
    pub site: SiteId,
    /// The municipality's slug.
    pub municipality: String,
    /// The item's id at the site.
    pub id: Id,
    /// Grows with each release or withdrawal of the item; the centre keeps the highest.
    pub revision: NonZeroU32,
    /// The item as released; `None`: withdrawn, to be taken out of the catalogue.
    pub release: Option<Release>,
}

/// An item as released on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Release {
    pub released_on: Date,
    pub item: Item,
    /// The document that goes with it (a tender's documents), if any.
    #[serde(default)]
    pub attachment: Option<Attachment>,
}

/// The largest attachment: tender documents as one PDF.
pub const ATTACHMENT_MAX: usize = 2 << 20;

/// The longest file name of an attachment, in characters.
const ATTACHMENT_NAME_MAX: usize = 120;

/// One PDF that goes with an item, base64 in the message. The host checks its form — a PDF
/// within [`ATTACHMENT_MAX`] under a plain file name — not what it says: the release form
/// asks the coordination to share documents without personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// `ausschreibung-nordstadt.pdf`: a file name, no path.
    pub name: String,
    #[serde(with = "base64_bytes")]
    pub content: Vec<u8>,
}

/// Why an attachment is not taken, for the person who chose it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AttachmentError {
    #[error("Die Datei ist zu groß (höchstens {} MiB).", ATTACHMENT_MAX >> 20)]
    TooLarge,
    #[error("Bitte hängen Sie ein PDF an (eine Datei, die mit %PDF- beginnt).")]
    NotPdf,
    #[error(
        "Der Dateiname muss auf .pdf enden und darf höchstens {} Zeichen, keine Pfade und keine Steuerzeichen haben.",
        ATTACHMENT_NAME_MAX
    )]
    Name,
}

impl Attachment {
    /// The attachment if it is a PDF within the limits under a plain file name.
    pub fn new(name: &str, content: Vec<u8>) -> Result<Attachment, AttachmentError> {
        let attachment = Attachment {
            name: name.trim().to_owned(),
            content,
        };
        attachment.check()?;
        Ok(attachment)
    }

    /// The same checks for an attachment that arrived in a message.
    pub fn check(&self) -> Result<(), AttachmentError> {
        if self.content.len() > ATTACHMENT_MAX {
            return Err(AttachmentError::TooLarge);
        }
        if !self.content.starts_with(b"%PDF-") {
            return Err(AttachmentError::NotPdf);
        }
        let name = &self.name;
        let plain = !name.is_empty()
            && name.chars().count() <= ATTACHMENT_NAME_MAX
            && !name.starts_with('.')
            && name.to_lowercase().ends_with(".pdf")
            && !name
                .chars()
                .any(|c| c.is_control() || matches!(c, '/' | '\\' | '"'));
        if plain {
            Ok(())
        } else {
            Err(AttachmentError::Name)
        }
    }
}

/// Bytes as base64 text in JSON.
mod base64_bytes {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        STANDARD.decode(text).map_err(serde::de::Error::custom)
    }
}

/// Whether `text` holds something that reads like an e-mail address or a telephone
/// number: a word with an `@` between two non-empty parts, or eight or more digits with
/// only spaces, `/`, `-`, `(`, `)` between them, starting with `0` or `+` (dates and sums
/// of money are written differently: `2026-05-01` starts otherwise, `150.000` has a dot).
pub fn has_contact(text: &str) -> bool {
    let email = text.split_whitespace().any(|word| {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        word.split_once('@')
            .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'))
    });
    email || has_phone_number(text)
}

fn has_phone_number(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    for (start, &first) in chars.iter().enumerate() {
        let begins = first == '+' || first == '0';
        let after_boundary = start == 0 || !chars[start - 1].is_ascii_digit();
        if !(begins && after_boundary) {
            continue;
        }
        let mut digits = 0;
        for &c in &chars[start..] {
            if c.is_ascii_digit() {
                digits += 1;
            } else if !matches!(c, ' ' | '/' | '-' | '(' | ')' | '+') {
                break;
            }
        }
        if digits >= 8 {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kind: ItemKind, summary: &str) -> Item {
        Item {
            kind,
            title: "Nachbarschaftsgärten im Quartier".to_owned(),
            summary: summary.to_owned(),
            field_of_action: Some("wohnumfeld".to_owned()),
            date: None,
            place: None,
        }
    }

    fn problems(item: &Item) -> Vec<(String, String)> {
        let mut check = Check::new();
        item.check(&mut check, "");
        match check.finish() {
            Ok(()) => vec![],
            Err(crate::error::Error::Invalid(errors)) => errors
                .into_iter()
                .map(|e| (e.pointer, e.code.into_owned()))
                .collect(),
            Err(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn contact_details_are_recognised_and_dates_and_sums_are_not() {
        for contact in [
            "Fragen an anna.schmidt@stadt-aachen.de",
            "Kontakt: (max@example.org)",
            "Telefon 0241 432-1234",
            "Tel. +49 241 4321234",
            "Mobil 0171/1234567",
        ] {
            assert!(has_contact(contact), "{contact}");
        }
        for plain in [
            "Am 2026-05-01 im Stadtteilbüro, 150.000 Euro Fördervolumen",
            "Ein @-Zeichen allein, Twitter @quartier",
            "Postleitzahl 52062, Hausnummer 12",
            "Laufzeit 2024 bis 2028, Los 3 von 12",
        ] {
            assert!(!has_contact(plain), "{plain}");
        }
    }

    #[test]
    fn an_item_is_refused_field_by_field() {
        assert!(problems(&item(ItemKind::Dossier, "Wie drei Gärten entstanden.")).is_empty());
        let mut bad = item(ItemKind::Event, "Anmeldung: info@quartier.example");
        bad.title = " ".to_owned();
        bad.field_of_action = Some("Wohnumfeld".to_owned());
        bad.place = Some("x".repeat(NAME_MAX + 1));
        let found = problems(&bad);
        for expected in [
            ("/title", "required"),
            ("/summary", "personal_data"),
            ("/field_of_action", "invalid"),
            ("/date", "required"),
            ("/place", "too_long"),
        ] {
            assert!(
                found.contains(&(expected.0.to_owned(), expected.1.to_owned())),
                "{expected:?} in {found:?}"
            );
        }
        let long = item(ItemKind::Tender, &"a".repeat(SUMMARY_MAX + 1));
        assert_eq!(
            problems(&long),
            [("/summary".to_owned(), "too_long".to_owned())]
        );
    }

    #[test]
    fn an_attachment_is_a_pdf_under_a_plain_name_within_the_limit() {
        let pdf = b"%PDF-1.7 ...".to_vec();
        assert!(Attachment::new(" ausschreibung-nordstadt.pdf ", pdf.clone()).is_ok());
        assert_eq!(
            Attachment::new("bild.png", b"\x89PNG".to_vec()),
            Err(AttachmentError::NotPdf)
        );
        for name in [
            "../etc/passwd.pdf",
            "a\\b.pdf",
            ".versteckt.pdf",
            "ohne-endung",
            "",
            "x\ny.pdf",
        ] {
            assert_eq!(
                Attachment::new(name, pdf.clone()),
                Err(AttachmentError::Name),
                "{name}"
            );
        }
        let mut large = pdf;
        large.resize(ATTACHMENT_MAX + 1, b' ');
        assert_eq!(
            Attachment::new("gross.pdf", large),
            Err(AttachmentError::TooLarge)
        );
    }

    #[test]
    fn a_message_takes_no_field_beyond_the_allow_list() {
        let message = serde_json::json!({
            "format": 1, "site": "aachen", "municipality": "aachen",
            "id": "01900000-0000-7000-8000-000000000001", "revision": 1,
            "release": {"released_on": "2026-11-30", "item": {
                "kind": "dossier", "title": "T", "summary": "S",
                "contact": "anna@example.org"}}
        });
        assert!(serde_json::from_value::<ItemMessage>(message).is_err());
    }
}
