package org.dlab.cli;

import java.util.ArrayList;
import java.util.List;
import org.dlab.workbench.sample.SamplerKind;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Writes the sampler names into a command's {@code --sampler} label, help and default from
 * {@link SamplerKind}, so a new sampler appears in every command without touching it. Annotations
 * take only constants, hence a model transformer.
 */
final class SamplerHelp {
    private SamplerHelp() {}

    /** explore: every sampler, each with what it is. */
    static final class All implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            List<String> each = new ArrayList<>();
            for (SamplerKind k : SamplerKind.values()) each.add(k.cliName + " " + k.summary + (k == SamplerKind.LHS ? " (default)" : ""));
            return relabel(spec, List.of(SamplerKind.values()), String.join(", ", each));
        }
    }

    /** compare: the samplers of futures only. */
    static final class Futures implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            return relabel(spec, SamplerKind.FUTURES, "how futures are sampled (default " + SamplerKind.LHS.cliName + ")");
        }
    }

    private static CommandSpec relabel(CommandSpec spec, List<SamplerKind> kinds, String description) {
        OptionSpec o = spec.findOption("--sampler");
        spec.remove(o);
        spec.addOption(o.toBuilder().paramLabel(SamplerKind.names(kinds, "|")).description(description).defaultValue(SamplerKind.LHS.cliName).build());
        return spec;
    }
}
