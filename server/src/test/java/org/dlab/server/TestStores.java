package org.dlab.server;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dlab.workbench.Exploration;
import org.dlab.workbench.run.Progress;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.StudyParser;

/** Results stores made for the tests by a real exploration of the korea study. */
final class TestStores {
    private TestStores() {}

    /** A korea exploration of n futures × every policy with yearly series, in {@code dir/name.duckdb} (made once). */
    static synchronized Path korea(Path dir, String name, int n) throws Exception {
        Files.createDirectories(dir);
        Path db = dir.resolve(name + ".duckdb");
        if (Files.isRegularFile(db)) return db;
        BoundStudy b = BoundStudy.bind(StudyParser.parse(ApiTest.repo().resolve("models/korea/study.yaml")));
        Path tmp = dir.resolve(name + ".partial.duckdb.tmp");
        Files.deleteIfExists(tmp);
        new Exploration(b, Exploration.Settings.defaults(tmp).withN(n).withSeed(3).withThreads(2).withSeries(1)).run(Progress.NONE);
        Files.move(tmp, db);
        return db;
    }
}
