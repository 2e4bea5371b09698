package io.dolphincluster.operator.desired;

import io.dolphincluster.operator.model.AdminCredentialsSpec;
import io.dolphincluster.operator.model.Defaults;
import io.dolphincluster.operator.model.DolphinCluster;

/**
 * Where the controllers read the admin password: the user's Secret, or the one the operator
 * generates.
 */
public record AdminPasswordRef(String secretName, String key, boolean generated) {

    public static AdminPasswordRef of(DolphinCluster cluster) {
        AdminCredentialsSpec credentials = cluster.specOrDefaults().getAdminCredentials();
        if (credentials != null && credentials.getSecretName() != null) {
            String key =
                    credentials.getKey() == null ? Defaults.PASSWORD_KEY : credentials.getKey();
            return new AdminPasswordRef(credentials.getSecretName(), key, false);
        }
        return new AdminPasswordRef(new Names(cluster).adminSecret(), Defaults.PASSWORD_KEY, true);
    }
}
