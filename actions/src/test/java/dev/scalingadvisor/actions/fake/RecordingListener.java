package dev.scalingadvisor.actions.fake;

import dev.scalingadvisor.actions.rescale.RescaleEvent;
import dev.scalingadvisor.actions.rescale.RescaleListener;
import java.util.ArrayList;
import java.util.List;

/** Keeps every rescale event, for assertions. */
public final class RecordingListener implements RescaleListener {

    private final List<RescaleEvent> events = new ArrayList<>();
    private Runnable onSavepoint = () -> {};

    @Override
    public synchronized void on(RescaleEvent event) {
        events.add(event);
        if (event instanceof RescaleEvent.SavepointTaken) {
            onSavepoint.run();
        }
    }

    /** Runs {@code action} on the rescale's thread when the savepoint was taken (before the resubmission). */
    public synchronized RecordingListener onSavepoint(Runnable action) {
        onSavepoint = action;
        return this;
    }

    public synchronized List<RescaleEvent> events() {
        return List.copyOf(events);
    }

    public synchronized List<String> kinds() {
        return events.stream().map(e -> e.kind().historyName()).toList();
    }
}
