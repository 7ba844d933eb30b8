//! The command-line program as a user runs it.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_influence-flows"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the program runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn validate_accepts_the_dataset() {
    let out = run(&["validate", "data/mali.json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains(" flows"));
}

#[test]
fn validate_rejects_broken_json_with_its_line_and_exits_non_zero() {
    let dir = std::env::temp_dir().join(format!("if-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("broken.json");
    std::fs::write(
        &file,
        "{\n  \"format\": \"influence-flows/1\",\n  \"title\": ,\n}",
    )
    .unwrap();
    let out = run(&["validate", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("line 3"), "{err}");
}

#[test]
fn layout_prints_nodes_and_bands_as_json() {
    let out = run(&["layout", "data/mali.json", "--width", "800"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["width"], 800.0);
    let nodes = json["nodes"].as_array().unwrap();
    let links = json["links"].as_array().unwrap();
    assert!(!nodes.is_empty() && !links.is_empty());
    for node in nodes {
        assert!(node["column"].is_u64());
        assert!(node["rect"]["y1"].as_f64().unwrap() > node["rect"]["y0"].as_f64().unwrap());
    }
    for link in links {
        for field in ["width", "source_y", "target_y"] {
            assert!(link[field].as_f64().unwrap().is_finite(), "{field}");
        }
        assert!(link["via"].is_array());
        assert!(!link["flows"].as_array().unwrap().is_empty());
    }
}

#[test]
fn render_writes_an_svg() {
    let out_file = std::env::temp_dir().join(format!("if-render-{}.svg", std::process::id()));
    let out = run(&["render", "data/mali.json", "-o", out_file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let svg = std::fs::read_to_string(&out_file).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("<polygon"));
}

#[test]
fn unknown_options_are_refused_with_usage() {
    let out = run(&["render", "data/mali.json", "--colour", "red"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("unknown option --colour"));
}

#[test]
fn layout_reads_plain_graphs_and_says_how_to_fix_untrimmed_names() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/benchmarks");
    if !dir.is_dir() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    let out = run(&["layout", dir.join("wri.json").to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["graph"].as_array().unwrap().len(), 40);
    assert_eq!(json["bands"].as_array().unwrap().len(), 85);
    assert_eq!(json["columns"], 4);

    let heur = dir.join("heur.json");
    let out = run(&["layout", heur.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("links[56].target"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&["layout", heur.to_str().unwrap(), "--trim-names", "yes"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("trimmed"));
}

/// `coverage` on the real dataset passes where the sources are, and fails naming the sentence
/// (and the ledger's path and line) on a sentence removed from the ledger or from a document.
#[test]
fn coverage_passes_on_mali_and_fails_naming_the_sentence() {
    let sources = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/sources");
    if !sources.is_dir() {
        eprintln!("note: no ../shared/sources; coverage check skipped");
        return;
    }
    let sources = sources.to_str().unwrap();
    let out = run(&["coverage", "data/mali.json", "--sources", sources]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains(" 0 uncovered"),
        "{}",
        text(&out.stdout)
    );

    let dir = std::env::temp_dir().join(format!("if-coverage-{}", std::process::id()));
    let docs = dir.join("sources");
    std::fs::create_dir_all(&docs).unwrap();
    for entry in std::fs::read_dir(sources).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), docs.join(entry.file_name())).unwrap();
    }
    let data = dir.join("mali.json");
    std::fs::copy("data/mali.json", &data).unwrap();
    let ledger = std::fs::read_to_string("data/mali.coverage.json").unwrap();
    let sentence =
        "Gold is Mali’s most important export, comprising more than 80% of total exports in 2021.";
    let dataset = data.to_str().unwrap();
    let docs = docs.to_str().unwrap();

    // A sentence taken out of the ledger: uncovered.
    let entry = format!(
        "    {{\n      \"source\": \"hrf\",\n      \"sentence\": \"{sentence}\",\n      \"excluded\": \"background: Mali’s exports\"\n    }},\n"
    );
    assert!(ledger.contains(&entry));
    std::fs::write(dir.join("mali.coverage.json"), ledger.replace(&entry, "")).unwrap();
    let out = run(&["coverage", dataset, "--sources", docs]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("uncovered: sentence "), "{err}");
    assert!(err.contains(&format!("of \"hrf\" (003_4778c8cab7f80b60.txt) names Mali and is not in the ledger: “{sentence}”")), "{err}");
    assert!(err.contains(" 1 uncovered; "), "{err}");

    // The sentence taken out of its document: the ledger entry is stale, at its path and line.
    std::fs::write(dir.join("mali.coverage.json"), &ledger).unwrap();
    let hrf = docs.to_string() + "/003_4778c8cab7f80b60.txt";
    let doc = std::fs::read_to_string(&hrf).unwrap();
    std::fs::write(&hrf, doc.replace(&format!("{sentence} "), "")).unwrap();
    let out = run(&["coverage", dataset, "--sources", docs]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    let line = ledger[..ledger.find(sentence).unwrap()].lines().count();
    assert!(
        err.contains(&format!(".sentence (line {line}): stale: this sentence is no longer in \"hrf\" (003_4778c8cab7f80b60.txt): “{sentence}”")),
        "{err}"
    );
    assert!(err.contains("mali.coverage.json: sentences["), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

/// The page reads a baked dataset without checking it again: `order` bakes only a dataset
/// with no error at all, not even one confined to a flow.
#[test]
fn order_refuses_a_dataset_with_any_error() {
    let dir = std::env::temp_dir().join(format!("if-order-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let shipped = std::fs::read_to_string("data/mali.json").unwrap();
    let broken = shipped.replacen("\"flows\": [", "\"flows\": [{\"id\": 1},", 1);
    assert_ne!(broken, shipped);
    let file = dir.join("broken.json");
    std::fs::write(&file, broken).unwrap();
    let out = run(&["order", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("flows[0]"), "{stderr}");
    let ok = run(&["order", "data/mali.json"]);
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    assert!(text(&ok.stdout).contains("\"dataset\""));
}
