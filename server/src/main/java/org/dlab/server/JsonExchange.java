package org.dlab.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Request bodies in and JSON out, the same way for every route: strict parsing (unknown fields,
 * trailing tokens and nulls for numbers refused) with the offending field named, and a size cap.
 */
final class JsonExchange {
    // the fast (Schubfach) double writer: a response is mostly doubles
    private final ObjectMapper json = JsonMapper.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // "n": 2.7 is refused, not truncated to 2
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private final ObjectWriter writer = json.writer();

    <T> T body(Context ctx, Class<T> type) {
        String ct = ctx.contentType();
        if (ct == null || !ct.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
            // also keeps plain HTML forms on other sites from posting here (they cannot send JSON without CORS)
            throw new ApiException(415, "Content-Type", "send the body as application/json");
        }
        long declared = ctx.contentLength();
        if (declared > Api.MAX_BODY_BYTES) {
            // read a moderately oversized body before answering, so that the client, still sending,
            // gets the 413 instead of a broken pipe; an absurd one is refused without reading
            if (declared <= DRAINED_BYTES) discardBody(ctx, declared);
            throw tooLarge(declared);
        }
        byte[] b = readBody(ctx);
        if (b.length > Api.MAX_BODY_BYTES) throw tooLarge(b.length);
        if (b.length == 0) throw ApiException.badRequest(null, "the request body is empty; send a JSON object ({} for the defaults)");
        T value;
        try {
            value = json.readValue(b, type);
        } catch (UnrecognizedPropertyException e) {
            List<String> known = new ArrayList<>();
            for (Object o : e.getKnownPropertyIds()) known.add(String.valueOf(o));
            known.sort(null);
            throw ApiException.badRequest(e.getPropertyName(), "unknown field '" + e.getPropertyName() + "'; allowed: " + String.join(", ", known));
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(p -> p.getFieldName() != null ? p.getFieldName() : "[" + p.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw ApiException.badRequest(field.isEmpty() ? null : field, "wrong value" + (field.isEmpty() ? "" : " for '" + field + "'") + ": " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(null, "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest(null, "cannot read the body: " + e.getMessage());
        }
        if (value == null) throw ApiException.badRequest(null, "the body is null; send a JSON object ({} for the defaults)");
        return value;
    }

    /**
     * The body, read under a cap on bodies being received at once and a deadline for each: a
     * client trickling a byte every few seconds holds a slot for BODY_DEADLINE_MS at most, and
     * clients beyond the cap are answered 503 at once, so slow uploads cannot take every thread.
     */
    private byte[] readBody(Context ctx) {
        InputStream in;
        try {
            in = ctx.req().getInputStream();
            // the usual case: the whole body came with the headers, so reading it cannot block
            long declared = ctx.contentLength();
            if (declared >= 0 && in.available() >= declared) return in.readNBytes(Api.MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw ApiException.badRequest(null, "cannot read the body");
        }
        return inLane(ctx, body -> body.readNBytes(Api.MAX_BODY_BYTES + 1));
    }

    /** Reads and drops up to {@code n} bytes of the body, under the same slots and deadlines as {@link #readBody}. */
    private void discardBody(Context ctx, long n) {
        try {
            inLane(ctx, body -> {
                byte[] buf = new byte[8192];
                long left = n;
                for (int got; left > 0 && (got = body.read(buf, 0, (int) Math.min(buf.length, left))) > 0; ) left -= got;
                return null;
            });
        } catch (ApiException busySlowOrGone) {
            // nothing more to do than answer
        }
    }

    private interface BodyRead<T> {
        T read(InputStream body) throws IOException;
    }

    /**
     * Reads a body still on its way in a slot: a patient one (few, long deadline), else a quick one
     * (short deadline); quick slots free up every few ms under abuse (each lasts 300 ms at most), so
     * a short wait finds one. No slot is a 503, a missed deadline a 408.
     */
    private <T> T inLane(Context ctx, BodyRead<T> read) {
        Semaphore lane = uploads.tryAcquire() ? uploads : acquireQuick() ? quick : null;
        if (lane == null) throw new ApiException(503, null, "too many request bodies are being received at once; try again");
        long limit = lane == uploads ? Api.BODY_DEADLINE_MS : Api.QUICK_BODY_DEADLINE_MS;
        ScheduledFuture<?> abort = TIMER.schedule(() -> closeConnection(ctx), limit, TimeUnit.MILLISECONDS);
        try {
            return read.read(ctx.req().getInputStream());
        } catch (IOException | RuntimeException e) {
            if (abort.isDone()) throw new ApiException(408, null, "the request body took longer than " + limit + " ms to arrive");
            throw ApiException.badRequest(null, "cannot read the body");
        } finally {
            abort.cancel(false);
            lane.release();
        }
    }

    /** The largest oversized body read (and dropped) before the 413, so the client can read the answer. */
    static final long DRAINED_BYTES = 16L * Api.MAX_BODY_BYTES;

    private boolean acquireQuick() {
        try {
            return quick.tryAcquire(Api.QUICK_SLOT_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Ends a request whose body is too slow: the blocked read then fails and frees its thread. */
    private static void closeConnection(Context ctx) {
        try {
            org.eclipse.jetty.ee10.servlet.ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData()
                    .getConnection().getEndPoint().close();
        } catch (RuntimeException ignored) {
            // already finished or closed
        }
    }

    private final Semaphore uploads = new Semaphore(Api.MAX_UPLOADS);
    private final Semaphore quick = new Semaphore(Api.MAX_QUICK_UPLOADS);
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dlab-body-deadline");
        t.setDaemon(true);
        return t;
    });

    private static ApiException tooLarge(long n) {
        return new ApiException(413, null, "request body " + (n >= 0 ? "of " + n + " bytes " : "") + "is over the limit of " + Api.MAX_BODY_BYTES + " bytes");
    }

    void send(Context ctx, Object o) {
        try {
            ctx.contentType("application/json").result(writer.writeValueAsBytes(o));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void error(Context ctx, int status, String message, String field) {
        ctx.status(status);
        send(ctx, new Api.Error(status, message, field));
    }
}
