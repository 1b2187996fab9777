package cn.gansu.lianhu.launcher;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.launcher.HeadlessChromium.Page;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Checks one page of the dashboard (reporting-service {@code /dashboard/?region=…}) as headless Chromium left it:
 * every figure on it must be the figure reporting's JSON API gives for the same region and period (read here with
 * REST Assured), formatted as the page formats it (zh-CN: thousands separators, shares as % with one decimal, yuan
 * with two decimals), and equal to what the seeded data makes it ({@link Seeded}).
 */
final class DashboardCheck {

    /** Figures the end-to-end data makes at every level from the village up to 62 (all of it is in that village). */
    record Seeded(long householdsToCover, long householdsCovered, long activePairings, long visits, long inPerson,
            String helpYuan, long peopleBenefiting, long demandsOpen, long demandsOverdue, long visitedWithinWindow,
            long overduePairings) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String reporting;
    private final Instant asOfBefore;
    private final Seeded seeded;

    /**
     * @param reporting  base URL of reporting-service
     * @param asOfBefore reporting's asOf read before the pages were loaded: each page's must not be older
     * @param seeded     figures the seeded data makes
     */
    DashboardCheck(String reporting, Instant asOfBefore, Seeded seeded) {
        this.reporting = reporting;
        this.asOfBefore = asOfBefore;
        this.seeded = seeded;
    }

    /**
     * Asserts the page of {@code code} (short form) shows the region's figures, its children, the monthly series,
     * the overdue pairings, the assessment ranking (or 暂无 while reporting has none), the units, the breadcrumb
     * {@code crumbs} (names from 62 down to the region) and only links of this service.
     *
     * @return the page's link to {@code childCode} (12 digits) in its child-region table, or null if childCode is null
     */
    String assertPage(Page page, String code, List<String> crumbs, String childCode) {
        Document dom = page.dom();
        Element body = dom.body();
        assertEquals("ready", body.attr("data-state"), () -> page.url() + " did not finish: "
                + dom.getElementById("error") + "\n" + body.text());
        assertTrue(dom.getElementById("error").hasAttr("hidden"), () -> "error shown: " + dom.getElementById("error"));

        JsonNode coverage = json("/api/v1/regions/" + code + "/children/coverage");
        JsonNode visits = json("/api/v1/regions/" + code + "/children/visits");
        JsonNode region = coverage.path("region");
        JsonNode figures = visits.path("region");
        String where = page.url() + ": ";

        assertEquals(region.path("code").asText(), text(dom, "region-code"), where + "region code");
        assertEquals(region.path("name").asText(), text(dom, "region-name"), where + "region name");
        assertEquals(region.path("code").asText(), body.attr("data-region"), where + "body data-region");

        // figures at a glance: the API's, and what the seeded data makes them
        JsonNode t = region.path("targets");
        Map<String, String> kpis = new java.util.LinkedHashMap<>();
        kpis.put("kpi-households-to-cover", num(t.path("householdsToCover")));
        kpis.put("kpi-households-covered", num(t.path("householdsCovered")));
        kpis.put("kpi-coverage-share", share(t.path("householdsCovered"), t.path("householdsToCover")));
        kpis.put("kpi-households-without-cadre", num(t.path("householdsWithoutCadre")));
        kpis.put("kpi-active-pairings", num(t.path("activePairings")));
        kpis.put("kpi-villages-without-unit", num(t.path("poorVillagesWithoutUnit")));
        kpis.put("kpi-poor-villages", num(region.path("poorVillages")));
        kpis.put("kpi-households-lifted", num(region.path("households").path("lifted")));
        kpis.put("kpi-visits", num(figures.path("visits").path("total")));
        kpis.put("kpi-in-person", num(figures.path("visits").path("inPerson")));
        kpis.put("kpi-help-yuan", yuan(figures.path("help").path("totalYuan")));
        kpis.put("kpi-people-benefiting", num(figures.path("help").path("peopleBenefiting")));
        kpis.put("kpi-demands-open", num(figures.path("demands").path("open")));
        kpis.put("kpi-demands-overdue", num(figures.path("demands").path("overdue")));
        JsonNode c = figures.path("continuity");
        kpis.put("kpi-visited-within-window", num(c.path("visitedWithinWindow")));
        kpis.put("kpi-continuity-share", share(c.path("visitedWithinWindow"), c.path("activePairings")));
        kpis.put("kpi-overdue-pairings", num(c.path("overdue")));
        kpis.put("kpi-overdue-window", num(c.path("overdueDays")));
        kpis.forEach((id, expected) -> assertEquals(expected, text(dom, id), where + "#" + id));

        assertEquals(num(seeded.householdsToCover()), text(dom, "kpi-households-to-cover"), where + "seeded to cover");
        assertEquals(num(seeded.householdsCovered()), text(dom, "kpi-households-covered"), where + "seeded covered");
        assertEquals(share(seeded.householdsCovered(), seeded.householdsToCover()), text(dom, "kpi-coverage-share"),
                where + "seeded coverage share");
        assertEquals(num(seeded.activePairings()), text(dom, "kpi-active-pairings"), where + "seeded pairings");
        assertEquals(num(seeded.visits()), text(dom, "kpi-visits"), where + "seeded visits");
        assertEquals(num(seeded.inPerson()), text(dom, "kpi-in-person"), where + "seeded in person");
        assertEquals(seeded.helpYuan(), text(dom, "kpi-help-yuan"), where + "seeded help");
        assertEquals(num(seeded.peopleBenefiting()), text(dom, "kpi-people-benefiting"), where + "seeded people");
        assertEquals(num(seeded.demandsOpen()), text(dom, "kpi-demands-open"), where + "seeded open demands");
        assertEquals(num(seeded.demandsOverdue()), text(dom, "kpi-demands-overdue"), where + "seeded overdue demands");
        assertEquals(num(seeded.visitedWithinWindow()), text(dom, "kpi-visited-within-window"), where + "seeded window");
        assertEquals(share(seeded.visitedWithinWindow(), seeded.activePairings()), text(dom, "kpi-continuity-share"),
                where + "seeded continuity share");
        assertEquals(num(seeded.overduePairings()), text(dom, "kpi-overdue-pairings"), where + "seeded overdue");

        // freshness and period
        Element asOf = dom.getElementById("as-of");
        assertTrue(asOf.text().startsWith("数据截至 ") && asOf.text().endsWith("（北京时间）"), where + asOf);
        Instant shown = Instant.parse(asOf.attr("data-as-of"));
        assertFalse(shown.isBefore(asOfBefore), where + "asOf " + shown + " older than " + asOfBefore);
        assertEquals("统计期 " + figures.path("from").asText() + " 至 " + figures.path("to").asText(),
                text(dom, "period-shown"), where + "period");

        // breadcrumb back up to 62
        Elements crumbItems = dom.select("#breadcrumb li");
        assertEquals(crumbs, crumbItems.eachText(), where + "breadcrumb");
        Elements crumbLinks = dom.select("#breadcrumb li a");
        assertEquals(crumbs.size() - 1, crumbLinks.size(), where + "breadcrumb links");
        if (!crumbLinks.isEmpty()) {
            assertEquals("/dashboard/?region=62", crumbLinks.first().attr("href"), where + "first crumb");
        }

        // coverage by child region (table; the chart is drawn by ECharts from the same rows)
        Map<String, JsonNode> visitsByCode = new java.util.HashMap<>();
        visits.path("children").forEach(v -> visitsByCode.put(v.path("scope").path("id").asText(), v));
        JsonNode children = coverage.path("children");
        Elements rows = dom.select("#children-table tbody tr");
        assertEquals(children.size(), rows.size(), where + "child rows");
        String childLink = null;
        for (JsonNode child : children) {
            String code12 = child.path("code").asText();
            Element row = dom.selectFirst("#children-table tr[data-code=" + code12 + "]");
            assertNotNull(row, where + "no row for child " + code12);
            JsonNode ct = child.path("targets");
            JsonNode cv = visitsByCode.get(code12);
            assertNotNull(cv, where + "no visit figures for child " + code12);
            assertEquals(List.of(code12, child.path("name").asText(), num(child.path("poorVillages")),
                    num(ct.path("householdsToCover")), num(ct.path("householdsCovered")),
                    share(ct.path("householdsCovered"), ct.path("householdsToCover")),
                    num(ct.path("poorVillagesWithoutUnit")), num(cv.path("visits").path("total")),
                    num(cv.path("demands").path("open")), num(cv.path("continuity").path("overdue"))),
                    row.select("td").eachText(), where + "row of " + code12);
            // every child drills to its own page
            Element a = row.selectFirst("td.name a[href]");
            assertNotNull(a, where + "child " + code12 + " is not a link");
            assertEquals("/dashboard/?region=" + shortCode(code12, child.path("level").asText()), a.attr("href"),
                    where + "link of " + code12);
            if (code12.equals(childCode)) {
                childLink = a.attr("href");
            }
        }
        if (childCode != null) {
            assertNotNull(childLink, where + "no row for child " + childCode);
        }
        boolean leaf = children.isEmpty();
        assertEquals(leaf, !dom.getElementById("children-empty").hasAttr("hidden"), where + "无下级区域 shown");
        assertEquals(leaf, dom.getElementById("children-table").hasAttr("hidden"), where + "child table hidden");
        if (leaf) {
            assertTrue(text(dom, "children-empty").startsWith("无下级区域"), where + "leaf text");
        } else {
            assertChart(dom, "chart-children", where);
            assertChart(dom, "chart-demands", where);
        }

        // visits per month
        JsonNode trends = json("/api/v1/regions/" + code + "/trends");
        JsonNode months = trends.path("months");
        Elements monthRows = dom.select("#trends-table tbody tr");
        assertEquals(months.size(), monthRows.size(), where + "months");
        for (int i = 0; i < months.size(); i++) {
            JsonNode m = months.get(i);
            assertEquals(List.of(m.path("month").asText(), num(m.path("visits")), num(m.path("inPersonVisits")),
                    num(m.path("demandsOpened")), num(m.path("demandsResolved")), yuan(m.path("helpYuan")),
                    num(m.path("lifted")), num(m.path("relapsed")), num(m.path("householdsCovered"))),
                    monthRows.get(i).select("td").eachText(), where + "month " + m.path("month").asText());
        }
        List<String> current = monthRows.last().select("td").eachText();
        assertEquals(List.of(num(seeded.visits()), num(seeded.inPerson()), seeded.helpYuan()),
                List.of(current.get(1), current.get(2), current.get(5)), where + "seeded current month");
        assertChart(dom, "chart-trends", where);

        // overdue pairings
        JsonNode overdue = json("/api/v1/regions/" + code + "/overdue-pairings?size=20");
        assertEquals(num(overdue.path("total")), text(dom, "overdue-total"), where + "overdue total");
        assertEquals(overdue.path("items").size(), dom.select("#overdue-table tbody tr").size(), where + "overdue rows");
        assertEquals(overdue.path("items").isEmpty(), !dom.getElementById("overdue-empty").hasAttr("hidden"),
                where + "overdue empty shown");

        // assessment ranking of the child regions: 暂无 while reporting has no assessment for the region
        Response assessment = given().baseUri(reporting).accept(ContentType.JSON)
                .when().get("/api/v1/assessment/regions/" + code + "/children");
        Elements ranked = dom.select("#assessment-table tbody tr");
        if (assessment.statusCode() != 200) {
            assertEquals(0, ranked.size(), where + "assessment rows without an assessment API");
            assertTrue(dom.getElementById("chart-assessment").hasAttr("hidden"), where + "score chart hidden");
            assertFalse(dom.getElementById("assessment-empty").hasAttr("hidden"), where + "暂无 shown");
            assertEquals("暂无", text(dom, "assessment-empty"), where + "assessment 暂无");
        } else {
            JsonNode items = read(assessment.asString()).path("items");
            assertEquals(items.size(), ranked.size(), where + "assessment rows");
            boolean scored = false;
            for (JsonNode item : items) {
                scored |= item.path("score").isNumber();
            }
            if (scored) {
                assertChart(dom, "chart-assessment", where);
            } else {
                assertTrue(dom.getElementById("chart-assessment").hasAttr("hidden"), where + "score chart hidden");
            }
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                List<String> cells = ranked.get(i).select("td").eachText();
                String score = item.path("score").isNull() ? "—"
                        : item.path("score").decimalValue().setScale(1, RoundingMode.HALF_UP).toPlainString();
                List<String> expected = new ArrayList<>(List.of(num(item.path("rank")),
                        item.path("subject").path("name").asText(), score));
                for (String part : List.of("coverage", "continuity", "tasks", "demandsOnTime", "lifted", "noRelapse")) {
                    JsonNode value = item.path("parts").path(part).path("value");
                    expected.add(value.isNumber() ? percent(value.asDouble()) : "—");
                }
                assertEquals(expected, cells, where + "assessment row " + i);
            }
        }

        // units under the region
        JsonNode units = json("/api/v1/regions/" + code + "/units?size=20");
        assertEquals(num(units.path("total")), text(dom, "units-total"), where + "units total");
        List<String> unitNames = new ArrayList<>();
        units.path("items").forEach(u -> unitNames.add(u.path("name").asText()));
        assertEquals(unitNames, dom.select("#units-table tbody tr td:first-child").eachText(), where + "units");

        // downloads and every other link: paths of this service only (the page works offline)
        Elements downloads = dom.select("#downloads a[href]");
        assertEquals(14, downloads.size(), where + "download links");
        String apiRegion = "/api/v1/regions/" + shortCode(region.path("code").asText(), region.path("level").asText())
                + "/";
        downloads.forEach(a -> assertTrue(a.attr("href").startsWith(apiRegion)
                && a.attr("href").matches(".*[?&]format=(csv|xlsx)&headers=zh$"), where + a));
        for (Element e : dom.select("[src], [href]")) {
            String ref = e.hasAttr("src") ? e.attr("src") : e.attr("href");
            assertTrue(ref.startsWith("/") && !ref.startsWith("//") || ref.startsWith("#"),
                    () -> where + "link to another origin: " + e);
        }
        return childLink;
    }

    /** ECharts drew the chart: the container carries its instance id and holds a canvas. */
    private static void assertChart(Document dom, String id, String where) {
        Element chart = dom.getElementById(id);
        assertTrue(chart.hasAttr("_echarts_instance_"), where + "#" + id + " has no ECharts instance");
        assertNotNull(chart.selectFirst("canvas"), where + "#" + id + " has no canvas");
    }

    private JsonNode json(String path) {
        return read(given().baseUri(reporting).accept(ContentType.JSON).when().get(path)
                .then().statusCode(200).extract().asString());
    }

    private static JsonNode read(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static String text(Document dom, String id) {
        Element e = dom.getElementById(id);
        assertNotNull(e, "no #" + id);
        return e.text();
    }

    /** The page's number format: zh-CN grouping, e.g. 8,789. */
    static String num(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    static String num(JsonNode n) {
        assertTrue(n.isNumber(), "not a number: " + n);
        return num(n.asLong());
    }

    /** Yuan with two decimals and grouping, e.g. 6,200.50. */
    static String yuan(JsonNode n) {
        assertTrue(n.isNumber(), "not a number: " + n);
        return String.format(Locale.ROOT, "%,.2f", n.decimalValue());
    }

    /** part / whole as the page shows it, e.g. 50.0%; — when whole is 0. */
    static String share(long part, long whole) {
        return whole == 0 ? "—" : percent((double) part / whole);
    }

    /**
     * A share as the page's Intl.NumberFormat('zh-CN', {style: 'percent'}) with one decimal shows it: the exact value
     * of the double times 100, rounded half away from zero, e.g. 0.6667 → 66.7%.
     */
    static String percent(double share) {
        return new BigDecimal(share).movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    static String share(JsonNode part, JsonNode whole) {
        return share(part.asLong(), whole.asLong());
    }

    /** The short form of a 12-digit code at its level, as the page puts it in its links: 62, 6201, 620121, … */
    static String shortCode(String code, String level) {
        return switch (level) {
        case "PROVINCE" -> code.substring(0, 2);
        case "PREFECTURE" -> code.substring(0, 4);
        case "COUNTY" -> code.substring(0, 6);
        case "TOWNSHIP" -> code.substring(0, 9);
        default -> code;
        };
    }
}
