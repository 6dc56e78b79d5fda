package io.kessai.center.admin;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.kessai.center.http.ApiException;
import io.kessai.center.http.CardDataRedactor;
import io.kessai.center.http.HttpStatusCodes;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs before every admin endpoint (and before the 404 of an unknown admin path, so that the API's
 * shape is not discoverable without the token). Missing header, wrong scheme and wrong token all get
 * the same 401: the answer never says which part was wrong.
 */
final class AdminAuthentication implements Handler {
    static final String CHALLENGE = "Bearer realm=\"kessai-admin\"";
    private static final String BEARER = "bearer ";
    private static final Logger LOG = LoggerFactory.getLogger(AdminAuthentication.class);

    private final AdminToken token;

    AdminAuthentication(AdminToken token) {
        this.token = token;
    }

    @Override
    public void handle(Context ctx) {
        String header = ctx.header("Authorization");
        boolean bearer = header != null && header.length() > BEARER.length()
                && header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER);
        if (bearer && token.matches(header.substring(BEARER.length()).strip())) {
            return;
        }
        LOG.warn("admin API: refused {} {} from {} without a valid admin token", ctx.method(),
                CardDataRedactor.redact(ctx.path()), ctx.ip());
        ctx.header("WWW-Authenticate", CHALLENGE);
        throw new ApiException(HttpStatusCodes.UNAUTHORIZED, "unauthorized",
                "the admin API needs the header Authorization: Bearer <admin token>");
    }
}
