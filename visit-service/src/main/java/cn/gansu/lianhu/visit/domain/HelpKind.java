package cn.gansu.lianhu.visit.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Kinds of development help (促进发展, issue 4 point 2). */
@Schema(description = "Kinds of development help (促进发展) delivered on a visit.")
public enum HelpKind {
    INDUSTRY_PROJECT, FUNDS, EMPLOYMENT, SKILLS_TRAINING, MARKET_ACCESS, INFRASTRUCTURE
}
