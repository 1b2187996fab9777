package cn.gansu.lianhu.pairing.rest;

import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import cn.gansu.lianhu.pairing.domain.EndReason;
import cn.gansu.lianhu.pairing.domain.VillageLink;

/**
 * A unit ↔ poor village link (部门联村, issue 3 point 3).
 *
 * @param id           link id
 * @param unitId       the unit
 * @param villageCode  12-digit village code
 * @param villageName  village name as learnt from registry events
 * @param countyCode   12-digit code of the village's county
 * @param linkedOn     date it began
 * @param endedOn      date it ended, or null while active
 * @param endReason    reason it ended with, or null
 * @param endedBy      who approved the end, or null
 * @param active       true until it ends
 */
@Schema(name = "VillageLink", example = VillageLinkView.EXAMPLE)
public record VillageLinkView(UUID id, UUID unitId, String villageCode, String villageName, String countyCode,
        LocalDate linkedOn, LocalDate endedOn, EndReason endReason, String endedBy, boolean active) {

    static final String EXAMPLE = """
            {"id":"c41d7a20-8e3b-4f59-a6d2-0b9e1f3c5a77","unitId":"3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90",
             "villageCode":"623021100201","villageName":"青崖村民委员会","countyCode":"623021000000",
             "linkedOn":"2026-11-01","endedOn":null,"endReason":null,"endedBy":null,"active":true}""";

    /** The view of a link given the village's name. */
    public static VillageLinkView of(VillageLink l, String villageName) {
        return new VillageLinkView(l.id, l.unitId, l.villageCode, villageName, l.countyCode, l.linkedOn, l.endedOn,
                l.endReason, l.endedBy, l.active());
    }
}
