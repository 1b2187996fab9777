package cn.gansu.lianhu.events.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import cn.gansu.lianhu.events.contract.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Creates the event topics with enough partitions for several replicas of a consumer group (issue 9 point 4), rather
 * than leaving them to the broker's auto-creation with its {@code num.partitions} (1 on a stock broker: a second
 * replica of a consumer would get no partition and sit idle).
 *
 * <p>At start, before the channels subscribe, every service creates the contract's topics ({@link Topics#ALL}) and
 * its own dead-letter topic that do not exist yet, with {@code lianhu.kafka.topics.partitions} partitions (default 6:
 * up to 6 replicas of a consumer group each get partitions) and {@code retention.ms=-1} (reporting rebuilds from the
 * topics, DESIGN.md §3). Idempotent: several services or replicas starting at once may all try; "exists" is fine.
 * A topic that exists with fewer partitions is left alone and logged: adding partitions moves keys to other
 * partitions and would break the per-entity order of the events already written (do it by hand, consumers stopped,
 * only if the order of old events no longer matters). A broker that is away is logged; the start goes on (the
 * broker's auto-creation remains, set its {@code num.partitions} too: DEPLOY.md).
 */
@ApplicationScoped
public class TopicSetup {
    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    Optional<String> bootstrap;

    @ConfigProperty(name = "lianhu.kafka.topics.create", defaultValue = "true")
    boolean create;

    @ConfigProperty(name = "lianhu.kafka.topics.partitions", defaultValue = "6")
    int partitions;

    /** Replication factor of the created topics; -1 = the broker's {@code default.replication.factor}. */
    @ConfigProperty(name = "lianhu.kafka.topics.replication-factor", defaultValue = "-1")
    short replicationFactor;

    @ConfigProperty(name = "lianhu.kafka.topics.timeout", defaultValue = "15s")
    Duration timeout;

    @ConfigProperty(name = "mp.messaging.outgoing.dead-letters.topic")
    Optional<String> deadLetterTopic;

    void onStart(@Observes @Priority(1) StartupEvent ev) {
        if (!create || bootstrap.isEmpty()) {
            return;
        }
        Set<String> wanted = new LinkedHashSet<>(Topics.ALL);
        deadLetterTopic.ifPresent(wanted::add);
        try {
            ensure(bootstrap.get(), wanted, partitions, replicationFactor, timeout);
        } catch (RuntimeException e) {
            LOG.warnf("cannot create the event topics (%s); the broker's auto-creation applies", e.getMessage());
        }
    }

    /**
     * Creates the missing {@code topics} with {@code partitions} partitions; logs those that have fewer.
     *
     * @return the topics created now
     */
    public static List<String> ensure(String bootstrap, Set<String> topics, int partitions, short replicationFactor,
            Duration timeout) {
        long ms = timeout.toMillis();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ms,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(ms, 10_000)))) {
            Set<String> existing = admin.listTopics().names().get(ms, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : topics) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, Optional.of(partitions), Optional.of(replicationFactor))
                            .configs(Map.of("retention.ms", "-1", "retention.bytes", "-1")));
                }
            }
            List<String> created = new ArrayList<>();
            admin.createTopics(missing).values().forEach((topic, f) -> {
                try {
                    f.get(ms, TimeUnit.MILLISECONDS);
                    created.add(topic);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause(), e);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("cannot create topic " + topic + ": " + e, e);
                }
            });
            if (!created.isEmpty()) {
                LOG.infof("created topics %s with %d partitions each", created, partitions);
            }
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(ms, TimeUnit.MILLISECONDS);
            described.forEach((topic, d) -> {
                if (d.partitions().size() < partitions) {
                    LOG.warnf("topic %s has %d partitions, fewer than lianhu.kafka.topics.partitions=%d: at most %d "
                            + "replicas of a consumer group get partitions of it (left as it is: adding partitions "
                            + "would move keys and break the per-entity order)", topic, d.partitions().size(),
                            partitions, d.partitions().size());
                }
            });
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e.toString(), e);
        }
    }
}
