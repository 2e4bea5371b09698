package io.dolphincluster.runtime.testkit;

import java.nio.file.Path;

/**
 * One controller run as a real process of {@code bin/dolphin}, from its own directory laid out as the
 * seed lays out a server ({@code config/}, {@code data/}, {@code log/}), with the seed's flags.
 */
public final class ControllerProcess extends NodeProcess {
    private final int port;

    ControllerProcess(String alias, int port, Path dir) {
        super(alias, "controller", dir);
        this.port = port;
    }

    public int port() {
        return port;
    }

    public String site() {
        return "127.0.0.1:" + port;
    }

    public AdminClient admin() {
        return new AdminClient("http://" + site());
    }
}
