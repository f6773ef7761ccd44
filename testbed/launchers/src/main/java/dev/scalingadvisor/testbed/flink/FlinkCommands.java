package dev.scalingadvisor.testbed.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the java command lines of Flink's JobManager and TaskManager the way Flink's shell scripts would,
 * including the memory arguments that only {@code BashJavaUtils} knows how to compute.
 */
final class FlinkCommands {

    private static final String JOB_MANAGER_MAIN =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";

    /** What Flink's shipped config adds for Java 17: Flink reflects into these JDK packages. */
    private static final List<String> JAVA_17_OPENS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private final Path lib;
    private final Path confDir;
    private final MemoryArguments jobManagerMemory;
    private final MemoryArguments taskManagerMemory;

    /** Computes both processes' memory arguments from the config in {@code confDir} (two short JVM runs). */
    FlinkCommands(Path lib, Path confDir) {
        this.lib = lib;
        this.confDir = confDir;
        this.jobManagerMemory = memoryArguments("GET_JM_RESOURCE_PARAMS");
        this.taskManagerMemory = memoryArguments("GET_TM_RESOURCE_PARAMS");
    }

    List<String> jobManager(List<String> dynamicProperties) {
        return command(jobManagerMemory, JOB_MANAGER_MAIN, dynamicProperties);
    }

    List<String> taskManager(List<String> dynamicProperties) {
        return command(taskManagerMemory, TASK_MANAGER_MAIN, dynamicProperties);
    }

    private List<String> command(MemoryArguments memory, String mainClass, List<String> dynamicProperties) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(JAVA_17_OPENS);
        command.addAll(memory.jvmArguments());
        command.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j2.properties"));
        command.add("-cp");
        command.add(lib + "/*");
        command.add(mainClass);
        command.add("--configDir");
        command.add(confDir.toString());
        command.addAll(memory.dynamicProperties());
        for (String property : dynamicProperties) {
            command.add("-D");
            command.add(property);
        }
        return command;
    }

    private MemoryArguments memoryArguments(String request) {
        List<String> command = List.of(
                javaBinary(),
                "-Dlog4j.configurationFile=" + confDir.resolve("log4j2.properties"),
                "-cp",
                lib + "/*",
                "org.apache.flink.runtime.util.bash.BashJavaUtils",
                request,
                "--configDir",
                confDir.toString());
        try {
            Path output = Files.createTempFile(confDir, "bash-java-utils", ".out");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("BashJavaUtils " + request + " did not finish within 60 s");
            }
            List<String> results = new ArrayList<>();
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            for (String line : lines) {
                if (line.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:")) {
                    results.add(line.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length())
                            .trim());
                }
            }
            if (process.exitValue() != 0 || results.size() < 2) {
                throw new IllegalStateException(
                        "BashJavaUtils " + request + " could not compute Flink's memory settings (exit "
                                + process.exitValue() + "):\n" + String.join("\n", lines));
            }
            return new MemoryArguments(split(results.get(0)), split(results.get(1)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run BashJavaUtils " + request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running BashJavaUtils", e);
        }
    }

    private static List<String> split(String arguments) {
        return arguments.isBlank() ? List.of() : Arrays.asList(arguments.trim().split("\\s+"));
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The JVM arguments and {@code -D} dynamic properties BashJavaUtils printed for one kind of process. */
    private record MemoryArguments(List<String> jvmArguments, List<String> dynamicProperties) {}
}
