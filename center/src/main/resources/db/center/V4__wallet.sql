-- The wallet (seed 001): the phone is the card. Enrolment (Fig. 4), the counter (Fig. 5) and online
-- shops (Fig. 7-8). Card data rules as in V2: a PAN only encrypted (AES-GCM under an HSM key) with its
-- keyed hash beside it, masked for people; no card verification code, ever. PINs of wallets only as
-- salted PBKDF2 hashes; shop API keys and device tokens only as SHA-256 hashes.

-- Wallet payments are journaled like envelope payments (one journal, one issuer path, one recovery).
ALTER TABLE payments DROP CONSTRAINT payments_channel_check;
ALTER TABLE payments ADD CONSTRAINT payments_channel_check CHECK (channel IN ('HTTPS', 'EMAIL', 'WALLET'));

-- Keys the wallet signs with (the code shown at the counter). Shared by every node; made on first start.
CREATE TABLE wallet_secrets (
    name       TEXT PRIMARY KEY,
    secret     BYTEA NOT NULL CHECK (length(secret) >= 32),
    created_at TIMESTAMPTZ NOT NULL
);

-- Fig. 4 S1: the phone number is proved with a one-time code before a wallet is made for it.
CREATE TABLE phone_verifications (
    id          TEXT PRIMARY KEY,
    phone       TEXT NOT NULL,
    email       TEXT NOT NULL,
    code_hash   TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    expires_at  TIMESTAMPTZ NOT NULL,
    verified_at TIMESTAMPTZ,
    used_at     TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX phone_verifications_phone ON phone_verifications (phone, created_at);

-- Fig. 4 S2: database 7, one row per phone number.
CREATE TABLE wallets (
    id             TEXT PRIMARY KEY,
    phone          TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    address        TEXT NOT NULL,
    email          TEXT NOT NULL,
    pin_hash       BYTEA NOT NULL,
    pin_salt       BYTEA NOT NULL,
    pin_iterations INTEGER NOT NULL CHECK (pin_iterations >= 1000),
    pin_failures   INTEGER NOT NULL DEFAULT 0 CHECK (pin_failures >= 0),
    locked_until   TIMESTAMPTZ,
    lock_count     INTEGER NOT NULL DEFAULT 0 CHECK (lock_count >= 0),
    status         TEXT NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE wallet_addresses (
    wallet_id TEXT NOT NULL REFERENCES wallets (id),
    position  SMALLINT NOT NULL CHECK (position >= 0),
    label     TEXT NOT NULL,
    address   TEXT NOT NULL,
    PRIMARY KEY (wallet_id, position)
);

-- Cards on file: each was verified with its issuer (a zero-amount 0100) before it was stored.
CREATE TABLE wallet_cards (
    id                TEXT PRIMARY KEY,
    wallet_id         TEXT NOT NULL REFERENCES wallets (id),
    position          SMALLINT NOT NULL CHECK (position >= 0),
    issuer_id         TEXT NOT NULL,
    pan_masked        TEXT NOT NULL CHECK (pan_masked LIKE '%*%'),
    pan_index         TEXT NOT NULL,
    pan_encrypted     BYTEA NOT NULL,
    pan_key           TEXT NOT NULL,
    expiry_yymm       CHAR(4) NOT NULL CHECK (expiry_yymm ~ '^[0-9]{4}$'),
    verified_at       TIMESTAMPTZ NOT NULL,
    verification_code CHAR(2) NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    UNIQUE (wallet_id, position),
    UNIQUE (wallet_id, pan_index)
);

-- The phone app's credential for its wallet (a bearer token, stored hashed).
CREATE TABLE wallet_devices (
    token_hash TEXT PRIMARY KEY,
    wallet_id  TEXT NOT NULL REFERENCES wallets (id),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX wallet_devices_wallet ON wallet_devices (wallet_id);

-- The short-lived code the phone shows at the counter (QR and digits), used once.
CREATE TABLE wallet_codes (
    digits     CHAR(12) PRIMARY KEY,
    wallet_id  TEXT NOT NULL REFERENCES wallets (id),
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX wallet_codes_expires ON wallet_codes (expires_at);

-- Shops (seed 001 ¶0022): a registered merchant with its URL and API key (hashed) for the POS and the
-- online API, and where its webhooks go.
CREATE TABLE shops (
    merchant_id      VARCHAR(15) PRIMARY KEY,
    url              TEXT NOT NULL,
    webhook_url      TEXT,
    webhook_secret   TEXT NOT NULL,
    api_key_hash     TEXT NOT NULL UNIQUE,
    api_key_prefix   TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);

-- A shop's catalogue (Fig. 6 b-h): goods with stock, tickets with seats.
CREATE TABLE catalogue_items (
    merchant_id  VARCHAR(15) NOT NULL REFERENCES shops (merchant_id),
    sku          TEXT NOT NULL,
    name         TEXT NOT NULL,
    price_minor  BIGINT NOT NULL CHECK (price_minor > 0),
    currency     CHAR(3) NOT NULL,
    stock        INTEGER NOT NULL CHECK (stock >= 0),
    kind         TEXT NOT NULL CHECK (kind IN ('GOODS', 'TICKET')),
    updated_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (merchant_id, sku)
);

CREATE TABLE catalogue_seats (
    merchant_id VARCHAR(15) NOT NULL,
    sku         TEXT NOT NULL,
    seat        TEXT NOT NULL,
    request_id  TEXT,
    PRIMARY KEY (merchant_id, sku, seat),
    FOREIGN KEY (merchant_id, sku) REFERENCES catalogue_items (merchant_id, sku)
);

-- One wallet payment from the shop's side: at the counter (POS) or online. Its authorizations are
-- journal payments (channel WALLET); a decline leaves it open for another card (S14-S16).
CREATE TABLE wallet_requests (
    id              TEXT PRIMARY KEY,
    merchant_id     VARCHAR(15) NOT NULL,
    channel         TEXT NOT NULL CHECK (channel IN ('POS', 'ONLINE')),
    terminal_id     TEXT NOT NULL,
    wallet_id       TEXT REFERENCES wallets (id),
    state           TEXT NOT NULL,
    amount_minor    BIGINT CHECK (amount_minor > 0),
    currency        CHAR(3) NOT NULL,
    items           JSONB NOT NULL DEFAULT '[]',
    description     TEXT NOT NULL DEFAULT '',
    return_url      TEXT,
    verified_at     TIMESTAMPTZ,
    card_id         TEXT,
    pan_masked      TEXT,
    payment_method  CHAR(2),
    installments    SMALLINT,
    payment_id      TEXT,
    approval_code   TEXT,
    response_code   TEXT,
    reason          TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX wallet_requests_merchant ON wallet_requests (merchant_id, created_at, id);
CREATE INDEX wallet_requests_wallet ON wallet_requests (wallet_id, created_at);

-- Stripe's Idempotency-Key: the first answer to a key is kept for 24 hours and given again.
CREATE TABLE idempotency_keys (
    merchant_id     VARCHAR(15) NOT NULL,
    key             TEXT NOT NULL,
    operation       TEXT NOT NULL,
    request_sha256  TEXT NOT NULL,
    response_status INTEGER,
    response_body   BYTEA,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (merchant_id, key)
);

-- Webhooks to shops: signed, retried with backoff for 24 hours; workers lease rows with SKIP LOCKED.
CREATE TABLE webhook_deliveries (
    id              TEXT PRIMARY KEY,
    merchant_id     VARCHAR(15) NOT NULL,
    request_id      TEXT NOT NULL,
    event_type      TEXT NOT NULL,
    payload         TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    give_up_at      TIMESTAMPTZ NOT NULL,
    delivered_at    TIMESTAMPTZ,
    last_status     INTEGER,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE delivered_at IS NULL;
CREATE INDEX webhook_deliveries_request ON webhook_deliveries (request_id);
