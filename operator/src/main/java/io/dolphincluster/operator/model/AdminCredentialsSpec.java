package io.dolphincluster.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** A reference to a user-managed Secret holding the admin password. */
public class AdminCredentialsSpec {

    @JsonPropertyDescription("Name of a Secret in this namespace.")
    @Required
    private String secretName;

    @JsonPropertyDescription("Key in that Secret whose value is the password.")
    @Default(Defaults.PASSWORD_KEY)
    private String key = Defaults.PASSWORD_KEY;

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }
}
