//! Extending a base form's JSON Schema (draft 2020-12) in `adapt_form` without knowing all
//! of it: set the title, add properties, tighten a keyword of an existing property, add
//! required fields; [`choice`] and [`text`] write the common properties.
//!
//! ```
//! use quartier_plugin_sdk::json;
//! use quartier_plugin_sdk::schema::{FormSchema, choice, text};
//!
//! let base = json!({"type": "object", "properties": {"participation": {"type": "string"}}});
//! let form = FormSchema::new(base)
//!     .unwrap()
//!     .set("title", "Antrag auf Mittel aus dem Verfügungsfonds")
//!     .property("lebensraum", text("Lebensraum", "Wo das Projekt stattfindet.", 2, 200))
//!     .property("fonds", choice("Fonds", "Welcher Fonds?", &[("aktionsfonds", "Aktionsfonds")]))
//!     .tighten("participation", "minLength", json!(20))
//!     .require(&["lebensraum"])
//!     .build();
//! assert_eq!(form["required"], json!(["lebensraum"]));
//! assert_eq!(form["properties"]["participation"]["minLength"], 20);
//! ```
//!
//! The result stays a valid JSON Schema as long as the added pieces are; the host checks it.

use serde_json::Map;

use crate::{Error, Value, json};

/// A base form's schema being adapted.
pub struct FormSchema(Map<String, Value>);

impl FormSchema {
    /// Takes the base schema; refuses anything but a JSON object.
    pub fn new(base: Value) -> Result<FormSchema, Error> {
        match base {
            Value::Object(map) => Ok(FormSchema(map)),
            _ => Err(Error::new(
                "basisschema-ungueltig",
                "Das Basisformular ist kein JSON-Schema-Objekt.",
            )),
        }
    }

    /// Sets a top-level keyword such as `title` or `description`.
    pub fn set(mut self, keyword: &str, value: impl Into<Value>) -> FormSchema {
        self.0.insert(keyword.to_owned(), value.into());
        self
    }

    /// Adds or replaces a property.
    pub fn property(mut self, name: &str, schema: Value) -> FormSchema {
        let properties = self.0.entry("properties").or_insert_with(|| json!({}));
        if !properties.is_object() {
            *properties = json!({});
        }
        if let Value::Object(properties) = properties {
            properties.insert(name.to_owned(), schema);
        }
        self
    }

    /// Sets one keyword of an existing property, e.g. a minimum length; a property the base
    /// lacks is left alone.
    pub fn tighten(mut self, name: &str, keyword: &str, value: Value) -> FormSchema {
        if let Some(Value::Object(property)) =
            self.0.get_mut("properties").and_then(|p| p.get_mut(name))
        {
            property.insert(keyword.to_owned(), value);
        }
        self
    }

    /// Makes properties required (each at most once).
    pub fn require(mut self, names: &[&str]) -> FormSchema {
        let required = self.0.entry("required").or_insert_with(|| json!([]));
        if !required.is_array() {
            *required = json!([]);
        }
        if let Value::Array(list) = required {
            for name in names {
                if !list.iter().any(|v| v == name) {
                    list.push(json!(name));
                }
            }
        }
        self
    }

    /// The adapted schema.
    pub fn build(self) -> Value {
        Value::Object(self.0)
    }
}

/// A string property whose value is one of `entries` (key, label): `oneOf` with `const` and
/// `title`, so forms can show the labels.
pub fn choice(title: &str, description: &str, entries: &[(&str, &str)]) -> Value {
    let options: Vec<Value> = entries
        .iter()
        .map(|(key, label)| json!({ "const": key, "title": label }))
        .collect();
    json!({
        "title": title,
        "description": description,
        "type": "string",
        "oneOf": options,
    })
}

/// A text property of at most `max` characters.
pub fn text(title: &str, description: &str, min: usize, max: usize) -> Value {
    json!({
        "title": title,
        "description": description,
        "type": "string",
        "minLength": min,
        "maxLength": max,
    })
}
