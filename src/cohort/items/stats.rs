//! The statistics of item analysis, as pure functions of sums.
//!
//! Sums are kept in fixed point (integers of 2⁻²⁴ for values between 0 and 1), so adding
//! people in any order, on any number of threads, gives the very same figures, and the
//! differences that variances and covariances are made of are taken exactly, without the
//! cancellation of `Σx² − (Σx)²/n` in floating point.

/// Fixed-point units per 1.0: about six parts in a hundred million, far below what two
/// decimals show.
const SCALE: f64 = (1u64 << 24) as f64;

/// `x` (0–1) in fixed point.
pub fn fixed(x: f64) -> i64 {
    (x.clamp(0.0, 1.0) * SCALE).round() as i64
}

/// A fixed-point value back as a number.
pub fn unfixed(x: i64) -> f64 {
    x as f64 / SCALE
}

/// A sum of fixed-point values back as a number.
pub fn unfixed_sum(sum: i128) -> f64 {
    sum as f64 / SCALE
}

/// The sums that means, variances and the correlation of pairs `(x, y)` (each 0–1) need.
/// With `i128` they stay exact up to hundreds of billions of pairs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Moments {
    n: u64,
    x: i128,
    y: i128,
    xx: i128,
    yy: i128,
    xy: i128,
}

impl Moments {
    /// Adds one pair.
    pub fn add(&mut self, x: f64, y: f64) {
        let (x, y) = (i128::from(fixed(x)), i128::from(fixed(y)));
        self.n += 1;
        self.x += x;
        self.y += y;
        self.xx += x * x;
        self.yy += y * y;
        self.xy += x * y;
    }

    /// Adds another set of pairs.
    pub fn merge(&mut self, other: &Moments) {
        self.n += other.n;
        self.x += other.x;
        self.y += other.y;
        self.xx += other.xx;
        self.yy += other.yy;
        self.xy += other.xy;
    }

    /// How many pairs.
    pub fn n(&self) -> u64 {
        self.n
    }

    /// The mean of the first values.
    pub fn mean_x(&self) -> Option<f64> {
        (self.n > 0).then(|| self.x as f64 / SCALE / self.n as f64)
    }

    /// n² times the (population) variance of x, and of y, and n² times their covariance,
    /// all exact, in units of SCALE².
    fn spreads(&self) -> (i128, i128, i128) {
        let n = i128::from(self.n);
        (
            n * self.xx - self.x * self.x,
            n * self.yy - self.y * self.y,
            n * self.xy - self.x * self.y,
        )
    }

    /// The sample standard deviation of the first values (n − 1 in the denominator).
    pub fn sd_x(&self) -> Option<f64> {
        if self.n < 2 {
            return None;
        }
        let (vx, _, _) = self.spreads();
        let n = self.n as f64;
        Some((vx as f64 / (n * (n - 1.0))).sqrt() / SCALE)
    }

    /// Pearson's correlation of x and y; none for fewer than two pairs or where either
    /// does not vary (everyone scored the same: nothing to correlate).
    pub fn correlation(&self) -> Option<f64> {
        if self.n < 2 {
            return None;
        }
        let (vx, vy, cov) = self.spreads();
        if vx <= 0 || vy <= 0 {
            return None;
        }
        Some((cov as f64 / ((vx as f64).sqrt() * (vy as f64).sqrt())).clamp(-1.0, 1.0))
    }
}

/// The share of the group counted from each end of the ranking by the upper–lower index:
/// Kelley's 27%, where the two groups differ most while each stays large enough.
pub const UPPER_LOWER_SHARE: f64 = 0.27;

/// The upper–lower index of `pairs` of (rest score, item score) in fixed point: the mean
/// item score of the 27% with the highest rest scores less that of the 27% with the lowest.
/// People tied at a group's edge share the places left, each counted with the same part
/// weight, so the order they were read in never matters. None for fewer than two people.
pub fn upper_lower(pairs: &[(i64, i64)]) -> Option<f64> {
    if pairs.len() < 2 {
        return None;
    }
    let mut sorted = pairs.to_vec();
    sorted.sort_unstable();
    let size = UPPER_LOWER_SHARE * sorted.len() as f64;
    let ties = || sorted.chunk_by(|a, b| a.0 == b.0);
    let upper = end_mean(ties().rev(), size);
    let lower = end_mean(ties(), size);
    Some(upper - lower)
}

/// The mean item score of the first `size` people of `groups` (tie groups of the ranking),
/// the group that crosses the edge counted in part.
fn end_mean<'a>(groups: impl Iterator<Item = &'a [(i64, i64)]>, size: f64) -> f64 {
    let mut left = size;
    let mut sum = 0.0;
    for group in groups {
        if left <= 0.0 {
            break;
        }
        let take = (group.len() as f64).min(left);
        let mean = group.iter().map(|&(_, x)| unfixed(x)).sum::<f64>() / group.len() as f64;
        sum += take * mean;
        left -= take;
    }
    sum / size
}

/// Standardized coefficient alpha of a score that is the mean of `k` items whose average
/// inter-item correlation is `mean_r`: k·r̄ / (1 + (k − 1)·r̄), the Spearman–Brown formula.
/// None where k is not positive or the items disagree so much that it has no meaning
/// (1 + (k − 1)·r̄ ≤ 0).
pub fn standardized_alpha(mean_r: f64, k: f64) -> Option<f64> {
    let denominator = 1.0 + (k - 1.0) * mean_r;
    (k > 0.0 && denominator > 0.0).then(|| k * mean_r / denominator)
}

/// The standard error of measurement: how far an observed score typically lies from the
/// true one, sd·√(1 − reliability). A reliability below zero counts as zero (the whole
/// spread is error).
pub fn sem(sd: f64, reliability: f64) -> f64 {
    sd * (1.0 - reliability.clamp(0.0, 1.0)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-6, "{a} is not {b}");
    }

    fn moments(pairs: &[(f64, f64)]) -> Moments {
        let mut m = Moments::default();
        for &(x, y) in pairs {
            m.add(x, y);
        }
        m
    }

    #[test]
    fn correlation_of_a_small_table_by_hand() {
        // x = 1,1,0,0,1; y = .5,1,0,.5,.5. Means .6 and .5; Σ(dx·dy) = .4·0 + .4·.5 +
        // (−.6)(−.5) + (−.6)·0 + .4·0 = .5; Σdx² = 3·.16 + 2·.36 = 1.2; Σdy² = .5.
        // r = .5 / √(1.2·.5) = .5 / √.6 = 0.645497.
        let m = moments(&[(1.0, 0.5), (1.0, 1.0), (0.0, 0.0), (0.0, 0.5), (1.0, 0.5)]);
        assert_eq!(m.n(), 5);
        close(m.mean_x().unwrap(), 0.6);
        close(m.correlation().unwrap(), 0.5 / 0.6f64.sqrt());
        // Sample sd of x: √(1.2 / 4) = 0.547723.
        close(m.sd_x().unwrap(), (1.2f64 / 4.0).sqrt());
    }

    #[test]
    fn no_correlation_where_a_side_does_not_vary() {
        let m = moments(&[(1.0, 0.5), (1.0, 1.0), (1.0, 0.0)]);
        assert_eq!(m.correlation(), None);
        assert_eq!(moments(&[(1.0, 0.5)]).correlation(), None);
        assert_eq!(Moments::default().mean_x(), None);
        assert_eq!(moments(&[(1.0, 0.5)]).sd_x(), None);
    }

    #[test]
    fn merging_is_adding_in_any_order() {
        let pairs = [(0.2, 0.9), (1.0, 1.0 / 3.0), (0.0, 0.7), (0.6, 0.1)];
        let whole = moments(&pairs);
        let mut a = moments(&pairs[2..]);
        a.merge(&moments(&pairs[..2]));
        assert_eq!(a, whole, "the same sums, bit for bit");
    }

    #[test]
    fn a_perfect_and_an_inverse_item() {
        let up = moments(&[(0.0, 0.1), (0.0, 0.2), (1.0, 0.8), (1.0, 0.9)]);
        assert!(up.correlation().unwrap() > 0.9);
        let down = moments(&[(1.0, 0.1), (1.0, 0.2), (0.0, 0.8), (0.0, 0.9)]);
        assert!(down.correlation().unwrap() < -0.9);
    }

    fn pairs(rows: &[(f64, f64)]) -> Vec<(i64, i64)> {
        rows.iter().map(|&(r, x)| (fixed(r), fixed(x))).collect()
    }

    #[test]
    fn upper_lower_index_by_hand() {
        // Ten people, rest scores 0.0 … 0.9, right where rest ≥ 0.5 and at 0.2.
        // 27% of 10 = 2.7: upper = rests .9, .8 whole and .7 at 0.7 weight → all right → 1.0;
        // lower = rests 0, .1 whole and .2 at 0.7 → (0 + 0 + .7·1) / 2.7 = 0.259259.
        let rows: Vec<(f64, f64)> = (0..10)
            .map(|i| {
                let rest = i as f64 / 10.0;
                (rest, if i >= 5 || i == 2 { 1.0 } else { 0.0 })
            })
            .collect();
        close(upper_lower(&pairs(&rows)).unwrap(), 1.0 - 0.7 / 2.7);
    }

    #[test]
    fn upper_lower_ties_share_the_edge_whatever_the_order() {
        // Four people tied at the top (two right), six below, all wrong. 27% of 10 = 2.7
        // places, all within the tie: the tie's mean, 0.5, counts. Lower: 0.
        let mut rows = vec![(1.0, 1.0), (1.0, 0.0), (1.0, 1.0), (1.0, 0.0)];
        rows.extend((0..6).map(|i| (i as f64 / 10.0, 0.0)));
        let forward = upper_lower(&pairs(&rows)).unwrap();
        rows.reverse();
        let backward = upper_lower(&pairs(&rows)).unwrap();
        close(forward, 0.5);
        assert_eq!(forward, backward);
        assert_eq!(upper_lower(&pairs(&[(0.5, 1.0)])), None);
    }

    #[test]
    fn standardized_alpha_and_sem_by_hand() {
        // r̄ = .3, k = 4: 1.2 / 1.9 = 0.631579.
        close(standardized_alpha(0.3, 4.0).unwrap(), 1.2 / 1.9);
        // One item: its own correlation.
        close(standardized_alpha(0.3, 1.0).unwrap(), 0.3);
        assert_eq!(standardized_alpha(-0.6, 3.0), None);
        assert_eq!(standardized_alpha(0.3, 0.0), None);
        // sd 20, reliability .75: 20·√.25 = 10.
        close(sem(20.0, 0.75), 10.0);
        close(sem(20.0, -0.2), 20.0);
    }

    #[test]
    fn fixed_point_round_trips() {
        close(unfixed(fixed(1.0 / 3.0)), 1.0 / 3.0);
        assert_eq!(fixed(1.5), fixed(1.0));
        assert_eq!(fixed(-0.5), 0);
    }
}
