//! `quartier plugin new NAME` and `quartier plugin build DIR`: a municipality's plugin crate
//! from a template, and that crate built into the component Quartier accepts.
//!
//! The templates live in `scaffold/` beside this file; the sample inputs are the ones in
//! `plugins/fixtures/inputs/`, embedded so the binary scaffolds anywhere. This module never
//! runs a plugin; building shells out to cargo through `quartier-plugin-build`.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use super::{Limits, Runtime};

/// `quartier plugin new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The plugin's name, e.g. `musterstadt` (lower case letters, digits, hyphens).
    pub name: String,
    /// The directory to create (default: ./NAME). An existing directory is never touched.
    #[arg(long)]
    pub path: Option<PathBuf>,
    /// The SDK (`plugins/sdk` of a Quartier checkout). Needed outside a checkout.
    #[arg(long)]
    pub sdk_path: Option<PathBuf>,
}

/// `quartier plugin build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The plugin crate.
    pub dir: PathBuf,
    /// Where cargo builds (default: DIR/target).
    #[arg(long)]
    pub target_dir: Option<PathBuf>,
    /// The component to write (default: DIR/NAME.wasm).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

const CARGO_TOML: &str = include_str!("scaffold/Cargo.toml.tmpl");
const LIB_RS: &str = include_str!("scaffold/lib.rs.tmpl");
const README: &str = include_str!("scaffold/README.md.tmpl");
const GITIGNORE: &str = include_str!("scaffold/gitignore.tmpl");

/// The sample inputs, one per hook call (plugins/fixtures/inputs/).
const INPUTS: [(&str, &str); 9] = [
    (
        "describe.json",
        include_str!("../../../plugins/fixtures/inputs/describe.json"),
    ),
    (
        "adapt-task-matrix.json",
        include_str!("../../../plugins/fixtures/inputs/adapt-task-matrix.json"),
    ),
    (
        "adapt-form.json",
        include_str!("../../../plugins/fixtures/inputs/adapt-form.json"),
    ),
    (
        "validate.json",
        include_str!("../../../plugins/fixtures/inputs/validate.json"),
    ),
    (
        "validate-1kb.json",
        include_str!("../../../plugins/fixtures/inputs/validate-1kb.json"),
    ),
    (
        "validate-7kb.json",
        include_str!("../../../plugins/fixtures/inputs/validate-7kb.json"),
    ),
    (
        "route-fund-application.json",
        include_str!("../../../plugins/fixtures/inputs/route-fund-application.json"),
    ),
    (
        "route-concern.json",
        include_str!("../../../plugins/fixtures/inputs/route-concern.json"),
    ),
    (
        "build-report.json",
        include_str!("../../../plugins/fixtures/inputs/build-report.json"),
    ),
];

/// Where the SDK dependency points, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sdk {
    /// Found in the Quartier checkout the command runs in.
    Repository(PathBuf),
    /// Given with `--sdk-path`.
    Given(PathBuf),
}

impl Sdk {
    pub fn dir(&self) -> &Path {
        match self {
            Sdk::Repository(dir) | Sdk::Given(dir) => dir,
        }
    }

    fn note(&self) -> &'static str {
        match self {
            Sdk::Repository(_) => "The SDK of the Quartier checkout this plugin was created in.",
            Sdk::Given(_) => "The SDK given with `quartier plugin new --sdk-path`.",
        }
    }
}

/// Checks a plugin name: it becomes the crate, the component and the `describe` name.
pub fn check_name(name: &str) -> anyhow::Result<()> {
    let valid = name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && !name.ends_with('-')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        bail!(
            "„{name}“ ist kein gültiger Plugin-Name: erlaubt sind Kleinbuchstaben (a–z), \
             Ziffern und Bindestriche, beginnend mit einem Buchstaben, z. B. „musterstadt“."
        );
    }
    Ok(())
}

/// The SDK: `given` if set (checked), else `plugins/sdk` of a checkout containing one of
/// `starts`.
pub fn find_sdk(given: Option<&Path>, starts: &[&Path]) -> anyhow::Result<Sdk> {
    if let Some(dir) = given {
        let dir = dir
            .canonicalize()
            .ok()
            .filter(|d| is_sdk(d))
            .with_context(|| {
                format!(
                    "{} ist nicht das Quartier-Plugin-SDK (erwartet: das Verzeichnis plugins/sdk \
                 eines Quartier-Quellbaums mit dem Paket quartier-plugin-sdk).",
                    dir.display()
                )
            })?;
        return Ok(Sdk::Given(dir));
    }
    starts
        .iter()
        .filter_map(|start| start.canonicalize().ok())
        .flat_map(|start| {
            start
                .ancestors()
                .map(|a| a.join("plugins/sdk"))
                .collect::<Vec<_>>()
        })
        .find(|candidate| is_sdk(candidate))
        .map(Sdk::Repository)
        .context(
            "Außerhalb eines Quartier-Quellbaums braucht es --sdk-path mit dem Verzeichnis \
             plugins/sdk des Quartier-Quellbaums.",
        )
}

fn is_sdk(dir: &Path) -> bool {
    std::fs::read_to_string(dir.join("Cargo.toml"))
        .is_ok_and(|manifest| manifest.contains("name = \"quartier-plugin-sdk\""))
}

/// Writes a new plugin crate into `dir`, which must not exist yet.
pub fn scaffold(name: &str, dir: &Path, sdk: &Sdk) -> anyhow::Result<()> {
    check_name(name)?;
    if dir.exists() {
        bail!(
            "{} gibt es schon; es wird nichts überschrieben. Bitte einen neuen Pfad wählen.",
            dir.display()
        );
    }
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{} lässt sich nicht anlegen", parent.display()))?;
    }
    // create_dir (not _all) fails if someone created it meanwhile: never overwrite.
    std::fs::create_dir(dir)
        .with_context(|| format!("{} lässt sich nicht anlegen", dir.display()))?;
    // Absolute (the SDK is canonical): the crate builds wherever it is moved to, as long as
    // the SDK stays where it is. TOML wants forward slashes.
    let sdk_path = sdk.dir().to_string_lossy().replace('\\', "/");
    let fill = |template: &str| {
        template
            .replace("{{name}}", name)
            .replace("{{type}}", &type_name(name))
            .replace("{{lib}}", &name.replace('-', "_"))
            .replace("{{sdk_path}}", &sdk_path)
            .replace("{{sdk_note}}", sdk.note())
    };
    std::fs::create_dir_all(dir.join("src"))?;
    std::fs::create_dir_all(dir.join("inputs"))?;
    std::fs::write(dir.join("Cargo.toml"), fill(CARGO_TOML))?;
    std::fs::write(dir.join("src/lib.rs"), fill(LIB_RS))?;
    std::fs::write(dir.join("README.md"), fill(README))?;
    std::fs::write(dir.join(".gitignore"), GITIGNORE)?;
    for (file, text) in INPUTS {
        let text = text.replace(
            "\"municipality\": \"beispiel\"",
            &format!("\"municipality\": \"{name}\""),
        );
        std::fs::write(dir.join("inputs").join(file), text)?;
    }
    // The versions the SDK is tested with, so the first build needs no new resolution.
    let lock = sdk.dir().parent().map(|p| p.join("Cargo.lock"));
    if let Some(lock) = lock.filter(|l| l.is_file()) {
        std::fs::copy(lock, dir.join("Cargo.lock"))?;
    }
    Ok(())
}

/// `musterstadt` → `Musterstadt`, `bad-homburg` → `BadHomburg`.
fn type_name(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// Runs `quartier plugin new`.
pub fn command_new(args: &NewArgs) -> anyhow::Result<()> {
    check_name(&args.name)?;
    let dir = args
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from(&args.name));
    let cwd = std::env::current_dir()?;
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or(cwd.clone(), Path::to_path_buf);
    let sdk = find_sdk(args.sdk_path.as_deref(), &[&parent, &cwd])?;
    scaffold(&args.name, &dir, &sdk)?;
    println!("Plugin „{}“ angelegt in {}.", args.name, dir.display());
    match &sdk {
        Sdk::Repository(path) => {
            println!("SDK: aus diesem Quartier-Quellbaum ({}).", path.display())
        }
        Sdk::Given(path) => println!("SDK: wie mit --sdk-path angegeben ({}).", path.display()),
    }
    println!(
        "Weiter:\n  cd {dir}\n  cargo test\n  quartier plugin build .\n  quartier plugin run {name}.wasm validate inputs/validate.json",
        dir = dir.display(),
        name = args.name
    );
    Ok(())
}

/// Builds the crate in `dir` and writes its component; returns the component's path.
pub fn build(dir: &Path, target_dir: Option<&Path>, out: Option<&Path>) -> anyhow::Result<PathBuf> {
    // Cargo resolves a relative manifest path against its own working directory.
    let dir = &dir
        .canonicalize()
        .with_context(|| format!("{} gibt es nicht", dir.display()))?;
    let name = package_name(dir)?;
    let target = target_dir.map_or_else(|| dir.join("target"), Path::to_path_buf);
    let built = quartier_plugin_build::build_workspace(dir, &target, &target.join("components"))?;
    let lib = name.replace('-', "_");
    let component = built.iter().find(|b| b.name == lib).with_context(|| {
        format!("Der Build lieferte kein Modul {lib}.wasm (ist crate-type cdylib gesetzt?)")
    })?;
    let out = out.map_or_else(|| dir.join(format!("{name}.wasm")), Path::to_path_buf);
    std::fs::copy(&component.component, &out)
        .with_context(|| format!("{} lässt sich nicht schreiben", out.display()))?;
    Ok(out)
}

/// The `[package]` name from `dir/Cargo.toml`.
fn package_name(dir: &Path) -> anyhow::Result<String> {
    let path = dir.join("Cargo.toml");
    let manifest = std::fs::read_to_string(&path)
        .with_context(|| format!("{} ist nicht lesbar", path.display()))?;
    let mut in_package = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if let Some(value) = line.strip_prefix("name").map(str::trim_start)
            && in_package
            && let Some(value) = value.strip_prefix('=')
        {
            return Ok(value.trim().trim_matches('"').to_owned());
        }
    }
    bail!("{} hat keinen [package]-Namen", path.display())
}

/// Runs `quartier plugin build`: builds, then loads the component the way an upload does.
pub fn command_build(args: &BuildArgs) -> anyhow::Result<()> {
    let out = build(&args.dir, args.target_dir.as_deref(), args.out.as_deref())?;
    let bytes = std::fs::read(&out)?;
    let runtime = Runtime::new(Limits::default(), None)?;
    let plugin = runtime
        .load(&bytes, None)
        .map_err(|e| anyhow::anyhow!("{} ({})", e.message_de(), e.code()))?;
    let hooks: Vec<_> = plugin.hooks().into_iter().map(|h| h.name()).collect();
    println!(
        "Komponente geschrieben: {} ({} KiB, Vertrag quartier:plugin@{}, Hooks: {}).",
        out.display(),
        bytes.len().div_ceil(1024),
        plugin.contract_version(),
        hooks.join(", ")
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_rust_types() {
        assert_eq!(type_name("musterstadt"), "Musterstadt");
        assert_eq!(type_name("bad-homburg"), "BadHomburg");
    }

    #[test]
    fn plugin_names_are_checked() {
        assert!(check_name("musterstadt").is_ok());
        assert!(check_name("bad-homburg2").is_ok());
        for bad in ["", "Musterstadt", "2stadt", "stadt-", "../x", "a b"] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
    }
}
