package cn.gansu.lianhu.reporting.rest;

import java.net.URI;

import org.eclipse.microprofile.openapi.annotations.Operation;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * The supervisors' dashboard (issue 5 point 5) is a static page of this service at {@code /dashboard/}
 * ({@code src/main/resources/META-INF/resources/dashboard/}: index.html, dashboard.js, dashboard.css; ECharts from
 * the webjar at {@code /webjars/echarts/5.3.1/dist/echarts.min.js}). A browser pointed at the service's root or at
 * {@code /dashboard} without the slash is sent there (303), so the page's relative links resolve. Not part of the
 * API: hidden from the OpenAPI document. Public ({@code @PermitAll}), like the static page itself: the page asks for
 * a token (from {@code #token=} in its URL, or pasted) and sends it with every request to the API.
 */
@Path("/")
@PermitAll
public class DashboardRedirect {

    /** Where the dashboard lives. */
    public static final URI DASHBOARD = URI.create("/dashboard/");

    /** {@code GET /}: 303 to {@code /dashboard/}. */
    @GET
    @Operation(hidden = true)
    public Response root() {
        return Response.seeOther(DASHBOARD).build();
    }

    /** {@code GET /dashboard}: 303 to {@code /dashboard/}. */
    @GET
    @Path("dashboard")
    @Operation(hidden = true)
    public Response dashboard() {
        return Response.seeOther(DASHBOARD).build();
    }
}
