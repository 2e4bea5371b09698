package io.dolphincluster.runtime.http;

/**
 * Who may call a {@link Route}; every route declares one, and {@link RequestDispatcher} enforces it
 * before the handler runs. Without credentials, or with wrong ones, every route but a {@link
 * #PUBLIC} one answers 401; with credentials that lack the access, 403.
 */
public enum Access {
    /**
     * Anyone, without credentials: health, readiness, metrics, the page's static files. Reveals and
     * changes nothing.
     */
    PUBLIC,
    /** Any user (admin or reader) or member node: reads. */
    USER,
    /** An admin user or a member node: changes to the cluster, its data or its users. */
    ADMIN,
    /**
     * A member node only (the cluster credential): registration, heartbeats, replica states,
     * internal reads.
     */
    MEMBER
}
