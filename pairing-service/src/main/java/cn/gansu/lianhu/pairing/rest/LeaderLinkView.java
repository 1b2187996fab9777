package cn.gansu.lianhu.pairing.rest;

import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import cn.gansu.lianhu.pairing.domain.EndReason;
import cn.gansu.lianhu.pairing.domain.LeaderLink;

/**
 * A provincial leader's link to a poor county and its one poor village (联县联村, issue 3 point 4).
 *
 * @param id           link id
 * @param cadreId      the leader
 * @param countyCode   12-digit code of the poor county
 * @param countyName   county name as learnt from registry events
 * @param villageCode  12-digit code of the poor village in it
 * @param villageName  village name as learnt from registry events
 * @param linkedOn     date it began
 * @param endedOn      date it ended, or null while active
 * @param endReason    reason it ended with, or null
 * @param endedBy      who approved the end, or null
 * @param active       true until it ends
 */
@Schema(name = "LeaderLink", example = LeaderLinkView.EXAMPLE)
public record LeaderLinkView(UUID id, UUID cadreId, String countyCode, String countyName, String villageCode,
        String villageName, LocalDate linkedOn, LocalDate endedOn, EndReason endReason, String endedBy,
        boolean active) {

    static final String EXAMPLE = """
            {"id":"e8b3f1c2-4a7d-4e90-b5c6-1d2e3f4a5b6c","cadreId":"7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02",
             "countyCode":"623023000000","countyName":"舟曲县","villageCode":"623023100200",
             "villageName":"庙沟村村民委员会","linkedOn":"2026-11-01","endedOn":null,"endReason":null,"endedBy":null,
             "active":true}""";

    /** The view of a link given the county's and village's names. */
    public static LeaderLinkView of(LeaderLink l, String countyName, String villageName) {
        return new LeaderLinkView(l.id, l.cadreId, l.countyCode, countyName, l.villageCode, villageName, l.linkedOn,
                l.endedOn, l.endReason, l.endedBy, l.active());
    }
}
