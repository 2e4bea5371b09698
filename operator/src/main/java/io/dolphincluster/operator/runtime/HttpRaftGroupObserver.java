package io.dolphincluster.operator.runtime;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Asks each controller's /api/leader in turn, then the members from the same controller. */
public class HttpRaftGroupObserver implements RaftGroupObserver {
  private final ControllerAdminClient client;

  public HttpRaftGroupObserver(ControllerAdminClient client) {
    this.client = client;
  }

  @Override
  public Optional<RaftGroupView> observe(Iterable<URI> controllerUrls) {
    for (URI url : controllerUrls) {
      Optional<String> leader = client.leader(url);
      if (leader.isPresent()) {
        List<String> members = client.members(url).orElse(List.of());
        return Optional.of(new RaftGroupView(leader.get(), members));
      }
    }
    return Optional.empty();
  }
}
