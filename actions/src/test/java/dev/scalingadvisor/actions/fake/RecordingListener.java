package dev.scalingadvisor.actions.fake;

import dev.scalingadvisor.actions.rescale.RescaleEvent;
import dev.scalingadvisor.actions.rescale.RescaleListener;
import java.util.ArrayList;
import java.util.List;

/** Keeps every rescale event, for assertions. */
public final class RecordingListener implements RescaleListener {

    private final List<RescaleEvent> events = new ArrayList<>();
    private Runnable onSavepoint = () -> {};
    private Runnable onStarted = () -> {};

    @Override
    public void on(RescaleEvent event) {
        Runnable action;
        synchronized (this) {
            events.add(event);
            action = event instanceof RescaleEvent.SavepointTaken
                    ? onSavepoint
                    : event instanceof RescaleEvent.Started ? onStarted : () -> {};
        }
        // Outside the lock: an action may wait for the rescale, which may be telling another event meanwhile.
        action.run();
    }

    /** Runs {@code action} when the rescale's start is told, on whichever thread tells it. */
    public synchronized RecordingListener onStarted(Runnable action) {
        onStarted = action;
        return this;
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
