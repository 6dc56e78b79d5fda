-- No query reads payments by card (pan_index) or by merchant and time: both indexes were made for a
-- console that does not exist yet, and every payment paid for them twice (its insert, and its answer,
-- which cannot be a HOT update because it changes the state). The console adds the index its queries
-- need when it comes (ADR 0017). The pan_index column stays: it is what such an index will cover.
DROP INDEX IF EXISTS payments_pan_index;
DROP INDEX IF EXISTS payments_merchant_created;
