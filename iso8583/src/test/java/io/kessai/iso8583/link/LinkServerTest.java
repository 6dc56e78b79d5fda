package io.kessai.iso8583.link;

import static io.kessai.iso8583.link.LinkClientTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LinkServerTest {
    private static final long WAIT_MILLIS = 5_000;

    private final Links links = new Links();

    @AfterEach
    void closeLinks() throws Exception {
        links.close();
    }

    @Test
    void refusesConnectionsBeyondItsLimit() throws Exception {
        RecordingListener<TestMessage> events = new RecordingListener<>();
        LinkServer<TestMessage> server = links.server(Links.serverConfig().maxConnections(1).build(),
                Links.echoHost(), events);
        links.readyClient(server.localPort());

        try (Socket extra = new Socket("127.0.0.1", server.localPort())) {
            extra.setSoTimeout((int) WAIT_MILLIS);
            assertThat(extra.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(events.refusals).containsExactly("limit of 1 connections reached");
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void stopsReadingAConnectionWhoseSlotsAreAllTaken() throws Exception {
        List<Runnable> answerers = new CopyOnWriteArrayList<>();
        LinkServer<TestMessage> server = links.server(Links.serverConfig().maxInFlightPerConnection(2).build(),
                Links.host((request, peer) -> {
                    CompletableFuture<TestMessage> answer = new CompletableFuture<>();
                    answerers.add(() -> answer.complete(request.answer("re:" + request.body())));
                    return answer;
                }), LinkListener.silent());
        LinkClient<TestMessage> client = links.readyClient(server.localPort());

        List<CompletableFuture<TestMessage>> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sent.add(client.send(TestMessage.request("k" + i, "b" + i)));
        }
        Eventually.within(WAIT_MILLIS, "two requests at the handler", () -> answerers.size() == 2);
        Thread.sleep(100);
        assertThat(answerers).hasSize(2);

        answerers.get(0).run();
        Eventually.within(WAIT_MILLIS, "a third request once a slot is free", () -> answerers.size() == 3);
        answerers.get(1).run();
        Eventually.within(WAIT_MILLIS, "the fourth", () -> answerers.size() == 4);
        answerers.get(2).run();
        answerers.get(3).run();
        for (int i = 0; i < 4; i++) {
            assertThat(sent.get(i).get(WAIT_MILLIS, TimeUnit.MILLISECONDS).body()).isEqualTo("re:b" + i);
        }
    }

    @Test
    void freesTheSlotOfAHandlerThatNeverAnswers() throws Exception {
        RecordingListener<TestMessage> events = new RecordingListener<>();
        LinkServer<TestMessage> server = links.server(
                Links.serverConfig().maxInFlightPerConnection(1).handlerTimeoutMillis(100).build(),
                Links.host((request, peer) -> request.body().equals("hang")
                        ? new CompletableFuture<>()
                        : CompletableFuture.completedFuture(request.answer("re:" + request.body()))),
                events);
        LinkClient<TestMessage> client = links.readyClient(server.localPort(),
                settings -> settings.requestTimeoutMillis(1_000), LinkListener.silent());

        CompletableFuture<TestMessage> hung = client.send(TestMessage.request("h", "hang"));
        CompletableFuture<TestMessage> next = client.send(TestMessage.request("n", "next"));

        assertThat(next.get(WAIT_MILLIS, TimeUnit.MILLISECONDS).body()).isEqualTo("re:next");
        // The drop is reported after the slot is freed, so the next answer may arrive first.
        Eventually.within(WAIT_MILLIS, "the handler timeout reported", () -> events.drops.contains(DropReason.HANDLER_TIMED_OUT));
        assertThat(failure(hung, LinkTimeoutException.class).key()).isEqualTo(new MatchKey("h"));
    }

    @Test
    void faultDropLeavesTheRequestToTimeOut() throws Exception {
        LinkServer<TestMessage> server = links.server(Links.host((request, peer) ->
                CompletableFuture.completedFuture(null)));
        LinkClient<TestMessage> client = links.readyClient(server.localPort(),
                settings -> settings.requestTimeoutMillis(100), LinkListener.silent());

        assertThat(failure(client.send(TestMessage.request("d", "drop")), LinkTimeoutException.class))
                .hasMessage("no response within 100 ms for key d");
        assertThat(client.state()).isEqualTo(LinkState.READY);
    }

    @Test
    void faultDelayAnswersLate() throws Exception {
        Executor later = CompletableFuture.delayedExecutor(150, TimeUnit.MILLISECONDS);
        LinkServer<TestMessage> server = links.server(Links.host((request, peer) ->
                CompletableFuture.supplyAsync(() -> request.answer("slowly"), later)));
        LinkClient<TestMessage> client = links.readyClient(server.localPort());

        long started = System.nanoTime();
        TestMessage answer = client.send(TestMessage.request("d", "delay")).get(WAIT_MILLIS, TimeUnit.MILLISECONDS);

        assertThat(answer.body()).isEqualTo("slowly");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(150);
    }

    @Test
    void faultCloseCutsTheClientOffWhichReconnects() throws Exception {
        AtomicInteger signOns = new AtomicInteger();
        LinkServer<TestMessage> server = links.server((request, peer) -> {
            if (request.body().equals(TestManagement.SIGN_ON)) {
                signOns.incrementAndGet();
                return CompletableFuture.completedFuture(request.answer(TestManagement.OK));
            }
            peer.close();
            return CompletableFuture.completedFuture(request.answer("never sent"));
        });
        LinkClient<TestMessage> client = links.readyClient(server.localPort());

        assertThat(failure(client.send(TestMessage.request("c", "close")), LinkDownException.class))
                .hasMessageContaining("closed before the response to c");
        Eventually.within(WAIT_MILLIS, "signed on again", () -> signOns.get() == 2 && client.state() == LinkState.READY);
    }

    @Test
    void faultGarbageBreaksTheClientsFramingWhichReconnects() throws Exception {
        LinkServer<TestMessage> server = links.server(Links.host((request, peer) -> {
            peer.writeRaw(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x13, 0x37});
            return new CompletableFuture<>();
        }));
        RecordingListener<TestMessage> events = new RecordingListener<>();
        LinkClient<TestMessage> client = links.readyClient(server.localPort(), settings -> settings, events);

        assertThat(failure(client.send(TestMessage.request("g", "garbage")), LinkDownException.class))
                .hasMessageContaining("closed before the response to g");
        assertThat(events.protocolErrors).singleElement().extracting(Throwable::getMessage)
                .isEqualTo("frame declares 65535 bytes, over the maximum of 8192 bytes (BINARY_2 header)");
        assertThat(client.awaitState(LinkState.READY, WAIT_MILLIS)).isTrue();
    }

    @Test
    void aHandlerThatThrowsSendsNothingAndIsReported() throws Exception {
        RecordingListener<TestMessage> events = new RecordingListener<>();
        LinkServer<TestMessage> server = links.server(Links.serverConfig().build(), Links.host((request, peer) -> {
            throw new IllegalStateException("account table missing");
        }), events);
        LinkClient<TestMessage> client = links.readyClient(server.localPort(),
                settings -> settings.requestTimeoutMillis(100), LinkListener.silent());

        failure(client.send(TestMessage.request("t", "throw")), LinkTimeoutException.class);
        assertThat(events.drops).containsExactly(DropReason.HANDLER_FAILED);
    }

    @Test
    void closeLetsHandlersInFlightFinish() throws Exception {
        AtomicInteger arrived = new AtomicInteger();
        Executor later = CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS);
        LinkServer<TestMessage> server = links.server(Links.host((request, peer) -> {
            arrived.incrementAndGet();
            return CompletableFuture.supplyAsync(() -> request.answer("re:" + request.body()), later);
        }));
        LinkClient<TestMessage> client = links.readyClient(server.localPort(),
                settings -> settings.requestTimeoutMillis(5_000), LinkListener.silent());
        List<CompletableFuture<TestMessage>> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(client.send(TestMessage.request("k" + i, "b" + i)));
        }
        Eventually.within(WAIT_MILLIS, "all three at the handler", () -> arrived.get() == 3);

        long started = System.nanoTime();
        server.close();

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(3_000);
        for (int i = 0; i < 3; i++) {
            assertThat(sent.get(i).get(WAIT_MILLIS, TimeUnit.MILLISECONDS).body()).isEqualTo("re:b" + i);
        }
        assertThat(server.connectionCount()).isZero();
    }
}
