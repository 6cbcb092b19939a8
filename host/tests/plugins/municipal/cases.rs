//! Input/expected pairs: `plugins/fixtures/expected/<plugin>/<case>.input.json` holds one call
//! in the shape of `plugins/fixtures/inputs/` (`{"context", "form_kind"?, "input"}`, so
//! `quartier plugin run` takes it as it is); the case name starts with the hook
//! (`route-wilder-muell` → `route`). `<case>.expected.json` holds the answer: the output
//! document, the list of findings, or `{"refused": {"code", "message"}}` for the plugin's
//! own refusal. `QUARTIER_BLESS=1 cargo test -p quartier --test plugins municipal` writes
//! the expected files from the actual answers — review the diff before committing it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use quartier::plugins::{
    Answer, CallContext, CallError, FormKind, Hook, Plugin, Request, Runtime, Severity,
};
use serde_json::{Value, json};

use super::schemas;

/// One call and what it must answer.
pub struct Case {
    pub name: String,
    pub hook: Hook,
    pub context: CallContext,
    pub form_kind: Option<FormKind>,
    pub input: Value,
    expected: PathBuf,
}

/// The directory of a plugin's pairs.
pub fn dir(plugin: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../plugins/fixtures/expected")
        .join(plugin)
}

/// The hook a case name starts with.
fn hook_of(name: &str) -> Option<Hook> {
    Hook::ALL.into_iter().find(|hook| {
        name.strip_prefix(hook.name())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
    })
}

fn form_kind(name: &str) -> Option<FormKind> {
    Some(match name {
        "fund-application" => FormKind::FundApplication,
        "concern" => FormKind::Concern,
        "project-dossier" => FormKind::ProjectDossier,
        "contract" => FormKind::Contract,
        "meeting-minutes" => FormKind::MeetingMinutes,
        "self-evaluation" => FormKind::SelfEvaluation,
        _ => return None,
    })
}

fn read_json(path: &Path) -> Value {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
}

/// Every case of `plugin`, sorted by name.
pub fn load(plugin: &str) -> Vec<Case> {
    let dir = dir(plugin);
    let mut cases: Vec<Case> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter_map(|path| {
            let file = path.file_name()?.to_str()?;
            let name = file.strip_suffix(".input.json")?.to_owned();
            Some(case(&dir, name, &path))
        })
        .collect();
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(!cases.is_empty(), "no cases in {}", dir.display());
    cases
}

fn case(dir: &Path, name: String, path: &Path) -> Case {
    let hook = hook_of(&name)
        .unwrap_or_else(|| panic!("case {name}: the name must start with a hook's name"));
    let file = read_json(path);
    let context = &file["context"];
    let text = |key: &str| {
        context[key]
            .as_str()
            .unwrap_or_else(|| panic!("case {name}: context.{key} missing"))
            .to_owned()
    };
    let form_kind = file["form_kind"].as_str().map(|kind| {
        form_kind(kind).unwrap_or_else(|| panic!("case {name}: unknown form_kind {kind}"))
    });
    Case {
        context: CallContext {
            municipality: text("municipality"),
            locale: text("locale"),
            now: text("now"),
        },
        hook,
        form_kind,
        input: file["input"].clone(),
        expected: dir.join(format!("{name}.expected.json")),
        name,
    }
}

impl Case {
    /// Calls the hook and returns the answer in the form of the expected files.
    pub fn run(&self, runtime: &Runtime, plugin: &Plugin) -> Value {
        let input = self.input.to_string();
        let kind = || {
            self.form_kind
                .unwrap_or_else(|| panic!("case {}: form_kind missing", self.name))
        };
        let request = match self.hook {
            Hook::Describe => Request::Describe,
            Hook::AdaptTaskMatrix => Request::AdaptTaskMatrix(&input),
            Hook::AdaptForm => Request::AdaptForm(kind(), &input),
            Hook::Validate => Request::Validate(kind(), &input),
            Hook::Route => Request::Route(&input),
            Hook::BuildReport => Request::BuildReport(&input),
        };
        match runtime.call(plugin, self.context.clone(), request).result {
            Ok(Answer::Json(value)) => value,
            Ok(Answer::Findings(findings)) => findings
                .iter()
                .map(|f| {
                    json!({
                        "pointer": f.pointer,
                        "severity": match f.severity {
                            Severity::Error => "error",
                            Severity::Warning => "warning",
                            Severity::Info => "info",
                        },
                        "code": f.code,
                        "message": f.message,
                    })
                })
                .collect(),
            Ok(Answer::NotImplemented) => panic!("case {}: hook not implemented", self.name),
            Err(CallError::Refused { code, message }) => {
                json!({ "refused": { "code": code, "message": message } })
            }
            Err(e) => panic!(
                "case {}: the plugin failed: {e} ({})",
                self.name,
                e.message_de()
            ),
        }
    }

    /// The expected answer; with `QUARTIER_BLESS=1`, first written from `actual`.
    pub fn expected(&self, actual: &Value) -> Value {
        if std::env::var_os("QUARTIER_BLESS").is_some() {
            let text = serde_json::to_string_pretty(actual).unwrap() + "\n";
            std::fs::write(&self.expected, text).unwrap();
        }
        assert!(
            self.expected.exists(),
            "case {}: {} is missing (QUARTIER_BLESS=1 writes it from the actual answer)",
            self.name,
            self.expected.display()
        );
        read_json(&self.expected)
    }

    /// Checks the input and the answer against the plugin documents' schemas.
    pub fn check_schemas(&self, answer: &Value) {
        let what = |part: &str| format!("case {}: the {part}", self.name);
        match self.hook {
            Hook::AdaptTaskMatrix => {
                schemas::assert_valid("task-matrix", &self.input, &what("input"))
            }
            Hook::AdaptForm => schemas::assert_json_schema(&self.input, &what("input")),
            Hook::Route => schemas::assert_valid("route-request", &self.input, &what("input")),
            Hook::BuildReport => {
                schemas::assert_valid("report-dataset", &self.input, &what("input"))
            }
            Hook::Describe | Hook::Validate => {}
        }
        if let Some(refusal) = answer.get("refused") {
            assert_code(&refusal["code"], &self.name);
            return;
        }
        match self.hook {
            Hook::Describe => schemas::assert_valid("description", answer, &what("output")),
            Hook::AdaptTaskMatrix => schemas::assert_valid("task-matrix", answer, &what("output")),
            Hook::AdaptForm => schemas::assert_json_schema(answer, &what("output")),
            Hook::Route => schemas::assert_valid("route-decision", answer, &what("output")),
            Hook::BuildReport => schemas::assert_valid("report", answer, &what("output")),
            Hook::Validate => {
                for finding in answer.as_array().unwrap() {
                    assert_code(&finding["code"], &self.name);
                    assert!(
                        finding["message"].as_str().is_some_and(|m| !m.is_empty()),
                        "case {}: a finding without a message",
                        self.name
                    );
                }
            }
        }
    }
}

/// A stable code: lowercase words joined by `-`.
fn assert_code(code: &Value, case: &str) {
    let ok = code
        .as_str()
        .is_some_and(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-'));
    assert!(ok, "case {case}: {code} is not a stable code");
}

/// Runs every case of `plugin` (the component `component`) and compares each answer with its
/// expected file; reports every mismatch by case name. Returns the hooks the cases cover.
pub fn run_all(runtime: &Runtime, plugin: &Plugin, name: &str) -> BTreeSet<&'static str> {
    let mut failures = Vec::new();
    let mut hooks = BTreeSet::new();
    for case in load(name) {
        hooks.insert(case.hook.name());
        let actual = case.run(runtime, plugin);
        case.check_schemas(&actual);
        let expected = case.expected(&actual);
        if actual != expected {
            failures.push(format!(
                "case {name}/{}:\n  expected {expected}\n  actual   {actual}",
                case.name
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) differ from their expected answer (QUARTIER_BLESS=1 rewrites them):\n{}",
        failures.len(),
        failures.join("\n")
    );
    hooks
}

/// The case `name` of `plugin`.
pub fn find(plugin: &str, name: &str) -> Case {
    let dir = dir(plugin);
    let path = dir.join(format!("{name}.input.json"));
    case(&dir, name.to_owned(), &path)
}

/// Runs `case` with another input document.
pub fn run_with(case: &Case, input: Value, runtime: &Runtime, plugin: &Plugin) -> Value {
    let case = Case {
        name: case.name.clone(),
        hook: case.hook,
        context: case.context.clone(),
        form_kind: case.form_kind,
        input,
        expected: case.expected.clone(),
    };
    case.run(runtime, plugin)
}
