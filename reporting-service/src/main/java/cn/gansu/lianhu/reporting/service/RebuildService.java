package cn.gansu.lianhu.reporting.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.reporting.config.ConsumerConfig;
import cn.gansu.lianhu.reporting.config.RebuildConfig;
import cn.gansu.lianhu.reporting.events.ReplayGate;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Rebuilds reporting's read models from the Kafka log (issue 5 point 6; docs/rebuild.md). One rebuild at a time, run
 * on its own thread:
 * <ol>
 * <li>pause: every incoming channel stops fetching ({@link KafkaConsumer#pause()}), and the {@link ReplayGate}'s write
 * lock waits for the batches being applied and holds back the next ones;</li>
 * <li>drop: every read-model table is truncated (all tables but {@link RebuildConfig#keepTables()}), the rows of
 * reporting's inbox name are deleted from {@code processed_event}, and {@code read_model_freshness} is reset (no event
 * time, 0 applied; its change counters move on, so every replica computes its cached reports again, ReportCache), in
 * one transaction;</li>
 * <li>rewind: on each channel's polling thread, the end offsets of its partitions are captured, the partitions are
 * registered for replay, sought to their beginning, and that beginning is committed for the consumer group (a restart
 * during the rebuild resumes the replay rather than skipping it);</li>
 * <li>resume: the lock is released and the channels fetch again; the consumers replay every topic through the usual
 * projections (inbox, version guards, freshness);</li>
 * <li>SUCCEEDED when every partition has applied every record below its captured end offset; FAILED after
 * {@link RebuildConfig#timeout()} or when a step fails.</li>
 * </ol>
 * Figures keep answering throughout: they show what has been replayed so far, and their {@code asOf} (the latest event
 * time applied, reset by the drop) says how far that is. Rebuilds are remembered in memory only: after a restart their
 * ids are unknown (404), and a rebuild cut short by a restart goes on replaying from the committed beginning.
 */
@ApplicationScoped
public class RebuildService {
    private static final Logger LOG = Logger.getLogger(RebuildService.class);
    private static final Duration CHECK_EVERY = Duration.ofMillis(200);

    @Inject
    KafkaClientService kafka;

    @Inject
    ReplayGate gate;

    @Inject
    DataSource dataSource;

    @Inject
    RebuildConfig config;

    @Inject
    ConsumerConfig consumerConfig;

    private final Map<UUID, Run> runs = new ConcurrentHashMap<>();
    private final AtomicReference<Run> running = new AtomicReference<>();

    /**
     * Starts a rebuild and returns at once (status RUNNING).
     *
     * @throws ApiException 409 {@code rebuild.running} while another rebuild runs; 409 {@code rebuild.replicas} while
     *                      another replica of reporting is a member of its consumer group
     */
    public Rebuild start() {
        refuseBesideOtherReplicas();
        Run run = new Run(UUID.randomUUID(), now());
        if (!running.compareAndSet(null, run)) {
            Run other = running.get();
            String since = other == null ? "" : " (rebuild " + other.id + ", started " + other.startedAt + ")";
            throw ApiException.conflict("rebuild", "rebuild.running", "a rebuild of the read models is running"
                    + since + "; start another when it has SUCCEEDED or FAILED");
        }
        runs.put(run.id, run);
        Thread thread = new Thread(() -> execute(run), "reporting-rebuild");
        thread.setDaemon(true);
        thread.start();
        return run.view();
    }

    /**
     * A rebuild by id.
     *
     * @throws ApiException 404 if this service has not run such a rebuild since it started
     */
    public Rebuild get(UUID id) {
        Run run = runs.get(id);
        if (run == null) {
            throw ApiException.notFound("rebuild", id.toString());
        }
        return run.view();
    }

    /**
     * A rebuild pauses and rewinds the channels of ONE replica: the partitions another replica of reporting holds
     * would go on being applied over the truncation, and would not be replayed (issue 9 point 4). So a rebuild runs
     * only while this replica's consumers are the only members of reporting's consumer groups: scale reporting to one
     * replica, rebuild, scale back (DEPLOY.md). A replica joining during the rebuild takes partitions whose replay the
     * rebuild then waits for in vain: it FAILS after {@link RebuildConfig#timeout()}; do not scale up meanwhile.
     *
     * @throws ApiException 409 {@code rebuild.replicas} naming the other members
     */
    private void refuseBesideOtherReplicas() {
        List<String> channels = kafka.getConsumerChannels().stream().sorted().toList();
        if (channels.isEmpty()) {
            return;
        }
        Map<String, Set<String>> ours = new TreeMap<>();
        for (String channel : channels) {
            Function<Consumer<String, String>, org.apache.kafka.clients.consumer.ConsumerGroupMetadata> read =
                    Consumer::groupMetadata;
            org.apache.kafka.clients.consumer.ConsumerGroupMetadata meta = consumer(channel).runOnPollingThread(read)
                    .await().atMost(config.consumerTimeout());
            ours.computeIfAbsent(meta.groupId(), g -> new HashSet<>()).add(meta.memberId());
        }
        List<String> others = new ArrayList<>();
        String bootstrap = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("kafka.bootstrap.servers", String.class);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.describeConsumerGroups(ours.keySet()).all().get(config.consumerTimeout().toMillis(),
                    TimeUnit.MILLISECONDS).forEach((group, description) -> description.members().forEach(m -> {
                        if (!ours.get(group).contains(m.consumerId())) {
                            others.add(m.groupInstanceId().orElse(m.consumerId()) + " (" + m.host() + ")");
                        }
                    }));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing the consumer groups", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe the consumer groups " + ours.keySet() + ": " + e, e);
        }
        if (!others.isEmpty()) {
            Collections.sort(others);
            throw ApiException.conflict("rebuild", "rebuild.replicas", "another replica of reporting consumes beside "
                    + "this one (consumer group " + String.join(", ", ours.keySet()) + ", other members: "
                    + String.join(", ", others) + "); a rebuild rewinds the consumers of one replica only: scale "
                    + "reporting to 1 replica, then start the rebuild");
        }
    }

    private void execute(Run run) {
        List<String> channels = kafka.getConsumerChannels().stream().sorted().toList();
        List<String> paused = new ArrayList<>();
        Rebuild.Status outcome = Rebuild.Status.FAILED;
        String failure = null;
        try {
            LOG.infof("rebuild %s: started over channels %s", run.id, channels);
            awaitAssignments(channels);
            paused.addAll(channels);
            onEveryChannel(channels, channel -> consumer(channel).pause());
            Lock pausing = gate.pausing();
            pausing.lockInterruptibly();
            try {
                dropReadModels();
                onEveryChannel(channels, this::rewind).forEach(run.targets::addAll);
            } finally {
                pausing.unlock();
            }
            resume(paused);
            LOG.infof("rebuild %s: read models dropped, replaying %s", run.id, run.view().topics());
            Instant deadline = Instant.now().plus(config.timeout());
            while (!run.targets.stream().allMatch(t -> t.progress.complete())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the channels did not replay up to the end offsets within "
                            + config.timeout() + " (is a channel down? see /q/health)");
                }
                Thread.sleep(CHECK_EVERY.toMillis());
            }
            outcome = Rebuild.Status.SUCCEEDED;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.errorf(e, "rebuild %s: FAILED", run.id);
            failure = e.getMessage() == null ? e.toString() : e.getMessage();
            try {
                resume(paused);
            } catch (RuntimeException r) {
                LOG.errorf(r, "rebuild %s: resuming the channels failed", run.id);
            }
        } finally {
            // the gate and the slot are free before the status says so: a client seeing SUCCEEDED may start another
            gate.release(run.targets.stream().map(t -> t.partition).toList());
            running.set(null);
            run.finish(outcome, failure);
            LOG.infof("rebuild %s: %s %s", run.id, outcome, run.view().topics());
        }
    }

    /** Waits until every channel has partitions: one without any could not be rewound. */
    private void awaitAssignments(List<String> channels) throws InterruptedException {
        Instant deadline = Instant.now().plus(config.consumerTimeout());
        for (String channel : channels) {
            while (consumer(channel).getAssignments().await().atMost(config.consumerTimeout()).isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("channel " + channel + " has no partition assigned; nothing "
                            + "was dropped");
                }
                Thread.sleep(CHECK_EVERY.toMillis());
            }
        }
    }

    /**
     * Set on shutdown, before lianhu-events' ConsumerStop pauses every channel: a rebuild running then must not resume
     * them (its batches would meet a closed datasource; issue 8 point 2). The replay is left unfinished: its records
     * come again after the restart.
     */
    private volatile boolean stopping;

    void stopping(@jakarta.enterprise.event.Observes @jakarta.annotation.Priority(0) io.quarkus.runtime.ShutdownEvent ev) {
        stopping = true;
    }

    private void resume(List<String> paused) {
        if (stopping) {
            LOG.infof("shutting down: channels %s stay paused", paused);
            paused.clear();
            return;
        }
        if (!paused.isEmpty()) {
            onEveryChannel(List.copyOf(paused), channel -> consumer(channel).resume());
            paused.clear();
        }
    }

    /**
     * Runs an operation on every channel's polling thread at once (each waits for its channel's current poll to
     * return) and waits for all of them, at most {@link RebuildConfig#consumerTimeout()}.
     */
    private <R> List<R> onEveryChannel(List<String> channels, Function<String, Uni<R>> operation) {
        List<CompletableFuture<R>> pending = channels.stream()
                .map(channel -> operation.apply(channel).subscribeAsCompletionStage()).toList();
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(config.consumerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the channels", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("an operation on the channels " + channels + " failed: " + e, e);
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }

    /** Truncates the read models, reporting's inbox rows and the freshness, in one transaction. */
    private void dropReadModels() {
        Set<String> keep = config.keepTables().stream().map(t -> t.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = dataSource.getConnection()) {
                List<String> tables = new ArrayList<>();
                try (Statement list = connection.createStatement();
                        ResultSet rows = list.executeQuery("""
                                select table_name from information_schema.tables
                                where table_schema = current_schema() and table_type = 'BASE TABLE'
                                order by table_name""")) {
                    while (rows.next()) {
                        String table = rows.getString(1);
                        if (!keep.contains(table.toLowerCase(Locale.ROOT))) {
                            tables.add('"' + table.replace("\"", "\"\"") + '"');
                        }
                    }
                }
                try (Statement drop = connection.createStatement()) {
                    if (!tables.isEmpty()) {
                        drop.executeUpdate("truncate table " + String.join(", ", tables));
                    }
                    // changes + 1: every cached report (ReportCache) is computed again, on every replica
                    drop.executeUpdate("update read_model_freshness set last_event_time = null, events_applied = 0,"
                            + " changes = changes + 1");
                }
                try (PreparedStatement inbox = connection.prepareStatement(
                        "delete from processed_event where consumer = ?")) {
                    inbox.setString(1, consumerConfig.inboxName());
                    inbox.executeUpdate();
                }
                LOG.infof("read models truncated: %s", tables);
            } catch (SQLException e) {
                throw new IllegalStateException("dropping the read models failed: " + e.getMessage(), e);
            }
        });
    }

    /** On the channel's polling thread: captures end offsets, registers the replay, seeks and commits the beginning. */
    private Uni<List<Target>> rewind(String channel) {
        Function<Consumer<String, String>, List<Target>> seek = c -> {
            Set<TopicPartition> assigned = new HashSet<>(c.assignment());
            Map<TopicPartition, Long> begin = c.beginningOffsets(assigned);
            Map<TopicPartition, Long> end = c.endOffsets(assigned);
            List<Target> targets = new ArrayList<>();
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            for (TopicPartition partition : assigned) {
                long b = begin.getOrDefault(partition, 0L);
                long e = end.getOrDefault(partition, b);
                targets.add(new Target(channel, partition, gate.replay(partition, b, e)));
                commit.put(partition, new OffsetAndMetadata(b));
            }
            c.seekToBeginning(assigned);
            c.commitSync(commit);
            return targets;
        };
        return consumer(channel).runOnPollingThread(seek);
    }

    private KafkaConsumer<String, String> consumer(String channel) {
        return kafka.getConsumer(channel);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** One partition a rebuild replays. */
    private record Target(String channel, TopicPartition partition, ReplayGate.Progress progress) {
    }

    /** A rebuild's state; its view is built on demand. */
    private static final class Run {
        final UUID id;
        final OffsetDateTime startedAt;
        final List<Target> targets = new CopyOnWriteArrayList<>();
        volatile Rebuild.Status status = Rebuild.Status.RUNNING;
        volatile OffsetDateTime finishedAt;
        volatile String failure;

        Run(UUID id, OffsetDateTime startedAt) {
            this.id = id;
            this.startedAt = startedAt;
        }

        void finish(Rebuild.Status outcome, String why) {
            failure = why;
            finishedAt = now();
            status = outcome;
        }

        Rebuild view() {
            Map<String, List<Target>> byTopic = new TreeMap<>();
            for (Target t : targets) {
                byTopic.computeIfAbsent(t.partition.topic(), k -> new ArrayList<>()).add(t);
            }
            List<Rebuild.TopicReplay> topics = new ArrayList<>();
            byTopic.forEach((topic, parts) -> {
                parts.sort(Comparator.comparingInt(t -> t.partition.partition()));
                Map<Integer, Long> ends = new TreeMap<>();
                long toReplay = 0;
                long replayed = 0;
                boolean caughtUp = true;
                for (Target t : parts) {
                    ends.put(t.partition.partition(), t.progress.end());
                    toReplay += t.progress.end() - t.progress.begin();
                    replayed += t.progress.replayed();
                    caughtUp &= t.progress.complete();
                }
                topics.add(new Rebuild.TopicReplay(topic, parts.get(0).channel, ends, toReplay, replayed, caughtUp));
            });
            return new Rebuild(id, status, startedAt, finishedAt, failure, topics);
        }
    }
}
