//! What checking one value against a plugin-adapted form schema can cost, bounded before
//! the schema is used.
//!
//! A valid draft 2020-12 schema can make evaluation exponential: `d0 = anyOf[allOf[d1,
//! false], d1]`, `d1 = …` applies `d26` 2^26 times to the same value. The host evaluates
//! schemas outside the sandbox, so an adapted schema is refused (and the base form used)
//! when its *expanded size* exceeds [`COST_MAX`]: the number of subschemas evaluation can
//! visit at one place of the value if every applicator tries every branch and every `$ref`
//! is followed. It is computed in linear time by counting each `$ref` target once and
//! reusing its count. Recursive references are refused too: a form describes a finite
//! document, and recursion would make the count unbounded.

use serde_json::Value;

/// The largest expanded size accepted. The base forms measure 22–66, Aachen's adapted
/// concern and fund application forms 36 and 46 (the tests below and
/// `the_aachen_forms_are_far_within_the_schema_cost_budget`); a thousand times more leaves
/// room for rich forms and still bounds a submission's check to milliseconds.
pub const COST_MAX: u64 = 100_000;

/// Keywords whose value is one subschema.
const ONE: &[&str] = &[
    "not",
    "if",
    "then",
    "else",
    "items",
    "contains",
    "additionalProperties",
    "unevaluatedItems",
    "unevaluatedProperties",
    "propertyNames",
];
/// Keywords whose value is an array of subschemas.
const LIST: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];
/// Keywords whose value maps names to subschemas.
const MAP: &[&str] = &["properties", "patternProperties", "dependentSchemas"];

/// The expanded size of `schema`, or why it cannot be used.
pub fn cost(schema: &Value) -> Result<u64, String> {
    let mut walk = Walk {
        root: schema,
        known: Vec::new(),
        open: Vec::new(),
    };
    let total = walk.cost(schema)?;
    if total > COST_MAX {
        return Err(format!(
            "the schema's expanded size exceeds {COST_MAX} subschemas"
        ));
    }
    Ok(total)
}

struct Walk<'a> {
    root: &'a Value,
    /// Counted `$ref` targets.
    known: Vec<(String, u64)>,
    /// The `$ref` targets being counted, to find recursion.
    open: Vec<String>,
}

impl Walk<'_> {
    fn cost(&mut self, schema: &Value) -> Result<u64, String> {
        let Value::Object(object) = schema else {
            return Ok(1);
        };
        let mut total: u64 = 1;
        for (keyword, value) in object {
            let part = match keyword.as_str() {
                "$ref" => self.reference(value)?,
                "$dynamicRef" | "$recursiveRef" => {
                    return Err(format!("{keyword} is not supported in forms"));
                }
                k if ONE.contains(&k) => self.cost(value)?,
                k if LIST.contains(&k) => self.sum(value.as_array().into_iter().flatten())?,
                k if MAP.contains(&k) => {
                    self.sum(value.as_object().into_iter().flatten().map(|(_, v)| v))?
                }
                _ => 0,
            };
            // Past the bound the exact figure no longer matters; saturate and stop early.
            total = total.saturating_add(part);
            if total > COST_MAX {
                return Ok(total);
            }
        }
        Ok(total)
    }

    fn sum<'v>(&mut self, schemas: impl Iterator<Item = &'v Value>) -> Result<u64, String> {
        let mut total: u64 = 0;
        for schema in schemas {
            total = total.saturating_add(self.cost(schema)?);
            if total > COST_MAX {
                break;
            }
        }
        Ok(total)
    }

    fn reference(&mut self, target: &Value) -> Result<u64, String> {
        let target = target.as_str().ok_or("$ref is not a string")?;
        if let Some((_, known)) = self.known.iter().find(|(t, _)| t == target) {
            return Ok(*known);
        }
        if self.open.iter().any(|t| t == target) {
            return Err(format!("recursive $ref {target:?}"));
        }
        let pointer = target
            .strip_prefix('#')
            .ok_or_else(|| format!("$ref {target:?} leaves the document"))?;
        let root = self.root;
        let schema = root
            .pointer(pointer)
            .ok_or_else(|| format!("$ref {target:?} points nowhere"))?;
        self.open.push(target.to_owned());
        let counted = self.cost(schema);
        self.open.pop();
        let counted = counted?;
        self.known.push((target.to_owned(), counted));
        Ok(counted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// `d0 = anyOf[allOf[d1, false], d1]`, … down to `d{depth}`.
    fn exponential(depth: usize) -> Value {
        let mut defs = serde_json::Map::new();
        for k in 0..depth {
            let next = format!("#/$defs/d{}", k + 1);
            defs.insert(
                format!("d{k}"),
                json!({"anyOf": [{"allOf": [{"$ref": next}, false]}, {"$ref": next}]}),
            );
        }
        defs.insert(format!("d{depth}"), json!({"type": "string"}));
        json!({"type": "object", "$defs": defs, "properties": {"x": {"$ref": "#/$defs/d0"}}})
    }

    #[test]
    fn every_base_form_is_far_below_the_budget() {
        for (kind, name) in crate::plugins::contract::FORM_KINDS {
            let form = super::super::forms::base(kind).expect("base form compiles");
            let cost = cost(&form.schema).expect("base form within budget");
            assert!(cost < COST_MAX / 100, "{name}: {cost}");
        }
    }

    #[test]
    fn an_exponential_schema_is_refused_and_a_shallow_one_counted_exactly() {
        // The root, `x` and `d0`; the first branch (itself, the reference, `d1`, `false`)
        // and the second (itself, which is the reference, and `d1`).
        assert_eq!(
            cost(&exponential(1)),
            Ok(1 + 1 + 1 + (1 + 1 + 1 + 1) + (1 + 1))
        );
        assert!(cost(&exponential(10)).is_ok());
        let refused = cost(&exponential(26)).expect_err("2^26 evaluations");
        assert!(refused.contains("expanded size"), "{refused}");
    }

    #[test]
    fn recursive_and_foreign_references_are_refused() {
        let recursive = json!({"type": "object", "$defs": {"a": {"properties": {"b": {"$ref": "#/$defs/a"}}}},
                               "properties": {"x": {"$ref": "#/$defs/a"}}});
        assert!(cost(&recursive).unwrap_err().contains("recursive"));
        let foreign =
            json!({"type": "object", "properties": {"x": {"$ref": "https://example.org/s"}}});
        assert!(cost(&foreign).unwrap_err().contains("leaves the document"));
        let dynamic = json!({"type": "object", "properties": {"x": {"$dynamicRef": "#a"}}});
        assert!(cost(&dynamic).is_err());
    }
}
