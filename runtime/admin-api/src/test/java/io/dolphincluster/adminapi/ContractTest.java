package io.dolphincluster.adminapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void pathsFillTheirParametersInOrderPercentEncoded() {
        assertThat(AdminRoutes.REMOVE_MEMBER.path("c2")).isEqualTo("/api/admin/members/c2");
        assertThat(AdminRoutes.SET_REPLICA.path("db~t~a b/c", "dn1"))
                .isEqualTo("/api/chunks/db%7Et%7Ea%20b%2Fc/replicas/dn1");
        assertThat(AdminRoutes.REMOVE_MEMBER.pathWithQuery("expectedMembers", "c1,c2", "c3"))
                .isEqualTo("/api/admin/members/c3?expectedMembers=c1%2Cc2");
        assertThat(AdminRoutes.LEADER.path()).isEqualTo("/api/leader");
        assertThatThrownBy(() -> AdminRoutes.DRAIN.path())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AdminRoutes.LEADER.path("x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyRouteIsDefinedOnce() throws Exception {
        Set<String> seen = new HashSet<>();
        for (var field : AdminRoutes.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())) continue;
            Endpoint endpoint = (Endpoint) field.get(null);
            assertThat(seen.add(endpoint.toString())).as(endpoint.toString()).isTrue();
            assertThat(endpoint.pattern()).startsWith("/api/");
        }
        assertThat(seen).hasSizeGreaterThan(30);
    }

    /** The wire's field names, as the server has always read and written them. */
    @Test
    void recordsKeepTheWireFieldNames() throws Exception {
        assertThat(JSON.writeValueAsString(new AddMember("c4", "h:8900", List.of("c1"))))
                .isEqualTo("{\"alias\":\"c4\",\"site\":\"h:8900\",\"expectedMembers\":[\"c1\"]}");
        assertThat(JSON.writeValueAsString(new UserSetting("pw", "admin")))
                .isEqualTo("{\"password\":\"pw\",\"role\":\"admin\"}");
        assertThat(
                        JSON.writeValueAsString(
                                new Registration("d1", "h:1", "datanode", "m", "", null)))
                .isEqualTo(
                        "{\"alias\":\"d1\",\"site\":\"h:1\",\"mode\":\"datanode\",\"machine\":\"m\",\"zone\":\"\"}");
        assertThat(JSON.writeValueAsString(new ReplicaUpdate(true, 7L, 3L)))
                .isEqualTo("{\"inSync\":true,\"version\":7,\"expectedEpoch\":3}");
        Members members =
                JSON.readValue(
                        "{\"members\":[{\"alias\":\"c1\",\"site\":\"a:1\",\"raftAddress\":\"a:2\",\"new\":1}]}",
                        Members.class);
        assertThat(members.aliases()).isEqualTo(List.of("c1"));
        DrainProgress drain =
                JSON.readValue(
                        "{\"alias\":\"d1\",\"draining\":true,\"replicas\":2,\"state\":\"UP\"}",
                        DrainProgress.class);
        assertThat(drain).isEqualTo(new DrainProgress("d1", true, 2, "UP"));
        assertThat(
                        Arrays.stream(NodesAnswer.NodeRow.class.getRecordComponents())
                                .map(c -> c.getName()))
                .contains("alias", "mode", "state", "draining", "lastHeartbeatMillis");
    }
}
