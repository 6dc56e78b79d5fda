package io.kessai.iso8583.link;

/**
 * One item in a connection's write queue.
 *
 * @param bytes     a frame body (the writer adds the length header) or raw bytes written as they are
 * @param framed    true for a frame body, false for raw bytes (fault injection: garbage on the wire)
 * @param holdsSlot true if the item holds a server in-flight slot, freed once it is written
 */
record Outgoing(byte[] bytes, boolean framed, boolean holdsSlot) {
    /** Flush what is queued before it, then end the writer: a graceful close. */
    static final Outgoing CLOSE = new Outgoing(new byte[0], false, false);
}
