package cn.gansu.lianhu.testsupport.corpus;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import cn.gansu.lianhu.testsupport.DatabaseSnapshot;
import cn.gansu.lianhu.testsupport.TestTokens;

/**
 * The bad-input corpus of issue 8 point 4, for one running service: reads its OpenAPI document
 * ({@code /q/openapi?format=json}), generates for every operation a deterministic (seeded) set of malformed requests
 * ({@link CorpusGenerator}), sends each with a province admin's token (pii) so that validation is reached, plus, per
 * operation, requests without a token and with bad tokens, and checks every answer:
 * <ul>
 * <li>status below 500;</li>
 * <li>every 4xx has {@code Content-Type: application/problem+json} and a body with {@code type}, {@code title} and
 * {@code status} equal to the HTTP status;</li>
 * <li>no 2xx/3xx for a request that is malformed ({@link Probe#mustReject()}), and the exact status where one is
 * expected (401 for token problems, 415 for a wrong media type, 400 for an unknown query parameter);</li>
 * <li>the database is unchanged: a {@link DatabaseSnapshot} of every table before and after the corpus is equal.</li>
 * </ul>
 * Usage, in a {@code @QuarkusTest} of the service:
 *
 * <pre>
 * BadInputCorpus.Report r = BadInputCorpus.forService("registry-service", "http://localhost:" + RestAssured.port).run();
 * System.out.println(r.summary());
 * assertEquals(List.of(), r.failures());
 * </pre>
 */
public final class BadInputCorpus {
    private final String service;
    private final String baseUri;
    private long seed = 20261129L;
    private final Set<String> excludedTables = new TreeSet<>();
    private final Map<String, String> pathValues = new LinkedHashMap<>();
    private final Map<String, String> bodyOverrides = new LinkedHashMap<>();
    private String token = TestTokens.provinceAdmin();

    private BadInputCorpus(String service, String baseUri) {
        this.service = service;
        this.baseUri = baseUri.replaceAll("/$", "");
    }

    /** A corpus against the service listening at {@code baseUri} (e.g. {@code http://localhost:8081}). */
    public static BadInputCorpus forService(String service, String baseUri) {
        return new BadInputCorpus(service, baseUri);
    }

    /** Seed of the generator's choices (default 20261129; system property {@code lianhu.corpus.seed} wins). */
    public BadInputCorpus seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** A table left out of the database comparison; say why in the caller. */
    public BadInputCorpus excludeTable(String table) {
        excludedTables.add(table);
        return this;
    }

    /** The valid value of a path parameter the mutations start from (e.g. {@code code} → {@code 620102}). */
    public BadInputCorpus pathValue(String name, String value) {
        pathValues.put(name, value);
        return this;
    }

    /** The valid JSON body an operation's mutations start from, instead of its OpenAPI example. */
    public BadInputCorpus body(String operationId, String json) {
        bodyOverrides.put(operationId, json);
        return this;
    }

    /** The token of the probes that should reach validation (default: a province admin with pii). */
    public BadInputCorpus token(String token) {
        this.token = token;
        return this;
    }

    /** One answer that broke a rule. */
    public record Failure(String operation, String mutation, String request, int status, String contentType,
            String problem, String body) {
        @Override
        public String toString() {
            return operation + " | " + mutation + " | " + request + " -> " + status + " " + contentType + " | "
                    + problem + " | " + body;
        }
    }

    /**
     * What the corpus did.
     *
     * @param service        service name
     * @param seed           generator seed
     * @param documented     operationIds of the OpenAPI document
     * @param covered        operationIds that got at least one probe
     * @param requests       requests sent
     * @param byStatus       answers per status
     * @param perOperation   requests per operation
     * @param accepted       read probes answered 2xx that were allowed to be (odd but legal search terms)
     * @param failures       broken rules, one per answer (empty when all is well)
     * @param databaseChange tables that differ between the snapshot before and after
     * @param slowest        the five slowest requests (time, operation, mutation)
     * @param millis         duration of the run
     */
    public record Report(String service, long seed, Set<String> documented, Set<String> covered, int requests,
            Map<Integer, Integer> byStatus, Map<String, Integer> perOperation, int accepted, List<Failure> failures,
            List<String> databaseChange, List<String> slowest, long millis) {

        /** Statuses of 500 and above. */
        public int serverErrors() {
            return byStatus.entrySet().stream().filter(e -> e.getKey() >= 500).mapToInt(Map.Entry::getValue).sum();
        }

        public String summary() {
            StringBuilder sb = new StringBuilder();
            sb.append("bad-input corpus ").append(service).append(" (seed ").append(seed).append("): ")
                    .append(covered.size()).append('/').append(documented.size()).append(" operations, ")
                    .append(requests).append(" requests in ").append(millis).append(" ms; statuses ").append(byStatus)
                    .append("; 5xx ").append(serverErrors()).append("; reads accepted as legal terms ").append(accepted)
                    .append("; failures ").append(failures.size()).append("; database changes ")
                    .append(databaseChange.isEmpty() ? "none" : databaseChange);
            sb.append("\n  per operation: ").append(perOperation);
            sb.append("\n  slowest: ").append(slowest);
            int shown = 0;
            for (Failure f : failures) {
                if (shown++ == 60) {
                    sb.append("\n  ... ").append(failures.size() - 60).append(" more");
                    break;
                }
                sb.append("\n  FAIL ").append(f);
            }
            return sb.toString();
        }
    }

    /** Generates, sends and checks the corpus. */
    public Report run() {
        long started = System.currentTimeMillis();
        long effectiveSeed = Long.getLong("lianhu.corpus.seed", seed);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        JsonNode doc;
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUri + "/q/openapi?format=json"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            doc = CorpusGenerator.JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the OpenAPI document of " + service, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        CorpusGenerator generator = new CorpusGenerator(doc, effectiveSeed, pathValues, bodyOverrides);
        List<CorpusGenerator.Operation> ops = generator.operations();
        Set<String> documented = new TreeSet<>();
        List<Probe> probes = new ArrayList<>();
        for (CorpusGenerator.Operation op : ops) {
            documented.add(op.id());
            List<Probe> own = generator.probes(op);
            for (Probe p : own) {
                probes.add(p.withHeader("Authorization", TestTokens.bearer(token)));
            }
            // authentication: no token, not a JWT, expired, signed by an unknown key, another scheme
            Probe any = generator.valid(op);
            probes.add(new Probe(op.id(), "auth.no token", any.method(), any.rawPath(), any.rawQuery(),
                    withoutAuth(any.headers()), any.body(), true, 401));
            probes.add(any.withHeader("Authorization", TestTokens.bearer(TestTokens.malformed()))
                    .withExpected(401).withMustReject(true).relabel("auth.not a JWT"));
            probes.add(any.withHeader("Authorization", TestTokens.bearer(TestTokens.expired()))
                    .withExpected(401).withMustReject(true).relabel("auth.expired token"));
            probes.add(any.withHeader("Authorization", TestTokens.bearer(TestTokens.wrongKey()))
                    .withExpected(401).withMustReject(true).relabel("auth.unknown signing key"));
            probes.add(any.withHeader("Authorization", "Basic YWRtaW46YWRtaW4=")
                    .withExpected(401).withMustReject(true).relabel("auth.basic scheme"));
        }

        DatabaseSnapshot before = DatabaseSnapshot.settled(excludedTables, 1500, 120_000);
        Set<String> covered = new LinkedHashSet<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        Map<String, Integer> perOperation = new TreeMap<>();
        List<Failure> failures = new ArrayList<>();
        int accepted = 0;
        List<String> slowest = new ArrayList<>();
        for (Probe p : probes) {
            covered.add(p.operation());
            perOperation.merge(p.operation(), 1, Integer::sum);
            HttpResponse<byte[]> response;
            long sent = System.nanoTime();
            try {
                response = send(http, p);
                long ms = (System.nanoTime() - sent) / 1_000_000;
                slowest.add(ms + " ms " + p.operation() + " " + p.mutation());
                slowest.sort(java.util.Comparator.comparingLong(x -> -Long.parseLong(x.substring(0, x.indexOf(' ')))));
                if (slowest.size() > 5) {
                    slowest.remove(5);
                }
            } catch (IOException e) {
                byStatus.merge(-1, 1, Integer::sum);
                failures.add(new Failure(p.operation(), p.mutation(), p.target(), -1, "", "no answer",
                        e.getClass().getSimpleName() + ": " + e.getMessage()));
                continue;
            }
            int status = response.statusCode();
            byStatus.merge(status, 1, Integer::sum);
            String type = response.headers().firstValue("Content-Type").orElse("");
            String body = new String(response.body(), StandardCharsets.UTF_8);
            String problem = check(p, status, type, body);
            if (problem == null && status < 400 && !p.mustReject()) {
                accepted++;
            }
            if (problem != null) {
                failures.add(new Failure(p.operation(), p.mutation(), p.target(), status, type, problem,
                        excerpt(body)));
            }
        }
        DatabaseSnapshot after = DatabaseSnapshot.settled(excludedTables, 1500, 120_000);
        return new Report(service, effectiveSeed, documented, covered, probes.size(), byStatus, perOperation, accepted,
                failures, before.differences(after), slowest, System.currentTimeMillis() - started);
    }

    /** What is wrong with this answer, or null. */
    static String check(Probe p, int status, String type, String body) {
        if (status >= 500) {
            return "server error";
        }
        if (p.expected() != 0 && status != p.expected()) {
            return "expected " + p.expected();
        }
        if (status < 400) {
            return p.mustReject() ? "malformed request accepted" : null;
        }
        if (!type.startsWith("application/problem+json")) {
            return "not application/problem+json";
        }
        try {
            JsonNode problem = CorpusGenerator.JSON.readTree(body);
            if (problem == null || !problem.isObject()) {
                return "problem body is not a JSON object";
            }
            if (!problem.path("type").isTextual() || !problem.path("title").isTextual()) {
                return "problem without type or title";
            }
            if (problem.path("status").asInt(-1) != status) {
                return "problem status " + problem.path("status") + " differs from HTTP status";
            }
        } catch (IOException e) {
            return "problem body is not JSON";
        }
        return null;
    }

    private HttpResponse<byte[]> send(HttpClient http, Probe p) throws IOException {
        URI uri = URI.create(baseUri + p.rawPath() + (p.rawQuery().isEmpty() ? "" : "?" + p.rawQuery()));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(p.method(), p.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(p.body()));
        p.headers().forEach(b::header);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static Map<String, String> withoutAuth(Map<String, String> headers) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.remove("Authorization");
        return h;
    }

    private static String excerpt(String body) {
        String b = body.replaceAll("\\s+", " ");
        return b.length() > 240 ? b.substring(0, 237) + "..." : b;
    }
}
