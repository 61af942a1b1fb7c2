-- The first vault schema. Applied once per vault by the embedded migrator
-- (crates/core/src/vault/schema.rs); never edit it after release: its checksum
-- is stored in every vault, so a change needs a new numbered file instead.

-- Facts about the vault itself: `vault_id` (32 hex digits, also the keyring
-- entry's user name), `protection` ('keyring' or 'password'), `key_check`
-- (hex nonce and tag proving an unlock found the right key), `schema_version`.
CREATE TABLE meta (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

-- Where the vault key is kept. A keyring slot only names the entry; a
-- password slot holds the key wrapped under an Argon2id-derived key.
CREATE TABLE key_slots (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('keyring', 'password')),
    keyring_service TEXT,
    keyring_user TEXT,
    kdf_memory_kib INTEGER,
    kdf_iterations INTEGER,
    kdf_parallelism INTEGER,
    kdf_salt BLOB,
    wrap_nonce BLOB,
    wrapped_key BLOB,
    created_at INTEGER NOT NULL,
    CHECK (kind <> 'keyring' OR (keyring_service IS NOT NULL AND keyring_user IS NOT NULL)),
    CHECK (kind <> 'password' OR (kdf_memory_kib IS NOT NULL AND kdf_iterations IS NOT NULL
        AND kdf_parallelism IS NOT NULL AND kdf_salt IS NOT NULL
        AND length(wrap_nonce) = 24 AND wrapped_key IS NOT NULL))
) STRICT;

-- One OTP account. The secret is XChaCha20-Poly1305 ciphertext bound to `uid`
-- (random, never changes), so a ciphertext moved to another row fails to open.
-- AUTOINCREMENT: a deleted account's id is never reused, so an id the window
-- still holds can't silently point at a different account.
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uid BLOB NOT NULL UNIQUE CHECK (length(uid) = 16),
    issuer TEXT NOT NULL,
    label TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('totp', 'hotp', 'steam')),
    algorithm TEXT NOT NULL CHECK (algorithm IN ('SHA1', 'SHA256', 'SHA512')),
    digits INTEGER NOT NULL CHECK (digits BETWEEN 1 AND 10),
    period INTEGER CHECK (period IS NULL OR period > 0),
    counter INTEGER CHECK (counter IS NULL OR counter >= 0),
    secret_nonce BLOB NOT NULL CHECK (length(secret_nonce) = 24),
    secret_ciphertext BLOB NOT NULL,
    pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    position INTEGER NOT NULL,
    color TEXT,
    -- 0 while a Cognito enrolment waits for its first code; `note` says why.
    verified INTEGER NOT NULL DEFAULT 1 CHECK (verified IN (0, 1)),
    note TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK ((kind = 'totp') = (period IS NOT NULL)),
    CHECK ((kind = 'hotp') = (counter IS NOT NULL))
) STRICT;

CREATE INDEX accounts_by_position ON accounts (position, id);

-- Preferences that are not secret (clipboard clearing, idle lock).
CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

INSERT INTO meta (key, value) VALUES ('schema_version', '1');
