package io.parley.query.admin;

import java.util.List;

import io.parley.query.rebuild.RebuildStatus;

/**
 * The answer to a rebuild of every projection: one rebuild per processor, each naming the projections it rebuilds;
 * each of them shows it as its {@code rebuild} in {@code GET /api/v1/admin/projections}.
 */
record RebuildAllAccepted(List<Item> rebuilds) {

    record Item(String rebuildId, String processor, List<String> projections, RebuildStatus.State state) {
    }
}
