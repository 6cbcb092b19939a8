//! What kind of field a leaf of a schema is: its type, its choices, its input.

use serde_json::Value;

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

/// How a field is entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    Text,
    /// `rows` lines high.
    Textarea {
        rows: u32,
    },
    Email,
    Tel,
    Date,
    Integer,
    Number,
    /// One of `choices`.
    Select,
    /// A boolean.
    Checkbox,
    /// An array of `choices`, any number of them.
    Checkboxes,
    /// An array of free texts, one per line.
    Lines,
}

/// An allowed value and how people call it.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub value: String,
    pub label: String,
    /// The value is stored as a number: an integer alternative of a `oneOf`.
    pub number: bool,
}

/// Values from `enum`, or `oneOf`/`anyOf` entries of `const` with `title` as the label.
/// An entry may itself be a closed list (a nested `enum`, `oneOf` or `anyOf`) or a small
/// range of integers (`minimum`..=`maximum`, at most [`INTEGER_CHOICES`] values, labelled
/// with the entry's `title`): a rating of 1 to 5 *or* a degree of fulfilment is one select.
/// `None` when the schema offers no closed list.
pub fn choices(schema: &Value) -> Option<Vec<Choice>> {
    choices_within(schema, 0)
}

/// Integers a range may offer as choices; a wider range is typed in.
pub const INTEGER_CHOICES: i64 = 10;

fn choices_within(schema: &Value, depth: usize) -> Option<Vec<Choice>> {
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return Some(
            values
                .iter()
                .filter_map(Value::as_str)
                .map(|v| Choice {
                    value: v.to_owned(),
                    label: v.to_owned(),
                    number: false,
                })
                .collect(),
        );
    }
    let entries = ["oneOf", "anyOf"]
        .iter()
        .find_map(|k| schema.get(*k).and_then(Value::as_array))?;
    let mut list = Vec::new();
    for entry in entries {
        let label = text(entry, "title");
        match entry.get("const") {
            Some(Value::String(value)) => list.push(Choice {
                value: value.clone(),
                label: label.unwrap_or_else(|| value.clone()),
                number: false,
            }),
            Some(Value::Number(n)) if n.is_i64() => list.push(Choice {
                value: n.to_string(),
                label: label.unwrap_or_else(|| n.to_string()),
                number: true,
            }),
            Some(_) => return None,
            // Bounded: a schema nests alternatives at most twice here.
            None if depth < 2 && type_of(entry) != Some("integer") => {
                list.extend(choices_within(entry, depth + 1)?);
            }
            None => list.extend(integer_range(entry, label)?),
        }
        if list.len() > MAX_OPTIONS {
            break;
        }
    }
    Some(list)
}

/// `minimum`..=`maximum` of a small integer range, labelled "Punkte 3".
fn integer_range(entry: &Value, label: Option<String>) -> Option<Vec<Choice>> {
    let min = entry.get("minimum").and_then(Value::as_i64)?;
    let max = entry.get("maximum").and_then(Value::as_i64)?;
    if max < min || max.checked_sub(min)? >= INTEGER_CHOICES {
        return None;
    }
    Some(
        (min..=max)
            .map(|n| Choice {
                value: n.to_string(),
                label: label
                    .as_ref()
                    .map_or_else(|| n.to_string(), |l| format!("{l} {n}")),
                number: true,
            })
            .collect(),
    )
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
