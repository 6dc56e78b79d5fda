-- The center's registry (docs/api/admin.md): merchants, readers, issuers with their links and issuer
-- codes, BIN routes and the DE 39 response code table. Every node keeps the whole registry in memory
-- and reloads it when registry_generation moves; every change is one row in registry_change.
-- The application validates every field first (with messages a person can act on); the constraints
-- below are the backstop. No card data lives in these tables.

-- One row. Each registry change increments it in the same transaction, which also serialises registry
-- writes across nodes (they all update this row first).
CREATE TABLE registry_generation (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    generation bigint  NOT NULL CHECK (generation >= 1)
);
INSERT INTO registry_generation (singleton, generation) VALUES (true, 1);

-- The audit trail of registry changes: who, what, which record. Never the record's content.
CREATE TABLE registry_change (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    generation  bigint      NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    actor       text        NOT NULL,
    action      text        NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    resource    text        NOT NULL,
    resource_id text        NOT NULL
);

CREATE TABLE merchant (
    id         varchar(15)  PRIMARY KEY,
    name       varchar(100) NOT NULL,
    mcc        char(4)      NOT NULL CHECK (mcc ~ '^[0-9]{4}$'),
    status     text         NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    version    bigint       NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at timestamptz  NOT NULL DEFAULT now(),
    updated_at timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE reader (
    serial         varchar(32)  PRIMARY KEY,
    initial_key_id varchar(20)  NOT NULL UNIQUE CHECK (initial_key_id ~ '^([0-9A-F]{16}|[0-9A-F]{20})$'),
    merchant_id    varchar(15)  NOT NULL REFERENCES merchant (id),
    terminal_id    varchar(8)   NOT NULL,
    phone_address  varchar(254) NOT NULL,
    status         text         NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
    version        bigint       NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at     timestamptz  NOT NULL DEFAULT now(),
    updated_at     timestamptz  NOT NULL DEFAULT now(),
    -- DE 41 + DE 42 name one terminal to the issuer.
    UNIQUE (merchant_id, terminal_id)
);

CREATE TABLE issuer (
    id                      varchar(32)  PRIMARY KEY,
    name                    varchar(100) NOT NULL,
    link_host               varchar(253) NOT NULL,
    link_port               integer      NOT NULL CHECK (link_port BETWEEN 1 AND 65535),
    link_length_header      text         NOT NULL CHECK (link_length_header IN ('binary2', 'bcd2', 'ascii4')),
    link_tls                boolean      NOT NULL,
    response_timeout_millis integer      NOT NULL CHECK (response_timeout_millis BETWEEN 100 AND 120000),
    zpk_key_name            varchar(64)  NOT NULL,
    acquirer_institution_id varchar(11)  NOT NULL CHECK (acquirer_institution_id ~ '^[0-9]{1,11}$'),
    version                 bigint       NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at              timestamptz  NOT NULL DEFAULT now(),
    updated_at              timestamptz  NOT NULL DEFAULT now()
);

-- An issuer code belongs to one issuer; position keeps the order the admin gave.
CREATE TABLE issuer_code (
    code      varchar(11) PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9]{1,11}$'),
    issuer_id varchar(32) NOT NULL REFERENCES issuer (id) ON DELETE CASCADE,
    position  smallint    NOT NULL CHECK (position >= 0),
    UNIQUE (issuer_id, position)
);

CREATE TABLE route (
    bin_prefix varchar(8)  PRIMARY KEY CHECK (bin_prefix ~ '^([0-9]{6}|[0-9]{8})$'),
    issuer_id  varchar(32) NOT NULL REFERENCES issuer (id),
    version    bigint      NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX route_issuer_id ON route (issuer_id);

CREATE TABLE response_code_rule (
    code             char(2)      PRIMARY KEY CHECK (code ~ '^[0-9A-Z]{2}$'),
    outcome          text         NOT NULL CHECK (outcome IN ('APPROVED', 'DECLINED', 'REENTER', 'UNAVAILABLE')),
    reason           varchar(40)  NOT NULL CHECK (reason ~ '^[a-z][a-z0-9_]*$'),
    customer_text_ja varchar(200) NOT NULL,
    customer_text_en varchar(200) NOT NULL,
    version          bigint       NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at       timestamptz  NOT NULL DEFAULT now(),
    updated_at       timestamptz  NOT NULL DEFAULT now(),
    CHECK (code <> '00' OR outcome = 'APPROVED')
);

-- The default DE 39 table (REFERENCE §4.4; docs/api/admin.md explains each choice). Customer texts
-- never say "lost" or "stolen" (41, 43): the person at the counter may be neither the thief nor the
-- owner, and the shop staff should not have to handle that from a screen message.
INSERT INTO response_code_rule (code, outcome, reason, customer_text_ja, customer_text_en) VALUES
('00', 'APPROVED', 'approved',
    '承認されました。', 'Approved.'),
('55', 'REENTER', 'wrong_pin',
    '暗証番号が違います。もう一度入力してください。', 'Wrong PIN. Please enter it again.'),
('75', 'DECLINED', 'pin_tries_exceeded',
    '暗証番号の入力回数が上限を超えました。カード会社にお問い合わせください。',
    'Too many wrong PIN entries. Please contact your card company.'),
('14', 'DECLINED', 'invalid_card_number',
    'このカードはご利用いただけません。カード番号をご確認ください。',
    'This card cannot be used. Please check the card number.'),
('54', 'DECLINED', 'expired_card',
    'カードの有効期限が切れています。', 'The card has expired.'),
('41', 'DECLINED', 'lost_card',
    'このカードはご利用いただけません。カード会社にお問い合わせください。',
    'This card cannot be used. Please contact your card company.'),
('43', 'DECLINED', 'stolen_card',
    'このカードはご利用いただけません。カード会社にお問い合わせください。',
    'This card cannot be used. Please contact your card company.'),
('51', 'DECLINED', 'insufficient_funds',
    'ご利用可能額を超えています。', 'The amount exceeds the card''s available credit.'),
('05', 'DECLINED', 'do_not_honour',
    'このカードはご利用いただけませんでした。カード会社にお問い合わせください。',
    'The card was declined. Please contact your card company.'),
('01', 'DECLINED', 'refer_to_card_issuer',
    'このカードはご利用いただけませんでした。カード会社にお問い合わせください。',
    'The card was declined. Please contact your card company.'),
('03', 'DECLINED', 'invalid_merchant',
    'このお店ではご利用いただけません。お店の方にお知らせください。',
    'This shop cannot accept the payment. Please tell the shop staff.'),
('12', 'DECLINED', 'invalid_transaction',
    'この取引はお取り扱いできません。', 'This transaction cannot be processed.'),
('13', 'DECLINED', 'invalid_amount',
    '金額が正しくありません。金額をご確認ください。', 'The amount is not valid. Please check the amount.'),
('57', 'DECLINED', 'not_permitted_to_cardholder',
    'このカードではこのお取引をご利用いただけません。', 'This card cannot be used for this transaction.'),
('61', 'DECLINED', 'exceeds_amount_limit',
    'ご利用限度額を超えています。', 'The amount exceeds the card''s limit.'),
('62', 'DECLINED', 'restricted_card',
    'このカードはご利用いただけません。カード会社にお問い合わせください。',
    'This card cannot be used. Please contact your card company.'),
('30', 'DECLINED', 'format_error',
    '決済を処理できませんでした。お店の方にお知らせください。',
    'The payment could not be processed. Please tell the shop staff.'),
('91', 'UNAVAILABLE', 'issuer_unavailable',
    'カード会社に接続できませんでした。しばらくしてからもう一度お試しください。',
    'The card company could not be reached. Please try again later.'),
('96', 'UNAVAILABLE', 'system_malfunction',
    'カード会社のシステムで問題が発生しました。しばらくしてからもう一度お試しください。',
    'The card company''s system had a problem. Please try again later.'),
('68', 'UNAVAILABLE', 'response_too_late',
    'カード会社からの応答がありませんでした。しばらくしてからもう一度お試しください。',
    'The card company did not answer in time. Please try again later.');
