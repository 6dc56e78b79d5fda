-- The journal writes a payment's event rows only in the same statement or transaction that inserted or
-- moved that payment (GroupCommit's CTEs take the IDs from the rows they wrote; JournalStore.update
-- writes the event after its own UPDATE hit the row), and payments are never deleted. The foreign key
-- checked that again with a trigger per event row, which locked the payment row (FOR KEY SHARE) and cost
-- more than the inserts themselves: about half of a batch's execution time (ADR 0017).
ALTER TABLE payment_events DROP CONSTRAINT IF EXISTS payment_events_payment_id_fkey;
