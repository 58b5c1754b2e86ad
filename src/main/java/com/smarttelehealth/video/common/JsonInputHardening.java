package com.smarttelehealth.video.common;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Text that PostgreSQL cannot store (the NUL character) is refused while the JSON is read, so that it
 * answers 400 with the field instead of failing deep in the database.
 */
@Singleton
public class JsonInputHardening implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("video-input-hardening");
        module.addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                String value = super.deserialize(parser, context);
                if (value != null && value.indexOf('\u0000') >= 0) {
                    return (String) context.handleWeirdStringValue(String.class, value, "contains a NUL character");
                }
                return value;
            }
        });
        mapper.registerModule(module);
    }
}
