package io.dolphincluster.adminapi;

/** {@link AdminRoutes#SET_USER}: a user's password and role ({@code admin} or {@code user}). */
public record UserSetting(String password, String role) {}
