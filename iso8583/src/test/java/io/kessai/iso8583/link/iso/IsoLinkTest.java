package io.kessai.iso8583.link.iso;

import static org.assertj.core.api.Assertions.assertThat;

import io.kessai.iso8583.DataElement;
import io.kessai.iso8583.Dialect;
import io.kessai.iso8583.Dialects;
import io.kessai.iso8583.IsoMessage;
import io.kessai.iso8583.Mti;
import io.kessai.iso8583.ResponseCode;
import io.kessai.iso8583.link.LinkClient;
import io.kessai.iso8583.link.LinkClientConfig;
import io.kessai.iso8583.link.LinkListener;
import io.kessai.iso8583.link.LinkServer;
import io.kessai.iso8583.link.LinkServerConfig;
import io.kessai.iso8583.link.LinkState;
import io.kessai.iso8583.link.Peer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** ISO 8583 messages over a real link: sign-on, authorization, echo test, sign-off. */
class IsoLinkTest {
    private static final Dialect KESSAI = Dialects.kessai();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-21T06:30:00Z"), ZoneOffset.UTC);

    @Test
    void signsOnAuthorizesEchoesAndSignsOff() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicInteger stans = new AtomicInteger(100);
        try (LinkServer<IsoMessage> issuer = LinkServer.start(LinkServerConfig.builder(0).build(),
                new IsoLinkCodec(KESSAI), (request, peer) -> approve(request, peer, seen), LinkListener.silent())) {
            LinkClient<IsoMessage> center = LinkClient.start(
                    LinkClientConfig.builder("127.0.0.1", issuer.localPort())
                            .echoIdleMillis(100).managementTimeoutMillis(5_000).timeoutCheckMillis(5).build(),
                    new IsoLinkCodec(KESSAI), new IsoNetworkManagement(KESSAI, stans::incrementAndGet, CLOCK),
                    LinkListener.silent());
            try {
                assertThat(center.awaitState(LinkState.READY, 10_000)).isTrue();

                IsoMessage authorization = KESSAI.newMessage(Mti.AUTHORIZATION_REQUEST)
                        .set(DataElement.PAN, "4111111111111111")
                        .set(DataElement.PROCESSING_CODE, "000000")
                        .amountMinor(12_800)
                        .set(DataElement.TRANSMISSION_DATE_TIME, "1121063000")
                        .stan(stans.incrementAndGet())
                        .set(DataElement.TERMINAL_ID, "TERM0001")
                        .set(DataElement.CURRENCY_CODE_TRANSACTION, "392");
                IsoMessage response = center.send(authorization).get(5, TimeUnit.SECONDS);

                assertThat(response.mti()).isEqualTo(Mti.AUTHORIZATION_RESPONSE);
                assertThat(response.responseCode()).isEqualTo("00");
                assertThat(response.stan()).isEqualTo(authorization.stan());
                assertThat(response.amountMinor()).isEqualTo(12_800);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (!seen.contains("0800/301") && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
            } finally {
                center.close();
            }
        }
        assertThat(seen.getFirst()).isEqualTo("0800/001 1121063000");
        assertThat(seen).contains("0100", "0800/301").endsWith("0800/002");
    }

    /** The issuer: approves everything, answers network management with 00; records what it saw. */
    private static CompletionStage<IsoMessage> approve(IsoMessage request, Peer peer, List<String> seen) {
        if (request.mti().equals(Mti.NETWORK_MANAGEMENT_REQUEST)) {
            String code = request.get(DataElement.NETWORK_MANAGEMENT_CODE);
            seen.add(seen.isEmpty() ? "0800/" + code + " " + request.get(DataElement.TRANSMISSION_DATE_TIME)
                    : "0800/" + code);
        } else {
            seen.add(request.mti());
        }
        return CompletableFuture.completedFuture(request.createResponse().responseCode(ResponseCode.APPROVED));
    }
}
