package io.kessai.center.admin;

import io.javalin.http.Context;
import io.kessai.center.http.ApiException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code ?limit=&cursor=} of a list request: at most {@code limit} items (1 to {@value #MAX_LIMIT},
 * default {@value #DEFAULT_LIMIT}) whose keys sort after {@code cursor} (the {@code nextCursor} of the
 * previous page). Keyset paging: a record added or removed between pages never shifts the others.
 */
record PageRequest(int limit, String cursor, Map<String, String> filters) {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    static final int MAX_PARAMETER_CHARS = 64;
    private static final Set<String> PAGING_PARAMETERS = Set.of("limit", "cursor");

    /** Reads the page parameters and the filters this list allows; any other parameter is refused. */
    static PageRequest from(Context ctx, Set<String> allowedFilters) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!PAGING_PARAMETERS.contains(name) && !allowedFilters.contains(name)) {
                throw ApiException.badRequest("unknown_query_parameter", "query parameter " + name
                        + " is not known here; use limit, cursor" + (allowedFilters.isEmpty() ? "" : " or " + String.join(", ", allowedFilters)),
                        name);
            }
            if (ctx.queryParams(name).size() != 1) {
                throw ApiException.badRequest("invalid_query_parameter", "query parameter " + name + " must be given once", name);
            }
        }
        String limitText = ctx.queryParam("limit");
        int limit = DEFAULT_LIMIT;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ApiException.badRequest("invalid_query_parameter", "limit must be a whole number from 1 to " + MAX_LIMIT, "limit");
            }
        }
        Map<String, String> filters = new HashMap<>();
        for (String name : allowedFilters) {
            String value = ctx.queryParam(name);
            if (value != null) {
                filters.put(name, bounded(name, value));
            }
        }
        String cursor = ctx.queryParam("cursor");
        return new PageRequest(limit, cursor == null ? null : bounded("cursor", cursor), Map.copyOf(filters));
    }

    private static String bounded(String name, String value) {
        if (value.isEmpty() || value.length() > MAX_PARAMETER_CHARS) {
            throw ApiException.badRequest("invalid_query_parameter", name + " must be 1 to " + MAX_PARAMETER_CHARS + " characters", name);
        }
        return value;
    }
}
