//! The order of fields. `serde_json` keeps object members sorted by name (the host and the
//! plugins build it without `preserve_order`), so an effective schema has lost the order its
//! author wrote. The base schema's text still has it: [`Order::from_text`] reads the order
//! of every `properties` object from it, and the walk shows the properties the base knows
//! in that order, the ones a plugin added after them (by name).

use std::collections::HashMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// Property names in written order, by the schema path of the object schema that has them
/// (`""`, `/properties/applicant`, `/properties/cost_items/items`).
#[derive(Debug, Default)]
pub struct Order(HashMap<String, Vec<String>>);

impl Order {
    /// The order written in a schema's JSON text; empty when the text is no JSON.
    pub fn from_text(text: &str) -> Order {
        let mut order = Order::default();
        if let Ok(tree) = serde_json::from_str::<Tree>(text) {
            order.collect(&tree, "");
        }
        order
    }

    fn collect(&mut self, tree: &Tree, path: &str) {
        let Tree::Object(members) = tree else {
            return;
        };
        for (key, value) in members {
            let here = format!("{path}/{}", key.replace('~', "~0").replace('/', "~1"));
            match (key.as_str(), value) {
                ("properties", Tree::Object(properties)) => {
                    self.0.insert(
                        path.to_owned(),
                        properties.iter().map(|(k, _)| k.clone()).collect(),
                    );
                    for (name, schema) in properties {
                        let child =
                            format!("{here}/{}", name.replace('~', "~0").replace('/', "~1"));
                        self.collect(schema, &child);
                    }
                }
                ("items", _) => self.collect(value, &here),
                _ => {}
            }
        }
    }

    /// Where `name` stands among the properties of the object schema at `path`.
    pub fn rank(&self, path: &str, name: &str) -> usize {
        self.0
            .get(path)
            .and_then(|names| names.iter().position(|n| n == name))
            .unwrap_or(usize::MAX)
    }
}

/// JSON with the members of objects in written order; only what the order needs is kept.
/// Nesting is bounded by `serde_json`'s own recursion limit (128).
enum Tree {
    Object(Vec<(String, Tree)>),
    Other,
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Tree, D::Error> {
        deserializer.deserialize_any(TreeVisitor)
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut members = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Tree>()? {
            members.push((key, value));
        }
        Ok(Tree::Object(members))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Tree::Other)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Tree, E> {
        Ok(Tree::Other)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Tree, E> {
        Ok(Tree::Other)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Tree, E> {
        Ok(Tree::Other)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Tree, E> {
        Ok(Tree::Other)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Tree, E> {
        Ok(Tree::Other)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Tree, E> {
        Ok(Tree::Other)
    }
}
