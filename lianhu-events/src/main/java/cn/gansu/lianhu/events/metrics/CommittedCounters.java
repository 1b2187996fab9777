package cn.gansu.lianhu.events.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Business counters that count committed work only (issue 9 point 5): called inside a transaction, the increment
 * happens after that transaction committed (nothing on a rollback, nothing twice when a retried transaction rolled
 * back first); called outside one, at once.
 *
 * <p>Counters kept this way: {@code lianhu.events.applied{topic}} / {@code lianhu.events.duplicates{topic}} (records a
 * consumer applied / dropped as repeats), {@code lianhu.households.registered}, {@code lianhu.visits.logged{mode}},
 * {@code lianhu.demands.opened}, {@code lianhu.imports{kind,outcome}} and {@code lianhu.imports.rows{kind}}. Prometheus
 * names end in {@code _total}.
 */
@ApplicationScoped
public class CommittedCounters {

    @Inject
    MeterRegistry meters;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /**
     * Creates counter {@code name} with {@code tags} at 0 if it does not exist yet, so it is on {@code /q/metrics} from
     * the start and Prometheus' {@code increase()} sees its first increment (fresh-clone review: a counter that
     * appeared only at its first increment lost that increment).
     */
    public void declare(String name, String... tags) {
        meters.counter(name, tags);
    }

    /**
     * Adds {@code amount} to counter {@code name} with {@code tags} (key, value, …) once the current transaction
     * commits.
     */
    public void increment(String name, double amount, String... tags) {
        if (amount <= 0) {
            return;
        }
        int status = transactions.getTransactionStatus();
        if (status == Status.STATUS_NO_TRANSACTION) {
            meters.counter(name, tags).increment(amount);
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int outcome) {
                if (outcome == Status.STATUS_COMMITTED) {
                    meters.counter(name, tags).increment(amount);
                }
            }
        });
    }
}
