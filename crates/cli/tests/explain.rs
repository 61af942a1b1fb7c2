//! `kairos explain`: the error catalogue from the command line.

use assert_cmd::Command;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn kairos() -> Command {
    let mut cmd = Command::cargo_bin("kairos").unwrap_or_else(|e| panic!("kairos binary: {e}"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", std::env::temp_dir())
        .env("LANG", "en_US.UTF-8");
    cmd
}

#[test]
fn explains_a_pasted_sdk_message_in_english_and_french() -> TestResult {
    let output = kairos()
        .args([
            "explain",
            "NotAuthorizedException:",
            "Invalid session for the user, session is expired.",
        ])
        .output()?;
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout)?;
    assert!(
        text.starts_with("[session-expired] NotAuthorizedException — "),
        "{text}"
    );
    assert!(text.contains("15 minutes"), "{text}");
    assert_eq!(text.matches("[").count(), 1, "one entry: {text}");

    let output = kairos()
        .args([
            "--lang",
            "fr",
            "explain",
            "SoftwareTokenMFANotFoundException",
        ])
        .output()?;
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout)?;
    assert!(text.starts_with("[totp-disabled-in-pool]"), "{text}");
    assert!(
        text.contains("Solution : ") || text.contains("Solution: "),
        "{text}"
    );
    assert!(text.contains("groupe"), "French text: {text}");
    Ok(())
}

#[test]
fn json_lists_every_case_of_a_bare_code_with_both_languages() -> TestResult {
    let output = kairos()
        .args(["explain", "--json", r#"{"__type":"CodeMismatchException"}"#])
        .output()?;
    assert!(output.status.success(), "{output:?}");
    let entries: serde_json::Value = serde_json::from_slice(&output.stdout)?;
    let ids: Vec<&str> = entries
        .as_array()
        .ok_or("not an array")?
        .iter()
        .filter_map(|e| e["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "code-mismatch-call-order",
            "code-mismatch-clock-skew",
            "code-mismatch-verification-code"
        ]
    );
    assert!(
        entries[0]["fix"]["fr"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
    assert_eq!(entries[0]["seedCase"], 7);
    assert_eq!(entries[0]["theme"], "totp");
    Ok(())
}

#[test]
fn unknown_text_fails_with_a_clear_error() -> TestResult {
    let output = kairos()
        .args(["explain", "my", "printer", "is", "on", "fire"])
        .output()?;
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr)?;
    assert!(
        stderr.starts_with(
            "error[cognito.no_explanation]: No known Cognito error in “my printer is on fire”."
        ),
        "{stderr}"
    );
    // No text at all is a usage error.
    assert_eq!(kairos().arg("explain").output()?.status.code(), Some(2));
    Ok(())
}
