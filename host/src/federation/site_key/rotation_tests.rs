use chrono::{DateTime, TimeDelta, Utc};

use super::rotation::{Plan, Rotation, plan, tidy};
use super::tests::data_dir;
use super::*;

/// The files in the key directory, sorted.
fn files(data: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(data.join(KEY_DIR))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn announce(plan: Plan) -> Rotation {
    match plan {
        Plan::Announce(rotation) => rotation,
        Plan::Confirm { .. } => panic!("a confirmation, not an announcement"),
    }
}

/// A data directory with a site key, its current key, the instant and a rotation begun
/// then.
fn begun() -> (PathBuf, SiteKey, DateTime<Utc>, Rotation) {
    let data = data_dir();
    let (current, _) = SiteKey::load_or_create(&data).unwrap();
    let now = Utc::now();
    let rotation = announce(plan(&data, false, now).unwrap());
    (data, current, now, rotation)
}

fn in_a_week(now: DateTime<Utc>) -> DateTime<Utc> {
    now + TimeDelta::days(7)
}

#[test]
fn the_site_signs_with_its_current_key_until_the_centre_confirms_the_next() {
    let (data, current, _, rotation) = begun();
    assert!(rotation.created);
    assert_eq!(rotation.current.public(), current.public());
    assert_ne!(rotation.next.public(), current.public());
    #[cfg(unix)]
    assert_eq!(super::tests::mode(rotation.next.path()), 0o600);
    let (still, _) = SiteKey::load_or_create(&data).unwrap();
    assert_eq!(still.public(), current.public(), "not confirmed yet");
    std::fs::remove_dir_all(data).unwrap();
}

#[test]
fn a_rerun_before_the_confirmation_takes_the_pending_key_again() {
    let (data, _, now, first) = begun();
    let again = announce(plan(&data, false, now).unwrap());
    assert!(!again.created);
    assert_eq!(again.next.public(), first.next.public());
    assert_eq!(files(&data).len(), 2, "{:?}", files(&data));
    std::fs::remove_dir_all(data).unwrap();
}

#[test]
fn a_confirmed_next_key_is_current_and_the_former_is_kept_until_the_overlap_ends() {
    let (data, former, now, rotation) = begun();
    let next = rotation.next.public();
    let current = rotation.confirm(in_a_week(now), now).unwrap();
    assert_eq!(current.public(), next);
    let (loaded, created) = SiteKey::load_or_create(&data).unwrap();
    assert!(!created);
    assert_eq!(loaded.public(), next);
    let names = files(&data);
    assert_eq!(names.len(), 2, "{names:?}");
    let retired = names
        .iter()
        .find(|n| n.starts_with("retired-key-"))
        .unwrap();
    let until = in_a_week(now).format("%Y%m%dT%H%M%SZ").to_string();
    assert!(
        retired.ends_with(&format!("-until-{until}.pem")),
        "{retired}"
    );
    #[cfg(unix)]
    for name in &names {
        assert_eq!(super::tests::mode(&data.join(KEY_DIR).join(name)), 0o600);
    }
    // Run again within the overlap: the former key confirms the current one once more.
    let Plan::Confirm {
        retired, current, ..
    } = plan(&data, false, now).unwrap()
    else {
        panic!("a finished rotation is announced again");
    };
    assert_eq!(
        (retired.public(), current.public()),
        (former.public(), next)
    );
    assert_eq!(files(&data), names, "nothing new");
    // Unless a further rotation is asked for.
    let further = announce(plan(&data, true, now).unwrap());
    assert!(further.created);
    assert_eq!(further.current.public(), next);
    std::fs::remove_dir_all(data).unwrap();
}

#[test]
fn the_former_key_is_removed_at_the_first_use_after_the_overlap() {
    let (data, _, now, rotation) = begun();
    let next = rotation.next.public();
    rotation.confirm(in_a_week(now), now).unwrap();
    tidy(&data.join(KEY_DIR), now).unwrap();
    assert_eq!(files(&data).len(), 2, "kept within the overlap");
    tidy(&data.join(KEY_DIR), in_a_week(now)).unwrap();
    let names = files(&data);
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].starts_with("site-key-"));
    assert_eq!(SiteKey::load_or_create(&data).unwrap().0.public(), next);
    std::fs::remove_dir_all(data).unwrap();
}

#[test]
fn an_overlap_that_already_ended_leaves_no_former_key() {
    let (data, _, now, rotation) = begun();
    rotation.confirm(now - TimeDelta::seconds(1), now).unwrap();
    let names = files(&data);
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].starts_with("site-key-"));
    std::fs::remove_dir_all(data).unwrap();
}

#[test]
fn a_crash_while_confirming_is_finished_by_a_rerun() {
    let (data, former, now, rotation) = begun();
    let dir = data.join(KEY_DIR);
    let next = rotation.next.public();
    let former_name = files(&data)
        .into_iter()
        .find(|n| n.starts_with("site-key-"))
        .unwrap();
    let created = former_name
        .trim_start_matches("site-key-")
        .trim_end_matches(".pem");
    let until = in_a_week(now).format("%Y%m%dT%H%M%SZ");
    // Crashed after the first step: the former key is linked to its retired name.
    let retired = dir.join(format!("retired-key-{created}-until-{until}.pem"));
    std::fs::hard_link(former.path(), &retired).unwrap();
    let current = SiteKey::load_or_create(&data).unwrap().0;
    assert_eq!(current.public(), former.public(), "still the current key");
    let rerun = announce(plan(&data, false, now).unwrap());
    assert!(!rerun.created, "the pending key is taken again");
    assert_eq!(rerun.next.public(), next);
    // Crashed after the second step: the next key is current, the former name remains.
    let promoted = dir.join(
        rerun
            .next
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace("pending-key-", "site-key-"),
    );
    std::fs::rename(rerun.next.path(), &promoted).unwrap();
    assert_eq!(files(&data).len(), 3);
    let Plan::Confirm { current, .. } = plan(&data, false, now).unwrap() else {
        panic!("a rotation confirmed on disk is announced again");
    };
    assert_eq!(current.public(), next);
    let names = files(&data);
    assert_eq!(names.len(), 2, "the former current name is gone: {names:?}");
    assert!(!former.path().exists());
    assert!(retired.exists());
    std::fs::remove_dir_all(data).unwrap();
}

#[test]
fn a_next_key_made_in_the_same_second_still_sorts_after_the_current_one() {
    let data = data_dir();
    let dir = data.join(KEY_DIR);
    std::fs::create_dir_all(&dir).unwrap();
    let now = Utc::now();
    let name = format!("site-key-{}.pem", now.format("%Y%m%dT%H%M%SZ"));
    write_private(&dir.join(&name), &SigningKey::from_bytes(&[3; 32])).unwrap();
    let rotation = announce(plan(&data, false, now).unwrap());
    let next = rotation.next.public();
    rotation.confirm(in_a_week(now), now).unwrap();
    assert_eq!(SiteKey::load(&dir).unwrap().unwrap().public(), next);
    std::fs::remove_dir_all(data).unwrap();
}

#[test]
fn no_rotation_without_a_site_key() {
    let data = data_dir();
    let refused = plan(&data, false, Utc::now()).unwrap_err();
    assert!(matches!(refused, SiteKeyError::Missing { .. }), "{refused}");
    assert!(refused.to_string().contains("quartier federation enrol"));
    std::fs::remove_dir_all(data).unwrap();
}
