package cn.gansu.lianhu.pairing.rest;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotNull;

/**
 * Body of {@code POST /api/v1/pairings}: pair a cadre with a household (干部联户, issue 3 point 5).
 *
 * @param cadreId     the cadre (must exist and be ACTIVE; 422 {@code pairing.cadre-unknown} /
 *                    {@code pairing.cadre-not-active} otherwise)
 * @param householdId the household as published by registry-service (known from registry events; 422
 *                    {@code pairing.household-unknown} otherwise)
 */
@Schema(name = "PairingRequest", example = """
        {"cadreId":"3f2b8c1e-5d4a-4e7b-9c10-2a6d8e4f1b33","householdId":"0b6f5d1e-3c1a-4a53-9a0e-1f7d2c9b8a11"}""")
public record PairingRequest(
        @Schema(description = "the cadre (干部)", required = true) @NotNull UUID cadreId,
        @Schema(description = "the household (特困户), registry id", required = true) @NotNull UUID householdId) {
}
