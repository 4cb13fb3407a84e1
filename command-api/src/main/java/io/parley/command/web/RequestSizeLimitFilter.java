package io.parley.command.web;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * 413 for bodies over the limit: at once when Content-Length says so, and while reading when a chunked body
 * grows past it (the converter's read fails with {@link PayloadTooLargeException}, which the advice maps). 408 for
 * a body still arriving after the body time ({@link RequestTimeoutException}): a client that trickles its body
 * holds a request thread no longer than that. (Trickled headers hold no thread: Tomcat reads them without one.)
 */
class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final long bodyNanos;
    private final long uploadMaxBytes;
    private final long uploadNanos;
    private final HandlerExceptionResolver resolver;

    /** Uploads ({@link UploadRoutes}) get limits of their own: the attachment size and upload time. */
    RequestSizeLimitFilter(long maxBytes, Duration bodyTime, long uploadMaxBytes, Duration uploadTime,
                           HandlerExceptionResolver resolver) {
        this.maxBytes = maxBytes;
        this.bodyNanos = bodyTime.toNanos();
        this.uploadMaxBytes = uploadMaxBytes;
        this.uploadNanos = uploadTime.toNanos();
        this.resolver = resolver;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean upload = UploadRoutes.isUpload(request);
        long maxBytes = upload ? uploadMaxBytes : this.maxBytes;
        long bodyNanos = upload ? uploadNanos : this.bodyNanos;
        if (request.getContentLengthLong() > maxBytes) {
            resolver.resolveException(request, response, null, new PayloadTooLargeException());
            return;
        }
        chain.doFilter(new LimitedRequest(request, maxBytes, System.nanoTime() + bodyNanos), response);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long maxBytes;
        private final long deadline;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long maxBytes, long deadline) {
            super(request);
            this.maxBytes = maxBytes;
            this.deadline = deadline;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), maxBytes, deadline);
            }
            return stream;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long maxBytes;
        private final long deadline;
        private long read;

        LimitedInputStream(ServletInputStream delegate, long maxBytes, long deadline) {
            this.delegate = delegate;
            this.maxBytes = maxBytes;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            int next = delegate.read();
            if (next >= 0) {
                count(1);
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = delegate.read(buffer, offset, length);
            if (count > 0) {
                count(count);
            }
            return count;
        }

        private void count(int bytes) throws IOException {
            read += bytes;
            if (read > maxBytes) {
                throw new PayloadTooLargeException();
            }
            if (System.nanoTime() - deadline > 0 && !delegate.isFinished()) {
                throw new RequestTimeoutException();
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
