package io.dolphincluster.runtime.datanode;

import io.dolphincluster.runtime.testkit.ControllerProcess;
import io.dolphincluster.runtime.testkit.DataCluster;
import io.dolphincluster.runtime.testkit.DatanodeProcess;
import io.dolphincluster.runtime.testkit.Directories;
import io.dolphincluster.runtime.testkit.NodeProcess;
import io.dolphincluster.runtime.testkit.SimulatedNetwork;
import io.dolphincluster.runtime.testkit.SystemCommand;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks faults with a seeded random and applies them to the real processes of a {@link DataCluster}
 * and to the {@link SimulatedNetwork} its machines (a controller and a datanode each) are on: each
 * fault is injected, held for a random while, then healed. {@link Kind#DOUBLE} is two faults held
 * at the same time that quorum survives (RF 2 survives one datanode, three controllers one
 * controller): a datanode fault and a controller fault, or, when {@link Kind#PARTITION} is among
 * the kinds, also a machine's partition with a fault of a process on that machine. The same seed
 * and kinds give the same kinds, targets (as chosen by position; "the leader" is whichever
 * controller leads then) and durations. Closing it resumes every process it paused and heals the
 * network, whatever happened.
 */
final class Nemesis implements AutoCloseable {
    enum Kind {
        /** kill -9 of a datanode, restarted after 0-3 s. */
        DATANODE_KILL,
        /** kill -9 of a controller, the leader or a follower, restarted after 0-3 s. */
        CONTROLLER_KILL,
        /** SIGSTOP of a datanode for 2-15 s, then SIGCONT. */
        DATANODE_PAUSE,
        /** SIGSTOP of the controller leader for 2-15 s, then SIGCONT. */
        LEADER_PAUSE,
        /** kill -9 of a datanode, its whole chunk store deleted, restarted within a second. */
        DISK_LOSS,
        /**
         * one datanode fault (kill, pause or disk loss) and one controller fault (kill or leader
         * pause) at once; with PARTITION among the kinds, a third of them are instead a PARTITION
         * of a machine plus a fault of its datanode or of its controller.
         */
        DOUBLE,
        /**
         * for 2-15 s, a random machine, or the controller leader's, is cut off, by packets dropped
         * silently: either from everyone (the clients too, a pulled cable) or from the other two
         * machines only, the clients still reaching both sides.
         */
        PARTITION
    }

    /**
     * One fault as applied: its number, kind, what was done to whom, and when it started and was
     * healed.
     */
    record Applied(int number, Kind kind, String what, Instant started, Instant healed) {
        @Override
        public String toString() {
            return String.format("#%d %s: %s (%s .. %s)", number, kind, what, started, healed);
        }
    }

    /** A fault on one process: injected, held for {@link #hold()}, then healed. */
    private interface Fault {
        void inject() throws Exception;

        void heal() throws Exception;

        Duration hold();

        String describe();
    }

    private static final Duration MAX_PAUSE = Duration.ofSeconds(15);

    private final DataCluster cluster;
    private final SimulatedNetwork network;
    private final Random random;
    private final List<Kind> kinds;
    private final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    private final List<Applied> history = new ArrayList<>();

    /** Pids stopped and not resumed yet. */
    private final Set<Long> paused = ConcurrentHashMap.newKeySet();

    /**
     * {@code cluster}'s controller and datanode {@code k} are on machine {@code k} of {@code
     * network}.
     */
    Nemesis(DataCluster cluster, SimulatedNetwork network, long seed, List<Kind> kinds) {
        if (kinds.isEmpty()) throw new IllegalArgumentException("no fault kind to choose from");
        this.cluster = cluster;
        this.network = network;
        this.random = new Random(seed);
        this.kinds = List.copyOf(kinds);
    }

    /** Picks a fault, injects it, holds it and heals it; returns what was done. */
    Applied apply(int number) throws Exception {
        Kind kind = kinds.get(random.nextInt(kinds.size()));
        List<Fault> faults =
                switch (kind) {
                    case DATANODE_KILL -> List.of(datanodeKill(randomDatanode()));
                    case CONTROLLER_KILL ->
                            List.of(controllerKill(randomOf(cluster.controllers().all())));
                    case DATANODE_PAUSE -> List.of(pause(randomDatanode(), "datanode"));
                    case LEADER_PAUSE -> List.of(pause(leader(), "leader"));
                    case DISK_LOSS -> List.of(diskLoss(randomDatanode()));
                    case DOUBLE ->
                            kinds.contains(Kind.PARTITION) && random.nextInt(3) == 0
                                    ? partitionWithProcessFault()
                                    : List.of(datanodeFault(null), controllerFault(null));
                    case PARTITION ->
                            List.of(
                                    partition(
                                            random.nextBoolean()
                                                    ? leaderMachine()
                                                    : random.nextInt(network.machines().size())));
                };
        String what = String.join(" + ", faults.stream().map(Fault::describe).toList());
        Instant started = Instant.now();
        log("fault #" + number + " " + kind + ": " + what);
        List<Fault> unhealed = new ArrayList<>();
        try {
            for (Fault fault : faults) {
                unhealed.add(fault);
                fault.inject();
            }
            for (Fault fault : faults.stream().sorted(Comparator.comparing(Fault::hold)).toList()) {
                sleepUntil(started.plus(fault.hold()));
                fault.heal();
                unhealed.remove(fault);
            }
        } finally {
            for (Fault fault : unhealed)
                healQuietly(fault); // the schedule stopped half-way: leave no process down
        }
        Applied applied = new Applied(number, kind, what, started, Instant.now());
        log("fault #" + number + " healed");
        history.add(applied);
        counts.merge(kind, 1, Integer::sum);
        return applied;
    }

    List<Applied> history() {
        return List.copyOf(history);
    }

    Map<Kind, Integer> counts() {
        Map<Kind, Integer> all = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) all.put(kind, counts.getOrDefault(kind, 0));
        return all;
    }

    /**
     * A random machine cut off, and one of its two processes faulted as well: still one machine
     * down.
     */
    private List<Fault> partitionWithProcessFault() {
        int machine = random.nextInt(network.machines().size());
        Fault partition = partition(machine);
        Fault process =
                random.nextBoolean()
                        ? datanodeFault(cluster.datanodes().get(machine))
                        : controllerFault(cluster.controllers().all().get(machine));
        return List.of(partition, process);
    }

    /**
     * Machine {@code machine} cut off for 2-15 s: from everyone, the clients too, or from the other
     * machines only, the clients reaching both sides.
     */
    private Fault partition(int machine) {
        boolean clientsToo = random.nextBoolean();
        Duration hold = millis(2_000, MAX_PAUSE.toMillis());
        String name = network.machines().get(machine).name();
        String leads =
                cluster.controllers().all().get(machine).alias().equals(currentLeader())
                        ? " (the leader's)"
                        : "";
        Set<Integer> others = network.others(Set.of(machine));
        return new Fault() {
            public void inject() throws IOException {
                if (clientsToo) {
                    network.isolate(machine);
                } else {
                    network.partition(Set.of(machine), others);
                }
            }

            public void heal() throws IOException {
                network.heal();
            }

            public Duration hold() {
                return hold;
            }

            public String describe() {
                String whom =
                        clientsToo
                                ? "from everyone, clients too,"
                                : "from the other machines (clients reach both sides)";
                return "cut " + name + leads + " off " + whom + " for " + hold.toMillis() + " ms";
            }
        };
    }

    /**
     * A kill, a pause or the loss of the disk of datanode {@code on}, or of a random one when null.
     */
    private Fault datanodeFault(DatanodeProcess on) {
        int which = random.nextInt(3);
        DatanodeProcess datanode = on != null ? on : randomDatanode();
        return switch (which) {
            case 0 -> datanodeKill(datanode);
            case 1 -> pause(datanode, "datanode");
            default -> diskLoss(datanode);
        };
    }

    /**
     * A kill of controller {@code on} (a random one when null) or a pause of it (of the leader when
     * null).
     */
    private Fault controllerFault(ControllerProcess on) {
        if (random.nextBoolean())
            return controllerKill(on != null ? on : randomOf(cluster.controllers().all()));
        if (on == null) return pause(leader(), "leader");
        return pause(on, on.alias().equals(currentLeader()) ? "leader" : "controller");
    }

    private Fault datanodeKill(DatanodeProcess datanode) {
        Duration down = millis(0, 3_000);
        return new Fault() {
            public void inject() throws InterruptedException {
                datanode.kill();
            }

            public void heal() throws IOException {
                datanode.start();
            }

            public Duration hold() {
                return down;
            }

            public String describe() {
                return "kill -9 " + datanode.alias() + ", restart after " + down.toMillis() + " ms";
            }
        };
    }

    private Fault controllerKill(ControllerProcess controller) {
        Duration down = millis(0, 3_000);
        String role = controller.alias().equals(currentLeader()) ? "leader" : "follower";
        return new Fault() {
            public void inject() throws InterruptedException {
                controller.kill();
            }

            public void heal() throws IOException {
                controller.start();
            }

            public Duration hold() {
                return down;
            }

            public String describe() {
                return "kill -9 controller "
                        + controller.alias()
                        + " ("
                        + role
                        + "), restart after "
                        + down.toMillis()
                        + " ms";
            }
        };
    }

    private Fault pause(NodeProcess node, String role) {
        Duration hold = millis(2_000, MAX_PAUSE.toMillis());
        return new Fault() {
            private long pid;

            public void inject() throws Exception {
                pid = node.pid();
                paused.add(pid);
                signal(pid, "STOP");
            }

            public void heal() throws Exception {
                signal(pid, "CONT");
                paused.remove(pid);
            }

            public Duration hold() {
                return hold;
            }

            public String describe() {
                return "SIGSTOP " + role + " " + node.alias() + " for " + hold.toMillis() + " ms";
            }
        };
    }

    private Fault diskLoss(DatanodeProcess datanode) {
        Duration down = millis(0, 1_000);
        return new Fault() {
            public void inject() throws Exception {
                datanode.kill();
                Directories.deleteRecursively(datanode.chunkStore());
            }

            public void heal() throws IOException {
                datanode.start();
            }

            public Duration hold() {
                return down;
            }

            public String describe() {
                return "kill -9 "
                        + datanode.alias()
                        + ", delete "
                        + datanode.chunkStore()
                        + ", restart after "
                        + down.toMillis()
                        + " ms";
            }
        };
    }

    private DatanodeProcess randomDatanode() {
        return randomOf(cluster.datanodes());
    }

    /** The leader every controller agrees on (the cluster is settled between faults). */
    private ControllerProcess leader() {
        return cluster.controllers().get(cluster.controllers().awaitLeader(Duration.ofSeconds(60)));
    }

    private String currentLeader() {
        return cluster.controllers().awaitLeader(Duration.ofSeconds(60));
    }

    /** The index of the leader's machine. */
    private int leaderMachine() {
        return network.machines().indexOf(leader().machine());
    }

    private <T> T randomOf(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private Duration millis(long min, long max) {
        return Duration.ofMillis(min + (long) (random.nextDouble() * (max - min)));
    }

    private static void healQuietly(Fault fault) {
        try {
            fault.heal();
        } catch (Exception e) {
            log("could not heal " + fault.describe() + ": " + e);
        }
    }

    private static void signal(long pid, String signal) throws IOException {
        SystemCommand.run(List.of("kill", "-" + signal, Long.toString(pid)));
    }

    private static void sleepUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) Thread.sleep(millis);
    }

    static void log(String message) {
        System.out.println(Instant.now() + " [nemesis] " + message);
    }

    /**
     * Heals the network and resumes every process still paused (a fault interrupted between its
     * injection and its healing).
     */
    @Override
    public void close() {
        try {
            network.heal();
        } catch (IOException e) {
            System.err.println("could not heal the network: " + e);
        }
        for (long pid : paused) {
            try {
                signal(pid, "CONT");
            } catch (Exception e) {
                System.err.println("could not resume pid " + pid + ": " + e);
            }
        }
        paused.clear();
    }
}
