package io.dolphincluster.runtime.query;

import java.util.List;

/** Fresh aggregate states for a new group, one per aggregate of the query. */
final class Groups {
    private Groups() {}

    static AggregateState[] newStates(List<BoundAggregate> aggregates) {
        AggregateState[] states = new AggregateState[aggregates.size()];
        for (int a = 0; a < states.length; a++) states[a] = aggregates.get(a).newState();
        return states;
    }
}
