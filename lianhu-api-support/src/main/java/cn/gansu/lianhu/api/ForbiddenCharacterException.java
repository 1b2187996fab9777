package cn.gansu.lianhu.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/** A JSON string breaks {@link TextRules}; answered 400 with rule {@value TextRules#RULE}. */
public class ForbiddenCharacterException extends JsonMappingException {
    public ForbiddenCharacterException(JsonParser parser, String message) {
        super(parser, message);
    }
}
