package io.dolphincluster.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The datanodes a highly available connection may fail over to, in order. Either fixed (the
 * caller's {@code highAvailabilitySites}) or learned from the cluster ({@code GetSites}) and
 * refreshed after each failover.
 */
final class SiteList {
    private final boolean fixed;
    private volatile List<SiteAddress> sites;

    private SiteList(boolean fixed, List<SiteAddress> sites) {
        this.fixed = fixed;
        this.sites = List.copyOf(sites);
    }

    /** The caller's sites, with {@code first} added in front when it is not among them. */
    static SiteList fixed(SiteAddress first, List<String> sites) {
        List<SiteAddress> all = new ArrayList<>();
        for (String site : sites) all.add(SiteAddress.parse(site));
        if (all.stream().noneMatch(first::sameEndpoint)) all.add(0, first);
        return new SiteList(true, all);
    }

    static SiteList learned(SiteAddress first) {
        return new SiteList(false, List.of(first));
    }

    boolean isFixed() {
        return fixed;
    }

    List<SiteAddress> all() {
        return sites;
    }

    /**
     * Replaces a learned list with the cluster's answer (ignored for a fixed list or an empty
     * answer).
     */
    void learn(List<String> datanodes) {
        if (fixed || datanodes.isEmpty()) return;
        List<SiteAddress> learned = new ArrayList<>();
        for (String site : datanodes) learned.add(SiteAddress.parse(site));
        sites = List.copyOf(learned);
    }

    /**
     * The site after {@code current} in the list, wrapping around; the first one when {@code
     * current} is not listed.
     */
    SiteAddress after(SiteAddress current) {
        List<SiteAddress> now = sites;
        for (int i = 0; i < now.size(); i++) {
            if (now.get(i).sameEndpoint(current)) return now.get((i + 1) % now.size());
        }
        return now.get(0);
    }
}
