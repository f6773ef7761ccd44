package dev.scalingadvisor.testbed.process;

/** One look at whether a starting server is ready yet; an exception counts as "not yet" and is reported on timeout. */
@FunctionalInterface
public interface ReadinessCheck {

    boolean ready() throws Exception;
}
