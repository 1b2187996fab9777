package cn.gansu.lianhu.launcher;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * What a local token says (issue 6 point 2): one role ({@code groups}), the scope claim that role needs
 * ({@code region} for REGION_ADMIN, {@code unit} for UNIT_ADMIN, {@code cadre} for CADRE), {@code pii} for
 * full ID and phone numbers, the actor's name ({@code sub}, {@code upn}, {@code preferred_username}) and
 * how long it lives.
 *
 * @param role     one of {@link #ROLES}
 * @param region   NBS code of a Gansu region (2, 4, 6, 9 or 12 digits, starting 62); REGION_ADMIN only
 * @param unit     a unit id (UUID); UNIT_ADMIN only
 * @param cadre    a cadre id (UUID); CADRE only
 * @param pii      the {@code pii} claim: full ID and phone numbers
 * @param name     the actor, recorded in the audit trail
 * @param lifetime from now until the token expires
 */
public record TokenSpec(String role, Optional<String> region, Optional<String> unit, Optional<String> cadre,
        boolean pii, String name, Duration lifetime) {

    /** The roles of DESIGN.md §5 / issue 6. */
    public static final List<String> ROLES = List.of("PROVINCE_ADMIN", "REGION_ADMIN", "UNIT_ADMIN", "CADRE",
            "AUDITOR", "INTEGRATION");
    /** The longest lifetime {@code --hours} accepts: a local token is not a credential to keep. */
    public static final int MAX_HOURS = 24 * 31;

    public static final String USAGE = """
            usage: ./lianhu token --role ROLE [--region CODE] [--unit UUID] [--cadre UUID] [--pii] [--name NAME] [--hours H]
                   ./lianhu token --init
              --role    PROVINCE_ADMIN | REGION_ADMIN | UNIT_ADMIN | CADRE | AUDITOR | INTEGRATION
              --region  REGION_ADMIN's region: a Gansu NBS code of 2, 4, 6, 9 or 12 digits (6211 = 定西市)
              --unit    UNIT_ADMIN's unit id (UUID, from pairing-service GET /api/v1/units)
              --cadre   CADRE's cadre id (UUID, from pairing-service GET /api/v1/cadres)
              --pii     full ID and phone numbers in answers (masked without it)
              --name    the actor recorded in the audit trail (default local-<role>)
              --hours   lifetime in hours, 1 to %d (default 12)
              --init    only make the local key pair .lianhu/keys/jwt-{private,public}.pem if missing
            Prints the token, signed with .lianhu/keys/jwt-private.pem (made if missing), e.g.
              export TOKEN=$(./lianhu token --role REGION_ADMIN --region 6211)
            """.formatted(MAX_HOURS);

    /** A wrong command line: the message says what is wrong; exit code 2. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    /** The token printed at ready: a province admin with {@code pii}, 12 hours. */
    public static TokenSpec provinceAdmin() {
        return new TokenSpec("PROVINCE_ADMIN", Optional.empty(), Optional.empty(), Optional.empty(), true,
                "local-province-admin", Duration.ofHours(12));
    }

    /** The launcher's own token for its readiness polling: a province admin without pii, 1 hour. */
    public static TokenSpec launcher() {
        return new TokenSpec("PROVINCE_ADMIN", Optional.empty(), Optional.empty(), Optional.empty(), false,
                "lianhu-launcher", Duration.ofHours(1));
    }

    /**
     * Parses {@code --role R [--region C] [--unit U] [--cadre C] [--pii] [--name N] [--hours H]} (also
     * {@code --opt=value}). Refuses unknown options and roles, a missing scope claim (REGION_ADMIN without
     * --region, UNIT_ADMIN without --unit, CADRE without --cadre), a scope claim the role does not use, a
     * malformed code or UUID and hours outside 1–{@link #MAX_HOURS}.
     */
    public static TokenSpec parse(List<String> args) throws UsageException {
        String role = null;
        String region = null;
        String unit = null;
        String cadre = null;
        String name = null;
        String hours = null;
        boolean pii = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String option = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                option = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (option.equals("--pii")) {
                if (value != null) {
                    throw new UsageException("--pii takes no value");
                }
                pii = true;
                continue;
            }
            if (!List.of("--role", "--region", "--unit", "--cadre", "--name", "--hours").contains(option)) {
                throw new UsageException("unknown option " + arg);
            }
            if (value == null) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new UsageException(option + " needs a value");
                }
                value = args.get(++i);
            }
            switch (option) {
                case "--role" -> role = value.trim().toUpperCase(Locale.ROOT);
                case "--region" -> region = value.trim();
                case "--unit" -> unit = value.trim();
                case "--cadre" -> cadre = value.trim();
                case "--name" -> name = value.trim();
                default -> hours = value.trim();
            }
        }
        if (role == null) {
            throw new UsageException("--role is required (one of " + String.join(", ", ROLES) + ")");
        }
        if (!ROLES.contains(role)) {
            throw new UsageException("unknown role " + role + "; the roles are " + String.join(", ", ROLES));
        }
        need(role, "REGION_ADMIN", "--region", region, "a Gansu NBS code such as 6211");
        need(role, "UNIT_ADMIN", "--unit", unit, "the unit's id, a UUID");
        need(role, "CADRE", "--cadre", cadre, "the cadre's id, a UUID");
        if (region != null && !region.matches("62(\\d{2}|\\d{4}|\\d{7}|\\d{10})?")) {
            throw new UsageException("--region " + region + " is not a Gansu NBS code of 2, 4, 6, 9 or 12 digits "
                    + "starting with 62");
        }
        if (region != null && region.length() > 2 && region.length() < 12
                && region.substring(region.length() == 9 ? 6 : region.length() - 2).matches("0+")) {
            throw new UsageException("--region " + region + " ends in an all-zero level: give the region's own "
                    + "code (6211, not 6200 or 620000)");
        }
        uuid("--unit", unit);
        uuid("--cadre", cadre);
        if (name != null && name.isEmpty()) {
            throw new UsageException("--name must not be empty");
        }
        int h = 12;
        if (hours != null) {
            try {
                h = Integer.parseInt(hours);
            } catch (NumberFormatException e) {
                h = -1;
            }
            if (h < 1 || h > MAX_HOURS) {
                throw new UsageException("--hours " + hours + " is not a whole number from 1 to " + MAX_HOURS);
            }
        }
        return new TokenSpec(role, Optional.ofNullable(region), Optional.ofNullable(unit), Optional.ofNullable(cadre),
                pii, name != null ? name : "local-" + role.toLowerCase(Locale.ROOT).replace('_', '-'),
                Duration.ofHours(h));
    }

    /** The scope option is required for its role and refused for every other role. */
    private static void need(String role, String scopedRole, String option, String value, String what)
            throws UsageException {
        if (role.equals(scopedRole) && value == null) {
            throw new UsageException(scopedRole + " needs " + option + " (" + what + ")");
        }
        if (!role.equals(scopedRole) && value != null) {
            throw new UsageException(option + " is only for " + scopedRole + ", not for " + role);
        }
    }

    private static void uuid(String option, String value) throws UsageException {
        if (value == null) {
            return;
        }
        try {
            if (!UUID.fromString(value).toString().equalsIgnoreCase(value)) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " " + value + " is not a UUID");
        }
    }
}
