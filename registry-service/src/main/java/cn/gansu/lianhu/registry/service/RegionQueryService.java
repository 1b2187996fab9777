package cn.gansu.lianhu.registry.service;

import java.util.List;
import java.util.Locale;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.Page;
import cn.gansu.lianhu.registry.domain.Region;
import cn.gansu.lianhu.events.contract.RegionLevel;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Reads regions: by code, children, search with filters, counts below a region (issue point 5). Codes come in
 * short (2/4/6/9 digits) or full (12 digits) form; lists are ordered by code.
 */
@ApplicationScoped
public class RegionQueryService {

    @Inject
    EntityManager em;

    /**
     * The region of a code.
     *
     * @throws ApiException 400 {@code region-code.format} (field {@code code}), 404 if not registered
     */
    public Region get(String code) {
        String full = RegionCodes.normalize("code", code);
        Region region = Region.findById(full);
        if (region == null) {
            throw ApiException.notFound("region", full);
        }
        return region;
    }

    /** Direct children of a region, by code. @throws ApiException 400/404 as {@link #get} */
    public Page<Region> children(String code, int page, int size) {
        Region parent = get(code);
        PanacheQuery<Region> q = Region.find("parentCode", Sort.by("code"), parent.code);
        return page(q, page, size);
    }

    /**
     * Regions matching all given filters (null = no filter).
     *
     * @param nameFragment part of the name (case-sensitive; {@code %} and {@code _} are literal)
     * @param level        PROVINCE, PREFECTURE, COUNTY, TOWNSHIP or VILLAGE (case-insensitive)
     * @param poorCounty   "true"/"false"
     * @param poorVillage  "true"/"false"
     * @param under        code whose descendants are searched (the region itself excluded)
     * @throws ApiException 400 naming the parameter: {@code region-level.unknown}, {@code boolean.format},
     *                      {@code region-code.format}
     */
    public Page<Region> search(String nameFragment, String level, String poorCounty, String poorVillage,
            String under, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (nameFragment != null && !nameFragment.isEmpty()) {
            where.append(" and name like :q escape '!'");
            params.and("q", "%" + nameFragment.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (level != null && !level.isEmpty()) {
            where.append(" and level = :level");
            params.and("level", parseLevel(level));
        }
        if (poorCounty != null && !poorCounty.isEmpty()) {
            where.append(" and poorCounty = :poorCounty");
            params.and("poorCounty", parseBoolean("poorCounty", poorCounty));
        }
        if (poorVillage != null && !poorVillage.isEmpty()) {
            where.append(" and poorVillage = :poorVillage");
            params.and("poorVillage", parseBoolean("poorVillage", poorVillage));
        }
        if (under != null && !under.isEmpty()) {
            String full = RegionCodes.normalize("under", under);
            where.append(" and code like :underPrefix and code <> :underCode");
            params.and("underPrefix", RegionCodes.prefixOf(full) + "%").and("underCode", full);
        }
        return page(Region.find(where.toString(), Sort.by("code"), params), page, size);
    }

    /** Counts of prefectures, counties, poor counties, townships, villages, poor villages below a region. */
    public RegionCounts counts(String code) {
        Region region = get(code);
        Object[] row = (Object[]) em.createNativeQuery("""
                select count(*) filter (where level = 'PREFECTURE'),
                       count(*) filter (where level = 'COUNTY'),
                       count(*) filter (where level = 'COUNTY' and poor_county),
                       count(*) filter (where level = 'TOWNSHIP'),
                       count(*) filter (where level = 'VILLAGE'),
                       count(*) filter (where level = 'VILLAGE' and poor_village)
                from region where code like :prefix and code <> :code""")
                .setParameter("prefix", region.prefix() + "%").setParameter("code", region.code)
                .getSingleResult();
        return new RegionCounts(region.code, region.name, region.level.name(), n(row[0]), n(row[1]), n(row[2]),
                n(row[3]), n(row[4]), n(row[5]));
    }

    private static long n(Object o) {
        return ((Number) o).longValue();
    }

    private static Page<Region> page(PanacheQuery<Region> q, int page, int size) {
        List<Region> items = q.page(io.quarkus.panache.common.Page.of(page, size)).list();
        return new Page<>(items, page, size, q.count());
    }

    private static RegionLevel parseLevel(String level) {
        try {
            return RegionLevel.valueOf(level.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("level", "region-level.unknown",
                    "level must be one of PROVINCE, PREFECTURE, COUNTY, TOWNSHIP, VILLAGE, not '"
                            + RegionCodes.abbreviate(level) + "'");
        }
    }

    private static boolean parseBoolean(String field, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalid(field, "boolean.format",
                    field + " must be true or false, not '" + RegionCodes.abbreviate(value) + "'");
        };
    }
}
