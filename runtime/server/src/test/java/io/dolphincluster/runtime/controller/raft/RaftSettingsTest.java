package io.dolphincluster.runtime.controller.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.protocol.auth.ClusterCredential;
import io.dolphincluster.runtime.config.ClusterSecretKey;
import io.dolphincluster.runtime.config.ControllerConfig;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaftSettingsTest {

    @TempDir Path dir;

    private RaftProperties properties() throws Exception {
        Files.writeString(
                dir.resolve(ClusterSecretKey.DEFAULT_FILE),
                ClusterCredential.generateSecret() + "\n");
        Path cfg = dir.resolve("controller.cfg");
        Files.writeString(cfg, "localSite=127.0.0.1:8900:controller1\ndfsHAMode=Raft\n");
        return RaftSettings.of(
                ControllerConfig.read(cfg), InetAddress.getLoopbackAddress(), dir.resolve("raft"));
    }

    @Test
    void noLogMetadataEntryAfterEachCommit() throws Exception {
        assertThat(RaftServerConfigKeys.Log.logMetadataEnabled(properties()))
                .as("an extra log write, replication and fsync per write")
                .isFalse();
    }

    @Test
    void theLogIsFlushedBeforeAnEntryCountsAsWritten() throws Exception {
        RaftProperties properties = properties();

        assertThat(RaftServerConfigKeys.Log.asyncFlushEnabled(properties)).isFalse();
        assertThat(RaftServerConfigKeys.Log.unsafeFlushEnabled(properties)).isFalse();
    }

    @Test
    void anAddedControllerMayStaySilentLongerThanThreeElectionTimeouts() throws Exception {
        RaftProperties properties = properties();

        assertThat(RaftServerConfigKeys.stagingTimeout(properties).toLong(TimeUnit.MILLISECONDS))
                .isEqualTo(RaftSettings.STAGING_TIMEOUT_MILLIS)
                .isGreaterThan(
                        3
                                * RaftServerConfigKeys.Rpc.timeoutMax(properties)
                                        .toLong(TimeUnit.MILLISECONDS));
    }

    @Test
    void repliesAreNotKeptForResendsThatNeverCome() throws Exception {
        assertThat(
                        RaftServerConfigKeys.RetryCache.expiryTime(properties())
                                .toLong(TimeUnit.MILLISECONDS))
                .isEqualTo(RaftSettings.RETRY_CACHE_EXPIRY_MILLIS)
                .isLessThan(
                        RaftServerConfigKeys.RetryCache.EXPIRY_TIME_DEFAULT.toLong(
                                TimeUnit.MILLISECONDS));
    }

    @Test
    void anAppenderSendsTheNextEntryWithoutWaitingAfterItsLastSend() throws Exception {
        assertThat(RaftServerConfigKeys.Log.Appender.waitTimeMin(properties()).isPositive())
                .as("the next entry would wait behind the last commit-index send")
                .isFalse();
    }
}
