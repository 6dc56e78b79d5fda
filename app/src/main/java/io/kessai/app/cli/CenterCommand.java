package io.kessai.app.cli;

import io.kessai.center.http.ConfigValues;
import io.kessai.center.wiring.Center;
import io.kessai.center.wiring.CenterSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kessai center --config FILE}: a production center node. External PostgreSQL and issuer links
 * as configured, no demo data; several nodes may share one database.
 */
@Command(name = "center", mixinStandardHelpOptions = true,
        description = "Runs a center node from a configuration file (docs/configuration.md). Ctrl-C stops it.")
public final class CenterCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "KESSAI_* settings; the environment overrides them.")
    Path config;

    @Override
    public Integer call() throws Exception {
        ConfigValues values = config == null ? ConfigValues.fromEnvironment() : ConfigFile.read(config);
        ConfigFile.logging(values);
        CenterSettings settings;
        try {
            settings = CenterSettings.from(values);
        } catch (IllegalArgumentException e) {
            throw new io.kessai.app.UsageException(e.getMessage());
        }
        Center center = Center.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("kessai-center-stop").unstarted(() -> {
            center.close();
            stopped.countDown();
        }));
        spec.commandLine().getOut().println("center listening on " + center.baseUri() + "; Ctrl-C stops it");
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
