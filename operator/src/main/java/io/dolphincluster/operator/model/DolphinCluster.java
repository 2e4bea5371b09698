package io.dolphincluster.operator.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A highly available DolphinDB-style cluster: a Raft group of controllers and a set of datanodes.
 * The operator turns one of these into a ConfigMap with the seed's files, Services, StatefulSets, a
 * Secret and PodDisruptionBudgets, all owned by it.
 */
@Group(DolphinCluster.GROUP)
@Version(DolphinCluster.VERSION)
@Plural("dolphinclusters")
@ShortNames({"dc", "dolphin"})
@Categories("dolphin")
@JsonClassDescription(
        "A highly available DolphinDB-style database cluster: a Raft group of controllers holding the "
                + "cluster metadata and datanodes storing every chunk on several machines. The operator runs it as two "
                + "StatefulSets with their Services, ConfigMap, Secrets and PodDisruptionBudgets, and changes it one safe step "
                + "at a time when the spec changes.")
// kubectl get shows the columns in this order (NAME first, AGE last); the build keeps it
// (GenerateCrd).
@AdditionalPrinterColumn(
        name = "Phase",
        jsonPath = ".status.phase",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Leader",
        jsonPath = ".status.leader",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Controllers",
        jsonPath = ".status.controllersReady",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Datanodes",
        jsonPath = ".status.datanodesReady",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "RF",
        jsonPath = ".spec.replication.factor",
        type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class DolphinCluster extends CustomResource<DolphinClusterSpec, DolphinClusterStatus>
        implements Namespaced {

    public static final String GROUP = "dolphincluster.io";
    public static final String VERSION = "v1alpha1";

    /** Set to "true" to stop every change to the cluster; the status keeps being refreshed. */
    public static final String PAUSED_ANNOTATION = GROUP + "/paused";

    /**
     * Any value, changed to ask for new TLS certificates now (e.g. {@code kubectl annotate
     * dolphincluster demo dolphincluster.io/renew-certificates="$(date +%s)" --overwrite}): each
     * role's certificate is issued again once per distinct value, without restarting a pod.
     */
    public static final String RENEW_CERTIFICATES_ANNOTATION = GROUP + "/renew-certificates";

    /** The value of the renewal annotation, if set. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public java.util.Optional<String> renewalRequest() {
        return Annotations.value(this, RENEW_CERTIFICATES_ANNOTATION)
                .filter(value -> !value.isBlank());
    }

    /**
     * Any value, changed to ask for a new cluster CA now (e.g. {@code kubectl annotate
     * dolphincluster demo dolphincluster.io/rotate-ca="$(date +%s)" --overwrite}): the CA is
     * rotated once per distinct value, with an overlap of the old and the new CA, without
     * restarting a pod. Only for a CA the operator issued.
     */
    public static final String ROTATE_CA_ANNOTATION = GROUP + "/rotate-ca";

    /** The value of the CA rotation annotation, if set. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public java.util.Optional<String> caRotationRequest() {
        return Annotations.value(this, ROTATE_CA_ANNOTATION).filter(value -> !value.isBlank());
    }

    /** Whether the pause annotation is set to true. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isPaused() {
        return Annotations.value(this, PAUSED_ANNOTATION)
                .filter("true"::equalsIgnoreCase)
                .isPresent();
    }

    /**
     * The spec, or the all-defaults spec when the resource has none. No spec is created on a new
     * instance: JOSDK applies fresh instances (e.g. to add its finalizer) with server-side apply,
     * and a default spec in them would take over and overwrite the user's fields.
     */
    public DolphinClusterSpec specOrDefaults() {
        return getSpec() == null ? new DolphinClusterSpec() : getSpec();
    }
}
