//! The start page of the signed-in pages: "what needs me now" in one municipality, by role.
//!
//! - Staff (qm, coordination, admin): fund applications waiting for a step, concerns without
//!   feedback to the resident (new, forwarded, answered), overdue proofs of use, the next
//!   meetings.
//! - Jury users: the applications routed to their bodies that wait for their advice or
//!   decision; member and jury users: the concerns forwarded to their organisation that wait
//!   for its answer; everyone: the next meetings of the bodies they see.
//!
//! Every list comes from the features' own functions with the person's `Scope`, so this page
//! shows exactly what the API would give them (`funds::worklist`, `concerns::visible_concerns`,
//! `network::visible_meetings`). Read-only; concerns, fund applications and meetings link to
//! their pages (`concern_page.rs`, `application_page.rs`, `meeting_page.rs`).
//!
//! `GET /arbeit` sends a person to their municipality's page; the host admin chooses one.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

use super::application_list::application_path;
use super::concern_inbox::{category_label, concern_path};
use super::format::{day_and_age, euros, meeting_time};
use super::frame::Frame;
use super::meeting_page::meeting_path;
use super::session::{START, SignedIn};
use super::texts::{DE, StaffTexts, Texts};
use super::{Layout, Municipality, PageError, html, page_error};
use crate::api::page::{MAX_LIMIT, PageParams};
use crate::auth::{Level, Role, Scope};
use crate::concerns::{self, Concern, ConcernFilter, ConcernState};
use crate::db::{Date, Timestamp};
use crate::forms::ReviewState;
use crate::funds::Application;
use crate::funds::kinds::ApplicationState;
use crate::funds::worklist::{self, Waiting};
use crate::network::{MeetingFilter, MeetingSummary, visible_meetings};
use crate::state::AppState;

/// Items a list shows before "… und N weitere".
const SHOWN: usize = 10;
/// Meetings shown: the next few, a week or two in most networks.
const MEETINGS_SHOWN: i64 = 5;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(START, get(start))
        .route(&format!("{START}/{{municipality}}"), get(page))
}

/// One list of the page: heading, what it says when empty, its items.
#[derive(Debug)]
struct Section {
    /// The fragment the overview links to.
    id: &'static str,
    heading: &'static str,
    empty: &'static str,
    items: Vec<Item>,
    /// How many there are in all (more than `items` when the list is cut).
    total: usize,
    more: Option<String>,
}

impl Section {
    fn new(id: &'static str, heading: &'static str, empty: &'static str) -> Section {
        Section {
            id,
            heading,
            empty,
            items: Vec::new(),
            total: 0,
            more: None,
        }
    }

    fn with(mut self, items: Vec<Item>, total: usize) -> Section {
        self.more = (total > items.len()).then(|| DE.staff.more(total - items.len()));
        self.items = items;
        self.total = total;
        self
    }
}

/// One thing that waits: a reference (if it has one), what it is, and facts about it.
#[derive(Debug)]
struct Item {
    reference: Option<String>,
    /// The item's own page, where it has one.
    href: Option<String>,
    title: String,
    facts: Vec<(&'static str, String)>,
    /// A warning shown with the item (a submission a person must check).
    flag: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "work.html")]
struct WorkPage {
    layout: Layout,
    t: &'static Texts,
    frame: Frame,
    municipality: Municipality,
    sections: Vec<Section>,
}

#[derive(Template)]
#[template(path = "work_choose.html")]
struct ChoosePage {
    layout: Layout,
    t: &'static Texts,
    frame: Frame,
    heading: &'static str,
    intro: &'static str,
    municipalities: Vec<Municipality>,
}

/// `GET /arbeit`: on to the person's municipality; the host admin chooses one, a role
/// without a municipality is told there is nothing here for it yet.
async fn start(State(state): State<AppState>, signed_in: SignedIn) -> Result<Response, PageError> {
    if let Some(id) = signed_in.user.municipality_id {
        let slug: String = sqlx::query_scalar("SELECT slug FROM municipalities WHERE id = $1")
            .bind(id)
            .fetch_one(&state.db.pool)
            .await?;
        return Ok(Redirect::to(&format!("{START}/{slug}")).into_response());
    }
    let t = &DE.staff;
    let (heading, intro, municipalities) = if signed_in.user.role == Role::Admin {
        let all: Vec<Municipality> =
            sqlx::query_as("SELECT id, slug, name FROM municipalities ORDER BY name, slug")
                .fetch_all(&state.db.pool)
                .await?;
        (t.choose_title, t.choose_intro, all)
    } else {
        (t.work_title, t.nothing_for_role, Vec::new())
    };
    let page = ChoosePage {
        layout: Layout::new(heading, Vec::new()),
        t: &DE,
        frame: Frame::new(&signed_in, None, START),
        heading,
        intro,
        municipalities,
    };
    Ok(html(StatusCode::OK, &page))
}

/// `GET /arbeit/{municipality}`: what waits for the signed-in person there.
async fn page(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let scope = signed_in.scope(&state, &slug).await?;
    let municipality = Municipality::by_slug(&state, &slug).await?;
    let t = &DE.staff;
    let staff = scope.is_staff();
    let now = Timestamp::now();
    let mut sections = Vec::new();
    if staff || signed_in.user.role == Role::Jury {
        let heading = if staff {
            t.applications_heading_staff
        } else {
            t.applications_heading_jury
        };
        let (waiting, total) = worklist::waiting(&state, &scope, SHOWN)
            .await
            .map_err(page_error)?;
        let items = waiting
            .iter()
            .map(|w| application_item(t, &slug, w, now))
            .collect();
        sections.push(Section::new("antraege", heading, t.no_applications).with(items, total));
    }
    if staff || matches!(scope.level, Level::Member { .. }) {
        let heading = if staff {
            t.concerns_heading_staff
        } else {
            t.concerns_heading_member
        };
        sections.push(concerns_section(&state, &scope, heading, now).await?);
    }
    if staff {
        let today = Date::today();
        let overdue = worklist::overdue_proofs(&state, &scope, today, SHOWN as i64)
            .await
            .map_err(page_error)?;
        let items = overdue
            .items
            .iter()
            .map(|a| proof_item(t, &slug, a, today))
            .collect();
        let total = usize::try_from(overdue.total).unwrap_or_default();
        sections.push(Section::new("nachweise", t.proofs_heading, t.no_proofs).with(items, total));
    }
    sections.push(meetings_section(&state, &scope, now).await?);

    let current = format!("{START}/{slug}");
    let page = WorkPage {
        layout: Layout::new(
            format!("{} – {}", t.work_title, municipality.name),
            Vec::new(),
        ),
        t: &DE,
        frame: Frame::new(&signed_in, Some(&slug), &current),
        municipality,
        sections,
    };
    Ok(html(StatusCode::OK, &page))
}

fn manual(review: ReviewState) -> Option<&'static str> {
    (review == ReviewState::ManuellePruefung).then_some(DE.staff.manual_review)
}

fn application_item(t: &StaffTexts, slug: &str, w: &Waiting, now: Timestamp) -> Item {
    let a = &w.application;
    let step = match w.next {
        ApplicationState::InPruefung => t.step_check,
        ApplicationState::Beraten => t.step_advise,
        _ => t.step_decide,
    };
    Item {
        reference: Some(a.reference.clone()),
        href: Some(application_path(slug, a.id)),
        title: a.title.clone(),
        facts: vec![
            (t.fact_fund, a.fund_name.clone()),
            (t.fact_amount, euros(a.requested_cents)),
            (t.fact_state, a.state.label_de().to_owned()),
            (t.fact_step, step.to_owned()),
            (t.fact_received, day_and_age(t, a.created_at, now)),
        ],
        flag: manual(a.review_state),
    }
}

fn proof_item(t: &StaffTexts, slug: &str, a: &Application, today: Date) -> Item {
    let mut facts = vec![(t.fact_fund, a.fund_name.clone())];
    if let Some(paid) = a.paid_cents {
        facts.push((t.fact_paid, euros(paid)));
    }
    if let Some(due) = a.proof_due_on {
        let days = (today.naive() - due.naive()).num_days();
        facts.push((
            t.fact_due,
            format!("{} ({})", due.naive().format("%d.%m.%Y"), t.days_ago(days)),
        ));
    }
    Item {
        reference: Some(a.reference.clone()),
        href: Some(application_path(slug, a.id)),
        title: a.title.clone(),
        facts,
        flag: None,
    }
}

/// The concerns waiting for this person, longest waiting first. Staff: every concern not yet
/// answered to the resident; member users: those forwarded to their organisation and not
/// answered. Looks at the newest [`MAX_LIMIT`] per state.
async fn concerns_section(
    state: &AppState,
    scope: &Scope,
    heading: &'static str,
    now: Timestamp,
) -> Result<Section, PageError> {
    let t = &DE.staff;
    let states: &[ConcernState] = if scope.is_staff() {
        &[
            ConcernState::Eingegangen,
            ConcernState::Weitergeleitet,
            ConcernState::RueckmeldungErhalten,
        ]
    } else {
        &[ConcernState::Weitergeleitet]
    };
    let mut waiting: Vec<Concern> = Vec::new();
    let mut total = 0;
    for wanted in states {
        let filter = ConcernFilter {
            page: PageParams {
                limit: Some(MAX_LIMIT),
                offset: None,
            },
            state: Some(*wanted),
            stage: None,
            order: None,
            category: None,
            department: None,
            review_state: None,
        };
        let page = concerns::visible_concerns(state, scope, filter)
            .await
            .map_err(page_error)?;
        total += usize::try_from(page.total).unwrap_or_default();
        waiting.extend(page.items);
    }
    waiting.sort_by_key(|c| (c.received_at, c.id));
    let categories = concerns::categories(state, scope.municipality_id, &scope.slug).await;
    let items = waiting
        .iter()
        .take(SHOWN)
        .map(|c| {
            let category = category_label(&categories, &c.category);
            let mut facts = vec![
                (t.fact_state, c.state.label_de().to_owned()),
                (t.fact_received, day_and_age(t, c.received_at, now)),
            ];
            if let Some(area) = &c.area {
                facts.push((t.fact_area, area.clone()));
            }
            if let Some(department) = &c.department {
                facts.push((t.fact_department, department.clone()));
            }
            Item {
                reference: Some(c.reference.clone()),
                href: Some(concern_path(&scope.slug, c.id)),
                title: category,
                facts,
                flag: manual(c.review_state),
            }
        })
        .collect();
    Ok(Section::new("anliegen", heading, t.no_concerns).with(items, total))
}

/// The next meetings of the bodies this person sees, from now on.
async fn meetings_section(
    state: &AppState,
    scope: &Scope,
    now: Timestamp,
) -> Result<Section, PageError> {
    let t = &DE.staff;
    let filter = MeetingFilter {
        page: PageParams {
            limit: Some(MEETINGS_SHOWN),
            offset: None,
        },
        body_id: None,
        state: None,
        from: Some(now.to_db()),
        to: None,
    };
    let page = visible_meetings(state, scope, filter)
        .await
        .map_err(page_error)?;
    let items = page
        .items
        .iter()
        .map(|m| meeting_item(&scope.slug, m))
        .collect();
    let total = usize::try_from(page.total).unwrap_or_default();
    Ok(Section::new("sitzungen", t.meetings_heading, t.no_meetings).with(items, total))
}

fn meeting_item(slug: &str, m: &MeetingSummary) -> Item {
    let t = &DE.staff;
    let when = meeting_time(&DE, m.starts_at.0, m.ends_at.map(|e| e.0));
    let mut facts = vec![
        (DE.col_when, when.to_string()),
        (DE.col_body, m.body_name.clone()),
    ];
    if let Some(location) = &m.location {
        facts.push((t.fact_location, location.clone()));
    }
    facts.push((t.fact_state, m.state.label_de().to_owned()));
    Item {
        reference: None,
        href: Some(meeting_path(slug, m.id)),
        title: m.title.clone(),
        facts,
        flag: None,
    }
}
