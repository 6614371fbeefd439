package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.dlab.cli.Cli.Result;
import org.dlab.workbench.Versions;
import org.dlab.workbench.sample.SamplerKind;
import org.junit.jupiter.api.Test;

/**
 * The option mixins (seed, threads, quiet, db/overwrite) behave the same in every command and keep
 * each command's own help text; sampler names come from SamplerKind; the version from Versions.
 */
class SharedOptionsTest {
    static final Path STUDY = Path.of("..", "models", "korea").toAbsolutePath().normalize();

    /** Help text with picocli's line wrapping undone, so a phrase can be searched across lines. */
    private static String help(String command) {
        Result r = Cli.run(command, "--help");
        assertThat(r.code()).as(r.err()).isZero();
        return r.out().replaceAll("\\s+", " ");
    }

    @Test
    void eachCommandKeepsItsOwnHelpForTheSharedOptions() {
        assertThat(help("explore")).contains("--seed=S seed of the design and of the model's RANDOM functions (default 1)")
                .contains("--db=FILE results store (default: <study name>.duckdb in the current folder)")
                .contains("--threads=T worker threads (default: all cores)").contains("--overwrite replace an existing store")
                .contains("--quiet no progress on stderr");
        assertThat(help("compare")).contains("--seed=S seed (default 1); the same seed gives the same futures as dlab explore");
        assertThat(help("optimize")).contains("--threads=T worker threads for the futures of a candidate (default: all cores)")
                .contains("--db=FILE where to store the Pareto set (default: <study name>-pareto.duckdb)").contains("--overwrite replace an existing --db");
        assertThat(help("import")).contains("--db=FILE results store to create (default: <folder name>. duckdb, without a trailing -spark)");
        assertThat(help("calibrate")).contains("--db=FILE also store the fit in a DuckDB file").contains("--overwrite replace an existing --db");
    }

    @Test
    void samplerNamesInHelpAndErrorsComeFromTheEnum() {
        String explore = help("explore");
        StringBuilder label = new StringBuilder();
        for (SamplerKind k : SamplerKind.values()) {
            label.append(label.length() == 0 ? "" : "|").append(k.cliName);
            assertThat(explore).contains(k.cliName + " " + k.summary);
        }
        assertThat(explore).contains("--sampler=" + label);
        assertThat(help("compare")).contains("--sampler=lhs|mc|qmc how futures are sampled (default lhs)");
        Result sobol = Cli.run("compare", STUDY.toString(), "--policies", "wait-and-see,recalibrated", "--sampler", "sobol", "--quiet");
        assertThat(sobol.code()).isEqualTo(2);
        assertThat(sobol.err().strip()).isEqualTo("dlab: compare samples futures with lhs, mc or qmc; sobol is a sensitivity design (use dlab explore)");
        Result halton = Cli.run("explore", STUDY.toString(), "--sampler", "halton", "--quiet");
        assertThat(halton.code()).isEqualTo(2);
        assertThat(halton.err()).contains("unknown sampler 'halton' (expected lhs, mc, sobol, qmc, morris or ff)");
    }

    @Test
    void threadsAreCheckedAlikeEverywhere() {
        for (String[] args : new String[][] {{"explore", STUDY.toString()}, {"compare", STUDY.toString(), "--policies", "wait-and-see"},
                {"optimize", STUDY.toString()}}) {
            String[] withThreads = java.util.Arrays.copyOf(args, args.length + 3);
            withThreads[args.length] = "--threads";
            withThreads[args.length + 1] = "0";
            withThreads[args.length + 2] = "--quiet";
            Result r = Cli.run(withThreads);
            assertThat(r.code()).as(args[0]).isEqualTo(2);
            assertThat(r.err().strip()).as(args[0]).isEqualTo("dlab: --threads must be from 1 to 1024");
        }
    }

    @Test
    void theVersionIsTheBuildsOwn() {
        assertThat(Versions.dlab()).isNotEqualTo("unknown");
        assertThat(Cli.run("--version").out().strip()).isEqualTo("dlab " + Versions.dlab());
    }
}
