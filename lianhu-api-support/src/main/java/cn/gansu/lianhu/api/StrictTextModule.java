package cn.gansu.lianhu.api;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Makes every JSON string a service reads pass {@link TextRules}, so a NUL byte or a lone surrogate in any
 * field is a 400 naming that field, not a database error.
 */
@Singleton
public class StrictTextModule implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("lianhu-strict-text");
        module.addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String s = super.deserialize(p, ctxt);
                Optional<String> bad = TextRules.violation(s);
                if (bad.isPresent()) {
                    throw new ForbiddenCharacterException(p, bad.get());
                }
                return s;
            }
        });
        mapper.registerModule(module);
    }
}
