package cn.gansu.lianhu.pairing.planner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

/**
 * Rows the planner reads, written straight into pairing-service's tables (units, cadres, village and leader
 * links, known villages/counties/households, pairings) — the planner tests do not depend on the units/cadres/
 * links REST of other work. Every id number and unit name is unique per run.
 */
final class PlanFixtures {
    static final OffsetDateTime T = OffsetDateTime.of(2026, 11, 1, 8, 0, 0, 0, ZoneOffset.UTC);
    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 100_000_000L * 1000);
    private final DataSource ds;

    PlanFixtures(DataSource ds) {
        this.ds = ds;
    }

    /** A known county, poor. */
    void county(String code6, String name) {
        exec("""
                insert into known_county (code, name, prefecture_code, poor, last_event_id, updated_at)
                values (?, ?, ?, true, ?, ?) on conflict (code) do nothing""",
                code6 + "000000", name, code6.substring(0, 4) + "00000000", UUID.randomUUID(), T);
    }

    /** A known poor village. */
    void village(String code, String name) {
        exec("""
                insert into known_village (code, name, township_code, county_code, poor, last_event_id, updated_at)
                values (?, ?, ?, ?, true, ?, ?) on conflict (code) do nothing""",
                code, name, code.substring(0, 9) + "000", code.substring(0, 6) + "000000", UUID.randomUUID(), T);
    }

    /** {@code n} households IN_POVERTY in a village, ids ascending in creation order. */
    List<UUID> households(String village, int n) {
        return households(village, n, "IN_POVERTY");
    }

    List<UUID> households(String village, int n, String status) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            exec("insert into known_household (id, village_code, status, version, updated_at) values (?, ?, ?, 1, ?)",
                    id, village, status, T);
            ids.add(id);
        }
        return ids;
    }

    /**
     * A unit (party/government) seated in 定西市 (621100000000, prefecture level), so that its name, unique per
     * region, does not clash with the units other test classes register in the province or their own regions.
     */
    UUID unit(String name) {
        UUID id = UUID.randomUUID();
        exec("""
                insert into unit (id, name, level, kind, region_code, version, created_at, updated_at)
                values (?, ?, 'PREFECTURE', 'PARTY_GOVERNMENT', '621100000000', 1, ?, ?)""", id, name, T, T);
        return id;
    }

    /** An ACTIVE cadre of a rank. */
    UUID cadre(UUID unit, String name, String rank) {
        return cadre(unit, name, rank, "ACTIVE");
    }

    UUID cadre(UUID unit, String name, String rank, String status) {
        UUID id = UUID.randomUUID();
        String idNumber = String.format("62%016d", SEQ.incrementAndGet());
        exec("""
                insert into cadre (id, name, id_number, unit_id, rank, status, version, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, 1, ?, ?)""", id, name, idNumber, unit, rank, status, T, T);
        return id;
    }

    /** An active unit → village link. */
    void link(UUID unit, String village) {
        exec("""
                insert into village_link (id, unit_id, village_code, county_code, linked_on, created_at)
                values (?, ?, ?, ?, ?, ?)""", UUID.randomUUID(), unit, village, village.substring(0, 6) + "000000",
                LocalDate.of(2026, 11, 1), T);
    }

    /** An active provincial leader → county + village link. */
    void leaderLink(UUID cadre, String village) {
        exec("""
                insert into leader_link (id, cadre_id, county_code, village_code, linked_on, created_at)
                values (?, ?, ?, ?, ?, ?)""", UUID.randomUUID(), cadre, village.substring(0, 6) + "000000", village,
                LocalDate.of(2026, 11, 1), T);
    }

    /** A live pairing (DRAFT or ACTIVE) with its history row; returns its id. */
    UUID pairing(UUID cadre, UUID unit, UUID household, String village, boolean primary, String status) {
        UUID id = UUID.randomUUID();
        exec("""
                insert into pairing (id, cadre_id, unit_id, household_id, village_code, is_primary, status, started_on,
                    version, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)""",
                id, cadre, unit, household, village, primary, status,
                "ACTIVE".equals(status) ? LocalDate.of(2026, 11, 1) : null, T, T);
        exec("insert into pairing_change (pairing_id, at, action, actor) values (?, ?, ?, 'fixture')", id, T,
                "ACTIVE".equals(status) ? "ACTIVATED" : "DRAFTED");
        return id;
    }

    long count(String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    String string(String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void exec(String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
