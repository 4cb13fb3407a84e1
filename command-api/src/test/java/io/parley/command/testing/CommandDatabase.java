package io.parley.command.testing;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.parley.kernel.testing.TestInfrastructure;
import org.flywaydb.core.Flyway;

/**
 * command-api's own tables (the lookups next to the aggregates) in a fresh PostgreSQL database, migrated by the same
 * Flyway scripts the service runs. Tests keep apart by using fresh ids, so one database serves the whole test JVM.
 */
public final class CommandDatabase {

    private static DataSource dataSource;

    private CommandDatabase() {
    }

    public static synchronized DataSource dataSource() {
        if (dataSource == null) {
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl(TestInfrastructure.postgresUrl("parley_conversation_test"));
            pool.setUsername(TestInfrastructure.postgresUser());
            pool.setPassword(TestInfrastructure.postgresPassword());
            pool.setMaximumPoolSize(4);
            try {
                Flyway.configure().dataSource(pool).locations("classpath:db/command").load().migrate();
            } catch (RuntimeException e) {
                // Each test would open another pool and try again: close this one, or they exhaust the server.
                pool.close();
                throw e;
            }
            dataSource = pool;
        }
        return dataSource;
    }
}
