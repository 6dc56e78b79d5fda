package io.kessai.iso8583.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LinkReconnectTest {
    private static final long WAIT_MILLIS = 5_000;

    private final Links links = new Links();

    @AfterEach
    void closeLinks() throws Exception {
        links.close();
    }

    @Test
    void reconnectsAndSignsOnAgainWhenTheServerComesBackOnTheSamePort() throws Exception {
        Counting first = new Counting();
        LinkServer<TestMessage> before = links.server(first.handler());
        int port = before.localPort();
        RecordingListener<TestMessage> events = new RecordingListener<>();
        LinkClient<TestMessage> client = links.readyClient(port, settings -> settings, events);
        assertThat(first.signOns.get()).isEqualTo(1);

        before.close();
        assertThat(client.awaitState(LinkState.DISCONNECTED, WAIT_MILLIS)).isTrue();
        assertThat(client.send(TestMessage.request("k", "x"))).isCompletedExceptionally();

        Counting second = new Counting();
        links.server(Links.serverConfig(port).build(), second.handler(), LinkListener.silent());

        assertThat(client.awaitState(LinkState.READY, WAIT_MILLIS)).isTrue();
        assertThat(second.signOns.get()).isEqualTo(1);
        assertThat(client.send(TestMessage.request("k", "x")).get(WAIT_MILLIS, TimeUnit.MILLISECONDS).body())
                .isEqualTo("re:x");
        assertThat(events.states).containsSubsequence(LinkState.READY, LinkState.DISCONNECTED,
                LinkState.CONNECTING, LinkState.SIGNING_ON, LinkState.READY);
    }

    @Test
    void sendsAnEchoTestWhenTheHostHasBeenQuiet() throws Exception {
        Counting host = new Counting();
        LinkServer<TestMessage> server = links.server(host.handler());
        LinkClient<TestMessage> client = links.readyClient(server.localPort(),
                settings -> settings.echoIdleMillis(100), LinkListener.silent());

        Eventually.within(WAIT_MILLIS, "two echo tests", () -> host.echoes.get() >= 2);
        assertThat(client.state()).isEqualTo(LinkState.READY);
        assertThat(host.signOns.get()).isEqualTo(1);
    }

    @Test
    void reconnectsWhenAnEchoTestGoesUnanswered() throws Exception {
        Counting host = new Counting();
        host.dropEchoes = true;
        LinkServer<TestMessage> server = links.server(host.handler());
        RecordingListener<TestMessage> events = new RecordingListener<>();
        links.readyClient(server.localPort(),
                settings -> settings.echoIdleMillis(100).managementTimeoutMillis(150), events);

        Eventually.within(WAIT_MILLIS, "a second sign-on", () -> host.signOns.get() >= 2);
        assertThat(events.managementFailures).contains(NetworkManagement.Step.ECHO);
        assertThat(events.disconnects).anySatisfy(cause -> assertThat(cause).hasMessageContaining("echo test"));
    }

    @Test
    void retriesARefusedSignOnWithBackoff() throws Exception {
        Counting host = new Counting();
        host.refuseSignOns = 2;
        LinkServer<TestMessage> server = links.server(host.handler());
        RecordingListener<TestMessage> events = new RecordingListener<>();
        LinkClient<TestMessage> client = links.client(Links.clientConfig(server.localPort()).build(), events);

        assertThat(client.awaitState(LinkState.READY, WAIT_MILLIS)).isTrue();
        assertThat(host.signOns.get()).isEqualTo(3);
        assertThat(events.managementFailures).containsExactly(NetworkManagement.Step.SIGN_ON, NetworkManagement.Step.SIGN_ON);
        assertThat(events.states).containsSubsequence(LinkState.SIGNING_ON, LinkState.DISCONNECTED,
                LinkState.CONNECTING, LinkState.SIGNING_ON, LinkState.DISCONNECTED,
                LinkState.CONNECTING, LinkState.SIGNING_ON, LinkState.READY);
    }

    /** A host that counts sign-ons and echoes, and can refuse the first sign-ons or ignore echoes. */
    private static final class Counting {
        final AtomicInteger signOns = new AtomicInteger();
        final AtomicInteger echoes = new AtomicInteger();
        volatile int refuseSignOns;
        volatile boolean dropEchoes;

        LinkHandler<TestMessage> handler() {
            return (request, peer) -> switch (request.body()) {
                case TestManagement.SIGN_ON -> CompletableFuture.completedFuture(request.answer(
                        signOns.incrementAndGet() <= refuseSignOns ? "NO" : TestManagement.OK));
                case TestManagement.ECHO -> {
                    echoes.incrementAndGet();
                    yield CompletableFuture.completedFuture(dropEchoes ? null : request.answer(TestManagement.OK));
                }
                case TestManagement.SIGN_OFF -> CompletableFuture.completedFuture(request.answer(TestManagement.OK));
                default -> CompletableFuture.completedFuture(request.answer("re:" + request.body()));
            };
        }
    }
}
