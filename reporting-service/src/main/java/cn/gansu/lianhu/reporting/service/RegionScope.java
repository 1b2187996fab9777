package cn.gansu.lianhu.reporting.service;

/**
 * A region reporting has received, resolved from a code given short or in full.
 *
 * @param code  12-digit NBS code
 * @param name  its name
 * @param level PROVINCE, PREFECTURE, COUNTY, TOWNSHIP or VILLAGE
 * @param like  SQL {@code LIKE} pattern of every code under it, itself included: its significant prefix
 *              (2/4/6/9/12 digits by level) followed by {@code %}
 */
public record RegionScope(String code, String name, String level, String like) {
}
