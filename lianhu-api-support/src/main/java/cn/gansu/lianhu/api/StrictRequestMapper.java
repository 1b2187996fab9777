package cn.gansu.lianhu.api;

import java.io.IOException;
import java.time.LocalDate;

import jakarta.inject.Inject;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The mapper of REST bodies: the application's mapper ({@link StrictTextModule} included) that also refuses unknown
 * fields — 400 {@code json.unknown-field} naming the field, so a misspelt {@code "incomePerCapta"} is not silently
 * dropped (issue 8 point 4; Quarkus' default ignores them) — and that reads a JSON number or boolean where text is
 * expected as the wrong type (400 {@code json.type}), not as its digits ({@code "householdNo":12345}), and likewise
 * text where a number is expected ({@code "version":"１２３"}). Only REST
 * bodies: events keep reading tolerantly ({@code CloudEvents}), so a producer may add a field without breaking its
 * consumers. Dates in bodies lie in {@value #MIN_YEAR}–{@value #MAX_YEAR}: a household "in poverty since" year 0 or
 * +99999 is a typing error, not a date (400 {@code json.type}).
 */
@Provider
public class StrictRequestMapper implements ContextResolver<ObjectMapper> {
    /** First and last year a date in a request body may have. */
    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 2099;

    private final ObjectMapper strict;

    @Inject
    public StrictRequestMapper(ObjectMapper mapper) {
        // an enum is one of its names (or Chinese terms), never its index: "mainCause":7 was LACK_OF_LABOUR
        this.strict = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                // and an integer is not a fraction: "version":1.5 was read as 1
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // and text where a number is expected: "version":"１２３" was read as 123 (Long.parseLong takes any digit)
        strict.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        strict.registerModule(new SimpleModule("lianhu-date-range").setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription desc,
                    JsonDeserializer<?> deserializer) {
                return desc.getBeanClass() == LocalDate.class ? new DateRange(deserializer) : deserializer;
            }
        }));
    }

    /** Reads a date with the given deserializer, then refuses one outside {@link #MIN_YEAR}–{@link #MAX_YEAR}. */
    static final class DateRange extends DelegatingDeserializer {
        DateRange(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new DateRange(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING)) {
                // [2026,11,29] or 1764374400 are not dates here: only "yyyy-MM-dd"
                return ctxt.reportInputMismatch(LocalDate.class, "a date is a \"yyyy-MM-dd\" string");
            }
            Object value = super.deserialize(p, ctxt);
            if (value instanceof LocalDate d && (d.getYear() < MIN_YEAR || d.getYear() > MAX_YEAR)) {
                throw InvalidFormatException.from(p, "date " + d + " is outside " + MIN_YEAR + "-" + MAX_YEAR, d.toString(),
                        LocalDate.class);
            }
            return value;
        }
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }
}
