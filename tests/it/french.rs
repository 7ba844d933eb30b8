//! The interface in French: a whole Mali chart's words around the chart, in its tooltips,
//! evidence panels, live region and downloaded frame carry no English of ours once the
//! dataset's own texts (names, labels, quotes, summaries, titles) are taken out; and those
//! texts stay exactly as written.

use influence_flows::colour::theme::Theme;
use influence_flows::data::model::Dataset;
use influence_flows::export;
use influence_flows::layout::ApproxMeasure;
use influence_flows::picture::chart;
use influence_flows::picture::highlight::Target;
use influence_flows::reader::inspect::{self, Description};
use influence_flows::reader::markup::{self, Content, Fill, Markup};
use influence_flows::util::lang::Lang;
use influence_flows::view::{Filters, View};

fn mali() -> Dataset {
    influence_flows::validate::load(include_str!("../../data/mali.json")).expect("valid")
}

/// Words of ours that must not be left in a French chart (interface English, months).
const ENGLISH: &[&str] = &[
    "of",
    "the",
    "flow",
    "flows",
    "shown",
    "showing",
    "according",
    "to",
    "by",
    "denied",
    "reported",
    "stated",
    "as",
    "fact",
    "undated",
    "ongoing",
    "gives",
    "receives",
    "none",
    "any",
    "time",
    "all",
    "kinds",
    "figures",
    "enter",
    "shows",
    "evidence",
    "left",
    "right",
    "and",
    "more",
    "sentences",
    "documented",
    "click",
    "tap",
    "press",
    "keep",
    "open",
    "filtered",
    "out",
    "rejected",
    "invalid",
    "width",
    "band",
    "number",
    "solid",
    "hatched",
    "dashed",
    "outline",
    "lighter",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "with",
    "cited",
    "read",
    "reason",
    "names",
    "actor",
    "actors",
    "diagram",
    "between",
    "most",
    "given",
];

/// Every text the dataset carries that the interface shows as written, longest first (so a
/// title goes before a name inside it).
fn data_texts(d: &Dataset) -> Vec<String> {
    let mut texts: Vec<String> = vec![d.title.clone()];
    texts.extend(d.subtitle.clone());
    texts.extend(d.view.as_ref().map(|v| v.caption.clone()));
    for s in &d.sources {
        texts.push(s.title.clone());
        texts.extend(s.byline());
        texts.extend(inspect::byline(s, Lang::Fr));
        texts.extend(s.publisher.clone());
        texts.extend(s.authors.iter().cloned());
    }
    for f in &d.families {
        texts.push(f.label.clone());
        texts.extend(f.description.clone());
    }
    for k in &d.kinds {
        texts.push(k.label.clone());
        texts.extend(k.description.clone());
    }
    for a in &d.actors {
        texts.push(a.name.clone());
    }
    for f in &d.flows {
        texts.push(f.summary.clone());
        texts.extend(f.amount.as_ref().map(|a| a.text.clone()));
        for e in &f.evidence {
            texts.push(e.quote.clone());
            texts.extend(e.attributed_to.clone());
            texts.extend(e.denied_by.clone());
            texts.extend(e.figure.clone());
        }
    }
    texts.retain(|t| !t.is_empty());
    texts.sort_by_key(|t| std::cmp::Reverse(t.len()));
    texts
}

/// The English words of ours in `text` once the dataset's texts are taken out.
fn english_left(text: &str, data: &[String]) -> Vec<String> {
    let mut rest = text.to_string();
    for t in data {
        rest = rest.replace(t.as_str(), " ");
    }
    rest.split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase)
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .collect()
}

fn markup_text(m: &Markup, out: &mut Vec<String>) {
    for (name, value) in &m.attrs {
        if matches!(*name, "aria-label" | "title") {
            out.push(value.clone());
        }
    }
    out.extend(m.text.clone());
    for child in &m.children {
        markup_text(child, out);
    }
}

fn fill_texts(fills: &[Fill]) -> Vec<String> {
    let mut out = Vec::new();
    for fill in fills {
        match &fill.content {
            Content::Text(t) => out.push(t.clone()),
            Content::Children(children) => {
                for c in children {
                    markup_text(c, &mut out);
                }
            }
            Content::Keep => {}
        }
    }
    out
}

fn description_texts(d: &Description) -> Vec<String> {
    let mut out = vec![d.title.clone()];
    out.extend(d.lines.iter().cloned());
    for f in &d.flows {
        out.push(inspect::meta_line(f));
        out.push(f.status.to_string());
        out.extend(inspect::figures_line(f));
        for q in &f.evidence {
            out.push(inspect::quote_line(q));
        }
    }
    out
}

/// Every text the reader can meet for `filters` in `lang`: the frame, the view line, every
/// band's and actor's tooltip and announcement, the chart's text alternative, the exported
/// frame.
fn every_text(d: &Dataset, filters: &Filters, lang: Lang) -> Vec<String> {
    let view = View::new(d, filters);
    let mut texts = fill_texts(&markup::frame(
        d,
        filters,
        influence_flows::view::year_span(d),
        lang,
    ));
    texts.extend(fill_texts(&markup::view_lines(
        d,
        filters,
        &view.counts,
        2,
        lang,
    )));
    let targets = (0..view.links.len())
        .map(Target::Band)
        .chain((0..view.nodes.len()).map(Target::Node));
    for target in targets {
        texts.extend(description_texts(&inspect::describe(
            d, &view, target, lang,
        )));
        texts.push(inspect::announce(d, &view, target, lang));
    }
    texts.push(chart::summary(d, &view, lang));
    let c = chart::build(d, filters, 960.0, None, &Theme::LIGHT, &ApproxMeasure);
    let frame = export::frame_in(d, &c, &Theme::LIGHT, &ApproxMeasure, lang);
    texts.extend(frame.texts.iter().map(|t| t.text.clone()));
    // The downloaded SVG's band titles and description (its text elements are the frame's).
    let svg = export::svg_in(d, &c, &Theme::LIGHT, lang);
    for (open, close) in [("<title>", "</title>"), ("<desc>", "</desc>")] {
        for piece in svg.split(open).skip(1) {
            let text = piece.split(close).next().unwrap_or_default();
            texts.push(unescape(text));
        }
    }
    texts
}

/// XML text as it reads.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[test]
fn a_french_mali_chart_has_no_english_words_of_ours() {
    let dataset = mali();
    let data = data_texts(&dataset);
    // The first view (some kinds hidden) and everything.
    for filters in [
        influence_flows::reader::url_state::first_view(&dataset)
            .0
            .filters,
        Filters::default(),
    ] {
        let texts = every_text(&dataset, &filters, Lang::Fr);
        assert!(texts.len() > 100, "{}", texts.len());
        for text in &texts {
            let left = english_left(text, &data);
            assert!(left.is_empty(), "English {left:?} in {text:?}");
        }
        // The same scan finds ours in English: the test can fail.
        let english: usize = every_text(&dataset, &filters, Lang::En)
            .iter()
            .map(|t| english_left(t, &data).len())
            .sum();
        assert!(english > 100, "{english}");
    }
}

#[test]
fn the_datasets_texts_stay_as_written_in_french() {
    let dataset = mali();
    let view = View::new(&dataset, &Filters::default());
    for b in 0..view.links.len() {
        let en = inspect::describe(&dataset, &view, Target::Band(b), Lang::En);
        let fr = inspect::describe(&dataset, &view, Target::Band(b), Lang::Fr);
        assert_eq!(en.title, fr.title, "names and kinds are data");
        assert_ne!(en.lines, fr.lines);
        for (e, f) in en.flows.iter().zip(&fr.flows) {
            assert_eq!(e.summary, f.summary);
            assert_eq!(e.amount, f.amount);
            let quotes = |t: &inspect::FlowText| -> Vec<String> {
                t.evidence.iter().map(|q| q.quote.clone()).collect()
            };
            assert_eq!(quotes(e), quotes(f));
        }
    }
}

#[test]
fn french_dates_and_the_view_count_read_as_french() {
    let dataset = mali();
    let arms = dataset
        .flows
        .iter()
        .find(|f| f.id == "russia-mali-arms-2022-03")
        .expect("the March 2022 arms flow");
    let text = inspect::flow_text(&dataset, arms, Lang::Fr);
    assert_eq!(text.period.as_deref(), Some("mars 2022"));
    let en = inspect::flow_text(&dataset, arms, Lang::En);
    assert_eq!(en.period.as_deref(), Some("March 2022"));
    // A document's date in its byline.
    let hrf = dataset
        .sources
        .iter()
        .find(|s| s.date.as_deref() == Some("2023-08-11"))
        .expect("the Human Rights Foundation report");
    assert!(inspect::byline(hrf, Lang::Fr)
        .expect("a byline")
        .ends_with(", 11 août 2023"));
    assert!(inspect::byline(hrf, Lang::En)
        .expect("a byline")
        .ends_with(", 11 August 2023"));
    let (state, _) = influence_flows::reader::url_state::first_view(&dataset);
    let view = View::new(&dataset, &state.filters);
    let lines = markup::view_lines(&dataset, &state.filters, &view.counts, 0, Lang::Fr);
    let count = lines
        .iter()
        .find(|f| f.hook == influence_flows::reader::page::VIEW_COUNT)
        .expect("a count");
    assert_eq!(
        count.content,
        Content::Text(format!(
            "{} flux affichés sur {}",
            view.counts.shown, view.counts.total
        ))
    );
}

/// Every `data-say` key of `index.html` has its words, and its English is what the page says
/// (the prerendered page is English; a French chart swaps the words key by key).
#[test]
fn the_pages_own_words_are_marked_and_known() {
    let page = include_str!("../../index.html");
    let mut keys = Vec::new();
    for attribute in ["data-say=\"", "data-say-label=\"", "data-say-role=\""] {
        for (at, _) in page.match_indices(attribute) {
            let rest = &page[at + attribute.len()..];
            let key = &rest[..rest.find('"').expect("a closing quote")];
            let english = Lang::En.page_word(key).unwrap_or_else(|| panic!("{key}"));
            let french = Lang::Fr.page_word(key).expect("French too");
            assert_ne!(english, french, "{key}");
            // The element's text (or the attribute just after) is the English word.
            let html_english = markup::to_html(&[Markup::new("i", "").text(english)]);
            let escaped = &html_english[3..html_english.len() - 4];
            let attr_english = english.replace('"', "&quot;");
            let near = &rest[..rest.char_indices().nth(300).map_or(rest.len(), |(i, _)| i)];
            assert!(
                near.contains(&format!(">{escaped}<"))
                    || near.contains(&format!("\"{attr_english}\"")),
                "{key}: {english:?} is not on the page"
            );
            keys.push(key.to_string());
        }
    }
    for (key, _) in influence_flows::util::lang::PAGE_KEYS {
        assert!(
            keys.iter().any(|k| k == key),
            "{key} marks nothing in index.html"
        );
    }
}
