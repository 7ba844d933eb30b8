//! `cargo xtask setup`: checks every tool the project builds and tests with, and installs only
//! what is missing or at the wrong version, so that a second run takes seconds.
//!
//! Tools: the wasm32 target, rustfmt and clippy (rustup); trunk and wasm-bindgen-cli
//! (`cargo install`, into `$CARGO_HOME/bin`); binaryen's wasm-opt and playwright-core
//! (`npm ci` in `tools/` and `tests/e2e/`); Chromium and ChromeDriver (Debian's packages).
//! Nothing here downloads a browser or a binary from anywhere but the package registries.

use std::fs;
use std::path::Path;
use std::time::Instant;

use crate::run::{human, output, run, Env, Result};

/// trunk: 0.21.x builds with this machine's rustc (0.22 needs edition 2024 and rustc ≥ 1.90).
pub const TRUNK_VERSION: &str = "0.21.14";
/// The wasm target the web shell is built for.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Debian's Chromium and ChromeDriver.
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Node projects whose `node_modules` setup installs with `npm ci`.
const NPM_PROJECTS: [&str; 2] = ["tools", "tests/e2e"];

pub fn setup(env: &Env) -> Result {
    let started = Instant::now();
    println!("setup: checking tools (installing only what is missing)");
    check("wasm32 target", || wasm_target(env))?;
    check("rustfmt and clippy", || components(env))?;
    let bindgen = wasm_bindgen_version(&env.root)?;
    check("trunk", || {
        cargo_tool(env, "trunk", "trunk", TRUNK_VERSION, true)
    })?;
    check("wasm-bindgen", || {
        cargo_tool(env, "wasm-bindgen", "wasm-bindgen-cli", &bindgen, false)
    })?;
    for project in NPM_PROJECTS {
        check(&format!("npm packages in {project}/"), || {
            npm_ci(env, project)
        })?;
    }
    check("wasm-opt", || wasm_opt(env))?;
    check("chromium and the PNG font", || chromium(env))?;
    check("crates for all targets", || {
        // trunk builds with `cargo --offline`, so the wasm-only crates must be on disk already.
        output(env.cargo().args(["fetch", "--quiet"]))?;
        Ok("all crates of Cargo.lock are downloaded".into())
    })?;
    println!("setup: done in {}", human(started.elapsed()));
    Ok(())
}

/// Runs one check and prints its line: what is there, or what was installed and how long it took.
fn check(what: &str, f: impl FnOnce() -> Result<String>) -> Result {
    let t = Instant::now();
    match f() {
        Ok(note) => {
            println!("setup: {what:<28} {note} ({})", human(t.elapsed()));
            Ok(())
        }
        Err(e) => Err(format!("setup: {what}: {e}")),
    }
}

fn wasm_target(env: &Env) -> Result<String> {
    let installed = output(env.cmd("rustup").args(["target", "list", "--installed"]))?;
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        return Ok("already installed".into());
    }
    run(env.cmd("rustup").args(["target", "add", WASM_TARGET]))?;
    Ok("installed with rustup".into())
}

fn components(env: &Env) -> Result<String> {
    let have = |sub: &str| output(env.cargo().args([sub, "--version"])).is_ok();
    if have("fmt") && have("clippy") {
        return Ok("already installed".into());
    }
    run(env
        .cmd("rustup")
        .args(["component", "add", "rustfmt", "clippy"]))?;
    Ok("installed with rustup".into())
}

/// The version of the `wasm-bindgen` crate in Cargo.lock: wasm-bindgen-cli must be exactly it.
pub fn wasm_bindgen_version(root: &Path) -> Result<String> {
    let lock = fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut name = None;
    for line in lock.lines() {
        let line = line.trim();
        if line == "[[package]]" {
            name = None;
        } else if let Some(v) = line.strip_prefix("name = ") {
            name = Some(v.trim_matches('"').to_string());
        } else if let Some(v) = line.strip_prefix("version = ") {
            if name.as_deref() == Some("wasm-bindgen") {
                return Ok(v.trim_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".into())
}

/// Installs `krate` at exactly `version` with `cargo install` unless `bin --version` says so.
fn cargo_tool(env: &Env, bin: &str, krate: &str, version: &str, locked: bool) -> Result<String> {
    let wanted = format!("{bin} {version}");
    let found = env.version_of(bin);
    if found.as_deref() == Some(wanted.as_str()) {
        return Ok(format!(
            "{version} already at {}",
            env.which(bin).unwrap().display()
        ));
    }
    match &found {
        Some(other) => println!("setup: {bin}: found `{other}`, need {version}; installing"),
        None => println!("setup: {bin}: not found; installing {version} (takes minutes)"),
    }
    let mut cmd = env.cargo();
    cmd.args(["install", krate, "--version", &format!("={version}")]);
    // trunk's own lockfile builds here; wasm-bindgen-cli's pins a crate the registry lacks.
    if locked {
        cmd.arg("--locked");
    }
    // The tools are shared by every checkout; their build artefacts are not worth keeping.
    cmd.env_remove("CARGO_TARGET_DIR");
    run(&mut cmd)?;
    match env.version_of(bin) {
        Some(v) if v == wanted => Ok(format!("{version} installed into {}", env.cargo_bin.display())),
        other => Err(format!(
            "after `cargo install`, `{bin} --version` says {other:?}; is another {bin} earlier on PATH?"
        )),
    }
}

/// `npm ci` in `project` unless its node_modules were installed from the same lockfile.
fn npm_ci(env: &Env, project: &str) -> Result<String> {
    let dir = env.root.join(project);
    let mut fingerprint = Vec::new();
    for file in ["package.json", "package-lock.json"] {
        let bytes =
            fs::read(dir.join(file)).map_err(|e| format!("cannot read {project}/{file}: {e}"))?;
        fingerprint.extend_from_slice(&bytes);
    }
    let stamp_text = format!("{:016x}\n", fnv1a(&fingerprint));
    let stamp = dir.join("node_modules/.xtask-installed");
    if fs::read_to_string(&stamp).ok().as_deref() == Some(stamp_text.as_str()) {
        return Ok("node_modules match package-lock.json".into());
    }
    if env.which("npm").is_none() {
        return Err(
            "npm not found: install Node.js 20+ and npm (Debian: apt-get install nodejs npm)"
                .into(),
        );
    }
    run(env
        .cmd("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(&dir))?;
    fs::write(&stamp, stamp_text).map_err(|e| format!("cannot write {}: {e}", stamp.display()))?;
    Ok("installed with npm ci".into())
}

/// 64-bit FNV-1a: enough to notice that a lockfile changed.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

fn wasm_opt(env: &Env) -> Result<String> {
    let path = env
        .which("wasm-opt")
        .ok_or("wasm-opt not found after npm ci in tools/")?;
    let version = env.version_of("wasm-opt").unwrap_or_default();
    if !path.starts_with(env.root.join("tools")) {
        return Err(format!(
            "the first wasm-opt on PATH is {} ({version}), not tools/'s",
            path.display()
        ));
    }
    Ok(format!("{version} at {}", path.display()))
}

/// The font the native PNG export draws text with (`influence-flows render -o x.png`).
pub const PNG_FONT: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

fn chromium(env: &Env) -> Result<String> {
    let have_font = Path::new(PNG_FONT).exists();
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() && have_font {
        let version = output(env.cmd(CHROMIUM).arg("--version")).unwrap_or_default();
        return Ok(format!(
            "{} and DejaVu Sans already installed",
            version.trim()
        ));
    }
    let root = output(env.cmd("id").arg("-u"))
        .map(|s| s.trim() == "0")
        .unwrap_or(false);
    let apt = |args: &[&str]| {
        let mut cmd = if root {
            env.cmd("apt-get")
        } else {
            env.cmd("sudo")
        };
        if !root {
            cmd.args(["-n", "apt-get"]);
        }
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut cmd)
    };
    apt(&["update"])?;
    apt(&[
        "install",
        "-y",
        "chromium",
        "chromium-driver",
        "fonts-dejavu-core",
    ])?;
    Ok("installed chromium, chromium-driver and fonts-dejavu-core with apt-get".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_wasm_bindgen_version_of_the_lockfile() {
        let dir = std::env::temp_dir().join(format!("xtask-lock-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let lock = "version = 4\n\n[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"9.9.9\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\nsource = \"registry\"\n";
        fs::write(dir.join("Cargo.lock"), lock).unwrap();
        assert_eq!(wasm_bindgen_version(&dir).unwrap(), "0.2.130");
        fs::write(dir.join("Cargo.lock"), "version = 4\n").unwrap();
        assert!(wasm_bindgen_version(&dir).is_err());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_workspace_lockfile_pins_wasm_bindgen() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let version = wasm_bindgen_version(root).unwrap();
        assert!(version.starts_with("0.2."), "{version}");
    }

    #[test]
    fn fingerprints_differ_when_the_lockfile_does() {
        assert_ne!(fnv1a(b"binaryen 132"), fnv1a(b"binaryen 133"));
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    }
}
