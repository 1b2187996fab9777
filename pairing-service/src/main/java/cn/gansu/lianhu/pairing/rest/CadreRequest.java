package cn.gansu.lianhu.pairing.rest;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/cadres} (register) and {@code PUT /api/v1/cadres/{id}} (update), issue 3 point 2.
 *
 * @param name      name (姓名)
 * @param idNumber  GB 11643 ID number, 18 characters with check character; unique; stored normalised (upper-case X),
 *                  returned only masked
 * @param unitId    the cadre's unit (must exist); on update it may change only while the cadre has no live pairing
 * @param rank      PROVINCIAL_LEADER (省级领导), PREFECTURE_BUREAU (地厅级), COUNTY_DIVISION (县处级) or OTHER (其他)
 * @param phone     contact phone, optional; returned only masked
 * @param status    optional; registration: ACTIVE (在岗) only; update: must stay as it is (leaving goes through
 *                  the departure/hand-over operation)
 * @param version   update only, optional: the version read (or send If-Match); a stale one gets 409
 */
@Schema(name = "CadreRequest", description = "A cadre to register, or their new details", example = """
        {"name":"王建华","idNumber":"620102198003150013","unitId":"3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90",
         "rank":"COUNTY_DIVISION","phone":"13893112345"}""")
public record CadreRequest(
        @Schema(example = "王建华") @NotBlank @Size(max = 50) String name,
        @Schema(example = "620102198003150013", description = "GB 11643 ID number; returned only masked")
        @NotBlank String idNumber,
        @Schema(example = "3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90") @NotNull UUID unitId,
        @Schema(example = "COUNTY_DIVISION", description = "PROVINCIAL_LEADER (省级领导), PREFECTURE_BUREAU (地厅级), "
                + "COUNTY_DIVISION (县处级), OTHER (其他)")
        @NotBlank String rank,
        @Schema(example = "13893112345", description = "optional; returned only masked") @Size(max = 20)
        @Pattern(regexp = "\\+?[0-9][0-9 -]{4,19}", message = "digits, spaces and - only") String phone,
        @Schema(example = "ACTIVE", description = "optional: ACTIVE on registration; unchanged on update")
        String status,
        @Schema(example = "1", description = "update only, optional (or If-Match)") @PositiveOrZero Long version) {
}
