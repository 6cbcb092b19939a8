//! The audit log: who changed what, and who read a person's personal data.
//!
//! Entries are written in the same transaction as the change they record, so a change
//! without its entry (or the reverse) cannot happen. Every entry goes through
//! [`NewEntry::write`]; features use [`record_change`] (a change in the scope's
//! municipality) and [`record_read`] (a read of personal data). Not here: reading the log
//! (`audit_api`).

use serde::Serialize;

use crate::auth::{Caller, Scope};
use crate::db::{Id, Timestamp};

crate::text_enum! {
    /// What happened to the object.
    pub enum Action {
        Create = ("create", "angelegt"),
        Update = ("update", "geändert"),
        Delete = ("delete", "gelöscht"),
        /// Personal data of a person was shown to the caller.
        ReadPersonal = ("read_personal", "personenbezogene Daten gelesen"),
        /// Personal data was erased (on request, or after the retention period).
        Erase = ("erase", "personenbezogene Daten gelöscht"),
        Approve = ("approve", "angenommen"),
        Refuse = ("refuse", "abgelehnt"),
        /// A plugin version became the municipality's active one.
        Activate = ("activate", "aktiviert"),
        /// The municipality went back to its previously active plugin version.
        RollBack = ("roll_back", "zurückgesetzt"),
        Deactivate = ("deactivate", "deaktiviert"),
        /// A person signed in through the browser (object: their user account).
        SignIn = ("sign_in", "angemeldet"),
        /// A person signed out through the browser (object: their user account).
        SignOut = ("sign_out", "abgemeldet"),
    }
}

crate::text_enum! {
    /// The kind of object an entry is about.
    pub enum ObjectKind {
        Area = ("area", "Gebiet"),
        Body = ("body", "Gremium"),
        Concern = ("concern", "Anliegen"),
        ConcernReporter = ("concern_reporter", "Kontaktdaten zu einem Anliegen"),
        Contract = ("contract", "Kontrakt"),
        ContractReview = ("contract_review", "Überprüfung eines Kontrakts"),
        Fund = ("fund", "Fonds"),
        FundApplication = ("fund_application", "Fondsantrag"),
        FundApplicant = ("fund_applicant", "Kontaktdaten zu einem Fondsantrag"),
        JoinRequest = ("join_request", "Beitrittsanfrage"),
        Meeting = ("meeting", "Sitzung"),
        MeetingAgenda = ("meeting_agenda", "Tagesordnung einer Sitzung"),
        MeetingAttendance = ("meeting_attendance", "Anwesenheit in einer Sitzung"),
        Membership = ("membership", "Mitgliedschaft"),
        Municipality = ("municipality", "Kommune"),
        Organisation = ("organisation", "Organisation"),
        Person = ("person", "Person"),
        PluginVersion = ("plugin_version", "Plugin-Version"),
        Project = ("project", "Maßnahme"),
        ProjectGoals = ("project_goals", "Ziele einer Maßnahme"),
        ProjectMeasurement = ("project_measurement", "Messwert einer Maßnahme"),
        ProjectState = ("project_state", "Stand einer Maßnahme"),
        /// A report published on the municipality's public page.
        ReportPublication = ("report_publication", "Veröffentlichter Bericht"),
        SelfEvaluation = ("self_evaluation", "Selbstevaluation"),
        /// An item released for the service centre's catalogue, or withdrawn from it.
        SharedItem = ("shared_item", "Geteilter Beitrag für die Servicestelle"),
        TaskLog = ("task_log", "Eintrag im Aufgabenprotokoll"),
        /// The actor assignments of the municipality's task matrix (object id: the
        /// municipality).
        TaskMatrixActors = ("task_matrix_actors", "Akteure der Aufgabenmatrix"),
        /// A user account (sign-in and sign-out).
        User = ("user", "Benutzerkonto"),
    }
}

/// Who an entry names: a signed-in user, or no account (the operator at the command line, a
/// scheduled job) with a label people read.
#[derive(Clone, Debug)]
pub struct Actor {
    pub id: Option<Id>,
    pub label: String,
}

impl From<&Caller> for Actor {
    fn from(caller: &Caller) -> Actor {
        Actor {
            id: caller.id(),
            label: caller.label(),
        }
    }
}

impl Actor {
    /// The operator running a `quartier …` command on the host.
    pub fn operator() -> Actor {
        let user = std::env::var("USER")
            .or_else(|_| std::env::var("LOGNAME"))
            .unwrap_or_else(|_| "unbekannt".to_owned());
        Actor {
            id: None,
            label: format!("Kommandozeile ({user})"),
        }
    }
}

/// One entry, before it is written.
#[derive(Debug)]
pub struct NewEntry {
    pub municipality_id: Option<Id>,
    pub actor: Actor,
    pub action: Action,
    pub object_kind: ObjectKind,
    pub object_id: Id,
    /// Why, in German, where the action alone does not say it.
    pub detail: Option<String>,
    /// When it happened; now, unless a job acts for a given time.
    pub at: Timestamp,
}

impl NewEntry {
    /// An entry about a host-wide object (no municipality) without detail.
    pub fn new(actor: impl Into<Actor>, action: Action, kind: ObjectKind, id: Id) -> NewEntry {
        NewEntry {
            municipality_id: None,
            actor: actor.into(),
            action,
            object_kind: kind,
            object_id: id,
            detail: None,
            at: Timestamp::now(),
        }
    }

    /// The same entry, in the log of this municipality.
    pub fn in_municipality(self, municipality_id: Id) -> NewEntry {
        NewEntry {
            municipality_id: Some(municipality_id),
            ..self
        }
    }

    /// Writes the entry. Pass a transaction to tie it to a change, or the pool for reads.
    pub async fn write<'e, E>(&self, executor: E) -> Result<(), sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        sqlx::query(
            "INSERT INTO audit_log (id, municipality_id, actor_id, actor, action, object_kind,
                                    object_id, at, detail)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(Id::new())
        .bind(self.municipality_id)
        .bind(self.actor.id)
        .bind(&self.actor.label)
        .bind(self.action.as_str())
        .bind(self.object_kind.as_str())
        .bind(self.object_id)
        .bind(self.at)
        .bind(self.detail.as_deref())
        .execute(executor)
        .await?;
        Ok(())
    }
}

/// Records a change to an object of the scope's municipality inside its transaction.
pub async fn record_change(
    conn: &mut sqlx::AnyConnection,
    scope: &Scope,
    action: Action,
    kind: ObjectKind,
    id: Id,
) -> Result<(), sqlx::Error> {
    NewEntry::new(&scope.caller, action, kind, id)
        .in_municipality(scope.municipality_id)
        .write(conn)
        .await
}

/// An object whose state changes are kept as its history, beside the audit log: the table
/// and its column naming the object. Funds keep a richer history of their own (amounts,
/// votes) in `funds::events`.
#[derive(Clone, Copy, Debug)]
pub enum History {
    Concern,
    Project,
}

impl History {
    fn insert(self) -> &'static str {
        match self {
            History::Concern => {
                "INSERT INTO concern_events (id, municipality_id, concern_id, from_state, \
                 to_state, actor_id, actor, note, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
            }
            History::Project => {
                "INSERT INTO project_events (id, municipality_id, project_id, from_state, \
                 to_state, actor_id, actor, note, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
            }
        }
    }
}

/// Records in the object's history that the caller moved it from state `from` (none: it
/// was created) to `to` (state keys), with an optional note, inside the change's transaction.
pub async fn record_state_change(
    conn: &mut sqlx::AnyConnection,
    scope: &Scope,
    history: History,
    object: Id,
    from: Option<&'static str>,
    to: &'static str,
    note: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(history.insert())
        .bind(Id::new())
        .bind(scope.municipality_id)
        .bind(object)
        .bind(from)
        .bind(to)
        .bind(scope.caller.id())
        .bind(scope.caller.label())
        .bind(note)
        .bind(Timestamp::now())
        .execute(conn)
        .await?;
    Ok(())
}

/// Records that the caller was shown the personal data of an object of the scope's
/// municipality (a read has no transaction of its own).
pub async fn record_read(
    db: &sqlx::AnyPool,
    scope: &Scope,
    kind: ObjectKind,
    id: Id,
) -> Result<(), sqlx::Error> {
    NewEntry::new(&scope.caller, Action::ReadPersonal, kind, id)
        .in_municipality(scope.municipality_id)
        .write(db)
        .await
}

/// One audit entry as the coordination sees it.
#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Entry {
    pub id: Id,
    pub actor: String,
    #[sqlx(try_from = "String")]
    pub action: Action,
    #[sqlx(try_from = "String")]
    pub object_kind: ObjectKind,
    pub object_id: String,
    /// Why, in German, where the action alone does not say it.
    pub detail: Option<String>,
    pub at: Timestamp,
}
