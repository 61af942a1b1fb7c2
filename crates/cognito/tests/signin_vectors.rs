//! SECRET_HASH and SRP against known answers from an independent Python
//! reference (`tests/fixtures/srp/generate.py`, output committed as
//! `vectors.json`; regenerate with `python3 generate.py > vectors.json`).

use std::time::{Duration, UNIX_EPOCH};

use kairos_cognito::signin::{
    ClientSecret, PasswordVerifier, SigninError, SrpClient, cognito_timestamp, secret_hash,
};
use kairos_core::UserFacing;
use serde_json::Value;

fn vectors() -> Value {
    let text = include_str!("fixtures/srp/vectors.json");
    serde_json::from_str(text).expect("vectors.json is JSON")
}

fn field<'a>(vector: &'a Value, name: &str) -> &'a str {
    vector[name]
        .as_str()
        .unwrap_or_else(|| panic!("vector field {name} missing"))
}

fn hex_to_bytes(hex: &str) -> Vec<u8> {
    let padded = if hex.len() % 2 == 1 {
        format!("0{hex}")
    } else {
        hex.to_owned()
    };
    (0..padded.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&padded[i..i + 2], 16).expect("hex"))
        .collect()
}

#[test]
fn secret_hash_matches_python_hmac() {
    let vectors = vectors();
    let cases = vectors["secret_hash"].as_array().expect("secret_hash list");
    assert!(!cases.is_empty());
    for case in cases {
        let secret = ClientSecret::new(field(case, "client_secret"));
        assert_eq!(
            secret_hash(&secret, field(case, "username"), field(case, "client_id")),
            field(case, "secret_hash"),
        );
    }
}

#[test]
fn client_secret_is_redacted_in_debug() {
    let secret = ClientSecret::new("do-not-print-me");
    let shown = format!("{secret:?}");
    assert!(!shown.contains("do-not-print-me"), "{shown}");
}

#[test]
fn srp_matches_independent_reference() {
    let vectors = vectors();
    let cases = vectors["srp"].as_array().expect("srp list");
    assert!(cases.len() >= 2);
    for case in cases {
        let name = field(case, "name");
        let client = SrpClient::new(field(case, "pool_id"), &hex_to_bytes(field(case, "a_hex")))
            .expect("client");
        assert_eq!(client.srp_a_hex(), field(case, "srp_a_hex"), "A ({name})");
        let challenge = PasswordVerifier {
            user_id_for_srp: field(case, "user_id_for_srp"),
            salt_hex: field(case, "salt_hex"),
            srp_b_hex: field(case, "srp_b_hex"),
            secret_block: field(case, "secret_block"),
        };
        let trace = client
            .trace(
                &challenge,
                field(case, "password"),
                field(case, "timestamp"),
            )
            .expect("answer");
        assert_eq!(trace.u.to_str_radix(16), field(case, "u_hex"), "u ({name})");
        assert_eq!(trace.x.to_str_radix(16), field(case, "x_hex"), "x ({name})");
        assert_eq!(trace.s.to_str_radix(16), field(case, "s_hex"), "S ({name})");
        let key: String = trace.key.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(key, field(case, "key_hex"), "key ({name})");
        assert_eq!(
            trace.claim.signature,
            field(case, "signature"),
            "signature ({name})"
        );
        let claim = client
            .answer(
                &challenge,
                field(case, "password"),
                field(case, "timestamp"),
            )
            .expect("answer");
        assert_eq!(claim, trace.claim);
        // A wrong password must change the proof.
        let wrong = client
            .answer(&challenge, "wrong", field(case, "timestamp"))
            .expect("answer");
        assert_ne!(wrong, trace.claim);
        assert!(!format!("{claim:?}").contains(&claim.signature));
    }
}

const N_HEX: &str = "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";

fn challenge_with_b(srp_b_hex: &str) -> PasswordVerifier<'_> {
    PasswordVerifier {
        user_id_for_srp: "alice",
        salt_hex: "0a0b",
        srp_b_hex,
        secret_block: "AAEC",
    }
}

#[test]
fn server_value_zero_mod_n_is_refused() {
    let client = SrpClient::new("eu-west-3_Pool", &[7; 128]).expect("client");
    // B = N and B = 0 (as Cognito would write it, and zero-padded).
    for b in [N_HEX, "0", "000"] {
        let err = client
            .answer(&challenge_with_b(b), "pw", "Sun Dec 6 05:40:12 UTC 2026")
            .expect_err("B ≡ 0 must be refused");
        assert_eq!(err, SigninError::BadServerValue { value: "B mod N" });
        assert_eq!(err.code(), "cognito.srp_bad_server_value");
    }
}

#[test]
fn malformed_challenge_fields_are_refused() {
    let client = SrpClient::new("eu-west-3_Pool", &[7; 128]).expect("client");
    let err = client
        .answer(&challenge_with_b("xyz"), "pw", "t")
        .expect_err("bad hex");
    assert_eq!(err.code(), "cognito.srp_malformed_challenge");
    let mut challenge = challenge_with_b("05");
    challenge.secret_block = "not base64!";
    let err = client.answer(&challenge, "pw", "t").expect_err("bad b64");
    assert_eq!(
        err,
        SigninError::MalformedChallenge {
            field: "SECRET_BLOCK"
        }
    );
}

#[test]
fn bad_pool_id_and_zero_private_value_are_refused() {
    for pool in ["nounderscore", "_name", "eu-west-3_"] {
        let err = SrpClient::new(pool, &[1; 128]).expect_err(pool);
        assert_eq!(err.code(), "cognito.bad_pool_id");
    }
    let err = SrpClient::new("eu-west-3_Pool", &[0; 128]).expect_err("a = 0");
    assert_eq!(err, SigninError::BadPrivateValue);
    let n = hex_to_bytes(N_HEX);
    let err = SrpClient::new("eu-west-3_Pool", &n).expect_err("a = N");
    assert_eq!(err, SigninError::BadPrivateValue);
}

#[test]
fn timestamp_has_unpadded_day_and_padded_time() {
    let at = |secs: u64| cognito_timestamp(UNIX_EPOCH + Duration::from_secs(secs)).expect("time");
    // Values checked with `date -u -d @SECS '+%a %b %-d %H:%M:%S UTC %Y'`.
    assert_eq!(at(1_796_535_612), "Sun Dec 6 05:40:12 UTC 2026");
    assert_eq!(at(0), "Thu Jan 1 00:00:00 UTC 1970");
    assert_eq!(at(951_782_400), "Tue Feb 29 00:00:00 UTC 2000");
    assert_eq!(at(1_767_225_599), "Wed Dec 31 23:59:59 UTC 2025");
    assert_eq!(at(4_107_542_400), "Mon Mar 1 00:00:00 UTC 2100");
    let err = cognito_timestamp(UNIX_EPOCH - Duration::from_secs(1)).expect_err("before 1970");
    assert_eq!(err.code(), "cognito.srp_timestamp_out_of_range");
}
