package cn.gansu.lianhu.api;

/**
 * Phone numbers of households and cadres are personal data (DESIGN.md §4–5): stored in full, returned only
 * masked.
 */
public final class PhoneNumbers {
    private PhoneNumbers() {
    }

    /** {@code 13812345678} → {@code 138****5678}; shorter numbers keep at most their last 4 characters; null stays null. */
    public static String mask(String phone) {
        if (phone == null) {
            return null;
        }
        String p = phone.trim();
        if (p.length() >= 11) {
            return p.substring(0, 3) + "*".repeat(p.length() - 7) + p.substring(p.length() - 4);
        }
        if (p.length() > 4) {
            return "*".repeat(p.length() - 4) + p.substring(p.length() - 4);
        }
        return "*".repeat(p.length());
    }
}
