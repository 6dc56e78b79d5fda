package io.kessai.center.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The {@code *.json} files directly inside one folder of the class path, from directories (tests, the
 * IDE) and from jars (the packaged application) alike, keyed and sorted by file name.
 */
final class ClasspathJsonFiles {
    /** More fragments than the center will ever have; a bound against a misconfigured class path. */
    static final int MAX_FILES = 256;

    private ClasspathJsonFiles() {}

    /** Jars must have an entry for the folder itself, as the ones Maven builds do. */
    static Map<String, byte[]> list(ClassLoader loader, String folder) {
        Map<String, byte[]> files = new TreeMap<>();
        try {
            for (URL root : Collections.list(loader.getResources(folder))) {
                switch (root.getProtocol()) {
                    case "file" -> readDirectory(Path.of(root.toURI()), files);
                    case "jar" -> readJar(root, folder, files);
                    default -> throw new IllegalStateException("cannot list " + root + ": unknown protocol");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the class path folder " + folder, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list the class path folder " + folder, e);
        }
        return files;
    }

    private static void readDirectory(Path directory, Map<String, byte[]> files) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path file : entries.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                put(files, file.getFileName().toString(), Files.readAllBytes(file), file.toString());
            }
        }
    }

    private static void readJar(URL root, String folder, Map<String, byte[]> files) throws IOException {
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        connection.setUseCaches(false);
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        try (JarFile jar = connection.getJarFile()) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                String rest = name.startsWith(prefix) ? name.substring(prefix.length()) : "";
                if (!entry.isDirectory() && rest.endsWith(".json") && !rest.contains("/")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        put(files, rest, in.readAllBytes(), jar.getName() + "!" + name);
                    }
                }
            }
        }
    }

    private static void put(Map<String, byte[]> files, String name, byte[] content, String where) {
        if (files.putIfAbsent(name, content) != null) {
            throw new IllegalStateException("two class path files are named " + name + " (one is " + where + ")");
        }
        if (files.size() > MAX_FILES) {
            throw new IllegalStateException("more than " + MAX_FILES + " JSON files on the class path");
        }
    }
}
