package io.kessai.center.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before a request reaches Javalin (a malformed request line, headers too
 * large, a bad URI), in the same JSON error model as every endpoint, and without Jetty's HTML page,
 * server version or stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final HttpField JSON_CONTENT_TYPE = new HttpField(HttpHeader.CONTENT_TYPE, JsonResponses.JSON_CONTENT_TYPE);

    JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowOrigin(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        response.getHeaders().put(JSON_CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    private static byte[] body(int status) {
        ApiError error = switch (status) {
            case HttpStatusCodes.BAD_REQUEST -> new ApiError("bad_request", "the HTTP request is malformed", null);
            case HttpStatusCodes.NOT_FOUND -> new ApiError("not_found", "not found", null);
            case HttpStatusCodes.CONTENT_TOO_LARGE -> new ApiError("request_too_large",
                    "the request is larger than the server accepts", null);
            case HttpStatusCodes.REQUEST_HEADER_FIELDS_TOO_LARGE -> new ApiError("headers_too_large", "the request headers are larger than the server accepts", null);
            default -> status >= HttpStatusCodes.INTERNAL_SERVER_ERROR
                    ? new ApiError("internal_error", "the server failed to handle this request", null)
                    : new ApiError("bad_request", "the request could not be handled (HTTP " + status + ")", null);
        };
        try {
            return Json.MAPPER.writeValueAsBytes(error.asBody());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an error as JSON", e);
        }
    }
}
