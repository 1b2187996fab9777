package cn.gansu.lianhu.pairing.service;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What pairing-service knows of a village (from registry events).
 *
 * @param code                 12-digit NBS village code
 * @param name                 village name as registered
 * @param townshipCode         12-digit township code
 * @param countyCode           12-digit county code
 * @param poor                 designated poor village (贫困村): only poor villages can be linked by units
 * @param households           extremely poor households known in this village, whatever their status
 * @param householdsInPoverty  of those, households IN_POVERTY or RELAPSED (still to be lifted out)
 * @param updatedAt            time of the last registry event applied
 */
@Schema(name = "KnownVillage", example = """
        {"code":"621121100201","name":"城关村民委员会","townshipCode":"621121100000","countyCode":"621121000000",
         "poor":true,"households":12,"householdsInPoverty":11,"updatedAt":"2026-11-29T08:00:00Z"}""")
public record VillageView(String code, String name, String townshipCode, String countyCode, boolean poor,
        long households, long householdsInPoverty, OffsetDateTime updatedAt) {
}
