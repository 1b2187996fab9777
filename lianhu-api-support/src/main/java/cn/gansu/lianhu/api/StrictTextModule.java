package cn.gansu.lianhu.api;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Makes every JSON string a service reads pass {@link TextRules}, so a NUL byte or a lone surrogate in any
 * field is a 400 naming that field, not a database error; and dates strict: only a {@code yyyy-MM-dd} string.
 * Amounts are written as plain numbers: 5000 yuan never appears as {@code 5E+3}.
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
        // a date is a "yyyy-MM-dd" string: 20261129 is a 400, not the 20,261,129th day after 1970
        mapper.configOverride(LocalDate.class).setFormat(JsonFormat.Value.forLeniency(false));
        // {"a":1}}}] is not JSON: Jackson would read the first value and ignore the rest (issue 8 point 4)
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // a normalised decimal (5000 read back from jsonb or an event) is written 5000, not 5E+3
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    }
}
