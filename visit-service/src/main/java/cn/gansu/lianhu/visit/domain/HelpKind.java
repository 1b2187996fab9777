package cn.gansu.lianhu.visit.domain;

/** Kinds of development help (促进发展, issue 4 point 2). */
public enum HelpKind {
    INDUSTRY_PROJECT, FUNDS, EMPLOYMENT, SKILLS_TRAINING, MARKET_ACCESS, INFRASTRUCTURE
}
