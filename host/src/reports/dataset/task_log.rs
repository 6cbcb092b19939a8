//! The task log of the years the period touches, per task and column, with the actor the
//! task matrix gives that cell. The log is kept per year and per municipality (it has no
//! dates finer than the year and no area).

use std::collections::HashMap;

use quartier_documents::dataset::TaskLogCount;
use serde_json::Value;
use sqlx::AnyConnection;

use super::count;
use super::frame::Frame;
use crate::db::Sql;
use crate::error::Result;

pub async fn load(
    conn: &mut AnyConnection,
    frame: &Frame,
    matrix: &Value,
) -> Result<Vec<TaskLogCount>> {
    let (first, last) = frame.years();
    let mut sql = Sql::new("");
    let m = sql.bind(frame.municipality());
    let (first, last) = (sql.bind(first), sql.bind(last));
    sql.push(&format!(
        "SELECT task_key, column_key, COUNT(*) FROM task_log
         WHERE municipality_id = {m} AND year >= {first} AND year <= {last}
         GROUP BY task_key, column_key"
    ));
    let rows: Vec<(String, Option<String>, i64)> = sql.query_as().fetch_all(&mut *conn).await?;
    let actors = actors(matrix);
    let mut counts: Vec<TaskLogCount> = rows
        .into_iter()
        .map(|(task_key, column_key, n)| TaskLogCount {
            actor: column_key
                .as_ref()
                .and_then(|column| actors.get(&(task_key.as_str(), column.as_str())))
                .map(|actor| (*actor).to_owned()),
            task_key,
            column_key,
            entries: count(n),
        })
        .collect();
    // In Rust, not SQL: the backends put NULL columns at different ends.
    counts.sort_by(|a, b| (&a.task_key, &a.column_key).cmp(&(&b.task_key, &b.column_key)));
    Ok(counts)
}

/// The actor key of each cell (task key, column key) of a matrix
/// (`schemas/plugin/task-matrix.schema.json`).
fn actors(matrix: &Value) -> HashMap<(&str, &str), &str> {
    let tasks = matrix["groups"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|group| group["tasks"].as_array().into_iter().flatten());
    let mut actors = HashMap::new();
    for task in tasks {
        let (Some(key), Some(cells)) = (task["key"].as_str(), task["cells"].as_object()) else {
            continue;
        };
        for (column, cell) in cells {
            if let Some(actor) = cell["actor"].as_str() {
                actors.insert((key, column.as_str()), actor);
            }
        }
    }
    actors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_matrix_gives_each_cell_its_actor() {
        let base = crate::task_matrix::base(Some("kommune")).unwrap();
        let actors = actors(&base);
        assert_eq!(
            actors.get(&("management_koordination", "steuerung")),
            Some(&"kommune")
        );
        assert_eq!(
            actors.get(&("management_koordination", "gemeinwesenarbeit")),
            Some(&"traeger_stadtteilbuero")
        );
        assert_eq!(actors.get(&("management_koordination", "planung")), None);
    }
}
