package cn.gansu.lianhu.registry.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import cn.gansu.lianhu.registry.domain.Education;
import cn.gansu.lianhu.registry.domain.Health;
import cn.gansu.lianhu.api.IdNumbers;
import cn.gansu.lianhu.registry.domain.LabourAbility;
import cn.gansu.lianhu.registry.domain.PovertyCause;
import cn.gansu.lianhu.registry.domain.Relation;
import cn.gansu.lianhu.registry.domain.Sex;
import cn.gansu.lianhu.imports.ImportError;
import cn.gansu.lianhu.imports.ImportHeader;
import cn.gansu.lianhu.imports.ImportRow;
import cn.gansu.lianhu.imports.ImportRowSource;

/**
 * Turns the rows of an import file into households and validates everything that can be checked row by
 * row (issue point 7.4; the set-based checks against the whole file and the stored members are done in
 * SQL by {@link HouseholdImportWriter}). Rows of one household share {@code household_no} and are
 * consecutive; household-level columns come from the HEAD row.
 *
 * <p>Rules (column, rule id):
 * <ul>
 * <li>any required cell blank: {@code value.required}; too long: {@code value.too-long}; code list value
 * unknown: {@code value.unknown};</li>
 * <li>{@code household_no} seen in an earlier block: {@code household-no.not-consecutive};</li>
 * <li>{@code village_code}: not a village code {@code village.format}, unknown {@code village.unknown}, not a
 * designated poor village {@code village.not-poor};</li>
 * <li>{@code income_per_capita}: {@code number.format}, {@code income.negative}, {@code number.scale} (more
 * than 2 decimals), {@code number.range};</li>
 * <li>{@code phone}: {@code phone.format};</li>
 * <li>{@code id_number}: {@code id-number.format|region|birth-date|check-digit} ({@link IdNumbers});</li>
 * <li>{@code sex}: {@code id-number.sex-mismatch}; {@code birth_date}: {@code date.format},
 * {@code id-number.birth-date-mismatch};</li>
 * <li>{@code relation}: {@code household.no-head}, {@code household.several-heads}.</li>
 * </ul>
 */
public final class HouseholdImportParser implements ImportRowSource.Sink {

    /** A member row as parsed; fields that broke a rule are null. */
    public record Member(long rowNo, String name, String idNumber, boolean idValid, Sex sex, LocalDate birthDate,
            Relation relation, Health health, Education education, LabourAbility labourAbility) {
    }

    /**
     * One household block of the file.
     *
     * @param ordinal  0-based index of the block in the file
     * @param firstRow row number of its first row
     * @param valid    no rule broken on any of its rows
     * @param members  head first, then in file order
     */
    public record Household(int ordinal, String householdNo, long firstRow, long headRow, boolean valid,
            String villageCode, PovertyCause mainCause, List<PovertyCause> otherCauses, BigDecimal incomePerCapita,
            String address, String phone, List<Member> members) {
    }

    /** Where households and errors go. */
    public interface Output {
        void household(Household household);

        void error(ImportError error);
    }

    private final Map<String, Boolean> villages;
    private final LocalDate today;
    private final Output out;
    private ImportHeader<HouseholdImportColumn> header;
    private final Map<String, Integer> seen = new HashMap<>();
    private final Set<Integer> lateInvalid = new LinkedHashSet<>();
    private String blockNo;
    private final List<String[]> blockRows = new ArrayList<>();
    private final List<Long> blockRowNos = new ArrayList<>();
    private long rowsRead;
    private int households;

    /**
     * @param villages every village code (12 digits) → whether it is a designated poor village
     * @param today    for the ID number's birth date check
     */
    public HouseholdImportParser(Map<String, Boolean> villages, LocalDate today, Output out) {
        this.villages = villages;
        this.today = today;
        this.out = out;
    }

    @Override
    public boolean row(long rowNo, String[] cells) {
        if (header == null) {
            header = ImportHeader.of(cells, HouseholdImportColumn.class);
            return true;
        }
        if (ImportRow.blank(cells)) {
            return true;
        }
        rowsRead++;
        String no = header.cell(cells, HouseholdImportColumn.HOUSEHOLD_NO);
        if (blockNo == null || no.isEmpty() || !no.equals(blockNo)) {
            finish();
            blockNo = no;
        }
        blockRows.add(cells);
        blockRowNos.add(rowNo);
        return true;
    }

    /** Emits the last household; call once after the file has been read. */
    public void finish() {
        if (!blockRows.isEmpty()) {
            emit();
        }
        blockRows.clear();
        blockRowNos.clear();
        blockNo = null;
    }

    public long rowsRead() {
        return rowsRead;
    }

    public int householdsRead() {
        return households;
    }

    /** Ordinals of households emitted as valid that a later block proved invalid (household_no reused). */
    public Set<Integer> lateInvalid() {
        return lateInvalid;
    }

    private void emit() {
        int ordinal = households++;
        long firstRow = blockRowNos.get(0);
        boolean valid = true;
        String no = blockNo;
        if (no.isEmpty()) {
            out.error(new ImportError(firstRow, HouseholdImportColumn.HOUSEHOLD_NO.header(), "value.required",
                    "household_no is required: it groups the member rows into households", null));
            valid = false;
        } else if (no.length() > 40) {
            out.error(new ImportError(firstRow, HouseholdImportColumn.HOUSEHOLD_NO.header(), "value.too-long",
                    "household_no has " + no.length() + " characters, at most 40 are allowed", no));
            valid = false;
        } else {
            Integer earlier = seen.putIfAbsent(no, ordinal);
            if (earlier != null) {
                out.error(new ImportError(firstRow, HouseholdImportColumn.HOUSEHOLD_NO.header(),
                        "household-no.not-consecutive", "household " + no
                                + " already had rows earlier in the file: the rows of one household must be consecutive",
                        no));
                lateInvalid.add(earlier);
                valid = false;
            }
        }
        List<Member> members = new ArrayList<>();
        Member head = null;
        ImportRow<HouseholdImportColumn> headCheck = null;
        for (int i = 0; i < blockRows.size(); i++) {
            ImportRow<HouseholdImportColumn> r = new ImportRow<>(header, blockRowNos.get(i), blockRows.get(i), out::error);
            Member m = member(r);
            if (m.relation() == Relation.HEAD) {
                if (head == null) {
                    head = m;
                    headCheck = r;
                } else {
                    r.error(HouseholdImportColumn.RELATION, "household.several-heads", "household " + no
                            + " already has a head on row " + head.rowNo() + ": exactly one HEAD (户主) is allowed",
                            r.cell(HouseholdImportColumn.RELATION));
                }
            }
            valid &= r.ok();
            members.add(m);
        }
        if (head == null) {
            boolean relationsKnown = members.stream().allMatch(m -> m.relation() != null);
            if (relationsKnown) {
                out.error(new ImportError(firstRow, HouseholdImportColumn.RELATION.header(), "household.no-head",
                        "household " + no + " has no member with relation HEAD (户主): exactly one is required",
                        null));
            }
            out.household(new Household(ordinal, no, firstRow, -1, false, null, null, List.of(), null, null, null,
                    members));
            return;
        }
        members.remove(head);
        members.add(0, head);
        // household-level columns, from the head's row
        ImportRow<HouseholdImportColumn> r = headCheck;
        r.resetOk();
        String village = village(r);
        PovertyCause main = r.term(HouseholdImportColumn.MAIN_CAUSE, PovertyCause.class, PovertyCause::parse);
        List<PovertyCause> others = otherCauses(r, main);
        BigDecimal income = income(r);
        String address = r.text(HouseholdImportColumn.ADDRESS, false, 200);
        String phone = r.text(HouseholdImportColumn.PHONE, false, 20);
        if (phone != null && !phone.matches("[0-9+\\-() ]{5,20}")) {
            r.error(HouseholdImportColumn.PHONE, "phone.format", "a phone number has 5-20 digits, +, -, ( ) or spaces",
                    phone);
        }
        valid &= r.ok();
        out.household(new Household(ordinal, no, firstRow, head.rowNo(), valid, village, main, others, income,
                address, phone, members));
    }

    private Member member(ImportRow<HouseholdImportColumn> r) {
        String name = r.text(HouseholdImportColumn.NAME, true, 50);
        String rawId = r.cell(HouseholdImportColumn.ID_NUMBER);
        String id = IdNumbers.normalise(rawId);
        boolean idValid = false;
        if (id.isEmpty()) {
            r.error(HouseholdImportColumn.ID_NUMBER, "value.required", "id_number is required", null);
        } else {
            Optional<IdNumbers.Violation> v = IdNumbers.validate(id, today);
            if (v.isPresent()) {
                r.error(HouseholdImportColumn.ID_NUMBER, v.get().rule(), v.get().message(), IdNumbers.mask(id));
            } else {
                idValid = true;
            }
        }
        Sex sex = null;
        String sexCell = r.cell(HouseholdImportColumn.SEX);
        if (sexCell.isEmpty()) {
            sex = idValid ? Sex.ofIdNumber(id) : null;
        } else {
            sex = r.term(HouseholdImportColumn.SEX, Sex.class, Sex::parse);
            if (sex != null && idValid && sex != Sex.ofIdNumber(id)) {
                r.error(HouseholdImportColumn.SEX, "id-number.sex-mismatch", "sex " + sex + " disagrees with the ID number "
                        + IdNumbers.mask(id) + ", which encodes " + Sex.ofIdNumber(id), sexCell);
                sex = null;
            }
        }
        LocalDate birth = null;
        String birthCell = r.cell(HouseholdImportColumn.BIRTH_DATE);
        if (birthCell.isEmpty()) {
            birth = idValid ? IdNumbers.birthDate(id) : null;
        } else {
            try {
                birth = LocalDate.parse(birthCell);
                if (idValid && !birth.equals(IdNumbers.birthDate(id))) {
                    r.error(HouseholdImportColumn.BIRTH_DATE, "id-number.birth-date-mismatch", "birth date " + birth
                            + " disagrees with the birth date encoded in the ID number " + IdNumbers.mask(id),
                            birthCell);
                    birth = null;
                }
            } catch (DateTimeParseException e) {
                r.error(HouseholdImportColumn.BIRTH_DATE, "date.format", "birth_date must be a date yyyy-MM-dd",
                        birthCell);
            }
        }
        Relation relation = r.term(HouseholdImportColumn.RELATION, Relation.class, Relation::parse);
        Health health = r.term(HouseholdImportColumn.HEALTH, Health.class, Health::parse);
        Education education = r.term(HouseholdImportColumn.EDUCATION, Education.class, Education::parse);
        LabourAbility labour = r.term(HouseholdImportColumn.LABOUR_ABILITY, LabourAbility.class, LabourAbility::parse);
        return new Member(r.rowNo(), name, idValid ? id : null, idValid, sex, birth, relation, health, education,
                labour);
    }

    private String village(ImportRow<HouseholdImportColumn> r) {
        String v = r.cell(HouseholdImportColumn.VILLAGE_CODE);
        if (v.isEmpty()) {
            r.error(HouseholdImportColumn.VILLAGE_CODE, "value.required", "village_code is required on the HEAD row", null);
            return null;
        }
        if (!v.matches("\\d{12}")) {
            r.error(HouseholdImportColumn.VILLAGE_CODE, "village.format",
                    "a village code has 12 digits (NBS statistical division code)", v);
            return null;
        }
        String code = v;
        Boolean poor = villages.get(code);
        if (poor == null) {
            r.error(HouseholdImportColumn.VILLAGE_CODE, "village.unknown", "village " + code + " is not a known village",
                    v);
            return null;
        }
        if (!poor) {
            r.error(HouseholdImportColumn.VILLAGE_CODE, "village.not-poor", "village " + code
                    + " is not a designated poor village (贫困村); households are registered in poor villages only",
                    v);
            return null;
        }
        return code;
    }

    private List<PovertyCause> otherCauses(ImportRow<HouseholdImportColumn> r, PovertyCause main) {
        String v = r.cell(HouseholdImportColumn.OTHER_CAUSES);
        List<PovertyCause> causes = new ArrayList<>();
        if (v.isEmpty()) {
            return causes;
        }
        for (String part : v.split("[;；]")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            PovertyCause c = PovertyCause.parse(p);
            if (c == null) {
                r.error(HouseholdImportColumn.OTHER_CAUSES, "value.unknown", "'" + p
                        + "' is not a poverty cause; allowed (separated by ;): " + ImportRow.allowed(PovertyCause.class), v);
            } else if (c != main && !causes.contains(c)) {
                causes.add(c);
            }
        }
        return causes;
    }

    private BigDecimal income(ImportRow<HouseholdImportColumn> r) {
        String v = r.cell(HouseholdImportColumn.INCOME_PER_CAPITA);
        if (v.isEmpty()) {
            r.error(HouseholdImportColumn.INCOME_PER_CAPITA, "value.required", "income_per_capita (yuan) is required", null);
            return null;
        }
        BigDecimal d;
        try {
            d = new BigDecimal(v.replace(",", ""));
        } catch (NumberFormatException e) {
            r.error(HouseholdImportColumn.INCOME_PER_CAPITA, "number.format", "income_per_capita must be a number of yuan",
                    v);
            return null;
        }
        if (d.signum() < 0) {
            r.error(HouseholdImportColumn.INCOME_PER_CAPITA, "income.negative", "income_per_capita must be ≥ 0 yuan", v);
            return null;
        }
        d = d.stripTrailingZeros();
        if (d.scale() > 2) {
            r.error(HouseholdImportColumn.INCOME_PER_CAPITA, "number.scale", "income_per_capita has at most 2 decimals (fen)",
                    v);
            return null;
        }
        if (d.compareTo(new BigDecimal("9999999999.99")) > 0) {
            r.error(HouseholdImportColumn.INCOME_PER_CAPITA, "number.range", "income_per_capita is at most 9999999999.99",
                    v);
            return null;
        }
        return d.scale() < 0 ? d.setScale(0) : d;
    }
}
