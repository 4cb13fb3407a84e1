package io.parley.command.web;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/** The one route whose body is not JSON: an attachment upload, raw bytes of any type and up to its own size. */
public final class UploadRoutes {

    public static final String UPLOAD = "/api/v1/conversations/{conversationId}/attachments";
    private static final Pattern PATH = Pattern.compile("/api/v1/conversations/[^/]+/attachments/?");

    private UploadRoutes() {
    }

    static boolean isUpload(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && PATH.matcher(request.getRequestURI()).matches();
    }
}
