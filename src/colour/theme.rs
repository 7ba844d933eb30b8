//! The light and dark themes' colours: the one palette that the canvas, the SVG and PNG
//! exports and the validator's contrast check use (`style/main.css` repeats them, checked by
//! `tests`).

use super::Rgb;

/// The colours a picture is drawn with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub background: Rgb,
    pub text: Rgb,
    pub node: Rgb,
    /// Opacity of bands over the background, so crossings stay legible.
    pub band_alpha: f64,
}

impl Theme {
    pub const LIGHT: Theme = Theme {
        background: Rgb(0xff, 0xff, 0xff),
        text: Rgb(0x1d, 0x1f, 0x24),
        node: Rgb(0x3a, 0x3f, 0x4a),
        band_alpha: 0.85,
    };
    pub const DARK: Theme = Theme {
        background: Rgb(0x16, 0x18, 0x1d),
        text: Rgb(0xe8, 0xea, 0xee),
        node: Rgb(0xc4, 0xc8, 0xd0),
        band_alpha: 0.85,
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_text_reaches_4_5_to_1_and_nodes_3_to_1() {
        for theme in [Theme::LIGHT, Theme::DARK] {
            assert!(theme.text.contrast(theme.background) >= 4.5);
            assert!(theme.node.contrast(theme.background) >= 3.0);
        }
    }

    /// The value of `--NAME: #rrggbb` in a CSS rule text.
    fn css_colour(rule: &str, name: &str) -> Option<Rgb> {
        let at = rule.find(&format!("--{name}:"))?;
        let value = rule[at + name.len() + 3..].trim_start();
        Rgb::parse(value.get(..7)?)
    }

    /// `style/main.css` repeats the themes' background and text (`--if-bg`, `--if-text`) for
    /// the page around the canvas: they must be these, in the light rule and in both dark
    /// ones (the `data-theme="dark"` rule and the `prefers-color-scheme: dark` one).
    #[test]
    fn the_stylesheet_palette_is_the_themes() {
        let css = include_str!("../../style/main.css");
        let rules: Vec<&str> = css.lines().filter(|l| l.contains("--if-bg:")).collect();
        assert_eq!(rules.len(), 3, "{rules:#?}");
        for rule in rules {
            // The media query's rule is the one for figures not set to light.
            let theme = if rule.contains("dark") || rule.contains(":not([data-theme=\"light\"])") {
                Theme::DARK
            } else {
                Theme::LIGHT
            };
            assert_eq!(css_colour(rule, "if-bg"), Some(theme.background), "{rule}");
            assert_eq!(css_colour(rule, "if-text"), Some(theme.text), "{rule}");
        }
        // The page body around the figure too.
        assert!(css.contains(&format!(
            "body {{ margin: 0; background: {}; color: {};",
            Theme::LIGHT.background.hex(),
            Theme::LIGHT.text.hex()
        )));
        assert!(css.contains(&format!(
            "body {{ background: {}; color: {}; }}",
            Theme::DARK.background.hex(),
            Theme::DARK.text.hex()
        )));
    }
}
