package io.dolphincluster.adminapi;

/**
 * Every route of a controller's HTTP admin API, defined once: the server declares its routes with
 * these, and the operator, the runtime's link to the leader and the tests call them. Which caller
 * each route allows ({@code PUBLIC}, {@code USER}, {@code ADMIN}, {@code MEMBER}) is the server's
 * to say, beside its handler; routes marked "leader" answer on the ready leader only (a follower
 * redirects with 307, or answers 503).
 */
public final class AdminRoutes {
    private AdminRoutes() {}

    // the process and the Raft group

    /** Liveness: {@code {status, alias}}. */
    public static final Endpoint HEALTH = get("/api/health");

    /** 200 when this controller serves (a member that knows the leader), else 503. */
    public static final Endpoint READY = get("/api/ready");

    /** {@code getActiveMaster()}: {@link LeaderAnswer}; 503 when no leader is known. */
    public static final Endpoint LEADER = get("/api/leader");

    /**
     * This controller's view of the Raft group: phase ({@code STARTING}/{@code RUNNING}), members.
     */
    public static final Endpoint RAFT = get("/api/raft");

    /** The group's voting members: {@link Members}. */
    public static final Endpoint MEMBERS = get("/api/admin/members");

    /** Leader: add a controller, {@link AddMember}, compare-and-set on the expected members. */
    public static final Endpoint ADD_MEMBER = post("/api/admin/members");

    /** Leader: remove a controller; {@code ?expectedMembers=a,b,c} makes it a compare-and-set. */
    public static final Endpoint REMOVE_MEMBER = delete("/api/admin/members/{alias}");

    /** Leader: hand leadership to another member, {@link TransferLeadership}. */
    public static final Endpoint TRANSFER_LEADERSHIP = post("/api/admin/leader");

    // nodes: registration, heartbeats, liveness

    /** The controllers and the registered agents and datanodes: {@link NodesAnswer}. */
    public static final Endpoint NODES = get("/api/nodes");

    /** Leader, member: an agent or datanode registers, {@link Registration}. */
    public static final Endpoint REGISTER = post("/api/nodes");

    /** Leader, member: a node's heartbeat, {@link Heartbeat}. */
    public static final Endpoint HEARTBEAT = post("/api/heartbeat");

    /** Leader, member: {@code ?reporter=} could not reach the node; the leader checks. */
    public static final Endpoint REPORT_UNREACHABLE = post("/api/nodes/{alias}/unreachable");

    // datanodes: the agents' processes, drain and forget

    /** The datanodes of {@code cluster.nodes} with the agent of their machine. */
    public static final Endpoint DATANODES = get("/api/datanodes");

    /** Every node of {@code cluster.nodes}, for the agents. */
    public static final Endpoint CLUSTER_NODES = get("/api/cluster-nodes");

    /** Leader: ask the datanode's agent to start it. */
    public static final Endpoint START_DATANODE = post("/api/datanodes/{alias}/start");

    /** Leader: ask the datanode's agent to stop it. */
    public static final Endpoint STOP_DATANODE = post("/api/datanodes/{alias}/stop");

    /** A datanode's drain progress: {@link DrainProgress}. */
    public static final Endpoint DRAIN_PROGRESS = get("/api/admin/datanodes/{alias}/drain");

    /** Leader: start draining a datanode; answers its {@link DrainProgress}. */
    public static final Endpoint DRAIN = post("/api/admin/datanodes/{alias}/drain");

    /** Leader: stop draining a datanode; answers its {@link DrainProgress}. */
    public static final Endpoint UNDRAIN = delete("/api/admin/datanodes/{alias}/drain");

    /** Leader: forget a drained (or down) datanode that holds no replica. */
    public static final Endpoint FORGET_DATANODE = delete("/api/admin/datanodes/{alias}");

    // users

    /** Who the caller is (the page's login; 401 for a wrong password). */
    public static final Endpoint LOGIN = get("/api/admin/login");

    /** Leader, member: the users with their password hashes, for the nodes' user stores. */
    public static final Endpoint INTERNAL_USERS = get("/api/internal/users");

    /** Leader: a user changes their password, {@link PasswordChange}. */
    public static final Endpoint CHANGE_PASSWORD = put("/api/users/{name}/password");

    /** Leader, admin: create a user or set its password and role, {@link UserSetting}. */
    public static final Endpoint SET_USER = put("/api/users/{name}");

    /** Leader, admin: remove a user (never the last admin). */
    public static final Endpoint REMOVE_USER = delete("/api/users/{name}");

    // metadata, configuration, databases

    /** The metadata without secrets; {@code ?leader=true}: the leader's copy only. */
    public static final Endpoint METADATA = get("/api/metadata");

    /** The cluster configuration, key to value. */
    public static final Endpoint CONFIG = get("/api/config");

    /** Leader: set a cluster configuration key, {@link ConfigValue}. */
    public static final Endpoint SET_CONFIG = put("/api/config/{key}");

    /** Leader: set a node's configuration key, {@link ConfigValue}. */
    public static final Endpoint SET_NODE_CONFIG = put("/api/nodes/{alias}/config/{key}");

    /** Leader: create a database. */
    public static final Endpoint CREATE_DATABASE = post("/api/databases");

    /** Leader: create a table. */
    public static final Endpoint CREATE_TABLE = post("/api/tables");

    /** Leader: drop a database. */
    public static final Endpoint DROP_DATABASE = delete("/api/databases/{name}");

    /** Leader: drop a table. */
    public static final Endpoint DROP_TABLE = delete("/api/databases/{name}/tables/{table}");

    // chunks

    /** A table's chunks ({@code ?database=&table=}). */
    public static final Endpoint CHUNKS = get("/api/chunks");

    /** One chunk by id. */
    public static final Endpoint CHUNK = get("/api/chunks/{id}");

    /** Every chunk's replication state ({@code healthy} or not). */
    public static final Endpoint REPLICATION = get("/api/replication");

    /** Leader, member: a partition's chunk, created if absent, {@link ChunkRequest}. */
    public static final Endpoint CREATE_CHUNK = post("/api/chunks");

    /** Leader, member: update or add a replica, {@link ReplicaUpdate}. */
    public static final Endpoint SET_REPLICA = post("/api/chunks/{id}/replicas/{node}");

    /** Leader, member: remove a replica ({@code ?expectedEpoch=}). */
    public static final Endpoint REMOVE_REPLICA = delete("/api/chunks/{id}/replicas/{node}");

    // the cluster page

    /** The page's Notebook: a script run on a datanode. */
    public static final Endpoint NOTEBOOK = post("/api/notebook");

    private static Endpoint get(String pattern) {
        return new Endpoint("GET", pattern);
    }

    private static Endpoint post(String pattern) {
        return new Endpoint("POST", pattern);
    }

    private static Endpoint put(String pattern) {
        return new Endpoint("PUT", pattern);
    }

    private static Endpoint delete(String pattern) {
        return new Endpoint("DELETE", pattern);
    }
}
