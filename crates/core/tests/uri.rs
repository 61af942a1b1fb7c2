//! otpauth URIs: what real QR codes carry, every malformed input with its own
//! error code, canonical rendering, and round trips.

use kairos_core::otp::{AccountDraft, Algorithm, OtpKind, OtpParams, Secret};
use kairos_core::uri::{self, MAX_ISSUER_CHARS, MAX_LABEL_CHARS, MAX_URI_BYTES, UriPart};
use kairos_core::{CoreError, Locale, UserFacing};
use proptest::prelude::*;

const SECRET: &str = "JBSWY3DPEHPK3PXP";

fn parsed(text: &str) -> AccountDraft {
    match uri::parse(text) {
        Ok(draft) => draft,
        Err(err) => panic!("{text:?} refused: {}", err.report(Locale::En).one_line()),
    }
}

fn refused(text: &str) -> CoreError {
    match uri::parse(text) {
        Ok(draft) => panic!("{text:?} accepted as {draft:?}"),
        Err(err) => err,
    }
}

fn code_of(text: &str) -> &'static str {
    refused(text).code()
}

fn key() -> Secret {
    Secret::from_base32(SECRET).expect("base32")
}

fn totp(algorithm: Algorithm, digits: u8, period: u32) -> OtpParams {
    OtpParams {
        kind: OtpKind::Totp { period },
        algorithm,
        digits,
    }
}

// ---- What real links look like ----

#[test]
fn reads_the_key_uri_format_examples() {
    let draft =
        parsed("otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example");
    assert_eq!(
        draft,
        AccountDraft {
            issuer: "Example".to_owned(),
            label: "alice@google.com".to_owned(),
            params: OtpParams::default_totp(),
            secret: key(),
        }
    );
    let full = parsed(
        "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ\
         &issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30",
    );
    assert_eq!(
        (full.issuer.as_str(), full.label.as_str()),
        ("ACME Co", "john.doe@email.com")
    );
    assert_eq!(full.secret.len(), 20);
}

#[test]
fn reads_hotp_with_its_counter_and_other_parameters() {
    let draft = parsed(&format!(
        "otpauth://hotp/Corp:bob?secret={SECRET}&counter=42&digits=8&algorithm=SHA512"
    ));
    assert_eq!(
        draft.params,
        OtpParams {
            kind: OtpKind::Hotp { counter: 42 },
            algorithm: Algorithm::Sha512,
            digits: 8,
        }
    );
}

#[test]
fn the_issuer_comes_from_the_parameter_or_else_the_prefix() {
    let prefix_only = parsed(&format!(
        "otpauth://totp/Example:%20%20alice?secret={SECRET}"
    ));
    assert_eq!(
        (prefix_only.issuer.as_str(), prefix_only.label.as_str()),
        ("Example", "alice")
    );

    let parameter_only = parsed(&format!(
        "otpauth://totp/alice?secret={SECRET}&issuer=Example"
    ));
    assert_eq!(
        (
            parameter_only.issuer.as_str(),
            parameter_only.label.as_str()
        ),
        ("Example", "alice")
    );

    // They disagree: the parameter wins, and the prefix does not stay in the name.
    let both = parsed(&format!(
        "otpauth://totp/Old%20Name:alice?secret={SECRET}&issuer=New"
    ));
    assert_eq!(
        (both.issuer.as_str(), both.label.as_str()),
        ("New", "alice")
    );

    // An encoded colon separates too.
    let encoded = parsed(&format!("otpauth://totp/Example%3Aalice?secret={SECRET}"));
    assert_eq!(
        (encoded.issuer.as_str(), encoded.label.as_str()),
        ("Example", "alice")
    );

    let neither = parsed(&format!("otpauth://totp/alice?secret={SECRET}"));
    assert_eq!(
        (neither.issuer.as_str(), neither.label.as_str()),
        ("", "alice")
    );

    let no_label = parsed(&format!("otpauth://totp?secret={SECRET}&issuer=X"));
    assert_eq!(
        (no_label.issuer.as_str(), no_label.label.as_str()),
        ("X", "")
    );
}

#[test]
fn plus_is_a_space_in_the_query_and_a_plus_in_the_path() {
    let query = parsed(&format!("otpauth://totp/a?secret={SECRET}&issuer=ACME+Co"));
    assert_eq!(query.issuer, "ACME Co");
    let encoded = parsed(&format!(
        "otpauth://totp/a?secret={SECRET}&issuer=Disney%2B"
    ));
    assert_eq!(encoded.issuer, "Disney+");
    let path = parsed(&format!(
        "otpauth://totp/Disney+:bob+1@example.com?secret={SECRET}"
    ));
    assert_eq!(
        (path.issuer.as_str(), path.label.as_str()),
        ("Disney+", "bob+1@example.com")
    );
}

#[test]
fn names_may_be_any_utf8() {
    let draft = parsed(&format!(
        "otpauth://totp/%C3%89cole%20%F0%9F%94%91:Zo%C3%AB?secret={SECRET}&issuer=%C3%89cole+%F0%9F%94%91"
    ));
    assert_eq!(
        (draft.issuer.as_str(), draft.label.as_str()),
        ("École 🔑", "Zoë")
    );
}

#[test]
fn secrets_as_people_write_them() {
    for secret in [
        "jbswy3dpehpk3pxp",
        "JBSW%20Y3DP%20EHPK%203PXP",
        "jbsw+y3dp+ehpk+3pxp",
        "JBSWY3DPEHPK3PXP%3D%3D%3D%3D",
        "JBSWY3DPEHPK3PXP====",
    ] {
        assert_eq!(
            parsed(&format!("otpauth://totp/a?secret={secret}")).secret,
            key(),
            "{secret}"
        );
    }
}

#[test]
fn algorithm_names_in_any_case() {
    for (name, algorithm) in [
        ("sha1", Algorithm::Sha1),
        ("Sha256", Algorithm::Sha256),
        ("SHA-256", Algorithm::Sha256),
        ("sha512", Algorithm::Sha512),
    ] {
        let draft = parsed(&format!(
            "otpauth://totp/a?secret={SECRET}&algorithm={name}"
        ));
        assert_eq!(draft.params.algorithm, algorithm, "{name}");
    }
}

#[test]
fn loose_but_harmless_input_is_accepted() {
    // Scheme and type in capitals, stray white space, unknown (even badly
    // encoded) parameters, capitalised parameter names, empty values,
    // repeated parameters (the first wins), a '#' that is part of the name.
    let draft = parsed(&format!(
        "  OTPAUTH://TOTP/Team%20#1:alice?image=%zz&color=red&Secret={SECRET}&digits=&period=\
         &period=60&period=90&issuer=\n"
    ));
    assert_eq!(draft.issuer, "Team #1");
    assert_eq!(draft.label, "alice");
    assert_eq!(draft.params, totp(Algorithm::Sha1, 6, 60));
    assert_eq!(draft.secret, key());

    let slash = parsed(&format!("otpauth://totp/Corp:team/alice?secret={SECRET}"));
    assert_eq!(slash.label, "team/alice");
}

#[test]
fn steam_is_read_from_its_encoder_or_its_type() {
    for text in [
        format!("otpauth://totp/Steam:alice?secret={SECRET}&issuer=Steam&encoder=steam"),
        format!(
            "otpauth://totp/Steam:alice?secret={SECRET}&encoder=STEAM&digits=6&algorithm=SHA512&period=60"
        ),
        format!("otpauth://steam/Steam:alice?secret={SECRET}"),
    ] {
        let draft = parsed(&text);
        assert_eq!(draft.params, OtpParams::steam(), "{text}");
        assert_eq!(
            (draft.issuer.as_str(), draft.label.as_str()),
            ("Steam", "alice")
        );
    }
    // Not guessed from the issuer; and no counter-based Steam.
    assert_eq!(
        code_of(&format!(
            "otpauth://totp/Steam:alice?secret={SECRET}&digits=5"
        )),
        "uri.digits"
    );
    let hotp = parsed(&format!(
        "otpauth://hotp/a?secret={SECRET}&counter=1&encoder=steam"
    ));
    assert_eq!(hotp.params.kind, OtpKind::Hotp { counter: 1 });
}

// ---- Every malformed input, with its own code ----

#[test]
fn refuses_other_schemes() {
    for text in [
        "",
        "https://example.com/?secret=JBSWY3DPEHPK3PXP",
        "otpauth:/totp/a?secret=JBSWY3DPEHPK3PXP",
        "otpauth:totp/a?secret=JBSWY3DPEHPK3PXP",
        "otpauth",
        "JBSWY3DPEHPK3PXP",
        "otpauthé://totp/a",
        "éééééé",
    ] {
        assert_eq!(code_of(text), "uri.scheme", "{text:?}");
    }
}

#[test]
fn refuses_a_missing_or_empty_secret() {
    for query in [
        "",
        "?issuer=A",
        "?secret=",
        "?secret=%20%20",
        "?secret====",
        "?secret=--",
    ] {
        assert_eq!(
            code_of(&format!("otpauth://totp/a{query}")),
            "uri.secret_missing",
            "{query}"
        );
    }
}

#[test]
fn refuses_a_secret_that_is_not_base32_and_says_where() {
    assert!(matches!(
        refused("otpauth://totp/a?secret=JBSW1Y3DP"),
        CoreError::UriSecretInvalid {
            position: 5,
            character: '1'
        }
    ));
    // Positions count the secret as written, spaces included.
    assert!(matches!(
        refused("otpauth://totp/a?secret=JBSW%20Y3D0"),
        CoreError::UriSecretInvalid {
            position: 9,
            character: '0'
        }
    ));
    assert!(matches!(
        refused("otpauth://totp/a?secret=%C3%A9"),
        CoreError::UriSecretInvalid {
            position: 1,
            character: 'é'
        }
    ));
    let message = refused("otpauth://totp/a?secret=JBSW1Y3DP").message(Locale::En);
    assert!(
        message.contains("“1”") && message.contains('5'),
        "{message}"
    );
}

#[test]
fn refuses_unknown_types() {
    for kind in ["motp", "", "totp2", "TOTP%20"] {
        let text = format!("otpauth://{kind}/a?secret={SECRET}");
        assert_eq!(code_of(&text), "uri.type", "{text}");
    }
    assert!(matches!(refused("otpauth://yubi/a"), CoreError::UriType { found } if found == "yubi"));
}

#[test]
fn refuses_unknown_algorithms() {
    for name in ["MD5", "SHA3-256", "SHA224", "sha"] {
        let text = format!("otpauth://totp/a?secret={SECRET}&algorithm={name}");
        assert_eq!(code_of(&text), "uri.algorithm", "{text}");
    }
}

#[test]
fn refuses_digits_out_of_range() {
    for digits in ["5", "11", "0", "six", "-6", "+6", "256", "6.0"] {
        let text = format!("otpauth://totp/a?secret={SECRET}&digits={digits}");
        assert_eq!(code_of(&text), "uri.digits", "{text}");
    }
    for digits in ["6", "10", "08"] {
        assert!(
            uri::parse(&format!(
                "otpauth://hotp/a?secret={SECRET}&counter=0&digits={digits}"
            ))
            .is_ok()
        );
    }
}

#[test]
fn refuses_a_zero_or_non_numeric_period() {
    for period in ["0", "thirty", "-30", "+30", "1.5", "4294967296", "30s"] {
        let text = format!("otpauth://totp/a?secret={SECRET}&period={period}");
        assert_eq!(code_of(&text), "uri.period", "{text}");
    }
    assert_eq!(
        parsed(&format!("otpauth://totp/a?secret={SECRET}&period=1")).params,
        totp(Algorithm::Sha1, 6, 1)
    );
}

#[test]
fn refuses_hotp_without_a_usable_counter() {
    for query in ["", "&counter=", "&count=3"] {
        let text = format!("otpauth://hotp/a?secret={SECRET}{query}");
        assert_eq!(code_of(&text), "uri.counter_missing", "{text}");
    }
    for counter in ["abc", "-1", "+1", "18446744073709551616", "1e3"] {
        let text = format!("otpauth://hotp/a?secret={SECRET}&counter={counter}");
        assert_eq!(code_of(&text), "uri.counter_invalid", "{text}");
    }
    let last = parsed(&format!(
        "otpauth://hotp/a?secret={SECRET}&counter=18446744073709551615"
    ));
    assert_eq!(last.params.kind, OtpKind::Hotp { counter: u64::MAX });
}

#[test]
fn refuses_bad_percent_encoding_or_utf8_and_names_the_part() {
    for (text, part) in [
        (
            format!("otpauth://totp/a%zz?secret={SECRET}"),
            UriPart::Label,
        ),
        (
            format!("otpauth://totp/a%4?secret={SECRET}"),
            UriPart::Label,
        ),
        (
            format!("otpauth://totp/caf%E9?secret={SECRET}"),
            UriPart::Label,
        ),
        (
            format!("otpauth://totp/a?secret={SECRET}&issuer=caf%E9"),
            UriPart::Issuer,
        ),
        (
            format!("otpauth://totp/a?secret={SECRET}&issuer=100%"),
            UriPart::Issuer,
        ),
        ("otpauth://totp/a?secret=JBSW%".to_owned(), UriPart::Secret),
        (
            "otpauth://totp/a?secret=JBSW%FF".to_owned(),
            UriPart::Secret,
        ),
        (
            format!("otpauth://totp/a?secret={SECRET}&digits=%3"),
            UriPart::Link,
        ),
    ] {
        match uri::parse(&text) {
            Err(CoreError::UriEncoding { part: got }) => assert_eq!(got, part, "{text}"),
            other => panic!("{text}: {other:?}"),
        }
    }
}

#[test]
fn refuses_absurd_lengths() {
    let long_link = format!(
        "otpauth://totp/a?secret={SECRET}&x={}",
        "a".repeat(MAX_URI_BYTES)
    );
    assert!(matches!(
        refused(&long_link),
        CoreError::UriTooLong {
            part: UriPart::Link,
            limit: MAX_URI_BYTES
        }
    ));
    let long_issuer = format!(
        "otpauth://totp/a?secret={SECRET}&issuer={}",
        "é".repeat(MAX_ISSUER_CHARS + 1)
    );
    assert!(matches!(
        refused(&long_issuer),
        CoreError::UriTooLong {
            part: UriPart::Issuer,
            ..
        }
    ));
    let long_prefix = format!(
        "otpauth://totp/{}:a?secret={SECRET}",
        "i".repeat(MAX_ISSUER_CHARS + 1)
    );
    assert!(matches!(
        refused(&long_prefix),
        CoreError::UriTooLong {
            part: UriPart::Issuer,
            ..
        }
    ));
    let long_label = format!(
        "otpauth://totp/{}?secret={SECRET}",
        "l".repeat(MAX_LABEL_CHARS + 1)
    );
    assert!(matches!(
        refused(&long_label),
        CoreError::UriTooLong {
            part: UriPart::Label,
            ..
        }
    ));
    let long_secret = format!("otpauth://totp/a?secret={}", "A".repeat(420));
    assert!(matches!(
        refused(&long_secret),
        CoreError::UriTooLong {
            part: UriPart::Secret,
            ..
        }
    ));

    // Exactly at the limits is fine.
    let at_limits = format!(
        "otpauth://totp/{}:{}?secret={SECRET}",
        "i".repeat(MAX_ISSUER_CHARS),
        "l".repeat(MAX_LABEL_CHARS)
    );
    assert!(uri::parse(&at_limits).is_ok());
}

#[test]
fn every_refusal_speaks_both_languages() {
    let samples = [
        "https://x".to_owned(),
        "otpauth://totp/a".to_owned(),
        "otpauth://totp/a?secret=AB1".to_owned(),
        format!("otpauth://x/a?secret={SECRET}"),
        format!("otpauth://totp/a?secret={SECRET}&algorithm=MD5"),
        format!("otpauth://totp/a?secret={SECRET}&digits=4"),
        format!("otpauth://totp/a?secret={SECRET}&period=0"),
        format!("otpauth://hotp/a?secret={SECRET}"),
        format!("otpauth://hotp/a?secret={SECRET}&counter=x"),
        format!("otpauth://totp/%zz?secret={SECRET}"),
        format!(
            "otpauth://totp/{}?secret={SECRET}",
            "l".repeat(MAX_LABEL_CHARS + 1)
        ),
        "a".repeat(MAX_URI_BYTES + 1),
    ];
    let mut codes = Vec::new();
    for text in &samples {
        let err = refused(text);
        let (en, fr) = (err.report(Locale::En), err.report(Locale::Fr));
        assert_eq!(en.code, fr.code);
        assert_ne!(en.message, fr.message, "{} is not translated", en.code);
        assert!(
            en.hint.is_some() && fr.hint.is_some(),
            "{} has no hint",
            en.code
        );
        assert_ne!(en.hint, fr.hint, "{} hint is not translated", en.code);
        codes.push(en.code);
    }
    assert_eq!(
        codes,
        [
            "uri.scheme",
            "uri.secret_missing",
            "uri.secret_invalid",
            "uri.type",
            "uri.algorithm",
            "uri.digits",
            "uri.period",
            "uri.counter_missing",
            "uri.counter_invalid",
            "uri.encoding",
            "uri.too_long",
            "uri.too_long",
        ]
    );
}

// ---- Rendering ----

fn draft(issuer: &str, label: &str, params: OtpParams) -> AccountDraft {
    AccountDraft {
        issuer: issuer.to_owned(),
        label: label.to_owned(),
        params,
        secret: key(),
    }
}

#[test]
fn renders_the_canonical_form() {
    let cases = [
        (
            draft("ACME Co", "alice@example.com", OtpParams::default_totp()),
            "otpauth://totp/ACME%20Co:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30",
        ),
        (
            draft(
                "",
                "bob",
                OtpParams {
                    kind: OtpKind::Hotp { counter: 7 },
                    algorithm: Algorithm::Sha256,
                    digits: 8,
                },
            ),
            "otpauth://hotp/bob?secret=JBSWY3DPEHPK3PXP&algorithm=SHA256&digits=8&counter=7",
        ),
        (
            draft("Steam", "alice", OtpParams::steam()),
            "otpauth://totp/Steam:alice?secret=JBSWY3DPEHPK3PXP&issuer=Steam&algorithm=SHA1&digits=5&period=30&encoder=steam",
        ),
        (
            draft("AWS Cognito: pool", "carol", totp(Algorithm::Sha1, 6, 30)),
            "otpauth://totp/carol?secret=JBSWY3DPEHPK3PXP&issuer=AWS%20Cognito%3A%20pool&algorithm=SHA1&digits=6&period=30",
        ),
        (
            draft("", "a:b", totp(Algorithm::Sha512, 10, 60)),
            "otpauth://totp/:a%3Ab?secret=JBSWY3DPEHPK3PXP&algorithm=SHA512&digits=10&period=60",
        ),
        (
            draft("Éc+le/1", "Zoë & co", OtpParams::default_totp()),
            "otpauth://totp/%C3%89c%2Ble%2F1:Zo%C3%AB%20%26%20co?secret=JBSWY3DPEHPK3PXP&issuer=%C3%89c%2Ble%2F1&algorithm=SHA1&digits=6&period=30",
        ),
    ];
    for (account, expected) in cases {
        let rendered = uri::render(&account);
        assert_eq!(rendered.as_str(), expected);
        assert_eq!(uri::parse(&rendered).ok(), Some(account), "{expected}");
    }
}

#[test]
fn secrets_render_upper_case_and_unpadded() {
    let account = parsed("otpauth://totp/a?secret=mfrgg%3D%3D%3D");
    assert_eq!(
        uri::render(&account).as_str(),
        "otpauth://totp/a?secret=MFRGG&algorithm=SHA1&digits=6&period=30"
    );
}

/// The longest canonical URI of a draft within every limit still parses:
/// the URI limit leaves room for names of 4-byte characters, each written
/// as 12 bytes, the issuer twice.
#[test]
fn the_longest_draft_still_fits() {
    let account = AccountDraft {
        issuer: "🔑".repeat(MAX_ISSUER_CHARS),
        label: "🔑".repeat(MAX_LABEL_CHARS),
        params: OtpParams {
            kind: OtpKind::Hotp { counter: u64::MAX },
            algorithm: Algorithm::Sha512,
            digits: 10,
        },
        secret: Secret::from_bytes(vec![0xa5; kairos_core::otp::MAX_SECRET_BYTES]).expect("secret"),
    };
    let rendered = uri::render(&account);
    assert!(rendered.len() <= MAX_URI_BYTES, "{} bytes", rendered.len());
    assert_eq!(uri::parse(&rendered).ok(), Some(account));
}

// ---- Properties ----

/// A name as a person would give it: any characters, without white space at
/// either end (which parsing drops as insignificant).
fn name(max_chars: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..=max_chars)
        .prop_map(|chars| chars.into_iter().collect::<String>())
        .prop_filter("trimmed", |text| text.trim() == text)
}

fn params() -> impl Strategy<Value = OtpParams> {
    let algorithm = prop::sample::select(Algorithm::ALL.to_vec());
    prop_oneof![
        (algorithm.clone(), 6u8..=10, 1u32..=u32::MAX).prop_map(|(a, d, p)| totp(a, d, p)),
        (algorithm, 6u8..=10, any::<u64>()).prop_map(|(a, d, counter)| OtpParams {
            kind: OtpKind::Hotp { counter },
            algorithm: a,
            digits: d,
        }),
        Just(OtpParams::steam()),
    ]
}

fn drafts() -> impl Strategy<Value = AccountDraft> {
    // Colons are frequent in the names so that the prefix rules get exercised.
    let with_colons = |max| {
        prop_oneof![
            name(max),
            name(max).prop_map(|n| format!("{n}:{n}").trim().to_owned())
        ]
    };
    (
        with_colons(24),
        with_colons(40),
        params(),
        prop::collection::vec(any::<u8>(), 1..=80),
    )
        .prop_map(|(issuer, label, params, secret)| AccountDraft {
            issuer,
            label,
            params,
            secret: Secret::from_bytes(secret).expect("1 to 80 bytes"),
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parse_of_render_is_the_draft(account in drafts()) {
        let rendered = uri::render(&account);
        prop_assert!(rendered.is_ascii() && !rendered.contains(' '));
        let back = uri::parse(&rendered);
        prop_assert_eq!(back.ok(), Some(account), "{}", rendered.as_str());
    }

    #[test]
    fn parse_never_panics_on_any_text(text in any::<String>()) {
        let _ = uri::parse(&text);
    }

    #[test]
    fn parse_never_panics_on_near_misses(
        pieces in prop::collection::vec(
            prop_oneof![
                Just("otpauth://"), Just("totp"), Just("hotp"), Just("steam"), Just("/"),
                Just(":"), Just("?"), Just("&"), Just("="), Just("%"), Just("%C3"), Just("%A9"),
                Just("%FF"), Just("+"), Just("#"), Just("secret"), Just("JBSWY3DP"), Just("issuer"),
                Just("digits"), Just("period"), Just("counter"), Just("algorithm"), Just("encoder"),
                Just("0"), Just("6"), Just("99999999999999999999"), Just("SHA256"), Just("é"), Just(" "),
            ],
            0..30,
        )
    ) {
        let _ = uri::parse(&pieces.concat());
    }
}
