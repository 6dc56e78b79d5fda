package io.kessai.center.wiring;

import io.kessai.center.journal.JournalStore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * STANs for the links' own 0800s (sign-on, echo, sign-off). Normally the journal's sequence, shared by
 * every node; when the database is already gone (a sign-off during shutdown, when the embedded
 * PostgreSQL stops alongside), a local counter, so the link can still say goodbye to the issuer.
 */
final class ManagementStans implements IntSupplier {
    private static final int MAX_STAN = 999_999;
    private final JournalStore journal;
    private final AtomicInteger local = new AtomicInteger((int) (System.nanoTime() & 0xFFFF));

    ManagementStans(JournalStore journal) {
        this.journal = journal;
    }

    @Override
    public int getAsInt() {
        try {
            return journal.nextStan();
        } catch (RuntimeException databaseGone) {
            return local.incrementAndGet() % MAX_STAN + 1;
        }
    }
}
