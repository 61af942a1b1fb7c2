//! How long codes take: one, and a vault-sized list of 10,000 accounts, at a
//! fixed instant so every run computes the same codes.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kairos_core::otp::{Algorithm, OtpKind, OtpParams, Secret, code_at};

const INSTANT: u64 = 1_700_000_000;
const ACCOUNTS: usize = 10_000;

/// Accounts cycling through SHA-1/256/512 and 6/8 digits, with keys of the
/// usual sizes (10 bytes as many services use, 20/32/64 as RFC 6238 does).
fn accounts() -> Vec<(OtpParams, Secret)> {
    let key_sizes = [10usize, 20, 32, 64];
    (0..ACCOUNTS)
        .map(|index| {
            let params = OtpParams {
                kind: OtpKind::Totp { period: 30 },
                algorithm: Algorithm::ALL[index % 3],
                digits: if index % 2 == 0 { 6 } else { 8 },
            };
            let size = key_sizes[index % key_sizes.len()];
            let key: Vec<u8> = (0..size)
                .map(|byte| (index.wrapping_mul(31) ^ byte.wrapping_mul(7)) as u8)
                .collect();
            let secret = Secret::from_bytes(key).expect("a valid secret");
            (params, secret)
        })
        .collect()
}

fn codes(c: &mut Criterion) {
    let one = Secret::from_base32("JBSWY3DPEHPK3PXP").expect("base32");
    let usual = OtpParams::default_totp();
    c.bench_function("one code (TOTP SHA-1, 6 digits)", |b| {
        b.iter(|| code_at(black_box(&usual), black_box(&one), black_box(INSTANT)))
    });

    let accounts = accounts();
    let mut group = c.benchmark_group("vault");
    group.throughput(Throughput::Elements(ACCOUNTS as u64));
    group.sample_size(20);
    group.bench_function("10,000 codes (SHA-1/256/512, 6/8 digits)", |b| {
        b.iter(|| {
            accounts
                .iter()
                .map(|(params, secret)| code_at(params, secret, black_box(INSTANT)))
                .filter(Result::is_ok)
                .count()
        })
    });
    group.finish();
}

criterion_group!(benches, codes);
criterion_main!(benches);
