package cn.gansu.lianhu.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The mapper of REST bodies: the application's mapper ({@link StrictTextModule} included) that also refuses unknown
 * fields — 400 {@code json.unknown-field} naming the field, so a misspelt {@code "incomePerCapta"} is not silently
 * dropped (issue 8 point 4; Quarkus' default ignores them) — and that reads a JSON number or boolean where text is
 * expected as the wrong type (400 {@code json.type}), not as its digits ({@code "householdNo":12345}). Only REST
 * bodies: events keep reading tolerantly ({@code CloudEvents}), so a producer may add a field without breaking its
 * consumers.
 */
@Provider
public class StrictRequestMapper implements ContextResolver<ObjectMapper> {
    private final ObjectMapper strict;

    @Inject
    public StrictRequestMapper(ObjectMapper mapper) {
        this.strict = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }
}
