//! The network registry (docs/architecture.md, "Domain model"): municipalities, areas, organisations, persons,
//! bodies (*Gremien*), memberships, join requests and meetings with agenda and minutes.
//!
//! Each submodule owns its types, SQL and routes. This module holds what they share: the
//! visibility rule for bodies and checks that a referenced object lives in the same
//! municipality. It does not render pages (see `web`).

mod areas;
mod bodies;
mod join_requests;
mod meetings;
mod memberships;
mod municipalities;
mod organisations;
pub mod persons;

pub mod kinds;

use utoipa_axum::router::OpenApiRouter;

use crate::auth::{Level, Scope};
use crate::db::{Date, Flag, Sql};
use crate::state::AppState;

pub use areas::{Area, AreaFilter, AreaInput, create as create_area, list as list_areas};
pub use bodies::{
    Body, BodyFilter, BodySummary, Member, body, load_visible as load_visible_body, visible_bodies,
};
pub use join_requests::{
    DecisionInput, JoinRequest, JoinRequestFilter, decide as decide_join_request, join_requests,
    may_decide as may_decide_join_requests,
};
pub use meetings::{
    AGENDA_MAX, AgendaItem, AgendaItemInput, Attendance, AttendanceInput,
    COLUMNS as MEETING_COLUMNS, Meeting, MeetingFilter, MeetingInput, MeetingSummary,
    MeetingUpdate, VOTES_MAX, change_meeting, may_edit as may_edit_meetings, meeting, plan_meeting,
    set_agenda, set_attendance, visible_meetings,
};
pub use municipalities::{ApplicantContactRule, QmModel, create_municipality};
pub use organisations::{
    Organisation, OrganisationFilter, OrganisationInput, OrganisationSummary,
    create as create_organisation, list as list_organisations,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(municipalities::router())
        .merge(areas::router())
        .merge(organisations::router())
        .merge(persons::router())
        .merge(bodies::router())
        .merge(memberships::router())
        .merge(join_requests::router())
        .merge(meetings::router())
}

/// The SQL condition under which the caller sees the body aliased `alias`: staff see all of
/// their municipality, members also the bodies their organisation belongs to, everyone the
/// public ones. Membership counts while it has not ended.
pub fn visible_body(scope: &Scope, sql: &mut Sql, alias: &str) -> String {
    match scope.level {
        Level::Staff => "1 = 1".to_owned(),
        Level::Member {
            organisation_id: Some(org),
        } => {
            let org = sql.bind(org);
            let today = sql.bind(Date::today());
            let public = sql.bind(Flag(true));
            format!(
                "({alias}.public = {public} OR {alias}.id IN (SELECT body_id FROM memberships \
                 WHERE organisation_id = {org} AND (ends_on IS NULL OR ends_on >= {today})))"
            )
        }
        Level::Member {
            organisation_id: None,
        }
        | Level::Public => format!("{alias}.public = {}", sql.bind(Flag(true))),
    }
}
