package cn.gansu.lianhu.pairing.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import cn.gansu.lianhu.api.PhoneNumbers;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import cn.gansu.lianhu.api.IdNumbers;
import cn.gansu.lianhu.pairing.domain.Cadre;
import cn.gansu.lianhu.pairing.domain.CadreRank;
import cn.gansu.lianhu.pairing.domain.CadreStatus;

/**
 * A cadre as the API returns it (issue 3 points 2 and 4): the ID number and phone masked (DESIGN.md §4); in full
 * as well only for callers whose token carries the {@code pii} claim (issue 6 point 3), absent otherwise.
 *
 * @param id                 cadre id
 * @param name               name
 * @param idNumberMasked     ID number, masked ({@code 620102********0013})
 * @param idNumber           full ID number, only for callers with the {@code pii} claim; absent otherwise
 * @param unitId             the cadre's unit
 * @param unitName           its name
 * @param rank               PROVINCIAL_LEADER, PREFECTURE_BUREAU, COUNTY_DIVISION or OTHER
 * @param status             ACTIVE, TRANSFERRED, RETIRED or DECEASED
 * @param phoneMasked        phone, masked ({@code 138****1234}), or null
 * @param phone              full phone, only for callers with the {@code pii} claim; absent otherwise
 * @param leftOn             date the cadre left (status other than ACTIVE), or null
 * @param minimumHouseholds  households the cadre must pair with at this rank (configuration; 0 unless ACTIVE)
 * @param livePairings       the cadre's DRAFT or ACTIVE pairings
 * @param leader             for a PROVINCIAL_LEADER: linked counties and villages (联县联村); null otherwise
 * @param version            aggregate version, +1 per event (also sent as ETag)
 * @param createdAt          registration time
 * @param updatedAt          time of the last change
 */
@Schema(name = "Cadre", example = CadreView.EXAMPLE)
public record CadreView(UUID id, String name, String idNumberMasked,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "full ID number, only with the pii claim",
                example = "620102198001010013") String idNumber,
        UUID unitId, String unitName, CadreRank rank,
        CadreStatus status, String phoneMasked,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "full phone, only with the pii claim",
                example = "13812342345") String phone,
        LocalDate leftOn, int minimumHouseholds, long livePairings,
        Leader leader, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static final String EXAMPLE = """
            {"id":"7c2e9b14-0f3a-4d6e-8b21-5a9c3e7d1f02","name":"王建华","idNumberMasked":"620102********0013",
             "unitId":"3f9a2c71-5b8e-4d0a-9c61-2e7f1b4d8a90","unitName":"甘肃省农业农村厅","rank":"COUNTY_DIVISION",
             "status":"ACTIVE","phoneMasked":"138****2345","leftOn":null,"minimumHouseholds":2,"livePairings":0,
             "leader":null,"version":1,"createdAt":"2026-11-29T04:00:00Z","updatedAt":"2026-11-29T04:00:00Z"}""";

    /**
     * A provincial leader's counties (联县联村, DESIGN.md §1; issue 3 point 4).
     *
     * @param linkedCounties  poor counties linked now (active links)
     * @param minCounties     fewest the leader must link (configuration, default 1)
     * @param maxCounties     most the leader may link (configuration, default 2)
     * @param meetsMinimum    linkedCounties ≥ minCounties
     * @param links           the active links: county and its one poor village
     */
    @Schema(name = "LeaderCounties")
    public record Leader(int linkedCounties, int minCounties, int maxCounties, boolean meetsMinimum,
            List<LeaderLinkView> links) {
    }

    /** The same view without the full numbers (for the audit trail, which keeps masked numbers only). */
    public CadreView masked() {
        return new CadreView(id, name, idNumberMasked, null, unitId, unitName, rank, status, phoneMasked, null, leftOn,
                minimumHouseholds, livePairings, leader, version, createdAt, updatedAt);
    }

    /** The view of a cadre given its figures; full numbers only when {@code pii}. */
    public static CadreView of(Cadre c, String unitName, int minimumHouseholds, long livePairings, Leader leader,
            boolean pii) {
        return new CadreView(c.id, c.name, IdNumbers.mask(c.idNumber), pii ? c.idNumber : null, c.unitId, unitName,
                c.rank, c.status, PhoneNumbers.mask(c.phone), pii ? c.phone : null, c.leftOn, minimumHouseholds, livePairings, leader, c.version, c.createdAt,
                c.updatedAt);
    }

}
