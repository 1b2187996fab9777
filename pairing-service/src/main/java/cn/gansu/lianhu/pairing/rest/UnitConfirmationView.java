package cn.gansu.lianhu.pairing.rest;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The outcome of confirming a unit's pairings (一次确定联系对象).
 *
 * @param unitId      the unit
 * @param unitName    its name
 * @param confirmedAt when its pairings were confirmed
 * @param confirmedBy who confirmed them
 * @param activated   draft pairings that became ACTIVE
 * @param version     the unit's version after the confirmation
 */
@Schema(name = "UnitConfirmation", example = """
        {"unitId":"c4a1e9b2-7d3f-4a8e-b6c5-0f1e2d3c4b5a","unitName":"夏河县农业农村局",
         "confirmedAt":"2026-11-29T04:00:00Z","confirmedBy":"夏河县农业农村局 局长 马永福","activated":14,"version":3}""")
public record UnitConfirmationView(UUID unitId, String unitName, OffsetDateTime confirmedAt, String confirmedBy,
        int activated, long version) {
}
