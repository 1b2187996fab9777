package cn.gansu.lianhu.api;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Locale;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * Boolean query parameters accept only {@code true} or {@code false} (any case). JAX-RS would read anything
 * else — {@code ?dryRun=maybe} — as false and, say, really import a file; here it is a 400 problem
 * (rule {@code param.type}).
 */
@Provider
public class StrictBooleanParamConverter implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType != Boolean.class && rawType != boolean.class) {
            return null;
        }
        return (ParamConverter<T>) new ParamConverter<Boolean>() {
            @Override
            public Boolean fromString(String value) {
                if (value == null) {
                    return null;
                }
                return switch (value.trim().toLowerCase(Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException("'" + value + "' is not true or false");
                };
            }

            @Override
            public String toString(Boolean value) {
                return String.valueOf(value);
            }
        };
    }
}
