package io.kessai.center.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch's rows, column by column, bound as one array parameter per column: {@code unnest(?::text[], …)}
 * turns them back into rows inside one statement (group commit, {@link BatchCommitter}). Every column is
 * text (cast in SQL) except those named {@code bytea}.
 */
public final class ColumnArrays {
    private final String[] kinds;
    private final List<List<Object>> values = new ArrayList<>();

    public ColumnArrays(String[] kinds) {
        this.kinds = kinds.clone();
        for (int k = 0; k < kinds.length; k++) {
            values.add(new ArrayList<>());
        }
    }

    public void row(Object... row) {
        if (row.length != kinds.length) {
            throw new IllegalArgumentException("a row of " + kinds.length + " values, got " + row.length);
        }
        for (int k = 0; k < row.length; k++) {
            values.get(k).add(row[k]);
        }
    }

    /** Binds every column from parameter {@code first} on; returns the next parameter's index. */
    public int bind(Connection c, PreparedStatement st, int first) throws SQLException {
        for (int k = 0; k < kinds.length; k++) {
            List<Object> column = values.get(k);
            Object[] array = kinds[k].equals("bytea") ? column.toArray(new byte[0][]) : column.toArray(new String[0]);
            st.setArray(first + k, c.createArrayOf(kinds[k], array));
        }
        return first + kinds.length;
    }
}
