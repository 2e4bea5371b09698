package io.dolphincluster.adminapi;

/** {@link AdminRoutes#CHANGE_PASSWORD}: a user's own password, the old one to prove it. */
public record PasswordChange(String oldPassword, String newPassword) {}
