package io.kessai.center.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.EndpointNotFound;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every failure end in the JSON error model: our own {@link ApiException}s, Javalin's HTTP
 * exceptions (unknown route, wrong method, body too large) and anything unexpected, which becomes a 500
 * whose message carries only the request ID to quote; the details go to the server log.
 */
final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {}

    static void install(JavalinConfig config) {
        config.routes.exception(ApiException.class, (e, ctx) -> JsonResponses.error(ctx, e.status(), e.error()));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            ApiError error = fromHttpResponse(e, ctx);
            JsonResponses.error(ctx, e.getStatus(), error);
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            if (DatabaseOutages.isOutage(e)) {
                LOG.warn("request {} {} failed: the database is unavailable ({})", ctx.method(),
                        CardDataRedactor.redact(ctx.path()), DatabaseOutages.describe(e));
                JsonResponses.error(ctx, HttpStatusCodes.SERVICE_UNAVAILABLE, new ApiError("database_unavailable",
                        "the database is unavailable; nothing was changed, try again shortly", null));
                return;
            }
            LOG.error("request {} {} failed (request ID {})", ctx.method(), CardDataRedactor.redact(ctx.path()),
                    RequestIds.of(ctx), CardDataRedactor.redactFailure(e));
            JsonResponses.error(ctx, HttpStatusCodes.INTERNAL_SERVER_ERROR, internalError(RequestIds.of(ctx)));
        });
        // Errors (assertions, out of memory) bypass exception handlers; answer in the same format anyway.
        config.router.javaLangErrorHandler((response, error) -> {
            LOG.error("request failed with {}", error.getClass().getName(), CardDataRedactor.redactFailure(error));
            try {
                response.setStatus(HttpStatusCodes.INTERNAL_SERVER_ERROR);
                response.setContentType(JsonResponses.JSON_CONTENT_TYPE);
                response.getOutputStream().write(Json.MAPPER.writeValueAsString(
                        internalError("unknown").asBody()).getBytes(StandardCharsets.UTF_8));
            } catch (IOException | IllegalStateException writeFailure) {
                LOG.warn("could not write the error answer: {}", writeFailure.getMessage());
            }
        });
    }

    static ApiError internalError(String requestId) {
        return new ApiError("internal_error",
                "the server failed to handle this request; quote request ID " + requestId + " when reporting it", null);
    }

    private static ApiError fromHttpResponse(HttpResponseException e, Context ctx) {
        if (e instanceof EndpointNotFound) {
            return new ApiError("not_found", "there is no endpoint " + ctx.method() + " " + ctx.path(), null);
        }
        return switch (e.getStatus()) {
            case HttpStatusCodes.NOT_FOUND -> new ApiError("not_found", "not found: " + ctx.path(), null);
            case HttpStatusCodes.METHOD_NOT_ALLOWED -> new ApiError("method_not_allowed",
                    ctx.method() + " is not allowed on " + ctx.path(), null);
            case HttpStatusCodes.CONTENT_TOO_LARGE -> new ApiError("request_too_large",
                    "the request body is larger than the server accepts", null);
            case HttpStatusCodes.UNSUPPORTED_MEDIA_TYPE -> new ApiError("unsupported_media_type",
                    "the request body must be application/json", null);
            case HttpStatusCodes.UNAUTHORIZED -> new ApiError("unauthorized", "authentication required", null);
            case HttpStatusCodes.FORBIDDEN -> new ApiError("forbidden", "not allowed", null);
            default -> new ApiError(e.getStatus() >= HttpStatusCodes.INTERNAL_SERVER_ERROR ? "internal_error" : "bad_request",
                    "the request could not be handled (HTTP " + e.getStatus() + ")", null);
        };
    }
}
