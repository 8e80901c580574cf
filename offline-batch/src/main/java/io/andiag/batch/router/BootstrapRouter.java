package io.andiag.batch.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.andiag.batch.spark.LakeTables;
import io.andiag.model.routing.RouterModel;
import io.andiag.model.routing.RouterModelIo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The router shipped inside offline-batch for regions without labels: trained by {@code andiag batch
 * train-bootstrap-router} on the pooled candidates of several simulated regions (docs/routing.md, "Bootstrap
 * router"), kept as a classpath resource under {@value #RESOURCE}: a {@code router/} directory (router.json + the flat
 * models) plus {@value #INFO} (how it was trained) and {@value #INDEX} (the list of its files, since a jar cannot be
 * listed).
 */
public final class BootstrapRouter {

    public static final String RESOURCE = "io/andiag/batch/router/bootstrap/";
    public static final String INDEX = "files.txt";
    public static final String INFO = "bootstrap.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private BootstrapRouter() {
    }

    /** True when this build carries a bootstrap router. */
    public static boolean available() {
        ClassLoader cl = BootstrapRouter.class.getClassLoader();
        return cl.getResource(RESOURCE + INDEX) != null && cl.getResource(RESOURCE + RouterModelIo.ROUTER_JSON) != null;
    }

    /** How the bundled router was trained (bootstrap.json), or empty when there is none. */
    public static Optional<JsonNode> info() {
        try (InputStream in = resource(INFO)) {
            return in == null ? Optional.empty() : Optional.of(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bootstrap router's " + INFO, e);
        }
    }

    /** Copies the bundled router's files into {@code dir} (created); returns the files copied. */
    public static List<String> copyTo(Path dir) {
        List<String> files = index();
        try {
            Files.createDirectories(dir);
            for (String f : files) {
                Path target = dir.resolve(f).normalize();
                if (!target.startsWith(dir.normalize())) {
                    throw new IllegalStateException("bootstrap index names a file outside the router: " + f);
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = resource(f)) {
                    if (in == null) {
                        throw new IllegalStateException("bootstrap index names " + f + " but the resource is missing");
                    }
                    Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the bootstrap router to " + dir, e);
        }
        return files;
    }

    /** The bundled router, loaded with {@link RouterModelIo} (through a temporary copy). */
    public static RouterModel load() {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("andiag-bootstrap-router");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
        try {
            copyTo(tmp);
            return RouterModelIo.read(tmp);
        } finally {
            LakeTables.deleteRecursively(tmp);
        }
    }

    /** The files of a router directory, relative, sorted: what {@value #INDEX} lists. */
    public static List<String> listFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<String> out = new ArrayList<>();
            walk.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> !n.equals(INDEX) && !n.endsWith(".crc") && !n.contains("/.") && !n.startsWith("."))
                    .sorted()
                    .forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static List<String> index() {
        try (InputStream in = resource(INDEX)) {
            if (in == null) {
                throw new IllegalStateException("this build carries no bootstrap router (" + RESOURCE + INDEX + " is missing)");
            }
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(line.trim());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + INDEX, e);
        }
    }

    private static InputStream resource(String name) {
        return BootstrapRouter.class.getClassLoader().getResourceAsStream(RESOURCE + name);
    }
}
