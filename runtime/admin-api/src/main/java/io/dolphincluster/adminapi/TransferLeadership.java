package io.dolphincluster.adminapi;

/** {@link AdminRoutes#TRANSFER_LEADERSHIP}: the member to hand leadership to. */
public record TransferLeadership(String alias) {}
