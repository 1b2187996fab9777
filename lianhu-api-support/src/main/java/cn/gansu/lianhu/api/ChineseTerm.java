package cn.gansu.lianhu.api;

/** A code list value that has a Chinese term, so CSV/XLSX files may use either the code or the term. */
public interface ChineseTerm {
    String chinese();

    /** Finds the value of {@code type} named {@code s} (English name, any case, or the Chinese term); null if none. */
    static <E extends Enum<E> & ChineseTerm> E parse(Class<E> type, String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        for (E v : type.getEnumConstants()) {
            if (v.name().equalsIgnoreCase(t) || v.chinese().equals(t)) {
                return v;
            }
        }
        return null;
    }
}
