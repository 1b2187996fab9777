package cn.gansu.lianhu.api.audit;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One change in the audit trail (DESIGN.md §5, issue 6 point 4).
 *
 * @param id        entry id
 * @param at        when the change was committed (service time, Asia/Shanghai offset)
 * @param actor     who made it: the token's {@code preferred_username}, {@code upn} or {@code sub}
 * @param actorRole the role the actor held ({@code PROVINCE_ADMIN}, …)
 * @param entity    kind of entity changed ({@code household}, {@code unit}, {@code pairing}, {@code visit}, …)
 * @param entityId  its id (a UUID, or an NBS code for regions)
 * @param action    what was done ({@code CREATED}, {@code UPDATED}, {@code STATUS_CHANGED}, {@code ENDED},
 *                  {@code IMPORTED}, …)
 * @param before    the entity as it was (null when created); personal numbers masked
 * @param after     the entity as it became (null when removed); personal numbers masked
 */
@Schema(name = "AuditEntry", description = "One audited change: who, when, what, before and after", example = """
        {"id":"0b5c3f2e-6a7d-4e1f-9c2b-3d4e5f607182","at":"2026-11-29T10:15:00+08:00","actor":"zhang.wei",
         "actorRole":"REGION_ADMIN","entity":"household","entityId":"7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718",
         "action":"UPDATED","before":{"address":"一组"},"after":{"address":"二组"}}""")
public record AuditEntry(UUID id, OffsetDateTime at, String actor, String actorRole, String entity,
        String entityId, String action, JsonNode before, JsonNode after) {
}
