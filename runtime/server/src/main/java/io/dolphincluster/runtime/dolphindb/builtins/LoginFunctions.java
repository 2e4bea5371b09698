package io.dolphincluster.runtime.dolphindb.builtins;

import io.dolphincluster.runtime.auth.Authenticator;
import io.dolphincluster.runtime.auth.Principal;
import io.dolphincluster.runtime.dolphindb.data.Nothing;
import io.dolphincluster.runtime.dolphindb.data.Vec;
import io.dolphincluster.runtime.dolphindb.script.FunctionRegistry;
import io.dolphincluster.runtime.dolphindb.script.ScriptException;
import io.dolphincluster.runtime.dolphindb.wire.ApiSession;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code getDynamicPublicKey()}, {@code login(user, password)} (plain, as the JavaScript API and
 * {@code login(u, p, false)} send it) or {@code login(encryptedUser, encryptedPassword, true)}
 * (what {@code connect} sends), checked against the cluster's users (a member node's credential is
 * not a DolphinDB login); {@code logout()}. SCRAM is not offered: {@code scramClientFirst} is
 * unknown, and clients fall back.
 */
final class LoginFunctions {
    static final String WRONG = "The user name or password is incorrect.";
    private static final Logger LOG = LoggerFactory.getLogger(LoginFunctions.class);

    private LoginFunctions() {}

    static void register(
            FunctionRegistry registry, Authenticator authenticator, RsaKeys keys, String alias) {
        registry.add("getDynamicPublicKey", 0, 0, (in, args) -> Vec.ofString(keys.publicKeyPem()));
        registry.add(
                "login",
                2,
                3,
                (in, args) -> {
                    boolean encrypted = Args.bool("login", args, 2, false);
                    String user = Args.string("login", args, 0);
                    String password = Args.string("login", args, 1);
                    if (encrypted) {
                        user = keys.decrypt(user);
                        password = keys.decrypt(password);
                    }
                    ApiSession session = in.request().session();
                    Optional<Principal> principal = login(authenticator, user, password, alias);
                    if (principal.isEmpty() || principal.get().isNode()) {
                        LOG.info(
                                "[{}] DolphinDB login refused for user {} from {}",
                                alias,
                                printable(user),
                                session.remote());
                        throw new ScriptException(WRONG);
                    }
                    session.login(principal.get());
                    return Vec.bool(true);
                });
        registry.add(
                "logout",
                0,
                2,
                (in, args) -> {
                    in.request().session().logout();
                    return Nothing.INSTANCE;
                });
    }

    private static Optional<Principal> login(
            Authenticator authenticator, String user, String password, String alias) {
        try {
            return authenticator.login(user, password);
        } catch (RuntimeException e) {
            LOG.warn("[{}] the authenticator failed for user {}", alias, printable(user), e);
            return Optional.empty();
        }
    }

    static String printable(String text) {
        String shown = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return shown.replaceAll("[^\\p{Print}]", "?");
    }
}
