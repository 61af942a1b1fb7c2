//! Where frames come from. The camera, screen and clipboard sources live in
//! `kairos-capture` (native dependencies); image files are here, and stand in
//! for the camera in tests.

use std::collections::VecDeque;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;

use image::{ImageFormat, ImageReader};

use super::frame::LumaFrame;
use crate::{CoreError, UserFacing};

/// A frame and where it came from.
#[derive(Debug)]
pub struct Frame {
    pub luma: LumaFrame,
    pub meta: FrameMeta,
}

impl Frame {
    /// The only frame of a one-shot source (a file, the screen, the clipboard),
    /// taken now.
    pub fn single(luma: LumaFrame, origin: impl Into<String>) -> Self {
        Self {
            luma,
            meta: FrameMeta {
                sequence: 0,
                dropped: 0,
                captured_at: Instant::now(),
                origin: origin.into(),
            },
        }
    }
}

#[derive(Clone, Debug)]
pub struct FrameMeta {
    /// Counts frames the source produced, from 0, including any it dropped.
    pub sequence: u64,
    /// Frames dropped since the previous one handed out (a slow consumer).
    pub dropped: u64,
    pub captured_at: Instant,
    /// A file's path, a camera's name, `screen` or `clipboard`: for messages.
    pub origin: String,
}

/// Anything that yields luma frames: a camera until it is stopped, a file
/// once, a list of files one after the other.
pub trait FrameSource {
    type Error: UserFacing + Send + 'static;

    /// The next frame; `Ok(None)` when the source has no more (a camera
    /// blocks until it has one).
    fn next_frame(&mut self) -> Result<Option<Frame>, Self::Error>;
}

/// Formats Kairos reads; the `image` crate is built with only these.
const FORMATS: [ImageFormat; 4] = [
    ImageFormat::Png,
    ImageFormat::Jpeg,
    ImageFormat::WebP,
    ImageFormat::Gif,
];

/// Largest picture accepted, in pixels and in decoder memory: a 50-megapixel
/// photo fits, a decompression bomb does not.
const MAX_SIDE: u32 = 16_384;
const MAX_ALLOC: u64 = 512 * 1024 * 1024;

/// Reads an image file into a luma frame. The format is taken from the
/// content, not the extension (drag-and-drop names lie).
pub fn load_image(path: &Path) -> Result<LumaFrame, CoreError> {
    let unreadable = |detail: String| CoreError::QrImageUnreadable {
        path: path.to_path_buf(),
        detail,
    };
    let file = std::fs::File::open(path).map_err(|e| unreadable(e.to_string()))?;
    let mut bytes = Vec::new();
    BufReader::new(file)
        .take(MAX_ALLOC)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(e.to_string()))?;
    decode_image(&bytes).map_err(unreadable)
}

/// Decodes image bytes (PNG, JPEG, WebP, GIF; first frame of an animation).
pub fn decode_image(bytes: &[u8]) -> Result<LumaFrame, String> {
    let format = image::guess_format(bytes)
        .ok()
        .filter(|format| FORMATS.contains(format))
        .ok_or_else(|| "not a PNG, JPEG, WebP or GIF image".to_owned())?;
    let mut reader = ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let image = reader.decode().map_err(|e| e.to_string())?;
    LumaFrame::from_image(&image).map_err(|e| e.to_string())
}

/// One image file, one frame.
#[derive(Debug)]
pub struct ImageFileSource {
    path: Option<PathBuf>,
}

impl ImageFileSource {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self {
            path: Some(path.into()),
        }
    }
}

impl FrameSource for ImageFileSource {
    type Error = CoreError;

    fn next_frame(&mut self) -> Result<Option<Frame>, CoreError> {
        let Some(path) = self.path.take() else {
            return Ok(None);
        };
        let luma = load_image(&path)?;
        Ok(Some(Frame::single(luma, path.display().to_string())))
    }
}

/// Image files one after the other, as a camera would deliver frames: the
/// scanning loop's tests run on it.
#[derive(Debug)]
pub struct FileSequenceSource {
    paths: VecDeque<PathBuf>,
    sequence: u64,
}

impl FileSequenceSource {
    pub fn new(paths: impl IntoIterator<Item = PathBuf>) -> Self {
        Self {
            paths: paths.into_iter().collect(),
            sequence: 0,
        }
    }
}

impl FrameSource for FileSequenceSource {
    type Error = CoreError;

    fn next_frame(&mut self) -> Result<Option<Frame>, CoreError> {
        let Some(path) = self.paths.pop_front() else {
            return Ok(None);
        };
        let luma = load_image(&path)?;
        let meta = FrameMeta {
            sequence: self.sequence,
            dropped: 0,
            captured_at: Instant::now(),
            origin: path.display().to_string(),
        };
        self.sequence += 1;
        Ok(Some(Frame { luma, meta }))
    }
}
