package cn.gansu.lianhu.pairing.service;

import java.util.Comparator;
import java.util.List;

import cn.gansu.lianhu.pairing.config.PairingConfig;
import cn.gansu.lianhu.pairing.domain.CadreRank;
import cn.gansu.lianhu.pairing.domain.CadreStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The linking rules of DESIGN.md §1 "How they are linked", read from configuration
 * ({@code lianhu.pairing.rules.*}): minimum households per cadre by rank, the per-household maximum, the
 * leader's county range and the unit's required villages by cadre-count band. The one place every
 * other class asks.
 */
@ApplicationScoped
public class LinkingRules {

    @Inject
    PairingConfig config;

    /** Minimum households a cadre of this rank pairs with (干部联户). */
    public int minimumHouseholds(CadreRank rank) {
        PairingConfig.Rules r = config.rules();
        return switch (rank) {
            case PROVINCIAL_LEADER -> r.minHouseholdsProvincialLeader();
            case PREFECTURE_BUREAU -> r.minHouseholdsPrefectureBureau();
            case COUNTY_DIVISION -> r.minHouseholdsCountyDivision();
            case OTHER -> r.minHouseholdsOther();
        };
    }

    /** Minimum for a cadre in a status: only ACTIVE cadres must pair; others 0. */
    public int minimumHouseholds(CadreRank rank, CadreStatus status) {
        return status == CadreStatus.ACTIVE ? minimumHouseholds(rank) : 0;
    }

    /** Most live pairings (DRAFT or ACTIVE) one household may have. */
    public int maxCadresPerHousehold() {
        return config.rules().maxCadresPerHousehold();
    }

    /** Fewest poor counties a provincial leader links. */
    public int leaderMinCounties() {
        return config.rules().leaderMinCounties();
    }

    /** Most poor counties a provincial leader links at the same time. */
    public int leaderMaxCounties() {
        return config.rules().leaderMaxCounties();
    }

    /**
     * Poor villages a unit with {@code activeCadres} ACTIVE cadres must link (部门联村): the band with the
     * highest {@code min-cadres} not above the count; 0 below the first band.
     */
    public int requiredVillages(long activeCadres) {
        int required = 0;
        int bestMin = Integer.MIN_VALUE;
        for (PairingConfig.VillageBand band : config.rules().villageBands()) {
            if (band.minCadres() <= activeCadres && band.minCadres() > bestMin) {
                bestMin = band.minCadres();
                required = band.villages();
            }
        }
        return required;
    }

    /** The band table, lowest band first (for the API and the docs). */
    public List<PairingConfig.VillageBand> villageBands() {
        return config.rules().villageBands().stream()
                .sorted(Comparator.comparingInt(PairingConfig.VillageBand::minCadres)).toList();
    }
}
