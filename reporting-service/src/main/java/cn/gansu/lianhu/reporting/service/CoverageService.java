package cn.gansu.lianhu.reporting.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.events.contract.RegionCodes;
import cn.gansu.lianhu.events.contract.RegionLevel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Computes {@link RegionCoverage} from the read models (issue point 9). Counts are by code prefix, the same
 * rule the registry uses, so the figures equal the registry's own once reporting has caught up.
 */
@ApplicationScoped
public class CoverageService {

    @Inject
    EntityManager em;

    /**
     * @param code region code, short (2/4/6/9 digits) or 12-digit
     * @throws ApiException 400 ({@code code}, {@code region-code.format}) if the code is malformed;
     *                      404 if reporting has not received that region
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public RegionCoverage coverage(String code) {
        String full = RegionCodes.toFullCode(code);
        if (full == null) {
            throw ApiException.invalid("code", "region-code.format",
                    "code must be an NBS division code of 2, 4, 6, 9 or 12 digits, not '" + abbreviate(code) + "'");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("select code, name, level from region where code = ?1")
                .setParameter(1, full).getResultList();
        if (found.isEmpty()) {
            throw ApiException.notFound("region", full);
        }
        Object[] region = found.get(0);
        String name = (String) region[1];
        String level = (String) region[2];
        String like = RegionCodes.prefix(full, RegionLevel.valueOf(level)) + "%";

        Object[] designations = (Object[]) em.createNativeQuery("""
                select count(*) filter (where level = 'COUNTY' and poor_county),
                       count(*) filter (where level = 'VILLAGE' and poor_village)
                from region where code like ?1 and (poor_county or poor_village)""")
                .setParameter(1, like).getSingleResult();
        Object[] households = (Object[]) em.createNativeQuery("""
                select count(*),
                       count(*) filter (where status = 'IN_POVERTY'),
                       count(*) filter (where status = 'LIFTED'),
                       count(*) filter (where status = 'RELAPSED'),
                       coalesce(sum(member_count), 0)
                from household where village_code like ?1""")
                .setParameter(1, like).getSingleResult();
        return new RegionCoverage(full, name, level, number(designations[0]), number(designations[1]),
                new RegionCoverage.HouseholdFigures(number(households[0]), number(households[1]),
                        number(households[2]), number(households[3])),
                number(households[4]), asOf());
    }

    /** Time of the latest applied registry event (UTC), or null if none. */
    OffsetDateTime asOf() {
        Object t = em.createNativeQuery("select max(last_event_time) from read_model_freshness").getSingleResult();
        if (t == null) {
            return null;
        }
        if (t instanceof OffsetDateTime o) {
            return o.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (t instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (t instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected timestamp type " + t.getClass());
    }

    private static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
