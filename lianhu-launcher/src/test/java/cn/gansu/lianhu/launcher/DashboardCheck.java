package cn.gansu.lianhu.launcher;

import static cn.gansu.lianhu.launcher.SuiteClients.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

import cn.gansu.lianhu.client.reporting.ApiException;
import cn.gansu.lianhu.client.reporting.model.AssessmentItem;
import cn.gansu.lianhu.client.reporting.model.AssessmentPart;
import cn.gansu.lianhu.client.reporting.model.AssessmentRanking;
import cn.gansu.lianhu.client.reporting.model.ContinuityFigures;
import cn.gansu.lianhu.client.reporting.model.CoverageChildren;
import cn.gansu.lianhu.client.reporting.model.OverduePairingPage;
import cn.gansu.lianhu.client.reporting.model.RegionCoverage;
import cn.gansu.lianhu.client.reporting.model.RegionTrends;
import cn.gansu.lianhu.client.reporting.model.TargetFigures;
import cn.gansu.lianhu.client.reporting.model.TrendsMonth;
import cn.gansu.lianhu.client.reporting.model.UnitFigures;
import cn.gansu.lianhu.client.reporting.model.UnitFiguresPage;
import cn.gansu.lianhu.client.reporting.model.VisitChildren;
import cn.gansu.lianhu.client.reporting.model.VisitFigures;
import cn.gansu.lianhu.launcher.HeadlessChromium.Page;

/**
 * Checks one page of the dashboard (reporting-service {@code /dashboard/?region=…}) as headless Chromium left it:
 * every figure on it must be the figure reporting's JSON API gives for the same region and period (read here with
 * reporting's generated client, {@link SuiteClients}), formatted as the page formats it (zh-CN: thousands separators, shares as % with one decimal, yuan
 * with two decimals), and equal to what the seeded data makes it ({@link Seeded}).
 */
final class DashboardCheck {

    /** Figures the end-to-end data makes at every level from the village up to 62 (all of it is in that village). */
    record Seeded(long householdsToCover, long householdsCovered, long activePairings, long visits, long inPerson,
            String helpYuan, long peopleBenefiting, long demandsOpen, long demandsOverdue, long visitedWithinWindow,
            long overduePairings) {
    }

    private final SuiteClients api;
    private final Instant asOfBefore;
    private final Seeded seeded;

    /**
     * @param api        the generated clients (reporting's is used)
     * @param asOfBefore reporting's asOf read before the pages were loaded: each page's must not be older
     * @param seeded     figures the seeded data makes
     */
    DashboardCheck(SuiteClients api, Instant asOfBefore, Seeded seeded) {
        this.api = api;
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

        CoverageChildren coverage = ok(() -> api.drillDown().getChildRegionCoverage(code, null, null));
        VisitChildren visits = ok(() -> api.drillDown().getChildRegionVisitFigures(code, null, null, null, null));
        RegionCoverage region = coverage.getRegion();
        VisitFigures figures = visits.getRegion();
        String where = page.url() + ": ";

        assertEquals(region.getCode(), text(dom, "region-code"), where + "region code");
        assertEquals(region.getName(), text(dom, "region-name"), where + "region name");
        assertEquals(region.getCode(), body.attr("data-region"), where + "body data-region");

        // figures at a glance: the API's, and what the seeded data makes them
        TargetFigures t = region.getTargets();
        Map<String, String> kpis = new java.util.LinkedHashMap<>();
        kpis.put("kpi-households-to-cover", num(t.getHouseholdsToCover()));
        kpis.put("kpi-households-covered", num(t.getHouseholdsCovered()));
        kpis.put("kpi-coverage-share", share(t.getHouseholdsCovered(), t.getHouseholdsToCover()));
        kpis.put("kpi-households-without-cadre", num(t.getHouseholdsWithoutCadre()));
        kpis.put("kpi-active-pairings", num(t.getActivePairings()));
        kpis.put("kpi-villages-without-unit", num(t.getPoorVillagesWithoutUnit()));
        kpis.put("kpi-poor-villages", num(region.getPoorVillages()));
        kpis.put("kpi-households-lifted", num(region.getHouseholds().getLifted()));
        kpis.put("kpi-visits", num(figures.getVisits().getTotal()));
        kpis.put("kpi-in-person", num(figures.getVisits().getInPerson()));
        kpis.put("kpi-help-yuan", yuan(figures.getHelp().getTotalYuan()));
        kpis.put("kpi-people-benefiting", num(figures.getHelp().getPeopleBenefiting()));
        kpis.put("kpi-demands-open", num(figures.getDemands().getOpen()));
        kpis.put("kpi-demands-overdue", num(figures.getDemands().getOverdue()));
        ContinuityFigures c = figures.getContinuity();
        kpis.put("kpi-visited-within-window", num(c.getVisitedWithinWindow()));
        kpis.put("kpi-continuity-share", share(c.getVisitedWithinWindow(), c.getActivePairings()));
        kpis.put("kpi-overdue-pairings", num(c.getOverdue()));
        kpis.put("kpi-overdue-window", num(c.getOverdueDays().longValue()));
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
        assertEquals("统计期 " + figures.getFrom() + " 至 " + figures.getTo(),
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
        Map<String, VisitFigures> visitsByCode = new java.util.HashMap<>();
        visits.getChildren().forEach(v -> visitsByCode.put(v.getScope().getId(), v));
        List<RegionCoverage> children = coverage.getChildren();
        Elements rows = dom.select("#children-table tbody tr");
        assertEquals(children.size(), rows.size(), where + "child rows");
        String childLink = null;
        for (RegionCoverage child : children) {
            String code12 = child.getCode();
            Element row = dom.selectFirst("#children-table tr[data-code=" + code12 + "]");
            assertNotNull(row, where + "no row for child " + code12);
            TargetFigures ct = child.getTargets();
            VisitFigures cv = visitsByCode.get(code12);
            assertNotNull(cv, where + "no visit figures for child " + code12);
            assertEquals(List.of(code12, child.getName(), num(child.getPoorVillages()),
                    num(ct.getHouseholdsToCover()), num(ct.getHouseholdsCovered()),
                    share(ct.getHouseholdsCovered(), ct.getHouseholdsToCover()),
                    num(ct.getPoorVillagesWithoutUnit()), num(cv.getVisits().getTotal()),
                    num(cv.getDemands().getOpen()), num(cv.getContinuity().getOverdue())),
                    row.select("td").eachText(), where + "row of " + code12);
            // every child drills to its own page
            Element a = row.selectFirst("td.name a[href]");
            assertNotNull(a, where + "child " + code12 + " is not a link");
            assertEquals("/dashboard/?region=" + shortCode(code12, child.getLevel()), a.attr("href"),
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
        RegionTrends trends = ok(() -> api.drillDown().getRegionTrends(code, null, null, null, null));
        List<TrendsMonth> months = trends.getMonths();
        Elements monthRows = dom.select("#trends-table tbody tr");
        assertEquals(months.size(), monthRows.size(), where + "months");
        for (int i = 0; i < months.size(); i++) {
            TrendsMonth m = months.get(i);
            assertEquals(List.of(m.getMonth(), num(m.getVisits()), num(m.getInPersonVisits()),
                    num(m.getDemandsOpened()), num(m.getDemandsResolved()), yuan(m.getHelpYuan()),
                    num(m.getLifted()), num(m.getRelapsed()), num(m.getHouseholdsCovered())),
                    monthRows.get(i).select("td").eachText(), where + "month " + m.getMonth());
        }
        List<String> current = monthRows.last().select("td").eachText();
        assertEquals(List.of(num(seeded.visits()), num(seeded.inPerson()), seeded.helpYuan()),
                List.of(current.get(1), current.get(2), current.get(5)), where + "seeded current month");
        assertChart(dom, "chart-trends", where);

        // overdue pairings
        OverduePairingPage overdue = ok(() -> api.visitFigures().listOverduePairings(code, null, null, null, null, 20,
                null));
        assertEquals(num(overdue.getTotal()), text(dom, "overdue-total"), where + "overdue total");
        assertEquals(overdue.getItems().size(), dom.select("#overdue-table tbody tr").size(), where + "overdue rows");
        assertEquals(overdue.getItems().isEmpty(), !dom.getElementById("overdue-empty").hasAttr("hidden"),
                where + "overdue empty shown");

        // assessment ranking of the child regions: 暂无 while reporting has no assessment for the region (an error
        // answer)
        AssessmentRanking assessment;
        try {
            assessment = api.assessment().rankRegionChildren(code, null, null, null, null, null, null);
        } catch (ApiException e) {
            System.out.printf("assessment of %s: %d %s%n", code, e.getCode(), e.getResponseBody());
            assessment = null;
        }
        Elements ranked = dom.select("#assessment-table tbody tr");
        if (assessment == null) {
            assertEquals(0, ranked.size(), where + "assessment rows without an assessment API");
            assertTrue(dom.getElementById("chart-assessment").hasAttr("hidden"), where + "score chart hidden");
            assertFalse(dom.getElementById("assessment-empty").hasAttr("hidden"), where + "暂无 shown");
            assertEquals("暂无", text(dom, "assessment-empty"), where + "assessment 暂无");
        } else {
            List<AssessmentItem> items = assessment.getItems();
            assertEquals(items.size(), ranked.size(), where + "assessment rows");
            boolean scored = false;
            for (AssessmentItem item : items) {
                scored |= item.getScore() != null;
            }
            if (scored) {
                assertChart(dom, "chart-assessment", where);
            } else {
                assertTrue(dom.getElementById("chart-assessment").hasAttr("hidden"), where + "score chart hidden");
            }
            for (int i = 0; i < items.size(); i++) {
                AssessmentItem item = items.get(i);
                List<String> cells = ranked.get(i).select("td").eachText();
                String score = item.getScore() == null ? "—"
                        : item.getScore().setScale(1, RoundingMode.HALF_UP).toPlainString();
                List<String> expected = new ArrayList<>(List.of(num(item.getRank().longValue()),
                        item.getSubject().getName(), score));
                var parts = item.getParts();
                for (AssessmentPart part : java.util.Arrays.asList(parts.getCoverage(), parts.getContinuity(),
                        parts.getTasks(), parts.getDemandsOnTime(), parts.getLifted(), parts.getNoRelapse())) {
                    BigDecimal value = part == null ? null : part.getValue();
                    expected.add(value != null ? percent(value.doubleValue()) : "—");
                }
                assertEquals(expected, cells, where + "assessment row " + i);
            }
        }

        // units under the region
        UnitFiguresPage units = ok(() -> api.drillDown().listRegionUnitFigures(code, null, null, null, null, null, 20,
                null));
        assertEquals(num(units.getTotal()), text(dom, "units-total"), where + "units total");
        List<String> unitNames = units.getItems().stream().map(UnitFigures::getName).toList();
        assertEquals(unitNames, dom.select("#units-table tbody tr td:first-child").eachText(), where + "units");

        // downloads and every other link: paths of this service only (the page works offline)
        Elements downloads = dom.select("#downloads a[href]");
        assertEquals(14, downloads.size(), where + "download links");
        String apiRegion = "/api/v1/regions/" + shortCode(region.getCode(), region.getLevel())
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

    private static String text(Document dom, String id) {
        Element e = dom.getElementById(id);
        assertNotNull(e, "no #" + id);
        return e.text();
    }

    /** The page's number format: zh-CN grouping, e.g. 8,789. */
    static String num(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    static String num(Long n) {
        assertNotNull(n, "a figure is missing");
        return num(n.longValue());
    }

    /** Yuan with two decimals and grouping, e.g. 6,200.50. */
    static String yuan(BigDecimal n) {
        assertNotNull(n, "an amount is missing");
        return String.format(Locale.ROOT, "%,.2f", n);
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

    static String share(Long part, Long whole) {
        assertNotNull(part, "a figure is missing");
        assertNotNull(whole, "a figure is missing");
        return share(part.longValue(), whole.longValue());
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
