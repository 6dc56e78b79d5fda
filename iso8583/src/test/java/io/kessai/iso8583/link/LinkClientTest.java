package io.kessai.iso8583.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LinkClientTest {
    private static final long ANSWER_WAIT_MILLIS = 5_000;

    private final Links links = new Links();

    @AfterEach
    void closeLinks() throws Exception {
        links.close();
    }

    @Test
    void signsOnBeforeSendingAnyRequest() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        LinkServer<TestMessage> server = links.server((request, peer) -> {
            received.add(request.body());
            return CompletableFuture.completedFuture(request.answer(
                    TestManagement.isManagement(request) ? TestManagement.OK : "re:" + request.body()));
        });
        RecordingListener<TestMessage> events = new RecordingListener<>();

        LinkClient<TestMessage> client = links.readyClient(server.localPort(), settings -> settings, events);
        TestMessage answer = answer(client.send(TestMessage.request("k1", "hello")));

        assertThat(answer).isEqualTo(new TestMessage(true, "k1", "re:hello"));
        assertThat(received).containsExactly(TestManagement.SIGN_ON, "hello");
        assertThat(events.states).containsExactly(LinkState.CONNECTING, LinkState.SIGNING_ON, LinkState.READY);
    }

    @Test
    void pairsResponsesThatArriveInReverseOrder() throws Exception {
        int count = 5;
        List<CompletableFuture<TestMessage>> held = new CopyOnWriteArrayList<>();
        List<TestMessage> requests = new CopyOnWriteArrayList<>();
        LinkServer<TestMessage> server = links.server(Links.host((request, peer) -> {
            CompletableFuture<TestMessage> answer = new CompletableFuture<>();
            requests.add(request);
            held.add(answer);
            if (held.size() == count) {
                for (int i = count - 1; i >= 0; i--) {
                    held.get(i).complete(requests.get(i).answer("re:" + requests.get(i).body()));
                }
            }
            return answer;
        }));
        LinkClient<TestMessage> client = links.readyClient(server.localPort());

        List<CompletableFuture<TestMessage>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(client.send(TestMessage.request("k" + i, "body" + i)));
        }

        for (int i = 0; i < count; i++) {
            assertThat(answer(answers.get(i)).body()).isEqualTo("re:body" + i);
        }
    }

    @Test
    void timesOutOnlyTheUnansweredRequestAndDropsItsLateResponse() throws Exception {
        CompletableFuture<TestMessage> slowAnswer = new CompletableFuture<>();
        LinkServer<TestMessage> server = links.server(Links.host((request, peer) -> request.body().equals("slow")
                ? slowAnswer.thenApply(ignored -> request.answer("late"))
                : CompletableFuture.completedFuture(request.answer("re:" + request.body()))));
        RecordingListener<TestMessage> events = new RecordingListener<>();
        LinkClient<TestMessage> client = links.readyClient(server.localPort(),
                settings -> settings.requestTimeoutMillis(400), events);

        CompletableFuture<TestMessage> slow = client.send(TestMessage.request("s1", "slow"));
        CompletableFuture<TestMessage> quick = client.send(TestMessage.request("q1", "quick"));

        assertThat(answer(quick).body()).isEqualTo("re:quick");
        LinkTimeoutException timeout = failure(slow, LinkTimeoutException.class);
        assertThat(timeout.key()).isEqualTo(new MatchKey("s1"));
        assertThat(timeout.timeoutMillis()).isEqualTo(400);
        assertThat(timeout).hasMessage("no response within 400 ms for key s1");

        // Until its late answer arrives, the key may not be reused: that answer would be taken for the new one's.
        assertThat(failure(client.send(TestMessage.request("s1", "again")), LinkDuplicateKeyException.class))
                .hasMessageContaining("timed out");

        slowAnswer.complete(null);
        Eventually.within(ANSWER_WAIT_MILLIS, "late response reported", () -> !events.lateKeys.isEmpty());
        assertThat(events.lateKeys).containsExactly(new MatchKey("s1"));
        assertThat(slow).isCompletedExceptionally();
        assertThat(client.state()).isEqualTo(LinkState.READY);
        assertThat(answer(client.send(TestMessage.request("s1", "again"))).body()).isEqualTo("re:again");
    }

    @Test
    void refusesASecondRequestWithAKeyInFlight() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        LinkServer<TestMessage> server = links.server(Links.host((request, peer) ->
                release.thenApply(ignored -> request.answer("re:" + request.body()))));
        LinkClient<TestMessage> client = links.readyClient(server.localPort());

        CompletableFuture<TestMessage> first = client.send(TestMessage.request("k", "one"));
        CompletableFuture<TestMessage> second = client.send(TestMessage.request("k", "two"));

        assertThat(failure(second, LinkDuplicateKeyException.class))
                .hasMessage("key k refused: a request with this key is in flight");
        release.complete(null);
        assertThat(answer(first).body()).isEqualTo("re:one");
    }

    @Test
    void aFullWindowMakesSendWaitThenFailAndAResponseFreesASlot() throws Exception {
        List<Runnable> answerers = new CopyOnWriteArrayList<>();
        LinkServer<TestMessage> server = links.server(Links.host((request, peer) -> {
            CompletableFuture<TestMessage> answer = new CompletableFuture<>();
            answerers.add(() -> answer.complete(request.answer("re:" + request.body())));
            return answer;
        }));
        int windowWaitMillis = 300;
        LinkClient<TestMessage> client = links.readyClient(server.localPort(),
                settings -> settings.maxInFlight(2).windowWaitMillis(windowWaitMillis), LinkListener.silent());

        CompletableFuture<TestMessage> a = client.send(TestMessage.request("a", "a"));
        CompletableFuture<TestMessage> b = client.send(TestMessage.request("b", "b"));
        long started = System.nanoTime();
        CompletableFuture<TestMessage> c = client.send(TestMessage.request("c", "c"));
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        LinkBusyException busy = failure(c, LinkBusyException.class);
        assertThat(busy).hasMessage("all 2 in-flight slots stayed taken for 300 ms");
        assertThat(waitedMillis).isBetween((long) windowWaitMillis - 5, 3_000L);

        // A sender waiting for a slot gets it as soon as a response frees one.
        Eventually.within(ANSWER_WAIT_MILLIS, "both requests at the host", () -> answerers.size() == 2);
        CompletableFuture<CompletableFuture<TestMessage>> d = CompletableFuture.supplyAsync(
                () -> sendQuietly(client, TestMessage.request("d", "d")), virtualThread());
        Thread.sleep(windowWaitMillis / 6);
        answerers.get(0).run();
        assertThat(answer(a).body()).isEqualTo("re:a");
        Eventually.within(ANSWER_WAIT_MILLIS, "d at the host", () -> answerers.size() == 3);
        answerers.get(1).run();
        answerers.get(2).run();
        assertThat(answer(b).body()).isEqualTo("re:b");
        assertThat(answer(d.get(ANSWER_WAIT_MILLIS, TimeUnit.MILLISECONDS)).body()).isEqualTo("re:d");
        assertThat(client.inFlight()).isZero();
    }

    @Test
    void requestsInFlightFailAtOnceWhenTheConnectionDrops() throws Exception {
        LinkServer<TestMessage> server = links.server(Links.host((request, peer) -> {
            if (request.body().equals("cut")) {
                peer.close();
            }
            return new CompletableFuture<>();
        }));
        RecordingListener<TestMessage> events = new RecordingListener<>();
        LinkClient<TestMessage> client = links.readyClient(server.localPort(),
                settings -> settings.requestTimeoutMillis(30_000), events);

        List<CompletableFuture<TestMessage>> pending = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pending.add(client.send(TestMessage.request("k" + i, "wait")));
        }
        pending.add(client.send(TestMessage.request("cut", "cut")));

        long started = System.nanoTime();
        for (CompletableFuture<TestMessage> request : pending) {
            assertThat(failure(request, LinkDownException.class)).hasMessageContaining("closed before the response");
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(3_000);
        assertThat(events.states).contains(LinkState.DISCONNECTED);
        // Not retried: the host saw each request once, whatever happens next.
        assertThat(client.awaitState(LinkState.READY, Links.READY_WAIT_MILLIS)).isTrue();
    }

    @Test
    void closeLetsRequestsInFlightFinishThenSignsOff() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        Executor later = CompletableFuture.delayedExecutor(150, TimeUnit.MILLISECONDS);
        LinkServer<TestMessage> server = links.server((request, peer) -> {
            received.add(request.body());
            return TestManagement.isManagement(request)
                    ? CompletableFuture.completedFuture(request.answer(TestManagement.OK))
                    : CompletableFuture.supplyAsync(() -> request.answer("re:" + request.body()), later);
        });
        LinkClient<TestMessage> client = links.readyClient(server.localPort());

        List<CompletableFuture<TestMessage>> pending = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pending.add(client.send(TestMessage.request("k" + i, "b" + i)));
        }
        client.close();

        for (int i = 0; i < 5; i++) {
            assertThat(pending.get(i)).isCompletedWithValue(new TestMessage(true, "k" + i, "re:b" + i));
        }
        assertThat(client.state()).isEqualTo(LinkState.CLOSED);
        Eventually.within(ANSWER_WAIT_MILLIS, "sign-off at the host", () -> received.size() == 7);
        assertThat(received).startsWith(TestManagement.SIGN_ON).endsWith(TestManagement.SIGN_OFF);
        assertThat(failure(client.send(TestMessage.request("late", "x")), LinkDownException.class))
                .hasMessageContaining("CLOSED");
    }

    @Test
    void closeFailsRequestsStillInFlightWhenTheDrainTimeoutEnds() throws Exception {
        LinkServer<TestMessage> server = links.server(Links.host((request, peer) -> new CompletableFuture<>()));
        LinkClient<TestMessage> client = links.readyClient(server.localPort(),
                settings -> settings.requestTimeoutMillis(30_000).drainTimeoutMillis(100), LinkListener.silent());
        CompletableFuture<TestMessage> stuck = client.send(TestMessage.request("k", "never"));

        long started = System.nanoTime();
        client.close();

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(3_000);
        assertThat(failure(stuck, LinkDownException.class)).hasMessageContaining("closed before the response to k");
    }

    @Test
    void sendFailsAtOnceWhileTheLinkIsNotReady() throws Exception {
        int deadPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            deadPort = probe.getLocalPort();
        }
        RecordingListener<TestMessage> events = new RecordingListener<>();
        LinkClient<TestMessage> client = links.client(Links.clientConfig(deadPort).build(), events);

        LinkDownException down = failure(client.send(TestMessage.request("k", "x")), LinkDownException.class);

        assertThat(down.getMessage()).startsWith("link to 127.0.0.1:" + deadPort + " is ").endsWith(", not READY");
        Eventually.within(ANSWER_WAIT_MILLIS, "connect failure reported", () -> !events.connectFailures.isEmpty());
        assertThat(client.inFlight()).isZero();
    }

    @Test
    void refusesARequestLargerThanTheMaximumFrame() throws Exception {
        Framing small = new Framing(LengthHeader.BINARY_2, 64);
        LinkServer<TestMessage> server = links.server(Links.serverConfig().framing(small).build(), Links.echoHost(),
                LinkListener.silent());
        LinkClient<TestMessage> client = links.readyClient(server.localPort(), settings -> settings.framing(small),
                LinkListener.silent());

        LinkException tooBig = failure(client.send(TestMessage.request("big", "x".repeat(100))), LinkException.class);

        assertThat(tooBig).hasMessage("request big encodes to 105 bytes, over the maximum frame of 64 bytes");
        assertThat(answer(client.send(TestMessage.request("small", "x"))).body()).isEqualTo("re:x");
    }

    @Test
    void dropsAFrameThatDoesNotDecodeAndKeepsTheConnection() throws Exception {
        LinkServer<TestMessage> server = links.server(Links.host((request, peer) -> {
            peer.writeFrame("not a message".getBytes(StandardCharsets.ISO_8859_1));
            peer.writeFrame(new TestCodec().encode(new TestMessage(true, "ghost", "boo")));
            return CompletableFuture.completedFuture(request.answer("re:" + request.body()));
        }));
        RecordingListener<TestMessage> events = new RecordingListener<>();
        LinkClient<TestMessage> client = links.readyClient(server.localPort(), settings -> settings, events);

        assertThat(answer(client.send(TestMessage.request("k", "x"))).body()).isEqualTo("re:x");

        Eventually.within(ANSWER_WAIT_MILLIS, "both reported", () -> events.drops.size() == 1);
        assertThat(events.protocolErrors).singleElement().extracting(Throwable::getMessage)
                .isEqualTo("not a test message: 13 bytes");
        assertThat(events.drops).containsExactly(DropReason.UNMATCHED_RESPONSE);
        assertThat(client.state()).isEqualTo(LinkState.READY);
    }

    @Test
    void answersTheHostsOwnEchoTest() throws Exception {
        RecordingListener<TestMessage> hostEvents = new RecordingListener<>();
        LinkServer<TestMessage> server = links.server(Links.serverConfig().build(), Links.host((request, peer) -> {
            peer.writeFrame(new TestCodec().encode(TestMessage.request("host-echo", TestManagement.ECHO)));
            return CompletableFuture.completedFuture(request.answer("re:" + request.body()));
        }), hostEvents);
        LinkClient<TestMessage> client = links.readyClient(server.localPort());

        assertThat(answer(client.send(TestMessage.request("k", "x"))).body()).isEqualTo("re:x");

        // The client's 0810-like answer reaches the host, which (being a server) reports it as unexpected.
        Eventually.within(ANSWER_WAIT_MILLIS, "echo answer at the host", () -> !hostEvents.drops.isEmpty());
        assertThat(hostEvents.drops).containsExactly(DropReason.UNEXPECTED_RESPONSE);
    }

    private static TestMessage answer(CompletableFuture<TestMessage> future) throws Exception {
        return future.get(ANSWER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The exception the future failed with, which must be of {@code type}. */
    static <T extends Throwable> T failure(CompletableFuture<?> future, Class<T> type) throws InterruptedException {
        try {
            future.get(ANSWER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            assertThat(failed.getCause()).isInstanceOf(type);
            return type.cast(failed.getCause());
        } catch (java.util.concurrent.TimeoutException stillPending) {
            throw new AssertionError("future still pending after " + ANSWER_WAIT_MILLIS + " ms");
        }
        throw new AssertionError("future completed normally, expected " + type.getSimpleName());
    }

    private static CompletableFuture<TestMessage> sendQuietly(LinkClient<TestMessage> client, TestMessage request) {
        try {
            return client.send(request);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(interrupted);
        }
    }

    private static Executor virtualThread() {
        return command -> Thread.ofVirtual().start(command);
    }
}
