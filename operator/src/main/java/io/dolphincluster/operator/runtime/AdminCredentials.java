package io.dolphincluster.operator.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The admin user the operator acts as on the controllers' admin API (HTTP Basic). */
public record AdminCredentials(String user, String password) {

  String authorizationHeader() {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "AdminCredentials[" + user + "]";
  }
}
