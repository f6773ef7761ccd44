package dev.scalingadvisor.testbed.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every child process this JVM started and has not stopped yet, stopped together by one shutdown hook. */
public final class RunningProcesses {

    private static final Set<ChildProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(RunningProcesses::stopAll, "testbed-stop-children"));
    }

    private RunningProcesses() {}

    static void register(ChildProcess child) {
        RUNNING.add(child);
    }

    static void deregister(ChildProcess child) {
        RUNNING.remove(child);
    }

    /** The children still running, e.g. to print their logs after a failure. */
    public static List<ChildProcess> all() {
        return List.copyOf(RUNNING);
    }

    /** Stops every child in parallel: a Flink cluster's JVMs each take seconds to shut down. */
    public static void stopAll() {
        List<Thread> stoppers = new ArrayList<>();
        for (ChildProcess child : List.copyOf(RUNNING)) {
            Thread stopper = new Thread(child::stop, "stop-" + child.name());
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
