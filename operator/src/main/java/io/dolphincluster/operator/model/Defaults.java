package io.dolphincluster.operator.model;

/** Default values shared by the model (schema defaults) and the builders. */
public final class Defaults {
    public static final String IMAGE = "dolphincluster/dolphin:0.1.0";
    public static final int CONTROLLERS = 3;
    public static final int DATANODES = 3;
    public static final int REPLICATION_FACTOR = 2;
    public static final int RELIABILITY_LEVEL = 1;
    public static final String STORAGE_SIZE = "1Gi";
    public static final int CONTROLLER_GRACE_SECONDS = 60;
    public static final int DATANODE_GRACE_SECONDS = 120;
    public static final String ZONE_TOPOLOGY_KEY = "topology.kubernetes.io/zone";
    public static final String PASSWORD_KEY = "password";

    private Defaults() {}
}
