package io.kessai.iso8583.link;

/** A message the link tests can read at a glance: a request or a response, its key, a body. */
record TestMessage(boolean response, String key, String body) {
    static TestMessage request(String key, String body) {
        return new TestMessage(false, key, body);
    }

    TestMessage answer(String answerBody) {
        return new TestMessage(true, key, answerBody);
    }
}
