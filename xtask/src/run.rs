//! Running programs: the PATH the tools are found on, named steps with timings, and errors that
//! say which step and which command failed.

use std::env;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// An error for the user: what failed, with the command where there is one.
pub type Result<T = ()> = std::result::Result<T, String>;

/// Where the project is and which PATH its tools are found on.
pub struct Env {
    /// The workspace root (the crate's own checkout).
    pub root: PathBuf,
    /// `tools/node_modules/.bin` (binaryen's wasm-opt), then `$CARGO_HOME/bin` (trunk,
    /// wasm-bindgen), then the inherited PATH, so Debian's older wasm-opt is never used.
    pub path: OsString,
    /// `$CARGO_HOME/bin`, where `cargo install` puts trunk and wasm-bindgen.
    pub cargo_bin: PathBuf,
}

impl Env {
    pub fn new() -> Result<Env> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .ok_or("xtask is not inside the workspace")?
            .to_path_buf();
        let cargo_home = env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
            .ok_or("neither CARGO_HOME nor HOME is set")?;
        let cargo_bin = cargo_home.join("bin");
        let mut dirs = vec![root.join("tools/node_modules/.bin"), cargo_bin.clone()];
        dirs.extend(env::split_paths(&env::var_os("PATH").unwrap_or_default()));
        let path = env::join_paths(dirs).map_err(|e| format!("cannot build PATH: {e}"))?;
        Ok(Env {
            root,
            path,
            cargo_bin,
        })
    }

    /// A command that runs in the workspace root with the project's PATH.
    pub fn cmd(&self, program: &str) -> Command {
        let mut cmd = Command::new(
            self.which(program)
                .unwrap_or_else(|| PathBuf::from(program)),
        );
        cmd.current_dir(&self.root).env("PATH", &self.path);
        cmd
    }

    /// `cargo`, the one that runs this xtask.
    pub fn cargo(&self) -> Command {
        let mut cmd = Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
        cmd.current_dir(&self.root).env("PATH", &self.path);
        cmd
    }

    /// The first `program` on the project's PATH.
    pub fn which(&self, program: &str) -> Option<PathBuf> {
        env::split_paths(&self.path)
            .map(|dir| dir.join(program))
            .find(|p| is_executable(p))
    }

    /// The first line `program --version` prints, or None when it is missing or fails.
    pub fn version_of(&self, program: &str) -> Option<String> {
        let path = self.which(program)?;
        let out = Command::new(&path)
            .arg("--version")
            .env("PATH", &self.path)
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .ok()?;
        if !out.status.success() {
            return None;
        }
        let text = String::from_utf8_lossy(&out.stdout);
        Some(text.lines().next().unwrap_or("").trim().to_string())
    }
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

/// The command line as a user would type it.
pub fn show(cmd: &Command) -> String {
    let mut s = Path::new(cmd.get_program())
        .file_name()
        .unwrap_or(cmd.get_program())
        .to_string_lossy()
        .into_owned();
    for arg in cmd.get_args() {
        let arg = arg.to_string_lossy();
        if arg.contains([' ', '\'', '"']) || arg.is_empty() {
            let _ = write!(s, " '{}'", arg.replace('\'', r"'\''"));
        } else {
            let _ = write!(s, " {arg}");
        }
    }
    s
}

/// Runs `cmd` with inherited output; an error names the command and its exit status.
pub fn run(cmd: &mut Command) -> Result {
    let shown = show(cmd);
    println!("$ {shown}");
    let status = cmd
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("`{shown}` could not start: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` exited with {status}"))
    }
}

/// Replaces this process with `cmd` (for servers: Ctrl-C and `kill` reach them directly).
pub fn exec(cmd: &mut Command) -> Result {
    use std::os::unix::process::CommandExt;
    let shown = show(cmd);
    println!("$ {shown}");
    let err = cmd.exec();
    Err(format!("`{shown}` could not start: {err}"))
}

/// Runs `cmd` quietly and returns its standard output.
pub fn output(cmd: &mut Command) -> Result<String> {
    let shown = show(cmd);
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("`{shown}` could not start: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!(
            "`{shown}` exited with {}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// `1.2 s`, `3 min 04 s`.
pub fn human(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 60.0 {
        format!("{s:.1} s")
    } else {
        format!("{} min {:02} s", d.as_secs() / 60, d.as_secs() % 60)
    }
}

/// A sequence of named steps: each one announced, timed, and listed in a summary at the end.
pub struct Steps {
    task: &'static str,
    started: Instant,
    done: Vec<(String, Duration, &'static str)>,
}

impl Steps {
    pub fn new(task: &'static str) -> Steps {
        Steps {
            task,
            started: Instant::now(),
            done: Vec::new(),
        }
    }

    /// Runs one step. On failure, prints the summary so far and returns an error naming the step.
    pub fn step(&mut self, name: &str, f: impl FnOnce() -> Result<Outcome>) -> Result {
        println!("\n==> {}: {name}", self.task);
        let t = Instant::now();
        let result = f();
        let took = t.elapsed();
        match result {
            Ok(outcome) => {
                let word = match outcome {
                    Outcome::Done => "ok",
                    Outcome::Skipped => "skipped",
                };
                println!("<== {}: {name}: {word} ({})", self.task, human(took));
                self.done.push((name.to_string(), took, word));
                Ok(())
            }
            Err(e) => {
                self.done.push((name.to_string(), took, "FAILED"));
                self.summary();
                Err(format!("step \"{name}\" failed: {e}"))
            }
        }
    }

    /// Prints every step with its outcome and time, and the total.
    pub fn summary(&self) {
        println!("\n{} steps:", self.task);
        for (name, took, word) in &self.done {
            println!("  {word:<8} {name:<40} {}", human(*took));
        }
        println!("  total    {:<40} {}", "", human(self.started.elapsed()));
    }
}

/// How a step ended when it did not fail.
pub enum Outcome {
    Done,
    /// Not applicable here (the reason was printed).
    Skipped,
}
