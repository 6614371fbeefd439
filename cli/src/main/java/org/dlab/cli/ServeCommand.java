package org.dlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.dlab.server.SimulatorServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dlab serve}: the browser simulator and its HTTP API, until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the interactive simulator (http://127.0.0.1:8080/), the Explore page over results stores, the Model page "
                + "(equations, causal-loop diagram) and their HTTP API under /api/v1.")
final class ServeCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL_OR_STUDY",
            description = "study (.yaml), model (.mdl, .xmile...) or a folder holding study.yaml to open (default: models/korea/study.yaml)")
    Path target = Path.of("models", "korea", "study.yaml");

    @Option(names = "--port", paramLabel = "PORT", description = "port (default: 8080; 0 picks a free one)")
    int port = 8080;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "address to listen on (default: 127.0.0.1, this machine only)")
    String bind = "127.0.0.1";

    @Option(names = "--root", paramLabel = "DIR", description = "folder whose studies and models may be opened (repeatable; default: the study's folder)")
    List<Path> roots = List.of();

    @Option(names = "--stores", paramLabel = "DIR", description = "folder whose results stores (*.duckdb) the Explore page may open, read-only (repeatable; the roots are searched too)")
    List<Path> storeFolders = List.of();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    /** Whether Javalin failed to start because the port is taken (a BindException somewhere in the causes). */
    static boolean portInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.BindException) return true;
            if (t.getMessage() != null && t.getMessage().contains("Port already in use")) return true;
        }
        return false;
    }

    @Override
    public Integer call() throws InterruptedException {
        // a folder means its study.yaml, as explore and compare take it
        if (Files.isDirectory(target)) {
            Path study = target.resolve("study.yaml");
            if (!Files.isRegularFile(study)) throw new UserInputException(target + ": a folder without study.yaml; name the study or model file");
            target = study;
        }
        if (!Files.isRegularFile(target)) throw new UserInputException(target + ": no such study or model file");
        for (Path r : roots) if (!Files.isDirectory(r)) throw new UserInputException("--root " + r + ": no such folder");
        for (Path r : storeFolders) if (!Files.isDirectory(r)) throw new UserInputException("--stores " + r + ": no such folder");
        if (port < 0 || port > 65535) throw new UserInputException("--port must be between 0 and 65535");
        SimulatorServer server;
        try {
            server = SimulatorServer.start(target, roots, storeFolders, bind, port);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        } catch (RuntimeException e) {
            if (portInUse(e)) throw new UserInputException("port " + port + " on " + bind + " is in use; choose another with --port (0 picks a free one)");
            throw e;
        }
        var out = spec.commandLine().getOut();
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        out.println("dlab serve: " + server.defaultId() + " at http://" + host + ":" + server.port() + "/  (API: /api/v1, Ctrl-C to stop)");
        if (!bind.equals("127.0.0.1") && !bind.equals("localhost") && !bind.equals("::1")) {
            out.println("dlab serve: warning: listening on " + bind + ", reachable from other machines; the API has no authentication");
        }
        out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }));
        stop.await();
        return ExitCodes.OK;
    }
}
