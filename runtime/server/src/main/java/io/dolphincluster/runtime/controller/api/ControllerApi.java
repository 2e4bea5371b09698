package io.dolphincluster.runtime.controller.api;

import io.dolphincluster.adminapi.AddMember;
import io.dolphincluster.adminapi.AdminRoutes;
import io.dolphincluster.adminapi.ConfigValue;
import io.dolphincluster.adminapi.Heartbeat;
import io.dolphincluster.adminapi.LeaderAnswer;
import io.dolphincluster.adminapi.Members;
import io.dolphincluster.adminapi.NodesAnswer;
import io.dolphincluster.adminapi.RaftStatus;
import io.dolphincluster.adminapi.Registration;
import io.dolphincluster.adminapi.TransferLeadership;
import io.dolphincluster.runtime.AsyncFailure;
import io.dolphincluster.runtime.config.NodeMode;
import io.dolphincluster.runtime.config.Site;
import io.dolphincluster.runtime.controller.leader.LeaderRouting;
import io.dolphincluster.runtime.controller.leader.LivenessMonitor;
import io.dolphincluster.runtime.controller.raft.ControllerGroup;
import io.dolphincluster.runtime.controller.raft.MembershipAdmin;
import io.dolphincluster.runtime.http.Access;
import io.dolphincluster.runtime.http.ApiException;
import io.dolphincluster.runtime.http.ApiRequest;
import io.dolphincluster.runtime.http.ApiResponse;
import io.dolphincluster.runtime.http.Route;
import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.metadata.ColumnDef;
import io.dolphincluster.runtime.metadata.CommandResult;
import io.dolphincluster.runtime.metadata.MetadataCommand;
import io.dolphincluster.runtime.metadata.NodeInfo;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The controller's JSON/HTTP admin API for nodes, databases, tables, configuration and membership
 * (chunks are in {@link ChunkApi}, users in {@link UserApi}). Reads are answered by any controller
 * from its own state; writes are accepted by the leader only, and a follower answers them with a
 * 307 redirect naming the leader (503 when no leader is known). Every route declares who may call
 * it ({@link Access}).
 */
public final class ControllerApi {
    private static final org.slf4j.Logger log =
            org.slf4j.LoggerFactory.getLogger(ControllerApi.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,62}");
    private static final Pattern CONFIG_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");
    private static final long TRANSFER_TIMEOUT_MILLIS = 10_000;

    record CreateDatabaseRequest(String name, String partitionScheme) {}

    record CreateTableRequest(
            String database, String name, List<ColumnDef> columns, String partitionColumn) {}

    private final String alias;
    private final ControllerGroup group;
    private final ClusterMetadata metadata;
    private final LeaderRouting routing;
    private final MembershipAdmin membership;
    private final LivenessMonitor liveness;
    private final int replicationFactor;

    public ControllerApi(
            String alias,
            ControllerGroup group,
            ClusterMetadata metadata,
            LeaderRouting routing,
            MembershipAdmin membership,
            LivenessMonitor liveness,
            int replicationFactor) {
        this.replicationFactor = replicationFactor;
        this.alias = alias;
        this.group = group;
        this.metadata = metadata;
        this.routing = routing;
        this.membership = membership;
        this.liveness = liveness;
    }

    public List<Route> routes() {
        return List.of(
                new Route(
                        AdminRoutes.HEALTH,
                        Access.PUBLIC,
                        r -> ok(Map.of("status", "UP", "alias", alias))),
                new Route(AdminRoutes.READY, Access.PUBLIC, r -> ready()),
                new Route(AdminRoutes.LEADER, Access.USER, r -> leader()),
                new Route(AdminRoutes.RAFT, Access.USER, r -> ok(group.status())),
                new Route(AdminRoutes.NODES, Access.USER, r -> nodes()),
                new Route(AdminRoutes.METADATA, Access.USER, r -> metadata(r)),
                new Route(AdminRoutes.CONFIG, Access.USER, r -> ok(metadata.snapshot().config())),
                new Route(AdminRoutes.REGISTER, Access.MEMBER, r -> onLeader(r, () -> register(r))),
                new Route(
                        AdminRoutes.HEARTBEAT, Access.MEMBER, r -> onLeader(r, () -> heartbeat(r))),
                new Route(
                        AdminRoutes.CREATE_DATABASE,
                        Access.ADMIN,
                        r -> onLeader(r, () -> createDatabase(r))),
                new Route(
                        AdminRoutes.CREATE_TABLE,
                        Access.ADMIN,
                        r -> onLeader(r, () -> createTable(r))),
                new Route(
                        AdminRoutes.DROP_DATABASE,
                        Access.ADMIN,
                        r ->
                                onLeader(
                                        r,
                                        () ->
                                                commit(
                                                        new MetadataCommand.DropDatabase(
                                                                bounded(r, "name"))))),
                new Route(
                        AdminRoutes.DROP_TABLE,
                        Access.ADMIN,
                        r ->
                                onLeader(
                                        r,
                                        () ->
                                                commit(
                                                        new MetadataCommand.DropTable(
                                                                bounded(r, "name"),
                                                                bounded(r, "table"))))),
                new Route(
                        AdminRoutes.SET_CONFIG, Access.ADMIN, r -> onLeader(r, () -> setConfig(r))),
                new Route(
                        AdminRoutes.SET_NODE_CONFIG,
                        Access.ADMIN,
                        r -> onLeader(r, () -> setNodeConfig(r))),
                new Route(AdminRoutes.MEMBERS, Access.USER, r -> ok(members())),
                new Route(
                        AdminRoutes.ADD_MEMBER, Access.ADMIN, r -> onLeader(r, () -> addMember(r))),
                new Route(
                        AdminRoutes.REMOVE_MEMBER,
                        Access.ADMIN,
                        r -> onLeader(r, () -> removeMember(r))),
                new Route(
                        AdminRoutes.TRANSFER_LEADERSHIP,
                        Access.ADMIN,
                        r -> onLeader(r, () -> transferLeadership(r))));
    }

    /**
     * Any controller's copy; with {@code ?leader=true} the leader's only (a follower redirects),
     * which is what datanodes ask for: they act on it, and a follower's copy may lag behind.
     */
    private CompletableFuture<ApiResponse> metadata(ApiRequest request) {
        Supplier<CompletableFuture<ApiResponse>> answer =
                () -> ok(PublicMetadata.of(metadata.versioned(), replicationFactor));
        return "true".equals(request.queryParam("leader"))
                ? onLeader(request, answer)
                : answer.get();
    }

    private CompletableFuture<ApiResponse> ready() {
        RaftStatus status = group.status();
        boolean ready = status.ready();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", ready);
        body.put("alias", alias);
        body.put("leader", status.leader());
        body.put("member", status.hasMember(alias));
        return CompletableFuture.completedFuture(ApiResponse.status(ready ? 200 : 503, body));
    }

    /** {@code getActiveMaster()}: the leader's alias and term, as this controller knows them. */
    private CompletableFuture<ApiResponse> leader() {
        RaftStatus status = group.status();
        if (status.leader() == null)
            throw ApiException.unavailable("no leader is known to " + alias);
        return ok(new LeaderAnswer(status.leader(), status.leaderSite(), status.term(), alias));
    }

    private Members members() {
        return new Members(group.status().members());
    }

    private CompletableFuture<ApiResponse> nodes() {
        RaftStatus status = group.status();
        List<NodesAnswer.ControllerRow> controllers =
                status.members().stream()
                        .map(
                                m ->
                                        new NodesAnswer.ControllerRow(
                                                m.alias(),
                                                m.site(),
                                                NodeMode.CONTROLLER.configName(),
                                                m.alias().equals(status.leader())))
                        .toList();
        Map<String, Long> ages = liveness.heartbeatAgesMillis();
        List<NodesAnswer.NodeRow> nodes =
                metadata.nodes().stream()
                        .map(
                                n ->
                                        new NodesAnswer.NodeRow(
                                                n.alias(),
                                                n.site(),
                                                n.mode(),
                                                n.machine(),
                                                n.zone(),
                                                n.state().name(),
                                                n.draining(),
                                                n.registeredAtMillis(),
                                                n.stateChangedAtMillis(),
                                                ages.get(n.alias())))
                        .toList();
        return ok(
                new NodesAnswer(
                        alias,
                        status.leader(),
                        status.leaderSite(),
                        status.term(),
                        controllers,
                        nodes));
    }

    private CompletableFuture<ApiResponse> register(ApiRequest request) {
        Registration body = request.bodyAs(Registration.class);
        String nodeAlias = requireName(body.alias(), "alias");
        Site site = parseHostPort(body.site(), nodeAlias);
        FieldLimits.bounded("machine", body.machine(), FieldLimits.MACHINE);
        FieldLimits.bounded("zone", body.zone(), FieldLimits.ZONE);
        FieldLimits.bounded("storeId", body.storeId(), FieldLimits.STORE_ID);
        NodeMode mode;
        try {
            mode = NodeMode.parse(body.mode() == null ? "" : body.mode());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("mode must be agent or datanode");
        }
        if (mode == NodeMode.CONTROLLER)
            throw ApiException.badRequest("controllers join through /api/admin/members");
        String machine =
                body.machine() == null || body.machine().isBlank() ? site.host() : body.machine();
        String zone = body.zone() == null ? "" : body.zone();
        liveness.registered(nodeAlias);
        String storeId = body.storeId() == null || body.storeId().isBlank() ? null : body.storeId();
        return routing.commit(
                        new MetadataCommand.RegisterNode(
                                nodeAlias,
                                site.hostPort(),
                                mode.configName(),
                                machine,
                                zone,
                                System.currentTimeMillis(),
                                storeId))
                .thenApply(
                        result -> {
                            if (result.applied()) log.info("[{}] {}", alias, result.message());
                            return toResponse(result);
                        });
    }

    private CompletableFuture<ApiResponse> heartbeat(ApiRequest request) {
        String nodeAlias = requireName(request.bodyAs(Heartbeat.class).alias(), "alias");
        NodeInfo node =
                metadata.node(nodeAlias)
                        .orElseThrow(
                                () ->
                                        new ApiException(
                                                404,
                                                nodeAlias
                                                        + " is not registered: POST /api/nodes first"));
        liveness.heartbeat(node);
        RaftStatus status = group.status();
        List<String> controllers = status.members().stream().map(RaftStatus.Member::site).toList();
        return ok(
                Map.of(
                        "alias",
                        nodeAlias,
                        "leader",
                        alias,
                        "term",
                        status.term(),
                        "controllers",
                        controllers));
    }

    private CompletableFuture<ApiResponse> createDatabase(ApiRequest request) {
        CreateDatabaseRequest body = request.bodyAs(CreateDatabaseRequest.class);
        String name = requireName(body.name(), "name");
        if (body.partitionScheme() == null || body.partitionScheme().isBlank()) {
            throw ApiException.badRequest("partitionScheme is required, e.g. VALUE(date)");
        }
        FieldLimits.bounded(
                "partitionScheme", body.partitionScheme(), FieldLimits.PARTITION_SCHEME);
        return commit(
                new MetadataCommand.CreateDatabase(
                        name, body.partitionScheme(), System.currentTimeMillis()));
    }

    private CompletableFuture<ApiResponse> createTable(ApiRequest request) {
        CreateTableRequest body = request.bodyAs(CreateTableRequest.class);
        requireName(body.database(), "database");
        requireName(body.name(), "name");
        if (body.columns() == null || body.columns().isEmpty())
            throw ApiException.badRequest("columns are required");
        FieldLimits.boundedItems("columns", body.columns(), FieldLimits.COLUMNS);
        body.columns()
                .forEach(
                        c -> {
                            requireName(c.name(), "column name");
                            FieldLimits.bounded("column type", c.type(), FieldLimits.COLUMN_TYPE);
                        });
        FieldLimits.bounded("partitionColumn", body.partitionColumn(), FieldLimits.NAME);
        return commit(
                new MetadataCommand.CreateTable(
                        body.database(), body.name(), body.columns(), body.partitionColumn()));
    }

    private CompletableFuture<ApiResponse> setConfig(ApiRequest request) {
        String key = FieldLimits.bounded("key", request.pathParam("key"), FieldLimits.CONFIG_KEY);
        ConfigValue body = request.bodyAs(ConfigValue.class);
        if (body.value() == null) throw ApiException.badRequest("value is required");
        return commit(
                new MetadataCommand.SetConfig(
                        key, FieldLimits.bounded("value", body.value(), FieldLimits.CONFIG_VALUE)));
    }

    /**
     * One node's setting, kept as {@code alias.key} like a per-node line of {@code cluster.cfg}.
     */
    private CompletableFuture<ApiResponse> setNodeConfig(ApiRequest request) {
        String node = request.pathParam("alias");
        String key = request.pathParam("key");
        if (metadata.node(node).isEmpty()
                && group.status().members().stream().noneMatch(m -> m.alias().equals(node))) {
            throw new ApiException(404, "no node " + node);
        }
        if (!CONFIG_KEY.matcher(key).matches()) {
            throw ApiException.badRequest(
                    "key must be letters, digits and '_' starting with a letter, got '"
                            + key
                            + "'");
        }
        ConfigValue body = request.bodyAs(ConfigValue.class);
        if (body.value() == null) throw ApiException.badRequest("value is required");
        return commit(
                new MetadataCommand.SetConfig(
                        node + "." + key,
                        FieldLimits.bounded("value", body.value(), FieldLimits.CONFIG_VALUE)));
    }

    private CompletableFuture<ApiResponse> addMember(ApiRequest request) {
        AddMember body = request.bodyAs(AddMember.class);
        Site site = parseHostPort(body.site(), requireName(body.alias(), "alias"));
        FieldLimits.boundedItems("expectedMembers", body.expectedMembers(), FieldLimits.MEMBERS);
        return membershipCall(() -> membership.add(site, body.expectedMembers()));
    }

    private CompletableFuture<ApiResponse> removeMember(ApiRequest request) {
        String expected = request.queryParam("expectedMembers");
        List<String> expectedMembers = expected == null ? null : Arrays.asList(expected.split(","));
        return membershipCall(() -> membership.remove(request.pathParam("alias"), expectedMembers));
    }

    private CompletableFuture<ApiResponse> transferLeadership(ApiRequest request) {
        String target = requireName(request.bodyAs(TransferLeadership.class).alias(), "alias");
        return membershipCall(() -> membership.transferLeadership(target, TRANSFER_TIMEOUT_MILLIS));
    }

    private CompletableFuture<ApiResponse> membershipCall(
            Supplier<CompletableFuture<MembershipAdmin.Outcome>> call) {
        try {
            return call.get()
                    .handle(
                            (outcome, failure) -> {
                                if (failure == null) return ApiResponse.ok(outcome);
                                throw refusal(AsyncFailure.cause(failure));
                            });
        } catch (MembershipAdmin.Refused e) {
            throw refusal(e);
        }
    }

    private static RuntimeException refusal(Throwable failure) {
        if (failure instanceof MembershipAdmin.Refused refused) {
            return new ApiException(refused.conflict() ? 409 : 400, refused.getMessage());
        }
        return ApiException.unavailable("membership change failed: " + failure);
    }

    private CompletableFuture<ApiResponse> commit(MetadataCommand command) {
        return routing.commit(command).thenApply(ControllerApi::toResponse);
    }

    private static ApiResponse toResponse(CommandResult result) {
        return ApiResponse.status(result.applied() ? 200 : 409, result);
    }

    private CompletableFuture<ApiResponse> onLeader(
            ApiRequest request, Supplier<CompletableFuture<ApiResponse>> action) {
        return routing.onLeader(request, action);
    }

    private static String requireName(String value, String field) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw ApiException.badRequest(
                    field
                            + " must be letters, digits, '_', '.', '-' starting with a letter, got "
                            + (value == null ? "nothing" : "'" + value + "'"));
        }
        return value;
    }

    private static String bounded(ApiRequest request, String param) {
        return FieldLimits.bounded(param, request.pathParam(param), FieldLimits.NAME);
    }

    private static Site parseHostPort(String hostPort, String siteAlias) {
        FieldLimits.bounded("site", hostPort, FieldLimits.SITE);
        try {
            if (hostPort == null) throw new IllegalArgumentException("missing");
            return Site.parse(hostPort + ":" + siteAlias);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "site must be host:port, got "
                            + (hostPort == null ? "nothing" : "'" + hostPort + "'"));
        }
    }

    private static CompletableFuture<ApiResponse> ok(Object body) {
        return CompletableFuture.completedFuture(ApiResponse.ok(body));
    }
}
