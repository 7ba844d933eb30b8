//! The structure ARCHITECTURE.md promises, checked on the source text: the core names no
//! browser type, and no stage imports a later one (`python3 tools/import_graph.py` prints the
//! whole graph).

use crate::util::crate_file;
use std::path::{Path, PathBuf};

/// The stages of `src/`, lowest first: a module may name its own stage and earlier ones.
const STAGES: &[&[&str]] = &[
    &["util", "colour"],
    &["layout"],
    &["data"],
    &["validate"],
    &["import"],
    &["view"],
    &["picture"],
    &["reader"],
    &["export", "benchmark"],
    &["web"],
];

fn rank(top: &str) -> Option<usize> {
    STAGES.iter().position(|stage| stage.contains(&top))
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable src/") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

/// The file's code before its unit tests (tests may reach anywhere), without comments.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("readable");
    let code = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => &text[..],
    };
    code.lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Stages named through `crate::STAGE` in `code`.
fn named_stages(code: &str) -> Vec<String> {
    code.match_indices("crate::")
        .map(|(at, m)| {
            code[at + m.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        })
        .collect()
}

/// Each file of `src/` with the top-level folder it is in (None for lib.rs, main.rs, cli.rs).
fn sources() -> Vec<(PathBuf, Option<String>)> {
    let src = crate_file("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let rel = f.strip_prefix(&src).expect("under src/").to_path_buf();
            let top = (rel.components().count() > 1)
                .then(|| rel.components().next())
                .flatten()
                .map(|c| c.as_os_str().to_string_lossy().into_owned());
            (f, top)
        })
        .collect()
}

#[test]
fn the_core_names_no_browser_crate() {
    let mut offenders = Vec::new();
    for (file, top) in sources() {
        if top.as_deref() == Some("web") {
            continue;
        }
        let code = code(&file);
        for name in ["web_sys", "js_sys", "wasm_bindgen", "plotters_canvas"] {
            // lib.rs declares the shell (`mod web`), behind cfg(wasm32), and names none.
            if code.contains(&format!("{name}::")) || code.contains(&format!("use {name}")) {
                offenders.push(format!("{} names {name}", file.display()));
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}

#[test]
fn no_stage_imports_a_later_one() {
    let mut upward = Vec::new();
    let mut checked = 0;
    for (file, top) in sources() {
        let Some(from) = top.as_deref().and_then(rank) else {
            continue;
        };
        checked += 1;
        for named in named_stages(&code(&file)) {
            if let Some(to) = rank(&named) {
                if to > from {
                    upward.push(format!("{} → crate::{named}", file.display()));
                }
            }
        }
    }
    assert!(checked > 50, "only {checked} files read");
    assert!(
        upward.is_empty(),
        "imports against the stage order: {upward:#?}"
    );
}

#[test]
fn every_folder_of_src_is_a_stage() {
    let src = crate_file("src");
    for entry in std::fs::read_dir(&src).expect("src/") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                rank(&name).is_some(),
                "src/{name}/ is in no stage of STAGES"
            );
        }
    }
}

#[test]
fn an_upward_import_would_be_found() {
    let stages = named_stages("use crate::picture::scene::Scene;\nlet x = crate::web::dom::x();");
    assert_eq!(stages, ["picture", "web"]);
    assert!(rank("web") > rank("picture"));
}
