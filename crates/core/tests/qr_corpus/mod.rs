//! A deterministic corpus of QR pictures for the tests and the benchmark:
//! clean codes, and camera-like 1280×720 and 1920×1080 frames with the code at
//! 20–40 % of the frame's width, blurred, noisy, rotated, skewed, washed out,
//! JPEG-damaged, inverted, or dense (Google Authenticator export size).
//!
//! Codes are drawn straight from their module matrix through a homography
//! (4×4 supersampling per pixel), so rotation and perspective need no image
//! resampling, and every case is reproducible from its seed.

#![allow(dead_code, unused_imports)] // the tests and the bench use different parts

mod render;
mod rng;

use image::GrayImage;

pub use render::{Quad, Scene, clean as render_clean, render_code};
pub use rng::Rng;

/// What a case stresses; the benchmark reports success per category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    Clean,
    Plain,
    Blur,
    Noise,
    Rotated,
    Skewed,
    LowContrast,
    Jpeg,
    Inverted,
    Dense,
    TwoCodes,
}

impl Category {
    pub const CAMERA: [Category; 10] = [
        Category::Plain,
        Category::Blur,
        Category::Noise,
        Category::Rotated,
        Category::Skewed,
        Category::LowContrast,
        Category::Jpeg,
        Category::Inverted,
        Category::Dense,
        Category::TwoCodes,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Category::Clean => "clean",
            Category::Plain => "plain",
            Category::Blur => "blur",
            Category::Noise => "noise",
            Category::Rotated => "rotated",
            Category::Skewed => "skewed",
            Category::LowContrast => "low-contrast",
            Category::Jpeg => "jpeg",
            Category::Inverted => "inverted",
            Category::Dense => "dense",
            Category::TwoCodes => "two-codes",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Case {
    pub name: String,
    pub category: Category,
    pub image: GrayImage,
    /// Every text in the picture.
    pub expected: Vec<String>,
}

/// An otpauth URI with a random 16–32 character secret, as services issue.
pub fn otpauth_uri(rng: &mut Rng) -> String {
    const ISSUERS: [&str; 6] = [
        "GitHub",
        "AWS",
        "Example Corp",
        "Proton",
        "Dropbox",
        "Société",
    ];
    let issuer = ISSUERS[rng.below(ISSUERS.len() as u32) as usize];
    let issuer_enc = issuer.replace(' ', "%20").replace('é', "%C3%A9");
    let len = 16 + 4 * rng.below(5) as usize;
    let secret: String = (0..len)
        .map(|_| char::from(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[rng.below(32) as usize]))
        .collect();
    let user = format!("user{}@example.com", rng.below(10_000));
    format!(
        "otpauth://totp/{issuer_enc}:{user}?secret={secret}&issuer={issuer_enc}&algorithm=SHA1&digits=6&period=30"
    )
}

/// A Google Authenticator export link with about 700 base64 characters of
/// payload (ten accounts' worth), percent-encoded as the app writes it.
pub fn migration_uri(rng: &mut Rng) -> String {
    let bytes: Vec<u8> = (0..522).map(|_| rng.below(256) as u8).collect();
    let data = base64(&bytes)
        .replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D");
    format!("otpauth-migration://offline?data={data}")
}

/// A real Google Authenticator export (its protobuf `MigrationPayload`, one
/// batch) of the given TOTP accounts (SHA-1, 6 digits), as a link.
pub fn real_migration_uri(accounts: &[(&str, &str, &[u8])], batch_id: u32) -> String {
    fn field(out: &mut Vec<u8>, number: u8, bytes: &[u8]) {
        out.push(number << 3 | 2);
        varint(out, bytes.len() as u64);
        out.extend_from_slice(bytes);
    }
    fn varint(out: &mut Vec<u8>, mut value: u64) {
        while value >= 0x80 {
            out.push((value as u8 & 0x7f) | 0x80);
            value >>= 7;
        }
        out.push(value as u8);
    }
    let mut payload = Vec::new();
    for (issuer, name, secret) in accounts {
        let mut otp = Vec::new();
        field(&mut otp, 1, secret);
        field(&mut otp, 2, name.as_bytes());
        field(&mut otp, 3, issuer.as_bytes());
        otp.extend_from_slice(&[4 << 3, 1, 5 << 3, 1, 6 << 3, 2]); // SHA1, SIX, TOTP
        field(&mut payload, 1, &otp);
    }
    payload.extend_from_slice(&[2 << 3, 1, 3 << 3, 1, 4 << 3, 0, 5 << 3]); // version 1, batch 1 of 1
    varint(&mut payload, u64::from(batch_id));
    let data = base64(&payload)
        .replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D");
    format!("otpauth-migration://offline?data={data}")
}

fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(TABLE[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Clean codes: black on white, whole pixels per module, a 4-module margin.
pub fn clean_cases(count: u32) -> Vec<Case> {
    (0..count)
        .map(|i| {
            let mut rng = Rng::new(1_000 + u64::from(i));
            let text = if i % 4 == 3 {
                migration_uri(&mut rng)
            } else {
                otpauth_uri(&mut rng)
            };
            let module = 2 + rng.below(5);
            Case {
                name: format!("clean-{i:02}"),
                category: Category::Clean,
                image: render::clean(&text, module),
                expected: vec![text],
            }
        })
        .collect()
}

/// `per_category` frames of each camera category at each of 720p and 1080p.
pub fn camera_cases(per_category: u32) -> Vec<Case> {
    let mut cases = Vec::new();
    for (r, (width, height)) in [(1280u32, 720u32), (1920, 1080)].into_iter().enumerate() {
        for (c, category) in Category::CAMERA.into_iter().enumerate() {
            for i in 0..per_category {
                let seed = 10_000 * (r as u64 + 1) + 100 * c as u64 + u64::from(i);
                cases.push(camera_case(category, width, height, seed, i));
            }
        }
    }
    cases
}

pub fn camera_case(category: Category, width: u32, height: u32, seed: u64, index: u32) -> Case {
    let mut rng = Rng::new(seed);
    let mut scene = Scene::background(width, height, &mut rng);
    let texts: Vec<String> = match category {
        Category::Dense => vec![migration_uri(&mut rng)],
        Category::TwoCodes => vec![otpauth_uri(&mut rng), otpauth_uri(&mut rng)],
        _ => vec![otpauth_uri(&mut rng)],
    };
    let (dark, light) = match category {
        Category::LowContrast => (95.0 + rng.unit() * 20.0, 150.0 + rng.unit() * 20.0),
        _ => (20.0 + rng.unit() * 30.0, 200.0 + rng.unit() * 45.0),
    };
    let inverted = category == Category::Inverted;
    let count = texts.len() as f32;
    for (k, text) in texts.iter().enumerate() {
        // Side: 20–40 % of the width; two codes share the frame side by side.
        let fraction = if count > 1.0 {
            0.2 + rng.unit() * 0.08
        } else {
            0.2 + rng.unit() * 0.2
        };
        let side = fraction * width as f32;
        let angle = match category {
            Category::Rotated => (if rng.below(2) == 0 { 10.0f32 } else { -10.0 }).to_radians(),
            _ => (rng.unit() - 0.5) * 4f32.to_radians(),
        };
        let skew = if category == Category::Skewed {
            0.18 + rng.unit() * 0.08
        } else {
            0.0
        };
        let slot_width = width as f32 / count;
        let margin = side * 0.85;
        let cx = slot_width * k as f32
            + margin.min(slot_width / 2.0)
            + rng.unit() * (slot_width - 2.0 * margin.min(slot_width / 2.0)).max(0.0);
        let cy = margin.min(height as f32 / 2.0)
            + rng.unit() * (height as f32 - 2.0 * margin.min(height as f32 / 2.0)).max(0.0);
        let quad = Quad::square(cx, cy, side, angle, skew, rng.below(4));
        render_code(&mut scene, text, &quad, dark, light, inverted);
    }
    let blur = match category {
        Category::Blur => 1.6 + rng.unit() * 0.8,
        _ => 0.5 + rng.unit() * 0.4,
    };
    let noise = match category {
        Category::Noise => 14.0 + rng.unit() * 8.0,
        _ => 2.0 + rng.unit() * 3.0,
    };
    let mut image = scene.finish(blur, noise, &mut rng);
    if category == Category::Jpeg {
        image = render::jpeg_roundtrip(&image, 12 + rng.below(10) as u8);
    }
    Case {
        name: format!("{}-{}p-{index:02}", category.name(), height),
        category,
        image,
        expected: texts,
    }
}
