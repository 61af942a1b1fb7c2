//! Codes against published vectors, and how they move with time.

use kairos_core::UserFacing;
use kairos_core::otp::{Algorithm, OtpCode, OtpKind, OtpParams, Secret, code_at, next_code};
use proptest::prelude::*;

fn secret(bytes: &[u8]) -> Secret {
    Secret::from_bytes(bytes.to_vec()).expect("a valid secret")
}

fn totp(algorithm: Algorithm, digits: u8, period: u32) -> OtpParams {
    OtpParams {
        kind: OtpKind::Totp { period },
        algorithm,
        digits,
    }
}

fn hotp(counter: u64, digits: u8) -> OtpParams {
    OtpParams {
        kind: OtpKind::Hotp { counter },
        algorithm: Algorithm::Sha1,
        digits,
    }
}

fn value(params: &OtpParams, secret: &Secret, unix_seconds: u64) -> String {
    code_at(params, secret, unix_seconds)
        .expect("valid parameters")
        .value
}

/// RFC 4226 Appendix D: HOTP values for counters 0 to 9.
#[test]
fn rfc_4226_appendix_d() {
    let key = secret(b"12345678901234567890");
    let expected = [
        "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
        "520489",
    ];
    for (counter, code) in (0u64..).zip(expected) {
        // Time is irrelevant to HOTP: any instant gives the stored counter's code.
        let got = code_at(&hotp(counter, 6), &key, 1_700_000_000).expect("valid");
        assert_eq!(got.value, code, "counter {counter}");
        assert_eq!(got.counter, counter);
        assert_eq!((got.valid_from, got.remaining_seconds), (None, None));
    }
}

/// RFC 6238 Appendix B: 8-digit TOTP, 30 s, with each algorithm's seed.
#[test]
fn rfc_6238_appendix_b() {
    let sha1 = secret(b"12345678901234567890");
    let sha256 = secret(b"12345678901234567890123456789012");
    let sha512 = secret(b"1234567890123456789012345678901234567890123456789012345678901234");
    let table: [(u64, [&str; 3]); 6] = [
        (59, ["94287082", "46119246", "90693936"]),
        (1111111109, ["07081804", "68084774", "25091201"]),
        (1111111111, ["14050471", "67062674", "99943326"]),
        (1234567890, ["89005924", "91819424", "93441116"]),
        (2000000000, ["69279037", "90698825", "38618901"]),
        (20000000000, ["65353130", "77737706", "47863826"]),
    ];
    for (time, [code1, code256, code512]) in table {
        assert_eq!(
            value(&totp(Algorithm::Sha1, 8, 30), &sha1, time),
            code1,
            "SHA1 at {time}"
        );
        assert_eq!(
            value(&totp(Algorithm::Sha256, 8, 30), &sha256, time),
            code256,
            "SHA256 at {time}"
        );
        assert_eq!(
            value(&totp(Algorithm::Sha512, 8, 30), &sha512, time),
            code512,
            "SHA512 at {time}"
        );
    }
}

/// Derived twice, independently of this code: by hand in Python (`hmac`,
/// `hashlib.sha1`, then `n % 26` five times over Steam's alphabet) and with
/// the `steam` package's `generate_twofactor_code_for_time` (PyPI, 1.4.4);
/// both gave these values for the key `JBSWY3DPEHPK3PXP`.
#[test]
fn steam_guard_codes() {
    let key = Secret::from_base32("JBSWY3DPEHPK3PXP").expect("base32");
    for (time, code) in [
        (0, "VH8YJ"),
        (59, "2YXGV"),
        (1_700_000_000, "2KM2P"),
        (2_000_000_000, "HNCVQ"),
    ] {
        let got = code_at(&OtpParams::steam(), &key, time).expect("valid");
        assert_eq!(got.value, code, "at {time}");
        assert_eq!(got.counter, time / 30);
    }
}

/// Real services hand out 80-bit (10-byte) secrets, below RFC 4226's 128 bits.
/// Values from Python's `hmac` module.
#[test]
fn an_80_bit_secret_works() {
    let key = Secret::from_base32("JBSWY3DPEHPK3PXP").expect("base32");
    assert_eq!(key.len(), 10);
    let usual = OtpParams::default_totp();
    assert_eq!(value(&usual, &key, 59), "996554");
    assert_eq!(value(&usual, &key, 1_700_000_000), "324550");
}

/// 10 digits is the whole 31-bit number, zero-padded; values from Python.
#[test]
fn ten_digit_codes() {
    let rfc = secret(b"12345678901234567890");
    assert_eq!(
        value(&totp(Algorithm::Sha1, 10, 30), &rfc, 59),
        "1094287082"
    );
    let key = Secret::from_base32("JBSWY3DPEHPK3PXP").expect("base32");
    assert_eq!(
        value(&totp(Algorithm::Sha512, 10, 30), &key, 1_700_000_000),
        "0514045688"
    );
}

#[test]
fn a_one_second_period_is_a_period_like_any_other() {
    let key = Secret::from_base32("JBSWY3DPEHPK3PXP").expect("base32");
    let got = code_at(&totp(Algorithm::Sha256, 7, 1), &key, 1_700_000_000).expect("valid");
    assert_eq!(
        got,
        OtpCode {
            value: "1535978".to_owned(),
            counter: 1_700_000_000,
            valid_from: Some(1_700_000_000),
            remaining_seconds: Some(1),
        }
    );
}

#[test]
fn a_code_says_when_it_started_and_how_long_it_has_left() {
    let key = secret(b"12345678901234567890");
    let got = code_at(&totp(Algorithm::Sha1, 8, 30), &key, 59).expect("valid");
    assert_eq!(
        got,
        OtpCode {
            value: "94287082".to_owned(),
            counter: 1,
            valid_from: Some(30),
            remaining_seconds: Some(1),
        }
    );
}

#[test]
fn the_next_code_is_the_following_period_or_counter() {
    let key = secret(b"12345678901234567890");
    let params = totp(Algorithm::Sha1, 8, 30);
    let next = next_code(&params, &key, 1111111109).expect("valid");
    let later = code_at(&params, &key, 1111111110).expect("valid");
    assert_eq!(next.as_ref().map(|c| &c.value), Some(&later.value));
    assert_eq!(next.as_ref().map(|c| c.counter), Some(later.counter));
    assert_eq!(next.as_ref().and_then(|c| c.valid_from), Some(1111111110));
    // Counted from the instant asked: 1 s of the current period, then 30.
    assert_eq!(next.and_then(|c| c.remaining_seconds), Some(31));

    let next_hotp = next_code(&hotp(4, 6), &key, 0).expect("valid");
    assert_eq!(next_hotp.map(|c| c.value), Some("254676".to_owned()));
}

#[test]
fn there_is_no_next_code_at_the_end_of_the_counter_or_of_time() {
    let key = secret(b"12345678901234567890");
    assert_eq!(next_code(&hotp(u64::MAX, 6), &key, 0).ok(), Some(None));
    assert_eq!(
        next_code(&totp(Algorithm::Sha1, 6, 1), &key, u64::MAX).ok(),
        Some(None)
    );
    // The current code at the end of time is still there.
    assert!(code_at(&totp(Algorithm::Sha1, 6, 1), &key, u64::MAX).is_ok());
    assert!(code_at(&totp(Algorithm::Sha1, 6, u32::MAX), &key, u64::MAX).is_ok());
}

#[test]
fn impossible_parameters_are_errors_not_panics() {
    let key = secret(b"12345678901234567890");
    let code = |params: OtpParams| code_at(&params, &key, 59).err().map(|e| e.code());
    assert_eq!(code(totp(Algorithm::Sha1, 6, 0)), Some("otp.period"));
    assert_eq!(code(totp(Algorithm::Sha1, 5, 30)), Some("otp.digits"));
    assert_eq!(code(totp(Algorithm::Sha1, 11, 30)), Some("otp.digits"));
    assert_eq!(code(totp(Algorithm::Sha1, 0, 30)), Some("otp.digits"));
    assert_eq!(code(hotp(0, 255)), Some("otp.digits"));
    let steam_with_six = OtpParams {
        digits: 6,
        ..OtpParams::steam()
    };
    assert_eq!(code(steam_with_six), Some("otp.digits"));
    assert_eq!(
        next_code(&totp(Algorithm::Sha1, 6, 0), &key, 59)
            .err()
            .map(|e| e.code()),
        Some("otp.period")
    );
}

#[test]
fn codes_serialise_for_the_window() {
    let key = secret(b"12345678901234567890");
    let got = code_at(&totp(Algorithm::Sha1, 8, 30), &key, 59).expect("valid");
    assert_eq!(
        serde_json::to_value(got).ok(),
        Some(serde_json::json!({
            "value": "94287082",
            "counter": 1,
            "validFrom": 30,
            "remainingSeconds": 1,
        }))
    );
}

/// Two different periods give different codes for nearly every key: a
/// collision has a 1 in 10^6 chance for 6 digits. Over fixed keys the result
/// is deterministic; the margin only says a collision would be legitimate.
#[test]
fn codes_change_from_one_period_to_the_next() {
    let mut changed = 0;
    for key_index in 0..500u32 {
        let key = secret(&key_index.to_be_bytes().repeat(5));
        for algorithm in Algorithm::ALL {
            let params = totp(algorithm, 6, 30);
            if value(&params, &key, 1_700_000_000) != value(&params, &key, 1_700_000_030) {
                changed += 1;
            }
        }
    }
    assert!(changed >= 1495, "only {changed} of 1500 codes changed");
}

fn any_params() -> impl Strategy<Value = OtpParams> {
    let algorithm = prop::sample::select(Algorithm::ALL.to_vec());
    prop_oneof![
        (algorithm.clone(), 6u8..=10, 1u32..=600).prop_map(|(a, d, p)| totp(a, d, p)),
        Just(OtpParams::steam()),
        (algorithm, 6u8..=10).prop_map(|(a, d)| OtpParams {
            kind: OtpKind::Totp { period: 30 },
            algorithm: a,
            digits: d
        }),
    ]
}

proptest! {
    /// Every instant of a period gives that period's code, with a matching
    /// countdown; the instant after it starts the next counter.
    #[test]
    fn codes_are_stable_within_a_period(
        key in prop::collection::vec(any::<u8>(), 1..=64),
        params in any_params(),
        time in 0u64..=4_000_000_000_000,
        offset in any::<u32>(),
    ) {
        let key = secret(&key);
        let now = code_at(&params, &key, time).expect("valid");
        let period = u64::from(params.period().expect("time-based"));
        let start = now.valid_from.expect("time-based");
        prop_assert_eq!(start, time - time % period);
        prop_assert_eq!(now.remaining_seconds, Some(start + period - time));
        prop_assert_eq!(now.counter, time / period);

        let elsewhere = start + u64::from(offset) % period;
        let same = code_at(&params, &key, elsewhere).expect("valid");
        prop_assert_eq!(&same.value, &now.value);
        prop_assert_eq!(same.counter, now.counter);
        prop_assert_eq!(same.valid_from, now.valid_from);

        let next = code_at(&params, &key, start + period).expect("valid");
        prop_assert_eq!(next.counter, now.counter + 1);
        prop_assert_eq!(Some(next), next_code(&params, &key, time).expect("valid").map(|c| OtpCode {
            remaining_seconds: Some(period),
            ..c
        }));
        prop_assert_eq!(now.value.len(), usize::from(params.digits));
    }
}
