package io.parley.kernel.config;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The event store and token tables, migrated by whichever service starts first (Flyway's lock makes
 * concurrent starts safe). Kept apart from each service's own migrations by its own history table.
 */
public final class EventStoreSchema {

    static final String LOCATION = "classpath:db/eventstore";
    static final String HISTORY_TABLE = "flyway_eventstore_history";

    private final MigrateResult result;

    EventStoreSchema(DataSource dataSource) {
        this.result = Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    public String version() {
        return result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
    }
}
