package cn.gansu.lianhu.registry.service;

import java.util.Locale;

import cn.gansu.lianhu.imports.ImportColumn;

/**
 * Columns of the household import file (issue point 7): one row per member; the household-level columns
 * ({@link #householdLevel}) are read from the row of the head of household (relation HEAD / 户主).
 * Header names are matched case-insensitively after trimming; order is free.
 */
public enum HouseholdImportColumn implements ImportColumn {
    /** Household number (建档立卡 number), the grouping key: rows of one household share it and are consecutive. */
    HOUSEHOLD_NO(false),
    /** 12-digit NBS code (or its short form) of a designated poor village (贫困村). Household level. */
    VILLAGE_CODE(true),
    /** Main poverty cause, code or Chinese term (ILLNESS or 因病). Household level. */
    MAIN_CAUSE(true),
    /** Other poverty causes separated by {@code ;}, may be empty. Household level. */
    OTHER_CAUSES(true),
    /** Per-capita annual net income in yuan, ≥ 0, at most 2 decimals. Household level. */
    INCOME_PER_CAPITA(true),
    /** Address, at most 200 characters, optional. Household level. */
    ADDRESS(true),
    /** Phone, optional. Household level. */
    PHONE(true),
    /** Member's name, at most 50 characters. */
    NAME(false),
    /** GB 11643 ID number (18 characters, check character). */
    ID_NUMBER(false),
    /** MALE/FEMALE or 男/女; must agree with the ID number; blank = taken from the ID number. */
    SEX(false),
    /** yyyy-MM-dd; must agree with the ID number; blank = taken from the ID number. */
    BIRTH_DATE(false),
    /** Relation to the head (HEAD/户主, SPOUSE/配偶, …); exactly one HEAD per household. */
    RELATION(false),
    /** Health (HEALTHY/健康, …). */
    HEALTH(false),
    /** Education (PRIMARY/小学, …). */
    EDUCATION(false),
    /** Labour ability (GENERAL/普通劳动力, …). */
    LABOUR_ABILITY(false);

    /** Read from the head's row only. */
    public final boolean householdLevel;

    HouseholdImportColumn(boolean householdLevel) {
        this.householdLevel = householdLevel;
    }

    /** The header text, e.g. {@code household_no}. */
    @Override
    public String header() {
        return name().toLowerCase(Locale.ROOT);
    }
}
