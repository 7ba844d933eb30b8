//! The dataset's story: the steps an article walks the reader through, read as links are.
//!
//! A step's view and highlight are URL-hash text (`url_state`), so they can only be read once
//! the dataset they name is known: `problems` does that for `validate` (the CLI) and for the
//! page's console, with the JSON path of each; `annotations` finds the marks a step's
//! annotations point at in the view drawn.

use crate::data::model::Dataset;
use crate::picture::highlight::Target;
use crate::reader::url_state::{self, Selection};
use crate::validate::{element, member, Problem};
use crate::view::View;

/// What is wrong with the story's views, highlights and annotation marks: a part a link
/// would leave out (an unknown kind, actor or status, a malformed period), or a mark the
/// step's own view does not draw. Errors: a story that points at nothing misleads.
pub fn problems(dataset: &Dataset) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (i, step) in dataset.story.iter().enumerate() {
        let path = element("story", i);
        let at = |key: &str| member(&path, key);
        let is_step = |part: &&str| part.split('=').next() == Some("step");
        if step.view.split('&').any(|part| is_step(&part)) {
            problems.push(Problem::error(
                at("view"),
                "a step's view cannot name a step; write its filters",
            ));
        }
        let filters: Vec<&str> = step.view.split('&').filter(|p| !is_step(p)).collect();
        let (state, notes) = url_state::decode(&filters.join("&"), dataset);
        problems.extend(notes.into_iter().map(|n| Problem::error(at("view"), n)));
        if state.selection.is_some() {
            problems.push(Problem::error(
                at("view"),
                "sel= in a step's view: say what to light up in \"highlight\" instead",
            ));
        }
        let view = View::new(dataset, &state.filters);
        let mut marks: Vec<(String, &str)> = Vec::new();
        if let Some(highlight) = &step.highlight {
            marks.push((at("highlight"), highlight));
        }
        for (j, annotation) in step.annotations.iter().enumerate() {
            let annotation_path = element(&at("annotations"), j);
            marks.push((member(&annotation_path, "on"), &annotation.on));
        }
        for (mark_path, text) in marks {
            let (selection, notes) = url_state::read_selection(text, dataset);
            let nothing = notes.is_empty() && selection.is_none();
            problems.extend(notes.into_iter().map(|n| Problem::error(&mark_path, n)));
            if nothing {
                problems.push(Problem::error(&mark_path, "names no mark"));
            }
            if let Some(selection) = selection {
                if url_state::target_of(&view, &selection).is_none() {
                    problems.push(Problem::error(
                        &mark_path,
                        format!(
                            "“{text}” is not drawn in this step's view ({}); show it in \"view\" or point at a mark it draws",
                            if step.view.is_empty() { "every flow" } else { &step.view }
                        ),
                    ));
                }
            }
        }
    }
    problems
}

/// The annotations of step `n` (from 1) whose marks `view` draws, with their texts; the
/// others are left out (`problems` reports them).
pub fn annotations(dataset: &Dataset, view: &View, n: usize) -> Vec<(Target, String)> {
    let Some(step) = n.checked_sub(1).and_then(|i| dataset.story.get(i)) else {
        return Vec::new();
    };
    step.annotations
        .iter()
        .filter_map(|annotation| {
            let (selection, _) = url_state::read_selection(&annotation.on, dataset);
            let target = url_state::target_of(view, &selection?)?;
            Some((target, annotation.text.clone()))
        })
        .collect()
}

/// The line the step control shows: "Step 2 of 6".
pub fn position(n: usize, steps: usize) -> String {
    format!("Step {n} of {steps}")
}

/// The caption of step `n` with its source named, for the page and its live region:
/// "“…” — A Brief Review Of Russia’s Influence Over Mali".
pub fn caption(dataset: &Dataset, n: usize) -> Option<(String, String)> {
    let step = dataset.story.get(n.checked_sub(1)?)?;
    let source = dataset
        .source(&step.source)
        .map_or(step.source.clone(), |s| s.title.clone());
    Some((step.caption.clone(), source))
}

/// The selection a step lights up, if it names one the dataset has.
pub fn highlight(dataset: &Dataset, n: usize) -> Option<Selection> {
    let step = dataset.story.get(n.checked_sub(1)?)?;
    url_state::read_selection(step.highlight.as_deref()?, dataset).0
}

/// Places step `n`'s annotations on `chart`'s scene (none for no step): the page, the
/// exports and the CLI's drawings all go through here.
pub fn annotate(
    dataset: &Dataset,
    chart: &mut crate::picture::chart::Chart,
    step: Option<usize>,
    measure: &dyn crate::layout::TextMeasure,
    theme: &crate::colour::theme::Theme,
) {
    let notes = step.map_or_else(Vec::new, |n| annotations(dataset, &chart.view, n));
    chart.scene.annotations =
        crate::picture::annotate::place(&chart.scene, &chart.layout, &notes, measure, theme);
}
