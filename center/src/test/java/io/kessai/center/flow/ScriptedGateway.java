package io.kessai.center.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** An issuer gateway whose answers the test scripts; it records every request and advice. */
public final class ScriptedGateway implements IssuerGateway {
    public final List<AuthorizationRequest> authorizations = Collections.synchronizedList(new ArrayList<>());
    public final List<AdviceMessage> advices = Collections.synchronizedList(new ArrayList<>());
    public volatile Function<AuthorizationRequest, CompletableFuture<IssuerAnswer>> answer =
            r -> CompletableFuture.completedFuture(new IssuerAnswer("00", Optional.of("A12345")));
    public volatile boolean acknowledgeAdvices = true;

    @Override
    public CompletableFuture<IssuerAnswer> authorize(AuthorizationRequest request, Duration timeout) {
        authorizations.add(request);
        return answer.apply(request);
    }

    @Override
    public CompletableFuture<String> deliver(AdviceMessage advice, Duration timeout) {
        advices.add(advice);
        return acknowledgeAdvices
                ? CompletableFuture.completedFuture("00")
                : CompletableFuture.failedFuture(new IssuerUnavailableException("issuer down (scripted)", null));
    }

    public static CompletableFuture<IssuerAnswer> never() {
        return new CompletableFuture<>();
    }
}
