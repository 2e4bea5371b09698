package io.dolphincluster.operator.runtime;

import java.util.Optional;

/** Asks a cluster's controllers who leads and who is a member. Implementations never throw. */
public interface RaftGroupObserver {

  /**
   * @param controllerUrls base URLs of the controllers' admin API, asked in order until one answers
   * @return the group as the first answering controller sees it, or empty when none answers
   */
  Optional<RaftGroupView> observe(Iterable<java.net.URI> controllerUrls);
}
