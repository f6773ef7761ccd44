package dev.scalingadvisor.advisor.daemon;

/** The daemon could not start; the message says what failed and what to do. Nothing is left running. */
public final class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
