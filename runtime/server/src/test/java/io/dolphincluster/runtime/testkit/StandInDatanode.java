package io.dolphincluster.runtime.testkit;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A stand-in for {@code bin/dolphin -mode datanode} in agent tests: prints the command line it was
 * given and waits until it is stopped (printing that it got SIGTERM). {@link #command()} is the
 * agent's {@code datanodeCommand} that runs it.
 */
public final class StandInDatanode {
    private StandInDatanode() {}

    public static void main(String[] args) throws InterruptedException {
        System.out.println("stand-in datanode started with: " + String.join(" ", args));
        System.out.flush();
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> System.out.println("stand-in datanode stopping")));
        new CountDownLatch(1).await();
    }

    /** A small JVM running this class from the test classes directory. */
    public static String command() {
        try {
            Path classes =
                    Path.of(
                            StandInDatanode.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            return java
                    + " -Xmx32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "
                    + classes
                    + " "
                    + StandInDatanode.class.getName();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
