/** The link's ISO 8583 adapter: codec and match key, and 0800 network management. */
package io.kessai.iso8583.link.iso;
