package io.kessai.center.ops;

import io.kessai.db.Database;

/** UP when PostgreSQL answers a trivial query. */
public final class DatabaseHealthCheck implements HealthCheck {
    private static final long NANOS_PER_MILLI = 1_000_000;
    private final Database database;

    public DatabaseHealthCheck(Database database) {
        this.database = database;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public HealthCheckResult check() {
        long start = System.nanoTime();
        int one = database.jdbi().withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one());
        long millis = (System.nanoTime() - start) / NANOS_PER_MILLI;
        return one == 1
                ? HealthCheckResult.up("PostgreSQL answered in " + millis + " ms")
                : HealthCheckResult.down("PostgreSQL answered SELECT 1 with " + one);
    }
}
