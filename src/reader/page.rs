//! The page's markup hooks: every element the web shell finds in `index.html` (and so in an
//! element embed's copy of it), by its class. One list, so that a renamed class fails a
//! native test (`index.html` has each) instead of a reader's page.

/// (selector, what the shell does with it).
pub const HOOKS: &[(&str, &str)] = &[
    (
        FIGURE,
        "one chart and its frame; its data attributes are embed options",
    ),
    (HEADER, "title and subtitle, hidden by title=0"),
    (TITLE, "the dataset's title"),
    (SUBTITLE, "the dataset's subtitle"),
    (
        STAGE,
        "the chart's box: measured for the width, one tab stop",
    ),
    (CANVAS, "the laid-out picture"),
    (
        OVERLAY,
        "highlight and focus ring, repainted on pointer moves",
    ),
    (TOOLTIP, "who gave what to whom, with the quote"),
    (LIVE, "what keyboard focus announces"),
    (PANEL, "the evidence panel of the pinned band or actor"),
    (LEGEND, "the kinds, as toggles"),
    (FROM, "the period's first year"),
    (TO, "the period's last year"),
    (PLAY, "the year player's button"),
    (FOLD, "the folding switch"),
    (ACTOR_LIST, "one checkbox per actor"),
    (
        VIEW_LINE,
        "the line above the chart, hidden while every flow is shown",
    ),
    (VIEW_CAPTION, "the first view's caption"),
    (VIEW_COUNT, "N of M flows shown"),
    (COUNTER, "drawn + filtered out + rejected = total"),
    (DOWNLOADS, "PNG, SVG and CSV buttons"),
    (TABLE_TOGGLE, "shows or hides the data table"),
    (TABLE_BOX, "the data table"),
    (SOURCES, "the source line"),
    (ERROR, "every problem, when the data cannot be drawn"),
    (
        PREVIEW,
        "the picker of an editor's own file, shown only with ?preview",
    ),
    (PREVIEW_DROP, "the drop zone around the file input"),
    (PREVIEW_INPUT, "the file input"),
    (PREVIEW_STATUS, "which file is previewed"),
    (
        STORY,
        "the story's step control: previous, next, the step and its caption",
    ),
];

pub const FIGURE: &str = ".if-figure";
pub const STORY: &str = ".if-story";
pub const HEADER: &str = ".if-header";
pub const TITLE: &str = ".if-title";
pub const SUBTITLE: &str = ".if-subtitle";
pub const STAGE: &str = ".if-stage";
pub const CANVAS: &str = "canvas.if-canvas";
pub const OVERLAY: &str = "canvas.if-overlay";
pub const TOOLTIP: &str = ".if-tooltip";
pub const LIVE: &str = ".if-live";
pub const PANEL: &str = ".if-panel";
pub const LEGEND: &str = ".if-legend";
pub const FROM: &str = ".if-from";
pub const TO: &str = ".if-to";
pub const PLAY: &str = ".if-play";
pub const FOLD: &str = ".if-fold";
pub const ACTOR_LIST: &str = ".if-actor-list";
pub const VIEW_LINE: &str = ".if-view-line";
pub const VIEW_CAPTION: &str = ".if-view-caption";
pub const VIEW_COUNT: &str = ".if-view-count";
pub const COUNTER: &str = ".if-counter";
pub const DOWNLOADS: &str = ".if-downloads";
pub const TABLE_TOGGLE: &str = ".if-table-toggle";
pub const TABLE_BOX: &str = ".if-table-box";
pub const SOURCES: &str = ".if-sources";
pub const ERROR: &str = ".if-error";
pub const PREVIEW: &str = ".if-preview";
pub const PREVIEW_DROP: &str = ".if-preview-drop";
pub const PREVIEW_INPUT: &str = "input.if-preview-input";
pub const PREVIEW_STATUS: &str = ".if-preview-status";

#[cfg(test)]
mod tests {
    use super::*;

    /// The class of a simple selector: `canvas.if-canvas` → `if-canvas`.
    fn class(selector: &str) -> &str {
        selector.rsplit('.').next().unwrap_or(selector)
    }

    #[test]
    fn index_html_has_every_hook_the_shell_finds() {
        let html = include_str!("../../index.html");
        for (selector, what) in HOOKS {
            let class = class(selector);
            let found = html.match_indices(class).any(|(at, _)| {
                // a whole class name, not a prefix of a longer one
                let next = html[at + class.len()..].chars().next();
                !matches!(next, Some(c) if c.is_ascii_alphanumeric() || c == '-')
            });
            assert!(found, "index.html has no {selector} ({what})");
        }
    }

    #[test]
    fn a_missing_hook_would_be_caught() {
        let html = "<div class=\"if-figure\"><p class=\"if-counter-x\"></p></div>";
        assert!(html.contains(class(FIGURE)));
        // `if-counter` only as a prefix of another class does not count.
        let at = html.find(class(COUNTER)).unwrap();
        assert_eq!(&html[at + class(COUNTER).len()..][..1], "-");
    }

    #[test]
    fn hooks_are_listed_once() {
        let mut selectors: Vec<&str> = HOOKS.iter().map(|(s, _)| *s).collect();
        let n = selectors.len();
        crate::util::sort::sort(&mut selectors[..]);
        selectors.dedup();
        assert_eq!(selectors.len(), n);
    }
}
