-- A merchant's own additional items (docs/api/admin.md): questions the phone is asked after every
-- approval, besides the center's payment method, installments and receipt e-mail. They belong to the
-- merchant record: created, replaced and deleted with it, in the order the admin gave.
CREATE TABLE merchant_additional_item (
    merchant_id varchar(15)  NOT NULL REFERENCES merchant (id) ON DELETE CASCADE,
    position    smallint     NOT NULL CHECK (position BETWEEN 0 AND 9),
    item_key    varchar(32)  NOT NULL CHECK (item_key ~ '^[a-z][a-z0-9_]{0,31}$'
                                 AND item_key NOT IN ('payment_method', 'installments', 'customer_email')),
    label_ja    varchar(100) NOT NULL,
    label_en    varchar(100) NOT NULL,
    answer_type text         NOT NULL CHECK (answer_type IN ('TEXT', 'DIGITS', 'EMAIL', 'CHOICE')),
    required    boolean      NOT NULL,
    max_length  smallint     NOT NULL CHECK (max_length BETWEEN 1 AND 200),
    choices     text[]       NOT NULL DEFAULT '{}',
    PRIMARY KEY (merchant_id, item_key),
    UNIQUE (merchant_id, position),
    CHECK ((answer_type = 'CHOICE') = (cardinality(choices) > 0))
);
