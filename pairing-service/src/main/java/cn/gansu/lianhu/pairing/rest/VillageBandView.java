package cn.gansu.lianhu.pairing.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One row of the cadre-count band table (部门联村, DESIGN.md §1; issue 3 point 3), from
 * {@code lianhu.pairing.rules.village-bands}.
 *
 * @param minCadres  lowest ACTIVE cadre count of the band (inclusive)
 * @param maxCadres  highest count of the band (inclusive), or null for the last band
 * @param villages   poor villages a unit in this band must link
 */
@Schema(name = "VillageBand", example = """
        {"minCadres":30,"maxCadres":99,"villages":2}""")
public record VillageBandView(int minCadres, Integer maxCadres, int villages) {
}
