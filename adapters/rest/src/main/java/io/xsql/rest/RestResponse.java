package io.xsql.rest;

import java.net.URI;
import java.net.http.HttpHeaders;

/**
 * One response the API gave.
 *
 * @param uri what was asked (without credentials in the query)
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the body
 */
record RestResponse(URI uri, int status, HttpHeaders headers, byte[] body) {}
