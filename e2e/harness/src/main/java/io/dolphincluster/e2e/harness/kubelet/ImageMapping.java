package io.dolphincluster.e2e.harness.kubelet;

import java.nio.file.Path;

/**
 * What a container image is on this machine: the image's directory {@code imageDir} (for example
 * {@code /opt/dolphin}) is the local directory {@code localDir} (the distribution Maven built).
 * Paths in a container's command, arguments, working directory and environment under {@code
 * imageDir} are rewritten to {@code localDir}.
 */
public record ImageMapping(String image, String imageDir, Path localDir) {}
