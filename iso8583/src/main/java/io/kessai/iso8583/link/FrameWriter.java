package io.kessai.iso8583.link;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that writes to a connection. Senders drop frames into a lock-free queue; the writer
 * copies as many as are queued into one buffer and writes and flushes it when the queue runs dry (or
 * the buffer is full), so a burst of frames costs one system call, and a lone frame goes out at once.
 *
 * <p>The queue is bounded by {@code capacity}: a client never has more frames queued than its window
 * allows and a server never more than its in-flight slots, so a full queue means a peer that stopped
 * reading, and the item is refused rather than queued.
 */
final class FrameWriter {
    /** A buffer of this size amortises the system call over hundreds of authorizations. */
    static final int WRITE_BUFFER_BYTES = 64 * 1024;

    private final OutputStream out;
    private final LengthHeader header;
    private final int capacity;
    private final Runnable onSlotItemWritten;
    private final byte[] buffer;
    private int used;

    private final ConcurrentLinkedQueue<Outgoing> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** Set just before the writer parks; senders that see it wake the writer. */
    private volatile boolean idle;
    private volatile boolean stopped;
    private volatile Thread thread;

    FrameWriter(OutputStream out, Framing framing, int capacity, Runnable onSlotItemWritten) {
        this.out = out;
        this.header = framing.header();
        this.capacity = Checks.inRange("write queue capacity", capacity, 1, Integer.MAX_VALUE / 2);
        this.onSlotItemWritten = onSlotItemWritten;
        this.buffer = new byte[Math.max(WRITE_BUFFER_BYTES, header.headerBytes() + framing.maxFrameBytes())];
    }

    /** Largest raw item that fits the buffer in one piece. */
    int maxItemBytes() {
        return buffer.length - header.headerBytes();
    }

    /** Queues an item; false if the writer stopped or the queue is full. Any thread. */
    boolean offer(Outgoing item) {
        assert item.bytes().length <= maxItemBytes();
        if (stopped) {
            return false;
        }
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            return false;
        }
        queue.offer(item);
        // Dekker-style hand-off: the writer sets idle before its last look at the queue, we read idle
        // after our offer, so one of us always sees the other and no wake-up is lost.
        if (idle) {
            LockSupport.unpark(thread);
        }
        return true;
    }

    /** Makes {@link #run()} return at its next step; queued items are dropped. Any thread. */
    void stop() {
        stopped = true;
        Thread writer = thread;
        if (writer != null) {
            LockSupport.unpark(writer);
        }
    }

    /**
     * The write loop, on the writer thread. Returns after {@link Outgoing#CLOSE} (all before it
     * written and flushed) or {@link #stop()}.
     */
    void run() throws IOException {
        thread = Thread.currentThread();
        try {
            while (!stopped) {
                Outgoing item = queue.poll();
                if (item == null) {
                    flush();
                    awaitWork();
                    continue;
                }
                queued.decrementAndGet();
                if (item == Outgoing.CLOSE) {
                    flush();
                    return;
                }
                append(item);
            }
        } finally {
            Arrays.fill(buffer, (byte) 0);
        }
    }

    private void awaitWork() {
        idle = true;
        while (queue.isEmpty() && !stopped) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                stopped = true;
            }
        }
        idle = false;
    }

    private void append(Outgoing item) throws IOException {
        byte[] bytes = item.bytes();
        int total = item.framed() ? header.headerBytes() + bytes.length : bytes.length;
        if (buffer.length - used < total) {
            flush();
        }
        if (item.framed()) {
            header.write(bytes.length, buffer, used);
            used += header.headerBytes();
        }
        System.arraycopy(bytes, 0, buffer, used, bytes.length);
        used += bytes.length;
        // The frame is in the buffer now; its own copy may hold card data.
        Arrays.fill(bytes, (byte) 0);
        if (item.holdsSlot()) {
            onSlotItemWritten.run();
        }
    }

    private void flush() throws IOException {
        if (used == 0) {
            return;
        }
        out.write(buffer, 0, used);
        out.flush();
        used = 0;
    }
}
