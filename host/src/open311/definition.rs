//! Service definitions: the fields of the municipality's concern form beyond what Open311
//! carries itself (category, description, location), as Open311 attributes. The form is the
//! one the municipality's plugin adapted, so an app asks for exactly what the web form asks.

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use serde_json::{Value, json};

use super::{Failure, Format, query};
use crate::auth::Scope;
use crate::error::Error;
use crate::plugins::FormKind;
use crate::state::AppState;

/// Fields of the concern form that Open311 carries in its own parameters, or that an app
/// does not send: `service_code`, `description`, `lat`/`long`/`address_string`; the date of
/// a back-dated entry is for staff; the contact is not taken through Open311.
const CARRIED_ELSEWHERE: [&str; 5] = ["category", "text", "location", "submitted_at", "reporter"];

/// Open311's attribute types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataType {
    String,
    Text,
    Number,
    Datetime,
    SingleValueList,
    MultiValueList,
}

impl DataType {
    fn as_str(self) -> &'static str {
        match self {
            DataType::String => "string",
            DataType::Text => "text",
            DataType::Number => "number",
            DataType::Datetime => "datetime",
            DataType::SingleValueList => "singlevaluelist",
            DataType::MultiValueList => "multivaluelist",
        }
    }
}

/// One field of the form as an Open311 attribute.
#[derive(Clone, Debug)]
pub struct Attribute {
    pub code: String,
    pub datatype: DataType,
    pub required: bool,
    pub description: Option<String>,
    /// The choices of a list: stored key and German name.
    pub values: Vec<(Value, String)>,
    /// What the form stores: a boolean list sends `true`/`false`, a number list numbers.
    pub integer: bool,
}

/// The attributes of a concern form's JSON Schema, in the schema's order.
pub fn attributes(schema: &Value) -> Vec<Attribute> {
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(properties) = schema["properties"].as_object() else {
        return Vec::new();
    };
    properties
        .iter()
        .filter(|(code, _)| !CARRIED_ELSEWHERE.contains(&code.as_str()))
        .map(|(code, field)| {
            let (datatype, values) = shape(field);
            Attribute {
                code: code.clone(),
                datatype,
                required: required.contains(&code.as_str()),
                description: match (field["title"].as_str(), field["description"].as_str()) {
                    (Some(title), Some(text)) => Some(format!("{title}: {text}")),
                    (Some(one), None) | (None, Some(one)) => Some(one.to_owned()),
                    (None, None) => None,
                },
                values,
                integer: field["type"] == "integer" || field["items"]["type"] == "integer",
            }
        })
        .collect()
}

/// The attribute type and the choices of one field's schema.
fn shape(field: &Value) -> (DataType, Vec<(Value, String)>) {
    if field["type"] == "array" {
        let choices = choices(&field["items"]);
        if !choices.is_empty() {
            return (DataType::MultiValueList, choices);
        }
        return (DataType::Text, choices);
    }
    let choices = choices(field);
    if !choices.is_empty() {
        return (DataType::SingleValueList, choices);
    }
    let datatype = match field["type"].as_str() {
        Some("number" | "integer") => DataType::Number,
        Some("boolean") => {
            return (
                DataType::SingleValueList,
                vec![(json!(true), "Ja".into()), (json!(false), "Nein".into())],
            );
        }
        Some("string") if matches!(field["format"].as_str(), Some("date-time" | "date")) => {
            DataType::Datetime
        }
        Some("string") if field["maxLength"].as_u64().is_some_and(|n| n <= 200) => DataType::String,
        _ => DataType::Text,
    };
    (datatype, Vec::new())
}

/// A field's fixed choices: `enum`, or `oneOf`/`anyOf` of `{const, title}`.
fn choices(field: &Value) -> Vec<(Value, String)> {
    if let Some(values) = field["enum"].as_array() {
        return values
            .iter()
            .filter(|v| !v.is_null())
            .map(|v| (v.clone(), label(v)))
            .collect();
    }
    ["oneOf", "anyOf"]
        .iter()
        .filter_map(|k| field[*k].as_array())
        .flatten()
        .filter(|option| !option["const"].is_null())
        .map(|option| {
            let name = option["title"]
                .as_str()
                .map_or_else(|| label(&option["const"]), str::to_owned);
            (option["const"].clone(), name)
        })
        .collect()
}

fn label(value: &Value) -> String {
    value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_owned)
}

impl Attribute {
    fn document(&self, order: usize) -> Value {
        let values: Vec<Value> = self
            .values
            .iter()
            .map(|(key, name)| json!({"key": label(key), "name": name}))
            .collect();
        let mut attribute = json!({
            "variable": true,
            "code": self.code,
            "datatype": self.datatype.as_str(),
            "required": self.required,
            "datatype_description": null,
            "order": order + 1,
            "description": self.description,
        });
        if !values.is_empty() {
            attribute["values"] = Value::Array(values);
        }
        attribute
    }
}

/// The attributes of the municipality's concern form as it stands now.
pub async fn current(state: &AppState, scope: &Scope) -> Result<Vec<Attribute>, Error> {
    let form = state
        .rules
        .form(scope.municipality_id, &scope.slug, FormKind::Concern)
        .await?;
    Ok(attributes(&form.form.schema))
}

/// `GET /open311/v2/{municipality}/services/{service_code}.{format}`
pub async fn service_definition(
    State(state): State<AppState>,
    scope: Result<Scope, Error>,
    Path((_, file)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Response {
    let Some((code, format)) = Format::split(&file) else {
        return Failure::not_found().reply(None);
    };
    let result = async {
        let scope = query::checked(scope?, query.as_deref())?;
        query::category(&state, &scope, code).await?;
        let attributes = current(&state, &scope).await?;
        let attributes: Vec<Value> = attributes
            .iter()
            .enumerate()
            .map(|(i, a)| a.document(i))
            .collect();
        Ok::<_, Failure>(json!({"service_code": code, "attributes": attributes}))
    }
    .await;
    format.answer("service_definition", "service_definition", result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_become_typed_attributes() {
        let schema = json!({
            "required": ["category", "text", "kind"],
            "properties": {
                "category": {"type": "string"},
                "text": {"type": "string"},
                "reporter": {"type": "object"},
                "kind": {"oneOf": [{"const": "a", "title": "Alpha"}, {"const": "b"}]},
                "count": {"type": "integer"},
                "urgent": {"type": "boolean"},
                "when": {"type": "string", "format": "date-time"},
                "sozialraum": {"type": "string", "maxLength": 200, "title": "Sozialraum"},
                "tags": {"type": "array", "items": {"enum": ["x", "y"]}},
            }
        });
        let found: Vec<(String, DataType, bool, usize)> = attributes(&schema)
            .into_iter()
            .map(|a| (a.code, a.datatype, a.required, a.values.len()))
            .collect();
        let expect = |c: &str, d, r, n| (c.to_owned(), d, r, n);
        assert_eq!(
            found,
            vec![
                expect("count", DataType::Number, false, 0),
                expect("kind", DataType::SingleValueList, true, 2),
                expect("sozialraum", DataType::String, false, 0),
                expect("tags", DataType::MultiValueList, false, 2),
                expect("urgent", DataType::SingleValueList, false, 2),
                expect("when", DataType::Datetime, false, 0),
            ]
        );
        let kind = &attributes(&schema)[1];
        assert_eq!(kind.values[0], (json!("a"), "Alpha".to_owned()));
        assert_eq!(kind.values[1], (json!("b"), "b".to_owned()));
    }
}
