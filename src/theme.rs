//! Colours of the two themes, and the `#rrggbb` colours of the data.

/// An opaque sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses `#rrggbb`.
    pub fn parse(hex: &str) -> Option<Rgb> {
        let digits = hex.strip_prefix('#')?;
        if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG relative luminance.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// WCAG contrast ratio between two colours (1 to 21).
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// This colour at `alpha` over `background`.
    pub fn over(self, background: Rgb, alpha: f64) -> Rgb {
        let mix =
            |f: u8, b: u8| (f64::from(f) * alpha + f64::from(b) * (1.0 - alpha)).round() as u8;
        Rgb(
            mix(self.0, background.0),
            mix(self.1, background.1),
            mix(self.2, background.2),
        )
    }
}

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
    fn parses_and_prints_hex() {
        assert_eq!(Rgb::parse("#0072b2"), Some(Rgb(0, 0x72, 0xb2)));
        assert_eq!(Rgb::parse("#0072B2").unwrap().hex(), "#0072b2");
        for bad in ["0072b2", "#0072b", "#0072b2ff", "#00zzb2", ""] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn contrast_matches_wcag_reference_values() {
        let (black, white) = (Rgb(0, 0, 0), Rgb(255, 255, 255));
        assert!((black.contrast(white) - 21.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1.
        assert!((Rgb(0x76, 0x76, 0x76).contrast(white) - 4.54).abs() < 0.01);
    }

    #[test]
    fn theme_text_reaches_4_5_to_1_and_nodes_3_to_1() {
        for theme in [Theme::LIGHT, Theme::DARK] {
            assert!(theme.text.contrast(theme.background) >= 4.5);
            assert!(theme.node.contrast(theme.background) >= 3.0);
        }
    }
}
