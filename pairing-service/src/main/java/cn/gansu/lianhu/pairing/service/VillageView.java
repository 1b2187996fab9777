package cn.gansu.lianhu.pairing.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import cn.gansu.lianhu.pairing.domain.UnitLevel;

/**
 * What pairing-service knows of a village (from registry events), and who links it (部门联村, 联县联村).
 *
 * @param code                 12-digit NBS village code
 * @param name                 village name as registered
 * @param townshipCode         12-digit township code
 * @param countyCode           12-digit county code
 * @param poor                 designated poor village (贫困村): only poor villages can be linked by units
 * @param households           extremely poor households known in this village, whatever their status
 * @param householdsInPoverty  of those, households IN_POVERTY or RELAPSED (still to be lifted out)
 * @param updatedAt            time of the last registry event applied
 * @param units                units linking the village now (active links), oldest link first
 * @param leaders              provincial leaders linking it now as their village in the county, oldest first
 */
@Schema(name = "KnownVillage", example = """
        {"code":"621121100201","name":"城关村民委员会","townshipCode":"621121100000","countyCode":"621121000000",
         "poor":true,"households":12,"householdsInPoverty":11,"updatedAt":"2026-11-29T08:00:00Z",
         "units":[{"unitId":"3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90","name":"甘肃省农业农村厅","level":"PROVINCE",
                   "linkedOn":"2026-11-01"}],
         "leaders":[]}""")
public record VillageView(String code, String name, String townshipCode, String countyCode, boolean poor,
        long households, long householdsInPoverty, OffsetDateTime updatedAt, List<LinkingUnit> units,
        List<LinkingLeader> leaders) {

    /**
     * A unit linking the village.
     *
     * @param unitId    the unit
     * @param name      its name
     * @param level     PROVINCE, PREFECTURE, COUNTY or TOWNSHIP
     * @param linkedOn  date the link began
     */
    @Schema(name = "LinkingUnit")
    public record LinkingUnit(UUID unitId, String name, UnitLevel level, LocalDate linkedOn) {
    }

    /**
     * A provincial leader linking the village (联县联村).
     *
     * @param cadreId   the leader
     * @param name      the leader's name
     * @param linkedOn  date the link began
     */
    @Schema(name = "LinkingLeader")
    public record LinkingLeader(UUID cadreId, String name, LocalDate linkedOn) {
    }
}
