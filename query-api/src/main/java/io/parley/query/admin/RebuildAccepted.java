package io.parley.query.admin;

import io.parley.query.rebuild.RebuildStatus;

/** The answer to a rebuild request: follow it in {@code GET /api/v1/admin/projections}. */
record RebuildAccepted(String name, String rebuildId, RebuildStatus.State state) {
}
