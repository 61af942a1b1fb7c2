//! The scanning loop: frames from any source through the pipeline until a
//! code is read. The camera uses it on a worker thread; tests feed it files.

use std::time::{Duration, Instant};

use super::pipeline::{Decoded, Effort, Pipeline};
use super::source::{FrameMeta, FrameSource};

/// When to give up.
#[derive(Clone, Copy, Debug)]
pub struct ScanLimits {
    pub max_frames: Option<u64>,
    pub timeout: Option<Duration>,
}

impl ScanLimits {
    pub const UNLIMITED: ScanLimits = ScanLimits {
        max_frames: None,
        timeout: None,
    };
}

/// What a scan ended with.
#[derive(Debug)]
pub enum ScanOutcome {
    /// Codes read in one frame (every distinct one in it).
    Found {
        codes: Vec<Decoded>,
        frame: FrameMeta,
    },
    /// The source ran out, or a limit was reached, with no code read.
    NotFound { frames: u64 },
}

/// Reads frames until one holds a checked code (see [`Effort::Fast`]); a frame
/// whose only reads are unchecked is kept as a fallback, returned if the
/// source ends first. `on_frame` sees every frame's result (a preview draws
/// outlines from it) and may stop the scan by returning `false`.
pub fn scan_source<S: FrameSource>(
    source: &mut S,
    pipeline: &Pipeline,
    limits: ScanLimits,
    mut on_frame: impl FnMut(&FrameMeta, &[Decoded]) -> bool,
) -> Result<ScanOutcome, S::Error> {
    let started = Instant::now();
    let mut frames = 0u64;
    let mut fallback: Option<(Vec<Decoded>, FrameMeta)> = None;
    while limits.max_frames.is_none_or(|max| frames < max)
        && limits.timeout.is_none_or(|limit| started.elapsed() < limit)
    {
        let Some(frame) = source.next_frame()? else {
            break;
        };
        frames += 1;
        let codes = pipeline.scan(&frame.luma, Effort::Fast);
        let go_on = on_frame(&frame.meta, &codes);
        if codes.iter().any(|d| d.check >= super::Check::Agreed) {
            return Ok(ScanOutcome::Found {
                codes,
                frame: frame.meta,
            });
        }
        if fallback.is_none() && !codes.is_empty() {
            fallback = Some((codes, frame.meta));
        }
        if !go_on {
            break;
        }
    }
    Ok(match fallback {
        Some((codes, frame)) => ScanOutcome::Found { codes, frame },
        None => ScanOutcome::NotFound { frames },
    })
}
