//! Colour contrast (WCAG 2 relative luminance), for checking kind colours against the light
//! and the dark page background.

/// The light theme's background.
pub const LIGHT_BACKGROUND: &str = "#ffffff";
/// The dark theme's background.
pub const DARK_BACKGROUND: &str = "#16181d";
/// Contrast a kind colour needs on both backgrounds (WCAG 2 for graphical objects).
pub const MIN_CONTRAST: f64 = 3.0;

/// Parses `#rrggbb` (either case).
pub fn parse_hex(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// WCAG 2 relative luminance, 0 (black) to 1 (white).
pub fn relative_luminance([r, g, b]: [u8; 3]) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// WCAG 2 contrast ratio, from 1 (same luminance) to 21 (black on white).
pub fn contrast_ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Contrast of `colour` on the light and on the dark background.
pub fn contrast_on_backgrounds(colour: [u8; 3]) -> (f64, f64) {
    let light = parse_hex(LIGHT_BACKGROUND).unwrap_or([255, 255, 255]);
    let dark = parse_hex(DARK_BACKGROUND).unwrap_or([0, 0, 0]);
    (contrast_ratio(colour, light), contrast_ratio(colour, dark))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_six_digit_hex() {
        assert_eq!(parse_hex("#D55e00"), Some([0xd5, 0x5e, 0x00]));
        for bad in [
            "d55e00", "#d55e0", "#d55e000", "#gggggg", "", "#", "#d55e0é",
        ] {
            assert_eq!(parse_hex(bad), None, "{bad}");
        }
    }

    #[test]
    fn known_contrasts() {
        let white = [255, 255, 255];
        assert!((contrast_ratio([0, 0, 0], white) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(white, white) - 1.0).abs() < 1e-9);
        // Okabe–Ito blue: about 5.2:1 on white.
        assert!((contrast_ratio([0x00, 0x72, 0xb2], white) - 5.19).abs() < 0.01);
        let (light, dark) = contrast_on_backgrounds([0xf0, 0xe4, 0x42]);
        assert!(light < 3.0 && dark > 3.0);
    }
}
