package io.parley.kernel.config;

import io.parley.kernel.testing.TestInfrastructure;
import org.postgresql.ds.PGSimpleDataSource;

/** The kernel's test database on the real PostgreSQL, with the event store's schema migrated. */
final class KernelDatabase {

    private KernelDatabase() {
    }

    static PGSimpleDataSource eventStore() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(TestInfrastructure.postgresUrl("parley_kernel_it"));
        dataSource.setUser(TestInfrastructure.postgresUser());
        dataSource.setPassword(TestInfrastructure.postgresPassword());
        new EventStoreSchema(dataSource);
        return dataSource;
    }
}
