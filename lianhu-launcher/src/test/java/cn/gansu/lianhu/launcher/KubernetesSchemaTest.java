package cn.gansu.lianhu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Schema check of the four generated {@code target/kubernetes/kubernetes.yml} (issue 9 point 4): every object is
 * validated against the Kubernetes OpenAPI schemas (JSON Schema, ajv) of the npm package
 * {@code kubernetes-models} {@value #VERSION} — the validator that installs here (kubeconform is not a Debian
 * package). The package is installed once with npm into {@code ${LIANHU_TOOLS_DIR:-~/.cache/lianhu}} (~25 MB,
 * ~50 s); needs node and npm, like the OpenAPI lint of the test command. {@link KubernetesManifestsTest} checks
 * what the schemas cannot (probes' paths, where each setting comes from, replicas).
 */
class KubernetesSchemaTest {
    static final String VERSION = "5.1.0";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static Path tools;

    private record Result(int code, String out) {
    }

    @BeforeAll
    static void installValidator() throws Exception {
        String base = System.getenv("LIANHU_TOOLS_DIR");
        Path cache = base != null ? Path.of(base)
                : System.getenv("XDG_CACHE_HOME") != null ? Path.of(System.getenv("XDG_CACHE_HOME"), "lianhu")
                : Path.of(System.getProperty("user.home"), ".cache", "lianhu");
        tools = cache.resolve("kubernetes-models-" + VERSION);
        if (!Files.isRegularFile(tools.resolve("node_modules/kubernetes-models/package.json"))) {
            Files.createDirectories(tools);
            Result install = run(List.of("npm", "install", "--prefix", tools.toString(), "--no-audit", "--no-fund",
                    "--no-save", "--loglevel=error", "kubernetes-models@" + VERSION), 300);
            assertEquals(0, install.code(), "npm install kubernetes-models@" + VERSION + ":\n" + install.out());
        }
        // the script beside its node_modules, so that its imports resolve there
        try (InputStream in = KubernetesSchemaTest.class.getResourceAsStream("/kubernetes/validate.mjs")) {
            Files.copy(in, tools.resolve("validate.mjs"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(timeoutSeconds, TimeUnit.SECONDS), "timed out: " + command);
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** The objects of a YAML file as a JSON array file (what validate.mjs reads). */
    private static Path asJson(Path yaml, Path json) throws IOException {
        ArrayNode objects = JSON.createArrayNode();
        try (var parser = YAML.getFactory().createParser(yaml.toFile())) {
            var docs = YAML.readValues(parser, JsonNode.class);
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isEmpty()) {
                    objects.add(doc);
                }
            }
        }
        Files.createDirectories(json.getParent());
        JSON.writeValue(json.toFile(), objects);
        return json;
    }

    private static Result validate(List<Path> files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", tools.resolve("validate.mjs").toString()));
        files.forEach(f -> command.add(f.toString()));
        return run(command, 120);
    }

    @Test
    void everyGeneratedObjectMatchesTheKubernetesSchemas() throws Exception {
        List<Path> files = new ArrayList<>();
        for (Service s : Service.ALL) {
            files.add(asJson(ROOT.resolve(s.name()).resolve("target/kubernetes/kubernetes.yml"),
                    Path.of("target/kubernetes-schema", s.name() + ".json").toAbsolutePath()));
        }
        Result result = validate(files);
        assertEquals(0, result.code(), result.out());
        // 4 services x ConfigMap, Service, Deployment, each checked
        assertEquals(12, result.out().lines().filter(l -> l.startsWith("OK ")).count(), result.out());
    }

    @Test
    void theValidatorRejectsABrokenDeployment() throws Exception {
        Path yaml = ROOT.resolve("registry-service/target/kubernetes/kubernetes.yml");
        Path json = asJson(yaml, Path.of("target/kubernetes-schema/broken.json").toAbsolutePath());
        ArrayNode objects = (ArrayNode) JSON.readTree(json.toFile());
        for (JsonNode object : objects) {
            if (object.path("kind").asText().equals("Deployment")) {
                ObjectNode container = (ObjectNode) object.path("spec").path("template").path("spec")
                        .path("containers").get(0);
                ((ObjectNode) container.path("ports").get(0)).put("containerPort", "eighty");
                ((ObjectNode) container.path("readinessProbe").path("httpGet")).remove("port");
            }
        }
        JSON.writeValue(json.toFile(), objects);
        Result result = validate(List.of(json));
        assertNotEquals(0, result.code(), result.out());
        assertTrue(result.out().contains("INVALID " + json + " Deployment/registry-service"), result.out());
        assertTrue(result.out().contains("containerPort must be integer")
                || result.out().contains("must have required property 'port'")
                || result.out().contains("must have required property port"), result.out());
    }
}
