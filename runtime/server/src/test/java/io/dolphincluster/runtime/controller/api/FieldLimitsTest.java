package io.dolphincluster.runtime.controller.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolphincluster.runtime.http.ApiException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldLimitsTest {

    @Test
    void aValueUpToTheLimitPassesAndOneCharacterMoreIsA400NamingTheFieldAndTheLimit() {
        assertThat(
                        FieldLimits.bounded(
                                "value",
                                "x".repeat(FieldLimits.CONFIG_VALUE),
                                FieldLimits.CONFIG_VALUE))
                .hasSize(4096);
        assertThat(FieldLimits.bounded("zone", null, FieldLimits.ZONE)).isNull();
        assertThatThrownBy(
                        () ->
                                FieldLimits.bounded(
                                        "value",
                                        "x".repeat(FieldLimits.CONFIG_VALUE + 1),
                                        FieldLimits.CONFIG_VALUE))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessage("value is 4097 characters long; at most 4096 are allowed");
    }

    @Test
    void aListIsBoundedByItsItems() {
        List<String> members = Collections.nCopies(FieldLimits.MEMBERS + 1, "controller1");
        assertThat(
                        FieldLimits.boundedItems(
                                "expectedMembers",
                                members.subList(0, FieldLimits.MEMBERS),
                                FieldLimits.MEMBERS))
                .hasSize(64);
        assertThatThrownBy(
                        () ->
                                FieldLimits.boundedItems(
                                        "expectedMembers", members, FieldLimits.MEMBERS))
                .hasMessage("expectedMembers has 65 items; at most 64 are allowed");
    }
}
