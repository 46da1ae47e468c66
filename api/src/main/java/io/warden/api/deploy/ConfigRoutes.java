package io.warden.api.deploy;

import io.warden.api.auth.Scope;
import io.warden.api.route.ApiProblem;
import io.warden.api.route.Call;
import io.warden.api.route.Route;
import io.warden.config.ConfigException;
import io.warden.deploy.DeployRefusedException;
import io.warden.governance.approval.Approver;
import java.util.List;

/**
 * {@code POST /api/v1/config/apply} (admin): re-reads warden.yaml as the client sends it and applies
 * the difference, or with {@code dryRun} only plans it. A config that fails validation is a 400
 * naming the file, line and key; a change the policy refuses is a 409 titled
 * {@value DeployRoutes#REFUSED}; either way nothing changed.
 */
public final class ConfigRoutes {

    private final ApplyPlan.Applier applier;

    public ConfigRoutes(ApplyPlan.Applier applier) {
        this.applier = applier;
    }

    /** {@code {"config": TEXT, "file": NAME, "dryRun": false}}. */
    record ApplyBody(String config, String file, Boolean dryRun) {
    }

    public List<Route> routes() {
        return List.of(Route.post("/api/v1/config/apply", Scope.ADMIN, call -> {
            ApplyBody body = call.body(ApplyBody.class);
            if (body == null || body.config() == null) {
                throw ApiProblem.badRequest("config", "give the text of warden.yaml as config");
            }
            String file = body.file() == null || body.file().isBlank() ? "warden.yaml" : body.file();
            try {
                call.json(applier.apply(file, body.config(), Boolean.TRUE.equals(body.dryRun()), actor(call)));
            } catch (ConfigException e) {
                throw ApiProblem.badRequest(e.key().isEmpty() ? "config" : e.key(), e.getMessage());
            } catch (DeployRefusedException e) {
                throw new ApiProblem(409, DeployRoutes.REFUSED, e.getMessage(), null);
            }
        }));
    }

    private static Approver actor(Call call) {
        return new Approver(call.principal().user(), List.copyOf(call.principal().roles()));
    }
}
