package io.kessai.issuer.store;

import io.kessai.issuer.ledger.AccountTerms;
import io.kessai.issuer.ledger.PanKey;

/** An account row: its look-up key and what the accounts file last said. */
public record StoredAccount(PanKey key, AccountTerms terms) {}
