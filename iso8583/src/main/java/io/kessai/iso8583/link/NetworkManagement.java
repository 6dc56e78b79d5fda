package io.kessai.iso8583.link;

/**
 * The network management messages a {@link LinkClient} sends on its own: sign-on after every connect,
 * an echo test when the link has been quiet, sign-off before a clean close (ISO 8583: 0800 with
 * DE 70 = 001, 301, 002). Each call builds a new message (new STAN, new transmission time).
 *
 * <p>A method may return null when the host does not use that step; the link then skips it (no
 * sign-on: READY right after connecting; no echo: idle links are not probed).
 *
 * @param <M> the message type
 */
public interface NetworkManagement<M> {
    /** The steps, as {@link LinkListener#onManagementFailure} names them. */
    enum Step {
        SIGN_ON,
        ECHO,
        SIGN_OFF
    }

    M signOn();

    M signOff();

    M echo();

    /** True if the host accepted a sign-on, echo or sign-off (ISO 8583: 0810 with DE 39 = 00). */
    boolean accepted(M response);

    /**
     * The answer to a request the host sent us (ISO 8583: the host's own 0800 echo test), or null to
     * drop it. Called on the connection's reader thread: build the answer, nothing slower.
     */
    default M answer(M peerRequest) {
        return null;
    }

    /** For hosts without network management: no sign-on, no echo, no sign-off. */
    static <M> NetworkManagement<M> none() {
        return new NetworkManagement<>() {
            @Override
            public M signOn() {
                return null;
            }

            @Override
            public M signOff() {
                return null;
            }

            @Override
            public M echo() {
                return null;
            }

            @Override
            public boolean accepted(M response) {
                return true;
            }
        };
    }
}
