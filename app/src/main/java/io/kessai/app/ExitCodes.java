package io.kessai.app;

/** The exit codes every kessai subcommand keeps, so scripts can rely on them. */
public final class ExitCodes {
    /** Done; for a payment: approved. */
    public static final int OK = 0;
    /** The command ran but the answer is "no": refused envelope, declined payment, failed check. */
    public static final int REFUSED = 1;
    /** A bad argument: one line on stderr names it. */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
