package io.kessai.iso8583.link;

import java.util.concurrent.atomic.AtomicInteger;

/** Sign-on, echo and sign-off as test messages with bodies SIGNON, ECHO, SIGNOFF; "OK" accepts. */
final class TestManagement implements NetworkManagement<TestMessage> {
    static final String SIGN_ON = "SIGNON";
    static final String SIGN_OFF = "SIGNOFF";
    static final String ECHO = "ECHO";
    static final String OK = "OK";

    private final AtomicInteger sequence = new AtomicInteger();

    @Override
    public TestMessage signOn() {
        return TestMessage.request("nm-" + sequence.incrementAndGet(), SIGN_ON);
    }

    @Override
    public TestMessage signOff() {
        return TestMessage.request("nm-" + sequence.incrementAndGet(), SIGN_OFF);
    }

    @Override
    public TestMessage echo() {
        return TestMessage.request("nm-" + sequence.incrementAndGet(), ECHO);
    }

    @Override
    public boolean accepted(TestMessage response) {
        return OK.equals(response.body());
    }

    @Override
    public TestMessage answer(TestMessage peerRequest) {
        return ECHO.equals(peerRequest.body()) ? peerRequest.answer(OK) : null;
    }

    static boolean isManagement(TestMessage message) {
        return switch (message.body()) {
            case SIGN_ON, SIGN_OFF, ECHO -> true;
            default -> false;
        };
    }
}
