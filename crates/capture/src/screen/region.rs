//! An area of the screen, checked against the screen's size before any
//! pixel is read, and cut out of a whole-screen frame where the backend can
//! only capture everything (the portal).

use kairos_core::qr::LumaFrame;

use crate::error::CaptureError;

/// A rectangle in screen pixels (top-left origin).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
}

impl Region {
    /// The region as unsigned offsets when it lies wholly inside a
    /// `screen_width`×`screen_height` screen and is not empty.
    pub fn inside(
        &self,
        screen_width: u32,
        screen_height: u32,
    ) -> Result<(u32, u32, u32, u32), CaptureError> {
        let fits = |start: i32, len: u32, limit: u32| {
            start >= 0 && len > 0 && i64::from(start) + i64::from(len) <= i64::from(limit)
        };
        if fits(self.x, self.width, screen_width) && fits(self.y, self.height, screen_height) {
            Ok((self.x as u32, self.y as u32, self.width, self.height))
        } else {
            Err(CaptureError::RegionOutside {
                x: self.x.into(),
                y: self.y.into(),
                width: self.width,
                height: self.height,
                screen_width,
                screen_height,
            })
        }
    }

    /// This region of `frame` (a capture of the whole screen).
    pub fn crop(&self, frame: &LumaFrame) -> Result<LumaFrame, CaptureError> {
        let (x, y, width, height) = self.inside(frame.width(), frame.height())?;
        let stride = frame.width() as usize;
        let mut pixels = Vec::with_capacity(width as usize * height as usize);
        for row in y..y + height {
            let start = row as usize * stride + x as usize;
            pixels.extend_from_slice(&frame.pixels()[start..start + width as usize]);
        }
        Ok(LumaFrame::new(width, height, pixels)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kairos_core::UserFacing;

    fn region(x: i32, y: i32, width: u32, height: u32) -> Region {
        Region {
            x,
            y,
            width,
            height,
        }
    }

    #[test]
    fn regions_must_lie_wholly_inside_the_screen() {
        assert_eq!(
            region(0, 0, 1280, 800).inside(1280, 800).ok(),
            Some((0, 0, 1280, 800))
        );
        assert_eq!(
            region(1270, 790, 10, 10).inside(1280, 800).ok(),
            Some((1270, 790, 10, 10))
        );
        for outside in [
            region(1271, 0, 10, 10),
            region(0, 791, 10, 10),
            region(-1, 0, 10, 10),
            region(0, -5, 10, 10),
            region(0, 0, 0, 10),
            region(0, 0, 10, 0),
            region(i32::MAX, 0, u32::MAX, 1),
        ] {
            let err = outside.inside(1280, 800).expect_err("outside");
            assert_eq!(err.code(), "capture.region_outside", "{outside:?}");
        }
    }

    #[test]
    fn crop_keeps_exactly_the_chosen_pixels() {
        // 4×3 frame whose pixel values are their index.
        let frame = LumaFrame::new(4, 3, (0..12).collect()).expect("valid");
        let cut = region(1, 1, 2, 2).crop(&frame).expect("inside");
        assert_eq!((cut.width(), cut.height()), (2, 2));
        assert_eq!(cut.pixels(), [5, 6, 9, 10]);
        assert!(region(3, 0, 2, 1).crop(&frame).is_err());
    }
}
