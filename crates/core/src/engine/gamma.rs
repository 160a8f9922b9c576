//! Gamma(shape, 1) draws for shape ≥ 1 by Marsaglia and Tsang's method
//! (2000), as numpy draws them, and Beta from two of them: what PERT needs.

use rand::{Rng, RngExt};

use super::normal::StandardNormal;

/// Gamma(shape, 1) with shape ≥ 1.
#[derive(Debug, Clone, Copy)]
pub struct Gamma {
    /// shape − 1/3.
    d: f64,
    /// 1/√(9d).
    c: f64,
}

impl Gamma {
    /// Gamma(shape, 1); `shape` must be ≥ 1 (PERT's α and β always are).
    pub fn new(shape: f64) -> Gamma {
        assert!(shape >= 1.0, "Marsaglia–Tsang needs shape ≥ 1, got {shape}");
        let d = shape - 1.0 / 3.0;
        Gamma {
            d,
            c: 1.0 / (9.0 * d).sqrt(),
        }
    }

    /// One draw, with `z` for the normal deviates: per try one normal and
    /// one uniform; a log only when the squeeze fails (about 8 % of tries).
    #[inline(always)]
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R, z: StandardNormal) -> f64 {
        loop {
            let x = z.sample(rng);
            let v = 1.0 + self.c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u: f64 = rng.random();
            let x2 = x * x;
            if u < 1.0 - 0.0331 * x2 * x2 || u.ln() < 0.5 * x2 + self.d * (1.0 - v + v.ln()) {
                return self.d * v;
            }
        }
    }
}

/// Beta(α, β) with α, β ≥ 1 as X/(X + Y), X ~ Gamma(α), Y ~ Gamma(β):
/// exact, and several times faster than Cheng's algorithm (which
/// `rand_distr::Beta` uses) with its logs and exps on every try.
#[derive(Debug, Clone, Copy)]
pub struct Beta {
    x: Gamma,
    y: Gamma,
    z: StandardNormal,
}

impl Beta {
    /// Beta(α, β); both must be ≥ 1.
    pub fn new(alpha: f64, beta: f64) -> Beta {
        Beta {
            x: Gamma::new(alpha),
            y: Gamma::new(beta),
            z: StandardNormal::new(),
        }
    }

    /// One draw in [0, 1]: first X, then Y.
    #[inline(always)]
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        let x = self.x.sample(rng, self.z);
        let y = self.y.sample(rng, self.z);
        x / (x + y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_xoshiro::Xoshiro256PlusPlus;

    /// Mean and variance of `n` draws.
    fn moments(n: usize, mut draw: impl FnMut() -> f64) -> (f64, f64) {
        let (mut s1, mut s2) = (0.0, 0.0);
        for _ in 0..n {
            let x = draw();
            s1 += x;
            s2 += x * x;
        }
        let m = s1 / n as f64;
        (m, s2 / n as f64 - m * m)
    }

    #[test]
    fn gamma_has_mean_and_variance_shape() {
        let n = 400_000;
        let z = StandardNormal::new();
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(3);
        for shape in [1.0, 1.7, 3.0, 5.0] {
            let g = Gamma::new(shape);
            let (m, v) = moments(n, || g.sample(&mut rng, z));
            // mean: sd √k; variance: its standard error is √((m4 − k²)/n),
            // m4 = 3k² + 6k for Gamma(k)
            let se_m = (shape / n as f64).sqrt();
            let se_v = ((2.0 * shape * shape + 6.0 * shape) / n as f64).sqrt();
            assert!((m - shape).abs() < 5.0 * se_m, "shape {shape}: mean {m}");
            assert!((v - shape).abs() < 5.0 * se_v, "shape {shape}: var {v}");
        }
    }

    #[test]
    fn beta_has_mean_and_variance() {
        let n = 400_000;
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(4);
        for (a, b) in [(1.0, 5.0), (2.2, 3.8), (3.0, 3.0), (5.0, 1.0)] {
            let d = Beta::new(a, b);
            let (m, v) = moments(n, || d.sample(&mut rng));
            let mean = a / (a + b);
            let var = a * b / ((a + b) * (a + b) * (a + b + 1.0));
            // for a variable in [0, 1] the variance of (x − m)² is at most var
            let se_m = (var / n as f64).sqrt();
            let se_v = (var / n as f64).sqrt();
            assert!(
                (m - mean).abs() < 5.0 * se_m,
                "({a}, {b}): mean {m} vs {mean}"
            );
            assert!((v - var).abs() < 5.0 * se_v, "({a}, {b}): var {v} vs {var}");
        }
    }
}
