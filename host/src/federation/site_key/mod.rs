//! The site key (*Standortschlüssel*): the ed25519 key a site signs its deliveries to the
//! centre with. Created on first use, kept in the data directory, never sent anywhere; the
//! centre pins its public key at enrolment, after people on both sides compared its
//! fingerprint on a second channel (telephone, letter).
//!
//! Files: `<data>/site-keys/site-key-<created>.pem` (PKCS#8, mode 0600, the directory 0700),
//! `<created>` a UTC instant like `20261204T232900Z`. The newest file is the current key.
//! Rotation ([`rotation`], `quartier federation rotate-key`) keeps the next key apart until
//! the centre confirmed it, then makes it the newest and keeps the former one until the
//! centre's overlap period ends. A key file that the group or others may read is refused:
//! whoever can read it can sign as the site.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// The directory of the site's keys inside the data directory.
pub const KEY_DIR: &str = "site-keys";

/// How the current key's file name starts (`site-key-<created>.pem`).
const CURRENT: &str = "site-key-";

/// The instant in a key file's name, UTC to the second.
const STAMP: &str = "%Y%m%dT%H%M%SZ";

pub mod rotation;

/// Why the site key cannot be used (German, for the person starting the host).
#[derive(Debug, thiserror::Error)]
pub enum SiteKeyError {
    #[error(
        "Der Standortschlüssel {} darf nur für seinen Eigentümer lesbar sein, hat aber die \
         Rechte {mode:o}. Bitte mit `chmod 600 {}` beschränken und prüfen, wer ihn gelesen \
         haben kann.",
        path.display(), path.display()
    )]
    Exposed { path: PathBuf, mode: u32 },
    #[error("Der Standortschlüssel {} ist kein Ed25519-Schlüssel (PKCS#8, PEM): {reason}", path.display())]
    Unreadable { path: PathBuf, reason: String },
    #[error("Der Standortschlüssel unter {} ist nicht zugänglich: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "Unter {} liegt kein Standortschlüssel. Ein Schlüsselwechsel setzt einen bei der \
         Servicestelle angemeldeten Standort voraus (quartier federation enrol).",
        dir.display()
    )]
    Missing { dir: PathBuf },
}

impl SiteKeyError {
    /// The I/O error at `path`, for `map_err`.
    fn io(path: &Path) -> impl Fn(std::io::Error) -> SiteKeyError + '_ {
        move |source| SiteKeyError::Io {
            path: path.to_owned(),
            source,
        }
    }
}

/// The site's current signing key.
pub struct SiteKey {
    signing: SigningKey,
    path: PathBuf,
}

// By hand: the secret never goes into a log line.
impl fmt::Debug for SiteKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SiteKey")
            .field("path", &self.path)
            .field("fingerprint", &self.public().fingerprint())
            .finish_non_exhaustive()
    }
}

impl SiteKey {
    /// The current key in `data_dir`, created (with its directory) when there is none; the
    /// flag says whether it was created now. Key files of a finished rotation whose overlap
    /// has ended are removed first ([`rotation::tidy`]).
    pub fn load_or_create(data_dir: &Path) -> Result<(SiteKey, bool), SiteKeyError> {
        let dir = data_dir.join(KEY_DIR);
        rotation::tidy(&dir, chrono::Utc::now())?;
        if let Some(key) = SiteKey::load(&dir)? {
            return Ok((key, false));
        }
        create_dir(&dir)?;
        let created = stamp(chrono::Utc::now());
        let key = SiteKey::generate(dir.join(format!("{CURRENT}{created}.pem")))?;
        Ok((key, true))
    }

    /// The newest key in `dir`, if there is one.
    pub fn load(dir: &Path) -> Result<Option<SiteKey>, SiteKeyError> {
        match newest(dir, CURRENT)? {
            Some(name) => SiteKey::read(&dir.join(name)).map(Some),
            None => Ok(None),
        }
    }

    /// A new random key, written to `path` (which must not exist yet).
    fn generate(path: PathBuf) -> Result<SiteKey, SiteKeyError> {
        let mut seed = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut seed);
        let signing = SigningKey::from_bytes(&seed);
        seed.fill(0);
        write_private(&path, &signing)?;
        Ok(SiteKey { signing, path })
    }

    /// The key in the file at `path`, refused if others may read it.
    fn read(path: &Path) -> Result<SiteKey, SiteKeyError> {
        refuse_if_exposed(path)?;
        let pem = std::fs::read_to_string(path).map_err(SiteKeyError::io(path))?;
        let signing = SigningKey::from_pkcs8_pem(&pem).map_err(|e| SiteKeyError::Unreadable {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
        Ok(SiteKey {
            signing,
            path: path.to_owned(),
        })
    }

    /// Where it is kept.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Its public half.
    pub fn public(&self) -> SitePublicKey {
        SitePublicKey(self.signing.verifying_key())
    }

    /// The ed25519 signature of `message`.
    pub fn sign(&self, message: &[u8]) -> Signature {
        self.signing.sign(message)
    }
}

/// A site's public key: the site's own, or one a centre pinned at enrolment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SitePublicKey(VerifyingKey);

impl SitePublicKey {
    /// The key from its 32 bytes in base64 (as [`SitePublicKey::to_base64`] writes it).
    pub fn from_base64(text: &str) -> Option<SitePublicKey> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .ok()?;
        let bytes: [u8; 32] = bytes.try_into().ok()?;
        VerifyingKey::from_bytes(&bytes).ok().map(SitePublicKey)
    }

    /// The 32 bytes in base64, as people copy it.
    pub fn to_base64(self) -> String {
        base64::engine::general_purpose::STANDARD.encode(self.0.as_bytes())
    }

    /// SHA-256 of the 32 bytes.
    pub fn fingerprint(self) -> Fingerprint {
        Fingerprint(Sha256::digest(self.0.as_bytes()).into())
    }

    /// Whether `signature` is this key's over `message` (strict: no malleable signatures).
    pub fn verifies(self, message: &[u8], signature: &Signature) -> bool {
        self.0.verify_strict(message, signature).is_ok()
    }
}

/// SHA-256 of a public key: what people compare and what a signature names as its `keyid`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint([u8; 32]);

impl Fingerprint {
    /// Eight groups of four hex digits a line, two lines, for reading aloud.
    pub fn for_people(self) -> String {
        let hex = hex::encode_upper(self.0);
        let groups: Vec<&str> = (0..hex.len())
            .step_by(4)
            .filter_map(|i| hex.get(i..i + 4))
            .collect();
        groups
            .chunks(8)
            .map(|line| line.join(" "))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// `sha256:` and 64 lower-case hex digits (the signatures' `keyid`).
impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sha256:{}", hex::encode(self.0))
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// The names in `dir` that start with `prefix` and end in `.pem`; none if `dir` is missing.
fn names(dir: &Path, prefix: &str) -> Result<Vec<String>, SiteKeyError> {
    let io = SiteKeyError::io(dir);
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(e)),
    };
    let mut names = Vec::new();
    for entry in entries {
        let name = entry.map_err(&io)?.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(prefix) && name.ends_with(".pem") {
            names.push(name.into_owned());
        }
    }
    names.sort();
    Ok(names)
}

/// The newest of [`names`]: the instant in the name sorts the keys by age.
fn newest(dir: &Path, prefix: &str) -> Result<Option<String>, SiteKeyError> {
    Ok(names(dir, prefix)?.pop())
}

/// An instant as key file names carry it (`20261204T232900Z`).
fn stamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format(STAMP).to_string()
}

fn create_dir(dir: &Path) -> Result<(), SiteKeyError> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(SiteKeyError::io(dir))
}

/// Makes the names in `dir` durable.
fn sync_dir(dir: &Path) -> Result<(), SiteKeyError> {
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(SiteKeyError::io(dir))
}

/// Writes the key to `path` atomically: a temporary file (0600 from its creation, so the
/// key is never readable by others), synced, then linked to its name — which fails rather
/// than replace a key that is already there.
fn write_private(path: &Path, key: &SigningKey) -> Result<(), SiteKeyError> {
    let pem = key
        .to_pkcs8_pem(ed25519_dalek::pkcs8::spki::der::pem::LineEnding::LF)
        .map_err(|e| SiteKeyError::Unreadable {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
    let temporary = path.with_extension("pem.tmp");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&temporary).and_then(|mut file| {
        file.write_all(pem.as_bytes())?;
        file.sync_all()
    });
    let linked = written.and_then(|()| std::fs::hard_link(&temporary, path));
    let _ = std::fs::remove_file(&temporary);
    linked.map_err(SiteKeyError::io(path))?;
    // The new name is durable once the directory is synced.
    path.parent().map_or(Ok(()), sync_dir)
}

#[cfg(unix)]
fn refuse_if_exposed(path: &Path) -> Result<(), SiteKeyError> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)
        .map_err(SiteKeyError::io(path))?
        .permissions()
        .mode();
    if mode & 0o077 != 0 {
        return Err(SiteKeyError::Exposed {
            path: path.to_owned(),
            mode: mode & 0o777,
        });
    }
    Ok(())
}

#[cfg(not(unix))]
fn refuse_if_exposed(_path: &Path) -> Result<(), SiteKeyError> {
    Ok(())
}

#[cfg(test)]
mod rotation_tests;
#[cfg(test)]
mod tests;
