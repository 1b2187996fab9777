package cn.gansu.lianhu.reporting.events;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.events.contract.DemandData;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.RegionCodes;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.events.contract.VisitData;
import cn.gansu.lianhu.reporting.domain.DemandStatus;
import cn.gansu.lianhu.reporting.domain.HelpKind;
import cn.gansu.lianhu.reporting.domain.VisitMode;
import cn.gansu.lianhu.reporting.domain.VisitTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Reads one record value of {@code visit.visits} or {@code visit.demands} and checks it against the lianhu-events
 * contract before anything touches the database (issue 4 point 7). Handled types: {@code visit.visit.logged.v1} and
 * {@code visit.visit.corrected.v1} ({@link VisitData}) on {@code visit.visits}; {@code visit.demand.opened.v1} and
 * {@code visit.demand.changed.v1} ({@link DemandData}) on {@code visit.demands}. {@code visit.help.recorded.v1} is a
 * notice for other systems: the figures sum help from the latest version of each visit ({@code VisitData.help}),
 * so reporting skips it like any type it does not handle ({@link EventRead.Unknown}). Anything that does not fit
 * (not a CloudEvent, id not a UUID, no time, payload not the contract record, ids, codes, enum values or amounts
 * out of range) is {@link EventRead.Rejected rejected} with the reason and dead-lettered by the caller.
 */
@ApplicationScoped
public class VisitEventReader {

    /** Per topic, the handled types and the payload record each carries. */
    static final Map<String, Map<String, Class<?>>> TYPES = Map.of(
            Topics.VISIT_VISITS, Map.of(
                    EventTypes.VISIT_LOGGED, VisitData.class,
                    EventTypes.VISIT_CORRECTED, VisitData.class),
            Topics.VISIT_DEMANDS, Map.of(
                    EventTypes.DEMAND_OPENED, DemandData.class,
                    EventTypes.DEMAND_CHANGED, DemandData.class));

    @Inject
    ObjectMapper mapper;

    /** Reads a record value of {@code topic} (visit.visits or visit.demands); never throws. */
    public EventRead<VisitEvent> read(String topic, String value) {
        return EventRead.read(mapper, value, type -> TYPES.getOrDefault(topic, Map.of()).get(type),
                VisitEventReader::check, VisitEvent::new);
    }

    /** What is wrong with a payload, or null if it can be applied. */
    static String check(Object data) {
        if (data instanceof VisitData v) {
            VisitMode mode = VisitMode.of(v.mode());
            return first(uuid("id", v.id()), uuid("cadreId", v.cadreId()), uuid("unitId", v.unitId()),
                    uuid("householdId", v.householdId()), code("villageCode", v.villageCode()),
                    uuid("pairingId", v.pairingId()),
                    v.visitedOn() == null ? "visitedOn is missing" : null,
                    mode == null ? "mode '" + v.mode() + "' is not one of IN_HOME, BY_PHONE, VILLAGE_MEETING, OTHER"
                            : null,
                    mode != null && mode.inPerson() != v.inPerson()
                            ? "inPerson " + v.inPerson() + " does not match mode " + v.mode() : null,
                    v.durationMinutes() < 0 ? "durationMinutes " + v.durationMinutes() + " is negative" : null,
                    tasks(v), help(v),
                    v.demandsRaised() < 0 ? "demandsRaised " + v.demandsRaised() + " is negative" : null,
                    v.version() < 1 ? "version " + v.version() + " is below 1" : null);
        }
        if (data instanceof DemandData d) {
            DemandStatus status = DemandStatus.of(d.status());
            return first(uuid("id", d.id()), uuid("householdId", d.householdId()),
                    code("villageCode", d.villageCode()),
                    d.visitId() == null ? null : uuid("visitId", d.visitId()), uuid("unitId", d.unitId()),
                    d.category() == null || d.category().isBlank() || d.category().length() > 40
                            ? "category is missing or longer than 40 characters" : null,
                    status == null ? "status '" + d.status() + "' is not one of OPEN, ACCEPTED, IN_PROGRESS, RESOLVED, "
                            + "REJECTED" : null,
                    d.openedOn() == null ? "openedOn is missing" : null,
                    d.deadline() == null ? "deadline is missing" : null,
                    status != null && status.closed() && d.closedOn() == null
                            ? "closedOn is missing for status " + d.status() : null,
                    status != null && !status.closed() && d.closedOn() != null
                            ? "closedOn is set for status " + d.status() + ", which is not closed" : null,
                    d.closedOn() != null && d.openedOn() != null && d.closedOn().isBefore(d.openedOn())
                            ? "closedOn " + d.closedOn() + " is before openedOn " + d.openedOn() : null,
                    d.satisfaction() != null && d.satisfaction().length() > 24
                            ? "satisfaction is longer than 24 characters" : null,
                    d.version() < 1 ? "version " + d.version() + " is below 1" : null);
        }
        return "payload " + (data == null ? "null" : data.getClass().getSimpleName()) + " is not handled";
    }

    private static String tasks(VisitData v) {
        if (v.tasks() == null || v.tasks().isEmpty()) {
            return "tasks is missing or empty";
        }
        Set<String> seen = new HashSet<>();
        for (String t : v.tasks()) {
            if (VisitTask.of(t) == null) {
                return "task '" + t + "' is not one of POLICY_PUBLICITY, PUBLIC_OPINION, DEVELOPMENT, EMOTION_EASING, "
                        + "GRASSROOTS, MODEL_PROMOTION";
            }
            if (!seen.add(t)) {
                return "task " + t + " is listed twice";
            }
        }
        return null;
    }

    private static String help(VisitData v) {
        BigDecimal sum = BigDecimal.ZERO;
        if (v.help() != null) {
            for (int i = 0; i < v.help().size(); i++) {
                VisitData.HelpItem h = v.help().get(i);
                if (h == null || HelpKind.of(h.kind()) == null) {
                    return "help[" + i + "].kind '" + (h == null ? null : h.kind()) + "' is not one of INDUSTRY_PROJECT, "
                            + "FUNDS, EMPLOYMENT, SKILLS_TRAINING, MARKET_ACCESS, INFRASTRUCTURE";
                }
                if (h.amountYuan() == null || h.amountYuan().signum() < 0) {
                    return "help[" + i + "].amountYuan is missing or negative";
                }
                if (h.peopleBenefiting() < 0) {
                    return "help[" + i + "].peopleBenefiting " + h.peopleBenefiting() + " is negative";
                }
                sum = sum.add(h.amountYuan());
            }
        }
        if (v.helpYuan() == null || v.helpYuan().signum() < 0) {
            return "helpYuan is missing or negative";
        }
        return sum.compareTo(v.helpYuan()) == 0 ? null
                : "helpYuan " + v.helpYuan().toPlainString() + " is not the sum of help (" + sum.toPlainString() + ")";
    }

    private static String first(String... problems) {
        for (String p : problems) {
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static String uuid(String field, String value) {
        if (value == null) {
            return field + " is missing";
        }
        try {
            UUID.fromString(value);
            return null;
        } catch (IllegalArgumentException e) {
            return field + " '" + value + "' is not a UUID";
        }
    }

    private static String code(String field, String value) {
        return RegionCodes.isFull(value) ? null : field + " '" + value + "' is not a 12-digit NBS code";
    }
}
