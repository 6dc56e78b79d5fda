-- The e-mail channel (docs/protocol/mail.md): every mail the center takes in, once per Message-ID,
-- and the durable outbox every mail it sends goes through. No card data here: the mails carry sealed
-- results, masked PANs and the PDF slip (masked PAN) only.

CREATE TABLE mail_inbox (
    message_id   TEXT PRIMARY KEY,
    sender       TEXT NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL,
    -- PAYMENT, ITEMS, REJECTED, IGNORED (auto-reply, loop), BOUNCE
    disposition  TEXT NOT NULL,
    payment_id   TEXT,
    detail       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE mail_outbox (
    id               BIGSERIAL PRIMARY KEY,
    message_id       TEXT NOT NULL UNIQUE,
    kind             TEXT NOT NULL,
    recipient        TEXT NOT NULL,
    payment_id       TEXT,
    -- The whole RFC 5322 message, built once: a retry sends the same bytes with the same Message-ID.
    raw              BYTEA NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('PENDING', 'SENT', 'BOUNCED', 'FAILED')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    lease_until      TIMESTAMPTZ,
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    sent_at          TIMESTAMPTZ
);

CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX mail_outbox_payment ON mail_outbox (payment_id);
