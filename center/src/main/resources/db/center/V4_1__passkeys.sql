-- Passkeys (WebAuthn) for owner verification: the phone's platform authenticator signs a challenge;
-- the center keeps only the public key (attested credential data) and the signature counter.
-- Biometrics never leave the phone.
CREATE TABLE wallet_passkeys (
    credential_id             TEXT PRIMARY KEY,
    wallet_id                 TEXT NOT NULL REFERENCES wallets (id),
    attested_credential_data  BYTEA NOT NULL,
    sign_count                BIGINT NOT NULL CHECK (sign_count >= 0),
    user_verified             BOOLEAN NOT NULL,
    backup_eligible           BOOLEAN NOT NULL,
    backup_state              BOOLEAN NOT NULL,
    created_at                TIMESTAMPTZ NOT NULL,
    last_used_at              TIMESTAMPTZ
);
CREATE INDEX wallet_passkeys_wallet ON wallet_passkeys (wallet_id);

-- One challenge per ceremony, used once, short-lived.
CREATE TABLE passkey_challenges (
    id         TEXT PRIMARY KEY,
    wallet_id  TEXT NOT NULL REFERENCES wallets (id),
    purpose    TEXT NOT NULL CHECK (purpose IN ('REGISTER', 'VERIFY')),
    request_id TEXT,
    challenge  BYTEA NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);
