package cn.gansu.lianhu.reporting;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.events.contract.CadreData;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.LeaderLinkData;
import cn.gansu.lianhu.events.contract.PairingData;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.events.contract.UnitData;
import cn.gansu.lianhu.events.contract.VillageLinkData;
import cn.gansu.lianhu.testsupport.LianhuTestResource;
import cn.gansu.lianhu.testsupport.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/**
 * Issue 3 point 9: two-way coverage. Registry events (regions, households) and pairing events (units, cadres,
 * links, pairings) go to the real broker as CloudEvents of the lianhu-events contract; reporting's figures and
 * lists of the uncovered are awaited over REST. Every test works in a part of Gansu no other reporting test uses
 * (临夏州 6229, 静宁县 620826, 环县 621022, 古浪县 620622); at province level (62, shared with other tests) the
 * figures are checked as exact differences from before.
 */
@QuarkusTest
@WithTestResource(LianhuTestResource.class)
class PairingCoverageTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PROVINCE = "620000000000";
    private static final List<String> TARGET_KEYS = List.of("poorCountiesWithoutLeader", "poorVillagesWithoutUnit",
            "householdsToCover", "householdsCovered", "householdsWithoutCadre", "activeLeaderLinks",
            "activeVillageLinks", "activePairings");
    private static final List<String> PARTICIPANT_KEYS = List.of("units", "unitsBelowRequired", "cadres",
            "cadresBelowMinimum", "cadresWithoutHouseholds");
    private static final List<String> PAIRING_TOPICS = List.of(Topics.PAIRING_UNITS, Topics.PAIRING_CADRES,
            Topics.PAIRING_LINKS, Topics.PAIRING_PAIRINGS);
    private static final LocalDate MAR_1 = LocalDate.of(2026, 3, 1);
    /** The day ended pairings end on. */
    private static final LocalDate NOV_1 = LocalDate.of(2026, 11, 1);

    @Inject
    ObjectMapper mapper;
    private ReportingEvents events;

    @BeforeEach
    void events() {
        events = new ReportingEvents(mapper);
    }

    // ---------------------------------------------------------------------------------------------
    // 临夏回族自治州 (6229): both sides, at county, prefecture and province level, and the six lists
    // ---------------------------------------------------------------------------------------------

    // 临夏县 622921 (poor) / 韩集镇 622921100 / 双城 622921100201, 磨川 622921100203 (poor villages)
    // 康乐县 622922 (poor) / 附城镇 622922100 / 高丰 622922100201, 新集 622922100204 (poor villages)
    private static final String LINXIA = "622900000000";
    private static final String LINXIA_COUNTY = "622921000000";
    private static final String KANGLE = "622922000000";
    private static final String SHUANGCHENG = "622921100201";
    private static final String MOCHUAN = "622921100203";
    private static final String GAOFENG = "622922100201";
    private static final String XINJI = "622922100204";

    @Test
    void bothSidesAtCountyPrefectureAndProvinceAndTheListsNameExactlyTheUncovered() {
        Map<String, Integer> provinceTargetsBefore = figures("62", "targets", TARGET_KEYS);
        Map<String, Integer> provinceParticipantsBefore = figures("62", "participants", PARTICIPANT_KEYS);

        events.region(PROVINCE, "甘肃省", "PROVINCE", null, false, false);
        events.region(LINXIA, "临夏回族自治州", "PREFECTURE", PROVINCE, false, false);
        events.region(LINXIA_COUNTY, "临夏县", "COUNTY", LINXIA, true, false);
        events.region(KANGLE, "康乐县", "COUNTY", LINXIA, true, false);
        events.region("622921100000", "韩集镇", "TOWNSHIP", LINXIA_COUNTY, false, false);
        events.region("622922100000", "附城镇", "TOWNSHIP", KANGLE, false, false);
        events.region(SHUANGCHENG, "双城村委会", "VILLAGE", "622921100000", false, true);
        events.region(MOCHUAN, "磨川村委会", "VILLAGE", "622921100000", false, true);
        events.region(GAOFENG, "高丰村委会", "VILLAGE", "622922100000", false, true);
        events.region(XINJI, "新集村委会", "VILLAGE", "622922100000", false, true);

        // households to cover: hA, hB (双城), hD (磨川) in 临夏县; hE, hF (高丰) in 康乐县; hC is lifted
        String hA = events.household(SHUANGCHENG, "马有福", "IN_POVERTY", 5);
        String hB = events.household(SHUANGCHENG, "韩尕西", "RELAPSED", 4);
        events.household(SHUANGCHENG, "马成林", "LIFTED", 3); // lifted: keeps any cadres, never listed
        String hD = events.household(MOCHUAN, "何玉兰", "IN_POVERTY", 6);
        String hE = events.household(GAOFENG, "王尕三", "IN_POVERTY", 2);
        String hF = events.household(GAOFENG, "陈文", "IN_POVERTY", 4);

        // units: U1 sits in the prefecture, U2 in 临夏县, U3 in 康乐县, LU (the leader's) in the province
        UUID u1 = events.unit("临夏回族自治州民政局", "PREFECTURE", LINXIA, 3, 2);
        UUID u2 = events.unit("临夏县农业农村局", "COUNTY", LINXIA_COUNTY, 1, 1);
        UUID u3 = events.unit("康乐县卫生健康局", "COUNTY", KANGLE, 2, 1);
        UUID lu = events.unit("甘肃省人民政府办公厅", "PROVINCE", PROVINCE, 1, 0);

        UUID c1 = events.cadre(u1, "马文华", "PREFECTURE_BUREAU", 3);
        UUID c2 = events.cadre(u1, "马国强", "COUNTY_DIVISION", 2);
        UUID c3 = events.cadre(u1, "韩梅", "OTHER", 1);
        cadreEvent(UUID.randomUUID(), EventTypes.CADRE_REGISTERED, u1, "周建军", "OTHER", "RETIRED", 0, 1);
        UUID c5 = events.cadre(u2, "王立新", "OTHER", 1);
        UUID c6 = events.cadre(u3, "何平", "COUNTY_DIVISION", 2);
        UUID c7 = events.cadre(u3, "赵红", "OTHER", 1);
        UUID leader = events.cadre(lu, "李文清", "PROVINCIAL_LEADER", 5);

        // village links: U1 → 双城, 高丰; U3 → 双城; U2 → 磨川, then ended (磨川 and 新集 have no unit)
        events.villageLink(UUID.randomUUID(), u1, SHUANGCHENG, true);
        events.villageLink(UUID.randomUUID(), u1, GAOFENG, true);
        events.villageLink(UUID.randomUUID(), u3, SHUANGCHENG, true);
        UUID ended = UUID.randomUUID();
        events.villageLink(ended, u2, MOCHUAN, true);
        events.villageLink(ended, u2, MOCHUAN, false);

        // leader links: 临夏县 (双城) active; 康乐县 (高丰) linked, then ended
        events.leaderLink(UUID.randomUUID(), leader, LINXIA_COUNTY, SHUANGCHENG, true);
        UUID endedLeaderLink = UUID.randomUUID();
        events.leaderLink(endedLeaderLink, leader, KANGLE, GAOFENG, true);
        events.leaderLink(endedLeaderLink, leader, KANGLE, GAOFENG, false);

        // pairings: c1 → hA, hB, hE; c2 → hA; c6 → hF, hE; leader → hA; c3 → hD only as a DRAFT; c7 → hB ended
        events.pairing(c1, u1, hA, SHUANGCHENG, MAR_1);
        events.pairing(c1, u1, hB, SHUANGCHENG, MAR_1);
        events.pairing(c1, u1, hE, GAOFENG, MAR_1);
        events.pairing(c2, u1, hA, SHUANGCHENG, MAR_1);
        events.pairing(c6, u3, hF, GAOFENG, MAR_1);
        events.pairing(c6, u3, hE, GAOFENG, MAR_1);
        events.pairing(leader, lu, hA, SHUANGCHENG, MAR_1);
        events.pairing(UUID.randomUUID(), c3, u1, hD, MOCHUAN, "DRAFT", MAR_1, null, 1);
        UUID c7hB = UUID.randomUUID();
        events.pairing(c7hB, c7, u3, hB, SHUANGCHENG, "ACTIVE", MAR_1, null, 1);
        events.pairing(c7hB, c7, u3, hB, SHUANGCHENG, "ENDED", MAR_1, NOV_1, 2);

        // 临夏回族自治州: 2 poor counties (康乐县 without a leader), 4 poor villages (磨川, 新集 without a unit),
        // 5 households to cover (hD without a cadre), 3 units (U2 below), 6 active cadres (c2, c3, c5, c7 below;
        // c3, c5, c7 with none). The leader's unit sits in the province, so the leader is not counted here.
        awaitFigures("6229",
                targets(1, 2, 5, 4, 1, 1, 3, 7),
                participants(3, 1, 6, 4, 3));
        coverage("6229").body("poorCounties", equalTo(2)).body("poorVillages", equalTo(4))
                .body("households.total", equalTo(6)).body("households.inPoverty", equalTo(4))
                .body("households.lifted", equalTo(1)).body("households.relapsed", equalTo(1))
                .body("members", equalTo(24)).body("asOf", notNullValue());
        // 临夏县: U2 (below, c5 with none); hA, hB covered, hD not; links and pairings by village
        awaitFigures("622921", targets(0, 1, 3, 2, 1, 1, 2, 4), participants(1, 1, 1, 1, 1));
        // 康乐县: U3 (c6 meets 2, c7 none); no leader; 新集 without a unit; hE, hF covered
        awaitFigures("622922", targets(1, 1, 2, 2, 0, 0, 1, 3), participants(1, 0, 2, 1, 1));
        // a village: 磨川 has no unit and its one household only a draft
        awaitFigures("622921100203", targets(0, 1, 1, 0, 1, 0, 0, 0), participants(0, 0, 0, 0, 0));
        // province: exactly these on top of what other tests left there (the leader and LU now count)
        awaitFigures("62", plus(provinceTargetsBefore, targets(1, 2, 5, 4, 1, 1, 3, 7)),
                plus(provinceParticipantsBefore, participants(4, 1, 7, 5, 3)));

        // ---- the lists name exactly the uncovered, and each total equals its figure ----
        for (String code : List.of("6229", "622921", "622922", "62")) {
            JsonPath figures = coverage(code).statusCode(200).extract().jsonPath();
            assertTotal(code, "counties-without-leader", figures.getInt("targets.poorCountiesWithoutLeader"));
            assertTotal(code, "villages-without-unit", figures.getInt("targets.poorVillagesWithoutUnit"));
            assertTotal(code, "households-without-cadre", figures.getInt("targets.householdsWithoutCadre"));
            assertTotal(code, "units-below-required", figures.getInt("participants.unitsBelowRequired"));
            assertTotal(code, "cadres-below-minimum", figures.getInt("participants.cadresBelowMinimum"));
            assertTotal(code, "cadres-without-households", figures.getInt("participants.cadresWithoutHouseholds"));
        }

        uncovered("6229", "counties-without-leader", 0, 50).statusCode(200)
                .body("total", equalTo(1)).body("page", equalTo(0)).body("size", equalTo(50))
                .body("asOf", notNullValue())
                .body("items", hasSize(1))
                .body("items[0].code", equalTo(KANGLE)).body("items[0].name", equalTo("康乐县"))
                .body("items[0].prefectureCode", equalTo(LINXIA))
                .body("items[0].prefectureName", equalTo("临夏回族自治州"))
                .body("items[0].poorVillages", equalTo(2));

        uncovered("6229", "villages-without-unit", 0, 50).statusCode(200)
                .body("total", equalTo(2)).body("items.code", equalTo(List.of(MOCHUAN, XINJI)))
                .body("items.name", equalTo(List.of("磨川村委会", "新集村委会")))
                .body("items.townshipName", equalTo(List.of("韩集镇", "附城镇")))
                .body("items.countyCode", equalTo(List.of(LINXIA_COUNTY, KANGLE)))
                .body("items.countyName", equalTo(List.of("临夏县", "康乐县")))
                .body("items.householdsToCover", equalTo(List.of(1, 0)));

        uncovered("6229", "households-without-cadre", 0, 50).statusCode(200)
                .body("total", equalTo(1)).body("items", hasSize(1))
                .body("items[0].id", equalTo(hD)).body("items[0].headName", equalTo("何玉兰"))
                .body("items[0].status", equalTo("IN_POVERTY")).body("items[0].memberCount", equalTo(6))
                .body("items[0].draftPairings", equalTo(1))
                .body("items[0].villageCode", equalTo(MOCHUAN)).body("items[0].villageName", equalTo("磨川村委会"))
                .body("items[0].townshipName", equalTo("韩集镇")).body("items[0].countyName", equalTo("临夏县"));

        uncovered("6229", "units-below-required", 0, 50).statusCode(200)
                .body("total", equalTo(1)).body("items", hasSize(1))
                .body("items[0].id", equalTo(u2.toString())).body("items[0].name", equalTo("临夏县农业农村局"))
                .body("items[0].level", equalTo("COUNTY")).body("items[0].regionCode", equalTo(LINXIA_COUNTY))
                .body("items[0].regionName", equalTo("临夏县")).body("items[0].activeCadres", equalTo(1))
                .body("items[0].requiredVillages", equalTo(1)).body("items[0].linkedVillages", equalTo(0));

        assertEquals(Set.of(c2, c3, c5, c7), ids(uncovered("6229", "cadres-below-minimum", 0, 50)));
        assertEquals(Set.of(c3, c5, c7), ids(uncovered("6229", "cadres-without-households", 0, 50)));
        Map<String, Object> c2Row = row(uncovered("6229", "cadres-below-minimum", 0, 50), c2);
        assertEquals(Map.of("id", c2.toString(), "name", "马国强", "rank", "COUNTY_DIVISION", "unitId", u1.toString(),
                "unitName", "临夏回族自治州民政局", "unitRegionCode", LINXIA, "unitRegionName", "临夏回族自治州",
                "minimumHouseholds", 2, "pairedHouseholds", 1), c2Row);
        Map<String, Object> c7Row = row(uncovered("622922", "cadres-without-households", 0, 50), c7);
        assertEquals(0, c7Row.get("pairedHouseholds"));
        assertEquals("康乐县卫生健康局", c7Row.get("unitName"));
        assertEquals(1, c7Row.get("minimumHouseholds"));
        // at province level the leader is below the minimum of 5 with 1 household
        Map<String, Object> leaderRow = row(uncovered("62", "cadres-below-minimum", 0, 500), leader);
        assertEquals(Map.of("rank", "PROVINCIAL_LEADER", "unitName", "甘肃省人民政府办公厅", "unitRegionName", "甘肃省",
                "minimumHouseholds", 5, "pairedHouseholds", 1),
                Map.of("rank", leaderRow.get("rank"), "unitName", leaderRow.get("unitName"), "unitRegionName",
                        leaderRow.get("unitRegionName"), "minimumHouseholds", leaderRow.get("minimumHouseholds"),
                        "pairedHouseholds", leaderRow.get("pairedHouseholds")));
        // county level: only what sits in the county
        assertEquals(Set.of(c5), ids(uncovered("622921", "cadres-below-minimum", 0, 50)));
        assertEquals(Set.of(c7), ids(uncovered("622922", "cadres-below-minimum", 0, 50)));
        uncovered("622921", "counties-without-leader", 0, 50).statusCode(200).body("total", equalTo(0))
                .body("items", hasSize(0));
        uncovered("622922", "villages-without-unit", 0, 50).statusCode(200).body("total", equalTo(1))
                .body("items.code", equalTo(List.of(XINJI)));
        uncovered("622921", "households-without-cadre", 0, 50).statusCode(200).body("total", equalTo(1))
                .body("items[0].id", equalTo(hD));

        // pages: size 3 → pages 0 and 1 split the four cadres below the minimum without overlap; page 2 is empty
        Set<UUID> page0 = ids(uncovered("6229", "cadres-below-minimum", 0, 3).body("total", equalTo(4))
                .body("items", hasSize(3)));
        Set<UUID> page1 = ids(uncovered("6229", "cadres-below-minimum", 1, 3).body("total", equalTo(4))
                .body("page", equalTo(1)).body("size", equalTo(3)).body("items", hasSize(1)));
        Set<UUID> all = new HashSet<>(page0);
        all.addAll(page1);
        assertEquals(Set.of(c2, c3, c5, c7), all);
        uncovered("6229", "cadres-below-minimum", 2, 3).statusCode(200).body("total", equalTo(4))
                .body("items", hasSize(0));
    }

    // ---------------------------------------------------------------------------------------------
    // 静宁县 (620826): DRAFT does not cover, WITHDRAWN and ENDED un-cover, a cadre who left no longer counts
    // ---------------------------------------------------------------------------------------------

    @Test
    void draftsDoNotCoverAndWithdrawnOrEndedPairingsUncover() {
        String county = "620826000000";
        String xiguan = "620826100200";
        String nanguan = "620826100201";
        events.region(PROVINCE, "甘肃省", "PROVINCE", null, false, false);
        events.region("620800000000", "平凉市", "PREFECTURE", PROVINCE, false, false);
        events.region(county, "静宁县", "COUNTY", "620800000000", true, false);
        events.region("620826100000", "城关镇", "TOWNSHIP", county, false, false);
        events.region(xiguan, "西关村委会", "VILLAGE", "620826100000", false, true);
        events.region(nanguan, "南关村委会", "VILLAGE", "620826100000", false, true);
        String h1 = events.household(xiguan, "李永福", "IN_POVERTY", 3);
        String h2 = events.household(xiguan, "杨秀英", "RELAPSED", 4);
        UUID u = events.unit("静宁县水务局", "COUNTY", county, 2, 1);
        UUID a = events.cadre(u, "张志刚", "OTHER", 1);
        UUID b = events.cadre(u, "苏建平", "COUNTY_DIVISION", 2);
        UUID link = UUID.randomUUID();
        events.villageLink(link, u, xiguan, true);

        // drafts only: nobody is covered, both cadres have none
        UUID p1 = UUID.randomUUID();
        UUID p2 = UUID.randomUUID();
        events.pairing(p1, a, u, h1, xiguan, "DRAFT", MAR_1, null, 1);
        events.pairing(p2, b, u, h1, xiguan, "DRAFT", MAR_1, null, 1);
        awaitFigures("620826", targets(1, 1, 2, 0, 2, 0, 1, 0), participants(1, 0, 2, 2, 2));
        // the figures hold after the first draft already (drafts do not cover): wait for the second one too
        await().atMost(WAIT).untilAsserted(() -> uncovered("620826", "households-without-cadre", 0, 50)
                .statusCode(200).body("total", equalTo(2))
                .body("items.find { it.id == '" + h1 + "' }.draftPairings", equalTo(2)));

        // the unit confirms a's draft, b's draft is withdrawn: h1 covered by a; b still has none
        events.pairing(p1, a, u, h1, xiguan, "ACTIVE", MAR_1, null, 2);
        events.pairing(p2, b, u, h1, xiguan, "WITHDRAWN", MAR_1, null, 2);
        awaitFigures("620826", targets(1, 1, 2, 1, 1, 0, 1, 1), participants(1, 0, 2, 1, 1));
        uncovered("620826", "households-without-cadre", 0, 50).body("items.id", equalTo(List.of(h2)));
        assertEquals(Set.of(b), ids(uncovered("620826", "cadres-without-households", 0, 50)));

        // b takes h1 and h2: everyone covered, b meets its minimum of 2
        UUID p3 = events.pairing(b, u, h2, xiguan, MAR_1);
        events.pairing(b, u, h1, xiguan, MAR_1);
        awaitFigures("620826", targets(1, 1, 2, 2, 0, 0, 1, 3), participants(1, 0, 2, 0, 0));

        // a leaves (transferred; minimum 0 once not ACTIVE), its pairing ends: h1 stays covered by b
        events.pairing(p1, a, u, h1, xiguan, "ENDED", MAR_1, NOV_1, 3);
        cadreEvent(a, EventTypes.CADRE_LEFT, u, "张志刚", "OTHER", "TRANSFERRED", 0, 2);
        awaitFigures("620826", targets(1, 1, 2, 2, 0, 0, 1, 2), participants(1, 0, 1, 0, 0));

        // h2's pairing ends (household moved): h2 is uncovered again, b falls below 2; the link ends too
        events.pairing(p3, b, u, h2, xiguan, "ENDED", MAR_1, NOV_1, 2);
        events.villageLink(link, u, xiguan, false);
        awaitFigures("620826", targets(1, 2, 2, 1, 1, 0, 0, 1), participants(1, 1, 1, 1, 0));
        uncovered("620826", "households-without-cadre", 0, 50).body("items.id", equalTo(List.of(h2)))
                .body("items[0].headName", equalTo("杨秀英")).body("items[0].status", equalTo("RELAPSED"));
        uncovered("620826", "villages-without-unit", 0, 50).body("items.code", equalTo(List.of(xiguan, nanguan)));
        uncovered("620826", "units-below-required", 0, 50).body("items[0].id", equalTo(u.toString()))
                .body("items[0].linkedVillages", equalTo(0)).body("items[0].requiredVillages", equalTo(1));
        row(uncovered("620826", "cadres-below-minimum", 0, 50).body("total", equalTo(1)), b);
    }

    // ---------------------------------------------------------------------------------------------
    // 环县 (621022): the same event twice is applied once; older states never overwrite newer ones
    // ---------------------------------------------------------------------------------------------

    @Test
    void duplicatesApplyOnceAndStaleVersionsOrOlderLinkEventsDoNotOverwrite() {
        String county = "621022000000";
        String village = "621022100200";
        events.region(PROVINCE, "甘肃省", "PROVINCE", null, false, false);
        events.region("621000000000", "庆阳市", "PREFECTURE", PROVINCE, false, false);
        events.region(county, "环县", "COUNTY", "621000000000", true, false);
        events.region("621022100000", "环城镇", "TOWNSHIP", county, false, false);
        events.region(village, "五里屯村委会", "VILLAGE", "621022100000", false, true);
        String h1 = events.household(village, "慕生财", "IN_POVERTY", 5);
        String h2 = events.household(village, "敬桂花", "IN_POVERTY", 2);
        double staleBefore = metricSum("stale");
        double duplicatesBefore = metricSum("duplicate");

        // unit: v1 requires 1, v3 requires 2; v2 (requires 0) arrives late and must not apply
        UUID u = events.unit("环县农业农村局", "COUNTY", county, 1, 1);
        unitEvent(u, EventTypes.UNIT_UPDATED, "环县农业农村局", "COUNTY", county, 12, 2, 3);
        events.villageLink(UUID.randomUUID(), u, village, true);
        // a second link ends; its older "linked" event arrives afterwards and must not revive it
        UUID l2 = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        events.send(Topics.PAIRING_LINKS, l2.toString(), events.envelope(UUID.randomUUID(),
                EventTypes.VILLAGE_LINK_ENDED, l2.toString(), new VillageLinkData(l2.toString(), u.toString(), village,
                        county, LocalDate.of(2026, 1, 5), NOV_1, "CORRECTION_APPROVED", false),
                now, ReportingEvents.PAIRING));
        // cadre c: v2 retired; v1 (ACTIVE) late. cadre d ACTIVE.
        UUID c = UUID.randomUUID();
        cadreEvent(c, EventTypes.CADRE_LEFT, u, "曹永军", "OTHER", "RETIRED", 0, 2);
        UUID d = events.cadre(u, "白雪梅", "OTHER", 1);
        // pairing of d with h1: v2 ENDED; v1 ACTIVE late. Pairing of d with h2: ACTIVE, delivered twice.
        UUID p = UUID.randomUUID();
        events.pairing(p, d, u, h1, village, "ENDED", MAR_1, NOV_1, 2);
        UUID q = UUID.randomUUID();
        String qJson = events.json(Topics.PAIRING_PAIRINGS, q.toString(), EventTypes.PAIRING_ACTIVATED,
                new PairingData(q.toString(), d.toString(), u.toString(), h2, village, true, "ACTIVE",
                        LocalDate.of(2026, 11, 29), null, null, null, 1));
        events.send(Topics.PAIRING_PAIRINGS, q.toString(), qJson);
        events.send(Topics.PAIRING_PAIRINGS, q.toString(), qJson);
        // a link event delivered twice too
        UUID l3 = UUID.randomUUID();
        String l3Json = events.json(Topics.PAIRING_LINKS, l3.toString(), EventTypes.VILLAGE_LINKED,
                new VillageLinkData(l3.toString(), UUID.randomUUID().toString(), village, county,
                        LocalDate.of(2026, 11, 29), null, null, true));
        events.send(Topics.PAIRING_LINKS, l3.toString(), l3Json);
        events.send(Topics.PAIRING_LINKS, l3.toString(), l3Json);

        // 环县 has no leader; 五里屯 is linked (l3's unit sits elsewhere); h2 covered by q, h1 not (p ended);
        // the unit requires 2 villages (v3) and links 1; d pairs with 1 of 1; c retired
        awaitFigures("621022", targets(1, 0, 2, 1, 1, 0, 2, 1), participants(1, 1, 1, 0, 0));

        // now the late, older states: each has a new event id (the inbox lets it through); none may apply
        unitEvent(u, EventTypes.UNIT_UPDATED, "环县农业农村局", "COUNTY", county, 0, 0, 2);
        events.send(Topics.PAIRING_LINKS, l2.toString(), events.envelope(UUID.randomUUID(), EventTypes.VILLAGE_LINKED,
                l2.toString(), new VillageLinkData(l2.toString(), u.toString(), village, county,
                        LocalDate.of(2026, 1, 5), null, null, true), now.minusHours(1), ReportingEvents.PAIRING));
        cadreEvent(c, EventTypes.CADRE_REGISTERED, u, "曹永军", "OTHER", "ACTIVE", 1, 1);
        events.pairing(p, d, u, h1, village, "ACTIVE", MAR_1, null, 1);

        await().atMost(WAIT).untilAsserted(() -> assertEquals(4.0, metricSum("stale") - staleBefore));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(2.0, metricSum("duplicate") - duplicatesBefore));
        awaitFigures("621022", targets(1, 0, 2, 1, 1, 0, 2, 1), participants(1, 1, 1, 0, 0));
        uncovered("621022", "units-below-required", 0, 50).body("items[0].requiredVillages", equalTo(2))
                .body("items[0].linkedVillages", equalTo(1)).body("items[0].activeCadres", equalTo(12));
        uncovered("621022", "households-without-cadre", 0, 50).body("items.id", equalTo(List.of(h1)));
    }

    // ---------------------------------------------------------------------------------------------
    // Garbage on the pairing topics: dead-lettered, never stops the consumers; unknown types skipped
    // ---------------------------------------------------------------------------------------------

    @Test
    void unreadableRecordsAreDeadLetteredAndUnknownTypesSkipped() throws Exception {
        double rejectedBefore = metricSum("rejected");
        double unknownBefore = metricSum("unknown-type");
        String marker = UUID.randomUUID().toString();
        events.send(Topics.PAIRING_UNITS, marker, "not a CloudEvent " + marker);
        UUID bad = UUID.randomUUID();
        events.publish(Topics.PAIRING_PAIRINGS, marker, EventTypes.PAIRING_ACTIVATED,
                new PairingData(bad.toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                        UUID.randomUUID().toString(), "622921100201", true, "PAUSED", null, null, null, null, 1));
        events.publish(Topics.PAIRING_LINKS, marker, EventTypes.LEADER_LINKED,
                new LeaderLinkData(bad.toString(), UUID.randomUUID().toString(), "6229", null, null, null, null, true));
        // valid CloudEvents of types not handled on the topic: skipped, not dead-lettered
        events.send(Topics.PAIRING_CADRES, marker, "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID()
                + "\",\"type\":\"cn.gansu.lianhu.pairing.cadre.promoted.v9\",\"time\":\"2026-11-29T01:00:00Z\",\"data\":{}}");
        String county = "620622000000";
        UUID unitOnWrongTopic = UUID.randomUUID();
        events.publish(Topics.PAIRING_PAIRINGS, marker, EventTypes.UNIT_REGISTERED,
                new UnitData(unitOnWrongTopic.toString(), "古浪县民政局", "COUNTY", "PARTY_GOVERNMENT", county, null,
                        1, 1, false, 1));

        // the consumers go on: a unit after the garbage is applied
        events.region(PROVINCE, "甘肃省", "PROVINCE", null, false, false);
        events.region("620600000000", "武威市", "PREFECTURE", PROVINCE, false, false);
        events.region(county, "古浪县", "COUNTY", "620600000000", true, false);
        UUID u = events.unit("古浪县农业农村局", "COUNTY", county, 3, 1);
        awaitFigures("620622", targets(1, 0, 0, 0, 0, 0, 0, 0), participants(1, 1, 0, 0, 0));
        uncovered("620622", "units-below-required", 0, 50).body("items.id", equalTo(List.of(u.toString())));

        await().atMost(WAIT).untilAsserted(() -> assertEquals(3.0, metricSum("rejected") - rejectedBefore));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(2.0, metricSum("unknown-type") - unknownBefore));

        // the three rejected records are on the dead-letter topic, unchanged, with the reason and origin
        Map<String, Map<String, String>> dead = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = TestKafka.consumerFromStart("reporting-service.dead-letter")) {
            long until = System.currentTimeMillis() + WAIT.toMillis();
            while (dead.size() < 3 && System.currentTimeMillis() < until) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (marker.equals(r.key())) {
                        Map<String, String> headers = new LinkedHashMap<>();
                        r.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
                        headers.put("value", r.value());
                        dead.put(headers.get("dlq-topic"), headers);
                    }
                }
            }
        }
        assertEquals(Set.of(Topics.PAIRING_UNITS, Topics.PAIRING_PAIRINGS, Topics.PAIRING_LINKS), dead.keySet());
        assertEquals("not a CloudEvent " + marker, dead.get(Topics.PAIRING_UNITS).get("value"));
        assertTrue(dead.get(Topics.PAIRING_UNITS).get("dlq-reason").startsWith("not a JSON CloudEvent"),
                dead.get(Topics.PAIRING_UNITS).get("dlq-reason"));
        assertTrue(dead.get(Topics.PAIRING_PAIRINGS).get("dlq-reason")
                .endsWith("status 'PAUSED' is not one of DRAFT, ACTIVE, WITHDRAWN, ENDED"),
                dead.get(Topics.PAIRING_PAIRINGS).get("dlq-reason"));
        assertTrue(dead.get(Topics.PAIRING_LINKS).get("dlq-reason")
                .endsWith("countyCode '6229' is not a 12-digit NBS code"), dead.get(Topics.PAIRING_LINKS).get("dlq-reason"));
        for (Map<String, String> h : dead.values()) {
            assertTrue(h.get("dlq-offset").matches("\\d+"), h.toString());
            assertTrue(h.get("dlq-partition").matches("\\d+"), h.toString());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Problems and the OpenAPI document
    // ---------------------------------------------------------------------------------------------

    @Test
    void listProblemsNameTheParameter() {
        events.region(PROVINCE, "甘肃省", "PROVINCE", null, false, false);
        await().atMost(WAIT).untilAsserted(() -> coverage("62").statusCode(200));

        given().when().get("/api/v1/regions/6297/uncovered/villages-without-unit").then()
                .statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:lianhu:problem:not-found")).body("status", equalTo(404))
                .body("detail", equalTo("region 629700000000 does not exist"))
                .body("instance", equalTo("/api/v1/regions/6297/uncovered/villages-without-unit"))
                .body("errors", hasSize(0));
        given().when().get("/api/v1/regions/62/uncovered/villages-without-cadre").then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:lianhu:problem:validation"))
                .body("errors", hasSize(1)).body("errors[0].field", equalTo("kind"))
                .body("errors[0].rule", equalTo("uncovered.kind"))
                .body("errors[0].message", equalTo("kind must be one of counties-without-leader, villages-without-unit,"
                        + " households-without-cadre, units-below-required, cadres-below-minimum,"
                        + " cadres-without-households, not 'villages-without-cadre'"));
        given().when().get("/api/v1/regions/62x/uncovered/cadres-below-minimum").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("code")).body("errors[0].rule", equalTo("region-code.format"));
        given().queryParam("size", 501).when().get("/api/v1/regions/62/uncovered/households-without-cadre").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors", hasSize(1)).body("errors[0].field", equalTo("size"))
                .body("errors[0].rule", equalTo("max"))
                .body("errors[0].message", equalTo("must be less than or equal to 500"));
        given().queryParam("size", 0).when().get("/api/v1/regions/62/uncovered/units-below-required").then()
                .statusCode(400).body("errors[0].field", equalTo("size")).body("errors[0].rule", equalTo("min"));
        given().queryParam("page", -1).when().get("/api/v1/regions/62/uncovered/counties-without-leader").then()
                .statusCode(400).body("errors[0].field", equalTo("page")).body("errors[0].rule", equalTo("min"));
        given().queryParam("page", "abc").when().get("/api/v1/regions/62/uncovered/cadres-without-households").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("page")).body("errors[0].rule", equalTo("param.type"))
                .body("errors[0].message", equalTo("page must be an integer, not 'abc'"));
    }

    @Test
    void openApiDocumentsTheListsAndTheNewFigures() {
        JsonPath doc = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, String> operations = Map.of(
                "counties-without-leader", "listCountiesWithoutLeader",
                "villages-without-unit", "listVillagesWithoutUnit",
                "households-without-cadre", "listHouseholdsWithoutCadre",
                "units-below-required", "listUnitsBelowRequired",
                "cadres-below-minimum", "listCadresBelowMinimum",
                "cadres-without-households", "listCadresWithoutHouseholds");
        for (Map.Entry<String, String> e : operations.entrySet()) {
            String op = "paths.'/api/v1/regions/{code}/uncovered/" + e.getKey() + "'.get";
            assertEquals(e.getValue(), doc.getString(op + ".operationId"));
            assertEquals(List.of("Coverage"), doc.getList(op + ".tags"));
            for (String status : List.of("400", "404")) {
                assertEquals("#/components/schemas/Problem",
                        doc.getString(op + ".responses.'" + status + "'.content.'application/problem+json'.schema.$ref"));
            }
        }
        assertEquals(null, doc.getMap("paths.'/api/v1/regions/{code}/uncovered/{kind}'"));
        assertEquals("#/components/schemas/TargetFigures",
                doc.getString("components.schemas.RegionCoverage.properties.targets.$ref"));
        assertEquals("#/components/schemas/ParticipantFigures",
                doc.getString("components.schemas.RegionCoverage.properties.participants.$ref"));
        assertEquals("#/components/schemas/UncoveredHousehold",
                doc.getString("components.schemas.UncoveredHouseholdPage.properties.items.items.$ref"));
        // every new field is described and has an example in the schema
        Map<String, List<String>> fields = Map.of("TargetFigures", TARGET_KEYS, "ParticipantFigures", PARTICIPANT_KEYS,
                "UncoveredCadre", List.of("id", "name", "rank", "unitId", "unitName", "unitRegionCode", "unitRegionName",
                        "minimumHouseholds", "pairedHouseholds"),
                "UncoveredHousehold", List.of("id", "headName", "status", "memberCount", "draftPairings", "villageCode",
                        "villageName", "townshipName", "countyName"));
        for (Map.Entry<String, List<String>> e : fields.entrySet()) {
            for (String field : e.getValue()) {
                String property = "components.schemas." + e.getKey() + ".properties." + field;
                assertTrue(doc.getString(property + ".description").length() > 5, property);
                assertTrue(doc.get(property + ".example") != null || doc.get(property + ".examples") != null,
                        property + ": " + doc.get(property));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers: figures and lists over REST
    // ---------------------------------------------------------------------------------------------

    private static ValidatableResponse coverage(String code) {
        return given().when().get("/api/v1/regions/{code}/coverage", code).then();
    }

    private static ValidatableResponse uncovered(String code, String kind, int page, int size) {
        return given().queryParam("page", page).queryParam("size", size).when()
                .get("/api/v1/regions/{code}/uncovered/{kind}", code, kind).then().statusCode(200);
    }

    private static void assertTotal(String code, String kind, int figure) {
        JsonPath list = uncovered(code, kind, 0, 500).extract().jsonPath();
        assertEquals(figure, list.getInt("total"), code + " " + kind + ": total vs figure");
        assertEquals(Math.min(figure, 500), list.getList("items").size(), code + " " + kind + ": rows");
    }

    private static Set<UUID> ids(ValidatableResponse list) {
        Set<UUID> ids = new HashSet<>();
        for (String id : list.extract().jsonPath().getList("items.id", String.class)) {
            ids.add(UUID.fromString(id));
        }
        return ids;
    }

    private static Map<String, Object> row(ValidatableResponse list, UUID id) {
        List<Map<String, Object>> items = list.extract().jsonPath().getList("items");
        return items.stream().filter(i -> id.toString().equals(i.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not listed in " + items));
    }

    /** The figures of one side under a region (zeros if reporting does not know the region yet). */
    private static Map<String, Integer> figures(String code, String side, List<String> keys) {
        Map<String, Integer> zeros = new LinkedHashMap<>();
        keys.forEach(k -> zeros.put(k, 0));
        var response = coverage(code).extract();
        if (response.statusCode() == 404) {
            return zeros;
        }
        Map<String, Integer> figures = response.jsonPath().getMap(side);
        return figures;
    }

    private static void awaitFigures(String code, Map<String, Integer> targets, Map<String, Integer> participants) {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath body = coverage(code).statusCode(200).extract().jsonPath();
            assertEquals(targets, body.getMap("targets"), code + " targets");
            assertEquals(participants, body.getMap("participants"), code + " participants");
        });
    }

    private static Map<String, Integer> targets(int countiesWithoutLeader, int villagesWithoutUnit, int toCover,
            int covered, int withoutCadre, int leaderLinks, int villageLinks, int pairings) {
        return zip(TARGET_KEYS, countiesWithoutLeader, villagesWithoutUnit, toCover, covered, withoutCadre,
                leaderLinks, villageLinks, pairings);
    }

    private static Map<String, Integer> participants(int units, int unitsBelow, int cadres, int cadresBelow,
            int cadresWithout) {
        return zip(PARTICIPANT_KEYS, units, unitsBelow, cadres, cadresBelow, cadresWithout);
    }

    private static Map<String, Integer> zip(List<String> keys, int... values) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            m.put(keys.get(i), values[i]);
        }
        return m;
    }

    private static Map<String, Integer> plus(Map<String, Integer> a, Map<String, Integer> b) {
        Map<String, Integer> m = new LinkedHashMap<>();
        b.forEach((k, v) -> m.put(k, a.getOrDefault(k, 0) + v));
        return m;
    }

    /** Sum over the four pairing topics of counter lianhu.reporting.events{outcome} from /q/metrics. */
    private static double metricSum(String outcome) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("lianhu_reporting_events_total\\{([^}]*)\\} (\\S+)").matcher(body);
        double total = 0;
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains("outcome=\"" + outcome + "\"")
                    && PAIRING_TOPICS.stream().anyMatch(t -> labels.contains("topic=\"" + t + "\""))) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    // ---------------------------------------------------------------------------------------------
    // Events of a chosen type and version (the common ones come from ReportingEvents)
    // ---------------------------------------------------------------------------------------------

    private void unitEvent(UUID id, String type, String name, String level, String region, int activeCadres,
            int required, long version) {
        events.unit(type, new UnitData(id.toString(), name, level, "PARTY_GOVERNMENT", region, null, activeCadres,
                required, false, version));
    }

    private void cadreEvent(UUID id, String type, UUID unit, String name, String rank, String status, int minimum,
            long version) {
        events.cadre(type, new CadreData(id.toString(), name, "622921********0011", unit.toString(), rank, status,
                minimum, version));
    }
}
