//! The centre's joint calendar (`GET /servicestelle/kalender`, centre mode only): the
//! sites' public meetings as read from their OParl (`federation::centre::calendar`), from
//! today on, and when each site was last read; above them the centre's own exchange
//! meetings (`federation::centre::calendar::exchange`). Public, like the OParl it comes from.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{TimeDelta, Utc};

use super::format::{MeetingTime, day_and_clock, meeting_time};
use super::texts::{CalendarTexts, DE, Texts};
use super::{Layout, PageError, home_link, html};
use crate::db::Timestamp;
use crate::federation::centre::calendar::exchange::{self, ExchangeMeeting};
use crate::federation::centre::calendar::store::{self, CalendarState, Source};
use crate::network::kinds::MeetingState;
use crate::state::AppState;

/// Where the page is.
pub const PATH: &str = "/servicestelle/kalender";

/// The most meetings on the page.
const SHOWN: i64 = 500;

#[derive(Template)]
#[template(path = "joint_calendar.html")]
struct CalendarPage {
    layout: Layout,
    t: &'static Texts,
    c: &'static CalendarTexts,
    meetings: Vec<Row>,
    /// The centre's own exchange meetings.
    exchange: Vec<Row>,
    truncated: Option<String>,
    sources: Vec<String>,
}

struct Row {
    datetime: String,
    when: MeetingTime,
    municipality: String,
    body: Option<String>,
    name: String,
    place: Option<String>,
    web: Option<String>,
    cancelled: bool,
}

/// `/servicestelle/kalender`
pub async fn page(State(state): State<AppState>) -> Result<Response, PageError> {
    let c = DE.calendar;
    // Meetings of today that have begun stay on the page until the day is over.
    let from = Timestamp(Utc::now() - TimeDelta::hours(12));
    let entries = store::upcoming(&state.db, from, SHOWN).await?;
    let full = i64::try_from(entries.len()).is_ok_and(|n| n >= SHOWN);
    let truncated = full.then(|| c.truncated.replace("{}", &SHOWN.to_string()));
    let meetings = entries
        .into_iter()
        .map(|e| Row {
            datetime: e.starts_at.to_db(),
            when: meeting_time(&DE, e.starts_at.0, e.ends_at.map(|t| t.0)),
            municipality: e.municipality,
            body: e.body,
            name: e.name,
            place: e.location,
            web: e.web,
            cancelled: e.state == CalendarState::Cancelled,
        })
        .collect();
    let exchange = exchange::upcoming(&state.db, from, SHOWN)
        .await?
        .into_iter()
        .map(exchange_row)
        .collect();
    let sources = store::sources(&state.db)
        .await?
        .iter()
        .map(source_line)
        .collect();
    let page = CalendarPage {
        layout: Layout::new(c.title, vec![home_link()]),
        t: &DE,
        c,
        meetings,
        exchange,
        truncated,
        sources,
    };
    Ok(html(StatusCode::OK, &page))
}

/// An exchange meeting, linked to its body's public page at the centre.
fn exchange_row(m: ExchangeMeeting) -> Row {
    Row {
        datetime: m.starts_at.to_db(),
        when: meeting_time(&DE, m.starts_at.0, m.ends_at.map(|t| t.0)),
        web: Some(format!("/kommunen/{}/gremien/{}", m.slug, m.body_id.0)),
        municipality: m.slug,
        body: Some(m.body),
        name: m.title,
        place: m.location,
        cancelled: m.state == MeetingState::Abgesagt,
    }
}

/// "aachen: gelesen am 05.12.2026, 10:15 Uhr", with the failure when the last read failed.
fn source_line(source: &Source) -> String {
    let c = DE.calendar;
    let read = source.refreshed_at.map_or_else(
        || c.never_read.to_owned(),
        |at| c.read_at.replace("{}", &day_and_clock(&DE, at)),
    );
    match &source.last_error {
        Some(error) => format!("{}: {read}; {} ({error})", source.site, c.read_failed),
        None => format!("{}: {read}", source.site),
    }
}
