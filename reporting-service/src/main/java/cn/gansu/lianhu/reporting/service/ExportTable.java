package cn.gansu.lianhu.reporting.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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

    // --- the one-object reports --------------------------------------------------------------------------------

    /** Coverage figures (RegionCoverage) as figure rows, in the order of the JSON. */
    public static List<Figure> coverage(RegionCoverage c) {
        List<Figure> f = new ArrayList<>();
        f.add(new Figure("Region code", "地区代码", Cell.text(c.code())));
        f.add(new Figure("Region", "地区", Cell.text(c.name())));
        f.add(new Figure("Level", "层级", Cell.text(c.level())));
        f.add(new Figure("Poor counties", "贫困县数", Cell.integer(c.poorCounties())));
        f.add(new Figure("Poor villages", "贫困村数", Cell.integer(c.poorVillages())));
        f.add(new Figure("Households", "特困户数", Cell.integer(c.households().total())));
        f.add(new Figure("Households in poverty", "贫困户数", Cell.integer(c.households().inPoverty())));
        f.add(new Figure("Households lifted", "脱贫户数", Cell.integer(c.households().lifted())));
        f.add(new Figure("Households relapsed", "返贫户数", Cell.integer(c.households().relapsed())));
        f.add(new Figure("Members", "人口数", Cell.integer(c.members())));
        RegionCoverage.TargetFigures t = c.targets();
        f.add(new Figure("Poor counties without leader", "未联系省级领导的贫困县", Cell.integer(t.poorCountiesWithoutLeader())));
        f.add(new Figure("Poor villages without unit", "未联系单位的贫困村", Cell.integer(t.poorVillagesWithoutUnit())));
        f.add(new Figure("Households to cover", "应联系户数", Cell.integer(t.householdsToCover())));
        f.add(new Figure("Households covered", "已联系户数", Cell.integer(t.householdsCovered())));
        f.add(new Figure("Households without cadre", "未联系干部的户数", Cell.integer(t.householdsWithoutCadre())));
        f.add(new Figure("Active leader links", "省级领导联县数", Cell.integer(t.activeLeaderLinks())));
        f.add(new Figure("Active village links", "单位联村数", Cell.integer(t.activeVillageLinks())));
        f.add(new Figure("Active pairings", "干部联户数", Cell.integer(t.activePairings())));
        RegionCoverage.ParticipantFigures p = c.participants();
        f.add(new Figure("Units", "单位数", Cell.integer(p.units())));
        f.add(new Figure("Units below required villages", "联村数不足的单位", Cell.integer(p.unitsBelowRequired())));
        f.add(new Figure("Cadres", "在岗干部数", Cell.integer(p.cadres())));
        f.add(new Figure("Cadres below minimum", "联户数不足的干部", Cell.integer(p.cadresBelowMinimum())));
        f.add(new Figure("Cadres without households", "未联户的干部", Cell.integer(p.cadresWithoutHouseholds())));
        f.add(new Figure("As of (UTC)", "数据截至（UTC）", Cell.text(asOf(c.asOf()))));
        return f;
    }

    /** Visit figures (VisitFigures) as figure rows, in the order of the JSON; months give their totals. */
    public static List<Figure> visits(VisitFigures v) {
        List<Figure> f = new ArrayList<>();
        f.add(new Figure("Scope", "范围", Cell.text(v.scope().kind())));
        f.add(new Figure("Scope id", "范围代码", Cell.text(v.scope().id())));
        f.add(new Figure("Scope name", "名称", Cell.text(v.scope().name())));
        f.add(new Figure("From", "起始日期", Cell.date(v.from())));
        f.add(new Figure("To", "截止日期", Cell.date(v.to())));
        f.add(new Figure("Visits", "走访次数", Cell.integer(v.visits().total())));
        f.add(new Figure("Visits in person", "面对面走访次数", Cell.integer(v.visits().inPerson())));
        byMode(f, "", "", v.visits().byMode());
        for (VisitFigures.Month m : v.visits().byMonth()) {
            f.add(new Figure("Visits " + m.month(), m.month() + " 走访次数", Cell.integer(m.total())));
        }
        VisitFigures.Tasks t = v.tasks();
        f.add(new Figure("Task: policy publicity", "宣传政策", Cell.integer(t.policyPublicity())));
        f.add(new Figure("Task: public opinion", "反映民意", Cell.integer(t.publicOpinion())));
        f.add(new Figure("Task: development", "促进发展", Cell.integer(t.development())));
        f.add(new Figure("Task: emotion easing", "疏导情绪", Cell.integer(t.emotionEasing())));
        f.add(new Figure("Task: grassroots", "强基固本", Cell.integer(t.grassroots())));
        f.add(new Figure("Task: model promotion", "推广典型", Cell.integer(t.modelPromotion())));
        VisitFigures.Help h = v.help();
        f.add(new Figure("Help, yuan", "帮扶金额（元）", Cell.yuan(h.totalYuan())));
        f.add(new Figure("People benefiting", "受益人数", Cell.integer(h.peopleBenefiting())));
        VisitFigures.HelpByKind k = h.byKind();
        f.add(new Figure("Help: industry project, yuan", "产业项目（元）", Cell.yuan(k.industryProject())));
        f.add(new Figure("Help: funds, yuan", "资金（元）", Cell.yuan(k.funds())));
        f.add(new Figure("Help: employment, yuan", "就业（元）", Cell.yuan(k.employment())));
        f.add(new Figure("Help: skills training, yuan", "技能培训（元）", Cell.yuan(k.skillsTraining())));
        f.add(new Figure("Help: market access, yuan", "市场对接（元）", Cell.yuan(k.marketAccess())));
        f.add(new Figure("Help: infrastructure, yuan", "基础设施（元）", Cell.yuan(k.infrastructure())));
        VisitFigures.Demands d = v.demands();
        f.add(new Figure("Demands opened", "新增诉求", Cell.integer(d.opened())));
        f.add(new Figure("Demands resolved", "已解决诉求", Cell.integer(d.resolved())));
        f.add(new Figure("Demands rejected", "已驳回诉求", Cell.integer(d.rejected())));
        f.add(new Figure("Demands open", "未办结诉求", Cell.integer(d.open())));
        f.add(new Figure("Demands overdue", "超期诉求", Cell.integer(d.overdue())));
        f.add(new Figure("Median days to resolve", "办结天数中位数", Cell.decimal(d.medianResolutionDays())));
        if (d.satisfaction() != null) {
            f.add(new Figure("Satisfied", "满意", Cell.integer(d.satisfaction().satisfied())));
            f.add(new Figure("Basically satisfied", "基本满意", Cell.integer(d.satisfaction().basicallySatisfied())));
            f.add(new Figure("Dissatisfied", "不满意", Cell.integer(d.satisfaction().dissatisfied())));
            f.add(new Figure("Satisfaction not given", "未评价", Cell.integer(d.satisfaction().notGiven())));
        }
        VisitFigures.Continuity c = v.continuity();
        f.add(new Figure("Continuity day", "联系不断统计日", Cell.date(c.day())));
        f.add(new Figure("Window (days)", "规定天数", Cell.integer(c.overdueDays())));
        f.add(new Figure("Window lifted (days)", "脱贫户规定天数", Cell.integer(c.liftedOverdueDays())));
        f.add(new Figure("Active pairings", "在联结对数", Cell.integer(c.activePairings())));
        f.add(new Figure("Visited within window", "按期走访结对数", Cell.integer(c.visitedWithinWindow())));
        f.add(new Figure("Share visited", "按期走访比例", Cell.decimal(c.share())));
        f.add(new Figure("Overdue pairings", "超期未走访结对数", Cell.integer(c.overdue())));
        f.add(new Figure("As of (UTC)", "数据截至（UTC）", Cell.text(asOf(v.asOf()))));
        return f;
    }

    private static void byMode(List<Figure> f, String en, String zh, VisitFigures.ByMode m) {
        f.add(new Figure(en + "Visits in home", zh + "入户走访", Cell.integer(m.inHome())));
        f.add(new Figure(en + "Visits by phone", zh + "电话联系", Cell.integer(m.byPhone())));
        f.add(new Figure(en + "Visits at village meeting", zh + "村组会议", Cell.integer(m.villageMeeting())));
        f.add(new Figure(en + "Visits other", zh + "其他方式", Cell.integer(m.other())));
    }

    private static String asOf(OffsetDateTime t) {
        return t == null ? null : t.toString();
    }
}
