package cn.gansu.lianhu.visit.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A visit log with its tasks, help items and the demands it opened (issue 4 point 2).
 *
 * @param id              visit id
 * @param cadreId         the visiting cadre
 * @param unitId          the cadre's unit under the pairing
 * @param householdId     the household visited
 * @param villageCode     12-digit code of the household's village
 * @param pairingId       the pairing that allowed the visit
 * @param visitedOn       day of the visit
 * @param mode            IN_HOME, BY_PHONE, VILLAGE_MEETING or OTHER
 * @param inPerson        IN_HOME or VILLAGE_MEETING
 * @param durationMinutes minutes
 * @param latitude        WGS-84 degrees, or null
 * @param longitude       WGS-84 degrees, or null
 * @param notes           free text or null
 * @param tasks           each task as sent: {@code task} and its details
 * @param help            help items with their ids; amounts in yuan
 * @param helpYuan        sum of the help items, yuan
 * @param demands         demands opened from the visit
 * @param version         1 when logged
 * @param createdAt       when it was logged
 */
@Schema(name = "Visit", example = VisitView.EXAMPLE)
public record VisitView(UUID id, UUID cadreId, UUID unitId, UUID householdId, String villageCode, UUID pairingId,
        LocalDate visitedOn, String mode, boolean inPerson, int durationMinutes, BigDecimal latitude,
        BigDecimal longitude, String notes, List<Map<String, Object>> tasks, List<Help> help, BigDecimal helpYuan,
        List<Demand> demands, long version, OffsetDateTime createdAt) {

    /** Example of a visit in the OpenAPI document. */
    public static final String EXAMPLE = """
        {"id":"5d1c9a4e-2f0b-4c1e-9d7a-1b2c3d4e5f60","cadreId":"0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e",
         "unitId":"9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4","householdId":"7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718",
         "villageCode":"621121100201","pairingId":"3a0d7f52-6c1b-4e8a-9f20-1d2c3b4a5e6f","visitedOn":"2026-11-20",
         "mode":"IN_HOME","inPerson":true,"durationMinutes":90,"latitude":35.601200,"longitude":104.617700,
         "notes":"看望户主","tasks":[{"task":"DEVELOPMENT","help":[{"kind":"FUNDS","amountYuan":3000.00,"peopleBenefiting":4}]},
         {"task":"PUBLIC_OPINION","demands":[{"category":"HOUSING","description":"危房改造"}]}],
         "help":[{"id":"1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b","kind":"FUNDS","amountYuan":3000.00,"peopleBenefiting":4}],
         "helpYuan":3000.00,"demands":[{"id":"2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b","category":"HOUSING",
         "description":"危房改造","status":"OPEN","unitId":"9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4",
         "openedOn":"2026-11-20","deadline":"2026-12-20"}],"version":1,"createdAt":"2026-11-20T09:30:00Z"}""";

    /** One help item; amount in yuan. */
    @Schema(name = "VisitHelp")
    public record Help(UUID id, String kind, BigDecimal amountYuan, int peopleBenefiting) {
    }

    /** A demand opened from the visit; handled by {@code unitId} until {@code deadline}. */
    @Schema(name = "VisitDemand")
    public record Demand(UUID id, String category, String description, String status, UUID unitId,
            LocalDate openedOn, LocalDate deadline) {
    }
}
