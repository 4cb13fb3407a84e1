package io.parley.command.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Request bodies are JSON and nothing else: a body sent as anything but {@code application/json} (or a
 * {@code +json} type) is 415 before a converter sees it, so neither a wildcard type nor YAML, which Spring
 * would otherwise read, reaches a controller. Uploads ({@link UploadRoutes}) are raw bytes of any type.
 */
class JsonOnlyFilter extends OncePerRequestFilter {

    private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON);

    private final HandlerExceptionResolver resolver;

    JsonOnlyFilter(HandlerExceptionResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        // A wildcard is no content type at all, body or not: Spring refuses to read even an empty body under it with
        // an IllegalArgumentException (found by the fuzz: an empty POST with "*/*" answered 500).
        if (contentType != null && !UploadRoutes.isUpload(request)
                && (isWildcard(contentType) || hasBody(request) && !isJson(contentType))) {
            resolver.resolveException(request, response, null,
                    new HttpMediaTypeNotSupportedException("Request bodies are JSON (application/json).", JSON));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private static boolean isWildcard(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isWildcardType() || type.isWildcardSubtype();
        } catch (InvalidMediaTypeException malformed) {
            return false;
        }
    }

    private static boolean isJson(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype()
                    && "application".equals(type.getType())
                    && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
        } catch (InvalidMediaTypeException malformed) {
            return false;
        }
    }
}
