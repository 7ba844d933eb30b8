//! Standalone exports of what the reader sees: the shown flows with their evidence as CSV, and
//! the picture in its newsroom frame (title, legend, band-width note, source line) as SVG, or
//! natively as PNG ([`png`]).
//!
//! Pure: everything is built in memory and handed back; the caller writes the file or offers
//! the download. The picture is painted by [`draw::paint`], the code that draws the canvas,
//! so an export shows exactly the view. The frame is plain data ([`Frame`]) laid out in CSS
//! pixels, like the scene, and [`paint_framed`] paints frame and scene on any plotters
//! backend: SVG here, the bitmap natively, an off-screen canvas in the browser.

use crate::colour::{theme::Theme, Rgb};
use crate::data::model::{Dataset, Flow, Status};
use crate::layout::{ApproxMeasure, Rect, TextMeasure};
use crate::picture::chart::{self, Chart};
use crate::picture::draw::{self, Scale};
use crate::picture::scene::Scene;
use crate::picture::svg;
use crate::reader::inspect::{actor_name, kind_label};
use crate::util::lang::Lang;
use crate::view::View;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

#[cfg(not(target_arch = "wasm32"))]
pub mod png;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;

/// The columns of [`csv`], in order.
pub const CSV_HEADER: [&str; 16] = [
    "id",
    "giver",
    "receiver",
    "kind",
    "start",
    "end",
    "ongoing",
    "amount_text",
    "amount_value",
    "amount_unit",
    "status",
    "summary",
    "evidence",
    "source_ids",
    "presented_as",
    "figures",
];

/// The shown flows, one row each, in the order of `view.links` and of each link's flows,
/// with their evidence.
///
/// RFC 4180: a header row, CRLF line ends, a field holding `,` `"` CR or LF set in double
/// quotes with its quotes doubled; UTF-8 without a byte-order mark. Giver, receiver and kind
/// are the names a reader sees (the documented giver, also when groups are folded); status is
/// `fact`, `reported` or `denied`; `evidence` is every quote verbatim followed by
/// ` — <source title>` and, where the document attributes it, ` (according to <who>)` or
/// ` (denied by <who>)`, joined with ` | `; `source_ids` lists each source once, joined the
/// same way; `presented_as` says how the documents present the flow and who says it
/// ("Reported — according to media sources"); `figures` lists every figure the evidence
/// gives, each with who gives it, joined with ` | `.
///
/// Formula injection: a spreadsheet runs a cell that begins with `=`, `+`, `-`, `@`, tab or
/// CR as a formula, so such a field gets a leading `'` (which the spreadsheet shows as text).
/// `amount_value` is exempt: it is a number formatted here, never text from the data.
pub fn csv(dataset: &Dataset, view: &View) -> String {
    let mut out = String::new();
    push_row(&mut out, CSV_HEADER.iter().map(|h| h.to_string()));
    for link in &view.links {
        for &index in &link.flows {
            push_row(&mut out, csv_fields(dataset, &dataset.flows[index]));
        }
    }
    out
}

fn csv_fields(dataset: &Dataset, flow: &Flow) -> impl Iterator<Item = String> {
    let when = flow.when.as_ref();
    let amount = flow.amount.as_ref();
    let evidence: Vec<String> = flow
        .evidence
        .iter()
        .map(|e| {
            let title = dataset.source(&e.source).map_or(&e.source, |s| &s.title);
            match (&e.attributed_to, &e.denied_by) {
                (Some(who), _) => format!("{} — {title} (according to {who})", e.quote),
                (None, Some(who)) => format!("{} — {title} (denied by {who})", e.quote),
                (None, None) => format!("{} — {title}", e.quote),
            }
        })
        .collect();
    let mut source_ids: Vec<&str> = Vec::new();
    for e in &flow.evidence {
        if !source_ids.contains(&e.source.as_str()) {
            source_ids.push(&e.source);
        }
    }
    let text = [
        flow.id.clone(),
        actor_name(dataset, &flow.source).to_string(),
        actor_name(dataset, &flow.target).to_string(),
        kind_label(dataset, &flow.kind).to_string(),
        when.map_or(String::new(), |w| w.start.clone()),
        when.and_then(|w| w.end.clone()).unwrap_or_default(),
        when.is_some_and(|w| w.ongoing).to_string(),
        amount.map_or(String::new(), |a| a.text.clone()),
    ]
    .into_iter()
    .map(defuse);
    let value = amount
        .and_then(|a| a.value)
        .map_or(String::new(), |v| v.to_string());
    let rest = [
        amount.and_then(|a| a.unit.clone()).unwrap_or_default(),
        flow.status.id().to_string(),
        flow.summary.clone(),
        evidence.join(" | "),
        source_ids.join(" | "),
        // The columns stay English in every language: a file for spreadsheets and scripts.
        crate::reader::inspect::presented(flow, Lang::En),
        crate::reader::inspect::figures(flow, Lang::En).join(" | "),
    ]
    .into_iter()
    .map(defuse);
    text.chain(std::iter::once(value)).chain(rest)
}

/// Prefixes `'` to text a spreadsheet would run as a formula.
fn defuse(field: String) -> String {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{field}")
    } else {
        field
    }
}

fn push_row(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}

/// The words and swatches around the picture in a standalone export, in CSS pixels.
///
/// Top to bottom: title, subtitle, the legend of the kinds shown, the scene (full width), the
/// note on what band width means, the source line naming every document.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
    pub background: Rgb,
    /// Top edge of the scene, which spans the frame's width from x = 0.
    pub scene_top: f64,
    pub texts: Vec<FrameText>,
    /// Legend swatches, in the order of the legend's labels.
    pub swatches: Vec<Swatch>,
}

/// One line of frame text, anchored at its left edge and vertical middle.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameText {
    pub role: TextRole,
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub font_px: f64,
    pub bold: bool,
    pub color: Rgb,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextRole {
    Title,
    Subtitle,
    Legend,
    Note,
    Sources,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Swatch {
    /// The kind's id.
    pub kind: String,
    pub rect: Rect,
    /// The band colour as drawn: the kind's colour at the theme's band opacity.
    pub color: Rgb,
}

/// Side and top margin of the frame text.
const PAD: f64 = 16.0;
const TITLE_PX: f64 = 20.0;
const SUBTITLE_PX: f64 = 14.0;
/// Legend and note text: the same 13 px as the labels; the note and sources at 12 (the floor).
const LEGEND_PX: f64 = 13.0;
const SMALL_PX: f64 = 12.0;
const SWATCH: f64 = 12.0;
/// Bold text runs about a tenth wider than the measure of regular text.
const BOLD_WIDTH: f64 = 1.1;

/// What band width means; the web page says the same under the chart.
pub const WIDTH_NOTE: &str = Lang::En.words().width_note;

/// How the bands show certainty, in one line (the page's legend says the same); the bands'
/// marks follow `data::model::Status`: fact, reported, denied.
pub const CERTAINTY_KEY: &str = Lang::En.words().certainty_key;

/// `frame_in` English.
pub fn frame(dataset: &Dataset, chart: &Chart, theme: &Theme, measure: &dyn TextMeasure) -> Frame {
    frame_in(dataset, chart, theme, measure, Lang::En)
}

/// Lays out the frame around `chart`'s scene, wrapping text to the scene's width with
/// `measure` (the canvas's own on the web, the PNG font natively, an estimate for SVG). Its
/// own words are in `lang`; the dataset's stay as written.
pub fn frame_in(
    dataset: &Dataset,
    chart: &Chart,
    theme: &Theme,
    measure: &dyn TextMeasure,
    lang: Lang,
) -> Frame {
    let words = lang.words();
    let width = chart.scene.width.ceil();
    let mut out = FrameWriter {
        texts: Vec::new(),
        y: PAD,
        width: (width - 2.0 * PAD).max(1.0),
        measure,
        color: theme.text,
    };
    out.lines(TextRole::Title, &dataset.title, TITLE_PX, 26.0);
    if let Some(subtitle) = &dataset.subtitle {
        out.lines(TextRole::Subtitle, subtitle, SUBTITLE_PX, 20.0);
    }
    out.y += 8.0;
    let swatches = legend(dataset, chart, theme, &mut out, width);
    out.lines(TextRole::Note, words.certainty_key, SMALL_PX, 17.0);
    out.y += 4.0;
    let scene_top = out.y;
    out.y += chart.scene.height + 8.0;
    let counts = &chart.view.counts;
    let note = if counts.shown < counts.total {
        format!(
            "{} {}",
            words.width_note,
            lang.showing(counts.shown, counts.total)
        )
    } else {
        words.width_note.to_string()
    };
    out.lines(TextRole::Note, &note, SMALL_PX, 17.0);
    out.lines(
        TextRole::Sources,
        &source_line(dataset, lang),
        SMALL_PX,
        17.0,
    );
    Frame {
        width,
        height: (out.y + PAD - 4.0).ceil(),
        background: theme.background,
        scene_top,
        texts: out.texts,
        swatches,
    }
}

/// Frame text laid out so far, and where the next line goes.
struct FrameWriter<'a> {
    texts: Vec<FrameText>,
    y: f64,
    /// Width available to a line.
    width: f64,
    measure: &'a dyn TextMeasure,
    color: Rgb,
}

impl FrameWriter<'_> {
    /// Wraps `text` and sets it line by line, each `line_px` tall.
    fn lines(&mut self, role: TextRole, text: &str, font_px: f64, line_px: f64) {
        let bold = role == TextRole::Title;
        let factor = if bold { BOLD_WIDTH } else { 1.0 };
        let measure = self.measure;
        let width = |t: &str| measure.width(t, font_px) * factor;
        for line in wrap(&xml_safe(text), self.width, &width) {
            self.texts.push(FrameText {
                role,
                text: line,
                x: PAD,
                y: self.y + line_px / 2.0,
                font_px,
                bold,
                color: self.color,
            });
            self.y += line_px;
        }
    }
}

/// The legend of the kinds shown: swatch and label, flowing into as many rows as needed.
fn legend(
    dataset: &Dataset,
    chart: &Chart,
    theme: &Theme,
    out: &mut FrameWriter,
    width: f64,
) -> Vec<Swatch> {
    let row_px = 22.0;
    let mut swatches = Vec::new();
    let mut x = PAD;
    let kinds = chart
        .view
        .kinds_shown
        .iter()
        .filter_map(|id| dataset.kind(id));
    for kind in kinds {
        let label = xml_safe(&kind.label);
        let item = SWATCH + 6.0 + out.measure.width(&label, LEGEND_PX);
        if x > PAD && x + item > width - PAD {
            x = PAD;
            out.y += row_px;
        }
        let middle = out.y + row_px / 2.0;
        swatches.push(Swatch {
            kind: kind.id.clone(),
            rect: Rect {
                x0: x,
                y0: middle - SWATCH / 2.0,
                x1: x + SWATCH,
                y1: middle + SWATCH / 2.0,
            },
            color: Rgb::parse(&kind.color)
                .unwrap_or(theme.node)
                .over(theme.background, theme.band_alpha),
        });
        out.texts.push(FrameText {
            role: TextRole::Legend,
            text: label,
            x: x + SWATCH + 6.0,
            y: middle,
            font_px: LEGEND_PX,
            bold: false,
            color: theme.text,
        });
        x += item + 18.0;
    }
    if !swatches.is_empty() {
        out.y += row_px + 6.0;
    }
    swatches
}

/// "Sources: Title (Author, Author, Publisher, 2023-08-11); Title." — every document, as the
/// page's source line names them.
pub fn source_line(dataset: &Dataset, lang: Lang) -> String {
    let names: Vec<String> = dataset
        .sources
        .iter()
        .map(|s| match crate::reader::inspect::byline(s, lang) {
            Some(by) => format!("{} ({by})", s.title),
            None => s.title.clone(),
        })
        .collect();
    let word = if names.len() == 1 {
        lang.words().source_one
    } else {
        lang.words().source_many
    };
    format!("{}.", lang.labelled(word, &names.join("; ")))
}

/// Greedy word wrap; a word wider than the line is broken between characters.
fn wrap(text: &str, max: f64, width: &dyn Fn(&str) -> f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if width(&candidate) <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            line.push(c);
            if width(&line) > max && line.chars().count() > 1 {
                line.pop();
                lines.push(std::mem::take(&mut line));
                line.push(c);
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Paints the frame, then the scene inside it with [`draw::paint`] (which presents the area:
/// nothing may be drawn after it). `area` is `frame.width × frame.height` at `scale`.
pub fn paint_framed<DB: DrawingBackend>(
    frame: &Frame,
    scene: &Scene,
    area: &DrawingArea<DB, Shift>,
    scale: Scale,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    paint_framed_marked(frame, scene, area, scale, &draw::NoMarker)
}

/// [`paint_framed`], telling `marker` where each band and label of the scene begins and ends.
pub fn paint_framed_marked<DB: DrawingBackend>(
    frame: &Frame,
    scene: &Scene,
    area: &DrawingArea<DB, Shift>,
    scale: Scale,
    marker: &dyn draw::Marker,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |v: f64| (v * scale.pixels).round() as i32;
    let color = |c: Rgb| RGBColor(c.0, c.1, c.2);
    area.fill(&color(frame.background))?;
    for swatch in &frame.swatches {
        let r = &swatch.rect;
        area.draw(&Rectangle::new(
            [(px(r.x0), px(r.y0)), (px(r.x1), px(r.y1))],
            color(swatch.color).filled(),
        ))?;
    }
    for text in &frame.texts {
        let weight = if text.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        let font = FontDesc::new(draw::FONT, text.font_px * scale.font, weight);
        let fill = color(text.color);
        let style = TextStyle::from(font)
            .color(&fill)
            .pos(Pos::new(HPos::Left, VPos::Center));
        area.draw(&Text::new(
            text.text.as_str(),
            (px(text.x), px(text.y)),
            style,
        ))?;
    }
    let size = (
        px(scene.width).max(0) as u32,
        px(scene.height).max(0) as u32,
    );
    let scene_area = area.clone().shrink((0, px(frame.scene_top)), size);
    draw::paint_marked(scene, &scene_area, scale, marker)
}

/// A standalone SVG of the chart in its frame, for download or for an article: the scene as
/// `draw::paint` draws it, through our SVG writer, with the title, legend, note and source
/// line as SVG text and rectangles, and a `<title>` and `<desc>` (the chart's text
/// alternative) for screen readers. Each band is a `<g>` with `data-giver`, `data-receiver`,
/// `data-kind`, `data-family` and `data-status` (ids) and a `<title>`; each label a `<g>`
/// with `data-actor`. Text from the data is escaped by the writer; characters XML does not
/// allow (control characters) are dropped.
pub fn svg(dataset: &Dataset, chart: &Chart, theme: &Theme) -> String {
    svg_in(dataset, chart, theme, Lang::En)
}

/// `svg` with the frame's words and the text alternative in `lang`.
pub fn svg_in(dataset: &Dataset, chart: &Chart, theme: &Theme, lang: Lang) -> String {
    let frame = frame_in(dataset, chart, theme, &ApproxMeasure, lang);
    let scene = xml_safe_scene(&chart.scene);
    let buffer = svg::Buffer::default();
    {
        let size = (frame.width.ceil() as u32, frame.height.ceil() as u32);
        let root = svg::SvgWriter::new(buffer.clone(), size).into_drawing_area();
        let groups = mark_groups(dataset, &chart.view, &scene, buffer.clone(), lang);
        // Writing to a String cannot fail.
        let _ = paint_framed_marked(&frame, &scene, &root, Scale::SVG, &groups);
    }
    let mut out = buffer.borrow_mut().finish();
    let summary = chart::summary(dataset, &chart.view, lang);
    let head = format!(
        "<title>{}</title>\n<desc>{}</desc>\n",
        escape_xml(&xml_safe(&dataset.title)),
        escape_xml(&xml_safe(&summary))
    );
    // After the opening <svg ...> tag, which ends the first line.
    match out.find(">\n") {
        Some(end) => out.insert_str(end + 2, &head),
        None => out.insert_str(0, &head),
    }
    out
}

/// The `<g>` each band and label of `scene` is wrapped in, saying what it shows.
fn mark_groups(
    dataset: &Dataset,
    view: &View,
    scene: &Scene,
    out: svg::Buffer,
    lang: Lang,
) -> svg::Groups {
    let words = lang.words();
    let bands = scene
        .bands
        .iter()
        .map(|band| {
            let Some(link) = view.links.get(band.link) else {
                return svg::group_opening(&[], None);
            };
            let status = link.status.id();
            let said = match link.status {
                Status::Fact => words.short_fact,
                Status::Reported => words.short_reported,
                Status::Denied => words.short_denied,
            };
            let title = format!(
                "{} → {}: {}, {said}",
                actor_name(dataset, &link.source_actor),
                actor_name(dataset, &link.target_actor),
                kind_label(dataset, &link.kind)
            );
            svg::group_opening(
                &[
                    ("class", "band"),
                    ("data-giver", &link.source_actor),
                    ("data-receiver", &link.target_actor),
                    ("data-kind", &link.kind),
                    ("data-family", family_of(dataset, &link.kind)),
                    ("data-status", status),
                ],
                Some(&xml_safe(&title)),
            )
        })
        .collect();
    let labels = scene
        .labels
        .iter()
        .map(|label| {
            let actor = view.nodes.get(label.node).map_or("", |n| n.actor.as_str());
            svg::group_opening(&[("class", "label"), ("data-actor", actor)], None)
        })
        .collect();
    svg::Groups { out, bands, labels }
}

/// The family a kind belongs to, for `data-family`: the kind itself until the dataset
/// declares families.
pub fn family_of<'a>(_dataset: &'a Dataset, kind: &'a str) -> &'a str {
    kind
}

/// The scene with every label's text made safe for XML.
pub(crate) fn xml_safe_scene(scene: &Scene) -> Scene {
    let mut scene = scene.clone();
    for label in &mut scene.labels {
        label.text = xml_safe(&label.text);
        for line in &mut label.lines {
            *line = xml_safe(line);
        }
    }
    scene
}

/// Drops the characters XML 1.0 does not allow (control characters but tab, LF and CR, and
/// U+FFFE, U+FFFF); a document holding them would not open.
pub fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || (c >= ' ' && c != '\u{7f}' && c != '\u{fffe}' && c != '\u{ffff}')
        })
        .collect()
}

pub(crate) fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defuse_prefixes_formula_starts_only() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(defuse(bad.into()), format!("'{bad}"));
        }
        for good in ["Russia", "", " =1", "'quoted", "1-2"] {
            assert_eq!(defuse(good.into()), good);
        }
    }

    #[test]
    fn quoting_follows_rfc_4180() {
        let mut out = String::new();
        push_row(
            &mut out,
            ["plain", "a,b", "say \"hi\"", "two\nlines", "cr\r"]
                .iter()
                .map(|s| s.to_string()),
        );
        assert_eq!(
            out,
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\"\r\n"
        );
    }

    #[test]
    fn wrap_keeps_every_word_and_fits_the_width() {
        let width = |t: &str| t.chars().count() as f64;
        let lines = wrap("one two three four five", 9.0, &width);
        assert_eq!(lines, ["one two", "three", "four five"]);
        assert_eq!(wrap("abcdefghij", 4.0, &width), ["abcd", "efgh", "ij"]);
        assert!(wrap("   ", 4.0, &width).is_empty());
    }

    #[test]
    fn xml_safe_drops_control_characters_only() {
        assert_eq!(xml_safe("a\u{0}b\u{8}c\td\u{7f}é\u{ffff}"), "abc\tdé");
    }
}
