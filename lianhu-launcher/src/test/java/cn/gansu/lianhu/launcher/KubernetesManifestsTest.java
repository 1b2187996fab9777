package cn.gansu.lianhu.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The Kubernetes manifests that {@code mvn package} writes to {@code <service>/target/kubernetes/kubernetes.yml}
 * (quarkus-kubernetes, issue 9 point 4; DEPLOY.md). No Kubernetes schema validator installs here (kubeconform is
 * not a Debian package), so this test reads each file and checks what a cluster and the service need: the kinds,
 * the image, replicas, probes, resources, where every setting comes from, the Secret kept out of the file. It runs
 * after the services' {@code package} (this module depends on the four services) and cross-checks the manifests
 * against each service's application.properties, docker-compose.yml and the launcher's {@link Service} heaps.
 */
class KubernetesManifestsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** Settings the Secret {@code <service>-db} gives (made by the operator, never in the manifests). */
    private static final Set<String> SECRET_KEYS = Set.of("LIANHU_DB_USER", "LIANHU_DB_PASSWORD");
    /** The JWT verification key's Secret, mounted read-only at /keys. */
    private static final String JWT_SECRET = "lianhu-jwt";

    static Stream<Service> services() {
        return Service.ALL.stream();
    }

    /** A parsed manifest: each document by kind (one of each kind expected). */
    private record Manifest(Map<String, JsonNode> byKind) {
        JsonNode get(String kind) {
            JsonNode node = byKind.get(kind);
            assertNotNull(node, "no " + kind + " in the manifest");
            return node;
        }
    }

    private static Manifest manifest(Service s) throws IOException {
        Path file = ROOT.resolve(s.name()).resolve("target/kubernetes/kubernetes.yml");
        assertTrue(Files.isRegularFile(file), file + " missing: `mvn package` of " + s.name() + " writes it");
        Map<String, JsonNode> byKind = new LinkedHashMap<>();
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            Iterator<JsonNode> docs = YAML.readValues(parser, JsonNode.class);
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isEmpty()) {
                    continue;
                }
                String kind = doc.path("kind").asText();
                assertFalse(byKind.containsKey(kind), "two documents of kind " + kind + " in " + file);
                byKind.put(kind, doc);
            }
        }
        return new Manifest(byKind);
    }

    private static Properties properties(Service s) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(ROOT.resolve(s.name()).resolve("src/main/resources/application.properties"))) {
            p.load(in);
        }
        return p;
    }

    private static JsonNode container(Manifest m, Service s) {
        JsonNode containers = m.get("Deployment").path("spec").path("template").path("spec").path("containers");
        assertEquals(1, containers.size(), "one container per pod");
        JsonNode c = containers.get(0);
        assertEquals(s.name(), c.path("name").asText());
        return c;
    }

    @ParameterizedTest
    @MethodSource("services")
    void kindsNamesLabelsAndReplicas(Service s) throws IOException {
        Manifest m = manifest(s);
        // no init Job, no ServiceMonitor (needs the Prometheus Operator's CRDs), no Secret with values
        assertEquals(List.of("ConfigMap", "Service", "Deployment"), new ArrayList<>(m.byKind().keySet()));
        for (JsonNode doc : m.byKind().values()) {
            assertEquals(s.name(), doc.path("metadata").path("labels").path("app.kubernetes.io/name").asText(),
                    doc.path("kind").asText() + " label app.kubernetes.io/name");
            assertEquals("lianhu", doc.path("metadata").path("labels").path("app.kubernetes.io/part-of").asText());
            // reproducible manifests: the same sources give the same file
            assertTrue(doc.path("metadata").path("annotations").path("app.quarkus.io/build-timestamp").isMissingNode());
        }
        assertEquals(s.name(), m.get("Deployment").path("metadata").path("name").asText());
        assertEquals(s.name(), m.get("Service").path("metadata").path("name").asText());
        assertEquals(s.name() + "-config", m.get("ConfigMap").path("metadata").path("name").asText());

        JsonNode spec = m.get("Deployment").path("spec");
        assertEquals(2, spec.path("replicas").asInt(), "replicas (DEPLOY.md: how each service scales)");
        // the selector must not hold the version (selectors are immutable: an upgrade could not be applied)
        Map<String, String> selector = strings(spec.path("selector").path("matchLabels"));
        assertEquals(Map.of("app.kubernetes.io/name", s.name(), "app.kubernetes.io/part-of", "lianhu"), selector);
        Map<String, String> podLabels = strings(spec.path("template").path("metadata").path("labels"));
        assertTrue(podLabels.entrySet().containsAll(selector.entrySet()), "pod labels " + podLabels);
        assertEquals(selector, strings(m.get("Service").path("spec").path("selector")));
        // metrics scraped from the pods' annotations
        JsonNode annotations = spec.path("template").path("metadata").path("annotations");
        assertEquals("true", annotations.path("prometheus.io/scrape").asText());
        assertEquals("/q/metrics", annotations.path("prometheus.io/path").asText());
        assertEquals(String.valueOf(s.defaultPort()), annotations.path("prometheus.io/port").asText());
    }

    @ParameterizedTest
    @MethodSource("services")
    void imageMatchesComposeAndRunsAsTheImagesUser(Service s) throws IOException {
        Manifest m = manifest(s);
        Properties p = properties(s);
        JsonNode c = container(m, s);
        String image = "lianhu/" + s.name() + ":1.0.0";
        assertEquals("docker.io/" + image, c.path("image").asText());
        assertEquals("IfNotPresent", c.path("imagePullPolicy").asText());
        assertEquals(image, p.getProperty("quarkus.container-image.group") + "/"
                + p.getProperty("quarkus.container-image.name") + ":" + p.getProperty("quarkus.container-image.tag"));
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        assertTrue(compose.contains("image: " + image + "\n"), "docker-compose.yml runs " + image);

        JsonNode security = m.get("Deployment").path("spec").path("template").path("spec").path("securityContext");
        assertTrue(security.path("runAsNonRoot").asBoolean());
        assertEquals(p.getProperty("quarkus.jib.user"), security.path("runAsUser").asText());
        assertEquals("185", security.path("runAsUser").asText());
    }

    @ParameterizedTest
    @MethodSource("services")
    void portsAndProbes(Service s) throws IOException {
        Manifest m = manifest(s);
        JsonNode c = container(m, s);
        assertEquals(1, c.path("ports").size());
        assertEquals(s.defaultPort(), c.path("ports").get(0).path("containerPort").asInt());
        assertEquals("http", c.path("ports").get(0).path("name").asText());
        JsonNode servicePorts = m.get("Service").path("spec").path("ports");
        assertEquals(1, servicePorts.size());
        assertEquals(80, servicePorts.get(0).path("port").asInt());
        assertEquals(s.defaultPort(), servicePorts.get(0).path("targetPort").asInt());
        assertEquals("ClusterIP", m.get("Service").path("spec").path("type").asText());

        assertProbe(c.path("readinessProbe"), "/q/health/ready", s.defaultPort());
        assertProbe(c.path("livenessProbe"), "/q/health/live", s.defaultPort());
        assertProbe(c.path("startupProbe"), "/q/health/started", s.defaultPort());
        // a slow start (migrations on a busy node) is not killed: the startup probe allows at least 2 minutes
        JsonNode startup = c.path("startupProbe");
        assertTrue(startup.path("periodSeconds").asInt() * startup.path("failureThreshold").asInt() >= 120,
                "startup allowance " + startup);
        // readiness drops a replica from the Service within 15 s; liveness restarts only after 30 s of failures
        JsonNode ready = c.path("readinessProbe");
        assertTrue(ready.path("periodSeconds").asInt() * ready.path("failureThreshold").asInt() <= 15);
        JsonNode live = c.path("livenessProbe");
        assertTrue(live.path("periodSeconds").asInt() * live.path("failureThreshold").asInt() >= 30);
    }

    private static void assertProbe(JsonNode probe, String path, int port) {
        assertFalse(probe.isMissingNode(), "probe " + path + " missing");
        assertEquals(path, probe.path("httpGet").path("path").asText());
        assertEquals(port, probe.path("httpGet").path("port").asInt());
        assertEquals("HTTP", probe.path("httpGet").path("scheme").asText());
        int timeout = probe.path("timeoutSeconds").asInt();
        assertTrue(timeout >= 1 && timeout < probe.path("periodSeconds").asInt(), "timeout below period: " + probe);
    }

    @ParameterizedTest
    @MethodSource("services")
    void resourcesAndHeap(Service s) throws IOException {
        Manifest m = manifest(s);
        Properties p = properties(s);
        JsonNode resources = container(m, s).path("resources");
        long requestMemory = mebibytes(resources.path("requests").path("memory").asText());
        long limitMemory = mebibytes(resources.path("limits").path("memory").asText());
        long requestCpu = millicores(resources.path("requests").path("cpu").asText());
        long limitCpu = millicores(resources.path("limits").path("cpu").asText());
        assertTrue(requestCpu > 0 && requestCpu <= limitCpu, "cpu " + resources);
        // BENCHMARKS.md: resident memory 285-335 MB after the benchmarks (the request covers it), registry 578 MB after
        // the province-wide import (the limit covers it)
        assertTrue(requestMemory >= 340 && requestMemory <= limitMemory, "memory " + resources);
        assertTrue(limitMemory >= 600, "memory limit " + limitMemory + " MiB");

        // heap = MaxRAMPercentage of the limit (JDK_JAVA_OPTIONS in the image): at least the heap ./lianhu run gives
        String javaOptions = p.getProperty("quarkus.jib.environment-variables.\"JDK_JAVA_OPTIONS\"");
        assertNotNull(javaOptions, "JDK_JAVA_OPTIONS of the image");
        Matcher percent = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(javaOptions);
        assertTrue(percent.find(), javaOptions);
        long heap = limitMemory * Integer.parseInt(percent.group(1)) / 100;
        assertTrue(heap >= mebibytes(s.maxHeap()), s.name() + " heap " + heap + " MiB < -Xmx" + s.maxHeap());
        // what is not heap (metaspace, code, threads, buffers: ~150 MB measured) still fits under the limit
        assertTrue(limitMemory - heap >= 192, "non-heap room " + (limitMemory - heap) + " MiB");
    }

    @ParameterizedTest
    @MethodSource("services")
    void configFromTheConfigMapAndTheSecretOnly(Service s) throws IOException {
        Manifest m = manifest(s);
        Properties p = properties(s);
        JsonNode c = container(m, s);

        // literal env values would bypass the ConfigMap/Secret: only fields of the pod are allowed
        Map<String, String> fields = new LinkedHashMap<>();
        for (JsonNode env : c.path("env")) {
            String name = env.path("name").asText();
            assertTrue(env.path("value").isMissingNode(), "literal value for " + name);
            JsonNode fieldRef = env.path("valueFrom").path("fieldRef");
            assertFalse(fieldRef.isMissingNode(), name + " not from a field of the pod: " + env);
            fields.put(name, fieldRef.path("fieldPath").asText());
        }
        // every replica its own static group member (group.instance.id = <pod name>-<channel>)
        assertEquals("metadata.name", fields.get("LIANHU_INSTANCE_ID"));
        assertTrue(p.getProperty("lianhu.consumers.instance-id").startsWith("${LIANHU_INSTANCE_ID:"));

        // envFrom: the ConfigMap and the Secret (in either order: their keys do not overlap, see below)
        Set<String> sources = new TreeSet<>();
        for (JsonNode source : c.path("envFrom")) {
            source.fields().forEachRemaining(e -> sources.add(e.getKey() + " " + e.getValue().path("name").asText()));
        }
        assertEquals(Set.of("configMapRef " + s.name() + "-config", "secretRef " + s.name() + "-db"), sources);

        // the ConfigMap: non-secret settings only, each one a setting the service reads
        Map<String, String> config = strings(m.get("ConfigMap").path("data"));
        Set<String> normalizedProperties = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            normalizedProperties.add(key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase());
        }
        Set<String> variables = environmentVariables(p);
        for (Map.Entry<String, String> e : config.entrySet()) {
            String key = e.getKey();
            assertTrue(variables.contains(key) || normalizedProperties.contains(key),
                    key + " in the ConfigMap is neither ${" + key + "} nor a property of " + s.name());
            assertFalse(key.matches(".*(PASSWORD|SECRET|PRIVATE|TOKEN|CREDENTIAL).*"), "secret-like key " + key);
            assertFalse(e.getValue().contains("BEGIN") || e.getValue().contains("PRIVATE"), "key material in " + key);
        }
        // every variable the service reads is set: from the ConfigMap, the Secret or the pod (HOSTNAME: a fallback)
        Set<String> unset = new TreeSet<>(variables);
        unset.removeAll(config.keySet());
        unset.removeAll(fields.keySet());
        unset.remove("HOSTNAME");
        assertEquals(SECRET_KEYS, unset, "the variables left to the Secret " + s.name() + "-db");
        String dbUrl = config.get(s.dbUrlEnv());
        assertNotNull(dbUrl, s.dbUrlEnv());
        assertTrue(dbUrl.startsWith("jdbc:postgresql://") && dbUrl.endsWith("/" + s.database()), dbUrl);
        assertFalse(dbUrl.contains("password"), dbUrl);
        assertEquals(p.getProperty("quarkus.datasource.jdbc.max-size"), config.get("QUARKUS_DATASOURCE_JDBC_MAX_SIZE"));

        // the verification key: a file of the Secret lianhu-jwt, mounted read-only where the ConfigMap points
        JsonNode podSpec = m.get("Deployment").path("spec").path("template").path("spec");
        assertEquals(1, podSpec.path("volumes").size());
        JsonNode volume = podSpec.path("volumes").get(0);
        assertEquals(JWT_SECRET, volume.path("secret").path("secretName").asText());
        assertEquals(0444, volume.path("secret").path("defaultMode").asInt(), "readable by the user 185");
        JsonNode mount = c.path("volumeMounts").get(0);
        assertEquals(volume.path("name").asText(), mount.path("name").asText());
        assertTrue(mount.path("readOnly").asBoolean());
        assertEquals("file:" + mount.path("mountPath").asText() + "/jwt-public.pem", config.get("LIANHU_JWT_PUBLIC_KEY"));

        // shutdown: longer than the consumers' stop (their fetched batches are applied before the pod dies)
        long stopSeconds = seconds(p.getProperty("lianhu.consumers.stop-timeout"));
        assertTrue(podSpec.path("terminationGracePeriodSeconds").asInt() >= stopSeconds + 30,
                "terminationGracePeriodSeconds " + podSpec.path("terminationGracePeriodSeconds"));
    }

    /** The environment variables an application.properties reads: {@code ${NAME:default}} outside comments. */
    private static Set<String> environmentVariables(Properties p) {
        Set<String> names = new TreeSet<>();
        Pattern reference = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
        for (String key : p.stringPropertyNames()) {
            Matcher matcher = reference.matcher(p.getProperty(key));
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static Map<String, String> strings(JsonNode object) {
        assertFalse(object instanceof MissingNode, "missing object");
        Map<String, String> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    /** {@code 512Mi}, {@code 1Gi}, {@code 384m} (a JVM size) in MiB. */
    private static long mebibytes(String quantity) {
        Matcher q = Pattern.compile("(\\d+)(Mi|Gi|m|g|M|G)").matcher(quantity);
        assertTrue(q.matches(), "memory quantity " + quantity);
        long n = Long.parseLong(q.group(1));
        return q.group(2).equalsIgnoreCase("g") || q.group(2).equals("Gi") ? n * 1024 : n;
    }

    private static long millicores(String quantity) {
        assertTrue(quantity.matches("\\d+m?"), "cpu quantity " + quantity);
        return quantity.endsWith("m") ? Long.parseLong(quantity.substring(0, quantity.length() - 1))
                : Long.parseLong(quantity) * 1000;
    }

    private static long seconds(String duration) {
        assertTrue(duration != null && duration.matches("\\d+s"), "duration " + duration);
        return Long.parseLong(duration.substring(0, duration.length() - 1));
    }
}
