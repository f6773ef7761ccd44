package dev.scalingadvisor.actions.rescale;

/**
 * Receives every event of every rescale: the daemon turns them into notifications and decision-history rows.
 * Called on the thread that runs the rescale, in order; it should hand the event on and return quickly.
 * An exception it throws is logged and does not stop the rescale.
 */
@FunctionalInterface
public interface RescaleListener {

    void on(RescaleEvent event);

    static RescaleListener none() {
        return event -> {};
    }
}
