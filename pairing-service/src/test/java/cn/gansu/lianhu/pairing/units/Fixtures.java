package cn.gansu.lianhu.pairing.units;

import static io.restassured.RestAssured.given;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import cn.gansu.lianhu.api.IdNumbers;
import cn.gansu.lianhu.pairing.domain.Cadre;
import cn.gansu.lianhu.pairing.domain.KnownCounty;
import cn.gansu.lianhu.pairing.domain.KnownHousehold;
import cn.gansu.lianhu.pairing.domain.KnownVillage;
import cn.gansu.lianhu.pairing.domain.Pairing;
import cn.gansu.lianhu.pairing.domain.PairingStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Test data for the unit, cadre and link tests: known counties and villages written directly (as the registry
 * consumer would; one test per area goes through Kafka instead), live pairings written directly (the pairing
 * operations are another area), and REST shortcuts for units and cadres.
 */
@ApplicationScoped
public class Fixtures {

    /** Upserts a county as if learnt from registry.regions. */
    @Transactional
    public void county(String code6, String name, boolean poor) {
        String code = code6 + "000000";
        KnownCounty c = KnownCounty.findById(code);
        if (c == null) {
            c = new KnownCounty();
            c.code = code;
        }
        c.name = name;
        c.prefectureCode = code6.substring(0, 4) + "00000000";
        c.poor = poor;
        c.lastEventId = UUID.randomUUID();
        c.updatedAt = OffsetDateTime.parse("2026-11-29T08:00:00Z");
        c.persist();
    }

    /** Upserts a village as if learnt from registry.regions. */
    @Transactional
    public void village(String code, String name, boolean poor) {
        KnownVillage v = KnownVillage.findById(code);
        if (v == null) {
            v = new KnownVillage();
            v.code = code;
        }
        v.name = name;
        v.townshipCode = code.substring(0, 9) + "000";
        v.countyCode = KnownVillage.countyOf(code);
        v.poor = poor;
        v.lastEventId = UUID.randomUUID();
        v.updatedAt = OffsetDateTime.parse("2026-11-29T08:00:00Z");
        v.persist();
    }

    /** A household IN_POVERTY in the village, as if learnt from registry.households. */
    @Transactional
    public UUID household(String villageCode) {
        KnownHousehold h = new KnownHousehold();
        h.id = UUID.randomUUID();
        h.villageCode = villageCode;
        h.status = "IN_POVERTY";
        h.version = 1;
        h.updatedAt = OffsetDateTime.parse("2026-11-29T08:00:00Z");
        h.persist();
        return h.id;
    }

    /** A DRAFT pairing of a cadre with a new household of the village, written directly. */
    @Transactional
    public UUID livePairing(UUID cadreId, UUID unitId, String villageCode) {
        UUID household = household(villageCode);
        Pairing p = new Pairing();
        p.id = UUID.randomUUID();
        p.cadreId = cadreId;
        p.unitId = unitId;
        p.householdId = household;
        p.villageCode = villageCode;
        p.primary = true;
        p.status = PairingStatus.DRAFT;
        p.version = 1;
        p.createdAt = OffsetDateTime.parse("2026-11-29T08:00:00Z");
        p.updatedAt = p.createdAt;
        p.persist();
        return p.id;
    }

    /** Withdraws a pairing written by {@link #livePairing}. */
    @Transactional
    public void withdraw(UUID pairingId) {
        Pairing p = Pairing.findById(pairingId);
        p.status = PairingStatus.WITHDRAWN;
    }

    /** Sets a cadre's status directly (the departure operation is another area). */
    @Transactional
    public void status(UUID cadreId, cn.gansu.lianhu.pairing.domain.CadreStatus status) {
        Cadre c = Cadre.findById(cadreId);
        c.status = status;
        c.leftOn = java.time.LocalDate.parse("2026-11-29");
    }

    /** Whether a county is known (from registry events or this fixture). */
    @Transactional
    public boolean countyKnown(String code12) {
        return KnownCounty.findById(code12) != null;
    }

    /** The full ID number stored for a cadre (tests only: the API never returns it). */
    @Transactional
    public String idNumberOf(UUID cadreId) {
        return Cadre.<Cadre> findById(cadreId).idNumber;
    }

    // ---- plain helpers -------------------------------------------------------------------------------

    /** A random valid GB 11643 ID number with region prefix {@code region6}, born 1960–1994. */
    public static String idNumber(String region6) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String body = region6 + String.format("%04d%02d%02d%03d", 1960 + r.nextInt(35), 1 + r.nextInt(12),
                1 + r.nextInt(28), r.nextInt(1000));
        return body + IdNumbers.checkCharacter(body);
    }

    /** A short random token to keep names unique across test runs sharing one database. */
    public static String token() {
        return Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36), 36);
    }

    /** A unit request body. */
    public static Map<String, Object> unit(String name, String level, String kind, String regionCode) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("level", level);
        m.put("kind", kind);
        m.put("regionCode", regionCode);
        return m;
    }

    /** Registers a unit through the API; its id. */
    public static UUID registerUnit(String name, String level, String regionCode) {
        return UUID.fromString(given().contentType("application/json")
                .body(unit(name, level, "PARTY_GOVERNMENT", regionCode))
                .when().post("/api/v1/units").then().statusCode(201).extract().path("id"));
    }

    /** A cadre request body. */
    public static Map<String, Object> cadre(String name, String idNumber, UUID unitId, String rank) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("idNumber", idNumber);
        m.put("unitId", unitId.toString());
        m.put("rank", rank);
        return m;
    }

    /** Registers a cadre through the API; its id. */
    public static UUID registerCadre(String name, UUID unitId, String rank) {
        return UUID.fromString(given().contentType("application/json")
                .body(cadre(name, idNumber("623021"), unitId, rank))
                .when().post("/api/v1/cadres").then().statusCode(201).extract().path("id"));
    }
}
