package cn.gansu.lianhu.registry.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * OpenAPI schema of a {@code Page<RegionView>} (the generic {@link cn.gansu.lianhu.api.Page} has no
 * element type in the document); only used in annotations.
 *
 * @param items regions of this page, ordered by code
 * @param page  zero-based page index
 * @param size  page size asked for (at most {@link cn.gansu.lianhu.api.Page#MAX_SIZE})
 * @param total regions matching, all pages together
 */
@Schema(name = "RegionPage", description = "One page of regions")
record RegionPage(List<RegionView> items, int page, int size, long total) {
}
