package dev.scalingadvisor.testbed.process;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What the testbed's servers listen on, from {@code ss}: tests check that every socket is on loopback. */
public final class ListeningSockets {

    /** A listening address on 127.0.0.1, as {@code ss} prints it for an IPv4 or a dual-stack socket. */
    public static final String LOOPBACK_ADDRESS = "(127\\.0\\.0\\.1|\\[::ffff:127\\.0\\.0\\.1\\]):\\d+";

    private ListeningSockets() {}

    /** The JVMs this test JVM started, through their watchdogs. */
    public static List<Long> javaDescendants() {
        return ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().command().orElse("").endsWith("java"))
                .map(ProcessHandle::pid)
                .toList();
    }

    /** Local addresses of the listening TCP sockets owned by these processes. */
    public static List<String> of(List<Long> pids) throws Exception {
        Process ss =
                new ProcessBuilder("ss", "-ltnpH").redirectErrorStream(true).start();
        String output = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor();
        List<String> addresses = new ArrayList<>();
        for (String line : output.lines().toList()) {
            if (pids.stream().anyMatch(pid -> line.contains("pid=" + pid + ","))) {
                addresses.add(line.trim().split("\\s+")[3]);
            }
        }
        return addresses;
    }
}
