//! Drawing codes into camera-like scenes.

use image::{GrayImage, ImageBuffer, Luma};
use qrcode::{Color, EcLevel, QrCode};

use super::rng::Rng;

/// Margin around a code, in modules (the standard's quiet zone).
const QUIET: usize = 4;

fn modules(text: &str) -> (Vec<bool>, usize) {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .expect("the corpus's texts fit in a QR code");
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    (dark, code.width())
}

/// Black on white, `module` pixels per module.
pub fn clean(text: &str, module: u32) -> GrayImage {
    let (dark, n) = modules(text);
    let side = (n + 2 * QUIET) as u32 * module;
    GrayImage::from_fn(side, side, |x, y| {
        let (mx, my) = ((x / module) as usize, (y / module) as usize);
        let inside = (QUIET..QUIET + n).contains(&mx) && (QUIET..QUIET + n).contains(&my);
        let black = inside && dark[(my - QUIET) * n + (mx - QUIET)];
        Luma([if black { 0 } else { 255 }])
    })
}

/// Four corners in frame pixels, clockwise from the code's top-left.
#[derive(Clone, Copy, Debug)]
pub struct Quad(pub [(f32, f32); 4]);

impl Quad {
    /// A square of `side` pixels centred on (cx, cy), turned by `angle`
    /// radians; `skew` > 0 shortens one edge by that fraction (perspective),
    /// `edge` (0–3) says which.
    pub fn square(cx: f32, cy: f32, side: f32, angle: f32, skew: f32, edge: u32) -> Self {
        let h = side / 2.0;
        let mut corners = [(-h, -h), (h, -h), (h, h), (-h, h)];
        // Shorten the top edge, pulled back a little as a tilted plane is.
        corners[0] = (-h * (1.0 - skew), -h * (1.0 - skew / 2.0));
        corners[1] = (h * (1.0 - skew), -h * (1.0 - skew / 2.0));
        let turn = edge as f32 * std::f32::consts::FRAC_PI_2 + angle;
        let (sin, cos) = turn.sin_cos();
        Quad(corners.map(|(x, y)| (cx + x * cos - y * sin, cy + x * sin + y * cos)))
    }
}

/// The 3×3 homography taking the quad's corners to the square [0, size]².
fn homography_to_square(quad: &Quad, size: f32) -> [f32; 9] {
    let target = [(0.0, 0.0), (size, 0.0), (size, size), (0.0, size)];
    // Eight equations in h0..h7 (h8 = 1), solved by Gaussian elimination in f64.
    let mut a = [[0f64; 9]; 8];
    for i in 0..4 {
        let (x, y) = (f64::from(quad.0[i].0), f64::from(quad.0[i].1));
        let (u, v) = (f64::from(target[i].0), f64::from(target[i].1));
        a[2 * i] = [x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u];
        a[2 * i + 1] = [0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v];
    }
    for col in 0..8 {
        let pivot = (col..8)
            .max_by(|&p, &q| a[p][col].abs().total_cmp(&a[q][col].abs()))
            .expect("rows left");
        a.swap(col, pivot);
        for row in 0..8 {
            if row != col {
                let factor = a[row][col] / a[col][col];
                let pivot_row = a[col];
                // Columns left of the pivot are already zero.
                for (cell, pivot_cell) in a[row][col..].iter_mut().zip(&pivot_row[col..]) {
                    *cell -= factor * pivot_cell;
                }
            }
        }
    }
    let h: Vec<f32> = (0..8).map(|i| (a[i][8] / a[i][i]) as f32).collect();
    [h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1.0]
}

/// A frame being drawn, in floating-point grey levels.
pub struct Scene {
    width: u32,
    height: u32,
    pixels: Vec<f32>,
}

impl Scene {
    /// A lit gradient with a few flat rectangles: a desk, a window, a browser.
    pub fn background(width: u32, height: u32, rng: &mut Rng) -> Self {
        let (base, slope_x, slope_y) = (
            70.0 + rng.unit() * 80.0,
            rng.unit() * 60.0,
            rng.unit() * 40.0,
        );
        let mut pixels: Vec<f32> = (0..width * height)
            .map(|i| {
                let (x, y) = (
                    (i % width) as f32 / width as f32,
                    (i / width) as f32 / height as f32,
                );
                base + slope_x * x + slope_y * y
            })
            .collect();
        for _ in 0..6 {
            let (w, h) = (rng.below(width / 2) + 20, rng.below(height / 2) + 20);
            let (x0, y0) = (rng.below(width - w), rng.below(height - h));
            let level = 30.0 + rng.unit() * 200.0;
            for y in y0..y0 + h {
                for x in x0..x0 + w {
                    pixels[(y * width + x) as usize] = level;
                }
            }
        }
        Self {
            width,
            height,
            pixels,
        }
    }

    /// Optical blur (Gaussian, `sigma` pixels), then sensor noise, then 8 bits.
    pub fn finish(self, sigma: f32, noise: f32, rng: &mut Rng) -> GrayImage {
        let buffer: ImageBuffer<Luma<f32>, Vec<f32>> =
            ImageBuffer::from_raw(self.width, self.height, self.pixels).expect("sized buffer");
        let blurred = imageproc::filter::gaussian_blur_f32(&buffer, sigma);
        GrayImage::from_fn(self.width, self.height, |x, y| {
            let value = blurred.get_pixel(x, y).0[0] + noise * rng.normal();
            Luma([value.round().clamp(0.0, 255.0) as u8])
        })
    }
}

/// Draws `text`'s code over the quad (quiet zone included), with 3×3 samples
/// per pixel so edges are grey as a lens makes them.
pub fn render_code(
    scene: &mut Scene,
    text: &str,
    quad: &Quad,
    dark: f32,
    light: f32,
    inverted: bool,
) {
    let (bits, n) = modules(text);
    let size = (n + 2 * QUIET) as f32;
    let h = homography_to_square(quad, size);
    let (dark, light) = if inverted {
        (light, dark)
    } else {
        (dark, light)
    };
    let xs = quad.0.map(|p| p.0);
    let ys = quad.0.map(|p| p.1);
    let left = xs.iter().copied().fold(f32::MAX, f32::min).floor().max(0.0) as u32;
    let right = (xs.iter().copied().fold(f32::MIN, f32::max).ceil() as u32).min(scene.width - 1);
    let top = ys.iter().copied().fold(f32::MAX, f32::min).floor().max(0.0) as u32;
    let bottom = (ys.iter().copied().fold(f32::MIN, f32::max).ceil() as u32).min(scene.height - 1);
    for y in top..=bottom {
        for x in left..=right {
            let index = (y * scene.width + x) as usize;
            let mut sum = 0.0;
            for sy in 0..3 {
                for sx in 0..3 {
                    let (px, py) = (
                        x as f32 + (sx as f32 + 0.5) / 3.0,
                        y as f32 + (sy as f32 + 0.5) / 3.0,
                    );
                    let w = h[6] * px + h[7] * py + h[8];
                    let (u, v) = (
                        (h[0] * px + h[1] * py + h[2]) / w,
                        (h[3] * px + h[4] * py + h[5]) / w,
                    );
                    sum += if u < 0.0 || v < 0.0 || u >= size || v >= size {
                        scene.pixels[index]
                    } else {
                        let (mx, my) = (u as usize, v as usize);
                        let inside =
                            (QUIET..QUIET + n).contains(&mx) && (QUIET..QUIET + n).contains(&my);
                        if inside && bits[(my - QUIET) * n + (mx - QUIET)] {
                            dark
                        } else {
                            light
                        }
                    };
                }
            }
            scene.pixels[index] = sum / 9.0;
        }
    }
}

/// Encodes as JPEG at `quality` and decodes again: blocking and ringing.
pub fn jpeg_roundtrip(image: &GrayImage, quality: u8) -> GrayImage {
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, quality)
        .encode_image(image)
        .expect("JPEG encoding to memory");
    image::load_from_memory(&bytes)
        .expect("our own JPEG")
        .to_luma8()
}
