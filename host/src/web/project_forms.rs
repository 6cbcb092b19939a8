//! The forms on a project's page, one per step the person may take: staff change the state
//! (the steps [`ProjectState::may_become`] allows) and add to the goals — a target under a
//! Handlungsziel, or a Handlungsziel under a new or an existing Leitziel; everyone who sees
//! the project (staff, users of its lead and partner organisations) records a measurement.
//! Editing or removing existing goals is left to the API's `PUT …/goals` (its whole-tree
//! editor would not fit one page without script). Where the forms post: `project_steps.rs`.

use super::page_form::{Attempt, Choice, Field, Group, PageForm};
use super::project_list::project_path;
use super::texts::DE;
use crate::auth::Scope;
use crate::db::{Date, Id};
use crate::projects::{
    HandlungszielInput, Leitziel, LeitzielInput, Project, ProjectState, TargetInput,
};

/// The forms' ids, also the last part of the address they post to.
pub(super) const STATE: &str = "stand";
pub(super) const MEASURE: &str = "messwert";
pub(super) const TARGET: &str = "indikator";
pub(super) const GOAL: &str = "handlungsziel";
/// The goal form's choice of a new Leitziel.
pub(super) const NEW: &str = "neu";

/// What the page says after the form `id` was sent.
pub(super) fn notice(id: &str) -> Option<&'static str> {
    let t = &DE.projects;
    match id {
        STATE => Some(t.state_notice),
        MEASURE => Some(t.measure_notice),
        TARGET => Some(t.target_notice),
        GOAL => Some(t.goal_notice),
        _ => None,
    }
}

/// The forms the person may use on `project`, refilled from a refused `attempt`; `measure`
/// preselects the target of the measurement form.
pub(super) fn forms(
    scope: &Scope,
    project: &Project,
    attempt: Option<&Attempt>,
    measure: Option<Id>,
) -> Vec<PageForm> {
    let slug = &scope.slug;
    let mut forms = Vec::new();
    if let Some(form) = measurement(slug, project, measure) {
        forms.push(form);
    }
    if scope.is_staff() {
        forms.extend(state(slug, project));
        forms.extend(target(slug, project));
        forms.push(goal(slug, project));
    }
    for form in &mut forms {
        form.refill(attempt);
    }
    forms
}

/// An empty form `id` of `project`, posting to `…/massnahmen/{id}/{form}` with the
/// project's version.
fn form(slug: &str, project: &Project, id: &'static str, heading: &'static str) -> PageForm {
    PageForm {
        id,
        heading,
        hint: None,
        action: format!("{}/{id}", project_path(slug, project.project.id)),
        version: Some(project.project.version),
        groups: Vec::new(),
        button: "",
    }
}

fn choose() -> Choice {
    Choice::new("", DE.choose)
}

/// "Leitziel › Handlungsziel › Indikator (Einheit)"-style labels of every target.
fn targets(goals: &[Leitziel]) -> Vec<Choice> {
    goals
        .iter()
        .flat_map(|l| &l.handlungsziele)
        .flat_map(|h| {
            h.targets.iter().map(move |t| {
                Choice::new(
                    t.id.to_string(),
                    format!("{} › {} ({})", h.title, t.indicator, t.unit),
                )
            })
        })
        .collect()
}

fn measurement(slug: &str, project: &Project, measure: Option<Id>) -> Option<PageForm> {
    let t = &DE.projects;
    let choices = targets(&project.goals);
    if choices.is_empty() {
        return None;
    }
    let preselected = match (measure, choices.as_slice()) {
        (Some(id), _) => id.to_string(),
        (None, [only]) => only.value.clone(),
        _ => String::new(),
    };
    let mut f = form(slug, project, MEASURE, t.measure_heading);
    f.hint = Some(t.measure_hint);
    f.version = None;
    f.button = t.measure_button;
    let mut all = vec![choose()];
    all.extend(choices);
    f.groups.push(Group {
        legend: None,
        fields: vec![
            Field::new(MEASURE, "target_id", t.measure_target)
                .choices(all)
                .value(preselected)
                .required(),
            Field::new(MEASURE, "measured_on", t.measure_on)
                .kind("date")
                .hint(t.date_hint)
                .value(Date::today().to_string())
                .required(),
            Field::new(MEASURE, "actual_value", t.measure_value)
                .kind("number")
                .hint(t.number_hint)
                .required(),
            Field::new(MEASURE, "note", t.measure_note).kind("text"),
        ],
    });
    Some(f)
}

fn state(slug: &str, project: &Project) -> Option<PageForm> {
    let t = &DE.projects;
    let from = project.project.state;
    let next: Vec<Choice> = ProjectState::ALL
        .iter()
        .filter(|s| from.may_become(**s))
        .map(|s| Choice::new(s.as_str(), s.label_de()))
        .collect();
    let first = next.first()?.value.clone();
    let mut f = form(slug, project, STATE, t.state_heading);
    f.button = t.state_button;
    f.groups.push(Group {
        legend: None,
        fields: vec![
            Field::new(STATE, "to", t.state_to)
                .choices(next)
                .value(first)
                .required(),
            Field::new(STATE, "reason", t.state_reason)
                .kind("text")
                .hint(t.state_reason_hint),
        ],
    });
    Some(f)
}

fn target(slug: &str, project: &Project) -> Option<PageForm> {
    let t = &DE.projects;
    let goals: Vec<Choice> = project
        .goals
        .iter()
        .flat_map(|l| {
            l.handlungsziele
                .iter()
                .map(move |h| Choice::new(h.id.to_string(), format!("{} › {}", l.title, h.title)))
        })
        .collect();
    let only = match goals.as_slice() {
        [] => return None,
        [only] => only.value.clone(),
        _ => String::new(),
    };
    let mut all = vec![choose()];
    all.extend(goals);
    let mut f = form(slug, project, TARGET, t.target_heading);
    f.hint = Some(t.target_hint);
    f.button = t.target_button;
    f.groups.push(Group {
        legend: None,
        fields: vec![
            Field::new(TARGET, "goal", t.target_goal)
                .choices(all)
                .value(only)
                .required(),
            Field::new(TARGET, "indicator", t.target_indicator)
                .hint(t.target_indicator_hint)
                .required(),
            Field::new(TARGET, "unit", t.target_unit)
                .hint(t.target_unit_hint)
                .required(),
            Field::new(TARGET, "baseline", t.target_baseline)
                .kind("number")
                .hint(t.number_hint),
            Field::new(TARGET, "target_value", t.target_value)
                .kind("number")
                .hint(t.number_hint)
                .required(),
            Field::new(TARGET, "deadline", t.target_deadline)
                .kind("date")
                .hint(t.date_hint)
                .required(),
        ],
    });
    Some(f)
}

fn goal(slug: &str, project: &Project) -> PageForm {
    let t = &DE.projects;
    let mut choices = vec![Choice::new(NEW, t.goal_new_choice)];
    choices.extend(
        project
            .goals
            .iter()
            .map(|l| Choice::new(l.id.to_string(), l.title.clone())),
    );
    let preselected = project
        .goals
        .first()
        .map_or_else(|| NEW.to_owned(), |l| l.id.to_string());
    let mut f = form(slug, project, GOAL, t.goal_heading);
    f.hint = Some(t.goal_hint);
    f.button = t.goal_button;
    f.groups.push(Group {
        legend: None,
        fields: vec![
            Field::new(GOAL, "leitziel", t.goal_leitziel)
                .choices(choices)
                .value(preselected)
                .required(),
            Field::new(GOAL, "new_leitziel", t.goal_new_leitziel).hint(t.goal_new_leitziel_hint),
            Field::new(GOAL, "title", t.goal_title).required(),
        ],
    });
    f
}

/// The goal hierarchy as the API takes it back: every entry as it is, targets by their ids
/// (so their measurements stay with them).
pub(super) fn as_input(goals: &[Leitziel]) -> Vec<LeitzielInput> {
    goals
        .iter()
        .map(|l| LeitzielInput {
            title: l.title.clone(),
            description: l.description.clone(),
            handlungsziele: l
                .handlungsziele
                .iter()
                .map(|h| HandlungszielInput {
                    title: h.title.clone(),
                    description: h.description.clone(),
                    targets: h
                        .targets
                        .iter()
                        .map(|t| TargetInput {
                            id: Some(t.id),
                            indicator: t.indicator.clone(),
                            unit: t.unit.clone(),
                            baseline: t.baseline,
                            target_value: t.target_value,
                            deadline: t.deadline,
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect()
}
