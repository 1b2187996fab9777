package cn.gansu.lianhu.reporting.domain;

/** Kinds of development help (促进发展, issue 4 point 2), as carried by {@code VisitData.help}. */
public enum HelpKind {
    /** 产业项目 */
    INDUSTRY_PROJECT,
    /** 资金 */
    FUNDS,
    /** 就业 */
    EMPLOYMENT,
    /** 技能培训 */
    SKILLS_TRAINING,
    /** 市场对接 */
    MARKET_ACCESS,
    /** 基础设施 */
    INFRASTRUCTURE;

    /** The value named {@code name} exactly; null if none. */
    public static HelpKind of(String name) {
        for (HelpKind v : values()) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        return null;
    }
}
