package cn.gansu.lianhu.registry.domain;

import java.time.OffsetDateTime;

import cn.gansu.lianhu.events.contract.RegionCodes;
import cn.gansu.lianhu.events.contract.RegionLevel;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An administrative region with its poverty designation (DESIGN.md §1). The 12-digit NBS code is the only
 * key; names are not unique (城关镇 exists in 20 counties) and never used as keys.
 */
@Entity
@Table(name = "region")
public class Region extends PanacheEntityBase {
    /** 12-digit NBS statistical division code, zero-padded (62 → 620000000000). */
    @Id
    public String code;
    @Column(nullable = false)
    public String name;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RegionLevel level;
    @Column(name = "parent_code")
    public String parentCode;
    /** Counties: district, county, city, autonomous_county, stat_only_function_zone…; villages: NBS class. */
    public String kind;
    @Column(name = "poor_county", nullable = false)
    public boolean poorCounty;
    /** Contiguous poverty area (集中连片特困地区) of a poor county, e.g. 六盘山区. */
    @Column(name = "contiguous_area")
    public String contiguousArea;
    @Column(name = "national_key_county", nullable = false)
    public boolean nationalKeyCounty;
    @Column(name = "poor_village", nullable = false)
    public boolean poorVillage;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /**
     * Normalises a code given in short (2/4/6/9/12 digits) form to 12 digits; null if it is not digits of
     * one of those lengths.
     */
    public static String toFullCode(String code) {
        return RegionCodes.toFullCode(code);
    }

    /** The significant prefix of this region's code (e.g. {@code 6211} for a prefecture). */
    public String prefix() {
        return RegionCodes.prefix(code, level);
    }
}
