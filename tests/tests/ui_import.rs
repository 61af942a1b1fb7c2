//! Accounts in and out of the real window: an account from a QR image file,
//! a Google Authenticator export spread over two QR codes (made by the CLI's
//! own `export --format migration` from another vault), an Aegis backup, and
//! an encrypted Kairos backup written where KAIROS_SAVE_DIR says. The QR
//! pictures are drawn here from the links with the `qrcode` crate.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};
use kairos_harness::desktop::{AppSession, cli_binary};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/core/tests/fixtures")
        .join(path)
}

/// The CLI with the app's environment, overridden by `extra`.
fn kairos(s: &AppSession, extra: &[(&str, &str)], args: &[&str]) -> Result<String> {
    let out = Command::new(cli_binary()?)
        .env_clear()
        .envs(s.env().iter().map(|(k, v)| (k, v)))
        .envs(extra.iter().copied())
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .args(args)
        .output()?;
    ensure!(
        out.status.success(),
        "kairos {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A QR code of `text` as a PNG file.
fn qr_png(text: &str, path: &Path) -> Result<()> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::L)?;
    let modules = code.width() as u32;
    let colors = code.to_colors();
    // 6 px per module and the standard 4-module quiet zone.
    let (scale, quiet) = (6u32, 4u32);
    let side = (modules + 2 * quiet) * scale;
    let image = image::GrayImage::from_fn(side, side, |x, y| {
        let (mx, my) = (x / scale, y / scale);
        let dark = mx >= quiet
            && my >= quiet
            && mx < quiet + modules
            && my < quiet + modules
            && colors[((my - quiet) * modules + (mx - quiet)) as usize] == qrcode::Color::Dark;
        image::Luma([if dark { 0 } else { 255 }])
    });
    image.save(path)?;
    Ok(())
}

async fn rows(s: &AppSession) -> Result<usize> {
    Ok(s.app
        .client()
        .find_all(fantoccini::Locator::Css("[data-testid=account-row]"))
        .await?
        .len())
}

async fn wait_for_rows(s: &AppSession, expected: usize) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let found = rows(s).await?;
        if found == expected {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("expected {expected} accounts on the Codes page, found {found}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn choose_file(s: &AppSession, input: &str, path: &Path) -> Result<()> {
    s.app
        .by_test_id(input)
        .await?
        .send_keys(&path.display().to_string())
        .await
        .with_context(|| format!("sending {} to {input}", path.display()))
}

#[tokio::test(flavor = "multi_thread")]
async fn scan_images_import_a_backup_and_export_one() -> Result<()> {
    let save_dir = tempfile::tempdir()?;
    let save = save_dir.path().display().to_string();
    let s = AppSession::start_with(&[("KAIROS_SAVE_DIR", &save)]).await?;
    let app = &s.app;
    s.open_page("codes").await?;
    app.by_test_id("vault-keyring").await?.click().await?;
    app.by_test_id("vault-create").await?.click().await?;
    app.by_test_id("empty-state").await?;

    // 1. One account from a camera-like photo of a QR code.
    s.open_page("add").await?;
    app.by_test_id("add-tab-scan").await?.click().await?;
    choose_file(
        &s,
        "scan-file-input",
        &fixture("qr/otpauth-camera-720p.jpg"),
    )
    .await?;
    // The fixture's link names the issuer Proton.
    let issuer = app.text_of("scan-card-issuer").await?;
    ensure!(issuer == "Proton", "card issuer {issuer:?}");
    app.screenshot("en-scan-image-card").await?;
    app.by_test_id("scan-save").await?.click().await?;
    app.by_test_id("page-codes").await?;
    wait_for_rows(&s, 1).await?;

    // 2. A Google Authenticator export of 13 accounts: two codes, made by
    // another vault's `kairos export --format migration`.
    let other = tempfile::tempdir()?;
    let other_dir = other.path().display().to_string();
    let env = [("KAIROS_DATA_DIR", other_dir.as_str())];
    for i in 0..13 {
        kairos(
            &s,
            &env,
            &[
                "add",
                &format!(
                    "otpauth://totp/Team%20{i}:user{i}?secret=JBSWY3DPEHPK3PX{}",
                    (b'A' + i) as char
                ),
            ],
        )?;
    }
    let links = kairos(&s, &env, &["export", "--format", "migration"])?;
    let links: Vec<&str> = links
        .lines()
        .filter(|l| l.starts_with("otpauth-migration://"))
        .collect();
    ensure!(
        links.len() == 2,
        "expected 2 migration codes, got {}",
        links.len()
    );
    let pictures = tempfile::tempdir()?;
    let mut files = Vec::new();
    for (i, link) in links.iter().enumerate() {
        let path = pictures.path().join(format!("batch-{i}.png"));
        qr_png(link, &path)?;
        files.push(path);
    }
    s.open_page("add").await?;
    app.by_test_id("add-tab-scan").await?.click().await?;
    // The second code first: any order works.
    choose_file(&s, "scan-file-input", &files[1]).await?;
    let status = app.text_of("scan-migration-status").await?;
    ensure!(status.contains("1 of 2"), "after one code: {status:?}");
    app.screenshot("en-scan-migration-partial").await?;
    choose_file(&s, "scan-file-input", &files[0]).await?;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let status = app.text_of("scan-migration-status").await?;
        if status.contains("all 2 codes") {
            break;
        }
        ensure!(Instant::now() < deadline, "after both codes: {status:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    app.by_test_id("scan-import").await?.click().await?;
    app.by_test_id("page-codes").await?;
    wait_for_rows(&s, 14).await?;
    let summary = app.text_of("import-summary").await?;
    ensure!(summary.contains("13"), "summary: {summary:?}");

    // 3. An Aegis backup (a real export): preview, then import.
    s.open_page("add").await?;
    app.by_test_id("add-tab-import").await?.click().await?;
    choose_file(
        &s,
        "import-file-input",
        &fixture("backup/interop/aegis_plain.json"),
    )
    .await?;
    app.by_test_id("import-preview").await?;
    app.screenshot("en-import-preview").await?;
    app.by_test_id("import-confirm").await?.click().await?;
    app.by_test_id("page-codes").await?;
    let before_export = rows(&s).await?;
    ensure!(before_export > 14, "the Aegis accounts were not added");

    // 4. An encrypted Kairos backup of everything, read back by the CLI.
    s.open_page("settings").await?;
    app.scroll_to("export-card").await?;
    app.by_test_id("export-format-kairos")
        .await?
        .click()
        .await?;
    app.by_test_id("export-password")
        .await?
        .send_keys("correct horse battery")
        .await?;
    app.by_test_id("export-password-confirm")
        .await?
        .send_keys("correct horse battery")
        .await?;
    app.by_test_id("export-save").await?.click().await?;
    let result = app.text_of("export-result").await?;
    let written = save_dir.path().join("kairos-export.kairos");
    ensure!(
        written.is_file(),
        "no backup at {} ({result:?})",
        written.display()
    );
    ensure!(
        result.contains(&before_export.to_string()),
        "export said {result:?}"
    );
    app.screenshot("en-export-result").await?;
    let mut check = Command::new(cli_binary()?);
    check
        .env_clear()
        .envs(s.env().iter().map(|(k, v)| (k, v)))
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .args(["import", "--dry-run", "--json", "--backup-password-stdin"])
        .arg(&written)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = check.spawn()?;
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().context("stdin")?;
        writeln!(stdin, "correct horse battery")?;
    }
    let out = child.wait_with_output()?;
    ensure!(
        out.status.success(),
        "the CLI cannot read the app's backup: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Read back into the same vault: every account is already there.
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    ensure!(
        report["format"] == "kairos" && report["skippedDuplicates"] == before_export,
        "dry run of the backup into the same vault: {report}"
    );
    app.close().await?;
    Ok(())
}
