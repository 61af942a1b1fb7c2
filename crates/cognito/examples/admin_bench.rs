//! Figures for issue #6 on moto (README "Performance"):
//! - time to the first row and to all rows when listing 10,000 users;
//! - a bulk SMS-preference change for 1,000 users, Kairos vs a sequential boto3
//!   loop making the same calls, straight to moto and through a proxy adding a
//!   network round trip (`BENCH_LATENCY_MS`, default 20) to both clients.
//!
//! `cargo run -p kairos-cognito --example admin_bench` (add `--profile measure` for
//! an optimised client; moto's CPU dominates either way).
//! Sizes: `BENCH_LIST_USERS` (10000), `BENCH_BULK_USERS` (1000).

use std::ops::ControlFlow;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::types::{AttributeType, MessageActionType};
use kairos_cognito::CognitoAdmin;
use kairos_cognito::bulk::{BulkOptions, apply_to_users};
use kairos_cognito::user_mfa::{Factor, FactorSetting, MfaPreferenceChange};
use kairos_harness::Moto;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_util::sync::CancellationToken;

// The tests' helpers: an SDK client on a URL with dummy keys, SMS-enabled pools.
#[path = "../tests/common/mod.rs"]
mod common;

use common::client;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

async fn seed(client: &Client, pool: &str, count: usize) -> Result<Vec<String>> {
    let names: Vec<String> = (0..count).map(|i| format!("user-{i:05}")).collect();
    let mut tasks = tokio::task::JoinSet::new();
    for chunk in names.chunks(count.div_ceil(8).max(1)) {
        let (client, pool, chunk) = (client.clone(), pool.to_owned(), chunk.to_vec());
        tasks.spawn(async move {
            for name in chunk {
                let attribute =
                    |n: &str, v: &str| AttributeType::builder().name(n).value(v).build();
                client
                    .admin_create_user()
                    .user_pool_id(&pool)
                    .username(&name)
                    .message_action(MessageActionType::Suppress)
                    .user_attributes(attribute("email", &format!("{name}@example.com"))?)
                    .user_attributes(attribute("phone_number", "+33600000000")?)
                    .send()
                    .await?;
            }
            Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
        });
    }
    while let Some(done) = tasks.join_next().await {
        done?.map_err(|e| e.to_string())?;
    }
    Ok(names)
}

async fn sms_pool(
    admin: &CognitoAdmin,
    sdk: &Client,
    name: &str,
    users: usize,
) -> Result<(String, Vec<String>)> {
    let pool = sdk.create_user_pool().pool_name(name).send().await?;
    let id = pool
        .user_pool()
        .and_then(|p| p.id())
        .ok_or("no pool id")?
        .to_owned();
    common::enable_sms(admin, &id).await?;
    let names = seed(sdk, &id, users).await?;
    Ok((id, names))
}

async fn kairos_bulk(
    admin: &CognitoAdmin,
    pool: &str,
    users: Vec<String>,
    concurrency: usize,
) -> Result<(f64, String)> {
    let settings = admin.pool_mfa(pool).await?.settings;
    let mut change = MfaPreferenceChange::default();
    change.set(
        Factor::Sms,
        FactorSetting {
            enabled: true,
            preferred: true,
        },
    );
    let options = BulkOptions {
        concurrency,
        reads_per_second: 0.0,
        updates_per_second: 0.0,
        ..BulkOptions::default()
    };
    let start = Instant::now();
    let report = apply_to_users(
        admin,
        pool,
        &settings,
        users,
        change,
        options,
        None,
        CancellationToken::new(),
        |_| {},
    )
    .await;
    let seconds = start.elapsed().as_secs_f64();
    let p = report.progress;
    let lost = p.total - p.changed - p.unchanged - p.failed - p.cancelled;
    Ok((
        seconds,
        format!("changed {} failed {} lost {lost}", p.changed, p.failed),
    ))
}

fn boto3_bulk(endpoint: &str, pool: &str, users: &[String]) -> Result<(f64, String)> {
    let dir = tempfile::tempdir()?;
    let list = dir.path().join("users.txt");
    std::fs::write(&list, users.join("\n"))?;
    let root = kairos_harness::repo_root();
    let out = Command::new(root.join(".venv/bin/python"))
        .arg(root.join("tests/bench/boto3_bulk.py"))
        .args([endpoint, pool])
        .arg(&list)
        .output()?;
    if !out.status.success() {
        return Err(format!(
            "boto3 loop failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    let result: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let seconds = result["seconds"].as_f64().ok_or("no seconds")?;
    Ok((
        seconds,
        format!("changed {} failed {}", result["changed"], result["failed"]),
    ))
}

/// A TCP relay to `upstream` that holds each request for `latency` before passing it on
/// (once per request/response turn), like a network between client and Cognito.
async fn latency_proxy(upstream: std::net::SocketAddr, latency: Duration) -> Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            tokio::spawn(async move {
                let Ok(server) = TcpStream::connect(upstream).await else {
                    return;
                };
                // No Nagle delay on either side: a client that writes headers and body
                // separately (boto3) must not wait for a delayed ACK.
                let _ = client.set_nodelay(true);
                let _ = server.set_nodelay(true);
                let (mut client_read, mut client_write) = client.into_split();
                let (mut server_read, mut server_write) = server.into_split();
                let answered = Arc::new(AtomicBool::new(true));
                let waiting = answered.clone();
                let up = tokio::spawn(async move {
                    let mut buf = vec![0u8; 64 * 1024];
                    while let Ok(n) = client_read.read(&mut buf).await {
                        if n == 0 {
                            break;
                        }
                        if waiting.swap(false, Ordering::SeqCst) {
                            tokio::time::sleep(latency).await;
                        }
                        if server_write.write_all(&buf[..n]).await.is_err() {
                            break;
                        }
                    }
                });
                let mut buf = vec![0u8; 64 * 1024];
                while let Ok(n) = server_read.read(&mut buf).await {
                    if n == 0 {
                        break;
                    }
                    answered.store(true, Ordering::SeqCst);
                    if client_write.write_all(&buf[..n]).await.is_err() {
                        break;
                    }
                }
                up.abort();
            });
        }
    });
    Ok(url)
}

#[tokio::main]
async fn main() -> Result<()> {
    let list_users = env_number("BENCH_LIST_USERS", 10_000);
    let bulk_users = env_number("BENCH_BULK_USERS", 1_000);
    let latency = Duration::from_millis(env_number("BENCH_LATENCY_MS", 20) as u64);
    let moto = Moto::start()?;
    let sdk = client(&moto.url());
    let admin = CognitoAdmin::from_client(sdk.clone(), "us-east-1".into(), Some(moto.url()));

    // Listing.
    let pool = sdk.create_user_pool().pool_name("list").send().await?;
    let pool = pool
        .user_pool()
        .and_then(|p| p.id())
        .ok_or("no pool id")?
        .to_owned();
    let seeding = Instant::now();
    seed(&sdk, &pool, list_users).await?;
    println!(
        "seeded {list_users} users in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );
    let start = Instant::now();
    let mut first_row = None;
    let outcome = admin
        .list_users(&pool, None, |_| {
            first_row.get_or_insert_with(|| start.elapsed());
            ControlFlow::Continue(())
        })
        .await?;
    let all = start.elapsed();
    println!(
        "list {} users ({} pages of 60): first row {:.0} ms, all rows {:.2} s",
        outcome.users,
        outcome.pages,
        first_row.unwrap_or_default().as_secs_f64() * 1000.0,
        all.as_secs_f64()
    );

    // Bulk, straight to moto, then through the latency proxy; a fresh pool for each run.
    let proxy = latency_proxy(moto.addr(), latency).await?;
    for (label, endpoint) in [
        ("moto direct", moto.url()),
        ("moto + latency", proxy.clone()),
    ] {
        let via = CognitoAdmin::from_client(
            client(&endpoint),
            "us-east-1".into(),
            Some(endpoint.clone()),
        );
        let (kairos_pool, kairos_users) =
            sms_pool(&admin, &sdk, &format!("{label} kairos"), bulk_users).await?;
        let (boto_pool, boto_users) =
            sms_pool(&admin, &sdk, &format!("{label} boto3"), bulk_users).await?;
        let (k_seconds, k_counts) = kairos_bulk(&via, &kairos_pool, kairos_users, 16).await?;
        let (b_seconds, b_counts) = boto3_bulk(&endpoint, &boto_pool, &boto_users)?;
        println!(
            "bulk {bulk_users} users, {label}{}: Kairos {k_seconds:.2} s ({k_counts}), boto3 sequential {b_seconds:.2} s ({b_counts}), {:.2}x",
            if label.contains("latency") {
                format!(" {} ms", latency.as_millis())
            } else {
                String::new()
            },
            b_seconds / k_seconds
        );
    }
    Ok(())
}
