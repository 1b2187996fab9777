package cn.gansu.lianhu.visit.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import cn.gansu.lianhu.visit.domain.DemandCategory;
import cn.gansu.lianhu.visit.domain.GrievanceOutcome;
import cn.gansu.lianhu.visit.domain.HelpKind;
import cn.gansu.lianhu.visit.domain.VisitMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/visits} (issue 4 point 2): a visit with one or more of the six tasks, each at most
 * once, each with the details of its kind.
 *
 * @param cadreId         the visiting cadre; must be actively paired with the household on {@code visitedOn}
 * @param householdId     the household visited
 * @param visitedOn       day of the visit (Beijing time), not after today
 * @param mode            IN_HOME, BY_PHONE, VILLAGE_MEETING or OTHER
 * @param durationMinutes minutes, 1..1440
 * @param location        optional WGS-84 position
 * @param notes           optional, at most 2000 characters
 * @param tasks           at least one task
 */
@Schema(name = "VisitRequest", example = VisitRequest.EXAMPLE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VisitRequest(
        @NotNull UUID cadreId,
        @NotNull UUID householdId,
        @NotNull LocalDate visitedOn,
        @NotNull VisitMode mode,
        @NotNull @Min(1) @Max(1440) Integer durationMinutes,
        @Valid Location location,
        @Size(max = 2000) String notes,
        @NotEmpty List<@NotNull @Valid TaskRequest> tasks) {

    static final String EXAMPLE = """
            {"cadreId":"0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e","householdId":"7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718",
             "visitedOn":"2026-11-20","mode":"IN_HOME","durationMinutes":90,"location":{"lat":35.6012,"lon":104.6177},
             "notes":"看望户主，了解冬季取暖",
             "tasks":[{"task":"POLICY_PUBLICITY","policies":["农村低保","医疗救助"]},
                      {"task":"PUBLIC_OPINION","demands":[{"category":"HOUSING","description":"危房改造"}]},
                      {"task":"DEVELOPMENT","help":[{"kind":"FUNDS","amountYuan":3000.00,"peopleBenefiting":4}]},
                      {"task":"EMOTION_EASING","grievance":{"topic":"宅基地纠纷","outcome":"RESOLVED"}},
                      {"task":"GRASSROOTS","grassroots":{"work":"参加村支部主题党日"}},
                      {"task":"MODEL_PROMOTION","model":{"title":"养牛致富","description":"带动三户养牛"}}]}""";

    /** WGS-84 position: lat -90..90, lon -180..180 (degrees). */
    @Schema(name = "VisitLocation")
    public record Location(@NotNull @DecimalMin("-90") @DecimalMax("90") BigDecimal lat,
            @NotNull @DecimalMin("-180") @DecimalMax("180") BigDecimal lon) {
    }

    /**
     * One task with the details of its kind: {@code policies} for POLICY_PUBLICITY, {@code demands} for
     * PUBLIC_OPINION, {@code help} for DEVELOPMENT, {@code grievance} for EMOTION_EASING, {@code grassroots} for
     * GRASSROOTS, {@code model} for MODEL_PROMOTION.
     */
    @Schema(name = "VisitTaskRequest")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TaskRequest(
            @NotBlank String task,
            List<@NotBlank @Size(max = 200) String> policies,
            List<@NotNull @Valid DemandRequest> demands,
            List<@NotNull @Valid HelpRequest> help,
            @Valid Grievance grievance,
            @Valid Grassroots grassroots,
            @Valid Model model) {
    }

    /** A demand raised (反映民意). */
    @Schema(name = "VisitDemandRequest")
    public record DemandRequest(@NotNull DemandCategory category, @NotBlank @Size(max = 1000) String description) {
    }

    /**
     * An item of development help (促进发展): amount in yuan ≥ 0 with at most 2 decimals, people ≥ 0; above
     * {@code lianhu.visit.help.max-amount-yuan} (10000000) yuan or {@code max-people} (10000) people the visit is
     * refused with 422 ({@code visit.help-amount-too-large}, {@code visit.help-people-too-many}); at most
     * {@code max-items} (20) items per visit ({@code visit.help-too-many-items}).
     */
    @Schema(name = "VisitHelpRequest")
    public record HelpRequest(@NotNull HelpKind kind,
            @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal amountYuan,
            @NotNull @Min(0) @Max(1000000) Integer peopleBenefiting) {
    }

    /** A grievance or dispute mediated (疏导情绪). */
    @Schema(name = "VisitGrievance")
    public record Grievance(@NotBlank @Size(max = 200) String topic, @NotNull GrievanceOutcome outcome) {
    }

    /** Village party branch / committee work done (强基固本). */
    @Schema(name = "VisitGrassroots")
    public record Grassroots(@NotBlank @Size(max = 1000) String work) {
    }

    /** A model example recorded (推广典型). */
    @Schema(name = "VisitModel")
    public record Model(@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 2000) String description) {
    }
}
