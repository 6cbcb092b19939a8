//! The frame of every signed-in page (`staff.html`): who is signed in, the sign-out button
//! (a form with the session's token) and the main navigation. The navigation lists only
//! pages that exist; later pages add their link here.

use super::session::{SIGN_OUT, START, SignedIn};
use super::texts::DE;
use crate::auth::Role;

/// The reports pages' path below a municipality's start page (`reports.rs`).
pub const REPORTS: &str = "berichte";
/// The concerns pages' path below a municipality's start page (`concern_inbox.rs`).
pub const CONCERNS: &str = "anliegen";
/// The funds' page below a municipality's start page (`fund_list.rs`).
pub const FUNDS: &str = "fonds";
/// The fund applications' pages below a municipality's start page (`application_list.rs`).
pub const APPLICATIONS: &str = "foerderantraege";
/// The bodies' pages below a municipality's start page, each with its meetings
/// (`meeting_bodies.rs`, `meeting_list.rs`).
pub const BODIES: &str = "gremien";
/// A meeting's pages below a municipality's start page (`meeting_page.rs`, `minutes.rs`).
pub const MEETINGS: &str = "sitzungen";
/// The self-evaluation page's path below a municipality's start page
/// (`self_evaluation_page.rs`).
pub const SELF_EVALUATIONS: &str = "selbstevaluation";
/// The task matrix's path below a municipality's start page (`task_matrix_page.rs`; its
/// log below it, `task_log_page.rs`).
pub const TASKS: &str = "aufgaben";
/// The persons pages' path below a municipality's start page (`person_list.rs`).
pub const PERSONS: &str = "personen";
/// The areas page's path below a municipality's start page (`area_list.rs`).
pub const AREAS: &str = "gebiete";
/// The organisations page's path below a municipality's start page (`organisation_list.rs`).
pub const ORGANISATIONS: &str = "organisationen";
/// The plugins page's path below a municipality's start page (`plugins_page.rs`).
pub const PLUGINS: &str = "plugins";
/// The audit log's path below a municipality's start page (`audit_page.rs`).
pub const AUDIT: &str = "protokoll";
/// The projects' pages' path below a municipality's start page (`project_list.rs`).
pub const PROJECTS: &str = "massnahmen";
/// The contracts' pages' path below a municipality's start page (`contract_pages.rs`).
pub const CONTRACTS: &str = "kontrakte";
/// The exchange page's path below a municipality's start page (`exchange_page.rs`).
pub const EXCHANGE: &str = "austausch";

/// `…/fonds` of municipality `slug`.
pub fn funds_path(slug: &str) -> String {
    format!("{START}/{slug}/{FUNDS}")
}

/// What `staff.html` shows around a page.
#[derive(Debug)]
pub struct Frame {
    pub user_name: String,
    pub role: &'static str,
    /// The session's form token, for the sign-out form.
    pub form_token: String,
    pub sign_out: &'static str,
    pub home: String,
    pub nav: Vec<NavLink>,
    /// The address of `staff.js`.
    pub script: String,
}

/// A link of the main navigation; `current` marks the page shown (`aria-current`).
#[derive(Debug)]
pub struct NavLink {
    pub href: String,
    pub text: &'static str,
    pub current: bool,
}

impl Frame {
    /// The frame of a page of municipality `slug` (none: a page above the municipalities,
    /// like the admin's choice of one); `current` is this page's address.
    pub fn new(signed_in: &SignedIn, slug: Option<&str>, current: &str) -> Frame {
        let t = &DE.staff;
        let mut links: Vec<(String, &'static str)> = Vec::new();
        if signed_in.user.role == Role::Admin {
            links.push((START.to_owned(), t.nav_municipalities));
        }
        if let Some(slug) = slug {
            links.push((format!("{START}/{slug}"), t.nav_overview));
            // Staff see every concern, member and jury users those forwarded to their
            // organisation (the API's rule decides what the page lists).
            if signed_in.user.role != Role::Centre {
                links.push((format!("{START}/{slug}/{CONCERNS}"), t.nav_concerns));
                // Everyone of the municipality reads its funds; staff see every application,
                // member and jury users those routed to their bodies.
                let f = &DE.funds;
                links.push((format!("{START}/{slug}/{FUNDS}"), f.nav_funds));
                links.push((format!("{START}/{slug}/{APPLICATIONS}"), f.nav_applications));
                links.push((format!("{START}/{slug}/{TASKS}"), DE.tasks.nav_tasks));
                // Staff see every project and contract, member and jury users those their
                // organisation takes part in (the API's rule decides what is listed).
                let p = &DE.projects;
                links.push((format!("{START}/{slug}/{PROJECTS}"), p.nav_projects));
                links.push((format!("{START}/{slug}/{CONTRACTS}"), p.nav_contracts));
                // Staff plan and record meetings; member and jury users read those of the
                // bodies they see.
                links.push((format!("{START}/{slug}/{BODIES}"), DE.meetings.nav));
            }
            if matches!(
                signed_in.user.role,
                Role::Admin | Role::Coordinator | Role::Qm
            ) {
                links.push((format!("{START}/{slug}/{}", REPORTS), t.nav_reports));
                links.push((
                    format!("{START}/{slug}/{SELF_EVALUATIONS}"),
                    t.nav_self_evaluations,
                ));
                links.push((format!("{START}/{slug}/{PERSONS}"), DE.network.nav_persons));
                links.push((
                    format!("{START}/{slug}/{ORGANISATIONS}"),
                    DE.network.nav_organisations,
                ));
                links.push((format!("{START}/{slug}/{AREAS}"), DE.network.nav_areas));
                links.push((format!("{START}/{slug}/{EXCHANGE}"), DE.exchange.nav));
            }
            if matches!(signed_in.user.role, Role::Admin | Role::Coordinator) {
                let c = &DE.coordination;
                links.push((format!("{START}/{slug}/{PLUGINS}"), c.nav_plugins));
                links.push((format!("{START}/{slug}/{AUDIT}"), c.nav_audit));
            }
            links.push((format!("/kommunen/{slug}"), t.nav_public));
        }
        Frame {
            user_name: signed_in.user.display_name.clone(),
            role: t.role(signed_in.user.role),
            form_token: signed_in.form_token.clone(),
            sign_out: SIGN_OUT,
            home: slug.map_or_else(|| START.to_owned(), |s| format!("{START}/{s}")),
            nav: links
                .into_iter()
                .map(|(href, text)| NavLink {
                    current: href == current,
                    href,
                    text,
                })
                .collect(),
            script: crate::assets::staff_script_url(),
        }
    }
}
