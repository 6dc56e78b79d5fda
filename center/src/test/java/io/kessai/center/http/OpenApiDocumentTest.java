package io.kessai.center.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiDocumentTest {
    @TempDir Path dir;

    /** The merged document is OpenAPI 3.x and every "$ref" in it points at something that exists. */
    static void assertValid(JsonNode document) {
        assertThat(document.path("openapi").asText()).startsWith("3.");
        assertThat(document.path("info").path("title").asText()).isNotBlank();
        assertThat(document.path("paths").isObject()).isTrue();
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            assertThat(document.at(ref.substring(1)).isMissingNode()).as("target of %s", ref).isFalse();
        }
        document.path("paths").properties().forEach(path -> path.getValue().properties().stream()
                .filter(member -> !member.getKey().equals("parameters"))
                .forEach(operation -> assertThat(operation.getValue().path("responses").isObject())
                        .as("%s %s has responses", operation.getKey(), path.getKey()).isTrue()));
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(member -> {
                if (member.getKey().equals("$ref")) {
                    refs.add(member.getValue().asText());
                } else {
                    collectRefs(member.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectRefs(element, refs));
        }
    }

    @Test
    void theClasspathFragmentsMergeIntoAValidDocument() throws IOException {
        JsonNode document = Json.MAPPER.readTree(OpenApiDocument.assemble(getClass().getClassLoader()));
        assertValid(document);
        assertThat(document.path("paths").has("/openapi.json")).isTrue();
        assertThat(document.path("paths").has("/health")).isTrue();
        assertThat(document.path("paths").has("/metrics")).isTrue();
        assertThat(document.path("paths").has("/v1/admin/merchants/{id}")).isTrue();
        assertThat(document.path("components").path("schemas").has("Error")).isTrue();
    }

    @Test
    void fragmentsAreFoundInJarsToo() throws IOException {
        Path jar = dir.resolve("fragments.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("openapi/")); // as Maven writes jars: folders have entries
            out.closeEntry();
            write(out, "openapi/zz-extra.json", "{\"paths\": {\"/v1/extra\": {\"get\": {\"responses\": {\"200\": {\"description\": \"ok\"}}}}}}");
            write(out, "openapi/nested/ignored.json", "not even JSON");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            JsonNode document = Json.MAPPER.readTree(OpenApiDocument.assemble(loader));
            assertThat(document.path("paths").has("/v1/extra")).isTrue();
            assertThat(document.path("paths").has("/health")).isTrue();
        }
    }

    @Test
    void aPathDefinedTwiceStopsTheStartNamingBothFragments() throws IOException {
        Path jar = dir.resolve("clash.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("openapi/"));
            out.closeEntry();
            write(out, "openapi/zz-clash.json", "{\"paths\": {\"/health\": {}}}");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            assertThatThrownBy(() -> OpenApiDocument.assemble(loader))
                    .hasMessageContaining("paths//health").hasMessageContaining("ops.json").hasMessageContaining("zz-clash.json");
        }
    }

    @Test
    void aFragmentMayNotSetTheDocumentsOwnFields() throws IOException {
        Path jar = dir.resolve("info.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("openapi/"));
            out.closeEntry();
            write(out, "openapi/zz-info.json", "{\"info\": {}}");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            assertThatThrownBy(() -> OpenApiDocument.assemble(loader)).hasMessageContaining("zz-info.json has 'info'");
        }
    }

    private static void write(JarOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream entry = out;
        entry.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
