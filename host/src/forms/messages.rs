//! Every German text of the forms module in one place: a JSON Schema violation becomes a
//! [`FieldError`] with the instance's JSON pointer, a stable code by error kind and a German
//! sentence naming the limit; plus the texts of public intake (honeypot, rate limit).
//!
//! The codes are part of the API contract (clients map them to their own texts): never
//! rename one. Where a general code of [`crate::messages::Code`] fits, it is reused.

use std::borrow::Cow;
use std::time::Duration;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{JsonType, ValidationError};
use serde_json::Value;

use crate::error::FieldError;
use crate::messages::Code;

/// Codes of schema violations that have no general [`Code`].
pub const TOO_SHORT: &str = "too_short";
pub const INVALID_FORMAT: &str = "invalid_format";
pub const PATTERN_MISMATCH: &str = "pattern_mismatch";
pub const TOO_FEW_ITEMS: &str = "too_few_items";
pub const TOO_MANY_ITEMS: &str = "too_many_items";
pub const DUPLICATE_ITEMS: &str = "duplicate_items";
pub const MISSING_ITEM: &str = "missing_item";
pub const TOO_FEW_FIELDS: &str = "too_few_fields";
pub const TOO_MANY_FIELDS: &str = "too_many_fields";
pub const NOT_MULTIPLE: &str = "not_multiple";
pub const AMBIGUOUS_VALUE: &str = "ambiguous_value";
pub const NOT_ALLOWED: &str = "not_allowed";
pub const INVALID_FIELD_NAME: &str = "invalid_field_name";
/// The honeypot field was filled in.
pub const MUST_BE_EMPTY: &str = "must_be_empty";

/// The field errors of one schema violation: usually one; `additionalProperties` gives one
/// per unknown field, each with its own pointer.
pub fn schema_error(error: &ValidationError<'_>) -> Vec<FieldError> {
    let at = error.instance_path().as_str();
    let one = |code: &'static str, detail: String| vec![field(at.to_owned(), code, detail)];
    let fixed = |code: Code| one(code.as_str(), code.de().to_owned());
    match error.kind() {
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            vec![field(
                child(at, name),
                Code::Required.as_str(),
                Code::Required.de().to_owned(),
            )]
        }
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => unexpected
            .iter()
            .map(|name| {
                field(
                    child(at, name),
                    Code::UnknownField.as_str(),
                    "Dieses Feld ist im Formular nicht vorgesehen.".to_owned(),
                )
            })
            .collect(),
        ValidationErrorKind::Type { kind } => one(
            Code::WrongType.as_str(),
            format!("Hier wird {} erwartet.", expected_types(kind)),
        ),
        ValidationErrorKind::MinLength { limit } => one(
            TOO_SHORT,
            format!("Der Text ist zu kurz (mindestens {limit} Zeichen)."),
        ),
        ValidationErrorKind::MaxLength { limit } => one(
            Code::TooLong.as_str(),
            format!("Der Text ist zu lang (höchstens {limit} Zeichen)."),
        ),
        ValidationErrorKind::Minimum { limit } => one(
            Code::OutOfRange.as_str(),
            format!("Der Wert muss mindestens {} sein.", number(limit)),
        ),
        ValidationErrorKind::ExclusiveMinimum { limit } => one(
            Code::OutOfRange.as_str(),
            format!("Der Wert muss größer als {} sein.", number(limit)),
        ),
        ValidationErrorKind::Maximum { limit } => one(
            Code::OutOfRange.as_str(),
            format!("Der Wert darf höchstens {} sein.", number(limit)),
        ),
        ValidationErrorKind::ExclusiveMaximum { limit } => one(
            Code::OutOfRange.as_str(),
            format!("Der Wert muss kleiner als {} sein.", number(limit)),
        ),
        ValidationErrorKind::MultipleOf { multiple_of } => one(
            NOT_MULTIPLE,
            format!("Der Wert muss ein Vielfaches von {multiple_of} sein."),
        ),
        ValidationErrorKind::Enum { options } => one(
            Code::InvalidEnum.as_str(),
            format!(
                "Dieser Wert ist hier nicht erlaubt. Erlaubt sind: {}.",
                choices(options)
            ),
        ),
        ValidationErrorKind::Constant { expected_value } => one(
            Code::InvalidEnum.as_str(),
            format!("Hier ist nur der Wert {} erlaubt.", shown(expected_value)),
        ),
        ValidationErrorKind::OneOfNotValid { .. } | ValidationErrorKind::AnyOf { .. } => one(
            Code::InvalidEnum.as_str(),
            "Der Wert passt zu keiner der erlaubten Möglichkeiten. Bitte wählen Sie einen der \
             angebotenen Werte."
                .to_owned(),
        ),
        ValidationErrorKind::OneOfMultipleValid { .. } => one(
            AMBIGUOUS_VALUE,
            "Der Wert passt zu mehreren Möglichkeiten zugleich; bitte machen Sie ihn eindeutig."
                .to_owned(),
        ),
        ValidationErrorKind::Not { .. } => fixed(Code::InvalidEnum),
        ValidationErrorKind::Format { format } => one(INVALID_FORMAT, format_text(format)),
        ValidationErrorKind::Pattern { .. } => one(
            PATTERN_MISMATCH,
            "Der Wert hat nicht die erwartete Form. Bitte prüfen Sie die Schreibweise.".to_owned(),
        ),
        ValidationErrorKind::MinItems { limit } => one(
            TOO_FEW_ITEMS,
            format!("Bitte geben Sie mindestens {limit} {}.", entries(*limit)),
        ),
        ValidationErrorKind::MaxItems { limit } => one(
            TOO_MANY_ITEMS,
            format!("Höchstens {limit} {} erlaubt.", entries_allowed(*limit)),
        ),
        ValidationErrorKind::AdditionalItems { limit } => one(
            TOO_MANY_ITEMS,
            format!(
                "Höchstens {limit} {} erlaubt.",
                entries_allowed(*limit as u64)
            ),
        ),
        ValidationErrorKind::UnevaluatedItems { .. } => one(
            TOO_MANY_ITEMS,
            "Die Liste enthält Einträge, die das Formular nicht vorsieht.".to_owned(),
        ),
        ValidationErrorKind::UniqueItems => one(
            DUPLICATE_ITEMS,
            "Jeder Eintrag darf nur einmal vorkommen.".to_owned(),
        ),
        ValidationErrorKind::Contains => one(
            MISSING_ITEM,
            "Die Liste enthält keinen passenden Eintrag.".to_owned(),
        ),
        ValidationErrorKind::MinProperties { limit } => one(
            TOO_FEW_FIELDS,
            format!("Bitte füllen Sie mindestens {limit} Angabe(n) aus."),
        ),
        ValidationErrorKind::MaxProperties { limit } => one(
            TOO_MANY_FIELDS,
            format!("Höchstens {limit} Angaben sind hier erlaubt."),
        ),
        ValidationErrorKind::PropertyNames { .. } => one(
            INVALID_FIELD_NAME,
            "Ein Feldname hat nicht die erlaubte Form.".to_owned(),
        ),
        ValidationErrorKind::FalseSchema => one(
            NOT_ALLOWED,
            "Diese Angabe ist hier nicht vorgesehen.".to_owned(),
        ),
        // Content encodings, custom keywords, regex engine limits, unresolved references:
        // a fault of the schema or an exotic keyword, reported without its internals.
        _ => one(
            Code::Invalid.as_str(),
            "Dieser Wert ist nicht gültig.".to_owned(),
        ),
    }
}

/// A plugin's blocking finding as a field error: its own code and German message.
pub fn plugin_error(pointer: String, code: String, message: String) -> FieldError {
    FieldError {
        pointer,
        code: Cow::Owned(code),
        detail: message,
    }
}

/// The honeypot field was filled in: people leave it empty (it is hidden), scripts do not.
pub fn honeypot(pointer: &str) -> FieldError {
    field(
        pointer.to_owned(),
        MUST_BE_EMPTY,
        "Dieses Feld muss leer bleiben. Es ist für Menschen unsichtbar und dient dem Schutz \
         vor automatisierten Einsendungen."
            .to_owned(),
    )
}

/// The answer to a client over its submission limit.
pub fn rate_limited(limit: u32, window: Duration, retry_after: Duration) -> String {
    let minutes = |d: Duration| d.as_secs().div_ceil(60).max(1);
    format!(
        "Von Ihrem Anschluss kamen zu viele Einsendungen (höchstens {limit} in {} Minuten). \
         Bitte versuchen Sie es in {} Minute(n) erneut.",
        minutes(window),
        minutes(retry_after)
    )
}

/// The answer to a submission over the size limit.
pub fn too_large(max_bytes: usize) -> String {
    format!(
        "Die Einsendung ist zu groß (höchstens {} KiB). Bitte kürzen Sie die Texte.",
        max_bytes / 1024
    )
}

fn field(pointer: String, code: &'static str, detail: String) -> FieldError {
    FieldError {
        pointer,
        code: Cow::Borrowed(code),
        detail,
    }
}

/// The pointer of a member of the object at `parent` (RFC 6901 escaping).
fn child(parent: &str, name: &str) -> String {
    format!("{parent}/{}", name.replace('~', "~0").replace('/', "~1"))
}

fn expected_types(kind: &TypeKind) -> String {
    let names: Vec<&str> = match kind {
        TypeKind::Single(ty) => vec![type_name(*ty)],
        TypeKind::Multiple(set) => set.iter().map(type_name).collect(),
    };
    names.join(" oder ")
}

fn type_name(ty: JsonType) -> &'static str {
    match ty {
        JsonType::Null => "kein Wert (null)",
        JsonType::Boolean => "ja oder nein (true/false)",
        JsonType::Integer => "eine ganze Zahl",
        JsonType::Number => "eine Zahl",
        JsonType::String => "ein Text",
        JsonType::Array => "eine Liste",
        JsonType::Object => "eine Gruppe von Angaben (Objekt)",
    }
}

fn format_text(format: &str) -> String {
    match format {
        "date" => "Bitte geben Sie ein gültiges Datum im Format JJJJ-MM-TT an (z. B. 2026-11-21)."
            .to_owned(),
        "date-time" => "Bitte geben Sie Datum und Uhrzeit mit Zeitzone an \
                        (z. B. 2026-11-21T09:30:00Z)."
            .to_owned(),
        "time" => "Bitte geben Sie eine Uhrzeit mit Zeitzone an (z. B. 09:30:00Z).".to_owned(),
        "email" | "idn-email" => "Bitte geben Sie eine gültige E-Mail-Adresse an.".to_owned(),
        "uri" | "iri" | "uri-reference" | "iri-reference" => {
            "Bitte geben Sie eine vollständige Adresse an (z. B. https://example.org).".to_owned()
        }
        "uuid" => "Bitte geben Sie eine gültige Kennung (UUID) an.".to_owned(),
        other => format!("Der Wert hat nicht das erwartete Format ({other})."),
    }
}

/// A number limit as people write it: `5000`, not `5000.0`.
fn number(value: &Value) -> String {
    match value.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
        _ => value.to_string(),
    }
}

fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => format!("„{s}“"),
        other => other.to_string(),
    }
}

/// The allowed values of an `enum`, at most ten of them.
fn choices(options: &Value) -> String {
    const SHOWN: usize = 10;
    let list = options.as_array().map(Vec::as_slice).unwrap_or_default();
    let mut text: Vec<String> = list.iter().take(SHOWN).map(shown).collect();
    if list.len() > SHOWN {
        text.push("…".to_owned());
    }
    text.join(", ")
}

fn entries(n: u64) -> &'static str {
    if n == 1 { "Eintrag" } else { "Einträge" }
}

fn entries_allowed(n: u64) -> &'static str {
    if n == 1 {
        "Eintrag ist"
    } else {
        "Einträge sind"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn errors(schema: Value, instance: Value) -> Vec<FieldError> {
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap_or_else(|e| panic!("{e}"));
        validator
            .iter_errors(&instance)
            .flat_map(|e| schema_error(&e))
            .collect()
    }

    fn one(schema: Value, instance: Value) -> FieldError {
        let mut all = errors(schema, instance);
        assert_eq!(all.len(), 1, "{all:?}");
        all.remove(0)
    }

    #[test]
    fn a_missing_required_field_points_at_the_field() {
        let e = one(
            json!({"type": "object", "properties": {"a": {"type": "object", "required": ["b/c"]}}}),
            json!({"a": {}}),
        );
        assert_eq!((e.pointer.as_str(), &*e.code), ("/a/b~1c", "required"));
        assert_eq!(e.detail, "Dieses Feld ist ein Pflichtfeld.");
    }

    #[test]
    fn each_unknown_field_is_named_by_its_own_pointer() {
        let all = errors(
            json!({"type": "object", "properties": {"a": {}}, "additionalProperties": false}),
            json!({"a": 0, "x": 1, "y": 2}),
        );
        let mut pointers: Vec<&str> = all.iter().map(|e| e.pointer.as_str()).collect();
        pointers.sort_unstable();
        assert_eq!(pointers, ["/x", "/y"]);
        assert!(all.iter().all(|e| e.code == "unknown_field"));
    }

    #[test]
    fn limits_are_named_in_the_german_text() {
        let e = one(json!({"maxLength": 3}), json!("abcd"));
        assert_eq!(&*e.code, "too_long");
        assert_eq!(e.detail, "Der Text ist zu lang (höchstens 3 Zeichen).");
        let e = one(json!({"minLength": 10}), json!("kurz"));
        assert_eq!(&*e.code, "too_short");
        assert!(e.detail.contains("mindestens 10 Zeichen"), "{}", e.detail);
        let e = one(json!({"maximum": 5000}), json!(6000));
        assert_eq!(&*e.code, "out_of_range");
        assert_eq!(e.detail, "Der Wert darf höchstens 5000 sein.");
        let e = one(json!({"minimum": 0}), json!(-1));
        assert_eq!(e.detail, "Der Wert muss mindestens 0 sein.");
        let e = one(json!({"maxItems": 1}), json!([1, 2]));
        assert_eq!(&*e.code, "too_many_items");
        assert_eq!(e.detail, "Höchstens 1 Eintrag ist erlaubt.");
    }

    #[test]
    fn type_enum_const_format_and_pattern_have_their_own_codes() {
        let e = one(json!({"type": "integer"}), json!("zehn"));
        assert_eq!(
            (&*e.code, e.detail.as_str()),
            ("wrong_type", "Hier wird eine ganze Zahl erwartet.")
        );
        let e = one(json!({"enum": ["a", "b"]}), json!("c"));
        assert_eq!(&*e.code, "invalid_value");
        assert!(e.detail.contains("„a“, „b“"), "{}", e.detail);
        let e = one(json!({"const": "ja"}), json!("nein"));
        assert_eq!(e.detail, "Hier ist nur der Wert „ja“ erlaubt.");
        let e = one(json!({"format": "date"}), json!("2026-13-45"));
        assert_eq!(&*e.code, "invalid_format");
        assert!(e.detail.contains("JJJJ-MM-TT"));
        let e = one(json!({"pattern": "^[a-z]+$"}), json!("ABC"));
        assert_eq!(&*e.code, "pattern_mismatch");
        let e = one(
            json!({"oneOf": [{"const": "a"}, {"const": "b"}]}),
            json!("c"),
        );
        assert_eq!(&*e.code, "invalid_value");
    }

    #[test]
    fn the_rate_limit_text_names_limit_and_wait_in_minutes() {
        let text = rate_limited(10, Duration::from_secs(600), Duration::from_secs(61));
        assert!(text.contains("höchstens 10 in 10 Minuten"), "{text}");
        assert!(text.contains("in 2 Minute(n)"), "{text}");
    }
}
