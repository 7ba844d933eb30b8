//! The kind colours' check: each must reach 3:1 contrast on the light and the dark theme's
//! background, with the luminance and the backgrounds of `crate::colour` (the one source).

use crate::colour::theme::Theme;
use crate::colour::Rgb;

/// Contrast a kind colour needs on both backgrounds (WCAG 2 for graphical objects).
pub const MIN_CONTRAST: f64 = 3.0;

/// Contrast of `colour` on the light and on the dark background.
pub fn contrast_on_backgrounds(colour: Rgb) -> (f64, f64) {
    (
        colour.contrast(Theme::LIGHT.background),
        colour.contrast(Theme::DARK.background),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_yellow_passes_on_dark_only() {
        let (light, dark) = contrast_on_backgrounds(Rgb(0xf0, 0xe4, 0x42));
        assert!(
            light < MIN_CONTRAST && dark > MIN_CONTRAST,
            "{light} {dark}"
        );
    }
}
