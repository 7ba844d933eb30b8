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
    /// For a spreadsheet, where each problem is in it ("flows.csv row 9, column `quote`"),
    /// as `import` says; empty for a JSON file.
    pub places: Vec<Option<String>>,
}

impl Checked {
    /// What the error panel lists: a heading and every problem, as the CLI prints them; `None`
    /// when there is nothing to say.
    pub fn panel(&self) -> Option<(String, Vec<String>)> {
        if self.problems.is_empty() {
            return None;
        }
        let heading = match self.report.dataset {
            Some(_) => drawn_with_problems(self),
            None => format!(
                "The data in {} has {} problem(s)",
                shown_name(&self.name),
                self.problems.len()
            ),
        };
        let lines = self
            .problems
            .iter()
            .enumerate()
            .map(|(i, problem)| match self.places.get(i) {
                Some(Some(place)) => format!("{problem} [{place}]"),
                _ => problem.to_string(),
            })
            .collect();
        Some((heading, lines))
    }
}

/// Why nothing could be checked: a heading and its lines, for the error panel.
#[derive(Debug, PartialEq, Eq)]
pub struct Refusal {
    pub heading: String,
    pub lines: Vec<String>,
}

/// Checks the dropped files. A JSON file alone is a dataset; CSV files are a spreadsheet
/// (`import::import`): the flows, with an actors CSV (its name says `actor`) and a JSON of
/// the rest (`meta.json`) when dropped together. A second drop replaces the first.
pub fn check(files: &[DroppedFile]) -> Result<Checked, Refusal> {
    let Some(first) = files.first() else {
        return Err(Refusal {
            heading: "No file was dropped".into(),
            lines: vec![PROMPT.into()],
        });
    };
    let of_kind = |kind| {
        files
            .iter()
            .filter(move |f| kind_of(&f.name, &f.text) == Some(kind))
    };
    let json = of_kind(FileKind::Json).next();
    let (actors, flows): (Vec<&DroppedFile>, Vec<&DroppedFile>) = of_kind(FileKind::Csv)
        .partition(|f| crate::util::caseless::lower(&f.name).contains("actor"));
    if flows.is_empty() && !actors.is_empty() {
        return Err(Refusal {
            heading: format!("{} cannot be previewed alone", shown_name(&actors[0].name)),
            lines: vec!["drop the flows CSV together with the actors CSV".into()],
        });
    }
    if let Some(flows) = flows.first() {
        return check_csv(flows, actors.first().copied(), json);
    }
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

/// A spreadsheet: its row and column problems, else the dataset it makes, checked. The
/// validator's lines are left out (they count lines of a JSON text the editor never sees);
/// `import::Rows` says where each problem is in the spreadsheet instead.
fn check_csv(
    flows: &DroppedFile,
    actors: Option<&DroppedFile>,
    meta: Option<&DroppedFile>,
) -> Result<Checked, Refusal> {
    let name = match (actors, meta) {
        (None, None) => flows.name.clone(),
        (Some(a), None) => format!("{} with {}", flows.name, a.name),
        (None, Some(m)) => format!("{} with {}", flows.name, m.name),
        (Some(a), Some(m)) => format!("{} with {} and {}", flows.name, a.name, m.name),
    };
    let (json, rows) = crate::import::import(
        &flows.text,
        actors.map(|a| a.text.as_str()),
        meta.map(|m| m.text.as_str()),
    )
    .map_err(|problems| Refusal {
        heading: format!(
            "The data in {} has {} problem(s)",
            shown_name(&name),
            problems.len()
        ),
        lines: problems
            .into_iter()
            .map(|mut p| {
                // The dropped files' own names, not the ones the format gives them.
                p.file = match p.file.as_str() {
                    "actors.csv" => actors.map_or(p.file, |a| a.name.clone()),
                    "meta.json" => meta.map_or(p.file, |m| m.name.clone()),
                    _ => flows.name.clone(),
                };
                p.to_string()
            })
            .collect(),
    })?;
    let mut checked = check_json(&name, &json);
    for problem in &mut checked.problems {
        problem.line = None;
    }
    checked.places = checked
        .problems
        .iter()
        .map(|p| {
            let place = rows.locate(&p.path)?;
            // The dropped files' own names, as the CLI gives the files' paths.
            Some(match place.split_once(' ') {
                Some(("actors.csv", rest)) => {
                    format!("{} {rest}", actors.map_or("actors.csv", |a| &a.name))
                }
                Some((_, rest)) => format!("{} {rest}", flows.name),
                None => place,
            })
        })
        .collect();
    Ok(checked)
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
        places: Vec::new(),
    }
}

fn refusal_of(file: &DroppedFile) -> Refusal {
    Refusal {
        heading: format!("{} cannot be previewed", shown_name(&file.name)),
        lines: vec![
            "choose a JSON dataset (.json) or a CSV of flows (.csv), as \
                     `influence-flows validate` and `import` read them"
                .to_string(),
        ],
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
        let checked = check(&[file("notes.md", "# draft"), file("mali.json", text)]).expect("ok");
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
    fn a_spreadsheet_is_imported_then_checked() {
        let dataset = crate::validate::load(include_str!("../../data/mali.json")).expect("valid");
        let (flows, actors, meta) = crate::import::to_csv(&dataset);
        let checked = check(&[
            file("Mali flows.csv", &flows),
            file("mali-actors.csv", &actors),
            file("meta.json", &meta),
        ])
        .expect("imported");
        assert_eq!(
            checked.name,
            "Mali flows.csv with mali-actors.csv and meta.json"
        );
        let drawn = checked.report.dataset.as_ref().expect("a dataset");
        assert_eq!(drawn.flows.len(), dataset.flows.len());
        assert_eq!(checked.report.rejected_count(), 0);
        assert!(checked.problems.iter().all(|p| p.line.is_none()));
    }

    #[test]
    fn a_spreadsheets_problems_name_the_dropped_files() {
        let dataset = crate::validate::load(include_str!("../../data/mali.json")).expect("valid");
        let (flows, actors, meta) = crate::import::to_csv(&dataset);
        let header = flows.lines().next().expect("a header");
        let columns: Vec<&str> = header.split(',').collect();
        let start = columns
            .iter()
            .position(|c| *c == "start")
            .expect("a start column");
        // The first flow's row with a month that is no month.
        let row = flows.lines().nth(1).expect("a row");
        let mut cells: Vec<String> = row.split(',').map(String::from).collect();
        cells[start] = "2022-13".into();
        let broken = flows.replacen(row, &cells.join(","), 1);
        let refusal = check(&[
            file("draft.csv", &broken),
            file("people-actors.csv", &actors),
            file("meta.json", &meta),
        ])
        .err()
        .expect("refused");
        assert_eq!(
            refusal.heading,
            "The data in draft.csv with people-actors.csv and meta.json has 1 problem(s)"
        );
        assert!(
            refusal.lines[0].starts_with("draft.csv row 2, column `start`: "),
            "{:?}",
            refusal.lines
        );
        // A problem only the validator sees (an unknown actor) is placed in the spreadsheet.
        let giver = columns
            .iter()
            .position(|c| *c == "giver")
            .expect("a giver column");
        let mut cells: Vec<String> = row.split(',').map(String::from).collect();
        cells[giver] = "wagnr".into();
        let unknown = flows.replacen(row, &cells.join(","), 1);
        let checked = check(&[
            file("draft.csv", &unknown),
            file("meta.json", &meta),
            file("a-actors.csv", &actors),
        ])
        .expect("imported");
        let (heading, lines) = checked.panel().expect("a problem to list");
        assert!(
            heading
                .starts_with("draft.csv with a-actors.csv and meta.json is drawn without 1 of its"),
            "{heading}"
        );
        assert!(
            lines.iter().any(
                |l| l.starts_with("flows[0].source: unknown actor \"wagnr\"")
                    && l.ends_with("[draft.csv row 2, column `giver`]")
            ),
            "{lines:#?}"
        );
        let alone = check(&[file("actors.csv", &actors)])
            .err()
            .expect("refused");
        assert_eq!(alone.heading, "actors.csv cannot be previewed alone");
    }

    #[test]
    fn names_are_shown_safely() {
        assert_eq!(shown_name("a\u{7}b.json"), "a\u{fffd}b.json");
        assert_eq!(shown_name(""), "the file");
        assert_eq!(shown_name(&"x".repeat(100)).chars().count(), 80);
        assert!(status("m.json").starts_with("Previewing m.json, read on this computer"));
    }
}
