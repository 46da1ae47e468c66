package io.warden.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples the tracked process trees: verifies each root's identity, rediscovers members every
 * rescan and otherwise re-reads only the known members, and turns CPU-time deltas into shares.
 * Thread safety: confined to the sampler thread.
 */
final class ProcessTrees {

    /**
     * How far the start instant the supervisor recorded may differ from the one computed here.
     * Both derive from the kernel's boot time, which Linux reports in whole seconds and which
     * drifts by a second with clock adjustments; a recycled PID is in practice seconds to days
     * younger. Once verified, members are matched on their exact start.
     */
    static final long START_TOLERANCE_MILLIS = 1000;

    private final ProcessSource source;
    private final Map<String, Tree> trees = new HashMap<>();

    ProcessTrees(ProcessSource source) {
        this.source = source;
    }

    /** What is known about one tracked tree between ticks. */
    private static final class Tree {
        final TrackedProcess tracked;
        long rootStartMillis = -1; // exact start once verified
        boolean gone;
        boolean rescan = true;
        ProcessSource.Reading root; // this tick's reading of the root
        List<ProcessSource.Reading> members = List.of();
        Map<Member, Long> previousCpu = Map.of();

        Tree(TrackedProcess tracked) {
            this.tracked = tracked;
        }
    }

    private record Member(long pid, long startMillis) {
    }

    /**
     * Samples every tracked tree that is alive.
     *
     * @param rescanAll         whether to rediscover the members of every tree now
     * @param elapsedNanos      time since the previous tick, for CPU shares
     * @param at                the sample's timestamp, for uptimes
     * @param previousTickWall  the OS wall clock at the previous tick, in epoch ms: a member first
     *                          seen now counts all its CPU time if it started after that, else none
     */
    Map<String, ProcessTreeSample> sample(Collection<TrackedProcess> tracked, boolean rescanAll,
                                          long elapsedNanos, Instant at, long previousTickWall) {
        syncWith(tracked);
        List<Tree> live = new ArrayList<>();
        for (Tree tree : trees.values()) {
            if (!tree.gone && rootAlive(tree)) {
                live.add(tree);
            }
        }
        List<Long> toScan = new ArrayList<>();
        for (Tree tree : live) {
            if (rescanAll || tree.rescan) {
                toScan.add(tree.tracked.pid());
            }
        }
        Map<Long, List<ProcessSource.Reading>> scanned = toScan.isEmpty() ? Map.of() : source.descendants(toScan);
        Map<String, ProcessTreeSample> result = new LinkedHashMap<>();
        for (Tree tree : live) {
            List<ProcessSource.Reading> members = scanned.containsKey(tree.tracked.pid())
                    ? scanned.get(tree.tracked.pid()) : reread(tree.members);
            tree.rescan = false;
            tree.members = members;
            result.put(tree.tracked.name(), summarize(tree, tree.root, elapsedNanos, at, previousTickWall));
        }
        source.endTick();
        return result;
    }

    /** Drops trees no longer tracked and starts over for those whose process changed. */
    private void syncWith(Collection<TrackedProcess> tracked) {
        Map<String, TrackedProcess> wanted = new HashMap<>();
        tracked.forEach(t -> wanted.put(t.name(), t));
        trees.keySet().removeIf(name -> !wanted.containsKey(name));
        for (TrackedProcess t : wanted.values()) {
            Tree tree = trees.get(t.name());
            if (tree == null || !tree.tracked.equals(t)) {
                trees.put(t.name(), new Tree(t));
            }
        }
    }

    /** Whether the root is the tracked process; a root once gone never comes back. */
    private boolean rootAlive(Tree tree) {
        ProcessSource.Reading root = source.read(tree.tracked.pid());
        tree.root = root;
        if (root == null) {
            tree.gone = true;
        } else if (tree.rootStartMillis < 0) {
            long difference = Math.abs(root.startMillis() - tree.tracked.started().toEpochMilli());
            tree.rootStartMillis = root.startMillis();
            tree.gone = difference > START_TOLERANCE_MILLIS; // PID recycled or wrong start given
        } else {
            tree.gone = root.startMillis() != tree.rootStartMillis;
        }
        return !tree.gone;
    }

    private List<ProcessSource.Reading> reread(List<ProcessSource.Reading> known) {
        List<ProcessSource.Reading> members = new ArrayList<>(known.size());
        for (ProcessSource.Reading member : known) {
            ProcessSource.Reading now = source.read(member.pid());
            if (now != null && now.startMillis() == member.startMillis()) {
                members.add(now);
            }
        }
        return members;
    }

    private static ProcessTreeSample summarize(Tree tree, ProcessSource.Reading root, long elapsedNanos, Instant at,
                                               long previousTickWall) {
        Map<Member, Long> cpu = new HashMap<>();
        long cpuDelta = 0;
        long rss = 0;
        int threads = 0;
        long openFiles = -1;
        List<ProcessSource.Reading> all = new ArrayList<>(tree.members.size() + 1);
        all.add(root);
        all.addAll(tree.members);
        for (ProcessSource.Reading reading : all) {
            Member member = new Member(reading.pid(), reading.startMillis());
            cpu.put(member, reading.cpuNanos());
            Long before = tree.previousCpu.get(member);
            if (before != null) {
                cpuDelta += Math.max(0, reading.cpuNanos() - before);
            } else if (reading.startMillis() >= previousTickWall) {
                cpuDelta += reading.cpuNanos(); // born during the interval: all its CPU is in it
            }
            rss += reading.rssBytes();
            threads += reading.threads();
            if (reading.openFiles() >= 0) {
                openFiles = Math.max(openFiles, 0) + reading.openFiles();
            }
        }
        tree.previousCpu = cpu;
        double percent = elapsedNanos > 0 ? 100.0 * cpuDelta / elapsedNanos : 0;
        Instant started = Instant.ofEpochMilli(root.startMillis());
        Duration uptime = at.isAfter(started) ? Duration.between(started, at) : Duration.ZERO;
        return new ProcessTreeSample(tree.tracked.name(), root.pid(), tree.tracked.started(), percent, rss,
                threads, openFiles, uptime, all.size());
    }
}
