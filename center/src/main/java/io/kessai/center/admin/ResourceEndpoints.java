package io.kessai.center.admin;

import io.javalin.config.RoutesConfig;
import io.kessai.center.http.ApiException;
import io.kessai.center.http.HttpStatusCodes;
import io.kessai.center.http.JsonBodies;
import io.kessai.center.http.JsonResponses;
import io.kessai.center.registry.Registry;
import io.kessai.center.registry.RegistryException;
import io.kessai.center.registry.RegistryResource;
import io.kessai.center.registry.RegistrySnapshot;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The five endpoints every registry resource has: list (paged, filterable), get, create (POST, 201 with
 * Location), update (PUT, full replacement, optional {@code version} check) and delete (204). Reads come
 * from the node's snapshot, which every change rebuilds before it answers.
 */
final class ResourceEndpoints {
    /** Who the audit trail names for changes made through the admin API. */
    static final String ACTOR = "admin";
    private static final String KEY = "key";

    private ResourceEndpoints() {}

    @FunctionalInterface
    interface Create<T, D> {
        T create(D draft, String actor) throws RegistryException;
    }

    @FunctionalInterface
    interface Update<T, D> {
        T update(String key, D draft, String actor) throws RegistryException;
    }

    @FunctionalInterface
    interface Delete {
        void delete(String key, String actor) throws RegistryException;
    }

    /**
     * @param path the collection's path, e.g. {@code /v1/admin/merchants}
     * @param filters list query parameters and how each selects records, e.g. {@code merchantId}
     */
    record Spec<T, D>(String path, RegistryResource resource, Class<D> draftType,
            Function<RegistrySnapshot, NavigableMap<String, T>> all, Function<T, String> key,
            Map<String, BiPredicate<T, String>> filters, Create<T, D> create, Update<T, D> update, Delete delete) {
        Spec {
            Objects.requireNonNull(path, "path");
            filters = Map.copyOf(filters);
        }
    }

    static <T, D> void register(RoutesConfig routes, Registry registry, Spec<T, D> spec) {
        String item = spec.path() + "/{" + KEY + "}";
        routes.get(spec.path(), ctx -> {
            PageRequest request = PageRequest.from(ctx, spec.filters().keySet());
            JsonResponses.ok(ctx, Page.of(spec.all().apply(registry.snapshot()), request, filter(spec, request)));
        });
        routes.get(item, ctx -> {
            String key = ctx.pathParam(KEY);
            T found = spec.all().apply(registry.snapshot()).get(key);
            if (found == null) {
                throw ApiException.notFound("there is no " + spec.resource().label() + " " + key);
            }
            JsonResponses.ok(ctx, found);
        });
        routes.post(spec.path(), ctx -> {
            T created = spec.create().create(JsonBodies.read(ctx, spec.draftType()), ACTOR);
            ctx.header("Location", spec.path() + "/" + spec.key().apply(created));
            JsonResponses.send(ctx, HttpStatusCodes.CREATED, created);
        });
        routes.put(item, ctx -> JsonResponses.ok(ctx,
                spec.update().update(ctx.pathParam(KEY), JsonBodies.read(ctx, spec.draftType()), ACTOR)));
        routes.delete(item, ctx -> {
            spec.delete().delete(ctx.pathParam(KEY), ACTOR);
            ctx.status(HttpStatusCodes.NO_CONTENT);
        });
    }

    private static <T, D> Predicate<T> filter(Spec<T, D> spec, PageRequest request) {
        Predicate<T> keep = value -> true;
        for (var wanted : request.filters().entrySet()) {
            BiPredicate<T, String> test = spec.filters().get(wanted.getKey());
            keep = keep.and(value -> test.test(value, wanted.getValue()));
        }
        return keep;
    }
}
