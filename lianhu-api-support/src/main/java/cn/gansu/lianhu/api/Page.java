package cn.gansu.lianhu.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a list (DESIGN.md §4: lists are paginated).
 *
 * @param items    the rows of this page
 * @param page     zero-based page index
 * @param size     page size asked for
 * @param total    number of rows matching the filters, all pages together
 */
@Schema(name = "Page")
public record Page<T>(List<T> items, int page, int size, long total) {
    /** Largest page size a client may ask for. */
    public static final int MAX_SIZE = 500;
    /** Largest page index a client may ask for (keeps page × size far from overflow). */
    public static final int MAX_PAGE = 1_000_000;
}
