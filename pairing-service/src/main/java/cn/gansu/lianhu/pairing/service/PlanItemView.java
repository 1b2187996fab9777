package cn.gansu.lianhu.pairing.service;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One proposed pairing of a plan (issue 3 point 7).
 *
 * @param seq         position in the plan (by village, then household)
 * @param cadreId     the cadre
 * @param cadreName   the cadre's name
 * @param cadreRank   PROVINCIAL_LEADER, PREFECTURE_BUREAU, COUNTY_DIVISION or OTHER
 * @param unitId      the cadre's unit
 * @param unitName    its name
 * @param householdId the household (registry id)
 * @param villageCode 12-digit code of the household's village
 * @param primary     the cadre would be the household's primary responsible cadre (帮扶责任人)
 */
@Schema(name = "PlanItem", example = """
        {"seq":0,"cadreId":"8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f","cadreName":"王建军","cadreRank":"COUNTY_DIVISION",
         "unitId":"3f9a1c52-7b0e-4d21-9c8a-2e5f6a7b8c90","unitName":"甘肃省财政厅",
         "householdId":"0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11","villageCode":"621126100201","primary":true}""")
public record PlanItemView(int seq, UUID cadreId, String cadreName, String cadreRank, UUID unitId, String unitName,
        UUID householdId, String villageCode, boolean primary) {
}
