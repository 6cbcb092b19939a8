//! From a JSON Schema to the tree of fields a page shows: one walk over `properties`, bounded
//! in depth and in size, that never fails — what it cannot show it leaves out.

use std::collections::HashSet;

use serde_json::Value;

use super::leaf::{Choice, Control, control, is_object_array, text, type_of};
use super::presentation::Presentation;
use super::{MAX_DEPTH, MAX_FIELDS, MAX_ROWS, MIN_ROWS};

/// One input (or, for [`Control::Checkboxes`], one group of them) answering for one JSON
/// pointer, which is also its name in the posted form.
#[derive(Clone, Debug)]
pub struct FieldSpec {
    pub pointer: String,
    /// The name posted: the pointer, unless the page says otherwise.
    pub name: String,
    pub autocomplete: Option<&'static str>,
    /// Errors at these pointers are shown at this field too.
    pub errors_from: Vec<String>,
    /// The HTML id, unique on the page: `feld-…`.
    pub id: String,
    pub label: String,
    /// Names the field in the error summary (the row's legend before the label in a row).
    pub summary_label: String,
    pub hint: Option<String>,
    /// Required, and so is every group around it.
    pub required: bool,
    pub control: Control,
    pub choices: Vec<Choice>,
    pub max_length: Option<u64>,
}

/// A group of fields: an object, an array of objects, or one row of such an array.
#[derive(Clone, Debug)]
pub struct GroupSpec {
    pub pointer: String,
    pub id: String,
    pub legend: String,
    pub hint: Option<String>,
    pub required: bool,
    pub kind: GroupKind,
    /// Shown without a fieldset.
    pub flat: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupKind {
    Object,
    /// Its children are rows (`GroupKind::Row`), posted as `/pointer/0/…`, `/pointer/1/…`.
    Rows,
    Row,
}

#[derive(Clone, Debug)]
pub enum Node {
    Field(FieldSpec),
    Group(GroupSpec, Vec<Node>),
}

/// The tree of a schema's fields, and whether the caps cut it short.
#[derive(Debug, Default)]
pub struct Tree {
    pub nodes: Vec<Node>,
    pub truncated: bool,
}

/// Walks `schema` (an object schema). `rows` says how many rows to show for the array of
/// objects at a pointer (clamped to `MIN_ROWS..=MAX_ROWS` and the array's `maxItems`).
pub fn tree(
    schema: &Value,
    look: &Presentation,
    rows: &dyn Fn(&str) -> usize,
    row_title: &str,
) -> Tree {
    let mut walk = Walk {
        look,
        rows,
        row_title,
        budget: MAX_FIELDS,
        ids: HashSet::new(),
        truncated: false,
    };
    let nodes = walk.properties(schema, "", "", true, 0, None);
    Tree {
        nodes,
        truncated: walk.truncated,
    }
}

struct Walk<'a> {
    look: &'a Presentation,
    rows: &'a dyn Fn(&str) -> usize,
    /// Names a row whose items have no `title`.
    row_title: &'a str,
    /// Fields and options still to be shown.
    budget: usize,
    ids: HashSet<String>,
    truncated: bool,
}

/// `a/b` and `a~b` escaped as a JSON pointer token.
fn token(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

impl Walk<'_> {
    /// A unique id from the pointer: ASCII letters, digits, `-` and `_` kept, the rest `-`.
    fn id(&mut self, pointer: &str) -> String {
        let mut base = String::from("feld");
        for c in pointer.chars() {
            base.push(if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            });
        }
        let mut id = base.clone();
        let mut n = 2;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    fn spend(&mut self, cost: usize) -> bool {
        if cost > self.budget {
            self.truncated = true;
            self.budget = 0;
            return false;
        }
        self.budget -= cost;
        true
    }

    /// The fields of an object schema's `properties`, in their order. `path` is the schema's
    /// own place in the schema document, `at` the pointer of the value it describes.
    fn properties(
        &mut self,
        schema: &Value,
        path: &str,
        at: &str,
        required: bool,
        depth: usize,
        row: Option<&str>,
    ) -> Vec<Node> {
        let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
            return Vec::new();
        };
        let names: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut sorted: Vec<(&String, &Value)> = properties.iter().collect();
        sorted.sort_by_key(|(name, _)| self.look.order.rank(path, name));
        let mut nodes = Vec::new();
        for (name, property) in sorted {
            let pointer = format!("{at}/{}", token(name));
            let required = required && names.contains(&name.as_str());
            let path = format!("{path}/properties/{}", token(name));
            if let Some(node) = self.node(name, property, &path, pointer, required, depth, row) {
                nodes.push(node);
            }
        }
        nodes
    }

    #[allow(clippy::too_many_arguments)]
    fn node(
        &mut self,
        name: &str,
        schema: &Value,
        path: &str,
        pointer: String,
        required: bool,
        depth: usize,
        row: Option<&str>,
    ) -> Option<Node> {
        if !schema.is_object() || self.look.is_hidden(&pointer) {
            return None;
        }
        if self.budget == 0 {
            self.truncated = true;
            return None;
        }
        // Copied out of `self`, so the look does not hold `self` borrowed.
        let presentation: &Presentation = self.look;
        let look = presentation.look(&pointer);
        let label = look
            .and_then(|l| l.label)
            .map(str::to_owned)
            .or_else(|| text(schema, "title"))
            .unwrap_or_else(|| name.to_owned());
        let hint = look
            .and_then(|l| l.hint)
            .map(str::to_owned)
            .or_else(|| text(schema, "description"));
        let is_object = type_of(schema) == Some("object")
            || (type_of(schema).is_none() && schema.get("properties").is_some());
        if is_object || (type_of(schema) == Some("array") && is_object_array(schema)) {
            if depth + 1 >= MAX_DEPTH || !self.spend(1) {
                self.truncated = true;
                return None;
            }
            // A group shown without a fieldset needs no id (and leaves its own to a field).
            let flat = presentation.is_flat(&pointer);
            let group = GroupSpec {
                id: if flat {
                    String::new()
                } else {
                    self.id(&pointer)
                },
                flat,
                pointer,
                legend: label,
                hint,
                required,
                kind: if is_object {
                    GroupKind::Object
                } else {
                    GroupKind::Rows
                },
            };
            let children = if is_object {
                self.properties(schema, path, &group.pointer, required, depth + 1, row)
            } else {
                self.rows(schema, path, &group.pointer, depth + 1)
            };
            return Some(Node::Group(group, children));
        }
        let (control, choices) = control(name, schema)?;
        if !self.spend(1 + choices.len()) {
            return None;
        }
        let summary_label = match row {
            Some(row) => format!("{row}: {label}"),
            None => label.clone(),
        };
        let id = match look.and_then(|l| l.id) {
            Some(id) if self.ids.insert(id.to_owned()) => id.to_owned(),
            _ => self.id(&pointer),
        };
        Some(Node::Field(FieldSpec {
            id,
            name: look
                .and_then(|l| l.name)
                .map_or_else(|| pointer.clone(), str::to_owned),
            autocomplete: look.and_then(|l| l.autocomplete),
            errors_from: look.map_or_else(Vec::new, |l| {
                l.errors_from.iter().map(|p| (*p).to_owned()).collect()
            }),
            pointer,
            label,
            summary_label,
            hint,
            // An unticked box is an answer too: a checkbox is never marked as required.
            required: required && control != Control::Checkbox,
            control,
            choices,
            max_length: schema.get("maxLength").and_then(Value::as_u64),
        }))
    }

    /// The rows of an array of objects: as many as asked for, within the caps.
    fn rows(&mut self, schema: &Value, path: &str, at: &str, depth: usize) -> Vec<Node> {
        let path = format!("{path}/items");
        let Some(items) = schema.get("items") else {
            return Vec::new();
        };
        let max_items = schema
            .get("maxItems")
            .and_then(Value::as_u64)
            .map_or(MAX_ROWS, |m| usize::try_from(m).unwrap_or(MAX_ROWS));
        let count = (self.rows)(at).clamp(MIN_ROWS, MAX_ROWS).min(max_items);
        let title = text(items, "title").unwrap_or_else(|| self.row_title.to_owned());
        let mut nodes = Vec::new();
        for i in 0..count {
            if self.budget == 0 {
                self.truncated = true;
                break;
            }
            let pointer = format!("{at}/{i}");
            let legend = format!("{title} {}", i + 1);
            let children = self.properties(items, &path, &pointer, false, depth + 1, Some(&legend));
            let row = GroupSpec {
                id: self.id(&pointer),
                flat: false,
                pointer,
                legend,
                hint: None,
                required: false,
                kind: GroupKind::Row,
            };
            nodes.push(Node::Group(row, children));
        }
        nodes
    }
}
