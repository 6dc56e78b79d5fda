package io.kessai.center.registry;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** One step from snapshot {@code before} to snapshot {@code after}. */
public record RegistryChange(RegistrySnapshot before, RegistrySnapshot after) {
    public RegistryChange {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        assert after.generation() > before.generation() : "snapshots only move forward";
    }

    /** IDs of issuers added, removed or changed in any way (their links may need reconnecting). */
    public Set<String> changedIssuerIds() {
        return changedKeys(before.issuers(), after.issuers());
    }

    /** Serials of readers added, removed or changed. */
    public Set<String> changedReaderSerials() {
        return changedKeys(before.readers(), after.readers());
    }

    /** IDs of merchants added, removed or changed. */
    public Set<String> changedMerchantIds() {
        return changedKeys(before.merchants(), after.merchants());
    }

    private static <T> Set<String> changedKeys(Map<String, T> before, Map<String, T> after) {
        Set<String> changed = new TreeSet<>();
        before.forEach((key, value) -> {
            if (!value.equals(after.get(key))) {
                changed.add(key);
            }
        });
        after.keySet().stream().filter(key -> !before.containsKey(key)).forEach(changed::add);
        return changed;
    }
}
