//! The cascade's cheap stage: one linear model per principle over a window's hashed token
//! unigrams and bigrams, run on the tokeniser threads to decide which windows the transformer
//! needs to see.
//!
//! Its features are the window's own content tokens (the tokenizer's lowercased word pieces, the
//! special tokens left out), so it reads exactly the text the transformer would score, costs no
//! second pass over the text, and a Python reference can rebuild them from a batch's rows.
//! Features are binary (a piece or pair counts once) and scaled by 1/√n so that a window's score
//! does not grow with its length; the weights come from `curafilter distill-cheap`.

use crate::error::{Error, Result};

/// Keys of bigrams have the top bit set, so that they never collide with a unigram's key (a
/// token id, < 2³²) before hashing.
const BIGRAM: u64 = 1 << 63;

/// splitmix64's finaliser: a cheap hash whose top bits are well mixed.
#[inline]
fn mix(key: u64) -> u64 {
    let mut z = key.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The distinct feature indices (in `0 .. 2^bits`, sorted) of a run of content tokens.
pub fn features(tokens: &[u32], bits: u32, out: &mut Vec<u32>) {
    out.clear();
    let shift = 64 - bits;
    let mut prev: Option<u32> = None;
    for &t in tokens {
        out.push((mix(t as u64) >> shift) as u32);
        if let Some(p) = prev {
            out.push((mix(BIGRAM | (p as u64) << 32 | t as u64) >> shift) as u32);
        }
        prev = Some(t);
    }
    out.sort_unstable();
    out.dedup();
}

#[derive(Debug, Clone)]
pub struct Cheap {
    bits: u32,
    principles: usize,
    /// `[principles, 2^bits]`, row-major.
    weights: Vec<f32>,
    bias: Vec<f32>,
    /// A window goes on to the transformer when any principle's score reaches its cut.
    cut: Vec<f32>,
}

impl Cheap {
    pub fn new(bits: u32, weights: Vec<f32>, bias: Vec<f32>, cut: Vec<f32>) -> Result<Self> {
        let bad = |msg: String| Err(Error::Config { name: "cheap stage", msg });
        if !(8..=24).contains(&bits) {
            return bad(format!("hash bits must be 8..=24, got {bits}"));
        }
        let principles = bias.len();
        if principles == 0 || cut.len() != principles || weights.len() != principles << bits {
            return bad(format!(
                "{} weights, {} biases and {} cuts do not make {principles} principles × 2^{bits} features",
                weights.len(),
                bias.len(),
                cut.len()
            ));
        }
        if weights.iter().chain(&bias).any(|w| !w.is_finite()) || cut.iter().any(|c| c.is_nan()) {
            return bad("weights must be finite".into());
        }
        Ok(Cheap { bits, principles, weights, bias, cut })
    }

    pub fn principles(&self) -> usize {
        self.principles
    }

    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// Scores (logits) of one window's content tokens, one per principle, into `out`;
    /// `scratch` holds the features between calls so that a worker allocates once.
    pub fn score(&self, tokens: &[u32], scratch: &mut Vec<u32>, out: &mut [f32]) {
        features(tokens, self.bits, scratch);
        let scale = if scratch.is_empty() { 0.0 } else { 1.0 / (scratch.len() as f32).sqrt() };
        let dim = 1usize << self.bits;
        for (p, o) in out.iter_mut().enumerate().take(self.principles) {
            let row = &self.weights[p * dim..(p + 1) * dim];
            let sum: f32 = scratch.iter().map(|&i| row[i as usize]).sum();
            *o = self.bias[p] + sum * scale;
        }
    }

    /// Whether a window with these scores goes on to the transformer.
    pub fn escalate(&self, scores: &[f32]) -> bool {
        scores.iter().zip(&self.cut).any(|(s, c)| s >= c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_distinct_sorted_and_in_range() {
        let mut f = Vec::new();
        features(&[5, 9, 5, 9], 10, &mut f);
        // unigrams 5, 9 and bigrams (5,9), (9,5): (5,9) twice counts once.
        assert_eq!(f.len(), 4);
        assert!(f.windows(2).all(|w| w[0] < w[1]) && f.iter().all(|&i| i < 1 << 10));
        features(&[], 10, &mut f);
        assert!(f.is_empty());
        // Order matters for bigrams: (9,5) and (5,9) differ.
        let (mut a, mut b) = (Vec::new(), Vec::new());
        features(&[5, 9], 20, &mut a);
        features(&[9, 5], 20, &mut b);
        assert_ne!(a, b);
    }

    #[test]
    fn hash_matches_splitmix64() {
        // Reference values of splitmix64's output for seeds 0 and 1 (the first draw of each).
        assert_eq!(mix(0), 0xE220_A839_7B1D_CDAF);
        assert_eq!(mix(1), 0x910A_2DEC_8902_5CC1);
    }

    #[test]
    fn score_is_bias_plus_scaled_weights_and_cut_escalates() {
        let bits = 8;
        let mut weights = vec![0.0; 2 << bits];
        let mut f = Vec::new();
        features(&[7], bits, &mut f);
        weights[f[0] as usize] = 2.0; // principle 0
        weights[(1 << bits) + f[0] as usize] = -1.0; // principle 1
        let cheap = Cheap::new(bits, weights, vec![0.5, 0.0], vec![2.0, 0.0]).unwrap();
        let mut out = [0.0; 2];
        cheap.score(&[7], &mut f, &mut out);
        assert_eq!(out, [2.5, -1.0]);
        assert!(cheap.escalate(&out));
        cheap.score(&[7, 7], &mut f, &mut out); // unigram 7 and bigram (7,7): 2 features
        assert!((out[0] - (0.5 + 2.0 / 2f32.sqrt())).abs() < 1e-6);
        cheap.score(&[], &mut f, &mut out);
        assert_eq!(out, [0.5, 0.0]);
        assert!(cheap.escalate(&out)); // principle 1's cut is 0.0
        assert!(Cheap::new(bits, vec![0.0; 3], vec![0.0], vec![0.0]).is_err());
        assert!(Cheap::new(bits, vec![f32::NAN; 1 << bits], vec![0.0], vec![0.0]).is_err());
    }
}
