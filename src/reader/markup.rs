//! The words and controls around the chart, as data: title, subtitle, legend, period selects,
//! actor list, source line, the view line and the counter. One source for both front ends: the
//! release build writes them into `index.html` as HTML text (`export::prerender`), so the page
//! has its final shape before any script runs, and the web shell checks the page's elements
//! against the same `Fill`s and builds only what differs (another dataset or a shared link's
//! view), so the two cannot drift.
//!
//! The words of ours are in the chart's `Lang` (`util::lang`); the prerendered page is English,
//! with the French of each word beside it (`export::prerender`, swapped in by `src/web/lang.js`).
//!
//! Swatches are small SVGs with a `fill` attribute, not spans with an inline style: a strict
//! Content-Security-Policy (`style-src 'self'`) drops style attributes written in the HTML.

use crate::data::model::{Dataset, Kind};
use crate::reader::inspect;
use crate::reader::page;
use crate::reader::url_state;
use crate::util::lang::Lang;
use crate::view::accounting::Accounting;
use crate::view::family::{self, Shown};
use crate::view::{Counts, Filters};

/// An element: a tag, its attributes and either its text or its children.
#[derive(Debug, Clone, PartialEq)]
pub struct Markup {
    pub tag: &'static str,
    pub attrs: Vec<(&'static str, String)>,
    pub text: Option<String>,
    pub children: Vec<Markup>,
}

impl Markup {
    /// `<tag class="class">`, without content.
    pub fn new(tag: &'static str, class: &str) -> Markup {
        let attrs = if class.is_empty() {
            Vec::new()
        } else {
            vec![("class", class.to_string())]
        };
        Markup {
            tag,
            attrs,
            text: None,
            children: Vec::new(),
        }
    }

    pub fn text(mut self, text: impl Into<String>) -> Markup {
        self.text = Some(text.into());
        self
    }

    pub fn attr(mut self, name: &'static str, value: impl Into<String>) -> Markup {
        self.attrs.push((name, value.into()));
        self
    }

    /// A boolean attribute (`hidden`, `checked`), present or not.
    fn flag(self, name: &'static str, on: bool) -> Markup {
        if on {
            self.attr(name, "")
        } else {
            self
        }
    }

    pub fn child(mut self, child: Markup) -> Markup {
        self.children.push(child);
        self
    }

    /// Whether the tag is an SVG element (the web shell creates it in the SVG namespace).
    pub fn is_svg(&self) -> bool {
        matches!(self.tag, "svg" | "rect")
    }
}

/// What goes into one element of the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// Its content stays as the page has it.
    Keep,
    Text(String),
    Children(Vec<Markup>),
}

/// One element of the page, found by its `hook` (a class selector of `reader::page`): boolean
/// or valued attributes set (`Some`) or removed (`None`), and its content.
#[derive(Debug, Clone, PartialEq)]
pub struct Fill {
    pub hook: &'static str,
    pub attrs: Vec<(&'static str, Option<String>)>,
    pub content: Content,
}

impl Fill {
    /// Only attributes change; the content stays.
    fn keep(hook: &'static str) -> Fill {
        Fill {
            hook,
            attrs: Vec::new(),
            content: Content::Keep,
        }
    }

    fn text(hook: &'static str, text: impl Into<String>) -> Fill {
        Fill {
            hook,
            attrs: Vec::new(),
            content: Content::Text(text.into()),
        }
    }

    fn children(hook: &'static str, children: Vec<Markup>) -> Fill {
        Fill {
            hook,
            attrs: Vec::new(),
            content: Content::Children(children),
        }
    }

    /// Sets boolean attribute `name` when `on`, removes it otherwise.
    fn flag(mut self, name: &'static str, on: bool) -> Fill {
        self.attrs.push((name, on.then(String::new)));
        self
    }
}

/// The frame that the dataset and the reader's `filters` give, built once per dataset: title,
/// subtitle, legend, period, player, fold, actors and sources. `years` is the dataset's span
/// (`view::year_span`). The interface's words are in `lang`; the dataset's stay as written.
pub fn frame(
    dataset: &Dataset,
    filters: &Filters,
    years: Option<(i32, i32)>,
    lang: Lang,
) -> Vec<Fill> {
    let mut fills = vec![Fill::text(page::TITLE, dataset.title.as_str())];
    if let Some(subtitle) = &dataset.subtitle {
        fills.push(Fill::text(page::SUBTITLE, subtitle.as_str()));
    }
    fills.push(Fill::children(page::LEGEND, legend(dataset, filters, lang)));
    let (from, to) = period(years, filters, lang);
    fills.push(Fill::children(page::FROM, from));
    fills.push(Fill::children(page::TO, to).flag("disabled", filters.years.is_none()));
    fills.push(Fill::keep(page::PLAY).flag("disabled", years.is_none()));
    fills.push(Fill::keep(page::FOLD).flag("checked", filters.fold_groups));
    fills.push(Fill::children(page::ACTOR_LIST, actors(dataset, filters)));
    fills.push(Fill::children(page::SOURCES, sources(dataset, lang)));
    fills
}

/// The lines that follow the view: above the chart, the first view's caption while it is shown
/// and "N of M flows shown" (the line is hidden when every flow is shown); below it, where every
/// flow went (`Accounting`). `rejected`: flows the validator left out.
pub fn view_lines(
    dataset: &Dataset,
    filters: &Filters,
    counts: &Counts,
    rejected: usize,
    lang: Lang,
) -> Vec<Fill> {
    let (shown, total) = (counts.shown, counts.total + rejected);
    let caption = dataset
        .view
        .as_ref()
        .filter(|_| *filters == url_state::first_view(dataset).0.filters)
        .map_or(String::new(), |v| v.caption.clone());
    vec![
        Fill::keep(page::VIEW_LINE).flag("hidden", shown >= total),
        Fill::text(page::VIEW_CAPTION, caption),
        Fill::text(page::VIEW_COUNT, lang.flows_shown(shown, total)),
        Fill::text(page::COUNTER, accounting(counts, rejected, lang)),
    ]
}

/// "Showing 95 of 99 flows; 2 filtered out" (`Accounting`) in `lang`.
fn accounting(counts: &Counts, rejected: usize, lang: Lang) -> String {
    let a = Accounting::of_view(counts, rejected);
    lang.accounting(a.drawn, a.total, a.filtered_out, a.rejected)
}

/// The legend: one entry per family (its colour), expanding to its kinds (their shades); a
/// dataset without families lists its kinds alone. Only kinds some flow uses. Each button is
/// pressed as `filters` show its kind or family.
fn legend(dataset: &Dataset, filters: &Filters, lang: Lang) -> Vec<Markup> {
    let used = |k: &&Kind| dataset.flows.iter().any(|f| f.kind == k.id);
    if dataset.families.is_empty() {
        return dataset
            .kinds
            .iter()
            .filter(used)
            .map(|kind| Markup::new("li", "if-legend-item").child(kind_button(kind, filters)))
            .collect();
    }
    let mut items = Vec::new();
    for family in &dataset.families {
        let kinds: Vec<&Kind> = dataset.kinds_of(&family.id).filter(used).collect();
        if kinds.is_empty() {
            continue;
        }
        let pressed = match family::shown(dataset, filters, &family.id) {
            Shown::All => "true",
            Shown::Part => "mixed",
            Shown::None => "false",
        };
        let mut button = Markup::new("button", "if-family-button")
            .attr("type", "button")
            .attr("aria-pressed", pressed)
            .attr("data-family", family.id.as_str());
        if let Some(description) = &family.description {
            button = button.attr("title", description.as_str());
        }
        let mut item = Markup::new("li", "if-legend-item if-legend-family");
        // A family of one kind of the same name needs no second entry.
        let alone = kinds.len() == 1 && kinds[0].label == family.label;
        if alone {
            button = button.attr("data-kind", kinds[0].id.as_str());
        }
        item = item.child(
            button
                .child(swatch(&family.color))
                .child(Markup::new("span", "if-legend-label").text(family.label.as_str())),
        );
        if !alone {
            let list = kinds.into_iter().fold(
                Markup::new("ul", "if-legend-kinds").attr(
                    "aria-label",
                    lang.labelled(&family.label, lang.words().kinds_of),
                ),
                |list, kind| {
                    list.child(
                        Markup::new("li", "if-legend-kind").child(kind_button(kind, filters)),
                    )
                },
            );
            item = item.child(list);
        }
        items.push(item);
    }
    // On a phone the kinds wait behind this (style/main.css); elsewhere it is hidden.
    items.push(
        Markup::new("li", "if-legend-item if-legend-more-item").child(
            Markup::new("button", "if-legend-more")
                .attr("type", "button")
                .attr("aria-expanded", "false")
                .text(lang.words().all_kinds),
        ),
    );
    items
}

fn kind_button(kind: &Kind, filters: &Filters) -> Markup {
    let shown = !filters.hidden_kinds.contains(&kind.id);
    let mut button = Markup::new("button", "")
        .attr("type", "button")
        .attr("aria-pressed", if shown { "true" } else { "false" })
        .attr("data-kind", kind.id.as_str());
    if let Some(description) = &kind.description {
        button = button.attr("title", description.as_str());
    }
    button
        .child(swatch(&kind.color))
        .child(Markup::new("span", "if-legend-label").text(kind.label.as_str()))
}

/// A square of `color` (`#rrggbb`, checked by the validator).
fn swatch(color: &str) -> Markup {
    Markup::new("svg", "if-swatch")
        .attr("viewBox", "0 0 1 1")
        .attr("aria-hidden", "true")
        .child(
            Markup::new("rect", "")
                .attr("width", "1")
                .attr("height", "1")
                .attr("fill", color),
        )
}

/// The value of the "From" select that means: no period filter, undated flows included.
pub const ANY_TIME: &str = "";

/// The options of the "From" and "to" selects, the ones `filters` ask for selected: "Any
/// time" and the last year while no period is set.
fn period(years: Option<(i32, i32)>, filters: &Filters, lang: Lang) -> (Vec<Markup>, Vec<Markup>) {
    let option = |value: String, text: String, selected: bool| {
        Markup::new("option", "")
            .attr("value", value)
            .flag("selected", selected)
            .text(text)
    };
    let mut from = vec![option(
        ANY_TIME.into(),
        lang.words().any_time.into(),
        filters.years.is_none(),
    )];
    let mut to = Vec::new();
    if let Some((first, last)) = years {
        let (a, b) = filters.years.unwrap_or((i32::MIN, last));
        for year in first..=last {
            from.push(option(year.to_string(), year.to_string(), year == a));
            to.push(option(year.to_string(), year.to_string(), year == b));
        }
    }
    (from, to)
}

/// One checkbox per actor, by name, ticked unless `filters` hide the actor.
fn actors(dataset: &Dataset, filters: &Filters) -> Vec<Markup> {
    let mut actors: Vec<_> = dataset.actors.iter().collect();
    crate::util::sort::by(&mut actors, |a, b| {
        crate::util::caseless::cmp(&a.name, &b.name)
    });
    actors
        .into_iter()
        .map(|actor| {
            let input = Markup::new("input", "")
                .attr("type", "checkbox")
                .attr("data-actor", actor.id.as_str())
                .flag("checked", !filters.hidden_actors.contains(&actor.id));
            Markup::new("li", "").child(
                Markup::new("label", "")
                    .child(input)
                    .child(Markup::new("span", "").text(actor.name.as_str())),
            )
        })
        .collect()
}

/// "Sources: " and each document's title (a link when it has a web address), its byline, and
/// the coverage line.
fn sources(dataset: &Dataset, lang: Lang) -> Vec<Markup> {
    let mut line = vec![Markup::new("span", "").text(lang.words().sources)];
    for (i, source) in dataset.sources.iter().enumerate() {
        if i > 0 {
            line.push(Markup::new("span", "").text("; "));
        }
        let title = match source.url.as_deref().filter(|u| inspect::is_web_url(u)) {
            Some(url) => Markup::new("a", "")
                .attr("href", url)
                .attr("rel", "noopener noreferrer"),
            None => Markup::new("cite", ""),
        };
        line.push(title.text(source.title.as_str()));
        if let Some(by) = inspect::byline(source, lang) {
            line.push(Markup::new("span", "").text(format!(" ({by})")));
        }
    }
    if let Some(coverage) = inspect::coverage_line(dataset, lang) {
        line.push(Markup::new("span", "if-coverage").text(format!(" {coverage}")));
    }
    line
}

/// `children` as HTML text, escaped as a browser serialises them (text: `& < >`; attribute
/// values: `& " < >`), so that the page parses back into exactly these elements.
pub fn to_html(children: &[Markup]) -> String {
    let mut out = String::new();
    for child in children {
        write_element(child, &mut out);
    }
    out
}

/// Elements that have no end tag.
fn is_void(tag: &str) -> bool {
    matches!(tag, "input" | "br" | "img" | "meta" | "link" | "hr")
}

fn write_element(element: &Markup, out: &mut String) {
    out.push('<');
    out.push_str(element.tag);
    for (name, value) in &element.attrs {
        out.push(' ');
        out.push_str(name);
        if !value.is_empty() {
            out.push_str("=\"");
            escape(value, true, out);
            out.push('"');
        }
    }
    out.push('>');
    if is_void(element.tag) {
        return;
    }
    if let Some(text) = &element.text {
        escape(text, false, out);
    }
    for child in &element.children {
        write_element(child, out);
    }
    out.push_str("</");
    out.push_str(element.tag);
    out.push('>');
}

/// `text` escaped for HTML text or (with `attribute`) a double-quoted attribute value.
pub fn escape(text: &str, attribute: bool, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::View;

    fn mali() -> Dataset {
        crate::validate::load(include_str!("../../data/mali.json")).expect("valid")
    }

    fn fill<'a>(fills: &'a [Fill], hook: &str) -> &'a Fill {
        fills.iter().find(|f| f.hook == hook).expect("filled")
    }

    fn children<'a>(fills: &'a [Fill], hook: &str) -> &'a [Markup] {
        match &fill(fills, hook).content {
            Content::Children(children) => children,
            other => panic!("{hook}: {other:?}"),
        }
    }

    /// Every element with `attr` = `value` under `markup`.
    fn count(markup: &[Markup], attr: &str, value: &str) -> usize {
        markup
            .iter()
            .map(|m| {
                usize::from(m.attrs.iter().any(|(n, v)| *n == attr && v == value))
                    + count(&m.children, attr, value)
            })
            .sum()
    }

    /// Every element under `markup`, depth first.
    fn all(markup: &[Markup]) -> Vec<&Markup> {
        markup
            .iter()
            .flat_map(|m| std::iter::once(m).chain(all(&m.children)))
            .collect()
    }

    fn get<'a>(m: &'a Markup, name: &str) -> Option<&'a str> {
        m.attrs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn the_legend_has_every_used_kind_pressed_as_the_first_view_shows_it() {
        let dataset = mali();
        let (state, _) = url_state::first_view(&dataset);
        assert!(
            !state.filters.hidden_kinds.is_empty(),
            "the first view hides some kinds"
        );
        let fills = frame(
            &dataset,
            &state.filters,
            crate::view::year_span(&dataset),
            Lang::En,
        );
        let legend = all(children(&fills, page::LEGEND));
        let used: Vec<&Kind> = dataset
            .kinds
            .iter()
            .filter(|k| dataset.flows.iter().any(|f| f.kind == k.id))
            .collect();
        for kind in &used {
            let buttons: Vec<_> = legend
                .iter()
                .filter(|m| get(m, "data-kind") == Some(&kind.id))
                .collect();
            assert_eq!(buttons.len(), 1, "{}", kind.id);
            let shown = !state.filters.hidden_kinds.contains(&kind.id);
            if get(buttons[0], "data-family").is_none() {
                let pressed = if shown { "true" } else { "false" };
                assert_eq!(
                    get(buttons[0], "aria-pressed"),
                    Some(pressed),
                    "{}",
                    kind.id
                );
            }
        }
        let families: Vec<_> = legend
            .iter()
            .filter_map(|m| get(m, "data-family").map(|f| (f, get(m, "aria-pressed"))))
            .collect();
        assert!(!families.is_empty());
        for (id, pressed) in families {
            let expected = match family::shown(&dataset, &state.filters, id) {
                Shown::All => "true",
                Shown::Part => "mixed",
                Shown::None => "false",
            };
            assert_eq!(pressed, Some(expected), "{id}");
        }
        // Every swatch is an SVG square of a colour of the dataset.
        let rects = legend.iter().filter(|m| m.tag == "rect");
        assert!(rects.clone().count() > used.len());
        for rect in rects {
            let fill = get(rect, "fill").expect("a fill");
            assert!(
                dataset.kinds.iter().any(|k| k.color == fill)
                    || dataset.families.iter().any(|f| f.color == fill)
            );
        }
    }

    #[test]
    fn the_period_selects_any_time_and_the_last_year_when_no_period_is_set() {
        let dataset = mali();
        let years = crate::view::year_span(&dataset).expect("dated flows");
        let fills = frame(&dataset, &Filters::default(), Some(years), Lang::En);
        let from = children(&fills, page::FROM);
        let to = children(&fills, page::TO);
        let span = (years.1 - years.0 + 1) as usize;
        assert_eq!((from.len(), to.len()), (span + 1, span));
        assert_eq!(count(from, "selected", ""), 1);
        assert_eq!(from[0].text.as_deref(), Some("Any time"));
        assert!(from[0].attrs.contains(&("selected", String::new())));
        assert!(to[span - 1].attrs.contains(&("selected", String::new())));
        assert_eq!(
            fill(&fills, page::TO).attrs,
            vec![("disabled", Some(String::new()))]
        );
        let filters = Filters::default().with_years(Some((years.0 + 1, years.0 + 2)));
        let fills = frame(&dataset, &filters, Some(years), Lang::En);
        assert!(children(&fills, page::FROM)[2]
            .attrs
            .contains(&("selected", String::new())));
        assert!(children(&fills, page::TO)[2]
            .attrs
            .contains(&("selected", String::new())));
        assert_eq!(fill(&fills, page::TO).attrs, vec![("disabled", None)]);
    }

    #[test]
    fn the_view_line_shows_the_first_views_caption_and_count_and_hides_for_everything() {
        let dataset = mali();
        let (state, _) = url_state::first_view(&dataset);
        let view = View::new(&dataset, &state.filters);
        let lines = view_lines(&dataset, &state.filters, &view.counts, 0, Lang::En);
        let caption = &dataset.view.as_ref().expect("a first view").caption;
        assert_eq!(
            fill(&lines, page::VIEW_CAPTION).content,
            Content::Text(caption.clone())
        );
        let count = format!("{} of {} flows shown", view.counts.shown, view.counts.total);
        assert_eq!(fill(&lines, page::VIEW_COUNT).content, Content::Text(count));
        assert_eq!(fill(&lines, page::VIEW_LINE).attrs, vec![("hidden", None)]);
        let all = View::new(&dataset, &Filters::default());
        let lines = view_lines(&dataset, &Filters::default(), &all.counts, 0, Lang::En);
        assert_eq!(
            fill(&lines, page::VIEW_CAPTION).content,
            Content::Text(String::new())
        );
        assert_eq!(
            fill(&lines, page::VIEW_LINE).attrs,
            vec![("hidden", Some(String::new()))]
        );
        // A rejected flow is one not shown.
        let lines = view_lines(&dataset, &Filters::default(), &all.counts, 1, Lang::En);
        assert_eq!(fill(&lines, page::VIEW_LINE).attrs, vec![("hidden", None)]);
        let counter = Accounting::of_view(&all.counts, 1).to_string();
        assert_eq!(fill(&lines, page::COUNTER).content, Content::Text(counter));
    }

    #[test]
    fn html_escapes_text_and_attributes_as_a_browser_serialises_them() {
        let markup = Markup::new("a", "x")
            .attr("href", "https://e.org/?a=1&b=\"2\"<>")
            .text("R&D <b> \"quoted\"\u{a0}’");
        assert_eq!(
            to_html(&[markup]),
            "<a class=\"x\" href=\"https://e.org/?a=1&amp;b=&quot;2&quot;&lt;&gt;\">R&amp;D &lt;b&gt; \"quoted\"&nbsp;’</a>"
        );
        let input = Markup::new("input", "")
            .attr("type", "checkbox")
            .flag("checked", true);
        assert_eq!(to_html(&[input]), "<input type=\"checkbox\" checked>");
        assert_eq!(
            to_html(&[swatch("#aa0000")]),
            "<svg class=\"if-swatch\" viewBox=\"0 0 1 1\" aria-hidden=\"true\"><rect width=\"1\" height=\"1\" fill=\"#aa0000\"></rect></svg>"
        );
    }

    #[test]
    fn the_sources_line_links_web_addresses_only() {
        let dataset = mali();
        let fills = frame(&dataset, &Filters::default(), None, Lang::En);
        let line = children(&fills, page::SOURCES);
        let links = line.iter().filter(|m| m.tag == "a").count();
        let cites = line.iter().filter(|m| m.tag == "cite").count();
        assert_eq!(links + cites, dataset.sources.len());
        for link in line.iter().filter(|m| m.tag == "a") {
            assert!(inspect::is_web_url(&link.attrs[0].1));
        }
        assert_eq!(line[0].text.as_deref(), Some("Sources: "));
    }
}
