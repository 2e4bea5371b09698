package io.dolphincluster.runtime.http;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a request that changes something may have been made by another site's page in a browser
 * (CSRF: a browser that remembers credentials typed into its password dialog would send them
 * along). Reads ({@code GET}, {@code HEAD}, {@code OPTIONS}) always pass; another site's page
 * cannot read their answers. A change is refused when the browser says it is cross-site or
 * same-site but not same-origin ({@code Sec-Fetch-Site}), or, from a browser that does not send
 * that, when its {@code Origin} is not this server as the {@code Host} header names it (an opaque
 * {@code null} origin included). Requests with neither header (curl, the project's clients, the
 * operator) pass: they are no browser's.
 */
public final class CrossSiteCheck {
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private CrossSiteCheck() {}

    /** Why the request is refused, or null when it passes. Header names are lower case. */
    public static String refusal(String method, String host, String origin, String fetchSite) {
        if (READS.contains(method)) return null;
        if (fetchSite != null) {
            String site = fetchSite.strip().toLowerCase(Locale.ROOT);
            return site.equals("same-origin") || site.equals("none")
                    ? null
                    : "a "
                            + method
                            + " from another site's page (Sec-Fetch-Site: "
                            + site
                            + ") is refused";
        }
        if (origin == null) return null;
        String authority = authorityOf(origin);
        if (authority != null && host != null && authority.equalsIgnoreCase(host.strip()))
            return null;
        return "a " + method + " from the page of another origin (" + origin + ") is refused";
    }

    private static String authorityOf(String origin) {
        try {
            URI uri = new URI(origin.strip());
            return uri.getRawAuthority();
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
