package dev.scalingadvisor.actions.fake;

import dev.scalingadvisor.actions.rescale.RescaleEvent;
import dev.scalingadvisor.actions.rescale.RescaleListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Keeps every rescale event, for assertions. */
public final class RecordingListener implements RescaleListener {

    private final List<RescaleEvent> events = new ArrayList<>();
    private final Map<Class<? extends RescaleEvent>, Runnable> actions = new HashMap<>();

    @Override
    public void on(RescaleEvent event) {
        Runnable action;
        synchronized (this) {
            events.add(event);
            action = actions.getOrDefault(event.getClass(), () -> {});
        }
        // Outside the lock: an action may wait for the rescale, which may be telling another event meanwhile.
        action.run();
    }

    /**
     * Runs {@code action} whenever an event of {@code type} is told, on the thread that tells it: the rescale's own,
     * or for {@link RescaleEvent.Started} the one that tells it beside the rescale.
     */
    public synchronized RecordingListener when(Class<? extends RescaleEvent> type, Runnable action) {
        actions.put(type, action);
        return this;
    }

    public synchronized List<RescaleEvent> events() {
        return List.copyOf(events);
    }

    public synchronized List<String> kinds() {
        return events.stream().map(e -> e.kind().historyName()).toList();
    }
}
