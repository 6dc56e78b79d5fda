package io.kessai.center.wallet;

import io.kessai.center.http.ApiException;

/** The wallet's error answers: one stable code per thing that can be wrong (docs/api/wallet.md). */
final class WalletErrors {
    static final int BAD_REQUEST = 400;
    static final int UNAUTHORIZED = 401;
    static final int FORBIDDEN = 403;
    static final int NOT_FOUND = 404;
    static final int CONFLICT = 409;
    static final int GONE = 410;
    static final int UNPROCESSABLE = 422;
    static final int LOCKED = 423;
    static final int TOO_MANY = 429;
    static final int UNAVAILABLE = 503;

    private WalletErrors() {}

    static ApiException of(int status, String code, String message) {
        return new ApiException(status, code, message);
    }

    static ApiException of(int status, String code, String message, String field) {
        return new ApiException(status, code, message, field);
    }

    static ApiException invalid(String field, String message) {
        return ApiException.badRequest("invalid_field", message, field);
    }

    static ApiException required(String field) {
        return ApiException.badRequest("missing_field", field + " is required", field);
    }
}
