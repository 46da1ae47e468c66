package io.warden.api.doctor;

import io.warden.api.auth.Scope;
import io.warden.api.route.Call;
import io.warden.api.route.Route;
import io.warden.supervisor.doctor.Doctor;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /api/v1/doctor[?port=N]}: the diagnosis, in the schema of {@code warden doctor --json}
 * (docs/doctor.md). {@code POST /api/v1/doctor/fix}: diagnoses, stops the duplicates and orphans
 * that diagnosis lists (each only while its PID and start instant still match) and clears stale
 * PID files, then answers what was done and a fresh diagnosis; the call is the confirmation, as
 * {@code --fix --yes} is on the command line. Both scan the host: the fix draws from the WRITE
 * bucket, the diagnosis from the READ one.
 */
public final class DoctorRoutes {

    private final Doctor doctor;

    public DoctorRoutes(Doctor doctor) {
        this.doctor = Objects.requireNonNull(doctor, "doctor");
    }

    /** The routes. */
    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/doctor", Scope.READ, call -> call.json(doctor.diagnose(port(call)))),
                Route.post("/api/v1/doctor/fix", Scope.ADMIN, call -> {
                    call.json(doctor.fix(doctor.diagnose(port(call))));
                }));
    }

    private static Integer port(Call call) {
        return call.query("port").isPresent() ? call.queryInt("port", 0, 1, 65_535) : null;
    }
}
