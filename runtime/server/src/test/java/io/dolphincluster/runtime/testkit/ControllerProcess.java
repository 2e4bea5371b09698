package io.dolphincluster.runtime.testkit;

import java.nio.file.Path;

/**
 * One controller run as a real process of {@code bin/dolphin} on its machine, from its own directory laid out as the
 * seed lays out a server ({@code config/}, {@code data/}, {@code log/}), with the seed's flags.
 */
public final class ControllerProcess extends NodeProcess {
    private final int port;

    ControllerProcess(String alias, Machine machine, int port, Path dir) {
        super(alias, "controller", dir, machine);
        this.port = port;
    }

    public int port() {
        return port;
    }

    public String site() {
        return machine().host() + ":" + port;
    }

    public AdminClient admin() {
        return new AdminClient("http://" + site());
    }
}
