package io.dolphincluster.runtime.launcher;

import java.security.Security;
import java.util.Properties;
import java.util.function.BiConsumer;

/**
 * How long this JVM keeps DNS answers. The JDK reads {@code networkaddress.cache.ttl} and {@code
 * networkaddress.cache.negative.ttl} as security properties only: {@code
 * -Dnetworkaddress.cache.ttl=5} on {@code bin/dolphin}'s command line alone changes nothing
 * (answers would be kept 30 s), so the system properties are copied over before the first lookup. A
 * failed lookup is kept 1 s unless said otherwise: the JDK's 10 s would hide a pod's own name for
 * up to 10 s after DNS publishes it, while the process waits for that name to bind its ports. The
 * JDK's own system properties {@code sun.net.inetaddr.ttl} and {@code
 * sun.net.inetaddr.negative.ttl} win when set (the e2e harness sets them for its hosts file).
 */
final class DnsCachePolicy {
    static final String TTL = "networkaddress.cache.ttl";
    static final String NEGATIVE_TTL = "networkaddress.cache.negative.ttl";
    static final String JDK_TTL = "sun.net.inetaddr.ttl";
    static final String JDK_NEGATIVE_TTL = "sun.net.inetaddr.negative.ttl";
    static final String DEFAULT_NEGATIVE_TTL_SECONDS = "1";

    private DnsCachePolicy() {}

    /** Applies the policy to this JVM; call it before any name is looked up. */
    static void apply() {
        apply(System.getProperties(), Security::setProperty);
    }

    static void apply(Properties system, BiConsumer<String, String> securityProperty) {
        String ttl = system.getProperty(JDK_TTL, system.getProperty(TTL));
        if (ttl != null) securityProperty.accept(TTL, ttl);
        securityProperty.accept(
                NEGATIVE_TTL,
                system.getProperty(
                        JDK_NEGATIVE_TTL,
                        system.getProperty(NEGATIVE_TTL, DEFAULT_NEGATIVE_TTL_SECONDS)));
    }
}
