package io.dolphincluster.runtime.dolphindb;

import java.time.Duration;

/** Access to {@link FrontEndFixture} for tests in other packages. */
public final class FrontEndFixtures {
    private FrontEndFixtures() {}

    public static AutoCloseable start() throws InterruptedException {
        return new FrontEndFixture(Duration.ofSeconds(30));
    }

    public static int port(AutoCloseable fixture) {
        return ((FrontEndFixture) fixture).port();
    }
}
