//! A small SVG writer behind plotters' `DrawingBackend`, with a hook to group marks.
//!
//! plotters' own SVG backend cannot add attributes, and the export must say in the SVG what
//! each band is (`data-giver`, `data-status`, a `<title>`, ...) so tests and readers with
//! tools can read the picture. The drawing stays written once against the plotters trait:
//! [`draw::paint_marked`](super::draw::paint_marked) tells a [`Groups`] (which shares this
//! writer's buffer) where each mark begins and ends, and it wraps the mark's elements in a
//! `<g>` it was given. Elements are written as plotters' SVG backend writes them, but for
//! strokes: a run of polylines of one style is one `<path>`.

use super::draw::{Mark, Marker};
use plotters::prelude::DrawingBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontStyle,
};
use std::cell::RefCell;
use std::fmt::Write as _;
use std::rc::Rc;

/// The document being written; shared by the backend and its [`Groups`].
pub type Buffer = Rc<RefCell<Document>>;

/// The SVG text so far, and the strokes of one style not yet written: consecutive polylines
/// of one style (a band's hatch lines or dashes) become one `<path>`, a fraction of the bytes.
#[derive(Debug, Default)]
pub struct Document {
    text: String,
    /// The stroke's attributes, the path data gathered for it, and where it ends.
    path: Option<(String, String, BackendCoord)>,
}

impl Document {
    fn flush(&mut self) {
        if let Some((style, d, _)) = self.path.take() {
            let _ = writeln!(
                self.text,
                "<path fill=\"none\"{style} d=\"{}\"/>",
                d.trim_end()
            );
        }
    }

    /// Appends `text` after whatever is pending.
    pub fn push_str(&mut self, text: &str) {
        self.flush();
        self.text.push_str(text);
    }

    /// The whole document.
    pub fn finish(&mut self) -> String {
        self.flush();
        std::mem::take(&mut self.text)
    }
}

pub struct SvgWriter {
    out: Buffer,
    size: (u32, u32),
    closed: bool,
}

impl SvgWriter {
    /// Starts a document of `size` pixels in `out`.
    pub fn new(out: Buffer, size: (u32, u32)) -> SvgWriter {
        let _ = writeln!(
            out.borrow_mut().text,
            "<svg width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" xmlns=\"http://www.w3.org/2000/svg\">",
            size.0,
            size.1
        );
        SvgWriter {
            out,
            size,
            closed: false,
        }
    }

    fn element(&self, tag: &str, attrs: &[(&str, &str)], text: Option<&str>) {
        let mut doc = self.out.borrow_mut();
        doc.flush();
        let out = &mut doc.text;
        out.push('<');
        out.push_str(tag);
        for (key, value) in attrs {
            let _ = write!(out, " {key}=\"");
            escape_into(out, value);
            out.push('"');
        }
        match text {
            None => out.push_str("/>\n"),
            Some(text) => {
                out.push_str(">\n");
                escape_into(out, text);
                let _ = write!(out, "\n</{tag}>\n");
            }
        }
    }
}

/// Escapes XML's five special characters into `out`.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}

fn hex(c: BackendColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.rgb.0, c.rgb.1, c.rgb.2)
}

fn points(path: impl IntoIterator<Item = BackendCoord>) -> String {
    path.into_iter().fold(String::new(), |mut s, (x, y)| {
        let _ = write!(s, "{x},{y} ");
        s
    })
}

/// Writing to a String cannot fail.
type Never = std::convert::Infallible;

impl DrawingBackend for SvgWriter {
    type ErrorType = Never;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Never>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Never>> {
        if !self.closed {
            self.out.borrow_mut().push_str("</svg>\n");
            self.closed = true;
        }
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        at: BackendCoord,
        c: BackendColor,
    ) -> Result<(), DrawingErrorKind<Never>> {
        self.draw_rect(at, (at.0 + 1, at.1 + 1), &c, true)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Never>> {
        self.draw_path([from, to], style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Never>> {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        let (fill, stroke) = fill_or_stroke(c, fill);
        self.element(
            "rect",
            &[
                ("x", &upper_left.0.to_string()),
                ("y", &upper_left.1.to_string()),
                ("width", &(bottom_right.0 - upper_left.0).to_string()),
                ("height", &(bottom_right.1 - upper_left.1).to_string()),
                ("opacity", &c.alpha.to_string()),
                ("fill", &fill),
                ("stroke", &stroke),
            ],
            None,
        );
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Never>> {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        let key = format!(
            " opacity=\"{}\" stroke=\"{}\" stroke-width=\"{}\"",
            c.alpha,
            hex(c),
            style.stroke_width()
        );
        let mut doc = self.out.borrow_mut();
        if !matches!(&doc.path, Some((style, _, _)) if *style == key) {
            doc.flush();
            doc.path = Some((key, String::new(), (0, 0)));
        }
        let Some((_, d, at)) = doc.path.as_mut() else {
            return Ok(());
        };
        // Relative steps (the first move from the origin): hatch lines repeat the same few
        // steps, so they cost few bytes once compressed.
        for (i, (x, y)) in path.into_iter().enumerate() {
            let _ = write!(
                d,
                "{}{} {}",
                if i == 0 { "m" } else { "l" },
                x - at.0,
                y - at.1
            );
            *at = (x, y);
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Never>> {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        self.element(
            "polygon",
            &[
                ("opacity", &c.alpha.to_string()),
                ("fill", &hex(c)),
                ("points", &points(path)),
            ],
            None,
        );
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Never>> {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        let (fill, stroke) = fill_or_stroke(c, fill);
        self.element(
            "circle",
            &[
                ("cx", &center.0.to_string()),
                ("cy", &center.1.to_string()),
                ("r", &radius.to_string()),
                ("opacity", &c.alpha.to_string()),
                ("fill", &fill),
                ("stroke", &stroke),
                ("stroke-width", &style.stroke_width().to_string()),
            ],
            None,
        );
        Ok(())
    }

    /// As plotters' SVG backend writes text: the size over 1.24 (hence
    /// [`Scale::SVG`](super::draw::Scale::SVG)), vertical anchors by `dy`.
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Never>> {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        let anchor = match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "middle",
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => "0.76em",
            VPos::Center => "0.5ex",
            VPos::Bottom => "-0.5ex",
        };
        let (x, y, size, alpha) = (
            pos.0.to_string(),
            pos.1.to_string(),
            (style.size() / 1.24).to_string(),
            c.alpha.to_string(),
        );
        let family = style.family();
        let mut attrs = vec![
            ("x", x.as_str()),
            ("y", &y),
            ("dy", dy),
            ("text-anchor", anchor),
            ("font-family", family.as_str()),
            ("font-size", &size),
            ("opacity", &alpha),
        ];
        let fill = hex(c);
        attrs.push(("fill", &fill));
        if let FontStyle::Bold = style.style() {
            attrs.push(("font-weight", "bold"));
        }
        self.element("text", &attrs, Some(text));
        Ok(())
    }
}

/// Wraps each mark's elements in the `<g ...>` opening given for it (closed with `</g>`).
pub struct Groups {
    pub out: Buffer,
    /// Opening text per band of the scene (`<g ...>` and its `<title>`).
    pub bands: Vec<String>,
    /// Opening text per label of the scene.
    pub labels: Vec<String>,
}

impl Groups {
    fn opening(&self, mark: Mark) -> Option<&String> {
        match mark {
            Mark::Band(b) => self.bands.get(b),
            Mark::Label(l) => self.labels.get(l),
        }
    }
}

impl Marker for Groups {
    fn open(&self, mark: Mark) {
        if let Some(text) = self.opening(mark) {
            self.out.borrow_mut().push_str(text);
        }
    }

    fn close(&self, mark: Mark) {
        if self.opening(mark).is_some() {
            self.out.borrow_mut().push_str("</g>\n");
        }
    }
}

/// `<g` with `attrs` (escaped), `>`, and a `<title>` if given.
pub fn group_opening(attrs: &[(&str, &str)], title: Option<&str>) -> String {
    let mut out = String::from("<g");
    for (key, value) in attrs {
        let _ = write!(out, " {key}=\"");
        escape_into(&mut out, value);
        out.push('"');
    }
    out.push_str(">\n");
    if let Some(title) = title {
        out.push_str("<title>");
        escape_into(&mut out, title);
        out.push_str("</title>\n");
    }
    out
}

/// A shape's `fill` and `stroke` attributes: filled in its colour, or outlined in it.
fn fill_or_stroke(c: BackendColor, fill: bool) -> (String, String) {
    if fill {
        (hex(c), "none".to_string())
    } else {
        ("none".to_string(), hex(c))
    }
}
