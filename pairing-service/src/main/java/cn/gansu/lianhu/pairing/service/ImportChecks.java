package cn.gansu.lianhu.pairing.service;

import java.util.Optional;

import cn.gansu.lianhu.imports.ImportColumn;
import cn.gansu.lianhu.imports.ImportRow;
import cn.gansu.lianhu.pairing.domain.CreditCodes;

/** Cell rules that the unit and the cadre import share. */
final class ImportChecks {
    private ImportChecks() {
    }

    /**
     * A unified social credit code cell ({@link CreditCodes}): null if blank or broken; rules
     * {@code credit-code.format}, {@code credit-code.check-character}.
     */
    static <C extends Enum<C> & ImportColumn> String creditCode(ImportRow<C> r, C column) {
        String code = CreditCodes.normalise(r.cell(column));
        if (code == null) {
            return null;
        }
        Optional<CreditCodes.Violation> v = CreditCodes.validate(code);
        if (v.isPresent()) {
            r.error(column, v.get().rule(), column.header() + ": " + v.get().message(), code);
            return null;
        }
        return code;
    }
}
