//! The typed documents that cross the plugin boundary as JSON, mirrored by the JSON Schemas
//! in `schemas/plugin/`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The forms a municipality may adapt and check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormKind {
    /// *Verfügungsfonds / Aktionsfonds / Stadtteilfonds* application.
    FundApplication,
    /// A resident's concern (*Anliegen*).
    Concern,
    /// A project dossier (*Maßnahme*).
    ProjectDossier,
    /// A contract (*Kontrakt*).
    Contract,
    /// Meeting minutes (*Protokoll*).
    MeetingMinutes,
    /// A self-evaluation.
    SelfEvaluation,
}

/// How serious a finding is. Errors block a submission; warnings are kept and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Blocks the submission.
    Error,
    /// Kept with the submission and shown to the staff.
    Warning,
    /// A hint.
    Info,
}

/// One result of checking a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// JSON pointer to the field concerned (`/amount_cents`); empty for the whole document.
    pub pointer: String,
    /// How serious it is.
    pub severity: Severity,
    /// A stable machine code, e.g. `betrag-ueber-obergrenze`.
    pub code: String,
    /// The message for people.
    pub message: String,
}

impl Finding {
    fn new(severity: Severity, pointer: &str, code: &str, message: impl Into<String>) -> Finding {
        Finding {
            pointer: pointer.into(),
            severity,
            code: code.into(),
            message: message.into(),
        }
    }
    /// A finding that blocks the submission.
    pub fn error(pointer: &str, code: &str, message: impl Into<String>) -> Finding {
        Finding::new(Severity::Error, pointer, code, message)
    }
    /// A finding kept with the submission and shown to the staff.
    pub fn warning(pointer: &str, code: &str, message: impl Into<String>) -> Finding {
        Finding::new(Severity::Warning, pointer, code, message)
    }
    /// A hint.
    pub fn info(pointer: &str, code: &str, message: impl Into<String>) -> Finding {
        Finding::new(Severity::Info, pointer, code, message)
    }
}

/// A form submission (already valid against the form's JSON Schema), read by JSON pointer.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission(pub Value);

impl Submission {
    /// The value at a JSON pointer, e.g. `/applicant/name`.
    pub fn get(&self, pointer: &str) -> Option<&Value> {
        self.0.pointer(pointer)
    }
    /// An integer at a JSON pointer.
    pub fn i64(&self, pointer: &str) -> Option<i64> {
        self.get(pointer).and_then(Value::as_i64)
    }
    /// A string at a JSON pointer.
    pub fn str(&self, pointer: &str) -> Option<&str> {
        self.get(pointer).and_then(Value::as_str)
    }
    /// A boolean at a JSON pointer.
    pub fn bool(&self, pointer: &str) -> Option<bool> {
        self.get(pointer).and_then(Value::as_bool)
    }
}

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
    #[serde(skip_serializing_if = "Option::is_none")]
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The QM model (Hessen's five models), e.g. `kommune` or `tandem`.
    #[serde(skip_serializing_if = "Option::is_none")]
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

/// What the host asks `route` to decide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "subject", rename_all = "snake_case")]
pub enum RouteRequest {
    /// Who advises on and who decides a fund application.
    FundApplication {
        /// The fund kind, e.g. `aktionsfonds`.
        fund_kind: String,
        /// The amount applied for, in cents.
        amount_cents: i64,
        /// The area's name, if known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        area: Option<String>,
        /// The whole application as submitted.
        #[serde(default)]
        application: Value,
    },
    /// Which department a resident's concern goes to.
    Concern {
        /// The category key, e.g. `wilder_muell`.
        category: String,
        /// The area's name, if known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        area: Option<String>,
        /// The whole concern as submitted (without the reporter's personal data).
        #[serde(default)]
        concern: Value,
    },
}

/// One step of a fund application's way: a body or role advises or decides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// `advise` or `decide`.
    pub action: StepAction,
    /// Who: a body kind (`stadtteilkonferenz`, `aktionsfondsjury`, `quartiersrat` …) or a
    /// role (`qm`, `verwaltung`).
    pub by: String,
}

/// What a step does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepAction {
    /// Recommends (*berät, empfiehlt*).
    Advise,
    /// Decides (*entscheidet*).
    Decide,
}

impl Step {
    /// `by` advises.
    pub fn advise(by: &str) -> Step {
        Step {
            action: StepAction::Advise,
            by: by.into(),
        }
    }
    /// `by` decides.
    pub fn decide(by: &str) -> Step {
        Step {
            action: StepAction::Decide,
            by: by.into(),
        }
    }
}

/// What `route` decides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum RouteDecision {
    /// No municipal rule: the host's default routing applies.
    HostDefault,
    /// The ordered steps of a fund application (advice first, the decision last).
    Steps {
        /// The steps in order.
        steps: Vec<Step>,
    },
    /// A concern goes to this department.
    Department {
        /// The department's name as the municipality writes it.
        department: String,
    },
    /// Nobody in the municipality is responsible (*nicht zuständig*); the reason is shown.
    NotResponsible {
        /// Why, for people.
        reason: String,
    },
}

/// What `build_report` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "report", rename_all = "snake_case")]
pub enum Report {
    /// The host renders its standard report.
    HostDefault,
    /// A report shaped by the plugin.
    Document {
        /// The report's title.
        title: String,
        /// Its sections in order.
        sections: Vec<Section>,
    },
}

/// A section of a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// The heading.
    pub heading: String,
    /// Paragraphs of text.
    #[serde(default)]
    pub paragraphs: Vec<String>,
    /// Figures: label and value, taken from the dataset.
    #[serde(default)]
    pub figures: Vec<Figure>,
}

/// One figure of a report section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// What is counted.
    pub label: String,
    /// The value.
    pub value: Value,
}
