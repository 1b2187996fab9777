package cn.gansu.lianhu.reporting.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The shape of an export (issue 5 point 4): columns with an English and a Chinese header and a cell kind, and the
 * cells of each row. Lists have one column per field a county office acts on; a report that is one object becomes
 * a two-column table of figure and value ({@link #figures()}). Reporting holds no ID numbers (身份证号) and no phone
 * numbers, so no column can carry one.
 */
public final class ExportTable {
    private ExportTable() {
    }

    /** How a cell is written: text (formula-neutralised), whole number, yuan (2 decimals), decimal, date. */
    public enum Kind {
        TEXT, INTEGER, YUAN, DECIMAL, DATE
    }

    /** One cell: its kind and value (null: an empty cell). */
    public record Cell(Kind kind, Object value) {
        public static Cell text(Object v) {
            return new Cell(Kind.TEXT, v == null ? null : v.toString());
        }

        public static Cell integer(long v) {
            return new Cell(Kind.INTEGER, v);
        }

        public static Cell yuan(BigDecimal v) {
            return new Cell(Kind.YUAN, v == null ? null : v.setScale(2, RoundingMode.HALF_UP));
        }

        public static Cell decimal(Number v) {
            return new Cell(Kind.DECIMAL, v);
        }

        public static Cell date(LocalDate v) {
            return new Cell(Kind.DATE, v);
        }
    }

    /**
     * A column of a list.
     *
     * @param en    English header
     * @param zh    Chinese header (headers=zh)
     * @param value the cell of a row
     */
    public record Column<T>(String en, String zh, Function<T, Cell> value) {
        public String header(boolean chinese) {
            return chinese ? zh : en;
        }
    }

    /** A figure of a one-object report: label in both languages, and its cell. */
    public record Figure(String en, String zh, Cell value) {
    }

    /** The two columns of a one-object report, labels in the language of the headers. */
    public static List<Column<Figure>> figures(boolean chinese) {
        return List.of(new Column<>("Figure", "指标", f -> Cell.text(chinese ? f.zh : f.en)),
                new Column<>("Value", "数值", Figure::value));
    }

    // --- the lists ---------------------------------------------------------------------------------------------

    public static final List<Column<Uncovered.County>> COUNTIES = List.of(
            new Column<>("County code", "县代码", r -> Cell.text(r.code())),
            new Column<>("County", "县", r -> Cell.text(r.name())),
            new Column<>("Prefecture code", "市州代码", r -> Cell.text(r.prefectureCode())),
            new Column<>("Prefecture", "市州", r -> Cell.text(r.prefectureName())),
            new Column<>("Poor villages", "贫困村数", r -> Cell.integer(r.poorVillages())));

    public static final List<Column<Uncovered.Village>> VILLAGES = List.of(
            new Column<>("Village code", "村代码", r -> Cell.text(r.code())),
            new Column<>("Village", "村", r -> Cell.text(r.name())),
            new Column<>("Township", "乡镇", r -> Cell.text(r.townshipName())),
            new Column<>("County code", "县代码", r -> Cell.text(r.countyCode())),
            new Column<>("County", "县", r -> Cell.text(r.countyName())),
            new Column<>("Households to cover", "应联系户数", r -> Cell.integer(r.householdsToCover())));

    public static final List<Column<Uncovered.Household>> HOUSEHOLDS = List.of(
            new Column<>("Head of household", "户主", r -> Cell.text(r.headName())),
            new Column<>("Status", "贫困状态", r -> Cell.text(r.status())),
            new Column<>("Members", "家庭人口", r -> Cell.integer(r.memberCount())),
            new Column<>("Draft pairings", "待确认结对数", r -> Cell.integer(r.draftPairings())),
            new Column<>("Village code", "村代码", r -> Cell.text(r.villageCode())),
            new Column<>("Village", "村", r -> Cell.text(r.villageName())),
            new Column<>("Township", "乡镇", r -> Cell.text(r.townshipName())),
            new Column<>("County", "县", r -> Cell.text(r.countyName())),
            new Column<>("Household id", "户编号", r -> Cell.text(r.id())));

    public static final List<Column<Uncovered.Unit>> UNITS = List.of(
            new Column<>("Unit", "单位", r -> Cell.text(r.name())),
            new Column<>("Level", "层级", r -> Cell.text(r.level())),
            new Column<>("Region code", "所在地区代码", r -> Cell.text(r.regionCode())),
            new Column<>("Region", "所在地区", r -> Cell.text(r.regionName())),
            new Column<>("Active cadres", "在岗干部数", r -> Cell.integer(r.activeCadres())),
            new Column<>("Required villages", "应联村数", r -> Cell.integer(r.requiredVillages())),
            new Column<>("Linked villages", "已联村数", r -> Cell.integer(r.linkedVillages())),
            new Column<>("Unit id", "单位编号", r -> Cell.text(r.id())));

    public static final List<Column<Uncovered.Cadre>> CADRES = List.of(
            new Column<>("Cadre", "干部", r -> Cell.text(r.name())),
            new Column<>("Rank", "职级", r -> Cell.text(r.rank())),
            new Column<>("Unit", "单位", r -> Cell.text(r.unitName())),
            new Column<>("Unit region code", "单位地区代码", r -> Cell.text(r.unitRegionCode())),
            new Column<>("Unit region", "单位地区", r -> Cell.text(r.unitRegionName())),
            new Column<>("Minimum households", "最少联户数", r -> Cell.integer(r.minimumHouseholds())),
            new Column<>("Paired households", "已联户数", r -> Cell.integer(r.pairedHouseholds())),
            new Column<>("Cadre id", "干部编号", r -> Cell.text(r.id())),
            new Column<>("Unit id", "单位编号", r -> Cell.text(r.unitId())));

    public static final List<Column<OverduePairing>> OVERDUE = List.of(
            new Column<>("Cadre", "干部", r -> Cell.text(r.cadreName())),
            new Column<>("Unit", "单位", r -> Cell.text(r.unitName())),
            new Column<>("Head of household (masked)", "户主（脱敏）", r -> Cell.text(r.householdHead())),
            new Column<>("Household status", "贫困状态", r -> Cell.text(r.householdStatus())),
            new Column<>("Village code", "村代码", r -> Cell.text(r.villageCode())),
            new Column<>("Pairing started", "结对日期", r -> Cell.date(r.startedOn())),
            new Column<>("Last in-person visit", "最近入户日期", r -> Cell.date(r.lastInPersonOn())),
            new Column<>("Days since", "未走访天数", r -> Cell.integer(r.daysSinceLastVisit())),
            new Column<>("Window (days)", "规定天数", r -> Cell.integer(r.windowDays())),
            new Column<>("Pairing id", "结对编号", r -> Cell.text(r.pairingId())));

    /**
     * A ranking of the assessment (issue 5 point 1): rank, name, id (cadre, unit) or region code, score, then each
     * part's value and points (empty when the part has no value).
     *
     * @param regions true for a ranking of regions (the id column is the region code)
     */
    public static List<Column<Assessment.Item>> assessment(boolean regions) {
        List<Column<Assessment.Item>> c = new ArrayList<>();
        c.add(new Column<>("Rank", "排名", r -> Cell.integer(r.rank())));
        c.add(regions ? new Column<>("Region", "地区", r -> Cell.text(r.subject().name()))
                : new Column<>("Name", "名称", r -> Cell.text(r.subject().name())));
        c.add(regions ? new Column<>("Region code", "地区代码", r -> Cell.text(r.subject().id()))
                : new Column<>("Id", "编号", r -> Cell.text(r.subject().id())));
        c.add(new Column<>("Score", "综合得分", r -> Cell.decimal(r.score())));
        String[][] names = { { "coverage", "Coverage", "全覆盖" }, { "continuity", "Continuity", "联系不断" },
                { "tasks", "Tasks", "六项任务" }, { "demandsOnTime", "Demands on time", "诉求按期办结" },
                { "lifted", "Lifted", "脱贫" }, { "noRelapse", "No relapse", "未返贫" } };
        for (String[] n : names) {
            c.add(new Column<>(n[1] + " value", n[2] + "得分率", r -> Cell.decimal(r.parts().of(n[0]).value())));
            c.add(new Column<>(n[1] + " points", n[2] + "得分", r -> Cell.decimal(r.parts().of(n[0]).points())));
        }
        return List.copyOf(c);
    }

    // --- the one-object reports and their rows in the drill-down lists ----------------------------------------
    //
    // One definition per report: the figure rows of the one-object file (coverage, visit figures) and the columns of
    // the lists whose rows carry the same object (children, units, cadres) are both made from the columns below, so
    // the labels cannot drift apart.

    /** Coverage figures (RegionCoverage) in the order of the JSON, without asOf. */
    public static final List<Column<RegionCoverage>> COVERAGE_FIGURES = List.of(
            new Column<>("Region code", "地区代码", c -> Cell.text(c.code())),
            new Column<>("Region", "地区", c -> Cell.text(c.name())),
            new Column<>("Level", "层级", c -> Cell.text(c.level())),
            new Column<>("Poor counties", "贫困县数", c -> Cell.integer(c.poorCounties())),
            new Column<>("Poor villages", "贫困村数", c -> Cell.integer(c.poorVillages())),
            new Column<>("Households", "特困户数", c -> Cell.integer(c.households().total())),
            new Column<>("Households in poverty", "贫困户数", c -> Cell.integer(c.households().inPoverty())),
            new Column<>("Households lifted", "脱贫户数", c -> Cell.integer(c.households().lifted())),
            new Column<>("Households relapsed", "返贫户数", c -> Cell.integer(c.households().relapsed())),
            new Column<>("Members", "人口数", c -> Cell.integer(c.members())),
            new Column<>("Poor counties without leader", "未联系省级领导的贫困县",
                    c -> Cell.integer(c.targets().poorCountiesWithoutLeader())),
            new Column<>("Poor villages without unit", "未联系单位的贫困村",
                    c -> Cell.integer(c.targets().poorVillagesWithoutUnit())),
            new Column<>("Households to cover", "应联系户数", c -> Cell.integer(c.targets().householdsToCover())),
            new Column<>("Households covered", "已联系户数", c -> Cell.integer(c.targets().householdsCovered())),
            new Column<>("Households without cadre", "未联系干部的户数",
                    c -> Cell.integer(c.targets().householdsWithoutCadre())),
            new Column<>("Active leader links", "省级领导联县数", c -> Cell.integer(c.targets().activeLeaderLinks())),
            new Column<>("Active village links", "单位联村数", c -> Cell.integer(c.targets().activeVillageLinks())),
            new Column<>("Active pairings", "干部联户数", c -> Cell.integer(c.targets().activePairings())),
            new Column<>("Units", "单位数", c -> Cell.integer(c.participants().units())),
            new Column<>("Units below required villages", "联村数不足的单位",
                    c -> Cell.integer(c.participants().unitsBelowRequired())),
            new Column<>("Cadres", "在岗干部数", c -> Cell.integer(c.participants().cadres())),
            new Column<>("Cadres below minimum", "联户数不足的干部",
                    c -> Cell.integer(c.participants().cadresBelowMinimum())),
            new Column<>("Cadres without households", "未联户的干部",
                    c -> Cell.integer(c.participants().cadresWithoutHouseholds())));

    /** Visit figures: scope, period, visits and each mode (before the months). */
    private static final List<Column<VisitFigures>> VISITS_HEAD = List.of(
            new Column<>("Scope", "范围", v -> Cell.text(v.scope().kind())),
            new Column<>("Scope id", "范围代码", v -> Cell.text(v.scope().id())),
            new Column<>("Scope name", "名称", v -> Cell.text(v.scope().name())),
            new Column<>("From", "起始日期", v -> Cell.date(v.from())),
            new Column<>("To", "截止日期", v -> Cell.date(v.to())),
            new Column<>("Visits", "走访次数", v -> Cell.integer(v.visits().total())),
            new Column<>("Visits in person", "面对面走访次数", v -> Cell.integer(v.visits().inPerson())),
            new Column<>("Visits in home", "入户走访", v -> Cell.integer(v.visits().byMode().inHome())),
            new Column<>("Visits by phone", "电话联系", v -> Cell.integer(v.visits().byMode().byPhone())),
            new Column<>("Visits at village meeting", "村组会议", v -> Cell.integer(v.visits().byMode().villageMeeting())),
            new Column<>("Visits other", "其他方式", v -> Cell.integer(v.visits().byMode().other())));

    /** Visit figures: tasks, help and demand counts (after the months, before satisfaction). */
    private static final List<Column<VisitFigures>> VISITS_BODY = List.of(
            new Column<>("Task: policy publicity", "宣传政策", v -> Cell.integer(v.tasks().policyPublicity())),
            new Column<>("Task: public opinion", "反映民意", v -> Cell.integer(v.tasks().publicOpinion())),
            new Column<>("Task: development", "促进发展", v -> Cell.integer(v.tasks().development())),
            new Column<>("Task: emotion easing", "疏导情绪", v -> Cell.integer(v.tasks().emotionEasing())),
            new Column<>("Task: grassroots", "强基固本", v -> Cell.integer(v.tasks().grassroots())),
            new Column<>("Task: model promotion", "推广典型", v -> Cell.integer(v.tasks().modelPromotion())),
            new Column<>("Help, yuan", "帮扶金额（元）", v -> Cell.yuan(v.help().totalYuan())),
            new Column<>("People benefiting", "受益人数", v -> Cell.integer(v.help().peopleBenefiting())),
            new Column<>("Help: industry project, yuan", "产业项目（元）",
                    v -> Cell.yuan(v.help().byKind().industryProject())),
            new Column<>("Help: funds, yuan", "资金（元）", v -> Cell.yuan(v.help().byKind().funds())),
            new Column<>("Help: employment, yuan", "就业（元）", v -> Cell.yuan(v.help().byKind().employment())),
            new Column<>("Help: skills training, yuan", "技能培训（元）",
                    v -> Cell.yuan(v.help().byKind().skillsTraining())),
            new Column<>("Help: market access, yuan", "市场对接（元）", v -> Cell.yuan(v.help().byKind().marketAccess())),
            new Column<>("Help: infrastructure, yuan", "基础设施（元）",
                    v -> Cell.yuan(v.help().byKind().infrastructure())),
            new Column<>("Demands opened", "新增诉求", v -> Cell.integer(v.demands().opened())),
            new Column<>("Demands resolved", "已解决诉求", v -> Cell.integer(v.demands().resolved())),
            new Column<>("Demands rejected", "已驳回诉求", v -> Cell.integer(v.demands().rejected())),
            new Column<>("Demands open", "未办结诉求", v -> Cell.integer(v.demands().open())),
            new Column<>("Demands overdue", "超期诉求", v -> Cell.integer(v.demands().overdue())),
            new Column<>("Median days to resolve", "办结天数中位数",
                    v -> Cell.decimal(v.demands().medianResolutionDays())));

    /** Visit figures: satisfaction of the demands closed (absent from the JSON when none; empty cells then). */
    private static final List<Column<VisitFigures>> VISITS_SATISFACTION = List.of(
            new Column<>("Satisfied", "满意", v -> satisfaction(v, VisitFigures.Satisfaction::satisfied)),
            new Column<>("Basically satisfied", "基本满意",
                    v -> satisfaction(v, VisitFigures.Satisfaction::basicallySatisfied)),
            new Column<>("Dissatisfied", "不满意", v -> satisfaction(v, VisitFigures.Satisfaction::dissatisfied)),
            new Column<>("Satisfaction not given", "未评价", v -> satisfaction(v, VisitFigures.Satisfaction::notGiven)));

    /** Visit figures: continuity (全年联系不断). */
    private static final List<Column<VisitFigures>> VISITS_CONTINUITY = List.of(
            new Column<>("Continuity day", "联系不断统计日", v -> Cell.date(v.continuity().day())),
            new Column<>("Window (days)", "规定天数", v -> Cell.integer(v.continuity().overdueDays())),
            new Column<>("Window lifted (days)", "脱贫户规定天数", v -> Cell.integer(v.continuity().liftedOverdueDays())),
            new Column<>("Active pairings", "在联结对数", v -> Cell.integer(v.continuity().activePairings())),
            new Column<>("Visited within window", "按期走访结对数",
                    v -> Cell.integer(v.continuity().visitedWithinWindow())),
            new Column<>("Share visited", "按期走访比例", v -> Cell.decimal(v.continuity().share())),
            new Column<>("Overdue pairings", "超期未走访结对数", v -> Cell.integer(v.continuity().overdue())));

    /** The visits of one month of the period (empty cell if the month is not in the figures' period). */
    private static Column<VisitFigures> month(String month) {
        return new Column<>("Visits " + month, month + " 走访次数", v -> v.visits().byMonth().stream()
                .filter(m -> m.month().equals(month)).findFirst().map(m -> Cell.integer(m.total()))
                .orElse(new Cell(Kind.INTEGER, null)));
    }

    private static Cell satisfaction(VisitFigures v, java.util.function.ToLongFunction<VisitFigures.Satisfaction> f) {
        VisitFigures.Satisfaction s = v.demands().satisfaction();
        return s == null ? new Cell(Kind.INTEGER, null) : Cell.integer(f.applyAsLong(s));
    }

    private static <T> void figures(List<Figure> f, List<Column<T>> columns, T row) {
        for (Column<T> c : columns) {
            f.add(new Figure(c.en(), c.zh(), c.value().apply(row)));
        }
    }

    /** Coverage figures (RegionCoverage) as figure rows, in the order of the JSON. */
    public static List<Figure> coverage(RegionCoverage c) {
        List<Figure> f = new ArrayList<>();
        figures(f, COVERAGE_FIGURES, c);
        f.add(asOf(c.asOf()));
        return f;
    }

    /** Visit figures (VisitFigures) as figure rows, in the order of the JSON; months give their totals. */
    public static List<Figure> visits(VisitFigures v) {
        List<Figure> f = new ArrayList<>();
        figures(f, VISITS_HEAD, v);
        for (VisitFigures.Month m : v.visits().byMonth()) {
            figures(f, List.of(month(m.month())), v);
        }
        figures(f, VISITS_BODY, v);
        if (v.demands().satisfaction() != null) {
            figures(f, VISITS_SATISFACTION, v);
        }
        figures(f, VISITS_CONTINUITY, v);
        f.add(asOf(v.asOf()));
        return f;
    }

    /**
     * The visit figures of a period as columns, one row per VisitFigures: the figure rows of {@link #visits} in
     * the same order, one column per month of the period, the satisfaction columns always (empty cells when the JSON
     * has none), no asOf (a list file gives it in its header).
     */
    public static List<Column<VisitFigures>> visitColumns(LocalDate from, LocalDate to) {
        List<Column<VisitFigures>> c = new ArrayList<>(VISITS_HEAD);
        if (from != null && to != null) {
            YearMonth last = YearMonth.from(to);
            for (YearMonth m = YearMonth.from(from); !m.isAfter(last) && c.size() < VISITS_HEAD.size() + 121;
                    m = m.plusMonths(1)) {
                c.add(month(m.toString()));
            }
        }
        c.addAll(VISITS_BODY);
        c.addAll(VISITS_SATISFACTION);
        c.addAll(VISITS_CONTINUITY);
        return List.copyOf(c);
    }

    /** The columns of {@code columns} on a part {@code part} of each row. */
    public static <R, T> List<Column<R>> on(Function<R, T> part, List<Column<T>> columns) {
        return columns.stream().map(c -> new Column<R>(c.en(), c.zh(), r -> c.value().apply(part.apply(r)))).toList();
    }

    /**
     * A row of a drill-down to child regions: {@code TOTAL} for the parent (the first row), {@code CHILD} for each
     * child region.
     */
    public record ChildRow<T>(String row, T figures) {
    }

    /** The columns of a drill-down to child regions: Row (TOTAL / CHILD), then the figures of each. */
    public static <T> List<Column<ChildRow<T>>> children(List<Column<T>> figures) {
        List<Column<ChildRow<T>>> c = new ArrayList<>();
        c.add(new Column<>("Row", "行", r -> Cell.text(r.row())));
        c.addAll(on(ChildRow::figures, figures));
        return List.copyOf(c);
    }

    /** Monthly series (Trends.Month): one row per month, in the order of the JSON. */
    public static final List<Column<Trends.Month>> TRENDS = List.of(
            new Column<>("Month", "月份", m -> Cell.text(m.month())),
            new Column<>("Households to cover", "应联系户数", m -> Cell.integer(m.householdsToCover())),
            new Column<>("Households covered", "已联系户数", m -> Cell.integer(m.householdsCovered())),
            new Column<>("Active pairings", "干部联户数", m -> Cell.integer(m.activePairings())),
            new Column<>("Visits", "走访次数", m -> Cell.integer(m.visits())),
            new Column<>("Visits in person", "面对面走访次数", m -> Cell.integer(m.inPersonVisits())),
            new Column<>("Demands opened", "新增诉求", m -> Cell.integer(m.demandsOpened())),
            new Column<>("Demands resolved", "已解决诉求", m -> Cell.integer(m.demandsResolved())),
            new Column<>("Help, yuan", "帮扶金额（元）", m -> Cell.yuan(m.helpYuan())),
            new Column<>("Households lifted", "脱贫户数", m -> Cell.integer(m.lifted())),
            new Column<>("Households relapsed", "返贫户数", m -> Cell.integer(m.relapsed())));

    /** Units with their figures (DrillDown.UnitRow), then their visit figures for the period. */
    public static List<Column<DrillDown.UnitRow>> units(LocalDate from, LocalDate to) {
        List<Column<DrillDown.UnitRow>> c = new ArrayList<>(List.of(
                new Column<>("Unit id", "单位编号", u -> Cell.text(u.id())),
                new Column<>("Unit", "单位", u -> Cell.text(u.name())),
                new Column<>("Level", "层级", u -> Cell.text(u.level())),
                new Column<>("Region code", "所在地区代码", u -> Cell.text(u.regionCode())),
                new Column<>("Region", "所在地区", u -> Cell.text(u.regionName())),
                new Column<>("Required villages", "应联村数", u -> Cell.integer(u.requiredVillages())),
                new Column<>("Linked villages", "已联村数", u -> Cell.integer(u.linkedVillages())),
                new Column<>("Active cadres", "在岗干部数", u -> Cell.integer(u.cadres())),
                new Column<>("Cadres below minimum", "联户数不足的干部", u -> Cell.integer(u.cadresBelowMinimum())),
                new Column<>("Cadres without households", "未联户的干部", u -> Cell.integer(u.cadresWithoutHouseholds())),
                new Column<>("Pairings made", "单位结对数", u -> Cell.integer(u.activePairings()))));
        c.addAll(on(DrillDown.UnitRow::visits, visitColumns(from, to)));
        return List.copyOf(c);
    }

    /** A unit's cadres with their figures (DrillDown.CadreRow), then their visit figures for the period. */
    public static List<Column<DrillDown.CadreRow>> cadres(LocalDate from, LocalDate to) {
        List<Column<DrillDown.CadreRow>> c = new ArrayList<>(List.of(
                new Column<>("Cadre id", "干部编号", r -> Cell.text(r.id())),
                new Column<>("Cadre", "干部", r -> Cell.text(r.name())),
                new Column<>("Rank", "职级", r -> Cell.text(r.rank())),
                new Column<>("Status", "状态", r -> Cell.text(r.status())),
                new Column<>("Minimum households", "最少联户数", r -> Cell.integer(r.minimumHouseholds())),
                new Column<>("Paired households", "已联户数", r -> Cell.integer(r.activePairings())),
                new Column<>("Below minimum", "联户数不足", r -> Cell.text(r.belowMinimum()))));
        c.addAll(on(DrillDown.CadreRow::visits, visitColumns(from, to)));
        return List.copyOf(c);
    }

    /** The last figure row of a one-object report: as of which event time (UTC) its figures are. */
    private static Figure asOf(OffsetDateTime t) {
        return new Figure("As of (UTC)", "数据截至（UTC）", Cell.text(t == null ? null : t.toString()));
    }
}
