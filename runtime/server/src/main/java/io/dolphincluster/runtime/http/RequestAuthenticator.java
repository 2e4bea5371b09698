package io.dolphincluster.runtime.http;

import io.dolphincluster.runtime.auth.Principal;
import java.util.concurrent.CompletableFuture;

/**
 * Finds who made a request from its credentials. The future fails with a 401 {@link ApiException}
 * when the request carries none, or wrong ones; it may complete on another thread (password hashing
 * runs off the event loop).
 */
@FunctionalInterface
public interface RequestAuthenticator {
    CompletableFuture<Principal> authenticate(ApiRequest request);
}
