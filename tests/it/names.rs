//! Every actor named: at every width from phone to desktop, each drawn actor has a label, in
//! full or by its declared short name, never cut, at 11 CSS px or more.

use crate::util::mali;
use influence_flows::colour::theme::Theme;
use influence_flows::export;
use influence_flows::layout::ApproxMeasure;
use influence_flows::picture::chart;
use influence_flows::view::Filters;

pub const WIDTHS: [f64; 5] = [320.0, 360.0, 768.0, 1280.0, 1600.0];

#[test]
fn every_actor_is_named_in_full_or_by_its_short_name_at_every_width() {
    let dataset = mali();
    for filters in [
        Filters::default(),
        Filters {
            fold_groups: true,
            ..Filters::default()
        },
    ] {
        for width in WIDTHS {
            let chart = chart::build(
                &dataset,
                &filters,
                width,
                None,
                &Theme::LIGHT,
                &ApproxMeasure,
            );
            for (n, node) in chart.view.nodes.iter().enumerate() {
                let actor = dataset.actor(&node.actor).unwrap();
                let label = chart.scene.labels.iter().find(|l| l.node == n);
                let Some(label) = label else {
                    panic!(
                        "{} has no label at {width} px (folded: {})",
                        actor.name, filters.fold_groups
                    );
                };
                let allowed = [Some(actor.name.as_str()), actor.short.as_deref()];
                assert!(
                    allowed.contains(&Some(label.text.as_str())),
                    "{:?} at {width} px",
                    label.text
                );
                assert_eq!(
                    label.lines.join(" "),
                    label.text,
                    "lines hold the whole text"
                );
                assert!(label.lines.len() <= 2);
                assert!(!label.text.contains('…'));
                assert!(
                    label.font_px >= 11.0,
                    "{} at {} px",
                    label.text,
                    label.font_px
                );
            }
            // The SVG export draws each of them, grouped under its actor.
            let svg = export::svg(&dataset, &chart, &Theme::LIGHT);
            assert_eq!(
                svg.matches("<g class=\"label\"").count(),
                chart.view.nodes.len(),
                "{width} px"
            );
            assert!(!svg.contains('…'));
        }
    }
}
