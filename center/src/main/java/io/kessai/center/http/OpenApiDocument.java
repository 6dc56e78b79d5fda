package io.kessai.center.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI document served at {@code /openapi.json}: a base (info, security schemes, the error model)
 * with every class path fragment {@code openapi/*.json} merged in. A fragment may hold only
 * {@code paths}, {@code components} and {@code tags}; a path or component defined twice stops the start,
 * naming both fragments, rather than letting one silently hide the other.
 */
public final class OpenApiDocument {
    public static final String FRAGMENT_FOLDER = "openapi";
    static final String BASE_RESOURCE = "openapi-base.json";
    private static final Set<String> FRAGMENT_KEYS = Set.of("paths", "components", "tags");

    private OpenApiDocument() {}

    /** The merged document; {@link IllegalStateException} naming the fragment when one is wrong. */
    public static byte[] assemble(ClassLoader loader) {
        ObjectNode document = base();
        Map<String, String> origins = new HashMap<>();
        for (Map.Entry<String, byte[]> fragment : ClasspathJsonFiles.list(loader, FRAGMENT_FOLDER).entrySet()) {
            merge(document, parse(fragment.getKey(), fragment.getValue()), fragment.getKey(), origins);
        }
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the OpenAPI document", e);
        }
    }

    private static ObjectNode base() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(BASE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI base " + BASE_RESOURCE + " is missing from the class path");
            }
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the OpenAPI base " + BASE_RESOURCE, e);
        }
    }

    private static ObjectNode parse(String name, byte[] content) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(content);
        } catch (IOException e) {
            throw new IllegalStateException("OpenAPI fragment " + name + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalStateException("OpenAPI fragment " + name + " must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            String key = member.getKey();
            if (!FRAGMENT_KEYS.contains(key)) {
                throw new IllegalStateException("OpenAPI fragment " + name + " has '" + key
                        + "'; a fragment may hold only " + FRAGMENT_KEYS);
            }
        }
        return object;
    }

    private static void merge(ObjectNode document, ObjectNode fragment, String name, Map<String, String> origins) {
        if (fragment.has("paths")) {
            mergeMembers(document.withObject("/paths"), fragment.get("paths"), "paths", name, origins);
        }
        if (fragment.has("components")) {
            JsonNode components = fragment.get("components");
            for (Map.Entry<String, JsonNode> kind : components.properties()) {
                mergeMembers(document.withObject("/components/" + kind.getKey()), kind.getValue(),
                        "components/" + kind.getKey(), name, origins);
            }
        }
        if (fragment.has("tags")) {
            fragment.get("tags").forEach(document.withArray("/tags")::add);
        }
    }

    private static void mergeMembers(ObjectNode target, JsonNode source, String section, String name,
            Map<String, String> origins) {
        if (!source.isObject()) {
            throw new IllegalStateException("OpenAPI fragment " + name + ": " + section + " must be an object");
        }
        for (Map.Entry<String, JsonNode> member : source.properties()) {
            String key = section + "/" + member.getKey();
            if (target.has(member.getKey())) {
                throw new IllegalStateException("OpenAPI: " + key + " is defined by both "
                        + origins.getOrDefault(key, BASE_RESOURCE) + " and " + name);
            }
            origins.put(key, name);
            target.set(member.getKey(), member.getValue());
        }
    }
}
