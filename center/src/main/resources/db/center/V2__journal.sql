-- The journal: every payment of seed 000's flow (S801-S811) as a persisted state machine.
-- Card data rules (DESIGN.md, PCI DSS 3.3/3.5): no track, no PIN block, no card verification code, ever;
-- the PAN only encrypted (AES-GCM under an HSM key) with its keyed hash beside it, and masked for people.

CREATE SEQUENCE stan_seq MINVALUE 1 MAXVALUE 999999 CYCLE;

CREATE TABLE payments (
    id               TEXT PRIMARY KEY,
    key_scheme       SMALLINT NOT NULL,
    ksn              TEXT NOT NULL,
    envelope_sha256  TEXT NOT NULL,
    channel          TEXT NOT NULL CHECK (channel IN ('HTTPS', 'EMAIL')),
    reader_serial    TEXT NOT NULL,
    merchant_id      TEXT NOT NULL,
    terminal_id      TEXT NOT NULL,
    reader_sequence  BIGINT NOT NULL,
    reader_local_at  TIMESTAMP NOT NULL,
    state            TEXT NOT NULL,
    amount_minor     BIGINT NOT NULL CHECK (amount_minor > 0),
    currency         CHAR(3) NOT NULL,
    pan_masked       TEXT NOT NULL,
    pan_index        TEXT NOT NULL,
    pan_encrypted    BYTEA NOT NULL,
    pan_key          TEXT NOT NULL,
    entry_mode       CHAR(3) NOT NULL,
    pin_present      BOOLEAN NOT NULL,
    issuer_id        TEXT,
    stan             INTEGER,
    transmitted_at   TIMESTAMPTZ,
    rrn              TEXT,
    response_code    TEXT,
    approval_code    TEXT,
    outcome          TEXT,
    reason           TEXT,
    sealed_result    BYTEA,
    additional_items JSONB,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    -- Per reader, a KSN counter is accepted once: the key serial number names reader and counter.
    CONSTRAINT payments_ksn_once UNIQUE (key_scheme, ksn)
);

CREATE INDEX payments_unfinished ON payments (state)
    WHERE state IN ('RECEIVED', 'OPENED', 'ROUTED', 'SENT_TO_ISSUER');
CREATE INDEX payments_pan_index ON payments (pan_index);
CREATE INDEX payments_merchant_created ON payments (merchant_id, created_at);

-- Every transition, in order: the audit trail a console shows and an assessor asks for.
CREATE TABLE payment_events (
    payment_id TEXT NOT NULL REFERENCES payments (id),
    seq        INTEGER NOT NULL,
    state      TEXT NOT NULL,
    at         TIMESTAMPTZ NOT NULL,
    detail     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (payment_id, seq)
);

-- Store-and-forward to the issuers: reversals (0400) and completion advices (0220), each repeated until
-- acknowledged, surviving restarts. Workers claim due rows with FOR UPDATE SKIP LOCKED, so several
-- center nodes never send the same advice at once.
CREATE TABLE issuer_advices (
    id              BIGSERIAL PRIMARY KEY,
    payment_id      TEXT NOT NULL REFERENCES payments (id),
    kind            TEXT NOT NULL CHECK (kind IN ('REVERSAL', 'COMPLETION')),
    issuer_id       TEXT NOT NULL,
    amount_minor    BIGINT NOT NULL CHECK (amount_minor >= 0),
    stan            INTEGER NOT NULL,
    transmitted_at  TIMESTAMPTZ NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    acknowledged_at TIMESTAMPTZ,
    response_code   TEXT,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT issuer_advices_once UNIQUE (payment_id, kind)
);

CREATE INDEX issuer_advices_due ON issuer_advices (next_attempt_at) WHERE acknowledged_at IS NULL;
