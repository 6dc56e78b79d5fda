package io.kessai.center.http;

import io.javalin.config.RoutesConfig;

/**
 * A part of the center that serves HTTP endpoints (admin API, terminal API, health). It registers its
 * routes once, before the server starts. Inside handlers:
 * <ul>
 *   <li>read bodies with {@link JsonBodies#read} (415, 400 {@code malformed_json}, {@code unknown_field} and
 *       {@code invalid_field} come for free);</li>
 *   <li>answer with {@link JsonResponses}; end a request with an error by throwing {@link ApiException};</li>
 *   <li>anything else thrown becomes a 500 {@code internal_error} with a request ID, details in the log.</li>
 * </ul>
 * A module documents its paths in a classpath resource {@code openapi/<name>.json} holding
 * {@code paths}, {@code components} and {@code tags}; {@code /openapi.json} merges them all.
 */
@FunctionalInterface
public interface HttpModule {
    void register(RoutesConfig routes);
}
