package org.debswarm.governor.internal;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;

/** The mirrors the tests need, each a plain Jetty {@link Handler}. */
final class MirrorHandlers {

    interface Body {
        boolean handle(Request request, Response response, Callback callback) throws Exception;
    }

    private MirrorHandlers() {
    }

    static Handler of(Body body) {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                return body.handle(request, response, callback);
            }
        };
    }

    /** A complete answer at once. */
    static Handler fixed(int status, byte[] body) {
        return of((rq, rs, cb) -> answer(rs, cb, status, body));
    }

    /** A complete answer after {@code delayMillis}, without holding a server thread meanwhile. */
    static Handler delayed(TestMirror mirror, long delayMillis, byte[] body) {
        return of((rq, rs, cb) -> {
            mirror.timer.schedule(() -> answer(rs, cb, 200, body), delayMillis, TimeUnit.MILLISECONDS);
            return true;
        });
    }

    /** Headers announcing 1000 bytes, then silence: a hung mirror. */
    static Handler hangAfterHeaders() {
        return of((rq, rs, cb) -> {
            rq.addFailureListener(cb::failed);
            rs.setStatus(200);
            rs.getHeaders().put(HttpHeader.CONTENT_LENGTH, 1000);
            rs.write(false, BufferUtil.EMPTY_BUFFER, Callback.NOOP);
            return true;
        });
    }

    /** One byte every {@code periodMillis} of a declared {@code length}: a trickling mirror. */
    static Handler trickle(TestMirror mirror, int length, long periodMillis) {
        return of((rq, rs, cb) -> {
            rq.addFailureListener(cb::failed);
            rs.setStatus(200);
            rs.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
            new Object() {
                int sent;

                void next() {
                    boolean last = ++sent == length;
                    rs.write(last, ByteBuffer.wrap(new byte[] {'x'}), Callback.from(
                            () -> {
                                if (last) {
                                    cb.succeeded();
                                } else {
                                    mirror.timer.schedule(this::next, periodMillis, TimeUnit.MILLISECONDS);
                                }
                            }, cb::failed));
                }
            }.next();
            return true;
        });
    }

    /** Declares {@code declared} bytes, sends {@code sent}, then closes the connection. */
    static Handler dropMidBody(int declared, int sent) {
        return of((rq, rs, cb) -> {
            rs.setStatus(200);
            rs.getHeaders().put(HttpHeader.CONTENT_LENGTH, declared);
            rs.write(false, ByteBuffer.wrap(new byte[sent]), Callback.from(
                    () -> {
                        rq.getConnectionMetaData().getConnection().getEndPoint().close();
                        cb.failed(new java.io.IOException("dropped on purpose"));
                    }, cb::failed));
            return true;
        });
    }

    /** {@code failing} answers of {@code status}, then 200 with {@code body}. */
    static Handler failFirst(int failing, int status, byte[] body) {
        AtomicInteger count = new AtomicInteger();
        return of((rq, rs, cb) -> count.incrementAndGet() <= failing
                ? answer(rs, cb, status, "try later".getBytes())
                : answer(rs, cb, 200, body));
    }

    /** A redirect to {@code location}. */
    static Handler redirect(int status, String location) {
        return of((rq, rs, cb) -> {
            rs.getHeaders().put(HttpHeader.LOCATION, location);
            return answer(rs, cb, status, new byte[0]);
        });
    }

    /** Files of {@code dir} with Last-Modified, ETag, conditional requests and byte ranges. */
    static Handler files(Path dir) {
        ResourceHandler handler = new ResourceHandler();
        handler.setBaseResource(ResourceFactory.root().newResource(dir));
        handler.setEtags(true);
        handler.setAcceptRanges(true);
        handler.setDirAllowed(false);
        return handler;
    }

    static boolean answer(Response response, Callback callback, int status, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
