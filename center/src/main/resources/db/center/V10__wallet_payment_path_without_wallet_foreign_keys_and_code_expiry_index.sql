-- A wallet payment inserts two rows that name their wallet: the phone's counter code and, when a shop uses
-- the code, the request. Each foreign key checked its wallet again with a trigger that locked the wallet's
-- row (SELECT ... FOR KEY SHARE): a WAL record and a dirtied wallets page per insert, two per payment, on
-- the few pages that every PIN and payment also read. ADR 0023.
--
-- Neither key guards anything the writers do not already hold: wallets are never deleted (a wallet is
-- suspended, and every reader checks its status); a code's wallet is the one its device token maps to
-- (wallet_devices keeps its foreign key); a counter request takes its wallet from the code row, joined to
-- wallets in the same statement (RequestStore.insertForCode), and an online request from the wallet that
-- was just read for the call. The keys of the rare writes (cards, addresses, devices, passkeys) stay.
ALTER TABLE wallet_codes DROP CONSTRAINT IF EXISTS wallet_codes_wallet_id_fkey;
ALTER TABLE wallet_requests DROP CONSTRAINT IF EXISTS wallet_requests_wallet_id_fkey;

-- Nothing reads wallet_codes by expiry (a code is found by its digits; an expired code's digits are taken
-- over by the upsert that finds them), yet every new code, one per payment, added an entry at the same
-- rightmost page of this index, which all the phones' concurrent inserts contend for. A purge of old
-- codes, when there is one, can bring an index back (a BRIN index on expires_at costs next to nothing).
DROP INDEX IF EXISTS wallet_codes_expires;
