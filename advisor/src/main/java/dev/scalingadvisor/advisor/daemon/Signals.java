package dev.scalingadvisor.advisor.daemon;

import sun.misc.Signal;

/**
 * The Unix signals a daemon answers: SIGHUP reloads the configuration, SIGTERM and SIGINT stop it
 * cleanly. Handling SIGTERM ourselves (instead of through a JVM shutdown hook) lets a clean stop exit 0
 * rather than 143. {@code sun.misc.Signal} is the JDK's only signal API; it is exported by jdk.unsupported.
 */
public final class Signals {

    private Signals() {}

    public static void onHangup(Runnable action) {
        Signal.handle(new Signal("HUP"), signal -> action.run());
    }

    public static void onTerminate(Runnable action) {
        Signal.handle(new Signal("TERM"), signal -> action.run());
        Signal.handle(new Signal("INT"), signal -> action.run());
    }
}
