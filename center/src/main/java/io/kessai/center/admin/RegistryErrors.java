package io.kessai.center.admin;

import io.kessai.center.http.ApiError;
import io.kessai.center.http.HttpStatusCodes;
import io.kessai.center.registry.RegistryException;

/** How a refused registry change reads in HTTP: the registry's code and field, the matching status. */
final class RegistryErrors {
    private RegistryErrors() {}

    static int status(RegistryException e) {
        return switch (e.kind()) {
            case INVALID -> HttpStatusCodes.BAD_REQUEST;
            case NOT_FOUND -> HttpStatusCodes.NOT_FOUND;
            case CONFLICT -> HttpStatusCodes.CONFLICT;
            case UNKNOWN_REFERENCE -> HttpStatusCodes.UNPROCESSABLE_CONTENT;
        };
    }

    static ApiError error(RegistryException e) {
        return new ApiError(e.code(), e.getMessage(), e.field());
    }
}
