package cn.gansu.lianhu.events.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.IncomingInterceptor;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Orderly stop of every Kafka consumer of a service (issue 8 point 2). Quarkus closes the datasource before it
 * terminates the Kafka channels: a batch delivered in between failed (reporting retried it, then it was nacked:
 * "SRMSG18203 … nacked … Error Occurred After Shutdown" for each channel, and a stop of ~23 s). Here, on
 * {@link ShutdownEvent}, which comes before the datasource closes:
 * <ol>
 * <li>every incoming channel is paused: it fetches no more records;</li>
 * <li>the messages already fetched go on being applied as usual (the database is still open) until none is in
 * progress and none has been for {@code lianhu.consumers.stop-quiet} (300 ms), at most
 * {@code lianhu.consumers.stop-timeout} (10 s).</li>
 * </ol>
 * Whatever was not applied by then is not acknowledged: its offsets stay uncommitted and it comes again after the
 * restart (the inbox drops what had been applied already).
 *
 * <p>It counts the messages in progress as the {@link IncomingInterceptor} of every incoming channel (the default
 * one: a channel given an interceptor of its own with {@code @Identifier} is not counted).
 */
@ApplicationScoped
public class ConsumerStop implements IncomingInterceptor {
    private static final Logger LOG = Logger.getLogger(ConsumerStop.class);

    @Inject
    KafkaClientService kafka;

    /** false = stop as Quarkus alone does (to compare; the datasource closes while consumers still run). */
    @ConfigProperty(name = "lianhu.consumers.pause-on-stop", defaultValue = "true")
    boolean pauseOnStop;

    @ConfigProperty(name = "lianhu.consumers.stop-timeout", defaultValue = "10s")
    Duration stopTimeout;

    @ConfigProperty(name = "lianhu.consumers.stop-quiet", defaultValue = "300ms")
    Duration stopQuiet;

    private final AtomicInteger inProgress = new AtomicInteger();
    private volatile long lastDone = System.nanoTime();

    @Override
    public Message<?> afterMessageReceive(Message<?> message) {
        inProgress.incrementAndGet();
        return message;
    }

    @Override
    public void onMessageAck(Message<?> message) {
        done();
    }

    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
        done();
    }

    private void done() {
        lastDone = System.nanoTime();
        inProgress.decrementAndGet();
    }

    /** Messages received by a consumer method and not yet acknowledged or nacked. */
    public int inProgress() {
        return Math.max(0, inProgress.get());
    }

    void stop(@Observes @Priority(1) ShutdownEvent ev) {
        if (!pauseOnStop) {
            return;
        }
        long start = System.nanoTime();
        List<String> channels = List.copyOf(kafka.getConsumerChannels());
        List<Uni<Object>> pauses = new ArrayList<>();
        for (String channel : channels) {
            pauses.add(kafka.getConsumer(channel).pause().map(paused -> (Object) paused)
                    .onFailure().recoverWithItem(e -> {
                        LOG.debugf("channel %s not paused at shutdown: %s", channel, e.getMessage());
                        return null;
                    }));
        }
        if (!pauses.isEmpty()) {
            try {
                Uni.join().all(pauses).andCollectFailures().await().atMost(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                LOG.debugf("consumers not all paused at shutdown: %s", e.getMessage());
            }
        }
        long deadline = start + stopTimeout.toNanos();
        long quiet = stopQuiet.toNanos();
        while ((inProgress() > 0 || System.nanoTime() - lastDone < quiet) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        LOG.infof("%d consumer channels paused, %d messages still in progress after %d ms", channels.size(), inProgress(),
                (System.nanoTime() - start) / 1_000_000);
    }
}
