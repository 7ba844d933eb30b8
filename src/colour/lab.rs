//! CIELAB (D65) and the CIEDE2000 colour difference, for telling whether two colours can be
//! told apart (`vision` simulates how a colour-vision deficiency sees them first).

use super::Rgb;

/// A colour in CIELAB, D65 white.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lab {
    pub l: f64,
    pub a: f64,
    pub b: f64,
}

/// sRGB's transfer function undone: a channel (0 to 255) as linear light (0 to 1).
pub fn linear(channel: u8) -> f64 {
    let c = f64::from(channel) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

impl Lab {
    pub fn from_rgb(rgb: Rgb) -> Lab {
        Lab::from_linear([linear(rgb.0), linear(rgb.1), linear(rgb.2)])
    }

    /// From linear-light sRGB (each channel 0 to 1), through XYZ.
    pub fn from_linear([r, g, b]: [f64; 3]) -> Lab {
        // IEC 61966-2-1 sRGB to XYZ, divided by the D65 white (0.95047, 1, 1.08883).
        let x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
        let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
        let z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
        let f = |t: f64| {
            const EPSILON: f64 = 216.0 / 24389.0;
            const KAPPA: f64 = 24389.0 / 27.0;
            if t > EPSILON {
                t.cbrt()
            } else {
                (KAPPA * t + 16.0) / 116.0
            }
        };
        let (fx, fy, fz) = (f(x), f(y), f(z));
        Lab {
            l: 116.0 * fy - 16.0,
            a: 500.0 * (fx - fy),
            b: 200.0 * (fy - fz),
        }
    }

    /// The CIEDE2000 difference ΔE00 (kL = kC = kH = 1), after Sharma, Wu and Dalal (2005).
    /// About 1 is just noticeable side by side; bands of a chart want far more.
    pub fn delta_e_2000(self, other: Lab) -> f64 {
        let (l1, a1, b1) = (self.l, self.a, self.b);
        let (l2, a2, b2) = (other.l, other.a, other.b);
        let c_mean = (a1.hypot(b1) + a2.hypot(b2)) / 2.0;
        let c7 = c_mean.powi(7);
        let g = 0.5 * (1.0 - (c7 / (c7 + 25f64.powi(7))).sqrt());
        let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
        let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
        let hue = |b: f64, a: f64| {
            if a == 0.0 && b == 0.0 {
                0.0
            } else {
                b.atan2(a).to_degrees().rem_euclid(360.0)
            }
        };
        let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
        let dl = l2 - l1;
        let dc = c2p - c1p;
        let dh = if c1p * c2p == 0.0 {
            0.0
        } else if (h2p - h1p).abs() <= 180.0 {
            h2p - h1p
        } else if h2p - h1p > 180.0 {
            h2p - h1p - 360.0
        } else {
            h2p - h1p + 360.0
        };
        let dh_big = 2.0 * (c1p * c2p).sqrt() * (dh / 2.0).to_radians().sin();
        let l_mean = (l1 + l2) / 2.0;
        let cp_mean = (c1p + c2p) / 2.0;
        let h_mean = if c1p * c2p == 0.0 {
            h1p + h2p
        } else if (h1p - h2p).abs() <= 180.0 {
            (h1p + h2p) / 2.0
        } else if h1p + h2p < 360.0 {
            (h1p + h2p + 360.0) / 2.0
        } else {
            (h1p + h2p - 360.0) / 2.0
        };
        let t = 1.0 - 0.17 * (h_mean - 30.0).to_radians().cos()
            + 0.24 * (2.0 * h_mean).to_radians().cos()
            + 0.32 * (3.0 * h_mean + 6.0).to_radians().cos()
            - 0.20 * (4.0 * h_mean - 63.0).to_radians().cos();
        let d_theta = 30.0 * (-((h_mean - 275.0) / 25.0).powi(2)).exp();
        let cp7 = cp_mean.powi(7);
        let r_c = 2.0 * (cp7 / (cp7 + 25f64.powi(7))).sqrt();
        let sl = 1.0 + 0.015 * (l_mean - 50.0).powi(2) / (20.0 + (l_mean - 50.0).powi(2)).sqrt();
        let sc = 1.0 + 0.045 * cp_mean;
        let sh = 1.0 + 0.015 * cp_mean * t;
        let r_t = -(2.0 * d_theta).to_radians().sin() * r_c;
        let (tl, tc, th) = (dl / sl, dc / sc, dh_big / sh);
        (tl * tl + tc * tc + th * th + r_t * tc * th).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lab(l: f64, a: f64, b: f64) -> Lab {
        Lab { l, a, b }
    }

    /// Pairs from Sharma, Wu and Dalal (2005), "The CIEDE2000 color-difference formula:
    /// implementation notes, supplementary test data and mathematical observations", table 1
    /// (pairs 1, 2, 3, 4, 7, 17, 18, 19, 20, 25 and 34).
    #[test]
    fn ciede2000_matches_sharmas_test_pairs() {
        let pairs = [
            (
                lab(50.0, 2.6772, -79.7751),
                lab(50.0, 0.0, -82.7485),
                2.0425,
            ),
            (
                lab(50.0, 3.1571, -77.2803),
                lab(50.0, 0.0, -82.7485),
                2.8615,
            ),
            (
                lab(50.0, 2.8361, -74.0200),
                lab(50.0, 0.0, -82.7485),
                3.4412,
            ),
            (
                lab(50.0, -1.3802, -84.2814),
                lab(50.0, 0.0, -82.7485),
                1.0000,
            ),
            (lab(50.0, 0.0, 0.0), lab(50.0, -1.0, 2.0), 2.3669),
            (lab(50.0, 2.5, 0.0), lab(73.0, 25.0, -18.0), 27.1492),
            (lab(50.0, 2.5, 0.0), lab(61.0, -5.0, 29.0), 22.8977),
            (lab(50.0, 2.5, 0.0), lab(56.0, -27.0, -3.0), 31.9030),
            (lab(50.0, 2.5, 0.0), lab(58.0, 24.0, 15.0), 19.4535),
            (
                lab(60.2574, -34.0099, 36.2677),
                lab(60.4626, -34.1751, 39.4387),
                1.2644,
            ),
            (
                lab(2.0776, 0.0795, -1.1350),
                lab(0.9033, -0.0636, -0.5514),
                0.9082,
            ),
        ];
        for (i, (one, two, want)) in pairs.into_iter().enumerate() {
            let got = one.delta_e_2000(two);
            assert!((got - want).abs() < 1e-4, "pair {i}: {got} ≠ {want}");
            // The formula is symmetric.
            assert!(
                (two.delta_e_2000(one) - want).abs() < 1e-4,
                "pair {i} reversed"
            );
        }
    }

    #[test]
    fn srgb_to_lab_matches_reference_values() {
        let white = Lab::from_rgb(Rgb(255, 255, 255));
        assert!((white.l - 100.0).abs() < 0.01 && white.a.abs() < 0.01 && white.b.abs() < 0.01);
        assert_eq!(Lab::from_rgb(Rgb(0, 0, 0)), lab(0.0, 0.0, 0.0));
        // sRGB red: L* 53.24, a* 80.09, b* 67.20 (D65).
        let red = Lab::from_rgb(Rgb(255, 0, 0));
        assert!((red.l - 53.24).abs() < 0.01, "{red:?}");
        assert!((red.a - 80.09).abs() < 0.02, "{red:?}");
        assert!((red.b - 67.20).abs() < 0.02, "{red:?}");
    }
}
