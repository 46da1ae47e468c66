package io.warden.supervisor.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.lock.PidRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the state directory holds for the doctor: every PID file, and the latest event of each
 * service from the tail of {@code events.log}. Read once per run; lock files are not read (the
 * kernel lock on them decides, and they stay between holders by design).
 *
 * @param pidFiles   every {@code NAME.pid}, by name
 * @param lastEvents the latest event per service found in the tail of {@code events.log}
 */
record StateFiles(List<PidEntry> pidFiles, Map<String, ServiceView> lastEvents) {

    /** A PID file is a few hundred bytes; anything far larger is garbage. */
    private static final int MAX_PID_FILE_BYTES = 64 * 1024;
    /** The tail of events.log that is read: thousands of events, enough for the latest of each service. */
    private static final int EVENTS_TAIL_BYTES = 256 * 1024;

    static final StateFiles NONE = new StateFiles(List.of(), Map.of());

    StateFiles {
        pidFiles = List.copyOf(pidFiles);
        lastEvents = Map.copyOf(lastEvents);
    }

    /** Reads the state directory; a missing directory holds nothing. */
    static StateFiles read(Path stateDir, ObjectMapper json) {
        if (!Files.isDirectory(stateDir)) {
            return NONE;
        }
        List<PidEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(stateDir, "*.pid")) {
            for (Path file : files) {
                entries.add(readPidFile(file));
            }
        } catch (IOException e) {
            throw new DoctorException("cannot list the state directory " + stateDir + ": " + e.getMessage()
                    + ". Check its permissions, or pass --state-dir", e);
        }
        entries.sort(Comparator.comparing(PidEntry::name));
        return new StateFiles(entries, lastEvents(stateDir.resolve("events.log"), json));
    }

    private static PidEntry readPidFile(Path file) {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".pid".length());
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_PID_FILE_BYTES + 1);
        } catch (IOException e) {
            return PidEntry.corrupt(name, file.toString(), "unreadable: " + e.getMessage());
        }
        if (bytes.length == 0) {
            return PidEntry.corrupt(name, file.toString(), "empty");
        }
        if (bytes.length > MAX_PID_FILE_BYTES) {
            return PidEntry.corrupt(name, file.toString(), "larger than " + MAX_PID_FILE_BYTES + " bytes");
        }
        try {
            return PidEntry.valid(name, file.toString(), PidRecord.parse(new String(bytes, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return PidEntry.corrupt(name, file.toString(), e.getMessage());
        }
    }

    /**
     * The latest event per service in the tail of {@code events.log}, reaching back into
     * {@code events.log.1} when the current file is shorter than the tail (it was just rotated);
     * a torn first line and foreign lines are skipped.
     */
    static Map<String, ServiceView> lastEvents(Path eventsLog, ObjectMapper json) {
        String current = tail(eventsLog, EVENTS_TAIL_BYTES);
        int left = EVENTS_TAIL_BYTES - current.length();
        String older = left > 0 ? tail(eventsLog.resolveSibling(eventsLog.getFileName() + ".1"), left) : "";
        Map<String, ServiceView> latest = new LinkedHashMap<>();
        for (String text : List.of(older, current)) {
            for (String line : text.split("\n")) {
                ServiceView view = parseEvent(line, json);
                if (view != null) {
                    latest.put(view.name(), view);
                }
            }
        }
        return latest;
    }

    /** The last whole lines within {@code maxBytes} of a file; empty when it cannot be read. */
    private static String tail(Path path, int maxBytes) {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
            long start = Math.max(0, file.length() - maxBytes);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            String tail = new String(bytes, StandardCharsets.UTF_8);
            return start > 0 ? tail.substring(tail.indexOf('\n') + 1) : tail;
        } catch (IOException e) {
            // Missing (no daemon ran yet) or unreadable: the doctor goes without events.
            return "";
        }
    }

    private static ServiceView parseEvent(String line, ObjectMapper json) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonNode event = json.readTree(line);
            String service = event.path("service").asText("");
            if (service.isEmpty() || event.has("kind")) { // kind: an alert's line, not a service event
                return null;
            }
            JsonNode exit = event.path("exitCode");
            Instant at = event.hasNonNull("time") ? Instant.parse(event.get("time").asText()) : null;
            return new ServiceView(service, event.path("to").asText(null), null, event.path("reason").asText(""),
                    exit.isIntegralNumber() ? exit.intValue() : null, at);
        } catch (IOException | DateTimeParseException | IllegalArgumentException e) {
            return null;
        }
    }
}
