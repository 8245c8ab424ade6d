/**
 * Strict reading of the JSON bodies the REST API takes: unknown fields, wrong types, unknown
 * enum values and malformed times are each an
 * {@link nl.mailwijs.decisionjson.InvalidRequestException} naming the field, so a client
 * learns from the 400 exactly what to fix. The decision request has its own streaming reader
 * in {@code decisionjson}; this one serves the smaller bodies of the other endpoints.
 */
@org.springframework.modulith.ApplicationModule(displayName = "API JSON")
package nl.mailwijs.apijson;
