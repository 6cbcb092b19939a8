//! What a page adds to a schema to present it: the order of the fields ([`Order`]), fields
//! it leaves out, groups shown without a fieldset, and a field's own name, id, words and
//! `autocomplete`. The schema still decides what a field is and how it is parsed; a page
//! only says how it looks (the concern form keeps the names and words it had).

use super::order::Order;

/// How one page presents a schema. The default: schema order by name, nothing changed.
#[derive(Debug, Default)]
pub struct Presentation {
    pub order: Order,
    /// Pointers left out, with everything inside them.
    pub hidden: Vec<&'static str>,
    /// Groups whose fields stand alone, without a fieldset; an error of the group is shown
    /// at its first field.
    pub flat: Vec<&'static str>,
    pub fields: Vec<Look>,
}

/// How one field looks, where the schema's defaults do not fit the page (`label` and `hint`
/// also apply to a group: its legend and hint).
#[derive(Debug, Default)]
pub struct Look {
    pub pointer: &'static str,
    /// The name posted (default: the pointer).
    pub name: Option<&'static str>,
    /// The HTML id (default: from the pointer).
    pub id: Option<&'static str>,
    pub label: Option<&'static str>,
    pub hint: Option<&'static str>,
    pub autocomplete: Option<&'static str>,
    /// Errors at these pointers are shown at this field (e.g. the rule of its group that
    /// this box decides).
    pub errors_from: Vec<&'static str>,
}

impl Presentation {
    /// The schema as it is, in `order`.
    pub fn ordered(order: Order) -> Presentation {
        Presentation {
            order,
            ..Presentation::default()
        }
    }

    pub(super) fn look(&self, pointer: &str) -> Option<&Look> {
        self.fields.iter().find(|l| l.pointer == pointer)
    }

    pub(super) fn is_hidden(&self, pointer: &str) -> bool {
        self.hidden.contains(&pointer)
    }

    pub(super) fn is_flat(&self, pointer: &str) -> bool {
        self.flat.contains(&pointer)
    }
}
