package io.kessai.app.up;

import io.kessai.app.cli.ConfigFile;
import io.kessai.center.http.ConfigValues;
import io.kessai.center.wiring.Center;
import io.kessai.center.wallet.WalletMailers;
import io.kessai.center.wiring.CenterSettings;
import io.kessai.db.Database;
import io.kessai.issuer.IssuerConfig;
import io.kessai.issuer.IssuerHost;
import io.kessai.issuer.store.Schema;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kessai up}: everything on one machine with no configuration. One embedded PostgreSQL (data in
 * {@code kessai-data/postgres}, kept across starts), the center on HTTPS with a self-signed
 * certificate, two demo card companies over real ISO 8583 on TCP, demo readers, merchant and cards.
 * Ctrl-C stops it all; the next start finds everything again.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Runs Kessai with embedded defaults: center, two demo issuers, demo data. Ctrl-C stops it.")
public final class UpCommand implements Callable<Integer> {
    static final int DATABASE_POOL = 32;
    private static final int MAX_PORT = 65_535;
    static final String DEMO_CENTER_ADDRESS = "pay@kessai.localhost";

    @Spec CommandSpec spec;

    @Option(names = "--data", defaultValue = "kessai-data", paramLabel = "DIR",
            description = "Where everything is kept (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--port", paramLabel = "N", description = "The center's HTTPS port (default: 8443, or KESSAI_HTTP_PORT).")
    Integer port;

    @Option(names = "--issuer-ports", split = ",", paramLabel = "N,N",
            description = "The two demo card companies' ISO 8583 ports, Visa-like then JCB-like (default: 18583,18584; 0: any free port).")
    List<Integer> issuerPorts;

    @Override
    public Integer call() throws Exception {
        List<Integer> ports = issuerPorts == null ? DemoIssuer.ALL.stream().map(DemoIssuer::port).toList() : issuerPorts;
        if (ports.size() != DemoIssuer.ALL.size() || ports.stream().anyMatch(p -> p < 0 || p > MAX_PORT)) {
            throw new io.kessai.app.UsageException("--issuer-ports: give " + DemoIssuer.ALL.size() + " ports from 0 to " + MAX_PORT
                    + " separated by a comma, got " + ports);
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> values = new HashMap<>(System.getenv());
        values.putIfAbsent("KESSAI_DATA_DIR", data.resolve("center").toString());
        // One node only: at start, whatever was waiting for an issuer when it stopped is orphaned at once.
        values.putIfAbsent("KESSAI_SINGLE_NODE", "true");
        if (port != null) {
            values.put("KESSAI_HTTP_PORT", Integer.toString(port));
        }
        // The e-mail channel: the center's own SMTP listener, relaying its answers through the demo mailbox.
        values.putIfAbsent("KESSAI_MAIL_ENABLED", "true");
        values.putIfAbsent("KESSAI_MAIL_ADDRESS", DEMO_CENTER_ADDRESS);
        values.putIfAbsent("KESSAI_MAIL_SMTP_HOST", DemoMailbox.HOST);
        values.putIfAbsent("KESSAI_MAIL_RELAY_HOST", DemoMailbox.HOST);
        values.putIfAbsent("KESSAI_MAIL_RELAY_PORT", Integer.toString(DemoMailbox.RELAY_PORT));
        ConfigFile.logging(ConfigValues.of(values));
        CenterSettings settings = CenterSettings.from(ConfigValues.of(values));

        DemoSetup demo = new DemoSetup(data);
        demo.writeAccountsFiles();
        demo.prepareKeys(settings);

        List<AutoCloseable> running = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("kessai-up-stop").unstarted(() -> {
            stopAll(running);
            stopped.countDown();
        }));
        try {
            out.println("kessai up: starting (first start: unpacking PostgreSQL and generating keys takes a few seconds) ...");
            out.flush();
            Database database = Database.embeddedClosedByOwner(data.resolve("postgres"), 0, DATABASE_POOL);
            running.add(database);
            List<IssuerHost> issuers = new ArrayList<>();
            for (int i = 0; i < DemoIssuer.ALL.size(); i++) {
                DemoIssuer issuer = DemoIssuer.ALL.get(i);
                IssuerHost host = IssuerHost.start(IssuerConfig.builder(data.resolve("issuers").resolve(issuer.id()))
                        .schema(new Schema("issuer_" + issuer.id().replace('-', '_')))
                        .accountsFile(demo.accountsFile(issuer))
                        .port(ports.get(i))
                        .zonePinKey(new IssuerConfig.ZonePinKey(issuer.zpkType(), demo.zonePinKey(issuer)))
                        .build(), database);
                issuers.add(host);
                running.add(host);
            }
            running.add(DemoMailbox.start(DemoSetup.READERS.stream().map(DemoSetup.DemoReader::phoneAddress).toList()));
            // The demo's wallet writes its one-time codes and slips as files to read (the banner says where);
            // a production center with the mail channel sends them through the outbox instead.
            Center center = Center.start(settings, database, WalletMailers.of(settings.wallet()));
            running.add(center);
            demo.registerInCenter(center.registry(), issuers.stream().map(IssuerHost::port).toList());
            new UpBanner(out, data, demo, center, database, issuers).print();
        } catch (Exception e) {
            stopAll(running);
            throw e;
        }
        stopped.await();
        return 0;
    }

    private static synchronized void stopAll(List<AutoCloseable> running) {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.err.println("kessai up: stopping " + running.get(i).getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        running.clear();
    }
}
