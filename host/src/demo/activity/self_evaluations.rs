//! One self-evaluation of the whole municipality for each complete year, recorded in its
//! last weeks: the same criteria every year (so the years compare), rated from the seed,
//! valid against the base form (`schemas/forms/self-evaluation.schema.json`).

use chrono::Duration;
use serde_json::{Value, json};

use super::calendar::Year;
use super::rng::Dice;
use crate::db::{Id, Timestamp, Tx};
use crate::forms::ReviewState;

/// (key, criterion, comment when it went well, comment when it did not).
const CRITERIA: [(&str, &str, &str, &str); 5] = [
    (
        "erreichbarkeit",
        "Das Stadtteilbüro ist für Bewohnerinnen und Bewohner gut erreichbar.",
        "Offene Sprechstunde dreimal pro Woche, gut besucht.",
        "Abends und für Berufstätige kaum erreichbar.",
    ),
    (
        "rueckmeldung",
        "Anliegen werden innerhalb von vier Wochen zurückgemeldet.",
        "Die Fachbereiche antworten meist in der vereinbarten Frist.",
        "Bei Anliegen zum Verkehr dauert die Rückmeldung der Fachämter zu lange.",
    ),
    (
        "vernetzung",
        "Die Einrichtungen im Quartier arbeiten in der Stadtteilkonferenz zusammen.",
        "Schulen, Kitas und Vereine sind regelmäßig vertreten.",
        "Die Migrantenorganisationen fehlen noch in der Stadtteilkonferenz.",
    ),
    (
        "beteiligung",
        "Bewohnerinnen und Bewohner entscheiden über den Stadtteilfonds mit.",
        "Die Jury ist besetzt und tagt verlässlich.",
        "Nur wenige Anträge kommen von Bewohnerinnen und Bewohnern selbst.",
    ),
    (
        "ziele",
        "Die Ziele der Maßnahmen sind messbar und werden überprüft.",
        "Die Zielwerte werden halbjährlich erhoben.",
        "Für mehrere Maßnahmen fehlen Zielwerte.",
    ),
];

/// Writes the self-evaluations of the complete years up to `report_year`; returns how many.
pub async fn seed(
    tx: &mut Tx,
    municipality: Id,
    years: &[Year],
    report_year: i32,
    streams: u64,
) -> anyhow::Result<usize> {
    let mut written = 0;
    for year in years.iter().filter(|y| y.year <= report_year) {
        let mut dice = Dice::new(streams, &format!("selbstevaluation-{}", year.year));
        let answers = answers(year.year, &mut dice);
        let recorded = Timestamp(year.until - Duration::days(dice.range(5..=30)));
        sqlx::query(
            "INSERT INTO self_evaluations (id, municipality_id, area_id, year, answers,
                    review_state, review_reason, warnings, submitted_by, version, created_at,
                    updated_at)
             VALUES ($1, $2, NULL, $3, $4, $5, NULL, '[]', NULL, 1, $6, $6)",
        )
        .bind(dice.id(recorded.0))
        .bind(municipality)
        .bind(i64::from(year.year))
        .bind(answers.to_string())
        .bind(ReviewState::Geprueft.as_str())
        .bind(recorded)
        .execute(&mut **tx)
        .await?;
        written += 1;
    }
    Ok(written)
}

fn answers(year: i32, dice: &mut Dice) -> Value {
    let items: Vec<Value> = CRITERIA
        .iter()
        .map(|(key, criterion, good, poor)| {
            let rating = dice.range(2..=5);
            json!({
                "key": key,
                "criterion": criterion,
                "rating": rating,
                "comment": if rating >= 4 { good } else { poor },
            })
        })
        .collect();
    json!({
        "year": year,
        "participants": "Stadtteilkonferenzen, Träger der Stadtteilbüros, Bewohnerinnen und \
                         Bewohner, Fachbereiche der Verwaltung",
        "items": items,
        "summary": "Die Arbeit in den Quartieren ist gut verankert; die Rückmeldung auf \
                    Anliegen soll schneller werden.",
        "strengths": "Starke Stadtteilkonferenzen, verlässliche Kooperation mit Kitas und Schulen.",
        "next_steps": "Abendsprechstunde einmal im Monat; mit den Fachbereichen feste \
                       Rückmeldefristen vereinbaren.",
    })
}
