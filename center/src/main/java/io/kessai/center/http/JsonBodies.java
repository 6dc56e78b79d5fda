package io.kessai.center.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Reads a request body as JSON into a record, turning every way it can be wrong into a specific
 * {@link ApiException}: wrong content type (415), empty or malformed JSON with line and column (400
 * {@code malformed_json}), a field that does not exist ({@code unknown_field}) or has the wrong JSON type
 * ({@code invalid_field}). Values are never echoed back, only where and what kind of thing was wrong.
 */
public final class JsonBodies {
    private static final String JSON_MEDIA_TYPE = "application/json";

    private JsonBodies() {}

    public static <T> T read(Context ctx, Class<T> type) {
        requireJsonContentType(ctx.contentType());
        byte[] body = ctx.bodyAsBytes(); // bounded by the server's maximum request size
        if (body.length == 0) {
            throw ApiException.badRequest("malformed_json", "the request body is empty; expected a JSON object", null);
        }
        try {
            T value = Json.MAPPER.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("malformed_json", "the request body is null; expected a JSON object", null);
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String field = fieldPath(e);
            throw ApiException.badRequest("unknown_field", "field " + field + " is not part of this request", field);
        } catch (MismatchedInputException e) {
            throw mismatched(e);
        } catch (StreamConstraintsException e) {
            throw ApiException.badRequest("malformed_json", "the JSON is nested too deeply or a string is too long", null);
        } catch (JsonMappingException e) {
            String field = fieldPath(e);
            throw ApiException.badRequest("invalid_field", "field " + field + " has a value that cannot be read", field);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw ApiException.badRequest("malformed_json", "the request body could not be read", null);
        }
    }

    static void requireJsonContentType(String contentType) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(JSON_MEDIA_TYPE)) {
            String got = contentType == null ? "no Content-Type" : "Content-Type " + mediaType;
            throw new ApiException(HttpStatusCodes.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "the request body must be application/json, got " + got);
        }
    }

    private static ApiException malformed(JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        String original = e.getOriginalMessage() == null ? "syntax error" : firstLine(e.getOriginalMessage());
        String position = where == null ? "" : "line " + where.getLineNr() + ", column " + where.getColumnNr() + ": ";
        return ApiException.badRequest("malformed_json", "malformed JSON at " + position + original, null);
    }

    private static ApiException mismatched(MismatchedInputException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.isEmpty()) {
            return ApiException.badRequest("malformed_json", "the request body must be a JSON object", null);
        }
        String field = fieldPath(e);
        return ApiException.badRequest("invalid_field",
                "field " + field + " must be " + describe(e.getTargetType()), field);
    }

    private static String describe(Class<?> target) {
        if (target == null) {
            return "of another JSON type";
        }
        if (target == String.class) {
            return "a string";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "a whole number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(target)) {
            return "an array";
        }
        return "an object";
    }

    /** {@code link.port}, {@code issuerCodes[2]}: the way the field is named in error answers. */
    static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
