//! Project automation, run as `cargo xtask <task>` (see `cargo xtask help`).
//!
//! Every task first runs `setup`, which installs only what is missing, so the two commands of the
//! README work on a fresh machine and take seconds of set-up on a warm one. Only std: the xtask
//! itself compiles in seconds.
#![allow(clippy::disallowed_methods)] // native only: std's sorts cost nothing in the wasm

mod run;
mod setup;

use std::env;
use std::fs;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use run::{exec, human, run, Env, Outcome, Result, Steps};
use setup::{setup, CHROMEDRIVER, WASM_TARGET};

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  setup         install what is missing: wasm32 target, trunk, wasm-bindgen-cli (the Cargo.lock
                version), wasm-opt and playwright-core (npm ci), chromium + chromium-driver (apt)
  serve         setup, then trunk serve on http://127.0.0.1:8080/ (rebuilds on change)
                  --port N     another port
                  --static     release build served by the e2e test server (with the CSP), no watching
  build         setup, then the release site in dist/ (trunk build --release), with its sizes
  test          setup, then every check CI runs: fmt, clippy (native and wasm32), cargo test,
                validate data/mali.json against ../shared/sources, its coverage ledger, release
                build, browser tests
  e2e           setup, release build, browser tests only
  screenshots   setup, release build, PNGs at 1280 and 360 px, light and dark, in target/screenshots/
  bench         setup, release build, npm ci in bench/, then node bench/run.mjs: layout, hover, first
                frame, bytes and heap against d3-sankey and ECharts, a reader's own dataset
                cold and warm, and issue 19's goals with verdicts (not part of `test`)
                  --quick      fewer runs   --no-big    skip the 2,000 / 10,000 graph
                  --json FILE  the raw results too
                  --phone      the phone profile instead (bench/phone.mjs): first paint, first
                               picture, interactive, bytes and layout shift of our page, the
                               d3-sankey page and the ECharts page at 4x CPU, 9 Mbps / 60 ms
";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let Some(task) = args.first() else {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    };
    let rest = &args[1..];
    let result = Env::new().and_then(|env| match task.as_str() {
        "setup" => no_args(rest).and_then(|_| setup(&env)),
        "serve" => serve(&env, rest),
        "build" => no_args(rest).and_then(|_| build_task(&env)),
        "test" => no_args(rest).and_then(|_| test(&env)),
        "e2e" => no_args(rest).and_then(|_| e2e_task(&env)),
        "screenshots" => no_args(rest).and_then(|_| screenshots(&env)),
        "bench" => bench(&env, rest),
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown task `{other}`\n\n{USAGE}")),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask {task}: FAILED: {e}");
            ExitCode::FAILURE
        }
    }
}

fn no_args(rest: &[String]) -> Result {
    match rest.first() {
        None => Ok(()),
        Some(arg) => Err(format!("unexpected argument `{arg}`\n\n{USAGE}")),
    }
}

/// `cargo xtask test`: the whole of CI, failing fast at the first step that fails.
fn test(env: &Env) -> Result {
    let mut steps = Steps::new("xtask test");
    steps.step("setup", || setup(env).map(|_| Outcome::Done))?;
    steps.step("format (cargo fmt --check)", || {
        let mut cmd = env.cargo();
        cmd.args(["fmt", "--all", "--", "--check"]);
        if !std::io::stdout().is_terminal() {
            cmd.args(["--color", "never"]);
        }
        run(&mut cmd).map_err(|e| {
            format!("{e}\n  the code is not formatted: run `cargo fmt --all` and commit the result")
        })?;
        Ok(Outcome::Done)
    })?;
    let clippy = |args: &[&str]| {
        run(env
            .cargo()
            .arg("clippy")
            .args(args)
            .args(["--", "-D", "warnings"]))?;
        Ok(Outcome::Done)
    };
    steps.step("clippy (native, all targets)", || {
        clippy(&["--workspace", "--all-targets"])
    })?;
    steps.step("clippy (wasm32, with the bench exports)", || {
        clippy(&[
            "-p",
            "influence-flows",
            "--target",
            WASM_TARGET,
            "--features",
            "bench",
        ])
    })?;
    // The page's own module is built without the default `authoring` feature (index.html).
    steps.step("clippy (wasm32, reader module)", || {
        clippy(&[
            "-p",
            "influence-flows",
            "--lib",
            "--target",
            WASM_TARGET,
            "--no-default-features",
        ])
    })?;
    steps.step("native tests (cargo test)", || {
        run(env.cargo().args(["test", "--workspace"]))?;
        Ok(Outcome::Done)
    })?;
    steps.step("in-browser tests (wasm-bindgen-test)", || wasm_tests(env))?;
    steps.step("validate data/mali.json", || validate(env, "validate"))?;
    steps.step(
        "coverage of data/mali.json (data/mali.coverage.json)",
        || validate(env, "coverage"),
    )?;
    steps.step("release build (trunk build --release)", || {
        build(env).map(|_| Outcome::Done)
    })?;
    steps.step("end-to-end browser tests (node --test)", || {
        e2e(env).map(|_| Outcome::Done)
    })?;
    steps.summary();
    println!("\nxtask test: all steps passed");
    Ok(())
}

/// wasm-bindgen-test tests run in headless Chromium through ChromeDriver: every `tests/*.rs` that
/// uses `wasm_bindgen_test`, and the library's unit tests if `src/` uses it.
fn wasm_tests(env: &Env) -> Result<Outcome> {
    let uses =
        |path: &Path| fs::read_to_string(path).is_ok_and(|s| s.contains("wasm_bindgen_test"));
    let mut args: Vec<String> = Vec::new();
    if rust_files(&env.root.join("src")).iter().any(|p| uses(p)) {
        args.push("--lib".into());
    }
    for file in rust_files_shallow(&env.root.join("tests")) {
        if uses(&file) {
            let name = file.file_stem().unwrap().to_string_lossy().into_owned();
            args.extend(["--test".into(), name]);
        }
    }
    if args.is_empty() {
        println!("no test uses wasm_bindgen_test yet: nothing to run in the browser here");
        return Ok(Outcome::Skipped);
    }
    let mut cmd = env.cargo();
    cmd.args(["test", "-p", "influence-flows", "--target", WASM_TARGET])
        .args(&args)
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            "wasm-bindgen-test-runner",
        )
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120");
    run(&mut cmd)?;
    Ok(Outcome::Done)
}

fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

fn rust_files_shallow(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "rs"))
        .collect()
}

/// The CLI checks the dataset, and every quote against the source texts in ../shared/sources
/// (`validate`), or that every sentence of those texts naming an actor is cited or excluded
/// in the dataset's coverage ledger (`coverage`).
fn validate(env: &Env, command: &str) -> Result<Outcome> {
    let data = "data/mali.json";
    let sources = "../shared/sources";
    if !env.root.join(sources).is_dir() {
        println!("no {sources} next to this checkout: skipped (quotes can only be checked against the sources)");
        return Ok(Outcome::Skipped);
    }
    if !env.root.join(data).is_file() {
        println!("no {data} yet: skipped");
        return Ok(Outcome::Skipped);
    }
    run(env.cargo().args([
        "run",
        "--release",
        "-p",
        "influence-flows",
        "--bin",
        "influence-flows",
        "--",
        command,
        data,
        "--sources",
        sources,
    ]))?;
    Ok(Outcome::Done)
}

/// `trunk build --release` into dist/, with trunk using wasm-bindgen and wasm-opt from PATH.
fn build(env: &Env) -> Result {
    for file in ["index.html", "Trunk.toml"] {
        if !env.root.join(file).is_file() {
            return Err(format!(
                "{file} not found at the crate root: the web app is not there yet"
            ));
        }
    }
    trunk_release(env, &[])?;
    print_sizes(env);
    Ok(())
}

/// `trunk build --release`, offline (trunk must never download its tools), with `extra`.
fn trunk_release(env: &Env, extra: &[&str]) -> Result {
    run(env
        .cmd("trunk")
        .args(["build", "--release", "--offline=true"])
        .args(extra))
}

/// Raw, gzip and brotli sizes of what the browser downloads (the `.gz` and `.br` files the
/// release build writes beside each asset), and of the first picture's path: the HTML with its
/// prerendered picture, `lang.js` and the stylesheet.
fn print_sizes(env: &Env) {
    let dist = env.root.join("dist");
    let Ok(entries) = fs::read_dir(&dist) else {
        return;
    };
    let mut files: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| !matches!(p.extension().and_then(|e| e.to_str()), Some("gz" | "br")))
        .collect();
    files.sort();
    let size = |path: &Path| fs::metadata(path).map(|m| m.len()).ok();
    let beside = |file: &Path, ext: &str| {
        let mut name = file.as_os_str().to_owned();
        name.push(ext);
        size(Path::new(&name))
    };
    let show = |n: Option<u64>| n.map_or_else(|| "-".to_string(), |n| n.to_string());
    println!("dist/ (bytes: raw, gzip -9, brotli 11):");
    let mut first_picture = (0, 0);
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy();
        let (gz, br) = (beside(file, ".gz"), beside(file, ".br"));
        println!(
            "  {:>9} {:>9} {:>9}  {name}",
            show(size(file)),
            show(gz),
            show(br)
        );
        // lang.js blocks the first paint too (it swaps a French page's words in before it).
        if name == "index.html" || name == "lang.js" || name.ends_with(".css") {
            first_picture.0 += gz.unwrap_or(0);
            first_picture.1 += br.unwrap_or(0);
        }
    }
    println!(
        "first picture's path (index.html with its picture, lang.js and the CSS): {} B gzip, {} B brotli",
        first_picture.0, first_picture.1
    );
    // The full module (tools/full-module.mjs) loads only for a dataset that is not the baked
    // one: a reader of the shipped chart never fetches it.
    let full = files.iter().fold((0, 0), |(gz, br), file| {
        let name = file.file_name().unwrap().to_string_lossy();
        if !name.starts_with("full-") {
            return (gz, br);
        }
        (
            gz + beside(file, ".gz").unwrap_or(0),
            br + beside(file, ".br").unwrap_or(0),
        )
    });
    println!(
        "the full module, for other datasets and ?preview (glue and wasm): {} B gzip, {} B brotli",
        full.0, full.1
    );
    // Everything the page itself loads: the embeds' scripts, the icon, the static SVG, the
    // example article (story.html and its CSS) and the full module not.
    let data = dist.join("data/mali.json");
    let loaded = files
        .iter()
        .filter(|file| {
            let name = file.file_name().unwrap().to_string_lossy();
            !name.starts_with("embed")
                && !name.starts_with("favicon")
                && !name.starts_with("full-")
                && !name.starts_with("story.")
                && !name.ends_with(".svg")
        })
        .chain(std::iter::once(&data));
    let all_in = loaded.fold((0, 0), |(gz, br), file| {
        (
            gz + beside(file, ".gz").unwrap_or(0),
            br + beside(file, ".br").unwrap_or(0),
        )
    });
    println!(
        "all in (index.html, CSS, boot.js, glue, wasm, data/mali.json): {} B gzip, {} B brotli (goal: 150 KB gzip)",
        all_in.0, all_in.1
    );
}

/// The browser tests, on the dist/ of the last build.
fn e2e(env: &Env) -> Result {
    run(env
        .cmd("node")
        .args(["--test", "--test-reporter=spec", "tests/e2e/"]))
}

/// The steps every job that needs `dist/` starts with: set-up, then the release build.
fn setup_and_build(title: &'static str, env: &Env) -> Result<Steps> {
    let mut steps = Steps::new(title);
    steps.step("setup", || setup(env).map(|_| Outcome::Done))?;
    steps.step("release build (trunk build --release)", || {
        build(env).map(|_| Outcome::Done)
    })?;
    Ok(steps)
}

fn build_task(env: &Env) -> Result {
    setup_and_build("xtask build", env)?.summary();
    Ok(())
}

fn e2e_task(env: &Env) -> Result {
    let mut steps = setup_and_build("xtask e2e", env)?;
    steps.step("end-to-end browser tests (node --test)", || {
        e2e(env).map(|_| Outcome::Done)
    })?;
    steps.summary();
    Ok(())
}

fn screenshots(env: &Env) -> Result {
    let mut steps = setup_and_build("xtask screenshots", env)?;
    steps.step("screenshots", || {
        let out = env.root.join("target/screenshots");
        run(env.cmd("node").arg("tests/e2e/screenshots.mjs").arg(&out))?;
        Ok(Outcome::Done)
    })?;
    steps.summary();
    Ok(())
}

/// `cargo xtask bench [--quick] [--no-big] [--json FILE]`: the performance table of issue 8
/// (docs/PERFORMANCE.md). `cargo xtask bench --phone [--quick]`: the phone profile of issue 19
/// instead (bench/phone.mjs: ours, d3-sankey and ECharts loaded as a phone reader meets them).
fn bench(env: &Env, rest: &[String]) -> Result {
    let phone = rest.iter().any(|a| a == "--phone");
    // The other arguments go to bench/run.mjs or bench/phone.mjs, which check them.
    let rest: Vec<&String> = rest.iter().filter(|a| *a != "--phone").collect();
    let mut steps = setup_and_build("xtask bench", env)?;
    steps.step("bench packages (npm ci in bench/)", || {
        if env.root.join("bench/node_modules/d3-sankey").is_dir()
            && env.root.join("bench/node_modules/echarts").is_dir()
        {
            return Ok(Outcome::Skipped);
        }
        run(env
            .cmd("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(env.root.join("bench")))?;
        Ok(Outcome::Done)
    })?;
    if phone {
        steps.step("phone profile (node bench/phone.mjs)", || {
            run(env.cmd("node").arg("bench/phone.mjs").args(&rest))?;
            Ok(Outcome::Done)
        })?;
        steps.summary();
        return Ok(());
    }
    steps.step(
        "bench build (trunk build --release --features bench, into bench/out/dist-bench)",
        || {
            trunk_release(
                env,
                &["--features", "bench", "--dist", "bench/out/dist-bench"],
            )?;
            Ok(Outcome::Done)
        },
    )?;
    steps.step("benchmark (node bench/run.mjs)", || {
        run(env.cmd("node").arg("bench/run.mjs").args(&rest))?;
        Ok(Outcome::Done)
    })?;
    steps.summary();
    Ok(())
}

/// `cargo xtask serve [--port N] [--static]`.
fn serve(env: &Env, rest: &[String]) -> Result {
    let mut port = String::from("8080");
    let mut static_site = false;
    let mut args = rest.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => {
                port = args.next().ok_or("--port needs a number")?.clone();
                port.parse::<u16>()
                    .map_err(|_| format!("--port {port}: not a port number"))?;
            }
            "--static" => static_site = true,
            other => return Err(format!("unexpected argument `{other}`\n\n{USAGE}")),
        }
    }
    let started = std::time::Instant::now();
    setup(env)?;
    let url = format!("http://127.0.0.1:{port}/");
    if static_site {
        build(env)?;
        println!(
            "\nserving dist/ at {url} (and {url}graphics/mali/) after {}; Ctrl-C stops",
            human(started.elapsed())
        );
        return exec(env.cmd("node").args([
            "tests/e2e/server.mjs",
            "--root",
            "dist",
            "--csp",
            "--port",
            &port,
        ]));
    }
    if !env.root.join("index.html").is_file() {
        return Err("index.html not found at the crate root: the web app is not there yet".into());
    }
    println!(
        "\nserving at {url} once trunk has built (setup took {}); Ctrl-C stops",
        human(started.elapsed())
    );
    exec(env.cmd("trunk").args([
        "serve",
        "--offline=true",
        "--address",
        "127.0.0.1",
        "--port",
        &port,
        "--serve-base",
        "/",
    ]))
}
