//! What `describe` returns (`schemas/plugin/description.schema.json`): who the plugin is and
//! its catalogues.

use serde::{Deserialize, Serialize};

/// An entry of a catalogue: a stable key and its German label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The stable key, e.g. `wilder_muell`.
    pub key: String,
    /// How people read it, e.g. `Wilder Müll`.
    pub label: String,
}

/// A fund the municipality runs and its basic rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundRule {
    /// The fund kind, e.g. `verfuegungsfonds`.
    pub kind: String,
    /// How people read it.
    pub label: String,
    /// The largest amount one application may ask for, in cents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_amount_cents: Option<i64>,
}

/// What `describe` returns: who the plugin is and its catalogues.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Description {
    /// A short machine name, e.g. `aachen`.
    pub name: String,
    /// The plugin's own version (semver), e.g. `1.2.0`.
    pub version: String,
    /// A title for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The QM model (Hessen's five models), e.g. `kommune` or `tandem`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qm_model: Option<String>,
    /// Fields of action (*Handlungsfelder*) for projects.
    #[serde(default)]
    pub fields_of_action: Vec<Entry>,
    /// Categories of residents' concerns.
    #[serde(default)]
    pub concern_categories: Vec<Entry>,
    /// The funds and their basic rules.
    #[serde(default)]
    pub funds: Vec<FundRule>,
}

impl Description {
    /// A description with a name and version and empty catalogues.
    pub fn new(name: &str, version: &str) -> Description {
        Description {
            name: name.into(),
            version: version.into(),
            title: None,
            qm_model: None,
            fields_of_action: Vec::new(),
            concern_categories: Vec::new(),
            funds: Vec::new(),
        }
    }
    /// Sets the title for people.
    pub fn title(mut self, title: &str) -> Description {
        self.title = Some(title.into());
        self
    }
    /// Sets the QM model.
    pub fn qm_model(mut self, model: &str) -> Description {
        self.qm_model = Some(model.into());
        self
    }
    /// Adds a field of action.
    pub fn field_of_action(mut self, key: &str, label: &str) -> Description {
        self.fields_of_action.push(Entry {
            key: key.into(),
            label: label.into(),
        });
        self
    }
    /// Adds a concern category.
    pub fn concern_category(mut self, key: &str, label: &str) -> Description {
        self.concern_categories.push(Entry {
            key: key.into(),
            label: label.into(),
        });
        self
    }
    /// Adds a fund with its cap per application (in cents, if any).
    pub fn fund(mut self, kind: &str, label: &str, max_amount_cents: Option<i64>) -> Description {
        self.funds.push(FundRule {
            kind: kind.into(),
            label: label.into(),
            max_amount_cents,
        });
        self
    }
}
