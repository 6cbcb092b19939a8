use super::*;

/// A fresh data directory under the system's temporary directory.
pub(super) fn data_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("quartier-site-key-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[cfg(unix)]
pub(super) fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn the_key_is_created_on_first_use_and_read_back_after() {
    let data = data_dir();
    let (created, new) = SiteKey::load_or_create(&data).unwrap();
    assert!(new);
    assert!(created.path().starts_with(data.join(KEY_DIR)));
    #[cfg(unix)]
    {
        assert_eq!(mode(created.path()), 0o600);
        assert_eq!(mode(&data.join(KEY_DIR)), 0o700);
    }
    let (again, new) = SiteKey::load_or_create(&data).unwrap();
    assert!(!new);
    assert_eq!(again.public(), created.public());
    let leftovers = std::fs::read_dir(data.join(KEY_DIR)).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file stays behind");
    std::fs::remove_dir_all(data).unwrap();
}

#[cfg(unix)]
#[test]
fn a_key_file_others_may_read_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let data = data_dir();
    let (key, _) = SiteKey::load_or_create(&data).unwrap();
    std::fs::set_permissions(key.path(), std::fs::Permissions::from_mode(0o640)).unwrap();
    let refused = SiteKey::load_or_create(&data).unwrap_err();
    assert!(matches!(refused, SiteKeyError::Exposed { mode: 0o640, .. }));
    assert!(refused.to_string().contains("chmod 600"), "{refused}");
    std::fs::remove_dir_all(data).unwrap();
}

#[test]
fn the_newest_key_file_is_the_current_key() {
    let data = data_dir();
    let (first, _) = SiteKey::load_or_create(&data).unwrap();
    let newer = data.join(KEY_DIR).join("site-key-29991231T235959Z.pem");
    write_private(&newer, &SigningKey::from_bytes(&[7; 32])).unwrap();
    let current = SiteKey::load(&data.join(KEY_DIR)).unwrap().unwrap();
    assert_eq!(current.path(), newer);
    assert_ne!(current.public(), first.public());
    std::fs::remove_dir_all(data).unwrap();
}

#[test]
fn people_compare_the_fingerprint_in_groups_of_four() {
    let key = SiteKey {
        signing: SigningKey::from_bytes(&[1; 32]),
        path: PathBuf::new(),
    };
    let fingerprint = key.public().fingerprint();
    let text = fingerprint.for_people();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines
            .iter()
            .all(|l| l.split(' ').count() == 8 && l.len() == 39)
    );
    let compact = lines.join(" ").replace(' ', "").to_lowercase();
    assert_eq!(fingerprint.to_string(), format!("sha256:{compact}"));
    let public = key.public();
    assert_eq!(
        SitePublicKey::from_base64(&public.to_base64()),
        Some(public)
    );
    assert!(public.verifies(b"Bericht", &key.sign(b"Bericht")));
    assert!(!public.verifies(b"Bericht!", &key.sign(b"Bericht")));
}
