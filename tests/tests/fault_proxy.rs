//! The fault-injecting proxy in front of a real moto server: pass-through, injected AWS
//! errors in every mode, keep-alive and many concurrent connections.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use kairos_harness::http::{self, HttpResponse};
use kairos_harness::{Fault, FaultProxy, Moto};

const TIMEOUT: Duration = Duration::from_secs(30);

fn cognito(proxy: &FaultProxy, action: &str, json: &str) -> Result<HttpResponse> {
    let target = format!("AWSCognitoIdentityProviderService.{action}");
    http::request(
        proxy.addr(),
        "POST",
        "/",
        &[
            ("X-Amz-Target", target.as_str()),
            ("Content-Type", "application/x-amz-json-1.1"),
            (
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00",
            ),
        ],
        json.as_bytes(),
        TIMEOUT,
    )
}

fn error_type(response: &HttpResponse) -> Result<String> {
    let body: serde_json::Value = serde_json::from_slice(&response.body)
        .with_context(|| format!("not JSON: {}", response.text()))?;
    Ok(body["__type"].as_str().unwrap_or_default().to_owned())
}

#[test]
fn forwards_unchanged_and_injects_aws_errors() -> Result<()> {
    let moto = Moto::start()?;
    let pool = moto.create_user_pool("proxied")?;
    let proxy = FaultProxy::start(&moto.url())?;

    let listed = cognito(&proxy, "ListUserPools", r#"{"MaxResults":10}"#)?;
    assert_eq!(listed.status, 200, "{}", listed.text());
    assert!(listed.text().contains(&pool), "{}", listed.text());
    // moto's own errors come back as moto sent them.
    let missing = cognito(
        &proxy,
        "DescribeUserPool",
        r#"{"UserPoolId":"us-east-1_nope"}"#,
    )?;
    assert_eq!(missing.status, 400);
    assert_eq!(error_type(&missing)?, "ResourceNotFoundException");

    proxy.add(Fault::cognito(
        "SetUserPoolMfaConfig",
        "InvalidSmsRoleTrustRelationshipException",
        "Role does not have a trust relationship allowing Cognito to assume the role",
    ));
    let body = format!(r#"{{"UserPoolId":"{pool}","MfaConfiguration":"OFF"}}"#);
    let refused = cognito(&proxy, "SetUserPoolMfaConfig", &body)?;
    assert_eq!(refused.status, 400);
    assert_eq!(
        refused.header("x-amzn-errortype"),
        Some("InvalidSmsRoleTrustRelationshipException")
    );
    assert_eq!(
        refused.header("content-type"),
        Some("application/x-amz-json-1.1")
    );
    assert_eq!(
        error_type(&refused)?,
        "InvalidSmsRoleTrustRelationshipException"
    );
    // Other operations still reach moto.
    assert_eq!(
        cognito(
            &proxy,
            "GetUserPoolMfaConfig",
            &format!(r#"{{"UserPoolId":"{pool}"}}"#)
        )?
        .status,
        200
    );
    assert_eq!(proxy.calls("SetUserPoolMfaConfig"), 1);
    assert_eq!(proxy.injected("SetUserPoolMfaConfig"), 1);
    assert_eq!(proxy.calls("ListUserPools"), 1);
    assert_eq!(proxy.injected("ListUserPools"), 0);

    proxy.clear();
    proxy.add(Fault::cognito(
        "ListUsers",
        "InternalErrorException",
        "boom",
    ));
    let internal = cognito(
        &proxy,
        "ListUsers",
        &format!(r#"{{"UserPoolId":"{pool}"}}"#),
    )?;
    assert_eq!(internal.status, 500);
    assert_eq!(
        cognito(&proxy, "SetUserPoolMfaConfig", &body)?.status,
        200,
        "cleared rules no longer fire"
    );
    Ok(())
}

#[test]
fn modes_and_body_matching_pick_the_right_calls() -> Result<()> {
    let moto = Moto::start()?;
    let pool = moto.create_user_pool("modes")?;
    let proxy = FaultProxy::start(&moto.url())?;
    let describe = format!(r#"{{"UserPoolId":"{pool}"}}"#);
    proxy.add(
        Fault::cognito(
            "DescribeUserPool",
            "TooManyRequestsException",
            "Rate exceeded",
        )
        .times(2),
    );
    let statuses: Vec<u16> = (0..4)
        .map(|_| cognito(&proxy, "DescribeUserPool", &describe).map(|r| r.status))
        .collect::<Result<_>>()?;
    assert_eq!(statuses, [400, 400, 200, 200]);

    proxy.clear();
    proxy.add(
        Fault::cognito(
            "GetUserPoolMfaConfig",
            "TooManyRequestsException",
            "Rate exceeded",
        )
        .every(3),
    );
    let statuses: Vec<u16> = (0..6)
        .map(|_| cognito(&proxy, "GetUserPoolMfaConfig", &describe).map(|r| r.status))
        .collect::<Result<_>>()?;
    assert_eq!(statuses, [200, 200, 400, 200, 200, 400]);

    proxy.clear();
    proxy.add(
        Fault::cognito(
            "AdminGetUser",
            "UserNotFoundException",
            "User does not exist.",
        )
        .when_body_contains("\"ghost\""),
    );
    let ghost = cognito(
        &proxy,
        "AdminGetUser",
        &format!(r#"{{"UserPoolId":"{pool}","Username":"ghost"}}"#),
    )?;
    assert_eq!(error_type(&ghost)?, "UserNotFoundException");
    assert_eq!(
        ghost.header("x-amzn-errortype"),
        Some("UserNotFoundException")
    );
    // Another user is not matched: moto answers (its own UserNotFound, not injected).
    cognito(
        &proxy,
        "AdminGetUser",
        &format!(r#"{{"UserPoolId":"{pool}","Username":"other"}}"#),
    )?;
    assert_eq!(proxy.counts("AdminGetUser").seen, 2);
    assert_eq!(proxy.counts("AdminGetUser").injected, 1);

    // A seeded ratio gives the same choices on a second proxy.
    let mut runs = Vec::new();
    for _ in 0..2 {
        let proxy = FaultProxy::start(&moto.url())?;
        proxy.add(
            Fault::cognito("ListUserPools", "TooManyRequestsException", "Rate exceeded")
                .ratio(0.5, 42),
        );
        let statuses: Vec<u16> = (0..20)
            .map(|_| cognito(&proxy, "ListUserPools", r#"{"MaxResults":1}"#).map(|r| r.status))
            .collect::<Result<_>>()?;
        assert_eq!(
            proxy.injected("ListUserPools") as usize,
            statuses.iter().filter(|s| **s == 400).count()
        );
        runs.push(statuses);
    }
    assert_eq!(runs[0], runs[1]);
    assert!(
        runs[0].contains(&400) && runs[0].contains(&200),
        "{:?}",
        runs[0]
    );
    Ok(())
}

/// Sends `count` requests on one kept-alive connection and returns their statuses.
fn keep_alive_session(proxy: &FaultProxy, count: usize) -> Result<Vec<u16>> {
    let stream = TcpStream::connect(proxy.addr())?;
    stream.set_read_timeout(Some(TIMEOUT))?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    let mut statuses = Vec::new();
    for _ in 0..count {
        let body = r#"{"MaxResults":5}"#;
        write!(
            writer,
            "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSCognitoIdentityProviderService.ListUserPools\r\n\
             Content-Type: application/x-amz-json-1.1\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )?;
        let mut status_line = String::new();
        reader.read_line(&mut status_line)?;
        let status: u16 = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .with_context(|| format!("bad status line {status_line:?}"))?;
        let mut length = None;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line)?;
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse::<usize>().ok();
                }
                if name.eq_ignore_ascii_case("connection") && value.trim() == "close" {
                    bail!("the proxy closed a keep-alive connection");
                }
            }
        }
        let mut body = vec![0; length.context("no Content-Length")?];
        reader.read_exact(&mut body)?;
        statuses.push(status);
    }
    Ok(statuses)
}

#[test]
fn serves_keep_alive_connections_concurrently() -> Result<()> {
    let moto = Moto::start()?;
    let proxy = FaultProxy::start(&moto.url())?;
    proxy
        .add(Fault::cognito("ListUserPools", "TooManyRequestsException", "Rate exceeded").every(4));
    let (threads, per_thread) = (32, 10);
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| scope.spawn(|| keep_alive_session(&proxy, per_thread)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .map_err(|_| anyhow::anyhow!("client thread panicked"))?
            })
            .collect::<Result<Vec<_>>>()
            .map(|all| all.concat())
    })?;
    let total = threads * per_thread;
    assert_eq!(statuses.len(), total);
    assert_eq!(
        proxy.calls("ListUserPools") as usize,
        total,
        "every request counted once"
    );
    assert_eq!(proxy.injected("ListUserPools") as usize, total / 4);
    assert_eq!(statuses.iter().filter(|s| **s == 400).count(), total / 4);
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        total - total / 4
    );
    Ok(())
}
