//! Vault benchmarks: unlocking and decrypting a 1,000-account vault.
//!
//! `open_decrypt_1000` uses the test-only Argon2 parameters so it measures
//! SQLite and the cipher; `unlock_recommended_kdf` measures what a person
//! waits for when opening a password vault with the real parameters.

use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use kairos_core::otp::{AccountDraft, OtpParams, Secret};
use kairos_core::vault::{KdfParams, Protection, Unlock, Vault};
use zeroize::Zeroizing;

const PASSWORD: &str = "bench password";

fn password() -> Zeroizing<String> {
    Zeroizing::new(PASSWORD.to_owned())
}

fn drafts(count: usize) -> Vec<AccountDraft> {
    (0..count)
        .map(|i| AccountDraft {
            issuer: format!("Issuer {i}"),
            label: format!("user{i}@example.com"),
            params: OtpParams::default_totp(),
            secret: Secret::from_bytes((0..20u8).map(|b| b ^ (i as u8)).collect())
                .expect("20-byte secret"),
        })
        .collect()
}

async fn make_vault(dir: &Path, kdf: KdfParams, accounts: usize) {
    let vault = Vault::create_with(dir, Protection::Password(password()), kdf)
        .await
        .expect("create vault");
    vault
        .add_many(drafts(accounts))
        .await
        .expect("add accounts");
    vault.close().await;
}

fn benches(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().expect("tokio runtime");
    let fast = tempfile::tempdir().expect("temp dir");
    let real = tempfile::tempdir().expect("temp dir");
    rt.block_on(make_vault(
        fast.path(),
        KdfParams::insecure_fast_for_tests(),
        1000,
    ));
    rt.block_on(make_vault(real.path(), KdfParams::recommended(), 0));

    let mut group = c.benchmark_group("vault");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(10));

    group.bench_function("open_decrypt_1000", |b| {
        b.iter(|| {
            rt.block_on(async {
                let vault = Vault::open(fast.path(), Unlock::Password(password()))
                    .await
                    .expect("open");
                let all = vault.accounts_with_secrets().await.expect("decrypt");
                assert_eq!(all.iter().filter(|(_, s)| s.is_ok()).count(), 1000);
                vault.close().await;
            })
        })
    });

    let vault = rt
        .block_on(Vault::open(fast.path(), Unlock::Password(password())))
        .expect("open");
    group.bench_function("decrypt_1000_already_open", |b| {
        b.iter(|| {
            let all = rt.block_on(vault.accounts_with_secrets()).expect("decrypt");
            assert_eq!(all.len(), 1000);
        })
    });
    group.bench_function("list_1000", |b| {
        b.iter(|| rt.block_on(vault.list()).expect("list"))
    });
    rt.block_on(vault.close());

    group.sample_size(10);
    group.bench_function("add_many_1000", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("temp dir"),
            |dir| {
                rt.block_on(make_vault(
                    dir.path(),
                    KdfParams::insecure_fast_for_tests(),
                    1000,
                ))
            },
            criterion::BatchSize::PerIteration,
        )
    });
    group.bench_function("unlock_recommended_kdf", |b| {
        b.iter(|| {
            rt.block_on(async {
                let vault = Vault::open(real.path(), Unlock::Password(password()))
                    .await
                    .expect("open");
                vault.close().await;
            })
        })
    });
    group.finish();
}

criterion_group!(vault, benches);
criterion_main!(vault);
