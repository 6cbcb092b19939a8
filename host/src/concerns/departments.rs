//! The places a concern can be forwarded to, for the forwarding form: the organisations
//! working in the municipality and the departments it named before. Departments are no
//! entity (docs/architecture.md §2): a department is the name the plugin proposes or a
//! person types, linked to an organisation of that name when there is one. Not here:
//! whether a forwarding is allowed (`transitions`).

use serde::Serialize;

use crate::auth::Scope;
use crate::db::Id;
use crate::error::Result;
use crate::state::AppState;

/// A select lists this many at most; a municipality's network has a few hundred
/// organisations, and a longer list is typed into the free field instead.
const MAX_DEPARTMENTS: i64 = 500;

/// A place to forward a concern to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Department {
    pub name: String,
    /// The organisation of that name, when the department is one.
    pub organisation_id: Option<Id>,
}

/// Organisations working in the municipality (areas of activity, memberships of its bodies,
/// its member and jury users, those it created), then the departments without an
/// organisation its concerns were forwarded to. Staff only (the forwarding is theirs).
pub async fn departments(state: &AppState, scope: &Scope) -> Result<Vec<Department>> {
    scope.require_staff()?;
    let organisations: Vec<(Id, String)> = sqlx::query_as(
        "SELECT o.id, o.name FROM organisations o
         WHERE o.created_by_municipality_id = $1
            OR EXISTS (SELECT 1 FROM organisation_areas oa JOIN areas a ON a.id = oa.area_id
                       WHERE oa.organisation_id = o.id AND a.municipality_id = $1)
            OR EXISTS (SELECT 1 FROM memberships m
                       WHERE m.organisation_id = o.id AND m.municipality_id = $1)
            OR EXISTS (SELECT 1 FROM users u
                       WHERE u.organisation_id = o.id AND u.municipality_id = $1)
         ORDER BY o.name, o.id LIMIT $2",
    )
    .bind(scope.municipality_id)
    .bind(MAX_DEPARTMENTS)
    .fetch_all(&state.db.pool)
    .await?;
    let named: Vec<(String,)> = sqlx::query_as(
        "SELECT DISTINCT department FROM concerns
         WHERE municipality_id = $1 AND department IS NOT NULL
           AND department_organisation_id IS NULL
         ORDER BY department LIMIT $2",
    )
    .bind(scope.municipality_id)
    .bind(MAX_DEPARTMENTS)
    .fetch_all(&state.db.pool)
    .await?;
    let mut all: Vec<Department> = organisations
        .into_iter()
        .map(|(id, name)| Department {
            name,
            organisation_id: Some(id),
        })
        .collect();
    for (name,) in named {
        if !all.iter().any(|d| d.name == name) {
            all.push(Department {
                name,
                organisation_id: None,
            });
        }
    }
    Ok(all)
}
