//! Drawing a flow's amount from its distribution.
//!
//! The Monte Carlo draws one flow's amounts for a whole block of
//! iterations at a time ([`Sampler::add_draws`]), so every distribution is
//! a small struct whose draw inlines into that loop: triangular and
//! uniform by inversion of one uniform, normal by a ziggurat
//! ([`super::normal`]), PERT's Beta as X/(X + Y) of two Marsaglia–Tsang
//! gammas ([`super::gamma`]).

use rand::{Rng, RngExt};

use super::gamma::Beta;
use super::normal::StandardNormal;
use crate::model::Distribution;

/// z for the 5 % and 95 % ends of a normal distribution (tornado ends).
pub const NORMAL_END_Z: f64 = 1.6449;

/// A ready-to-draw distribution of one flow's amount.
#[derive(Debug, Clone)]
pub enum Sampler {
    /// Always the same value (l = h, or sd = 0).
    Constant(f64),
    /// Triangular(low, high, mode = amount).
    Triangular(Triangular),
    /// low + (high − low) · Beta(α, β): Beta-PERT with λ = 4.
    Pert(Pert),
    /// Uniform on [low, high).
    Uniform(Uniform),
    /// Normal(amount, sd).
    Normal(Normal),
}

impl Sampler {
    /// The sampler for `amount` with distribution `d`. The model must be
    /// valid (low ≤ amount ≤ high, low < high for PERT, sd ≥ 0), as
    /// [`crate::validate`] ensures.
    pub fn new(amount: f64, d: &Distribution) -> Sampler {
        match *d {
            Distribution::Triangular { low, high } | Distribution::Uniform { low, high }
                if low == high =>
            {
                Sampler::Constant(low)
            }
            Distribution::Triangular { low, high } => {
                let range = high - low;
                Sampler::Triangular(Triangular {
                    low,
                    high,
                    split: (amount - low) / range,
                    lower: range * (amount - low),
                    upper: range * (high - amount),
                })
            }
            Distribution::Pert { low, high } => {
                let span = high - low;
                let alpha = 1.0 + 4.0 * (amount - low) / span;
                let beta = 1.0 + 4.0 * (high - amount) / span;
                Sampler::Pert(Pert {
                    low,
                    span,
                    beta: Beta::new(alpha, beta),
                })
            }
            Distribution::Uniform { low, high } => Sampler::Uniform(Uniform {
                low,
                span: high - low,
            }),
            Distribution::Normal { sd: 0.0 } => Sampler::Constant(amount),
            Distribution::Normal { sd } => Sampler::Normal(Normal {
                mean: amount,
                sd,
                z: StandardNormal::new(),
            }),
        }
    }

    /// One draw.
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match self {
            Sampler::Constant(x) => *x,
            Sampler::Triangular(d) => d.sample(rng),
            Sampler::Pert(d) => d.sample(rng),
            Sampler::Uniform(d) => d.sample(rng),
            Sampler::Normal(d) => d.sample(rng),
        }
    }

    /// Adds `coef` × a fresh draw to each element of `out`, in order: one
    /// flow's amounts for a block of iterations, the distribution chosen
    /// once, outside the loop. The same draws as calling [`Sampler::sample`]
    /// `out.len()` times.
    #[inline]
    pub fn add_draws<R: Rng + ?Sized>(&self, rng: &mut R, coef: f64, out: &mut [f64]) {
        match self {
            Sampler::Constant(x) => out.iter_mut().for_each(|o| *o += coef * x),
            Sampler::Triangular(d) => add(out, coef, || d.sample(rng)),
            Sampler::Pert(d) => add(out, coef, || d.sample(rng)),
            Sampler::Uniform(d) => add(out, coef, || d.sample(rng)),
            Sampler::Normal(d) => add(out, coef, || d.sample(rng)),
        }
    }
}

#[inline(always)]
fn add(out: &mut [f64], coef: f64, mut draw: impl FnMut() -> f64) {
    for o in out {
        *o += coef * draw();
    }
}

/// Triangular(low, high, mode) by inversion of one uniform u:
/// low + √(u·(high − low)·(mode − low)) below the mode's share of the
/// area, high − √((1 − u)·(high − low)·(high − mode)) above it.
#[derive(Debug, Clone, Copy)]
pub struct Triangular {
    low: f64,
    high: f64,
    /// (mode − low)/(high − low): the area below the mode.
    split: f64,
    /// (high − low)·(mode − low).
    lower: f64,
    /// (high − low)·(high − mode).
    upper: f64,
}

impl Triangular {
    /// One draw (one uniform, one square root). Which side of the mode
    /// is a coin flip, so it is chosen by arithmetic, not a branch:
    /// `b·x + (1 − b)·y` with b ∈ {0, 1} is exactly x or y.
    #[inline(always)]
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        let u: f64 = rng.random();
        let b = f64::from(u8::from(u < self.split));
        let s = (b * (u * self.lower) + (1.0 - b) * ((1.0 - u) * self.upper)).sqrt();
        b * (self.low + s) + (1.0 - b) * (self.high - s)
    }
}

/// Beta-PERT: low + span · Beta(α, β).
#[derive(Debug, Clone, Copy)]
pub struct Pert {
    low: f64,
    /// high − low.
    span: f64,
    beta: Beta,
}

impl Pert {
    /// One draw.
    #[inline(always)]
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        self.low + self.span * self.beta.sample(rng)
    }
}

/// Uniform on [low, low + span).
#[derive(Debug, Clone, Copy)]
pub struct Uniform {
    low: f64,
    span: f64,
}

impl Uniform {
    /// One draw: low + span · u, u in [0, 1) with 53 random bits.
    #[inline(always)]
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        self.low + self.span * rng.random::<f64>()
    }
}

/// Normal(mean, sd).
#[derive(Debug, Clone, Copy)]
pub struct Normal {
    mean: f64,
    sd: f64,
    z: StandardNormal,
}

impl Normal {
    /// One draw: mean + sd · z.
    #[inline(always)]
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        self.mean + self.sd * self.z.sample(rng)
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
