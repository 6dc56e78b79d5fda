package io.kessai.center.flow;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The center's side of the ISO 8583 links (communications control computer 11c of seed 000), as the
 * flow sees it. {@code center.network} implements it over TCP; tests implement it in memory.
 */
public interface IssuerGateway {

    /**
     * Sends an authorization request (0100) to the issuer. Completes with the issuer's answer, or
     * exceptionally with {@link IssuerUnavailableException} when the link is down or the answer does not
     * arrive in {@code timeout}. Never retried here: the flow decides (it reverses).
     */
    CompletableFuture<IssuerAnswer> authorize(AuthorizationRequest request, Duration timeout);

    /**
     * Sends one store-and-forward message (a reversal 0400 or a completion advice 0220) and completes with
     * the issuer's DE 39 when acknowledged; exceptionally when not (the advice worker tries again later).
     */
    CompletableFuture<String> deliver(AdviceMessage advice, Duration timeout);
}
