package org.dlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.xmile.XmileWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dlab convert MODEL -o OUT.xmile}: write any model the engine reads as XMILE, with a diagram. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a model (Vensim .mdl or XMILE) to an XMILE file with a generated stock-and-flow diagram.")
final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "model file: .mdl, .xmile, .xml, .stmx, .itmx")
    Path model;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.xmile", description = "XMILE file to write (.xmile, .xml, .stmx or .itmx; default: stdout)")
    Path output;

    @Option(names = "--repair-xml", description = "XMILE input only: close elements the file leaves open, with a warning for each")
    boolean repairXml;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(model)) throw new UserInputException(model + ": no such model file");
        if (output != null && !org.dlab.engine.xmile.XmileParser.accepts(output.getFileName().toString().toLowerCase(Locale.ROOT))) {
            throw new UserInputException("-o: the output must be an XMILE file (.xmile, .xml, .stmx or .itmx), got " + output);
        }
        PrintWriter warnings = spec.commandLine().getErr();
        XmileWriter.Conversion conversion = XmileWriter.convert(
                ModelLoader.parse(model, repairXml ? line -> warnings.println("warning: repaired " + line) : null));
        String xml = conversion.xml();
        if (!conversion.foreignFunctions().isEmpty()) {
            // still written (dlab reads them back), but Stella and other XMILE tools will stop there
            PrintWriter err = spec.commandLine().getErr();
            err.println("warning: " + model + ": no XMILE equivalent for " + String.join(", ", conversion.foreignFunctions())
                    + "; written under the Vensim name, which dlab reads back but Stella does not");
            err.flush();
        }
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(xml);
            out.flush();
            return ExitCodes.OK;
        }
        // beside the target, then moved into place: a failed conversion never leaves half a file
        Path abs = output.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), ".dlab-convert", ".tmp");
        try {
            Files.writeString(tmp, xml, StandardCharsets.UTF_8);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("cannot write " + output + ": " + e.getMessage(), e);
        }
        return ExitCodes.OK;
    }
}
