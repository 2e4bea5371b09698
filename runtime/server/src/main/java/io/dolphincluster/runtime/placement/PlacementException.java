package io.dolphincluster.runtime.placement;

/** No placement satisfies the rules; the message says which rule and what the cluster offers. */
public final class PlacementException extends Exception {
    private static final long serialVersionUID = 1L;

    PlacementException(String message) {
        super(message);
    }
}
