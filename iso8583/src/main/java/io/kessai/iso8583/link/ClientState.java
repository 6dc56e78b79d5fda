package io.kessai.iso8583.link;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link LinkClient}'s state and the connection requests may use, changed together under one lock
 * so that no request can slip onto a connection that is not (or no longer) signed on. Reads are
 * lock-free (volatile), since {@link LinkClient#send} reads them on every request; changes are rare.
 * Listeners hear of changes in the order they happened.
 */
final class ClientState {
    private final LinkListener<?> listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile LinkState current = LinkState.DISCONNECTED;
    /** Set only while READY. */
    private volatile Connection readyConnection;
    /** Set once, when close() starts: from then on only DRAINING and CLOSED may follow. */
    private volatile boolean closing;

    ClientState(LinkListener<?> listener) {
        this.listener = listener;
    }

    LinkState current() {
        return current;
    }

    /** The signed-on connection, or null when not READY. */
    Connection readyConnection() {
        return readyConnection;
    }

    boolean isClosing() {
        return closing;
    }

    /** Moves to CONNECTING, SIGNING_ON or DISCONNECTED, unless the client is closing. */
    void moveTo(LinkState next) {
        assert next != LinkState.READY && next != LinkState.DRAINING && next != LinkState.CLOSED;
        lock.lock();
        try {
            if (!closing) {
                change(next);
            }
        } finally {
            lock.unlock();
        }
    }

    /** READY on {@code connection}; false if the client is closing (the caller stops). */
    boolean becomeReady(Connection connection) {
        lock.lock();
        try {
            if (closing) {
                return false;
            }
            // Lost between its sign-on and here: the supervisor finds it closed and reconnects.
            if (connection.isOpen()) {
                readyConnection = connection;
                change(LinkState.READY);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The connection closed: if it was the ready one, no request may use it from now on. */
    void lost(Connection connection) {
        lock.lock();
        try {
            if (readyConnection == connection) {
                readyConnection = null;
                if (!closing) {
                    change(LinkState.DISCONNECTED);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Starts closing: DRAINING if READY, returning the connection to drain; null otherwise. */
    Connection startClosing() {
        lock.lock();
        try {
            closing = true;
            Connection drainable = current == LinkState.READY ? readyConnection : null;
            if (drainable != null) {
                change(LinkState.DRAINING);
            }
            return drainable;
        } finally {
            lock.unlock();
        }
    }

    void closed() {
        lock.lock();
        try {
            readyConnection = null;
            change(LinkState.CLOSED);
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code timeoutMillis} for {@code wanted}; true if reached. */
    boolean await(LinkState wanted, long timeoutMillis) throws InterruptedException {
        long remainingNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            while (current != wanted) {
                if (remainingNanos <= 0) {
                    return false;
                }
                remainingNanos = changed.awaitNanos(remainingNanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void change(LinkState next) {
        assert lock.isHeldByCurrentThread();
        LinkState previous = current;
        if (previous == next || previous == LinkState.CLOSED) {
            return;
        }
        current = next;
        changed.signalAll();
        listener.onStateChange(previous, next);
    }
}
