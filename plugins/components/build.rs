//! Compiles the guest workspace `plugins/` into components on every build where a guest's
//! source changed, and generates `components.rs` embedding them.

use std::fmt::Write;
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let plugins = manifest.parent().expect("plugins/").to_path_buf();
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    // The guests' own target dir sits inside the host's (CARGO_TARGET_DIR when set, so that
    // a build cache outside the checkout keeps the guests too), outside the watched sources.
    let root = plugins.parent().expect("workspace root");
    let host_target = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root.join(dir),
        None => root.join("target"),
    };
    println!("cargo:rerun-if-env-changed=CARGO_TARGET_DIR");
    let target = host_target.join("plugins");
    for watched in [
        "Cargo.toml",
        "Cargo.lock",
        "wit",
        "sdk",
        "documents",
        "sample",
        "fixtures/guests",
        "fixtures/base",
    ] {
        println!("cargo:rerun-if-changed={}", plugins.join(watched).display());
    }
    for municipal in [
        "hessen",
        "aachen",
        "berlin",
        "organisationsmodell",
        "nuernberg",
    ] {
        let dir = plugins.join(municipal);
        if dir.exists() {
            println!("cargo:rerun-if-changed={}", dir.display());
        }
    }
    let built = quartier_plugin_build::build_workspace(&plugins, &target, &out.join("components"))?;
    // One constant per component, so that a binary embeds only the components it names
    // (the host: the shipped municipal plugins, never the hostile fixtures).
    let mut code = String::new();
    for b in &built {
        writeln!(
            code,
            "/// The component of the guest crate `{}`.\npub const {}: &[u8] = include_bytes!({:?});",
            b.name,
            b.name.to_uppercase(),
            b.component.display().to_string()
        )?;
    }
    code.push_str("/// Every component built from `plugins/`: (crate name, bytes).\npub const ALL: &[(&str, &[u8])] = &[\n");
    for b in &built {
        writeln!(code, "    ({:?}, {}),", b.name, b.name.to_uppercase())?;
    }
    code.push_str("];\n");
    std::fs::write(out.join("components.rs"), code)?;
    Ok(())
}
