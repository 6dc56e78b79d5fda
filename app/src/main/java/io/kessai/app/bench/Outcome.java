package io.kessai.app.bench;

/** What one request of a load run ended with, as the phone sees it. */
enum Outcome {
    APPROVED, DECLINED, REENTER, UNAVAILABLE,
    /** No answer of the terminal API (HTTP error, timeout, unreadable body). */
    ERROR;

    /** The {@code outcome} field of the terminal API's JSON (docs/api/terminal.md). */
    static Outcome ofApi(String value) {
        return switch (value) {
            case "approved" -> APPROVED;
            case "declined" -> DECLINED;
            case "reenter" -> REENTER;
            case "unavailable" -> UNAVAILABLE;
            default -> throw new IllegalArgumentException("not an outcome of the terminal API: '" + value + "'");
        };
    }
}
