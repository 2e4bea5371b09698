package io.dolphincluster.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CrossSiteCheckTest {

    @Test
    void readsAlwaysPass() {
        assertThat(CrossSiteCheck.refusal("GET", "a:8900", "http://evil.com", "cross-site"))
                .isNull();
        assertThat(CrossSiteCheck.refusal("HEAD", "a:8900", "http://evil.com", null)).isNull();
    }

    @Test
    void aChangeFromThePageItselfOrFromNoBrowserPasses() {
        assertThat(CrossSiteCheck.refusal("POST", "a:8900", "http://a:8900", "same-origin"))
                .isNull();
        assertThat(CrossSiteCheck.refusal("PUT", "a:8900", null, "none"))
                .as("typed by the user")
                .isNull();
        assertThat(CrossSiteCheck.refusal("DELETE", "a:8900", "http://A:8900", null))
                .as("older browser, same origin")
                .isNull();
        assertThat(CrossSiteCheck.refusal("POST", "a:8900", "https://a:8900", null))
                .as("TLS: same host and port")
                .isNull();
        assertThat(CrossSiteCheck.refusal("POST", "a:8900", null, null))
                .as("curl, the Java clients")
                .isNull();
    }

    @Test
    void aChangeFromAnotherSitesPageIsRefused() {
        assertThat(CrossSiteCheck.refusal("POST", "a:8900", "http://evil.com", "cross-site"))
                .contains("Sec-Fetch-Site: cross-site");
        assertThat(CrossSiteCheck.refusal("POST", "a:8900", "http://a:8901", "same-site"))
                .contains("same-site");
        assertThat(CrossSiteCheck.refusal("PUT", "a:8900", "http://evil.com", null))
                .contains("http://evil.com");
        assertThat(CrossSiteCheck.refusal("DELETE", "a:8900", "http://a:8901", null))
                .as("another port")
                .isNotNull();
        assertThat(CrossSiteCheck.refusal("POST", "a:8900", "null", null))
                .as("an opaque origin")
                .isNotNull();
        assertThat(CrossSiteCheck.refusal("POST", null, "http://a:8900", null))
                .as("no Host to compare with")
                .isNotNull();
    }
}
