//! Writing the planned meetings with their agenda, attendance and minutes.

use super::{Item, Meeting, Meetings};
use crate::db::{Id, Timestamp, Tx};
use crate::demo::activity::batch::Batch;
use crate::demo::activity::meeting_texts as texts;
use crate::demo::activity::rng::derived_id;
use crate::network::kinds::AttendanceStatus;

impl Meetings {
    /// Writes the meetings with agenda, attendance and minutes.
    pub async fn write(&self, tx: &mut Tx, municipality: Id) -> anyhow::Result<()> {
        let mut meetings = Batch::new(
            "meetings",
            &[
                "id",
                "municipality_id",
                "body_id",
                "title",
                "starts_at",
                "ends_at",
                "location",
                "state",
                "minutes",
                "minutes_approved",
                "version",
                "created_at",
                "updated_at",
            ],
        );
        let mut items = Batch::new(
            "agenda_items",
            &[
                "id",
                "meeting_id",
                "position",
                "number",
                "title",
                "public",
                "result",
                "resolution",
                "votes_yes",
                "votes_no",
                "votes_abstain",
            ],
        );
        let mut attendance = Batch::new(
            "attendance",
            &[
                "meeting_id",
                "position",
                "person_id",
                "organisation_id",
                "status",
            ],
        );
        for m in &self.list {
            let agenda: Vec<&Item> = m
                .opening
                .iter()
                .chain(&m.topics)
                .chain(&m.motions)
                .chain(&m.closing)
                .collect();
            let minutes = m.held().then(|| minutes(m, &agenda));
            let (created, updated) = (m.created, m.updated);
            meetings
                .row()
                .id(m.id)
                .id(municipality)
                .id(m.body)
                .text(m.title.as_str())
                .at(Timestamp(m.start))
                .at(Timestamp(m.end))
                .text(m.location.as_str())
                .text(m.state.as_str())
                .opt_text(minutes)
                .flag(m.minutes_approved && m.held())
                .int(1)
                .at(Timestamp(created))
                .at(Timestamp(updated));
            for (position, item) in (0_i64..).zip(&agenda) {
                let id = derived_id(m.id, created, position.unsigned_abs());
                let [yes, no, abstain] = item.votes.map_or([None; 3], |v| v.map(Some));
                items
                    .row()
                    .id(id)
                    .id(m.id)
                    .int(position)
                    .text((position + 1).to_string())
                    .text(item.title.as_str())
                    .flag(item.public)
                    .opt_text(item.result.as_deref())
                    .opt_text(item.resolution.as_deref())
                    .opt_int(yes)
                    .opt_int(no)
                    .opt_int(abstain);
            }
            for (position, (person, organisation, status)) in (0_i64..).zip(&m.attendance) {
                attendance
                    .row()
                    .id(m.id)
                    .int(position)
                    .opt_id(*person)
                    .opt_id(*organisation)
                    .text(status.as_str());
            }
        }
        meetings.write(tx).await?;
        items.write(tx).await?;
        attendance.write(tx).await?;
        Ok(())
    }
}

/// The minutes of a held meeting: who came, then a paragraph per item.
fn minutes(m: &Meeting, agenda: &[&Item]) -> String {
    let count = |s: AttendanceStatus| m.attendance.iter().filter(|a| a.2 == s).count();
    let mut paragraphs = vec![texts::opening_paragraph(
        count(AttendanceStatus::Anwesend),
        count(AttendanceStatus::Entschuldigt),
    )];
    for (number, item) in (1..).zip(agenda).skip(1) {
        let Some(result) = item.result.as_deref() else {
            continue;
        };
        paragraphs.push(texts::item_paragraph(
            &number.to_string(),
            &item.title,
            result,
            item.resolution.as_deref(),
            item.votes,
            item.public,
        ));
    }
    paragraphs.join("\n\n")
}
