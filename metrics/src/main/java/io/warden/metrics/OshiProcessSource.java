package io.warden.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Reads processes through OSHI, on every OS it supports; trees through the JDK's
 * {@link ProcessHandle#descendants()}. Slower than {@link ProcfsProcessSource} on Linux (OSHI reads
 * several files per process), hence used only where there is no procfs.
 * Thread safety: as safe as OSHI, which is safe for concurrent use.
 */
final class OshiProcessSource implements ProcessSource {

    private final OperatingSystem os;

    OshiProcessSource(OperatingSystem os) {
        this.os = os;
    }

    @Override
    public Reading read(long pid) {
        if (pid > Integer.MAX_VALUE) {
            return null;
        }
        OSProcess process = os.getProcess((int) pid);
        if (process == null || process.getState() == OSProcess.State.INVALID) {
            return null;
        }
        return new Reading(pid, process.getStartTime(),
                (process.getKernelTime() + process.getUserTime()) * 1_000_000L, process.getResidentMemory(),
                process.getThreadCount(), process.getOpenFiles() < 0 ? -1 : process.getOpenFiles());
    }

    @Override
    public Map<Long, List<Reading>> descendants(Collection<Long> rootPids) {
        Map<Long, List<Reading>> result = new HashMap<>();
        for (long root : rootPids) {
            ProcessHandle.of(root).ifPresent(handle -> {
                List<Reading> found = new ArrayList<>();
                handle.descendants().forEach(child -> {
                    Reading reading = read(child.pid());
                    if (reading != null) {
                        found.add(reading);
                    }
                });
                result.put(root, found);
            });
        }
        return result;
    }
}
