package io.kessai.center.db;

import org.jdbi.v3.core.Jdbi;

/**
 * The plan PostgreSQL keeps for a statement the JDBC driver has prepared on the server (after five runs):
 * the generic plan, chosen once, often while the tables are still empty (ADR 0018, ADR 0023). Plan tests
 * pin which index it uses.
 */
public final class GenericPlans {
    private GenericPlans() {}

    /** The generic plan of {@code sql} (its {@code ?} numbered in order), with one row's values. */
    public static String of(Jdbi jdbi, String sql, String parameterTypes, String values) {
        return jdbi.withHandle(h -> {
            h.execute("SET plan_cache_mode = force_generic_plan");
            try {
                String numbered = sql;
                for (int i = 1; numbered.contains("?"); i++) {
                    numbered = numbered.replaceFirst("\\?", "\\$" + i);
                }
                h.execute("PREPARE plan_under_test(" + parameterTypes + ") AS " + numbered);
                return String.join("\n", h.createQuery("EXPLAIN EXECUTE plan_under_test(" + values + ")").mapTo(String.class).list());
            } finally {
                h.execute("DEALLOCATE ALL");
                h.execute("RESET plan_cache_mode");
            }
        });
    }
}
