package dev.scalingadvisor.testbed.process;

/** A child process did not start or did not become ready; the message names it and quotes its log. */
public final class ProcessStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProcessStartException(String message) {
        super(message);
    }

    public ProcessStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
