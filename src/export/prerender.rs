//! The first picture, in the page's HTML: the reader's first view drawn as inline SVG at build
//! time, so that the chart is on screen before any script runs (and without scripts at all).
//!
//! Two drawings, one each side of `chart::NARROW_BELOW`, since the chart's height depends only
//! on that side of its width: each drawing's box is exactly as tall as the canvas will be, so
//! the swap to the canvas moves nothing (a container query in `style/main.css` shows the one
//! that fits the stage; `[data-bands]` hides both once the canvas is drawn). Colours that
//! differ between the themes become classes that the stylesheet colours per theme, so one
//! drawing serves both. Native only: `influence-flows prerender`, run by the release build.
//!
//! Around the picture, the words and controls the web shell would write above and below it
//! (`reader::markup`: title, legend, period, the view line, counter, sources) go into their
//! elements too, so that nothing pushes the stage down when the wasm starts: it finds them
//! already as it would build them (`fill_page`). Each word of it that French says otherwise
//! carries its French (`data-fr…`, `with_french`, `say_french`), which `src/web/lang.js` swaps
//! in before the first frame of a French page, so a French page does not move either.

use super::{escape_xml, xml_safe_scene};
use crate::colour::theme::Theme;
use crate::colour::Rgb;
use crate::data::model::Dataset;
use crate::layout::TextMeasure;
use crate::picture::chart::{self, NARROW_BELOW};
use crate::picture::draw;
use crate::reader::markup::{self, Content, Fill};
use crate::util::lang::Lang;
use crate::view::order::GlobalOrder;
use crate::view::{Filters, View};

/// Where the release build puts the picture: an empty `<template class="if-prerender-slot">`
/// inside `.if-stage` of `index.html` (an element, since the minifier drops comments).
pub const SLOT: &str = "if-prerender-slot";
/// The widths the two drawings are laid out at (CSS px), so that the canvas draws the same
/// picture where readers most often are: the stage on a 390 px phone (the page pads 12 px a
/// side below 600 px), and on a desktop at least 1232 px wide (`main` is at most 1200 px
/// wide). Elsewhere the drawing is scaled to the stage, and the canvas then redraws it at
/// the stage's width in the same box.
pub const NARROW_WIDTH: f64 = 366.0;
pub const WIDE_WIDTH: f64 = 1200.0;

/// The light theme's colours that the dark theme draws otherwise, with the class that the
/// stylesheet colours per theme (`.if-prerender .if-pre-text { fill: var(--if-text) }`, ...).
const THEMED: [(Rgb, &str); 2] = [
    (Theme::LIGHT.text, "if-pre-text"),
    (Theme::LIGHT.node, "if-pre-node"),
];

/// How far (CSS px) a simplified band outline may stray from the drawn one: below what a
/// screen shows, and it takes most of the points of the S-curves out of the page's bytes.
const TOLERANCE: f64 = 0.35;

/// The `<div class="if-prerender">` with both drawings of `filters`' view.
pub fn html(dataset: &Dataset, filters: &Filters, measure: &dyn TextMeasure) -> String {
    // One global order search for both drawings (it is the page's order: one for every view).
    let order = GlobalOrder::compute(dataset);
    let drawing = |width: f64, class: &str| {
        let chart = chart::build_in_order(
            dataset,
            &order,
            filters,
            width,
            None,
            &Theme::LIGHT,
            measure,
        );
        let mut scene = xml_safe_scene(&chart.scene);
        for band in &mut scene.bands {
            band.outline = simplify(&band.outline, TOLERANCE);
        }
        let svg = draw::to_svg(&scene);
        themed(&svg, class, chart.scene.width, chart.scene.height)
    };
    let view = View::new(dataset, filters);
    let alt = |lang| escape_xml(&super::xml_safe(&chart::summary(dataset, &view, lang)));
    format!(
        "<div class=\"if-prerender\" role=\"img\" aria-label=\"{}\" data-fr-aria-label=\"{}\">{}{}</div>",
        alt(Lang::En),
        alt(Lang::Fr),
        drawing(NARROW_WIDTH, "if-pre-narrow"),
        drawing(WIDE_WIDTH, "if-pre-wide"),
    )
}

/// The page with everything the first view shows in place: the frame around the chart
/// (`reader::markup`, as the web shell writes it for `filters`) and the picture in the stage.
/// `rejected`: flows the validator left out.
pub fn page(
    page: &str,
    dataset: &Dataset,
    filters: &Filters,
    rejected: usize,
    measure: &dyn TextMeasure,
) -> Result<String, String> {
    // In English, as `index.html` is written, each word that French says otherwise carrying
    // its French beside it (`data-fr`), which `src/web/lang.js` swaps in before the first
    // paint of a French page: the frame then has its French shape from the start.
    let fills = with_french(first_fills(dataset, filters, rejected, Lang::En), {
        first_fills(dataset, filters, rejected, Lang::Fr)
    })?;
    let page = say_french(&fill_page(page, &fills)?);
    inject(&page, &html(dataset, filters, measure))
}

/// The frame and view lines of the first view in `lang` (`reader::markup`, as the web shell
/// writes them).
fn first_fills(dataset: &Dataset, filters: &Filters, rejected: usize, lang: Lang) -> Vec<Fill> {
    let view = View::new(dataset, filters);
    let years = crate::view::year_span(dataset);
    let mut fills = markup::frame(dataset, filters, years, lang);
    fills.extend(markup::view_lines(
        dataset,
        filters,
        &view.counts,
        rejected,
        lang,
    ));
    fills
}

/// The attributes that carry an element's French: its text, and the labels that differ.
pub const FRENCH_TEXT: &str = "data-fr";
const FRENCH_ATTRS: [(&str, &str); 2] = [
    ("aria-label", "data-fr-aria-label"),
    ("aria-roledescription", "data-fr-aria-roledescription"),
];

/// The English `fills` with the French of every text and label that `french` (the same fills
/// in French) says otherwise, as `data-fr` attributes. The two must have the same elements:
/// only words differ between the languages.
fn with_french(mut fills: Vec<Fill>, french: Vec<Fill>) -> Result<Vec<Fill>, String> {
    if fills.len() != french.len() {
        return Err("the French frame has other elements than the English".into());
    }
    for (en, fr) in fills.iter_mut().zip(&french) {
        match (&mut en.content, &fr.content) {
            (Content::Keep, Content::Keep) => {}
            (Content::Text(a), Content::Text(b)) => {
                if a != b {
                    en.attrs.push((FRENCH_TEXT, Some(b.clone())));
                }
            }
            (Content::Children(a), Content::Children(b)) => {
                mark_french(a, b).map_err(|e| format!("{}: {e}", en.hook))?;
            }
            _ => {
                return Err(format!(
                    "{}: the French is another kind of content",
                    en.hook
                ))
            }
        }
        if en
            .attrs
            .iter()
            .filter(|(n, _)| *n != FRENCH_TEXT)
            .ne(fr.attrs.iter())
        {
            return Err(format!("{}: the French sets other attributes", en.hook));
        }
    }
    Ok(fills)
}

/// Marks each element of `en` whose text or label differs in `fr` with its French.
fn mark_french(en: &mut [markup::Markup], fr: &[markup::Markup]) -> Result<(), String> {
    if en.len() != fr.len() {
        return Err("the French has other elements".into());
    }
    for (a, b) in en.iter_mut().zip(fr) {
        if a.tag != b.tag || a.attrs.len() != b.attrs.len() {
            return Err(format!("<{}>: the French has another element", a.tag));
        }
        let mut extra = Vec::new();
        for ((name, value), (other, french)) in a.attrs.iter().zip(&b.attrs) {
            if name != other {
                return Err(format!("<{}>: the French has other attributes", a.tag));
            }
            if value != french {
                let carrier = FRENCH_ATTRS
                    .iter()
                    .find(|(label, _)| label == name)
                    .map(|(_, carrier)| *carrier)
                    .ok_or(format!("<{}> {name}: no carrier for its French", a.tag))?;
                extra.push((carrier, french.clone()));
            }
        }
        a.attrs.extend(extra);
        match (&a.text, &b.text) {
            (Some(x), Some(y)) if x != y => a.attrs.push((FRENCH_TEXT, y.clone())),
            (x, y) if x.is_some() != y.is_some() => {
                return Err(format!("<{}>: the French has other content", a.tag))
            }
            _ => {}
        }
        mark_french(&mut a.children, &b.children)?;
    }
    Ok(())
}

/// `page` with the French of each element marked `data-say` (text), `data-say-label` and
/// `data-say-role` (`util::lang::PAGE_KEYS`) beside its English, where they differ.
fn say_french(page: &str) -> String {
    let mut out = page.to_string();
    // From the end, so that the earlier tags keep their places.
    for tag in tags(page).iter().rev() {
        let mut extra = String::new();
        for (key_attr, carrier) in [
            ("data-say", FRENCH_TEXT),
            ("data-say-label", FRENCH_ATTRS[0].1),
            ("data-say-role", FRENCH_ATTRS[1].1),
        ] {
            let Some((_, key, _)) = tag.attrs.iter().find(|(n, _, _)| n == key_attr) else {
                continue;
            };
            let (Some(en), Some(fr)) = (Lang::En.page_word(key), Lang::Fr.page_word(key)) else {
                continue;
            };
            if en != fr {
                extra.push_str(&format!(" {carrier}=\""));
                markup::escape(fr, true, &mut extra);
                extra.push('"');
            }
        }
        if extra.is_empty() {
            continue;
        }
        let mut at = tag.end - 1;
        if page[..at].ends_with('/') {
            at -= 1;
        }
        out.insert_str(at, &extra);
    }
    out
}

/// The page with the picture in place of the slot element, however the minifier quoted it.
pub fn inject(page: &str, picture: &str) -> Result<String, String> {
    let wanted = format!("one <template class=\"{SLOT}\"></template> in .if-stage");
    let at = match page.matches(SLOT).count() {
        1 => page.find(SLOT).unwrap_or(0),
        0 => {
            return Err(format!(
                "the page has no slot for the picture; put {wanted}"
            ))
        }
        n => {
            return Err(format!(
                "the page has {n} slots for the picture; put {wanted}"
            ))
        }
    };
    let start = page[..at]
        .rfind("<template")
        .ok_or(format!("{SLOT} is not on a <template>"))?;
    let end = page[at..]
        .find("</template>")
        .map(|e| at + e + "</template>".len())
        .ok_or(format!("the {SLOT} <template> is not closed"))?;
    Ok(format!("{}{picture}{}", &page[..start], &page[end..]))
}

/// An opening tag found in the page: where it starts and ends (after its `>`), its name, and
/// each attribute's name, unquoted value and where it is written.
struct Tag {
    start: usize,
    end: usize,
    name: String,
    attrs: Vec<(String, String, std::ops::Range<usize>)>,
}

/// The opening tags of `page`, in order (comments, end tags and doctype skipped; the content
/// of `script` and `style` not read as tags). Quoted and unquoted values alike, as a
/// minifier writes them.
fn tags(page: &str) -> Vec<Tag> {
    let bytes = page.as_bytes();
    let mut tags = Vec::new();
    let mut at = 0;
    while let Some(lt) = page[at..].find('<').map(|i| at + i) {
        if page[lt..].starts_with("<!--") {
            at = page[lt..].find("-->").map_or(page.len(), |e| lt + e + 3);
            continue;
        }
        let name_end = lt
            + 1
            + page[lt + 1..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .unwrap_or(page.len() - lt - 1);
        if name_end == lt + 1 {
            // `</…>`, `<!doctype …>`: not an opening tag.
            at = page[lt..].find('>').map_or(page.len(), |e| lt + e + 1);
            continue;
        }
        let name = page[lt + 1..name_end].to_ascii_lowercase();
        let mut attrs = Vec::new();
        let mut i = name_end;
        let end = loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() {
                break page.len();
            }
            if bytes[i] == b'>' {
                break i + 1;
            }
            let from = i;
            while i < bytes.len()
                && !matches!(bytes[i], b'=' | b'>' | b'/')
                && !bytes[i].is_ascii_whitespace()
            {
                i += 1;
            }
            let attr = page[from..i].to_ascii_lowercase();
            let mut value = String::new();
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                match bytes.get(i) {
                    Some(&q) if q == b'"' || q == b'\'' => {
                        let close = page[i + 1..]
                            .find(q as char)
                            .map_or(page.len(), |e| i + 1 + e);
                        value = page[i + 1..close].to_string();
                        i = (close + 1).min(page.len());
                    }
                    _ => {
                        let from = i;
                        while i < bytes.len() && bytes[i] != b'>' && !bytes[i].is_ascii_whitespace()
                        {
                            i += 1;
                        }
                        value = page[from..i].to_string();
                    }
                }
            }
            attrs.push((attr, value, from..i));
        };
        let raw_text = matches!(name.as_str(), "script" | "style");
        tags.push(Tag {
            start: lt,
            end,
            name: name.clone(),
            attrs,
        });
        at = end;
        if raw_text {
            let close = format!("</{name}");
            at = page[end..].find(&close).map_or(page.len(), |e| end + e);
        }
    }
    tags
}

/// `page` with each fill done on the one element whose class list has the fill's hook class.
pub fn fill_page(page: &str, fills: &[Fill]) -> Result<String, String> {
    let mut page = page.to_string();
    for fill in fills {
        page = fill_one(&page, fill)?;
    }
    Ok(page)
}

fn fill_one(page: &str, fill: &Fill) -> Result<String, String> {
    let class = fill
        .hook
        .strip_prefix('.')
        .filter(|c| !c.contains(['.', ' ', '[']))
        .ok_or(format!("{}: not a class selector", fill.hook))?;
    let found: Vec<Tag> = tags(page)
        .into_iter()
        .filter(|tag| {
            tag.attrs
                .iter()
                .any(|(n, v, _)| n == "class" && v.split_ascii_whitespace().any(|c| c == class))
        })
        .collect();
    let [tag] = &found[..] else {
        return Err(format!(
            "the page has {} elements of class {class}, not one",
            found.len()
        ));
    };
    let mut open = format!("<{}", tag.name);
    for (name, _, span) in &tag.attrs {
        if !fill.attrs.iter().any(|(n, _)| n == name) {
            open.push(' ');
            open.push_str(&page[span.clone()]);
        }
    }
    for (name, value) in &fill.attrs {
        match value.as_deref() {
            None => {}
            Some("") => open.push_str(&format!(" {name}")),
            Some(value) => {
                open.push_str(&format!(" {name}=\""));
                markup::escape(value, true, &mut open);
                open.push('"');
            }
        }
    }
    open.push('>');
    let Some(content) = content_html(&fill.content) else {
        return Ok(format!("{}{open}{}", &page[..tag.start], &page[tag.end..]));
    };
    // The element's end: its first end tag, since the hooks hold no element of their own tag.
    let close = format!("</{}", tag.name);
    let end = page[tag.end..]
        .find(&close)
        .map(|e| tag.end + e)
        .ok_or(format!("the element of class {class} is not closed"))?;
    if page[tag.end..end].contains(&format!("<{}", tag.name)) {
        return Err(format!(
            "the element of class {class} holds another <{}>",
            tag.name
        ));
    }
    Ok(format!(
        "{}{open}{content}{}",
        &page[..tag.start],
        &page[end..]
    ))
}

/// plotters' SVG of a scene, made a drawing of the page: its box as wide as the stage and as
/// tall as the canvas will be (`height`), scaled to fit inside it; the opaque background
/// dropped (the figure's shows through); the themed colours given their classes.
fn themed(svg: &str, class: &str, width: f64, height: f64) -> String {
    let body_start = svg.find(">\n").map_or(0, |at| at + 2);
    let mut body = svg[body_start..].trim_end().to_string();
    if let Some(end) = body.strip_suffix("</svg>") {
        body = end.to_string();
    }
    // The first element is the background: a rect of the whole picture.
    let background = format!(
        "fill=\"{}\" stroke=\"none\"/>\n",
        Theme::LIGHT.background.hex().to_uppercase()
    );
    if body.starts_with("<rect x=\"0\" y=\"0\"") {
        if let Some(end) = body.find(&background) {
            body = body[end + background.len()..].to_string();
        }
    }
    for (colour, name) in THEMED {
        let fill = format!("fill=\"{}\"", colour.hex().to_uppercase());
        body = body.replace(&fill, &format!("class=\"{name}\" {fill}"));
    }
    format!(
        "<svg class=\"{class}\" viewBox=\"0 0 {w} {hv}\" width=\"100%\" height=\"{h}\" preserveAspectRatio=\"xMidYMin meet\" xmlns=\"http://www.w3.org/2000/svg\" aria-hidden=\"true\" focusable=\"false\">{body}</svg>",
        w = width.ceil(),
        // plotters' drawing is whole pixels; the box is exactly the canvas's height.
        hv = height.ceil(),
        h = height,
    )
}

/// `points` with those that the polyline through the others passes within `tolerance` of left
/// out (Ramer–Douglas–Peucker); the first and the last are kept.
fn simplify(points: &[(f64, f64)], tolerance: f64) -> Vec<(f64, f64)> {
    if points.len() < 3 {
        return points.to_vec();
    }
    let mut keep = vec![false; points.len()];
    keep[0] = true;
    keep[points.len() - 1] = true;
    let mut spans = vec![(0, points.len() - 1)];
    while let Some((a, b)) = spans.pop() {
        let ((x0, y0), (x1, y1)) = (points[a], points[b]);
        let (dx, dy) = (x1 - x0, y1 - y0);
        let length = dx.hypot(dy);
        let distance = |&(x, y): &(f64, f64)| {
            if length == 0.0 {
                (x - x0).hypot(y - y0)
            } else {
                (dy * (x - x0) - dx * (y - y0)).abs() / length
            }
        };
        let farthest =
            (a + 1..b).max_by(|&i, &j| distance(&points[i]).total_cmp(&distance(&points[j])));
        if let Some(i) = farthest {
            if distance(&points[i]) > tolerance {
                keep[i] = true;
                spans.extend([(a, i), (i, b)]);
            }
        }
    }
    points
        .iter()
        .zip(&keep)
        .filter(|(_, &k)| k)
        .map(|(&p, _)| p)
        .collect()
}

/// The drawing for a stage `width` px wide: narrow or wide.
pub fn drawing_for(width: f64) -> &'static str {
    if width < NARROW_BELOW {
        "if-pre-narrow"
    } else {
        "if-pre-wide"
    }
}

/// A fill's content as the HTML between its element's tags; `None` keeps what is there.
fn content_html(content: &Content) -> Option<String> {
    match content {
        Content::Keep => None,
        Content::Text(text) => {
            let mut out = String::new();
            markup::escape(text, false, &mut out);
            Some(out)
        }
        Content::Children(children) => Some(markup::to_html(children)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::ApproxMeasure;
    use crate::picture::chart::natural_height;

    fn mali() -> Dataset {
        crate::validate::load(include_str!("../../data/mali.json")).expect("valid")
    }

    /// The number in `attr="…"` of the drawing with `class`.
    fn attr(html: &str, class: &str, attr: &str) -> f64 {
        let at = html.find(&format!("class=\"{class}\"")).expect("drawn");
        let rest = &html[at..];
        let start = rest.find(&format!(" {attr}=\"")).expect("attribute") + attr.len() + 3;
        rest[start..start + rest[start..].find('"').unwrap()]
            .parse()
            .expect("a number")
    }

    #[test]
    fn each_drawing_is_as_tall_as_the_canvas_at_any_width_of_its_side() {
        let dataset = mali();
        let filters = Filters::default();
        let html = html(&dataset, &filters, &ApproxMeasure);
        let view = View::new(&dataset, &filters);
        for (class, widths) in [
            ("if-pre-narrow", [320.0, 360.0, 414.0, 559.0]),
            ("if-pre-wide", [560.0, 768.0, 960.0, 1600.0]),
        ] {
            let box_height = attr(&html, class, "height");
            for width in widths {
                assert_eq!(drawing_for(width), class);
                // What the page lays out at that width, and so the canvas's height.
                let chart = chart::build(
                    &dataset,
                    &filters,
                    width,
                    None,
                    &Theme::LIGHT,
                    &ApproxMeasure,
                );
                assert_eq!(chart.scene.height, box_height, "{class} at {width} px");
                assert_eq!(natural_height(&view, width), box_height);
            }
        }
    }

    #[test]
    fn the_picture_has_every_band_and_label_with_theme_classes_and_no_background() {
        let dataset = mali();
        let filters = Filters::default();
        let html = html(&dataset, &filters, &ApproxMeasure);
        let chart = chart::build(
            &dataset,
            &filters,
            WIDE_WIDTH,
            None,
            &Theme::LIGHT,
            &ApproxMeasure,
        );
        let wide = &html[html.find("if-pre-wide").unwrap()..];
        // Denied bands are a dashed outline, unfilled; a wrapped label is a text per line.
        let filled = chart.scene.bands.iter();
        let filled = filled.filter(|b| b.certainty.fill() > 0.0).count();
        let lines: usize = chart.scene.labels.iter().map(|l| l.lines.len()).sum();
        assert_eq!(wide.matches("<polygon").count(), filled);
        assert_eq!(wide.matches("<text").count(), lines);
        assert_eq!(wide.matches("class=\"if-pre-text\"").count(), lines);
        assert!(
            !html.contains("fill=\"#FFFFFF\" stroke=\"none\"/>"),
            "background dropped"
        );
        assert!(html.starts_with("<div class=\"if-prerender\" role=\"img\" aria-label=\""));
        assert_eq!(html.matches("<svg ").count(), 2);
    }

    #[test]
    fn simplifying_keeps_the_shape_within_the_tolerance() {
        // A quarter of a circle of radius 100 in 64 steps, and a straight run.
        let arc: Vec<(f64, f64)> = (0..=64)
            .map(|i| {
                let t = f64::from(i) / 64.0 * std::f64::consts::FRAC_PI_2;
                (100.0 * t.cos(), 100.0 * t.sin())
            })
            .chain([(-50.0, 100.0), (-100.0, 100.0)])
            .collect();
        let kept = simplify(&arc, 0.35);
        assert!(kept.len() < 20 && kept.len() > 4, "{} points", kept.len());
        assert_eq!(
            (kept[0], kept[kept.len() - 1]),
            (arc[0], arc[arc.len() - 1])
        );
        // Every dropped point lies within the tolerance of the kept polyline.
        for p in &arc {
            let near = kept.windows(2).any(|w| {
                let ((x0, y0), (x1, y1)) = (w[0], w[1]);
                let (dx, dy) = (x1 - x0, y1 - y0);
                let t = (((p.0 - x0) * dx + (p.1 - y0) * dy) / (dx * dx + dy * dy)).clamp(0.0, 1.0);
                (p.0 - x0 - t * dx).hypot(p.1 - y0 - t * dy) <= 0.35 + 1e-9
            });
            assert!(near, "{p:?} strays");
        }
        assert_eq!(simplify(&arc[..2], 0.35), arc[..2].to_vec());
    }

    #[test]
    fn the_picture_goes_in_the_slot_once_however_it_is_quoted() {
        for slot in [
            "<template class=\"if-prerender-slot\"></template>",
            "<template class=if-prerender-slot></template>",
        ] {
            let page = format!("<div class=if-stage>{slot}<canvas></canvas></div>");
            assert_eq!(
                inject(&page, "<p>x</p>").unwrap(),
                "<div class=if-stage><p>x</p><canvas></canvas></div>"
            );
        }
        assert!(inject("<div></div>", "x")
            .unwrap_err()
            .contains("has no slot"));
        let twice = "<template class=if-prerender-slot></template>".repeat(2);
        assert!(inject(&twice, "x").unwrap_err().contains("2 slots"));
    }

    /// A fill of each kind, on the page as written and as a minifier writes it.
    #[test]
    fn fills_find_their_element_however_it_is_quoted_and_keep_its_other_attributes() {
        let fills = [
            Fill {
                hook: ".if-to",
                attrs: vec![("disabled", Some(String::new()))],
                content: Content::Children(vec![markup::Markup::new("option", "")
                    .attr("value", "2020")
                    .text("2020")]),
            },
            Fill {
                hook: ".if-fold",
                attrs: vec![("checked", None), ("title", Some("a \"b\"".into()))],
                content: Content::Keep,
            },
            Fill {
                hook: ".if-view-count",
                attrs: vec![],
                content: Content::Text("3 < 4".into()),
            },
        ];
        for (page, filled) in [
            (
                "<p><select class=\"if-to\" aria-label=\"to\"></select><input type=\"checkbox\" class=\"if-fold\" checked><span class=\"x if-view-count\">old</span></p>",
                "<p><select class=\"if-to\" aria-label=\"to\" disabled><option value=\"2020\">2020</option></select><input type=\"checkbox\" class=\"if-fold\" title=\"a &quot;b&quot;\"><span class=\"x if-view-count\">3 &lt; 4</span></p>",
            ),
            (
                "<!-- <b class=if-to> --><p><select class=if-to aria-label=to></select><input type=checkbox class=if-fold checked/><span class='x if-view-count'></span></p>",
                "<!-- <b class=if-to> --><p><select class=if-to aria-label=to disabled><option value=\"2020\">2020</option></select><input type=checkbox class=if-fold title=\"a &quot;b&quot;\"><span class='x if-view-count'>3 &lt; 4</span></p>",
            ),
        ] {
            assert_eq!(fill_page(page, &fills).unwrap(), filled);
        }
        let twice = "<p class=if-view-count></p><p class=if-view-count></p>";
        assert!(fill_page(twice, &fills[2..])
            .unwrap_err()
            .contains("2 elements"));
        let nested = "<span class=if-view-count><span></span></span>";
        assert!(fill_page(nested, &fills[2..])
            .unwrap_err()
            .contains("holds another"));
        // A class that only starts with the hook's is another element.
        let prefix = "<span class=if-view-count-x></span>";
        assert!(fill_page(prefix, &fills[2..])
            .unwrap_err()
            .contains("0 elements"));
    }

    /// The prerendered page has, in each hook, what the web shell would build there for the
    /// first view (the same `reader::markup` fills), and the picture in its stage.
    #[test]
    fn the_page_has_the_first_views_frame_and_picture() {
        let dataset = mali();
        let (state, _) = crate::reader::url_state::first_view(&dataset);
        let index = include_str!("../../index.html");
        let filled = page(index, &dataset, &state.filters, 0, &ApproxMeasure).expect("filled");
        // The English page without its French carriers (which the wasm does not count).
        let filled = swapped(&filled, false);
        let view = View::new(&dataset, &state.filters);
        let mut fills = markup::frame(
            &dataset,
            &state.filters,
            crate::view::year_span(&dataset),
            Lang::En,
        );
        fills.extend(markup::view_lines(
            &dataset,
            &state.filters,
            &view.counts,
            0,
            Lang::En,
        ));
        let found = tags(&filled);
        for fill in &fills {
            let class = &fill.hook[1..];
            let tag = found
                .iter()
                .find(|t| {
                    t.attrs
                        .iter()
                        .any(|(n, v, _)| n == "class" && v.split(' ').any(|c| c == class))
                })
                .expect("the hook");
            for (name, value) in &fill.attrs {
                let has = tag
                    .attrs
                    .iter()
                    .find(|(n, _, _)| n == name)
                    .map(|(_, v, _)| v.clone());
                assert_eq!(has.as_ref(), value.as_ref(), "{class} {name}");
            }
            let Some(inner) = content_html(&fill.content) else {
                continue;
            };
            assert!(
                filled[tag.end..].starts_with(&format!("{inner}</{}>", tag.name)),
                "{class}"
            );
        }
        // The legend, the period's options and the sources are there; so is the picture.
        assert!(filled.contains("class=\"if-family-button\""));
        assert!(filled.contains("<option value selected>Any time</option>"));
        assert!(filled.contains("<span>Sources: </span>"));
        assert!(filled.contains("class=\"if-prerender\""));
        assert!(!filled.contains(SLOT));
    }

    /// The page as `src/web/lang.js` makes it for a French reader (`french`): each marked
    /// element's text and labels replaced by their `data-fr…` French; and the carriers dropped.
    fn swapped(page: &str, french: bool) -> String {
        let mut out = page.to_string();
        for tag in tags(page).iter().rev() {
            let french_of = |name: &str| {
                tag.attrs
                    .iter()
                    .find(|(n, _, _)| n == name)
                    .map(|(_, v, _)| v.clone())
            };
            if !tag.attrs.iter().any(|(n, _, _)| n.starts_with("data-fr")) {
                continue;
            }
            let french = |name: &str| french.then(|| french_of(name)).flatten();
            if let Some(text) = french(FRENCH_TEXT) {
                let close = page[tag.end..].find(&format!("</{}", tag.name)).unwrap();
                assert!(
                    !page[tag.end..tag.end + close].contains('<'),
                    "{}",
                    tag.name
                );
                // The carriers hold the text escaped as an attribute; text escapes less.
                let text = text.replace("&quot;", "\"");
                out.replace_range(tag.end..tag.end + close, &text);
            }
            let mut open = format!("<{}", tag.name);
            for (name, _, span) in &tag.attrs {
                if name.starts_with("data-fr") {
                    continue;
                }
                match FRENCH_ATTRS.iter().find(|(label, _)| label == name) {
                    Some((_, carrier)) if french(carrier).is_some() => {
                        open.push_str(&format!(" {name}=\"{}\"", french(carrier).unwrap()));
                    }
                    _ => {
                        open.push(' ');
                        open.push_str(&page[span.clone()]);
                    }
                }
            }
            open.push('>');
            out.replace_range(tag.start..tag.end, &open);
        }
        out
    }

    /// Every `data-fr…` of the prerendered page is the French of its element: once swapped in,
    /// the page has the French fills (`reader::markup`, in French) and `util::lang`'s French
    /// page words, and no English word that French says otherwise is left in the frame.
    #[test]
    fn the_pages_french_is_the_french_fills_and_page_words() {
        let dataset = mali();
        let (state, _) = crate::reader::url_state::first_view(&dataset);
        let index = include_str!("../../index.html");
        let filled = page(index, &dataset, &state.filters, 0, &ApproxMeasure).expect("filled");
        let french = swapped(&filled, true);
        assert!(!french.contains("data-fr"));
        for fill in first_fills(&dataset, &state.filters, 0, Lang::Fr) {
            let class = &fill.hook[1..];
            let found = tags(&french);
            let tag = found
                .iter()
                .find(|t| {
                    t.attrs
                        .iter()
                        .any(|(n, v, _)| n == "class" && v.split(' ').any(|c| c == class))
                })
                .expect("the hook");
            let Some(inner) = content_html(&fill.content) else {
                continue;
            };
            assert!(
                french[tag.end..].starts_with(&format!("{inner}</{}>", tag.name)),
                "{class}: {}",
                &french[tag.end..tag.end + 200.min(french.len() - tag.end)]
            );
        }
        // The page's own words: each marked element says its French.
        let mut said = 0;
        for tag in tags(&french) {
            for (attr, target) in [
                ("data-say", None),
                ("data-say-label", Some("aria-label")),
                ("data-say-role", Some("aria-roledescription")),
            ] {
                let Some((_, key, _)) = tag.attrs.iter().find(|(n, _, _)| n == attr) else {
                    continue;
                };
                let word = Lang::Fr.page_word(key).expect("a page key");
                let mut escaped = String::new();
                markup::escape(word, target.is_some(), &mut escaped);
                match target {
                    None => assert!(
                        french[tag.end..].starts_with(&format!("{escaped}</{}", tag.name)),
                        "{key}"
                    ),
                    Some(name) => {
                        let has = tag.attrs.iter().find(|(n, _, _)| n == name).unwrap();
                        assert_eq!(has.1, escaped, "{key}");
                    }
                }
                said += 1;
            }
        }
        assert!(said >= PAGE_KEYS_ON_PAGE, "{said} page words");
        // The picture's description too.
        let view = View::new(&dataset, &state.filters);
        let alt = escape_xml(&crate::export::xml_safe(&chart::summary(
            &dataset,
            &view,
            Lang::Fr,
        )));
        assert!(french.contains(&format!(
            "class=\"if-prerender\" role=\"img\" aria-label=\"{alt}\""
        )));
        // English words that French says otherwise are gone from the frame.
        for english in [
            "Any time",
            "Sources: ",
            "flows shown",
            "All kinds",
            "Play years",
        ] {
            assert!(!french.contains(english), "{english}");
        }
    }

    #[test]
    fn french_that_is_not_the_same_elements_fails_the_build() {
        let en = || {
            vec![Fill {
                hook: ".if-sources",
                attrs: vec![],
                content: Content::Children(vec![markup::Markup::new("span", "").text("Sources: ")]),
            }]
        };
        let fr = |markup: markup::Markup| {
            vec![Fill {
                hook: ".if-sources",
                attrs: vec![],
                content: Content::Children(vec![markup]),
            }]
        };
        let marked = with_french(en(), fr(markup::Markup::new("span", "").text("Sources : ")));
        let Content::Children(children) = &marked.unwrap()[0].content else {
            panic!("children")
        };
        assert_eq!(
            markup::to_html(children),
            "<span data-fr=\"Sources : \">Sources: </span>"
        );
        for other in [
            markup::Markup::new("cite", "").text("Sources : "),
            markup::Markup::new("span", "")
                .attr("title", "x")
                .text("Sources : "),
            markup::Markup::new("span", "x").text("Sources : "),
        ] {
            let error = with_french(en(), fr(other)).unwrap_err();
            assert!(error.starts_with(".if-sources: <span>"), "{error}");
        }
    }

    /// The elements of `index.html` marked with a page key.
    const PAGE_KEYS_ON_PAGE: usize = 25;

    #[test]
    fn index_html_has_the_slot_in_its_stage() {
        let page = include_str!("../../index.html");
        let stage = page.find("class=\"if-stage\"").expect("a stage");
        let marker = page.find(SLOT).expect("the slot");
        let canvas = page.find("class=\"if-canvas\"").expect("a canvas");
        assert!(stage < marker && marker < canvas);
    }

    #[test]
    fn the_stylesheet_switches_drawings_where_the_chart_does() {
        let css = include_str!("../../style/main.css");
        let query = format!("@container (min-width: {NARROW_BELOW}px)");
        assert!(css.contains(&query), "style/main.css has no {query}");
        // The drawings' widths are the stage's on a 390 px phone and on a wide desktop.
        assert!(css.contains("main { max-width: 1200px;") && WIDE_WIDTH == 1200.0);
        assert!(css.contains("main { padding: 10px 12px; }") && NARROW_WIDTH == 390.0 - 24.0);
    }
}
