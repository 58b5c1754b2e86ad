package com.smarttelehealth.video.common.web;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Limits on what a JSON body may be: text that PostgreSQL cannot store (the NUL character) is refused
 * while the JSON is read, so that it answers 400 with the field instead of failing deep in the
 * database; and no body may nest deeper than {@value #MAX_DEPTH} levels (ours need four).
 */
@Singleton
public class JsonInputHardening implements ObjectMapperCustomizer {

    static final int MAX_DEPTH = 32;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
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
