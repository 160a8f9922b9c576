//! Standard normal draws by the ziggurat method (Marsaglia and Tsang 2000,
//! 256 layers, with Doornik's (2005) layout of the tables, the algorithm
//! `rand_distr`'s `StandardNormal` uses), small enough to be inlined into
//! the sampling loops: `rand_distr`'s own is a call per draw, which with
//! the generator's state spilled to memory cost about twice the draw.

use std::sync::LazyLock;

use rand::{Rng, RngExt};

/// Right edge of the base layer (the start of the tail).
const R: f64 = 3.654_152_885_361_009;
/// Area of each of the 256 layers (under exp(−x²/2), unnormalised).
const V: f64 = 0.004_928_673_233_99;
const LAYERS: usize = 256;

/// `x[i]`: layer i's right edge (x[0] = V / f(R), the base layer's width
/// as a rectangle, x[1] = R, decreasing to x[256] = 0); `f[i] = exp(−x[i]²/2)`.
#[derive(Debug)]
struct Tables {
    x: [f64; LAYERS + 1],
    f: [f64; LAYERS + 1],
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut x = [0.0; LAYERS + 1];
    x[0] = V / pdf(R);
    x[1] = R;
    for i in 2..LAYERS {
        x[i] = (-2.0 * (V / x[i - 1] + pdf(x[i - 1])).ln()).sqrt();
    }
    x[LAYERS] = 0.0;
    Tables { x, f: x.map(pdf) }
});

/// exp(−x²/2): the standard normal density without its constant.
#[inline]
fn pdf(x: f64) -> f64 {
    (-0.5 * x * x).exp()
}

/// A standard normal sampler; cheap to copy, fetch it once outside a loop.
#[derive(Debug, Clone, Copy)]
pub struct StandardNormal {
    t: &'static Tables,
}

impl Default for StandardNormal {
    fn default() -> Self {
        StandardNormal::new()
    }
}

impl StandardNormal {
    /// The sampler (its tables are built once per process).
    pub fn new() -> StandardNormal {
        StandardNormal { t: &TABLES }
    }

    /// One draw from N(0, 1).
    #[inline(always)]
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        loop {
            let bits = rng.next_u64();
            let i = (bits & 0xff) as usize;
            // the top 52 bits as a float in [2, 4), minus 3: u in [−1, 1)
            let u = f64::from_bits((bits >> 12) | 0x4000_0000_0000_0000) - 3.0;
            let x = u * self.t.x[i];
            if x.abs() < self.t.x[i + 1] {
                return x;
            }
            if let Some(x) = self.slow(rng, i, u, x) {
                return x;
            }
        }
    }

    /// The rare rest (about 1 % of draws): the tail beyond R, or a point
    /// in a layer's overhang, accepted under the density.
    #[cold]
    #[inline(never)]
    fn slow<R: Rng + ?Sized>(&self, rng: &mut R, i: usize, u: f64, x: f64) -> Option<f64> {
        if i == 0 {
            // Marsaglia's tail method
            loop {
                let a = -open01(rng).ln() / R;
                let b = -open01(rng).ln();
                if 2.0 * b >= a * a {
                    return Some(if u < 0.0 { -(R + a) } else { R + a });
                }
            }
        }
        let (f0, f1) = (self.t.f[i], self.t.f[i + 1]);
        (f1 + (f0 - f1) * rng.random::<f64>() < pdf(x)).then_some(x)
    }
}

/// A uniform draw in (0, 1).
#[inline]
fn open01<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    ((rng.next_u64() >> 11) as f64 + 0.5) * (1.0 / (1u64 << 53) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_xoshiro::Xoshiro256PlusPlus;

    #[test]
    fn the_tables_are_the_published_ones() {
        // rand_distr's ZIG_NORM_X[0..4] and [255..], generated the same way
        let t = &*TABLES;
        let published = [
            3.910_757_959_537_09,
            3.654_152_885_361_009,
            3.449_278_298_560_964,
            3.320_244_733_839_166,
        ];
        for (a, b) in t.x.iter().zip(published) {
            assert!((a - b).abs() < 1e-12, "{a} vs {b}");
        }
        assert!(
            (t.x[255] - 0.215_241_895_913_273_8).abs() < 1e-9,
            "{}",
            t.x[255]
        );
        assert_eq!((t.x[256], t.f[256]), (0.0, 1.0));
    }

    #[test]
    fn moments_and_tails_are_those_of_n01() {
        let n = 2_000_000;
        let z = StandardNormal::new();
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(5);
        let (mut s1, mut s2, mut s4) = (0.0, 0.0, 0.0);
        let (mut beyond_r, mut beyond_2, mut below_1) = (0, 0, 0);
        for _ in 0..n {
            let x = z.sample(&mut rng);
            s1 += x;
            s2 += x * x;
            s4 += x * x * x * x;
            beyond_r += usize::from(x.abs() > R);
            beyond_2 += usize::from(x > 2.0);
            below_1 += usize::from(x < -1.0);
        }
        let nf = n as f64;
        // five standard errors each
        assert!((s1 / nf).abs() < 5.0 / nf.sqrt(), "mean {}", s1 / nf);
        assert!(
            (s2 / nf - 1.0).abs() < 5.0 * 2f64.sqrt() / nf.sqrt(),
            "var {}",
            s2 / nf
        );
        assert!(
            (s4 / nf - 3.0).abs() < 5.0 * 96f64.sqrt() / nf.sqrt(),
            "m4 {}",
            s4 / nf
        );
        let share = |count: usize, p: f64| {
            let got = count as f64 / nf;
            assert!(
                (got - p).abs() < 5.0 * (p * (1.0 - p) / nf).sqrt(),
                "{got} vs {p}"
            );
        };
        share(beyond_r, 2.580_324_876_539e-4); // P(|Z| > R)
        share(beyond_2, 0.022_750_131_948_179);
        share(below_1, 0.158_655_253_931_457);
    }
}
