package io.parley.loadtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Rebuilds one projection over the whole event store and times it: {@code POST
 * /api/v1/admin/projections/{name}/rebuild} (202), then {@code GET /api/v1/admin/projections} every
 * {@code poll} until the rebuild is {@code SWITCHED} (or {@code FAILED}). Needs an account with the ADMIN role:
 * command-api gives it to the emails listed in {@code PARLEY_ADMIN_EMAILS} when they register; the tool logs in
 * as {@code --admin-email} and registers that account first if it does not exist yet.
 */
final class RebuildScenario {

    private final ParleyApi api;
    private final String projection;
    private final String adminEmail;
    private final String adminPassword;
    private final Duration poll;
    private final Duration timeout;

    RebuildScenario(ParleyApi api, String projection, String adminEmail, String adminPassword, Duration poll,
                    Duration timeout) {
        this.api = api;
        this.projection = projection;
        this.adminEmail = adminEmail;
        this.adminPassword = adminPassword;
        this.poll = poll;
        this.timeout = timeout;
    }

    Map<String, Object> run() throws InterruptedException {
        ParleyApi.User admin = admin();
        String path = "/api/v1/admin/projections";
        ParleyApi.Reply listed = api.get(admin, path, null);
        if (listed.status() == 403) {
            throw new BenchFailure(adminEmail + " is not an ADMIN: start Parley with PARLEY_ADMIN_EMAILS=" + adminEmail
                    + " before that account registers");
        }
        find(listed.expect(200).body());
        ParleyApi.Reply started = api.postQuery(admin, path + "/" + projection + "/rebuild", Map.of());
        if (started.status() == 404 || started.status() == 405) {
            // The projection exists (it is listed): a 404 here means the endpoint does not.
            throw new BenchFailure("query-api has no rebuild endpoint (POST " + path + "/{name}/rebuild answered "
                    + started.status() + ": " + started.body() + "): the rebuild scenario needs it");
        }
        if (started.status() == 403) {
            throw new BenchFailure(adminEmail + " is not an ADMIN: start Parley with PARLEY_ADMIN_EMAILS=" + adminEmail
                    + " before that account registers");
        }
        started.expect(202);
        String rebuildId = started.body().path("rebuildId").asString();
        long startedAt = System.nanoTime();
        Progress.say("rebuild %s of %s started", rebuildId, projection);

        List<Map<String, Object>> samples = new ArrayList<>();
        JsonNode rebuild;
        while (true) {
            // The admin API reports a rebuild's progress only when asked: the scenario polls it, --poll apart.
            Thread.sleep(poll);
            JsonNode status = find(api.get(admin, path, null).expect(200).body());
            rebuild = status.path("rebuild");
            String state = rebuild.path("state").asString("");
            double seconds = (System.nanoTime() - startedAt) / 1e9;
            Map<String, Object> sample = new LinkedHashMap<>();
            sample.put("second", Math.round(seconds * 10) / 10.0);
            sample.put("position", rebuild.path("position").asLong());
            sample.put("headPosition", rebuild.path("headPosition").asLong());
            samples.add(sample);
            Progress.say("%s: %s %,d / %,d (%.0f %%)", projection, state, rebuild.path("position").asLong(),
                    rebuild.path("headPosition").asLong(), 100 * rebuild.path("progress").asDouble());
            if (rebuildId.equals(rebuild.path("rebuildId").asString())
                    && ("SWITCHED".equals(state) || "FAILED".equals(state))) {
                break;
            }
            if (seconds > timeout.toSeconds()) {
                throw new BenchFailure("rebuild of " + projection + " not finished after " + timeout);
            }
        }
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        if ("FAILED".equals(rebuild.path("state").asString())) {
            throw new BenchFailure("rebuild of " + projection + " FAILED: " + rebuild);
        }
        long events = rebuild.path("headPosition").asLong();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("projection", projection);
        result.put("rebuildId", rebuildId);
        result.put("state", rebuild.path("state").asString());
        result.put("headPosition", events);
        result.put("secondsObserved", Math.round(seconds * 100) / 100.0);
        result.put("eventsPerSecondObserved", seconds > 0 ? Math.round(events / seconds) : null);
        result.put("eventsPerSecondReported", rebuild.path("eventsPerSecond").asDouble());
        result.put("startedAt", rebuild.path("startedAt").asString(null));
        result.put("finishedAt", rebuild.path("finishedAt").asString(null));
        result.put("samples", samples);
        Progress.say("rebuild of %s: %,d events in %.1f s (%s events/s observed, %s reported)", projection, events,
                seconds, result.get("eventsPerSecondObserved"), result.get("eventsPerSecondReported"));
        return result;
    }

    private JsonNode find(JsonNode projections) {
        for (JsonNode status : projections) {
            if (projection.equals(status.path("name").asString())) {
                return status;
            }
        }
        throw new BenchFailure("no projection " + projection + " in GET /api/v1/admin/projections");
    }

    private ParleyApi.User admin() {
        return Admins.logIn(api, adminEmail, adminPassword);
    }
}
