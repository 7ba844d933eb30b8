//! How a reader with a colour-vision deficiency sees a colour: Machado, Oliveira and Fernandes
//! (2009), "A physiologically-based model for simulation of color vision deficiency", at
//! severity 1.0 (dichromacy), applied to linear-light sRGB.

use super::lab::{linear, Lab};
use super::Rgb;

/// Normal vision, or one of the three dichromacies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vision {
    Normal,
    Deuteranopia,
    Protanopia,
    Tritanopia,
}

impl Vision {
    pub const ALL: [Vision; 4] = [
        Vision::Normal,
        Vision::Deuteranopia,
        Vision::Protanopia,
        Vision::Tritanopia,
    ];

    /// For messages: "under simulated deuteranopia".
    pub fn name(self) -> &'static str {
        match self {
            Vision::Normal => "normal vision",
            Vision::Deuteranopia => "simulated deuteranopia",
            Vision::Protanopia => "simulated protanopia",
            Vision::Tritanopia => "simulated tritanopia",
        }
    }

    /// Machado et al. 2009, table 1, severity 1.0, on linear RGB.
    fn matrix(self) -> [[f64; 3]; 3] {
        match self {
            Vision::Normal => [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
            Vision::Protanopia => [
                [0.152286, 1.052583, -0.204868],
                [0.114503, 0.786281, 0.099216],
                [-0.003882, -0.048116, 1.051998],
            ],
            Vision::Deuteranopia => [
                [0.367322, 0.860646, -0.227968],
                [0.280085, 0.672501, 0.047413],
                [-0.011820, 0.042940, 0.968881],
            ],
            Vision::Tritanopia => [
                [1.255528, -0.076749, -0.178779],
                [-0.078411, 0.930809, 0.147602],
                [0.004733, 0.691367, 0.303900],
            ],
        }
    }

    /// `rgb` as this vision sees it, in linear light, clipped to the displayable range.
    pub fn simulate(self, rgb: Rgb) -> [f64; 3] {
        let c = [linear(rgb.0), linear(rgb.1), linear(rgb.2)];
        self.matrix()
            .map(|row| (row[0] * c[0] + row[1] * c[1] + row[2] * c[2]).clamp(0.0, 1.0))
    }

    /// `rgb` as this vision sees it, in CIELAB.
    pub fn lab(self, rgb: Rgb) -> Lab {
        Lab::from_linear(self.simulate(rgb))
    }

    /// ΔE00 between two colours as this vision sees them.
    pub fn difference(self, one: Rgb, two: Rgb) -> f64 {
        self.lab(one).delta_e_2000(self.lab(two))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greys_look_the_same_to_every_vision() {
        // Each matrix row sums to 1, so neutral colours stay neutral.
        for vision in Vision::ALL {
            for grey in [0u8, 0x77, 0xff] {
                let c = vision.simulate(Rgb(grey, grey, grey));
                let want = linear(grey);
                assert!(
                    c.iter().all(|v| (v - want).abs() < 1e-5),
                    "{vision:?} {c:?}"
                );
            }
        }
    }

    #[test]
    fn red_and_green_merge_for_red_green_deficiencies_only() {
        // A red and a green of about the same lightness (Okabe–Ito vermillion and bluish green).
        let (red, green) = (Rgb(0xd5, 0x5e, 0x00), Rgb(0x00, 0x9e, 0x73));
        assert!(Vision::Normal.difference(red, green) > 40.0);
        assert!(Vision::Tritanopia.difference(red, green) > 30.0);
        for vision in [Vision::Deuteranopia, Vision::Protanopia] {
            let d = vision.difference(red, green);
            assert!(
                d < Vision::Normal.difference(red, green) / 2.0,
                "{vision:?}: {d}"
            );
        }
        // Pure red under protanopia: Machado's matrix gives linear (0.152, 0.115, 0).
        let p = Vision::Protanopia.simulate(Rgb(255, 0, 0));
        assert!((p[0] - 0.152286).abs() < 1e-6 && (p[1] - 0.114503).abs() < 1e-6 && p[2] == 0.0);
    }

    #[test]
    fn blue_and_green_merge_for_tritanopia() {
        let (blue, green) = (Rgb(0x00, 0x72, 0xb2), Rgb(0x00, 0x9e, 0x73));
        assert!(
            Vision::Tritanopia.difference(blue, green) < Vision::Normal.difference(blue, green)
        );
    }
}
