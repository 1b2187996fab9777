package cn.gansu.lianhu.pairing.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/units} (register) and {@code PUT /api/v1/units/{id}} (update), issue 3 point 1.
 *
 * @param name        official name (单位名称), unique within its region
 * @param level       PROVINCE, PREFECTURE, COUNTY or TOWNSHIP, or the Chinese term (省直, 市州, 县区, 乡镇)
 * @param kind        PARTY_GOVERNMENT, PUBLIC_INSTITUTION, PEOPLES_ORGANISATION, MILITARY_DISTRICT, ARMED_POLICE,
 *                    CENTRAL_UNIT, STATE_OWNED_ENTERPRISE, or the Chinese term (党政机关, 事业单位, …)
 * @param regionCode  NBS code of the region the unit sits in, short (2/4/6/9 digits) or 12-digit; a Gansu code
 *                    (62…) of the unit's level: PROVINCE 62, PREFECTURE 4 digits, COUNTY 6, TOWNSHIP 9
 * @param creditCode  unified social credit code (统一社会信用代码, GB 32100), optional, unique; check character
 *                    validated
 * @param version     update only, optional: the version read (or send If-Match); a stale one gets 409
 */
@Schema(name = "UnitRequest", description = "A unit to register, or its new details", example = """
        {"name":"甘肃省农业农村厅","level":"PROVINCE","kind":"PARTY_GOVERNMENT","regionCode":"62",
         "creditCode":"11620000013918592M"}""")
public record UnitRequest(
        @Schema(example = "甘肃省农业农村厅") @NotBlank @Size(max = 200) String name,
        @Schema(example = "PROVINCE", description = "PROVINCE (省直), PREFECTURE (市州), COUNTY (县区), TOWNSHIP (乡镇)")
        @NotBlank String level,
        @Schema(example = "PARTY_GOVERNMENT", description = "PARTY_GOVERNMENT (党政机关), PUBLIC_INSTITUTION (事业单位), "
                + "PEOPLES_ORGANISATION (人民团体), MILITARY_DISTRICT (省军区), ARMED_POLICE (武警), "
                + "CENTRAL_UNIT (中央在甘单位), STATE_OWNED_ENTERPRISE (国有企业)")
        @NotBlank String kind,
        @Schema(example = "62", description = "short or 12-digit NBS code of the unit's region, of the unit's level")
        @NotBlank String regionCode,
        @Schema(example = "11620000013918592M", description = "GB 32100 unified social credit code, optional")
        @Size(max = 30) String creditCode,
        @Schema(example = "1", description = "update only, optional (or If-Match)") @PositiveOrZero Long version) {
}
