//! Forms rendered from a JSON Schema — the one place every page that shows a form of
//! `schemas/forms/` (as the municipality's plugin adapted it, `Rules::form`) turns the
//! schema into fields and a posted form back into the document. A field a plugin adds
//! appears wherever the form is shown. It does not check submissions: that is
//! `forms::check_submission`, on the same path as the API; its errors (JSON pointers with
//! German text) are placed next to their fields here.
//!
//! **Fields.** Each property of the root object, in the order the base schema's text gives
//! ([`Order`]: parsed JSON has lost it), then those a plugin added, by name: label from `title` (else
//! the property name), hint from `description`, required from `required` (marked only when
//! every group around it is required too). The posted name of a field is its JSON pointer
//! (`/applicant/name`), so errors map to fields without translation, and names never become
//! structure: parsing walks the schema, not the names.
//!
//! | schema | field | parsed |
//! |---|---|---|
//! | `string` | text input; `maxLength` ≥ [`TEXTAREA_FROM`] a textarea | trimmed; empty is left out |
//! | `string`, `format: date` | date input | also `TT.MM.JJJJ`, given on as ISO |
//! | `string`, `format: email`; a name `phone`/`…_phone` | e-mail, phone input | as text |
//! | `enum`, or `oneOf`/`anyOf` of `const` + `title` | select (labels from `title`) | the value |
//! | `integer`, `number` | text input with a numeric keyboard | strictly; a comma is a decimal point; else a German field error |
//! | `boolean` | checkbox, never marked required | ticked or not |
//! | `object` | fieldset with legend | left out when nothing in it was entered, unless required |
//! | `array` of objects | fieldsets, one per row: the rows entered plus one empty one, at least [`MIN_ROWS`] | empty rows dropped, the rest renumbered |
//! | `array` of strings with choices | checkboxes in a fieldset | the ticked values |
//! | `array` of free strings | textarea, one entry per line | the non-empty lines |
//!
//! **Limits.** Left out (not rendered, nothing fails): references by id (`format: uuid`;
//! nobody types one in), arrays of numbers or of arrays, tuple arrays, `patternProperties`,
//! `const`-only properties; a `$ref` is not followed (shown as a text field). Not evaluated for showing:
//! `allOf`, `if`/`then`/`else`, `dependentRequired` (a field required only conditionally is
//! shown as optional; the check on submission reports it). A plain `enum` shows its values
//! as labels — a schema gets readable choices with `oneOf` and `title`. A plugin adapts
//! the schema, so the walk is bounded (CONVENTIONS 20): [`MAX_DEPTH`] levels of groups,
//! [`MAX_FIELDS`] fields, groups and options in all, [`MAX_OPTIONS`] choices per field,
//! [`MAX_ROWS`] rows per array; past a cap the rest is left out and [`SchemaForm::truncated`]
//! says so.
//!
//! **Answers.** [`answers`] reads a submitted document back by the same schema, for the
//! people who check it: the form's labels and choices with the values given.
//!
//! **Pages.** A page may present a schema its own way ([`Presentation`]): leave fields out,
//! show a group without its fieldset, give a field its own name, id, words and
//! `autocomplete`, and show a group's error at one of its fields.

mod answers;
mod leaf;
mod model;
mod order;
mod parse;
mod presentation;
mod view;

#[cfg(test)]
mod tests;

use serde_json::Value;

use crate::error::FieldError;
use crate::web::texts::FormTexts;
pub use answers::{AnswerBlock, answers};
use leaf::text;
pub use order::Order;
pub use parse::{Parsed, Posted, Raw};
pub use presentation::{Look, Presentation};
pub use view::{FieldView, GroupView, Item, OptionView, SummaryLine};

/// Strings this long or longer (`maxLength`) get a textarea: a title (120), a name (200) or
/// a place (300) fit on a line, a description (1000 and more) does not.
pub const TEXTAREA_FROM: u64 = 500;
/// Levels of fieldsets: the real forms use three (an array of objects in an object).
pub const MAX_DEPTH: usize = 8;
/// Fields, groups and choices in one form: the largest real form (the Hessian
/// self-evaluation) has about 60; a plugin's schema is cut off far above that.
pub const MAX_FIELDS: usize = 600;
/// Choices of one select: catalogues of categories and fields of action have a few dozen.
pub const MAX_OPTIONS: usize = 300;
/// Rows of one array of objects shown at most (the base form allows 50 cost items; a
/// resident without JavaScript gets one more empty row with every sending).
pub const MAX_ROWS: usize = 50;
/// Empty rows of an array of objects shown when nothing was entered.
pub const MIN_ROWS: usize = 2;

/// A form ready for a template: its fields with what was entered and the errors placed.
#[derive(Debug)]
pub struct SchemaForm {
    /// The schema's `title`, for the page's heading.
    pub title: Option<String>,
    /// The schema's `description`, the page's introduction.
    pub description: Option<String>,
    pub items: Vec<Item>,
    /// The errors in the order of the form, then those of no field.
    pub summary: Vec<SummaryLine>,
    /// A cap cut the form short: some fields of the schema are not shown.
    pub truncated: bool,
}

/// How many rows the array at `at` has in `raw`.
fn rows_in(raw: &Raw, at: &str) -> usize {
    let prefix = format!("{at}/");
    raw.keys()
        .filter_map(|k| k.strip_prefix(&prefix))
        .filter_map(|rest| rest.split('/').next()?.parse::<usize>().ok())
        .map(|i| i.saturating_add(1))
        .max()
        .unwrap_or(0)
}

impl SchemaForm {
    /// The form of `schema` with `raw` entered and `errors` placed; an array shows its rows
    /// entered and one empty row more.
    pub fn new(
        schema: &Value,
        look: &Presentation,
        raw: &Raw,
        errors: &[FieldError],
        t: &FormTexts,
    ) -> SchemaForm {
        let rows = |at: &str| rows_in(raw, at) + 1;
        let tree = model::tree(schema, look, &rows, t.row);
        if tree.truncated {
            tracing::warn!("a form schema exceeds the form caps; fields are left out");
        }
        let (items, summary) = view::view(&tree, raw, errors, t);
        SchemaForm {
            title: text(schema, "title"),
            description: text(schema, "description"),
            items,
            summary,
            truncated: tree.truncated,
        }
    }

    /// The empty form.
    pub fn empty(schema: &Value, look: &Presentation, t: &FormTexts) -> SchemaForm {
        SchemaForm::new(schema, look, &Raw::new(), &[], t)
    }

    /// Reads a posted form by `schema`: the document, what was entered, and the fields that
    /// could not be read (numbers), as errors to show.
    pub fn parse(schema: &Value, look: &Presentation, posted: &Posted, t: &FormTexts) -> Parsed {
        let rows = |at: &str| posted.rows(at);
        let tree = model::tree(schema, look, &rows, t.row);
        parse::parse(&tree.nodes, posted, t)
    }
}
