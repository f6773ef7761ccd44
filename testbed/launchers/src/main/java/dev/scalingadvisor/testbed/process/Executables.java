package dev.scalingadvisor.testbed.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the Debian-packaged binaries the testbed runs, and says how to install one that is missing. */
public final class Executables {

    private Executables() {}

    /** The absolute path of {@code name} on the PATH, or a failure naming the apt package that provides it. */
    public static Path require(String name, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("'" + name + "' is not installed (not found on PATH " + path + "); "
                + "install it with: apt-get update && apt-get install -y " + debianPackage);
    }
}
