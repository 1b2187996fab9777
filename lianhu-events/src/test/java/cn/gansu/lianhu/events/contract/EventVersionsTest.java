package cn.gansu.lianhu.events.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Unknown event versions and envelope checks (issue 8 point 3), without a broker. */
class EventVersionsTest {
    private static final Set<String> HOUSEHOLDS = Set.of(EventTypes.HOUSEHOLD_REGISTERED, EventTypes.HOUSEHOLD_UPDATED,
            EventTypes.HOUSEHOLD_STATUS_CHANGED);

    @Test
    void allListsEveryTypeConstantOnce() throws Exception {
        List<String> constants = new ArrayList<>();
        for (Field f : EventTypes.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && Modifier.isPublic(f.getModifiers())) {
                constants.add((String) f.get(null));
            }
        }
        assertEquals(constants, EventTypes.ALL);
        assertEquals(constants.size(), Set.copyOf(EventTypes.ALL).size());
    }

    @Test
    void anotherVersionOfAnAppliedFamilyIsAnUnknownVersion() {
        assertEquals("unknown event version cn.gansu.lianhu.registry.household.registered.v2; this consumer applies "
                + "cn.gansu.lianhu.registry.household.registered.v1",
                EventTypes.unknownVersion("cn.gansu.lianhu.registry.household.registered.v2", HOUSEHOLDS::contains));
        assertEquals("unknown event version cn.gansu.lianhu.registry.household.updated; this consumer applies "
                + "cn.gansu.lianhu.registry.household.updated.v1",
                EventTypes.unknownVersion("cn.gansu.lianhu.registry.household.updated", HOUSEHOLDS::contains));
    }

    @Test
    void appliedTypesAndFamiliesTheConsumerDoesNotUseAreNotUnknownVersions() {
        assertNull(EventTypes.unknownVersion(EventTypes.HOUSEHOLD_REGISTERED, HOUSEHOLDS::contains));
        assertNull(EventTypes.unknownVersion("cn.gansu.lianhu.registry.household.merged.v9", HOUSEHOLDS::contains));
        assertNull(EventTypes.unknownVersion(EventTypes.REGION_REGISTERED, HOUSEHOLDS::contains));
        assertNull(EventTypes.unknownVersion("cn.gansu.lianhu.registry.region.registered.v2", HOUSEHOLDS::contains));
    }

    @Test
    void envelopeReasons() {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
        assertEquals("record has no value (a tombstone)", reason(mapper, null));
        assertEquals("not a CloudEvent: specversion is missing", reason(mapper, "{\"id\":\"x\"}"));
        assertEquals("unknown event version: specversion 0.3; this consumer reads CloudEvents 1.0",
                reason(mapper, "{\"specversion\":\"0.3\",\"id\":\"x\",\"type\":\"t\",\"data\":{}}"));
        assertEquals("CloudEvent without id", reason(mapper, "{\"specversion\":\"1.0\",\"type\":\"t\",\"data\":{}}"));
        assertEquals("CloudEvent without type", reason(mapper, "{\"specversion\":\"1.0\",\"id\":\"x\",\"data\":{}}"));
        assertEquals("CloudEvent without data",
                reason(mapper, "{\"specversion\":\"1.0\",\"id\":\"x\",\"type\":\"t\",\"data\":null}"));
        CloudEvent noSource = CloudEvents.parse(mapper, "{\"specversion\":\"1.0\",\"id\":\"x\",\"type\":\"t\",\"data\":{}}");
        assertEquals("CloudEvent without source",
                assertThrows(IllegalArgumentException.class, () -> CloudEvents.checkApplied(noSource)).getMessage());
        CloudEvent badId = CloudEvents.parse(mapper,
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/s\",\"type\":\"t\",\"data\":{}}");
        assertEquals("event id 'x' is not a UUID",
                assertThrows(IllegalArgumentException.class, () -> CloudEvents.checkApplied(badId)).getMessage());
    }

    private static String reason(ObjectMapper mapper, String json) {
        return assertThrows(IllegalArgumentException.class, () -> CloudEvents.parse(mapper, json)).getMessage();
    }
}
