package io.kessai.center.wiring;

import io.kessai.center.network.IssuerLinkSettings;
import io.kessai.center.network.IssuerLinks;
import io.kessai.center.ops.PaymentMetrics;
import io.kessai.center.registry.Issuer;
import io.kessai.center.registry.Registry;
import io.kessai.center.registry.RegistryChange;
import io.kessai.center.registry.RegistryListener;
import io.kessai.iso8583.link.LengthHeader;
import io.kessai.iso8583.link.LinkState;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Keeps the issuer links in step with the registry: an admin change reconnects without a restart. */
final class IssuerLinkSync implements RegistryListener {
    /** Which of the issuer's zone PIN keys the center uses; key change (DE 70 = 101) is not automated yet. */
    private static final int ZONE_PIN_KEY_INDEX = 0;

    private final Registry registry;
    private final IssuerLinks links;
    private final PaymentMetrics metrics;
    private final Set<String> tracked = new HashSet<>();

    IssuerLinkSync(Registry registry, IssuerLinks links, PaymentMetrics metrics) {
        this.registry = registry;
        this.links = links;
        this.metrics = metrics;
    }

    @Override
    public void registryChanged(RegistryChange change) {
        sync();
    }

    synchronized void sync() {
        List<IssuerLinkSettings> wanted = registry.snapshot().issuers().values().stream().map(IssuerLinkSync::settings).toList();
        links.update(wanted);
        Set<String> now = new HashSet<>();
        for (IssuerLinkSettings settings : wanted) {
            now.add(settings.issuerId());
            if (tracked.add(settings.issuerId())) {
                String id = settings.issuerId();
                metrics.trackIssuerLink(id, () -> links.state(id).orElse(LinkState.CLOSED) == LinkState.READY);
            }
        }
        for (String gone : Set.copyOf(tracked)) {
            if (!now.contains(gone)) {
                metrics.forgetIssuerLink(gone);
                tracked.remove(gone);
            }
        }
    }

    private static IssuerLinkSettings settings(Issuer issuer) {
        LengthHeader header = switch (issuer.link().lengthHeader()) {
            case BINARY2 -> LengthHeader.BINARY_2;
            case BCD2 -> LengthHeader.BCD_2;
            case ASCII4 -> LengthHeader.ASCII_4;
        };
        return new IssuerLinkSettings(issuer.id(), issuer.link().host(), issuer.link().port(), header, issuer.link().tls(),
                issuer.link().responseTimeoutMillis(), ZONE_PIN_KEY_INDEX, issuer.acquirerInstitutionId());
    }
}
