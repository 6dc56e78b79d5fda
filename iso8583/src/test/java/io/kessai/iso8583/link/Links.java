package io.kessai.iso8583.link;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * Starts servers and clients with small, test-sized timeouts and closes them all afterwards
 * (clients first, so that each signs off while its server still listens).
 */
final class Links implements AutoCloseable {
    /**
     * Upper bound only (a passing test waits milliseconds): generous because in a full build the
     * Jazzer agent, once loaded by a fuzz test, slows every class loaded after it.
     */
    static final int READY_WAIT_MILLIS = 10_000;

    private final Deque<Runnable> closers = new ArrayDeque<>();

    static LinkServerConfig.Builder serverConfig() {
        return serverConfig(0);
    }

    static LinkServerConfig.Builder serverConfig(int port) {
        return LinkServerConfig.builder(port)
                .handlerTimeoutMillis(2_000)
                .idleTimeoutMillis(10_000)
                .drainTimeoutMillis(1_000);
    }

    static LinkClientConfig.Builder clientConfig(int port) {
        return LinkClientConfig.builder("127.0.0.1", port)
                .connectTimeoutMillis(5_000)
                .requestTimeoutMillis(1_000)
                .managementTimeoutMillis(2_000)
                .echoIdleMillis(60_000)
                .reconnectInitialMillis(20)
                .reconnectMaxMillis(200)
                .drainTimeoutMillis(1_000)
                .timeoutCheckMillis(5);
    }

    /** Network management answered "OK"; every other request goes to {@code requests}. */
    static LinkHandler<TestMessage> host(BiFunction<TestMessage, Peer, CompletionStage<TestMessage>> requests) {
        return (request, peer) -> TestManagement.isManagement(request)
                ? CompletableFuture.completedFuture(request.answer(TestManagement.OK))
                : requests.apply(request, peer);
    }

    /** Answers every request at once with "re:" and its body. */
    static LinkHandler<TestMessage> echoHost() {
        return host((request, peer) -> CompletableFuture.completedFuture(request.answer("re:" + request.body())));
    }

    LinkServer<TestMessage> server(LinkHandler<TestMessage> handler) throws IOException {
        return server(serverConfig().build(), handler, LinkListener.silent());
    }

    LinkServer<TestMessage> server(LinkServerConfig config, LinkHandler<TestMessage> handler,
            LinkListener<TestMessage> listener) throws IOException {
        LinkServer<TestMessage> server = LinkServer.start(config, new TestCodec(), handler, listener);
        closers.push(server::close);
        return server;
    }

    LinkClient<TestMessage> client(LinkClientConfig config, LinkListener<TestMessage> listener) {
        LinkClient<TestMessage> client = LinkClient.start(config, new TestCodec(), new TestManagement(), listener);
        closers.push(client::close);
        return client;
    }

    /** A client that is READY, or the test fails. */
    LinkClient<TestMessage> readyClient(int port, UnaryOperator<LinkClientConfig.Builder> settings,
            LinkListener<TestMessage> listener) throws InterruptedException {
        LinkClient<TestMessage> client = client(settings.apply(clientConfig(port)).build(), listener);
        if (!client.awaitState(LinkState.READY, READY_WAIT_MILLIS)) {
            throw new AssertionError("client not READY within " + READY_WAIT_MILLIS + " ms, is " + client.state());
        }
        return client;
    }

    LinkClient<TestMessage> readyClient(int port) throws InterruptedException {
        return readyClient(port, UnaryOperator.identity(), LinkListener.silent());
    }

    @Override
    public void close() {
        // Clients were started after their servers, so they are closed first.
        while (!closers.isEmpty()) {
            closers.pop().run();
        }
    }
}
