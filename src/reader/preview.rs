//! The page's preview of an editor's own file (`?preview`, issue 21): whether the page offers
//! it, what kind of file was dropped, the checks (`validate::check` and the story's, the
//! problems, paths and lines the CLI's `validate` prints) and every word the picker says. The
//! web shell (`web/preview.rs`) only reads the file's text on the reader's machine and draws.

use crate::validate::{self, Problem, Report};
use crate::view::options::query_pairs;

/// What the picker says, in `index.html` (a native test checks that it is there).
pub const PROMPT: &str = "Drop a JSON or CSV file, or choose one: it stays on your computer";

/// The query key that turns the preview on: `?preview` (any value but `0` or `no`).
pub const QUERY_KEY: &str = "preview";

/// Whether the page's query string asks for the preview.
pub fn wanted(search: &str) -> bool {
    query_pairs(search)
        .iter()
        .any(|(key, value)| key == QUERY_KEY && !matches!(value.trim(), "0" | "no" | "false"))
}

/// What a dropped file is, by its name, else by its first characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Json,
    Csv,
}

pub fn kind_of(name: &str, text: &str) -> Option<FileKind> {
    let lower = crate::util::caseless::lower(name);
    if lower.ends_with(".json") {
        return Some(FileKind::Json);
    }
    if lower.ends_with(".csv") || lower.ends_with(".tsv") || lower.ends_with(".txt") {
        return Some(FileKind::Csv);
    }
    // A name without a telling extension: a JSON dataset is an object.
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('{') {
        Some(FileKind::Json)
    } else {
        None
    }
}

/// A file as the browser handed it over: its name and its text.
pub struct DroppedFile {
    pub name: String,
    pub text: String,
}

/// A file the preview could check: its name, the validator's report and every problem to list
/// (the report's, then the story's, with their lines).
pub struct Checked {
    pub name: String,
    pub report: Report,
    pub problems: Vec<Problem>,
}

/// Why nothing could be checked: a heading and its lines, for the error panel.
#[derive(Debug, PartialEq, Eq)]
pub struct Refusal {
    pub heading: String,
    pub lines: Vec<String>,
}

/// Checks the dropped files: the first JSON dataset among them (a second drop replaces the
/// first; several files at once are a dataset and its companions, and only JSON is read).
pub fn check(files: &[DroppedFile]) -> Result<Checked, Refusal> {
    let Some(first) = files.first() else {
        return Err(Refusal {
            heading: "No file was dropped".into(),
            lines: vec![PROMPT.into()],
        });
    };
    let json = files
        .iter()
        .find(|f| kind_of(&f.name, &f.text) == Some(FileKind::Json));
    let Some(file) = json else {
        return Err(refusal_of(first));
    };
    if file.text.trim().is_empty() {
        return Err(Refusal {
            heading: format!("{} cannot be previewed", shown_name(&file.name)),
            lines: vec!["the file is empty".into()],
        });
    }
    Ok(check_json(&file.name, &file.text))
}

/// The validator's report and every problem `validate` would list for this text (the story's
/// views and marks too), each with its line.
pub fn check_json(name: &str, text: &str) -> Checked {
    let report = validate::check(text);
    let mut problems = report.problems.clone();
    if let Some(dataset) = &report.dataset {
        let mut story = super::story::problems(dataset);
        validate::add_lines(text, &mut story);
        problems.extend(story);
    }
    Checked {
        name: name.to_string(),
        report,
        problems,
    }
}

fn refusal_of(file: &DroppedFile) -> Refusal {
    let name = shown_name(&file.name);
    let line = match kind_of(&file.name, &file.text) {
        Some(FileKind::Csv) => {
            "CSV files are not read by this page yet: turn it into a dataset with \
             `influence-flows import`, then drop the JSON"
                .to_string()
        }
        _ => "choose a JSON dataset (.json), as `influence-flows validate` reads".to_string(),
    };
    Refusal {
        heading: format!("{name} cannot be previewed"),
        lines: vec![line],
    }
}

/// The heading of the error panel when the file draws but some of it was left out or warned.
pub fn drawn_with_problems(checked: &Checked) -> String {
    let rejected = checked.report.rejected_count();
    let name = shown_name(&checked.name);
    let n = checked.problems.len();
    match rejected {
        0 => format!("{name} is drawn; {n} problem(s) to look at"),
        _ => format!(
            "{name} is drawn without {rejected} of its {} flows; {n} problem(s)",
            checked.report.total_flows
        ),
    }
}

/// The status line above the chart while a file is previewed.
pub fn status(name: &str) -> String {
    format!(
        "Previewing {}, read on this computer: nothing was sent. Reload the page for the \
         published data.",
        shown_name(name)
    )
}

/// A file name as the page shows it: control characters escaped, at most 80 characters.
pub fn shown_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect();
    if clean.chars().count() > 80 {
        let cut: String = clean.chars().take(79).collect();
        format!("{cut}…")
    } else if clean.is_empty() {
        "the file".into()
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> DroppedFile {
        DroppedFile {
            name: name.into(),
            text: text.into(),
        }
    }

    #[test]
    fn the_query_turns_the_preview_on() {
        assert!(wanted("?preview"));
        assert!(wanted("?theme=dark&preview=1"));
        assert!(wanted("preview"));
        assert!(!wanted(""));
        assert!(!wanted("?preview=0"));
        assert!(!wanted("?previews"));
        assert!(!wanted("?theme=dark"));
    }

    #[test]
    fn file_kind_by_name_then_content() {
        assert_eq!(kind_of("data.JSON", ""), Some(FileKind::Json));
        assert_eq!(kind_of("flows.csv", "{"), Some(FileKind::Csv));
        assert_eq!(kind_of("blob", "\u{feff}  {\"a\":1}"), Some(FileKind::Json));
        assert_eq!(kind_of("notes.md", "# hello"), None);
    }

    #[test]
    fn index_html_says_the_prompt() {
        assert!(include_str!("../../index.html").contains(PROMPT));
    }

    #[test]
    fn the_problems_are_the_validators_with_paths_and_lines() {
        let text = include_str!("../../data/mali.json");
        let broken = text.replacen("\"target\": \"", "\"target\": \"nobody-", 1);
        assert_ne!(broken, text, "the stand-in edit applies");
        let checked = check(&[file("mine.json", &broken)]).expect("checked");
        let report = validate::check(&broken);
        assert_eq!(checked.problems.len(), report.problems.len());
        assert_eq!(checked.report.rejected_count(), 1);
        let first = checked.problems[0].to_string();
        assert!(first.starts_with("flows[0].target (line "), "{first}");
        assert!(
            checked.report.dataset.is_some(),
            "one bad flow rejects that flow only"
        );
        assert_eq!(
            drawn_with_problems(&checked),
            format!(
                "mine.json is drawn without 1 of its {} flows; {} problem(s)",
                report.total_flows,
                report.problems.len()
            )
        );
    }

    #[test]
    fn a_broken_dataset_lists_every_problem() {
        let checked = check(&[file("x.json", "{\"title\": 3, \"flows\": [}")]).expect("checked");
        assert!(checked.report.dataset.is_none());
        assert!(!checked.problems.is_empty());
        assert!(checked.problems[0].line.is_some());
    }

    #[test]
    fn the_json_among_several_files_is_read() {
        let text = include_str!("../../data/mali.json");
        let checked = check(&[file("notes.txt", "a,b"), file("mali.json", text)]).expect("ok");
        assert_eq!(checked.name, "mali.json");
        assert!(checked.report.dataset.is_some());
    }

    #[test]
    fn what_is_not_previewed_says_why() {
        let refusal = check(&[file("photo.png", "\u{89}PNG")])
            .err()
            .expect("refused");
        assert_eq!(refusal.heading, "photo.png cannot be previewed");
        assert!(refusal.lines[0].contains(".json"));
        assert!(check(&[]).is_err());
        let empty = check(&[file("empty.json", "  \n")]).err().expect("refused");
        assert_eq!(empty.lines, vec!["the file is empty".to_string()]);
    }

    #[test]
    fn names_are_shown_safely() {
        assert_eq!(shown_name("a\u{7}b.json"), "a\u{fffd}b.json");
        assert_eq!(shown_name(""), "the file");
        assert_eq!(shown_name(&"x".repeat(100)).chars().count(), 80);
        assert!(status("m.json").starts_with("Previewing m.json, read on this computer"));
    }
}
