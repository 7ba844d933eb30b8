//! Exports hold what the view shows: CSV parses back to the shown flows with their quotes
//! verbatim, and the SVG stands alone (frame, legend, sources) and escapes the data.

use influence_flows::chart::{self, Chart};
use influence_flows::export::{self, TextRole};
use influence_flows::layout::{ApproxMeasure, TextMeasure};
use influence_flows::model::Dataset;
use influence_flows::theme::Theme;
use influence_flows::validate;
use influence_flows::view::{Filters, View};

fn mali() -> Dataset {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/mali.json"))
        .expect("data/mali.json is readable");
    validate::load(&text).expect("data/mali.json is valid")
}

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
                let item = format!("{} — {title}", e.quote);
                assert!(rest.starts_with(&item), "quote of {} verbatim", flow.id);
                rest = rest[item.len()..].trim_start_matches(" | ");
            }
            assert!(rest.is_empty());
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
    dataset.flows[0].amount = Some(influence_flows::model::Amount {
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
    assert_eq!(svg.matches("<polygon").count(), chart.view.links.len());
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
