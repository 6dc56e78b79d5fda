package io.kessai.center.admin;

import io.javalin.config.RoutesConfig;
import io.kessai.center.http.HttpModule;
import io.kessai.center.http.JsonResponses;
import io.kessai.center.registry.Issuer;
import io.kessai.center.registry.IssuerDraft;
import io.kessai.center.registry.Merchant;
import io.kessai.center.registry.MerchantDraft;
import io.kessai.center.registry.Reader;
import io.kessai.center.registry.ReaderDraft;
import io.kessai.center.registry.Registry;
import io.kessai.center.registry.RegistryException;
import io.kessai.center.registry.RegistryResource;
import io.kessai.center.registry.RegistrySnapshot;
import io.kessai.center.registry.ResponseCodeRule;
import io.kessai.center.registry.ResponseCodeRuleDraft;
import io.kessai.center.registry.Route;
import io.kessai.center.registry.RouteDraft;
import java.util.Map;
import java.util.Objects;

/**
 * The admin API under {@value #PREFIX}: merchants, readers, issuers, routes and response codes, each
 * with list, get, create, update and delete; every request needs the admin token. Documented in
 * docs/api/admin.md and {@code openapi/admin.json}.
 */
public final class AdminModule implements HttpModule {
    public static final String PREFIX = "/v1/admin";

    private final Registry registry;
    private final AdminToken token;

    public AdminModule(Registry registry, AdminToken token) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.token = Objects.requireNonNull(token, "token");
    }

    @Override
    public void register(RoutesConfig routes) {
        AdminAuthentication authentication = new AdminAuthentication(token);
        routes.before(PREFIX, authentication);
        routes.before(PREFIX + "/*", authentication);
        routes.exception(RegistryException.class,
                (e, ctx) -> JsonResponses.error(ctx, RegistryErrors.status(e), RegistryErrors.error(e)));

        ResourceEndpoints.register(routes, registry, new ResourceEndpoints.Spec<>(PREFIX + "/merchants",
                RegistryResource.MERCHANT, MerchantDraft.class, RegistrySnapshot::merchants, Merchant::id, Map.of(),
                registry::createMerchant, registry::updateMerchant, registry::deleteMerchant));
        ResourceEndpoints.register(routes, registry, new ResourceEndpoints.Spec<>(PREFIX + "/readers",
                RegistryResource.READER, ReaderDraft.class, RegistrySnapshot::readers, Reader::serial,
                Map.of("merchantId", (Reader reader, String merchantId) -> reader.merchantId().equals(merchantId)),
                registry::createReader, registry::updateReader, registry::deleteReader));
        ResourceEndpoints.register(routes, registry, new ResourceEndpoints.Spec<>(PREFIX + "/issuers",
                RegistryResource.ISSUER, IssuerDraft.class, RegistrySnapshot::issuers, Issuer::id, Map.of(),
                registry::createIssuer, registry::updateIssuer, registry::deleteIssuer));
        ResourceEndpoints.register(routes, registry, new ResourceEndpoints.Spec<>(PREFIX + "/routes",
                RegistryResource.ROUTE, RouteDraft.class, RegistrySnapshot::routes, Route::binPrefix,
                Map.of("issuerId", (Route route, String issuerId) -> route.issuerId().equals(issuerId)),
                registry::createRoute, registry::updateRoute, registry::deleteRoute));
        ResourceEndpoints.register(routes, registry, new ResourceEndpoints.Spec<>(PREFIX + "/response-codes",
                RegistryResource.RESPONSE_CODE_RULE, ResponseCodeRuleDraft.class, RegistrySnapshot::responseCodeRules,
                ResponseCodeRule::code, Map.of(),
                registry::createResponseCodeRule, registry::updateResponseCodeRule, registry::deleteResponseCodeRule));
    }
}
