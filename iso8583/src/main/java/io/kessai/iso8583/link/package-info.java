/**
 * ISO 8583 network links over TCP (and TLS): {@link io.kessai.iso8583.link.LinkClient} for the
 * acquirer, {@link io.kessai.iso8583.link.LinkServer} for a host. Generic over the message type: the
 * codec, the match key and the network management come from the caller (for ISO 8583, see
 * {@code io.kessai.iso8583.link.iso}). Framing, matching, window, timeouts, reconnect and shutdown
 * are described in docs/protocol/link.md.
 */
package io.kessai.iso8583.link;
