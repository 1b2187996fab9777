package cn.gansu.lianhu.visit.service;

import cn.gansu.lianhu.events.metrics.CommittedCounters;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.api.audit.Audit;
import cn.gansu.lianhu.api.security.Caller;
import cn.gansu.lianhu.events.contract.DemandData;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.HelpData;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.events.contract.VisitData;
import cn.gansu.lianhu.events.outbox.Outbox;
import cn.gansu.lianhu.visit.config.VisitConfig;
import cn.gansu.lianhu.visit.domain.VisitTask;
import cn.gansu.lianhu.visit.rest.VisitRequest;
import cn.gansu.lianhu.visit.rest.VisitRequest.TaskRequest;
import io.quarkus.arc.Arc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Logs a visit (issue 4 points 2 and 3): checks the task details, the date and the pairing rule, then writes the
 * visit, its tasks, help items, demands and their outbox events ({@code VISIT_LOGGED}, {@code HELP_RECORDED} per
 * help item, {@code DEMAND_OPENED} per demand) in one transaction.
 */
@ApplicationScoped
public class VisitLogging {

    /** Result: the visit and whether it was created now (false: an idempotent replay). */
    public record Logged(VisitView visit, boolean created) {
    }

    /** Counter {@code lianhu.visits.logged{mode}}: visits logged (committed; a retry answered from its key is not). */
    public static final String VISITS_LOGGED = "lianhu.visits.logged";
    /** Counter {@code lianhu.demands.opened}: demands opened by logged visits (committed). */
    public static final String DEMANDS_OPENED = "lianhu.demands.opened";

    @Inject
    Outbox outbox;

    @Inject
    CommittedCounters counters;

    /** The visit counters exist from the start, at 0 for every mode (issue 9 point 5). */
    void declareCounters(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent ev) {
        for (cn.gansu.lianhu.visit.domain.VisitMode mode : cn.gansu.lianhu.visit.domain.VisitMode.values()) {
            counters.declare(VISITS_LOGGED, "mode", mode.name());
        }
        counters.declare(DEMANDS_OPENED);
    }

    @Inject
    Clock clock;

    @Inject
    KnownPairings pairings;

    @Inject
    VisitQueries queries;

    @Inject
    VisitConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    VisitEffects effects;

    @Inject
    Scopes scopes;

    @Inject
    Audit audit;

    @Inject
    Demands demands;

    @Inject
    OutboxRows outboxRows;

    @Inject
    RoundTrip roundTrip;

    @Inject
    Caller caller;

    /**
     * @param request        the validated body
     * @param idempotencyKey optional {@code Idempotency-Key} header, per cadre (two cadres may use the same key); a
     *                       retry by the same cadre with the same key and body returns the first visit, with another
     *                       body a 409 {@code visit.idempotency-key-reused} naming that cadre's own visit
     * @throws ApiException 400 for task details missing, unknown or repeated tasks; 422 {@code visit.date-future},
     *                      {@code visit.not-paired}; 409 for a reused key
     */
    @Transactional
    public Logged log(VisitRequest request, String idempotencyKey) {
        List<VisitTask> tasks = checkTasks(request.tasks());
        checkHelp(request.tasks(), config.help());
        String hash = null;
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ApiException.invalid("Idempotency-Key", "size", "Idempotency-Key must have 1 to 200 characters");
        }
        // issue 7: the key's earlier visit and the covering pairing are read in one round trip (checked in this order)
        List<RoundTrip.Statement> reads = new ArrayList<>(2);
        if (idempotencyKey != null) {
            reads.add(new RoundTrip.Statement("select cast(id as varchar), request_hash, village_code,"
                    + " cast(unit_id as varchar) from visit where cadre_id = ? and idempotency_key = ?",
                    request.cadreId(), idempotencyKey));
        }
        reads.add(KnownPairings.activeOnStatement(request.cadreId(), request.householdId(), request.visitedOn()));
        List<List<Object[]>> read = roundTrip.run(reads);
        boolean keyUsedOutOfSight = false;
        if (idempotencyKey != null) {
            hash = hash(request);
            // keys are per cadre (V6): only this cadre's own visit answers a retry or a reuse; a visit outside the
            // caller's scope is as good as none (issue 6: out of scope answers like unknown)
            List<Object[]> found = read.get(0);
            Optional<Object[]> earlier = found.stream()
                    .filter(r -> scopes.sees((String) r[2], UUID.fromString((String) r[3]), request.cadreId()))
                    .findFirst();
            if (earlier.isPresent()) {
                if (!hash.equals(earlier.get()[1])) {
                    throw ApiException.conflict("Idempotency-Key", "visit.idempotency-key-reused",
                            "Idempotency-Key '" + idempotencyKey + "' was already used for visit "
                                    + earlier.get()[0] + " with a different body");
                }
                return new Logged(queries.load(UUID.fromString((String) earlier.get()[0])), false);
            }
            keyUsedOutOfSight = !found.isEmpty();
        }
        LocalDate today = LocalDate.now(clock);
        if (request.visitedOn().isAfter(today)) {
            throw ApiException.unprocessable("visitedOn", "visit.date-future",
                    "visitedOn " + request.visitedOn() + " is after today (" + today + ")");
        }
        // issue 6: a pairing outside the caller's scope (a CADRE naming another cadre, a UNIT_ADMIN another unit's
        // cadre, a REGION_ADMIN a household elsewhere) answers exactly like no pairing at all
        KnownPairingView pairing = read.get(read.size() - 1).stream().findFirst().map(KnownPairings::view)
                .filter(p -> scopes.sees(p.villageCode(), p.unitId(), p.cadreId()))
                .orElseThrow(() -> ApiException.unprocessable("cadreId", "visit.not-paired",
                        "cadre " + request.cadreId() + " was not actively paired with household "
                                + request.householdId() + " on " + request.visitedOn()));
        if (keyUsedOutOfSight) {
            // the cadre's key names a visit this caller may not see (a correction moved it out of its sight): the
            // key is taken, but the visit is not named
            throw ApiException.conflict("Idempotency-Key", "visit.idempotency-key-reused",
                    "Idempotency-Key '" + idempotencyKey + "' was already used for another visit of this cadre");
        }

        UUID visitId = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        // issue 7: the visit, its tasks, help, demands and events and the pairing's continuity and plan items are
        // written in one round trip; each insert returns what it stored, so the visit is answered (and audited) as
        // stored without reading it back
        List<RoundTrip.Statement> writes = new ArrayList<>();
        writes.add(new RoundTrip.Statement("""
                insert into visit (id, cadre_id, unit_id, household_id, village_code, pairing_id, visited_on, mode,
                  duration_minutes, latitude, longitude, notes, idempotency_key, request_hash, version, created_at,
                  updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
                returning\s""" + VisitQueries.VISIT_COLUMNS, visitId, request.cadreId(), pairing.unitId(),
                request.householdId(), pairing.villageCode(), pairing.id(), request.visitedOn(), request.mode().name(),
                request.durationMinutes(),
                RoundTrip.nullOf(request.location() == null ? null : request.location().lat(), Types.NUMERIC),
                RoundTrip.nullOf(request.location() == null ? null : request.location().lon(), Types.NUMERIC),
                RoundTrip.nullOf(request.notes(), Types.VARCHAR), RoundTrip.nullOf(idempotencyKey, Types.VARCHAR),
                RoundTrip.nullOf(hash, Types.VARCHAR), now, now));
        Written written = tasks(new Target(visitId, request.cadreId(), request.householdId(), pairing,
                request.visitedOn()), request.tasks(), now, true);
        writes.addAll(written.statements());
        VisitData visit = new VisitData(visitId.toString(), request.cadreId().toString(), pairing.unitId().toString(),
                request.householdId().toString(), pairing.villageCode(), pairing.id().toString(),
                request.visitedOn(), request.mode().name(), request.mode().inPerson(), request.durationMinutes(),
                tasks.stream().map(Enum::name).toList(), written.helpYuan(), written.helpItems(),
                written.demandsOpened(), 1);
        List<OutboxRows.Pending> events = new ArrayList<>(1 + written.events().size());
        events.add(new OutboxRows.Pending(Topics.VISIT_VISITS, visitId.toString(), EventTypes.VISIT_LOGGED, visit));
        events.addAll(written.events());
        writes.add(outboxRows.statement(events));
        writes.addAll(effects.statements(pairing.id()));
        List<List<Object[]>> stored = roundTrip.run(writes);
        outboxRows.notifyWritten(events);
        // business figures, counted once this transaction commits (issue 9 point 5): Prometheus
        // lianhu_visits_logged_total{mode} and lianhu_demands_opened_total
        counters.increment(VISITS_LOGGED, 1, "mode", request.mode().name());
        counters.increment(DEMANDS_OPENED, written.demandsOpened());

        List<Object[]> demandRows = written.demands() < 0 ? List.of() : stored.get(written.demands());
        VisitView logged = queries.view(stored.get(0).get(0), stored.get(written.tasks()),
                written.help() < 0 ? List.of() : stored.get(written.help()),
                demandRows.stream().map(d -> new Object[] { d[0], d[5], d[6], d[7], d[4], d[8], d[9] }).toList());
        // as Audit.record names the caller (the EntityManager variant), on this connection
        boolean inRequest = Arc.container().requestContext().isActive();
        String actor = inRequest ? caller.actor() : "system";
        String role = inRequest ? caller.role().name() : "SYSTEM";
        roundTrip.onConnection(c -> {
            try {
                audit.record(c, actor, role, "visit", visitId, "CREATED", null, logged);
                for (Object[] d : demandRows) {
                    audit.record(c, actor, role, "demand", UUID.fromString((String) d[0]), "CREATED", null,
                            demands.view(d, List.of()));
                }
                return null;
            } catch (SQLException e) {
                throw new RoundTrip.Failed(e);
            }
        });
        return new Logged(logged, true);
    }

    /** Where task rows go: the visit, its cadre and household, the pairing allowing it and the visit date. */
    record Target(UUID visitId, UUID cadreId, UUID householdId, KnownPairingView pairing, LocalDate visitedOn) {
    }

    /**
     * What {@link #writeTasks} wrote, or {@link #tasks} prepared.
     *
     * @param helpYuan      sum of the help items written, yuan (scale 2)
     * @param helpItems     the help items written, for {@code VisitData.help}
     * @param demandsOpened demands opened now (0 for a correction)
     * @param events        the HELP_RECORDED / DEMAND_OPENED events to write after VISIT_LOGGED (none for a
     *                      correction)
     * @param statements    the inserts: task rows (returning {@link VisitQueries#TASK_COLUMNS} as stored), help items
     *                      (if any; returning {@link VisitQueries#HELP_COLUMNS} in {@link VisitQueries#HELP_ORDER}),
     *                      demands (if any; returning {@link Demands#columns} in {@link VisitQueries#DEMAND_ORDER})
     * @param tasks         index of the task insert's rows in the results when run after one other statement (the
     *                      visit's), {@code help} and {@code demands} likewise, -1 when there is no such insert
     */
    record Written(BigDecimal helpYuan, List<VisitData.HelpItem> helpItems, int demandsOpened,
            List<OutboxRows.Pending> events, List<RoundTrip.Statement> statements, int tasks, int help, int demands) {
    }

    /**
     * Inserts the task rows and help items of a visit after a correction deleted the old ones: {@link #tasks} run in
     * one round trip.
     */
    Written writeTasks(Target target, List<TaskRequest> taskRequests, OffsetDateTime now) {
        Written written = tasks(target, taskRequests, now, false);
        if (!written.statements().isEmpty()) {
            roundTrip.run(written.statements());
        }
        return written;
    }

    /**
     * The inserts of the task rows and help items of a visit (logging, and a correction after it deleted the old
     * ones): one statement per table (issue 7), each returning the rows as stored.
     *
     * @param openDemands true when logging: PUBLIC_OPINION's demands are opened (OPEN, deadline = visitedOn +
     *                    {@code lianhu.visit.demand.deadline-days}) and HELP_RECORDED / DEMAND_OPENED events prepared;
     *                    false for a correction: the PUBLIC_OPINION row and its demands are kept as logged (not
     *                    written here) and no HELP_RECORDED events are prepared (VisitData.help of VISIT_CORRECTED
     *                    replaces the visit's help list)
     */
    Written tasks(Target target, List<TaskRequest> taskRequests, OffsetDateTime now, boolean openDemands) {
        UUID visitId = target.visitId();
        KnownPairingView pairing = target.pairing();
        BigDecimal helpYuan = BigDecimal.ZERO.setScale(2);
        List<VisitData.HelpItem> helpItems = new ArrayList<>();
        List<OutboxRows.Pending> events = new ArrayList<>();
        List<Object[]> taskValues = new ArrayList<>();
        List<Object[]> helpValues = new ArrayList<>();
        List<Object[]> demandValues = new ArrayList<>();
        for (TaskRequest t : taskRequests) {
            if (!openDemands && VisitTask.PUBLIC_OPINION.name().equals(t.task())) {
                continue;
            }
            ObjectNode details = mapper.valueToTree(t);
            details.remove("task");
            taskValues.add(new Object[] { visitId, t.task(), details.toString() });
            if (t.help() != null && VisitTask.DEVELOPMENT.name().equals(t.task())) {
                for (VisitRequest.HelpRequest h : t.help()) {
                    UUID helpId = UUID.randomUUID();
                    BigDecimal amount = h.amountYuan().setScale(2);
                    helpValues.add(new Object[] { helpId, visitId, h.kind().name(), amount, h.peopleBenefiting() });
                    helpYuan = helpYuan.add(amount);
                    helpItems.add(new VisitData.HelpItem(h.kind().name(), amount, h.peopleBenefiting()));
                    if (openDemands) {
                        HelpData data = new HelpData(helpId.toString(), visitId.toString(),
                                target.cadreId().toString(), pairing.unitId().toString(),
                                target.householdId().toString(), pairing.villageCode(), target.visitedOn(),
                                h.kind().name(), amount, h.peopleBenefiting());
                        events.add(new OutboxRows.Pending(Topics.VISIT_VISITS, helpId.toString(),
                                EventTypes.HELP_RECORDED, data));
                    }
                }
            }
            if (t.demands() != null && VisitTask.PUBLIC_OPINION.name().equals(t.task())) {
                LocalDate deadline = target.visitedOn().plusDays(config.demand().deadlineDays());
                for (VisitRequest.DemandRequest d : t.demands()) {
                    UUID demandId = UUID.randomUUID();
                    demandValues.add(new Object[] { demandId, visitId, target.householdId(), pairing.villageCode(),
                            pairing.unitId(), d.category().name(), d.description(), target.visitedOn(), deadline,
                            now, now });
                    DemandData data = new DemandData(demandId.toString(), target.householdId().toString(),
                            pairing.villageCode(), visitId.toString(), pairing.unitId().toString(),
                            d.category().name(), "OPEN", target.visitedOn(), deadline, null, null, 1);
                    events.add(new OutboxRows.Pending(Topics.VISIT_DEMANDS, demandId.toString(),
                            EventTypes.DEMAND_OPENED, data));
                }
            }
        }
        List<RoundTrip.Statement> statements = new ArrayList<>(3);
        int tasks = -1;
        int help = -1;
        int demandsAt = -1;
        if (!taskValues.isEmpty()) {
            tasks = 1 + statements.size();
            statements.add(rows("insert into visit_task (visit_id, task, details) values %s returning "
                    + VisitQueries.TASK_COLUMNS, "(?, ?, cast(? as jsonb))", taskValues));
        }
        if (!helpValues.isEmpty()) {
            help = 1 + statements.size();
            statements.add(rows("with ins as (insert into visit_help (id, visit_id, kind, amount_yuan,"
                    + " people_benefiting) values %s returning *) select " + VisitQueries.HELP_COLUMNS
                    + " from ins order by " + VisitQueries.HELP_ORDER, "(?, ?, ?, ?, ?)", helpValues));
        }
        if (!demandValues.isEmpty()) {
            demandsAt = 1 + statements.size();
            statements.add(rows("with ins as (insert into demand (id, visit_id, household_id, village_code, unit_id,"
                    + " category, description, status, opened_on, deadline, version, created_at, updated_at)"
                    + " values %s returning *) select " + Demands.columns("ins") + " from ins order by "
                    + VisitQueries.DEMAND_ORDER, "(?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, 1, ?, ?)", demandValues));
        }
        return new Written(helpYuan, helpItems, demandValues.size(), events, statements, tasks, help, demandsAt);
    }

    /** {@code sql} with {@code %s} replaced by one {@code row} of parameters per element of {@code values}. */
    private static RoundTrip.Statement rows(String sql, String row, List<Object[]> values) {
        StringBuilder rows = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (Object[] v : values) {
            rows.append(rows.isEmpty() ? "" : ", ").append(row);
            params.addAll(Arrays.asList(v));
        }
        return new RoundTrip.Statement(sql.formatted(rows), params);
    }

    /**
     * Each task known, at most once, with the details of its kind and no other kind's details.
     *
     * @return the tasks in the order of {@link VisitTask}
     */
    static List<VisitTask> checkTasks(List<TaskRequest> tasks) {
        return checkTasks(tasks, false);
    }

    /**
     * As {@link #checkTasks(List)}; for a correction ({@code correction} true) PUBLIC_OPINION carries no
     * {@code demands} (its demands stay those opened when the visit was logged), so their absence is no error here.
     */
    static List<VisitTask> checkTasks(List<TaskRequest> tasks, boolean correction) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<VisitTask> seen = EnumSet.noneOf(VisitTask.class);
        for (int i = 0; i < tasks.size(); i++) {
            TaskRequest t = tasks.get(i);
            String at = "tasks[" + i + "]";
            Optional<VisitTask> task = VisitTask.of(t.task());
            if (task.isEmpty()) {
                errors.add(new Problem.FieldError(at + ".task", "enum", at + ".task '" + t.task()
                        + "' is not one of POLICY_PUBLICITY, PUBLIC_OPINION, DEVELOPMENT, EMOTION_EASING, GRASSROOTS,"
                        + " MODEL_PROMOTION"));
                continue;
            }
            if (!seen.add(task.get())) {
                errors.add(new Problem.FieldError(at + ".task", "visit.task-repeated",
                        at + ".task " + t.task() + " is given more than once"));
                continue;
            }
            String detail = switch (task.get()) {
                case POLICY_PUBLICITY -> "policies";
                case PUBLIC_OPINION -> "demands";
                case DEVELOPMENT -> "help";
                case EMOTION_EASING -> "grievance";
                case GRASSROOTS -> "grassroots";
                case MODEL_PROMOTION -> "model";
            };
            Object value = switch (task.get()) {
                case POLICY_PUBLICITY -> t.policies();
                case PUBLIC_OPINION -> t.demands();
                case DEVELOPMENT -> t.help();
                case EMOTION_EASING -> t.grievance();
                case GRASSROOTS -> t.grassroots();
                case MODEL_PROMOTION -> t.model();
            };
            boolean keptAsLogged = correction && task.get() == VisitTask.PUBLIC_OPINION;
            if (!keptAsLogged && (value == null || (value instanceof List<?> l && l.isEmpty()))) {
                errors.add(new Problem.FieldError(at + "." + detail, "visit.task-details",
                        at + "." + detail + " is required for task " + t.task()));
            }
            List<String> others = new ArrayList<>();
            if (t.policies() != null && task.get() != VisitTask.POLICY_PUBLICITY) others.add("policies");
            if (t.demands() != null && task.get() != VisitTask.PUBLIC_OPINION) others.add("demands");
            if (t.help() != null && task.get() != VisitTask.DEVELOPMENT) others.add("help");
            if (t.grievance() != null && task.get() != VisitTask.EMOTION_EASING) others.add("grievance");
            if (t.grassroots() != null && task.get() != VisitTask.GRASSROOTS) others.add("grassroots");
            if (t.model() != null && task.get() != VisitTask.MODEL_PROMOTION) others.add("model");
            for (String o : others) {
                errors.add(new Problem.FieldError(at + "." + o, "visit.task-details",
                        at + "." + o + " does not belong to task " + t.task()));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return seen.stream().toList();
    }

    /**
     * Help a supervisor can believe (fresh-clone review point 2), for logging and correcting alike: each help item at
     * most {@code lianhu.visit.help.max-amount-yuan} yuan and {@code max-people} people benefiting, at most
     * {@code max-items} help items on the visit. Call after {@link #checkTasks} (help only on DEVELOPMENT).
     *
     * @throws ApiException 422 naming every item over a limit: {@code tasks[i].help[j].amountYuan}
     *                      {@code visit.help-amount-too-large}, {@code tasks[i].help[j].peopleBenefiting}
     *                      {@code visit.help-people-too-many}, {@code tasks[i].help} {@code visit.help-too-many-items}
     */
    public static void checkHelp(List<TaskRequest> tasks, VisitConfig.Help limits) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            List<VisitRequest.HelpRequest> help = tasks.get(i).help();
            if (help == null) {
                continue;
            }
            String at = "tasks[" + i + "].help";
            if (help.size() > limits.maxItems()) {
                errors.add(new Problem.FieldError(at, "visit.help-too-many-items", at + " has " + help.size()
                        + " help items, more than the " + limits.maxItems() + " one visit may record"));
            }
            for (int j = 0; j < help.size(); j++) {
                VisitRequest.HelpRequest h = help.get(j);
                String item = at + "[" + j + "]";
                if (h.amountYuan() != null && h.amountYuan().compareTo(limits.maxAmountYuan()) > 0) {
                    errors.add(new Problem.FieldError(item + ".amountYuan", "visit.help-amount-too-large",
                            item + ".amountYuan " + h.amountYuan().toPlainString() + " yuan is more than "
                                    + limits.maxAmountYuan().toPlainString() + " yuan for one help item"));
                }
                if (h.peopleBenefiting() != null && h.peopleBenefiting() > limits.maxPeople()) {
                    errors.add(new Problem.FieldError(item + ".peopleBenefiting", "visit.help-people-too-many",
                            item + ".peopleBenefiting " + h.peopleBenefiting() + " is more than "
                                    + limits.maxPeople() + " people for one help item"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable(errors);
        }
    }

    /**
     * True if {@code e} was caused by the unique constraint {@code visit_cadre_idempotency_key_key} on
     * {@code visit (cadre_id, idempotency_key)} (V6): a concurrent request of the same cadre with the same key
     * committed while this one was inserting.
     */
    public static boolean isIdempotencyKeyTaken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException cv
                    && "visit_cadre_idempotency_key_key".equals(cv.getConstraintName())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private String hash(VisitRequest request) {
        try {
            // through the tree: decimals lose trailing zeros, so amountYuan 100 and 100.00 are the same body
            byte[] json = mapper.writeValueAsString(mapper.valueToTree(request)).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("visit request cannot be hashed", e);
        }
    }
}
