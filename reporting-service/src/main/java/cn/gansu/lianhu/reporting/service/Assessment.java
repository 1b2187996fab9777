package cn.gansu.lianhu.reporting.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Bodies of the assessment (督查考核, DESIGN.md §1 长效化; issue 5 point 1): a score out of 100 per cadre, unit or
 * region for a period, with its six parts so a supervisor sees why, ranked within a level. How each part is measured:
 * {@link AssessmentService}; the weights: {@code lianhu.reporting.assessment.*}.
 */
public final class Assessment {

    private Assessment() {
    }

    /** The parts of a score, in the order of the body. */
    public static final List<String> PARTS = List.of("coverage", "continuity", "tasks", "demandsOnTime", "lifted",
            "noRelapse");

    /** Example of one ranked cadre. */
    public static final String ITEM_EXAMPLE = """
            {"rank":1,"subject":{"kind":"CADRE","id":"0b1e7c62-3a55-4a43-9c1e-7f1a2b3c4d5e","name":"张伟"},
             "score":87.5,
             "parts":{"coverage":{"value":1.0000,"weight":25,"points":25.0000,"reason":null,
                                  "inputs":{"activePairings":2,"minimumHouseholds":2}},
                      "continuity":{"value":0.5000,"weight":25,"points":12.5000,"reason":null,
                                    "inputs":{"activePairings":2,"visitedWithinWindow":1}},
                      "tasks":{"value":1.0000,"weight":15,"points":15.0000,"reason":null,
                               "inputs":{"activePairings":2,"averageTasks":6.00}},
                      "demandsOnTime":{"value":1.0000,"weight":15,"points":15.0000,"reason":null,
                                       "inputs":{"due":1,"onTime":1}},
                      "lifted":{"value":1.0000,"weight":10,"points":10.0000,"reason":null,
                                "inputs":{"households":2,"lifted":1,"targetShare":0.2}},
                      "noRelapse":{"value":null,"weight":10,"points":null,
                                   "reason":"no household of the subject was lifted out of poverty by the end of the period",
                                   "inputs":{"liftedHouseholds":0,"relapsed":0}}}}""";

    /** Example of a ranking: the cadres of a unit. */
    public static final String RANKING_EXAMPLE = """
            {"scope":{"kind":"UNIT","id":"9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4","name":"天祝县农业农村局"},
             "level":"CADRE","unitLevel":null,"from":"2026-01-01","to":"2026-11-29",
             "weights":{"coverage":25,"continuity":25,"tasks":15,"demandsOnTime":15,"lifted":10,"noRelapse":10},
             "liftedTargetShare":0.2,
             "items":[""" + ITEM_EXAMPLE + """
            ],"page":0,"size":50,"total":1,"asOf":"2026-11-29T03:12:45.120Z"}""";

    /**
     * Who is assessed or whose subjects are ranked.
     *
     * @param kind CADRE, UNIT or REGION
     * @param id   cadre or unit id, or the region's 12-digit code
     * @param name its name
     */
    @Schema(name = "AssessmentSubject", example = """
            {"kind":"REGION","id":"620623000000","name":"天祝藏族自治县"}""")
    public record Subject(String kind, String id, String name) {
    }

    /**
     * The weights of the six parts (points out of 100, lianhu.reporting.assessment.weights.*).
     */
    @Schema(name = "AssessmentWeights", example = """
            {"coverage":25,"continuity":25,"tasks":15,"demandsOnTime":15,"lifted":10,"noRelapse":10}""")
    public record Weights(int coverage, int continuity, int tasks, int demandsOnTime, int lifted, int noRelapse) {
        /** The weight of the part named {@code part} (one of {@link Assessment#PARTS}). */
        public int of(String part) {
            return switch (part) {
            case "coverage" -> coverage;
            case "continuity" -> continuity;
            case "tasks" -> tasks;
            case "demandsOnTime" -> demandsOnTime;
            case "lifted" -> lifted;
            case "noRelapse" -> noRelapse;
            default -> throw new IllegalArgumentException(part);
            };
        }
    }

    /**
     * One part of a score.
     *
     * @param value  the part's measure in [0, 1], 4 decimals (HALF_UP); null when there is nothing to measure
     * @param weight its weight (points out of 100)
     * @param points weight × value (before rescaling); null with the value
     * @param reason why the value is null (e.g. "no active pairing on 2026-11-29"); null when there is a value
     * @param inputs the counts the value is computed from, by name (see the definitions of GET
     *               /api/v1/assessment/weights)
     */
    @Schema(name = "AssessmentPart", example = """
            {"value":0.5000,"weight":25,"points":12.5000,"reason":null,
             "inputs":{"activePairings":2,"visitedWithinWindow":1}}""")
    public record Part(BigDecimal value, int weight, BigDecimal points, String reason, Map<String, Object> inputs) {
    }

    /** The six parts of a score. */
    @Schema(name = "AssessmentParts")
    public record Parts(Part coverage, Part continuity, Part tasks, Part demandsOnTime, Part lifted, Part noRelapse) {
        /** The part named {@code part} (one of {@link Assessment#PARTS}). */
        public Part of(String part) {
            return switch (part) {
            case "coverage" -> coverage;
            case "continuity" -> continuity;
            case "tasks" -> tasks;
            case "demandsOnTime" -> demandsOnTime;
            case "lifted" -> lifted;
            case "noRelapse" -> noRelapse;
            default -> throw new IllegalArgumentException(part);
            };
        }
    }

    /**
     * A ranked subject.
     *
     * @param rank    1-based position in the ranking; subjects with equal scores share a rank (1, 2, 2, 4), and so do
     *                all subjects without a score (last)
     * @param subject the cadre, unit or region
     * @param score   100 × Σ points / Σ weights of the parts that have a value, 1 decimal (HALF_UP); null when no
     *                part with a weight above 0 has a value
     * @param parts   the six parts
     */
    @Schema(name = "AssessmentItem", example = ITEM_EXAMPLE)
    public record Item(int rank, Subject subject, BigDecimal score, Parts parts) {
    }

    /**
     * One page of a ranking.
     *
     * @param scope             the unit whose cadres, or the region whose units or child regions, are ranked
     * @param level             what is ranked: CADRE, UNIT, or the level of the child regions (PREFECTURE, COUNTY,
     *                          TOWNSHIP, VILLAGE); null for the children of a village (none)
     * @param unitLevel         the level of the units ranked (PROVINCE, PREFECTURE, COUNTY, TOWNSHIP); null otherwise
     * @param from              first day of the period
     * @param to                last day of the period (the day coverage and continuity are measured on)
     * @param weights           the weights the scores were computed with
     * @param liftedTargetShare the share of lifted households that earns the whole lifted part
     * @param items             the subjects of this page, by score (highest first, none last), then name, then id
     * @param page              zero-based page index
     * @param size              page size asked for
     * @param total             subjects ranked, all pages together
     * @param asOf              time of the latest event applied (UTC), read before the figures; null before the first
     */
    @Schema(name = "AssessmentRanking", description = "Scores with their parts, ranked", example = RANKING_EXAMPLE)
    public record Ranking(Subject scope, String level, String unitLevel, LocalDate from, LocalDate to,
            Weights weights, BigDecimal liftedTargetShare, List<Item> items, int page, int size, long total,
            OffsetDateTime asOf) {
    }

    /**
     * What a part measures, for each kind of subject.
     *
     * @param part       its name in the bodies (coverage, continuity, tasks, demandsOnTime, lifted, noRelapse)
     * @param weight     its weight (points out of 100)
     * @param cadre      what it measures for a cadre
     * @param unit       what it measures for a unit
     * @param region     what it measures for a region
     * @param inputs     the inputs the bodies show, by kind of subject
     * @param nullWhen   when it has no value
     */
    @Schema(name = "AssessmentPartDefinition")
    public record Definition(String part, int weight, String cadre, String unit, String region,
            Map<String, List<String>> inputs, String nullWhen) {
    }

    /** Example of {@link WeightsView} (definitions abbreviated to one). */
    public static final String WEIGHTS_EXAMPLE = """
            {"weights":{"coverage":25,"continuity":25,"tasks":15,"demandsOnTime":15,"lifted":10,"noRelapse":10},
             "liftedTargetShare":0.2,
             "score":"100 × Σ (weight × value) / Σ weight, over the parts that have a value; 1 decimal, HALF_UP",
             "ranking":"score (highest first, none last), then name, then id; equal scores share a rank (1, 2, 2, 4)",
             "parts":[{"part":"continuity","weight":25,
               "cadre":"share of the cadre's pairings active on `to` visited in person within the window on `to`",
               "unit":"the same over the pairings the unit made","region":"the same over the pairings of households under the region",
               "inputs":{"CADRE":["activePairings","visitedWithinWindow"],"UNIT":["activePairings","visitedWithinWindow"],
                         "REGION":["activePairings","visitedWithinWindow"]},
               "nullWhen":"no pairing active on `to`"}]}""";

    /**
     * The weights as configured, with what each part measures.
     *
     * @param weights           points of each part
     * @param liftedTargetShare the share of lifted households that earns the whole lifted part
     * @param score             how a score is computed from its parts
     * @param ranking           how subjects are ordered and ranked
     * @param parts             each part's definition
     */
    @Schema(name = "AssessmentWeightsView", example = WEIGHTS_EXAMPLE)
    public record WeightsView(Weights weights, BigDecimal liftedTargetShare, String score, String ranking,
            List<Definition> parts) {
    }
}
