//! SRP-6a as Cognito's USER_SRP_AUTH uses it: the RFC 3526 3072-bit group with
//! g = 2, SHA-256, and numbers hashed in their minimal signed big-endian form
//! (Java's `BigInteger.toByteArray`: a leading 0x00 when the top bit is set),
//! which is what Cognito's server does, rather than RFC 5054's pad-to-N.

use std::sync::LazyLock;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit as _, Mac as _};
use num_bigint::BigUint;
use sha2::{Digest as _, Sha256};
use zeroize::Zeroizing;

use super::SigninError;

const N_HEX: &[u8] = b"FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD\
EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED\
EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F\
83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B\
E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510\
15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7\
ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C\
BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";

const DERIVED_KEY_INFO: &[u8] = b"Caldera Derived Key";

/// Bytes of randomness for `a`, as Cognito's own SDKs draw it.
pub const PRIVATE_VALUE_BYTES: usize = 128;

struct Group {
    n: BigUint,
    g: BigUint,
    /// k = H(N | g)
    k: BigUint,
}

static GROUP: LazyLock<Group> = LazyLock::new(|| {
    let n = BigUint::parse_bytes(N_HEX, 16)
        .unwrap_or_else(|| unreachable!("the group prime is valid hex"));
    let g = BigUint::from(2u8);
    let k = hash_int(&[&signed_bytes(&n), &signed_bytes(&g)]);
    Group { n, g, k }
});

/// Java `BigInteger.toByteArray` of a non-negative number.
fn signed_bytes(value: &BigUint) -> Vec<u8> {
    let bytes = value.to_bytes_be();
    if bytes[0] & 0x80 != 0 {
        let mut padded = Vec::with_capacity(bytes.len() + 1);
        padded.push(0);
        padded.extend_from_slice(&bytes);
        padded
    } else {
        bytes
    }
}

fn hash_int(parts: &[&[u8]]) -> BigUint {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    BigUint::from_bytes_be(&hasher.finalize())
}

fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256>>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

fn is_zero(value: &BigUint) -> bool {
    value.bits() == 0
}

/// Hex as Cognito sends it (any case, possibly odd length) to bytes.
fn hex_bytes(text: &str, field: &'static str) -> Result<Vec<u8>, SigninError> {
    let bad = || SigninError::MalformedChallenge { field };
    if text.is_empty() || !text.is_ascii() {
        return Err(bad());
    }
    let padded = if text.len() % 2 == 1 {
        format!("0{text}")
    } else {
        text.to_owned()
    };
    padded
        .as_bytes()
        .chunks(2)
        .map(|pair| {
            std::str::from_utf8(pair)
                .ok()
                .and_then(|digits| u8::from_str_radix(digits, 16).ok())
                .ok_or_else(bad)
        })
        .collect()
}

/// The PASSWORD_VERIFIER challenge's parameters, as Cognito sent them.
#[derive(Debug, Clone)]
pub struct PasswordVerifier<'a> {
    /// USER_ID_FOR_SRP: the pool's user name (not an alias the user typed).
    pub user_id_for_srp: &'a str,
    /// SALT, hex.
    pub salt_hex: &'a str,
    /// SRP_B, hex.
    pub srp_b_hex: &'a str,
    /// SECRET_BLOCK, Base64, returned unchanged in the answer.
    pub secret_block: &'a str,
}

/// The answer's proof; the caller sends it with the secret block and timestamp.
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordClaim {
    /// PASSWORD_CLAIM_SIGNATURE, Base64.
    pub signature: String,
}

impl std::fmt::Debug for PasswordClaim {
    // The signature proves the password for this challenge; keep it out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordClaim(<redacted>)")
    }
}

/// The intermediate values of one answer, for known-answer tests.
#[derive(Clone, PartialEq, Eq)]
pub struct SrpTrace {
    pub u: BigUint,
    pub x: BigUint,
    pub s: BigUint,
    pub key: [u8; 16],
    pub claim: PasswordClaim,
}

impl std::fmt::Debug for SrpTrace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SrpTrace(<redacted>)")
    }
}

/// One sign-in attempt's client side: the private `a` and public `A`.
pub struct SrpClient {
    pool_name: String,
    a: Zeroizing<Vec<u8>>,
    big_a: BigUint,
}

impl std::fmt::Debug for SrpClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SrpClient")
            .field("pool_name", &self.pool_name)
            .field("a", &"<redacted>")
            .finish_non_exhaustive()
    }
}

impl SrpClient {
    /// Starts an attempt on `pool_id` (`region_name`) with `private` as the
    /// big-endian bytes of `a`: the caller draws them (128 bytes from a CSPRNG in
    /// the app, fixed bytes in tests).
    pub fn new(pool_id: &str, private: &[u8]) -> Result<Self, SigninError> {
        let pool_name = match pool_id.split_once('_') {
            Some((region, name)) if !region.is_empty() && !name.is_empty() => name.to_owned(),
            _ => {
                return Err(SigninError::BadPoolId {
                    pool_id: pool_id.to_owned(),
                });
            }
        };
        let group = &*GROUP;
        let a = BigUint::from_bytes_be(private) % &group.n;
        if is_zero(&a) {
            return Err(SigninError::BadPrivateValue);
        }
        let big_a = group.g.modpow(&a, &group.n);
        if is_zero(&big_a) {
            return Err(SigninError::BadPrivateValue);
        }
        Ok(SrpClient {
            pool_name,
            a: Zeroizing::new(a.to_bytes_be()),
            big_a,
        })
    }

    /// SRP_A for InitiateAuth, lowercase hex.
    pub fn srp_a_hex(&self) -> String {
        self.big_a.to_str_radix(16)
    }

    /// The PASSWORD_CLAIM_SIGNATURE answering `challenge` with `password`, signed
    /// over `timestamp` (see [`super::cognito_timestamp`]).
    pub fn answer(
        &self,
        challenge: &PasswordVerifier<'_>,
        password: &str,
        timestamp: &str,
    ) -> Result<PasswordClaim, SigninError> {
        Ok(self.trace(challenge, password, timestamp)?.claim)
    }

    /// [`Self::answer`] with every intermediate value.
    pub fn trace(
        &self,
        challenge: &PasswordVerifier<'_>,
        password: &str,
        timestamp: &str,
    ) -> Result<SrpTrace, SigninError> {
        let group = &*GROUP;
        let big_b = BigUint::from_bytes_be(&hex_bytes(challenge.srp_b_hex, "SRP_B")?);
        if is_zero(&(&big_b % &group.n)) {
            return Err(SigninError::BadServerValue { value: "B mod N" });
        }
        let mut salt = hex_bytes(challenge.salt_hex, "SALT")?;
        if salt[0] & 0x80 != 0 {
            salt.insert(0, 0);
        }
        let secret_block = STANDARD
            .decode(challenge.secret_block.trim())
            .map_err(|_| SigninError::MalformedChallenge {
                field: "SECRET_BLOCK",
            })?;

        let u = hash_int(&[&signed_bytes(&self.big_a), &signed_bytes(&big_b)]);
        if is_zero(&u) {
            return Err(SigninError::BadServerValue { value: "u" });
        }
        let identity = Zeroizing::new(
            Sha256::new()
                .chain_update(self.pool_name.as_bytes())
                .chain_update(challenge.user_id_for_srp.as_bytes())
                .chain_update(b":")
                .chain_update(password.as_bytes())
                .finalize()
                .to_vec(),
        );
        let x = hash_int(&[&salt, identity.as_slice()]);

        // S = (B − k·g^x)^(a + u·x) mod N, kept non-negative by adding N.
        let a = BigUint::from_bytes_be(&self.a);
        let kgx = (&group.k * group.g.modpow(&x, &group.n)) % &group.n;
        let base = (&big_b % &group.n + &group.n - kgx) % &group.n;
        let s = base.modpow(&(a + &u * &x), &group.n);

        // HKDF-SHA256 with one output block: extract with salt u, expand with info‖0x01.
        let prk = Zeroizing::new(hmac_sha256(&signed_bytes(&u), &[&signed_bytes(&s)]));
        let okm = Zeroizing::new(hmac_sha256(prk.as_slice(), &[DERIVED_KEY_INFO, &[1]]));
        let mut key = [0u8; 16];
        key.copy_from_slice(&okm[..16]);

        let signature = hmac_sha256(
            &key,
            &[
                self.pool_name.as_bytes(),
                challenge.user_id_for_srp.as_bytes(),
                &secret_block,
                timestamp.as_bytes(),
            ],
        );
        Ok(SrpTrace {
            u,
            x,
            s,
            key,
            claim: PasswordClaim {
                signature: STANDARD.encode(signature),
            },
        })
    }
}
