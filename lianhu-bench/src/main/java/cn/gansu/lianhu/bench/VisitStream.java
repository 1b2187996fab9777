package cn.gansu.lianhu.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fault suite's stream of visits (issue 8 point 1): {@code POST /api/v1/visits} at a fixed rate (the i-th
 * request due {@code i / rate} s after the start) from {@code clients} threads, each visit with an
 * {@code Idempotency-Key} of its own. Every request is recorded: ACCEPTED (201, or 200 for a replay, with the
 * visit id the service gave), REFUSED (4xx, with the body), or — while it gets no definite answer (connection
 * refused or reset, timeout, 5xx: the target is down) — retried every 500 ms with the same key and body, and
 * marked as having been UNKNOWN. A request still without an answer when the stream stops is resolved afterwards by
 * looking its key up in visit-service's database ({@link Faults}).
 */
final class VisitStream {
    /** One visit request and what became of it. */
    static final class Request {
        final long number;
        final String key;
        final int phase;
        final String cadreId;
        final String householdId;
        volatile String visitId;
        volatile int status;
        volatile int attempts;
        volatile boolean wasUnknown;
        volatile String refusal;
        volatile String lastProblem;
        /** true once the answer is definite (2xx or 4xx). */
        volatile boolean answered;
        /** Unknown until the end, then found (or not) in visit-service's database. */
        volatile Boolean foundByLookup;

        Request(long number, String key, int phase, String cadreId, String householdId) {
            this.number = number;
            this.key = key;
            this.phase = phase;
            this.cadreId = cadreId;
            this.householdId = householdId;
        }

        boolean accepted() {
            return answered ? status / 100 == 2 : Boolean.TRUE.equals(foundByLookup);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> urls;
    private final Supplier<String> token;
    private final List<String[]> pairings;
    private final String visitedOn;
    private final int rate;
    private final int clients;
    private final String run;
    private final IntSupplier phase;
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final AtomicLong next = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;
    private volatile long giveUpAt = Long.MAX_VALUE;
    private long t0;

    /**
     * @param pairings  ACTIVE pairings as {cadreId, householdId}; visits go round them
     * @param visitedOn the visit day (yyyy-MM-dd, today in Beijing)
     * @param run       makes the idempotency keys of this run unique: {@code faults-<run>-<i>}
     * @param phase     the phase (kind of kill) a new request belongs to
     */
    VisitStream(String url, Supplier<String> token, List<String[]> pairings, String visitedOn, int rate, int clients,
            String run, IntSupplier phase) {
        this(List.of(url), token, pairings, visitedOn, rate, clients, run, phase);
    }

    /**
     * A stream over several replicas of visit-service (issue 9 point 4): request i goes to {@code urls[i % n]}, and
     * each retry of an unknown answer to the next replica (a killed replica's requests are finished by another, with
     * the same Idempotency-Key).
     */
    VisitStream(List<String> urls, Supplier<String> token, List<String[]> pairings, String visitedOn, int rate,
            int clients, String run, IntSupplier phase) {
        this.urls = List.copyOf(urls);
        this.token = token;
        this.pairings = pairings;
        this.visitedOn = visitedOn;
        this.rate = rate;
        this.clients = clients;
        this.run = run;
        this.phase = phase;
    }

    static String keyPrefix(String run) {
        return "faults-" + run + "-";
    }

    void start() {
        t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(this::client, "visit-client-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /**
     * Stops sending new visits; requests still retrying get until {@code retryFor} from now for a definite
     * answer, then stay unknown.
     */
    void stop(Duration retryFor) throws InterruptedException {
        giveUpAt = System.nanoTime() + retryFor.toNanos();
        stopping = true;
        for (Thread t : threads) {
            t.join(retryFor.toMillis() + 30_000);
        }
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Accepted so far with a first attempt in {@code phase}. */
    long acceptedIn(int phase) {
        return requests.stream().filter(r -> r.phase == phase && r.answered && r.status / 100 == 2).count();
    }

    private void client() {
        while (!stopping) {
            long i = next.getAndIncrement();
            long due = t0 + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (stopping) {
                return;
            }
            String[] p = pairings.get((int) (i % pairings.size()));
            Request r = new Request(i, keyPrefix(run) + i, phase.getAsInt(), p[0], p[1]);
            requests.add(r);
            send(r);
        }
    }

    private void send(Request r) {
        String body = """
                {"cadreId":"%s","householdId":"%s","visitedOn":"%s","mode":"IN_HOME","durationMinutes":30,\
                "notes":"故障测试走访","tasks":[{"task":"POLICY_PUBLICITY","policies":["医疗保障"]}]}"""
                .formatted(r.cadreId, r.householdId, visitedOn);
        while (true) {
            r.attempts++;
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(urls.get((int) ((r.number + r.attempts - 1) % urls.size())))).timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + token.get()).header("Accept", "application/json")
                        .header("Content-Type", "application/json").header("Idempotency-Key", r.key)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int s = answer.statusCode();
                if (s / 100 == 2) {
                    JsonNode json = Http.JSON.readTree(answer.body());
                    r.visitId = json.path("id").asText(null);
                    r.status = s;
                    r.answered = true;
                    return;
                }
                if (s / 100 == 4) {
                    r.status = s;
                    r.refusal = answer.body();
                    r.answered = true;
                    return;
                }
                r.lastProblem = s + " " + answer.body();
            } catch (IOException e) {
                r.lastProblem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            r.wasUnknown = true;
            if (System.nanoTime() > giveUpAt) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
