//! What kind of field a leaf of a schema is: its type, its choices, its input.

use serde_json::Value;

use super::model::{Choice, Control};
use super::{MAX_OPTIONS, TEXTAREA_FROM};

/// A non-empty string member, trimmed.
pub fn text(schema: &Value, key: &str) -> Option<String> {
    schema
        .get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// The first type named that is not `null` (`["string", "null"]` is a string).
pub fn type_of(schema: &Value) -> Option<&str> {
    match schema.get("type") {
        Some(Value::String(t)) => Some(t),
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null"),
        _ => None,
    }
}

/// Values from `enum`, or `oneOf`/`anyOf` entries of `const` with `title` as the label.
/// `None` when the schema offers no closed list of strings.
pub fn choices(schema: &Value) -> Option<Vec<Choice>> {
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return Some(
            values
                .iter()
                .filter_map(Value::as_str)
                .map(|v| Choice {
                    value: v.to_owned(),
                    label: v.to_owned(),
                })
                .collect(),
        );
    }
    let entries = ["oneOf", "anyOf"]
        .iter()
        .find_map(|k| schema.get(*k).and_then(Value::as_array))?;
    let mut list = Vec::new();
    for entry in entries {
        let value = entry.get("const").and_then(Value::as_str)?;
        list.push(Choice {
            value: value.to_owned(),
            label: text(entry, "title").unwrap_or_else(|| value.to_owned()),
        });
    }
    Some(list)
}

/// How a leaf is entered; `None` for what cannot be shown (numbers in arrays, tuples …).
pub fn control(name: &str, schema: &Value) -> Option<(Control, Vec<Choice>)> {
    let kind = type_of(schema);
    if matches!(kind, None | Some("string"))
        && let Some(mut list) = choices(schema)
    {
        list.truncate(MAX_OPTIONS);
        return Some((Control::Select, list));
    }
    let control = match kind {
        Some("boolean") => Control::Checkbox,
        Some("integer") => Control::Integer,
        Some("number") => Control::Number,
        Some("array") => {
            let items = schema.get("items")?;
            if !matches!(type_of(items), None | Some("string")) {
                return None;
            }
            return match choices(items) {
                Some(mut list) => {
                    list.truncate(MAX_OPTIONS);
                    Some((Control::Checkboxes, list))
                }
                None => Some((Control::Lines, Vec::new())),
            };
        }
        Some("string") | None => string_control(name, schema)?,
        Some(_) => return None,
    };
    Some((control, Vec::new()))
}

pub fn is_object_array(schema: &Value) -> bool {
    schema.get("items").is_some_and(|items| {
        type_of(items) == Some("object")
            || (type_of(items).is_none() && items.get("properties").is_some())
    })
}

/// A string's input: by `format`, a phone number by its name, long texts as a textarea.
/// `None` for a reference by id (`format: uuid`): nobody types one in; a page that needs it
/// offers a choice of its own.
fn string_control(name: &str, schema: &Value) -> Option<Control> {
    match schema.get("format").and_then(Value::as_str) {
        Some("date") => return Some(Control::Date),
        Some("email") => return Some(Control::Email),
        Some("uuid") => return None,
        _ => {}
    }
    if name == "phone" || name.ends_with("_phone") {
        return Some(Control::Tel);
    }
    Some(match schema.get("maxLength").and_then(Value::as_u64) {
        Some(max) if max >= TEXTAREA_FROM => Control::Textarea {
            rows: u32::try_from((max / 400).clamp(3, 10)).unwrap_or(10),
        },
        _ => Control::Text,
    })
}
