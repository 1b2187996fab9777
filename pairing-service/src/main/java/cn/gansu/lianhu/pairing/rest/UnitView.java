package cn.gansu.lianhu.pairing.rest;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import cn.gansu.lianhu.pairing.domain.Unit;
import cn.gansu.lianhu.pairing.domain.UnitKind;
import cn.gansu.lianhu.pairing.domain.UnitLevel;

/**
 * A unit as the API returns it, with its village obligation (部门联村, DESIGN.md §1; issue 3 points 1 and 3).
 *
 * @param id                   unit id
 * @param name                 official name
 * @param level                PROVINCE, PREFECTURE, COUNTY or TOWNSHIP
 * @param kind                 one of the seven kinds
 * @param regionCode           12-digit NBS code of its region
 * @param creditCode           unified social credit code, or null
 * @param activeCadres         its cadres with status ACTIVE
 * @param requiredVillages     poor villages it must link for that cadre count (band table, configuration)
 * @param linkedVillages       poor villages it links now (active links)
 * @param villagesShort        {@code max(0, requiredVillages - linkedVillages)}
 * @param pairingsConfirmed    true once its pairings were confirmed (一次确定联系对象)
 * @param pairingsConfirmedAt  when, or null
 * @param pairingsConfirmedBy  who confirmed them, or null
 * @param version              aggregate version, +1 per event (also sent as ETag)
 * @param createdAt            registration time
 * @param updatedAt            time of the last change
 */
@Schema(name = "Unit", example = UnitView.EXAMPLE)
public record UnitView(UUID id, String name, UnitLevel level, UnitKind kind, String regionCode, String creditCode,
        long activeCadres, int requiredVillages, long linkedVillages, long villagesShort, boolean pairingsConfirmed,
        OffsetDateTime pairingsConfirmedAt, String pairingsConfirmedBy, long version, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static final String EXAMPLE = """
            {"id":"3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90","name":"甘肃省农业农村厅","level":"PROVINCE",
             "kind":"PARTY_GOVERNMENT","regionCode":"620000000000","creditCode":"11620000013918592M",
             "activeCadres":32,"requiredVillages":2,"linkedVillages":1,"villagesShort":1,"pairingsConfirmed":false,
             "pairingsConfirmedAt":null,"pairingsConfirmedBy":null,"version":33,
             "createdAt":"2026-11-29T04:00:00Z","updatedAt":"2026-11-29T04:20:00Z"}""";

    /** The view of a unit given its figures. */
    public static UnitView of(Unit u, long activeCadres, int requiredVillages, long linkedVillages) {
        return new UnitView(u.id, u.name, u.level, u.kind, u.regionCode, u.creditCode, activeCadres, requiredVillages,
                linkedVillages, Math.max(0, requiredVillages - linkedVillages), u.confirmed(), u.pairingsConfirmedAt,
                u.pairingsConfirmedBy, u.version, u.createdAt, u.updatedAt);
    }
}
