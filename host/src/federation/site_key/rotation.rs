//! A rotation's key files at the site (`quartier federation rotate-key`; the centre's side
//! is `federation::centre::rotation`). Beside the current `site-key-<created>.pem`:
//!
//! - `pending-key-<created>.pem`: the next key, announced to the centre but not confirmed.
//!   The site still signs with its current key. A rerun takes this key again, so an
//!   announcement or an answer lost on the way never leads to a third key.
//! - `retired-key-<created>-until-<end>.pem`: the former key once the centre confirmed the
//!   next one, kept until `<end>`, the end of the centre's overlap period, so that a rerun
//!   can have the centre confirm the rotation again; the site signs with the new key only.
//!   Removed by the first use of the site key after `<end>` ([`tidy`], called by
//!   [`SiteKey::load_or_create`] and by `rotate-key`).
//!
//! Confirming ([`Rotation::confirm`]) takes three steps, each of which a crash may interrupt
//! and a rerun finishes: link the current file to its retired name (the same file, still
//! 0600), rename the pending file to a current name newer than the former one, remove the
//! former current name ([`tidy`] removes it too if a crash came first).

use chrono::{DateTime, NaiveDateTime, Utc};

use super::*;

/// How a pending key's file name starts.
const PENDING: &str = "pending-key-";
/// How a retired key's file name starts; `UNTIL` separates its two instants.
const RETIRED: &str = "retired-key-";
const UNTIL: &str = "-until-";

/// A rotation under way: `next` is announced under `current`'s signature.
#[derive(Debug)]
pub struct Rotation {
    pub current: SiteKey,
    pub next: SiteKey,
    /// Whether `next` was made by this run (else an earlier run made it).
    pub created: bool,
}

/// What `rotate-key` does.
#[derive(Debug)]
pub enum Plan {
    /// Announce a next key: a new one, or the pending one of an earlier run.
    Announce(Rotation),
    /// A rotation finished before: its retired key, kept until `until`, can have the centre
    /// confirm the current key once more.
    Confirm {
        retired: SiteKey,
        current: SiteKey,
        until: DateTime<Utc>,
    },
}

/// The rotation to carry out in `data_dir` as of `now`: the pending key if there is one;
/// else, unless `again`, the confirmation of a rotation still within its overlap; else a
/// new pending key.
pub fn plan(data_dir: &Path, again: bool, now: DateTime<Utc>) -> Result<Plan, SiteKeyError> {
    let dir = data_dir.join(KEY_DIR);
    tidy(&dir, now)?;
    let current = SiteKey::load(&dir)?.ok_or_else(|| SiteKeyError::Missing { dir: dir.clone() })?;
    if let Some(name) = newest(&dir, PENDING)? {
        let next = SiteKey::read(&dir.join(name))?;
        return Ok(Plan::Announce(Rotation {
            current,
            next,
            created: false,
        }));
    }
    // After `tidy`, only retired keys still within their overlap are left.
    if !again && let Some(former) = retired(&dir)?.pop() {
        return Ok(Plan::Confirm {
            retired: SiteKey::read(&dir.join(&former.name))?,
            current,
            until: former.until,
        });
    }
    let created = next_stamp(&current, now);
    let next = SiteKey::generate(dir.join(format!("{PENDING}{created}.pem")))?;
    Ok(Plan::Announce(Rotation {
        current,
        next,
        created: true,
    }))
}

impl Rotation {
    /// The centre took `next`: it becomes the current key, and the former one is kept,
    /// retired, until `until` (removed at once if that has passed).
    pub fn confirm(
        self,
        until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<SiteKey, SiteKeyError> {
        let Rotation { current, next, .. } = self;
        let dir = current
            .path
            .parent()
            .map(Path::to_owned)
            .unwrap_or_default();
        let former = created(&current.path, CURRENT).unwrap_or_default();
        let retired_prefix = format!("{RETIRED}{former}{UNTIL}");
        if names(&dir, &retired_prefix)?.is_empty() {
            let retired = dir.join(format!("{retired_prefix}{}.pem", stamp(until)));
            std::fs::hard_link(&current.path, &retired).map_err(SiteKeyError::io(&retired))?;
        }
        let next_created = created(&next.path, PENDING).unwrap_or_default();
        let promoted = dir.join(format!("{CURRENT}{next_created}.pem"));
        std::fs::rename(&next.path, &promoted).map_err(SiteKeyError::io(&promoted))?;
        remove(&current.path)?;
        sync_dir(&dir)?;
        tidy(&dir, now)?;
        Ok(SiteKey {
            signing: next.signing,
            path: promoted,
        })
    }
}

/// Finishes what a crash interrupted and removes what is due: a former current file whose
/// retired twin exists (unless it is still the newest, i.e. the rotation was not confirmed
/// on disk yet), and every retired key whose overlap ended by `now`.
pub fn tidy(dir: &Path, now: DateTime<Utc>) -> Result<(), SiteKeyError> {
    let current = newest(dir, CURRENT)?;
    for retired in retired(dir)? {
        let twin = format!("{CURRENT}{}.pem", retired.created);
        if current.as_deref() != Some(twin.as_str()) {
            remove(&dir.join(twin))?;
        }
        if retired.until <= now {
            remove(&dir.join(&retired.name))?;
        }
    }
    Ok(())
}

/// A retired key's file.
#[derive(Debug)]
struct Retired {
    name: String,
    created: String,
    until: DateTime<Utc>,
}

/// The retired keys in `dir`, the oldest first; files whose name does not parse are left
/// alone (they are not ours).
fn retired(dir: &Path) -> Result<Vec<Retired>, SiteKeyError> {
    Ok(names(dir, RETIRED)?
        .into_iter()
        .filter_map(|name| {
            let (created, until) = created(Path::new(&name), RETIRED)?.split_once(UNTIL)?;
            let until = NaiveDateTime::parse_from_str(until, STAMP).ok()?.and_utc();
            Some(Retired {
                created: created.to_owned(),
                until,
                name: name.clone(),
            })
        })
        .collect())
}

/// The part of a key file's name between `prefix` and `.pem`.
fn created<'a>(path: &'a Path, prefix: &str) -> Option<&'a str> {
    path.file_name()?
        .to_str()?
        .strip_prefix(prefix)?
        .strip_suffix(".pem")
}

/// The instant for a next key's name: now, or a second after the current key's if that is
/// not earlier — the newest file is the current key, so the next must sort after it.
fn next_stamp(current: &SiteKey, now: DateTime<Utc>) -> String {
    let after = created(&current.path, CURRENT)
        .and_then(|c| NaiveDateTime::parse_from_str(c, STAMP).ok())
        .map(|c| c.and_utc() + chrono::TimeDelta::seconds(1));
    stamp(after.map_or(now, |after| after.max(now)))
}

/// Removes a file that may already be gone.
fn remove(path: &Path) -> Result<(), SiteKeyError> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(SiteKeyError::io(path)(e)),
        _ => Ok(()),
    }
}
