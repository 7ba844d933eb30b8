//! Exports hold what the view shows: CSV parses back to the shown flows with their quotes
//! verbatim, the SVG stands alone (frame, legend, sources) and escapes the data, the PNG
//! decodes to the frame's size with every drawn kind's colour, and the CLI writes all three.

use crate::util::mali;
use influence_flows::colour::{theme::Theme, Rgb};
use influence_flows::data::model::{Dataset, Status};
use influence_flows::export::{self, png::PngFonts, TextRole};
use influence_flows::layout::{ApproxMeasure, TextMeasure};
use influence_flows::picture::certainty::REPORTED_FILL;
use influence_flows::picture::chart::{self, Chart};
use influence_flows::view::{Filters, View};
use std::collections::HashMap;
use std::process::Command;

fn build(dataset: &Dataset, filters: &Filters, measure: &dyn TextMeasure) -> Chart {
    chart::build(dataset, filters, 960.0, None, &Theme::LIGHT, measure)
}

/// A strict RFC 4180 reader: records end in CRLF, quoted fields may hold anything.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => {
                quoted = false;
                assert!(
                    matches!(chars.peek(), Some(',') | Some('\r') | None),
                    "a closing quote must end its field"
                );
            }
            (true, c) => field.push(c),
            (false, '"') => {
                assert!(field.is_empty(), "a quote may only open a field");
                quoted = true;
            }
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "records end in CRLF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, '\n') => panic!("bare LF outside quotes"),
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quote");
    assert!(
        field.is_empty() && record.is_empty(),
        "the last record ends in CRLF"
    );
    records
}

#[test]
fn csv_has_one_row_per_shown_flow_with_its_quotes_verbatim() {
    let dataset = mali();
    let mut filters = Filters::default();
    filters.hidden_kinds.insert("arms".into());
    for filters in [Filters::default(), filters] {
        let view = View::new(&dataset, &filters);
        let rows = parse_csv(&export::csv(&dataset, &view));
        assert_eq!(rows[0], export::CSV_HEADER);
        assert_eq!(rows.len() - 1, view.counts.shown);
        let shown: Vec<usize> = view.links.iter().flat_map(|l| l.flows.clone()).collect();
        for (row, &index) in rows[1..].iter().zip(&shown) {
            let flow = &dataset.flows[index];
            assert_eq!(row.len(), export::CSV_HEADER.len());
            assert_eq!(row[0], flow.id, "rows follow the view's order");
            assert_eq!(row[11], flow.summary);
            let mut rest = row[12].as_str();
            for e in &flow.evidence {
                let title = &dataset.source(&e.source).unwrap().title;
                let item = match (&e.attributed_to, &e.denied_by) {
                    (Some(who), _) => format!("{} — {title} (according to {who})", e.quote),
                    (None, Some(who)) => format!("{} — {title} (denied by {who})", e.quote),
                    (None, None) => format!("{} — {title}", e.quote),
                };
                assert!(rest.starts_with(&item), "quote of {} verbatim", flow.id);
                rest = rest[item.len()..].trim_start_matches(" | ");
            }
            assert!(rest.is_empty());
            assert_eq!(
                row[14],
                influence_flows::reader::inspect::presented(
                    flow,
                    influence_flows::util::lang::Lang::En
                )
            );
            if flow.id == "russia-mali-gromyko-cnsp-meeting" {
                assert_eq!(
                    row[14],
                    "Reported — according to media sources; Russian Ambassador Igor Gromyko"
                );
            }
            if flow.id == "famas-civilians-moura-2022-03" {
                assert!(row[15].starts_with("“dozens of civilians” (according to "));
                assert!(row[15].ends_with(" | “300” (according to original estimates) | “more than 500” (according to a recent UN report)"));
            }
        }
        if !filters.hidden_kinds.is_empty() {
            assert!(rows[1..].iter().all(|r| r[3] != "Arms"));
        }
    }
}

#[test]
fn csv_quotes_awkward_text_and_defuses_formulas() {
    let mut dataset = mali();
    let tricky = "He said \"no\", then\r\nleft";
    dataset.flows[0].summary = "=HYPERLINK(\"http://x\")".into();
    dataset.flows[0].evidence[0].quote = tricky.into();
    dataset.flows[0].amount = Some(influence_flows::data::model::Amount {
        text: "-5 tanks".into(),
        value: Some(-5.0),
        unit: Some("@units".into()),
    });
    let view = View::new(&dataset, &Filters::default());
    let rows = parse_csv(&export::csv(&dataset, &view));
    let row = rows
        .iter()
        .find(|r| r[0] == dataset.flows[0].id)
        .expect("the flow is shown");
    assert_eq!(row[11], "'=HYPERLINK(\"http://x\")");
    assert!(row[12].starts_with(&format!("{tricky} — ")));
    assert_eq!(row[7], "'-5 tanks");
    assert_eq!(row[8], "-5", "the number is not text from the data");
    assert_eq!(row[9], "'@units");
    for row in &rows {
        for field in row {
            assert!(
                !field.starts_with(['=', '+', '-', '@', '\t', '\r']) || field == "-5",
                "{field:?} would run as a formula"
            );
        }
    }
}

#[test]
fn svg_stands_alone_with_title_legend_note_and_both_sources() {
    let dataset = mali();
    let chart = build(&dataset, &Filters::default(), &ApproxMeasure);
    let svg = export::svg(&dataset, &chart, &Theme::LIGHT);
    assert!(svg.starts_with("<svg ") && svg.trim_end().ends_with("</svg>"));
    let filled = chart.view.links.iter();
    let filled = filled.filter(|l| l.status != Status::Denied).count();
    assert_eq!(svg.matches("<polygon").count(), filled);
    assert!(svg.contains(&format!("<title>{}</title>", dataset.title)));
    assert!(svg.contains("<desc>"));
    let frame = export::frame(&dataset, &chart, &Theme::LIGHT, &ApproxMeasure);
    // Every line of frame text is in the SVG, so the title, note and source line are.
    for text in &frame.texts {
        assert!(
            svg.contains(&format!("\n{}\n", text.text.replace('&', "&amp;"))),
            "{:?} missing",
            text.text
        );
    }
    let all_text: String = frame
        .texts
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    for source in &dataset.sources {
        assert!(
            all_text.contains(&source.title),
            "{} not named",
            source.title
        );
    }
    assert!(all_text.contains(export::WIDTH_NOTE));
    // The legend's one line on certainty and width, above the picture.
    let key = frame
        .texts
        .iter()
        .find(|t| t.text.starts_with("Solid = stated as fact"))
        .expect("the certainty key");
    assert!(key.y < frame.scene_top, "the key is above the picture");
    assert!(
        all_text.contains("dashed outline = denied")
            && all_text.contains("Width = number of documented flows")
    );
    let legend: Vec<&str> = frame
        .texts
        .iter()
        .filter(|t| t.role == TextRole::Legend)
        .map(|t| t.text.as_str())
        .collect();
    let kinds: Vec<&str> = chart
        .view
        .kinds_shown
        .iter()
        .map(|k| dataset.kind(k).unwrap().label.as_str())
        .collect();
    assert_eq!(legend, kinds);
    for swatch in &frame.swatches {
        let c = swatch.color;
        assert!(svg.contains(&format!("fill=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2)));
    }
}

#[test]
fn frame_fits_its_text_and_holds_the_scene() {
    let dataset = mali();
    let mut filters = Filters::default();
    filters.hidden_kinds.insert("money".into());
    for width in [360.0, 960.0] {
        let chart = chart::build(
            &dataset,
            &filters,
            width,
            None,
            &Theme::DARK,
            &ApproxMeasure,
        );
        let frame = export::frame(&dataset, &chart, &Theme::DARK, &ApproxMeasure);
        assert_eq!(frame.background, Theme::DARK.background);
        assert!(frame.scene_top + chart.scene.height < frame.height);
        for t in &frame.texts {
            let right =
                t.x + ApproxMeasure.width(&t.text, t.font_px) * if t.bold { 1.1 } else { 1.0 };
            assert!(t.x >= 0.0 && right <= frame.width, "{:?} overflows", t.text);
            assert!(t.y > 0.0 && t.y < frame.height);
            assert!(t.font_px >= 12.0);
            let in_scene = t.y > frame.scene_top && t.y < frame.scene_top + chart.scene.height;
            assert!(!in_scene, "{:?} lies on the scene", t.text);
        }
        assert!(!frame.swatches.iter().any(|s| s.kind == "money"));
        let note = frame.texts.iter().filter(|t| t.role == TextRole::Note);
        let note: Vec<&str> = note.map(|t| t.text.as_str()).collect();
        assert!(note.join(" ").contains(&format!(
            "Showing {} of {} flows.",
            chart.view.counts.shown, chart.view.counts.total
        )));
    }
}

#[test]
fn svg_escapes_text_from_the_data() {
    let mut dataset = mali();
    dataset.title = "<script>alert(1)</script> & co".into();
    dataset.actors[0].name = "<script>alert('x')</script>\u{7}".into();
    dataset.kinds[0].label = "Arms <b>".into();
    dataset.sources[0].title = "\"Quoted\" <i>".into();
    let chart = build(&dataset, &Filters::default(), &ApproxMeasure);
    let svg = export::svg(&dataset, &chart, &Theme::LIGHT);
    assert!(!svg.contains("<script"), "markup from the data is escaped");
    assert!(!svg.contains("<b>") && !svg.contains("<i>"));
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
    assert!(svg.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;"));
    assert!(!svg.contains('\u{7}'), "control characters are dropped");
}

fn png_fonts() -> PngFonts {
    let path = export::png::FONT_PATHS
        .iter()
        .find(|p| std::path::Path::new(p).is_file())
        .expect("DejaVu Sans is installed (apt-get install fonts-dejavu-core)");
    PngFonts::from_bytes(std::fs::read(path).unwrap(), None).expect("a valid font")
}

fn decode(bytes: &[u8]) -> (png::OutputInfo, Vec<u8>, Option<png::PixelDimensions>) {
    let mut reader = png::Decoder::new(bytes).read_info().expect("a PNG");
    let dims = reader.info().pixel_dims;
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).expect("one frame");
    pixels.truncate(info.buffer_size());
    (info, pixels, dims)
}

/// How many pixels have each colour.
fn histogram(pixels: &[u8]) -> HashMap<[u8; 3], usize> {
    let mut counts = HashMap::new();
    for p in pixels.chunks_exact(3) {
        *counts.entry([p[0], p[1], p[2]]).or_insert(0) += 1;
    }
    counts
}

/// Pixels of colour `c`, give or take the blending's rounding.
fn count(histogram: &HashMap<[u8; 3], usize>, c: Rgb) -> usize {
    let near = |v: u8| v.saturating_sub(2)..=v.saturating_add(2);
    let mut n = 0;
    for r in near(c.0) {
        for g in near(c.1) {
            for b in near(c.2) {
                n += histogram.get(&[r, g, b]).copied().unwrap_or(0);
            }
        }
    }
    n
}

#[test]
fn png_decodes_to_the_frame_size_with_every_kind_drawn() {
    let dataset = mali();
    let fonts = png_fonts();
    let chart = build(&dataset, &Filters::default(), &fonts);
    let frame = export::frame(&dataset, &chart, &Theme::LIGHT, &fonts);
    let scale = 2.0;
    let bytes = export::png::png(&dataset, &chart, &Theme::LIGHT, scale, &fonts).unwrap();
    let (info, pixels, dims) = decode(&bytes);
    let colours = histogram(&pixels);
    assert_eq!(info.color_type, png::ColorType::Rgb);
    assert_eq!(info.width, (frame.width * scale).ceil() as u32);
    assert_eq!(info.height, (frame.height * scale).ceil() as u32);
    assert_eq!(
        dims.map(|d| d.xppu),
        Some(7559),
        "192 dpi: prints at CSS size"
    );
    for swatch in &frame.swatches {
        // The swatch (12 × 12 CSS px) and the kind's bands, where nothing crosses them.
        // A kind all of whose flows are reported is drawn in its lighter, hatched tint.
        let kind = dataset.kind(&swatch.kind).expect("a kind of the dataset");
        let tint = Rgb::parse(&kind.color).expect("a colour").over(
            Theme::LIGHT.background,
            Theme::LIGHT.band_alpha * REPORTED_FILL,
        );
        let drawn = count(&colours, swatch.color) + count(&colours, tint);
        let swatch_px = (12.0 * scale * 12.0 * scale) as usize;
        assert!(
            drawn > swatch_px * 2,
            "{}: {drawn} pixels in its colour",
            swatch.kind
        );
    }
    assert!(
        count(&colours, Theme::LIGHT.text) > 2000,
        "text is drawn in the text colour"
    );
}

#[test]
fn png_text_is_as_big_as_on_the_canvas_and_centred_on_its_anchor() {
    // One label, "H", at 13 px and scale 2: the canvas draws a cap height of 0.73 em
    // (DejaVu Sans), centred a little above the anchor (middle of ascent and descent).
    let mut dataset = mali();
    dataset.title = "H".into();
    dataset.subtitle = None;
    let fonts = png_fonts();
    let chart = build(&dataset, &Filters::default(), &fonts);
    let frame = export::frame(&dataset, &chart, &Theme::LIGHT, &fonts);
    let title = &frame.texts[0];
    assert_eq!(title.text, "H");
    let scale = 2.0;
    let bytes = export::png::png(&dataset, &chart, &Theme::LIGHT, scale, &fonts).unwrap();
    let (info, pixels, _) = decode(&bytes);
    let w = info.width as usize;
    let ink_rows: Vec<usize> = (0..(frame.texts[1].y - 10.0) as usize * 2)
        .filter(|&y| {
            (0..w / 4).any(|x| {
                let p = &pixels[(y * w + x) * 3..][..3];
                p[0] < 128
            })
        })
        .collect();
    let (top, bottom) = (ink_rows[0] as f64, *ink_rows.last().unwrap() as f64 + 1.0);
    let em = title.font_px * scale;
    let cap = bottom - top;
    assert!(
        (cap - 0.73 * em).abs() <= 2.0,
        "cap height {cap} px for a {em} px em"
    );
    // DejaVu Sans: ascent 0.928 em, descent 0.236 em; baseline 0.346 em below the anchor.
    let baseline = title.y * scale + 0.346 * em;
    assert!(
        (bottom - baseline).abs() <= 1.5,
        "baseline at {bottom}, expected {baseline}"
    );
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_influence-flows"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the program runs")
}

#[test]
fn cli_renders_png_svg_and_csv() {
    let dir = std::env::temp_dir().join(format!("if-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let out = run(&[
        "render",
        "data/mali.json",
        "-o",
        &path("m.png"),
        "--scale",
        "1",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (info, _, _) = decode(&std::fs::read(path("m.png")).unwrap());
    assert_eq!(info.width, 960);
    let out = run(&["render", "data/mali.json", "-o", &path("m.svg")]);
    assert!(out.status.success());
    let svg = std::fs::read_to_string(path("m.svg")).unwrap();
    assert!(svg.contains("Band width") && svg.contains("Sources: "));
    // Every flow with --view all; the dataset's first view by default.
    let out = run(&[
        "render",
        "data/mali.json",
        "-o",
        &path("m.csv"),
        "--view",
        "all",
    ]);
    assert!(out.status.success());
    let csv = std::fs::read_to_string(path("m.csv")).unwrap();
    assert_eq!(parse_csv(&csv).len(), mali().flows.len() + 1);
    let out = run(&["render", "data/mali.json", "-o", &path("m.csv")]);
    assert!(out.status.success());
    let csv = std::fs::read_to_string(path("m.csv")).unwrap();
    let (first, _) = influence_flows::reader::url_state::first_view(&mali());
    let shown = mali()
        .flows
        .iter()
        .filter(|f| !first.filters.hidden_kinds.contains(&f.kind))
        .count();
    assert_eq!(parse_csv(&csv).len(), shown + 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn cli_explains_what_it_cannot_do() {
    let err = |args: &[&str]| {
        let out = run(args);
        assert!(!out.status.success(), "{args:?} should fail");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let out_gif = std::env::temp_dir().join("if-x.gif");
    let gif = out_gif.to_str().unwrap();
    assert!(err(&["render", "data/mali.json", "-o", gif]).contains(".svg, .png or .csv"));
    let svg = std::env::temp_dir().join(format!("if-x-{}.svg", std::process::id()));
    let svg = svg.to_str().unwrap();
    assert!(err(&["render", "data/mali.json", "-o", svg, "--scale", "2"]).contains(".png"));
    let png = std::env::temp_dir().join(format!("if-x-{}.png", std::process::id()));
    let png = png.to_str().unwrap();
    let message = err(&[
        "render",
        "data/mali.json",
        "-o",
        png,
        "--font",
        "/no/such.ttf",
    ]);
    assert!(message.contains("/no/such.ttf"), "{message}");
    let message = err(&[
        "render",
        "data/mali.json",
        "-o",
        png,
        "--font",
        "data/mali.json",
    ]);
    assert!(message.contains("not a TrueType"), "{message}");
    let message = err(&["render", "data/mali.json", "-o", png, "--scale", "40"]);
    assert!(message.contains("lower --width or --scale"), "{message}");
}
