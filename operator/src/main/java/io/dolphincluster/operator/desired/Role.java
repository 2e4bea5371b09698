package io.dolphincluster.operator.desired;

/** The two kinds of pods of a cluster, with the ports and files each one uses. */
public enum Role {
    CONTROLLER("controller", 8900, 9900, "controller.cfg"),
    DATANODE("datanode", 8921, 9921, "datanode.cfg");

    private final String label;
    private final int sitePort;
    private final int secondPort;
    private final String configFile;

    Role(String label, int sitePort, int secondPort, String configFile) {
        this.label = label;
        this.sitePort = sitePort;
        this.secondPort = secondPort;
        this.configFile = configFile;
    }

    /** The value of the component label and the suffix of object names. */
    public String label() {
        return label;
    }

    /** The localSite port: the admin API for a controller, the data protocol for a datanode. */
    public int sitePort() {
        return sitePort;
    }

    /** sitePort + 1000: Raft (gRPC) for a controller, the HTTP health API for a datanode. */
    public int secondPort() {
        return secondPort;
    }

    /** The port serving /api/health and /api/ready. */
    public int healthPort() {
        return this == CONTROLLER ? sitePort : secondPort;
    }

    public String configFile() {
        return configFile;
    }
}
