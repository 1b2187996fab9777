package cn.gansu.lianhu.visit.service;

import java.util.List;

import cn.gansu.lianhu.api.Page;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads visit logs. Visit logs are not recorded yet (they need pairings, which pairing-service does not
 * publish yet), so every list is empty, with the paging the caller asked for.
 */
@ApplicationScoped
public class VisitQueries {

    /**
     * @param page zero-based page index
     * @param size page size, 1..{@link Page#MAX_SIZE}
     */
    public Page<VisitSummary> list(int page, int size) {
        return new Page<>(List.of(), page, size, 0);
    }
}
