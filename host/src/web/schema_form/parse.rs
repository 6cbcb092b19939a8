//! From a posted form back to the JSON document the schema describes, by the schema's types:
//! the walk is over the fields the schema has (names never become structure), so a posted
//! name the form does not have is ignored, and a bad number is a field error in German,
//! not a rejection of the request.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Number, Value};

use super::leaf::Control;
use super::model::{FieldSpec, GroupKind, GroupSpec, Node};
use crate::error::FieldError;
use crate::messages::Code;
use crate::web::texts::FormTexts;

/// What was entered, by pointer, as the browser sent it: shown again with the errors.
pub type Raw = BTreeMap<String, Vec<String>>;

/// The posted fields by name; a name sent several times (checkboxes) keeps every value.
#[derive(Debug, Default)]
pub struct Posted(HashMap<String, Vec<String>>);

impl Posted {
    pub fn new(pairs: Vec<(String, String)>) -> Posted {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for (name, value) in pairs {
            map.entry(name).or_default().push(value);
        }
        Posted(map)
    }

    /// The first value of `name`, if sent.
    pub fn first(&self, name: &str) -> Option<&str> {
        self.0.get(name).and_then(|v| v.first()).map(String::as_str)
    }

    fn all(&self, name: &str) -> &[String] {
        self.0.get(name).map_or(&[], Vec::as_slice)
    }

    /// How many rows of the array at `at` were sent: one more than the highest index seen.
    pub fn rows(&self, at: &str) -> usize {
        let prefix = format!("{at}/");
        self.0
            .keys()
            .filter_map(|k| k.strip_prefix(&prefix))
            .filter_map(|rest| rest.split('/').next()?.parse::<usize>().ok())
            .map(|i| i.saturating_add(1))
            .max()
            .unwrap_or(0)
    }
}

/// The document, what was entered (rows renumbered as in the document) and the fields that
/// could not be read.
#[derive(Debug, Default)]
pub struct Parsed {
    pub value: Value,
    pub raw: Raw,
    pub errors: Vec<FieldError>,
}

#[derive(Default)]
struct Out {
    raw: Raw,
    errors: Vec<FieldError>,
}

/// Reads the posted form along `nodes` (the tree of the root object).
pub fn parse(nodes: &[Node], posted: &Posted, t: &FormTexts) -> Parsed {
    let mut out = Out::default();
    let (map, _) = object(nodes, posted, t, &mut out);
    Parsed {
        value: Value::Object(map),
        raw: out.raw,
        errors: out.errors,
    }
}

/// The members of an object; `true` when anything was entered in it.
fn object(
    nodes: &[Node],
    posted: &Posted,
    t: &FormTexts,
    out: &mut Out,
) -> (Map<String, Value>, bool) {
    let mut map = Map::new();
    let mut entered = false;
    for node in nodes {
        let (pointer, value, here) = match node {
            Node::Field(field) => {
                let (value, here) = self::field(field, posted, t, out);
                (&field.pointer, value, here)
            }
            Node::Group(group, children) => {
                let (value, here) = self::group(group, children, posted, t, out);
                (&group.pointer, value, here)
            }
        };
        entered |= here;
        if let Some(value) = value {
            map.insert(last_token(pointer), value);
        }
    }
    (map, entered)
}

fn group(
    group: &GroupSpec,
    children: &[Node],
    posted: &Posted,
    t: &FormTexts,
    out: &mut Out,
) -> (Option<Value>, bool) {
    if group.kind != GroupKind::Rows {
        let (map, entered) = object(children, posted, t, out);
        let keep = entered || group.required;
        return (keep.then_some(Value::Object(map)), entered);
    }
    let mut list = Vec::new();
    for row in children {
        let Node::Group(spec, fields) = row else {
            continue;
        };
        let mut inner = Out::default();
        let (map, entered) = object(fields, posted, t, &mut inner);
        if !entered {
            continue;
        }
        let to = format!("{}/{}", group.pointer, list.len());
        for (pointer, values) in inner.raw {
            out.raw.insert(rekey(&pointer, &spec.pointer, &to), values);
        }
        for mut error in inner.errors {
            error.pointer = rekey(&error.pointer, &spec.pointer, &to);
            out.errors.push(error);
        }
        list.push(Value::Object(map));
    }
    let entered = !list.is_empty();
    (entered.then_some(Value::Array(list)), entered)
}

fn rekey(pointer: &str, from: &str, to: &str) -> String {
    match pointer.strip_prefix(from) {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => format!("{to}{rest}"),
        _ => pointer.to_owned(),
    }
}

/// The property name of a pointer's last token, unescaped.
fn last_token(pointer: &str) -> String {
    let token = pointer.rsplit('/').next().unwrap_or_default();
    token.replace("~1", "/").replace("~0", "~")
}

/// A field's value (`None`: left empty) and whether anything was entered.
fn field(
    field: &FieldSpec,
    posted: &Posted,
    t: &FormTexts,
    out: &mut Out,
) -> (Option<Value>, bool) {
    let values = posted.all(&field.name);
    if !values.is_empty() {
        out.raw.insert(field.pointer.clone(), values.to_vec());
    }
    let first = values.first().map_or("", |v| v.trim());
    let error = |out: &mut Out, detail: &str| {
        out.errors.push(FieldError {
            pointer: field.pointer.clone(),
            code: Code::WrongType.as_str().into(),
            detail: detail.to_owned(),
        });
    };
    let value = match field.control {
        Control::Checkbox => {
            let ticked = !values.is_empty();
            return (Some(Value::Bool(ticked)), ticked);
        }
        Control::Checkboxes => {
            let chosen: Vec<Value> = values
                .iter()
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
                .map(|v| Value::String(v.to_owned()))
                .collect();
            (!chosen.is_empty()).then_some(Value::Array(chosen))
        }
        Control::Lines => {
            let lines: Vec<Value> = first_untrimmed(values)
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| Value::String(l.to_owned()))
                .collect();
            (!lines.is_empty()).then_some(Value::Array(lines))
        }
        _ if first.is_empty() => None,
        Control::Integer => match integer(first) {
            Some(n) => Some(Value::Number(n.into())),
            None => {
                error(out, t.not_an_integer);
                return (None, true);
            }
        },
        Control::Number => match number(first) {
            Some(n) => Some(Value::Number(n)),
            None => {
                error(out, t.not_a_number);
                return (None, true);
            }
        },
        Control::Date => Some(Value::String(date(first))),
        Control::Textarea { .. } => Some(Value::String(
            first_untrimmed(values)
                .replace("\r\n", "\n")
                .trim()
                .to_owned(),
        )),
        Control::Select => Some(match field.choices.iter().find(|c| c.value == first) {
            Some(c) if c.number => integer(first).map_or(Value::Null, |n| Value::Number(n.into())),
            _ => Value::String(first.to_owned()),
        }),
        Control::Text | Control::Email | Control::Tel => Some(Value::String(first.to_owned())),
    };
    let entered = value.is_some();
    (value, entered)
}

fn first_untrimmed(values: &[String]) -> &str {
    values.first().map_or("", String::as_str)
}

/// An integer as people write it: digits with an optional sign, nothing else.
pub fn integer(text: &str) -> Option<i64> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A decimal number with a comma or a point: `12,5`, `-3.25`, `7`.
pub fn number(text: &str) -> Option<Number> {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once([',', '.']) {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !fraction.is_none_or(digits) {
        return None;
    }
    if fraction.is_none() {
        return integer(text).map(Number::from);
    }
    let value: f64 = text.replace(',', ".").parse().ok()?;
    Number::from_f64(value)
}

/// A German date (`1.6.2027`, `01.06.2027`) as ISO 8601; anything else as entered, for the
/// schema's `format: date` to judge.
pub fn date(text: &str) -> String {
    let parts: Vec<&str> = text.split('.').collect();
    if let [day, month, year] = parts[..] {
        let ok = |s: &str, max: usize| {
            !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
        };
        if ok(day, 2) && ok(month, 2) && year.len() == 4 && ok(year, 4) {
            return format!("{year}-{month:0>2}-{day:0>2}");
        }
    }
    text.to_owned()
}
