//! The decoding pipeline: decoders and preprocessing steps tried in an order
//! set by the benchmark (`cargo bench -p kairos-core --bench qr`), cheapest
//! likely success first.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use super::check::{Check, parses_as_payload};
use super::decoder::{Payload, QrDecoder};
use super::frame::{LumaFrame, Point};
use super::preprocess::{self, Mapping, Step};
use super::rqrr_decoder::RqrrDecoder;
use super::rxing_decoder::RxingDecoder;

/// One attempt: preprocess the frame, then run a decoder on it.
#[derive(Clone, Debug)]
pub struct Stage {
    pub steps: Vec<Step>,
    pub decoder: Arc<dyn QrDecoder>,
}

impl Stage {
    pub fn new(decoder: Arc<dyn QrDecoder>, steps: &[Step]) -> Self {
        Self {
            steps: steps.to_vec(),
            decoder,
        }
    }

    /// `rxing`, `rqrr+stretch+half`…, for logs and the benchmark.
    pub fn label(&self) -> String {
        let mut label = self.decoder.name().to_owned();
        for step in &self.steps {
            label.push('+');
            label.push_str(&match step {
                Step::Stretch => "stretch".to_owned(),
                Step::Crop { percent } => format!("crop{percent}"),
                Step::Half => "half".to_owned(),
                Step::Invert => "invert".to_owned(),
            });
        }
        label
    }
}

/// A code the pipeline read, with its outline in the original frame.
#[derive(Clone, Debug, Serialize)]
pub struct Decoded {
    #[serde(skip)]
    pub text: Payload,
    pub outline: Vec<Point>,
    pub check: Check,
    /// The first stage that read it (index into [`Pipeline::stages`]).
    pub stage: usize,
}

/// How far to go on one frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effort {
    /// Stop at the first stage that reads a checked text (`Parsed` or
    /// `Agreed`): camera frames, where the next frame is another chance.
    Fast,
    /// Every stage, every code: a still image has no next frame, and may hold
    /// several codes that different stages read.
    Thorough,
}

#[derive(Clone)]
pub struct Pipeline {
    stages: Vec<Stage>,
}

impl fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let labels: Vec<String> = self.stages.iter().map(Stage::label).collect();
        f.debug_tuple("Pipeline").field(&labels).finish()
    }
}

impl Default for Pipeline {
    /// The order the benchmark chose (`cargo bench -p kairos-core --profile
    /// measure --bench qr`; figures in the README). On camera-like frames:
    /// rxing on a halved, stretched frame reads 86 % of them in 3.3 ms at
    /// 720p (halving also averages out sensor noise); full resolution then
    /// reads the dense export codes halving loses; rqrr is an independent
    /// second opinion; inversion only pays for white-on-black codes, so it
    /// comes last. A centre crop read nothing the others missed and is left
    /// out (it remains a [`Step`] for callers with a viewfinder).
    fn default() -> Self {
        let rxing: Arc<dyn QrDecoder> = Arc::new(RxingDecoder::default());
        let rqrr: Arc<dyn QrDecoder> = Arc::new(RqrrDecoder);
        Self::new(vec![
            Stage::new(rxing.clone(), &[Step::Half, Step::Stretch]),
            Stage::new(rxing.clone(), &[Step::Stretch]),
            Stage::new(rqrr.clone(), &[Step::Stretch]),
            Stage::new(rxing.clone(), &[Step::Half, Step::Stretch, Step::Invert]),
            Stage::new(rxing, &[Step::Stretch, Step::Invert]),
            Stage::new(rqrr.clone(), &[Step::Half, Step::Stretch]),
            Stage::new(rqrr, &[Step::Stretch, Step::Invert]),
        ])
    }
}

impl Pipeline {
    pub fn new(stages: Vec<Stage>) -> Self {
        Self { stages }
    }

    /// One decoder on the frame as is: the baseline the benchmark compares with.
    pub fn single(decoder: Arc<dyn QrDecoder>) -> Self {
        Self::new(vec![Stage::new(decoder, &[])])
    }

    pub fn stages(&self) -> &[Stage] {
        &self.stages
    }

    /// Every distinct text read in the frame, in the order first read.
    pub fn scan(&self, frame: &LumaFrame, effort: Effort) -> Vec<Decoded> {
        let mut prepared: HashMap<&[Step], Option<(LumaFrame, Mapping)>> = HashMap::new();
        let mut found: Vec<Decoded> = Vec::new();
        for (index, stage) in self.stages.iter().enumerate() {
            let entry = prepared
                .entry(stage.steps.as_slice())
                .or_insert_with(|| preprocess::apply(frame, &stage.steps));
            let Some((input, mapping)) = entry else {
                continue;
            };
            for code in stage.decoder.decode(input) {
                match found.iter_mut().find(|d| d.text == code.text) {
                    Some(known) if known.stage != index => {
                        known.check = known.check.max(Check::Agreed);
                    }
                    Some(_) => {}
                    None => {
                        let check = if parses_as_payload(code.text.as_str()) {
                            Check::Parsed
                        } else {
                            Check::ErrorCorrection
                        };
                        found.push(Decoded {
                            outline: code.outline.iter().map(|&p| mapping.apply(p)).collect(),
                            text: code.text,
                            check,
                            stage: index,
                        });
                    }
                }
            }
            let settled = found.iter().any(|d| d.check >= Check::Agreed);
            if effort == Effort::Fast && settled {
                break;
            }
        }
        found
    }
}
