package cn.gansu.lianhu.visit.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.hibernate.query.NativeQuery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.audit.Audit;
import cn.gansu.lianhu.api.security.Caller;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.events.contract.VisitData;
import cn.gansu.lianhu.events.outbox.Outbox;
import cn.gansu.lianhu.visit.config.VisitConfig;
import cn.gansu.lianhu.visit.domain.VisitTask;
import cn.gansu.lianhu.visit.rest.VisitCorrection;
import cn.gansu.lianhu.visit.rest.VisitRequest.TaskRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Corrects a logged visit within the correction window, audited (issue 4 point 3).
 *
 * <p>Checks, in this order: the tasks (400, as when logging; PUBLIC_OPINION without {@code demands}); the visit
 * exists (404); the version read, If-Match winning over the body (409 {@code version.stale}); the help limits, shared with
 * logging ({@link VisitLogging#checkHelp}: 422 {@code visit.help-amount-too-large}, {@code visit.help-people-too-many},
 * {@code visit.help-too-many-items}); the window — today
 * (Beijing time) ≤ the day the visit was logged + {@code lianhu.visit.correction.window-days} (422
 * {@code visit.correction-window-closed}); {@code visitedOn} not after today (422 {@code visit.date-future});
 * PUBLIC_OPINION neither added, removed nor given demands (422 {@code visit.correction-demands}); the cadre actively
 * paired with the household on the new date (422 {@code visit.not-paired}; the pairing may differ from before).
 *
 * <p>Writes in one transaction: the visit row (version + 1; pairing, unit and village of the pairing on the new
 * date), its task rows and help items replaced (PUBLIC_OPINION and its demands kept as logged), a
 * {@code visit_correction} row with the visit before and after, the outbox event {@code VISIT_CORRECTED}
 * ({@link VisitData} with the new version and the whole help list; no HELP_RECORDED events: VisitData.help is the
 * visit's help after the correction), then {@link VisitEffects#visitsChanged} for the old and the new pairing.
 */
@ApplicationScoped
public class VisitCorrections {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    KnownPairings pairings;

    @Inject
    VisitQueries queries;

    @Inject
    VisitLogging logging;

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
    Caller caller;

    /**
     * Corrects visit {@code id}.
     *
     * @param ifMatch the version read ({@code If-Match} or the body's version, resolved and required by
     *                {@code rest.Versions}); null only for callers outside REST (the body's version then counts)
     * @return the visit after the correction
     */
    @Transactional
    public VisitView correct(UUID id, VisitCorrection c, Long ifMatch) {
        List<VisitTask> tasks = VisitLogging.checkTasks(c.tasks(), true);
        List<Object[]> rows = em.createNativeQuery("""
                select cast(cadre_id as varchar), cast(household_id as varchar), cast(pairing_id as varchar), version,
                  created_at, village_code, cast(unit_id as varchar) from visit where id = ?1 for update""",
                Object[].class).setParameter(1, id).getResultList();
        // issue 6: a visit outside the caller's scope answers exactly like an unknown one
        if (rows.isEmpty() || !scopes.sees((String) rows.get(0)[5], UUID.fromString((String) rows.get(0)[6]),
                UUID.fromString((String) rows.get(0)[0]))) {
            throw ApiException.notFound("visit", id.toString());
        }
        Object[] row = rows.get(0);
        UUID cadreId = UUID.fromString((String) row[0]);
        UUID householdId = UUID.fromString((String) row[1]);
        UUID oldPairing = UUID.fromString((String) row[2]);
        long stored = ((Number) row[3]).longValue();
        OffsetDateTime createdAt = VisitQueries.time(row[4]);
        Long expected = ifMatch != null ? ifMatch : c.version();
        if (expected != null && expected != stored) {
            throw ApiException.conflict("version", "version.stale", "visit " + id + " is at version " + stored
                    + ", not " + expected + ": read it again and repeat the correction");
        }
        VisitLogging.checkHelp(c.tasks(), config.help());
        LocalDate today = LocalDate.now(clock);
        LocalDate loggedOn = createdAt.atZoneSameInstant(clock.getZone()).toLocalDate();
        LocalDate lastDay = loggedOn.plusDays(config.correction().windowDays());
        if (today.isAfter(lastDay)) {
            throw ApiException.unprocessable("id", "visit.correction-window-closed", "visit " + id
                    + " was logged on " + loggedOn + " and could be corrected up to and including " + lastDay + " ("
                    + config.correction().windowDays() + " days); today is " + today);
        }
        if (c.visitedOn().isAfter(today)) {
            throw ApiException.unprocessable("visitedOn", "visit.date-future",
                    "visitedOn " + c.visitedOn() + " is after today (" + today + ")");
        }
        checkPublicOpinion(id, c.tasks());
        KnownPairingView pairing = pairings.activeOn(cadreId, householdId, c.visitedOn())
                .filter(p -> scopes.sees(p.villageCode(), p.unitId(), p.cadreId()))
                .orElseThrow(() -> ApiException.unprocessable("visitedOn", "visit.not-paired",
                        "cadre " + cadreId + " was not actively paired with household " + householdId + " on "
                                + c.visitedOn()));

        VisitView beforeView = queries.load(id);
        String before = write(beforeView);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        long version = stored + 1;
        em.createNativeQuery("""
                update visit set pairing_id = ?2, unit_id = ?3, village_code = ?4, visited_on = ?5, mode = ?6,
                  duration_minutes = ?7, latitude = ?8, longitude = ?9, notes = ?10, version = ?11, updated_at = ?12
                where id = ?1""").unwrap(NativeQuery.class)
                .setParameter(1, id).setParameter(2, pairing.id()).setParameter(3, pairing.unitId())
                .setParameter(4, pairing.villageCode()).setParameter(5, c.visitedOn())
                .setParameter(6, c.mode().name()).setParameter(7, c.durationMinutes())
                .setParameter(8, c.location() == null ? null : c.location().lat(), BigDecimal.class)
                .setParameter(9, c.location() == null ? null : c.location().lon(), BigDecimal.class)
                .setParameter(10, c.notes(), String.class).setParameter(11, version).setParameter(12, now)
                .executeUpdate();
        em.createNativeQuery("delete from visit_task where visit_id = ?1 and task <> 'PUBLIC_OPINION'")
                .setParameter(1, id).executeUpdate();
        em.createNativeQuery("delete from visit_help where visit_id = ?1").setParameter(1, id).executeUpdate();
        VisitLogging.Written written = logging.writeTasks(new VisitLogging.Target(id, cadreId, householdId, pairing,
                c.visitedOn()), c.tasks(), now);
        VisitView after = queries.load(id);

        em.createNativeQuery("""
                insert into visit_correction (id, visit_id, version, corrected_at, reason, corrected_by, before, after)
                values (?1, ?2, ?3, ?4, ?5, ?6, cast(?7 as jsonb), cast(?8 as jsonb))""").unwrap(NativeQuery.class)
                .setParameter(1, UUID.randomUUID()).setParameter(2, id).setParameter(3, version).setParameter(4, now)
                .setParameter(5, c.reason()).setParameter(6, caller.actor(), String.class)
                .setParameter(7, before).setParameter(8, write(after))
                .executeUpdate();
        VisitData data = new VisitData(id.toString(), cadreId.toString(), pairing.unitId().toString(),
                householdId.toString(), pairing.villageCode(), pairing.id().toString(), c.visitedOn(),
                c.mode().name(), c.mode().inPerson(), c.durationMinutes(), tasks.stream().map(Enum::name).toList(),
                written.helpYuan(), written.helpItems(), after.demands().size(), version);
        outbox.publish(Topics.VISIT_VISITS, id.toString(), EventTypes.VISIT_CORRECTED, data);
        audit.record("visit", id, "CORRECTED", beforeView, after);
        effects.visitsChanged(oldPairing);
        if (!oldPairing.equals(pairing.id())) {
            effects.visitsChanged(pairing.id());
        }
        return after;
    }

    /**
     * The audited corrections of a visit, oldest first.
     *
     * @throws ApiException 404 if the visit does not exist or lies outside the caller's scope (the same answer)
     */
    @Transactional
    public List<CorrectionView> corrections(UUID visitId) {
        if (!queries.visible(visitId)) {
            throw ApiException.notFound("visit", visitId.toString());
        }
        List<Object[]> rows = em.createNativeQuery("""
                select cast(id as varchar), version, corrected_at, reason, corrected_by, cast(before as varchar), cast(after as varchar)
                from visit_correction where visit_id = ?1 order by version""", Object[].class)
                .setParameter(1, visitId).getResultList();
        return rows.stream().map(r -> new CorrectionView(UUID.fromString((String) r[0]), visitId, ((Number) r[1]).longValue(),
                VisitQueries.time(r[2]), (String) r[3], (String) r[4], json((String) r[5]), json((String) r[6])))
                .toList();
    }

    /** PUBLIC_OPINION kept if and only if the visit had it, without demands in the body. */
    private void checkPublicOpinion(UUID id, List<TaskRequest> tasks) {
        for (int i = 0; i < tasks.size(); i++) {
            if (VisitTask.PUBLIC_OPINION.name().equals(tasks.get(i).task()) && tasks.get(i).demands() != null) {
                throw ApiException.unprocessable("tasks[" + i + "].demands", "visit.correction-demands",
                        "a correction carries no demands: the demands of visit " + id + " stay those opened when it "
                                + "was logged and are handled under /api/v1/demands");
            }
        }
        boolean had = !em.createNativeQuery("select 1 from visit_task where visit_id = ?1 and task = 'PUBLIC_OPINION'")
                .setParameter(1, id).getResultList().isEmpty();
        boolean has = tasks.stream().anyMatch(t -> VisitTask.PUBLIC_OPINION.name().equals(t.task()));
        if (had != has) {
            throw ApiException.unprocessable("tasks", "visit.correction-demands", had
                    ? "visit " + id + " raised demands (PUBLIC_OPINION) when it was logged: a correction keeps the "
                            + "task {\"task\":\"PUBLIC_OPINION\"}"
                    : "a correction cannot add PUBLIC_OPINION to visit " + id + ": demands are raised by logging a "
                            + "visit");
        }
    }

    /** The visit as JSON, amounts with their two decimals (a tree would strip trailing zeros). */
    private String write(VisitView v) {
        try {
            return mapper.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("visit cannot be written as JSON", e);
        }
    }

    private JsonNode json(String s) {
        try {
            return mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored correction is not JSON", e);
        }
    }
}
