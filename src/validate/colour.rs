//! The colour checks: each kind or family colour must reach 3:1 contrast on the light and
//! the dark theme's background, and the picture's colours must stay apart for every reader,
//! with the maths of `crate::colour` (the one source).
//!
//! "Apart" is measured as CIEDE2000 (ΔE00) between two bands as drawn — each colour at the
//! theme's band alpha over its background — under normal vision and under deuteranopia,
//! protanopia and tritanopia simulated with Machado et al. 2009 at severity 1.0. The
//! threshold, 15, is far above the just-noticeable difference (about 1–2) so that thin bands
//! side by side, not only large swatches, are told apart.

use crate::colour::theme::Theme;
use crate::colour::vision::Vision;
use crate::colour::Rgb;

/// Contrast a kind colour needs on both backgrounds (WCAG 2 for graphical objects).
pub const MIN_CONTRAST: f64 = 3.0;

/// ΔE00 that every pair of the picture's colours needs, in every vision and theme.
pub const MIN_DIFFERENCE: f64 = 15.0;

/// Families a picture may have: a reader keeps about seven colours apart.
pub const MAX_FAMILIES: usize = 7;

/// Contrast of `colour` on the light and on the dark background.
pub fn contrast_on_backgrounds(colour: Rgb) -> (f64, f64) {
    (
        colour.contrast(Theme::LIGHT.background),
        colour.contrast(Theme::DARK.background),
    )
}

/// A declared colour, with what it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct Swatch {
    pub id: String,
    /// Its JSON path, e.g. `families[2]`.
    pub path: String,
    pub rgb: Rgb,
}

/// Two swatches (indices, `one` < `two`) too close in the worst vision and theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Clash {
    pub one: usize,
    pub two: usize,
    pub difference: f64,
    pub vision: Vision,
    /// "light" or "dark".
    pub theme: &'static str,
}

/// The bands' colour as drawn: `rgb` at the theme's band alpha over its background.
pub fn as_drawn(rgb: Rgb, theme: &Theme) -> Rgb {
    rgb.over(theme.background, theme.band_alpha)
}

/// The smallest ΔE00 between two colours as drawn, over every vision and theme, with where.
pub fn worst_difference(one: Rgb, two: Rgb) -> (f64, Vision, &'static str) {
    let mut worst = (f64::INFINITY, Vision::Normal, "light");
    for (theme, name) in [(Theme::LIGHT, "light"), (Theme::DARK, "dark")] {
        for vision in Vision::ALL {
            let d = vision.difference(as_drawn(one, &theme), as_drawn(two, &theme));
            if d < worst.0 {
                worst = (d, vision, name);
            }
        }
    }
    worst
}

/// Every pair of `swatches` closer than `MIN_DIFFERENCE` somewhere, in order.
pub fn too_close(swatches: &[Swatch]) -> Vec<Clash> {
    let mut clashes = Vec::new();
    for two in 0..swatches.len() {
        for one in 0..two {
            let (difference, vision, theme) =
                worst_difference(swatches[one].rgb, swatches[two].rgb);
            if difference < MIN_DIFFERENCE {
                clashes.push(Clash {
                    one,
                    two,
                    difference,
                    vision,
                    theme,
                });
            }
        }
    }
    clashes
}

/// The swatch nearest `rgb` under normal vision as drawn on the light theme.
pub fn nearest(rgb: Rgb, swatches: &[Swatch]) -> Option<&Swatch> {
    let theme = Theme::LIGHT;
    let distance =
        |s: &Swatch| Vision::Normal.difference(as_drawn(rgb, &theme), as_drawn(s.rgb, &theme));
    swatches
        .iter()
        .min_by(|a, b| distance(a).total_cmp(&distance(b)))
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

    fn swatch(id: &str, hex: &str) -> Swatch {
        Swatch {
            id: id.into(),
            path: id.into(),
            rgb: Rgb::parse(hex).unwrap(),
        }
    }

    #[test]
    fn red_and_green_of_one_lightness_clash_under_a_red_green_simulation() {
        // Distinct to normal vision (ΔE00 > 15), merged by deuteranopia or protanopia.
        let swatches = [swatch("red", "#c4501d"), swatch("green", "#5f7f1a")];
        let normal = Vision::Normal.difference(swatches[0].rgb, swatches[1].rgb);
        assert!(normal > MIN_DIFFERENCE, "{normal}");
        let clashes = too_close(&swatches);
        assert_eq!(clashes.len(), 1);
        assert!(
            matches!(clashes[0].vision, Vision::Deuteranopia | Vision::Protanopia),
            "{:?}",
            clashes[0]
        );
        assert!(clashes[0].difference < MIN_DIFFERENCE);
    }

    #[test]
    fn blue_and_orange_stay_apart_for_everyone() {
        let swatches = [swatch("blue", "#2a6fb0"), swatch("orange", "#c25e00")];
        assert_eq!(too_close(&swatches), vec![]);
        assert!(worst_difference(swatches[0].rgb, swatches[1].rgb).0 >= MIN_DIFFERENCE);
    }

    #[test]
    fn bands_are_compared_as_drawn_over_the_background() {
        let red = Rgb(0xcf, 0x3b, 0x1e);
        assert_eq!(
            as_drawn(red, &Theme::LIGHT),
            red.over(Rgb(255, 255, 255), 0.85)
        );
        assert_ne!(as_drawn(red, &Theme::DARK), red);
    }
}
