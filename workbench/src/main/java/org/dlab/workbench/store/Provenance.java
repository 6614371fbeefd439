package org.dlab.workbench.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Pos;
import org.dlab.workbench.Versions;
import org.dlab.workbench.study.BoundStudy;

/**
 * What a store or an output records about where its results came from: the one builder every
 * command uses (explore, compare, optimize, calibrate, import, the Spark job), so the same files
 * always get the same {@code model_sha256} and {@code study_sha256}. A file's hash is SHA-256 of
 * its raw bytes: never decoded and re-encoded, so the charset a reader assumes cannot change it.
 */
public final class Provenance {
    private final Map<String, String> entries = new LinkedHashMap<>();

    /** An empty record; entries keep the order they are put in. */
    public static Provenance builder() {
        return new Provenance();
    }

    private Provenance() {}

    public Provenance put(String key, String value) {
        entries.put(key, value);
        return this;
    }

    /**
     * The hashes of a study file and of its model. Taken when a run starts (an exploration or a
     * search is built), so that a long run records the files it read, not edits made meanwhile, and a
     * job may delete its unpacked copy of the files once it has them.
     */
    public record Sources(String studySha256, String modelSha256) {
        /** The bytes of the study file and of its model as they are now on disk. */
        public static Sources of(BoundStudy bound) {
            return new Sources(sha256(bound.study().file()), sha256(bound.study().model()));
        }
    }

    /** {@code study_sha256} and {@code model_sha256}. */
    public Provenance sources(Sources s) {
        entries.put("study_sha256", s.studySha256());
        entries.put("model_sha256", s.modelSha256());
        return this;
    }

    /** {@code study_sha256} and {@code model_sha256} of the files as they are now on disk. */
    public Provenance sources(BoundStudy bound) {
        return sources(Sources.of(bound));
    }

    /** {@code name} = the file as given, and {@code name_sha256} = the hash of its bytes now. */
    public Provenance file(String name, Path file) {
        return file(name, file, sha256(file));
    }

    /** {@code name} = the file as given, and {@code name_sha256} = its hash taken earlier. */
    public Provenance file(String name, Path file, String sha256) {
        entries.put(name, file.toString());
        entries.put(name + "_sha256", sha256);
        return this;
    }

    /** {@code dlab_version}: the build that wrote the record. */
    public Provenance dlabVersion() {
        entries.put("dlab_version", Versions.dlab());
        return this;
    }

    /** {@code finished_at}: now, as an ISO-8601 instant. */
    public Provenance finishedNow() {
        entries.put("finished_at", java.time.Instant.now().toString());
        return this;
    }

    /** A copy of the entries, in the order they were put. */
    public Map<String, String> map() {
        return new LinkedHashMap<>(entries);
    }

    /** SHA-256 of a file's bytes, lower-case hex: the only file hash a provenance record holds. */
    public static String sha256(Path file) {
        try {
            return sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ModelException(new Pos(file.toString(), 0, 0), "cannot read: " + e.getMessage());
        }
    }

    /** SHA-256 of bytes, lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
