//! moto's standalone server, used as a local Amazon Cognito (cognito-idp) emulator.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use tempfile::TempDir;

use crate::http::{self, HttpResponse};
use crate::ports::{self, PortConflict, Proto};
use crate::process::{Probe, ServiceProcess, SpawnOptions};

/// Python imports take a while on a busy 2-core machine.
const START_TIMEOUT: Duration = Duration::from_secs(90);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Per readiness request; the first Cognito call loads moto's backend, so not too short.
const PROBE_TIMEOUT: Duration = Duration::from_secs(5);
/// A syntactically valid SigV4 header for region us-east-1; moto does not check signatures.
const FAKE_AUTHORIZATION: &str = "AWS4-HMAC-SHA256 \
    Credential=testing/20260101/us-east-1/cognito-idp/aws4_request, \
    SignedHeaders=content-type;host;x-amz-date;x-amz-target, \
    Signature=0000000000000000000000000000000000000000000000000000000000000000";

/// `<repo>/.venv/bin/moto_server -H 127.0.0.1 -p <free port>` with
/// `MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP=true` (without it moto accepts any TOTP code).
/// Killed on drop.
#[derive(Debug)]
pub struct Moto {
    addr: SocketAddr,
    process: ServiceProcess,
    dir: TempDir,
}

impl Moto {
    /// Path of the moto_server script, `<repo>/.venv/bin/moto_server`.
    pub fn binary() -> PathBuf {
        crate::repo_root().join(".venv/bin/moto_server")
    }

    /// Start moto on a free port and wait until its Cognito API answers.
    pub fn start() -> Result<Self> {
        let binary = Self::binary();
        if !binary.is_file() {
            bail!(
                "moto_server not found at {} — run ./dev setup \
                 (or: python3 -m venv .venv && .venv/bin/pip install 'moto[server]')",
                binary.display()
            );
        }
        ports::retry_on_port_conflict(|| Self::start_on(&binary, ports::free_tcp_port()?))
    }

    fn start_on(binary: &PathBuf, port: u16) -> Result<Self> {
        let dir = crate::service_dir("moto")?;
        let mut cmd = Command::new(binary);
        cmd.args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .env("MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP", "true")
            .env("PYTHONUNBUFFERED", "1");
        remove_aws_vars(&mut cmd);
        let process =
            ServiceProcess::spawn("moto_server", cmd, dir.path(), SpawnOptions::default())?;
        let moto = Moto {
            addr: ports::loopback(port),
            process,
            dir,
        };
        let pid = moto.process.pid();
        let port_taken = || moto.process.log_contains("Address already in use");
        let ready = moto.process.wait_until(
            &format!("ListUserPools on {} to answer 200", moto.url()),
            START_TIMEOUT,
            || {
                if port_taken() {
                    let conflict = PortConflict(format!("moto_server could not bind {port}"));
                    return Probe::Fatal(conflict.into());
                }
                // Only ask once our moto holds the port: otherwise another server could answer.
                match ports::pid_owns_port(pid, Proto::Tcp, port) {
                    Ok(true) => {}
                    Ok(false) => return Probe::NotYet(format!("not listening on {port} yet")),
                    Err(error) => return Probe::Fatal(error),
                }
                match moto.cognito_with_timeout(
                    "ListUserPools",
                    "{\"MaxResults\":1}",
                    PROBE_TIMEOUT,
                ) {
                    Ok(response) if response.status == 200 => Probe::Ready(()),
                    Ok(response) => {
                        Probe::NotYet(format!("HTTP {}: {}", response.status, response.text()))
                    }
                    Err(error) => Probe::NotYet(format!("{error:#}")),
                }
            },
        );
        if let Err(error) = ready {
            if error.is::<PortConflict>() || port_taken() {
                return Err(PortConflict(format!("{port}: {error:#}")).into());
            }
            return Err(error);
        }
        eprintln!(
            "kairos-harness: started moto_server at {} (pid {}, log {})",
            moto.url(),
            pid,
            moto.process.log_path().display()
        );
        Ok(moto)
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `127.0.0.1:PORT`.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Forget all state (`POST /moto-api/reset`).
    pub fn reset(&self) -> Result<()> {
        let response = self.post("/moto-api/reset", &[], b"")?;
        if response.status != 200 {
            bail!(
                "moto reset failed: HTTP {}: {}",
                response.status,
                response.text()
            );
        }
        Ok(())
    }

    /// `POST path` with `headers` and `body` to this server.
    pub fn post(&self, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Result<HttpResponse> {
        http::request(self.addr, "POST", path, headers, body, REQUEST_TIMEOUT)
    }

    /// Call Cognito's JSON API: `POST /` with `X-Amz-Target:
    /// AWSCognitoIdentityProviderService.<action>` and a fake SigV4 `Authorization` header.
    pub fn cognito(&self, action: &str, json: &str) -> Result<HttpResponse> {
        self.cognito_with_timeout(action, json, REQUEST_TIMEOUT)
    }

    fn cognito_with_timeout(
        &self,
        action: &str,
        json: &str,
        timeout: Duration,
    ) -> Result<HttpResponse> {
        let target = format!("AWSCognitoIdentityProviderService.{action}");
        let headers = [
            ("X-Amz-Target", target.as_str()),
            ("Content-Type", "application/x-amz-json-1.1"),
            ("X-Amz-Date", "20260101T000000Z"),
            ("Authorization", FAKE_AUTHORIZATION),
        ];
        http::request(self.addr, "POST", "/", &headers, json.as_bytes(), timeout)
    }

    /// Create a Cognito user pool called `name` (`CreateUserPool`) and return its id.
    pub fn create_user_pool(&self, name: &str) -> Result<String> {
        let body = serde_json::json!({ "PoolName": name }).to_string();
        let response = self.cognito("CreateUserPool", &body)?;
        if response.status != 200 {
            bail!(
                "CreateUserPool {name:?} failed: HTTP {}: {}",
                response.status,
                response.text()
            );
        }
        let reply: serde_json::Value = serde_json::from_slice(&response.body)
            .with_context(|| format!("CreateUserPool returned non-JSON: {}", response.text()))?;
        reply["UserPool"]["Id"]
            .as_str()
            .map(str::to_owned)
            .with_context(|| format!("CreateUserPool reply has no UserPool.Id: {reply}"))
    }

    /// Environment for an AWS SDK client that must talk to this server and nothing else:
    /// `AWS_ENDPOINT_URL`, `AWS_REGION`/`AWS_DEFAULT_REGION=us-east-1`, dummy keys,
    /// `AWS_EC2_METADATA_DISABLED=true`, and `AWS_CONFIG_FILE`/`AWS_SHARED_CREDENTIALS_FILE`
    /// pointing at files that do not exist (so the developer's ~/.aws is never read).
    /// Prefer [`Moto::apply_aws_env`], which also removes every other `AWS_*` variable.
    pub fn aws_env(&self) -> Vec<(String, String)> {
        let missing = |name: &str| self.dir.path().join(name).display().to_string();
        [
            ("AWS_ENDPOINT_URL", self.url()),
            ("AWS_REGION", "us-east-1".into()),
            ("AWS_DEFAULT_REGION", "us-east-1".into()),
            ("AWS_ACCESS_KEY_ID", "testing".into()),
            ("AWS_SECRET_ACCESS_KEY", "testing".into()),
            ("AWS_EC2_METADATA_DISABLED", "true".into()),
            ("AWS_CONFIG_FILE", missing("no-aws-config")),
            ("AWS_SHARED_CREDENTIALS_FILE", missing("no-aws-credentials")),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
    }

    /// Remove every inherited `AWS_*` variable from `cmd` (profiles, session tokens,
    /// per-service endpoints, ...) and set [`Moto::aws_env`].
    pub fn apply_aws_env(&self, cmd: &mut Command) {
        remove_aws_vars(cmd);
        cmd.envs(self.aws_env());
    }

    /// moto_server's process id.
    pub fn pid(&self) -> u32 {
        self.process.pid()
    }
}

fn remove_aws_vars(cmd: &mut Command) {
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("AWS_") {
            cmd.env_remove(name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_port_is_reported_as_a_port_conflict() {
        let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind TCP");
        let port = taken.local_addr().expect("local addr").port();
        let error = Moto::start_on(&Moto::binary(), port).expect_err("port is taken");
        assert!(error.is::<PortConflict>(), "not a port conflict: {error:#}");
    }
}
