//! Open311's XML form of the same documents the JSON form carries: an array becomes a root
//! element holding one element per item (`<services><service>…`), an object its members as
//! child elements in name order (readers look them up by name), `null` an empty element. Nested arrays are named by the table in
//! [`item_name`], as the GeoReport v2 examples name them.

use serde_json::Value;

/// The XML document for `value` under the root element `root`; an array's items are named
/// `item`.
pub fn document(root: &str, item: &str, value: &Value) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    match value {
        Value::Array(items) => {
            open(&mut out, root);
            for v in items {
                element(&mut out, item, v);
            }
            close(&mut out, root);
        }
        other => element(&mut out, root, other),
    }
    out
}

/// The element name of one item of a nested array named `list`.
fn item_name(list: &str) -> &str {
    match list {
        "attributes" => "attribute",
        "values" => "value",
        "endpoints" => "endpoint",
        "formats" => "format",
        "keywords" => "keyword",
        _ => "item",
    }
}

fn element(out: &mut String, name: &str, value: &Value) {
    match value {
        Value::Null => {
            out.push('<');
            out.push_str(name);
            out.push_str("/>");
        }
        Value::Object(members) => {
            open(out, name);
            for (key, v) in members {
                element(out, key, v);
            }
            close(out, name);
        }
        Value::Array(items) => {
            open(out, name);
            for v in items {
                element(out, item_name(name), v);
            }
            close(out, name);
        }
        Value::String(text) => {
            open(out, name);
            escape_into(out, text);
            close(out, name);
        }
        Value::Bool(_) | Value::Number(_) => {
            open(out, name);
            out.push_str(&value.to_string());
            close(out, name);
        }
    }
}

fn open(out: &mut String, name: &str) {
    out.push('<');
    out.push_str(name);
    out.push('>');
}

fn close(out: &mut String, name: &str) {
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// Escapes markup and replaces what XML 1.0 cannot carry at all (most control characters,
/// lone surrogates cannot occur in a Rust string) with U+FFFD: a resident's text with a
/// stray control character must still give a document every parser reads.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn arrays_objects_and_nulls_become_elements() {
        let xml = document(
            "services",
            "service",
            &json!([{"service_code": "wilder_muell", "metadata": false, "group": null}]),
        );
        assert_eq!(
            xml,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><services><service>\
             <group/><metadata>false</metadata><service_code>wilder_muell</service_code>\
             </service></services>"
        );
    }

    #[test]
    fn nested_lists_are_named_as_in_the_specification() {
        let xml = document(
            "service_definition",
            "unused",
            &json!({"attributes": [{"values": [{"key": "a"}]}]}),
        );
        assert!(
            xml.contains("<attributes><attribute><values><value><key>a</key></value></values>"),
            "{xml}"
        );
    }

    #[test]
    fn markup_is_escaped_and_control_characters_replaced() {
        let xml = document(
            "error",
            "unused",
            &json!({"d": "<a href='x'>&\u{1}\u{7}ok\n"}),
        );
        assert!(
            xml.contains("<d>&lt;a href=&apos;x&apos;&gt;&amp;\u{FFFD}\u{FFFD}ok\n</d>"),
            "{xml}"
        );
    }
}
