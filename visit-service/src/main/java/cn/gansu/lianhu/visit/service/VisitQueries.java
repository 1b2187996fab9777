package cn.gansu.lianhu.visit.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.Page;
import cn.gansu.lianhu.visit.domain.VisitTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * Reads visit logs (issue 4 point 2): one visit with its tasks, help and demands, and filtered pages of visits.
 */
@ApplicationScoped
public class VisitQueries {
    private static final int[] LEVELS = { 2, 4, 6, 9, 12 };

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    Scopes scopes;

    /** Filters of the visit list; null fields do not filter. {@code villagePrefix} is a division code prefix. */
    public record Filter(UUID cadreId, UUID householdId, String villagePrefix, LocalDate from, LocalDate to,
            VisitTask task) {
    }

    /**
     * The NBS code prefix of a region given as a 2/4/6/9-digit short code or a 12-digit zero-padded code.
     *
     * @throws ApiException 400 {@code region.code} naming {@code field}
     */
    public static String regionPrefix(String field, String code) {
        if (code == null) {
            return null;
        }
        if (!code.matches("\\d{2}|\\d{4}|\\d{6}|\\d{9}|\\d{12}")) {
            throw ApiException.invalid(field, "region.code",
                    field + " must be a division code of 2, 4, 6, 9 or 12 digits, not '" + code + "'");
        }
        if (code.length() < 12) {
            return code;
        }
        for (int len : LEVELS) {
            if (code.substring(len).chars().allMatch(c -> c == '0')) {
                return code.substring(0, len);
            }
        }
        return code;
    }

    /**
     * One visit in the caller's scope ({@link Scopes}).
     *
     * @throws ApiException 404 if there is none with this id, or it is outside the caller's scope (the same answer)
     */
    @Transactional
    public VisitView get(UUID id) {
        VisitView v = load(id);
        if (!scopes.sees(v.villageCode(), v.unitId(), v.cadreId())) {
            throw ApiException.notFound("visit", id.toString());
        }
        return v;
    }

    /**
     * True if visit {@code id} exists and lies in the caller's scope.
     */
    @Transactional
    public boolean visible(UUID id) {
        List<Object[]> rows = em.createNativeQuery("select village_code, cast(unit_id as varchar),"
                + " cast(cadre_id as varchar) from visit where id = ?1", Object[].class).setParameter(1, id)
                .getResultList();
        return !rows.isEmpty() && scopes.sees((String) rows.get(0)[0], UUID.fromString((String) rows.get(0)[1]),
                UUID.fromString((String) rows.get(0)[2]));
    }

    /**
     * One visit, whatever the caller's scope (for the writes that already checked it).
     *
     * @throws ApiException 404 if there is none with this id
     */
    @Transactional
    public VisitView load(UUID id) {
        List<Object[]> rows = em.createNativeQuery("select " + VISIT_COLUMNS + " from visit where id = ?1",
                Object[].class).setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            throw ApiException.notFound("visit", id.toString());
        }
        List<Object[]> taskRows = em.createNativeQuery(
                "select " + TASK_COLUMNS + " from visit_task where visit_id = ?1", Object[].class)
                .setParameter(1, id).getResultList();
        List<Object[]> helpRows = em.createNativeQuery("select " + HELP_COLUMNS + " from visit_help where visit_id = ?1"
                + " order by " + HELP_ORDER, Object[].class).setParameter(1, id).getResultList();
        List<Object[]> demandRows = em.createNativeQuery("select " + DEMAND_COLUMNS + " from demand where visit_id = ?1"
                + " order by " + DEMAND_ORDER, Object[].class).setParameter(1, id).getResultList();
        return view(rows.get(0), taskRows, helpRows, demandRows);
    }

    /** Columns of {@code visit} that {@link #view} reads. */
    static final String VISIT_COLUMNS = """
            cast(id as varchar), cast(cadre_id as varchar), cast(unit_id as varchar),
              cast(household_id as varchar), village_code, cast(pairing_id as varchar), visited_on, mode,
              duration_minutes, latitude, longitude, notes, version, created_at""";
    /** Columns of {@code visit_task} that {@link #view} reads. */
    static final String TASK_COLUMNS = "task, cast(details as varchar)";
    /** Columns of {@code visit_help} that {@link #view} reads, and their order in a visit. */
    static final String HELP_COLUMNS = "cast(id as varchar), kind, amount_yuan, people_benefiting";
    static final String HELP_ORDER = "kind, amount_yuan, id";
    /** Columns of {@code demand} that {@link #view} reads, and their order in a visit. */
    static final String DEMAND_COLUMNS = """
            cast(id as varchar), category, description, status, cast(unit_id as varchar), opened_on, deadline""";
    static final String DEMAND_ORDER = "created_at, category, description, id";

    /**
     * A visit from its row ({@link #VISIT_COLUMNS}), its task rows ({@link #TASK_COLUMNS}, any order), help rows
     * ({@link #HELP_COLUMNS} in {@link #HELP_ORDER}) and demand rows ({@link #DEMAND_COLUMNS} in
     * {@link #DEMAND_ORDER}), as read from the tables or returned by the inserts that wrote them.
     */
    VisitView view(Object[] r, List<Object[]> taskRows, List<Object[]> helpRows, List<Object[]> demandRows) {
        List<Map<String, Object>> tasks = new ArrayList<>();
        taskRows.stream().sorted((a, b) -> VisitTask.valueOf((String) a[0]).compareTo(VisitTask.valueOf((String) b[0])))
                .forEach(t -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("task", t[0]);
                    m.putAll(read((String) t[1]));
                    tasks.add(m);
                });
        List<VisitView.Help> help = helpRows.stream().map(h -> new VisitView.Help(UUID.fromString((String) h[0]),
                (String) h[1], (BigDecimal) h[2], ((Number) h[3]).intValue())).toList();
        BigDecimal helpYuan = help.stream().map(VisitView.Help::amountYuan).reduce(BigDecimal.ZERO.setScale(2),
                BigDecimal::add);
        List<VisitView.Demand> demands = demandRows.stream().map(d -> new VisitView.Demand(
                UUID.fromString((String) d[0]), (String) d[1], (String) d[2], (String) d[3],
                UUID.fromString((String) d[4]), date(d[5]), date(d[6]))).toList();
        String mode = (String) r[7];
        return new VisitView(UUID.fromString((String) r[0]), UUID.fromString((String) r[1]),
                UUID.fromString((String) r[2]), UUID.fromString((String) r[3]), (String) r[4],
                UUID.fromString((String) r[5]), date(r[6]), mode, "IN_HOME".equals(mode) || "VILLAGE_MEETING".equals(mode),
                ((Number) r[8]).intValue(), (BigDecimal) r[9], (BigDecimal) r[10], (String) r[11], tasks, help,
                helpYuan, demands, ((Number) r[12]).longValue(), time(r[13]));
    }

    /**
     * One page of the visits in the caller's scope ({@link Scopes}), newest visit date first (then newest logged,
     * then id).
     *
     * @param page zero-based page index
     * @param size page size, 1..{@link Page#MAX_SIZE}
     */
    @Transactional
    public Page<VisitSummary> list(Filter f, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (f.cadreId() != null) {
            where.append(" and v.cadre_id = :cadre");
            params.put("cadre", f.cadreId());
        }
        if (f.householdId() != null) {
            where.append(" and v.household_id = :household");
            params.put("household", f.householdId());
        }
        if (f.villagePrefix() != null) {
            where.append(" and v.village_code like :village");
            params.put("village", f.villagePrefix() + "%");
        }
        if (f.from() != null) {
            where.append(" and v.visited_on >= :from");
            params.put("from", f.from());
        }
        if (f.to() != null) {
            where.append(" and v.visited_on <= :to");
            params.put("to", f.to());
        }
        if (f.task() != null) {
            where.append(" and exists (select 1 from visit_task t where t.visit_id = v.id and t.task = :task)");
            params.put("task", f.task().name());
        }
        where.append(scopes.columns("v.village_code", "v.unit_id", "v.cadre_id", params));
        Query count = em.createNativeQuery("select count(*) from visit v" + where);
        params.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        Query select = em.createNativeQuery("""
                select cast(v.id as varchar), cast(v.cadre_id as varchar), cast(v.unit_id as varchar),
                  cast(v.household_id as varchar), v.village_code, v.visited_on, v.mode, v.duration_minutes
                from visit v""" + where + " order by v.visited_on desc, v.created_at desc, v.id",
                Object[].class);
        params.forEach(select::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.setFirstResult(page * size).setMaxResults(size).getResultList();
        Map<String, List<String>> tasks = new HashMap<>();
        if (!rows.isEmpty()) {
            List<UUID> ids = rows.stream().map(r -> UUID.fromString((String) r[0])).toList();
            List<Object[]> taskRows = em.createNativeQuery(
                    "select cast(visit_id as varchar), task from visit_task where visit_id in (:ids)", Object[].class)
                    .setParameter("ids", ids).getResultList();
            for (Object[] t : taskRows) {
                tasks.computeIfAbsent((String) t[0], k -> new ArrayList<>()).add((String) t[1]);
            }
        }
        List<VisitSummary> items = rows.stream().map(r -> new VisitSummary(UUID.fromString((String) r[0]),
                UUID.fromString((String) r[1]), UUID.fromString((String) r[2]), UUID.fromString((String) r[3]),
                (String) r[4], date(r[5]), (String) r[6], ((Number) r[7]).intValue(),
                tasks.getOrDefault((String) r[0], List.of()).stream().map(VisitTask::valueOf).sorted()
                        .map(Enum::name).toList()))
                .toList();
        return new Page<>(items, page, size, total);
    }

    private Map<String, Object> read(String json) {
        try {
            return mapper.readerFor(new TypeReference<LinkedHashMap<String, Object>>() {
            }).with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored task details are not JSON", e);
        }
    }

    private static LocalDate date(Object o) {
        return o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
    }

    static OffsetDateTime time(Object o) {
        if (o instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (o instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected timestamp type " + o.getClass());
    }
}
