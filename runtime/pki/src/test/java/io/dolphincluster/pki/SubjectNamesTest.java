package io.dolphincluster.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubjectNamesTest {
    @Test
    void sortsNamesFromAddresses() {
        SubjectNames names =
                SubjectNames.parse(
                        List.of("127.0.0.1, Ctl1.Example", "::1", "*.dolphin.svc,127.0.0.1"));

        assertThat(names.dnsNames()).containsExactly("ctl1.example", "*.dolphin.svc");
        assertThat(names.addresses()).containsExactly("127.0.0.1", "::1");
        assertThat(names.first()).isEqualTo("ctl1.example");
    }

    @Test
    void refusesWhatIsNeither() {
        assertThatThrownBy(() -> SubjectNames.parse(List.of("bad host")))
                .hasMessageContaining("'bad host' is neither");
        assertThatThrownBy(() -> SubjectNames.parse(List.of("300.1.1.1")))
                .hasMessageContaining("not a valid IP address");
        assertThatThrownBy(() -> SubjectNames.parse(List.of(" , ")))
                .hasMessageContaining("no host name");
    }
}
