package cn.gansu.lianhu.api.audit;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.Page;
import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.api.security.Roles;

/**
 * The audit trail of this service (DESIGN.md §5, issue 6 point 4): every change made through its API —
 * who, when, what, before and after — queryable per entity and per actor. Only PROVINCE_ADMIN and AUDITOR
 * read it; every other role gets 403.
 */
@Path("/api/v1/audit")
@Tag(name = "Audit", description = "Who changed what, when, before and after (DESIGN.md §5)")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    @Inject
    Audit audit;
    @Inject
    Clock clock;

    /**
     * Audit entries, newest first.
     *
     * @return a page of {@link AuditEntry}; 400 for a bad date, page or size, or {@code to} before
     *         {@code from}; 401 without a valid token; 403 for roles other than PROVINCE_ADMIN and AUDITOR
     */
    @GET
    @RolesAllowed({ Roles.PROVINCE_ADMIN, Roles.AUDITOR })
    @Operation(operationId = "listAuditEntries", summary = "List audited changes",
            description = "Every change made through this service's API, newest first: who (actor and role), when, "
                    + "the entity and action, and the entity before and after (personal numbers masked). Filter by "
                    + "entity kind and id for one entity's history, or by actor for everything one person did; "
                    + "`from`/`to` are days in Beijing time, `to` inclusive. PROVINCE_ADMIN and AUDITOR only.")
    @APIResponse(responseCode = "200", description = "A page of audit entries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class),
                    examples = @ExampleObject(name = "one change", value = """
                            {"items":[{"id":"0b5c3f2e-6a7d-4e1f-9c2b-3d4e5f607182","at":"2026-11-29T10:15:00+08:00",
                             "actor":"zhang.wei","actorRole":"REGION_ADMIN","entity":"household",
                             "entityId":"7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718","action":"UPDATED",
                             "before":{"address":"一组"},"after":{"address":"二组"}}],"page":0,"size":50,"total":1}""")))
    @APIResponse(responseCode = "400", description = "Bad filter: `from`/`to` not yyyy-MM-dd or `page`/`size` not an "
            + "integer (`param.type`), `to` before `from` (`period`), page or size out of range (`min`, `max`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "wrong parameter type", value = """
                            {"type":"urn:lianhu:problem:validation","title":"Request is not valid","status":400,
                             "detail":"size must be an integer, not 'ten'","instance":"/api/v1/audit",
                             "errors":[{"field":"size","rule":"param.type","message":"size must be an integer, not 'ten'"}]}""")))
    public Page<AuditEntry> list(
            @Parameter(description = "entity kind, e.g. household, unit, cadre, pairing, visit, demand", example = "household")
            @QueryParam("entity") @Size(max = 64) String entity,
            @Parameter(description = "entity id (UUID or NBS code)", example = "7c6f0e1a-8b2d-4f3e-a1b2-c3d4e5f60718")
            @QueryParam("entityId") @Size(max = 64) String entityId,
            @Parameter(description = "actor (the token's preferred_username, upn or sub)", example = "zhang.wei")
            @QueryParam("actor") @Size(max = 200) String actor,
            @Parameter(description = "first day, yyyy-MM-dd (Beijing time)", example = "2026-11-01")
            @QueryParam("from") LocalDate from,
            @Parameter(description = "last day, yyyy-MM-dd (Beijing time), inclusive", example = "2026-11-30")
            @QueryParam("to") LocalDate to,
            @Parameter(description = "zero-based page index", example = "0")
            @QueryParam("page") @Min(0) @Max(Page.MAX_PAGE) Integer page,
            @Parameter(description = "page size, 1..500 (default 50)", example = "50")
            @QueryParam("size") @Min(1) @Max(Page.MAX_SIZE) Integer size) {
        if (from != null && to != null && to.isBefore(from)) {
            throw ApiException.invalid("to", "period", "to " + to + " is before from " + from);
        }
        OffsetDateTime start = from == null ? null : from.atStartOfDay(clock.getZone()).toOffsetDateTime();
        OffsetDateTime end = to == null ? null : to.plusDays(1).atStartOfDay(clock.getZone()).toOffsetDateTime();
        return audit.find(blank(entity), blank(entityId), blank(actor), start, end, page == null ? 0 : page,
                size == null ? 50 : size);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
