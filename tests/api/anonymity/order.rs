//! What an order in the files tells of the order remarks arrived in, within each hour: a rank
//! correlation pooled over the hours, and the attacker's use of it — naming each remark's
//! reporter from who was seen arriving at that rank — against the honest baseline, "one of
//! that hour's k remarks".

use std::collections::HashMap;

use rand::Rng;
use rand::seq::SliceRandom;

/// The suite's alarm: an order "follows arrival" when chance would give it less than this.
pub const ALARM: f64 = 1e-6;

/// One remark as a reader of the files places it: its hour; the page it was read from when
/// only the order within a page means something (SQLite: cells in write order), else 0;
/// where the reader puts it (ties allowed: a reader that cannot tell two remarks apart gives
/// them one place); and which remark it is (its arrival index in the workload).
#[derive(Clone, Copy, Debug)]
pub struct Placed {
    pub hour: i64,
    pub page: u32,
    pub place: f64,
    pub remark: usize,
}

/// Each remark's place in the order of the files: the n-th found has place n.
pub fn in_found_order(found: &[(usize, i64)]) -> Vec<Placed> {
    found
        .iter()
        .enumerate()
        .map(|(n, (remark, hour))| Placed { hour: *hour, page: 0, place: n as f64, remark: *remark })
        .collect()
}

/// P(|Z| ≥ |z|) for a standard normal Z (Abramowitz–Stegun 7.1.26 for erfc).
pub fn two_sided(z: f64) -> f64 {
    let x = z.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * x);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736 + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    (poly * (-x * x).exp()).clamp(0.0, 1.0)
}

/// Ranks 0.. of `values`, ties sharing their mean rank (so a tie carries no order).
fn midranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|a, b| values[*a].total_cmp(&values[*b]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start;
        while end + 1 < order.len() && values[order[end + 1]] == values[order[start]] {
            end += 1;
        }
        for &i in &order[start..=end] {
            ranks[i] = (start + end) as f64 / 2.0;
        }
        start = end + 1;
    }
    ranks
}

fn grouped(placed: &[Placed], by_page: bool) -> Vec<Vec<Placed>> {
    let mut groups: HashMap<(i64, u32), Vec<Placed>> = HashMap::new();
    for p in placed {
        groups.entry((p.hour, if by_page { p.page } else { 0 })).or_default().push(*p);
    }
    let mut groups: Vec<Vec<Placed>> = groups.into_values().collect();
    groups.sort_by_key(|g| (g[0].hour, g[0].page));
    groups
}

/// The rank correlation of the reader's places with arrival ranks (`arrival[remark]`) within
/// each hour (and page), each group's ranks centred, one correlation over all remarks:
/// (r, two-sided p, remarks judged).
pub fn pooled_rank_correlation(placed: &[Placed], arrival: &[usize]) -> (f64, f64, usize) {
    let (mut xy, mut xx, mut yy, mut n, mut groups) = (0.0, 0.0, 0.0, 0usize, 0usize);
    for hour in grouped(placed, true).iter().filter(|h| h.len() > 1) {
        let x = midranks(&hour.iter().map(|p| p.place).collect::<Vec<_>>());
        let y = midranks(&hour.iter().map(|p| arrival[p.remark] as f64).collect::<Vec<_>>());
        let centre = (hour.len() as f64 - 1.0) / 2.0;
        for (x, y) in x.iter().zip(&y) {
            xy += (x - centre) * (y - centre);
            xx += (x - centre) * (x - centre);
            yy += (y - centre) * (y - centre);
        }
        n += hour.len();
        groups += 1;
    }
    let r = xy / (xx * yy).sqrt().max(f64::MIN_POSITIVE);
    let z = r * ((n.saturating_sub(groups)) as f64).sqrt();
    (r, two_sided(z), n)
}

/// The attacker knows who arrived when (a badge log, a calendar) and takes the reader's order
/// for arrival order: the remark placed j-th in its hour is named after the hour's j-th
/// arrival (ties shuffled). How many reporters that names right, against the same guess made
/// from a random order — the baseline "one of that hour's k remarks" — in many trials:
/// (hits, the baseline's mean, one-sided p of doing this well by chance).
pub fn attribution(
    placed: &[Placed],
    arrival: &[usize],
    reporter: &[usize],
    rng: &mut impl Rng,
) -> (usize, f64, f64) {
    let hours = grouped(placed, false);
    let guess = |hour: &[Placed], rng: &mut dyn rand::RngCore, random: bool| -> usize {
        // Arrivals of this hour in arrival order: whose they were.
        let mut arrivals: Vec<&Placed> = hour.iter().collect();
        arrivals.sort_by_key(|p| arrival[p.remark]);
        let mut placed: Vec<&Placed> = hour.iter().collect();
        placed.shuffle(rng);
        if !random {
            placed.sort_by(|a, b| a.place.total_cmp(&b.place)); // stable: ties stay shuffled
        }
        placed.iter().zip(&arrivals).filter(|(p, a)| reporter[p.remark] == reporter[a.remark]).count()
    };
    let hits: usize = hours.iter().map(|h| guess(h, rng, false)).sum();
    const TRIALS: usize = 4000;
    let chance: Vec<f64> =
        (0..TRIALS).map(|_| hours.iter().map(|h| guess(h, rng, true)).sum::<usize>() as f64).collect();
    let mean = chance.iter().sum::<f64>() / TRIALS as f64;
    let var = chance.iter().map(|c| (c - mean) * (c - mean)).sum::<f64>() / (TRIALS - 1) as f64;
    let z = (hits as f64 - mean) / var.sqrt().max(f64::MIN_POSITIVE);
    let p = if z <= 0.0 { 1.0 } else { two_sided(z) / 2.0 };
    (hits, mean, p)
}

#[test]
fn an_order_that_follows_arrival_is_caught_and_a_shuffled_one_is_not() {
    use rand::SeedableRng;
    let mut rng = rand::rngs::StdRng::seed_from_u64(17);
    // 20 hours of 6: arrival index i is the i-th remark overall; reporter i % 10.
    let arrival: Vec<usize> = (0..120).map(|i| i % 6).collect();
    let reporter: Vec<usize> = (0..120).map(|i| (i * 7) % 10).collect();
    let in_order: Vec<Placed> = (0..120)
        .map(|i| Placed { hour: (i / 6) as i64, page: 0, place: (i % 6) as f64, remark: i })
        .collect();
    let (r, p, n) = pooled_rank_correlation(&in_order, &arrival);
    assert!(r > 0.99 && p < ALARM && n == 120, "r {r}, p {p}");
    let (hits, mean, p) = attribution(&in_order, &arrival, &reporter, &mut rng);
    assert!(hits == 120 && mean < 40.0 && p < ALARM, "hits {hits}, mean {mean}, p {p}");

    let mut shuffled = in_order.clone();
    for hour in shuffled.chunks_mut(6) {
        let mut places: Vec<f64> = hour.iter().map(|p| p.place).collect();
        places.shuffle(&mut rng);
        hour.iter_mut().zip(places).for_each(|(p, place)| p.place = place);
    }
    assert!(pooled_rank_correlation(&shuffled, &arrival).1 > 1e-3);
    assert!(attribution(&shuffled, &arrival, &reporter, &mut rng).2 > 1e-3);
    // A reader that sees one place for all learns nothing, and is not scored as if it did.
    let tied: Vec<Placed> = in_order.iter().map(|p| Placed { place: 0.0, ..*p }).collect();
    assert_eq!(pooled_rank_correlation(&tied, &arrival).0, 0.0);
    assert!(attribution(&tied, &arrival, &reporter, &mut rng).2 > 1e-3);
}
