package io.dolphincluster.operator.desired;

import io.dolphincluster.operator.model.DolphinCluster;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names, labels and DNS names of everything the operator creates for one cluster. Every other
 * builder asks here, so a name is spelled in one place.
 */
public final class Names {
    public static final String MANAGED_BY = "dolphincluster-operator";
    public static final String LABEL_NAME = "app.kubernetes.io/name";
    public static final String LABEL_INSTANCE = "app.kubernetes.io/instance";
    public static final String LABEL_COMPONENT = "app.kubernetes.io/component";
    public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";

    /** Selector that matches every object this operator manages, used by its informers. */
    public static final String MANAGED_SELECTOR = LABEL_MANAGED_BY + "=" + MANAGED_BY;

    private final String cluster;
    private final String namespace;

    public Names(DolphinCluster resource) {
        this(resource.getMetadata().getName(), resource.getMetadata().getNamespace());
    }

    public Names(String cluster, String namespace) {
        this.cluster = cluster;
        this.namespace = namespace;
    }

    public String cluster() {
        return cluster;
    }

    public String namespace() {
        return namespace;
    }

    public String configMap() {
        return cluster + "-config";
    }

    public String adminSecret() {
        return cluster + "-admin";
    }

    public String clusterSecret() {
        return cluster + "-cluster-secret";
    }

    /** The cluster's CA: its certificate and key (the key never leaves this Secret). */
    public String caSecret() {
        return cluster + "-ca";
    }

    /**
     * The CA a rotation in progress moves the cluster to (its certificate and key), until it
     * replaces {@link #caSecret()}.
     */
    public String caNextSecret() {
        return cluster + "-ca-next";
    }

    /** The certificate, key and CA certificate every pod of a role mounts. */
    public String tlsSecret(Role role) {
        return of(role) + "-tls";
    }

    public String networkPolicy() {
        return cluster;
    }

    public String clientService() {
        return cluster + "-client";
    }

    /** StatefulSet, headless Service and PodDisruptionBudget of a role share this name. */
    public String of(Role role) {
        return cluster + "-" + role.label();
    }

    public String pod(Role role, int ordinal) {
        return of(role) + "-" + ordinal;
    }

    /**
     * The ordinal of a pod of this role from its name (or a Raft alias, which is the pod name), or
     * -1.
     */
    public int ordinalOf(Role role, String podName) {
        String prefix = of(role) + "-";
        if (podName == null || !podName.startsWith(prefix)) {
            return -1;
        }
        try {
            return Integer.parseInt(podName.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The volume claim a StatefulSet creates for one pod: template name, StatefulSet name, ordinal.
     */
    public String claim(Role role, int ordinal) {
        return StatefulSetDesired.DATA_VOLUME + "-" + pod(role, ordinal);
    }

    /** host:port a controller is reached at, as the membership API takes it. */
    public String hostPort(Role role, int ordinal) {
        return podHost(role, ordinal) + ":" + role.sitePort();
    }

    /** The stable DNS name of a pod through its headless Service. */
    public String podHost(Role role, int ordinal) {
        return pod(role, ordinal) + "." + of(role) + "." + namespace + ".svc";
    }

    /** host:port:alias of a pod, as cluster.nodes and localSite spell it. */
    public String site(Role role, int ordinal) {
        return podHost(role, ordinal) + ":" + role.sitePort() + ":" + pod(role, ordinal);
    }

    /** localSite for the config file: expanded by the runtime from the pod's POD_NAME. */
    public String localSiteTemplate(Role role) {
        return "${POD_NAME}."
                + of(role)
                + "."
                + namespace
                + ".svc:"
                + role.sitePort()
                + ":${POD_NAME}";
    }

    /** Labels on every object of this cluster. */
    public Map<String, String> clusterLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_NAME, "dolphin");
        labels.put(LABEL_INSTANCE, cluster);
        labels.put(LABEL_MANAGED_BY, MANAGED_BY);
        return labels;
    }

    /** Labels on the objects and pods of one role. */
    public Map<String, String> roleLabels(Role role) {
        Map<String, String> labels = clusterLabels();
        labels.put(LABEL_COMPONENT, role.label());
        return labels;
    }

    /** The (immutable) StatefulSet selector of a role: instance and component only. */
    public Map<String, String> selector(Role role) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_INSTANCE, cluster);
        labels.put(LABEL_COMPONENT, role.label());
        return labels;
    }
}
