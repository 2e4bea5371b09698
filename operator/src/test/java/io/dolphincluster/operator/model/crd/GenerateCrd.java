package io.dolphincluster.operator.model.crd;

import io.dolphincluster.operator.model.DolphinCluster;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.File;

/**
 * The build's CRD generator (exec-maven-plugin, process-test-classes): Fabric8's generator over the
 * Java model, then {@link PrinterColumnOrder} and {@link ClassDescriptions}, which the generator's
 * Maven plugin cannot run. Writes {@code dolphinclusters.dolphincluster.io-v1.yml} into the
 * directory named by its one argument; {@code CrdIsCurrentTest} compares that file with {@code
 * crds/}.
 */
public final class GenerateCrd {
    private GenerateCrd() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: GenerateCrd <output directory>");
        }
        File directory = new File(args[0]);
        if (!directory.isDirectory() && !directory.mkdirs()) {
            throw new IllegalStateException("cannot create " + directory);
        }
        CRDPostProcessor columns = PrinterColumnOrder.of(DolphinCluster.class);
        CRDPostProcessor descriptions = ClassDescriptions.of(DolphinCluster.class);
        int written =
                new CRDGenerator()
                        .customResourceClasses(DolphinCluster.class)
                        .withPostProcessor(
                                new CRDPostProcessor() {
                                    @Override
                                    public HasMetadata process(HasMetadata crd, String crdVersion) {
                                        return descriptions.process(
                                                columns.process(crd, crdVersion), crdVersion);
                                    }
                                })
                        .inOutputDir(directory)
                        .generate();
        if (written != 1) {
            throw new IllegalStateException("expected one CRD, generated " + written);
        }
    }
}
