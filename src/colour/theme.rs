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
}
