//! The seals, statistically: nothing in them tells one reporter's seals from another's.
//! - no repeated nonce in 1 000 000 seals;
//! - the bit differences of same-reporter pairs and of different-reporter pairs (10 000 each) are
//!   alike by a two-sample Kolmogorov–Smirnov test;
//! - every byte position is uniform by a χ² test.
//!
//! Thresholds sit at p ≈ 10⁻⁴ or below (Bonferroni over the byte positions), so a correct seal
//! fails by chance about once in ten thousand runs; a seal that leaks fails every time.

use std::collections::HashSet;

use earshot::ids::RemarkId;
use earshot::messenger::seal::{SEAL_LEN, SealKey};

fn remark_id() -> RemarkId {
    RemarkId::parse("3f1e9c52-1c3b-4b7e-9a57-2d1f1d6c4a10").expect("an id")
}

fn key() -> SealKey {
    SealKey::new("stats", &[42; 32])
}

#[test]
fn no_nonce_repeats_in_a_million_seals() {
    let (key, remark) = (key(), remark_id());
    // Sealed on two threads (as two workers would), then compared all together.
    let halves: Vec<Vec<[u8; 24]>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..2u32)
            .map(|w| {
                let (key, remark) = (&key, &remark);
                scope.spawn(move || {
                    (0..500_000u32)
                        .map(|i| {
                            let seal = key.seal(remark, &[((i + w) % 7) as u8; 16], 0);
                            assert_eq!(seal.len(), SEAL_LEN);
                            seal[..24].try_into().expect("nonce")
                        })
                        .collect()
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().expect("worker")).collect()
    });
    let mut nonces: HashSet<[u8; 24]> = HashSet::with_capacity(1_000_000);
    for nonce in halves.into_iter().flatten() {
        assert!(nonces.insert(nonce), "a nonce repeated");
    }
    assert_eq!(nonces.len(), 1_000_000);
}

fn hamming(a: &[u8], b: &[u8]) -> u32 {
    a.iter().zip(b).map(|(x, y)| (x ^ y).count_ones()).sum()
}

/// Two-sample Kolmogorov–Smirnov statistic D.
fn ks(mut a: Vec<f64>, mut b: Vec<f64>) -> f64 {
    a.sort_by(f64::total_cmp);
    b.sort_by(f64::total_cmp);
    let (n, m) = (a.len() as f64, b.len() as f64);
    let (mut i, mut j, mut d) = (0, 0, 0.0f64);
    while i < a.len() && j < b.len() {
        let x = a[i].min(b[j]);
        while i < a.len() && a[i] <= x {
            i += 1;
        }
        while j < b.len() && b[j] <= x {
            j += 1;
        }
        d = d.max((i as f64 / n - j as f64 / m).abs());
    }
    d
}

#[test]
fn same_reporter_pairs_look_like_different_reporter_pairs() {
    let key = key();
    let pairs = 10_000;
    let remark = |i: usize| RemarkId::from_bytes(uuid::Uuid::from_u128(i as u128 | (4 << 76)).into_bytes());
    let mut same = Vec::with_capacity(pairs);
    let mut different = Vec::with_capacity(pairs);
    for i in 0..pairs {
        let a = [(i % 251) as u8; 16];
        let b = [((i + 1) % 251) as u8; 16];
        let (r1, r2) = (remark(2 * i), remark(2 * i + 1));
        same.push(f64::from(hamming(&key.seal(&r1, &a, 0), &key.seal(&r2, &a, 0))));
        different.push(f64::from(hamming(&key.seal(&r1, &a, 0), &key.seal(&r2, &b, 0))));
    }
    let d = ks(same.clone(), different.clone());
    // Critical value at α = 0.0001: c(α)·√((n+m)/(n·m)), c = √(−ln(α/2)/2) ≈ 2.15.
    let critical = 2.15 * ((2.0 * pairs as f64) / (pairs as f64 * pairs as f64)).sqrt();
    assert!(d < critical, "KS D = {d:.4} ≥ {critical:.4}: same-reporter seals differ from others");
    // And both centre on half the bits differing.
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let half = (SEAL_LEN * 8) as f64 / 2.0;
    assert!((mean(&same) - half).abs() < 2.0 && (mean(&different) - half).abs() < 2.0);
}

#[test]
fn every_byte_position_is_uniform() {
    let (key, remark) = (key(), remark_id());
    let seals = 20_000;
    let mut counts = vec![[0u32; 256]; SEAL_LEN];
    for i in 0..seals {
        let seal = key.seal(&remark, &[(i % 3) as u8; 16], (i % 5) as i64);
        for (position, byte) in seal.iter().enumerate() {
            counts[position][usize::from(*byte)] += 1;
        }
    }
    let expected = seals as f64 / 256.0;
    // χ² with 255 degrees of freedom; 370 is beyond p = 10⁻⁴ / 64 positions.
    for (position, row) in counts.iter().enumerate() {
        let chi2: f64 = row.iter().map(|&c| (f64::from(c) - expected).powi(2) / expected).sum();
        assert!(chi2 < 370.0, "byte {position}: χ² = {chi2:.1}");
    }
}
