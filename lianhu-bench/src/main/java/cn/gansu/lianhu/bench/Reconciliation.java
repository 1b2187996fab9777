package cn.gansu.lianhu.bench;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.launcher.Service;

/**
 * The fault suite's reckoning (issue 8 point 1): waits until every outbox is empty and every consumer group has no
 * lag, then compares what each service holds with an independent count — the clients' own records of what was
 * accepted ({@link VisitStream}, the import jobs) — per kind of kill and overall:
 * <ul>
 * <li>registry: the accepted households (by the head's ID number) each registered exactly once;</li>
 * <li>pairing, visit, reporting: each of those households known exactly once (primary keys), counts equal to
 * registry's; the ACTIVE pairings unchanged in pairing, visit and reporting;</li>
 * <li>visit: each accepted visit stored once (by its Idempotency-Key, with the id the client got), none that was not
 * accepted;</li>
 * <li>events: each accepted visit and household has exactly one {@code logged}/{@code registered} event on its
 * topic (an event delivered twice with the same id is "redelivered", not duplicated); per consumer, every
 * published event of a type it applies is in its {@code processed_event} (the inbox: once per event id);</li>
 * <li>reporting's figures through its API: the households under 62 and today's visits under 62 equal the
 * independent counts; nothing on the dead-letter topics.</li>
 * </ul>
 */
final class Reconciliation {
    /** The topics each service consumes (their application.properties). */
    static final Map<Service, List<String>> CONSUMES = Map.of(
            Service.REGISTRY, List.of(Topics.PAIRING_PAIRINGS, Topics.PAIRING_LINKS),
            Service.PAIRING, List.of(Topics.REGISTRY_REGIONS, Topics.REGISTRY_HOUSEHOLDS),
            Service.VISIT, List.of(Topics.PAIRING_PAIRINGS, Topics.REGISTRY_HOUSEHOLDS),
            Service.REPORTING, List.of(Topics.REGISTRY_REGIONS, Topics.REGISTRY_HOUSEHOLDS, Topics.PAIRING_UNITS,
                    Topics.PAIRING_CADRES, Topics.PAIRING_LINKS, Topics.PAIRING_PAIRINGS, Topics.VISIT_VISITS,
                    Topics.VISIT_DEMANDS));

    /** An exact equality the run checks: name, expected (independent count), actual. */
    record Check(String name, long expected, long actual) {
        boolean ok() {
            return expected == actual;
        }
    }

    /** One row of the table. */
    record Row(String kill, long visitsAccepted, long householdsAccepted, long unknown, long unknownAccepted,
            long eventsPublished, String applied, long lost, long duplicated) {
    }

    /** What the run found. */
    record Report(boolean passed, String markdown, long lost, long duplicated, long visitsAccepted,
            long householdsAccepted, long unknown, long unknownAccepted, List<Row> rows, List<Check> checks,
            List<String> failures, Map<String, Object> figures) {
        /**
         * This report with what was found after it (the replica suite's rebuild): the run's failures and figures
         * as they are now, and a section of notes. Passed only if nothing failed since.
         */
        Report amended(Faults f, String title, List<String> notes) {
            StringBuilder sb = new StringBuilder(markdown);
            sb.append("\n## ").append(title).append("\n\n");
            notes.forEach(n -> sb.append("- ").append(n).append('\n'));
            List<String> all = List.copyOf(f.failures);
            all.stream().filter(x -> !failures.contains(x)).forEach(x -> sb.append("- **").append(x).append("**\n"));
            return new Report(passed && all.size() == failures.size(), sb.toString(), lost, duplicated, visitsAccepted,
                    householdsAccepted, unknown, unknownAccepted, rows, checks, all, Map.copyOf(f.figures));
        }

        static Report incomplete(Faults f) {
            StringBuilder sb = new StringBuilder("# Lianhu fault suite: INCOMPLETE\n\n");
            f.failures.forEach(x -> sb.append("- **").append(x).append("**\n"));
            f.notes.forEach(x -> sb.append("- ").append(x).append('\n'));
            return new Report(false, sb.toString(), -1, -1, 0, 0, 0, 0, List.of(), List.of(), List.copyOf(f.failures),
                    Map.copyOf(f.figures));
        }
    }

    /** One published event. */
    private record Published(String topic, String id, String type, String key) {
    }

    private final Faults f;
    private final List<Check> checks = new ArrayList<>();
    private final Map<String, Long> redelivered = new LinkedHashMap<>();
    private final Map<String, Long> records = new LinkedHashMap<>();
    private final Map<String, Published> events = new HashMap<>();
    private final Map<String, Long> deadLetters = new LinkedHashMap<>();

    Reconciliation(Faults f) {
        this.f = f;
    }

    Report reconcile() throws Exception {
        converge(f.options().convergeTimeout());
        readTopics();
        return compare();
    }

    // ------------------------------------------------------------------ converge

    /** Polls until every outbox is empty, no consumer group lags and the copies of the households agree. */
    private void converge(Duration timeout) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        long said = 0;
        String state = "";
        while (true) {
            List<String> waiting = new ArrayList<>();
            for (Service s : Service.ALL) {
                long unsent = f.count(s, "select count(*) from outbox_event where sent_at is null");
                if (unsent > 0) {
                    waiting.add(s.name() + " outbox " + unsent);
                }
            }
            Map<String, Long> lag = lag();
            lag.forEach((g, l) -> {
                if (l != 0) {
                    waiting.add(g + " lag " + l);
                }
            });
            long registry = f.count(Service.REGISTRY, "select count(*) from household");
            for (Service s : List.of(Service.PAIRING, Service.VISIT)) {
                long known = f.count(s, "select count(*) from known_household");
                if (known != registry) {
                    waiting.add(s.name() + " households " + known + "/" + registry);
                }
            }
            long reporting = f.count(Service.REPORTING, "select count(*) from household");
            if (reporting != registry) {
                waiting.add("reporting households " + reporting + "/" + registry);
            }
            long visits = f.count(Service.VISIT, "select count(*) from visit");
            long reportedVisits = f.count(Service.REPORTING, "select count(*) from visit");
            if (visits != reportedVisits) {
                waiting.add("reporting visits " + reportedVisits + "/" + visits);
            }
            if (waiting.isEmpty()) {
                f.say("converged %.1f s after the load stopped: outboxes empty, no consumer lag", Faults.secs(t0));
                f.figures.put("convergeSeconds", Math.round(Faults.secs(t0) * 10) / 10.0);
                return;
            }
            state = String.join(", ", waiting);
            if (System.nanoTime() > deadline) {
                f.failures.add("not converged " + timeout.toSeconds() + " s after the load: " + state);
                f.say("NOT converged after %d s: %s", timeout.toSeconds(), state);
                return;
            }
            if (System.nanoTime() - said > TimeUnit.SECONDS.toNanos(10)) {
                f.say("  waiting for: %s", state);
                said = System.nanoTime();
            }
            Faults.pause(1000);
        }
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, f.kafka.bootstrapServers());
        return Admin.create(p);
    }

    /** Lag of each service's consumer group over the topics it consumes (uncommitted partitions count fully). */
    private Map<String, Long> lag() throws Exception {
        Map<String, Long> result = new LinkedHashMap<>();
        try (Admin admin = admin()) {
            Set<String> all = new HashSet<>();
            CONSUMES.values().forEach(all::addAll);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(all).allTopicNames().get(30, TimeUnit.SECONDS).forEach((t, d) -> d.partitions()
                    .forEach(p -> latest.put(new TopicPartition(t, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, r) -> ends.put(tp, r.offset()));
            for (Service s : Service.ALL) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(s.name())
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                long lag = 0;
                for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                    if (!CONSUMES.get(s).contains(e.getKey().topic())) {
                        continue;
                    }
                    OffsetAndMetadata c = committed.get(e.getKey());
                    lag += e.getValue() - (c == null ? 0 : c.offset());
                }
                result.put(s.name(), lag);
            }
        }
        return result;
    }

    // ------------------------------------------------------------------ topics

    /** Reads every event topic and every dead-letter topic from the beginning to its end. */
    private void readTopics() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, f.kafka.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            Map<String, List<PartitionInfo>> topics = consumer.listTopics(Duration.ofSeconds(30));
            List<TopicPartition> partitions = new ArrayList<>();
            for (Map.Entry<String, List<PartitionInfo>> t : topics.entrySet()) {
                if (Topics.ALL.contains(t.getKey()) || t.getKey().endsWith(".dead-letter")) {
                    t.getValue().forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Map<String, Set<String>> ids = new HashMap<>();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the topics to their end in 5 min");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(1))) {
                    if (r.topic().endsWith(".dead-letter")) {
                        deadLetters.merge(r.topic(), 1L, Long::sum);
                        continue;
                    }
                    records.merge(r.topic(), 1L, Long::sum);
                    try {
                        JsonNode e = Http.JSON.readTree(r.value());
                        String id = e.path("id").asText();
                        if (!ids.computeIfAbsent(r.topic(), k -> new HashSet<>()).add(id)) {
                            redelivered.merge(r.topic(), 1L, Long::sum);
                        } else {
                            events.put(id, new Published(r.topic(), id, e.path("type").asText(), r.key()));
                        }
                    } catch (IOException ex) {
                        f.failures.add("unreadable event on " + r.topic() + " at " + r.offset());
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ compare

    private Report compare() throws Exception {
        String prefix = VisitStream.keyPrefix(f.run);
        // visit-service's visits of this run, by idempotency key
        Map<String, List<String>> visitRows = new HashMap<>();
        try (Connection c = f.db(Service.VISIT);
                PreparedStatement ps = c.prepareStatement("select idempotency_key, cast(id as varchar) from visit "
                        + "where idempotency_key like ?")) {
            ps.setString(1, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    visitRows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        List<VisitStream.Request> requests = f.stream.requests();
        // unknowns at the end: looked up by key
        long unresolved = 0;
        for (VisitStream.Request r : requests) {
            if (!r.answered) {
                unresolved++;
                List<String> rows = visitRows.get(r.key);
                r.foundByLookup = rows != null && !rows.isEmpty();
                if (r.foundByLookup) {
                    r.visitId = rows.get(0);
                }
            }
        }
        // events by visit id and by household id
        Map<String, Long> loggedByVisit = new HashMap<>();
        Map<String, Long> registeredByHousehold = new HashMap<>();
        for (Published e : events.values()) {
            if (e.topic().equals(Topics.VISIT_VISITS) && e.type().equals(EventTypes.VISIT_LOGGED)) {
                loggedByVisit.merge(e.key(), 1L, Long::sum);
            } else if (e.topic().equals(Topics.REGISTRY_HOUSEHOLDS) && e.type().equals(EventTypes.HOUSEHOLD_REGISTERED)) {
                registeredByHousehold.merge(e.key(), 1L, Long::sum);
            }
        }
        Set<String> reportedVisits = ids(Service.REPORTING, "select cast(id as varchar) from visit");
        Set<String> pairingHouseholds = ids(Service.PAIRING, "select cast(id as varchar) from known_household");
        Set<String> visitHouseholds = ids(Service.VISIT, "select cast(id as varchar) from known_household");
        Set<String> reportingHouseholds = ids(Service.REPORTING, "select cast(id as varchar) from household");

        List<Row> rows = new ArrayList<>();
        long totalLost = 0;
        long totalDup = 0;
        long totalVisits = 0;
        long totalHouseholds = 0;
        long totalUnknown = 0;
        long totalUnknownAccepted = 0;
        Set<String> acceptedKeys = new HashSet<>();
        for (Faults.Kill k : Faults.Kill.values()) {
            List<VisitStream.Request> mine = requests.stream().filter(r -> r.phase == k.ordinal()).toList();
            long accepted = 0;
            long unknown = 0;
            long unknownAccepted = 0;
            long published = 0;
            long lost = 0;
            long dup = 0;
            long inReporting = 0;
            for (VisitStream.Request r : mine) {
                unknown += r.wasUnknown || !r.answered ? 1 : 0;
                if (!r.accepted()) {
                    continue;
                }
                accepted++;
                acceptedKeys.add(r.key);
                unknownAccepted += r.wasUnknown ? 1 : 0;
                List<String> stored = visitRows.getOrDefault(r.key, List.of());
                long ev = r.visitId == null ? 0 : loggedByVisit.getOrDefault(r.visitId, 0L);
                published += Math.min(ev, 1);
                boolean reported = r.visitId != null && reportedVisits.contains(r.visitId);
                inReporting += reported ? 1 : 0;
                if (stored.isEmpty() || !stored.contains(r.visitId) || ev == 0 || !reported) {
                    lost++;
                    if (lost <= 3) {
                        f.failures.add(String.format(Locale.ROOT, "visit %s (key %s, phase %s) lost: stored %s, "
                                + "events %d, in reporting %s", r.visitId, r.key, k.label, stored, ev, reported));
                    }
                }
                if (stored.size() > 1 || ev > 1) {
                    dup++;
                }
            }
            // households of the phase's import
            Faults.ImportPart part = f.parts.get(k.ordinal());
            Map<String, List<String>> byHead = householdsOf(part.heads);
            long hhAccepted = part.accepted ? part.heads.size() : 0;
            long hhLost = 0;
            long hhDup = 0;
            long hhPublished = 0;
            long inPairing = 0;
            long inVisit = 0;
            long inReportingHh = 0;
            for (String head : part.heads) {
                List<String> hh = byHead.getOrDefault(head, List.of());
                if (!part.accepted) {
                    hhDup += hh.size();
                    continue;
                }
                if (hh.size() > 1) {
                    hhDup++;
                }
                if (hh.isEmpty()) {
                    hhLost++;
                    continue;
                }
                String id = hh.get(0);
                long ev = registeredByHousehold.getOrDefault(id, 0L);
                hhPublished += Math.min(ev, 1);
                if (ev > 1) {
                    hhDup++;
                }
                boolean p = pairingHouseholds.contains(id);
                boolean v = visitHouseholds.contains(id);
                boolean rep = reportingHouseholds.contains(id);
                inPairing += p ? 1 : 0;
                inVisit += v ? 1 : 0;
                inReportingHh += rep ? 1 : 0;
                if (ev == 0 || !p || !v || !rep) {
                    hhLost++;
                }
            }
            if (part.problem != null) {
                f.failures.add("phase " + k.label + ": " + part.problem);
            }
            rows.add(new Row(k.label, accepted, hhAccepted, unknown, unknownAccepted, published + hhPublished,
                    String.format(Locale.ROOT, "pairing %d · visit %d · reporting %d", inPairing, inVisit,
                            inReportingHh + inReporting),
                    lost + hhLost, dup + hhDup));
            totalLost += lost + hhLost;
            totalDup += dup + hhDup;
            totalVisits += accepted;
            totalHouseholds += hhAccepted;
            totalUnknown += unknown;
            totalUnknownAccepted += unknownAccepted;
        }
        // visits stored that no client had accepted
        long unaccounted = visitRows.keySet().stream().filter(key -> !acceptedKeys.contains(key)).count();
        totalDup += unaccounted;
        if (unaccounted > 0) {
            f.failures.add(unaccounted + " visits stored that no client had accepted (refused or unknown)");
        }

        // per consumer: published events of the types it applies vs its inbox
        StringBuilder consumers = new StringBuilder();
        long consumerLost = 0;
        for (Service s : Service.ALL) {
            Set<String> processed = ids(s, "select cast(event_id as varchar) from processed_event");
            List<Published> onTopics = events.values().stream().filter(e -> CONSUMES.get(s).contains(e.topic()))
                    .toList();
            Set<String> appliedTypes = onTopics.stream().filter(e -> processed.contains(e.id())).map(Published::type)
                    .collect(Collectors.toSet());
            long applied = onTopics.stream().filter(e -> processed.contains(e.id())).count();
            List<Published> missing = onTopics.stream().filter(e -> appliedTypes.contains(e.type())
                    && !processed.contains(e.id())).toList();
            long skipped = onTopics.stream().filter(e -> !appliedTypes.contains(e.type())).count();
            consumerLost += missing.size();
            if (!missing.isEmpty()) {
                f.failures.add(s.name() + " never applied " + missing.size() + " events, e.g. " + missing.get(0));
            }
            consumers.append(String.format(Locale.ROOT, "%s%s %,d of %,d (%,d of types it does not apply)",
                    consumers.length() == 0 ? "" : " · ", s.name().replace("-service", ""), applied,
                    onTopics.size(), skipped));
            f.figures.put("applied." + s.name(), applied);
            f.figures.put("notApplied." + s.name(), (long) missing.size());
        }
        totalLost += consumerLost;
        long publishedAll = events.size();
        long redeliveredAll = redelivered.values().stream().mapToLong(Long::longValue).sum();
        long dead = deadLetters.values().stream().mapToLong(Long::longValue).sum();
        if (dead > 0) {
            f.failures.add("dead letters: " + deadLetters);
        }

        // exact equalities with the independent counts
        long registry = f.count(Service.REGISTRY, "select count(*) from household");
        checks.add(new Check("registry households = seed + accepted", f.seedHouseholds + totalHouseholds, registry));
        checks.add(new Check("pairing known households = registry's", registry,
                f.count(Service.PAIRING, "select count(*) from known_household")));
        checks.add(new Check("visit known households = registry's", registry,
                f.count(Service.VISIT, "select count(*) from known_household")));
        checks.add(new Check("reporting households = registry's", registry,
                f.count(Service.REPORTING, "select count(*) from household")));
        checks.add(new Check("visit-service visits of the run = accepted visits", totalVisits,
                visitRows.values().stream().mapToLong(List::size).sum()));
        checks.add(new Check("reporting visits = accepted visits", totalVisits,
                f.count(Service.REPORTING, "select count(*) from visit")));
        checks.add(new Check("pairing ACTIVE pairings unchanged", f.activePairings,
                f.count(Service.PAIRING, "select count(*) from pairing where status = 'ACTIVE'")));
        checks.add(new Check("visit ACTIVE pairings = pairing's", f.activePairings,
                f.count(Service.VISIT, "select count(*) from known_pairing where status = 'ACTIVE'")));
        checks.add(new Check("reporting ACTIVE pairings = pairing's", f.activePairings,
                f.count(Service.REPORTING, "select count(*) from pairing where status = 'ACTIVE'")));
        String today = LocalDate.now(Faults.BEIJING).toString();
        JsonNode visitFigures = f.http.get(f.url(Service.REPORTING, "/api/v1/regions/62/visits?from=" + today + "&to="
                + today)).expect(200).json();
        checks.add(new Check("reporting API: today's visits under 62 = accepted visits", totalVisits,
                visitFigures.path("visits").path("total").asLong(-1)));
        JsonNode coverage = f.http.get(f.url(Service.REPORTING, "/api/v1/regions/62/coverage")).expect(200).json();
        checks.add(new Check("reporting API: households under 62 = registry's", registry,
                coverage.path("households").path("total").asLong(-1)));
        checks.add(new Check("events on the dead-letter topics", 0, dead));
        for (Check c : checks) {
            if (!c.ok()) {
                f.failures.add("check failed: " + c.name() + ": expected " + c.expected() + ", found " + c.actual());
            }
        }
        f.figures.put("unresolvedUnknowns", unresolved);
        f.figures.put("visitRequests", (long) requests.size());
        f.figures.put("refused", requests.stream().filter(r -> r.answered && r.status / 100 == 4).count());
        f.figures.put("eventsPublished", publishedAll);
        f.figures.put("redelivered", redeliveredAll);
        if (f.figures.get("refused") instanceof Long refused && refused > 0) {
            requests.stream().filter(r -> r.answered && r.status / 100 == 4).findFirst()
                    .ifPresent(r -> f.notes.add("first refusal: " + r.status + " " + r.refusal));
        }

        boolean passed = totalLost == 0 && totalDup == 0 && f.failures.isEmpty();
        String md = markdown(rows, totalVisits, totalHouseholds, totalUnknown, totalUnknownAccepted, publishedAll,
                redeliveredAll, consumers.toString(), totalLost, totalDup, passed);
        return new Report(passed, md, totalLost, totalDup, totalVisits, totalHouseholds, totalUnknown,
                totalUnknownAccepted, rows, List.copyOf(checks), List.copyOf(f.failures), Map.copyOf(f.figures));
    }

    private String markdown(List<Row> rows, long visits, long households, long unknown, long unknownAccepted,
            long published, long redeliveredAll, String consumers, long lost, long dup, boolean passed) {
        StringBuilder sb = new StringBuilder();
        Faults.Options o = f.options();
        sb.append(String.format(Locale.ROOT, "# Lianhu fault suite: %s%n%n", passed ? "PASSED (0 lost, 0 duplicated)"
                : "**FAILED**"));
        sb.append(String.format(Locale.ROOT, "%,d households imported during the faults (6 imports) after %d seed "
                + "households; visits at %d/s from %d clients; each target down %d s; whole run %.1f min on %d "
                + "cores.%n%n", o.households(), f.seedHouseholds, o.visitRate(), o.clients(), o.downSeconds(),
                f.elapsedSeconds() / 60, Runtime.getRuntime().availableProcessors()));
        sb.append("| kill -9 | requests accepted | unknown → accepted | events published | events applied (per "
                + "consumer; in a phase row: pairing and visit the households, reporting visits + households) | lost "
                + "| duplicated |\n|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %,d visits + %,d households | %d → %d | %,d | %s | %d | %d |%n",
                    r.kill(), r.visitsAccepted(), r.householdsAccepted(), r.unknown(), r.unknownAccepted(),
                    r.eventsPublished(), r.applied(), r.lost(), r.duplicated()));
        }
        sb.append(String.format(Locale.ROOT, "| **all** | %,d visits + %,d households | %d → %d | %,d distinct "
                + "(%,d redelivered) | %s | **%d** | **%d** |%n%n", visits, households, unknown, unknownAccepted,
                published, redeliveredAll, consumers, lost, dup));
        sb.append("Events on the topics (records / redelivered): ");
        sb.append(records.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + "/"
                + redelivered.getOrDefault(e.getKey(), 0L)).collect(Collectors.joining(", ")));
        sb.append(".\n\nExact checks against the independent counts:\n\n");
        for (Check c : checks) {
            sb.append(String.format(Locale.ROOT, "- %s %s: expected %,d, found %,d%n", c.ok() ? "✓" : "✗", c.name(),
                    c.expected(), c.actual()));
        }
        sb.append("\nImports: ");
        sb.append(f.parts.stream().map(p -> "phase " + (p.phase + 1) + " " + p.statuses
                + (p.byLookup ? " (found by lookup)" : "")).collect(Collectors.joining("; ")));
        sb.append("\n\n");
        f.notes.forEach(n -> sb.append("- ").append(n).append('\n'));
        if (!f.failures.isEmpty()) {
            sb.append("\nFailures:\n\n");
            f.failures.forEach(x -> sb.append("- **").append(x).append("**\n"));
        }
        sb.append(String.format(Locale.ROOT, "%nFigures: %s%n", new java.util.TreeMap<>(f.figures)));
        return sb.toString();
    }

    // ------------------------------------------------------------------ queries

    private Set<String> ids(Service s, String sql) throws SQLException {
        Set<String> result = new HashSet<>();
        try (Connection c = f.db(s); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }

    /** Household ids in registry for each head ID number (a list: more than one would be a duplicate). */
    private Map<String, List<String>> householdsOf(Collection<String> heads) throws SQLException {
        Map<String, List<String>> result = new HashMap<>();
        try (Connection c = f.db(Service.REGISTRY);
                PreparedStatement ps = c.prepareStatement("select id_number, cast(household_id as varchar) from "
                        + "household_member where id_number = any (?)")) {
            Array array = c.createArrayOf("varchar", heads.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return result;
    }
}
