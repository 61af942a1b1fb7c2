//! The release workflow's feed writer (.github/scripts/updater_manifest.py)
//! on files signed by `tauri signer sign`: every platform key the updater
//! plugin looks up, each with its file's URL and signature, and refusals
//! that keep a broken feed from being published.

use std::process::Command;

use anyhow::{Context, Result, ensure};
use kairos_harness::update_feed::SigningKey;

const BASE: &str = "https://github.com/kairos-auth/kairos/releases/download/v0.2.0";

fn run(dist: &std::path::Path, base: &str) -> Result<std::process::Output> {
    let script = kairos_harness::repo_root().join(".github/scripts/updater_manifest.py");
    Command::new("python3")
        .arg(script)
        .arg(dist)
        .args(["v0.2.0", base])
        .output()
        .context("cannot run python3")
}

#[test]
fn signed_installers_make_a_feed_for_every_platform() -> Result<()> {
    let key = SigningKey::generate()?;
    let dist = tempfile::tempdir()?;
    let files = [
        "Kairos_0.2.0_amd64.AppImage",
        "Kairos_0.2.0_amd64.deb",
        "Kairos-0.2.0-1.x86_64.rpm",
        "Kairos_0.2.0_x64-setup.exe",
        "Kairos_0.2.0_x64_en-US.msi",
        "macos-aarch64-Kairos.app.tar.gz",
        "macos-x86_64-Kairos.app.tar.gz",
    ];
    let mut signatures = std::collections::HashMap::new();
    for name in files {
        let bytes = format!("installer {name}");
        let signature = key.sign(bytes.as_bytes(), "0.2.0")?;
        std::fs::write(dist.path().join(name), &bytes)?;
        std::fs::write(dist.path().join(format!("{name}.sig")), &signature)?;
        signatures.insert(name, signature);
    }
    // Not an updater file: a .dmg has no signature and no entry.
    std::fs::write(dist.path().join("Kairos_0.2.0_aarch64.dmg"), b"dmg")?;

    let out = run(dist.path(), BASE)?;
    ensure!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let feed: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dist.path().join("latest.json"))?)?;
    ensure!(feed["version"] == "0.2.0", "version {}", feed["version"]);
    ensure!(feed["pub_date"].as_str().is_some_and(|d| d.ends_with('Z')));
    let expected = [
        ("linux-x86_64", "Kairos_0.2.0_amd64.AppImage"),
        ("linux-x86_64-appimage", "Kairos_0.2.0_amd64.AppImage"),
        ("linux-x86_64-deb", "Kairos_0.2.0_amd64.deb"),
        ("linux-x86_64-rpm", "Kairos-0.2.0-1.x86_64.rpm"),
        ("windows-x86_64", "Kairos_0.2.0_x64-setup.exe"),
        ("windows-x86_64-nsis", "Kairos_0.2.0_x64-setup.exe"),
        ("windows-x86_64-msi", "Kairos_0.2.0_x64_en-US.msi"),
        ("darwin-aarch64", "macos-aarch64-Kairos.app.tar.gz"),
        ("darwin-aarch64-app", "macos-aarch64-Kairos.app.tar.gz"),
        ("darwin-x86_64", "macos-x86_64-Kairos.app.tar.gz"),
        ("darwin-x86_64-app", "macos-x86_64-Kairos.app.tar.gz"),
    ];
    let platforms = feed["platforms"].as_object().context("no platforms")?;
    ensure!(
        platforms.len() == expected.len(),
        "platforms: {:?}",
        platforms.keys()
    );
    for (platform, file) in expected {
        let entry = &platforms[platform];
        ensure!(
            entry["url"] == format!("{BASE}/{file}"),
            "{platform}: {entry}"
        );
        ensure!(
            entry["signature"] == signatures[file].as_str(),
            "{platform}: signature"
        );
    }
    Ok(())
}

#[test]
fn no_signed_file_or_an_insecure_base_is_refused() -> Result<()> {
    let dist = tempfile::tempdir()?;
    std::fs::write(dist.path().join("Kairos_0.2.0_amd64.deb"), b"deb")?;
    let out = run(dist.path(), BASE)?;
    ensure!(
        !out.status.success(),
        "a feed without signatures was written"
    );
    ensure!(String::from_utf8_lossy(&out.stderr).contains("no signed installer"));

    std::fs::write(dist.path().join("Kairos_0.2.0_amd64.deb.sig"), b"sig")?;
    let out = run(dist.path(), "http://example.com/v0.2.0")?;
    ensure!(!out.status.success(), "an http base URL was accepted");
    ensure!(
        !dist.path().join("latest.json").exists(),
        "a refused feed was written"
    );
    Ok(())
}
