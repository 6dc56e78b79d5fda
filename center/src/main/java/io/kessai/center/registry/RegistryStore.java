package io.kessai.center.registry;

import io.kessai.crypto.envelope.PaymentOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The registry's SQL, in the {@code center} schema. Callers run writes inside one transaction that
 * starts with {@link #beginChange}, which locks the generation row: registry writes from all nodes
 * happen one after another, so the checks made before a write still hold when it is made.
 */
final class RegistryStore {
    private static final Map<RegistryResource, String[]> TABLE_AND_KEY = Map.of(
            RegistryResource.MERCHANT, new String[] {"center.merchant", "id"},
            RegistryResource.READER, new String[] {"center.reader", "serial"},
            RegistryResource.ISSUER, new String[] {"center.issuer", "id"},
            RegistryResource.ROUTE, new String[] {"center.route", "bin_prefix"},
            RegistryResource.RESPONSE_CODE_RULE, new String[] {"center.response_code_rule", "code"});

    private RegistryStore() {}

    /** Everything, as of one moment (a repeatable-read transaction). */
    static RegistrySnapshot load(Jdbi jdbi) {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            long generation = generation(handle);
            Map<String, List<AdditionalItem>> items = additionalItems(handle);
            List<Merchant> merchants = handle.createQuery(
                            "SELECT id, name, mcc, status, version FROM center.merchant")
                    .map((rs, ctx) -> new Merchant(rs.getString("id"), rs.getString("name"), rs.getString("mcc"),
                            MerchantStatus.valueOf(rs.getString("status")), items.getOrDefault(rs.getString("id"), List.of()),
                            rs.getLong("version")))
                    .list();
            List<Reader> readers = handle.createQuery("SELECT serial, initial_key_id, merchant_id, terminal_id,"
                            + " phone_address, status, version FROM center.reader")
                    .map((rs, ctx) -> new Reader(rs.getString("serial"), rs.getString("initial_key_id"),
                            rs.getString("merchant_id"), rs.getString("terminal_id"), rs.getString("phone_address"),
                            ReaderStatus.valueOf(rs.getString("status")), rs.getLong("version")))
                    .list();
            Map<String, List<String>> codes = new HashMap<>();
            handle.createQuery("SELECT issuer_id, code FROM center.issuer_code ORDER BY issuer_id, position")
                    .map((rs, ctx) -> Map.entry(rs.getString("issuer_id"), rs.getString("code")))
                    .forEach(entry -> codes.computeIfAbsent(entry.getKey(), id -> new ArrayList<>()).add(entry.getValue()));
            List<Issuer> issuers = handle.createQuery("SELECT id, name, link_host, link_port, link_length_header,"
                            + " link_tls, response_timeout_millis, zpk_key_name, acquirer_institution_id, version"
                            + " FROM center.issuer")
                    .map((rs, ctx) -> new Issuer(rs.getString("id"), rs.getString("name"),
                            new IssuerLink(rs.getString("link_host"), rs.getInt("link_port"),
                                    LengthHeaderKind.fromWireName(rs.getString("link_length_header")).orElseThrow(),
                                    rs.getBoolean("link_tls"), rs.getInt("response_timeout_millis")),
                            rs.getString("zpk_key_name"), rs.getString("acquirer_institution_id"),
                            codes.getOrDefault(rs.getString("id"), List.of()), rs.getLong("version")))
                    .list();
            List<Route> routes = handle.createQuery("SELECT bin_prefix, issuer_id, version FROM center.route")
                    .map((rs, ctx) -> new Route(rs.getString("bin_prefix"), rs.getString("issuer_id"), rs.getLong("version")))
                    .list();
            List<ResponseCodeRule> rules = handle.createQuery("SELECT code, outcome, reason, customer_text_ja,"
                            + " customer_text_en, version FROM center.response_code_rule")
                    .map((rs, ctx) -> new ResponseCodeRule(rs.getString("code"),
                            PaymentOutcome.valueOf(rs.getString("outcome")), rs.getString("reason"),
                            rs.getString("customer_text_ja"), rs.getString("customer_text_en"), rs.getLong("version")))
                    .list();
            return new RegistrySnapshot(generation, merchants, readers, issuers, routes, rules);
        });
    }

    /** Every merchant's additional items, in the order asked. */
    private static Map<String, List<AdditionalItem>> additionalItems(Handle handle) {
        Map<String, List<AdditionalItem>> items = new HashMap<>();
        handle.createQuery("SELECT merchant_id, item_key, label_ja, label_en, answer_type, required, max_length, choices"
                        + " FROM center.merchant_additional_item ORDER BY merchant_id, position")
                .map((rs, ctx) -> Map.entry(rs.getString("merchant_id"), new AdditionalItem(rs.getString("item_key"),
                        rs.getString("label_ja"), rs.getString("label_en"), AdditionalItemType.valueOf(rs.getString("answer_type")),
                        rs.getBoolean("required"), rs.getInt("max_length"), List.of((String[]) rs.getArray("choices").getArray()))))
                .forEach(entry -> items.computeIfAbsent(entry.getKey(), id -> new ArrayList<>()).add(entry.getValue()));
        return items;
    }

    static long generation(Handle handle) {
        return handle.createQuery("SELECT generation FROM center.registry_generation").mapTo(Long.class).one();
    }

    /** Takes the registry write lock and returns the generation this change will have. */
    static long beginChange(Handle handle) {
        return handle.createQuery("UPDATE center.registry_generation SET generation = generation + 1 RETURNING generation")
                .mapTo(Long.class).one();
    }

    static void recordChange(Handle handle, long generation, String actor, String action, RegistryResource resource,
            String key) {
        handle.createUpdate("INSERT INTO center.registry_change (generation, actor, action, resource, resource_id)"
                        + " VALUES (:generation, :actor, :action, :resource, :key)")
                .bind("generation", generation).bind("actor", actor).bind("action", action)
                .bind("resource", resource.name().toLowerCase(Locale.ROOT)).bind("key", key)
                .execute();
    }

    static Optional<Long> storedVersion(Handle handle, RegistryResource resource, String key) {
        String[] tableAndKey = TABLE_AND_KEY.get(resource);
        return handle.createQuery("SELECT version FROM " + tableAndKey[0] + " WHERE " + tableAndKey[1] + " = :key")
                .bind("key", key).mapTo(Long.class).findOne();
    }

    static void delete(Handle handle, RegistryResource resource, String key) {
        String[] tableAndKey = TABLE_AND_KEY.get(resource);
        int deleted = handle.createUpdate("DELETE FROM " + tableAndKey[0] + " WHERE " + tableAndKey[1] + " = :key")
                .bind("key", key).execute();
        assert deleted == 1 : "deleted " + deleted + " rows of " + resource + " " + key;
    }

    static int countReadersOf(Handle handle, String merchantId) {
        return handle.createQuery("SELECT count(*) FROM center.reader WHERE merchant_id = :id")
                .bind("id", merchantId).mapTo(Integer.class).one();
    }

    static int countRoutesOf(Handle handle, String issuerId) {
        return handle.createQuery("SELECT count(*) FROM center.route WHERE issuer_id = :id")
                .bind("id", issuerId).mapTo(Integer.class).one();
    }

    /** The serial of another reader that already has this initial key ID or this terminal ID at this merchant. */
    static Optional<String> readerWithInitialKeyId(Handle handle, String initialKeyId, String exceptSerial) {
        return handle.createQuery("SELECT serial FROM center.reader WHERE initial_key_id = :keyId AND serial <> :serial")
                .bind("keyId", initialKeyId).bind("serial", exceptSerial).mapTo(String.class).findFirst();
    }

    static Optional<String> readerWithTerminal(Handle handle, String merchantId, String terminalId, String exceptSerial) {
        return handle.createQuery("SELECT serial FROM center.reader"
                        + " WHERE merchant_id = :merchant AND terminal_id = :terminal AND serial <> :serial")
                .bind("merchant", merchantId).bind("terminal", terminalId).bind("serial", exceptSerial)
                .mapTo(String.class).findFirst();
    }

    /** The issuer other than {@code exceptIssuer} that owns {@code code}, if any. */
    static Optional<String> ownerOfIssuerCode(Handle handle, String code, String exceptIssuer) {
        return handle.createQuery("SELECT issuer_id FROM center.issuer_code WHERE code = :code AND issuer_id <> :issuer")
                .bind("code", code).bind("issuer", exceptIssuer).mapTo(String.class).findFirst();
    }

    static void putMerchant(Handle handle, Merchant merchant, boolean insert) {
        String sql = insert
                ? "INSERT INTO center.merchant (id, name, mcc, status, version) VALUES (:id, :name, :mcc, :status, :version)"
                : "UPDATE center.merchant SET name = :name, mcc = :mcc, status = :status, version = :version,"
                        + " updated_at = now() WHERE id = :id";
        handle.createUpdate(sql)
                .bind("id", merchant.id()).bind("name", merchant.name()).bind("mcc", merchant.mcc())
                .bind("status", merchant.status().name()).bind("version", merchant.version())
                .execute();
        // The items are part of the merchant: an update replaces them all.
        handle.createUpdate("DELETE FROM center.merchant_additional_item WHERE merchant_id = :id").bind("id", merchant.id()).execute();
        for (int position = 0; position < merchant.additionalItems().size(); position++) {
            AdditionalItem item = merchant.additionalItems().get(position);
            handle.createUpdate("INSERT INTO center.merchant_additional_item (merchant_id, position, item_key, label_ja, label_en,"
                            + " answer_type, required, max_length, choices)"
                            + " VALUES (:id, :position, :key, :ja, :en, :type, :required, :maxLength, :choices)")
                    .bind("id", merchant.id()).bind("position", position).bind("key", item.key())
                    .bind("ja", item.labelJa()).bind("en", item.labelEn()).bind("type", item.type().name())
                    .bind("required", item.required()).bind("maxLength", item.maxLength())
                    .bindArray("choices", String.class, item.choices())
                    .execute();
        }
    }

    static void putReader(Handle handle, Reader reader, boolean insert) {
        String sql = insert
                ? "INSERT INTO center.reader (serial, initial_key_id, merchant_id, terminal_id, phone_address, status, version)"
                        + " VALUES (:serial, :keyId, :merchant, :terminal, :phone, :status, :version)"
                : "UPDATE center.reader SET initial_key_id = :keyId, merchant_id = :merchant, terminal_id = :terminal,"
                        + " phone_address = :phone, status = :status, version = :version, updated_at = now()"
                        + " WHERE serial = :serial";
        handle.createUpdate(sql)
                .bind("serial", reader.serial()).bind("keyId", reader.initialKeyId())
                .bind("merchant", reader.merchantId()).bind("terminal", reader.terminalId())
                .bind("phone", reader.phoneAddress()).bind("status", reader.status().name())
                .bind("version", reader.version())
                .execute();
    }

    static void putIssuer(Handle handle, Issuer issuer, boolean insert) {
        String sql = insert
                ? "INSERT INTO center.issuer (id, name, link_host, link_port, link_length_header, link_tls,"
                        + " response_timeout_millis, zpk_key_name, acquirer_institution_id, version)"
                        + " VALUES (:id, :name, :host, :port, :header, :tls, :timeout, :zpk, :acquirer, :version)"
                : "UPDATE center.issuer SET name = :name, link_host = :host, link_port = :port,"
                        + " link_length_header = :header, link_tls = :tls, response_timeout_millis = :timeout,"
                        + " zpk_key_name = :zpk, acquirer_institution_id = :acquirer, version = :version,"
                        + " updated_at = now() WHERE id = :id";
        IssuerLink link = issuer.link();
        handle.createUpdate(sql)
                .bind("id", issuer.id()).bind("name", issuer.name()).bind("host", link.host())
                .bind("port", link.port()).bind("header", link.lengthHeader().wireName()).bind("tls", link.tls())
                .bind("timeout", link.responseTimeoutMillis()).bind("zpk", issuer.zpkKeyName())
                .bind("acquirer", issuer.acquirerInstitutionId()).bind("version", issuer.version())
                .execute();
        handle.createUpdate("DELETE FROM center.issuer_code WHERE issuer_id = :id").bind("id", issuer.id()).execute();
        for (int position = 0; position < issuer.issuerCodes().size(); position++) {
            handle.createUpdate("INSERT INTO center.issuer_code (code, issuer_id, position) VALUES (:code, :id, :position)")
                    .bind("code", issuer.issuerCodes().get(position)).bind("id", issuer.id()).bind("position", position)
                    .execute();
        }
    }

    static void putRoute(Handle handle, Route route, boolean insert) {
        String sql = insert
                ? "INSERT INTO center.route (bin_prefix, issuer_id, version) VALUES (:prefix, :issuer, :version)"
                : "UPDATE center.route SET issuer_id = :issuer, version = :version, updated_at = now()"
                        + " WHERE bin_prefix = :prefix";
        handle.createUpdate(sql)
                .bind("prefix", route.binPrefix()).bind("issuer", route.issuerId()).bind("version", route.version())
                .execute();
    }

    static void putResponseCodeRule(Handle handle, ResponseCodeRule rule, boolean insert) {
        String sql = insert
                ? "INSERT INTO center.response_code_rule (code, outcome, reason, customer_text_ja, customer_text_en, version)"
                        + " VALUES (:code, :outcome, :reason, :ja, :en, :version)"
                : "UPDATE center.response_code_rule SET outcome = :outcome, reason = :reason, customer_text_ja = :ja,"
                        + " customer_text_en = :en, version = :version, updated_at = now() WHERE code = :code";
        handle.createUpdate(sql)
                .bind("code", rule.code()).bind("outcome", rule.outcome().name()).bind("reason", rule.reason())
                .bind("ja", rule.customerTextJa()).bind("en", rule.customerTextEn()).bind("version", rule.version())
                .execute();
    }
}
