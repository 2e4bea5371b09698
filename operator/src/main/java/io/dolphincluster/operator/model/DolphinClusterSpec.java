package io.dolphincluster.operator.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import java.util.List;

/** What the user asks for. Every field has a default that suits a small cluster. */
@JsonClassDescription(
        "The cluster the user asks for: image, controllers, datanodes, replication, placement, storage "
                + "and configuration. Every field has a default that suits a small cluster; rules the schema cannot state (an odd "
                + "controller count, a replication factor no larger than the datanodes) are checked by the operator and "
                + "reported in the SpecValid condition.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DolphinClusterSpec {

    @JsonPropertyDescription(
            "Container image running the dolphin runtime (bin/dolphin plus a JRE). The default "
                    + "is the name the project's build gives it: push it to your registry and name it here.")
    @Default(Defaults.IMAGE)
    private String image = Defaults.IMAGE;

    @JsonPropertyDescription(
            "Image pull policy of the runtime containers: Always, IfNotPresent or Never.")
    private String imagePullPolicy;

    @JsonPropertyDescription(
            "Secrets in this namespace the kubelet pulls the image with (a private registry), "
                    + "as in a pod: [{name: regcred}].")
    private List<LocalObjectReference> imagePullSecrets;

    @JsonPropertyDescription(
            "The controllers: a Raft group holding the cluster metadata. "
                    + "An odd count from 1 to 7; 3 tolerate the loss of 1, 5 of 2.")
    @Default("{}")
    private ControllersSpec controllers = new ControllersSpec();

    @JsonPropertyDescription("The datanodes: they store chunk replicas and serve clients.")
    @Default("{}")
    private DatanodesSpec datanodes = new DatanodesSpec();

    @JsonPropertyDescription(
            "How many replicas each chunk has and how they are spread over machines.")
    @Default("{}")
    private ReplicationSpec replication = new ReplicationSpec();

    @JsonPropertyDescription(
            "Where pods may run: controller anti-affinity, spreading across zones, node selector, "
                    + "tolerations.")
    @Default("{}")
    private PlacementSpec placement = new PlacementSpec();

    @JsonPropertyDescription("Timeouts of the runtime; unset values keep the runtime's defaults.")
    private TuningSpec tuning;

    @JsonPropertyDescription("Extra keys written as they are into the seed's configuration files.")
    private ExtraConfigSpec config;

    @JsonPropertyDescription(
            "Secret holding the initial password of the 'admin' user. "
                    + "When unset the operator generates one in the Secret <name>-admin.")
    private AdminCredentialsSpec adminCredentials;

    @JsonPropertyDescription(
            "TLS on every port (HTTP API, data port, mutual TLS on Raft), on by default: a CA per cluster "
                    + "in the Secret <name>-ca and a certificate per role in <name>-controller-tls and "
                    + "<name>-datanode-tls, re-issued when a third of its validity remains, by the operator or "
                    + "by cert-manager (issuer).")
    @Default("{}")
    private TlsSpec tls = new TlsSpec();

    @JsonPropertyDescription("Labels and annotations added to every pod of this cluster.")
    private PodMetadataSpec podMetadata;

    @JsonPropertyDescription(
            "What happens to the data volumes when this resource is deleted: "
                    + "Retain (default) keeps them, Delete removes them.")
    @Default("Retain")
    private VolumeReclaimPolicy volumeReclaimPolicy = VolumeReclaimPolicy.Retain;

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public String getImagePullPolicy() {
        return imagePullPolicy;
    }

    public void setImagePullPolicy(String imagePullPolicy) {
        this.imagePullPolicy = imagePullPolicy;
    }

    public List<LocalObjectReference> getImagePullSecrets() {
        return imagePullSecrets;
    }

    public void setImagePullSecrets(List<LocalObjectReference> secrets) {
        this.imagePullSecrets = secrets;
    }

    public ControllersSpec getControllers() {
        return controllers;
    }

    public void setControllers(ControllersSpec controllers) {
        this.controllers = controllers;
    }

    public DatanodesSpec getDatanodes() {
        return datanodes;
    }

    public void setDatanodes(DatanodesSpec datanodes) {
        this.datanodes = datanodes;
    }

    public ReplicationSpec getReplication() {
        return replication;
    }

    public void setReplication(ReplicationSpec replication) {
        this.replication = replication;
    }

    public PlacementSpec getPlacement() {
        return placement;
    }

    public void setPlacement(PlacementSpec placement) {
        this.placement = placement;
    }

    public TuningSpec getTuning() {
        return tuning;
    }

    public void setTuning(TuningSpec tuning) {
        this.tuning = tuning;
    }

    public ExtraConfigSpec getConfig() {
        return config;
    }

    public void setConfig(ExtraConfigSpec config) {
        this.config = config;
    }

    public AdminCredentialsSpec getAdminCredentials() {
        return adminCredentials;
    }

    public void setAdminCredentials(AdminCredentialsSpec adminCredentials) {
        this.adminCredentials = adminCredentials;
    }

    public TlsSpec getTls() {
        return tls;
    }

    public void setTls(TlsSpec tls) {
        this.tls = tls;
    }

    /** TLS is on unless the spec turns it off. */
    public boolean tlsEnabled() {
        return tls == null || tls.isEnabled();
    }

    public PodMetadataSpec getPodMetadata() {
        return podMetadata;
    }

    public void setPodMetadata(PodMetadataSpec podMetadata) {
        this.podMetadata = podMetadata;
    }

    public VolumeReclaimPolicy getVolumeReclaimPolicy() {
        return volumeReclaimPolicy;
    }

    public void setVolumeReclaimPolicy(VolumeReclaimPolicy p) {
        this.volumeReclaimPolicy = p;
    }
}
