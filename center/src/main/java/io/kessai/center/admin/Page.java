package io.kessai.center.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.function.Predicate;

/**
 * One page of a list answer. {@code nextCursor} is null on the last page.
 *
 * @param items in key order
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record Page<T>(List<T> items, String nextCursor) {
    /** The page of {@code all} (sorted by key) that {@code request} asks for, filtered by {@code keep}. */
    static <T> Page<T> of(NavigableMap<String, T> all, PageRequest request, Predicate<T> keep) {
        NavigableMap<String, T> after = request.cursor() == null ? all : all.tailMap(request.cursor(), false);
        List<T> items = new ArrayList<>(Math.min(request.limit(), after.size()));
        String lastKey = null;
        boolean more = false;
        for (var entry : after.entrySet()) {
            if (!keep.test(entry.getValue())) {
                continue;
            }
            if (items.size() == request.limit()) {
                more = true;
                break;
            }
            items.add(entry.getValue());
            lastKey = entry.getKey();
        }
        return new Page<>(List.copyOf(items), more ? lastKey : null);
    }
}
