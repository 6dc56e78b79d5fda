package io.kessai.center.registry;

/**
 * Told about every new snapshot, whether the change was made on this node or, seen by polling, on
 * another. Calls come one at a time, in order, on the registry's own thread: a listener should be
 * quick (schedule a link reconnect, don't make it). A listener that throws is logged and kept.
 */
@FunctionalInterface
public interface RegistryListener {
    void registryChanged(RegistryChange change);
}
