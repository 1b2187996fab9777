package cn.gansu.lianhu.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The generated Java clients of module {@code lianhu-api-clients} (issue 9 point 2), one {@code ApiClient} per
 * service of a running suite: base URL {@link Launcher#baseUrl} (the port from the launcher's {@link Settings}) and a
 * request interceptor sending {@code Authorization: Bearer <token>} (none when the token is null). The end-to-end
 * test calls the suite through these, so a change of a service's contract it relies on fails its compile.
 *
 * <p>Each client has its own {@code ApiException}; {@link #failure} turns the one a call throws into a
 * {@link Failure} (status, headers, body) whose body parses into that client's {@code Problem}.
 */
final class SuiteClients {
    /** Reads problem bodies as the generated clients read their responses. */
    static final ObjectMapper MAPPER = cn.gansu.lianhu.client.registry.ApiClient.createDefaultObjectMapper();
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    final cn.gansu.lianhu.client.registry.ApiClient registry;
    final cn.gansu.lianhu.client.pairing.ApiClient pairing;
    final cn.gansu.lianhu.client.visit.ApiClient visit;
    final cn.gansu.lianhu.client.reporting.ApiClient reporting;

    /**
     * @param suite the running suite (its base URLs)
     * @param token the bearer token every request sends, or null for none
     */
    SuiteClients(Launcher suite, String token) {
        Consumer<HttpRequest.Builder> bearer = token == null ? null
                : request -> request.header("Authorization", "Bearer " + token);
        registry = new cn.gansu.lianhu.client.registry.ApiClient();
        registry.updateBaseUri(suite.baseUrl(Service.REGISTRY));
        registry.setRequestInterceptor(bearer).setReadTimeout(READ_TIMEOUT);
        pairing = new cn.gansu.lianhu.client.pairing.ApiClient();
        pairing.updateBaseUri(suite.baseUrl(Service.PAIRING));
        pairing.setRequestInterceptor(bearer).setReadTimeout(READ_TIMEOUT);
        visit = new cn.gansu.lianhu.client.visit.ApiClient();
        visit.updateBaseUri(suite.baseUrl(Service.VISIT));
        visit.setRequestInterceptor(bearer).setReadTimeout(READ_TIMEOUT);
        reporting = new cn.gansu.lianhu.client.reporting.ApiClient();
        reporting.updateBaseUri(suite.baseUrl(Service.REPORTING));
        reporting.setRequestInterceptor(bearer).setReadTimeout(READ_TIMEOUT);
    }

    cn.gansu.lianhu.client.registry.api.HouseholdsApi households() {
        return new cn.gansu.lianhu.client.registry.api.HouseholdsApi(registry);
    }

    cn.gansu.lianhu.client.registry.api.HouseholdImportsApi householdImports() {
        return new cn.gansu.lianhu.client.registry.api.HouseholdImportsApi(registry);
    }

    cn.gansu.lianhu.client.pairing.api.VillagesApi villages() {
        return new cn.gansu.lianhu.client.pairing.api.VillagesApi(pairing);
    }

    cn.gansu.lianhu.client.pairing.api.UnitsApi units() {
        return new cn.gansu.lianhu.client.pairing.api.UnitsApi(pairing);
    }

    cn.gansu.lianhu.client.pairing.api.CadresApi cadres() {
        return new cn.gansu.lianhu.client.pairing.api.CadresApi(pairing);
    }

    cn.gansu.lianhu.client.pairing.api.PlannerApi planner() {
        return new cn.gansu.lianhu.client.pairing.api.PlannerApi(pairing);
    }

    cn.gansu.lianhu.client.pairing.api.PairingsApi pairings() {
        return new cn.gansu.lianhu.client.pairing.api.PairingsApi(pairing);
    }

    cn.gansu.lianhu.client.visit.api.VisitsApi visits() {
        return new cn.gansu.lianhu.client.visit.api.VisitsApi(visit);
    }

    cn.gansu.lianhu.client.visit.api.VisitPlansApi visitPlans() {
        return new cn.gansu.lianhu.client.visit.api.VisitPlansApi(visit);
    }

    cn.gansu.lianhu.client.visit.api.DemandsApi demands() {
        return new cn.gansu.lianhu.client.visit.api.DemandsApi(visit);
    }

    cn.gansu.lianhu.client.reporting.api.CoverageApi coverage() {
        return new cn.gansu.lianhu.client.reporting.api.CoverageApi(reporting);
    }

    cn.gansu.lianhu.client.reporting.api.VisitsAndContinuityApi visitFigures() {
        return new cn.gansu.lianhu.client.reporting.api.VisitsAndContinuityApi(reporting);
    }

    cn.gansu.lianhu.client.reporting.api.TrendsAndDrillDownApi drillDown() {
        return new cn.gansu.lianhu.client.reporting.api.TrendsAndDrillDownApi(reporting);
    }

    cn.gansu.lianhu.client.reporting.api.AssessmentApi assessment() {
        return new cn.gansu.lianhu.client.reporting.api.AssessmentApi(reporting);
    }

    /** A client call; the generated methods throw their client's checked ApiException. */
    @FunctionalInterface
    interface Call<T> {
        T call() throws Exception;
    }

    /** An error answer as a generated client reports it (its ApiException). */
    record Failure(int status, HttpHeaders headers, String body) {
        /** The problem+json body in the calling client's {@code Problem} model. */
        <P> P problem(Class<P> type) {
            assertTrue(headers.firstValue("Content-Type").orElse("").startsWith("application/problem+json"), body);
            try {
                return MAPPER.readValue(body, type);
            } catch (IOException e) {
                throw new AssertionError("not a problem body: " + body, e);
            }
        }
    }

    /** Runs a call that must fail with an HTTP error; returns the error its client reported. */
    static Failure failure(Call<?> call) {
        Object answer;
        try {
            answer = call.call();
        } catch (cn.gansu.lianhu.client.registry.ApiException e) {
            return new Failure(e.getCode(), e.getResponseHeaders(), e.getResponseBody());
        } catch (cn.gansu.lianhu.client.pairing.ApiException e) {
            return new Failure(e.getCode(), e.getResponseHeaders(), e.getResponseBody());
        } catch (cn.gansu.lianhu.client.visit.ApiException e) {
            return new Failure(e.getCode(), e.getResponseHeaders(), e.getResponseBody());
        } catch (cn.gansu.lianhu.client.reporting.ApiException e) {
            return new Failure(e.getCode(), e.getResponseHeaders(), e.getResponseBody());
        } catch (Exception e) {
            throw new AssertionError("the call failed without an HTTP answer", e);
        }
        throw new AssertionError("the call should have failed, it answered " + answer);
    }

    /** Runs a call that must succeed (an ApiException becomes an AssertionError with the status and body). */
    static <T> T ok(Call<T> call) {
        try {
            return call.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
