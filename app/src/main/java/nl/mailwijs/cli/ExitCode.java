package nl.mailwijs.cli;

/** The exit codes every sub-command uses. */
public final class ExitCode {

    public static final int OK = 0;
    /** Something went wrong inside Mailwijs; the message says what. */
    public static final int FAILURE = 1;
    /** Bad input or a bad command line: the message names the field, line or option. */
    public static final int BAD_INPUT = 2;
    /** The audit ran, but some rows could not be read and were left out (each is listed). */
    public static final int ROWS_REJECTED = 3;
    /** Not an exit code: the command started a server that keeps running. */
    public static final int KEEP_RUNNING = -1;

    private ExitCode() {
    }
}
