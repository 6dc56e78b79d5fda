-- The outbox's mails are written once and read once (docs/benchmarks.md, e-mail channel): most of a
-- mail is base64 already, which pglz barely shrinks, so compressing every row cost PostgreSQL CPU on
-- each payment for next to no space. Large values still go out of line (TOAST), uncompressed.
ALTER TABLE mail_outbox ALTER COLUMN raw SET STORAGE EXTERNAL;
