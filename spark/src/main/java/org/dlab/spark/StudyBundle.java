package org.dlab.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Pos;
import org.dlab.workbench.study.Study;
import org.dlab.workbench.study.StudyParser;

/**
 * A study with its model and data files as bytes, so the job carries them to every executor
 * instead of naming a path that exists only on the driver. Paths are relative to the study's
 * folder ({@code ../models/x.mdl} is kept as such and laid out the same way on extraction).
 *
 * @param studyFile the study file's name
 * @param files relative path to content: the study file, the model, the spreadsheets and
 *     tables beside the model that its GET XLS / GET DIRECT functions may read, and the files
 *     the study's {@code file_tags} map its {@code '?tag'} references to
 * @param sha256 of all paths and contents, the key of the per-JVM compiled model
 */
public record StudyBundle(String studyFile, Map<String, byte[]> files, String sha256) implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Data files travel with the job; beyond this a model's data belongs in shared storage. */
    static final long MAX_BYTES = 64L << 20;
    private static final List<String> DATA_EXTENSIONS = List.of(".xlsx", ".xls", ".csv", ".tab", ".txt");

    /**
     * The study as a local path: itself, or for a URI (s3://, gs://, hdfs://, dbfs:/) a copy of
     * its folder in a temporary folder, read through Hadoop's file systems as the cluster is set up.
     */
    public static Path localPath(String study) {
        if (!JobSpec.isUri(study)) return Path.of(study);
        try {
            org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(study);
            org.apache.hadoop.fs.FileSystem fs = src.getFileSystem(new org.apache.hadoop.conf.Configuration());
            boolean folder = fs.getFileStatus(src).isDirectory();
            org.apache.hadoop.fs.Path dir = folder ? src : src.getParent();
            Path local = Files.createTempDirectory("dlab-study-src-");
            for (org.apache.hadoop.fs.FileStatus f : fs.listStatus(dir)) {
                if (f.isFile()) fs.copyToLocalFile(false, f.getPath(), new org.apache.hadoop.fs.Path(local.resolve(f.getPath().getName()).toUri()), true);
            }
            return folder ? local : local.resolve(src.getName());
        } catch (IOException e) {
            throw new ModelException(new Pos(study, 0, 0), "cannot read the study: " + e.getMessage());
        }
    }

    /** Reads a study file (or a folder holding study.yaml), its model and the model's data files. */
    public static StudyBundle read(Path studyPath) {
        Study study = StudyParser.parse(studyPath);
        Path studyFile = study.file().toAbsolutePath().normalize();
        Path dir = studyFile.getParent();
        Path model = study.model().toAbsolutePath().normalize();
        if (!Files.isRegularFile(model)) throw new ModelException(study.modelPos(), "no such model file: " + study.model());
        Map<String, byte[]> files = new LinkedHashMap<>();
        long[] total = {0};
        add(files, total, dir, studyFile);
        add(files, total, dir, model);
        try (DirectoryStream<Path> beside = Files.newDirectoryStream(model.getParent())) {
            for (Path p : beside) {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (Files.isRegularFile(p) && DATA_EXTENSIONS.stream().anyMatch(name::endsWith)) add(files, total, dir, p.toAbsolutePath().normalize());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the files the study's file_tags map '?tag' references to, wherever below the model's folder they lie
        for (Study.FileTag t : study.fileTags()) add(files, total, dir, t.file());
        return new StudyBundle(studyFile.getFileName().toString(), files, hash(files));
    }

    private static void add(Map<String, byte[]> files, long[] total, Path dir, Path file) {
        String rel = dir.relativize(file).toString().replace('\\', '/');
        if (files.containsKey(rel)) return;
        try {
            byte[] b = Files.readAllBytes(file);
            total[0] += b.length;
            if (total[0] > MAX_BYTES) {
                throw new ModelException(new Pos(file.toString(), 0, 0), "the study's files exceed " + (MAX_BYTES >> 20) + " MB, too much to ship with a Spark job");
            }
            files.put(rel, b);
        } catch (IOException e) {
            throw new ModelException(new Pos(file.toString(), 0, 0), "cannot read: " + e.getMessage());
        }
    }

    private static String hash(Map<String, byte[]> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Long.toString(e.getValue().length).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(e.getValue());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The files as laid out below a root folder: the study folder is nested as deep as the
     * model's {@code ../} needs, so every relative path of the study still resolves.
     */
    public Map<String, byte[]> laidOut() {
        String prefix = prefix();
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) m.put(Path.of(prefix + e.getKey()).normalize().toString().replace('\\', '/'), e.getValue());
        return m;
    }

    /** Where {@link #laidOut} puts the study file. */
    public String laidOutStudyFile() {
        return prefix() + studyFile;
    }

    private String prefix() {
        int up = 0;
        for (String rel : files.keySet()) {
            int u = 0;
            for (String part : rel.split("/")) if (part.equals("..")) u++;
            up = Math.max(up, u);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < up; i++) sb.append('s').append(i).append('/');
        return sb.toString();
    }

    /** Writes the files under {@code root} and returns the study file's path there. */
    public Path extract(Path root) throws IOException {
        for (Map.Entry<String, byte[]> e : laidOut().entrySet()) {
            Path target = root.resolve(e.getKey()).normalize();
            if (!target.startsWith(root)) throw new IOException("a bundled file would land outside " + root + ": " + e.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, e.getValue());
        }
        return root.resolve(laidOutStudyFile());
    }
}
