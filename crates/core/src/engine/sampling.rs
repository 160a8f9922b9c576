//! Drawing a flow's amount from its distribution.

use rand::{Rng, RngExt};
use rand_distr::{Beta, Distribution as _, Normal, Triangular, Uniform};

use crate::model::Distribution;

/// z for the 5 % and 95 % ends of a normal distribution (tornado ends).
pub const NORMAL_END_Z: f64 = 1.6449;

/// A ready-to-draw distribution of one flow's amount.
#[derive(Debug, Clone)]
pub enum Sampler {
    /// Always the same value (l = h, or sd = 0).
    Constant(f64),
    /// Triangular(low, high, mode = amount).
    Triangular(Triangular<f64>),
    /// low + (high − low) · Beta(α, β): Beta-PERT with λ = 4.
    Pert {
        /// Lower end.
        low: f64,
        /// high − low.
        span: f64,
        /// Beta(α, β).
        beta: Beta<f64>,
    },
    /// Uniform on [low, high].
    Uniform(Uniform<f64>),
    /// Normal(amount, sd).
    Normal(Normal<f64>),
}

impl Sampler {
    /// The sampler for `amount` with distribution `d`. The model must be
    /// valid (low ≤ amount ≤ high, sd ≥ 0), as [`crate::validate`] ensures.
    pub fn new(amount: f64, d: &Distribution) -> Sampler {
        match *d {
            Distribution::Triangular { low, high } | Distribution::Uniform { low, high }
                if low == high =>
            {
                Sampler::Constant(low)
            }
            Distribution::Triangular { low, high } => {
                Sampler::Triangular(Triangular::new(low, high, amount).expect("validated"))
            }
            Distribution::Pert { low, high } => {
                let span = high - low;
                let alpha = 1.0 + 4.0 * (amount - low) / span;
                let beta = 1.0 + 4.0 * (high - amount) / span;
                Sampler::Pert {
                    low,
                    span,
                    beta: Beta::new(alpha, beta).expect("validated"),
                }
            }
            Distribution::Uniform { low, high } => {
                Sampler::Uniform(Uniform::new_inclusive(low, high).expect("validated"))
            }
            Distribution::Normal { sd: 0.0 } => Sampler::Constant(amount),
            Distribution::Normal { sd } => {
                Sampler::Normal(Normal::new(amount, sd).expect("validated"))
            }
        }
    }

    /// One draw.
    #[inline]
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match self {
            Sampler::Constant(x) => *x,
            Sampler::Triangular(d) => d.sample(rng),
            Sampler::Pert { low, span, beta } => low + span * beta.sample(rng),
            Sampler::Uniform(d) => rng.sample(d),
            Sampler::Normal(d) => d.sample(rng),
        }
    }
}

/// The low and high end of an amount for the tornado: the bounds, or
/// amount ∓ 1.6449·sd for a normal distribution.
pub fn ends(amount: f64, d: &Distribution) -> (f64, f64) {
    match *d {
        Distribution::Triangular { low, high }
        | Distribution::Pert { low, high }
        | Distribution::Uniform { low, high } => (low, high),
        Distribution::Normal { sd } => (amount - NORMAL_END_Z * sd, amount + NORMAL_END_Z * sd),
    }
}

/// The analytic mean of the distribution (for tests and reports).
pub fn mean(amount: f64, d: &Distribution) -> f64 {
    match *d {
        Distribution::Triangular { low, high } => (low + amount + high) / 3.0,
        Distribution::Pert { low, high } => (low + 4.0 * amount + high) / 6.0,
        Distribution::Uniform { low, high } => (low + high) / 2.0,
        Distribution::Normal { .. } => amount,
    }
}
