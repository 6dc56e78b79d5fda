-- The issuer host's store (docs/issuer.md, "Durable store"). No PAN and no PIN anywhere: a card is
-- its account_key (first 16 bytes of HMAC-SHA-256 of the PAN under the issuer's PAN index key) and
-- its masked PAN; a PIN is its PIN verification value (HMAC under the PVK, inside the HSM).

-- What the accounts file says about each card; re-loading updates it, holds live in the journal.
CREATE TABLE account (
    account_key            bytea       PRIMARY KEY,
    masked_pan             text        NOT NULL,
    expiry                 char(4)     NOT NULL,
    status                 text        NOT NULL CHECK (status IN ('active', 'lost', 'stolen', 'blocked')),
    kind                   text        NOT NULL CHECK (kind IN ('credit', 'debit')),
    limit_minor            bigint      NOT NULL CHECK (limit_minor >= 0),
    currency               char(3)     NOT NULL,
    pin_verification_value bytea,
    issuer_code            text        NOT NULL,
    fault                  text,
    loaded_at              timestamptz NOT NULL DEFAULT now()
);

-- Every state change, in the order it was decided: the in-memory ledger is this table replayed.
-- Append-only, written in batches by one writer (COPY); seq is gap-free from 1. No secondary
-- index: look-ups happen in memory, and totals scan.
CREATE TABLE journal (
    seq                bigint      PRIMARY KEY,
    recorded_at        timestamptz NOT NULL DEFAULT now(),
    kind               text        NOT NULL,
    mti                text        NOT NULL,
    -- The authorization the entry is about (for completions and reversals: the original's key).
    acquirer           text,
    terminal           text        NOT NULL,
    stan               integer,
    transmission       text,
    message_stan       integer,
    rrn                text,
    account_key        bytea,
    masked_pan         text,
    amount_minor       bigint      NOT NULL,
    currency           char(3),
    response_code      char(2)     NOT NULL,
    approval_code      char(6),
    hold_delta_minor   bigint      NOT NULL,
    posted_delta_minor bigint      NOT NULL,
    pin_failures_after smallint,
    fingerprint        bigint      NOT NULL
);
